"""Every piece of HTML the course shows is built here, and only here.

Text enters through `element` (or `figure_text`, for plotly's hover and tick text) and is
escaped there, once; what comes out is `Html`, a fragment known to be safe, which the
builders below put together without escaping it again.  The other modules hand these
builders plain data: titles, sentences, numbers.  Each builder returns `Html` with a
plain-text twin for front ends that show no HTML.
"""

import html

from .vocabulary import ALERT, CALLOUT_TINT, HIGHLIGHT, INK, MUTED, PALETTE

QUOTE_RULE = f"border-left:4px solid {PALETTE['grey']};padding-left:1em"


def escape(text):
    """Escape text for HTML, quotes included. `None` becomes an empty string."""
    return html.escape("" if text is None else str(text), quote=True)


class Html:
    """HTML that Jupyter renders, with a plain-text fallback for other front ends; built only by this module."""

    __slots__ = ("html", "plain")

    def __init__(self, html_text="", plain_text=""):
        self.html = html_text
        self.plain = plain_text

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return self.plain

    def __add__(self, other):
        other = _fragment(other)
        return Html(self.html + other.html, self.plain + other.plain)

    def __bool__(self):
        return bool(self.html)


def _fragment(part):
    """Html as it is; a list of parts joined; None empty; anything else is text, escaped here."""
    if isinstance(part, Html):
        return part
    if isinstance(part, (list, tuple)):
        return join(part)
    if part is None:
        return Html()
    return Html(escape(part), str(part))


def join(parts, separator=""):
    """Parts (Html or text) one after another, with `separator` (Html or text) between them."""
    fragments = [_fragment(p) for p in parts]
    separator = _fragment(separator)
    return Html(separator.html.join(f.html for f in fragments), separator.plain.join(f.plain for f in fragments))


def element(tag, *children, **attributes):
    """<tag attributes>children</tag>: text children and attribute values escaped; `class_` is `class`; None leaves an attribute out."""
    inner = join(children)
    attrs = "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in attributes.items() if value is not None)
    return Html(f"<{tag}{attrs}>{inner.html}</{tag}>", inner.plain)


def bold(*children):
    return element("b", *children)


def italic(*children):
    return element("i", *children)


LINE_BREAK = Html("<br>", "\n")


def lines(parts):
    """Parts on lines of their own."""
    return join(parts, LINE_BREAK)


def figure_text(*parts):
    """Text for a plotly figure (hover, tick label, annotation): each part on its own line, escaped; plotly reads the <br>."""
    return lines(parts).html


def hover_template(template, trace_name):
    """A plotly hovertemplate (its %{...} fields kept) with `trace_name` in the tooltip's side box."""
    return f"{template}<extra>{escape(trace_name)}</extra>"


def wrap(text, width=48):  # 48 characters: a tooltip stays inside a figure about 360 px wide
    """Plain text broken into lines of about `width` characters, at spaces (hand them to `lines`)."""
    broken, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:  # the space between counts too
            broken.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return broken + [line]


def clipped(text, width=90):
    """`text` cut at a word to at most `width` characters, ending in an ellipsis where it was cut (a long title in a tooltip)."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width - 1)
    return text[: cut if cut > 0 else width - 1].rstrip(" ,;:") + "…"


def title_lines(text):
    """A tooltip's title: `text` wrapped as `wrap` does, each line in bold (hand them to `figure_text`)."""
    return [bold(line) for line in wrap(text)]


def two_lines(text, width=16):
    """A short label broken once after about `width` characters, for plotly (e.g. a lane name)."""
    if len(text) <= width or " " not in text:
        return escape(text)
    cut = text.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else text.find(" ")
    return figure_text(text[:cut], text[cut + 1 :])


# ---------------------------------------------------------------- tables, callouts, lists


def table(header, rows, caption=None):
    """An escaped HTML table (with a plain-text twin) from a header and rows of cells."""
    cell_style = "text-align:left;vertical-align:top"
    head = join(element("th", cell, style=cell_style) for cell in header)
    body = join(
        element("tr", *(element("td", cell, style=cell_style + (";white-space:nowrap" if i == 0 else "")) for i, cell in enumerate(row)))
        for row in rows
    )
    cap = element("caption", caption, style="text-align:left") if caption else None
    shown = element("table", cap, element("thead", element("tr", head)), element("tbody", body), class_="course-table")
    plain = [" | ".join(str(c) for c in header)] + [" | ".join(str(c) for c in row) for row in rows]
    return Html(shown.html, ((caption + "\n") if caption else "") + "\n".join(plain))


