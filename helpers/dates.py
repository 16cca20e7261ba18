"""Dates written to their precision: parsed from the data, and written for people by one function."""

import datetime as dt
import re

from .errors import CourseDataError

_FORMATS = {"day": (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d"), "month": (r"\d{4}-\d{2}", "%Y-%m"), "year": (r"\d{4}", "%Y")}
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100  # the course's dates run from 1971 to 2022
_WRITTEN = {"day": "{d.day} {d:%b %Y}", "month": "{d:%b %Y}", "year": "{d:%Y}"}


def precision_of(text):
    """'day', 'month' or 'year', from how a date is written (YYYY-MM-DD, YYYY-MM, YYYY)."""
    return {10: "day", 7: "month", 4: "year"}.get(len(text), "day")


def parse_date(text, precision, where):
    """A date written to its precision, as the first day of its period; `where` is the text's `Location`."""
    pattern, fmt = _FORMATS[precision]
    if not re.fullmatch(pattern, text):
        raise CourseDataError(where, f"{text!r} is not a {precision}-precision date ({fmt.replace('%', '')})")
    try:
        date = dt.datetime.strptime(text, fmt).date()
    except ValueError:
        raise CourseDataError(where, f"{text!r} is not a real date") from None
    if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:  # a typed-over year would silently leave every figure
        raise CourseDataError(where, f"{text!r}: the year is outside {EARLIEST_YEAR}-{LATEST_YEAR}; check it for a typo")
    return date


def written(date, precision="day"):
    """A date as people read it, to its precision: '24 Nov 2015', 'Oct 2008' or '1971'."""
    return _WRITTEN[precision].format(d=date)


def event_written(event):
    """An event's date (a row with date, date_precision, end_date and end_precision), with the end of a span."""
    return span_written(event.date, event.date_precision, event.end_date, event.end_precision)


def span_written(start, precision, end=None, end_precision="day"):
    """An event's date, with the end of a span, each to its own precision: '11 Dec 1994 – Aug 1996'."""
    text = written(start, precision)
    if end is None or end != end:  # None or NaT
        return text
    return f"{text} – {written(end, end_precision)}"
