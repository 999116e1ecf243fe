"""The genre's vocabulary, written once as data.

Word lists every step shares live in ``analysis/data`` (one reviewable CSV
each, with a header saying where each entry comes from); this module reads
them. The genre's stop words (:func:`genre_stop_words`) are the words of
every policy statement that say nothing about a topic or an aim: the author
("united states", "government"), the section names, the prose's function
words, and — for aligning objectives with the evaluation only — the verdict
words ("achieved", "success"), which say how an aim fared, not which aim.

Examples
--------
>>> "government" in genre_stop_words("topics"), "achieved" in genre_stop_words("alignment")
(True, True)
>>> "achieved" in genre_stop_words("topics")
False
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import config

#: The genre's stop words (columns word, use, why).
GENRE_STOP_WORDS_FILE = config.PACKAGE_DATA / "genre_stop_words.csv"
#: The steps that use the list.
STOP_WORD_USES = ("topics", "alignment")


@lru_cache(maxsize=None)
def _stop_word_table(path: str) -> pd.DataFrame:
    df = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    if list(df.columns) != ["word", "use", "why"]:
        raise ValueError(f"genre_stop_words: '{path}' needs the columns word, use, why; "
                         f"it has {list(df.columns)}")
    bad = sorted({u for uses in df["use"] for u in uses.split(";")} - set(STOP_WORD_USES))
    if bad:
        raise ValueError(f"genre_stop_words: '{path}' names unknown use(s) {bad}; "
                         f"use one of {', '.join(STOP_WORD_USES)}")
    return df


def genre_stop_words(use: str, path=None) -> frozenset:
    """The genre's stop words for one ``use`` (``"topics"`` or ``"alignment"``).

    Parameters
    ----------
    use : str
        One of :data:`STOP_WORD_USES`.
    path : path-like, optional
        Another word list in the same format (default
        :data:`GENRE_STOP_WORDS_FILE`).

    Returns
    -------
    frozenset of str
        Lower-case words.
    """
    if use not in STOP_WORD_USES:
        raise ValueError(f"genre_stop_words: unknown use {use!r}; use one of {', '.join(STOP_WORD_USES)}")
    df = _stop_word_table(str(path or GENRE_STOP_WORDS_FILE))
    return frozenset(w.strip().lower() for w, u in zip(df["word"], df["use"]) if use in u.split(";"))
