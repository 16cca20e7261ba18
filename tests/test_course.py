"""The Course object: every part loaded and cross-checked once, one cache, read-only, and an import that changes nothing."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import helpers.course as course_module
import helpers.events
from helpers.coding import load_codebook
from helpers.course import course, course_events, load_course
from helpers.errors import CourseDataError
from helpers.essay import load_essay
from helpers.readings import load_claims, load_evidence_key, load_predictions
from helpers.theories import load_theories

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_course_is_loaded_once_and_its_parts_fit_together():
    parts = course()
    assert course() is parts
    assert set(parts.frame["id"]) >= {e for c in parts.claims for e in c.events}
    assert set(parts.theories) >= {t for k in parts.evidence_key.values() for t in k.theories}
    assert list(parts.coding_key) == [s.id for s in parts.essay.sentences]
    assert parts.readings == (parts.claims, parts.predictions, parts.evidence_key)
    assert str(parts.published) == parts.essay.metadata["published"]


def test_its_parts_cannot_be_changed_by_a_notebook():
    parts = course()
    events = parts.events
    events.loc[events.index[0], "title"] = "changed in a notebook"
    assert len(course_events()) == len(parts.frame) > 100 and "changed in a notebook" not in set(course_events()["title"])
    with pytest.raises(TypeError):
        parts.theories["new"] = None
    with pytest.raises(TypeError):
        parts.evidence_key["new"] = None
    with pytest.raises(AttributeError):
        parts.claims = ()


def test_loaders_load_no_other_part_of_the_course(monkeypatch):
    """Given the essay, the readings and theories load without the events, which only the course checks them against."""
    essay = load_essay()

    def no_events(*args, **kwargs):
        raise AssertionError("a loader loaded the events behind the scenes")

    course_module.course.cache_clear()
    monkeypatch.setattr(helpers.events, "load_events", no_events)
    monkeypatch.setattr(course_module, "load_events", no_events)
    try:
        assert load_claims(essay=essay) and load_predictions(essay=essay) and load_evidence_key()
        assert load_theories() and load_codebook()
    finally:
        course_module.course.cache_clear()


def test_an_instructors_copy_is_loaded_whole_from_its_folder(data_copy):
    path = data_copy("events.csv", lambda rows: [r for r in rows if r["id"] != "s400-deployed-hmeimim-2015"])
    with pytest.raises(Exception) as caught:
        load_course(path.parent)
    assert "s400-deployed-hmeimim-2015" in str(caught.value)  # the coverage, claims or key still cite it


def test_importing_the_package_changes_nothing_in_the_kernel_until_open_course():
    probe = (
        "import sys, helpers; before = 'rfc3987_syntax' in sys.modules; "
        "from IPython.core.interactiveshell import InteractiveShell; shell = InteractiveShell.instance(); "
        "plain_before = shell.custom_exceptions; course = helpers.open_course(); "
        "print(before, plain_before, sys.modules['rfc3987_syntax'], shell.custom_exceptions, len(course.claims) > 0)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "()", "None", "(<class", "'helpers.errors.CourseDataError'>,)", "True"]


class _Shell:
    """Stands in for IPython's shell: records the handler a notebook's kernel would be given."""

    def __init__(self):
        self.custom, self.shown = None, []

    def set_custom_exc(self, types, handler):
        self.custom = (types, handler)

    def showtraceback(self, exc_tuple, exception_only=False):
        self.shown.append((exc_tuple[0], exc_tuple[1], exception_only))


def test_open_course_returns_the_one_course_and_shows_its_errors_as_one_line(monkeypatch):
    import types

    import helpers

    shell = _Shell()
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    monkeypatch.delitem(sys.modules, "rfc3987_syntax", raising=False)
    assert helpers.open_course() is course()
    assert sys.modules["rfc3987_syntax"] is None, "plotly's optional grammar is marked absent"
    types_handled, handler = shell.custom
    assert types_handled == (helpers.CourseDataError,)
    error = helpers.CourseDataError(helpers.Location("events.csv", row=3, field="date"), "not a date")
    handler(shell, type(error), error, None)
    assert shell.shown == [(helpers.CourseDataError, error, True)], "the message alone, no traceback"


def test_open_course_keeps_a_grammar_that_is_installed_and_needs_no_ipython(monkeypatch):
    import types

    import helpers

    grammar = types.ModuleType("rfc3987_syntax")
    monkeypatch.setitem(sys.modules, "rfc3987_syntax", grammar)
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: None))
    assert helpers.open_course() is course()  # a plain Python process: nothing to set up, no error
    assert sys.modules["rfc3987_syntax"] is grammar
    monkeypatch.delitem(sys.modules, "IPython")
    assert helpers.open_course() is course()


def _set(field, value, row=0):
    def change(rows):
        rows[row][field] = value

    return change


# One rule broken in each file of an instructor's copy: the error names that file of the copy.
EVERY_FILE = [
    ("events.csv", _set("date", "someday"), "row 2 (id 'tartus-naval-facility-1971'), field 'date'"),
    (
        "events.csv",
        _set("date", "1071"),  # 1971 with one key wrong: it would silently leave every figure
        "row 2 (id 'tartus-naval-facility-1971'), field 'date': '1071': the year is outside 1900-2100; check it for a typo",
    ),
    ("event_sources.csv", _set("kind", "blog"), "row 2, field 'kind'"),
    ("date_alternatives.csv", _set("status", "rumour"), "row 2, field 'status'"),
    ("theories.csv", _set("family", "liberal"), "row 2, field 'family'"),
    ("theory_predictions.csv", _set("verdict", "maybe"), "row 2, field 'verdict'"),
    ("references.csv", _set("title", ""), "row 2, field 'title'"),
    ("codebook.csv", _set("shortcut", "x"), "row 2, field 'shortcut'"),
    ("readings.csv", _set("essay_lens", "liberal"), "row 2, field 'essay_lens'"),
    ("predictions.csv", _set("happened", "maybe"), "row 2, field 'happened'"),
    ("evidence_key.csv", _set("weight", "7"), "row 2, field 'weight'"),
    ("coding_key.csv", _set("code", "liberal"), "row 2, field 'code'"),
]


def _duplicate_first(rows):
    return [rows[0], *rows]


# Each check across the events' files, with its whole message.
CROSS_FILE = [
    ("date_alternatives.csv", _set("event_id", "no-such-event"), "row 2, field 'event_id': no event has id 'no-such-event'"),
    (
        "date_alternatives.csv",
        _set("url", "https://piglix.com/x"),
        "row 2, field 'url': piglix.com is a mirror host, which the course never cites",
    ),
    ("date_alternatives.csv", _set("date", "1996-02-30"), "row 2, field 'date': "),
    ("coverage.csv", _set("event_id", "no-such-event"), "row 2, field 'event_id': no event has id 'no-such-event'"),
    ("coverage.csv", _set("paragraph", "p99"), "row 2, field 'paragraph': no such essay paragraph: p99"),
    (
        "coverage.csv",
        lambda rows: rows[0].update(event_id="tartus-permanent-base-plan-2016", relation="names"),
        "row 2, field 'relation': 'tartus-permanent-base-plan-2016' became public after the essay appeared (2015-12-01), "
        "so it can only be context, not 'names'",
    ),
    ("coverage.csv", _duplicate_first, "row 3, field 'event_id': 'blue-stream-agreement-1997' is already listed for p01"),
    ("event_sources.csv", _set("event_id", "no-such-event"), "row 2, field 'event_id': no event has id 'no-such-event'"),
    (
        "event_sources.csv",
        _set("url", "https://example.wordpress.com/post"),
        "row 2, field 'url': example.wordpress.com is a blog host, which the course never cites",
    ),
    (
        "event_sources.csv",
        _set("url", "https://rt.com/news/1"),
        "row 2, field 'kind': rt.com is state media: its kind must be state_media",
    ),
    ("event_sources.csv", _set("title", "Untitled page"), "row 2, field 'title': 'Untitled page' is a placeholder (^untitled\\b)"),
    ("event_sources.csv", _set("title", "www.rferl.org"), "row 2, field 'title': 'www.rferl.org' is a placeholder (the host name)"),
    ("event_sources.csv", _duplicate_first, "row 3, field 'url': repeats row 2 for event 'tartus-naval-facility-1971'"),
    ("theory_predictions.csv", _set("events", "no-such-event"), "row 2, field 'events': no such event: no-such-event"),
    ("readings.csv", _set("events", "no-such-event"), "row 2 (id 'great-power-politics'), field 'events': no such event: no-such-event"),
    ("readings.csv", _set("paragraph", "p99"), "row 2 (id 'great-power-politics'), field 'paragraph': no essay paragraph 'p99'"),
    (
        "readings.csv",
        _set("theories", "no-such-theory"),
        "row 2 (id 'great-power-politics'), field 'theories': no such theory: no-such-theory",
    ),
    ("predictions.csv", _set("events", "no-such-event"), "row 2 (id 'return-for-good'), field 'events': no such event: no-such-event"),
    ("predictions.csv", _set("paragraph", "p99"), "row 2 (id 'return-for-good'), field 'paragraph': no essay paragraph 'p99'"),
    ("evidence_key.csv", _set("event_id", "no-such-event"), "row 2, field 'event_id': no event has id 'no-such-event'"),
    ("evidence_key.csv", _set("theories", "no-such-theory"), "row 2, field 'theories': no such theory: no-such-theory"),
    (
        "evidence_key.csv",
        _set("event_id", "tartus-permanent-base-plan-2016"),
        "row 2, field 'event_id': 'tartus-permanent-base-plan-2016' became public after the essay appeared (2015-12-01); "
        "students weigh what was known then",
    ),
    ("coding_key.csv", _set("sentence_id", "p99.s1"), "row 2, field 'sentence_id': no sentence of the essay has id 'p99.s1'"),
    (
        "coding_key.csv",
        _set("code", "no-such-code"),
        "row 2, field 'code': 'no-such-code' is not a code of the codebook (realist, domestic, both, evidence, framing)",
    ),
]


@pytest.mark.parametrize(("name", "change", "problem"), EVERY_FILE + CROSS_FILE)
def test_each_broken_rule_in_an_instructors_copy_names_the_file_row_and_field(data_copy, name, change, problem):
    path = data_copy(name, change)
    with pytest.raises(CourseDataError) as caught:
        load_course(path.parent)
    assert str(caught.value).startswith(f"{path}: {problem}")


def test_loading_the_packaged_data_again_gives_the_course_the_notebooks_share():
    again, shared = load_course(), course()
    assert again is not shared
    assert again.frame.equals(shared.frame) and again.published == shared.published
    assert dict(again.theories) == dict(shared.theories) and dict(again.codebook) == dict(shared.codebook)
    assert again.claims == shared.claims and again.predictions == shared.predictions
    assert again.evidence_key == shared.evidence_key and again.coding_key == shared.coding_key
    assert again.essay.paragraph_ids == shared.essay.paragraph_ids


def test_an_instructors_copy_is_checked_against_the_essay_it_is_given(data_copy):
    import dataclasses

    essay = course().essay
    earlier = dataclasses.replace(essay, metadata={**essay.metadata, "published": "2015-11-20"})
    folder = data_copy("events.csv", lambda rows: None).parent
    assert load_course(folder, essay=essay).published.isoformat() == "2015-12-01"
    with pytest.raises(CourseDataError) as caught:
        load_course(folder, essay=earlier)  # the shoot-down would come after this essay
    assert "field 'period'" in str(caught.value) and "(the essay appeared 2015-11-20)" in str(caught.value)


def test_date_alternatives_and_coverage_are_attached_to_their_events():
    import csv

    from helpers.tables import data_file

    events = course().frame.set_index("id")
    with open(data_file("date_alternatives.csv"), encoding="utf-8", newline="") as handle:
        alternatives = list(csv.DictReader(handle))
    for event_id in {row["event_id"] for row in alternatives}:
        assert events.loc[event_id, "date_alternatives"] == tuple(row for row in alternatives if row["event_id"] == event_id)
    assert events.loc["su24-shootdown-2015", "relations"]["p01"] == "names"
    assert "p01" in events.loc["su24-shootdown-2015", "paragraphs"]
    assert events.loc["tartus-permanent-base-plan-2016", "date_alternatives"] == ()


def _without_paragraph(pid):
    return lambda essay, seed: seed.replace(essay.paragraph(pid).text + "\n", "")


def _sentences_merged(pid):
    return lambda essay, seed: seed.replace(essay.paragraph(pid).text, essay.paragraph(pid).text.replace(". ", "; "))


def _reworded(words, instead):
    return lambda essay, seed: seed.replace(words, instead)


def _first_row(name, paragraph):
    """The spreadsheet row (the header is row 1) of the first row about `paragraph`."""
    lines = DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(f"{paragraph},"))


@pytest.mark.parametrize(
    ("edit", "name", "problem"),
    [
        (
            _without_paragraph("p21"),
            "coverage.csv",
            f"row {_first_row('coverage.csv', 'p21')}, field 'paragraph': no such essay paragraph: p21",
        ),
        (
            _reworded("classic great power politics", "classic power politics"),
            "readings.csv",
            "row 2 (id 'great-power-politics'), field 'quote': not found word for word in p03",
        ),
        (
            _reworded("Russia has returned to the Middle East for good", "Russia has come back to the Middle East"),
            "predictions.csv",
            "row 2 (id 'return-for-good'), field 'quote': not found word for word in p12",
        ),
        (_sentences_merged("p21"), "coding_key.csv", "row 45, field 'sentence_id': no sentence of the essay has id 'p21.s2'"),
    ],
)
def test_every_file_is_checked_against_the_essay_load_course_is_given(edit, name, problem):
    from helpers.essay import parse_essay
    from helpers.tables import data_file

    essay = course().essay
    text = edit(essay, Path(essay.source).read_text(encoding="utf-8"))
    with pytest.raises(CourseDataError) as caught:
        load_course(data_file("events.csv").parent, essay=parse_essay(text, metadata=essay.metadata))
    assert str(caught.value) == f"{data_file(name)}: {problem}"


@pytest.mark.parametrize("name", ["coverage.csv", "date_alternatives.csv"])
def test_an_instructors_copy_without_one_of_the_events_files_is_an_error_not_the_courses_file(data_copy, name):
    path = data_copy(name, lambda rows: None)
    path.unlink()
    with pytest.raises(CourseDataError) as caught:
        load_course(path.parent)
    assert str(caught.value) == f"{path}: cannot be read: [Errno 2] No such file or directory: '{path}'"


def test_an_instructors_copy_of_the_data_package_must_be_the_courses_own(data_copy):
    data_copy("events.csv", lambda rows: None)
    schema = data_copy.folder / "datapackage.json"
    shutil.copy(DATA / "datapackage.json", schema)
    load_course(data_copy.folder)  # the same file: fine
    schema.write_text(schema.read_text(encoding="utf-8").replace('"value": "energy"', '"value": "economy"', 1), encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        load_course(data_copy.folder)
    assert str(caught.value) == (
        f"{schema}: differs from the course's own data package (helpers/data/datapackage.json), the one schema every file "
        "is checked against and the source of every label and colour: make the change there, or remove this copy"
    )


def test_the_events_and_theories_loaders_read_a_custom_files_companions_beside_it(data_copy):
    sources = data_copy("event_sources.csv", _set("url", "https://piglix.com/x"))
    with pytest.raises(CourseDataError) as caught:  # not the course's own event_sources.csv
        helpers.events.load_events(sources.parent / "events.csv")
    assert str(caught.value).startswith(f"{sources}: row 2, field 'url': piglix.com is a mirror host")
    (sources.parent / "coverage.csv").unlink()
    with pytest.raises(CourseDataError, match="coverage.csv: cannot be read"):
        helpers.events.load_events(sources.parent / "events.csv", DATA / "event_sources.csv")
    references = data_copy("references.csv", _set("title", ""))
    with pytest.raises(CourseDataError) as caught:
        load_theories(references.parent / "theories.csv")
    assert str(caught.value).startswith(f"{references}: row 2, field 'title'")
