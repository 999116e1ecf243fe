"""Which evaluation sentences judge which objective.

Every (objective, evaluation sentence) pair of a document gets a vector of
:data:`PAIR_FEATURES` (:func:`pair_features`):

* word overlap — TF-IDF cosine over the document's own vocabulary
  (:mod:`analysis.progress.similarity`: stems, the genre's stop words
  removed, topic families added), as raw value and relative to the
  objective's best sentence and to the sentence's best objective;
* the paragraph — the genre puts a verdict at the head of a paragraph and
  elaborates after it, often without repeating the aim's words: the
  cosine of the whole paragraph and of its first sentence;
* explicit cross-references ("As regards X, ...", "Our efforts to X have
  ..."): similarity of the announced topic X to the objective, relative to
  the best objective;
* blanket judgements ("the long-range objectives ... are not realizable"):
  a sentence that judges a named group of aims (plural "objectives",
  "aims", "goals"; qualified "long-range" / "immediate" or not) with a
  progress cue covers every objective of that horizon, and is kept as
  evidence for all of them (:func:`select_evidence`);
* the sentence itself: whether it carries a progress cue
  (:mod:`analysis.evaluative`), whether it is a recommendation ("we should
  ...") rather than a judgement, its place in the evaluation.

:class:`EvidenceRanker` is a logistic regression over these features fitted
on hand-coded evidence (``python -m analysis fit``); it gives every pair
the probability that a coder would cite the sentence for the objective.
How many sentences count is learned too: a sentence is evidence when its
probability reaches ``threshold_`` and at least ``relative_`` of the
objective's best sentence's; both are chosen to maximise the evidence F1 of
leave-one-document-out predictions on the training documents. When none
counts, an aim is not assessed: that decision is the grader's, from the
best probability and the evidence mass (:mod:`analysis.progress.grading`).
"""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from ..measures.evaluative import score_text
from .linear import LinearState
from .similarity import Embedder, embed, topic_phrase

#: Features of an (objective, evaluation sentence) pair, in model order.
PAIR_FEATURES = ["cos", "cos_rel_obj", "cos_rel_sent", "cos_rank_inv", "para_cos", "para_rel_obj",
                 "para_rel_para", "sem", "sem_rel_obj", "sem_rel_sent", "sem_rank_inv", "para_sem",
                 "para_sem_rel_obj", "lead_cos_rel", "crossref", "lead", "cue", "prescriptive",
                 "blanket", "blanket_cue", "position", "log_n_eval"]
#: Columns of the ``alignment`` table (every pair, its probability and
#: whether it is kept as evidence).
ALIGNMENT_COLUMNS = ["doc_id", "objective_id", "sentence_id", "score", "rank", "evidence", "via"]
#: Recommendations prescribe future action; the codebook does not count them
#: as judgements ("An aim touched only by recommendations is not_assessed").
PRESCRIPTIVE = re.compile(r"\b(?:should|must|ought\s+to|needs?\s+to|will\s+have\s+to|"
                          r"(?:is|are|would\s+be|seems?)\s+(?:desirable|essential|necessary|advisable|important)"
                          r"|(?:it\s+is\s+)?recommended|we\s+(?:propose|intend)\s+to)\b", re.I)
#: A blanket judgement names a group of aims: a plural aim noun, optionally
#: qualified by a horizon. Group 1 is the qualifier.
BLANKET = re.compile(r"\b(?:(long[- ]range|long[- ]term|ultimate|immediate|short[- ]term|short[- ]range|"
                     r"more\s+immediate|basic|foregoing|above|stated|our|these|its|all)\s+)"
                     r"(?:\w+\s+){0,2}?(?:objectives|aims|goals)\b", re.I)
#: A vaguer blanket judgement, over "all the problems" or "issues" rather
#: than named aims ("Virtually all of the policy problems ... are
#: unresolved"). The codebook (rule 2 of the evidence) cites it only for the
#: aims another sentence also bears on; an aim on which nothing else is said
#: stays not assessed.
VAGUE_BLANKET = re.compile(r"\b(?:all|most|virtually\s+all|nearly\s+all|almost\s+all)\s+(?:of\s+)?"
                           r"(?:the\s+|our\s+|these\s+)?(?:\w+\s+){0,2}?(?:problems|issues)\b", re.I)
