"""Sentence coding: the codebook and the key load and validate, and agreement matches reference values."""

import html
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.coding import (
    agreement_words,
    cohen_kappa,
    confusion,
    distance,
    krippendorff_alpha,
    load_codebook,
    load_coding_key,
    worst_disagreements,
)
from helpers.course import course_coding
from helpers.errors import CourseDataError
from helpers.essay import load_essay


def test_the_codebook_has_the_five_codes_each_defined_with_a_rule_an_example_and_its_own_key():
    codebook = load_codebook()
    assert list(codebook) == ["realist", "domestic", "both", "evidence", "framing"]
    assert sorted(c.shortcut for c in codebook.values()) == ["1", "2", "3", "4", "5"]
    essay = load_essay()
    body = " ".join(p.text for p in essay.paragraphs)
    for code in codebook.values():
        assert code.definition and code.code_when and code.example.startswith("(Constructed, about another case.)")
        assert code.example.split(") ", 1)[1] not in body, "examples come from another text, never this essay"


def test_the_key_gives_every_sentence_exactly_one_code():
    codebook, key = course_coding()
    assert list(key) == [s.id for s in load_essay().sentences]
    assert all(k.code in codebook and k.rationale for k in key.values())
    assert key["p15.s2"].code == "framing" and key["p03.s1"].code == "both"  # the signpost and the thesis
    assert {k.code for k in key.values()} == set(codebook), "the key uses every code"


@pytest.mark.parametrize(
    "change, field, needle",
    [
        (lambda rows: rows[3].update(code="liberal"), "code", "'liberal' is not a code"),
        (lambda rows: rows[3].update(sentence_id="p04.s9"), "sentence_id", "no sentence of the essay has id 'p04.s9'"),
        (lambda rows: rows[3].update(sentence_id="p4-2"), "sentence_id", "does not match"),
        (lambda rows: rows[3].update(rationale=""), "rationale", "is required"),
    ],
)
def test_a_bad_key_row_is_located(data_copy, change, field, needle):
    path = data_copy("coding_key.csv", change)
    with pytest.raises(CourseDataError) as caught:
        load_coding_key(path)
    assert (caught.value.location.row, caught.value.field) == (5, field) and needle in caught.value.problem


def test_a_sentence_missing_from_the_key_is_named(data_copy):
    path = data_copy("coding_key.csv", lambda rows: [r for r in rows if r["sentence_id"] != "p17.s3"])
    with pytest.raises(CourseDataError, match="no code for p17.s3") as caught:
        load_coding_key(path)
    assert caught.value.location.whole_file and caught.value.field == "sentence_id"


def test_a_repeated_shortcut_in_the_codebook_is_located(data_copy):
    path = data_copy("codebook.csv", lambda rows: rows[1].update(shortcut="1"))
    with pytest.raises(CourseDataError) as caught:
        load_codebook(path)
    assert (caught.value.location.row, caught.value.field) == (3, "shortcut")


def test_cohens_kappa_matches_the_worked_example():
    # 50 items coded yes/no by two coders: 20 both yes, 15 both no, 5 yes-no, 10 no-yes.
    # Observed agreement 0.70, chance agreement 0.5 x 0.6 + 0.5 x 0.4 = 0.50, so kappa = (0.70 - 0.50) / 0.50 = 0.40.
    pairs = [("y", "y")] * 20 + [("n", "n")] * 15 + [("y", "n")] * 5 + [("n", "y")] * 10
    first = {f"s{i}": a for i, (a, _) in enumerate(pairs)}
    second = {f"s{i}": b for i, (_, b) in enumerate(pairs)}
    assert cohen_kappa(first, second) == pytest.approx(0.40)
    assert cohen_kappa(first, first) == 1.0 and cohen_kappa({"a": "x"}, {"a": "x"}) == 1.0
    assert cohen_kappa(first, {}) is None


@settings(deadline=None)  # the first example imports scikit-learn
@given(st.lists(st.tuples(st.sampled_from("abcde"), st.sampled_from("abcde")), min_size=1, max_size=60))
def test_cohens_kappa_agrees_with_scikit_learn(pairs):
    from sklearn.metrics import cohen_kappa_score

    first = {f"s{i}": a for i, (a, _) in enumerate(pairs)}
    second = {f"s{i}": b for i, (_, b) in enumerate(pairs)}
    ours = cohen_kappa(first, second)
    if len({code for pair in pairs for code in pair}) == 1:
        assert ours == 1.0  # scikit-learn's is undefined (nan) when both coders used one code throughout
    else:
        assert ours == pytest.approx(cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs]), abs=1e-12)


