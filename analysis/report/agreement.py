"""Agreement of the package with hand coding, and between coders.

``python -m analysis agreement CODING.csv [CODING2.csv ...] --tables build``
reads coding CSVs written by the coding notebook (:mod:`analysis.coding`)
and the tables of the run whose units were coded, and reports for every
kind of unit (objective verdicts, sentence tone, stance toward a mentioned
country) and every pair of raters — the package and each coder, each pair
of coders — on the units both labelled:

* accuracy (share of identical labels);
* Cohen's kappa (scikit-learn's ``cohen_kappa_score``); for verdicts also
  the linearly weighted kappa on the ordinal scale not_achieved < slow <
  partial < achieved, over the units both raters placed on it
  (Cohen 1968), and for tone and stance the linearly weighted kappa on
  negative < neutral < positive;
* Krippendorff's alpha (the ``krippendorff`` package; nominal, and
  ordinal where the labels are ordered; Krippendorff 2011);
* 95% percentile bootstrap intervals resampling documents;
* the confusion matrix, and a figure of it for a paper's appendix.

The package's label of a unit: the verdict of ``assessments.csv`` for an
objective; the VADER label of the sentence (compound >= 0.05 positive,
<= -0.05 negative) for tone; for stance, the VADER label of the sentence
the country is mentioned in — the package has no stance measure of its
own yet, and this shows how far sentence tone is from stance.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import warnings
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from .. import config
from ..io.tables import read_tables, write_table
from ..measures.sentiment import REGISTER_THRESHOLD, VADER_THRESHOLD, label, score_sentences
from .coding import LABELS, read_coding
from ..progress.coded import SCALE
from ..measures.stats import N_BOOT

AGREEMENT_COLUMNS = ["kind", "rater_a", "rater_b", "n_units", "n_documents", "measure", "value", "low", "high"]
#: Ordered label scales (worst/most negative first) used for weighted kappa
#: and ordinal alpha.
ORDINAL = {"objective": SCALE, "tone": LABELS["tone"], "stance": LABELS["stance"]}
_STANCE = {"negative": "unfavourable", "neutral": "neutral", "positive": "favourable"}


def package_labels(tables: dict, kind: str) -> pd.Series:
    """The package's label of every unit of ``kind``, indexed by unit_id.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["d"], "objective_id": [2], "verdict": ["slow"]})
    >>> package_labels({"assessments": a}, "objective").to_dict()
    {'objective:d:2': 'slow'}
    """
    if kind == "objective":
        a = tables["assessments"]
        return pd.Series(a["verdict"].astype(str).to_numpy(),
                         index=[f"objective:{d}:{int(o)}" for d, o in zip(a["doc_id"], a["objective_id"])])
    s = tables["sentiment"]
    tone = dict(zip(zip(s["doc_id"].astype(str), s["sentence_id"].astype(int)),
                    label(s["compound"], VADER_THRESHOLD)))
    if kind == "tone":
        return pd.Series(list(tone.values()), index=[f"tone:{d}:{i}" for d, i in tone])
    if kind == "stance":
        m = tables["mentions"]
        return pd.Series([_STANCE[tone[(str(d), int(i))]] for d, i in zip(m["doc_id"], m["sentence_id"])],
                         index=[f"stance:{d}:{int(i)}:{int(st)}" for d, i, st in
                                zip(m["doc_id"], m["sentence_id"], m["start"])])
    raise ValueError(f"unknown unit kind {kind!r}; use one of {', '.join(LABELS)}")


def _alpha(a, b, kind, level):
    values = LABELS[kind] if level == "nominal" else ORDINAL[kind]
    code = {v: k for k, v in enumerate(values)}
    data = np.array([[code.get(x, np.nan) for x in a], [code.get(x, np.nan) for x in b]], dtype=float)
    keep = ~np.isnan(data).any(axis=0)
    data = data[:, keep]
    if data.shape[1] < 2 or len(np.unique(data)) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level,
                                    value_domain=list(range(len(values)))))


def pair_measures(a: pd.Series, b: pd.Series, kind: str) -> dict:
    """Agreement measures of two label sequences of one kind (same units, same order).

    Examples
    --------
    >>> a = pd.Series(["positive", "neutral", "negative", "neutral"])
    >>> m = pair_measures(a, a, "tone")
    >>> m["accuracy"], m["kappa"], m["alpha_nominal"]
    (1.0, 1.0, 1.0)
    """
    a, b = list(a), list(b)
    out = {"accuracy": float(np.mean([x == y for x, y in zip(a, b)])) if a else float("nan")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        labels = list(LABELS[kind])
        out["kappa"] = float(cohen_kappa_score(a, b, labels=labels)) if a else float("nan")
        scale = list(ORDINAL[kind])
        on = [(x, y) for x, y in zip(a, b) if x in scale and y in scale]
        out["kappa_linear"] = (float(cohen_kappa_score([scale.index(x) for x, _ in on],
                                                       [scale.index(y) for _, y in on],
                                                       weights="linear", labels=list(range(len(scale)))))
                               if on else float("nan"))
    out["alpha_nominal"] = _alpha(a, b, kind, "nominal")
    out["alpha_ordinal"] = _alpha([x for x, _ in on], [y for _, y in on], kind, "ordinal")
    return out


def agreement(codings: list, tables: dict, seed: int = config.SEED, n_boot: int = N_BOOT) -> dict:
    """Agreement of every pair of raters per kind of unit.

    Parameters
    ----------
    codings : list of pandas.DataFrame
        Coding tables (:data:`analysis.report.coding.CODING_COLUMNS`); a coder's
        last label of a unit counts.
    tables : dict
        The run's tables (``assessments``; ``sentiment``; ``mentions``).
    seed, n_boot : int
        The bootstrap (documents resampled).

    Returns
    -------
    dict
        ``summary`` (:data:`AGREEMENT_COLUMNS`, long form) and
        ``confusion``: {(kind, rater_a, rater_b): DataFrame}.
    """
    coding = pd.concat(codings, ignore_index=True) if codings else pd.DataFrame()
    if coding.empty:
        raise ValueError("agreement: the coding files hold no labels")
    coding = coding.drop_duplicates(["unit_id", "coder"], keep="last")
    rows, confusion = [], {}
    for kind in [k for k in LABELS if k in set(coding["kind"])]:
        c = coding[coding["kind"] == kind]
        raters = {}
        try:
            raters["package"] = package_labels(tables, kind)
        except KeyError as e:
            warnings.warn(f"agreement: the tables lack {e.args[0]!r}; {kind} units compared between coders only")
        for coder, g in c.groupby("coder", sort=True):
            raters[str(coder)] = pd.Series(g["label"].to_numpy(), index=g["unit_id"].to_numpy())
        doc = dict(zip(c["unit_id"], c["doc_id"].astype(str)))
        for ra, rb in itertools.combinations(list(raters), 2):
            units = sorted(set(raters[ra].index) & set(raters[rb].index) & set(doc))
            if not units:
                continue
            la, lb = raters[ra].loc[units], raters[rb].loc[units]
            point = pair_measures(la, lb, kind)
            docs = np.array([doc[u] for u in units])
            uniq = sorted(set(docs))
            boots = {m: [] for m in point}
            rng = np.random.default_rng([seed, len(rows)])
            for _ in range(n_boot if len(uniq) > 1 else 0):
                pick = rng.choice(uniq, size=len(uniq), replace=True)
                idx = np.concatenate([np.flatnonzero(docs == d) for d in pick])
                m = pair_measures(la.iloc[idx], lb.iloc[idx], kind)
                for k in boots:
                    boots[k].append(m[k])
            for k, v in point.items():
                b = np.asarray(boots[k], dtype=float)
                b = b[~np.isnan(b)]
                lo, hi = np.quantile(b, [0.025, 0.975]) if b.size else (float("nan"), float("nan"))
                rows.append({"kind": kind, "rater_a": ra, "rater_b": rb, "n_units": len(units),
                             "n_documents": len(uniq), "measure": k, "value": v, "low": float(lo),
                             "high": float(hi)})
            order = list(LABELS[kind])
            confusion[(kind, ra, rb)] = pd.crosstab(pd.Categorical(la.to_numpy(), categories=order),
                                                    pd.Categorical(lb.to_numpy(), categories=order),
                                                    dropna=False).rename_axis(index=ra, columns=rb)
    return {"summary": pd.DataFrame(rows, columns=AGREEMENT_COLUMNS), "confusion": confusion}


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("codings", nargs="+", type=Path, help="coding CSV files from notebook 06")
    parser.add_argument("--tables", type=Path, default=config.BUILD_DIR,
                        help="folder of the run whose units were coded (default %(default)s)")
    parser.add_argument("--out", type=Path, default=None, help="folder for agreement.csv and the confusion tables")
    parser.add_argument("--figure", type=Path, default=None, metavar="FOLDER",
                        help="write agreement-<kind>-<a>-<b>.* confusion figures here")
    parser.add_argument("--seed", type=int, default=config.SEED, help="seed of the bootstrap")
    return parser


def run(args) -> int:
    """Print the agreement report; 1 when an input cannot be used."""
    try:
        codings = [read_coding(p) if p.is_file() else _missing(p) for p in args.codings]
        if not args.tables.is_dir():
            raise ValueError(f"{args.tables}: no tables folder; run `python -m analysis run ... --out {args.tables}`")
        res = agreement(codings, read_tables(args.tables), seed=args.seed)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    with pd.option_context("display.width", 200, "display.max_rows", 500):
        print(res["summary"].round(3).to_string(index=False))
        for (kind, a, b), t in res["confusion"].items():
            print(f"\n{kind}: {a} (rows) against {b} (columns)")
            print(t.to_string())
    if args.out:
        write_table(res["summary"], args.out / "agreement.csv")
        for (kind, a, b), t in res["confusion"].items():
            write_table(t.reset_index(), args.out / f"agreement-confusion-{kind}-{a}-{b}.csv")
    if args.figure:
        from .figures import plot_confusion, save_figure  # deferred: heavy, matplotlib; only for --figure

        for (kind, a, b), t in res["confusion"].items():
            fig = plot_confusion(t, title=f"{kind}: {a} against {b}", xlabel=b, ylabel=a)
            save_figure(fig, f"agreement-{kind}-{a}-{b}", t.stack().rename("n").reset_index(), folder=args.figure)
    return 0


def _missing(path: Path):
    raise ValueError(f"{path}: coding file not found")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis agreement",
                                     description="Agreement of the package with hand coding, and between coders.")
    return run(add_arguments(parser).parse_args(argv))


def validation_agreement(coded: pd.DataFrame) -> pd.DataFrame:
    """Accuracy and Cohen's kappa (scikit-learn) of both tone scores against a hand coding.

    Parameters
    ----------
    coded : pandas.DataFrame
        Columns ``text`` and ``tone`` (``positive`` / ``neutral`` /
        ``negative``: the tone of assessment, coded by hand).

    Returns
    -------
    pandas.DataFrame
        score, n, accuracy, kappa; scores read three-way with
        :data:`VADER_THRESHOLD` and :data:`REGISTER_THRESHOLD`.

    Examples
    --------
    >>> coded = pd.DataFrame({"tone": ["positive", "negative", "neutral"], "text": [
    ...     "The program has been very successful.", "Progress has been slow.",
    ...     "The mission arrived in May."]})
    >>> validation_agreement(coded)[["score", "n"]].values.tolist()
    [['compound', 3], ['register', 3]]
    """
    if not {"text", "tone"} <= set(coded.columns):
        raise ValueError("validation table needs columns 'text' and 'tone' "
                         "(positive/neutral/negative)")
    bad = set(coded.tone) - {"positive", "neutral", "negative"}
    if bad:
        raise ValueError(f"validation tones {sorted(bad)} unknown; use positive, neutral or negative")
    s = score_sentences(coded.assign(doc_id="validation", sentence_id=range(len(coded))))
    out = []
    for score, thr in (("compound", VADER_THRESHOLD), ("register", REGISTER_THRESHOLD)):
        pred = label(s[score], thr)
        acc = float(np.mean([p == t for p, t in zip(pred, coded.tone)]))
        out.append({"score": score, "n": len(coded), "accuracy": acc,
                    "kappa": float(cohen_kappa_score(list(coded.tone), pred))})
    return pd.DataFrame(out)