_HORIZON = {"long": "long_range", "ultim": "long_range", "immed": "immediate", "short": "immediate"}
#: Editors' notes and omission lines are not the Department's text.
EDITORIAL = re.compile(r"^\s*(?:\[[^\]]*\]\s*|(?:\.\s*){3,})$")
#: A sentence's cue strength counts up to this (three plain cues): many
#: small cues in one long sentence should not outweigh a clear verdict.
CUE_CAP = 1.5
#: Candidate values of the learned selection rule (probability threshold;
#: share of the objective's best probability); the rule is the pair that
#: maximises held-out evidence F1 on the training documents.
THRESHOLD_GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)
RELATIVE_GRID = (0.0, 0.3, 0.5, 0.7, 0.85)
#: At most this many sentences are evidence for one objective; the codebook
#: asks for "the minimal set", and coded objectives cite 1-5 sentences.
MAX_EVIDENCE = 5
_KEYS = ["doc_id", "objective_id", "sentence_id"]


def evaluation_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """The evaluation section's sentences that can carry a verdict.

    Editors' notes ("[Here follows ...]") and omission lines are left out.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2],
    ...     "section": ["evaluation"] * 3,
    ...     "text": ["Progress has been slow.", "[Here follows a section on trade.]", ". . . ."]})
    >>> evaluation_sentences(s)["sentence_id"].tolist()
    [0]
    """
    ev = sentences[sentences["section"] == "evaluation"]
    keep = ~ev["text"].astype(str).str.match(EDITORIAL)
    return ev[keep]


def blanket_horizon(text: str):
    """The group of aims a blanket judgement names: "all", a horizon, or None.

    Examples
    --------
    >>> blanket_horizon("The long-range objectives set forth above are not realizable.")
    'long_range'
    >>> blanket_horizon("Our objectives have on the whole been attained.")
    'all'
    >>> blanket_horizon("The objective of trade is far off.") is None
    True
    """
    m = BLANKET.search(str(text))
    if not m:
        return None
    for word in re.findall(r"[a-z]+", m.group(0).lower()):
        for prefix, horizon in _HORIZON.items():
            if word.startswith(prefix):
                return horizon
    return "all"


def _cue_strength(text: str) -> float:
    details = score_text(text)["details"]
    return min(sum(float(c["strength"]) for c in details if c["category"]), CUE_CAP)


def _relative(m: np.ndarray, axis: int) -> np.ndarray:
    top = m.max(axis=axis, keepdims=True)
    return np.divide(m, top, out=np.zeros_like(m), where=top > 0)


