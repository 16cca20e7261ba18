"""The course as one object: the essay, the events, the theories, the readings and the coding, loaded and cross-checked once.

Every cross-reference between the files is checked here, once, in the order the parts
depend on each other: the events against the essay's paragraphs and date, the theories'
predictions against the events, the claims and predictions against the essay's words,
the events and the theories, the evidence key against the events public by the essay's
date, the coding key against the essay's sentences and the codebook.  The loaders in
`events`, `readings`, `theories` and `coding` read one file each (or a file and the ones
beside it that describe it, such as an event's sources), checked against the essay, the
root every part refers to, and against the other parts only when handed them: no loader
loads another part of the course behind the scenes, and no loader caches.

`course()` is the packaged course, loaded once per kernel: the one cache.  A notebook gets
it in one line, `course = helpers.open_course()`.  `load_course(folder)` loads an
instructor's own copy of the data files (the same names as in `data/`).
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .coding import load_codebook, load_coding_key
from .errors import CourseDataError, Location
from .essay import Essay, load_essay
from .events import load_events
from .readings import load_claims, load_evidence_key, load_predictions
from .tables import read_datapackage, read_json
from .theories import load_theories


@dataclass(frozen=True)
class Course:
    """Every part of the course; read-only (`events` is a fresh copy each time, to filter and change at will)."""

    essay: Essay
    frame: object  # the events as loaded (a DataFrame); use `events`
    theories: MappingProxyType
    claims: tuple
    predictions: tuple
    evidence_key: MappingProxyType
    codebook: MappingProxyType
    coding_key: MappingProxyType

    @property
    def events(self):
        """The events, one row per event, sorted by date (a copy)."""
        return self.frame.copy()

    @property
    def readings(self):
        """(claims, predictions, evidence key), as notebook 05 unpacks them."""
        return self.claims, self.predictions, self.evidence_key

    @property
    def coding(self):
        """(codebook, coding key), as notebook 05b unpacks them."""
        return self.codebook, self.coding_key

    @property
    def published(self):
        """The day the essay appeared: what was public by then is what its author could know."""
        return dt.date.fromisoformat(self.essay.metadata["published"])


def load_course(folder=None, essay=None):
    """Load every part from `folder` (the packaged `data/` by default) and check every cross-reference once."""

    def path(name):  # None: each loader reads the packaged file, and the files beside it
        return Path(folder) / name if folder is not None else None

    schema_copy = path("datapackage.json")
    if schema_copy is not None and schema_copy.exists() and read_json(schema_copy) != read_datapackage():
        raise CourseDataError(
            Location(schema_copy, whole_file=True),
            "differs from the course's own data package (helpers/data/datapackage.json), the one schema every file is checked "
            "against and the source of every label and colour: make the change there, or remove this copy",
        )
    essay = essay or load_essay()
    published = dt.date.fromisoformat(essay.metadata["published"])
    # The events' sources, coverage and date alternatives, and the theories' predictions and references,
    # are read from beside events.csv and theories.csv (see `tables.sibling`).
    frame = load_events(path("events.csv"), paragraph_ids=essay.paragraph_ids, published=published)
    event_ids = set(frame["id"])
    theories = load_theories(path("theories.csv"), event_ids=event_ids)
    codebook = load_codebook(path("codebook.csv"))
    return Course(
        essay=essay,
        frame=frame,
        theories=MappingProxyType(theories),
        claims=load_claims(path("readings.csv"), essay=essay, event_ids=event_ids, theory_ids=set(theories)),
        predictions=load_predictions(path("predictions.csv"), essay=essay, event_ids=event_ids),
        evidence_key=MappingProxyType(
            load_evidence_key(path("evidence_key.csv"), events=frame, published=published, theory_ids=set(theories))
        ),
        codebook=MappingProxyType(codebook),
        coding_key=MappingProxyType(
            load_coding_key(path("coding_key.csv"), sentence_ids=[s.id for s in essay.sentences], codebook=codebook)
        ),
    )


@lru_cache(maxsize=1)
def course():
    """The packaged course, loaded and checked once per kernel."""
    return load_course()


def course_events():
    """The course's events (a copy, so callers may change it)."""
    return course().events


def course_readings():
    """(claims, predictions, evidence key) of the course."""
    return course().readings


def course_coding():
    """(codebook, coding key) of the course."""
    return course().coding


def course_theories():
    """The course's theories, id -> Theory (a fresh dict each call; the theories are frozen)."""
    return dict(course().theories)
