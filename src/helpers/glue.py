"""Glue a value into a notebook, for the ``{glue}`` roles of its Markdown, as myst-nb reads it.

myst-nb's own ``glue`` imports nbformat and docutils the first time it is called, about 0.2 s in
every kernel, only to publish display data. This function publishes the same display data: the
value's MIME bundle (under myst-nb's prefix when the value is not to be shown) with the
``scrapbook`` metadata by which myst-nb finds it when the book is built. ``tests/test_glue.py``
checks that both publish the same thing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from IPython import get_ipython
from IPython.core.formatters import format_display_data
from IPython.display import display as publish

#: The prefix of the MIME types of a glued value that is not shown (myst-nb's ``GLUE_PREFIX``).
HIDDEN = "application/papermill.record/"


def glue(name: str, variable: object, display: bool = True) -> None:
    """Glue ``variable`` as ``name``; show it in the cell's output only if ``display``."""
    bundle, metadata = format_display_data(variable)
    prefix = "" if display else HIDDEN
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    publish({prefix + mime: value for mime, value in bundle.items()}, raw=True, metadata=metadata)


def glue_all(facts: Mapping[str, object] | None = None, /, **named: object) -> None:
    """Glue, hidden, every value of ``facts`` and of the keyword arguments under its name (for the
    ``{glue}`` roles of the prose), flushing the output streams once (:func:`flushed_once`).
    """
    with flushed_once():
        for name, value in {**(facts or {}), **named}.items():
            glue(name, value, display=False)


def _no_flush() -> None:
    """Stands in for the display publisher's flush of the output streams."""


@contextmanager
def flushed_once() -> Iterator[None]:
    """Flush the output streams once, on entry, instead of before every display in the block.

    ipykernel flushes stdout and stderr before each display: two round trips to its I/O thread,
    four fifths of what a hidden glued value costs in a kernel. Print nothing inside the block (a
    print would come out after the displays). Outside ipykernel, nothing changes.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    publisher = getattr(get_ipython(), "display_pub", None)
    if not hasattr(publisher, "_flush_streams") or "_flush_streams" in vars(publisher):
        yield  # not ipykernel's publisher, or already inside such a block
        return
    publisher._flush_streams = _no_flush  # shadows the method for this instance only
    try:
        yield
    finally:
        del publisher._flush_streams
