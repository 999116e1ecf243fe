"""Tests of analysis/report/coding.py: sampling, the coding session and its widget, gold export."""
from __future__ import annotations

import json

import pytest

from analysis.report.coding import CODING_COLUMNS, CodingSession, export_gold, read_coding, sample_units
from analysis.report.validate import validate
from conftest import SEED_DOC


def test_coding_sample_is_seeded_stratified_and_order_free(seed_all_tables):
    a = sample_units(seed_all_tables, "tone", n=30, seed=1)
    b = sample_units({k: v.iloc[::-1] for k, v in seed_all_tables.items()}, "tone", n=30, seed=1)
    assert len(a) == 30 and a["unit_id"].is_unique
    assert a["unit_id"].tolist() == b["unit_id"].tolist()
    assert a["unit_id"].tolist() != sample_units(seed_all_tables, "tone", n=30, seed=2)["unit_id"].tolist()


def test_coding_stance_units_mark_the_mention(seed_all_tables):
    u = sample_units(seed_all_tables, "stance", n=10, seed=0)
    assert u["text"].str.contains(r"\[\[.+\]\]").all()


def test_coding_objective_units_show_the_evaluation(seed_all_tables):
    u = sample_units(seed_all_tables, "objective", n=50, seed=0)
    assert len(u) == len(seed_all_tables["objectives"])  # fewer units than asked: all of them
    assert u["context"].str.contains("far from realization").all()


def test_coding_thirty_units_by_clicking_then_resume_and_second_coder(seed_all_tables, tmp_path):
    units = sample_units(seed_all_tables, "tone", n=30, seed=0)
    path = tmp_path / "coding.csv"
    panel = CodingSession(units, path, coder="A", clock=lambda: "2026-01-01T00:00:00+00:00").widget()
    clicks = [panel.buttons[k % 3] for k in range(20)]
    for b in clicks:
        b.click()
    # The coder stops and comes back: the session resumes at unit 21.
    session = CodingSession(units, path, coder="A")
    assert session.progress == (20, 30)
    panel = session.widget()
    for k in range(10):
        panel.buttons[k % 3].click()
    assert session.current() is None and all(b.disabled for b in panel.buttons)
    coded = read_coding(path)
    assert list(coded.columns) == CODING_COLUMNS
    assert len(coded) == 30 and coded["unit_id"].is_unique and set(coded["coder"]) == {"A"}
    # A second coder sees the same units from the start, and A's rows are never rewritten.
    before = path.read_bytes()
    second = CodingSession(units, path, coder="B")
    assert second.progress == (0, 30) and second.current()["unit_id"] == units["unit_id"].iloc[0]
    second.record("neutral")
    assert path.read_bytes().startswith(before)


def test_coding_rejects_unknown_labels_and_missing_coder(seed_all_tables, tmp_path):
    units = sample_units(seed_all_tables, "tone", n=3, seed=0)
    with pytest.raises(ValueError, match="give a coder id"):
        CodingSession(units, tmp_path / "c.csv", coder=" ")
    with pytest.raises(ValueError, match="is not one of"):
        CodingSession(units, tmp_path / "c.csv", coder="A").record("great")


def test_coding_export_gold_is_read_by_validate(seed_all_tables, tmp_path):
    from analysis import config

    units = sample_units(seed_all_tables, "objective", n=5, seed=0)
    path = tmp_path / "coding.csv"
    s = CodingSession(units, path, coder="A")
    while s.current() is not None:
        s.record("partial")
    paths = export_gold(read_coding(path), "A", seed_all_tables, tmp_path / "gold")
    gold = json.loads(paths[0].read_text(encoding="utf-8"))
    assert gold["document"] == SEED_DOC and len(gold["objectives"]) == 5
    report = validate(tmp_path / "gold", config.RAW_DIR)
    assert report.iloc[0]["gold_objectives"] == 5 and report.iloc[0]["recall"] == 1.0
