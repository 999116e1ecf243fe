"""Sentence splitting tuned for mid-century State Department prose.

NLTK's Punkt algorithm (Kiss, T. & Strunk, J. 2006, "Unsupervised
Multilingual Sentence Boundary Detection", *Computational Linguistics*
32(4)) is used untrained, with the abbreviations of this register given
explicitly, so nothing is downloaded. Three repairs follow Punkt: a break
after an initial ("Manuel A. Odría") or inside an open quotation is undone,
and so is a break before a lower-case word.
"""
from __future__ import annotations

import re

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

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

_PARAMS = PunktParameters()
_PARAMS.abbrev_types = set(ABBREVIATIONS)
_TOKENIZER = PunktSentenceTokenizer(_PARAMS)

#: A sentence that ends in an initial ("A.", "U.S.") does not end there.
_ENDS_WITH_INITIAL = re.compile(r"(?:^|[\s(“\"])(?:[A-Z]\.)+$")
#: A comma typed for a full stop before a sentence-opening pronoun
#: ("… of Communist imperialism, This does not mean …"): transcription
#: slips of this kind occur in the printed volumes; capitalised "This" or
#: "It" never continues a sentence after a comma.
_COMMA_FOR_STOP = re.compile(r",\s+(?=(?:This|These|Those|It|There|We|Our|They)\s+[a-z])")
_OPEN_QUOTES = "“"
_CLOSE_QUOTES = "”"


def _quote_open(text: str) -> bool:
    if text.count(_OPEN_QUOTES) > text.count(_CLOSE_QUOTES):
        return True
    return text.count('"') % 2 == 1


def split_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``.

    Examples
    --------
    >>> t = "The U.S. Government agreed. Gen. Odría spoke. It ended."
    >>> [t[a:b] for a, b in split_spans(t)]
    ['The U.S. Government agreed.', 'Gen. Odría spoke.', 'It ended.']
    """
    spans = []
    for a, b in _TOKENIZER.span_tokenize(text):
        cut = a
        for m in _COMMA_FOR_STOP.finditer(text, a, b):
            spans.append((cut, m.start() + 1, False))
            cut = m.end()
        spans.append((cut, b, cut != a))
    merged: list[list[int]] = []
    for start, end, forced in spans:
        if merged and not forced:
            prev = text[merged[-1][0]:merged[-1][1]]
            nxt = text[start:end].lstrip("“\"‘'( ")
            if (_ENDS_WITH_INITIAL.search(prev)
                    or _quote_open(prev)
                    or (nxt[:1].islower())
                    or prev.rstrip().endswith((",", ";", ":"))):
                merged[-1][1] = end
                continue
        merged.append([start, end])
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
