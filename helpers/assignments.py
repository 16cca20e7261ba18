"""Assignment helpers: instant feedback on answers, and the workbench answers to hand in.

Assignments are authored once, in nbgrader's format, in `assignments/source/`;
`make release` generates the student versions in `notebooks/assignments/`.
"""

import os
from pathlib import Path

from .answers import AnswerStore, document_text, read_document, validate, write_atomically
from .errors import CourseDataError, Location
from .render import handed_in, none_handed_in

SNAPSHOT = "workbench_answers.json"  # beside the assignment notebook, so nbgrader collects it with the submission

KINDS = {int: "a whole number (int)", float: "a number", str: "a text (str)"}


def check_answer(name, value, kind, low=None, high=None):
    """Public feedback on one answer: says when it is missing, raises a clear error when it has the wrong type or range."""
    if value is None:
        print(f"{name}: not answered yet.")
        return
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, kind):
        raise TypeError(f"{name} should be {KINDS[kind]}, but it is {type(value).__name__} {value!r}.")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} should be between {low} and {high}, but it is {value!r}.")
    print(f"{name}: answered; it has the right form. Your instructor's tests decide whether it is right.")


def workbench_answers(store=None, folder="."):
    """Hand in the student's workbench answers: a snapshot beside the notebook, shown in it.

    Run by the student, it copies the answers file into `folder`/workbench_answers.json,
    which is collected with the notebook.  Run by nbgrader's autograder, it shows that
    snapshot and never reads the grader's own answers.
    """
    snapshot = Path(folder) / SNAPSHOT
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        if not snapshot.exists():
            return none_handed_in(SNAPSHOT)
        document = read_document(snapshot)
        validate(document, snapshot)
    else:
        store = store or AnswerStore()
        document = store.document()
        try:
            write_atomically(snapshot, document_text(document))
        except OSError as error:
            raise CourseDataError(
                Location(snapshot, whole_file=True), f"could not save the snapshot to hand in ({error.strerror})"
            ) from None
    return _answers_html(document)


def _answers_html(document):
    student, answers = document.get("student", "?"), document["answers"]
    summary = ", ".join(f"{len(values)} {section}" for section, values in sorted(answers.items()))  # as the grader reads it back
    shown = {k: v for k, v in document.items() if k != "saved"}  # the save time differs every run; the file keeps it
    return handed_in(f"Workbench answers of {student}", summary, SNAPSHOT, document_text(shown).rstrip("\n"))


def coding_progress(folder="."):
    """(sentences coded, sentences in the essay) in the handed-in snapshot beside the notebook; none coded if there is none."""
    from .course import course_coding

    total = len(course_coding()[1])
    snapshot = Path(folder) / SNAPSHOT
    if not snapshot.exists():
        return 0, total
    return len(validate(read_document(snapshot), snapshot)["coding"]), total
