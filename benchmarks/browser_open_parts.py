"""Where a notebook's time in JupyterLab goes: the notebook opened whole and with parts taken away, against the floor.

Issue 15 asks each notebook to open and run within 1.25x of an empty notebook.  This
takes one notebook (01 unless another is named) and opens copies of it in turn, in
the same run and the same browser: as it is; its prose alone (with the floor's one
code cell); its code cells alone with their stored outputs; with no stored outputs;
and without the cells that draw its figures.  Each is timed from the page's load to
the kernel idle after "run all".  (Blocking plotly's JupyterLab extension instead was
tried: JupyterLab then handles the failed load, which made the copy slower, not faster.)  Run with `make bench`
or alone: `.venv/bin/python benchmarks/browser_open_parts.py [NOTEBOOK]`.
"""

import copy
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser_open import floor_notebook  # noqa: E402  (the same floor as the notebooks' table)
from lab_driver import JupyterLab, copy_course, launch_browser, open_notebook, run_all  # noqa: E402

OPENINGS = 5
PLOTLY = "application/vnd.plotly.v1+json"


def variants(notebook):
    """(label, notebook) for the notebook and its parts."""
    floor = floor_notebook()
    prose = copy.deepcopy(notebook)
    prose.cells = [c for c in notebook.cells if c.cell_type == "markdown"] + floor.cells
    code = copy.deepcopy(notebook)
    code.cells = [c for c in notebook.cells if c.cell_type == "code"]
    figureless = copy.deepcopy(notebook)
    figureless.cells = _without_figures(notebook.cells)
    bare = copy.deepcopy(notebook)
    for cell in bare.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return [
        ("floor: one cell, import helpers", floor),
        ("the notebook as it is", notebook),
        ("its prose alone (and the floor's cell)", prose),
        ("its code cells alone, outputs stored", code),
        ("no stored outputs", bare),
        ("without the cells that draw figures", figureless),
    ]


def _without_figures(cells):
    """The cells, less those that draw a figure and those that use a figure such a cell names (`fig = ...`)."""
    kept, names = [], set()
    for cell in cells:
        if cell.cell_type == "code" and any(PLOTLY in output.get("data", {}) for output in cell.outputs):
            names.update(re.findall(r"^(\w+) = ", cell.source, flags=re.M))
        elif not (cell.cell_type == "code" and names & set(re.findall(r"\w+", cell.source))):
            kept.append(cell)
    return kept


def main():
    from playwright.sync_api import sync_playwright

    name = sys.argv[1] if len(sys.argv) > 1 else "01_the_shoot_down_and_the_stakes.ipynb"
    root = copy_course(Path(tempfile.mkdtemp(prefix="bench-parts-")))
    cases = []
    for number, (label, notebook) in enumerate(variants(nbformat.read(root / "notebooks" / name, as_version=4))):
        path = f"notebooks/_part_{number}.ipynb"
        nbformat.write(notebook, root / path)
        cases.append((label, path))
    lab = JupyterLab(root, tempfile.mkdtemp(prefix="bench-answers-"), Path(tempfile.gettempdir()) / "bench-parts-lab.log")
    times = {}
    try:
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            for _ in range(OPENINGS):
                for label, path in cases:
                    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                    start = time.perf_counter()
                    open_notebook(page, lab, path)
                    opened = time.perf_counter()
                    run_all(page)
                    times.setdefault(label, []).append((opened - start, time.perf_counter() - opened))
                    page.context.close()
            browser.close()
    finally:
        lab.stop()
    floor = statistics.median(o + r for o, r in times[cases[0][0]])
    print(f"Where {name}'s time goes in JupyterLab (median of {OPENINGS}; open, then run all, to the kernel idle)")
    print(f"{'copy':>42} {'open':>6} {'run':>6} {'total':>6} {'x floor':>8}")
    for label, runs in times.items():
        total = statistics.median(o + r for o, r in runs)
        opened, ran = (statistics.median(part[k] for part in runs) for k in (0, 1))
        print(f"{label:>42} {opened:>6.2f} {ran:>6.2f} {total:>6.2f} {total / floor:>8.2f}")


if __name__ == "__main__":
    main()
