"""Load FRUS documents from the TEI XML of the Office of the Historian.

The public HistoryAtState/frus repository publishes each volume as TEI P5:
a ``<teiHeader>`` with the volume's title and ``<idno type="frus">``, then
one ``<div type="document">`` per document with a ``<head>`` (title and
source note), a ``<dateline>``, paragraphs ``<p>``, lists, page breaks
``<pb n="…"/>`` and footnotes ``<note n="…">`` inline; newer commits give
each document div its date as ``frus:doc-dateTime-min``. Each document div is
rendered to the plain-text form of history.state.gov (title line, dateline,
paragraphs, ``[Page N]`` markers, note numbers glued to the preceding word,
notes listed at the end) and read by :func:`analysis.text.document.parse_text`, so
both forms share one section splitter and one sentence splitter.

A volume is read as a stream (:func:`iter_tei`): ``iterparse`` holds one
document div at a time and drops every element once it is used, so memory
does not grow with the volume (``benchmarks/tei_memory.py``). Documents can
be selected by id, title and date (:class:`Selection`) before they are
rendered; ``python -m analysis fetch`` and ``run`` share that selection.

The XML is parsed with :mod:`defusedxml`, which refuses entity-expansion
and external-entity attacks.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree as ET

from .dates import parse_date

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: The Office of the Historian's own attributes (``frus:doc-dateTime-min``).
FRUS_NS = "{http://history.state.gov/frus/ns/1.0}"
#: Address of a document on history.state.gov: volume id (``idno``) and the
#: document's ``xml:id``.
DOCUMENT_URL = "https://history.state.gov/historicaldocuments/{volume}/{document}"
#: Elements rendered as a block (a paragraph of the plain-text form).
BLOCKS = ("p", "item", "dateline", "closer", "signed", "salute", "ab", "quote")
#: Deepest element nesting rendered structurally. The TEI of the Office of
#: the Historian nests a dozen levels at most (volume, body, div, p, hi,
#: note, …); below this depth an element is read as plain text
#: (``itertext``, iterative), so 10,000 nested elements cannot exhaust
#: Python's recursion limit (issue 11).
MAX_DEPTH = 100
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_BOUND = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_PAGE = re.compile(r"\s*\[Page \d+\]\s*")


def _local(tag) -> str:
    return tag.split("}", 1)[1] if isinstance(tag, str) and "}" in tag else str(tag)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def date_bound(text: str, end: bool = False) -> str:
    """An ISO day from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as a bound of a date range.

    A start (``end=False``) is the first day of the year or month, an end the
    last (``-31`` compares after every day of a month).

    Raises
    ------
    ValueError
        One line saying which forms are accepted.

    Examples
    --------
    >>> date_bound("1951"), date_bound("1951", end=True), date_bound("1951-06", end=True)
    ('1951-01-01', '1951-12-31', '1951-06-31')
    >>> date_bound("June 1951")
    Traceback (most recent call last):
    ...
    ValueError: date 'June 1951' is not YYYY, YYYY-MM or YYYY-MM-DD
    """
    m = _BOUND.match(str(text).strip())
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12) \
            or (m.group(3) and not 1 <= int(m.group(3)) <= 31):
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.groups()
    return f"{year}-{month or ('12' if end else '01')}-{day or ('31' if end else '01')}"


@dataclass(frozen=True)
class Selection:
    """Which documents of a volume to keep; empty fields keep every document.

    Parameters
    ----------
    docs : tuple of str
        Document ids, local (``d123``) or with the volume (``frus1951v02-d123``).
    title : str
        A regular expression searched in the document's title, ignoring case
        (``"Policy Statement"``).
    start, end : str
        Inclusive date range, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a
        document without a date is left out when either is given.
    within : tuple of str
        Full document ids the manifest lists for the volume (set by
        :func:`analysis.text.corpus.load_task`); empty: no such restriction.

    Raises
    ------
    ValueError
        A title that is not a regular expression, a date that is not ISO, or
        a range that ends before it starts (one line).

    Examples
    --------
    >>> s = Selection(title="policy statement", start="1951")
    >>> s.matches("v-d1", "d1", "12. Policy Statement Prepared in the Department of State", "1951-03-01")
    True
    >>> s.matches("v-d2", "d2", "13. Telegram", "1951-03-02"), bool(Selection())
    (False, False)
    """

    docs: tuple = ()
    title: str = ""
    start: str = ""
    end: str = ""
    within: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "docs", tuple(self.docs or ()))
        object.__setattr__(self, "within", tuple(self.within or ()))
        try:
            re.compile(self.title or "")
        except re.error as exc:
            raise ValueError(f"--title {self.title!r} is not a regular expression ({exc})") from None
        lo = date_bound(self.start) if self.start else ""
        hi = date_bound(self.end, end=True) if self.end else ""
        if lo and hi and hi < lo:
            raise ValueError(f"date range ends ({self.end}) before it starts ({self.start})")
        object.__setattr__(self, "_lo", lo)
        object.__setattr__(self, "_hi", hi)

    def __bool__(self) -> bool:
        return bool(self.docs or self.title or self.start or self.end or self.within)

    def describe(self) -> str:
        """The selection as command-line options (empty when it keeps everything)."""
        parts = [f"--doc {d}" for d in self.docs]
        parts += [f"--title {self.title!r}"] if self.title else []
        parts += [f"--from {self.start}"] if self.start else []
        parts += [f"--to {self.end}"] if self.end else []
        if self.within:
            shown = ", ".join(self.within[:3]) + (", …" if len(self.within) > 3 else "")
            parts.append(f"the document ids the manifest lists for it ({shown})")
        return " ".join(parts)

    def as_dict(self) -> dict:
        """The fields, for a run record (``run.json``)."""
        return {"docs": list(self.docs), "title": self.title, "start": self.start, "end": self.end}

    def matches(self, doc_id: str, local_id: str, title: str, date: str) -> bool:
        """Whether a document (ids, title, ISO date or empty) is selected."""
        if self.within and doc_id not in self.within:
            return False
        if self.docs and doc_id not in self.docs and local_id not in self.docs:
            return False
        if self.title and not re.search(self.title, title, flags=re.IGNORECASE):
            return False
        if self._lo or self._hi:
            day = date[:10]
            if not day or (self._lo and day < self._lo) or (self._hi and day > self._hi):
                return False
        return True


@dataclass
class TeiDocument:
    """One document div of a volume, rendered to plain text.

    ``doc_id`` is the volume id and the local id (``frus1952-54Guat-d9``);
    ``title`` the text of its ``<head>`` (notes left out); ``date`` ISO from
    ``frus:doc-dateTime-min``, else from its dateline (empty when neither
    gives one); ``volume`` the volume's title and ``url`` the document's
    history.state.gov address (empty without a volume id and ``xml:id``).
    """

    doc_id: str
    local_id: str
    position: int
    title: str
    date: str
    text: str
    volume: str = ""
    url: str = ""
    deep: bool = False


def is_date_bound(text: str) -> bool:
    """Whether ``text`` has the form of a date bound (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``).

    Examples
    --------
    >>> is_date_bound("1951-06"), is_date_bound("build/run.json")
    (True, False)
    """
    return bool(_BOUND.match(str(text).strip()))


def add_selection_arguments(parser, with_from: bool = True):
    """``--doc``, ``--title``, ``--to`` and (``with_from``) ``--from`` on an argparse parser."""
    parser.add_argument("--doc", action="append", default=[], metavar="ID",
                        help="documents by id: d123 or VOLUME-d123 (repeat the option, or "
                             "separate ids with commas)")
    parser.add_argument("--title", default="", metavar="REGEX",
                        help="documents whose title matches REGEX, ignoring case "
                             "(\"Policy Statement\")")
    if with_from:
        parser.add_argument("--from", dest="start", default="", metavar="DATE",
                            help="documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", default="", metavar="DATE",
                        help="documents dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    return parser


def selection_from_args(args) -> Selection:
    """The :class:`Selection` of parsed ``--doc``/``--title``/``--from``/``--to`` (ValueError if bad)."""
    docs = tuple(d.strip() for item in (getattr(args, "doc", None) or ()) for d in item.split(",")
                 if d.strip())
    return Selection(docs=docs, title=getattr(args, "title", "") or "",
                     start=getattr(args, "start", "") or "", end=getattr(args, "end", "") or "")


class _Renderer:
    """Walks one document div, collecting blocks, notes and page breaks."""

    def __init__(self):
        self.blocks: list[str] = []
        self.notes: list[str] = []
        self.deep = False  # nesting deeper than MAX_DEPTH was read as plain text

    def inline(self, el, glue: bool = True, depth: int = 0) -> str:
        """Text of ``el`` with notes replaced by their glued numbers.

        Notes are numbered 1, 2, … in document order, as printed.
        """
        if depth > MAX_DEPTH:
            self.deep = True
            return " ".join("".join(el.itertext()).split())
        parts = [el.text or ""]
        for child in el:
            name = _local(child.tag)
            if name == "note":
                self.notes.append(_flat("".join(child.itertext())))
                if glue:
                    parts[-1] = parts[-1].rstrip()
                    parts.append(str(len(self.notes)))
            elif name == "pb":
                if child.get("n", "").isdigit():
                    parts.append(f" [Page {child.get('n')}] ")
            elif name == "lb":
                parts.append(" ")
            else:
                parts.append(self.inline(child, depth=depth + 1))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(self, el, depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            self.deep = True
            text = _flat("".join(el.itertext()))
            if text:
                self.blocks.append(text)
            return
        for child in el:
            name = _local(child.tag)
            if name == "pb":
                if child.get("n", "").isdigit():
                    self.blocks.append(f"[Page {child.get('n')}]")
            elif name in BLOCKS or name == "head":
                text = _flat(self.inline(child, glue=name != "head"))
                if text:
                    self.blocks.append(text)
            elif name == "note":
                self.notes.append(_flat("".join(child.itertext())))
            else:
                self.walk(child, depth + 1)


def _render(el, page) -> tuple[str, bool]:
    """Plain text of one document div (and whether it nests past MAX_DEPTH)."""
    r = _Renderer()
    r.walk(el)
    blocks = r.blocks
    if page is not None and blocks:
        # the page the document starts on, after its title line
        blocks = blocks[:1] + [f"[Page {page}]"] + blocks[1:]
    notes = [f"  {i}. {t}" for i, t in enumerate(r.notes, start=1)]
    text = "\n\n".join(blocks) + ("\n\n" + "\n".join(notes) if notes else "") + "\n"
    return text, r.deep


def _title(div) -> str:
    """Text of a document's ``<head>``, notes and page breaks left out."""
    head = next((c for c in div if _local(c.tag) == "head"), None)
    if head is None:
        return ""
    return _flat(_PAGE.sub(" ", _Renderer().inline(head, glue=False)))


