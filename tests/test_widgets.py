"""The workbench widgets, driven by setting values as a student's clicks would."""

import json
import re

import pandas as pd
import plotly.io as pio
import pytest

from helpers.answers import AnswerStore
from helpers.course import course_events, course_readings
from helpers.essay import load_essay
from helpers.readings import balance
from helpers.timeline import plotted_ids
from helpers.vocabulary import READING_COLOURS
from helpers.widgets import balance_figure, lens_switch, predictions_quiz, readings_panel, weigh_evidence


@pytest.fixture(scope="module")
def data():
    claims, predictions, key = course_readings()
    return course_events(), claims, predictions, key


@pytest.fixture
def store(tmp_path):
    return AnswerStore("tester", tmp_path)


def _marker_colours(fig):
    return {t.marker.color for t in fig.data if t.customdata is not None}


def test_lens_switch_recolours_and_filters_the_timeline(data, store):
    events, claims, _, _ = data
    lens = lens_switch(events, claims, load_essay().citation(), store)
    everything = set(plotted_ids(lens.figure))
    assert _marker_colours(lens.figure) == set(READING_COLOURS.values())
    lens.lens.value = "realist"
    realist = set(plotted_ids(lens.figure))
    frame = events.set_index("id")
    assert realist < everything and {frame.loc[i, "reading"] for i in realist} == {"realist", "both"}
    assert _marker_colours(lens.figure) == {READING_COLOURS["realist"]}
    lens.lens.value = "domestic"
    assert {frame.loc[i, "reading"] for i in plotted_ids(lens.figure)} == {"domestic", "both"}
    assert _marker_colours(lens.figure) == {READING_COLOURS["domestic"]}
    assert "Lens: Domestic politics" in lens.summary()
    shown = [name for name, plot in lens.plots.items() if "course-lens-hidden" not in plot._dom_classes]
    assert shown == ["domestic"]
    drawn = lens.plots["domestic"].outputs[0]["data"]["application/vnd.plotly.v1+json"]
    assert {i for t in drawn["data"] if "customdata" in t for i in t["customdata"]} == set(plotted_ids(lens.figure))


def test_a_new_claim_rings_its_events_in_every_lens(data, store):
    events, claims, _, _ = data
    lens = lens_switch(events, claims, load_essay().citation(), store)
    lens.claim.value = "pilots-death-domestic"
    claim = next(c for c in claims if c.id == "pilots-death-domestic")
    for name, plot in lens.plots.items():
        drawn = plot.outputs[0]["data"]["application/vnd.plotly.v1+json"]["data"]
        rings = [t for t in drawn if t.get("name") == "Bears on this claim"]
        shown = {i for t in drawn if "customdata" in t for i in t["customdata"]}
        assert sum(len(t["x"]) for t in rings) == len(set(claim.events) & shown) > 0, name


def test_each_lens_draws_exactly_the_figure_it_reports(data, store):
    """The rings are added to each lens's figure as plain JSON, without plotly: what is drawn is still the whole ringed figure."""
    events, claims, _, _ = data
    lens = lens_switch(events, claims, load_essay().citation(), store)
    for claim in ("pilots-death-domestic", claims[0].id):
        lens.claim.value = claim
        for name in ("realist", "domestic", "both"):
            lens.lens.value = name
            drawn = lens.plots[name].outputs[0]["data"]["application/vnd.plotly.v1+json"]
            assert drawn == json.loads(pio.to_json(lens.figure)) | {"config": {"responsive": True}}
            assert any(t.get("name") == "Bears on this claim" for t in drawn["data"])


def test_lens_switch_shows_the_essays_words_above_both_readings(data, store):
    events, claims, _, _ = data
    lens = lens_switch(events, claims, load_essay().citation(), store)
    lens.claim.value = "bargaining-tactic"
    claim = next(c for c in claims if c.id == "bargaining-tactic")
    html = lens.panel.value
    assert html.index("bargaining tactic") < html.index("Realist reading") < html.index("Domestic-politics reading")
    assert "Karagiannis" in html
    ringed = next(t for t in lens.figure.data if t.name == "Bears on this claim")
    assert len(ringed.x) == len([e for e in claim.events if e in plotted_ids(lens.figure)])
    lens.lens.value = "realist"
    assert "reading-domestic" in lens.panel.value and "opacity:0.45" in lens.panel.value.split("reading-domestic")[1][:200]


def test_student_notes_are_saved_and_escaped(data, store, tmp_path):
    events, claims, _, _ = data
    lens = lens_switch(events, claims, load_essay().citation(), store)
    lens.note.value = "<script>alert('x')</script> Realism wins"
    assert "<script>" not in lens.panel.value and "&lt;script&gt;" in lens.panel.value
    saved = json.loads((tmp_path / "tester.json").read_text())
    assert saved["answers"]["notes"][lens.claim.value].endswith("Realism wins")


