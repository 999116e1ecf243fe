"""Tests of analysis/tables.py: atomic, deterministic CSV."""
import pandas as pd
import pytest

from analysis.tables import read_table, write_table


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

