"""Stage-by-stage and end-to-end benchmark on whole FRUS volumes (``make bench``).

Reads the ten one-line volumes of ``../shared/frus-volumes/`` when present,
otherwise generates volumes with the same hard parts (one line per volume,
unbalanced quotation marks, inlined notes, an index; see
:func:`synthetic.make_volume`). Two sizes: 1x (the first volume, or one
generated volume of ``--base-mb``) and 10x (ten volumes).

For each stage it prints MB/s, sentences/s, peak RSS and the ratio of its
time to a baseline measured in the same run on the same input:

========== ===================================== ==================================
stage      measured                              baseline
========== ===================================== ==================================
load       ``loader.load_path`` (serial)         plain Punkt (``span_tokenize``)
countries  ``countries.find_mentions``           one compiled regex per pycountry name;
                                                 the previous trie-regex detector
sentiment  ``sentiment.score_sentences``         reference ``vaderSentiment``, serial
           (VADER + register)
topics     ``topics.build_tables`` (k scan)      one NMF fit and one LDA fit (k = 5;
                                                 LDA at the smallest size only)
end to end load..sentiment, ``--jobs`` all cores the same with ``--jobs 1``
========== ===================================== ==================================

Each measurement runs in a fresh process so that its peak RSS is its own
(workers included). Timings are wall-clock seconds of one run: rerun on a
quiet machine; the CPU column (user + system seconds, workers included) is
less sensitive to other jobs on a shared machine. Run: ``python benchmarks/run.py [--corpus DIR] [--sizes 1 10]``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

#: Real volumes, outside the repository (see its README).
VOLUMES = ROOT.parent / "shared" / "frus-volumes"
#: Size of one generated volume when the real ones are absent: the mean of the ten.
BASE_MB = 3.3
#: Topics of the baselines' single fits.
BASELINE_K = 5
#: Passes of the LDA baseline: scikit-learn's default (the package's own
#: LDA_MAX_ITER = 50 would make the baseline take many minutes on 10x).
LDA_BASELINE_ITER = 10


# -- one measurement, in its own process ---------------------------------------------------

def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def _sentences(files):
    """The sentences of ``files``; cached (pickle) for the stages after the first."""
    import hashlib

    import pandas as pd

    from analysis.text.corpus import foundation_tables, load_path

    cache_dir = os.environ.get("BENCH_CACHE")
    key = hashlib.sha256("|".join(map(str, files)).encode()).hexdigest()[:16]
    cache = Path(cache_dir) / f"sentences-{key}.pkl" if cache_dir else None
    if cache is not None and cache.exists():
        return pd.read_pickle(cache)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s = foundation_tables([d for f in files for d in load_path(f)])["sentences"]
    if cache is not None:
        s.to_pickle(cache)
    return s


def _sentences_uncached(files):
    from analysis.text.corpus import foundation_tables, load_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return foundation_tables([d for f in files for d in load_path(f)])["sentences"]


def _cpu() -> float:
    """User + system CPU seconds of this process and of its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(stage: str, files: list, jobs: int) -> dict:
    """Time one stage on ``files``; returns seconds, sentences and peak RSS."""
    from analysis.text.sentences import _TOKENIZER

    out: dict = {}
    cpu0 = None  # CPU time (user + system, this process and its waited-for workers)
    if stage in ("load", "punkt"):
        texts = [Path(f).read_text(encoding="utf-8") for f in files]
        t0, cpu0 = time.perf_counter(), _cpu()
        if stage == "load":
            s = _sentences_uncached(files)
            sents = len(s)
        else:
            sents = sum(sum(1 for _ in _TOKENIZER.span_tokenize(t)) for t in texts)
        out["seconds"] = time.perf_counter() - t0
        out["cpu"] = _cpu() - cpu0
        out["sentences"] = sents
        out["max_sentence"] = int(s.text.str.len().max()) if stage == "load" else 0
    else:
        s = _sentences(files)
        out["sentences"] = len(s)
        t0, cpu0 = time.perf_counter(), _cpu()
        if stage == "countries":
            from analysis.measures.countries import _automaton, _lexicon, find_mentions

            # set-up left out, as for the trie baseline: the lexicon and the
            # automaton are built once per process (cached), not per text
            _lexicon(None), _automaton(None)
            t0, cpu0 = time.perf_counter(), _cpu()
            find_mentions(s)
        elif stage in ("countries_regex", "countries_trie"):
            import re

            import pycountry

            if stage == "countries_trie":  # the detector before issue 10, sentence by sentence
                import pandas as pd

                from analysis.measures.countries import _lexicon, _mention, _regex_spans

                _, entries, names = _lexicon(None)
                t0, cpu0 = time.perf_counter(), _cpu()
                rows = []
                for d, sid, text in zip(s.doc_id, s.sentence_id, s.text):
                    for a, b in _regex_spans(text):
                        m = _mention(text, a, b, entries, names)
                        if m:
                            rows.append({"doc_id": d, "sentence_id": sid, **m})
                pd.DataFrame(rows)
            else:  # one regex per pycountry name, each over the whole text (the name
                # first, so that re scans for its literal prefix; \b after it)
                pats = [re.compile(re.escape(c.name) + r"\b") for c in pycountry.countries]
                joined = "\n".join(s.text)
                t0, cpu0 = time.perf_counter(), _cpu()
                for p in pats:
                    p.findall(joined)
        elif stage == "sentiment":
            from analysis.measures.sentiment import score_sentences

            score_sentences(s)
        elif stage == "vader_reference":
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            ref = SentimentIntensityAnalyzer()
            t0, cpu0 = time.perf_counter(), _cpu()
            for text in s.text:
                ref.polarity_scores(text)
        elif stage in ("topics", "nmf", "lda"):
            from analysis.measures import topics

            tables = {"sentences": s}
            if stage == "topics":
                t0, cpu0 = time.perf_counter(), _cpu()
                res = topics.build_tables(tables, seed=20260101, n_jobs=jobs)
                sel = res["topic_selection"]
                out["unit"] = str(sel.unit.iloc[0]) if len(sel) else ""
                out["k"] = int(sel.loc[sel.chosen, "k"].iloc[0]) if len(sel) else 0
            else:
                unit = topics.choose_unit(s)
                texts = topics.make_units(s, unit)["text"].tolist()
                vec = topics.make_vectorizer()
                counts = vec.fit_transform(texts)
                t0, cpu0 = time.perf_counter(), _cpu()
                model = topics.TopicModel(method=stage, n_topics=BASELINE_K, random_state=0)
                if stage == "lda":  # scikit-learn's default passes: one plain fit
                    topics.LDA_MAX_ITER = LDA_BASELINE_ITER
                model.fit(counts)
        elif stage in ("end_to_end", "end_to_end_serial"):
            jobs = 1 if stage == "end_to_end_serial" else jobs
            from analysis.pipeline import load_measured, run_steps

            t0, cpu0 = time.perf_counter(), _cpu()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tables = load_measured(files, jobs=jobs)
                run_steps(tables, seed=20260101, steps=["countries", "sentiment"])
            out["sentences"] = len(tables["sentences"])
        else:
            raise SystemExit(f"run.py: unknown stage {stage!r}")
        out["seconds"] = time.perf_counter() - t0
        out["cpu"] = _cpu() - cpu0
    out["peak_mib"] = _peak_mib()
    return out


