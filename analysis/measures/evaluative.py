"""Evaluative and progress language of 1950s diplomatic prose.

The policy statements of the FRUS series judge their own objectives in an
understated register: an objective "is far from realization", policies
"have been making slow progress", a programme "has been reasonably
successful", relations are "lacking somewhat in cordiality". General
sentiment tools read most of these as neutral or even positive. This module
scores such text with a small, reviewable domain lexicon
(``analysis/data/evaluative_lexicon.csv``: one cue a line with its weight,
the progress grade it is evidence for, how decisive it is, and where it comes
from) and the rule-based modifiers of VADER:

Hutto, C. J. & Gilbert, E. (2014). VADER: A Parsimonious Rule-based Model for
Sentiment Analysis of Social Media Text. *Proceedings of ICWSM-14*.
(negation scalar -0.74, booster increment 0.293, "but" re-weighting 0.5/1.5,
normalisation x / sqrt(x^2 + alpha)).

Domain rules added on top of VADER's:

* negation of a success cue grades ``not_achieved`` ("has not been
  successful"), but ``partial`` when a totality word sits between negator and
  cue ("not entirely successful", "does not mean ... fully") and ``slow`` when
  "yet" does ("has not yet been realized");
* a hedge ("reasonably", "somewhat", "partly"...) damps the weight and turns
  ``achieved`` or ``not_achieved`` into ``partial``;
* a temporal qualifier ("from a long-term viewpoint", "gradually") attached to
  a success claim makes it ``slow``; success and failure together make it
  ``partial`` (mixed results);
* a success cue in a clause whose success "depends on" or "keeps pace with"
  something else grades ``not_achieved``: the success is conditional, the
  aim far off (the codebook's rule 4); its tone is kept;
* an opening topic clause ("As regards our objective of X, ...", "In regard
  to X, ...") names what is judged, not how, and is not scored.

Examples
--------
Cite first (the seed's verdicts), then the hard cases:

>>> score_text("This objective is far from realization.")["category"]
'not_achieved'
>>> score_text("Our policies have been making slow progress.")["category"]
'slow'
>>> score_text("Relations with X are somewhat strained.")["score"] < 0
True
>>> score_text("The results are not unfavorable.")["category"]
'partial'
>>> score_text("The program has not succeeded.")["category"]
'not_achieved'
>>> score_text("The program has not been entirely successful.")["category"]
'partial'
>>> score_text("This does not mean that they are fully aware of it.")["category"]
'partial'
>>> score_text("Little progress has been made toward this goal.")["category"]
'not_achieved'
>>> score_text("The objective has not yet been realized.")["category"]
'slow'
>>> score_text("It is achieving its purpose from a long-term viewpoint.")["category"]
'slow'
>>> score_text("Success here depends on, and keeps pace with, success elsewhere.")["category"]
'not_achieved'
>>> score_text("The program has succeeded, but its future depends on Congress.")["category"]
'achieved'
>>> score_text("As regards encouraging friendly relations, the work bore fruit.")["category"]
'achieved'
>>> score_text("The mission arrived in May.")["category"] is None
True
"""
from __future__ import annotations

import csv
import math
from functools import lru_cache
from pathlib import Path

from .. import config
from ..text.vocabulary import Analyzer, topic_openers

#: The default lexicon file (reviewable CSV; see its header comments).
LEXICON_PATH = config.PACKAGE_DATA / "evaluative_lexicon.csv"

#: Progress grades from worst to best, and their numeric progress value
#: (issue #5: achieved 1.0 ... not_achieved 0.0, evenly spaced ordinal scale).
CATEGORIES = ("not_achieved", "slow", "partial", "achieved")
PROGRESS = {"not_achieved": 0.0, "slow": 1 / 3, "partial": 2 / 3, "achieved": 1.0}

