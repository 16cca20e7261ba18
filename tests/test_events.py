"""The events data: coverage, sources, and a located error for every kind of bad row."""

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.course import course_events
from helpers.errors import CourseDataError
from helpers.essay import load_essay
from helpers.events import essay_checks, events_for, knowable, load_events
from helpers.tables import schema

DATA = Path(__file__).resolve().parents[1] / "data"
EVENTS_TEXT = (DATA / "events.csv").read_text(encoding="utf-8")
SOURCES_TEXT = (DATA / "event_sources.csv").read_text(encoding="utf-8")
PARAGRAPHS = load_essay().paragraph_ids
PUBLISHED = dt.date(2015, 12, 1)


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def _write(tmp_path, events_rows=None, sources_rows=None, events_text=None):
    """Write (possibly broken) copies of the events and their sources, beside the course's coverage, and load them."""
    ev_path, src_path = tmp_path / "events.csv", tmp_path / "event_sources.csv"
    for name in ("coverage.csv", "date_alternatives.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    if events_text is None:
        rows = events_rows if events_rows is not None else _rows(EVENTS_TEXT)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, [f["name"] for f in schema("events")["fields"]], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        events_text = buffer.getvalue()
    ev_path.write_text(events_text, encoding="utf-8") if isinstance(events_text, str) else ev_path.write_bytes(events_text)
    src_rows = sources_rows if sources_rows is not None else _rows(SOURCES_TEXT)
    with open(src_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, [f["name"] for f in schema("event_sources")["fields"]], lineterminator="\n")
        writer.writeheader()
        writer.writerows(src_rows)
    return load_events(ev_path, src_path, paragraph_ids=PARAGRAPHS, published=PUBLISHED)


def test_at_least_60_sourced_events_fall_within_1995_to_2015(events):
    background = events[(events["period"] == "background") & (events["date"].dt.year.between(1995, 2015))]
    assert len(background) >= 60
    assert all(len(s) >= 1 for s in events["sources"])
    assert all(source.url.startswith(("http://", "https://")) for s in events["sources"] for source in s)


def test_epilogue_runs_from_december_2015_through_2016(events):
    epilogue = events[events["period"] == "epilogue"]
    assert len(epilogue) >= 10
    assert epilogue["date"].min() > pd_timestamp("2015-12-01")
    assert epilogue["date"].max() <= pd_timestamp("2016-12-31")


def pd_timestamp(text):
    import pandas as pd

    return pd.Timestamp(text)


def test_every_category_and_reading_is_used(events):
    categories = next(f for f in schema("events")["fields"] if f["name"] == "category")["constraints"]["enum"]
    assert set(events["category"]) == set(categories)
    assert {"realist", "domestic", "both"} <= set(events["reading"])


@pytest.mark.parametrize(
    "event_id, date",
    [
        ("su24-shootdown-2015", "2015-11-24"),
        ("nato-deliberate-force-1995", "1995-08-30"),
        ("crimea-accession-treaty-2014", "2014-03-18"),
        ("russia-sanctions-decree-2015", "2015-11-28"),
    ],
)
def test_key_dates(events, event_id, date):
    assert events.set_index("id").loc[event_id, "date"] == pd_timestamp(date)


def test_the_essays_su34_is_corrected_with_a_source(events):
    shootdown = events.set_index("id").loc["su24-shootdown-2015"]
    assert "Su-24" in shootdown["essay_check"] and "p16" in shootdown["paragraphs"]
    assert shootdown["sources"]
    assert "su24-shootdown-2015" in set(essay_checks(events, ["p16"])["id"])


def test_events_for_filters_by_paragraph(events):
    nineties = events_for(events, ["p07"])
    assert "nato-deliberate-force-1995" in set(nineties["id"])
    assert all("p07" in ids for ids in nineties["paragraphs"])


def _broken(field, value, row=0):
    rows = _rows(EVENTS_TEXT)
    rows[row][field] = value
    return rows


@pytest.mark.parametrize(
    "field, value, needle",
    [
        ("date", "2015-02-30", "not a real date"),
        ("date", "24/11/2015", "not a day-precision date"),
        ("date_precision", "week", "not one of"),
        ("category", "sports", "not one of"),
        ("reading", "liberal", "not one of"),
        ("public_from", "2014-13-01", "not a real date"),
        ("title", "", "is required"),
        ("title", "x" * 500, "the limit is 90"),
        ("end_date", "1990-01-01", "is before the start"),
        ("period", "epilogue", "belongs to the background"),
        ("summary", "bell \x07 character", "control character"),
    ],
)
def test_bad_value_names_file_row_and_field(tmp_path, field, value, needle):
    with pytest.raises(CourseDataError) as caught:
        _write(tmp_path, events_rows=_broken(field, value, row=3))
    error = caught.value
    assert error.field == field and needle in error.problem
    assert str(error).startswith(f"{tmp_path / 'events.csv'}: row 5")


def test_duplicate_id_names_both_rows(tmp_path):
    rows = _rows(EVENTS_TEXT)
    rows[4]["id"] = rows[2]["id"]
    with pytest.raises(CourseDataError, match=r"row 6, field 'id': .* repeats row 4"):
        _write(tmp_path, events_rows=rows)


def test_event_without_a_source_is_rejected(tmp_path):
    target = _rows(EVENTS_TEXT)[0]["id"]
    sources = [s for s in _rows(SOURCES_TEXT) if s["event_id"] != target]
    with pytest.raises(CourseDataError) as caught:
        _write(tmp_path, sources_rows=sources)
    assert caught.value.field == "sources" and caught.value.location.id == target
    assert str(caught.value).startswith(f"{tmp_path / 'events.csv'}: row 2 (id {target!r}), field 'sources': no independent")


@pytest.mark.parametrize(
    "field, value, needle",
    [("url", "not a url", "is not an http(s) address"), ("event_id", "no-such-event", "no event has id"), ("title", "", "is required")],
)
def test_bad_source_row_is_located(tmp_path, field, value, needle):
    sources = _rows(SOURCES_TEXT)
    sources[1][field] = value
    with pytest.raises(CourseDataError) as caught:
        _write(tmp_path, sources_rows=sources)
    assert caught.value.field == field and caught.value.location.row == 3 and needle in caught.value.problem
    assert "event_sources.csv" in caught.value.file


def test_wrong_header_and_encoding_and_truncation(tmp_path):
    with pytest.raises(CourseDataError, match="row 1, field 'check_public_from'"):
        _write(tmp_path, events_text=EVENTS_TEXT.replace(",check_public_from\n", "\n", 1))
    with pytest.raises(CourseDataError, match=r"events.csv: line 1: not UTF-8 \(byte 0\)"):
        _write(tmp_path, events_text=EVENTS_TEXT.encode("utf-16"))
    lines = EVENTS_TEXT.split("\n")
    short_row = "\n".join(lines[:3]) + "\n" + lines[3].split(",", 3)[0] + "\n"
    with pytest.raises(CourseDataError, match=f"events.csv: row 4: expected {len(schema('events')['fields'])} cells"):
        _write(tmp_path, events_text=short_row)
    inside_quotes = EVENTS_TEXT[: EVENTS_TEXT.index(',"', 2000) + 10]
    with pytest.raises(CourseDataError, match=r"events.csv: line \d+: not readable CSV: unexpected end of data"):
        _write(tmp_path, events_text=inside_quotes)


def test_a_spreadsheet_bom_is_accepted(tmp_path):
    loaded = _write(tmp_path, events_text=("\ufeff" + EVENTS_TEXT).encode("utf-8"))
    assert len(loaded) == len(_rows(EVENTS_TEXT))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400))
def test_any_events_file_loads_or_raises_an_error_that_points_at_a_real_place(tmp_path, junk):
    """Junk after the header is never a crash: the error names one of the files, a row that exists, and a real field."""
    text = EVENTS_TEXT.split("\n", 1)[0] + "\n" + junk
    fields = {f["name"] for name in ("events", "event_sources", "coverage") for f in schema(name)["fields"]}
    try:
        _write(tmp_path, events_text=text)
    except CourseDataError as error:
        assert Path(error.file).name in ("events.csv", "event_sources.csv", "coverage.csv", "date_alternatives.csv")
        assert error.field in fields | {None, "sources"}, error
        if Path(error.file).name == "events.csv":
            position = error.location.row or error.location.line
            assert position or "header but no rows" in error.problem, error
            assert position is None or 1 <= position <= text.count("\n") + text.count("\r") + 2, error
    else:
        pytest.fail("junk rows cannot match the course's coverage file")


def test_valid_variations_load_with_the_expected_values(tmp_path):
    """Rows in another order, spaces around cells, a spreadsheet BOM and CRLF line ends change nothing."""
    rows = _rows(EVENTS_TEXT)[::-1]
    for row in rows:
        row["title"] = f"  {row['title']}  "
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, [f["name"] for f in schema("events")["fields"]], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    loaded = _write(tmp_path, events_text=("\ufeff" + buffer.getvalue()).encode("utf-8"))
    original = course_events()
    assert list(loaded["id"]) == list(original["id"]) and list(loaded["title"]) == list(original["title"])
    assert loaded.set_index("id").loc["su24-shootdown-2015", "date"] == pd_timestamp("2015-11-24")


