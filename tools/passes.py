"""Checks that passed for the same inputs are not run again by a warm ``make test``.

    python tools/passes.py run NAME -- COMMAND ...          # a check over fixed inputs
    python tools/passes.py nbval -- COMMAND ... NOTEBOOKS   # nbval, notebook by notebook
    python tools/passes.py coverage -- PYTEST ... --cov ... # the unit tests, coverage measured
                                                            # only when the project changed

Three checks of ``make test`` are pure functions of files: nbval on a notebook (the notebook,
``data/``, ``src/helpers/``, the test set-up, the locked environment), the table of bad inputs
(``docs/robustness.md`` against the validator) and the browser test (the built site against the
browser). When a check passes, its *key*, a SHA-256 of every one of its inputs (file names and
bytes, the command that runs the check, the Python version, the browser's files), is written to
``_build/passed/``. When the key is unchanged the check is reported as passed before and not
run again; change any input and it runs. ``nbval`` runs only the notebooks whose key changed.

The unit tests run every time. What is reused is their coverage measurement (which slows them
by about half): its key covers every file of the project (:func:`project_files`), and while it
is unchanged since coverage was measured and met its floor, the tests run without the
``--cov`` options (written ``--cov``, ``--cov=X``, ``--cov-x=value`` or a flag). Where git cannot
list the project's files, coverage is measured every time.

A fresh clone has no record, so CI runs and measures everything; ``FRESH=1 make test`` (or
deleting ``_build/passed/``) does too, and so does pointing the helpers at another data folder
with ``$KORYO1937_DATA``, which no key covers. A failed run records nothing.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "_build" / "passed"
FRESH = "FRESH"
#: The variable that points the helpers at another data folder (keys cover only ``data/``).
DATA_FOLDER = "KORYO1937_DATA"

#: What every check depends on: the locked environment and the kernel environment.
ENVIRONMENT = ["requirements.lock", "pyproject.toml", "tools/kernel.env"]
#: What a notebook's outputs depend on, beside the notebook itself (``make book`` uses it too).
EXECUTION = [*ENVIRONMENT, "data", "src/helpers"]
#: Inputs of nbval on one notebook, beside the notebook itself.
NBVAL = [
    *EXECUTION,
    "conftest.py",
    "tools/kernelenv.py",
    "tests/nbval_sanitize.cfg",
]
#: The inputs of each named check (files or folders, relative to the project).
CHECKS: dict[str, list[str]] = {
    "robustness": [
        *ENVIRONMENT,
        "data",
        "src/helpers",
        "tools/robustness.py",
        "docs/robustness.md",
    ],
    "browser": [
        *ENVIRONMENT,
        "_build/html",
        "src/helpers",  # the test checks alt text with helpers.plotting.check_alt
        "tests/test_browser.py",
        "tests/conftest.py",
        "conftest.py",
        "package-lock.json",
    ],
}
#: The record of the unit tests' coverage measurement.
COVERAGE = "coverage"
#: Programs whose installed version is an input of a check: identified by size and time stamp.
PROGRAMS: dict[str, list[str]] = {
    "browser": ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/lib/chromium/chromium"],
}


def _files(path: Path) -> Iterable[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        yield from sorted(
            p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )


def add_files(digest: hashlib._Hash, paths: Iterable[Path]) -> None:
    """Add the name (relative to the project) and bytes of every file under ``paths``."""
    for top in paths:
        digest.update(f"<{top.relative_to(ROOT).as_posix()}>".encode())
        for path in _files(top):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())


def key(inputs: Iterable[str], programs: Iterable[str] = (), command: Iterable[str] = ()) -> str:
    """The SHA-256 of the inputs (project-relative paths), the programs, the command that runs
    the check and the Python version.
    """
    digest = hashlib.sha256(sys.version.encode())
    digest.update(shlex.join(command).encode() + b"\0")
    add_files(digest, [ROOT / p for p in inputs])
    for program in programs:
        path = Path(program).resolve()
        stat = path.stat() if path.is_file() else None
        digest.update(f"{path}:{stat and (stat.st_size, stat.st_mtime_ns)}".encode())
    return digest.hexdigest()


def _record(name: str) -> Path:
    return RECORDS / f"{name}.sha256"


def outside_data() -> bool:
    """Whether the data read is a folder named by ``$KORYO1937_DATA``, which no key covers."""
    return bool(os.environ.get(DATA_FOLDER))


def passed(name: str, wanted: str) -> bool:
    """Whether check ``name`` passed for key ``wanted`` (never when ``FRESH`` is set, nor when
    ``$KORYO1937_DATA`` names the data folder).
    """
    record = _record(name)
    if os.environ.get(FRESH) or outside_data():
        return False
    return record.is_file() and record.read_text() == wanted


def record(name: str, wanted: str) -> None:
    """Remember that check ``name`` passed for key ``wanted`` (not for data from elsewhere)."""
    if outside_data():
        return
    RECORDS.mkdir(parents=True, exist_ok=True)
    _record(name).write_text(wanted)


def forget(name: str) -> None:
    """Forget the pass of check ``name`` (it runs, or is measured, again)."""
    _record(name).unlink(missing_ok=True)


def _when(names: list[str]) -> str:
    last = max(_record(n).stat().st_mtime for n in names)
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(last))


def _skipped(names: list[str]) -> None:
    print(
        f"not run again, passed with the same inputs (last pass {_when(names)}): "
        f"{', '.join(names)}. `FRESH=1 make test` runs every check.",
        flush=True,
    )


def run(name: str, command: list[str]) -> int:
    """Run ``command`` unless check ``name`` passed for its current inputs; record a pass."""
    wanted = key(CHECKS[name], PROGRAMS.get(name, ()), command)
    if passed(name, wanted):
        _skipped([name])
        return 0
    status = subprocess.call(command, cwd=ROOT)
    if status == 0:
        record(name, wanted)
    return status


def nbval(command: list[str]) -> int:
    """Run ``command`` (ending with notebook paths) on the notebooks whose inputs changed."""
    split = next(i for i, arg in enumerate(command) if arg.endswith(".ipynb"))
    base, notebooks = command[:split], command[split:]
    keys = {nb: key([nb, *NBVAL], command=base) for nb in notebooks}
    names = {nb: f"nbval-{Path(nb).stem}" for nb in notebooks}
    done = [nb for nb in notebooks if passed(names[nb], keys[nb])]
    if done:
        _skipped([names[nb] for nb in done])
    todo = [nb for nb in notebooks if nb not in done]
    if not todo:
        return 0
    print(f"$ {shlex.join(base)} {' '.join(todo)}", flush=True)
    status = subprocess.call([*base, *todo], cwd=ROOT)
    if status == 0:
        for nb in todo:
            record(names[nb], keys[nb])
    return status


def project_files() -> list[str] | None:
    """Every file of the project (relative paths): tracked by git, or new and not ignored;
    ``None`` when git cannot list them (no git, or not a repository).
    """
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    names = {os.fsdecode(p) for p in listed.split(b"\0") if p}
    return sorted(p for p in names if (ROOT / p).is_file())


#: pytest-cov's options that take no value.
COVERAGE_FLAGS = ("--cov-branch", "--cov-append", "--cov-reset")


def _without_coverage(command: list[str]) -> list[str]:
    """``command`` without its pytest-cov options, which must be written ``--cov``, ``--cov=X``,
    ``--cov-x=value`` or one of :data:`COVERAGE_FLAGS`: an option and its value as two words
    cannot be told apart from a test path.
    """
    plain = []
    for i, arg in enumerate(command):
        following = command[i + 1] if i + 1 < len(command) else "-"
        if arg in COVERAGE_FLAGS or (arg.startswith(("--cov=", "--cov-")) and "=" in arg):
            continue
        if arg.startswith("--cov-") or (arg == "--cov" and not following.startswith("-")):
            raise SystemExit(f"write coverage options as --cov=X or --cov-x=value: {arg}")
        if arg != "--cov":
            plain.append(arg)
    return plain


def coverage(command: list[str]) -> int:
    """Run the unit tests ``command``; with its coverage options only when the project changed
    since coverage was last measured and met its floor (the command exited 0).
    """
    plain = _without_coverage(command)
    files = project_files()
    if files is None:
        print("git cannot list the project's files: coverage is measured", flush=True)
        return subprocess.call(command, cwd=ROOT)
    wanted = key(files, command=command)
    if passed(COVERAGE, wanted):
        print(
            "coverage not measured again: it met its floor with the same project files "
            f"(measured {_when([COVERAGE])}); the tests run without it. `FRESH=1 make test` "
            "measures it.",
            flush=True,
        )
        return subprocess.call(plain, cwd=ROOT)
    status = subprocess.call(command, cwd=ROOT)
    if status == 0:
        record(COVERAGE, wanted)
    return status


def main(argv: list[str]) -> int:
    """``run NAME -- COMMAND``, ``nbval -- COMMAND NOTEBOOKS`` or ``coverage -- COMMAND``."""
    if "--" not in argv or not argv or argv[0] not in ("run", "nbval", "coverage"):
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    head, command = argv[:split], argv[split + 1 :]
    if head[0] == "nbval":
        return nbval(command)
    if head[0] == "coverage":
        return coverage(command)
    if len(head) != 2 or head[1] not in CHECKS:
        print(f"unknown check {head[1:]}; known: {', '.join(CHECKS)}", file=sys.stderr)
        return 2
    return run(head[1], command)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
