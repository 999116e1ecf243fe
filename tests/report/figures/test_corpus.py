"""Tests of analysis.report.figures.corpus: the figures of notebook 01 (corpus)."""
from __future__ import annotations

import pytest

from analysis.report import figures as fg
from figure_samples import SENTENCES, DOCUMENTS, assert_titled_figure


def test_section_lengths_counts_words_sentences_and_paragraphs_in_section_order():
    d = fg.section_lengths(SENTENCES)
    assert d["section"].tolist() == ["objectives", "policies", "relations", "evaluation"]
    assert d["n_sentences"].sum() == len(SENTENCES)
    assert d.loc[d.section == "objectives", "n_words"].item() == 14
    assert d.loc[d.section == "evaluation", "n_paragraphs"].item() == 1


@pytest.mark.parametrize("make", [
    lambda: fg.plot_section_lengths(fg.section_lengths(SENTENCES), DOCUMENTS),
])
def test_corpus_plots_return_a_titled_figure_with_labelled_axes(make):
    assert_titled_figure(make())
