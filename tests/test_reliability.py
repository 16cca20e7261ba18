"""Reliability: the same outputs every time, bad input never crashes or overwrites, no unsafe loading."""

import copy
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbclient import NotebookClient

from helpers.errors import CourseDataError
from helpers.essay import load_essay, parse_essay
from helpers.events import load_events
from helpers.readings import load_claims, load_evidence_key, load_predictions

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "instructor").glob("*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _sanitized_outputs(nb):
    """Every code cell's outputs, minus what is random by design (widget model ids, execution counts, how a stream was split)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in copy.deepcopy(cell.outputs):
            output.pop("execution_count", None)
            output.get("data", {}).pop(WIDGET_MIME, None)
            previous = outputs[-1] if outputs else {}
            if output.get("output_type") == "stream" and previous.get("output_type") == "stream" and previous["name"] == output["name"]:
                previous["text"] += output["text"]  # a kernel may send one print in several messages, as busy ones do
            else:
                outputs.append(output)
        cells.append(outputs)
    return cells


def _execute(path, answers_dir, monkeypatch):
    monkeypatch.setenv("COURSE_ANSWERS_DIR", str(answers_dir))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    return _sanitized_outputs(nb)


@pytest.mark.executes
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_two_fresh_kernels_give_identical_outputs_equal_to_the_stored_ones(path, tmp_path, monkeypatch):
    first = _execute(path, tmp_path / "a", monkeypatch)
    second = _execute(path, tmp_path / "b", monkeypatch)
    assert first == second
    assert first == _sanitized_outputs(nbformat.read(path, as_version=4)), "stored outputs are stale: run `make execute`"


@pytest.mark.executes
def test_strict_nbval_passes_three_times_in_a_row(tmp_path):
    for attempt in range(3):
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "--nbval", "-q", "-p", "no:cacheprovider", str(ROOT / "notebooks")],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=tmp_path,
        )
        assert result.returncode == 0, f"run {attempt + 1}:\n{result.stdout[-3000:]}"


# ---------------------------------------------------------------- bad input, file by file


def _table(name):
    return list(csv.DictReader(io.StringIO((DATA / name).read_text(encoding="utf-8"))))


def _write_table(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _events_with_the_courses_other_files(path):
    """A custom events.csv read with the course's own sources, coverage and date alternatives, named explicitly."""
    return load_events(
        path, DATA / "event_sources.csv", coverage_path=DATA / "coverage.csv", alternatives_path=DATA / "date_alternatives.csv"
    )


LOADERS = {
    "events.csv": lambda p: _events_with_the_courses_other_files(p),
    "event_sources.csv": lambda p: load_events(DATA / "events.csv", p),
    "readings.csv": load_claims,
    "predictions.csv": load_predictions,
    "evidence_key.csv": load_evidence_key,
}


def _located_in(error, path):
    """The error names the file and a line or row in it, or says the file as a whole has no rows."""
    where = error.location
    assert str(error).startswith(f"{path}: ") and where.file == str(path), str(error)
    return where.line is not None or where.row is not None or (where.whole_file and "header but no rows" in error.problem)


@pytest.mark.parametrize("name", sorted(LOADERS))
@pytest.mark.parametrize("damage", ["truncated", "latin-1", "empty", "huge value", "binary"])
def test_damaged_data_files_give_a_located_error(tmp_path, name, damage):
    original = (DATA / name).read_bytes()
    damaged = {
        "truncated": original[: len(original) // 3] + b'"unterminated',
        "latin-1": original.decode("utf-8").replace("’", "é").encode("utf-8")[:200] + "Münich é".encode("latin-1"),
        "empty": b"",
        "huge value": original.split(b"\n", 1)[0] + b"\n" + b"x" * 2_000_000 + b"\n",
        "binary": bytes(range(256)) * 8,
    }[damage]
    path = tmp_path / name
    path.write_bytes(damaged)
    try:
        loaded = LOADERS[name](path)
    except CourseDataError as error:
        assert name in error.file and _located_in(error, path)
    else:  # a cut that happens to leave valid rows loads them, and only them
        assert damage == "truncated" and len(loaded) < len(_table(name))


@pytest.mark.parametrize("name, field", [("events.csv", "date"), ("events.csv", "end_date")])
def test_bad_dates_give_a_located_error(tmp_path, name, field):
    rows = _table(name)
    rows[5][field] = "2015-13-45"
    _write_table(tmp_path / name, rows)
    with pytest.raises(CourseDataError) as caught:
        LOADERS[name](tmp_path / name)
    assert (caught.value.location.row, caught.value.location.id, caught.value.field) == (7, rows[5]["id"], field)
    assert str(caught.value).startswith(f"{tmp_path / name}: row 7 (id {rows[5]['id']!r}), field {field!r}: ")


def test_script_injection_in_data_is_escaped_everywhere_it_is_shown(tmp_path):
    from helpers.timeline import fact_checks, overview_timeline, timeline_table
    from helpers.widgets import readings_panel

    attack = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    rows = _table("events.csv")
    for row in rows:
        row["title"] = row["title"][:20] + attack[:60]
        row["summary"] = attack
        if row["essay_check"]:
            row["essay_check"] = attack
    _write_table(tmp_path / "events.csv", rows)
    events = _events_with_the_courses_other_files(tmp_path / "events.csv")
    claims = load_claims()
    shown = [timeline_table(events)._repr_html_(), fact_checks(events)._repr_html_(), readings_panel(claims[0], "both", events, attack)]
    shown += [" ".join(t.hovertext) for t in overview_timeline(events).data if t.hovertext is not None]
    for html in shown:
        assert "<script>" not in html and "<img" not in html and "&lt;" in html


def test_hostile_seed_text_is_escaped():
    essay = parse_essay("Head\n\nStand.\n\n<script>alert(1)</script> & <b>bold</b>.\n")
    html = essay.quote("p01")._repr_html_() + essay.outline()._repr_html_()
    assert "<script>" not in html and "<b>bold" not in html


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=9), max_size=6),
    st.sampled_from(["readings.csv", "predictions.csv", "evidence_key.csv"]),
)
def test_fuzzed_readings_files_load_or_raise_the_documented_error(tmp_path, rows, name):
    header = (DATA / name).read_text(encoding="utf-8").split("\n", 1)[0]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path = tmp_path / name
    path.write_text(header + "\n" + buffer.getvalue(), encoding="utf-8")
    try:
        LOADERS[name](path)
    except CourseDataError as error:
        assert _located_in(error, path)


