"""The instructor's class view: reading a class as it is collected, and what it computes from it.

The loader is tried on each collection format and each kind of bad file; the aggregations on
small classes whose values are computed by hand in the comments.
"""

import datetime as dt
import json
import os
import re
import zipfile
from types import SimpleNamespace

import pytest
from class_view_report import main, write_report
from lab_driver import CHROMIUM, launch_browser
from synthetic_class import write_class

from helpers.answers import FORMAT, MAX_BYTES, VERSION
from helpers.class_answers import load_class, pseudonyms
from helpers.class_view import (
    ClassView,
    average_forecasts,
    brier_scores,
    calibration,
    class_agreement,
    contested_sentences,
    evidence_spread,
    majority_codes,
    progress,
    verdicts_by_claim,
)
from helpers.errors import CourseDataError
from helpers.readings import KeyWeight

SHOOT_DOWN, CAMPAIGN = "su24-shootdown-2015", "russian-air-campaign-syria"
LOADS_FROM_ELSEWHERE = re.compile(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=")  # a tag that fetches a file


def _document(student, saved=None, **answers):
    document = {"format": FORMAT, "version": VERSION, "student": student, "answers": answers}
    if saved:
        document["saved"] = saved
    return document


def _write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def _skipped(collected):
    return {origin: reason for origin, reason, _ in collected.skipped}


# Reading a class -------------------------------------------------------------------------------


def test_a_plain_folder_is_read_by_the_names_in_the_files_and_hidden_files_are_left_alone(tmp_path):
    _write(tmp_path / "ada.json", _document("Ada", evidence={SHOOT_DOWN: 1}))
    _write(tmp_path / "bo.JSON", _document("Bo", predictions={"normalisation": 0.7}))  # as a zip's entries, any case
    _write(tmp_path / ".ada.json.lock", "")
    _write(tmp_path / ".ipynb_checkpoints" / "ada-checkpoint.json", "{")
    collected = load_class(tmp_path)
    assert list(collected.students) == ["Ada", "Bo"]
    assert collected.students["Ada"].answers["evidence"] == {SHOOT_DOWN: 1}
    assert collected.students["Bo"].answers["predictions"] == {"normalisation": 0.7}
    assert collected.skipped == [] and collected.replaced == []


def test_a_file_from_a_shared_account_is_named_by_its_file(tmp_path):
    """On Binder or in a hub's container every student is 'jovyan': the file's name says who it is."""
    _write(tmp_path / "chidi.json", _document("jovyan", evidence={SHOOT_DOWN: 0}))
    _write(tmp_path / "Dana Demir_4411_assignsubmission_file_" / "jovyan.json", _document("jovyan"))
    assert list(load_class(tmp_path).students) == ["Dana Demir_4411_assignsubmission_file_", "chidi"]


def test_nbgrader_submissions_are_named_by_the_student_folder_and_the_latest_save_is_kept(tmp_path):
    older = _document("jovyan", "2026-03-02T10:00:00+00:00", evidence={SHOOT_DOWN: -2})
    newer = _document("someone-else", "2026-03-04T10:00:00+00:00", evidence={SHOOT_DOWN: 2})
    _write(tmp_path / "submitted" / "ada" / "a2_two_readings" / "workbench_answers.json", older)
    _write(tmp_path / "submitted" / "ada" / "a1_timeline" / "workbench_answers.json", newer)
    _write(tmp_path / "autograded" / "ada" / "a2_two_readings" / "workbench_answers.json", older)  # not a submission
    for source in (tmp_path, tmp_path / "submitted"):
        collected = load_class(source)
        assert list(collected.students) == ["ada"]
        assert collected.students["ada"].answers["evidence"] == {SHOOT_DOWN: 2}
        assert collected.students["ada"].saved == dt.datetime(2026, 3, 4, 10, tzinfo=dt.timezone.utc)
        [(student, kept, set_aside)] = collected.replaced
        assert (student, kept, set_aside) == (
            "ada",
            "submitted/ada/a1_timeline/workbench_answers.json",
            "submitted/ada/a2_two_readings/workbench_answers.json",
        )
        assert any("ada handed in twice: kept the latest save" in line for line in collected.report())


def test_without_a_save_time_the_file_modified_last_is_kept(tmp_path):
    first = _write(tmp_path / "one" / "ada.json", _document("Ada", evidence={SHOOT_DOWN: 1}))
    second = _write(tmp_path / "two" / "ada.json", _document("Ada", evidence={SHOOT_DOWN: -1}))
    os.utime(first, (2_000_000_000, 2_000_000_000))
    os.utime(second, (1_900_000_000, 1_900_000_000))
    assert load_class(tmp_path).students["Ada"].answers["evidence"] == {SHOOT_DOWN: 1}


@pytest.mark.parametrize(
    ("relative", "collected_as"),
    [
        ("submitted/ada/a2/workbench_answers.json", ("nbgrader", "ada")),
        ("course/submitted/bo/a2/x/workbench_answers.json", ("nbgrader", "bo")),
        ("submitted/ada.json", ("file", "submitted")),  # too shallow for nbgrader's tree
        ("submitted/ada/workbench_answers.json", ("nbgrader", "ada")),
        ("x/submitted", ("file", "x")),
        ("Dana Demir_4411_assignsubmission_file_/jovyan.json", ("file", "Dana Demir_4411_assignsubmission_file_")),
        ("chidi.json", ("file", "chidi")),
    ],
)
def test_where_a_file_was_collected_names_its_student(relative, collected_as):
    from pathlib import PurePosixPath

    from helpers.class_answers import _where_collected

    assert _where_collected(PurePosixPath(relative)) == collected_as


def test_a_save_time_without_a_zone_is_utc_and_on_a_tie_the_file_read_last_is_kept(tmp_path):
    _write(tmp_path / "a" / "ada.json", _document("Ada", "2026-03-04T10:00:00", evidence={SHOOT_DOWN: 1}))
    _write(tmp_path / "b" / "ada.json", _document("Ada", "2026-03-04T09:00:00+00:00", evidence={SHOOT_DOWN: -1}))
    collected = load_class(tmp_path)
    assert collected.students["Ada"].saved == dt.datetime(2026, 3, 4, 10, tzinfo=dt.timezone.utc)
    assert collected.students["Ada"].answers["evidence"] == {SHOOT_DOWN: 1}
    _write(tmp_path / "b" / "ada.json", _document("Ada", "2026-03-04T10:00:00+00:00", evidence={SHOOT_DOWN: -1}))
    tie = load_class(tmp_path)
    assert tie.students["Ada"].answers["evidence"] == {SHOOT_DOWN: -1} and tie.replaced == [("Ada", "b/ada.json", "a/ada.json")]
    assert tie.report() == [
        "1 student read from " + tmp_path.name + ".",
        "Ada handed in twice: kept the latest save (b/ada.json), not a/ada.json",
    ]


def test_a_zip_from_an_lms_is_read_without_unpacking_and_its_bad_entries_are_listed(tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("Ada Aksoy_101_assignsubmission_file_/ada.json", json.dumps(_document("Ada", evidence={CAMPAIGN: -1})))
        bundle.writestr("__MACOSX/._ada.json", "\x00\x05")
        bundle.writestr("huge.json", " " * (MAX_BYTES + 1))
        bundle.writestr("cut.json", json.dumps(_document("Cut"))[:30])
    collected = load_class(archive)
    assert list(collected.students) == ["Ada"]
    skipped = _skipped(collected)
    assert set(skipped) == {"huge.json", "cut.json"}
    assert "bytes; an answers file is under" in skipped["huge.json"]
    assert skipped["cut.json"].startswith("not readable JSON")


def test_a_damaged_member_of_a_zip_is_listed_and_the_rest_of_the_class_read(tmp_path):
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in ("ada", "bob", "cy"):
            bundle.writestr(f"{name}/{name}.json", json.dumps(_document(name, evidence={CAMPAIGN: -1}, notes={"x" * 10: "y" * 400})))
    raw = bytearray(archive.read_bytes())
    member = zipfile.ZipFile(archive).getinfo("bob/bob.json")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    raw[start + 5 : start + 15] = bytes(b ^ 0xFF for b in raw[start + 5 : start + 15])  # damage bob's compressed bytes
    archive.write_bytes(bytes(raw))
    collected = load_class(archive)
    assert list(collected.students) == ["ada", "cy"]
    assert _skipped(collected)["bob/bob.json"].startswith("is damaged in the zip")


def test_answers_for_ids_this_course_does_not_have_are_left_out_and_named_not_counted(tmp_path):
    _write(tmp_path / "ada.json", _document("ada", evidence={CAMPAIGN: -1, "old-event": 1}, choices={"claim": "no-such-claim"}))
    collected = load_class(tmp_path)
    assert collected.students["ada"].answers["evidence"] == {CAMPAIGN: -1} and collected.students["ada"].answers["choices"] == {}
    assert collected.students["ada"].dropped == (
        "evidence.old-event: this key is not in this course (a file from another version?)",
        "choices.claim: 'no-such-claim' is not in this course (a file from another version?)",
    )
    assert "ada.json: left out evidence.old-event" in " ".join(collected.report())


@pytest.mark.parametrize("section", ["evidence", "predictions", "verdicts", "notes"])
def test_each_section_keeps_only_this_courses_ids(tmp_path, section):
    from helpers.class_answers import _course_ids, _of_this_course

    known = _course_ids()
    real = next(iter(sorted(known[section])))
    value = {"evidence": 1, "predictions": 0.5, "verdicts": "realist", "notes": "a note"}[section]
    kept, rejected = _of_this_course({section: {real: value, "not-in-this-course": value}}, "ada.json", known)
    assert kept == {section: {real: value}}
    assert [(str(e.location.file), e.location.key) for e in rejected] == [("ada.json", f"answers.{section}.not-in-this-course")]


def test_a_zip_skips_hidden_and_system_entries_and_holds_answers_up_to_the_size_limit(tmp_path):
    archive = tmp_path / "class.zip"
    padded = json.dumps(_document("Full", evidence={CAMPAIGN: 1}))
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("Full.JSON", padded + " " * (MAX_BYTES - len(padded.encode())))  # exactly at the limit
        bundle.writestr("over.json", " " * (MAX_BYTES + 1))
        bundle.writestr(".trash/old.json", json.dumps(_document("Old")))
        bundle.writestr("__MACOSX/Full.json", json.dumps(_document("Mac")))
        bundle.writestr("readme.txt", "not an answers file")
        bundle.writestr(zipfile.ZipInfo("folder.json/"), "")
    collected = load_class(archive)
    assert list(collected.students) == ["Full"]
    assert _skipped(collected) == {"over.json": f"is {MAX_BYTES + 1} bytes; an answers file is under {MAX_BYTES}"}
    assert collected.report()[:2] == [
        "1 student read from class.zip.",
        f"Skipped over.json: is {MAX_BYTES + 1} bytes; an answers file is under {MAX_BYTES}",
    ]
    assert len(load_class(archive, max_files=2).students) == 1, "two answers entries, two allowed"
    with pytest.raises(CourseDataError) as caught:
        load_class(archive, max_files=1)
    assert str(caught.value) == f"{archive}: holds more than 1 answers files; point the class view at one course's zip"
    broken = tmp_path / "broken.zip"
    broken.write_bytes(archive.read_bytes().replace(b"PK\x01\x02", b"XX\x01\x02"))  # its directory garbled, its end intact
    with pytest.raises(CourseDataError) as caught:
        load_class(broken)
    assert str(caught.value) == f"{broken}: not a readable zip (Bad magic number for central directory)"


def test_an_encrypted_zip_entry_is_listed_not_asked_a_password_for(tmp_path):
    archive = tmp_path / "locked.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("locked.json", json.dumps(_document("Locked")))
    raw = bytearray(archive.read_bytes())
    for header, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # the entry's flags, in its local and central headers
        raw[raw.index(header) + flags_at] |= 0x1
    archive.write_bytes(bytes(raw))
    assert _skipped(load_class(archive)) == {"locked.json": "is encrypted"}


def test_every_kind_of_bad_file_is_listed_with_its_reason_and_the_rest_is_read(tmp_path):
    _write(tmp_path / "good.json", _document("Good", evidence={SHOOT_DOWN: 1}))
    _write(tmp_path / "garbled.json", "{ not json")
    (tmp_path / "latin1.json").write_bytes(b'{"student": "Jos\xe9"}')
    _write(tmp_path / "foreign.json", {"format": "another-course/answers", "version": 1})
    _write(tmp_path / "newer.json", _document("New") | {"version": VERSION + 1})
    _write(tmp_path / "huge.json", " " * (MAX_BYTES + 1))
    (tmp_path / "folder.json").mkdir()
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "link.json").symlink_to(tmp_path / "good.json")
    _write(tmp_path / "partly.json", _document("Partly", evidence={SHOOT_DOWN: 7, CAMPAIGN: -2}))
    collected = load_class(tmp_path)
    assert list(collected.students) == ["Good", "Partly"]
    skipped = _skipped(collected)
    assert skipped["garbled.json"].startswith("not readable JSON")
    assert skipped["latin1.json"].startswith("not UTF-8")
    assert skipped["foreign.json"].startswith("not a course answers file")
    assert skipped["newer.json"] == f"expected version {VERSION}, got {VERSION + 1} (from a newer course)"
    assert "bytes; an answers file is under" in skipped["huge.json"]
    assert skipped["pipe.json"] == skipped["folder.json"] == "is not a regular file (a folder, a pipe or a device)"
    assert skipped["link.json"] == "is a link, not a file"
    partly = collected.students["Partly"]
    assert partly.answers["evidence"] == {CAMPAIGN: -2}
    assert partly.dropped == (f"evidence.{SHOOT_DOWN}: expected a whole number from -2 to 2, got 7",)
    assert f"partly.json: left out evidence.{SHOOT_DOWN}" in "\n".join(collected.report())
    assert collected.report()[0] == f"2 students read from {tmp_path.name}."


def test_too_many_files_and_a_wrong_source_are_refused_with_the_path(tmp_path):
    for n in range(3):
        _write(tmp_path / "class" / f"s{n}.json", _document(f"S{n}"))
    with pytest.raises(CourseDataError, match="more than 2 answers files") as caught:
        load_class(tmp_path / "class", max_files=2)
    assert caught.value.file == str(tmp_path / "class")
    assert len(load_class(tmp_path / "class", max_files=3).students) == 3
    _write(tmp_path / "notes.txt", "not a class")
    with pytest.raises(CourseDataError, match="expected a folder of answers files"):
        load_class(tmp_path / "notes.txt")
    with pytest.raises(CourseDataError, match="cannot be opened"):
        load_class(tmp_path / "missing")


def test_the_synthetic_class_reads_the_same_in_each_format(tmp_path):
    classes = [load_class(write_class(tmp_path / layout, students=40, layout=layout)) for layout in ("folder", "zip")]
    nbgrader = load_class(write_class(tmp_path / "nbgrader", students=40, layout="nbgrader"))
    assert classes[0].students.keys() == classes[1].students.keys()
    assert [s.answers for s in classes[0].students.values()] == [s.answers for s in classes[1].students.values()]
    assert len(classes[0].skipped) == len(nbgrader.skipped) == 3  # cut short, not a course file, newer course
    assert sorted(s.answers == {} for s in nbgrader.students.values()) == sorted(s.answers == {} for s in classes[0].students.values())


# Pseudonyms ------------------------------------------------------------------------------------


def test_pseudonyms_are_stable_distinct_and_do_not_follow_the_alphabet():
    names = [f"Student name {n}" for n in range(12)]
    shown = pseudonyms(names)
    assert shown == pseudonyms(list(reversed(names)))
    assert sorted(shown.values()) == [f"Student {n:02d}" for n in range(1, 13)]
    assert [shown[n] for n in sorted(names)] != sorted(shown.values())
    assert pseudonyms(names, secret="k") != shown
    assert set(pseudonyms([f"s{n}" for n in range(100)]).values()) == {f"Student {n:03d}" for n in range(1, 101)}
    odd = "caf\udce9"  # a file name in another encoding, read with surrogateescape
    assert set(pseudonyms([odd, "ada"])) == {odd, "ada"}


def test_names_appear_only_when_asked_for_and_notes_are_escaped(tmp_path):
    note = "<script>alert(1)</script> & more"
    _write(tmp_path / "ada.json", _document("Ada Lovelace", evidence={SHOOT_DOWN: 1}, notes={"great-power-politics": note}))
    _write(tmp_path / "bo.json", _document("Bo Baranova"))
    _write(tmp_path / "carmen-diaz.json", "{ cut short")  # its name is only in its path
    _write(tmp_path / "Dora Demir_4411_assignsubmission_file_" / "jovyan.json", _document("jovyan"))
    later = _document("jovyan", "2030-01-01T00:00:00+00:00", evidence={SHOOT_DOWN: 9})  # kept, with a bad entry left out
    _write(tmp_path / "Dora Demir_4411_assignsubmission_file_" / "again.json", later)
    hidden = ClassView(load_class(tmp_path))
    everything = (
        "".join(
            part.html + part.plain
            for part in (hidden.loading_report(), hidden.progress_table(), hidden.notes_table(), hidden.evidence_table())
        )
        + hidden.evidence_figure().to_json()
    )
    assert not [name for name in ("Ada", "Baranova", "carmen", "Dora") if name in everything], everything
    report = hidden.loading_report().plain
    assert "Skipped a file of Student 0" in report and "handed in twice" in report and "left out evidence." in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in hidden.notes_table().html and "<script>" not in hidden.notes_table().html
    shown = ClassView(load_class(tmp_path), show_names=True)
    assert "Bo Baranova" in shown.progress_table().html and "Ada Lovelace" in shown.notes_table().html
    assert "Skipped carmen-diaz.json" in shown.loading_report().plain


# Aggregations on a small class, computed by hand ----------------------------------------------

KEY = {"e1": KeyWeight("e1", -1, "", ()), "e2": KeyWeight("e2", 2, "", ())}


def _answers(**sections):
    return {"evidence": {}, "predictions": {}, "notes": {}, "choices": {}, "coding": {}, "verdicts": {}} | sections


def test_evidence_spread_puts_the_most_split_event_first():
    students = [_answers(evidence={"e1": -2, "e2": 2}), _answers(evidence={"e1": 0, "e2": 2}), _answers(evidence={"e1": -1})]
    rows = evidence_spread(students, KEY, {"e1": -1, "e2": 1}, {"e1": "One"})
    assert [r["event"] for r in rows] == ["e1", "e2"]
    first, second = rows
    # e1: -2, 0, -1 -> mean -1, population SD sqrt(((-1)^2 + 1^2 + 0^2) / 3) = sqrt(2/3)
    assert first["n"] == 3 and first["mean"] == -1 and first["spread"] == pytest.approx((2 / 3) ** 0.5)
    assert first["counts"] == {-2: 1, -1: 1, 0: 1, 1: 0, 2: 0} and first["title"] == "One" and (first["key"], first["essay"]) == (-1, -1)
    assert (second["n"], second["mean"], second["spread"], second["title"]) == (2, 2, 0.0, "e2")
    lone = evidence_spread([_answers(evidence={"e1": 2})], KEY, {"e1": -1, "e2": 1}, {})
    assert [(r["event"], r["n"], r["mean"], r["spread"]) for r in lone] == [("e1", 1, 2, 0.0), ("e2", 0, None, 0.0)]


def test_verdicts_are_counted_per_claim():
    claims = [
        SimpleNamespace(id="c1", paragraph="p03", quote="q", essay_lens="realist"),
        SimpleNamespace(id="c2", paragraph="p04", quote="r", essay_lens="domestic"),
    ]
    students = [
        _answers(verdicts={"c1": "realist", "c2": "both"}),
        _answers(verdicts={"c1": "domestic"}),
        _answers(verdicts={"c1": "realist"}),
    ]
    rows = verdicts_by_claim(students, claims)
    assert rows[0]["counts"] == {"realist": 2, "domestic": 1, "both": 0} and rows[0]["n"] == 3 and rows[0]["essay"] == "realist"
    assert rows[1]["counts"] == {"realist": 0, "domestic": 0, "both": 1} and rows[1]["n"] == 1


PREDICTIONS = [
    SimpleNamespace(id="yes", prediction="Y", paragraph="p01", quote="y", happened=True),
    SimpleNamespace(id="no", prediction="N", paragraph="p02", quote="n", happened=False),
    SimpleNamespace(id="open", prediction="O", paragraph="p03", quote="o", happened=None),
]


def test_brier_scores_leave_out_contested_outcomes_and_students_with_nothing_settled():
    students = {"a": _answers(predictions={"yes": 0.8, "no": 0.3, "open": 0.5}), "b": _answers(predictions={"open": 0.9}), "c": _answers()}
    # a: ((0.8 - 1)^2 + (0.3 - 0)^2) / 2 = (0.04 + 0.09) / 2
    assert brier_scores(students, PREDICTIONS) == {"a": pytest.approx(0.065)}


def test_calibration_pools_forecasts_in_fifths_with_certainty_in_the_top_one():
    students = [_answers(predictions={"yes": 1.0, "no": 0.85, "open": 0.9}), _answers(predictions={"yes": 0.3, "no": 0.1})]
    bins = calibration(students, PREDICTIONS)
    assert [b["n"] for b in bins] == [1, 1, 0, 0, 2]
    top = bins[4]
    assert (top["low"], top["high"]) == (0.8, 1.0)
    assert top["forecast"] == pytest.approx(0.925) and top["observed"] == 0.5  # 1.0 happened, 0.85 did not
    assert bins[1]["observed"] == 1.0 and bins[0]["observed"] == 0.0 and bins[2]["forecast"] is None


def test_average_forecasts_give_the_mean_and_the_middle_half():
    students = [_answers(predictions={"yes": p}) for p in (0.2, 0.4, 0.6, 0.8)]
    yes, no, _ = average_forecasts(students, PREDICTIONS)
    # inclusive quartiles of 0.2, 0.4, 0.6, 0.8: 0.35 and 0.65
    assert (yes["n"], yes["mean"], yes["q1"], yes["q3"], yes["happened"]) == (
        4,
        pytest.approx(0.5),
        pytest.approx(0.35),
        pytest.approx(0.65),
        True,
    )
    assert (no["n"], no["mean"], no["q1"], no["q3"]) == (0, None, None, None)
    one, two = _answers(predictions={"yes": 0.3}), _answers(predictions={"yes": 0.7})
    alone = average_forecasts([one], PREDICTIONS)[0]
    assert (alone["n"], alone["mean"], alone["q1"], alone["q3"]) == (1, 0.3, 0.3, 0.3), "one forecast is its own middle half"
    pair = average_forecasts([two, one], PREDICTIONS)[0]
    # inclusive quartiles of 0.3, 0.7: 0.3 + 0.25 * 0.4 and 0.3 + 0.75 * 0.4
    assert (pair["q1"], pair["q3"]) == (pytest.approx(0.4), pytest.approx(0.6))


def test_class_agreement_matches_krippendorffs_alpha_computed_by_hand():
    """Two coders, four sentences: (a, a), (a, b), (b, b), (b, b).

    Coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 4; n = 8, n_a = 3, n_b = 5.
    D_o = 2 / 8; D_e = 2 * 3 * 5 / (8 * 7) = 30 / 56; alpha = 1 - D_o / D_e = 8 / 15.
    """
    first = {"p01.s1": "realist", "p01.s2": "realist", "p02.s1": "domestic", "p02.s2": "domestic"}
    second = {"p01.s1": "realist", "p01.s2": "domestic", "p02.s1": "domestic", "p02.s2": "domestic"}
    rows = dict(class_agreement([first, second], ["realist", "domestic", "evidence"]))
    assert rows["All codes"] == pytest.approx(8 / 15)
    assert rows["realist"] == pytest.approx(8 / 15) and rows["domestic"] == pytest.approx(8 / 15)  # the same table, relabelled
    assert rows["evidence"] == 1.0  # nobody used it: every coder agrees it is absent
    assert dict(class_agreement([first], ["realist", "domestic"]))["All codes"] is None  # one coder: nothing to compare


def test_majority_codes_break_ties_alphabetically_and_the_most_contested_come_first():
    key = {"p01.s1": None, "p01.s2": None, "p02.s1": None}
    codings = [
        {"p01.s1": "realist", "p01.s2": "realist", "p02.s1": "realist"},
        {"p01.s1": "domestic", "p01.s2": "realist", "p02.s1": "framing"},
        {"p01.s2": "evidence", "p02.s1": "evidence"},
    ]
    majority = majority_codes(codings, list(key))
    assert majority["p01.s1"] == ("domestic", 0.5, 2)  # a tie between domestic and realist
    assert majority["p01.s2"] == ("realist", pytest.approx(2 / 3), 3)
    assert majority["p02.s1"] == ("evidence", pytest.approx(1 / 3), 3)
    assert [s for s, _ in contested_sentences(codings, key)] == ["p02.s1", "p01.s1", "p01.s2"]


def test_progress_sorts_students_into_not_started_half_done_and_complete():
    totals = {"evidence": 2, "coding": 2}
    students = {
        "none": _answers(),
        "quarter": _answers(evidence={"e1": 1}),
        "half": _answers(evidence={"e1": 1, "e2": 0}),
        "three": _answers(evidence={"e1": 1, "e2": 0}, coding={"p01.s1": "realist"}),
        "all": _answers(evidence={"e1": 1, "e2": 0}, coding={"p01.s1": "realist", "p01.s2": "framing"}),
    }
    rows = progress(students, totals, roster=["absent", "all"])
    status = {name: row[0] for name, row in rows.items()}
    assert status == {
        "absent": "not started",
        "all": "complete",
        "half": "half done or less",
        "none": "not started",
        "quarter": "half done or less",
        "three": "more than half done",
    }
    assert rows["three"][1] == 0.75 and rows["three"][2] == {"evidence": 2, "coding": 1}
    assert rows["absent"] == ("not started", 0.0, {"evidence": 0, "coding": 0}), "a name on the roster with no file has done nothing"


# The whole view and its report ----------------------------------------------------------------


@pytest.fixture(scope="module")
def demonstration(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    return ClassView(load_class(write_class(folder / "class.zip", students=120, layout="zip")))


def test_the_view_of_a_synthetic_class_covers_every_event_claim_prediction_and_sentence(demonstration):
    view = demonstration
    assert len(view.evidence) == len(view.key) and len(view.verdicts) == len(view.claims) and len(view.forecasts) == len(view.predictions)
    assert [r["spread"] for r in view.evidence] == sorted((r["spread"] for r in view.evidence), reverse=True)
    assert set(view.majority) == set(view.coding_key)
    assert 0 < view.agreement[0][1] < 1
    assert sum(1 for status, _, _ in view.progress.values() if status == "complete") > len(view.progress) / 2
    plain = view.evidence_table().plain
    assert plain.startswith("Text alternative: The class's weights per event") and all(r["title"] in plain for r in view.evidence)


def test_the_calibration_figure_explains_its_line_and_its_dots(demonstration):
    fig = demonstration.calibration_figure()
    assert fig.layout.title.text.endswith("<i>dotted: perfect; larger dot: more forecasts</i>")
    used = [b for b in demonstration.calibration if b["n"]]
    assert fig.data[1].hovertext[0].startswith(f"{used[0]['n']} forecasts of ")


def test_the_report_is_one_file_with_nothing_loaded_from_elsewhere(demonstration, tmp_path):
    html = write_report(demonstration, tmp_path / "class_view.html").read_text(encoding="utf-8")
    assert html.count("<h2>") == 10 and html.count('class="plotly-graph-div"') == 7
    assert not LOADS_FROM_ELSEWHERE.search(html), "the page loads nothing from elsewhere"
    assert "Text alternative" in html and "Ada Aksoy 0000" not in html and re.search(r"Student \d{3}<", html)
    assert "plotly.js (basic - minified)" in html and len(html) < 3_000_000, "the basic bundle, not the full one"
    with pytest.raises(CourseDataError, match="npm ci"):
        write_report(demonstration, tmp_path / "x.html", plotly_js=tmp_path / "missing.js")


def test_the_report_falls_back_to_plotlys_own_bundle_without_npm(demonstration, tmp_path, monkeypatch):
    import class_view_report

    monkeypatch.setattr(class_view_report, "PLOTLY_BASIC", tmp_path / "node_modules" / "plotly-basic.min.js")
    html = write_report(demonstration, tmp_path / "class_view.html").read_text(encoding="utf-8")
    assert "* plotly.js v" in html and len(html) > 3_000_000 and html.count('class="plotly-graph-div"') == 7
    assert not LOADS_FROM_ELSEWHERE.search(html), "still nothing loaded from elsewhere"


def test_the_command_writes_the_report_and_names_a_bad_source(tmp_path, capsys):
    class_zip = write_class(tmp_path / "class.zip", students=20, layout="zip")
    assert main([str(class_zip), "--out", str(tmp_path / "view.html")]) == 0
    assert (
        "students read from class.zip. Class view written to" in capsys.readouterr().out
        and (tmp_path / "view.html").stat().st_size > 1_000_000
    )
    assert main([str(tmp_path / "nothing-here"), "--out", str(tmp_path / "no.html")]) == 2
    assert str(tmp_path / "nothing-here") in capsys.readouterr().err and not (tmp_path / "no.html").exists()


@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian chromium is not installed")
@pytest.mark.parametrize("width", [1280, 375])
def test_the_report_draws_every_figure_offline_at_desktop_and_phone_width(demonstration, tmp_path, width):
    from playwright.sync_api import sync_playwright

    report = write_report(demonstration, tmp_path / "class_view.html")
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        page = browser.new_page(viewport={"width": width, "height": 900})
        errors, requests = [], []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.route("http*://**", lambda route: route.abort())  # no network at all
        page.goto(report.as_uri())
        page.wait_for_function(
            "() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.querySelector('.point')).length === 7", timeout=30_000
        )
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        browser.close()
    assert errors == [] and [url for url in requests if not url.startswith("file:")] == []
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"


def test_a_file_whose_time_cannot_be_read_counts_as_the_oldest_save(tmp_path, monkeypatch):
    """A file that vanishes or is locked between listing and reading its time loses to a copy with a time."""
    _write(tmp_path / "a" / "ada.json", _document("Ada", evidence={SHOOT_DOWN: 1}))
    _write(tmp_path / "b" / "ada.json", _document("Ada", evidence={SHOOT_DOWN: -1}))
    real_lstat, failed = os.lstat, []

    def lstat(path, *args, **kwargs):  # fails once, when the time is read, and works when the file is opened
        if str(path).endswith(os.path.join("a", "ada.json")) and not failed:
            failed.append(path)
            raise PermissionError("locked")
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr("helpers.class_answers.os.lstat", lstat)
    collected = load_class(tmp_path)
    assert failed, "the time of a/ada.json was looked up"
    assert collected.students["Ada"].origin == "b/ada.json" and collected.replaced == [("Ada", "b/ada.json", "a/ada.json")]
