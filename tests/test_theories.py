"""The theory toolbox and its verified bibliography: loaded, cross-checked, and every error located."""

import datetime as dt
import html
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from helpers.course import course_events, course_theories, load_course
from helpers.errors import CourseDataError
from helpers.sources import denied_class
from helpers.theories import (
    Reference,
    case_table,
    further_reading,
    indistinguishable,
    load_references,
    load_theories,
    scorecard,
    theory_grid,
    toolbox_table,
)
from helpers.vocabulary import CASES, FAMILIES, THEORY_VERDICTS, VERDICT_MARKS

DATA = Path(__file__).resolve().parents[1] / "data"


def _load(folder, event_ids=None):
    return load_theories(folder / "theories.csv", folder / "theory_predictions.csv", folder / "references.csv", event_ids)


def test_each_family_has_its_theories_and_each_theory_predicts_all_three_cases():
    theories = course_theories()
    families = {family: [t.name for t in theories.values() if t.family == family] for family in ("realist", "domestic")}
    assert len(families["realist"]) >= 4 and len(families["domestic"]) >= 4
    for name in (
        "Structural realism",
        "Offensive realism",
        "Neoclassical realism",
        "Diversionary war",
        "Rally round the flag",
        "Audience costs",
        "Two-level games",
    ):
        assert any(name in names for names in families.values()), name
    for theory in theories.values():
        assert set(theory.predictions) == set(CASES)
        assert theory.references and theory.core_claim.endswith((".", ")"))


def test_every_case_has_predictions_the_evidence_cannot_tell_apart():
    theories = course_theories()
    for case in CASES:
        groups = indistinguishable(theories, case)
        assert groups, f"{case}: no two theories predict the same thing"
        for expects, ids in groups:
            assert len(ids) >= 2 and all(theories[i].predictions[case].expects == expects for i in ids)
    shootdown = dict(indistinguishable(theories, "shootdown-response-2015"))
    assert set(shootdown["an apology demanded before any meeting"]) == {"status-seeking", "audience-costs"}  # across the families


def test_scores_count_matched_as_one_partly_as_half_and_leave_untested_out():
    theories = course_theories()
    verdicts = {t.id: [p.verdict for p in t.predictions.values()] for t in theories.values()}
    assert verdicts["offensive-realism"] == ["matched", "partly", "partly"]
    assert theories["offensive-realism"].score() == pytest.approx(2 / 3)
    assert verdicts["two-level-games"] == ["untested", "partly", "partly"]
    assert theories["two-level-games"].score() == 0.5  # two cases tested, each partly matched
    assert verdicts["diversionary-war"] == ["untested"] * 3
    assert theories["diversionary-war"].score() is None  # no case tested: no score, not 0%


def test_the_bibliography_is_complete_confirmed_and_well_formed():
    references = load_references()
    cited = {r.id for t in course_theories().values() for r in t.references}
    assert cited == set(references)
    for reference in references.values():
        assert 1900 < int(reference.year) <= dt.date.today().year, reference.id
        assert reference.id.startswith(reference.authors[0].split(",")[0].lower().replace("è", "e")[:5]), reference.id
        assert reference.id.endswith(reference.year)
        for address in (reference.url, reference.confirmed_at):
            assert urlparse(address).hostname and not denied_class(address), (reference.id, address)
        if reference.doi:
            assert reference.url == f"https://doi.org/{reference.doi}", reference.id
    assert references["frye2017"].short() == "Frye et al. 2017" and references["larson2019"].short() == "Larson and Shevchenko 2019"


def _reference(**fields):
    blank = dict.fromkeys(Reference.__dataclass_fields__, "")
    return Reference(**{**blank, "authors": ("Doe, Jane",), "year": "2001", "title": "A Title", **fields})


@pytest.mark.parametrize(
    ("fields", "written"),
    [
        ({"venue": "World Politics", "details": "30(2): 167–214"}, "Doe, Jane (2001). A Title. World Politics 30(2): 167–214."),
        (
            {"venue": "Yale University Press", "details": "New Haven, CT"},
            "Doe, Jane (2001). A Title. New Haven, CT: Yale University Press.",
        ),
        ({"venue": "Comparative Politics"}, "Doe, Jane (2001). A Title. Comparative Politics."),
        ({"title": "Is It Real?", "venue": "Post-Soviet Affairs"}, "Doe, Jane (2001). Is It Real? Post-Soviet Affairs."),
        ({"authors": ("Doe, Jane", "Roe, Rick"), "venue": "V"}, "Doe, Jane; Roe, Rick (2001). A Title. V."),
    ],
)
def test_a_reference_is_written_as_a_reading_list_gives_it(fields, written):
    assert _reference(**fields).full() == written


def test_further_reading_links_each_chosen_work_in_the_order_asked():
    references = load_references()
    shown = further_reading(["putnam1988", "waltz1979"], title="Read next")
    assert shown.plain == (
        f"Read next\n- {references['putnam1988'].full()} <{references['putnam1988'].url}>\n"
        f"- {references['waltz1979'].full()} <{references['waltz1979'].url}>"
    )
    assert shown.html.count("<li>") == 2 and f'href="{references["waltz1979"].url}"' in shown.html
    assert further_reading(["waltz1979"]).plain.startswith("Further reading\n- Waltz, Kenneth N. (1979). Theory of International Politics.")
    with pytest.raises(KeyError):
        further_reading(["no-such-work"])


