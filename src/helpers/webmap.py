"""The interactive map of the site: origins, the schematic route, destinations and settlements.

Drawn with plotly ``scatter`` traces only, over today's borders and lakes from the project's
base map, projected with pyproj into the static route map's projection
(:data:`helpers.maps.ASIA_ALBERS`). The figure is written as plain plotly JSON (dicts), not
``plotly.graph_objects``, whose validators cost a kernel about 0.2 s to load and run.
plotly's geographic traces (``scattergeo``, ``choropleth``, map tiles) fetch a world map from a
CDN, so none is used. :func:`html` is deterministic (a fixed div id, no timestamps) and holds no
URL; the site loads plotly.js from its own ``_static`` folder (``book/_ext/plotly_local.py``).
Colours and markers are those of the static maps (:data:`helpers.lives.ROLE_GROUPS`,
:data:`helpers.maps.BRANCH_STYLES`); the static maps stay on the page for print and as fallback.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

import geopandas as gpd
import numpy as np
import plotly.io as pio
import shapely
from IPython.display import display

from helpers import bibliography, plotting
from helpers.basemap import basemap
from helpers.lives import ROLE_GROUPS, today_name
from helpers.map_labels import lake_point
from helpers.maps import (
    ASIA_ALBERS,
    BRANCH_STYLES,
    CONTEXT_STYLE,
    GREY,
    PROJECTIONS,
    ROUTE_EXTENT,
    ROUTE_LABELS,
    ROUTE_LAKES,
    _project_box,
)
from helpers.places import WGS84, gazetteer, name_1937, short_name
from helpers.route import branch_name, branches, route
from helpers.values import fmt, is_missing
from helpers.webmap_labels import LABEL_GAP_PX, LAKE_SIDES, PLACE_SIDES, Label, placed

#: The id of the map's ``<div>``: fixed, so that the HTML is the same on every run.
DIV_ID = "koryo-map"
#: The layers of places, drawn in this order (the last on top), with their legend entries.
LAYERS = {
    "station": "station of the schematic route",
    "origin_raion": "centre of a raion of the decree, 1937",
    "destination": "destination named in the sources",
    "settlement": "settlement or kolkhoz of deportees",
}
#: Matplotlib markers of the static maps and their plotly symbols.
SYMBOLS = {"o": "circle", "^": "triangle-up", "D": "diamond", "P": "cross"}
DASHES = {"-": "solid", "--": "dash", "-.": "dashdot"}
#: Borders and coasts are kept this far (m) around the map's extent, and simplified (tolerance, m).
PAD_M = 1_500_000.0
SIMPLIFY_M = 3000.0
HEIGHT_PX = 500
#: plotly's settings: no plotly logo or link, no upload button (plotly.js shows one by
#: default), no tools that make no sense on a map.
CONFIG = {
    "displaylogo": False,
    "showSendToCloud": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"filename": "koryo1937-map"},
}
FONT = "DejaVu Sans, Verdana, sans-serif"
#: No theme: an empty template, written as plotly.py writes one in a figure (its default theme
#: would otherwise restyle the map).
EMPTY_TEMPLATE = {"data": {"scatter": [{"type": "scatter"}]}}
GREY_TEXT = CONTEXT_STYLE["color"]
#: What every caption of the map says, after the caption of the page.
NOTE = (
    f"Projection: {PROJECTIONS[ASIA_ALBERS]}. Borders are today's (Natural Earth), not those of "
    "1937; lakes are GSHHS shorelines. Pointing at a place shows its name in 1937 and today, the "
    "source of its point, how sure that point is and, where the point is approximate, how far off "
    "it may lie ('confidence' is the gazetteer's judgement of how sure the identification and the "
    "point are: high, medium, presumed or inferred). The static maps on this page show the same "
    "places: they are the version for print and for browsers without JavaScript."
)


def _km(values: np.ndarray) -> list[float]:
    """Projected metres as kilometres rounded to 100 m (short, stable numbers for the page)."""
    return [round(float(v) / 1000, 1) for v in values]


def _paths(geometries: gpd.GeoSeries) -> dict[str, list[float | None]]:
    """The x and y of every ring or line of ``geometries`` (projected), parts split by ``None``."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for part in shapely.get_parts(geometries.dropna().to_numpy()):
        rings = shapely.get_rings(part) if part.geom_type == "Polygon" else [part]
        for ring in rings:
            xy = shapely.get_coordinates(ring)
            xs += [*_km(xy[:, 0]), None]
            ys += [*_km(xy[:, 1]), None]
    return {"x": xs, "y": ys}


