"""Read one CSV file of the data package into rows of strings, reporting where it is broken.

Every problem is a :class:`~helpers.errors.DataError` naming the file, the row (the line on which
the record starts; the header is row 1) and, where one can be named, the column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers.errors import DataError

#: Shown in place of bytes that are not UTF-8, so that the cell holding them can be named.
REPLACEMENT = "\ufffd"


def decode(raw: bytes, shown: str) -> tuple[str, list[DataError]]:
    """Return the file's text; bytes that are not UTF-8 become U+FFFD and are reported by row."""
    problems = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex()
        problems.append(
            DataError(shown, f"not UTF-8: byte 0x{byte} cannot be decoded; save as UTF-8", row)
        )
        text = raw.decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        problems.append(DataError(shown, "starts with a byte-order mark; save without BOM", 1))
        text = text[1:]
    return text, problems


def read(path: Path, shown: str) -> tuple[list[str], list[list[str]], list[int], list[DataError]]:
    """Return header, records, the row each record starts on, and the problems found on the way.

    Bytes that are not UTF-8 in a data row are left to the cell checks, which name the column.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], [], [], [DataError(shown, "file not found")]
    except IsADirectoryError:
        return [], [], [], [DataError(shown, "is a folder, not a file")]
    text, problems = decode(raw, shown)
    header, records, lines, more = _records(text, shown)
    if records:
        problems = [p for p in problems if not (p.detail.startswith("not UTF-8") and p.row > 1)]
    return header, records, lines, problems + more


def _records(
    text: str, shown: str
) -> tuple[list[str], list[list[str]], list[int], list[DataError]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    problems: list[DataError] = []
    start = 1
    try:
        for record in reader:
            end = reader.line_num
            if not record or end > start:
                problems.append(_record_problem(record, start, end, text, records, shown))
            records.append(record)
            lines.append(start)
            start = end + 1
    except csv.Error as err:
        column = _quote_column(text, start, records)
        message = f"malformed CSV ({err}): the record starts here; check the quotes of this cell"
        problems.append(DataError(shown, message, start, column))
    if not records:
        return [], [], [], [*problems, DataError(shown, "the file is empty; expected a header", 1)]
    return records[0], records[1:], lines[1:], problems


def _record_problem(
    record: list[str], start: int, end: int, text: str, records: list[list[str]], shown: str
) -> DataError:
    if not record:
        return DataError(shown, "blank line", start)
    message = (
        f"a quoted cell runs on to row {end}: a quote opened here is not closed where it should "
        "be (line breaks inside cells are not allowed)"
    )
    return DataError(shown, message, start, _quote_column(text, start, records))


def _quote_column(text: str, row: int, records: list[list[str]]) -> str | None:
    """Name the column of ``row`` whose quotes are broken, if the header is known."""
    if not records:
        return None
    line = text.split("\n")[row - 1].rstrip("\r")
    field = _broken_field(line)
    header = records[0]
    return header[field] if field is not None and field < len(header) else None


def _broken_field(line: str) -> int | None:
    """Return the index of the field on ``line`` whose quote is unclosed or followed by text."""
    field, quoted, at_start, i = 0, False, True, 0
    while i < len(line):
        ch, following = line[i], line[i + 1 : i + 2]
        if quoted and ch == '"' and following == '"':
            i += 1
        elif quoted and ch == '"':
            quoted = False
            if following not in ("", ","):
                return field
        elif not quoted and ch == '"' and at_start:
            quoted = True
        elif not quoted and ch == ",":
            field += 1
        at_start = not quoted and ch == ","
        i += 1
    return field if quoted else None


def header_problems(header: list[str], expected: list[str], shown: str) -> list[DataError]:
    """Find duplicate, missing, undeclared or reordered columns in the header row."""
    seen: set[str] = set()
    problems = []
    for name in header:
        if name in seen:
            problems.append(DataError(shown, "duplicate column name in the header", 1, name))
        seen.add(name)
    for name in expected:
        if name not in header:
            problems.append(
                DataError(shown, "missing column (declared in datapackage.json)", 1, name)
            )
    for name in header:
        if name not in expected:
            problems.append(DataError(shown, "column not declared in datapackage.json", 1, name))
    if not problems and header != expected:
        first = next(h for h, e in zip(header, expected, strict=False) if h != e)
        message = f"columns out of order; expected {','.join(expected)}"
        problems.append(DataError(shown, message, 1, first))
    return problems


def width_problems(
    records: list[list[str]], lines: list[int], width: int, shown: str
) -> list[DataError]:
    """Find records with more or fewer fields than the header (a whole-row problem)."""
    return [
        DataError(shown, f"{len(rec)} fields where the header has {width}", line)
        for rec, line in zip(records, lines, strict=True)
        if rec and len(rec) != width
    ]
