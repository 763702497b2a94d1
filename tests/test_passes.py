"""A check that passed is not run again only while every one of its inputs is unchanged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import passes
import pytest

LOG = "ran.txt"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small project with one check ``demo`` over ``inputs/`` and ``env.lock``."""
    (tmp_path / "inputs" / "sub").mkdir(parents=True)
    (tmp_path / "inputs" / "a.csv").write_text("id\n1\n")
    (tmp_path / "inputs" / "sub" / "b.txt").write_text("b")
    (tmp_path / "env.lock").write_text("pkg==1\n")
    monkeypatch.setattr(passes, "ROOT", tmp_path)
    monkeypatch.setattr(passes, "RECORDS", tmp_path / "_build" / "passed")
    monkeypatch.setitem(passes.CHECKS, "demo", ["inputs", "env.lock"])
    monkeypatch.setattr(passes, "NBVAL", ["env.lock"])
    monkeypatch.delenv(passes.FRESH, raising=False)
    return tmp_path


def _command(*args: str) -> list[str]:
    """A command that logs its arguments to ran.txt and exits with the number in status.txt."""
    code = (
        "import pathlib, sys; open('ran.txt', 'a').write(' '.join(sys.argv[1:]) + '\\n'); "
        "s = pathlib.Path('status.txt'); sys.exit(int(s.read_text()) if s.exists() else 0)"
    )
    return [sys.executable, "-c", code, *args]


def _runs(project: Path) -> list[str]:
    log = project / LOG
    return log.read_text().splitlines() if log.is_file() else []


def test_the_key_changes_with_any_input(project: Path) -> None:
    before = passes.key(passes.CHECKS["demo"])
    assert passes.key(passes.CHECKS["demo"]) == before
    changes = [
        lambda: (project / "inputs" / "a.csv").write_text("id\n2\n"),
        lambda: (project / "inputs" / "sub" / "c.txt").write_text("new"),
        lambda: (project / "inputs" / "sub" / "c.txt").rename(project / "inputs" / "c.txt"),
        lambda: (project / "inputs" / "sub" / "b.txt").unlink(),
        lambda: (project / "env.lock").write_text("pkg==2\n"),
    ]
    seen = {before}
    for change in changes:
        change()
        now = passes.key(passes.CHECKS["demo"])
        assert now not in seen, change
        seen.add(now)
    assert passes.key(passes.CHECKS["demo"], command=["check", "--strict"]) not in seen


