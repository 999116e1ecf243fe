"""Figures of notebook 04 (objectives vs evaluation): verdicts, alignment, progress per statement."""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ...progress.grading import VERDICTS_BEST_FIRST as VERDICTS
from .shared import (
    FULL_WIDTH, HEATMAP_CMAP, MAX_HEIGHT, OKABE_ITO, VERDICT_COLORS, VERDICT_LABELS,
    VERDICT_MARKERS, document_labels, document_order, short_label, style, _empty, _height,
    _max_rows, _new_figure, _note, _title, _truncate_rows,
)


#: Characters per line of an objective's wrapped label in the verdict chart,
#: and its lines: three for up to :data:`WRAP_FEW` objectives (most aims
#: whole), else two.
WRAP_CHARS, WRAP_LINES, WRAP_FEW = 44, 3, 12
#: Objectives up to which the verdict chart draws one row per objective;
#: above it, one row per statement with the objectives as numbered dots.
VERDICT_ROWS = 30
#: Statements up to which the verdict chart draws one panel per statement.
VERDICT_PANELS = 6


def verdict_data(objectives: pd.DataFrame, assessments: pd.DataFrame,
                 documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per objective: short label, verdict, level on the scale, evidence.

    Objectives without an assessment row are ``not_assessed``.

    Returns
    -------
    pandas.DataFrame
        doc_id, document, objective_id, label, verdict, level (0 =
        achieved … 4 = not_assessed), score, confidence,
        evidence_sentence_ids, objective (full text).

    Examples
    --------
    >>> o = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2], "sentence_id": [0, 1],
    ...                   "text": ["We seek to keep peace.", "obtain raw materials"]})
    >>> a = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "verdict": ["slow"],
    ...                   "score": [0.5], "confidence": [0.7], "evidence_sentence_ids": ["9"]})
    >>> verdict_data(o, a)[["label", "verdict", "level"]].values.tolist()
    [['O1 keep peace', 'slow', 2], ['O2 obtain raw materials', 'not_assessed', 4]]
    """
    cols = ["doc_id", "document", "objective_id", "label", "verdict", "level", "score",
            "confidence", "evidence_sentence_ids", "objective"]
    if objectives is None or objectives.empty:
        return pd.DataFrame(columns=cols)
    keep = [c for c in ("doc_id", "objective_id", "verdict", "score", "confidence",
                        "evidence_sentence_ids") if c in assessments]
    d = objectives.merge(assessments[keep], on=["doc_id", "objective_id"], how="left")
    for c in ("verdict", "score", "confidence", "evidence_sentence_ids"):
        if c not in d:
            d[c] = pd.NA
    d["verdict"] = d["verdict"].fillna("not_assessed")
    unknown = sorted(set(d["verdict"]) - set(VERDICTS))
    if unknown:
        raise ValueError(f"verdict_data: verdicts {unknown} are not on the scale "
                         f"{', '.join(VERDICTS)}; check assessments.csv")
    lab = document_labels(documents)
    several = d["doc_id"].nunique() > 1
    d["document"] = d["doc_id"].map(lambda x: lab.get(x, x))
    d["label"] = [(f"{doc} · " if several else "") + f"O{int(i)} {short_label(t)}"
                  for doc, i, t in zip(d["document"], d["objective_id"], d["text"])]
    d["level"] = d["verdict"].map({v: i for i, v in enumerate(VERDICTS)}).astype("int64")
    d["objective"] = d["text"]
    order = {doc: i for i, doc in enumerate(document_order(documents,
                                                           sorted(set(d["doc_id"]), key=str)))}
    d = d.assign(_o=d["doc_id"].map(order)).sort_values(["_o", "objective_id"], kind="stable")
    return d[cols].reset_index(drop=True)


def _verdict_marker(verdict: str) -> dict:
    """Marker keywords of a verdict: filled and black-edged; "not assessed" hollow."""
    hollow = verdict == "not_assessed"
    return {"marker": VERDICT_MARKERS[verdict],
            "markerfacecolor": "white" if hollow else VERDICT_COLORS[verdict],
            "markeredgecolor": VERDICT_COLORS[verdict] if hollow else "black",
            "markeredgewidth": 1.0 if hollow else 0.5}


#: Least opacity of a verdict's fill (confidence 0); confidence 1 is opaque.
MIN_ALPHA = 0.2
#: x position of the "not assessed" column, set apart from the ordinal scale.
NA_X = len(VERDICTS) - 1 + 0.6


def _verdict_x(verdict: str) -> float:
    return NA_X if verdict == "not_assessed" else float(VERDICTS.index(verdict))


def _fill(verdict: str, confidence) -> tuple:
    """RGBA fill of a verdict's marker: opacity grows with the confidence."""
    if verdict == "not_assessed":
        return (1.0, 1.0, 1.0, 1.0)
    conf = float(confidence) if confidence is not None and pd.notna(confidence) else 1.0
    alpha = MIN_ALPHA + (1 - MIN_ALPHA) * min(max(conf, 0.0), 1.0)
    return matplotlib.colors.to_rgba(VERDICT_COLORS[verdict], alpha)


