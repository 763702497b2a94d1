"""The error every data check raises or reports: a problem located by file, row and column."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class DataError(ValueError):
    """A problem in a data file, located by file, row (the line; the header is row 1) and column."""

    def __init__(self, path: str, message: str, row: int | None = None, column: str | None = None):
        self.path, self.row, self.column, self.detail = path, row, column, message
        where = path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


class RuleError(DataError):
    """A problem found by a row or cross-table rule (see :mod:`helpers.rules`).

    A rule reads a cell that could not be parsed as empty, so the validator does not report a
    rule's problem on a row that already has a problem in one of its cells.
    """


class DataErrors(DataError):
    """Several problems found together; ``problems`` lists them, the message has one per line."""

    def __init__(self, problems: Iterable[DataError]):
        self.problems = list(problems)
        first = self.problems[0]
        super().__init__(first.path, first.detail, first.row, first.column)
        self.args = ("\n".join(str(p) for p in self.problems),)

    def __str__(self) -> str:
        """Every problem, one per line."""
        return self.args[0]


def raise_if_any(problems: list[DataError]) -> None:
    """Raise the single problem, or all of them together, if there are any."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise DataErrors(problems)


def unknown_id_message(value: str, known: Iterable[str], resource: str) -> str:
    """``unknown <resource> id 'x'; did you mean …?`` with the closest known ids."""
    close = difflib.get_close_matches(value, sorted(known), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown {resource} id '{value}'{hint}"
