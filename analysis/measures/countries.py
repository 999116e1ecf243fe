"""Countries mentioned in each sentence, and the focus country of a statement.

Names and codes of current countries come from pycountry (ISO 3166-1: name,
official name, common name); everything the 1950s prose needs beyond that —
demonyms, abbreviations, period names, capitals, and the phrases that look
like countries but are not ("inter-American", "Latin American", "New
Mexico", "Indian and mixed blood") — is the package's own reviewable file
``analysis/data/country_aliases.csv`` (columns ``surface, iso2, kind,
condition, note``). A row of that file replaces any pycountry entry with the
same surface.

Rules of the detector
---------------------
* Matching is case-sensitive ("Turkey", not "turkey") on whole words; the
  longest surface wins at each position, so "Costa Rica", "Dominican
  Republic", "Equatorial Guinea", "Soviet Union" match whole before their
  parts, "Chilean" counts once as a demonym (never also as "Chile"), and a
  not-a-country phrase ("Latin American") hides the country word inside it.
* ``kind`` is one of ``name``, ``demonym``, ``abbreviation``, ``historical``
  and ``capital`` (a capital standing for its government; drop those rows to
  count only names). Organisations (UN, OAS, GATT, IBRD, ILO, Export-Import
  Bank) and regions are never reported.
* Row conditions: ``not_person`` skips a surname use (after a title such as
  "Mr." or a capitalised given name: "Mr. Jordan", "George Washington");
  ``not_language`` skips a language use ("English language",
  "Spanish-speaking"); ``needs_name_in_doc`` keeps the mention only when the
  same document also names the country otherwise ("Indian" counts for India
  only in a statement that names India — in a Latin-American statement it
  means indigenous people).
* A multi-word surface matches across any run of whitespace ("Costa\nRica").
* Matching is one Aho-Corasick pass (``ahocorasick_rs``, a DFA over UTF-8)
  over the text of the sentences joined (the ASCII sentences and the others
  apart, :data:`SCAN_TEXTS` at a time): the leftmost-longest surfaces, which
  are what the trie-compiled regex of :func:`_lexicon` (the reference) finds
  wherever each of them stands at a word boundary; a sentence where one does
  not ("Germans" found as "German") is searched again with every overlapping
  match, of which the leftmost-longest whole-word ones are kept. The same
  pass finds the sentences holding whitespace other than single spaces
  (matched again with each run squeezed to one space) and the language words
  after a surface; boundaries, the choice of candidates, the trap rules and
  the table are array operations. Same mentions as the reference on ``data/coded/*.txt``,
  ``data/raw`` and generated sentences full of traps
  (``tests/measures/test_countries.py``); issue 10 measures the speed
  (``benchmarks/run.py``).
* "Georgia" is the US state (the Georgian SSR was part of the Soviet Union in
  the period of the series): only "Republic of Georgia" counts as GE.

Code convention
---------------
``iso2`` is the code of the state as it then was: ISO 3166-1 alpha-2 for
states that still exist (also under a period name: "Burma" → MM, "Siam" →
TH, "Formosa" → TW), and the ISO 3166-3 alpha-2 code of a dissolved state:
``SU`` Soviet Union (also "Russia" and "Soviet Russia" in period prose),
``YU`` Yugoslavia, ``CS`` Czechoslovakia, ``DD`` East Germany. Column
``iso2_current`` maps these to a current successor where there is a single
one (SU → RU, DD → DE; see :func:`current_code`), which is how the
project's gold files code the Soviet Union.

Only ``sentences.text`` is searched, so footnotes are never read.
"""
from __future__ import annotations

import gc
import re
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs
import numpy as np
import pandas as pd
import pycountry

from .. import config
from ..contracts import CONTRACTS
from ..io.dates import DATELINE
from .regions import with_regions

#: The package's own alias file (demonyms, period names, exclusions).
ALIASES_FILE = config.PACKAGE_DATA / "country_aliases.csv"
#: Kinds a reported mention can have.
KINDS = ("name", "demonym", "abbreviation", "historical", "capital")
#: Kinds of alias rows that hide text from the detector without reporting it.
HIDDEN_KINDS = ("not_country", "organisation")
#: Row conditions of the alias file (see "Rules of the detector" above).
CONDITIONS = ("", "not_person", "not_language", "needs_name_in_doc")
#: Kinds that count toward the focus country (all but capitals).
FOCUS_KINDS = ("name", "demonym", "abbreviation", "historical")
#: The author's own country, never the focus of a statement.
HOME_COUNTRY = "US"
#: ISO 3166-3 codes of dissolved states with a single current successor
#: (ISO 3166-3: SU → RU is the successor the UN seat passed to; DD joined DE
#: in 1990). CS and YU split into several states and are left as they are.
SUCCESSORS = {"SU": "RU", "DD": "DE"}
#: Titles and given-name shapes that make a ``not_person`` surface a person.
TITLE_WORDS = ("Mr", "Mrs", "Miss", "Ms", "Dr", "Gen", "General", "Col", "Colonel", "Adm",
               "Admiral", "Capt", "Captain", "Sen", "Senator", "Rep", "Representative",
               "Congressman", "Ambassador", "Secretary", "President", "Governor", "Judge",
               "Justice", "Professor", "Prof", "Minister", "Mister", "Sr", "Señor")
_TITLES = re.compile(r"(?:\b(?:" + "|".join(TITLE_WORDS) + r")\.?"
                     r"|\b[A-Z]\.|(?<=\S)\s[A-Z][a-z]+)\s+$")