def _link(name, url):
    return element("a", name, href=url, target="_blank", rel="noopener")


def callout(kind, title, body, sources=(), note=None):
    """A boxed note, e.g. a fact-check, with linked sources given as (name, url) pairs, each shown once."""
    unique = {}
    for name, url in sources:
        unique.setdefault(url, (name, url))
    sources = list(unique.values())
    links = element("ul", *(element("li", _link(name, url)) for name, url in sources)) if sources else None
    box = element(
        "div",
        element("strong", title),
        element("p", body),
        element("p", element("em", note)) if note else None,
        links,
        class_=f"course-callout course-{kind}",
        style=f"border-left:4px solid {PALETTE['orange']};padding:0.4em 0.8em;margin:0.5em 0;background:{CALLOUT_TINT}",
    )
    plain = f"{title}\n{body}" + (f"\n{note}" if note else "") + "".join(f"\n- {name} <{url}>" for name, url in sources)
    return Html(box.html, plain)


def reading_list(title, items):
    """A titled list of linked works, given as (text, url) pairs."""
    shown = element(
        "div", element("strong", title), element("ul", *(element("li", _link(text, url)) for text, url in items)), class_="course-reading"
    )
    return Html(shown.html, title + "".join(f"\n- {text} <{url}>" for text, url in items))


def stacked(parts):
    """Fragments one after another; in plain text, a blank line between them."""
    parts = [_fragment(p) for p in parts]
    return Html("".join(p.html for p in parts), "\n\n".join(p.plain for p in parts))


def details(summary, content):
    """Html folded under a summary line (a text alternative, say), opened with a click."""
    return Html(element("details", element("summary", summary), content).html, f"{summary}\n{content.plain}")


def folded(summary, content):
    """Like `details`, with only the content as the plain text (the summary is for the page)."""
    return Html(details(summary, content).html, content.plain)


def bullet_list(title, items, empty=None):
    """A bold title line over a list of lines (or, with none, the `empty` line)."""
    rest = element("ul", *(element("li", item) for item in items)) if items else (element("p", empty) if empty else None)
    shown = element("p", bold(title)) + rest
    return Html(shown.html, "\n".join([title, *items]))


# ---------------------------------------------------------------- the essay


def essay_quote(paragraphs, citation):
    """Body paragraphs, given as (id, text) pairs, with their ids and the author's attribution."""
    shown = element(
        "blockquote",
        *(element("p", element("sup", pid, style=f"color:{MUTED}"), " ", text) for pid, text in paragraphs),
        element("footer", f"— {citation}"),
        class_="essay-quote",
        style=QUOTE_RULE,
    )
    return Html(shown.html, "\n\n".join(f"[{pid}] {text}" for pid, text in paragraphs) + f"\n\n— {citation}")


def masthead(headline, standfirst, citation):
    """Headline, standfirst and attribution, as the essay's page opens."""
    shown = element(
        "div", element("h3", headline), element("p", element("em", standfirst)), element("p", f"— {citation}"), class_="essay-masthead"
    )
    return Html(shown.html, f"{headline}\n{standfirst}\n— {citation}")


def sentence_in_paragraph(paragraph_id, before, sentence, after):
    """A paragraph with one sentence highlighted and the rest dimmed (the coding bench)."""
    return element(
        "blockquote",
        element("sup", paragraph_id),
        " ",
        element("span", before, style=f"color:{MUTED}"),
        element("mark", sentence, class_="coding-sentence", style=f"background:{HIGHLIGHT};color:{INK};padding:0 0.1em"),
        element("span", after, style=f"color:{MUTED}"),
        class_="coding-paragraph",
        style=QUOTE_RULE,
    )


# ---------------------------------------------------------------- the workbench

# A hidden lens figure: not seen, not read out, and not in the way of the mouse (plotly's SVG
# drag layers take pointer events even when hidden, unless told not to).
HIDDEN_LENS_STYLE = "<style>.course-lens-hidden, .course-lens-hidden * { visibility: hidden; pointer-events: none !important; }</style>"


def save_status(text):
    """The line under a widget that says an answer could not be saved, and what to do; empty when there is nothing to say."""
    return element("p", bold(text), class_="save-status", role="alert", style=f"color:{ALERT}") if text else Html()


