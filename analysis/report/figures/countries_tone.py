"""Figures of notebook 03 (countries and tone): countries mentioned, tone by section and by country."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ... import config
from ...measures.stats import SMALL_GROUP
from .shared import (
    FULL_WIDTH, HEATMAP_CMAP, MARKERS, OKABE_ITO, ROW_HEIGHT, SCORE_LABELS, document_labels,
    document_order, style, _clip, _empty, _height, _max_rows, _new_figure, _note, _resampled_note,
    _section_order, _sort_sections, _title, _truncate_rows,
)


#: Countries drawn as columns of a heat map; the others are pooled as one
#: "other" column.
TOP_COUNTRIES = 20
#: Rows of the tone-by-country chart: the groups with the most mentions; the
#: others are pooled as one "other" row.
TOP_TONE_ROWS = 25
#: What the bootstrap of each tone table resamples, for tables without a
#: ``resampled`` column: both resample whole paragraphs, ``section_sentiment``
#: those of a (document, section) (:func:`analysis.measures.sentiment.section_sentiment`),
#: ``country_sentiment`` those naming the country
#: (:func:`analysis.measures.stance.country_stance`).
TONE_RESAMPLED = {"section": "paragraphs", "country": "paragraphs"}


def country_matrix(mentions: pd.DataFrame, sentences: pd.DataFrame, by: str = "section",
                   top: int = TOP_COUNTRIES, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences mentioning each country, per section or per document (tidy).

    Parameters
    ----------
    mentions : pandas.DataFrame
        The ``mentions`` table (doc_id, sentence_id, iso2, country).
    sentences : pandas.DataFrame
        The ``sentences`` table (for the section of each sentence).
    by : {"section", "document"}
        Rows of the heat map.
    top : int, default TOP_COUNTRIES
        Keep the ``top`` countries by number of sentences (ties by name);
        the others are pooled as one column, iso2 ``""`` and country
        ``"other (k countries)"``: the sentences that mention any of them
        (a sentence naming two of them counts once).
    documents : pandas.DataFrame, optional
        For document labels and their date order when ``by="document"``.

    Returns
    -------
    pandas.DataFrame
        row, iso2, country, n_sentences (sentences mentioning the country;
        zero rows included so the grid is complete).

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": [0, 0], "iso2": ["PE", "PE"],
    ...                   "country": ["Peru", "Peru"]})
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "sentence_id": [0, 1],
    ...                   "section": ["objectives", "policies"]})
    >>> country_matrix(m, s)[["row", "iso2", "n_sentences"]].values.tolist()
    [['objectives', 'PE', 1], ['policies', 'PE', 0]]
    >>> m2 = pd.concat([m, m.assign(iso2="CL", country="Chile")])
    >>> country_matrix(m2, s, top=1)[["row", "country", "n_sentences"]].values.tolist()
    [['objectives', 'Chile', 1], ['objectives', 'other (1 country)', 1], ['policies', 'Chile', 0], ['policies', 'other (1 country)', 0]]
    """
    if by not in ("section", "document"):
        raise ValueError(f"country_matrix: by={by!r} must be 'section' or 'document'")
    cols = ["row", "iso2", "country", "n_sentences"]
    if mentions is None or mentions.empty:
        return pd.DataFrame(columns=cols)
    m = mentions[["doc_id", "sentence_id", "iso2", "country"]].drop_duplicates(
        ["doc_id", "sentence_id", "iso2"])
    m = m.merge(sentences[["doc_id", "sentence_id", "section"]], on=["doc_id", "sentence_id"],
                how="left")
    if by == "section":
        m["row"] = m["section"].fillna("other")
        rows = _section_order(sentences["section"].unique())
    else:
        lab = document_labels(documents)
        m["row"] = m["doc_id"].map(lambda d: lab.get(d, d))
        rows = [lab.get(d, d) for d in document_order(documents,
                                                      list(dict.fromkeys(sentences["doc_id"])))]
    names = m.groupby("iso2")["country"].first()
    totals = m.groupby("iso2").size().rename("t").reset_index()
    totals["name"] = totals["iso2"].map(names)
    totals = totals.sort_values(["t", "name"], ascending=[False, True], kind="stable").head(top)
    keep = totals["iso2"].tolist()
    rest = sorted(set(m["iso2"]) - set(keep))
    if rest:  # one column for the rest: sentences naming any of them, once each
        names = pd.concat([names, pd.Series({"": f"other ({len(rest)} countr"
                                                 f"{'ies' if len(rest) != 1 else 'y'})"})])
        m = pd.concat([m[m["iso2"].isin(keep)],
                       m[~m["iso2"].isin(keep)].assign(iso2="").drop_duplicates(
                           ["doc_id", "sentence_id"])])
        keep = keep + [""]
    counts = m.groupby(["row", "iso2"]).size()
    grid = pd.MultiIndex.from_product([rows, keep], names=["row", "iso2"])
    out = counts.reindex(grid, fill_value=0).rename("n_sentences").reset_index()
    out.insert(2, "country", out["iso2"].map(names))
    return out[cols].astype({"n_sentences": "int64"})


