"""The one-way pipeline: load → sections → sentences → measures → tables.

:func:`build` loads the inputs and runs every registered step in order;
each step is a module with ``build_tables(tables, seed) -> dict`` that reads
the tables of the steps before it and returns its own. :func:`run` writes
them all, atomically, as ``<out>/<name>.csv``.

Documents are streamed: each input file is loaded and its sentence-level
measures (:data:`DOCUMENT_STEPS`: country mentions, VADER and register
scores) computed on its own, in ``jobs`` worker processes, so a worker
holds one document at a time; a single input (one whole volume) is loaded
in the calling process and its sentences scored in chunks on ``jobs``
processes (:func:`score_in_chunks`). Results are gathered in doc_id order, so the
tables are byte-identical whatever ``jobs`` and whatever the order of the
inputs. Corpus-level steps (focus country, aggregates, topics, progress)
then run once on the gathered tables and reuse those measures.
"""
from __future__ import annotations

import glob
import json
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

try:
    import fcntl
except ImportError:  # not POSIX (Windows): no lock, the swap still replaces the set
    fcntl = None

from . import config
from .config import default_jobs  # noqa: F401  (re-exported)
from . import progress
from .io.loader import LoadError, LoadWarning, find_manifest, plan_inputs
from .io.provenance import RUN_FILE, run_record
from .io.tables import write_table
from .measures import countries, sentiment, stance, topics
from .measures.evaluative import score_and_cues
from .text.corpus import assemble, foundation_tables, load_path, load_task

#: Measuring steps, in data-flow order. Each module provides
#: ``build_tables(tables: dict[str, DataFrame], seed: int) -> dict`` and its
#: ``CONTRACT`` (:mod:`analysis.contracts`): the tables it reads and writes.
STEPS = (countries, sentiment, stance, topics, progress)


#: Per-document measures computed where each document is loaded: table name
#: and the function taking a sentences table. Each corpus step reuses
#: the table it finds (per-document results concatenated equal the corpus
#: result: mentions are filtered per document, scores per sentence).
DOCUMENT_STEPS = {"mentions": countries.find_mentions,
                  "sentiment": sentiment.score_sentences}


def step(name_or_module):
    """The step module named ``name_or_module`` ("countries"), or the module itself.

    Examples
    --------
    >>> step("countries").CONTRACT.step
    'countries'
    """
    if not isinstance(name_or_module, str):
        return name_or_module
    for module in STEPS:
        if module.CONTRACT.step == name_or_module:
            return module
    raise ValueError(f"no step {name_or_module!r}; the steps are "
                     f"{', '.join(m.CONTRACT.step for m in STEPS)}")


def show_progress(quiet: bool = False) -> bool:
    """Progress bars only on a terminal (standard error) and unless ``quiet``."""
    return not quiet and sys.stderr.isatty()


def _bar(iterable=None, **kwargs):
    return tqdm(iterable, file=sys.stderr, dynamic_ncols=True, leave=False, **kwargs)


def run_steps(tables: dict, seed: int, steps=None, progress: bool = False) -> dict:
    """Run the measuring ``steps`` on loaded ``tables``; return all tables.

    The input dict is not modified; a step may return a replacement for an
    earlier table (e.g. ``documents`` with the focus country filled in).
    ``steps`` are step names ("countries") or modules, default :data:`STEPS`.
    Each step's contract is checked here, once: before it runs, that the
    tables it reads are there; after, that it wrote exactly the tables and
    columns it declares (:class:`analysis.contracts.ContractError`).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": [0], "section": ["evaluation"],
    ...                   "paragraph": [1], "text": ["Relations with Peru have been successful."]})
    >>> sorted(run_steps({"sentences": s}, seed=0, steps=["countries", "sentiment", "stance"]))
    ['country_sentiment', 'mention_sentiment', 'mentions', 'section_sentiment', 'sentences', 'sentiment']
    >>> run_steps({"sentences": s}, seed=0, steps=["sentiment", "stance"])
    Traceback (most recent call last):
    ...
    analysis.contracts.ContractError: step 'stance' needs the table 'mentions' (written by step 'countries'); run the steps in order with analysis.pipeline.run_steps
    """
    out = dict(tables)
    modules = [step(s) for s in (STEPS if steps is None else steps)]
    bar = _bar(modules, desc="steps", unit="step", disable=not progress)
    for module in bar:
        contract = module.CONTRACT
        bar.set_postfix_str(contract.step)
        contract.check_needs(out)
        new = module.build_tables(out, seed=seed)
        contract.check_writes(new)
        out.update(new)
    return out


