"""Load FRUS documents from the TEI XML of the Office of the Historian.

The public HistoryAtState/frus repository publishes each volume as TEI P5:
one ``<div type="document">`` per document with a ``<head>`` (title and
source note), a ``<dateline>``, paragraphs ``<p>``, lists, page breaks
``<pb n="…"/>`` and footnotes ``<note n="…">`` inline. Each document div is
rendered to the plain-text form of history.state.gov (title line, dateline,
paragraphs, ``[Page N]`` markers, note numbers glued to the preceding word,
notes listed at the end) and read by :func:`analysis.loader.parse_text`, so
both forms share one section splitter and one sentence splitter.

The XML is parsed with :mod:`defusedxml`, which refuses entity-expansion
and external-entity attacks.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from defusedxml import ElementTree as ET

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: Elements rendered as a block (a paragraph of the plain-text form).
BLOCKS = ("p", "item", "dateline", "closer", "signed", "salute", "ab", "quote")


def _local(tag) -> str:
    return tag.split("}", 1)[1] if isinstance(tag, str) and "}" in tag else str(tag)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class _Renderer:
    """Walks one document div, collecting blocks, notes and page breaks."""

    def __init__(self):
        self.blocks: list[str] = []
        self.notes: list[str] = []

    def inline(self, el, glue: bool = True) -> str:
        """Text of ``el`` with notes replaced by their glued numbers.

        Notes are numbered 1, 2, … in document order, as printed.
        """
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
                parts.append(self.inline(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(self, el) -> None:
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
                self.walk(child)


def tei_documents(path) -> list[tuple[str, str]]:
    """Render every document of a TEI file as ``(doc_id, plain_text)``.

    ``doc_id`` is the volume id and the document's ``xml:id``
    (``frus1952-54Guat-d9``). The page in force before the document starts
    (the last ``<pb>`` before its div) becomes its first page marker.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "v.xml"
    >>> _ = p.write_text(TINY_TEI, encoding="utf-8")
    >>> [(i, t.splitlines()[0]) for i, t in tei_documents(p)]
    [('vol-d1', '1. Policy Statement')]
    """
    root = ET.parse(str(path)).getroot()
    vol = root.get(XML_ID) or Path(path).stem
    out = []
    page = None
    for el in root.iter():
        name = _local(el.tag)
        if name == "pb" and el.get("n", "").isdigit():
            page = int(el.get("n"))
        if name == "div" and el.get("type") == "document":
            # page: the last <pb> before the div (iteration continues inside it)
            r = _Renderer()
            r.walk(el)
            blocks = r.blocks
            if page is not None and blocks:
                # the page the document starts on, after its title line
                blocks = blocks[:1] + [f"[Page {page}]"] + blocks[1:]
            notes = [f"  {i}. {t}" for i, t in enumerate(r.notes, start=1)]
            text = "\n\n".join(blocks) + ("\n\n" + "\n".join(notes) if notes else "") + "\n"
            out.append((f"{vol}-{el.get(XML_ID) or el.get('n')}", text))
    return out


def load_tei(path) -> list:
    """Load every document of a TEI file as :class:`analysis.loader.Document`.

    Raises
    ------
    analysis.loader.LoadError
        When the file is not well-formed XML or holds no document div.
    """
    from defusedxml import DefusedXmlException

    from .loader import LoadError, _display_path, parse_text

    path = Path(path)
    try:
        rendered = tei_documents(path)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise LoadError(f"load: '{path.name}' is not well-formed TEI XML ({exc}); "
                        "pass the volume file from HistoryAtState/frus") from None
    if not rendered:
        raise LoadError(f"load: '{path.name}' holds no <div type=\"document\">; "
                        "is it a FRUS TEI volume?")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    docs = [parse_text(text, doc_id, source=_display_path(path), sha256=sha)
            for doc_id, text in rendered]
    for doc in docs:
        if doc.sentences.empty:
            raise LoadError(f"load: '{path.name}': document {doc.doc_id} has no text")
    return docs


TINY_TEI = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="vol"><text><body>
<pb n="7"/><div type="document" xml:id="d1" n="1">
<head>1. Policy Statement<note n="1" type="source">Source: Department of State files.</note></head>
<p><hi rend="italic">a. objectives</hi></p>
<p>We seek security.<note n="2">See p. 5.</note> We wish <pb n="8"/>support.</p>
<p><hi rend="italic">d. evaluation</hi></p>
<p>Progress has been slow.</p>
</div></body></text></TEI>
"""
