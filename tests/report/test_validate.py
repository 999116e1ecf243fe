"""Tests of analysis/report/validate.py: agreement with hand coding."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from analysis import config
from analysis.report.validate import (DETAIL_COLUMNS, REPORT_COLUMNS, SUMMARY_COLUMNS, coverage, main,
                               match_objectives, reliability, summarise, validate, weighted_kappa)

GOLD_DIR = Path(__file__).parents[1] / "data" / "gold"  # the seed's coding (adapted)
CODED = config.DATA_DIR / "coded"


@pytest.fixture(scope="module")
def seed_report():
    return validate(GOLD_DIR, config.RAW_DIR, details=True, n_boot=50)


def test_validate_reports_every_gold_objective_of_the_seed(seed_report):
    report, det = seed_report["report"], seed_report["details"]
    assert list(report.columns) == REPORT_COLUMNS and list(det.columns) == DETAIL_COLUMNS
    seed = report[report["document"] == "peru-1951"].iloc[0]
    assert seed["gold_objectives"] == 5 and seed["recall"] == 1.0
    assert report["document"].iloc[-1] == "TOTAL"
    assert det["gold_id"].tolist() == ["per-1", "per-2", "per-3", "per-4", "per-5"]
    assert seed_report["mode"] == "shipped"


def test_validate_reports_the_seed_countries_against_the_coding(seed_report):
    seed = seed_report["report"].iloc[0]
    assert seed["countries_gold"] == 15 and seed["countries_found"] == 15
    assert seed["countries_extra"] == ""


def test_validate_summary_has_intervals_around_the_pooled_value(seed_report):
    s = seed_report["summary"]
    assert list(s.columns) == SUMMARY_COLUMNS
    assert set(s["measure"]) == {"recall", "precision", "accuracy", "accuracy_defensible", "kappa", "evidence_hit"}
    # One document: no resampling, the interval is empty (NaN), never a false precision.
    assert s["low"].isna().all()


def test_validate_in_sample_is_labelled_on_the_coded_corpus(tmp_path):
    for name in ("colombia-1950",):
        shutil.copy(CODED / "gold" / f"{name}.json", tmp_path)
    res = validate(tmp_path, CODED, details=True, n_boot=20)
    assert res["mode"] == "in_sample"


def test_validate_objectives_only_coding_scores_objectives_and_no_verdicts(tmp_path):
    # a gold file without "assessments" codes objectives alone: recall and
    # precision are measured, verdict accuracy is not (never a row of zeros)
    gold = json.loads((CODED / "gold" / "colombia-1950.json").read_text(encoding="utf-8"))
    (tmp_path / "colombia-1950.json").write_text(
        json.dumps({"document": gold["document"], "objectives": gold["objectives"]}), encoding="utf-8")
    res = validate(tmp_path, CODED, details=True, n_boot=20)
    total = res["report"].set_index("document").loc["TOTAL"]
    assert total["recall"] == 1.0 and total["gold_objectives"] == len(gold["objectives"])
    assert np.isnan(total["accuracy"]) and np.isnan(total["kappa"])
    s = res["summary"].set_index("measure")
    assert s.loc["accuracy", "n_units"] == 0 and s.loc["recall", "n_units"] == len(gold["objectives"])
    assert res["confusion"].to_numpy().sum() == 0 and res["reliability"]["n"].sum() == 0


def test_validate_defensible_accuracy_counts_the_alternative_the_coder_named():
    # b's first verdict is ambiguous and the coder called not_assessed defensible:
    # predicting it is right for the defensible figure, wrong for the strict one;
    # a's ambiguous verdict names no alternative, so "slow" stays wrong there
    det = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "group": "", "objective_id": [1, 2, 1, 2],
                        "gold_verdict": ["partial", "slow", "not_achieved", "achieved"],
                        "predicted_verdict": ["slow", "slow", "not_assessed", "achieved"],
                        "evidence_hit": None, "ambiguous": [True, False, True, False],
                        "alternatives": ["", "", "not_assessed", ""]})
    s = summarise(det, {"a": 2, "b": 2}, seed=0, mode="held_out", n_boot=50).set_index(["scope", "group", "measure"])
    assert s.loc[("pooled", "", "accuracy"), "value"] == 0.5
    assert s.loc[("pooled", "", "accuracy_defensible"), "value"] == 0.75
    assert s.loc[("coding", "clear", "accuracy"), "value"] == 1.0
    assert s.loc[("coding", "ambiguous", "accuracy"), "value"] == 0.0
    assert s.loc[("coding", "ambiguous", "accuracy_defensible"), "value"] == 0.5
    assert s.loc[("coding", "ambiguous", "accuracy"), "n_units"] == 2
    # the ambiguity classes are verdicts' classes: no recall or evidence rows there
    assert set(s.loc["coding"].index.get_level_values("measure")) == {"accuracy", "accuracy_defensible", "kappa"}


def test_validate_details_carry_the_coders_alternatives():
    res = validate(CODED / "gold", CODED, details=True, n_boot=20)
    det = res["details"]
    assert (det.loc[~det["ambiguous"], "alternatives"] == "").all()
    alt = det.set_index("gold_id")["alternatives"]
    assert alt["rom-6"] == "not_achieved" and alt["pol-6"] == "partial;not_achieved"
    s = res["summary"].set_index(["scope", "group", "measure"])["value"]
    assert s[("pooled", "", "accuracy_defensible")] >= s[("pooled", "", "accuracy")]


def test_validate_bootstrap_resamples_documents():
    det = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "group": ["x", "x", "y", "y"],
                        "objective_id": [1, 2, 1, None], "gold_verdict": ["slow", "slow", "slow", "partial"],
                        "predicted_verdict": ["slow", "slow", "partial", "not_assessed"],
                        "evidence_hit": [True, None, False, None]})
    s = summarise(det, {"a": 2, "b": 1}, seed=0, mode="held_out", n_boot=200).set_index(["scope", "group", "measure"])
    acc = s.loc[("pooled", "", "accuracy")]
    assert acc["value"] == 0.5 and acc["low"] == 0.0 and acc["high"] == 1.0  # all-a or all-b resamples
    assert s.loc[("group", "x", "accuracy"), "value"] == 1.0


def test_validate_reliability_bins_partition_the_verdicts():
    det = pd.DataFrame({"confidence": [0.1, 0.45, 0.75, 0.95, 1.0],
                        "gold_verdict": ["slow"] * 5, "predicted_verdict": ["slow", "partial", "slow", "slow", "slow"]})
    r = reliability(det)
    assert r.loc[r["bin"] != ">=0.7", "n"].sum() == 5
    assert r.set_index("bin").loc[">=0.7", "accuracy"] == 1.0


def test_validate_kappa_matches_sklearn_on_the_ordinal_scale():
    gold = ["achieved", "slow", "partial", "not_achieved", "partial"]
    pred = ["partial", "slow", "partial", "slow", "achieved"]
    rank = {"not_achieved": 0, "slow": 1, "partial": 2, "achieved": 3}
    expected = cohen_kappa_score([rank[g] for g in gold], [rank[p] for p in pred],
                                 weights="linear", labels=[0, 1, 2, 3])
    assert weighted_kappa(gold, pred) == pytest.approx(expected)


def test_validate_not_assessed_disagrees_fully():
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


def test_validate_bad_gold_files_are_named_and_the_others_still_scored(tmp_path, capsys):
    shutil.copy(GOLD_DIR / "peru-1951.json", tmp_path)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "orphan.json").write_text(json.dumps({"document": "x", "sections": [
        {"first_words": "words that appear in no document"}], "objectives": []}))
    out = tmp_path / "out"
    assert main([str(tmp_path), str(config.RAW_DIR), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "broken.json: not valid JSON" in err
    assert "list.json: a gold file is a JSON object" in err
    assert "orphan.json: no document" in err
    report = pd.read_csv(out / "validation_report.csv")
    assert report["document"].tolist() == ["peru-1951", "TOTAL"]


def test_validate_only_bad_gold_files_is_an_error(tmp_path, capsys):
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert main([str(tmp_path), str(config.RAW_DIR)]) == 1
    assert "no gold file could be matched" in capsys.readouterr().err


def test_validate_writes_tables_and_the_confusion_figure(tmp_path):
    shutil.copy(GOLD_DIR / "peru-1951.json", tmp_path)
    assert main([str(tmp_path), str(config.RAW_DIR), "--out", str(tmp_path / "t"),
                 "--figure", str(tmp_path / "f")]) == 0
    assert {p.name for p in (tmp_path / "t").iterdir()} == {
        "validation_report.csv", "validation_details.csv", "validation_summary.csv",
        "validation_reliability.csv", "validation_confusion.csv"}
    assert (tmp_path / "f" / "validation-confusion.png").exists()
    assert pd.read_csv(tmp_path / "f" / "validation-confusion.csv")["n"].sum() == 5


def test_validate_unreadable_entries_in_the_docs_folder_do_not_abort_it(tmp_path, capsys):
    """Issue 11: a FIFO, a folder and a dangling link named *.txt among the documents."""
    import os

    docs = tmp_path / "docs"
    docs.mkdir()
    for p in config.RAW_DIR.glob("*.txt"):
        shutil.copy(p, docs)
    os.mkfifo(docs / "aaa-fifo.txt")  # read first: opening it would hang
    (docs / "folder.txt").mkdir()
    (docs / "dangling.txt").symlink_to(docs / "nowhere.txt")
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD_DIR / "peru-1951.json", gold)
    assert main([str(gold), str(docs), "--out", str(tmp_path / "out")]) == 0
    report = pd.read_csv(tmp_path / "out" / "validation_report.csv")
    assert report["document"].tolist() == ["peru-1951", "TOTAL"]


def test_validate_gold_for_an_absent_document_is_reported_and_exits_1(tmp_path, capsys):
    shutil.copy(GOLD_DIR / "peru-1951.json", tmp_path)
    gone = json.loads((GOLD_DIR / "peru-1951.json").read_text())
    gone.update(document="atlantis-1950", sections=[{"first_words": "no such text anywhere"}])
    (tmp_path / "atlantis.json").write_text(json.dumps(gone))
    assert main([str(tmp_path), str(config.RAW_DIR)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: atlantis.json: no document in {config.RAW_DIR} matches it; skipped"]


# --- mention stance -------------------------------------------------------------------------

STANCE_SET = CODED / "mention_stance"
#: Agreement of mention stance with the coders' agreed labels, measured with
#: ``make validation`` (2026-12-03, after the fit of the VADER weights and
#: threshold on these units and the first two volume sets, and the lexicon
#: entries written from their errors): heldout 0.680 (kappa 0.385), all 0.708
#: (0.462) — development figures now —; leave one document out over the
#: fitted pool, statements 0.708 (0.462), volumes 0.787 (0.357); sentence VADER
#: 0.351 / 0.354; a change that lowers these must be deliberate. Since the
#: first synthetic statements set joined the pool (2026-12-03, evening; label
#: threshold 0.30): heldout 0.680 (0.390), all and lodo 0.708 (0.464), and
#: the other sets left out in turn (two volume sets and that set) 0.746 (0.341).
STANCE_FLOOR = {("mention_stance", "heldout"): (0.67, 0.38),
                ("mention_stance", "all"): (0.70, 0.46),
                ("mention_stance", "lodo"): (0.70, 0.46),
                ("mention_stance", "lodo_volumes"): (0.74, 0.34)}


@pytest.fixture(scope="module")
def stance_result():
    from analysis.report.validate import stance_agreement

    return stance_agreement(STANCE_SET, CODED, seed=config.SEED)


@pytest.mark.slow
def test_stance_agreement_keeps_its_measured_floor_and_beats_sentence_vader(stance_result):
    from analysis.report.validate import STANCE_COLUMNS

    table, units = stance_result
    assert list(table.columns) == STANCE_COLUMNS
    assert units["matched"].all()  # every unit found again, also after editorial rows were added
    t = table.set_index(["method", "split"])
    for key, (acc, kappa) in STANCE_FLOOR.items():
        assert t.loc[key, "accuracy"] >= acc and t.loc[key, "kappa"] >= kappa, key
    for split in ("heldout", "dev", "all"):
        assert t.loc[("mention_stance", split), "accuracy"] > \
            t.loc[("sentence_vader", split), "accuracy"]
    assert (t["accuracy_lo"] <= t["accuracy"]).all() and (t["accuracy"] <= t["accuracy_hi"]).all()


@pytest.mark.slow
def test_stance_gold_is_the_agreed_labels_and_coders_agree_as_documented(stance_result):
    table, units = stance_result
    agreed = units["coder_A"] == units["coder_B"]
    assert (units.loc[agreed, "gold"] == units.loc[agreed, "coder_A"]).all()
    assert (units.loc[~agreed, "gold"] == "").all()
    coders = table.set_index(["method", "split"]).loc[("coders", "all")]
    assert coders["n"] == 200
    assert coders["accuracy"] == pytest.approx(agreed.mean())
    assert coders["kappa"] == pytest.approx(cohen_kappa_score(units["coder_A"], units["coder_B"]))
    n = table.set_index(["method", "split"])["n"]
    assert n[("all_neutral", "heldout")] + n[("all_neutral", "dev")] == agreed.sum()


def test_stance_set_with_a_misordered_coding_is_a_one_line_error(tmp_path):
    from analysis.report.validate import load_stance_set

    for f in STANCE_SET.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    b = pd.read_csv(tmp_path / "coder-B.csv")
    b.iloc[::-1].to_csv(tmp_path / "coder-B.csv", index=False)
    with pytest.raises(ValueError, match="coder-B.csv' must have one row per unit"):
        load_stance_set(tmp_path)
    (tmp_path / "split.csv").unlink()
    with pytest.raises(ValueError, match="lacks split.csv"):
        load_stance_set(tmp_path)


FRESH_SET = STANCE_SET / "volumes"
#: Agreement on the first 200 mentions drawn from the ten whole volumes: 0.588
#: (kappa 0.222) when scored once, unseen (2026-12-03); fitted on since then:
#: mention stance 0.830 (kappa 0.363), sentence VADER 0.294, all-neutral
#: 0.809, coders 0.970 (kappa 0.911).
#: With the threshold of 0.30 (2026-12-03, evening): 0.825 (kappa 0.344).
FRESH_FLOOR = (0.82, 0.34)
#: The second volume set: 0.708 (kappa 0.204, all-neutral 0.677) when scored
#: once as the test set; fitted on since: 0.749 (kappa 0.357).
FRESH2_SET, FRESH2_FLOOR = STANCE_SET / "volumes-2", (0.74, 0.35)
TEST_SET = STANCE_SET / "volumes-3"
#: The third volume set, drawn and coded before the last change and never
#: fitted on, scored once with the shipped rules (2026-12-03): mention stance
#: 0.746 [0.677, 0.813] (kappa 0.153), all-neutral 0.751, sentence VADER 0.368,
#: coders 0.965 (kappa 0.915).
TEST_FLOOR = (0.74, 0.15)
FRESH_STATEMENTS_SET = STANCE_SET / "statements-synthetic"
#: 240 mentions of the 60 synthetic statements, coded by two blind agents,
#: scored once unseen (2026-12-03): mention stance 0.616 [0.561, 0.673] (kappa
#: 0.131), all-neutral 0.621, sentence VADER 0.304, coders 0.933 (kappa 0.878);
#: then lexicon entries were written from its errors and it joined the fitting
#: pool (threshold 0.30): 0.674 (kappa 0.308), a development figure.
FRESH_STATEMENTS_FLOOR = (0.67, 0.30)
STATEMENTS_TEST_SET = STANCE_SET / "statements-synthetic-2"
#: 240 more mentions of the same statements, drawn and coded after that change,
#: never fitted on, scored once with the shipped rules (2026-12-03): mention
#: stance 0.611 [0.557, 0.668] (kappa 0.179), all-neutral 0.606, sentence VADER
#: 0.283, coders 0.942 (kappa 0.895).
STATEMENTS_TEST_FLOOR = (0.61, 0.17)


@pytest.fixture(scope="module")
def fresh_result():
    from analysis.report.validate import fresh_stance_agreement

    return fresh_stance_agreement(FRESH_SET, seed=config.SEED)


def test_stance_fresh_set_is_scored_from_its_units_and_keeps_its_floor(fresh_result):
    table, units = fresh_result
    t = table.set_index(["method", "split"])
    assert set(table["split"]) == {"fresh"}
    assert units["stance"].notna().all()  # every unit's own mention scored
    acc, kappa = FRESH_FLOOR
    assert t.loc[("mention_stance", "fresh"), "accuracy"] >= acc
    assert t.loc[("mention_stance", "fresh"), "kappa"] >= kappa
    assert t.loc[("mention_stance", "fresh"), "accuracy"] > t.loc[("sentence_vader", "fresh"), "accuracy"]
    agreed = units["coder_A"] == units["coder_B"]
    assert t.loc[("coders", "fresh"), "n"] == len(units) == 200
    assert t.loc[("coders", "fresh"), "accuracy"] == pytest.approx(agreed.mean())
    assert t.loc[("all_neutral", "fresh"), "n"] == agreed.sum()
    assert t.loc[("all_neutral", "fresh"), "accuracy"] == pytest.approx(
        (units.loc[agreed, "gold"] == "neutral").mean())


@pytest.mark.slow
def test_stance_units_alone_score_as_the_pipeline_does(stance_result):
    # scoring a unit from its own sentence gives the stance the pipeline gave
    # that mention in its whole document (what the fresh set relies on)
    from analysis.report.validate import _units_alone, load_stance_set

    _, units = stance_result
    alone = _units_alone(load_stance_set(STANCE_SET))
    both = units[["mention_id", "stance"]].merge(alone[["mention_id", "stance"]], on="mention_id",
                                                 suffixes=("_doc", "_alone"))
    assert len(both) == len(units)
    assert np.allclose(both["stance_doc"], both["stance_alone"])


@pytest.mark.slow
def test_validate_stance_option_writes_the_agreement_table(tmp_path, capsys):
    from analysis.report.validate import STANCE_COLUMNS

    assert main([str(CODED / "gold"), str(CODED), "--stance", str(STANCE_SET),
                 "--out", str(tmp_path)]) == 0
    t = pd.read_csv(tmp_path / "stance_agreement.csv")
    assert list(t.columns) == STANCE_COLUMNS
    assert {"mention_stance", "window_vader", "sentence_vader", "all_neutral", "coders"} == \
        set(t["method"])
    assert {"fresh", "fresh2", "fresh_statements", "test", "test_statements", "lodo",
            "lodo_volumes"} <= set(t["split"])  # the volumes' units, scored from their sentences
    assert "tone toward a country" in capsys.readouterr().out


def test_stance_test_set_is_never_fitted_on_and_keeps_its_floor():
    from analysis.report.validate import TEST_SPLIT, fresh_stance_agreement, stance_pool

    table, units = fresh_stance_agreement(TEST_SET, seed=config.SEED)
    t = table.set_index(["method", "split"])
    assert set(table["split"]) == {TEST_SPLIT}  # one section (whole volumes): no per-section rows
    acc, kappa = TEST_FLOOR
    assert t.loc[("mention_stance", "test"), "accuracy"] >= acc
    assert t.loc[("mention_stance", "test"), "kappa"] >= kappa
    assert t.loc[("mention_stance", "test"), "accuracy"] > t.loc[("sentence_vader", "test"), "accuracy"]
    assert t.loc[("coders", "test"), "n"] == 200
    # the label counts add up: what a reader needs to see that "neutral" carries the accuracy
    agreed = units[units["gold"] != ""]
    for method in ("mention_stance", "sentence_vader", "all_neutral"):
        r = t.loc[(method, "test")]
        assert r["n_negative"] == (agreed["gold"] == "negative").sum()
        assert r["n_positive"] == (agreed["gold"] == "positive").sum()
        assert r["found_negative"] <= r["n_negative"] and r["found_positive"] <= r["n_positive"]
        assert r["non_neutral_right"] == r["found_negative"] + r["found_positive"] <= r["non_neutral"]
    assert t.loc[("all_neutral", "test"), "non_neutral"] == 0
    pool = stance_pool(STANCE_SET)
    assert not set(pool["mention_id"]) & set(units["mention_id"])
    assert set(pool["set"]) == {"statements", "volumes", "volumes-2", "statements-synthetic"} and \
        (pool["gold"] != "").all()


def test_stance_statements_test_set_is_never_fitted_on_and_keeps_its_floor():
    from analysis.report.validate import fresh_stance_agreement, is_test_split, stance_pool

    table, units = fresh_stance_agreement(STATEMENTS_TEST_SET, seed=config.SEED)
    t = table.set_index(["method", "split"])
    sections = ["evaluation", "objectives", "policies", "relations"]
    assert set(table["split"]) == {"test_statements"} | {f"test_statements/{x}" for x in sections}
    assert is_test_split("test_statements")
    parts = table[table["split"].str.contains("/") & (table["method"] == "mention_stance")]
    assert parts["n"].sum() == t.loc[("mention_stance", "test_statements"), "n"]  # the sections partition the units
    acc, kappa = STATEMENTS_TEST_FLOOR
    assert t.loc[("mention_stance", "test_statements"), "accuracy"] >= acc
    assert t.loc[("mention_stance", "test_statements"), "kappa"] >= kappa
    assert t.loc[("mention_stance", "test_statements"), "accuracy"] > \
        t.loc[("sentence_vader", "test_statements"), "accuracy"]
    assert t.loc[("coders", "test_statements"), "n"] == 240
    assert units["section"].isin(sections).all()
    pool = stance_pool(STANCE_SET)
    assert not set(pool["mention_id"]) & set(units["mention_id"])
    first = pool[pool["set"] == FRESH_STATEMENTS_SET.name]  # the first set: fitted on, no sentence shared
    assert len(first) == 224 and not set(zip(first["doc_id"], first["marked"])) & \
        set(zip(units["doc_id"], units["marked"]))


def test_stance_first_statements_set_is_fitted_on_and_keeps_its_floor():
    from analysis.report.validate import fresh_stance_agreement, is_test_split

    table, _ = fresh_stance_agreement(FRESH_STATEMENTS_SET, seed=config.SEED)
    t = table.set_index(["method", "split"])
    assert not is_test_split("fresh_statements")
    acc, kappa = FRESH_STATEMENTS_FLOOR
    assert t.loc[("mention_stance", "fresh_statements"), "accuracy"] >= acc
    assert t.loc[("mention_stance", "fresh_statements"), "kappa"] >= kappa


def test_stance_second_volume_set_is_fitted_on_and_keeps_its_floor():
    from analysis.report.validate import fresh_stance_agreement

    t = fresh_stance_agreement(FRESH2_SET, seed=config.SEED)[0].set_index(["method", "split"])
    acc, kappa = FRESH2_FLOOR
    assert t.loc[("mention_stance", "fresh2"), "accuracy"] >= acc
    assert t.loc[("mention_stance", "fresh2"), "kappa"] >= kappa


@pytest.mark.slow
def test_stance_shipped_parameters_are_the_fit_on_the_pool():
    # the constants of analysis.measures.stance are what fit_stance chooses on
    # every coded mention but the test set's: refitting reproduces them
    from analysis.measures.stance import STANCE_THRESHOLD, VADER_WEIGHTS
    from analysis.report.validate import fit_stance, pool_scores, stance_pool

    pool = stance_pool(STANCE_SET)
    assert fit_stance(pool_scores(pool), pool["gold"]) == (VADER_WEIGHTS, STANCE_THRESHOLD)


def test_fit_stance_picks_the_weights_that_read_the_coders_labels():
    from analysis.report.validate import VADER_WEIGHT_GRID, fit_stance

    gold = ["neutral", "negative", "positive", "neutral"]
    # the fourth unit needs a threshold above 0.15; the second then reads negative
    # only with negative VADER words at half weight or more
    scores = {w: np.array([0.0, -0.5 * w[1], 0.6, -0.15]) for w in VADER_WEIGHT_GRID}
    assert fit_stance(scores, gold) == ((0.0, 0.5), 0.18)  # the first such pair, in grid order


@pytest.mark.slow
def test_stance_set_held_out_whole_is_scored_without_a_refit(tmp_path):
    # a user's set whose every statement is split `test`: nothing is fitted on it,
    # so it gets its agreement rows and no leave-one-out row (not a row of zeros)
    from analysis.report.validate import stance_agreement

    for f in STANCE_SET.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    split = pd.read_csv(tmp_path / "split.csv").assign(split="test")
    split.to_csv(tmp_path / "split.csv", index=False)
    table, _ = stance_agreement(tmp_path, CODED, seed=config.SEED)
    assert "lodo" not in set(table["split"])
    t = table.set_index(["method", "split"])
    assert t.loc[("mention_stance", "all"), "accuracy"] > t.loc[("all_neutral", "all"), "accuracy"]


def _coding(folder, objectives, verdicts=None):
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"document": "d", "objectives": [{"id": i, "text": t} for i, t in objectives]}
    if verdicts is not None:
        doc["assessments"] = {i: {"verdict": v} for i, v in verdicts.items()}
    (folder / "d.json").write_text(json.dumps(doc), encoding="utf-8")


def test_second_coder_agreement_compares_the_verdicts_of_matched_objectives(tmp_path):
    from analysis.report.validate import second_coder_agreement

    _coding(tmp_path / "a", [("1", "to expand trade with the west"), ("2", "to obtain strategic tin"),
                             ("3", "to maintain a friendly government")],
            {"1": "slow", "2": "achieved", "3": "not_assessed"})
    # coder B splits nothing, misses aim 3, and grades aim 2 one step lower
    _coding(tmp_path / "b", [("x", "to expand trade with the west"), ("y", "to obtain strategic tin")],
            {"x": "slow", "y": "partial"})
    t = second_coder_agreement(tmp_path / "a", tmp_path / "b").set_index("document")
    assert t.loc["TOTAL", "found"] == 2 and t.loc["TOTAL", "recall"] == pytest.approx(2 / 3)
    assert t.loc["TOTAL", "verdicts_compared"] == 2 and t.loc["TOTAL", "verdicts_agree"] == 0.5
    assert t.loc["TOTAL", "kappa"] < 1


def test_second_coder_agreement_of_objectives_alone_has_no_verdict_figures(tmp_path):
    from analysis.report.validate import second_coder_agreement

    _coding(tmp_path / "a", [("1", "to expand trade")])
    _coding(tmp_path / "b", [("x", "to expand trade")], {"x": "slow"})
    t = second_coder_agreement(tmp_path / "a", tmp_path / "b").set_index("document")
    assert t.loc["d", "recall"] == 1.0 and t.loc["d", "verdicts_compared"] == 0
    assert np.isnan(t.loc["TOTAL", "verdicts_agree"])
    (tmp_path / "b" / "d.json").unlink()
    with pytest.raises(ValueError, match="second coder's folder .* has no d.json"):
        second_coder_agreement(tmp_path / "a", tmp_path / "b")
