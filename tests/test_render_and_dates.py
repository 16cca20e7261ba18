"""The small shared helpers: escaped HTML fragments with their plain twins, dates to their precision, located errors."""

import datetime as dt

import pytest

from helpers.dates import parse_date, precision_of, span_written, written
from helpers.errors import CourseDataError, Location
from helpers.render import Html, callout, clipped, escape, figure_text, reading_list, table, title_lines, wrap


def test_escape_covers_quotes_and_none():
    assert escape('<a href="x">Putin’s & Erdogan\'s</a>') == "&lt;a href=&quot;x&quot;&gt;Putin’s &amp; Erdogan&#x27;s&lt;/a&gt;"
    assert escape(None) == "" and escape(3) == "3"


def test_a_table_is_escaped_with_its_caption_and_a_plain_twin():
    shown = table(("Date", "Event"), [("24 Nov 2015", "<Su-24> shot down"), ("28 Nov 2015", "Sanctions")], caption="Two & more")
    assert isinstance(shown, Html) and repr(shown) == shown.plain and shown._repr_html_() == shown.html
    assert shown.html.startswith('<table class="course-table"><caption style="text-align:left">Two &amp; more</caption>')
    assert shown.html.count("<tr>") == 3 and "&lt;Su-24&gt; shot down" in shown.html
    assert '<td style="text-align:left;vertical-align:top;white-space:nowrap">24 Nov 2015</td>' in shown.html  # dates never break
    assert shown.plain == "Two & more\nDate | Event\n24 Nov 2015 | <Su-24> shot down\n28 Nov 2015 | Sanctions"
    assert table(("A",), [("1",)]).plain == "A\n1"


def test_a_callout_lists_each_source_once_with_its_link():
    box = callout(
        "fact-check",
        "Su-34 or Su-24?",
        "The aircraft was a Su-24M.",
        [("Reuters", "https://r.example/1"), ("Reuters again", "https://r.example/1"), ("BBC", "https://b.example/2")],
        note="Known at the time.",
    )
    assert box.html.count("<li>") == 2 and box.html.count('href="https://r.example/1"') == 1
    assert 'class="course-callout course-fact-check"' in box.html and "<strong>Su-34 or Su-24?</strong>" in box.html
    assert "<p><em>Known at the time.</em></p>" in box.html and box.html.endswith("</ul></div>")
    assert (
        box.plain
        == "Su-34 or Su-24?\nThe aircraft was a Su-24M.\nKnown at the time.\n- Reuters <https://r.example/1>\n- BBC <https://b.example/2>"
    )
    bare = callout("note", "Title", "Body")
    assert "<ul>" not in bare.html and "<em>" not in bare.html and bare.plain == "Title\nBody"


def test_a_reading_list_links_every_work():
    shown = reading_list("Further reading", [("Waltz (1979)", "https://w.example"), ("Fearon & Co", "https://f.example")])
    assert shown.html == (
        '<div class="course-reading"><strong>Further reading</strong><ul>'
        '<li><a href="https://w.example" target="_blank" rel="noopener">Waltz (1979)</a></li>'
        '<li><a href="https://f.example" target="_blank" rel="noopener">Fearon &amp; Co</a></li></ul></div>'
    )
    assert shown.plain == "Further reading\n- Waltz (1979) <https://w.example>\n- Fearon & Co <https://f.example>"


def test_wrap_breaks_at_spaces_near_the_width():
    assert wrap("one two three four", width=9) == ["one two", "three", "four"]
    assert wrap("a" * 20, width=5) == ["a" * 20]
    assert wrap("", width=5) == [""]
    assert all(len(line) <= 48 for line in wrap("The public rallies behind the president and turns against Turkey in the weeks after."))