def _frame(pad: float) -> shapely.Polygon:
    """The map's extent (projected), widened by ``pad`` metres on every side."""
    x0, y0, x1, y1 = _project_box(ROUTE_EXTENT, ASIA_ALBERS)
    return shapely.box(x0 - pad, y0 - pad, x1 + pad, y1 + pad)


def _shores_and_borders() -> Any:
    """Today's borders and coasts as one network of lines (each shared border once), projected
    and simplified; the edges where the base map or the widened frame cut the land are not drawn.
    """
    countries = basemap("countries")
    edge = shapely.box(*countries.total_bounds).segmentize(0.5)
    inside = gpd.GeoSeries([edge], crs=WGS84).to_crs(ASIA_ALBERS).iloc[0].buffer(-1000)
    # long straight edges of the cut follow their parallel or meridian once projected
    dense = countries.segmentize(0.5).to_crs(ASIA_ALBERS)
    lines = shapely.union_all(dense.boundary.to_numpy())
    lines = shapely.line_merge(lines.intersection(inside.intersection(_frame(PAD_M))))
    return lines.simplify(SIMPLIFY_M)


def _scatter(**properties: Any) -> dict[str, Any]:
    """A plotly ``scatter`` trace with ``properties``."""
    return {"type": "scatter", **properties}


def _base_traces() -> list[dict[str, Any]]:
    """Today's borders and coasts (lines) and the lakes (filled), from the base map."""
    lakes = basemap("lakes").to_crs(ASIA_ALBERS).geometry
    common = {"mode": "lines", "hoverinfo": "skip", "legendrank": 3}
    return [
        _scatter(
            **_paths(gpd.GeoSeries([_shores_and_borders()])), line={"color": GREY, "width": 0.8},
            name="today's borders and coasts", **common,
        ),
        _scatter(
            **_paths(lakes), fill="toself", fillcolor="rgba(86, 180, 233, 0.45)",
            line={"color": GREY, "width": 0.5}, name="lakes (GSHHS)", **common,
        ),
    ]  # fmt: skip


def _route_traces() -> list[dict[str, Any]]:
    """One line per branch of the schematic route, in the static route map's colours and dashes."""
    lines = route(tuple(branches())).to_crs(ASIA_ALBERS)
    traces = []
    for r, (colour, dash) in zip(lines.itertuples(), BRANCH_STYLES, strict=False):
        xy = shapely.get_coordinates(r.geometry)
        traces.append(
            _scatter(
                x=_km(xy[:, 0]),
                y=_km(xy[:, 1]),
                mode="lines",
                line={"color": plotting.colour(colour), "dash": DASHES[dash], "width": 2.2},
                name=f"route: {branch_name(r.branch)} ({fmt(round(r.km))} km)",
                legendrank=2,
                hoverinfo="skip",
            )
        )
    return traces


def _point_words(row: Any) -> str:
    """How sure the point is, in words: its confidence label and, where given, how far off."""
    words = f"confidence: {_text(row.confidence)}"
    if not is_missing(row.approximation_km):
        far = fmt(row.approximation_km)
        words += f"<br>the point may lie up to about {far} km from what it stands for"
    return words


def _text(words: str) -> str:
    """Plain words as plotly text (which reads ``<b>``, ``<br>`` and a few entities)."""
    return escape(words, quote=False)


