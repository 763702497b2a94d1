"""Run several commands at once and report each one's output in order, as if run one by one.

    python tools/together.py "CMD1" "CMD2 && CMD3" ...

The machine has two cores; the unit tests, the notebooks under nbval and the robustness check
keep them busy together. Output is buffered per command and printed when all have finished, in
the order given; the exit status is the first non-zero status, else 0.
"""

from __future__ import annotations

import subprocess
import sys
import time


def main(commands: list[str]) -> int:
    """Start every command, wait for all, print their outputs in order; return the status."""
    started = time.perf_counter()
    running = [
        subprocess.Popen(  # the commands are the Makefile's own, run by the shell
            c, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for c in commands
    ]
    status = 0
    for command, process in zip(commands, running, strict=True):
        output, _ = process.communicate()
        print(f"$ {command}\n{output}", end="" if output.endswith("\n") else "\n", flush=True)
        if process.returncode and not status:
            status = process.returncode
    print(f"({len(commands)} commands together in {time.perf_counter() - started:.1f} s)")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
