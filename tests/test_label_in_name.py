"""A hidden cell's toggle is named by the words it shows (book/_ext/label_in_name.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

from myst_nb.sphinx_ import HideCodeCellNode

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext" / "label_in_name.py"


def _extension():
    spec = importlib.util.spec_from_file_location("label_in_name", EXT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_toggle_has_no_name_that_hides_its_words() -> None:
    node = HideCodeCellNode(
        classes=["above-input"],
        prompt_show="Show code cell source",
        prompt_hide="Hide code cell source",
    )
    translator = SimpleNamespace(body=["<p>before</p>\n"])
    _extension().visit_hidden_cell(translator, node)
    html = "".join(translator.body)
    assert "<summary>" in html
    assert "aria-label" not in html
    assert "Show code cell source" in html
    assert html.startswith("<p>before</p>\n<details")