def test_a_pass_is_reused_until_an_input_changes(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    check = _command("check")
    assert passes.run("demo", check) == 0
    assert passes.run("demo", check) == 0
    assert len(_runs(project)) == 1
    assert "not run again, passed with the same inputs" in capsys.readouterr().out
    (project / "inputs" / "a.csv").write_text("id\n3\n")
    assert passes.run("demo", check) == 0
    monkeypatch.setenv(passes.FRESH, "1")
    assert passes.run("demo", check) == 0
    assert len(_runs(project)) == 3


def test_a_changed_command_runs_the_check_again(project: Path) -> None:
    assert passes.run("demo", _command("one")) == 0
    assert passes.run("demo", _command("two")) == 0
    assert _runs(project) == ["one", "two"]


def test_a_failure_is_not_recorded(project: Path) -> None:
    (project / "status.txt").write_text("3")
    assert passes.run("demo", _command("check")) == 3
    (project / "status.txt").unlink()
    assert passes.run("demo", _command("check")) == 0
    assert passes.run("demo", _command("check")) == 0
    assert _runs(project) == ["check", "check"]


def test_nbval_runs_only_the_notebooks_whose_inputs_changed(project: Path) -> None:
    for name in ("01_a.ipynb", "02_b.ipynb"):
        (project / name).write_text("{}")
    command = _command("--nbval", "01_a.ipynb", "02_b.ipynb")
    assert passes.nbval(command) == 0
    assert passes.nbval(command) == 0  # nothing changed: not run
    (project / "02_b.ipynb").write_text('{"cells": []}')
    assert passes.nbval(command) == 0
    (project / "env.lock").write_text("pkg==3\n")  # shared by both
    assert passes.nbval(command) == 0
    assert _runs(project) == [
        "--nbval 01_a.ipynb 02_b.ipynb",
        "--nbval 02_b.ipynb",
        "--nbval 01_a.ipynb 02_b.ipynb",
    ]


def test_a_failed_nbval_run_records_no_notebook(project: Path) -> None:
    (project / "01_a.ipynb").write_text("{}")
    (project / "status.txt").write_text("1")
    assert passes.nbval(_command("01_a.ipynb")) == 1
    (project / "status.txt").unlink()
    assert passes.nbval(_command("01_a.ipynb")) == 0
    assert passes.nbval(_command("01_a.ipynb")) == 0
    assert _runs(project) == ["01_a.ipynb", "01_a.ipynb"]


def test_the_command_line_refuses_unknown_checks(project: Path) -> None:
    assert passes.main(["run", "nosuch", "--", "true"]) == 2
    assert passes.main(["run", "demo"]) == 2


def test_every_declared_input_exists() -> None:
    root = Path(__file__).resolve().parents[1]
    declared = {p for inputs in passes.CHECKS.values() for p in inputs} | set(passes.NBVAL)
    missing = [p for p in declared if p != "_build/html" and not (root / p).exists()]
    assert not missing


def test_the_unit_tests_always_run_and_coverage_is_measured_again_after_any_change(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passes, "project_files", lambda: ["inputs/a.csv", "env.lock"])
    tests = _command("-n", "2", "--cov", "--cov-report=term", "--cov-fail-under=90", "tests")
    for _ in range(2):
        assert passes.coverage(tests) == 0
    (project / "inputs" / "a.csv").write_text("id\n4\n")
    assert passes.coverage(tests) == 0
    monkeypatch.setenv(passes.FRESH, "1")
    assert passes.coverage(tests) == 0
    measured = "-n 2 --cov --cov-report=term --cov-fail-under=90 tests"
    assert _runs(project) == [measured, "-n 2 tests", measured, measured]


def test_coverage_that_failed_is_measured_again(project: Path, monkeypatch) -> None:
    monkeypatch.setattr(passes, "project_files", lambda: ["env.lock"])
    (project / "status.txt").write_text("2")  # e.g. below the floor
    assert passes.coverage(_command("--cov", "--cov-report=term", "tests")) == 2
    (project / "status.txt").unlink()
    assert passes.coverage(_command("--cov", "--cov-report=term", "tests")) == 0
    assert _runs(project) == ["--cov --cov-report=term tests"] * 2


@pytest.mark.parametrize(
    ("command", "plain"),
    [
        (
            ["-n", "2", "--cov", "--cov-report=term", "--cov-fail-under=90", "tests"],
            ["-n", "2", "tests"],
        ),
        (["--cov=helpers", "--cov-branch", "--cov-append", "tests"], ["tests"]),
        (["tests", "--cov"], ["tests"]),
    ],
)
def test_coverage_options_are_dropped_when_coverage_is_reused(command, plain) -> None:
    assert passes._without_coverage(command) == plain


@pytest.mark.parametrize(
    "command", [["--cov", "tests"], ["--cov-fail-under", "90", "tests"], ["--cov-report", "x"]]
)
def test_a_coverage_option_written_as_two_words_is_refused(command) -> None:
    with pytest.raises(SystemExit, match="--cov=X or --cov-x=value"):
        passes._without_coverage(command)


def test_without_git_coverage_is_measured_and_nothing_recorded(project: Path) -> None:
    # project is a temporary folder, not a git repository: git cannot list its files
    assert passes.project_files() is None
    for _ in range(2):
        assert passes.coverage(_command("--cov", "--cov-report=term", "tests")) == 0
    assert _runs(project) == ["--cov --cov-report=term tests"] * 2
    assert not passes.RECORDS.exists()


def test_data_from_another_folder_is_never_reused_nor_recorded(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(passes.DATA_FOLDER, str(project / "elsewhere"))
    for _ in range(2):
        assert passes.run("demo", _command("check")) == 0
    assert _runs(project) == ["check", "check"]
    assert not passes.RECORDS.exists()


def test_the_project_files_are_what_git_sees_plus_new_files(project: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)

    git("init", "-q")
    (project / ".gitignore").write_text("_build/\n")
    git("add", "inputs/a.csv", ".gitignore")
    (project / "new.txt").write_text("not yet added")
    (project / "_build").mkdir()
    (project / "_build" / "out.txt").write_text("ignored")
    (project / "inputs" / "a.csv").write_text("id\n9\n")  # changed, not committed
    files = passes.project_files()
    assert files == [".gitignore", "env.lock", "inputs/a.csv", "inputs/sub/b.txt", "new.txt"]


def test_a_forgotten_pass_runs_again(project: Path) -> None:
    assert passes.run("demo", _command("check")) == 0
    passes.forget("demo")
    passes.forget("demo")  # forgetting twice is harmless
    assert passes.run("demo", _command("check")) == 0
    assert _runs(project) == ["check", "check"]
