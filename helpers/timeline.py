"""Timeline figures of the events: plain functions that return a `go.Figure`.

Lanes are categories; colour is the reading an event is evidence for, from one
colour-blind-safe palette (Okabe and Ito).  Point events are markers, spans are
bars on the same date axis.  Every figure has a text alternative: `timeline_table`.
"""

import pandas as pd
import plotly.graph_objects as go

from .events import essay_checks, events_for
from .tables import labels
from .markup import Html, callout, escape, table

# Okabe-Ito colours; realist and domestic politics keep these everywhere in the course.
READING_COLOURS = {"realist": "#0072B2", "domestic": "#D55E00", "both": "#CC79A7", "context": "#7F7F7F"}
READING_SYMBOLS = {"realist": "circle", "domestic": "diamond", "both": "star", "context": "circle-open"}
BAND_COLOURS = ("#F0E442", "#56B4E9", "#009E73", "#56B4E9")
WEBGL_THRESHOLD = 2000  # above this many markers, draw with WebGL
# Leadership periods, bounded by events in the data (id of the event that opens each period).
LEADERS = (("Yeltsin", None), ("Putin", "yeltsin-resigns-1999"), ("Medvedev", "medvedev-inauguration-2008"), ("Putin again", "putin-third-term-inauguration-2012"))
OVERVIEW_RANGE = ("1995-01-01", "2016-01-01")
ZOOM_RANGE = ("2015-09-01", "2016-01-01")
EPILOGUE_RANGE = ("2015-11-15", "2017-01-01")


# A light template defined once: plotly's built-in ones add ~8 KB to every stored figure.
TEMPLATE = go.layout.Template(layout=dict(
    font=dict(family="Arial, sans-serif", size=12, color="#2a3f5f"), paper_bgcolor="white", plot_bgcolor="white",
    xaxis=dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zeroline=False),
    yaxis=dict(gridcolor="#EBF0F8", linecolor="#EBF0F8", zeroline=False),
    hoverlabel=dict(align="left"),
))


def with_hover(events):
    """The events with their hover text computed once (figures reuse it)."""
    if "hover" in events:
        return events
    return events.assign(hover=[_hover(row) for row in events.itertuples()])


def _hover(row):
    source_title, _ = row.sources[0]
    more = f" (+{len(row.sources) - 1} more)" if len(row.sources) > 1 else ""
    return (
        f"<b>{escape(row.title)}</b><br>{escape(_when(row))} · {escape(_reading_name(row.reading))}"
        f"<br>{escape(_wrap(row.summary))}<br><i>Source: {escape(source_title)}{more}</i>"
    )


def _wrap(text, width=70):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def _when(row):
    """The event's date written to its precision, with the end of a span."""
    start = {"day": f"{row.date:%d %b %Y}", "month": f"{row.date:%b %Y}", "year": f"{row.date:%Y}"}[row.date_precision]
    return start + (f" – {row.end_date:%d %b %Y}" if pd.notna(row.end_date) else "")


def _reading_name(reading):
    """The short name of a reading, e.g. 'Realist', from its label in the schema."""
    return labels("reading")[reading].split(":")[0]


def _lanes(events):
    order = list(labels("category").values())
    present = set(events["category_label"])
    return [lane for lane in order if lane in present]


def _add_events(fig, events, colours=READING_COLOURS):
    """One marker trace and one span trace per reading, so the legend reads by reading."""
    scatter = go.Scattergl if len(events) > WEBGL_THRESHOLD else go.Scatter
    for reading, colour in colours.items():
        subset = events[events["reading"] == reading]
        if subset.empty:
            continue
        name = _reading_name(reading)
        hover = subset["hover"]
        spans = subset[subset["end_date"].notna()]
        if not spans.empty:
            fig.add_trace(go.Bar(
                base=spans["date"], x=(spans["end_date"] - spans["date"]).dt.total_seconds() * 1000,
                y=spans["category_label"], orientation="h", marker_color=colour, opacity=0.45, width=0.35,
                name=name, legendgroup=reading, showlegend=False, hoverinfo="skip",
            ))
        fig.add_trace(scatter(
            x=subset["date"], y=subset["category_label"], mode="markers", name=name, legendgroup=reading,
            marker=dict(color=colour, size=10, symbol=READING_SYMBOLS[reading], line=dict(width=1, color="white")),
            hovertext=hover, hoverinfo="text", customdata=subset["id"],
        ))


def _leader_bands(fig, events, start, end):
    by_id = events.set_index("id")["date"]
    starts = [pd.Timestamp(start) if opening is None else by_id.get(opening) for _, opening in LEADERS]
    for index, (leader, _) in enumerate(LEADERS):
        left = starts[index]
        right = next((s for s in starts[index + 1:] if s is not None), pd.Timestamp(end))
        if left is None or right <= pd.Timestamp(start) or left >= pd.Timestamp(end):
            continue
        left, right = max(left, pd.Timestamp(start)), min(right, pd.Timestamp(end))
        fig.add_vrect(x0=left, x1=right, fillcolor=BAND_COLOURS[index], opacity=0.12, line_width=0, layer="below")
        fig.add_annotation(x=left + (right - left) / 2, y=1.0, yref="paper", yanchor="bottom", text=leader, showarrow=False, font=dict(size=11))


