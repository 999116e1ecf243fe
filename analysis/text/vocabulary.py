"""The genre's vocabulary, written once as data.

Word lists every step shares live in ``analysis/data`` (one reviewable CSV
each, with a header saying where each entry comes from); this module reads
them. The genre's stop words (:func:`genre_stop_words`) are the words of
every policy statement that say nothing about a topic or an aim: the author
("united states", "government"), the section names, the prose's function
words, and — for aligning objectives with the evaluation only — the verdict
words ("achieved", "success"), which say how an aim fared, not which aim.

The one tokeniser of the package is here too: :func:`normalise` (lower case,
straight quotes, dashes as spaces), :func:`word_pattern` (one pattern, with
parameters) and :class:`Analyzer` (scikit-learn's ``CountVectorizer`` words
on the normalised text, stop words dropped, optionally Porter stems). The
steps that read words configure it: the topic models
(:func:`analysis.measures.topics.make_analyzer`), the register cues
(:data:`analysis.measures.evaluative.ANALYZER`: words and punctuation) and
the objective-evidence alignment (:data:`analysis.progress.similarity.ANALYZER`:
stems), so a curly apostrophe or a dash is read alike in all three.

Examples
--------
>>> "government" in genre_stop_words("topics"), "achieved" in genre_stop_words("alignment")
(True, True)
>>> "achieved" in genre_stop_words("topics")
False
>>> Analyzer(stop_words=genre_stop_words("topics") | {"the"}, min_len=3)("The Government’s oil–mining aims")
['oil', 'mining', 'aims']
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from .. import config

#: Openers of a topic clause ("As regards X, ..."; column opener, origin).
TOPIC_OPENERS_FILE = config.PACKAGE_DATA / "topic_openers.csv"
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


@lru_cache(maxsize=None)
def _opener_table(path: str) -> tuple:
    df = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    if list(df.columns) != ["opener", "origin"]:
        raise ValueError(f"topic_openers: '{path}' needs the columns opener, origin; it has {list(df.columns)}")
    openers = [" ".join(o.lower().split()) for o in df["opener"]]
    if any(not o for o in openers):
        raise ValueError(f"topic_openers: '{path}' has an empty opener; give each row its words")
    return tuple(sorted(dict.fromkeys(openers), key=lambda o: (-len(o), o)))


def topic_openers(path=None) -> tuple:
    """Openers of a topic clause ("as regards", "with respect to"), longest first.

    A policy statement often names what a sentence judges before judging it:
    "As regards our objective of economic development, progress has been
    slow." The register score leaves that opening clause unscored; the
    evidence ranker reads the topic it names as a cross-reference.

    Parameters
    ----------
    path : path-like, optional
        Another list in the same format (default :data:`TOPIC_OPENERS_FILE`).

    Returns
    -------
    tuple of str
        Lower-case openers, longest first (so "as regards" is tried before
        "as regard").

    Examples
    --------
    >>> openers = topic_openers()
    >>> "as regards" in openers and "with respect to" in openers
    True
    >>> openers.index("as regards") < openers.index("as regard")
    True
    """
    return _opener_table(str(path or TOPIC_OPENERS_FILE))


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


# ---------------------------------------------------------------------------
# The one tokeniser
# ---------------------------------------------------------------------------

#: Characters :func:`normalise` replaces: curly quotes by straight ones, the
#: ellipsis character by three stops, and both dashes by a space. An em dash
#: breaks a clause; an en dash joins a range or a pair ("November–December",
#: "the US–Colombia Treaty", "Olaya–Kellogg": every en dash between letters
#: of the seed and the coded statements), two words, where a hyphen makes
#: one ("long-term").
NORMALISE = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
             "\u2026": "...", "\u2013": " ", "\u2014": " "}
_NORMALISE = str.maketrans(NORMALISE)
#: Letters of a word: any Unicode letter (no digit or underscore), or only the
#: ASCII letters a-z (after lower-casing).
LETTERS = {"unicode": r"[^\W\d_]", "ascii": r"[a-z]"}
#: Punctuation tokens of :func:`word_pattern` (``punctuation=True``): an
#: ellipsis, and the stops and commas that end clauses.
PUNCTUATION = r"\.\.\.|[.,;:!?]"


def normalise(text: str) -> str:
    """The one normalisation of every tokeniser: lower case, straight quotes, plain dashes.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``text`` lower-cased, with the characters of :data:`NORMALISE` replaced.

    Examples
    --------
    >>> normalise("The Country’s “Long-Term” Aims—Peace…")
    'the country\\'s "long-term" aims peace...'
    >>> normalise("The US–Colombia Treaty")
    'the us colombia treaty'
    """
    return text.lower().translate(_NORMALISE)


def word_pattern(letters: str = "unicode", joiners: str = "", min_len: int = 1,
                 apart: bool = False, punctuation: bool = False) -> str:
    """The one word pattern (a regular expression), for a set of parameters.

    A word is a run of :data:`LETTERS`, optionally runs joined by single
    ``joiners`` ("long-term", "hasn't"), of at least ``min_len`` characters
    (joiners included).

    Parameters
    ----------
    letters : {"unicode", "ascii"}, default "unicode"
        Which letters words are made of (a key of :data:`LETTERS`). With
        "ascii" an accented letter splits a word ("gómez" gives "g", "mez").
    joiners : str, default ""
        Characters that join two runs of letters into one word (e.g. ``"-'"``).
    min_len : int, default 1
        Shortest word kept.
    apart : bool, default False
        Words must stand apart from digits and underscores (the ``\\b`` of
        scikit-learn's token patterns): "security1" gives no word, not
        "security".
    punctuation : bool, default False
        Also match the punctuation tokens of :data:`PUNCTUATION`.

    Returns
    -------
    str
        For :func:`re.findall` on :func:`normalise`-d text, or for
        scikit-learn's ``token_pattern``.

    Examples
    --------
    >>> word_pattern(min_len=3, apart=True)
    '(?u)\\\\b[^\\\\W\\\\d_]{3,}\\\\b'
    >>> import re
    >>> re.findall(word_pattern("ascii", "-'", punctuation=True), "it hasn't been long-term...")
    ['it', "hasn't", 'been', 'long-term', '...']
    """
    if letters not in LETTERS:
        raise ValueError(f"word_pattern: unknown letters {letters!r}; use one of {', '.join(LETTERS)}")
    if not isinstance(min_len, int) or min_len < 1:
        raise ValueError(f"word_pattern: min_len must be a positive integer, not {min_len!r}")
    ch = LETTERS[letters]
    if joiners:
        join = "[" + re.escape(joiners) + "]"
        # The look-ahead counts the word's first min_len characters: letters,
        # and joiners followed by a letter (a joiner ends no word).
        head = "" if min_len == 1 else f"(?=(?:{ch}|{join}(?={ch})){{{min_len}}})"
        word = f"{head}{ch}+(?:{join}{ch}+)*"
    else:
        word = ch + ("+" if min_len == 1 else f"{{{min_len},}}")
    if apart:
        word = rf"\b{word}\b"
    return "(?u)" + word + ("|" + PUNCTUATION if punctuation else "")


_STEMMER = None


@lru_cache(maxsize=16384)
def porter_stem(word: str, stem_len=None) -> str:
    """Porter stem of ``word`` (NLTK, no data files), cut to ``stem_len`` letters.

    Examples
    --------
    >>> porter_stem("democratic"), porter_stem("democratic", 6), porter_stem("institutions", 6)
    ('democrat', 'democr', 'instit')
    """
    global _STEMMER
    if _STEMMER is None:
        # deferred: heavy, nltk loads scipy and sklearn; only for stemming (no data files needed)
        from nltk.stem import PorterStemmer

        _STEMMER = PorterStemmer()
    return _STEMMER.stem(word)[:stem_len]


class Analyzer:
    """The one tokeniser: :func:`normalise`, :func:`word_pattern`, stop words, maybe stems.

    Words are found by scikit-learn's
    :class:`~sklearn.feature_extraction.text.CountVectorizer` (token pattern
    and stop words) on the normalised text; Porter stemming, where asked for,
    follows (stop words are dropped before stemming). A class of plain
    parameters, so that it pickles, and fitted vectorizers with it.

    Parameters
    ----------
    stop_words : iterable of str, default ()
        Lower-case words dropped.
    min_len : int, default 1
        Shortest word kept (see :func:`word_pattern`).
    stem : bool, default False
        Porter-stem the words (:func:`porter_stem`).
    stem_len : int, optional
        Cut stems to this many letters (truncation stemming after Porter).
    punctuation : bool, default False
        Keep punctuation tokens (:data:`PUNCTUATION`), in text order.
    letters, joiners, apart
        The word pattern (see :func:`word_pattern`).

    Examples
    --------
    >>> Analyzer(stop_words={"the"}, min_len=3)("The long-term aims of Perú")
    ['long', 'term', 'aims', 'perú']
    >>> Analyzer(letters="ascii", joiners="-'", punctuation=True)("It hasn’t—yet.")
    ['it', "hasn't", 'yet', '.']
    >>> Analyzer(stem=True, stem_len=6)("democratic institutions")
    ['democr', 'instit']
    """

    def __init__(self, stop_words=(), min_len=1, stem=False, stem_len=None, punctuation=False,
                 letters="unicode", joiners="", apart=False):
        self.stop_words = frozenset(stop_words)
        self.min_len = min_len
        self.stem = bool(stem)
        self.stem_len = stem_len
        self.punctuation = bool(punctuation)
        self.letters = letters
        self.joiners = joiners
        self.apart = bool(apart)
        self.token_pattern = word_pattern(letters, joiners, min_len, apart, punctuation)
        self._words = None

    _PARAMS = ("stop_words", "min_len", "stem", "stem_len", "punctuation", "letters", "joiners",
               "apart")

    def get_params(self, deep=True) -> dict:
        """The parameters, as given to the constructor (so :func:`sklearn.base.clone` works)."""
        return {p: getattr(self, p) for p in self._PARAMS}

    def __getstate__(self):
        return self.get_params()

    def __setstate__(self, state):
        self.__init__(**state)

    def __eq__(self, other):
        return type(other) is type(self) and other.get_params() == self.get_params()

    def __hash__(self):
        return hash(tuple(sorted(self.get_params().items(), key=lambda kv: kv[0])))

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items()
                         if k != "stop_words")
        return f"Analyzer({len(self.stop_words)} stop words, {args})"

    def vectorizer(self, **kwargs):
        """An unfitted CountVectorizer that tokenises as this analyser does.

        Without stemming, the vectorizer's own word analyser (``token_pattern``,
        ``stop_words``, :func:`normalise` as its preprocessor); with stemming,
        the analyser itself (``analyzer=self``).

        Parameters
        ----------
        **kwargs
            Other CountVectorizer arguments (``min_df``, ``vocabulary`` ...).

        Examples
        --------
        >>> v = Analyzer(stop_words={"the"}, min_len=3).vectorizer().fit(["The oil law", "oil"])
        >>> list(v.get_feature_names_out())
        ['law', 'oil']
        """
        # deferred: heavy, sklearn; only where a vectoriser is built (topics, similarity)
        from sklearn.feature_extraction.text import CountVectorizer

        if self.stem:
            return CountVectorizer(analyzer=self, **kwargs)
        return CountVectorizer(preprocessor=normalise, token_pattern=self.token_pattern,
                               stop_words=sorted(self.stop_words) or None, **kwargs)

    def words(self, text: str) -> list:
        """The words (and punctuation tokens) of ``text``, stop words dropped, not stemmed.

        Examples
        --------
        >>> Analyzer(stop_words={"and"}, stem=True).words("Democratic and free")
        ['democratic', 'free']
        """
        if self._words is None:
            # What the vectorizer's analyser does for one text (scikit-learn's
            # _analyze: the preprocessor, the token pattern's findall, stop
            # words dropped; unigrams only), without its per-call wrapping:
            # the same tokens (tests/text/test_vocabulary.py compares them).
            find = re.compile(self.token_pattern).findall
            stops = self.stop_words
            if stops:
                self._words = lambda t: [w for w in find(normalise(t)) if w not in stops]
            else:
                self._words = lambda t: find(normalise(t))
        return self._words(text)

    def stemmed(self, words) -> list:
        """``words`` (of :meth:`words`) as this analyser returns them: stemmed if it stems.

        Examples
        --------
        >>> Analyzer(stem=True, stem_len=6).stemmed(["democratic", "free"])
        ['democr', 'free']
        """
        if self.stem:
            return [porter_stem(w, self.stem_len) for w in words]
        return list(words)

    def __call__(self, text: str) -> list:
        return self.stemmed(self.words(text))
