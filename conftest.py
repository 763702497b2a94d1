"""Pytest set-up shared by the unit tests and nbval: the kernel environment, and figures compared.

Notebook kernels started by nbval inherit the environment of ``tools/kernel.env`` (the same as
``make book``). nbval skips images and output metadata when it compares a cell's outputs with a
fresh execution; this project compares them too, so that a committed figure (its PNG bytes) or
its alt text that no longer matches what the code draws fails ``make test``.
"""

from __future__ import annotations

import os

import pytest
from kernelenv import kernel_env

os.environ.update(kernel_env())

#: What nbval may still skip: only what differs between any two runs by nature.
NBVAL_SKIP = ("traceback", "prompt_number", "output_type", "name", "execution_count")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Make every notebook cell compare images and output metadata as well as text."""
    for item in items:
        if hasattr(item.parent, "skip_compare"):
            item.parent.skip_compare = NBVAL_SKIP
