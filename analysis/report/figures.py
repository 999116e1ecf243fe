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

Every figure reads at one statement and at twenty: heights grow with the
rows up to :data:`MAX_HEIGHT` (rows beyond it are left to the CSV, and the
caption says how many), many statements switch a chart to small multiples
or to one row per statement, the most-mentioned countries are drawn and the
rest pooled as "other", and captions say what each interval resamples.
Ordinal verdicts get counts, not means (:func:`progress_data`).
``tests/report/test_figures.py`` draws every ``plot_*`` function on a
generated corpus of 1, 3 and 20 statements and checks that no labels
overlap and no text leaves the figure.

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
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import config
from ..progress.grading import VERDICTS_BEST_FIRST as VERDICTS
from ..progress.objectives import aim_opener
from ..measures.stats import SMALL_GROUP
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
SCORE_LABELS = {"stance": "stance", "compound": "VADER", "register": "register"}
#: Characters of an objective's short label (fits a 6.5 in figure beside the
#: scale at 8 pt).
LABEL_CHARS = 48
#: Characters per line of an objective's wrapped label in the verdict chart,
#: and its lines: three for up to :data:`WRAP_FEW` objectives (most aims
#: whole), else two.
WRAP_CHARS, WRAP_LINES, WRAP_FEW = 44, 3, 12
#: Tallest figure in inches (a journal page less its caption); rows beyond
#: what fits at :data:`MIN_ROW_HEIGHT` are left out of the drawing (the
#: figure says how many) but kept in the table.
MAX_HEIGHT = 9.0
#: Height of one row of a dot or bar chart in inches (a 7.5 pt tick label
#: with its spacing), and the least it may shrink to under :data:`MAX_HEIGHT`
#: (7.5 pt text is 0.104 in tall).
ROW_HEIGHT, MIN_ROW_HEIGHT = 0.22, 0.135
#: Countries drawn as columns of a heat map; the others are pooled as one
#: "other" column.
TOP_COUNTRIES = 20
#: Rows of the tone-by-country chart: the groups with the most mentions; the
#: others are pooled as one "other" row.
TOP_TONE_ROWS = 25
#: Objectives up to which the verdict chart draws one row per objective;
#: above it, one row per statement with the objectives as numbered dots.
VERDICT_ROWS = 30
#: Documents up to which the section-length chart groups one bar per
#: document in each section; more documents are rows of stacked bars.
GROUPED_DOCS = 3
#: Statements up to which the verdict chart draws one panel per statement.
VERDICT_PANELS = 6
#: Groups up to which a prevalence or tone chart dodges them on one axis;
#: above it, one panel per topic (prevalence) with the groups as rows.
DODGE_GROUPS = 6
#: What the bootstrap of each tone table resamples, for tables without a
#: ``resampled`` column: both resample whole paragraphs, ``section_sentiment``
#: those of a (document, section) (:func:`analysis.measures.sentiment.section_sentiment`),
#: ``country_sentiment`` those naming the country
#: (:func:`analysis.measures.stance.country_stance`).
TONE_RESAMPLED = {"section": "paragraphs", "country": "paragraphs"}
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


#: Characters of 6.5 pt DejaVu Sans per inch of caption (its mean advance
#: is about 0.56 em, 3.6 pt), less a margin.
NOTE_CHARS_PER_INCH = 18


def _note(fig, text):
    """A small caption under the axes (sources, n, conventions), wrapped to the width."""
    width = int(fig.get_figwidth() * NOTE_CHARS_PER_INCH) - 4
    fig.supxlabel("\n".join(textwrap.wrap(text, width)), x=0.01, ha="left", fontsize=6.5,
                  color="#444444")


#: Characters of a 10 pt title per inch (mean advance about 0.56 em), less a margin.
TITLE_CHARS_PER_INCH = 12


def _title(fig, text):
    """The figure's title, wrapped to its width."""
    fig.suptitle("\n".join(textwrap.wrap(text, int(fig.get_figwidth() * TITLE_CHARS_PER_INCH))))


def _height(n_rows: int, base: float = 1.2, per: float = ROW_HEIGHT) -> float:
    """Figure height for ``n_rows`` rows: ``base`` plus ``per`` a row, at most :data:`MAX_HEIGHT`."""
    return float(min(MAX_HEIGHT, base + per * max(n_rows, 1)))


def _max_rows(base: float = 1.2) -> int:
    """Most rows that fit under :data:`MAX_HEIGHT` at :data:`MIN_ROW_HEIGHT`."""
    return int((MAX_HEIGHT - base) / MIN_ROW_HEIGHT)


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
    from ..measures.countries import display_names

    return display_names()


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