def readings_panel(quote, paragraph, citation, lean, readings, evidence, note=""):
    """A claim in the essay's words, its two readings side by side, and the events that bear on it.

    `readings`: (reading, heading, text, colour, faded, theories) with theories as (name, works, core claim);
    `evidence`: (when, title) pairs.
    """
    columns = []
    for reading, heading, text, colour, faded, theories in readings:
        listed = (
            element("p", bold("Theories behind this reading:"), class_="theories")
            + element("ul", *(element("li", bold(name), f" ({works}): {claim}") for name, works, claim in theories))
            if theories
            else None
        )
        columns.append(
            element(
                "div",
                element("h4", heading),
                element("p", text),
                listed,
                class_=f"reading reading-{reading}",
                style=f"flex:1;min-width:14em;padding:0.5em 0.8em;border-top:5px solid {colour};opacity:{0.45 if faded else 1}",
            )
        )
    return element(
        "div",
        element("blockquote", f"“{quote}” ", element("small", f"({paragraph}; {citation})"), style=QUOTE_RULE),
        element("p", bold("The essay leans:"), f" {lean}"),
        element("div", *columns, style="display:flex;gap:1em;flex-wrap:wrap"),
        element("p", bold("Events that bear on it:")),
        element("ul", *(element("li", f"{when}: {title}") for when, title in evidence)),
        element("p", bold("Your note:"), f" {note}", class_="student-note") if note else None,
        class_="lens-panel",
    )


def event_label(when, title, bears_on):
    """An event beside its slider: its date, title and the theories it bears on."""
    return join([bold(when), f" {title}", LINE_BREAK, element("small", f"Bears on: {bears_on}", class_="bears-on")])


def paragraph(text):
    return element("p", text)


def labelled(label, text):
    """A bold label and its text, e.g. a prediction's paragraph and the prediction."""
    return join([bold(label), f" {text}"])


def key_rationale(items):
    """The instructor's key event by event: (title, the key's weight, the student's, why) for each."""
    return element("p", bold("The instructor's key, event by event:")) + element(
        "ul", *(element("li", bold(title), f": key {key}; you {yours}. {why}") for title, key, yours, why in items)
    )


def outcome_table(rows, score, explained):
    """Each prediction's row (paragraph, prediction, the student's forecast, what happened, its share), then the Brier score."""
    header = ("¶", "Prediction", "You said", "Happened?", "(p − outcome)²")
    return join(
        [
            element(
                "table",
                element("thead", element("tr", *(element("th", cell) for cell in header))),
                element("tbody", *(element("tr", *(element("td", cell) for cell in row)) for row in rows)),
            ),
            element("p", bold(f"Your Brier score: {score:.3f}")),
            element("p", explained),
        ]
    )


def agreement(scores, meaning, matrix, worst):
    """The coding bench's agreement: the scores, what they mean, the confusion table and the sentences furthest from the key.

    `worst`: (heading, the key's rationale, the student's note) for each sentence.
    """
    items = [
        element("li", bold(head), " ", italic("Key:"), f" {why}", *((" ", italic("Your note:"), f" {note}") if note else ()))
        for head, why, note in worst
    ]
    shown = element(
        "div",
        element("p", lines(scores)),
        element("p", meaning),
        matrix,
        element("p", bold("Where you differ most from the key:")) + element("ul", *items)
        if worst
        else element("p", "You agree with the key on every sentence."),
        class_="coding-agreement",
    )
    return Html(shown.html, "\n".join([*scores, meaning, matrix.plain, *(f"- {head} Key: {why}" for head, why, _ in worst)]))


def coding_progress(coded, total, sentence_id, number, count, paragraph_id):
    """The coding bench's progress line."""
    return element(
        "p",
        bold(f"{coded} of {total} coded."),
        f" Sentence {sentence_id}: sentence {number} of {count} in {paragraph_id}.",
        class_="coding-progress",
    )


# ---------------------------------------------------------------- handing in and the class view


def handed_in(heading, summary, file_name, text):
    """A handed-in answers file: who and what, with the file itself folded under it."""
    shown = element("p", bold(heading), f" ({summary}), handed in as {file_name}") + element(
        "details", element("summary", "The saved answers file"), element("pre", text)
    )
    return Html(shown.html, f"{heading} ({summary}), handed in as {file_name}\n{text}")


def none_handed_in(file_name):
    shown = element("p", bold("No workbench answers were handed in"), f" (no {file_name}).")
    return Html(shown.html, "No workbench answers were handed in.")


def report_section(title, intro, figure_html, alternative):
    """One section of the class view's report: a heading, a line of introduction, a figure (plotly's own HTML) and its table."""
    return element("section", element("h2", title), element("p", intro), Html(figure_html), alternative)
