"""nbval compares committed figures and their alt text with a fresh execution (conftest.py)."""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
from pathlib import Path

import build
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CELL = """from helpers import plotting
with plotting.style():
    fig, ax = plotting.new_figure(width=3, height=2)
    ax.plot([0, 1, 2], [2, 0, 1])
plotting.show(fig, alt="A line falling from 2 to 0 and rising to 1, drawn for a test.")"""


def _tampered_notebook(folder: Path) -> Path:
    """A two-cell notebook, executed, then with one PNG byte and one alt text changed."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL) for _ in range(2)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "figure.ipynb"
    nbformat.write(nb, path)
    build.execute(path, path)
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].outputs[0]
    png = bytearray(base64.b64decode(first.data["image/png"]))
    png[-20] ^= 0xFF
    first.data["image/png"] = base64.b64encode(bytes(png)).decode()
    nb.cells[1].outputs[0].metadata["image/png"]["alt"] = "A different description of this line."
    nbformat.write(nb, path)
    return path


@pytest.mark.no_cover  # the work happens in a kernel and a subprocess
@pytest.mark.enable_socket  # the kernel talks to its client over loopback
def test_a_changed_figure_or_alt_text_fails_nbval() -> None:
    folder = ROOT / "_build" / "figure-check"  # inside the project, so that conftest.py applies
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = _tampered_notebook(folder)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval",
            "--nbval-current-env",
            str(path.relative_to(ROOT)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    shutil.rmtree(folder, ignore_errors=True)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "2 failed" in result.stdout
    assert "image/png" in result.stdout
    assert "A different description of this line." in result.stdout