def document_order(documents: pd.DataFrame | None, doc_ids=()) -> list:
    """Documents in reading order: by date (else year), then label, then doc_id.

    Parameters
    ----------
    documents : pandas.DataFrame or None
        The ``documents`` table (doc_id; optional date, country, volume).
    doc_ids : iterable of str, optional
        Ids to order (default: those of ``documents``); ids missing from
        ``documents`` follow in the order given.

    Returns
    -------
    list of str

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["b", "a", "c"], "country": ["PE", "CL", "BR"],
    ...                      "date": ["1951-02-01", "1951-02-01", "1949-05-01"]})
    >>> document_order(docs)
    ['c', 'a', 'b']
    >>> document_order(docs, ["b", "x", "c"])
    ['c', 'b', 'x']
    """
    records = [] if documents is None else documents.to_dict("records")
    ids = list(dict.fromkeys(doc_ids)) or [r["doc_id"] for r in records]
    labels = document_labels(documents)
    key = {}
    for r in records:
        date = str(r.get("date") or "") if pd.notna(r.get("date")) else ""
        key[r["doc_id"]] = (date or _doc_year(r) or "9999", labels.get(r["doc_id"], ""),
                            str(r["doc_id"]))
    known = sorted((d for d in ids if d in key), key=key.get)
    return known + [d for d in ids if d not in key]


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
    t = aim_opener().sub("", t, count=1).strip(" ,;:.")  # the extraction's own openers
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
    docs = document_order(documents, list(dict.fromkeys(data["doc_id"])))
    labels = document_labels(documents)
    sections = _section_order(data["section"])
    n_docs = len(docs)
    if n_docs > GROUPED_DOCS:
        return _section_lengths_stacked(data, docs, labels, sections)
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
        _title(fig, f"Length of each section of the policy statements ({n_docs} document"
                     f"{'s' if n_docs != 1 else ''})")
    return fig


def _section_lengths_stacked(data, docs, labels, sections) -> Figure:
    """Section lengths of many documents: one bar per document, stacked by section."""
    docs, left_out = _truncate_rows(docs, _max_rows(1.6))
    y = np.arange(len(docs))
    with style():
        fig, axes = _new_figure(height=_height(len(docs), base=1.6), ncols=3, sharey=True)
        for ax, col, xlabel in zip(axes[0], ("n_words", "n_sentences", "n_paragraphs"),
                                   ("words", "sentences", "paragraphs")):
            left = np.zeros(len(docs))
            for j, sec in enumerate(sections):
                d = data[data["section"] == sec].set_index("doc_id").reindex(docs)
                vals = d[col].fillna(0).to_numpy(dtype=float)
                ax.barh(y, vals, left=left, height=0.75, color=OKABE_ITO[j % len(OKABE_ITO)],
                        edgecolor="white", linewidth=0.4, label=sec)
                left += vals
            ax.set_xlabel(f"{xlabel} (count)")
            ax.set_title(xlabel.capitalize(), loc="left")
            ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(nbins=3))
        axes[0, 0].set_yticks(y, [labels.get(d, d) for d in docs])
        axes[0, 0].set_ylim(len(docs) - 0.5, -0.5)
        axes[0, 0].set_ylabel("document")
        fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="outside right center",
                   frameon=False, title="section")
        _title(fig, f"Length of each section of the policy statements ({len(docs)} documents)")
        if left_out:
            _note(fig, f"{left_out} more documents in the CSV.")
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


# ------------------------------------------------------ 03 countries and tone

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
    import seaborn as sns

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


#: Characters of a name in a composite axis label ("Peru 1951 · Chile (n = 4)").
NAME_CHARS = 22


def _clip(text, width: int = NAME_CHARS) -> str:
    """``text`` cut to ``width`` characters with "…" (names in composite labels)."""
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


#: How a caption names what an interval resamples (the ``resampled`` values of
#: :func:`analysis.measures.topics.topic_prevalence`); other values as they are.
RESAMPLED_WORDS = {"units": "the units (paragraphs or sentences) of one document",
                   "documents": "whole documents"}


def _resampled_note(values) -> str:
    """"resampling paragraphs" (or "… or whole documents") from a ``resampled`` column.

    Examples
    --------
    >>> _resampled_note(["documents", "documents", "units"])
    'resampling whole documents or the units (paragraphs or sentences) of one document'
    """
    what = [RESAMPLED_WORDS.get(v, v)
            for v in dict.fromkeys(str(x) for x in values if isinstance(x, str) and x)]
    return "resampling " + " or ".join(what) if what else ""


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
    """One caption sentence: how often mention stance agrees with the coders, held out.

    Reads ``stance_agreement.csv`` written by ``make validation`` (default
    ``build/validation``); "" when it is not there.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> stance_agreement_note(d)
    ''
    >>> pd.DataFrame({"method": ["mention_stance", "all_neutral"], "split": "heldout", "n": 97,
    ...               "accuracy": [0.526, 0.546], "kappa": [0.2, 0.0], "accuracy_lo": [0.47, 0.49],
    ...               "accuracy_hi": [0.59, 0.6]}).to_csv(d / "stance_agreement.csv", index=False)
    >>> stance_agreement_note(d)
    'Stance agrees with two coders on 53% of 97 held-out mentions [47%, 59%], κ 0.20 (calling every mention neutral: 55%).'
    """
    path = Path(folder if folder is not None else config.BUILD_DIR / "validation") / "stance_agreement.csv"
    if not path.is_file():
        return ""
    t = pd.read_csv(path).set_index(["method", "split"])
    if ("mention_stance", "heldout") not in t.index:
        return ""
    r = t.loc[("mention_stance", "heldout")]
    base = (f" (calling every mention neutral: {t.loc[('all_neutral', 'heldout'), 'accuracy']:.0%})"
            if ("all_neutral", "heldout") in t.index else "")
    return (f"Stance agrees with two coders on {r['accuracy']:.0%} of {int(r['n'])} held-out mentions "
            f"[{r['accuracy_lo']:.0%}, {r['accuracy_hi']:.0%}], κ {r['kappa']:.2f}{base}.")


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
    import seaborn as sns

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
            from matplotlib.patches import Rectangle

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


def _truncate_rows(items: list, limit: int) -> tuple[list, int]:
    """The first ``limit`` of ``items`` and how many were left out."""
    return (items[:limit], len(items) - limit) if len(items) > limit else (items, 0)


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
