"""Tests of analysis/progress/explain.py."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.progress import build_tables, explain

DOC = pd.DataFrame({
    "doc_id": ["t"] * 4, "sentence_id": [0, 1, 2, 3],
    "section": ["objectives", "evaluation", "evaluation", "evaluation"], "paragraph": [1, 2, 3, 3],
    "text": ["The objectives are to obtain access to the air bases and to assist the development "
             "of a stable economy.",
             "With respect to the air bases, access has been fully obtained.",
             "Economic development has made little progress.", "Inflation is severe."]})


@pytest.fixture(scope="module")
def tables():
    t = {"sentences": DOC}
    t.update(build_tables(t, seed=0))
    return t


def test_explain_shows_objective_evidence_cues_and_features(tables):
    text = explain("t", 2, tables)
    assert "assist the development of a stable economy" in text
    assert "little progress" in text
    assert "features (value; pull on 'assessed'" in text
    assert "max_p" in text


def test_explain_unknown_objective_says_what_exists(tables):
    with pytest.raises(KeyError, match=r"no objective 9 in document 't'; known objectives: \[1, 2\]"):
        explain("t", 9, tables)


def test_explain_reads_a_build_folder(tables, tmp_path):
    from analysis.pipeline import write_all

    write_all(tables, tmp_path)
    assert "objective 1" in explain("t", 1, tmp_path)


def test_explain_says_when_a_faint_reading_is_dropped(tables):
    # with a least cue mass above any aim's, the lexicon's reading of the
    # evidence is dropped, and explain says so and why
    import copy

    from analysis.progress.model import load_model

    model = copy.deepcopy(load_model())
    model.grader.min_cue_mass_ = 50.0
    text = explain("t", 2, tables, model=model)
    assert "lexicon reading 'not_achieved' dropped: its cue mass" in text
    assert "under the learned least 50.00" in text
    assert "dropped" not in explain("t", 2, tables)  # the shipped least keeps this plain reading
