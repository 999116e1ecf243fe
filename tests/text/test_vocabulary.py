"""Tests of analysis/text/vocabulary.py: the genre's word lists, read from data."""
import pytest

from analysis.measures import topics
from analysis.progress import similarity
from analysis.text.vocabulary import GENRE_STOP_WORDS_FILE, genre_stop_words

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