def _hover_block(row: Any) -> str:
    """The hover text of one place: 1937 name, what it is, today's name, source, confidence."""
    lines = [
        f"<b>{_text(name_1937(row.id))}</b>",
        _text(LAYERS[row.role]),
        f"today: {_text(today_name(row.modern_name))}",
        f"point from: {_text(bibliography.cite(row.geo_source))}",
        _point_words(row),
    ]
    return "<br>".join(lines)


def map_places() -> gpd.GeoDataFrame:
    """The places of the map's layers that have a point, projected, sorted by layer and id, each
    with its hover text (every place at the same point is named in it).
    """
    gaz = gazetteer()
    chosen = gaz[gaz["role"].isin(list(LAYERS)) & gaz.geometry.notna()]
    chosen = chosen.to_crs(ASIA_ALBERS)
    chosen["x"] = _km(chosen.geometry.x.to_numpy())
    chosen["y"] = _km(chosen.geometry.y.to_numpy())
    layer = chosen["role"].map({role: i for i, role in enumerate(LAYERS)})
    chosen = chosen.assign(layer=layer).sort_values(["layer", "id"])
    blocks = {r.id: _hover_block(r) for r in chosen.itertuples()}
    together = chosen.groupby(["x", "y"], sort=False)["id"].agg(list)
    chosen["hover"] = [
        "<br><br>".join(blocks[i] for i in together[(x, y)])
        for x, y in zip(chosen["x"], chosen["y"], strict=True)
    ]
    return chosen.reset_index(drop=True)


def layer_counts() -> dict[str, dict[str, int]]:
    """For each layer of places: how many are on the map, and how many are left off (no point)."""
    gaz = gazetteer()
    has_point = gaz.geometry.notna()
    return {
        role: {
            "shown": int((has_point & (gaz["role"] == role)).sum()),
            "without a point": int((~has_point & (gaz["role"] == role)).sum()),
        }
        for role in LAYERS
    }