def _rows(shown):
    caption, header, *rows = shown.plain.split("\n")
    return caption, header.split(" | "), [row.split(" | ") for row in rows]


def test_the_toolbox_table_has_a_row_per_theory_with_its_family_and_works():
    theories = course_theories()
    caption, header, rows = _rows(toolbox_table(theories))
    assert caption == f"{len(theories)} theories" and header == ["Theory", "Reading", "Core claim", "Key works"]
    for row, theory in zip(rows, theories.values(), strict=True):
        assert row == [theory.name, FAMILIES[theory.family], theory.core_claim, "; ".join(r.short() for r in theory.references)]
    assert ["Two-level games", "Domestic politics"] == next(r for r in rows if r[0] == "Two-level games")[:2]


@pytest.mark.parametrize("case", list(CASES))
def test_a_case_table_gives_each_theorys_prediction_and_with_verdicts_how_it_fared(case):
    theories = course_theories()
    caption, header, rows = _rows(case_table(theories, case))
    assert caption == CASES[case] and header == ["Theory", "Reading", "Expects", "Prediction", "Verdict", "Why"]
    for row, theory in zip(rows, theories.values(), strict=True):
        p = theory.predictions[case]
        assert row == [theory.name, FAMILIES[theory.family], p.expects, p.prediction, THEORY_VERDICTS[p.verdict], p.why]
    _, header, rows = _rows(case_table(theories, case, verdicts=False))
    assert header == ["Theory", "Reading", "Expects", "Prediction"] and all(len(row) == 4 for row in rows)


def test_the_scorecard_ranks_theories_by_score_then_name_with_untested_cases_said():
    theories = course_theories()
    caption, header, rows = _rows(scorecard(theories))
    assert caption.startswith("How each theory's predictions fared") and header == ["Theory", "Reading", *CASES.values(), "Score"]
    assert len(rows) == len(theories)
    by_name = {t.name: t for t in theories.values()}
    ranked = [(-(by_name[row[0]].score() or 0), row[0]) for row in rows]
    assert ranked == sorted(ranked), "highest score first, ties by name, an untested theory last"
    untested = "Not tested by these events"
    two_level = next(row for row in rows if row[0] == "Two-level games")
    assert two_level == ["Two-level games", "Domestic politics", untested, "Partly", "Partly", "50%"], (
        "untested cases are said, and left out of the score"
    )
    assert rows[-1] == ["Diversionary war", "Domestic politics", untested, untested, untested, "–"], "no case tested: no score"
    rally = next(row for row in rows if row[0] == "Rally round the flag")
    assert rally[2:] == ["Partly", "Partly", untested, "50%"]


def _theory(theory_id, verdicts, expects):
    from helpers.theories import Theory, TheoryPrediction

    predictions = {
        case: TheoryPrediction(theory_id, case, expects[n], "p", verdict, (), "w")
        for n, (case, verdict) in enumerate(zip(CASES, verdicts, strict=True))
    }
    return Theory(theory_id, "realist", theory_id.title(), "claim", (), predictions)


def test_shared_predictions_are_grouped_largest_first_then_by_what_they_expect():
    case = next(iter(CASES))
    theories = {
        t.id: t
        for t in [
            _theory("a", ["matched"] * 3, ["win", "x", "x"]),
            _theory("b", ["matched"] * 3, ["lose", "x", "x"]),
            _theory("c", ["matched"] * 3, ["win", "x", "x"]),
            _theory("d", ["matched"] * 3, ["lose", "x", "x"]),
            _theory("e", ["matched"] * 3, ["draw", "x", "x"]),
            _theory("f", ["matched"] * 3, ["lose", "x", "x"]),
            _theory("g", ["matched"] * 3, ["alone", "x", "x"]),
            _theory("h", ["matched"] * 3, ["draw", "x", "x"]),
        ]
    }
    assert indistinguishable(theories, case) == [("lose", ("b", "d", "f")), ("draw", ("e", "h")), ("win", ("a", "c"))]


def test_a_theory_with_no_tested_prediction_has_no_score_and_is_ranked_last():
    untested = _theory("untested", ["untested"] * 3, ["x", "y", "z"])
    assert untested.score() is None
    assert _theory("half", ["partly", "untested", "partly"], ["x", "y", "z"]).score() == 0.5
    theories = {"untested": untested, "zero": _theory("zero", ["not-matched"] * 3, ["x", "y", "z"])}
    rows = [row.split(" | ") for row in scorecard(theories).plain.split("\n")[2:]]
    assert [(row[0], row[-1]) for row in rows] == [("Untested", "–"), ("Zero", "0%")], "no score shows a dash; ties by name"


