"""Helpers for the course on Karagiannis, "What Putin is really after" (Al Jazeera, 2015).

One module per concern: `essay` (the text), `events` (the dated facts),
`timeline` (figures), `readings`, `widgets`, `answers`, `launch` (badges and
links), `markup` (escaped HTML) and `errors` (the one exception type).
"""

import sys

from .errors import CourseDataError

# Showing a figure makes plotly import nbformat, whose jsonschema then builds the
# optional rfc3987-syntax IRI grammar (about 0.7 s) that nothing in a course kernel
# uses.  Marking that one optional module absent, before anything imports it, makes
# every notebook's first figure that much faster (see benchmarks/notebook_execution.py).
sys.modules.setdefault("rfc3987_syntax", None)

__all__ = ["CourseDataError"]
