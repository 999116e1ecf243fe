"""Why an objective got its verdict: evidence, features and their pull."""
from __future__ import annotations

import pandas as pd

from .. import config


def explain(doc_id, objective_id: int, tables=None) -> str:
    """Why an objective got its grade: objective, aligned sentences, cue words.

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

    Returns
    -------
    str
        A readable report (print it).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 2, "sentence_id": [0, 1],
    ...     "section": ["objectives", "evaluation"], "paragraph": [1, 2],
    ...     "text": ["We seek to expand trade.",
    ...              "Our efforts to expand trade have made slow progress."]})
    >>> t = {"sentences": s}; from analysis.progress import build_tables; t.update(build_tables(t, seed=0))
    >>> print(explain("d", 1, t))  # doctest: +ELLIPSIS
    d, objective 1 (sentence 0): to expand trade
    verdict: slow (score 0.333, confidence ...)
    aligned evaluation sentences:
      [1] align ... | slow | cues: slow progress (-0.2, slow) | Our efforts ...
    decided by: slow progress
    """
    from ..evaluative import score_text
    from ..tables import read_tables

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
    doc_id = str(doc_id)
    objective_id = int(objective_id)
    obj = tables["objectives"]
    o = obj[(obj["doc_id"].astype(str) == doc_id) & (obj["objective_id"] == objective_id)]
    if o.empty:
        known = sorted(obj.loc[obj["doc_id"].astype(str) == doc_id, "objective_id"].tolist())
        raise KeyError(f"no objective {objective_id} in document {doc_id!r}; known objectives: {known}")
    o = o.iloc[0]
    a = tables["assessments"]
    a = a[(a["doc_id"].astype(str) == doc_id) & (a["objective_id"] == objective_id)].iloc[0]
    al = tables["alignment"]
    al = al[(al["doc_id"].astype(str) == doc_id) & (al["objective_id"] == objective_id)]
    sent = tables["sentences"]
    sent = sent[sent["doc_id"].astype(str) == doc_id].set_index("sentence_id")
    score = "" if pd.isna(a["score"]) else f"{float(a['score']):.3f}"
    lines = [f"{doc_id}, objective {objective_id} (sentence {int(o['sentence_id'])}): {o['text']}",
             f"verdict: {a['verdict']} (score {score or 'n/a'}, confidence {float(a['confidence']):.2f})"]
    if al.empty:
        lines.append("aligned evaluation sentences: none above the threshold")
    else:
        lines.append("aligned evaluation sentences:")
        for r in al.sort_values("sentence_id").itertuples():
            text = str(sent.loc[r.sentence_id, "text"])
            ev = score_text(text)
            cues = ", ".join(f"{c['cue']} ({c['weight']:g}, {c['category'] or 'tone'})"
                             for c in ev["details"]) or "none"
            lines.append(f"  [{r.sentence_id}] align {float(r.score):.2f} | {ev['category'] or '-'}"
                         f" | cues: {cues} | {text}")
    decisive = []
    ids = str(a.get("evidence_sentence_ids") or "")
    for sid in [int(x) for x in ids.split(";") if x.strip() and x != "nan"]:
        ev = score_text(str(sent.loc[sid, "text"]))
        decisive += [c["cue"] for c in ev["details"] if c["category"] == a["verdict"]]
    lines.append("decided by: " + ("; ".join(dict.fromkeys(decisive)) if decisive else "no evaluative cue"))
    return "\n".join(lines)
