"""Parse the plain text of history.state.gov into a :class:`Document`.

The form a reader gets by copying a document page: a title line, an
optional dateline ("Colombia, May 8, 1950"), headings on lines of their
own, one paragraph per block, ``[Page N]`` markers inline, footnote numbers
glued to the words they annotate (``security1``, ``Treaty.2``,
``Affairs,3``) and the footnotes listed at the end (``  1. Documentation …``).

The result is a :class:`Document`: metadata plus one tidy row per sentence
(section, heading as written, sub-heading, paragraph, page in force where
the sentence starts, footnotes referenced, clean text) and the footnote
texts apart from the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..io.dates import DATELINE, parse_date
from .editorial import is_editorial, is_editorial_block, is_omission, leading_note
from .sections import (SUBHEADING, is_section_name, is_subheading_line, parse_heading, sequence_headings,
                       split_run_in)
from .sentences import split_spans

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "section", "heading", "subheading",
                    "paragraph", "page", "footnotes", "text", "editorial"]
DOCUMENT_COLUMNS = ["doc_id", "title", "date", "country", "source", "sha256",
                    "n_sentences", "volume", "url", "commit", "n_editorial", "region", "dateline"]
#: One row per (document, section): sentences and editorial rows it holds.
SECTION_COLUMNS = ["doc_id", "section", "heading", "n_sentences", "n_editorial"]
FOOTNOTE_COLUMNS = ["doc_id", "footnote", "text"]


#: Page numbers have at most this many digits: a FRUS volume has a few
#: thousand pages at most (four digits); five leave room for any reprint
#: while keeping ``[Page 99999…9]`` from overflowing the Int64 page column
#: (issue 11).
MAX_PAGE_DIGITS = 5
PAGE_MARKER = rf"\[Page\s+(?P<page>\d{{1,{MAX_PAGE_DIGITS}}})\]"
#: Anything else written as a page marker ("[Page ]", "[Page -3]",
#: "[Page 99999999999]", "[Page iv]"): removed from the text with a warning.
_BAD_PAGE = re.compile(rf"\[Page(?!\s+\d{{1,{MAX_PAGE_DIGITS}}}\])[^\]\[\n]{{0,40}}\]")
#: A block that is only note numbers ("1.", "12)", "(3)", "1. 2."): a
#: footnote list without bodies, never a sentence. (An enumeration mark
#: that opens a paragraph, "1. The presence of …", is still split off by
#: Punkt as a sentence "1."; changing that changes the coded corpus and the
#: fitted model, see issue 11's report.)
_BARE_NUMBER = re.compile(r"^(?:\(?\d{1,3}[.)]?\s*)+$")
#: A footnote number glued to a word or to the punctuation after it
#: ("security1", "Treaty.2", "Affairs,3", "(GATT).6"); never after a space,
#: a digit or a hyphen, so "1950", "62 Stat." and "B-29" stay.
#: After a year and a comma too ("the Treaty of 1846,3 not"), as the Office
#: of the Historian's pages print notes on dates.
FOOTNOTE_REF = (r"(?:(?<=[A-Za-zÀ-ÿ)\]”’\"])|(?<=[A-Za-zÀ-ÿ)\]”’\"][.,;:])|(?<=\b1[6-9]\d\d,))"
                r"(?P<fn>\d{1,3})(?![\dA-Za-z])")
# The look-ahead lets the scan skip, at one test each, the positions where
# neither alternative can start (same matches; 6x faster on a whole volume).
_INLINE = re.compile(f"(?=[\\[\\d])(?:{PAGE_MARKER}|{FOOTNOTE_REF})")
_PAGE_BLOCK = re.compile(PAGE_MARKER)
_FOOTNOTE_LINE = re.compile(r"^(?P<indent>\s*)(?P<num>\d{1,3})\.\s+(?P<text>\S.*)$")
_BLANKS = re.compile(r"[ \t]{2,}|\t")
_ELLIPSIS_BLOCK = re.compile(r"^[\s.·*…]+$")
#: Front matter before the first heading is short; a longer block is body.
MAX_FRONT_MATTER_WORDS = 14
#: A first block longer than this is body text, not a title: the titles of
#: the series' documents run to 8-16 words ("Policy Statement Prepared in the
#: Department of State", with a country and a date); a whole volume copied
#: as one line (issue 10) starts with a block of a million words.
MAX_TITLE_WORDS = 20


@dataclass
class Document:
    """One policy statement: metadata, sentences and footnotes.

    Attributes
    ----------
    doc_id, title, date, source, sha256 : str
        Metadata; ``date`` is ISO ``YYYY-MM-DD`` or empty when unknown.
    volume, url, commit : str
        The volume's title, the document's history.state.gov address and the
        commit of the data repository it was fetched at (empty when unknown).
    sentences : pandas.DataFrame
        One row per sentence, columns :data:`SENTENCE_COLUMNS`.
    footnotes : pandas.DataFrame
        One row per footnote, columns :data:`FOOTNOTE_COLUMNS`.
    warnings : list of str
        One-line notes about the text (e.g. malformed page markers).
    section_warnings : list of str
        One-line notes about the sections of a policy statement (no
        headings, no objectives); shown for plain-text statements, not for
        the documents of a TEI volume (most are telegrams and memoranda).
    """

    doc_id: str
    title: str
    date: str
    source: str
    sha256: str
    sentences: pd.DataFrame
    footnotes: pd.DataFrame
    country: str = ""
    volume: str = ""
    url: str = ""
    commit: str = ""
    region: str = ""
    dateline: str = ""
    warnings: list = field(default_factory=list)
    section_warnings: list = field(default_factory=list)

    def metadata(self) -> dict:
        """The document's row of ``documents.csv``."""
        n_editorial = (int(self.sentences["editorial"].sum())
                       if "editorial" in self.sentences.columns else 0)
        return {"doc_id": self.doc_id, "title": self.title, "date": self.date,
                "country": self.country, "source": self.source, "sha256": self.sha256,
                "n_sentences": len(self.sentences), "volume": self.volume, "url": self.url,
                "commit": self.commit, "n_editorial": n_editorial, "region": self.region,
                "dateline": self.dateline}


