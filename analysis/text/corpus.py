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
import re
import warnings
from pathlib import Path

import pandas as pd

from .. import config  # noqa: F401  (the doctests read config.RAW_DIR)
from ..io.loader import LoadError, LoadWarning, _display_path, decode_text, plan_inputs, read_bytes
from .document import DOCUMENT_COLUMNS, FOOTNOTE_COLUMNS, SENTENCE_COLUMNS, Document, parse_text

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


def _add(doc: Document, row, path: Path, docs: list, seen: set, collect: list) -> None:
    """Add ``doc`` to ``docs`` with its manifest metadata, unless its id repeats."""
    if doc.doc_id in seen:
        collect.append(f"load: '{path.name}' repeats doc_id '{doc.doc_id}'; rename the file "
                       "or give it its own doc_id in corpus.csv")
        return
    seen.add(doc.doc_id)
    if row is not None:
        doc.country = row.country
        doc.volume = row.volume
        doc.url = row.source_url
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


def load_path(path, doc_id: str | None = None, encoding: str | None = None) -> list:
    """The documents of one input file (a ``.txt`` document or a TEI volume).

    Raises
    ------
    LoadError
        With a one-line message naming the file and the problem.
    """
    path = Path(path)
    if path.suffix.lower() == ".xml":
        return load_tei(path)
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
        for doc in found:
            _add(doc, None if path.suffix.lower() == ".xml" else row, path, docs, seen, errors)
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
                encoding: str | None = None) -> dict:
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
        try:
            found = load_path(path, encoding=encoding,
                              doc_id=(row.doc_id or None) if row is not None else None)
        except LoadError as exc:
            collect.append(str(exc))
            continue
        loaded.append((path, row, found))
    docs = assemble(loaded, collect)
    if errors is None and collect:
        raise LoadError(collect[0])
    return foundation_tables(docs)


def load_tei(path) -> list:
    """Load every document of a TEI file as :class:`analysis.text.document.Document`.

    A document div that is empty or cannot be parsed is left out with a
    :class:`analysis.io.loader.LoadWarning`; the rest of the volume is kept.

    Raises
    ------
    analysis.io.loader.LoadError
        When the file is not well-formed XML or holds no document with text.
    """
    from defusedxml import DefusedXmlException
    from defusedxml import ElementTree as ET

    from ..io.tei import tei_documents

    path = Path(path)
    raw = read_bytes(path)
    problems: list[str] = []
    try:
        rendered = tei_documents(raw, problems, volume=path.stem)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise LoadError(f"load: '{path.name}' is not well-formed TEI XML ({exc}); "
                        "pass the volume file from HistoryAtState/frus") from None
    except RecursionError:
        raise LoadError(f"load: '{path.name}' nests elements too deeply to parse") from None
    if not rendered:
        raise LoadError(f"load: '{path.name}' holds no <div type=\"document\">; "
                        "is it a FRUS TEI volume?")
    for p in problems:
        warnings.warn(f"load: '{path.name}': {p}", LoadWarning, stacklevel=2)
    sha = hashlib.sha256(raw).hexdigest()
    docs = []
    for doc_id, text in rendered:
        try:
            doc = parse_text(text, doc_id, source=_display_path(path), sha256=sha)
        except (ValueError, RecursionError) as exc:
            warnings.warn(f"load: '{path.name}': document {doc_id} cannot be parsed "
                          f"({type(exc).__name__}: {exc}); left out, the rest of the volume kept",
                          LoadWarning, stacklevel=2)
            continue
        if doc.sentences.empty:
            warnings.warn(f"load: '{path.name}': document {doc_id} has no text; "
                          "left out, the rest of the volume kept", LoadWarning, stacklevel=2)
            continue
        for w in doc.warnings:
            warnings.warn(f"load: '{path.name}': {w}", LoadWarning, stacklevel=2)
        docs.append(doc)
    if not docs:
        raise LoadError(f"load: '{path.name}': none of its {len(rendered)} document(s) has text; "
                        "is it a FRUS TEI volume?")
    return docs
