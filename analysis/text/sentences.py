"""Sentence splitting tuned for mid-century State Department prose.

NLTK's Punkt algorithm (Kiss, T. & Strunk, J. 2006, "Unsupervised
Multilingual Sentence Boundary Detection", *Computational Linguistics*
32(4)) is used untrained, with the abbreviations of this register given
explicitly, so nothing is downloaded. Three repairs follow Punkt: a break
after an initial ("Manuel A. Odría") or inside an open quotation is undone,
and so is a break before a lower-case word.

Punkt's spans come from :func:`punkt_spans`, which reproduces
``_TOKENIZER.span_tokenize`` (NLTK's ``PunktSentenceTokenizer`` with these
parameters: abbreviation types only) exactly and about ten times faster: with
no collocations, sentence starters or orthographic context, every decision
depends on the word before a candidate and the token after it, and is made
with string tests instead of NLTK's per-token objects. :data:`_TOKENIZER`
stays the reference: the tests compare the two on the corpus, on the ten
volumes and on thousands of generated texts, and ``benchmarks/run.py``
measures NLTK's Punkt as the load stage's baseline.

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
from nltk.tokenize.punkt import (PunktLanguageVars, PunktParameters, PunktSentenceTokenizer,
                                 PunktToken)

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


# -- Punkt, re-implemented for these parameters ---------------------------------------------
#
# With parameters holding abbreviation types only (no collocations, no sentence
# starters, an empty orthographic context), every decision of NLTK's Punkt
# depends on a few characters around each candidate. ``punkt_spans`` walks the
# candidates of NLTK's own period-context pattern once and decides each with
# string tests instead of per-token objects; the patterns are NLTK's compiled
# ones (the ``regex`` engine), so character classes (\s, \w, \d) are NLTK's.


def _engine(pattern):
    """The compiled ``regex`` pattern inside NLTK's timed wrapper (``nltk.redos``)."""
    return getattr(pattern, "_rx", pattern)


_LANG = _TOKENIZER._lang_vars
_PERIOD_CONTEXT = _engine(_LANG.period_context_re())
_NEXT_TOK = _PERIOD_CONTEXT.groupindex["next_tok"]
_WORD_FINDALL = _engine(_LANG._word_tokenizer_re()).findall
_WORD_MATCH = _engine(_LANG._word_tokenizer_re()).match
_REALIGN_MATCH = _engine(_LANG.re_boundary_realignment).match
#: First characters the realignment pattern can match (its class).
_REALIGN_FIRST = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")
_ELLIPSIS_MATCH = _engine(PunktToken._RE_ELLIPSIS).match
_NUMERIC_SUB = _engine(PunktToken._RE_NUMERIC).sub
_NUMERIC_MATCH = _engine(PunktToken._RE_NUMERIC).match
_INITIAL_MATCH = _engine(PunktToken._RE_INITIAL).match
_ABBREVS = frozenset(_PARAMS.abbrev_types)
_SENT_END = tuple(_LANG.sent_end_chars)
_PUNCTUATION = PunktSentenceTokenizer.PUNCTUATION
#: ``string.whitespace``: the only characters NLTK's
#: ``_get_last_whitespace_index`` treats as white space.
_ASCII_SPACE_RARE = "\t\n\r\x0b\x0c"
#: Characters Python's ``str.strip`` removes that the ``regex`` engine's ``\s``
#: does not match: a token made of them can vanish from a "blank" line.
_STRIP_ONLY = frozenset("\x1c\x1d\x1e\x1f")
#: A word before a candidate period that NLTK's word pattern keeps, period
#: included, as one token: word characters joined by single ``.``, ``,``, ``-``
#: (no white space, no punctuation that ends a word, no ``..`` or ``--``).
_SIMPLE_WORD = _engine(redos.compile(r"\w+(?:[.,\-]\w+)*", timeout=None)).fullmatch
_CACHE_MAX_KEY = 64
_CACHE_MAX_ENTRIES = 100_000


def _token_breaks(tok: str, nxt: str) -> bool:
    """Punkt's sentence-break flag of token ``tok`` followed by token ``nxt``.

    First pass (``_first_pass_annotation``) and second pass
    (``_second_pass_annotation`` with ``_ortho_heuristic``) of NLTK for
    parameters with abbreviation types only: the orthographic heuristic is
    then never ``True``, it is ``False`` for punctuation and lower-case
    words and ``"unknown"`` otherwise, and collocations and sentence starters
    never apply.
    """
    if tok in _SENT_END:
        return True
    if _ELLIPSIS_MATCH(tok):
        return False
    if not tok.endswith(".") or tok.endswith(".."):
        return False
    low = tok[:-1].lower()
    if low in _ABBREVS or low.split("-")[-1] in _ABBREVS:
        return False  # an abbreviation; the second pass never makes it a break
    # a sentence break by the first pass; initials and numbers may be undone
    typ = _NUMERIC_SUB("##number##", tok.lower())
    if len(typ) > 1 and typ[-1] == ".":
        typ = typ[:-1]
    initial = _INITIAL_MATCH(tok)
    if initial or typ == "##number##":
        if nxt in _PUNCTUATION or nxt[0].islower():  # orthographic heuristic: False
            return False
        if initial and nxt[0].isupper():  # "unknown", and the next word is capitalised
            return False
    return True


