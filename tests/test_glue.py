"""helpers.glue publishes what myst-nb's glue publishes, without importing myst-nb."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import Markdown
from IPython.utils.capture import capture_output
from myst_nb import glue as myst_glue

from helpers.glue import glue

VALUES = [171781, "2 October 1937", 0.5, Markdown("*emphasis*"), pd.DataFrame({"a": [1, 2]})]


@pytest.fixture
def shell():
    """An IPython shell (display publishes through it) for this test only."""
    yield InteractiveShell.instance()
    InteractiveShell.clear_instance()


def _published(function, name: str, value: object, display: bool) -> list[tuple[dict, dict]]:
    with capture_output() as captured:
        function(name, value, display=display)
    return [(out.data, out.metadata) for out in captured.outputs]


@pytest.mark.parametrize("display", [False, True])
@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_glue_publishes_what_myst_nb_publishes(shell, value: object, display: bool) -> None:
    ours = _published(glue, "n00_key", value, display)
    assert ours == _published(myst_glue, "n00_key", value, display)
    assert len(ours) == 1
    assert ours[0][1]["scrapbook"]["name"] == "n00_key"


def test_importing_helpers_glue_imports_neither_myst_nb_nor_nbformat() -> None:
    code = "import sys, helpers.glue; print(sorted({'myst_nb', 'nbformat'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
