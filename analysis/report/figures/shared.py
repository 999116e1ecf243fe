"""What the figures of every notebook share: style, palettes, saving, labels, order.

* the print style (:data:`STYLE`, :func:`style`) and the colour-blind safe
  palettes (:data:`OKABE_ITO` with :data:`MARKERS`, :data:`HEATMAP_CMAP`,
  the verdict colours);
* :func:`save_figure`: PNG, PDF and the CSV of the plotted data, byte-stable
  (deterministic metadata, ``SOURCE_DATE_EPOCH``), naming the run
  (:func:`set_run`);
* sizes that keep text readable at one statement and at twenty
  (:data:`MAX_HEIGHT`, :data:`ROW_HEIGHT`, captions wrapped to the width);
* labels and order: :func:`country_name`, :func:`document_labels`,
  :func:`document_order` (the one reading order of statements),
  :func:`short_label`, section order.

The figure modules of the notebooks (:mod:`.corpus` 01,
:mod:`.sections_topics` 02, :mod:`.countries_tone` 03,
:mod:`.objectives_evaluation` 04, :mod:`.comparison` 05, :mod:`.validation`)
import from here; this module imports none of them.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import textwrap
from pathlib import Path

import pandas as pd
import pycountry
import matplotlib
from matplotlib.figure import Figure

from ... import config
from ...measures.countries import display_names
from ...progress.grading import VERDICTS_BEST_FIRST as VERDICTS
from ...progress.objectives import aim_opener
from ...io.tables import atomic_path, write_table


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
#: Tallest figure in inches (a journal page less its caption); rows beyond
#: what fits at :data:`MIN_ROW_HEIGHT` are left out of the drawing (the
#: figure says how many) but kept in the table.
MAX_HEIGHT = 9.0
#: Height of one row of a dot or bar chart in inches (a 7.5 pt tick label
#: with its spacing), and the least it may shrink to under :data:`MAX_HEIGHT`
#: (7.5 pt text is 0.104 in tall).
ROW_HEIGHT, MIN_ROW_HEIGHT = 0.22, 0.135
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


# ----------------------------------------------------------- labels and order

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

    The one order of statements in every figure and table of the figures
    (notebooks 01–05). The key of a document is

    1. its ``date``, else the year of its volume or title (a bare year sorts
       before the full dates of that year), else none: undated documents
       come after every dated one;
    2. ties (the same date, or both undated) by its label
       (:func:`document_labels`: focus country and year), so that the order
       follows what the documents say, not their file names (issue 12);
    3. its ``doc_id``, which only a document without a focus country shows
       in its label.

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

    Undated statements come last, in the order of their labels (Chile
    before Peru), whatever their ids:

    >>> docs = pd.DataFrame({"doc_id": ["a-peru", "z-chile", "m"], "country": ["PE", "CL", "BR"],
    ...                      "date": ["", "", "1949-06-25"]})
    >>> document_order(docs, ["a-peru", "z-chile", "m", "x"])
    ['m', 'z-chile', 'a-peru', 'x']
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


# ------------------------------------------------------------ captions and rows

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


def _truncate_rows(items: list, limit: int) -> tuple[list, int]:
    """The first ``limit`` of ``items`` and how many were left out."""
    return (items[:limit], len(items) - limit) if len(items) > limit else (items, 0)
