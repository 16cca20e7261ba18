"""Checks on the committed notebooks themselves: template, badges, size."""

import re
from pathlib import Path

import nbformat
import pytest
from html_export import title_and_aim
from launch_links import badges_markdown, binder_url

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
MAX_BYTES = 300_000


def test_there_are_notebooks():
    assert any(p.name == "00_start_here.ipynb" for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_title_badges_objectives_and_setup(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert badges_markdown(f"notebooks/{path.name}") in first.source, "run `python tools/launch_links.py`"
    assert "Learning objectives" in nb.cells[1].source
    assert title_and_aim(path)[1].startswith("After this notebook you can "), "a one-sentence aim after the badges"
    assert nb.cells[2].cell_type == "code" and "import helpers" in nb.cells[2].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not [c.source for c in code[1:] if re.search(r"^(from|import) ", c.source, re.M)], "imports belong in the setup cell"
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(prose) > len(code)
    assert "Discussion questions" in "".join(c.source for c in prose[-3:])


INSTRUCTOR = sorted((Path(__file__).resolve().parents[1] / "notebooks" / "instructor").glob("*.ipynb"))


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_the_instructors_notebook_follows_the_course_template_without_launch_badges(path):
    """Not on Binder or Colab (the student edition leaves it out), otherwise the same shape as the course's notebooks."""
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].source.startswith("# ") and "mybinder.org" not in nb.cells[0].source
    assert title_and_aim(path)[1].startswith("After this notebook you can ")
    assert "Learning objectives" in nb.cells[1].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code[0] is nb.cells[2] and not [c.source for c in code[1:] if re.search(r"^(from|import) ", c.source, re.M)]
    prose = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(prose) > len(code) and "Discussion questions" in "".join(c.source for c in prose[-2:])
    assert path.stat().st_size < MAX_BYTES and all(c.execution_count for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_small_and_has_stored_outputs(path):
    assert path.stat().st_size < MAX_BYTES
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count for c in code), "run `make execute` to store outputs"
    assert "widgets" not in nb.metadata, "widget state must not be stored"


def test_binder_link_opens_the_notebook_in_lab():
    assert binder_url("notebooks/00_start_here.ipynb").endswith("?urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb")


SECTION_NOTEBOOKS = [p for p in NOTEBOOKS if p.name[:2] not in ("00", "05")]  # the essay part by part, and the epilogue


def _quoted_paragraphs(path):
    """Paragraph ids whose quotation is among the notebook's stored outputs."""
    nb = nbformat.read(path, as_version=4)
    plain = [o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    return [pid for text in plain for pid in re.findall(r"^\[(p\d\d)\] ", text, flags=re.M)]


def test_every_body_paragraph_is_quoted_in_exactly_one_section_notebook():
    from helpers.essay import load_essay

    essay = load_essay()
    quoted = {path.name: _quoted_paragraphs(path) for path in SECTION_NOTEBOOKS}
    everywhere = [pid for ids in quoted.values() for pid in ids]
    assert sorted(everywhere) == sorted(essay.paragraph_ids), quoted
    for path in SECTION_NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        texts = [o.get("data", {}).get("text/plain", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        for pid in quoted[path.name]:
            assert any(essay.paragraph(pid).text in t for t in texts), (path.name, pid)


def test_section_notebooks_follow_the_essays_parts_in_order():
    from helpers.essay import load_essay

    essay = load_essay()
    order = [pid for path in sorted(SECTION_NOTEBOOKS) for pid in _quoted_paragraphs(path)]
    assert order == list(essay.paragraph_ids)
    assert len(SECTION_NOTEBOOKS) == 5


@pytest.mark.parametrize("path", SECTION_NOTEBOOKS, ids=lambda p: p.name)
def test_section_notebook_has_a_timeline_and_an_exercise(path):
    nb = nbformat.read(path, as_version=4)
    kinds = {k for c in nb.cells if c.cell_type == "code" for o in c.outputs for k in o.get("data", {})}
    assert "application/vnd.plotly.v1+json" in kinds
    prose = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "## Exercise" in prose and "## Discussion questions" in prose
    code = [c for c in nb.cells[3:] if c.cell_type == "code"]
    assert all(len(c.source.splitlines()) <= 5 for c in code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_ends_with_two_to_four_further_readings_from_the_bibliography(path):
    from helpers.theories import load_references

    nb = nbformat.read(path, as_version=4)
    calls = [c for c in nb.cells if c.cell_type == "code" and "further_reading(" in c.source]
    assert len(calls) == 1, "one further-reading list per notebook"
    ids = re.findall(r'"([a-z]+[0-9]{4}[a-z]?)"', calls[0].source.split("further_reading(", 1)[1])
    assert 2 <= len(ids) <= 4 and set(ids) <= set(load_references())
    later = nb.cells[nb.cells.index(calls[0]) + 1 :]
    assert all(c.cell_type == "code" and not c.source.strip() for c in later), "the reading list comes last"
    shown = "".join(o.get("data", {}).get("text/plain", "") for o in calls[0].outputs)
    assert shown.count("\n- ") == len(ids)
