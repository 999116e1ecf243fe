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
                                       "paragraph", "page", "footnotes", "text", "editorial"]
    assert set(sentences["editorial"]) == {"False"}  # the seed has no editors' text
    docs = pd.read_csv(a / "documents.csv", dtype=str, keep_default_na=False)
    assert list(docs.columns)[:7] == ["doc_id", "title", "date", "country", "source", "sha256",
                                      "n_sentences"]
    assert docs[["n_editorial", "region"]].values.tolist() == [["0", "ARA"]]
    assert {"sections", "mention_sentiment", "country_sentiment"} <= {p.stem for p in a.glob("*.csv")}
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


@pytest.mark.slow
def test_cli_run_jobs_and_input_order_give_byte_identical_tables(tmp_path):
    """Issue 10: --jobs 2 with the inputs reversed writes the tables of --jobs 1."""
    files = sorted((config.DATA_DIR / "coded").glob("*.txt"))[:4]
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["run", *map(str, files), "--out", str(one), "--jobs", "1", "--quiet"]) == 0
    assert main(["run", *map(str, reversed(files)), "--out", str(two), "--jobs", "2"]) == 0
    assert _digest(one) == _digest(two)
    docs = pd.read_csv(one / "documents.csv", dtype=str)
    assert docs.doc_id.tolist() == sorted(docs.doc_id)


def test_one_input_scored_in_chunks_on_two_processes_gives_the_tables_of_jobs_1(monkeypatch):
    """Issue 10: one input with --jobs 2 scores its sentences in chunks on a pool;
    the per-document tables equal --jobs 1's, as CSV text byte for byte."""
    from analysis import pipeline

    monkeypatch.setattr(pipeline, "SCORE_CHUNK", 7)  # many chunks, a short last one
    one = pipeline.load_measured([config.RAW_DIR], jobs=1)
    two = pipeline.load_measured([config.RAW_DIR], jobs=2)
    assert len(one["sentences"]) > 2 * pipeline.SCORE_CHUNK
    assert sorted(one) == sorted(two)
    for name in one:
        assert one[name].to_csv(index=False) == two[name].to_csv(index=False), name
        pd.testing.assert_frame_equal(one[name], two[name])


@pytest.mark.slow
def test_cli_run_one_input_jobs_2_gives_byte_identical_tables(tmp_path, monkeypatch):
    """Issue 10: the whole run of one input, --jobs 2 (sentences in chunks) vs --jobs 1."""
    from analysis import pipeline

    monkeypatch.setattr(pipeline, "SCORE_CHUNK", 10)
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["run", str(config.RAW_DIR), "--out", str(one), "--jobs", "1", "--quiet"]) == 0
    assert main(["run", str(config.RAW_DIR), "--out", str(two), "--jobs", "2", "--quiet"]) == 0
    assert _digest(one) == _digest(two)


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


# --- issue 11: checks before any work, one line per bad input, tables as a set ------------

@pytest.fixture
def no_work(monkeypatch):
    """Fail the test if any document is loaded."""
    import analysis.pipeline

    def boom(*args, **kwargs):
        raise AssertionError("work started before the arguments were checked")

    monkeypatch.setattr(analysis.pipeline, "build", boom)


