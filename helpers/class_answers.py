"""A class's answers files, as an instructor collects them, read safely: the instructor's side only.

`load_class` reads a plain folder of ``*.json``, nbgrader's ``submitted/STUDENT/ASSIGNMENT/``
tree or a zip downloaded from an LMS.  Every file is checked with the students' own schema
(`helpers.answers`); a file that cannot be used is listed with its reason and skipped, never a
crash.  A student found twice keeps the latest save, and the class says so.  No student
notebook imports this module.
"""

import datetime as dt
import hashlib
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .answers import MAX_BYTES, dropped_entries, parse_document, read_document, sorted_answers
from .errors import CourseDataError, Location

MAX_FILES = 20_000  # a course's class is at most a few thousand; more means the wrong folder
# The account every student has on Binder, in a hub's container or a default image: it names nobody.
SHARED_ACCOUNTS = frozenset({"jovyan", "root", "student", "user", "ubuntu", "runner"})


@dataclass(frozen=True)
class Submission:
    student: str  # who handed it in: nbgrader's student id, else the name in the file
    answers: dict  # section -> {key: value}, every value valid
    saved: dt.datetime  # when the student last saved (UTC): the file's `saved`, else its modification time
    origin: str  # where it was found: its path in the folder or the zip
    dropped: tuple = ()  # entries of the file left out, each "section.key: problem"


@dataclass
class ClassAnswers:
    source: str
    students: dict = field(default_factory=dict)  # student -> Submission, sorted by name
    skipped: list = field(default_factory=list)  # (origin, reason, owner): files that could not be used, and whose their path says
    replaced: list = field(default_factory=list)  # (student, origin kept, origin of the older file set aside)

    def report(self):
        """What was read, skipped and resolved, as lines of plain text, with the files' paths (and so students' names)."""
        count = len(self.students)
        lines = [f"{count} student{'' if count == 1 else 's'} read from {Path(self.source).name}."]
        lines += [f"Skipped {origin}: {reason}" for origin, reason, _ in self.skipped]
        lines += [f"{student} handed in twice: kept the latest save ({kept}), not {older}" for student, kept, older in self.replaced]
        partial = [s for s in self.students.values() if s.dropped]
        lines += [f"{s.origin}: left out {'; '.join(s.dropped)}" for s in partial]
        return lines


def _saved(document, fallback):
    """The file's own save time, if it states one (UTC), else the fallback."""
    text = document.get("saved")
    if isinstance(text, str):
        try:
            when = dt.datetime.fromisoformat(text)
            return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
        except ValueError:
            pass
    return fallback


def _student(document, collected_as):
    """nbgrader's student id when there is one; else the name in the file, unless it is a shared account's."""
    kind, name = collected_as
    named = document.get("student")
    if kind != "nbgrader" and isinstance(named, str) and named.strip() and named.strip().lower() not in SHARED_ACCOUNTS:
        return named.strip()
    return name


def _where_collected(relative):
    """("nbgrader", student) for submitted/STUDENT/ASSIGNMENT/..., else ("file", a name from the path)."""
    parts = relative.parts
    if "submitted" in parts[:-1]:
        at = parts.index("submitted")
        if len(parts) > at + 2:
            return ("nbgrader", parts[at + 1])
    return ("file", parts[0] if len(parts) > 1 else Path(parts[-1]).stem)


def _folder_files(root, base, max_files):
    """(origin, path relative to base, reader, modified) for every *.json under root (any case, as in a zip), hidden
    ones left out."""
    found = []
    for path in sorted(p for p in root.rglob("*") if p.suffix.lower() == ".json"):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue  # a save in progress, a lock, a checkpoint folder
        found.append(path)
        if len(found) > max_files:
            raise CourseDataError(
                Location(root, whole_file=True), f"holds more than {max_files} answers files; point the class view at one course's folder"
            )
    for path in found:
        try:
            modified = dt.datetime.fromtimestamp(os.lstat(path).st_mtime, dt.timezone.utc)
        except OSError:
            modified = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
        relative = path.relative_to(base)
        yield relative.as_posix(), relative, (lambda path=path: read_document(path)), modified