def _doc_pairs(objs: pd.DataFrame, doc_sents: pd.DataFrame) -> pd.DataFrame:
    ev = evaluation_sentences(doc_sents).sort_values("sentence_id")
    if objs.empty or ev.empty:
        return pd.DataFrame(columns=_KEYS[1:] + PAIR_FEATURES + ["via", "vague_blanket"])
    texts = ev["text"].astype(str).tolist()
    vec = Embedder().fit(list(doc_sents["text"].astype(str)) + list(objs["text"].astype(str)))
    O = vec.transform(objs["text"].astype(str))
    S = vec.transform(texts)
    cos = (O @ S.T).toarray()
    n_o, n_s = cos.shape
    # Rank of each sentence for its objective (1 = most similar).
    order = np.argsort(-cos, axis=1, kind="stable")
    rank = np.empty_like(order)
    rank[np.arange(n_o)[:, None], order] = np.arange(1, n_s + 1)
    EO = embed(objs["text"].astype(str))
    sem = EO @ embed(texts).T
    sem_order = np.argsort(-sem, axis=1, kind="stable")
    sem_rank = np.empty_like(sem_order)
    sem_rank[np.arange(n_o)[:, None], sem_order] = np.arange(1, n_s + 1)
    paragraphs = ev["paragraph"].tolist() if "paragraph" in ev else list(range(n_s))
    lead = np.zeros(n_s)
    para_cos = np.zeros_like(cos)
    para_sem = np.zeros_like(cos)
    lead_cos = np.zeros_like(cos)
    for p in dict.fromkeys(paragraphs):
        cols = [j for j, q in enumerate(paragraphs) if q == p]
        lead[cols[0]] = 1.0
        ptext = " ".join(texts[j] for j in cols)
        pc = (O @ vec.transform([ptext]).T).toarray().ravel()
        ps = (EO @ embed([ptext]).T).ravel()
        for j in cols:
            para_cos[:, j] = pc
            para_sem[:, j] = ps
            lead_cos[:, j] = cos[:, cols[0]]
    xref = np.zeros_like(cos)
    for j, t in enumerate(texts):
        tp = topic_phrase(t)
        if tp:
            sims = (O @ vec.transform([tp]).T).toarray().ravel()
            xref[:, j] = _relative(sims[:, None], 0).ravel() if sims.max() > 0 else 0.0
    horizons = ([h if isinstance(h, str) else "" for h in objs["horizon"]] if "horizon" in objs
                else [""] * n_o)
    blanket = np.zeros_like(cos)
    cue = np.array([_cue_strength(t) for t in texts])
    presc = np.array([1.0 if PRESCRIPTIVE.search(t) else 0.0 for t in texts])
    for j, t in enumerate(texts):
        h = blanket_horizon(t)
        if h is None:
            continue
        for i, oh in enumerate(horizons):
            if h == "all" or h == oh:
                blanket[i, j] = 1.0
    pos = np.arange(n_s) / max(n_s - 1, 1)
    feats = {
        "cos": cos, "cos_rel_obj": _relative(cos, 1), "cos_rel_sent": _relative(cos, 0),
        "cos_rank_inv": 1.0 / rank, "para_cos": para_cos, "para_rel_obj": _relative(para_cos, 1),
        "para_rel_para": _relative(para_cos, 0), "sem": sem, "sem_rel_obj": _relative(np.clip(sem, 0, None), 1),
        "sem_rel_sent": _relative(np.clip(sem, 0, None), 0), "sem_rank_inv": 1.0 / sem_rank,
        "para_sem": para_sem, "para_sem_rel_obj": _relative(np.clip(para_sem, 0, None), 1), "lead_cos_rel": _relative(lead_cos, 1),
        "crossref": xref, "lead": np.broadcast_to(lead, cos.shape), "cue": np.broadcast_to(cue, cos.shape),
        "prescriptive": np.broadcast_to(presc, cos.shape), "blanket": blanket,
        "blanket_cue": blanket * ((cue > 0) & (presc == 0)), "position": np.broadcast_to(pos, cos.shape),
        "log_n_eval": np.full(cos.shape, math.log(n_s)),
    }
    oids = objs["objective_id"].astype(int).to_numpy()
    sids = ev["sentence_id"].astype(int).to_numpy()
    out = pd.DataFrame({"objective_id": np.repeat(oids, n_s), "sentence_id": np.tile(sids, n_o)})
    for name in PAIR_FEATURES:
        out[name] = np.asarray(feats[name], dtype=float).ravel()
    via = np.where(xref > 0, "crossref", np.where(blanket > 0, "blanket",
                   np.where(cos >= para_cos, "lexical", "paragraph")))
    out["via"] = via.ravel()
    vague = np.array([1.0 if VAGUE_BLANKET.search(t) else 0.0 for t in texts]) * ((cue > 0) & (presc == 0))
    out["vague_blanket"] = np.tile(vague, n_o)
    return out


