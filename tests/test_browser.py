"""The course in a real browser: every notebook run in JupyterLab, and the workbench used as a student would.

Needs Debian's chromium (the README's test command installs it) and the Python
playwright package with no browser download.  Screenshots go to
test-artifacts/screenshots/ (git-ignored).
"""

import json
from pathlib import Path

import pytest
from lab_driver import (
    AXE,
    CHROMIUM,
    LENS_TITLE_IS,
    ROOT,
    SHOWN_LENS_PLOT,
    JupyterLab,
    axe_audit,
    check_figures,
    copy_course,
    launch_browser,
    notebook_paths,
    open_notebook,
    run_all,
    run_notebook,
    slug,
    switch_lens,
)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")]
ARTIFACTS = ROOT / "test-artifacts"
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="module")
def answers_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-answers")


@pytest.fixture(scope="module")
def lab(answers_dir, tmp_path_factory):
    assert AXE.exists(), f"{AXE} is missing: `make test` installs it with npm ci"
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


COURSE_NOTEBOOKS = [n for n in notebook_paths() if "/assignments/" not in n]
OUTPUTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"


@pytest.mark.parametrize("notebook", COURSE_NOTEBOOKS)
def test_every_figure_reads_at_a_glance_and_the_outputs_pass_axe(lab, page, notebook):
    """Hover a point in every figure: the tooltip is clean text inside the figure; labels are drawn apart; axe finds nothing serious."""
    report = run_notebook(page, lab, notebook)
    assert not report.problems(), report.problems()
    figures = SHOTS / "figures"
    figures.mkdir(exist_ok=True)
    checks = check_figures(page, notebook, shots_dir=figures)
    assert len(checks) == report.figures_visible
    assert not [c.problems for c in checks if c.problems], [(c.index, c.title, c.problems) for c in checks if c.problems]
    assert all(c.tooltip for c in checks), "every figure shows a tooltip when a point is hovered"
    # The course's own outputs: zero serious or critical WCAG 2.1 A/AA violations.  JupyterLab's
    # chrome (toolbar, CodeMirror inputs, the windowed panel) is outside this scope on purpose: it has
    # known violations of its own (see LAB_CHROME_BASELINE) that the course cannot fix.
    assert _not_in_baseline(axe_audit(page, OUTPUTS), WIDGET_LIBRARY_BASELINE) == []


# JupyterLab 4.x's own chrome, audited over a whole notebook panel (Nov 2026): these rules fail on these
# elements whatever the course shows.  Any other serious or critical violation in the panel is ours.
LAB_CHROME_BASELINE = (
    ("aria-allowed-attr", (".validate-button", ".jp-DebuggerBugButton")),  # notebook toolbar buttons
    ("aria-input-field-name", (".cm-content",)),  # CodeMirror's editable cell inputs
    ("aria-required-children", (".jp-WindowedPanel-viewport",)),  # the notebook's windowed cell list
)
# ipywidgets 8 draws sliders with noUiSlider and gives the handle no accessible name (it passes no
# handle attributes); the text beside each slider says what it weighs, and the arrow keys work.
WIDGET_LIBRARY_BASELINE = (("aria-input-field-name", (".noUi-handle",)),)


def _not_in_baseline(violations, baseline=LAB_CHROME_BASELINE + WIDGET_LIBRARY_BASELINE):
    known = {}
    for rule, parts in baseline:
        known[rule] = known.get(rule, ()) + parts
    return [
        (rule, targets)
        for rule, _, targets in violations
        if not all(any(part in str(target) for part in known.get(rule, ())) for target in targets)
    ]


def test_the_whole_panel_has_no_violation_beyond_jupyterlabs_own(lab, page):
    run_notebook(page, lab, "notebooks/01_the_shoot_down_and_the_stakes.ipynb")
    assert _not_in_baseline(axe_audit(page, ".jp-NotebookPanel:not(.lm-mod-hidden)")) == []


