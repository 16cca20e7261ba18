"""Test-wide settings: notebooks run by nbval save answers to a fresh folder, under a fixed name."""

import os
import tempfile

os.environ["COURSE_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="course-answers-")
os.environ["COURSE_STUDENT"] = "nbval"

collect_ignore_glob = ["fixtures/*"]  # broken on purpose, for the browser tests
