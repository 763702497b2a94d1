"""The artist classes Matplotlib defines after ``import helpers`` skip their ``set`` docstrings,
and ``set`` works as before. Each test runs in a fresh interpreter: in this one, Matplotlib's
classes may already have been defined before the package was imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

AFTER_HELPERS = """
import json, helpers
from matplotlib.artist import kwdoc
from matplotlib.lines import Line2D
from matplotlib.text import Text
line = Line2D([], [])
line.set(color="red", lw=3)
try:
    line.set(colour="red")
    refused = False
except AttributeError:
    refused = True
print(json.dumps({
    "doc": Line2D.set.__doc__, "text_doc": Text.set.__doc__,
    "color": line.get_color(), "width": line.get_linewidth(), "refused": refused,
    "kwdoc": "linewidth" in kwdoc(Line2D),
}))
"""


def run(code: str) -> Any:
    """What ``code``, run in a fresh interpreter, prints as JSON."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_artist_classes_defined_after_helpers_have_the_short_set_docstring() -> None:
    from helpers.lean_artists import SET_DOC

    seen = run(AFTER_HELPERS)
    assert seen["doc"] == SET_DOC
    assert seen["text_doc"] == SET_DOC


def test_also_when_matplotlib_was_imported_before_the_helpers() -> None:
    from helpers.lean_artists import SET_DOC

    assert run("import matplotlib\n" + AFTER_HELPERS)["doc"] == SET_DOC


def test_a_process_that_does_not_draw_does_not_import_matplotlib_for_it() -> None:
    code = (
        "import json, sys, helpers, helpers.validate\n"
        "from helpers import lean_artists\n"
        "lean_artists.install()\n"
        "waiting = [f for f in sys.meta_path if type(f).__name__ == '_AfterImport']\n"
        "print(json.dumps(['matplotlib' in sys.modules, len(waiting)]))"
    )
    assert run(code) == [False, 1]


def test_set_still_sets_takes_aliases_and_refuses_unknown_properties() -> None:
    seen = run(AFTER_HELPERS)
    assert (seen["color"], seen["width"], seen["refused"]) == ("red", 3, True)


def test_the_property_list_the_docstring_points_to_is_still_there() -> None:
    assert run(AFTER_HELPERS)["kwdoc"]


def test_without_helpers_matplotlib_writes_its_own_docstring() -> None:
    """The comparison the other tests rely on: Matplotlib's own ``set`` lists properties."""
    code = "import json; from matplotlib.lines import Line2D; print(json.dumps(Line2D.set.__doc__))"
    assert "linewidth" in run(code)
