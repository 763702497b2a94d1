"""tools/front_page.py: the front page's facts come from the data, its map from notebook 03."""

from __future__ import annotations

import base64
from pathlib import Path

import front_page
import nbformat
import pytest

from helpers import ledger
from helpers.values import fmt

ROOT = Path(__file__).resolve().parents[1]
GEOGRAPHY = ROOT / "notebooks" / "03_geography.ipynb"


def test_fill_replaces_every_slot() -> None:
    assert front_page.fill("a {{ x }} b {{y}}", {"x": "1", "y": "2"}) == "a 1 b 2"


@pytest.mark.parametrize(
    ("template", "values", "message"),
    [("{{ x }}", {}, "slots without a value \\['x'\\]"), ("text", {"x": "1"}, "unused \\['x'\\]")],
)
def test_fill_refuses_a_missing_or_unused_value(template: str, values: dict, message: str) -> None:
    with pytest.raises(KeyError, match=message):
        front_page.fill(template, values)


def test_the_template_has_a_value_for_every_slot() -> None:
    template = (ROOT / "book" / "index.md").read_text(encoding="utf-8")
    values = {**front_page.facts(), "map": "m.png", "map_alt": "alt"}
    page = front_page.fill(template, values)
    assert "{{" not in page
    assert "}}" not in page


def test_the_facts_are_the_ledger_figures_with_links() -> None:
    facts = front_page.facts()
    for slot, claim_id in [("persons", "c-deported-total-pohl"), ("to_uzbek", "c-to-uzbek-pohl")]:
        assert f">{fmt(ledger.value(claim_id))}</a>" in facts[slot]
        assert f'href="ledger.html#claim-{claim_id}"' in facts[slot]
    assert facts["decree_date"] == "21 August 1937"


def test_the_map_is_the_committed_output_of_notebook_03() -> None:
    png, alt = front_page.route_map(GEOGRAPHY)
    assert png.startswith(b"\x89PNG")
    assert alt.startswith("Map of")
    nb = nbformat.read(GEOGRAPHY, as_version=4)
    committed = [
        base64.b64decode(o["data"]["image/png"])
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if "image/png" in o.get("data", {})
    ]
    assert png in committed


def test_a_notebook_without_the_map_cell_is_refused(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match=r"expected one cell calling maps\.route_map"):
        front_page.route_map(path)


def test_write_fills_the_staged_page_and_puts_the_map_beside_it(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("![{{ map_alt }}]({{ map }})", "utf-8")
    front_page.write(tmp_path, GEOGRAPHY, read_facts=dict)
    page = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert page.startswith("![Map of")
    assert (tmp_path / "_static" / front_page.MAP_FILE).read_bytes().startswith(b"\x89PNG")