def _in_child(stage: str, files: list, jobs: int) -> dict:
    cmd = [sys.executable, __file__, "--child", stage, "--jobs", str(jobs), *map(str, files)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if res.returncode:
        raise SystemExit(f"run.py: stage {stage} failed: {res.stderr.strip().splitlines()[-1]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


# -- the corpus --------------------------------------------------------------------------------

def corpus(corpus_dir, base_mb: float, workdir: Path) -> tuple:
    """(description, list of ten files) of the real volumes or generated ones."""
    if corpus_dir is not None and Path(corpus_dir).is_dir():
        files = sorted(Path(corpus_dir).glob("*.txt"))
        if len(files) >= 10:
            return f"{Path(corpus_dir)} (real FRUS volumes)", files[:10]
    from synthetic import make_volume

    files = []
    for i in range(10):
        p = workdir / f"generated-{i:02d}.txt"
        p.write_text(make_volume(int(base_mb * 1e6), seed=20260101 + i), encoding="utf-8")
        files.append(p)
    return f"generated volumes of {base_mb} MB (benchmarks/synthetic.py)", files


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores usable, {mem:.0f} GiB RAM, "
            f"Python {platform.python_version()}, {platform.system()}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=VOLUMES,
                    help="folder of one-line volumes (default ../shared/frus-volumes; "
                         "generated volumes when absent)")
    ap.add_argument("--base-mb", type=float, default=BASE_MB)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10],
                    help="multiples of one volume to run (default 1 10)")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--stages", nargs="+", default=["load", "countries", "sentiment", "topics",
                                                    "end_to_end"])
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.files, args.jobs)))
        return 0

    baselines = {"load": ["punkt"], "countries": ["countries_regex", "countries_trie"],
                 "sentiment": ["vader_reference"], "topics": ["nmf", "lda"],
                 "end_to_end": ["end_to_end_serial"]}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BENCH_CACHE"] = tmp
        what, files = corpus(args.corpus, args.base_mb, Path(tmp))
        print(f"# {date.today().isoformat()}; {machine()}")
        print(f"# corpus: {what}; jobs {args.jobs}")
        print(f"# command: python benchmarks/run.py {' '.join(argv or sys.argv[1:])}".rstrip())
        print()
        print("| size | stage | MB | s | MB/s | sentences/s | peak RSS MiB | baseline | "
              "baseline s | time / baseline | CPU s | CPU / baseline CPU |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
        e2e = {}
        for size in args.sizes:
            chosen = files[:size]
            mb = sum(Path(f).stat().st_size for f in chosen) / 1e6
            for stage in args.stages:
                r = _in_child(stage, chosen, args.jobs)
                # LDA on the larger sizes takes many minutes: measured on the smallest only
                base = [(b, _in_child(b, chosen, 1)) for b in baselines[stage]
                        if b != "lda" or size == min(args.sizes)]
                if stage == "end_to_end":
                    e2e[size] = r["seconds"]
                extra = ""
                if stage == "topics":
                    extra = f" ({r.get('unit')}, k={r.get('k')})"
                if stage == "load":
                    extra = f" (longest {r['max_sentence']:,} chars)"
                cells = "; ".join(b for b, _ in base) or "—"
                bsec = "; ".join(f"{x['seconds']:.1f}" for _, x in base) or "—"
                ratio = "; ".join(f"{r['seconds'] / x['seconds']:.2f}" for _, x in base) or "—"
                cpu_ratio = "; ".join(f"{r['cpu'] / x['cpu']:.2f}" for _, x in base) or "—"
                if stage == "load" and base:
                    ratio += f" (sentences {r['sentences'] / base[0][1]['sentences']:.3f}× Punkt's)"
                print(f"| {size}× | {stage}{extra} | {mb:.1f} | {r['seconds']:.1f} | "
                      f"{mb / r['seconds']:.2f} | {r['sentences'] / r['seconds']:,.0f} | "
                      f"{r['peak_mib']:.0f} | {cells} | {bsec} | {ratio} | {r['cpu']:.1f} | "
                      f"{cpu_ratio} |", flush=True)
        if len(e2e) == 2 and min(e2e) in e2e:
            lo, hi = sorted(e2e)
            print(f"\nend to end: {hi // lo}× the input costs {e2e[hi] / e2e[lo]:.1f}× the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
