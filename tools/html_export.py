"""Export the notebooks to a static course website: ``python tools/html_export.py [OUT]``.

The site has an index (the course map and launch links) and one page per notebook,
each with a contents list and previous/next links; links between notebooks point at
the pages.  Plotly figures stay interactive with no kernel and no CDN: each page loads
``plotly.min.js`` from its own folder, written once beside the pages.  Widgets need a
kernel, so each becomes a note with a link to run the notebook on Binder.  Launch
badges, remote images, become plain text links, so nothing is broken offline.
"""

import argparse
import json
import re
from pathlib import Path

import nbformat
import plotly.io as pio
from launch_links import NOTEBOOKS, binder_url
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from plotly.offline import get_plotlyjs

from helpers.markup import escape

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_SCRIPT = "plotly.min.js"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # course_site: the lab template minus its CDN scripts


def widget_fallback(notebook_name):
    """HTML shown in place of a widget on a static page."""
    link = binder_url(f"notebooks/{notebook_name}")
    return (
        '<div class="widget-fallback" style="border:1px dashed #999;padding:0.6em 1em;margin:0.4em 0">'
        "<b>Interactive widget.</b> Widgets need a running Python kernel, so they cannot work on this page. "
        f'Run this notebook in Jupyter to use it: <a href="{escape(link)}">open it on Binder</a>, '
        "or open it in JupyterLab on your own machine.</div>"
    )


class StaticOutputs(Preprocessor):
    """Turn plotly JSON into self-drawing HTML and widgets into a 'run this in Jupyter' note."""

    def preprocess(self, nb, resources):
        self.notebook_name = resources.get("metadata", {}).get("name", "notebook") + ".ipynb"
        self.figures = 0
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                self.figures += 1
                div_id = f"figure-{index}-{self.figures}"
                data["text/html"] = pio.to_html(
                    data.pop(PLOTLY_MIME),
                    include_plotlyjs="directory" if self.figures == 1 else False,
                    full_html=False,
                    div_id=div_id,
                    validate=False,
                )
            if WIDGET_MIME in data:
                data.pop(WIDGET_MIME)
                data["text/html"] = widget_fallback(self.notebook_name)
        return cell, resources


SITE_STYLE = (
    "<style>.course-nav{font:15px/1.5 Arial,sans-serif;max-width:60em;margin:0.5em auto;padding:0.5em 1em;"
    "border:1px solid #ccc;background:#fafafa}.course-nav a{color:#0b5394}.course-list{list-style:none;margin:0.3em 0;padding:0}.course-list li{margin:0.4em 0}"
    ".course-pager{display:flex;justify-content:space-between;gap:1em;flex-wrap:wrap}"
    "@media (max-width:600px){.jp-Notebook{padding:0 4px!important}.jp-InputPrompt,.jp-OutputPrompt{display:none!important}"
    ".jp-Cell{padding:2px!important}table.course-table{display:block;overflow-x:auto}.js-plotly-plot{overflow-x:auto}}"
    ".jp-InputPrompt,.jp-OutputPrompt{color:#4a4a4a!important;opacity:1!important}.c1{color:#2f5f5f!important}.ow{color:#7a2a7a!important}a{text-decoration:underline!important}"
    "img{max-width:100%}.badge-text{border:1px solid #0b5394;border-radius:3px;padding:0 5px;margin-right:6px}</style>"
)


def title_and_aim(path):
    """A notebook's title (its first heading) and its one-sentence aim (the first paragraph after the badges)."""
    cells = nbformat.read(path, as_version=4).cells
    lines = [line.strip() for line in cells[0].source.splitlines() if line.strip()]
    title = lines[0].lstrip("# ").strip()
    aim = next((line for line in lines[1:] if not line.startswith("[![")), "")
    return title, aim


def _pages(notebooks):
    return [(Path(p).stem + ".html", *title_and_aim(p)) for p in notebooks]


