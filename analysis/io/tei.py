"""Load FRUS documents from the TEI XML of the Office of the Historian.

The public HistoryAtState/frus repository publishes each volume as TEI P5:
one ``<div type="document">`` per document with a ``<head>`` (title and
source note), a ``<dateline>``, paragraphs ``<p>``, lists, page breaks
``<pb n="…"/>`` and footnotes ``<note n="…">`` inline. Each document div is
rendered to the plain-text form of history.state.gov (title line, dateline,
paragraphs, ``[Page N]`` markers, note numbers glued to the preceding word,
notes listed at the end) and read by :func:`analysis.text.document.parse_text`, so
both forms share one section splitter and one sentence splitter.

The XML is parsed with :mod:`defusedxml`, which refuses entity-expansion
and external-entity attacks.
"""
from __future__ import annotations

import re
from pathlib import Path

from defusedxml import ElementTree as ET

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: Elements rendered as a block (a paragraph of the plain-text form).
BLOCKS = ("p", "item", "dateline", "closer", "signed", "salute", "ab", "quote")
#: Deepest element nesting rendered structurally. The TEI of the Office of
#: the Historian nests a dozen levels at most (volume, body, div, p, hi,
#: note, …); below this depth an element is read as plain text
#: (``itertext``, iterative), so 10,000 nested elements cannot exhaust
#: Python's recursion limit (issue 11).
MAX_DEPTH = 100


def _local(tag) -> str:
    return tag.split("}", 1)[1] if isinstance(tag, str) and "}" in tag else str(tag)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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


def _parse(source):
    """The root element of TEI bytes or of a file."""
    if isinstance(source, (bytes, bytearray)):
        return ET.fromstring(bytes(source))
    return ET.parse(str(source)).getroot()


def tei_documents(path, problems: list | None = None,
                  volume: str | None = None) -> list[tuple[str, str]]:
    """Render every document of a TEI file as ``(doc_id, plain_text)``.

    ``doc_id`` is the volume id and the document's ``xml:id``
    (``frus1952-54Guat-d9``), else its ``n``, else its position (``d1``,
    ``d2``, … among the document divs); an id that repeats gets its
    position too, so ids are always unique. The page in force before the
    document starts (the last ``<pb>`` before its div) becomes its first
    page marker.

    Parameters
    ----------
    path : str, Path or bytes
        The TEI file, or its bytes.
    problems : list, optional
        Receives one line per document rendered with a caveat (an id that
        repeats, nesting read as plain text).
    volume : str, optional
        The volume id when the root has no ``xml:id`` (default: the file
        name without its ending, or the root's tag for bytes).

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
    problems = problems if problems is not None else []
    root = _parse(path)
    default = volume or (Path(path).stem if isinstance(path, (str, Path)) else _local(root.tag))
    vol = root.get(XML_ID) or default
    out = []
    seen: set[str] = set()
    page = None
    position = 0
    for el in root.iter():
        name = _local(el.tag)
        if name == "pb" and el.get("n", "").isdigit():
            page = int(el.get("n"))
        if name == "div" and el.get("type") == "document":
            # page: the last <pb> before the div (iteration continues inside it)
            position += 1
            local = el.get(XML_ID) or el.get("n") or f"d{position}"
            doc_id = f"{vol}-{local}"
            if doc_id in seen:
                problems.append(f"document {position} repeats id '{doc_id}'; "
                                f"renamed '{doc_id}-{position}'")
                doc_id = f"{doc_id}-{position}"
            seen.add(doc_id)
            text, deep = _render(el, page)
            if deep:
                problems.append(f"document {doc_id} nests elements deeper than {MAX_DEPTH} "
                                "levels; the deeper ones were read as plain text")
            out.append((doc_id, text))
    return out


TINY_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="vol"><text><body>
<pb n="7"/><div type="document" xml:id="d1" n="1">
<head>1. Policy Statement<note n="1" type="source">Source: Department of State files.</note></head>
<p><hi rend="italic">a. objectives</hi></p>
<p>We seek security.<note n="2">See p. 5.</note> We wish <pb n="8"/>support.</p>
<p><hi rend="italic">d. evaluation</hi></p>
<p>Progress has been slow.</p>
</div></body></text></TEI>
"""
