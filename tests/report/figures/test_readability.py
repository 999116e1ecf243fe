"""Every plot of notebooks 01-04 reads at 1, 3 and 20 statements: no label overlaps, no text off the page."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.report import figures as fg
from figure_samples import overlaps


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


#: Every figure of notebooks 01-04, drawn from a full set of tables.
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


#: The figure modules of notebooks 01-04, whose every plot is checked here
#: (notebook 05's, tests/report/figures/test_comparison.py, draw on the seed and
#: the ten coded statements).
CHECKED = (fg.corpus, fg.sections_topics, fg.countries_tone, fg.objectives_evaluation)


def test_figures_every_plot_function_is_checked_for_readability():
    plots = {n for m in CHECKED for n in dir(m) if n.startswith("plot_") and callable(getattr(m, n))}
    assert plots == {k.split("/")[0] for k in FIGURES}


# twenty statements in the slow suite (.ci/run); one and three in make test
@pytest.mark.parametrize("n_statements", [1, 3, pytest.param(20, marks=pytest.mark.slow)])
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
        assert not overlaps(boxes), f"{name}: tick labels overlap: {overlaps(boxes)[:3]}"
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
    assert not overlaps(parts), f"{name}: labels overlap: {overlaps(parts)[:3]}"
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
