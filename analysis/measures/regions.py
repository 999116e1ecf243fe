"""Region of a country: the Department of State bureau of the period.

The mapping is the package's own reviewable file
``analysis/data/regions.csv`` (``iso2, region, name``; its header comments
give the source): ``ARA`` (Inter-American Affairs), ``EUR`` (European
Affairs, with the Soviet Union and Canada), ``NEA`` (Near Eastern, South
Asian and African Affairs), ``FE`` (Far Eastern Affairs), ``US`` for the
author's own country. Codes follow :mod:`analysis.measures.countries` (``SU``,
``CS``, ``YU``, ``DD`` for dissolved states).

Examples
--------
>>> region_of("PE"), region_of("SU"), region_of("JP"), region_of(""), region_of("XX")
('ARA', 'EUR', 'FE', '', '')
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import config

#: The mapping file (see the module docstring).
REGIONS_FILE = config.PACKAGE_DATA / "regions.csv"
#: Regions the file may use, in the order figures list them.
REGIONS = ("ARA", "EUR", "NEA", "FE", "US")


@lru_cache(maxsize=4)
def load_regions(path=None) -> dict:
    """iso2 → region from ``path`` (default :data:`REGIONS_FILE`).

    Raises
    ------
    ValueError
        One line naming the file: a missing column, an unknown region or a
        code listed twice.
    """
    path = path or REGIONS_FILE
    df = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    if not {"iso2", "region"} <= set(df.columns):
        raise ValueError(f"regions: '{path}' needs columns iso2, region")
    bad = sorted(set(df["region"]) - set(REGIONS))
    if bad:
        raise ValueError(f"regions: '{path}' uses unknown region(s) {bad}; use one of {REGIONS}")
    twice = sorted(set(df["iso2"][df["iso2"].duplicated()]))
    if twice:
        raise ValueError(f"regions: '{path}' lists {twice[0]!r} twice; keep one row per code")
    return dict(zip(df["iso2"], df["region"]))


def region_of(iso2) -> str:
    """Region of one country code, or "" when unknown or empty."""
    if not isinstance(iso2, str) or not iso2.strip():
        return ""
    return load_regions().get(iso2.strip().upper(), "")


def with_regions(documents: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with ``region`` filled from ``country`` where it is empty (a new frame).

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["a", "b"], "country": ["CO", "PL"], "region": ["", ""]})
    >>> with_regions(d).region.tolist()
    ['ARA', 'EUR']
    """
    out = documents.copy()
    have = (out["region"].fillna("").astype(str) if "region" in out.columns
            else pd.Series("", index=out.index))
    country = out["country"] if "country" in out.columns else pd.Series("", index=out.index)
    out["region"] = [h if h else region_of(c) for h, c in zip(have, country)]
    return out