#: VADER's negation scalar (Hutto & Gilbert 2014, N_SCALAR).
N_SCALAR = -0.74
#: VADER's booster increment (B_INCR), applied as a factor 1 + B_INCR.
B_INCR = 0.293
#: Damping of a hedged cue: VADER has no hedge rule; 0.6 halves the gap
#: between a plain cue and VADER's "kind of" damping of 0.293 in absolute size.
HEDGE_SCALAR = 0.6
#: VADER's re-weighting around a contrastive conjunction ("but"): cues before
#: it count half, cues after it one and a half.
BEFORE_CONTRAST = 0.5
AFTER_CONTRAST = 1.5
#: VADER normalises with alpha = 15 for cue weights up to about 4; with
#: weights in [-1, 1] the equivalent is 15 / 4**2 ~= 1.
ALPHA = 1.0
#: Tokens looked back for a negator, as in VADER (3 words) plus one for the
#: auxiliary of the perfect tense of this register ("has not yet been").
NEG_WINDOW = 4
#: Tokens looked back / ahead for a hedge or booster (VADER looks back 3;
#: hedges of this register sit next to their word: "lacking somewhat in").
MOD_WINDOW = 2
#: Largest gap a "..." in a cue spans, in words (one short clause).
GAP_MAX = 6
#: The minor side of success vs failure must reach this share of the major
#: side to call a sentence mixed (``partial``): one clear qualification.
MIXED_SHARE = 0.3
#: A temporal qualifier ("slow" cues) at least this share of the success
#: evidence turns a success claim into ``slow``.
SLOW_SHARE = 0.5

NEGATORS = frozenset("""not no never cannot hardly scarcely without neither nor
nothing none nowhere lack lacks lacked lacking""".split())
TOTALITY = frozenset("""fully entirely wholly completely altogether quite always
all very too particularly""".split())
HEDGES = frozenset("""somewhat reasonably fairly moderately relatively partly
partially slightly comparatively rather reasonable moderate modest limited partial""".split())
BOOSTERS = frozenset("""very highly most extremely exceptionally particularly
especially considerably greatly eminently thoroughly unequivocally remarkably
notably decidedly""".split())
CONTRASTS = frozenset("but however nevertheless nonetheless".split())
#: Openers of a topic clause that names what is being judged
#: (``analysis/data/topic_openers.csv``, shared with the evidence ranker).
TOPIC_OPENERS = topic_openers()
#: Dependence constructions: a success that "depends on" or "keeps pace
#: with" something else is not reported but made conditional, and the
#: codebook reads such an aim as far off, ``not_achieved`` (its rule 4 for
#: verdicts: "Far off or conditional is not_achieved, not slow").
DEPENDENCE = (
    "depends on", "depend on", "depends upon", "depend upon", "dependent on", "dependent upon",
    "contingent on", "contingent upon", "conditional on", "conditional upon", "keeps pace with",
    "keep pace with", "hinges on", "hinge on",
)
#: First words of :data:`DEPENDENCE`: a clause holds a construction only if it holds one.
_DEPENDENCE_FIRST = frozenset(d.split()[0] for d in DEPENDENCE)
_STOPS = frozenset({".", ";", ":", "!", "?"})
#: The words-and-punctuation configuration of the one tokeniser
#: (:class:`analysis.text.vocabulary.Analyzer`): every ASCII word, hyphens
#: and apostrophes kept inside words ("long-term", "hasn't"), no stop words,
#: and the punctuation that bounds a negation's or a clause's scope.
ANALYZER = Analyzer(letters="ascii", joiners="-'", punctuation=True)


def tokenize(text: str) -> list[str]:
    """Lower-case word and punctuation tokens of ``text`` (:data:`ANALYZER`).

    Examples
    --------
    >>> tokenize("Progress hasn’t been slow; long-term.")
    ['progress', "hasn't", 'been', 'slow', ';', 'long-term', '.']
    """
    return ANALYZER(text or "")


def load_lexicon(path=None) -> list[dict]:
    """Read an evaluative lexicon CSV (``#`` lines are comments).

    Parameters
    ----------
    path : str or Path, optional
        Defaults to :data:`LEXICON_PATH`.

    Returns
    -------
    list of dict
        Keys ``cue``, ``weight`` (float), ``category`` (str or None),
        ``strength`` (float), ``origin``.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> [e for e in lex if e["cue"] == "far from realization"][0]["category"]
    'not_achieved'
    """
    path = Path(path) if path is not None else LEXICON_PATH
    if not path.exists():
        raise FileNotFoundError(f"{path}: evaluative lexicon not found; reinstall the package data")
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    for i, row in enumerate(csv.DictReader(lines)):
        cat = (row.get("category") or "").strip() or None
        if cat is not None and cat not in PROGRESS:
            raise ValueError(f"{path}: row {i + 2} has category {cat!r}; use one of {CATEGORIES}")
        weight = float(row["weight"])
        strength = row.get("strength") or ""
        rows.append({
            "cue": row["cue"].strip().lower(),
            "weight": weight,
            "category": cat,
            "strength": float(strength) if strength.strip() else max(abs(weight), 0.2),
            "origin": (row.get("origin") or "").strip(),
        })
    return rows