def _date(div) -> str:
    """ISO date of a document div: ``frus:doc-dateTime-min``, else its dateline."""
    stamp = div.get(f"{FRUS_NS}doc-dateTime-min", "")
    if _ISO_DAY.match(stamp):
        return stamp[:10]
    dateline = next((e for e in div.iter() if _local(e.tag) == "dateline"), None)
    if dateline is None:
        return ""
    for e in dateline.iter():
        if _local(e.tag) == "date" and _ISO_DAY.match(e.get("when", "")):
            return e.get("when")[:10]
    return parse_date(_flat("".join(dateline.itertext())))


def iter_tei(source, problems: list | None = None, volume: str | None = None,
             select: Selection | None = None, header: dict | None = None):
    """Stream the documents of a TEI volume as :class:`TeiDocument`, in order.

    ``iterparse`` (with defusedxml's protections) holds one document div at
    a time: every element is dropped from the tree once read, so memory
    stays flat however long the volume. The header's title and ``idno``
    fill ``volume`` and ``url`` of every document. The page in force before
    a document starts (the last ``<pb>`` before its div) becomes its first
    page marker. ``doc_id`` is the volume id (the root's ``xml:id``, else
    the header's ``idno``, else ``volume``) and the document's ``xml:id``,
    else its ``n``, else its position (``d1``, ``d2``, … among the document
    divs); an id that repeats gets its position too, so ids are unique.

    Parameters
    ----------
    source : str, Path or bytes
        The TEI file, or its bytes.
    problems : list, optional
        Receives one line per document rendered with a caveat (an id that
        repeats, nesting read as plain text).
    volume : str, optional
        The volume id when the TEI gives none (default: the file name without
        its ending, or the root's tag for bytes).
    select : Selection, optional
        Documents to yield; the others are skipped without being rendered.
    header : dict, optional
        Filled as the stream goes: ``id`` (the root's ``xml:id``), ``idno``,
        ``title`` (the volume's) and ``documents`` (document divs read).

    Raises
    ------
    xml.etree.ElementTree.ParseError, defusedxml.DefusedXmlException
        When the XML is not well-formed or unsafe (raised where the stream
        reaches the fault; documents before it were already yielded).

    Examples
    --------
    >>> [(d.doc_id, d.title, d.url) for d in iter_tei(TINY_TEI.encode())]
    [('vol-d1', '1. Policy Statement', 'https://history.state.gov/historicaldocuments/vol/d1')]
    """
    problems = problems if problems is not None else []
    header = header if header is not None else {}
    if isinstance(source, (bytes, bytearray)):
        stream, default = io.BytesIO(bytes(source)), volume
    else:
        stream, default = str(source), volume or Path(source).stem
    root_id = idno = idno_frus = title = title_complete = None
    in_header = 0  # depth inside <teiHeader>
    stack: list = []  # open elements
    open_docs: list = []  # (div, position, page before it)
    seen: set[str] = set()
    page = None
    position = 0
    for event, el in ET.iterparse(stream, events=("start", "end")):
        name = _local(el.tag)
        if event == "start":
            if not stack:
                root_id = el.get(XML_ID)
                default = default or name
                header.update(id=root_id, idno=None, title=None, documents=0)
            stack.append(el)
            if name == "teiHeader":
                in_header += 1
            elif name == "div" and el.get("type") == "document":
                position += 1
                header["documents"] = position
                open_docs.append((el, position, page))
            continue
        stack.pop()
        if name == "pb" and el.get("n", "").isdigit():
            page = int(el.get("n"))
        elif name == "teiHeader":
            in_header -= 1
        elif in_header and name == "title" and stack and _local(stack[-1].tag) == "titleStmt":
            text = _flat("".join(el.itertext()))
            title = title or text
            if el.get("type") == "complete":
                title_complete = title_complete or text
            header["title"] = title_complete or title
        elif in_header and name == "idno":
            text = _flat("".join(el.itertext()))
            idno = idno or text
            if el.get("type") == "frus":
                idno_frus = idno_frus or text
            header["idno"] = idno_frus or idno
        if open_docs and open_docs[-1][0] is el:
            _, pos, start_page = open_docs.pop()
            publication = idno_frus or idno or root_id
            vol = root_id or publication or default
            local = el.get(XML_ID) or el.get("n") or f"d{pos}"
            doc_id = f"{vol}-{local}"
            if doc_id in seen:
                problems.append(f"document {pos} repeats id '{doc_id}'; "
                                f"renamed '{doc_id}-{pos}'")
                doc_id = f"{doc_id}-{pos}"
            seen.add(doc_id)
            head, date = _title(el), _date(el)
            if select is None or select.matches(doc_id, local, head, date):
                text, deep = _render(el, start_page)
                if deep:
                    problems.append(f"document {doc_id} nests elements deeper than {MAX_DEPTH} "
                                    "levels; the deeper ones were read as plain text")
                url = (DOCUMENT_URL.format(volume=publication, document=el.get(XML_ID))
                       if publication and el.get(XML_ID) else "")
                yield TeiDocument(doc_id=doc_id, local_id=local, position=pos, title=head,
                                  date=date, text=text, volume=title_complete or title or "",
                                  url=url, deep=deep)
        if not open_docs and stack:
            stack[-1].remove(el)  # read: drop it (and its subtree) from the tree


