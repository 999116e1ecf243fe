"""Tests of analysis.measures.countries: the detector, its traps, and the focus country."""
from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

from analysis import config
from analysis.measures import countries
from analysis.measures.countries import build_tables, current_code, detect, find_mentions, focus_countries
from conftest import SEED_DOC, shared_path

SEED_BODY = {"US", "PE", "EC", "CO", "CL", "BO", "GT", "CR", "CU", "AR", "GB", "ES", "IT",
             "DE", "SU"}
SEED_EVALUATION = {"PE", "US", "SU"}
LATIN = pd.DataFrame({"doc_id": ["lat"] * 3, "sentence_id": [0, 1, 2], "text": [
    "The poor are largely of Indian and mixed blood.",
    "APRA speaks for the Indian and mestizo masses.",
    "American Republics and inter-American bodies met."]})
ASIAN = pd.DataFrame({"doc_id": ["asia"] * 2, "sentence_id": [0, 1], "text": [
    "Relations with India are close.", "Indian troops were sent."]})


def codes(text):
    return [(m["iso2"], m["surface"], m["kind"]) for m in detect(text)]


def test_countries_seed_body_has_exactly_the_coded_countries(seed_tables):
    m = find_mentions(seed_tables["sentences"])
    m = m[(m.doc_id == SEED_DOC) & (m.kind != "capital")]
    assert set(m.iso2) == SEED_BODY


def test_countries_seed_evaluation_mentions_peru_us_and_soviet_union(seed_tables):
    s = seed_tables["sentences"]
    m = find_mentions(s[s.section == "evaluation"])
    assert set(m[m.kind != "capital"].iso2) == SEED_EVALUATION


def test_countries_ignores_indian_as_people():
    assert "IN" not in set(find_mentions(LATIN).iso2)


def test_countries_counts_indian_when_document_names_india():
    m = find_mentions(pd.concat([LATIN, ASIAN]))
    assert m[m.iso2 == "IN"].doc_id.tolist() == ["asia", "asia"]


def test_countries_american_alone_is_the_united_states():
    assert codes("American private capital is welcome.") == [("US", "American", "demonym")]


@pytest.mark.parametrize("text", [
    "The American Republics agreed.", "An inter-American defense plan.",
    "Latin American liberals objected.", "Trade with Central America grew.",
    "The Organization of American States met.", "Oil from New Mexico.",
    "The Inter-American Treaty was signed.",
])
def test_countries_regions_and_us_states_are_not_countries(text):
    assert codes(text) == []


@pytest.mark.parametrize("text", [
    "The UN, the OAS, GATT, the IBRD and the ILO.", "Credits of the Export-Import Bank.",
    "The International Labor Organization and the United Nations."])
def test_countries_organisations_are_not_countries(text):
    assert codes(text) == []


def test_countries_multiword_names_match_whole_first():
    got = codes("Costa Rica, El Salvador, the Dominican Republic, Equatorial Guinea, "
                "the United Kingdom and the Soviet Union.")
    assert [c[0] for c in got] == ["CR", "SV", "DO", "GQ", "GB", "SU"]


def test_countries_guinea_and_dominica_are_distinct_from_longer_names():
    assert [c[0] for c in codes("Guinea and Equatorial Guinea; Dominica and Dominican trade.")] \
        == ["GN", "GQ", "DM", "DO"]


def test_countries_chilean_counts_once_as_demonym():
    assert codes("The Chilean Government.") == [("CL", "Chilean", "demonym")]


def test_countries_jordan_the_person_is_not_jordan():
    assert codes("Mr. Jordan and David Jordan spoke.") == []
    assert codes("Relations with Jordan are good.") == [("JO", "Jordan", "name")]


def test_countries_georgia_is_the_us_state():
    assert codes("Cotton from Georgia.") == []
    assert codes("The Republic of Georgia.")[0][0] == "GE"


def test_countries_turkey_is_case_sensitive():
    assert codes("Turkey sent turkey.") == [("TR", "Turkey", "name")]


def test_countries_kinds_of_reference():
    got = codes("The U.S., the USSR, Soviet Russia, pro-German sentiment and Lima.")
    assert got == [("US", "U.S.", "abbreviation"), ("SU", "USSR", "abbreviation"),
                   ("SU", "Soviet Russia", "historical"), ("DE", "German", "demonym"),
                   ("PE", "Lima", "capital")]


def test_countries_offsets_point_at_the_surface(seed_tables):
    s = seed_tables["sentences"].set_index(["doc_id", "sentence_id"]).text
    m = find_mentions(seed_tables["sentences"])
    assert len(m) > 50
    assert all(s[(d, i)][a:b] == surf for d, i, a, b, surf in
               zip(m.doc_id, m.sentence_id, m.start, m.end, m.surface))


