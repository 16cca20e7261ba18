"""The events data: load `data/events.csv` with its sources, coverage and date alternatives, validated on load.

Errors name the file, the row (as a spreadsheet numbers it) and the field.
"""

import dataclasses
import datetime as dt
from collections import defaultdict

import pandas as pd

from . import sources as sourcing
from .dates import parse_date, precision_of
from .errors import CourseDataError, Location
from .essay import load_essay
from .tables import data_file, read_table, sibling, split_list
from .vocabulary import CATEGORY_LABELS


def load_events(events_path=None, sources_path=None, paragraph_ids=None, published=None, coverage_path=None, alternatives_path=None):
    """The validated events as a DataFrame, one row per event, sorted by date.

    `paragraph_ids` and `published` default to the course essay's (the root every part refers to); tests pass others.
    The sources, coverage and date alternatives of a custom `events_path` are read from beside it.
    """
    sources_path = sources_path or sibling(events_path, "event_sources.csv")
    coverage_path = coverage_path or sibling(events_path, "coverage.csv")
    alternatives_path = alternatives_path or sibling(events_path, "date_alternatives.csv")
    events_path = events_path or data_file("events.csv")
    if paragraph_ids is None or published is None:
        essay = load_essay()
        paragraph_ids = essay.paragraph_ids if paragraph_ids is None else paragraph_ids
        published = dt.date.fromisoformat(essay.metadata["published"]) if published is None else published

    records = [_event(events_path, number, row, published) for number, row in read_table(events_path, "events")]
    by_id = {r["id"]: r for r in records}
    _attach_sources(sources_path, by_id)
    _attach_coverage(coverage_path, by_id, set(paragraph_ids), published)
    _attach_alternatives(alternatives_path, by_id)
    for record in records:
        located = record["located"]
        if not any(sourcing.independent(s.kind) for s in record["sources"]):
            found = ", ".join(sorted({s.kind for s in record["sources"]})) or "none"
            raise CourseDataError(
                dataclasses.replace(located, field="sources"),
                f"no independent (primary, wire, press or scholarly) source in {sources_path}; found: {found}",
            )
        if not record["paragraphs"] and record["reading"] != "context":
            raise CourseDataError(
                dataclasses.replace(located, field="reading"),
                f"evidence for a reading must bear on at least one paragraph in {coverage_path}",
            )
        record["sources"] = tuple(sourcing.ordered(record["sources"]))
    _check_two_independent(sources_path, records)

    frame = pd.DataFrame.from_records(records)
    for column in ("date", "end_date", "public_from", "check_public_from"):
        frame[column] = pd.to_datetime(frame[column])
    frame["category_label"] = frame["category"].map(CATEGORY_LABELS)
    return frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def _event(path, number, row, published):
    located = Location(path, row=number, id=row["id"])

    def where(field):
        return dataclasses.replace(located, field=field)

    start = parse_date(row["date"], row["date_precision"], where("date"))
    end, end_precision = None, None
    if row["end_date"]:
        end_precision = precision_of(row["end_date"])
        end = parse_date(row["end_date"], end_precision, where("end_date"))
        if end < start:
            raise CourseDataError(where("end_date"), f"{row['end_date']} is before the start {row['date']}")
    public_precision = precision_of(row["public_from"])
    public_from = parse_date(row["public_from"], public_precision, where("public_from"))
    if public_from < start:
        raise CourseDataError(where("public_from"), f"{row['public_from']} is before the event's date {row['date']}")
    check_public_from, check_public_precision = None, None
    if row["essay_check"] and not row["check_public_from"]:
        raise CourseDataError(where("check_public_from"), "an essay check needs the day its facts became public")
    if row["check_public_from"]:
        if not row["essay_check"]:
            raise CourseDataError(where("check_public_from"), "is set but there is no essay_check")
        check_public_precision = precision_of(row["check_public_from"])
        check_public_from = parse_date(row["check_public_from"], check_public_precision, where("check_public_from"))
    period = "epilogue" if start > published else "background"
    if row["period"] != period:
        raise CourseDataError(where("period"), f"an event dated {row['date']} belongs to the {period} (the essay appeared {published})")
    return {
        **row,
        "located": located,
        "date": start,
        "end_date": end,
        "end_precision": end_precision,
        "public_from": public_from,
        "public_precision": public_precision,
        "check_public_from": check_public_from,
        "check_public_precision": check_public_precision,
        "actors": split_list(row["actors"]),
        "sources": [],
        "paragraphs": (),
        "relations": {},
        "date_alternatives": (),
    }


