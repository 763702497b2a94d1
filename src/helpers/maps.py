"""Maps in stated equal-area projections, over today's borders: the raions, the route, the
destinations. Every map says its projection and that the borders drawn are today's.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import data, plotting
from helpers.basemap import basemap, border_line
from helpers.places import WGS84, english_name, gazetteer, require_crs, short_name
from helpers.route import route

#: Asia North Albers Equal Area Conic (standard parallels 15° N and 65° N, central meridian 95° E).
ASIA_ALBERS = "ESRI:102025"
#: An Albers equal-area conic fitted to the Far Eastern Krai (standard parallels 43° and 51° N).
FAR_EAST_ALBERS = (
    "+proj=aea +lat_1=43 +lat_2=51 +lat_0=47 +lon_0=132 +datum=WGS84 +units=m +no_defs"
)
PROJECTIONS = {
    ASIA_ALBERS: "Asia North Albers equal-area conic (ESRI:102025)",
    FAR_EAST_ALBERS: (
        "Albers equal-area conic, standard parallels 43° N and 51° N, centred on 132° E"
    ),
}
GREY = "#9A9A9A"


def _project_box(
    extent: tuple[float, float, float, float], projection: str
) -> tuple[float, float, float, float]:
    outline = shapely.box(*extent).segmentize(0.5)
    xs, ys = gpd.GeoSeries([outline], crs=WGS84).to_crs(projection).iloc[0].exterior.xy
    return min(xs), min(ys), max(xs), max(ys)


def _scale_bar(ax: Axes, box: tuple[float, float, float, float]) -> None:
    width = box[2] - box[0]
    km = max(c for c in (50, 100, 200, 250, 500, 1000, 2000) if c * 1000 <= width / 4)
    x0 = box[2] - width * 0.04 - km * 1000
    y0 = box[1] + (box[3] - box[1]) * 0.06
    ax.plot([x0, x0 + km * 1000], [y0, y0], color="black", linewidth=2.5, solid_capstyle="butt")
    ax.text(
        x0 + km * 500,
        y0 + (box[3] - box[1]) * 0.015,
        f"{km} km (approximate)",
        ha="center",
        va="bottom",
        fontsize=8,
    )


def _frame(ax: Axes, box: tuple[float, float, float, float]) -> None:
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.xaxis.label.set_visible(False)  # projected metres mean nothing to a reader
    ax.yaxis.label.set_visible(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(True)
        ax.spines[side].set_color(GREY)


def map_figure(
    extent: tuple[float, float, float, float],
    projection: str = ASIA_ALBERS,
    width: float = 9.0,
    height: float = 6.0,
) -> tuple[Figure, Axes]:
    """A map of the (lon_min, lat_min, lon_max, lat_max) extent in an equal-area projection:
    today's country borders (labelled as such), a scale bar and the projection stated.
    Call it inside :func:`helpers.plotting.style`.
    """
    if projection not in PROJECTIONS:
        raise ValueError(f"unknown projection '{projection}'; use one of: {', '.join(PROJECTIONS)}")
    fig, ax = plotting.new_figure(width=width, height=height)
    countries = basemap("countries")
    require_crs(countries, "the base map")
    shown = countries[countries.intersects(shapely.box(*extent))].to_crs(projection)
    shown.plot(ax=ax, color="#F2F2F2", edgecolor=GREY, linewidth=0.6)
    box = _project_box(extent, projection)
    _frame(ax, box)
    _scale_bar(ax, box)
    note = f"{PROJECTIONS[projection]}. Borders are today's (Natural Earth), not those of 1937."
    ax.text(0.01, 0.01, note, transform=ax.transAxes, fontsize=7.5, color="#4D4D4D", va="bottom")
    return fig, ax


def plot_points(ax: Axes, places: gpd.GeoDataFrame, projection: str, **style: Any) -> None:
    """Plot the places that have a point, in ``projection``."""
    require_crs(places, "the places")
    located = places[places.geometry.notna()]
    located.to_crs(projection).plot(ax=ax, **style)


def _label(ax: Axes, text: str, xy: tuple[float, float], left: bool = False, **kw: Any) -> None:
    offset = kw.pop("xytext", (-5 if left else 5, 3))
    ax.annotate(
        text, xy, xytext=offset, textcoords="offset points", ha="right" if left else "left", **kw
    )


# --------------------------------------------------------------------------------------------
# The raions of the decree

#: Raions whose label goes to the left of the point, so that neighbours stay readable.
LABEL_LEFT = {"r-grodekovo", "r-svobodny"}
#: Marker of each confidence label (the map legend explains them).
CONFIDENCE_MARKERS = {"high": "o", "medium": "s", "inferred": "D", "presumed": "^"}


def _origin_legend() -> list[Any]:
    handles = [
        plotting.marker_handle(f"centre: {c}", "blue", m) for c, m in CONFIDENCE_MARKERS.items()
    ]
    handles.append(
        plotting.marker_handle(
            "raion named only by the Politburo quotation", "blue", "s", markerfacecolor="white"
        )
    )
    handles.append(
        plotting.marker_handle(
            "today's border with China and North Korea",
            "vermillion",
            "",
            linestyle="-",
            linewidth=1.6,
        )
    )
    return handles


@plotting.styled
def origin_map() -> Figure:
    """The raions of the decree: each 1937 centre by confidence, today's border of Russia with
    China and North Korea drawn over the base map, the witness-dependent raion hollow.
    """
    fig, ax = map_figure((126.0, 41.5, 141.5, 52.5), FAR_EAST_ALBERS, width=8.5, height=8.0)
    border = gpd.GeoSeries([border_line()], crs=WGS84).to_crs(FAR_EAST_ALBERS)
    border.plot(ax=ax, color=plotting.colour("vermillion"), linewidth=1.6)
    raions = gazetteer()
    raions = raions[(raions["role"] == "origin_raion") & raions.geometry.notna()]
    blue = plotting.colour("blue")
    for r in raions.to_crs(FAR_EAST_ALBERS).itertuples():
        face = "white" if r.witness_dependent else blue
        ax.plot(
            r.geometry.x,
            r.geometry.y,
            marker=CONFIDENCE_MARKERS.get(r.confidence, "o"),
            markersize=7,
            color=blue,
            markerfacecolor=face,
            linestyle="",
        )
        _label(ax, short_name(r.id), (r.geometry.x, r.geometry.y), r.id in LABEL_LEFT, fontsize=7.5)
    ax.legend(handles=_origin_legend(), loc="upper right", fontsize=8)
    ax.set_title("The raions of decree 1428-326сс: their centres in 1937")
    return fig


# --------------------------------------------------------------------------------------------
# The route

#: Colour and dash of each branch, in the order of the route table (the trunk first).
BRANCH_STYLES = [("black", "-"), ("orange", "--"), ("bluish green", "-.")]
#: Stations labelled on the route map (the others are drawn unlabelled).
ROUTE_LABELS = {
    "st-vladivostok",
    "st-khabarovsk",
    "st-chita",
    "st-irkutsk",
    "st-novosibirsk",
    "st-semipalatinsk",
    "s-ush-tobe",
    "s-alma-ata",
    "st-arys",
    "s-tashkent",
    "s-kzyl-orda",
    "s-aralsk",
}


@plotting.styled
def route_map() -> Figure:
    """The schematic route on the whole region, each branch in its own colour and line style,
    with the stations and the destinations marked.
    """
    fig, ax = map_figure((56.0, 36.5, 140.0, 57.5), ASIA_ALBERS, width=10, height=6.2)
    for r, (colour, dash) in zip(
        route().to_crs(ASIA_ALBERS).itertuples(), BRANCH_STYLES, strict=False
    ):
        ax.plot(
            *r.geometry.xy,
            color=plotting.colour(colour),
            linestyle=dash,
            linewidth=1.8,
            label=f"{r.branch} ({r.km:,.0f} km)",
        )
    places = gazetteer()
    shown = places[places["id"].isin(set(data.load("route")["place_id"]))].to_crs(ASIA_ALBERS)
    shown.plot(ax=ax, color="black", markersize=9, zorder=3)
    for r in shown[shown["id"].isin(ROUTE_LABELS)].itertuples():
        _label(ax, short_name(r.id), (r.geometry.x, r.geometry.y), xytext=(4, 4), fontsize=8)
    ax.legend(
        loc="upper left", fontsize=8.5, title="schematic route (branch, length)", title_fontsize=8.5
    )
    ax.set_title("The journey: a schematic rail route, 1937")
    return fig


# --------------------------------------------------------------------------------------------
# The destinations


def _republic_label(ax: Axes, territory: str, persons: float, extent: tuple) -> None:
    countries = basemap("countries").set_index("name")
    cross = data.load("crosswalk").set_index("unit_1937_id")
    modern = cross.loc[territory, "modern_unit"] if territory in cross.index else None
    if modern is None or modern not in countries.index:
        raise KeyError(f"no country polygon for '{territory}' in the crosswalk")
    polygon = countries.loc[modern, "geometry"].intersection(shapely.box(*extent))
    centre = gpd.GeoSeries([polygon.representative_point()], crs=WGS84).to_crs(ASIA_ALBERS)[0]
    ax.text(
        centre.x,
        centre.y,
        f"{english_name(territory)}\n{persons:,.0f} persons",
        ha="center",
        fontsize=10,
        fontweight="bold",
        color=plotting.colour("blue"),
    )


@plotting.styled
def destinations_map(counts: dict[str, float]) -> Figure:
    """Central Asia: the destination settlements and areas with a point, and the number of
    deportees per republic (``counts``: territory id → persons) written on each republic.
    """
    extent = (55.0, 38.0, 83.0, 52.0)
    fig, ax = map_figure(extent, ASIA_ALBERS, width=9, height=6.2)
    places = gazetteer()
    dest = places[(places["role"] == "destination") & places.geometry.notna()]
    plot_points(
        ax,
        dest,
        ASIA_ALBERS,
        color=plotting.colour("orange"),
        markersize=28,
        zorder=3,
        edgecolor="black",
        linewidth=0.5,
    )
    together: dict[tuple[float, float], list[str]] = {}
    for r in dest.to_crs(ASIA_ALBERS).itertuples():
        together.setdefault((r.geometry.x, r.geometry.y), []).append(short_name(r.id))
    for (x, y), labels in together.items():
        _label(ax, " / ".join(labels), (x, y), xytext=(5, -9), fontsize=8)
    for territory, persons in counts.items():
        _republic_label(ax, territory, persons, extent)
    ax.set_title("Where they were taken: destinations named in the sources")
    return fig
