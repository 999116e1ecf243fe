"""Agreement of both tone scores with a hand coding of tone of assessment.

Usage: ``python benchmarks/tone_agreement.py [coded.csv]`` (default
``tests/data/sentiment_validation.csv``: 42 seed sentences coded by hand).
Prints, for VADER ``compound`` and for ``register``, the number of
sentences, the accuracy of the three-way reading (positive / neutral /
negative) and Cohen's kappa, computed by
:func:`analysis.report.agreement.validation_agreement`. These are the figures
quoted in the docstring of :mod:`analysis.sentiment`.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.report.agreement import validation_agreement  # noqa: E402

VALIDATION = ROOT / "tests" / "data" / "sentiment_validation.csv"


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else VALIDATION
    if not path.exists():
        sys.exit(f"{path}: hand-coded file not found; give a CSV with columns text and tone")
    coded = pd.read_csv(path, comment="#")
    table = validation_agreement(coded)
    print(f"{path.name}: {len(coded)} hand-coded sentences")
    print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))


if __name__ == "__main__":
    main()
