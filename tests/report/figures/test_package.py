"""The package analysis.report.figures: one module per notebook, re-exported, imports one way."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis.report import figures as fg

FOLDER = Path(fg.__file__).parent
#: The figure modules: the shared one, then one per notebook (01-05) and the validation figures.
MODULES = ("shared", "corpus", "sections_topics", "countries_tone", "objectives_evaluation",
           "comparison", "validation")
#: Public names of a module not re-exported by the package (they would shadow another's).
NOT_REEXPORTED = {"comparison": {"SECTIONS", "TOP_COUNTRIES", "ONE_STATEMENT"}}


def _public(module: str) -> set:
    tree = ast.parse((FOLDER / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {e.id for t in node.targets for e in ast.walk(t) if isinstance(e, ast.Name)}
    return {n for n in names if not n.startswith("_")}


def test_package_has_one_module_per_notebook():
    assert sorted(p.stem for p in FOLDER.glob("*.py")) == sorted(MODULES + ("__init__",))


@pytest.mark.parametrize("module", MODULES)
def test_package_reexports_every_public_name_of_its_modules(module):
    mod = getattr(fg, module)
    for name in _public(module) - NOT_REEXPORTED.get(module, set()):
        assert getattr(fg, name) is getattr(mod, name), f"fg.{name} is not {module}.{name}"


@pytest.mark.parametrize("module", MODULES)
def test_package_modules_import_shared_helpers_never_the_package(module):
    # `from . import x` or `from analysis.report import figures` would run the
    # package's __init__ from inside it: a cycle
    tree = ast.parse((FOLDER / f"{module}.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert not (node.level == 1 and node.module is None), f"{module}: from . import"
            assert node.module not in ("analysis.report.figures", "analysis.report"), module
            if node.level == 1:
                assert node.module in MODULES and node.module != "__init__", module
    if module == "shared":  # imports no other figure module
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1]