def test_krippendorffs_alpha_matches_krippendorffs_own_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": four observers, twelve units,
    # missing data; the nominal alpha is 0.743.
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    codings = [{f"u{u:02}": str(v) for u, v in enumerate(row) if v is not None} for row in rows]
    assert krippendorff_alpha(codings, ["1", "2", "3", "4", "5"]) == pytest.approx(0.743, abs=0.0005)
    assert krippendorff_alpha(codings[:1], ["1", "2", "3", "4", "5"]) is None, "one coder: nothing to agree on"


def test_a_student_who_codes_like_the_key_agrees_perfectly_and_one_who_swaps_readings_does_not():
    codebook, key = course_coding()
    same = {s: k.code for s, k in key.items()}
    assert cohen_kappa(same, same) == 1.0 and krippendorff_alpha([same, same], list(codebook)) == 1.0
    swapped = {s: {"realist": "domestic", "domestic": "realist"}.get(c, c) for s, c in same.items()}
    kappa, alpha = cohen_kappa(swapped, same), krippendorff_alpha([swapped, same], list(codebook))
    assert 0 < kappa < 0.8 and 0 < alpha < 0.8 and not math.isclose(kappa, alpha)


def test_confusion_counts_every_pair_and_the_worst_disagreements_are_opposite_readings_first():
    codebook, key = course_coding()
    coding = {"p03.s1": "both", "p04.s3": "evidence", "p17.s1": "realist", "p21.s2": "evidence", "p06.s1": "domestic"}
    table = confusion(coding, key, list(codebook))
    assert len(table) == 25 and sum(table.values()) == 5
    assert table[("both", "both")] == 1 and table[("realist", "domestic")] == 1 and table[("domestic", "realist")] == 1
    assert worst_disagreements(coding, key) == ["p06.s1", "p17.s1", "p04.s3"]
    assert distance("realist", "domestic") == 3 and distance("realist", "evidence") == 2
    assert distance("both", "evidence") == 1 and distance("evidence", "framing") == 1 and distance("both", "realist") == 1


@pytest.mark.parametrize(
    "value, words",
    [(None, "not measured"), (0.85, "strong"), (0.7, "moderate"), (0.5, "some agreement"), (0.1, "little"), (-0.2, "no agreement")],
)
def test_agreement_is_put_in_words(value, words):
    assert words in agreement_words(value)


def test_codings_are_saved_with_the_other_answers_and_bad_ones_are_refused(tmp_path):
    from helpers.answers import AnswerStore

    store = AnswerStore("cy", tmp_path)
    assert store.set("coding", "p04.s2", "evidence") and store.set("coding", "p17.s1", "domestic")
    assert AnswerStore("cy", tmp_path).answers["coding"] == {"p04.s2": "evidence", "p17.s1": "domestic"}
    for sentence, code, needle in [
        ("p04.s2", "liberal", "expected one of"),
        ("p04.s9", "realist", "no sentence"),
        ("4.2", "realist", "sentence id"),
    ]:
        with pytest.raises(CourseDataError, match=needle) as caught:
            store.set("coding", sentence, code)
        assert caught.value.location.key == f"answers.coding.{sentence}" and caught.value.field is None
    assert AnswerStore("cy", tmp_path).answers["coding"] == {"p04.s2": "evidence", "p17.s1": "domestic"}, "nothing lost"


def test_a_corrupted_coding_in_the_file_is_dropped_with_a_note_and_the_rest_kept(tmp_path):
    import json

    from helpers.answers import FORMAT, VERSION, AnswerStore

    document = {
        "format": FORMAT,
        "version": VERSION,
        "answers": {"coding": {"p04.s2": "evidence", "p05.s1": "nonsense", "p99.s1": "realist"}},
    }
    (tmp_path / "cy.json").write_text(json.dumps(document), encoding="utf-8")
    store = AnswerStore("cy", tmp_path)
    assert store.answers["coding"] == {"p04.s2": "evidence"}
    assert "coding.p05.s1" in store.message and "coding.p99.s1" in store.message and "was kept as" in store.message


