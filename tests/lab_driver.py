"""Drive the course in a real JupyterLab with Playwright and Debian's Chromium.

`JupyterLab` starts a server on 127.0.0.1 (free port, token, no port retries)
and `run_notebook` opens a notebook, runs every cell and reports what a student
would see: cells that raised, figures drawn and widgets displayed.  Every wait
is on a condition, bounded by a timeout.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TOKEN = "course-browser-tests"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterLab:
    """A JupyterLab (or, with app="notebook", a Notebook 7) server for the tests, stopped on exit."""

    def __init__(self, root_dir, answers_dir, log_path, app="lab"):
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "JUPYTER_TOKEN": TOKEN, "COURSE_ANSWERS_DIR": str(answers_dir), "COURSE_STUDENT": "browser"}
        jupyter = Path(sys.executable).with_name("jupyter")
        command = [
            str(jupyter),
            app,
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={root_dir}",
            "--LabApp.expose_app_in_browser=True" if app == "lab" else "--JupyterNotebookApp.expose_app_in_browser=True",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.log_path = Path(log_path)
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter {app} exited:\n{self.log_tail()}")
            try:
                urllib.request.urlopen(f"{self.url}/api/status?token={TOKEN}", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"jupyter {app} did not answer in 90 s:\n{self.log_tail()}")

    def log_tail(self, characters=3000):
        """The end of the server's own log (conftest.py adds it to the report of a failed test)."""
        self.log.flush()
        text = self.log_path.read_text(errors="replace")
        return f"{self.log_path}:\n{text[-characters:]}"

    def notebook_url(self, relative_path):
        if self.app == "notebook":
            return f"{self.url}/notebooks/{relative_path}?token={TOKEN}"
        return f"{self.url}/lab/tree/{relative_path}?token={TOKEN}&reset"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


@dataclass
class Report:
    notebook: str
    errors: list = field(default_factory=list)  # (cell index, error name)
    figures: int = 0
    figures_drawn: int = 0
    expected_figures: int = 0
    widgets: int = 0
    widgets_shown: int = 0
    figures_visible: int = 0
    widget_failures: int = 0
    seconds: float = 0.0
    opened: float = 0.0  # seconds to open the notebook (its stored outputs drawn) with its kernel idle
    ran: float = 0.0  # then to run every cell

    def problems(self):
        found = [f"{self.notebook}: cell {i} raised {name}" for i, name in self.errors]
        if self.figures_drawn < self.expected_figures or self.figures < self.expected_figures:
            found.append(f"{self.notebook}: {self.figures_drawn} of {self.expected_figures} figures drawn")
        if self.widgets_shown < self.widgets or self.widget_failures:
            found.append(f"{self.notebook}: {self.widgets_shown} of {self.widgets} widgets shown, {self.widget_failures} failed")
        return found


_MODEL_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  const errors = [], plotly = [], widgets = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === 'error') errors.push([i, out.ename]);
      const data = out.data || {};
      if (data['application/vnd.plotly.v1+json']) plotly.push(i);
      if (data['application/vnd.jupyter.widget-view+json']) widgets.push(i);
    }
  }
  return {errors, plotly: plotly.length, widgets: widgets.length};
}"""

_DOM_STATE = """() => {
  const node = window.jupyterapp.shell.currentWidget.node;
  const plots = [...node.querySelectorAll('.js-plotly-plot')];
  const drawn = plots.filter(p => p.querySelector('.scatterlayer .point, .barlayer .point, .scatterlayer path.js-line')).length;
  const shown = [...node.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => !o.parentElement.closest('.jupyter-widgets') && o.querySelector(':scope > .jupyter-widgets')).length;
  const failed = [...node.querySelectorAll('.jp-OutputArea-output')].filter(o => /Error displaying widget|model not found/.test(o.textContent)).length;
  const visible = plots.filter(p => p.checkVisibility({visibilityProperty: true})).length;  // hidden lens figures are not
  return {plots: plots.length, drawn, shown, failed, visible};
}"""


def open_notebook(page, lab, relative_path, timeout_ms=90_000):
    """Open a notebook and wait until its kernel is idle."""
    page.goto(lab.notebook_url(relative_path))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.shell.currentWidget && window.jupyterapp.shell.currentWidget.sessionContext",
        timeout=timeout_ms,
    )
    accept = page.locator(".jp-Dialog .jp-mod-accept")
    page.wait_for_function(
        """() => document.querySelector('.jp-Dialog') !== null ||
                 window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'""",
        timeout=timeout_ms,
    )
    if accept.count():
        accept.click()
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel?.status === 'idle'", timeout=timeout_ms
    )


