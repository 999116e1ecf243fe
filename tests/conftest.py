"""Shared fixtures: the embedded corpus loaded once per session."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from analysis import config

SHARED = config.PROJECT_ROOT.parent / "shared"
SEED_FILE = config.RAW_DIR / "frus1951v02-peru-policy-statement.txt"
SEED_DOC = "frus1951v02-peru"


@pytest.fixture(scope="session")
def seed_tables():
    """Foundation tables of the embedded corpus (documents, sentences, footnotes)."""
    from analysis.loader import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus([config.RAW_DIR])


@pytest.fixture(scope="session")
def seed_all_tables():
    """Every table of the pipeline on the embedded corpus."""
    from analysis.pipeline import build

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build([config.RAW_DIR], seed=config.SEED)


def shared_path(*parts) -> Path:
    """A path under ../shared, or skip the test when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"../shared not available ({p})")
    return p
