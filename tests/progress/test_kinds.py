"""Tests of analysis.progress.kinds: the keyword mapping of objectives to kinds."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.progress import kinds

CODED = config.DATA_DIR / "coded"
#: Floors of the measured agreement with the hand-coded kinds of data/coded
#: (measured: accuracy 0.818, kappa 0.773 on 66 objectives; docs/methods.md).
ACCURACY_FLOOR = 0.80
KAPPA_FLOOR = 0.75

PLANTED = pd.DataFrame({
    "doc_id": ["x"] * 8,
    "objective_id": list(range(1, 9)),
    "text": [
        "to strengthen the will and ability of the country to resist aggression",
        "the elimination of Communist control and the growth of free institutions",
        "to expand trade and encourage private investment",
        "an adequate supply of strategic materials, especially manganese",
        "its continued support of our position in the United Nations",
        "the settlement of the claims of American nationals",
        "to preserve the traditional friendship between the two peoples",
        "to keep the country on its present course",
    ]})
PLANTED_KINDS = ["security", "democracy", "economy", "materials", "international",
                 "bilateral", "other", "other"]


def test_kinds_objective_kinds_maps_planted_aims_to_their_kind():
    got = kinds.objective_kinds(PLANTED)
    assert got["kind"].tolist() == PLANTED_KINDS
    assert got.loc[7, "keyword"] == "" and got.loc[0, "keyword"] == "aggression"


def test_kinds_earliest_keyword_decides_and_the_others_are_listed():
    o = pd.DataFrame({"doc_id": ["x"], "objective_id": [1],
                      "text": ["hemisphere defense through collaboration in the OAS and trade"]})
    got = kinds.objective_kinds(o).iloc[0]
    assert (got["kind"], got["matched"], got["also"]) == ("security", "defense",
                                                         "economy;international")
    swapped = o.assign(text=["collaboration in the OAS, trade and hemisphere defense"])
    assert kinds.objective_kinds(swapped).iloc[0]["kind"] == "international"


def test_kinds_keywords_match_whole_words_and_glued_footnotes():
    o = pd.DataFrame({"doc_id": ["x", "x"], "objective_id": [1, 2],
                      "text": ["to end the turmoil of its politics", "hemisphere security1 [Page 3]"]})
    assert kinds.objective_kinds(o)["kind"].tolist() == ["other", "security"]


def test_kinds_objective_kinds_leaves_its_input_untouched():
    before = PLANTED.copy()
    kinds.objective_kinds(PLANTED)
    pd.testing.assert_frame_equal(PLANTED, before)


def test_kinds_rules_of_another_file_change_the_kinds(tmp_path):
    p = tmp_path / "rules.csv"
    p.write_text("kind,pattern,note\n# a comment,,\nbilateral,course,\n", encoding="utf-8")
    got = kinds.objective_kinds(PLANTED, rules=kinds.load_kind_rules(p))
    assert got["kind"].tolist() == ["other"] * 7 + ["bilateral"]


def test_kinds_unknown_kind_in_a_rules_file_is_named(tmp_path):
    p = tmp_path / "rules.csv"
    p.write_text("kind,pattern,note\nnavy,fleet,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="navy"):
        kinds.load_kind_rules(p)


def test_kinds_shipped_rules_name_no_country():
    import pycountry
    from analysis.measures.countries import load_aliases

    names = {str(n).lower() for n in load_aliases()["surface"]}
    names |= {c.name.lower() for c in pycountry.countries}
    patterns = set(kinds.load_kind_rules()["pattern"].str.rstrip("*"))
    assert len(names) > 200
    # international bodies and the bloc ("Soviet control") are the genre's own words
    allowed = {"nato", "oas", "organization of american states", "un", "united nations", "soviet"}
    assert not (patterns & names) - allowed, sorted((patterns & names) - allowed)


def test_kinds_agreement_with_the_hand_coded_objectives_stays_above_its_floor():
    table = kinds.coded_agreement(CODED).set_index("split")
    dev = table.loc["development"]
    assert dev["n"] == 66 and dev["n_documents"] == 10
    assert dev["accuracy"] >= ACCURACY_FLOOR and dev["kappa"] >= KAPPA_FLOOR
    held = table.loc["leave one document out"]
    assert held["accuracy"] >= ACCURACY_FLOOR - 0.05
    assert table.loc["all other", "kappa"] == 0


def test_kinds_agreement_falls_when_the_coding_changes():
    pred = kinds.objective_kinds(PLANTED)
    coded = pred.assign(kind=PLANTED_KINDS)
    assert kinds.kind_agreement(pred, coded)["accuracy"] == 1.0
    wrong = coded.assign(kind=["other"] * 8)
    assert kinds.kind_agreement(pred, wrong)["accuracy"] == 0.25