def test_the_figure_checks_catch_a_broken_figure(lab, page):
    report = run_notebook(page, lab, "tests/fixtures/figure_defects.ipynb")
    [check] = check_figures(page, "tests/fixtures/figure_defects.ipynb")
    problems = " | ".join(check.problems)
    assert "no title" in problems and "raw markup in the tooltip" in problems, problems
    assert "labels overlap: 'First label' and 'Second label'" in problems, problems
    assert "labels outside the figure" in problems, problems
    assert report.figures == 1


def test_axe_catches_a_violation_in_our_outputs(lab, page):
    run_notebook(page, lab, "tests/fixtures/figure_defects.ipynb")
    page.evaluate(
        """() => { const out = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output');
                   out.insertAdjacentHTML('beforeend', '<button></button><img src="x.png">'); }"""
    )
    rules = {rule for rule, _, _ in axe_audit(page, OUTPUTS)}
    assert {"button-name", "image-alt"} <= rules, rules


def test_a_figure_cell_that_raises_is_caught(lab, page):
    report = run_notebook(page, lab, "tests/fixtures/figure_cell_raises.ipynb")
    assert report.problems() and report.errors == [(2, "ValueError")]
    assert "cell 2 raised ValueError" in report.problems()[0]


def test_a_widget_that_is_not_displayed_is_caught(lab, page):
    report = run_notebook(page, lab, "tests/fixtures/widget_not_displayed.ipynb")
    assert any("widgets shown" in p for p in report.problems()), report


