"""The one exception type the course raises for bad input, and the `Location` it names."""

from dataclasses import KW_ONLY, dataclass

_POSITIONS = ("line", "row", "paragraph", "key", "whole_file")


@dataclass(frozen=True)
class Location:
    """Where a problem is: the file, exactly one position in it, and the field if there is one.

    The position is one of
    - ``line``: a 1-based line of a text file (the essay, or a CSV's physical line);
    - ``row``: a 1-based row as a spreadsheet numbers it (the header is row 1), with the row's
      ``id`` when it is known;
    - ``paragraph``: an essay paragraph's id, such as ``p04``;
    - ``key``: a JSON path from the document's root, such as ``answers.evidence.k``;
    - ``whole_file=True``: the file as a whole (it cannot be read, a row is missing, ...).

    >>> str(Location("events.csv", row=12, id="x", field="date"))
    "events.csv: row 12 (id 'x'), field 'date'"
    """

    file: str
    _: KW_ONLY
    line: int | None = None
    row: int | None = None
    id: str | None = None
    paragraph: str | None = None
    key: str | None = None
    whole_file: bool = False
    field: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "file", str(self.file))
        given = [name for name in _POSITIONS if getattr(self, name) is not (False if name == "whole_file" else None)]
        if len(given) != 1:
            raise TypeError(f"a Location needs exactly one of {', '.join(_POSITIONS)}; got {', '.join(given) or 'none'}")
        for name in ("line", "row"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise TypeError(f"a Location's {name} is a whole number from 1, not {value!r}")
        if self.whole_file is not True and self.whole_file is not False:
            raise TypeError(f"whole_file is True or False, not {self.whole_file!r}")
        if self.id is not None and self.row is None:
            raise TypeError("a Location's id belongs to a row")
        for name in ("id", "paragraph", "key", "field"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value):
                raise TypeError(f"a Location's {name} is a non-empty text, not {value!r}")

    @property
    def where(self):
        """The position and field without the file, e.g. "row 12 (id 'x'), field 'date'"; empty for a whole file."""
        if self.line is not None:
            parts = [f"line {self.line}"]
        elif self.row is not None:
            parts = [f"row {self.row}" + ("" if self.id is None else f" (id {self.id!r})")]
        elif self.paragraph is not None:
            parts = [f"paragraph {self.paragraph}"]
        elif self.key is not None:
            parts = [f"key {self.key!r}"]
        else:
            parts = []
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        return ", ".join(parts)

    def __str__(self):
        return f"{self.file}: {self.where}" if self.where else self.file


class CourseDataError(ValueError):
    """Bad input, located precisely: the message is the location, a colon, and the problem."""

    def __init__(self, location, problem):
        if not isinstance(location, Location):
            raise TypeError(f"CourseDataError needs a Location, not {location!r}")
        self.location = location
        self.problem = problem
        super().__init__(f"{location}: {problem}")

    @property
    def file(self):
        return self.location.file

    @property
    def field(self):
        return self.location.field
