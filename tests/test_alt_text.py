"""The local Sphinx extension copies an output's alt text onto the rendered image nodes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]


def _extension():
    spec = importlib.util.spec_from_file_location(
        "alt_text", ROOT / "book" / "_ext" / "alt_text.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_wrapper_sets_alt_from_output_metadata() -> None:
    ext = _extension()
    nodes = [{"uri": "a.png"}]
    render = ext.with_alt(lambda _self, _data: nodes)
    data = SimpleNamespace(
        mime_type="image/png", output_metadata={"image/png": {"alt": "A bar chart of persons."}}
    )
    assert render(None, data) == [{"uri": "a.png", "alt": "A bar chart of persons."}]


def test_without_alt_the_nodes_are_left_alone() -> None:
    ext = _extension()
    render = ext.with_alt(lambda _self, _data: [{"uri": "b.png"}])
    data = SimpleNamespace(mime_type="image/png", output_metadata={})
    assert render(None, data) == [{"uri": "b.png"}]


def test_setup_installs_the_wrapper_once() -> None:
    ext = _extension()
    ext.setup(None)
    first = ext.NbElementRenderer.render_image
    ext.setup(None)
    assert ext.NbElementRenderer.render_image is first
    assert getattr(first, ext.MARK)
