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


def test_glue_all_publishes_what_glue_publishes_value_by_value(shell) -> None:
    from helpers.glue import glue_all

    facts = {"n00_a": 171781, "n00_b": Markdown("*emphasis*")}
    with capture_output() as one_by_one:
        for name, value in [*facts.items(), ("n00_c", "2 October 1937")]:
            glue(name, value, display=False)
    with capture_output() as together:
        glue_all(facts, n00_c="2 October 1937")
    assert [(o.data, o.metadata) for o in together.outputs] == [
        (o.data, o.metadata) for o in one_by_one.outputs
    ]


KERNEL_CELL = """
from helpers.glue import flushed_once, glue, glue_all
publisher = get_ipython().display_pub
calls = []
flush = type(publisher)._flush_streams
type(publisher)._flush_streams = lambda self: calls.append(1) or flush(self)
print("printed before")
glue_all({f"n00_{i}": i for i in range(5)})
inside = len(calls)
with flushed_once(), flushed_once():  # a nested block leaves the outer one in place
    pass
glue("n00_x", 1, display=False)  # outside a block, a display flushes the streams again
print(inside, len(calls), "_flush_streams" in vars(publisher))
"""


@pytest.mark.no_cover  # the work happens in a kernel
@pytest.mark.enable_socket  # the kernel talks to its client over loopback
def test_in_a_kernel_glue_all_flushes_once_and_keeps_a_print_before_its_values() -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(KERNEL_CELL)])
    NotebookClient(nb, kernel_name="python3", shutdown_kernel="immediate").execute()
    outputs = nb.cells[0].outputs
    kinds = [o.output_type for o in outputs]
    assert kinds[0] == "stream"
    assert outputs[0].text.startswith("printed before")
    assert kinds[1:7] == ["display_data"] * 6  # the six values, after the print
    # no value glued by glue_all flushed the streams (it flushed them once, on entry); after the
    # block the publisher flushes again, and nothing of the block is left on it
    assert outputs[-1].text.strip() == "0 1 False"