#: What a title or an initial of :data:`_TITLES` ends with (the fast path's pre-check).
_TITLE_ENDINGS = TITLE_WORDS + tuple(t + "." for t in TITLE_WORDS)
#: Characters a title or an initial of :data:`_TITLES` and its one space can span.
_TITLE_REACH = max(map(len, _TITLE_ENDINGS)) + 1
#: A capitalised word of :data:`_TITLES`'s third shape ("George" in "George Washington").
_CAPITALISED = re.compile(r"[A-Z][a-z]+")
#: Characters before a ``not_person`` surface searched for a title (the
#: package's choice: a title and a given name fit with room to spare).
TITLE_WINDOW = 40
#: Words after a ``not_language`` surface that make it a language, joined to
#: it by whitespace or a hyphen ("English language", "Spanish-speaking").
LANGUAGE_WORDS = ("language", "speaking")
_LANGUAGE_AFTER = re.compile(r"^(?:\s+|-)(?:" + "|".join(LANGUAGE_WORDS) + ")")
#: Characters after a ``not_language`` surface searched for a language word
#: (the package's choice: the longest word with its joiner, and room to spare).
LANGUAGE_WINDOW = 12
#: Whitespace other than the space: every character for which ``str.isspace``
#: (and so ``re``'s ``\s``) holds, but " " (Python's Unicode database; a test
#: checks the list against ``str.isspace``). A text holding any, or two spaces
#: in a row, is matched with its whitespace runs squeezed to one space, as the
#: reference regex's ``\s+`` lets a multi-word surface span any run.
ODD_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680"
              + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000")
_SPACE_RUN = re.compile(r"\s+")
_SPACE_AFTER_SPACE = re.compile(r"(?<=\s)\s")
#: Joins the texts for the one automaton pass: neither a word character nor
#: whitespace, and in no surface, so no match crosses two texts.
_SEP = "\x00"
#: Texts searched in one automaton pass (the package's choice: about 2.6 MB of the
#: volumes' sentences, so that the joined text, its encoding and the matches stay in
#: the processor's cache and the memory of one pass is reused by the next).
SCAN_TEXTS = 16384
MENTION_COLUMNS = ["doc_id", "sentence_id", "iso2", "country", "surface", "kind",
                   "start", "end", "iso2_current"]


def current_code(iso2: str) -> str:
    """Current ISO 3166-1 successor of a historical code, else the code itself.

    Examples
    --------
    >>> current_code("SU"), current_code("DD"), current_code("PE"), current_code("CS")
    ('RU', 'DE', 'PE', 'CS')
    """
    return SUCCESSORS.get(iso2, iso2)


def _plain_surface(surface: str) -> bool:
    """Whether ``surface`` can be searched for: words joined by single spaces.

    Examples
    --------
    >>> _plain_surface("Costa Rica"), _plain_surface("Costa  Rica"), _plain_surface(" Peru")
    (True, False, False)
    """
    return bool(surface) and " ".join(surface.split()) == surface and _SEP not in surface


def load_aliases(path=None) -> pd.DataFrame:
    """Read and check the alias file (``surface, iso2, kind, condition, note``).

    Examples
    --------
    >>> a = load_aliases()
    >>> a.loc[a.surface == "Peruvian", ["iso2", "kind"]].values.tolist()
    [['PE', 'demonym']]
    """
    path = Path(path) if path is not None else ALIASES_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: country alias file missing; restore it from the package")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    need = {"surface", "iso2", "kind", "condition", "note"}
    if not need <= set(df.columns):
        raise ValueError(f"{path}: needs columns {sorted(need)}, found {list(df.columns)}")
    bad = df[~df.kind.isin(KINDS + HIDDEN_KINDS) | ~df.condition.isin(CONDITIONS)]
    if len(bad):
        raise ValueError(f"{path}: row {int(bad.index[0]) + 2} has unknown kind or condition "
                         f"({bad.iloc[0].kind!r}, {bad.iloc[0].condition!r})")
    odd = df[~df.surface.map(_plain_surface).astype(bool)]
    if len(odd):
        raise ValueError(f"{path}: row {int(odd.index[0]) + 2} has surface {odd.iloc[0].surface!r}; "
                         f"write it as words joined by single spaces")
    dup = df[df.surface.duplicated()]
    if len(dup):
        raise ValueError(f"{path}: surface {dup.iloc[0].surface!r} appears twice; keep one row")
    return df


def _pycountry_surfaces() -> dict:
    """Surface → iso2 from pycountry; surfaces shared by two codes are dropped."""
    seen: dict[str, set] = {}
    for c in pycountry.countries:
        forms = {c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)}
        for f in list(forms):
            if f and "," in f:
                forms.add(f.split(",")[0])
            if f and "(" in f:
                forms.add(f.split("(")[0])
        for f in forms:
            if not f or "," in f or "(" in f:
                continue
            f = re.sub(r"^the\s+", "", " ".join(f.split()))
            if _plain_surface(f):
                seen.setdefault(f, set()).add(c.alpha_2)
    return {f: codes.pop() for f, codes in seen.items() if len(codes) == 1}


def display_names(aliases: pd.DataFrame | None = None) -> dict:
    """iso2 → display name: pycountry's common name, else a historical alias.

    The one place country names for tables and figures come from.

    Examples
    --------
    >>> names = display_names()
    >>> names["PE"], names["SU"]
    ('Peru', 'Soviet Union')
    """
    aliases = load_aliases() if aliases is None else aliases
    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    hist = aliases[(aliases.kind == "historical") & (aliases.iso2 != "")]
    for iso2, surface in zip(hist.iso2, hist.surface):
        names.setdefault(iso2, surface)
    return names


