"""A synthetic corpus of policy-statement-like sentences, for benchmarks.

Sentences are drawn from templates in the genre's register, with country
names from pycountry, so that every measuring step has realistic work.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pycountry

SECTIONS = ["objectives", "policies", "relations", "evaluation"]
TEMPLATES = {
    "objectives": [
        "We seek to encourage stability in government and the growth of democratic institutions in {c}.",
        "We wish to obtain a fair contribution from {c} to hemisphere security and defense.",
        "The United States seeks to maintain the support of {c} for our objectives in the world.",
    ],
    "policies": [
        "It is the policy of this Government to encourage private capital in the petroleum and mining industries of {c}.",
        "Technical aid in agriculture, health and education has been granted to {c}.",
        "We have urged {c} to adopt a new petroleum law which would attract foreign investment.",
    ],
    "relations": [
        "Relations with {c} are lacking somewhat in cordiality because of a boundary dispute.",
        "In general, relations with {c} are cordial and trade is growing.",
        "{c} does not maintain diplomatic relations with the Soviet Union.",
    ],
    "evaluation": [
        "In regard to our objective of economic development of {c}, progress has been slow.",
        "Our policies with respect to {c} have been successful on the whole.",
        "The establishment of democratic government in {c} is far from realization.",
    ],
}


def make_sentences(n_docs: int, seed: int, sentences_per_section: int = 20) -> pd.DataFrame:
    """Return a sentences table (the foundation's schema) of ``n_docs`` documents."""
    rng = np.random.default_rng(seed)
    names = sorted(c.name for c in pycountry.countries if "," not in c.name)
    rows = []
    for d in range(n_docs):
        sid = 0
        para = 0
        for section in SECTIONS:
            for i in range(sentences_per_section):
                if i % 4 == 0:
                    para += 1
                tpl = TEMPLATES[section][int(rng.integers(len(TEMPLATES[section])))]
                rows.append({
                    "doc_id": f"synthetic-{d:05d}", "sentence_id": sid, "section": section,
                    "heading": section, "subheading": "", "paragraph": para, "page": pd.NA,
                    "footnotes": "", "text": tpl.format(c=names[int(rng.integers(len(names)))]),
                })
                sid += 1
    return pd.DataFrame(rows)


# -- whole volumes as one line, with the hard parts of real FRUS text (issue 10) ----------

_PEOPLE = ["Dulles", "Acheson", "Eisenhower", "Molotov", "Perón", "Odría", "Rusk", "Hoover",
           "Vyshinsky", "Bevin", "Bidault", "Adenauer", "Kubitschek", "Frondizi", "Castro"]
_TITLES = ["Secretary", "Ambassador", "President", "Foreign Minister", "Under Secretary",
           "Assistant Secretary", "Chargé"]
_SUBJECTS = ["the coffee agreement", "the petroleum law", "military assistance", "the loan of the "
             "Export-Import Bank", "the boundary dispute", "the elections", "the strike of the tin "
             "miners", "the Rio Treaty", "the debt settlement", "surplus agricultural commodities",
             "the Communist party", "the base agreement", "the Berlin blockade", "reparations",
             "the Marshall Plan", "the OAS resolution", "technical cooperation"]
_VERBS = ["said", "stated", "agreed", "insisted", "reported", "doubted", "suggested", "feared",
          "explained", "emphasized"]
_CLAUSES = ["that his Government could not accept {s}", "that there was no danger of war over {s}",
            "that {s} should be settled before the conference", "that the U.S. position on {s} "
            "was not understood in {c}", "that he had not meant to imply that {s} was closed",
            "that public opinion in {c} was aroused by {s}", "that the Embassy in {c} would "
            "report on {s} by Jan. 15"]


def make_volume(n_chars: int, seed: int) -> str:
    """One FRUS-like volume of about ``n_chars`` characters on a single line.

    Like the volumes of ``../shared/frus-volumes``: front matter, numbered
    documents one after another with no separator, source notes and the
    editors' footnotes inlined at their anchor without a marker, quotation
    marks often left unbalanced (an opening mark whose close was lost),
    abbreviations and initials ("Mr. John F. Dulles", "U.S.", "Jan. 15"), and
    an index at the end (long runs with no sentence boundary).
    """
    rng = np.random.default_rng(seed)
    names = sorted(c.name for c in pycountry.countries if "," not in c.name and "(" not in c.name)

    def pick(seq):
        return seq[int(rng.integers(len(seq)))]

    parts = ["Foreign Relations of the United States, 1955–1957, Volume VII, American Republics "
             "Department of State Washington Editor in Chief: John P. Glennon United States "
             "Government Printing Office Washington 1987 Preface The publication Foreign "
             "Relations of the United States constitutes the official record of the foreign "
             "policy of the United States."]
    size = len(parts[0])
    doc = 0
    index_share = 0.04
    while size < n_chars * (1 - index_share):
        doc += 1
        c = pick(names)
        head = (f"{doc}. Memorandum of a Conversation, Department of State, Washington, "
                f"{pick(['January', 'March', 'May', 'July', 'October'])} {int(rng.integers(1, 29))}, "
                f"{int(rng.integers(1945, 1968))} Source: Department of State, Central Files, "
                f"{int(rng.integers(100, 999))}.{int(rng.integers(10, 99))}/{int(rng.integers(1, 12))}"
                f"–{int(rng.integers(1, 28))}55. Secret. Drafted by {pick(_PEOPLE)}. SUBJECT "
                f"{pick(_SUBJECTS).capitalize()} PARTICIPANTS {pick(_TITLES)} {pick(_PEOPLE)}, "
                f"Mr. {pick('ABCDEFGHJKLMNPRSTW')}. {pick(_PEOPLE)}")
        sentences = [head]
        for _ in range(int(rng.integers(5, 40))):
            s = (f"{pick(_TITLES)} {pick(_PEOPLE)} {pick(_VERBS)} "
                 f"{pick(_CLAUSES).format(s=pick(_SUBJECTS), c=pick(names))}.")
            r = rng.random()
            if r < 0.05:
                s = f"He called it “{s[:-1]}."  # an opening mark whose close was lost
            elif r < 0.10:
                s = f'The note read: "{s[:-1]}." and was handed over.'
            elif r < 0.14:
                s += (f" See telegram {int(rng.integers(100, 9999))} from {c}, "
                      f"vol. ii, pp. {int(rng.integers(1, 900))} ff.")  # an inlined note
            elif r < 0.17:
                s = s[:-1] + ", and the Embassy concurred."
            sentences.append(s)
        text = " ".join(sentences)
        parts.append(text)
        size += len(text) + 1
    index = []
    while size < n_chars:
        entry = f"{pick(_PEOPLE)}, {pick(_TITLES)}, " + ", ".join(
            str(int(rng.integers(1, 1200))) for _ in range(int(rng.integers(3, 30))))
        index.append(entry)
        size += len(entry) + 2
    parts.append("Index " + "; ".join(index))
    return " ".join(parts)
