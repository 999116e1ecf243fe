"""Draw mention-stance units from a run's tables (run once per set; the units are committed).

    python -m analysis run ../shared/frus-volumes --out /tmp/vol-run --quiet
    python data/coded/mention_stance/volumes/sample.py /tmp/vol-run
    python data/coded/mention_stance/volumes/sample.py /tmp/vol-run --seed 20261203 \\
        --out data/coded/mention_stance/volumes-2 --exclude data/coded/mention_stance/volumes/units.csv
    python data/coded/mention_stance/volumes/sample.py /tmp/syn-run --seed 20261205 --per-doc 4 \
        --out data/coded/mention_stance/statements-synthetic

Twenty mentions per volume (``--per-doc``), seeded, from readable sentences only: 60-400
characters, at least eight words, digits under 5% of the characters, not
editorial; at most one mention per sentence; each unit keeps its
sentence's section (``other`` throughout a volume); no sentence of an earlier set
(``--exclude``: its units' sentences, matched by volume and text). Nothing
here reads the package's stance output: the coders see only ``units.csv``
and ``CODING.md``.
"""
import argparse
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20260101
PER_VOLUME = 20

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("run", type=Path, help="output folder of `analysis run` on the volumes")
ap.add_argument("--seed", type=int, default=SEED)
ap.add_argument("--out", type=Path, default=Path(__file__).parent)
ap.add_argument("--per-doc", type=int, default=PER_VOLUME, help="mentions drawn per document")
ap.add_argument("--exclude", type=Path, nargs="*", default=[],
                help="units.csv of earlier sets whose sentences are not drawn again")
args = ap.parse_args()
sent = pd.read_csv(args.run / "sentences.csv", keep_default_na=False,
                   usecols=["doc_id", "sentence_id", "section", "text", "editorial"])
ment = pd.read_csv(args.run / "mentions.csv", keep_default_na=False)
seen = set()
for path in args.exclude:
    old = pd.read_csv(path, keep_default_na=False)
    seen |= set(zip(old["doc_id"], old["marked"].str.replace("[[", "", regex=False)
                    .str.replace("]]", "", regex=False)))
text = sent["text"].astype(str)
digits = text.str.count(r"\d") / text.str.len().clip(lower=1)
ok = (text.str.len().between(60, 400) & (text.str.split().str.len() >= 8) & (digits < 0.05)
      & (sent["editorial"].astype(str) != "True")
      & ~pd.Series([(d, t) in seen for d, t in zip(sent["doc_id"], text)], index=sent.index))
keep = sent[ok].set_index(["doc_id", "sentence_id"])["text"]
section = sent[ok].set_index(["doc_id", "sentence_id"])["section"]
m = ment[ment.set_index(["doc_id", "sentence_id"]).index.isin(keep.index)]
rng = np.random.default_rng(args.seed)
rows = []
for doc, g in m.groupby("doc_id", sort=True):
    # one mention per sentence, then --per-doc sentences
    g = g.sort_values(["sentence_id", "start"]).groupby("sentence_id", sort=True).head(1)
    pick = g.iloc[np.sort(rng.choice(len(g), size=min(args.per_doc, len(g)), replace=False))]
    for r in pick.itertuples():
        t = keep[(doc, r.sentence_id)]
        rows.append({"mention_id": f"{doc}:{r.sentence_id}:{r.iso2}", "doc_id": doc,
                     "sentence_id": int(r.sentence_id), "iso2": r.iso2, "country": r.country,
                     "surface": t[r.start:r.end], "start": int(r.start), "end": int(r.end),
                     "section": section[(doc, r.sentence_id)],
                     "marked": t[:r.start] + "[[" + t[r.start:r.end] + "]]" + t[r.end:]})
args.out.mkdir(parents=True, exist_ok=True)
pd.DataFrame(rows).to_csv(args.out / "units.csv", index=False, lineterminator="\n")
print(f"wrote {len(rows)} units to {args.out / 'units.csv'}")
