"""Hand coding of the package's units: sample, show, record, export.

A researcher who publishes the package's measures shows that they agree
with human judgement on *their* documents. This module gives the coding
notebook (``notebooks/06-hand-coding.ipynb``) its logic:

:func:`sample_units`
    a seeded sample of units from the tables of ``python -m analysis run``,
    stratified by document: objectives (with the evaluation section beside
    them), sentences (for tone) or country mentions (for stance toward the
    mentioned country);
:class:`CodingSession`
    shows one unit at a time with its context and records the coder's
    label (one click on an ipywidgets button), with coder id and time, by
    *appending* a row to a CSV: earlier coding is never rewritten; a
    session resumes where its coder stopped; a second coder sees the same
    units and never the first coder's labels;
:func:`export_gold`
    writes a coder's objective verdicts as gold JSON files that
    ``python -m analysis validate`` reads.

``python -m analysis agreement CODING.csv`` (:mod:`analysis.agreement`)
compares the coding with the package and between coders.
"""
from __future__ import annotations

import csv
import html
import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd

from ..progress.coded import VERDICTS

#: The kinds of unit a coder can label, and their label sets (the package's
#: own labels, so that agreement compares like with like).
LABELS = {
    "objective": VERDICTS,
    "tone": ("negative", "neutral", "positive"),
    "stance": ("unfavourable", "neutral", "favourable"),
}
#: Columns of a coding CSV (one row per label given).
CODING_COLUMNS = ["unit_id", "kind", "doc_id", "objective_id", "sentence_id", "start", "end",
                  "coder", "label", "timestamp"]
UNIT_COLUMNS = ["unit_id", "kind", "doc_id", "objective_id", "sentence_id", "start", "end", "text", "context"]
#: Sentences of context shown on each side of a tone or stance unit.
CONTEXT_SENTENCES = 1


def _units(tables: dict, kind: str) -> pd.DataFrame:
    sent = tables["sentences"]
    text = {(str(d), int(i)): str(t) for d, i, t in zip(sent["doc_id"], sent["sentence_id"], sent["text"])}

    def around(d, i):
        ids = range(i - CONTEXT_SENTENCES, i + CONTEXT_SENTENCES + 1)
        return " ".join(text[(d, j)] for j in ids if (d, j) in text and j != i)

    rows = []
    if kind == "objective":
        ev = sent[sent["section"] == "evaluation"]
        evaluation = {str(d): "\n".join(g.sort_values("sentence_id")["text"].astype(str))
                      for d, g in ev.groupby("doc_id")}
        for o in tables["objectives"].itertuples():
            d = str(o.doc_id)
            rows.append({"unit_id": f"objective:{d}:{int(o.objective_id)}", "kind": kind, "doc_id": d,
                         "objective_id": int(o.objective_id), "sentence_id": int(o.sentence_id),
                         "start": int(o.start), "end": int(o.end), "text": str(o.text),
                         "context": evaluation.get(d, "(this statement has no evaluation section)")})
    elif kind == "tone":
        for s in sent.itertuples():
            d, i = str(s.doc_id), int(s.sentence_id)
            rows.append({"unit_id": f"tone:{d}:{i}", "kind": kind, "doc_id": d, "objective_id": -1,
                         "sentence_id": i, "start": -1, "end": -1, "text": str(s.text), "context": around(d, i)})
    elif kind == "stance":
        for m in tables["mentions"].itertuples():
            d, i = str(m.doc_id), int(m.sentence_id)
            t = text[(d, i)]
            marked = t[:int(m.start)] + "[[" + t[int(m.start):int(m.end)] + "]]" + t[int(m.end):]
            rows.append({"unit_id": f"stance:{d}:{i}:{int(m.start)}", "kind": kind, "doc_id": d,
                         "objective_id": -1, "sentence_id": i, "start": int(m.start), "end": int(m.end),
                         "text": marked, "context": around(d, i)})
    else:
        raise ValueError(f"unknown unit kind {kind!r}; use one of {', '.join(LABELS)}")
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


