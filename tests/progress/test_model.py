"""Tests of analysis/progress/model.py: fitting, the model table, held-out floors."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main as cli_main
from analysis.progress.coded import load_coded
from analysis.progress.model import (MODEL_PATH, ProgressModel, cross_validate, fit_model, load_model,
                                     save_model)
from analysis.progress.objectives import extract_objectives
from analysis.report.validate import validate

CODED = config.DATA_DIR / "coded"
#: Held-out floors (leave one document out, pooled over the ten coded
#: statements of data/coded), a little under the figures measured with
#: `python -m analysis validate data/coded/gold data/coded --cv --by region`
#: when the model was written: recall 1.00, precision 1.00, verdict accuracy
#: 0.56, weighted kappa 0.42, evidence hit 0.81 (README, "Validation"; 0.53
#: and 0.41 before readings of faint cues were dropped (a learned least cue
#: mass), 0.52
#: and 0.39 before explicit verdicts stopped being mixed, 0.44 and 0.29 before
#: conditional success was read as far off, 0.39, 0.26 and
#: 0.73 before vague blanket judgements counted beside other evidence, 0.30
#: and 0.11 before the grader could keep the lexicon's reading).
#: They guard against regressions; accuracy and kappa are below the issue's targets.
HELD_OUT_FLOORS = {"recall": 0.95, "precision": 0.9, "accuracy": 0.55, "kappa": 0.4, "evidence_hit": 0.79}
#: Floors of the shipped model on the four sets of twelve synthetic statements
#: coded for verdicts (data/coded/synthetic_verdicts*, never fitted on), a
#: little under what `make validation` measures: recall 0.913 / 0.942 / 0.905 /
#: 0.862, precision 0.887 / 0.942 / 0.864 / 0.945, evidence 0.830 / 0.930 / 0.880
#: / 0.729, accuracy 0.507 / 0.348 / 0.317 / 0.312. The first two are
#: development figures (lexicon entries were written from their errors); the
#: last two were scored once, after the last change, and are little above
#: always answering not_assessed (0.206 / 0.125):
#: the floors guard the objective and evidence steps, which carry over.
SYNTHETIC_FLOORS = {"synthetic_verdicts": {"recall": 0.9, "precision": 0.85, "evidence_hit": 0.8, "accuracy": 0.48},
                    "synthetic_verdicts_2": {"recall": 0.92, "precision": 0.92, "evidence_hit": 0.9,
                                             "accuracy": 0.33},
                    "synthetic_verdicts_3": {"recall": 0.88, "precision": 0.84, "evidence_hit": 0.85,
                                             "accuracy": 0.3},
                    "synthetic_verdicts_4": {"recall": 0.84, "precision": 0.92, "evidence_hit": 0.7,
                                             "accuracy": 0.29}}


@pytest.fixture(scope="module")
def small_coded(tmp_path_factory):
    """Three coded statements copied into a folder of their own."""
    root = tmp_path_factory.mktemp("coded")
    (root / "gold").mkdir()
    for name in ("colombia-1950", "denmark-1949", "poland-1949"):
        shutil.copy(CODED / f"{name}.txt", root)
        shutil.copy(CODED / "gold" / f"{name}.json", root / "gold")
    return root


def test_model_shipped_table_loads_and_predicts(seed_tables):
    model = load_model()
    objectives = extract_objectives(seed_tables["sentences"])
    out = model.predict(objectives, seed_tables["sentences"])
    assert len(out["assessments"]) == len(objectives)
    assert out["alignment"]["score"].between(0, 1).all()


def test_model_table_round_trip_gives_the_same_predictions(small_coded, tmp_path):
    corpus = load_coded(small_coded / "gold", small_coded)
    model = fit_model(corpus)
    path = save_model(model, tmp_path / "model.csv")
    again = ProgressModel.from_frame(pd.read_csv(path, dtype=str, keep_default_na=False))
    obj = extract_objectives(corpus.sentences)
    a = model.predict(obj, corpus.sentences)["assessments"]
    b = again.predict(obj, corpus.sentences)["assessments"]
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.slow
def test_model_fit_command_is_byte_identical_on_rerun(small_coded, tmp_path):
    out1, out2 = tmp_path / "m1.csv", tmp_path / "m2.csv"
    assert cli_main(["fit", str(small_coded), "--out", str(out1)]) == 0
    assert cli_main(["fit", str(small_coded), "--out", str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    table = pd.read_csv(out1, dtype=str, keep_default_na=False)
    assert set(table["model"]) == {"evidence", "assess", "grade", "confidence"}


@pytest.mark.slow
def test_model_shipped_table_is_what_fit_writes_from_data_coded(tmp_path):
    # The committed coefficients are refitted from the committed coded corpus.
    out = tmp_path / "model.csv"
    assert cli_main(["fit", str(CODED), "--out", str(out)]) == 0
    assert out.read_bytes() == MODEL_PATH.read_bytes()


def test_model_fit_reports_a_missing_folder(tmp_path, capsys):
    assert cli_main(["fit", str(tmp_path / "nope")]) == 1
    assert "gold folder not found" in capsys.readouterr().err


@pytest.mark.slow
def test_model_cross_validation_never_sees_the_document_it_grades(small_coded, monkeypatch):
    from analysis.progress import model as m

    seen = []
    real = m._fit

    def spy(labelled, pairs, y, sentences):
        seen.append(set(labelled["doc_id"]))
        return real(labelled, pairs, y, sentences)

    monkeypatch.setattr(m, "_fit", spy)
    corpus = load_coded(small_coded / "gold", small_coded)
    res = cross_validate(corpus)
    assert len(seen) == 3
    for doc_id, train in zip(corpus.doc_ids, seen):
        assert doc_id not in train and len(train) == 2
    assert set(res["assessments"]["doc_id"]) == set(corpus.doc_ids)
    # one row a fold: what the model fitted without that statement chose
    from analysis.progress.model import FOLD_COLUMNS

    folds = res["folds"]
    assert folds["left_out"].tolist() == list(corpus.doc_ids)
    assert list(folds.columns) == ["left_out"] + FOLD_COLUMNS
    assert folds["confidence_form"].isin(["constant", "curve"]).all()
    flat = folds["confidence_form"] == "constant"
    assert folds.loc[flat, "confidence_constant"].between(0, 1).all()


@pytest.mark.slow
def test_model_held_out_floors_on_the_coded_corpus():
    res = validate(CODED / "gold", CODED, details=True, cv=True, by="region", n_boot=200)
    assert res["mode"] == "held_out"
    pooled = res["summary"].query("scope == 'pooled'").set_index("measure")["value"]
    for measure, floor in HELD_OUT_FLOORS.items():
        assert pooled[measure] >= floor, (measure, pooled[measure], floor)
    groups = set(res["summary"].query("scope == 'group'")["group"])
    assert groups == {"Europe", "Latin America"}
    s = res["summary"]
    assert (s["low"] <= s["value"] + 1e-12).all() and (s["value"] <= s["high"] + 1e-12).all()
    assert int(res["confusion"].to_numpy().sum()) == 66


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SYNTHETIC_FLOORS))
def test_model_shipped_floors_on_synthetic_statements_it_never_saw(name):
    folder = CODED / name
    res = validate(folder / "gold", folder, details=True, n_boot=50)
    assert res["mode"] == "shipped"
    pooled = res["summary"].query("scope == 'pooled'").set_index("measure")["value"]
    for measure, floor in SYNTHETIC_FLOORS[name].items():
        assert pooled[measure] >= floor, (measure, pooled[measure], floor)
