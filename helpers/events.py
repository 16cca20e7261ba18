"""The events data: load `data/events.csv` and its sources, validated against `data/datapackage.json`.

Rows are numbered as a spreadsheet shows them: the header is row 1, so the
first event is row 2.  Every problem raises `CourseDataError` naming the file,
the row and the field.
"""

import csv
import datetime as dt
import io
import json
import re
from functools import lru_cache
from importlib import resources
from urllib.parse import urlparse

import pandas as pd

from .errors import CourseDataError

_DATE_FORMATS = {"day": (r"\d{4}-\d{2}-\d{2}", "%Y-%m-%d"), "month": (r"\d{4}-\d{2}", "%Y-%m"), "year": (r"\d{4}", "%Y")}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LIST_SEPARATOR = ";"


def data_file(name):
    """A file in the installed course data folder (`data/` in the repository)."""
    return resources.files("helpers.data").joinpath(name)


@lru_cache(maxsize=1)
def read_datapackage():
    """The data package descriptor: the schemas of the events and sources tables."""
    path = data_file("datapackage.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CourseDataError(path, 0, "descriptor", f"unreadable: {error}") from None


def schema(resource):
    """The table schema of one resource ('events' or 'event_sources')."""
    for item in read_datapackage()["resources"]:
        if item["name"] == resource:
            return item["schema"]
    raise KeyError(resource)


def labels(field):
    """value -> label for a categorical field of the events table, e.g. 'category' or 'reading'."""
    for item in schema("events")["fields"]:
        if item["name"] == field:
            return {c["value"]: c["label"] for c in item["categories"]}
    raise KeyError(field)


def parse_date(text, precision, where):
    """A date written to its precision, as the first day of its period; `where` = (file, row, field)."""
    pattern, fmt = _DATE_FORMATS[precision]
    if not re.fullmatch(pattern, text):
        raise CourseDataError(*where, f"{text!r} is not a {precision}-precision date ({fmt.replace('%', '')})")
    try:
        return dt.datetime.strptime(text, fmt).date()
    except ValueError:
        raise CourseDataError(*where, f"{text!r} is not a real date") from None


def _precision_of(text):
    return {10: "day", 7: "month", 4: "year"}.get(len(text), "day")


def read_table(path, resource):
    """Rows of a CSV file as dicts, checked against the resource's schema (types, enums, lengths)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CourseDataError(path, 0, "file", f"cannot be read: {error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CourseDataError(path, line, "encoding", f"not UTF-8 (byte {error.start}); save the file as CSV UTF-8") from None
    fields = schema(resource)["fields"]
    names = [f["name"] for f in fields]
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = reader.fieldnames or []
        if header != names:
            missing = [n for n in names if n not in header]
            extra = [n for n in header if n not in names]
            field = (missing or extra or ["header"])[0]
            raise CourseDataError(path, 1, field, f"header must be {','.join(names)} (missing {missing}, unexpected {extra})")
        rows = []
        for number, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise CourseDataError(path, number, "row", f"expected {len(names)} cells")
            rows.append((number, {k: v.strip() for k, v in row.items()}))
    except csv.Error as error:
        raise CourseDataError(path, reader.line_num, "csv", str(error)) from None
    seen = {}
    for number, row in rows:
        for spec in fields:
            name, rules, value = spec["name"], spec.get("constraints", {}), row[spec["name"]]
            where = (path, number, name)
            if _CONTROL.search(value):
                raise CourseDataError(*where, "contains a control character")
            if not value:
                if rules.get("required"):
                    raise CourseDataError(*where, "is required")
                continue
            if "maxLength" in rules and len(value) > rules["maxLength"]:
                raise CourseDataError(*where, f"is {len(value)} characters long; the limit is {rules['maxLength']}")
            if "enum" in rules and value not in rules["enum"]:
                raise CourseDataError(*where, f"{value!r} is not one of {', '.join(rules['enum'])}")
            if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
                raise CourseDataError(*where, f"{value!r} does not match {rules['pattern']}")
            if spec.get("format") == "uri":
                url = urlparse(value)
                if url.scheme not in ("http", "https") or not url.netloc or " " in value:
                    raise CourseDataError(*where, f"{value!r} is not an http(s) address")
            if rules.get("unique"):
                if value in seen:
                    raise CourseDataError(*where, f"{value!r} repeats row {seen[value]}")
                seen[value] = number
    return rows


def _split(value):
    return tuple(v.strip() for v in value.split(LIST_SEPARATOR) if v.strip())


def load_events(events_path=None, sources_path=None, paragraph_ids=None, published=None):
    """The validated events as a DataFrame, one row per event, sorted by date.

    `paragraph_ids` and `published` default to the course essay's; tests pass others.
    """
    from .essay import load_essay

    events_path = events_path or data_file("events.csv")
    sources_path = sources_path or data_file("event_sources.csv")
    if paragraph_ids is None or published is None:
        essay = load_essay()
        paragraph_ids = essay.paragraph_ids if paragraph_ids is None else paragraph_ids
        published = dt.date.fromisoformat(essay.metadata["published"]) if published is None else published
    known_paragraphs = set(paragraph_ids)

    records = []
    for number, row in read_table(events_path, "events"):
        where = lambda field: (events_path, f"{number} (id {row['id']!r})", field)  # noqa: E731
        start = parse_date(row["date"], row["date_precision"], where("date"))
        end = None
        if row["end_date"]:
            end = parse_date(row["end_date"], _precision_of(row["end_date"]), where("end_date"))
            if end < start:
                raise CourseDataError(*where("end_date"), f"{row['end_date']} is before the start {row['date']}")
        paragraphs = _split(row["paragraphs"])
        unknown = [p for p in paragraphs if p not in known_paragraphs]
        if unknown:
            raise CourseDataError(*where("paragraphs"), f"no such essay paragraph: {', '.join(unknown)}")
        if not paragraphs and row["reading"] != "context":
            raise CourseDataError(*where("paragraphs"), "evidence for a reading must name the paragraphs it bears on")
        period = "epilogue" if start > published else "background"
        if row["period"] != period:
            raise CourseDataError(*where("period"), f"an event dated {row['date']} belongs to the {period} (the essay appeared {published})")
        records.append({**row, "row": number, "date": start, "end_date": end, "actors": _split(row["actors"]), "paragraphs": paragraphs, "sources": []})

    by_id = {r["id"]: r for r in records}
    for number, row in read_table(sources_path, "event_sources"):
        if row["event_id"] not in by_id:
            raise CourseDataError(sources_path, number, "event_id", f"no event has id {row['event_id']!r}")
        by_id[row["event_id"]]["sources"].append((row["title"], row["url"]))
    for record in records:
        if not record["sources"]:
            raise CourseDataError(events_path, f"{record['row']} (id {record['id']!r})", "sources", f"no row in {sources_path} supports this event")

    frame = pd.DataFrame.from_records(records)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    frame["category_label"] = frame["category"].map(labels("category"))
    return frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


@lru_cache(maxsize=1)
def _course_events():
    return load_events()


def course_events():
    """The course's own events, loaded once per kernel (a copy, so callers may change it)."""
    return _course_events().copy()


def events_for(events, paragraph_ids):
    """The events that bear on any of the given essay paragraphs."""
    wanted = set(paragraph_ids)
    return events[events["paragraphs"].map(lambda ids: bool(wanted.intersection(ids)))]


def essay_checks(events, paragraph_ids=None):
    """Events where the dataset corrects or qualifies the essay, optionally only for some paragraphs."""
    subset = events if paragraph_ids is None else events_for(events, paragraph_ids)
    return subset[subset["essay_check"] != ""]