def _verdict_axis(ax, bottom: bool) -> None:
    """Verdict scale on the x axis, "not assessed" in a column of its own."""
    ax.set_xticks([_verdict_x(v) for v in VERDICTS],
                  [VERDICT_LABELS[v].replace(" ", "\n", 1) if v.startswith("not") else
                   VERDICT_LABELS[v] for v in VERDICTS] if bottom else [])
    ax.set_xlim(-0.4, NA_X + 0.5)
    ax.axvline((len(VERDICTS) - 2 + NA_X) / 2, color="#999999", linewidth=0.6)
    ax.grid(axis="x", color="#eeeeee", linewidth=0.8)
    ax.set_axisbelow(True)


def _objective_label(row, lines: int = WRAP_LINES) -> str:
    """"O3 encourage stability …" wrapped on at most ``lines`` lines."""
    text = row.get("objective") if isinstance(row.get("objective"), str) else None
    if text is None:
        return str(row["label"])
    body = short_label(text, WRAP_CHARS * lines)
    return "\n".join(textwrap.wrap(f"O{int(row['objective_id'])} {body}", WRAP_CHARS,
                                    max_lines=lines, placeholder=" …"))


def plot_verdicts(data: pd.DataFrame, documents: pd.DataFrame | None = None) -> Figure:
    """The evaluation's verdict on each stated objective; confidence as opacity.

    Up to :data:`VERDICT_ROWS` objectives of up to :data:`VERDICT_PANELS`
    statements: one row per objective (its
    number and aim, wrapped), one panel per statement, the dot on its
    verdict with the grader's confidence written beside it. More
    objectives: one row per statement and the objectives as numbered dots
    in the cell of their verdict (the key of the numbers is the ``label``
    and ``objective`` columns of the table). Either way "not assessed" has
    its own column, apart from the ordinal scale, and a dot's fill is the
    more opaque the more confident the verdict.

    Parameters
    ----------
    data : pandas.DataFrame
        From :func:`verdict_data`.
    documents : pandas.DataFrame, optional
        For the order of the statements (by date); default the table's order.

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["O1 keep peace", "O2 trade"], "verdict": ["slow", "achieved"],
    ...                   "level": [2, 0], "confidence": [0.7, None]})
    >>> type(plot_verdicts(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Assessed progress of each objective", "no objectives found")
    d = data.copy()
    if "doc_id" not in d:
        d["doc_id"] = ""
    if "document" not in d:
        d["document"] = d["doc_id"]
    if "objective_id" not in d:
        d["objective_id"] = d.groupby("doc_id").cumcount() + 1
    if "confidence" not in d:
        d["confidence"] = np.nan
    docs = document_order(documents, list(dict.fromkeys(d["doc_id"])))
    has_conf = d["confidence"].notna().any()
    as_rows = len(d) <= VERDICT_ROWS and len(docs) <= VERDICT_PANELS
    fig, drawn = _verdict_rows(d, docs) if as_rows else _verdict_matrix(d, docs)
    notes = []
    if has_conf:
        notes.append("Fill: confidence of the verdict (pale = low, solid = high)"
                     + ("; number beside each dot: the confidence (0–1)." if as_rows else "."))
    if not as_rows:
        notes.append("Numbers: objectives (O1, O2 … of each statement; texts in the CSV).")
    left_out = len(docs) - len(drawn)
    if left_out > 0:
        notes.append(f"{left_out} more statements in the CSV.")
    with style():
        if notes:
            _note(fig, " ".join(notes))
    return fig


def _verdict_rows(d: pd.DataFrame, docs: list) -> tuple:
    """One row per objective, one panel per statement: (figure, statements drawn)."""
    several = len(docs) > 1
    groups = [d[d["doc_id"] == doc].sort_values("objective_id", kind="stable") for doc in docs]
    lines = WRAP_LINES if len(d) <= WRAP_FEW else 2
    labels = [[_objective_label(r, lines) for r in g.to_dict("records")] for g in groups]
    n_lines = [sum(lab.count("\n") + 1 for lab in ls) for ls in labels]
    heights = [max(len(g), 1) * 0.12 + 0.14 * n + (0.25 if several else 0)
               for g, n in zip(groups, n_lines)]
    with style():
        fig, axes = _new_figure(height=min(MAX_HEIGHT, 1.5 + sum(heights)), nrows=len(docs),
                                sharex=True, gridspec_kw={"height_ratios": heights})
        for k, (ax, g, labs) in enumerate(zip(axes[:, 0], groups, labels)):
            y = np.arange(len(g))
            x = np.array([_verdict_x(v) for v in g["verdict"]])
            assessed = (g["verdict"] != "not_assessed").to_numpy()
            ax.hlines(y[assessed], -0.4, x[assessed], color="#cccccc", linewidth=0.8, zorder=1)
            for yy, xx, v, conf in zip(y, x, g["verdict"], g["confidence"]):
                mk = _verdict_marker(v)
                mk["markerfacecolor"] = _fill(v, conf)
                ax.plot([xx], [yy], linestyle="none", markersize=7, zorder=3, **mk)
                if pd.notna(conf):
                    ax.text(xx + 0.17, yy, f"{float(conf):.2f}", va="center", ha="left",
                            fontsize=6, color="#555555")
            _verdict_axis(ax, bottom=k == len(docs) - 1)
            ax.set_yticks(y, labs)
            ax.set_ylim(len(g) - 0.5, -0.5)
            if several:
                ax.set_title(str(g["document"].iloc[0]), loc="left", fontsize=8)
        axes[-1, 0].set_xlabel("verdict of the evaluation section (best first)")
        fig.supylabel("stated objective (section a)", fontsize=8)
        _title(fig, "Stated objectives against the evaluation's verdict")
    return fig, docs


#: Size in points of an objective's numbered dot in the many-statement chart.
MATRIX_MARKER = 8.0
#: Inches of the many-statement verdict chart left of and right of its axes
#: (statement labels, margins): what the dots' spacing is computed from.
MATRIX_MARGINS = 2.3
#: Marker shapes of that chart: the verdict's own, but a hexagon for "not
#: achieved" (the number does not show on a cross).
MATRIX_MARKERS = {**VERDICT_MARKERS, "not_achieved": "h"}


def _verdict_matrix(d: pd.DataFrame, docs: list) -> tuple:
    """One row per statement, objectives as numbered dots: (figure, statements drawn)."""
    span = NA_X + 0.9  # data units across the axes (see _verdict_axis)
    slot = (MATRIX_MARKER + 1) / 72 / ((FULL_WIDTH - MATRIX_MARGINS) / span)
    per_line = max(1, int(0.92 / slot))  # dots side by side in one verdict's cell
    lines = int(np.ceil(d.groupby(["doc_id", "verdict"]).size().max() / per_line))
    row = 0.08 + (MATRIX_MARKER + 1.5) / 72 * lines  # inches a statement
    docs, _ = _truncate_rows(docs, max(1, int((MAX_HEIGHT - 1.5) / row)))
    with style():
        fig, axes = _new_figure(height=_height(len(docs), base=1.5, per=row))
        ax = axes[0, 0]
        dy = (MATRIX_MARKER + 1.5) / 72 / row  # one line of dots, in rows
        for yy, doc in enumerate(docs):
            g = d[d["doc_id"] == doc].sort_values("objective_id", kind="stable")
            for v, gv in g.groupby("verdict", sort=False):
                n_lines = int(np.ceil(len(gv) / per_line))
                for j, r in enumerate(gv.itertuples()):
                    line, pos = divmod(j, per_line)
                    in_line = min(per_line, len(gv) - line * per_line)
                    x = _verdict_x(v) + slot * (pos - (in_line - 1) / 2)
                    y = yy + dy * (line - (n_lines - 1) / 2)
                    mk = _verdict_marker(v)
                    mk["markerfacecolor"] = _fill(v, r.confidence)
                    mk["marker"] = MATRIX_MARKERS[v]
                    ax.plot([x], [y], linestyle="none", markersize=MATRIX_MARKER, zorder=3, **mk)
                    ax.text(x, y, str(int(r.objective_id)), ha="center", va="center",
                            fontsize=5, zorder=4)
        _verdict_axis(ax, bottom=True)
        lab = d.drop_duplicates("doc_id").set_index("doc_id")["document"]
        ax.set_yticks(np.arange(len(docs)), [str(lab.get(doc, doc)) for doc in docs])
        ax.set_ylim(len(docs) - 0.5, -0.5)
        for k in range(1, len(docs)):
            ax.axhline(k - 0.5, color="#eeeeee", linewidth=0.6, zorder=0)
        ax.set_xlabel("verdict of the evaluation section (best first)")
        ax.set_ylabel("statement (date order)")
        _title(fig, "Stated objectives against the evaluation's verdict, by statement")
    return fig, docs


def alignment_matrix(alignment: pd.DataFrame, objectives: pd.DataFrame,
                     sentences: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """Objective × evaluation-sentence scores of one document (complete grid).

    ``score`` is the probability that a coder cites the sentence for the
    objective; ``evidence`` whether the package keeps it as evidence. Pairs
    absent from ``alignment`` get an empty score.

    Returns
    -------
    pandas.DataFrame
        doc_id, objective_id, label, sentence_id, score, evidence.

    Examples
    --------
    >>> al = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "sentence_id": [3],
    ...                    "score": [0.4]})
    >>> ob = pd.DataFrame({"doc_id": ["d"], "objective_id": [1], "text": ["keep peace"]})
    >>> se = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": [3, 4],
    ...                    "section": ["evaluation", "evaluation"]})
    >>> alignment_matrix(al, ob, se, "d")["score"].tolist()
    [0.4, nan]
    """
    cols = ["doc_id", "objective_id", "label", "sentence_id", "score", "evidence"]
    ob = objectives[objectives["doc_id"] == doc_id]
    ev = sentences[(sentences["doc_id"] == doc_id) & (sentences["section"] == "evaluation")]
    sids = sorted(set(ev["sentence_id"].astype(int)))
    al = alignment[alignment["doc_id"] == doc_id] if alignment is not None else None
    if al is not None and len(al):
        sids = sorted(set(sids) | set(al["sentence_id"].astype(int)))
    if ob.empty or not sids:
        return pd.DataFrame(columns=cols)
    grid = pd.MultiIndex.from_product([sorted(ob["objective_id"].astype(int)), sids],
                                      names=["objective_id", "sentence_id"]).to_frame(index=False)
    if al is not None and len(al):
        al = al.astype({"objective_id": int, "sentence_id": int})
        a = al.groupby(["objective_id", "sentence_id"], as_index=False)["score"].max()
        if "evidence" in al:
            ev_flag = al["evidence"].astype(str).str.lower().isin(["true", "1"])
            a = a.merge(al.assign(evidence=ev_flag).groupby(["objective_id", "sentence_id"], as_index=False)
                        ["evidence"].max(), on=["objective_id", "sentence_id"])
        grid = grid.merge(a, on=["objective_id", "sentence_id"], how="left")
    else:
        grid["score"] = np.nan
    if "evidence" not in grid:
        grid["evidence"] = False
    grid["evidence"] = grid["evidence"].fillna(False).astype(bool)
    labels = {int(i): f"O{int(i)} {short_label(t, 36)}" for i, t in zip(ob["objective_id"], ob["text"])}
    grid.insert(0, "doc_id", doc_id)
    grid.insert(2, "label", grid["objective_id"].map(labels))
    return grid[cols]


def plot_alignment(data: pd.DataFrame, title_doc: str = "") -> Figure:
    """Heat map of objective × evaluation-sentence alignment scores.

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": "d", "objective_id": [1, 1], "label": ["O1 peace"] * 2,
    ...                   "sentence_id": [3, 4], "score": [0.4, None]})
    >>> type(plot_alignment(d)).__name__
    'Figure'
    """
    import seaborn as sns  # deferred: heavy, seaborn loads pyplot and scipy; only for this heatmap

    if data.empty:
        return _empty("Objective × evaluation-sentence alignment",
                      "no objectives or no evaluation section")
    mat = data.pivot(index="label", columns="sentence_id", values="score")
    order = list(dict.fromkeys(data.sort_values("objective_id")["label"]))
    mat = mat.reindex(index=order)
    vmax = float(np.nanmax(mat.to_numpy())) if mat.notna().any().any() else 1.0
    with style():
        fig, axes = _new_figure(width=min(FULL_WIDTH + 1.5, max(4.8, 3.2 + 0.2 * mat.shape[1])),
                                height=1.5 + 0.3 * mat.shape[0])
        ax = axes[0, 0]
        ax.patch.set_facecolor("white")
        ax.patch.set_hatch("////")
        ax.patch.set_edgecolor("#c8c8c8")
        sns.heatmap(mat, ax=ax, cmap=HEATMAP_CMAP, vmin=0, vmax=max(vmax, 1e-9),
                    linewidths=0.5, linecolor="white",
                    cbar_kws={"label": "probability a coder cites it", "shrink": 0.9})
        if "evidence" in data:
            rows = {lab: k for k, lab in enumerate(mat.index)}
            cols_ = {c: k for k, c in enumerate(mat.columns)}
            for r in data[data["evidence"].astype(bool)].itertuples():
                ax.add_patch(Rectangle((cols_[r.sentence_id], rows[r.label]), 1, 1, fill=False,
                                       edgecolor=OKABE_ITO[3], linewidth=1.4))
        # every k-th sentence labelled when the columns are narrower than a label
        # (a vertical 7.5 pt label needs about 0.12 in; the colour bar and the
        # objective labels take about 3.2 in of the width)
        cell = (fig.get_figwidth() - 3.2) / max(mat.shape[1], 1)
        every = max(1, int(np.ceil(0.12 / max(cell, 1e-9))))
        ticks = np.arange(0, mat.shape[1], every)
        ax.set_xticks(ticks + 0.5, [str(mat.columns[i]) for i in ticks], rotation=90)
        ax.set_yticks(np.arange(mat.shape[0]) + 0.5, mat.index, rotation=0)
        ax.set_xlabel("evaluation sentence (sentence_id)")
        _note(fig, "Outlined: kept as evidence; hatched: not scored.")
        ax.set_ylabel("stated objective")
        ax.tick_params(length=0)
        _title(fig, "Which evaluation sentences speak to which objective"
                     + (f" — {title_doc}" if title_doc else ""))
    return fig


#: Columns of :func:`progress_data`.
PROGRESS_COLUMNS = ["doc_id", "document", "country", "date", "verdict", "n", "share",
                    "share_assessed", "n_assessed", "n_objectives"]
#: The ordinal verdicts (best first); "not assessed" is not a degree of progress.
ORDINAL_VERDICTS = tuple(v for v in VERDICTS if v != "not_assessed")


def progress_data(verdicts: pd.DataFrame, documents: pd.DataFrame | None,
                  seed: int | None = None) -> pd.DataFrame:
    """How many objectives of each statement got each verdict: counts and shares.

    A statement states two to eight objectives; a mean of their ordinal
    verdict codes with a "95% interval" would pretend to an inference that
    so few ordinal values cannot carry. This is the distribution itself:
    one row per (statement, verdict), every verdict present (zero counts
    included), ``not_assessed`` kept apart from the ordinal scale.

    Parameters
    ----------
    verdicts : pandas.DataFrame
        From :func:`verdict_data` (doc_id, objective_id, verdict).
    documents : pandas.DataFrame or None
        The ``documents`` table (for labels, dates and the order).
    seed : int, optional
        Unused: nothing is resampled. Accepted so that calls written for the
        former bootstrap version (``progress_data(verdicts, documents, seed)``)
        keep working.

    Returns
    -------
    pandas.DataFrame
        :data:`PROGRESS_COLUMNS`: doc_id, document (country and year),
        country, date, verdict, n (objectives with that verdict), share
        (``n`` / all objectives of the statement), share_assessed (``n`` /
        assessed objectives; empty for ``not_assessed`` and when none is
        assessed), n_assessed, n_objectives. Statements in date order
        (:func:`document_order`), verdicts best first, ``not_assessed`` last.

    Examples
    --------
    >>> v = pd.DataFrame({"doc_id": ["d", "d", "d"], "objective_id": [1, 2, 3],
    ...                   "verdict": ["achieved", "slow", "not_assessed"]})
    >>> docs = pd.DataFrame({"doc_id": ["d"], "country": ["PE"], "date": ["1951-01-01"]})
    >>> p = progress_data(v, docs)
    >>> p[["verdict", "n", "share_assessed"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['achieved', 1, 0.5], ['partial', 0, 0.0], ['slow', 1, 0.5],
     ['not_achieved', 0, 0.0], ['not_assessed', 1, nan]]
    >>> p["document"].iloc[0], int(p["n_objectives"].iloc[0])
    ('Peru 1951', 3)
    """
    if verdicts is None or verdicts.empty:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)
    unknown = sorted(set(verdicts["verdict"].dropna()) - set(VERDICTS))
    if unknown:
        raise ValueError(f"progress_data: verdicts {unknown} are not on the scale "
                         f"{', '.join(VERDICTS)}; build the table with verdict_data")
    lab = document_labels(documents)
    meta = ({} if documents is None else
            documents.drop_duplicates("doc_id").set_index("doc_id").to_dict("index"))
    counts = (verdicts.assign(verdict=verdicts["verdict"].fillna("not_assessed"))
              .groupby(["doc_id", "verdict"]).size())
    rows = []
    for doc in document_order(documents, list(dict.fromkeys(verdicts["doc_id"]))):
        n = {v: int(counts.get((doc, v), 0)) for v in VERDICTS}
        total = sum(n.values())
        assessed = total - n["not_assessed"]
        m = meta.get(doc, {})
        for v in VERDICTS:
            rows.append({"doc_id": doc, "document": lab.get(doc, doc),
                         "country": m.get("country", "") if pd.notna(m.get("country")) else "",
                         "date": m.get("date", "") if pd.notna(m.get("date")) else "",
                         "verdict": v, "n": n[v], "share": n[v] / total,
                         "share_assessed": (n[v] / assessed if assessed and v != "not_assessed"
                                            else np.nan),
                         "n_assessed": assessed, "n_objectives": total})
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)


def plot_progress(data: pd.DataFrame) -> Figure:
    """Verdicts per statement: stacked shares of the assessed objectives, "not assessed" apart.

    One row per statement (country and year, in date order). The left panel
    divides the statement's *assessed* objectives by verdict, best first,
    each segment labelled with its count; the right panel gives the
    objectives the evaluation does not assess, as a count of all. No mean
    and no interval: a handful of ordinal codes per statement does not
    support one.

    Parameters
    ----------
    data : pandas.DataFrame
        From :func:`progress_data`.

    Examples
    --------
    >>> v = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2],
    ...                   "verdict": ["achieved", "not_assessed"]})
    >>> type(plot_progress(progress_data(v, None))).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Verdicts across statements", "no assessments")
    docs, left_out = _truncate_rows(list(dict.fromkeys(data["doc_id"])), _max_rows(1.6))
    d = data.set_index(["doc_id", "verdict"])
    with style():
        fig, axes = _new_figure(height=_height(len(docs), base=2.0, per=0.26), ncols=2,
                                sharey=True, gridspec_kw={"width_ratios": [4, 1.2]})
        ax, ax_na = axes[0]
        y = np.arange(len(docs))
        left = np.zeros(len(docs))
        for v in ORDINAL_VERDICTS:
            share = np.array([d.loc[(doc, v), "share_assessed"] for doc in docs], dtype=float)
            share = np.nan_to_num(share)
            n = np.array([d.loc[(doc, v), "n"] for doc in docs], dtype=int)
            ax.barh(y, share, left=left, height=0.7, color=VERDICT_COLORS[v],
                    edgecolor="white", linewidth=0.6, label=VERDICT_LABELS[v])
            for yy, x0, w, k in zip(y, left, share, n):
                if k and w >= 0.06:  # a count fits in a segment of 6% of the axis or more
                    ax.text(x0 + w / 2, yy, str(k), ha="center", va="center", fontsize=6.5,
                            color="black")
            left += share
        na = np.array([d.loc[(doc, "not_assessed"), "n"] for doc in docs], dtype=int)
        tot = np.array([d.loc[(doc, "not_assessed"), "n_objectives"] for doc in docs], dtype=int)
        ax_na.barh(y, na, height=0.7, color="white", edgecolor=VERDICT_COLORS["not_assessed"],
                   hatch="////", linewidth=0.8)
        for yy, k, t in zip(y, na, tot):
            ax_na.text(k, yy, f" {k} of {t}", ha="left", va="center", fontsize=6.5)
        ax_na.set_xlim(0, max(int(tot.max()), 1) * 1.7)
        ax_na.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=3))
        ax_na.set_xlabel("not assessed\n(objectives of all)")
        ax_na.tick_params(axis="y", length=0)
        ax.set_xlim(0, 1)
        ax.set_yticks(y, [d.loc[(doc, VERDICTS[0]), "document"] for doc in docs])
        ax.set_ylim(len(docs) - 0.5, -0.5)
        ax.set_xlabel("share of the assessed objectives\n(count in each segment)")
        ax.set_ylabel("statement")
        # an axes legend above the bars: the layout makes room for it (a figure
        # legend at the top or bottom edge would sit on the title or the caption)
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0),
                  ncols=len(ORDINAL_VERDICTS), borderaxespad=0.2)
        _title(fig, "Verdicts of the evaluation on the stated objectives, by statement "
                    "(date order)")
        note = ("Counts of the grader's verdicts, not estimates: no mean or interval is drawn "
                "for a handful of ordinal verdicts per statement.")
        if left_out:
            note += f" {left_out} more statement{'s' if left_out != 1 else ''} in the CSV."
        _note(fig, note)
    return fig


def legend_verdicts() -> list:
    """Legend handles of the verdict scale (for custom figures).

    Examples
    --------
    >>> len(legend_verdicts())
    5
    """
    return [Line2D([], [], linestyle="none", label=VERDICT_LABELS[v], **_verdict_marker(v))
            for v in VERDICTS]
