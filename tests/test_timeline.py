"""The timeline figures: what they draw, where, in which colours, and what the hover text and labels say."""

import html
import re

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from synthetic_events import synthetic_events

from helpers.events import events_for
from helpers.timeline import (
    LABEL_PX_PER_CHAR,
    OVERVIEW_RANGE,
    WEBGL_THRESHOLD,
    _hover,
    _within,
    epilogue_timeline,
    event_table,
    fact_checks,
    focus_timeline,
    lens_timeline,
    overview_timeline,
    plotted_ids,
    timeline_table,
    window_timeline,
    zoomed_timeline,
)
from helpers.vocabulary import READING_COLOURS, READING_NAMES


def _marker_traces(fig):
    return [t for t in fig.data if t.type in ("scatter", "scattergl") and t.customdata is not None]


def _hover_of(fig, event_id):
    for trace in _marker_traces(fig):
        if event_id in trace.customdata:
            return trace.hovertext[list(trace.customdata).index(event_id)]
    raise KeyError(event_id)


def _visible_text(hover):
    """What a student reads in a tooltip: plotly turns <br> into line breaks and drops <b>/<i>."""
    return html.unescape(re.sub(r"<br>", "\n", re.sub(r"</?[bi]>", "", hover)))


def test_overview_draws_every_background_event_from_1995_to_2015_once(events):
    fig = overview_timeline(events)
    assert isinstance(fig, go.Figure)
    ids = plotted_ids(fig)
    background = events[events["period"] == "background"]
    in_range = background[background["end_date"].fillna(background["date"]) >= "1995-01-01"]
    assert sorted(ids) == sorted(in_range["id"]) and len(ids) == len(set(ids)) >= 60
    assert "tartus-naval-facility-1971" not in ids
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text == "Category"


def test_the_autumn_of_2015_is_enlarged_beside_the_overview(events):
    fig = overview_timeline(events)
    left, right = (pd.Timestamp(x) for x in fig.layout.xaxis.range), (pd.Timestamp(x) for x in fig.layout.xaxis2.range)
    (l0, l1), (r0, r1) = left, right
    assert r1 - r0 < pd.Timedelta(days=120) < l1 - l0
    assert fig.layout.xaxis2.domain[1] - fig.layout.xaxis2.domain[0] > 0.25
    autumn = next(t for t in _marker_traces(fig) if "su24-shootdown-2015" in t.customdata)
    assert autumn.xaxis == "x2"


def test_axes_pad_past_the_first_and_last_events(events):
    fig = overview_timeline(events)
    last = events[events["period"] == "background"]["date"].max()
    assert pd.Timestamp(fig.layout.xaxis2.range[1]) >= last + pd.Timedelta(days=2)


def test_colour_is_by_reading_from_the_one_palette(events):
    frame = events.set_index("id")
    for trace in _marker_traces(overview_timeline(events)):
        readings = {frame.loc[i, "reading"] for i in trace.customdata}
        assert len(readings) == 1 and trace.marker.color == READING_COLOURS[readings.pop()]
    assert READING_COLOURS["realist"] != READING_COLOURS["domestic"]


def test_lanes_are_categories_and_each_mark_sits_in_its_lane(events):
    fig = overview_timeline(events)
    centres = {html.unescape(t.replace("<br>", " ")): y for t, y in zip(fig.layout.yaxis.ticktext, fig.layout.yaxis.tickvals, strict=True)}
    assert {"NATO and the West", "Syria war", "Russia and Turkey", "Russian domestic politics"} <= set(centres)
    frame = events.set_index("id")
    for trace in _marker_traces(fig):
        for event_id, y in zip(trace.customdata, trace.y, strict=True):
            assert abs(y - centres[frame.loc[event_id, "category_label"]]) < 0.5


def test_same_day_events_in_a_lane_are_drawn_apart(events):
    fig = overview_timeline(events)
    where = {i: (x, y) for t in _marker_traces(fig) for i, x, y in zip(t.customdata, t.x, t.y, strict=True)}
    assert where["su24-shootdown-2015"][0] == where["putin-stab-in-the-back-2015"][0]
    assert abs(where["su24-shootdown-2015"][1] - where["putin-stab-in-the-back-2015"][1]) >= 0.2


def _band_labels(fig):
    return [a.text for a in fig.layout.annotations if a.yref == "paper"]


