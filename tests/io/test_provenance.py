"""Tests of analysis/io/provenance.py: run.json, and repeating a run from it."""
from __future__ import annotations

import json
import shutil

from analysis import config
from analysis.cli import main
from analysis.io.provenance import RUN_FILE, compare_record, read_record

SEED_FILE = config.RAW_DIR / "frus1951v02-peru-policy-statement.txt"


def test_provenance_run_writes_run_json_with_inputs_seed_and_versions(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_FILE, corpus)
    assert main(["run", str(corpus), "--out", str(tmp_path / "out"), "--seed", "7", "--jobs", "1", "--quiet"]) == 0
    rec = read_record(tmp_path / "out" / RUN_FILE)
    assert rec["seed"] == 7 and len(rec["inputs"]) == 1
    assert rec["inputs"][0]["sha256"] == json.loads(json.dumps(rec))["inputs"][0]["sha256"]
    assert rec["dependencies"]["pandas"] and rec["python"] and rec["package"]["version"]
    assert len(rec["run_id"]) == 16 and rec["duration_s"] >= 0


def test_provenance_from_repeats_a_run_byte_for_byte_and_reports_changes(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_FILE, corpus / "peru.txt")
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["run", str(corpus), "--out", str(first), "--jobs", "1", "--quiet"]) == 0
    assert main(["run", "--from", str(first / RUN_FILE), "--out", str(second), "--jobs", "1", "--quiet"]) == 0
    assert "same inputs, manifest, seed and versions" in capsys.readouterr().out
    tables = sorted(p.name for p in first.glob("*.csv"))
    assert tables and tables == sorted(p.name for p in second.glob("*.csv"))
    for name in tables:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    a, b = read_record(first / RUN_FILE), read_record(second / RUN_FILE)
    assert a["run_id"] == b["run_id"]
    # The input changes: the repeat says so.
    (corpus / "peru.txt").write_bytes(SEED_FILE.read_bytes().replace(b"Peru", b"Chile", 1))
    assert main(["run", "--from", str(first / RUN_FILE), "--out", str(tmp_path / "third"), "--jobs", "1",
                 "--quiet"]) == 0
    assert "changed (sha256" in capsys.readouterr().err


def test_provenance_figures_name_their_run(tmp_path):
    import pandas as pd
    from matplotlib.figure import Figure

    from analysis.report import figures

    fig = Figure(figsize=(2, 1))
    fig.subplots().plot([0, 1], [0, 1])
    figures.set_run("abc123")
    try:
        figures.save_figure(fig, "x", pd.DataFrame({"v": [1]}), folder=tmp_path, formats=("png",))
    finally:
        figures.set_run(None)
    assert pd.read_csv(tmp_path / "x.csv")["run_id"].tolist() == ["abc123"]


def test_provenance_bad_record_is_one_line(tmp_path, capsys):
    (tmp_path / "run.json").write_text("[1]", encoding="utf-8")
    assert main(["run", "--from", str(tmp_path / "run.json")]) == 2
    assert "not a run record" in capsys.readouterr().err


def test_provenance_compare_lists_missing_and_new_inputs():
    old = {"inputs": [{"path": "a.txt", "sha256": "1"}]}
    new = {"inputs": [{"path": "b.txt", "sha256": "1"}]}
    assert compare_record(old, new) == ["input a.txt is missing now", "input b.txt is new"]


def test_provenance_records_the_declared_dependencies_without_the_lock(tmp_path, monkeypatch):
    # `pip install .` leaves requirements.lock behind in the checkout: run.json
    # then names the versions of what the installed package requires
    import pandas as pd

    from analysis.io import provenance

    monkeypatch.setattr(provenance, "_declared",
                        lambda: ["pandas>=3.0", "vaderSentiment==3.3.2", 'pytest>=8; extra == "test"'])
    deps = provenance._pinned(tmp_path / "requirements.lock")
    assert set(deps) == {"pandas", "vaderSentiment"} and deps["pandas"] == pd.__version__
