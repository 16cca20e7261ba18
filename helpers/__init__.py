"""Helpers for the course on Karagiannis, "What Putin is really after" (Al Jazeera, 2015).

One module per concern: `essay` (the text and its sentences), `events` (the
dated facts), `timeline` (figures), `readings`, `theories` (the theory toolbox
and bibliography), `coding` (the codebook, the key and agreement), `widgets`,
`answers`, `launch` (badges and links), `markup` (escaped HTML) and `errors`
(the one exception type).
"""

import sys

from .errors import CourseDataError, Location

# Showing a figure makes plotly import nbformat, whose jsonschema then builds the
# optional rfc3987-syntax IRI grammar (about 0.7 s) that nothing in a course kernel
# uses.  Marking that one optional module absent, before anything imports it, makes
# every notebook's first figure that much faster (see benchmarks/notebook_execution.py).
sys.modules.setdefault("rfc3987_syntax", None)


def _show_course_errors_plainly():
    """In a notebook, show a CourseDataError as its one-line message (file, position, field), not a traceback."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is None:
        return

    def plain(shell, etype, value, tb, tb_offset=None):
        shell.showtraceback((etype, value, tb), exception_only=True)

    shell.set_custom_exc((CourseDataError,), plain)


_show_course_errors_plainly()

__all__ = ["CourseDataError", "Location"]