def test_readings_panel_escapes_data_fields(data):
    events, claims, _, _ = data
    hostile = claims[0].__class__(**{**claims[0].__dict__, "realist": "<img src=x onerror=alert(1)>", "quote": "a & b"})
    html = readings_panel(hostile, "both", events, "<b>cite</b>")
    assert "<img" not in html and "&lt;img" in html and "a &amp; b" in html and "&lt;b&gt;cite" in html


def test_weighing_evidence_moves_the_balance_chart(data, store):
    events, claims, _, key = data
    weigh = weigh_evidence(events, claims, key, store)
    before = [list(t.x) for t in weigh.figure.data]
    assert before == [[0], [0]]
    weigh.sliders["s400-deployed-hmeimim-2015"].value = -2
    weigh.sliders["putin-approval-crimea-2014"].value = 1
    realist, domestic = weigh.figure.data
    assert list(realist.x) == [-2] and list(domestic.x) == [1]
    assert weigh.summary() == "You: realist 2, domestic 1"
    weigh.compare.value = True
    assert [t.y for t in weigh.figure.data][0] == ("You", "The essay", "Instructor's key")
    assert "Deterrence on the ground" in weigh.rationale.value
    assert AnswerStore("tester", store.path.parent).get("evidence", "s400-deployed-hmeimim-2015") == -2


def test_balance_figure_colours():
    fig = balance_figure({"You": {"realist": 3, "domestic": 1}})
    assert [t.marker.color for t in fig.data] == [READING_COLOURS["realist"], READING_COLOURS["domestic"]]
    assert list(fig.data[0].x) == [-3] and list(fig.data[1].x) == [1]
    assert not fig.layout.annotations


def test_the_balance_says_what_to_do_before_anything_is_weighed():
    empty = balance_figure({"You": {"realist": 0, "domestic": 0}})
    assert [a.text for a in empty.layout.annotations] == ["Move a slider above:<br>your balance appears here"]
    assert not balance_figure({"You": {"realist": 0, "domestic": 1}}).layout.annotations


def test_predictions_reveal_outcomes_and_a_brier_score(data, store):
    _, _, predictions, _ = data
    quiz = predictions_quiz(predictions, store)
    for prediction in predictions:
        quiz.sliders[prediction.id].value = 1.0 if prediction.happened else 0.0
    assert "not revealed" in quiz.summary() and quiz.result.value == ""
    quiz.reveal.click()
    assert quiz.score() == 0 and "Your Brier score: 0.000" in quiz.result.value
    assert all(s.disabled for s in quiz.sliders.values())
    assert "0.25" in quiz.result.value  # the plain-words explanation


def test_widgets_resume_from_the_answers_file_after_a_restart(data, tmp_path):
    events, claims, predictions, key = data
    first = AnswerStore("rita", tmp_path)
    lens = lens_switch(events, claims, load_essay().citation(), first)
    lens.lens.value = "domestic"
    lens.claim.value = "humiliating-defeat"
    weigh = weigh_evidence(events, claims, key, first)
    weigh.sliders["su24-shootdown-2015"].value = 2
    weigh.compare.value = True
    lens.note.value = "typed, never blurred"
    quiz = predictions_quiz(predictions, first)
    quiz.sliders["normalisation"].value = 0.7
    quiz.reveal.click()
    restarted = AnswerStore("rita", tmp_path)  # a new kernel reads only the file
    lens2 = lens_switch(events, claims, load_essay().citation(), restarted)
    assert (lens2.lens.value, lens2.claim.value) == ("domestic", "humiliating-defeat")
    weigh2 = weigh_evidence(events, claims, key, restarted)
    assert weigh2.sliders["su24-shootdown-2015"].value == 2 and weigh2.compare.value is True
    assert "Instructor's key" in weigh2.summary()
    assert lens2.note.value == "typed, never blurred" and lens2.note.continuous_update
    quiz2 = predictions_quiz(predictions, restarted)
    assert quiz2.sliders["normalisation"].value == 0.7 and "Brier score" in quiz2.result.value


def test_a_verdict_on_each_claim_is_saved_with_that_claim_and_shown_again_with_it(data, tmp_path):
    events, claims, _, _ = data
    store = AnswerStore("vera", tmp_path)
    lens = lens_switch(events, claims, load_essay().citation(), store)
    first, second = claims[0].id, claims[1].id
    assert lens.verdict.value is None and store.answers["verdicts"] == {}  # nothing chosen, nothing saved
    lens.verdict.value = "domestic"
    lens.claim.value = second
    assert lens.verdict.value is None  # the next claim has no verdict yet; showing it saves nothing
    lens.verdict.value = "both"
    assert AnswerStore("vera", tmp_path).answers["verdicts"] == {first: "domestic", second: "both"}
    restarted = lens_switch(events, claims, load_essay().citation(), AnswerStore("vera", tmp_path))
    assert (restarted.claim.value, restarted.verdict.value) == (second, "both")
    restarted.claim.value = first
    assert restarted.verdict.value == "domestic"


def test_the_evidence_list_is_in_date_order_and_was_public_when_the_essay_appeared(data):
    events, claims, _, key = data
    weigh = weigh_evidence(events, claims, key)
    frame = events.set_index("id")
    order = list(weigh.sliders)
    assert order == sorted(order, key=lambda e: (frame.loc[e, "date"], e))
    assert (frame.loc[order, "public_from"] <= "2015-12-01").all()


