"""Helpers for the course on Karagiannis, "What Putin is really after" (Al Jazeera, 2015).

One module per concern: `course` (every part of the course, loaded and cross-checked
once), `essay` (the text and its sentences), `events` (the dated facts), `timeline`
(figures), `readings`, `theories` (the theory toolbox and bibliography), `coding`
(the codebook, the key and agreement), `widgets`, `answers`, `assignments`,
`vocabulary` (the shared words, labels and colours), `render` (every piece of HTML)
and `errors` (the one exception type and where a problem is).

Importing the package does nothing else: a notebook's setup cell calls `open_course()`.
"""

import sys

from .errors import CourseDataError, Location


def open_course():
    """Set up a notebook's kernel for the course and return the course (see `helpers.course`), loaded once.

    Two things change in the kernel, both for students' benefit:
    - bad course data shows as its one-line message (file, position, field), not a traceback;
    - plotly's first figure skips an optional grammar it does not need: showing a figure makes
      plotly import nbformat, whose jsonschema would build the optional rfc3987-syntax IRI
      grammar (about 0.7 s) that nothing in a course kernel uses (benchmarks/notebook_execution.py).
    """
    sys.modules.setdefault("rfc3987_syntax", None)
    _show_course_errors_plainly()
    from .course import course

    return course()


def _show_course_errors_plainly():
    """In IPython, show a CourseDataError as its one-line message, not a traceback."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is None:
        return

    def plain(shell, etype, value, tb, tb_offset=None):
        shell.showtraceback((etype, value, tb), exception_only=True)

    shell.set_custom_exc((CourseDataError,), plain)


__all__ = ["CourseDataError", "Location", "open_course"]
