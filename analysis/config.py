"""One map of the project: every path and the seed come from here.

Modules and notebooks import these names instead of typing paths, so a
checkout can be moved anywhere (Cookiecutter Data Science layout).

``data/raw`` is immutable input; ``build/`` is derived and can be deleted
and rebuilt with ``make reproduce``; ``figures/`` holds committed figures.
"""
from __future__ import annotations

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
