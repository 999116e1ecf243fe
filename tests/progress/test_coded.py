"""Tests of analysis/progress/coded.py: reading the hand coding."""
from __future__ import annotations

import json

import pytest

from analysis import config
from analysis.progress.coded import VERDICTS, defensible_alternatives

CODED = config.DATA_DIR / "coded"

#: ``why`` texts in the shapes the coded corpus uses, with the alternative each names.
WHYS = [
    ("partial", "Ambiguous: only some progress; closest label partial (could be read as achieved).",
     ("achieved",)),
    ("not_achieved", "Ambiguous: closest label not_achieved, not_assessed defensible since these are "
                     "prospective problems.", ("not_assessed",)),
    ("not_assessed", "Ambiguous: trade is not judged, from which partial or not_achieved could be argued.",
     ("partial", "not_achieved")),
    ("partial", "A risk estimate, not a judgement of security as such (alternative: not_assessed).",
     ("not_assessed",)),
    ("not_achieved", "Ambiguous: far off; slow is defensible because resistance was braced.", ("slow",)),
]


@pytest.mark.parametrize("verdict, why, expected", WHYS)
def test_coded_defensible_alternatives_reads_the_shapes_of_why(verdict, why, expected):
    assert defensible_alternatives({"verdict": verdict, "ambiguous": True, "why": why}) == expected


def test_coded_defensible_alternatives_ignores_label_words_in_plain_prose():
    # "achieved" as a verb, and the closest label itself, are not alternatives
    why = "Ambiguous: the missions achieved a modicum of success while standardization failed; closest label partial."
    assert defensible_alternatives({"verdict": "partial", "ambiguous": True, "why": why}) == ()


def test_coded_defensible_alternatives_needs_the_ambiguous_flag():
    assert defensible_alternatives({"verdict": "slow", "why": "achieved is defensible"}) == ()
    assert defensible_alternatives({"verdict": "slow", "ambiguous": False, "why": "achieved is defensible"}) == ()


def test_coded_corpus_ambiguous_verdicts_name_their_alternative():
    # the codebook asks the coder to name the other defensible label; the
    # reader finds one for all but a few, and never the coded verdict itself
    flagged = named = 0
    for path in sorted((CODED / "gold").glob("*.json")):
        for a in json.loads(path.read_text(encoding="utf-8"))["assessments"].values():
            alt = defensible_alternatives(a)
            assert a["verdict"] not in alt and set(alt) <= set(VERDICTS)
            flagged += bool(a.get("ambiguous"))
            named += bool(alt)
    assert flagged == 30 and named >= 28