LENS_STATE = f"""() => {{
  const plot = ({SHOWN_LENS_PLOT})();
  const points = [...plot.querySelectorAll('.scatterlayer .point')];
  const colours = new Set(points.map(p => getComputedStyle(p).fill).filter(c => c && c !== 'none'));
  return {{title: plot.querySelector('.gtitle').textContent, points: points.length, colours: [...colours].sort()}};
}}"""
BALANCE_LABELS = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.textContent.includes('balance of the evidence'));
  return [...plot.querySelectorAll('.barlayer .bartext')].map(t => t.textContent);
}"""


def test_a_student_uses_the_workbench_and_gets_their_answers_back(lab, page, answers_dir):
    notebook = "notebooks/05_two_readings_workbench.ipynb"
    open_notebook(page, lab, notebook)
    run_all(page)
    page.wait_for_function(LENS_TITLE_IS, arg="Combined lens", timeout=30_000)
    before = page.evaluate(LENS_STATE)

    page.locator(".widget-toggle-buttons button", has_text="Realist").first.click()
    page.wait_for_function(LENS_TITLE_IS, arg="Realist lens", timeout=30_000)
    after = page.evaluate(LENS_STATE)
    assert after["points"] < before["points"] and after["colours"] != before["colours"], (before, after)
    # The theories behind each reading, and behind each event to weigh.
    assert page.locator(".lens-panel .reading-realist .theories").count() == 1
    assert page.locator(".lens-panel .reading-realist li", has_text="Structural realism").count() == 1
    assert page.locator(".bears-on").count() == 15 and page.locator(".bears-on", has_text="Defensive realism").count() >= 1

    balance_before = page.evaluate(BALANCE_LABELS)
    page.locator(".widget-hbox .noUi-handle").first.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"before => JSON.stringify(({BALANCE_LABELS})()) !== JSON.stringify(before)", arg=balance_before, timeout=30_000)

    row = page.locator(".widget-vbox", has_text="the Russian and Turkish presidents meet again").last  # the innermost box
    row.locator(".noUi-handle").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("row => row.textContent.includes('55%')", arg=row.element_handle(), timeout=30_000)
    page.locator("button", has_text="Reveal what happened").click()
    page.wait_for_selector("text=Your Brier score", timeout=30_000)

    saved = json.loads((answers_dir / "browser.json").read_text())["answers"]
    assert saved["choices"]["lens"] == "realist" and saved["choices"]["predictions_revealed"] == "yes"
    assert saved["predictions"]["normalisation"] == 0.55
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


LENS_FIGURE = f"""() => {{
  const plot = ({SHOWN_LENS_PLOT})();
  const box = plot.getBoundingClientRect();
  const bands = (plot.layout.annotations || []).filter(a => a.yref === 'paper').map(a => a.text);
  const traces = [...plot.querySelectorAll('.scatterlayer .trace')].filter(t => t.__data__?.[0]?.trace?.name === 'Bears on this claim');
  const ringNodes = traces.flatMap(t => [...t.querySelectorAll('.point')].map(p => [p, t.__data__[0].trace.xaxis + t.__data__[0].trace.yaxis]));
  // Fully visible: inside the figure, not clipped (rings are drawn unclipped), and over no other panel.
  const areas = [...plot.querySelectorAll('.draglayer .nsewdrag')].map(r => [r.parentNode.getAttribute('class'), r.getBoundingClientRect()]);
  const svg = plot.querySelector('.main-svg').getBoundingClientRect();
  const outside = ringNodes.filter(([p, subplot]) => {{ const b = p.getBoundingClientRect();
    const within = b.width > 0 && b.x >= svg.x && b.right <= svg.right && b.y >= svg.y && b.bottom <= svg.bottom;
    const overOther = areas.some(([name, a]) => name !== subplot && b.right > a.x + 1 && b.x < a.right - 1);
    return !within || overOther; }})
    .map(([p, subplot]) => [subplot, JSON.stringify(p.getBoundingClientRect())]);
  const inside = outside.length === 0;
  return {{bands, rings: ringNodes.length, inside, outside, title: plot.querySelector('.gtitle').textContent, width: box.width}};
}}"""
CUT_OFF_TEXT = """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jupyter-widgets')]
  .flatMap(w => [...w.querySelectorAll('.widget-label, .widget-readout, button, .widget-checkbox label, .widget-label-basic')])
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent.trim())"""


def test_the_workbench_at_800_px_keeps_bands_rings_and_labels_whole(lab, browser, answers_dir):
    context = browser.new_context(viewport={"width": 800, "height": 1000})
    page = context.new_page()
    open_notebook(page, lab, "notebooks/05_two_readings_workbench.ipynb")
    run_all(page)
    page.wait_for_function(
        f"() => ({SHOWN_LENS_PLOT})()?.querySelector('.gtitle') != null",
        timeout=30_000,
    )
    page.locator(".widget-toggle-buttons button", has_text="Both").first.click()  # earlier tests may have saved another lens
    page.wait_for_function(LENS_TITLE_IS, arg="Combined lens", timeout=30_000)
    both = page.evaluate(LENS_FIGURE)
    assert both["bands"][:4] == ["Yeltsin", "Putin", "Medvedev", "Putin"], both
    timings = {}
    for lens in ("Realist", "Domestic politics", "Both"):
        timings[lens], title = switch_lens(page, lens)
        state = page.evaluate(LENS_FIGURE)
        assert state["bands"] == both["bands"], (lens, state["bands"])
        assert state["rings"] > 0 and state["inside"], (lens, state["outside"])
        hovered = check_figures(page, f"workbench-800-{lens}", SHOTS, titled=title)
        assert len(hovered) == 1 and not hovered[0].problems and hovered[0].tooltip, (lens, hovered)
    page.locator(".jupyter-widgets", has_text="Left end").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "workbench-800-weigh.png"))
    cut = page.evaluate(CUT_OFF_TEXT)
    assert cut == [], f"cut off at 800 px: {cut}"
    print("lens switch, click to figure and panel shown (ms):", timings)  # `make bench` reports it against the round trip
    context.close()


def test_the_toolbox_and_the_epilogue_show_the_theories_and_their_scores(lab, page):
    toolbox = run_notebook(page, lab, "notebooks/00b_theory_toolbox.ipynb")
    assert not toolbox.problems(), toolbox.problems()
    assert page.locator(".course-table caption", has_text="10 theories").count() == 1
    assert (
        page.locator(
            ".jp-OutputArea-output", has_text="an apology demanded before any meeting: Great-power status and honour, Audience costs"
        ).count()
        == 1
    )
    epilogue = run_notebook(page, lab, "notebooks/06_epilogue_what_happened_next.ipynb")
    assert not epilogue.problems(), epilogue.problems()
    scorecard = page.locator("table.course-table", has_text="How each theory's predictions fared")
    assert scorecard.count() == 1 and scorecard.locator("tbody tr").count() == 10
    assert page.locator(".course-reading a").count() == 3  # the epilogue's further reading, linked


# The coding bench's stripe (the first stripe in the notebook): how many sentences each code holds, and the columns.
STRIPE_STATE = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.querySelector('.gtitle')?.textContent.includes('sentence by sentence'));
  if (!plot) return null;
  const counts = {};
  plot.data.forEach(t => { counts[t.name] = (counts[t.name] || 0) + t.y.length; });
  return {counts, columns: plot.layout.xaxis.ticktext};
}"""
PROGRESS_IS = "text => document.querySelector('.coding-progress')?.textContent.startsWith(text)"