def _contains_sentbreak(text: str) -> bool:
    """NLTK's ``text_contains_sentbreak`` for these parameters, without token objects."""
    toks: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            toks.extend(_WORD_FINDALL(line))
    for i in range(len(toks) - 1):
        if _token_breaks(toks[i], toks[i + 1]):
            return True
    return False


_TAIL_CACHE: dict[str, bool] = {}


def _tail_breaks(nxt: str) -> bool:
    """Whether the tokens of the next word ``nxt`` hold a break of their own."""
    if "." not in nxt and "?" not in nxt and "!" not in nxt:
        return False
    if len(nxt) > _CACHE_MAX_KEY:
        return _contains_sentbreak(nxt)
    hit = _TAIL_CACHE.get(nxt)
    if hit is None:
        if len(_TAIL_CACHE) >= _CACHE_MAX_ENTRIES:
            _TAIL_CACHE.clear()
        hit = _TAIL_CACHE[nxt] = _contains_sentbreak(nxt)
    return hit


def _word_period_breaks(word: str, text: str, after: int, ns: int, ne: int) -> bool:
    """The decision at ``word + "."`` for a word NLTK keeps whole, period included.

    ``word`` is free of white space and of every character NLTK's word
    pattern treats specially (``str.isalnum``, or :data:`_SIMPLE_WORD`), so
    the word and its period are one token. What follows the period is the
    punctuation mark ``text[after]`` when ``ns < 0``, else white space and
    the token ``text[ns:ne]``, whose first character starts the next token.
    """
    low = word.lower()
    if low in _ABBREVS or ("-" in low and low.split("-")[-1] in _ABBREVS):
        # an abbreviation: never a break itself, but the next token may hold one
        return ns >= 0 and _tail_breaks(text[ns:ne])
    # a break by the first pass; an initial or a number may be undone
    initial = len(word) == 1 and _INITIAL_MATCH(word + ".")
    # a number starts with a digit, "-", "." or ",", never with a letter
    if not initial and (low[0].isalpha() or not _NUMERIC_MATCH(low + ".")):
        return True
    if ns < 0:
        return text[after] not in _PUNCTUATION
    first = text[ns]
    if first.islower() or (initial and first.isupper()) or first in ";:,":
        brk = False
    elif first in ".?!":
        brk = _WORD_MATCH(text[ns:ne]).group() not in _PUNCTUATION
    else:
        brk = True
    return brk or _tail_breaks(text[ns:ne])


