"""Checks of the built site (_build/html): pages present, images with real alt text, no error
outputs, no broken internal links, nothing loaded from the network (read from the HTML: the
attributes that load, inline scripts and styles, iframe ``srcdoc``; tests/test_browser.py watches
the requests a browser makes).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import build
import pytest
import yaml
from PIL import Image

from helpers import data
from helpers.plotting import check_alt

HTML = build.HTML
pytestmark = pytest.mark.site  # make test runs these once the site is built

#: The attributes through which an element loads something when the page is shown.
LOADS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "link": ("href",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "base": ("href",),
}
#: An absolute address, or a protocol-relative one after a quote or bracket (not a // comment).
ADDRESS = re.compile(r"""https?://[^\s"'`<>()]+|(?<=["'`(])//[\w-]+(?:\.[\w-]+)+[^\s"'`<>()]*""")
#: Namespace names look like addresses but nothing fetches them.
NAMESPACES = re.compile(r"http://www\.w3\.org/(?:2000/svg|1999/xlink|1999/xhtml|1998/Math/MathML)")


def _remote_in_text(text: str) -> list[str]:
    """The absolute and protocol-relative addresses in script or style text."""
    return ADDRESS.findall(NAMESPACES.sub("", text))


def _is_remote(value: str) -> bool:
    """Whether an attribute value (a URL, or a srcset list of them) points off the site."""
    return any(
        candidate.strip().startswith(("http://", "https://", "//"))
        for candidate in value.split(",")
    )


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.remote: list[str] = []
        self.classes: list[str] = []
        self._inline: tuple[str, list[str]] | None = None  # an inline <script> or <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "img":
            self.images.append(attr)
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"] or "")
        for key in LOADS.get(tag, ()):
            if _is_remote(attr.get(key) or ""):
                self.remote.append(f"<{tag} {key}={attr[key]}>")
        for url in _remote_in_text(attr.get("style") or ""):
            self.remote.append(f"<{tag} style=...{url}...>")
        if tag == "iframe" and attr.get("srcdoc"):
            self.remote.extend(f"<iframe srcdoc> {found}" for found in remote_loads(attr["srcdoc"]))
        if tag == "style" or (tag == "script" and not attr.get("src")):
            self._inline = (tag, [])
        self.classes.extend((attr.get("class") or "").split())

    def handle_data(self, data: str) -> None:
        if self._inline:
            self._inline[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._inline and tag == self._inline[0]:
            text = "".join(self._inline[1])
            self.remote.extend(f"inline <{tag}>: {url}" for url in _remote_in_text(text))
            self._inline = None


def remote_loads(html: str) -> list[str]:
    """What the HTML ``html`` would load from the network, one entry per address found."""
    page = _Page()
    page.feed(html)
    page.close()
    return page.remote


@pytest.fixture(scope="module")
def pages() -> dict[Path, _Page]:
    if not (HTML / "index.html").is_file():
        build.build_site(executed=False)
    parsed = {}
    for path in sorted(HTML.rglob("*.html")):
        if "_static" in path.parts:
            continue
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path] = page
    return parsed


def test_every_notebook_has_a_page(pages) -> None:
    for nb in build.notebooks():
        assert HTML / "notebooks" / f"{nb.stem}.html" in pages, nb.name
    assert HTML / "index.html" in pages


def test_every_image_has_meaningful_alt_text(pages) -> None:
    seen = 0
    for path, page in pages.items():
        for img in page.images:
            seen += 1
            alt = img.get("alt")
            try:
                check_alt(alt or "")
            except ValueError as err:
                pytest.fail(f"{path.relative_to(HTML)}: <img src={img.get('src')}> {err}")
    assert seen > 0, "the site has no images at all: the figure check would pass vacuously"


def test_no_error_outputs(pages) -> None:
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "output_error" not in text, path
        assert "Traceback (most recent call last)" not in text, path


def test_internal_links_resolve(pages) -> None:
    for path, page in pages.items():
        for href in page.links:
            url = urlparse(href)
            if url.scheme or href.startswith(("#", "mailto:")):
                continue
            target = (path.parent / unquote(url.path)).resolve()
            assert target.exists(), f"{path.relative_to(HTML)} links to missing {href}"


def test_nothing_is_loaded_from_the_network(pages) -> None:
    for path, page in pages.items():
        assert not page.remote, f"{path.relative_to(HTML)} loads {page.remote[:3]}"


