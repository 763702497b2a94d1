"""book/_ext/icon_font_only.py: the theme's icon script leaves every page, and the icons stay."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import build
import pytest

EXT = Path(__file__).resolve().parents[1] / "book" / "_ext" / "icon_font_only.py"
TAG = '    <script defer src="{up}_static/scripts/fontawesome.js?digest=55c2"></script>\n'


def _extension():
    spec = importlib.util.spec_from_file_location("icon_font_only", EXT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tag_and_the_script_go_and_nothing_else_does(tmp_path: Path) -> None:
    scripts = tmp_path / "_static" / "scripts"
    scripts.mkdir(parents=True)
    for name in ("fontawesome.js", "fontawesome.js.map", "bootstrap.js"):
        (scripts / name).write_text("/* */", encoding="utf-8")
    (tmp_path / "notebooks").mkdir()
    page = tmp_path / "notebooks" / "a.html"
    page.write_text(f"<head>\n{TAG.format(up='../')}<script src='x.js'></script>\n</head>")
    (tmp_path / "b.html").write_text("<p>fontawesome.js named in prose only</p>")
    assert _extension().drop_icon_script(tmp_path) == 1
    assert page.read_text() == "<head>\n<script src='x.js'></script>\n</head>"
    assert sorted(p.name for p in scripts.iterdir()) == ["bootstrap.js"]
    assert (tmp_path / "b.html").read_text() == "<p>fontawesome.js named in prose only</p>"


@pytest.mark.site
def test_no_page_of_the_built_site_loads_the_icon_script() -> None:
    pages = list(build.HTML.rglob("*.html"))
    assert pages
    assert not [p for p in pages if "scripts/fontawesome.js" in p.read_text(encoding="utf-8")]
    assert not (build.HTML / "_static" / "scripts" / "fontawesome.js").exists()
