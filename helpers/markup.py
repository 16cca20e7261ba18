"""HTML for notebooks. Every piece of text that reaches HTML goes through `escape`."""

import html


def escape(text):
    """Escape text for HTML, quotes included. `None` becomes an empty string."""
    return html.escape("" if text is None else str(text), quote=True)


class Html:
    """HTML that Jupyter renders, with a plain-text fallback for other front ends."""

    def __init__(self, html_text, plain_text):
        self.html = html_text
        self.plain = plain_text

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return self.plain


def wrap(text, width=48):  # 48 characters: a tooltip stays inside a figure about 360 px wide
    """Plain text broken into lines of about `width` characters, at spaces (escape each line, then join with <br>)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:  # the space between counts too
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def table(header, rows, caption=None):
    """An escaped HTML table (with a plain-text twin) from a header and rows of cells."""
    cell_style = "text-align:left;vertical-align:top"
    head = "".join(f'<th style="{cell_style}">{escape(cell)}</th>' for cell in header)
    body = "".join(
        "<tr>"
        + "".join(f'<td style="{cell_style}{";white-space:nowrap" if i == 0 else ""}">{escape(cell)}</td>' for i, cell in enumerate(row))
        + "</tr>"
        for row in rows
    )
    cap = f'<caption style="text-align:left">{escape(caption)}</caption>' if caption else ""
    html_text = f'<table class="course-table">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    lines = [" | ".join(str(c) for c in header)] + [" | ".join(str(c) for c in row) for row in rows]
    plain = ((caption + "\n") if caption else "") + "\n".join(lines)
    return Html(html_text, plain)


def callout(kind, title, body, sources=(), note=None):
    """A boxed note, e.g. a fact-check, with linked sources given as (name, url) pairs, each shown once."""
    unique = {}
    for name, url in sources:
        unique.setdefault(url, (name, url))
    sources = list(unique.values())
    links = "".join(f'<li><a href="{escape(url)}" target="_blank" rel="noopener">{escape(name)}</a></li>' for name, url in sources)
    html_text = (
        f'<div class="course-callout course-{escape(kind)}" style="border-left:4px solid #E69F00;'
        f'padding:0.4em 0.8em;margin:0.5em 0;background:rgba(230,159,0,0.08)">'
        f"<strong>{escape(title)}</strong><p>{escape(body)}</p>"
        + (f"<p><em>{escape(note)}</em></p>" if note else "")
        + (f"<ul>{links}</ul>" if links else "")
        + "</div>"
    )
    plain = f"{title}\n{body}" + (f"\n{note}" if note else "") + "".join(f"\n- {name} <{url}>" for name, url in sources)
    return Html(html_text, plain)


def reading_list(title, items):
    """A titled list of linked works, given as (text, url) pairs."""
    links = "".join(f'<li><a href="{escape(url)}" target="_blank" rel="noopener">{escape(text)}</a></li>' for text, url in items)
    html_text = f'<div class="course-reading"><strong>{escape(title)}</strong><ul>{links}</ul></div>'
    return Html(html_text, title + "".join(f"\n- {text} <{url}>" for text, url in items))


def details(summary, content):
    """Html folded under a summary line (a text alternative, say), opened with a click."""
    return Html(f"<details><summary>{escape(summary)}</summary>{content.html}</details>", f"{summary}\n{content.plain}")
