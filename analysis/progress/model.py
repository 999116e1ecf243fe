"""The fitted progress model: evidence ranker + verdict grader, as one table.

``python -m analysis fit data/coded`` fits both on a coded corpus
(:func:`fit_model`) and writes them to ``analysis/data/progress_model.csv``
(:data:`MODEL_PATH`): standardisation, coefficients, intercepts, the
learned evidence rule and the calibration temperature, one value a row, so a
reviewer can read what the model learned and a rerun gives the same bytes.
:func:`load_model` reads it back for the pipeline;
:func:`cross_validate` refits it leaving each document out in turn.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..io.tables import atomic_path
from .coded import VERDICTS, CodedCorpus, gold_evidence, label_objectives
from .evidence import EvidenceRanker, pair_features
from .grading import ASSESSMENT_COLUMNS, PROGRESS, VerdictGrader, objective_features
from .linear import MODEL_COLUMNS, LinearState
from .objectives import extract_objectives

#: The shipped model, refitted by ``python -m analysis fit data/coded``.
MODEL_PATH = config.PACKAGE_DATA / "progress_model.csv"
#: Significant digits of the model table (stable bytes across reruns).
MODEL_FLOAT_FORMAT = "%.10g"


@dataclass
class ProgressModel:
    """A fitted ranker and grader; :meth:`predict` gives the step's tables."""

    ranker: EvidenceRanker
    grader: VerdictGrader

    def predict(self, objectives: pd.DataFrame, sentences: pd.DataFrame, pairs=None) -> dict:
        """``alignment`` and ``assessments`` tables for extracted ``objectives``.

        ``pairs`` (from :func:`pair_features`) may be passed when already
        computed.
        """
        if pairs is None:
            pairs = pair_features(objectives, sentences)
        proba = self.ranker.predict_proba(pairs)
        sel = self.ranker.select(pairs, proba)
        alignment = self.ranker.alignment(pairs)
        feats = objective_features(objectives, pairs, proba, sel, sentences)
        if len(feats):
            verdict = self.grader.predict(feats)
            conf = self.grader.confidence(feats)
        else:
            verdict, conf = np.array([], dtype=object), np.array([])
        text = {(str(d), int(i)): str(t) for d, i, t in
                zip(sentences["doc_id"], sentences["sentence_id"], sentences["text"])}
        rows = []
        for f, v, c in zip(feats.itertuples(), verdict, conf):
            ids = [int(i) for i in str(f.evidence_sentence_ids).split(";") if i]
            rows.append({"doc_id": f.doc_id, "objective_id": int(f.objective_id), "verdict": str(v),
                         "score": PROGRESS.get(str(v), float("nan")), "confidence": round(float(c), 4),
                         "evidence_sentence_ids": f.evidence_sentence_ids,
                         "evidence": " | ".join(text[(f.doc_id, i)] for i in ids)})
        assessments = pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)
        assessments["score"] = assessments["score"].astype("float64").round(4)
        return {"alignment": alignment, "assessments": assessments, "features": feats}

    def to_frame(self) -> pd.DataFrame:
        """The model as one long table (:data:`analysis.progress.linear.MODEL_COLUMNS`)."""
        params = pd.DataFrame([
            ("evidence", "param", "", "threshold", self.ranker.threshold_),
            ("evidence", "param", "", "relative", self.ranker.relative_),
            ("evidence", "param", "", "max_evidence", self.ranker.max_evidence),
            ("evidence", "param", "", "C", self.ranker.C),
            ("assess", "param", "", "C", self.grader.C_assess_),
            ("assess", "param", "", "threshold", self.grader.threshold_),
            ("grade", "param", "", "C", self.grader.C_grade_),
            ("grade", "param", "", "temperature", self.grader.temperature_),
            ("grade", "param", "", "lexicon_first", float(self.grader.lexicon_first_)),
            ("grade", "param", "", "min_cue_mass", self.grader.min_cue_mass_),
        ] + [("confidence", "param", "", k, v) for k, v in self.grader.confidence_.items()
        ], columns=MODEL_COLUMNS)
        return pd.concat([params, self.ranker.model_.to_frame("evidence"),
                          self.grader.assess_.to_frame("assess"),
                          self.grader.grade_.to_frame("grade")], ignore_index=True)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> "ProgressModel":
        p = frame[frame["kind"] == "param"].set_index(["model", "feature"])["value"]
        ranker = EvidenceRanker(C=float(p[("evidence", "C")]), max_evidence=int(float(p[("evidence", "max_evidence")])))
        ranker.model_ = LinearState.from_frame(frame, "evidence")
        ranker.threshold_ = float(p[("evidence", "threshold")])
        ranker.relative_ = float(p[("evidence", "relative")])
        grader = VerdictGrader()
        grader.assess_ = LinearState.from_frame(frame, "assess")
        grader.grade_ = LinearState.from_frame(frame, "grade")
        grader.C_assess_ = float(p[("assess", "C")])
        grader.threshold_ = float(p[("assess", "threshold")])
        grader.C_grade_ = float(p[("grade", "C")])
        grader.temperature_ = float(p[("grade", "temperature")])
        grader.lexicon_first_ = bool(float(p[("grade", "lexicon_first")]))
        grader.min_cue_mass_ = float(p.get(("grade", "min_cue_mass"), 0.0))
        grader.confidence_ = {k: float(v) for (m, k), v in p.items() if m == "confidence"}
        grader.grade_.classes = [str(c) for c in grader.grade_.classes]
        grader.classes_ = list(VERDICTS)
        return cls(ranker, grader)