def plot_country_heatmap(data: pd.DataFrame, by: str = "section") -> Figure:
    """Heat map of sentences mentioning each country (rows: sections or documents).

    Examples
    --------
    >>> d = pd.DataFrame({"row": ["objectives", "policies"], "iso2": ["PE", "PE"],
    ...                   "country": ["Peru", "Peru"], "n_sentences": [1, 0]})
    >>> type(plot_country_heatmap(d)).__name__
    'Figure'
    """
    import seaborn as sns  # deferred: heavy, seaborn loads pyplot and scipy; only for this heatmap

    if data.empty:
        return _empty("Countries mentioned", "no country mentions found")
    rows, left_out = _truncate_rows(list(dict.fromkeys(data["row"])), _max_rows(2.6))
    cols = list(dict.fromkeys(data["iso2"]))
    names = data.drop_duplicates("iso2").set_index("iso2")["country"]
    mat = (data.pivot(index="row", columns="iso2", values="n_sentences")
           .reindex(index=rows, columns=cols).fillna(0).astype(int))
    annot = mat.map(lambda v: str(v) if v else "")
    with style():
        width = min(FULL_WIDTH + 1.5, 2.4 + 0.3 * len(cols))
        fig, axes = _new_figure(width=max(width, 4.8),
                                height=_height(max(len(rows), 2), base=2.6, per=0.24))
        ax = axes[0, 0]
        sns.heatmap(mat, ax=ax, cmap=HEATMAP_CMAP, annot=annot, fmt="", linewidths=0.5,
                    linecolor="white", annot_kws={"fontsize": 6.5}, vmin=0,
                    cbar_kws={"label": "sentences (count)", "shrink": 0.9})
        # vertical names: their boxes never overlap however many columns
        ax.set_xticks(np.arange(len(cols)) + 0.5, [names.get(c, c) for c in cols], rotation=90)
        ax.set_yticks(np.arange(len(rows)) + 0.5, rows, rotation=0)
        ax.set_xlabel("country mentioned")
        ax.set_ylabel(by)
        ax.tick_params(length=0)
        _title(fig, f"Countries mentioned in each {by}: number of sentences")
        notes = ["Countries under ISO 3166 codes, historical states under their own."]
        if left_out:
            notes.append(f"{left_out} more {by}s in the CSV.")
        _note(fig, " ".join(notes))
    return fig


#: Columns of :func:`tone_intervals`.
TONE_COLUMNS = ["doc_id", "document", "group", "score", "mean", "ci_low", "ci_high",
                "n_sentences", "n", "small", "pooled", "resampled", "label"]


