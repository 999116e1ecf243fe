"""Tests of analysis.report.figures: byte-stable saving and plotting helpers."""
from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.report import figures as fg

SENTENCES = pd.DataFrame({
    "doc_id": ["d"] * 6,
    "sentence_id": [0, 1, 2, 3, 4, 5],
    "section": ["objectives", "objectives", "policies", "relations", "evaluation", "evaluation"],
    "paragraph": [1, 1, 2, 3, 4, 4],
    "text": ["We seek to expand trade.", "We wish to keep the peace of the region.",
             "We lend capital.", "Relations with Chile are strained.",
             "Trade has made slow progress.", "The peace is far from realization."]})
DOCUMENTS = pd.DataFrame({"doc_id": ["d"], "country": ["PE"], "date": [""],
                          "volume": ["FRUS 1951, vol. II"]})
MENTIONS = pd.DataFrame({"doc_id": ["d", "d", "d"], "sentence_id": [0, 3, 3],
                         "iso2": ["US", "CL", "CL"], "country": ["United States", "Chile", "Chile"]})
OBJECTIVES = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2], "sentence_id": [0, 1],
                           "text": ["to expand trade", "to keep the peace of the region"]})
ASSESSMENTS = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2],
                            "verdict": ["slow", "not_achieved"], "score": [0.333, 0.0],
                            "confidence": [0.7, 0.6], "evidence_sentence_ids": ["4", "5"]})
ALIGNMENT = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2], "sentence_id": [4, 5],
                          "score": [0.6, 0.5]})
TONE = pd.DataFrame({"doc_id": ["d", "d"], "section": ["policies", "evaluation"],
                     "n_sentences": [1, 2], "compound_mean": [0.3, -0.2],
                     "compound_low": [0.3, -0.5], "compound_high": [0.3, 0.1],
                     "register_mean": [0.0, -0.4], "register_low": [0.0, -0.6],
                     "register_high": [0.0, -0.2], "small": [True, True]})
TERMS = pd.DataFrame({"topic": [1, 1, 2, 2], "measure": "weight", "rank": [1, 2, 1, 2],
                      "term": ["trade", "capital", "peace", "region"],
                      "weight": [0.5, 0.3, 0.6, 0.2], "relevance": [0.1, 0.2, 0.3, 0.4]})
SELECTION = pd.DataFrame({"method": "nmf", "unit": "paragraph", "k": [2, 3],
                          "coherence": [0.2, 0.1], "stability": [0.9, 0.7],
                          "chosen": [True, False]})
PREVALENCE = pd.DataFrame({"grouping": "section", "group": ["objectives", "policies"] * 2,
                           "topic": [1, 1, 2, 2], "mean": [0.7, 0.4, 0.3, 0.6],
                           "ci_low": [0.6, 0.2, 0.2, 0.4], "ci_high": [0.8, 0.6, 0.4, 0.8],
                           "n_units": [1, 1, 1, 1]})


def _tiny_figure():
    fig = Figure(figsize=(2, 1.5))
    ax = fig.subplots()
    ax.plot([0, 1, 2], [1, 0, 1], marker="o", label="a line")
    ax.set_title("tiny")
    ax.legend()
    return fig


def test_save_figure_writes_png_pdf_and_the_plotted_data(tmp_path):
    data = pd.DataFrame({"x": [0, 1, 2], "y": [1, 0, 1]})
    paths = fg.save_figure(_tiny_figure(), "tiny", data, folder=tmp_path)
    assert [p.name for p in paths] == ["tiny.png", "tiny.pdf", "tiny.csv"]
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert paths[1].read_bytes()[:5] == b"%PDF-"
    assert pd.read_csv(paths[2]).equals(data)


def test_save_figure_png_is_300_dpi(tmp_path):
    from PIL import Image

    png = fg.save_figure(_tiny_figure(), "tiny", pd.DataFrame({"a": [1]}), folder=tmp_path)[0]
    with Image.open(png) as im:
        assert im.size == (600, 450)
        assert round(im.info["dpi"][0]) == 300


@pytest.mark.parametrize("formats", [("png", "pdf"), ("svg",)])
def test_save_figure_same_figure_twice_gives_identical_bytes(tmp_path, formats):
    data = pd.DataFrame({"x": [0.1, 0.2]})
    a = fg.save_figure(_tiny_figure(), "t", data, folder=tmp_path / "a", formats=formats)
    b = fg.save_figure(_tiny_figure(), "t", data, folder=tmp_path / "b", formats=formats)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_save_figure_leaves_no_date_in_vector_files(tmp_path):
    pdf, svg = (fg.save_figure(_tiny_figure(), "t", pd.DataFrame(), folder=tmp_path,
                               formats=(f,))[0] for f in ("pdf", "svg"))
    assert b"CreationDate" not in pdf.read_bytes()
    assert b"<dc:date>" not in svg.read_bytes()


