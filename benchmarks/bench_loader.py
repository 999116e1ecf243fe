"""Throughput of the plain-text loader (sentences per second) and peak memory.

Run: ``.venv/bin/python benchmarks/bench_loader.py [--copies N]``. The input is
the embedded statement repeated N times in one document (bodies only, page
markers renumbered), so the loader does the same work as on a long volume.
"""
from __future__ import annotations

import argparse
import re
import resource
import time

from analysis import config
from analysis.text.document import parse_text
from analysis.io.loader import read_text


def make_text(copies: int) -> str:
    text = read_text(config.RAW_DIR / "frus1951v02-peru-policy-statement.txt")
    body, _, notes = text.partition("\n  1. ")
    parts = [body]
    for k in range(1, copies):
        parts.append(re.sub(r"\[Page (\d+)\]", lambda m: f"[Page {int(m.group(1)) + 10 * k}]",
                            body.split("\n", 1)[1]))
    return "\n".join(parts) + "\n  1. " + notes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text = make_text(args.copies)
    times, n = [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        doc = parse_text(text, "bench")
        times.append(time.perf_counter() - t0)
        n = len(doc.sentences)
    best = min(times)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"loader: {n} sentences, {len(text) / 1e6:.2f} MB text; "
          f"best of {args.repeat}: {best:.2f} s = {n / best:,.0f} sentences/s; "
          f"peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