def tone_intervals(table: pd.DataFrame, by: str, documents: pd.DataFrame | None = None,
                   scores=None, top: int | None = TOP_TONE_ROWS) -> pd.DataFrame:
    """Long table of mean tone with intervals from a ``*_sentiment`` table.

    Parameters
    ----------
    table : pandas.DataFrame
        ``section_sentiment`` or ``country_sentiment``: doc_id, the group
        column, n_sentences (and n_mentions), ``<score>_mean``,
        ``<score>_low``, ``<score>_high``, small; optional ``resampled``.
    by : {"section", "country"}
        The group column.
    documents : pandas.DataFrame, optional
        For document labels and their date order.
    scores : tuple of str, optional
        Score prefixes to keep (default: those of :data:`SCORE_LABELS` the
        table has — ``stance`` for ``country_sentiment``).
    top : int or None, default TOP_TONE_ROWS
        For ``by="country"``: keep the ``top`` (document, country) groups
        with the most mentions and pool the rest as one row per score,
        group ``"other"``, ``pooled`` True: its mean is the mean of the
        pooled groups weighted by their n, with no interval (the groups'
        sentences overlap, so no bootstrap of them can be rebuilt here).
        None keeps every group.

    Returns
    -------
    pandas.DataFrame
        :data:`TONE_COLUMNS`: doc_id, document, group, score, mean, ci_low,
        ci_high, n_sentences, n (what ``small`` counts: mentions for
        countries, sentences for sections), small (under
        :data:`~analysis.measures.stats.SMALL_GROUP`: drawn without an
        interval), pooled, resampled (what the interval resamples: the
        table's ``resampled`` column, else :data:`TONE_RESAMPLED`), label
        (what the y axis shows). Documents in date order.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["d"], "section": ["policies"], "n_sentences": [9],
    ...     "compound_mean": [0.2], "compound_low": [0.1], "compound_high": [0.3],
    ...     "register_mean": [0.0], "register_low": [-0.1], "register_high": [0.1],
    ...     "small": [False]})
    >>> tone_intervals(t, "section")[["score", "mean", "resampled", "label"]].values.tolist()
    [['compound', 0.2, 'paragraphs', 'policies (n = 9)'], ['register', 0.0, 'paragraphs', 'policies (n = 9)']]
    >>> c = pd.DataFrame({"doc_id": "d", "iso2": ["CL", "BO", "AR"], "country": ["Chile", "Bolivia",
    ...     "Argentina"], "n_sentences": [6, 1, 2], "n_mentions": [7, 1, 2],
    ...     "register_mean": [0.2, -1.0, 0.5], "register_low": [0.1, None, None],
    ...     "register_high": [0.3, None, None], "small": [False, True, True]})
    >>> r = tone_intervals(c, "country", scores=("register",), top=1)
    >>> r[["group", "mean", "n", "pooled", "label"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Chile', 0.2, 7, False, 'Chile (n = 7)'],
     ['other', 0.0, 3, True, 'other: 2 countries (n = 3)']]
    """
    if by not in TONE_RESAMPLED:
        raise ValueError(f"tone_intervals: by={by!r} must be 'section' or 'country'")
    if table is None or table.empty:
        return pd.DataFrame(columns=TONE_COLUMNS)
    if scores is None:
        scores = tuple(sc for sc in SCORE_LABELS if f"{sc}_mean" in table.columns)
    lab = document_labels(documents)
    order = {d: i for i, d in enumerate(document_order(documents,
                                                       list(dict.fromkeys(table["doc_id"]))))}
    several = table["doc_id"].nunique() > 1
    n_col = "n_mentions" if by == "country" and "n_mentions" in table else "n_sentences"
    recs = table.to_dict("records")
    if by == "country" and top is not None and len(recs) > top:
        ranked = sorted(range(len(recs)), key=lambda i: (-int(recs[i].get(n_col, 0)),
                                                         order[recs[i]["doc_id"]], i))
        kept, rest = sorted(ranked[:top]), [recs[i] for i in ranked[top:]]
        recs = [recs[i] for i in kept]
    else:
        rest = []
    rows = []
    for r in recs:
        group = r.get(by) if by != "country" else (r.get("country") or r.get("iso2"))
        doc = lab.get(r["doc_id"], r["doc_id"])
        n = int(r.get(n_col, 0))
        label = (f"{_clip(group)} (n = {n})" if not several
                 else f"{_clip(doc)} · {_clip(group)} (n = {n})")
        for sc in scores:
            if f"{sc}_mean" not in r:
                continue
            rows.append({"doc_id": r["doc_id"], "document": doc, "group": group, "score": sc,
                         "mean": r[f"{sc}_mean"], "ci_low": r.get(f"{sc}_low"),
                         "ci_high": r.get(f"{sc}_high"),
                         "n_sentences": int(r.get("n_sentences", 0)), "n": n,
                         "small": str(r.get("small", False)).lower() in ("true", "1"),
                         "pooled": False,
                         "resampled": r.get("resampled") or TONE_RESAMPLED[by],
                         "label": label})
    if rest:
        n = sum(int(r.get(n_col, 0)) for r in rest)
        label = f"other: {len(rest)} {'countries' if not several else 'groups'} (n = {n})"
        for sc in scores:
            if f"{sc}_mean" not in rest[0]:
                continue
            w_col = "n_mentions" if sc == "stance" and "n_mentions" in rest[0] else "n_sentences"
            vals = np.array([r[f"{sc}_mean"] for r in rest], dtype=float)
            w = np.array([r.get(w_col, 0) for r in rest], dtype=float)
            ok = ~np.isnan(vals) & (w > 0)
            mean = float(np.average(vals[ok], weights=w[ok])) if ok.any() else np.nan
            rows.append({"doc_id": "", "document": "", "group": "other", "score": sc,
                         "mean": mean, "ci_low": np.nan, "ci_high": np.nan,
                         "n_sentences": int(sum(r.get("n_sentences", 0) for r in rest)), "n": n,
                         "small": False, "pooled": True, "resampled": "",
                         "label": label})
    out = pd.DataFrame(rows, columns=TONE_COLUMNS)
    out = out.assign(_d=out["doc_id"].map(order).fillna(len(order)))
    if by == "section":
        out = _sort_sections(out, "group", before=["_d"], after=["score"])
    else:
        out = out.sort_values(["pooled", "_d"], kind="stable")
    return out.drop(columns="_d").reset_index(drop=True)