def test_save_figure_restores_rcparams_and_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = matplotlib.rcParams["svg.hashsalt"]
    fg.save_figure(_tiny_figure(), "t", pd.DataFrame(), folder=tmp_path, formats=("svg",))
    assert matplotlib.rcParams["svg.hashsalt"] == before
    import os
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_save_figure_rejects_a_path_as_name(tmp_path):
    with pytest.raises(ValueError, match="plain file stem"):
        fg.save_figure(_tiny_figure(), "sub/t", pd.DataFrame(), folder=tmp_path)


def test_save_figure_requires_the_plotted_dataframe(tmp_path):
    with pytest.raises(TypeError, match="must be the DataFrame it plots"):
        fg.save_figure(_tiny_figure(), "t", [1, 2], folder=tmp_path)


def test_section_lengths_counts_words_sentences_and_paragraphs_in_section_order():
    d = fg.section_lengths(SENTENCES)
    assert d["section"].tolist() == ["objectives", "policies", "relations", "evaluation"]
    assert d["n_sentences"].sum() == len(SENTENCES)
    assert d.loc[d.section == "objectives", "n_words"].item() == 14
    assert d.loc[d.section == "evaluation", "n_paragraphs"].item() == 1


def test_country_matrix_counts_sentences_not_mentions_and_fills_zero_cells():
    m = fg.country_matrix(MENTIONS, SENTENCES, by="section")
    chile = m[(m.iso2 == "CL")].set_index("row")["n_sentences"]
    assert chile["relations"] == 1  # two mentions in one sentence count once
    assert chile["objectives"] == 0
    assert len(m) == 4 * 2  # every section × every country


def test_country_matrix_rejects_unknown_rows():
    with pytest.raises(ValueError, match="must be 'section' or 'document'"):
        fg.country_matrix(MENTIONS, SENTENCES, by="paragraph")


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


def test_progress_data_mean_interval_contains_mean_and_ignores_not_assessed():
    v = fg.verdict_data(OBJECTIVES, ASSESSMENTS, DOCUMENTS)
    v.loc[1, ["verdict", "score"]] = ["not_assessed", np.nan]
    p = fg.progress_data(v, DOCUMENTS, seed=0)
    assert p["n_assessed"].iloc[0] == 1 and p["n_objectives"].iloc[0] == 2
    assert p["doc_low"].iloc[0] <= p["doc_mean"].iloc[0] <= p["doc_high"].iloc[0]


def test_tone_intervals_labels_rows_with_the_number_of_sentences():
    t = fg.tone_intervals(TONE, "section", DOCUMENTS)
    assert set(t["label"]) == {"policies (n = 1)", "evaluation (n = 2)"}
    assert len(t) == 4


def test_short_label_drops_the_aim_opener_and_shortens():
    assert fg.short_label("The US seeks to maintain good relations.") == "maintain good relations"
    assert len(fg.short_label("to " + "word " * 40, width=30)) <= 31


def test_document_labels_are_unique():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "country": ["PE", "PE"], "date": ["1951-01-02"] * 2})
    assert fg.document_labels(docs).is_unique


@pytest.mark.parametrize("make", [
    lambda: fg.plot_section_lengths(fg.section_lengths(SENTENCES), DOCUMENTS),
    lambda: fg.plot_topic_terms(fg.topic_term_data(TERMS)),
    lambda: fg.plot_k_selection(SELECTION),
    lambda: fg.plot_topic_prevalence(PREVALENCE, fg.topic_labels(TERMS)),
    lambda: fg.plot_country_heatmap(fg.country_matrix(MENTIONS, SENTENCES)),
    lambda: fg.plot_tone(fg.tone_intervals(TONE, "section")),
    lambda: fg.plot_verdicts(fg.verdict_data(OBJECTIVES, ASSESSMENTS)),
    lambda: fg.plot_alignment(fg.alignment_matrix(ALIGNMENT, OBJECTIVES, SENTENCES, "d")),
    lambda: fg.plot_progress(fg.progress_data(fg.verdict_data(OBJECTIVES, ASSESSMENTS),
                                              DOCUMENTS, seed=0)),
    lambda: fg.plot_verdicts(fg.verdict_data(OBJECTIVES.iloc[:0], ASSESSMENTS)),
    lambda: fg.plot_country_heatmap(fg.country_matrix(MENTIONS.iloc[:0], SENTENCES)),
])
def test_plot_helpers_return_a_titled_figure_with_labelled_axes(make):
    fig = make()
    assert isinstance(fig, Figure)
    FigureCanvasAgg(fig).draw()
    titles = [fig.get_suptitle()] + [ax.get_title(loc="left") or ax.get_title() for ax in fig.axes]
    assert any(titles)
    for ax in fig.axes:
        if ax.get_visible() and ax.axison and ax.get_label() != "<colorbar>":
            assert ax.get_xlabel() or ax.get_ylabel() or not ax.has_data()


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
