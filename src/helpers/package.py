"""Find ``data/`` and read its Frictionless descriptor, ``datapackage.json``, checking its shape."""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from helpers import cells
from helpers.errors import DataError

ENV_VAR = "KORYO1937_DATA"
DESCRIPTOR = "datapackage.json"


def _candidates(cwd: Path) -> list[Path]:
    here = Path(__file__).resolve().parent
    return [*here.parents, cwd, *cwd.parents]


def data_dir() -> Path:
    """Return the data folder: ``$KORYO1937_DATA`` if set, else ``data/`` of the checkout.

    The checkout is found from this package's location (an editable install) or, failing
    that, from the working directory and its parents (a notebook runs in ``notebooks/``).
    The answer is remembered per setting and working directory (notebooks ask thousands of times).
    """
    env = os.environ.get(ENV_VAR)
    return _given_dir(env) if env else _checkout_dir(os.getcwd())


@cache
def _given_dir(env: str) -> Path:
    if not (Path(env) / DESCRIPTOR).is_file():
        raise FileNotFoundError(f"no {DESCRIPTOR} in {env} (set by ${ENV_VAR})")
    return Path(env)


@cache
def _checkout_dir(cwd: str) -> Path:
    for folder in _candidates(Path(cwd)):
        if (folder / "data" / DESCRIPTOR).is_file():
            return folder / "data"
    raise FileNotFoundError(f"no data/{DESCRIPTOR} found; set ${ENV_VAR} to the data folder")


def clear_cache() -> None:
    """Forget the data folders found so far and the descriptors read."""
    _given_dir.cache_clear()
    _checkout_dir.cache_clear()
    descriptor.cache_clear()


def shown(root: Path, rel: str) -> str:
    """Name a file of the package as messages do: ``data/figures/claims.csv``."""
    return f"{root.name}/{rel}"


@cache
def descriptor(root: Path) -> dict[str, Any]:
    """Return the parsed descriptor; a broken one raises :class:`DataError` saying what is wrong."""
    where = shown(root, DESCRIPTOR)
    raw = (root / DESCRIPTOR).read_bytes()
    try:
        parsed = json.loads(raw.decode("utf-8"))
    except json.JSONDecodeError as err:
        raise DataError(where, f"not valid JSON: {err.msg}", err.lineno) from None
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        raise DataError(where, "not UTF-8; save the descriptor as UTF-8", row) from None
    problems = descriptor_problems(parsed, root)
    if problems:
        raise problems[0]
    return parsed


def descriptor_problems(parsed: Any, root: Path) -> list[DataError]:
    """List what makes a descriptor unusable, each at the line of the resource concerned.

    No resources; a resource with no name, path or schema, a path that leaves the data folder
    or names a folder; a name used twice; fields of an unsupported type or with a pattern that is
    not a regular expression; keys and ``x-list-of`` naming columns or tables that do not exist.
    """
    where = shown(root, DESCRIPTOR)
    if not isinstance(parsed, dict) or not isinstance(parsed.get("resources"), list):
        return [DataError(where, "no 'resources' list: the descriptor declares no tables")]
    if not parsed["resources"]:
        return [DataError(where, "'resources' is empty: the descriptor declares no tables")]
    names = [r.get("name") if isinstance(r, dict) else None for r in parsed["resources"]]
    text = _text(root)
    problems = []
    for i, res in enumerate(parsed["resources"]):
        name = names[i] or f"#{i + 1}"
        row = _line_of(text, names[i], names[:i].count(names[i])) if names[i] else None
        if names[i] in names[:i]:
            problems.append(DataError(where, f"resource name '{name}' is used twice", row))
            continue
        problems += [
            DataError(where, f"resource '{name}': {m}", row)
            for m in _resource_problems(res, root, names)
        ]
    return problems


def _text(root: Path) -> str:
    try:
        return (root / DESCRIPTOR).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _line_of(text: str, name: str, nth: int) -> int | None:
    """Return the line of the ``nth`` (from 0) ``"name": "<name>"`` after ``"resources"``."""
    offset = max(text.find('"resources"'), 0)
    pattern = re.compile(rf'"name"\s*:\s*{re.escape(json.dumps(name, ensure_ascii=False))}')
    found = list(pattern.finditer(text, offset))
    return text[: found[nth].start()].count("\n") + 1 if len(found) > nth else None


def _resource_problems(res: Any, root: Path, names: list[Any]) -> list[str]:
    if not isinstance(res, dict) or not res.get("name") or not isinstance(res.get("path"), str):
        return ["needs a 'name' and a 'path'"]
    schema = res.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return ["no schema with 'fields'"]
    target = (root / res["path"]).resolve()
    if Path(res["path"]).is_absolute() or not target.is_relative_to(root.resolve()):
        return [f"path '{res['path']}' is outside data/"]
    if target.is_dir():
        return [f"path '{res['path']}' is a folder, not a table"]
    return _field_problems(schema["fields"]) or _key_problems(schema, names)


def _field_problems(fields: list[Any]) -> list[str]:
    problems = []
    for i, field in enumerate(fields):
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            problems.append(f"field #{i + 1} has no name")
            continue
        kind = field.get("type", "string")
        if kind not in cells.TYPES:
            problems.append(
                f"field '{field['name']}' has type '{kind}'; supported: {', '.join(cells.TYPES)}"
            )
        pattern = field.get("constraints", {}).get("pattern")
        try:
            re.compile(pattern or "")
        except (re.error, TypeError) as err:
            problems.append(f"field '{field['name']}': pattern {pattern!r} is not valid ({err})")
    return problems


def _key_problems(schema: dict[str, Any], names: list[Any]) -> list[str]:
    columns = {f["name"] for f in schema["fields"]}
    problems = []
    for column in _as_list(schema.get("primaryKey", [])):
        if column not in columns:
            problems.append(f"primaryKey names '{column}', which is not a field")
    for fk in schema.get("foreignKeys", []):
        target = fk.get("reference", {}).get("resource")
        if target and target not in names:
            problems.append(f"a foreign key refers to '{target}', which is not a table")
        problems += [
            f"a foreign key names '{c}', which is not a field"
            for c in _as_list(fk.get("fields", []))
            if c not in columns
        ]
    problems += [
        f"field '{f['name']}': x-list-of names '{t}', which is not a table"
        for f in schema["fields"]
        for t in _as_list(f.get("x-list-of", []))
        if t not in names
    ]
    return problems


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def resource(root: Path, name: str) -> dict[str, Any]:
    """Return the descriptor's entry for table ``name``; :class:`KeyError` lists the known ones."""
    for res in descriptor(root)["resources"]:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in descriptor(root)["resources"])
    raise KeyError(f"no table '{name}' in the data package; known tables: {known}")
