"""Tests of analysis/io/fetch.py: fetch, cache, select, record — from a server on 127.0.0.1 only."""
from __future__ import annotations

import hashlib
import json
import warnings

import pytest

from analysis import config
from analysis.cli import main
from analysis.io.fetch import FRUS_COMMIT, FetchError, fetch, volume_url
from analysis.io.loader import read_manifest
from analysis.text.corpus import load_corpus
from analysis.io.tables import read_table
from analysis.io.tei import Selection
from tei_fixtures import (COMMIT, SEED_TEI, VOLUME_ID, closed_port_url, expected_date, is_policy,
                          make_volume, serve)

N_DOCS = 24
VOLUME = make_volume(N_DOCS).encode("utf-8")
VOLUME_PATH = f"/{COMMIT}/volumes/{VOLUME_ID}.xml"
SEED_PATH = f"/{COMMIT}/volumes/frus1951v02.xml"


@pytest.fixture
def server():
    with serve({VOLUME_PATH: VOLUME, SEED_PATH: SEED_TEI.read_bytes()}) as (url, requests):
        yield url, requests


def _fetch(capsys, folder, base, *options, volume=VOLUME_ID, commit=COMMIT):
    code = main(["fetch", volume, "--commit", commit, "--dir", str(folder), "--base-url", base,
                 *options])
    out, err = capsys.readouterr()
    return code, out, err


