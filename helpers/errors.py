"""The one exception type the course raises for bad input."""


class CourseDataError(ValueError):
    """Bad input, located precisely: which file, which row, which field.

    ``row`` is whatever locates the problem in that file: a 1-based line or
    row number, or an id such as a paragraph id.
    """

    def __init__(self, file, row, field, problem):
        self.file = str(file)
        self.row = row
        self.field = field
        self.problem = problem
        super().__init__(f"{self.file}: row {row}, field {field!r}: {problem}")
