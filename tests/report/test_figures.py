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


def test_plot_topic_prevalence_states_what_the_interval_resamples():
    fig = fg.plot_topic_prevalence(PREVALENCE.assign(resampled="documents"))
    assert "resampling whole documents" in fig.get_supxlabel()


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
    assert 10 < len(boxes) < 88 and not _overlaps(boxes)


# ------------------------------------------- readability at 1, 3 and 20 statements

#: Aims of the generated statements ({c}: the focus country, {n}: a neighbour).
_AIMS = ("to maintain the independence of {c} and its will to resist aggression",
         "to encourage the growth of democratic political institutions in {c}",
         "to obtain a fair contribution from {c} to the security of the region",
         "to expand trade between {c} and the United States on a basis of mutual benefit",
         "to secure access to the strategic raw materials produced in {c}",
         "to contribute to the economic development and financial stability of {c}",
         "to reduce the influence of the Communist party in the labor unions of {c}",
         "to keep the legation in {c} open and to protect American property there",
         "to encourage {c} to settle its boundary dispute with {n} by peaceful means")
#: The evaluation sentence of each aim, worded for different verdicts.
_EVALUATIONS = ("Progress toward the independence of {c} has been satisfactory.",
                "Democratic institutions in {c} remain weak and little progress has been made.",
                "The contribution of {c} to security has been slow but steady.",
                "Trade with {c} has expanded considerably and this objective has been achieved.",
                "Deliveries of raw materials from {c} have fallen far short of our hopes.",
                "Economic development in {c} has made partial progress.",
                "Communist influence in the unions of {c} has not been reduced.",
                "The legation has been kept open, and its work has been effective.",
                "The dispute between {c} and {n} is no nearer a settlement.")
_MONTHS = ("January", "March", "May", "July", "September", "November")


def _synthetic_statement(rng, country, others, year, month) -> str:
    """A small policy statement: 3-8 objectives, policies, relations, an evaluation."""
    aims = rng.choice(len(_AIMS), size=int(rng.integers(3, 9)), replace=False)
    n = others[0]
    objectives = "; ".join(f"({j + 1}) " + _AIMS[i].format(c=country, n=n)
                           for j, i in enumerate(aims))
    judged = aims[: max(1, len(aims) - int(rng.integers(0, 3)))]  # some left unassessed
    return "\n\n".join([
        "Policy Statement of the Department of State", f"{country}, {_MONTHS[month]} 1, {year}",
        "a. objectives", f"The objectives of US policy toward {country} are: {objectives}.",
        "b. policies",
        f"US policy toward {country} is designed to obtain cooperation without pressure. "
        f"Relations between {country} and {n} have been strained by the dispute.",
        f"We lend capital to {country} through the Export-Import Bank. "
        f"The Government of {country} has been cooperative in the United Nations.",
        "c. relations with other states",
        " ".join(f"{country} has cordial relations with {m}." for m in others)
        + f" {country} distrusts {others[-1]}.",
        "d. policy evaluation",
        *[_EVALUATIONS[i].format(c=country, n=n) for i in judged]]) + "\n"


