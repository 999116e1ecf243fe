"""Tests of analysis/text/vocabulary.py: the genre's word lists, read from data, and the one tokeniser."""
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.measures import evaluative, topics
from analysis.progress import similarity
from analysis.text.vocabulary import (topic_openers, GENRE_STOP_WORDS_FILE, Analyzer, genre_stop_words, normalise,
                                      porter_stem, word_pattern)

BAD_USE = "word,use,why\ngovernment,topics;speeches,the author\n"


def test_vocabulary_each_step_reads_its_stop_words_from_the_one_file():
    assert topics.GENRE_STOP_WORDS == genre_stop_words("topics")
    assert similarity.GENRE_STOP_WORDS == genre_stop_words("alignment")
    # the verdict words are dropped for alignment only: topics keep them
    assert "success" in similarity.GENRE_STOP_WORDS and "success" not in topics.GENRE_STOP_WORDS
    assert {"government", "policy"} <= topics.GENRE_STOP_WORDS & similarity.GENRE_STOP_WORDS


def test_vocabulary_every_entry_says_why():
    import pandas as pd

    df = pd.read_csv(GENRE_STOP_WORDS_FILE, comment="#", dtype=str, keep_default_na=False)
    assert (df["why"].str.len() > 10).all()
    assert not df["word"].duplicated().any()
    assert (df["word"] == df["word"].str.lower()).all()


def test_vocabulary_unknown_use_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "words.csv"
    bad.write_text(BAD_USE, encoding="utf-8")
    with pytest.raises(ValueError, match=r"words.csv' names unknown use\(s\) \['speeches'\]"):
        genre_stop_words("topics", path=bad)
    with pytest.raises(ValueError, match="unknown use 'speech'"):
        genre_stop_words("speech")


# --- the one tokeniser ------------------------------------------------------

PROPERTY = settings(max_examples=200, deadline=None, derandomize=True, database=None)
#: Characters that exercise the word pattern: letters (one accented), joiners,
#: digits, underscores, the characters normalise() replaces, punctuation.
_TRICKY = st.text(st.sampled_from(list("abzXé-'’‘“”–—…1_ .,;:!?")), max_size=30)


def _configurations():
    """The three configurations of the package: alignment, topics, cues."""
    return {"alignment": similarity.ANALYZER, "topics": topics.make_analyzer(),
            "words and punctuation": evaluative.ANALYZER}


def test_tokens_normalise_lowers_straightens_quotes_and_dashes():
    assert normalise("The Country’s ‘Aims’") == "the country's 'aims'"
    assert normalise("“Peace”…") == '"peace"...'
    # both dashes break words; the hyphen stays
    assert normalise("US–Colombia—and long-term") == "us colombia and long-term"


def test_tokens_every_configuration_is_the_one_analyzer():
    for name, a in _configurations().items():
        assert isinstance(a, Analyzer), name


@pytest.mark.parametrize("text, same", [
    ("the country’s aims hasn’t", "the country's aims hasn't"),
    ("‘democratic’ “institutions”", "'democratic' \"institutions\""),
    ("Oil—Petroleum", "oil petroleum"),
    ("US–Colombia Treaty", "us colombia treaty"),
    ("slow… progress", "slow... progress"),
])
def test_tokens_the_three_configurations_share_the_one_normalisation(text, same):
    # curly and straight quotes, dashes and spaces are one thing everywhere:
    # the alignment tokens, the topic vocabulary and the cue tokens
    assert similarity.analyze(text) == similarity.analyze(same)
    assert topics.make_analyzer()(text) == topics.make_analyzer()(same)
    assert evaluative.tokenize(text) == evaluative.tokenize(same)
    v = topics.make_vectorizer(min_df=1, max_df=1.0).fit([text])
    assert list(v.get_feature_names_out()) == sorted(set(topics.make_analyzer()(same)))


def test_tokens_curly_apostrophe_alike_in_every_configuration():
    for name, a in _configurations().items():
        assert a("It hasn’t—the Government’s aim") == a("It hasn't the Government's aim"), name
    assert "hasn't" in evaluative.tokenize("It hasn’t worked.")


def test_tokens_configurations_keep_their_words():
    # alignment: ASCII words of 3+ letters, hyphenated compounds whole, stems of 6
    assert similarity.ANALYZER.words("non-intervention by US forces") == ["non-intervention", "forces"]
    assert similarity.ANALYZER.words("Gómez") == ["mez"]  # an accent splits an ASCII word
    assert similarity.ANALYZER("democratic institutions") == ["democr", "instit"]
    # topics: Unicode words of 3+ letters, apart from digits, hyphens split
    assert topics.make_analyzer()("Gómez long-term security1 US") == ["gómez", "long", "term"]
    assert topics.TOKEN_PATTERN == r"(?u)\b[^\W\d_]{3,}\b"
    # words and punctuation: every word, hyphens and apostrophes inside words
    assert evaluative.tokenize("It isn't long-term... is it?") == [
        "it", "isn't", "long-term", "...", "is", "it", "?"]