def test_a_long_title_is_clipped_at_a_word_and_says_so():
    title = "QA-24, 7 October 2015, Statement of the Spokesperson of the Ministry of Foreign Affairs, Tanju Bilgiç"
    assert clipped(title) == "QA-24, 7 October 2015, Statement of the Spokesperson of the Ministry of Foreign Affairs…"
    assert clipped("Short title") == "Short title" and clipped("x" * 90) == "x" * 90  # up to the width, untouched
    assert clipped("x" * 91) == "x" * 89 + "…"  # no space to cut at: cut inside the word
    assert all(len(clipped(title, width)) <= width for width in range(5, 100))
    assert clipped("a " + "b" * 20, 10) == "a…"  # a word of one letter is still a word to cut after
    assert clipped(" " + "x" * 100, 10) == " " + "x" * 8 + "…"  # a leading space is no place to cut
    assert clipped("AX, and more words", 8) == "AX…"  # punctuation before the cut goes, letters stay


@pytest.mark.parametrize(("text", "accepted"), [("1900", True), ("2100", True), ("1899", False), ("2101", False)])
def test_a_year_must_be_between_1900_and_2100(text, accepted):
    where = Location("events.csv", row=2, field="date")
    if accepted:
        assert parse_date(text, "year", where).year == int(text)
    else:
        with pytest.raises(CourseDataError, match="the year is outside 1900-2100; check it for a typo"):
            parse_date(text, "year", where)


def test_a_tooltip_title_is_wrapped_like_its_text_and_each_line_bold_and_escaped():
    title = "A < B and a title long enough to need a second line of text"
    assert figure_text(*title_lines(title)) == "<b>A &lt; B and a title long enough to need a second</b><br><b>line of text</b>"
    assert figure_text(*title_lines("Short")) == "<b>Short</b>"


@pytest.mark.parametrize(
    "text, precision", [("2015-11-24", "day"), ("2015-11", "month"), ("2015", "year"), ("24/11/2015", "day"), ("", "day")]
)
def test_the_precision_is_read_from_how_a_date_is_written(text, precision):
    assert precision_of(text) == precision


def test_dates_parse_to_the_first_day_of_their_period_and_bad_ones_are_located():
    where = Location("events.csv", row=7, field="date")
    assert parse_date("2015-11-24", "day", where) == dt.date(2015, 11, 24)
    assert parse_date("2015-11", "month", where) == dt.date(2015, 11, 1)
    assert parse_date("1971", "year", where) == dt.date(1971, 1, 1)
    with pytest.raises(CourseDataError) as caught:
        parse_date("2015-11", "day", where)
    assert str(caught.value) == "events.csv: row 7, field 'date': '2015-11' is not a day-precision date (Y-m-d)"
    with pytest.raises(CourseDataError) as caught:
        parse_date("2015-02-30", "day", where)
    assert (caught.value.location, caught.value.file, caught.value.field, caught.value.problem) == (
        where,
        "events.csv",
        "date",
        "'2015-02-30' is not a real date",
    )


def test_dates_and_spans_are_written_to_their_precision():
    day, end = dt.date(1994, 12, 11), dt.date(1996, 8, 1)
    assert written(day) == "11 Dec 1994" and written(day, "month") == "Dec 1994" and written(day, "year") == "1994"
    assert span_written(day, "day", end, "month") == "11 Dec 1994 – Aug 1996"
    assert span_written(day, "year", end, "year") == "1994 – 1996"
    assert span_written(day, "day") == "11 Dec 1994" and span_written(day, "day", float("nan"), "day") == "11 Dec 1994"


def test_an_error_names_its_file_row_and_field():
    error = CourseDataError(Location("data/events.csv", row=3, field="date"), "is required")
    assert (error.file, error.location.row, error.field, error.problem) == ("data/events.csv", 3, "date", "is required")
    assert str(error) == "data/events.csv: row 3, field 'date': is required" and isinstance(error, ValueError)


def test_an_empty_fragment_is_false_so_that_optional_parts_can_be_left_out():
    from helpers.render import save_status

    assert not Html() and not save_status("") and not Html("", "a plain twin alone shows nothing")
    assert Html("<p>x</p>") and save_status("Not saved: the disk is full.")
    assert (Html() + Html("<b>x</b>", "x")).plain == "x"