def pair_features(objectives: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per (objective, evaluation sentence) with :data:`PAIR_FEATURES`.

    Parameters
    ----------
    objectives : pandas.DataFrame
        doc_id, objective_id, text (and ``horizon`` if known).
    sentences : pandas.DataFrame
        The loader's ``sentences`` table (section, text, paragraph).
        Neither input is modified.

    Returns
    -------
    pandas.DataFrame
        doc_id, objective_id, sentence_id, the features, and ``via``: the
        kind of evidence that links the pair (``crossref``, ``blanket``,
        ``lexical`` or ``paragraph``).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 4, "sentence_id": [0, 1, 2, 3],
    ...     "section": ["objectives", "evaluation", "evaluation", "evaluation"],
    ...     "paragraph": [1, 2, 2, 3],
    ...     "text": ["We seek to obtain petroleum.",
    ...              "As regards petroleum supplies, we have been successful.",
    ...              "The companies expanded output.",
    ...              "The mission arrived in May."]})
    >>> o = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "text": ["to obtain petroleum"]})
    >>> f = pair_features(o, s)
    >>> f[["sentence_id", "crossref", "lead", "via"]].values.tolist()
    [[1, 1.0, 1.0, 'crossref'], [2, 0.0, 0.0, 'paragraph'], [3, 0.0, 1.0, 'lexical']]
    """
    parts = []
    for doc_id, objs in objectives.groupby("doc_id", sort=True):
        d = _doc_pairs(objs, sentences[sentences["doc_id"].astype(str) == str(doc_id)])
        if not d.empty:
            d.insert(0, "doc_id", str(doc_id))
            parts.append(d)
    if not parts:
        cols = {"doc_id": str, "objective_id": "int64", "sentence_id": "int64"}
        cols.update({f: "float64" for f in PAIR_FEATURES})
        cols["via"] = str
        cols["vague_blanket"] = "float64"
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in cols.items()})
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(_KEYS, kind="stable").reset_index(drop=True)


def select_evidence(pairs: pd.DataFrame, proba, threshold: float, relative: float,
                    max_evidence: int = MAX_EVIDENCE) -> np.ndarray:
    """Boolean mask of the pairs kept as evidence (see module notes).

    A pair without any overlap (no shared content word or topic family in
    the sentence or its paragraph, no cross-reference) is never kept. A
    blanket judgement (a sentence that judges a named group of aims,
    ``blanket_cue``) is kept for every aim of the group, whatever its
    probability: the codebook's rule, which a model fitted on a few
    statements with few blanket judgements cannot learn.

    Examples
    --------
    >>> p = pd.DataFrame({"doc_id": ["d"] * 3, "objective_id": [1, 1, 2], "sentence_id": [4, 5, 4]})
    >>> select_evidence(p, [0.9, 0.5, 0.1], threshold=0.2, relative=0.6).tolist()
    [True, False, False]
    """
    proba = np.asarray(proba, dtype=float)
    if not len(pairs):
        return np.zeros(0, dtype=bool)
    rank, top = _ranks(pairs, proba)
    keep = (proba >= threshold) & (proba >= relative * top) & (rank < max_evidence)
    if {"cos", "para_cos", "crossref"} <= set(pairs.columns):
        # A sentence that shares no content word or topic family with the
        # aim, in itself or in its paragraph, and does not announce it, says
        # nothing that bears on it (the codebook's not_assessed); ranking
        # alone would still put some sentence first.
        keep &= (pairs[["cos", "para_cos", "crossref"]].to_numpy(dtype=float) > 0).any(axis=1)
    if "vague_blanket" in pairs:
        # A blanket judgement that names no aims counts for the aims some
        # other sentence bears on (the codebook's rule 2), never alone.
        key = pd.factorize(pd.MultiIndex.from_arrays([pairs["doc_id"].to_numpy(),
                                                      pairs["objective_id"].to_numpy()]))[0]
        judged = np.bincount(key, weights=keep.astype(float), minlength=key.max() + 1) > 0
        keep |= (pairs["vague_blanket"].to_numpy(dtype=float) > 0) & judged[key]
    if "blanket_cue" in pairs:
        # The codebook's rule: a blanket judgement covers every aim it names.
        keep |= pairs["blanket_cue"].to_numpy(dtype=float) > 0
    return keep


def _ranks(pairs: pd.DataFrame, proba: np.ndarray):
    """Rank of each pair within its objective (0 = most probable) and the objective's best."""
    key = pd.factorize(pd.MultiIndex.from_arrays([pairs["doc_id"].to_numpy(),
                                                  pairs["objective_id"].to_numpy()]))[0]
    order = np.lexsort((pairs["sentence_id"].to_numpy(), -proba, key))
    sk = key[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sk)) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, len(sk)]))
    rank = np.empty(len(proba), dtype=int)
    rank[order] = np.arange(len(proba)) - first
    top = np.empty(len(proba))
    top[order] = proba[order][first]
    return rank, top


def evidence_f1(pairs: pd.DataFrame, selected, y) -> float:
    """Mean over coded-with-evidence objectives of the F1 of the selected sentences.

    Objectives the coders cite no sentence for are left out: whether the
    evaluation says nothing on an aim is the grader's decision
    (``not_assessed``, from the best probability and the evidence mass),
    not the selection rule's.

    Examples
    --------
    >>> p = pd.DataFrame({"doc_id": ["d"] * 3, "objective_id": [1, 1, 2]})
    >>> evidence_f1(p, [True, False, False], [1, 1, 0])
    0.6666666666666666
    """
    key = pd.factorize(pd.MultiIndex.from_arrays([pairs["doc_id"].to_numpy(),
                                                  pairs["objective_id"].to_numpy()]))[0]
    s = np.asarray(selected, dtype=bool)
    t = np.asarray(y, dtype=bool)
    n = key.max() + 1 if len(key) else 0
    ny = np.bincount(key, weights=t, minlength=n)
    ns = np.bincount(key, weights=s, minlength=n)
    tp = np.bincount(key, weights=s & t, minlength=n)
    has = ny > 0
    return float(np.mean(2 * tp[has] / (ns[has] + ny[has]))) if has.any() else float("nan")


