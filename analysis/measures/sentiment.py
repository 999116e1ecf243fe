"""Tone of each sentence, two ways, and its means per section and per country.

Two scores sit side by side in the ``sentiment`` table:

``compound`` (with ``pos``, ``neu``, ``neg``)
    VADER, the rule-based general-purpose scorer of Hutto, C. J. & Gilbert,
    E. (2014), "VADER: A Parsimonious Rule-based Model for Sentiment Analysis
    of Social Media Text", *Proc. ICWSM-14*. The scores are those of the
    authors' reference implementation, the ``vaderSentiment`` 3.3.2
    ``SentimentIntensityAnalyzer`` (its own packaged lexicon; nothing is
    downloaded), computed by a subclass that caches per-sentence work
    (:class:`analysis.measures.vader_cached.CachedVader`: no rule, constant
    or lexicon entry changed), tested identical: ``tests/measures/test_sentiment.py``
    checks the four scores for equality (``==``) with the unmodified
    reference (:func:`reference_vader`) on every sentence of ``data/coded``
    and ``data/raw`` and on generated hard cases; a one-off check found them
    equal on all 206,437 sentences of the ten FRUS volumes. NLTK's port, used before, differs from
    it on 3.7 % of real FRUS sentences (largest gap 1.48 in compound; issue
    10) and is about three times slower. Cite it for
    overall affect and for comparison with other studies that use VADER. It
    was built for social media and misses the understatement of diplomatic
    prose ("lacking somewhat in cordiality", "far from realization").
``register``
    The diplomatic-register score of :func:`analysis.measures.evaluative.score_text`
    in [-1, 1]: a small reviewable lexicon of evaluative and progress
    language with negation and hedges. Cite it for the tone of *assessment*
    (is a policy, a relation, a programme judged favourably?). Zero means no
    evaluative cue, not a balanced judgement; ``register_cues`` lists the
    cues behind each value.

Agreement with a hand coding of 42 seed sentences for tone of assessment
(``tests/data/sentiment_validation.csv``; see :func:`analysis.report.agreement.validation_agreement`;
printed by ``python benchmarks/tone_agreement.py``): VADER accuracy 0.55,
Cohen's kappa 0.32; register accuracy 0.86, kappa 0.79
(``tests/measures/test_sentiment.py`` guards these; the register lexicon was written
with the seed in view — its entries used by that statement alone were
removed — so read its figures as an upper bound).

The pipeline's ``country_sentiment`` table is replaced by :mod:`analysis.measures.stance`
(tone *toward* each country, per mention); :func:`country_sentiment` here is the
sentence-level aggregate it replaces. Editorial rows are never aggregated.

Means per (document, section) and per (document, country) come with seeded
percentile bootstrap 95% intervals (:func:`analysis.measures.stats.bootstrap_ci`) and
the number of sentences behind them; groups under
:data:`analysis.measures.stats.SMALL_GROUP` sentences are kept and flagged ``small``.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import config
from ..contracts import CONTRACTS
from ..text.editorial import measured
from .evaluative import score_and_cues
from .stats import SMALL_GROUP, bootstrap_ci, cluster_bootstrap, group_seed

#: Scores aggregated per section and per country.
SCORES = ("compound", "register")
#: VADER's three-way reading of ``compound`` (Hutto & Gilbert 2014 and the
#: vaderSentiment README: positive >= 0.05, negative <= -0.05).
VADER_THRESHOLD = 0.05
#: The register score's three-way reading: the weakest cues of the lexicon
#: (weight 0.1) score about 0.1, and about 0.06 hedged, so 0.05 separates "no
#: judgement" from a judgement, as for VADER (only a hedged weak cue before
#: a contrastive "but", about 0.03, reads as neutral).
REGISTER_THRESHOLD = 0.05
SENTIMENT_COLUMNS = ["doc_id", "sentence_id", "compound", "pos", "neu", "neg",
                     "register", "register_cues"]


@lru_cache(maxsize=1)
def vader():
    """The shared VADER analyzer: the reference ``vaderSentiment`` 3.3.2 scores.

    A :class:`analysis.measures.vader_cached.CachedVader`, the reference
    ``SentimentIntensityAnalyzer`` subclassed to cache per-sentence work; its
    scores are identical (``==``) to the unmodified reference's
    (:func:`reference_vader`).

    Examples
    --------
    >>> vader().polarity_scores("The program has been very successful.")["compound"] > 0
    True
    """
    try:  # deferred: vaderSentiment only once tone is scored; if missing, the one-line error below
        from .vader_cached import CachedVader
    except ModuleNotFoundError:
        raise RuntimeError("vaderSentiment is not installed: install the pinned "
                           "requirements (pip install -r requirements.lock)") from None
    return CachedVader()


def reference_vader():
    """A new, unmodified ``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer``.

    What :func:`vader` is tested against, and the benchmarks' baseline.
    """
    # deferred: vaderSentiment only for the tests and benchmarks that compare with it
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The ``sentiment`` table: VADER and register scores of every sentence.

    Parameters
    ----------
    sentences : pandas.DataFrame
        Needs ``doc_id``, ``sentence_id``, ``text``; not modified.

    Returns
    -------
    pandas.DataFrame
        doc_id, sentence_id, compound, pos, neu, neg, register (in [-1, 1]),
        register_cues (matched cues joined by ";").

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": [0, 1], "text": [
    ...     "Our policies have been successful.", "Land reform is still far from realization."]})
    >>> t = score_sentences(s)
    >>> (t.compound > 0).tolist(), (t.register > 0).tolist()
    ([True, False], [True, False])
    """
    missing = {"doc_id", "sentence_id", "text"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences table lacks columns {sorted(missing)}; run the loader first")
    if not len(sentences):
        return pd.DataFrame([], columns=SENTIMENT_COLUMNS)
    polarity = vader().polarity_scores
    cols = {c: [] for c in SENTIMENT_COLUMNS}
    compound, pos, neu, neg = cols["compound"], cols["pos"], cols["neu"], cols["neg"]
    register, register_cues = cols["register"], cols["register_cues"]
    for text in sentences.text:
        text = text if isinstance(text, str) else ""
        v = polarity(text)
        score, cues = score_and_cues(text)
        compound.append(v["compound"])
        pos.append(v["pos"])
        neu.append(v["neu"])
        neg.append(v["neg"])
        register.append(float(score))
        register_cues.append(";".join(cue for cue, _ in cues))
    cols["doc_id"] = list(sentences.doc_id)
    cols["sentence_id"] = [int(sid) for sid in sentences.sentence_id]
    return pd.DataFrame(cols, columns=SENTIMENT_COLUMNS)


def _aggregate(df: pd.DataFrame, keys: list, seed: int) -> pd.DataFrame:
    """Mean, bootstrap interval and n of every score per group of ``keys``.

    With a ``paragraph`` column the interval resamples whole paragraphs
    (:func:`analysis.measures.stats.cluster_bootstrap`): the sentences of one
    paragraph are not independent draws. Without one, sentences.
    """
    rows = []
    for key, g in df.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        row = dict(zip(keys, key))
        row["n_sentences"] = int(g.sentence_id.nunique())
        for score in SCORES:
            if "paragraph" in g.columns:
                mean, low, high, _ = cluster_bootstrap(g[score].to_numpy(), g["paragraph"].to_numpy(),
                                                       seed=group_seed(seed, (score, *key)))
            else:
                mean, low, high, _ = bootstrap_ci(g[score].to_numpy(),
                                                  seed=group_seed(seed, (score, *key)))
            row[f"{score}_mean"], row[f"{score}_low"], row[f"{score}_high"] = mean, low, high
        row["small"] = row["n_sentences"] < SMALL_GROUP
        rows.append(row)
    cols = keys + ["n_sentences"] + [f"{s}_{x}" for s in SCORES for x in ("mean", "low", "high")] \
        + ["small"]
    return pd.DataFrame(rows, columns=cols)


def section_sentiment(sentiment: pd.DataFrame, sentences: pd.DataFrame,
                      seed: int = config.SEED) -> pd.DataFrame:
    """Mean of each score per (document, section), bootstrap 95% CI, n, ``small``.

    The interval resamples the section's paragraphs (whole paragraphs, when
    ``sentences`` has a ``paragraph`` column; else its sentences).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2],
    ...     "section": ["policies", "evaluation", "evaluation"],
    ...     "text": ["We act.", "It has been successful.", "It was outstanding."]})
    >>> t = section_sentiment(score_sentences(s), s, seed=0)
    >>> t[["section", "n_sentences", "small"]].values.tolist()
    [['policies', 1, True], ['evaluation', 2, True]]
    """
    cols = ["doc_id", "sentence_id", "section"] + (["paragraph"] if "paragraph" in sentences else [])
    merged = sentiment.merge(sentences[cols],
                             on=["doc_id", "sentence_id"], how="left", validate="one_to_one")
    merged["section"] = merged.section.fillna("other")
    order = {s: i for i, s in enumerate(config.SECTIONS)}
    docs = {d: i for i, d in enumerate(pd.unique(sentences.doc_id))}
    merged = merged.sort_values(["doc_id", "section"], key=lambda c: c.map(
        docs if c.name == "doc_id" else order).fillna(len(order)), kind="stable")
    return _aggregate(merged, ["doc_id", "section"], seed)


def country_sentiment(sentiment: pd.DataFrame, mentions: pd.DataFrame,
                      seed: int = config.SEED) -> pd.DataFrame:
    """Mean of each score per (document, country) over the sentences mentioning it.

    A sentence counts once for a country however often it names it; kinds
    of mention are not filtered (drop ``capital`` rows from ``mentions``
    first to exclude capitals).

    Examples
    --------
    >>> from analysis.measures.countries import find_mentions
    >>> s = pd.DataFrame({"doc_id": ["d"] * 2, "sentence_id": [0, 1], "text": [
    ...     "Relations with Chile and Chilean leaders are strained.", "Peru was helpful."]})
    >>> t = country_sentiment(score_sentences(s), find_mentions(s), seed=0)
    >>> t[["iso2", "n_sentences"]].values.tolist()
    [['CL', 1], ['PE', 1]]
    """
    pairs = mentions[["doc_id", "sentence_id", "iso2", "country"]].drop_duplicates(
        ["doc_id", "sentence_id", "iso2"])
    merged = pairs.merge(sentiment, on=["doc_id", "sentence_id"], how="inner")
    docs = {d: i for i, d in enumerate(pd.unique(sentiment.doc_id))}
    merged = merged.sort_values(["doc_id", "iso2"], key=lambda c: c.map(docs) if c.name == "doc_id"
                                else c, kind="stable")
    return _aggregate(merged, ["doc_id", "iso2", "country"], seed)


def label(scores, threshold: float) -> list:
    """Three-way reading of scores: ``positive`` / ``neutral`` / ``negative``.

    Examples
    --------
    >>> label([0.3, 0.0, -0.2], 0.05)
    ['positive', 'neutral', 'negative']
    """
    return ["positive" if x >= threshold else "negative" if x <= -threshold else "neutral"
            for x in scores]


#: The tables this step reads and writes (:mod:`analysis.contracts`).
CONTRACT = CONTRACTS["sentiment"]


def build_tables(tables: dict, seed: int = config.SEED) -> dict:
    """Pipeline step: ``sentiment`` and ``section_sentiment``.

    Reuses a ``sentiment`` table computed per document by
    :func:`analysis.pipeline.load_measured`. Tone toward each country is the
    next step's (:mod:`analysis.measures.stance`: ``country_sentiment``).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": [0], "section": ["evaluation"],
    ...                   "text": ["Relations with Peru have been successful."]})
    >>> sorted(build_tables({"sentences": s}, seed=0))
    ['section_sentiment', 'sentiment']
    """
    sentences = tables["sentences"]
    sent = tables.get("sentiment")
    if sent is None:
        sent = score_sentences(sentences)
    # editorial rows (analysis.text.editorial) are scored in ``sentiment`` but never aggregated
    kept = measured(sentences)
    tone = sent.merge(kept[["doc_id", "sentence_id"]], on=["doc_id", "sentence_id"])
    return {"sentiment": sent,
            "section_sentiment": section_sentiment(tone, kept, seed=seed)}
