"""Benchmark: what each step costs, as a ratio to the floor measured in the same run.

Run by hand (`make bench`), never by the tests; paste its output into the README. Targets
(issue 8): every table loaded in at most 0.3 s in a fresh process; each notebook's own work
(its time minus the floor) at most 2 s; `make book` with nothing changed at most 4 × floor; warm
`make test` at most 45 s (and, for comparison, `make test` measuring coverage again, as after a
change to any file, and `FRESH=1 make test`, which runs every check even when it passed for the
same inputs before); a fresh set-up at most 90 s (`--fresh`, which
builds a new virtual environment with empty package caches in a temporary folder).

The *floor* is what any notebook costs before it does anything of its own: a fresh kernel that
imports pandas, geopandas and matplotlib, run through the same executor as the notebooks. The
floor and the notebooks are run in rounds (the floor, then every notebook), so that a notebook's
own work is taken against the floor of its own round: the speed of a shared machine drifts.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import build
import nbformat
import passes

ROOT = build.ROOT
FLOOR_SOURCE = "import pandas, geopandas, matplotlib"
#: Rounds (a run of the floor and of every notebook): a single run can be off by over a second.
RUNS = 5
LOAD_TABLES = (
    "import time; from helpers import data; names = data.resource_names(); "
    "times = {}\n"
    "for n in names:\n"
    "    t = time.perf_counter(); data.load(n); times[n] = time.perf_counter() - t\n"
    "print(max(times, key=times.get), max(times.values()))"
)


def floor_notebook(folder: Path) -> Path:
    """A one-cell notebook, in ``folder``, that imports the stack (the floor)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return path


def notebook_rounds(rounds: int = RUNS) -> tuple[list[float], dict[str, list[float]]]:
    """Seconds of the floor in each round, and of each notebook's own work (its time minus the
    floor of the same round) in each round.
    """
    floors: list[float] = []
    own: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = floor_notebook(Path(tmp))
        for _ in range(rounds):
            floors.append(build.execute(path, path))
            for nb in build.notebooks():
                seconds = build.execute(nb, Path(tmp) / nb.name)
                own.setdefault(nb.name, []).append(seconds - floors[-1])
    return floors, own


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds a command takes (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def slowest_table() -> tuple[str, float]:
    """The slowest table to load in a fresh process (after importing helpers.data)."""
    out = subprocess.run(
        [sys.executable, "-c", LOAD_TABLES], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return out[0], float(out[1])


def fresh_setup() -> float:
    """Seconds for `make setup` into a new virtual environment with empty package caches."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "UV_NO_CACHE": "1", "PIP_NO_CACHE_DIR": "1"}
        return timed(["make", "--no-print-directory", "setup", f"VENV={tmp}/venv"], env=env)


def machine() -> str:
    """One line describing the machine."""
    kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"{kb / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}"
    )


def rows(fresh: bool) -> list[tuple[str, float]]:
    """Every measurement of one run, the floor first."""
    floors, own = notebook_rounds()
    base = median(floors)
    out = [(f"floor (fresh kernel + import pandas, geopandas, matplotlib; median of {RUNS})", base)]
    for name, works in own.items():
        spread = f"{min(works):.2f}-{max(works):.2f} s"
        out.append((f"notebook {name}: own work (median of {RUNS}; {spread})", median(works)))
    name, seconds = slowest_table()
    out.append((f"slowest table in a fresh process ({name})", seconds))
    make = os.environ.get("MAKE", "make")
    timed([make, "--no-print-directory", "book"])  # make sure the cache is warm
    out.append(("make book, nothing changed", timed([make, "--no-print-directory", "book"])))
    test = [make, "--no-print-directory", "test"]
    timed(test)  # the checks' pass records match the tree (tools/passes.py)
    out.append(("make test (warm: checks passed for the same inputs not run)", timed(test)))
    passes.forget(passes.COVERAGE)  # as after a change to any file of the project
    out.append(("make test, coverage measured again (other passes reused)", timed(test)))
    everything = {**os.environ, passes.FRESH: "1"}
    out.append(("make test, FRESH=1 (every check run)", timed(test, env=everything)))
    if fresh:
        out.append(("fresh set-up (new venv, empty caches)", fresh_setup()))
    return out


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fresh", action="store_true", help="also time a fresh set-up")
    args = parser.parse_args(argv)
    print(f"machine: {machine()}")
    measured = rows(args.fresh)
    base = measured[0][1]
    width = max(len(name) for name, _ in measured)
    print(f"{'what':<{width}}  {'seconds':>8}  {'x floor':>8}")
    for name, seconds in measured:
        print(f"{name:<{width}}  {seconds:8.2f}  {seconds / base:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