def cue_parts(cue: str) -> list[str]:
    """The tokens of a lexicon cue, a trailing ``*`` kept on its word.

    The tokeniser drops ``*`` (it is no word character), so each
    whitespace-separated word of the cue is tokenised alone and its star
    put back on its last token: ``succe*`` matches "success",
    "successful", "succeeded" (:func:`_word_match`).

    Examples
    --------
    >>> cue_parts("satisfactor*")
    ['satisfactor*']
    >>> cue_parts("made ... progress")
    ['made', '...', 'progress']
    >>> cue_parts("long-term* gains")
    ['long-term*', 'gains']
    """
    parts: list[str] = []
    for word in cue.split():
        toks = tokenize(word.rstrip("*"))
        if word.endswith("*") and toks:
            toks[-1] += "*"
        parts += toks
    return parts


@lru_cache(maxsize=4)
def _compiled(path_key: str):
    entries = load_lexicon(path_key or None)
    by_first: dict = {}
    prefixed = []
    for e in entries:
        parts = cue_parts(e["cue"])
        e = dict(e, parts=tuple(parts),
                 self_negated=any(p in NEGATORS or p.endswith("n't") or p == "far"
                                  for p in parts),
                 # words only (no "..." gap, no "*" ending): matched by one comparison
                 plain=None if any(p == "..." or p.endswith("*") for p in parts)
                 else list(parts))
        if parts[0].endswith("*") or parts[0] == "...":
            prefixed.append(e)
        else:
            by_first.setdefault(parts[0], []).append(e)
    return by_first, prefixed


def _word_match(part: str, tok: str) -> bool:
    if part.endswith("*"):
        return tok.startswith(part[:-1]) and tok not in _STOPS
    return part == tok


def _match(parts, tokens, i):
    """Return (end, literal positions) of ``parts`` matched at ``i``, or None."""
    def rec(p, j, lits):
        if p == len(parts):
            return j, lits
        part = parts[p]
        if part == "...":
            for gap in range(0, GAP_MAX + 1):
                if gap and (j + gap - 1 >= len(tokens) or tokens[j + gap - 1] in _STOPS):
                    break
                r = rec(p + 1, j + gap, lits)
                if r:
                    return r
            return None
        if j < len(tokens) and _word_match(part, tokens[j]):
            return rec(p + 1, j + 1, lits + (j,))
        return None
    return rec(0, i, ())


_TOPIC_PREFIXES = tuple(op + " " for op in TOPIC_OPENERS)


def _topic_end(tokens) -> int:
    """Index after an opening topic clause ("As regards X,"), or 0."""
    joined = " ".join(tokens[:5])
    if not joined.startswith(_TOPIC_PREFIXES):
        return 0
    for k, t in enumerate(tokens):
        if t in _STOPS:
            return 0
        if t == ",":
            rest = [x for x in tokens[k + 1:] if x not in _STOPS and x != ","]
            return k + 1 if len(rest) >= 3 else 0
    return 0


def _conditional_clauses(tokens) -> list:
    """For each token, whether its clause holds a dependence construction.

    Clauses are bounded by full stops, semicolons and colons and by a
    contrast ("but", "however"): "X has succeeded, but its future depends
    on Y" keeps its success.

    Examples
    --------
    >>> toks = tokenize("Success here depends on success elsewhere; trade has grown.")
    >>> [t for t, c in zip(toks, _conditional_clauses(toks)) if c][:4]
    ['success', 'here', 'depends', 'on']
    >>> _conditional_clauses(toks)[toks.index("trade")]
    False
    """
    out = [False] * len(tokens)
    if _DEPENDENCE_FIRST.isdisjoint(tokens):  # no clause can hold one (tokens hold no spaces)
        return out
    start = 0
    for k in range(len(tokens) + 1):
        if k == len(tokens) or tokens[k] in _STOPS or tokens[k] in CONTRASTS:
            clause = " ".join(tokens[start:k])
            if any((" " + d + " ") in (" " + clause + " ") for d in DEPENDENCE):
                out[start:k] = [True] * (k - start)
            start = k + 1
    return out


def _is_negator(tokens, k) -> bool:
    t = tokens[k]
    if t == "not" and k + 1 < len(tokens) and tokens[k + 1] == "only":
        return False
    if t == "from" and k > 0 and tokens[k - 1] == "far":
        return True
    if t in ("little", "few") and not (k > 0 and tokens[k - 1] == "a"):
        return True  # "little progress has been made" (but "a little progress")
    return t in NEGATORS or t.endswith("n't")


