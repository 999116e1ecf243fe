"""Tests of analysis.text.editorial and of editorial rows through the loader and the measures."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.text.editorial import is_editorial, is_editorial_block, is_omission, measured
from analysis.text.document import parse_text
from analysis.text.sentences import split_spans

#: A statement with every kind of editorial text the volumes print.
EDITED = """Policy Statement

Chile, March 3, 1950

a. objectives

We seek Chile's cooperation. Our aims are modest.

b. policies

[Here follows a review of Chile's trade. Documentation is in volume II.]

Chile has been friendly and cooperative.

. . . . . . . .

[name not declassified] met the Ambassador. The talks went well.

[Omitted]

c. policy evaluation

The end of hostilities in Chile [Europe?] did not end the agreement.
"""


@pytest.fixture(scope="module")
def edited():
    return parse_text(EDITED, "chile").sentences


def test_editorial_notes_omissions_and_placeholders_are_flagged_rows(edited):
    ed = edited[edited.editorial]
    assert ed.text.tolist() == ["[Here follows a review of Chile's trade.",
                                "Documentation is in volume II.]", ". . . . . . . .", "[Omitted]"]
    assert set(ed.section) == {"policies"}


def test_editorial_inline_bracket_leaves_the_sentence_the_departments(edited):
    row = edited[edited.text.str.contains("Europe")].iloc[0]
    assert not row.editorial
    # a placeholder inside a sentence of the Department's text is not a row of its own
    assert not edited[edited.text.str.startswith("[name not declassified]")].editorial.any()


def test_editorial_rows_do_not_change_how_other_sentences_split(edited):
    plain = edited[~edited.editorial]
    for para, g in plain.groupby("paragraph"):
        joined = " ".join(g.text)
        assert [joined[a:b] for a, b in split_spans(joined)] == g.text.tolist()


def test_editorial_counts_per_document_and_section():
    from analysis.text.corpus import foundation_tables

    doc = parse_text(EDITED, "chile")
    t = foundation_tables([doc])
    assert t["documents"].n_editorial.tolist() == [4]
    sec = t["sections"].set_index("section")
    assert sec.loc["policies", "n_editorial"] == 4 and sec.loc["objectives", "n_editorial"] == 0
    assert sec.n_sentences.sum() == len(doc.sentences)


def test_editorial_rows_are_kept_out_of_tone_topics_and_objectives(edited):
    from analysis.measures.countries import find_mentions
    from analysis.progress import build_tables as progress_tables
    from analysis.measures.sentiment import build_tables as sentiment_tables

    tables = {"sentences": edited, "mentions": find_mentions(edited)}
    sec = sentiment_tables(tables, seed=0)["section_sentiment"].set_index("section")
    assert sec.loc["policies", "n_sentences"] == int(((edited.section == "policies")
                                                      & ~edited.editorial).sum())
    obj = progress_tables(tables, seed=0)["objectives"]
    assert not obj.sentence_id.isin(edited.sentence_id[edited.editorial]).any()
    assert len(measured(edited)) == int((~edited.editorial).sum())


def test_editorial_topics_never_see_editorial_text():
    from analysis.measures.topics import build_tables as topic_tables

    texts = ["Oil mining capital.", "Capital oil investment.", "Mining oil capital.",
             "Oil capital mining.", "Army junta election.", "Election army party.",
             "Junta party army.", "Army election junta."]
    s = pd.DataFrame({"doc_id": "d", "sentence_id": range(10), "section": "policies",
                      "paragraph": range(1, 11), "editorial": [False] * 8 + [True, True],
                      "text": texts + ["[Here follows oil oil oil.]", ". . . ."]})
    out = topic_tables({"sentences": s, "mentions": pd.DataFrame(
        columns=["doc_id", "sentence_id", "iso2"])}, seed=0, k_range=[2])
    assert set(out["unit_topics"].unit_id) <= set(range(1, 9))


@pytest.mark.parametrize("text,expected", [
    ("[Here follows a section on trade.]", True), ("[name not declassified]", True),
    ("[1 paragraph (5 lines) of source text not declassified]", True), ("[Omitted].", True),
    (". . . .", True), ("…", True), (".", False), ("[Page 12]", False),
    ("We agree [sic] with them.", False), ("", False),
])
def test_is_editorial_cases(text, expected):
    assert is_editorial(text) is expected


def test_is_editorial_block_needs_the_bracket_to_close_at_the_end():
    assert is_editorial_block("[Here follows a note. More of it.]")
    assert not is_editorial_block("[Europe?] was meant. It is so.")
    assert is_omission("* * *") and not is_omission("*")


def test_editorial_placeholder_opening_a_sentence_becomes_its_own_row():
    text = ("Policy Statement\n\na. objectives\n\nProgress has been slow. [1 line of source text "
            "not declassified] We went on. [name not declassified] arrived.\n")
    s = parse_text(text, "d").sentences
    assert s[["text", "editorial"]].values.tolist() == [
        ["Progress has been slow.", False], ["[1 line of source text not declassified]", True],
        ["We went on.", False], ["[name not declassified] arrived.", False]]
