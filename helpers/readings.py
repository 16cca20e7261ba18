"""The two readings: the essay's key claims, its predictions, and the instructor's evidence key.

Each claim quotes the essay exactly and pairs a realist with a domestic-politics
reading; each prediction carries its outcome, shown by events with sources.
Errors name the file, the row and the field.
"""

import datetime as dt
from dataclasses import dataclass

from .errors import CourseDataError, Location
from .essay import load_essay, read_metadata
from .tables import data_file, read_table, split_list
from .vocabulary import LENS_LEAN


@dataclass(frozen=True)
class Claim:
    id: str
    paragraph: str
    quote: str
    essay_lens: str
    realist: str
    domestic: str
    events: tuple
    theories: tuple  # ids of the theories (theories.csv) whose predictions the claim bears on


@dataclass(frozen=True)
class Prediction:
    id: str
    paragraph: str
    quote: str
    prediction: str
    happened: object  # True, False, or None when the outcome is contested
    outcome: str
    events: tuple


@dataclass(frozen=True)
class KeyWeight:
    event_id: str
    weight: int
    rationale: str
    theories: tuple  # ids of the theories whose predictions the event bears on


def _checked_quote(path, number, row, essay):
    """The row's quote, which must stand word for word in the paragraph it names."""
    try:
        paragraph = essay.paragraph(row["paragraph"])
    except CourseDataError:
        raise CourseDataError(
            Location(path, row=number, id=row.get("id") or None, field="paragraph"), f"no essay paragraph {row['paragraph']!r}"
        ) from None
    if row["quote"] not in paragraph.text:
        raise CourseDataError(
            Location(path, row=number, id=row.get("id") or None, field="quote"), f"not found word for word in {row['paragraph']}"
        )
    return row["quote"]


def _checked_events(path, number, row, known):
    ids = split_list(row["events"])
    missing = [i for i in ids if known is not None and i not in known]
    if missing:
        raise CourseDataError(Location(path, row=number, id=row.get("id") or None, field="events"), f"no such event: {', '.join(missing)}")
    return ids


def _checked_theories(path, number, row, known):
    ids = split_list(row["theories"])
    missing = [i for i in ids if known is not None and i not in known]
    if missing or not ids:
        raise CourseDataError(
            Location(path, row=number, id=row.get("id") or None, field="theories"),
            f"no such theory: {', '.join(missing)}" if missing else "names no theory",
        )
    return ids


def _load_quoted_rows(resource, path, essay, event_ids, record, theory_ids=None):
    """Rows that quote the essay and cite events (and, if the file has them, theories), each checked, then turned into a record.

    The quotes are checked against `essay` (the course's by default); the events and theories
    against `event_ids` and `theory_ids` when given (`helpers.course.load_course` gives them).
    """
    path = path or data_file(f"{resource}.csv")
    essay = essay or load_essay()
    records = []
    for number, row in read_table(path, resource):
        checked = {**row, "quote": _checked_quote(path, number, row, essay), "events": _checked_events(path, number, row, event_ids)}
        if "theories" in row:
            checked["theories"] = _checked_theories(path, number, row, theory_ids)
        records.append(record(checked))
    return tuple(records)


def load_claims(path=None, essay=None, event_ids=None, theory_ids=None):
    """The key claims, validated against the essay, the events and the theories."""
    return _load_quoted_rows(
        "readings",
        path,
        essay,
        event_ids,
        lambda r: Claim(r["id"], r["paragraph"], r["quote"], r["essay_lens"], r["realist"], r["domestic"], r["events"], r["theories"]),
        theory_ids,
    )


def load_predictions(path=None, essay=None, event_ids=None):
    """The essay's predictions with their outcomes, validated against the essay and the events."""
    return _load_quoted_rows(
        "predictions",
        path,
        essay,
        event_ids,
        lambda r: Prediction(
            r["id"],
            r["paragraph"],
            r["quote"],
            r["prediction"],
            {"yes": True, "no": False, "contested": None}[r["happened"]],
            r["outcome"],
            r["events"],
        ),
    )


def load_evidence_key(path=None, events=None, published=None, theory_ids=None):
    """The instructor's key: event id -> KeyWeight, for events public by the essay's publication.

    `events` (a frame with `id` and `public_from`) and `theory_ids`, when given, are checked
    against (`helpers.course.load_course` gives them); `published` defaults to the essay's date.
    """
    path = path or data_file("evidence_key.csv")
    published = published or dt.date.fromisoformat(read_metadata()["published"])
    public_from = None if events is None else dict(zip(events["id"], events["public_from"], strict=True))
    key = {}
    for number, row in read_table(path, "evidence_key"):
        _check_public(path, number, row["event_id"], public_from, published)
        theories = _checked_theories(path, number, row, theory_ids)
        key[row["event_id"]] = KeyWeight(row["event_id"], int(row["weight"]), row["rationale"], theories)
    return key


def _check_public(path, number, event_id, public_from, published):
    """A key's event must exist and have been public when the essay appeared (not checked without `public_from`)."""
    if public_from is None:
        return
    if event_id not in public_from:
        raise CourseDataError(Location(path, row=number, field="event_id"), f"no event has id {event_id!r}")
    if public_from[event_id].date() > published:
        raise CourseDataError(
            Location(path, row=number, field="event_id"),
            f"{event_id!r} became public after the essay appeared ({published}); students weigh what was known then",
        )


def essay_balance(claims, event_ids):
    """event id -> weight the essay implies: the lean of the claims that cite the event (-1, 0 or 1)."""
    balance = {}
    for event_id in event_ids:
        votes = [LENS_LEAN[c.essay_lens] for c in claims if event_id in c.events]
        total = sum(votes)
        balance[event_id] = (total > 0) - (total < 0)
    return balance


def balance(weights):
    """Totals of a set of weights: how much evidence on each side, from -2..2 weights per event."""
    realist = sum(-w for w in weights.values() if w < 0)
    domestic = sum(w for w in weights.values() if w > 0)
    return {"realist": realist, "domestic": domestic}


def brier_score(probabilities, outcomes):
    """Mean squared gap between forecast probabilities and what happened (1 or 0); 0 is perfect.

    Predictions whose outcome is None (contested) are left out: a Brier score needs a 0 or a 1.
    """
    scored = {k: p for k, p in probabilities.items() if outcomes[k] is not None}
    if not scored:
        raise ValueError("no forecasts with a settled outcome to score")
    return sum((p - float(outcomes[k])) ** 2 for k, p in scored.items()) / len(scored)
