"""make book executes a notebook again only when its inputs changed, or its data is elsewhere."""

from __future__ import annotations

from pathlib import Path

import build
import passes
import pytest


@pytest.fixture
def executions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Executions of a fake notebook, whose inputs hash is fixed."""
    ran: list[str] = []

    def fake_execute(source: Path, target: Path) -> float:
        ran.append(source.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("{}")
        return 0.0

    monkeypatch.setattr(build, "EXECUTED", tmp_path / "executed")
    monkeypatch.setattr(build, "execute", fake_execute)
    monkeypatch.setattr(build, "inputs_hash", lambda notebook: "same inputs")
    monkeypatch.delenv(passes.DATA_FOLDER, raising=False)
    return ran


def test_an_unchanged_notebook_is_not_executed_again(executions: list[str]) -> None:
    for _ in range(3):
        build.execute_cached(Path("00_demo.ipynb"))
    assert executions == ["00_demo.ipynb"]


def test_data_from_elsewhere_is_executed_every_time_and_not_reused_after(
    executions: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    build.execute_cached(Path("00_demo.ipynb"))
    monkeypatch.setenv(passes.DATA_FOLDER, str(tmp_path / "other-data"))
    build.execute_cached(Path("00_demo.ipynb"))
    build.execute_cached(Path("00_demo.ipynb"))
    monkeypatch.delenv(passes.DATA_FOLDER)
    build.execute_cached(Path("00_demo.ipynb"))  # its outputs came from the other data
    build.execute_cached(Path("00_demo.ipynb"))
    assert len(executions) == 4
