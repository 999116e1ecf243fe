"""Figures of notebook 02 (sections and topics): top terms, the choice of k, topic prevalence."""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import matplotlib
from matplotlib.figure import Figure

from .shared import (
    FULL_WIDTH, MARKERS, MAX_HEIGHT, MIN_ROW_HEIGHT, OKABE_ITO, ROW_HEIGHT, document_labels,
    document_order, style, _clip, _empty, _height, _new_figure, _note, _resampled_note,
    _section_order, _title,
)


#: Groups up to which a prevalence or tone chart dodges them on one axis;
#: above it, one panel per topic (prevalence) with the groups as rows.
DODGE_GROUPS = 6


def topic_labels(topic_terms: pd.DataFrame, n_terms: int = 3, measure: str = "weight") -> pd.Series:
    """"T1: oil, mining, capital" labels from the top terms of each topic.

    Examples
    --------
    >>> tt = pd.DataFrame({"topic": [1, 1, 2], "measure": "weight", "rank": [1, 2, 1],
    ...                    "term": ["oil", "mining", "army"], "weight": [0.5, 0.3, 0.9]})
    >>> topic_labels(tt).tolist()
    ['T1: oil, mining', 'T2: army']
    """
    t = topic_term_data(topic_terms, n_terms=n_terms, measure=measure)
    lab = t.groupby("topic", sort=True)["term"].apply(", ".join)
    return pd.Series([f"T{int(k)}: {v}" for k, v in lab.items()], index=lab.index, name="label")


def topic_term_data(topic_terms: pd.DataFrame, n_terms: int = 8,
                    measure: str = "weight") -> pd.DataFrame:
    """Top ``n_terms`` of each topic under ``measure`` (tidy, for plotting).

    Examples
    --------
    >>> tt = pd.DataFrame({"topic": [1, 1], "measure": "weight", "rank": [1, 2],
    ...                    "term": ["oil", "mining"], "weight": [0.5, 0.3]})
    >>> topic_term_data(tt, n_terms=1)[["topic", "term"]].values.tolist()
    [[1, 'oil']]
    """
    t = topic_terms
    if "measure" in t and (t["measure"] == measure).any():
        t = t[t["measure"] == measure]
    t = t.sort_values(["topic", "rank"], kind="stable")
    return t.groupby("topic", sort=True).head(n_terms).reset_index(drop=True)


