"""Write the class view as one HTML file that opens anywhere, with no CDN and no kernel.

    python tools/class_view_report.py ANSWERS [--out class_view.html] [--names] [--roster FILE]
    (or: make class-view ANSWERS=... [OUT=...] [ARGS=--names])

The figures and tables are `helpers.class_view`'s; this tool lays them out in one page
(`templates/class_view.html.j2`) and inlines plotly.js's basic bundle, installed from the
npm lock (`npm ci`), or plotly's own full bundle where that was not run.
"""

import argparse
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from helpers.class_answers import load_class
from helpers.class_view import ClassView
from helpers.errors import CourseDataError, Location
from helpers.render import report_section

ROOT = Path(__file__).resolve().parents[1]
# Autoescaping off: every value is HTML that helpers.render built and escaped, or plotly.js itself.
TEMPLATE = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"), autoescape=False).get_template(
    "class_view.html.j2"
)

PLOTLY_BASIC = ROOT / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


def _section(title, intro, figure, alternative):
    """One section: plotly's own HTML for the figure (plotly.js is loaded once, in the page's head) and its table."""
    figure_html = (
        figure.to_html(include_plotlyjs=False, full_html=False, config={"displaylogo": False, "responsive": True}) if figure else ""
    )
    return report_section(title, intro, figure_html, alternative)


def _plotly_script(plotly_js):
    """plotly.js to inline: the given file; by default the basic bundle, or plotly's full one if `npm ci` was not run."""
    if plotly_js is None and not PLOTLY_BASIC.is_file():
        from plotly.offline import get_plotlyjs

        return get_plotlyjs()  # about 4.8 MB against 1 MB, but the report still opens anywhere
    plotly_js = PLOTLY_BASIC if plotly_js is None else plotly_js
    try:
        return Path(plotly_js).read_text(encoding="utf-8")
    except OSError as error:
        raise CourseDataError(
            Location(plotly_js, whole_file=True),
            f"plotly.js's basic bundle is missing ({error.strerror}); run `npm ci` in the course folder",
        ) from None


def write_report(view, path, plotly_js=None):
    """The class view as one self-contained HTML file: plotly.js inlined (see `_plotly_script`), no CDN, no kernel."""
    script = _plotly_script(plotly_js)
    sections = [
        _section(
            "Evidence",
            "Bubbles: the share of the class at each weight. Diamond: the instructor's key. Bar: the essay's lean.",
            view.evidence_figure(),
            view.evidence_table(),
        ),
        _section(
            "Readings, claim by claim",
            "Which reading the students found more convincing for each key claim.",
            view.verdicts_figure(),
            view.verdicts_table(),
        ),
        _section(
            "Forecasts: Brier scores", "Each student's Brier score over the settled predictions.", view.brier_figure(), view.brier_table()
        ),
        _section(
            "Forecasts: calibration",
            "Pooled forecasts in fifths: on the diagonal, what was forecast at p% happened p% of the time.",
            view.calibration_figure(),
            view.calibration_table(),
        ),
        _section(
            "Forecasts per prediction",
            "The class's mean forecast and middle half, and what happened.",
            view.forecasts_figure(),
            view.forecasts_table(),
        ),
        _section(
            "Coding: agreement",
            "Krippendorff's alpha over every student who coded (0.8 and above: reliable).",
            None,
            view.agreement_table(),
        ),
        _section(
            "Coding: the essay",
            "Each sentence coloured by the class's majority code, beside the key.",
            view.coding_figure(),
            view.coding_table(),
        ),
        _section("Coding: most contested sentences", "Where the class split most, with the key's rationale.", None, view.contested_table()),
        _section("Students' notes", "What the students wrote about the key claims.", None, view.notes_table()),
        _section("Progress", "Who has not started and who is half done or less.", view.progress_figure(), view.progress_table()),
    ]
    page = TEMPLATE.render(plotly_js=script, loading_report=view.loading_report().html, sections="".join(s.html for s in sections))
    Path(path).write_text(page, encoding="utf-8")
    return Path(path)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python tools/class_view_report.py", description="Write the class view as one HTML file.")
    parser.add_argument("answers", help="a folder of answers files, nbgrader's course folder (with submitted/) or an LMS zip")
    parser.add_argument("--out", default="class_view.html", help="the HTML file to write (default: class_view.html)")
    parser.add_argument("--names", action="store_true", help="show students' names instead of pseudonyms")
    parser.add_argument("--roster", help="a text file with one student per line: those without a file count as not started")
    arguments = parser.parse_args(argv)
    roster = Path(arguments.roster).read_text(encoding="utf-8").split("\n") if arguments.roster else ()
    try:
        view = ClassView(load_class(arguments.answers), show_names=arguments.names, roster=[r.strip() for r in roster if r.strip()])
        written = write_report(view, arguments.out)
    except CourseDataError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{view.loading_report().plain.splitlines()[0]} Class view written to {written} ({written.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
