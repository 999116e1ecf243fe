"""Load FRUS policy statements from the plain text of history.state.gov.

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

import hashlib
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from . import config
from .sections import is_section_name, is_subheading_line, parse_heading, split_run_in
from .sentences import split_spans

SENTENCE_COLUMNS = ["doc_id", "sentence_id", "section", "heading", "subheading",
                    "paragraph", "page", "footnotes", "text"]
DOCUMENT_COLUMNS = ["doc_id", "title", "date", "country", "source", "sha256",
                    "n_sentences", "volume", "url", "commit"]
FOOTNOTE_COLUMNS = ["doc_id", "footnote", "text"]
#: ``title`` and ``commit`` (of the HistoryAtState/frus repository) are written
#: by ``python -m analysis fetch``, one row per selected document of a volume.
MANIFEST_COLUMNS = ["doc_id", "file", "volume", "country", "date", "source_url", "sha256",
                    "title", "commit"]

#: File endings read as documents when a folder is given.
DOCUMENT_SUFFIXES = (".txt", ".xml")

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
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}}),\s+(?P<year>1[89]\d\d)\b")
#: Front matter before the first heading is short; a longer block is body.
MAX_FRONT_MATTER_WORDS = 14
#: A first block longer than this is body text, not a title: the titles of
#: the series' documents run to 8-16 words ("Policy Statement Prepared in the
#: Department of State", with a country and a date); a whole volume copied
#: as one line (issue 10) starts with a block of a million words.
MAX_TITLE_WORDS = 20


class LoadError(ValueError):
    """An input that cannot be read; the message is one line naming the file."""


class LoadWarning(UserWarning):
    """Something about an input worth knowing that did not stop it loading."""


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
    warnings: list = field(default_factory=list)
    section_warnings: list = field(default_factory=list)

    def metadata(self) -> dict:
        """The document's row of ``documents.csv``."""
        return {"doc_id": self.doc_id, "title": self.title, "date": self.date,
                "country": self.country, "source": self.source, "sha256": self.sha256,
                "n_sentences": len(self.sentences), "volume": self.volume, "url": self.url,
                "commit": self.commit}


def file_problem(path) -> str | None:
    """Why ``path`` cannot be read as a document, or None for a regular file.

    Looks at the file's type only (``lstat``/``stat``), never opens it, so
    a FIFO, a device or a socket cannot hang the run.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "x.txt").write_text("x")
    >>> file_problem(d / "x.txt") is None
    True
    >>> file_problem(d)
    'is a folder'
    >>> file_problem(d / "none.txt")
    'does not exist'
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "is a dangling symbolic link" if os.path.islink(path) else "does not exist"
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "is a symbolic link loop"
        return f"cannot be read ({exc.strerror or exc})"
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    return "is not a regular file"


def check_file(path) -> None:
    """Raise a one-line :class:`LoadError` unless ``path`` is a regular file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> check_file(pathlib.Path(tempfile.mkdtemp()))
    Traceback (most recent call last):
    ...
    analysis.loader.LoadError: load: '...' is a folder; pass files or folders holding *.txt
    """
    path = Path(path)
    problem = file_problem(path)
    if problem == "does not exist":
        raise LoadError(f"load: '{path}' does not exist; check the path")
    if problem == "is a folder":
        raise LoadError(f"load: '{path}' is a folder; pass files or folders holding *.txt")
    if problem:
        raise LoadError(f"load: '{path}' {problem}; skipped")


def read_bytes(path) -> bytes:
    """The bytes of a regular file; any other input is a one-line :class:`LoadError`.

    The type is checked before the file is opened (see :func:`check_file`);
    a read error (permission, I/O) names the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> read_bytes(d)
    Traceback (most recent call last):
    ...
    analysis.loader.LoadError: load: '...' is a folder; pass files or folders holding *.txt
    """
    path = Path(path)
    check_file(path)
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise LoadError(f"load: '{path}' cannot be read ({type(exc).__name__}: "
                        f"{exc.strerror or exc}); check its permissions") from None


def decode_text(raw: bytes, name: str, encoding: str | None = None) -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, cp1252.

    See :func:`read_text`; ``name`` is the file named in messages.

    Examples
    --------
    >>> decode_text("Title\\n".encode("utf-16"), "x.txt")
    'Title\\n'
    >>> decode_text(b"Title" + b"\\x00" * 3, "x.txt")
    Traceback (most recent call last):
    ...
    analysis.loader.LoadError: load: 'x.txt' looks binary (NUL bytes at byte 5), not plain text; pass the text copied from history.state.gov
    """
    if not raw.strip():
        raise LoadError(f"load: '{name}' is empty; nothing to read")
    if encoding is None and raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"  # its byte-order mark: UTF-16, not "binary"
    wide = (encoding or "").lower().replace("-", "").replace("_", "").startswith(("utf16", "utf32"))
    nul = raw.find(b"\x00")
    if nul >= 0 and not wide:
        raise LoadError(f"load: '{name}' looks binary (NUL bytes at byte {nul}), not plain "
                        "text; pass the text copied from history.state.gov")
    if encoding:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            reason = exc.reason if isinstance(exc, UnicodeDecodeError) else exc
            raise LoadError(f"load: '{name}' cannot be decoded as {encoding} ({reason}); "
                            "re-save it as UTF-8 or pass another encoding=…") from None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise LoadError(f"load: '{name}' is not UTF-8 (byte {exc.start}) nor cp1252; "
                                "re-save it as UTF-8 or pass encoding=…") from None
            warnings.warn(f"load: '{name}' is not UTF-8 (tried cp1252: ok); read as cp1252 — "
                          "pass encoding=… to override", LoadWarning, stacklevel=3)
    if "\x00" in text:
        raise LoadError(f"load: '{name}' holds NUL characters, not plain text; "
                        "pass the text copied from history.state.gov")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u00a0", " ")