def plot_topic_terms(data: pd.DataFrame, value: str = "weight") -> Figure:
    """Small multiples: the top terms of each topic with their weights.

    Examples
    --------
    >>> d = pd.DataFrame({"topic": [1, 1, 2], "rank": [1, 2, 1],
    ...                   "term": ["oil", "mining", "army"], "weight": [0.5, 0.3, 0.9]})
    >>> type(plot_topic_terms(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Top terms of each topic", "no topic model (too few units?)")
    topics = sorted(data["topic"].unique())
    ncols = min(4, len(topics))
    nrows = int(np.ceil(len(topics) / ncols))
    per = data.groupby("topic").size().max()
    with style():
        fig, axes = _new_figure(height=0.6 + nrows * (0.35 + 0.16 * per), nrows=nrows,
                                ncols=ncols, sharex=True)
        for i, ax in enumerate(axes.flat):
            if i >= len(topics):
                ax.set_axis_off()
                continue
            d = data[data["topic"] == topics[i]].sort_values("rank")
            ax.barh(np.arange(len(d)), d[value], color=OKABE_ITO[i % 7], height=0.7)
            ax.set_yticks(np.arange(len(d)), d["term"])
            ax.invert_yaxis()
            ax.set_title(f"Topic {int(topics[i])}", loc="left")
            if i // ncols == nrows - 1 or i + ncols >= len(topics):
                ax.set_xlabel(f"term {value}")
                ax.xaxis.set_tick_params(labelbottom=True)
        _title(fig, "Top terms of each topic (topic–word weights of the fitted model)")
    return fig


def plot_k_selection(selection: pd.DataFrame, stability_floor: float | None = None) -> Figure:
    """Coherence and stability of the topic model against k; chosen k marked.

    Parameters
    ----------
    selection : pandas.DataFrame
        The ``topic_selection`` table: k, coherence, stability, chosen;
        optional method (one line per method).
    stability_floor : float, optional
        A stability level to draw as a dashed reference line (e.g. the
        lowest stability the choice rule accepts).

    Examples
    --------
    >>> s = pd.DataFrame({"method": "nmf", "k": [2, 3, 4], "coherence": [0.1, 0.2, 0.15],
    ...                   "stability": [0.9, 0.8, 0.5], "chosen": [False, True, False]})
    >>> type(plot_k_selection(s)).__name__
    'Figure'
    """
    if selection.empty:
        return _empty("Choice of the number of topics k", "no k could be fitted")
    sel = selection.copy()
    if "method" not in sel:
        sel["method"] = "model"
    methods = list(dict.fromkeys(sel["method"]))
    with style():
        fig, axes = _new_figure(height=2.6, ncols=2, sharex=True)
        for ax, col, ylabel in zip(axes[0], ("coherence", "stability"),
                                   ("mean NPMI coherence (−1 to 1)",
                                    "stability (best-match cosine, 0 to 1)")):
            for j, m in enumerate(methods):
                d = sel[sel["method"] == m].sort_values("k")
                ax.plot(d["k"], d[col], marker=MARKERS[j], color=OKABE_ITO[j], label=str(m),
                        markersize=4, linewidth=1.2)
                ch = d[d["chosen"].astype(str).str.lower().isin(["true", "1"])]
                ax.plot(ch["k"], ch[col], linestyle="none", marker="o", markersize=10,
                        markerfacecolor="none", markeredgecolor="black",
                        label="chosen k" if j == 0 else None)
            ax.set_xlabel("number of topics k")
            ax.set_ylabel(ylabel)
            ax.set_title(col.capitalize() + " against k", loc="left")
            ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        if stability_floor is not None:
            axes[0, 1].axhline(stability_floor, color="#888888", linestyle="--", linewidth=0.8,
                               label=f"reference ({stability_floor:g})", zorder=0)
        axes[0, 1].legend(frameon=False, loc="best")
        _title(fig, "Choice of the number of topics: coherence and stability across seeds")
    return fig


def plot_topic_prevalence(prevalence: pd.DataFrame, labels: pd.Series | None = None,
                          grouping: str = "section",
                          documents: pd.DataFrame | None = None) -> Figure:
    """Dot chart: mean topic share per group with 95% intervals and n units.

    Up to :data:`DODGE_GROUPS` groups are dodged series on one axis (rows
    = topics); more groups (statements, countries) get one panel per topic
    with the groups as rows. The caption says what the intervals resample
    (the table's ``resampled`` column: units of one document, or whole
    documents).

    Parameters
    ----------
    prevalence : pandas.DataFrame
        The ``topic_prevalence`` table (grouping, group, topic, mean,
        ci_low, ci_high, n_units; optional n_documents, resampled).
    labels : pandas.Series, optional
        Topic labels by topic number (:func:`topic_labels`).
    grouping : str, default "section"
        Which grouping to draw.
    documents : pandas.DataFrame, optional
        For ``grouping="statement"``: statements labelled by country and
        year and put in date order (default: their doc ids, table order).

    Examples
    --------
    >>> p = pd.DataFrame({"grouping": "section", "group": ["objectives", "policies"],
    ...     "topic": [1, 1], "mean": [0.2, 0.6], "ci_low": [0.1, 0.5], "ci_high": [0.3, 0.7],
    ...     "n_units": [2, 9], "resampled": "units"})
    >>> type(plot_topic_prevalence(p)).__name__
    'Figure'
    """
    d = prevalence[prevalence["grouping"] == grouping] if "grouping" in prevalence else prevalence
    if d.empty:
        return _empty(f"Topic prevalence by {grouping}", f"no prevalence by {grouping}")
    topics = sorted(d["topic"].unique())
    groups = (_section_order(d["group"]) if grouping == "section"
              else list(dict.fromkeys(d["group"])))
    if grouping == "statement" and documents is not None:
        names = document_labels(documents)
        groups = document_order(documents, groups)
        d = d.assign(group=d["group"].map(lambda g: names.get(g, g)))
        groups = [names.get(g, g) for g in groups]
    lab = labels if labels is not None else pd.Series({t: f"T{int(t)}" for t in topics})
    how = _resampled_note(d["resampled"]) if "resampled" in d else ""
    note = ("Intervals: percentile bootstrap " + how + "." if how
            else "Intervals: percentile bootstrap.")
    if len(groups) > DODGE_GROUPS:
        return _prevalence_panels(d, topics, groups, lab, grouping, note)
    n_g = len(groups)
    step = 0.8 / max(n_g, 1)
    with style():
        fig, axes = _new_figure(height=_height(len(topics) * max(n_g, 2), base=1.2))
        ax = axes[0, 0]
        for j, g in enumerate(groups):
            dg = d[d["group"] == g].set_index("topic").reindex(topics)
            y = np.arange(len(topics)) - 0.4 + step * (j + 0.5)
            n = int(dg["n_units"].max()) if dg["n_units"].notna().any() else 0
            ax.errorbar(dg["mean"], y, xerr=[dg["mean"] - dg["ci_low"], dg["ci_high"] - dg["mean"]],
                        fmt=MARKERS[j % len(MARKERS)], color=OKABE_ITO[j % len(OKABE_ITO)],
                        markersize=4, elinewidth=1, capsize=1.5,
                        label=f"{g} (n = {n} unit{'s' if n != 1 else ''})")
        ax.set_yticks(np.arange(len(topics)), [lab.get(t, f"T{int(t)}") for t in topics])
        ax.invert_yaxis()
        for k in range(1, len(topics)):
            ax.axhline(k - 0.5, color="#dddddd", linewidth=0.6, zorder=0)
        ax.set_xlim(0, 1.02)
        ax.set_xlabel("mean topic share of a unit (0–1), bootstrap 95% interval")
        ax.set_ylabel("topic (top terms)")
        fig.legend(*ax.get_legend_handles_labels(), title=grouping, frameon=False,
                   loc="outside right center")
        _title(fig, f"Topic prevalence by {grouping}")
        _note(fig, note)
    return fig


def _prevalence_panels(d, topics, groups, lab, grouping, note) -> Figure:
    """Topic prevalence of many groups: one panel per topic, groups as rows."""
    ncols = min(4, len(topics))
    nrows = int(np.ceil(len(topics) / ncols))
    n = d.groupby("group")["n_units"].max()
    # rows that fit each panel row under MAX_HEIGHT (0.55 in of title and ticks a panel)
    limit = max(1, int(((MAX_HEIGHT - 0.9) / nrows - 0.55) / MIN_ROW_HEIGHT))
    if len(groups) > limit:  # the groups with the most units, in their table order
        top = set(sorted(groups, key=lambda g: (-int(n.get(g, 0)), groups.index(g)))[:limit])
        left_out = len(groups) - limit
        groups = [g for g in groups if g in top]
    else:
        left_out = 0
    y = np.arange(len(groups))
    ticks = [f"{_clip(g)} (n = {int(n.get(g, 0))})" for g in groups]
    # panel titles wrapped to the panels' width: what the row labels leave
    # (7.5 pt text: about 0.065 in a character, 15 characters an inch)
    panel = (FULL_WIDTH - 0.6 - 0.065 * max(map(len, ticks))) / ncols - 0.15
    wrap = max(8, int(panel * 15))
    per_panel = min(MAX_HEIGHT / nrows, 0.9 + ROW_HEIGHT * len(groups))
    with style():
        fig, axes = _new_figure(height=min(MAX_HEIGHT, 0.7 + nrows * per_panel), nrows=nrows,
                                ncols=ncols, sharex=True, sharey=True)
        for i, ax in enumerate(axes.flat):
            if i >= len(topics):
                ax.set_axis_off()
                continue
            dt = d[d["topic"] == topics[i]].set_index("group").reindex(groups)
            color = OKABE_ITO[i % 7]
            ax.errorbar(dt["mean"], y, xerr=[dt["mean"] - dt["ci_low"], dt["ci_high"] - dt["mean"]],
                        fmt="o", color=color, markersize=3, elinewidth=0.9, capsize=1)
            ax.set_title("\n".join(textwrap.wrap(str(lab.get(topics[i], f"T{int(topics[i])}")),
                                                  wrap)), loc="left", fontsize=7.5)
            ax.set_xlim(0, 1.02)
            ax.set_yticks(y, ticks)
            ax.set_ylim(len(groups) - 0.5, -0.5)
            if i + ncols >= len(topics):
                ax.set_xlabel("mean topic share")
                ax.xaxis.set_tick_params(labelbottom=True)
        fig.supylabel(f"{grouping} (n = units)", fontsize=8)
        _title(fig, f"Topic prevalence by {grouping}: mean share with bootstrap 95% interval")
        if left_out:
            note += f" {left_out} more groups, with fewer units, in the CSV."
        _note(fig, note)
    return fig
