"""Tests of analysis/text/sections.py: headings of the series and sub-headings."""
import pytest

from analysis.text.document import parse_text
from analysis.text.sections import canonical_label, is_subheading_line, parse_heading, split_run_in

HEADINGS = [
    ("a. objectives", "objectives"),
    ("A. Objectives", "objectives"),
    ("b. policies", "policies"),
    ("B. Policies", "policies"),
    ("c. Relations with other countries", "relations"),
    ("c. relations with other states", "relations"),
    ("C. Relations With Other States", "relations"),
    ("d. evaluation", "evaluation"),
    ("d. policy evaluation", "evaluation"),
    ("D. Policy Evaluation", "evaluation"),
    ("Policy Evaluation", "evaluation"),
    ("Objectives", "objectives"),
]


@pytest.mark.parametrize("line, label", HEADINGS)
def test_sections_maps_series_headings(line, label):
    assert parse_heading(line) == (label, line)


def test_sections_handles_uppercase_headings():
    assert parse_heading("D. POLICY EVALUATION") == ("evaluation", "D. POLICY EVALUATION")


@pytest.mark.parametrize("line", [
    "Strategic Materials",
    "Attitude toward Democratic Institutions",
    "Relations are friendly.",
    "We seek to encourage stability in government and the growth of democratic institutions.",
    "Policies of the Junta have been erratic and the Army has been divided on them all along.",
])
def test_sections_does_not_promote_sentences_or_subheadings(line):
    assert parse_heading(line) is None


def test_sections_policy_evaluation_is_not_policies():
    assert canonical_label("d. policy evaluation") == "evaluation"
    assert canonical_label("Annex: Trade Figures") == "other"


def test_sections_subheading_lines_and_run_in():
    assert is_subheading_line("Strategic Materials")
    assert not is_subheading_line("The Army restored order.")
    assert split_run_in("Policies. Our relations have been friendly.") == (
        "Policies", "Our relations have been friendly.")
    assert split_run_in("Internal political situation. An understanding requires.") == (
        "Internal political situation", "An understanding requires.")
    assert split_run_in("Peru is friendly. It helps.") == (None, "Peru is friendly. It helps.")
    assert split_run_in("U.S. capital is welcome.") == (None, "U.S. capital is welcome.")


@pytest.mark.parametrize("line", ["Policy Statement on Peru", "Policy Statement",
                                  "Trade Policy", "Policy Statements of 1951 Reviewed"])
def test_sections_titles_with_policy_are_not_section_headings(line):
    assert parse_heading(line) is None


@pytest.mark.parametrize("line", ["Policies", "Objectives", "Relations with other countries",
                                  "Policy Evaluation", "Basic Objectives", "Courses of Action"])
def test_sections_canonical_names_unlettered_are_headings(line):
    assert parse_heading(line) is not None


# --- issue 11: property-based tests (bounded) ----------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis import config  # noqa: E402

PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None)

_HEADING_LIKE = st.one_of(
    st.text(max_size=60),
    st.builds(lambda mark, words: f"{mark} {' '.join(words)}",
              st.sampled_from(["a.", "B.", "IV.", "2)", "", "x."]),
              st.lists(st.sampled_from(["Policy", "policies", "Objectives", "Relations", "with",
                                        "other", "countries", "Evaluation", "Statement", "on",
                                        "Peru", "Trade", "the", "is", "."]), max_size=9)))


@PROPERTY
@given(_HEADING_LIKE)
def test_sections_parse_heading_never_raises_and_keeps_the_line(line):
    h = parse_heading(line)
    assert h is None or (h[0] in config.SECTIONS and h[1] == line.strip())
    assert is_subheading_line(line) in (True, False)


@PROPERTY
@given(st.text(max_size=80))
def test_sections_run_in_split_never_loses_words(paragraph):
    sub, rest = split_run_in(paragraph)
    if sub is None:
        assert rest == paragraph
    else:
        assert f"{sub}. {rest}".split() == paragraph.split()


# --- the lettering of sections -------------------------------------------------------------

LETTERED_LIST_INSIDE = """Policy Statement

a. objectives

We seek its support.

b. policy issues

Trade is the main issue.

a. Trade Relations

Trade relations are close.

b. Finance

The budget is balanced.

c. policy evaluation

Progress has been slow.

d. supplementary problems

The consulates remain closed.
"""


def test_sections_lettered_list_inside_a_section_is_not_a_section():
    doc = parse_text(LETTERED_LIST_INSIDE, "d")
    by = doc.sentences.groupby("heading", sort=False)["section"].first()
    assert list(by.index) == ["a. objectives", "b. policy issues", "c. policy evaluation",
                              "d. supplementary problems"]
    assert list(by) == ["objectives", "policies", "evaluation", "other"]
    trade = doc.sentences[doc.sentences.text.str.startswith("Trade relations")]
    assert trade.section.tolist() == ["policies"]


def test_sections_a_letter_out_of_sequence_with_an_unknown_title_stays_text():
    text = LETTERED_LIST_INSIDE.replace("d. supplementary problems", "f. supplementary problems")
    doc = parse_text(text, "d")
    assert "other" not in set(doc.sentences.section)


def test_sections_coded_statements_give_the_coders_headings_in_order():
    import json

    from analysis import config
    from analysis.text.corpus import load_document

    for gold in sorted((config.DATA_DIR / "coded" / "gold").glob("*.json")):
        g = json.loads(gold.read_text(encoding="utf-8"))
        doc = load_document(config.DATA_DIR / "coded" / f"{g['document']}.txt")
        found = list(dict.fromkeys(doc.sentences["heading"]))
        assert found == [s["heading"] for s in g["sections"]], g["document"]
