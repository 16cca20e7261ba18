"""What an assignment tells a student as they answer, and what it hands in: unit tests, no kernel and no nbgrader.

The whole hand-in, through notebooks run as a student and as the autograder, is in `test_hand_in.py`.
"""

import json

import pytest

from helpers.answers import AnswerStore, answers_dir
from helpers.assignments import SNAPSHOT, check_answer, coding_progress, workbench_answers
from helpers.course import course_coding
from helpers.errors import CourseDataError


def test_a_missing_answer_is_named_and_not_an_error(capsys):
    check_answer("q1_year", None, int)
    assert capsys.readouterr().out == "q1_year: not answered yet.\n"


@pytest.mark.parametrize(
    ("value", "kind", "low", "high"),
    [
        (2015, int, 1995, 2015),
        (1995, int, 1995, 2015),
        (0.5, float, 0, 1),
        (1, float, 0, 1),
        (0, float, 0, None),
        ("Tartus", str, None, None),
    ],
)
def test_a_well_formed_answer_is_acknowledged_without_saying_whether_it_is_right(capsys, value, kind, low, high):
    check_answer("q", value, kind, low, high)
    assert capsys.readouterr().out == "q: answered; it has the right form. Your instructor's tests decide whether it is right.\n"


@pytest.mark.parametrize(
    ("value", "kind", "message"),
    [
        ("2015", int, "q should be a whole number (int), but it is str '2015'."),
        (2015.0, int, "q should be a whole number (int), but it is float 2015.0."),
        (True, int, "q should be a whole number (int), but it is bool True."),
        (True, float, "q should be a number, but it is bool True."),
        ("0.5", float, "q should be a number, but it is str '0.5'."),
        (3, str, "q should be a text (str), but it is int 3."),
    ],
)
def test_an_answer_of_the_wrong_type_is_refused_with_what_it_should_be(value, kind, message):
    with pytest.raises(TypeError) as raised:
        check_answer("q", value, kind)
    assert str(raised.value) == message


@pytest.mark.parametrize(("value", "low", "high"), [(1.01, 0, 1), (-0.01, 0, 1), (-1, 0, None), (2016, None, 2015)])
def test_an_answer_out_of_range_is_refused_with_the_range(value, low, high):
    with pytest.raises(ValueError) as raised:
        check_answer("q", value, type(value), low, high)
    assert str(raised.value) == f"q should be between {low} and {high}, but it is {value!r}."


def _store_with_answers(tmp_path):
    store = AnswerStore("ada", tmp_path / "answers")
    store.set("evidence", "su24-shootdown-2015", -2)
    store.set("evidence", "s400-deployed-hmeimim-2015", 1)
    store.set("choices", "lens", "realist")
    return store


