"""Keyword in context: read the sentences behind any aggregate.

:func:`kwic` lists every match of a regular expression, or every mention of
a country (from the ``mentions`` table of :mod:`analysis.measures.countries`), with
its left and right context and the sentence with the match marked «thus».
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..measures.countries import current_code, surface_entries

#: Characters of context on each side by default: about ten words, the
#: width of a printed concordance line.
WINDOW = 60
KWIC_COLUMNS = ["doc_id", "sentence_id", "section", "left", "match", "right", "text"]


@lru_cache(maxsize=1)
def _country_index():
    """Surfaces, known codes and name → code of the detector's lexicon."""
    entries, names = surface_entries()
    codes = frozenset(v[0] for v in entries.values() if v[0]) | frozenset(names)
    by_name = {n: c for c, n in names.items() if n}
    return entries, codes, by_name


def resolve_country(query: str):
    """ISO alpha-2 code for a country name, alias or code; None if not a country.

    Case-sensitive, as the detector: "PE" and "Peru" are Peru, "pe" and
    "us" are words.

    Examples
    --------
    >>> resolve_country("Peru"), resolve_country("PE"), resolve_country("Soviet Union")
    ('PE', 'PE', 'SU')
    >>> resolve_country("us") is None, resolve_country("boundary dispute") is None
    (True, True)
    """
    if not isinstance(query, str):
        return None
    entries, codes, by_name = _country_index()
    q = query.strip()
    if len(q) == 2 and q.isupper() and q in codes:
        return q
    hit = entries.get(q)
    if hit and hit[0]:
        return hit[0]
    return by_name.get(q)


def _row(doc_id, sid, section, text, start, end, window):
    return {"doc_id": doc_id, "sentence_id": int(sid), "section": section,
            "left": text[max(0, start - window):start], "match": text[start:end],
            "right": text[end:end + window],
            "text": f"{text[:start]}«{text[start:end]}»{text[end:]}"}


def kwic(tables: dict, pattern_or_country, window: int = WINDOW, case: bool = False,
         section=None) -> pd.DataFrame:
    """Sentences matching a regex or mentioning a country, match highlighted.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Needs ``sentences``; ``mentions`` is used for a country (computed if
        absent).
    pattern_or_country : str or re.Pattern
        A country name, alias, demonym or ISO alpha-2 code ("Peru", "PE",
        "USSR"; historical codes also match by their successor: "RU" finds
        the Soviet Union), else a regular expression. Pass a compiled
        pattern to force a regex search for a country word.
    window : int, default WINDOW
        Characters of context on each side.
    case : bool, default False
        Case-sensitive regex search (countries are always case-sensitive).
    section : str or list of str, optional
        Keep only these sections.

    Returns
    -------
    pandas.DataFrame
        doc_id, sentence_id, section, left, match, right, text (the sentence
        with the match between « and »); one row per match, in text order.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": [0, 1],
    ...     "section": ["relations", "evaluation"],
    ...     "text": ["Relations with Chile are cool.", "Progress has been slow."]})
    >>> kwic({"sentences": s}, "Chile").text.tolist()
    ['Relations with «Chile» are cool.']
    >>> kwic({"sentences": s}, r"slow\\w*", window=9)[["left", "match", "right"]]
           left match right
    0  has been   slow     .
    """
    if "sentences" not in tables:
        raise KeyError("tables has no 'sentences' table; load a corpus with analysis.load_corpus first")
    if window < 0:
        raise ValueError(f"window={window}: give a non-negative number of characters")
    sents = tables["sentences"]
    if section is not None:
        keep = [section] if isinstance(section, str) else list(section)
        sents = sents[sents.section.isin(keep)]
    code = None if isinstance(pattern_or_country, re.Pattern) else resolve_country(pattern_or_country)
    rows = []
    if code is not None:
        mentions = tables.get("mentions")
        if mentions is None:  # the country step, run through the pipeline
            # deferred: heavy, the pipeline (nltk, sklearn); only without a mentions table
            from ..pipeline import run_steps

            mentions = run_steps({"sentences": tables["sentences"]}, seed=0, steps=["countries"])["mentions"]
        m = mentions[(mentions.iso2 == code) | (mentions.iso2.map(current_code) == code)]
        idx = sents.set_index(["doc_id", "sentence_id"])
        for (doc_id, sid), g in m.groupby(["doc_id", "sentence_id"], sort=False):
            if (doc_id, sid) not in idx.index:
                continue
            rec = idx.loc[(doc_id, sid)]
            for start, end in zip(g.start, g.end):
                rows.append(_row(doc_id, sid, rec.get("section", ""), rec["text"],
                                 int(start), int(end), window))
    else:
        try:
            rx = (pattern_or_country if isinstance(pattern_or_country, re.Pattern)
                  else re.compile(pattern_or_country, 0 if case else re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"kwic pattern {pattern_or_country!r} is not a valid regular "
                             f"expression ({exc}); escape it with re.escape") from None
        sec = sents["section"] if "section" in sents else pd.Series("", index=sents.index)
        for doc_id, sid, s, text in zip(sents.doc_id, sents.sentence_id, sec, sents.text):
            if not isinstance(text, str):
                continue
            for mt in rx.finditer(text):
                if mt.end() > mt.start():
                    rows.append(_row(doc_id, sid, s, text, mt.start(), mt.end(), window))
    out = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    if len(out):
        order = {k: i for i, k in enumerate(zip(tables["sentences"].doc_id,
                                                tables["sentences"].sentence_id))}
        out["_o"] = [order.get(k, 0) for k in zip(out.doc_id, out.sentence_id)]
        out = out.sort_values("_o", kind="stable").drop(columns="_o").reset_index(drop=True)
    return out
