"""The timeline figures: what they draw, where, and in which colours."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from helpers.events import course_events, events_for
from helpers.timeline import (
    READING_COLOURS, WEBGL_THRESHOLD, epilogue_timeline, fact_checks, focus_timeline,
    overview_timeline, plotted_ids, timeline_table, zoomed_timeline,
)


@pytest.fixture(scope="module")
def events():
    return course_events()


def _marker_traces(fig):
    return [t for t in fig.data if t.type in ("scatter", "scattergl")]


def test_overview_draws_every_background_event_from_1995_to_2015(events):
    fig = overview_timeline(events)
    assert isinstance(fig, go.Figure)
    ids = plotted_ids(fig)
    background = events[events["period"] == "background"]
    in_range = background[(background["end_date"].fillna(background["date"]) >= "1995-01-01") & (background["date"] < "2016-01-01")]
    assert sorted(ids) == sorted(in_range["id"]) and len(ids) == len(set(ids)) >= 60
    assert "tartus-naval-facility-1971" not in ids  # outside the window
    assert not set(ids) & set(events.loc[events["period"] == "epilogue", "id"])
    assert list(fig.layout.xaxis.range) == ["1995-01-01", "2016-01-01"]
    assert fig.layout.title.text and fig.layout.xaxis.title.text == "Date" and fig.layout.yaxis.title.text == "Category"


def test_colour_is_by_reading_from_the_one_palette(events):
    fig = overview_timeline(events)
    frame = events.set_index("id")
    for trace in _marker_traces(fig):
        readings = {frame.loc[i, "reading"] for i in trace.customdata}
        assert len(readings) == 1
        assert trace.marker.color == READING_COLOURS[readings.pop()]
    assert READING_COLOURS["realist"] != READING_COLOURS["domestic"]


def test_lanes_are_categories(events):
    fig = overview_timeline(events)
    lanes = set(fig.layout.yaxis.categoryarray)
    assert {"NATO and the West", "Syria war", "Russia and Turkey", "Russian domestic politics"} <= lanes
    for trace in _marker_traces(fig):
        assert set(trace.y) <= lanes


def test_leader_bands(events):
    fig = overview_timeline(events)
    assert [a.text for a in fig.layout.annotations] == ["Yeltsin", "Putin", "Medvedev", "Putin again"]
    assert len(fig.layout.shapes) == 4
    medvedev = fig.layout.shapes[2]
    assert pd.Timestamp(medvedev.x0) == pd.Timestamp("2008-05-07") and pd.Timestamp(medvedev.x1) == pd.Timestamp("2012-05-07")


def test_spans_are_bars_and_points_are_markers(events):
    fig = overview_timeline(events)
    bars = [t for t in fig.data if t.type == "bar"]
    spans = events[events["end_date"].notna() & (events["period"] == "background") & (events["date"] < "2016-01-01")]
    assert sum(len(b.base) for b in bars) == len(spans)
    chechnya = next(b for b in bars for base in b.base if pd.Timestamp(base) == pd.Timestamp("1999-08-26"))
    index = [pd.Timestamp(b) for b in chechnya.base].index(pd.Timestamp("1999-08-26"))
    assert chechnya.x[index] == pytest.approx((pd.Timestamp("2009-04-16") - pd.Timestamp("1999-08-26")).total_seconds() * 1000)


def test_hover_has_summary_and_source(events):
    fig = overview_timeline(events)
    trace = next(t for t in _marker_traces(fig) if "nato-deliberate-force-1995" in t.customdata)
    text = trace.hovertext[list(trace.customdata).index("nato-deliberate-force-1995")]
    assert "Source: " in text and "Bosnian Serb" in text


def test_zoom_is_autumn_2015(events):
    fig = zoomed_timeline(events)
    dates = events.set_index("id").loc[plotted_ids(fig)]
    assert "su24-shootdown-2015" in dates.index
    assert (dates["end_date"].fillna(dates["date"]) >= "2015-09-01").all()
    assert list(fig.layout.xaxis.range) == ["2015-09-01", "2016-01-01"]


def test_focus_view_shows_the_events_of_given_paragraphs(events):
    fig = focus_timeline(events, ["p07", "p08"])
    background = events[events["period"] == "background"]
    assert sorted(plotted_ids(fig)) == sorted(events_for(background, ["p07", "p08"])["id"])
    later = plotted_ids(focus_timeline(events, ["p04"], epilogue=True))
    assert "russia-acknowledges-special-forces-syria-2016" in later
    assert "russia-acknowledges-special-forces-syria-2016" not in plotted_ids(focus_timeline(events, ["p04"]))
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert start <= pd.Timestamp("1995-08-30") and end >= pd.Timestamp("2008-04-04")
    assert not plotted_ids(focus_timeline(events, []))


def test_epilogue_shows_what_came_after(events):
    ids = plotted_ids(epilogue_timeline(events))
    assert {"erdogan-letter-regret-2016", "karlov-assassination-2016"} <= set(ids)


def test_text_alternative_lists_exactly_what_is_plotted(events):
    fig = zoomed_timeline(events)
    alt = timeline_table(events, fig)
    assert f"{len(plotted_ids(fig))} events plotted" in repr(alt)
    assert "Turkish F-16 shoots down Russian Su-24M" in alt._repr_html_()


def test_html_in_data_is_escaped(events):
    hostile = events.head(3).copy()
    hostile["title"] = "<img src=x onerror=alert(1)>"
    hostile["essay_check"] = "<script>x</script>"
    hostile["paragraphs"] = [("p01",)] * 3
    fig = focus_timeline(hostile, ["p01"])
    assert "<img" not in " ".join(_marker_traces(fig)[0].hovertext)
    assert "<img" not in timeline_table(hostile)._repr_html_()
    assert "<script>" not in fact_checks(hostile)._repr_html_()


def test_large_files_switch_to_webgl(events):
    big = pd.concat([events] * (2 * WEBGL_THRESHOLD // len(events)), ignore_index=True)
    big["id"] = [f"e{i}" for i in range(len(big))]
    assert {t.type for t in _marker_traces(overview_timeline(big))} == {"scattergl"}
    assert {t.type for t in _marker_traces(overview_timeline(events))} == {"scatter"}
