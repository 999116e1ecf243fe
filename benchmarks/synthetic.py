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