def _nav(pages, current):
    """The contents list and the previous/next links of one page."""
    names = [name for name, _, _ in pages]
    index = names.index(current)
    contents = "".join(
        f"<li>{'<b>' + escape(title) + '</b>' if name == current else f'<a href={json.dumps(name)}>{escape(title)}</a>'}</li>"
        for name, title, _ in pages
    )
    previous = (
        f'<a href="{escape(names[index - 1])}" rel="prev">← {escape(pages[index - 1][1])}</a>'
        if index
        else '<a href="index.html">← Course home</a>'
    )
    following = f'<a href="{escape(names[index + 1])}" rel="next">{escape(pages[index + 1][1])} →</a>' if index + 1 < len(names) else ""
    pager = f'<div class="course-pager">{previous}{following}</div>'
    return (
        f'<nav class="course-nav" aria-label="Course contents"><a href="index.html">Course home</a>{pager}'
        f'<details><summary>Contents</summary><ul class="course-list">{contents}</ul></details></nav>',
        f'<nav class="course-nav" aria-label="Previous and next notebook">{pager}</nav>',
    )


def _static_links(body):
    """Links between notebooks point at their pages; badge images become plain text links."""
    body = re.sub(r'href="(?!https?:)([^"#]+?)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)

    def text_for_remote_image(match):
        tag = match.group(0)
        if not re.search(r'\bsrc="(https?:)?//', tag):
            return tag
        alt = re.search(r'\balt="([^"]*)"', tag)
        return f'<span class="badge-text">{alt.group(1)}</span>' if alt else ""

    return re.sub(r"<img\b[^>]*>", text_for_remote_image, body)


def export_notebook(path, out_dir, pages=None):
    """Write one notebook's HTML page into out_dir, with the site's navigation when `pages` is given; return its path."""
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="course_site")
    exporter.register_preprocessor(StaticOutputs(), enabled=True)
    nb = nbformat.read(path, as_version=4)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": Path(path).stem}})
    body = _static_links(body).replace("</head>", SITE_STYLE + "</head>", 1)
    if pages:
        top, bottom = _nav(pages, Path(path).stem + ".html")
        body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + top, body, count=1).replace("</body>", bottom + "</body>", 1)
    target = Path(out_dir) / (Path(path).stem + ".html")
    target.write_text(body, encoding="utf-8")
    return target


def index_page(pages):
    """The site's home page: the course in order, each notebook's aim, and where to run it."""
    rows = "".join(
        f'<li><a href="{escape(name)}">{escape(title)}</a><br>{escape(aim)}<br>'
        f'<small>Run it: <a href="{escape(binder_url("notebooks/" + name.replace(".html", ".ipynb")))}">on Binder</a></small></li>'
        for name, title, aim in pages
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>What Putin is really after: a close-reading course</title>" + SITE_STYLE + "</head><body>"
        '<main class="course-nav"><h1>What Putin is really after: a close-reading course</h1>'
        "<p>Notebooks for reading one op-ed closely in an International Relations class: Emmanuel Karagiannis, "
        "&ldquo;What Putin is really after&rdquo; (Al Jazeera, December 2015). The pages below are the course as "
        "static pages: the figures are interactive, the widgets need Jupyter (each page links to Binder).</p>"
        f'<h2>The course, in order</h2><ul class="course-list">{rows}</ul></main></body></html>'
    )


def export_site(out_dir="build/site", notebooks=None):
    """Export every notebook, the index and plotly.js; return the page paths (index last)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / PLOTLY_SCRIPT).write_text(get_plotlyjs(), encoding="utf-8")
    notebooks = notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    pages = _pages(notebooks)
    written = [export_notebook(path, out_dir, pages) for path in notebooks]
    index = out_dir / "index.html"
    index.write_text(index_page(pages), encoding="utf-8")
    return [*written, index]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python tools/html_export.py", description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="build/site", help="output folder (default: build/site)")
    for page in export_site(parser.parse_args(argv).out):
        print(page)


if __name__ == "__main__":
    main()
