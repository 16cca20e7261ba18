"""Timeline figures of the events: plain functions that return a `go.Figure`.

Lanes are categories; colour is the reading an event is evidence for, from one
colour-blind-safe palette (Okabe and Ito).  Point events are markers, spans are
bars on the same date axis.  Every figure has a text alternative: `timeline_table`.
"""

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .dates import event_written, written
from .errors import CourseDataError, Location
from .essay import read_metadata
from .events import essay_checks, events_for, knowable
from .render import bold, callout, clipped, figure_text, folded, italic, stacked, table, title_lines, two_lines, wrap
from .vocabulary import (
    AXIS_TEXT,
    CATEGORY_LABELS,
    GRID,
    INK,
    LABEL_BACKGROUND,
    LEADER,
    LENS_ADJECTIVES,
    PALETTE,
    READING_COLOURS,
    READING_NAMES,
    READING_SYMBOLS,
    SOURCE_KINDS,
)

BAND_COLOURS = (PALETTE["yellow"], PALETTE["sky blue"], PALETTE["green"], PALETTE["sky blue"])
WEBGL_THRESHOLD = 2000  # above this many markers, draw with WebGL
# Above this many events (the course has under 200), marks a few pixels apart are drawn as one, with a count.
AGGREGATE_THRESHOLD = 2000
BIN_PX = 4  # width of a bin of aggregated marks, in pixels of the plot
BIN_TITLES = 3  # titles named in an aggregated mark's hover
# Leadership periods, bounded by events in the data (id of the event that opens each period).
LEADERS = (
    ("Yeltsin", None),
    ("Putin", "yeltsin-resigns-1999"),
    ("Medvedev", "medvedev-inauguration-2008"),
    ("Putin", "putin-third-term-inauguration-2012"),
)
OVERVIEW_RANGE = ("1995-01-01", "2015-12-01")
ZOOM_RANGE = ("2015-09-01", "2015-12-01")
ZOOM_SHARE = 0.35  # width of the enlarged autumn of 2015 beside the overview
BREAK_SHARE = 0.12  # width of the panel that holds an early outlier behind an axis break
SAME_DAY_STEP = 0.22  # lane heights between same-day events in one lane
UNIT_PX = 46  # pixels per unit of the vertical axis: a lane without labels is one unit high
LEVEL_UNITS = 0.34  # height of one row of labels, in units
PLOT_PX = 620  # plot width assumed when placing labels (an 800 px page with the lane names)
LABEL_PX_PER_CHAR = 6.4  # at 11 px Arial
MAX_LABELS = 60  # beyond this many named events a figure is labelled by hover only
EPILOGUE_RANGE = ("2015-11-15", "2017-01-01")


# A light template defined once: plotly's built-in ones add ~8 KB to every stored figure.
TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family="Arial, sans-serif", size=12, color=AXIS_TEXT),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(gridcolor=GRID, linecolor=GRID, zeroline=False),
        yaxis=dict(gridcolor=GRID, linecolor=GRID, zeroline=False),
        # Dark text on white, framed in the mark's colour: white on vermilion, pink or grey is too faint to read.
        hoverlabel=dict(align="left", bgcolor="white", font=dict(color=INK)),
    )
)


def with_hover(events):
    """The events with their hover text computed once (figures reuse it)."""
    if "hover" in events:
        return events
    return events.assign(hover=[_hover(row) for row in events.itertuples()])


def _hover(row):
    """Hover text: the title, date and reading, the summary and the first source (its title cut at 90 characters), each line escaped on its own.

    Every line, the title too, is wrapped, so that the tooltip fits a phone-width figure.
    """
    source = row.sources[0]
    more = f" (+{len(row.sources) - 1} more)" if len(row.sources) > 1 else ""
    return figure_text(
        *title_lines(row.title),
        f"{event_written(row)} · {READING_NAMES[row.reading]}",
        *wrap(row.summary),
        *(italic(line) for line in wrap(f"Source: {source.publisher}, {clipped(source.title)}{more}")),
    )


def _lanes(events):
    order = list(CATEGORY_LABELS.values())
    present = set(events["category_label"])
    return [lane for lane in order if lane in present]


