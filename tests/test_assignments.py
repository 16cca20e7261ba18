"""Assignments: the release is regenerated exactly, holds no solutions, runs unanswered, and grades as expected."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from assignment_answers import REGION, WRONG, answered, solutions
from nbclient import NotebookClient

pytestmark = pytest.mark.nbgrader
ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "assignments" / "source").glob("*/*.ipynb"))
RELEASED = sorted((ROOT / "notebooks" / "assignments").glob("*/*.ipynb"))


def _nbgrader(course, *args):
    """Run nbgrader in a copy of the course, as `make release` and an instructor would."""
    env = {**os.environ, "COURSE_GRADING_ROOT": str(course), "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("nbgrader")), *args],
        cwd=course / "assignments",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0 and "ERROR" not in result.stderr, _nbgrader_log(result.stderr)
    return result


def _nbgrader_log(log):
    """nbgrader's own account of a failure: its ERROR lines, the first traceback whole, and the end of its log."""
    errors = [line for line in log.splitlines() if "| ERROR]" in line]
    start = log.find("Traceback (most recent call last)")
    first = log[start : start + 6000] if start >= 0 else "(no traceback)"
    return "\n".join(["nbgrader's ERROR lines:", *errors, "", "Its first traceback:", first, "", "The end of its log:", log[-2000:]])


def _instructor_copy(root):
    """The instructor's assignments folder (sources, nbgrader's configuration, the grading sandbox), copied to `root`."""
    shutil.copytree(ROOT / "assignments" / "source", root / "assignments" / "source")
    for name in ("nbgrader_config.py", "grading.py"):
        shutil.copy(ROOT / "assignments" / name, root / "assignments")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course with the release regenerated from the sources."""
    root = tmp_path_factory.mktemp("course")
    _instructor_copy(root)
    for source in SOURCES:
        _nbgrader(root, "generate_assignment", source.parent.name, "--force")
    return root


def test_there_are_two_assignments_with_auto_and_manual_parts():
    assert [p.parent.name for p in SOURCES] == ["a1_timeline", "a2_two_readings"]
    for path in SOURCES:
        cells = [c.metadata.get("nbgrader", {}) for c in nbformat.read(path, as_version=4).cells]
        assert any(m.get("grade") and not m.get("solution") for m in cells), "auto-graded tests"
        assert any(m.get("grade") and m.get("solution") for m in cells), "manually graded answer"


def test_the_release_command_reproduces_the_committed_student_notebooks(course):
    regenerated = sorted((course / "notebooks" / "assignments").glob("*/*.ipynb"))
    assert [p.relative_to(course) for p in regenerated] == [p.relative_to(ROOT) for p in RELEASED]
    for new, committed in zip(regenerated, RELEASED, strict=True):
        assert new.read_text() == committed.read_text(), f"{committed} is stale: run `make release`"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_no_solution_or_hidden_test_reaches_students(source):
    released_path = ROOT / "notebooks" / "assignments" / source.parent.name / source.name
    released = "\n".join(c.source for c in nbformat.read(released_path, as_version=4).cells)
    secrets = [
        line.strip()
        for c in nbformat.read(source, as_version=4).cells
        for _, region in REGION.findall(c.source)
        for line in region.splitlines()
        if line.strip()
    ]
    assert len(secrets) >= 4
    assert not [line for line in secrets if line in released]
    assert "BEGIN SOLUTION" not in released and "HIDDEN TESTS" not in released
    assert "SOLUTION" not in released_path.read_text()


@pytest.mark.parametrize("path", RELEASED, ids=lambda p: p.name)
def test_released_notebooks_run_top_to_bottom_unanswered(path, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_ANSWERS_DIR", str(tmp_path))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("not answered yet" in o.get("text", "") for o in outputs) == 2 + ("a1" in path.name)


@pytest.mark.executes
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_a_finished_assignment_passes_strict_nbval(source, tmp_path):
    """The assignment answered (the source, with solutions and hidden tests) by a student who coded every sentence.

    Executed once to store its outputs, then checked by strict nbval in a fresh kernel: every
    cell runs, every hidden test passes and every output is the same again.
    """
    from helpers.answers import AnswerStore
    from helpers.course import course_coding

    folder = tmp_path / "course" / source.parent.name
    folder.mkdir(parents=True)
    shutil.copy(source, folder)
    answers = tmp_path / "answers"
    AnswerStore("nbval", answers).update("coding", {s: k.code for s, k in course_coding()[1].items()})
    env = {**os.environ, "COURSE_ANSWERS_DIR": str(answers), "COURSE_STUDENT": "nbval"}
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--inplace", "--ExecutePreprocessor.record_timing=False",
         str(folder / source.name)],
        env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "-q", "-p", "no:cacheprovider", str(folder)],
        cwd=tmp_path / "course", env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"(\d+) passed", result.stdout).group(1) == str(sum(c.cell_type == "code" for c in nbformat.read(source, 4).cells))


def _answered(course, assignment, answers):
    """A student's submission: the release with the given code in each answer cell (grade_id -> code)."""
    return answered(course / "notebooks" / "assignments" / assignment / f"{assignment}.ipynb", answers)


def _hand_in_coding(folder, student, only=None):
    """The workbench snapshot a student hands in with assignment 2, coding the essay's sentences as the key does."""
    from helpers.answers import FORMAT, VERSION
    from helpers.course import course_coding

    coding = {s: k.code for s, k in list(course_coding()[1].items())[:only]}
    document = {"format": FORMAT, "version": VERSION, "student": student, "answers": {"coding": coding}}
    (folder / "workbench_answers.json").write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.parent.name)
