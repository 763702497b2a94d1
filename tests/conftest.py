"""Shared test set-up: the kernel environment, no network for helper tests, hypothesis profile."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from helpers.build import KERNEL_ENV

# Notebook kernels started by nbval inherit this environment (same as `make book`).
os.environ.update(KERNEL_ENV)

settings.register_profile("koryo", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("koryo")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Helper and data tests run with sockets disabled (pytest-socket): they must not need a
    network. Notebook cells are exempt only because the kernel talks to pytest over loopback."""
    for item in items:
        if item.path.suffix == ".py":
            item.add_marker(pytest.mark.disable_socket)
