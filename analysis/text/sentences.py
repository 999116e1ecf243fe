"""Sentence splitting tuned for mid-century State Department prose.

NLTK's Punkt algorithm (Kiss, T. & Strunk, J. 2006, "Unsupervised
Multilingual Sentence Boundary Detection", *Computational Linguistics*
32(4)) is used untrained, with the abbreviations of this register given
explicitly, so nothing is downloaded. Three repairs follow Punkt: a break
after an initial ("Manuel A. Odría") or inside an open quotation is undone,
and so is a break before a lower-case word.

The repairs are bounded, so any plain text — a whole volume on one line,
with quotation marks left unbalanced — is split in time linear in its
length: quote balance is kept per sentence from counts of each Punkt piece
(never by re-counting the joined text), a quotation is held open only when
its closing mark follows within :data:`QUOTE_WINDOW` characters, and no
repair grows a sentence past :data:`MAX_SENTENCE_CHARS`. On the ten whole
volumes of ``../shared/frus-volumes`` the sentence count is 0.92-0.98 of
plain Punkt's (``benchmarks/run.py``); sentences longer than 5,000
characters are single Punkt pieces (tables of contents and indexes, where
the text has no sentence boundary).
"""
from __future__ import annotations

import re

from nltk import redos
from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

#: Abbreviations that do not end a sentence in FRUS prose (lower case,
#: without the final period, as Punkt stores them). Collected from the
#: titles, citations and dates of FRUS volumes: "Dr.", "Gen.", "pp.",
#: "No.", "St.", "vol.", "62 Stat.", month names, and the like.
ABBREVIATIONS = frozenset(
    """u.s u.s.a u.k u.n u.s.s.r e.g i.e etc cf viz vs ibid op cit ff pp p no nos vol vols
    st ste mt ft dr mr mrs messrs ms sr sra srta jr gen lt col maj capt cmdr adm brig sgt
    gov govt sen rep hon pres prof rev fr msgr mgr mons amb ambs dept depts sec secs art arts
    para ch chap ed eds pt pts stat ust tias eas ts inc co corp ltd bros nos
    jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m approx est""".split()
)

class _LanguageVars(PunktLanguageVars):
    """Punkt's English conventions, its own patterns run without a time cap.

    NLTK runs every regular expression under a wall-clock limit (5 s,
    ``nltk.redos``) against caller-supplied patterns. Punkt's boundary and
    word patterns are NLTK's own, fixed and linear, but one pass over a whole
    one-line FRUS volume (several MB) can take longer than 5 s on a busy
    machine and would then fail the document. The limit is lifted for these
    two patterns only.
    """

    def period_context_re(self):
        return redos.compile(super().period_context_re(), timeout=None)

    def _word_tokenizer_re(self):
        return redos.compile(super()._word_tokenizer_re(), timeout=None)


_PARAMS = PunktParameters()
_PARAMS.abbrev_types = set(ABBREVIATIONS)
_TOKENIZER = PunktSentenceTokenizer(_PARAMS, lang_vars=_LanguageVars())

#: A sentence that ends in an initial ("A.", "U.S.") does not end there.
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s(“\"])(?:[A-Z]\.)+$")
#: A comma typed for a full stop before a sentence-opening pronoun
#: ("… of Communist imperialism, This does not mean …"): transcription
#: slips of this kind occur in the printed volumes; capitalised "This" or
#: "It" never continues a sentence after a comma.
_COMMA_FOR_STOP = re.compile(r",\s+(?=(?:This|These|Those|It|There|We|Our|They)\s+[a-z])")
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"
_CONTINUATION_STRIP = "“\"‘'( "
#: Longest sentence a repair may build, in characters. A repair (initial,
#: quotation, lower-case continuation, trailing comma) joins Punkt's pieces
#: only while the joined sentence stays within this bound, so one unbalanced
#: quotation mark cannot swallow a volume (issue 10: a 3 MB volume became 32
#: "sentences"). 2,000 characters is half as long again as the longest sentence
#: of the coded statements (``data/coded/*.txt`` and ``data/raw``: 1,310
#: characters, a long enumeration) and well under
#: the 5,000 characters issue 10 allows; a single Punkt piece longer than the
#: bound (text with no boundary at all, such as an index) is kept whole.
MAX_SENTENCE_CHARS = 2000
#: A quotation is held open across a sentence boundary only when its closing
#: mark follows within this many characters of the boundary (and, for curly
#: quotes, before the next opening mark). Third-party FRUS text often leaves
#: quotes unbalanced; an open mark with no close nearby is then ignored
#: instead of gluing everything after it together. 600 characters covers
#: the quoted passages of the coded statements (longest: 540 characters).
QUOTE_WINDOW = 600
#: Characters before a boundary searched for a trailing initial ("A.",
#: "U.S.S.R."); longer runs of initials do not occur.
_INITIAL_TAIL = 24


