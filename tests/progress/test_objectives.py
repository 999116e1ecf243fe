"""Tests of analysis/progress/objectives.py: objectives for the whole genre."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.progress.objectives import OBJECTIVE_COLUMNS, extract_objectives, split_aims
from conftest import statement as _doc

SEED_DOC = "frus1951v02-peru"




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


def test_objectives_numbered_enumeration_in_one_sentence():
    obj = extract_objectives(NUMBERED)
    assert obj["text"].tolist() == ["obtain access to the air bases",
                                    "assist the development of a stable economy",
                                    "promote cooperation in the United Nations"]
    assert obj["sentence_id"].tolist() == [0, 0, 0]


def test_objectives_lettered_lines_skip_the_preamble():
    obj = extract_objectives(LETTERED_LINES)
    assert obj["text"].tolist() == ["To obtain tungsten and manganese for our stockpile",
                                    "To encourage the growth of free trade unions"]
    assert obj["sentence_id"].tolist() == [1, 2]


def test_objectives_that_clauses_split():
    obj = extract_objectives(THAT_CLAUSES)
    assert obj["text"].tolist() == ["that the country might expand its exports of copper",
                                    "that its government might adopt a sound fiscal policy"]


def test_objectives_bare_list_without_aim_verbs():
    obj = extract_objectives(BARE_LIST)
    assert len(obj) == 2


def test_objectives_conjoined_nouns_stay_one_aim():
    s = "We seek to encourage stability in government and the growth of political parties."
    assert len(split_aims(s)) == 1


def test_objectives_infinitives_joined_by_and_split():
    s = "We seek to retain its cooperation in defense; to persuade it to keep its institutions; and to help it develop."
    assert len(split_aims(s)) == 3


def test_objectives_background_sentence_is_not_an_aim():
    assert split_aims("The country is a major producer of petroleum and copper.") == []


def test_extract_objectives_needs_sentence_columns():
    with pytest.raises(ValueError, match="lacks columns"):
        extract_objectives(pd.DataFrame({"doc_id": ["d"]}))


# --- Extraction across the genre: planted aims in synthetic statements -----

#: Floors of pooled recall / precision of objective extraction on data/coded
#: (ten coded statements). Measured on the `objectives` branch: recall 66/66,
#: precision 66/66 (Latin America 18/18, 18/18; Europe 48/48, 48/48), with
#: `match_objectives` (> 50 % of a gold objective's words covered).
CODED_RECALL_FLOOR = 0.9
CODED_PRECISION_FLOOR = 0.8
#: Per region floors (a region must not hide behind the pooled figure).
CODED_REGION_RECALL_FLOOR = 0.85
CODED_REGION_PRECISION_FLOOR = 0.8
LATIN_AMERICA = ("colombia-1950", "venezuela-1950", "peru-1951")


def _texts(doc):
    return extract_objectives(doc)["text"].tolist()


def _spans(s):
    return [s[a:b] for a, b in split_aims(s)]


def test_extract_numbered_list_with_two_aims_in_one_item():
    doc = _doc(["The objectives of US policy toward the republic are: (1) to preserve its neutrality and "
                "to increase its capacity for self-defense; (2) to expand the exchange of students and "
                "teachers; and (3) to keep the port open to allied shipping."], [])
    assert _texts(doc) == ["to preserve its neutrality", "to increase its capacity for self-defense",
                           "to expand the exchange of students and teachers",
                           "to keep the port open to allied shipping"]


def test_extract_numbered_nominal_items_split_at_and_the_noun_of():
    doc = _doc(["Our immediate objectives are (1) settlement of the claims of American citizens and the "
                "return of confiscated property; (2) release of the detained consular employees."], [])
    assert _texts(doc) == ["settlement of the claims of American citizens",
                           "the return of confiscated property", "release of the detained consular employees"]


def test_extract_nominalised_list_joined_by_commas_and_and():
    s = ("Further objectives are the expansion of the fishing industry, promotion of exports to the "
         "dollar area, and maintenance of a sound currency.")
    assert _spans(s) == ["the expansion of the fishing industry", "promotion of exports to the dollar area",
                         "maintenance of a sound currency"]
    s = "The ultimate objective of U.S. policy is the withdrawal of foreign troops and the holding of free elections."
    assert _spans(s) == ["the withdrawal of foreign troops", "the holding of free elections"]


def test_extract_adjective_series_is_not_a_list_of_aims():
    s = "Our long-term objective is the emergence of a strong, prosperous, and democratic nation."
    assert _spans(s) == ["the emergence of a strong, prosperous, and democratic nation"]


def test_extract_chain_of_infinitives_keeps_in_order_to_inside():
    s = ("We seek to develop the harbor facilities in order to obtain a reliable naval base, to ensure "
         "access to the airfields, and, where feasible, to encourage the training of local pilots.")
    assert _spans(s) == ["to develop the harbor facilities in order to obtain a reliable naval base",
                         "to ensure access to the airfields", "to encourage the training of local pilots"]


def test_extract_aim_markers_of_the_genre():
    for s, aim in [
        ("It is our purpose at the same time to widen the contacts between the two peoples.",
         "to widen the contacts between the two peoples"),
        ("We look forward eventually to the entry of the kingdom into a customs union.",
         "the entry of the kingdom into a customs union"),
        ("It is considered important to reduce the influence of the party in the trade unions.",
         "to reduce the influence of the party in the trade unions"),
        ("Regardless of the outcome of the elections our hope is to keep the cultural institute open.",
         "to keep the cultural institute open"),
        ("US policy has as its principal objective the preservation of the territorial integrity of the country.",
         "the preservation of the territorial integrity of the country"),
        ("Among our more immediate objectives is the endeavor to reduce the export of strategic goods.",
         "to reduce the export of strategic goods"),
        ("Our short-term policy involves prompt settlement of the outstanding lend-lease accounts.",
         "prompt settlement of the outstanding lend-lease accounts"),
        ("The basic objective of U.S. policy must be to assure the security of the sea lanes.",
         "to assure the security of the sea lanes"),
    ]:
        assert _spans(s) == [aim], s


def test_extract_horizon_tags_and_inheritance():
    doc = _doc(["The long-range objectives of US policy are (1) the restoration of a freely elected "
                "parliament; (2) the return of the country to the community of free nations.",
                "More immediate objectives are to protect American property and to keep the legation open.",
                "We also wish to expand the information program."], [])
    doc.loc[2, "paragraph"] = 2
    doc.loc[1, "paragraph"] = 2
    obj = extract_objectives(doc)
    assert obj["horizon"].tolist() == ["long_range", "long_range", "immediate", "immediate", "immediate"]
    assert list(obj.columns) == OBJECTIVE_COLUMNS


def test_extract_horizon_from_a_framing_line_and_none_inside_the_aim():
    doc = _doc(["Our short-range objectives are as follows:", "(a) To obtain landing rights for civil aircraft.",
                "A special objective is the conclusion of a long-term treaty of commerce."], [])
    obj = extract_objectives(doc)
    assert obj["text"].tolist() == ["To obtain landing rights for civil aircraft",
                                    "the conclusion of a long-term treaty of commerce"]
    assert obj["horizon"].tolist() == ["immediate", "immediate"]
    alone = _doc(["A special objective is the conclusion of a long-term treaty of commerce."], [])
    assert extract_objectives(alone)["horizon"].tolist() == [""]


def test_extract_additional_objective_clause():
    doc = _doc(["We seek to maintain the independence of the kingdom.",
                "An additional objective is the negotiation of a base agreement and the training of the coast guard."],
               [])
    assert _texts(doc) == ["to maintain the independence of the kingdom", "the negotiation of a base agreement",
                           "the training of the coast guard"]


def test_extract_aim_noun_and_copula_around_a_phrase_in_commas():
    # a relative clause or an "in view of" phrase between the aim noun and its copula
    s = ("The objectives of the United States with respect to the republic, which derive from the "
         "long common frontier, from the volume of trade and from its mineral resources, are the "
         "maintenance of close relations; the continued cooperation of the republic in the defense "
         "of the hemisphere; and the orderly regulation of the movement of farm workers.")
    assert _spans(s) == ["the maintenance of close relations",
                         "the continued cooperation of the republic in the defense of the hemisphere",
                         "the orderly regulation of the movement of farm workers"]
    s = ("An additional objective, in view of the kingdom's position as a source of exportable rice, "
         "is to ensure that its rice continues to move to the deficit areas of the region.")
    assert _spans(s) == ["to ensure that its rice continues to move to the deficit areas of the region"]


def test_extract_together_with_joins_two_aims_and_reasons_stay_inside():
    s = ("A further objective is a peaceful settlement of the dispute over the islands, together with "
         "the maintenance of cordial relations between the two countries, since a rupture would "
         "prejudice both the foreign interests in the republic and the stability of the government itself.")
    assert _spans(s) == ["a peaceful settlement of the dispute over the islands",
                         "the maintenance of cordial relations between the two countries, since a rupture "
                         "would prejudice both the foreign interests in the republic and the stability of "
                         "the government itself"]
    s = ("Our long-range objective is to help the republic diversify its economy, through technical "
         "assistance in agriculture and the opening of its eastern lowlands, so that it may become "
         "less dependent upon mineral exports.")
    assert len(_spans(s)) == 1


def test_extract_to_this_end_and_in_pursuit_of_this_objective():
    s = ("To this end we seek the acquisition of air facilities on its territory, the strengthening "
         "of its armed forces, and the improvement of its economy, the weakness of which limits its "
         "capacity to support a defense effort.")
    assert _spans(s) == ["the acquisition of air facilities on its territory",
                         "the strengthening of its armed forces",
                         "the improvement of its economy, the weakness of which limits its capacity "
                         "to support a defense effort"]
    s = ("In the pursuit of this objective the United States will continue to extend economic aid to "
         "the republic, to contribute to the strengthening of its armed forces, and to encourage its "
         "government to improve its relations with its neighbours.")
    assert _spans(s) == ["to extend economic aid to the republic",
                         "to contribute to the strengthening of its armed forces",
                         "to encourage its government to improve its relations with its neighbours"]
    s = ("Of particular importance to the United States in this connection are the maintenance of "
         "the republic's armed forces at a level adequate for internal security, and the continued "
         "availability to the free world of its exports of jute and cotton.")
    assert len(_spans(s)) == 2 and _spans(s)[1].startswith("the continued availability")


def test_extract_reasons_parentheses_and_between_stay_inside_one_aim():
    for s in ("An additional objective is the settlement of the boundary dispute between the two "
              "republics, of which the United States is a guarantor, because the continuance of the "
              "dispute is a threat to the peace of the hemisphere.",
              "An additional objective is to prevent the disputes between the kingdom and the protected "
              "states of the Gulf from developing into a crisis.",
              "A further objective is the acceptance by the republic of a position of leadership which "
              "will be exercised in cooperation with, rather than in opposition to, the Western powers."):
        assert len(_spans(s)) == 1, _spans(s)


def test_extract_framing_sentences_and_conditions_are_not_aims():
    doc = _doc(["The ruling party is pledged to a program of world revolution.",
                "Its leaders have succeeded in presenting their aims as those of the nation.",
                "The regime strives to abolish private farming and to isolate the church.",
                "US objectives in the republic are peculiarly broad.",
                "We seek to strengthen the democratic parties.",
                "So long as the republic is prosperous, it will continue to resist subversion.",
                "Because no early change is likely, US policy includes certain limited goals.",
                "To meet this danger, the U.S. must also recognize that the army is weak."], [])
    assert _texts(doc) == ["to strengthen the democratic parties"]


def test_extract_means_stay_inside_the_span():
    s = ("We seek to raise the standard of living through the expansion of technical assistance; "
         "and by furnishing credits, to help the country modernize its railways.")
    assert _spans(s) == ["to raise the standard of living through the expansion of technical assistance",
                         "by furnishing credits, to help the country modernize its railways"]
    s = "Short-term objectives are (1) support for the morale of the people by broadcasting news, by exchanging students, and by sending books; (2) protection of American citizens."
    assert _spans(s)[0] == ("support for the morale of the people by broadcasting news, by exchanging students, "
                            "and by sending books")


def test_extract_courses_of_action_after_to_accomplish_this_objective():
    doc = _doc(["Success will depend on the degree to which the U.S. can retain the confidence of the allies.",
                "To accomplish this objective the U.S. (1) must strengthen the defenses of the region, and must "
                "expand its information program, and (2) taking steps to ensure stable currencies, promote the "
                "growth of trade."], [])
    assert _texts(doc) == ["retain the confidence of the allies", "strengthen the defenses of the region",
                           "expand its information program", "taking steps to ensure stable currencies",
                           "promote the growth of trade"]


def test_extract_spans_exact_and_input_untouched():
    doc = _doc(["The objectives of U.S. policy are: (1) to obtain bases; (2) the growth of trade.",
                "We seek to keep the port open, while at the same time allowing for trade with the east."], [])
    before = doc.copy()
    obj = extract_objectives(doc)
    pd.testing.assert_frame_equal(doc, before)
    for r in obj.itertuples():
        assert doc.loc[doc["sentence_id"] == r.sentence_id, "text"].iloc[0][r.start:r.end] == r.text
    assert obj["text"].tolist()[-2:] == ["to keep the port open", "allowing for trade with the east"]


def _coded_counts(folder: str = ""):
    """Per statement: (name, matched, gold, predicted) on data/coded (or a set inside it)."""
    import json
    import warnings

    from analysis import config
    from analysis.text.corpus import load_corpus
    from analysis.report.validate import match_objectives

    coded = config.PROJECT_ROOT / "data" / "coded" / folder
    out = []
    for path in sorted(coded.glob("*.txt")):
        gold = json.loads((coded / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))["objectives"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sentences = load_corpus([path])["sentences"]
        predicted = extract_objectives(sentences)
        out.append((path.stem, len(match_objectives(gold, predicted)), len(gold), len(predicted)))
    return out


def test_extract_recall_and_precision_on_the_coded_statements():
    counts = _coded_counts()
    assert len(counts) == 10
    m, g, p = (sum(c[i] for c in counts) for i in (1, 2, 3))
    assert m / g >= CODED_RECALL_FLOOR and m / p >= CODED_PRECISION_FLOOR, counts
    for region in (True, False):
        sub = [c for c in counts if (c[0] in LATIN_AMERICA) == region]
        m, g, p = (sum(c[i] for c in sub) for i in (1, 2, 3))
        assert m / g >= CODED_REGION_RECALL_FLOOR and m / p >= CODED_REGION_PRECISION_FLOOR, sub


#: The blind synthetic sets (data/coded/objectives_blind*/README.md), measured
#: 2026-12-03. The first two were each scored once (0.871 / 0.900, 0.853 /
#: 0.951) and then developed on (0.984 / 0.953 and 0.971 / 0.985 now:
#: development figures); the third was never developed on (0.984 / 0.912,
#: scored once). Floors a change may not go below unknowingly.
BLIND_FLOORS = {"objectives_blind": (0.98, 0.95), "objectives_blind_2": (0.97, 0.98),
                "objectives_blind_3": (0.98, 0.91)}


@pytest.mark.parametrize("folder", sorted(BLIND_FLOORS))
def test_extract_recall_and_precision_on_the_blind_synthetic_sets(folder):
    counts = _coded_counts(folder)
    assert len(counts) == 12
    m, g, p = (sum(c[i] for c in counts) for i in (1, 2, 3))
    recall, precision = BLIND_FLOORS[folder]
    assert m / g >= recall and m / p >= precision, counts
