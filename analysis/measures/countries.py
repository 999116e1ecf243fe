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
* Matching is one Aho-Corasick pass (``ahocorasick_rs``) over the text of
  all sentences joined: every surface found at a word boundary is a
  candidate, and the leftmost-longest candidates are kept, which is what the
  trie-compiled regex of :func:`_lexicon` (the reference, still used for a
  sentence with line breaks or runs of spaces, where a multi-word surface
  may be split by any whitespace) finds. Same mentions on
  ``data/coded/*.txt`` and ``data/raw`` (``tests/measures/test_countries.py``), at
  automaton speed (issue 10: 3 MB/s for the regex).
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

import re
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs
import numpy as np
import pandas as pd
import pycountry

from .. import config
from ..contracts import CONTRACTS
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
_TITLES = re.compile(
    r"(?:\b(?:Mr|Mrs|Miss|Ms|Dr|Gen|General|Col|Colonel|Adm|Admiral|Capt|Captain|Sen|"
    r"Senator|Rep|Representative|Congressman|Ambassador|Secretary|President|Governor|"
    r"Judge|Justice|Professor|Prof|Minister|Mister|Sr|Señor)\.?"
    r"|\b[A-Z]\.|(?<=\S)\s[A-Z][a-z]+)\s+$")
_LANGUAGE_AFTER = re.compile(r"^(?:\s+language|-speaking|-language|\s+speaking)")
#: Whitespace other than the space (every character of ``str.isspace`` but
#: " "): a sentence holding any, or two spaces in a row, is matched with the
#: regex, whose ``\s+`` lets a multi-word surface span it. (An explicit class
#: scans several times faster than ``[^\S ]`` or an alternation.)
_ODD_SPACE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029"
                        "\u202f\u205f\u3000]")


def _odd_space_at(text: str) -> list:
    """Offsets of whitespace the automaton cannot match as a single space.

    Examples
    --------
    >>> _odd_space_at("a  b\\nc d")
    [1, 4]
    """
    found = [m.start() for m in _ODD_SPACE.finditer(text)]
    i = text.find("  ")
    while i != -1:
        found.append(i)
        i = text.find("  ", i + 2)
    return sorted(found)


#: Joins sentence texts for the one automaton pass: neither a word character
#: nor whitespace, and in no surface, so no match crosses two sentences.
_SEP = "\x00"
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
            f = re.sub(r"^the\s+", "", f.strip())
            seen.setdefault(f, set()).add(c.alpha_2)
    return {f: codes.pop() for f, codes in seen.items() if len(codes) == 1}


def _display_names(aliases: pd.DataFrame) -> dict:
    """iso2 → display name: pycountry's common name, else a historical alias."""
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
def _lexicon(path: str | None = None):
    aliases = load_aliases(path)
    entries = {s: (iso2, "name", "") for s, iso2 in _pycountry_surfaces().items()}
    for row in aliases.itertuples(index=False):
        entries[row.surface] = (row.iso2, row.kind, row.condition)
    pattern = re.compile(r"(?<![\w])(?:" + _trie_regex(sorted(entries)) + r")(?![\w])")
    return pattern, entries, _display_names(aliases)


@lru_cache(maxsize=4)
def _automaton(path: str | None = None):
    """Aho-Corasick automaton of every surface of :func:`_lexicon`, and the surfaces."""
    _, entries, _ = _lexicon(path)
    surfaces = sorted(entries)
    return ahocorasick_rs.AhoCorasick(surfaces), surfaces


#: ``\\w`` of the ASCII characters (alphanumeric or ``_``), by code point.
_ASCII_WORD = np.array([chr(i).isalnum() or chr(i) == "_" for i in range(128)])


def _is_word(codes: np.ndarray) -> np.ndarray:
    """``re``'s ``\\w`` (``str.isalnum()`` or ``_``) of an array of code points."""
    out = _ASCII_WORD[np.minimum(codes, 127)]
    high = codes > 127
    if high.any():
        word = {int(c): chr(int(c)).isalnum() for c in np.unique(codes[high])}
        out[high] = [word[int(c)] for c in codes[high]]
    return out


def _match_arrays(text: str, auto) -> tuple:
    """Leftmost-longest whole-word surface matches of ``text``: (surface index, start, end).

    Every occurrence of a surface (overlapping ones too) is a candidate when
    non-word characters or the ends of the text bound it; at each start the
    longest candidate wins and scanning resumes at its end: the matches of
    the trie regex. Arrays in text order; boundaries are tested on the code
    points of ``text`` at once.
    """
    found = auto[0].find_matches_as_indexes(text, overlapping=True)
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    pat, start, end = np.array(found, dtype=np.int64).T
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    space = ord(" ")
    before = np.where(start > 0, codes[np.maximum(start - 1, 0)].astype(np.int64), space)
    after = np.where(end < len(codes),
                     codes[np.minimum(end, len(codes) - 1)].astype(np.int64), space)
    ok = ~_is_word(before) & ~_is_word(after)
    pat, start, end = pat[ok], start[ok], end[ok]
    order = np.lexsort((-end, start))  # by start, the longest first
    pat, start, end = pat[order], start[order], end[order]
    first = np.r_[True, start[1:] != start[:-1]] if len(start) else np.zeros(0, bool)
    pat, start, end = pat[first], start[first], end[first]
    if len(start) > 1 and (start[1:] < end[:-1]).any():  # overlaps: resume after each match
        keep, pos = [], 0
        for i, (a, b) in enumerate(zip(start.tolist(), end.tolist())):
            if a >= pos:
                keep.append(i)
                pos = b
        pat, start, end = pat[keep], start[keep], end[keep]
    return pat, start, end


def _automaton_spans(text: str, auto) -> list:
    """Leftmost-longest whole-word surface spans of ``text``, in order.

    Examples
    --------
    >>> _automaton_spans("Costa Rica, Perusal and Peru.", _automaton())
    [(0, 10), (24, 28)]
    """
    _, start, end = _match_arrays(text, auto)
    return list(zip(start.tolist(), end.tolist()))


def _regex_spans(text: str, path: str | None = None) -> list:
    """The reference: spans of the trie-compiled regex of :func:`_lexicon`."""
    pattern = _lexicon(path)[0]
    return [m.span() for m in pattern.finditer(text)]


def _mention(text: str, start: int, end: int, entries: dict, names: dict):
    """The mention at ``text[start:end]`` after the trap rules, or None."""
    surface = text[start:end]
    key = surface if surface in entries else re.sub(r"\s+", " ", surface)
    iso2, kind, condition = entries[key]
    if kind in HIDDEN_KINDS:
        return None
    if condition == "not_person" and _TITLES.search(text[max(0, start - 40):start]):
        return None
    if condition == "not_language" and _LANGUAGE_AFTER.match(text[end:end + 12]):
        return None
    return {"iso2": iso2, "country": names.get(iso2, iso2), "surface": surface,
            "kind": kind, "start": start, "end": end, "condition": condition}


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
    _, entries, names = _lexicon(path)
    spans = (_regex_spans(text, path) if _odd_space_at(text)
             else _automaton_spans(text, _automaton(path)))
    return [m for m in (_mention(text, a, b, entries, names) for a, b in spans) if m]


def _detect_all(texts: list, path: str | None) -> pd.DataFrame:
    """Mentions of every text, in order: one automaton pass over them all.

    The texts are joined with :data:`_SEP`; texts with line breaks or runs of
    spaces (rare after the loader) go through :func:`detect`'s regex path.
    Columns: ``text`` (index into ``texts``) and those of :func:`detect`.
    """
    _, entries, names = _lexicon(path)
    cols = ["text", "iso2", "country", "surface", "kind", "start", "end", "condition"]
    texts = [t if isinstance(t, str) else "" for t in texts]
    joined = _SEP.join(texts)
    if joined.count(_SEP) != max(len(texts) - 1, 0):  # a text holds the separator
        return pd.DataFrame([{"text": i, **m} for i, t in enumerate(texts) for m in detect(t, path)],
                            columns=cols)
    auto = _automaton(path)
    surfaces = auto[1]
    info = [entries[x] for x in surfaces]
    iso2 = np.array([e[0] for e in info], dtype=object)
    kind = np.array([e[1] for e in info], dtype=object)
    cond = np.array([e[2] for e in info], dtype=object)
    country = np.array([names.get(e[0], e[0]) for e in info], dtype=object)
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).astype(np.int64)
    odd = np.unique(np.searchsorted(offsets, _odd_space_at(joined), side="right") - 1)
    pat, start, end = _match_arrays(joined, auto)
    which = np.searchsorted(offsets, start, side="right") - 1
    keep = ~np.isin(which, odd) & ~np.isin(kind[pat], HIDDEN_KINDS)
    pat, start, end, which = pat[keep], start[keep], end[keep], which[keep]
    start, end = start - offsets[which], end - offsets[which]
    checked = np.isin(cond[pat], ("not_person", "not_language"))
    if checked.any():
        keep = np.ones(len(pat), dtype=bool)
        for j in np.flatnonzero(checked):
            t, a, b = texts[which[j]], int(start[j]), int(end[j])
            keep[j] = _mention(t, a, b, entries, names) is not None
        pat, start, end, which = pat[keep], start[keep], end[keep], which[keep]
    out = pd.DataFrame({"text": which, "iso2": iso2[pat], "country": country[pat],
                        "surface": np.array(surfaces, dtype=object)[pat], "kind": kind[pat],
                        "start": start, "end": end, "condition": cond[pat]}, columns=cols)
    if len(odd):
        extra = pd.DataFrame([{"text": int(i), **m} for i in odd for m in detect(texts[i], path)],
                             columns=cols)
        out = pd.concat([out, extra], ignore_index=True).sort_values(
            ["text", "start"], kind="stable").reset_index(drop=True)
    return out


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
    found = _detect_all(sentences.text.tolist(), path)
    doc_ids = sentences.doc_id.to_numpy(dtype=object)[found["text"].to_numpy(dtype=np.int64)]
    sids = sentences.sentence_id.to_numpy()[found["text"].to_numpy(dtype=np.int64)]
    if len(found):
        conditional = (found["condition"] == "needs_name_in_doc").to_numpy()
        named = set(zip(doc_ids[~conditional], found["iso2"].to_numpy()[~conditional]))
        keep = ~conditional | np.array([(d, c) in named for d, c in
                                        zip(doc_ids, found["iso2"].to_numpy())], dtype=bool)
        found, doc_ids, sids = found[keep], doc_ids[keep], sids[keep]
    if len(found):
        df = pd.DataFrame({"doc_id": doc_ids, "sentence_id": sids,
                           **{c: found[c].to_numpy() for c in MENTION_COLUMNS[2:-1]}},
                          columns=MENTION_COLUMNS[:-1])
    else:
        df = pd.DataFrame(columns=MENTION_COLUMNS[:-1])  # empty: object columns
    df["iso2_current"] = df.iso2.map(current_code)
    df["sentence_id"] = df.sentence_id.astype("int64")
    df["start"] = df.start.astype("int64")
    df["end"] = df.end.astype("int64")
    return df[MENTION_COLUMNS]


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
    sec = sentences.set_index(["doc_id", "sentence_id"]).section if "section" in sentences else None
    m = m.reset_index(drop=True)
    if sec is not None:
        m["section"] = [sec.get((d, s), "other") for d, s in zip(m.doc_id, m.sentence_id)]
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
    from ..text.document import DATELINE

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
