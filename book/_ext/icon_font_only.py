"""Sphinx extension: the theme's icons from its web font alone, without its 1.4 MB icon script.

The theme (pydata-sphinx-theme, under sphinx-book-theme) loads Font Awesome twice on every page:
as a web font through its style sheet, which draws the icons, and as a script
(``_static/scripts/fontawesome.js``, 1.4 MB) that only redraws the same icons as SVG. The
script is written by a theme template, so no configuration value removes it; when the build
ends, this extension takes its tag out of every page and the file out of ``_static``. The
icons still show (the browser test opens every page), and each page weighs 1.4 MB less.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: The script tag the theme writes (with or without its ``?digest=…``).
TAG = re.compile(
    r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?'
)


def drop_icon_script(outdir: Path) -> int:
    """Remove the icon script's tag from every page under ``outdir`` and the script (with its
    licence and source map) from ``_static/scripts``; return how many pages changed.
    """
    changed = 0
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        kept = TAG.sub("", text)
        if kept != text:
            page.write_text(kept, encoding="utf-8")
            changed += 1
    for script in (outdir / "_static" / "scripts").glob("fontawesome.js*"):
        script.unlink()
    return changed


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished`` (HTML builds that succeeded): drop the icon script."""
    if exception is None and app.builder.format == "html":
        drop_icon_script(Path(app.outdir))


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point."""
    app.connect("build-finished", on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
