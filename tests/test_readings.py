"""The readings data: claims quote the essay exactly, predictions have outcomes with sourced events."""

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from helpers.course import course_events, course_readings, load_course
from helpers.errors import CourseDataError, Location
from helpers.readings import balance, brier_score, essay_balance, load_claims, load_evidence_key, load_predictions

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def readings():
    return course_readings()


def test_claims_quote_the_essay_and_cite_events(readings):
    from helpers.essay import load_essay

    claims, _, _ = readings
    essay = load_essay()
    assert len(claims) >= 10
    for claim in claims:
        assert claim.quote in essay.paragraph(claim.paragraph).text
        assert claim.realist and claim.domestic and claim.events
    assert {c.essay_lens for c in claims} == {"realist", "domestic", "both"}


def test_predictions_have_outcomes_backed_by_sourced_epilogue_events(readings):
    _, predictions, _ = readings
    events = course_events().set_index("id")
    ids = {p.id for p in predictions}
    assert {"aid-to-kurds", "normalisation", "beyond-repair", "confrontation"} <= ids
    for prediction in predictions:
        assert prediction.outcome and all(events.loc[e, "sources"] for e in prediction.events)
        # Students forecast as of 1 December 2015: every outcome was still open then.
        assert (events.loc[list(prediction.events), "public_from"] > "2015-12-01").all(), prediction.id
    assert "sanctions" not in ids  # the decree of 28 November came before the essay
    kurds = next(p for p in predictions if p.id == "aid-to-kurds")
    assert kurds.happened is None and "military aid" in kurds.prediction
    normalisation = next(p for p in predictions if p.id == "normalisation")
    assert normalisation.happened and "erdogan-letter-regret-2016" in normalisation.events
    assert not next(p for p in predictions if p.id == "beyond-repair").happened


def test_instructor_key_weights_are_in_range(readings):
    _, _, key = readings
    assert len(key) >= 10 and all(k.weight in (-2, -1, 0, 1, 2) for k in key.values())


@pytest.mark.parametrize(
    "loader, name, field, value, needle",
    [
        (load_claims, "readings.csv", "quote", "words the author never wrote", "not found word for word in p03"),
        (load_claims, "readings.csv", "paragraph", "p42", "no essay paragraph"),
        (load_claims, "readings.csv", "events", "no-such-event", "no such event"),
        (load_claims, "readings.csv", "essay_lens", "liberal", "not one of"),
        (load_predictions, "predictions.csv", "happened", "maybe", "not one of"),
        (load_predictions, "predictions.csv", "outcome", "", "is required"),
        (load_evidence_key, "evidence_key.csv", "weight", "7", "not one of"),
        (load_evidence_key, "evidence_key.csv", "event_id", "nothing-happened", "no event has id"),
        (load_evidence_key, "evidence_key.csv", "event_id", "erdogan-letter-regret-2016", "became public after the essay"),
    ],
)
def test_bad_rows_name_file_row_and_field(data_copy, loader, name, field, value, needle):
    row = 1 if name == "readings.csv" else 0
    path = data_copy(name, lambda rows: rows[row].update({field: value}))
    with pytest.raises(CourseDataError) as caught:
        load_course(path.parent)  # as an instructor loads a copy: the file's own checks, then every reference
    assert caught.value.field == field and needle in caught.value.problem
    assert caught.value.location.row == (3 if name == "readings.csv" else 2) and name in caught.value.file


def test_balance_and_the_essays_lean(readings):
    claims, _, key = readings
    assert balance({"a": -2, "b": 1, "c": 0, "d": 2}) == {"realist": 2, "domestic": 3}
    lean = essay_balance(claims, list(key))
    assert lean["s400-deployed-hmeimim-2015"] == 1  # cited only by the strong-leader claim, which leans domestic
    assert lean["nato-kosovo-air-campaign-1999"] == -1


