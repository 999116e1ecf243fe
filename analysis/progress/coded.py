"""Coded statements: texts with hand coding, read as training and test units.

A coded corpus is a folder of statements (``*.txt``) with a ``gold/``
folder of JSON files in the format of ``data/coded/gold/`` (see
``docs/methods.md``): ``document``, ``sections`` (``first_words``),
``objectives`` (``id``, ``text``), ``assessments`` (per objective id:
``verdict``, ``evidence`` sentences). :func:`load_coded` reads it into the
package's own tables and links the coding to them:

* each gold objective to the extracted objective that covers most of its
  words (one-to-one, :func:`match_objectives`);
* each gold evidence sentence to the package's sentence with the highest
  content-word Jaccard similarity, when it reaches
  :data:`EVIDENCE_JACCARD` (sentence splitting may differ from the coder's).
"""
from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..io.loader import read_text
from ..text.corpus import load_corpus

from ..text.document import strip_markers
from ..text.editorial import measured

#: Verdict labels of the codebook; the first four are the ordinal scale,
#: worst to best; ``not_assessed`` stands apart.
SCALE = ("not_achieved", "slow", "partial", "achieved")
VERDICTS = SCALE + ("not_assessed",)
#: A gold objective is found when a predicted one holds more than this share
#: of its words (the definition the issue and the README use).
COVERAGE = 0.5
#: A package sentence is a gold evidence sentence when their content words
#: have Jaccard similarity of at least this (the issue's definition).
EVIDENCE_JACCARD = 0.5

#: File beside the coded texts with one row per statement: ``document``
#: (the gold name), ``file``, ``region``, ``volume``, ``file_number``,
#: ``date``, ``source``.
PROVENANCE = "provenance.csv"

_WORDS = re.compile(r"[a-z]+")


def words(text: str) -> list:
    """Lower-case words of ``text``, page markers and footnote numbers removed.

    Examples
    --------
    >>> words("hemisphere security1 [Page 12] plan")
    ['hemisphere', 'security', 'plan']
    """
    return _WORDS.findall(strip_markers(str(text)).lower().replace("\u2019", "'"))


