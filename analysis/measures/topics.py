"""Topic models of policy statements, per section and per country.

A *unit* (the "document" of the topic model) is a paragraph by default, or
a sentence: one statement is a single short document, so its paragraphs are
the only texts a model can contrast. The vocabulary is built with
scikit-learn's :class:`~sklearn.feature_extraction.text.CountVectorizer`
(the topics configuration of the package's one tokeniser,
:func:`make_analyzer`: English stop words plus :data:`GENRE_STOP_WORDS`,
terms in at least :data:`MIN_DF` units and at most :data:`MAX_DF` of them,
optional NLTK Porter stemming, which needs no downloaded data). :class:`TopicModel` wraps
scikit-learn's NMF (on TF-IDF) and LDA (on counts) behind one estimator.

Vocabulary, decided from the output
    Without a genre list, "government" is in more than half the paragraphs
    of the seed and of Venezuela 1950; "relations" led the seed's political
    topic and "policy" and "relations" sat in Colombia's economic topic (3 of
    the 8 top-10 lists of the three statements held such a word), and at k =
    4 on the seed "united" and "states" entered a trade topic as the name of
    the author, not a subject. The section names ("objectives", "policies",
    "relations", "evaluation") would also make topics echo the very
    sections whose topics we compare. These words are in
    :data:`GENRE_STOP_WORDS`. Words such as "economic", "military",
    "american" were kept: they separate subjects. The focus country's name
    and adjective are in most paragraphs of their statement; pooled over
    several statements they pass :data:`MAX_DF` and each topic becomes one
    statement, so :func:`document_markers` drops, per document, the words of
    more than half its paragraphs (on the seed: "peru", "peruvian"). Porter
    stemming (``stem=True``) was measured (``benchmarks/bench_topics.py
    --quality --stem``) and left off: on the seed it raised coherence (0.26
    against 0.19), on the development statements it lowered it (0.25 against
    0.26, 0.24 against 0.31) and it made no k more reproducible; unstemmed
    terms also read better.

Choosing k
    :func:`select_k` fits every k of :data:`K_RANGE` and records

    * *coherence*: mean NPMI of the top :data:`COHERENCE_TOP_N` term pairs of
      each topic, co-occurrence counted over the units of the corpus itself
      (Bouma 2009; Röder, Both & Hinneburg 2015);
    * *stability*: :data:`N_STABILITY_RUNS` runs, each with its own seed and a
      seeded :data:`SUBSAMPLE` of the units; topics of every pair of runs are
      matched one-to-one (Hungarian algorithm) on the cosine of their
      topic-word vectors and the matched cosines averaged (Greene,
      O'Callaghan & Cunningham 2014). NMF starts from NNDSVDa, which
      depends on the seed only through a randomized SVD: with the seed
      alone varied (``bench_topics.py --quality --subsample 1.0``) its
      stability is 0.97-1.0 at every k on the seed document (LDA's:
      0.66-0.91), which says little; the subsample asks the
      reviewer's question "would a slightly different corpus, or another
      seed, give the same topics?".

    *Rule* (:func:`choose_k`): the k whose stability is within
    :data:`STABILITY_TOL` of the highest are candidates; among them the most
    coherent wins. Greene et al. take the most stable k; the tolerance keeps
    noise in the stability estimate from deciding between near-equals, and
    coherence then prefers the k whose topics read as subjects. Coherence
    alone would not do: on a few dozen paragraphs it rises with k (measured
    with ``bench_topics.py --quality`` on the development statements: 0.27
    at k = 2 to 0.34 at k = 8, and 0.12 to 0.41), because
    at large k a topic is one paragraph whose words trivially co-occur.

Default method
    NMF. Measured with ``benchmarks/bench_topics.py --quality`` (paragraphs,
    k = 2..8, three seeds from 20260101, each statement alone); mean over k
    of coherence (NPMI) / stability:

    ============== =============== ===============
    statement      NMF             LDA
    ============== =============== ===============
    seed (Peru)    0.188 / 0.772   0.048 / 0.704
    Colombia 1950  0.257 / 0.745   -0.025 / 0.663
    Venezuela 1950 0.307 / 0.766   -0.029 / 0.677
    ============== =============== ===============

    NMF is more coherent at every k and more stable at every k >= 3 (at k =
    2 both are about 0.81-0.91), and a k scan takes 0.5-1 s against 5-12 s
    for LDA (fit on 4,000 synthetic paragraphs: 0.2 s against 10 s). LDA's
    generative model needs far more words per topic than a few dozen
    paragraphs give it.

Names do not matter
    The units are fitted in an order set by content: documents by the sha256
    of their text (:func:`document_keys`), units by their position in the
    document; tables are then given back in doc_id order. The k scan's
    subsamples, the model and the intervals therefore do not depend on file
    names or on the order of the inputs (issue 12: the same three texts and
    seed gave k = 3 or k = 4 with different doc ids; ``tests/measures/test_topics.py``
    renames them and compares every table).

Prevalence and its uncertainty
    ``topic_prevalence`` gives the mean topic share per statement (with
    several statements), per section, per region (``documents.region``) and
    per mentioned country. A group spanning several documents has an interval
    that resamples whole documents (a cluster bootstrap); within one document
    it resamples paragraphs (column ``resampled``).

Topic labels
    :func:`topic_terms` ranks each topic's terms by weight (the topic-word
    distribution) and by *relevance* (Sievert & Shirley 2014):
    ``lambda * log p(w|t) + (1 - lambda) * log(p(w|t) / p(w))`` with
    :data:`RELEVANCE_LAMBDA`, which demotes words frequent in every topic.

Prevalence
    ``unit_topics`` holds each unit's topic shares (rows sum to 1);
    ``topic_prevalence`` the mean share per section and per country (units
    whose sentences mention the country in the ``mentions`` table) with a
    seeded percentile bootstrap 95% interval
    (:func:`analysis.measures.stats.bootstrap_ci`). Units with no word of the
    vocabulary carry no topical evidence and are left out of both tables.

What a topic model can and cannot show on one statement
    A statement of the series has some 25-60 paragraphs and 2,000-7,000
    words; after stop words and the document-frequency limits a few hundred
    terms remain. That is enough to separate the two or three registers a
    reader sees anyway (economic policy - capital, petroleum, trade; domestic
    politics - parties, junta, elections; relations with neighbours), and to
    say which section leans on which. It is *not* enough for fine topics,
    for stable topics beyond k of about 4, or for strong statements about
    small groups: the objectives section is usually one or two paragraphs
    (n_units = 1 gives a degenerate interval, low = high = mean), and a
    country mentioned in one paragraph has a "prevalence" that is just that
    paragraph's mix. Intervals resample units only; they do not cover the
    uncertainty of the model itself (see ``topic_selection``'s stability).
    Topics of a multi-document corpus are shared across documents, which is
    where the method begins to earn its keep.

    On the seed (27 paragraphs, 165 terms) the rule chooses k = 2 under
    every seed tried: stability 0.91 against at most 0.84 for k = 3..8. The
    two topics are domestic politics and the military (APRA, Bustamante,
    leaders, support) and economic development (development, capital,
    petroleum, technical mission); the paragraphs using capital, petroleum,
    mining or investment have a mean share above 0.99 in the economic topic. That topic is
    *not* more prevalent in the policies section (mean 0.50, 95% interval
    0.27-0.74, 13 paragraphs) than in the objectives (0.80, one paragraph):
    the seed states its objectives largely in economic words ("positive
    cooperation in the economic field", "economic development", "strategic
    raw materials"), while half of its policies section is political
    background. The two development statements pooled show the same
    ordering (objectives 0.61, 3 paragraphs; policies 0.49, 73). With one
    objectives paragraph no interval could support either direction.

    Alone, Colombia 1950 also gives k = 2 under three seeds; Venezuela 1950
    does not settle: its stability is flat (0.70-0.83 at every k), so the
    rule falls to coherence, which prefers k = 7 or 8, and the chosen k
    moves with the seed. Read such a ``topic_selection`` (no k clearly more
    stable) as "this statement has no reproducible topic structure at the
    paragraph level", not as evidence for eight topics.

References
    Bouma, G. (2009). Normalized (pointwise) mutual information in
    collocation extraction. *GSCL*. Greene, D., O'Callaghan, D. &
    Cunningham, P. (2014). How many topics? Stability analysis for topic
    models. *ECML PKDD*. Sievert, C. & Shirley, K. (2014). LDAvis. *Workshop
    on Interactive Language Learning*. Röder, M., Both, A. & Hinneburg, A.
    (2015). Exploring the space of topic coherence measures. *WSDM*.
"""
from __future__ import annotations

