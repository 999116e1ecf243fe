"""Tests of analysis.measures.regions: the documented iso2 -> bureau mapping."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures.regions import REGIONS, load_regions, region_of, with_regions


def test_regions_file_covers_the_coded_statements_countries():
    for iso2, region in {"PE": "ARA", "CO": "ARA", "VE": "ARA", "CS": "EUR", "DK": "EUR",
                         "FI": "EUR", "IS": "EUR", "PL": "EUR", "RO": "EUR", "SU": "EUR"}.items():
        assert region_of(iso2) == region


def test_regions_unknown_or_empty_country_has_no_region():
    assert region_of("") == region_of(None) == region_of("XX") == ""
    assert set(load_regions().values()) <= set(REGIONS)


def test_with_regions_keeps_a_given_region_and_leaves_input_untouched():
    d = pd.DataFrame({"doc_id": ["a", "b"], "country": ["CO", "JP"], "region": ["EUR", ""]})
    out = with_regions(d)
    assert out.region.tolist() == ["EUR", "FE"] and d.region.tolist() == ["EUR", ""]


def test_regions_file_with_an_unknown_region_is_a_one_line_error(tmp_path):
    p = tmp_path / "regions.csv"
    p.write_text("iso2,region,name\nPE,LATAM,Peru\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown region"):
        load_regions(p)
