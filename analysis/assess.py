"""Grade each objective from the evaluative language of its aligned sentences.

For every objective, each aligned evaluation sentence is scored with
:func:`analysis.evaluative.score_text` (domain lexicon, negation, hedges,
temporal qualifiers). A sentence's progress grade votes for the objective with
weight

    alignment score x share of the sentence's best alignment x cue strength
    x LEAD_WEIGHT when the sentence judges the objective directly (explicit
    cross-reference, or the opening sentence of its paragraph),

and the votes are combined by :func:`analysis.evaluative.decide_category`
(strongest grade; a temporal qualifier on success gives ``slow``; success
with a substantial failure gives ``partial``). An objective without aligned
sentences is ``not_assessed``; one whose aligned sentences carry no progress
cue is graded from their tone when it is clear (:data:`TONE_MIN`), else
``not_assessed``.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from .evaluative import PROGRESS, decide_category, score_text

ASSESSMENT_COLUMNS = ["doc_id", "objective_id", "verdict", "score", "confidence",
                      "evidence_sentence_ids", "evidence"]
VERDICTS = ("achieved", "partial", "slow", "not_achieved", "not_assessed")
#: Weight of a sentence that judges the objective directly (cross-reference or
#: paragraph opener) against one that elaborates: the genre puts the verdict
#: first and qualifies it after, so the opener counts double.
LEAD_WEIGHT = 2.0
#: A sentence's cue strength counts up to this (three plain cues): many small
#: cues in one long sentence should not outvote a clear verdict elsewhere.
STRENGTH_CAP = 1.5
#: Mean tone needed to grade an objective whose sentences have no progress
#: cue: VADER's conventional neutral band is |compound| < 0.05; tone here is
#: coarser (few cues), so a third of the scale is required.
TONE_MIN = 0.33
#: Recommendations ("we should make every effort to …", "activities should
#: be intensified", "we must be more careful to …") prescribe future action;
#: the evaluative words in them ("effective", "cordial") describe the hoped-for
#: state, not progress made, so they cast no progress vote.
PRESCRIPTIVE = re.compile(r"\b(?:should|must|ought\s+to|needs?\s+to|will\s+have\s+to|"
                          r"(?:is|are)\s+desirable|(?:is|are)\s+essential\s+that)\b", re.I)
#: At most this many sentences are kept as evidence (the strongest votes).
MAX_EVIDENCE = 4


def _grade(rows: list) -> tuple:
    """rows: (sentence_id, text, weight, is_lead) -> verdict, confidence, evidence ids."""
    votes, tone, tone_w = [], 0.0, 0.0
    for sid, text, weight, is_lead in rows:
        ev = score_text(text)
        w = weight * (LEAD_WEIGHT if is_lead else 1.0)
        tone += w * ev["score"]
        tone_w += w
        if ev["category"] and not PRESCRIPTIVE.search(text):
            votes.append((sid, ev["category"], w * min(ev["strength"], STRENGTH_CAP)))
    verdict, top, totals = decide_category([{"category": c, "strength": v} for _, c, v in votes])
    if verdict is None:
        mean_tone = tone / tone_w if tone_w else 0.0
        if abs(mean_tone) < TONE_MIN:
            return "not_assessed", 0.5, []
        verdict = "partial" if mean_tone > 0 else "not_achieved"
        ids = [sid for sid, *_ in sorted(rows, key=lambda r: -r[2])[:MAX_EVIDENCE]]
        return verdict, round(min(abs(mean_tone), 0.5), 3), sorted(ids)
    total = sum(totals.values())
    share = totals[verdict] / total if total else 0.0
    # Confidence: agreement of the votes times how much evidence there is
    # (saturating: one full-strength direct verdict ~0.86 of the maximum).
    confidence = share * (1 - math.exp(-total))
    supporting = {"slow": ("slow", "partial", "achieved"),
                  "partial": ("partial", "achieved", "not_achieved", "slow")}.get(verdict, (verdict,))
    ranked = sorted((v for v in votes if v[1] in supporting), key=lambda v: (-v[2], v[0]))
    ids = sorted({sid for sid, _, _ in ranked[:MAX_EVIDENCE]})
    return verdict, round(confidence, 3), ids


def assess(objectives: pd.DataFrame, alignment: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One verdict per objective, with score, confidence and evidence.

    Parameters
    ----------
    objectives : pandas.DataFrame
        doc_id, objective_id, ... (every objective gets a row).
    alignment : pandas.DataFrame
        From :func:`analysis.alignment.align`.
    sentences : pandas.DataFrame
        The foundation's ``sentences`` table.

    Returns
    -------
    pandas.DataFrame
        doc_id, objective_id, verdict, score (achieved 1.0, partial 0.667,
        slow 0.333, not_achieved 0.0, not_assessed empty), confidence (0-1),
        evidence_sentence_ids (";"-joined), evidence (texts joined by " | ").

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 2, "sentence_id": [0, 1],
    ...     "section": ["objectives", "evaluation"], "paragraph": [1, 2],
    ...     "text": ["We seek to obtain tin.", "Our tin purchases have been outstanding."]})
    >>> o = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2], "sentence_id": [0, 0],
    ...                   "text": ["to obtain tin", "peace"]})
    >>> al = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "sentence_id": [1],
    ...                    "score": [0.6], "via": ["lexical"]})
    >>> assess(o, al, s)[["objective_id", "verdict", "score", "evidence_sentence_ids"]].values.tolist()
    [[1, 'achieved', 1.0, '1'], [2, 'not_assessed', nan, '']]
    """
    text = {(str(d), int(i)): str(t) for d, i, t in
            zip(sentences["doc_id"], sentences["sentence_id"], sentences["text"])}
    para = {}
    if "paragraph" in sentences:
        for d, i, p, sec in zip(sentences["doc_id"], sentences["sentence_id"],
                                sentences["paragraph"], sentences["section"]):
            para[(str(d), int(i))] = (p, sec)
    lead_ids = set()
    for key in sorted(para):
        prev = (key[0], key[1] - 1)
        if para[key][1] == "evaluation" and para.get(prev) != para[key]:
            lead_ids.add(key)
    best = (alignment.groupby(["doc_id", "sentence_id"])["score"].max().to_dict()
            if not alignment.empty else {})
    by_obj = {k: g for k, g in alignment.groupby(["doc_id", "objective_id"])} if not alignment.empty else {}
    rows = []
    for o in objectives.itertuples():
        key = (str(o.doc_id), int(o.objective_id))
        g = by_obj.get(key)
        if g is None or g.empty:
            rows.append({"doc_id": key[0], "objective_id": key[1], "verdict": "not_assessed",
                         "score": float("nan"), "confidence": 1.0,
                         "evidence_sentence_ids": "", "evidence": ""})
            continue
        cand = []
        for r in g.itertuples():
            sid = int(r.sentence_id)
            share = r.score / best[(r.doc_id, sid)]
            is_lead = r.via == "crossref" or ((key[0], sid) in lead_ids and r.via == "lexical")
            cand.append((sid, text[(key[0], sid)], float(r.score) * share, is_lead))
        verdict, conf, ids = _grade(cand)
        rows.append({"doc_id": key[0], "objective_id": key[1], "verdict": verdict,
                     "score": PROGRESS.get(verdict, float("nan")), "confidence": conf,
                     "evidence_sentence_ids": ";".join(str(i) for i in ids),
                     "evidence": " | ".join(text[(key[0], i)] for i in ids)})
    out = pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)
    out["score"] = out["score"].astype("float64").round(4)
    return out
