"""Tests of analysis/measures/evaluative.py: the understated verdicts of the genre."""
from __future__ import annotations

import pytest

from analysis.measures.evaluative import (CATEGORIES, LEXICON_PATH, decide_category, find_cues,
                                 load_lexicon, score_text, tokenize)

FAR = "As regards encouraging stable government, this objective is far from realization."
SLOW = "As regards our objective of economic development, our policies have been making slow progress."
SUCCESS = "In regard to our objective of maintaining support, our policies have been successful."
HEDGED = "The information program has been reasonably successful in obtaining support."
NOT_FULLY = "This does not mean that they are fully aware of any responsibility to share our burdens."
LONG_TERM = "On the whole, the training program has been successful from a long-term viewpoint."
NEUTRAL = "The mission was established in 1942 and moved to the capital."


def test_evaluative_far_from_realization_is_not_achieved():
    r = score_text(FAR)
    assert r["category"] == "not_achieved"
    assert r["score"] < -0.3
    assert r["progress"] == 0.0


def test_evaluative_slow_progress_is_slow():
    assert score_text(SLOW)["category"] == "slow"


def test_evaluative_success_is_achieved_and_favourable():
    r = score_text(SUCCESS)
    assert r["category"] == "achieved"
    assert r["score"] > 0.3


def test_evaluative_hedged_success_is_partial():
    assert score_text(HEDGED)["category"] == "partial"
    assert score_text("The program has been somewhat successful.")["category"] == "partial"


def test_evaluative_not_fully_is_partial():
    assert score_text(NOT_FULLY)["category"] == "partial"


def test_evaluative_long_term_qualifier_makes_success_slow():
    assert score_text(LONG_TERM)["category"] == "slow"


@pytest.mark.parametrize("text, category", [
    ("Our efforts have not been successful.", "not_achieved"),
    ("The program has not succeeded.", "not_achieved"),
    ("The program has not been entirely successful.", "partial"),
    ("The objective has not yet been attained.", "slow"),
    ("Little progress has been made toward this goal.", "not_achieved"),
    ("The results are not unfavorable.", "partial"),
    ("Our activities have yielded mixed results.", "partial"),
    ("The work of the missions bore fruit.", "achieved"),
    ("Diplomatic support has been outstanding.", "achieved"),
])
def test_evaluative_negation_and_understatement(text, category):
    assert score_text(text)["category"] == category


def test_evaluative_negation_flips_sign():
    assert score_text("It has been successful.")["score"] > 0 > score_text("It has not been successful.")["score"]


def test_evaluative_not_only_is_no_negation():
    assert score_text("The program was not only successful but popular.")["category"] == "achieved"


def test_evaluative_hedge_softens_cordiality():
    mild = score_text("Relations are somewhat strained.")["score"]
    strong = score_text("Relations are strained.")["score"]
    assert strong < mild < 0


def test_evaluative_topic_clause_is_not_scored():
    # "friendly" names the aim being judged, not the verdict.
    cues = [c["pattern"] for c in find_cues("As regards friendly relations, progress has been slow.")]
    assert "friendly" not in cues and "progress has been slow" in cues


def test_evaluative_neutral_text_has_no_category():
    r = score_text(NEUTRAL)
    assert r["category"] is None and r["score"] == 0.0 and r["cues"] == []


def test_evaluative_score_is_bounded():
    texts = [FAR, SLOW, SUCCESS, HEDGED, NOT_FULLY, LONG_TERM, NEUTRAL, "",
             "Excellent, outstanding, very successful, fruitful and effective.",
             "Failed, failure, unsuccessful, disappointing, deteriorated."]
    for t in texts:
        assert -1.0 <= score_text(t)["score"] <= 1.0


def test_evaluative_cues_carry_weights():
    r = score_text(SUCCESS)
    assert r["cues"] == [("have been successful", 0.8)]


def test_evaluative_mixed_success_and_failure_is_partial():
    assert decide_category([{"category": "achieved", "strength": 1.0},
                            {"category": "not_achieved", "strength": 1.0}])[0] == "partial"


def test_evaluative_lexicon_rows_are_documented():
    lex = load_lexicon()
    assert len(lex) > 50
    for e in lex:
        assert e["origin"] in {"issue", "seed", "genre", "general", "codebook", "synthetic"}, e
        assert e["category"] in set(CATEGORIES) | {None}, e
        assert -1.0 <= e["weight"] <= 1.0, e


def test_evaluative_bad_lexicon_category_is_reported(tmp_path):
    p = tmp_path / "lex.csv"
    p.write_text("cue,weight,category,strength,origin\ngood,0.5,great,1.0,test\n")
    with pytest.raises(ValueError, match="category 'great'"):
        load_lexicon(p)


def test_evaluative_missing_lexicon_is_reported(tmp_path):
    with pytest.raises(FileNotFoundError, match="lexicon not found"):
        load_lexicon(tmp_path / "none.csv")


def test_evaluative_tokenize_normalises_quotes():
    assert "hasn't" in tokenize("It hasn’t worked.")
    assert LEXICON_PATH.exists()


def test_evaluative_modicum_of_success_is_partial():
    r = score_text("The missions have achieved a modicum of success in training the army.")
    assert r["category"] == "partial"