def _trie_regex(words) -> str:
    """One regex alternation of ``words`` as a trie; the longest match wins."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@lru_cache(maxsize=4)
def _entries(path: str | None = None):
    """surface → (iso2, kind, condition) of every surface, and iso2 → display name."""
    aliases = load_aliases(path)
    entries = {s: (iso2, "name", "") for s, iso2 in _pycountry_surfaces().items()}
    for row in aliases.itertuples(index=False):
        entries[row.surface] = (row.iso2, row.kind, row.condition)
    return entries, display_names(aliases)


def surface_entries(path=None) -> tuple:
    """Every surface the detector knows, and the display name of every code.

    Parameters
    ----------
    path : path-like, optional
        Another alias table (default :data:`ALIASES_FILE`).

    Returns
    -------
    tuple of (dict, dict)
        ``surface -> (iso2, kind, condition)`` and ``iso2 -> display name``
        (shared, cached: do not modify).

    Examples
    --------
    >>> entries, names = surface_entries()
    >>> entries["Peru"][0], names["PE"]
    ('PE', 'Peru')
    """
    return _entries(str(path) if path is not None else None)


@lru_cache(maxsize=4)
def _lexicon(path: str | None = None):
    """The reference detector: the trie-compiled regex of every surface, the entries, the names.

    Compiled only when asked for (by the tests, the benchmark and
    :mod:`analysis.report.kwic`); :func:`find_mentions` uses the automaton.
    """
    entries, names = _entries(path)
    pattern = re.compile(r"(?<![\w])(?:" + _trie_regex(sorted(entries)) + r")(?![\w])")
    return pattern, entries, names


class _Matcher(NamedTuple):
    """The automaton and what each of its patterns stands for (arrays by pattern index)."""

    auto: ahocorasick_rs.BytesAhoCorasick  # every match, overlapping ones too
    first: ahocorasick_rs.BytesAhoCorasick | None  # leftmost-longest (None: not usable)
    n_surfaces: int  # patterns 0 .. n_surfaces - 1 are the surfaces, in sorted order
    n_odd: int  # the next n_odd mark odd whitespace; the rest a language word after a joiner
    surface: np.ndarray
    iso2: np.ndarray
    kind: np.ndarray
    condition: np.ndarray
    country: np.ndarray
    iso2_current: np.ndarray
    hidden: np.ndarray  # a kind of HIDDEN_KINDS: hides its text, never reported
    not_person: np.ndarray  # the row conditions, as flags
    not_language: np.ndarray
    needs_name: np.ndarray
    iso2_code: np.ndarray  # small integer per distinct iso2
    chars: np.ndarray  # length of each pattern in characters


def _markers() -> tuple:
    """Patterns searched beside the surfaces: odd whitespace, then the language words.

    Examples
    --------
    >>> odd, language = _markers()
    >>> "  " in odd, language
    (True, [' language', ' speaking', '-language', '-speaking'])
    """
    odd = list(ODD_SPACES) + ["  "]
    language = [j + w for j in (" ", "-") for w in LANGUAGE_WORDS]
    return odd, language


def _first_pass_exact(surfaces, markers) -> bool:
    """Whether a leftmost-longest pass can stand for the overlapping one (see :func:`_scan`).

    It can when no surface starts inside a marker (nor where one does): a
    marker then never hides a surface from that pass. A marker inside a
    surface ("English language") is hidden by it, which does not matter: no
    other kept surface can end inside a kept one.

    Examples
    --------
    >>> _first_pass_exact(["Peru", "English language"], [" language", "\\t"])
    True
    >>> _first_pass_exact(["Peru", "guage"], [" language"])
    False
    """
    tails = {m[k:] for m in markers for k in range(len(m))}
    return not any(t.startswith(s) or s.startswith(t) for t in tails for s in surfaces)


@lru_cache(maxsize=4)
def _automaton(path: str | None = None) -> _Matcher:
    """Aho-Corasick automaton (a DFA over UTF-8) of every surface of :func:`_entries`.

    Beside the surfaces it finds the markers of :func:`_markers`, so that the
    same pass tells which texts hold odd whitespace and where a language word
    follows.
    """
    entries, names = _entries(path)
    surfaces = sorted(entries)
    odd, language = _markers()
    patterns = [p.encode("utf-8") for p in surfaces + odd + language]
    auto = ahocorasick_rs.BytesAhoCorasick(patterns, implementation=ahocorasick_rs.Implementation.DFA)
    first = None
    if _first_pass_exact(surfaces, odd + language):
        first = ahocorasick_rs.BytesAhoCorasick(
            patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA)
    info = [entries[s] for s in surfaces]

    def column(values):
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out

    iso2 = [e[0] for e in info]
    return _Matcher(auto, first, len(surfaces), len(odd), column(surfaces), column(iso2),
                    column([e[1] for e in info]), column([e[2] for e in info]),
                    column([names.get(c, c) for c in iso2]), column([current_code(c) for c in iso2]),
                    np.isin(column([e[1] for e in info]), HIDDEN_KINDS),
                    *(np.array([e[2] == c for e in info], dtype=bool)
                      for c in ("not_person", "not_language", "needs_name_in_doc")),
                    pd.factorize(column(iso2))[0].astype(np.int64),
                    np.array([len(p) for p in surfaces + odd + language], dtype=np.int64))


#: ``\\w`` of a byte that is an ASCII character (alphanumeric or ``_``); False for
#: the bytes of multi-byte characters, which :func:`_word_at` answers otherwise.
_BYTE_WORD = np.array([i < 128 and (chr(i).isalnum() or chr(i) == "_") for i in range(256)])


def _word_at(data: np.ndarray, joined: str, at_byte: np.ndarray, char_of) -> np.ndarray:
    """``re``'s ``\\w`` of the characters at byte ``at_byte`` (starting there, or ending there).

    ASCII bytes are looked up at once; for a byte of a multi-byte character,
    ``char_of(indices)`` gives the characters' offsets in ``joined``, which
    answers (``str.isalnum``, as ``re`` does).
    """
    byte = data[at_byte]
    out = _BYTE_WORD[byte]
    high = np.flatnonzero(byte > 127)
    if len(high):
        out[high] = [joined[i].isalnum() for i in char_of(high).tolist()]
    return out


#: Bytes compared at a time by :func:`_where_byte` (small enough for the cache).
_CHUNK = 1 << 20


def _where_byte(data: np.ndarray, test) -> np.ndarray:
    """Sorted positions in ``data`` where ``test(block)`` holds, a block of :data:`_CHUNK` at a time.

    The same as ``np.flatnonzero(test(data))`` without a mask as long as the text.

    Examples
    --------
    >>> _where_byte(np.frombuffer(b"a\\x00b\\x00", dtype=np.uint8), lambda b: b == 0).tolist()
    [1, 3]
    """
    if len(data) <= _CHUNK:
        return np.flatnonzero(test(data))
    return np.concatenate([np.flatnonzero(test(data[i:i + _CHUNK])) + i
                           for i in range(0, len(data), _CHUNK)])


def _raw_matches(auto, raw: bytes, overlapping: bool = True) -> tuple:
    """``(pattern, start, end)`` arrays of the matches of ``auto`` in ``raw`` (contiguous).

    The automaton answers with a Python tuple per match; the collector is
    paused while they are made and read (none of them can be part of a cycle),
    so that hundreds of thousands of new tuples do not set off collections of
    the whole heap.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        found = auto.find_matches_as_indexes(raw, overlapping=overlapping)
        flat = np.fromiter(chain.from_iterable(found), dtype=np.int64, count=3 * len(found))
        del found
    finally:
        if paused:
            gc.enable()
    return tuple(np.ascontiguousarray(flat.reshape(-1, 3).T))


