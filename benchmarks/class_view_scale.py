"""How the instructor's class view scales with the size of the class.

Seeded synthetic classes (tools/synthetic_class.py) of 100, 1,000 and 10,000 students, as a
plain folder of answers files: the time to load and check every file, the time to aggregate
(every figure's data), peak memory (tracemalloc, in a separate run so that it does not slow the
timings) and the size of the one-file HTML report.  Ratios are against the 100-student class,
measured in the same run.  Run with `make bench` or `python benchmarks/class_view_scale.py`.
"""

import gc
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from class_view_report import write_report  # noqa: E402
from synthetic_class import write_class  # noqa: E402

from helpers.class_answers import load_class  # noqa: E402
from helpers.class_view import ClassView  # noqa: E402

SIZES = (100, 1_000, 10_000)


def _timed(function, repeats):
    times, result = [], None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _peak_mb(folder):
    gc.collect()
    tracemalloc.start()
    ClassView(load_class(folder))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def rows(sizes=SIZES):
    ClassView(load_class(write_class(Path(tempfile.mkdtemp()) / "warm", students=10)))  # course data loaded and cached once
    results = []
    for size in sizes:
        folder = write_class(Path(tempfile.mkdtemp()) / f"class-{size}", students=size)
        repeats = 3 if size >= 10_000 else 5
        load_s, collected = _timed(lambda folder=folder: load_class(folder), repeats)
        view_s, view = _timed(lambda collected=collected: ClassView(collected), repeats)
        report = write_report(view, folder.parent / "class_view.html")
        results.append((size, len(collected.students), load_s, view_s, _peak_mb(folder), report.stat().st_size / 1e6))
    return results


def main():
    print("Class view scale: load and check every answers file, aggregate, write the report (median of 3-5 runs)")
    header = f"{'students':>9} {'read':>6} {'load s':>7} {'view s':>7} {'total s':>8} {'x 100':>6} {'peak MB':>8} {'MB/1000':>8} {'report MB':>10}"
    print(header)
    base = None
    for size, read, load_s, view_s, peak, report_mb in rows():
        total = load_s + view_s
        base = base or total
        print(
            f"{size:>9,} {read:>6,} {load_s:>7.2f} {view_s:>7.2f} {total:>8.2f} {total / base:>6.1f} {peak:>8.1f} {1000 * peak / size:>8.1f} {report_mb:>10.2f}"
        )


if __name__ == "__main__":
    main()