def test_a_missing_reference_is_located(data_copy):
    data_copy(
        "theories.csv",
        lambda rows: [r | {"references": r["references"] + ";nobody2020"} if r["id"] == "audience-costs" else r for r in rows],
    )
    with pytest.raises(CourseDataError) as caught:
        _load(data_copy.folder)
    path = data_copy.folder / "theories.csv"
    assert str(caught.value).startswith(f"{path}: row 9 (id 'audience-costs'), field 'references': no such reference")
    assert "nobody2020" in caught.value.problem


@pytest.mark.parametrize(
    "field, address, problem",
    [
        ("url", "https://books.google.com.wikiwand.com/x", "wikiwand.com is a mirror host"),
        ("confirmed_at", "http://blogs.reuters.com/great-debate/2015/review", "blogs.reuters.com is a blog host"),
        ("url", "https://amp.theguardian.com/books/2001/review", "cite the page at its canonical address"),
    ],
)
def test_a_reference_at_a_denied_address_is_located(data_copy, field, address, problem):
    data_copy("references.csv", lambda rows: [r | {field: address} if r["id"] == "waltz1979" else r for r in rows])
    with pytest.raises(CourseDataError) as caught:
        _load(data_copy.folder)
    assert str(caught.value).startswith(f"{data_copy.folder / 'references.csv'}: row 2 (id 'waltz1979'), field '{field}': ")
    assert problem in caught.value.problem


def test_an_uncited_reference_is_an_error(data_copy):
    data_copy("theories.csv", lambda rows: [r | {"references": "fearon1994"} if r["id"] == "audience-costs" else r for r in rows])
    with pytest.raises(CourseDataError) as caught:
        _load(data_copy.folder)
    assert str(caught.value) == f"{data_copy.folder / 'references.csv'}: field 'id': 'weeks2008' is cited by no theory"


def test_a_theory_without_a_prediction_for_a_case_is_an_error(data_copy):
    data_copy(
        "theory_predictions.csv",
        lambda rows: [r for r in rows if (r["theory"], r["case"]) != ("two-level-games", "reconciliation-2016")],
    )
    with pytest.raises(CourseDataError, match="no prediction for reconciliation-2016") as caught:
        _load(data_copy.folder)
    assert caught.value.location.whole_file and caught.value.field == "case" and "two-level-games" in caught.value.problem


def test_a_prediction_resting_on_an_unknown_event_is_located(data_copy):
    data_copy(
        "theory_predictions.csv",
        lambda rows: [r | {"events": "no-such-event"} if r["theory"] == "audience-costs" else r for r in rows],
    )
    with pytest.raises(CourseDataError) as caught:
        _load(data_copy.folder, event_ids=set(course_events()["id"]))
    assert caught.value.field == "events" and caught.value.location.row == 9


def test_claims_and_key_name_only_known_theories(data_copy):
    for name in ("readings.csv", "evidence_key.csv"):
        path = data_copy(name, lambda rows: rows[0].update({"theories": "structural-realism;made-up-theory"}))
        with pytest.raises(CourseDataError) as caught:
            load_course(path.parent)
        assert (caught.value.location.row, caught.value.field) == (2, "theories") and "made-up-theory" in caught.value.problem


def test_the_grid_marks_every_prediction_by_its_verdict_and_letters_only_shared_ones():
    theories = course_theories()
    assert len({symbol for symbol, _ in VERDICT_MARKS.values()}) == len(VERDICT_MARKS), "each verdict its own mark"
    fig = theory_grid(theories)
    marks = {}
    for trace in fig.data:
        for x, y, letter, hover in zip(trace.x, trace.y, trace.text or (), trace.hovertext or (), strict=False):
            marks[(y, x)] = (trace.marker.symbol, letter, hover)
    assert len(marks) == len(theories) * len(CASES)
    columns = dict(zip(CASES, fig.layout.xaxis.categoryarray, strict=True))
    for theory in theories.values():
        row = next(name for name in fig.layout.yaxis.categoryarray if name.replace("<br>", " ") == theory.name)
        shared = {case: {e for e, ids in indistinguishable(theories, case)} for case in CASES}
        for case, prediction in theory.predictions.items():
            symbol, letter, hover = marks[(row, columns[case])]
            assert symbol == VERDICT_MARKS[prediction.verdict][0]
            assert bool(letter) == (prediction.expects in shared[case])
            assert f"Expects: {prediction.expects}".replace("'", "&#x27;") in hover.replace("<br>", " ")
            lines = html.unescape(re.sub(r"</?[bi]>", "", hover)).split("<br>")
            assert all(len(line) <= 48 for line in lines[1:]), lines  # the theory's name may be longer; the rest fits a phone
            assert any(line.startswith(f"{THEORY_VERDICTS[prediction.verdict]}: ") for line in lines), lines
    one = theory_grid(theories, cases=["shootdown-response-2015"])
    in_case = {THEORY_VERDICTS[t.predictions["shootdown-response-2015"].verdict] for t in theories.values()}
    assert len(one.layout.xaxis.categoryarray) == 1 and {t.name for t in one.data} == in_case, "the legend shows only the verdicts drawn"
