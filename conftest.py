"""pytest settings for every run in this repository, `pytest --nbval notebooks` included.

Notebooks under test save workbench answers to a fresh folder under a fixed name,
so their outputs never depend on (or touch) a real student's answers file.
"""

import os
import tempfile

os.environ["COURSE_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="course-answers-")
os.environ["COURSE_STUDENT"] = "nbval"

collect_ignore_glob = ["tests/fixtures/*"]  # broken on purpose, for the browser tests