def plot_tone(data: pd.DataFrame, by: str = "section", sort_by: str | None = None,
              agreement: str = "") -> Figure:
    """Dot-and-interval chart of mean tone per group, one panel per score.

    Each row is labelled with its group and its n; groups flagged ``small``
    (fewer than :data:`~analysis.measures.stats.SMALL_GROUP`) get an open
    marker and no interval, a pooled "other" row a grey diamond and no
    interval. With several documents and ``by="section"`` the rows are the
    documents and the sections are dodged series. The caption says what
    the intervals resample (column ``resampled``).

    Parameters
    ----------
    data : pandas.DataFrame
        From :func:`tone_intervals`.
    by : str
        Group name for the axis label ("section" or "country").
    sort_by : str, optional
        Order rows by the mean of this score (default: table order for
        sections, ``"register"`` for countries).

    Examples
    --------
    >>> d = pd.DataFrame({"group": ["policies"] * 2, "score": ["compound", "register"],
    ...     "mean": [0.2, 0.0], "ci_low": [0.1, -0.1], "ci_high": [0.3, 0.1],
    ...     "n_sentences": [9, 9], "small": [False, False], "label": ["policies (n = 9)"] * 2})
    >>> type(plot_tone(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty(f"Tone by {by}", f"no tone table by {by}")
    d = data.copy()
    for c, default in (("pooled", False), ("resampled", ""), ("document", ""), ("doc_id", "")):
        if c not in d:
            d[c] = default
    d["small"] = d["small"].astype(str).str.lower().isin(["true", "1"])
    d["pooled"] = d["pooled"].astype(str).str.lower().isin(["true", "1"])
    scores = list(dict.fromkeys(d["score"]))
    dodge = by == "section" and d["doc_id"].nunique() > 1
    if dodge:
        d["row"] = d["document"].where(d["document"] != "", d["doc_id"])
        series = _section_order(d["group"])
    else:
        d["row"] = d["label"]
        series = [None]
    rows = list(dict.fromkeys(d["row"]))
    sort_by = sort_by or (("stance" if "stance" in scores else "register") if by == "country" else None)
    if sort_by in scores and not dodge:
        m = d[d["score"] == sort_by].set_index("row")["mean"]
        pooled = set(d.loc[d["pooled"], "row"])
        rows = sorted(rows, key=lambda r: (r in pooled, -m.get(r, 0.0), r))
    rows, left_out = _truncate_rows(rows, _max_rows(1.6))
    ypos = {r: i for i, r in enumerate(rows)}
    d = d[d["row"].isin(ypos)]
    step = 0.8 / len(series)
    with style():
        fig, axes = _new_figure(height=_height(len(rows), base=1.6,
                                               per=ROW_HEIGHT if not dodge else 0.3),
                                ncols=len(scores), sharey=True)
        for j, (ax, sc) in enumerate(zip(axes[0], scores)):
            ax.axvline(0, color="#888888", linewidth=0.8, linestyle="--", zorder=0)
            for k, g in enumerate(series):
                dd = d[(d["score"] == sc) & ((d["group"] == g) if dodge else True)]
                y = dd["row"].map(ypos).to_numpy(dtype=float)
                if dodge:
                    y = y - 0.4 + step * (k + 0.5)
                color = OKABE_ITO[(k if dodge else j) % len(OKABE_ITO)]
                marker = MARKERS[(k if dodge else j) % len(MARKERS)]
                small, pooled = dd["small"].to_numpy(), dd["pooled"].to_numpy()
                full = ~small & ~pooled
                ax.hlines(y[full], dd["ci_low"].to_numpy(dtype=float)[full],
                          dd["ci_high"].to_numpy(dtype=float)[full], color=color, linewidth=1.2)
                mean = dd["mean"].to_numpy(dtype=float)
                ax.plot(mean[full], y[full], linestyle="none", marker=marker, color=color,
                        markersize=4.5, label=g if (dodge and j == 0) else None)
                ax.plot(mean[small], y[small], linestyle="none", marker=marker,
                        markerfacecolor="white", markeredgecolor=color, markersize=4.5)
                ax.plot(mean[pooled], y[pooled], linestyle="none", marker="D",
                        markerfacecolor="#bbbbbb", markeredgecolor="#555555", markersize=4)
            ax.set_xlim(-1.05, 1.05)
            ax.set_xlabel("mean (−1 to 1)" if len(scores) > 2 else "mean score (−1 to 1)")
            ax.set_title(SCORE_LABELS.get(sc, sc), loc="left")
        axes[0, 0].set_yticks(np.arange(len(rows)), rows)
        axes[0, 0].set_ylim(len(rows) - 0.5, -0.5)
        if dodge:
            for ax in axes[0]:
                for k in range(1, len(rows)):
                    ax.axhline(k - 0.5, color="#eeeeee", linewidth=0.6, zorder=0)
            fig.legend(*axes[0, 0].get_legend_handles_labels(), title="section", frameon=False,
                       loc="outside right center")
            axes[0, 0].set_ylabel("statement (focus country, year)")
        else:
            unit = "mentions" if by == "country" else "sentences"
            axes[0, 0].set_ylabel(f"{by} (n = {unit})")
        how = _resampled_note(d.loc[~d["pooled"], "resampled"])
        _title(fig, f"Tone by {by}: mean score with bootstrap 95% interval")
        notes = [f"Intervals: percentile bootstrap {how}." if how else
                 "Intervals: percentile bootstrap."]
        if d["small"].any():
            notes.append(f"Open markers: fewer than {SMALL_GROUP} "
                         f"{'mentions' if by == 'country' else 'sentences'}, no interval drawn.")
        if d["pooled"].any():
            notes.append("Grey diamond: the other groups pooled (mean weighted by n), no interval.")
        if dodge:
            notes.append("n per point in the CSV.")
        if left_out:
            notes.append(f"{left_out} more rows in the CSV.")
        if "stance" in scores:
            notes.append("Stance: of the clause naming the country; VADER and register: of the "
                         "whole sentences naming it.")
            notes.append(agreement or "Agreement of the stance score with hand coding: not measured "
                         "here; run `make validation`.")
        _note(fig, " ".join(notes))
    return fig


def stance_agreement_note(folder=None) -> str:
    """One caption sentence: how often mention stance agrees with the coders, out of sample.

    Reads ``stance_agreement.csv`` written by ``make validation`` (default
    ``build/validation``): the ``test`` split (volume mentions never fitted
    on), the ``test_statements`` split (mentions of synthetic statements never
    fitted on) and the ``lodo`` row (the coded statements, each scored with
    the parameters refitted on the others); "" when none is there.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> stance_agreement_note(d)
    ''
    >>> pd.DataFrame({"method": ["mention_stance", "all_neutral", "mention_stance", "all_neutral",
    ...                          "mention_stance", "all_neutral"],
    ...               "split": ["test", "test", "test_statements", "test_statements", "lodo", "all"],
    ...               "n": [195, 195, 224, 224, 192, 192],
    ...               "accuracy": [0.708, 0.677, 0.616, 0.621, 0.672, 0.547],
    ...               "kappa": [0.2, 0.0, 0.13, 0.0, 0.4, 0.0],
    ...               "accuracy_lo": [0.65, 0.62, 0.56, 0.56, 0.6, 0.47],
    ...               "accuracy_hi": [0.76, 0.73, 0.67, 0.68, 0.74, 0.63],
    ...               }).to_csv(d / "stance_agreement.csv", index=False)
    >>> print(stance_agreement_note(d))
    Stance agrees with two coders on 71% of 195 mentions from whole FRUS volumes never fitted on [65%, 76%], κ 0.20 (calling every mention neutral: 68%); on 62% of 224 mentions of synthetic policy statements never fitted on [56%, 67%], κ 0.13 (all neutral: 62%). On the coded statements, each scored with parameters fitted without it: 67% of 192, κ 0.40 (all neutral: 55%).
    """
    path = Path(folder if folder is not None else config.BUILD_DIR / "validation") / "stance_agreement.csv"
    if not path.is_file():
        return ""
    t = pd.read_csv(path).set_index(["method", "split"])

    def neutral(split, text):
        return (f" ({text}: {t.loc[('all_neutral', split), 'accuracy']:.0%})"
                if ("all_neutral", split) in t.index else "")

    parts = []
    if ("mention_stance", "test") in t.index:
        r = t.loc[("mention_stance", "test")]
        parts.append(f"Stance agrees with two coders on {r['accuracy']:.0%} of {int(r['n'])} mentions "
                     f"from whole FRUS volumes never fitted on [{r['accuracy_lo']:.0%}, "
                     f"{r['accuracy_hi']:.0%}], κ {r['kappa']:.2f}"
                     f"{neutral('test', 'calling every mention neutral')}.")
    if ("mention_stance", "test_statements") in t.index:
        r = t.loc[("mention_stance", "test_statements")]
        body = (f"{r['accuracy']:.0%} of {int(r['n'])} mentions of synthetic policy statements "
                f"never fitted on [{r['accuracy_lo']:.0%}, {r['accuracy_hi']:.0%}], "
                f"κ {r['kappa']:.2f}{neutral('test_statements', 'all neutral')}.")
        if parts:
            parts[-1] = parts[-1][:-1] + "; on " + body
        else:
            parts.append("Stance agrees with two coders on " + body)
    if ("mention_stance", "lodo") in t.index:
        r = t.loc[("mention_stance", "lodo")]
        parts.append(("On the coded statements, each scored with parameters fitted without it: "
                      if parts else "Stance agrees with two coders, on coded statements each scored "
                      "with parameters fitted without it, ")
                     + f"{r['accuracy']:.0%} of {int(r['n'])}, κ {r['kappa']:.2f}"
                     f"{neutral('all', 'all neutral')}.")
    return " ".join(parts)