def _zip_files(archive, max_files):
    """The same for the *.json entries of a zip, each read only if its stated size is within bounds."""
    try:
        bundle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise CourseDataError(Location(archive, whole_file=True), f"not a readable zip ({error})") from None
    with bundle:
        entries = [e for e in bundle.infolist() if e.filename.lower().endswith(".json") and not e.is_dir()]
        entries = [e for e in entries if not any(p.startswith(".") or p == "__MACOSX" for p in Path(e.filename).parts)]
        if len(entries) > max_files:
            raise CourseDataError(
                Location(archive, whole_file=True), f"holds more than {max_files} answers files; point the class view at one course's zip"
            )
        for entry in entries:
            origin = entry.filename

            def read(entry=entry, origin=origin):
                if entry.flag_bits & 0x1:
                    raise CourseDataError(Location(origin, whole_file=True), "is encrypted")
                if entry.file_size > MAX_BYTES:
                    raise CourseDataError(
                        Location(origin, whole_file=True), f"is {entry.file_size} bytes; an answers file is under {MAX_BYTES}"
                    )
                try:
                    with bundle.open(entry) as handle:
                        raw = handle.read(MAX_BYTES + 1)
                except (zipfile.BadZipFile, zlib.error, EOFError) as error:  # a damaged or cut-off member
                    raise CourseDataError(Location(origin, whole_file=True), f"is damaged in the zip ({error})") from None
                if len(raw) > MAX_BYTES:
                    raise CourseDataError(Location(origin, whole_file=True), f"unpacks to more than {MAX_BYTES} bytes")
                return parse_document(raw, origin)

            modified = dt.datetime(*entry.date_time, tzinfo=dt.timezone.utc)
            yield origin, Path(entry.filename), read, modified


def _course_ids():
    """section -> the keys this course's answers may have (the choice of a claim is checked against the claims too)."""
    from .course import course

    packaged = course()
    claims = {claim.id for claim in packaged.claims}
    return {
        "evidence": set(packaged.evidence_key),
        "predictions": {prediction.id for prediction in packaged.predictions},
        "verdicts": claims,
        "notes": claims | set(packaged.coding_key),  # a note on a claim (05) or on a sentence (05b)
    }  # coding is checked against the essay's sentences by `sorted_answers` already


def _of_this_course(answers, origin, known):
    """(answers, rejected): entries naming an event, prediction, claim or sentence this course does not have are left out.

    A file from another course or an older version of this one would otherwise count as work done.
    """
    kept, rejected = {}, []
    for section, values in answers.items():
        kept[section] = {}
        for key, value in values.items():
            if section in known:
                unknown = key not in known[section]
            else:  # the choice of a claim names one; the other choices and the codes are checked already
                unknown = section == "choices" and key == "claim" and value not in known["verdicts"]
            if unknown:
                what = repr(value) if section == "choices" else "this key"
                rejected.append(
                    CourseDataError(
                        Location(origin, key=f"answers.{section}.{key}"), f"{what} is not in this course (a file from another version?)"
                    )
                )
            else:
                kept[section][key] = value
    return kept, rejected


def load_class(source, max_files=MAX_FILES):
    """Every student's latest valid answers under `source`: a folder, nbgrader's tree, or a zip (see the module)."""
    source = Path(source)
    try:
        info = os.stat(source)
    except OSError as error:
        raise CourseDataError(Location(source, whole_file=True), f"cannot be opened ({error.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        root = source / "submitted" if (source / "submitted").is_dir() else source
        files = _folder_files(root, source.parent if source.name == "submitted" else source, max_files)
    elif zipfile.is_zipfile(source):
        files = _zip_files(source, max_files)
    else:
        raise CourseDataError(Location(source, whole_file=True), "expected a folder of answers files, nbgrader's submitted folder or a zip")
    found, known = ClassAnswers(str(source)), _course_ids()
    for origin, relative, read, modified in files:
        try:
            document = read()
            answers, rejected = sorted_answers(document, origin)
            answers, unknown = _of_this_course(answers, origin, known)
            rejected += unknown
        except (OSError, CourseDataError) as error:
            found.skipped.append((origin, getattr(error, "problem", None) or str(error), _where_collected(relative)[1]))
            continue
        student = _student(document, _where_collected(relative))
        submission = Submission(student, answers, _saved(document, modified), origin, dropped_entries(rejected))
        earlier = found.students.get(student)
        if earlier is None:
            found.students[student] = submission
            continue
        kept, older = (submission, earlier) if submission.saved >= earlier.saved else (earlier, submission)
        found.students[student] = kept
        found.replaced.append((student, kept.origin, older.origin))
    found.students = dict(sorted(found.students.items()))
    return found


def pseudonyms(students, secret=""):
    """{student: "Student 07"}: numbered in the order of a keyed hash of the names, so the numbers
    do not follow the alphabet or the files' order, and the same class always gets the same ones.

    Anyone with the class list and this code can recompute them unless `secret` is set: they hide
    names from a lecture hall, not from a classmate determined to undo them.
    """
    order = sorted(students, key=lambda name: hashlib.sha256(f"{secret}\0{name}".encode("utf-8", "surrogatepass")).hexdigest())
    width = max(2, len(str(len(order))))
    return {name: f"Student {number:0{width}d}" for number, name in enumerate(order, start=1)}