def _split_footnotes(lines: list[str]):
    """Split the trailing footnote list off ``lines``: (body_lines, {n: text}).

    The list is the longest run of ``N. text`` lines at the end of the text
    numbered 1, 2, 3, … without gaps (blank lines between them allowed).
    """
    found: list[tuple[int, int, str]] = []  # (line index, number, text)
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            continue
        m = _FOOTNOTE_LINE.match(lines[i])
        if not m:
            break
        found.append((i, int(m.group("num")), m.group("text").strip()))
    found.reverse()
    for start in range(len(found)):
        if [n for _, n, _ in found[start:]] == list(range(1, len(found) - start + 1)):
            return lines[:found[start][0]], {n: t for _, n, t in found[start:]}
    return lines, {}


def _blocks(lines: list[str]) -> list[str]:
    """Group lines into blocks separated by blank lines; headings stand alone."""
    blocks: list[str] = []
    cur: list[str] = []
    for line in lines:
        if not line.strip():
            if cur:
                blocks.append(" ".join(cur))
                cur = []
            continue
        stripped = line.strip()
        if parse_heading(stripped) or _PAGE_BLOCK.fullmatch(stripped):
            if cur:
                blocks.append(" ".join(cur))
                cur = []
            blocks.append(stripped)
            continue
        cur.append(stripped)
    if cur:
        blocks.append(" ".join(cur))
    # runs of blanks and tabs to one space (single spaces are left alone: faster);
    # a block with no tab and no two blanks in a row has nothing to replace
    return [(_BLANKS.sub(" ", b) if "\t" in b or "  " in b else b).strip() for b in blocks]


