"""Command line: ``python -m analysis run INPUT... --out DIR``.

Subcommands
-----------
run
    Load documents (files or folders) and write every table as CSV;
    ``--doc``, ``--title``, ``--from DATE``/``--to DATE`` select documents of
    TEI volumes.
fetch
    Download a FRUS volume's TEI at a pinned commit (cached under
    ``data/external``) and list its selected documents in ``corpus.csv``.
validate
    Compare objectives, evidence and verdicts with hand coding (gold JSON
    files); ``--cv`` for held-out (leave-one-document-out) figures.
agreement
    Agreement of the package with coders and between coders, on units
    coded in notebook 06.
fit
    Refit the evidence ranker and verdict grader on a coded corpus and
    write the model table ``analysis/data/progress_model.csv``.
notebooks
    Execute the notebooks and write every figure.

Inputs that cannot be read are reported on one line each (naming the file
and the problem); the others are still processed and written, and the exit
status is 1. ``--out``, ``--manifest`` and ``--seed`` are checked before
any work (one line, exit status 2); Ctrl-C stops with one line (exit status
130) and leaves the tables of the last complete run in ``--out``.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from pathlib import Path

from . import config
from .config import MAX_SEED, seed_argument  # noqa: F401  (re-exported: the CLI's argument types)
from .io.tei import Selection, add_selection_arguments, is_date_bound, selection_from_args

# Each command imports what it needs when it runs (pandas, NLTK, scikit-learn take
# seconds to import): ``--help`` and a command's own ``--help`` stay quick.

#: Commands whose arguments and action live in a module of their own
#: (``add_arguments(parser)`` and ``run(args)``), imported only when named.
MODULE_COMMANDS = {
    "fetch": (".io.fetch", "download a FRUS volume's TEI and list its selected documents in corpus.csv"),
    "validate": (".report.validate", "compare with hand coding"),
    "agreement": (".report.agreement", "agreement with hand coding (notebook 06)"),
}


def _one_line_warnings(message, category, filename, lineno, file=None, line=None):
    print(f"warning: {message}", file=sys.stderr)


def _cmd_run(args) -> int:
    # deferred: heavy, the pipeline (every step's libraries); not for `--help` or the other commands
    from .io.loader import LoadError, read_manifest
    from .io.provenance import RUN_FILE, compare_record, read_record
    from .pipeline import OutputError, check_out, default_jobs, run, show_progress

    errors: list[str] = []
    jobs = args.jobs if args.jobs else default_jobs()
    recorded = None
    start = ""
    if args.from_record is not None and is_date_bound(str(args.from_record)):
        start, args.from_record = str(args.from_record).strip(), None  # --from DATE
    try:
        args.start = start
        select = selection_from_args(args)
    except ValueError as exc:
        print(f"error: run: {exc}", file=sys.stderr)
        return 2
    if args.from_record is not None:
        try:
            recorded = read_record(args.from_record)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        args.inputs = args.inputs or recorded["inputs_given"]
        args.seed = recorded["seed"]
        if not select and (recorded.get("parameters") or {}).get("select"):
            select = Selection(**recorded["parameters"]["select"])
        if args.manifest is None and recorded.get("manifest"):
            args.manifest = Path(recorded["manifest"]["path"])
        if args.out is None:
            args.out = args.from_record.parent
    if not args.inputs or args.out is None:
        print("error: run: give INPUT... and --out DIR (or --from run.json)", file=sys.stderr)
        return 2
    if select and not any(Path(i).suffix.lower() == ".xml"
                          or (Path(i).is_dir() and any(Path(i).glob("*.xml"))) for i in args.inputs):
        print("warning: run: --doc, --title, --from DATE and --to select documents of TEI volumes "
              "(*.xml); there is none among the inputs, so every document is read", file=sys.stderr)
    try:  # checks before any work
        check_out(args.out)
        if args.manifest is not None:
            read_manifest(args.manifest)
    except (LoadError, OutputError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = _one_line_warnings
        try:
            tables = run(args.inputs, args.out, seed=args.seed, manifest=args.manifest,
                         errors=errors, jobs=jobs, progress=show_progress(args.quiet),
                         select=select or None)
        except (LoadError, OutputError) as exc:
            for e in errors:
                print(f"error: {e}", file=sys.stderr)
            print(f"error: {exc}", file=sys.stderr)
            return 1
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    if tables["documents"].empty:
        print("error: no document could be loaded; nothing written", file=sys.stderr)
        return 1
    print(f"wrote {len(tables)} tables for {len(tables['documents'])} document(s) to {args.out}")
    if recorded is not None:
        diff = compare_record(recorded, read_record(Path(args.out) / RUN_FILE))
        if diff:
            for line in diff:
                print(f"warning: run --from: {line}", file=sys.stderr)
        else:
            print("run --from: same inputs, manifest, seed and versions as the recorded run")
    return 1 if errors else 0


def _cmd_fit(args) -> int:
    # deferred: scikit-learn and the verdict model; not for `--help` or the other commands
    from .progress.coded import load_coded
    from .progress.model import MODEL_PATH, fit_model, save_model

    errors: list[str] = []
    gold = args.gold or (args.coded / "gold")
    model = None
    try:
        corpus = load_coded(gold, args.coded, errors=errors)
        model = fit_model(corpus)
    except (FileNotFoundError, ValueError) as e:
        errors.append(str(e))
    for line in errors:
        print(f"error: {line}", file=sys.stderr)
    if model is None:
        return 1
    path = save_model(model, args.out or MODEL_PATH)
    print(f"fitted on {len(corpus.doc_ids)} coded statement(s); wrote {path}")
    return 1 if errors else 0


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs needs a whole number >= 1, not {text!r}")
    return value


def _cmd_notebooks(args) -> int:
    # deferred: pandas and the notebook runner; not for `--help` or the other commands
    from .report.notebooks import run_notebooks

    run_notebooks(corpus=args.corpus, out=args.out, seed=args.seed, rebuild=args.rebuild)
    return 0


def _module_command(sub, name: str, full: bool) -> None:
    """Add command ``name`` of :data:`MODULE_COMMANDS`: with its module's arguments if ``full``."""
    module, help_text = MODULE_COMMANDS[name]
    p = sub.add_parser(name, help=help_text)
    if full:
        mod = importlib.import_module(module, __package__)
        mod.add_arguments(p)
        p.set_defaults(func=mod.run)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser.

    ``command``: build only that command of :data:`MODULE_COMMANDS` in full
    (the others by name and help, without importing their modules); None
    builds every command in full.
    """
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def module_command(name):
        _module_command(sub, name, command is None or command == name)

    run = sub.add_parser("run", help="load documents and write all tables")
    run.add_argument("inputs", nargs="*", help="plain-text documents or folders of them")
    run.add_argument("--out", type=Path, default=None, help="folder for the CSV tables and run.json")
    run.add_argument("--from", dest="from_record", type=Path, default=None, metavar="RUN_JSON|DATE",
                     help="repeat the run recorded in RUN_JSON (its inputs, manifest, seed and "
                          "selection) and say what differs; a DATE (YYYY, YYYY-MM or YYYY-MM-DD) "
                          "instead keeps the documents of TEI volumes dated on or after it")
    run.add_argument("--seed", type=seed_argument, default=config.SEED, help="the one seed (default %(default)s)")
    run.add_argument("--manifest", type=Path, default=None,
                     help="corpus.csv with metadata (default: found beside the inputs)")
    run.add_argument("--jobs", type=_positive_int, default=0, metavar="N",
                     help="worker processes for documents, or for the sentences of a "
                          "single input (default: all cores); "
                          "the tables do not depend on it")
    run.add_argument("--quiet", action="store_true",
                     help="no progress bars (they show only on a terminal anyway)")
    add_selection_arguments(run, with_from=False)
    run.set_defaults(func=_cmd_run)

    module_command("fetch")
    module_command("validate")

    fit = sub.add_parser("fit", help="refit the verdict model on a coded corpus")
    fit.add_argument("coded", type=Path, help="folder of coded statements (*.txt) with gold/*.json")
    fit.add_argument("--gold", type=Path, default=None, help="gold folder (default: CODED/gold)")
    fit.add_argument("--out", type=Path, default=None,
                     help="model table to write (default: the package's analysis/data/progress_model.csv)")
    fit.set_defaults(func=_cmd_fit)

    module_command("agreement")

    nb = sub.add_parser("notebooks", help="execute the notebooks, write figures")
    nb.add_argument("--corpus", type=Path, default=config.RAW_DIR)
    nb.add_argument("--out", type=Path, default=config.BUILD_DIR)
    nb.add_argument("--seed", type=seed_argument, default=config.SEED)
    nb.add_argument("--rebuild", action="store_true",
                    help="recompute the tables even if --out holds those of the same inputs, "
                         "manifest, seed and package version (e.g. after editing the code)")
    nb.set_defaults(func=_cmd_notebooks)
    return parser


#: The one line Ctrl-C prints (status 130), wherever it lands.
INTERRUPTED = ("error: interrupted; the tables in --out are those of the last complete run "
               "(or none)")


def interrupted() -> int:
    """Print :data:`INTERRUPTED` and return the status 130."""
    print(INTERRUPTED, file=sys.stderr)
    return 130


def main(argv=None) -> int:
    """Run the command line; Ctrl-C ends it with one line and status 130."""
    words = sys.argv[1:] if argv is None else list(argv)
    # the command is the first word that is not an option (the top level takes none but -h)
    named = next((w for w in words if not w.startswith("-")), None)
    try:
        args = build_parser(named if named in MODULE_COMMANDS else "").parse_args(words)
        return args.func(args)
    except KeyboardInterrupt:
        return interrupted()
