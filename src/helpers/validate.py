"""Check everything in ``data/`` and print every problem, one line each: ``make validate``.

    python -m helpers.validate            # the data folder ($KORYO1937_DATA if set)
    python -m helpers.validate PATH       # another data folder

Checks the descriptor, every table (cells, keys, row and cross-table rules), the TEI texts and the
base map. Prints ``file, row N, column 'c': message`` for each problem and exits 1, or one summary
line and exits 0. It never prints a traceback: an unexpected failure is reported as one line too.

Tables are checked in the order of their references (a table before the tables that cite it), so
that the first line names the cause; a reference into a table that cannot be read at all is not
reported again for every row that cites it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from helpers import basemap, data, package, tei
from helpers.errors import DataError, RuleError

#: Problems that make a whole table unreadable (references into it are not reported again).
_BROKEN = ("malformed CSV", "the table has a header but no rows", "a quoted cell runs on")


def _descriptor_problems(root: Path) -> list[DataError]:
    where = package.shown(root, package.DESCRIPTOR)
    try:
        raw = (root / package.DESCRIPTOR).read_bytes()
        parsed = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return [DataError(where, "file not found")]
    except IsADirectoryError:
        return [DataError(where, "is a folder, not a file")]
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        return [DataError(where, "not UTF-8; save the descriptor as UTF-8", row)]
    except json.JSONDecodeError as err:
        return [DataError(where, f"not valid JSON: {err.msg}", err.lineno)]
    return package.descriptor_problems(parsed, root)


def _references(res: dict[str, Any]) -> list[str]:
    schema = res["schema"]
    targets = [fk["reference"].get("resource") for fk in schema.get("foreignKeys", [])]
    for field in (f for f in schema["fields"] if "x-list-of" in f):
        lists = field["x-list-of"]
        targets += lists if isinstance(lists, list) else [lists]
    return [t for t in targets if t and t != res["name"]]


def order(root: Path) -> list[str]:
    """Return the tables of the package, each after the tables it refers to."""
    resources = {r["name"]: r for r in package.descriptor(root)["resources"]}
    done: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done or name in path:
            return
        for target in _references(resources[name]):
            visit(target, (*path, name))
        done.append(name)

    for name in resources:
        visit(name, ())
    return done


def _without_cascades(problems: list[DataError]) -> list[DataError]:
    """Drop rule problems on rows whose cells already have a problem (the rule saw them empty)."""
    bad_rows = {(p.path, p.row) for p in problems if not isinstance(p, RuleError)}
    return [p for p in problems if not (isinstance(p, RuleError) and (p.path, p.row) in bad_rows)]


def _broken(problems: list[DataError]) -> bool:
    return any(p.row in (None, 1) or p.detail.startswith(_BROKEN) for p in problems)


def clear_cache() -> None:
    """Forget everything read so far: tables, descriptor, TEI texts, base map."""
    data.clear_cache()


def collect(root: Path) -> tuple[list[DataError], dict[str, int]]:
    """Return every problem of the data package in ``root``, and the rows of each table."""
    clear_cache()
    found = _descriptor_problems(root)
    if found:
        return found, {}
    rows, broken = {}, set()
    for name in order(root):
        problems = _without_cascades(data.problems(name, root))
        if _broken(problems):
            broken.add(name)
        found += problems
        rows[name] = data.size(name, root)
    cascade = tuple(f"unknown {name} id " for name in broken)
    found = [p for p in found if not p.detail.startswith(cascade)]
    found += tei.problems(root) + basemap.problems(root)
    return found, rows


def report(root: Path) -> int:
    """Print every problem (exit status 1) or a one-line summary (exit status 0)."""
    found, rows = collect(root)
    for problem in found:
        print(problem)
    if found:
        print(f"{len(found)} problem(s) in {root}", file=sys.stderr)
        return 1
    texts = len(list((root / tei.TEXTS).glob("*.xml")))
    print(
        f"{root.name}/: valid: {len(rows)} tables, {sum(rows.values())} rows, "
        f"{texts} TEI files, base map with {len(basemap.LAYERS)} layers"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line: print the problems (exit 1) or a summary (exit 0)."""
    parser = argparse.ArgumentParser(prog="python -m helpers.validate", description=__doc__)
    parser.add_argument("folder", nargs="?", help="the data folder (default: data/)")
    args = parser.parse_args(argv)
    try:
        root = Path(args.folder) if args.folder else package.data_dir()
        return report(root)
    except Exception as err:  # the promise is: one line, never a traceback
        print(f"validate: could not finish ({type(err).__name__}: {err})", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
