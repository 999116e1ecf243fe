"""Objectives of a policy statement: one row per aim of its section a.

How the series (State Department policy statements, 1949-1951) states its
aims, and how each form is cut into objectives (the coding rules of
``CODEBOOK.md``, "Objectives"):

* a numbered or lettered list, "The objectives are: (1) to maintain ...;
  (2) to encourage ..." -> one objective per item; an item that joins two
  aims ("to maintain X and to strengthen Y", "protection of X and the
  defense of Y") gives two;
* an aim verb or aim noun with a chain of infinitives, "We seek to retain
  ...; to persuade ...; and to help ...", "More immediate objectives are to
  demonstrate ..., and, by appropriate means, to sustain ..." -> one
  objective per infinitive ("in order to ..." stays inside its infinitive);
* a list of nominalised aims, "Other objectives are A, promotion of B, and
  maintenance of C", "The long-term objective is the elimination of X and
  the creation of Y" -> one objective per noun phrase;
* an aim noun and its copula may hold a phrase in commas between them,
  "The objectives ..., which derive from ..., are ...", "An additional
  objective, in view of ..., is to ..."; "X, together with the maintenance
  of Y" joins two nominalised aims; "Of particular importance ... are A and
  B" is a copula after an inverted frame;
* one aim per sentence, "We wish to obtain ...", "It is our purpose to
  ...", "We look forward to ...", "It is considered important to ...",
  "A special objective ... is ...", "Our short-term policy involves ..." ->
  the span after the marker;
* "To accomplish this objective the U.S. (1) must ..., and must ...; (2)
  ..." (also "In the pursuit of this objective the US will continue to
  ...") -> each course of action; the sentence before it, which "this
  objective" points back to, states an aim where the US is the subject of
  a modal ("the degree to which the U.S. can win ...").

Not objectives: framing sentences ("US policy includes certain limited
goals"), sentences whose subject is another party ("the Soviet state strives
to ..."), reasons and conditions without an aim marker, and "To meet X, the
U.S. must acknowledge ..." openers. Means ("through ...", "by furnishing
...") and reasons ("since ...", "so that ...", "because ...") stay inside
the aim's span, also when they join two nouns ("through technical
assistance and the opening of ..."), as do "between A and the B of C",
relative clauses opening like a noun phrase ("..., the weakness of which
...") and phrases in commas ending in a preposition ("in cooperation with,
rather than in opposition to, the West"). "To this end we seek ..." is an
aim verb after a connective, not an infinitive. Conjoined noun phrases
inside one infinitive ("to encourage stability in government and the growth
of democratic institutions") stay one objective.

Each aim gets a ``horizon``: ``long_range`` / ``immediate`` when the words
before it in its sentence say so ("The long-range objectives ... are",
"Among our more immediate objectives"), else inherited from the first aim of
its paragraph, or from a preceding framing sentence ("Our immediate
objectives are as follows:"); empty otherwise.

The marker words are in ``analysis/data/aim_markers.csv``.

Sentences of the objectives section without an aim marker are background and
skipped, unless no sentence of the section has one (then each sentence is an
objective).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

import pandas as pd

from .. import config

#: Columns of ``objectives.csv`` (``start``/``end``: character span of the
#: objective inside its sentence's ``text``; ``horizon``: ``long_range``,
#: ``immediate`` or "").
OBJECTIVE_COLUMNS = ["doc_id", "objective_id", "sentence_id", "start", "end", "text", "horizon"]
#: Pieces shorter than this many words are not an aim of their own ("to
#: maintain and to strengthen X" is one aim); they join the next piece.
#: (Shortest coded aim in data/coded: 4 words, "the achievement of world peace".)
MIN_WORDS = 3
#: Longest stretch (words) between an aim verb and its "to"/"that" complement
#: ("We seek in cooperation with the other democracies ..."); set from the
#: adverbs and short phrases of the genre ("ultimately", "at the same time").
MAX_GAP_WORDS = 6
MARKERS_PATH = config.PACKAGE_DATA / "aim_markers.csv"

_DET = r"(?:the|a|an|its|their|our|his|her|this|these|those|that|such|all|any|some)"
_NOT_VERB = r"(?!(?:the|a|an|this|that|these|those|its|their|our|his|her|all|any|some|such|be)\b)"
#: Nouns of a nominalised aim ("promotion of", "maintenance of").
_NOMINAL = r"[a-z]+(?:tion|sion|ment|ance|ence|ship|ity|ure)"
_WORDCH = r"[\w\u2019'-]"
_ENUM = re.compile(r"(?:(?<=^)|(?<=[\s:;,]))\(?(?:\d{1,2}|[a-h]|[ivx]{1,4})\)\s+")
_LEAD_ENUM = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-hA-H]|[ivxIVX]{1,4})[.)]\s+)")
_INFINITIVE_START = re.compile(r"^(?:to\b(?!\s+(?:this|that|these|those|such)\s+ends?\b)|that\b|in\s+order\s+to\b)",
                               re.I)
_MODAL_START = re.compile(r"^(?:must|should|shall|will|would|can)\s+", re.I)
#: "taking measures to ensure X, develop Y": a participle with its purpose,
#: then the main verb; both are aims.
_PARTICIPLE_PURPOSE = re.compile(
    r"^(?:by\s+)?[a-z]+ing\s+(?:[a-z]+\s+){0,2}?(?:measures|steps|action|means|care)\s+to\b[^,;]*,\s+"
    r"(?=" + _NOT_VERB + r"(?!(?:and|or|but|in|of|on|at|by|for|with|through|as|which|who|especially)\b)"
    r"[a-z]+\s)", re.I)
#: Cut points of an infinitive chain: semicolons; "and to <verb>" (also with
#: a short inserted phrase, "and, specifically, to"); the commas of a series
#: "to A, to B, and to C"; "and must <verb>";
#: "while at the same time <verb>ing".
_INF_CUT = re.compile(
    r";\s*(?:and\s+|or\s+)?"
    r"|,?\s+(?:and|or)\s*(?:,\s*[^,;]{1,40}?,\s*)?(?=(?:to\s+" + _NOT_VERB + r"[a-z]+|that)\b)"
    r"|,\s+(?=to\s+" + _NOT_VERB + r"[a-z]+\b[^;]*?,\s+(?:and|or)\s*(?:,\s*[^,;]{1,40}?,\s*)?to\s+" + _NOT_VERB + r")"
    r"|,?\s+(?:and|or)\s+(?=(?:must|should|shall)\s+[a-z])"
    r"|,?\s+while\s+(?:at\s+the\s+same\s+time\s+)?(?=[a-z]+ing\b|to\b)", re.I)
#: Words that open a reason or condition ("..., because the continuance of ..."):
#: never the start of a new item of a nominal list.
_SUBORDINATORS = r"(?:because|since|although|though|while|whereas|which|whose|where|when|if|unless|as|so)"
#: Cut points of a nominal list: semicolons, "together with the ...", list
#: commas before a determiner or a nominalised aim, and "and the <noun> of".
_NOM_CUT = re.compile(
    r";\s*(?:and\s+|or\s+)?"
    r"|,?\s+together\s+with\s+(?=(?:the|a|an|its|their|our)\s)"
    r"|,\s+(?:(?:and|or)\s+)?(?=(?:the|a|an|its|their|our)\s)"
    r"|,\s+(?:(?:and|or)\s+)?(?!" + _SUBORDINATORS + r"\b)(?=(?:(?!(?:and|or)\s)[A-Za-z\u2019'-]+\s+){0,2}" + _NOMINAL
    + r"\s+(?:of|for|with|in|to|between|by|on|toward|towards)\b)"
    r"|(?<=\w)\s+and\s+(?=(?:the|a|an|its|their|our)\s+(?:" + _WORDCH + r"+\s+){0,2}?" + _WORDCH + r"+\s+of\b)",
    re.I)
#: Only the "and the <noun> of" cut (inside a numbered item, after a copula).
_AND_THE_OF = re.compile(
    r"(?<=\w)\s+and\s+(?=(?:the|a|an|its|their|our)\s+(?:" + _WORDCH + r"+\s+){0,2}?" + _WORDCH + r"+\s+of\b)",
    re.I)
#: Words that open a modifier, not a new list item ("..., especially in time of war").
_MODIFIER_START = re.compile(r"^(?:especially|including|in|as|both|which|particularly|notably|"
                             r"such|with|by|through|for|of|on|at|from|whether)\b", re.I)
#: A copula complement that describes instead of naming an aim ("US
#: objectives in X are peculiarly broad", "policy is affected by ...").
_PREDICATIVE = re.compile(r"(?:[a-z]+ly\s+)?(?:[a-z]+ed|broad|narrow|clear|simple|complex|difficult|many|few|"
                          r"numerous|various|twofold|threefold)\s*(?:$|[,.;:]|(?:by|in|to|with|upon|on|as|and|than|"
                          r"for|at)\b)", re.I)
#: "the endeavor to <verb>" after a copula: the aim is the infinitive.
_EFFORT = re.compile(r"(?:the|an?|our)\s+(?:endeavou?r|effort|attempt|intention|task|aim|purpose)\s+(?=to\s)", re.I)
#: Adverbs between an aim verb and its complement.
_ADVERBS = (r"(?:\s*,?\s*(?:also|particularly|especially|primarily|further|above\s+all|in\s+particular|"
            r"ultimately|eventually|at\s+the\s+same\s+time|currently|now|therefore|thus|chiefly|"
            r"mainly|above\s+all|specifically|generally|in\s+general),?)*")
_TRAIL = " \t,;:.\u2014-"
#: A relative clause that opens like a noun phrase ("..., the weakness of which ...").
_RELATIVE_OF = re.compile(r"\s*(?:the|a|an)\s+(?:[\w\u2019'-]+\s+){0,2}?of\s+(?:which|whom)\b", re.I)
#: "between X" not yet closed by its "and": the next "and" belongs to it.
_OPEN_BETWEEN = re.compile(r"\bbetween\s+(?:(?!\band\b)[^,;])*$", re.I)
#: A piece that ends in a preposition is not an item of its own.
_PREPOSITION_END = re.compile(r"\b(?:to|with|of|in|for|from|by|between|on|upon|toward|towards|against)\s*,?\s*$",
                              re.I)
#: Openers of a means or reason phrase inside an aim ("through ...", "since
#: ...", "so that ...", ", resting upon ..."): an "and the <noun> of" after one
#: joins two nouns of that phrase, not two aims (the codebook keeps means and
#: reasons inside the aim's span).
_INSIDE = re.compile(r"(?:,\s*|\s)(?:through|by\s+means\s+of|since|because|so\s+that|in\s+order\s+that|"
                     r"whereby|resting|based)\b", re.I)
#: A phrase set off by commas between an aim noun and its copula: "The
#: objectives ..., which derive from ..., from ... and from ..., are ...",
#: "An additional objective, in view of ..., is to ...". Up to
#: :data:`MAX_INSERT` characters, no sentence-internal stop (";", ":"): the
#: package's choice, room for a relative clause of three phrases (the longest
#: met, in the first blind set, has 190).
MAX_INSERT = 300
_INSERT = r"(?:,[^.;:]{1,%d}?,)?" % MAX_INSERT


def _alternation(entries) -> str:
    """Regex alternation of marker entries (space = any spaces, * = any ending)."""
    out = []
    for e in sorted(entries, key=len, reverse=True):
        body = re.escape(e).replace(r"\ ", r"\s+").replace(" ", r"\s+").replace(r"\.", r"[._]")
        out.append(body.replace(r"\*", r"\w*"))
    return "(?:" + "|".join(out) + ")"


@lru_cache(maxsize=2)
def load_markers(path=None) -> dict:
    """Aim marker words by kind, from ``analysis/data/aim_markers.csv``.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with columns ``kind,entry,origin`` (``#`` lines are comments);
        by default :data:`MARKERS_PATH`.

    Returns
    -------
    dict of str to tuple of str

    Examples
    --------
    >>> m = load_markers()
    >>> "seek*" in m["aim_verb"], "short-term" in m["immediate"]
    (True, True)
    """
    out: dict = {}
    with open(path or MARKERS_PATH, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(ln for ln in fh if ln.strip() and not ln.startswith("#"))
        for r in rows:
            out.setdefault(r["kind"].strip(), []).append(r["entry"].strip().lower())
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=2)
def aim_opener(path=None) -> re.Pattern:
    """The opening words that state *that* something is an aim, not *what* it is.

    Built from the same marker file as the extraction (``us_subject`` and
    ``aim_verb`` entries), so that a short label of an objective drops
    exactly the openers the extraction knows ("We seek to encourage ..." ->
    "encourage ...").

    Examples
    --------
    >>> aim_opener().sub("", "We seek to encourage stability.")
    'encourage stability.'
    >>> aim_opener().sub("", "In addition, the United States desires that Peru agree.")
    'Peru agree.'
    >>> aim_opener().sub("", "to obtain a fair contribution")
    'obtain a fair contribution'
    """
    m = load_markers(path)
    us, verbs = _alternation(m["us_subject"]), _alternation(m["aim_verb"])
    return re.compile(
        r"^(?:(?:in\s+addition|also|further(?:more)?|finally|moreover)\s*,?\s*)?"
        r"(?:(?:the\s+)?" + us + r"(?:\s+\w+)?\s+" + _ADVERBS + r"\s*"
        r"(?:" + verbs + r"|is|are)(?:\s+(?:to|that))?\s+)?(?:to\s+)?", re.IGNORECASE)


@lru_cache(maxsize=2)
def _patterns(path=None) -> dict:
    """Compiled marker patterns (built once from the marker CSV)."""
    m = load_markers(path)
    verbs, nouns = _alternation(m["aim_verb"]), _alternation(m["aim_noun"])
    copulas, frames = _alternation(m["copula"]), _alternation(m["aim_frame"])
    attain, us = _alternation(m["attain_verb"]), _alternation(m["us_subject"])
    start = r"(?=\s*(?:to|that|in|the|an?|its|their|our|for|by|through|with|at|toward|towards)\b)"
    return {
        "verb": re.compile(r"\b(?:would\s+|will\s+|must\s+|should\s+|do\s+|does\s+)?" + verbs + r"\b"
                           + _ADVERBS + start, re.I),
        "copula": re.compile(r"(?<!these\s)(?<!those\s)(?<!such\s)(?<!each\s)\b" + nouns
                             + r"\b[^.;:,]{0,100}?" + _INSERT + r"\s" + copulas
                             + r"\b\s*(?:as\s+follows)?\s*:?", re.I),
        # "Of particular importance to the US ... are A and B": the copula after an inverted frame
        "inverted": re.compile(r"^\s*of\s+(?:particular|special|great|primary|prime|first|chief|major)\s+"
                               r"(?:importance|concern|interest)\b[^.;:]{0,120}?\s(?:is|are)\b", re.I),
        "has_as": re.compile(r"\bha(?:s|ve)\s+as\s+(?:its|their|our)\s+(?:[a-z-]+\s+){0,2}?" + nouns + r"\b", re.I),
        "frame": re.compile(r"\b(?:" + frames + r"|it\s+is\s+(?:our|the|a)\s+(?:[a-z-]+\s+){0,2}?" + nouns
                            + r"(?:\s+of\s+(?:[\w.]+\s+){1,3}?(?:policy|government))?)\b" + _ADVERBS, re.I),
        "attain": re.compile(r"^\s*(?:to\s+" + attain + r"|in\s+(?:the\s+)?(?:pursuit|furtherance)\s+of)"
                             r"\s+(?:this|these|that|those|the|such|our)\s+(?:[a-z-]+\s+)?" + nouns + r"\b,?", re.I),
        "us": re.compile(r"(?<![\w.])" + us + r"(?![\w])", re.I),
        "us_modal": re.compile(r"(?<![\w.])" + us + r"\s+(?:(?:\(\w+\)|[a-z]+ly)\s+)?(?:must|should|can|will|would|shall|"
                               r"(?:is|are)\s+to)\s+(?:(?:also|[a-z]+ly)\s+)?(?:continue\s+(?=to\s))?", re.I),
        "main_clause": re.compile(r",\s+(?:(?:the|this)\s+)?(?:" + us + r"|it|they)\s+(?:[a-z]+\s+)?"
                                  r"(?:must|should|will|would|can|shall|is|are|has|have)\b", re.I),
        "frame_complement": re.compile(
            r"^(?:as\s+follows|the\s+following|follows|(?:certain|several|some|a\s+number\s+of|two|three|four|five|"
            r"these|those|such|other|the\s+(?:same|above|foregoing))\s+(?:[a-z-]+\s+){0,2}?" + nouns + r")\b", re.I),
        "long_range": re.compile(r"\b" + _alternation(m["long_range"]) + r"\b", re.I),
        "immediate": re.compile(r"\b" + _alternation(m["immediate"]) + r"\b", re.I),
        "noun": re.compile(r"\b" + nouns + r"\b", re.I),
    }


def _mask(text: str) -> str:
    """Same-length copy of ``text`` with abbreviation dots ("U.S.") as "_"."""
    return re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group().replace(".", "_"), text)


def _trim(text: str, start: int, end: int) -> tuple:
    """Shrink [start, end) to drop connectives and punctuation at the edges."""
    while start < end and text[start] in _TRAIL:
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    m = re.match(r"(?:(?:and|or|also)\s+)?(?:(?:must|should|shall)\s+(?:also\s+)?(?=[a-z]))?", text[start:end], re.I)
    if m:
        start += m.end()
    m = re.search(r"[\s,;]+(?:and|or)$", text[start:end], re.I)
    if m:
        end = start + m.start()
    return start, end


def _n_words(s: str) -> int:
    return len(re.findall(r"[A-Za-z]+", s))


def _cut(text: str, start: int, end: int, pattern) -> list:
    """Cut text[start:end] at ``pattern``; merge pieces that are not aims."""
    pieces, pos, strong = [], start, False
    for m in pattern.finditer(text, start, end):
        before = text[pos:m.start()]
        after = text[m.end():m.end() + 12]
        # "a free, independent, and peaceful state": a series of single words
        # (adjectives) is not a list of aims.
        if ";" not in m.group() and re.search(r",\s*" + _WORDCH + r"+\s*$", before) \
                and not re.match(r"(?:the|a|an|its|their|our|to|that)\s", after, re.I):
            continue
        if m.group().strip().lower() in ("and", "or") and not re.match(r"(?:to|that)\b", after, re.I) \
                and (_INSIDE.search(before) or _OPEN_BETWEEN.search(before)):
            continue  # "through X and the Y of Z", "between A and the B of C": one aim
        if ";" not in m.group() and _RELATIVE_OF.match(text, m.end()):
            continue  # "the improvement of the economy, the weakness of which limits ...": one aim
        if ";" not in m.group() and _PREPOSITION_END.search(before):
            continue  # "in cooperation with, rather than in opposition to, the West": no item ends so
        pieces.append((pos, m.start(), strong))
        pos, strong = m.end(), ";" in m.group()
    pieces.append((pos, end, strong))
    out = []
    for a, b, after_semicolon in pieces:
        a, b = _trim(text, a, b)
        if b <= a:
            continue
        modifier = not after_semicolon and _MODIFIER_START.match(text[a:b])
        if out and (modifier or _n_words(text[out[-1][0]:out[-1][1]]) < MIN_WORDS):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    if len(out) > 1 and _n_words(text[out[-1][0]:out[-1][1]]) < MIN_WORDS:
        last = out.pop()
        out[-1] = (out[-1][0], last[1])
    return out


def _split_item(text: str, a: int, b: int) -> list:
    """Cut one list item (or one complement) into its aims."""
    piece = text[a:b]
    if _INFINITIVE_START.match(piece) or _MODAL_START.match(piece):
        return _cut(text, a, b, _INF_CUT)
    m = _PARTICIPLE_PURPOSE.match(piece)
    if m:
        return _cut(text, a, a + m.start() + m.group().rstrip().rfind(","), _INF_CUT) + \
            _cut(text, a + m.end(), b, _INF_CUT)
    return _cut(text, a, b, _AND_THE_OF)


def _subject_ok(masked: str, pos: int) -> bool:
    """True when the words before ``pos`` make the US the one who wants."""
    pre = masked[:pos]
    if _patterns()["us"].search(pre):
        return True
    pre = re.sub(r"^\s*(?:thus|therefore|hence|accordingly|in\s+addition|finally|also)\b,?", "", pre, flags=re.I)
    return not re.search(r"\w", pre)


def _owner_ok(masked: str, pos: int) -> bool:
    """False when an aim noun belongs to another party ("their aims", "Soviet objectives")."""
    pre = masked[:pos]
    if _patterns()["us"].search(pre):
        return True
    if re.search(r"\b(?:their|its|his|her)\s+(?:[a-z-]+\s+)?$|\w[\u2019']s\s+(?:[a-z-]+\s+)?$", pre, re.I):
        return False
    # A capitalised word other than the first names another party.
    return not re.search(r"(?<=\s)[A-Z][a-z]", pre.strip())


def _complement_start(masked: str, pos: int, skip_to: bool) -> int:
    """Where the aim begins after a marker ending at ``pos``."""
    rest = masked[pos:]
    if skip_to:
        m = re.match(r"(?:\s+[^\s,;:.]+){0,%d}?\s+(?=(?:to|that)\s)" % MAX_GAP_WORDS, rest, re.I)
        if m and (m.end() == 0 or not re.match(r"\s*(?:to|that)\b", rest, re.I)):
            pos += m.end()
            rest = masked[pos:]
    # "look forward to the full participation": "to" is a preposition here.
    m = re.match(r"\s*(?:to|at|toward|towards)\s+(?=(?:the|a|an|its|their|our|his|her|this|these|those)\s)",
                 rest, re.I)
    if m:
        pos += m.end()
    return pos


def _markers(masked: str) -> list:
    """(marker start, complement start, kind) of the valid aim markers, first first."""
    p = _patterns()
    found = []
    for kind in ("frame", "inverted", "has_as", "copula", "verb"):
        for m in p[kind].finditer(masked):
            if kind == "verb" and not _subject_ok(masked, m.start()):
                continue
            if kind in ("copula", "has_as") and not _owner_ok(masked, m.start()):
                continue
            found.append((m.start(), _complement_start(masked, m.end(), skip_to=kind in ("verb", "frame")), kind))
    return sorted(found)


def _complement_aims(text: str, masked: str, start: int, kind: str):
    """Aims of the complement that begins at ``start``; None for a framing complement."""
    a, b = _trim(text, start, len(text))
    m = _EFFORT.match(masked, a)
    if m:
        a = m.end()  # "objectives is the endeavor to weaken ...": the infinitive is the aim
    if b <= a or _patterns()["frame_complement"].match(masked[a:b]) or _PREDICATIVE.match(masked[a:b]):
        return None  # framing: "US policy includes certain limited goals", "objectives are broad"
    if _INFINITIVE_START.match(masked[a:b]):
        spans = _cut(text, a, b, _INF_CUT)
        if kind in ("copula", "has_as") and len(spans) == 1:
            # "The objective is to foster X and the close association of Y":
            # a copula takes an infinitive and a noun phrase as two aims.
            spans = _cut(text, a, b, _AND_THE_OF)
        return spans
    return _cut(text, a, b, _NOM_CUT)


def _analyse(text: str) -> tuple:
    """(spans, lead) of one sentence: its aims and where the words before them end."""
    p = _patterns()
    masked = _mask(text)
    enums = list(_ENUM.finditer(masked))
    if len(enums) >= 2:
        spans = []
        for i, m in enumerate(enums):
            end = enums[i + 1].start() if i + 1 < len(enums) else len(text)
            a, b = _trim(text, m.end(), end)
            if b <= a:
                continue
            if _MODAL_START.match(text[m.end():end]):
                spans.extend(_cut(text, a, b, _INF_CUT))  # "(1) must bolster X, and must engage in Y"
            else:
                spans.extend(_split_item(text, a, b))
        return spans, enums[0].start()
    lead = _LEAD_ENUM.match(masked)
    body = lead.end() if lead else 0
    attain = p["attain"].match(masked, body)
    if attain:
        # "To accomplish this objective the U.S. must ...": its courses of action.
        m = p["us_modal"].search(masked, attain.end())
        if not m:
            return [], len(text)
        a, b = _trim(text, m.end(), len(text))
        return (_cut(text, a, b, _INF_CUT) if b > a else []), m.start()
    if _INFINITIVE_START.match(masked[body:]):
        if not lead and p["main_clause"].search(masked):
            return [], len(text)  # "To meet X, the U.S. must acknowledge ...": no aim of its own
        a, b = _trim(text, body, len(text))
        return (_cut(text, a, b, _INF_CUT) if b > a else []), body
    for _, start, kind in _markers(masked):
        spans = _complement_aims(text, masked, start, kind)
        if spans is not None:
            return spans, (spans[0][0] if spans else len(text))
    if lead:
        a, b = _trim(text, body, len(text))
        return (_split_item(text, a, b) if b > a else []), body
    return [], len(text)


def split_aims(text: str) -> list:
    """Character spans of the aims stated in one sentence.

    Parameters
    ----------
    text : str
        One sentence of an objectives section.

    Returns
    -------
    list of (start, end)
        Spans into ``text``; empty when the sentence states no aim of the
        US (no aim marker, a framing sentence, or another party's aims).

    Examples
    --------
    >>> s = "We wish to obtain a fair contribution to hemisphere defense."
    >>> [s[a:b] for a, b in split_aims(s)]
    ['to obtain a fair contribution to hemisphere defense']
    >>> s = "Our objectives are to: (1) obtain bases, (2) assist its army, and (3) promote trade."
    >>> [s[a:b] for a, b in split_aims(s)]
    ['obtain bases', 'assist its army', 'promote trade']
    >>> s = "We seek to encourage stability in government and the growth of democratic institutions."
    >>> len(split_aims(s))
    1
    >>> s = "Our aims are the security of the area, the growth of trade, and the achievement of peace."
    >>> [s[a:b] for a, b in split_aims(s)]
    ['the security of the area', 'the growth of trade', 'the achievement of peace']
    >>> split_aims("The country is a large producer of copper.")
    []
    >>> split_aims("The regime strives to destroy all other types of society.")
    []
    """
    return _analyse(text)[0]


def _horizon(lead_text: str) -> str:
    p = _patterns()
    if p["immediate"].search(lead_text):
        return "immediate"
    if p["long_range"].search(lead_text):
        return "long_range"
    return ""


def _back_reference(text: str) -> list:
    """The aim of a sentence that a following "To accomplish this objective" points to."""
    m = _patterns()["us_modal"].search(_mask(text))
    if not m:
        return []
    a, b = _trim(text, m.end(), len(text))
    return [(a, b)] if _n_words(text[a:b]) >= MIN_WORDS else []


def extract_objectives(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per stated aim of each document's objectives section.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The foundation's ``sentences`` table (doc_id, sentence_id, section,
        text; ``paragraph`` when present). Not modified.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OBJECTIVE_COLUMNS`; ``objective_id`` runs 1.. in
        document order; ``text`` is the exact span ``sentence[start:end]``;
        ``horizon`` is ``long_range``, ``immediate`` or "".

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"] * 4, "sentence_id": [0, 1, 2, 3],
    ...     "section": ["objectives", "objectives", "objectives", "evaluation"],
    ...     "text": ["We seek to keep bases and to expand trade with the country.",
    ...              "We particularly wish that it might supply more tin.",
    ...              "Our short-term objective is the settlement of claims.",
    ...              "Progress has been slow."]})
    >>> extract_objectives(s)[["objective_id", "sentence_id", "text", "horizon"]].values.tolist()
    [[1, 0, 'to keep bases', ''], [2, 0, 'to expand trade with the country', ''], [3, 1, 'that it might supply more tin', ''], [4, 2, 'the settlement of claims', 'immediate']]
    """
    missing = {"doc_id", "sentence_id", "section", "text"} - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences table lacks columns {sorted(missing)}; pass the loader's sentences table")
    p = _patterns()
    rows = []
    obj = sentences[sentences["section"] == "objectives"]
    for doc_id, g in obj.groupby("doc_id", sort=False):
        g = g.sort_values("sentence_id")
        paras = g["paragraph"].tolist() if "paragraph" in g.columns else [0] * len(g)
        found = []
        for r, para in zip(g.itertuples(), paras):
            t = str(r.text)
            spans, lead = _analyse(t)
            found.append([int(r.sentence_id), t, para, spans, lead])
        for i in range(1, len(found)):
            # "... the U.S. can win X. To accomplish this objective ...": X is an aim.
            if p["attain"].match(_mask(found[i][1])) and not found[i - 1][3]:
                found[i - 1][3] = _back_reference(found[i - 1][1])
                if found[i - 1][3]:
                    found[i - 1][4] = found[i - 1][3][0][0]
        if not any(f[3] for f in found):
            # No aim marker anywhere: the section is a bare list of aims.
            for f in found:
                f[3] = [_trim(f[1], 0, len(f[1]))] if _n_words(f[1]) >= MIN_WORDS else []
                f[4] = 0
        k, carry, para_horizon, cur_para, para_has_aim = 0, "", "", None, False
        for sid, t, para, spans, lead in found:
            if para != cur_para:
                cur_para, para_horizon, para_has_aim = para, "", False
            own = _horizon(t[:lead] if spans else t)
            if not spans:
                if own and p["noun"].search(t):
                    carry = own  # "Our immediate objectives are as follows:"
                continue
            if not para_has_aim:
                para_horizon, para_has_aim = own, True
            horizon = own or para_horizon or carry
            for a, b in spans:
                k += 1
                rows.append({"doc_id": str(doc_id), "objective_id": k, "sentence_id": sid,
                             "start": a, "end": b, "text": t[a:b], "horizon": horizon})
    return pd.DataFrame(rows, columns=OBJECTIVE_COLUMNS)
