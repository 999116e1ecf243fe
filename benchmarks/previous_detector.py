"""Today's country detector against the whole detector issue 10 was filed against.

    python benchmarks/previous_detector.py [--rev af229e4] [--corpus ../shared/frus-volumes]

The benchmark's ``countries_trie`` baseline is the previous detector's trie
regex alone. This script times that whole previous ``find_mentions`` (the
package at commit ``--rev``, exported with ``git archive`` into a temporary
folder) and today's on the same sentences (the ten volumes, loaded by
today's loader), each in a process of its own, after a warm-up call (set-up
excluded for both), and checks that they find the same mentions. Needs the
project's git history; prints seconds, MB/s and the ratio.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOLUMES = ROOT.parent / "shared" / "frus-volumes"

CHILD = """
import sys, time, json, warnings, pandas as pd
warnings.simplefilter("ignore")
old = sys.argv[1] == "old"
if old:
    from analysis.countries import find_mentions
else:
    from analysis.measures.countries import find_mentions
s = pd.read_pickle(sys.argv[2])
find_mentions(s.head(50))
t0, c0 = time.perf_counter(), time.process_time()
m = find_mentions(s)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
m[["doc_id", "sentence_id", "iso2", "start", "end"]].to_pickle(sys.argv[3])
print(json.dumps({"seconds": wall, "cpu": cpu, "mentions": len(m)}))
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", default="af229e4", help="commit of the previous detector")
    ap.add_argument("--corpus", type=Path, default=VOLUMES)
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"previous_detector.py: no volumes in {args.corpus}")
    sys.path.insert(0, str(ROOT))
    import pandas as pd  # noqa: E402

    from analysis.text.corpus import foundation_tables, load_path  # noqa: E402

    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tmp = Path(tmp)
        s = foundation_tables([d for f in files for d in load_path(f)])["sentences"]
        s[["doc_id", "sentence_id", "text"]].to_pickle(tmp / "sentences.pkl")
        old_root = tmp / "old"
        old_root.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.rev, "analysis"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_root)], input=archive, check=True)
        res = {}
        for which, path in (("old", old_root), ("new", ROOT)):
            # run from the temporary folder, so that only PYTHONPATH says which package is imported
            out = subprocess.run([sys.executable, "-c", CHILD, which, str(tmp / "sentences.pkl"),
                                  str(tmp / f"{which}.pkl")], capture_output=True, text=True, cwd=tmp,
                                 env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"})
            if out.returncode:
                raise SystemExit(f"previous_detector.py: the {which} detector failed: "
                                 f"{(out.stderr.strip().splitlines() or ['?'])[-1]}")
            res[which] = json.loads(out.stdout.strip().splitlines()[-1])
        same = pd.read_pickle(tmp / "old.pkl").reset_index(drop=True).equals(
            pd.read_pickle(tmp / "new.pkl").reset_index(drop=True))
    mb = sum(f.stat().st_size for f in files) / 1e6
    for which, name in (("old", f"previous find_mentions ({args.rev})"), ("new", "today's find_mentions")):
        r = res[which]
        print(f"{name}: {r['seconds']:.2f} s, {r['cpu']:.2f} CPU-s, {mb / r['seconds']:.1f} MB/s, "
              f"{r['mentions']:,} mentions")
    print(f"ratio: {res['old']['seconds'] / res['new']['seconds']:.1f}x; same mentions: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
