"""Assignment helpers: instant feedback on answers, and the workbench answers to hand in.

Assignments are authored once, in nbgrader's format, in `assignments/source/`;
`make release` generates the student versions in `notebooks/assignments/`.
"""

import json

from .answers import AnswerStore
from .markup import Html, escape

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


def workbench_answers(store=None):
    """The student's saved workbench answers, shown in the notebook so they are handed in with it."""
    store = store or AnswerStore()
    counts = {section: len(values) for section, values in store.answers.items()}
    summary = ", ".join(f"{n} {section}" for section, n in counts.items())
    document = json.dumps(store.document(), indent=1, ensure_ascii=False, sort_keys=True)
    html = (
        f"<p><b>Workbench answers of {escape(store.student)}</b> ({escape(summary)})</p>"
        f"<details><summary>The saved answers file</summary><pre>{escape(document)}</pre></details>"
    )
    return Html(html, f"Workbench answers of {store.student} ({summary})\n{document}")