def _label_levels(events, labelled, panels, plot_px=PLOT_PX):
    """id -> (level, anchor) for each labelled event: rows above (1, 2, ...) or below (-1, -2, ...) its mark.

    Labels are placed left to right, each in the nearest row where it overlaps no other
    label of its lane; near a panel's edge a label is anchored so that it stays inside.
    """
    chosen = events[events["id"].isin(list(labelled)) & (events["label"] != "")]
    if len(chosen) > MAX_LABELS:  # a file far larger than the course's: marks and hover only
        return {}
    placed, taken = {}, {}
    for start, end, share, _ in panels:
        width = plot_px * share
        px_per_ms = width / max((end - start).total_seconds() * 1000, 1)
        for row in chosen[(chosen["date"] >= start) & (chosen["date"] <= end)].sort_values("date").itertuples():
            centre = (row.date - start).total_seconds() * 1000 * px_per_ms
            size = LABEL_PX_PER_CHAR * len(row.label) + 8
            anchor, left = "center", centre - size / 2
            if left < 0:
                anchor, left = "left", centre - 4
            elif left + size > width:
                anchor, left = "right", centre - size + 4
            right = left + size
            rows_nearest_first = (sign * distance for distance in range(1, len(chosen) + 1) for sign in (1, -1))
            level = next(  # a lane of n labels never needs more than n rows above and n below
                level
                for level in rows_nearest_first
                if not any(lo <= right and hi >= left for lo, hi in taken.get((start, row.category_label, level), ()))
            )
            taken.setdefault((start, row.category_label, level), []).append((left, right))
            placed[row.id] = (level, anchor)
    return placed


def _lane_centres(lanes, levels, events):
    """lane -> its centre on the vertical axis (top lane highest), leaving room for each lane's rows of labels."""
    labelled = events[events["id"].isin(list(levels))]
    lane_of = dict(zip(labelled["id"], labelled["category_label"], strict=True))
    above, below = dict.fromkeys(lanes, 0), dict.fromkeys(lanes, 0)
    for event_id, (level, _) in levels.items():
        lane = lane_of[event_id]
        above[lane], below[lane] = max(above[lane], level), max(below[lane], -level)
    centres, y = {}, 0.0
    for lane in lanes:
        y -= 0.5 + above[lane] * LEVEL_UNITS
        centres[lane] = y
        y -= 0.5 + below[lane] * LEVEL_UNITS
    return {lane: c - y for lane, c in centres.items()}, -y


def _positions(events, centres):
    """Each event's height: its lane's centre, with same-day events in a lane spread apart so each can be seen and hovered."""
    base = events["category_label"].map(centres)
    same_day = events.groupby(["category_label", "date"])
    rank, size = same_day.cumcount(), same_day["id"].transform("size")
    return base + (rank - (size - 1) / 2) * SAME_DAY_STEP


def _panel(start, end, share=1.0, title="Date"):
    """One panel of a timeline: a date range, its share of the width and its axis title."""
    return pd.Timestamp(start), pd.Timestamp(end), share, title


