"""One map of the project: every path and the seed come from here.

Modules and notebooks import these names instead of typing paths, so a
checkout can be moved anywhere (Cookiecutter Data Science layout).

``data/raw`` is immutable input; ``build/`` is derived and can be deleted
and rebuilt with ``make reproduce``; ``figures/`` holds committed figures.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

#: Root of the checkout (the folder holding ``analysis/``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Folder of the package's own data files (lexicons, country aliases).
PACKAGE_DATA = Path(__file__).resolve().parent / "data"
#: Immutable raw documents; no code writes here.
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
#: Manifest of the raw documents (one row per document).
MANIFEST = DATA_DIR / "corpus.csv"
#: FRUS volumes fetched by ``python -m analysis fetch`` (TEI, cached with
#: their sha256) and their ``corpus.csv`` of selected documents; not committed.
EXTERNAL_DIR = DATA_DIR / "external"
#: Derived tables and executed notebooks; deletable.
BUILD_DIR = PROJECT_ROOT / "build"
#: Committed figures with the CSV of the data each plots.
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

#: The one seed of the project. Every random step takes ``seed`` explicitly;
#: this is only the default the command line and notebooks pass in.
SEED = int(os.environ.get("ANALYSIS_SEED", "20260101"))

#: Canonical section labels, in the order statements of the series use.
SECTIONS = ("objectives", "policies", "relations", "evaluation", "other")


#: Seeds numpy and scikit-learn accept: 0 <= seed < 2**32.
MAX_SEED = 2**32 - 1


def seed_argument(text: str) -> int:
    """``--seed``: a whole number in [0, MAX_SEED], checked before any work.

    Examples
    --------
    >>> seed_argument("20260101")
    20260101
    >>> seed_argument("-1")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: --seed needs a whole number from 0 to 4294967295, not '-1'
    """
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"--seed needs a whole number from 0 to {MAX_SEED}, "
                                         f"not {text!r}")
    return value


def default_jobs() -> int:
    """Worker processes by default: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
