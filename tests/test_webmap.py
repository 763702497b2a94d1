"""The interactive map: scatter traces only, deterministic HTML with no URL, full hover labels."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from html import escape

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from helpers import bibliography, data, places, route, webmap
from helpers.maps import ASIA_ALBERS, PROJECTIONS
from helpers.values import fmt, is_missing

ALT = "A map of the Soviet Union's Asian part with the raions, the route and the destinations."
CAPTION = "The places of this notebook on one map."


@pytest.fixture(scope="module")
def fig():
    return webmap.figure()


@pytest.fixture(scope="module")
def page() -> str:
    return webmap.html(ALT, CAPTION)


def _trace(fig, name_start: str):
    return next(t for t in fig["data"] if t["name"].startswith(name_start))


def test_two_builds_are_identical(page) -> None:
    assert webmap.html(ALT, CAPTION) == page


def test_another_process_builds_the_same_bytes(page) -> None:
    code = (
        "import hashlib, sys; from helpers import webmap; "
        f"sys.stdout.write(hashlib.sha256(webmap.html({ALT!r}, {CAPTION!r}).encode()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout == hashlib.sha256(page.encode()).hexdigest()


def test_only_scatter_traces(fig, page) -> None:
    assert {t["type"] for t in fig["data"]} == {"scatter"}
    assert not [k for k in fig["layout"] if k.startswith(("geo", "map"))]
    for remote in ("scattergeo", "choropleth", "mapbox", "scattermap"):
        assert remote not in page


def test_the_figure_is_valid_plotly(fig) -> None:
    """The map is written as plain JSON; plotly's validators still accept every property."""
    checked = go.Figure(fig).to_plotly_json()
    assert len(checked["data"]) == len(fig["data"])
    assert json.loads(pio.to_json(checked)) == json.loads(pio.to_json(fig, validate=False))


def test_no_url_in_the_html(page) -> None:
    lowered = page.lower()
    for needle in ("http", "//", "plotlyserverurl", "plot.ly", "cdn", "www."):
        assert needle not in lowered, needle
    assert not re.search(r"\ssrc=", page)
    assert '"displaylogo": false' in page
    assert '"showSendToCloud": false' in page  # plotly.js would offer to upload the chart


def test_the_div_id_is_fixed_and_there_is_no_uuid(page) -> None:
    assert page.count(f'id="{webmap.DIV_ID}"') == 1
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", page)


def test_the_page_stays_light(page) -> None:
    assert len(page.encode("utf-8")) < 150_000


def test_the_figure_has_every_layer(fig) -> None:
    names = [t["name"] for t in fig["data"]]
    for words in webmap.LAYERS.values():
        assert any(n.startswith(words) for n in names), words
    routes = [n for n in names if n.startswith("route: ")]
    assert len(routes) == len(route.branches())
    assert _trace(fig, "today's borders")["x"]  # today's borders and coasts, drawn
    assert _trace(fig, "lakes")["fill"] == "toself"


def test_each_role_has_its_own_symbol(fig) -> None:
    symbols = [_trace(fig, words)["marker"]["symbol"] for words in webmap.LAYERS.values()]
    assert len(set(symbols)) == len(symbols)


@pytest.mark.parametrize("place_id", ["s-kzyl-orda", "r-posyet"])
def test_the_hover_label_of_a_place(fig, place_id: str) -> None:
    row = places.place(place_id)
    trace = _trace(fig, webmap.LAYERS[row["role"]])
    hover = next(h for h in trace["hovertext"] if escape(places.name_1937(place_id), False) in h)
    assert row["title"] in hover  # the Cyrillic of 1937, as name_1937 gives it
    assert escape(str(row["modern_name"]), False) in hover
    assert escape(bibliography.cite(row["geo_source"]), False) in hover
    assert f"confidence: {row['confidence']}" in hover
    if not is_missing(row["approximation_km"]):
        assert f"about {fmt(row['approximation_km'])} km" in hover


def test_places_at_one_point_share_one_hover_label(fig) -> None:
    located = webmap.map_places()
    shared = located[located.duplicated(["x", "y"], keep=False)]
    assert not shared.empty, "no two places share a point: the check would pass vacuously"
    for (_, _), group in shared.groupby(["x", "y"]):
        for hover in group["hover"]:
            for place_id in group["id"]:
                assert escape(places.name_1937(place_id), False) in hover


def test_places_without_a_point_are_counted_and_left_off(fig) -> None:
    gaz = data.load("gazetteer")
    counts = webmap.layer_counts()
    assert sum(c["without a point"] for c in counts.values()) > 0
    for role, words in webmap.LAYERS.items():
        rows = gaz[gaz["role"] == role]
        assert counts[role]["without a point"] == int(rows["lat"].isna().sum())
        assert len(_trace(fig, words)["x"]) == counts[role]["shown"]


@pytest.mark.parametrize("alt", [None, "", "map", "figure 3", "map.png"])
def test_alt_text_is_required(alt) -> None:
    with pytest.raises(ValueError, match="alt text"):
        webmap.html(alt, CAPTION)


def test_the_figure_is_named_and_captioned(page) -> None:
    assert "<figure " in page
    assert f'aria-label="{escape(ALT)}"' in page
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.S).group(1)
    assert caption.startswith(CAPTION)
    assert PROJECTIONS[ASIA_ALBERS] in caption
    assert "today's" in caption.replace("&#x27;", "'")
    assert "print" in caption


def test_show_displays_html_and_a_plain_text_fallback(monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(webmap, "display", lambda obj, raw: shown.append((obj, raw)))
    webmap.show(ALT, CAPTION)
    (bundle, raw), *_ = shown
    assert raw is True
    assert set(bundle) == {"text/html", webmap.PLOTLY_MIME, "text/plain"}
    assert bundle["text/html"].startswith('<figure class="koryo-webmap"')
    assert "0x" not in bundle["text/plain"]
    assert len(bundle["text/plain"]) < 300
    for_lab = bundle[webmap.PLOTLY_MIME]
    assert {trace["type"] for trace in for_lab["data"]} == {"scatter"}
    assert for_lab["config"] == webmap.CONFIG
    text = json.dumps(for_lab)
    assert "http" not in text
    assert "plot.ly" not in text
