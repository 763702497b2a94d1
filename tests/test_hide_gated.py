"""``hide_solutions`` removes the gated solutions of a notebook page (book/_ext/hide_gated.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext"
CONF = f"""
import sys
sys.path.insert(0, {str(EXT)!r})
extensions = ["myst_nb", "sphinx_exercise", "hide_gated"]
myst_enable_extensions = ["colon_fence"]
nb_execution_mode = "off"
"""


def _notebook(path: Path) -> None:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    solution = code("answer = 42")
    solution.outputs = [nbformat.v4.new_output("stream", name="stdout", text="SOLUTION-OUTPUT\n")]
    solution.metadata = {"tags": ["hide-input"], "jupyter": {"source_hidden": True}}
    nb = nbformat.v4.new_notebook(
        cells=[
            md("# Page\n\n:::{exercise} A title\n:label: ex-t\n\nTASK-TEXT\n:::"),
            md(":::{solution-start} ex-t\n:class: dropdown\n:::"),
            solution,
            md("SOLUTION-TEXT"),
            md(":::{solution-end}\n:::"),
            md("AFTER-TEXT"),
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


@pytest.mark.parametrize("hide", [0, 1])
def test_hide_solutions_removes_gated_solutions(tmp_path: Path, hide: int) -> None:
    """A class build (hide_solutions) keeps the exercise and drops the whole gated solution."""
    src = tmp_path / "src"
    src.mkdir()
    _notebook(src / "page.ipynb")
    (src / "index.md").write_text("# Index\n\n```{toctree}\npage\n```\n", encoding="utf-8")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html"]
    command += ["-D", f"hide_solutions={hide}", str(src), str(tmp_path / "html")]
    subprocess.run(command, check=True, capture_output=True)
    page = (tmp_path / "html" / "page.html").read_text(encoding="utf-8")
    assert "TASK-TEXT" in page
    assert "AFTER-TEXT" in page
    assert ("SOLUTION-TEXT" in page) is not bool(hide)
    assert ("SOLUTION-OUTPUT" in page) is not bool(hide)