def punkt_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of NLTK's Punkt with this module's parameters, computed fast.

    Punkt (Kiss, T. & Strunk, J. 2006, "Unsupervised Multilingual Sentence
    Boundary Detection", *Computational Linguistics* 32(4): 485-525) decides
    each candidate boundary (``.``, ``?``, ``!`` followed by punctuation or by
    white space and a token) from the word before it and the token after it.
    This function reproduces ``PunktSentenceTokenizer(_PARAMS,
    lang_vars=_LanguageVars()).span_tokenize(text)`` exactly — the spans of
    :data:`_TOKENIZER`, realignment of closing punctuation included — for
    parameters holding abbreviation types only (no collocations, no
    sentence starters, no orthographic context), as :data:`_PARAMS` does.
    It walks the candidates of NLTK's own period-context pattern
    (``_match_potential_end_contexts``: the word before each candidate, and a
    candidate dropped when the next one's word overlaps it), decides the
    common case — a plain word before a period — with a few string tests, and
    any other context by NLTK's tokenisation and two annotation passes
    re-implemented without token objects (:func:`_contains_sentbreak`).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of tuple of int
        ``(start, end)`` of each sentence, in order; the same list as
        ``list(_TOKENIZER.span_tokenize(text))``.

    Examples
    --------
    >>> t = "Gen. A. Smith came at 5 p.m. to the U.S. Embassy. (He left.) Then?"
    >>> punkt_spans(t) == list(_TOKENIZER.span_tokenize(t))
    True
    >>> [t[a:b] for a, b in punkt_spans(t)]
    ['Gen. A. Smith came at 5 p.m. to the U.S. Embassy.', '(He left.)', 'Then?']
    >>> punkt_spans("")
    []
    """
    slices: list[tuple[int, int]] = []
    last_break = 0
    # only the white space characters present in ``text`` are looked for
    rare = [ch for ch in _ASCII_SPACE_RARE if ch in text]
    prev = -1  # position of the previous candidate, kept until the next shows no overlap
    prev_ns = prev_ne = -1  # its next token (-1: a punctuation mark follows)
    w_start = 0  # start of the previous candidate's word (it ends at ``prev``)
    for m in _PERIOD_CONTEXT.finditer(text):
        ms = m.start()
        # _match_potential_end_contexts: the word before ``ms`` starts after the
        # last string.whitespace character since the previous candidate
        lo = prev if prev > 0 else 0
        i = text.rfind(" ", lo, ms)
        for ch in rare:
            j = text.rfind(ch, i + 1 if i >= 0 else lo, ms)
            if j > i:
                i = j
        start = i + 1 if i > lo else w_start
        if prev >= 0 and prev <= start:
            if _breaks(text, prev, w_start, prev_ns, prev_ne):
                slices.append((last_break, prev + 1))
                last_break = prev_ns if prev_ns >= 0 else prev + 1
        prev, w_start = ms, start
        prev_ns, prev_ne = m.span(_NEXT_TOK)
    if prev >= 0 and _breaks(text, prev, w_start, prev_ns, prev_ne):
        slices.append((last_break, prev + 1))
        last_break = prev_ns if prev_ns >= 0 else prev + 1
    slices.append((last_break, len(text.rstrip())))
    # _realign_boundaries
    out: list[tuple[int, int]] = []
    realign = 0
    last = len(slices) - 1
    for k, (a, b) in enumerate(slices):
        a += realign
        if k == last:
            if a < b:
                out.append((a, b))
            break
        a2, b2 = slices[k + 1]
        rm = None
        if a2 < b2 and text[a2] in _REALIGN_FIRST:
            rm = _REALIGN_MATCH(text[a2:b2])
        if rm:
            out.append((a, a2 + len(rm.group(0).rstrip())))
            realign = rm.end()
        else:
            realign = 0
            if a < b:
                out.append((a, b))
    return out


def _breaks(text: str, pos: int, w_start: int, ns: int, ne: int) -> bool:
    """NLTK's ``text_contains_sentbreak`` on the context of the candidate at ``pos``.

    The context is the word before it (from ``w_start``), the candidate, and
    the punctuation mark after it (``ns < 0``) or the white space and the
    token ``text[ns:ne]`` after it: ``text[w_start:ne]``.
    """
    if ns >= 0 and text[ns] in _STRIP_ONLY:  # the next "token" may vanish
        return _contains_sentbreak(text[w_start:ne])
    if text[pos] != ".":
        return True  # "?" and "!" are tokens of their own and breaks; a token follows
    word = text[w_start:pos]
    if word.isalnum() or _SIMPLE_WORD(word):
        return _word_period_breaks(word, text, pos + 1, ns, ne)
    return _contains_sentbreak(text[w_start:ne if ns >= 0 else pos + 2])


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
    lo = prev_end - _INITIAL_TAIL
    tail = text[prev_start if prev_start > lo else lo:prev_end]
    # the pattern ends with "[A-Z]." at the end (``$``: or before a final newline)
    if (tail[-1:] == "." or tail[-2:] == ".\n") and _ENDS_WITH_INITIAL.search(tail):
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
    for a, b in punkt_spans(text):
        cut = a
        for m in _COMMA_FOR_STOP.finditer(text, a, b):
            pieces.append((cut, m.start() + 1, False))
            cut = m.end()
        pieces.append((cut, b, cut != a))
    # the sentences so far as two lists of ints (no list per sentence for the
    # garbage collector to walk)
    starts: list[int] = []
    ends: list[int] = []
    prev_start = prev_end = -1  # the last sentence
    curly = straight = 0  # its quote state
    for start, end, forced in pieces:
        d_curly = text.count(_OPEN_QUOTES, start, end) - text.count(_CLOSE_QUOTES, start, end)
        d_straight = text.count('"', start, end)
        if prev_start >= 0 and not forced:
            if (end - prev_start <= MAX_SENTENCE_CHARS
                    and _joins(text, prev_start, prev_end, start, end, curly, straight)):
                ends[-1] = prev_end = end
                curly += d_curly
                straight += d_straight
                continue
        starts.append(start)
        ends.append(end)
        prev_start, prev_end = start, end
        curly, straight = d_curly, d_straight
    return list(zip(starts, ends))


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
