"""Saving and resuming a student's answers: atomic, validated, never losing a file."""

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.answers import FORMAT, MAX_BYTES, AnswerStore, validate
from helpers.errors import CourseDataError, Location


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


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b'{"format": "someone-else", "version": 1}',
        b"[]",
        json.dumps({"format": FORMAT, "version": 2, "answers": {}}).encode(),  # from a newer course
        b"[" * 100_000 + b"]" * 100_000,  # nested deeper than any parser allows
        b'{"format": "' + FORMAT.encode() + b'", "version": 1, "answers": {"evidence": {"e": 1' + b"0" * 5000 + b"}}}",
    ],
)
def test_a_bad_file_is_kept_aside_and_never_overwritten(tmp_path, content):
    (tmp_path / "bo.json").write_bytes(content)
    store = AnswerStore("bo", tmp_path)
    assert "could not be read" in store.message and "bo.unreadable-1.json" in store.message
    assert (tmp_path / "bo.unreadable-1.json").read_bytes() == content
    assert store.set("evidence", "e", 1)
    assert (tmp_path / "bo.unreadable-1.json").read_bytes() == content
    (tmp_path / "bo.json").write_bytes(content)
    AnswerStore("bo", tmp_path)
    assert (tmp_path / "bo.unreadable-2.json").read_bytes() == content


def _document(**answers):
    return {"format": FORMAT, "version": 1, "student": "ed", "answers": answers}


def test_a_bad_entry_is_set_aside_alone_and_the_rest_kept(tmp_path):
    original = json.dumps(_document(evidence={"good": 1, "x": "strong"}, notes={"n": "kept"}, nonsense={"a": 1})).encode()
    (tmp_path / "ed.json").write_bytes(original)
    store = AnswerStore("ed", tmp_path)
    assert store.get("evidence", "good") == 1 and store.get("notes", "n") == "kept" and store.get("evidence", "x") is None
    assert "evidence.x" in store.message and "nonsense" in store.message and "ed.unreadable-1.json" in store.message
    assert (tmp_path / "ed.unreadable-1.json").read_bytes() == original  # nothing is lost
    assert json.loads((tmp_path / "ed.json").read_text())["answers"]["evidence"] == {"good": 1}


def test_a_field_this_course_does_not_write_is_kept_in_a_copy_and_named(tmp_path):
    original = json.dumps(_document(evidence={"good": 1}) | {"comment": "instructor: 7/10"}).encode()
    (tmp_path / "ed.json").write_bytes(original)
    store = AnswerStore("ed", tmp_path)
    assert store.get("evidence", "good") == 1 and "except comment: not a field of an answers file" in store.message
    assert (tmp_path / "ed.unreadable-1.json").read_bytes() == original  # the instructor's comment is not lost


def test_a_file_damaged_while_the_kernel_runs_keeps_every_answer_of_the_session_and_says_so(tmp_path):
    store = AnswerStore("ed", tmp_path)
    store.set("evidence", "su24-shootdown-2015", 2)
    store.set("notes", "great-power-politics", "Three paragraphs of argument.")
    path = tmp_path / "ed.json"
    damaged = path.read_text().replace('"su24-shootdown-2015": 2', '"su24-shootdown-2015": 2,')  # a stray comma typed in an editor
    path.write_text(damaged)
    assert store.set("predictions", "return-for-good", 0.7)
    assert "could not be read" in store.status and "ed.unreadable-1.json" in store.status and "saved again" in store.status
    on_disk = json.loads(path.read_text())["answers"]
    assert on_disk["evidence"] == {"su24-shootdown-2015": 2} and on_disk["notes"] == {
        "great-power-politics": "Three paragraphs of argument."
    }
    assert on_disk["predictions"] == {"return-for-good": 0.7} and (tmp_path / "ed.unreadable-1.json").read_text() == damaged
    assert store.set("predictions", "return-for-good", 0.8) and store.status == ""  # said once, then quiet


def test_a_spreadsheet_byte_order_mark_is_read(tmp_path):
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(_document(notes={"n": "from Notepad"})).encode())
    store = AnswerStore("bom", tmp_path)
    assert store.get("notes", "n") == "from Notepad" and "loaded" in store.message


def _make_directory(path):
    path.mkdir()


def _make_fifo(path):
    os.mkfifo(path)


def _make_link_to_dev_zero(path):
    path.symlink_to("/dev/zero")


