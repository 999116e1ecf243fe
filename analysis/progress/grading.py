"""Grade each objective from the evidence the ranker keeps for it.

Every objective gets a vector of :data:`OBJECTIVE_FEATURES`
(:func:`objective_features`), built from its evidence sentences, each
weighted by the ranker's probability:

* the evaluative cues of the evidence (:mod:`analysis.evaluative`: the
  cue lexicon with negation, hedges and temporal qualifiers), summed per
  grade — success (``cue_achieved``), mixed (``cue_partial``), slowness
  (``cue_slow``), failure (``cue_not_achieved``) — and the lexicon's own
  reading of them (``rule_*``, one-hot);
* recommendations: cues inside "we should ..." sentences count apart
  (``cue_prescriptive``), since the codebook reads them as no judgement;
* how plainly the evaluation speaks to the aim: the best probability of
  any sentence, the evidence mass, whether no sentence is kept
  (``no_evidence``) — so ``not_assessed`` is a decision the model makes,
  with its threshold learned from the coding, not a default;
* blanket judgements covering the aim (``blanket_tone``) and the tone of
  the whole evaluation (``doc_tone``).

:class:`VerdictGrader` is a multinomial logistic regression over these
features (standardised, L2; ``C`` chosen by leave-one-document-out accuracy
on the training documents) whose probabilities are calibrated by a
temperature fitted on the same held-out predictions (Guo et al. 2017): the
``confidence`` of a verdict is its calibrated probability.

Guo, C., Pleiss, G., Sun, Y., Weinberger, K. Q. (2017). On calibration of
modern neural networks. *ICML*, 1321-1330.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from ..evaluative import CATEGORIES, decide_category, score_text
from .coded import VERDICTS
from .evidence import PRESCRIPTIVE, blanket_horizon
from .linear import LinearState

#: Features of one objective, in model order.
OBJECTIVE_FEATURES = (["cue_" + c for c in CATEGORIES] + ["rule_" + c for c in CATEGORIES]
                      + ["cue_prescriptive", "tone", "max_p", "mass", "n_evidence", "no_evidence",
                         "blanket_tone", "doc_tone", "long_range"])
#: Candidate regularisation strengths; the grader keeps the one with the
#: best leave-one-document-out accuracy on its training documents.
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
#: Verdict -> progress score of the ``assessments`` table.
PROGRESS = {"not_achieved": 0.0, "slow": 1 / 3, "partial": 2 / 3, "achieved": 1.0}
ASSESSMENT_COLUMNS = ["doc_id", "objective_id", "verdict", "score", "confidence",
                      "evidence_sentence_ids", "evidence"]


def _sentence_reading(text: str) -> dict:
    r = score_text(text)
    return {"tone": r["score"], "details": r["details"], "prescriptive": bool(PRESCRIPTIVE.search(text))}


def objective_features(objectives: pd.DataFrame, pairs: pd.DataFrame, proba, selected,
                       sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per objective: doc_id, objective_id, :data:`OBJECTIVE_FEATURES`, evidence ids.

    Parameters
    ----------
    objectives : pandas.DataFrame
        doc_id, objective_id (and ``horizon`` if known).
    pairs : pandas.DataFrame
        From :func:`analysis.progress.evidence.pair_features`.
    proba, selected : array-like
        The ranker's probability and evidence mask of each pair.
    sentences : pandas.DataFrame
        The loader's ``sentences`` table. No input is modified.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 2, "sentence_id": [0, 1], "section": ["objectives", "evaluation"],
    ...                   "text": ["We seek to expand trade.", "Progress has been slow."]})
    >>> o = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "text": ["to expand trade"]})
    >>> p = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "sentence_id": [1]})
    >>> f = objective_features(o, p, [0.8], [True], s)
    >>> f[["cue_slow", "rule_slow", "no_evidence", "evidence_sentence_ids"]].values.tolist()
    [[0.8, 1.0, 0.0, '1']]
    """
    text = {(str(d), int(i)): str(t) for d, i, t in zip(sentences["doc_id"], sentences["sentence_id"],
                                                         sentences["text"])}
    reading = {}

    def read(key):
        if key not in reading:
            reading[key] = _sentence_reading(text[key])
        return reading[key]

    ev = sentences[sentences["section"] == "evaluation"]
    doc_tone = {str(d): float(np.mean([read((str(d), int(i)))["tone"] for i in g["sentence_id"]]))
                for d, g in ev.groupby("doc_id")}
    f = pd.DataFrame({"doc_id": pairs["doc_id"].astype(str).to_numpy(),
                      "objective_id": pairs["objective_id"].astype(int).to_numpy(),
                      "sentence_id": pairs["sentence_id"].astype(int).to_numpy(),
                      "p": np.asarray(proba, dtype=float), "sel": np.asarray(selected, dtype=bool)})
    by_obj = {k: g for k, g in f.groupby(["doc_id", "objective_id"], sort=False)}
    rows = []
    for o in objectives.itertuples():
        key = (str(o.doc_id), int(o.objective_id))
        g = by_obj.get(key)
        row = {"doc_id": key[0], "objective_id": key[1]}
        row.update({c: 0.0 for c in OBJECTIVE_FEATURES})
        row["doc_tone"] = doc_tone.get(key[0], 0.0)
        row["long_range"] = float(str(getattr(o, "horizon", "") or "") == "long_range")
        ids = []
        if g is not None and len(g):
            row["max_p"] = float(g["p"].max())
            e = g[g["sel"]].sort_values(["p", "sentence_id"], ascending=[False, True])
            ids = sorted(e["sentence_id"].tolist())
            cues, tones, weights = [], [], []
            for sid, p in zip(e["sentence_id"], e["p"]):
                r = read((key[0], int(sid)))
                tones.append(r["tone"])
                weights.append(p)
                for c in r["details"]:
                    if not c["category"]:
                        continue
                    if r["prescriptive"]:
                        row["cue_prescriptive"] += p * float(c["strength"])
                    else:
                        row["cue_" + c["category"]] += p * float(c["strength"])
                        cues.append({"category": c["category"], "strength": p * float(c["strength"])})
            verdict = decide_category(cues)[0]
            if verdict:
                row["rule_" + verdict] = 1.0
            row["mass"] = float(sum(weights))
            row["n_evidence"] = float(len(weights))
            row["tone"] = float(np.average(tones, weights=weights)) if weights else 0.0
            horizon = str(getattr(o, "horizon", "") or "")
            blanket = [read((key[0], int(s)))["tone"] for s in g["sentence_id"]
                       if blanket_horizon(text[(key[0], int(s))]) in ("all", horizon or "all")
                       and read((key[0], int(s)))["details"]]
            row["blanket_tone"] = float(np.mean(blanket)) if blanket else 0.0
        row["no_evidence"] = float(not ids)
        row["evidence_sentence_ids"] = ";".join(str(i) for i in ids)
        rows.append(row)
    return pd.DataFrame(rows, columns=["doc_id", "objective_id"] + OBJECTIVE_FEATURES + ["evidence_sentence_ids"])