#: Sentences per chunk when one input's sentences are scored on several
#: processes (:func:`score_in_chunks`); fewer than two chunks' worth are scored
#: in the calling process.
SCORE_CHUNK = 2000


def score_in_chunks(sentences: pd.DataFrame, pool=None) -> pd.DataFrame:
    """:func:`analysis.measures.sentiment.score_sentences`, chunks of sentences on ``pool``.

    Each sentence's scores depend on its text alone, so the chunks' tables,
    concatenated in order, are the table of the whole (the same values and
    dtypes; the tests check the written tables byte for byte against
    ``--jobs 1``). Without a pool, or for under ``2 * SCORE_CHUNK``
    sentences, the scoring runs here.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["d"], "sentence_id": [0], "text": ["It went well."]})
    >>> score_in_chunks(s).equals(sentiment.score_sentences(s))
    True
    """
    n = len(sentences)
    if pool is None or n < 2 * SCORE_CHUNK:
        return sentiment.score_sentences(sentences)
    cols = sentences[["doc_id", "sentence_id", "text"]]
    chunks = [cols.iloc[a:a + SCORE_CHUNK] for a in range(0, n, SCORE_CHUNK)]
    return pd.concat(list(pool.map(sentiment.score_sentences, chunks)), ignore_index=True)


def load_and_measure(task, pool=None) -> tuple:
    """Worker: load one input file and measure its documents.

    Parameters
    ----------
    task : tuple
        ``(path, doc_id or None, encoding or None, selection or None)``
        (:func:`analysis.text.corpus.load_task`).
    pool : concurrent.futures.Executor, optional
        Scores the sentences in chunks on these processes
        (:func:`score_in_chunks`): the one input of a run with ``jobs > 1``.

    Returns
    -------
    tuple
        ``(documents, measures, error, warnings)``: the loaded documents, a
        dict of per-document tables (:data:`DOCUMENT_STEPS`) per document,
        a one-line error (or None) and the warning messages raised, in
        order, to be shown by the parent process.
    """
    path, doc_id, encoding, select = task
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            docs = load_path(path, doc_id=doc_id, encoding=encoding, select=select)
            measures = [{name: (score_in_chunks(doc.sentences, pool)
                                if pool is not None and function is sentiment.score_sentences
                                else function(doc.sentences))
                         for name, function in DOCUMENT_STEPS.items()} for doc in docs]
        except LoadError as exc:
            docs, measures, error = [], [], str(exc)
        except Exception as exc:  # noqa: BLE001 - one bad input never loses the others
            detail = " ".join(str(exc).split())[:200]
            docs, measures = [], []
            error = (f"load: '{Path(path).name}' failed ({type(exc).__name__}: {detail}); "
                     "skipped, the other inputs were processed")
        else:
            error = None
    return docs, measures, error, [(str(w.message), w.category) for w in caught]


def _ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which reports it on one line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stream(tasks, jobs: int):
    """Results of :func:`load_and_measure` over ``tasks``, in task order.

    With ``jobs > 1``, several inputs are loaded and measured one per
    process; a single input (one whole volume) is loaded here and its
    sentences scored in chunks on ``jobs`` processes.
    """
    if jobs <= 1 or not tasks:
        yield from map(load_and_measure, tasks)
        return
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                      else None)
    if len(tasks) == 1:
        # the analyzer and the register lexicon, built once here, are inherited by the workers
        sentiment.vader()
        score_and_cues("")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                                 initializer=_ignore_sigint) as pool:
            yield load_and_measure(tasks[0], pool)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx,
                             initializer=_ignore_sigint) as pool:
        yield from pool.map(load_and_measure, tasks, chunksize=1)


