"""Snapshots: the shipped model's exact verdicts on the embedded statement.

Not behaviour tests. They pin what ``python -m analysis run data/raw``
currently says about the seed, so that a change of model, lexicon or
extraction shows up in review as a changed snapshot. After a deliberate
change, rewrite the snapshot with::

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/progress/test_snapshots.py

Behaviour lives in test_grading.py (planted statements) and the held-out
floors in test_model.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from conftest import SEED_DOC

SNAPSHOT = Path(__file__).parent / "snapshots" / "seed_assessments.csv"
COLUMNS = ["objective_id", "verdict", "evidence_sentence_ids"]


@pytest.mark.snapshot
def test_snapshot_seed_verdicts(seed_all_tables):
    a = seed_all_tables["assessments"]
    got = a[a["doc_id"] == SEED_DOC][COLUMNS].astype(str).reset_index(drop=True)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        got.to_csv(SNAPSHOT, index=False, lineterminator="\n")
    want = pd.read_csv(SNAPSHOT, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(got, want)