@pytest.mark.parametrize(
    "html",
    [
        '<script>fetch("https://api.example.org/data.json")</script>',
        '<script type="module">import("//cdn.example.org/lib.js");</script>',
        "<script>const s = document.createElement('script'); s.src = 'https://cdn.example.org/x.js';</script>",
        '<style>@import url("https://fonts.example.org/css");</style>',
        "<style>@import '//fonts.example.org/css';</style>",
        "<style>body { background: url(//cdn.example.org/bg.png) }</style>",
        "<p style=\"background-image: url('https://cdn.example.org/bg.png')\">text</p>",
        '<iframe srcdoc="<script src=&quot;https://cdn.jsdelivr.net/npm/x.js&quot;></script>"></iframe>',
        '<iframe srcdoc="<script>fetch(&quot;https://api.example.org/&quot;)</script>"></iframe>',
        "<iframe srcdoc=\"<iframe srcdoc='&lt;img src=&amp;quot;https://cdn.example.org/a.png&amp;quot;&gt;'></iframe>\"></iframe>",
        '<img src="a.png" srcset="a.png 1x, https://cdn.example.org/a2.png 2x" alt="a chart">',
        '<video src="clip.mp4" poster="//cdn.example.org/poster.png"></video>',
        '<base href="https://example.org/">',
    ],
)  # fmt: skip
def test_the_network_check_catches_a_remote_load(html: str) -> None:
    found = remote_loads(f"<!DOCTYPE html><html><head></head><body>{html}</body></html>")
    assert len(found) == 1, found
    assert "example.org" in found[0] or "jsdelivr" in found[0]


def test_the_network_check_lets_local_pages_pass() -> None:
    html = """<script>// a comment
const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
fetch("data.json"); const twice = "//";</script>
<script src="_static/plotly-basic.min.js"></script>
<style>body { background: url(img/bg.png) } a::after { content: "//" }</style>
<p style="color: red">text</p><img src="data:image/png;base64,AAAA" alt="a chart">
<iframe srcdoc="<p>local</p><img src=&quot;a.png&quot;>"></iframe>"""
    assert remote_loads(html) == []


def test_no_absolute_paths_or_addresses_leak_into_pages(pages) -> None:
    # an absolute path of this machine (not a URL path such as example.org/work/), or an address
    pattern = re.compile(r"(?<![\w.-])/(?:work|home|tmp|root)/|0x[0-9a-f]{8,}")
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not pattern.search(text), f"{path.relative_to(HTML)}: {pattern.search(text).group()}"


def test_footer_carries_the_copyright_of_the_configuration(pages) -> None:
    config = yaml.safe_load((build.BOOK / "_config.yml").read_text(encoding="utf-8"))
    holder = config["copyright"].split(" (")[0]  # "<year> Koryo 1937 contributors"
    text = (HTML / "index.html").read_text(encoding="utf-8")
    assert "1970" not in holder
    assert "Copyright 1970" not in text
    assert f"Copyright {holder}" in text


def test_no_link_goes_to_a_copy_that_is_not_the_work(pages) -> None:
    table = data.load("bibliography")
    copies = {
        r["read_at"]
        for r in table.to_dict("records")
        if r["copy"] in ("unauthorised", "mirror", "machine-translation")
        and r["read_at"]
        and r["read_at"] != r["work_url"]
    }
    assert copies, "the bibliography records no copies: the check would pass vacuously"
    for path, page in pages.items():
        linked = copies.intersection(page.links)
        assert not linked, f"{path.relative_to(HTML)} links to copies {sorted(linked)[:3]}"


#: A figure needs no more pixels than about twice the width of the text column (about 750 px).
MAX_IMAGE_WIDTH = 1600
MAX_IMAGE_BYTES = 250_000


def test_images_are_no_larger_than_they_need_to_be() -> None:
    images = sorted((HTML / "_images").glob("*.png")) + sorted((HTML / "_static").glob("*.png"))
    figures = [p for p in images if p.stat().st_size > 5_000]  # the theme's icons aside
    assert figures
    for path in figures:
        with Image.open(path) as picture:
            assert picture.width <= MAX_IMAGE_WIDTH, (path.name, picture.width)
            assert picture.mode == "P", f"{path.name} is not a paletted PNG ({picture.mode})"
        assert path.stat().st_size <= MAX_IMAGE_BYTES, (path.name, path.stat().st_size)


def test_the_front_page_shows_the_map_and_the_key_facts_linked_to_the_ledger(pages) -> None:
    front = pages[HTML / "index.html"]
    assert any(str(img.get("src", "")).endswith("deportation-route.png") for img in front.images)
    ledger_links = [link for link in front.links if link.startswith("ledger.html#claim-")]
    assert len(ledger_links) >= 4
    text = (HTML / "index.html").read_text(encoding="utf-8")
    for heading in ("Key facts", "Three ways in", "How this was made"):
        assert heading in text


def test_the_build_reports_page_weights() -> None:
    report = (build.BUILD / "page-weights.txt").read_text(encoding="utf-8").splitlines()
    assert report[0].split()[:5] == ["page", "HTML", "images", "other", "total"]
    assert any(line.startswith("index.html ") for line in report)