def test_a_failed_save_puts_the_control_back_and_says_why(data, tmp_path, monkeypatch):
    events, claims, predictions, key = data
    store = AnswerStore("full", tmp_path)
    weigh = weigh_evidence(events, claims, key, store)
    quiz = predictions_quiz(predictions, store)
    lens = lens_switch(events, claims, load_essay().citation(), store)
    weigh.sliders["su24-shootdown-2015"].value = 1

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("helpers.answers.write_atomically", disk_full)
    weigh.sliders["su24-shootdown-2015"].value = 2
    assert weigh.sliders["su24-shootdown-2015"].value == 1, "the slider shows what is saved"
    assert "the disk is full" in weigh.saving.value and 'role="alert"' in weigh.saving.value
    assert weigh.summary() == "You: realist 0, domestic 1"
    first = predictions[0].id
    quiz.sliders[first].value = 0.9
    assert quiz.sliders[first].value == 0.5 and "Not saved" in quiz.saving.value
    monkeypatch.undo()
    lens.note.value = "a lone \ud800 surrogate"
    assert "cannot be saved" in lens.saving.value
    weigh.sliders["su24-shootdown-2015"].value = -1
    assert weigh.saving.value == "" and AnswerStore("full", tmp_path).get("evidence", "su24-shootdown-2015") == -1


def test_the_key_and_the_essay_rows_do_not_depend_on_the_students_weights(data):
    events, claims, _, key = data
    weigh = weigh_evidence(events, claims, key)
    weigh.compare.value = True
    before = weigh.rows()
    for slider in weigh.sliders.values():
        slider.value = 2
    after = weigh.rows()
    assert after["Instructor's key"] == before["Instructor's key"] == balance({e: k.weight for e, k in key.items()})
    assert after["The essay"] == before["The essay"] and after["You"] == {"realist": 0, "domestic": 2 * len(key)}


def test_forecasts_of_exactly_0_and_1_are_kept(data, store):
    _, _, predictions, _ = data
    quiz = predictions_quiz(predictions, store)
    first, second = predictions[0].id, predictions[1].id
    quiz.sliders[first].value, quiz.sliders[second].value = 0.0, 1.0
    assert quiz.saving.value == "" and AnswerStore("tester", store.path.parent).answers["predictions"] == {first: 0.0, second: 1.0}


def test_the_readings_panel_names_each_readings_theories_and_the_weigher_what_each_event_bears_on(data, store):
    events, claims, _, key = data
    lens = lens_switch(events, claims, load_essay().citation(), store)
    lens.claim.value = "strong-leader-image"
    realist, domestic = lens.panel.value.split("reading-domestic", 1)
    assert "Theories behind this reading" in domestic and "Audience costs" in domestic and "Fearon 1994" in domestic
    assert "Audience costs" not in realist and "Defensive realism" in realist  # each reading with its own family's theories
    assert "theories: Defensive realism and the balance of threat, Audience costs" in lens.summary()
    weigh = weigh_evidence(events, claims, key, store)
    assert weigh.bears_on("s400-deployed-hmeimim-2015") == "Defensive realism and the balance of threat"
    labels = [
        row.children[0].value
        for row in weigh.children
        if hasattr(row, "children") and row.children and "Bears on" in getattr(row.children[0], "value", "")
    ]
    assert len(labels) == len(key) and any("S-400" in label and "Defensive realism" in label for label in labels)


def test_the_panel_and_the_weigher_list_events_in_time_order_with_the_end_of_a_span(data, store):
    events, claims, _, key = data
    lens = lens_switch(events, claims, load_essay().citation(), store)
    lens.claim.value = "tartus-and-arms"  # its data lists 2015 before 2013, and a span from 2007 to 2011
    listed = re.findall(r"<li>([^<]+?): ", lens.panel.value.split("Events that bear on it", 1)[1])
    assert listed == ["1971", "25 Jan 2005", "2007 – 2011", "Dec 2011", "3 Sep 2013", "Sep 2015"]
    weigh = weigh_evidence(events, claims, key, store)
    labels = [
        row.children[0].value
        for row in weigh.children
        if hasattr(row, "children") and row.children and "Bears on" in str(row.children[0].value)
    ]
    kosovo = next(label for label in labels if "Kosovo" in label)
    assert "<b>24 Mar 1999 – 10 Jun 1999</b>" in kosovo
    starts = [pd.Timestamp(re.search(r"<b>(\d* ?\w* ?\d{4})", label).group(1)) for label in labels]
    assert starts == sorted(starts)


def test_each_widget_shows_what_was_looked_at_before_and_after_a_step():
    """Labels, ranges, steps, values, panels and figures of the four widgets, as `make golden` last wrote them."""
    from widget_snapshot import GOLDEN, snapshot, text

    assert text(snapshot()) == GOLDEN.read_text(encoding="utf-8"), "a widget changed: look at it, then `make golden`"
