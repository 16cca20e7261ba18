"""The course in a real browser: every notebook run in JupyterLab, and the workbench used as a student would.

Needs Debian's chromium (the README's test command installs it) and the Python
playwright package with no browser download.  Screenshots go to
test-artifacts/screenshots/ (git-ignored).
"""

import json
from pathlib import Path

import pytest

from lab_driver import CHROMIUM, ROOT, JupyterLab, copy_course, launch_browser, notebook_paths, open_notebook, run_all, run_notebook, slug

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
ARTIFACTS = ROOT / "test-artifacts"
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="module")
def answers_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-answers")


@pytest.fixture(scope="module")
def lab(answers_dir, tmp_path_factory):
    SHOTS.mkdir(parents=True, exist_ok=True)
    root = copy_course(tmp_path_factory.mktemp("lab-root"))
    server = JupyterLab(root, answers_dir, ARTIFACTS / "browser-lab.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_browser(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("notebook", notebook_paths())
def test_notebook_runs_and_renders_in_jupyterlab(lab, page, notebook):
    report = run_notebook(page, lab, notebook, screenshot=SHOTS / f"{slug(notebook)}.png")
    assert not report.problems(), report.problems()
    assert report.figures == report.figures_drawn, f"{notebook}: a figure drew no points"
    if "/assignments/" not in notebook:
        assert report.expected_figures or report.widgets, f"{notebook}: nothing rendered at all"


def test_a_figure_cell_that_raises_is_caught(lab, page):
    report = run_notebook(page, lab, "tests/fixtures/figure_cell_raises.ipynb")
    assert report.problems() and report.errors == [(2, "ValueError")]
    assert "cell 2 raised ValueError" in report.problems()[0]


def test_a_widget_that_is_not_displayed_is_caught(lab, page):
    report = run_notebook(page, lab, "tests/fixtures/widget_not_displayed.ipynb")
    assert any("widgets shown" in p for p in report.problems()), report


LENS_STATE = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.textContent.includes('lens: the evidence'));
  const points = [...plot.querySelectorAll('.scatterlayer .point')];
  const colours = new Set(points.map(p => getComputedStyle(p).fill).filter(c => c && c !== 'none'));
  return {title: plot.querySelector('.gtitle').textContent, points: points.length, colours: [...colours].sort()};
}"""
BALANCE_LABELS = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.textContent.includes('balance of the evidence'));
  return [...plot.querySelectorAll('.barlayer .bartext')].map(t => t.textContent);
}"""
LENS_TITLE_IS = "title => [...document.querySelectorAll('.js-plotly-plot .gtitle')].some(t => t.textContent.startsWith(title))"


def test_a_student_uses_the_workbench_and_gets_their_answers_back(lab, page, answers_dir):
    notebook = "notebooks/05_two_readings_workbench.ipynb"
    open_notebook(page, lab, notebook)
    run_all(page)
    page.wait_for_function(LENS_TITLE_IS, arg="Both lens", timeout=30_000)
    before = page.evaluate(LENS_STATE)

    page.locator(".widget-toggle-buttons button", has_text="Realist").first.click()
    page.wait_for_function(LENS_TITLE_IS, arg="Realist lens", timeout=30_000)
    after = page.evaluate(LENS_STATE)
    assert after["points"] < before["points"] and after["colours"] != before["colours"], (before, after)

    balance_before = page.evaluate(BALANCE_LABELS)
    page.locator(".widget-hbox .noUi-handle").first.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"before => JSON.stringify(({BALANCE_LABELS})()) !== JSON.stringify(before)", arg=balance_before, timeout=30_000)

    row = page.locator(".widget-vbox", has_text="Russia imposes economic sanctions").last  # the innermost box
    row.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("row => row.textContent.includes('55%')", arg=row.element_handle(), timeout=30_000)
    page.locator("button", has_text="Reveal what happened").click()
    page.wait_for_selector("text=Your Brier score", timeout=30_000)

    saved = json.loads((answers_dir / "browser.json").read_text())["answers"]
    assert saved["choices"]["lens"] == "realist" and saved["choices"]["predictions_revealed"] == "yes"
    assert saved["predictions"]["sanctions"] == 0.55
    assert list(saved["evidence"].values()) == [-1]

    page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart'); }")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.reload()
    open_notebook(page, lab, notebook)
    run_all(page)
    page.wait_for_function(LENS_TITLE_IS, arg="Realist lens", timeout=30_000)
    page.wait_for_selector("text=Your Brier score", timeout=30_000)
    assert page.evaluate(BALANCE_LABELS) != balance_before
    page.screenshot(path=str(SHOTS / "workbench-after-restart.png"), full_page=True)


def test_the_workbench_also_works_in_notebook_7(browser, answers_dir, tmp_path):
    server = JupyterLab(copy_course(tmp_path), answers_dir, ARTIFACTS / "browser-notebook7.log", app="notebook")
    try:
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        report = run_notebook(page, server, "notebooks/05_two_readings_workbench.ipynb", screenshot=SHOTS / "notebook7-workbench.png")
        assert not report.problems(), report.problems()
        assert report.figures == report.figures_drawn >= 2 and report.widgets == 3
        page.context.close()
    finally:
        server.stop()
