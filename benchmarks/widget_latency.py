"""Workbench callback latency: from a value change to the updated figure and text, in the kernel.

Each widget is driven through many value changes, at the course's real data
size and at ten times that (the events repeated with new ids).  Answers are
saved to a temporary folder, as in a student's session, so the atomic write is
included.  Run with `make bench`.
"""

import statistics
import tempfile
import time

import pandas as pd

from helpers.answers import AnswerStore
from helpers.course import course_events, course_readings
from helpers.essay import load_essay
from helpers.widgets import lens_switch, predictions_quiz, weigh_evidence

CHANGES = 120
TARGET_MS = 15  # p95 per change, at the course's size and at ten times it (issue 15)


def scaled(events, factor):
    if factor == 1:
        return events
    copies = []
    for n in range(factor):
        copy = events.copy()
        if n:
            copy["id"] = copy["id"] + f"-copy{n}"
        copies.append(copy)
    return pd.concat(copies, ignore_index=True)


def timings(change, values):
    out = []
    for i in range(CHANGES):
        start = time.perf_counter()
        change(values[i % len(values)])
        out.append(time.perf_counter() - start)
    return out


def describe(label, seconds):
    ordered = sorted(seconds)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return label, statistics.median(ordered) * 1000, p95 * 1000


def rows():
    claims, predictions, key = course_readings()
    citation = load_essay().citation()
    results = []
    for factor in (1, 10):
        events = scaled(course_events(), factor)
        store = AnswerStore("benchmark", tempfile.mkdtemp(prefix="bench-answers-"))
        size = f"{len(events):,} events"
        lens = lens_switch(events, claims, citation, store)
        results.append(
            describe(f"lens switch, {size}", timings(lambda v, lens=lens: setattr(lens.lens, "value", v), ["realist", "domestic", "both"]))
        )
        claim_ids = [c.id for c in claims]
        results.append(describe(f"claim choice, {size}", timings(lambda v, lens=lens: setattr(lens.claim, "value", v), claim_ids)))
        weigh = weigh_evidence(events, claims, key, store)
        slider = next(iter(weigh.sliders.values()))
        results.append(
            describe(f"evidence slider, {size}", timings(lambda v, slider=slider: setattr(slider, "value", v), [-2, -1, 0, 1, 2]))
        )
        quiz = predictions_quiz(predictions, store)
        forecast = next(iter(quiz.sliders.values()))
        results.append(
            describe(f"forecast slider, {size}", timings(lambda v, forecast=forecast: setattr(forecast, "value", v), [0.1, 0.5, 0.9]))
        )
    return results


def main():
    print(f"Widget latency: {CHANGES} value changes each, from the change to the updated figure and text")
    target = f"p95 / {TARGET_MS} ms target"
    print(f"{'callback':>38} {'median ms':>10} {'p95 ms':>8} {target:>19}")
    for label, median, p95 in rows():
        print(f"{label:>38} {median:>10.1f} {p95:>8.1f} {p95 / TARGET_MS:>19.2f}")


if __name__ == "__main__":
    main()