def _add_events(fig, events, colours, panels, keep=()):
    """Per panel, one marker trace and one span trace per reading (events carry their height `y`).

    Above `AGGREGATE_THRESHOLD` events, marks of one lane and reading closer than `BIN_PX`
    are drawn as one mark whose hover counts them (`_binned`), and overlapping spans as one
    bar; an event alone in its bin, or in `keep` (the labelled ones), keeps its own mark.
    """
    scatter = go.Scattergl if len(events) > WEBGL_THRESHOLD else go.Scatter
    aggregate = len(events) > AGGREGATE_THRESHOLD
    for col, (start, end, share, _) in enumerate(panels, start=1):
        bin_width = (end - start) * BIN_PX / (PLOT_PX * share)
        for reading, colour in colours.items():
            subset = events[events["reading"] == reading]
            spans = _within(subset[subset["end_date"].notna()], start, end)
            if not spans.empty:
                left, right = spans["date"].clip(lower=start), spans["end_date"].clip(upper=end)
                if aggregate:
                    spans, left, right = _merged(spans, left, right, bin_width)
                fig.add_trace(
                    go.Bar(
                        base=left,
                        x=(right - left).dt.total_seconds() * 1000,
                        y=spans["y"],
                        orientation="h",
                        marker_color=colour,
                        opacity=0.45,
                        width=0.3,
                        name=READING_NAMES[reading],
                        legendgroup=reading,
                        showlegend=False,
                        hoverinfo="skip",
                    ),
                    row=1,
                    col=col,
                )
                cut = spans[spans["end_date"] > end]
                if not cut.empty:  # a span that runs on past the panel: an arrowhead at the edge
                    fig.add_trace(
                        go.Scatter(
                            x=[end] * len(cut),
                            y=cut["y"],
                            mode="markers",
                            marker=dict(symbol="triangle-right", size=9, color=colour),
                            showlegend=False,
                            hoverinfo="skip",
                            name="continues",
                        ),
                        row=1,
                        col=col,
                    )
            # A span that began before the first panel is marked at its left edge; its hover gives the real dates.
            begun = (subset["date"] >= start) | ((col == 1) & (subset["end_date"].fillna(subset["date"]) >= start))
            points = subset[begun & (subset["date"] <= end)]
            if points.empty:
                continue
            x, y, hover, ids = (
                _binned(points, start, bin_width, keep)
                if aggregate
                else (points["date"].clip(lower=start), points["y"], points["hover"], points["id"])
            )
            fig.add_trace(
                scatter(
                    x=x,
                    y=y,
                    mode="markers",
                    **({"cliponaxis": False} if scatter is go.Scatter else {}),  # WebGL traces have no clipping option
                    name=READING_NAMES[reading],
                    legendgroup=reading,
                    showlegend=reading not in {t.legendgroup for t in fig.data if t.showlegend is not False},
                    marker=dict(color=colour, size=10, symbol=READING_SYMBOLS[reading], line=dict(width=1, color="white")),
                    hovertext=hover,
                    hoverinfo="text",
                    hoverlabel=dict(bordercolor=colour),
                    customdata=ids,
                ),
                row=1,
                col=col,
            )


def _merged(spans, left, right, gap):
    """Spans in one row that overlap or lie within `gap` of each other, as one span each: (rows, left, right)."""
    order = pd.DataFrame({"y": spans["y"], "left": left, "right": right, "end_date": spans["end_date"]}).sort_values(["y", "left"])
    reach = order.groupby("y")["right"].cummax()
    new = (order["y"] != order["y"].shift()) | (order["left"] > reach.groupby(order["y"]).shift() + gap)
    merged = order.groupby(new.cumsum()).agg(y=("y", "first"), left=("left", "min"), right=("right", "max"), end_date=("end_date", "max"))
    return merged, merged["left"], merged["right"]