def test_brier_score():
    assert brier_score({"a": 1.0, "b": 0.0}, {"a": True, "b": False}) == 0
    assert brier_score({"a": 0.5, "b": 0.5}, {"a": True, "b": False}) == 0.25
    assert brier_score({"a": 0.0}, {"a": True}) == 1
    assert brier_score({"a": 0.8, "b": 0.3}, {"a": True, "b": True}) == pytest.approx((0.04 + 0.49) / 2)
    assert brier_score({"a": 0.0, "b": 1.0}, {"a": False, "b": True}) == 0  # forecasts of exactly 0 and 1 count
    # A contested outcome is left out, not counted as 0 or 1.
    assert brier_score({"a": 0.9, "c": 0.1}, {"a": True, "c": None}) == pytest.approx(0.01)
    with pytest.raises(ValueError, match="settled outcome"):
        brier_score({"c": 0.4}, {"c": None})
    with pytest.raises(ValueError):
        brier_score({}, {})


@pytest.mark.parametrize("resource", ["events", "event_sources", "coverage", "readings", "predictions", "evidence_key"])
def test_a_header_only_file_is_an_error_not_an_empty_workbench(resource, tmp_path):
    from helpers.tables import read_table, schema

    path = tmp_path / f"{resource}.csv"
    path.write_text(",".join(f["name"] for f in schema(resource)["fields"]) + "\n", encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        read_table(path, resource)
    assert caught.value.location == Location(path, whole_file=True)
    assert "header but no rows" in str(caught.value) and path.name in str(caught.value)


def test_the_loaders_refuse_header_only_readings_predictions_and_key(tmp_path):
    from helpers.tables import schema

    for resource, load in (("readings", load_claims), ("predictions", load_predictions), ("evidence_key", load_evidence_key)):
        path = tmp_path / f"{resource}.csv"
        path.write_text(",".join(f["name"] for f in schema(resource)["fields"]) + "\n", encoding="utf-8")
        with pytest.raises(CourseDataError, match="header but no rows"):
            load(path)


def test_a_header_only_date_alternatives_file_is_allowed(tmp_path):
    from helpers.tables import read_table, schema

    path = tmp_path / "date_alternatives.csv"
    path.write_text(",".join(f["name"] for f in schema("date_alternatives")["fields"]) + "\n", encoding="utf-8")
    assert read_table(path, "date_alternatives") == []


def _rows(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_prediction_keeps_every_field_of_its_row():
    happened = {"yes": True, "no": False, "contested": None}
    loaded = load_predictions()
    rows = _rows("predictions.csv")
    assert [p.id for p in loaded] == [r["id"] for r in rows]
    for prediction, row in zip(loaded, rows, strict=True):
        assert (prediction.paragraph, prediction.quote, prediction.prediction, prediction.outcome) == (
            row["paragraph"],
            row["quote"],
            row["prediction"],
            row["outcome"],
        )
        assert prediction.happened is happened[row["happened"]]
        assert prediction.events == tuple(row["events"].split(";"))
    assert {p.happened for p in loaded} == {True, False, None}, "the course has each kind of outcome"


def test_each_key_weight_keeps_every_field_of_its_row():
    key = load_evidence_key()
    rows = _rows("evidence_key.csv")
    assert list(key) == [r["event_id"] for r in rows]
    for row in rows:
        weight = key[row["event_id"]]
        assert (weight.event_id, weight.weight, weight.rationale) == (row["event_id"], int(row["weight"]), row["rationale"])
        assert weight.theories == (tuple(row["theories"].split(";")) if row["theories"] else ())


def test_a_key_event_made_public_on_the_day_the_essay_appeared_is_allowed_and_a_day_later_refused():
    events = course_events()
    first = _rows("evidence_key.csv")[0]["event_id"]
    on_the_day = events.assign(public_from=events["public_from"].where(events["id"] != first, pd.Timestamp("2015-12-01")))
    assert load_evidence_key(events=on_the_day)[first].event_id == first, "the essay's own date, when none is given"
    later = events.assign(public_from=events["public_from"].where(events["id"] != first, pd.Timestamp("2015-12-02")))
    with pytest.raises(CourseDataError) as caught:
        load_evidence_key(events=later)
    assert f"evidence_key.csv: row 2, field 'event_id': {first!r} became public after the essay appeared (2015-12-01)" in str(caught.value)
    assert load_evidence_key(events=later, published=dt.date(2015, 12, 2))[first].event_id == first
