"""Tests of analysis.measures.sentiment: VADER and register scores, aggregates, validation."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.measures import sentiment
from analysis.measures.countries import find_mentions
from analysis.measures.sentiment import build_tables, country_sentiment, score_sentences, section_sentiment
from analysis.report.agreement import validation_agreement
from conftest import SEED_DOC

VALIDATION = Path(__file__).parents[1] / "data" / "sentiment_validation.csv"
#: Agreement measured on the 42 hand-coded seed sentences (2026 session of
#: issue 3); a change that lowers it must be deliberate. The register floor
#: was 0.88 / 0.82 while the lexicon held entries written for the seed's own
#: sentences (an in-sample figure); with those removed (issue 9) it measures
#: 0.857 / 0.788.
MIN_AGREEMENT = {"compound": (0.54, 0.31), "register": (0.85, 0.78)}
TINY = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"], "sentence_id": [0, 1, 2, 3, 0],
                     "section": ["objectives", "evaluation", "evaluation", "relations", "other"],
                     "text": ["We seek Peru's support.", "Relations with Peru have been successful.",
                              "This objective is far from realization.",
                              "Relations with Chile and Chilean leaders are strained.", ""]})


def _seed_sentence(tables, sid):
    s = tables["sentences"]
    return s[(s.doc_id == SEED_DOC) & (s.sentence_id == sid)]


@pytest.mark.parametrize("phrase,sign", [
    ("These cooperative services have been very successful", 1),
    ("Peruvian diplomatic support of US opposition to Soviet Russia has been outstanding", 1),
    ("long embittered by a perennial boundary dispute", -1),
    ("rather poor record in the liquidation", -1),
])
def test_sentiment_clear_seed_sentences_have_the_right_sign_in_both_scores(seed_tables, phrase, sign):
    s = seed_tables["sentences"]
    row = s[s.text.str.contains(phrase, regex=False)]
    assert len(row) == 1
    t = score_sentences(row)
    assert np.sign(t.compound.iloc[0]) == sign
    assert np.sign(t.register.iloc[0]) == sign


def test_sentiment_agreement_with_hand_coding_does_not_drop():
    coded = pd.read_csv(VALIDATION, comment="#")
    assert len(coded) >= 40
    got = validation_agreement(coded).set_index("score")
    for score, (acc, kappa) in MIN_AGREEMENT.items():
        assert got.loc[score, "accuracy"] >= acc, score
        assert got.loc[score, "kappa"] >= kappa, score


def test_sentiment_table_has_both_scores_side_by_side():
    t = score_sentences(TINY)
    assert list(t.columns) == sentiment.SENTIMENT_COLUMNS
    assert t.register.between(-1, 1).all() and t.compound.between(-1, 1).all()
    assert t.loc[2, "register"] < 0 and "far from realization" in t.loc[2, "register_cues"]


def test_sentiment_vader_rows_sum_to_one_for_scored_text():
    t = score_sentences(TINY.iloc[:4])
    assert np.allclose(t.pos + t.neu + t.neg, 1, atol=0.002)


def test_sentiment_vader_needs_no_nltk_data(monkeypatch):
    import nltk.data

    def refuse(*a, **k):
        raise LookupError("no download")
    monkeypatch.setattr(nltk.data, "load", refuse)
    sentiment.vader.cache_clear()
    try:
        assert sentiment.vader().polarity_scores("good")["compound"] > 0
    finally:
        sentiment.vader.cache_clear()


def test_sentiment_long_input_is_scored():
    text = "Relations are cordial and progress is good. " * 500  # 22 kB; VADER is quadratic in length
    t = score_sentences(pd.DataFrame({"doc_id": ["d"], "sentence_id": [0], "text": [text]}))
    assert t.compound.iloc[0] > 0.9


def test_sentiment_section_means_with_intervals_and_small_flag():
    sent = score_sentences(TINY)
    t = section_sentiment(sent, TINY, seed=3)
    assert t[["doc_id", "section"]].values.tolist() == [
        ["a", "objectives"], ["a", "relations"], ["a", "evaluation"], ["b", "other"]]
    assert t.n_sentences.sum() == len(TINY)
    assert t.small.all()
    for s in ("compound", "register"):
        assert (t[f"{s}_low"] <= t[f"{s}_mean"] + 1e-12).all()
        assert (t[f"{s}_mean"] <= t[f"{s}_high"] + 1e-12).all()


def test_sentiment_small_groups_are_flagged_not_dropped():
    big = pd.DataFrame({"doc_id": ["d"] * 6, "sentence_id": range(6),
                        "section": ["policies"] * 5 + ["evaluation"],
                        "text": ["It has been successful.", "It failed.", "We act.",
                                 "Progress is slow.", "It was outstanding.", "Fine."]})
    t = section_sentiment(score_sentences(big), big, seed=0).set_index("section")
    assert not t.loc["policies", "small"] and t.loc["evaluation", "small"]
    assert t.loc["policies", "compound_low"] < t.loc["policies", "compound_high"]


def test_sentiment_country_means_count_a_sentence_once():
    t = country_sentiment(score_sentences(TINY), find_mentions(TINY), seed=0)
    # sentence 3 names Chile twice ("Chile", "Chilean") and counts once
    assert t[["doc_id", "iso2", "n_sentences"]].values.tolist() == [["a", "CL", 1], ["a", "PE", 2]]


def test_sentiment_same_seed_same_output_and_input_untouched(seed_tables):
    before = seed_tables["sentences"].copy()
    seed_tables = {**seed_tables, "mentions": find_mentions(seed_tables["sentences"])}
    a = build_tables(seed_tables, seed=7)
    b = build_tables(seed_tables, seed=7)
    for k in a:
        pd.testing.assert_frame_equal(a[k], b[k])
    pd.testing.assert_frame_equal(seed_tables["sentences"], before)
    c = build_tables(seed_tables, seed=8)["section_sentiment"]
    assert not c.compound_low.equals(a["section_sentiment"].compound_low)


def test_sentiment_validation_rejects_unknown_tone():
    with pytest.raises(ValueError, match="unknown"):
        validation_agreement(pd.DataFrame({"text": ["x"], "tone": ["happy"]}))


def _tricky_sentences() -> list:
    """Generated hard cases for VADER's rules (seeded): negation, "but", "kind of",
    boosters, ALL CAPS, "no", "least", idioms, emoticons, emoji, "!!!", "??", long."""
    import random

    fixed = [
        "", "   ", "!!!", "good", "GOOD", "Not bad at all", "VADER is VERY SMART, handsome, and FUNNY!!!",
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        "The book was only kind of good.", "It is kind of", "kind of", "Kind Of GREAT",
        "At least it isn't a horrible book.", "Roger Dodger is one of the least compelling variations.",
        "He is very least good.", "at least good", "least good",
        "Sentiment analysis has never been this good!", "never so good", "Without a doubt, excellent idea.",
        "without any doubt good", "no good", "no, no good", "no or nor good", "no problem or bad",
        "Make sure you :) or :D today!", "Catch utf-8 emoji such as 💘 and 💋 and 😁", "😁😁 good",
        "good 😁bad", "Today SUX!", "Today only kinda sux! But I'll get by, lol", "the shit", "bad ass",
        "yeah right good", "cut the mustard", "but but good bad but", "BUT good", "good but",
        "They had not meant to imply that there was no danger of war.", "good??", "bad???? ok!!!!!",
        "hasn't been good", "isnt good", "wasn’t good", "uh-uh good", "The ‘good’ “bad” — ugly…",
        "I don't think it's not unfriendly; hardly wonderful, scarcely bad.",
        "extremely EXTREMELY good", "sort of bad", "kinda good", "A. B. C. good, bad.",
        "Ⅷ İstanbul ΣΊΣΥΦΟΣ good ǅ", "good\tbad\nugly", "\u00a0good\u2003bad",
    ]
    words = ("not no never good bad great kind of very extremely barely but BUT GOOD BAD least at "
             "without doubt so this the shit bomb nor or :) :( !!! ? ?? isn't don't hardly "
             "cooperation hostile friendly war peace success failure threat agreement "
             "somewhat fairly quite really sort 😁 💔 , . ; Mr. U.S. Soviet").split()
    rng = random.Random(20261203)
    made = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    made += [" ".join(rng.choice(words) for _ in range(rng.randint(200, 600))) for _ in range(20)]
    return fixed + made


def test_sentiment_vader_is_identical_to_the_reference():
    """Issue 10: the four VADER scores are those of the unmodified vaderSentiment 3.3.2
    analyzer, exactly (==), on every sentence of data/coded and data/raw and on generated
    hard cases; the shared analyzer is a subclass that caches per-sentence work."""
    import warnings

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis import config
    from analysis.measures.sentiment import reference_vader, vader
    from analysis.measures.vader_cached import CachedVader
    from analysis.text.corpus import load_corpus

    assert isinstance(vader(), CachedVader) and isinstance(vader(), SentimentIntensityAnalyzer)
    assert type(reference_vader()) is SentimentIntensityAnalyzer
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = pd.concat([load_corpus([d])["sentences"] for d in (config.DATA_DIR / "coded",
                                                                config.RAW_DIR)], ignore_index=True)
    assert len(s) > 1700
    texts = list(s.text) + _tricky_sentences()
    ref, ours = reference_vader(), vader()
    for t in texts:
        expected = ref.polarity_scores(t)
        got = ours.polarity_scores(t)
        assert got == expected, t
        assert [type(got[k]) for k in expected] == [type(v) for v in expected.values()], t
    # the table carries the same values
    table = score_sentences(s[["doc_id", "sentence_id", "text"]])
    expected = pd.DataFrame([ref.polarity_scores(t) for t in s.text])
    for col in ("compound", "pos", "neu", "neg"):
        assert table[col].tolist() == expected[col].tolist(), col


def test_sentiment_cached_vader_relies_on_idempotent_lower():
    """``negated`` lower-cases words the caller already lower-cased: same only if idempotent."""
    assert all(chr(c).lower().lower() == chr(c).lower() for c in range(0x110000))
