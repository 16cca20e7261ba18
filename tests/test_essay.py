"""The essay reader: structure, stable ids, furniture, errors and escaping."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.errors import CourseDataError
from helpers.essay import TURN_MARKER, load_essay, parse_essay

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "karagiannis-2015-what-putin-is-really-after.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "000_9f9f209516c0a80a.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def essay():
    return load_essay()


def test_seed_is_the_instructors_text_byte_for_byte():
    if not SHARED_SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_headline_and_standfirst(essay):
    assert essay.headline == "What Putin is really after"
    assert essay.standfirst.startswith("Moscow’s intervention in Syria is driven by realism")


def test_sections_and_the_domestic_turn(essay):
    assert [s.title for s in essay.sections] == ["", "The puzzle of Russian involvement", "Competing visions"]
    assert [p.slug for p in essay.parts] == [
        "opening",
        "the-puzzle-of-russian-involvement",
        "competing-visions",
        "domestic-politics",
    ]
    turn = essay.paragraph(essay.turn.paragraph_id)
    assert turn.text[essay.turn.offset :].startswith(TURN_MARKER)
    assert essay.part("competing-visions").paragraph_ids == ("p13", "p14")
    assert essay.part("domestic-politics").paragraph_ids[0] == essay.turn.paragraph_id == "p15"


def test_parts_cover_every_body_paragraph_once(essay):
    ids = [pid for part in essay.parts for pid in part.paragraph_ids]
    assert ids == list(essay.paragraph_ids) == [f"p{n:02d}" for n in range(1, 22)]


@pytest.mark.parametrize(
    "pid, opening",
    [
        ("p01", "The shooting down of the Russian bomber"),
        ("p04", "To start with the large picture"),
        ("p06", "Russian foreign policy is back to the Cold War days, when"),
        ("p07", "During the 1990s"),
        ("p16", "The bloodless takeover of Crimea"),
        ("p21", "History shows"),
    ],
)
def test_paragraph_ids_are_pinned_to_their_text(essay, pid, opening):
    assert essay.paragraph(pid).text.startswith(opening)


def test_furniture_is_never_body_text(essay):
    kinds = [f.kind for f in essay.furniture]
    assert kinds.count("caption") == 4
    assert kinds.count("teaser") == 2
    assert kinds.count("pull quote") == 1
    assert kinds.count("link question") == 1
    assert kinds.count("bio") == 1 and kinds.count("disclaimer") == 1
    duplicated = [f for f in essay.furniture if f.kind == "caption" and f.repeats]
    assert len(duplicated) == 1 and "G20" in duplicated[0].text
    pull = next(f for f in essay.furniture if f.kind == "pull quote")
    assert pull.repeats == "p06"
    body = {p.text for p in essay.paragraphs}
    for item in essay.furniture:
        assert item.text not in body
    joined = " ".join(body)
    for marker in ("[AP]", "[REUTERS]", "Also read", "senior lecturer", "editorial policy"):
        assert marker not in joined


def test_ids_survive_reparsing_and_removing_furniture(essay):
    again = parse_essay(SEED_TEXT)
    assert [(p.id, p.text) for p in again.paragraphs] == [(p.id, p.text) for p in essay.paragraphs]
    furniture_lines = {f.line for f in essay.furniture if f.kind in ("caption", "teaser", "pull quote", "link question")}
    stripped = "\n".join(line for n, line in enumerate(SEED_TEXT.split("\n"), 1) if n not in furniture_lines)
    assert [(p.id, p.text) for p in parse_essay(stripped).paragraphs] == [(p.id, p.text) for p in essay.paragraphs]


def test_unknown_paragraph_id_names_the_file_and_id(essay):
    with pytest.raises(CourseDataError) as caught:
        essay.paragraph("p99")
    assert "p99" in str(caught.value) and SEED.name in str(caught.value)


def test_quote_escapes_html_and_attributes_the_author(essay):
    html = essay.quote("p18")._repr_html_()
    assert "“accomplices of terrorists”" in html
    assert "Emmanuel Karagiannis" in html and "Al Jazeera" in html
    hostile = parse_essay("Head\n\nStand first.\n\nA <script>alert(1)</script> & more.\n")
    rendered = hostile.quote("p01")._repr_html_()
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered and "&amp; more" in rendered


def test_the_masthead_opens_as_the_page_does_with_the_attribution(essay):
    shown = essay.masthead()
    citation = "Emmanuel Karagiannis, “What Putin is really after”, Al Jazeera, 1 December 2015"
    assert shown.plain == f"{essay.headline}\n{essay.standfirst}\n— {citation}"
    assert shown.html == (
        f'<div class="essay-masthead"><h3>{essay.headline}</h3><p><em>{essay.standfirst}</em></p><p>— {citation}</p></div>'
    )
    hostile = parse_essay("A <b>head</b>\n\nStand & first.\n\nBody.\n").masthead().html
    assert "<h3>A &lt;b&gt;head&lt;/b&gt;</h3>" in hostile and "<em>Stand &amp; first.</em>" in hostile


def test_a_part_is_quoted_whole_in_order(essay):
    for part in essay.parts:
        quoted = essay.quote_part(part.slug)
        assert quoted.plain == essay.quote(*part.paragraph_ids).plain
        assert [line[1:4] for line in quoted.plain.split("\n") if line.startswith("[p")] == list(part.paragraph_ids)
    with pytest.raises(CourseDataError) as raised:
        essay.quote_part("no-such-part")
    assert str(raised.value) == (
        f"{essay.source}: no part 'no-such-part'; the parts are opening, the-puzzle-of-russian-involvement, competing-visions, domestic-politics"
    )


def test_an_unknown_sentence_is_a_located_error(essay):
    assert essay.sentence("p01.s1").paragraph_id == "p01"
    with pytest.raises(CourseDataError) as raised:
        essay.sentence("p01.s99")
    assert str(raised.value) == f"{essay.source}: no sentence of the essay has id 'p01.s99'"


def test_the_outline_opens_each_paragraph_with_eight_words_marking_a_cut():
    text = "Head\n\nStand first.\n\n  A Heading, With -- Punctuation  \n\nOne two three four five six seven eight.\n\nOne two three four five six seven eight nine.\n"
    short = parse_essay(text)
    assert [p.slug for p in short.parts] == ["a-heading-with-punctuation"]
    rows = short.outline().plain.split("\n")
    assert rows[1:] == [
        "Part | Paragraph | Opens with",
        "A Heading, With -- Punctuation | p01 | One two three four five six seven eight.",
        "A Heading, With -- Punctuation | p02 | One two three four five six seven eight …",
    ]


def test_the_furniture_table_lists_what_was_set_aside_with_its_line_and_kind(essay):
    rows = essay.furniture_table().plain.split("\n")
    assert rows[:2] == ["Set aside: not body text", "Line | Kind | Text | Repeats"]
    assert len(rows) == 2 + len(essay.furniture)
    for row, item in zip(rows[2:], essay.furniture, strict=True):
        line, kind, text, repeats = row.split(" | ")
        assert (int(line), kind, repeats) == (item.line, item.kind, item.repeats or "")
        words = item.text.split()
        assert text == " ".join(words[:10]) + (" …" if len(words) > 10 else ""), "the first ten words, marked when cut"
    assert "5 | caption | Russian President Vladimir Putin [AP] | " in rows


def test_outline_lists_every_paragraph(essay):
    outline = essay.outline()
    assert all(f">{pid}<" in outline._repr_html_() for pid in essay.paragraph_ids)
    assert len(repr(outline).splitlines()) == 2 + len(essay.paragraphs)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "line 1: expected a headline, a standfirst and at least one paragraph"),
        ("Only a headline\n", "line 1: expected a headline, a standfirst and at least one paragraph"),
        ("\n\nHead\n\nStand.\n", "line 5: expected a headline, a standfirst and at least one paragraph"),
        ("Head\n\nStand.\n\nBody \x00 text.\n", "line 5: control character '\\x00'"),
        ("Head\n\nStand.\n\nA section\n\nAnother section\n\nBody.\n", "line 7: section 'A section' has no paragraphs"),
        ("Head\n\nStand.\n\nBody.\n\nTrailing heading\n", "line 7: section 'Trailing heading' has no body paragraphs"),
        ("Head\n\nStand.\n\nBody.\n\nThe views expressed in this article are mine.\n\nMore body.\n", "line 9: text after the disclaimer"),
        ("Head\n\nStand.\n\nA\n\nBody.\n\nA\n\nMore.\n", "line 9: section 'A' appears twice"),
        ("\nHead\n\nAlso read: more\n\nBody.\n", "line 4, field 'standfirst': missing"),
    ],
)
def test_malformed_seeds_raise_a_located_error(text, message):
    with pytest.raises(CourseDataError) as caught:
        parse_essay(text, source="bad.txt")
    assert str(caught.value) == f"bad.txt: {message}"


def test_course_outline_check_rejects_a_seed_without_the_turn():
    from helpers.essay import check_course_outline

    broken = parse_essay(SEED_TEXT.replace(TURN_MARKER, "And this is where it gets interesting"), source="seed.txt")
    with pytest.raises(CourseDataError, match="turn"):
        check_course_outline(broken)


def _check_parse(text):
    try:
        essay = parse_essay(text, source="fuzz.txt")
    except CourseDataError as error:
        assert str(error).startswith("fuzz.txt: line ")
        return
    assert essay.paragraphs, "a parsed essay has body paragraphs"
    assert [p.id for p in essay.paragraphs] == [f"p{n:02d}" for n in range(1, len(essay.paragraphs) + 1)]
    for paragraph in essay.paragraphs:
        assert paragraph.text in text
        assert "<" not in re.sub(r"<[^>]*>", "", essay.quote(paragraph.id)._repr_html_())


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_the_documented_error(text):
    _check_parse(text)


_LINES = st.lists(
    st.one_of(
        st.sampled_from(SEED_TEXT.split("\n")),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_shuffled_seed_lines_parse_or_raise_the_documented_error(lines):
    _check_parse("\n".join(lines))


def _seed_in(tmp_path, monkeypatch, text_bytes, metadata):
    """Point `load_essay` at a seed and metadata written in tmp_path; return the seed's path."""
    import json

    from helpers import essay as essay_module

    (tmp_path / "seed.txt").write_bytes(text_bytes)
    (tmp_path / "seed.json").write_text(json.dumps(metadata), encoding="utf-8")
    monkeypatch.setattr(essay_module, "_seed_file", lambda suffix: tmp_path / f"seed{suffix}")
    return tmp_path / "seed.txt"


