"""Helpers for the course on Karagiannis, "What Putin is really after" (Al Jazeera, 2015).

One module per concern: `essay` (the text), `events` (the dated facts),
`timeline` (figures), `readings`, `widgets`, `answers`, `launch` (badges and
links), `markup` (escaped HTML) and `errors` (the one exception type).
"""

from .errors import CourseDataError

__all__ = ["CourseDataError"]
