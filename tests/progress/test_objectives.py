"""Tests of analysis/objectives.py (with alignment.py and assess.py)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.alignment import align, topic_phrase
from analysis.assess import ASSESSMENT_COLUMNS
from analysis.progress import build_tables, explain
from analysis.progress.objectives import extract_objectives, split_aims

SEED_DOC = "frus1951v02-peru"


def _doc(objectives, evaluation, doc_id="t"):
    """A sentences table: objectives sentences, then evaluation paragraphs."""
    rows, sid = [], 0
    for t in objectives:
        rows.append({"doc_id": doc_id, "sentence_id": sid, "section": "objectives",
                     "paragraph": 1, "text": t})
        sid += 1
    for p, para in enumerate(evaluation, start=2):
        for t in para:
            rows.append({"doc_id": doc_id, "sentence_id": sid, "section": "evaluation",
                         "paragraph": p, "text": t})
            sid += 1
    return pd.DataFrame(rows)


NUMBERED = _doc(
    ["The objectives of the United States are to: (1) obtain access to the air bases, "
     "(2) assist the development of a stable economy, and (3) promote cooperation in "
     "the United Nations."],
    [["With respect to the air bases, access has been fully obtained and the bases are in use."],
     ["Economic development has made little progress.", "Inflation is severe."]])
LETTERED_LINES = _doc(
    ["The following are our objectives:", "(a) To obtain tungsten and manganese for our stockpile.",
     "(b) To encourage the growth of free trade unions."],
    [["Our efforts to encourage free trade unions have been reasonably successful."]])
THAT_CLAUSES = _doc(
    ["We particularly wish that the country might expand its exports of copper, "
     "and that its government might adopt a sound fiscal policy."],
    [["Copper exports have expanded considerably and the purchases have been successful."]])
BARE_LIST = _doc(
    ["Maintenance of friendly relations with the government and people.",
     "Participation of the country in the defense of the hemisphere."],
    [["Relations have been cordial and friendly throughout the period."]])


def test_objectives_seed_has_five_including_raw_materials(seed_all_tables):
    obj = seed_all_tables["objectives"]
    obj = obj[obj["doc_id"] == SEED_DOC]
    assert obj["objective_id"].tolist() == [1, 2, 3, 4, 5]
    assert obj["text"].str.contains("strategic raw materials").sum() == 1
    assert obj["text"].iloc[2] == ("to encourage stability in government and the growth "
                                   "of democratic political institutions")


def test_objectives_seed_spans_are_exact(seed_all_tables):
    obj = seed_all_tables["objectives"]
    sent = seed_all_tables["sentences"].set_index(["doc_id", "sentence_id"])["text"]
    for r in obj.itertuples():
        assert sent[(r.doc_id, r.sentence_id)][r.start:r.end] == r.text


def _verdict(tables, needle):
    obj = tables["objectives"]
    oid = obj.loc[(obj["doc_id"] == SEED_DOC) & obj["text"].str.contains(needle), "objective_id"]
    assert len(oid) == 1
    ass = tables["assessments"]
    return ass[(ass["doc_id"] == SEED_DOC) & (ass["objective_id"] == oid.iloc[0])].iloc[0]


def test_objectives_far_from_realization_grades_democracy_not_achieved(seed_all_tables):
    a = _verdict(seed_all_tables, "democratic political institutions")
    assert a["verdict"] == "not_achieved" and a["score"] == 0.0
    assert "far from realization" in a["evidence"]


def test_objectives_slow_progress_grades_economic_development_slow(seed_all_tables):
    a = _verdict(seed_all_tables, "economic development")
    assert a["verdict"] == "slow"
    assert "slow progress" in a["evidence"]


def test_objectives_raw_materials_not_assessed(seed_all_tables):
    a = _verdict(seed_all_tables, "strategic raw materials")
    assert a["verdict"] == "not_assessed"
    assert pd.isna(a["score"]) and a["evidence"] in ("", None) or pd.isna(a["evidence"])


def test_objectives_support_achieved(seed_all_tables):
    assert _verdict(seed_all_tables, "support for our objectives")["verdict"] == "achieved"


def test_objectives_numbered_enumeration_in_one_sentence():
    obj = extract_objectives(NUMBERED)
    assert obj["text"].tolist() == ["obtain access to the air bases",
                                    "assist the development of a stable economy",
                                    "promote cooperation in the United Nations"]
    assert obj["sentence_id"].tolist() == [0, 0, 0]


def test_objectives_numbered_enumeration_verdicts():
    out = build_tables({"sentences": NUMBERED}, seed=0)
    v = dict(zip(out["assessments"]["objective_id"], out["assessments"]["verdict"]))
    assert v[1] == "achieved"
    assert v[2] == "not_achieved"
    assert v[3] == "not_assessed"


def test_objectives_lettered_lines_skip_the_preamble():
    obj = extract_objectives(LETTERED_LINES)
    assert obj["text"].tolist() == ["To obtain tungsten and manganese for our stockpile",
                                    "To encourage the growth of free trade unions"]
    assert obj["sentence_id"].tolist() == [1, 2]


def test_objectives_lettered_lines_verdicts():
    v = build_tables({"sentences": LETTERED_LINES}, seed=0)["assessments"]["verdict"].tolist()
    assert v == ["not_assessed", "partial"]


def test_objectives_that_clauses_split():
    obj = extract_objectives(THAT_CLAUSES)
    assert obj["text"].tolist() == ["that the country might expand its exports of copper",
                                    "that its government might adopt a sound fiscal policy"]


def test_objectives_bare_list_without_aim_verbs():
    obj = extract_objectives(BARE_LIST)
    assert len(obj) == 2
    v = build_tables({"sentences": BARE_LIST}, seed=0)["assessments"]["verdict"].tolist()
    assert v[0] == "achieved"


def test_objectives_conjoined_nouns_stay_one_aim():
    s = "We seek to encourage stability in government and the growth of political parties."
    assert len(split_aims(s)) == 1


def test_objectives_infinitives_joined_by_and_split():
    s = "We seek to retain its cooperation in defense; to persuade it to keep its institutions; and to help it develop."
    assert len(split_aims(s)) == 3


def test_objectives_background_sentence_is_not_an_aim():
    assert split_aims("The country is a major producer of petroleum and copper.") == []


def test_objectives_every_objective_gets_an_assessment():
    for doc in (NUMBERED, LETTERED_LINES, THAT_CLAUSES, BARE_LIST):
        out = build_tables({"sentences": doc}, seed=0)
        assert len(out["assessments"]) == len(out["objectives"])
        assert list(out["assessments"].columns) == ASSESSMENT_COLUMNS


def test_objectives_not_assessed_has_empty_score_and_graded_have_scale_values():
    a = build_tables({"sentences": NUMBERED}, seed=0)["assessments"]
    scale = {"achieved": 1.0, "partial": 2 / 3, "slow": 1 / 3, "not_achieved": 0.0}
    for r in a.itertuples():
        if r.verdict == "not_assessed":
            assert pd.isna(r.score)
        else:
            assert r.score == pytest.approx(scale[r.verdict], abs=1e-3)
        assert 0.0 <= r.confidence <= 1.0


def test_objectives_same_input_same_output_and_input_untouched():
    before = NUMBERED.copy()
    a = build_tables({"sentences": NUMBERED}, seed=1)
    b = build_tables({"sentences": NUMBERED}, seed=2)
    for k in a:
        pd.testing.assert_frame_equal(a[k], b[k])
    pd.testing.assert_frame_equal(NUMBERED, before)


def test_objectives_document_without_evaluation_is_all_not_assessed():
    doc = _doc(["We seek to obtain copper and to expand trade with the country."], [])
    a = build_tables({"sentences": doc}, seed=0)["assessments"]
    assert a["verdict"].tolist() == ["not_assessed", "not_assessed"]


def test_alignment_crossref_beats_lexical_noise():
    al = align(extract_objectives(NUMBERED), NUMBERED)
    first = al[al["sentence_id"] == 1]
    assert first["objective_id"].tolist() == [1] and first["via"].tolist() == ["crossref"]


def test_alignment_paragraph_context_reaches_unnamed_sentences():
    al = align(extract_objectives(NUMBERED), NUMBERED)
    inflation = al[al["sentence_id"] == 3]
    assert inflation["objective_id"].tolist() == [2] and inflation["via"].tolist() == ["paragraph"]


def test_alignment_topic_phrase_forms():
    assert topic_phrase("In regard to our objective of X, all is well.") == "our objective of X"
    assert topic_phrase("With respect to trade, the results are poor.") == "trade"
    assert topic_phrase("The results are poor.") is None


def test_explain_shows_objective_sentences_and_cues():
    t = {"sentences": NUMBERED}
    t.update(build_tables(t, seed=0))
    text = explain("t", 2, t)
    assert "assist the development of a stable economy" in text
    assert "not_achieved" in text and "little progress" in text


def test_explain_unknown_objective_says_what_exists():
    t = {"sentences": NUMBERED}
    t.update(build_tables(t, seed=0))
    with pytest.raises(KeyError, match=r"no objective 9 in document 't'; known objectives: \[1, 2, 3\]"):
        explain("t", 9, t)


def test_explain_reads_a_build_folder(tmp_path):
    from analysis.pipeline import write_all
    t = {"sentences": NUMBERED}
    t.update(build_tables(t, seed=0))
    write_all(t, tmp_path)
    assert "objective 1" in explain("t", 1, tmp_path)


def test_extract_objectives_needs_sentence_columns():
    with pytest.raises(ValueError, match="lacks columns"):
        extract_objectives(pd.DataFrame({"doc_id": ["d"]}))


def test_alignment_verdict_words_are_not_topic_words():
    from analysis.alignment import analyze
    assert analyze("the achievement of world peace") == analyze("world peace")
    assert analyze("they have been successful in attaining it") == []


MILITARY = _doc(
    ["Our objectives are the security of the hemisphere, and the growth of cultural exchange."],
    [["The army, air and naval missions have achieved a modicum of success in training the armed forces.",
      "The high cost of arms has militated against standardization."]])


def test_alignment_topic_family_reaches_a_paragraph_worded_otherwise():
    al = align(extract_objectives(MILITARY), MILITARY)
    assert set(al["objective_id"]) == {1}
    verdicts = build_tables({"sentences": MILITARY}, seed=0)["assessments"]
    assert verdicts["verdict"].tolist() == ["partial", "not_assessed"]