def _modifiers(tokens, start, end, entry):
    """Negation / hedge / booster / 'yet' context of a cue at tokens[start:end]."""
    neg_at, between = None, []
    k = start - 1
    while k >= 0 and start - k <= NEG_WINDOW and tokens[k] not in _STOPS and tokens[k] not in CONTRASTS:
        if _is_negator(tokens, k):
            neg_at = k
            break
        between.append(tokens[k])
        k -= 1
    mods = []
    if neg_at is not None and not entry["self_negated"]:
        mods.append("negated")
        if "yet" in between:
            mods.append("yet")
        elif TOTALITY.intersection(between):
            mods.append("totality")
    window = [t for t in tokens[max(0, start - MOD_WINDOW):start]
              + tokens[end:end + 1] if t not in _STOPS]
    if HEDGES.intersection(window) and not (set(entry["parts"]) & HEDGES):
        mods.append("hedged")
    if "negated" not in mods and BOOSTERS.intersection(tokens[max(0, start - MOD_WINDOW):start]):
        mods.append("boosted")
    return mods


_NEGATED_CATEGORY = {"achieved": "not_achieved", "partial": "not_achieved",
                     "slow": "partial", "not_achieved": "partial"}


def find_cues(text: str, lexicon=None) -> list[dict]:
    """Every evaluative cue of ``text`` with its context-adjusted weight.

    Longer cues win over the shorter ones they contain ("slow progress" over
    "progress"). An opening topic clause is skipped (see module notes).

    Parameters
    ----------
    text : str
    lexicon : str or Path, optional
        Another lexicon CSV; default :data:`LEXICON_PATH`.

    Returns
    -------
    list of dict
        ``cue`` (words as matched), ``pattern`` (lexicon entry), ``weight``
        (adjusted), ``base_weight``, ``category`` (adjusted grade or None),
        ``strength``, ``modifiers`` (list of str), ``token`` (start index).

    Examples
    --------
    >>> [(c["cue"], c["category"]) for c in find_cues("Progress has been slow but steady.")]
    [('progress has been slow', 'slow')]
    >>> c = find_cues("The program has been reasonably successful.")[0]
    >>> c["pattern"], c["weight"]
    ('reasonably successful', 0.45)
    """
    by_first, prefixed = _compiled(str(lexicon) if lexicon else "")
    tokens = tokenize(text)
    skip = _topic_end(tokens)
    found = []
    # the positions where a cue can start: every one with cues of no fixed first word
    positions = range(skip, len(tokens)) if prefixed else \
        [i for i, t in enumerate(tokens[skip:], skip) if t in by_first]
    if not positions:  # no token starts a cue (most sentences): nothing to choose or weigh
        return []
    for i in positions:
        candidates = by_first.get(tokens[i])
        for e in (candidates + prefixed if candidates else prefixed):
            plain = e["plain"]
            if plain is not None:  # the same result as _match, by one comparison
                n = len(plain)
                if tokens[i:i + n] == plain:
                    found.append((n, e["strength"], -i, i, i + n, tuple(range(i, i + n)), e))
                continue
            m = _match(e["parts"], tokens, i)
            if m:
                found.append((m[0] - i, e["strength"], -i, i, m[0], m[1], e))
    found.sort(key=lambda f: (-f[0], -f[1], -f[2], f[6]["cue"]))
    taken: set = set()
    chosen = []
    for length, _, _, i, end, lits, e in found:
        if taken.intersection(lits):
            continue
        taken.update(lits)
        chosen.append((i, end, e))
    chosen.sort(key=lambda c: c[0])
    contrast = None if CONTRASTS.isdisjoint(tokens) else next(
        (k for k, t in enumerate(tokens) if k >= skip and t in CONTRASTS
         and not (t == "but" and k + 1 < len(tokens) and tokens[k + 1] == "also")), None)
    conditional = _conditional_clauses(tokens)
    cues = []
    for i, end, e in chosen:
        mods = _modifiers(tokens, i, end, e)
        if conditional[i] and e["category"] in ("achieved", "partial", "slow"):
            mods.append("conditional")
        w, cat, strength = e["weight"], e["category"], e["strength"]
        if "negated" in mods:
            w = w * N_SCALAR
            if cat is not None:
                if "yet" in mods and cat in ("achieved", "partial"):
                    cat = "slow"
                elif "totality" in mods and cat == "achieved":
                    cat = "partial"
                else:
                    cat = _NEGATED_CATEGORY[cat]
        if "conditional" in mods:
            cat = "not_achieved"  # success made to depend on something else: far off
        if "hedged" in mods:
            w *= HEDGE_SCALAR
            if cat in ("achieved", "not_achieved"):
                cat = "partial"
        if "boosted" in mods:
            w *= 1 + B_INCR
        if contrast is not None:
            factor = BEFORE_CONTRAST if i < contrast else AFTER_CONTRAST
            mods.append("before_contrast" if i < contrast else "after_contrast")
            w *= factor
            strength *= factor
        cues.append({"cue": " ".join(tokens[i:end]), "pattern": e["cue"],
                     "weight": round(max(-1.0, min(1.0, w)), 4), "base_weight": e["weight"],
                     "category": cat, "strength": round(strength, 4), "modifiers": mods,
                     "token": i})
    return cues


