"""Tidy tables: read a CSV file of the course data and check it against `data/datapackage.json`.

Rows are numbered as a spreadsheet shows them: the header is row 1, so the
first record is row 2.  Every problem raises `CourseDataError` naming the file,
the row (the line, when the file cannot be parsed as UTF-8 CSV) and the field.
"""

import csv
import io
import itertools
import json
import os
import re
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from .errors import CourseDataError, Location

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIST_SEPARATOR = ";"


def data_file(name):
    """A file in the installed course data folder (`data/` in the repository)."""
    return resources.files("helpers.data").joinpath(name)


def read_json(path):
    """A JSON file of the course, or a CourseDataError naming it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CourseDataError(Location(path, line=error.lineno), f"not readable JSON: {error.msg}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CourseDataError(Location(path, whole_file=True), f"unreadable: {error}") from None


def sibling(path, name):
    """`name` beside a custom file (which must then be there too), else the course's own file: never a mix of the two."""
    return Path(path).with_name(name) if path is not None else data_file(name)


@lru_cache(maxsize=1)
def read_datapackage():
    """The data package descriptor: the schemas of every table."""
    return read_json(data_file("datapackage.json"))


def descriptor(resource):
    """The data package's entry for one resource, e.g. 'events' or 'readings'."""
    for item in read_datapackage()["resources"]:
        if item["name"] == resource:
            return item
    raise KeyError(resource)


def schema(resource):
    """The table schema of one resource, e.g. 'events' or 'readings'."""
    return descriptor(resource)["schema"]


def read_table(path, resource):
    """Rows of a CSV file as dicts, checked against the resource's schema (types, enums, lengths)."""
    path = Path(path) if isinstance(path, (str, os.PathLike)) else path  # or an installed resource
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CourseDataError(Location(path, whole_file=True), f"cannot be read: {error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CourseDataError(Location(path, line=line), f"not UTF-8 (byte {error.start}); save the file as CSV UTF-8") from None
    fields = schema(resource)["fields"]
    names = [f["name"] for f in fields]
    lines = io.StringIO(text, newline="").readlines()  # as csv splits them: a record's raw text tells a bare quote
    reader = csv.reader(lines, strict=True)
    starts = 1  # the line the record being read starts on: where a stray quote is to be looked for
    try:
        header = next(reader, [])
        if header != names:
            field, problem = _header_problem(header, names)
            raise CourseDataError(Location(path, row=1, field=field), problem)
        rows = []
        for number in itertools.count(2):
            starts = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                break
            if not cells:  # a blank line: skipped, but counted, as a spreadsheet counts it
                continue
            if len(cells) != len(names):
                raise CourseDataError(Location(path, row=number), f"expected {len(names)} cells, found {len(cells)}")
            bare = _bare_quote(cells, names, lines[starts - 1 : reader.line_num])
            if bare:
                raise CourseDataError(Location(path, row=number, field=bare), BARE_QUOTE)
            rows.append((number, {name: cell.strip() for name, cell in zip(names, cells, strict=True)}))
    except csv.Error as error:
        raise CourseDataError(
            Location(path, line=starts), f"not readable CSV: {error}; check the quotes in the row that starts on this line"
        ) from None
    if not rows and not descriptor(resource).get("emptyAllowed"):  # a header alone would draw an empty workbench
        raise CourseDataError(Location(path, whole_file=True), "the file has a header but no rows; it needs at least one")
    seen = {}
    for number, row in rows:
        for spec in fields:
            name, rules, value = spec["name"], spec.get("constraints", {}), row[spec["name"]]
            where = partial(Location, path, row=number, field=name)  # built only for an error
            if _CONTROL.search(value):
                raise CourseDataError(where(), "contains a control character")
            if not value:
                if rules.get("required"):
                    raise CourseDataError(where(), "is required")
                continue
            if "maxLength" in rules and len(value) > rules["maxLength"]:
                raise CourseDataError(where(), f"is {len(value)} characters long; the limit is {rules['maxLength']}")
            if "enum" in rules and value not in rules["enum"]:
                raise CourseDataError(where(), f"{value!r} is not one of {', '.join(rules['enum'])}")
            if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
                raise CourseDataError(where(), f"{value!r} does not match {rules['pattern']}")
            if spec.get("format") == "uri" and url_problem(value):
                raise CourseDataError(where(), f"{value!r} {url_problem(value)}")
            if rules.get("unique"):
                column = seen.setdefault(name, {})  # a value must be unique within its own column
                if value in column:
                    raise CourseDataError(where(), f"{value!r} repeats row {column[value]}")
                column[value] = number
    return rows


BARE_QUOTE = (
    'has a quote mark in a cell that is not wrapped in quotes: the row may be cut short; a quote inside a cell is written "like ""this"""'
)


def _bare_quote(cells, names, record_lines):
    """The first field whose cell holds a quote mark that was not inside a quoted cell (csv reads it as text)."""
    record = "".join(record_lines)
    for name, cell in zip(names, cells, strict=True):
        if '"' in cell and '"' + cell.replace('"', '""') + '"' not in record:
            return name
    return None


def _header_problem(header, names):
    """(field, why) for a wrong header: the field is the first missing, or else unexpected, column (None if only the
    order is wrong, or the whole header is one cell because the file separates its cells with semicolons or tabs)."""
    expected = ",".join(names)
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if len(header) == 1 and header[0].split(separator) == names:
            return None, f"the cells are separated by {name}, not commas: save the file as CSV with commas (header {expected})"
    missing = [n for n in names if n not in header]
    extra = [n for n in header if n not in names]
    return (missing or extra or [None])[0], f"header must be {expected} (missing {missing}, unexpected {extra})"


def url_problem(url):
    """Why an address is not a complete, well-formed http(s) URL, or None."""
    parsed = urlparse(url)
    host = parsed.hostname or ""
    if parsed.scheme not in ("http", "https") or not host:
        return "is not an http(s) address"
    if re.search(r"\s|…|\.\.\.", url):
        return "is incomplete or truncated (contains a space or an ellipsis)"
    if "." not in host or not re.fullmatch(r"[a-z0-9.-]+", host) or host.endswith("."):
        return f"has a malformed host {host!r}"
    return None


def split_list(value):
    return tuple(v.strip() for v in value.split(LIST_SEPARATOR) if v.strip())