def training_data(corpus: CodedCorpus, objectives: pd.DataFrame | None = None):
    """Every extracted objective and pair of a coded corpus, with labels.

    Returns ``(objectives, pairs, y)``: the extracted objectives with their
    gold match (``gold_id`` empty where none matches), the pair features of
    all of them, and the 0/1 evidence label of each pair (-1 for pairs of
    unmatched objectives, which carry no label).
    """
    if objectives is None:
        objectives = extract_objectives(corpus.sentences)
    labelled = label_objectives(objectives, corpus).reset_index(drop=True)
    pairs = pair_features(labelled, corpus.sentences)
    gold = gold_evidence(corpus).dropna(subset=["sentence_id"])
    gid = {(d, o): g for d, o, g in zip(labelled["doc_id"], labelled["objective_id"], labelled["gold_id"])}
    positive = {(d, g, int(s)) for d, g, s in zip(gold["doc_id"], gold["gold_id"], gold["sentence_id"])}
    y = np.array([-1 if not gid[(d, o)] else int((d, gid[(d, o)], int(s)) in positive)
                  for d, o, s in zip(pairs["doc_id"], pairs["objective_id"], pairs["sentence_id"])], dtype=int)
    return labelled, pairs, y


def _fit(labelled: pd.DataFrame, pairs: pd.DataFrame, y: np.ndarray, sentences: pd.DataFrame) -> ProgressModel:
    keep = y >= 0
    lp = pairs[keep].reset_index(drop=True)
    ranker = EvidenceRanker().fit(lp, y[keep])
    matched = labelled[labelled["gold_id"] != ""].reset_index(drop=True)
    if matched.empty:
        raise ValueError("fit: no extracted objective matches a coded one; check the gold files")
    sel = ranker.select(lp, ranker.oof_proba_)
    feats = objective_features(matched, lp, ranker.oof_proba_, sel, sentences)
    grader = VerdictGrader().fit(feats, matched["gold_verdict"].to_numpy(), groups=matched["doc_id"].to_numpy())
    return ProgressModel(ranker, grader)


def fit_model(corpus: CodedCorpus, objectives: pd.DataFrame | None = None) -> ProgressModel:
    """Fit the evidence ranker and the verdict grader on a coded corpus.

    The grader is fitted on features built from the ranker's
    leave-one-document-out evidence, so it learns from evidence as noisy
    as it will meet on a new statement.
    """
    labelled, pairs, y = training_data(corpus, objectives)
    return _fit(labelled, pairs, y, corpus.sentences)