def _listing(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_volume_url_is_the_raw_file_address_at_the_pinned_commit(monkeypatch):
    monkeypatch.delenv("ANALYSIS_FRUS_URL", raising=False)
    assert volume_url("frus1951v02") == ("https://raw.githubusercontent.com/HistoryAtState/frus/"
                                         f"{FRUS_COMMIT}/volumes/frus1951v02.xml")
    assert len(FRUS_COMMIT) == 40 and int(FRUS_COMMIT, 16) >= 0
    monkeypatch.setenv("ANALYSIS_FRUS_URL", "http://127.0.0.1:9/")
    assert volume_url("v", "a" * 40) == f"http://127.0.0.1:9/{'a' * 40}/volumes/v.xml"


def test_fetch_policy_statements_is_one_command_with_provenance_rows(tmp_path, server, capsys):
    base, requests = server
    code, out, err = _fetch(capsys, tmp_path, base, "--title", "Policy Statement")
    assert code == 0, err
    assert requests == [VOLUME_PATH]
    rows = read_manifest(tmp_path / "corpus.csv")
    policies = [n for n in range(1, N_DOCS + 1) if is_policy(n)]
    assert rows.doc_id.tolist() == [f"{VOLUME_ID}-d{n}" for n in policies]
    first = rows.iloc[0]
    assert first.file == f"{VOLUME_ID}.xml"
    assert first.volume == "Foreign Relations of the United States, 1951, Test Volume IX"
    assert first.source_url == f"https://history.state.gov/historicaldocuments/{VOLUME_ID}/d1"
    assert first.title == "1. Policy Statement Prepared in the Department of State"
    assert first.commit == COMMIT
    assert set(rows.sha256) == {hashlib.sha256(VOLUME).hexdigest()}
    assert rows.date.tolist() == [expected_date(n) for n in policies]
    assert (tmp_path / f"{VOLUME_ID}.xml").read_bytes() == VOLUME
    record = json.loads((tmp_path / f"{VOLUME_ID}.xml.json").read_text())
    assert record["commit"] == COMMIT and record["sha256"] == hashlib.sha256(VOLUME).hexdigest()
    assert f"selected {len(policies)} of {N_DOCS}" in out


def test_fetch_second_time_uses_the_cache_and_makes_no_request(tmp_path, server, capsys):
    base, requests = server
    assert _fetch(capsys, tmp_path, base, "--doc", "d2")[0] == 0
    code, out, _ = _fetch(capsys, tmp_path, base, "--doc", "d3")
    assert code == 0 and "network not used" in out
    assert requests == [VOLUME_PATH]  # one download for both
    # with the server down too: the cache is enough
    code, _, err = _fetch(capsys, tmp_path, closed_port_url(), "--doc", "d5")
    assert code == 0, err
    assert read_manifest(tmp_path / "corpus.csv").doc_id.tolist() == [
        f"{VOLUME_ID}-d2", f"{VOLUME_ID}-d3", f"{VOLUME_ID}-d5"]


def test_fetch_same_selection_twice_gives_the_same_bytes(tmp_path, server, capsys):
    base, _ = server
    _fetch(capsys, tmp_path, base, "--title", "telegram")
    first = (tmp_path / "corpus.csv").read_bytes()
    _fetch(capsys, tmp_path, base, "--title", "telegram")
    assert (tmp_path / "corpus.csv").read_bytes() == first


def test_fetch_selects_by_doc_ids_local_or_full(tmp_path, server, capsys):
    base, _ = server
    code, _, err = _fetch(capsys, tmp_path, base, "--doc", "d7", "--doc", f"{VOLUME_ID}-d10,d12")
    assert code == 0, err
    assert read_manifest(tmp_path / "corpus.csv").doc_id.tolist() == [
        f"{VOLUME_ID}-d7", f"{VOLUME_ID}-d10", f"{VOLUME_ID}-d12"]


def test_fetch_selects_by_date_range_inclusive_leaving_out_undated(tmp_path, server, capsys):
    base, _ = server
    code, _, err = _fetch(capsys, tmp_path, base, "--from", "1951-03", "--to", "1951-04-15")
    assert code == 0, err
    dates = read_manifest(tmp_path / "corpus.csv").date.tolist()
    want = [expected_date(n) for n in range(1, N_DOCS + 1)
            if expected_date(n) and "1951-03-01" <= expected_date(n) <= "1951-04-15"]
    assert dates == want and want


def test_fetch_offline_is_one_line_and_changes_nothing(tmp_path, capsys):
    folder = tmp_path / "external"
    code, out, err = _fetch(capsys, folder, closed_port_url(), "--title", "Policy")
    assert code == 1
    assert err.count("\n") == 1 and "cannot reach" in err and "connect to the network" in err
    assert not folder.exists()


def test_fetch_http_404_is_one_line_and_changes_nothing(tmp_path, server, capsys):
    base, _ = server
    (tmp_path / "corpus.csv").write_text("doc_id,file\nx,x.txt\n", encoding="utf-8")
    code, _, err = _fetch(capsys, tmp_path, base, volume="frus1951v99")
    assert code == 1
    assert err.count("\n") == 1 and "HTTP 404" in err and "check the volume id" in err
    assert _listing(tmp_path) == ["corpus.csv"]
    assert (tmp_path / "corpus.csv").read_text() == "doc_id,file\nx,x.txt\n"


def test_fetch_refuses_a_file_that_is_not_the_volume_asked_for(tmp_path, capsys):
    folder = tmp_path / "external"
    with serve({f"/{COMMIT}/volumes/frus1951v03.xml": VOLUME,
                f"/{COMMIT}/volumes/frus1951v04.xml": b"<html>rate limited</html"}) as (base, _):
        code, _, err = _fetch(capsys, folder, base, volume="frus1951v03")
        assert code == 1 and f"is the TEI of {VOLUME_ID}" in err
        code, _, err = _fetch(capsys, folder, base, volume="frus1951v04")
        assert code == 1 and "not well-formed TEI XML" in err
    assert not folder.exists()


def test_fetch_bad_options_exit_2_before_any_request(tmp_path, server, capsys):
    base, requests = server
    assert _fetch(capsys, tmp_path, base, volume="../x")[0] == 2
    assert _fetch(capsys, tmp_path, base, commit="master")[0] == 2
    code, _, err = _fetch(capsys, tmp_path, base, "--title", "(")
    assert code == 2 and "not a regular expression" in err
    code, _, err = _fetch(capsys, tmp_path, base, "--from", "March 1951")
    assert code == 2 and "YYYY-MM-DD" in err
    assert requests == [] and _listing(tmp_path) == []


def test_fetch_nothing_selected_exits_1_and_leaves_corpus_unchanged(tmp_path, server, capsys):
    base, _ = server
    code, _, err = _fetch(capsys, tmp_path, base, "--title", "no such title")
    assert code == 1 and "none of the 24 document(s)" in err
    assert "corpus.csv" not in _listing(tmp_path)


def test_fetch_changed_cache_or_other_commit_is_refused_with_what_to_do(tmp_path, server):
    base, requests = server
    # nothing selected: the volume is cached, corpus.csv not written
    assert fetch(VOLUME_ID, select=Selection(title="no such"), commit=COMMIT, folder=tmp_path,
                 base_url=base)["selected"].empty
    assert _listing(tmp_path) == [f"{VOLUME_ID}.xml", f"{VOLUME_ID}.xml.json"]
    with pytest.raises(FetchError, match=f"cached at commit {COMMIT}; pass --commit"):
        fetch(VOLUME_ID, commit="f" * 40, folder=tmp_path, base_url=base)
    cached = tmp_path / f"{VOLUME_ID}.xml"
    cached.write_bytes(cached.read_bytes() + b" ")
    with pytest.raises(FetchError, match="changed since it was fetched"):
        fetch(VOLUME_ID, commit=COMMIT, folder=tmp_path, base_url=base)
    assert len(requests) == 1


def test_fetched_statement_runs_like_the_plain_text_with_url_and_commit(tmp_path, server, capsys):
    base, _ = server
    folder = tmp_path / "external"
    code, _, err = _fetch(capsys, folder, base, "--title", "^Policy Statement", volume="frus1951v02")
    assert code == 0, err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fetched = load_corpus([folder])
        plain = load_corpus([config.RAW_DIR])
    doc = fetched["documents"].iloc[0]
    assert doc.doc_id == "frus1951v02-d1"
    assert doc.url == "https://history.state.gov/historicaldocuments/frus1951v02/d1"
    assert doc.commit == COMMIT
    assert doc.volume.startswith("Foreign Relations of the United States, 1951")
    cols = ["section", "heading", "subheading", "paragraph", "page", "footnotes", "text"]
    assert fetched["sentences"][cols].equals(plain["sentences"][cols])


def test_run_on_fetched_folder_reads_only_the_listed_documents(tmp_path, server, capsys):
    base, _ = server
    folder = tmp_path / "external"
    _fetch(capsys, folder, base, "--doc", "d4", "--doc", "d8")
    out = tmp_path / "out"
    code = main(["run", str(folder), "--out", str(out), "--quiet", "--jobs", "1"])
    _, err = capsys.readouterr()
    assert code == 0, err
    docs = read_table(out / "documents.csv")
    assert docs.doc_id.tolist() == [f"{VOLUME_ID}-d4", f"{VOLUME_ID}-d8"]
    assert set(docs.commit) == {COMMIT}
    assert docs.url.tolist() == [f"https://history.state.gov/historicaldocuments/{VOLUME_ID}/d{n}"
                                 for n in (4, 8)]


def test_fetch_function_returns_what_it_did(tmp_path, server):
    base, _ = server
    result = fetch(VOLUME_ID, select=Selection(docs=("d1",)), commit=COMMIT, folder=tmp_path,
                   base_url=base)
    assert not result["cached"] and result["documents"] == N_DOCS
    assert result["selected"].doc_id.tolist() == [f"{VOLUME_ID}-d1"]
    assert fetch(VOLUME_ID, commit=COMMIT, folder=tmp_path, base_url=base)["cached"]


def test_fetch_again_after_the_cache_is_deleted_must_give_the_recorded_bytes(tmp_path, server, capsys):
    base, _ = server
    assert _fetch(capsys, tmp_path, base, "--doc", "d1")[0] == 0
    for name in (f"{VOLUME_ID}.xml", f"{VOLUME_ID}.xml.json"):
        (tmp_path / name).unlink()
    before = (tmp_path / "corpus.csv").read_bytes()
    altered = VOLUME.replace(b"hemisphere security", b"hemisphere safety")
    with serve({VOLUME_PATH: altered}) as (other, _):
        code, _, err = _fetch(capsys, tmp_path, other, "--doc", "d2")
    assert code == 1 and "recorded" in err and "check the base URL" in err
    assert _listing(tmp_path) == ["corpus.csv"] and (tmp_path / "corpus.csv").read_bytes() == before
    code, _, err = _fetch(capsys, tmp_path, base, "--doc", "d2", commit="e" * 40)
    assert code == 1 and f"at commit {COMMIT}; pass --commit {COMMIT}" in err
    assert _fetch(capsys, tmp_path, base, "--doc", "d2")[0] == 0  # the same bytes again: fine