def test_a_seed_that_is_not_utf8_names_its_line_and_byte(tmp_path, monkeypatch):
    data = SEED_TEXT.encode("utf-8")
    third_line = data.index(b"\n", data.index(b"\n") + 1) + 1
    bad = data[: third_line + 3] + b"\xff" + data[third_line + 3 :]
    seed = _seed_in(tmp_path, monkeypatch, bad, {"title": "What Putin is really after"})
    with pytest.raises(CourseDataError) as raised:
        load_essay()
    assert str(raised.value) == f"{seed}: line 3: not UTF-8 (byte {third_line + 3})"


def test_a_seed_whose_headline_differs_from_its_metadata_is_located_at_line_1(tmp_path, monkeypatch):
    seed = _seed_in(tmp_path, monkeypatch, SEED_TEXT.encode("utf-8"), {"title": "Another title"})
    with pytest.raises(CourseDataError) as raised:
        load_essay()
    assert str(raised.value) == f"{seed}: line 1, field 'headline': 'What Putin is really after' differs from the metadata title"


def test_the_essay_from_a_seed_keeps_its_path_and_metadata(tmp_path, monkeypatch):
    metadata = {"title": "What Putin is really after", "author": "A. Author", "outlet": "Outlet", "published": "2015-12-01"}
    seed = _seed_in(tmp_path, monkeypatch, SEED_TEXT.replace("\n", "\r\n").encode("utf-8"), metadata)
    loaded = load_essay()
    assert loaded.source == str(seed) and loaded.metadata == metadata
    assert [(p.id, p.text, p.line) for p in loaded.paragraphs] == [(p.id, p.text, p.line) for p in parse_essay(SEED_TEXT).paragraphs]
    assert loaded.citation() == "A. Author, “What Putin is really after”, Outlet, 2015-12-01"
    windows = parse_essay(SEED_TEXT.replace("\n", "\r\n"))
    assert [(p.id, p.text, p.line) for p in windows.paragraphs] == [(p.id, p.text, p.line) for p in parse_essay(SEED_TEXT).paragraphs]


