"""Dates as the series prints them: "May 8, 1950" and datelines.

Read by the TEI reader (:mod:`analysis.io.tei`, a document's date from its
dateline), the text parser (:mod:`analysis.text.document`) and the countries
step (:func:`analysis.measures.countries.dateline_country`). Standard library
only, so any step can import it.
"""
from __future__ import annotations

import re
from datetime import datetime

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: A date as the series prints it ("May 8, 1950"); see :func:`parse_date`.
DATE = re.compile(rf"\b(?P<month>{MONTHS})\s+(?P<day>\d{{1,2}}),\s+(?P<year>1[89]\d\d)\b")

#: A dateline: a place, then a date or a year, alone on a line ("Colombia,
#: May 8, 1950", "Washington, January 12, 1949", "Soviet Union, 1951"). The
#: country it names is read by the countries step
#: (:func:`analysis.measures.countries.dateline_country`).
DATELINE = re.compile(rf"^(?P<place>[^\W\d][^,\d]{{1,60}}),\s*(?:(?:{MONTHS})\s+\d{{1,2}},\s*)?"
                      r"(?P<year>1[89]\d\d)\.?$")


def parse_date(text: str) -> str:
    """ISO date of the first printed date in ``text`` ("May 8, 1950"), or "".

    Examples
    --------
    >>> parse_date("Bogotá, May 8, 1950."), parse_date("February 30, 1950"), parse_date("1950")
    ('1950-05-08', '', '')
    """
    m = DATE.search(text)
    if not m:
        return ""
    try:
        d = datetime.strptime(f"{m.group('month')} {m.group('day')} {m.group('year')}", "%B %d %Y")
    except ValueError:
        return ""
    return d.strftime("%Y-%m-%d")
