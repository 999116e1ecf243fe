"""Stated objectives against the evaluation: the pipeline step of issue #5.

A policy statement names its objectives in section a and judges them in its
evaluation section (d). This step

1. extracts one row per distinct aim from the objectives section
   (:func:`extract_objectives`, this module);
2. scores every (objective, evaluation sentence) pair
   (:func:`analysis.alignment.align`);
3. grades each objective ``achieved`` / ``partial`` / ``slow`` /
   ``not_achieved`` / ``not_assessed`` from the evaluative language of its
   aligned sentences (:func:`analysis.assess.assess`);

and :func:`explain` shows, for one objective, the sentences and cue words
that decided its grade.

How the series states its aims (and how each is cut into objectives):

* a numbered enumeration inside one sentence, "Our objectives are to:
  (1) obtain ..., (2) assist ..." -> one objective per item;
* an aim verb with several infinitives, "We seek to retain ...; to persuade
  ...; and to help ..." -> cut at semicolons and at "and to <verb>";
* a nominal list after a copula, "Our objectives are the security of ...,
  the achievement of ..., and ..." -> cut at the list commas;
* one aim per sentence, "We wish to obtain ...", "We particularly wish that
  ..." -> the span from "to" / "that" to the end of the sentence;
* conjoined noun phrases inside one infinitive ("to encourage stability in
  government and the growth of democratic institutions") stay one objective:
  coders of the series treat them as one aim.

Sentences of the objectives section without an aim marker are background and
skipped, unless no sentence of the section has one (then each sentence is an
objective).
"""
from __future__ import annotations

import re

import pandas as pd


#: Columns of ``objectives.csv`` (``start``/``end``: character span of the
#: objective inside its sentence's ``text``).
OBJECTIVE_COLUMNS = ["doc_id", "objective_id", "sentence_id", "start", "end", "text"]
#: Pieces shorter than this many words are not an aim of their own ("to
#: maintain and to strengthen X" is one aim); they join the next piece.
MIN_WORDS = 3

_AIM_VERB = re.compile(
    r"\b(?:seeks?|seeking|sought|wish(?:es)?|desires?|aims?|wants?|hopes?|intends?|"
    r"endeavou?rs?|strives?|would\s+like|(?:is|are)\s+(?:interested|anxious|determined)|"
    r"(?:objectives?|aims?|goals?|purposes?|desire|intention|interest)\s+(?:is|are|will\s+be))"
    r"(?:\s+(?:also|particularly|especially|primarily|further|above\s+all|in\s+particular))?"
    r"\s+(?=(?:to|that|in)\b)", re.I)
_AIM_COPULA = re.compile(
    r"\b(?<!these\s)(?<!such\s)(?<!those\s)(?:objectives?|aims?|goals?|purposes?)\b"
    r"[^.;:]{0,120}?\b(?:are|is|include|includes|comprise|will\s+be)\s*(?:as\s+follows)?\s*:?\s*", re.I)
_ENUM = re.compile(r"(?:(?<=^)|(?<=[\s:;,]))\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})\)\s+")
_LEAD_ENUM = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-hA-H]|[ivxIVX]{1,4})[.)]\s+)")
_INFINITIVE_START = re.compile(r"^(?:to|that|in\s+order\s+to)\b", re.I)
_NOT_VERB = r"(?!(?:the|a|an|this|that|these|those|its|their|our|his|her|all|any|some|such|be)\b)"
#: Cut points of an infinitive list: semicolons, and ", and to <verb>".
_INF_CUT = re.compile(r";\s*(?:and\s+|or\s+)?|,?\s+(?:and|or)\s+(?=(?:to\s+" + _NOT_VERB
                      + r"[a-z]+|that)\b)", re.I)
#: Cut points of a nominal list: ", the ...", ", and ...", "; ...".
_NOM_CUT = re.compile(r";\s*(?:and\s+|or\s+)?|,\s+(?:and\s+|or\s+)?(?=(?:the|a|an|its|their|our)\b)"
                      r"|,\s+(?:and|or)\s+", re.I)
#: Words that open a modifier, not a new list item ("..., especially in time of war").
_MODIFIER_START = re.compile(r"^(?:especially|including|in|as|both|which|particularly|notably|"
                             r"such|with|by|through|for|of|on|at|from|whether)\b", re.I)
_TRAIL = " \t,;:.\u2014-"


def _trim(text: str, start: int, end: int) -> tuple:
    """Shrink [start, end) to drop connectives and punctuation at the edges."""
    while start < end and text[start] in _TRAIL:
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    m = re.match(r"(?:and|or|also)\s+", text[start:end], re.I)
    if m:
        start += m.end()
    m = re.search(r"[\s,;]+(?:and|or)$", text[start:end], re.I)
    if m:
        end = start + m.start()
    return start, end


