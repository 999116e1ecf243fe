"""Writing and reading the tidy tables: atomic, UTF-8, byte-identical, spreadsheet-safe.

Every table the package writes goes through :func:`write_table`, which
writes to a temporary file in the target folder and renames it over the
target, so an interrupted run never leaves a half-written CSV; floats are
formatted with a fixed number of significant digits so that the same input
gives byte-identical files on the same pinned environment.
"""
from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from ..contracts import text_columns

#: Float format of every CSV: 6 significant digits are more than any
#: measure here supports and keep files stable across platforms.
FLOAT_FORMAT = "%.6g"


#: Leading characters that make a spreadsheet read a cell as a formula
#: (OWASP, "CSV injection"); such text cells are written with a leading
#: apostrophe, which spreadsheets hide and :func:`read_table` removes. A
#: text cell that itself begins with an apostrophe gets a second one, so the
#: round trip is exact.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
#: Control characters other than tab and newline never reach a table.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _safe_cell(v):
    if not isinstance(v, str):
        return v
    v = _CONTROL.sub("", v)
    return "'" + v if v.startswith(FORMULA_START) else v


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells are safe to open in a spreadsheet.

    Text cells lose control characters (NUL, escape ...), and those that
    begin with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or an
    apostrophe get a leading apostrophe. Numbers are untouched (``-3`` stays
    a number). :func:`read_table` undoes the apostrophe.

    Examples
    --------
    >>> spreadsheet_safe(pd.DataFrame({"t": ["=cmd|' /C calc'!A0", "ok", "a" + chr(0) + "b"],
    ...                                "n": [-1, 2, 3]})).values.tolist()
    [["'=cmd|' /C calc'!A0", -1], ['ok', 2], ['ab', 3]]
    """
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c]):
            out[c] = out[c].map(_safe_cell)
    return out


def _unsafe_cell(v):
    return v[1:] if isinstance(v, str) and v.startswith("'") and v[1:].startswith(FORMULA_START) else v


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it over ``path`` on success.

    Whatever is written to the yielded path replaces ``path`` in one step, or
    not at all: on an error the temporary file is removed and ``path`` is
    left as it was. Used for every table and figure the package writes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        # mkstemp creates the file for its owner only; a table is as readable
        # as any file the user creates (the umask decides).
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_table(df: pd.DataFrame, path) -> Path:
    """Write ``df`` to ``path`` as UTF-8 CSV, atomically.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; its index is not written.
    path : str or Path
        Target file; its folder is created if needed.

    Returns
    -------
    Path
        The written path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> p = write_table(pd.DataFrame({"a": [1, 2], "b": [0.5, None]}), d / "t.csv")
    >>> p.read_text()
    'a,b\\n1,0.5\\n2,\\n'
    """
    path = Path(path)
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        spreadsheet_safe(df).to_csv(fh, index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    return path


def read_table(path) -> pd.DataFrame:
    """Read a table written by :func:`write_table`.

    Text columns stay text (``doc_id`` values such as ``"1951"`` are not
    turned into numbers); empty cells become missing values.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_table(pd.DataFrame({"doc_id": ["007"], "n": [3]}), d / "t.csv")
    >>> read_table(d / "t.csv").loc[0, "doc_id"]
    '007'
    """
    # Only empty cells are missing: "NA" is Namibia's ISO code, not a gap.
    text = dict.fromkeys(text_columns(Path(path).stem), str)  # as the step contracts declare
    df = pd.read_csv(path, dtype=text, keep_default_na=False, na_values=[""])
    for c in df.columns:
        if df[c].dtype == object or pd.api.types.is_string_dtype(df[c]):
            df[c] = df[c].map(_unsafe_cell)
    return df


def read_tables(folder) -> dict:
    """Read every ``*.csv`` of ``folder`` into a dict keyed by file stem.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_table(pd.DataFrame({"a": [1]}), d / "x.csv")
    >>> sorted(read_tables(d))
    ['x']
    """
    folder = Path(folder)
    return {p.stem: read_table(p) for p in sorted(folder.glob("*.csv"))}
