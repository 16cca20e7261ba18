"""The README's grading guide, followed step by step in a copy of the course: every command, from the folder it names.

Release, hand out (the student edition), collect (alice's files put in place, as the guide
says), autograde, grade the written answer through the Formgrader's API as JupyterLab
serves it from `make grade`, generate feedback and export; then check the outputs are
git-ignored and the autograder's log holds no warning.
"""

import csv
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

pytestmark = [pytest.mark.nbgrader, pytest.mark.server]
ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "a2_two_readings"
STEP = re.compile(r"\(from (?:the course folder|`(?P<folder>[^`]+)`)\): `(?P<command>[^`]+)`")
LEFT_BEHIND = shutil.ignore_patterns(
    ".venv", "node_modules", "build", "test-artifacts", ".git", "__pycache__", "*.egg-info", "answers", "gradebook.db", "submitted"
)


def guide_steps():
    """(folder, command) for each step of the README's "Grading, step by step", in order."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Grading, step by step", 1)[1].split("\n### ", 1)[0]
    return [(m["folder"] or ".", m["command"]) for m in STEP.finditer(section)]


def test_the_guide_has_every_step():
    commands = [command.split()[:2] for _, command in guide_steps()]
    assert commands == [
        ["make", "release"],
        ["make", "student-edition"],
        ["nbgrader", "autograde"],
        ["make", "grade"],
        ["nbgrader", "generate_feedback"],
        ["nbgrader", "export"],
        ["make", "class-view"],
    ]


def _hand_in(course):
    """Alice's submission, as step 3 says: the answered notebook and her workbench snapshot in submitted/."""
    source = nbformat.read(course / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    solutions = {
        c.metadata["nbgrader"]["grade_id"]: re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", c.source, re.S).group(1)
        for c in source.cells
        if "### BEGIN SOLUTION" in c.source
    }
    released = nbformat.read(course / "notebooks" / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for cell in released.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in solutions:
            cell.source = solutions[grade_id]
        elif grade_id == "a2-q3-written":
            cell.source = "The Tartus base (tartus-naval-facility-1971) matters more than the polls."
    folder = course / "assignments" / "submitted" / "alice" / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(released, folder / f"{ASSIGNMENT}.ipynb")
    snapshot = {
        "format": "what-putin-is-really-after/answers",
        "version": 1,
        "student": "alice",
        "answers": {"choices": {"lens": "realist"}},
    }
    (folder / "workbench_answers.json").write_text(json.dumps(snapshot))


def _formgrader(url, token, path, body=None):
    request = urllib.request.Request(
        f"{url}/formgrader/api/{path}",
        data=None if body is None else json.dumps(body).encode(),
        method="GET" if body is None else "PUT",
        headers={"Authorization": f"token {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _grade_in_the_formgrader(course, command, env, log, port):
    """Start `make grade` as written, find alice's written answer in the Formgrader's data and give it 5 points."""
    token = "guide-test-token"
    lab_args = f"LAB_ARGS=--no-browser --ServerApp.port={port} --ServerApp.token={token}"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [*shlex.split(command), lab_args], cwd=course, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None and time.monotonic() < deadline, Path(log).read_text()[-3000:]
            try:
                assignments = _formgrader(url, token, "assignments")
                break
            except OSError:
                time.sleep(0.5)
        assert [a["name"] for a in assignments if a["num_submissions"]] == [ASSIGNMENT]
        notebooks = _formgrader(url, token, f"submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}")
        alice = next(n for n in notebooks if n["student"] == "alice")
        assert alice["needs_manual_grade"]
        grades = _formgrader(url, token, f"grades?submission_id={alice['id']}")
        written = next(g for g in grades if g["name"] == "a2-q3-written")
        assert written["auto_score"] is None
        graded = _formgrader(url, token, f"grade/{written['id']}", {"manual_score": 5})
        assert graded["manual_score"] == 5
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def test_following_the_grading_guide_works_as_written(tmp_path, free_port):
    course = tmp_path / "course"
    shutil.copytree(ROOT, course, ignore=LEFT_BEHIND)  # copy2 keeps times, so make sees the environment up to date
    (course / ".venv").symlink_to(ROOT / ".venv")
    (course / "node_modules").mkdir()  # a folder of links, so that an `npm ci` in the copy can never empty the real one
    for package in (ROOT / "node_modules").iterdir():
        (course / "node_modules" / package.name).symlink_to(package)
    venv_bin = str(ROOT / ".venv" / "bin")
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_GRADING")}
    env.update(PATH=f"{venv_bin}:{env['PATH']}", VIRTUAL_ENV=str(ROOT / ".venv"))  # `source .venv/bin/activate`
    logs = {}
    for folder, command in guide_steps():
        where = course / folder
        if command.startswith("nbgrader autograde"):
            _hand_in(course)
        if command == "make grade":
            _grade_in_the_formgrader(course, command, env, tmp_path / "grade.log", free_port())
            continue
        result = subprocess.run(shlex.split(command), cwd=where, env=env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{command} (from {folder}) failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        logs[command.split()[1]] = result.stderr

    assert (tmp_path / "what-putin-is-really-after-student" / "notebooks" / "assignments" / ASSIGNMENT).is_dir()
    noisy = [line for line in logs["autograde"].splitlines() if "WARNING" in line or "Warning" in line or "ERROR" in line]
    assert noisy == [], noisy  # an untouched test cell is not "changed", and SQLAlchemy's notes are not shown
    feedback = course / "assignments" / "feedback" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.html"
    assert "Tartus" in feedback.read_text()
    rows = {r["student_id"]: r for r in csv.DictReader((course / "assignments" / "grades.csv").open())}
    auto_points = 4.0  # questions 1 and 2, right
    assert float(rows["alice"]["score"]) == auto_points + 5
    class_view = re.sub(r"<script>.*?</script>", "", (course / "class_view.html").read_text(encoding="utf-8"), flags=re.S)  # not plotly.js
    assert "1 student read from assignments." in class_view and "Student 01" in class_view and "alice" not in class_view
    made = [p.relative_to(course).as_posix() for p in (course / "assignments").rglob("*") if p.is_file()] + ["class_view.html"]
    produced = [p for p in made if not p.startswith(("assignments/source/", "assignments/nbgrader_config.py", "assignments/grading.py"))]
    assert {"assignments/gradebook.db", "assignments/grades.csv"} <= set(produced)
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *produced], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert sorted(ignored) == sorted(produced), set(produced) - set(ignored)
