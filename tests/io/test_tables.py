"""Tests of analysis/io/tables.py: atomic, deterministic CSV."""
import pandas as pd
import pytest

from analysis.io.tables import read_table, write_table


def test_tables_write_is_atomic_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    write_table(pd.DataFrame({"a": [1]}), target)
    before = target.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    with pytest.raises(RuntimeError):
        write_table(pd.DataFrame({"a": [2]}), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_tables_roundtrip_keeps_codes_as_text(tmp_path):
    df = pd.DataFrame({"doc_id": ["0012"], "iso2": ["NA"], "footnotes": ["1;2"], "x": [0.1234567]})
    back = read_table(write_table(df, tmp_path / "t.csv"))
    assert back.loc[0, "doc_id"] == "0012"
    assert back.loc[0, "iso2"] == "NA"  # Namibia, not a missing value
    assert back.loc[0, "footnotes"] == "1;2"
    assert (tmp_path / "t.csv").read_text().endswith("0.123457\n")



def test_tables_formula_cells_are_neutralised_and_round_trip(tmp_path):
    df = pd.DataFrame({"text": ["=HYPERLINK(\"x\")", "+1", "-- note", "@SUM(A1)", "'quoted", "plain"],
                       "n": [-1, 2, -3, 4, 5, 6]})
    p = write_table(df, tmp_path / "t.csv")
    raw = p.read_text(encoding="utf-8").splitlines()[1:]
    assert all(not line.startswith(("=", "+", "@")) for line in raw)
    assert raw[0].startswith("\"'=HYPERLINK") and raw[2].startswith("'-- note")
    back = read_table(p)
    assert back["text"].tolist() == df["text"].tolist()
    assert back["n"].tolist() == df["n"].tolist()


def test_tables_control_characters_never_reach_a_table(tmp_path):
    p = write_table(pd.DataFrame({"text": ["a\x00b\x1bc\x7f", "tab\tok"]}), tmp_path / "t.csv")
    content = p.read_text(encoding="utf-8")
    assert "\x00" not in content and "\x1b" not in content and "\x7f" not in content
    assert read_table(p)["text"].tolist() == ["abc", "tab\tok"]


def test_tables_are_readable_by_the_group(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        p = write_table(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE(p.stat().st_mode) == 0o644