@pytest.fixture(scope="module")
def generated_tables(tmp_path_factory):
    """Every table of the pipeline on 20 generated statements about real countries."""
    import warnings

    from analysis import config
    from analysis.pipeline import build

    folder = tmp_path_factory.mktemp("generated")
    rng = np.random.default_rng(20260101)
    names = pd.read_csv(config.PACKAGE_DATA / "regions.csv", comment="#")["name"].dropna()
    names = sorted(n for n in names if n != "United States" and "," not in n)
    picks = rng.choice(len(names), size=20, replace=False)
    rest = [n for i, n in enumerate(names) if i not in set(picks)]
    for j in range(20):
        country = names[picks[j]]
        others = [rest[i] for i in rng.choice(len(rest), size=4, replace=False)]
        (folder / f"generated-{j:02d}.txt").write_text(
            _synthetic_statement(rng, country, others, 1949 + j % 4, j % 6), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return build([folder], seed=20260101)


def _first_statements(tables: dict, n: int) -> dict:
    """The tables of the first ``n`` statements (document order) of ``tables``."""
    keep = set(fg.document_order(tables["documents"])[:n])
    out = {k: (v[v["doc_id"].isin(keep)].reset_index(drop=True) if "doc_id" in v else v)
           for k, v in tables.items()}
    prev = tables["topic_prevalence"]
    statement = prev["grouping"] == "statement"
    out["topic_prevalence"] = prev[~statement | prev["group"].isin(keep)].reset_index(drop=True)
    return out


#: Every figure of the module, drawn from a full set of tables.
FIGURES = {
    "plot_section_lengths": lambda t: fg.plot_section_lengths(
        fg.section_lengths(t["sentences"]), t["documents"]),
    "plot_topic_terms": lambda t: fg.plot_topic_terms(fg.topic_term_data(t["topic_terms"])),
    "plot_k_selection": lambda t: fg.plot_k_selection(t["topic_selection"]),
    "plot_topic_prevalence": lambda t: fg.plot_topic_prevalence(
        t["topic_prevalence"], fg.topic_labels(t["topic_terms"]), grouping="section"),
    "plot_topic_prevalence/statement": lambda t: fg.plot_topic_prevalence(
        t["topic_prevalence"], fg.topic_labels(t["topic_terms"]), grouping="statement",
        documents=t["documents"]),
    "plot_topic_prevalence/country": lambda t: fg.plot_topic_prevalence(
        t["topic_prevalence"], fg.topic_labels(t["topic_terms"]), grouping="country"),
    "plot_country_heatmap": lambda t: fg.plot_country_heatmap(
        fg.country_matrix(t["mentions"], t["sentences"], by="section"), by="section"),
    "plot_country_heatmap/document": lambda t: fg.plot_country_heatmap(
        fg.country_matrix(t["mentions"], t["sentences"], by="document",
                          documents=t["documents"]), by="document"),
    "plot_tone": lambda t: fg.plot_tone(
        fg.tone_intervals(t["section_sentiment"], "section", t["documents"]), by="section"),
    "plot_tone/country": lambda t: fg.plot_tone(
        fg.tone_intervals(t["country_sentiment"], "country", t["documents"]), by="country"),
    "plot_verdicts": lambda t: fg.plot_verdicts(
        fg.verdict_data(t["objectives"], t["assessments"], t["documents"]), t["documents"]),
    "plot_alignment": lambda t: fg.plot_alignment(fg.alignment_matrix(
        t["alignment"], t["objectives"], t["sentences"], t["documents"]["doc_id"].iloc[0])),
    "plot_progress": lambda t: fg.plot_progress(fg.progress_data(
        fg.verdict_data(t["objectives"], t["assessments"], t["documents"]), t["documents"],
        seed=0)),
}


def test_figures_every_plot_function_is_checked_for_readability():
    plots = {n for n in dir(fg) if n.startswith("plot_") and callable(getattr(fg, n))}
    assert plots == {k.split("/")[0] for k in FIGURES}


def _overlaps(boxes):
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:]
            if ba.overlaps(bb)]


@pytest.mark.parametrize("n_statements", [1, 3, 20])
@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figures_readable_at_1_3_and_20_statements(generated_tables, name, n_statements):
    from matplotlib.text import Text

    tables = _first_statements(generated_tables, n_statements)
    assert tables["documents"]["doc_id"].nunique() == n_statements
    fig = FIGURES[name](tables)
    canvas = FigureCanvasAgg(fig)
    fig.draw_without_rendering()  # the layout and every artist placed, no pixels
    renderer = canvas.get_renderer()
    hidden = set()  # labels of ticks outside the view limits, which are not drawn
    ticks, parts = [], []
    for ax in fig.axes:
        drawn = []
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                labels = (tick.label1, tick.label2)
                if low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    drawn += [t for t in labels if t.get_visible() and t.get_text()]
                else:
                    hidden.update(map(id, labels))
        boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn]
        assert not _overlaps(boxes), f"{name}: tick labels overlap: {_overlaps(boxes)[:3]}"
        ticks += boxes
        parts += [(t.get_text(), t.get_window_extent(renderer))
                  for t in (ax.title, ax._left_title, ax._right_title, ax.xaxis.label,
                            ax.yaxis.label) if t.get_visible() and t.get_text()]
        if ax.get_legend() is not None:
            parts.append(("legend", ax.get_legend().get_window_extent(renderer)))
    parts += [(t.get_text(), t.get_window_extent(renderer))
              for t in (fig._suptitle, fig._supxlabel, fig._supylabel)
              if t is not None and t.get_visible() and t.get_text()]
    parts += [("legend", leg.get_window_extent(renderer)) for leg in fig.legends]
    # titles, axis labels, captions and legends clear of each other and of every tick label
    assert not _overlaps(parts), f"{name}: labels overlap: {_overlaps(parts)[:3]}"
    clash = [(a, b) for a, ba in parts for b, bb in ticks if ba.overlaps(bb)]
    assert not clash, f"{name}: a label overlaps tick labels: {clash[:3]}"
    page = fig.bbox
    for t in fig.findobj(Text):
        if not (t.get_visible() and t.get_text() and id(t) not in hidden):
            continue
        b = t.get_window_extent(renderer)
        assert (b.x0 >= page.x0 - 1 and b.y0 >= page.y0 - 1 and b.x1 <= page.x1 + 1
                and b.y1 <= page.y1 + 1), f"{name}: text {t.get_text()!r} outside the figure"
    assert fig.get_size_inches()[1] <= fg.MAX_HEIGHT
