"""How building the overview timeline scales with the number of events.

Synthetic events are the course's own rows resampled with new random dates
(seeded), so text lengths and category mixes stay realistic; the three events
that open the leader bands are kept.  Above `AGGREGATE_THRESHOLD` events, marks
that fall within a few pixels of each other are drawn as one ("marks" counts them).  Times are the
median of several builds; ratios are against the real dataset, measured in
the same run.  Run with `make bench`.
"""

import statistics
import sys
import time
from pathlib import Path

import plotly.io as pio

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from synthetic_events import synthetic_events  # noqa: E402

from helpers.course import course_events  # noqa: E402
from helpers.timeline import WEBGL_THRESHOLD, overview_timeline  # noqa: E402

SIZES = (1_000, 10_000, 100_000)


def median_seconds(function, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rows():
    base = course_events()
    cases = [("course data", base)] + [(f"{n:,} synthetic", synthetic_events(base, n)) for n in SIZES]
    results = []
    reference = None
    for label, events in cases:
        repeats = 3 if len(events) >= 100_000 else 7
        seconds = median_seconds(lambda events=events: overview_timeline(events), repeats)
        fig = overview_timeline(events)
        size = len(pio.to_json(fig, engine="json"))
        reference = reference or seconds
        trace = "WebGL" if len(events) > WEBGL_THRESHOLD else "SVG"
        marks = sum(len(t.x) for t in fig.data if t.customdata is not None)
        results.append((label, len(events), trace, marks, seconds * 1000, seconds / reference, size / 1e6))
    return results


def main():
    print("Timeline scale: overview_timeline build time (median) and stored figure size")
    print(f"{'events':>18} {'rows':>8} {'traces':>6} {'marks':>6} {'build ms':>9} {'x course':>9} {'JSON MB':>8}")
    for label, n, trace, marks, ms, ratio, mb in rows():
        print(f"{label:>18} {n:>8,} {trace:>6} {marks:>6,} {ms:>9.1f} {ratio:>9.1f} {mb:>8.2f}")


if __name__ == "__main__":
    main()