class _Inline:
    """Strips page markers and glued footnote numbers, keeping their offsets."""

    def __init__(self, footnotes: dict):
        self.valid = set(footnotes) if footnotes else set(range(1, 100))
        self.strict = not footnotes  # without a list, accept only 1, 2, 3, … in turn
        self.last = 0

    def clean(self, text: str):
        out: list[str] = []
        length = 0
        pages: list[tuple[int, int]] = []
        refs: list[tuple[int, int]] = []
        pos = 0
        skip_space = False
        for m in _INLINE.finditer(text):
            if m.group("page") is None:
                n = int(m.group("fn"))
                ok = n in self.valid and (n == self.last + 1 if self.strict else n > self.last)
                if not ok:
                    continue
            piece = text[pos:m.start()]
            if skip_space:
                piece = piece.lstrip()
            out.append(piece)
            length += len(piece)
            if m.group("page") is not None:
                pages.append((length, int(m.group("page"))))
                # "agreed [Page 2] inter-American" -> "agreed inter-American"
                skip_space = length == 0 or piece[-1:].isspace() or (not piece and skip_space)
            else:
                n = int(m.group("fn"))
                refs.append((length, n))
                self.last = n
                skip_space = False
            pos = m.end()
        piece = text[pos:]
        if skip_space:
            piece = piece.lstrip()
        out.append(piece)
        # rstrip: a marker that closed the block leaves a trailing space
        return "".join(out).rstrip(), pages, refs


def strip_markers(text: str) -> str:
    """Remove ``[Page N]`` markers and glued footnote numbers from a passage.

    Examples
    --------
    >>> strip_markers("hemisphere security1 through an agreed [Page 1583] inter-American plan")
    'hemisphere security through an agreed inter-American plan'
    """
    inline = _Inline({})
    inline.strict = False  # a passage may start at any note
    return inline.clean(text)[0]


def _more_words_than(text: str, n: int) -> bool:
    """Whether ``text`` has more than ``n`` words, reading only its start.

    Examples
    --------
    >>> _more_words_than("a b c", 2), _more_words_than("a b c", 3)
    (True, False)
    """
    return len(text[:64 * (n + 1)].split(None, n)) > n


def _dateline_year(text: str) -> str:
    m = DATELINE.match(text.strip())
    return m.group("year") if m else ""


