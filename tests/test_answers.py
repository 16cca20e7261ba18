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
    assert store.get("notes", "n") == "earlier" and "read-only" in store.status
    assert store.set("notes", "n", "new") is False and store.get("notes", "n") == "earlier"


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
