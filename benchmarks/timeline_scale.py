"""How building the overview timeline scales with the number of events.

Synthetic events are the course's own rows resampled with new random dates
(seeded), so text lengths and category mixes stay realistic; the three events
that open the leader bands are kept.  Above `AGGREGATE_THRESHOLD` events, marks
that fall within a few pixels of each other are drawn as one ("marks" counts them).  Times are the
median of several builds; ratios are against the real dataset, measured in
the same run.  Run with `make bench`.
"""

import statistics
import time

import numpy as np
import pandas as pd
import plotly.io as pio

from helpers.course import course_events
from helpers.timeline import LEADERS, WEBGL_THRESHOLD, overview_timeline

SIZES = (1_000, 10_000, 100_000)


def synthetic_events(base, size, seed=0):
    rng = np.random.default_rng(seed)
    sample = base.iloc[rng.integers(0, len(base), size)].reset_index(drop=True)
    days = rng.integers(0, (pd.Timestamp("2015-12-01") - pd.Timestamp("1995-01-01")).days, size)
    sample["date"] = pd.Timestamp("1995-01-01") + pd.to_timedelta(days, unit="D")
    sample["end_date"] = sample["end_date"].where(sample["end_date"].isna(), sample["date"] + pd.Timedelta(days=30))
    sample["period"] = "background"
    sample["id"] = [f"synthetic-{i}" for i in range(size)]
    leaders = base[base["id"].isin([opening for _, opening in LEADERS if opening])]  # the leader bands need them
    return pd.concat([leaders, sample.iloc[len(leaders) :]], ignore_index=True)


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
