"""Section headings of a policy statement and their canonical labels.

Policy statements of the series are divided into lettered sections whose
wording varies: "a. objectives", "A. Objectives", "b. policies",
"c. Relations with other countries", "c. relations with other states",
"d. evaluation", "d. policy evaluation", "D. Policy Evaluation". Each
heading is kept as written and mapped to one label of
:data:`analysis.config.SECTIONS`. Inside a section, short headings on a line
of their own ("Strategic Materials") and run-in headings that open a
paragraph ("Background. Our policies …") are *sub-headings*, not sections.
"""
from __future__ import annotations

import re

from .sentences import ABBREVIATIONS

#: Keyword rules, tried in order: the first that matches the heading's
#: words gives the label. "policy evaluation" must be an evaluation, so
#: evaluation comes before policies. Drawn from the headings of the
#: 1950-1951 statements in FRUS vols. II (see the module docstring).
LABEL_RULES = (
    ("evaluation", re.compile(r"\b(evaluation|evaluations|assessment|appraisal|progress)\b", re.I)),
    ("objectives", re.compile(r"\b(objectives?|aims?|goals?)\b", re.I)),
    ("relations", re.compile(r"\brelations?\b", re.I)),
    ("policies", re.compile(r"\b(polic(y|ies)|courses? of action)\b", re.I)),
)

#: A section heading: an optional letter or numeral ("a.", "A)", "IV.",
#: "2."), then at most MAX_HEADING_WORDS words, no sentence punctuation at
#: the end. The genre letters its sections; numerals cover reprints.
SECTION_HEADING = re.compile(
    r"^\s*(?:(?P<mark>[A-Ha-h]|[IVX]{1,4}|\d{1,2})[.)]\s+)?(?P<title>[A-Za-z][A-Za-z ,’'\-–]*?)\s*[.:]?\s*$"
)
MAX_HEADING_WORDS = 6

#: The canonical section names of the genre, written without a letter:
#: a section keyword, optionally qualified ("policy evaluation", "U.S.
#: objectives") and followed by a prepositional tail ("relations with other
#: countries", "objectives toward Peru"). The wordings are those of the
#: 1949-1951 statements (module docstring); "Policy Statement on Peru" is
#: none of them, so a title with "Policy" in it stays the title (issue 11).
SECTION_NAME = re.compile(
    r"^(?:(?:u\.?s\.?|united states|general|principal|basic|major|our|current|specific)\s+)?"
    r"(?:objectives?|aims?|goals?|polic(?:y|ies)|courses?\s+of\s+action|relations?"
    r"|(?:policy\s+)?(?:evaluation|evaluations|assessment|appraisal)|progress)"
    r"(?:\s+(?:issues|problems|questions))?"
    r"(?:(?:\s*,?\s+and\s+|\s*,\s*)(?:polic(?:y|ies)|objectives?|(?:policy\s+)?evaluation|"
    r"courses?\s+of\s+action|programs?))*"
    r"(?:\s+(?:with|toward|towards|to|of|in|for|on)\s+[a-z][a-z ,’'\-–]*)?\s*[.:]?$",
    re.I)

#: Run-in sub-heading at the start of a paragraph: a few capitalised words
#: ending in a full stop, followed by the paragraph's first sentence.
RUN_IN = re.compile(r"^(?P<sub>[A-Z][A-Za-z’'\-]*(?:[ ,]+[A-Za-z’'\-]+){0,5})\.\s+(?=[“\"(]?[A-Z])")

#: Words that make a short clause a sentence rather than a run-in heading
#: (finite verbs and sentence-opening function words).
SENTENCE_WORDS = frozenset(
    """is are was were be been being has have had do does did will would shall should
    can could may might must seems seem remains remain continues continue appears appear
    the this these those that it its we our they their he she his her there i you""".split()
)


def canonical_label(heading: str) -> str:
    """Map a heading as written to a canonical section label.

    Parameters
    ----------
    heading : str
        The heading line, e.g. ``"d. policy evaluation"``.

    Returns
    -------
    str
        One of ``objectives``, ``policies``, ``relations``, ``evaluation``,
        ``other``.

    Examples
    --------
    >>> canonical_label("a. objectives")
    'objectives'
    >>> canonical_label("D. Policy Evaluation")
    'evaluation'
    >>> canonical_label("c. relations with other states")
    'relations'
    >>> canonical_label("b. policies")
    'policies'
    >>> canonical_label("Annex")
    'other'
    """
    for label, rule in LABEL_RULES:
        if rule.search(heading):
            return label
    return "other"


def parse_heading(line: str):
    """Return ``(label, heading)`` if ``line`` is a section heading, else None.

    A line is a section heading when it is short, carries no sentence
    punctuation, and either is lettered ("c. Relations …") or consists of a
    section keyword alone ("Objectives", "Policy Evaluation").

    Examples
    --------
    >>> parse_heading("c. Relations with other countries")
    ('relations', 'c. Relations with other countries')
    >>> parse_heading("A. Objectives")
    ('objectives', 'A. Objectives')
    >>> parse_heading("Evaluation")
    ('evaluation', 'Evaluation')
    >>> parse_heading("Relations with neighbours are cordial.") is None
    True
    >>> parse_heading("Strategic Materials") is None
    True
    >>> parse_heading("We seek to encourage stability.") is None
    True
    >>> parse_heading("Policy Statement on Peru") is None
    True
    """
    text = line.strip()
    m = SECTION_HEADING.match(text)
    if not m:
        return None
    title = m.group("title")
    if len(title.split()) > MAX_HEADING_WORDS:
        return None
    label = canonical_label(title)
    if label == "other":
        return None
    if not m.group("mark"):
        # Unlettered: accept only a canonical section name ("Policy
        # Evaluation", "Relations with Other States"), so neither a short
        # sub-heading ("Trade Policy") nor a title ("Policy Statement on
        # Peru") is promoted to a section.
        if text.endswith(".") or any(w.lower() in SENTENCE_WORDS for w in title.split()):
            return None
        if not SECTION_NAME.match(title):
            return None
    return label, text


