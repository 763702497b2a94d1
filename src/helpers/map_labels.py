"""Map labels that do not overlap, context labels from the map data, and a locator inset.

Labels are placed by a fixed rule, so the same map always gets the same picture: each label, in
the order given, takes the first of a fixed list of positions around its point whose box (as the
renderer measures it) meets no box already taken (earlier labels, the map's notes, its legend and
the points themselves) and stays inside the map. Where no position is free, the label goes where
it meets the fewest boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from shapely.ops import polylabel

from helpers import data, plotting
from helpers.basemap import basemap
from helpers.places import WGS84

#: The gid every placed label carries (tests and readers of the SVG can find them by it).
LABEL_GID = "place-label"
#: Positions tried around a point, in order: (dx, dy) in points, horizontal, vertical alignment.
POSITIONS: tuple[tuple[float, float, str, str], ...] = (
    (5, 3, "left", "bottom"),
    (-5, 3, "right", "bottom"),
    (5, -3, "left", "top"),
    (-5, -3, "right", "top"),
    (0, 7, "center", "bottom"),
    (0, -7, "center", "top"),
    (12, 10, "left", "bottom"),
    (-12, 10, "right", "bottom"),
    (12, -10, "left", "top"),
    (-12, -10, "right", "top"),
    (0, 16, "center", "bottom"),
    (0, -16, "center", "top"),
)
#: Half the side of the box kept free around each labelled point (display pixels).
POINT_PAD = 3.0


@dataclass
class Label:
    """A label to place: its text, its point (map coordinates) and text style."""

    text: str
    xy: tuple[float, float]
    style: dict[str, Any] = field(default_factory=dict)
    #: A label for an area (a lake, a sea, a state) is centred on its point first.
    area: bool = False


def renderer(fig: Figure) -> RendererBase:
    """Lay the figure out for good (:func:`helpers.plotting.fix_layout`: labels are not part of
    the layout), fit every axes and inset to its aspect, as a draw would first do, and return the
    renderer that measures them.
    """
    render = plotting.agg_canvas(fig).get_renderer()
    plotting.fix_layout(fig)
    for ax in fig.axes:
        for each in (ax, *ax.child_axes):
            locator = each.get_axes_locator()
            each.apply_aspect(locator(each, render) if locator else None)
    return render


def _overlaps(box: Bbox, taken: list[Bbox]) -> int:
    return sum(box.overlaps(other) for other in taken)


def _obstacles(
    ax: Axes, render: RendererBase, labels: list[Label], points: list[tuple[float, float]]
) -> list[Bbox]:
    """Boxes already taken: the map's texts, legend and insets, every labelled point and the
    other ``points`` drawn.
    """
    boxes = [t.get_window_extent(render) for t in ax.texts if t.get_visible()]
    boxes += [inset.get_window_extent(render) for inset in ax.child_axes]
    legend = ax.get_legend()
    if legend is not None:
        boxes.append(legend.get_window_extent(render))
    for xy in [label.xy for label in labels if not label.area] + points:
        x, y = ax.transData.transform(xy)
        boxes.append(Bbox.from_extents(x - POINT_PAD, y - POINT_PAD, x + POINT_PAD, y + POINT_PAD))
    return boxes


def _candidates(label: Label) -> tuple[tuple[float, float, str, str], ...]:
    return ((0, 0, "center", "center"), *POSITIONS) if label.area else POSITIONS


def place_labels(
    ax: Axes, labels: list[Label], points: list[tuple[float, float]] | None = None
) -> list[Annotation]:
    """Write ``labels`` on the map by the placement rule of this module, keeping clear of the
    other ``points`` drawn (map coordinates); return the texts.
    """
    render = renderer(ax.figure)
    frame = ax.get_window_extent(render)
    taken = _obstacles(ax, render, labels, points or [])
    placed = []
    for label in labels:
        best: tuple[int, Annotation] | None = None
        for dx, dy, ha, va in _candidates(label):
            text = ax.annotate(
                label.text, label.xy, xytext=(dx, dy), textcoords="offset points",
                ha=ha, va=va, gid=LABEL_GID, annotation_clip=False, **label.style,
            )  # fmt: skip
            text.set_in_layout(False)
            box = text.get_window_extent(render)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            cost = _overlaps(box, taken) + (0 if inside else 100)
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, text)
            else:
                text.remove()
            if cost == 0:
                break
        assert best is not None
        taken.append(best[1].get_window_extent(render))
        placed.append(best[1])
    return placed


def label_boxes(fig: Figure) -> list[tuple[str, Bbox]]:
    """The text and box (display pixels) of every placed label of ``fig``, for checks."""
    render = renderer(fig)
    return [
        (t.get_text(), t.get_window_extent(render))
        for ax in fig.axes
        for t in ax.texts
        if isinstance(t, Text) and t.get_gid() == LABEL_GID
    ]


# --------------------------------------------------------------------------------------------
# Context labels from the map data


def lake_point(name: str, projection: str) -> tuple[float, float]:
    """The centre of a lake of the base map (its pole of inaccessibility), projected."""
    lakes = basemap("lakes").set_index("name")
    if name not in lakes.index:
        raise KeyError(f"no lake '{name}' on the base map; known: {', '.join(lakes.index)}")
    return _projected(polylabel(lakes.loc[name, "geometry"], 0.01), projection)


def country_point(
    names: list[str], extent: tuple[float, float, float, float], projection: str
) -> tuple[float, float]:
    """The centre of the part of today's countries ``names`` that lies within ``extent``."""
    countries = basemap("countries").set_index("name")
    area = shapely.union_all([countries.loc[n, "geometry"] for n in names])
    shown = _largest(area.intersection(shapely.box(*extent)))
    return _projected(polylabel(shown, 0.01), projection)


