"""Sphinx extension: load the site's own plotly.js on the pages that draw a plotly graph.

A page whose body holds a plotly graph div (``helpers.webmap.html``) gets
``<script src="…/_static/plotly-basic.min.js">`` in its head, without ``async`` or ``defer``, so
that plotly.js is loaded before the page's inline ``Plotly.newPlot`` runs; other pages do not
load it. ``tools/build.py`` stages the file (and plotly.js's licence) into the book's ``_vendor``
folder, which this extension adds to ``html_static_path`` when the builder starts: not to
``_static`` itself, because Jupyter Book puts every ``.js`` file it finds in a static folder of
the configuration on every page (1.2 MB each). It is served as ``_static/plotly-basic.min.js``.
A map that silently fails to draw is not acceptable: when the build ends, if any page loads the
script and it is not in the output's ``_static``, the build fails and names the pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

SCRIPT = "plotly-basic.min.js"
#: The folder of the book's sources that holds the script (and its licence).
VENDOR = "_vendor"
#: What plotly writes on the div it draws into (``to_html``).
GRAPH = 'class="plotly-graph-div"'
#: A script tag that loads the file (Sphinx may add ``?v=<checksum>`` to the address).
TAG = re.compile(r'<script[^>]*\ssrc="[^"]*_static/' + re.escape(SCRIPT) + r'[?"]')


def add_plotly(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On ``html-page-context``: add the script to this page if its body has a plotly graph."""
    if GRAPH in str(context.get("body", "")):
        app.add_js_file(SCRIPT)


def add_vendor_path(app: Sphinx) -> None:
    """On ``builder-inited``: serve the files of the book's ``_vendor`` folder from ``_static``."""
    vendor = Path(app.confdir) / VENDOR
    if vendor.is_dir():
        app.config.html_static_path.append(str(vendor))


def pages_using(outdir: Path) -> list[str]:
    """The HTML pages of ``outdir`` (not under ``_static``) that load the script."""
    found = []
    for page in sorted(outdir.rglob("*.html")):
        relative = page.relative_to(outdir)
        if "_static" not in relative.parts and TAG.search(page.read_text(encoding="utf-8")):
            found.append(relative.as_posix())
    return found


def check_script(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: fail if a page loads the script that the output does not hold."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if (outdir / "_static" / SCRIPT).is_file():
        return
    pages = pages_using(outdir)
    if pages:
        raise ExtensionError(
            f"{len(pages)} page(s) draw a plotly graph but _static/{SCRIPT} is not in the "
            f"output, so the map would not draw: {', '.join(pages[:5])}. Put the file in the "
            f"book's {VENDOR} folder (tools/build.py copies it from node_modules/"
            "plotly.js-basic-dist-min; run `make setup` if that folder is missing)."
        )


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point: connect the handlers."""
    app.connect("builder-inited", add_vendor_path)
    app.connect("html-page-context", add_plotly)
    app.connect("build-finished", check_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