def load_measured(inputs, manifest=None, errors=None, jobs: int = 1,
                  progress: bool = False, encoding=None, select=None) -> dict:
    """Foundation tables plus the per-document measures, documents streamed.

    Equal to :func:`analysis.text.corpus.load_corpus` followed by the
    :data:`DOCUMENT_STEPS` on its sentences, whatever ``jobs``.

    Examples
    --------
    >>> t = load_measured([config.RAW_DIR])
    >>> sorted(t)
    ['documents', 'footnotes', 'mentions', 'sections', 'sentences', 'sentiment']
    """
    collect = errors if errors is not None else []
    plan = plan_inputs(inputs, manifest, collect)
    tasks = [load_task(path, row, encoding, select) for path, row in plan]
    loaded, measures = [], {}
    results = _stream(tasks, jobs)
    bar = _bar(total=len(tasks), desc="load, countries, sentiment", unit="doc",
               disable=not progress)
    for (path, row), (docs, doc_measures, error, caught) in zip(plan, results):
        for message, category in caught:
            warnings.warn(message, category if issubclass(category, Warning) else LoadWarning,
                          stacklevel=2)
        bar.update(1)
        if error:
            collect.append(error)
            continue
        loaded.append((path, row, docs))
        for doc, m in zip(docs, doc_measures):
            measures[id(doc)] = m
    bar.close()
    docs = assemble(loaded, collect)
    if errors is None and collect:
        raise LoadError(collect[0])
    tables = foundation_tables(docs)
    if docs:  # without documents the corpus steps compute their own (empty) tables
        for name in DOCUMENT_STEPS:
            tables[name] = pd.concat([measures[id(d)][name] for d in docs], ignore_index=True)
    return tables


def build(inputs, seed: int = config.SEED, manifest=None, errors=None, jobs: int = 1,
          progress: bool = False, select=None) -> dict:
    """Load ``inputs`` (files or folders) and compute every table.

    Parameters
    ----------
    inputs : list of str or Path
        Plain-text FRUS documents, or folders holding them.
    seed : int
        The one seed, passed to every step that resamples or fits.
    manifest : str or Path, optional
        A ``corpus.csv`` giving metadata; by default the one beside the
        inputs' folder if present.
    errors : list, optional
        Receives one-line messages about inputs that could not be read.
    jobs : int, default 1
        Worker processes loading and measuring documents (see
        :func:`default_jobs`); the tables do not depend on it.
    progress : bool, default False
        Show tqdm progress bars on standard error.
    select : analysis.io.tei.Selection, optional
        Documents to keep of TEI volumes (by id, title, date); plain-text
        documents are always kept.

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    tables = load_measured(inputs, manifest=manifest, errors=errors, jobs=jobs,
                           progress=progress, select=select)
    return run_steps(tables, seed=seed, progress=progress)


class OutputError(ValueError):
    """``--out`` cannot be written (a file, read-only, locked by another run)."""


#: Table files of an output folder: replaced as a set by each run. Other
#: entries (``figures/``, ``notebooks/``, ``validation/``) are carried over.
TABLE_SUFFIX = ".csv"


def check_out(out) -> Path:
    """Check, before any work, that the tables can be written to ``out``.

    Raises
    ------
    OutputError
        One line: ``out`` is an existing file, or its folder is not writable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> check_out(d / "build") == d / "build"
    True
    >>> _ = (d / "f").write_text("")
    >>> check_out(d / "f")
    Traceback (most recent call last):
    ...
    analysis.pipeline.OutputError: run: --out '...f' is a file, not a folder; pass a folder (it is created if needed)
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"run: --out '{out}' is a file, not a folder; "
                          "pass a folder (it is created if needed)")
    # the tables are written beside ``out`` and swapped in: its parent must be writable
    parent = out.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"run: --out '{out}' cannot be written (folder '{parent}' is not "
                          "writable); pass a folder you can write to")
    if out.is_dir() and not os.access(out, os.R_OK | os.X_OK):
        raise OutputError(f"run: --out '{out}' cannot be read; pass a folder you can write to")
    return out


@contextmanager
def out_lock(out):
    """Hold an exclusive lock on ``out`` (a lock file beside it) while writing.

    A second run into the same ``out`` while the first holds it raises
    :class:`OutputError` at once instead of mixing their tables. The lock
    is released when the process ends, however it ends.

    Examples
    --------
    >>> import fcntl, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> other = open(d.parent / ".out.lock", "w")  # as another process would hold it
    >>> fcntl.flock(other, fcntl.LOCK_EX)
    >>> try:
    ...     with out_lock(d):
    ...         pass
    ... except OutputError as e:
    ...     print(e)
    run: another run is writing '.../out' (lock '.out.lock' is held); wait for it or pass another --out
    >>> other.close()
    >>> with out_lock(d):
    ...     print("free")
    free
    """
    if fcntl is None:  # not POSIX (Windows): no lock, the swap still replaces the set
        yield
        return

    out = Path(out)
    key = str(out.absolute())
    if key in _HELD:  # re-entrant within this process: run() holds it around write_all()
        yield
        return
    out.absolute().parent.mkdir(parents=True, exist_ok=True)
    lock = out.absolute().parent / f".{out.name}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"run: another run is writing '{out}' (lock '{lock.name}' is "
                              "held); wait for it or pass another --out") from None
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