def _code_by_key(page, key, coded_after):
    page.locator(".widget-text input").first.press(key)
    page.wait_for_function(PROGRESS_IS, arg=f"{coded_after} of 44 coded", timeout=30_000)


def test_a_student_codes_sentences_by_click_and_by_key_and_gets_them_back(lab, page, answers_dir):
    from helpers.course import course_coding

    codebook, key = course_coding()
    notebook = "notebooks/05b_coding_the_essay.ipynb"
    report = run_notebook(page, lab, notebook)
    assert not report.problems(), report.problems()
    page.wait_for_function(PROGRESS_IS, arg="0 of 44 coded", timeout=30_000)
    assert page.locator(".coding-sentence").first.text_content().startswith("The shooting down")

    page.locator(".widget-toggle-buttons button", has_text="Factual claim used as evidence").first.click()  # p01.s1
    page.wait_for_function(PROGRESS_IS, arg="1 of 44 coded", timeout=30_000)
    page.locator(".widget-toggle-buttons button", has_text="Framing or rhetoric").first.click()  # p01.s2
    page.wait_for_function(PROGRESS_IS, arg="2 of 44 coded", timeout=30_000)
    for typed, coded in (("4", 3), ("5", 4), ("1", 5)):  # p02.s1, p02.s2, and p03.s1 coded realist where the key says both
        _code_by_key(page, typed, coded)
    page.wait_for_function(f"() => ({STRIPE_STATE})()?.counts['Not coded yet'] === 39", timeout=30_000)
    page.locator(".widget-text input").first.press("p")
    page.wait_for_function("() => document.querySelector('.coding-sentence')?.textContent.startsWith('Although Moscow')", timeout=30_000)
    saved = json.loads((answers_dir / "browser.json").read_text())["answers"]["coding"]
    assert saved == {"p01.s1": "evidence", "p01.s2": "framing", "p02.s1": "evidence", "p02.s2": "framing", "p03.s1": "realist"}

    page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart'); }")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.reload()
    open_notebook(page, lab, notebook)
    run_all(page)
    page.wait_for_function(PROGRESS_IS, arg="5 of 44 coded", timeout=30_000)
    assert page.evaluate(STRIPE_STATE)["counts"]["Not coded yet"] == 39 and page.locator(".coding-agreement").count() == 1  # the demo's
    shortcut = {code: c.shortcut for code, c in codebook.items()}
    for coded, sentence in enumerate(list(key)[5:], start=6):  # the rest as the key codes them, by keyboard
        _code_by_key(page, shortcut[key[sentence].code], coded)
    page.wait_for_function(f"() => ({STRIPE_STATE})()?.columns.length === 2", timeout=30_000)
    assert "Not coded yet" not in page.evaluate(STRIPE_STATE)["counts"]
    mine = page.locator(".coding-agreement").first
    assert "kappa 0.97" in mine.text_content() and "p03.s1: you coded realist argument, the key both readings" in mine.text_content()
    page.screenshot(path=str(SHOTS / "coding-bench-complete.png"), full_page=True)