def sample_units(tables: dict, kind: str, n: int, seed: int) -> pd.DataFrame:
    """A seeded sample of ``n`` units, stratified by document.

    Each document gets a share of ``n`` proportional to its number of units
    (largest remainders; at least one unit for every document while ``n``
    allows), drawn without replacement with ``numpy.random.default_rng``
    seeded by ``seed``. The same tables and seed give the same units in the
    same order, whatever the order of the tables' rows.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Tables of ``python -m analysis run`` (``sentences``; ``objectives``
        for objectives, ``mentions`` for stance).
    kind : {"objective", "tone", "stance"}
    n : int
        Units wanted (all units when there are fewer).
    seed : int

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["a"] * 3 + ["b"] * 2, "sentence_id": [0, 1, 2, 0, 1],
    ...                   "section": ["other"] * 5, "text": list("vwxyz")})
    >>> u = sample_units({"sentences": s}, "tone", n=3, seed=0)
    >>> len(u), sorted(u["doc_id"].value_counts().to_dict().items())
    (3, [('a', 2), ('b', 1)])
    >>> u["unit_id"].tolist() == sample_units({"sentences": s[::-1]}, "tone", 3, 0)["unit_id"].tolist()
    True
    """
    if n < 1:
        raise ValueError(f"sample_units: n must be at least 1; got {n}")
    units = _units(tables, kind).sort_values("unit_id", kind="stable").reset_index(drop=True)
    if len(units) <= n:
        return units
    counts = units.groupby("doc_id").size().sort_index()
    quota = counts / counts.sum() * n
    take = np.floor(quota).astype(int)
    if n >= len(counts):
        take = take.clip(lower=1)
    rest = n - int(take.sum())
    order = (quota - np.floor(quota)).sort_values(ascending=False, kind="stable").index
    for d in order:
        if rest <= 0:
            break
        if take[d] < counts[d]:
            take[d] += 1
            rest -= 1
    while take.sum() > n:  # the at-least-one rule overshot: trim the largest
        take[take.idxmax()] -= 1
    rng = np.random.default_rng(seed)
    parts = []
    for d in counts.index:
        g = units[units["doc_id"] == d]
        parts.append(g.iloc[np.sort(rng.choice(len(g), size=int(take[d]), replace=False))])
    out = pd.concat(parts)
    return out.iloc[rng.permutation(len(out))].reset_index(drop=True)


def read_coding(path) -> pd.DataFrame:
    """A coding CSV, or an empty one when the file does not exist yet."""
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=CODING_COLUMNS)
    try:
        df = pd.read_csv(path, dtype={"unit_id": str, "kind": str, "doc_id": str, "coder": str,
                                      "label": str, "timestamp": str}, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError) as e:
        raise ValueError(f"{path.name}: not a coding CSV ({e}); fix or move it") from None
    missing = set(CODING_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path.name}: not a coding CSV, lacks columns {sorted(missing)}")
    return df[CODING_COLUMNS]


