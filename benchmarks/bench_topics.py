"""Benchmark of analysis.measures.topics: fit time and throughput, NMF against LDA.

Usage::

    .venv/bin/python benchmarks/bench_topics.py [--docs 200] [--k 4] [--seed 20260101]
    .venv/bin/python benchmarks/bench_topics.py --quality [--seeds 3] [--stem]
                                  [--runs 8] [--subsample 0.8] [--method nmf|lda]

The default mode fits one :class:`analysis.measures.topics.TopicModel` of each method
on a large synthetic corpus (``benchmarks/synthetic.make_sentences``, units
= paragraphs) and times one k scan (:func:`analysis.measures.topics.select_k`) on a
statement-sized slice, printing seconds, units and words per second and the
LDA / NMF time ratio.

``--quality`` compares the methods on real statements loaded through
``analysis.load_corpus``: the embedded seed and, when ``../shared/frus-dev``
is present, the development statements (read in place, never copied). For
each corpus and method it prints coherence and stability per k, averaged
over ``--seeds`` seeds, the standard deviation of stability across seeds,
and the k chosen under each seed. These figures back the choice of
:data:`analysis.measures.topics.DEFAULT_METHOD` and of
:data:`analysis.measures.topics.STABILITY_TOL`; ``--stem`` (Porter stemming),
``--runs`` (:data:`~analysis.measures.topics.N_STABILITY_RUNS`) and ``--subsample``
(:data:`~analysis.measures.topics.SUBSAMPLE`; 1.0 varies the seed only) rerun the
other measurements quoted in the docstring of :mod:`analysis.topics`.
"""
from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from analysis import config, topics  # noqa: E402
from synthetic import make_sentences  # noqa: E402


def _time(fn, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def speed(n_docs, k, seed):
    sentences = make_sentences(n_docs, seed)
    units = topics.make_units(sentences)
    texts = units["text"].tolist()
    n_words = sum(len(t.split()) for t in texts)
    print(f"synthetic corpus: {n_docs} docs, {len(sentences)} sentences, {len(texts)} paragraphs, "
          f"{n_words} words; k = {k}")
    times = {}
    for method in topics.METHODS:
        model = topics.make_topic_pipeline(method=method, n_topics=k, random_state=seed)
        t = _time(lambda: model.fit(texts))
        times[method] = t
        print(f"  fit {method}: {t:7.2f} s  {len(texts) / t:9.0f} units/s  {n_words / t:10.0f} words/s")
    print(f"  ratio lda/nmf fit time: {times['lda'] / times['nmf']:.1f}x")
    # One k scan on a statement-sized slice (the work the pipeline does per corpus).
    small = texts[:40]
    for method in topics.METHODS:
        t = _time(lambda: topics.select_k(small, seed, method=method))
        print(f"  select_k {method} (k={topics.K_RANGE[0]}..{topics.K_RANGE[-1]}, "
              f"{topics.N_STABILITY_RUNS} runs, {len(small)} units): {t:6.2f} s")
    # The whole step (k scan, fit, prevalence) on the full corpus, NMF.
    tables = {"sentences": sentences,
              "mentions": pd.DataFrame(columns=["doc_id", "sentence_id", "iso2"])}
    t = _time(lambda: topics.build_tables(tables, seed=seed))
    print(f"  build_tables (nmf, k scan included) on all {len(texts)} paragraphs: {t:6.2f} s "
          f"({len(texts) / t:.0f} units/s)")


def _corpora():
    from analysis.text.corpus import load_corpus

    out = {"seed": [config.RAW_DIR]}
    dev = config.PROJECT_ROOT.parent / "shared" / "frus-dev"
    if dev.is_dir():
        for p in sorted(dev.glob("*.txt")):
            out[p.stem] = [p]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {name: load_corpus(paths) for name, paths in out.items()}


def quality(n_seeds, seed, stem=False, n_runs=topics.N_STABILITY_RUNS,
            subsample=topics.SUBSAMPLE, methods=topics.METHODS):
    seeds = [seed + i for i in range(n_seeds)]
    pd.set_option("display.width", 160)
    print(f"seeds {seeds}; stem={stem}, {n_runs} stability runs, subsample {subsample}")
    for name, tables in _corpora().items():
        units = topics.make_units(tables["sentences"])
        texts = units["text"].tolist()
        markers = topics.document_markers(units)
        for method in methods:
            t0 = time.perf_counter()
            scans = [topics.select_k(texts, s, method=method, n_runs=n_runs, subsample=subsample,
                                     extra_stop_words=markers, stem=stem)
                     for s in seeds]
            dt = (time.perf_counter() - t0) / len(seeds)
            chosen = [int(t.loc[t["chosen"], "k"].iloc[0]) for t in scans]
            per_seed = pd.concat([t.set_index("k")[["coherence", "stability"]] for t in scans])
            by_k = per_seed.groupby(level="k")
            table = by_k.mean()
            table["stability_sd"] = by_k["stability"].std()
            print(f"{name} ({len(texts)} paragraphs, {scans[0]['n_terms'].iloc[0]} terms) "
                  f"{method}: chosen k per seed {chosen}; {dt:.2f} s per scan")
            print(table.T.round(3).to_string())
            print(f"  mean over k: coherence {table['coherence'].mean():.3f}, "
                  f"stability {table['stability'].mean():.3f}; median sd of stability "
                  f"across seeds {table['stability_sd'].median():.3f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200, help="synthetic documents (default 200)")
    ap.add_argument("--k", type=int, default=4, help="topics for the timed fit (default 4)")
    ap.add_argument("--seed", type=int, default=config.SEED)
    ap.add_argument("--quality", action="store_true",
                    help="compare NMF and LDA on the seed and ../shared/frus-dev instead")
    ap.add_argument("--seeds", type=int, default=3, help="seeds averaged in --quality")
    ap.add_argument("--stem", action="store_true", help="--quality with Porter stemming")
    ap.add_argument("--runs", type=int, default=topics.N_STABILITY_RUNS,
                    help="stability runs per k in --quality")
    ap.add_argument("--subsample", type=float, default=topics.SUBSAMPLE,
                    help="share of units per stability run in --quality (1.0: seed only)")
    ap.add_argument("--method", choices=topics.METHODS,
                    help="--quality for this method only (default: both)")
    args = ap.parse_args(argv)
    if args.quality:
        quality(args.seeds, args.seed, args.stem, args.runs, args.subsample,
                (args.method,) if args.method else topics.METHODS)
    else:
        speed(args.docs, args.k, args.seed)


if __name__ == "__main__":
    main()