def _make_huge(path):
    path.write_bytes(b" " * (MAX_BYTES + 10))


@pytest.mark.parametrize("make", [_make_directory, _make_fifo, _make_link_to_dev_zero, _make_huge], ids=lambda f: f.__name__)
def test_odd_files_are_set_aside_at_once_with_their_reason(tmp_path, make):
    make(tmp_path / "fi.json")
    store = AnswerStore("fi", tmp_path)  # must neither hang nor crash
    assert "could not be read" in store.message and "fi.unreadable-1.json" in store.message
    assert os.path.lexists(tmp_path / "fi.unreadable-1.json")
    assert store.set("notes", "n", "a fresh start") and store.get("notes", "n") == "a fresh start"


@pytest.mark.parametrize(
    "section, value",
    [
        ("evidence", 3),
        ("evidence", "2"),
        ("evidence", True),
        ("predictions", 1.5),
        ("predictions", float("nan")),
        ("notes", 5),
        ("notes", "x" * 6000),
    ],
)
def test_wrong_answer_types_are_refused_with_a_located_error(tmp_path, section, value):
    store = AnswerStore("cy", tmp_path)
    with pytest.raises(CourseDataError) as caught:
        store.set(section, "k", value)
    assert caught.value.location == Location(store.path, key=f"answers.{section}.k")
    assert str(caught.value).startswith(f"{store.path}: key 'answers.{section}.k': expected")
    assert not (tmp_path / "cy.json").exists()


@pytest.mark.skipif(bool(os.environ.get("MUTANT_UNDER_TEST")), reason="17 s a mutant; `make mutation` leaves it to `make check`")
def test_kills_at_random_moments_during_saves_leave_the_old_or_the_new_file(tmp_path):
    """A subprocess saves in a loop and is killed 30 times at random moments; each save writes two equal
    values, so a file that is neither the old nor the new version (a mix, or half a file) is caught."""
    script = textwrap.dedent(f"""
        from helpers.answers import AnswerStore
        store = AnswerStore("di", {str(tmp_path)!r})
        start = int(store.get("notes", "a", "0"))
        print("ready", flush=True)
        for i in range(start + 1, start + 100_000):
            store.update("notes", {{"a": str(i), "b": str(i), "padding": "x" * (i * 37 % 4000)}})
    """)
    rng = random.Random(7)
    last = 0
    for _ in range(30):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.005, 0.08))  # somewhere in the middle of the saves
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        notes = AnswerStore("di", tmp_path).answers["notes"]
        assert notes["a"] == notes["b"] and int(notes["a"]) >= last, notes.get("a")
        last = int(notes["a"])
    assert last > 30, "the kills did interrupt a stream of saves"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
        max_leaves=20,
    )
)
def test_any_json_document_validates_or_raises_the_documented_error(document):
    wrapped = {"format": FORMAT, "version": 1, "answers": document}
    for candidate in (document, wrapped):
        try:
            answers = validate(candidate, "fuzz.json")
        except CourseDataError as error:
            assert error.location.key and str(error).startswith(f"fuzz.json: key {error.location.key!r}: ")
        else:
            assert set(answers) == {"evidence", "predictions", "notes", "choices", "coding", "verdicts"}


def test_a_verdict_names_a_claim_and_a_reading_and_every_save_records_when(tmp_path):
    store = AnswerStore("vera", tmp_path)
    assert store.set("verdicts", "great-power-politics", "domestic")
    with pytest.raises(CourseDataError, match="expected one of realist, domestic, both, got 'maybe'") as caught:
        store.set("verdicts", "great-power-politics", "maybe")
    assert caught.value.location.key == "answers.verdicts.great-power-politics"
    with pytest.raises(CourseDataError, match="expected a claim id"):
        store.set("verdicts", "Not A Claim", "realist")
    saved = json.loads(store.path.read_text())
    assert saved["answers"]["verdicts"] == {"great-power-politics": "domestic"}
    assert abs(dt.datetime.fromisoformat(saved["saved"]) - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)


def test_student_names_cannot_escape_the_answers_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_STUDENT", "../../etc/passwd")
    store = AnswerStore(directory=tmp_path)
    assert store.path.parent == tmp_path and "/" not in store.path.name
    assert AnswerStore("../../x", tmp_path).path.parent == tmp_path