def test_leader_bands_are_the_same_whatever_the_lens(events):
    both = overview_timeline(events)
    assert _band_labels(both)[:4] == ["Yeltsin", "Putin", "Medvedev", "Putin"]
    medvedev = both.layout.shapes[2]
    assert pd.Timestamp(medvedev.x0) == pd.Timestamp("2008-05-07") and pd.Timestamp(medvedev.x1) == pd.Timestamp("2012-05-07")
    for lens in ("realist", "domestic", "both"):
        fig = lens_timeline(events, lens)
        assert _band_labels(fig) == _band_labels(both)
        assert [(s.x0, s.x1) for s in fig.layout.shapes] == [(s.x0, s.x1) for s in both.layout.shapes]


def test_a_missing_leader_event_is_a_located_error(events):
    from helpers.errors import CourseDataError

    with pytest.raises(CourseDataError) as raised:
        overview_timeline(events[events["id"] != "medvedev-inauguration-2008"])
    assert str(raised.value) == "events.csv: the leader bands need the event 'medvedev-inauguration-2008', which is missing"


def test_ringed_events_are_inside_the_axis(events):
    fig = lens_timeline(events, "realist", ["su24-shootdown-2015", "russian-air-campaign-syria"])
    rings = [t for t in fig.data if t.name == "Bears on this claim"]
    assert sum(len(t.x) for t in rings) == 2
    for trace in rings:
        axis = fig.layout[trace.xaxis.replace("x", "xaxis")]
        start, end = (pd.Timestamp(x) for x in axis.range)
        assert all(start + pd.Timedelta(days=1) < pd.Timestamp(x) < end - pd.Timedelta(days=1) for x in trace.x)


def test_each_ring_sits_on_its_events_mark_in_the_same_panel(events):
    ringed = ["su24-shootdown-2015", "khasavyurt-accord-1996", "crimea-accession-treaty-2014"]
    fig = lens_timeline(events, "both", ringed)
    marks = {
        i: (t.xaxis or "x", t.yaxis or "y", pd.Timestamp(x), y)
        for t in fig.data
        if t.customdata is not None
        for i, x, y in zip(t.customdata, t.x, t.y, strict=True)
    }
    rings = {
        (t.xaxis, t.yaxis, pd.Timestamp(x), y) for t in fig.data if t.name == "Bears on this claim" for x, y in zip(t.x, t.y, strict=True)
    }
    assert rings == {marks[i] for i in ringed if i in marks} and len(rings) == 3


def test_spans_are_bars_cut_at_the_axis_with_an_arrowhead(events):
    fig = overview_timeline(events)
    bars = [t for t in fig.data if t.type == "bar"]
    chechnya = next(b for b in bars if any(pd.Timestamp(x) == pd.Timestamp("1999-09-30") for x in b.base))
    index = [pd.Timestamp(b) for b in chechnya.base].index(pd.Timestamp("1999-09-30"))
    assert chechnya.x[index] == pytest.approx((pd.Timestamp("2009-04-16") - pd.Timestamp("1999-09-30")).total_seconds() * 1000)
    arrows = [t for t in fig.data if t.name == "continues"]
    assert arrows, "the war in Donbas (to 2022) and the air campaign (to 2017) run past the axis"
    assert all(pd.Timestamp(x) <= pd.Timestamp("2015-12-01") for t in arrows for x in t.x)


def test_hover_text_reads_as_lines_with_no_raw_tags(events):
    hover = _hover_of(overview_timeline(events), "nato-deliberate-force-1995")
    assert "&lt;" not in hover and "&amp;lt;" not in hover
    lines = _visible_text(hover).split("\n")
    assert " ".join(lines[:2]) == "NATO Operation Deliberate Force against Bosnian Serb forces"  # the title, wrapped
    assert all(len(line) <= 48 for line in lines), lines  # every line fits a phone-width figure
    assert any(line.startswith("Source: ") for line in lines) and "<" not in _visible_text(hover)


def test_a_long_source_title_is_clipped_in_the_hover_and_whole_in_the_table(events):
    fig = overview_timeline(events)
    hover = _visible_text(_hover_of(fig, "russian-airspace-violations-oct-2015")).replace("\n", " ")
    assert "Source: Turkish Ministry of Foreign Affairs, QA-24, 7 October 2015, Statement of the Spokesperson" in hover
    assert "Ministry of Foreign Affairs… (+" in hover and "Airspace Violations" not in hover  # cut at 90 characters
    assert "Prevention of Turkish Airspace Violations" in timeline_table(events, fig).plain  # the table keeps it whole


