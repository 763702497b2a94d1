"""Sphinx extension: give each notebook image the alt text stored in its output metadata.

:func:`helpers.plotting.show` stores the alt text where Jupyter keeps it
(``outputs[i].metadata["image/png"]["alt"]``); myst-nb 1.x reads alt text only from cell metadata.
myst-nb offers no hook for this, so the extension wraps ``NbElementRenderer.render_image`` once:
the original renders the image, and the wrapper copies the alt text onto the image nodes.
``tests/test_alt_text.py`` checks the wrapper, and the site tests check every ``<img alt>``.
"""

from __future__ import annotations

from typing import Any

from myst_nb.core.render import NbElementRenderer

MARK = "_koryo_alt_text"


def with_alt(original: Any) -> Any:
    """Wrap a ``render_image`` method so that the image nodes carry the output's alt text."""

    def render_image(self: Any, data: Any) -> Any:
        nodes = original(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt:
            for node in nodes:
                node["alt"] = str(alt)
        return nodes

    setattr(render_image, MARK, True)
    return render_image


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point: install the wrapper (once per process)."""
    if not getattr(NbElementRenderer.render_image, MARK, False):
        NbElementRenderer.render_image = with_alt(NbElementRenderer.render_image)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
