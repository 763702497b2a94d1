"""Load the tables of ``data/``, validated against ``data/datapackage.json``.

This module is the one place that reads the raw tables. Each is declared as a resource in the
Frictionless descriptor (types, constraints, primary and foreign keys); :func:`load` reads the CSV
(:mod:`helpers.csvfile`), checks every cell (:mod:`helpers.cells`), the keys, and the row and
cross-table rules (:mod:`helpers.rules`), and returns a typed :class:`pandas.DataFrame`. Problems
raise :class:`DataError` (several at once: :class:`~helpers.errors.DataErrors`), each naming the
file, the row (its line; the header is row 1) and the column.

Project rules beyond Table Schema are ``x-`` keys in the descriptor: ``"x-format": "edtf"`` (an
EDTF date), ``"x-format": "tagged-names"`` (``name@lang;…``), ``"x-list-of": "<table>"`` (a
``;``-separated list of ids of that table), ``"x-may-be-empty"`` on a resource.

Set ``KORYO1937_DATA`` to read another data folder (the tests use it for broken fixtures).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import cells, csvfile, keys, package, rules
from helpers.errors import DataError, raise_if_any, unknown_id_message
from helpers.package import ENV_VAR, data_dir
from helpers.values import is_missing

__all__ = [
    "ENV_VAR",
    "DataError",
    "clear_cache",
    "data_dir",
    "load",
    "problems",
    "resource_names",
    "row",
    "size",
    "unknown_id_message",
]


class Lines(tuple):
    """The line number of each row, kept in ``DataFrame.attrs``. pandas deep-copies ``attrs`` on
    almost every operation; this tuple is immutable, so it hands itself over instead.
    """

    def __deepcopy__(self, memo: dict) -> Lines:
        return self


_DTYPES = {"string": object, "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def resource_names(root: Path | None = None) -> list[str]:
    """Names of all tables declared in the data package, in declaration order."""
    return [r["name"] for r in package.descriptor(root or data_dir())["resources"]]


def load(name: str, root: Path | None = None) -> pd.DataFrame:
    """Table ``name``, validated, with typed columns (a copy: change it freely).

    Raises :class:`KeyError` for an unknown table and :class:`DataError` for bad data.
    """
    root = root or data_dir()
    frame, found = _checked(root, name)
    raise_if_any(found)
    return frame.copy()


def problems(name: str, root: Path | None = None) -> list[DataError]:
    """Every problem of table ``name`` (empty when it is clean); raises nothing for bad data."""
    return list(_checked(root or data_dir(), name)[1])


def size(name: str, root: Path | None = None) -> int:
    """The number of rows of table ``name`` as read (good or bad)."""
    return len(_parsed(root or data_dir(), name)[0])


def row(name: str, key: str, root: Path | None = None) -> dict[str, Any]:
    """The row of table ``name`` whose primary key is ``key``, as a dict (a copy).

    An unknown key raises :class:`KeyError` with the closest keys (all of them for a small table).
    """
    rows = _rows(root or data_dir(), name)
    if key not in rows:
        message = unknown_id_message(key, rows, name)
        if len(rows) <= 30:
            message += f"; known ids: {', '.join(sorted(rows))}"
        raise KeyError(message)
    return dict(rows[key])


@cache
def _rows(root: Path, name: str) -> dict[str, dict[str, Any]]:
    """Every row of table ``name`` by its primary key (read once; notebooks ask often)."""
    table = load(name, root)
    column = package.resource(root, name)["schema"]["primaryKey"]
    return {str(r[column]): r for r in table.to_dict("records")}


_CLEARERS: list[Callable[[], None]] = []


def on_clear(clear: Callable[[], None]) -> Callable[[], None]:
    """Register ``clear`` (a module's cache clearer) to run with :func:`clear_cache`."""
    _CLEARERS.append(clear)
    return clear


def clear_cache() -> None:
    """Forget everything read so far: tables, descriptor, TEI texts, names, base map (after the
    files or ``$KORYO1937_DATA`` change).
    """
    _checked.cache_clear()
    _rows.cache_clear()
    _parsed.cache_clear()
    package.clear_cache()
    for clear in _CLEARERS:
        clear()


def ids(root: Path, name: str, column: str | None = None) -> set[str]:
    """The non-empty values of ``column`` (by default the primary key) of table ``name``."""
    column = column or package.resource(root, name)["schema"]["primaryKey"]
    return {str(v) for v in _parsed(root, name)[0][column] if not is_missing(v)}


def grouped_rows(
    frame: pd.DataFrame, keys: list[str], *, dropna: bool = True
) -> list[tuple[tuple[Any, ...], list[Any]]]:
    """The rows of ``frame`` (as ``itertuples`` rows) grouped by ``keys``: each group's key and
    rows, in the order of ``frame.groupby(keys, sort=True, dropna=dropna)``, without building a
    frame per group (far faster for many small groups).
    """
    grouped = frame.groupby(keys, sort=True, dropna=dropna)
    rows: list[list[Any]] = [[] for _ in range(grouped.ngroups)]
    for number, r in zip(grouped.ngroup(), frame.itertuples(), strict=True):
        if not is_missing(number):  # a row whose key is missing, left out as by groupby
            rows[int(number)].append(r)
    names = [k if isinstance(k, tuple) else (k,) for k in grouped.size().index]
    return list(zip(names, rows, strict=True))


# --------------------------------------------------------------------------------------------
# Implementation


@cache
def _parsed(root: Path, name: str) -> tuple[pd.DataFrame, tuple[DataError, ...]]:
    """The table typed cell by cell (bad cells empty) and the problems of the file and cells."""
    res = package.resource(root, name)
    shown = package.shown(root, res["path"])
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    header, records, lines, found = csvfile.read(root / res["path"], shown)
    if header:
        found += csvfile.header_problems(header, names, shown)
        found += csvfile.width_problems(records, lines, len(header), shown)
    if not records and header and not res.get("x-may-be-empty"):
        found.append(DataError(shown, "the table has a header but no rows", 2))
    by_name = {h: j for j, h in enumerate(header)}
    columns = {}
    for field in fields:
        j = by_name.get(field["name"])
        raw = [rec[j] if j is not None and j < len(rec) else "" for rec in records]
        values = []
        for value, line in zip(raw, lines, strict=True):
            parsed, problem = cells.parse(value, field)
            values.append(parsed)
            if problem and j is not None:
                found.append(DataError(shown, problem, line, field["name"]))
        columns[field["name"]] = pd.array(values, dtype=_DTYPES.get(field.get("type"), object))
    frame = pd.DataFrame(columns)
    frame.attrs["lines"], frame.attrs["path"] = Lines(lines), shown
    return frame, tuple(found)


@cache
def _checked(root: Path, name: str) -> tuple[pd.DataFrame, tuple[DataError, ...]]:
    frame, found = _parsed(root, name)
    if any(p.row in (None, 1) for p in found):  # the file itself is broken: stop there
        return frame, found
    res = package.resource(root, name)
    shown, schema = frame.attrs["path"], res["schema"]

    def lookup(table: str, column: str | None) -> set[str]:
        return ids(root, table, column) if table != name else _own_ids(frame, res, column)

    more = keys.unique_problems(schema, frame, shown)
    more += keys.foreign_problems(name, schema, frame, shown, lookup)
    more += keys.list_problems(schema, frame, shown, lookup)
    more += rules.row_problems(name, frame, res, lambda t: _parsed(root, t)[0])
    return frame, found + tuple(more)


def _own_ids(frame: pd.DataFrame, res: dict[str, Any], column: str | None) -> set[str]:
    column = column or res["schema"]["primaryKey"]
    return {str(v) for v in frame[column] if not is_missing(v)}