class EvidenceRanker(BaseEstimator):
    """Probability that a coder cites an evaluation sentence for an objective.

    A logistic regression over :data:`PAIR_FEATURES` (standardised, L2,
    ``C``) fitted on coded evidence, with a selection rule learned from
    held-out predictions (module notes).

    Parameters
    ----------
    C : float, default 1.0
        Inverse regularisation strength of the logistic regression.
    max_evidence : int, default MAX_EVIDENCE
        Most sentences kept for one objective.

    Attributes
    ----------
    model_ : LinearState
        Standardisation and coefficients.
    threshold_, relative_ : float
        The learned selection rule.
    oof_proba_ : ndarray
        Leave-one-document-out probabilities of the training pairs (what the
        grader is fitted on, so it learns from evidence as noisy as it will
        meet).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame(rng.random((60, len(PAIR_FEATURES))), columns=PAIR_FEATURES)
    >>> X.insert(0, "doc_id", np.repeat(["a", "b", "c"], 20)); X.insert(1, "objective_id", 1)
    >>> X.insert(2, "sentence_id", np.tile(np.arange(20), 3))
    >>> y = (X["cos"] > 0.7).astype(int)
    >>> r = EvidenceRanker(C=10.0).fit(X, y)
    >>> bool(r.predict_proba(X)[y == 1].mean() > r.predict_proba(X)[y == 0].mean())
    True
    """

    def __init__(self, *, C: float = 1.0, max_evidence: int = MAX_EVIDENCE):
        self.C = C
        self.max_evidence = max_evidence

    def _check_params(self):
        if not (isinstance(self.C, (int, float)) and self.C > 0):
            raise ValueError(f"EvidenceRanker: C must be a positive number; got {self.C!r}")
        if not (isinstance(self.max_evidence, int) and self.max_evidence >= 1):
            raise ValueError(f"EvidenceRanker: max_evidence must be an int >= 1; got {self.max_evidence!r}")

    def fit(self, pairs: pd.DataFrame, y):
        """Fit on ``pairs`` (from :func:`pair_features`) and 0/1 labels ``y``.

        Documents (``doc_id``) are the groups of the inner
        leave-one-document-out that chooses the selection rule.
        """
        self._check_params()
        y = np.asarray(y, dtype=int)
        X = pairs[PAIR_FEATURES].to_numpy(dtype=float)
        docs = pairs["doc_id"].astype(str).to_numpy()
        if len(np.unique(y)) < 2:
            raise ValueError("EvidenceRanker: the training pairs need both evidence and non-evidence sentences")
        oof = np.full(len(y), np.nan)
        for d in np.unique(docs):
            train = docs != d
            if len(np.unique(y[train])) < 2:
                continue
            oof[~train] = LinearState.fit(X[train], y[train], PAIR_FEATURES, self.C).predict_proba(X[~train])[:, 1]
        self.model_ = LinearState.fit(X, y, PAIR_FEATURES, self.C)
        oof = np.where(np.isnan(oof), self.model_.predict_proba(X)[:, 1], oof)
        best = None
        for t in THRESHOLD_GRID:
            for r in RELATIVE_GRID:
                f1 = evidence_f1(pairs, select_evidence(pairs, oof, t, r, self.max_evidence), y)
                if best is None or f1 > best[0] + 1e-12:
                    best = (f1, t, r)
        self.heldout_f1_, self.threshold_, self.relative_ = best
        self.oof_proba_ = oof
        return self

    def predict_proba(self, pairs: pd.DataFrame) -> np.ndarray:
        """Probability that each pair is evidence."""
        check_is_fitted(self, "model_")
        if not len(pairs):
            return np.zeros(0)
        return self.model_.predict_proba(pairs[PAIR_FEATURES].to_numpy(dtype=float))[:, 1]

    def select(self, pairs: pd.DataFrame, proba=None) -> np.ndarray:
        """Mask of the pairs kept as evidence by the learned rule."""
        check_is_fitted(self, "model_")
        proba = self.predict_proba(pairs) if proba is None else proba
        return select_evidence(pairs, proba, self.threshold_, self.relative_, self.max_evidence)

    def alignment(self, pairs: pd.DataFrame) -> pd.DataFrame:
        """The ``alignment`` table: every pair, probability, rank, evidence flag."""
        p = self.predict_proba(pairs)
        out = pairs[_KEYS + ["via"]].copy()
        out["score"] = np.round(p, 4)
        out["evidence"] = self.select(pairs, p)
        out["rank"] = (out.groupby(["doc_id", "objective_id"])["score"]
                       .rank(method="first", ascending=False).astype("int64"))
        return out[ALIGNMENT_COLUMNS].reset_index(drop=True)
