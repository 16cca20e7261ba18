"""Saving and resuming a student's answers: atomic, validated, never losing a file."""

import json
import signal
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.answers import FORMAT, AnswerStore, validate
from helpers.errors import CourseDataError


def test_answers_survive_a_restart(tmp_path):
    store = AnswerStore("ada", tmp_path)
    store.set("evidence", "su24-shootdown-2015", -2)
    store.set("predictions", "sanctions", 0.85)
    store.set("notes", "bargaining-tactic", "Normalisation came in June 2016.")
    again = AnswerStore("ada", tmp_path)  # a new kernel: nothing shared but the file
    assert again.get("evidence", "su24-shootdown-2015") == -2
    assert again.get("predictions", "sanctions") == 0.85
    assert again.get("notes", "bargaining-tactic") == "Normalisation came in June 2016."
    assert "loaded" in again.message
    document = json.loads((tmp_path / "ada.json").read_text())
    assert document["format"] == FORMAT and document["student"] == "ada"


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b'{"format": "someone-else", "version": 1}', b"[]",
                                     json.dumps({"format": FORMAT, "version": 1, "answers": {"evidence": {"x": "strong"}}}).encode()])
def test_a_bad_file_is_kept_aside_and_never_overwritten(tmp_path, content):
    (tmp_path / "bo.json").write_bytes(content)
    store = AnswerStore("bo", tmp_path)
    assert "could not be read" in store.message and "bo.unreadable-1.json" in store.message
    assert (tmp_path / "bo.unreadable-1.json").read_bytes() == content
    store.set("evidence", "e", 1)
    assert (tmp_path / "bo.unreadable-1.json").read_bytes() == content
    (tmp_path / "bo.json").write_bytes(content)
    AnswerStore("bo", tmp_path)
    assert (tmp_path / "bo.unreadable-2.json").read_bytes() == content


@pytest.mark.parametrize(
    "section, value",
    [("evidence", 3), ("evidence", "2"), ("evidence", True), ("predictions", 1.5), ("predictions", float("nan")), ("notes", 5), ("notes", "x" * 6000)],
)
def test_wrong_answer_types_are_refused_with_a_located_error(tmp_path, section, value):
    store = AnswerStore("cy", tmp_path)
    with pytest.raises(CourseDataError) as caught:
        store.set(section, "k", value)
    assert caught.value.row == f"{section}.k" and caught.value.field == section
    assert not (tmp_path / "cy.json").exists()


def test_a_kill_during_a_save_leaves_the_old_or_the_new_file(tmp_path):
    """A subprocess saves in a loop and is killed mid-write; the file must always parse."""
    store = AnswerStore("di", tmp_path)
    store.set("notes", "n", "first")
    script = textwrap.dedent(f"""
        from helpers.answers import AnswerStore
        store = AnswerStore("di", {str(tmp_path)!r})
        print("ready", flush=True)
        i = 0
        while True:
            i += 1
            store.set("notes", "n", "x" * (i % 4000))
    """)
    for _ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reloaded = AnswerStore("di", tmp_path)
        assert "loaded" in reloaded.message, reloaded.message
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(name.startswith(".di.json.") for name in leftovers)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4), max_leaves=20))
def test_any_json_document_validates_or_raises_the_documented_error(document):
    wrapped = {"format": FORMAT, "version": 1, "answers": document}
    for candidate in (document, wrapped):
        try:
            answers = validate(candidate, "fuzz.json")
        except CourseDataError as error:
            assert str(error).startswith("fuzz.json: row ")
        else:
            assert set(answers) == {"evidence", "predictions", "notes", "choices"}


def test_student_names_cannot_escape_the_answers_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_STUDENT", "../../etc/passwd")
    store = AnswerStore(directory=tmp_path)
    assert store.path.parent == tmp_path and "/" not in store.student
    assert AnswerStore("../../x", tmp_path).path.parent == tmp_path
