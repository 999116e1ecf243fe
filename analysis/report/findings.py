"""Findings: the sentences that close each notebook, generated from its tables.

Each notebook ends with a short list of findings. They are written here, from
the tables, so that they stay true when the corpus changes: which
differences are largest, with the n and the interval behind each number,
and what the numbers cannot support. One function per notebook returns a
list of sentences; :func:`as_markdown` turns it into the Markdown the
notebook displays.

Agreement figures are read from the validation tables when
``make validation`` has written them (:func:`read_validation`); otherwise
the caveat is stated without a number. No figure is typed in here.

Examples
--------
>>> docs = pd.DataFrame({"doc_id": ["d"], "country": ["PE"], "date": ["1951-01-01"]})
>>> s = pd.DataFrame({"doc_id": ["d"] * 3, "section": ["objectives", "policies", "policies"],
...                   "paragraph": [1, 2, 2], "text": ["We seek peace.", "We act now.", "Aid flows."]})
>>> corpus_findings({"documents": docs, "sentences": s})[0]
'The corpus holds 1 statement: 3 sentences, 8 words.'
>>> print(as_markdown(["One.", "Two."]))
**Findings**
<BLANKLINE>
- One.
- Two.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import config
from ..measures.stats import SMALL_GROUP
from . import figures as fg

#: Groups under this many sentences (or mentions) are not used for the
#: "largest difference" sentences: their intervals are unreliable (the
#: package's small-group threshold, :data:`analysis.measures.stats.SMALL_GROUP`).
MIN_N = SMALL_GROUP

#: Validation tables a finding may quote (written by ``make validation``
#: into ``build/validation``).
VALIDATION_FILES = ("validation_summary.csv", "stance_agreement.csv")


def as_markdown(sentences: list, title: str = "Findings") -> str:
    """A bold title and one bullet per sentence (for :class:`IPython.display.Markdown`).

    Parameters
    ----------
    sentences : list of str
        From one of the ``*_findings`` functions.
    title : str, default "Findings"

    Returns
    -------
    str

    Examples
    --------
    >>> as_markdown(["A.", "B."], title="So")
    '**So**\\n\\n- A.\\n- B.'
    """
    return f"**{title}**\n\n" + "\n".join(f"- {s}" for s in sentences)


def read_validation(folder=None) -> dict:
    """The validation tables of a run (name without ``.csv`` -> DataFrame).

    Looks in ``folder/validation`` (where ``make validation`` writes them
    beside the tables of ``build``), then in ``folder`` itself.

    Parameters
    ----------
    folder : str or Path, optional
        The tables' folder (the notebooks' ``out``); default ``build``.

    Examples
    --------
    >>> read_validation("no/such/folder")
    {}
    """
    folder = config.BUILD_DIR if folder is None else Path(folder)
    out = {}
    for name in VALIDATION_FILES:
        for p in (folder / "validation" / name, folder / name):
            if p.is_file():
                out[p.stem] = pd.read_csv(p)
                break
    return out


def _n(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def _ci(mean, low, high, digits: int = 2) -> str:
    if pd.isna(low) or pd.isna(high) or (low == high == mean):
        return f"{mean:.{digits}f} (no interval)"
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def _overlap(a, b) -> bool:
    return not (a["ci_low"] > b["ci_high"] or b["ci_low"] > a["ci_high"])


def _widest_gap(groups):
    """The group whose rows differ most in ``mean``: (key, highest row, lowest row), or None.

    ``groups`` yields ``(key, frame)`` pairs; the first of equal gaps wins.

    Examples
    --------
    >>> g = pd.DataFrame({"k": ["a", "a", "b", "b"], "mean": [0.1, 0.5, 0.2, 0.3]})
    >>> key, hi, lo = _widest_gap(g.groupby("k"))
    >>> key, float(hi["mean"]), float(lo["mean"])
    ('a', 0.5, 0.1)
    """
    best = None
    for key, g in groups:
        hi, lo = g.loc[g["mean"].idxmax()], g.loc[g["mean"].idxmin()]
        if best is None or hi["mean"] - lo["mean"] > best[0]:
            best = (hi["mean"] - lo["mean"], key, hi, lo)
    return best[1:] if best else None


def _labels(tables: dict) -> pd.Series:
    return fg.document_labels(tables.get("documents"))


# ------------------------------------------------------------------ 01 corpus

def corpus_findings(tables: dict) -> list:
    """Findings of notebook 01: size, the longest section, missing sections.

    Parameters
    ----------
    tables : dict
        ``documents`` and ``sentences``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a", "a", "b"], "section": ["policies", "evaluation", "policies"],
    ...                   "paragraph": [1, 2, 1], "text": ["one two three", "four", "five six"]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"]})
    >>> for line in corpus_findings({"documents": docs, "sentences": s}): print(line)
    The corpus holds 2 statements: 3 sentences, 6 words.
    The longest statement is a (4 words), the shortest b (2 words).
    The policies section is the longest in 2 of 2 statements; over the corpus it holds 5 of 6 words (83%).
    2 of 2 statements have no objectives section (a, b): its measures are absent, not zero.
    1 of 2 statements has no evaluation section (b): its measures are absent, not zero.
    """
    s = tables["sentences"]
    lab = _labels(tables)
    words = s.assign(_w=s["text"].fillna("").str.split().str.len())
    per_doc = words.groupby("doc_id")["_w"].sum()
    n_docs = int(tables["documents"]["doc_id"].nunique()) if "documents" in tables else len(per_doc)
    out = [f"The corpus holds {_n(n_docs, 'statement')}: {len(s)} sentences, "
           f"{int(per_doc.sum())} words."]
    if len(per_doc) > 1:
        top, low = per_doc.sort_values(kind="stable").index[[-1, 0]]
        out.append(f"The longest statement is {lab.get(top, top)} ({int(per_doc[top])} words), "
                   f"the shortest {lab.get(low, low)} ({int(per_doc[low])} words).")
    by = words.groupby(["doc_id", "section"])["_w"].sum().reset_index()
    if len(by):
        longest = by.sort_values(["doc_id", "_w"], ascending=[True, False], kind="stable") \
            .drop_duplicates("doc_id")["section"].value_counts()
        sec = longest.index[0]
        total = words.groupby("section")["_w"].sum()
        out.append(f"The {sec} section is the longest in {int(longest.iloc[0])} of "
                   f"{_n(len(per_doc), 'statement')}; over the corpus it holds "
                   f"{int(total[sec])} of {int(total.sum())} words ({total[sec] / total.sum():.0%}).")
    docs = list(per_doc.index)
    complete = True
    for sec in ("objectives", "evaluation"):
        have = set(s.loc[s["section"] == sec, "doc_id"])
        lack = [d for d in docs if d not in have]
        if lack:
            complete = False
            out.append(f"{len(lack)} of {_n(len(docs), 'statement')} "
                       f"{'has' if len(lack) == 1 else 'have'} no {sec} section "
                       f"({', '.join(lab.get(d, d) for d in lack)}): its measures are absent, not zero.")
    if complete:
        out.append("Every statement has an objectives and an evaluation section, so every "
                   "statement enters the comparison of objectives with their evaluation.")
    if n_docs == 1:
        out.append("With one statement these lengths describe that statement only; "
                   "they say nothing about the series.")
    return out


# ------------------------------------------------------------------ 02 topics

def topics_findings(tables: dict) -> list:
    """Findings of notebook 02: the chosen k and the largest difference between sections.

    Examples
    --------
    >>> sel = pd.DataFrame({"method": "nmf", "k": [2, 3], "coherence": [0.21, 0.13],
    ...                     "stability": [0.91, 0.77], "chosen": [True, False]})
    >>> terms = pd.DataFrame({"topic": [1, 2], "measure": "weight", "rank": 1,
    ...                       "term": ["army", "trade"], "weight": [0.5, 0.4]})
    >>> prev = pd.DataFrame({"grouping": "section", "group": ["policies", "evaluation"] * 2,
    ...     "topic": [1, 1, 2, 2], "mean": [0.75, 0.2, 0.25, 0.8], "ci_low": [0.65, 0.1, 0.2, 0.7],
    ...     "ci_high": [0.85, 0.3, 0.3, 0.9], "n_units": [10, 6, 10, 6], "resampled": "units"})
    >>> out = topics_findings({"topic_selection": sel, "topic_terms": terms, "topic_prevalence": prev})
    >>> out[0]
    'The rule chose k = 2 topics (coherence 0.21, stability 0.91, over 2 values of k tried).'
    >>> out[1]
    'The largest difference between sections is topic T1: army: 0.75 [0.65, 0.85] of a unit in policies (n = 10) against 0.20 [0.10, 0.30] in evaluation (n = 6); the intervals do not overlap.'
    """
    out = []
    sel = tables.get("topic_selection")
    if sel is not None and len(sel):
        ch = sel[sel["chosen"].astype(str).str.lower().isin(["true", "1"])]
        if len(ch):
            r = ch.iloc[0]
            out.append(f"The rule chose k = {int(r['k'])} topics (coherence {r['coherence']:.2f}, "
                       f"stability {r['stability']:.2f}, over {sel['k'].nunique()} values of k tried).")
    prev = tables.get("topic_prevalence")
    terms = tables.get("topic_terms")
    labels = fg.topic_labels(terms, n_terms=1) if terms is not None and len(terms) else pd.Series(dtype=object)
    if prev is not None and len(prev):
        p = prev[(prev["grouping"] == "section") & (prev["n_units"] >= 2)]
        best = _widest_gap((t, g) for t, g in p.groupby("topic", sort=True) if len(g) >= 2)
        if best:
            topic, hi, lo = best
            out.append(f"The largest difference between sections is topic "
                       f"{labels.get(topic, f'T{int(topic)}')}: "
                       f"{_ci(hi['mean'], hi['ci_low'], hi['ci_high'])} of a unit in {hi['group']} "
                       f"(n = {int(hi['n_units'])}) against "
                       f"{_ci(lo['mean'], lo['ci_low'], lo['ci_high'])} in {lo['group']} "
                       f"(n = {int(lo['n_units'])}); the intervals "
                       f"{'overlap' if _overlap(hi, lo) else 'do not overlap'}.")
        resampled = sorted(set(p.get("resampled", pd.Series(dtype=str)).dropna().astype(str)))
        if resampled:
            out.append(f"Intervals resample {' and '.join(resampled)}; sections with one unit "
                       f"have none and are left out of this comparison.")
    out.append("Topics are fitted on this corpus and named by their top terms: they describe "
               "its vocabulary and cannot be read as categories of the series without "
               "reading the paragraphs behind them.")
    return out


# ------------------------------------------------------------ 03 countries/tone

def tone_findings(tables: dict, validation: dict | None = None) -> list:
    """Findings of notebook 03: the most named country, tone by section and toward countries.

    Parameters
    ----------
    tables : dict
        ``mentions``, ``section_sentiment``, ``country_sentiment`` (any may be absent).
    validation : dict, optional
        From :func:`read_validation`; ``stance_agreement`` gives the held-out
        agreement of the stance score with the coders.

    Examples
    --------
    >>> ss = pd.DataFrame({"doc_id": "d", "section": ["policies", "evaluation"],
    ...     "n_sentences": [40, 12], "register_mean": [0.01, 0.2], "register_low": [-0.02, 0.1],
    ...     "register_high": [0.04, 0.3], "small": [False, False]})
    >>> out = tone_findings({"section_sentiment": ss})
    >>> out[0]
    'The most favourable section in register is evaluation (0.20 [0.10, 0.30], n = 12 sentences), the least policies (0.01 [-0.02, 0.04], n = 40); the intervals do not overlap.'
    """
    validation = validation or {}
    lab = _labels(tables)
    out = []
    ss = tables.get("section_sentiment")
    if ss is not None and len(ss):
        t = ss[ss["n_sentences"] >= MIN_N]
        several = ss["doc_id"].nunique() > 1
        if len(t) >= 2:
            hi, lo = t.loc[t["register_mean"].idxmax()], t.loc[t["register_mean"].idxmin()]
            name = (lambda r: f"{r['section']} of {lab.get(r['doc_id'], r['doc_id'])}") if several \
                else (lambda r: r["section"])
            a = {"ci_low": hi["register_low"], "ci_high": hi["register_high"]}
            b = {"ci_low": lo["register_low"], "ci_high": lo["register_high"]}
            out.append(f"The most favourable section in register is {name(hi)} "
                       f"({_ci(hi['register_mean'], hi['register_low'], hi['register_high'])}, "
                       f"n = {int(hi['n_sentences'])} sentences), the least {name(lo)} "
                       f"({_ci(lo['register_mean'], lo['register_low'], lo['register_high'])}, "
                       f"n = {int(lo['n_sentences'])}); the intervals "
                       f"{'overlap' if _overlap(a, b) else 'do not overlap'}.")
    m = tables.get("mentions")
    if m is not None and len(m):
        per = m.drop_duplicates(["doc_id", "sentence_id", "iso2"]).groupby(["iso2", "country"]).agg(
            n=("sentence_id", "size"), docs=("doc_id", "nunique")).reset_index()
        per = per.sort_values(["n", "country"], ascending=[False, True], kind="stable")
        r = per.iloc[0]
        out.append(f"The country named most is {r['country']} ({int(r['n'])} sentences in "
                   f"{_n(int(r['docs']), 'statement')}); {per['iso2'].nunique()} countries are named in all.")
    cs = tables.get("country_sentiment")
    if cs is not None and len(cs) and "stance_mean" in cs:
        t = cs[~cs["small"].astype(str).str.lower().isin(["true", "1"])]
        if len(t):
            lo = t.sort_values(["stance_mean", "country"], kind="stable").iloc[0]
            out.append(f"The lowest stance toward a country named at least {MIN_N} times is toward "
                       f"{lo['country']}" + (f" in {lab.get(lo['doc_id'], lo['doc_id'])}"
                                             if cs["doc_id"].nunique() > 1 else "")
                       + f": {_ci(lo['stance_mean'], lo['stance_low'], lo['stance_high'])} "
                       f"(n = {int(lo['n_mentions'])} mentions in {int(lo['n_paragraphs'])} paragraphs).")
        n_small = len(cs) - len(t)
        if n_small:
            out.append(f"{n_small} of {len(cs)} country rows have fewer than {MIN_N} mentions and "
                       f"no interval: they point to sentences to read, not to a measurement.")
    sa = validation.get("stance_agreement")
    if sa is not None and len(sa):
        splits = [x for x in ("test", "test_statements") if x in set(sa["split"])]
        if not splits:
            splits = [x for x in ("heldout", "held_out") if x in set(sa["split"])][:1]
        what = {"test": " (whole volumes)", "test_statements": " (synthetic statements)"}
        said = []
        for split in splits:
            held = sa[sa["split"] == split].set_index("method")
            if "mention_stance" in held.index:
                r = held.loc["mention_stance"]
                base = (f", against {held.loc['all_neutral', 'accuracy']:.2f} for calling every "
                        f"mention neutral" if "all_neutral" in held.index else "")
                said.append(f"on {r['accuracy']:.2f} of {int(r['n'])}{what.get(split, '')} "
                            f"(kappa {r['kappa']:.2f}){base}")
        if said:
            out.append(f"On mentions it was never fitted on, the stance label agrees with the coders "
                       f"{'; '.join(said)}: tone toward a country is a screen, not a measurement.")
    else:
        out.append("Tone toward a country has not been shown to beat calling every mention "
                   "neutral on held-out statements (make validation writes the figure): read it "
                   "as a screen for sentences to read.")
    return out


# -------------------------------------------------- 04 objectives and verdicts

def _verdict_counts(verdicts: pd.Series) -> str:
    counts = verdicts.value_counts()
    return ", ".join(f"{int(counts.get(v, 0))} {fg.VERDICT_LABELS[v]}" for v in fg.VERDICTS)


def _held_out(validation: dict) -> str | None:
    s = validation.get("validation_summary")
    if s is None or s.empty:
        return None
    s = s[(s["scope"] == "pooled") & (s["mode"] == "held_out")].set_index("measure")
    if "accuracy" not in s.index:
        return None
    a = s.loc["accuracy"]
    k = f", weighted kappa {s.loc['kappa', 'value']:.2f}" if "kappa" in s.index else ""
    clear = validation["validation_summary"]
    clear = clear[(clear["scope"] == "coding") & (clear["group"] == "clear")
                  & (clear["measure"] == "accuracy") & (clear["mode"] == "held_out")]
    if len(clear):
        c = clear.iloc[0]
        k += (f" ({_ci(c['value'], c['low'], c['high'])} on the {int(c['n_units'])} "
              f"the coder called clear)")
    return (f"held out on {int(a['n_documents'])} coded statements the verdicts agree with the "
            f"coders on {_ci(a['value'], a['low'], a['high'])} of {int(a['n_units'])} objectives{k}")


def progress_findings(tables: dict, validation: dict | None = None) -> list:
    """Findings of notebook 04: verdict counts, the statements that differ most, the caveat.

    Examples
    --------
    >>> a = pd.DataFrame({"doc_id": ["a", "a", "b"], "objective_id": [1, 2, 1],
    ...                   "verdict": ["achieved", "slow", "not_achieved"]})
    >>> o = a[["doc_id", "objective_id"]]
    >>> out = progress_findings({"objectives": o, "assessments": a})
    >>> out[0]
    'Of 3 objectives in 2 statements, the evaluations give 1 achieved, 0 partial, 1 slow, 1 not achieved, 0 not assessed.'
    >>> out[1]
    'Most achieved: a (1 of 2 objectives); fewest: b (0 of 1).'
    """
    validation = validation or {}
    o, a = tables.get("objectives"), tables.get("assessments")
    if o is None or o.empty:
        return ["No objectives were found, so no verdict can be reported."]
    key = ["doc_id", "objective_id"]
    d = o[key].merge(a[key + ["verdict"]], on=key, how="left") if a is not None else o[key].assign(verdict=None)
    d["verdict"] = d["verdict"].fillna("not_assessed")
    lab = _labels(tables)
    out = [f"Of {_n(len(d), 'objective')} in {_n(d['doc_id'].nunique(), 'statement')}, the "
           f"evaluations give {_verdict_counts(d['verdict'])}."]
    if d["doc_id"].nunique() > 1:
        per = d.groupby("doc_id").agg(k=("verdict", lambda v: int((v == "achieved").sum())),
                                      n=("verdict", "size"))
        per["share"] = per["k"] / per["n"]
        per = per.sort_values(["share", "n"], ascending=[False, False], kind="stable")
        hi, lo = per.index[0], per.index[-1]
        out.append(f"Most achieved: {lab.get(hi, hi)} ({per.loc[hi, 'k']} of "
                   f"{_n(int(per.loc[hi, 'n']), 'objective')}); fewest: {lab.get(lo, lo)} "
                   f"({per.loc[lo, 'k']} of {per.loc[lo, 'n']}).")
    held = _held_out(validation)
    if held:
        out.append(f"These are the package's verdicts, not the coders': {held}, so a verdict is a "
                   f"pointer to its evidence sentences, to be checked, and differences between "
                   f"statements of a few objectives cannot be told from grading error.")
    else:
        out.append("These are the package's verdicts, not the coders': held out on the coded "
                   "statements they agree with the coders far less often than a second coder "
                   "does (make validation writes the figure), so a verdict is a pointer to its "
                   "evidence sentences, to be checked.")
    return out


# ------------------------------------------------------------ 05 comparison

def comparison_findings(by_kind: pd.DataFrame, tone: pd.DataFrame, mix: pd.DataFrame,
                        countries: pd.DataFrame, kind_agreement: pd.DataFrame | None = None,
                        validation: dict | None = None) -> list:
    """Findings of notebook 05, from the tables of its four figures.

    Parameters
    ----------
    by_kind, tone, mix, countries : pandas.DataFrame
        From :func:`analysis.report.figures.comparison.progress_by_kind`,
        :func:`~analysis.report.figures.comparison.tone_across`,
        :func:`~analysis.report.figures.comparison.topic_mix` and
        :func:`~analysis.report.figures.comparison.countries_per_statement`.
    kind_agreement : pandas.DataFrame, optional
        From :func:`analysis.progress.kinds.coded_agreement` (split, n,
        accuracy, kappa).
    validation : dict, optional
        From :func:`read_validation`.

    Examples
    --------
    >>> k = pd.DataFrame({"kind": ["security"] * 2 + ["economy"] * 2,
    ...     "kind_label": ["security and defence"] * 2 + ["economic development and trade"] * 2,
    ...     "verdict": ["achieved", "slow"] * 2, "n": [3, 1, 1, 4],
    ...     "n_objectives": [4, 4, 5, 5], "n_documents": [2, 2, 3, 3]})
    >>> e = pd.DataFrame(columns=["doc_id"])
    >>> out = comparison_findings(k, e, e, e)
    >>> out[0]
    'The most frequent kind of objective is economic development and trade (5 objectives in 3 statements).'
    >>> out[1]
    'Judged achieved most often: security and defence (3 of 4); least often: economic development and trade (1 of 5) — counts of a handful of aims, not rates of the series.'
    """
    validation = validation or {}
    out = []
    n_docs = max([int(t["doc_id"].nunique()) for t in (tone, mix, countries)
                  if t is not None and "doc_id" in t and len(t)] + [0])
    if by_kind is not None and len(by_kind):
        kinds = by_kind.drop_duplicates("kind").set_index("kind")
        tops = kinds[kinds["n_objectives"] == kinds["n_objectives"].max()]
        if len(tops) == 1:
            top = tops.iloc[0]
            out.append(f"The most frequent kind of objective is {top['kind_label']} "
                       f"({_n(int(top['n_objectives']), 'objective')} in "
                       f"{_n(int(top['n_documents']), 'statement')}).")
        else:
            out.append(f"No kind of objective is more frequent than the others: "
                       f"{', '.join(tops['kind_label'])} have "
                       f"{_n(int(tops['n_objectives'].iloc[0]), 'objective')} each.")
        ach = by_kind[by_kind["verdict"] == "achieved"].set_index("kind")["n"]
        k = kinds.assign(achieved=ach.reindex(kinds.index).fillna(0).astype(int))
        k = k[(k.index != "other") & (k["n_objectives"] >= 3)]
        if len(k) >= 2:
            k = k.assign(share=k["achieved"] / k["n_objectives"]).sort_values(
                ["share", "n_objectives"], ascending=[False, False], kind="stable")
            hi, lo = k.iloc[0], k.iloc[-1]
            out.append(f"Judged achieved most often: {hi['kind_label']} ({int(hi['achieved'])} of "
                       f"{int(hi['n_objectives'])}); least often: {lo['kind_label']} "
                       f"({int(lo['achieved'])} of {int(lo['n_objectives'])}) — counts of a "
                       f"handful of aims, not rates of the series.")
    if tone is not None and len(tone):
        t = tone[(tone["score"] == "register") & (tone["n_sentences"] >= MIN_N)]
        best = _widest_gap((sec, g) for sec, g in t.groupby("section", sort=False)
                           if g["doc_id"].nunique() >= 2)
        if best:
            sec, hi, lo = best
            out.append(f"Across statements the {sec} sections differ most in register: "
                       f"{hi['document']} {_ci(hi['mean'], hi['ci_low'], hi['ci_high'])} "
                       f"(n = {int(hi['n_sentences'])} sentences) against {lo['document']} "
                       f"{_ci(lo['mean'], lo['ci_low'], lo['ci_high'])} (n = {int(lo['n_sentences'])}); "
                       f"the intervals, which resample each section's paragraphs, "
                       f"{'overlap' if _overlap(hi, lo) else 'do not overlap'}.")
    if mix is not None and len(mix) and mix["doc_id"].nunique() > 1:
        _, hi, lo = _widest_gap(mix.groupby("topic", sort=True))
        out.append(f"The topic that varies most between statements is {hi['topic_label']}: "
                   f"{_ci(hi['mean'], hi['ci_low'], hi['ci_high'])} of a unit in {hi['document']} "
                   f"(n = {int(hi['n_units'])} units) against "
                   f"{_ci(lo['mean'], lo['ci_low'], lo['ci_high'])} in {lo['document']} "
                   f"(n = {int(lo['n_units'])}).")
    if countries is not None and len(countries):
        named = countries[countries["n_sentences"] > 0]
        per = named.groupby(["iso2", "country"])["doc_id"].nunique().reset_index(name="docs")
        foreign = per[~per["iso2"].isin(named.loc[named["focus"].astype(bool), "iso2"])]
        foreign = foreign[foreign["iso2"] != "US"] if "US" in set(per["iso2"]) else foreign
        if len(foreign):
            r = foreign.sort_values(["docs", "country"], ascending=[False, True], kind="stable").iloc[0]
            out.append(f"Besides the United States and the statements' own focus countries, "
                       f"{r['country']} is named in {int(r['docs'])} of "
                       f"{_n(countries['doc_id'].nunique(), 'statement')}.")
        nc = countries.drop_duplicates("doc_id").sort_values("n_countries", kind="stable")
        if len(nc) > 1:
            out.append(f"{nc.iloc[-1]['document']} names the most countries "
                       f"({int(nc.iloc[-1]['n_countries'])}), {nc.iloc[0]['document']} the fewest "
                       f"({int(nc.iloc[0]['n_countries'])}).")
    if kind_agreement is not None and len(kind_agreement):
        dev = kind_agreement.set_index("split").iloc[0]
        out.append(f"Kinds come from keyword rules that agree with one coder's labels on "
                   f"{round(dev['accuracy'] * dev['n'])} of {int(dev['n'])} coded objectives "
                   f"({dev['accuracy']:.2f}, kappa {dev['kappa']:.2f}) — a development figure, "
                   f"the rules having been written with those objectives in view.")
    held = _held_out(validation)
    out.append("Verdicts are the package's, " + (f"and {held}" if held else
               "and held out they agree with the coders far less often than a second coder does")
               + ": a difference between kinds or statements of a few objectives cannot be "
                 "told from grading error.")
    if n_docs <= 1:
        out.append("With one statement there is nothing to compare across statements: add "
                   "statements (python -m analysis notebooks --corpus DIR) to compare them.")
    return out