def test_grading_a_right_a_wrong_and_a_blank_submission(course, source):
    from nbgrader.api import Gradebook

    assignment = source.parent.name
    written = next(
        c.metadata["nbgrader"]["grade_id"]
        for c in nbformat.read(source, as_version=4).cells
        if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")
    )
    essay = "The Russian airspace violations of early October (russian-airspace-violations-oct-2015) were a warning."
    submissions = {"alice": {**solutions(source), written: essay}, "bob": WRONG[assignment], "carol": {}}
    for student, answers in submissions.items():
        target = course / "assignments" / "submitted" / student / assignment
        target.mkdir(parents=True, exist_ok=True)
        nbformat.write(_answered(course, assignment, answers), target / source.name)
    if assignment == "a2_two_readings":  # alice coded every sentence and handed in; bob stopped after one
        _hand_in_coding(course / "assignments" / "submitted" / "alice" / assignment, "alice")
        _hand_in_coding(course / "assignments" / "submitted" / "bob" / assignment, "bob", only=1)
    _nbgrader(course, "autograde", assignment, "--create", "--force")
    auto_points = sum(
        c.metadata["nbgrader"].get("points", 0)
        for c in nbformat.read(source, as_version=4).cells
        if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")
    )
    with Gradebook(f"sqlite:///{course / 'assignments' / 'gradebook.db'}") as gradebook:
        scores = {s: gradebook.find_submission(assignment, s) for s in submissions}
        assert scores["alice"].code_score == auto_points
        assert scores["bob"].code_score == 0
        assert scores["carol"].code_score == 0
        assert scores["alice"].needs_manual_grade  # a written answer waits for the instructor
        assert not scores["carol"].needs_manual_grade  # an untouched one scores 0 at once


ATTACK = """import sqlite3
from pathlib import Path
course = Path({course!r})
targets = [course / "assignments" / "gradebook.db", course / "assignments" / "source" / "a2_two_readings" / "a2_two_readings.ipynb",
           course / "assignments" / "submitted" / "alice" / "a2_two_readings" / "a2_two_readings.ipynb", Path({repository!r}) / "assignments" / "source"]
read = [str(t) for t in targets if t.exists()]
try:
    db = sqlite3.connect(targets[0])
    db.execute("UPDATE grade SET extra_credit = 100")
    db.commit()
except Exception as error:
    print("gradebook:", type(error).__name__)
try:
    targets[2].write_text("{{}}")
except OSError as error:
    print("alice's work:", type(error).__name__)
Path("seen.txt").write_text("\\n".join(read))  # its own folder is the one place it may write
realist_claims = 1"""
FORGERY = {
    "a2-q1-answer": "class Sure(int):\n    __eq__ = lambda self, other: True\n    __hash__ = int.__hash__\nrealist_claims = Sure(1)",
    "a2-q2-answer": "class Close(float):\n    __sub__ = lambda self, other: 0.0\n    __eq__ = lambda self, other: True\nbrier_at_70 = Close(0.5)",
}


def _digests(folder):
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def test_a_submission_cannot_touch_the_gradebook_or_others_work_nor_forge_equality(tmp_path):
    """Graded in the sandbox: an attack on the gradebook and on alice's files changes nothing; a forged == scores 0."""
    from nbgrader.api import Gradebook

    course, assignment = tmp_path, "a2_two_readings"
    _instructor_copy(course)
    _nbgrader(course, "generate_assignment", assignment, "--force")
    source = course / "assignments" / "source" / assignment / f"{assignment}.ipynb"
    submissions = {
        "alice": solutions(source),
        "mallory": {"a2-q1-answer": ATTACK.format(course=str(course), repository=str(ROOT))},
        "eve": FORGERY,
    }
    for student, answers in submissions.items():
        target = course / "assignments" / "submitted" / student / assignment
        target.mkdir(parents=True)
        nbformat.write(_answered(course, assignment, answers), target / source.name)
    _nbgrader(course, "autograde", assignment, "--create", "--force", "--student", "alice")
    gradebook_path = course / "assignments" / "gradebook.db"
    with Gradebook(f"sqlite:///{gradebook_path}") as gradebook:
        alice_before = gradebook.find_submission(assignment, "alice").score
    submitted_before = _digests(course / "assignments" / "submitted")
    for student in ("mallory", "eve"):
        _nbgrader(course, "autograde", assignment, "--create", "--force", "--student", student)

    graded = course / "assignments" / "autograded" / "mallory" / assignment
    assert (graded / "seen.txt").read_text() == "", "the sandboxed kernel could see the gradebook, the sources or alice's work"
    outputs = "".join(o.get("text", "") for c in nbformat.read(graded / source.name, as_version=4).cells for o in c.get("outputs", []))
    assert "gradebook: OperationalError" in outputs, outputs  # no gradebook to open: an empty folder in its place
    assert re.search(r"alice's work: (FileNotFoundError|PermissionError|OSError)", outputs), outputs
    assert _digests(course / "assignments" / "submitted") == submitted_before
    with Gradebook(f"sqlite:///{gradebook_path}") as gradebook:
        assert gradebook.find_submission(assignment, "alice").score == alice_before > 0
        submissions = [gradebook.find_submission(assignment, s) for s in ("alice", "mallory", "eve")]
        assert all(g.extra_credit in (None, 0) for s in submissions for n in s.notebooks for g in n.grades)
        assert gradebook.find_submission(assignment, "eve").code_score == 0
