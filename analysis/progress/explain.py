"""Why an objective got its verdict: evidence, features and their pull."""
from __future__ import annotations

import pandas as pd  # noqa: F401  (the doctests build tables)

from .. import config
from ..io.tables import read_tables
from ..measures.evaluative import CATEGORIES, score_text
from .evidence import pair_features
from .grading import (ASSESS_FEATURES, GRADE_FEATURES, OBJECTIVE_FEATURES, drop_weak_readings,
                      objective_features)
from .model import load_model


def explain(doc_id, objective_id: int, tables=None, model=None) -> str:
    """Why an objective got its verdict: the evidence, the features, their pull.

    Parameters
    ----------
    doc_id : str
        Document id as in ``documents.csv``.
    objective_id : int
        Objective number within the document (1..).
    tables : dict or str or Path, optional
        The pipeline's tables (needs ``sentences``, ``objectives``,
        ``alignment``, ``assessments``) or a folder of their CSV files;
        default :data:`analysis.config.BUILD_DIR`.
    model : ProgressModel, optional
        The model that graded the tables; default the shipped one.

    Returns
    -------
    str
        A readable report (print it): the objective; the verdict and its
        confidence; the evidence sentences with the ranker's probability,
        the link that found them and their evaluative cues; the best
        sentences not kept; and each feature with how far it moved the
        decision that the aim is assessed (stage 1) and the chosen grade
        against the others (stage 2), in logit units.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2],
    ...     "section": ["objectives", "evaluation", "evaluation"], "paragraph": [1, 2, 2],
    ...     "text": ["We seek to expand trade.",
    ...              "Our efforts to expand trade have made slow progress.",
    ...              "The mission arrived in May."]})
    >>> from analysis.progress import build_tables
    >>> t = {"sentences": s}; t.update(build_tables(t, seed=0))
    >>> print(explain("d", 1, t))  # doctest: +ELLIPSIS
    d, objective 1 (sentence 0): to expand trade
    verdict: ... (confidence ...)
    evidence (probability that a coder cites it, link, cues):
    ...
    features (value; pull on 'assessed' | pull toward ...):
    ...
    """
    if tables is None:
        tables = config.BUILD_DIR
    if not isinstance(tables, dict):
        folder = tables
        tables = read_tables(folder)
        if "assessments" not in tables:
            raise FileNotFoundError(f"{folder}: no assessments.csv; run `python -m analysis run data/raw --out {folder}` first")
    for name in ("sentences", "objectives", "alignment", "assessments"):
        if name not in tables:
            raise KeyError(f"tables lack {name!r}; pass the output of analysis.pipeline.build")
    model = model or load_model()
    doc_id, objective_id = str(doc_id), int(objective_id)
    obj = tables["objectives"]
    doc_obj = obj[obj["doc_id"].astype(str) == doc_id]
    o = doc_obj[doc_obj["objective_id"] == objective_id]
    if o.empty:
        raise KeyError(f"no objective {objective_id} in document {doc_id!r}; "
                       f"known objectives: {sorted(doc_obj['objective_id'].tolist())}")
    o = o.iloc[0]
    a = tables["assessments"]
    a = a[(a["doc_id"].astype(str) == doc_id) & (a["objective_id"] == objective_id)].iloc[0]
    al = tables["alignment"]
    al = al[(al["doc_id"].astype(str) == doc_id) & (al["objective_id"] == objective_id)]
    sent = tables["sentences"]
    sent = sent[sent["doc_id"].astype(str) == doc_id]
    text = dict(zip(sent["sentence_id"].astype(int), sent["text"].astype(str)))
    horizon = str(o.get("horizon", "") or "")
    lines = [f"{doc_id}, objective {objective_id} (sentence {int(o['sentence_id'])}): {o['text']}"
             + (f"  [{horizon.replace('_', '-')}]" if horizon and horizon != "nan" else ""),
             f"verdict: {a['verdict']} (confidence {float(a['confidence']):.2f})"]
    lines.append("evidence (probability that a coder cites it, link, cues):")
    kept = al[al["evidence"].astype(str).isin(["True", "true", "1"])].sort_values("rank")
    if kept.empty:
        lines.append("  none: no evaluation sentence reaches the learned threshold")

    def cues(sid):
        d = score_text(text[sid])["details"]
        return ", ".join(f"{c['cue']} ({c['category'] or 'tone'})" for c in d) or "no cue"

    for r in kept.itertuples():
        lines.append(f"  [{r.sentence_id}] p={float(r.score):.2f} {r.via} | {cues(int(r.sentence_id))} | "
                     f"{text[int(r.sentence_id)]}")
    rest = al[~al.index.isin(kept.index)].sort_values("rank").head(2)
    for r in rest.itertuples():
        lines.append(f"  not kept [{r.sentence_id}] p={float(r.score):.2f} {r.via} | {text[int(r.sentence_id)][:90]}")
    pairs = pair_features(doc_obj, sent)
    proba = model.ranker.predict_proba(pairs)
    feats = objective_features(doc_obj, pairs, proba, model.ranker.select(pairs, proba), sent)
    row = feats[feats["objective_id"] == objective_id].iloc[0]
    pulls = model.grader.contributions(row[OBJECTIVE_FEATURES].astype(float))
    least = float(getattr(model.grader, "min_cue_mass_", 0.0))
    reading = [c for c in CATEGORIES if float(row["rule_" + c])]
    mass = sum(float(row["cue_" + c]) for c in CATEGORIES)
    row = drop_weak_readings(row[OBJECTIVE_FEATURES].astype(float).to_frame().T, least).iloc[0]
    if reading and not any(float(row["rule_" + c]) for c in CATEGORIES):
        lines.append(f"lexicon reading '{reading[0]}' dropped: its cue mass {mass:.3f} is under the "
                     f"learned least {least:.2f}, so stage 2 grades the aim as one without a reading")
    verdict = str(a["verdict"])
    grade = verdict if verdict in pulls["grade"].index else None
    lines.append(f"features (value; pull on 'assessed' | pull toward {grade or 'the grade'} against the mean grade):")
    for f in OBJECTIVE_FEATURES:
        if f not in ASSESS_FEATURES and f not in GRADE_FEATURES:
            continue
        v = float(row[f])
        pa = float(pulls["assessed"].iloc[0][f]) if f in ASSESS_FEATURES else 0.0
        g = pulls["grade"]
        pg = float(g.loc[grade, f] - g[f].mean()) if (grade and f in GRADE_FEATURES) else 0.0
        if v or pa or pg:
            lines.append(f"  {f:<20} {v:7.3f}; {pa:+.2f} | {pg:+.2f}")
    return "\n".join(lines)