def _temperature(proba_logits: np.ndarray, y_idx: np.ndarray) -> float:
    """Temperature minimising the held-out negative log-likelihood."""
    def nll(t):
        z = proba_logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -float(logp[np.arange(len(y_idx)), y_idx].mean())
    return float(minimize_scalar(nll, bounds=(0.25, 8.0), method="bounded").x)


class VerdictGrader(BaseEstimator):
    """Multinomial logistic verdicts with calibrated confidence (module notes).

    Parameters
    ----------
    Cs : tuple of float, default C_GRID
        Candidate inverse regularisation strengths.

    Attributes
    ----------
    C_ : float
        The chosen strength.
    model_ : LinearState
    temperature_ : float
        Calibration temperature (1 = none).
    classes_ : list of str

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = pd.DataFrame(rng.random((40, len(OBJECTIVE_FEATURES))), columns=OBJECTIVE_FEATURES)
    >>> y = np.where(X["cue_achieved"] > X["cue_not_achieved"], "achieved", "not_achieved")
    >>> g = VerdictGrader().fit(X, y, groups=np.repeat(list("abcd"), 10))
    >>> float((g.predict(X) == y).mean()) > 0.8
    True
    """

    def __init__(self, *, Cs=C_GRID):
        self.Cs = Cs

    def fit(self, X: pd.DataFrame, y, groups):
        """Fit on objective features ``X``, verdicts ``y``, documents ``groups``."""
        Cs = tuple(self.Cs)
        if not Cs or any(not isinstance(c, (int, float)) or c <= 0 for c in Cs):
            raise ValueError(f"VerdictGrader: Cs must be positive numbers; got {self.Cs!r}")
        y = np.asarray(y, dtype=object)
        bad = sorted(set(y) - set(VERDICTS))
        if bad:
            raise ValueError(f"VerdictGrader: unknown verdicts {bad}; use {', '.join(VERDICTS)}")
        groups = np.asarray(groups)
        A = X[OBJECTIVE_FEATURES].to_numpy(dtype=float)
        best, logits_best = None, None
        for C in Cs:
            correct, logits, ys = 0, [], []
            for d in np.unique(groups):
                tr = groups != d
                if len(np.unique(y[tr])) < 2:
                    continue
                m = LinearState.fit(A[tr], y[tr], OBJECTIVE_FEATURES, C)
                pred = np.asarray(m.classes, dtype=object)[m.predict_proba(A[~tr]).argmax(axis=1)]
                correct += int((pred == y[~tr]).sum())
                # Logits over all labels (a class absent from the fold gets -inf).
                full = np.full((int((~tr).sum()), len(VERDICTS)), -30.0)
                dec = m.decision(A[~tr])
                if dec.shape[1] == 1:
                    dec = np.column_stack([np.zeros(len(dec)), dec[:, 0]])
                for k, c in enumerate(m.classes):
                    full[:, VERDICTS.index(c)] = dec[:, k]
                logits.append(full)
                ys.append([VERDICTS.index(v) for v in y[~tr]])
            if best is None or correct > best[0]:
                best = (correct, C)
                logits_best = (np.vstack(logits), np.concatenate(ys)) if logits else None
        self.C_ = best[1]
        self.model_ = LinearState.fit(A, y, OBJECTIVE_FEATURES, self.C_)
        self.classes_ = list(self.model_.classes)
        self.temperature_ = _temperature(*logits_best) if logits_best is not None else 1.0
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Calibrated probabilities, columns in the order of ``classes_``."""
        check_is_fitted(self, "model_")
        d = self.model_.decision(X[OBJECTIVE_FEATURES].to_numpy(dtype=float))
        if d.shape[1] == 1:
            d = np.column_stack([np.zeros(len(d)), d[:, 0]])
        z = d / self.temperature_
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        proba = self.predict_proba(X)
        return np.asarray(self.classes_, dtype=object)[proba.argmax(axis=1)]

    def contributions(self, x) -> pd.DataFrame:
        """Each feature's pull on each verdict's logit for one objective row."""
        check_is_fitted(self, "model_")
        return self.model_.contributions(np.asarray(x, dtype=float)) / self.temperature_