def _figure(events, title, date_range, bands, colours=READING_COLOURS):
    fig = go.Figure()
    _add_events(fig, with_hover(events), colours)
    lanes = _lanes(events)
    if bands:
        _leader_bands(fig, events, *date_range)
    fig.update_layout(
        title=dict(text=escape(title), x=0.01, y=0.98, yanchor="top"),
        xaxis=dict(title="Date", type="date", range=list(date_range)),
        yaxis=dict(title="Category", categoryorder="array", categoryarray=lanes[::-1], type="category", automargin=False),
        legend=dict(title="Evidence for", orientation="h", yanchor="top", y=-0.2),
        barmode="overlay", height=200 + 45 * max(len(lanes), 1), margin=dict(l=200, r=10, t=70, b=90),
        template=TEMPLATE,
    )
    return fig


def _within(events, start, end):
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    last = events["end_date"].fillna(events["date"])
    return events[(events["date"] < end) & (last >= start)]


def _overview_events(events):
    """The background events that fall within 1995–2015."""
    return _within(events[events["period"] == "background"], *OVERVIEW_RANGE)


def overview_timeline(events):
    """1995–2015: every background event, lanes by category, bands for each leader."""
    return _figure(_overview_events(events), "Events behind the essay, 1995–2015", OVERVIEW_RANGE, bands=True)


def window_timeline(events, start, end, title):
    """Any date window, e.g. the autumn of 2015; no leader bands."""
    return _figure(_within(events, start, end), title, (start, end), bands=False)


def zoomed_timeline(events):
    """September–December 2015: the intervention, the shoot-down and the first responses."""
    autumn = events[events["period"] == "background"]
    return window_timeline(autumn, *ZOOM_RANGE, "Autumn 2015: intervention and shoot-down")


def epilogue_timeline(events):
    """After the essay: what happened between Russia and Turkey through 2016."""
    return window_timeline(events, *EPILOGUE_RANGE, "After the essay: November 2015 – December 2016")


def focus_timeline(events, paragraph_ids, title=None, epilogue=False):
    """The events one stretch of the essay leans on (what the author could know, unless `epilogue`)."""
    focus = events_for(events if epilogue else events[events["period"] == "background"], paragraph_ids)
    if focus.empty:
        return _figure(focus, title or "No events", OVERVIEW_RANGE, bands=False)
    last = focus["end_date"].fillna(focus["date"]).max()
    pad = max((last - focus["date"].min()) * 0.04, pd.Timedelta(days=10))
    span = ((focus["date"].min() - pad).strftime("%Y-%m-%d"), (last + pad).strftime("%Y-%m-%d"))
    label = title or f"Events behind paragraphs {paragraph_ids[0]}–{paragraph_ids[-1]}"
    return _figure(focus, label, span, bands=False)


def lens_timeline(events, lens, highlight=()):
    """The 1995–2015 events as one reading sees them.

    With lens 'realist' or 'domestic', only that reading's evidence (and evidence for
    both) is shown, all in that reading's colour; with 'both', every event in its own
    colour.  Events in `highlight` are ringed.
    """
    background = _overview_events(events)
    if lens == "both":
        shown, colours = background, READING_COLOURS
    else:
        shown = background[background["reading"].isin([lens, "both"])]
        colours = {lens: READING_COLOURS[lens], "both": READING_COLOURS[lens]}
    name = {"realist": "Realist", "domestic": "Domestic-politics", "both": "Both"}[lens]
    fig = _figure(shown, f"{name} lens: the evidence, 1995–2015", OVERVIEW_RANGE, bands=True, colours=colours)
    ringed = shown[shown["id"].isin(list(highlight))]
    if not ringed.empty:
        fig.add_trace(go.Scatter(
            x=ringed["date"], y=ringed["category_label"], mode="markers", name="Bears on this claim",
            marker=dict(size=20, symbol="circle-open", color="black", line=dict(width=2)), hoverinfo="skip",
        ))
    return fig


def plotted_ids(fig):
    """The ids of the events a figure draws, in trace order."""
    return [i for trace in fig.data if trace.customdata is not None for i in trace.customdata]


def timeline_table(events, fig=None):
    """The text alternative to a timeline: what is plotted, as a table (only `fig`'s events if given)."""
    if fig is not None:
        events = events.set_index("id").loc[plotted_ids(fig)].reset_index().sort_values(["date", "id"])
    rows = [
        (_when(r), r.title, r.category_label, _reading_name(r.reading), r.sources[0][0])
        for r in events.itertuples()
    ]
    plotted = table(("Date", "Event", "Category", "Evidence for", "Source"), rows, caption=f"{len(rows)} events plotted")
    summary = f"Text alternative: the {len(rows)} events in the figure, as a table"
    return Html(f"<details><summary>{escape(summary)}</summary>{plotted.html}</details>", plotted.plain)


def fact_checks(events, paragraph_ids=None):
    """Fact-check callouts: where the data corrects or qualifies the essay, with sources."""
    checks = essay_checks(events, paragraph_ids)
    boxes = [
        callout("fact-check", f"Fact check ({', '.join(r.paragraphs)}): {r.title}", r.essay_check, r.sources)
        for r in checks.itertuples()
    ]
    return Html("".join(b.html for b in boxes), "\n\n".join(b.plain for b in boxes))
