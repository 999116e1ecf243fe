"""Figures for papers: tidy table in, matplotlib Figure out, saved byte-stable.

One module per notebook, and one that all of them share:

========================================  ==========================================
module                                    figures
========================================  ==========================================
:mod:`.shared`                            style, palettes, :func:`save_figure`, labels and
                                          order of statements (:func:`document_order`)
:mod:`.corpus`                            notebook 01: ``01-section-lengths``, corpus summary
:mod:`.sections_topics`                   notebook 02: ``02-k-selection``, ``02-topic-*``
:mod:`.countries_tone`                    notebook 03: ``03-countries-*``, ``03-tone-*``
:mod:`.objectives_evaluation`             notebook 04: ``04-verdicts``, ``04-alignment-*``,
                                          ``04-progress``
:mod:`.comparison`                        notebook 05: ``05-*`` (across statements)
:mod:`.validation`                        ``validation-confusion`` (``make validation``),
                                          ``agreement-*``
========================================  ==========================================

Imports run one way: every module imports :mod:`.shared` (and
:mod:`.comparison` two data functions of 02 and 03), none imports this
package; this package re-exports their public names, so
``from analysis.report import figures as fg; fg.plot_verdicts(...)`` reaches
every figure. (The constants of :mod:`.comparison` are not re-exported: its
``TOP_COUNTRIES`` differs from that of notebook 03; use
``fg.comparison.TOP_COUNTRIES``.)

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
``tests/report/figures/test_readability.py`` draws every ``plot_*`` function
of notebooks 01–04 on a generated corpus of 1, 3 and 20 statements and
checks that no labels overlap and no text leaves the figure.

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

from .shared import (
    DPI, VECTOR_FORMATS, SOURCE_DATE_EPOCH, FULL_WIDTH, OKABE_ITO, MARKERS, HEATMAP_CMAP, VERDICTS,
    VERDICT_LABELS, VERDICT_COLORS, VERDICT_MARKERS, SCORE_LABELS, LABEL_CHARS, MAX_HEIGHT,
    ROW_HEIGHT, MIN_ROW_HEIGHT, STYLE, NOTE_CHARS_PER_INCH, TITLE_CHARS_PER_INCH, NAME_CHARS,
    RESAMPLED_WORDS, RUN, style, save_figure, set_run, country_name, document_labels,
    document_order, short_label,
)
from .corpus import GROUPED_DOCS, section_lengths, plot_section_lengths, corpus_summary
from .sections_topics import (
    DODGE_GROUPS, topic_labels, topic_term_data, plot_topic_terms, plot_k_selection,
    plot_topic_prevalence,
)
from .countries_tone import (
    TOP_COUNTRIES, TOP_TONE_ROWS, TONE_RESAMPLED, TONE_COLUMNS, country_matrix,
    plot_country_heatmap, tone_intervals, plot_tone, stance_agreement_note,
)
from .objectives_evaluation import (
    WRAP_CHARS, WRAP_LINES, WRAP_FEW, VERDICT_ROWS, VERDICT_PANELS, MIN_ALPHA, NA_X, MATRIX_MARKER,
    MATRIX_MARGINS, MATRIX_MARKERS, PROGRESS_COLUMNS, ORDINAL_VERDICTS, verdict_data, plot_verdicts,
    alignment_matrix, plot_alignment, progress_data, plot_progress, legend_verdicts,
)
from .comparison import (
    progress_by_kind, plot_progress_by_kind, tone_across, plot_tone_across, topic_mix,
    plot_topic_mix, countries_per_statement, plot_countries_per_statement,
)
from .validation import plot_confusion
