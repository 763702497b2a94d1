"""Glue a value into a notebook, for the ``{glue}`` roles of its Markdown, as myst-nb reads it.

myst-nb's own ``glue`` imports nbformat and docutils the first time it is called, about 0.2 s in
every kernel, only to publish display data. This function publishes the same display data: the
value's MIME bundle (under myst-nb's prefix when the value is not to be shown) with the
``scrapbook`` metadata by which myst-nb finds it when the book is built. ``tests/test_glue.py``
checks that both publish the same thing.
"""

from __future__ import annotations

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