def _n_words(s: str) -> int:
    return len(re.findall(r"[A-Za-z]+", s))


def _cut(text: str, start: int, end: int, pattern) -> list:
    """Cut text[start:end] at ``pattern``; merge pieces that are not aims."""
    pieces, pos, strong = [], start, False
    for m in pattern.finditer(text, start, end):
        pieces.append((pos, m.start(), strong))
        pos, strong = m.end(), ";" in m.group()
    pieces.append((pos, end, strong))
    out = []
    for a, b, after_semicolon in pieces:
        a, b = _trim(text, a, b)
        if b <= a:
            continue
        modifier = not after_semicolon and _MODIFIER_START.match(text[a:b])
        if out and (modifier or _n_words(text[out[-1][0]:out[-1][1]]) < MIN_WORDS):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    if len(out) > 1 and _n_words(text[out[-1][0]:out[-1][1]]) < MIN_WORDS:
        last = out.pop()
        out[-1] = (out[-1][0], last[1])
    return out


def split_aims(text: str) -> list:
    """Character spans of the aims stated in one sentence.

    Parameters
    ----------
    text : str
        One sentence of an objectives section.

    Returns
    -------
    list of (start, end)
        Spans into ``text``; empty when the sentence states no aim (no aim
        verb, no "objectives are", no enumeration, no leading "To ...").

    Examples
    --------
    >>> s = "We wish to obtain a fair contribution to hemisphere defense."
    >>> [s[a:b] for a, b in split_aims(s)]
    ['to obtain a fair contribution to hemisphere defense']
    >>> s = "Our objectives are to: (1) obtain bases, (2) assist its army, and (3) promote trade."
    >>> [s[a:b] for a, b in split_aims(s)]
    ['obtain bases', 'assist its army', 'promote trade']
    >>> s = "We seek to encourage stability in government and the growth of democratic institutions."
    >>> len(split_aims(s))
    1
    >>> s = "Our aims are the security of the area, the growth of trade, and lasting world peace."
    >>> [s[a:b] for a, b in split_aims(s)]
    ['the security of the area', 'the growth of trade', 'lasting world peace']
    >>> split_aims("The country is a large producer of copper.")
    []
    """
    enums = list(_ENUM.finditer(text))
    if len(enums) >= 2:
        spans = []
        for i, m in enumerate(enums):
            end = enums[i + 1].start() if i + 1 < len(enums) else len(text)
            a, b = _trim(text, m.end(), end)
            if b > a:
                spans.append((a, b))
        return spans
    start = None
    lead = _LEAD_ENUM.match(text)
    body = lead.end() if lead else 0
    if _INFINITIVE_START.match(text[body:]):
        start = body
    else:
        m = _AIM_VERB.search(text) or _AIM_COPULA.search(text)
        if m:
            start = m.end()
        elif lead:
            start = body
    if start is None:
        return []
    a, b = _trim(text, start, len(text))
    if b <= a:
        return []
    pattern = _INF_CUT if _INFINITIVE_START.match(text[a:b]) else _NOM_CUT
    return _cut(text, a, b, pattern)


def extract_objectives(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per stated aim of each document's objectives section.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The foundation's ``sentences`` table (doc_id, sentence_id, section,
        text ...). Not modified.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OBJECTIVE_COLUMNS`; ``objective_id`` runs 1.. in
        document order; ``text`` is the exact span ``sentence[start:end]``.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2],
    ...     "section": ["objectives", "objectives", "evaluation"],
    ...     "text": ["We seek to keep bases and to expand trade with the country.",
    ...              "We particularly wish that it might supply more tin.",
    ...              "Progress has been slow."]})
    >>> extract_objectives(s)[["objective_id", "sentence_id", "text"]].values.tolist()
    [[1, 0, 'to keep bases'], [2, 0, 'to expand trade with the country'], [3, 1, 'that it might supply more tin']]
    """
    missing = {"doc_id", "sentence_id", "section", "text"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences table lacks columns {sorted(missing)}; pass the loader's sentences table")
    rows = []
    obj = sentences[sentences["section"] == "objectives"]
    for doc_id, g in obj.groupby("doc_id", sort=False):
        g = g.sort_values("sentence_id")
        found = [(int(r.sentence_id), str(r.text), split_aims(str(r.text))) for r in g.itertuples()]
        if not any(spans for _, _, spans in found):
            # No aim marker anywhere: the section is a bare list of aims.
            found = [(sid, t, [_trim(t, 0, len(t))]) for sid, t, _ in found if _n_words(t) >= MIN_WORDS]
        k = 0
        for sid, t, spans in found:
            for a, b in spans:
                k += 1
                rows.append({"doc_id": str(doc_id), "objective_id": k, "sentence_id": sid,
                             "start": a, "end": b, "text": t[a:b]})
    return pd.DataFrame(rows, columns=OBJECTIVE_COLUMNS)