def test_seed_damage_gives_a_located_error(tmp_path):
    seed = (ROOT / "seeds" / "karagiannis-2015-what-putin-is-really-after.txt").read_text(encoding="utf-8")
    for damaged in (seed[:40], seed.replace("Competing visions\n", "Competing visions\x00\n"), ""):
        with pytest.raises(CourseDataError):
            parse_essay(damaged, source="seed.txt")
    assert load_essay().paragraph_ids[-1] == "p21"


# ---------------------------------------------------------------- no open doors


def test_no_code_evaluates_or_unpickles_data():
    risky = re.compile(r"\b(eval|exec)\(|\bpickle\b|yaml\.load\(|\bmarshal\b|shell=True")
    offenders = []
    for path in sorted((ROOT / "helpers").rglob("*.py")) + sorted((ROOT / "benchmarks").rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if risky.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders


@pytest.mark.executes
def test_a_data_error_in_a_notebook_is_one_clear_line_not_a_traceback(tmp_path):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import helpers\ncourse = helpers.open_course()\nimport helpers.events"),
            nbformat.v4.new_code_cell(f"helpers.events.load_events({str(tmp_path / 'missing.csv')!r})"),
        ]
    )
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute()
    error = nb.cells[1].outputs[0]
    assert error.output_type == "error" and error.ename == "CourseDataError"
    shown = "\n".join(error.traceback)
    assert "missing.csv: cannot be read: [Errno 2] No such file or directory" in shown
    assert "Traceback" not in shown and "load_events" not in shown and len(error.traceback) <= 2
