"""A student's answers: one plain JSON file, saved after every change without ever losing work.

The file lives in ``$COURSE_ANSWERS_DIR``, or else in ``~/what-putin-is-really-after-answers/``:
one folder in the student's home, whatever folder a notebook runs in, so the workbench
(notebook 05) and every assignment, fetched or cloned anywhere, see the same answers.
Every save takes a lock, re-reads the file, merges the one change and replaces the file
atomically, so two kernels (or two browser tabs) never erase each other's answers.  A
save that fails changes nothing in memory and says so in `status`.  A file that cannot be
read (not JSON, not a course file, a folder, a pipe, a link, too large) is moved aside,
never overwritten; a bad entry in a good file is dropped with a note, the original kept.
"""

import contextlib
import datetime as dt
import fcntl
import getpass
import hashlib
import json
import math
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import CourseDataError, Location
from .vocabulary import CHOICES, CLAIM_ID, LENSES, SENTENCE_ID, WEIGHTS

FORMAT = "what-putin-is-really-after/answers"
VERSION = 1
SECTIONS = ("evidence", "predictions", "notes", "choices", "coding", "verdicts")
FIELDS = ("format", "version", "student", "saved", "answers")  # an answers file's top level
MAX_NOTE = 5000
MAX_BYTES = 1_000_000  # an answers file is a few KB; anything larger is not one
READABLE_NAME = 40  # characters of a student's name kept readable in the file name


HOME_FOLDER = "what-putin-is-really-after-answers"


def answers_dir():
    """Where answers are saved: `$COURSE_ANSWERS_DIR` if set, else a folder in the home directory."""
    return Path(os.environ.get("COURSE_ANSWERS_DIR") or Path.home() / HOME_FOLDER)


def file_stem(name):
    """A file name for a student: unique and bounded, a readable part plus a short hash of the full name.

    A plain ASCII name of at most 40 characters is kept as it is ('ada' -> 'ada.json'), so files stay
    easy to find; any other name keeps its readable letters and gains 8 hex digits of its hash, so
    names written only in other scripts, or sharing their first 40 characters, never share a file.
    """
    name = str(name)
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip(".-")[:READABLE_NAME].strip(".-")
    if readable == name:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{readable or 'student'}-{digest}"


def default_student():
    return os.environ.get("COURSE_STUDENT") or getpass.getuser() or "student"


def _check_value(path, section, key, value):
    where = Location(path, key=f"answers.{section}.{key}")
    if not isinstance(key, str) or not key or len(key) > 100:
        raise CourseDataError(where, "expected a short text key")
    if section == "evidence":
        if isinstance(value, bool) or not isinstance(value, int) or value not in WEIGHTS:
            raise CourseDataError(where, f"expected a whole number from -2 to 2, got {value!r}")
    elif section == "predictions":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= 1:
            raise CourseDataError(where, f"expected a probability from 0 to 1, got {value!r}")
    elif section == "notes":
        if not isinstance(value, str) or len(value) > MAX_NOTE:
            raise CourseDataError(where, f"expected text of at most {MAX_NOTE} characters")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise CourseDataError(where, f"the note holds a character that cannot be saved ({error.reason}); delete it") from None
    elif section == "choices":
        if not isinstance(value, str) or len(value) > 100:
            raise CourseDataError(where, f"expected a short text, got {value!r}")
        if key in CHOICES and value not in CHOICES[key]:
            raise CourseDataError(where, f"expected one of {', '.join(CHOICES[key])}, got {value!r}")
        if key == "claim" and not re.fullmatch(CLAIM_ID, value):
            raise CourseDataError(where, f"expected a claim id, got {value!r}")
    elif section == "verdicts":  # claim id -> the reading the student found more convincing for that claim
        if not re.fullmatch(CLAIM_ID, key):
            raise CourseDataError(where, f"expected a claim id, got {key!r}")
        if value not in LENSES:
            raise CourseDataError(where, f"expected one of {', '.join(LENSES)}, got {value!r}")
    elif section == "coding":
        from .course import course_coding  # the codebook is the one list of codes

        codes, coding_key = course_coding()  # the key codes every sentence of the essay
        if not re.fullmatch(SENTENCE_ID, key):
            raise CourseDataError(where, f"expected a sentence id such as p04.s2, got {key!r}")
        if key not in coding_key:
            raise CourseDataError(where, f"the essay has no sentence {key!r}")
        if value not in codes:
            raise CourseDataError(where, f"expected one of {', '.join(codes)}, got {value!r}")
    else:
        raise CourseDataError(Location(path, key=f"answers.{section}"), f"unknown section; expected one of {', '.join(SECTIONS)}")


