"""Checks on the committed notebooks themselves: template, badges, size."""

from pathlib import Path

import nbformat
import pytest

from helpers.launch import badges_markdown, binder_url

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
MAX_BYTES = 300_000


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_title_badges_objectives_and_setup(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert badges_markdown(f"notebooks/{path.name}") in first.source, "run `python -m helpers.launch`"
    assert "Learning objectives" in nb.cells[1].source
    assert nb.cells[2].cell_type == "code" and "import helpers" in nb.cells[2].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(prose) > len(code)
    assert "Discussion questions" in "".join(c.source for c in prose[-3:])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_small_and_has_stored_outputs(path):
    assert path.stat().st_size < MAX_BYTES
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count for c in code), "run `make execute` to store outputs"
    assert "widgets" not in nb.metadata, "widget state must not be stored"


def test_binder_link_opens_the_notebook_in_lab():
    assert binder_url("notebooks/00_start_here.ipynb").endswith("?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb")
