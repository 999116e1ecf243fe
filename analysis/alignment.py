"""Which evaluation sentences speak to which objective.

Every (objective, evaluation sentence) pair of a document gets a score in
[0, 1], the largest of three kinds of evidence:

``lexical``
    TF-IDF cosine between objective and sentence over the document's own
    vocabulary (all its sentences: a word frequent throughout the statement,
    such as the country's name, weighs little). Words are stemmed (Porter,
    cut to :data:`STEM_LEN` letters, so "democratic" meets "democracy") and
    every word of a topic family of the genre (``analysis/data/
    objective_concepts.csv``: "defense" / "military", "petroleum" / "oil"...)
    also adds its family as a token (weighted :data:`CONCEPT_WEIGHT`), so an
    aim stated with one word is found when the evaluation uses a neighbour.
    Verdict words ("achievement", "success") are no topic words.
``crossref``
    An explicit cross-reference, the genre's way of opening a verdict: "In
    regard to our objective of X, ...", "As regards X, ...", "With respect to
    X, ...", "Progress toward X ...", "Our efforts to X have ...", "In the X
    field ...". The topic phrase X is compared with every objective; the
    best-matching objective gets ``CROSSREF_BASE + (1 - CROSSREF_BASE) * sim``.
``paragraph``
    The verdict sentence usually opens a paragraph and the following
    sentences elaborate it, often without naming the objective: a sentence
    inherits :data:`PARAGRAPH_DECAY` times the score of its paragraph's first
    sentence.

``paragraph`` (whole)
    The paragraph as a whole is also compared with every objective: a
    paragraph of the genre judges one aim, often without repeating its words
    in any single sentence. A paragraph that opens with an explicit
    cross-reference belongs to the aims it names; otherwise to its
    best-matching aim (and near-ties, :data:`PARA_TIE`) when the cosine
    reaches :data:`PARA_MIN`. Its sentences get a score just above the
    threshold, below any cross-reference.
A pair is kept when its score reaches :data:`ALIGN_THRESHOLD` and is at least
:data:`RELATIVE_MIN` of the sentence's best score over all objectives (a
sentence about one aim does not also count, weakly, for every aim sharing a
word with it).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

import numpy as np
import pandas as pd
from nltk.stem import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.preprocessing import normalize

from . import config

#: Pairs scoring below this are not aligned. Two unrelated sentences of one
#: statement share on average one common content word, which gives TF-IDF
#: cosines of 0.05-0.12; a sentence sharing a salient phrase with an aim
#: (two content words) scores above 0.2.
ALIGN_THRESHOLD = 0.15
#: Share of the sentence's best direct score another objective needs to be
#: kept: a sentence counts for its best aim and for near-ties only (three
#: quarters), since evaluation sentences of the genre judge one aim at a time
#: (measured on the seed: at 0.5 a sentence also voted for aims it only
#: shares a generic word with).
RELATIVE_MIN = 0.75
#: Floor of an explicit cross-reference's score: it is strong evidence (the
#: text names the aim it judges), so it starts at the middle of the scale.
CROSSREF_BASE = 0.5
#: Least similarity between a cross-reference's topic phrase and the
#: objective it is assigned to (otherwise the topic is no stated aim).
CROSSREF_MIN = 0.1
#: Objectives whose similarity to a cross-reference's topic is at least this
#: share of the best one's are referred to as well (near-duplicates).
CROSSREF_TIE = 0.8
#: Share of the opening sentence's score that the rest of its paragraph
#: inherits (paragraph-level topic sentences of the genre).
PARAGRAPH_DECAY = 0.6
#: Least TF-IDF cosine between an objective and a whole evaluation paragraph
#: for the paragraph to be read as judging it. A paragraph of the genre
#: judges one aim at a time, often without repeating its words in any one
#: sentence; pooled over the paragraph, a shared word or topic family gives
#: cosines of 0.05 and more, unrelated paragraphs share none (cosine 0).
PARA_MIN = 0.05
#: A paragraph counts for its best-matching objective and for objectives
#: within this share of the best (near-duplicate aims).
PARA_TIE = 0.85
#: Score a sentence receives from its paragraph's match, as a share of
#: ALIGN_THRESHOLD + the paragraph cosine: just above the threshold, so
#: paragraph-level evidence keeps a sentence but never outranks a direct
#: match or cross-reference of its own.
PARA_FLOOR = 1.0
#: Weight of a topic-family token against a word's: the family names the
#: subject of a sentence ("armed forces", "missions", "arms" are all defence)
#: however it is worded, but, as one token among a long sentence's many, its
#: TF-IDF share is small; weighting it up lets a paragraph about the subject
#: meet an aim that names it in other words. Value: chosen among 1.0, 1.25,
#: 1.5 and 2.0 on the three dev statements (1.25 changes nothing; at 2.0 the
#: broad families, e.g. "supply", "masses", pull unassessed aims in).
CONCEPT_WEIGHT = 1.5
#: Stems are cut to this many letters (truncation stemming after Porter).
STEM_LEN = 6
#: Words frequent in every statement of the genre that say nothing about a
#: particular aim (on top of scikit-learn's English stop words). The verdict
#: words of the genre ("achievement", "attainment", "success") are among them:
#: they say how an aim fared, not which aim ("the achievement of world peace"
#: must not meet "have achieved a modicum of success in training the army").
GENRE_STOPWORDS = frozenset("""us u s united states government governments country
countries objective objectives policy policies our we present general generally
continue continued view regard respect order fact also greater measure whole
programs program efforts effort does did doing has have had having may might shall
like likely mean means
achieve achieved achieving achievement achievements attain attained attaining attainment
success successes successful successfully succeed succeeded""".split())
CONCEPTS_PATH = config.PACKAGE_DATA / "objective_concepts.csv"

ALIGNMENT_COLUMNS = ["doc_id", "objective_id", "sentence_id", "score", "via"]

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_STEMMER = PorterStemmer()
#: Openers of a topic phrase; the phrase runs to the first comma, or for
#: subject openers ("Our efforts to X have ...") to the finite verb.
_TOPIC = re.compile(
    r"^\s*(?:(?:in|with)\s+(?:regard|respect|reference|relation)\s+to|as\s+regards?|as\s+to|as\s+for"
    r"|in\s+respect\s+of|regarding|concerning|respecting|turning\s+to|in\s+connection\s+with"
    r"|(?:the\s+)?progress\s+(?:toward|towards|in|on)|in\s+the\s+(?=[\w\s-]{1,40}?\b(?:field|sphere|area|realm)\b))"
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


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)[:STEM_LEN]


def analyze(text: str) -> list:
    """Tokens used for alignment: stems of content words plus topic families.

    Examples
    --------
    >>> analyze("Democratic institutions and oil")
    ['democr', 'instit', 'oil', '#democracy', '#raw_materials']
    """
    words = [w for w in _WORD.findall(str(text).lower())
             if w not in ENGLISH_STOP_WORDS and w not in GENRE_STOPWORDS and len(w) > 2]
    toks = [_stem(w) for w in words]
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


class _Embedder:
    """TF-IDF over one document, topic-family tokens weighted CONCEPT_WEIGHT."""

    def fit(self, texts):
        self.vec_ = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, norm=None).fit(texts)
        self.scale_ = np.array([CONCEPT_WEIGHT if t.startswith("#") else 1.0
                                for t in self.vec_.get_feature_names_out()])
        return self

    def transform(self, texts):
        return normalize(self.vec_.transform(texts).multiply(self.scale_).tocsr())


def _doc_scores(objs: pd.DataFrame, doc_sents: pd.DataFrame) -> pd.DataFrame:
    ev = doc_sents[doc_sents["section"] == "evaluation"].sort_values("sentence_id")
    if objs.empty or ev.empty:
        return pd.DataFrame(columns=ALIGNMENT_COLUMNS[1:])
    vec = _Embedder().fit(list(doc_sents["text"].astype(str)) + list(objs["text"].astype(str)))
    O = vec.transform(objs["text"].astype(str))
    S = vec.transform(ev["text"].astype(str))
    lex = (O @ S.T).toarray()  # rows l2-normalised: cosine
    topics = [topic_phrase(t) for t in ev["text"].astype(str)]
    xref = np.zeros_like(lex)
    for j, tp in enumerate(topics):
        if tp is None:
            continue
        sims = (O @ vec.transform([tp]).T).toarray().ravel()
        top = sims.max()
        if top >= CROSSREF_MIN:
            # Near-ties (a general aim and its country-specific restatement)
            # are both referred to.
            for i in np.nonzero(sims >= CROSSREF_TIE * top)[0]:
                xref[i, j] = CROSSREF_BASE + (1 - CROSSREF_BASE) * sims[i]
    direct = np.maximum(lex, xref)
    para = np.zeros_like(lex)
    paragraphs = ev["paragraph"].tolist() if "paragraph" in ev else list(range(len(ev)))
    lead = None
    for j, p in enumerate(paragraphs):
        if j == 0 or p != paragraphs[j - 1]:
            lead = j
        elif topics[j] is None:
            para[:, j] = PARAGRAPH_DECAY * direct[:, lead]
    # Paragraph-level match: the whole paragraph against every objective.
    whole = np.zeros_like(lex)
    for p in dict.fromkeys(paragraphs):
        cols = [j for j, q in enumerate(paragraphs) if q == p]
        ptext = " ".join(ev["text"].astype(str).iloc[cols])
        sims = (O @ vec.transform([ptext]).T).toarray().ravel()
        named = np.nonzero(xref[:, cols].max(axis=1) > 0)[0]
        if named.size:
            # "As regards our objective of X, …" declares the paragraph's
            # subject: it belongs to the aims it names.
            targets = named
        else:
            top = sims.max()
            if top < PARA_MIN:
                continue
            targets = np.nonzero(sims >= PARA_TIE * top)[0]
        for i in targets:
            whole[i, cols] = PARA_FLOOR * ALIGN_THRESHOLD + sims[i]
    para = np.maximum(para, np.where(whole > 0, np.minimum(whole, CROSSREF_BASE - 0.01), 0))
    score = np.maximum(direct, para)
    # The relative test compares direct evidence only: a sentence inheriting
    # its paragraph's aim may still name another aim of its own.
    best = direct.max(axis=0, keepdims=True)
    keep = (score >= ALIGN_THRESHOLD) & ((direct >= RELATIVE_MIN * best) | (para >= direct))
    # A paragraph assigned wholly to other aims does not also lend its
    # sentences to this one through a stray shared word.
    has_para = whole.max(axis=0) > 0
    keep &= ~(has_para & (whole == 0) & (direct < ALIGN_THRESHOLD))
    rows = []
    sids = ev["sentence_id"].astype(int).tolist()
    oids = objs["objective_id"].astype(int).tolist()
    for i, j in zip(*np.nonzero(keep)):
        via = ("crossref" if xref[i, j] >= score[i, j] else
               "lexical" if lex[i, j] >= score[i, j] else "paragraph")
        rows.append({"objective_id": oids[i], "sentence_id": sids[j],
                     "score": round(float(score[i, j]), 4), "via": via})
    return pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS[1:])


def align(objectives: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Aligned (objective, evaluation sentence) pairs of every document.

    Parameters
    ----------
    objectives : pandas.DataFrame
        From :func:`analysis.progress.objectives.extract_objectives`.
    sentences : pandas.DataFrame
        The foundation's ``sentences`` table (uses ``paragraph`` if present).

    Returns
    -------
    pandas.DataFrame
        doc_id, objective_id, sentence_id, score (0-1), via (``crossref``,
        ``lexical`` or ``paragraph``: the evidence that gave the score);
        pairs under the threshold are left out.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 4, "sentence_id": [0, 1, 2, 3],
    ...     "section": ["objectives", "evaluation", "evaluation", "evaluation"],
    ...     "paragraph": [1, 2, 2, 3],
    ...     "text": ["We seek to obtain petroleum.",
    ...              "As regards petroleum supplies, we have been successful.",
    ...              "The companies expanded output.",
    ...              "The mission arrived in May."]})
    >>> o = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "sentence_id": [0],
    ...                   "text": ["to obtain petroleum"]})
    >>> align(o, s)[["sentence_id", "via"]].values.tolist()
    [[1, 'crossref'], [2, 'paragraph']]
    """
    parts = []
    for doc_id, objs in objectives.groupby("doc_id", sort=False):
        doc_sents = sentences[sentences["doc_id"].astype(str) == str(doc_id)]
        d = _doc_scores(objs, doc_sents)
        if not d.empty:
            d.insert(0, "doc_id", str(doc_id))
            parts.append(d)
    if not parts:
        return pd.DataFrame({"doc_id": pd.Series(dtype=str), "objective_id": pd.Series(dtype="int64"),
                             "sentence_id": pd.Series(dtype="int64"), "score": pd.Series(dtype="float64"),
                             "via": pd.Series(dtype=str)})
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["doc_id", "objective_id", "sentence_id"], kind="stable").reset_index(drop=True)