def test_countries_soviet_union_maps_to_current_successor():
    m = find_mentions(pd.DataFrame({"doc_id": ["d"], "sentence_id": [0],
                                    "text": ["Russia and Czechoslovakia."]}))
    assert m[["iso2", "iso2_current"]].values.tolist() == [["SU", "RU"], ["CS", "CS"]]
    assert current_code("PE") == "PE"


def test_countries_focus_country_prefers_objectives():
    s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2],
                      "section": ["objectives", "relations", "relations"],
                      "text": ["The US seeks Chilean support.", "Peru, Peru.", "Peru again."]})
    assert focus_countries(find_mentions(s), s) == {"d": "CL"}
    s["section"] = "policies"
    assert focus_countries(find_mentions(s), s) == {"d": "PE"}


def test_countries_focus_tie_goes_to_the_earliest_mention():
    # Equal counts, both first named in sentence 0: Ecuador comes first there,
    # although Chile opens a later sentence.
    s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2], "section": "policies",
                      "text": ["Ecuador and Chile met.", "Chile agreed.", "Ecuador too."]})
    assert focus_countries(find_mentions(s), s) == {"d": "EC"}


def test_countries_build_tables_keeps_manifest_country_and_input_untouched(seed_tables):
    before = {k: v.copy() for k, v in seed_tables.items()}
    out = build_tables(seed_tables, seed=0)
    # the manifest gave the country: kept; the region follows it
    kept = out["documents"].set_index("doc_id").loc[SEED_DOC]
    assert (kept["country"], kept["region"]) == ("PE", "ARA")
    for k, v in seed_tables.items():
        pd.testing.assert_frame_equal(v, before[k])
    docs = seed_tables["documents"].assign(country="")
    filled = build_tables({**seed_tables, "documents": docs}, seed=0)["documents"]
    assert filled.set_index("doc_id").loc[SEED_DOC, "country"] == "PE"


def test_countries_same_input_same_output(seed_tables):
    a = build_tables(seed_tables, seed=1)["mentions"]
    b = build_tables(seed_tables, seed=2)["mentions"]
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == countries.MENTION_COLUMNS


def test_countries_alias_file_with_unknown_kind_is_rejected(tmp_path):
    p = tmp_path / "aliases.csv"
    p.write_text("surface,iso2,kind,condition,note\nFoo,PE,nickname,,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind"):
        countries.load_aliases(p)


def test_countries_missing_text_column_is_explained():
    with pytest.raises(ValueError, match="lacks columns"):
        find_mentions(pd.DataFrame({"doc_id": ["d"]}))


@pytest.mark.parametrize("name", ["colombia-1950", "venezuela-1950"])
def test_countries_frus_dev_recall_of_gold_countries(name):
    text = shared_path("frus-dev", f"{name}.txt")
    gold = json.loads(shared_path("frus-dev", "gold", f"{name}.json").read_text(encoding="utf-8"))
    from analysis.text.corpus import load_corpus
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = load_corpus([text])
    m = find_mentions(t["sentences"])
    found = set(m[m.kind != "capital"].iso2_current.replace({"CS": "CSHH"}))
    assert set(gold["country_codes"]) <= found
    # measured: one extra code at most ("Bermuda" principles, an aviation agreement)
    assert len(found - set(gold["country_codes"])) <= 1


def _reference_mentions(sentences):
    """Mentions by the trie-compiled regex, sentence by sentence (the former detector)."""
    from analysis.measures.countries import _lexicon, _mention, _regex_spans

    _, entries, names = _lexicon(None)
    rows = []
    for d, sid, text in zip(sentences.doc_id, sentences.sentence_id, sentences.text):
        for a, b in _regex_spans(text):
            m = _mention(text, a, b, entries, names)
            if m:
                rows.append((d, sid, m["iso2"], m["surface"], m["kind"], a, b))
    return rows


def test_countries_automaton_gives_the_regex_mentions_on_the_coded_statements():
    """Issue 10: Aho-Corasick finds exactly the mentions of the trie regex."""
    import warnings

    from analysis.text.corpus import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = load_corpus([config.DATA_DIR / "coded", config.RAW_DIR])["sentences"]
    tricky = pd.DataFrame({"doc_id": "x", "sentence_id": range(5), "text": [
        "Costa\nRica and  the Dominican   Republic", "Perusal, Peru_, _Peru, Peru1, Peru.",
        "Mr. Jordan met Jordan; the English language and England.", "Chileans:Chile", ""]})
    s = pd.concat([s, tricky], ignore_index=True)
    from analysis.measures.countries import _detect_all

    found = _detect_all(s.text.tolist(), None)
    fast = [(s.doc_id.iloc[i], s.sentence_id.iloc[i], c, surface, kind, a, b)
            for i, c, surface, kind, a, b in zip(found.text, found.iso2, found.surface, found.kind,
                                                  found.start, found.end)]
    assert len(fast) > 300
    assert fast == _reference_mentions(s)


