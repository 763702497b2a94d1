"""nbval compares committed figures and their alt text with a fresh execution (conftest.py)."""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from IPython.core.formatters import DisplayFormatter

from helpers import plotting

ROOT = Path(__file__).resolve().parents[1]
CELL = """from helpers import plotting
with plotting.style():
    fig, ax = plotting.new_figure(width=3, height=2)
    ax.plot([0, 1, 2], [2, 0, 1])
plotting.show(fig, alt="A line falling from 2 to 0 and rising to 1, drawn for a test.")"""


def _outputs() -> list[nbformat.NotebookNode]:
    """The outputs a kernel stores for ``CELL``, built in this process: what the cell displays,
    formatted by IPython's display formatter (as the kernel does). The untouched control cell of
    the test shows that nbval finds them equal to a kernel's.
    """
    shown: list[object] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plotting, "display", shown.append)
        exec(CELL, {})  # the cell's own code, so that nbval re-runs exactly what built these
    formatter = DisplayFormatter()
    return [
        nbformat.v4.new_output("display_data", data=data, metadata=metadata)
        for data, metadata in map(formatter.format, shown)
    ]


def _tampered_notebook(folder: Path) -> Path:
    """A three-cell notebook with its outputs: the first has one PNG byte changed, the second
    its alt text, the third is left as it is (nbval must pass it).
    """
    cells = [
        nbformat.v4.new_code_cell(CELL, outputs=_outputs(), execution_count=count)
        for count in (1, 2, 3)
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    first = nb.cells[0].outputs[0]
    png = bytearray(base64.b64decode(first.data["image/png"]))
    png[-20] ^= 0xFF
    first.data["image/png"] = base64.b64encode(bytes(png)).decode()
    nb.cells[1].outputs[0].metadata["image/png"]["alt"] = "A different description of this line."
    path = folder / "figure.ipynb"
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
    assert "2 failed, 1 passed" in result.stdout, result.stdout[-2000:]
    assert "figure.ipynb::Cell 0" in result.stdout
    assert "figure.ipynb::Cell 1" in result.stdout
    assert "figure.ipynb::Cell 2" not in result.stdout
    assert "image/png" in result.stdout
    assert "A different description of this line." in result.stdout