def test_the_bench_codes_by_click_and_by_key_moves_back_and_forth_and_keeps_notes(tmp_path):
    from helpers.answers import AnswerStore
    from helpers.widgets import coding_bench

    essay = load_essay()
    store = AnswerStore("coder", tmp_path)
    bench = coding_bench(essay, store)
    assert bench.summary().startswith("0 of 44 coded; at p01.s1")
    bench.buttons.value = "evidence"  # a click codes the sentence and moves on
    bench.keyboard.value = "5"  # so does its key
    assert bench.summary().startswith("2 of 44 coded; at p02.s1") and bench.keyboard.value == ""
    bench.keyboard.value = "p"
    assert bench.sentence.id == "p01.s2" and bench.buttons.value == "framing"
    bench.note.value = "A forecast, not an argument."
    bench.previous.click()
    assert bench.sentence.id == "p01.s1" and bench.note.value == ""
    bench.next_uncoded.click()
    assert bench.sentence.id == "p02.s1"
    assert "coding-sentence" in bench.paragraph.value and "The Turkish decision" in bench.paragraph.value.split("<mark")[1]
    again = coding_bench(essay, AnswerStore("coder", tmp_path))  # a restarted kernel
    assert again.codes == {"p01.s1": "evidence", "p01.s2": "framing"} and again.sentence.id == "p02.s1"
    assert AnswerStore("coder", tmp_path).get("notes", "p01.s2") == "A forecast, not an argument."
    with pytest.raises(CourseDataError, match="'liberal' is not a code"):
        again.code("liberal")


def test_keys_move_between_sentences_and_others_are_ignored():
    from helpers.widgets import coding_bench

    bench = coding_bench(load_essay())
    for typed, at in [("n", 1), ("N", 2), ("p", 1), ("x", 1), ("", 1), ("P", 0), ("p", 0)]:
        bench.keyboard.value = typed
        assert (bench.index, bench.keyboard.value) == (at, ""), typed
    assert bench.codes == {}, "moving codes nothing"


def test_next_uncoded_goes_forward_and_wraps_round_to_the_start():
    from helpers.widgets import coding_bench

    essay = load_essay()
    bench = coding_bench(essay)
    bench.next_uncoded.click()
    assert bench.index == 1, "the very next sentence, when it is not coded"
    for sentence in essay.sentences[1:]:
        bench.go(essay.sentences.index(sentence))
        bench.code("framing")
    bench.go(1)
    bench.next_uncoded.click()
    assert bench.index == 0, "past the end, round to the first sentence"
    bench.code("framing")
    bench.go(5)
    bench.next_uncoded.click()
    assert bench.index == 5 and bench.complete(), "every sentence coded: it stays where it is"


def test_the_key_appears_only_when_every_sentence_is_coded_with_the_agreement(tmp_path):
    from helpers.widgets import coding_bench

    essay = load_essay()
    codebook, key = course_coding()
    bench = coding_bench(essay)
    for sentence in essay.sentences[:-1]:
        bench.code(key[sentence.id].code)
    assert "key hidden" in bench.summary() and bench.report.value == ""
    assert "<th" in bench.alternative.value and "Instructor" not in bench.alternative.value
    assert [t for t in bench.figure.layout.xaxis.ticktext] == ["You"]
    bench.code("realist")  # the last sentence, against the key's framing
    assert "key shown" in bench.summary() and [html.unescape(t) for t in bench.figure.layout.xaxis.ticktext] == ["You", "Instructor's key"]
    assert "kappa 0.97" in bench.report.value and "p21.s2" in bench.report.value
    assert "Instructor&#x27;s key</th>" in bench.alternative.value
    kinds = {t.name for t in bench.figure.data}
    assert "Not coded yet" not in kinds and {c.label for c in codebook.values()} <= kinds


def test_codes_given_in_a_row_are_drawn_once_and_the_same(monkeypatch):
    from helpers.widgets import CodingBench, coding_bench

    essay = load_essay()
    _, key = course_coding()
    one_by_one, held = coding_bench(essay), coding_bench(essay)
    for sentence in essay.sentences:
        one_by_one.code(key[sentence.id].code)
    draws = []
    original = CodingBench._draw
    monkeypatch.setattr(CodingBench, "_draw", lambda self: draws.append(1) or original(self))
    with held.held():
        for sentence in essay.sentences:
            held.code(key[sentence.id].code)
    assert len(draws) == 1
    assert held.figure.to_json() == one_by_one.figure.to_json() and held.report.value == one_by_one.report.value
    assert held.alternative.value == one_by_one.alternative.value and held.summary() == one_by_one.summary()


