"""Benchmark: the floor, each notebook, `make test` and `make book`, as ratios to the floor.

Run by hand (`make bench`), never by the tests; paste its output into the README.

The *floor* is what any notebook costs before it does anything of its own: a fresh kernel that
imports pandas, geopandas and matplotlib, run through the same executor as the notebooks.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import build

ROOT = build.ROOT
FLOOR_SOURCE = "import pandas, geopandas, matplotlib"


def floor(runs: int = 3) -> float:
    """Median seconds to execute a one-cell notebook importing the stack in a fresh kernel."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "floor.ipynb"
        nbformat.write(nb, path)
        for _ in range(runs):
            times.append(build.execute(path, path))
    return statistics.median(times)


def timed(command: list[str]) -> float:
    """Seconds a command takes (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def machine() -> str:
    """One line describing the machine."""
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{mem}, "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    """Measure and print the table."""
    print(f"machine: {machine()}")
    base = floor()
    rows = [("floor (fresh kernel + import pandas, geopandas, matplotlib)", base)]
    with tempfile.TemporaryDirectory() as tmp:
        for nb in build.notebooks():
            rows.append((f"notebook {nb.name}", build.execute(nb, Path(tmp) / nb.name)))
    make = os.environ.get("MAKE", "make")
    rows.append(("make test (warm)", timed([make, "--no-print-directory", "test"])))
    rows.append(("make book (warm)", timed([make, "--no-print-directory", "book"])))
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  {'seconds':>8}  {'x floor':>8}")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:8.1f}  {seconds / base:8.1f}")
    targets = [(n, s) for n, s in rows if n.startswith("notebook") and s > 1.5 * base + 3]
    for name, seconds in targets:
        print(f"over target (1.5 x floor + 3 s = {1.5 * base + 3:.1f} s): {name} {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
