"""The one error type: a `Location` names the file and exactly one position in it, and the message reads naturally."""

from pathlib import Path

import pytest

from helpers.errors import CourseDataError, Location


@pytest.mark.parametrize(
    "location, message",
    [
        (Location("events.csv", row=12, id="x", field="date"), "events.csv: row 12 (id 'x'), field 'date': bad"),
        (Location("events.csv", row=12, field="date"), "events.csv: row 12, field 'date': bad"),
        (Location("events.csv", row=4), "events.csv: row 4: bad"),
        (Location("essay.txt", line=3), "essay.txt: line 3: bad"),
        (Location("essay.txt", line=1, field="headline"), "essay.txt: line 1, field 'headline': bad"),
        (Location("answers.json", key="evidence.k"), "answers.json: key 'evidence.k': bad"),
        (Location("essay.txt", paragraph="p04", field="text"), "essay.txt: paragraph p04, field 'text': bad"),
        (Location("events.csv", whole_file=True), "events.csv: bad"),
        (Location("event_sources.csv", whole_file=True, field="kind"), "event_sources.csv: field 'kind': bad"),
        (Location(Path("data") / "events.csv", row=2), "data/events.csv: row 2: bad"),
    ],
)
def test_each_kind_of_location_reads_naturally(location, message):
    error = CourseDataError(location, "bad")
    assert str(error) == message and isinstance(error, ValueError)
    assert (error.location, error.file, error.field, error.problem) == (location, message.split(":")[0], location.field, "bad")


def test_where_is_the_position_and_field_without_the_file():
    assert Location("a.csv", row=3, id="y", field="url").where == "row 3 (id 'y'), field 'url'"
    assert Location("a.json", key="version").where == "key 'version'"
    assert Location("a.csv", whole_file=True).where == ""


@pytest.mark.parametrize(
    "positions",
    [
        {},
        {"whole_file": False},
        {"line": 3, "row": 3},
        {"row": 3, "key": "k"},
        {"paragraph": "p04", "whole_file": True},
        {"line": 1, "row": 2, "paragraph": "p01", "key": "k"},
    ],
)
def test_a_location_needs_exactly_one_position(positions):
    with pytest.raises(TypeError, match="exactly one of line, row, paragraph, key, whole_file"):
        Location("events.csv", **positions)


@pytest.mark.parametrize(
    "arguments, needle",
    [
        ({"row": 0}, "row is a whole number from 1, not 0"),
        ({"line": -1}, "line is a whole number from 1, not -1"),
        ({"row": True}, "row is a whole number from 1, not True"),
        ({"line": "3"}, "line is a whole number from 1, not '3'"),
        ({"line": 3, "id": "x"}, "id belongs to a row"),
        ({"whole_file": True, "id": "x"}, "id belongs to a row"),
        ({"key": ""}, "key is a non-empty text, not ''"),
        ({"paragraph": 4}, "paragraph is a non-empty text, not 4"),
        ({"row": 2, "field": ""}, "field is a non-empty text, not ''"),
        ({"whole_file": 1}, "whole_file is True or False, not 1"),
    ],
)
def test_a_location_refuses_nonsense_positions(arguments, needle):
    with pytest.raises(TypeError) as caught:
        Location("events.csv", **arguments)
    assert needle in str(caught.value)


def test_the_position_is_keyword_only_and_locations_are_values():
    with pytest.raises(TypeError):
        Location("events.csv", 3)
    assert Location("a.csv", row=2, field="id") == Location(Path("a.csv"), row=2, field="id")
    assert len({Location("a.csv", row=2), Location("a.csv", row=2)}) == 1


def test_an_error_needs_a_location():
    with pytest.raises(TypeError):
        CourseDataError("events.csv", "bad")