def decide_category(cues) -> tuple:
    """Grade a list of cues: (category or None, strength, totals by category).

    The strongest grade wins, except that a temporal qualifier on a success
    claim gives ``slow`` and success with a substantial failure gives
    ``partial`` (see :data:`SLOW_SHARE`, :data:`MIXED_SHARE`).

    Examples
    --------
    >>> decide_category([{"category": "achieved", "strength": 1.0},
    ...                  {"category": "not_achieved", "strength": 0.6}])[0]
    'partial'
    >>> decide_category([])[0] is None
    True
    """
    totals = {c: 0.0 for c in CATEGORIES}
    for c in cues:
        if c.get("category"):
            totals[c["category"]] += float(c["strength"])
    if not any(totals.values()):
        return None, 0.0, totals
    # Ties go to the more specific (worse) grade: understatement is the norm.
    top = max(CATEGORIES, key=lambda c: (totals[c], -CATEGORIES.index(c)))
    good = totals["achieved"] + totals["partial"]
    if top in ("achieved", "partial") and totals["slow"] >= SLOW_SHARE * good:
        top = "slow"
    elif top == "achieved" and totals["not_achieved"] >= MIXED_SHARE * totals["achieved"]:
        top = "partial"
    elif top == "not_achieved" and totals["achieved"] >= MIXED_SHARE * totals["not_achieved"]:
        top = "partial"
    return top, round(totals[top], 4), totals


def score_text(text: str, lexicon=None) -> dict:
    """Favourability and progress evidence of one sentence or passage.

    Parameters
    ----------
    text : str
        A sentence (or a few) of evaluative prose.
    lexicon : str or Path, optional
        Another lexicon CSV; default :data:`LEXICON_PATH`.

    Returns
    -------
    dict
        ``score``: float in [-1, 1], positive = favourable (VADER's
        normalisation of the summed cue weights; 0.0 when no cue);
        ``cues``: list of ``(cue, weight)`` pairs as matched;
        ``details``: the full cue dicts of :func:`find_cues`;
        ``category``: progress grade (``achieved``, ``partial``, ``slow``,
        ``not_achieved``) or None when no cue speaks to progress;
        ``strength``: summed strength of the cues of that grade;
        ``progress``: numeric value of the grade (1.0 ... 0.0) or None;
        ``negated`` / ``hedged``: whether any cue was negated / hedged.

    Examples
    --------
    >>> r = score_text("On the whole, their support has been outstanding.")
    >>> r["category"], r["score"] > 0.5, r["cues"]
    ('achieved', True, [('has been outstanding', 0.9)])
    >>> r = score_text("The objective is far from realization.")
    >>> r["category"], r["progress"], r["score"] < -0.5
    ('not_achieved', 0.0, True)
    >>> -1 <= score_text("Excellent, outstanding, very successful.")["score"] <= 1
    True
    """
    cues = find_cues(text, lexicon)
    category, strength, _ = decide_category(cues)
    return {
        "score": _score(cues),
        "cues": [(c["cue"], c["weight"]) for c in cues],
        "details": cues,
        "category": category,
        "strength": strength,
        "progress": PROGRESS[category] if category else None,
        "negated": any("negated" in c["modifiers"] for c in cues),
        "hedged": any("hedged" in c["modifiers"] for c in cues),
    }


def _score(cues) -> float:
    """The ``score`` of :func:`score_text` from its cues."""
    s = sum(c["weight"] for c in cues)
    score = s / math.sqrt(s * s + ALPHA) if cues else 0.0
    return round(max(-1.0, min(1.0, score)), 4)


def score_and_cues(text: str, lexicon=None) -> tuple:
    """``(score, cues)`` of :func:`score_text` alone (no grade): what the sentiment table keeps.

    Examples
    --------
    >>> t = "The program has been reasonably successful."
    >>> score_and_cues(t) == (score_text(t)["score"], score_text(t)["cues"])
    True
    """
    cues = find_cues(text, lexicon)
    return _score(cues), [(c["cue"], c["weight"]) for c in cues]