def test_every_name_gets_its_own_bounded_file(tmp_path):
    names = ["Иван Петров", "Мария Иванова", "李雷", "韩梅梅", "x" * 240, "x" * 240 + "y", "ada", "Ada Lovelace", "ada lovelace"]
    paths = [AnswerStore(name, tmp_path).path for name in names]
    assert len(set(paths)) == len(names)
    assert all(len(p.name) <= 60 and p.parent == tmp_path for p in paths)
    assert paths[6].name == "ada.json"  # a plain name keeps its plain file
    store = AnswerStore("x" * 240, tmp_path)
    assert store.set("notes", "n", "saved") and AnswerStore("x" * 240, tmp_path).get("notes", "n") == "saved"


def test_choices_use_the_widgets_vocabulary(tmp_path):
    store = AnswerStore("vo", tmp_path)
    for key, value in [("lens", "Realist"), ("compare", "maybe"), ("predictions_revealed", "True"), ("claim", "<script>")]:
        with pytest.raises(CourseDataError):
            store.set("choices", key, value)
    assert store.set("choices", "lens", "realist") and store.set("choices", "claim", "beyond-repair")


def test_text_that_cannot_be_saved_is_refused_where_it_is_typed(tmp_path):
    store = AnswerStore("su", tmp_path)
    assert store.set("notes", "first", "kept")
    with pytest.raises(CourseDataError, match="cannot be saved"):
        store.set("notes", "n", "half a pair \ud800 of surrogates")
    assert store.set("notes", "later", "still saves")  # the bad note broke nothing
    assert AnswerStore("su", tmp_path).answers["notes"] == {"first": "kept", "later": "still saves"}


def test_two_kernels_with_one_file_keep_each_others_answers(tmp_path):
    older, newer = AnswerStore("tw", tmp_path), AnswerStore("tw", tmp_path)  # two tabs, opened one after the other
    for n in range(6):
        newer.set("predictions", f"p{n}", 0.1 * n)
    newer.set("notes", "n", "written in the newer tab")
    older.set("evidence", "e", 2)  # one click in the older tab
    saved = AnswerStore("tw", tmp_path).answers
    assert saved["evidence"] == {"e": 2} and len(saved["predictions"]) == 6 and saved["notes"]["n"] == "written in the newer tab"