def _dated_line(hover):
    """The hover's line that gives the date and the reading ("11 Dec 1994 – … · Realist"), after the title's lines."""
    return next(line for line in _visible_text(hover).split("\n") if " · " in line)


def test_dates_carry_their_precision_in_hover_and_tables(events):
    fig = overview_timeline(events)
    month = events[(events["date_precision"] == "month") & (events["period"] == "background") & (events["date"] >= "1995")].iloc[0]
    shown = _dated_line(_hover_of(fig, month["id"]))
    assert shown.startswith(month["date"].strftime("%b %Y")) and not re.match(r"\d", shown)
    month_end = events.copy()
    war = month_end.index[month_end["id"] == "first-chechen-war-1994-1996"][0]
    month_end.loc[war, "end_precision"] = "month"  # a span whose end is known only to the month
    chechnya = _dated_line(_hover_of(focus_timeline(month_end, ["p18"]), "first-chechen-war-1994-1996"))
    assert chechnya.startswith("11 Dec 1994 – Aug 1996")
    table = repr(timeline_table(month_end, focus_timeline(month_end, ["p18"])))
    assert "11 Dec 1994 – Aug 1996" in table and "31 Aug 1996" not in table and "01 Aug 1996" not in table
    assert "11 Dec 1994 – 31 Aug 1996" in repr(timeline_table(events, focus_timeline(events, ["p18"])))


def test_an_event_table_lists_events_by_date_then_id_written_to_their_precision(events):
    chosen = events[events["id"].isin(["su24-shootdown-2015", "first-chechen-war-1994-1996", "tartus-naval-facility-1971"])]
    shown = event_table(chosen.iloc[::-1])  # given out of order
    caption, header, *rows = shown.plain.split("\n")
    assert caption == "3 events" and header == "Date | Event | Category | Evidence for"
    by_id = chosen.set_index("id")
    expected = [
        ("1971", "tartus-naval-facility-1971"),
        ("11 Dec 1994 – 31 Aug 1996", "first-chechen-war-1994-1996"),
        ("24 Nov 2015", "su24-shootdown-2015"),
    ]
    for row, (when, event_id) in zip(rows, expected, strict=True):
        event = by_id.loc[event_id]
        assert row == f"{when} | {event.title} | {event.category_label} | {READING_NAMES[event.reading]}"
    same_day = events[events["date"] == "2015-11-24"]
    assert len(same_day) > 1
    listed = [row.split(" | ")[1] for row in event_table(same_day.iloc[::-1], caption="The day").plain.split("\n")[2:]]
    assert listed == list(same_day.sort_values("id")["title"]), "events of one day in the order of their ids"
    assert event_table(same_day, caption="The day").plain.startswith("The day\n")


def test_figures_label_the_events_the_essay_names_or_rests_on_and_leave_context_to_the_hover(events):
    def labels(fig):
        return {html.unescape(a.text) for a in fig.layout.annotations if a.yref == "y"}

    def with_label(relation):
        return {r.label for r in events.itertuples() if r.label and set(r.relations.values()) == {relation}}

    assert with_label("implies"), "an event the essay rests on without naming it"
    shown = labels(overview_timeline(events))
    assert with_label("implies") <= shown
    context = events.copy()
    context["relations"] = [{p: "context" for p in r} for r in context["relations"]]
    assert labels(overview_timeline(context)) == set()
    assert "Turkmen bombing protest" in labels(focus_timeline(events, ["p13", "p14"]))  # p13 and p14 rest on it


