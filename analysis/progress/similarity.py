"""Text similarity of the genre: stemmed content words plus topic families.

One analyser for the progress step (:mod:`analysis.progress.evidence`),
the alignment configuration (:data:`ANALYZER`) of the package's one
tokeniser (:class:`analysis.text.vocabulary.Analyzer`): content words,
stemmed (Porter, cut to :data:`STEM_LEN` letters, so "democratic" meets
"democracy"), with the genre's stop words removed, and
every word of a topic family of the genre (``analysis/data/
objective_concepts.csv``: "defense" / "military", "petroleum" / "oil" ...)
adding its family as a token, so an aim stated with one word is found when
the evaluation uses a neighbour. Verdict words ("achievement", "success")
are no topic words. :func:`topic_phrase` reads the genre's explicit
cross-references ("As regards X, ...", "Our efforts to X have ...").
"""
from __future__ import annotations

import csv
import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from .. import config
from ..text.vocabulary import Analyzer, genre_stop_words, topic_openers

#: Dimension of the static word embeddings (WordLlama "l2_supercat", 256 of
#: its Matryoshka dimensions; the weights ship inside the wheel).
EMBED_DIM = 256

#: Weight of a topic-family token against a word's: the family names the
#: subject of a sentence ("armed forces", "missions", "arms" are all defence)
#: however it is worded, but, as one token among a long sentence's many, its
#: TF-IDF share is small; weighting it up lets a paragraph about the subject
#: meet an aim that names it in other words. Value: chosen among 1.0, 1.25,
#: 1.5 and 2.0 on three statements of the series by the first release (a
#: training-set choice; the learned evidence model weighs the cosine it feeds).
CONCEPT_WEIGHT = 1.5
#: Stems are cut to this many letters (truncation stemming after Porter).
STEM_LEN = 6
#: Words frequent in every statement of the genre that say nothing about a
#: particular aim (on top of scikit-learn's English stop words). The verdict
#: words of the genre ("achievement", "attainment", "success") are among them:
#: they say how an aim fared, not which aim ("the achievement of world peace"
#: must not meet "have achieved a modicum of success in training the army").
#: The entries of ``analysis/data/genre_stop_words.csv`` marked ``alignment``.
GENRE_STOP_WORDS = genre_stop_words("alignment")
CONCEPTS_PATH = config.PACKAGE_DATA / "objective_concepts.csv"
#: The alignment configuration of the one tokeniser
#: (:class:`analysis.text.vocabulary.Analyzer`): ASCII words of three or more
#: letters, hyphenated compounds kept whole ("non-intervention"), English and
#: genre stop words dropped, Porter stems cut to :data:`STEM_LEN`.
ANALYZER = Analyzer(stop_words=ENGLISH_STOP_WORDS | GENRE_STOP_WORDS, min_len=3, stem=True,
                    stem_len=STEM_LEN, letters="ascii", joiners="-")
#: Openers of a topic phrase; the phrase runs to the first comma, or for
#: subject openers ("Our efforts to X have ...") to the finite verb.
#: The genre's openers (``analysis/data/topic_openers.csv``, shared with the
#: register score) and two forms that name a topic without an opener
#: ("Progress toward X has ...", "In the economic field, ...").
_TOPIC = re.compile(
    r"^\s*(?:" + "|".join(r"\s+".join(map(re.escape, o.split())) for o in topic_openers())
    + r"|(?:the\s+)?progress\s+(?:toward|towards|in|on)|in\s+the\s+(?=[\w\s-]{1,40}?\b(?:field|sphere|area|realm)\b))"
    r"\s+(?P<topic>[^,;:]{3,250}?)\s*(?:,|;|:|\b(?:has|have|is|are|was|were)\b)", re.I)
_SUBJECT_TOPIC = re.compile(
    r"^\s*(?:the\s+|our\s+|us\s+|u\.s\.\s+)?(?:efforts?|attempts?|policy|policies|endeavou?rs?)\s+"
    r"(?:of\s+[\w\s-]{1,40}?\s+)?(?:to|toward|towards|in\s+regard\s+to|with\s+respect\s+to|regarding)\s+"
    r"(?P<topic>[^,;:]{3,250}?)\s+\b(?:has|have|is|are|was|were|had)\b", re.I)