def test_a_citation_leaves_out_what_the_metadata_does_not_give():
    bare = parse_essay("Head\n\nStand.\n\nBody.\n")
    assert bare.citation() == ", “Head”, , "
    assert parse_essay("Head\n\nStand.\n\nBody.\n", metadata={"published_display": "1 Dec"}).citation() == ", “Head”, , 1 Dec"


def test_text_that_is_not_a_string_is_a_located_error():
    with pytest.raises(CourseDataError) as raised:
        parse_essay(b"Head\n\nStand.\n\nBody.\n")
    assert str(raised.value) == "the essay text: expected text, got bytes"
    with pytest.raises(CourseDataError) as raised:
        parse_essay(None, source="given.txt")
    assert str(raised.value) == "given.txt: expected text, got NoneType"


def test_the_course_outline_check_names_the_sections_it_expected_and_found():
    from helpers.essay import check_course_outline

    short = parse_essay("Head\n\nStand.\n\nBody.\n", source="short.txt")
    with pytest.raises(CourseDataError) as raised:
        check_course_outline(short)
    assert str(raised.value) == (
        "short.txt: expected the sections (None, 'The puzzle of Russian involvement', 'Competing visions'), found (None,)"
    )
    broken = parse_essay(SEED_TEXT.replace(TURN_MARKER, "And this is where it gets interesting"), source="seed.txt")
    with pytest.raises(CourseDataError) as raised:
        check_course_outline(broken)
    assert str(raised.value) == f"seed.txt: the turn, the sentence {TURN_MARKER!r}, is missing"