def run_all(page, timeout_ms=180_000):
    """Clear outputs, run every cell, and wait until every non-empty code cell has run."""
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs'); }")
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.content.widgets.filter(c => c.model.type === 'code').every(c => c.model.executionCount === null)",
        timeout=30_000,
    )
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        """() => {
          const panel = window.jupyterapp.shell.currentWidget;
          const code = panel.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
          const stopped = code.some(c => c.model.outputs.toJSON().some(o => o.output_type === 'error'));
          const done = code.every(c => c.model.executionCount !== null);
          return (stopped || done) && panel.sessionContext.session?.kernel?.status === 'idle';
        }""",
        timeout=timeout_ms,
    )


def run_notebook(page, lab, relative_path, screenshot=None):
    """Open, run all, and report what rendered; wait for figures and widgets to appear."""
    start = time.perf_counter()
    open_notebook(page, lab, relative_path)
    opened = time.perf_counter()
    run_all(page)
    ran = time.perf_counter()
    model = page.evaluate(_MODEL_STATE)
    expected = model["plotly"]
    try:
        page.wait_for_function(
            f"() => ({_DOM_STATE})().drawn >= {expected} && ({_DOM_STATE})().shown >= {model['widgets']}", timeout=30_000
        )
    except Exception:  # the report below says what is missing
        pass
    dom = page.evaluate(_DOM_STATE)
    report = Report(
        notebook=relative_path,
        errors=[tuple(e) for e in model["errors"]],
        figures=dom["plots"],
        figures_drawn=dom["drawn"],
        figures_visible=dom["visible"],
        expected_figures=expected,
        widgets=model["widgets"],
        widgets_shown=dom["shown"],
        widget_failures=dom["failed"],
        seconds=time.perf_counter() - start,
        opened=opened - start,
        ran=ran - opened,
    )
    if screenshot:
        page.screenshot(path=str(screenshot), full_page=True)
    return report


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def notebook_paths():
    """The course notebooks, the instructor's class view and the released assignments."""
    paths = [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "notebooks" / "instructor").glob("*.ipynb")]
    paths += (ROOT / "notebooks" / "assignments").glob("*/*.ipynb")
    return sorted(p.relative_to(ROOT).as_posix() for p in paths)


def copy_course(target):
    """Copies of the notebooks, test fixtures and tools (the class view's demonstration and report) for the lab to open.

    Copies, so that autosave never touches the originals; the npm packages (plotly.js for the
    class view's report) are linked, as they sit beside the tools in the course folder."""
    import shutil

    for folder in ("notebooks", "tests/fixtures", "tools"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("answers", ".ipynb_checkpoints"))
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


def slug(relative_path):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", relative_path)


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# For every plotly figure in the open notebook: its title, the labels its JSON asks for and the
# labels drawn, and the figure's box.  Figures are addressed by their index among `.js-plotly-plot`;
# a figure kept hidden (the lens switch's other lenses) is left out until it is shown.
_FIGURES = """() => {
  const node = window.jupyterapp.shell.currentWidget.node;
  const rect = el => { const b = el.getBoundingClientRect(); return {x: b.x, y: b.y, right: b.right, bottom: b.bottom}; };
  return [...node.querySelectorAll('.js-plotly-plot')].map((plot, index) => {
    const wanted = (plot.layout.annotations || []).filter(a => a.yref === 'y').map(a => a.text);
    const labels = [...plot.querySelectorAll('.annotation')].map(a => ({text: a.textContent, box: rect(a.querySelector('.annotation-text') || a)}));
    return {index, title: plot.querySelector('.gtitle')?.textContent || '', wanted, labels, box: rect(plot.querySelector('.main-svg') || plot),
            shown: plot.checkVisibility({visibilityProperty: true})};
  }).filter(figure => figure.shown);
}"""