def _attach_sources(path, by_id):
    seen = {}
    for number, row in read_table(path, "event_sources"):

        def fail(field, problem, number=number):
            raise CourseDataError(Location(path, row=number, field=field), problem)

        if row["event_id"] not in by_id:
            fail("event_id", f"no event has id {row['event_id']!r}")
        if problem := sourcing.denied_problem(row["url"]):
            fail("url", problem)
        if problem := sourcing.kind_problem(row["kind"], row["url"]):
            fail("kind", problem)
        pattern = sourcing.placeholder(row["title"])
        if pattern or row["title"].lower().removeprefix("www.") == sourcing.host_of(row["url"]).removeprefix("www."):
            fail("title", f"{row['title']!r} is a placeholder ({pattern or 'the host name'}); give the page's own title")
        for key, field in (((row["event_id"], row["url"]), "url"), ((row["event_id"], row["title"].casefold()), "title")):
            if key in seen:
                fail(field, f"repeats row {seen[key]} for event {row['event_id']!r}")
            seen[key] = number
        by_id[row["event_id"]]["sources"].append(sourcing.Source(row["kind"], row["publisher"], row["title"], row["url"], row["confirms"]))


def _check_two_independent(path, records):
    """At least the package's share of events have independent sources from two publishers."""
    share = sourcing.policy()["two_independent_share"]
    short = [r["id"] for r in records if len({s.publisher for s in r["sources"] if sourcing.independent(s.kind)}) < 2]
    if records and 1 - len(short) / len(records) < share:
        raise CourseDataError(
            Location(path, whole_file=True, field="kind"),
            f"only {len(records) - len(short)} of {len(records)} events have two independent sources from different publishers; "
            f"at least {share:.0%} must. Short: {', '.join(short)}",
        )


def _attach_coverage(path, by_id, known_paragraphs, published):
    """Which paragraphs each event bears on, and how (named, implied, or context)."""
    paragraphs, relations = defaultdict(list), defaultdict(dict)
    for number, row in read_table(path, "coverage"):
        if row["paragraph"] not in known_paragraphs:
            raise CourseDataError(Location(path, row=number, field="paragraph"), f"no such essay paragraph: {row['paragraph']}")
        if row["event_id"] not in by_id:
            raise CourseDataError(Location(path, row=number, field="event_id"), f"no event has id {row['event_id']!r}")
        if row["relation"] != "context" and by_id[row["event_id"]]["public_from"] > published:
            raise CourseDataError(
                Location(path, row=number, field="relation"),
                f"{row['event_id']!r} became public after the essay appeared ({published}), so it can only be context, not {row['relation']!r}",
            )
        if row["paragraph"] in relations[row["event_id"]]:
            raise CourseDataError(
                Location(path, row=number, field="event_id"), f"{row['event_id']!r} is already listed for {row['paragraph']}"
            )
        paragraphs[row["event_id"]].append(row["paragraph"])
        relations[row["event_id"]][row["paragraph"]] = row["relation"]
    for event_id, record in by_id.items():
        record["paragraphs"] = tuple(sorted(paragraphs[event_id]))
        record["relations"] = relations[event_id]


def _attach_alternatives(path, by_id):
    alternatives = defaultdict(list)
    for number, row in read_table(path, "date_alternatives"):
        if row["event_id"] not in by_id:
            raise CourseDataError(Location(path, row=number, field="event_id"), f"no event has id {row['event_id']!r}")
        if problem := sourcing.denied_problem(row["url"]):
            raise CourseDataError(Location(path, row=number, field="url"), problem)
        parse_date(row["date"], precision_of(row["date"]), Location(path, row=number, field="date"))
        alternatives[row["event_id"]].append(dict(row))
    for event_id, record in by_id.items():
        record["date_alternatives"] = tuple(alternatives[event_id])


def events_for(events, paragraph_ids):
    """The events that bear on any of the given essay paragraphs."""
    wanted = set(paragraph_ids)
    return events[events["paragraphs"].map(lambda ids: bool(wanted.intersection(ids)))]


def essay_checks(events, paragraph_ids=None):
    """Events where the dataset corrects or qualifies the essay, optionally only for some paragraphs."""
    subset = events if paragraph_ids is None else events_for(events, paragraph_ids)
    return subset[subset["essay_check"] != ""]


def knowable(event, published):
    """Whether an essay check's facts were public when the essay appeared (`published`, a date)."""
    return event.check_public_from.date() <= published
