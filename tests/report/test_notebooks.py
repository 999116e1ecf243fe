"""Tests of analysis.report.notebooks and notebooks/*.ipynb: headless run, outputs, byte-stability.

The five notebooks run once (module fixture) on the embedded corpus into a
temporary folder; the committed ``figures/`` are never written by the tests.
"""
from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest

from analysis import config
from analysis.report import notebooks
from analysis.report import figures as fg
from analysis.io.tables import read_tables

NOTEBOOK_FILES = [config.NOTEBOOKS_DIR / n for n in notebooks.NOTEBOOKS]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Run all five notebooks on data/raw into a temporary OUT; return OUT."""
    out = tmp_path_factory.mktemp("nb-out")
    paths = notebooks.run_notebooks(corpus=config.RAW_DIR, out=out, seed=config.SEED)
    assert [p.name for p in paths] == list(notebooks.NOTEBOOKS)
    return out


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_committed_notebooks_have_no_outputs_or_execution_counts(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: clear outputs before committing"
            assert cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_first_code_cell_is_tagged_parameters_with_corpus_out_figures_seed(path):
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])
    for name in ("corpus", "out", "figures", "seed"):
        assert f"{name} = " in first.source


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_notebook_and_its_py_percent_script_hold_the_same_cells(path):
    import jupytext

    script = jupytext.read(path.with_suffix(".py"))
    nb = nbformat.read(path, as_version=4)
    assert [(c.cell_type, c.source) for c in script.cells] == \
        [(c.cell_type, c.source) for c in nb.cells], f"run: jupytext --sync {path}"
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"


def test_figures_folder_keeps_committed_figures_for_the_default_corpus_only(tmp_path):
    assert notebooks.figures_folder(config.RAW_DIR, config.BUILD_DIR) == config.FIGURES_DIR
    assert notebooks.figures_folder(config.RAW_DIR, tmp_path) == tmp_path / "figures"
    assert notebooks.figures_folder(tmp_path, config.BUILD_DIR) == config.BUILD_DIR / "figures"


def test_load_tables_rebuilds_when_out_holds_another_corpus(tmp_path):
    pd.DataFrame({"doc_id": ["x"], "sha256": ["0" * 64]}).to_csv(tmp_path / "documents.csv",
                                                                  index=False)
    assert not notebooks.tables_are_current(config.RAW_DIR, tmp_path)


def test_load_tables_cache_is_keyed_by_inputs_manifest_and_seed(tmp_path):
    from analysis.pipeline import run

    corpus = tmp_path / "raw"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(next(config.RAW_DIR.glob("*.txt")).read_bytes())
    out = tmp_path / "out"
    run([corpus], out, seed=7, errors=[])
    assert notebooks.tables_are_current(corpus, out, seed=7)
    assert not notebooks.tables_are_current(corpus, out, seed=8)  # another seed
    (tmp_path / "corpus.csv").write_text("doc_id,file,country\na,raw/a.txt,PE\n", encoding="utf-8")
    assert not notebooks.tables_are_current(corpus, out, seed=7)  # a manifest now decides metadata


def test_load_tables_names_a_missing_corpus(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        notebooks.corpus_hashes(tmp_path / "nowhere")


@pytest.mark.slow
def test_run_notebooks_writes_executed_copies_with_outputs(executed):
    for name in notebooks.NOTEBOOKS:
        nb = nbformat.read(executed / "notebooks" / name, as_version=4)
        codes = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.execution_count is not None for c in codes)
        errors = [o for c in codes for o in c.outputs if o.get("output_type") == "error"]
        assert not errors


@pytest.mark.slow
def test_run_notebooks_writes_every_expected_figure_and_its_csv(executed):
    docs = read_tables(executed)["documents"]
    folder = executed / "figures"
    for stem in notebooks.expected_figures(docs):
        for ext in ("png", "pdf", "csv"):
            f = folder / f"{stem}.{ext}"
            assert f.is_file() and f.stat().st_size > 0, f"missing {f.name}"
        assert len(pd.read_csv(folder / f"{stem}.csv")) > 0, f"{stem}.csv is empty"


@pytest.mark.slow
def test_run_notebooks_figures_show_images_in_the_executed_notebook(executed):
    nb = nbformat.read(executed / "notebooks" / "04-objectives-vs-evaluation.ipynb",
                       as_version=4)
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if "image/png" in o.get("data", {})]
    assert images


@pytest.mark.slow
def test_regenerating_a_notebook_figure_gives_identical_bytes(executed, tmp_path):
    from analysis.io.provenance import run_id_of

    tables = read_tables(executed)
    v = fg.verdict_data(tables["objectives"], tables["assessments"], tables["documents"])
    fg.set_run(run_id_of(executed))
    try:
        again = fg.save_figure(fg.plot_verdicts(v), "04-verdicts", v, folder=tmp_path)
    finally:
        fg.set_run(None)
    for p in again:
        assert p.read_bytes() == (executed / "figures" / p.name).read_bytes(), p.name


@pytest.mark.slow
def test_figure_csv_holds_exactly_the_plotted_rows(executed):
    tables = read_tables(executed)
    plotted = pd.read_csv(executed / "figures" / "04-verdicts.csv")
    assert len(plotted) == len(tables["objectives"])
    assert set(plotted["verdict"]) <= set(fg.VERDICTS)


@pytest.mark.slow
def test_run_notebooks_names_the_failing_notebook(executed, tmp_path, monkeypatch):
    bad = tmp_path / "nbs"
    bad.mkdir()
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("corpus = out = figures = None\nseed = 0",
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("raise ValueError('boom')")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    (bad / "99-bad.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", bad)
    # OUT already holds this corpus's tables: nothing is recomputed
    with pytest.raises(RuntimeError, match=r"notebook 99-bad.ipynb failed.*ValueError: boom"):
        notebooks.run_notebooks(corpus=config.RAW_DIR, out=executed, seed=config.SEED,
                                figures=tmp_path / "figures", notebooks=("99-bad.ipynb",))


@pytest.mark.parametrize("path", NOTEBOOK_FILES, ids=lambda p: p.name)
def test_every_notebook_ends_with_findings_generated_from_its_tables(path):
    nb = nbformat.read(path, as_version=4)
    *_, heading, code = nb.cells
    assert heading.cell_type == "markdown" and heading.source.startswith("## Findings")
    assert code.cell_type == "code" and "fd.as_markdown(fd." in code.source
    assert not any(ch.isdigit() for ch in code.source), "findings are generated, not typed"


@pytest.mark.slow
def test_run_notebooks_shows_the_findings_as_markdown(executed):
    for name in notebooks.NOTEBOOKS:
        nb = nbformat.read(executed / "notebooks" / name, as_version=4)
        shown = [o["data"]["text/markdown"] for o in nb.cells[-1].outputs
                 if "text/markdown" in o.get("data", {})]
        assert shown and shown[0].startswith("**Findings**") and "\n- " in shown[0], name


@pytest.mark.slow
def test_notebook_kernels_start_without_the_tcp_encryption_warning(tmp_path, capfd):
    import papermill as pm

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("print(6 * 7)")]
    src, dst = tmp_path / "tiny.ipynb", tmp_path / "tiny-out.ipynb"
    nbformat.write(nb, src)
    km, sockets = notebooks._kernel_manager()
    try:
        pm.execute_notebook(str(src), str(dst), kernel_name="python3", progress_bar=False,
                            **({"km": km} if km else {}))
    finally:
        if km is not None and km.has_kernel:
            km.shutdown_kernel(now=True)
        if sockets is not None:
            sockets.cleanup()
    assert "42" in json.dumps(nbformat.read(dst, as_version=4).cells[0].outputs)
    err = capfd.readouterr().err
    assert "without encryption" not in err and "WARNING" not in err, err