def test_tokens_stop_words_go_before_stemming():
    a = Analyzer(stop_words={"governments"}, stem=True)
    assert a("governments governing") == [porter_stem("govern")]
    assert a.words("governments governing") == ["governing"]


@PROPERTY
@given(_TRICKY, st.sampled_from(["ascii", "unicode"]), st.sampled_from(["", "-", "-'"]),
       st.integers(1, 5), st.booleans())
def test_tokens_min_len_in_the_pattern_is_a_length_filter(text, letters, joiners, min_len, apart):
    # the look-ahead of word_pattern keeps exactly the words a length filter keeps
    text = normalise(text)
    every = re.findall(word_pattern(letters, joiners, 1, apart), text)
    assert re.findall(word_pattern(letters, joiners, min_len, apart), text) == [
        w for w in every if len(w) >= min_len]


@PROPERTY
@given(_TRICKY, st.integers(1, 4), st.booleans())
def test_tokens_vectorizer_counts_the_analyzer_words(text, min_len, stem_on):
    a = Analyzer(stop_words={"ab", "zz"}, min_len=min_len, stem=stem_on, joiners="-")
    words = a(text)
    if not words:
        return
    v = a.vectorizer().fit([text])
    counts = dict(zip(v.get_feature_names_out(), v.transform([text]).toarray()[0]))
    assert counts == {w: words.count(w) for w in set(words)}


def test_tokens_analyzer_and_its_vectorizers_pickle():
    for stemmed in (False, True):
        a = Analyzer(stop_words={"the"}, min_len=3, stem=stemmed, stem_len=6)
        a("warm the cache")
        b = pickle.loads(pickle.dumps(a))
        assert b == a and b("The democratic institutions") == a("The democratic institutions")
    v = topics.make_vectorizer(min_df=1, max_df=1.0, stem=True).fit(["petroleum laws", "mining law"])
    w = pickle.loads(pickle.dumps(v))
    assert (w.transform(["petroleum law"]) != v.transform(["petroleum law"])).nnz == 0
    assert similarity.ANALYZER == pickle.loads(pickle.dumps(similarity.ANALYZER))


def test_tokens_vectorizers_clone():
    # scikit-learn clones the vectorizer of a pipeline (and the analyser in it)
    from sklearn.base import clone

    for stemmed in (False, True):
        v = topics.make_vectorizer(stem=stemmed)
        c = clone(v)
        assert c.get_params() == v.get_params()
    a = topics.make_analyzer(stem=True)
    assert clone(a) == a and clone(a) is not a


def test_tokens_vectorizer_path_without_stemming_is_count_vectorizer_s_own():
    v = topics.make_vectorizer()
    assert v.analyzer == "word" and v.token_pattern == topics.TOKEN_PATTERN
    assert v.preprocessor is normalise and "government" in v.stop_words
    assert topics.make_vectorizer(stem=True).analyzer == topics.make_analyzer(stem=True)


def test_tokens_bad_parameters_say_which():
    with pytest.raises(ValueError, match="unknown letters 'latin'"):
        word_pattern("latin")
    with pytest.raises(ValueError, match="min_len must be a positive integer"):
        Analyzer(min_len=0)


def test_vocabulary_topic_openers_are_read_alike_by_register_and_evidence():
    # one list of openers: every one of them opens a topic clause for the
    # register score (not scored) and names a topic for the evidence ranker
    from analysis.measures.evaluative import score_text
    from analysis.progress.similarity import topic_phrase

    for opener in topic_openers():
        text = f"{opener.capitalize()} the expansion of trade, progress has been slow."
        assert topic_phrase(text) == "the expansion of trade", opener
        assert score_text(text)["category"] == "slow", opener
        assert not any(c["cue"] == "expansion" for c in score_text(text)["details"])


def test_vocabulary_topic_openers_file_needs_its_columns(tmp_path):
    bad = tmp_path / "openers.csv"
    bad.write_text("phrase\nas regards\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs the columns opener, origin"):
        topic_openers(bad)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(list("aZé-'’ .,;:!?…–—\n1_") + ["the", "Long", "n't"]),
                    max_size=40).map("".join),
       which=st.sampled_from(["register", "alignment", "topics", "stops"]))
def test_tokens_words_are_the_vectorizer_analyser_s_tokens(text, which):
    # Analyzer.words runs the pattern itself; it must give what scikit-learn's
    # analyser of the same configuration gives, word for word
    a = {"register": evaluative.ANALYZER, "alignment": similarity.ANALYZER,
         "topics": topics.make_analyzer(), "stops": Analyzer(stop_words={"the", "long"}, min_len=2)}[which]
    reference = Analyzer(**dict(a.get_params(), stem=False)).vectorizer().build_analyzer()
    assert a.words(text) == reference(text)
