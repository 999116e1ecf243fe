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
# # 2. Sections and topics
#
# What do the sections talk about? A topic model over paragraphs (see `analysis.topics`):
# the top terms of each topic, how the number of topics k was chosen (coherence and
# stability across seeds), and how much of each section each topic takes, with bootstrap
# 95% intervals. On a corpus of one statement a topic model describes that statement's
# vocabulary; it does not generalise.

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

tables, have, figures = nbk.setup("02", corpus, out, figures, seed)

# %% [markdown]
# ## Choice of k
#
# Coherence (mean NPMI of each topic's top terms over the corpus itself) and stability
# (agreement of the topics across several seeds) for each k tried; the circled point is the
# k the documented rule chose (see `analysis.measures.topics.choose_k`).

# %%
if have["topic_selection"]:
    selection = tables["topic_selection"]
    display(selection)
    fig = fg.plot_k_selection(selection)
    fg.save_figure(fig, "02-k-selection", selection, folder=figures)
    display(fig)

# %% [markdown]
# ## Top terms of each topic

# %%
if have["topic_terms"]:
    terms = fg.topic_term_data(tables["topic_terms"], n_terms=8, measure="weight")
    fig = fg.plot_topic_terms(terms)
    fg.save_figure(fig, "02-topic-terms", terms, folder=figures)
    display(fig)

# %% [markdown]
# The same topics ranked by relevance (λ = 0.6, Sievert & Shirley 2014), which favours terms
# distinctive of a topic over terms frequent everywhere:

# %%
if have["topic_terms"] and "measure" in tables["topic_terms"]:
    rel = fg.topic_term_data(tables["topic_terms"], n_terms=8, measure="relevance")
    display(rel.pivot(index="rank", columns="topic", values="term"))

# %% [markdown]
# ## Topic prevalence by section
#
# Mean share of each topic in the paragraphs of each section, with a seeded bootstrap 95%
# interval; n is the number of paragraphs behind each point.

# %%
if have["topic_prevalence"] and have["topic_terms"]:
    prev = tables["topic_prevalence"]
    prev_section = prev[prev["grouping"] == "section"].reset_index(drop=True)
    labels = fg.topic_labels(tables["topic_terms"])
    fig = fg.plot_topic_prevalence(prev_section, labels=labels, grouping="section")
    fg.save_figure(fig, "02-topic-prevalence-by-section", prev_section, folder=figures)
    display(fig)

# %%
if have["topic_prevalence"]:
    display(tables["topic_prevalence"].query("grouping != 'section'"))

# %% [markdown]
# ## Findings
#
# Written from the tables above by `analysis.report.findings`, so they stay true when the
# corpus changes; agreement figures are quoted when `make validation` has written its tables.

# %%
from IPython.display import Markdown

from analysis.report import findings as fd

display(Markdown(fd.as_markdown(fd.topics_findings(tables))))
