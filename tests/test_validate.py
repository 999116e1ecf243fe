"""Tests of analysis/validate.py: agreement with hand coding."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from analysis import config
from analysis.validate import (REPORT_COLUMNS, coverage, main, match_objectives, validate,
                               weighted_kappa)

GOLD_DIR = Path(__file__).parent / "data" / "gold"  # the seed's coding (adapted)
#: Seed figures at the time of writing; the test fails if they drop.
SEED_RECALL, SEED_ACCURACY, SEED_KAPPA = 1.0, 1.0, 1.0


def test_validate_seed_figures_do_not_drop():
    report = validate(GOLD_DIR, config.RAW_DIR)
    assert list(report.columns) == REPORT_COLUMNS
    seed = report[report["document"] == "peru-1951"].iloc[0]
    assert seed["gold_objectives"] == 5
    assert seed["recall"] >= SEED_RECALL
    assert seed["accuracy"] >= SEED_ACCURACY
    assert seed["kappa"] >= SEED_KAPPA
    assert report["document"].iloc[-1] == "TOTAL"


def test_validate_reports_the_seed_countries_against_the_coding():
    seed = validate(GOLD_DIR, config.RAW_DIR).iloc[0]
    assert seed["countries_gold"] == 15
    assert seed["countries_found"] == 15
    assert seed["countries_extra"] == ""


def test_validate_details_list_every_gold_objective():
    _, det = validate(GOLD_DIR, config.RAW_DIR, details=True)
    assert det["gold_id"].tolist() == ["per-1", "per-2", "per-3", "per-4", "per-5"]
    assert det.set_index("gold_id").loc["per-3", "predicted_verdict"] == "not_achieved"


def test_validate_kappa_matches_sklearn_on_the_ordinal_scale():
    gold = ["achieved", "slow", "partial", "not_achieved", "partial"]
    pred = ["partial", "slow", "partial", "slow", "achieved"]
    rank = {"not_achieved": 0, "slow": 1, "partial": 2, "achieved": 3}
    expected = cohen_kappa_score([rank[g] for g in gold], [rank[p] for p in pred],
                                 weights="linear", labels=[0, 1, 2, 3])
    assert weighted_kappa(gold, pred) == pytest.approx(expected)


def test_validate_not_assessed_disagrees_fully():
    # Confusing not_assessed with a grade costs as much as the two ends of the scale.
    a = weighted_kappa(["achieved", "not_achieved", "slow"], ["not_assessed", "not_achieved", "slow"])
    b = weighted_kappa(["achieved", "not_achieved", "slow"], ["not_achieved", "not_achieved", "slow"])
    assert a < 1.0 and b < 1.0
    assert weighted_kappa(["not_assessed", "slow"], ["not_assessed", "slow"]) == 1.0


def test_validate_kappa_rejects_unknown_labels():
    with pytest.raises(ValueError, match="unknown verdict 'great'"):
        weighted_kappa(["great"], ["achieved"])


def test_validate_coverage_ignores_page_markers_and_footnote_numbers():
    assert coverage("hemisphere security1 [Page 12] plan", "hemisphere security plan") == 1.0


def test_validate_matching_is_one_to_one():
    pred = pd.DataFrame({"objective_id": [1], "text": ["to obtain tin and to expand trade"]})
    gold = [{"id": "a", "text": "to obtain tin"}, {"id": "b", "text": "to expand trade"}]
    assert len(match_objectives(gold, pred)) == 1


def test_validate_missing_folder_is_reported(tmp_path, capsys):
    assert main([str(tmp_path / "nope"), str(config.RAW_DIR)]) == 1
    assert "gold folder not found" in capsys.readouterr().err


def test_validate_gold_without_document_is_skipped(tmp_path, capsys):
    (tmp_path / "x.json").write_text(json.dumps({"document": "x", "sections": [
        {"first_words": "words that appear in no document"}], "objectives": []}))
    report = validate(tmp_path, config.RAW_DIR)
    assert report.empty
    assert "no document" in capsys.readouterr().err


def test_validate_runs_on_the_coded_corpus():
    report = validate(config.DATA_DIR / "coded" / "gold", config.DATA_DIR / "coded")
    assert len(report) == 11  # ten coded statements and the TOTAL row
    assert report["recall"].iloc[-1] >= 0.69
