"""The package's layout shows its flow: imports run one way along the steps.

load (``io``) → ``text`` → ``measures`` → ``progress`` → ``pipeline`` →
``report`` → ``cli``; ``config`` is below everything. A module may import
its own step or an earlier one, never a later one, so the import graph has
no cycle between steps. Imports are at the top of each module: one inside a
function only keeps a heavy library (or the pipeline) off a path that does
not need it, and says so with a ``# deferred: <why>`` comment.
"""
from __future__ import annotations

import ast
from pathlib import Path

import analysis

PACKAGE = Path(analysis.__file__).parent
#: Rank of each step along the flow; a module imports only ranks <= its own.
RANKS = {"config": 0, "contracts": 0, "io": 1, "text": 2, "measures": 3, "progress": 4, "pipeline": 5,
         "report": 6, "cli": 7, "__main__": 8, "__init__": 8}


def _step(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, module: str):
    """(imported module, line) for every import of the package in ``path``."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "analysis":
                continue
            if target == "analysis":  # from analysis import config / from .. import config
                for alias in node.names:
                    yield f"analysis.{alias.name}", node.lineno
            else:
                yield target, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "analysis":
                    yield alias.name, node.lineno


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield path, ".".join(parts)


def test_layout_every_module_belongs_to_a_step():
    for path, module in _modules():
        assert _step(module) in RANKS, f"{path}: not in a step folder ({', '.join(RANKS)})"


def test_layout_imports_run_one_way_along_the_flow():
    backwards = []
    for path, module in _modules():
        own = RANKS[_step(module)]
        for target, line in _imports(path, module):
            step = _step(target)
            if step in RANKS and RANKS[step] > own and step not in ("__init__", "__main__"):
                backwards.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}")
    assert not backwards, "imports against the flow:\n" + "\n".join(backwards)


def test_layout_no_module_imports_itself_back():
    # No cycle between modules either (function-local imports included).
    graph = {}
    for path, module in _modules():
        graph[module] = {t for t, _ in _imports(path, module) if t != module}
    known = set(graph)

    def resolve(target):
        while target and target not in known:
            target = target.rsplit(".", 1)[0] if "." in target else ""
        return target

    graph = {m: {resolve(t) for t in ts} - {"", m, "analysis"} for m, ts in graph.items()}
    state: dict = {}

    def visit(m, trail):
        state[m] = "open"
        for n in sorted(graph.get(m, ())):
            if state.get(n) == "open":
                raise AssertionError("import cycle: " + " -> ".join(trail + [m, n]))
            if n not in state:
                visit(n, trail + [m])
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m, [])


#: The comment that gives a function-local import its reason, on the import's
#: line or the line above it (above a run of imports, it covers the run):
#: ``# deferred: heavy, matplotlib; only for --figure``.
DEFERRED = "# deferred:"


def _local_imports(tree):
    """(first line, last line) of every import inside a function body."""
    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)) and in_function:
                yield child.lineno, child.end_lineno
            yield from walk(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.Lambda)))
    yield from walk(tree, False)


def _unexplained_local_imports(source: str):
    """First lines of the function-local imports that carry no ``# deferred:`` reason.

    The reason is on one of the import's lines, or on the line above it; a
    reason above a run of imports (one import per line, no line between)
    covers the run.
    """
    lines = source.splitlines()
    spans = sorted(_local_imports(ast.parse(source)))
    first_of = {last: first for first, last in spans}  # an import's last line -> its first line
    bad = []
    for first, last in spans:
        if any(DEFERRED in lines[i - 1] for i in range(first, last + 1)):
            continue
        above = first - 1
        while above in first_of:  # climb over the run of imports just above this one
            above = first_of[above] - 1
        if not (above >= 1 and DEFERRED in lines[above - 1]):
            bad.append(first)
    return bad


def test_layout_no_function_local_import_without_a_reason():
    # Imports are at the top of the module; one inside a function only defers a
    # heavy library (or the pipeline) from a path that does not need it, and says so.
    bad = []
    for path, _ in _modules():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for line in _unexplained_local_imports(source):
            bad.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {lines[line - 1].strip()}")
    assert not bad, (f"function-local imports without a '{DEFERRED} <why>' comment on the line or the "
                     "line above (move them to the top of the module, or say what they defer):\n"
                     + "\n".join(bad))


def test_layout_local_import_check_sees_what_it_should():
    src = ("import os\n"
           "def f():\n"
           "    import json\n"
           "    from . import loader  # deferred: heavy\n"
           "    # deferred: heavy, matplotlib\n"
           "    import matplotlib\n"
           "    from matplotlib import pyplot\n"
           "\n"
           "    from analysis import (\n"
           "        pipeline)  # deferred: the pipeline\n"
           "    try:  # deferred: optional\n"
           "        import wordllama\n"
           "    except ImportError:\n"
           "        pass\n"
           "    g = lambda: __import__('x')\n"
           "    from .tei import iter_tei\n")
    assert _unexplained_local_imports(src) == [3, 16]