import hashlib
import math
from numbers import Integral
import warnings

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy.optimize import linear_sum_assignment
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.pipeline import Pipeline
from sklearn.utils._param_validation import InvalidParameterError, Interval, StrOptions
from sklearn.utils.validation import check_is_fitted
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer

from .. import config
from ..text.vocabulary import Analyzer, genre_stop_words, word_pattern
from ..contracts import CONTRACTS
from ..text.editorial import measured
from .stats import bootstrap_ci, cluster_bootstrap, group_seed

#: Methods :class:`TopicModel` offers.
METHODS = ("nmf", "lda")
#: Default method, measured with benchmarks/bench_topics.py --quality
#: (see "Default method" in the module docstring).
DEFAULT_METHOD = "nmf"
#: Units a topic model can be fitted on; paragraphs are the default.
UNITS = ("paragraph", "sentence")
#: What ``build_tables(unit=...)`` accepts: a unit, or "auto" (see
#: :func:`choose_unit`).
UNIT_CHOICES = UNITS + ("auto",)
#: Range of k scanned by :func:`select_k`. Upper end 8: a statement has at
#: most ~60 paragraphs, and above k = 8 most topics are single paragraphs.
K_RANGE = tuple(range(2, 9))
#: Runs (seeds x subsamples) behind each stability figure: 8 runs give 28
#: pairs. Measured on the seed over six seeds (``benchmarks/bench_topics.py
#: --quality --method nmf --seeds 6 --runs 3``): with 3 runs the chosen k was
#: 5, 2, 2, 2, 2, 5; with 8 it was 2 every time. An NMF scan of k = 2..8
#: stays under a second on a statement.
N_STABILITY_RUNS = 8
#: Share of the units each stability run keeps (Greene et al. 2014 use 0.8).
SUBSAMPLE = 0.8
#: Units the k scan (coherence and stability) is run on at most: a larger
#: corpus is scanned on a seeded sample of this many units, then the chosen
#: k is fitted on every unit. A statement of the series has at most ~100
#: paragraphs and ~600 sentences, so the bound never binds on statements;
#: on the ten whole volumes of issue 10 (~190,000 sentence units) it keeps
#: the 63 fits of a scan to seconds each. 5,000 sentences still hold the
#: vocabulary of a volume's main subjects (terms must recur: MIN_DF).
MAX_SELECTION_UNITS = 5000
#: Above this many units the k values of a scan are fitted in parallel
#: processes (below it, starting the processes costs more than the fits).
PARALLEL_MIN_UNITS = 2000
#: ``unit="auto"`` fits sentences instead of paragraphs when the median
#: paragraph is longer than this many words: text without paragraph breaks
#: (a whole volume on one line) has "paragraphs" of a million words, while
#: the paragraphs of a statement run to 50-300 words.
MAX_PARAGRAPH_WORDS = 1000
#: k within this much of the highest stability are candidates (see
#: :func:`choose_k`): about the median standard deviation, across seeds, of
#: an 8-run NMF stability estimate (``benchmarks/bench_topics.py --quality
#: --method nmf --seeds 6``: median 0.029 on the seed, 0.031 and 0.046 on the
#: development statements; 0.016-0.079 over k = 2..8).
STABILITY_TOL = 0.03
#: Top terms per topic used for NPMI coherence (the usual 10).
COHERENCE_TOP_N = 10
#: Terms per topic and measure written to ``topic_terms``.
TOP_N_TERMS = 10
#: Lambda of the relevance measure; 0.6 is Sievert & Shirley's (2014)
#: user-study optimum.
RELEVANCE_LAMBDA = 0.6
#: A term must occur in at least this many units: a word of one paragraph
#: cannot co-occur with anything, and only adds noise to a small corpus.
MIN_DF = 2
#: ... and in at most this share of units: words in more than half the
#: paragraphs (the focus country's name and adjective) mark the document,
#: not a topic.
MAX_DF = 0.5
#: Documents with fewer units than this give no document markers (see
#: :func:`document_markers`): in 5 paragraphs any common word passes 50%.
MIN_MARKER_UNITS = 10
#: Shortest word of the vocabulary: 3 letters drops "US" in any case.
MIN_WORD_LEN = 3
#: Words of 3 or more letters (no digits), the one word pattern
#: (:func:`analysis.text.vocabulary.word_pattern`) of :func:`make_analyzer`.
TOKEN_PATTERN = word_pattern(min_len=MIN_WORD_LEN, apart=True)
#: Function words of the genre, dropped besides scikit-learn's English stop
#: words: the entries of ``analysis/data/genre_stop_words.csv`` marked
#: ``topics`` (the author's name and the section names, which ranked high in
#: every topic whatever its subject; see "Vocabulary" in the module docstring).
GENRE_STOP_WORDS = genre_stop_words("topics")
#: NMF settings: NNDSVDa start (Boutsidis & Gallopoulos 2008; seed-
#: dependent only through a randomized SVD, better than a random start for
#: sparse text); 1,000 iterations so that fits of a few hundred units stop
#: on the tolerance, not the cap.
NMF_INIT = "nndsvda"
NMF_MAX_ITER = 1000
#: LDA settings: batch variational Bayes, 50 passes. Measured on the seed:
#: after the default 10 the topic-word vectors still differ from a 200-pass
#: fit (matched cosine 0.98 at k = 2); after 50 they agree to 3 decimals.
LDA_MAX_ITER = 50

#: Keyword arguments of :class:`TopicModel` that shape the vocabulary
#: (passed to :func:`make_vectorizer`).
_VECTORIZER_ARGS = ("extra_stop_words", "stem", "min_df", "max_df")

TOPIC_TERMS_COLUMNS = ["topic", "measure", "rank", "term", "weight", "relevance"]
UNIT_TOPICS_COLUMNS = ["doc_id", "unit_id", "topic", "weight"]
PREVALENCE_COLUMNS = ["grouping", "group", "topic", "mean", "ci_low", "ci_high", "n_units",
                      "n_documents", "resampled"]
#: Groupings of ``topic_prevalence``, in table order.
GROUPINGS = ("statement", "section", "region", "country")
SELECTION_COLUMNS = ["method", "unit", "k", "coherence", "stability", "n_units", "n_terms",
                     "chosen"]