def test_countries_text_holding_the_separator_still_matches():
    s = pd.DataFrame({"doc_id": "x", "sentence_id": [0, 1], "text": ["\x00Chile\x00", "Peru."]})
    assert find_mentions(s).iso2.tolist() == ["CL", "PE"]


def test_countries_missing_texts_are_searched_as_empty():
    s = pd.DataFrame({"doc_id": "x", "sentence_id": [0, 1, 2], "text": [None, float("nan"), "Peru."]})
    assert find_mentions(s)[["sentence_id", "iso2"]].values.tolist() == [[2, "PE"]]


def test_countries_odd_spaces_are_every_whitespace_but_the_space():
    """A text is sent to the squeezed path exactly when it holds whitespace other than " "."""
    import sys

    spaces = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}
    assert set(countries.ODD_SPACES) == spaces - {" "}


def test_countries_language_words_fit_the_window_the_rule_reads():
    """The automaton's language markers stand for the regex rule only if they fit its window."""
    _, language = countries._markers()
    assert all(len(m) <= countries.LANGUAGE_WINDOW for m in language)
    assert all(countries._LANGUAGE_AFTER.match(m) for m in language)


def test_countries_alias_surface_with_odd_whitespace_is_rejected(tmp_path):
    p = tmp_path / "aliases.csv"
    p.write_text("surface,iso2,kind,condition,note\nCosta  Rica,CR,name,,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="single spaces"):
        countries.load_aliases(p)


def test_countries_leftmost_longest_is_the_greedy_scan():
    import numpy as np

    rng = np.random.default_rng(0)
    for _ in range(200):
        start = rng.integers(0, 60, size=rng.integers(1, 30))
        end = start + rng.integers(1, 12, size=len(start))
        pairs = sorted(set(zip(start.tolist(), end.tolist())), key=lambda p: (p[0], -p[1]))
        start, end = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
        expected, pos, seen = [], 0, set()
        for i, (a, b) in enumerate(pairs):  # the reference: first (longest) per start, resume at end
            if a not in seen and a >= pos:
                expected.append(i)
                pos = b
            seen.add(a)
        assert countries._leftmost_longest(start, end).tolist() == expected


def _trap_sentences(n, seed):
    """Generated sentences packed with what the fast path must get right."""
    import random

    rng = random.Random(seed)
    surfaces = sorted(countries._entries(None)[0])
    pieces = [" ", " ", " ", "  ", "\n", "\t", "\xa0", "\u2003", "-", ",", ".", "’s", "'s", "_",
              "x", "é", "1", "\x00", "Mr. ", "Mr ", "General ", "George ", "J. ", "The ", "in ",
              "the ", "(Mr. ", " language", "-speaking", " speaking", "ñ", "“", "–", "Señor "]
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(0, 12)):
            if rng.random() < 0.45:
                w = rng.choice(surfaces)
                if " " in w and rng.random() < 0.3:  # a multi-word surface split by odd space
                    w = w.replace(" ", rng.choice(["  ", "\n", " \t", "\u2003"]), 1)
                if rng.random() < 0.2 and len(w) > 3:  # a prefix of a surface
                    w = w[:rng.randint(1, len(w) - 1)]
                words.append(w)
            else:
                words.append(rng.choice(pieces))
        out.append("".join(words))
    return out


def test_countries_automaton_gives_the_regex_mentions_on_generated_traps():
    """Surfaces glued to word characters, non-ASCII neighbours, titles, language words, odd
    whitespace inside and between surfaces, separators in the text: the regex's mentions."""
    from analysis.measures.countries import _detect_all

    texts = _trap_sentences(1500, seed=20261203)
    s = pd.DataFrame({"doc_id": "x", "sentence_id": range(len(texts)), "text": texts})
    found = _detect_all(texts, None)
    fast = [("x", i, c, surface, kind, a, b) for i, c, surface, kind, a, b in zip(
        found.text, found.iso2, found.surface, found.kind, found.start, found.end)]
    assert len(fast) > 500
    assert {k for *_, k, _, _ in fast} >= {"name", "demonym", "capital"}
    assert fast == _reference_mentions(s)


