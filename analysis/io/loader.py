"""Read input files: bytes, encodings, folders and the corpus manifest.

The first step of the flow. :func:`read_text` gives the decoded text of one
file (UTF-8, BOM and CRLF handled, cp1252 with a warning) with one-line
errors naming the file; :func:`plan_inputs` turns files and folders into the
list of inputs with their ``corpus.csv`` row. Parsing that text into
sections and sentences is the next step, :mod:`analysis.text`.
"""
from __future__ import annotations

import io
import os
import re
import stat
import warnings
from pathlib import Path

import pandas as pd

from .. import config

#: ``title`` and ``commit`` (of the HistoryAtState/frus repository) are written
#: by ``python -m analysis fetch``, one row per selected document of a volume.
MANIFEST_COLUMNS = ["doc_id", "file", "volume", "country", "date", "source_url", "sha256",
                    "title", "commit"]


#: File endings read as documents when a folder is given.
DOCUMENT_SUFFIXES = (".txt", ".xml")


class LoadError(ValueError):
    """An input that cannot be read; the message is one line naming the file."""


class LoadWarning(UserWarning):
    """Something about an input worth knowing that did not stop it loading."""


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
    analysis.io.loader.LoadError: load: '...' is a folder; pass files or folders holding *.txt
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
    analysis.io.loader.LoadError: load: '...' is a folder; pass files or folders holding *.txt
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
    analysis.io.loader.LoadError: load: 'x.txt' looks binary (NUL bytes at byte 5), not plain text; pass the text copied from history.state.gov
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


def display_path(path: Path) -> str:
    """``path`` as a document's ``source``: relative to the project when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(config.PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()


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


def find_manifest(paths: list[Path]):
    """The ``corpus.csv`` beside the first of ``paths`` that has one (or in its parent folder), or None."""
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


def _manifest_for(inputs, manifest):
    """A function path → manifest row (or None), from ``manifest`` or the one beside the inputs.

    A row's ``file`` is a path relative to the manifest's folder
    (``raw/x.txt``); a bare file name is accepted when no other row has it.
    """
    man_path = Path(manifest) if manifest else find_manifest([Path(i) for i in inputs])
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


def _with_doc_id(row, doc_id: str):
    """``row`` (a manifest row or None) with ``doc_id`` set."""
    if row is None:
        row = pd.DataFrame([dict.fromkeys(MANIFEST_COLUMNS, "")]).itertuples(index=False).__next__()
        row = row._replace(file="")
    return row._replace(doc_id=doc_id)


def natural_key(doc_id: str):
    """Sort key of a doc_id with its numbers compared as numbers ("d9" < "d10").

    Examples
    --------
    >>> sorted(["v2d10", "v2d9", "a"], key=natural_key)
    ['a', 'v2d9', 'v2d10']
    """
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", doc_id)]
