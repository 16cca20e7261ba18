"""Answers to the assignments for the grading tests: the solutions from the sources, wrong ones, and filling them in."""

import re

import nbformat

REGION = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)

WRONG = {
    "a1_timeline": {
        "a1-q1-answer": "domestic_count = 3",
        "a1-q2-answer": 'busiest_paragraph = "p01"',
        "a1-q3-answer": "days_to_shootdown = 1",
    },
    "a2_two_readings": {"a2-q1-answer": "realist_claims = 1", "a2-q2-answer": "brier_at_70 = 0.5"},
}


def solutions(source):
    """grade_id -> the solution's code, from an assignment's source notebook."""
    nb = nbformat.read(source, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: REGION.search(c.source).group(2)
        for c in nb.cells
        if c.cell_type == "code" and "BEGIN SOLUTION" in c.source
    }


def answered(released, answers):
    """A student's copy of a released notebook with the given code in each answer cell (grade_id -> code)."""
    nb = nbformat.read(released, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb
