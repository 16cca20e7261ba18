"""Every figure and HTML output a notebook stores is what the helpers build today, value for value.

The stored figures are the ones that were looked at (in Chromium, at full and narrow widths)
and that students see before they run anything.  Running each notebook's cells here, in this
process, and comparing what they draw with what the notebook stores catches a change to any
figure (a colour, a margin, a label, a tick) in about a second per notebook, without a kernel.
`make execute` regenerates the stored outputs after a deliberate change.
"""

import ast
import json
import sys
from pathlib import Path

import plotly.graph_objects as go
import pytest
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parents[1]
PLOTLY = "application/vnd.plotly.v1+json"


HTML = "text/html"
WIDGET = "application/vnd.jupyter.widget-view+json"


def stored_outputs(path):
    """The figures (plotly JSON) and HTML a notebook stores, in order, as (kind, content)."""
    found = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY in data:
                found.append(("figure", data[PLOTLY]))
            elif HTML in data and WIDGET not in data:
                found.append(("html", "".join(data[HTML])))
    return found


NOTEBOOKS = [path for path in sorted((ROOT / "notebooks").rglob("*.ipynb")) if stored_outputs(path)]


def drawn_outputs(path, monkeypatch):
    """Run a notebook's code cells in order in this process; the figures and HTML they display or end with, in order."""
    import IPython.display

    drawn = []

    def show(*objects, **_):
        for shown in objects:
            if isinstance(shown, go.Figure):
                drawn.append(("figure", json.loads(shown.to_json())))
            elif callable(getattr(shown, "_repr_html_", None)) and shown._repr_html_() is not None:
                drawn.append(("html", shown._repr_html_()))

    monkeypatch.setattr(IPython.display, "display", show)
    monkeypatch.chdir(path.parent)
    monkeypatch.syspath_prepend(str(ROOT))  # restored afterwards, with what the cells add to it
    monkeypatch.delitem(sys.modules, "rfc3987_syntax", raising=False)  # open_course() marks it; put back afterwards
    namespace = {"__name__": "__main__"}
    transform = TransformerManager().transform_cell
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(transform("".join(cell["source"])))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, path.name, "exec"), namespace)  # the course's own notebooks
        if last is not None:
            value = eval(compile(ast.Expression(last.value), path.name, "eval"), namespace)
            show(value)
    return drawn


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_stored_figure_and_table_is_the_one_the_helpers_draw_now(path, monkeypatch):
    stored, drawn = stored_outputs(path), drawn_outputs(path, monkeypatch)
    assert [kind for kind, _ in drawn] == [kind for kind, _ in stored], f"{path.name}: not the outputs stored"
    for number, (now, kept) in enumerate(zip(drawn, stored, strict=True), 1):
        assert now == kept, f"{path.name}: output {number} ({now[0]}) differs from the stored one; `make execute` after a deliberate change"