# The page position of a figure's first visible marker (or bar), to hover it like a student would, and
# whether the page would hand a mouse there to the figure yet (a cell scrolled to is painted a frame later).
_FIRST_POINT = """index => {
  const plot = window.jupyterapp.shell.currentWidget.node.querySelectorAll('.js-plotly-plot')[index];
  const box = plot.getBoundingClientRect();
  const points = [...plot.querySelectorAll('.scatterlayer .point, .barlayer .point')].filter(p => {
    const b = p.getBoundingClientRect();
    return b.width > 0 && b.x > box.x && b.right < box.right && b.y > box.y && b.bottom < box.bottom;
  });
  if (!points.length) return plot.data.some(t => (t.x || []).some(v => v)) ? null : {empty: true};
  const b = points[Math.floor(points.length / 2)].getBoundingClientRect();
  const x = b.x + b.width / 2, y = b.y + b.height / 2;
  return {x, y, hits: plot.contains(document.elementFromPoint(x, y))};
}"""

_TOOLTIP = """index => {
  const plot = window.jupyterapp.shell.currentWidget.node.querySelectorAll('.js-plotly-plot')[index];
  const tip = plot.querySelector('.hoverlayer .hovertext');
  if (!tip) return null;
  const b = tip.getBoundingClientRect(), f = (plot.querySelector('.main-svg') || plot).getBoundingClientRect();
  return {text: tip.textContent, inside: b.x >= f.x - 1 && b.right <= f.right + 1 && b.y >= f.y - 1 && b.bottom <= f.bottom + 1,
          raw: tip.innerHTML};
}"""


