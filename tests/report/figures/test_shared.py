"""Tests of analysis.report.figures.shared: the shared figure helpers: byte-stable saving, labels, the order of statements."""
from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.report import figures as fg


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


def test_short_label_drops_the_aim_opener_and_shortens():
    assert fg.short_label("The US seeks to maintain good relations.") == "maintain good relations"
    assert len(fg.short_label("to " + "word " * 40, width=30)) <= 31


def test_document_labels_are_unique():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "country": ["PE", "PE"], "date": ["1951-01-02"] * 2})
    assert fg.document_labels(docs).is_unique
