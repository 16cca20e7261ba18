"""The events data: load `data/events.csv` and its sources, validated on load.

Errors name the file, the row (as a spreadsheet numbers it) and the field.
"""

import datetime as dt
from functools import lru_cache

import pandas as pd

from .errors import CourseDataError
from .essay import load_essay
from .tables import data_file, labels, parse_date, precision_of, read_table, split_list


def load_events(events_path=None, sources_path=None, paragraph_ids=None, published=None):
    """The validated events as a DataFrame, one row per event, sorted by date.

    `paragraph_ids` and `published` default to the course essay's; tests pass others.
    """
    events_path = events_path or data_file("events.csv")
    sources_path = sources_path or data_file("event_sources.csv")
    if paragraph_ids is None or published is None:
        essay = load_essay()
        paragraph_ids = essay.paragraph_ids if paragraph_ids is None else paragraph_ids
        published = dt.date.fromisoformat(essay.metadata["published"]) if published is None else published
    known_paragraphs = set(paragraph_ids)

    records = []
    for number, row in read_table(events_path, "events"):
        located = f"{number} (id {row['id']!r})"

        def where(field, located=located):
            return events_path, located, field

        start = parse_date(row["date"], row["date_precision"], where("date"))
        end = None
        if row["end_date"]:
            end = parse_date(row["end_date"], precision_of(row["end_date"]), where("end_date"))
            if end < start:
                raise CourseDataError(*where("end_date"), f"{row['end_date']} is before the start {row['date']}")
        paragraphs = split_list(row["paragraphs"])
        unknown = [p for p in paragraphs if p not in known_paragraphs]
        if unknown:
            raise CourseDataError(*where("paragraphs"), f"no such essay paragraph: {', '.join(unknown)}")
        if not paragraphs and row["reading"] != "context":
            raise CourseDataError(*where("paragraphs"), "evidence for a reading must name the paragraphs it bears on")
        period = "epilogue" if start > published else "background"
        if row["period"] != period:
            raise CourseDataError(*where("period"), f"an event dated {row['date']} belongs to the {period} (the essay appeared {published})")
        records.append({**row, "located": located, "date": start, "end_date": end, "actors": split_list(row["actors"]), "paragraphs": paragraphs, "sources": []})

    by_id = {r["id"]: r for r in records}
    for number, row in read_table(sources_path, "event_sources"):
        if row["event_id"] not in by_id:
            raise CourseDataError(sources_path, number, "event_id", f"no event has id {row['event_id']!r}")
        by_id[row["event_id"]]["sources"].append((row["title"], row["url"]))
    for record in records:
        if not record["sources"]:
            raise CourseDataError(events_path, record["located"], "sources", f"no row in {sources_path} supports this event")

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
