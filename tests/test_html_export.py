"""The static HTML export: figures carry their data and draw with no CDN and no kernel; widgets say where to run them."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from html_export import PLOTLY_SCRIPT, export_site
from lab_driver import CHROMIUM, launch_browser

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


pytestmark = pytest.mark.executes


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    pages = export_site(out)
    return out, {p.stem: p.read_text(encoding="utf-8") for p in pages}


def _figures(path):
    nb = nbformat.read(path, as_version=4)
    return [
        o["data"]["application/vnd.plotly.v1+json"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]


def test_every_notebook_has_a_page_and_plotly_js_is_local(site):
    out, pages = site
    assert sorted(pages) == sorted([p.stem for p in NOTEBOOKS] + ["index"])
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
        point_ids = [i for trace in figure["data"] for i in trace.get("customdata", [])]  # event or prediction ids
        assert point_ids and all(json.dumps(i) in html for i in point_ids)
    if figures:
        assert f'src="{PLOTLY_SCRIPT}"' in html


def test_widgets_get_a_run_it_in_jupyter_note(site):
    _, pages = site
    html = pages["05_two_readings_workbench"]
    assert html.count("Widgets need a running Python kernel") == 3
    assert "mybinder.org/v2/gh/" in html and "application/vnd.jupyter.widget-view+json" not in html


@pytest.mark.browser
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


def test_the_site_has_an_index_and_pages_linked_in_order(site):
    out, pages = site
    index = pages["index"]
    for path in NOTEBOOKS:
        assert f'href="{path.stem}.html"' in index
    for name, html in pages.items():
        assert not re.search(r'href="(?!https?:)[^"]*\.ipynb', html), f"{name} links to a notebook file, not a page"
        assert not re.search(r'<img[^>]*src="(https?:)?//', html), f"{name} shows a remote image"
    stems = [p.stem for p in NOTEBOOKS]
    for previous, current, following in zip(stems, stems[1:], stems[2:], strict=False):
        html = pages[current]
        assert f'href="{previous}.html" rel="prev"' in html and f'href="{following}.html" rel="next"' in html
        assert html.count('aria-label="Course contents"') == 1 and all(f'href="{s}.html"' in html for s in stems if s != current)
    assert "Launch on Binder" in pages["00_start_here"]


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
@pytest.mark.parametrize("width", [1280, 375])
def test_the_site_reads_offline_at_desktop_and_phone_width(site, width, tmp_path):
    from playwright.sync_api import sync_playwright

    out, _ = site
    shots = ROOT / "test-artifacts" / "screenshots" / "site"
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.route("http*://**", lambda route: route.abort())
        for name in ("index", "01_the_shoot_down_and_the_stakes", "05_two_readings_workbench"):
            page.goto((out / f"{name}.html").as_uri())
            if name.startswith("01"):
                page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length > 5", timeout=30_000)
            page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=False)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name} is {overflow}px wider than a {width}px screen"
            nav = page.locator(".course-nav").first if name != "index" else page.locator("main")
            assert nav.is_visible()
        browser.close()


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")
def test_every_page_of_the_site_passes_axe(site):
    """Zero serious or critical WCAG 2.1 A/AA violations (colour contrast included) on every page: the site is all ours."""
    from lab_driver import AXE
    from playwright.sync_api import sync_playwright

    out, pages = site
    found = {}
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route("http*://**", lambda route: route.abort())
        for name in pages:
            page.goto((out / f"{name}.html").as_uri())
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            )
            serious = [(v["id"], v["nodes"][0]["target"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if serious:
                found[name] = serious
        browser.close()
    assert found == {}
