"""The local Sphinx extension loads plotly.js only where a page draws a plotly graph, before the
graph's own script, and stops the build when the script is missing (book/_ext/plotly_local.py).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "book" / "_ext"
CONF = f"""
import sys
sys.path.insert(0, {str(EXT)!r})
extensions = ["plotly_local"]
html_static_path = ["_static"]
html_js_files = ["site.js"]  # as Jupyter Book lists every .js file of a static folder
"""
GRAPH = """Map
===

.. raw:: html

   <div id="koryo-map" class="plotly-graph-div"></div>
   <script>Plotly.newPlot("koryo-map", [], {});</script>
"""


def _extension():
    spec = importlib.util.spec_from_file_location("plotly_local", EXT / "plotly_local.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build(tmp_path: Path, with_script: bool) -> subprocess.CompletedProcess:
    src = tmp_path / "src"
    (src / "_static").mkdir(parents=True)
    (src / "_static" / "site.js").write_text("/* every page */\n", encoding="utf-8")
    if with_script:
        (src / "_vendor").mkdir()
        (src / "_vendor" / "plotly-basic.min.js").write_text("/* plotly */\n", encoding="utf-8")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n\n   map\n   other\n", encoding="utf-8"
    )
    (src / "map.rst").write_text(GRAPH, encoding="utf-8")
    (src / "other.rst").write_text("Other\n=====\n\nNo map here.\n", encoding="utf-8")
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(tmp_path / "html")]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_script_is_loaded_on_the_map_page_only_and_before_the_graph(tmp_path: Path) -> None:
    result = _build(tmp_path, with_script=True)
    assert result.returncode == 0, result.stderr
    html = tmp_path / "html"
    page = (html / "map.html").read_text(encoding="utf-8")
    tag = next(line for line in page.splitlines() if "plotly-basic.min.js" in line)
    assert "async" not in tag
    assert "defer" not in tag
    assert page.index("plotly-basic.min.js") < page.index('class="plotly-graph-div"')
    for other in ("other.html", "index.html"):
        assert "plotly-basic.min.js" not in (html / other).read_text(encoding="utf-8")
    assert (html / "_static" / "plotly-basic.min.js").is_file()


def test_a_missing_script_stops_the_build(tmp_path: Path) -> None:
    result = _build(tmp_path, with_script=False)
    assert result.returncode != 0
    assert "_static/plotly-basic.min.js is not in the output" in result.stderr
    assert "map.html" in result.stderr


def test_pages_using_finds_the_script_tag_with_or_without_a_checksum(tmp_path: Path) -> None:
    ext = _extension()
    (tmp_path / "a.html").write_text('<script src="_static/plotly-basic.min.js"></script>')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(
        '<script src="../_static/plotly-basic.min.js?v=0ea9f985"></script>'
    )
    (tmp_path / "c.html").write_text("<p>plotly-basic.min.js named in prose only</p>")
    assert ext.pages_using(tmp_path) == ["a.html", "sub/b.html"]


@pytest.mark.parametrize(("fmt", "exception"), [("html", RuntimeError("failed")), ("latex", None)])
def test_the_check_leaves_failed_and_other_builds_alone(tmp_path: Path, fmt, exception) -> None:
    ext = _extension()
    (tmp_path / "a.html").write_text('<script src="_static/plotly-basic.min.js"></script>')
    app = SimpleNamespace(outdir=str(tmp_path), builder=SimpleNamespace(format=fmt))
    ext.check_script(app, exception)  # no ExtensionError


def test_the_handler_adds_the_script_only_for_a_graph() -> None:
    ext = _extension()
    added = []
    app = SimpleNamespace(add_js_file=lambda name, **kw: added.append((name, kw)))
    ext.add_plotly(app, "other", "page.html", {"body": "<p>text</p>"}, None)
    assert added == []
    ext.add_plotly(app, "map", "page.html", {"body": '<div class="plotly-graph-div">'}, None)
    assert added == [("plotly-basic.min.js", {})]
