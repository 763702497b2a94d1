"""Find ``data/`` and load its tables, validated against ``data/datapackage.json``.

This module is the one place that reads the raw data. Each table is declared as a resource in the
Frictionless descriptor ``data/datapackage.json`` (types, constraints, primary and foreign keys);
:func:`load` reads the CSV, checks every cell against that schema and returns a typed
:class:`pandas.DataFrame`. A problem raises :class:`DataError`, whose message names the file, the
row (the line number in the file, the header being row 1) and the column.

A few project rules go beyond Table Schema and are declared with ``x-`` keys on a field:

- ``"x-format": "edtf"``: the value must parse as an Extended Date/Time Format string;
- ``"x-list-of": "<resource>"``: a ``;``-separated list of ids that must exist in that resource;

and one row rule per resource lives in :data:`ROW_CHECKS` (for example the bounds of a claim).

Set the environment variable ``KORYO1937_DATA`` to read another data folder (tests use it for
deliberately broken fixtures).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import math
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

ENV_VAR = "KORYO1937_DATA"
DESCRIPTOR = "datapackage.json"


class DataError(ValueError):
    """A problem in a data file, located by file, row and column."""

    def __init__(self, path: str, message: str, row: int | None = None, column: str | None = None):
        self.path, self.row, self.column, self.detail = path, row, column, message
        where = path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


def data_dir() -> Path:
    """Return the data folder: ``$KORYO1937_DATA`` if set, else ``data/`` of this checkout."""
    env = os.environ.get(ENV_VAR)
    root = Path(env) if env else Path(__file__).resolve().parents[2] / "data"
    if not (root / DESCRIPTOR).is_file():
        hint = f" (set by ${ENV_VAR})" if env else f"; set ${ENV_VAR} to point at it"
        raise FileNotFoundError(f"no {DESCRIPTOR} in {root}{hint}")
    return root


def descriptor(root: Path | None = None) -> dict[str, Any]:
    """Return the parsed data-package descriptor."""
    return _descriptor(root or data_dir())


def resource_names(root: Path | None = None) -> list[str]:
    """Names of all tables declared in the data package, in declaration order."""
    return [r["name"] for r in descriptor(root)["resources"]]


def load(name: str, root: Path | None = None) -> pd.DataFrame:
    """Load table ``name`` from the data package, validated, with typed columns.

    Raises :class:`KeyError` for an unknown table and :class:`DataError` for a bad file.
    """
    return _load(root or data_dir(), name).copy()


def validate_all(root: Path | None = None) -> dict[str, int]:
    """Load and validate every table; return the number of rows of each."""
    root = root or data_dir()
    return {name: len(_load(root, name)) for name in resource_names(root)}


def row(name: str, key: str, root: Path | None = None) -> dict[str, Any]:
    """The row of table ``name`` whose primary key is ``key``, as a dict.

    An unknown key raises :class:`KeyError` with the closest keys, and all known keys when the
    table is small enough to list them.
    """
    root = root or data_dir()
    table = _load(root, name)
    keys = {str(v): i for i, v in enumerate(table[_resource(root, name)["schema"]["primaryKey"]])}
    if key not in keys:
        message = unknown_id_message(key, set(keys), name)
        if len(keys) <= 30:
            message += f"; known ids: {', '.join(sorted(keys))}"
        raise KeyError(message)
    return table.iloc[keys[key]].to_dict()


# --------------------------------------------------------------------------------------------
# Implementation


@cache
def _descriptor(root: Path) -> dict[str, Any]:
    path = root / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataError(
            _display(root, DESCRIPTOR), f"not valid JSON: {err.msg}", err.lineno
        ) from err


def _resource(root: Path, name: str) -> dict[str, Any]:
    for res in _descriptor(root)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(resource_names(root))
    raise KeyError(f"no table '{name}' in the data package; known tables: {known}")


def _display(root: Path, rel: str) -> str:
    return f"{root.name}/{rel}"


@cache
def _load(root: Path, name: str) -> pd.DataFrame:
    import pandas as pd

    res = _resource(root, name)
    shown = _display(root, res["path"])
    schema = res["schema"]
    fields = schema["fields"]
    records, lines = _read_csv(root / res["path"], shown, [f["name"] for f in fields])

    columns: dict[str, Any] = {}
    for j, field in enumerate(fields):
        raw = [rec[j] for rec in records]
        values = [_cell(v, field, shown, line) for v, line in zip(raw, lines, strict=True)]
        columns[field["name"]] = pd.array(values, dtype=_DTYPES[field.get("type", "string")])
        if field.get("constraints", {}).get("unique"):
            _check_unique(raw, lines, shown, field["name"])
    frame = pd.DataFrame(columns)

    key = schema.get("primaryKey")
    if key:
        keys = [key] if isinstance(key, str) else key
        joined = [
            "\x1f".join(rec[[f["name"] for f in fields].index(k)] for k in keys) for rec in records
        ]
        _check_unique(joined, lines, shown, "+".join(keys))
    for fk in schema.get("foreignKeys", []):
        _check_foreign_key(root, name, frame, lines, shown, fk)
    for field in fields:
        if "x-list-of" in field:
            _check_id_list(
                root, frame[field["name"]], lines, shown, field["name"], field["x-list-of"]
            )
    if name in ROW_CHECKS:
        for i, row in enumerate(frame.itertuples(index=False)):
            problem = ROW_CHECKS[name](row._asdict())
            if problem:
                column, message = problem
                raise DataError(shown, message, lines[i], column)
    frame.attrs["lines"] = lines
    frame.attrs["path"] = shown
    return frame


def _read_csv(path: Path, shown: str, expected: list[str]) -> tuple[list[list[str]], list[int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataError(shown, "file not found") from err
    except UnicodeDecodeError as err:
        raise DataError(shown, f"not UTF-8 ({err.reason} at byte {err.start})") from err
    if text.startswith("\ufeff"):
        raise DataError(shown, "starts with a byte-order mark; save as UTF-8 without BOM", 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    lines: list[int] = []
    try:
        header = next(reader, None)
        if header is None:
            raise DataError(shown, "the file is empty; expected a header row", 1)
        for column in expected:
            if column not in header:
                raise DataError(shown, f"missing column (header is: {','.join(header)})", 1, column)
        for column in header:
            if column not in expected:
                raise DataError(shown, "column not declared in datapackage.json", 1, column)
        if header != expected:
            raise DataError(shown, f"columns out of order; expected {','.join(expected)}", 1)
        start = reader.line_num + 1
        for rec in reader:
            if not rec:
                raise DataError(shown, "blank line", reader.line_num)
            if len(rec) != len(header):
                raise DataError(
                    shown, f"{len(rec)} fields where the header has {len(header)}", start
                )
            records.append(rec)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        raise DataError(shown, f"malformed CSV: {err}", reader.line_num) from err
    return records, lines


_DTYPES = {
    "string": object,
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "year": "Int64",
}
_INT = re.compile(r"-?\d+")


def _cell(value: str, field: dict[str, Any], shown: str, line: int) -> Any:
    name, kind = field["name"], field.get("type", "string")
    rules = field.get("constraints", {})

    def fail(message: str) -> DataError:
        return DataError(shown, message, line, name)

    if value != value.strip():
        raise fail(f"leading or trailing spaces in {value!r}")
    if value == "":
        if rules.get("required"):
            raise fail("a value is required")
        return None if kind != "string" else ""
    if kind in ("integer", "year"):
        if not _INT.fullmatch(value):
            raise fail(f"'{value}' is not an integer")
        parsed: Any = int(value)
    elif kind == "number":
        try:
            parsed = float(value)
        except ValueError:
            raise fail(f"'{value}' is not a number") from None
        if not math.isfinite(parsed):
            raise fail(f"'{value}' is not a finite number")
    elif kind == "boolean":
        if value not in ("true", "false"):
            raise fail(f"'{value}' is not a boolean (true or false)")
        parsed = value == "true"
    elif kind == "string":
        parsed = value
    else:
        raise fail(f"unsupported field type '{kind}' in datapackage.json")
    if "enum" in rules and parsed not in rules["enum"]:
        raise fail(f"'{value}' is not one of: {', '.join(map(str, rules['enum']))}")
    if "maxLength" in rules and len(value) > rules["maxLength"]:
        raise fail(f"{len(value)} characters, more than the maximum {rules['maxLength']}")
    if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
        raise fail(f"'{value}' does not match the pattern {rules['pattern']}")
    if "minimum" in rules and parsed < rules["minimum"]:
        raise fail(f"{value} is below the minimum {rules['minimum']}")
    if "maximum" in rules and parsed > rules["maximum"]:
        raise fail(f"{value} is above the maximum {rules['maximum']}")
    if field.get("x-format") == "edtf":
        _check_edtf(value, fail)
    return parsed


def _check_edtf(value: str, fail: Callable[[str], DataError]) -> None:
    from helpers.dates import parse_edtf

    try:
        parse_edtf(value)
    except ValueError as err:
        raise fail(str(err)) from None


def _check_unique(values: list[str], lines: list[int], shown: str, column: str) -> None:
    seen: dict[str, int] = {}
    for value, line in zip(values, lines, strict=True):
        if value.replace("\x1f", "") == "":
            continue
        if value in seen:
            shown_value = value.replace("\x1f", ", ")
            raise DataError(
                shown, f"duplicate id '{shown_value}' (first at row {seen[value]})", line, column
            )
        seen[value] = line


def _known_ids(root: Path, resource: str, field: str | None = None) -> set[str]:
    """The ids in ``field`` of ``resource`` (by default the field of its primary key)."""
    field = field or _resource(root, resource)["schema"]["primaryKey"]
    return {str(v) for v in _load(root, resource)[field] if v not in ("", None)}


def unknown_id_message(value: str, known: set[str], resource: str) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown {resource} id '{value}'{hint}"


def _check_foreign_key(
    root: Path, name: str, frame: pd.DataFrame, lines: list[int], shown: str, fk: dict[str, Any]
) -> None:
    fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
    ref = fk["reference"]
    ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
    if len(fields) != 1 or len(ref_fields) != 1:
        raise DataError(shown, "only single-column foreign keys are supported")
    target = ref.get("resource") or name
    known = (
        {str(v) for v in frame[ref_fields[0]] if v not in ("", None)}
        if target == name
        else _known_ids(root, target, ref_fields[0])
    )
    for value, line in zip(frame[fields[0]], lines, strict=True):
        if value not in ("", None) and str(value) not in known:
            raise DataError(shown, unknown_id_message(str(value), known, target), line, fields[0])


def _check_id_list(
    root: Path, column: pd.Series, lines: list[int], shown: str, name: str, target: str
) -> None:
    known = _known_ids(root, target)
    for cell, line in zip(column, lines, strict=True):
        if cell == "":
            continue
        for item in cell.split(";"):
            if item == "" or item != item.strip():
                raise DataError(shown, f"malformed ';'-separated list {cell!r}", line, name)
            if item not in known:
                raise DataError(shown, unknown_id_message(item, known, target), line, name)


def _claim_rules(row: dict[str, Any]) -> tuple[str, str] | None:
    """A claim needs a date and a value or a bound (unless rejected); its value lies within its
    own bounds."""
    import pandas as pd

    value, low, high = (
        None if pd.isna(row[k]) else row[k] for k in ("value", "at_least", "at_most")
    )
    if row["kind"] != "rejected":
        if value is None and low is None and high is None:
            return "value", "a claim needs a value, an at_least or an at_most"
        if not row["refers_to"]:
            return "refers_to", "a value is required (only a rejected claim may lack a date)"
    if low is not None and high is not None and low > high:
        return "at_least", f"at_least {low:g} is greater than at_most {high:g}"
    if value is not None and low is not None and value < low:
        return "value", f"value {value:g} is below its own at_least {low:g}"
    if value is not None and high is not None and value > high:
        return "value", f"value {value:g} is above its own at_most {high:g}"
    return None


def _census_rules(row: dict[str, Any]) -> tuple[str, str] | None:
    """A census value needs its source and a confidence; a gap row has neither."""
    import pandas as pd

    if not pd.isna(row["koreans"]):
        if not row["source_id"]:
            return "source_id", "a value is required when koreans is given"
        if not row["confidence"]:
            return "confidence", "a value is required when koreans is given"
    elif row["confidence"]:
        return "confidence", "must be empty when koreans is empty"
    return None


def _gazetteer_rules(row: dict[str, Any]) -> tuple[str, str] | None:
    """A coordinate needs both halves and the source it was read from."""
    import pandas as pd

    has_lat, has_lon = not pd.isna(row["lat"]), not pd.isna(row["lon"])
    if has_lat != has_lon:
        return (
            "lon" if has_lat else "lat"
        ), "a value is required when the other coordinate is given"
    if has_lat and not row["geo_source"]:
        return "geo_source", "a value is required when coordinates are given"
    return None


ROW_CHECKS: dict[str, Callable[[dict[str, Any]], tuple[str, str] | None]] = {
    "claims": _claim_rules,
    "census": _census_rules,
    "gazetteer": _gazetteer_rules,
}
