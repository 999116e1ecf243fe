"""Figures of notebook 01 (corpus): the length of each section, the corpus summary."""
from __future__ import annotations

import numpy as np
import pandas as pd
import matplotlib
from matplotlib.figure import Figure

from .shared import (
    OKABE_ITO, document_labels, document_order, style, _empty, _height, _max_rows, _new_figure,
    _note, _section_order, _sort_sections, _title, _truncate_rows,
)


#: Documents up to which the section-length chart groups one bar per
#: document in each section; more documents are rows of stacked bars.
GROUPED_DOCS = 3


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
