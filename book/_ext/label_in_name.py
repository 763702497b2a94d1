"""Sphinx extension: the toggle of a hidden code cell is named by the words it shows.

myst-nb gives the ``<summary>`` of a hidden cell the name "Toggle hidden content"
(``aria-label``) while it shows "Show code cell source". Speech-input users say what they see,
so a control's name must contain its visible words (WCAG 2.5.3, label in name; axe-core's
``label-content-name-mismatch``). Without the ``aria-label`` the summary is named by its text.
"""

from __future__ import annotations

from typing import Any

from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx.application import Sphinx

LABEL = ' aria-label="Toggle hidden content"'


def visit_hidden_cell(self: Any, node: HideCodeCellNode) -> None:
    """myst-nb's opening of a hidden cell, without the name that hides its visible words."""
    start = len(self.body)
    visit_HideCellInput(self, node)
    self.body[start:] = [part.replace(LABEL, "") for part in self.body[start:]]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the HTML visitor over myst-nb's (listed after ``myst_nb`` in the extensions)."""
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
