"""Load files and folders into the foundation tables.

Reading (:mod:`analysis.io`) and parsing (:mod:`analysis.text.document`)
put together: :func:`load_document` for one plain-text file,
:func:`load_tei` for a TEI volume, :func:`load_corpus` for any mix of files
and folders, giving the ``documents``, ``sentences`` and ``footnotes``
tables every later step reads.
"""
from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import replace
from pathlib import Path

import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as ET

from .. import config  # noqa: F401  (the doctests read config.RAW_DIR)
from ..io.loader import (LoadError, LoadWarning, check_file, decode_text, display_path, natural_key,
                         plan_inputs, read_bytes)
from ..io.tei import Selection, file_sha256, iter_tei
from .document import DOCUMENT_COLUMNS, FOOTNOTE_COLUMNS, SECTION_COLUMNS, SENTENCE_COLUMNS, Document, parse_text

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
    doc = parse_text(text, doc_id or path.stem, source=display_path(path),
                     sha256=hashlib.sha256(raw).hexdigest())
    if doc.sentences.empty:
        raise LoadError(f"load: '{path.name}' has no sentences after its title; "
                        "is it a FRUS document?")
    for w in doc.warnings + doc.section_warnings:
        warnings.warn(f"load: '{path.name}': {w}", LoadWarning, stacklevel=2)
    return doc


def _add(doc: Document, row, path: Path, docs: list, seen: set, collect: list) -> None:
    """Add ``doc`` to ``docs`` with its manifest metadata, unless its id repeats."""
    if doc.doc_id in seen:
        collect.append(f"load: '{path.name}' repeats doc_id '{doc.doc_id}'; rename the file "
                       "or give it its own doc_id in corpus.csv")
        return
    seen.add(doc.doc_id)
    if row is not None:
        # the manifest wins; what the text says (dateline, title) fills its gaps
        doc.country = row.country or doc.country
        doc.volume = row.volume or doc.volume
        doc.url = row.source_url or doc.url
        doc.commit = getattr(row, "commit", "") or doc.commit
        doc.date = row.date or doc.date
        if row.sha256 and row.sha256 != doc.sha256:
            warnings.warn(f"load: '{path.name}' differs from its manifest sha256; "
                          "the file was changed since it was recorded", LoadWarning)
    docs.append(doc)


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
    listed = tuple(r.doc_id for r in row if r.doc_id) if row else ()  # a row without one: no restriction
    if listed:
        select = replace(select or Selection(), within=listed)
    return path, None, encoding, (select or None)


def load_path(path, doc_id: str | None = None, encoding: str | None = None,
              select=None) -> list:
    """The documents of one input file (a ``.txt`` document or a TEI volume).

    ``select`` (:class:`analysis.io.tei.Selection`) picks documents of a TEI
    volume; a plain-text document is one document, always kept.

    Raises
    ------
    LoadError
        With a one-line message naming the file and the problem.
    """
    path = Path(path)
    if path.suffix.lower() == ".xml":
        return load_tei(path, select=select)
    return [load_document(path, encoding=encoding, doc_id=doc_id)]


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
    return sorted(docs, key=lambda d: natural_key(d.doc_id))


def foundation_tables(docs: list) -> dict:
    """``documents``, ``sentences`` and ``footnotes`` of loaded documents, in their order."""
    documents = pd.DataFrame([d.metadata() for d in docs], columns=DOCUMENT_COLUMNS)
    documents["n_sentences"] = documents["n_sentences"].astype("int64")
    documents["n_editorial"] = documents["n_editorial"].astype("int64")
    sentences = (pd.concat([d.sentences for d in docs], ignore_index=True) if docs
                 else pd.DataFrame(columns=SENTENCE_COLUMNS))
    footnotes = (pd.concat([d.footnotes for d in docs], ignore_index=True) if docs
                 else pd.DataFrame(columns=FOOTNOTE_COLUMNS))
    return {"documents": documents, "sentences": sentences, "footnotes": footnotes,
            "sections": section_table(sentences)}


