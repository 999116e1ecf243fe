"""Figures for papers: tidy table in, matplotlib Figure out, saved byte-stable.

Every figure is made in two steps so that the CSV saved beside it holds
exactly what is drawn: a plain *data* function turns the package's tables
into one tidy table (e.g. :func:`section_lengths`), and a *plot* function
draws that table and returns a :class:`matplotlib.figure.Figure` (e.g.
:func:`plot_section_lengths`). :func:`save_figure` then writes the PNG
(300 dpi), the PDF and the CSV, deterministically: no dates or software
versions in the metadata, fixed ``svg.hashsalt``, ``SOURCE_DATE_EPOCH``
set, the same style in a :func:`matplotlib.rc_context` — so regenerating a
figure on the same pinned environment changes no bytes.

Figures are built with :class:`~matplotlib.figure.Figure` directly (not
``pyplot``), so nothing accumulates in a global figure list; in Jupyter a
Figure that ends a cell is shown by the inline backend.

Palettes are colour-blind safe: categorical colours from Okabe, M. & Ito,
K. (2008), *Color Universal Design*, each paired with a marker shape so
that print in grey still separates them; heat maps use ColorBrewer's
single-hue "Blues" ramp, which reads the same with colour-vision
deficiency and in grey print.

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> sentences = pd.DataFrame({"doc_id": ["d"] * 3, "sentence_id": [0, 1, 2],
...     "section": ["objectives", "evaluation", "evaluation"], "paragraph": [1, 2, 2],
...     "text": ["We seek peace.", "Progress was slow.", "Relations are good."]})
>>> data = section_lengths(sentences)
>>> fig = plot_section_lengths(data)
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in save_figure(fig, "lengths", data, folder=folder)]
['lengths.png', 'lengths.pdf', 'lengths.csv']
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import config
from ..progress.grading import VERDICTS_BEST_FIRST as VERDICTS
from ..measures.stats import bootstrap_ci
from ..io.tables import atomic_path, write_table

#: Resolution of the PNG files: 300 dpi is the usual minimum of journals
#: for line art and figures with text.
DPI = 300
#: Vector formats written beside the PNG; PDF embeds fonts and prints.
VECTOR_FORMATS = ("pdf",)
#: Epoch used when the caller has not set ``SOURCE_DATE_EPOCH``
#: (reproducible-builds.org convention; 0 = no date at all).
SOURCE_DATE_EPOCH = "0"
#: Width of a full-width figure in inches (a journal text block is ~6.5 in).
FULL_WIDTH = 6.5
#: Okabe & Ito (2008) colours, black last; safe for the common colour-vision
#: deficiencies.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
             "#F0E442", "#000000")
#: Marker shapes paired with the categorical colours (redundant coding).
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
#: Sequential colour map of every heat map: ColorBrewer "Blues", a single-hue
#: lightness ramp that reads the same with colour-vision deficiency and in
#: grey print (Harrower & Brewer 2003, *The Cartographic Journal* 40(1)).
HEATMAP_CMAP = "Blues"
#: Labels shown on axes for the five-level verdict scale
#: (:data:`analysis.progress.grading.VERDICTS_BEST_FIRST`).
VERDICT_LABELS = {v: v.replace("_", " ") for v in VERDICTS}
#: Verdict colours and markers: a green–blue–orange–vermillion sequence from
#: the Okabe–Ito palette, grey for "not assessed".
VERDICT_COLORS = {"achieved": "#009E73", "partial": "#56B4E9", "slow": "#E69F00",
                  "not_achieved": "#D55E00", "not_assessed": "#999999"}
VERDICT_MARKERS = {"achieved": "o", "partial": "s", "slow": "D", "not_achieved": "X",
                   "not_assessed": "o"}
#: Readable names of the two tone scores of :mod:`analysis.measures.sentiment`.
SCORE_LABELS = {"compound": "VADER compound", "register": "diplomatic register"}
#: Characters of an objective's short label (fits a 6.5 in figure beside the
#: scale at 8 pt).
LABEL_CHARS = 48
#: Opening phrases that state *that* something is an aim, not *what* the aim
#: is; dropped from short labels ("We seek to encourage ..." -> "encourage ...").
_AIM_OPENERS = re.compile(
    r"^(?:(?:in\s+addition|also|further(?:more)?|finally|moreover)\s*,?\s*)?"
    r"(?:(?:the\s+)?(?:US|U\.\s?S\.|United\s+States|we|our\s+\w+)\s+"
    r"(?:(?:also|further|particularly|especially|therefore)\s+)*"
    r"(?:seeks?|wish(?:es)?|wants?|desires?|hopes?|intends?|aims?|is|are|would\s+like)"
    r"(?:\s+(?:to|that))?\s+)?(?:to\s+)?", re.IGNORECASE)

#: rcParams of every figure: print sizes, no top/right spines, and the
#: settings that make saved files byte-stable.
STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs everywhere
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "figure.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.prop_cycle": matplotlib.cycler(color=list(OKABE_ITO)),
    "savefig.dpi": DPI,
    "figure.dpi": 100,
    "svg.hashsalt": "analysis",  # fixed ids in SVG output
    "svg.fonttype": "path",
    "pdf.fonttype": 42,  # TrueType: editable text in the PDF
    "pdf.compression": 6,
    "path.simplify": True,
}


@contextlib.contextmanager
def style():
    """Context in which figures are drawn and saved (:data:`STYLE`).

    Examples
    --------
    >>> import matplotlib
    >>> with style():
    ...     matplotlib.rcParams["svg.hashsalt"]
    'analysis'
    """
    with matplotlib.rc_context(STYLE):
        yield


def _new_figure(width=FULL_WIDTH, height=3.0, nrows=1, ncols=1, **kw):
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False, **kw)
    return fig, axes


def _note(fig, text):
    """A small caption line under the axes (sources, n, conventions)."""
    fig.supxlabel(text, x=0.01, ha="left", fontsize=6.5, color="#444444")


def _empty(title, message):
    with style():
        fig, axes = _new_figure(height=1.6)
        ax = axes[0, 0]
        ax.set_axis_off()
        ax.set_title(title)
        ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    return fig


# --------------------------------------------------------------------- saving

def _atomic_savefig(fig, path: Path, fmt: str, metadata: dict):
    with atomic_path(path) as tmp:
        fig.savefig(tmp, format=fmt, dpi=DPI, metadata=metadata)


#: Metadata per format: only keys without dates or versions survive.
_METADATA = {
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None},
}


def save_figure(fig, name: str, data: pd.DataFrame, folder=None,
                formats=("png",) + VECTOR_FORMATS) -> list[Path]:
    """Write ``fig`` as PNG (300 dpi) and PDF, and ``data`` as CSV, byte-stable.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (from one of the ``plot_*`` helpers or your own).
    name : str
        File stem, e.g. ``"04-verdicts"``: writes ``name.png``, ``name.pdf``
        and ``name.csv`` (the tidy data the figure plots).
    data : pandas.DataFrame
        Exactly the data drawn, written through
        :func:`analysis.io.tables.write_table`.
    folder : str or Path, optional
        Target folder, created if needed; default :data:`config.FIGURES_DIR`.
    formats : tuple of str, default ("png", "pdf")
        Image formats (``png``, ``pdf``, ``svg``).

    Returns
    -------
    list of Path
        The image files then the CSV.

    Notes
    -----
    Files are written atomically (temporary file, then rename). Dates and
    software versions are left out of the metadata and ``SOURCE_DATE_EPOCH``
    is set (to ``0`` unless already set) while saving, so the same figure
    gives the same bytes on the same pinned environment.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> fig = Figure(figsize=(2, 1)); _ = fig.subplots().plot([0, 1], [1, 0])
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> paths = save_figure(fig, "line", pd.DataFrame({"x": [0, 1], "y": [1, 0]}), folder=d)
    >>> b1 = [p.read_bytes() for p in paths]
    >>> b2 = [p.read_bytes() for p in save_figure(fig, "line", pd.DataFrame({"x": [0, 1],
    ...       "y": [1, 0]}), folder=d)]
    >>> b1 == b2
    True
    >>> save_figure(fig, "line", pd.DataFrame(), folder=d, formats=("gif",))
    Traceback (most recent call last):
    ...
    ValueError: save_figure: format 'gif' of figure 'line' is not one of png, pdf, svg; pass formats=('png', 'pdf')
    """
    if not isinstance(name, str) or not name or "/" in name or "\\" in name:
        raise ValueError(f"save_figure: name {name!r} must be a plain file stem such as '01-sections'")
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"save_figure: data for figure {name!r} must be the DataFrame it plots, "
                        f"got {type(data).__name__}")
    for fmt in formats:
        if fmt not in _METADATA:
            raise ValueError(f"save_figure: format {fmt!r} of figure {name!r} is not one of "
                             f"png, pdf, svg; pass formats=('png', 'pdf')")
    folder = Path(config.FIGURES_DIR if folder is None else folder)
    folder.mkdir(parents=True, exist_ok=True)
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = old_epoch or SOURCE_DATE_EPOCH
    paths = []
    try:
        with style():
            for fmt in formats:
                path = folder / f"{name}.{fmt}"
                _atomic_savefig(fig, path, fmt, dict(_METADATA[fmt]))
                paths.append(path)
    finally:
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    if RUN["run_id"] and "run_id" not in data.columns:
        data = data.assign(run_id=RUN["run_id"])
    paths.append(write_table(data, folder / f"{name}.csv"))
    return paths


#: The run whose tables the figures are drawn from (``run_id`` of its
#: ``run.json``); set by :func:`analysis.report.notebooks.setup`, written into every
#: figure's CSV by :func:`save_figure` so each figure names its run.
RUN = {"run_id": None}


def set_run(run_id) -> None:
    """Name the run the next figures come from (None: no run column)."""
    RUN["run_id"] = str(run_id) if run_id else None


# ------------------------------------------------------------------- helpers

def _section_order(values):
    order = [s for s in config.SECTIONS if s in set(values)]
    return order + sorted(set(values) - set(order))


def _sort_sections(df: pd.DataFrame, column: str, before=(), after=()) -> pd.DataFrame:
    """``df`` sorted by ``before``, ``column`` in section order, then ``after`` (stable)."""
    order = {k: i for i, k in enumerate(_section_order(df[column]))}
    return (df.assign(_o=df[column].map(order))
            .sort_values([*before, "_o", *after], kind="stable")
            .drop(columns="_o").reset_index(drop=True))


def _year(text) -> str:
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", str(text or ""))
    return m.group(1) if m else ""


def _doc_year(record: dict) -> str:
    """Year of a ``documents`` row: from its date, else its volume, else its title."""
    return _year(record.get("date")) or _year(record.get("volume")) or _year(record.get("title"))


@functools.lru_cache(maxsize=1)
def _country_names() -> dict:
    # the names of the mentions table: pycountry, then the package's alias file
    from ..measures.countries import _display_names, load_aliases

    return _display_names(load_aliases())


def country_name(iso2) -> str:
    """Short English name of an ISO alpha-2 code (current or historical).

    The same names as the ``country`` column of the ``mentions`` table
    (:mod:`analysis.measures.countries`); other withdrawn codes get pycountry's
    historical name.

    Examples
    --------
    >>> country_name("PE"), country_name("SU"), country_name("")
    ('Peru', 'Soviet Union', '')
    """
    if not isinstance(iso2, str) or not iso2.strip():
        return ""
    code = iso2.strip().upper()
    if code in _country_names():
        return _country_names()[code]
    import pycountry

    try:
        h = pycountry.historic_countries.get(alpha_2=code)
    except (KeyError, LookupError):
        h = None
    return h.name if h is not None else code


def document_labels(documents: pd.DataFrame | None) -> pd.Series:
    """A short label per document: focus country and year, else its id.

    Labels are unique: a repeated country–year gets the doc_id appended.

    Parameters
    ----------
    documents : pandas.DataFrame or None
        The ``documents`` table (doc_id; optional country, date, volume);
        None gives no labels (callers then show the doc_id).

    Returns
    -------
    pandas.Series
        Labels indexed by doc_id.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "country": ["PE", ""],
    ...                      "date": ["", "1950-05-08"], "volume": ["FRUS 1951, vol. II", ""]})
    >>> document_labels(docs).tolist()
    ['Peru 1951', 'b 1950']
    """
    labels = {}
    for r in ([] if documents is None else documents.to_dict("records")):
        name = country_name(r.get("country")) or str(r["doc_id"])
        labels[r["doc_id"]] = f"{name} {_doc_year(r)}".strip()
    s = pd.Series(labels, dtype="object", name="document")
    dup = s.duplicated(keep=False)
    s[dup] = [f"{v} ({k})" for k, v in s[dup].items()]
    return s


def short_label(text: str, width: int = LABEL_CHARS) -> str:
    """A short label for an objective: the aim itself, cut at a word boundary.

    Drops the opening that merely says something is an aim ("We seek to",
    "The US wishes to") and shortens to ``width`` characters with "…".

    Examples
    --------
    >>> short_label("We seek to encourage stability in government and the growth "
    ...             "of democratic political institutions.")
    'encourage stability in government and…'
    >>> short_label("(2) assist the development of its resources", width=60)
    'assist the development of its resources'
    """
    t = re.sub(r"\s+", " ", str(text or "")).strip()
    t = re.sub(r"^\(?\s*(?:\d+|[a-z]|[ivx]+)\s*[).:]\s*", "", t)
    t = _AIM_OPENERS.sub("", t, count=1).strip(" ,;:.")
    t = re.sub(r"^that\s+", "", t, flags=re.IGNORECASE)
    if len(t) <= width:
        return t
    cut = t[: width].rsplit(" ", 1)[0].rstrip(" ,;:")
    cut = re.sub(r"\s+(?:and|or|of|the|to|in|for|a|an|with|by)$", "", cut)
    return cut + "…"


# --------------------------------------------------------- 01 corpus overview

def section_lengths(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences, words and paragraphs per (document, section).

    Parameters
    ----------
    sentences : pandas.DataFrame
        The ``sentences`` table (doc_id, section, paragraph, text).

    Returns
    -------
    pandas.DataFrame
        doc_id, section, n_sentences, n_words, n_paragraphs; sections in
        the canonical order.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d", "d"], "section": ["policies", "objectives"],
    ...                   "paragraph": [2, 1], "text": ["a b c", "d e"]})
    >>> section_lengths(s).to_dict("list")["n_words"]
    [2, 3]
    """
    s = sentences.assign(_w=sentences["text"].fillna("").str.split().str.len())
    g = (s.groupby(["doc_id", "section"], sort=False)
         .agg(n_sentences=("text", "size"), n_words=("_w", "sum"),
              n_paragraphs=("paragraph", "nunique"))
         .reset_index())
    g = _sort_sections(g, "section", before=["doc_id"])
    return g.astype({"n_sentences": "int64", "n_words": "int64", "n_paragraphs": "int64"})


