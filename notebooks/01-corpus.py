# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1. What is in the corpus
#
# The documents, their sections and how long each is, the pages they cover and their
# footnotes. Run top to bottom; to read another folder of FRUS policy statements, change
# the parameters below or run
# `python -m analysis notebooks --corpus DIR --out OUT` (figures then go to `OUT/figures/`).

# %% tags=["parameters"]
corpus = None  # folder of FRUS plain-text documents (None: the embedded data/raw)
out = None  # folder of the tables OUT/*.csv (None: build/)
figures = None  # folder of the figures (None: figures/ for the default corpus, else OUT/figures)
seed = 20260101  # the one seed of every resampling and model fit

# %%
# %matplotlib inline
from IPython.display import display

from analysis.report import figures as fg
from analysis.report import notebooks as nbk

tables, have, figures = nbk.setup("01", corpus, out, figures, seed)

# %% [markdown]
# ## The manifest and the documents
#
# One row per document: the manifest's metadata (`data/corpus.csv` where present) and what
# the loader found (title, date, focus country, number of sentences, SHA-256 of the file).

# %%
display(tables["documents"])

# %%
summary = fg.corpus_summary(tables)
display(summary)

# %% [markdown]
# ## Sections and their lengths
#
# Statements of the series have four lettered sections: a. objectives, b. policies,
# c. relations with other states, d. (policy) evaluation. Text before the first heading or
# under an unrecognised heading is `other`.

# %%
lengths = fg.section_lengths(tables["sentences"])
fig = fg.plot_section_lengths(lengths, tables["documents"])
fg.save_figure(fig, "01-section-lengths", lengths, folder=figures)
fig

# %%
display(lengths)

# %% [markdown]
# ## Headings and sub-headings as written
#
# The loader maps each heading to a canonical section; these are the headings and run-in
# sub-headings it saw, with the number of sentences under each.

# %%
display(tables["sentences"]
        .groupby(["doc_id", "section", "heading", "subheading"], dropna=False, sort=False)
        .size().rename("n_sentences").reset_index())

# %% [markdown]
# ## Footnotes
#
# Footnotes are kept apart from the body: no measure counts them as text of the statement.

# %%
display(tables["footnotes"])

# %% [markdown]
# ## Findings
#
# Written from the tables above by `analysis.report.findings`, so they stay true when the
# corpus changes; agreement figures are quoted when `make validation` has written its tables.

# %%
from IPython.display import Markdown

from analysis.report import findings as fd

display(Markdown(fd.as_markdown(fd.corpus_findings(tables))))