def read_text(path, encoding: str | None = None) -> str:
    """Read a document's text: UTF-8 (with or without BOM), any line endings.

    Parameters
    ----------
    path : str or Path
    encoding : str, optional
        Force an encoding. By default UTF-8 is tried (UTF-16 when the file
        starts with its byte-order mark); a file that is not UTF-8 but
        decodes as cp1252 (Windows "ANSI") is read as such with a
        :class:`LoadWarning`.

    Raises
    ------
    LoadError
        Missing, empty, binary, undecodable, unreadable or non-regular files
        (FIFOs, devices, sockets: refused by type, never opened), with a
        one-line message.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> _ = p.write_bytes(b"\\xef\\xbb\\xbfTitle\\r\\n\\r\\nText.\\r\\n")
    >>> read_text(p)
    'Title\\n\\nText.\\n'
    """
    path = Path(path)
    return decode_text(read_bytes(path), path.name, encoding)


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
    # runs of blanks and tabs to one space (single spaces are left alone: faster)
    return [_BLANKS.sub(" ", b).strip() for b in blocks]


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


def _parse_date(text: str) -> str:
    m = _DATE.search(text)
    if not m:
        return ""
    try:
        d = datetime.strptime(f"{m.group('month')} {m.group('day')} {m.group('year')}", "%B %d %Y")
    except ValueError:
        return ""
    return d.strftime("%Y-%m-%d")


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

    # The text before the first [Page N] marker is on page N - 1.
    first = next((m for m in map(_PAGE_BLOCK.search, blocks) if m), None)
    page = int(first.group("page")) - 1 if first else None
    inline = _Inline(footnotes)

    title = ""
    title_done = False  # the first text block is the title unless it is long
    date = ""
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
                (has_headings and not b.endswith(".")) or (not date and _parse_date(b))):
            # title block: dateline ("Colombia, May 8, 1950"), office, place
            date = date or _parse_date(b)
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
        pages = [(o - offset, p) for o, p in pages]
        refs = [(o - offset, n) for o, n in refs]
        # pages and refs are in text order, as are the spans: one pass each
        ip = ir = 0
        for start, end in split_spans(clean):
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
                         "text": clean[start:end]})
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
    notes = pd.DataFrame([{"doc_id": doc_id, "footnote": n, "text": t}
                          for n, t in sorted(footnotes.items())], columns=FOOTNOTE_COLUMNS)
    return Document(doc_id=doc_id, title=title, date=date, source=source, sha256=sha256,
                    sentences=sentences, footnotes=notes, warnings=doc_warnings,
                    section_warnings=section_warnings)


TINY = """A Policy Statement

a. objectives

We seek security.1 [Page 12] We wish to obtain support.

b. policies

It is our policy to help.

  1. See pp. 985 ff.
"""


