"""The sourcing rules: kinds, denied hosts, placeholders, well-formed URLs, coverage, hindsight dates.

Each test plants one defect in a copy of the course data and checks that loading names the
file, the row and the field.  The course's own data passes every rule (it loads), and each date
and number its events give is one that a source's confirms line states.
"""

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import sources as sourcing
from helpers.course import course_events
from helpers.errors import CourseDataError
from helpers.events import load_events
from helpers.tables import url_problem

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = ("events.csv", "event_sources.csv", "coverage.csv", "date_alternatives.csv")


def _load_with(data_copy, name, change):
    """Let `change(rows)` edit one file's rows in a copy of the course data, and load the copy."""
    data_copy(name, change)
    return load_events(data_copy.folder / "events.csv", data_copy.folder / "event_sources.csv")


def _source_index(rows, kind=None):
    """Index of a source row whose event keeps another independent source if this row changes."""
    counts = {}
    for row in rows:
        if sourcing.independent(row["kind"]):
            counts[row["event_id"]] = counts.get(row["event_id"], 0) + 1
    return next(i for i, row in enumerate(rows) if counts.get(row["event_id"], 0) >= 3 and (kind is None or row["kind"] == kind))


def _expect(data_copy, name, change, file, field, needle):
    with pytest.raises(CourseDataError) as caught:
        _load_with(data_copy, name, change)
    error = caught.value
    assert Path(error.file).name == file and error.field == field and needle in error.problem, str(error)
    return error


def test_the_course_data_keeps_every_rule():
    events = course_events()
    independent = [sum(sourcing.independent(s.kind) for s in row) for row in events["sources"]]
    assert min(independent) >= 1
    two = [len({s.publisher for s in row if sourcing.independent(s.kind)}) >= 2 for row in events["sources"]]
    assert sum(two) / len(two) >= 0.9
    for row in events["sources"]:
        for source in row:
            assert sourcing.denied_class(source.url) is None and sourcing.placeholder(source.title) is None
            assert url_problem(source.url) is None


@pytest.mark.parametrize(
    "url, denied",
    [
        ("http://piglix.com/piglix/Russian_naval_facility_in_Tartus", "mirror"),
        ("https://en.wikiwand.com/en/Tartus", "mirror"),
        ("https://snowy-cell-1234.workers.dev/article", "proxy"),
        ("https://svc-abc.a.run.app/reuters/page", "proxy"),
        ("http://kasparov.ru.comcb.info/material.php", "proxy"),
        ("http://203.0.113.7/news/item", "proxy"),
        ("http://freenews-en.tk/2016/11/18/tartus/", "content_farm"),
        ("https://thisday.fyi/november-24", "content_farm"),
        ("https://someone.blogspot.com/2015/11/jet.html", "blog"),
        ("https://prisonplanet.com/turkey-jet", "disinformation"),
        ("https://www.voltairenet.org/article189.html", "disinformation"),
        ("http://test.tol.org/client/article/25000.html", "test_or_dev"),
        ("https://dev.sharesproject.nl/page", "test_or_dev"),
        ("https://www.everycrsreport.com/reports/RS22829.html", "mirror"),
        ("https://news.yahoo.com/un-general-assembly-votes-yes-ukraine-unity-160605710.html", "mirror"),
        ("https://www.digitaljournal.com/news/world/turkey-says-refused-access/article/456615", "content_farm"),
        ("http://blog.thedailybeast.com/russia-china-veto-syria-sanctions", "blog"),
        ("http://blogs.reuters.com/great-debate/2015/12/03/putin-speech/", "blog"),
        ("https://theaviationist.com/2016/02/10/open-skies/", "blog"),
        ("https://www.theepochtimes.com/article/kurdish-fighters-capture-air-base", "disinformation"),
    ],
)
def test_each_class_of_denied_host_is_refused_with_its_row(data_copy, url, denied):
    def plant(rows):
        rows[_source_index(rows)]["url"] = url

    assert sourcing.denied_class(url) == denied
    error = _expect(data_copy, "event_sources.csv", plant, "event_sources.csv", "url", "never cites")
    assert denied.replace("_", " ") in error.problem and isinstance(error.location.row, int) and error.location.row >= 2


@pytest.mark.parametrize(
    "url",
    [
        "https://feeds.bbci.co.uk/news/world-middle-east-18616191",
        "http://cdnedge.bbc.co.uk/1/hi/world/europe/584727.stm",
        "http://amp.cbc.ca/news/world/russia-denies-ground-troops-1.3258217",
        "http://m.dw.com/en/kremlin-says-assad-visited-moscow/a-18794511",
        "http://en.special.kremlin.ru/events/president/transcripts/21410",
        "https://tass.com/world/835147/amp",
        "https://www.dailysabah.com/diplomacy/2016/06/28/kremlin-replaces-apology/amp/",
        "https://rferl.org/amp/syria-russia-special-forces-operating/27631625.html",
        "https://rudaw.net/english/middleeast/syria/230320163-amp",
        "https://www.foxnews.com/world/moscow-says-turkey-has-apologized-for-downing-of-russian-jet.amp",
        "http://www.cnn.com/2016/12/29/middleeast/syria-ceasefire/index.html?utm_source=feedburner&utm_medium=feed",
        "http://www.cnn.com/2012/03/03/world/europe/russia-election/index.html?eref=rss_latest",
        "http://seattletimes.com/html/nationworld/2023555335_ukrainepollxml.html?syndication=rss",
    ],
)
def test_a_mobile_amp_feed_or_cdn_copy_is_refused_for_its_canonical_address(data_copy, url):
    def plant(rows):
        rows[_source_index(rows)]["url"] = url

    assert sourcing.denied_class(url) == "non_canonical"
    _expect(data_copy, "event_sources.csv", plant, "event_sources.csv", "url", "canonical address")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.com/news/world-middle-east-18616191",
        "https://www.dw.com/en/amputee-athletes/a-1",
        "https://mg.co.za/article/x",
        "https://www.reuters.com/article/us-mideast-crisis-syria-camp-idUSKCN0VL00Y",
        "https://www.nato.int/cps/en/natohq/news_71726.htm?selectedLocale=en",
    ],
)
def test_canonical_addresses_that_look_like_copies_are_accepted(url):
    assert sourcing.denied_class(url) is None


@pytest.mark.parametrize(
    "url, needle",
    [
        ("https://www.paperzz.com/doc/…", "truncated"),
        ("https://www.reuters.com/article/turkey-russia...", "truncated"),
        ("https://www.bbc.co.uk/news/world europe", "truncated"),
        ("https://reuters/article/1", "malformed host"),
        ("ftp://www.reuters.com/file", "not an http(s) address"),
    ],
)
def test_a_malformed_or_truncated_url_is_refused(data_copy, url, needle):
    def plant(rows):
        rows[_source_index(rows)]["url"] = url

    _expect(data_copy, "event_sources.csv", plant, "event_sources.csv", "url", needle)


@pytest.mark.parametrize(
    "title", ["www.reuters.com (the stored copy shows no heading)", "Untitled document", "404 Not Found", "Turkey shoots down…"]
)
def test_a_placeholder_title_is_refused(data_copy, title):
    def plant(rows):
        rows[_source_index(rows)]["title"] = title

    _expect(data_copy, "event_sources.csv", plant, "event_sources.csv", "title", "placeholder")


def test_a_title_that_is_only_the_host_name_is_refused(data_copy):
    def plant(rows):
        row = rows[_source_index(rows)]
        row["title"] = sourcing.host_of(row["url"])

    _expect(data_copy, "event_sources.csv", plant, "event_sources.csv", "title", "placeholder")


def test_a_duplicate_source_or_title_for_one_event_is_refused(data_copy):
    def same_url(rows):
        index = _source_index(rows)
        rows.insert(index + 1, {**rows[index], "title": "Another title"})

    def same_title(rows):
        index = _source_index(rows)
        rows.insert(index + 1, {**rows[index], "url": rows[index]["url"] + "?copy=1"})

    _expect(data_copy, "event_sources.csv", same_url, "event_sources.csv", "url", "repeats row")
    _expect(data_copy, "event_sources.csv", same_title, "event_sources.csv", "title", "repeats row")


def test_an_event_with_only_state_media_is_refused(data_copy):
    target = course_events().iloc[10]["id"]

    def only_state_media(rows):
        rows[:] = [r for r in rows if r["event_id"] != target] + [
            {
                "event_id": target,
                "kind": "state_media",
                "publisher": "RT",
                "title": "What Moscow said",
                "url": "https://www.rt.com/news/123-what-moscow-said/",
                "confirms": "the Russian government's account",
            }
        ]

    error = _expect(data_copy, "event_sources.csv", only_state_media, "events.csv", "sources", "no independent")
    assert error.location.id == target and "state_media" in error.problem


@pytest.mark.parametrize(
    "kind, url, needle",
    [
        ("press", "https://www.rt.com/news/324198-turkey-jet/", "is state media"),
        ("state_media", "https://www.bbc.co.uk/news/world-europe-34912581", "not a listed state-media host"),
        ("reference", "https://www.history.co.uk/article", "canonical address"),
    ],
)
def test_kind_must_fit_the_host(data_copy, kind, url, needle):
    def plant(rows):
        row = rows[_source_index(rows)]
        row["kind"], row["url"] = kind, url

    _expect(data_copy, "event_sources.csv", plant, "event_sources.csv", "kind", needle)


def test_fewer_than_nine_in_ten_events_with_two_independent_sources_is_refused(data_copy):
    def thin_out(rows):
        kept, seen = [], set()
        for row in rows:  # keep only the first independent source of most events
            if sourcing.independent(row["kind"]) and row["event_id"] in seen and len(seen) % 5:
                continue
            seen.add(row["event_id"])
            kept.append(row)
        rows[:] = kept

    error = _expect(data_copy, "event_sources.csv", thin_out, "event_sources.csv", "kind", "two independent sources")
    assert "at least 90%" in error.problem and "Short:" in error.problem


def test_an_essay_check_needs_the_day_its_facts_became_public(data_copy):
    def drop(rows):
        next(r for r in rows if r["essay_check"])["check_public_from"] = ""

    _expect(data_copy, "events.csv", drop, "events.csv", "check_public_from", "needs the day")


def test_public_from_cannot_precede_the_event(data_copy):
    def early(rows):
        row = next(r for r in rows if r["date_precision"] == "day")
        row["public_from"] = "1990-01-01"

    _expect(data_copy, "events.csv", early, "events.csv", "public_from", "before the event's date")


def test_coverage_rows_are_checked(data_copy):
    def unknown_paragraph(rows):
        rows[0]["paragraph"] = "p99"

    def duplicate(rows):
        rows.append(dict(rows[0]))

    def hindsight_named(rows):
        epilogue = course_events().query("period == 'epilogue'").iloc[0]["id"]
        rows.append({"paragraph": "p21", "event_id": epilogue, "relation": "names", "why": "planted"})

    _expect(data_copy, "coverage.csv", unknown_paragraph, "coverage.csv", "paragraph", "no such essay paragraph")
    _expect(data_copy, "coverage.csv", duplicate, "coverage.csv", "event_id", "already listed")
    _expect(data_copy, "coverage.csv", hindsight_named, "coverage.csv", "relation", "can only be context")


def test_every_paragraph_is_covered_and_named_events_carry_a_label():
    events = course_events()
    covered = {p for ids in events["paragraphs"] for p in ids}
    assert covered == {f"p{n:02d}" for n in range(1, 22)}
    named = events[events["relations"].map(lambda r: "names" in r.values())]
    assert (named["label"] != "").all(), list(named.loc[named["label"] == "", "id"])
    assert named["label"].str.len().max() <= 28


def test_the_readme_shows_the_current_sources_report():
    import sources_report

    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index(sources_report.BEGIN) + len(sources_report.BEGIN) : readme.index(sources_report.END)]
    assert block.strip() == "\n".join(sources_report.report(course_events())).strip(), "run `make sources ARGS=--readme`"


def _position(events, event_id):
    """The index of the event `event_id` in the events frame, to plant a defect there."""
    return events.index[events["id"] == event_id][0]


def _said(row):
    """Everything an event's sources are recorded as saying: their titles and confirms lines."""
    return " ".join(f"{s.title} {s.confirms}" for s in row.sources)


def _unstated_dates(events):
    """(id, field) for each date of an event (start, end, the day it became public when that differs from the start,
    and the day an essay check's facts became public) that none of its sources' titles or confirms lines states to
    the date's precision."""
    missing = []
    for row in events.itertuples():
        said = _said(row)
        dates = [("date", row.date, row.date_precision), ("end_date", row.end_date, row.end_precision)]
        if row.public_from != row.date:
            dates.append(("public_from", row.public_from, row.public_precision))
        dates.append(("check_public_from", row.check_public_from, row.check_public_precision))
        for field, when, precision in dates:
            if not pd.isna(when) and not _states(said, when, precision):
                missing.append((row.id, field))
    return missing


def _states(text, when, precision):
    """Whether `text` gives `when` to `precision`, as the confirms lines write dates: '24 Nov' (or '24 November') or
    a range that starts or ends on that day, '24-25 Nov', '23-24 Nov'; to the month, 'Nov'; to the year, '2015'."""
    if precision == "year":
        return str(when.year) in text
    month = f"{when:%b}"  # capitalised, so that 'may' is no month
    if precision == "month":
        return re.search(rf"\b{month}", text) is not None
    return re.search(rf"\b{when.day}(?:\s*[-–]\s*\d+)?\s+{month}", text) is not None


@pytest.mark.parametrize(
    "text, when, precision, stated",
    [
        ("Tue 24 Nov 2015: Turkish jets downed the Su-24", "2015-11-24", "day", True),
        ("On 24 November", "2015-11-24", "day", True),
        ("talks on 24-25 Nov", "2015-11-24", "day", True),
        ("talks on 23-24 Nov", "2015-11-24", "day", True),
        ("on 24 Nov", "2015-11-04", "day", False),
        ("on 24 Dec", "2015-11-24", "day", False),
        ("a poll conducted in May", "2016-05-01", "month", True),
        ("the ministry may respond", "2016-05-01", "month", False),
        ("since 1971", "1971-01-01", "year", True),
        ("since 1917", "1971-01-01", "year", False),
    ],
)
def test_a_date_is_stated_only_as_the_confirms_lines_write_it(text, when, precision, stated):
    assert _states(text, pd.Timestamp(when), precision) is stated


def test_every_date_of_an_event_is_stated_by_one_of_its_sources():
    assert _unstated_dates(course_events()) == []


@pytest.mark.parametrize(
    "event_id, field",
    [
        ("su24-shootdown-2015", "date"),
        ("russia-georgia-war-2008", "end_date"),
        ("hmeimim-deployment-agreement-2015", "public_from"),
        ("kurds-take-menagh-russian-air-cover-2016", "check_public_from"),
    ],
)
def test_a_date_no_source_states_is_found(event_id, field):
    events = course_events()
    moved = _position(events, event_id)
    events.loc[moved, field] += pd.Timedelta(days=200)  # a day none of its sources names
    if field == "date":
        events.loc[moved, "public_from"] = events.loc[moved, "date"]
    assert _unstated_dates(events) == [(event_id, field)]


# A whole number as the data writes it (129, 1,200, 89.9), not part of a name or a range (Su-24, A321, 5,000-7,000)
_NUMBER = re.compile(r"(?<![\w,.-])\d+(?:,\d{3})*(?:\.\d+)?(?![\w,-]|\.\d)")


def _unsourced_numbers(events):
    """(id, field, number) for each number in an event's title, label, summary or essay check that none of its
    sources' lines gives."""
    missing = []
    for row in events.itertuples():
        said = _said(row).replace(",", "")
        for field in ("title", "label", "summary", "essay_check"):
            for number in _NUMBER.findall(getattr(row, field)):
                if not re.search(rf"(?<![\d.]){re.escape(number.replace(',', ''))}(?![\d])", said):
                    missing.append((row.id, field, number))
    return missing


def test_every_number_an_event_gives_is_one_its_sources_give():
    assert _unsourced_numbers(course_events()) == []


@pytest.mark.parametrize(
    "event_id, field, old, planted",
    [
        ("moscow-theatre-hostage-crisis-2002", "summary", "129", "139"),
        ("moscow-theatre-hostage-crisis-2002", "summary", "129", "29"),  # 29 and 12 are in its sources only within 129
        ("moscow-theatre-hostage-crisis-2002", "summary", "129", "12"),
        ("ukraine-map-request-2008", "essay_check", "November 2002", "November 2003"),
    ],
)
def test_a_number_no_source_gives_is_found(event_id, field, old, planted):
    events = course_events()
    row = _position(events, event_id)
    assert old in events.loc[row, field]
    events.loc[row, field] = events.loc[row, field].replace(old, planted)
    assert _unsourced_numbers(events) == [(event_id, field, planted.split()[-1])]


def _pointers_without_alternatives(events):
    """Events whose notes send the reader to date_alternatives.csv, where no row holds another date of theirs."""
    return [e.id for e in events.itertuples() if "date_alternatives.csv" in e.notes and not e.date_alternatives]


def test_every_note_that_points_to_date_alternatives_has_a_row_there():
    assert _pointers_without_alternatives(course_events()) == []


def test_a_note_pointing_to_a_missing_alternative_is_found():
    events = course_events()  # the Munich meeting's 11 February, whose row was once missing
    row = _position(events, "munich-issg-cessation-agreement-2016")
    events.at[row, "date_alternatives"] = ()
    assert _pointers_without_alternatives(events) == ["munich-issg-cessation-agreement-2016"]
