"""Notebook execution, import costs and sizes: what a student waits for, and what the course weighs.

- Each course notebook executed headless in a fresh kernel, against the floor: a
  notebook that only runs the setup cell's imports, timed in the same run.
- Import costs in fresh processes: `import helpers`, and the setup cell plus the course's
  first figure against plain plotly's first figure (target: within 1.5x), shown both as a
  student's kernel gets plotly and with plotly's optional rfc3987-syntax grammar skipped
  in both, which is what `helpers.open_course()` does.
- Sizes: each committed notebook, the installed environment, and (with --install)
  the time of a fresh install from the lock file.

Run with `make bench`.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SETUP_IMPORTS = (
    "import helpers\ncourse = helpers.open_course()\nfrom helpers.answers import AnswerStore\n"
    "from helpers.timeline import overview_timeline\nfrom helpers.widgets import lens_switch"
)
SKIP_GRAMMAR = "import sys; sys.modules.setdefault('rfc3987_syntax', None); "
PLAIN_FIGURE = "import plotly.graph_objects as go; go.Figure(go.Scatter(x=[1], y=[1]))._repr_mimebundle_()"
COURSE_FIGURE = (
    "import helpers; course = helpers.open_course(); from helpers.timeline import overview_timeline; "
    "overview_timeline(course.events)._repr_mimebundle_()"
)


def execute_seconds(nb, answers):
    client = NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(ROOT / "notebooks")}})
    start = time.perf_counter()
    with _env(COURSE_ANSWERS_DIR=answers, COURSE_STUDENT="bench"):
        client.execute()
    return time.perf_counter() - start


class _env:
    def __init__(self, **values):
        self.values = values

    def __enter__(self):
        import os

        self.saved = {k: os.environ.get(k) for k in self.values}
        os.environ.update(self.values)

    def __exit__(self, *_):
        import os

        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def process_seconds(code, repeats=5):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=tempfile.gettempdir())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def folder_megabytes(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 1e6


def fresh_install_seconds():
    with tempfile.TemporaryDirectory() as venv:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        subprocess.run(
            [f"{venv}/bin/pip", "install", "--quiet", "-c", str(ROOT / "constraints.txt"), str(ROOT)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - start, folder_megabytes(venv)


def main():
    answers = tempfile.mkdtemp(prefix="bench-answers-")
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SETUP_IMPORTS)])
    floors = [execute_seconds(nbformat.from_dict(floor_nb), answers) for _ in range(3)]
    floor = statistics.median(floors)
    rows = [(path.name, execute_seconds(nbformat.read(path, as_version=4), answers)) for path in NOTEBOOKS]
    print("Notebook execution: headless, fresh kernel each (nbclient); floor = the setup imports alone")
    print(f"{'notebook':>48} {'seconds':>8} {'x floor':>8} {'KB':>6}")
    print(f"{'floor (setup imports only)':>48} {floor:>8.2f} {1:>8.2f} {'':>6}")
    for (name, seconds), path in zip(rows, NOTEBOOKS, strict=True):
        print(f"{name:>48} {seconds:>8.2f} {seconds / floor:>8.2f} {path.stat().st_size / 1000:>6.0f}")
    print(f"{'whole course':>48} {sum(s for _, s in rows):>8.2f}")

    print("\nImport costs: fresh process, median of 5")
    bare = process_seconds("pass")
    package = process_seconds("import helpers")
    modules = process_seconds("import helpers.widgets, helpers.timeline, helpers.essay")
    plain_figure = process_seconds(PLAIN_FIGURE)
    plain_skipping = process_seconds(SKIP_GRAMMAR + PLAIN_FIGURE)
    course_figure = process_seconds(COURSE_FIGURE)
    print(f"{'python itself':>48} {bare:>8.2f} s")
    print(f"{'import helpers':>48} {package:>8.2f} s  ({package / bare:.1f} x python)")
    print(f"{'import the widgets, timeline and essay modules':>48} {modules:>8.2f} s  ({modules / bare:.1f} x python)")
    print(f"{'plain plotly: import, first figure':>48} {plain_figure:>8.2f} s")
    print(f"{'the same, optional grammar skipped':>48} {plain_skipping:>8.2f} s")
    print(f"{'setup cell (open_course), course overview':>48} {course_figure:>8.2f} s  ({course_figure / plain_figure:.2f} x plain plotly)")
    print(f"{'':>48} {'':>8}    ({course_figure / plain_skipping:.2f} x plain plotly, grammar skipped in both)")

    print("\nSizes")
    print(f"{'largest committed notebook':>48} {max(p.stat().st_size for p in NOTEBOOKS) / 1000:>8.0f} KB (limit 300)")
    print(f"{'installed environment (.venv)':>48} {folder_megabytes(Path(sys.prefix)):>8.0f} MB")
    if "--install" in sys.argv:
        seconds, megabytes = fresh_install_seconds()
        print(f"{'fresh install from the lock (runtime only)':>48} {seconds:>8.0f} s, {megabytes:.0f} MB")


if __name__ == "__main__":
    main()