@pytest.mark.parametrize(
    "line, heading",
    [
        ("Eight Words Make A Heading Of Short Length", True),
        ("Nine Words Make A Paragraph Of Quite Short Length", False),
        ("A" + "b" * 79, True),  # 80 characters
        ("A" + "b" * 80, False),
        ("lower case opening", False),
        ("Ends with a full stop.", False),
    ],
)
def test_a_heading_is_short_capitalised_and_unpunctuated(line, heading):
    parsed = parse_essay(f"Head\n\nStand.\n\nBody.\n\n{line}\n\nMore body.\n")
    assert [s.title for s in parsed.sections] == (["", line] if heading else [""])


@pytest.mark.parametrize(
    "line, question",
    [
        ("Why " + "x" * 115 + "?", True),  # 120 characters
        ("Why " + "x" * 116 + "?", False),
        ("Is this a link? Or a question?", False),
        ("Is this a link to another article?", True),
        ("Is this a link. ?", False),
    ],
)
def test_a_link_question_is_one_short_question(line, question):
    parsed = parse_essay(f"Head\n\nStand.\n\nBody.\n\n{line}\n")
    kinds = [f.kind for f in parsed.furniture]
    assert (kinds == ["link question"]) is question
    assert (line in [p.text for p in parsed.paragraphs]) is not question


def test_a_pull_quote_matches_its_paragraph_whatever_its_case_and_punctuation():
    parsed = parse_essay("Head\n\nStand.\n\nThe body -- says “this”.\n\nTHE BODY SAYS 'THIS'\n")
    assert [(f.kind, f.repeats) for f in parsed.furniture] == [("pull quote", "p01")]
    distinct = parse_essay("Head\n\nStand.\n\nThe body says this.\n\nThe body says that.\n")
    assert distinct.furniture == () and len(distinct.paragraphs) == 2