def make_analyzer(extra_stop_words=(), stem=False):
    """The topics configuration of the one tokeniser.

    :class:`analysis.text.vocabulary.Analyzer` with words of
    :data:`TOKEN_PATTERN` (three or more letters, apart from digits), the
    stop words of :func:`stop_words` and, with ``stem``, Porter stems.

    Parameters
    ----------
    extra_stop_words : iterable of str
        Words dropped besides :func:`stop_words`.
    stem : bool, default False

    Returns
    -------
    analysis.text.vocabulary.Analyzer

    Examples
    --------
    >>> make_analyzer()("The Government’s petroleum law of 1950, US aid")
    ['petroleum', 'law', 'aid']
    >>> make_analyzer(stem=True)("petroleum laws")
    ['petroleum', 'law']
    """
    return Analyzer(stop_words=stop_words(extra_stop_words), min_len=MIN_WORD_LEN, stem=stem,
                    apart=True)


def stop_words(extra=()):
    """The stop list: scikit-learn's English words, the genre's, and ``extra``.

    Parameters
    ----------
    extra : iterable of str
        More words to drop (lower-cased), e.g. a corpus's country names.

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> words = stop_words(["Andorra"])
    >>> "the" in words, "andorra" in words, "petroleum" in words
    (True, True, False)
    """
    return frozenset(ENGLISH_STOP_WORDS) | GENRE_STOP_WORDS | {w.lower() for w in extra}


def make_vectorizer(extra_stop_words=(), stem=False, min_df=MIN_DF, max_df=MAX_DF,
                    vocabulary=None):
    """An unfitted CountVectorizer with the package's tokenisation (:func:`make_analyzer`).

    Parameters
    ----------
    extra_stop_words : iterable of str
        Words dropped besides :func:`stop_words`.
    stem : bool, default False
        Porter-stem the tokens (NLTK; no data download).
    min_df : int or float, default MIN_DF
        Minimum number (or share) of units a term must occur in.
    max_df : int or float, default MAX_DF
        Maximum number (or share) of units a term may occur in.
    vocabulary : sequence of str, optional
        A fixed vocabulary (then ``min_df``/``max_df`` are not applied).

    Returns
    -------
    sklearn.feature_extraction.text.CountVectorizer

    Examples
    --------
    >>> v = make_vectorizer(min_df=1, max_df=1.0).fit(["The petroleum law", "petroleum and mining"])
    >>> list(v.get_feature_names_out())
    ['law', 'mining', 'petroleum']
    """
    return make_analyzer(extra_stop_words, stem).vectorizer(
        min_df=min_df, max_df=max_df, vocabulary=vocabulary, dtype=np.float64)


def document_markers(units, max_df=MAX_DF, min_units=MIN_MARKER_UNITS):
    """Words that mark a document rather than a topic.

    A word in more than ``max_df`` of the units of one document (of at least
    ``min_units`` units) is that document's marker: typically the focus
    country's name and adjective (stop words such as "government" are
    dropped before counting, so they are never markers). Pooled over
    several documents such words fall under ``max_df`` and would make every
    topic a document; dropping them keeps topics about subjects. For a single document this is the
    same as ``max_df``.

    Parameters
    ----------
    units : pandas.DataFrame
        doc_id and text (one row per unit).
    max_df : float, default MAX_DF
    min_units : int, default MIN_MARKER_UNITS

    Returns
    -------
    list of str
        Sorted marker words (unstemmed: stop words are dropped before
        stemming).

    Examples
    --------
    >>> u = pd.DataFrame({"doc_id": ["a"] * 4 + ["b"] * 4,
    ...                   "text": ["Ruritania oil", "Ruritania army", "Ruritania trade", "oil",
    ...                            "Freedonia oil", "Freedonia army", "Freedonia trade", "army"]})
    >>> document_markers(u, min_units=4)
    ['freedonia', 'ruritania']
    """
    analyzer = make_analyzer()
    markers = set()
    for _, texts in units.groupby("doc_id", sort=True)["text"]:
        if len(texts) < min_units:
            continue
        df = {}
        for text in texts:
            for w in set(analyzer(text)):
                df[w] = df.get(w, 0) + 1
        markers |= {w for w, n in df.items() if n > max_df * len(texts)}
    return sorted(markers)


def _normalize_rows(m):
    """Rows scaled to sum 1; all-zero rows become uniform."""
    m = np.asarray(m, dtype=np.float64)
    s = m.sum(axis=1, keepdims=True)
    out = np.full_like(m, 1.0 / m.shape[1]) if m.shape[1] else m.copy()
    np.divide(m, s, out=out, where=s > 0)
    return out


class TopicModel(TransformerMixin, BaseEstimator):
    """NMF or LDA topic model of a unit-term count matrix.

    Chain it after the package's vectorizer (:func:`make_vectorizer`) to model
    raw texts: :func:`make_topic_pipeline` returns that scikit-learn
    ``Pipeline``.

    Parameters
    ----------
    method : {"nmf", "lda"}, default DEFAULT_METHOD
        NMF on TF-IDF (Frobenius loss) or LDA (batch variational Bayes) on
        counts.
    n_topics : int, default 5
        Number of topics k.
    random_state : int, optional
        Seed of the model's initialisation: LDA's random start, or the
        randomized SVD behind NMF's NNDSVDa start.

    Attributes
    ----------
    model_ : NMF or LatentDirichletAllocation
        The fitted scikit-learn model.
    tfidf_ : TfidfTransformer
        The TF-IDF weighting (NMF only).
    components_ : numpy.ndarray, shape (n_topics, n_terms)
        Topic-word weights, each row summing to 1 (p(w | topic)).
    term_frequency_ : numpy.ndarray, shape (n_terms,)
        Counts of each term in the fitting units.
    n_features_in_ : int
    n_iter_ : int
        Iterations the fit took.
    converged_ : bool or None
        NMF: whether it stopped on the tolerance before ``NMF_MAX_ITER``
        (scikit-learn's ``ConvergenceWarning`` is shown when it did not).
        LDA: None — batch variational Bayes runs a fixed ``LDA_MAX_ITER``
        passes, with no stopping test.

    Examples
    --------
    >>> texts = ["oil mining capital", "capital oil investment", "mining oil capital",
    ...          "army junta election", "election army party", "junta party army"]
    >>> pipe = make_topic_pipeline(n_topics=2, random_state=0, min_df=1, max_df=1.0).fit(texts)
    >>> pipe["topics"].components_.shape
    (2, 8)
    >>> round(float(pipe.transform(["oil capital"]).sum()), 6)
    1.0
    >>> counts = make_vectorizer(min_df=1, max_df=1.0).fit_transform(texts)
    >>> tm = TopicModel(n_topics=2, random_state=0)
    >>> bool(np.allclose(tm.fit_transform(counts), tm.fit(counts).transform(counts)))
    True
    """

    _parameter_constraints: dict = {
        "method": [StrOptions(set(METHODS))],
        "n_topics": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(self, *, method=DEFAULT_METHOD, n_topics=5, random_state=None):
        self.method = method
        self.n_topics = n_topics
        self.random_state = random_state

    def _features(self, counts, fit):
        if self.method == "nmf":
            if fit:
                self.tfidf_ = TfidfTransformer()
                return self.tfidf_.fit_transform(counts)
            return self.tfidf_.transform(counts)
        return counts

    def fit(self, X, y=None):
        """Learn the topics of the unit-term count matrix ``X``."""
        try:
            self._validate_params()
        except InvalidParameterError as exc:
            raise ValueError(f"TopicModel: {exc}") from None
        X = _untouched(X)
        self.term_frequency_ = np.asarray(X.sum(axis=0)).ravel()
        features = self._features(X, fit=True)
        k = int(self.n_topics)
        if self.method == "nmf":
            model = NMF(n_components=k, init=NMF_INIT, max_iter=NMF_MAX_ITER,
                        random_state=self.random_state)
            cap = NMF_MAX_ITER
        else:
            model = LatentDirichletAllocation(n_components=k, learning_method="batch",
                                              max_iter=LDA_MAX_ITER,
                                              random_state=self.random_state)
            cap = LDA_MAX_ITER
        with np.errstate(invalid="ignore"):
            # NMF's Frobenius loss on sparse input is computed as
            # |X|² + |WH|² - 2<X, WH>; when the fit is (nearly) exact, as on a
            # small corpus with k near the rank of its vocabulary, rounding
            # makes it a tiny negative number and numpy's sqrt of it printed
            # "invalid value encountered in sqrt" (39 times in a 200-file run,
            # issue 11). The loss only drives the stopping test; the factors
            # are unaffected. Non-convergence is *not* hidden (``converged_``).
            model.fit(features)
        self.model_ = model
        self.n_iter_ = int(model.n_iter_)
        self.converged_ = self.n_iter_ < cap if self.method == "nmf" else None
        self.components_ = _normalize_rows(model.components_)
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X):
        """Topic shares of each unit, shape (n_units, n_topics); rows sum to 1.

        A unit with no term of the vocabulary gets uniform shares (1/k).
        """
        check_is_fitted(self, "model_")
        features = self._features(_untouched(X), fit=False)
        with np.errstate(invalid="ignore"):  # see fit
            w = self.model_.transform(features)
        return _normalize_rows(w)

    def fit_transform(self, X, y=None):
        """``fit(X)`` then ``transform(X)`` (exactly that)."""
        return self.fit(X).transform(X)


