"""nbgrader configuration for the course's assignments (see README, "Assignments").

The course directory is the repository: sources with solutions live in
assignments/source/, and the student release goes where students find it,
notebooks/assignments/.  Submissions, grades and feedback stay in assignments/
and are git-ignored.
"""

import os
import sys
import warnings
from pathlib import Path

c = get_config()  # noqa: F821  (nbgrader provides it)

c.CourseDirectory.course_id = "what-putin-is-really-after"
c.CourseDirectory.root = os.environ.get("COURSE_GRADING_ROOT", str(Path(__file__).resolve().parents[1]))
c.CourseDirectory.source_directory = "assignments/source"
c.CourseDirectory.release_directory = "notebooks/assignments"
c.CourseDirectory.submitted_directory = "assignments/submitted"
c.CourseDirectory.autograded_directory = "assignments/autograded"
c.CourseDirectory.feedback_directory = "assignments/feedback"
c.CourseDirectory.db_url = f"sqlite:///{Path(c.CourseDirectory.root) / 'assignments' / 'gradebook.db'}"

# Unanswered cells must run without errors, so the stub leaves the answer as None.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Each submission's kernel runs sandboxed (grading.py): it cannot read the hidden tests, the
# other submissions or the gradebook, and writes only in its own folder.  An untouched test
# cell is not reported as changed (grading.py says why nbgrader would).
sys.path.insert(0, str(Path(__file__).resolve().parent))
c.Execute.kernel_manager_class = "grading.SandboxedKernelManager"
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "grading.UntouchedTestCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# nbgrader gives up on a submission whose outputs arrive more than 4 s after its cell finished
# (nbclient's iopub_timeout; nbgrader makes it an error). On a loaded grading server that can
# fail a correct submission, so allow 30 s; the per-cell limit (30 s) still stops a runaway cell.
c.Execute.iopub_timeout = 30

# SQLAlchemy's notes on nbgrader's own session use, not something an instructor can act on.
warnings.filterwarnings("ignore", module="nbgrader", message=".*not in session.*")
