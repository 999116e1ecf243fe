"""Stated objectives against the evaluation: the ``progress`` step.

A policy statement names its objectives in section a and judges them in its
evaluation section (d). This step

1. extracts one row per distinct aim from the objectives section
   (:mod:`analysis.progress.objectives`);
2. ranks the evaluation's sentences by how plainly they judge each aim
   (:mod:`analysis.progress.evidence`);
3. grades each objective ``achieved`` / ``partial`` / ``slow`` /
   ``not_achieved`` / ``not_assessed`` (:mod:`analysis.progress.grading`);

and :func:`explain` shows, for one objective, the sentences and features
that decided its grade.
"""
from __future__ import annotations

import pandas as pd  # noqa: F401  (the doctests build tables)

from .. import config
from ..contracts import CONTRACTS
from ..text.editorial import measured
from .coded import VERDICTS  # noqa: F401  (the doctests check verdicts against it)
from .objectives import extract_objectives
from .explain import explain
from .model import load_model

__all__ = ["build_tables", "explain", "extract_objectives"]


#: The tables this step reads and writes (:mod:`analysis.contracts`).
CONTRACT = CONTRACTS["progress"]


def build_tables(tables: dict, seed: int = config.SEED) -> dict:
    """Pipeline step: ``objectives``, ``alignment`` and ``assessments`` tables.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Needs ``sentences`` (the loader's table); not modified.
    seed : int
        Unused (nothing here is random); kept for the step interface.

    Returns
    -------
    dict
        ``objectives`` (doc_id, objective_id, sentence_id, start, end, text,
        horizon), ``alignment`` (every objective x evaluation-sentence pair:
        score = probability that a coder cites the sentence for the aim,
        rank, evidence flag, via) and ``assessments`` (doc_id, objective_id,
        verdict, score, confidence, evidence_sentence_ids, evidence), graded
        by the shipped model (``analysis/data/progress_model.csv``).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2],
    ...     "section": ["objectives", "evaluation", "evaluation"],
    ...     "paragraph": [1, 2, 2],
    ...     "text": ["We seek to encourage the growth of democratic institutions.",
    ...              "As regards democratic institutions, this objective is far from realization.",
    ...              "The mission arrived in May."]})
    >>> out = build_tables({"sentences": s}, seed=0)
    >>> sorted(out), bool(out["assessments"]["verdict"].isin(VERDICTS).all())
    (['alignment', 'assessments', 'objectives'], True)
    """
    sentences = measured(tables["sentences"])  # editorial rows are not the Department's
    objectives = extract_objectives(sentences)
    out = load_model().predict(objectives, sentences)
    return {"objectives": objectives, "alignment": out["alignment"], "assessments": out["assessments"]}
