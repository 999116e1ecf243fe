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
# # 3. Countries and tone
#
# Which countries each section mentions, and in what tone each section and each country is
# written about. Two tone scores sit side by side (see `analysis.sentiment`): VADER's
# compound score (general affect) and the diplomatic-register score (tone of assessment,
# with negation and hedges). Every point shows the number of sentences behind it; the last
# cells list the sentences behind the most negative country.

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

tables, have, figures = nbk.setup("03", corpus, out, figures, seed)

# %% [markdown]
# ## Countries mentioned, by section
#
# Number of sentences of each section that mention a country (footnotes excluded), for the
# countries mentioned most.

# %%
if have["mentions"]:
    by_section = fg.country_matrix(tables["mentions"], tables["sentences"], by="section")
    fig = fg.plot_country_heatmap(by_section, by="section")
    fg.save_figure(fig, "03-countries-by-section", by_section, folder=figures)
    display(fig)

# %% [markdown]
# ## Countries mentioned, by document

# %%
if have["mentions"]:
    by_doc = fg.country_matrix(tables["mentions"], tables["sentences"], by="document",
                               documents=tables["documents"])
    fig = fg.plot_country_heatmap(by_doc, by="document")
    fg.save_figure(fig, "03-countries-by-document", by_doc, folder=figures)
    display(fig)

# %%
if have["mentions"]:
    display(tables["mentions"].groupby(["iso2", "country", "kind"]).size()
            .rename("n_mentions").reset_index())

# %% [markdown]
# ## Tone by section

# %%
if have["section_sentiment"]:
    tone_section = fg.tone_intervals(tables["section_sentiment"], by="section",
                                     documents=tables["documents"])
    fig = fg.plot_tone(tone_section, by="section")
    fg.save_figure(fig, "03-tone-by-section", tone_section, folder=figures)
    display(fig)

# %% [markdown]
# ## Tone by country
#
# Stance toward each country is read from the clause that names it (one score per mention);
# beside it, the tone of the whole sentences naming the country. The caption gives the
# stance score's held-out agreement with hand coding. Countries named fewer than five times
# have no interval: read them as pointers to sentences, not as measurements.

# %%
if have["country_sentiment"]:
    tone_country = fg.tone_intervals(tables["country_sentiment"], by="country",
                                     documents=tables["documents"])
    fig = fg.plot_tone(tone_country, by="country", agreement=fg.stance_agreement_note())
    fg.save_figure(fig, "03-tone-by-country", tone_country, folder=figures)
    display(fig)

# %% [markdown]
# ## Behind the most negative country
#
# The country with the lowest mean diplomatic-register score (among countries named in at
# least two sentences), and every sentence that mentions it, with the mention marked «thus».

# %%
if have["country_sentiment"] and have["mentions"] and len(tables["country_sentiment"]):
    worst = nbk.most_negative(tables["country_sentiment"], score="register")
    print(f"{worst['country']} ({worst['iso2']}): mean register {worst['register_mean']:.2f}, "
          f"VADER {worst['compound_mean']:.2f}, {int(worst['n_sentences'])} sentences")
    lines = analysis.kwic(tables, worst["iso2"])
    with pd.option_context("display.max_colwidth", None):
        display(lines[["doc_id", "sentence_id", "section", "text"]])

# %% [markdown]
# Any other aggregate can be opened the same way: `analysis.kwic(tables, "Peru")` for a
# country, or a regular expression such as `analysis.kwic(tables, r"progress")`.

# %% [markdown]
# ## Findings
#
# Written from the tables above by `analysis.report.findings`, so they stay true when the
# corpus changes; agreement figures are quoted when `make validation` has written its tables.

# %%
from IPython.display import Markdown

from analysis.report import findings as fd

display(Markdown(fd.as_markdown(fd.tone_findings(tables, fd.read_validation(out)))))
