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
# # 4. Stated objectives against the evaluation
#
# Each statement names its objectives in section a and judges them in its evaluation
# section. For every objective: the verdict of the evaluation on the five-level scale
# (achieved, partial, slow, not achieved, not assessed), the evaluation sentences aligned
# with it, and the evidence. With several documents, assessed progress is compared across
# countries and dates.

# %% tags=["parameters"]
corpus = None  # folder of FRUS plain-text documents (None: the embedded data/raw)
out = None  # folder of the tables OUT/*.csv (None: build/)
figures = None  # folder of the figures (None: figures/ for the default corpus, else OUT/figures)
seed = 20260101  # the one seed of every resampling and model fit

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

import analysis
from analysis.report import figures as fg
from analysis.report import notebooks as nbk

tables, have, figures = nbk.setup("04", corpus, out, figures, seed)

# %% [markdown]
# ## The verdict on each objective
#
# One row per stated objective (labelled `O1`, `O2`, … with a short form of its text); the
# dot sits on the verdict, the small number is the grader's confidence (its calibrated
# probability). Held out on the ten coded statements the verdicts agree with the coders on
# about 3 objectives in 10 (README, "method and validation"; `figures/validation-confusion`):
# read each verdict with its confidence and check it against its evidence sentences below.

# %%
if have["objectives"] and have["assessments"]:
    verdicts = fg.verdict_data(tables["objectives"], tables["assessments"], tables["documents"])
    fig = fg.plot_verdicts(verdicts)
    fg.save_figure(fig, "04-verdicts", verdicts, folder=figures)
    display(fig)

# %% [markdown]
# ## The evidence
#
# Each objective in full, its verdict, and the evaluation sentences that carry it.

# %%
if have["objectives"] and have["assessments"]:
    evidence = verdicts.merge(
        tables["assessments"][["doc_id", "objective_id", "evidence"]],
        on=["doc_id", "objective_id"], how="left")
    with pd.option_context("display.max_colwidth", None):
        display(evidence[["document", "objective_id", "objective", "verdict", "evidence"]])

# %% [markdown]
# Why each verdict: the aligned sentences with their scores and the words that decided the
# grade (`analysis.explain(doc_id, objective_id, tables)`).

# %%
if have["objectives"] and have["assessments"] and hasattr(analysis, "explain"):
    for row in tables["objectives"].itertuples():
        print(analysis.explain(row.doc_id, int(row.objective_id), tables), end="\n\n")

# %% [markdown]
# ## Which evaluation sentences speak to which objective
#
# The alignment score of every objective with every sentence of the evaluation section, one
# heat map per document: the probability that a coder would cite the sentence for the aim; outlined cells are
# the evidence the package keeps (see docs/methods.md for how that rule is learned).

# %%
if have["objectives"] and have["alignment"]:
    for doc_id, label in fg.document_labels(tables["documents"]).items():
        grid = fg.alignment_matrix(tables["alignment"], tables["objectives"],
                                   tables["sentences"], doc_id)
        fig = fg.plot_alignment(grid, title_doc=label)
        fg.save_figure(fig, f"04-alignment-{doc_id}", grid, folder=figures)
        display(fig)

# %% [markdown]
# ## Assessed progress across documents
#
# How many objectives of each statement got each verdict, as shares of its assessed
# objectives with the counts, and apart how many the evaluation does not assess; statements
# in date order. Verdicts are ordinal codes on a handful of objectives, so they are shown as
# counts, not as a mean with an interval. With one document this is that document's
# profile; add statements of other countries and years to compare them.

# %%
if have["objectives"] and have["assessments"]:
    progress = fg.progress_data(verdicts, tables["documents"], seed=seed)
    fig = fg.plot_progress(progress)
    fg.save_figure(fig, "04-progress", progress, folder=figures)
    display(fig)

# %% [markdown]
# ## Findings
#
# Written from the tables above by `analysis.report.findings`, so they stay true when the
# corpus changes; agreement figures are quoted when `make validation` has written its tables.

# %%
from IPython.display import Markdown

from analysis.report import findings as fd

display(Markdown(fd.as_markdown(fd.progress_findings(tables, fd.read_validation(out)))))
