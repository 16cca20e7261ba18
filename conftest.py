"""pytest settings for every run in this repository, `pytest --nbval notebooks` included, and the fixtures several test files share.

Notebooks under test save workbench answers to a fresh folder under a fixed name,
so their outputs never depend on (or touch) a real student's answers file.
"""

import csv
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ["COURSE_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="course-answers-")
os.environ["COURSE_STUDENT"] = "nbval"

collect_ignore_glob = ["tests/fixtures/*"]  # broken on purpose, for the browser tests


DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def free_port():
    """A function that returns a port free on 127.0.0.1 right now."""
    from lab_driver import free_port

    return free_port


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test that used an external tool's server gets the end of that tool's own log in its report."""
    report = (yield).get_result()
    if report.failed:
        for name, value in getattr(item, "funcargs", {}).items():
            if callable(getattr(value, "log_tail", None)):
                report.sections.append((f"{name}: the end of its log", value.log_tail()))


@pytest.fixture(scope="module")
def events():
    """The course's events (a fresh copy for each test module)."""
    from helpers.course import course_events

    return course_events()


@pytest.fixture
def data_copy(tmp_path):
    """A function that copies the course's data files to a temporary folder and edits one of them.

    `data_copy(name, change)` starts from a fresh copy of every data file, reads `name`'s rows as
    dicts, lets `change(rows)` edit them in place or return new rows, writes them back with the
    same header, and returns the file's path; `data_copy.folder` is the folder.
    """

    def edit(name, change):
        for source in DATA.glob("*.csv"):
            shutil.copy(source, tmp_path / source.name)
        path = tmp_path / name
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header, rows = reader.fieldnames, list(reader)
        changed = change(rows)
        rows = rows if changed is None else changed
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return path

    edit.folder = tmp_path
    return edit
