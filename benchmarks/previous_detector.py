"""Today's country detector against the whole detector issue 10 was filed against.

    python benchmarks/previous_detector.py [--rev af229e4] [--corpus ../shared/frus-volumes]
                                           [--repeat 5] [--instructions [--volumes 1]]

The benchmark's ``countries_trie`` baseline is the previous detector's trie
regex alone. This script times that whole previous ``find_mentions`` (the
package at commit ``--rev``, exported with ``git archive`` into a temporary
folder) and today's on the same sentences (the ten volumes, loaded by
today's loader), each in a process of its own, after a warm-up call (set-up
excluded for both), and checks that they find the same mentions. With
``--repeat N`` the two run N times each, alternately, each time in a new
process; it prints every ratio and the ratio of the median times (wall and
CPU), since one pair of runs on a shared machine can be off by a third.

``--instructions`` counts instead of timing: each detector runs under
valgrind's callgrind on the sentences of the first ``--volumes`` volumes,
once with the call and once without it (the same set-up), and the
difference is the instructions the call took. The count is the same from
run to run whatever else the machine is doing, but it is not time: an
instruction of the automaton's scan (memory-bound) and one of the regex
engine (compute-bound) do not take the same time. It runs about 50 times
slower than the program itself (a few minutes for one volume).

Needs the project's git history; prints seconds, MB/s and the ratio.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
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
if sys.argv[3] != "none":
    t0, c0 = time.perf_counter(), time.process_time()
    m = find_mentions(s)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    if sys.argv[3] != "-":
        m[["doc_id", "sentence_id", "iso2", "start", "end"]].to_pickle(sys.argv[3])
    print(json.dumps({"seconds": wall, "cpu": cpu, "mentions": len(m)}))
"""


def _child(which: str, root: Path, sentences: Path, out: str, tmp: Path, wrap=()) -> subprocess.CompletedProcess:
    """Run :data:`CHILD` for one detector (``out``: where its mentions go; "-": nowhere;
    "none": set-up and warm-up only, no call)."""
    # run from the temporary folder, so that only PYTHONPATH says which package is imported
    res = subprocess.run([*wrap, sys.executable, "-c", CHILD, which, str(sentences), out],
                         capture_output=True, text=True, cwd=tmp,
                         env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin",
                              # no idle BLAS threads in the counts
                              "OPENBLAS_NUM_THREADS": "1"})
    if res.returncode:
        raise SystemExit(f"previous_detector.py: the {which} detector failed: "
                         f"{(res.stderr.strip().splitlines() or ['?'])[-1]}")
    return res


def _instructions(which: str, root: Path, sentences: Path, tmp: Path) -> int:
    """Instructions of one ``find_mentions`` call: callgrind with the call, less without it.

    Neither run writes the mentions (that is not the detector's work); a
    plain run writes them for the comparison.
    """
    _child(which, root, sentences, str(tmp / f"{which}.pkl"), tmp)
    counts = []
    for out in ("-", "none"):
        res = _child(which, root, sentences, out, tmp,
                     wrap=("valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp / 'callgrind.out'}"))
        found = re.search(r"Collected\s*:\s*(\d+)", res.stderr)
        if not found:
            raise SystemExit("previous_detector.py: callgrind printed no instruction count")
        counts.append(int(found.group(1)))
    return counts[0] - counts[1]


def _join(values, digits: int = 2) -> str:
    return ", ".join(f"{v:.{digits}f}" for v in values)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", default="af229e4", help="commit of the previous detector")
    ap.add_argument("--corpus", type=Path, default=VOLUMES)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each detector (alternating)")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions with valgrind's callgrind instead of timing")
    ap.add_argument("--volumes", type=int, default=1, help="volumes read with --instructions")
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"previous_detector.py: no volumes in {args.corpus}")
    if args.instructions:
        if not shutil.which("valgrind"):
            raise SystemExit("previous_detector.py: --instructions needs valgrind (Debian package valgrind)")
        files = files[:max(args.volumes, 1)]
    sys.path.insert(0, str(ROOT))
    import pandas as pd  # noqa: E402

    from analysis.text.corpus import foundation_tables, load_path  # noqa: E402

    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tmp = Path(tmp)
        s = foundation_tables([d for f in files for d in load_path(f)])["sentences"]
        sentences = tmp / "sentences.pkl"
        s[["doc_id", "sentence_id", "text"]].to_pickle(sentences)
        old_root = tmp / "old"
        old_root.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.rev, "analysis"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old_root)], input=archive, check=True)
        roots = (("old", old_root), ("new", ROOT))
        if args.instructions:
            count = {which: _instructions(which, root, sentences, tmp) for which, root in roots}
        else:
            runs = {"old": [], "new": []}
            for _ in range(max(args.repeat, 1)):
                for which, root in roots:
                    out = _child(which, root, sentences, str(tmp / f"{which}.pkl"), tmp)
                    runs[which].append(json.loads(out.stdout.strip().splitlines()[-1]))
        same = pd.read_pickle(tmp / "old.pkl").reset_index(drop=True).equals(
            pd.read_pickle(tmp / "new.pkl").reset_index(drop=True))
    mb = sum(f.stat().st_size for f in files) / 1e6
    names = {"old": f"previous find_mentions ({args.rev})", "new": "today's find_mentions"}
    if args.instructions:
        for which in ("old", "new"):
            print(f"{names[which]}: {count[which] / 1e6:,.1f} M instructions ({len(s):,} sentences, {mb:.1f} MB)")
        print(f"ratio: {count['old'] / count['new']:.1f}x in instructions; same mentions: {same}")
        return 0
    med = {w: {k: statistics.median(r[k] for r in runs[w]) for k in ("seconds", "cpu")} for w in runs}
    for which in ("old", "new"):
        r = runs[which]
        print(f"{names[which]}: {med[which]['seconds']:.2f} s, {med[which]['cpu']:.2f} CPU-s, "
              f"{mb / med[which]['seconds']:.1f} MB/s, {r[-1]['mentions']:,} mentions"
              + (f" (median of {len(r)}; s: {_join(x['seconds'] for x in r)})" if len(r) > 1 else ""))
    pairs = [o["seconds"] / n["seconds"] for o, n in zip(runs["old"], runs["new"])]
    print(f"ratio: {med['old']['seconds'] / med['new']['seconds']:.1f}x (median times; CPU "
          f"{med['old']['cpu'] / med['new']['cpu']:.1f}x)"
          + (f"; run by run {_join(pairs, 1)}" if len(pairs) > 1 else "")
          + f"; same mentions: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
