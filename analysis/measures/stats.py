"""Small statistics shared by the measuring steps: seeded bootstrap intervals.

:func:`group_seed` gives each group of a table its own bootstrap seed, so an
interval depends only on the run's seed and the group, not on which other
groups the corpus happens to hold or in which order they are visited.

Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*.
Chapman & Hall. Percentile intervals (ch. 13).
"""
from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

#: Resamples per interval. 2,000 keeps the Monte-Carlo error of a 95%
#: percentile bound well below the third decimal for groups of this size.
N_BOOT = 2000
#: Resampled values (or clusters) held in memory at once by :func:`bootstrap_ci`
#: and :func:`cluster_bootstrap` (8 MB of indices); only memory depends on it,
#: not the result.
BOOT_BLOCK = 1_000_000
#: Groups with fewer observations than this are kept but flagged ``small``:
#: a bootstrap over fewer than five values says little about the population.
SMALL_GROUP = 5


def bootstrap_ci(values, seed: int, n_boot: int = N_BOOT, level: float = 0.95):
    """Mean of ``values`` with a seeded percentile bootstrap interval.

    Parameters
    ----------
    values : array-like of float
        Observations; NaN values are ignored.
    seed : int
        Seed of the resampling generator (pass it explicitly).
    n_boot : int, default N_BOOT
        Number of resamples.
    level : float, default 0.95
        Coverage of the interval.

    Returns
    -------
    tuple of (mean, low, high, n)
        ``low <= mean <= high`` always (the bounds are clamped to the mean in
        the rare skewed sample whose percentile interval misses it);
        ``low == high == mean`` for a single value; all NaN for none.

    Examples
    --------
    >>> m, lo, hi, n = bootstrap_ci([0.1, 0.2, 0.3, 0.4], seed=0)
    >>> round(m, 2), n, lo <= m <= hi
    (0.25, 4, True)
    >>> bootstrap_ci([], seed=0)
    (nan, nan, nan, 0)
    """
    x = pd.Series(values, dtype="float64").to_numpy()
    x = x[~np.isnan(x)]
    n = int(x.size)
    if n == 0:
        return (float("nan"), float("nan"), float("nan"), 0)
    mean = float(x.mean())
    if n == 1:
        return (mean, mean, mean, 1)
    rng = np.random.default_rng(seed)
    # Resamples are drawn a block of rows at a time: the generator yields the
    # same numbers as one (n_boot, n) draw, and each row's mean is computed
    # alone, so the result is identical while memory stays bounded (one draw
    # of 2,000 x 200,000 sentence units would take 3 GB).
    rows = max(1, BOOT_BLOCK // n)
    means = np.concatenate([x[rng.integers(0, n, size=(min(rows, n_boot - i), n))].mean(axis=1)
                            for i in range(0, n_boot, rows)])
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    # The sample mean lies inside the percentile interval except for very
    # skewed samples; clamp so that every table can rely on low <= mean <= high.
    return (mean, float(min(low, mean)), float(max(high, mean)), n)


def group_seed(seed: int, key, *ints: int) -> int:
    """Seed of one group's bootstrap: a function of ``seed`` and the group only.

    Parameters
    ----------
    seed : int
        The run's seed.
    key : iterable
        Labels of the group (e.g. ``("compound", doc_id, section)``); their
        ``str`` forms joined by ``|`` are hashed with CRC-32.
    *ints : int
        Further integer parts of the key, used as they are.

    Returns
    -------
    int
        A 32-bit seed from :class:`numpy.random.SeedSequence`.

    Examples
    --------
    >>> group_seed(0, ("a", "b")) == group_seed(0, ["a", "b"])
    True
    >>> group_seed(0, ("a", "b")) != group_seed(1, ("a", "b")) != group_seed(0, ("a", "b"), 1)
    True
    """
    crc = zlib.crc32("|".join(map(str, key)).encode("utf-8"))
    entropy = [int(seed), crc, *(int(i) for i in ints)]
    return int(np.random.SeedSequence(entropy).generate_state(1)[0])


def cluster_bootstrap(values, clusters, seed: int, n_boot: int = N_BOOT, level: float = 0.95):
    """Mean of ``values`` with a percentile interval resampling whole clusters.

    Each resample draws clusters (paragraphs, documents) with replacement
    and takes the mean of all their values (Field & Welsh 2007, the cluster
    bootstrap): values of one cluster are not independent draws.

    Returns
    -------
    tuple of (mean, low, high, n_clusters)
        ``low == high == mean`` for a single cluster; all NaN for no values.

    Examples
    --------
    >>> m, lo, hi, k = cluster_bootstrap([1, 1, 0, 0], ["a", "a", "b", "b"], seed=0)
    >>> m, k, lo <= m <= hi
    (0.5, 2, True)

    A cluster whose values are all missing is not counted:

    >>> cluster_bootstrap([1, 0, float("nan")], ["a", "b", "c"], seed=0)[3]
    2
    """
    x = np.asarray(values, dtype="float64")
    ok = ~np.isnan(x)
    # clusters numbered after missing values are dropped: a cluster with no
    # value is no cluster (it would be drawn, and weigh nothing, or make 0/0)
    c = pd.factorize(np.asarray(list(clusters), dtype=object)[ok], sort=False)[0]
    x = x[ok]
    if not x.size:
        return (float("nan"), float("nan"), float("nan"), 0)
    mean = float(x.mean())
    k = int(c.max()) + 1
    sums = np.bincount(c, weights=x, minlength=k)
    counts = np.bincount(c, minlength=k).astype("float64")
    if k == 1:
        return (mean, mean, mean, 1)
    rng = np.random.default_rng(seed)
    # Drawn a block of resamples at a time, as in bootstrap_ci: the same
    # numbers and means as one (n_boot, k) draw, without its three n_boot x k
    # arrays (2,000 x 20,000 paragraphs would take 1 GB).
    rows = max(1, BOOT_BLOCK // k)
    means = np.concatenate([_cluster_means(rng.integers(0, k, size=(min(rows, n_boot - i), k)),
                                           sums, counts) for i in range(0, n_boot, rows)])
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return (mean, float(min(low, mean)), float(max(high, mean)), k)


def _cluster_means(draw, sums, counts):
    """Mean of each resample (row of cluster indices) of :func:`cluster_bootstrap`."""
    return sums[draw].sum(axis=1) / counts[draw].sum(axis=1)