def plot_section_lengths(data: pd.DataFrame, documents: pd.DataFrame | None = None) -> Figure:
    """Bar chart of words and sentences per section (one bar per document).

    Parameters
    ----------
    data : pandas.DataFrame
        From :func:`section_lengths`.
    documents : pandas.DataFrame, optional
        For document labels (country and year).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> d = pd.DataFrame({"doc_id": ["d", "d"], "section": ["objectives", "policies"],
    ...                   "n_sentences": [5, 50], "n_words": [100, 900], "n_paragraphs": [1, 9]})
    >>> type(plot_section_lengths(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Length of each section", "no sentences")
    docs = list(dict.fromkeys(data["doc_id"]))
    labels = document_labels(documents)
    sections = _section_order(data["section"])
    n_docs = len(docs)
    bar_h = 0.8 / n_docs
    with style():
        fig, axes = _new_figure(height=1.0 + 0.35 * len(sections) * max(1, min(n_docs, 4) * 0.6),
                                ncols=3, sharey=True)
        for ax, col, xlabel in zip(axes[0], ("n_words", "n_sentences", "n_paragraphs"),
                                   ("words", "sentences", "paragraphs")):
            for j, doc in enumerate(docs):
                d = data[data["doc_id"] == doc].set_index("section").reindex(sections)
                y = np.arange(len(sections)) - 0.4 + bar_h * (j + 0.5)
                vals = d[col].fillna(0).to_numpy()
                ax.barh(y, vals, height=bar_h * 0.9, color=OKABE_ITO[j % len(OKABE_ITO)],
                        label=labels.get(doc, doc))
                if n_docs <= 3:
                    for yy, v in zip(y, vals):
                        ax.text(v, yy, f" {int(v)}", va="center", ha="left", fontsize=6.5)
            ax.set_xlabel(f"{xlabel} (count)")
            ax.margins(x=0.18)
            ax.set_title(f"{xlabel.capitalize()} per section", loc="left")
        axes[0, 0].set_yticks(np.arange(len(sections)), sections)
        axes[0, 0].invert_yaxis()
        axes[0, 0].set_ylabel("section")
        if n_docs > 1:
            fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside lower center",
                       ncols=min(n_docs, 4), frameon=False, title="document")
        fig.suptitle(f"Length of each section of the policy statements ({n_docs} document"
                     f"{'s' if n_docs != 1 else ''})")
    return fig


def corpus_summary(tables: dict) -> pd.DataFrame:
    """One row per document: label, date, sentences, words, pages, footnotes.

    Examples
    --------
    >>> t = {"documents": pd.DataFrame({"doc_id": ["d"], "country": ["PE"], "date": [""]}),
    ...      "sentences": pd.DataFrame({"doc_id": ["d"], "section": ["objectives"],
    ...          "paragraph": [1], "page": [12], "text": ["We seek peace."]}),
    ...      "footnotes": pd.DataFrame({"doc_id": ["d"], "footnote": [1], "text": ["x"]})}
    >>> corpus_summary(t)[["document", "n_sentences", "n_words", "n_footnotes"]].values.tolist()
    [['Peru', 1, 3, 1]]
    """
    docs = tables["documents"]
    sents = tables["sentences"]
    foot = tables.get("footnotes", pd.DataFrame(columns=["doc_id", "footnote"]))
    labels = document_labels(docs)
    rows = []
    for doc in docs["doc_id"]:
        s = sents[sents["doc_id"] == doc]
        pages = pd.to_numeric(s.get("page", pd.Series(dtype=float)), errors="coerce").dropna()
        r = docs[docs["doc_id"] == doc].iloc[0]
        rows.append({"doc_id": doc, "document": labels.get(doc, doc),
                     "date": r.get("date", ""), "country": r.get("country", ""),
                     "n_sentences": len(s),
                     "n_words": int(s["text"].fillna("").str.split().str.len().sum()),
                     "n_paragraphs": int(s["paragraph"].nunique()) if "paragraph" in s else 0,
                     "sections": ";".join(_section_order(s["section"].unique())),
                     "first_page": int(pages.min()) if len(pages) else pd.NA,
                     "last_page": int(pages.max()) if len(pages) else pd.NA,
                     "n_footnotes": int((foot["doc_id"] == doc).sum())})
    return pd.DataFrame(rows)


# ------------------------------------------------------------ 02 topics

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
        fig.suptitle("Top terms of each topic (topic–word weights of the fitted model)")
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
        fig.suptitle("Choice of the number of topics: coherence and stability across seeds")
    return fig


def plot_topic_prevalence(prevalence: pd.DataFrame, labels: pd.Series | None = None,
                          grouping: str = "section") -> Figure:
    """Dot chart: mean topic share per group with 95% intervals and n units.

    Parameters
    ----------
    prevalence : pandas.DataFrame
        The ``topic_prevalence`` table (grouping, group, topic, mean,
        ci_low, ci_high, n_units).
    labels : pandas.Series, optional
        Topic labels by topic number (:func:`topic_labels`).
    grouping : str, default "section"
        Which grouping to draw.

    Examples
    --------
    >>> p = pd.DataFrame({"grouping": "section", "group": ["objectives", "policies"],
    ...     "topic": [1, 1], "mean": [0.2, 0.6], "ci_low": [0.1, 0.5], "ci_high": [0.3, 0.7],
    ...     "n_units": [2, 9]})
    >>> type(plot_topic_prevalence(p)).__name__
    'Figure'
    """
    d = prevalence[prevalence["grouping"] == grouping] if "grouping" in prevalence else prevalence
    if d.empty:
        return _empty(f"Topic prevalence by {grouping}", f"no prevalence by {grouping}")
    topics = sorted(d["topic"].unique())
    groups = (_section_order(d["group"]) if grouping == "section"
              else list(dict.fromkeys(d["group"])))
    lab = labels if labels is not None else pd.Series({t: f"T{int(t)}" for t in topics})
    n_g = len(groups)
    step = 0.8 / max(n_g, 1)
    with style():
        fig, axes = _new_figure(height=1.0 + 0.22 * len(topics) * max(n_g, 2))
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
        fig.suptitle(f"Topic prevalence by {grouping}")
    return fig


# ------------------------------------------------------ 03 countries and tone

def country_matrix(mentions: pd.DataFrame, sentences: pd.DataFrame, by: str = "section",
                   top: int = 20, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences mentioning each country, per section or per document (tidy).

    Parameters
    ----------
    mentions : pandas.DataFrame
        The ``mentions`` table (doc_id, sentence_id, iso2, country).
    sentences : pandas.DataFrame
        The ``sentences`` table (for the section of each sentence).
    by : {"section", "document"}
        Rows of the heat map.
    top : int, default 20
        Keep the ``top`` countries by number of sentences (ties by name).
    documents : pandas.DataFrame, optional
        For document labels when ``by="document"``.

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
        rows = [lab.get(d, d) for d in dict.fromkeys(sentences["doc_id"])]
    names = m.groupby("iso2")["country"].first()
    totals = m.groupby("iso2").size().rename("t").reset_index()
    totals["name"] = totals["iso2"].map(names)
    totals = totals.sort_values(["t", "name"], ascending=[False, True], kind="stable").head(top)
    keep = totals["iso2"].tolist()
    counts = m[m["iso2"].isin(keep)].groupby(["row", "iso2"]).size()
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
    import seaborn as sns

    if data.empty:
        return _empty("Countries mentioned", "no country mentions found")
    rows = list(dict.fromkeys(data["row"]))
    cols = list(dict.fromkeys(data["iso2"]))
    names = data.drop_duplicates("iso2").set_index("iso2")["country"]
    mat = (data.pivot(index="row", columns="iso2", values="n_sentences")
           .reindex(index=rows, columns=cols).fillna(0).astype(int))
    annot = mat.map(lambda v: str(v) if v else "")
    with style():
        width = min(FULL_WIDTH + 1.5, 1.8 + 0.32 * len(cols))
        fig, axes = _new_figure(width=max(width, 3.5), height=1.9 + 0.28 * max(len(rows), 2))
        ax = axes[0, 0]
        sns.heatmap(mat, ax=ax, cmap=HEATMAP_CMAP, annot=annot, fmt="", linewidths=0.5,
                    linecolor="white", annot_kws={"fontsize": 6.5}, vmin=0,
                    cbar_kws={"label": "sentences (count)", "shrink": 0.9})
        ax.set_xticks(np.arange(len(cols)) + 0.5, [names.get(c, c) for c in cols], rotation=45,
                      ha="right", rotation_mode="anchor")
        ax.set_yticks(np.arange(len(rows)) + 0.5, rows, rotation=0)
        ax.set_xlabel("country mentioned (ISO 3166; historical states under their own code)")
        ax.set_ylabel(by)
        ax.tick_params(length=0)
        fig.suptitle(f"Countries mentioned in each {by}: number of sentences")
    return fig


def tone_intervals(table: pd.DataFrame, by: str, documents: pd.DataFrame | None = None,
                   scores=tuple(SCORE_LABELS)) -> pd.DataFrame:
    """Long table of mean tone with intervals from a ``*_sentiment`` table.

    Parameters
    ----------
    table : pandas.DataFrame
        ``section_sentiment`` or ``country_sentiment``: doc_id, the group
        column, n_sentences, ``<score>_mean``, ``<score>_low``,
        ``<score>_high``, small.
    by : {"section", "country"}
        The group column.
    documents : pandas.DataFrame, optional
        For document labels.
    scores : tuple of str
        Score prefixes to keep.

    Returns
    -------
    pandas.DataFrame
        doc_id, document, group, score, mean, ci_low, ci_high, n_sentences,
        small, label (what the y axis shows: group, n and, for several
        documents, the document).

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["d"], "section": ["policies"], "n_sentences": [9],
    ...     "compound_mean": [0.2], "compound_low": [0.1], "compound_high": [0.3],
    ...     "register_mean": [0.0], "register_low": [-0.1], "register_high": [0.1],
    ...     "small": [False]})
    >>> tone_intervals(t, "section")[["score", "mean", "label"]].values.tolist()
    [['compound', 0.2, 'policies (n = 9)'], ['register', 0.0, 'policies (n = 9)']]
    """
    cols = ["doc_id", "document", "group", "score", "mean", "ci_low", "ci_high",
            "n_sentences", "small", "label"]
    if table is None or table.empty:
        return pd.DataFrame(columns=cols)
    lab = document_labels(documents)
    several = table["doc_id"].nunique() > 1
    rows = []
    for r in table.to_dict("records"):
        group = r.get(by) if by != "country" else (r.get("country") or r.get("iso2"))
        doc = lab.get(r["doc_id"], r["doc_id"])
        n = int(r.get("n_sentences", 0))
        label = f"{group} (n = {n})" if not several else f"{doc} · {group} (n = {n})"
        for sc in scores:
            if f"{sc}_mean" not in r:
                continue
            rows.append({"doc_id": r["doc_id"], "document": doc, "group": group, "score": sc,
                         "mean": r[f"{sc}_mean"], "ci_low": r.get(f"{sc}_low"),
                         "ci_high": r.get(f"{sc}_high"), "n_sentences": n,
                         "small": str(r.get("small", False)).lower() in ("true", "1"),
                         "label": label})
    out = pd.DataFrame(rows, columns=cols)
    if by == "section":
        out = _sort_sections(out, "group", before=["doc_id"], after=["score"])
    return out.reset_index(drop=True)


def plot_tone(data: pd.DataFrame, by: str = "section", sort_by: str | None = None) -> Figure:
    """Dot-and-interval chart of mean tone per group, one panel per score.

    Each row is labelled with its group and the number of sentences behind
    it; groups flagged ``small`` are drawn with open markers.

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
    scores = list(dict.fromkeys(data["score"]))
    labels = list(dict.fromkeys(data["label"]))
    sort_by = sort_by or ("register" if by == "country" else None)
    if sort_by in scores:
        m = data[data["score"] == sort_by].set_index("label")["mean"]
        labels = sorted(labels, key=lambda l: (-m.get(l, 0.0), l))
    ypos = {l: i for i, l in enumerate(labels)}
    with style():
        fig, axes = _new_figure(height=1.2 + 0.24 * len(labels), ncols=len(scores), sharey=True)
        for j, (ax, sc) in enumerate(zip(axes[0], scores)):
            d = data[data["score"] == sc]
            y = d["label"].map(ypos).to_numpy()
            color = OKABE_ITO[j]
            ax.axvline(0, color="#888888", linewidth=0.8, linestyle="--", zorder=0)
            ax.hlines(y, d["ci_low"], d["ci_high"], color=color, linewidth=1.2)
            small = d["small"].astype(bool).to_numpy()
            ax.plot(d["mean"].to_numpy()[~small], y[~small], linestyle="none",
                    marker=MARKERS[j], color=color, markersize=4.5)
            ax.plot(d["mean"].to_numpy()[small], y[small], linestyle="none", marker=MARKERS[j],
                    markerfacecolor="white", markeredgecolor=color, markersize=4.5)
            ax.set_xlim(-1.05, 1.05)
            ax.set_xlabel(f"mean {SCORE_LABELS.get(sc, sc)} score (−1 to 1)")
            ax.set_title(SCORE_LABELS.get(sc, sc), loc="left")
        axes[0, 0].set_yticks(np.arange(len(labels)), labels)
        axes[0, 0].set_ylim(len(labels) - 0.5, -0.5)
        axes[0, 0].set_ylabel(f"{by} (n = sentences)")
        fig.suptitle(f"Tone by {by}: mean sentence score with bootstrap 95% interval")
        if data["small"].astype(bool).any():
            _note(fig, "Open markers: fewer than 5 sentences (interval unreliable); "
                       "a single sentence has no interval.")
    return fig


