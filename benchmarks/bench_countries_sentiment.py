"""Throughput of country detection and of each sentiment score.

Usage: ``python benchmarks/bench_countries_sentiment.py [n_docs] [seed]``
(default 100 documents of 80 synthetic sentences = 8,000 sentences).
Prints sentences per second for ``analysis.measures.countries.find_mentions``, for
VADER and for the register score, and the peak resident memory of the
process (``resource.getrusage``, kilobytes on Linux).
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))


from analysis import config  # noqa: E402
from analysis.measures.countries import find_mentions  # noqa: E402
from analysis.measures.evaluative import score_text  # noqa: E402
from analysis.measures.sentiment import build_tables, vader  # noqa: E402
from synthetic import make_sentences  # noqa: E402


def _rate(label: str, n: int, fn) -> float:
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    print(f"{label:<34} {n / dt:>10,.0f} sentences/s  ({dt:.2f} s)")
    return n / dt


def main(n_docs: int = 100, seed: int = config.SEED) -> None:
    sentences = make_sentences(n_docs, seed)
    texts = sentences.text.tolist()
    n = len(texts)
    print(f"synthetic corpus: {n_docs} documents, {n:,} sentences")
    find_mentions(sentences.head(5))  # build the detector's regex once, outside the timing
    vader()
    _rate("countries (find_mentions)", n, lambda: find_mentions(sentences))
    an = vader()
    _rate("sentiment: VADER compound", n, lambda: [an.polarity_scores(t) for t in texts])
    _rate("sentiment: register (evaluative)", n, lambda: [score_text(t) for t in texts])
    tables = {"sentences": sentences, "mentions": find_mentions(sentences)}
    _rate("sentiment step (all three tables)", n, lambda: build_tables(tables, seed=seed))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak resident memory: {peak / 1024:,.0f} MB")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
