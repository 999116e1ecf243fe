"""Tests of analysis.report.figures.comparison: the figures across statements (notebook 05).

Tiny tables check each data function; the ten coded statements (tables of
``analysis.pipeline`` on data/coded, built once) and the seed alone check
that every figure draws and saves byte-identically on both.
"""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import config
from analysis.report.figures import comparison as cp
from analysis.report import figures as fg

OBJECTIVES = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "objective_id": [1, 2, 3, 1],
                           "text": ["hemisphere defense", "democratic institutions",
                                    "expand trade", "the defense of the area"]})
ASSESSMENTS = pd.DataFrame({"doc_id": ["a", "a", "b"], "objective_id": [1, 2, 1],
                            "verdict": ["achieved", "slow", "partial"]})
DOCUMENTS = pd.DataFrame({"doc_id": ["b", "a"], "country": ["PE", "CO"],
                          "date": ["1951-01-01", "1950-05-08"]})


@pytest.fixture(scope="module")
def coded_tables():
    """The pipeline's tables on the ten coded statements (the stance step, unused here, skipped)."""
    from analysis.pipeline import load_measured, run_steps

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = load_measured([config.DATA_DIR / "coded"], jobs=2)
        return run_steps(loaded, seed=config.SEED,
                         steps=["countries", "sentiment", "topics", "progress"])


def _figures(tables, seed=config.SEED):
    k = cp.progress_by_kind(tables["objectives"], tables["assessments"])
    t = cp.tone_across(tables["section_sentiment"], tables["documents"])
    m = cp.topic_mix(tables["topic_prevalence"], tables["topic_terms"], tables["documents"],
                     tables["unit_topics"], seed=seed)
    c = cp.countries_per_statement(tables["mentions"], tables["sentences"], tables["documents"])
    return {"05-progress-by-kind": (cp.plot_progress_by_kind(k), k),
            "05-tone-by-section": (cp.plot_tone_across(t), t),
            "05-topic-mix": (cp.plot_topic_mix(m), m),
            "05-countries": (cp.plot_countries_per_statement(c), c)}


def test_comparison_progress_by_kind_counts_each_verdict_of_each_kind():
    d = cp.progress_by_kind(OBJECTIVES, ASSESSMENTS)
    n = d.set_index(["kind", "verdict"])["n"]
    assert n["security", "achieved"] == 1 and n["security", "partial"] == 1
    assert n["democracy", "slow"] == 1
    assert n["economy", "not_assessed"] == 1  # no assessment row: not assessed
    assert d["n"].sum() == len(OBJECTIVES)
    assert len(d) == 3 * len(fg.VERDICTS)  # complete grid of the kinds present
    sec = d[d["kind"] == "security"].iloc[0]
    assert (sec["n_objectives"], sec["n_documents"]) == (2, 2)


def test_comparison_progress_by_kind_follows_given_kinds_and_leaves_inputs_untouched():
    before = OBJECTIVES.copy(), ASSESSMENTS.copy()
    kinds = OBJECTIVES[["doc_id", "objective_id"]].assign(kind="bilateral")
    d = cp.progress_by_kind(OBJECTIVES, ASSESSMENTS, kinds)
    assert set(d["kind"]) == {"bilateral"} and d["n"].sum() == 4
    pd.testing.assert_frame_equal(OBJECTIVES, before[0])
    pd.testing.assert_frame_equal(ASSESSMENTS, before[1])


def test_comparison_progress_by_kind_rejects_a_verdict_off_the_scale():
    with pytest.raises(ValueError, match="excellent"):
        cp.progress_by_kind(OBJECTIVES, ASSESSMENTS.assign(verdict="excellent"))


def test_comparison_tone_across_keeps_the_tables_intervals_in_date_order():
    ss = pd.DataFrame({"doc_id": ["b", "a"], "section": ["evaluation"] * 2, "n_sentences": [9, 4],
                       "compound_mean": [0.2, 0.1], "compound_low": [0.1, 0.0],
                       "compound_high": [0.3, 0.2], "register_mean": [-0.1, 0.3],
                       "register_low": [-0.2, 0.1], "register_high": [0.0, 0.4],
                       "small": [False, True]})
    t = cp.tone_across(ss, DOCUMENTS)
    reg = t[t["score"] == "register"]
    assert reg["doc_id"].tolist() == ["a", "b"]  # 1950 before 1951
    assert reg[["mean", "ci_low", "ci_high"]].values.tolist() == [[0.3, 0.1, 0.4], [-0.1, -0.2, 0.0]]
    assert reg["small"].tolist() == [True, False] and set(t["resampled"]) == {"paragraphs"}


