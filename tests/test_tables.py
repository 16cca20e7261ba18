"""Reading a CSV file against its schema: every rule, its exact message, and where it points."""

import pytest

from helpers.errors import CourseDataError
from helpers.tables import BARE_QUOTE, read_table, url_problem

HEADER = "code,shortcut,label,definition,code_when,example"
GOOD = "realist,1,Realist argument,A definition.,When to use it.,An example."
BELL = "A \x07bell."
QUOTES = "check the quotes in the row that starts on this line"
SEPARATED = f"the cells are separated by %s, not commas: save the file as CSV with commas (header {HEADER})"


def _written(tmp_path, text):
    """A codebook file holding `text` (a str is written as UTF-8, bytes as they are)."""
    path = tmp_path / "codebook.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _read(tmp_path, text):
    return read_table(_written(tmp_path, text), "codebook")


def _refused(tmp_path, text):
    path = _written(tmp_path, text)
    with pytest.raises(CourseDataError) as caught:
        read_table(path, "codebook")
    return str(caught.value).removeprefix(f"{path}: ")


def test_a_good_file_gives_numbered_rows_trimmed_of_spaces_with_or_without_a_byte_order_mark(tmp_path):
    rows = _read(tmp_path, f"{HEADER}\n{GOOD}\n domestic , 2 ,Domestic,D.,W.,E.\n")
    assert rows[0] == (2, dict(zip(HEADER.split(","), GOOD.split(","), strict=True)))
    assert rows[1][0] == 3 and rows[1][1]["code"] == "domestic" and rows[1][1]["shortcut"] == "2"
    again = _read(tmp_path, "\ufeff" + f"{HEADER}\n{GOOD}\n")
    assert again == rows[:1]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (f"{HEADER.replace('label,', '')}\n", "row 1, field 'label': header must be " + HEADER + " (missing ['label'], unexpected [])"),
        (f"{HEADER},extra\n{GOOD},x\n", "row 1, field 'extra': header must be " + HEADER + " (missing [], unexpected ['extra'])"),
        (f"{HEADER.replace('code,shortcut', 'shortcut,code')}\n", "row 1: header must be " + HEADER + " (missing [], unexpected [])"),
        (f"{HEADER}\n{GOOD}\nonly,two\n", "row 3: expected 6 cells, found 2"),
        (f"{HEADER}\n{GOOD},too-many\n", "row 2: expected 6 cells, found 7"),
        (f"{HEADER}\n", "the file has a header but no rows; it needs at least one"),
        (f"{HEADER}\n{GOOD.replace('Realist argument', '')}\n", "row 2, field 'label': is required"),
        (f"{HEADER}\n{GOOD.replace('Realist argument', 'R' * 41)}\n", "row 2, field 'label': is 41 characters long; the limit is 40"),
        (f"{HEADER}\n{GOOD.replace('realist', 'Realist')}\n", "row 2, field 'code': 'Realist' does not match ^[a-z]+$"),
        (f"{HEADER}\n{GOOD}\n{GOOD.replace('realist', 'other')}\n", "row 3, field 'shortcut': '1' repeats row 2"),
        (f"{HEADER}\n{GOOD.replace('A definition.', BELL)}\n", "row 2, field 'definition': contains a control character"),
        (f'{HEADER}\n"{GOOD}\n', f"line 2: not readable CSV: unexpected end of data; {QUOTES}"),  # a quote opened on line 2 never closes
        (f'{HEADER}\n{GOOD}\n"x"y,1,L,D,W,E\n', f"line 3: not readable CSV: ',' expected after '\"'; {QUOTES}"),
        # a quote opened in the row on line 3 runs on to the end: the row where it opened is named, not the last line
        (f'{HEADER}\n{GOOD}\n"{GOOD}\n{GOOD}\n\n{GOOD}\n', f"line 3: not readable CSV: unexpected end of data; {QUOTES}"),
        # after a blank line and a quoted line break, the line still counts as a text editor counts it
        (f'{HEADER}\n\n"a\nb",1,L,D,W,E\n"x"y,2,L,D,W,E\n', f"line 5: not readable CSV: ',' expected after '\"'; {QUOTES}"),
        # a file cut inside a row and a quote typed into a bare cell: csv reads the quote as text, the loader does not
        (f'{HEADER}\n{GOOD}\n{GOOD.replace("An example.", "An exa")}"unterminated', f"row 3, field 'example': {BARE_QUOTE}"),
        (HEADER + "\n" + GOOD.replace("A definition.", 'A 5" gun') + "\n", f"row 2, field 'definition': {BARE_QUOTE}"),
        (HEADER + "\n" + GOOD.replace("A definition.", ' "spaced"') + "\n", f"row 2, field 'definition': {BARE_QUOTE}"),
        # the same text quoted in the row above does not excuse it: each row is checked against its own lines
        (
            HEADER + "\n" + GOOD.replace("A definition.", '"5"" gun"') + '\ndomestic,2,Domestic,5" gun,W.,E.\n',
            f"row 3, field 'definition': {BARE_QUOTE}",
        ),
        (HEADER.replace(",", ";") + "\n" + GOOD.replace(",", ";") + "\n", f"row 1: {SEPARATED % 'semicolons'}"),
        (HEADER.replace(",", "\t") + "\n" + GOOD.replace(",", "\t") + "\n", f"row 1: {SEPARATED % 'tabs'}"),
        (b"code\xff", "line 1: not UTF-8 (byte 4); save the file as CSV UTF-8"),
        (f"{HEADER}\n".encode() + b"a\n\xe9", "line 3: not UTF-8 (byte 51); save the file as CSV UTF-8"),
    ],
    ids=[  # plain names, so that a single case can be selected (and mutation testing can map it)
        "missing-column",
        "extra-column",
        "columns-swapped",
        "too-few-cells",
        "too-many-cells",
        "header-only",
        "required",
        "too-long",
        "pattern",
        "repeat",
        "control-character",
        "quote-never-closed",
        "stray-quote",
        "quote-runs-to-the-end",
        "line-after-quoted-break",
        "cut-inside-a-row",
        "quote-in-a-bare-cell",
        "space-before-a-quoted-cell",
        "quoted-in-the-row-above",
        "semicolons",
        "tabs",
        "not-utf8",
        "not-utf8-later",
    ],
)
def test_each_rule_is_refused_with_its_place_and_reason(tmp_path, text, problem):
    assert _refused(tmp_path, text) == problem


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_quotes_inside_quoted_cells_are_kept_across_lines_and_line_endings(tmp_path, end):
    quoted = f'domestic,2,Domestic argument,"A ""quoted""{end}word",When.,"5"" gun"'
    rows = _read(tmp_path, f"{HEADER}{end}{GOOD}{end}{quoted}{end}")
    assert (rows[1][0], rows[1][1]["definition"], rows[1][1]["example"]) == (3, f'A "quoted"{end}word', '5" gun')


