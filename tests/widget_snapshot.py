"""What a student sees in each of the course's widgets, before and after a few steps, as plain data.

`test_widgets.py` compares it with `tests/golden/widgets.json`, which was written after the
widgets were looked at in JupyterLab (screenshots at full and narrow width). After a deliberate
change, look again, then rewrite the file with `make golden`.
Long values (HTML panels, figures, over 400 characters) are kept as their first 80 characters and a hash of the whole.
"""

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden" / "widgets.json"
SHOWN = (
    "description",
    "_options_labels",
    "min",
    "max",
    "step",
    "readout_format",
    "continuous_update",
    "button_style",
    "disabled",
    "tooltip",
    "placeholder",
    "orientation",
    "value",
    "_dom_classes",
)


def _short(value):
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)
    if len(text) <= 400:
        return value
    return {"opens": text[:80], "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], "length": len(text)}


def describe(widget):
    """A widget and its children as nested dicts of what is shown: labels, ranges, values, layout, outputs."""
    state = widget.get_state()
    shown = {"widget": type(widget).__name__}
    shown.update({k: _short(state[k]) for k in SHOWN if k in state and state[k] not in (None, "", [], ())})
    layout = getattr(widget, "layout", None)
    if layout is not None:
        sizes = {k: v for k, v in layout.get_state().items() if not k.startswith("_") and v not in (None, "")}
        if sizes:
            shown["layout"] = sizes
    if getattr(widget, "outputs", None):
        shown["outputs"] = [_short(output) for output in widget.outputs]
    if callable(getattr(widget, "summary", None)):
        shown["summary"] = widget.summary()  # what the widget says of itself in words
    children = [describe(child) for child in getattr(widget, "children", ())]
    if children:
        shown["children"] = children
    return shown


def snapshot():
    """The four widgets of notebooks 05 and 05b for a new student, then after one step in each."""
    import helpers
    from helpers.answers import AnswerStore
    from helpers.widgets import coding_bench, lens_switch, predictions_quiz, weigh_evidence

    course = helpers.open_course()
    claims, predictions, key = course.readings
    store = AnswerStore("snapshot", tempfile.mkdtemp(prefix="widget-snapshot-"))
    lens = lens_switch(course.events, claims, course.essay.citation(), store)
    weigh = weigh_evidence(course.events, claims, key, store)
    quiz = predictions_quiz(predictions, store)
    bench = coding_bench(course.essay, store)
    widgets = {"lens": lens, "weigh": weigh, "quiz": quiz, "bench": bench}
    states = {"new": {name: describe(widget) for name, widget in widgets.items()}}
    lens.lens.value = "realist"
    lens.claim.value = lens.claim.options[1][1]
    lens.verdict.value = "domestic"
    first = next(iter(weigh.sliders))
    weigh.sliders[first].value = -2
    weigh.compare.value = True
    for n, slider in enumerate(quiz.sliders.values()):
        slider.value = round(0.1 + 0.2 * n, 2)
    quiz.reveal.click()
    bench.buttons.value = "realist"
    bench.keyboard.value = "5"
    states["after a step"] = {name: describe(widget) for name, widget in widgets.items()}
    return states


def text(states):
    return json.dumps(states, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    os.environ.setdefault("COURSE_STUDENT", "snapshot")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(text(snapshot()), encoding="utf-8")
    print(f"wrote {GOLDEN}")
