"""tools/page_weight.py: what a page makes a browser load, counted once."""

from __future__ import annotations

from pathlib import Path

import page_weight


def _site(root: Path) -> Path:
    (root / "_static" / "fonts").mkdir(parents=True)
    (root / "_static" / "site.css").write_text(
        "@font-face{src:url(fonts/a.woff2) format('woff2'),url('fonts/a.ttf')}"
        'body{background:url("../pic.png")}',
        encoding="utf-8",
    )
    (root / "_static" / "fonts" / "a.woff2").write_bytes(b"w" * 2000)
    (root / "_static" / "fonts" / "a.ttf").write_bytes(b"t" * 9000)
    (root / "_static" / "app.js").write_bytes(b"j" * 3000)
    (root / "pic.png").write_bytes(b"p" * 5000)
    page = root / "index.html"
    page.write_text(
        '<link rel="stylesheet" href="_static/site.css?v=1"><script src="_static/app.js"></script>'
        '<script src="_static/app.js"></script><img src="pic.png" alt="x">'
        '<img src="https://example.org/remote.png" alt="y"><a href="pic.png">not loaded</a>',
        encoding="utf-8",
    )
    return page


def test_counts_each_loaded_file_once_and_only_woff2_fonts(tmp_path: Path) -> None:
    page = _site(tmp_path)
    weight = page_weight.page_weight(page, tmp_path)
    css = (tmp_path / "_static" / "site.css").stat().st_size
    assert weight.images == 5000
    assert weight.other == css + 2000 + 3000
    assert weight.total == page.stat().st_size + weight.images + weight.other


def test_table_lists_every_page_heaviest_first(tmp_path: Path) -> None:
    _site(tmp_path)
    (tmp_path / "light.html").write_text("<p>light</p>", encoding="utf-8")
    rows = page_weight.weights(tmp_path)
    assert [w.page for w in rows] == ["index.html", "light.html"]
    assert "index.html" in page_weight.table(rows).splitlines()[1]