def section_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """The ``sections`` table: sentences and editorial rows per (document, section).

    One row per section as it occurs (``heading`` as printed), in document
    order; ``n_sentences`` counts every row, ``n_editorial`` the editorial
    ones (:mod:`analysis.text.editorial`).

    Examples
    --------
    >>> text = "A Policy Statement\\n\\na. objectives\\n\\nWe seek it.\\n\\nc. relations\\n\\n. . . . . ."
    >>> section_table(parse_text(text, "d").sentences).values.tolist()
    [['d', 'objectives', 'a. objectives', 1, 0], ['d', 'relations', 'c. relations', 1, 1]]
    """
    if not len(sentences):
        return pd.DataFrame(columns=SECTION_COLUMNS)
    s = sentences.assign(_ed=sentences["editorial"].fillna(False).astype(bool)
                         if "editorial" in sentences.columns else False)
    g = (s.groupby(["doc_id", "section", "heading"], sort=False)
         .agg(n_sentences=("text", "size"), n_editorial=("_ed", "sum")).reset_index())
    return g.astype({"n_sentences": "int64", "n_editorial": "int64"})[SECTION_COLUMNS]


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
    select : analysis.io.tei.Selection, optional
        Documents to keep of TEI volumes (by id, title, date).

    Returns
    -------
    dict
        ``documents``, ``sentences``, ``footnotes`` and ``sections``
        (:func:`section_table`) DataFrames; documents in doc_id order
        (numbers compared as numbers).

    Examples
    --------
    >>> tables = load_corpus([config.RAW_DIR])
    >>> sorted(tables)
    ['documents', 'footnotes', 'sections', 'sentences']
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


def load_tei(path, select=None) -> list:
    """Load the documents of a TEI file as :class:`analysis.text.document.Document`.

    The volume is streamed (:func:`iter_tei`); ``select`` keeps only some
    of its documents. Each document gets the volume's title as ``volume``,
    its history.state.gov address as ``url`` and its date from
    ``frus:doc-dateTime-min`` or its dateline. A document div that is empty
    or cannot be parsed is left out with a
    :class:`analysis.io.loader.LoadWarning`; the rest of the volume is kept.

    Raises
    ------
    analysis.io.loader.LoadError
        When the file is not well-formed XML, holds no document with text,
        or no document matches ``select``.
    """
    path = Path(path)
    check_file(path)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        raise LoadError(f"load: '{path}' cannot be read ({type(exc).__name__}: "
                        f"{exc.strerror or exc}); check its permissions") from None
    problems: list[str] = []
    docs, n_docs = [], 0
    stream = iter_tei(path, problems, volume=path.stem, select=select)
    while True:
        try:
            rendered = next(stream)
        except StopIteration:
            break
        except (ET.ParseError, DefusedXmlException, ValueError, LookupError) as exc:
            detail = " ".join(str(exc).split())
            raise LoadError(f"load: '{path.name}' is not well-formed TEI XML ({detail}); "
                            "pass the volume file from HistoryAtState/frus") from None
        except RecursionError:
            raise LoadError(f"load: '{path.name}' nests elements too deeply to parse") from None
        n_docs += 1
        try:
            doc = parse_text(rendered.text, rendered.doc_id, source=display_path(path), sha256=sha)
        except (ValueError, RecursionError) as exc:
            warnings.warn(f"load: '{path.name}': document {rendered.doc_id} cannot be parsed "
                          f"({type(exc).__name__}: {exc}); left out, the rest of the volume kept",
                          LoadWarning, stacklevel=2)
            continue
        if doc.sentences.empty:
            warnings.warn(f"load: '{path.name}': document {rendered.doc_id} has no text; "
                          "left out, the rest of the volume kept", LoadWarning, stacklevel=2)
            continue
        for w in doc.warnings:
            warnings.warn(f"load: '{path.name}': {w}", LoadWarning, stacklevel=2)
        doc.volume, doc.url = rendered.volume, rendered.url
        doc.date = rendered.date or doc.date
        docs.append(doc)
    for p in problems:
        warnings.warn(f"load: '{path.name}': {p}", LoadWarning, stacklevel=2)
    if not n_docs:
        if select:
            raise LoadError(f"load: '{path.name}': no document matches {select.describe()}; "
                            "widen the selection")
        raise LoadError(f"load: '{path.name}' holds no <div type=\"document\">; "
                        "is it a FRUS TEI volume?")
    if not docs:
        raise LoadError(f"load: '{path.name}': none of its {n_docs} document(s) has text; "
                        "is it a FRUS TEI volume?")
    return docs
