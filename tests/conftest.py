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
    from analysis.text.corpus import load_corpus

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


def statement(objectives, evaluation, doc_id="t"):
    """A tiny sentences table: objectives sentences, then evaluation paragraphs.

    ``evaluation`` is a list of paragraphs, each a list of sentences.
    """
    import pandas as pd

    rows, sid = [], 0
    for t in objectives:
        rows.append({"doc_id": doc_id, "sentence_id": sid, "section": "objectives", "paragraph": 1, "text": t})
        sid += 1
    for p, para in enumerate(evaluation, start=2):
        for t in para:
            rows.append({"doc_id": doc_id, "sentence_id": sid, "section": "evaluation", "paragraph": p, "text": t})
            sid += 1
    return pd.DataFrame(rows)


#: Long-range aims judged by one blanket sentence; immediate aims judged
#: (one) or not at all (the other).
BLANKET_STATEMENT = statement(
    ["The long-range objectives of US policy toward the country are the restoration of its independence "
     "and the establishment of free elections.",
     "Our immediate objectives are to protect American property and to keep the legation open."],
    [["The long-range objectives set forth above are not realizable in the foreseeable future."],
     ["The legation has been kept open, and its work has been effective."]])