def _letter(line: str) -> str:
    """The section letter of a heading line ("c. Relations" → "c"), or ""."""
    m = SECTION_HEADING.match(line.strip())
    mark = m.group("mark") if m else None
    return mark.lower() if mark and len(mark) == 1 and mark.isalpha() else ""


#: Marks a lettered heading that :func:`sequence_headings` reads as a
#: sub-heading of the current section: ``(SUBHEADING, line)``.
SUBHEADING = "subheading"


def sequence_headings(blocks: list, headings: list) -> list:
    """Correct per-block headings by the genre's lettering of sections (a, b, c, d).

    Sections are lettered in order, so a lettered list inside a section is
    told apart by its letters:

    * a lettered heading whose letter comes before the current section's
      ("a. Trade Relations" inside "b. policy issues") starts a
      lettered list of sub-headings, not a section; within such a list only
      a canonical section name ("d. policy evaluation") starts a section;
    * a lettered line with a title of its own that is none of the section
      names ("d. supplementary problems") starts a section, labelled
      ``other``, when its letter is the next after the current section's
      and no sub-list is open.

    Parameters
    ----------
    blocks : list of str
        The text blocks of a document, in order.
    headings : list
        :func:`parse_heading` of each block (None where it is no heading).

    Returns
    -------
    list
        A new list of the same length; the input is not modified. A
        heading read as a sub-heading becomes ``(SUBHEADING, line)``.

    Examples
    --------
    >>> b = ["a. objectives", "x", "b. policy issues", "a. Trade Relations", "y",
    ...      "d. Aviation", "d. policy evaluation", "z", "e. supplementary problems", "w"]
    >>> [h[0] if h else None for h in sequence_headings(b, [parse_heading(x) for x in b])]
    ['objectives', None, 'policies', 'subheading', None, None, 'evaluation', None, 'other', None]
    """
    out = list(headings)
    last, sublist = "", False
    for i, (block, h) in enumerate(zip(blocks, headings)):
        letter = _letter(block)
        if not letter:
            continue
        if h is not None:
            if last and (letter < last or (sublist and not is_section_name(block))):
                out[i] = (SUBHEADING, block.strip())  # a lettered list inside the section
                sublist = True
                continue
            last, sublist = letter, False
            continue
        m = SECTION_HEADING.match(block.strip())
        title = m.group("title") if m else ""
        if (last and not sublist and ord(letter) == ord(last) + 1 and title
                and len(title.split()) <= MAX_HEADING_WORDS and not block.strip().endswith(".")
                and not any(w.lower() in SENTENCE_WORDS for w in title.split())):
            out[i] = ("other", block.strip())
            last = letter
    return out


def is_section_name(line: str) -> bool:
    """True when ``line``, without its letter or number, is a canonical section name.

    The first line of a document is its title unless it is one of these
    ("1. Policy Statement" is a title, "a. Objectives" a section).

    Examples
    --------
    >>> is_section_name("a. Objectives"), is_section_name("Relations with other countries")
    (True, True)
    >>> is_section_name("b. policy issues"), is_section_name("b. policies and policy evaluation")
    (True, True)
    >>> is_section_name("1. Policy Statement"), is_section_name("Policy Statement on Peru")
    (False, False)
    """
    m = SECTION_HEADING.match(line.strip())
    return bool(m and SECTION_NAME.match(m.group("title")))


def is_subheading_line(line: str) -> bool:
    """True for a short title-like line of its own inside a section.

    Examples
    --------
    >>> is_subheading_line("Attitude toward Democratic Institutions")
    True
    >>> is_subheading_line("Strategic Materials")
    True
    >>> is_subheading_line("Peru is friendly.")
    False
    """
    text = line.strip()
    words = text.split()
    if not words or len(words) > 8 or text[-1] in ".;,!?":
        return False
    if not text[0].isupper():
        return False
    return not any(w.lower().strip(",") in SENTENCE_WORDS for w in words[1:])


def split_run_in(paragraph: str):
    """Split a run-in sub-heading off the start of a paragraph.

    Returns
    -------
    tuple of (str or None, str)
        The sub-heading without its full stop (or None) and the rest.

    Examples
    --------
    >>> split_run_in("Background. Our policies toward X have to take account.")
    ('Background', 'Our policies toward X have to take account.')
    >>> split_run_in("Communism and Labor. Since the war the party grew.")
    ('Communism and Labor', 'Since the war the party grew.')
    >>> split_run_in("Relations are cordial. Trade grows.")
    (None, 'Relations are cordial. Trade grows.')
    >>> split_run_in("Talk with Mr. Corcoran on 15 April.")
    (None, 'Talk with Mr. Corcoran on 15 April.')
    >>> split_run_in("Dr. Klein arrived.")
    (None, 'Dr. Klein arrived.')
    """
    m = RUN_IN.match(paragraph)
    if not m:
        return None, paragraph
    sub = m.group("sub")
    words = [w.strip(",").lower() for w in sub.split()]
    if any(w in SENTENCE_WORDS for w in words):
        return None, paragraph
    # "Conversation with Mr. Corcoran": the full stop belongs to a title.
    if words[-1].strip("’'") in ABBREVIATIONS:
        return None, paragraph
    # Single short tokens ending in a full stop are abbreviations ("Dr.",
    # "Gen.", "U.S."), not headings.
    if len(words) == 1 and len(words[0]) <= 4:
        return None, paragraph
    return sub, paragraph[m.end():]
