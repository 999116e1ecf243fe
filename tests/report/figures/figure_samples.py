"""Tiny tables of one statement and the checks the tests of the figure modules share."""
from __future__ import annotations

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

SENTENCES = pd.DataFrame({
    "doc_id": ["d"] * 6,
    "sentence_id": [0, 1, 2, 3, 4, 5],
    "section": ["objectives", "objectives", "policies", "relations", "evaluation", "evaluation"],
    "paragraph": [1, 1, 2, 3, 4, 4],
    "text": ["We seek to expand trade.", "We wish to keep the peace of the region.",
             "We lend capital.", "Relations with Chile are strained.",
             "Trade has made slow progress.", "The peace is far from realization."]})
DOCUMENTS = pd.DataFrame({"doc_id": ["d"], "country": ["PE"], "date": [""],
                          "volume": ["FRUS 1951, vol. II"]})
MENTIONS = pd.DataFrame({"doc_id": ["d", "d", "d"], "sentence_id": [0, 3, 3],
                         "iso2": ["US", "CL", "CL"], "country": ["United States", "Chile", "Chile"]})
OBJECTIVES = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2], "sentence_id": [0, 1],
                           "text": ["to expand trade", "to keep the peace of the region"]})
ASSESSMENTS = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2],
                            "verdict": ["slow", "not_achieved"], "score": [0.333, 0.0],
                            "confidence": [0.7, 0.6], "evidence_sentence_ids": ["4", "5"]})
ALIGNMENT = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2], "sentence_id": [4, 5],
                          "score": [0.6, 0.5]})
TONE = pd.DataFrame({"doc_id": ["d", "d"], "section": ["policies", "evaluation"],
                     "n_sentences": [1, 2], "compound_mean": [0.3, -0.2],
                     "compound_low": [0.3, -0.5], "compound_high": [0.3, 0.1],
                     "register_mean": [0.0, -0.4], "register_low": [0.0, -0.6],
                     "register_high": [0.0, -0.2], "small": [True, True]})
TERMS = pd.DataFrame({"topic": [1, 1, 2, 2], "measure": "weight", "rank": [1, 2, 1, 2],
                      "term": ["trade", "capital", "peace", "region"],
                      "weight": [0.5, 0.3, 0.6, 0.2], "relevance": [0.1, 0.2, 0.3, 0.4]})
SELECTION = pd.DataFrame({"method": "nmf", "unit": "paragraph", "k": [2, 3],
                          "coherence": [0.2, 0.1], "stability": [0.9, 0.7],
                          "chosen": [True, False]})
PREVALENCE = pd.DataFrame({"grouping": "section", "group": ["objectives", "policies"] * 2,
                           "topic": [1, 1, 2, 2], "mean": [0.7, 0.4, 0.3, 0.6],
                           "ci_low": [0.6, 0.2, 0.2, 0.4], "ci_high": [0.8, 0.6, 0.4, 0.8],
                           "n_units": [1, 1, 1, 1]})


def assert_titled_figure(fig):
    """``fig`` is a Figure, draws, has a title and labelled axes."""
    assert isinstance(fig, Figure)
    FigureCanvasAgg(fig).draw()
    titles = [fig.get_suptitle()] + [ax.get_title(loc="left") or ax.get_title() for ax in fig.axes]
    assert any(titles)
    for ax in fig.axes:
        if ax.get_visible() and ax.axison and ax.get_label() != "<colorbar>":
            assert ax.get_xlabel() or ax.get_ylabel() or not ax.has_data()


def overlaps(boxes):
    """The pairs of (text, box) whose boxes overlap."""
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:]
            if ba.overlaps(bb)]