def test_named_events_are_labelled_without_overlap(events):
    fig = focus_timeline(events, ["p15", "p16", "p17", "p18", "p19", "p20", "p21"])
    labels = {a.text for a in fig.layout.annotations if a.yref == "y"}
    named = events_for(events[events["period"] == "background"], ["p15", "p16", "p17", "p18", "p19", "p20", "p21"])
    named = named[named.apply(lambda r: any(r.relations.get(p) == "names" for p in r.paragraphs), axis=1)]
    assert {html.escape(x) for x in named["label"]} <= labels and len(named) >= 5
    # No two labels in one panel overlap: compare their boxes in the axis's own units.
    boxes = []
    for a in (a for a in fig.layout.annotations if a.yref == "y"):
        axis = fig.layout[a.xref.replace("x", "xaxis")]
        start, end = (pd.Timestamp(x) for x in axis.range)
        width_px = 620 * (axis.domain[1] - axis.domain[0])
        centre = (pd.Timestamp(a.x) - start) / (end - start) * width_px
        size = LABEL_PX_PER_CHAR * len(html.unescape(a.text))
        left = {"center": centre - size / 2, "left": centre, "right": centre - size}[a.xanchor]
        y = a.ay if a.showarrow else a.y
        boxes.append((a.xref, y, left, left + size))
    for i, (ref, y, lo, hi) in enumerate(boxes):
        for ref2, y2, lo2, hi2 in boxes[i + 1 :]:
            if ref == ref2 and abs(y - y2) < 0.3:
                assert hi <= lo2 or hi2 <= lo, (boxes[i], (ref2, y2, lo2, hi2))


def test_zoom_is_the_autumn_of_2015(events):
    fig = zoomed_timeline(events)
    dates = events.set_index("id").loc[plotted_ids(fig)]
    assert "su24-shootdown-2015" in dates.index
    assert (dates["end_date"].fillna(dates["date"]) >= "2015-09-01").all() and (dates["date"] <= "2015-12-01").all()


def test_focus_view_shows_the_events_of_given_paragraphs(events):
    fig = focus_timeline(events, ["p07", "p08"])
    background = events[events["period"] == "background"]
    assert sorted(plotted_ids(fig)) == sorted(events_for(background, ["p07", "p08"])["id"])
    later = plotted_ids(focus_timeline(events, ["p04"], epilogue=True))
    assert "russia-acknowledges-special-forces-syria-2016" in later
    assert "russia-acknowledges-special-forces-syria-2016" not in plotted_ids(focus_timeline(events, ["p04"]))
    assert not plotted_ids(focus_timeline(events, []))


def test_an_early_outlier_gets_a_panel_behind_a_break(events):
    fig = focus_timeline(events, ["p05", "p06", "p07", "p08", "p09", "p10", "p11", "p12"])
    assert fig.layout.xaxis.title.text == "(axis break)"
    narrow = fig.layout.xaxis.domain[1] - fig.layout.xaxis.domain[0]
    assert narrow < 0.2
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis2.range)
    assert start > pd.Timestamp("1990-01-01"), "the 1971 accord no longer stretches the main axis"


def test_epilogue_shows_what_came_after(events):
    ids = plotted_ids(epilogue_timeline(events))
    assert {"erdogan-letter-regret-2016", "karlov-assassination-2016"} <= set(ids)


def test_text_alternative_lists_exactly_what_is_plotted(events):
    fig = zoomed_timeline(events)
    alt = timeline_table(events, fig)
    assert f"{len(plotted_ids(fig))} events plotted" in repr(alt)
    assert "Turkish F-16 shoots down Russian Su-24M" in alt._repr_html_()


def test_fact_checks_show_each_source_once_with_its_kind_and_hindsight(events):
    checks = fact_checks(events, ["p04"])
    text = repr(checks)
    for box in text.split("\n\n"):  # one callout per event: each source listed once in it
        urls = re.findall(r"<(https?://[^>]+)>", box)
        assert urls and len(urls) == len(set(urls)), box
    assert re.search(r"\((primary|wire service|press|scholarly|reference|state media)\)", text)
    assert "Hindsight" in text or "Knowable" in text


def test_the_day_a_check_became_public_is_written_to_its_precision(events):
    tartus = events[events["id"] == "tartus-naval-facility-1971"].copy()
    assert "these facts were public by 2012." in repr(fact_checks(tartus))  # a year, not "1 Jan 2012"
    tartus["check_public_from"], tartus["check_public_precision"] = pd.Timestamp("2016-10-01"), "month"
    assert "Hindsight: these facts became public in Oct 2016, after the essay appeared." in repr(fact_checks(tartus))
    tartus["check_public_from"], tartus["check_public_precision"] = pd.Timestamp("2016-10-10"), "day"
    assert "became public on 10 Oct 2016," in repr(fact_checks(tartus))