def test_two_processes_making_200_updates_each_keep_all_400(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from helpers.answers import AnswerStore
        store = AnswerStore("co", {str(tmp_path)!r})
        for n in range(200):
            assert store.set("notes", f"{{sys.argv[1]}}-{{n}}", str(n))
    """)
    writers = [subprocess.Popen([sys.executable, "-c", script, name]) for name in ("a", "b")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    assert len(AnswerStore("co", tmp_path).answers["notes"]) == 400


@pytest.mark.parametrize(
    "errno, words",
    [
        (28, "the disk is full"),
        (30, "the folder is read-only"),
        (13, "you may not write to the folder"),
        (122, "your disk quota is used up"),
        (5, "[Errno 5] Input/output error"),
    ],
)
def test_a_failed_save_changes_nothing_and_says_why(tmp_path, monkeypatch, errno, words):
    store = AnswerStore("fu", tmp_path)
    assert store.set("evidence", "e", 1)

    def refuse(*args, **kwargs):
        raise OSError(errno, os.strerror(errno))

    monkeypatch.setattr("helpers.answers.write_atomically", refuse)
    assert store.set("evidence", "e", -2) is False
    assert store.get("evidence", "e") == 1
    assert store.status == (
        f"Not saved: {words} ({tmp_path}). Your last change was not saved. Free some space or ask your instructor, "
        "then change the answer again; or set COURSE_ANSWERS_DIR to a folder you can write to and restart the kernel."
    )
    assert AnswerStore("fu", tmp_path).get("evidence", "e") == 1  # the file kept the old answer
    monkeypatch.undo()
    assert store.set("evidence", "e", -2) and store.status == ""


def test_a_read_only_folder_is_announced_before_any_work_is_done(tmp_path, monkeypatch):
    (tmp_path / "ro.json").write_text(json.dumps(_document(notes={"n": "earlier"})))
    real_open = open

    def read_only(path, mode="r", *args, **kwargs):
        if str(path).endswith(".lock"):
            raise OSError(30, "Read-only file system")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", read_only)
    store = AnswerStore("ro", tmp_path)
    assert store.get("notes", "n") == "earlier" and store.message == ""
    assert store.status == (
        f"Not saved: the folder is read-only ({tmp_path}). Nothing you do here can be saved. "
        "Free some space or ask your instructor, then change the answer again; "
        "or set COURSE_ANSWERS_DIR to a folder you can write to and restart the kernel."
    )
    assert store.set("notes", "n", "new") is False and store.get("notes", "n") == "earlier"
    (tmp_path / "ro.json").write_text("{", encoding="utf-8")
    unreadable = AnswerStore("ro", tmp_path)
    assert unreadable.answers == {s: {} for s in ("evidence", "predictions", "notes", "choices", "coding", "verdicts")}
    assert (tmp_path / "ro.json").read_text(encoding="utf-8") == "{", "nothing set aside in a folder that cannot be written"


def test_a_file_whose_bad_entries_cannot_be_dropped_stays_where_it_was(tmp_path, monkeypatch):
    original = json.dumps(_document(evidence={"good": 1, "x": "strong"})).encode()
    (tmp_path / "ed.json").write_bytes(original)

    def full(*args, **kwargs):
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr("helpers.answers.write_atomically", full)
    store = AnswerStore("ed", tmp_path)
    assert store.status.startswith("Not saved: the disk is full") and "Nothing you do here can be saved" in store.status
    assert (tmp_path / "ed.json").read_bytes() == original, "copied aside, never moved, until the rewrite succeeds"
    assert (tmp_path / "ed.unreadable-1.json").read_bytes() == original
    assert store.get("evidence", "good") == 1


def test_copies_kept_aside_are_numbered_up_to_999_and_then_the_student_is_told_to_tidy(tmp_path):
    for n in range(1, 999):
        (tmp_path / f"gw.unreadable-{n}.json").write_text("")
    (tmp_path / "gw.json").write_bytes(b"{not json")
    store = AnswerStore("gw", tmp_path)
    assert "gw.unreadable-999.json" in store.message
    (tmp_path / "gw.json").write_bytes(b"{not json again")
    with pytest.raises(CourseDataError) as raised:
        AnswerStore("gw", tmp_path)
    assert str(raised.value) == f"{tmp_path / 'gw.json'}: too many unreadable copies kept aside; tidy the folder"
    assert (tmp_path / "gw.json").read_bytes() == b"{not json again", "and the file is left as it is"


def test_the_student_is_the_environments_or_the_login_name(monkeypatch):
    from helpers.answers import default_student

    monkeypatch.setenv("COURSE_STUDENT", "ada")
    assert default_student() == "ada"
    monkeypatch.setenv("COURSE_STUDENT", "")
    monkeypatch.setattr("getpass.getuser", lambda: "bo")
    assert default_student() == "bo"
    monkeypatch.delenv("COURSE_STUDENT")
    assert default_student() == "bo"
    monkeypatch.setattr("getpass.getuser", lambda: "")
    assert default_student() == "student"


def test_temporary_files_left_by_a_killed_save_are_cleaned_up(tmp_path):
    store = AnswerStore("tm", tmp_path)
    (tmp_path / ".tm.json.abc123.tmp").write_text("half a file")
    assert store.set("notes", "n", "x")
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_the_answers_file_is_text_a_person_can_read(tmp_path):
    store = AnswerStore("zoë", tmp_path)
    store.set("notes", "p04", "Großmacht")
    text = store.path.read_text(encoding="utf-8")
    assert text.startswith("{\n  ") and text.endswith("\n}\n")
    assert '\n  "student": "zoë",\n' in text and '\n      "p04": "Großmacht"\n' in text, "two spaces a level; letters as written"
    top = [line.split('"')[1] for line in text.splitlines() if line.startswith('  "')]
    assert top == sorted(top) == ["answers", "format", "saved", "student", "version"]


def test_a_save_makes_the_folder_it_needs(tmp_path):
    from helpers.answers import write_atomically

    target = tmp_path / "not" / "yet" / "there.json"
    write_atomically(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"


def test_a_save_writes_utf8_whatever_the_locale(tmp_path):
    import helpers

    target = tmp_path / "answers.json"
    script = f"from helpers.answers import write_atomically; write_atomically({ascii(str(target))}, {ascii('zoë: “Großmacht”')})"
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=Path(helpers.__file__).parents[1], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == "zoë: “Großmacht”".encode()


def test_a_failed_save_leaves_no_temporary_file_and_the_old_answers(tmp_path, monkeypatch):
    from fnmatch import fnmatch

    from helpers import answers

    store = AnswerStore("tm", tmp_path)
    store.set("notes", "n", "old")
    before, names = store.path.read_bytes(), sorted(p.name for p in tmp_path.iterdir())
    tried = []

    def replace_fails(source, target):
        tried.append(Path(source))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(answers.os, "replace", replace_fails)
    with pytest.raises(OSError) as raised:
        answers.write_atomically(store.path, "new")
    assert raised.value.errno == 28, "the save's own error, not one from tidying up"
    (temporary,) = tried
    assert temporary.parent == tmp_path and fnmatch(temporary.name, ".tm.json.*.tmp"), "beside the file, named as a later save tidies"
    assert sorted(p.name for p in tmp_path.iterdir()) == names and store.path.read_bytes() == before


def test_a_document_checked_without_a_file_is_called_the_answers():
    with pytest.raises(CourseDataError) as raised:
        validate({"format": "x"})
    assert str(raised.value) == f"the answers: key 'format': not a course answers file (expected format {FORMAT!r})"


@pytest.mark.parametrize(
    "document, problem",
    [
        ([], "key 'format': not a course answers file (expected format 'what-putin-is-really-after/answers')"),
        (
            {**_document(), "format": "other"},
            "key 'format': not a course answers file (expected format 'what-putin-is-really-after/answers')",
        ),
        ({**_document(), "version": 2}, "key 'version': expected version 1, got 2 (from a newer course)"),
        ({**_document(), "version": 0}, "key 'version': expected version 1, got 0"),
        ({**_document(), "version": True}, "key 'version': expected version 1, got True"),
        ({**_document(), "version": "1"}, "key 'version': expected version 1, got '1'"),
        ({**_document(), "answers": []}, "key 'answers': expected an object of sections"),
        (
            _document(grades={}),
            "key 'answers.grades': unknown section; expected one of evidence, predictions, notes, choices, coding, verdicts",
        ),
        (_document(notes=[]), "key 'answers.notes': expected an object"),
        (_document(notes={"": "x"}), "key 'answers.notes.': expected a short text key"),
        (_document(notes={"k" * 101: "x"}), f"key 'answers.notes.{'k' * 101}': expected a short text key"),
        (_document(evidence={"e": 3}), "key 'answers.evidence.e': expected a whole number from -2 to 2, got 3"),
        (_document(evidence={"e": True}), "key 'answers.evidence.e': expected a whole number from -2 to 2, got True"),
        (_document(predictions={"p": 1.5}), "key 'answers.predictions.p': expected a probability from 0 to 1, got 1.5"),
        (_document(predictions={"p": float("nan")}), "key 'answers.predictions.p': expected a probability from 0 to 1, got nan"),
        (_document(predictions={"p": "0.5"}), "key 'answers.predictions.p': expected a probability from 0 to 1, got '0.5'"),
        (_document(notes={"n": "x" * 5001}), "key 'answers.notes.n': expected text of at most 5000 characters"),
        (
            _document(notes={"n": "\ud800"}),
            "key 'answers.notes.n': the note holds a character that cannot be saved (surrogates not allowed); delete it",
        ),
        (_document(choices={"c": "x" * 101}), f"key 'answers.choices.c': expected a short text, got {'x' * 101!r}"),
        (_document(choices={"c": 3}), "key 'answers.choices.c': expected a short text, got 3"),
        (_document(choices={"lens": "liberal"}), "key 'answers.choices.lens': expected one of realist, domestic, both, got 'liberal'"),
        (_document(choices={"claim": "Not An Id"}), "key 'answers.choices.claim': expected a claim id, got 'Not An Id'"),
        (_document(verdicts={"Not An Id": "realist"}), "key 'answers.verdicts.Not An Id': expected a claim id, got 'Not An Id'"),
        (
            _document(verdicts={"great-power-politics": "liberal"}),
            "key 'answers.verdicts.great-power-politics': expected one of realist, domestic, both, got 'liberal'",
        ),
        (_document(coding={"p4s2": "realist"}), "key 'answers.coding.p4s2': expected a sentence id such as p04.s2, got 'p4s2'"),
        (_document(coding={"p99.s1": "realist"}), "key 'answers.coding.p99.s1': the essay has no sentence 'p99.s1'"),
        (
            _document(coding={"p01.s1": "liberal"}),
            "key 'answers.coding.p01.s1': expected one of realist, domestic, both, evidence, framing, got 'liberal'",
        ),
    ],
)
def test_each_bad_entry_is_refused_with_its_key_and_what_was_expected(document, problem):
    with pytest.raises(CourseDataError) as raised:
        validate(document, "f.json")
    assert str(raised.value) == f"f.json: {problem}"


@pytest.mark.parametrize(
    "section, value",
    [("notes", "x" * 5000), ("choices", "x" * 100), ("predictions", 0), ("predictions", 1), ("evidence", -2)],
)
def test_values_at_the_edge_of_each_limit_are_kept(section, value):
    assert validate(_document(**{section: {"k" * 100: value}}), "f.json")[section] == {"k" * 100: value}


def test_a_change_to_an_unknown_section_is_refused_with_the_sections_there_are(tmp_path):
    store = AnswerStore("ada", tmp_path)
    with pytest.raises(CourseDataError) as raised:
        store.set("grades", "k", 1)
    assert str(raised.value) == (
        f"{store.path}: key 'answers.grades': unknown section; expected one of evidence, predictions, notes, choices, coding, verdicts"
    )


@pytest.mark.parametrize(
    "name, stem",
    [
        ("ada", "ada"),
        ("Ada Lovelace", "Ada-Lovelace-76740216"),
        ("Zoë Smith", "Zo-Smith-20d880d2"),
        (".-hidden-.", "hidden-d03a2ec6"),
        ("张伟", "student-a3a0bafd"),
        ("a" * 45, "a" * 40 + "-52789e34"),
        ("-x" * 30, "x-" * 19 + "x-9a0b1cb6"),
        ("\udcff bad", "bad-2237dc3f"),
    ],
)
def test_a_students_file_name_never_changes_between_versions_of_the_course(name, stem):
    from helpers.answers import file_stem

    assert file_stem(name) == stem  # a changed name would hide a student's saved answers from them


def _answers_file(tmp_path, raw):
    path = tmp_path / "ada.json"
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize(
    "raw, problem",
    [
        (b'{"a": \xff}', "not UTF-8 (invalid start byte)"),
        (b'{"a": ', "not readable JSON (Expecting value: line 1 column 7 (char 6))"),
    ],
)
def test_an_unreadable_answers_file_is_named_with_why(tmp_path, raw, problem):
    from helpers.answers import read_document

    path = _answers_file(tmp_path, raw)
    with pytest.raises(CourseDataError) as raised:
        read_document(path)
    assert str(raised.value) == f"{path}: {problem}"


def test_an_answers_file_is_read_up_to_its_size_limit_and_with_a_byte_order_mark(tmp_path):
    from helpers.answers import read_document

    document = json.dumps({"format": FORMAT}).encode()
    at_limit = _answers_file(tmp_path, "\ufeff".encode() + document + b" " * (MAX_BYTES - len(document) - 3))
    assert at_limit.stat().st_size == MAX_BYTES and read_document(at_limit) == {"format": FORMAT}
    over = _answers_file(tmp_path, document + b" " * (MAX_BYTES + 1 - len(document)))
    with pytest.raises(CourseDataError) as raised:
        read_document(over)
    assert str(raised.value) == f"{over}: is {MAX_BYTES + 1} bytes; an answers file is under {MAX_BYTES}"


def test_a_link_or_a_folder_in_place_of_an_answers_file_is_named(tmp_path):
    from helpers.answers import read_document

    target = _answers_file(tmp_path, b"{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    for path, problem in ((link, "is a link, not a file"), (folder, "is not a regular file (a folder, a pipe or a device)")):
        with pytest.raises(CourseDataError) as raised:
            read_document(path)
        assert str(raised.value) == f"{path}: {problem}"


def test_loading_says_which_entries_were_dropped_and_where_the_original_was_kept(tmp_path):
    document = _document(evidence={"su24-shootdown-2015": 2, "e": 9}, notes={"n": 7})
    path = _answers_file(tmp_path, json.dumps(document).encode())
    store = AnswerStore("ada", tmp_path)
    assert store.answers["evidence"] == {"su24-shootdown-2015": 2} and store.answers["notes"] == {}
    assert store.message == (
        f"Your saved answers were loaded from {path}, except evidence.e: expected a whole number from -2 to 2, got 9; "
        f"notes.n: expected text of at most 5000 characters. The original file was kept as {tmp_path / 'ada.unreadable-1.json'}."
    )
    again = AnswerStore("ada", tmp_path)
    assert again.message == f"Your saved answers were loaded from {path}." and again.status == ""
    assert AnswerStore("bo", tmp_path).message == "", "a new student: nothing to say"