def tei_documents(path, problems: list | None = None,
                  volume: str | None = None) -> list[tuple[str, str]]:
    """Render every document of a TEI file as ``(doc_id, plain_text)``.

    See :func:`iter_tei` (ids, pages, ``problems``, ``volume``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "v.xml"
    >>> _ = p.write_text(TINY_TEI, encoding="utf-8")
    >>> [(i, t.splitlines()[0]) for i, t in tei_documents(p)]
    [('vol-d1', '1. Policy Statement')]
    >>> two = b'<TEI><div type="document"><p>A.</p></div><div type="document"><p>B.</p></div></TEI>'
    >>> [i for i, _ in tei_documents(two)]
    ['TEI-d1', 'TEI-d2']
    """
    return [(d.doc_id, d.text) for d in iter_tei(path, problems, volume=volume)]


def file_sha256(path) -> str:
    """sha256 of a file, read in blocks (a volume is never held whole)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


TINY_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="vol"><text><body>
<pb n="7"/><div type="document" xml:id="d1" n="1">
<head>1. Policy Statement<note n="1" type="source">Source: Department of State files.</note></head>
<p><hi rend="italic">a. objectives</hi></p>
<p>We seek security.<note n="2">See p. 5.</note> We wish <pb n="8"/>support.</p>
<p><hi rend="italic">d. evaluation</hi></p>
<p>Progress has been slow.</p>
</div></body></text></TEI>
"""
