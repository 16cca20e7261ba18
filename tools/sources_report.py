"""The sources report: the event sources by kind, by host and by event, and every event that falls short.

    python tools/sources_report.py            # the report (Markdown), as the README shows it
    python tools/sources_report.py --events   # plus one line per event
    python tools/sources_report.py --readme   # rewrite the report's block in README.md

A maintainer's tool: notebooks never import it.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

from helpers import sources as sourcing
from helpers.course import course_events
from helpers.vocabulary import SOURCE_KINDS

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- sources report: begin -->", "<!-- sources report: end -->"


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]


def report(events, per_event=False):
    """The report as Markdown lines."""
    sources = [s for row in events["sources"] for s in row]
    kinds = SOURCE_KINDS
    by_kind = Counter(s.kind for s in sources)
    events_with = {k: sum(any(s.kind == k for s in row) for row in events["sources"]) for k in kinds}
    independent = [len({s.publisher for s in row if sourcing.independent(s.kind)}) for row in events["sources"]]
    short = [(i, n) for i, n in zip(events["id"], independent, strict=True) if n < 2]
    denied = [s.url for s in sources if sourcing.denied_class(s.url)]
    placeholders = [s.title for s in sources if sourcing.placeholder(s.title)]
    share = sum(n >= 2 for n in independent) / len(independent)
    lines = [
        f"{len(sources)} sources for {len(events)} events. "
        f"Every event has an independent source: {'yes' if min(independent) >= 1 else 'NO'}; "
        f"{sum(n >= 2 for n in independent)} of {len(events)} ({share:.0%}) have two or more from different publishers "
        f"(the rule is {sourcing.policy()['two_independent_share']:.0%}). "
        f"Denied hosts: {len(denied)}. Placeholder titles: {len(placeholders)}.",
        "",
        "By kind:",
        "",
        *_table(("Kind", "Sources", "Events citing one"), [(k, by_kind[k], events_with[k]) for k in kinds]),
        "",
        "Independent publishers per event:",
        "",
        *_table(("Publishers", "Events"), sorted(Counter(min(n, 4) for n in independent).items())),
        "",
        "Most cited hosts:",
        "",
        *_table(("Host", "Sources"), Counter(sourcing.host_of(s.url) for s in sources).most_common(15)),
        "",
        "Events short of two independent publishers: " + (", ".join(f"`{i}` ({n})" for i, n in short) or "none") + ".",
    ]
    if per_event:
        rows = [
            (row.id, sum(sourcing.independent(s.kind) for s in row.sources), ", ".join(sorted({s.publisher for s in row.sources})))
            for row in events.itertuples()
        ]
        lines += ["", *_table(("Event", "Independent sources", "Publishers"), rows)]
    return lines


def write_readme(text, readme=ROOT / "README.md"):
    content = readme.read_text(encoding="utf-8")
    start, end = content.index(BEGIN) + len(BEGIN), content.index(END)
    readme.write_text(content[:start] + "\n" + text + "\n" + content[end:], encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", action="store_true", help="add one line per event")
    parser.add_argument("--readme", action="store_true", help="rewrite the report's block in README.md")
    args = parser.parse_args(argv)
    text = "\n".join(report(course_events(), per_event=args.events))
    if args.readme:
        write_readme(text)
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