@lru_cache(maxsize=2)
def load_concepts(path=None) -> tuple:
    """Topic families: tuple of (concept, exact words, word prefixes).

    Examples
    --------
    >>> c = {name: (words, prefixes) for name, words, prefixes in load_concepts()}
    >>> "oil" in c["raw_materials"][0], "democra" in c["democracy"][1]
    (True, True)
    """
    path = path or CONCEPTS_PATH
    if not path.exists():
        raise FileNotFoundError(f"{path}: topic families file missing; reinstall the package data")
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    out = []
    for row in csv.DictReader(lines):
        terms = row["terms"].split()
        out.append((row["concept"], frozenset(t for t in terms if not t.endswith("*")),
                    tuple(t[:-1] for t in terms if t.endswith("*"))))
    return tuple(out)


def analyze(text: str) -> list:
    """Tokens used for alignment: stems of content words plus topic families.

    The stems are :data:`ANALYZER`'s; a topic family's token ("#defense")
    follows when a content word (unstemmed) is one of its words.

    Examples
    --------
    >>> analyze("Democratic institutions and oil")
    ['democr', 'instit', 'oil', '#democracy', '#raw_materials']
    """
    words = ANALYZER.words(str(text))
    toks = ANALYZER.stemmed(words)
    concepts = []
    for name, exact, prefixes in load_concepts():
        if any(w in exact or w.startswith(prefixes) for w in words):
            concepts.append("#" + name)
    return toks + concepts


def topic_phrase(text: str):
    """The topic a sentence announces it judges ("As regards X, ..."), or None.

    Examples
    --------
    >>> topic_phrase("As regards our objective of economic development, progress is slow.")
    'our objective of economic development'
    >>> topic_phrase("Our efforts to encourage democracy have not been successful.")
    'encourage democracy'
    >>> topic_phrase("The mission arrived in May.") is None
    True
    """
    m = _TOPIC.match(text) or _SUBJECT_TOPIC.match(text)
    return m.group("topic").strip() if m else None


class Embedder:
    """TF-IDF over one document's sentences, topic-family tokens weighted up.

    Examples
    --------
    >>> e = Embedder().fit(["Oil output rose.", "Petroleum supply is vital.", "The mission left."])
    >>> float((e.transform(["oil"]) @ e.transform(["petroleum supply"]).T).toarray()[0, 0]) > 0
    True
    """

    def fit(self, texts):
        self.vec_ = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, norm=None).fit(list(texts))
        self.scale_ = np.array([CONCEPT_WEIGHT if t.startswith("#") else 1.0
                                for t in self.vec_.get_feature_names_out()])
        return self

    def transform(self, texts):
        X = self.vec_.transform(list(texts))
        if X.shape[1]:
            X = X.multiply(self.scale_)
        return normalize(X.tocsr())


@lru_cache(maxsize=1)
def _wordllama():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:  # deferred: heavy, wordllama (pydantic, requests, safetensors); only for semantic similarity
        import wordllama
        from wordllama import WordLlama
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise ImportError("semantic similarity needs the `wordllama` package; "
                          "install the pinned environment (make test) or `pip install wordllama`") from e
    finally:
        # wordllama calls logging.basicConfig(level=INFO) on import, which
        # would print every library's INFO lines; undo it.
        for h in root.handlers[:]:
            if h not in handlers:
                root.removeHandler(h)
        root.setLevel(level)
    # WordLlama 0.4.0 looks for its tokenizer under "tokenizer/" but ships it
    # under "tokenizers/"; its own folder, given as the cache, holds both the
    # tokenizer ("tokenizers/...") and the weights ("weights/..."), so nothing
    # is downloaded.
    return WordLlama.load(dim=EMBED_DIM, cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts) -> np.ndarray:
    """Unit-length semantic embeddings of ``texts`` (WordLlama, offline).

    Static token embeddings averaged over the text (Miller 2024, WordLlama):
    similar aims worded differently ("petroleum supply" / "oil output")
    get close vectors without any download at run time.

    Examples
    --------
    >>> e = embed(["petroleum supplies", "oil production", "the mission arrived in May"])
    >>> e.shape, bool(e[0] @ e[1] > e[0] @ e[2])
    ((3, 256), True)
    """
    texts = [str(t) for t in texts]
    if not texts:
        return np.zeros((0, EMBED_DIM))
    return np.asarray(_wordllama().embed(texts, norm=True), dtype=float)