def _leftmost_longest(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Indices of the matches a leftmost-longest scan keeps, in text order.

    At each start the longest match wins and scanning resumes at its end.
    Only runs of overlapping matches are walked one by one.

    Examples
    --------
    >>> _leftmost_longest(np.array([0, 0, 5, 8, 12]), np.array([4, 10, 15, 11, 20])).tolist()
    [1, 4]
    """
    if not len(start):
        return np.zeros(0, dtype=np.int64)
    span = int((end - start).max()) + 1
    # by start, the longest first: one key (matches come nearly sorted by start)
    order = np.argsort(start * span + (span - 1 - (end - start)), kind="stable")
    s, e = start[order], end[order]
    first = np.ones(len(s), dtype=bool)
    np.not_equal(s[1:], s[:-1], out=first[1:])
    order, s, e = order[first], s[first], e[first]
    reach = np.maximum.accumulate(e)
    free = np.ones(len(s), dtype=bool)  # starts after every earlier match: kept
    np.greater_equal(s[1:], reach[:-1], out=free[1:])
    if free.all():
        return order
    keep = free.copy()
    clash = np.flatnonzero(~free)
    # A clash right after a free match starts inside it (the free match is kept
    # and reaches furthest): dropped. Runs of clashes are walked one by one,
    # from the free match that opens each.
    after_clash = np.zeros(len(clash), dtype=bool)
    np.equal(np.diff(clash), 1, out=after_clash[1:])
    in_run = after_clash.copy()
    in_run[:-1] |= after_clash[1:]
    walk = clash[in_run]
    pos = 0
    for i, a, b, opens, before in zip(walk.tolist(), s[walk].tolist(), e[walk].tolist(),
                                      (~after_clash[in_run]).tolist(), e[walk - 1].tolist()):
        if opens:
            pos = before
        if a >= pos:
            keep[i] = True
            pos = b
    return order[keep]


def _scan(texts: list, matcher: _Matcher, overlapping: bool = False) -> tuple:
    """Leftmost-longest whole-word surface matches of ``texts``, by one automaton pass.

    The texts are joined with :data:`_SEP` and searched as UTF-8. Every
    occurrence of a surface (overlapping ones too) is a candidate when
    non-word characters or the ends of its text bound it; at each start the
    longest candidate wins and scanning resumes at its end: the matches of
    the trie regex of :func:`_lexicon` on a text whose whitespace is single
    spaces. Boundaries and the choice are made on byte offsets; only the
    chosen matches (and the few next to a multi-byte character) are turned
    into character offsets, and none when the texts are ASCII.

    Unless ``overlapping`` (or ``matcher.first`` is None), the pass is the
    leftmost-longest automaton's, which returns about a quarter fewer
    matches: where every surface it finds in a text is bounded by non-word
    characters, they are that text's matches (at each step the longest
    surface at the leftmost start is also the longest whole-word one there);
    the texts where one is not (a surface glued to a word: "Germans" found as
    "German") are searched again with every overlapping match. Returns what
    :func:`_whole_word_matches` does.
    """
    empty = np.zeros(0, dtype=np.int64)
    overlapping = overlapping or matcher.first is None
    joined = _SEP.join(texts)
    raw = joined.encode("utf-8", "surrogatepass")
    pat, bstart, bend = _raw_matches(matcher.auto if overlapping else matcher.first, raw,
                                     overlapping)
    if not len(pat):
        return empty, empty, empty, empty, np.zeros(0, dtype=bool), empty
    data = np.frombuffer(raw, dtype=np.uint8)
    ascii_only = len(raw) == len(joined)
    if ascii_only:  # byte offsets are character offsets, and texts' offsets come from their lengths
        def to_char(b):
            return b
    else:  # a character's offset is its byte's less the continuation bytes before it
        cont = _where_byte(data.view(np.int8), lambda b: b < -64)  # bytes 0x80-0xBF

        def to_char(b):
            return b - np.searchsorted(cont, b)
    seps = None if ascii_only else _where_byte(data, lambda b: b == 0)
    if seps is not None and len(seps) == len(texts) - 1:  # no text holds the separator
        offsets = to_char(np.concatenate(([0], seps + 1)))

        def text_of(b):  # the text holding byte b (never a separator's)
            return np.searchsorted(seps, b)
    else:  # character offset of each text in ``joined``
        offsets = np.zeros(len(texts), dtype=np.int64)
        np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts) - 1) + 1,
                  out=offsets[1:])

        def text_of(b):
            return np.searchsorted(offsets, to_char(b), side="right") - 1
    ok = pat < matcher.n_surfaces
    if ok.all():
        odd, language_at = empty, empty
    else:
        odd_mark = ~ok & (pat < matcher.n_surfaces + matcher.n_odd)
        odd = np.unique(text_of(bstart[odd_mark]))
        language_at = np.unique(bstart[~ok & ~odd_mark])  # bytes where a language word begins
    inner = np.flatnonzero(bstart > 0)
    ok[inner] &= ~_word_at(data, joined, bstart[inner] - 1,
                           lambda i: to_char(bstart[inner[i]]) - 1)
    inner = np.flatnonzero(bend < len(raw))
    ok[inner] &= ~_word_at(data, joined, bend[inner], lambda i: to_char(bend[inner[i]]))
    redo = empty
    if not overlapping:
        failed = ~ok & (pat < matcher.n_surfaces)
        if failed.any():
            redo = np.unique(text_of(bstart[failed]))
    keep = np.flatnonzero(ok)
    pat, bstart, bend = pat[keep], bstart[keep], bend[keep]
    if overlapping:
        chosen = _leftmost_longest(bstart, bend)
        pat, bstart, bend = pat[chosen], bstart[chosen], bend[chosen]
    text = text_of(bstart)
    if len(redo):  # their matches come from the overlapping pass
        keep = np.flatnonzero(~_flags(len(texts), redo)[text])
        text, pat, bstart, bend = text[keep], pat[keep], bstart[keep], bend[keep]
    cstart = to_char(bstart) - offsets[text]
    # a language word begins where the surface ends (``language_at`` is sorted and unique)
    if len(language_at):
        at = np.minimum(np.searchsorted(language_at, bend), len(language_at) - 1)
        language = language_at[at] == bend
    else:
        language = np.zeros(len(bend), dtype=bool)
    found = (text, pat, cstart, cstart + matcher.chars[pat], language, odd)
    if not len(redo):
        return found
    again = _scan([texts[i] for i in redo.tolist()], matcher, overlapping=True)
    text = np.concatenate((text, redo[again[0]]))
    order = np.argsort(text, kind="stable")  # the texts of each part are in order, and apart
    return (text[order], *(np.concatenate((x, y))[order] for x, y in zip(found[1:5], again[1:5])),
            np.union1d(odd, redo[again[5]]))


def _flags(n: int, where: np.ndarray) -> np.ndarray:
    """Boolean array of length ``n``, True at the indices ``where``.

    Examples
    --------
    >>> _flags(4, np.array([1, 3])).tolist()
    [False, True, False, True]
    """
    out = np.zeros(n, dtype=bool)
    out[where] = True
    return out


def _as_objects(texts) -> np.ndarray:
    """``texts`` (a list or an array) as a one-dimensional object array, without copying an array.

    Examples
    --------
    >>> _as_objects(["ab", "c"]).tolist(), _as_objects(np.array(["x"], dtype=object)).dtype
    (['ab', 'c'], dtype('O'))
    """
    if isinstance(texts, np.ndarray) and texts.dtype == object and texts.ndim == 1:
        return texts
    out = np.empty(len(texts), dtype=object)
    out[:] = list(texts)
    return out


def _whole_word_matches(texts, matcher: _Matcher) -> tuple:
    """Leftmost-longest whole-word surface matches of every text (a list or object array of ``str``).

    The ASCII texts and the others are searched in one pass each
    (:func:`_scan`): joined, ASCII text needs no widening, its encoding is
    a copy, and its byte offsets are character offsets.

    Returns
    -------
    tuple
        ``(text, pattern, start, end, language, odd)``: arrays by match (index
        into ``texts``, index of the surface, character offsets in the text,
        whether a language word of :data:`LANGUAGE_WORDS` follows after a space
        or hyphen) in text order, and the sorted indices of the texts that
        hold odd whitespace (their matches are included, to be replaced).

    Examples
    --------
    >>> text, pat, start, end, language, odd = _whole_word_matches(
    ...     ["Costa Rica, Perusal and Peru.", "Peru’s French-speaking", "a\tb"], _automaton())
    >>> list(zip(text.tolist(), start.tolist(), end.tolist(), language.tolist())), odd.tolist()
    ([(0, 0, 10, False), (0, 24, 28, False), (1, 0, 4, False), (1, 7, 13, True)], [2])
    """
    texts = _as_objects(texts)
    is_ascii = np.fromiter(map(str.isascii, texts), dtype=bool, count=len(texts))
    found = []
    for idx in (np.flatnonzero(is_ascii), np.flatnonzero(~is_ascii)):
        for k in range(0, len(idx), SCAN_TEXTS):
            part = idx[k:k + SCAN_TEXTS]
            found.append((part, _scan(texts[part].tolist(), matcher)))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty, np.zeros(0, dtype=bool), empty
    if len(found) == 1:
        idx, (text, *rest, odd) = found[0]
        return (idx[text], *rest, idx[odd])
    text = np.concatenate([idx[r[0]] for idx, r in found])
    order = np.argsort(text, kind="stable")  # each part is in text order already
    cols = [np.concatenate([r[c] for _, r in found])[order] for c in range(1, 5)]
    return (text[order], *cols, np.sort(np.concatenate([idx[r[5]] for idx, r in found])))


def _squeeze(text: str) -> tuple:
    """``text`` with each whitespace run as one space, and where each of its characters was.

    Examples
    --------
    >>> _squeeze("a \\n b\\tc")
    ('a b c', [0, 1, 4, 5, 6])
    """
    dropped = {m.start() for m in _SPACE_AFTER_SPACE.finditer(text)}
    return _SPACE_RUN.sub(" ", text), [i for i in range(len(text)) if i not in dropped]


def _regex_spans(text: str, path: str | None = None) -> list:
    """The reference: spans of the trie-compiled regex of :func:`_lexicon`."""
    pattern = _lexicon(path)[0]
    return [m.span() for m in pattern.finditer(text)]


def _mention(text: str, start: int, end: int, entries: dict, names: dict):
    """The mention at ``text[start:end]`` after the trap rules, or None (the reference rules)."""
    surface = text[start:end]
    key = surface if surface in entries else _SPACE_RUN.sub(" ", surface)
    iso2, kind, condition = entries[key]
    if kind in HIDDEN_KINDS:
        return None
    if condition == "not_person" and _TITLES.search(text[max(0, start - TITLE_WINDOW):start]):
        return None
    if condition == "not_language" and _LANGUAGE_AFTER.match(text[end:end + LANGUAGE_WINDOW]):
        return None
    return {"iso2": iso2, "country": names.get(iso2, iso2), "surface": surface,
            "kind": kind, "start": start, "end": end, "condition": condition}


def _titled(text: str, start: int) -> bool:
    """Whether :data:`_TITLES` finds a title before ``text[start:]`` (a text without odd whitespace).

    The same answer as ``_TITLES.search(text[max(0, start - TITLE_WINDOW):start])``
    on a text holding no whitespace but single spaces, decided from the end
    of the window: the rule's trailing ``\\s+`` can only be the one space
    before ``start``; its third shape (a capitalised word after a space) is
    then a test of the last word; the other two (a title, an initial) can
    only start within :data:`_TITLE_REACH` characters of ``start`` and end
    in one of :data:`_TITLE_ENDINGS`, so the regex is run, from there, only
    when the window ends so.

    Examples
    --------
    >>> texts = ("Mr. Washington", "met George Washington", "George Washington", "in Washington",
    ...          "J. Washington", "(Winant) Washington", "Washington", "Mrs Washington")
    >>> [_titled(t, t.index("Washington")) for t in texts]
    [True, True, False, False, True, False, False, True]
    >>> all(_titled(t, t.index("W")) == bool(_TITLES.search(t[:t.index("W")])) for t in texts)
    True
    """
    if not start or text[start - 1] != " ":
        return False
    low = max(0, start - TITLE_WINDOW)
    space = text.rfind(" ", 0, start - 1)
    word = text[space + 1:start - 1]
    if word.islower():  # every shape ends in a word holding an ASCII capital
        return False
    if space - 1 >= low and _CAPITALISED.fullmatch(word):  # the third shape
        return True
    if not (text.endswith(_TITLE_ENDINGS, low, start - 1)
            or (start - low >= 3 and text[start - 2] == "." and "A" <= text[start - 3] <= "Z")):
        return False
    window = text[low:start]
    return _TITLES.search(window, max(0, len(window) - _TITLE_REACH)) is not None


def _find(texts, path: str | None) -> tuple:
    """Mentions of every text after the trap rules: ``(text, pattern, start, end, fix)``.

    Arrays by mention in text order; ``fix`` is None when every mention's
    text is its pattern's surface, else ``(positions, texts)``: the mentions
    whose text differs (its whitespace), and their texts (an object array;
    :func:`_surfaces` puts them in place). The
    texts without odd whitespace come from one pass of
    :func:`_whole_word_matches`, with the trap rules applied as arrays where
    they are exact there (a language word right after the surface) and by
    :func:`_mention`'s title search where not; a text with odd whitespace is
    matched squeezed (:func:`_squeeze`), mapped back, and checked by
    :func:`_mention` on its own characters. ``texts``: a list or an object
    array; a text that is not a ``str`` (missing) is searched as "".
    """
    matcher = _automaton(path)
    texts = _as_objects(texts)
    try:
        text, pat, start, end, language, odd = _whole_word_matches(texts, matcher)
    except TypeError:  # a missing text (None, NaN)
        texts = _as_objects([t if isinstance(t, str) else "" for t in texts])
        text, pat, start, end, language, odd = _whole_word_matches(texts, matcher)
    keep = ~matcher.hidden[pat] & ~_flags(len(texts), odd)[text]
    keep &= ~(language & matcher.not_language[pat])
    check = np.flatnonzero(keep & matcher.not_person[pat])
    for j, t, a in zip(check.tolist(), text[check].tolist(), start[check].tolist()):
        if _titled(texts[t], a):
            keep[j] = False
    text, pat, start, end = text[keep], pat[keep], start[keep], end[keep]
    if not len(odd):
        return text, pat, start, end, None
    entries, names = _entries(path)
    extra = []
    for i in odd.tolist():
        squeezed, where = _squeeze(texts[i])
        _, p, a, b, _, _ = _whole_word_matches([squeezed], matcher)
        for p, a, b in zip(p.tolist(), a.tolist(), b.tolist()):
            a, b = where[a], where[b - 1] + 1
            if _mention(texts[i], a, b, entries, names) is not None:
                extra.append((i, p, a, b, texts[i][a:b]))
    if not extra:
        return text, pat, start, end, None
    # into place: the other texts' mentions are in order, and these in theirs
    i, p, a, b, x = zip(*extra)
    at = np.searchsorted(text, i)  # non-decreasing: the k-th lands at at[k] + k
    text, pat, start, end = (np.insert(v, at, w) for v, w in ((text, i), (pat, p),
                                                              (start, a), (end, b)))
    return text, pat, start, end, (at + np.arange(len(at)), _as_objects(x))


def _surfaces(matcher: _Matcher, pat: np.ndarray, fix) -> np.ndarray:
    """The text of each mention (object array): its pattern's surface, or ``fix``'s text."""
    out = matcher.surface[pat]
    if fix is not None:
        out[fix[0]] = fix[1]
    return out


def _detect_all(texts: list, path: str | None) -> pd.DataFrame:
    """Mentions of every text, in order, as a table (one automaton pass over them all).

    Columns: ``text`` (index into ``texts``) and those of :func:`detect`.
    """
    matcher = _automaton(path)
    text, pat, start, end, fix = _find(texts, path)
    return pd.DataFrame({"text": text, "iso2": matcher.iso2[pat], "country": matcher.country[pat],
                         "surface": _surfaces(matcher, pat, fix),
                         "kind": matcher.kind[pat], "start": start, "end": end,
                         "condition": matcher.condition[pat]},
                        columns=["text", "iso2", "country", "surface", "kind", "start", "end",
                                 "condition"])


def detect(text: str, aliases=None) -> list[dict]:
    """Country mentions in one sentence: iso2, country, surface, kind, start, end.

    ``needs_name_in_doc`` mentions are returned with ``condition`` set; the
    document-level filter of :func:`find_mentions` decides on them.

    Parameters
    ----------
    text : str
        Sentence text.
    aliases : str or Path, optional
        Another alias file (default: the package's own).

    Returns
    -------
    list of dict

    Examples
    --------
    >>> [(m["iso2"], m["surface"], m["kind"]) for m in detect(
    ...     "Relations with Chile are cool; the Chilean Government and the USSR agree.")]
    [('CL', 'Chile', 'name'), ('CL', 'Chilean', 'demonym'), ('SU', 'USSR', 'abbreviation')]
    >>> detect("The Latin American and inter-American bodies met in New Mexico.")
    []
    >>> [m["surface"] for m in detect("Costa\\nRica and  the Dominican   Republic")]
    ['Costa\\nRica', 'Dominican   Republic']
    """
    path = None if aliases is None else str(aliases)
    matcher = _automaton(path)
    _, pat, start, end, fix = _find([text], path)
    surface = _surfaces(matcher, pat, fix)
    return [{"iso2": matcher.iso2[p], "country": matcher.country[p], "surface": x,
             "kind": matcher.kind[p], "start": a, "end": b, "condition": matcher.condition[p]}
            for p, x, a, b in zip(pat.tolist(), surface.tolist(), start.tolist(), end.tolist())]


@lru_cache(maxsize=1)
def _text_dtype():
    """The dtype pandas infers for a column of Python strings (``str`` from pandas 3)."""
    return pd.Series(np.array(["a"], dtype=object)).dtype


def _take(values, index: np.ndarray):
    """``values[index]`` as the column pandas would infer from its objects, without inferring.

    ``values`` is an object array or a Series; a Series of another dtype than
    strings (or an older pandas) goes through an object array and inference.

    Examples
    --------
    >>> pd.Series(_take(pd.Series(["a", "b"]), np.array([1, 1, 0]))).tolist()
    ['b', 'b', 'a']
    """
    dtype = _text_dtype()
    if dtype == object:
        return np.asarray(values, dtype=object)[index]
    if isinstance(values, pd.Series):
        if values.dtype == dtype:
            return values.array.take(index)
        return values.to_numpy(dtype=object)[index]  # pandas infers the column's dtype
    return pd.array(values, dtype=dtype).take(index)


def find_mentions(sentences: pd.DataFrame, aliases=None) -> pd.DataFrame:
    """The ``mentions`` table of a sentences table.

    Parameters
    ----------
    sentences : pandas.DataFrame
        Needs ``doc_id``, ``sentence_id`` and ``text``; not modified.
    aliases : str or Path, optional
        Another alias file.

    Returns
    -------
    pandas.DataFrame
        doc_id, sentence_id, iso2, country, surface, kind, start, end,
        iso2_current; one row per mention, in text order.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": [0, 1], "text": [
    ...     "The poor are of Indian and mestizo stock.", "Peru and the US agree."]})
    >>> find_mentions(s)[["sentence_id", "iso2", "kind", "start", "end"]]
       sentence_id iso2          kind  start  end
    0            1   PE          name      0    4
    1            1   US  abbreviation     13   15
    """
    missing = {"doc_id", "sentence_id", "text"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences table lacks columns {sorted(missing)}; run the loader first")
    path = None if aliases is None else str(aliases)
    matcher = _automaton(path)
    text, pat, start, end, fix = _find(sentences.text.to_numpy(dtype=object), path)
    conditional = matcher.needs_name[pat]
    if conditional.any():  # kept where the document names the country otherwise
        docs = sentences.doc_id.to_numpy(dtype=object)
        code = matcher.iso2_code[pat]
        rows = np.flatnonzero(np.isin(code, code[conditional]))  # mentions of those countries
        pairs = list(zip(docs[text[rows]].tolist(), code[rows].tolist()))  # (document, country)
        named = {p for p, k in zip(pairs, conditional[rows].tolist()) if not k}
        keep = ~conditional
        keep[rows] |= [p in named for p in pairs]
        text, pat, start, end = text[keep], pat[keep], start[keep], end[keep]
        if fix is not None:  # the positions of the kept ones among the kept
            at, x = fix
            fix = (np.cumsum(keep)[at[keep[at]]] - 1, x[keep[at]])
    if not len(pat):
        df = pd.DataFrame(columns=MENTION_COLUMNS[:-1])  # empty: object columns
        df["iso2_current"] = df.iso2.map(current_code)
        for c in ("sentence_id", "start", "end"):
            df[c] = df[c].astype("int64")
        return df[MENTION_COLUMNS]
    surface = _take(matcher.surface, pat)
    if fix is not None:
        surface[fix[0]] = fix[1]
    sentence_id = sentences.sentence_id.to_numpy()[text]
    if sentence_id.dtype != np.int64:
        sentence_id = pd.Series(sentence_id).astype("int64").to_numpy()
    return pd.DataFrame({"doc_id": _take(sentences.doc_id, text), "sentence_id": sentence_id,
                         "iso2": _take(matcher.iso2, pat), "country": _take(matcher.country, pat),
                         "surface": surface, "kind": _take(matcher.kind, pat),
                         "start": start.astype(np.int64, copy=False),
                         "end": end.astype(np.int64, copy=False),
                         "iso2_current": _take(matcher.iso2_current, pat)}, columns=MENTION_COLUMNS)


def focus_countries(mentions: pd.DataFrame, sentences: pd.DataFrame) -> dict:
    """Focus country of each document: doc_id → iso2 (or "").

    The rule: the non-US country mentioned most often (kinds name, demonym,
    abbreviation, historical — capitals do not count) in the objectives
    section; when the objectives name no such country, the same count over
    the whole document. Ties go to the higher whole-document count, then to
    the earliest mention.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2],
    ...     "section": ["objectives", "policies", "policies"],
    ...     "text": ["The US seeks Chile's support.", "Peru objects.", "Peru, Peru."]})
    >>> focus_countries(find_mentions(s), s)
    {'d': 'CL'}
    """
    out = {d: "" for d in pd.unique(sentences.doc_id)}
    m = mentions[mentions.kind.isin(FOCUS_KINDS) & (mentions.iso2 != HOME_COUNTRY)]
    if not len(m):
        return out
    m = m.reset_index(drop=True)
    if "section" in sentences:  # (doc_id, sentence_id) -> section, a plain dict: one look-up each
        sec = dict(zip(zip(sentences.doc_id, sentences.sentence_id), sentences.section))
        m["section"] = [sec.get(k, "other") for k in zip(m.doc_id, m.sentence_id)]
    else:
        m["section"] = "other"
    for doc_id, g in m.groupby("doc_id", sort=False):
        total = g.groupby("iso2").size()
        first = {}  # iso2 -> (sentence_id, start) of its earliest mention
        for iso2, pos in zip(g.iso2, zip(g.sentence_id, g.start)):
            first[iso2] = min(first.get(iso2, pos), pos)
        obj = g[g.section == "objectives"]
        counts = obj.groupby("iso2").size() if len(obj) else total
        best = sorted(counts.index, key=lambda c: (-counts[c], -total[c], first[c]))
        out[doc_id] = best[0]
    return out


def dateline_country(text: str) -> str:
    """Country code (iso2) named by the place of a dateline, or "".

    Only a country's name counts ("Colombia, May 8, 1950" → CO); a capital
    is where the statement was written ("Washington, January 12, 1949"), not
    what it is about, and gives "".

    Examples
    --------
    >>> dateline_country("Colombia, May 8, 1950"), dateline_country("Soviet Union, 1951")
    ('CO', 'SU')
    >>> dateline_country("Washington, January 12, 1949"), dateline_country("We agree, 1950.")
    ('', '')
    """
    m = DATELINE.match(text.strip())
    if not m:
        return ""
    return _name_country(m.group("place").strip())


def _name_country(place: str) -> str:
    """iso2 of ``place`` when it is a country's name as a whole (not a capital)."""
    found = [d for d in detect(place) if d["kind"] != "capital"]
    if len(found) == 1 and found[0]["surface"] == place:
        return found[0]["iso2"]
    return ""


