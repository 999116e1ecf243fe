"""Tests of analysis.report.figures.countries_tone: the figures of notebook 03 (countries and tone)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.report import figures as fg
from figure_samples import SENTENCES, DOCUMENTS, MENTIONS, TONE, assert_titled_figure


def test_country_matrix_counts_sentences_not_mentions_and_fills_zero_cells():
    m = fg.country_matrix(MENTIONS, SENTENCES, by="section")
    chile = m[(m.iso2 == "CL")].set_index("row")["n_sentences"]
    assert chile["relations"] == 1  # two mentions in one sentence count once
    assert chile["objectives"] == 0
    assert len(m) == 4 * 2  # every section × every country


def test_country_matrix_rejects_unknown_rows():
    with pytest.raises(ValueError, match="must be 'section' or 'document'"):
        fg.country_matrix(MENTIONS, SENTENCES, by="paragraph")


def test_country_matrix_pools_countries_beyond_top_as_other():
    m = pd.concat([MENTIONS, pd.DataFrame({"doc_id": "d", "sentence_id": [3, 4, 4, 5],
                                           "iso2": ["BO", "AR", "US", "CL"],
                                           "country": ["Bolivia", "Argentina", "United States",
                                                       "Chile"]})])
    g = fg.country_matrix(m, SENTENCES, by="section", top=1)
    assert g["country"].unique().tolist() == ["Chile", "other (3 countries)"]
    other = g[g["iso2"] == ""].set_index("row")["n_sentences"]
    # 0 names the US, 3 Chile (kept) and Bolivia, 4 Argentina and the US: once each
    assert other.to_dict() == {"objectives": 1, "policies": 0, "relations": 1, "evaluation": 1}


def test_tone_intervals_pools_countries_beyond_top_as_other_without_interval():
    c = pd.DataFrame({"doc_id": "d", "iso2": ["CL", "BO", "AR"],
                      "country": ["Chile", "Bolivia", "Argentina"], "n_sentences": [6, 1, 3],
                      "n_mentions": [7, 1, 3], "compound_mean": [0.2, -1.0, 0.5],
                      "compound_low": [0.1, np.nan, np.nan], "compound_high": [0.3, np.nan, np.nan],
                      "small": [False, True, True]})
    t = fg.tone_intervals(c, "country", scores=("compound",), top=1)
    assert t["group"].tolist() == ["Chile", "other"]
    other = t[t["pooled"]].iloc[0]
    assert other["mean"] == pytest.approx((-1.0 * 1 + 0.5 * 3) / 4)
    assert np.isnan(other["ci_low"]) and other["n"] == 4
    assert t.loc[0, "resampled"] == "paragraphs"


def test_tone_intervals_labels_rows_with_the_number_of_sentences():
    t = fg.tone_intervals(TONE, "section", DOCUMENTS)
    assert set(t["label"]) == {"policies (n = 1)", "evaluation (n = 2)"}
    assert len(t) == 4


def test_plot_tone_draws_no_interval_for_small_countries():
    c = pd.DataFrame({"doc_id": "d", "iso2": ["CL", "BO"], "country": ["Chile", "Bolivia"],
                      "n_sentences": [6, 2], "n_mentions": [7, 2], "register_mean": [0.2, -0.5],
                      "register_low": [0.1, -0.9], "register_high": [0.3, -0.1],
                      "small": [False, True]})
    fig = fg.plot_tone(fg.tone_intervals(c, "country", scores=("register",)), by="country")
    ax = fig.axes[0]
    segments = [seg for coll in ax.collections for seg in coll.get_segments()]
    assert len(segments) == 1  # Chile's interval only; Bolivia (2 mentions) none
    assert "resampling paragraphs" in fig.get_supxlabel()
    assert "fewer than 5 mentions" in fig.get_supxlabel()


@pytest.mark.parametrize("make", [
    lambda: fg.plot_country_heatmap(fg.country_matrix(MENTIONS, SENTENCES)),
    lambda: fg.plot_tone(fg.tone_intervals(TONE, "section")),
    lambda: fg.plot_country_heatmap(fg.country_matrix(MENTIONS.iloc[:0], SENTENCES)),
])
def test_countries_tone_plots_return_a_titled_figure_with_labelled_axes(make):
    assert_titled_figure(make())
