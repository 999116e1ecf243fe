"""Tests of analysis/sentences.py: boundaries in State Department prose."""
import pytest

from analysis.sentences import split_sentences

CASES = [
    ("The U.S. Government agreed. Peru did not.", ["The U.S. Government agreed.", "Peru did not."]),
    ("Dr. Julius Klein led it. It reported.", ["Dr. Julius Klein led it.", "It reported."]),
    ("Gen. Odría ruled. Elections followed.", ["Gen. Odría ruled.", "Elections followed."]),
    ("See pp. 985 ff. and vol. ii. The end.", ["See pp. 985 ff. and vol. ii.", "The end."]),
    ("TIAS No. 1838 applies. It is in force.", ["TIAS No. 1838 applies.", "It is in force."]),
    ("He lived on St. James Street. He left.", ["He lived on St. James Street.", "He left."]),
    ("General Manuel A. Odría was elected. Congress met.",
     ["General Manuel A. Odría was elected.", "Congress met."]),
    ("Signed Sept. 2, 1947. In force Dec. 3, 1948.", ["Signed Sept. 2, 1947.", "In force Dec. 3, 1948."]),
    ("They said “we shall act. Soon” and left. Then silence.",
     ["They said “we shall act. Soon” and left.", "Then silence."]),
    ("The Klein Mission came. The U.S.S.R. objected.", ["The Klein Mission came.", "The U.S.S.R. objected."]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_sentences_abbreviations_do_not_end_sentences(text, expected):
    assert split_sentences(text) == expected


def test_sentences_spans_cover_the_text_in_order():
    text = "One. Two, with U.S. aid. Three."
    parts = split_sentences(text)
    assert " ".join(parts) == text
