"""The static HTML export: figures carry their data and draw with no CDN and no kernel; widgets say where to run them."""

import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers.html_export import PLOTLY_SCRIPT, export_site
from lab_driver import CHROMIUM, launch_browser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    pages = export_site(out)
    return out, {p.stem: p.read_text(encoding="utf-8") for p in pages}


def _figures(path):
    nb = nbformat.read(path, as_version=4)
    return [o["data"]["application/vnd.plotly.v1+json"] for c in nb.cells if c.cell_type == "code"
            for o in c.outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]


def test_every_notebook_has_a_page_and_plotly_js_is_local(site):
    out, pages = site
    assert sorted(pages) == [p.stem for p in NOTEBOOKS]
    assert (out / PLOTLY_SCRIPT).stat().st_size > 1_000_000


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_page_holds_its_figures_data_and_no_cdn(site, path):
    _, pages = site
    html = pages[path.stem]
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert all(not s.startswith(("http:", "https:", "//")) for s in scripts), scripts
    figures = _figures(path)
    assert html.count("Plotly.newPlot") == len(figures)
    for figure in figures:
        event_ids = [i for trace in figure["data"] for i in trace.get("customdata", [])]
        assert event_ids and all(json.dumps(i) in html for i in event_ids)
    if figures:
        assert f'src="{PLOTLY_SCRIPT}"' in html


def test_widgets_get_a_run_it_in_jupyter_note(site):
    _, pages = site
    html = pages["05_two_readings_workbench"]
    assert html.count("Widgets need a running Python kernel") == 3
    assert "mybinder.org/v2/gh/" in html and "application/vnd.jupyter.widget-view+json" not in html


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
def test_exported_figures_draw_offline_in_a_browser(site):
    from playwright.sync_api import sync_playwright

    out, _ = site
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        page = browser.new_page()
        page.route("http*://**", lambda route: route.abort())  # no network at all
        page.goto((out / "00_start_here.html").as_uri())
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length > 50", timeout=30_000)
        browser.close()
