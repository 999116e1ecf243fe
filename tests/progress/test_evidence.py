"""Tests of analysis/progress/evidence.py: which sentences judge which aim."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.progress.evidence import (ALIGNMENT_COLUMNS, PAIR_FEATURES, EvidenceRanker, blanket_horizon,
                                        evaluation_sentences, evidence_f1, pair_features, select_evidence)
from analysis.progress.objectives import extract_objectives
from analysis.progress.similarity import analyze, topic_phrase
from conftest import BLANKET_STATEMENT as BLANKET
from conftest import statement as _doc

#: A blanket sentence that names no aims ("all of the problems"): it counts
#: for the aim another sentence judges, not for the aim nothing else touches.
VAGUE = _doc(
    ["The objectives of US policy toward the country are the expansion of trade and the protection of "
     "the legation staff."],
    [["Trade with the country has declined sharply."],
     ["Virtually all of the problems of our relations with the country remain unresolved."]])


NUMBERED = _doc(
    ["The objectives of the United States are to: (1) obtain access to the air bases, "
     "(2) assist the development of a stable economy, and (3) promote cooperation in the United Nations."],
    [["With respect to the air bases, access has been fully obtained and the bases are in use."],
     ["Economic development has made little progress.", "Inflation is severe."]])
EDITORIAL = _doc(["We seek to expand trade."],
                 [["[Here follows a section on trade.]", ". . . . . . .", "Trade has expanded."]])


def test_evidence_pairs_cover_every_objective_and_evaluation_sentence():
    pairs = pair_features(extract_objectives(NUMBERED), NUMBERED)
    assert len(pairs) == 3 * 3
    assert list(pairs.columns) == ["doc_id", "objective_id", "sentence_id"] + PAIR_FEATURES + ["via", "vague_blanket"]
    assert np.isfinite(pairs[PAIR_FEATURES].to_numpy(dtype=float)).all()


def test_evidence_crossref_names_the_aim_it_judges():
    pairs = pair_features(extract_objectives(NUMBERED), NUMBERED).set_index(["objective_id", "sentence_id"])
    assert pairs.loc[(1, 1), "crossref"] == 1.0 and pairs.loc[(1, 1), "via"] == "crossref"
    assert pairs.loc[(2, 1), "crossref"] < 1.0


def test_evidence_paragraph_lends_its_topic_to_unnamed_sentences():
    pairs = pair_features(extract_objectives(NUMBERED), NUMBERED).set_index(["objective_id", "sentence_id"])
    # "Inflation is severe." names no aim, but its paragraph is about economic development.
    assert pairs.loc[(2, 3), "para_cos"] > pairs.loc[(1, 3), "para_cos"]


def test_evidence_blanket_judgement_covers_the_named_group_only():
    obj = extract_objectives(BLANKET)
    pairs = pair_features(obj, BLANKET)
    blanket = pairs[pairs["sentence_id"] == 2].set_index("objective_id")["blanket_cue"]
    horizon = obj.set_index("objective_id")["horizon"]
    assert set(blanket[blanket > 0].index) == set(horizon[horizon == "long_range"].index)
    keep = select_evidence(pairs, np.zeros(len(pairs)), threshold=0.5, relative=0.0)
    kept = pairs[keep]
    assert set(kept["sentence_id"]) == {2}
    assert set(kept["objective_id"]) == set(horizon[horizon == "long_range"].index)


def test_evidence_vague_blanket_counts_only_beside_other_evidence():
    obj = extract_objectives(VAGUE)
    assert len(obj) == 2
    pairs = pair_features(obj, VAGUE)
    assert set(pairs.loc[pairs["vague_blanket"] > 0, "sentence_id"]) == {2}
    trade = int(obj.loc[obj["text"].str.contains("trade"), "objective_id"].iloc[0])
    proba = np.where((pairs["sentence_id"] == 1) & (pairs["objective_id"] == trade), 0.9, 0.0)
    kept = pairs[select_evidence(pairs, proba, threshold=0.5, relative=0.0)]
    assert set(zip(kept["objective_id"], kept["sentence_id"])) == {(trade, 1), (trade, 2)}


def test_evidence_blanket_horizon_forms():
    assert blanket_horizon("Our immediate objectives have largely been met.") == "immediate"
    assert blanket_horizon("The ultimate aims of our policy are far from realization.") == "long_range"
    assert blanket_horizon("These objectives have not been attained.") == "all"
    assert blanket_horizon("The objective of trade is far off.") is None


def test_evidence_editorial_notes_are_not_candidates():
    ev = evaluation_sentences(EDITORIAL)
    assert ev["text"].tolist() == ["Trade has expanded."]


def test_evidence_no_overlap_is_never_kept():
    doc = _doc(["We seek to obtain tin."], [["The ambassador presented his credentials in May."]])
    pairs = pair_features(extract_objectives(doc), doc)
    assert not select_evidence(pairs, np.ones(len(pairs)), threshold=0.1, relative=0.0).any()


def test_evidence_select_keeps_a_prefix_of_the_ranking():
    pairs = pd.DataFrame({"doc_id": ["d"] * 5, "objective_id": [1] * 5, "sentence_id": range(5)})
    p = np.array([0.9, 0.2, 0.8, 0.5, 0.05])
    keep = select_evidence(pairs, p, threshold=0.3, relative=0.0, max_evidence=2)
    assert keep.tolist() == [True, False, True, False, False]


def test_evidence_f1_is_one_for_the_gold_selection():
    pairs = pd.DataFrame({"doc_id": ["d"] * 4, "objective_id": [1, 1, 2, 2]})
    y = np.array([1, 0, 0, 1])
    assert evidence_f1(pairs, y.astype(bool), y) == 1.0
    assert evidence_f1(pairs, ~y.astype(bool), y) == 0.0


def _synthetic_pairs(n_docs=4, n=30, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.random((n_docs * n, len(PAIR_FEATURES))), columns=PAIR_FEATURES)
    X.insert(0, "doc_id", np.repeat([f"d{i}" for i in range(n_docs)], n))
    X.insert(1, "objective_id", np.tile(np.repeat([1, 2, 3], n // 3), n_docs))
    X.insert(2, "sentence_id", np.tile(np.arange(n), n_docs))
    X["crossref"] = X["crossref"].round()
    X[["blanket", "blanket_cue"]] = 0.0
    return X


def test_evidence_ranker_learns_a_planted_signal_and_its_rule():
    X = _synthetic_pairs()
    y = ((X["crossref"] > 0) & (X["cos"] > 0.5)).astype(int).to_numpy()
    r = EvidenceRanker().fit(X, y)
    p = r.predict_proba(X)
    assert p[y == 1].min() > np.median(p[y == 0])
    assert 0 < r.threshold_ < 1 and 0 <= r.relative_ < 1
    keep_all = evidence_f1(X, np.ones(len(X), dtype=bool), y)
    assert r.heldout_f1_ > keep_all
    assert r.oof_proba_.shape == (len(X),)


def test_evidence_ranker_rejects_bad_parameters_and_one_class():
    X = _synthetic_pairs()
    with pytest.raises(ValueError, match="C must be a positive number"):
        EvidenceRanker(C=0).fit(X, np.r_[1, np.zeros(len(X) - 1)])
    with pytest.raises(ValueError, match="both evidence and non-evidence"):
        EvidenceRanker().fit(X, np.zeros(len(X)))


def test_evidence_ranker_alignment_table_ranks_within_objective():
    X = _synthetic_pairs()
    X["via"] = "lexical"
    y = (X["cos"] > 0.7).astype(int).to_numpy()
    al = EvidenceRanker().fit(X, y).alignment(X)
    assert list(al.columns) == ALIGNMENT_COLUMNS
    for _, g in al.groupby(["doc_id", "objective_id"]):
        assert sorted(g["rank"]) == list(range(1, len(g) + 1))
        assert g.sort_values("rank")["score"].is_monotonic_decreasing


def test_similarity_verdict_words_are_not_topic_words():
    assert analyze("the achievement of world peace") == analyze("world peace")
    assert analyze("they have been successful in attaining it") == []


def test_similarity_topic_phrase_forms():
    assert topic_phrase("In regard to our objective of X, all is well.") == "our objective of X"
    assert topic_phrase("With respect to trade, the results are poor.") == "trade"
    assert topic_phrase("The results are poor.") is None
