"""Agreement of objectives, evidence and verdicts with hand coding.

``python -m analysis validate GOLD_DIR DOCS_DIR [--cv] [--by region]``
reads every gold ``*.json`` of GOLD_DIR (format of ``data/coded/gold/``,
``docs/methods.md``), finds the coded statement in DOCS_DIR, extracts its
objectives and grades them, and reports per document, pooled, and pooled
per group:

objective recall / precision
    a gold objective is found when an extracted one covers more than half
    of its words (one-to-one, best coverage first); precision is the share
    of extracted objectives that find one.
verdict accuracy
    share of gold objectives whose verdict the package gives; a gold
    objective that was not found counts as predicted ``not_assessed``.
defensible accuracy (``accuracy_defensible``)
    the same, also counting right a verdict the coder flagged
    ``ambiguous`` when the package gives the other label the coder's
    ``why`` calls defensible (:func:`analysis.progress.coded.
    defensible_alternatives`). A reading aid, not a target: the targets
    and the second coder's level are strict accuracy. The summary also
    gives accuracy and kappa apart for the verdicts the coder called clear
    and those flagged ambiguous (scope ``coding``).
weighted kappa
    Cohen's kappa with linear disagreement weights over the ordinal scale
    not_achieved < slow < partial < achieved (adjacent grades disagree by
    1/3); ``not_assessed`` disagrees fully with every grade. NaN when
    chance disagreement is zero.
evidence hit
    over gold objectives with evidence: share for which a gold evidence
    sentence is among the package's (content-word Jaccard >= 0.5).

With ``--cv`` every document is graded by a model fitted on the *other*
documents (leave one document out: :func:`analysis.progress.model.
cross_validate`), so the figures are held-out figures. Without it the
shipped model (``analysis/data/progress_model.csv``) grades every document:
on the documents it was fitted on, that is a training-set figure, and the
report says so (``in_sample``). Pooled figures carry 95% percentile
bootstrap intervals over documents (documents resampled, not sentences).

Cohen, J. (1968). Weighted kappa. *Psychological Bulletin* 70(4), 213-220.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from .. import config
from ..config import seed_argument
from ..io.tables import write_table
from ..measures.countries import find_mentions
from ..measures.sentiment import VADER_THRESHOLD, vader
from ..measures.sentiment import label as vader_label
from ..measures.stance import STANCE_THRESHOLD, VADER_WEIGHTS, label, score_mentions
from ..measures.stats import N_BOOT, cluster_bootstrap, group_seed
from ..progress import objectives as objectives_step
from ..progress.model import MODEL_PATH, cross_validate, load_model
from ..progress.coded import (COVERAGE, SCALE, VERDICTS, coverage, defensible_alternatives,  # noqa: F401
                             jaccard, load_coded, match_objectives, read_gold)

LABELS = VERDICTS
REPORT_COLUMNS = ["document", "doc_id", "group", "gold_objectives", "predicted_objectives", "found",
                  "recall", "precision", "correct", "accuracy", "kappa", "evidence_coded", "evidence_hit",
                  "countries_gold", "countries_found", "countries_extra"]
DETAIL_COLUMNS = ["document", "doc_id", "group", "gold_id", "objective_id", "coverage", "gold_verdict",
                  "predicted_verdict", "confidence", "evidence_hit", "ambiguous", "alternatives"]
SUMMARY_COLUMNS = ["scope", "group", "measure", "value", "low", "high", "n_documents", "n_units", "mode"]
#: Confidence bins of the reliability table.
RELIABILITY_BINS = (0.0, 0.3, 0.5, 0.7, 0.9, 1.0000001)


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

    On the four grades alone it equals scikit-learn's
    ``cohen_kappa_score(..., weights="linear")`` (tested); it differs only in
    treating ``not_assessed`` as off the scale.

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


def compare(corpus, objectives: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """One row per gold objective: match, gold and predicted verdict, evidence hit."""
    rows = []
    ass = assessments.set_index(["doc_id", "objective_id"])
    for doc_id in corpus.doc_ids:
        gold = corpus.gold[doc_id]
        obj = objectives[objectives["doc_id"] == doc_id]
        matched = match_objectives(gold.get("objectives", []), obj)
        for g in gold.get("objectives", []):
            gid = str(g["id"])
            oid, cov = matched.get(gid, (None, 0.0))
            a = gold.get("assessments", {}).get(gid, {})
            # a file coding objectives alone (no "assessments") has no gold verdict: ""
            gv = a.get("verdict", "not_assessed") if "assessments" in gold else ""
            gold_ev = a.get("evidence") or []
            pv, conf, pred_ev = "not_assessed", float("nan"), []
            if oid is not None and (doc_id, oid) in ass.index:
                r = ass.loc[(doc_id, oid)]
                pv, conf = str(r["verdict"]), float(r["confidence"])
                pred_ev = [t for t in str(r["evidence"] or "").split(" | ") if t and t != "nan"]
            hit = (any(jaccard(x, y) >= 0.5 for x in gold_ev for y in pred_ev) if gold_ev else None)
            rows.append({"document": corpus.names[doc_id], "doc_id": doc_id,
                         "group": corpus.groups.get(doc_id, ""), "gold_id": gid, "objective_id": oid,
                         "coverage": round(cov, 3), "gold_verdict": gv, "predicted_verdict": pv,
                         "confidence": conf, "evidence_hit": hit, "ambiguous": bool(a.get("ambiguous", False)),
                         "alternatives": ";".join(defensible_alternatives(a))})
    return pd.DataFrame(rows, columns=DETAIL_COLUMNS)


def _measures(det: pd.DataFrame, n_pred: int) -> dict:
    n = len(det)
    found = int(det["objective_id"].notna().sum())
    coded = det[det["gold_verdict"] != ""]  # objectives whose verdict was coded
    right = (coded["gold_verdict"] == coded["predicted_verdict"]).to_numpy()
    correct = int(right.sum())
    # or the other label the coder called defensible for an ambiguous verdict
    alt = coded["alternatives"] if "alternatives" in coded else pd.Series("", index=coded.index)
    defensible = int((right | np.array([p in str(a).split(";") for p, a in
                                         zip(coded["predicted_verdict"], alt.fillna(""))], dtype=bool)).sum())
    ev = det["evidence_hit"].dropna()
    return {"gold_objectives": n, "predicted_objectives": n_pred, "found": found,
            "recall": found / n if n else float("nan"),
            "precision": found / n_pred if n_pred else float("nan"),
            "correct": correct, "verdicts_coded": int(len(coded)),
            "accuracy": correct / len(coded) if len(coded) else float("nan"),
            "accuracy_defensible": defensible / len(coded) if len(coded) else float("nan"),
            "kappa": (weighted_kappa(coded["gold_verdict"], coded["predicted_verdict"])
                      if len(coded) else float("nan")),
            "evidence_coded": int(len(ev)), "evidence_hit": float(ev.astype(bool).mean()) if len(ev) else float("nan")}


#: Pooled measures with bootstrap intervals.
MEASURES = ("recall", "precision", "accuracy", "accuracy_defensible", "kappa", "evidence_hit")


def summarise(det: pd.DataFrame, n_pred: dict, seed: int, mode: str, n_boot: int = N_BOOT) -> pd.DataFrame:
    """Pooled measures, overall and per group, with bootstrap intervals over documents.

    Each resample draws documents with replacement and pools their
    objectives, so the interval reflects how much the figure depends on
    which statements were coded.

    Scopes: ``pooled``; ``group`` (one per value of the grouping); and,
    when the coders flagged some verdicts ``ambiguous``, ``coding``:
    the objectives whose verdict the coder called ``clear`` and those
    called ``ambiguous``, apart. ``accuracy_defensible`` counts a verdict
    right when it is the coded one or, for an ambiguous one, the other
    label the coder called defensible (:func:`defensible_alternatives`);
    ``accuracy`` is the strict figure the targets use.
    """
    rows = []
    scopes = [("pooled", "", det)]
    groups = sorted(g for g in det["group"].unique() if g)
    scopes += [("group", g, det[det["group"] == g]) for g in groups]
    coded = det[det["gold_verdict"] != ""]
    if "ambiguous" in coded and coded["ambiguous"].astype(bool).any():
        flag = coded["ambiguous"].astype(bool)
        scopes += [("coding", "clear", coded[~flag]), ("coding", "ambiguous", coded[flag])]
    for number, (scope, group, d) in enumerate(scopes):
        docs = sorted(d["doc_id"].unique())
        by_doc = {k: g for k, g in d.groupby("doc_id")}
        point = _measures(d, sum(n_pred.get(k, 0) for k in docs))
        rng = np.random.default_rng([seed, number])  # one stream a scope
        # recall, precision and evidence are the statements', not the ambiguity classes'
        measures = MEASURES if scope != "coding" else ("accuracy", "accuracy_defensible", "kappa")
        boots = {m: [] for m in measures}
        for _ in range(n_boot if len(docs) > 1 else 0):
            pick = rng.integers(0, len(docs), size=len(docs))
            sample = pd.concat([by_doc[docs[i]] for i in pick], ignore_index=True)
            m = _measures(sample, sum(n_pred.get(docs[i], 0) for i in pick))
            for k in measures:
                boots[k].append(m[k])
        for k in measures:
            b = np.asarray(boots[k], dtype=float)
            b = b[~np.isnan(b)]
            lo, hi = (np.quantile(b, [0.025, 0.975]) if b.size else (float("nan"), float("nan")))
            units = {"evidence_hit": point["evidence_coded"], "precision": point["predicted_objectives"],
                     "accuracy": point["verdicts_coded"], "accuracy_defensible": point["verdicts_coded"],
                     "kappa": point["verdicts_coded"]}.get(
                         k, point["gold_objectives"])
            rows.append({"scope": scope, "group": group, "measure": k, "value": point[k],
                         "low": float(lo), "high": float(hi), "n_documents": len(docs),
                         "n_units": units, "mode": mode})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def confusion(det: pd.DataFrame) -> pd.DataFrame:
    """Gold verdict (rows) against predicted verdict (columns), all labels."""
    det = det[det["gold_verdict"] != ""]
    t = pd.crosstab(pd.Categorical(det["gold_verdict"], categories=LABELS),
                    pd.Categorical(det["predicted_verdict"], categories=LABELS), dropna=False)
    t.index.name, t.columns.name = "gold", "predicted"
    return t


def reliability(det: pd.DataFrame) -> pd.DataFrame:
    """Accuracy of verdicts by confidence bin (objectives that were found).

    Examples
    --------
    >>> d = pd.DataFrame({"confidence": [0.95, 0.8, 0.2], "gold_verdict": ["slow", "slow", "slow"],
    ...                   "predicted_verdict": ["slow", "partial", "slow"]})
    >>> reliability(d)[["bin", "n", "accuracy"]].values.tolist()[-3:]
    [['0.7-0.9', 1, 0.0], ['0.9-1.0', 1, 1.0], ['>=0.7', 2, 0.5]]
    """
    d = det.dropna(subset=["confidence"])
    d = d[d["gold_verdict"] != ""]
    rows = []
    for lo, hi in zip(RELIABILITY_BINS[:-1], RELIABILITY_BINS[1:]):
        g = d[(d["confidence"] >= lo) & (d["confidence"] < hi)]
        rows.append({"bin": f"{lo:.1f}-{min(hi, 1.0):.1f}", "n": int(len(g)),
                     "mean_confidence": float(g["confidence"].mean()) if len(g) else float("nan"),
                     "accuracy": float((g["gold_verdict"] == g["predicted_verdict"]).mean()) if len(g) else float("nan")})
    hi = d[d["confidence"] >= 0.7]
    rows.append({"bin": ">=0.7", "n": int(len(hi)),
                 "mean_confidence": float(hi["confidence"].mean()) if len(hi) else float("nan"),
                 "accuracy": float((hi["gold_verdict"] == hi["predicted_verdict"]).mean()) if len(hi) else float("nan")})
    return pd.DataFrame(rows, columns=["bin", "n", "mean_confidence", "accuracy"])


def compare_countries(gold: dict, mentions: pd.DataFrame) -> dict:
    """Countries of the body against the gold ``country_codes``.

    Capitals are left out (the gold codes named countries only); codes are
    compared as current ISO codes (``iso2_current``: the Soviet Union, SU,
    is RU as in the gold files). A gold code of ISO 3166-3's four letters
    (``CSHH`` for Czechoslovakia) is compared by its first two.

    Examples
    --------
    >>> m = pd.DataFrame({"iso2_current": ["PE", "US", "PE", "BM"],
    ...                   "kind": ["name", "abbreviation", "capital", "name"]})
    >>> compare_countries({"country_codes": ["PE", "US", "CL"]}, m)
    {'countries_gold': 3, 'countries_found': 2, 'countries_extra': 'BM'}
    """
    codes = [c[:2] if len(c) == 4 else c for c in gold.get("country_codes") or []]
    found = set(mentions.loc[mentions["kind"] != "capital", "iso2_current"].dropna())
    return {"countries_gold": len(codes), "countries_found": len(found & set(codes)),
            "countries_extra": ";".join(sorted(found - set(codes)))}


def validate(gold_dir, docs_dir, details: bool = False, cv: bool = False, by: str | None = None,
             seed: int = config.SEED, errors: list | None = None, n_boot: int = N_BOOT):
    """Agreement with the coding, per document and pooled.

    Parameters
    ----------
    gold_dir, docs_dir : str or Path
        Folder of gold ``*.json``; folder of the coded ``*.txt``.
    details : bool, default False
        Also return the per-objective comparison, the pooled summary, the
        confusion matrix and the reliability table.
    cv : bool, default False
        Leave-one-document-out: each document graded by a model fitted on
        the others (held-out figures). Otherwise the shipped model grades
        all (``mode`` is ``in_sample`` when they are the documents it was
        fitted on, ``shipped`` otherwise).
    by : str, optional
        Column of ``DOCS_DIR/provenance.csv`` to group documents by.
    seed : int
        Seed of the bootstrap.
    errors : list, optional
        Receives one line per gold file that could not be used.

    Returns
    -------
    pandas.DataFrame or dict
        The per-document report (:data:`REPORT_COLUMNS`, with a ``TOTAL``
        row); with ``details``, a dict of ``report``, ``details``,
        ``summary``, ``confusion``, ``reliability``, ``mode`` and, with
        ``cv``, ``folds`` (what each fold's model chose:
        :func:`analysis.progress.model.fold_parameters`).
    """
    # deferred: the pipeline (every step's libraries) only to validate; `--help` imports this module
    from ..pipeline import run_steps

    corpus = load_coded(gold_dir, docs_dir, group_by=by, errors=errors)
    objectives = objectives_step.extract_objectives(corpus.sentences)
    if cv:
        res = cross_validate(corpus, objectives)
        assessments, mode = res["assessments"], "held_out"
    else:
        assessments = load_model().predict(objectives, corpus.sentences)["assessments"]
        mode = ("in_sample" if Path(docs_dir).resolve() == (config.DATA_DIR / "coded").resolve()
                and Path(MODEL_PATH).exists() else "shipped")
    det = compare(corpus, objectives, assessments)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mentions = run_steps({"documents": corpus.documents, "sentences": corpus.sentences},
                             seed=seed, steps=["countries"])["mentions"]
    n_pred = objectives.groupby("doc_id").size().to_dict()
    rows = []
    for doc_id in corpus.doc_ids:
        d = det[det["doc_id"] == doc_id]
        m = _measures(d, int(n_pred.get(doc_id, 0)))
        rows.append({"document": corpus.names[doc_id], "doc_id": doc_id,
                     "group": corpus.groups.get(doc_id, ""), **m,
                     **compare_countries(corpus.gold[doc_id], mentions[mentions["doc_id"] == doc_id])})
    total = _measures(det, int(sum(n_pred.get(d, 0) for d in corpus.doc_ids)))
    total.update({"document": "TOTAL", "doc_id": "", "group": ""})
    total.update({k: sum(r[k] for r in rows) for k in ("countries_gold", "countries_found")})
    total["countries_extra"] = ";".join(r["countries_extra"] for r in rows if r["countries_extra"])
    rows.append(total)
    report = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    for c in ("recall", "precision", "accuracy", "kappa", "evidence_hit"):
        report[c] = report[c].astype(float).round(3)
    if not details:
        return report
    out = {"report": report, "details": det,
           "summary": summarise(det, n_pred, seed=seed, mode=mode, n_boot=n_boot),
           "confusion": confusion(det), "reliability": reliability(det), "mode": mode}
    if cv:
        out["folds"] = res["folds"]
    return out


#: Columns of :func:`second_coder_agreement`.
SECOND_CODER_COLUMNS = ["document", "gold_objectives", "other_objectives", "found", "recall", "precision",
                        "verdicts_compared", "verdicts_agree", "kappa"]


def second_coder_agreement(gold_dir, other_dir) -> pd.DataFrame:
    """A second coder's gold files against those of ``gold_dir``: objectives, then verdicts.

    Each file of ``gold_dir`` is paired with the file of the same name in
    ``other_dir``; the other coder's objectives are matched to the gold ones
    as the package's are (:func:`analysis.progress.coded.match_objectives`:
    one-to-one, at least half of a gold aim's content words covered), so
    ``recall`` and ``precision`` are on the scale of the package's. Where
    both files code verdicts, the verdicts of the matched objectives are
    compared: ``verdicts_agree`` (share the same) and weighted ``kappa``
    (:func:`weighted_kappa`), the level a grader can hope to reach. A last
    row ``TOTAL`` pools the documents.

    Raises
    ------
    ValueError
        One line naming the folder: a gold file with no counterpart.

    Examples
    --------
    >>> import json, tempfile
    >>> a, b = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
    >>> _ = (a / "d.json").write_text(json.dumps({"document": "d", "objectives": [
    ...     {"id": "1", "text": "to expand trade"}, {"id": "2", "text": "to obtain tin"}],
    ...     "assessments": {"1": {"verdict": "slow"}, "2": {"verdict": "achieved"}}}))
    >>> _ = (b / "d.json").write_text(json.dumps({"document": "d", "objectives": [
    ...     {"id": "x", "text": "to expand trade with the west"}],
    ...     "assessments": {"x": {"verdict": "slow"}}}))
    >>> t = second_coder_agreement(a, b)
    >>> t[["document", "found", "recall", "precision", "verdicts_compared", "verdicts_agree"]].values.tolist()
    [['d', 1, 0.5, 1.0, 1, 1.0], ['TOTAL', 1, 0.5, 1.0, 1, 1.0]]
    """
    gold_dir, other_dir = Path(gold_dir), Path(other_dir)
    rows, pairs = [], []
    for path in sorted(gold_dir.glob("*.json")):
        other = other_dir / path.name
        if not other.is_file():
            raise ValueError(f"validate: second coder's folder '{other_dir}' has no {path.name}; "
                             "code every document of the gold folder")
        gold, second = read_gold(path), read_gold(other)
        predicted = pd.DataFrame({"objective_id": range(len(second["objectives"])),
                                  "text": [str(o["text"]) for o in second["objectives"]]})
        matched = match_objectives(gold["objectives"], predicted)
        verdicts = []
        if "assessments" in gold and "assessments" in second:
            for gid, (k, _) in matched.items():
                verdicts.append((gold["assessments"].get(gid, {}).get("verdict", "not_assessed"),
                                 second["assessments"].get(str(second["objectives"][k]["id"]), {})
                                 .get("verdict", "not_assessed")))
        pairs += verdicts
        rows.append({"document": path.stem, "gold_objectives": len(gold["objectives"]),
                     "other_objectives": len(second["objectives"]), "found": len(matched),
                     **_verdict_agreement(verdicts)})
    total = {k: sum(r[k] for r in rows) for k in ("gold_objectives", "other_objectives", "found")}
    rows.append({"document": "TOTAL", **total, **_verdict_agreement(pairs)})
    t = pd.DataFrame(rows)
    t["recall"] = t["found"] / t["gold_objectives"].where(t["gold_objectives"] > 0)
    t["precision"] = t["found"] / t["other_objectives"].where(t["other_objectives"] > 0)
    return t[SECOND_CODER_COLUMNS]


def _verdict_agreement(pairs: list) -> dict:
    if not pairs:
        return {"verdicts_compared": 0, "verdicts_agree": float("nan"), "kappa": float("nan")}
    gold, other = zip(*pairs)
    return {"verdicts_compared": len(pairs), "verdicts_agree": sum(g == o for g, o in pairs) / len(pairs),
            "kappa": weighted_kappa(gold, other)}


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The arguments of ``validate`` (shared by :func:`main` and the CLI)."""
    parser.add_argument("gold_dir", type=Path, help="folder of gold *.json files")
    parser.add_argument("docs_dir", type=Path, help="folder of the coded documents (*.txt)")
    parser.add_argument("--cv", action="store_true",
                        help="leave one document out: refit on the others, score the one left out")
    parser.add_argument("--by", default=None, metavar="COLUMN",
                        help="group the pooled figures by this column of DOCS_DIR/provenance.csv (e.g. region)")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for the tables (validation_*.csv)")
    parser.add_argument("--figure", type=Path, default=None, metavar="FOLDER",
                        help="write the confusion-matrix figure validation-confusion.* to this folder")
    parser.add_argument("--seed", type=seed_argument, default=config.SEED,
                        help="seed of the bootstrap")
    parser.add_argument("--details", action="store_true", help="also print every gold objective")
    parser.add_argument("--second-coder", type=Path, default=None, metavar="FOLDER",
                        help="also compare a second coder's gold files (same names) with GOLD_DIR's "
                             "objectives; writes second_coder.csv to --out")
    parser.add_argument("--stance", type=Path, default=None, metavar="FOLDER",
                        help="also score mention stance against this validation set "
                             "(data/coded/mention_stance); writes stance_agreement.csv to --out")
    return parser