def sea_point(extent: tuple[float, float, float, float], projection: str) -> tuple[float, float]:
    """The centre of the largest stretch of sea within ``extent`` (what no country covers)."""
    box = shapely.box(*extent)
    # the land within the extent: far less to join than whole countries (a tenth of the time)
    land = shapely.union_all(shapely.intersection(basemap("countries").geometry.to_numpy(), box))
    return _projected(polylabel(_largest(box - land), 0.01), projection)


def place_point(place_id: str, projection: str) -> tuple[float, float]:
    """A gazetteer place's point, projected (a place without a point raises)."""
    row = data.row("gazetteer", place_id)
    if row["lat"] is None or row["lat"] != row["lat"]:
        raise ValueError(f"place '{place_id}' has no point")
    return _projected(shapely.Point(row["lon"], row["lat"]), projection)


def _largest(geometry: Any) -> Any:
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon)]
    if not parts:
        raise ValueError("no polygon in the map's extent")
    return max(parts, key=lambda p: (p.area, p.bounds))


def _projected(point: Any, projection: str) -> tuple[float, float]:
    moved = gpd.GeoSeries([point], crs=WGS84).to_crs(projection).iloc[0]
    return float(moved.x), float(moved.y)


# --------------------------------------------------------------------------------------------
# The locator inset

#: The whole region of the collection (the route map's extent), for locator insets.
REGION = (56.0, 36.5, 140.0, 57.5)


def add_locator(
    fig: Figure,
    ax: Axes,
    extent: tuple[float, float, float, float],
    projection: str,
    where: tuple[float, float, float, float],
) -> Axes:
    """A small map of the whole region (today's countries) with a box around ``extent``, drawn
    at ``where`` = (left, bottom, width, height) as fractions of the map ``ax``.
    """
    inset = ax.inset_axes(where)
    inset.set_in_layout(False)
    region = shapely.box(*REGION)
    countries = basemap("countries")
    shown = countries[countries.intersects(region)].clip(region).to_crs(projection)
    shown.plot(ax=inset, color="#E6E6E6", edgecolor="#9A9A9A", linewidth=0.3)
    outline = gpd.GeoSeries([shapely.box(*extent).segmentize(0.5)], crs=WGS84).to_crs(projection)
    outline.boundary.plot(ax=inset, color=plotting.colour("vermillion"), linewidth=1.2)
    inset.set_aspect("equal")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.xaxis.label.set_visible(False)
    inset.yaxis.label.set_visible(False)
    inset.set_facecolor("white")
    for side in inset.spines.values():
        side.set_visible(True)
        side.set_color("#4D4D4D")
    return inset
