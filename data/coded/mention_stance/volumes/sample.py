"""Draw the volume mention-stance units (run once; the units are committed).

    python -m analysis run ../shared/frus-volumes --out /tmp/vol-run --quiet
    python data/coded/mention_stance/volumes/sample.py /tmp/vol-run

Twenty mentions per volume, seeded, from readable sentences only: 60-400
characters, at least eight words, digits under 5% of the characters, not
editorial; at most one mention per sentence. Nothing here reads the
package's stance output: the coders see only ``units.csv`` and ``CODING.md``.
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260101
PER_VOLUME = 20

run = Path(sys.argv[1])
out = Path(__file__).parent
sent = pd.read_csv(run / "sentences.csv", keep_default_na=False,
                   usecols=["doc_id", "sentence_id", "text", "editorial"])
ment = pd.read_csv(run / "mentions.csv", keep_default_na=False)
text = sent["text"].astype(str)
digits = text.str.count(r"\d") / text.str.len().clip(lower=1)
ok = (text.str.len().between(60, 400) & (text.str.split().str.len() >= 8) & (digits < 0.05)
      & (sent["editorial"].astype(str) != "True"))
keep = sent[ok].set_index(["doc_id", "sentence_id"])["text"]
m = ment[ment.set_index(["doc_id", "sentence_id"]).index.isin(keep.index)]
rng = np.random.default_rng(SEED)
rows = []
for doc, g in m.groupby("doc_id", sort=True):
    # one mention per sentence, then PER_VOLUME sentences
    g = g.sort_values(["sentence_id", "start"]).groupby("sentence_id", sort=True).head(1)
    pick = g.iloc[np.sort(rng.choice(len(g), size=min(PER_VOLUME, len(g)), replace=False))]
    for r in pick.itertuples():
        t = keep[(doc, r.sentence_id)]
        rows.append({"mention_id": f"{doc}:{r.sentence_id}:{r.iso2}", "doc_id": doc,
                     "sentence_id": int(r.sentence_id), "iso2": r.iso2, "country": r.country,
                     "surface": t[r.start:r.end], "start": int(r.start), "end": int(r.end),
                     "section": "other",
                     "marked": t[:r.start] + "[[" + t[r.start:r.end] + "]]" + t[r.end:]})
pd.DataFrame(rows).to_csv(out / "units.csv", index=False, lineterminator="\n")
print(f"wrote {len(rows)} units to {out / 'units.csv'}")