def test_handing_in_copies_the_answers_beside_the_notebook_and_shows_them(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    store = _store_with_answers(tmp_path)
    shown = workbench_answers(store, folder=tmp_path)
    snapshot = json.loads((tmp_path / SNAPSHOT).read_text(encoding="utf-8"))
    assert snapshot == store.document()
    heading, file_text = shown.plain.split("\n", 1)
    assert (
        heading
        == "Workbench answers of ada (1 choices, 0 coding, 2 evidence, 0 notes, 0 predictions, 0 verdicts), handed in as workbench_answers.json"
    )
    assert json.loads(file_text) == {k: v for k, v in snapshot.items() if k != "saved"}, "the save time is left out of what is shown"
    assert "saved" in snapshot, "but the file keeps it"
    assert "<details>" in shown.html and "&quot;lens&quot;: &quot;realist&quot;" in shown.html


def test_handing_in_again_replaces_the_snapshot_with_the_newer_answers(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    store = _store_with_answers(tmp_path)
    workbench_answers(store, folder=tmp_path)
    store.set("choices", "lens", "domestic")
    workbench_answers(store, folder=tmp_path)
    assert json.loads((tmp_path / SNAPSHOT).read_text(encoding="utf-8"))["answers"]["choices"] == {"lens": "domestic"}


def test_a_snapshot_that_cannot_be_written_is_a_located_error(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("", encoding="utf-8")
    with pytest.raises(CourseDataError) as raised:
        workbench_answers(_store_with_answers(tmp_path), folder=not_a_folder)
    assert str(raised.value) == f"{not_a_folder / SNAPSHOT}: could not save the snapshot to hand in (File exists)"


def test_the_autograder_shows_the_handed_in_snapshot_and_never_writes(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    workbench_answers(_store_with_answers(tmp_path), folder=tmp_path)
    handed = (tmp_path / SNAPSHOT).read_bytes()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    grader = AnswerStore("grader", tmp_path / "grader-answers")
    grader.set("choices", "lens", "domestic")
    shown = workbench_answers(grader, folder=tmp_path)
    assert shown.plain.startswith("Workbench answers of ada (1 choices, 0 coding, 2 evidence, 0 notes, 0 predictions, 0 verdicts)")
    assert '"lens": "realist"' in shown.plain and "domestic" not in shown.plain
    assert (tmp_path / SNAPSHOT).read_bytes() == handed


def test_the_autograder_says_so_when_nothing_was_handed_in(tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    shown = workbench_answers(folder=tmp_path)
    assert shown.plain == "No workbench answers were handed in."
    assert shown.html == "<p><b>No workbench answers were handed in</b> (no workbench_answers.json).</p>"


def test_the_autograder_refuses_a_tampered_snapshot_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    (tmp_path / SNAPSHOT).write_text(json.dumps({"format": "someone-else"}), encoding="utf-8")
    with pytest.raises(CourseDataError) as raised:
        workbench_answers(folder=tmp_path)
    assert str(raised.value).startswith(str(tmp_path / SNAPSHOT))


def test_coding_progress_counts_the_coded_sentences_in_the_snapshot(tmp_path, monkeypatch):
    total = len(course_coding()[1])
    assert total > 0
    assert coding_progress(tmp_path) == (0, total), "nothing handed in: nothing coded"
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    store = _store_with_answers(tmp_path)
    sentence_ids = list(course_coding()[1])[:3]
    for sentence_id in sentence_ids:
        store.set("coding", sentence_id, "realist")
    workbench_answers(store, folder=tmp_path)
    assert coding_progress(tmp_path) == (3, total)


def test_answers_live_in_the_home_folder_unless_the_environment_says_otherwise(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_ANSWERS_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert answers_dir() == tmp_path / "what-putin-is-really-after-answers"
    monkeypatch.setenv("COURSE_ANSWERS_DIR", str(tmp_path / "elsewhere"))
    assert answers_dir() == tmp_path / "elsewhere"
    monkeypatch.setenv("COURSE_ANSWERS_DIR", "")
    assert answers_dir() == tmp_path / "what-putin-is-really-after-answers", "an empty setting is no setting"


def test_the_snapshot_is_laid_out_as_the_answers_file_and_shown_as_it_is(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    store = AnswerStore("zoë", tmp_path / "answers")
    store.set("notes", "p04", "Großmacht: “great power” status")
    store.set("choices", "lens", "realist")
    shown = workbench_answers(store, folder=tmp_path)

    def without_save_time(text):
        return [line for line in text.splitlines() if not line.lstrip().startswith('"saved"')]

    snapshot = (tmp_path / SNAPSHOT).read_text(encoding="utf-8")
    assert without_save_time(snapshot) == without_save_time(store.path.read_text(encoding="utf-8"))
    assert '"student": "zoë"' in snapshot and "Großmacht: “great power”" in snapshot, "letters as written, not \\u escapes"
    keys = [line.split('"')[1] for line in snapshot.splitlines() if line.startswith('  "')]
    assert keys == sorted(keys) == ["answers", "format", "saved", "student", "version"]
    assert shown.plain.split("\n", 1)[1].splitlines() == without_save_time(snapshot)


def test_handing_in_and_progress_use_the_notebooks_own_folder_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.chdir(tmp_path)
    store = _store_with_answers(tmp_path)
    store.set("coding", "p01.s1", "evidence")
    workbench_answers(store)
    assert json.loads((tmp_path / SNAPSHOT).read_text(encoding="utf-8"))["answers"]["coding"] == {"p01.s1": "evidence"}
    assert coding_progress() == (1, len(course_coding()[1]))
