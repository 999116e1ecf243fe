"""Tests of analysis.report.figures.objectives_evaluation: the figures of notebook 04 (objectives vs evaluation)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.report import figures as fg
from figure_samples import SENTENCES, DOCUMENTS, OBJECTIVES, ASSESSMENTS, ALIGNMENT, assert_titled_figure, overlaps


def test_verdict_data_marks_objectives_without_assessment_not_assessed():
    v = fg.verdict_data(OBJECTIVES, ASSESSMENTS.iloc[:1], DOCUMENTS)
    assert v["verdict"].tolist() == ["slow", "not_assessed"]
    assert v["level"].tolist() == [2, 4]
    assert v["label"].tolist() == ["O1 expand trade", "O2 keep the peace of the region"]


def test_verdict_data_rejects_a_verdict_off_the_scale():
    bad = ASSESSMENTS.assign(verdict=["slow", "great"])
    with pytest.raises(ValueError, match="not on the scale"):
        fg.verdict_data(OBJECTIVES, bad)


def test_alignment_matrix_is_a_complete_grid_with_gaps_below_threshold():
    g = fg.alignment_matrix(ALIGNMENT, OBJECTIVES, SENTENCES, "d")
    assert len(g) == 2 * 2
    assert g["score"].isna().sum() == 2


def test_progress_data_counts_every_verdict_and_keeps_not_assessed_apart():
    v = fg.verdict_data(OBJECTIVES, ASSESSMENTS, DOCUMENTS)
    v.loc[1, ["verdict", "score"]] = ["not_assessed", np.nan]
    p = fg.progress_data(v, DOCUMENTS, seed=0)
    assert p["verdict"].tolist() == list(fg.VERDICTS)
    assert p["n"].sum() == len(v) and (p["n_objectives"] == 2).all() and (p["n_assessed"] == 1).all()
    assert p.set_index("verdict").loc["slow", "share_assessed"] == 1.0
    assert np.isnan(p.set_index("verdict").loc["not_assessed", "share_assessed"])
    assert p.set_index("verdict").loc["not_assessed", "share"] == 0.5
    assert not {"doc_mean", "doc_low", "doc_high"} & set(p.columns)


def test_progress_data_orders_statements_by_date_and_ignores_the_seed():
    docs = pd.DataFrame({"doc_id": ["late", "early"], "country": ["PE", "CL"],
                         "date": ["1952-01-01", "1949-06-01"]})
    v = pd.DataFrame({"doc_id": ["late", "early", "early"], "objective_id": [1, 1, 2],
                      "verdict": ["achieved", "slow", "not_assessed"]})
    p = fg.progress_data(v, docs, seed=1)
    assert list(dict.fromkeys(p["document"])) == ["Chile 1949", "Peru 1952"]
    pd.testing.assert_frame_equal(p, fg.progress_data(v, docs, seed=2))


def test_plot_helpers_do_not_change_their_input():
    v = fg.verdict_data(OBJECTIVES, ASSESSMENTS)
    before = v.copy()
    fg.plot_verdicts(v)
    pd.testing.assert_frame_equal(v, before)


def test_verdict_chart_labels_no_tick_labels_overlap():
    v = fg.verdict_data(OBJECTIVES, ASSESSMENTS)
    fig = fg.plot_verdicts(v)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.get_xticklabels() + ax.get_yticklabels()
             if t.get_text()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_plot_verdicts_draws_confidence_as_fill_and_not_assessed_apart():
    v = fg.verdict_data(OBJECTIVES, ASSESSMENTS.assign(confidence=[0.1, 0.9]))
    v.loc[2] = v.loc[1].copy()
    v.loc[2, ["objective_id", "verdict", "level"]] = [3, "not_assessed", 4]
    fig = fg.plot_verdicts(v)
    dots = [ln for ln in fig.axes[0].lines if len(ln.get_xdata()) == 1]
    alpha = {float(ln.get_xdata()[0]): ln.get_markerfacecolor()[3] for ln in dots}
    low, high = alpha[fg.VERDICTS.index("slow")], alpha[fg.VERDICTS.index("not_achieved")]
    assert low < high
    assert fg.NA_X in alpha and fg.NA_X > len(fg.VERDICTS) - 1  # a column past the scale


def test_plot_progress_keeps_not_assessed_out_of_the_stacked_shares():
    v = pd.DataFrame({"doc_id": "d", "objective_id": [1, 2, 3],
                      "verdict": ["achieved", "slow", "not_assessed"]})
    fig = fg.plot_progress(fg.progress_data(v, DOCUMENTS))
    shares, missing = fig.axes[:2]
    assert sum(p.get_width() for p in shares.patches) == pytest.approx(1.0)
    assert [p.get_width() for p in missing.patches] == [1]


def test_plot_alignment_labels_a_long_evaluation_without_overlap():
    sentences = pd.DataFrame({"doc_id": "d", "sentence_id": range(90),
                              "section": ["objectives"] * 2 + ["evaluation"] * 88})
    alignment = pd.DataFrame({"doc_id": "d", "objective_id": 1, "sentence_id": range(2, 90),
                              "score": np.linspace(0, 1, 88)})
    fig = fg.plot_alignment(fg.alignment_matrix(alignment, OBJECTIVES, sentences, "d"))
    canvas = FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    boxes = [(t.get_text(), t.get_window_extent(canvas.get_renderer()))
             for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert 10 < len(boxes) < 88 and not overlaps(boxes)


@pytest.mark.parametrize("make", [
    lambda: fg.plot_verdicts(fg.verdict_data(OBJECTIVES, ASSESSMENTS)),
    lambda: fg.plot_alignment(fg.alignment_matrix(ALIGNMENT, OBJECTIVES, SENTENCES, "d")),
    lambda: fg.plot_progress(fg.progress_data(fg.verdict_data(OBJECTIVES, ASSESSMENTS),
                                              DOCUMENTS, seed=0)),
    lambda: fg.plot_verdicts(fg.verdict_data(OBJECTIVES.iloc[:0], ASSESSMENTS)),
])
def test_objectives_evaluation_plots_return_a_titled_figure_with_labelled_axes(make):
    assert_titled_figure(make())
