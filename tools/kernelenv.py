"""The one kernel environment: ``tools/kernel.env``, read by the Makefile (``include``), by
``tools/build.py`` for ``make book`` and by ``conftest.py`` for nbval, so that every kernel runs
alike. A module of its own so that pytest's start-up does not import the site build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

KERNEL_ENV_FILE = Path(__file__).resolve().parent / "kernel.env"


def kernel_env() -> dict[str, str]:
    """The kernel environment declared in ``tools/kernel.env``."""
    lines = KERNEL_ENV_FILE.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def set_kernel_env() -> None:
    """Apply the kernel environment to this process (kernels inherit it)."""
    os.environ.update(kernel_env())
    own = str(Path(sys.prefix) / "share" / "jupyter")
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p and p != own]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([own, *paths])
