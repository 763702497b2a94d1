"""Page weight of the built site: each page's HTML plus every local file it makes a browser load.

    python tools/page_weight.py [_build/html]

A file counts once per page: stylesheets (with the images and WOFF2 fonts their ``url()`` names;
a browser takes one format of each font, and every browser in use reads WOFF2), scripts, images
and frames. The weight is an upper bound: a browser fetches a font only when the page uses one of
its glyphs. ``tools/build.py`` prints the table after each build.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_LOADED = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src")}
_OTHER_FONT_FORMATS = {".ttf", ".woff", ".eot", ".otf"}


class _Refs(HTMLParser):
    """Collect the addresses a page makes a browser load."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = set((values.get("rel") or "").split())
        if tag == "link" and rel & {"stylesheet", "preload", "icon"}:
            self.refs.append(values.get("href") or "")
        self.refs += [v for key, v in attrs if v and (tag, key) in _LOADED]


def _local(base: Path, ref: str, root: Path) -> Path | None:
    """The file ``ref`` names, relative to ``base``, if it is a local file inside ``root``."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = (base / unquote(parts.path)).resolve()
    return path if path.is_file() and root.resolve() in path.parents else None


def _with_css(files: set[Path], root: Path) -> set[Path]:
    """``files`` and what their stylesheets name with ``url()``."""
    found = set(files)
    for css in (f for f in files if f.suffix == ".css"):
        for ref in _CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            target = _local(css.parent, ref, root)
            if target and target.suffix.lower() not in _OTHER_FONT_FORMATS:
                found.add(target)
    return found


@dataclass(frozen=True)
class Weight:
    """What one page costs a reader to load."""

    page: str
    html: int
    images: int
    other: int

    @property
    def total(self) -> int:
        """All bytes: the HTML, its images and its other files."""
        return self.html + self.images + self.other


_IMAGES = {".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp"}


def page_weight(page: Path, root: Path) -> Weight:
    """The weight of one built page."""
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8"))
    direct = {f for f in (_local(page.parent, r, root) for r in parser.refs) if f}
    files = _with_css(direct, root)
    images = sum(f.stat().st_size for f in files if f.suffix.lower() in _IMAGES)
    other = sum(f.stat().st_size for f in files if f.suffix.lower() not in _IMAGES)
    return Weight(str(page.relative_to(root)), page.stat().st_size, images, other)


def weights(root: Path) -> list[Weight]:
    """The weight of every page of the site in ``root``, heaviest first."""
    pages = sorted(root.rglob("*.html"))
    pages = [p for p in pages if "_static" not in p.relative_to(root).parts]
    return sorted((page_weight(p, root) for p in pages), key=lambda w: (-w.total, w.page))


def table(rows: list[Weight]) -> str:
    """The weights as a plain-text table, in kB."""
    lines = [f"{'page':<36} {'HTML':>8} {'images':>8} {'other':>8} {'total':>8}  (kB)"]
    for w in rows:
        sizes = (w.html, w.images, w.other, w.total)
        lines.append(f"{w.page:<36} " + " ".join(f"{s / 1024:8.0f}" for s in sizes))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the page weights of a built site."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path("_build/html")
    print(table(weights(root)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