def _binned(points, start, width, keep=()):
    """Marks for many events: per lane row, events within one bin of `width` become one mark.

    Returns x, y, hover text and customdata.  A bin's mark sits at its events' mean date;
    its hover says how many events, their dates and the first `BIN_TITLES` titles; its
    customdata is its events' ids joined by spaces (ids are slugs).  An event alone in its
    bin, or in `keep`, is drawn as usual, with its own hover and id.
    """
    x = points["date"].clip(lower=start)
    alone = points["id"].isin(list(keep)).to_numpy()
    key = np.where(alone, -1 - np.arange(len(points)), ((x - start) // width).to_numpy())
    order = points.assign(x=x, key=key).sort_values(["y", "key", "date", "id"])
    ys, keys = order["y"].to_numpy(), order["key"].to_numpy()
    firsts = np.r_[0, np.flatnonzero((ys[1:] != ys[:-1]) | (keys[1:] != keys[:-1])) + 1]
    sizes = np.diff(np.r_[firsts, len(order)])
    offsets = (order["x"] - start).dt.total_seconds().to_numpy()
    mean_x = start + pd.to_timedelta(np.add.reduceat(offsets, firsts) / sizes, unit="s")
    columns = {name: order[name].tolist() for name in ("id", "title", "date_precision", "reading")}
    columns["date"] = order["date"].to_numpy()  # as Timestamps only where a hover names one
    singles = iter(with_hover(order.iloc[firsts[sizes == 1]])["hover"])
    hover, ids = [], []
    for a, size in zip(firsts.tolist(), sizes.tolist(), strict=True):
        hover.append(next(singles) if size == 1 else _bin_hover(columns, a, a + size))
        ids.append(" ".join(columns["id"][a : a + size]))
    return mean_x, ys[firsts], hover, ids


def _bin_hover(columns, a, b):
    """Hover text for an aggregated mark (rows a to b of `_binned`'s columns): how many, when, and the first few titles."""
    titles = [f"• {clipped(t, 60)}" for t in columns["title"][a : min(b, a + BIN_TITLES)]]
    more = [italic(f"and {b - a - BIN_TITLES} more")] if b - a > BIN_TITLES else []
    first, last = (written(pd.Timestamp(columns["date"][n]), columns["date_precision"][n]) for n in (a, b - 1))
    return figure_text(bold(f"{b - a} events"), f"{first} – {last} · {READING_NAMES[columns['reading'][a]]}", *titles, *more)


def _axes(fig, col):
    """The x and y axis references ("x2", "y2") of the figure's panel `col`."""
    panel = fig.get_subplot(1, col)
    return panel.xaxis.plotly_name.replace("axis", ""), panel.yaxis.plotly_name.replace("axis", "")


def _labels(fig, events, levels, panels):
    """The short labels, in the rows `_label_levels` chose, as annotations; rows beyond the nearest get a leader line."""
    labels = []
    for col, (start, end, *_) in enumerate(panels, start=1):
        here = events[events["id"].isin(list(levels)) & (events["date"] >= start) & (events["date"] <= end)]
        axis, _ = _axes(fig, col)
        for row in here.itertuples():
            level, anchor = levels[row.id]
            label_y = row.lane_y + (1 if level > 0 else -1) * (0.3 + (abs(level) - 1) * LEVEL_UNITS)
            leader = abs(level) > 1  # a row beyond the nearest: draw a line from the label to its mark
            labels.append(
                dict(
                    x=row.date,
                    y=row.y if leader else label_y,
                    xref=axis,
                    yref="y",
                    text=figure_text(row.label),
                    showarrow=leader,
                    ax=row.date,
                    ay=label_y,
                    axref=axis,
                    ayref="y",
                    arrowhead=0,
                    arrowwidth=1,
                    arrowcolor=LEADER,
                    standoff=6,
                    xanchor=anchor,
                    yanchor="middle",
                    font=dict(size=11, color=INK),
                    bgcolor=LABEL_BACKGROUND,
                )
            )
    return labels


def _leader_bands(fig, events, panels):
    """A shaded band per leader, dated by the leaders' own events in the whole course data: (shapes, annotations)."""
    by_id = events.set_index("id")["date"]
    missing = [opening for _, opening in LEADERS if opening is not None and opening not in by_id]
    if missing:
        raise CourseDataError(Location("events.csv", whole_file=True), f"the leader bands need the event {missing[0]!r}, which is missing")
    first, last = panels[0][0], panels[-1][1]
    starts = [first if opening is None else by_id[opening] for _, opening in LEADERS]
    shapes, names = [], []
    for col, (start, end, *_) in enumerate(panels, start=1):
        x, y = _axes(fig, col)
        for index, (leader, _) in enumerate(LEADERS):
            left = max(starts[index], start)
            right = min(starts[index + 1] if index + 1 < len(starts) else last, end)
            if right <= left:
                continue
            shapes.append(
                dict(type="rect", x0=left, x1=right, xref=x, y0=0, y1=1, yref=f"{y} domain", fillcolor=BAND_COLOURS[index], opacity=0.12)
                | dict(line=dict(width=0), layer="below")
            )
            names.append(
                dict(
                    x=left + (right - left) / 2,
                    y=1.0,
                    xref=x,
                    yref="paper",
                    yanchor="bottom",
                    text=leader,
                    showarrow=False,
                    font=dict(size=11),
                )
            )
    return shapes, names


def _tick_format(span):
    """Month names for a stretch of months (the year is in the axis title), months and years up to four years, else years."""
    if span < pd.Timedelta(days=200):
        return "%b"
    return "%b %Y" if span < pd.Timedelta(days=4 * 365) else "%Y"


def _placed(events, panels, labelled=()):
    """The events with their hover text, lane centre `lane_y`, height `y`, and label rows; plus the axis height.

    Above `AGGREGATE_THRESHOLD` events, hover text is left to `_add_events`, which writes it
    only for the marks it draws on their own.
    """
    events = events if len(events) > AGGREGATE_THRESHOLD else with_hover(events)
    lanes = _lanes(events)
    levels = _label_levels(events, labelled, panels)
    centres, height = _lane_centres(lanes, levels, events)
    events = events.assign(lane_y=events["category_label"].map(centres), y=_positions(events, centres))
    return events, levels, centres, height


def _figure(events, title, panels, bands=None, colours=READING_COLOURS, labelled=()):
    """A timeline of `events` in one or more side-by-side `panels` (see `_panel`).

    `bands`, the whole course's events, adds the leader bands; `labelled` are the ids
    of events to label on the figure.
    """
    placed, levels, centres, height = _placed(events, panels, labelled)
    if len(placed) > AGGREGATE_THRESHOLD:  # one row per reading in each lane, as marks there are binned by reading
        rows = {reading: n - (len(colours) - 1) / 2 for n, reading in enumerate(colours)}
        placed = placed.assign(y=placed["lane_y"] + placed["reading"].map(rows).fillna(0) * SAME_DAY_STEP)
    fig = make_subplots(rows=1, cols=len(panels), shared_yaxes=True, horizontal_spacing=0.025, column_widths=[p[2] for p in panels])
    _add_events(fig, placed, colours, panels, keep=set(levels))
    annotations, shapes = _labels(fig, placed, levels, panels), []
    if bands is not None:
        shapes, names = _leader_bands(fig, bands, panels)
        annotations += names
    fig.update_layout(annotations=annotations, shapes=shapes)  # at once: plotly checks a list again each time it grows
    for col, (start, end, share, axis_title) in enumerate(panels, start=1):
        # Outer edges get 3% of the span; where two panels meet, room for a ring (18 px at 620 px), at most 45 days.
        inner = min((end - start) * 18 / (PLOT_PX * share), pd.Timedelta(days=45))
        left, right = ((end - start) * 0.03 if outer else inner for outer in (col == 1, col == len(panels)))
        narrow = dict(tickformat="%Y", nticks=2) if share < 0.2 else dict(tickformat=_tick_format(end - start), nticks=6)
        fig.update_xaxes(
            title=axis_title,
            type="date",
            range=[start - left, end + right],
            ticklabeloverflow="hide past domain",  # where two panels meet, their edge labels would overlap
            automargin=True,  # a legend wrapped onto several rows at a narrow width must not push the title onto the ticks
            row=1,
            col=col,
            **narrow,
        )
    fig.update_yaxes(
        title=dict(text="Category", standoff=12),
        tickvals=list(centres.values()),
        ticktext=[two_lines(lane) for lane in centres],
        range=[0, max(height, 1)],
        automargin=True,
        showgrid=False,
        row=1,
        col=1,
    )
    fig.update_yaxes(fixedrange=True)  # lanes, not a scale: no y zoom, and no drag strip over the top and bottom rows of marks
    fig.update_layout(
        title=dict(text=figure_text(title), x=0.01, y=0.98, yanchor="top"),
        legend=dict(title="Evidence for", orientation="h", x=0, xanchor="left", y=0, yanchor="bottom", yref="container"),
        barmode="overlay",
        height=190 + int(UNIT_PX * max(height, 1)),
        margin=dict(l=10, r=15, t=70, b=110),
        template=TEMPLATE,
    )
    return fig


def _within(events, start, end):
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    last = events["end_date"].fillna(events["date"])
    return events[(events["date"] <= end) & (last >= start)]


def _overview_events(events):
    """The background events that fall within 1995–2015."""
    return _within(events[events["period"] == "background"], *OVERVIEW_RANGE)


def _labelled_ids(events, paragraph_ids=None):
    """Ids of the events that the given paragraphs (or any paragraph) name or rest on: the ones a figure labels.

    Events given only as context are left to the hover.
    """
    wanted = None if paragraph_ids is None else set(paragraph_ids)
    return {
        event_id
        for event_id, relations in zip(events["id"], events["relations"], strict=True)
        if any(relation in ("names", "implies") and (wanted is None or p in wanted) for p, relation in relations.items())
    }


ENLARGED_AUTUMN = "Sep–Nov 2015"  # short enough to sit under the narrow enlarged panel; the prose says it is enlarged


def _overview_panels():
    """1995 to August 2015, and the essay's own autumn enlarged beside it."""
    autumn = _panel(ZOOM_RANGE[0], ZOOM_RANGE[1], ZOOM_SHARE, ENLARGED_AUTUMN)
    return [_panel(OVERVIEW_RANGE[0], autumn[0] - pd.Timedelta(days=1), 1 - ZOOM_SHARE, "1995–Aug 2015"), autumn]


def overview_timeline(events):
    """1995–2015 with the essay's own autumn enlarged beside it; lanes by category, bands for each leader."""
    shown = _overview_events(events)
    return _figure(shown, "Events behind the essay, 1995–2015", _overview_panels(), bands=events, labelled=_labelled_ids(shown))


def window_timeline(events, start, end, title, labelled=()):
    """Any date window, e.g. the autumn of 2015; no leader bands."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    last = end.year - 1 if end == pd.Timestamp(end.year, 1, 1) else end.year  # a window ending on 1 January ends the year before
    years = f"{start.year}" if start.year == last else f"{start.year}–{last}"
    return _figure(_within(events, start, end), title, [_panel(start, end, title=f"Date ({years})")], labelled=labelled)


def zoomed_timeline(events):
    """September–November 2015: the intervention, the shoot-down and the first responses."""
    autumn = events[events["period"] == "background"]
    return window_timeline(autumn, *ZOOM_RANGE, "Autumn 2015: intervention and shoot-down", labelled=_labelled_ids(autumn))


def epilogue_timeline(events):
    """After the essay: what happened between Russia and Turkey through 2016, its key events labelled."""
    labelled = set(events.loc[events["period"] == "epilogue", "id"])
    return window_timeline(events, *EPILOGUE_RANGE, "After the essay: November 2015 – December 2016", labelled=labelled)


def _focus_panels(dates):
    """Panels for a focus figure: from its first to its last event, with two refinements.

    An early outlier that would leave most of the axis empty gets a narrow panel behind a
    break; when the events run over years and crowd into the autumn of 2015, that autumn
    is enlarged in a panel of its own.
    """
    ordered = dates.sort_values().reset_index(drop=True)
    first, last = ordered.iloc[0], ordered.iloc[-1]
    pad = max((last - first) * 0.02, pd.Timedelta(days=20))
    panels, start = [], first - pad
    gaps = ordered.diff()
    widest = gaps.idxmax() if len(ordered) >= 4 else None
    if widest is not None and widest <= 2 and gaps.max() > (last - first) * 0.5:
        panels.append(_panel(start, ordered.iloc[widest - 1] + pad, BREAK_SHARE, "(axis break)"))
        start = ordered.iloc[widest] - pad
    autumn_start, autumn_end = pd.Timestamp(ZOOM_RANGE[0]), pd.Timestamp(ZOOM_RANGE[1])
    if ordered.between(autumn_start, autumn_end).sum() >= 3 and autumn_start - start > pd.Timedelta(days=730):
        autumn = _panel(autumn_start, max(last + pd.Timedelta(days=3), autumn_end), ZOOM_SHARE, ENLARGED_AUTUMN)
        main = (start, autumn_start - pd.Timedelta(days=1))
    else:
        autumn, main = None, (start, last + pad)
    share = 1 - sum(p[2] for p in panels) - (ZOOM_SHARE if autumn else 0)
    panels.append(_panel(*main, share, "Date"))
    return panels + ([autumn] if autumn else [])


def focus_timeline(events, paragraph_ids, title=None, epilogue=False):
    """The events one stretch of the essay leans on (what the author could know, unless `epilogue`).

    The events the paragraphs name or rest on are labelled; spans running on past the axis end in an arrowhead.
    """
    focus = events_for(events if epilogue else events[events["period"] == "background"], paragraph_ids)
    if focus.empty:
        return _figure(focus, title or "No events", [_panel(*OVERVIEW_RANGE)])
    label = title or f"Events behind paragraphs {paragraph_ids[0]}–{paragraph_ids[-1]}"
    return _figure(focus, label, _focus_panels(focus["date"]), labelled=_labelled_ids(focus, paragraph_ids))


def lens_timeline(events, lens, highlight=()):
    """The 1995–2015 events as one reading sees them.

    With lens 'realist' or 'domestic', only that reading's evidence (and evidence for
    both) is shown, all in that reading's colour; with 'both', every event in its own
    colour.  Events in `highlight` are ringed.  Leader bands always come from the whole data.
    """
    return ring_events(lens_base(events, lens), highlight)


def _lens_events(events, lens):
    background = _overview_events(events)
    return background if lens == "both" else background[background["reading"].isin([lens, "both"])]


def lens_base(events, lens):
    """`lens_timeline` without rings: the part that does not depend on the claim, worth keeping."""
    colours = READING_COLOURS if lens == "both" else {lens: READING_COLOURS[lens], "both": READING_COLOURS[lens]}
    return _figure(
        _lens_events(events, lens),
        f"{LENS_ADJECTIVES[lens]} lens: the evidence, 1995–2015",
        _overview_panels(),
        bands=events,
        colours=colours,
    )


def ring_events(base, highlight=()):
    """A copy of a `lens_base` figure with the events in `highlight` ringed, where the base draws them."""
    fig = go.Figure(base)  # a copy; to_dict() would turn arrays into base64 blocks
    for trace in ring_traces(drawn_marks(base), highlight):
        fig.add_trace(go.Scatter(**trace))
    return fig


def drawn_marks(fig):
    """id -> (axes, date, height) of the mark that draws each event (an aggregated mark draws several)."""
    return {
        i: ((trace.xaxis or "x", trace.yaxis or "y"), pd.Timestamp(x), float(y))
        for trace in fig.data
        if trace.customdata is not None
        for entry, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
        for i in entry.split()  # an aggregated mark's customdata holds its events' ids
    }


def ring_traces(drawn, highlight=()):
    """Plain trace dicts that ring the marks (`drawn_marks`) of the events in `highlight`: one per axes, one ring per mark.

    Keys are in the order plotly writes them, so a widget can add these to a figure's JSON as they are.
    """
    ringed = sorted({drawn[i] for i in set(highlight) & set(drawn)})
    traces = []
    for axes in dict.fromkeys(axes for axes, *_ in ringed):
        here = [(x, y) for on, x, y in ringed if on == axes]
        traces.append(
            dict(
                cliponaxis=False,
                hoverinfo="skip",
                legendgroup="ringed",
                marker=dict(color="black", line=dict(width=2), size=20, symbol="circle-open"),
                mode="markers",
                name="Bears on this claim",
                showlegend=not traces,
                x=[x for x, _ in here],
                xaxis=axes[0],
                y=[y for _, y in here],
                yaxis=axes[1],
            )
        )
    return traces


def plotted_ids(fig):
    """The ids of the events a figure draws, in trace order (each event of an aggregated mark counted)."""
    return [i for trace in fig.data if trace.customdata is not None for entry in trace.customdata for i in entry.split()]


def timeline_table(events, fig=None):
    """The text alternative to a timeline: what is plotted, as a table (only `fig`'s events if given)."""
    if fig is not None:
        events = events.set_index("id").loc[plotted_ids(fig)].reset_index().sort_values(["date", "id"])
    rows = [
        (event_written(r), r.title, r.category_label, READING_NAMES[r.reading], f"{r.sources[0].publisher}: {r.sources[0].title}")
        for r in events.itertuples()
    ]
    plotted = table(("Date", "Event", "Category", "Evidence for", "Source"), rows, caption=f"{len(rows)} events plotted")
    summary = f"Text alternative: the {len(rows)} events in the figure, as a table"
    return folded(summary, plotted)


def event_table(events, caption=None):
    """Events as a readable table: the date to its precision, the title, the lane and the reading."""
    rows = [
        (event_written(r), r.title, r.category_label, READING_NAMES[r.reading]) for r in events.sort_values(["date", "id"]).itertuples()
    ]
    return table(("Date", "Event", "Category", "Evidence for"), rows, caption=caption or f"{len(rows)} events")


def _hindsight(row, published):
    """Whether the correction was knowable when the essay appeared, in words, with the date to its precision."""
    when = written(row.check_public_from, row.check_public_precision)
    if knowable(row, published):
        return f"Knowable when the essay was written: these facts were public by {when}."
    return f"Hindsight: these facts became public {'on' if row.check_public_precision == 'day' else 'in'} {when}, after the essay appeared."


def fact_checks(events, paragraph_ids=None, published=None):
    """Fact-check callouts: where the data corrects or qualifies the essay, with each source once and its kind."""
    published = published or dt.date.fromisoformat(read_metadata()["published"])
    boxes = []
    for r in essay_checks(events, paragraph_ids).itertuples():
        sources = [(f"{s.publisher}: {s.title} ({SOURCE_KINDS[s.kind].split(':')[0].lower()})", s.url) for s in r.sources]
        title = f"Fact check ({', '.join(r.paragraphs)}): {r.title}"
        boxes.append(callout("fact-check", title, r.essay_check, sources, note=_hindsight(r, published)))
    return stacked(boxes)
