"""Figures across statements: progress by kind of aim, tone, topic mix, countries.

Notebook 05 compares the statements of a corpus. Like the other figure
modules of :mod:`analysis.report.figures`, every figure is a *data* function
that turns the package's tables into one tidy table (saved beside the figure
as its CSV) and a *plot* function that draws it; files are written by
:func:`~analysis.report.figures.shared.save_figure` in its style and palette.
Statements are in the one reading order of every figure,
:func:`~analysis.report.figures.shared.document_order`.

* :func:`progress_by_kind` / :func:`plot_progress_by_kind`: how many
  objectives of each kind (:mod:`analysis.progress.kinds`) got each verdict
  — counts, not means, since the verdict scale is ordinal and the kinds
  hold a handful of aims each;
* :func:`tone_across` / :func:`plot_tone_across`: mean tone of each section
  of each statement with the ``section_sentiment`` table's bootstrap
  interval (it resamples the section's paragraphs);
* :func:`topic_mix` / :func:`plot_topic_mix`: mean topic share of each
  statement's units with an interval (``topic_prevalence``; computed from
  ``unit_topics`` when the corpus has one statement);
* :func:`countries_per_statement` / :func:`plot_countries_per_statement`:
  share of each statement's sentences naming each country.

With one statement every figure still draws, with a note that there is
nothing to compare yet.

Examples
--------
>>> o = pd.DataFrame({"doc_id": ["a", "a", "b"], "objective_id": [1, 2, 1],
...     "text": ["hemisphere defense", "democratic institutions", "defense of the area"]})
>>> a = o.assign(verdict=["achieved", "slow", "achieved"])
>>> d = progress_by_kind(o, a)
>>> d[d["n"] > 0][["kind", "verdict", "n", "n_documents"]].values.tolist()
[['security', 'achieved', 2, 2], ['democracy', 'slow', 1, 1]]
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ...measures.stats import bootstrap_ci, group_seed
from ...progress.kinds import KIND_LABELS, objective_kinds
from .countries_tone import tone_intervals
from .sections_topics import topic_labels
from .shared import (
    FULL_WIDTH, MARKERS, OKABE_ITO, SCORE_LABELS, VERDICT_COLORS, VERDICT_LABELS, VERDICTS,
    document_labels, document_order, style, _empty, _new_figure,
)

#: Sections compared across statements, in the order of the series; a
#: section no statement has is left out.
SECTIONS = ("objectives", "policies", "relations", "evaluation", "other")
#: Countries shown in the countries-per-statement figure: the most widely
#: named (a 6.5 in figure holds about this many columns at 7.5 pt).
TOP_COUNTRIES = 15
#: Caption of a figure drawn from one statement.
ONE_STATEMENT = "One statement: nothing to compare across statements yet; add statements to compare."


def _caption(fig, lines):
    text = "\n".join(t for t in lines if t)
    if text:
        fig.supxlabel(text, x=0.01, ha="left", fontsize=6.5, color="#444444")


# ----------------------------------------------------------- progress by kind

def progress_by_kind(objectives: pd.DataFrame, assessments: pd.DataFrame,
                     kinds: pd.DataFrame | None = None) -> pd.DataFrame:
    """Objectives of each kind per verdict: counts on the complete kind × verdict grid.

    Parameters
    ----------
    objectives : pandas.DataFrame
        doc_id, objective_id, text (the ``objectives`` table).
    assessments : pandas.DataFrame
        doc_id, objective_id, verdict; an objective without a row is
        ``not_assessed``.
    kinds : pandas.DataFrame, optional
        doc_id, objective_id, kind; default :func:`analysis.progress.kinds.objective_kinds`.

    Returns
    -------
    pandas.DataFrame
        kind, kind_label, verdict, n (objectives of the kind with the
        verdict), n_objectives and n_documents (of the kind); kinds with
        at least one objective, in :data:`KIND_LABELS` order, verdicts best
        first.

    Examples
    --------
    >>> o = pd.DataFrame({"doc_id": ["a", "a"], "objective_id": [1, 2],
    ...                   "text": ["expand trade", "more trade and investment"]})
    >>> d = progress_by_kind(o, o.iloc[:1].assign(verdict="partial"))
    >>> d[d["n"] > 0][["kind", "verdict", "n", "n_objectives"]].values.tolist()
    [['economy', 'partial', 1, 2], ['economy', 'not_assessed', 1, 2]]
    """
    cols = ["kind", "kind_label", "verdict", "n", "n_objectives", "n_documents"]
    if objectives is None or objectives.empty:
        return pd.DataFrame(columns=cols)
    key = ["doc_id", "objective_id"]
    kinds = objective_kinds(objectives) if kinds is None else kinds
    d = objectives[key].merge(kinds[key + ["kind"]], on=key, how="left")
    d["kind"] = d["kind"].fillna("other")
    v = assessments[key + ["verdict"]] if assessments is not None and len(assessments) else None
    d = d.merge(v, on=key, how="left") if v is not None else d.assign(verdict=np.nan)
    d["verdict"] = d["verdict"].fillna("not_assessed")
    unknown = sorted(set(d["verdict"]) - set(VERDICTS))
    if unknown:
        raise ValueError(f"progress_by_kind: verdicts {unknown} are not on the scale "
                         f"{', '.join(VERDICTS)}; check assessments.csv")
    present = [k for k in KIND_LABELS if k in set(d["kind"])] + \
        sorted(set(d["kind"]) - set(KIND_LABELS))
    grid = pd.MultiIndex.from_product([present, list(VERDICTS)], names=["kind", "verdict"])
    counts = d.groupby(["kind", "verdict"]).size().reindex(grid, fill_value=0)
    out = counts.rename("n").reset_index()
    out.insert(1, "kind_label", out["kind"].map(lambda k: KIND_LABELS.get(k, k)))
    out["n_objectives"] = out["kind"].map(d.groupby("kind").size())
    out["n_documents"] = out["kind"].map(d.groupby("kind")["doc_id"].nunique())
    return out[cols].astype({"n": "int64", "n_objectives": "int64", "n_documents": "int64"})


def plot_progress_by_kind(data: pd.DataFrame) -> Figure:
    """Stacked bars: objectives of each kind by verdict (counts written in the bars).

    Examples
    --------
    >>> d = pd.DataFrame({"kind": ["security"] * 2, "kind_label": ["security and defence"] * 2,
    ...     "verdict": ["achieved", "slow"], "n": [2, 1], "n_objectives": [3, 3],
    ...     "n_documents": [1, 1]})
    >>> type(plot_progress_by_kind(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Assessed progress by kind of objective", "no objectives found")
    kinds = list(dict.fromkeys(data["kind"]))
    first = data.drop_duplicates("kind").set_index("kind")
    labels = [f"{first.loc[k, 'kind_label']}\n(n = {int(first.loc[k, 'n_objectives'])}, "
              f"{int(first.loc[k, 'n_documents'])} statement"
              f"{'s' if int(first.loc[k, 'n_documents']) != 1 else ''})" for k in kinds]
    n_docs_max = int(first["n_documents"].max())
    with style():
        fig, axes = _new_figure(height=1.3 + 0.42 * len(kinds))
        ax = axes[0, 0]
        left = np.zeros(len(kinds))
        y = np.arange(len(kinds))
        for v in VERDICTS:
            n = (data[data["verdict"] == v].set_index("kind")["n"].reindex(kinds)
                 .fillna(0).to_numpy(dtype=float))
            hollow = v == "not_assessed"
            ax.barh(y, n, left=left, height=0.65, color="white" if hollow else VERDICT_COLORS[v],
                    edgecolor=VERDICT_COLORS[v] if hollow else "black", linewidth=0.4,
                    hatch="////" if hollow else None, label=VERDICT_LABELS[v])
            for yy, lo, nn in zip(y, left, n):
                if nn:
                    ax.text(lo + nn / 2, yy, str(int(nn)), ha="center", va="center", fontsize=6.5,
                            color="black")
            left += n
        ax.set_yticks(y, labels)
        ax.set_ylim(len(kinds) - 0.5, -0.5)
        ax.set_xlabel("objectives (count)")
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.legend(*ax.get_legend_handles_labels(), title="verdict", frameon=False,
                   loc="outside right center")
        fig.suptitle("Assessed progress by kind of objective")
        _caption(fig, ["Kinds by the keyword rules of analysis/data/objective_kinds.csv; "
                       "verdicts of the package's grader (check them against their evidence).",
                       ONE_STATEMENT if n_docs_max <= 1 else ""])
    return fig


# ------------------------------------------------------------ tone by section

def tone_across(section_sentiment: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Mean tone of each (statement, section) with the table's interval, statements in date order.

    Parameters
    ----------
    section_sentiment : pandas.DataFrame
        The ``section_sentiment`` table: its seeded bootstrap 95% interval
        resamples the section's paragraphs; it is taken as it is.
    documents : pandas.DataFrame, optional
        For labels and date order.

    Returns
    -------
    pandas.DataFrame
        doc_id, document, section, score, mean, ci_low, ci_high,
        n_sentences, small, resampled (what the interval resamples,
        :func:`analysis.report.figures.tone_intervals`).

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["d"], "section": ["policies"], "n_sentences": [9],
    ...     "compound_mean": [0.2], "compound_low": [0.1], "compound_high": [0.3],
    ...     "register_mean": [0.0], "register_low": [-0.1], "register_high": [0.1],
    ...     "small": [False]})
    >>> tone_across(t)[["section", "score", "mean", "resampled"]].values.tolist()
    [['policies', 'compound', 0.2, 'paragraphs'], ['policies', 'register', 0.0, 'paragraphs']]
    """
    cols = ["doc_id", "document", "section", "score", "mean", "ci_low", "ci_high",
            "n_sentences", "small", "resampled"]
    if section_sentiment is None or section_sentiment.empty:
        return pd.DataFrame(columns=cols)
    t = tone_intervals(section_sentiment, by="section", documents=documents)
    lab = document_labels(documents)
    t["document"] = t["doc_id"].map(lambda x: lab.get(x, x))
    t = t.rename(columns={"group": "section"})
    docs = {d: i for i, d in enumerate(document_order(documents, t["doc_id"]))}
    secs = {s: i for i, s in enumerate(SECTIONS)}
    t = t.assign(_d=t["doc_id"].map(docs), _s=t["section"].map(secs).fillna(len(secs)))
    t = t.sort_values(["_s", "section", "score", "_d"], kind="stable")
    return t[cols].reset_index(drop=True)


def _dots(ax, y, mean, low, high, small, color, marker):
    ax.hlines(y, low, high, color=color, linewidth=1.1)
    ax.plot(mean[~small], y[~small], linestyle="none", marker=marker, color=color, markersize=4)
    ax.plot(mean[small], y[small], linestyle="none", marker=marker, markerfacecolor="white",
            markeredgecolor=color, markersize=4)


def plot_tone_across(data: pd.DataFrame) -> Figure:
    """One panel per (score, section): each statement's mean tone with its interval.

    Examples
    --------
    >>> d = tone_across(pd.DataFrame({"doc_id": ["a", "b"], "section": ["policies"] * 2,
    ...     "n_sentences": [9, 3], "compound_mean": [0.2, 0.1], "compound_low": [0.1, 0.0],
    ...     "compound_high": [0.3, 0.2], "register_mean": [0.0, 0.1], "register_low": [-0.1, 0.0],
    ...     "register_high": [0.1, 0.2], "small": [False, True]}))
    >>> type(plot_tone_across(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Tone by section across statements", "no section_sentiment table")
    scores = list(dict.fromkeys(data["score"]))
    sections = list(dict.fromkeys(data["section"]))
    docs = list(dict.fromkeys(data["document"]))  # date order (tone_across sorts so)
    ypos = {d: i for i, d in enumerate(docs)}
    with style():
        fig, axes = _new_figure(width=FULL_WIDTH, height=1.4 + 0.17 * len(docs) * len(scores) + 0.5,
                            nrows=len(scores), ncols=len(sections), sharey=True, sharex=True)
        for i, sc in enumerate(scores):
            for j, sec in enumerate(sections):
                ax = axes[i, j]
                d = data[(data["score"] == sc) & (data["section"] == sec)]
                y = d["document"].map(ypos).to_numpy()
                ax.axvline(0, color="#888888", linewidth=0.7, linestyle="--", zorder=0)
                _dots(ax, y, d["mean"].to_numpy(float), d["ci_low"].to_numpy(float),
                      d["ci_high"].to_numpy(float), d["small"].astype(bool).to_numpy(),
                      OKABE_ITO[i], MARKERS[i])
                ax.set_xlim(-1.05, 1.05)
                if i == 0:
                    ax.set_title(sec, loc="left")
                if i == len(scores) - 1:
                    ax.set_xlabel("mean (−1 to 1)")
            axes[i, 0].set_ylabel(SCORE_LABELS.get(sc, sc))
        axes[0, 0].set_yticks(range(len(docs)), docs)
        axes[0, 0].set_ylim(len(docs) - 0.5, -0.5)
        fig.suptitle("Tone of each section across statements: mean sentence score, 95% interval")
        _caption(fig, ["Intervals: seeded bootstrap over the section's paragraphs (section_sentiment); "
                       "open markers: fewer than 5 sentences; n per row in the CSV.",
                       ONE_STATEMENT if len(docs) <= 1 else ""])
    return fig


# ----------------------------------------------------------------- topic mix

def topic_mix(topic_prevalence: pd.DataFrame | None, topic_terms: pd.DataFrame | None = None,
              documents: pd.DataFrame | None = None, unit_topics: pd.DataFrame | None = None,
              seed: int = 0) -> pd.DataFrame:
    """Mean topic share of each statement's units with a 95% interval.

    The ``statement`` rows of ``topic_prevalence`` when it has them (a
    corpus of several statements); otherwise the same from ``unit_topics``
    (mean weight of each topic over the statement's units, seeded bootstrap
    over its units).

    Returns
    -------
    pandas.DataFrame
        doc_id, document, topic, topic_label, mean, ci_low, ci_high,
        n_units, resampled; statements in date order.

    Examples
    --------
    >>> u = pd.DataFrame({"doc_id": "d", "unit_id": [1, 1, 2, 2], "topic": [1, 2, 1, 2],
    ...                   "weight": [0.8, 0.2, 0.6, 0.4]})
    >>> m = topic_mix(None, unit_topics=u, seed=0)
    >>> m[["topic", "mean", "n_units", "resampled"]].values.tolist()
    [[1, 0.7, 2, 'units'], [2, 0.3, 2, 'units']]
    """
    cols = ["doc_id", "document", "topic", "topic_label", "mean", "ci_low", "ci_high",
            "n_units", "resampled"]
    p = None
    if topic_prevalence is not None and len(topic_prevalence) and "grouping" in topic_prevalence:
        p = topic_prevalence[topic_prevalence["grouping"] == "statement"]
    if p is not None and len(p):
        d = p.rename(columns={"group": "doc_id"})[["doc_id", "topic", "mean", "ci_low", "ci_high",
                                                   "n_units", "resampled"]].copy()
    elif unit_topics is not None and len(unit_topics):
        rows = []
        for (doc, topic), g in unit_topics.groupby(["doc_id", "topic"], sort=True):
            mean, low, high, n = bootstrap_ci(g["weight"].to_numpy(float),
                                              seed=group_seed(seed, ("topic_mix", doc), int(topic)))
            rows.append({"doc_id": doc, "topic": topic, "mean": round(mean, 6), "ci_low": low,
                         "ci_high": high, "n_units": n, "resampled": "units"})
        d = pd.DataFrame(rows)
    else:
        return pd.DataFrame(columns=cols)
    labels = topic_labels(topic_terms) if topic_terms is not None and len(topic_terms) else pd.Series(dtype=object)
    lab = document_labels(documents)
    d["document"] = d["doc_id"].map(lambda x: lab.get(x, x))
    d["topic_label"] = d["topic"].map(lambda t: labels.get(t, f"T{int(t)}"))
    docs = {x: i for i, x in enumerate(document_order(documents, d["doc_id"]))}
    d = d.assign(_o=d["doc_id"].map(docs)).sort_values(["_o", "topic"], kind="stable")
    return d[cols].reset_index(drop=True)


def plot_topic_mix(data: pd.DataFrame) -> Figure:
    """One panel per topic: each statement's mean share with its interval.

    Examples
    --------
    >>> d = pd.DataFrame({"document": ["a", "a"], "topic": [1, 2], "topic_label": ["T1", "T2"],
    ...     "mean": [0.7, 0.3], "ci_low": [0.6, 0.2], "ci_high": [0.8, 0.4], "n_units": [9, 9]})
    >>> type(plot_topic_mix(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Topic mix of each statement", "no topic model (too few units?)")
    topics = sorted(data["topic"].unique())
    docs = list(dict.fromkeys(data["document"]))
    n_units = data.drop_duplicates("document").set_index("document")["n_units"]
    ylabels = [f"{d} (n = {int(n_units[d])})" for d in docs]
    ncols = min(4, len(topics))
    nrows = int(np.ceil(len(topics) / ncols))
    ypos = {d: i for i, d in enumerate(docs)}
    with style():
        fig, axes = _new_figure(height=1.2 + nrows * (0.5 + 0.17 * len(docs)), nrows=nrows,
                            ncols=ncols, sharey=True, sharex=True)
        for i, ax in enumerate(axes.flat):
            if i >= len(topics):
                ax.set_axis_off()
                continue
            d = data[data["topic"] == topics[i]]
            y = d["document"].map(ypos).to_numpy()
            _dots(ax, y, d["mean"].to_numpy(float), d["ci_low"].to_numpy(float),
                  d["ci_high"].to_numpy(float), np.zeros(len(d), bool),
                  OKABE_ITO[i % 7], MARKERS[i % len(MARKERS)])
            ax.set_title(str(d["topic_label"].iloc[0]), loc="left", fontsize=7.5)
            ax.set_xlim(0, 1.02)
            if i // ncols == nrows - 1 or i + ncols >= len(topics):
                ax.set_xlabel("mean share of a unit")
                ax.xaxis.set_tick_params(labelbottom=True)
        axes[0, 0].set_yticks(range(len(docs)), ylabels)
        axes[0, 0].set_ylim(len(docs) - 0.5, -0.5)
        fig.suptitle("Topic mix of each statement: mean topic share with 95% interval")
        resampled = ", ".join(sorted(set(data.get("resampled", pd.Series(dtype=str)).dropna().astype(str))))
        _caption(fig, [f"n = units (paragraphs) of the statement; intervals: seeded bootstrap "
                       f"over {resampled or 'units'}.",
                       ONE_STATEMENT if len(docs) <= 1 else ""])
    return fig


# ------------------------------------------------------ countries per statement

def countries_per_statement(mentions: pd.DataFrame, sentences: pd.DataFrame,
                            documents: pd.DataFrame | None = None,
                            top: int = TOP_COUNTRIES) -> pd.DataFrame:
    """Share of each statement's sentences that name each of the most widely named countries.

    Countries are ranked by the number of statements naming them, then by
    sentences; the grid is complete (zeros included) so the CSV holds what
    is drawn.

    Returns
    -------
    pandas.DataFrame
        doc_id, document, iso2, country, n_sentences (naming the country),
        doc_sentences, share, focus (the statement's focus country),
        n_countries (distinct countries the statement names).

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b"], "sentence_id": [0, 1, 0],
    ...                   "iso2": ["PE", "CL", "PE"], "country": ["Peru", "Chile", "Peru"]})
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "sentence_id": [0, 1, 0, 1]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "country": ["PE", "CL"], "date": ["", ""]})
    >>> c = countries_per_statement(m, s, docs)
    >>> c[["doc_id", "iso2", "n_sentences", "share", "focus"]].values.tolist()  # undated: Chile, then Peru
    [['b', 'PE', 1, 0.5, False], ['b', 'CL', 0, 0.0, True], ['a', 'PE', 1, 0.5, True], ['a', 'CL', 1, 0.5, False]]
    """
    cols = ["doc_id", "document", "iso2", "country", "n_sentences", "doc_sentences", "share",
            "focus", "n_countries"]
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=cols)
    m = mentions[["doc_id", "sentence_id", "iso2", "country"]].drop_duplicates(
        ["doc_id", "sentence_id", "iso2"])
    names = m.groupby("iso2")["country"].first()
    per = m.groupby(["doc_id", "iso2"]).size()
    rank = pd.DataFrame({"n_docs": m.groupby("iso2")["doc_id"].nunique(),
                         "n": m.groupby("iso2").size()}).reset_index()
    rank["name"] = rank["iso2"].map(names)
    keep = rank.sort_values(["n_docs", "n", "name"], ascending=[False, False, True],
                            kind="stable").head(top)["iso2"].tolist()
    # every statement of ``documents`` (one without sentences too), then any others
    docs = document_order(documents, [*([] if documents is None else documents["doc_id"]),
                                      *sentences["doc_id"].unique()])
    grid = pd.MultiIndex.from_product([docs, keep], names=["doc_id", "iso2"])
    out = per.reindex(grid, fill_value=0).rename("n_sentences").reset_index()
    lab = document_labels(documents)
    out.insert(1, "document", out["doc_id"].map(lambda x: lab.get(x, x)))
    out.insert(3, "country", out["iso2"].map(names))
    out["doc_sentences"] = out["doc_id"].map(sentences.groupby("doc_id").size()).fillna(0).astype("int64")
    out["share"] = (out["n_sentences"] / out["doc_sentences"].where(out["doc_sentences"] > 0)).round(6).fillna(0.0)
    focus = ({} if documents is None or "country" not in documents
             else dict(zip(documents["doc_id"], documents["country"].fillna(""))))
    out["focus"] = [focus.get(d, "") == c for d, c in zip(out["doc_id"], out["iso2"])]
    out["n_countries"] = out["doc_id"].map(m.groupby("doc_id")["iso2"].nunique()).fillna(0).astype("int64")
    return out[cols].astype({"n_sentences": "int64"})


def plot_countries_per_statement(data: pd.DataFrame) -> Figure:
    """Dot matrix: area of each dot = share of the statement's sentences naming the country.

    The focus country of each statement is ringed; the number in a dot is
    the count of sentences.

    Examples
    --------
    >>> d = pd.DataFrame({"document": ["a", "a"], "iso2": ["PE", "CL"], "country": ["Peru", "Chile"],
    ...     "n_sentences": [3, 0], "share": [0.3, 0.0], "focus": [True, False], "n_countries": [1, 1]})
    >>> type(plot_countries_per_statement(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Countries named in each statement", "no country mentions found")
    docs = list(dict.fromkeys(data["document"]))
    isos = list(dict.fromkeys(data["iso2"]))
    names = data.drop_duplicates("iso2").set_index("iso2")["country"]
    nc = data.drop_duplicates("document").set_index("document")["n_countries"]
    x = data["iso2"].map({c: i for i, c in enumerate(isos)}).to_numpy()
    y = data["document"].map({d: i for i, d in enumerate(docs)}).to_numpy()
    share = data["share"].to_numpy(float)
    smax = max(float(share.max()), 1e-9)
    size = 260 * share / smax
    with style():
        fig, axes = _new_figure(width=FULL_WIDTH, height=1.9 + 0.3 * max(len(docs), 2))
        ax = axes[0, 0]
        sel = share > 0
        ax.scatter(x[sel], y[sel], s=size[sel], color=OKABE_ITO[0], alpha=0.75, linewidths=0)
        foc = data["focus"].astype(bool).to_numpy()
        ax.scatter(x[foc], y[foc], s=np.maximum(size[foc], 20) + 60, facecolors="none",
                   edgecolors="black", linewidths=0.8, label="focus country of the statement")
        for xx, yy, n in zip(x[sel], y[sel], data["n_sentences"].to_numpy()[sel]):
            ax.text(xx, yy, str(int(n)), ha="center", va="center", fontsize=5.5, color="white"
                    if n and size[(x == xx) & (y == yy)][0] > 80 else "black")
        ax.set_xticks(range(len(isos)), [names.get(c, c) for c in isos], rotation=45, ha="right",
                      rotation_mode="anchor")
        ax.set_yticks(range(len(docs)), [f"{d} ({int(nc[d])} countries)" for d in docs])
        ax.set_xlim(-0.6, len(isos) - 0.4)
        ax.set_ylim(len(docs) - 0.5, -0.5)
        ax.set_xlabel("country named (the most widely named across statements)")
        if foc.any():
            ax.legend(frameon=False, loc="upper right", bbox_to_anchor=(1, 1.12), fontsize=6.5)
        fig.suptitle("Countries named in each statement: share of its sentences")
        _caption(fig, [f"Dot area: share of the statement's sentences naming the country "
                       f"(largest {smax:.0%}); number: sentences.",
                       ONE_STATEMENT if len(docs) <= 1 else ""])
    return fig
