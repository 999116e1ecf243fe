"""Tests of analysis/cli.py and analysis/pipeline.py: the `run` command."""
from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main
from conftest import SEED_FILE

FOUNDATION = {"documents", "sentences", "footnotes"}


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    a = tmp_path_factory.mktemp("run-a")
    b = tmp_path_factory.mktemp("run-b")
    raw_before = {p.name: p.read_bytes() for p in config.RAW_DIR.iterdir()}
    assert main(["run", str(config.RAW_DIR), "--out", str(a)]) == 0
    assert main(["run", str(config.RAW_DIR), "--out", str(b)]) == 0
    raw_after = {p.name: p.read_bytes() for p in config.RAW_DIR.iterdir()}
    return a, b, raw_before, raw_after


def test_cli_run_writes_foundation_tables(two_runs):
    a, *_ = two_runs
    assert FOUNDATION <= {p.stem for p in a.glob("*.csv")}
    sentences = pd.read_csv(a / "sentences.csv", dtype=str, keep_default_na=False)
    assert list(sentences.columns) == ["doc_id", "sentence_id", "section", "heading", "subheading",
                                       "paragraph", "page", "footnotes", "text"]
    docs = pd.read_csv(a / "documents.csv", dtype=str, keep_default_na=False)
    assert list(docs.columns)[:7] == ["doc_id", "title", "date", "country", "source", "sha256",
                                      "n_sentences"]
    assert (a / "footnotes.csv").read_text(encoding="utf-8").count("\n") == 13


def test_cli_run_is_byte_identical_twice(two_runs):
    a, b, *_ = two_runs
    assert _digest(a) == _digest(b)
    assert not list(a.glob("*.tmp"))


def test_cli_run_never_writes_raw_data(two_runs):
    _, _, before, after = two_runs
    assert before == after


def test_cli_bad_input_reported_others_still_written(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED_FILE, docs / "good.txt")
    (docs / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = main(["run", str(docs), str(tmp_path / "missing.txt"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "'empty.txt' is empty" in err
    assert "missing.txt' does not exist" in err
    assert all(len(line) < 300 for line in err.splitlines())
    written = pd.read_csv(out / "documents.csv", dtype=str)
    assert written.doc_id.tolist() == ["good"]


def test_cli_nothing_loadable_exits_nonzero(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["run", str(empty), "--out", str(tmp_path / "out")]) == 1
    assert "holds no documents" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cli_run_jobs_and_input_order_give_byte_identical_tables(tmp_path):
    """Issue 10: --jobs 2 with the inputs reversed writes the tables of --jobs 1."""
    files = sorted((config.DATA_DIR / "coded").glob("*.txt"))[:4]
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["run", *map(str, files), "--out", str(one), "--jobs", "1", "--quiet"]) == 0
    assert main(["run", *map(str, reversed(files)), "--out", str(two), "--jobs", "2"]) == 0
    assert _digest(one) == _digest(two)
    docs = pd.read_csv(one / "documents.csv", dtype=str)
    assert docs.doc_id.tolist() == sorted(docs.doc_id)


def test_cli_run_is_quiet_when_not_a_terminal(tmp_path, capsys):
    assert main(["run", str(config.RAW_DIR), "--out", str(tmp_path), "--jobs", "2"]) == 0
    err = capsys.readouterr().err
    assert "doc/s" not in err and "it/s" not in err and "%|" not in err


def test_cli_run_rejects_bad_jobs(capsys):
    with pytest.raises(SystemExit):
        main(["run", str(config.RAW_DIR), "--out", "x", "--jobs", "0"])
    assert "--jobs needs a whole number" in capsys.readouterr().err


def test_cli_progress_only_on_a_terminal_and_not_quiet(monkeypatch):
    import sys

    from analysis.pipeline import show_progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert show_progress() is True
    assert show_progress(quiet=True) is False
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert show_progress() is False