_HELD: set = set()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all(tables: dict, out, extra: dict | None = None) -> list[Path]:
    """Write every table to ``out/<name>.csv`` as one set; return the paths.

    The tables are written into a temporary folder beside ``out``, which
    then replaces ``out`` in one step (the old folder is renamed aside, the
    new one renamed in, the old one deleted), so a reader never sees tables
    from two runs and a failure leaves the old set whole. Entries of the old
    ``out`` that are not tables (``figures/``, ``notebooks/``, …) are
    carried over, except those ``extra`` replaces: ``extra`` maps file
    names to text written into the same set (the run's ``run.json``).
    Holds :func:`out_lock` while writing.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> _ = write_all({"a": pd.DataFrame({"x": [1]})}, d)
    >>> _ = write_all({"b": pd.DataFrame({"x": [2]})}, d)
    >>> sorted(p.name for p in d.iterdir())
    ['b.csv']
    """
    out = Path(out)
    check_out(out)
    with out_lock(out):
        parent = out.absolute().parent
        # folders left by a run that was killed mid-swap (SIGKILL, power loss):
        # under the lock no other run is using them
        name = glob.escape(out.name)
        for stale in sorted([*parent.glob(f".{name}.old-*"), *parent.glob(f".{name}.new-*")]):
            if stale.is_dir() and not stale.is_symlink():
                if not out.exists() and (stale / "out").is_dir():
                    os.rename(stale / "out", out)  # killed between the two renames: restore
                shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=parent))
        try:
            os.chmod(tmp, 0o777 & ~_umask())
            written = [write_table(df, tmp / f"{name}.csv") for name, df in sorted(tables.items())
                       if isinstance(df, pd.DataFrame)]
            for name, text in sorted((extra or {}).items()):
                (tmp / name).write_text(text, encoding="utf-8")
            if out.is_dir():
                for entry in sorted(out.iterdir()):
                    if entry.name in (extra or {}):
                        continue
                    if not (entry.name.endswith(TABLE_SUFFIX) and entry.is_file()):
                        os.rename(entry, tmp / entry.name)  # same file system: one step
                old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=parent))
                os.rename(out, old / "out")
                os.rename(tmp, out)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.rename(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return [out / p.name for p in written]


def run(inputs, out, seed: int = config.SEED, manifest=None, errors=None, jobs: int = 1,
        progress: bool = False, select=None) -> dict:
    """Build every table of ``inputs`` and write them to ``out``.

    What ``python -m analysis run`` does. Beside the tables, in the same
    set, ``run.json`` records the run (:mod:`analysis.provenance`).
    ``out`` is checked and locked
    before any work (:func:`check_out`, :func:`out_lock`); the tables
    replace the old ones as one set (:func:`write_all`). Nothing is written
    when no input could be loaded (then ``documents`` is empty); ``errors``
    receives one line per input that could not be read; ``jobs``,
    ``progress`` and ``select`` as in :func:`build` (the selection is
    recorded in ``run.json``).

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    check_out(out)
    with out_lock(out):
        started, t0 = datetime.now(timezone.utc), time.monotonic()
        tables = build(inputs, seed=seed, manifest=manifest, errors=errors, jobs=jobs,
                       progress=progress, select=select)
        if not tables["documents"].empty:
            used = Path(manifest) if manifest else find_manifest([Path(i) for i in inputs])
            parameters = {"jobs": jobs}
            if select:
                parameters["select"] = select.as_dict()
            record = run_record(inputs, used, seed, started, time.monotonic() - t0,
                                parameters=parameters)
            write_all(tables, out, extra={RUN_FILE: json.dumps(record, indent=1, sort_keys=True) + "\n"})
    return tables