def test_html_in_data_is_escaped(events):
    hostile = events.head(3).copy()
    hostile["title"] = "<img src=x onerror=alert(1)>"
    hostile["essay_check"] = "<script>x</script>"
    hostile["check_public_from"], hostile["check_public_precision"] = hostile["date"], "day"
    hostile["paragraphs"] = [("p01",)] * 3
    fig = focus_timeline(hostile, ["p01"])
    hover = " ".join(_marker_traces(fig)[0].hovertext)
    assert "<img" not in hover and "&lt;img" in hover and "<br>" in hover
    assert "<img" not in timeline_table(hostile)._repr_html_()
    assert "<script>" not in fact_checks(hostile)._repr_html_()


def test_large_files_switch_to_webgl(events):
    big = pd.concat([events] * (2 * WEBGL_THRESHOLD // len(events)), ignore_index=True)
    big["id"] = [f"e{i}" for i in range(len(big))]
    for leader in ("yeltsin-resigns-1999", "medvedev-inauguration-2008", "putin-third-term-inauguration-2012"):
        big.loc[big.index[big["id"] == big.loc[events.index[events["id"] == leader][0], "id"]], "id"] = leader
    assert {t.type for t in _marker_traces(overview_timeline(big))} == {"scattergl"}
    assert {t.type for t in _marker_traces(overview_timeline(events))} == {"scatter"}


def test_lanes_cannot_be_zoomed_so_no_drag_strip_covers_the_top_row_of_marks(events):
    for fig in (overview_timeline(events), lens_timeline(events, "both")):
        axes = [fig.layout[name] for name in fig.layout if name.startswith("yaxis")]
        assert axes and all(axis.fixedrange for axis in axes)


# ---------------------------------------------------------------- many events: aggregated marks


def _many(events, size):
    """`size` events from the course's, with ids as long as the course's, so sizes are realistic."""
    return synthetic_events(events, size, ids="long")


def _counts(fig):
    """(ids, count its hover gives) for every mark: an aggregated mark's hover starts with '<b>N events</b>'."""
    for trace in _marker_traces(fig):
        for ids, hover in zip(trace.customdata, trace.hovertext, strict=True):
            counted = re.match(r"<b>(\d+) events</b>", hover)
            yield ids.split(), int(counted.group(1)) if counted else 1


@pytest.fixture(scope="module")
def crowd(events):
    """100,000 events in the overview's years and its figure."""
    many = _many(events, 100_000)
    return many, overview_timeline(many)


def test_a_hundred_thousand_events_make_a_figure_under_5_mb(crowd):
    _, fig = crowd
    assert len(pio.to_json(fig, engine="json")) < 5_000_000
    assert 100 < sum(len(t.x) for t in _marker_traces(fig)) < 20_000
    assert sum(len(t.x) for t in fig.data if t.type == "bar") < 500  # overlapping spans merged into one bar


def test_every_event_is_counted_once_across_the_aggregated_marks(crowd):
    many, fig = crowd
    shown = _within(many, *OVERVIEW_RANGE)
    marks = list(_counts(fig))
    assert any(count > 1 for _, count in marks)
    assert all(len(ids) == count for ids, count in marks)
    assert sorted(i for ids, _ in marks for i in ids) == sorted(shown["id"])
    assert sorted(plotted_ids(fig)) == sorted(shown["id"])


def test_an_aggregated_marks_hover_names_a_few_of_its_events_and_counts_the_rest(crowd):
    many, fig = crowd
    titles = many.set_index("id")["title"]
    trace = next(t for t in _marker_traces(fig) if any(" " in ids for ids in t.customdata))
    ids, hover = next((ids.split(), h) for ids, h in zip(trace.customdata, trace.hovertext, strict=True) if len(ids.split()) > 5)
    lines = _visible_text(hover).split("\n")
    assert lines[0] == f"{len(ids)} events" and " – " in lines[1] and lines[1].endswith(f" · {trace.name}")
    assert lines[2:5] == [f"• {titles[i] if len(titles[i]) <= 60 else titles[i][:59].rstrip() + '…'}" for i in ids[:3]]
    assert lines[5] == f"and {len(ids) - 3} more" and len(lines) == 6


def test_an_aggregated_hover_cuts_long_titles_and_counts_what_it_does_not_name():
    from helpers.timeline import BIN_TITLES, _bin_hover

    titles = ["x" * 60, "y" * 58 + " tail", "Short", "Fourth", "Fifth"]
    columns = {
        "title": titles,
        "date": ["2015-09-30", "2015-10-01", "2015-10-02", "2015-10-03", "2015-10-31"],
        "date_precision": ["day", "day", "day", "day", "month"],
        "reading": ["realist"] * 5,
    }
    assert BIN_TITLES == 3
    lines = _visible_text(_bin_hover(columns, 0, 5)).split("\n")
    assert lines == ["5 events", "30 Sep 2015 – Oct 2015 · Realist", "• " + "x" * 60, "• " + "y" * 58 + "…", "• Short", "and 2 more"]
    assert _visible_text(_bin_hover(columns, 1, 4)).split("\n")[-1] == "• Fourth", "three events: all named, none counted"
    assert _visible_text(_bin_hover(columns, 2, 4)).split("\n")[:2] == ["2 events", "2 Oct 2015 – 3 Oct 2015 · Realist"]


def test_with_many_events_a_lone_or_labelled_event_keeps_its_own_mark_and_hover(events):
    crowded = _many(events, 5_000)
    crowded = crowded[crowded["category_label"] != "Energy"]
    lone = events[events["category_label"] == "Energy"].head(2)  # alone in their lane
    named = crowded[crowded["label"] != ""].iloc[[10, 20]]  # labelled: in crowded lanes, yet drawn on their own
    everything = pd.concat([crowded, lone])
    fig = window_timeline(everything, *OVERVIEW_RANGE, "Many", labelled=set(named["id"]))
    assert any(count > 1 for _, count in _counts(fig))
    assert f"{len(everything)} events plotted" in repr(timeline_table(everything, fig))  # the text alternative lists them all
    for row in pd.concat([lone, named]).itertuples():
        assert _hover_of(fig, row.id) == _hover(row)
    assert {html.unescape(a.text) for a in fig.layout.annotations} >= set(named["label"])


def test_rings_on_an_aggregated_lens_figure_sit_on_its_marks(events):
    many = _many(events, 6_000)  # over the threshold after the lens's filter
    fig = lens_timeline(many, "realist", highlight=list(many["id"]))
    assert any(" " in ids for t in _marker_traces(fig) for ids in t.customdata)
    marks = {(pd.Timestamp(x), y) for t in _marker_traces(fig) for x, y in zip(t.x, t.y, strict=True)}
    ringed = [(pd.Timestamp(x), y) for t in fig.data if t.name == "Bears on this claim" for x, y in zip(t.x, t.y, strict=True)]
    assert len(ringed) == len(set(ringed)) == len(marks)


def test_a_focus_with_no_events_says_so_in_its_title(events):
    assert focus_timeline(events, []).layout.title.text == "No events"
    assert focus_timeline(events, [], title="Paragraph 99").layout.title.text == "Paragraph 99"
    assert focus_timeline(events, ["p07", "p08"]).layout.title.text == "Events behind paragraphs p07–p08"


@pytest.mark.parametrize(
    "days, ticks",
    [(199, "%b"), (200, "%b %Y"), (4 * 365 - 1, "%b %Y"), (4 * 365, "%Y")],
)
def test_ticks_name_months_for_a_season_months_and_years_up_to_four_years_then_years(days, ticks):
    from helpers.timeline import _tick_format

    assert _tick_format(pd.Timedelta(days=days)) == ticks


def test_hover_text_already_written_is_kept(events):
    from helpers.timeline import with_hover

    written = events.assign(hover="kept")
    assert with_hover(written) is written
    assert list(with_hover(events)["hover"]) == [_hover(row) for row in events.itertuples()]


def test_marks_on_the_first_axes_are_found_on_x_and_y():
    from helpers.timeline import drawn_marks

    fig = go.Figure(go.Scatter(x=["2015-11-24"], y=[1.5], customdata=["a b"]))
    fig.add_trace(go.Scatter(x=["2015-09-30"], y=[2], customdata=["c"], xaxis="x2", yaxis="y2"))
    fig.add_trace(go.Scatter(x=["2015-01-01"], y=[0]))  # no events: a band or a ring
    assert drawn_marks(fig) == {
        "a": (("x", "y"), pd.Timestamp("2015-11-24"), 1.5),
        "b": (("x", "y"), pd.Timestamp("2015-11-24"), 1.5),
        "c": (("x2", "y2"), pd.Timestamp("2015-09-30"), 2.0),
    }
