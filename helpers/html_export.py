"""Export the notebooks to static HTML for a course website: ``python -m helpers.html_export [OUT]``.

Plotly figures stay interactive with no kernel and no CDN: each page loads
``plotly.min.js`` from its own folder, written once beside the pages.  Widgets
need a kernel, so each becomes a note with a link to run the notebook on Binder.
"""

import argparse
from pathlib import Path

import nbformat
import plotly.io as pio
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from plotly.offline import get_plotlyjs

from .launch import NOTEBOOKS, binder_url
from .markup import escape

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
                    data.pop(PLOTLY_MIME), include_plotlyjs="directory" if self.figures == 1 else False,
                    full_html=False, div_id=div_id, validate=False,
                )
            if WIDGET_MIME in data:
                data.pop(WIDGET_MIME)
                data["text/html"] = widget_fallback(self.notebook_name)
        return cell, resources


def export_notebook(path, out_dir):
    """Write one notebook's HTML page into out_dir; return its path."""
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="course_site")
    exporter.register_preprocessor(StaticOutputs(), enabled=True)
    nb = nbformat.read(path, as_version=4)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": Path(path).stem}})
    target = Path(out_dir) / (Path(path).stem + ".html")
    target.write_text(body, encoding="utf-8")
    return target


def export_site(out_dir="build/site", notebooks=None):
    """Export every notebook and write plotly.js beside the pages; return the page paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / PLOTLY_SCRIPT).write_text(get_plotlyjs(), encoding="utf-8")
    return [export_notebook(path, out_dir) for path in notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m helpers.html_export", description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="build/site", help="output folder (default: build/site)")
    for page in export_site(parser.parse_args(argv).out):
        print(page)


if __name__ == "__main__":
    main()
