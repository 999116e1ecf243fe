"""Run the five notebooks headless and give them the few helpers they share.

``python -m analysis notebooks --corpus DIR --out DIR --seed N`` calls
:func:`run_notebooks`: it makes sure the tables of ``DIR`` are in
``OUT/*.csv`` (reusing them when they were computed from exactly these
files, otherwise running the pipeline), then executes ``notebooks/01-…``
to ``05-…`` with papermill, passing ``corpus``, ``out``, ``figures`` and
``seed`` to the cell tagged ``parameters``. Executed copies, with outputs,
go to ``OUT/notebooks/``; the committed notebooks stay without outputs.

Where figures go (:func:`figures_folder`): the default corpus
(``data/raw``) read into the default output folder (``build``) writes the
committed ``figures/``; any other corpus or output folder writes
``OUT/figures/``, so running the notebooks on your own documents never
overwrites the committed figures.

Examples
--------
>>> from analysis import config
>>> figures_folder(config.RAW_DIR, config.BUILD_DIR) == config.FIGURES_DIR
True
>>> figures_folder("my_docs", "my_out").as_posix()
'my_out/figures'
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from .. import config
from ..contracts import producer
from ..io.loader import expand_inputs, find_manifest
from ..io.provenance import RUN_FILE, read_record, run_id_for, run_id_of
from ..io.tables import read_tables

#: The notebooks, in reading order (files under ``config.NOTEBOOKS_DIR``).
NOTEBOOKS = ("01-corpus.ipynb", "02-sections-and-topics.ipynb",
             "03-countries-and-tone.ipynb", "04-objectives-vs-evaluation.ipynb",
             "05-comparison.ipynb")
#: Seconds one notebook cell may run before the run is stopped (topic
#: selection on a few hundred paragraphs takes well under a minute).
CELL_TIMEOUT = 900
#: Tables each notebook reads; the step that writes each is looked up in
#: the step contracts (:func:`analysis.contracts.producer`).
NEEDS = {
    "01": ("documents", "sentences", "footnotes"),
    "02": ("topic_terms", "topic_selection", "topic_prevalence", "unit_topics"),
    "03": ("mentions", "sentiment", "section_sentiment", "country_sentiment"),
    "04": ("objectives", "alignment", "assessments"),
    "05": ("objectives", "assessments", "section_sentiment", "topic_prevalence", "topic_terms",
           "unit_topics", "mentions"),
}


def _same(a, b) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def figures_folder(corpus=None, out=None) -> Path:
    """Folder the figures of ``corpus`` go to.

    ``config.FIGURES_DIR`` (committed) when the default corpus is read into
    the default output folder; ``out/figures`` otherwise.
    """
    corpus = config.RAW_DIR if corpus is None else corpus
    out = config.BUILD_DIR if out is None else out
    if _same(corpus, config.RAW_DIR) and _same(out, config.BUILD_DIR):
        return config.FIGURES_DIR
    return Path(out) / "figures"


def resolve_paths(corpus=None, out=None, figures=None) -> tuple[Path, Path, Path]:
    """The notebooks' parameters with defaults filled in: (corpus, out, figures).

    Examples
    --------
    >>> c, o, f = resolve_paths(None, "x", None)
    >>> (c == config.RAW_DIR, o.as_posix(), f.as_posix())
    (True, 'x', 'x/figures')
    """
    corpus = Path(corpus) if corpus else config.RAW_DIR
    out = Path(out) if out else config.BUILD_DIR
    figures = Path(figures) if figures else figures_folder(corpus, out)
    return corpus, out, figures


def corpus_hashes(corpus) -> set[str]:
    """SHA-256 of every document file of ``corpus`` (a folder or one file)."""
    if not Path(corpus).exists():
        raise FileNotFoundError(f"notebooks: corpus '{corpus}' does not exist; "
                                f"pass a folder of FRUS .txt documents")
    files = expand_inputs([corpus], errors=[])
    return {hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def tables_are_current(corpus, out, seed: int = config.SEED) -> bool:
    """True when ``out`` holds the tables a run of ``corpus`` with ``seed`` writes now.

    The cache key is the run's ``run_id`` (:func:`analysis.io.provenance.run_id_for`):
    the inputs' SHA-256, the manifest, the seed, the package version and the
    pinned dependencies. Tables written by another run (other files, an
    edited ``corpus.csv``, another seed or version) are not reused.
    """
    record = Path(out) / RUN_FILE
    if not (Path(out) / "documents.csv").is_file() or not record.is_file():
        return False
    try:
        have = read_record(record).get("run_id")
    except ValueError:
        return False
    return have == run_id_for([corpus], find_manifest([Path(corpus)]), seed)


def load_tables(corpus=None, out=None, seed: int = config.SEED, rebuild: bool = False) -> dict:
    """The tables of ``corpus``: read from ``out/*.csv``, or computed and written there.

    Tables in ``out`` are reused when its ``run.json`` records the run that
    would write them now (:func:`tables_are_current`: same files, manifest,
    seed, package version and dependencies); otherwise (or with
    ``rebuild=True``, ``python -m analysis notebooks --rebuild``) the
    pipeline runs with ``seed`` and writes them, as ``python -m analysis run
    CORPUS --out OUT --seed SEED`` does. After editing the package's code
    without changing its version, pass ``rebuild=True``.

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    from ..pipeline import run  # deferred: heavy, every step's libraries; only to recompute the tables

    corpus, out, _ = resolve_paths(corpus, out)
    if rebuild or not tables_are_current(corpus, out, seed):
        errors: list[str] = []
        tables = run([corpus], out, seed=seed, errors=errors)
        for e in errors:
            print(f"warning: {e}", file=sys.stderr)
        if tables["documents"].empty:
            raise RuntimeError(f"notebooks: no document of '{corpus}' could be loaded; "
                               f"check that it holds FRUS plain-text .txt files")
    return read_tables(out)


def available(tables: dict, notebook: str) -> dict:
    """Which of a notebook's tables exist; prints what is missing and why.

    Parameters
    ----------
    tables : dict
        From :func:`load_tables`.
    notebook : str
        "01" … "05".

    Returns
    -------
    dict of str to bool

    Examples
    --------
    >>> available({"documents": pd.DataFrame(), "footnotes": pd.DataFrame()}, "01")["sentences"]
    the table 'sentences' is not there yet (it comes from the step 'load'): figures that need it are skipped
    False
    """
    have = {}
    for name in NEEDS[notebook]:
        have[name] = name in tables
        if not have[name]:
            print(f"the table '{name}' is not there yet (it comes from the step "
                  f"'{producer(name)}'): figures that need it are skipped")
    return have


def setup(notebook: str, corpus=None, out=None, figures=None,
          seed: int = config.SEED) -> tuple[dict, dict, Path]:
    """Start a notebook from its parameters: its tables, which exist, and the figures folder.

    Fills in the defaults (:func:`resolve_paths`), loads the tables
    (:func:`load_tables`), reports missing ones (:func:`available`) and
    prints where the corpus, tables and figures are.

    Parameters
    ----------
    notebook : str
        "01" … "05".
    corpus, out, figures, seed
        The notebook's ``parameters`` cell.

    Returns
    -------
    tables : dict of str to pandas.DataFrame
    have : dict of str to bool
    figures : Path
        The folder to pass to :func:`analysis.report.figures.save_figure`.

    Examples
    --------
    >>> import hashlib, tempfile
    >>> from analysis.io.tables import write_table
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_bytes(b"x")
    >>> from analysis.io.provenance import run_id_for, write_record
    >>> _ = write_table(pd.DataFrame({"doc_id": ["a"], "sha256": [hashlib.sha256(b"x").hexdigest()]}),
    ...                 d / "out" / "documents.csv")
    >>> _ = write_record({"run_id": run_id_for([d / "a.txt"], None, seed=5), "seed": 5,
    ...                   "inputs_given": [str(d / "a.txt")], "inputs": []}, d / "out")
    >>> tables, have, figures = setup("01", d / "a.txt", d / "out", seed=5)
    the table 'sentences' is not there yet (it comes from the step 'load'): figures that need it are skipped
    the table 'footnotes' is not there yet (it comes from the step 'load'): figures that need it are skipped
    corpus: .../a.txt
    tables: .../out
    figures: .../out/figures
    >>> sorted(tables), have["documents"]
    (['documents'], True)
    """
    corpus, out, figures = resolve_paths(corpus, out, figures)
    tables = load_tables(corpus, out, seed)
    have = available(tables, notebook)
    from .figures import set_run  # deferred: heavy, matplotlib; only in the notebooks' kernels

    set_run(run_id_of(out))  # every figure's CSV names the run its tables came from
    print(f"corpus: {corpus}\ntables: {out}\nfigures: {figures}")
    return tables, have, figures


def most_negative(tone: pd.DataFrame, score: str = "register", min_sentences: int = 2) -> pd.Series:
    """The group (country or section) with the lowest mean ``score``.

    Groups with fewer than ``min_sentences`` sentences are considered only
    when no group has that many. Ties go to the lower interval bound, then
    the name.

    Examples
    --------
    >>> t = pd.DataFrame({"iso2": ["AR", "CL", "CO"], "n_sentences": [3, 3, 1],
    ...                   "register_mean": [0.1, -0.2, -0.5], "register_low": [0, -0.3, -0.5]})
    >>> most_negative(t)["iso2"]
    'CL'
    """
    t = tone[tone["n_sentences"] >= min_sentences]
    if t.empty:
        t = tone
    key = [f"{score}_mean"] + ([f"{score}_low"] if f"{score}_low" in t else [])
    key += [c for c in ("iso2", "section") if c in t]
    return t.sort_values(key, kind="stable").iloc[0]


def expected_figures(documents: pd.DataFrame) -> list[str]:
    """Stems of every figure the notebooks write for a corpus.

    Examples
    --------
    >>> expected_figures(pd.DataFrame({"doc_id": ["d1"]}))[-6:]
    ['04-alignment-d1', '04-progress', '05-progress-by-kind', '05-tone-by-section', '05-topic-mix', '05-countries']
    """
    stems = ["01-section-lengths",
             "02-topic-terms", "02-k-selection", "02-topic-prevalence-by-section",
             "03-countries-by-section", "03-countries-by-document",
             "03-tone-by-section", "03-tone-by-country",
             "04-verdicts"]
    stems += [f"04-alignment-{d}" for d in documents["doc_id"]]
    return stems + ["04-progress", "05-progress-by-kind", "05-tone-by-section", "05-topic-mix",
                    "05-countries"]


def _error_line(exc, notebook: str, executed: Path) -> str:
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = str(getattr(exc, "evalue", exc)).strip().splitlines()
    cell = getattr(exc, "exec_count", None)
    where = f" at cell [{cell}]" if cell is not None else ""
    first = evalue[0] if evalue else ""
    return (f"notebook {notebook} failed{where}: {ename}: {first}; "
            f"open the executed copy {executed} to see the traceback")


def _kernel_manager():
    """A kernel manager talking to its kernel over local sockets, or (None, None).

    Over TCP (Jupyter's default) every kernel prints "Kernel is running over
    TCP without encryption" on start; a kernel on Unix-domain sockets in a
    private temporary folder is no less private and prints nothing. Windows
    has no such sockets: there the default is kept.
    """
    if os.name != "posix":
        return None, None
    # deferred: heavy, the Jupyter client (asyncio, zmq); only for `notebooks`
    from jupyter_client.manager import KernelManager

    sockets = tempfile.TemporaryDirectory(prefix="analysis-kernel-")
    return KernelManager(kernel_name="python3", transport="ipc",
                         ip=os.path.join(sockets.name, "kernel")), sockets


def run_notebooks(corpus=None, out=None, seed: int = config.SEED, figures=None,
                  notebooks=NOTEBOOKS, rebuild: bool = False,
                  timeout: int = CELL_TIMEOUT) -> list[Path]:
    """Execute the notebooks headless on ``corpus``; write figures and executed copies.

    Parameters
    ----------
    corpus : str or Path, optional
        Folder of FRUS plain-text documents; default ``data/raw``.
    out : str or Path, optional
        Folder of the tables; executed notebooks go to ``out/notebooks``.
        Default ``build``.
    seed : int
        The one seed, passed to the pipeline and to every notebook.
    figures : str or Path, optional
        Where figures go; default :func:`figures_folder` (committed
        ``figures/`` only for the default corpus and output folder).
    notebooks : tuple of str
        File names under ``notebooks/`` to run, in order.
    rebuild : bool, default False
        Recompute the tables even when ``out`` holds tables of this corpus.
    timeout : int
        Seconds per cell.

    Returns
    -------
    list of Path
        The executed notebooks.

    Raises
    ------
    RuntimeError
        One line naming the notebook, the failing cell and the error.
    """
    # deferred: heavy, papermill (nbclient, jupyter: seconds) and its bar; only for `notebooks`
    import papermill as pm
    from tqdm.auto import tqdm

    corpus, out, figures = resolve_paths(corpus, out, figures)
    # Byte-stable figures and hashing in the kernels (inherited environment).
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    os.environ.setdefault("PYTHONHASHSEED", "0")
    steps = tqdm(total=len(notebooks) + 1, desc="notebooks", unit="step")
    steps.set_postfix_str("tables")
    load_tables(corpus, out, seed=seed, rebuild=rebuild)
    steps.update(1)
    done = []
    target = Path(out) / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    params = {"corpus": str(Path(corpus).resolve()), "out": str(Path(out).resolve()),
              "figures": str(Path(figures).resolve()), "seed": int(seed)}
    for name in notebooks:
        src = config.NOTEBOOKS_DIR / name
        if not src.is_file():
            raise FileNotFoundError(f"notebooks: '{src}' does not exist; "
                                    f"run from a checkout of the project")
        executed = target / name
        steps.set_postfix_str(name)
        km, sockets = _kernel_manager()
        try:
            pm.execute_notebook(str(src), str(executed), parameters=params,
                                kernel_name="python3", progress_bar=False,
                                cwd=str(config.PROJECT_ROOT), execution_timeout=timeout,
                                request_save_on_cell_execute=False, **({"km": km} if km else {}))
        except Exception as exc:  # papermill raises its own error with the cell
            steps.close()
            raise RuntimeError(_error_line(exc, name, executed)) from None
        finally:
            if km is not None and km.has_kernel:
                km.shutdown_kernel(now=True)
            if sockets is not None:
                sockets.cleanup()
        done.append(executed)
        steps.update(1)
    steps.close()
    print(f"executed {len(done)} notebooks to {target}; figures in {figures}")
    return done
