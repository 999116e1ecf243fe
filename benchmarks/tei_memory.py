"""Peak memory of the streaming TEI reader against the size of the volume.

Run: ``.venv/bin/python benchmarks/tei_memory.py [--sizes 5 25 50] [--keep DIR]``.

For each size (MB) a FRUS-like TEI volume is written to disk, a document at a
time (header, front matter, policy statements among telegrams and editorial
notes, footnotes, page breaks, datelines, ``frus:doc-dateTime-min``). Each
measurement runs in a fresh process and reports its peak RSS (``ru_maxrss``):

- ``imports``: the reader's modules loaded, nothing read (the floor);
- ``stream``: :func:`analysis.io.tei.iter_tei` over the whole volume, every
  document rendered to plain text (what ``load_tei`` and ``fetch`` do);
- ``select``: the same with ``--title "Policy Statement"`` (the others skipped
  unrendered);
- ``tree``: the whole volume parsed into one tree with ``defusedxml`` (what
  the reader did before issue 15), for comparison.

The table gives peak RSS, RSS above the floor per MB of XML, and throughput.
A streaming reader's peak stays flat as the volume grows; a tree's grows with it.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOC = """<div type="document" xml:id="d{n}" n="{n}" subtype="historical-document"{stamp}>
<head>{n}. {title}<note n="1" type="source">Source: Department of State, Central Files, 611.{n}/1-{d}51.
Secret.</note></head>
<dateline><placeName>Washington</placeName>, <date when="1951-{m:02d}-{d:02d}">{month} {d}, 1951</date>.</dateline>
<p><hi rend="italic">a. objectives</hi></p>
{body}
<p><hi rend="italic">d. evaluation</hi></p>
<p>Progress toward our objective of economic development has been slow.<note n="2">See document
{n}.</note></p>
</div>
<pb n="{page}" xml:id="pg_{page}"/>
"""
PARAGRAPH = ("<p>The United States seeks the support of <persName>the Minister</persName> for our "
             "objectives in this Hemisphere. We wish to obtain a fair contribution to hemisphere "
             "security through collaboration in the <gloss target=\"#t_OAS1\">OAS</gloss>. "
             "[<hi rend=\"italic\">1 line of source text not declassified</hi>]</p>\n")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
TITLES = ["Policy Statement Prepared in the Department of State",
          "Telegram From the Embassy to the Department of State",
          "Memorandum of Conversation", "Editorial Note"]


def write_volume(path: Path, megabytes: float) -> int:
    """Write a volume of about ``megabytes`` MB to ``path``; return its number of documents."""
    target = int(megabytes * 1e6)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0" '
                 'xmlns:frus="http://history.state.gov/frus/ns/1.0" xml:id="frus1999v50">\n'
                 '<teiHeader><fileDesc><titleStmt><title type="complete">Foreign Relations of the '
                 'United States, 1951, Benchmark Volume</title></titleStmt><publicationStmt>'
                 '<idno type="frus">frus1999v50</idno></publicationStmt></fileDesc></teiHeader>\n'
                 '<text><body><div type="compilation" xml:id="ch1"><pb n="1" xml:id="pg_1"/>\n')
        n = 0
        while fh.tell() < target:
            n += 1
            m, d = 1 + n % 12, 1 + n % 28
            stamp = f' frus:doc-dateTime-min="1951-{m:02d}-{d:02d}T00:00:00-05:00"' if n % 2 else ""
            fh.write(DOC.format(n=n, stamp=stamp, title=TITLES[n % 4], m=m, d=d, month=MONTHS[m - 1],
                                body=PARAGRAPH * (3 + n % 5), page=n + 1))
        fh.write("</div></body></text></TEI>\n")
    return n


CHILD = r"""
import resource, sys, time
from pathlib import Path
mode, path = sys.argv[1], sys.argv[2]
from defusedxml import ElementTree as ET
from analysis.io.tei import Selection, iter_tei
import analysis.io.loader  # noqa: F401  (what iter_tei imports on its first dated document)
t0 = time.perf_counter()
n = 0
if mode == "stream":
    n = sum(1 for _ in iter_tei(path))
elif mode == "select":
    n = sum(1 for _ in iter_tei(path, select=Selection(title="Policy Statement")))
elif mode == "tree":
    root = ET.parse(path).getroot()
    n = sum(1 for el in root.iter() if el.get("type") == "document")
print(n, time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def measure(mode: str, path: Path) -> tuple[int, float, float]:
    """(documents, seconds, peak RSS MiB) of one mode, in a fresh process."""
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[5, 25, 50], metavar="MB")
    ap.add_argument("--no-tree", action="store_true", help="skip the whole-tree comparison")
    ap.add_argument("--keep", type=Path, default=None, help="write the volumes here and keep them")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="tei-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("| MB | documents | reader | s | MB/s | peak RSS MiB | above imports MiB | MiB per MB of XML |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        path = folder / f"volume-{size:g}MB.xml"
        n_docs = write_volume(path, size)
        mb = path.stat().st_size / 1e6
        _, _, floor = measure("imports", path)
        modes = ["stream", "select"] + ([] if args.no_tree else ["tree"])
        for mode in modes:
            n, seconds, peak = measure(mode, path)
            print(f"| {mb:.1f} | {n_docs:,} | {mode} ({n:,} docs) | {seconds:.1f} | {mb / seconds:.1f} "
                  f"| {peak:.0f} | {peak - floor:.0f} | {(peak - floor) / mb:.2f} |", flush=True)
        print(f"| {mb:.1f} | {n_docs:,} | imports only | | | {floor:.0f} | 0 | |", flush=True)
        if args.keep is None:
            path.unlink()
    if args.keep is None:
        folder.rmdir()


if __name__ == "__main__":
    t = time.perf_counter()
    main()
    print(f"\n(total {time.perf_counter() - t:.0f} s)", file=sys.stderr)