def _place_traces(located: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """One trace of markers per layer, in the colours and markers of the static maps."""
    traces = []
    for role, words in LAYERS.items():
        group = located[located["role"] == role]
        _, colour, marker = ROLE_GROUPS[role]
        traces.append(
            _scatter(
                x=list(group["x"]),
                y=list(group["y"]),
                mode="markers",
                marker={
                    "color": plotting.colour(colour),
                    "symbol": SYMBOLS[marker],
                    "size": 7 if role == "station" else 11,
                    "line": {"color": "white" if colour == "black" else "black", "width": 0.8},
                },
                name=f"{words} ({fmt(len(group))})",
                legendrank=1,
                hovertext=list(group["hover"]),
                hoverinfo="text",
            )
        )
    return traces


def _labels(located: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """The names the static route map writes: its stations (the romanised 1937 name, beside the
    point) and its lakes (in italics, on the lake, left out where they would overlap).
    """
    named = located[located["id"].isin(ROUTE_LABELS)]
    labels: list[Label] = [
        (x, y, short_name(i), PLACE_SIDES, False) for x, y, i in named[["x", "y", "id"]].values
    ]
    for lake in ROUTE_LAKES:
        x, y = lake_point(lake, ASIA_ALBERS)
        labels.append((round(x / 1000, 1), round(y / 1000, 1), lake, LAKE_SIDES, True))
    x0, _, x1, _ = _project_box(ROUTE_EXTENT, ASIA_ALBERS)
    points = list(zip(located["x"], located["y"], strict=True))
    sides = placed(labels, points, (x1 - x0) / 1000)
    gap = {"size": 2 * LABEL_GAP_PX, "opacity": 0}  # plotly sets text off by the marker's size
    traces = []
    for lakes, colour, template in ((False, "#222222", "{}"), (True, GREY_TEXT, "<i>{}</i>")):
        shown = [(lab, s) for lab, s in zip(labels, sides, strict=True) if s and lab[4] is lakes]
        traces.append(
            _scatter(
                x=[lab[0] for lab, _ in shown],
                y=[lab[1] for lab, _ in shown],
                text=[template.format(_text(lab[2])) for lab, _ in shown],
                textposition=[side for _, side in shown],
                textfont={"size": 11, "color": colour, "shadow": "1px 1px 2px white"},
                mode="markers+text", marker=gap, hoverinfo="skip", showlegend=False,
                name="lakes" if lakes else "names",
            )
        )  # fmt: skip
    return traces


def _layout() -> dict[str, Any]:
    """Axes hidden, equal scale, the route map's extent, the legend below the map."""
    x0, y0, x1, y1 = (v / 1000 for v in _project_box(ROUTE_EXTENT, ASIA_ALBERS))
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    return {
        "template": EMPTY_TEMPLATE,
        "height": HEIGHT_PX,
        "margin": {"l": 4, "r": 4, "t": 28, "b": 4},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "font": {"family": FONT, "size": 12, "color": "#222222"},
        "xaxis": {**hidden, "range": [round(x0), round(x1)], "constrain": "domain"},
        "yaxis": {**hidden, "range": [round(y0), round(y1)], "scaleanchor": "x", "scaleratio": 1},
        "legend": {
            "orientation": "h",
            "entrywidth": 0.5,
            "entrywidthmode": "fraction",
            "x": 0,
            "y": -0.01,
            "yanchor": "top",
            "font": {"size": 11},
        },
        "hovermode": "closest",
        "hoverlabel": {"bgcolor": "white", "font": {"family": FONT, "size": 12}, "align": "left"},
        "dragmode": "pan",
    }


def figure() -> dict[str, Any]:
    """The interactive map as a plotly figure (``scatter`` traces only, projected kilometres):
    plotly JSON, ``{"data": [trace, ...], "layout": {...}}``.
    """
    located = map_places()
    traces = [*_base_traces(), *_route_traces(), *_place_traces(located), *_labels(located)]
    return {"data": traces, "layout": _layout()}


def _caption(caption: str) -> str:
    """The page's caption followed by what every caption of the map says."""
    return f"{caption.strip()} {NOTE}"


def html(alt: str, caption: str, fig: dict[str, Any] | None = None) -> str:
    """The map as an HTML fragment for the page: a ``<figure>`` named by ``alt`` (checked alt
    text) holding the plotly div (fixed id, no URL, plotly.js not included: the site loads its
    own copy) and a ``<figcaption>`` with ``caption`` and the map's standing note.
    """
    label = plotting.check_alt(alt)
    plot = pio.to_html(
        fig or figure(),
        validate=False,
        full_html=False,
        include_plotlyjs=False,
        div_id=DIV_ID,
        config=CONFIG,
        default_width="100%",
        default_height=f"{HEIGHT_PX}px",
    )
    return (
        f'<figure class="koryo-webmap" aria-label="{escape(label)}">\n'
        "<style>@media print { figure.koryo-webmap { display: none; } }</style>\n"
        f"{plot.strip()}\n"
        "<noscript><p>The interactive map needs JavaScript; the static maps on this page show "
        "the same places.</p></noscript>\n"
        f"<figcaption>{escape(_caption(caption))}</figcaption>\n"
        "</figure>\n"
    )


def plain_text() -> str:
    """A short description of the map for outputs that cannot show HTML."""
    shown = "; ".join(f"{LAYERS[r]}: {fmt(c['shown'])}" for r, c in layer_counts().items())
    return f"Interactive map, on the web page and in JupyterLab ({shown}); static maps: the same."


#: A plotly figure's MIME type: JupyterLab draws it with its own plotly.js (the site, the HTML).
PLOTLY_MIME = "application/vnd.plotly.v1+json"


def bundle(alt: str, caption: str) -> dict[str, Any]:
    """The map's outputs: HTML for the site, the plotly figure for JupyterLab, and plain text."""
    fig = figure()
    return {
        "text/html": html(alt, caption, fig),
        PLOTLY_MIME: {**json.loads(pio.to_json(fig, validate=False)), "config": CONFIG},
        "text/plain": plain_text(),
    }


def show(alt: str, caption: str) -> None:
    """Display the map in a notebook (see :func:`bundle`)."""
    display(bundle(alt, caption), raw=True)