# ------------------------------------------------ 04 objectives vs evaluation

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
    return d.sort_values(["doc_id", "objective_id"], kind="stable")[cols].reset_index(drop=True)


def _verdict_marker(verdict: str) -> dict:
    """Marker keywords of a verdict: filled and black-edged; "not assessed" hollow."""
    hollow = verdict == "not_assessed"
    return {"marker": VERDICT_MARKERS[verdict],
            "markerfacecolor": "white" if hollow else VERDICT_COLORS[verdict],
            "markeredgecolor": VERDICT_COLORS[verdict] if hollow else "black",
            "markeredgewidth": 1.0 if hollow else 0.5}


def plot_verdicts(data: pd.DataFrame) -> Figure:
    """Ordered dot chart: each objective on the five-level verdict scale.

    Examples
    --------
    >>> d = pd.DataFrame({"label": ["O1 keep peace", "O2 trade"], "verdict": ["slow", "achieved"],
    ...                   "level": [2, 0], "confidence": [0.7, None]})
    >>> type(plot_verdicts(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Assessed progress of each objective", "no objectives found")
    labels = list(data["label"])
    with style():
        fig, axes = _new_figure(height=1.3 + 0.3 * len(labels))
        ax = axes[0, 0]
        y = np.arange(len(labels))
        assessed = (data["verdict"] != "not_assessed").to_numpy()
        ax.hlines(y[assessed], -0.3, data["level"].to_numpy()[assessed], color="#cccccc",
                  linewidth=0.8, zorder=1)
        for v in VERDICTS:
            sel = (data["verdict"] == v).to_numpy()
            if not sel.any():
                continue
            ax.plot(data["level"].to_numpy()[sel], y[sel], linestyle="none", markersize=7,
                    zorder=3, **_verdict_marker(v))
        for yy, lvl, conf in zip(y, data["level"], data.get("confidence", [None] * len(y))):
            if conf is not None and pd.notna(conf):
                ax.text(lvl + 0.16, yy, f"{float(conf):.2f}", va="center", ha="left",
                        fontsize=6, color="#555555")
        ax.set_xticks(range(len(VERDICTS)), [VERDICT_LABELS[v] for v in VERDICTS])
        ax.set_xlim(-0.3, len(VERDICTS) - 0.5)
        ax.set_yticks(y, labels)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.grid(axis="x", color="#eeeeee", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.set_xlabel("verdict of the evaluation section (most to least favourable)")
        ax.set_ylabel("stated objective (section a)")
        fig.suptitle("Stated objectives against the evaluation's verdict")
        if "confidence" in data and data["confidence"].notna().any():
            _note(fig, "Number beside each dot: confidence of the verdict (0–1).")
    return fig


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
    import seaborn as sns

    if data.empty:
        return _empty("Objective × evaluation-sentence alignment",
                      "no objectives or no evaluation section")
    mat = data.pivot(index="label", columns="sentence_id", values="score")
    order = list(dict.fromkeys(data.sort_values("objective_id")["label"]))
    mat = mat.reindex(index=order)
    vmax = float(np.nanmax(mat.to_numpy())) if mat.notna().any().any() else 1.0
    with style():
        fig, axes = _new_figure(width=min(FULL_WIDTH + 1.5, 3.2 + 0.2 * mat.shape[1]),
                                height=1.5 + 0.3 * mat.shape[0])
        ax = axes[0, 0]
        ax.patch.set_facecolor("white")
        ax.patch.set_hatch("////")
        ax.patch.set_edgecolor("#c8c8c8")
        sns.heatmap(mat, ax=ax, cmap=HEATMAP_CMAP, vmin=0, vmax=max(vmax, 1e-9),
                    linewidths=0.5, linecolor="white",
                    cbar_kws={"label": "probability a coder cites it", "shrink": 0.9})
        if "evidence" in data:
            from matplotlib.patches import Rectangle

            rows = {lab: k for k, lab in enumerate(mat.index)}
            cols_ = {c: k for k, c in enumerate(mat.columns)}
            for r in data[data["evidence"].astype(bool)].itertuples():
                ax.add_patch(Rectangle((cols_[r.sentence_id], rows[r.label]), 1, 1, fill=False,
                                       edgecolor=OKABE_ITO[3], linewidth=1.4))
        ax.set_xticks(np.arange(mat.shape[1]) + 0.5, [str(c) for c in mat.columns],
                      rotation=90)
        ax.set_yticks(np.arange(mat.shape[0]) + 0.5, mat.index, rotation=0)
        ax.set_xlabel("evaluation sentence (sentence_id); outlined: kept as evidence; hatched: not scored")
        ax.set_ylabel("stated objective")
        ax.tick_params(length=0)
        fig.suptitle("Which evaluation sentences speak to which objective"
                     + (f" — {title_doc}" if title_doc else ""))
    return fig


def progress_data(verdicts: pd.DataFrame, documents: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Progress score per objective with each document's mean and 95% interval.

    Parameters
    ----------
    verdicts : pandas.DataFrame
        From :func:`verdict_data` (doc_id, objective_id, label, verdict,
        score).
    documents : pandas.DataFrame
        The ``documents`` table (for labels, dates and order).
    seed : int
        Seed of the bootstrap of the per-document mean.

    Returns
    -------
    pandas.DataFrame
        doc_id, document, year, objective_id, label, verdict, score,
        doc_mean, doc_low, doc_high, n_assessed, n_objectives; documents
        in date order.

    Examples
    --------
    >>> v = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2], "label": ["a", "b"],
    ...                   "verdict": ["achieved", "not_assessed"], "score": [1.0, None]})
    >>> docs = pd.DataFrame({"doc_id": ["d"], "country": ["PE"], "date": ["1951-01-01"]})
    >>> r = progress_data(v, docs, seed=0).iloc[0]
    >>> r["document"], float(r["doc_mean"]), int(r["n_assessed"])
    ('Peru 1951', 1.0, 1)
    """
    cols = ["doc_id", "document", "year", "objective_id", "label", "verdict", "score",
            "doc_mean", "doc_low", "doc_high", "n_assessed", "n_objectives"]
    if verdicts is None or verdicts.empty:
        return pd.DataFrame(columns=cols)
    lab = document_labels(documents)
    docs = documents.assign(year=[_doc_year(r) for r in documents.to_dict("records")],
                            _d=documents["date"].fillna("") if "date" in documents else "")
    docs = docs.sort_values(["year", "_d", "doc_id"], kind="stable")
    d = verdicts[["doc_id", "objective_id", "label", "verdict", "score"]].copy()
    d["score"] = pd.to_numeric(d["score"], errors="coerce")
    d.loc[d["verdict"] == "not_assessed", "score"] = np.nan
    parts = []
    for i, (doc, year) in enumerate(zip(docs["doc_id"], docs["year"])):
        dd = d[d["doc_id"] == doc].copy()
        if dd.empty:
            continue
        mean, low, high, n = bootstrap_ci(dd["score"], seed=seed + i)
        dd["document"] = lab.get(doc, doc)
        dd["year"] = year
        dd["doc_mean"], dd["doc_low"], dd["doc_high"] = mean, low, high
        dd["n_assessed"], dd["n_objectives"] = n, len(dd)
        parts.append(dd)
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]


