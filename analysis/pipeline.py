"""The one-way pipeline: load → sections → sentences → measures → tables.

:func:`build` loads the inputs and runs every registered step in order;
each step is a module with ``build_tables(tables, seed) -> dict`` that reads
the tables of the steps before it and returns its own. :func:`run` writes
them all, atomically, as ``<out>/<name>.csv``.

Documents are streamed: each input file is loaded and its sentence-level
measures (:data:`DOCUMENT_STEPS`: country mentions, VADER and register
scores) computed on its own, in ``jobs`` worker processes, so a worker
holds one document at a time. Results are gathered in doc_id order, so the
tables are byte-identical whatever ``jobs`` and whatever the order of the
inputs. Corpus-level steps (focus country, aggregates, topics, progress)
then run once on the gathered tables and reuse those measures.
"""
from __future__ import annotations

import importlib
import os
import sys
import warnings
from pathlib import Path

import pandas as pd

from . import config
from .tables import write_table

#: Measuring steps, in data-flow order. Each module provides
#: ``build_tables(tables: dict[str, DataFrame], seed: int) -> dict``.
STEPS: list[str] = [
    "analysis.countries",
    "analysis.sentiment",
    "analysis.topics",
    "analysis.progress",
]


#: Per-document measures computed where each document is loaded: table name
#: and ``module:function`` taking a sentences table. Each corpus step reuses
#: the table it finds (per-document results concatenated equal the corpus
#: result: mentions are filtered per document, scores per sentence).
DOCUMENT_STEPS = {"mentions": "analysis.countries:find_mentions",
                  "sentiment": "analysis.sentiment:score_sentences"}


def default_jobs() -> int:
    """Worker processes by default: every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def show_progress(quiet: bool = False) -> bool:
    """Progress bars only on a terminal (standard error) and unless ``quiet``."""
    return not quiet and sys.stderr.isatty()


def _bar(iterable=None, **kwargs):
    from tqdm.auto import tqdm

    return tqdm(iterable, file=sys.stderr, dynamic_ncols=True, leave=False, **kwargs)


def run_steps(tables: dict, seed: int, steps=None, progress: bool = False) -> dict:
    """Run the measuring ``steps`` on loaded ``tables``; return all tables.

    The input dict is not modified; a step may return a replacement for an
    earlier table (e.g. ``documents`` with the focus country filled in).
    """
    out = dict(tables)
    names = STEPS if steps is None else steps
    bar = _bar(names, desc="steps", unit="step", disable=not progress)
    for name in bar:
        bar.set_postfix_str(name.rsplit(".", 1)[-1])
        module = importlib.import_module(name)
        new = module.build_tables(out, seed=seed)
        out.update(new)
    return out


def _function(spec: str):
    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


def load_and_measure(task) -> tuple:
    """Worker: load one input file and measure its documents.

    Parameters
    ----------
    task : tuple
        ``(path, doc_id or None, encoding or None)``.

    Returns
    -------
    tuple
        ``(documents, measures, error, warnings)``: the loaded documents, a
        dict of per-document tables (:data:`DOCUMENT_STEPS`) per document,
        a one-line error (or None) and the warning messages raised, in
        order, to be shown by the parent process.
    """
    from .loader import LoadError, load_path

    path, doc_id, encoding = task
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            docs = load_path(path, doc_id=doc_id, encoding=encoding)
        except LoadError as exc:
            docs, error = [], str(exc)
        else:
            error = None
        measures = [{name: _function(spec)(doc.sentences) for name, spec in DOCUMENT_STEPS.items()}
                    for doc in docs]
    return docs, measures, error, [(str(w.message), w.category) for w in caught]


def _stream(tasks, jobs: int):
    """Results of :func:`load_and_measure` over ``tasks``, in task order."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(load_and_measure, tasks)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                      else None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx) as pool:
        yield from pool.map(load_and_measure, tasks, chunksize=1)


def load_measured(inputs, manifest=None, errors=None, jobs: int = 1,
                  progress: bool = False, encoding=None) -> dict:
    """Foundation tables plus the per-document measures, documents streamed.

    Equal to :func:`analysis.loader.load_corpus` followed by the
    :data:`DOCUMENT_STEPS` on its sentences, whatever ``jobs``.

    Examples
    --------
    >>> t = load_measured([config.RAW_DIR])
    >>> sorted(t)
    ['documents', 'footnotes', 'mentions', 'sentences', 'sentiment']
    """
    from .loader import LoadError, LoadWarning, assemble, foundation_tables, plan_inputs

    collect = errors if errors is not None else []
    plan = plan_inputs(inputs, manifest, collect)
    tasks = [(path, (row.doc_id or None) if row is not None else None, encoding)
             for path, row in plan]
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
          progress: bool = False) -> dict:
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

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    tables = load_measured(inputs, manifest=manifest, errors=errors, jobs=jobs,
                           progress=progress)
    return run_steps(tables, seed=seed, progress=progress)


def write_all(tables: dict, out) -> list[Path]:
    """Write every table to ``out/<name>.csv`` (atomically); return the paths."""
    out = Path(out)
    return [write_table(df, out / f"{name}.csv") for name, df in sorted(tables.items())
            if isinstance(df, pd.DataFrame)]


def run(inputs, out, seed: int = config.SEED, manifest=None, errors=None, jobs: int = 1,
        progress: bool = False) -> dict:
    """Build every table of ``inputs`` and write them to ``out``.

    What ``python -m analysis run`` does. Nothing is written when no input
    could be loaded (then ``documents`` is empty); ``errors`` receives one
    line per input that could not be read; ``jobs`` and ``progress`` as in
    :func:`build`.

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    tables = build(inputs, seed=seed, manifest=manifest, errors=errors, jobs=jobs,
                   progress=progress)
    if not tables["documents"].empty:
        write_all(tables, out)
    return tables