def _display_path(path: Path) -> str:
    path = Path(path)
    try:
        return path.resolve().relative_to(config.PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def load_document(path, doc_id: str | None = None, encoding: str | None = None) -> Document:
    """Read and parse one plain-text document.

    Parameters
    ----------
    path : str or Path
        A ``.txt`` file in the history.state.gov plain-text form.
    doc_id : str, optional
        Defaults to the file name without its ending.
    encoding : str, optional
        See :func:`read_text`.

    Raises
    ------
    LoadError
        With a one-line message naming the file and the problem.
    """
    path = Path(path)
    raw = read_bytes(path)
    text = decode_text(raw, path.name, encoding)
    doc = parse_text(text, doc_id or path.stem, source=_display_path(path),
                     sha256=hashlib.sha256(raw).hexdigest())
    if doc.sentences.empty:
        raise LoadError(f"load: '{path.name}' has no sentences after its title; "
                        "is it a FRUS document?")
    for w in doc.warnings + doc.section_warnings:
        warnings.warn(f"load: '{path.name}': {w}", LoadWarning, stacklevel=2)
    return doc


def read_manifest(path) -> pd.DataFrame:
    """Read a ``corpus.csv`` manifest (all columns text, empty = unknown).

    Raises
    ------
    LoadError
        One line naming the manifest: missing, not a regular file, binary,
        not a CSV, lacking ``doc_id`` or ``file``, or a ``file`` listed twice.

    Examples
    --------
    >>> m = read_manifest(config.MANIFEST)
    >>> list(m.columns) == MANIFEST_COLUMNS
    True
    """
    import io

    path = Path(path)
    try:
        text = decode_text(read_bytes(path), str(path))
    except LoadError as exc:
        raise LoadError(f"manifest: {exc}".replace("manifest: load: ", "manifest: ")) from None
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        detail = " ".join(str(exc).split())
        raise LoadError(f"manifest: '{path}' is not a CSV table ({detail})") from None
    missing = [c for c in ("doc_id", "file") if c not in df.columns]
    if missing:
        raise LoadError(f"load: manifest '{path}' lacks column(s) {', '.join(missing)}")
    # a TEI volume has one row per document (python -m analysis fetch): its file
    # may repeat with distinct doc_ids; any other file is listed once
    volume_rows = (df["file"].str.lower().str.endswith(".xml") & (df["doc_id"] != "")
                   & ~df.duplicated(["file", "doc_id"], keep=False))
    repeated = sorted(set(df["file"][df["file"].duplicated(keep=False) & ~volume_rows]))
    if repeated:
        raise LoadError(f"manifest: '{path}' lists {repeated[0]!r} twice (rows "
                        f"{', '.join(str(i + 2) for i in df.index[df['file'] == repeated[0]])}); "
                        "keep one row per file")
    for c in MANIFEST_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    return df[MANIFEST_COLUMNS]


def _find_manifest(paths: list[Path]):
    for p in paths:
        folder = p if p.is_dir() else p.parent
        for cand in (folder / "corpus.csv", folder.parent / "corpus.csv"):
            if cand.is_file():
                return cand
    return None


def expand_inputs(inputs, errors: list) -> list[Path]:
    """Files named by ``inputs`` (folders give their documents, sorted)."""
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            try:
                entries = sorted(q for q in p.iterdir() if q.suffix.lower() in DOCUMENT_SUFFIXES)
            except OSError as exc:
                errors.append(f"load: folder '{p}' cannot be listed ({exc.strerror or exc})")
                continue
            found = []
            for q in entries:
                problem = file_problem(q)
                if problem:  # FIFO, device, dangling link, loop, folder named *.txt
                    errors.append(f"load: '{q}' {problem}; skipped")
                else:
                    found.append(q)
            if not entries:
                errors.append(f"load: folder '{p}' holds no documents (*.txt, *.xml)")
            files.extend(found)
        elif not p.exists():
            errors.append(f"load: '{p}' does not exist; check the path")
        else:
            files.append(p)
    return files


def _add(doc: Document, row, path: Path, docs: list, seen: set, collect: list) -> None:
    """Add ``doc`` to ``docs`` with its manifest metadata, unless its id repeats."""
    if doc.doc_id in seen:
        collect.append(f"load: '{path.name}' repeats doc_id '{doc.doc_id}'; rename the file "
                       "or give it its own doc_id in corpus.csv")
        return
    seen.add(doc.doc_id)
    if row is not None:
        doc.country = row.country
        doc.volume = row.volume or doc.volume
        doc.url = row.source_url or doc.url
        doc.commit = getattr(row, "commit", "") or doc.commit
        doc.date = row.date or doc.date
        if row.sha256 and row.sha256 != doc.sha256:
            warnings.warn(f"load: '{path.name}' differs from its manifest sha256; "
                          "the file was changed since it was recorded", LoadWarning)
    docs.append(doc)


def _natural_key(doc_id: str):
    """Sort key of a doc_id with its numbers compared as numbers ("d9" < "d10").

    Examples
    --------
    >>> sorted(["v2d10", "v2d9", "a"], key=_natural_key)
    ['a', 'v2d9', 'v2d10']
    """
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", doc_id)]


def load_path(path, doc_id: str | None = None, encoding: str | None = None,
              select=None) -> list:
    """The documents of one input file (a ``.txt`` document or a TEI volume).

    ``select`` (:class:`analysis.tei.Selection`) picks documents of a TEI
    volume; a plain-text document is one document, always kept.

    Raises
    ------
    LoadError
        With a one-line message naming the file and the problem.
    """
    path = Path(path)
    if path.suffix.lower() == ".xml":
        from .tei import load_tei

        return load_tei(path, select=select)
    return [load_document(path, encoding=encoding, doc_id=doc_id)]


def _manifest_for(inputs, manifest):
    """A function path → manifest row (or None), from ``manifest`` or the one beside the inputs.

    A row's ``file`` is a path relative to the manifest's folder
    (``raw/x.txt``); a bare file name is accepted when no other row has it.
    """
    man_path = Path(manifest) if manifest else _find_manifest([Path(i) for i in inputs])
    if not man_path:
        return lambda path: None
    man = read_manifest(man_path)
    base = man_path.absolute().parent
    by_path, by_name = {}, {}
    for row in man.itertuples(index=False):
        rel = Path(row.file)
        by_path.setdefault(os.path.normpath(base / rel), []).append(row)
        by_name.setdefault(rel.name, []).append(row)

    def lookup(path):
        # a TEI volume: the rows of its documents (a tuple); a text: its row
        volume = Path(path).suffix.lower() == ".xml"
        rows = by_path.get(os.path.normpath(Path(path).absolute()))
        if not rows:
            rows = by_name.get(Path(path).name, [])
            # a bare file name ("x.txt") when it names one file only
            if not rows or len({r.file for r in rows}) > 1 or "/" in rows[0].file.replace("\\", "/"):
                return None
        if volume:
            return tuple(rows)
        return rows[0] if len(rows) == 1 else None

    return lookup


def plan_inputs(inputs, manifest=None, errors: list | None = None) -> list:
    """The files to load, each with its manifest row: ``[(path, row or None), ...]``.

    Folders give their documents; messages about inputs that do not exist go
    to ``errors``. A TEI volume's "row" is the tuple of its documents' rows
    (``python -m analysis fetch`` writes one per selected document), or None.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    collect = errors if errors is not None else []
    paths = expand_inputs(inputs, collect)
    lookup = _manifest_for(inputs, manifest)
    rows = [lookup(p) for p in paths]
    # doc ids unique across folders: a plain-text file whose name repeats in
    # another folder (and has no doc_id of its own) is folder-qualified
    stems: dict = {}
    for p, row in zip(paths, rows):
        if p.suffix.lower() != ".xml" and not (row is not None and row.doc_id):
            stems.setdefault(p.stem, set()).add(os.path.normpath(p.absolute()))
    plan = []
    for p, row in zip(paths, rows):
        if (p.suffix.lower() != ".xml" and not (row is not None and row.doc_id)
                and len(stems.get(p.stem, ())) > 1):
            doc_id = f"{p.absolute().parent.name}-{p.stem}"
            warnings.warn(f"load: '{p}': file name repeats in another folder; doc_id "
                          f"'{doc_id}' (folder-qualified) — give it its own doc_id in corpus.csv "
                          "to choose another", LoadWarning, stacklevel=2)
            row = _with_doc_id(row, doc_id)
        plan.append((p, row))
    return plan


def load_task(path, row, encoding=None, select=None) -> tuple:
    """What to load from one planned input: ``(path, doc_id, encoding, selection)``.

    A TEI volume whose documents the manifest lists gives those documents
    only (and of them those ``select`` picks); without rows, ``select``
    alone decides. A plain-text document has no selection.

    Examples
    --------
    >>> load_task(Path("v.xml"), None, select=None)
    (PosixPath('v.xml'), None, None, None)
    """
    path = Path(path)
    if path.suffix.lower() != ".xml":
        return path, (row.doc_id or None) if row is not None else None, encoding, None
    from dataclasses import replace

    from .tei import Selection

    listed = tuple(r.doc_id for r in row if r.doc_id) if row else ()  # a row without one: no restriction
    if listed:
        select = replace(select or Selection(), within=listed)
    return path, None, encoding, (select or None)


def _with_doc_id(row, doc_id: str):
    """``row`` (a manifest row or None) with ``doc_id`` set."""
    if row is None:
        row = pd.DataFrame([dict.fromkeys(MANIFEST_COLUMNS, "")]).itertuples(index=False).__next__()
        row = row._replace(file="")
    return row._replace(doc_id=doc_id)


def assemble(loaded, errors: list) -> tuple:
    """Documents of ``loaded`` in doc_id order, with manifest metadata; repeats reported.

    ``loaded`` holds ``(path, row, documents)`` per input file. Documents are
    ordered by doc_id (numbers compared as numbers), so the tables do not
    depend on the order the inputs were given in.
    """
    docs: list[Document] = []
    seen: set[str] = set()
    # of two inputs with one doc_id the one first by path is kept, whatever the input order
    for path, row, found in sorted(loaded, key=lambda t: os.path.normpath(Path(t[0]).absolute())):
        if path.suffix.lower() != ".xml":
            for doc in found:
                _add(doc, row, path, docs, seen, errors)
            continue
        rows = {r.doc_id: r for r in row or ()}
        if found and any(r.sha256 and r.sha256 != found[0].sha256 for r in rows.values()):
            warnings.warn(f"load: '{path.name}' differs from its manifest sha256; "
                          "the file was changed since it was recorded", LoadWarning)
        for doc in found:  # the volume's metadata, and the manifest's (commit) where listed
            r = rows.get(doc.doc_id)
            _add(doc, None if r is None else r._replace(sha256=""), path, docs, seen, errors)
    return sorted(docs, key=lambda d: _natural_key(d.doc_id))


def foundation_tables(docs: list) -> dict:
    """``documents``, ``sentences`` and ``footnotes`` of loaded documents, in their order."""
    documents = pd.DataFrame([d.metadata() for d in docs], columns=DOCUMENT_COLUMNS)
    documents["n_sentences"] = documents["n_sentences"].astype("int64")
    sentences = (pd.concat([d.sentences for d in docs], ignore_index=True) if docs
                 else pd.DataFrame(columns=SENTENCE_COLUMNS))
    footnotes = (pd.concat([d.footnotes for d in docs], ignore_index=True) if docs
                 else pd.DataFrame(columns=FOOTNOTE_COLUMNS))
    return {"documents": documents, "sentences": sentences, "footnotes": footnotes}


def load_corpus(inputs, manifest=None, errors: list | None = None,
                encoding: str | None = None, select=None) -> dict:
    """Load files and folders into the foundation tables.

    Parameters
    ----------
    inputs : str, Path or list of them
        Documents or folders of documents (``*.txt``).
    manifest : str or Path, optional
        ``corpus.csv`` with metadata; by default one found in an input's
        folder or its parent (``data/corpus.csv`` for ``data/raw``).
    errors : list, optional
        Receives one line per input that could not be loaded; the others
        are still loaded. Without it, the first error is raised.
    select : analysis.tei.Selection, optional
        Documents to keep of TEI volumes (by id, title, date).

    Returns
    -------
    dict
        ``documents``, ``sentences`` and ``footnotes`` DataFrames; documents
        in doc_id order (numbers compared as numbers).

    Examples
    --------
    >>> tables = load_corpus([config.RAW_DIR])
    >>> sorted(tables)
    ['documents', 'footnotes', 'sentences']
    >>> tables["documents"].loc[0, "country"]
    'PE'
    """
    collect = errors if errors is not None else []
    loaded = []
    for path, row in plan_inputs(inputs, manifest, collect):
        _, doc_id, _, selection = load_task(path, row, encoding, select)
        try:
            found = load_path(path, encoding=encoding, doc_id=doc_id, select=selection)
        except LoadError as exc:
            collect.append(str(exc))
            continue
        loaded.append((path, row, found))
    docs = assemble(loaded, collect)
    if errors is None and collect:
        raise LoadError(collect[0])
    return foundation_tables(docs)
