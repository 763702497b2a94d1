"""environment.yml (conda) and pyproject.toml (pip) name the same packages and bounds; the lock
file pins every one of them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
#: conda-forge names that differ from the PyPI ones (none in this stack so far).
CONDA_TO_PYPI: dict[str, str] = {}


def pip_specs() -> dict[str, str]:
    """Runtime dependencies and every dependency group of pyproject.toml."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    groups = pyproject.get("dependency-groups", {})
    names = [*pyproject["project"]["dependencies"], *(r for g in groups.values() for r in g)]
    reqs = [Requirement(r) for r in names]
    return {canonicalize_name(r.name): str(r.specifier) for r in reqs}


def conda_specs() -> tuple[dict[str, str], str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out: dict[str, str] = {}
    python = ""
    for dep in env["dependencies"]:
        entries = dep["pip"] if isinstance(dep, dict) else [dep]
        for entry in entries:
            if entry.startswith("-e"):
                continue
            name, spec = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", entry).groups()
            if name == "python":
                python = spec
                continue
            if name == "pip":
                continue
            if re.match(r"^=[^=]", spec):
                spec = "==" + spec[1:] + ".*"
            key = canonicalize_name(CONDA_TO_PYPI.get(name, name))
            out[key] = str(Requirement("x" + spec).specifier)
    return out, python


def test_same_packages_and_bounds() -> None:
    conda, _ = conda_specs()
    assert conda == pip_specs()


def test_same_python() -> None:
    _, python = conda_specs()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert python == project["requires-python"]


def test_lock_file_pins_every_dependency() -> None:
    pinned = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith((" ", "#")):
            name, version = line.split("==")
            pinned[canonicalize_name(name)] = version
    for name, spec in pip_specs().items():
        assert name in pinned, f"{name} is not in requirements.lock (run make lock)"
        assert Requirement(f"{name}{spec}").specifier.contains(pinned[name]), (name, spec)
    assert "rfc3987-syntax" not in pinned, "rfc3987-syntax costs ~2 s per Jupyter process"