@pytest.mark.parametrize(
    "date, period, ok", [("2015-12-01", "background", True), ("2015-12-01", "epilogue", False), ("2015-12-02", "background", False)]
)
def test_the_essays_own_day_belongs_to_the_background(tmp_path, date, period, ok):
    rows = _rows(EVENTS_TEXT)
    row = next(r for r in rows if r["id"] == "putin-refuses-erdogan-cop21-2015")
    row.update(date=date, public_from=date, period=period)
    if ok:
        assert _write(tmp_path, events_rows=rows).set_index("id").loc[row["id"], "period"] == "background"
    else:
        with pytest.raises(CourseDataError, match="field 'period'"):
            _write(tmp_path, events_rows=rows)


def test_a_correction_public_on_the_day_the_essay_appeared_was_knowable():
    from types import SimpleNamespace

    import pandas as pd

    published = dt.date(2015, 12, 1)
    check = SimpleNamespace(check_public_from=pd.Timestamp("2015-12-01"))
    assert knowable(check, published)
    assert knowable(SimpleNamespace(check_public_from=pd.Timestamp("2015-11-30")), published)
    assert not knowable(SimpleNamespace(check_public_from=pd.Timestamp("2015-12-02")), published)


def test_the_events_frame_has_the_files_columns_then_what_the_loader_adds(events):
    from_file = [f["name"] for f in schema("events")["fields"]]
    added = [
        "located",
        "end_precision",
        "public_precision",
        "check_public_precision",
        "sources",
        "paragraphs",
        "relations",
        "date_alternatives",
        "category_label",
    ]
    assert list(events.columns) == from_file + added


def test_an_essay_check_and_the_day_its_facts_became_public_come_together(tmp_path):
    rows = _rows(EVENTS_TEXT)
    number, checked = next((n, r) for n, r in enumerate(rows, start=2) if r["essay_check"])
    where = f"{tmp_path / 'events.csv'}: row {number} (id {checked['id']!r}), field 'check_public_from'"
    checked["check_public_from"] = ""
    with pytest.raises(CourseDataError) as caught:
        _write(tmp_path, events_rows=rows)
    assert str(caught.value) == f"{where}: an essay check needs the day its facts became public"
    rows = _rows(EVENTS_TEXT)
    plain = next(n for n, r in enumerate(rows, start=2) if not r["essay_check"])
    rows[plain - 2]["check_public_from"] = "2016-01-05"
    with pytest.raises(CourseDataError) as caught:
        _write(tmp_path, events_rows=rows)
    assert str(caught.value) == (
        f"{tmp_path / 'events.csv'}: row {plain} (id {rows[plain - 2]['id']!r}), field 'check_public_from': is set but there is no essay_check"
    )
    rows = _rows(EVENTS_TEXT)
    rows[number - 2]["check_public_from"] = "2016-02-30"
    with pytest.raises(CourseDataError) as caught:
        _write(tmp_path, events_rows=rows)
    assert str(caught.value).startswith(f"{where}: ")


def test_a_span_may_end_on_the_day_it_starts(tmp_path):
    rows = _rows(EVENTS_TEXT)
    row = next(r for r in rows if r["id"] == "su24-shootdown-2015")
    row["end_date"] = row["date"]
    loaded = _write(tmp_path, events_rows=rows).set_index("id")
    assert loaded.loc["su24-shootdown-2015", "end_date"] == loaded.loc["su24-shootdown-2015", "date"]


def test_too_few_events_with_two_independent_publishers_is_reported_with_the_count_and_ids(tmp_path):
    from helpers.sources import policy

    sources = _rows(SOURCES_TEXT)
    first_only = [row for n, row in enumerate(sources) if all(r["event_id"] != row["event_id"] for r in sources[:n])]
    events = _rows(EVENTS_TEXT)
    with pytest.raises(CourseDataError) as caught:
        _write(tmp_path, sources_rows=first_only)
    assert str(caught.value) == (
        f"{tmp_path / 'event_sources.csv'}: field 'kind': only 0 of {len(events)} events have two independent sources "
        f"from different publishers; at least {policy()['two_independent_share']:.0%} must. Short: {', '.join(r['id'] for r in events)}"
    )
