"""Shared test set-up: no network for helper tests, a hypothesis profile, a breakable copy of
the data (the kernel environment and the nbval figure comparison are in ../conftest.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from helpers import data

settings.register_profile("koryo", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("koryo")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Helper and data tests run with sockets disabled (pytest-socket): no test needs a network.
    A test that starts a kernel (which talks to it over loopback) says so with ``enable_socket``.
    """
    for item in items:
        if item.path.suffix == ".py" and item.get_closest_marker("enable_socket") is None:
            item.add_marker(pytest.mark.disable_socket)


REAL = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the real data package that a test may break; helpers read it while it lives."""
    root = tmp_path / "data"
    shutil.copytree(REAL, root)
    monkeypatch.setenv(data.ENV_VAR, str(root))
    data.clear_cache()
    yield root
    data.clear_cache()
