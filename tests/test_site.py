"""Checks of the built site (_build/html): pages present, images with real alt text, no error
outputs, no broken internal links, nothing loaded from the network.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import build
import pytest
import yaml

from helpers import data
from helpers.plotting import check_alt

HTML = build.HTML


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.remote: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "img":
            self.images.append(attr)
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"] or "")
        key = {"script": "src", "img": "src", "iframe": "src", "link": "href"}.get(tag)
        value = (attr.get(key) or "") if key else ""
        if value.startswith(("http://", "https://", "//")):
            self.remote.append(f"<{tag} {key}={value}>")
        self.classes.extend((attr.get("class") or "").split())


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