def _quote_continues(text: str, end: int, curly: int, straight: int) -> bool:
    """Whether a quotation open at ``end`` closes within :data:`QUOTE_WINDOW`.

    ``curly`` is the number of unclosed curly quotes of the sentence so far
    and ``straight`` the parity of its straight quotes; only the window after
    ``end`` is read, so the cost is bounded.
    """
    limit = end + QUOTE_WINDOW
    if curly > 0:
        close = text.find(_CLOSE_QUOTES, end, limit)
        if close != -1:
            nxt_open = text.find(_OPEN_QUOTES, end, close)
            if nxt_open == -1:
                return True
    if straight % 2 == 1:
        return text.find('"', end, limit) != -1
    return False


def _joins(text: str, prev_start: int, prev_end: int, start: int, end: int,
           curly: int, straight: int) -> bool:
    """Whether Punkt's break between two pieces is undone by a repair."""
    tail = text[max(prev_start, prev_end - _INITIAL_TAIL):prev_end]
    if _ENDS_WITH_INITIAL.search(tail):
        return True
    nxt = text[start:min(end, start + 8)].lstrip(_CONTINUATION_STRIP)
    if nxt[:1].islower():
        return True
    if tail.rstrip().endswith((",", ";", ":")):
        return True
    return _quote_continues(text, prev_end, curly, straight)


def split_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``.

    Punkt's pieces are joined back by the repairs of the module docstring.
    Each piece is read once: quote balance is kept per sentence as counts
    updated piece by piece (never by re-counting the joined text), every
    look-ahead is bounded (:data:`QUOTE_WINDOW`), and no repair grows a
    sentence past :data:`MAX_SENTENCE_CHARS`, so the cost is linear in the
    length of ``text``.

    Examples
    --------
    >>> t = "The U.S. Government agreed. Gen. Odría spoke. It ended."
    >>> [t[a:b] for a, b in split_spans(t)]
    ['The U.S. Government agreed.', 'Gen. Odría spoke.', 'It ended.']

    An unbalanced quotation mark does not glue the rest of the text together:

    >>> t = 'He said “no. ' + "It rained. " * 3
    >>> len(split_spans(t))
    4
    """
    pieces = []
    for a, b in _TOKENIZER.span_tokenize(text):
        cut = a
        for m in _COMMA_FOR_STOP.finditer(text, a, b):
            pieces.append((cut, m.start() + 1, False))
            cut = m.end()
        pieces.append((cut, b, cut != a))
    merged: list[list[int]] = []
    curly = straight = 0  # quote state of the last sentence of ``merged``
    for start, end, forced in pieces:
        d_curly = text.count(_OPEN_QUOTES, start, end) - text.count(_CLOSE_QUOTES, start, end)
        d_straight = text.count('"', start, end)
        if merged and not forced:
            prev_start, prev_end = merged[-1]
            if (end - prev_start <= MAX_SENTENCE_CHARS
                    and _joins(text, prev_start, prev_end, start, end, curly, straight)):
                merged[-1][1] = end
                curly += d_curly
                straight += d_straight
                continue
        merged.append([start, end])
        curly, straight = d_curly, d_straight
    return [(a, b) for a, b in merged]


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences.

    Parameters
    ----------
    text : str
        One paragraph of clean text (no page markers).

    Returns
    -------
    list of str

    Examples
    --------
    Abbreviations, initials, dates and quotations do not end a sentence:

    >>> split_sentences("Dr. Julius Klein headed it. See pp. 985 ff. for more.")
    ['Dr. Julius Klein headed it.', 'See pp. 985 ff. for more.']
    >>> split_sentences("General Manuel A. Odría governed. The U.S. agreed.")
    ['General Manuel A. Odría governed.', 'The U.S. agreed.']
    >>> split_sentences('He called it “a grave step. It must end” at once. Nobody agreed.')
    ['He called it “a grave step. It must end” at once.', 'Nobody agreed.']
    >>> split_sentences("It sides with us, This does not mean more.")
    ['It sides with us,', 'This does not mean more.']
    >>> split_sentences("Signed Sept. 2, 1947, at St. Louis. It entered into force.")
    ['Signed Sept. 2, 1947, at St. Louis.', 'It entered into force.']
    """
    return [text[a:b] for a, b in split_spans(text)]
