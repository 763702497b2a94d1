"""Keys of the data package: unique fields, primary keys, foreign keys and lists of ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from helpers.errors import DataError, unknown_id_message
from helpers.values import is_missing

if TYPE_CHECKING:
    import pandas as pd

#: Ids of a table's column: ``ids(table, column)`` (column ``None``: the primary key).
IdLookup = Callable[[str, "str | None"], set[str]]


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def duplicates(values: Iterable[str], lines: list[int], shown: str, column: str) -> list[DataError]:
    """Report every repeated non-empty value, pointing back to its first row."""
    seen: dict[str, int] = {}
    found = []
    for value, line in zip(values, lines, strict=True):
        if value.replace("\x1f", "") == "":
            continue
        if value in seen:
            text = value.replace("\x1f", ", ")
            found.append(
                DataError(
                    shown, f"duplicate id '{text}' (first at row {seen[value]})", line, column
                )
            )
        else:
            seen[value] = line
    return found


def _text(value: Any) -> str:
    return "" if is_missing(value) else str(value)


def unique_problems(schema: dict[str, Any], frame: pd.DataFrame, shown: str) -> list[DataError]:
    """Repeated values in unique fields and in the primary key."""
    lines = frame.attrs["lines"]
    found = []
    for field in schema["fields"]:
        if field.get("constraints", {}).get("unique"):
            values = [_text(v) for v in frame[field["name"]]]
            found += duplicates(values, lines, shown, field["name"])
    key = schema.get("primaryKey")
    if key and len(_as_list(key)) > 1:
        joined = ["\x1f".join(_text(v) for v in r) for r in frame[_as_list(key)].itertuples(False)]
        found += duplicates(joined, lines, shown, "+".join(_as_list(key)))
    return found


def foreign_problems(
    name: str, schema: dict[str, Any], frame: pd.DataFrame, shown: str, ids: IdLookup
) -> list[DataError]:
    """Values of a foreign key that the referenced table does not hold."""
    found = []
    for fk in schema.get("foreignKeys", []):
        column, target = _as_list(fk["fields"])[0], fk["reference"].get("resource") or name
        known = ids(target, _as_list(fk["reference"]["fields"])[0])
        for value, line in zip(frame[column], frame.attrs["lines"], strict=True):
            if not is_missing(value) and str(value) not in known:
                found.append(
                    DataError(shown, unknown_id_message(str(value), known, target), line, column)
                )
    return found


def list_problems(
    schema: dict[str, Any], frame: pd.DataFrame, shown: str, ids: IdLookup
) -> list[DataError]:
    """Malformed ``;``-lists and unknown ids in ``x-list-of`` fields (ids of one table, or of
    any of a list of tables).
    """
    found = []
    for field in (f for f in schema["fields"] if "x-list-of" in f):
        column, targets = field["name"], _as_list(field["x-list-of"])
        known = set().union(*(ids(t, None) for t in targets))
        target = " or ".join(targets)
        for cell, line in zip(frame[column], frame.attrs["lines"], strict=True):
            for item in [] if is_missing(cell) else cell.split(";"):
                if item == "" or item != item.strip():
                    found.append(
                        DataError(shown, f"malformed ';'-separated list {cell!r}", line, column)
                    )
                    break
                if item not in known:
                    found.append(
                        DataError(shown, unknown_id_message(item, known, target), line, column)
                    )
    return found