def content_words(text: str) -> frozenset:
    """Content words (English stop words removed) of ``text``."""
    return frozenset(w for w in words(text) if w not in ENGLISH_STOP_WORDS)


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the content words of two texts.

    Examples
    --------
    >>> jaccard("Progress has been slow.", "progress has been slow")
    1.0
    >>> jaccard("Progress has been slow.", "The mission arrived.")
    0.0
    """
    x, y = content_words(a), content_words(b)
    return len(x & y) / len(x | y) if x | y else 0.0


def coverage(gold: str, predicted: str) -> float:
    """Share of the gold objective's words that the predicted one contains.

    Examples
    --------
    >>> coverage("to encourage stability in government", "encourage stability in government and growth")
    0.8
    """
    g = words(gold)
    p = set(words(predicted))
    return sum(w in p for w in g) / len(g) if g else 0.0


def match_objectives(gold_objectives: list, predicted: pd.DataFrame) -> dict:
    """Gold id -> (objective_id, coverage), one-to-one, best coverage first.

    Examples
    --------
    >>> p = pd.DataFrame({"objective_id": [1, 2], "text": ["to obtain tin", "to expand trade"]})
    >>> match_objectives([{"id": "g1", "text": "to expand trade"}, {"id": "g2", "text": "peace"}], p)
    {'g1': (2, 1.0)}
    """
    pairs = []
    for g in gold_objectives:
        for r in predicted.itertuples():
            c = coverage(g["text"], r.text)
            if c > COVERAGE:
                pairs.append((-c, str(g["id"]), int(r.objective_id)))
    pairs.sort(key=lambda t: (t[0], t[1], t[2]))
    out, used = {}, set()
    for negc, gid, oid in pairs:
        if gid in out or oid in used:
            continue
        out[gid] = (oid, -negc)
        used.add(oid)
    return out


#: A verdict label as the codebook writes it (``not_achieved`` before
#: ``achieved``, which it contains).
_LABEL = re.compile(r"\b(" + "|".join(sorted(VERDICTS, key=len, reverse=True)) + r")\b")
#: Words by which a coder's ``why`` names another defensible label
#: ("could be read as achieved", "not_assessed is defensible",
#: "alternative: not_assessed", "from which partial could be argued").
_DEFENSIBLE = re.compile(r"defensible|read\s+as|alternative|argued", re.I)
#: "closest label X" names the coded verdict itself, not an alternative.
_CLOSEST = re.compile(r"closest\s+label\s+\w+", re.I)


def defensible_alternatives(assessment: dict) -> tuple:
    """The other labels a coder calls defensible for an ``ambiguous`` verdict.

    The codebook asks a coder who flags a verdict ``ambiguous`` to name the
    other defensible label in ``why``. This reads it: every verdict label
    in a clause of ``why`` (split at ";", "." and brackets) that says it is
    defensible, could be read or argued, or is the alternative — other than
    the coded verdict and the "closest label". A verdict not flagged
    ambiguous has none.

    Examples
    --------
    >>> defensible_alternatives({"verdict": "partial", "ambiguous": True,
    ...     "why": "Ambiguous: only some progress; closest label partial (could be read as achieved)."})
    ('achieved',)
    >>> defensible_alternatives({"verdict": "not_assessed", "ambiguous": True,
    ...     "why": "Nothing on trade, from which partial or not_achieved could be argued."})
    ('partial', 'not_achieved')
    >>> defensible_alternatives({"verdict": "partial", "ambiguous": True,
    ...     "why": "The missions achieved a modicum of success; closest label partial."})
    ()
    >>> defensible_alternatives({"verdict": "slow", "why": "achieved is defensible"})
    ()
    """
    if not assessment.get("ambiguous"):
        return ()
    coded = assessment.get("verdict")
    out = []
    for clause in re.split(r"[;.()]", str(assessment.get("why", ""))):
        if not _DEFENSIBLE.search(clause):
            continue
        for label in _LABEL.findall(_CLOSEST.sub(" ", clause)):
            if label != coded and label not in out:
                out.append(label)
    return tuple(out)


def read_gold(path) -> dict:
    """Read and check one gold JSON file; ValueError naming the file otherwise.

    Examples
    --------
    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "g.json")
    >>> _ = open(p, "w").write('[1, 2]')
    >>> read_gold(p)
    Traceback (most recent call last):
    ...
    ValueError: g.json: a gold file is a JSON object with 'document' and 'objectives'; got list
    """
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError(f"{path.name}: not UTF-8; save the gold file as UTF-8") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"{path.name}: not valid JSON ({e.msg} at line {e.lineno}); fix the file") from None
    if not isinstance(gold, dict):
        raise ValueError(f"{path.name}: a gold file is a JSON object with 'document' and 'objectives'; "
                         f"got {type(gold).__name__}")
    objectives = gold.get("objectives", [])
    if not isinstance(objectives, list) or any(not isinstance(o, dict) or "id" not in o or "text" not in o
                                               for o in objectives):
        raise ValueError(f"{path.name}: 'objectives' must be a list of objects with 'id' and 'text'")
    assessments = gold.get("assessments", {})
    if not isinstance(assessments, dict):
        raise ValueError(f"{path.name}: 'assessments' must map objective ids to verdicts")
    for oid, a in assessments.items():
        v = a.get("verdict") if isinstance(a, dict) else None
        if v not in VERDICTS:
            raise ValueError(f"{path.name}: objective {oid!r} has verdict {v!r}; use one of {', '.join(VERDICTS)}")
    gold.setdefault("document", path.stem)
    return gold


def find_document(gold: dict, docs_dir: Path):
    """The text file of ``docs_dir`` that ``gold`` codes, or None.

    A ``.txt`` named like the gold's ``document``; else the file holding
    most of the sections' first words.
    """
    name = str(gold.get("document", ""))
    direct = docs_dir / f"{name}.txt"
    if direct.is_file():
        return direct
    firsts = [re.sub(r"\s+", " ", s.get("first_words", "")).strip()
              for s in gold.get("sections", []) if isinstance(s, dict)]
    best, best_hits = None, 0
    for path in sorted(docs_dir.glob("*.txt")):
        try:
            text = re.sub(r"\s+", " ", strip_markers(read_text(path)))
        except Exception:  # an unreadable candidate is simply not the match
            continue
        hits = sum(1 for f in firsts if f and f in text)
        if hits > best_hits:
            best, best_hits = path, hits
    return best


@dataclass
class CodedCorpus:
    """Coded statements read into the package's tables.

    ``sentences`` and ``documents`` are the loader's tables; ``gold`` maps
    each doc_id to its gold coding; ``names`` maps doc_id to the gold
    ``document`` name; ``groups`` maps doc_id to a grouping value (e.g.
    region) when a ``provenance.csv`` beside the texts gives one.
    """

    sentences: pd.DataFrame
    documents: pd.DataFrame
    gold: dict
    names: dict
    groups: dict = field(default_factory=dict)

    @property
    def doc_ids(self) -> list:
        return sorted(self.gold)

    def subset(self, doc_ids) -> "CodedCorpus":
        keep = set(doc_ids)
        return CodedCorpus(self.sentences[self.sentences["doc_id"].isin(keep)],
                           self.documents[self.documents["doc_id"].isin(keep)],
                           {d: g for d, g in self.gold.items() if d in keep},
                           {d: n for d, n in self.names.items() if d in keep},
                           {d: g for d, g in self.groups.items() if d in keep})


def load_coded(gold_dir, docs_dir, group_by: str | None = None, errors: list | None = None) -> CodedCorpus:
    """Read every gold file of ``gold_dir`` with its statement from ``docs_dir``.

    Parameters
    ----------
    gold_dir, docs_dir : str or Path
        Folder of gold ``*.json``; folder of the coded ``*.txt``.
    group_by : str, optional
        A column of ``docs_dir/provenance.csv`` (matched on its ``document``
        column) to group documents by in reports, e.g. ``"region"``.
    errors : list, optional
        Receives one line per gold file that could not be used; without it,
        those lines are issued as warnings. The other files are still read.
    """
    gold_dir, docs_dir = Path(gold_dir), Path(docs_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"{gold_dir}: gold folder not found; pass the folder of gold *.json files")
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"{docs_dir}: documents folder not found; pass the folder of the coded *.txt")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise FileNotFoundError(f"{gold_dir}: no *.json gold files in this folder")
    problems = [] if errors is None else errors
    pairs = []
    for path in paths:
        try:
            gold = read_gold(path)
        except ValueError as e:
            problems.append(str(e))
            continue
        doc = find_document(gold, docs_dir)
        if doc is None:
            problems.append(f"{path.name}: no document in {docs_dir} matches it; skipped")
            continue
        pairs.append((gold, doc))
    golds, names, sentences, documents = {}, {}, [], []
    for gold, doc in pairs:
        load_errors: list = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = load_corpus([doc], errors=load_errors)
        if tables["documents"].empty:
            problems.extend(load_errors or [f"{doc.name}: could not be loaded"])
            continue
        doc_id = str(tables["documents"]["doc_id"].iloc[0])
        if doc_id in golds:
            problems.append(f"{doc.name}: coded twice (by {names[doc_id]} and {gold['document']}); kept the first")
            continue
        golds[doc_id] = gold
        names[doc_id] = str(gold["document"])
        sentences.append(measured(tables["sentences"]))  # editorial rows are not the Department's
        documents.append(tables["documents"])
    if errors is None:
        for p in problems:
            warnings.warn(p)
    if not golds:
        raise ValueError(f"{gold_dir}: no gold file could be matched with a document of {docs_dir}")
    groups = {}
    if group_by:
        groups = _groups(docs_dir, group_by, names)
    return CodedCorpus(pd.concat(sentences, ignore_index=True), pd.concat(documents, ignore_index=True),
                       golds, names, groups)


def _groups(docs_dir: Path, column: str, names: dict) -> dict:
    manifest = docs_dir / PROVENANCE
    if not manifest.is_file():
        raise FileNotFoundError(f"{manifest}: no provenance.csv beside the coded texts to read {column!r} from")
    m = pd.read_csv(manifest, dtype=str, keep_default_na=False)
    if column not in m.columns or "document" not in m.columns:
        raise ValueError(f"{manifest}: needs columns 'document' and {column!r}; has {list(m.columns)}")
    by_name = dict(zip(m["document"], m[column]))
    return {d: by_name.get(n, "") for d, n in names.items()}


def label_objectives(objectives: pd.DataFrame, corpus: CodedCorpus) -> pd.DataFrame:
    """Extracted objectives with the gold id and verdict of the one each matches.

    Returns a copy of ``objectives`` with ``gold_id`` and ``gold_verdict``
    (empty for objectives that match no gold objective).
    """
    out = objectives.copy()
    out["gold_id"] = ""
    out["gold_verdict"] = ""
    for doc_id, gold in corpus.gold.items():
        mask = out["doc_id"] == doc_id
        matched = match_objectives(gold.get("objectives", []), out[mask])
        for gid, (oid, _) in matched.items():
            sel = mask & (out["objective_id"] == oid)
            out.loc[sel, "gold_id"] = gid
            out.loc[sel, "gold_verdict"] = gold.get("assessments", {}).get(gid, {}).get("verdict", "not_assessed")
    return out


def gold_evidence(corpus: CodedCorpus) -> pd.DataFrame:
    """One row per (doc_id, gold_id, gold evidence sentence): the package sentence it is.

    ``sentence_id`` is the package sentence with the highest content-word
    Jaccard similarity (empty when none reaches :data:`EVIDENCE_JACCARD`).
    """
    rows = []
    for doc_id, gold in corpus.gold.items():
        sents = corpus.sentences[corpus.sentences["doc_id"] == doc_id]
        cand = [(int(s), content_words(t)) for s, t in zip(sents["sentence_id"], sents["text"])]
        for gid, a in sorted(gold.get("assessments", {}).items()):
            for k, text in enumerate(a.get("evidence") or []):
                g = content_words(text)
                best, best_j = None, 0.0
                for sid, words_ in cand:
                    u = g | words_
                    j = len(g & words_) / len(u) if u else 0.0
                    if j > best_j:
                        best, best_j = sid, j
                rows.append({"doc_id": doc_id, "gold_id": gid, "k": k, "text": text,
                             "sentence_id": best if best_j >= EVIDENCE_JACCARD else None})
    return pd.DataFrame(rows, columns=["doc_id", "gold_id", "k", "text", "sentence_id"])
