"""Compare extracted objectives and verdicts with hand coding (gold JSON).

``python -m analysis validate GOLD_DIR DOCS_DIR`` reads every ``*.json`` of
GOLD_DIR (format: ``document``, ``sections`` with ``first_words``,
``objectives`` with ``id`` and ``text``, ``assessments`` mapping each id to a
``verdict``), finds the coded text in DOCS_DIR (a ``.txt`` of the same name,
else the one containing the sections' first words), runs the objectives step
on it and reports per document and in total:

objective recall
    share of gold objectives found: a gold objective is found when a
    predicted one covers more than :data:`COVERAGE` of its words; each
    predicted objective can match one gold objective only (best coverage
    first), so an unsplit sentence cannot "find" several aims.
verdict accuracy
    share of gold objectives whose verdict the package gives. A gold
    objective that was not found counts with the predicted verdict
    ``not_assessed`` (the package says nothing about it).
weighted kappa
    Cohen's kappa with linear disagreement weights over the ordinal scale
    not_achieved < slow < partial < achieved (adjacent grades disagree by
    1/3). ``not_assessed`` is not a point on that scale: it disagrees fully
    (weight 1) with every grade and agrees with itself. NaN when chance
    disagreement is zero (every label identical).

Cohen, J. (1968). Weighted kappa. *Psychological Bulletin* 70(4), 213-220.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .loader import read_text, strip_markers

#: A gold objective is found when a predicted one holds more than this share
#: of its words ("covers most of its words", issue #5).
COVERAGE = 0.5
#: Ordinal scale of the verdicts, worst to best; not_assessed stands apart.
SCALE = ("not_achieved", "slow", "partial", "achieved")
LABELS = SCALE + ("not_assessed",)
REPORT_COLUMNS = ["document", "doc_id", "gold_objectives", "predicted_objectives", "found",
                  "recall", "correct", "accuracy", "kappa", "countries_gold", "countries_found",
                  "countries_extra"]

_WORDS = re.compile(r"[a-z]+")


def _words(text: str) -> list:
    return _WORDS.findall(strip_markers(str(text)).lower().replace("\u2019", "'"))


def coverage(gold: str, predicted: str) -> float:
    """Share of the gold objective's words that the predicted one contains.

    Examples
    --------
    >>> coverage("to encourage stability in government", "encourage stability in government and growth")
    0.8
    """
    g = _words(gold)
    p = set(_words(predicted))
    return sum(w in p for w in g) / len(g) if g else 0.0


def disagreement_weights() -> np.ndarray:
    """Linear disagreement weights over :data:`LABELS` (see module notes).

    Examples
    --------
    >>> w = disagreement_weights()
    >>> float(w[0, 1]), float(w[0, 3]), float(w[2, 4]), float(w[4, 4])
    (0.3333333333333333, 1.0, 1.0, 0.0)
    """
    n = len(LABELS)
    w = np.ones((n, n))
    k = len(SCALE) - 1
    for i in range(len(SCALE)):
        for j in range(len(SCALE)):
            w[i, j] = abs(i - j) / k
    w[n - 1, n - 1] = 0.0
    return w


def weighted_kappa(gold, predicted) -> float:
    """Cohen's weighted kappa of two label sequences over :data:`LABELS`.

    Examples
    --------
    >>> weighted_kappa(["achieved", "slow", "not_assessed"], ["achieved", "slow", "not_assessed"])
    1.0
    >>> round(weighted_kappa(["achieved", "slow", "partial"], ["partial", "slow", "partial"]), 3)
    0.571
    """
    idx = {lab: i for i, lab in enumerate(LABELS)}
    n = len(LABELS)
    obs = np.zeros((n, n))
    for g, p in zip(gold, predicted):
        if g not in idx or p not in idx:
            raise ValueError(f"unknown verdict {g if g not in idx else p!r}; use one of {LABELS}")
        obs[idx[g], idx[p]] += 1
    total = obs.sum()
    if total == 0:
        return float("nan")
    obs /= total
    exp = np.outer(obs.sum(axis=1), obs.sum(axis=0))
    w = disagreement_weights()
    de = float((w * exp).sum())
    if de == 0:
        return float("nan")
    return float(1 - (w * obs).sum() / de)


def match_objectives(gold_objectives: list, predicted: pd.DataFrame) -> dict:
    """Gold id -> (objective_id, coverage), one-to-one, best coverage first.

    Examples
    --------
    >>> p = pd.DataFrame({"objective_id": [1, 2], "text": ["to obtain tin", "to expand trade"]})
    >>> match_objectives([{"id": "g1", "text": "to expand trade"}, {"id": "g2", "text": "peace"}], p)
    {'g1': (2, 1.0)}
    """
    pairs = []
    for g in gold_objectives:
        for r in predicted.itertuples():
            c = coverage(g["text"], r.text)
            if c > COVERAGE:
                pairs.append((-c, g["id"], int(r.objective_id)))
    pairs.sort(key=lambda t: (t[0], str(t[1]), t[2]))
    out, used = {}, set()
    for negc, gid, oid in pairs:
        if gid in out or oid in used:
            continue
        out[gid] = (oid, -negc)
        used.add(oid)
    return out


def find_document(gold: dict, docs_dir: Path):
    """The text file of DOCS_DIR that ``gold`` codes, or None."""
    name = str(gold.get("document", ""))
    direct = docs_dir / f"{name}.txt"
    if direct.exists():
        return direct
    firsts = [re.sub(r"\s+", " ", s.get("first_words", "")).strip() for s in gold.get("sections", [])]
    best, best_hits = None, 0
    for path in sorted(docs_dir.glob("*.txt")):
        text = re.sub(r"\s+", " ", strip_markers(read_text(path)))
        hits = sum(1 for f in firsts if f and f in text)
        if hits > best_hits:
            best, best_hits = path, hits
    return best


def compare(gold: dict, tables: dict, doc_id: str) -> pd.DataFrame:
    """One row per gold objective: match, coverage, gold and predicted verdicts."""
    obj = tables["objectives"]
    obj = obj[obj["doc_id"].astype(str) == doc_id]
    ass = tables["assessments"]
    ass = ass[ass["doc_id"].astype(str) == doc_id].set_index("objective_id")
    matched = match_objectives(gold.get("objectives", []), obj)
    rows = []
    for g in gold.get("objectives", []):
        oid, cov = matched.get(g["id"], (None, 0.0))
        gv = gold.get("assessments", {}).get(g["id"], {}).get("verdict", "not_assessed")
        pv = ass.loc[oid, "verdict"] if oid is not None else "not_assessed"
        rows.append({"document": gold.get("document", ""), "gold_id": g["id"], "objective_id": oid,
                     "coverage": round(cov, 3), "gold_verdict": gv, "predicted_verdict": pv})
    return pd.DataFrame(rows, columns=["document", "gold_id", "objective_id", "coverage",
                                       "gold_verdict", "predicted_verdict"])


def validate(gold_dir, docs_dir, details: bool = False):
    """Per-document and total agreement with the gold coding.

    Parameters
    ----------
    gold_dir : str or Path
        Folder of gold ``*.json`` files.
    docs_dir : str or Path
        Folder of the coded statements (``*.txt``).
    details : bool, default False
        Also return the per-objective comparison.

    Returns
    -------
    pandas.DataFrame or (DataFrame, DataFrame)
        :data:`REPORT_COLUMNS`, one row per document and a ``TOTAL`` row
        (pooled over all objectives); with ``details``, also the rows of
        :func:`compare`.
    """
    from . import countries, progress
    from .loader import load_corpus

    gold_dir, docs_dir = Path(gold_dir), Path(docs_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"{gold_dir}: gold folder not found; pass the folder of gold *.json files")
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"{docs_dir}: documents folder not found; pass the folder of the coded *.txt")
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        raise FileNotFoundError(f"{gold_dir}: no *.json gold files in this folder")
    rows, det = [], []
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = find_document(gold, docs_dir)
        if doc is None:
            print(f"warning: {path.name}: no document in {docs_dir} matches it; skipped", file=sys.stderr)
            continue
        tables = load_corpus([doc])
        doc_id = str(tables["documents"]["doc_id"].iloc[0])
        for step in (countries, progress):
            tables.update(step.build_tables(tables, seed=config.SEED))
        c = compare(gold, tables, doc_id)
        det.append(c)
        row = _summary(gold.get("document", path.stem), doc_id, c,
                       int((tables["objectives"]["doc_id"].astype(str) == doc_id).sum()))
        rows.append({**row, **compare_countries(gold, tables["mentions"])})
    if det:
        allc = pd.concat(det, ignore_index=True)
        total = _summary("TOTAL", "", allc, sum(r["predicted_objectives"] for r in rows))
        total.update({k: sum(r[k] for r in rows) for k in ("countries_gold", "countries_found")})
        total["countries_extra"] = ";".join(r["countries_extra"] for r in rows if r["countries_extra"])
        rows.append(total)
    else:
        allc = pd.DataFrame()
    report = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    return (report, allc) if details else report


def compare_countries(gold: dict, mentions: pd.DataFrame) -> dict:
    """Countries of the body against the gold ``country_codes``.

    Capitals are left out (the gold codes named countries only); codes are
    compared as current ISO codes (``iso2_current``: the Soviet Union, SU,
    is RU as in the gold files). A gold code of ISO 3166-3's four letters
    (``CSHH`` for Czechoslovakia) is compared by its first two, the state's
    former alpha-2 code.

    Examples
    --------
    >>> m = pd.DataFrame({"iso2_current": ["PE", "US", "PE", "BM"],
    ...                   "kind": ["name", "abbreviation", "capital", "name"]})
    >>> compare_countries({"country_codes": ["PE", "US", "CL"]}, m)
    {'countries_gold': 3, 'countries_found': 2, 'countries_extra': 'BM'}
    >>> compare_countries({"country_codes": ["CSHH"]}, pd.DataFrame({"iso2_current": ["CS"], "kind": ["historical"]}))
    {'countries_gold': 1, 'countries_found': 1, 'countries_extra': ''}
    """
    codes = [c[:2] if len(c) == 4 else c for c in gold.get("country_codes") or []]
    found = set(mentions.loc[mentions["kind"] != "capital", "iso2_current"].dropna())
    return {"countries_gold": len(codes), "countries_found": len(found & set(codes)),
            "countries_extra": ";".join(sorted(found - set(codes)))}


def _summary(document, doc_id, c: pd.DataFrame, n_pred: int) -> dict:
    n = len(c)
    found = int(c["objective_id"].notna().sum())
    correct = int((c["gold_verdict"] == c["predicted_verdict"]).sum())
    return {"document": document, "doc_id": doc_id, "gold_objectives": n,
            "predicted_objectives": n_pred, "found": found,
            "recall": round(found / n, 3) if n else float("nan"), "correct": correct,
            "accuracy": round(correct / n, 3) if n else float("nan"),
            "kappa": round(weighted_kappa(c["gold_verdict"], c["predicted_verdict"]), 3) if n else float("nan")}


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The arguments of ``validate`` (shared by :func:`main` and the CLI)."""
    parser.add_argument("gold_dir", type=Path, help="folder of gold *.json files")
    parser.add_argument("docs_dir", type=Path, help="folder of the coded documents (*.txt)")
    parser.add_argument("--out", type=Path, default=None, help="write the report CSV here")
    parser.add_argument("--details", action="store_true", help="also print every gold objective")
    return parser


def run(args) -> int:
    """Print the report for parsed ``args``; 1 on a missing folder or file."""
    try:
        report, det = validate(args.gold_dir, args.docs_dir, details=True)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(report.to_string(index=False))
        if args.details and not det.empty:
            print()
            print(det.to_string(index=False))
    if args.out:
        from .tables import write_table
        write_table(report, args.out)
    return 0


def main(argv=None) -> int:
    """``python -m analysis validate GOLD_DIR DOCS_DIR [--out CSV] [--details]``."""
    parser = argparse.ArgumentParser(prog="python -m analysis validate",
                                     description="Compare objectives and verdicts with hand coding.")
    return run(add_arguments(parser).parse_args(argv))
