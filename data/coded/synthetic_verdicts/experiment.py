"""Does adding these synthetic statements to the training coding help on real ones?

    python data/coded/synthetic_verdicts/experiment.py

Leave one document out over the ten coded statements of data/coded, as
``validate --cv`` does, but with the twelve synthetic statements of this
folder (coder A's gold) always among the training documents and never
scored. Prints the held-out accuracy, weighted kappa and evidence hit on the
ten real statements (2026-12-03: 0.303, 0.171, 0.708 against 0.561, 0.421,
0.812 without them), then the two coders' agreement on this folder.
"""
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from analysis.progress import model as M  # noqa: E402
from analysis.progress import objectives as O  # noqa: E402
from analysis.progress.coded import load_coded  # noqa: E402
from analysis.report.validate import _measures, compare, second_coder_agreement  # noqa: E402

HERE, CODED = Path(__file__).resolve().parent, ROOT / "data" / "coded"
warnings.simplefilter("ignore")
with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    (tmp / "gold").mkdir()
    for folder in (CODED, HERE):
        for f in folder.glob("*.txt"):
            shutil.copy(f, tmp)
        for f in (folder / "gold").glob("*.json"):
            shutil.copy(f, tmp / "gold")
    corpus = load_coded(tmp / "gold", tmp)
real = load_coded(CODED / "gold", CODED)
objs = O.extract_objectives(corpus.sentences)
labelled, pairs, y = M.training_data(corpus, objs)
held = []
for d in real.doc_ids:
    tr_o, tr_p = (labelled["doc_id"] != d).to_numpy(), (pairs["doc_id"] != d).to_numpy()
    model = M._fit(labelled[tr_o], pairs[tr_p].reset_index(drop=True), y[tr_p], corpus.sentences)
    held.append(model.predict(labelled[~tr_o], corpus.sentences,
                              pairs=pairs[~tr_p].reset_index(drop=True))["assessments"])
objs = objs[objs["doc_id"].isin(real.doc_ids)]
m = _measures(compare(real, objs, pd.concat(held, ignore_index=True)), len(objs))
print("held out on the real statements:", {k: round(m[k], 3) for k in ("accuracy", "kappa", "evidence_hit")})

# the two coders of this folder: coder B's objectives matched to coder A's, then their verdicts
coders = second_coder_agreement(HERE / "gold", HERE / "coder-B").set_index("document").loc["TOTAL"]
print(f"coders: {int(coders['verdicts_compared'])} objectives matched, verdicts agree "
      f"{coders['verdicts_agree']:.3f}, weighted kappa {coders['kappa']:.3f}")