def parse_text(text: str, doc_id: str, source: str = "", sha256: str = "") -> Document:
    """Parse the plain text of one policy statement into a :class:`Document`.

    Parameters
    ----------
    text : str
        The document's text (as returned by :func:`read_text`).
    doc_id : str
        Identifier of the document.
    source, sha256 : str
        Provenance, copied into the metadata.

    Examples
    --------
    >>> doc = parse_text(TINY, "tiny")
    >>> doc.sentences[["section", "page", "footnotes", "text"]].values.tolist()[:3]
    [['objectives', 11, '1', 'We seek security.'], ['objectives', 12, '', 'We wish to obtain support.'], ['policies', 12, '', 'It is our policy to help.']]
    >>> doc.footnotes.text.tolist()
    ['See pp. 985 ff.']
    """
    doc_warnings: list[str] = []
    bad_pages = _BAD_PAGE.findall(text)
    if bad_pages:
        text = _BAD_PAGE.sub(" ", text)
        shown = ", ".join(sorted(set(bad_pages))[:3])
        doc_warnings.append(f"{doc_id}: {len(bad_pages)} malformed page marker(s) ({shown}) "
                            f"left out of the text; a page is [Page N] with N of at most "
                            f"{MAX_PAGE_DIGITS} digits")
    lines = text.split("\n")
    body_lines, footnotes = _split_footnotes(lines)
    blocks = [b for b in _blocks(body_lines) if not _BARE_NUMBER.match(b)]
    headings = [parse_heading(b) for b in blocks]
    if headings and headings[0] and not is_section_name(blocks[0]):
        # "Policy Statement on Peru", "1. Policy Statement": the title, not a section
        headings[0] = None
    headings = sequence_headings(blocks, headings)

    # The text before the first [Page N] marker is on page N - 1.
    first = next((m for m in map(_PAGE_BLOCK.search, blocks) if m), None)
    page = int(first.group("page")) - 1 if first else None
    inline = _Inline(footnotes)

    title = ""
    title_done = False  # the first text block is the title unless it is long
    date = ""
    dateline = ""
    section, heading, subheading = "other", "", ""
    seen_heading = False
    has_headings = any(headings)
    rows = []
    paragraph = 0
    for b, h in zip(blocks, headings):
        marker = _PAGE_BLOCK.fullmatch(b)
        if marker:
            page = int(marker.group("page"))
            continue
        if _ELLIPSIS_BLOCK.match(b):
            if is_omission(b):  # the editors' omission line: a row of its own, flagged
                paragraph += 1
                rows.append({"doc_id": doc_id, "section": section, "heading": heading,
                             "subheading": subheading, "paragraph": paragraph, "page": page,
                             "footnotes": "", "text": " ".join(b.split()), "editorial": True})
            continue
        if h and h[0] == SUBHEADING:  # a lettered list inside the section
            subheading = h[1]
            continue
        if h:
            section, heading = h
            subheading = ""
            seen_heading = True
            continue
        if not title_done:
            title_done = True
            if not _more_words_than(b, MAX_TITLE_WORDS):
                title = b
                continue
        if not seen_heading and not _more_words_than(b, MAX_FRONT_MATTER_WORDS) and (
                (has_headings and not b.endswith(".")) or (not date and parse_date(b))):
            # title block: dateline ("Colombia, May 8, 1950"), office, place
            date = date or parse_date(b) or _dateline_year(b)
            if not dateline and DATELINE.match(b.strip()):
                dateline = b.strip()
            continue
        bare = re.sub(PAGE_MARKER, " ", b).strip()
        if seen_heading and bare and is_subheading_line(bare):
            # A sub-heading line; a page marker printed on it still turns the page.
            subheading = " ".join(bare.split())
            for m in re.finditer(PAGE_MARKER, b):
                page = int(m.group("page"))
            continue
        clean, pages, refs = inline.clean(b)
        sub, rest = split_run_in(clean)
        offset = 0
        if sub is not None:
            subheading = sub
            offset = len(clean) - len(rest)
            clean = rest
        if not clean:
            for _, p in pages:
                page = p
            continue
        paragraph += 1
        block_editorial = is_editorial_block(clean)
        pages = [(o - offset, p) for o, p in pages]
        refs = [(o - offset, n) for o, n in refs]
        # pages and refs are in text order, as are the spans: one pass each
        ip = ir = 0
        spans = []
        for start, end in split_spans(clean):
            note = leading_note(clean[start:end])  # "[1 line … not declassified] We …"
            if note:
                spans.append((start, start + note))
                start = start + note + len(clean[start + note:end]) - len(
                    clean[start + note:end].lstrip())
            spans.append((start, end))
        for start, end in spans:
            while ip < len(pages) and pages[ip][0] <= start:
                page = pages[ip][1]
                ip += 1
            while ir < len(refs) and refs[ir][0] < start:
                ir += 1
            fns = []
            j = ir
            while j < len(refs) and refs[j][0] <= end:
                fns.append(str(refs[j][1]))
                j += 1
            rows.append({"doc_id": doc_id, "section": section, "heading": heading,
                         "subheading": subheading, "paragraph": paragraph,
                         "page": page, "footnotes": ";".join(fns),
                         "text": clean[start:end],
                         "editorial": block_editorial or is_editorial(clean[start:end])})
        for _, p in pages:
            page = p
    section_warnings: list[str] = []
    if not has_headings:
        section_warnings.append(f"{doc_id}: no section headings found; "
                            "the whole text is one section 'other'")
    elif not any(r["section"] == "objectives" for r in rows):
        section_warnings.append(f"{doc_id}: no objectives section found (headings: "
                            f"{'; '.join(h[1] for h in headings if h)[:120]}); "
                            "objectives.csv will have no rows for it")
    sentences = pd.DataFrame(rows, columns=[c for c in SENTENCE_COLUMNS if c != "sentence_id"])
    sentences.insert(1, "sentence_id", range(len(sentences)))
    sentences["page"] = sentences["page"].astype("Int64")
    sentences["paragraph"] = sentences["paragraph"].astype("int64")
    sentences["editorial"] = sentences["editorial"].astype(bool)
    notes = pd.DataFrame([{"doc_id": doc_id, "footnote": n, "text": t}
                          for n, t in sorted(footnotes.items())], columns=FOOTNOTE_COLUMNS)
    return Document(doc_id=doc_id, title=title, date=date, source=source, sha256=sha256,
                    dateline=dateline,
                    sentences=sentences, footnotes=notes, warnings=doc_warnings,
                    section_warnings=section_warnings)


TINY = """A Policy Statement

a. objectives

We seek security.1 [Page 12] We wish to obtain support.

b. policies

It is our policy to help.

  1. See pp. 985 ff.
"""