def run(args) -> int:
    """Print the report for parsed ``args``; 1 on an unusable input."""
    errors: list = []
    res = None
    try:
        res = validate(args.gold_dir, args.docs_dir, details=True, cv=args.cv, by=args.by,
                       seed=args.seed, errors=errors)
    except (FileNotFoundError, ValueError) as e:
        errors.append(str(e))
    for line in errors:
        print(f"error: {line}", file=sys.stderr)
    if res is None:
        return 1
    with pd.option_context("display.width", 220, "display.max_columns", 30):
        print(f"mode: {res['mode']}" + {
            "held_out": "",
            "in_sample": "  (the shipped model on statements it was fitted on: not held out; "
                         "use --cv for held-out figures)",
            "shipped": "  (the shipped model, fitted on data/coded: held out for statements "
                       "not among those)"}.get(res["mode"], ""))
        print(res["report"].drop(columns=["countries_extra"]).to_string(index=False))
        print()
        s = res["summary"].copy()
        print(s.round(3).to_string(index=False))
        print()
        print(res["confusion"].to_string())
        print()
        print(res["reliability"].round(3).to_string(index=False))
        if args.details:
            print()
            print(res["details"].to_string(index=False))
    if args.out:
        for name in ("report", "details", "summary", "reliability"):
            write_table(res[name], Path(args.out) / f"validation_{name}.csv")
        write_table(res["confusion"].reset_index(), Path(args.out) / "validation_confusion.csv")
        if "folds" in res:  # what each fold's model chose from the other statements' coding
            write_table(res["folds"].round(6), Path(args.out) / "validation_folds.csv")
    extras = []
    if getattr(args, "second_coder", None):
        extras.append(("the second coder against GOLD_DIR: objectives, and verdicts of the matched ones "
                       "(the level a method can reach)", "second_coder.csv",
                       lambda: second_coder_agreement(args.gold_dir, args.second_coder)))
    if getattr(args, "stance", None):
        extras.append(("tone toward a country: mention stance vs the coders' agreed labels "
                       "(intervals resample documents)", "stance_agreement.csv",
                       lambda: stance_agreement(args.stance, args.docs_dir, seed=args.seed)[0]))
    for title, file_name, compute in extras:  # tables beside the verdicts', printed and written alike
        try:
            table = compute()
        except (FileNotFoundError, ValueError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        print()
        print(title)
        print(table.round(3).to_string(index=False))
        if args.out:
            write_table(table, Path(args.out) / file_name)
    if args.figure:
        from .figures import plot_confusion, save_figure  # deferred: heavy, matplotlib; only for --figure

        data = res["confusion"].stack().rename("n").reset_index()
        save_figure(plot_confusion(res["confusion"], res["mode"]), "validation-confusion", data,
                    folder=args.figure)
    return 1 if errors else 0


def main(argv=None) -> int:
    """``python -m analysis validate GOLD_DIR DOCS_DIR [--cv] [--by COL] [--out DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m analysis validate",
                                     description="Compare objectives, evidence and verdicts with hand coding.")
    return run(add_arguments(parser).parse_args(argv))


# --- Tone toward a country: mention stance against the coders' agreed labels ---------------

#: Columns of ``stance_agreement.csv`` (read by the tone-by-country figure).
#: ``found_negative`` / ``found_positive``: of the coders' negative (positive)
#: mentions, how many the method labels so; ``non_neutral`` / ``non_neutral_right``:
#: how many mentions it labels non-neutral, and how many of those agree.
STANCE_COLUMNS = ["method", "split", "n", "accuracy", "kappa", "accuracy_lo", "accuracy_hi",
                  "n_negative", "found_negative", "n_positive", "found_positive", "non_neutral",
                  "non_neutral_right"]
#: Label thresholds the fit of :data:`analysis.measures.stance.STANCE_THRESHOLD` chooses
#: from (0.10 to 0.70 by 0.04: from below a single faint cue to two strong ones).
STANCE_GRID = tuple(round(0.10 + 0.04 * i, 2) for i in range(16))
#: Weights of VADER-only cues (positive valence, negative valence) the fit of
#: :data:`analysis.measures.stance.VADER_WEIGHTS` chooses from: none, a quarter,
#: a half (three quarters for negative words), all.
VADER_WEIGHT_GRID = tuple((p, n) for p in (0.0, 0.25, 0.5, 1.0) for n in (0.0, 0.25, 0.5, 0.75, 1.0))
#: Split of a stance set that is never fitted on: scored once, with the shipped parameters.
#: Every split whose name begins with it is one (``test``: whole volumes; ``test_statements``:
#: synthetic policy statements).
TEST_SPLIT = "test"
STANCE_FILES = ("units.csv", "coder-A.csv", "coder-B.csv", "split.csv")


def is_test_split(split) -> bool:
    """Whether a stance set's split is never fitted on (its name begins with :data:`TEST_SPLIT`).

    Examples
    --------
    >>> is_test_split("test"), is_test_split("test_statements"), is_test_split("fresh")
    (True, True, False)
    """
    return str(split).startswith(TEST_SPLIT)


def load_stance_set(folder) -> pd.DataFrame:
    """The mention-stance validation set: units with both codings and the gold label.

    ``gold`` is the label both coders gave; a unit they disagree on has an
    empty gold and is left out of every agreement figure.

    Raises
    ------
    ValueError
        One line naming the file: missing, or codings not one row per unit in
        the units' order, or a label other than positive/neutral/negative.

    Examples
    --------
    >>> t = load_stance_set(config.DATA_DIR / "coded" / "mention_stance")
    >>> len(t), sorted(t["split"].unique())
    (200, ['dev', 'heldout'])
    """
    folder = Path(folder)
    for name in STANCE_FILES:
        if not (folder / name).is_file():
            raise ValueError(f"validate: stance set '{folder}' lacks {name} "
                             f"(needs {', '.join(STANCE_FILES)})")
    units = pd.read_csv(folder / "units.csv", dtype={"doc_id": str})
    for coder in ("A", "B"):
        path = folder / f"coder-{coder}.csv"
        c = pd.read_csv(path, dtype=str, keep_default_na=False)
        if list(c.get("mention_id", [])) != list(units["mention_id"]):
            raise ValueError(f"validate: '{path}' must have one row per unit of units.csv, "
                             "in the same order (column mention_id)")
        bad = sorted(set(c["stance"]) - {"positive", "neutral", "negative"})
        if bad:
            raise ValueError(f"validate: '{path}' has stance(s) {bad}; use positive, neutral, negative")
        units[f"coder_{coder}"] = c["stance"].to_numpy()
    split = pd.read_csv(folder / "split.csv", dtype=str)
    units = units.merge(split, on="doc_id", how="left")
    if units["split"].isna().any():
        missing = sorted(units.loc[units["split"].isna(), "doc_id"].unique())
        raise ValueError(f"validate: '{folder / 'split.csv'}' gives no split for {missing}")
    units["gold"] = np.where(units["coder_A"] == units["coder_B"], units["coder_A"], "")
    return units


def _unmarked(units: pd.DataFrame) -> pd.Series:
    """Each unit's sentence: ``marked`` without the ``[[ ]]`` around the mention."""
    return units["marked"].str.replace("[[", "", regex=False).str.replace("]]", "", regex=False)


def _match_units(units: pd.DataFrame, tables: dict) -> pd.DataFrame:
    """Each unit with the package's mention stance and sentence VADER score.

    A unit is found by its document, the text of its sentence (``marked``
    without the brackets), its country and character span, so a change of
    sentence numbering (an editorial row inserted) does not lose it.
    """
    sent = tables["sentences"]
    text = _unmarked(units)
    u = units.assign(_text=text)
    found = sent[["doc_id", "sentence_id", "text"]].rename(columns={"text": "_text"})
    u = u.drop(columns="sentence_id").merge(found.drop_duplicates(["doc_id", "_text"]),
                                            on=["doc_id", "_text"], how="left")
    ms = score_mentions(tables["mentions"], sent)
    ms = ms.merge(tables["sentiment"][["doc_id", "sentence_id", "compound"]],
                  on=["doc_id", "sentence_id"], how="left")
    u = u.merge(ms[["doc_id", "sentence_id", "iso2", "start", "end", "stance", "window",
                    "compound"]], on=["doc_id", "sentence_id", "iso2", "start", "end"], how="left")
    return u


def _agreement_row(method, split, gold, pred, docs, seed) -> dict:
    gold, pred = list(gold), list(pred)
    n = len(gold)
    counts = {f"{k}_{v}": 0 for k in ("n", "found") for v in ("negative", "positive")}
    counts.update(non_neutral=0, non_neutral_right=0)
    for g, p in zip(gold, pred):
        if g in ("negative", "positive"):
            counts[f"n_{g}"] += 1
            counts[f"found_{g}"] += int(p == g)
        if p in ("negative", "positive"):
            counts["non_neutral"] += 1
            counts["non_neutral_right"] += int(p == g)
    if not n:
        return {"method": method, "split": split, "n": 0, "accuracy": np.nan, "kappa": np.nan,
                "accuracy_lo": np.nan, "accuracy_hi": np.nan, **counts}
    hit = [float(g == p) for g, p in zip(gold, pred)]
    acc, lo, hi, _ = cluster_bootstrap(hit, list(docs), seed=group_seed(seed, (method, split)))
    labels = ["negative", "neutral", "positive"]
    kappa = (float(cohen_kappa_score(gold, pred, labels=labels))
             if len(set(gold) | set(pred)) > 1 else np.nan)
    return {"method": method, "split": split, "n": n, "accuracy": acc, "kappa": kappa,
            "accuracy_lo": lo, "accuracy_hi": hi, **counts}


def fit_stance(scores: dict, gold) -> tuple:
    """The VADER weights and label threshold with the most mentions right.

    Parameters
    ----------
    scores : dict
        Each pair of :data:`VADER_WEIGHT_GRID` → the units' stance scores with
        those weights (arrays in one order).
    gold : array-like
        The units' agreed labels, in that order.

    Returns
    -------
    tuple
        ``(vader_weights, threshold)``; ties go to the first in grid order
        (smaller weights, then the smaller threshold).

    Examples
    --------
    >>> s = {w: np.array([0.5, 0.1, -0.2]) * (1 + w[1]) for w in VADER_WEIGHT_GRID}
    >>> fit_stance(s, ["positive", "neutral", "negative"])
    ((0.0, 0.0), 0.14)
    """
    gold = np.asarray(gold)
    best, choice = -1.0, None
    for w in VADER_WEIGHT_GRID:
        for t in STANCE_GRID:
            acc = float(np.mean(np.asarray(label(scores[w], t)) == gold))
            if acc > best:
                best, choice = acc, (w, t)
    return choice


def stance_pool(folder) -> pd.DataFrame:
    """Every agreed unit the stance parameters are fitted on: all but the test splits'.

    The statement units of ``folder`` and those of each sub-folder holding a
    stance set (``volumes`` …) whose split is not a test split (:func:`is_test_split`);
    column ``set`` names the folder (``statements`` for the top one).
    """
    sets = [load_stance_set(folder).assign(set="statements")]
    sets += [load_stance_set(sub).assign(set=sub.name) for sub in _stance_subsets(folder)]
    pool = pd.concat(sets, ignore_index=True)
    return pool[(pool["gold"] != "") & ~pool["split"].map(is_test_split)].reset_index(drop=True)


def pool_scores(pool: pd.DataFrame) -> dict:
    """Stance of each unit of ``pool`` from its own sentence, for each pair of :data:`VADER_WEIGHT_GRID`."""
    sents, mentions = _unit_mentions(pool)  # found once; only the scoring depends on the weights
    return {w: _unit_stance(pool, sents, mentions, w)["stance"].fillna(0.0).to_numpy()
            for w in VADER_WEIGHT_GRID}


def _stance_subsets(folder) -> list:
    return sorted(p for p in Path(folder).iterdir() if (p / "units.csv").is_file())


def stance_agreement(folder, docs_dir, seed: int = config.SEED, tables: dict | None = None):
    """Agreement of mention stance, sentence VADER and all-neutral with the gold labels.

    Parameters
    ----------
    folder : str or Path
        The validation set (``data/coded/mention_stance``: units.csv,
        coder-A.csv, coder-B.csv, split.csv).
    docs_dir : str or Path
        The coded statements the units come from (``data/coded``).
    seed : int
        Seed of the intervals, which resample *documents* (95% percentile).
    tables : dict, optional
        Tables of ``docs_dir`` already built (``sentences``, ``mentions``,
        ``sentiment``); loaded when absent.

    Returns
    -------
    tuple of (pandas.DataFrame, pandas.DataFrame)
        The agreement table (:data:`STANCE_COLUMNS`; ``method`` is
        ``mention_stance`` (the package), ``window_vader`` (VADER's compound on
        the same clause, ±0.05), ``sentence_vader`` (VADER on the whole
        sentence, what ``country_sentiment`` used before) or ``all_neutral``;
        ``split`` is ``dev``,
        ``heldout`` — statements not used to write the rules; since the
        fit of the VADER weights and threshold (2026-12-03) both halves are
        fitted on —, ``all``, ``lodo`` and ``lodo_volumes``: the statement
        units and the fitted volume units, each document's scored with the
        weights and threshold refitted (:func:`fit_stance`) on every other
        document of :func:`stance_pool`; the row ``coders`` gives the two
        coders' agreement with each other over every unit; then the rows of
        each sub-folder's set, :func:`fresh_stance_agreement`, whose split
        ``test`` is the one never fitted on) and the statement units with
        their predictions.
    """
    units = load_stance_set(folder)
    if tables is None:
        from ..pipeline import load_measured  # deferred: as in validate(), off the `--help` path

        tables = load_measured([docs_dir])
    u = _match_units(units, tables)
    u["matched"] = u["stance"].notna()
    u["mention_stance"] = label(u["stance"].fillna(0.0), STANCE_THRESHOLD)
    u["sentence_vader"] = vader_label(u["compound"].fillna(0.0), VADER_THRESHOLD)
    analyzer = vader()  # VADER on the same clause the mention stance reads
    u["window_vader"] = vader_label([analyzer.polarity_scores(w)["compound"] if isinstance(w, str)
                                     else 0.0 for w in u["window"]], VADER_THRESHOLD)
    u["all_neutral"] = "neutral"
    pool = stance_pool(folder)
    pool["mention_stance_lodo"] = _lodo_labels(pool, pool_scores(pool))
    u = u.merge(pool.loc[pool["set"] == "statements", ["mention_id", "mention_stance_lodo"]],
                on="mention_id", how="left")
    g = u[(u["gold"] != "") & u["matched"]]
    rows = []
    for split in ("heldout", "dev", "all"):
        s = g if split == "all" else g[g["split"] == split]
        for method in ("mention_stance", "window_vader", "sentence_vader", "all_neutral"):
            rows.append(_agreement_row(method, split, s["gold"], s[method], s["doc_id"], seed))
    fitted = g[g["mention_stance_lodo"].notna()]  # a unit of a test split is never refitted
    if len(fitted):
        rows.append(_agreement_row("mention_stance", "lodo", fitted["gold"],
                                   fitted["mention_stance_lodo"], fitted["doc_id"], seed))
    vol = pool[pool["set"] != "statements"]
    if len(vol):
        rows.append(_agreement_row("mention_stance", "lodo_volumes", vol["gold"],
                                   vol["mention_stance_lodo"], vol["doc_id"], seed))
        rows.append(_agreement_row("all_neutral", "lodo_volumes", vol["gold"],
                                   ["neutral"] * len(vol), vol["doc_id"], seed))
    rows.append(_agreement_row("coders", "all", units["coder_A"], units["coder_B"],
                               units["doc_id"], seed))
    for sub in _stance_subsets(folder):
        rows += fresh_stance_agreement(sub, seed=seed)[0].to_dict("records")
    return pd.DataFrame(rows, columns=STANCE_COLUMNS), u


def _lodo_labels(pool: pd.DataFrame, scores: dict) -> np.ndarray:
    """Each unit's label with the parameters fitted on every other document of ``pool``."""
    out = np.empty(len(pool), dtype=object)
    docs = pool["doc_id"].to_numpy()
    for doc in sorted(set(docs)):
        out_doc = docs == doc
        w, t = fit_stance({k: x[~out_doc] for k, x in scores.items()}, pool["gold"][~out_doc])
        out[out_doc] = label(scores[w][out_doc], t)
    return out


def _units_alone(units: pd.DataFrame, vader_weights: tuple = VADER_WEIGHTS) -> pd.DataFrame:
    """Mention stance of units scored from their own sentence (``marked``).

    Each unit's sentence is a document of its own: its country mentions are
    found again (so attribution sees every country of the sentence), the
    unit's own mention is added if the detector's document rule dropped it,
    and :func:`analysis.measures.stance.score_mentions` scores them; the
    unit keeps its own mention's stance and window. This is what the
    pipeline computes for that sentence, without the whole source text.
    """
    sents, mentions = _unit_mentions(units)
    u = _unit_stance(units, sents, mentions, vader_weights)
    analyzer = vader()
    u["compound"] = [analyzer.polarity_scores(t)["compound"] for t in sents["text"]]
    return u


def _unit_mentions(units: pd.DataFrame) -> tuple:
    """Each unit's sentence as a one-sentence document, and every mention in it (its own included)."""
    sents = pd.DataFrame({"doc_id": units["mention_id"].astype(str), "sentence_id": 0,
                          "text": _unmarked(units)})
    found = find_mentions(sents)
    own = pd.DataFrame({"doc_id": sents["doc_id"], "sentence_id": 0, "iso2": units["iso2"].astype(str),
                        "country": units["country"].astype(str), "kind": "name",
                        "start": units["start"].astype("int64"), "end": units["end"].astype("int64")})
    m = pd.concat([found[own.columns], own], ignore_index=True)
    m = m.drop_duplicates(["doc_id", "start", "end"]).sort_values(["doc_id", "start"], kind="stable")
    return sents, m.reset_index(drop=True)


def _unit_stance(units, sents, mentions, vader_weights) -> pd.DataFrame:
    """``units`` with their own mention's ``stance`` and ``window`` under ``vader_weights``."""
    ms = score_mentions(mentions, sents, vader_weights=vader_weights)
    ms = ms.drop_duplicates(["doc_id", "start", "end"])
    u = units.assign(_key=sents["doc_id"].to_numpy()).merge(
        ms[["doc_id", "start", "end", "stance", "window"]].rename(columns={"doc_id": "_key"}),
        on=["_key", "start", "end"], how="left")
    return u.drop(columns="_key")


def fresh_stance_agreement(folder, seed: int = config.SEED):
    """Agreement on a stance set scored from its units alone (its split, e.g. ``fresh``).

    The set (units.csv, coder-A.csv, coder-B.csv, split.csv, as
    :func:`load_stance_set` reads them) holds sentences of any text; no
    source document is needed. Rows as in :func:`stance_agreement`, ``split``
    from the set's ``split.csv`` (one split per set: ``fresh`` for the first
    volume set, fitted on since 2026-12-03; ``test`` for one never fitted
    on); the ``coders`` row gives the two coders' agreement on these units.
    When the units come from more than one section (statements, not whole
    volumes), mention stance and all-neutral are also given per section,
    split ``<split>/<section>``.
    """
    units = load_stance_set(folder)
    splits = sorted(units["split"].unique())
    if len(splits) != 1:
        raise ValueError(f"validate: stance set '{folder}' has splits {splits}; "
                         "a set scored from its units alone needs one")
    split = splits[0]
    u = _units_alone(units)
    u["mention_stance"] = label(u["stance"].fillna(0.0), STANCE_THRESHOLD)
    u["sentence_vader"] = vader_label(u["compound"], VADER_THRESHOLD)
    analyzer = vader()
    u["window_vader"] = vader_label([analyzer.polarity_scores(w)["compound"] if isinstance(w, str)
                                     else 0.0 for w in u["window"]], VADER_THRESHOLD)
    u["all_neutral"] = "neutral"
    g = u[u["gold"] != ""]
    rows = [_agreement_row(method, split, g["gold"], g[method], g["doc_id"], seed)
            for method in ("mention_stance", "window_vader", "sentence_vader", "all_neutral")]
    rows.append(_agreement_row("coders", split, units["coder_A"], units["coder_B"],
                               units["doc_id"], seed))
    if "section" in g and g["section"].nunique() > 1:
        for section, part in g.groupby("section", sort=True):
            rows += [_agreement_row(method, f"{split}/{section}", part["gold"], part[method],
                                    part["doc_id"], seed) for method in ("mention_stance", "all_neutral")]
    return pd.DataFrame(rows, columns=STANCE_COLUMNS), u
