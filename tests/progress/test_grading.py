"""Tests of analysis/progress/grading.py and the shipped model's verdicts.

Behaviour on planted statements: what the codebook decides whatever the
fitted coefficients (silent evaluation, recommendation only, blanket
judgement). The seed's exact verdicts are snapshots
(``test_snapshots.py``), not behaviour.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.progress import build_tables
from analysis.progress.coded import VERDICTS
from analysis.progress.grading import (ASSESSMENT_COLUMNS, OBJECTIVE_FEATURES, PROGRESS, VerdictGrader,
                                       objective_features, _platt)
from conftest import BLANKET_STATEMENT as BLANKET
from conftest import statement as _doc


RECOMMENDATION_ONLY = _doc(
    ["We seek to expand trade with the country and to encourage its fisheries industry."],
    [["Trade with the country has expanded considerably and our purchases have been successful."],
     ["We should make every effort to encourage the fisheries industry through technical missions."]])
SILENT = _doc(["We seek to obtain tin and to expand cultural exchange."],
              [["The ambassador presented his credentials in May."]])
NO_EVALUATION = _doc(["We seek to obtain copper and to expand trade with the country."], [])


def _verdicts(doc):
    out = build_tables({"sentences": doc}, seed=0)
    a = out["assessments"].merge(out["objectives"][["objective_id", "text"]], on="objective_id")
    return dict(zip(a["text"], a["verdict"])), out


def test_grading_silent_evaluation_is_not_assessed():
    v, out = _verdicts(SILENT)
    assert set(v.values()) == {"not_assessed"}
    assert (out["assessments"]["evidence_sentence_ids"] == "").all()


def test_grading_no_evaluation_section_is_not_assessed():
    v, _ = _verdicts(NO_EVALUATION)
    assert list(v.values()) == ["not_assessed", "not_assessed"]


def test_grading_recommendation_only_aim_is_not_assessed():
    v, _ = _verdicts(RECOMMENDATION_ONLY)
    assert v["to encourage its fisheries industry"] == "not_assessed"
    assert v["to expand trade with the country"] != "not_assessed"


def test_grading_blanket_judgement_covers_the_long_range_aims():
    v, out = _verdicts(BLANKET)
    assert v["the restoration of its independence"] == "not_achieved"
    assert v["the establishment of free elections"] == "not_achieved"
    assert v["to protect American property"] == "not_assessed"
    blanket_id = "2"
    ev = dict(zip(out["assessments"]["objective_id"], out["assessments"]["evidence_sentence_ids"]))
    assert ev[1] == blanket_id and ev[2] == blanket_id


def test_grading_every_objective_gets_one_row_with_scale_values():
    for doc in (BLANKET, RECOMMENDATION_ONLY, SILENT, NO_EVALUATION):
        out = build_tables({"sentences": doc}, seed=0)
        a = out["assessments"]
        assert list(a.columns) == ASSESSMENT_COLUMNS
        assert len(a) == len(out["objectives"])
        assert a["verdict"].isin(VERDICTS).all()
        assert ((a["confidence"] >= 0) & (a["confidence"] <= 1)).all()
        for r in a.itertuples():
            if r.verdict == "not_assessed":
                assert pd.isna(r.score)
            else:
                assert r.score == pytest.approx(PROGRESS[r.verdict], abs=1e-3)


def test_grading_same_input_same_output_and_input_untouched():
    before = BLANKET.copy()
    a = build_tables({"sentences": BLANKET}, seed=1)
    b = build_tables({"sentences": BLANKET}, seed=2)
    for k in a:
        pd.testing.assert_frame_equal(a[k], b[k])
    pd.testing.assert_frame_equal(BLANKET, before)


def test_grading_features_read_cues_of_the_evidence_only():
    s = _doc(["We seek to expand trade."], [["Progress has been slow.", "The program failed."]])
    o = pd.DataFrame({"doc_id": ["t"], "objective_id": [1], "text": ["to expand trade"]})
    p = pd.DataFrame({"doc_id": ["t", "t"], "objective_id": [1, 1], "sentence_id": [1, 2]})
    f = objective_features(o, p, [0.9, 0.9], [True, False], s).iloc[0]
    assert f["cue_slow"] > 0 and f["cue_not_achieved"] == 0
    assert f["rule_slow"] == 1.0 and f["judged"] == 1.0
    assert f["doc_not_achieved"] > 0  # the whole evaluation is read for the document's tone


def _planted(n_docs=5, per=12, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(np.zeros((n_docs * per, len(OBJECTIVE_FEATURES))), columns=OBJECTIVE_FEATURES)
    y = rng.choice(["achieved", "partial", "not_achieved", "not_assessed"], size=len(X))
    for i, v in enumerate(y):
        if v == "not_assessed":
            X.loc[i, "max_p"] = rng.uniform(0, 0.2)
            continue
        X.loc[i, ["max_p", "mass", "judged"]] = [rng.uniform(0.6, 1), 1.0, 1.0]
        X.loc[i, "rule_" + v] = 1.0
        X.loc[i, "cue_" + v] = rng.uniform(0.5, 1.5)
    return X, y, np.repeat([f"d{i}" for i in range(n_docs)], per)


def test_grading_grader_learns_planted_verdicts_and_is_calibrated():
    X, y, g = _planted()
    grader = VerdictGrader().fit(X, y, groups=g)
    assert (grader.predict(X) == y).mean() == 1.0
    P = grader.predict_proba(X)
    assert np.allclose(P.sum(axis=1), 1.0)
    assert 0 <= grader.threshold_ < 1 and grader.temperature_ > 0
    assert (grader.confidence(X) >= 0.5).all()


def test_grading_grader_learns_when_coders_read_the_evidence_otherwise_than_the_lexicon():
    # coders call "partial" what the lexicon reads as success: the grader
    # must learn that mapping (stage 2), not keep the lexicon's reading
    X, y, g = _planted()
    y = np.where(y == "achieved", "partial", y)
    grader = VerdictGrader().fit(X, y, groups=g)
    assert not grader.lexicon_first_
    success = (X["rule_achieved"] == 1).to_numpy()
    assert success.any() and (grader.predict(X[success]) == "partial").all()


def test_grading_grader_learns_to_drop_readings_of_faint_cues():
    # aims whose evidence carries only a faint success sign (cue mass 0.03)
    # are coded "partial": the grader learns a least cue mass, and drops
    # the lexicon's reading for them while keeping it for plain ones
    X, y, g = _planted(n_docs=6)
    faint = np.flatnonzero(y == "achieved")[::2]
    X.loc[faint, "cue_achieved"] = 0.03
    y = y.copy()
    y[faint] = "partial"
    grader = VerdictGrader().fit(X, y, groups=g)
    assert grader.min_cue_mass_ > 0.03
    pred = grader.predict(X)
    assert (pred[faint] == "partial").all()
    plain = np.flatnonzero(X["cue_achieved"].to_numpy() >= 0.5)
    assert plain.size and (pred[plain] == "achieved").all()
    # the same coding without faint aims keeps every reading
    X2, y2, g2 = _planted(n_docs=6)
    assert VerdictGrader().fit(X2, y2, groups=g2).min_cue_mass_ == 0.0


def test_grading_grader_confidence_follows_held_out_accuracy():
    # half the "achieved" readings are coded "partial": a verdict then is
    # right about half the time, and its confidence must say so
    X, y, g = _planted(per=12)
    flip = (y == "achieved") & (np.arange(len(y)) % 2 == 0)
    y = np.where(flip, "partial", y)
    grader = VerdictGrader().fit(X, y, groups=g)
    pred = grader.predict(X)
    conf = grader.confidence(X)
    mixed = (X["rule_achieved"] == 1).to_numpy()
    clean = (X["rule_not_achieved"] == 1).to_numpy()
    assert conf[mixed].mean() < conf[clean].mean()
    assert abs(conf[mixed].mean() - (pred[mixed] == y[mixed]).mean()) < 0.25


def test_grading_grader_rejects_unknown_verdicts_and_bad_parameters():
    X, y, g = _planted()
    with pytest.raises(ValueError, match="unknown verdicts"):
        VerdictGrader().fit(X, np.where(y == "partial", "great", y), groups=g)
    with pytest.raises(ValueError, match="Cs must be positive"):
        VerdictGrader(Cs=(0,)).fit(X, y, groups=g)


def test_grading_contributions_explain_the_stages():
    X, y, g = _planted()
    grader = VerdictGrader().fit(X, y, groups=g)
    pulls = grader.contributions(X.iloc[0])
    assert set(pulls) == {"assessed", "grade"}
    assert "max_p" in pulls["assessed"].columns and "rule_achieved" in pulls["grade"].columns


def test_grading_confidence_falls_back_to_held_out_accuracy_when_nothing_predicts_correctness():
    # right or wrong at random, whatever the probability and the verdict:
    # a curve over them would promise what it cannot keep on a new document
    rng = np.random.default_rng(3)
    raw = rng.uniform(0.2, 0.9, 120)
    pred = rng.choice(["achieved", "partial", "not_achieved"], 120)
    ok = rng.random(120) < 0.4
    c = _platt(raw, pred, ok, groups=np.repeat(np.arange(10), 12))
    assert c["slope"] == 0 and all(c[v] == 0 for v in VERDICTS)
    assert abs(1 / (1 + np.exp(-c["intercept"])) - ok.mean()) < 0.02


def test_grading_explicit_verdict_on_a_named_aim_is_not_mixed_by_weaker_signs():
    # "As regards X, this objective is far from realization" beside two
    # sentences with faint praise: the aim's reading is the explicit verdict
    s = pd.DataFrame({"doc_id": ["d"] * 4, "sentence_id": [0, 1, 2, 3],
                      "section": ["objectives"] + ["evaluation"] * 3,
                      "text": ["We seek to encourage stable government.",
                               "As regards stable government, this objective is far from realization.",
                               "Relations remain friendly.", "Officials are friendly and helpful."]})
    o = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "text": ["to encourage stable government"]})
    p = pd.DataFrame({"doc_id": ["d"] * 3, "objective_id": [1] * 3, "sentence_id": [1, 2, 3],
                      "crossref": [1.0, 0.0, 0.0]})
    f = objective_features(o, p, [0.7, 0.6, 0.6], [True] * 3, s)
    assert f.loc[0, "rule_not_achieved"] == 1.0
    without = objective_features(o, p.drop(columns="crossref"), [0.7, 0.6, 0.6], [True] * 3, s)
    assert without.loc[0, "rule_not_achieved"] == 0.0  # mixed without the rule