def test_captions_teasers_and_a_bio_before_the_disclaimer_are_set_aside_with_their_lines():
    text = (
        "Head\n\nStand.\n\nA photo [AP]\n\nBody.\n\nAlso read: another piece\n\nA photo [AP]\n\nMore body.\n\n"
        "Jane Doe is a lecturer at a university.\n\nThe views expressed in this article are the author's own.\n"
    )
    parsed = parse_essay(text)
    assert [(f.kind, f.line, f.repeats) for f in parsed.furniture] == [
        ("caption", 5, ""),
        ("teaser", 9, ""),
        ("caption", 11, "line 5"),
        ("bio", 15, ""),
        ("disclaimer", 17, ""),
    ]
    mid = parse_essay("Head\n\nStand.\n\nJane Doe is a lecturer at a university.\n\nBody.\n")
    assert [p.text for p in mid.paragraphs][0].startswith("Jane Doe"), "a bio is only the last block, or the one before the disclaimer"


@pytest.mark.parametrize(
    "text, pieces",
    [
        ("One. Two.  ", ["One. ", "Two.  "]),
        ("One. Two", ["One. ", "Two"]),
        ("", [""]),
        ("   ", ["   "]),
        ("Dr. Who went. Then U.N. Staff left.", ["Dr. Who went. ", "Then U.N. Staff left."]),
    ],
)
def test_split_sentences_gives_back_the_text_piece_by_piece(text, pieces):
    from helpers.essay import split_sentences

    assert split_sentences(text) == pieces


def test_each_paragraph_knows_its_section_and_line_and_the_essay_its_source():
    parsed = parse_essay("Head\n\nStand.\n\nOpening words.\n\nA Section\n\nSection words.\n", source=Path("seed.txt"))
    assert [(p.id, p.section, p.line) for p in parsed.paragraphs] == [("p01", "", 5), ("p02", "A Section", 9)]
    assert parsed.source == "seed.txt" and parse_essay("Head\n\nStand.\n\nBody.\n").source == "the essay text"


@pytest.mark.parametrize(
    "body, paragraph, offset",
    [
        (f"{TURN_MARKER}. Then more.", "p02", 0),
        (f"First. {TURN_MARKER}. Later, {TURN_MARKER} again.", "p02", 7),
    ],
)
def test_the_turn_is_the_first_place_the_marker_appears(body, paragraph, offset):
    parsed = parse_essay(f"Head\n\nStand.\n\nOpening.\n\n{body}\n")
    assert (parsed.turn.paragraph_id, parsed.turn.offset, parsed.turn.sentence) == (paragraph, offset, TURN_MARKER + ".")


def test_an_essay_of_furniture_alone_has_no_body_paragraphs():
    with pytest.raises(CourseDataError) as raised:
        parse_essay("Head\n\nStand.\n\nA photo [AP]\n", source="bad.txt")
    assert str(raised.value) == "bad.txt: line 5: the essay has no body paragraphs"


def test_a_headline_that_is_furniture_is_named_as_the_headline():
    with pytest.raises(CourseDataError) as raised:
        parse_essay("A photo [AP]\n\nStand.\n\nBody.\n", source="bad.txt")
    assert str(raised.value) == "bad.txt: line 1, field 'headline': missing"


def test_a_repeated_caption_points_back_to_its_first_line_only_when_it_repeats():
    parsed = parse_essay("Head\n\nStand.\n\nOne photo [AP]\n\nBody.\n\nAnother photo [AP]\n\nOne photo [AP]\n")
    assert [(f.line, f.repeats) for f in parsed.furniture] == [(5, ""), (9, ""), (11, "line 5")]


def test_a_bio_is_the_last_block_or_the_one_before_the_disclaimer():
    last = parse_essay("Head\n\nStand.\n\nBody.\n\nJane Doe is a lecturer at a university.\n")
    assert [(f.kind, f.line) for f in last.furniture] == [("bio", 7)]


def test_a_heading_with_letters_outside_ascii_gives_a_slug_without_stray_dashes():
    parsed = parse_essay("Head\n\nStand.\n\nÜber den Krieg im Café\n\nBody.\n")
    assert [p.slug for p in parsed.parts] == ["ber-den-krieg-im-caf"]