def save_model(model: ProgressModel, path=None) -> Path:
    """Write the model table atomically (default :data:`MODEL_PATH`)."""
    path = Path(path or MODEL_PATH)
    frame = model.to_frame()
    # The value column mixes numbers and class lists (object dtype), which
    # ``float_format`` skips: format the numbers here, so that last-digit
    # differences between BLAS builds do not change the table's bytes.
    frame["value"] = [MODEL_FLOAT_FORMAT % v if isinstance(v, (float, np.floating)) else str(v)
                      for v in frame["value"]]
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, float_format=MODEL_FLOAT_FORMAT, lineterminator="\n")
    return path


_CACHE: dict = {}


def load_model(path=None) -> ProgressModel:
    """Read a model table (default :data:`MODEL_PATH`, cached)."""
    path = Path(path or MODEL_PATH)
    key = (str(path), path.stat().st_mtime_ns if path.exists() else None)
    if key not in _CACHE:
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no fitted progress model; run `python -m analysis fit data/coded`")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if list(frame.columns) != MODEL_COLUMNS:
            raise ValueError(f"{path}: not a progress model table (columns {list(frame.columns)}); "
                             "refit with `python -m analysis fit data/coded`")
        _CACHE.clear()
        _CACHE[key] = ProgressModel.from_frame(frame)
    return _CACHE[key]


def cross_validate(corpus: CodedCorpus, objectives: pd.DataFrame | None = None) -> dict:
    """Leave-one-document-out predictions for every coded document.

    For each document, the ranker and grader are fitted on the others
    (everything learned: coefficients, evidence rule, regularisation,
    calibration) and predict the one left out.

    Returns
    -------
    dict
        ``objectives`` (extracted, with ``gold_id``/``gold_verdict``),
        ``alignment``, ``assessments`` and ``features``: held-out
        predictions for all documents.
    """
    labelled, pairs, y = training_data(corpus, objectives)
    parts: dict = {"alignment": [], "assessments": [], "features": []}
    folds = []
    for doc_id in corpus.doc_ids:
        tr_o = (labelled["doc_id"] != doc_id).to_numpy()
        tr_p = (pairs["doc_id"] != doc_id).to_numpy()
        model = _fit(labelled[tr_o], pairs[tr_p].reset_index(drop=True), y[tr_p], corpus.sentences)
        out = model.predict(labelled[~tr_o], corpus.sentences, pairs=pairs[~tr_p].reset_index(drop=True))
        for k in parts:
            parts[k].append(out[k])
        folds.append({"left_out": doc_id, **fold_parameters(model)})
    res = {k: pd.concat(v, ignore_index=True) for k, v in parts.items()}
    res["objectives"] = labelled
    res["folds"] = pd.DataFrame(folds, columns=["left_out"] + FOLD_COLUMNS)
    return res


#: The choices a model makes from its training coding, one column each in
#: the ``folds`` table of :func:`cross_validate`.
FOLD_COLUMNS = ["evidence_threshold", "evidence_relative", "assess_threshold", "lexicon_first",
                "min_cue_mass", "temperature", "confidence_form", "confidence_constant"]


def fold_parameters(model: ProgressModel) -> dict:
    """What ``model`` chose from its coding (:data:`FOLD_COLUMNS`).

    ``confidence_form`` is ``constant`` when the confidence curve has no
    slope and no verdict offset (then ``confidence_constant`` is the
    confidence every verdict gets), else ``curve``.
    """
    g, c = model.grader, model.grader.confidence_
    flat = c.get("slope", 0.0) == 0 and not any(c.get(v, 0.0) for v in VERDICTS)
    return {"evidence_threshold": model.ranker.threshold_, "evidence_relative": model.ranker.relative_,
            "assess_threshold": g.threshold_, "lexicon_first": bool(g.lexicon_first_),
            "min_cue_mass": float(getattr(g, "min_cue_mass_", 0.0)), "temperature": g.temperature_,
            "confidence_form": "constant" if flat else "curve",
            "confidence_constant": float(1 / (1 + np.exp(-c.get("intercept", 0.0)))) if flat else np.nan}