# The lens switch keeps one figure per lens and shows one of them; the others are hidden, not removed.
SHOWN_LENS_PLOT = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .find(p => p.textContent.includes('lens: the evidence') && p.checkVisibility({visibilityProperty: true}))"""
LENS_TITLE_IS = f"title => ({SHOWN_LENS_PLOT})()?.querySelector('.gtitle')?.textContent.startsWith(title)"
LENS_TITLES = {"Realist": "Realist lens", "Domestic politics": "Domestic-politics lens", "Both": "Combined lens"}
_ARM_CLICK_TIMER = """() => {
  window.__lens = {};
  document.addEventListener('click', e => { window.__lens.click = e.timeStamp; }, {capture: true, once: true});
  const panel = document.querySelector('.lens-panel').closest('.widget-html');
  new MutationObserver((_, observer) => { window.__lens.panel = performance.now(); observer.disconnect(); })
    .observe(panel, {childList: true, subtree: true, characterData: true});
}"""


def switch_lens(page, lens):
    """Click a lens button; return ({"figure": ms, "panel": ms} from the click, as the page's clock saw it), and the new title.

    "panel" is when the readings panel changed (a round trip to the kernel); "figure" when the
    lens's figure was on show, checked at every animation frame.
    """
    title = LENS_TITLES[lens]
    page.evaluate(_ARM_CLICK_TIMER)
    page.locator(".widget-toggle-buttons button", has_text=lens).first.click()
    page.wait_for_function(f"title => ({LENS_TITLE_IS})(title) && (window.__lens.figure = performance.now())", arg=title, polling="raf")
    page.wait_for_function("() => window.__lens.panel !== undefined", timeout=10_000)
    shown = page.evaluate("() => window.__lens")
    return {part: round(shown[part] - shown["click"]) for part in ("figure", "panel")}, title


@dataclass
class FigureCheck:
    notebook: str
    index: int
    title: str
    tooltip: str = ""
    problems: list = field(default_factory=list)


def check_figures(page, notebook, shots_dir=None, titled=""):
    """Hover a point in every figure of the open notebook (whose title contains `titled`) and read what a student sees.

    A figure fails if it has no title, if its tooltip shows raw markup (``<``, ``&lt;``,
    ``&amp;``) or pokes out of the figure's box, or if a label its data asks for is not drawn.
    Each figure is saved as a screenshot, tooltip open, when `shots_dir` is given.
    """
    checks = []
    for figure in page.evaluate(_FIGURES):
        if titled not in figure["title"]:
            continue
        check = FigureCheck(notebook, figure["index"], figure["title"])
        if not figure["title"].strip():
            check.problems.append("no title")
        check.problems += _label_problems(figure)
        plot = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .js-plotly-plot").nth(figure["index"])
        point = _point_in_view(page, plot, figure["index"])
        if point is None:
            check.problems.append("no point to hover")
        elif point.get("empty"):
            check.tooltip = "(nothing drawn yet: every value is zero)"
        else:
            page.mouse.move(point["x"], point["y"])
            try:
                page.wait_for_function(f"() => ({_TOOLTIP})({figure['index']}) !== null", timeout=5_000)
            except Exception:
                check.problems.append("hovering a point shows no tooltip")
            tip = page.evaluate(_TOOLTIP, figure["index"])
            if tip:
                check.tooltip = tip["text"]
                if re.search(r"<|&lt;|&gt;|&amp;", tip["text"]):
                    check.problems.append(f"raw markup in the tooltip: {tip['text'][:80]!r}")
                if not tip["inside"]:
                    check.problems.append("the tooltip pokes out of the figure")
        if shots_dir:
            plot.screenshot(path=str(Path(shots_dir) / f"{slug(notebook)}-figure-{figure['index']}{slug(titled)}.png"))
        page.mouse.move(0, 0)
        checks.append(check)
    return checks


def _point_in_view(page, plot, index, timeout_s=5):
    """The figure's first point, once the page would hand a mouse there to the figure.

    JupyterLab lays out a cell off screen only when it is scrolled to (`contentVisibility`), so
    the cells above a figure can grow after scrolling to it and move it down: scroll again until
    the point stays under the pointer.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        plot.scroll_into_view_if_needed()
        point = page.evaluate(_FIRST_POINT, index)
        if not point or point.get("empty") or point["hits"] or time.monotonic() > deadline:
            return point
        page.wait_for_timeout(100)


def _label_problems(figure):
    """Labels the figure asks for that are not drawn, drawn outside it, or drawn over one another."""
    wanted = [_plain(text) for text in figure["wanted"]]
    drawn = [label for label in figure["labels"] if label["text"] in wanted]
    problems = []
    missing = sorted(set(wanted) - {label["text"] for label in drawn})
    if missing:
        problems.append(f"labels not drawn: {missing}")
    f = figure["box"]
    outside = [d["text"] for d in drawn if d["box"]["x"] < f["x"] - 1 or d["box"]["right"] > f["right"] + 1]
    if outside:
        problems.append(f"labels outside the figure: {outside}")
    for i, a in enumerate(drawn):
        for b in drawn[i + 1 :]:
            x = min(a["box"]["right"], b["box"]["right"]) - max(a["box"]["x"], b["box"]["x"])
            y = min(a["box"]["bottom"], b["box"]["bottom"]) - max(a["box"]["y"], b["box"]["y"])
            if x > 2 and y > 2:
                problems.append(f"labels overlap: {a['text']!r} and {b['text']!r}")
    return problems


def _plain(label):
    """An annotation's text as the browser's textContent shows it: lines joined, tags dropped, entities rendered."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", label))


def axe_audit(page, context):
    """Serious and critical WCAG 2.1 A/AA violations inside `context` (a CSS selector), as (rule id, count, targets)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """selector => {
          const nodes = [...document.querySelectorAll(selector)];
          if (!nodes.length) return {violations: []};
          return axe.run({include: [selector]}, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        }""",
        context,
    )
    return [
        (v["id"], len(v["nodes"]), [n["target"] for n in v["nodes"]])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
