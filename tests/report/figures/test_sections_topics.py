"""Tests of analysis.report.figures.sections_topics: the figures of notebook 02 (sections and topics)."""
from __future__ import annotations

import pytest

from analysis.report import figures as fg
from figure_samples import TERMS, SELECTION, PREVALENCE, assert_titled_figure


def test_plot_topic_prevalence_states_what_the_interval_resamples():
    fig = fg.plot_topic_prevalence(PREVALENCE.assign(resampled="documents"))
    assert "resampling whole documents" in fig.get_supxlabel()


@pytest.mark.parametrize("make", [
    lambda: fg.plot_topic_terms(fg.topic_term_data(TERMS)),
    lambda: fg.plot_k_selection(SELECTION),
    lambda: fg.plot_topic_prevalence(PREVALENCE, fg.topic_labels(TERMS)),
])
def test_sections_topics_plots_return_a_titled_figure_with_labelled_axes(make):
    assert_titled_figure(make())
