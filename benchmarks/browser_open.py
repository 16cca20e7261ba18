"""Time for a student to open each notebook in JupyterLab, run all, and see every output; and the lens switch.

Measured in Debian's chromium through Playwright, with the same driver as the
browser tests.  The floor is an empty notebook opened and run the same way in
the same run; ratios are against it.  The lens switch is timed by the page's own
clock from the click to the new figure on show, against the same click's round
trip to the kernel (the readings panel changing).  A second reference, a notebook
holding one two-point plotly figure and nothing else, shows what plotly.js alone
costs a notebook against the floor.  Run with `make bench`.
"""

import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from lab_driver import LENS_TITLE_IS, JupyterLab, copy_course, launch_browser, notebook_paths, run_notebook, switch_lens  # noqa: E402

FLOOR = "notebooks/_floor_empty.ipynb"
ONE_FIGURE = "notebooks/_floor_one_plotly_figure.ipynb"
WORKBENCH = "notebooks/05_two_readings_workbench.ipynb"
ROUNDS = 5
OPENINGS = 5  # each notebook, and the floor before it, opened this many times; medians are reported


def floor_notebook():
    """The floor every ratio is taken against: one cell importing helpers."""
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import helpers")])


def lens_switches(browser, lab):
    """Every lens switch of ROUNDS rounds at 800 px, the first one apart: [(lens, first?, figure ms, panel ms)]."""
    page = browser.new_context(viewport={"width": 800, "height": 1000}).new_page()
    run_notebook(page, lab, WORKBENCH)
    page.wait_for_function(LENS_TITLE_IS, arg="", timeout=60_000)
    switches = []
    for _ in range(ROUNDS):
        for lens in ("Realist", "Domestic politics", "Both"):
            ms, _ = switch_lens(page, lens)
            switches.append((lens, not switches, ms["figure"], ms["panel"]))
    page.context.close()
    return switches


def one_figure_notebook():
    """A notebook of one cell drawing a two-point plotly figure, its output stored as the course's are."""
    import plotly.graph_objects as go

    source = "import plotly.graph_objects as go\ngo.Figure(go.Scatter(x=[1, 2], y=[1, 2]))"
    figure = go.Figure(go.Scatter(x=[1, 2], y=[1, 2])).to_plotly_json()
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"application/vnd.plotly.v1+json": figure, "text/plain": "Figure"})]
    return nbformat.v4.new_notebook(cells=[cell])


def main():
    from playwright.sync_api import sync_playwright

    root = copy_course(Path(tempfile.mkdtemp(prefix="bench-lab-")))
    nbformat.write(floor_notebook(), root / FLOOR)
    nbformat.write(one_figure_notebook(), root / ONE_FIGURE)
    lab = JupyterLab(root, tempfile.mkdtemp(prefix="bench-answers-"), Path(tempfile.gettempdir()) / "bench-lab.log")
    reports, ratios = {}, {}
    try:
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            for _ in range(OPENINGS):
                for notebook in [ONE_FIGURE, *notebook_paths()]:
                    for path in (FLOOR, notebook):  # the floor just before each notebook: a slow spell hits both
                        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                        reports.setdefault(path, []).append(run_notebook(page, lab, path))
                        page.context.close()
                    ratios.setdefault(notebook, []).append(reports[notebook][-1].seconds / reports[FLOOR][-1].seconds)
            switches = lens_switches(browser, lab)
            browser.close()
    finally:
        lab.stop()
    median = {
        path: {part: statistics.median(getattr(r, part) for r in runs) for part in ("seconds", "opened", "ran")}
        for path, runs in reports.items()
    }
    ratio = {FLOOR: 1.0} | {path: statistics.median(r) for path, r in ratios.items()}
    print(f"Browser: open in JupyterLab, run all, every output shown (Debian chromium, headless; median of {OPENINGS})")
    print("  open: until the kernel is idle, stored outputs drawn; run: every cell run; total adds the last outputs drawn")
    print(f"  floor: {Path(FLOOR).name}, one cell importing helpers; {Path(ONE_FIGURE).name}: one cell, a two-point plotly figure")
    print("  x floor: the median of each opening's total over the floor's, opened just before it")
    print(f"{'notebook':>48} {'open':>6} {'run':>6} {'total':>6} {'x floor':>8} {'problems':>9}")
    for path, times in median.items():
        problems = max(len(r.problems()) for r in reports[path])
        print(
            f"{Path(path).name:>48} {times['opened']:>6.1f} {times['ran']:>6.1f} {times['seconds']:>6.1f} {ratio[path]:>8.2f} {problems:>9}"
        )
    print("\nLens switch at 800 px, from the click (ms, the page's clock): figure on show vs the kernel round trip")
    print(f"{'switches':>22} {'figure':>8} {'round trip':>11} {'ratio':>6}")
    for label, chosen in (("first", [s for s in switches if s[1]]), ("the rest (median)", [s for s in switches if not s[1]])):
        figure, panel = statistics.median(s[2] for s in chosen), statistics.median(s[3] for s in chosen)
        print(f"{label:>22} {figure:>8.0f} {panel:>11.0f} {figure / panel:>6.2f}")


if __name__ == "__main__":
    main()
