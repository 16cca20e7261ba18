"""Time for a student to open each notebook in JupyterLab, run all, and see every output.

Measured in Debian's chromium through Playwright, with the same driver as the
browser tests.  The floor is an empty notebook opened and run the same way in
the same run; ratios are against it.  Run with `make bench`.
"""

import sys
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from lab_driver import JupyterLab, copy_course, launch_browser, notebook_paths, run_notebook  # noqa: E402

FLOOR = "notebooks/_floor_empty.ipynb"


def main():
    from playwright.sync_api import sync_playwright

    root = copy_course(Path(tempfile.mkdtemp(prefix="bench-lab-")))
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import helpers")]), root / FLOOR)
    lab = JupyterLab(root, tempfile.mkdtemp(prefix="bench-answers-"), Path(tempfile.gettempdir()) / "bench-lab.log")
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            for notebook in [FLOOR] + notebook_paths():
                page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                report = run_notebook(page, lab, notebook)
                rows.append((notebook, report.seconds, len(report.problems())))
                page.context.close()
            browser.close()
    finally:
        lab.stop()
    floor = rows[0][1]
    print("Browser: open in JupyterLab, run all, every output shown (Debian chromium, headless)")
    print(f"{'notebook':>48} {'seconds':>8} {'x floor':>8} {'problems':>9}")
    for notebook, seconds, problems in rows:
        print(f"{Path(notebook).name:>48} {seconds:>8.1f} {seconds / floor:>8.2f} {problems:>9}")


if __name__ == "__main__":
    main()
