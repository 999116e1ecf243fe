"""Validation figures: the confusion matrix of the package against hand coding.

``make validation`` writes ``figures/validation-confusion.*`` through
:mod:`analysis.report.validate` (verdicts against the coded corpus);
``python -m analysis agreement --figure`` writes ``agreement-*`` confusion
figures through :mod:`analysis.report.agreement`.
"""
from __future__ import annotations

import pandas as pd

from .shared import HEATMAP_CMAP, _new_figure, style


def plot_confusion(conf: pd.DataFrame, mode: str = "", title: str | None = None,
                   xlabel: str = "package verdict", ylabel: str = "coders' verdict"):
    """Heat map of a confusion matrix, counts in the cells (rows: ``ylabel``)."""
    import seaborn as sns  # deferred: heavy, seaborn loads pyplot and scipy; only for this heatmap

    if title is None:
        what = {"held_out": "held out, leave one document out", "in_sample": "in sample (training-set figure)",
                "shipped": "shipped model"}.get(mode, mode)
        title = f"Verdicts against hand coding ({what})"
    with style():
        fig, axes = _new_figure(width=5.6, height=4.4)
        ax = axes[0, 0]
        sns.heatmap(conf, annot=True, fmt="d", cmap=HEATMAP_CMAP, cbar=False, ax=ax, linewidths=0.5,
                    linecolor="white", square=True)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.set_title(title, fontsize=9)
        ax.tick_params(axis="x", rotation=30)
        ax.tick_params(axis="y", rotation=0)
    return fig