def plot_progress(data: pd.DataFrame) -> Figure:
    """Assessed progress per document: objectives as dots, mean with 95% interval.

    Examples
    --------
    >>> d = pd.DataFrame({"document": ["Peru 1951"] * 2, "verdict": ["achieved", "slow"],
    ...     "score": [1.0, 0.33], "doc_mean": [0.66] * 2, "doc_low": [0.33] * 2,
    ...     "doc_high": [1.0] * 2, "n_assessed": [2] * 2, "n_objectives": [2] * 2})
    >>> type(plot_progress(d)).__name__
    'Figure'
    """
    if data.empty:
        return _empty("Assessed progress across documents", "no assessments")
    docs = list(dict.fromkeys(data["document"]))
    with style():
        fig, axes = _new_figure(width=min(FULL_WIDTH, 4.6 + 0.5 * len(docs)), height=3.2)
        ax = axes[0, 0]
        for i, doc in enumerate(docs):
            d = data[data["document"] == doc]
            assessed = d[d["score"].notna()].sort_values(["score", "verdict"], kind="stable")
            # deterministic side-by-side offsets for tied scores (no random jitter)
            rank = assessed.groupby("score").cumcount().to_numpy()
            size = assessed.groupby("score")["score"].transform("size").to_numpy()
            off = (rank - (size - 1) / 2) * 0.08
            for v in VERDICTS[:-1]:
                sel = (assessed["verdict"] == v).to_numpy()
                if sel.any():
                    ax.plot(i - 0.15 + off[sel], assessed["score"].to_numpy()[sel], linestyle="none",
                            marker=VERDICT_MARKERS[v], color=VERDICT_COLORS[v],
                            markeredgecolor="black", markeredgewidth=0.4, markersize=6,
                            label=VERDICT_LABELS[v])
            r = d.iloc[0]
            if pd.notna(r["doc_mean"]):
                ax.errorbar([i + 0.2], [r["doc_mean"]],
                            yerr=[[r["doc_mean"] - r["doc_low"]], [r["doc_high"] - r["doc_mean"]]],
                            fmt="_", color="black", markersize=12, capsize=3, elinewidth=1.2,
                            label="mean, 95% interval")
            ax.text(i, -0.16, f"{int(r['n_assessed'])} of {int(r['n_objectives'])}\nassessed",
                    ha="center", va="top", fontsize=6.5, color="#444444")
        handles, labs = ax.get_legend_handles_labels()
        uniq = dict(zip(labs, handles))
        fig.legend(uniq.values(), uniq.keys(), frameon=False, loc="outside right center",
                   title="verdict")
        ax.set_xticks(range(len(docs)), docs, rotation=30 if len(docs) > 4 else 0,
                      ha="right" if len(docs) > 4 else "center")
        ax.set_xlim(-0.6, len(docs) - 0.4)
        ax.set_ylim(-0.32, 1.08)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.spines["left"].set_bounds(0, 1)
        ax.set_ylabel("progress score (0 = not achieved, 1 = achieved)")
        ax.set_xlabel("document (focus country, year)")
        fig.suptitle("Assessed progress of the objectives, by document")
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