class CodingSession:
    """One coder labelling a sample of units, appending to a CSV.

    Parameters
    ----------
    units : pandas.DataFrame
        From :func:`sample_units` (one kind).
    path : str or Path
        The coding CSV; created if absent, only ever appended to.
    coder : str
        The coder's id. Labels of other coders in the same file are never
        shown; a unit this coder has labelled is not shown again (resume).
    clock : callable, optional
        Returns the timestamp string (default: UTC now, ISO 8601).

    Examples
    --------
    >>> import tempfile, os
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": [0, 1], "section": ["other"] * 2,
    ...                   "text": ["Relations are cordial.", "Trade fell."]})
    >>> units = sample_units({"sentences": s}, "tone", n=2, seed=0)
    >>> path = os.path.join(tempfile.mkdtemp(), "coding.csv")
    >>> one = CodingSession(units, path, coder="A", clock=lambda: "t0")
    >>> one.record("positive"); one.progress
    (1, 2)
    >>> CodingSession(units, path, coder="A").progress  # resumes
    (1, 2)
    >>> CodingSession(units, path, coder="B").progress  # a second coder starts afresh
    (0, 2)
    """

    def __init__(self, units: pd.DataFrame, path, coder: str, clock=None):
        if not str(coder).strip():
            raise ValueError("CodingSession: give a coder id (e.g. your initials)")
        kinds = set(units["kind"])
        if len(kinds) != 1:
            raise ValueError(f"CodingSession: code one kind of unit at a time; got {sorted(kinds)}")
        self.units = units.reset_index(drop=True)
        self.kind = kinds.pop()
        self.labels = LABELS[self.kind]
        self.path = Path(path)
        self.coder = str(coder).strip()
        self.clock = clock or (lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
        done = read_coding(self.path)
        self._done = set(done.loc[done["coder"] == self.coder, "unit_id"])

    @property
    def progress(self) -> tuple:
        """(units this coder has labelled, units in the sample)."""
        return (int(self.units["unit_id"].isin(self._done).sum()), len(self.units))

    def current(self):
        """The next unit this coder has not labelled (a row), or None when done."""
        todo = self.units[~self.units["unit_id"].isin(self._done)]
        return None if todo.empty else todo.iloc[0]

    def record(self, label: str) -> None:
        """Append this coder's ``label`` for the current unit to the CSV."""
        if label not in self.labels:
            raise ValueError(f"label {label!r} is not one of {', '.join(self.labels)}")
        unit = self.current()
        if unit is None:
            raise ValueError("every unit of this sample is coded; nothing to record")
        new = not self.path.exists() or self.path.stat().st_size == 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            if new:
                w.writerow(CODING_COLUMNS)
            w.writerow([unit["unit_id"], self.kind, unit["doc_id"], unit["objective_id"], unit["sentence_id"],
                        unit["start"], unit["end"], self.coder, label, self.clock()])
            fh.flush()
        self._done.add(unit["unit_id"])

    def widget(self):
        """An ipywidgets panel: the unit, its context, one button per label."""
        # deferred: heavy, ipywidgets (IPython); only for the coding panel of notebook 06
        import ipywidgets as w

        head = w.HTML()
        body = w.HTML()
        context = w.HTML()
        buttons = [w.Button(description=lab.replace("_", " "), tooltip=lab) for lab in self.labels]

        def show():
            unit = self.current()
            done, total = self.progress
            head.value = f"<b>coder {html.escape(self.coder)}</b> — {done} of {total} coded"
            if unit is None:
                body.value, context.value = "<b>All units of this sample are coded. Thank you.</b>", ""
                for b in buttons:
                    b.disabled = True
                return
            body.value = (f"<p><i>{html.escape(str(unit['doc_id']))}</i></p>"
                          f"<p style='font-size:1.1em'>{html.escape(str(unit['text']))}</p>")
            context.value = ("<details open><summary>context</summary><p style='white-space:pre-wrap'>"
                             f"{html.escape(str(unit['context']))}</p></details>")

        def on_click(button):
            self.record(button.tooltip)
            show()

        for b in buttons:
            b.on_click(on_click)
        show()
        panel = w.VBox([head, body, w.HBox(buttons), context])
        panel.buttons = buttons
        return panel


def export_gold(coding: pd.DataFrame, coder: str, tables: dict, out_dir) -> list:
    """Write one coder's objective verdicts as gold JSON, one file per document.

    The files carry what :func:`analysis.report.validate.validate` needs: the
    document name (its doc_id), the sections' first words (to find the
    text), the objectives as extracted (id ``<doc_id>-<n>``) and the coder's
    verdict of each. Evidence is left empty: the notebook records verdicts,
    not evidence sentences.

    Returns
    -------
    list of Path
    """
    c = coding[(coding["kind"] == "objective") & (coding["coder"] == coder)]
    if c.empty:
        raise ValueError(f"no objective verdicts by coder {coder!r} in this coding")
    c = c.drop_duplicates("unit_id", keep="last")
    sent = tables["sentences"]
    obj = tables["objectives"]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for d, g in c.groupby("doc_id", sort=True):
        s = sent[sent["doc_id"].astype(str) == d].sort_values("sentence_id")
        sections = []
        for heading, h in s.groupby("heading", sort=False) if "heading" in s else []:
            words = " ".join(h["text"].astype(str)).split()[:8]
            sections.append({"heading": str(heading), "first_words": " ".join(words)})
        o = obj[obj["doc_id"].astype(str) == d].set_index("objective_id")
        objectives, assessments = [], {}
        for r in g.sort_values("objective_id").itertuples():
            oid = f"{d}-{int(r.objective_id)}"
            objectives.append({"id": oid, "text": str(o.loc[int(r.objective_id), "text"])})
            assessments[oid] = {"verdict": r.label, "evidence": [], "why": f"coded by {coder}"}
        gold = {"document": d, "source": f"coded in notebook 06 by {coder}", "sections": sections,
                "objectives": objectives, "assessments": assessments}
        p = out_dir / f"{d}.json"
        p.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(p)
    return paths
