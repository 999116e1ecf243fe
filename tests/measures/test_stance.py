"""Tests of analysis.measures.stance: tone toward each mentioned country, and its aggregate."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.measures.countries import find_mentions
from analysis.measures.sentiment import score_sentences
from analysis.measures.stance import (COUNTRY_COLUMNS, MENTION_STANCE_COLUMNS, build_tables, clauses,
                             cluster_bootstrap, country_stance, mention_stance, score_mentions)

#: Planted sentences: one paragraph each, read as the loader would give them.
PLANTED = pd.DataFrame({"doc_id": "d", "sentence_id": range(6), "paragraph": [1, 2, 3, 4, 5, 5],
                        "section": "relations", "editorial": [False] * 5 + [True], "text": [
    "Despite some pro-German sentiment, Peru cooperated fully with us.",
    "Peru has not been cooperative.",
    "Relations with Chile are strained, but Peru has been very helpful.",
    "Although relations with Brazil remain cordial, Argentina is hostile.",
    "Peruvian diplomatic support of US opposition to Soviet Russia has been outstanding.",
    "[Here follows a review of Peru's relations with Chile.]"]})


def _stances(tables_row: int) -> dict:
    ms = score_mentions(find_mentions(PLANTED), PLANTED)
    got = ms[ms.sentence_id == tables_row]
    return dict(zip(got.iso2, zip(got.label, got.stance)))


def test_stance_despite_clause_is_not_praise_of_its_country():
    got = _stances(0)
    assert got["DE"][0] != "positive"
    assert got["PE"][0] == "positive"


def test_stance_negation_flips_the_cue():
    assert _stances(1)["PE"][0] == "negative"
    text = "Peru has been cooperative."
    assert mention_stance(text, [(0, 4)])[0]["stance"] > 0


def test_stance_two_countries_in_one_sentence_get_different_stance():
    got = _stances(2)
    assert got["CL"][0] == "negative" and got["PE"][0] == "positive"
    got = _stances(3)
    assert got["AR"][0] == "negative" and got["BR"][0] != "negative"


def test_stance_predicate_goes_to_the_subject_not_the_nearest_country():
    got = _stances(4)
    assert got["PE"][0] == "positive"
    assert got["SU"][0] == "neutral"


def test_stance_editorial_rows_keep_their_mentions_without_stance():
    ms = score_mentions(find_mentions(PLANTED), PLANTED)
    ed = ms[ms.sentence_id == 5]
    assert len(ed) == 2 and ed["editorial"].all()
    assert ed["stance"].isna().all() and (ed["label"] == "").all()


def test_score_mentions_has_one_row_per_mention_in_order():
    m = find_mentions(PLANTED)
    ms = score_mentions(m, PLANTED)
    assert list(ms.columns) == MENTION_STANCE_COLUMNS
    assert ms[["doc_id", "sentence_id", "iso2", "start", "end"]].values.tolist() == \
        m[["doc_id", "sentence_id", "iso2", "start", "end"]].values.tolist()
    kept = ms[~ms.editorial]
    assert kept["stance"].between(-1, 1).all()
    # the window is a span of the sentence holding the mention
    texts = dict(zip(PLANTED.sentence_id, PLANTED.text))
    for r in kept.itertuples():
        assert texts[r.sentence_id][r.window_start:r.window_end] == r.window
        assert r.window_start <= r.start and r.end <= r.window_end


def test_score_mentions_rejects_a_mentions_table_without_spans():
    with pytest.raises(ValueError, match="mentions table lacks columns"):
        score_mentions(pd.DataFrame({"doc_id": ["d"], "iso2": ["PE"]}), PLANTED)


def test_clauses_cut_at_contrast_and_concession_not_parenthetical_however():
    t = "There is no evidence, however, of Argentine intervention in Peruvian politics."
    assert len(clauses(t)) == 1
    t = "Although Brazil is cordial, Argentina is hostile; Chile waits."
    assert [k for _, _, k in clauses(t)] == ["concession", "main", "main"]


def test_cluster_bootstrap_resamples_clusters_not_values():
    # two clusters of ten identical values: the interval spans the two cluster means,
    # a bootstrap of 20 independent values would be far narrower
    values = [1.0] * 10 + [0.0] * 10
    mean, lo, hi, k = cluster_bootstrap(values, ["a"] * 10 + ["b"] * 10, seed=1)
    assert k == 2 and mean == 0.5
    assert lo <= 0.0 + 1e-12 and hi >= 1.0 - 1e-12
    assert cluster_bootstrap([0.3, 0.5], ["a", "a"], seed=1)[1:3] == (0.4, 0.4)


def test_country_stance_flags_small_groups_without_interval():
    ms = score_mentions(find_mentions(PLANTED), PLANTED)
    t = country_stance(ms, score_sentences(PLANTED), PLANTED, seed=0)
    assert list(t.columns) == COUNTRY_COLUMNS
    pe = t.set_index("iso2").loc["PE"]
    # editorial sentence 5 is left out: Peru in sentences 0, 1, 2, 4
    assert pe.n_mentions == 4 and pe.n_sentences == 4 and bool(pe.small)
    assert np.isnan(pe.stance_low) and np.isnan(pe.compound_high)
    assert pe.n_positive + pe.n_neutral + pe.n_negative == pe.n_mentions


def test_country_stance_interval_for_five_mentions_resamples_paragraphs():
    s = pd.DataFrame({"doc_id": "d", "sentence_id": range(6), "paragraph": [1, 1, 1, 2, 2, 3],
                      "text": ["Peru is friendly."] * 3 + ["Peru is hostile."] * 2 + ["Peru exports."]})
    ms = score_mentions(find_mentions(s), s)
    t = country_stance(ms, score_sentences(s), s, seed=0).iloc[0]
    assert t.n_mentions == 6 and t.n_paragraphs == 3 and not t.small
    assert t.stance_low < t.stance_mean < t.stance_high
    again = country_stance(ms, score_sentences(s), s, seed=0).iloc[0]
    assert again.stance_low == t.stance_low  # seeded


def test_stance_build_tables_needs_the_earlier_steps():
    from analysis.contracts import ContractError
    from analysis.pipeline import run_steps

    with pytest.raises(ContractError, match="step 'stance' needs the table 'mentions' "
                                            r"\(written by step 'countries'\)"):
        run_steps({"sentences": PLANTED, "sentiment": score_sentences(PLANTED)}, seed=0,
                  steps=["stance"])


def test_stance_step_runs_after_countries_and_sentiment():
    from analysis.pipeline import STEPS

    order = [m.CONTRACT.step for m in STEPS]
    assert order.index("stance") > order.index("sentiment") > order.index("countries")


def test_stance_on_seed_does_not_praise_germany_or_the_soviet_union(seed_all_tables):
    ms = seed_all_tables["mention_sentiment"]
    assert len(ms) == len(seed_all_tables["mentions"])
    de = ms[ms.iso2 == "DE"]
    assert (de.label != "positive").all()
    cs = seed_all_tables["country_sentiment"]
    assert set(cs.iso2) == set(ms.iso2)
    assert (cs.small == (cs.n_mentions < 5)).all()


@pytest.mark.parametrize("text,iso2,expected", [
    ("Anti-American agitation by students continued.", "US", "negative"),
    ("The Soviet-dominated Rumanian Government persecutes the churches.", "RO", "negative"),
    ("The Soviet-dominated Rumanian Government persecutes the churches.", "SU", "negative"),
    ("Colombia's relations with her neighbors are generally friendly.", "CO", "positive"),
    ("The United States seeks to help Chile.", "US", "neutral"),
])
def test_stance_codebook_cases(text, iso2, expected):
    s = pd.DataFrame({"doc_id": "d", "sentence_id": [0], "text": [text]})
    ms = score_mentions(find_mentions(s), s)
    assert ms.set_index("iso2").loc[iso2, "label"] == expected
