"""A student's answers: one plain JSON file, saved atomically after every change.

The file lives in ``$COURSE_ANSWERS_DIR`` (default: ``answers/`` beside the
notebook) as ``<student>.json``.  A file that cannot be read, or that is not a
course answers file, is moved aside (never overwritten) and the student starts
afresh with a message that says where the old file went.
"""

import getpass
import json
import math
import os
import re
import tempfile
from pathlib import Path

from .errors import CourseDataError

FORMAT = "what-putin-is-really-after/answers"
VERSION = 1
SECTIONS = ("evidence", "predictions", "notes", "choices")
MAX_NOTE = 5000


def answers_dir():
    return Path(os.environ.get("COURSE_ANSWERS_DIR", "answers"))


def safe_student_name(name):
    """A name usable as a file name inside the answers folder (no paths, no dots at the ends)."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", str(name)).strip(".-") or "student"


def default_student():
    return safe_student_name(os.environ.get("COURSE_STUDENT") or getpass.getuser() or "student")


def _check_value(path, section, key, value):
    where = (path, f"{section}.{key}", section)
    if section == "evidence":
        if isinstance(value, bool) or not isinstance(value, int) or value not in (-2, -1, 0, 1, 2):
            raise CourseDataError(*where, f"expected a whole number from -2 to 2, got {value!r}")
    elif section == "predictions":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= 1:
            raise CourseDataError(*where, f"expected a probability from 0 to 1, got {value!r}")
    elif section == "notes":
        if not isinstance(value, str) or len(value) > MAX_NOTE:
            raise CourseDataError(*where, f"expected text of at most {MAX_NOTE} characters")
    elif section == "choices":
        if not isinstance(value, str) or len(value) > 100:
            raise CourseDataError(*where, f"expected a short text, got {value!r}")
    else:
        raise CourseDataError(path, section, "section", f"unknown section; expected one of {', '.join(SECTIONS)}")
    if not isinstance(key, str) or not key or len(key) > 100:
        raise CourseDataError(*where, "expected a short text key")


def validate(document, path="<answers>"):
    """Check an answers document; return its answers, or raise `CourseDataError`."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CourseDataError(path, "top", "format", f"not a course answers file (expected format {FORMAT!r})")
    if document.get("version") != VERSION:
        raise CourseDataError(path, "top", "version", f"expected version {VERSION}, got {document.get('version')!r}")
    answers = document.get("answers")
    if not isinstance(answers, dict):
        raise CourseDataError(path, "top", "answers", "expected an object of sections")
    for section, values in answers.items():
        if section not in SECTIONS:
            raise CourseDataError(path, section, "section", f"unknown section; expected one of {', '.join(SECTIONS)}")
        if not isinstance(values, dict):
            raise CourseDataError(path, section, section, "expected an object")
        for key, value in values.items():
            _check_value(path, section, key, value)
    return {s: dict(answers.get(s, {})) for s in SECTIONS}


def write_atomically(path, text):
    """Write text so that the file is either the old or the new version, never half of each."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _set_aside(path):
    for n in range(1, 1000):
        aside = path.with_name(f"{path.stem}.unreadable-{n}{path.suffix}")
        if not aside.exists():
            os.replace(path, aside)
            return aside
    raise CourseDataError(path, "top", "file", "too many unreadable copies kept aside; tidy the folder")


class AnswerStore:
    """A student's answers, loaded on creation and saved on every `set`."""

    def __init__(self, student=None, directory=None):
        self.student = safe_student_name(student) if student else default_student()
        self.path = Path(directory or answers_dir()) / f"{self.student}.json"
        self.message = ""
        self.answers = {s: {} for s in SECTIONS}
        if self.path.exists():
            try:
                document = json.loads(self.path.read_text(encoding="utf-8"))
                self.answers = validate(document, self.path)
                self.message = f"Your saved answers were loaded from {self.path}."
            except (UnicodeDecodeError, json.JSONDecodeError, CourseDataError) as error:
                aside = _set_aside(self.path)
                self.message = (
                    f"Your answers file {self.path} could not be read ({error}). "
                    f"It was kept as {aside}; ask your instructor if you need it. Starting afresh."
                )

    def get(self, section, key, default=None):
        return self.answers[section].get(key, default)

    def set(self, section, key, value):
        """Record one answer and save the whole file atomically."""
        _check_value(self.path, section, key, value)
        self.answers[section][key] = value
        self.save()

    def update(self, section, values):
        """Record several answers of one section and save once."""
        for key, value in values.items():
            _check_value(self.path, section, key, value)
        self.answers[section].update(values)
        self.save()

    def document(self):
        return {"format": FORMAT, "version": VERSION, "student": self.student, "answers": self.answers}

    def save(self):
        write_atomically(self.path, json.dumps(self.document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n")