def _untouched(X):
    """A copy of a sparse matrix (scikit-learn sorts its indices in place)."""
    return X.copy() if hasattr(X, "has_sorted_indices") else X


def make_topic_pipeline(*, method=DEFAULT_METHOD, n_topics=5, random_state=None,
                        extra_stop_words=(), stem=False, min_df=MIN_DF, max_df=MAX_DF,
                        vocabulary=None) -> Pipeline:
    """The package's vectorizer chained with a :class:`TopicModel`: raw texts in.

    Steps ``counts`` (:func:`make_vectorizer` with ``extra_stop_words``,
    ``stem``, ``min_df``, ``max_df``, ``vocabulary``) and ``topics``
    (:class:`TopicModel` with ``method``, ``n_topics``, ``random_state``).

    Examples
    --------
    >>> texts = ["oil mining capital", "capital oil investment", "army junta election",
    ...          "election army party"]
    >>> pipe = make_topic_pipeline(n_topics=2, random_state=0, min_df=1, max_df=1.0).fit(texts)
    >>> list(pipe.named_steps)
    ['counts', 'topics']
    """
    return Pipeline([("counts", make_vectorizer(extra_stop_words, stem, min_df, max_df, vocabulary)),
                     ("topics", TopicModel(method=method, n_topics=n_topics,
                                           random_state=random_state))])


def npmi_coherence(components, counts, top_n=COHERENCE_TOP_N):
    """NPMI coherence of each topic over a unit-term count matrix.

    For each pair of a topic's top ``top_n`` terms (those of positive
    weight: an NMF topic may have fewer), NPMI =
    ``log(p(a, b) / (p(a) p(b))) / -log p(a, b)`` with probabilities the
    shares of units containing the terms; pairs that never co-occur score
    -1 (Bouma 2009).

    Parameters
    ----------
    components : array-like, shape (n_topics, n_terms)
        Topic-word weights.
    counts : array-like or sparse matrix, shape (n_units, n_terms)
        Term counts of the reference units (the corpus itself).
    top_n : int, default COHERENCE_TOP_N

    Returns
    -------
    numpy.ndarray, shape (n_topics,)
        Mean NPMI per topic, in [-1, 1].

    Examples
    --------
    >>> counts = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1]])
    >>> npmi_coherence([[.5, .5, 0, 0], [0, 0, .5, .5]], counts, top_n=2).round(3).tolist()
    [1.0, 1.0]
    >>> npmi_coherence([[.5, 0, .5, 0]], counts, top_n=2).round(3).tolist()
    [-1.0]
    """
    comp = np.asarray(components, dtype=np.float64)
    top_n = min(top_n, comp.shape[1])
    tops = []
    for row in comp:
        top = np.argsort(-row, kind="stable")[:top_n]
        tops.append(top[row[top] > 0])  # NMF topics may have fewer than top_n words
    # Only the top terms' columns are made dense (a corpus of sentence units
    # has hundreds of thousands of rows and tens of thousands of terms).
    cols = np.unique(np.concatenate(tops)) if tops else np.array([], dtype=int)
    b = counts[:, cols] > 0
    b = np.asarray(b.todense() if hasattr(b, "todense") else b, dtype=np.float64)
    where = {int(c): i for i, c in enumerate(cols)}
    n = b.shape[0]
    out = np.empty(comp.shape[0])
    for t, top in enumerate(tops):
        sub = b[:, [where[int(c)] for c in top]]
        joint = (sub.T @ sub) / n
        p = np.diag(joint)
        scores = []
        for i in range(len(top)):
            for j in range(i + 1, len(top)):
                pij = joint[i, j]
                if pij <= 0 or p[i] <= 0 or p[j] <= 0:
                    scores.append(-1.0)
                elif pij >= 1.0:
                    scores.append(1.0)
                else:
                    scores.append(math.log(pij / (p[i] * p[j])) / -math.log(pij))
        out[t] = float(np.mean(scores)) if scores else float("nan")
    return out


