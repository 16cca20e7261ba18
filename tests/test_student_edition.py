"""The student edition: built by one command, free of anything an instructor keeps, and it runs on its own."""

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from student_edition import EDITION_HEADING, INCLUDED, build

ROOT = Path(__file__).resolve().parents[1]
INSTRUCTOR_ONLY = ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS", "nbgrader_config", "SandboxedKernelManager")


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    destination = tmp_path_factory.mktemp("student-edition")
    (destination / ".git").mkdir()  # a clone of the published repository: its history is kept
    (destination / "README.md").write_text(EDITION_HEADING + "\n\nAn older edition.\n")
    (destination / "stale.txt").write_text("from an older edition")
    build(destination)
    return destination


def test_it_deletes_nothing_in_a_folder_that_holds_no_earlier_edition(tmp_path):
    (tmp_path / "thesis.tex").write_text("a year of work")
    (tmp_path / "README.md").write_text("# Something else\n")
    with pytest.raises(SystemExit, match=r"holds README.md, thesis.tex but no earlier student edition.*nothing was deleted"):
        build(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md", "thesis.tex"]


def test_it_refuses_the_folder_that_holds_the_repository(tmp_path, monkeypatch):
    import student_edition

    repository = tmp_path / "course"  # a stand-in for the instructor's repository, so a failure here deletes nothing real
    repository.mkdir()
    (repository / "Makefile").write_text("lab:\n")
    (tmp_path / "README.md").write_text(EDITION_HEADING + "\n")  # even beside what looks like an edition
    monkeypatch.setattr(student_edition, "ROOT", repository)
    for destination in (tmp_path, repository, repository / "notebooks"):
        with pytest.raises(SystemExit, match="a folder of its own, outside the instructor's repository"):
            build(destination)
    assert (repository / "Makefile").read_text() == "lab:\n"


def test_it_holds_the_course_and_nothing_an_instructor_keeps(edition):
    top = sorted(p.name for p in edition.iterdir())
    assert top == sorted({*INCLUDED, "README.md", ".gitignore", ".git"})
    assert (edition / ".git").is_dir() and not (edition / "stale.txt").exists()
    released = sorted(p.relative_to(edition).as_posix() for p in (edition / "notebooks" / "assignments").glob("*/*.ipynb"))
    assert released == [
        "notebooks/assignments/a1_timeline/a1_timeline.ipynb",
        "notebooks/assignments/a2_two_readings/a2_two_readings.ipynb",
    ]
    for path in (p for p in edition.rglob("*") if p.is_file() and ".git" not in p.parts):
        text = path.read_bytes().decode("utf-8", "replace")
        leaks = [marker for marker in INSTRUCTOR_ONLY if marker in text]
        assert not leaks, f"{path.relative_to(edition)} holds {leaks}"
        assert path.suffix != ".db" and "gradebook" not in path.name
    for name in ("assignments", "tests", "tools", "benchmarks", "Makefile", "package.json", "node_modules", "notebooks/instructor"):
        assert not (edition / name).exists(), name
    assert not list((edition / "helpers").glob("class_*.py")), "the class view is the instructor's"
    # The released notebooks are the ones nbgrader generated, whose hidden tests were removed.
    source = nbformat.read(ROOT / "assignments/source/a2_two_readings/a2_two_readings.ipynb", as_version=4)
    assert any("BEGIN HIDDEN TESTS" in c.source for c in source.cells)


def test_the_readme_launches_the_student_edition(edition):
    from launch_links import REPOSITORY

    readme = (edition / "README.md").read_text()
    assert f"mybinder.org/v2/gh/{REPOSITORY}/" in readme and REPOSITORY.endswith("-student")
    assert "what-putin-is-really-after-answers" in readme
    assert "notebook 05b" in readme and "nothing is kept after the session ends" in readme
    assert "workbench_answers.json" in (edition / ".gitignore").read_text().splitlines()


@pytest.mark.executes
def test_it_installs_fresh_and_its_notebooks_pass_strict_nbval(edition, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-c", "constraints.txt", "-e", ".[check]"]
    subprocess.run(install, cwd=edition, check=True, capture_output=True, timeout=900)
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pytest", "--nbval", "notebooks", "-q", "-p", "no:cacheprovider"],
        cwd=edition,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert (
        " passed" in result.stdout
        and "nbgrader" not in subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list"], capture_output=True, text=True).stdout
    )
