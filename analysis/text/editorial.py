"""Editorial text: what the FRUS editors wrote, not the Department of State.

Three kinds of text in a printed policy statement are the editors':

* bracketed notes standing as a paragraph or a sentence: "[Here follows a
  review of …]", "[Omitted]", "[Enclosure]";
* redaction placeholders standing alone: "[name not declassified]",
  "[1 paragraph (5 lines) of source text not declassified]" (a placeholder for
  omitted text that opens a sentence, "[1 line … not declassified] We …", is
  cut off as a row of its own: :func:`leading_note`);
* omission lines: a run of spaced full stops (". . . . . . .") or an
  ellipsis (…) on a line of its own, marking text the editors left out.

The loader keeps them as rows of ``sentences.csv`` flagged ``editorial``
(so a reader sees where the editors intervened and a section that holds
only an omission line still has a row) and counts them per document
(``documents.n_editorial``) and per section (the ``sections`` table). The
measuring steps read sentences through :func:`measured`, so editorial rows
never feed tone, topics, objectives or alignment.

A bracket *inside* a sentence of the Department's text ("The end of
hostilities in Iceland [Europe?] did not …") leaves the sentence the
Department's: only text that is editorial as a whole is flagged, and the
sentence splitter is not changed.

Examples
--------
>>> is_editorial("[Here follows a section on Iceland's relations with other states.]")
True
>>> is_editorial(". . . . . . . . . .")
True
>>> is_editorial("The end of hostilities in Iceland [Europe?] did not end it.")
False
"""
from __future__ import annotations

import re

import pandas as pd

#: A whole bracketed note (one bracket pair, no nested brackets; a glued
#: footnote number or a full stop may follow the closing bracket).
_BRACKETED = re.compile(r"^\s*\[[^\[\]]+\][.,;:]?\s*\d{0,3}\s*$")
#: An omission line: at least three full stops (spaced or not), ellipsis
#: characters, middle dots or asterisks and nothing else. "…" counts as three.
_OMISSION = re.compile(r"^[\s.·*…]+$")
#: A page marker is the loader's, never an editorial note.
_PAGE = re.compile(r"^\s*\[Page\s+\d+\]\s*$")
#: Fewest dot-like marks an omission line has (". . ." is the shortest
#: omission the volumes print; a lone "." or "*" is not one).
MIN_OMISSION_MARKS = 3


def is_omission(text: str) -> bool:
    """Whether ``text`` is an omission line (". . . .", "…", "* * *").

    Examples
    --------
    >>> is_omission(". . . ."), is_omission("…"), is_omission("."), is_omission("Yes.")
    (True, True, False, False)
    """
    if not isinstance(text, str) or not _OMISSION.match(text):
        return False
    marks = sum(text.count(c) for c in ".·*") + 3 * text.count("…")
    return marks >= MIN_OMISSION_MARKS


def is_editorial(text: str) -> bool:
    """Whether ``text`` (a sentence or a paragraph) is editorial as a whole.

    Examples
    --------
    >>> is_editorial("[name not declassified]"), is_editorial("[Omitted].")
    (True, True)
    >>> is_editorial("[Page 12]"), is_editorial("We agree [sic] with them.")
    (False, False)
    """
    if not isinstance(text, str):
        return False
    if is_omission(text):
        return True
    return bool(_BRACKETED.match(text)) and not _PAGE.match(text)


def is_editorial_block(text: str) -> bool:
    """Whether a paragraph is one editors' note, however many sentences it holds.

    The paragraph opens with "[" and its bracket closes at its end (the
    note "[Here follows a statement … . Documentation … in volume I.]" is
    split into two sentences, both editorial).

    Examples
    --------
    >>> is_editorial_block("[Here follows a statement. Documentation is in volume I.]")
    True
    >>> is_editorial_block("[Europe?] is not meant. It is Iceland [sic].")
    False
    """
    if not isinstance(text, str):
        return False
    t = text.strip()
    if is_editorial(t):
        return True
    if not t.startswith("["):
        return False
    depth = 0
    for i, ch in enumerate(t):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                rest = t[i + 1:]
                return bool(re.fullmatch(r"[.,;:]?\s*\d{0,3}\s*", rest)) and not _PAGE.match(t)
    return False


#: An editors' note that stands for omitted text ("[1 line of source text not
#: declassified]", "[Omitted]", "[Here follows …]"), opening a sentence of the
#: Department's text that Punkt did not cut from it. A name placeholder
#: ("[name not declassified] arrived") is part of its sentence and stays.
_LEADING_NOTE = re.compile(
    r"^\[(?=[^\[\]]*\b(?:lines?|paragraphs?|pages?|omitted|here follows|text)\b)[^\[\]]+\]"
    r"(?P<gap>\s+)(?=[“\"(]?[A-Z])", re.I)


def leading_note(text: str) -> int:
    """Length of an editors' note opening ``text`` before a new sentence, or 0.

    The loader makes the note a row of its own (flagged editorial) and
    leaves the rest of the sentence as it was.

    Examples
    --------
    >>> t = "[1 line of source text not declassified] We went on."
    >>> t[:leading_note(t)]
    '[1 line of source text not declassified]'
    >>> leading_note("[name not declassified] arrived."), leading_note("We went on.")
    (0, 0)
    """
    m = _LEADING_NOTE.match(text) if isinstance(text, str) else None
    return m.start("gap") if m else 0


def measured(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences a measure reads: all but the editorial rows.

    A table without an ``editorial`` column (built by hand, or by an older
    loader) is flagged on the fly with :func:`is_editorial`.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": "d", "sentence_id": [0, 1],
    ...                   "text": ["We agree.", "[Here follows a list.]"]})
    >>> measured(s).text.tolist()
    ['We agree.']
    """
    flag = editorial_flags(sentences)
    if not flag.any():
        return sentences
    return sentences[~flag]


def editorial_flags(sentences: pd.DataFrame) -> pd.Series:
    """Boolean Series: the ``editorial`` column, or :func:`is_editorial` of ``text``.

    Examples
    --------
    >>> editorial_flags(pd.DataFrame({"text": ["A.", ". . . ."]})).tolist()
    [False, True]
    """
    if "editorial" in sentences.columns:
        return sentences["editorial"].fillna(False).astype(bool)
    if "text" not in sentences.columns:
        return pd.Series(False, index=sentences.index)
    return sentences["text"].map(is_editorial).astype(bool)
