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
# # 5. Comparing the statements
#
# The same measures side by side for every statement of the corpus: how the evaluations
# judged each kind of objective, the tone of each section, the topic mix and the countries
# each statement names. With one statement (the embedded seed) every figure still draws
# and says there is nothing to compare yet; run
# `python -m analysis notebooks --corpus data/coded --out build/coded` for the ten coded
# statements.

# %% tags=["parameters"]
corpus = None  # folder of FRUS plain-text documents (None: the embedded data/raw)
out = None  # folder of the tables OUT/*.csv (None: build/)
figures = None  # folder of the figures (None: figures/ for the default corpus, else OUT/figures)
seed = 20260101  # the one seed of every resampling and model fit

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown, display

from analysis import config
from analysis.progress import kinds as kd
from analysis.report.figures import comparison as cp
from analysis.report import figures as fg
from analysis.report import findings as fd
from analysis.report import notebooks as nbk

tables, have, figures = nbk.setup("05", corpus, out, figures, seed)

# %% [markdown]
# ## Kinds of objectives
#
# Each objective gets one kind from the keyword rules of `analysis/data/objective_kinds.csv`
# (the keyword that comes first in the aim decides; `also` lists the other kinds its text
# touches). The rules agree with a hand coding of the 66 coded objectives as shown below —
# a development figure, since they were written with those objectives in view
# (docs/methods.md).

# %%
if have["objectives"]:
    kinds = kd.objective_kinds(tables["objectives"])
    with pd.option_context("display.max_colwidth", 80):
        display(kinds.merge(tables["objectives"][["doc_id", "objective_id", "text"]],
                            on=["doc_id", "objective_id"]))
agreement = None
if (config.DATA_DIR / "coded" / kd.CODED_KINDS).is_file():
    agreement = kd.coded_agreement(config.DATA_DIR / "coded")
    display(agreement)

# %% [markdown]
# ## Assessed progress by kind of objective
#
# How many objectives of each kind the evaluations judged achieved, partial, slow, not
# achieved or did not assess: counts, not means (the verdict scale is ordinal and a kind
# holds a handful of aims). The verdicts are the package's grader's, whose held-out
# agreement with the coders is low (README): read the bars as where to look.

# %%
if have["objectives"] and have["assessments"]:
    by_kind = cp.progress_by_kind(tables["objectives"], tables["assessments"], kinds)
    fig = cp.plot_progress_by_kind(by_kind)
    fg.save_figure(fig, "05-progress-by-kind", by_kind, folder=figures)
    display(fig)
else:
    by_kind = None

# %% [markdown]
# ## Tone of each section across statements
#
# Mean sentence score of each section of each statement, both scores, with the 95% interval
# of `section_sentiment.csv` as it is: a seeded bootstrap that resamples the paragraphs of
# that section (not statements). Open markers: fewer than five sentences.

# %%
if have["section_sentiment"]:
    tone = cp.tone_across(tables["section_sentiment"], tables["documents"])
    fig = cp.plot_tone_across(tone)
    fg.save_figure(fig, "05-tone-by-section", tone, folder=figures)
    display(fig)
else:
    tone = None

# %% [markdown]
# ## Topic mix of each statement
#
# Mean share of each topic in the statement's units (paragraphs) with a 95% interval
# (`topic_prevalence.csv`, grouping `statement`; with one statement, from
# `unit_topics.csv` by the same bootstrap over its units).

# %%
if have["unit_topics"] or have["topic_prevalence"]:
    mix = cp.topic_mix(tables.get("topic_prevalence"), tables.get("topic_terms"),
                       tables["documents"], tables.get("unit_topics"), seed=seed)
    fig = cp.plot_topic_mix(mix)
    fg.save_figure(fig, "05-topic-mix", mix, folder=figures)
    display(fig)
else:
    mix = None

# %% [markdown]
# ## Countries named in each statement
#
# The share of each statement's sentences that name each of the most widely named
# countries (the focus country of each statement ringed; the number is the count of
# sentences).

# %%
if have["mentions"]:
    countries = cp.countries_per_statement(tables["mentions"], tables["sentences"],
                                           tables["documents"])
    fig = cp.plot_countries_per_statement(countries)
    fg.save_figure(fig, "05-countries", countries, folder=figures)
    display(fig)
else:
    countries = None

# %% [markdown]
# ## Findings
#
# Written from the tables above (`analysis.report.findings`), so they follow the corpus;
# agreement figures come from `make validation` when its tables are in `OUT/validation`.

# %%
display(Markdown(fd.as_markdown(fd.comparison_findings(
    by_kind, tone, mix, countries, kind_agreement=agreement,
    validation=fd.read_validation(out)))))
