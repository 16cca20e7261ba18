"""Export the notebooks to a static course website: ``python tools/html_export.py [OUT]``.

The site has an index (the course map and launch links) and one page per notebook,
each with a contents list and previous/next links; links between notebooks point at
the pages.  Plotly figures stay interactive with no kernel and no CDN: each page loads
``plotly.min.js`` from its own folder, written once beside the pages.  Widgets need a
kernel, so each becomes a note with a link to run the notebook on Binder.  Launch
badges, remote images, become plain text links, so nothing is broken offline.
"""

import argparse
import re
from pathlib import Path

import nbformat
import plotly.io as pio
from jinja2 import Environment, FileSystemLoader
from launch_links import NOTEBOOKS, binder_url
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from plotly.offline import get_plotlyjs

PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PLOTLY_SCRIPT = "plotly.min.js"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # course_site: the lab template minus its CDN scripts
# The site's own pieces (style, navigation, index, widget note), as macros; text is escaped by autoescaping.
SITE = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True).get_template("site.html.j2").module


def widget_fallback(notebook_name):
    """HTML shown in place of a widget on a static page."""
    return str(SITE.widget_fallback(binder_url(f"notebooks/{notebook_name}")))


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
    """The contents list and the previous/next links of one page (top, bottom)."""
    index = [name for name, _, _ in pages].index(current)
    return str(SITE.nav_top(pages, index)), str(SITE.nav_bottom(pages, index))


REMOTE_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:https?:)?//[^)\s]*\)")  # ![alt](https://...): a badge, say
NOTEBOOK_LINK = re.compile(r"\]\((?!https?:)([^)#\s]+?)\.ipynb(#[^)\s]*)?\)")  # [text](02_....ipynb#part)


class StaticLinks(Preprocessor):
    """In the prose, links between notebooks point at their pages, and remote images (the badges) become their text."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            source = REMOTE_IMAGE.sub(lambda m: str(SITE.badge_text(m.group(1))), cell.source)
            cell.source = NOTEBOOK_LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", source)
        return cell, resources


def export_notebook(path, out_dir, pages=None):
    """Write one notebook's HTML page into out_dir, with the site's navigation when `pages` is given; return its path."""
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="course_site")
    exporter.register_preprocessor(StaticOutputs(), enabled=True)
    exporter.register_preprocessor(StaticLinks(), enabled=True)
    nb = nbformat.read(path, as_version=4)
    top, bottom = _nav(pages, Path(path).stem + ".html") if pages else ("", "")
    site = {"style": str(SITE.style()), "nav_top": top, "nav_bottom": bottom}
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": Path(path).stem}, "course_site": site})
    target = Path(out_dir) / (Path(path).stem + ".html")
    target.write_text(body, encoding="utf-8")
    return target


def index_page(pages):
    """The site's home page: the course in order, each notebook's aim, and where to run it."""
    links = [binder_url("notebooks/" + name.replace(".html", ".ipynb")) for name, _, _ in pages]
    return str(SITE.index_page(pages, links))


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
