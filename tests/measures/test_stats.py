"""Tests of analysis.measures.stats: seeded bootstrap intervals."""
from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from analysis.measures import stats
from analysis.measures.stats import cluster_bootstrap


def _cluster_bootstrap_one_draw(values, clusters, seed, n_boot=stats.N_BOOT, level=0.95):
    """cluster_bootstrap as it was before 2026-12-03: all n_boot x k resamples in one draw."""
    import pandas as pd

    x = np.asarray(values, dtype="float64")
    ok = ~np.isnan(x)
    c = pd.factorize(np.asarray(list(clusters), dtype=object)[ok], sort=False)[0]
    x = x[ok]
    mean = float(x.mean())
    k = int(c.max()) + 1
    sums = np.bincount(c, weights=x, minlength=k)
    counts = np.bincount(c, minlength=k).astype("float64")
    draw = np.random.default_rng(seed).integers(0, k, size=(n_boot, k))
    means = sums[draw].sum(axis=1) / counts[draw].sum(axis=1)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return (mean, float(min(low, mean)), float(max(high, mean)), k)


@pytest.mark.parametrize("block", [1, 7, 1000, stats.BOOT_BLOCK])
@pytest.mark.parametrize("k", [2, 3, 41, 600])
def test_cluster_bootstrap_in_blocks_equals_one_draw(monkeypatch, block, k):
    rng = np.random.default_rng(k)
    n = 3 * k + 5
    values = rng.normal(size=n)
    values[rng.integers(0, n, size=3)] = np.nan
    clusters = [f"p{c}" for c in rng.integers(0, k, size=n)]
    clusters[:k] = [f"p{c}" for c in range(k)]  # every cluster has a value
    values[:k] = np.where(np.isnan(values[:k]), 0.5, values[:k])
    monkeypatch.setattr(stats, "BOOT_BLOCK", block)
    got = cluster_bootstrap(values, clusters, seed=k, n_boot=301)
    assert got == _cluster_bootstrap_one_draw(values, clusters, seed=k, n_boot=301)


def test_cluster_bootstrap_memory_does_not_grow_with_resamples_times_clusters():
    # 20,000 one-value clusters: one (2,000 x 20,000) draw held three such
    # arrays at once, 960 MB; in blocks of BOOT_BLOCK resamples a few 8 MB ones
    k = 20_000
    values = np.random.default_rng(0).random(k)
    clusters = np.arange(k)
    tracemalloc.start()
    try:
        cluster_bootstrap(values, clusters, seed=0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB"


def test_cluster_bootstrap_cluster_of_missing_values_is_no_cluster():
    # a paragraph whose values are all missing (editorial rows) is neither
    # drawn nor counted: the interval is that of the other clusters, no 0/0
    import warnings

    rng = np.random.default_rng(0)
    vals = list(rng.normal(size=30))
    clus = [i // 3 for i in range(30)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with_empty = cluster_bootstrap([np.nan, np.nan] + vals, ["x", "x"] + clus, seed=3)
    assert with_empty == cluster_bootstrap(vals, clus, seed=3)
    assert with_empty[3] == 10