def match_topics(a, b):
    """Best one-to-one match of two sets of topics by cosine similarity.

    Parameters
    ----------
    a, b : array-like, shape (k, n_terms)
        Topic-word vectors over the same vocabulary.

    Returns
    -------
    numpy.ndarray, shape (k,)
        Cosine of each matched pair (Hungarian algorithm, scipy).

    Examples
    --------
    >>> match_topics([[1, 0], [0, 1]], [[0, 2], [3, 0]]).tolist()
    [1.0, 1.0]
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    na = np.linalg.norm(a, axis=1, keepdims=True)
    nb = np.linalg.norm(b, axis=1, keepdims=True)
    sim = (a / np.where(na > 0, na, 1)) @ (b / np.where(nb > 0, nb, 1)).T
    rows, cols = linear_sum_assignment(-sim)
    return sim[rows, cols]


def _run_seeds(seed, n):
    return [int(s) for s in np.random.SeedSequence(int(seed)).generate_state(n)]


def topic_stability(texts, n_topics, seed, method=DEFAULT_METHOD, vocabulary=None,
                    n_runs=N_STABILITY_RUNS, subsample=SUBSAMPLE, **model_args):
    """Mean best-match cosine of topics across seeded runs on subsamples.

    Each run draws its own seed from ``seed``, keeps a seeded ``subsample``
    share of the texts and fits a :class:`TopicModel`; the topics of every
    pair of runs are matched with :func:`match_topics`.

    Parameters
    ----------
    texts : list of str
    n_topics : int
    seed : int
    method : {"nmf", "lda"}
    vocabulary : sequence of str, optional
        Shared vocabulary; by default learned from all ``texts``.
    n_runs : int, default N_STABILITY_RUNS
    subsample : float, default SUBSAMPLE
        Share of texts per run (1.0: vary the seed only).
    **model_args
        The vocabulary (:func:`make_vectorizer`: ``stem``, ``min_df``, ``max_df``,
        ``extra_stop_words``).

    Returns
    -------
    float
        In [0, 1]; 1 means every run found the same topics.

    Examples
    --------
    >>> texts = ["oil mining capital", "capital oil investment", "mining oil capital",
    ...          "army junta election", "election army party", "junta party army"] * 2
    >>> topic_stability(texts, 2, seed=0, min_df=1, max_df=1.0) > 0.9
    True
    """
    texts = list(texts)
    vec = make_vectorizer(**_vectorizer_args(model_args), vocabulary=vocabulary)
    return _stability(vec.fit_transform(texts), n_topics, seed, method, n_runs, subsample)


def _vectorizer_args(model_args):
    """The arguments of :func:`make_vectorizer` among ``model_args``.

    The vocabulary (and its document-frequency limits) is made once, on the
    whole corpus: models fitted on its counts, or on a subsample of them,
    share its columns. A vocabulary given explicitly ignores min/max_df.
    """
    bad = sorted(set(model_args) - set(_VECTORIZER_ARGS))
    if bad:
        raise TypeError(f"topics: unknown argument(s) {bad}; the vocabulary takes {_VECTORIZER_ARGS}")
    return dict(model_args)


def _stability(counts, n_topics, seed, method, n_runs, subsample):
    """:func:`topic_stability` on a unit-term count matrix."""
    n = counts.shape[0]
    size = max(2, int(math.ceil(subsample * n)))
    runs = []
    for s in _run_seeds(seed, n_runs):
        rng = np.random.default_rng(s)
        idx = np.sort(rng.choice(n, size=min(size, n), replace=False))
        tm = TopicModel(method=method, n_topics=n_topics, random_state=s)
        runs.append(tm.fit(counts[idx]).components_)
    sims = [match_topics(runs[i], runs[j]).mean()
            for i in range(len(runs)) for j in range(i + 1, len(runs))]
    return float(np.mean(sims)) if sims else 1.0


def choose_k(selection, tol=STABILITY_TOL):
    """Apply the documented rule to a table of k, coherence and stability.

    The k whose stability is within ``tol`` of the highest are candidates
    (Greene et al. 2014 take the most stable k; ``tol`` absorbs the noise of
    a stability estimate); among them the most coherent wins, ties going
    to the smaller k.

    Parameters
    ----------
    selection : pandas.DataFrame
        Columns k, coherence, stability.
    tol : float, default STABILITY_TOL

    Returns
    -------
    int

    Examples
    --------
    >>> t = pd.DataFrame({"k": [2, 3, 4], "coherence": [0.1, 0.3, 0.5],
    ...                   "stability": [0.90, 0.88, 0.70]})
    >>> choose_k(t)
    3
    >>> choose_k(t, tol=0.0)
    2
    >>> choose_k(t.assign(coherence=float("nan")))  # no topic with two terms: the smallest k
    2
    """
    if not len(selection):
        raise ValueError("choose_k: empty selection table; scan at least one k")
    t = selection.sort_values("k", kind="stable").reset_index(drop=True)
    stab = t["stability"].astype("float64").round(12)
    ok = t[stab >= stab.max() - tol - 1e-12] if stab.notna().any() else t
    # a coherence is NaN when no topic has two terms to pair: least coherent
    coherence = ok["coherence"].astype("float64").round(12).fillna(-np.inf)
    return int(ok.loc[coherence.idxmax(), "k"])


def select_k(texts, seed, method=DEFAULT_METHOD, k_range=K_RANGE, n_runs=N_STABILITY_RUNS,
             tol=STABILITY_TOL, subsample=SUBSAMPLE, max_units=MAX_SELECTION_UNITS, n_jobs=1,
             **model_args):
    """Coherence and stability of every k in ``k_range``, and the chosen k.

    Parameters
    ----------
    texts : list of str
        The units.
    seed : int
    method : {"nmf", "lda"}
    k_range : iterable of int, default K_RANGE
        Values of k; k below 1, not below the number of units, or above the
        number of terms is skipped.
    n_runs : int, default N_STABILITY_RUNS
    tol : float, default STABILITY_TOL
        Passed to :func:`choose_k`.
    subsample : float, default SUBSAMPLE
        Share of the units per stability run (1.0: vary the seed only).
    max_units : int or None, default MAX_SELECTION_UNITS
        Scan a seeded sample of this many units when there are more (the
        vocabulary is still the whole corpus's); None: all units.
    n_jobs : int, default 1
        Processes fitting the k values (used from
        :data:`PARALLEL_MIN_UNITS` units on); results do not depend on it.
    **model_args
        The vocabulary (:func:`make_vectorizer`: ``stem``, ``min_df``, ``max_df``,
        ``extra_stop_words``).

    Returns
    -------
    pandas.DataFrame
        Columns method, k, coherence, stability, n_units (all units, also
        when a sample was scanned), n_terms, chosen.

    Examples
    --------
    >>> texts = ["oil mining capital", "capital oil investment", "mining oil capital",
    ...          "army junta election", "election army party", "junta party army"] * 2
    >>> t = select_k(texts, seed=0, k_range=[2, 3], min_df=1, max_df=0.6)
    >>> t[["k", "chosen"]].to_dict("list")
    {'k': [2, 3], 'chosen': [True, False]}
    """
    texts = list(texts)
    vec = make_vectorizer(**_vectorizer_args(model_args))
    counts = vec.fit_transform(texts)
    vocab = vec.get_feature_names_out()
    n_units = len(texts)
    if max_units is not None and counts.shape[0] > max_units:
        # a seeded sample of units, in corpus order, with the corpus vocabulary
        idx = np.sort(np.random.default_rng(group_seed(seed, ("select_k",))).choice(
            counts.shape[0], size=max_units, replace=False))
        counts = counts[idx]
    ks = [int(k) for k in k_range if 1 <= k <= min(counts.shape[0] - 1, len(vocab))]
    args = [(counts, k, seed, method, n_runs, subsample) for k in ks]
    if n_jobs > 1 and len(ks) > 1 and counts.shape[0] >= PARALLEL_MIN_UNITS:
        scores = Parallel(n_jobs=min(n_jobs, len(ks)))(delayed(_scan_k)(*a) for a in args)
    else:
        scores = [_scan_k(*a) for a in args]
    rows = [{"method": method, "k": k, "coherence": coh, "stability": stab,
             "n_units": n_units, "n_terms": len(vocab)} for k, (coh, stab) in zip(ks, scores)]
    t = pd.DataFrame(rows, columns=["method", "k", "coherence", "stability", "n_units",
                                    "n_terms"])
    t["chosen"] = False
    if len(t):
        t.loc[t["k"] == choose_k(t, tol), "chosen"] = True
    return t


def _scan_k(counts, k, seed, method, n_runs, subsample):
    """(coherence, stability) of one k: one fit on ``counts``, ``n_runs`` on subsamples."""
    tm = TopicModel(method=method, n_topics=k, random_state=seed).fit(counts)
    coh = float(np.mean(npmi_coherence(tm.components_, counts)))
    return coh, _stability(counts, k, seed, method, n_runs, subsample)


def topic_terms(model, terms=None, top_n=TOP_N_TERMS, lam=RELEVANCE_LAMBDA, order=None):
    """Top terms of each topic by weight and by relevance, as a tidy table.

    Parameters
    ----------
    model : TopicModel or Pipeline
        A fitted :class:`TopicModel` (then pass ``terms``) or a fitted
        :func:`make_topic_pipeline` (its vectorizer gives the terms).
    terms : sequence of str, optional
        The vocabulary, in column order.
    top_n : int, default TOP_N_TERMS
    lam : float, default RELEVANCE_LAMBDA
        Lambda of relevance; 1 ranks by weight alone.
    order : sequence of int, optional
        The model's topics in the order to number them 1..k (default: as
        fitted); the model is not modified.

    Returns
    -------
    pandas.DataFrame
        Columns topic (1..k), measure (``weight`` or ``relevance``: the
        ranking), rank (1..top_n), term, weight (p(w | topic)), relevance.

    Examples
    --------
    >>> texts = ["oil mining capital", "capital oil investment", "mining oil capital",
    ...          "army junta election", "election army party", "junta party army"]
    >>> pipe = make_topic_pipeline(n_topics=2, random_state=0, min_df=1, max_df=1.0).fit(texts)
    >>> t = topic_terms(pipe, top_n=2)
    >>> {"army", "oil"} <= set(t.loc[t["measure"] == "weight", "term"])
    True
    >>> t.columns.tolist()
    ['topic', 'measure', 'rank', 'term', 'weight', 'relevance']
    """
    if isinstance(model, Pipeline):
        terms = model["counts"].get_feature_names_out() if terms is None else terms
        model = model["topics"]
    if terms is None:
        raise ValueError("topic_terms: pass the vocabulary (terms=) of a TopicModel, "
                         "or a fitted make_topic_pipeline")
    terms = np.asarray(terms, dtype=object)
    phi = model.components_ if order is None else model.components_[list(order)]
    pw = model.term_frequency_ / max(model.term_frequency_.sum(), 1.0)
    eps = 1e-12
    rel = lam * np.log(phi + eps) + (1 - lam) * np.log((phi + eps) / (pw + eps))
    rows = []
    for t in range(phi.shape[0]):
        for measure, score in (("weight", phi[t]), ("relevance", rel[t])):
            idx = np.lexsort((terms, -np.round(score, 12)))[:top_n]
            for r, j in enumerate(idx, start=1):
                rows.append({"topic": t + 1, "measure": measure, "rank": r,
                             "term": str(terms[j]), "weight": float(phi[t, j]),
                             "relevance": float(rel[t, j])})
    return pd.DataFrame(rows, columns=TOPIC_TERMS_COLUMNS)


def make_units(sentences, unit="paragraph"):
    """Group a sentences table into topic-model units.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The foundation's ``sentences`` table (doc_id, sentence_id, section,
        paragraph, text).
    unit : {"paragraph", "sentence"}

    Returns
    -------
    pandas.DataFrame
        Columns doc_id, unit_id, section (of the unit's first sentence),
        text (sentences joined by a space), sorted by doc_id and unit_id.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d", "d", "d"], "sentence_id": [0, 1, 2],
    ...                   "section": ["objectives", "objectives", "policies"],
    ...                   "paragraph": [1, 1, 2], "text": ["A b.", "C d.", "E f."]})
    >>> make_units(s).to_dict("list")
    {'doc_id': ['d', 'd'], 'unit_id': [1, 2], 'section': ['objectives', 'policies'], 'text': ['A b. C d.', 'E f.']}
    """
    if unit not in UNITS:
        raise ValueError(f"make_units: unit={unit!r} is unknown; use one of {UNITS}")
    need = {"doc_id", "sentence_id", "section", "text"} | ({"paragraph"} if unit == "paragraph"
                                                           else set())
    missing = sorted(need - set(sentences.columns))
    if missing:
        raise KeyError(f"sentences table lacks columns {missing}; rebuild it with analysis.io.loader")
    s = _unit_of_sentence(sentences, unit).assign(
        section=sentences["section"].astype(str), text=sentences["text"].fillna("").astype(str))
    s = s.sort_values(["doc_id", "sentence_id"], kind="stable")
    if unit == "sentence" and not s.duplicated(["doc_id", "unit_id"]).any():
        # one sentence per unit: the grouping below would return the rows as they are
        out = s.sort_values(["doc_id", "unit_id"], kind="stable").reset_index(drop=True)
        return out[["doc_id", "unit_id", "section", "text"]]
    g = s.groupby(["doc_id", "unit_id"], sort=True)
    out = g.agg(section=("section", "first"), text=("text", " ".join)).reset_index()
    return out[["doc_id", "unit_id", "section", "text"]]


def _unit_of_sentence(sentences, unit):
    """doc_id, sentence_id and unit_id (paragraph or sentence) of every sentence."""
    key = "paragraph" if unit == "paragraph" else "sentence_id"
    return pd.DataFrame({"doc_id": sentences["doc_id"].astype(str),
                         "sentence_id": sentences["sentence_id"].astype("int64"),
                         "unit_id": sentences[key].astype("int64")})


def document_keys(sentences) -> dict:
    """doc_id → sha256 of the document's text: a name-free identity of each document.

    The topic model orders its units by this key (then by position in the
    document), never by doc_id, so renaming or reordering the input files
    changes no number (issue 12). Documents with the same text share a key.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "sentence_id": [0, 0], "text": ["X.", "X."]})
    >>> k = document_keys(s)
    >>> k["a"] == k["b"], len(k["a"])
    (True, 64)
    """
    s = sentences.sort_values(["doc_id", "sentence_id"], kind="stable")
    return {d: hashlib.sha256("\n".join(g.astype(str)).encode("utf-8")).hexdigest()
            for d, g in s.groupby("doc_id", sort=True)["text"]}


def topic_prevalence(unit_topics, groups, seed, keys=None):
    """Mean topic share per group with a seeded bootstrap 95% interval.

    Within one document (or a grouping that holds one document) the interval
    resamples units (paragraphs); over several documents it resamples whole
    documents (a cluster bootstrap: a statement's paragraphs are not
    independent draws), as the ``resampled`` column says.

    Parameters
    ----------
    unit_topics : pandas.DataFrame
        doc_id, unit_id, topic, weight (as from :func:`build_tables`).
    groups : pandas.DataFrame
        grouping, group, doc_id, unit_id: which units belong to which group
        (a unit may belong to several).
    seed : int
    keys : dict, optional
        doc_id → content key (:func:`document_keys`); units are resampled in
        key order and a statement's seed uses its key, so the figures do not
        depend on doc ids. Default: the doc ids themselves.

    Returns
    -------
    pandas.DataFrame
        grouping, group, topic, mean, ci_low, ci_high, n_units, n_documents,
        resampled (``units`` or ``documents``).

    Examples
    --------
    >>> ut = pd.DataFrame({"doc_id": ["d"] * 4, "unit_id": [1, 1, 2, 2],
    ...                    "topic": [1, 2, 1, 2], "weight": [0.9, 0.1, 0.3, 0.7]})
    >>> g = pd.DataFrame({"grouping": ["section"] * 2, "group": ["policies"] * 2,
    ...                   "doc_id": ["d", "d"], "unit_id": [1, 2]})
    >>> p = topic_prevalence(ut, g, seed=0)
    >>> p["topic"].tolist(), p["mean"].round(6).tolist(), p["n_units"].tolist()
    ([1, 2], [0.6, 0.4], [2, 2])
    >>> bool(((p["ci_low"] <= p["mean"]) & (p["mean"] <= p["ci_high"])).all())
    True
    """

    rows, first = [], []
    for pos, grouping, group, topic, w, k in _prevalence_groups(unit_topics, groups, keys):
        n_docs = int(pd.Series(k, dtype=object).nunique())
        # a statement is named by its content, not its doc_id, in the seed
        name = k[0] if grouping == "statement" else group
        gseed = group_seed(seed, (grouping, name), topic)
        if n_docs > 1:
            mean, lo, hi, _ = cluster_bootstrap(w, k, seed=gseed)
            n, how = len(w), "documents"
        else:
            mean, lo, hi, n = bootstrap_ci(w, seed=gseed)
            how = "units"
        first.append(pos)
        rows.append({"grouping": grouping, "group": group, "topic": int(topic), "mean": mean,
                     "ci_low": lo, "ci_high": hi, "n_units": n, "n_documents": n_docs,
                     "resampled": how})
    rows = [rows[i] for i in np.argsort(np.asarray(first, dtype="int64"), kind="stable")]
    return pd.DataFrame(rows, columns=PREVALENCE_COLUMNS)


def _prevalence_groups(unit_topics, groups, keys=None):
    """The (grouping, group, topic) groups of ``groups`` joined to ``unit_topics``.

    Yields ``(position, grouping, group, topic, weights, unit_keys)`` per
    group: the rows of the inner merge of ``groups`` and ``unit_topics`` on
    (doc_id, unit_id) that :func:`topic_prevalence` groups by (grouping,
    group, topic), in the merge's order stably sorted by content key and
    unit_id, and ``position``, the merge row where the group first appears
    (the order ``groupby(sort=False)`` gives; groups are yielded in another).
    The merge itself (rows of ``groups`` times topics: 5 million rows for the
    ten volumes at k = 7, about 0.8 GB with its string columns and the sorted
    copy a group-by makes) is never built: one (grouping, group) at a time,
    as integer indices.
    """
    on = ["doc_id", "unit_id"]
    pairs = unit_topics[on].drop_duplicates()
    pairs = pairs.assign(_p=np.arange(len(pairs), dtype="int64"))
    # each row's (doc_id, unit_id) as a number, matched as the merge matches keys
    ut_p = unit_topics[on].merge(pairs, on=on, how="left")["_p"].to_numpy(dtype="int64")
    g_p = groups[on].merge(pairs, on=on, how="left")["_p"].fillna(-1).to_numpy(dtype="int64")
    # unit_topics rows of each pair, in their order (a CSR layout)
    by_pair = np.argsort(ut_p, kind="stable")
    counts = np.bincount(ut_p, minlength=len(pairs))
    starts = np.cumsum(counts) - counts
    per_row = np.zeros(len(g_p), dtype="int64")
    per_row[g_p >= 0] = counts[g_p[g_p >= 0]]
    offsets = np.cumsum(per_row) - per_row  # merge row of each row's first match
    del pairs, ut_p, counts
    topic_code = pd.factorize(unit_topics["topic"])[0]  # -1: no topic, left out by a group-by
    topic_v = unit_topics["topic"].to_numpy()
    weight_v = unit_topics["weight"].to_numpy()
    key = groups["doc_id"].map(keys) if keys is not None else groups["doc_id"]
    key = key.fillna(groups["doc_id"]).astype(str)
    # ranks for the sort (a missing value last, as sort_values puts it)
    key_rank, unit_rank = (_rank(key), _rank(groups["unit_id"]))
    key_v = key.to_numpy(dtype=object)
    del key
    for (grouping, group), rows in groups.groupby(["grouping", "group"], sort=False).indices.items():
        rows = rows[g_p[rows] >= 0]
        # by key and unit_id (ties in merge order), then each row's matches in
        # order: a stable sort by topic then gives every group's rows in the
        # merge's order stably sorted by key and unit_id
        rows = rows[np.lexsort((unit_rank[rows], key_rank[rows]))]
        c = per_row[rows]
        gi = np.repeat(rows, c)
        r = np.arange(len(gi), dtype="int64") - np.repeat(np.cumsum(c) - c, c)
        uj = by_pair[np.repeat(starts[g_p[rows]], c) + r]
        pos = offsets[gi] + r
        del r, c
        tc = topic_code[uj]
        order = np.argsort(tc, kind="stable")
        bounds = np.flatnonzero(np.diff(tc[order])) + 1
        for seg in np.split(order, bounds):
            if not len(seg) or tc[seg[0]] < 0:
                continue
            yield (int(pos[seg].min()), grouping, group, topic_v[uj[seg[0]]],
                   weight_v[uj[seg]], key_v[gi[seg]])


def _rank(values) -> np.ndarray:
    """Rank of each value in sorted order, ties equal, a missing value last."""
    codes, uniques = pd.factorize(values, sort=True)
    return np.where(codes < 0, len(uniques), codes)


def _groups(units, tables, unit):
    """Statement groups (with several statements), section groups (canonical order),
    region groups (when ``documents`` gives regions) and, if ``mentions`` exists,
    country groups."""
    order = {s: i for i, s in enumerate(config.SECTIONS)}
    sec = units[["doc_id", "unit_id", "section"]].rename(columns={"section": "group"})
    sec.insert(0, "grouping", "section")
    sec["_o"] = sec["group"].map(order).fillna(len(order))
    sec = sec.sort_values(["_o", "group", "doc_id", "unit_id"], kind="stable").drop(columns="_o")
    parts = [sec]
    if units["doc_id"].nunique() > 1:
        st = units[["doc_id", "unit_id"]].assign(grouping="statement",
                                                   group=units["doc_id"].astype(str))
        parts.insert(0, st[["grouping", "group", "doc_id", "unit_id"]])
    docs = tables.get("documents")
    if docs is not None and "region" in docs.columns:
        reg = dict(zip(docs["doc_id"].astype(str), docs["region"].fillna("").astype(str)))
        r = units[["doc_id", "unit_id"]].assign(grouping="region",
                                                  group=units["doc_id"].astype(str).map(reg))
        r = r[r["group"].fillna("") != ""]
        if len(r):
            parts.append(r.sort_values(["group", "doc_id", "unit_id"], kind="stable")[
                ["grouping", "group", "doc_id", "unit_id"]])
    sec = pd.concat(parts, ignore_index=True)
    mentions = tables.get("mentions")
    if mentions is None:
        warnings.warn("topics: no 'mentions' table (run the countries step first); "
                      "topic_prevalence has no country groups", stacklevel=3)
        return sec
    need = {"doc_id", "sentence_id", "iso2"}
    if not need <= set(mentions.columns):
        raise KeyError(f"mentions table lacks columns {sorted(need - set(mentions.columns))}; "
                       "rebuild it with analysis.measures.countries")
    m = mentions[["doc_id", "sentence_id", "iso2"]].dropna().copy()
    m["doc_id"] = m["doc_id"].astype(str)
    m["sentence_id"] = m["sentence_id"].astype("int64")
    m = m.merge(_unit_of_sentence(tables["sentences"], unit), on=["doc_id", "sentence_id"])
    cty = m[["iso2", "doc_id", "unit_id"]].drop_duplicates().rename(columns={"iso2": "group"})
    cty["group"] = cty["group"].astype(str)
    cty.insert(0, "grouping", "country")
    cty = cty.sort_values(["group", "doc_id", "unit_id"], kind="stable")
    return pd.concat([sec, cty], ignore_index=True)


def _empty_tables():
    return {"topic_selection": pd.DataFrame(columns=SELECTION_COLUMNS),
            "topic_terms": pd.DataFrame(columns=TOPIC_TERMS_COLUMNS),
            "unit_topics": pd.DataFrame(columns=UNIT_TOPICS_COLUMNS),
            "topic_prevalence": pd.DataFrame(columns=PREVALENCE_COLUMNS)}


def choose_unit(sentences) -> str:
    """The unit ``unit="auto"`` fits: paragraphs, unless they are not paragraphs.

    Sentences when the median paragraph has more than
    :data:`MAX_PARAGRAPH_WORDS` words (text without paragraph breaks).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": "d", "paragraph": [1, 1, 2], "text": ["A b.", "C.", "D."]})
    >>> choose_unit(s)
    'paragraph'
    """
    if "paragraph" not in sentences.columns or not len(sentences):
        return "sentence" if "paragraph" not in sentences.columns else "paragraph"
    words = sentences["text"].fillna("").astype(str).str.count(r"\S+")
    per_par = words.groupby([sentences["doc_id"], sentences["paragraph"]]).sum()
    return "sentence" if float(per_par.median()) > MAX_PARAGRAPH_WORDS else "paragraph"


#: The tables this step reads and writes (:mod:`analysis.contracts`).
CONTRACT = CONTRACTS["topics"]


def build_tables(tables, seed=config.SEED, unit="auto", method=DEFAULT_METHOD,
                 k_range=K_RANGE, stem=False, n_topics=None, n_jobs=None):
    """Fit the topic model of the corpus and return the four topic tables.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Needs ``sentences``; uses ``mentions`` (from ``analysis.measures.countries``)
        for country groups when present. Not modified.
    seed : int
        Seed of the model, the stability runs and the bootstrap.
    unit : {"auto", "paragraph", "sentence"}, default "auto"
        "auto": paragraphs, or sentences for text without paragraph breaks
        (:func:`choose_unit`).
    method : {"nmf", "lda"}, default DEFAULT_METHOD
    k_range : iterable of int, default K_RANGE
    stem : bool, default False
    n_topics : int, optional
        Skip the choice and use this k (``topic_selection`` still records
        the scan).
    n_jobs : int, optional
        Processes for the k scan of a large corpus (default: every core);
        the tables do not depend on it.

    Returns
    -------
    dict
        ``topic_selection`` (method, unit, k, coherence, stability, n_units,
        n_terms, chosen), ``topic_terms`` (topic, measure, rank, term,
        weight, relevance), ``unit_topics`` (doc_id, unit_id, topic, weight),
        ``topic_prevalence`` (grouping, group, topic, mean, ci_low, ci_high,
        n_units). Topics are numbered 1..k by decreasing overall prevalence.
        Too small a corpus (no term in two units) gives empty tables.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": "d", "sentence_id": range(8),
    ...     "section": ["objectives"] * 4 + ["policies"] * 4, "paragraph": range(1, 9),
    ...     "text": ["Oil mining capital.", "Capital oil investment.", "Mining oil capital.",
    ...              "Oil capital mining.", "Army junta election.", "Election army party.",
    ...              "Junta party army.", "Army election junta."]})
    >>> out = build_tables({"sentences": s, "mentions": pd.DataFrame(
    ...     columns=["doc_id", "sentence_id", "iso2"])}, seed=0, k_range=[2, 3])
    >>> int(out["topic_selection"].query("chosen")["k"].iloc[0])
    2
    >>> out["unit_topics"].groupby("unit_id")["weight"].sum().round(6).unique().tolist()
    [1.0]
    """
    if unit not in UNIT_CHOICES:
        raise ValueError(f"topics: unit={unit!r} is unknown; use one of {UNIT_CHOICES}")
    # editorial rows (analysis.text.editorial) are not the Department's text
    tables = {**tables, "sentences": measured(tables["sentences"])}
    if unit == "auto":
        unit = choose_unit(tables["sentences"])
    if n_jobs is None:
        n_jobs = config.default_jobs()
    units = make_units(tables["sentences"], unit)
    # Fit on units in an order set by content, not by name: documents by the
    # sha256 of their text, units by position (issue 12: k changed with doc ids).
    keys = document_keys(tables["sentences"])
    units = units.assign(_key=units["doc_id"].map(keys))
    units = units.sort_values(["_key", "unit_id"], kind="stable").reset_index(drop=True)
    texts = units["text"].tolist()
    # Markers are counted over paragraphs even for sentence units: a focus
    # country's name is in most paragraphs but in few sentences.
    paragraphs = (make_units(tables["sentences"], "paragraph")
                  if unit != "paragraph" and "paragraph" in tables["sentences"].columns
                  else units)
    model_args = {"stem": stem, "extra_stop_words": document_markers(paragraphs)}
    # The model's own vocabulary (what TopicModel.fit would build), made once.
    vec = make_vectorizer(**model_args)
    try:
        counts = vec.fit_transform(texts)
    except ValueError:  # no term left
        return _empty_tables()
    if len(texts) < 3 or counts.shape[1] < 2:
        return _empty_tables()
    selection = select_k(texts, seed, method=method, k_range=k_range, n_jobs=n_jobs, **model_args)
    if not len(selection):
        return _empty_tables()
    selection.insert(1, "unit", unit)
    k = int(selection.loc[selection["chosen"], "k"].iloc[0]) if n_topics is None else n_topics
    if n_topics is not None:
        selection["chosen"] = selection["k"] == k
    tm = TopicModel(method=method, n_topics=k, random_state=seed).fit(counts)
    w = tm.transform(counts)
    has_terms = np.asarray(counts.sum(axis=1)).ravel() > 0
    # Number topics by decreasing mean share over the units with evidence.
    order = np.lexsort((np.arange(k), -np.round(w[has_terms].mean(axis=0), 12)))
    w = w[:, order]
    keep = units.loc[has_terms, ["doc_id", "unit_id"]].reset_index(drop=True)
    ut = pd.DataFrame({
        "doc_id": np.repeat(keep["doc_id"].to_numpy(), k),
        "unit_id": np.repeat(keep["unit_id"].to_numpy(), k),
        "topic": np.tile(np.arange(1, k + 1), len(keep)),
        "weight": w[has_terms].ravel(),
    }, columns=UNIT_TOPICS_COLUMNS)
    # mapped back to the tables' order (doc_id, unit_id)
    ut = ut.sort_values(["doc_id", "unit_id", "topic"], kind="stable").reset_index(drop=True)
    kept_units = units.loc[has_terms].sort_values(["doc_id", "unit_id"], kind="stable")
    groups = _groups(kept_units.drop(columns="_key"), tables, unit)
    prevalence = topic_prevalence(ut, groups, seed, keys=keys)
    return {"topic_selection": selection[SELECTION_COLUMNS].reset_index(drop=True),
            "topic_terms": topic_terms(tm, vec.get_feature_names_out(), order=order),
            "unit_topics": ut,
            "topic_prevalence": prevalence}