def test_a_label_at_its_limit_is_kept_and_a_missing_file_is_named(tmp_path):
    rows = _read(tmp_path, f"{HEADER}\n{GOOD.replace('Realist argument', 'R' * 40)}\n")
    assert rows[0][1]["label"] == "R" * 40
    missing = tmp_path / "gone.csv"
    with pytest.raises(CourseDataError) as caught:
        read_table(missing, "codebook")
    assert str(caught.value) == f"{missing}: cannot be read: [Errno 2] No such file or directory: '{missing}'"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.reuters.com/article/x", None),
        ("http://bbc.co.uk/news", None),
        ("ftp://example.org/x", "is not an http(s) address"),
        ("https:///path-only", "is not an http(s) address"),
        ("https://www.reuters.com/a b", "is incomplete or truncated (contains a space or an ellipsis)"),
        ("https://www.reuters.com/article…", "is incomplete or truncated (contains a space or an ellipsis)"),
        ("https://www.reuters.com/article...", "is incomplete or truncated (contains a space or an ellipsis)"),
        ("https://localhost/x", "has a malformed host 'localhost'"),
        ("https://exa_mple.org/x", "has a malformed host 'exa_mple.org'"),
        ("https://example.org./x", "has a malformed host 'example.org.'"),
    ],
)
def test_an_address_must_be_complete_and_well_formed(url, problem):
    assert url_problem(url) == problem


def test_a_blank_line_is_counted_so_later_rows_keep_their_spreadsheet_numbers(tmp_path):
    assert [n for n, _ in _read(tmp_path, f"{HEADER}\n{GOOD}\n\n{GOOD.replace('realist,1,Realist', 'domestic,2,Domestic')}\n")] == [2, 4]
    assert _refused(tmp_path, f"{HEADER}\n{GOOD}\n\n{GOOD}\n") == "row 4, field 'code': 'realist' repeats row 2"


def test_a_value_must_be_unique_within_its_own_column_only(tmp_path):
    assert _read(tmp_path, f"{HEADER}\nframing,5,framing,D.,W.,E.\n")[0][1]["label"] == "framing"  # a label equal to its code


def test_a_value_outside_its_list_is_named_with_the_list(tmp_path):
    path = tmp_path / "event_sources.csv"
    path.write_text("event_id,kind,publisher,title,url,confirms\nx,blog,P,T,https://example.org/a,C.\n", encoding="utf-8")
    with pytest.raises(CourseDataError) as caught:
        read_table(str(path), "event_sources")  # a path given as text, as an instructor types it
    assert str(caught.value) == f"{path}: row 2, field 'kind': 'blog' is not one of primary, wire, press, scholarly, reference, state_media"


def test_a_stray_quote_in_the_header_is_reported_on_line_1(tmp_path):
    assert _refused(tmp_path, f'"{HEADER}\n{GOOD}\n') == f"line 1: not readable CSV: unexpected end of data; {QUOTES}"