def title_country(title: str) -> str:
    """Country a title names after "Policy Statement" ("… Statement—USSR", "… on Peru").

    Examples
    --------
    >>> title_country("Policy Statement—USSR"), title_country("Policy Statement on Peru")
    ('SU', 'PE')
    >>> title_country("Policy Statement Prepared in the Department of State")
    ''
    """
    codes = {d["iso2"] for d in detect(title or "") if d["kind"] != "capital"}
    codes.discard("US")  # "United States Policy Statement …": the author, not the subject
    return codes.pop() if len(codes) == 1 else ""


#: The tables this step reads and writes (:mod:`analysis.contracts`).
CONTRACT = CONTRACTS["countries"]


def build_tables(tables: dict, seed: int = config.SEED) -> dict:
    """Pipeline step: ``mentions`` and, where needed, ``documents`` with ``country``.

    A ``mentions`` table already in ``tables`` (computed per document by
    :func:`analysis.pipeline.load_measured`) is reused.

    The ``country`` column of ``documents`` is kept where the manifest gave
    it and filled by :func:`focus_countries` where it is empty. ``seed`` is
    unused (nothing is random) and accepted for the step interface.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d"], "country": [""]})
    >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": [0], "section": ["objectives"],
    ...                   "text": ["We seek Peru's support."]})
    >>> out = build_tables({"documents": docs, "sentences": s}, seed=0)
    >>> out["documents"].country.tolist(), len(out["mentions"])
    (['PE'], 1)
    """
    sentences = tables["sentences"]
    mentions = tables.get("mentions")
    if mentions is None:  # pipeline.build computes it per document, as it loads
        mentions = find_mentions(sentences)
    out = {"mentions": mentions}
    docs = tables.get("documents")
    if docs is not None:
        # the manifest's country wins; else the dateline's, the title's, the focus country
        have = docs["country"].fillna("").astype(str).str.strip() if "country" in docs else \
            pd.Series([""] * len(docs), index=docs.index)
        docs = docs.copy()
        if (have == "").any():
            focus = focus_countries(mentions, sentences)
            lines = docs["dateline"].fillna("") if "dateline" in docs else pd.Series([""] * len(docs))
            titles = docs["title"].fillna("") if "title" in docs else pd.Series([""] * len(docs))
            docs["country"] = [h or dateline_country(str(dl)) or title_country(str(ti)) or focus.get(d, "")
                               for d, h, dl, ti in zip(docs.doc_id, have, lines, titles)]
        if "region" in docs.columns:  # the region follows the country (analysis/data/regions.csv)
            docs = with_regions(docs)
        out["documents"] = docs
    return out
