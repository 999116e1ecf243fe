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
# # 6. Hand coding: check the package against your own judgement
#
# Draw a seeded sample of units from a corpus the package has read, label each with one
# click, and compare with the package (`python -m analysis agreement CODING.csv`).
#
# * **objective** units show a stated objective with the statement's evaluation section
#   beside it: give the verdict the evaluation *says* (`docs/methods.md`, section 1);
# * **tone** units show a sentence: is its tone negative, neutral or positive?
# * **stance** units show a sentence with a country mention in `[[ ]]`: is the sentence
#   unfavourable, neutral or favourable *toward that country*?
#
# Labels are appended to `coding` (a CSV) with your coder id and the time; earlier coding is
# never overwritten. Rerun the notebook to resume where you stopped. A second coder sets
# another `coder` and sees the same units, never the first coder's labels. This notebook is
# interactive and not run by `make reproduce`.

# %% tags=["parameters"]
corpus = None  # folder of documents (None: the embedded data/raw)
out = None  # folder of the run's tables (None: build/)
kind = "objective"  # "objective", "tone" or "stance"
n_units = 30  # units in the sample
coder = ""  # your coder id, e.g. your initials
coding = None  # the coding CSV (None: OUT/coding-<kind>.csv)
seed = 20260101  # the sample's seed: the same seed gives every coder the same units

# %%
from pathlib import Path

from IPython.display import display

from analysis.report import coding as cd
from analysis import config
from analysis.report import notebooks as nbk

tables, have, figures = nbk.setup("04" if kind == "objective" else "03", corpus, out, None, seed)
units = cd.sample_units(tables, kind, n=n_units, seed=seed)
coding_path = Path(coding) if coding else Path(out or config.BUILD_DIR) / f"coding-{kind}.csv"
print(f"{len(units)} {kind} units from {units['doc_id'].nunique()} document(s); coding goes to {coding_path}")

# %% [markdown]
# ## Code
#
# Set `coder` above first. Each click records one label and shows the next unit.

# %%
if coder:
    session = cd.CodingSession(units, coding_path, coder=coder)
    display(session.widget())
else:
    print("Set `coder` in the parameters cell to start coding.")

# %% [markdown]
# ## Export your objective verdicts as gold files
#
# The gold files can be read by `python -m analysis validate GOLD_DIR DOCS_DIR`.

# %%
if coder and kind == "objective" and coding_path.exists():
    done = cd.read_coding(coding_path)
    if (done["coder"] == coder).any():
        paths = cd.export_gold(done, coder, tables, coding_path.parent / f"gold-{coder}")
        print("wrote", *[p.name for p in paths])
