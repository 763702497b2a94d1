"""Make sphinx-exercise's ``hide_solutions`` remove the gated solutions of the notebooks.

The notebooks write each solution in the gated form (``solution-start`` … ``solution-end``), the
only form that puts executed code cells inside a solution. In sphinx-exercise 1.2.1,
``hide_solutions: true`` drops the start marker but keeps the end marker, and the HTML build
stops with "unknown node type: solution_end_node" (and the solution's cells would stay on the
page). This extension always builds the start marker, lets sphinx-exercise merge the gated
block into one solution, and then removes every solution when ``hide_solutions`` is set.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx_exercise.directive import SolutionStartDirective
from sphinx_exercise.nodes import solution_node


class GatedSolutionStart(SolutionStartDirective):
    """``solution-start`` that builds its marker even when solutions are hidden."""

    def run(self) -> list[nodes.Node]:
        """Run sphinx-exercise's directive with ``hide_solutions`` off for this call."""
        hide = self.config.hide_solutions
        self.config.hide_solutions = False
        try:
            return super().run()
        finally:
            self.config.hide_solutions = hide


class DropSolutions(SphinxTransform):
    """After sphinx-exercise merges gated solutions (priority 10), drop them if asked to."""

    default_priority = 11

    def apply(self, **kwargs: Any) -> None:
        """Remove every solution node when ``hide_solutions`` is true."""
        if self.config.hide_solutions:
            for node in list(self.document.findall(solution_node)):
                node.parent.remove(node)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive (over sphinx-exercise's) and the transform."""
    app.setup_extension("sphinx_exercise")
    app.add_directive("solution-start", GatedSolutionStart, override=True)
    app.add_transform(DropSolutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