def test_evaluative_success_only_to_the_extent_is_partial():
    r = score_text("Our efforts have been successful only to the extent that they have slowed the trend.")
    assert r["category"] == "partial"
    assert score_text("Our efforts have been successful.")["category"] == "achieved"


def test_evaluative_adequate_is_qualified_success():
    assert score_text("Our policy has proved adequate to the circumstances.")["category"] == "partial"
    assert score_text("Our policy has not proved adequate.")["category"] == "not_achieved"


@pytest.mark.parametrize("text", [
    "Success in this theater depends on, and keeps pace with, the success attained in the general effort.",
    "The success of our policy here is contingent upon a settlement with the great powers.",
])
def test_evaluative_success_made_conditional_is_far_off(text):
    # the codebook's rule 4: a success that depends on something else is not reported
    r = score_text(text)
    assert r["category"] == "not_achieved"
    assert all("conditional" in c["modifiers"] for c in find_cues(text) if c["base_weight"] > 0)


def test_evaluative_dependence_in_another_clause_keeps_the_success():
    assert score_text("The program has been successful; its future depends on Congress.")["category"] == "achieved"
    assert score_text("The program has succeeded, but its future depends on Congress.")["category"] == "achieved"


@pytest.mark.parametrize("text", [
    "The long-range objectives set forth above are not realizable in the foreseeable future.",
    "The ultimate objective of a free country is not attainable in the foreseeable future.",
    "Accession to the pact is not to be expected within the foreseeable future.",
])
def test_evaluative_far_off_in_the_foreseeable_future_is_not_achieved_and_unfavourable(text):
    # the codebook's own not_achieved wording: the negation belongs to the cue, so it must
    # not flip "foreseeable future" into a mixed (partial), favourable reading
    r = score_text(text)
    assert r["category"] == "not_achieved" and r["score"] < -0.3
    assert all(c["category"] == "not_achieved" for c in r["details"])


def test_evaluative_not_practicable_for_now_is_not_achieved():
    assert score_text("Regional arrangements are not practicable at present.")["category"] == "not_achieved"
    assert score_text("The hopes raised last year have been largely disappointed.")["category"] == "not_achieved"


@pytest.mark.slow  # every sentence of the coded corpus, twice (about 9 s)
def test_find_cues_fast_paths_equal_the_generic_matcher(monkeypatch):
    """Issue 10: plain cues matched by one comparison, only at cue-starting tokens, give
    the cues of the generic recursive matcher tried at every token, on the sentences of
    data/raw, every third one of data/coded and generated sentences (the generic matcher is
    slow; a one-off check compared it with the previous implementation on all 208,182
    sentences, the ten volumes' included)."""
    import random
    import warnings

    from analysis import config
    from analysis.measures import evaluative
    from analysis.text.corpus import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = (list(load_corpus([config.RAW_DIR])["sentences"].text)
                 + list(load_corpus([config.DATA_DIR / "coded"])["sentences"].text[::3]))
    by_first, prefixed = evaluative._compiled("")
    words = sorted({p for es in by_first.values() for e in es for p in e["parts"]
                    if p != "..." and not p.endswith("*")} | {"not", "but", ",", ".", "the", "yet"})
    rng = random.Random(20261203)
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 25))) for _ in range(600)]
    fast = [evaluative.score_text(t) for t in texts]
    generic_by_first = {k: [dict(e, plain=None) for e in es] for k, es in by_first.items()}
    # every entry treated as one with no fixed first word: tried at every position
    generic = ({}, [e for es in generic_by_first.values() for e in es] + prefixed)
    monkeypatch.setattr(evaluative, "_compiled", lambda key: generic)
    slow = [evaluative.score_text(t) for t in texts]
    assert len(texts) > 1200
    for t, a, b in zip(texts, fast, slow):
        # the generic order of candidates differs, so compare what is chosen
        assert a == b, t


def test_evaluative_starred_cue_matches_every_ending(tmp_path):
    # a trailing * survives tokenisation: "deteriorat*" matches its inflections
    p = tmp_path / "lex.csv"
    p.write_text("cue,weight,category,strength,origin\n"
                 "deteriorat*,-0.6,not_achieved,0.6,general\nmade ... progress,0.3,partial,1.0,general\n")
    for text in ("Relations have deteriorated.", "A deterioration set in.", "It is deteriorating."):
        cues = find_cues(text, lexicon=p)
        assert [c["pattern"] for c in cues] == ["deteriorat*"], text
        assert cues[0]["category"] == "not_achieved"
    assert find_cues("Nothing changed.", lexicon=p) == []
    assert [c["pattern"] for c in find_cues("We made some progress.", lexicon=p)] == ["made ... progress"]


def test_evaluative_shipped_lexicon_entries_match_their_own_words():
    # each entry, as parsed, is found in a sentence made of its own words
    # (a cue the parser mangled, as the dropped "*" once did, is not)
    for e in load_lexicon():
        text = "Then " + " ".join(w.rstrip("*") for w in e["cue"].split() if w != "...") + " ."
        found = {c["pattern"] for c in find_cues(text)}
        assert found, e["cue"]