NON_ASCII = ["El Presidente Odría visitó Perú y México; “Peru” and ‘Chile’ agree.",
             "Perúvian, Perú’s, Perú-born, éPerú, Perué, Bogotá—Asunción, Panamá’s canal.",
             "The Curaçao and Côte d'Ivoire desks; Türkiye’s and Turkey’s aid.",
             "Germans, Germany; American Republics, Latin Americans, Soviet Unionists.",
             "Señor Jordan met Mr. Washington in Washington; English-speaking Chileans.",
             "“USSR”—US—USA, U.S., U.S.S.R.; Cuban Cuba Cubans; Indian India Indiana."]


def test_countries_leftmost_longest_pass_is_used_for_the_package_lexicon():
    """The fast path stands for the overlapping pass only when no surface starts in a marker."""
    matcher = countries._automaton(None)
    assert matcher.first is not None
    odd, language = countries._markers()
    assert not countries._first_pass_exact(sorted(countries._entries(None)[0]) + ["anguage"],
                                           odd + language)


def test_countries_leftmost_longest_pass_equals_the_overlapping_pass():
    """Both passes of _scan, and the reference, on ASCII and non-ASCII texts full of traps."""
    import numpy as np

    from analysis.measures.countries import _detect_all

    matcher = countries._automaton(None)
    texts = _trap_sentences(1500, seed=20261204) + NON_ASCII
    for part in ([t for t in texts if t.isascii()], [t for t in texts if not t.isascii()]):
        fast, slow = (countries._scan(part, matcher, overlapping=o) for o in (False, True))
        assert all(np.array_equal(a, b) for a, b in zip(fast, slow))
    s = pd.DataFrame({"doc_id": "x", "sentence_id": range(len(NON_ASCII)), "text": NON_ASCII})
    found = _detect_all(NON_ASCII, None)
    got = [("x", i, c, surface, kind, a, b) for i, c, surface, kind, a, b in zip(
        found.text, found.iso2, found.surface, found.kind, found.start, found.end)]
    assert {m[3] for m in got} >= {"Perú", "México", "Bogotá", "Curaçao", "Türkiye"}
    assert got == _reference_mentions(s)


def test_countries_squeezed_surfaces_stay_in_place_when_conditional_mentions_go():
    """A text with odd whitespace after a dropped "Indian": its surfaces keep their rows."""
    s = pd.DataFrame({"doc_id": ["d", "d", "e", "e"], "sentence_id": [0, 1, 0, 1], "text": [
        "Indian troops and Peru.", "Costa\nRica and  the Dominican   Republic, Indian land.",
        "India and Indian\tpeople.", "Chile."]})
    m = find_mentions(s)
    assert m[["doc_id", "surface", "start"]].values.tolist() == [
        ["d", "Peru", 18], ["d", "Costa\nRica", 0], ["d", "Dominican   Republic", 20],
        ["e", "India", 0], ["e", "Indian", 10], ["e", "Chile", 0]]
    assert str(m.surface.dtype) == str(pd.Series(["x"]).dtype)


def test_countries_texts_searched_in_several_passes_give_the_same_mentions(monkeypatch):
    """SCAN_TEXTS splits the ASCII and the other texts into passes: no mention moves."""
    from analysis.measures.countries import _detect_all

    texts = _trap_sentences(600, seed=20261205) + NON_ASCII * 3
    whole = _detect_all(texts, None)
    monkeypatch.setattr(countries, "SCAN_TEXTS", 7)
    assert _detect_all(texts, None).equals(whole)


def test_countries_title_fast_path_equals_the_title_rule():
    """_titled decides from the window's end what _TITLES finds searching the whole window."""
    import random

    rng = random.Random(20261204)
    pieces = list(countries.TITLE_WORDS) + [t.lower() for t in countries.TITLE_WORDS] + [
        "J.", "j.", "JJ.", "George", "GEORGE", "McCoy", "Señora", "Ñandú", "(Winant)", "x", "é",
        "_", "1", ".", ",", "(", "-", "Mr.Jr", "A", "Ab", "aB", "Representatives", "ÉMr", "xMr."]
    checked = 0
    for _ in range(20000):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 12))]
        glue = [rng.choice([" ", " ", "", "-"]) for _ in words]
        text = "".join(w + g for w, g in zip(words, glue)) + " Washington"
        text = text.replace("  ", " ")
        start = len(text) - len("Washington")
        expected = bool(countries._TITLES.search(text[max(0, start - countries.TITLE_WINDOW):start]))
        assert countries._titled(text, start) == expected, text
        checked += expected
    assert 3000 < checked < 17000  # the generator reaches titled and untitled windows alike
