"""Kinds of objectives: a reviewable keyword mapping of each aim to a small set of kinds.

A policy statement's objectives fall into a few families that recur across
the series — security and defence; democracy and anti-communism; economic
development and trade; strategic materials; support in the UN, the OAS and
other international bodies; bilateral disputes and agreements; other aims
(friendship, cultural ties, peace). :func:`objective_kinds` gives each
objective one kind by the keyword rules of ``analysis/data/objective_kinds.csv``
(kind, pattern, note; one rule a line): the kind of the keyword that starts
earliest in the aim's text, so that "to assure hemisphere security through
collaboration in the United Nations" is security, not international. Every
row says which keyword decided it and which other kinds the text also
matched, so a reader can check each call.

How far the rules agree with a hand coding is measured by
:func:`kind_agreement` (accuracy and Cohen's kappa, scikit-learn) and, for
the one choice the rules leave open (earliest keyword or row order of the
file), held out by :func:`leave_one_document_out`; :func:`coded_agreement`
runs both on a coded corpus (``data/coded``: gold objectives and
``objective_kinds.csv``).

Examples
--------
>>> objectives = pd.DataFrame({"doc_id": ["d", "d", "d"], "objective_id": [1, 2, 3],
...     "text": ["to assure an adequate supply of petroleum in time of war",
...              "the growth of democratic institutions",
...              "to maintain close and friendly relations"]})
>>> objective_kinds(objectives)[["objective_id", "kind", "keyword", "also"]].values.tolist()
[[1, 'materials', 'petroleum', ''], [2, 'democracy', 'democra*', ''], [3, 'other', 'friend*', '']]
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score

from .. import config
from ..text.document import strip_markers
from .coded import read_gold

#: The keyword rules shipped with the package (kind, pattern, note; lines
#: starting with "#" are comments). Written from the genre's wording, with the
#: coded objectives of ``data/coded`` in view (``docs/methods.md``).
KINDS_PATH = config.PACKAGE_DATA / "objective_kinds.csv"
#: The kinds and their readable names, in the order tables and figures show
#: them (issue 12: the families of aims historians of the period distinguish).
KIND_LABELS = {
    "security": "security and defence",
    "democracy": "democracy and anti-communism",
    "economy": "economic development and trade",
    "materials": "strategic materials",
    "international": "support in the UN, OAS and international bodies",
    "bilateral": "bilateral disputes and agreements",
    "other": "other",
}
#: Kind of an objective no keyword matches.
FALLBACK = "other"
#: How one kind is chosen when an aim matches several: ``first`` = the
#: keyword starting earliest in the text (the default: the head of an aim
#: comes before its means and consequences); ``order`` = the first kind in
#: :data:`KIND_LABELS` order among those matched.
RESOLUTIONS = ("first", "order")

_COLUMNS = ["doc_id", "objective_id", "kind", "keyword", "matched", "also"]


def _compile(pattern: str) -> re.Pattern:
    """Regular expression of one keyword pattern (see the data file's header).

    Examples
    --------
    >>> bool(_compile("communis*").search("anti-Communist forces"))
    True
    >>> bool(_compile("oil").search("turmoil")), bool(_compile("raw materials").search("raw  materials"))
    (False, True)
    """
    words = pattern.strip().lower().split()
    if not words:
        raise ValueError("objective kinds: an empty pattern; give a word or phrase")
    parts = []
    for w in words:
        star = w.endswith("*")
        w = re.escape(w.rstrip("*"))
        parts.append(w + (r"[\w'’-]*" if star else ""))
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=4)
def _load(path: str) -> pd.DataFrame:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: objective kinds file missing; reinstall the package data "
                                f"or pass rules=")
    with open(p, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines))
    if not rows or not {"kind", "pattern"} <= set(rows[0]):
        raise ValueError(f"{p.name}: needs the columns kind, pattern (and note)")
    return pd.DataFrame(rows, columns=["kind", "pattern", "note"]).fillna("")


def load_kind_rules(path=None) -> pd.DataFrame:
    """The keyword rules: kind, pattern, note (a new DataFrame, file order).

    Parameters
    ----------
    path : str or Path, optional
        A rules file in the format of :data:`KINDS_PATH`; default the shipped one.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        A kind not in :data:`KIND_LABELS`, naming it.

    Examples
    --------
    >>> rules = load_kind_rules()
    >>> set(rules["kind"]) <= set(KIND_LABELS), bool((rules["pattern"] == "petroleum").any())
    (True, True)
    """
    rules = _load(str(path or KINDS_PATH)).copy()
    bad = sorted(set(rules["kind"]) - set(KIND_LABELS))
    if bad:
        raise ValueError(f"objective kinds: unknown kind(s) {bad}; use one of {', '.join(KIND_LABELS)}")
    return rules


def _matches(text: str, compiled) -> list:
    """(start, -length, row, kind, pattern, surface) of every keyword hit."""
    hits = []
    for row, (kind, pattern, rx) in enumerate(compiled):
        m = rx.search(text)
        if m:
            hits.append((m.start(), -(m.end() - m.start()), row, kind, pattern, m.group(0)))
    return sorted(hits)


def objective_kinds(objectives: pd.DataFrame, rules: pd.DataFrame | None = None,
                    resolve: str = "first") -> pd.DataFrame:
    """One kind per objective, with the keyword that decided it.

    Parameters
    ----------
    objectives : pandas.DataFrame
        doc_id, objective_id, text (the ``objectives`` table, or gold
        objectives in the same shape); not modified.
    rules : pandas.DataFrame, optional
        kind, pattern (:func:`load_kind_rules`); default the shipped rules.
    resolve : {"first", "order"}
        Which kind wins when several match (:data:`RESOLUTIONS`).

    Returns
    -------
    pandas.DataFrame
        doc_id, objective_id, kind, keyword (the pattern that decided; empty
        for the fallback), matched (the words it matched), also (the other
        kinds the text matched, in :data:`KIND_LABELS` order, ";"-joined).

    Examples
    --------
    >>> o = pd.DataFrame({"doc_id": ["d", "d"], "objective_id": [1, 2],
    ...     "text": ["to obtain a contribution to hemisphere security1 through the "
    ...              "United Nations and an inter-American defense plan",
    ...              "to demonstrate continuing concern for the people"]})
    >>> k = objective_kinds(o)
    >>> k[["kind", "keyword", "matched", "also"]].values.tolist()
    [['security', 'security', 'security', 'international'], ['other', '', '', '']]
    >>> objective_kinds(o, resolve="order")["kind"].tolist()
    ['security', 'other']
    """
    if resolve not in RESOLUTIONS:
        raise ValueError(f"objective_kinds: resolve={resolve!r} must be one of {', '.join(RESOLUTIONS)}")
    missing = {"doc_id", "objective_id", "text"} - set(objectives.columns)
    if missing:
        raise ValueError(f"objective_kinds: objectives need the columns {sorted(missing)}")
    rules = load_kind_rules() if rules is None else rules
    compiled = [(k, p, _compile(p)) for k, p in zip(rules["kind"], rules["pattern"])]
    rank = {k: i for i, k in enumerate(KIND_LABELS)}
    rows = []
    for doc, oid, text in zip(objectives["doc_id"], objectives["objective_id"], objectives["text"]):
        hits = _matches(strip_markers(str(text)), compiled)
        if resolve == "order":
            hits = sorted(hits, key=lambda h: (rank[h[3]], h[0], h[1], h[2]))
        if hits:
            _, _, _, kind, pattern, surface = hits[0]
        else:
            kind, pattern, surface = FALLBACK, "", ""
        others = sorted({h[3] for h in hits} - {kind}, key=rank.get)
        rows.append({"doc_id": doc, "objective_id": oid, "kind": kind, "keyword": pattern,
                     "matched": surface, "also": ";".join(others)})
    return pd.DataFrame(rows, columns=_COLUMNS)


def kind_agreement(predicted: pd.DataFrame, coded: pd.DataFrame) -> dict:
    """Accuracy and Cohen's kappa of predicted kinds against a hand coding.

    Parameters
    ----------
    predicted : pandas.DataFrame
        doc_id, objective_id, kind (:func:`objective_kinds`).
    coded : pandas.DataFrame
        doc_id, objective_id, kind: the hand coding.

    Returns
    -------
    dict
        n (objectives coded and predicted), n_documents, accuracy, kappa
        (:func:`sklearn.metrics.cohen_kappa_score`, unweighted: the kinds
        are not ordered).

    Examples
    --------
    >>> p = pd.DataFrame({"doc_id": "d", "objective_id": [1, 2, 3, 4],
    ...                   "kind": ["security", "economy", "other", "economy"]})
    >>> c = p.assign(kind=["security", "economy", "other", "other"])
    >>> r = kind_agreement(p, c)
    >>> r["n"], r["accuracy"], round(r["kappa"], 3)
    (4, 0.75, 0.636)
    """
    key = ["doc_id", "objective_id"]
    m = predicted[key + ["kind"]].merge(coded[key + ["kind"]], on=key, suffixes=("_rules", "_coded"))
    if m.empty:
        return {"n": 0, "n_documents": 0, "accuracy": float("nan"), "kappa": float("nan")}
    a, b = m["kind_rules"].astype(str), m["kind_coded"].astype(str)
    one_label = len(set(a) | set(b)) < 2
    return {"n": int(len(m)), "n_documents": int(m["doc_id"].nunique()),
            "accuracy": float((a == b).mean()),
            "kappa": 1.0 if one_label else float(cohen_kappa_score(b, a))}


def leave_one_document_out(objectives: pd.DataFrame, coded: pd.DataFrame,
                           rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Held-out kinds: each document's resolution rule chosen on the others.

    For each document the resolution (:data:`RESOLUTIONS`) with the higher
    accuracy on the other documents' coded objectives (ties: the default,
    ``first``) labels that document's objectives. The keyword list itself is
    not refitted (it is written by hand), so this holds out only the choice
    the rules leave to data.

    Returns
    -------
    pandas.DataFrame
        The predictions of :func:`objective_kinds` for every document, with
        a column ``resolve`` (the rule chosen without it).

    Examples
    --------
    >>> o = pd.DataFrame({"doc_id": ["a", "b"], "objective_id": [1, 1],
    ...     "text": ["economic aid to keep a stable democracy", "trade and democratic growth"]})
    >>> c = o.assign(kind=["democracy", "democracy"])[["doc_id", "objective_id", "kind"]]
    >>> leave_one_document_out(o, c)[["doc_id", "kind", "resolve"]].values.tolist()
    [['a', 'democracy', 'order'], ['b', 'democracy', 'order']]
    """
    rules = load_kind_rules() if rules is None else rules
    by = {r: objective_kinds(objectives, rules, resolve=r) for r in RESOLUTIONS}
    parts = []
    for doc in sorted(set(objectives["doc_id"])):
        train = coded[coded["doc_id"] != doc]
        score = {r: kind_agreement(p[p["doc_id"] != doc], train)["accuracy"] for r, p in by.items()}
        best = max(RESOLUTIONS, key=lambda r: (score[r] if score[r] == score[r] else -1.0,
                                              r == RESOLUTIONS[0]))
        parts.append(by[best][by[best]["doc_id"] == doc].assign(resolve=best))
    if not parts:
        return pd.DataFrame(columns=_COLUMNS + ["resolve"])
    return pd.concat(parts, ignore_index=True)


def gold_objectives(gold_dir) -> pd.DataFrame:
    """The coded objectives of a gold folder: doc_id (the gold ``document``), objective_id, text.

    Examples
    --------
    >>> g = gold_objectives(config.DATA_DIR / "coded" / "gold")
    >>> len(g), list(g.columns)
    (66, ['doc_id', 'objective_id', 'text'])
    """
    rows = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = read_gold(path)
        rows += [{"doc_id": gold["document"], "objective_id": str(o["id"]), "text": o["text"]}
                 for o in gold["objectives"]]
    return pd.DataFrame(rows, columns=["doc_id", "objective_id", "text"])


#: File of a coded corpus holding the hand-assigned kind of each gold
#: objective (document, objective, kind, note).
CODED_KINDS = "objective_kinds.csv"


def coded_agreement(coded_dir, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Agreement of the rules with the hand-coded kinds of a coded corpus.

    Reads ``coded_dir/gold/*.json`` (the objectives) and
    ``coded_dir/objective_kinds.csv`` (their kinds).

    Returns
    -------
    pandas.DataFrame
        One row per evaluation: ``split`` (``development``: the shipped rules
        as they are, written with these objectives in view; ``leave one
        document out``: the resolution rule chosen without the document;
        ``all other``: every objective called ``other``, the baseline), n,
        n_documents, accuracy, kappa.

    Examples
    --------
    >>> t = coded_agreement(config.DATA_DIR / "coded")
    >>> t["split"].tolist()
    ['development', 'leave one document out', 'all other']
    >>> bool(t.loc[0, "accuracy"] > t.loc[2, "accuracy"])
    True
    """
    coded_dir = Path(coded_dir)
    objectives = gold_objectives(coded_dir / "gold")
    path = coded_dir / CODED_KINDS
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no hand-coded kinds; code one kind per gold objective "
                                f"(columns document, objective, kind)")
    coded = pd.read_csv(path, dtype=str, keep_default_na=False).rename(
        columns={"document": "doc_id", "objective": "objective_id"})
    bad = sorted(set(coded["kind"]) - set(KIND_LABELS))
    if bad:
        raise ValueError(f"{path.name}: unknown kind(s) {bad}; use one of {', '.join(KIND_LABELS)}")
    rows = [{"split": "development", **kind_agreement(objective_kinds(objectives, rules), coded)},
            {"split": "leave one document out",
             **kind_agreement(leave_one_document_out(objectives, coded, rules), coded)},
            {"split": "all other", **kind_agreement(objectives.assign(kind=FALLBACK), coded)}]
    return pd.DataFrame(rows, columns=["split", "n", "n_documents", "accuracy", "kappa"])