def test_comparison_orders_statements_as_the_figures_of_notebooks_01_to_04():
    # one reading order (figures.shared.document_order): undated statements last,
    # by their focus country rather than their file names
    docs = pd.DataFrame({"doc_id": ["a-peru", "b-chile", "c"], "country": ["PE", "CL", "CO"],
                         "date": ["", "", "1950-05-08"]})
    ss = pd.DataFrame({"doc_id": ["a-peru", "b-chile", "c"], "section": "evaluation",
                       "n_sentences": 9, "register_mean": 0.1, "register_low": 0.0,
                       "register_high": 0.2, "small": False})
    v = pd.DataFrame({"doc_id": ["a-peru", "b-chile", "c"], "objective_id": 1, "verdict": "slow"})
    order = ["c", "b-chile", "a-peru"]
    assert fg.document_order(docs) == order
    assert cp.tone_across(ss, docs)["doc_id"].tolist() == order
    assert list(dict.fromkeys(fg.progress_data(v, docs)["doc_id"])) == order
    m = pd.DataFrame({"doc_id": ["a-peru", "b-chile", "c"], "sentence_id": 0, "iso2": "PE",
                      "country": "Peru"})
    s = pd.DataFrame({"doc_id": ["a-peru", "b-chile", "c"], "sentence_id": 0})
    assert list(dict.fromkeys(cp.countries_per_statement(m, s, docs)["doc_id"])) == order


def test_comparison_topic_mix_uses_statement_prevalence_else_unit_topics():
    prev = pd.DataFrame({"grouping": "statement", "group": ["a", "a"], "topic": [1, 2],
                         "mean": [0.6, 0.4], "ci_low": [0.5, 0.3], "ci_high": [0.7, 0.5],
                         "n_units": [8, 8], "resampled": "units"})
    units = pd.DataFrame({"doc_id": "a", "unit_id": [1, 1, 2, 2], "topic": [1, 2, 1, 2],
                          "weight": [0.9, 0.1, 0.5, 0.5]})
    assert cp.topic_mix(prev, unit_topics=units)["mean"].tolist() == [0.6, 0.4]
    from_units = cp.topic_mix(prev.iloc[0:0], unit_topics=units, seed=1)
    assert from_units["mean"].tolist() == [0.7, 0.3] and from_units["n_units"].tolist() == [2, 2]
    again = cp.topic_mix(prev.iloc[0:0], unit_topics=units, seed=1)
    pd.testing.assert_frame_equal(from_units, again)


def test_comparison_countries_per_statement_gives_shares_and_the_focus_country():
    m = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "sentence_id": [0, 0, 1, 0],
                      "iso2": ["CO", "CO", "PE", "PE"], "country": ["Colombia", "Colombia", "Peru", "Peru"]})
    s = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 2, "sentence_id": [0, 1, 2, 3, 0, 1]})
    c = cp.countries_per_statement(m, s, DOCUMENTS).set_index(["doc_id", "iso2"])
    assert c.loc[("a", "CO"), "n_sentences"] == 1  # a sentence counts once
    assert c.loc[("a", "PE"), "share"] == 0.25 and c.loc[("b", "PE"), "share"] == 0.5
    assert c.loc[("a", "CO"), "focus"] and c.loc[("b", "PE"), "focus"]
    assert not c.loc[("a", "PE"), "focus"]
    assert c.loc[("b", "CO"), "n_sentences"] == 0  # complete grid


def test_comparison_figures_draw_on_the_seed_alone_with_a_note(seed_all_tables):
    # the committed 05-* figures come from the notebook runner (test_notebooks)
    import io

    for name, (fig, data) in _figures(seed_all_tables).items():
        assert len(data) > 0, name
        texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
        assert any(cp.ONE_STATEMENT in t for t in texts), name
        fig.savefig(io.BytesIO(), format="png", dpi=40)


@pytest.mark.slow
def test_comparison_figures_on_the_ten_coded_statements_are_byte_identical(coded_tables, tmp_path):
    figs = _figures(coded_tables)
    assert figs["05-tone-by-section"][1]["doc_id"].nunique() == 10
    assert figs["05-topic-mix"][1]["doc_id"].nunique() == 10
    assert figs["05-progress-by-kind"][1]["n"].sum() == len(coded_tables["objectives"])
    def saved(figures, folder):  # PNG and CSV (the PDF of the same figure is slower to write)
        return {n: [p.read_bytes() for p in fg.save_figure(f, n, d, folder=folder, formats=("png",))]
                for n, (f, d) in figures.items()}

    first = saved(figs, tmp_path / "1")
    again = saved(_figures(coded_tables), tmp_path / "2")
    assert first == again
    for name, (fig, _) in figs.items():
        texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
        assert not any(cp.ONE_STATEMENT in t for t in texts), name
