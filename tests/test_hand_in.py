"""The hand-in as on Binder or a hub: no environment variables, notebooks in different folders, one answers file.

The workbench (notebook 05) and assignment 2 run from unrelated folders with only HOME
set, as a student's server would.  Assignment 2 hands in a snapshot of what the student
did in the workbench, and the autograder, with its own home, shows that snapshot.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.executes
ROOT = Path(__file__).resolve().parents[1]
WORKBENCH = ROOT / "notebooks" / "05_two_readings_workbench.ipynb"
ASSIGNMENT = ROOT / "notebooks" / "assignments" / "a2_two_readings" / "a2_two_readings.ipynb"
STUDENT_WORK = """lens.lens.value = "realist"
weigh.sliders["s400-deployed-hmeimim-2015"].value = -2
quiz.sliders["normalisation"].value = 0.8
lens.note.value = "Tartus matters more than the polls."
"""


def _run(notebook, home, extra_env=None):
    """Execute a notebook in its own folder with a clean environment (HOME and PATH only); return it executed."""
    env = {"HOME": str(home), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", **(extra_env or {})}
    jupyter = Path(sys.executable).with_name("jupyter")
    subprocess.run(
        [str(jupyter), "nbconvert", "--to", "notebook", "--execute", "--inplace", "--ExecutePreprocessor.timeout=300", str(notebook)],
        cwd=notebook.parent,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return nbformat.read(notebook, as_version=4)


def _output_text(nb, source):
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.strip() == source)
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def test_assignment_2_hands_in_the_students_workbench_answers_with_no_environment(tmp_path):
    student_home, grader_home = tmp_path / "student", tmp_path / "grader"
    clone = student_home / "course" / "notebooks"  # nbgitpuller's clone
    fetched = student_home / "a2_two_readings"  # where `nbgrader fetch` or a download puts the assignment
    clone.mkdir(parents=True)
    grader_home.mkdir()
    workbench = nbformat.read(WORKBENCH, as_version=4)
    workbench.cells.append(nbformat.v4.new_code_cell(STUDENT_WORK))
    nbformat.write(workbench, clone / WORKBENCH.name)
    shutil.copytree(ASSIGNMENT.parent, fetched, ignore=shutil.ignore_patterns("workbench_answers.json"))

    _run(clone / WORKBENCH.name, student_home)
    saved = list((student_home / "what-putin-is-really-after-answers").glob("*.json"))
    assert len(saved) == 1, "the workbench saves to the one answers folder in the student's home"

    handed_in = _run(fetched / ASSIGNMENT.name, student_home)
    snapshot = json.loads((fetched / "workbench_answers.json").read_text())
    assert snapshot["answers"]["choices"]["lens"] == "realist"
    assert snapshot["answers"]["evidence"] == {"s400-deployed-hmeimim-2015": -2}
    assert snapshot["answers"]["predictions"]["normalisation"] == 0.8
    assert "Tartus matters more" in json.dumps(snapshot)
    assert "1 evidence" in _output_text(handed_in, "workbench_answers()")

    # The grader, with answers of its own at home, autogrades the submission: it shows the student's snapshot.
    (grader_home / "what-putin-is-really-after-answers").mkdir()
    (grader_home / "what-putin-is-really-after-answers" / "grader.json").write_text(saved[0].read_text().replace("realist", "domestic"))
    graded = _run(fetched / ASSIGNMENT.name, grader_home, {"NBGRADER_EXECUTION": "autograde"})
    shown = _output_text(graded, "workbench_answers()")
    assert '"lens": "realist"' in shown and "domestic" not in shown.split("choices")[1][:80]
    assert json.loads((fetched / "workbench_answers.json").read_text()) == snapshot, "autograding never rewrites the snapshot"
