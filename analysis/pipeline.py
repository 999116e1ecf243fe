"""The one-way pipeline: load → sections → sentences → measures → tables.

:func:`build` loads the inputs and runs every registered step in order;
each step is a module with ``build_tables(tables, seed) -> dict`` that reads
the tables of the steps before it and returns its own. :func:`run` writes
them all, atomically, as ``<out>/<name>.csv``.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

from . import config
from .tables import write_table

#: Measuring steps, in data-flow order. Each module provides
#: ``build_tables(tables: dict[str, DataFrame], seed: int) -> dict``.
STEPS: list[str] = [
    "analysis.countries",
    "analysis.sentiment",
    "analysis.topics",
    "analysis.progress",
]


def run_steps(tables: dict, seed: int, steps=None) -> dict:
    """Run the measuring ``steps`` on loaded ``tables``; return all tables.

    The input dict is not modified; a step may return a replacement for an
    earlier table (e.g. ``documents`` with the focus country filled in).
    """
    out = dict(tables)
    for name in STEPS if steps is None else steps:
        module = importlib.import_module(name)
        new = module.build_tables(out, seed=seed)
        out.update(new)
    return out


def build(inputs, seed: int = config.SEED, manifest=None, errors=None) -> dict:
    """Load ``inputs`` (files or folders) and compute every table.

    Parameters
    ----------
    inputs : list of str or Path
        Plain-text FRUS documents, or folders holding them.
    seed : int
        The one seed, passed to every step that resamples or fits.
    manifest : str or Path, optional
        A ``corpus.csv`` giving metadata; by default the one beside the
        inputs' folder if present.
    errors : list, optional
        Receives one-line messages about inputs that could not be read.

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    from .loader import load_corpus

    tables = load_corpus(inputs, manifest=manifest, errors=errors)
    return run_steps(tables, seed=seed)


def write_all(tables: dict, out) -> list[Path]:
    """Write every table to ``out/<name>.csv`` (atomically); return the paths."""
    out = Path(out)
    return [write_table(df, out / f"{name}.csv") for name, df in sorted(tables.items())
            if isinstance(df, pd.DataFrame)]


def run(inputs, out, seed: int = config.SEED, manifest=None, errors=None) -> dict:
    """Build every table of ``inputs`` and write them to ``out``.

    What ``python -m analysis run`` does. Nothing is written when no input
    could be loaded (then ``documents`` is empty); ``errors`` receives one
    line per input that could not be read.

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    tables = build(inputs, seed=seed, manifest=manifest, errors=errors)
    if not tables["documents"].empty:
        write_all(tables, out)
    return tables