def test_the_stripe_colours_each_sentence_by_its_code_and_marks_the_turn():
    from helpers.coding import essay_stripe
    from helpers.vocabulary import CODE_COLOURS, UNCODED_COLOUR

    essay = load_essay()
    codebook, key = course_coding()
    coding = {"p01.s1": "evidence", "p17.s1": "domestic"}
    fig = essay_stripe(essay.sentences, codebook, [("You", coding)], essay.turn_sentence_id)
    colour = {sid: t.marker.color for t in fig.data for sid in t.customdata}
    assert len(colour) == 44 and colour["p01.s1"] == CODE_COLOURS["evidence"] and colour["p17.s1"] == CODE_COLOURS["domestic"]
    assert colour["p02.s1"] == UNCODED_COLOUR
    turn = [s for s in fig.layout.shapes if s.line.dash == "dot"]
    ids = [s.id for s in essay.sentences]
    assert essay.turn_sentence_id == "p15.s2" and len(turn) == 1 and turn[0].y0 == ids.index("p15.s2") - 0.5
    hover = next(h for t in fig.data for sid, h in zip(t.customdata, t.hovertext, strict=True) if sid == "p17.s1")
    assert "You: Domestic-politics argument" in hover and "image of Putin" in hover


def test_the_stripes_legend_keeps_the_codebooks_order_whichever_column_shows_a_code_first():
    from helpers.coding import essay_stripe

    essay = load_essay()
    codebook, key = course_coding()
    fig = essay_stripe(essay.sentences, codebook, [("You", {"p01.s1": "framing"}), ("Key", {s: c.code for s, c in key.items()})])
    shown = sorted((t for t in fig.data if t.showlegend), key=lambda t: t.legendrank)
    assert [t.name for t in shown] == [*(c.label for c in codebook.values()), "Not coded yet"]


def test_the_key_file_loads_uncached_with_every_row_and_errors_name_the_file(data_copy):
    key = load_coding_key()  # the installed file, not the kernel's cached copy
    assert len(key) == 44 and key["p15.s2"].code == "framing" and key["p15.s2"].rationale.startswith("The essay's own signpost")
    path = data_copy("coding_key.csv", lambda rows: rows[:-1])
    with pytest.raises(CourseDataError) as caught:
        load_coding_key(path)
    assert str(caught.value).startswith(f"{path}: field 'sentence_id': no code for p21.s2;")
    path = data_copy("coding_key.csv", lambda rows: rows[0].update(code="liberal"))
    with pytest.raises(CourseDataError) as caught:
        load_coding_key(path)
    assert caught.value.file == str(path) and "(realist, domestic, both, evidence, framing)" in caught.value.problem
    path = data_copy("coding_key.csv", lambda rows: rows[0].update(sentence_id="p01.s9"))
    with pytest.raises(CourseDataError) as caught:
        load_coding_key(path)
    assert caught.value.file == str(path)


@pytest.mark.parametrize(
    "value, opening",
    [
        (0.8, "strong agreement"),
        (0.79, "moderate agreement"),
        (0.667, "moderate agreement"),
        (0.66, "some agreement"),
        (0.4, "some agreement"),
        (0.39, "little agreement"),
        (0.01, "little agreement"),
        (0.0, "no agreement"),
        (None, "not measured yet"),
    ],
)
def test_agreement_words_change_exactly_at_the_thresholds(value, opening):
    assert agreement_words(value).startswith(opening)


def test_one_code_throughout_is_perfect_agreement_and_repeated_pairs_are_counted():
    codebook, key = course_coding()
    assert krippendorff_alpha([{"a": "realist", "b": "realist"}, {"a": "realist", "b": "realist"}], list(codebook)) == 1.0
    coding = {"p09.s2": "domestic", "p04.s4": "domestic", "p01.s1": "realist"}
    assert confusion(coding, key, list(codebook))[("domestic", "realist")] == 2
    assert worst_disagreements(coding, key) == ["p04.s4", "p09.s2", "p01.s1"]  # opposite readings before a fact read as an argument
    assert worst_disagreements({"p01.s1": "realist", "p09.s2": "domestic"}, key, count=1) == ["p09.s2"]
    assert distance("framing", "framing") == 0 and distance("both", "both") == 0


def test_the_codebook_and_the_stripe_have_text_alternatives():
    from helpers.coding import codebook_table, stripe_table

    codebook, key = course_coding()
    shown = codebook_table(codebook)
    assert shown.plain.startswith("The codebook: 5 codes\nKey | Code | Definition | Code it when | Example\n1 | Realist argument | ")
    sentences = load_essay().sentences
    alternative = stripe_table(sentences, codebook, [("You", {"p01.s1": "evidence"}), ("Key", {s: k.code for s, k in key.items()})])
    lines = alternative.plain.splitlines()
    assert lines[:2] == ["44 sentences", "Sentence | Text | You | Key"] and len(lines) == 46
    assert lines[2].startswith("p01.s1 | The shooting down") and lines[2].endswith(
        "| Factual claim used as evidence | Factual claim used as evidence"
    )
    assert lines[3].endswith("| – | Framing or rhetoric") and alternative.html.startswith("<details><summary>Text alternative:")
