"""Throughput of the mention-stance step (``analysis.stance``).

Usage: ``python benchmarks/bench_stance.py [n_docs] [seed]`` (default 100
documents of 80 synthetic sentences). Prints mentions per second for
:func:`analysis.measures.stance.score_mentions` and for the whole step (with the
paragraph-resampled ``country_sentiment``), the ratio of the step's time to
the sentence scoring it builds on, and the peak resident memory.
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
from analysis.measures.sentiment import score_sentences  # noqa: E402
from analysis.measures.stance import build_tables, score_mentions  # noqa: E402
from synthetic import make_sentences  # noqa: E402


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(n_docs: int = 100, seed: int = config.SEED) -> None:
    sentences = make_sentences(n_docs, seed)
    if "paragraph" not in sentences.columns:
        sentences = sentences.assign(paragraph=sentences["sentence_id"] // 4)
    mentions = find_mentions(sentences)
    n = len(mentions)
    print(f"synthetic corpus: {n_docs} documents, {len(sentences):,} sentences, {n:,} mentions")
    score_mentions(mentions.head(5), sentences)  # lexicons loaded outside the timing
    t_vader = _time(lambda: score_sentences(sentences))
    sent = score_sentences(sentences)
    t_mentions = _time(lambda: score_mentions(mentions, sentences))
    tables = {"sentences": sentences, "mentions": mentions, "sentiment": sent}
    t_step = _time(lambda: build_tables(tables, seed=seed))
    print(f"{'score_mentions':<34} {n / t_mentions:>10,.0f} mentions/s  ({t_mentions:.2f} s)")
    print(f"{'stance step (both tables)':<34} {n / t_step:>10,.0f} mentions/s  ({t_step:.2f} s)")
    print(f"stance step / sentence scoring (VADER + register): {t_step / t_vader:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak resident memory: {peak / 1024:,.0f} MB")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