def test_cli_out_that_is_a_file_fails_before_any_work(tmp_path, capsys, no_work):
    out = tmp_path / "out"
    out.write_text("not a folder")
    assert main(["run", str(config.RAW_DIR), "--out", str(out)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "is a file, not a folder" in err[0]


def test_cli_unwritable_out_fails_before_any_work(tmp_path, capsys, no_work):
    import os

    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o555)
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        assert main(["run", str(config.RAW_DIR), "--out", str(ro / "out")]) != 0
        assert "cannot be written" in capsys.readouterr().err
    finally:
        os.chmod(ro, 0o755)


@pytest.mark.parametrize("content, message", [(None, "does not exist"),
                                              (b"doc_id,file\n\x00\x01\x02", "binary"),
                                              (b"doc_id,file\na,x.txt\nb,x.txt\n", "twice")])
def test_cli_bad_manifest_fails_before_any_work(tmp_path, capsys, no_work, content, message):
    man = tmp_path / "corpus.csv"
    if content is not None:
        man.write_bytes(content)
    assert main(["run", str(config.RAW_DIR), "--out", str(tmp_path / "out"),
                 "--manifest", str(man)]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0] and "corpus.csv" in err[0]


def test_cli_negative_seed_is_refused_before_any_work(capsys, no_work):
    with pytest.raises(SystemExit):
        main(["run", str(config.RAW_DIR), "--out", "x", "--seed", "-1"])
    assert "--seed needs a whole number from 0" in capsys.readouterr().err


def test_cli_ctrl_c_is_one_line_without_traceback(tmp_path, capsys, monkeypatch):
    import analysis.pipeline

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(analysis.pipeline, "build", interrupt)
    assert main(["run", str(config.RAW_DIR), "--out", str(tmp_path / "out")]) == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "interrupted" in err[0]
    assert not (tmp_path / "out").exists()


def test_cli_poisoned_inputs_among_good_ones_each_one_line(tmp_path, capsys):
    import os

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED_FILE, docs / "good.txt")
    os.mkfifo(docs / "fifo.txt")
    (docs / "pages.txt").write_text("A Title\n\na. objectives\n\nWe seek [Page 99999999999999999999] "
                                    "security.\n")
    (docs / "late-nul.txt").write_bytes(b"A Title\n\n" + b"Text. " * 1000 + b"\x00")
    (docs / "deep.xml").write_text('<TEI><div type="document"><head>T</head><p>' + "<hi>" * 10_000 + "Deep."
                                   + "</hi>" * 10_000 + "</p></div></TEI>")
    out = tmp_path / "out"
    code = main(["run", str(docs), "--out", str(out), "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, err
    assert any("fifo.txt" in e and "FIFO" in e for e in errors)
    assert any("late-nul.txt" in e and "binary" in e for e in errors)
    written = pd.read_csv(out / "documents.csv", dtype=str)
    assert written.doc_id.tolist() == ["deep-d1", "good", "pages"]


def test_pipeline_tables_replaced_as_a_set_or_not_at_all(tmp_path, monkeypatch):
    import analysis.pipeline
    from analysis.pipeline import write_all

    out = tmp_path / "out"
    write_all({"a": pd.DataFrame({"x": [1]}), "b": pd.DataFrame({"x": [1]})}, out)
    (out / "figures").mkdir()
    (out / "figures" / "f.png").write_bytes(b"png")
    before = _digest(out)
    real = analysis.pipeline.write_table
    calls = []

    def fail_second(df, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(df, path)

    monkeypatch.setattr(analysis.pipeline, "write_table", fail_second)
    with pytest.raises(OSError):
        write_all({"a": pd.DataFrame({"x": [2]}), "b": pd.DataFrame({"x": [2]})}, out)
    assert _digest(out) == before  # no table of the failed run beside the old ones
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["out"]
    monkeypatch.setattr(analysis.pipeline, "write_table", real)
    write_all({"c": pd.DataFrame({"x": [3]})}, out)
    assert sorted(p.name for p in out.iterdir()) == ["c.csv", "figures"]  # figures carried over


def test_pipeline_second_concurrent_run_into_one_out_is_refused(tmp_path, capsys):
    import fcntl

    out = tmp_path / "out"
    with open(tmp_path / ".out.lock", "w") as other:  # a first run holding the lock
        fcntl.flock(other, fcntl.LOCK_EX)
        assert main(["run", str(config.RAW_DIR), "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "another run is writing" in err[0]
    assert not out.exists()


def test_cli_input_order_changes_no_byte_with_tei_and_repeated_ids(tmp_path):
    """Issue 11: rows sorted by document and position; which of two inputs with one doc_id
    is kept does not depend on the order they were given in."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(SEED_FILE, a / "x.txt")
    (b / "vol.xml").write_text('<TEI xml:id="x"><div type="document" xml:id="d1"><head>T</head>'
                               "<p>We seek security.</p></div></TEI>")
    (b / "zeta.txt").write_text("A Title\n\na. objectives\n\nWe seek zeta.\n")
    (b / "x-d1.txt").write_text("A Title\n\na. objectives\n\nSame id as the TEI document.\n")
    inputs = [str(a / "x.txt"), str(b / "zeta.txt"), str(b / "vol.xml"), str(b / "x-d1.txt")]
    assert main(["run", *inputs, "--out", str(tmp_path / "one"), "--quiet"]) == 1
    assert main(["run", *reversed(inputs), "--out", str(tmp_path / "two"), "--quiet"]) == 1
    assert _digest(tmp_path / "one") == _digest(tmp_path / "two")
    docs = pd.read_csv(tmp_path / "one" / "documents.csv", dtype=str)
    assert docs.doc_id.tolist() == ["x", "x-d1", "zeta"]


def test_cli_out_below_a_file_fails_before_any_work(tmp_path, capsys, no_work):
    (tmp_path / "file").write_text("")
    assert main(["run", str(config.RAW_DIR), "--out", str(tmp_path / "file" / "out")]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot be written" in err[0]


def test_cli_validate_negative_seed_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["validate", "gold", "docs", "--seed", "-1"])
    assert "--seed needs a whole number from 0" in capsys.readouterr().err


def test_cli_ctrl_c_while_the_libraries_load_is_one_line(tmp_path):
    """A real SIGINT to `python -m analysis run` soon after start: one line, status 130."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "run", str(config.RAW_DIR),
                             "--out", str(tmp_path / "out")], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # Signal once the program's own code is loading its libraries (pandas'
    # compiled modules mapped into the process): before that, the signal can
    # land in Python's start-up (site, runpy), which no program can catch.
    maps = Path(f"/proc/{proc.pid}/maps")
    deadline = time.monotonic() + 60
    while maps.exists() and time.monotonic() < deadline and proc.poll() is None:
        try:
            if "pandas/_libs" in maps.read_text():
                break
        except OSError:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal")
    assert proc.returncode == 130
    assert err.decode().strip().splitlines() == [
        "error: interrupted; the tables in --out are those of the last complete run (or none)"]


def test_pipeline_folders_of_a_killed_swap_are_cleaned_and_the_old_set_restored(tmp_path):
    from analysis.pipeline import write_all

    out = tmp_path / "out"
    (tmp_path / ".out.new-abc").mkdir()  # killed while writing the new set
    (tmp_path / ".out.new-abc" / "a.csv").write_text("x\n9\n")
    (tmp_path / ".out.old-def" / "out").mkdir(parents=True)  # killed between the renames
    (tmp_path / ".out.old-def" / "out" / "figures").mkdir()
    write_all({"a": pd.DataFrame({"x": [1]})}, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "figures"]


# --- issue 15: run selects documents of a local TEI volume ------------------------------------

def _volume_file(tmp_path, n_docs=12):
    from tei_fixtures import make_volume

    p = tmp_path / "v.xml"
    p.write_text(make_volume(n_docs), encoding="utf-8")
    return p


def test_cli_run_selects_documents_of_a_local_tei_volume_by_title_and_date(tmp_path, capsys):
    import json

    from analysis.io.tables import read_table
    from tei_fixtures import VOLUME_ID, expected_date, is_policy

    vol = _volume_file(tmp_path)
    out = tmp_path / "out"
    assert main(["run", str(vol), "--title", "policy statement", "--from", "1951-01",
                 "--to", "1951-02-10", "--out", str(out), "--jobs", "1", "--quiet"]) == 0, \
        capsys.readouterr().err
    want = [n for n in range(1, 13) if is_policy(n) and "1951-01-01" <= expected_date(n) <= "1951-02-10"]
    docs = read_table(out / "documents.csv")
    assert docs.doc_id.tolist() == [f"{VOLUME_ID}-d{n}" for n in want] and want
    record = json.loads((out / "run.json").read_text())
    assert record["parameters"]["select"] == {"docs": [], "title": "policy statement",
                                              "start": "1951-01", "end": "1951-02-10"}
    # run --from run.json repeats the selection
    again = tmp_path / "again"
    assert main(["run", "--from", str(out / "run.json"), "--out", str(again), "--jobs", "1",
                 "--quiet"]) == 0
    assert (again / "documents.csv").read_bytes() == (out / "documents.csv").read_bytes()
    assert json.loads((again / "run.json").read_text())["run_id"] == record["run_id"]


def test_cli_run_selection_changes_the_run_id_and_keeps_plain_text_whole(tmp_path, capsys):
    import json

    from analysis.io.tables import read_table

    vol = _volume_file(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["run", str(vol), str(SEED_FILE), "--out", str(a), "--jobs", "1", "--quiet"]) == 0
    assert main(["run", str(vol), str(SEED_FILE), "--doc", "d3", "--out", str(b), "--jobs", "1",
                 "--quiet"]) == 0
    assert read_table(b / "documents.csv").doc_id.tolist() == ["frus1951v02-peru", "frus1999v09-d3"]
    ids = [json.loads((d / "run.json").read_text())["run_id"] for d in (a, b)]
    assert ids[0] != ids[1]


def test_cli_run_bad_or_empty_selection_is_one_line(tmp_path, capsys, no_work):
    vol = _volume_file(tmp_path)
    assert main(["run", str(vol), "--title", "[", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a regular expression" in err


def test_cli_run_selection_matching_nothing_says_so(tmp_path, capsys):
    vol = _volume_file(tmp_path)
    assert main(["run", str(vol), "--doc", "d99", "--out", str(tmp_path / "o"), "--jobs", "1",
                 "--quiet"]) == 1
    assert "no document matches --doc d99" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


HELP_PROBE = """
import sys
from analysis.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(sorted(m for m in ("pandas", "sklearn", "nltk", "scipy") if m in sys.modules))
"""


@pytest.mark.parametrize("words, loaded", [(["--help"], "[]"), (["fit", "--help"], "[]"),
                                           (["validate", "--help"], None)])
def test_cli_help_imports_only_what_the_command_needs(words, loaded):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", HELP_PROBE, *words], capture_output=True, text=True,
                         cwd=config.PROJECT_ROOT, check=True).stdout
    assert "usage: python -m analysis" in out
    last = out.strip().splitlines()[-1]
    if loaded is None:  # validate's own arguments come from its module
        assert "--cv" in out and "sklearn" in last
    else:
        assert last == loaded


def test_cli_parser_built_for_one_command_has_every_command():
    from analysis.cli import MODULE_COMMANDS, build_parser

    full, lean = build_parser(), build_parser("")
    names = [a for a in full._subparsers._group_actions if a.dest == "command"][0].choices
    lean_names = [a for a in lean._subparsers._group_actions if a.dest == "command"][0].choices
    assert list(names) == list(lean_names) and set(MODULE_COMMANDS) <= set(names)
    assert full.parse_args(["validate", "gold", "docs", "--cv"]).cv
