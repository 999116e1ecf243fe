"""Tests of analysis.report.kwic: regex and country concordances."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.report.kwic import kwic
from analysis.measures.countries import find_mentions
from analysis.report.kwic import KWIC_COLUMNS, resolve_country

SENTENCES = pd.DataFrame({
    "doc_id": ["d", "d", "d", "e"], "sentence_id": [0, 1, 2, 0],
    "section": ["relations", "evaluation", "relations", "evaluation"],
    "text": ["Relations with Chile are lacking somewhat in cordiality.",
             "Progress has been slow; slow indeed.",
             "Peru does not maintain relations with Russia.",
             "The Chilean Government and the USSR agree."]})
TABLES = {"sentences": SENTENCES, "mentions": find_mentions(SENTENCES)}


def test_kwic_regex_highlights_every_match():
    k = kwic(TABLES, r"slow")
    assert list(k.columns) == KWIC_COLUMNS
    assert k.text.tolist() == ["Progress has been «slow»; slow indeed.",
                               "Progress has been slow; «slow» indeed."]


def test_kwic_window_limits_context():
    k = kwic(TABLES, "cordiality", window=8)
    assert k.loc[0, "left"] == "what in " and k.loc[0, "right"] == "."


def test_kwic_country_by_name_uses_mentions_and_finds_demonyms():
    k = kwic(TABLES, "Chile")
    assert k[["doc_id", "match"]].values.tolist() == [["d", "Chile"], ["e", "Chilean"]]


def test_kwic_country_by_successor_code_finds_soviet_union():
    k = kwic(TABLES, "RU")
    assert k.match.tolist() == ["Russia", "USSR"]


def test_kwic_compiled_pattern_forces_regex_search():
    k = kwic(TABLES, re.compile("Chile"))
    assert k.match.tolist() == ["Chile", "Chile"]  # also inside "Chilean"


def test_kwic_section_filter():
    assert kwic(TABLES, "Chile", section="evaluation").doc_id.tolist() == ["e"]


def test_kwic_computes_mentions_when_absent():
    assert kwic({"sentences": SENTENCES}, "PE").sentence_id.tolist() == [2]


def test_kwic_no_match_gives_empty_table_with_columns():
    k = kwic(TABLES, "zzz")
    assert k.empty and list(k.columns) == KWIC_COLUMNS


def test_kwic_invalid_regex_is_explained():
    with pytest.raises(ValueError, match="not a valid regular expression"):
        kwic(TABLES, "(unclosed")


def test_kwic_lowercase_words_are_not_country_codes():
    assert resolve_country("us") is None and resolve_country("US") == "US"


def test_kwic_function_does_not_shadow_its_module():
    # Regression (issue 13): ``analysis.kwic`` the function hid ``analysis.kwic``
    # the module, so ``analysis.kwic.resolve_country`` raised AttributeError.
    import importlib

    import analysis

    assert callable(analysis.kwic) and analysis.kwic is kwic
    module = importlib.import_module("analysis.report.kwic")
    assert module.resolve_country("US") == "US"
    assert module.kwic is analysis.kwic