def sorted_answers(document, path):
    """(answers, rejected): the valid entries of a course answers document, and an error for each other one.

    A document that is not a course answers file of this version raises `CourseDataError`.
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CourseDataError(Location(path, key="format"), f"not a course answers file (expected format {FORMAT!r})")
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):  # JSON's true equals 1 in Python
        newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
        raise CourseDataError(
            Location(path, key="version"), f"expected version {VERSION}, got {version!r}" + (" (from a newer course)" if newer else "")
        )
    answers = document.get("answers")
    if not isinstance(answers, dict):
        raise CourseDataError(Location(path, key="answers"), "expected an object of sections")
    kept, rejected = {s: {} for s in SECTIONS}, []
    for name in document:
        if name not in FIELDS:
            rejected.append(CourseDataError(Location(path, key=name), f"not a field of an answers file ({', '.join(FIELDS)})"))
    for section, values in answers.items():
        if section not in SECTIONS:
            rejected.append(
                CourseDataError(Location(path, key=f"answers.{section}"), f"unknown section; expected one of {', '.join(SECTIONS)}")
            )
        elif not isinstance(values, dict):
            rejected.append(CourseDataError(Location(path, key=f"answers.{section}"), "expected an object"))
        else:
            for key, value in values.items():
                try:
                    _check_value(path, section, key, value)
                    kept[section][key] = value
                except CourseDataError as error:
                    rejected.append(error)
    return kept, rejected


def dropped_entries(rejected):
    """The entries `sorted_answers` rejected, each as "section.key: problem" (the key's path inside `answers`)."""
    return tuple(f"{e.location.key.removeprefix('answers.')}: {e.problem}" for e in rejected)


def validate(document, path="the answers"):
    """Check an answers document strictly; return its answers, or raise `CourseDataError` for the first problem."""
    answers, rejected = sorted_answers(document, path)
    if rejected:
        raise rejected[0]
    return answers


def read_document(path):
    """The JSON document in an answers file, read safely; `CourseDataError` says why it cannot be read.

    Only a regular file of at most MAX_BYTES is read (never a folder, pipe, device or link, which
    could block or never end); a spreadsheet's byte-order mark is accepted.
    """
    path = Path(path)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise CourseDataError(Location(path, whole_file=True), "is a link, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise CourseDataError(Location(path, whole_file=True), "is not a regular file (a folder, a pipe or a device)")
    if info.st_size > MAX_BYTES:
        raise CourseDataError(Location(path, whole_file=True), f"is {info.st_size} bytes; an answers file is under {MAX_BYTES}")
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        return parse_document(handle.read(MAX_BYTES + 1), path)


def parse_document(raw, where):
    """The JSON document in an answers file's bytes (a byte-order mark accepted); `CourseDataError` names `where`."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise CourseDataError(Location(where, whole_file=True), f"not UTF-8 ({error.reason})") from None
    except (json.JSONDecodeError, RecursionError, ValueError) as error:
        raise CourseDataError(Location(where, whole_file=True), f"not readable JSON ({str(error)[:120]})") from None


def document_text(document):
    """An answers document as its file holds it: keys sorted, one per line, non-ASCII letters as they are."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


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


def _set_aside(path, copy=False):
    """Move (or copy) a file aside as NAME.unreadable-N.SUFFIX (e.g. alice.unreadable-1.json), never overwriting; return the new path."""
    for n in range(1, 1000):
        aside = path.with_name(f"{path.stem}.unreadable-{n}{path.suffix}")
        if not os.path.lexists(aside):
            (shutil.copyfile if copy else os.replace)(path, aside)
            return aside
    raise CourseDataError(Location(path, whole_file=True), "too many unreadable copies kept aside; tidy the folder")


def _why(error):
    """A failed save in words a student can act on."""
    reasons = {
        28: "the disk is full",
        30: "the folder is read-only",
        13: "you may not write to the folder",
        122: "your disk quota is used up",
    }
    return reasons.get(getattr(error, "errno", None), str(error))


class AnswerStore:
    """A student's answers, loaded on creation and saved on every `set`, merged with what is on disk."""

    def __init__(self, student=None, directory=None):
        self.student = str(student) if student else default_student()
        self.path = Path(directory or answers_dir()) / f"{file_stem(self.student)}.json"
        self.answers = {s: {} for s in SECTIONS}
        self.message = ""  # what happened when the file was loaded
        self.status = ""  # what happened at the last save: empty when it went as expected
        try:
            with self._locked():
                self.answers, self.message = self._load(report=True)
        except OSError as error:  # a folder we cannot write to: read what is there, and say so at once
            with contextlib.suppress(OSError, CourseDataError):
                self.answers = sorted_answers(read_document(self.path), self.path)[0]
            self.status = self._not_saved(error, "Nothing you do here can be saved")

    @contextlib.contextmanager
    def _locked(self):
        """Hold the answers file's lock: one writer at a time, across kernels and processes."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(f".{self.path.name}.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _load(self, report=False):
        """(answers, message) from the file on disk, setting aside what cannot be read (call with the lock held)."""
        if not os.path.lexists(self.path):
            return {s: {} for s in SECTIONS}, ""
        try:
            answers, rejected = sorted_answers(read_document(self.path), self.path)
        except (OSError, CourseDataError) as error:
            aside = _set_aside(self.path)
            return {s: {} for s in SECTIONS}, (
                f"Your answers file {self.path} could not be read ({error}). "
                f"It was kept as {aside}; ask your instructor if you need it." + (" Starting afresh." if report else "")
            )
        if rejected:
            aside = _set_aside(self.path, copy=True)
            self._write(answers)
            dropped = "; ".join(dropped_entries(rejected))
            return answers, f"Your saved answers were loaded from {self.path}, except {dropped}. The original file was kept as {aside}."
        return answers, (f"Your saved answers were loaded from {self.path}." if report else "")

    def get(self, section, key, default=None):
        return self.answers[section].get(key, default)

    def set(self, section, key, value):
        """Record one answer and save it; return False (and say why in `status`) if it could not be saved."""
        return self.update(section, {key: value})

    def update(self, section, values):
        """Record several answers of one section, merged into the file as it is on disk now, and save once.

        A bad value raises `CourseDataError` before anything changes.  If the save fails, nothing
        changes in memory either, `status` says what failed and what to do, and False is returned.
        If the file turns out to have been damaged since it was read (a hand edit, another program),
        it is kept aside as `_load` does, the answers this store holds are written back with the
        new ones, and `status` says so.
        """
        for key, value in values.items():
            _check_value(self.path, section, key, value)
        try:
            with self._locked():
                current, problem = self._load()
                if problem:  # the file broke since it was last read: what this kernel holds is not lost
                    current = {s: {**self.answers[s], **current[s]} for s in SECTIONS}
                current[section].update(values)
                self._write(current)
        except OSError as error:
            self.status = self._not_saved(error, "Your last change was not saved")
            return False
        self.answers = current
        self.status = f"{problem} Every answer you gave in this session was saved again." if problem else ""
        return True

    def _not_saved(self, error, what):
        return (
            f"Not saved: {_why(error)} ({self.path.parent}). {what}. "
            "Free some space or ask your instructor, then change the answer again; "
            "or set COURSE_ANSWERS_DIR to a folder you can write to and restart the kernel."
        )

    def document(self, answers=None):
        """The answers file's content; `saved` (UTC) lets a class view keep a student's latest file."""
        saved = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        return {"format": FORMAT, "version": VERSION, "student": self.student, "saved": saved, "answers": answers or self.answers}

    def _write(self, answers):
        """Replace the file atomically (call with the lock held); temporary files left by killed saves are removed."""
        for stray in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            stray.unlink(missing_ok=True)
        write_atomically(self.path, document_text(self.document(answers)))
