"""Maps in stated equal-area projections, over today's borders: the raions, the route, the
destinations. Every map says its projection, that the borders drawn are today's and that the
lakes are GSHHS shorelines; labels are placed without overlap by :mod:`helpers.map_labels`.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import data, plotting
from helpers.basemap import basemap, border_line
from helpers.map_labels import (
    Label,
    add_locator,
    country_point,
    lake_point,
    place_labels,
    place_point,
    sea_point,
)
from helpers.places import WGS84, english_name, gazetteer, require_crs, short_name
from helpers.route import branches, route

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
#: Style of the labels of context places (water, neighbouring states), set apart from places.
CONTEXT_STYLE = {"fontsize": 8, "fontstyle": "italic", "color": "#4D4D4D"}
#: Where the locator inset goes on a regional map: (left, bottom, width, height) of the axes.
INSET_ORIGIN = (0.66, 0.62, 0.33, 0.16)
INSET_DESTINATIONS = (0.01, 0.80, 0.36, 0.17)


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
    y0 = box[1] + (box[3] - box[1]) * 0.11  # above the notes
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
    notes: tuple[str, ...] = (),
) -> tuple[Figure, Axes]:
    """A map of the (lon_min, lat_min, lon_max, lat_max) extent in an equal-area projection:
    today's country borders (labelled as such), the GSHHS lakes, a scale bar, the projection
    stated and any further ``notes`` (one line each) below it.
    Call it inside :func:`helpers.plotting.style`.
    """
    if projection not in PROJECTIONS:
        raise ValueError(f"unknown projection '{projection}'; use one of: {', '.join(PROJECTIONS)}")
    fig, ax = plotting.new_figure(width=width, height=height)
    countries = basemap("countries")
    require_crs(countries, "the base map")
    shown = countries[countries.intersects(shapely.box(*extent))].to_crs(projection)
    shown.plot(ax=ax, color="#F2F2F2", edgecolor=GREY, linewidth=0.6)
    lakes = basemap("lakes")
    lakes = lakes[lakes.intersects(shapely.box(*extent))].to_crs(projection)
    lakes.plot(ax=ax, color=plotting.colour("sky blue"), alpha=0.45, edgecolor=GREY, linewidth=0.4)
    box = _project_box(extent, projection)
    _frame(ax, box)
    _scale_bar(ax, box)
    note = (
        f"{PROJECTIONS[projection]}. Borders are today's (Natural Earth), not those of 1937;"
        "\nlakes: GSHHS shorelines, not those of 1937." + "".join(f"\n{n}" for n in notes)
    )
    ax.text(0.01, 0.01, note, transform=ax.transAxes, fontsize=7.5, color="#4D4D4D", va="bottom")
    return fig, ax


def plot_points(ax: Axes, places: gpd.GeoDataFrame, projection: str, **style: Any) -> None:
    """Plot the places that have a point, in ``projection``."""
    require_crs(places, "the places")
    located = places[places.geometry.notna()]
    located.to_crs(projection).plot(ax=ax, **style)


# --------------------------------------------------------------------------------------------
# The raions of the decree

#: The origin map's extent (lon_min, lat_min, lon_max, lat_max).
ORIGIN_EXTENT = (126.0, 41.5, 141.5, 52.5)
#: Labels with the names used in 1937 across the border, written over today's countries.
STATES_1937 = {"Manchukuo (1937)": ["China"], "Korea (1937)": ["North Korea"]}
STATES_NOTE = (
    "Manchukuo (1937), Korea (1937): the names used in 1937, written over today's borders;"
    " only today's borders are drawn."
)
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
    handles.append(plotting.marker_handle("city (for orientation)", "black", "*", markersize=9))
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


def _context_labels(extent: tuple[float, float, float, float], projection: str) -> list[Label]:
    """Vladivostok, Lake Khanka, the Sea of Japan and the names used in 1937 across the border."""
    labels = [
        Label(
            short_name("st-vladivostok"), place_point("st-vladivostok", projection), {"fontsize": 8}
        ),
        Label("Lake Khanka", lake_point("Lake Khanka", projection), CONTEXT_STYLE, area=True),
        Label("Sea of Japan", sea_point(extent, projection), CONTEXT_STYLE, area=True),
    ]
    state_style = {**CONTEXT_STYLE, "fontsize": 9, "fontweight": "bold"}
    for name, today in STATES_1937.items():
        labels.append(Label(name, country_point(today, extent, projection), state_style, area=True))
    return labels


@plotting.styled
def origin_map() -> Figure:
    """The raions of the decree: each 1937 centre by confidence, today's border of Russia with
    China and North Korea drawn over the base map, the witness-dependent raion hollow; context
    labels (Vladivostok, Lake Khanka, the Sea of Japan, and the names Manchukuo and Korea as used
    in 1937) and a
    locator inset.
    """
    extent, proj = ORIGIN_EXTENT, FAR_EAST_ALBERS
    fig, ax = map_figure(extent, proj, width=8.5, height=8.0, notes=(STATES_NOTE,))
    border = gpd.GeoSeries([border_line()], crs=WGS84).to_crs(proj)
    border.plot(ax=ax, color=plotting.colour("vermillion"), linewidth=1.6)
    raions = gazetteer()
    raions = raions[(raions["role"] == "origin_raion") & raions.geometry.notna()]
    blue = plotting.colour("blue")
    labels = []
    for r in raions.to_crs(proj).itertuples():
        ax.plot(
            r.geometry.x,
            r.geometry.y,
            marker=CONFIDENCE_MARKERS.get(r.confidence, "o"),
            markersize=7,
            color=blue,
            markerfacecolor="white" if r.witness_dependent else blue,
            linestyle="",
        )
        labels.append(Label(short_name(r.id), (r.geometry.x, r.geometry.y), {"fontsize": 7.5}))
    city = _context_labels(extent, proj)
    ax.plot(*city[0].xy, marker="*", markersize=9, color="black", linestyle="")
    ax.legend(handles=_origin_legend(), loc="upper right", fontsize=8)
    ax.set_title("The raions of decree 1428-326сс: their centres in 1937")
    add_locator(fig, ax, extent, proj, INSET_ORIGIN)
    place_labels(ax, city[1:] + labels + city[:1])
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


#: The route map's extent: the whole region of the collection.
ROUTE_EXTENT = (56.0, 36.5, 140.0, 57.5)
#: Lakes labelled on the route map.
ROUTE_LAKES = ("Lake Baikal", "Lake Balkhash", "Aral Sea")
ROUTE_NOTE = (
    "One schematic line through Novosibirsk and the Turksib: trains to northern Kazakhstan went"
    " by other lines, and the route of each echelon is not in the sources read."
)


@plotting.styled
def route_map() -> Figure:
    """The schematic route on the whole region, each branch (read from the route table) in its
    own colour and line style, with the stations and the destinations marked, a few lakes
    labelled, and a note that other trains went by other lines.
    """
    fig, ax = map_figure(ROUTE_EXTENT, ASIA_ALBERS, width=10, height=6.6, notes=(ROUTE_NOTE,))
    lines = route(tuple(branches())).to_crs(ASIA_ALBERS)
    for r, (colour, dash) in zip(lines.itertuples(), BRANCH_STYLES, strict=False):
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
    ax.legend(
        loc="upper left", fontsize=8.5, title="schematic route (branch, length)", title_fontsize=8.5
    )
    ax.set_title("The journey: one schematic rail route, 1937")
    labels = [
        Label(lake, lake_point(lake, ASIA_ALBERS), CONTEXT_STYLE, area=True) for lake in ROUTE_LAKES
    ]
    labels += [
        Label(short_name(r.id), (r.geometry.x, r.geometry.y), {"fontsize": 8})
        for r in shown[shown["id"].isin(ROUTE_LABELS)].sort_values("id").itertuples()
    ]
    stations = list(zip(shown.geometry.x, shown.geometry.y, strict=True))
    place_labels(ax, labels, points=stations)
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


#: The destinations map's extent.
DESTINATIONS_EXTENT = (55.0, 38.0, 83.0, 52.0)


def _aral_note() -> str:
    aral = basemap("lakes").set_index("name").loc["Aral Sea"]
    return (
        f"Aral Sea: the GSHHS outline ({aral['gshhs_source']}, {aral['area_km2']:,} km²),"
        " not today's sea and not its 1937 shore."
    )


@plotting.styled
def destinations_map(counts: dict[str, float]) -> Figure:
    """Central Asia: the destination settlements and areas with a point, and the number of
    deportees per republic (``counts``: territory id → persons) written on each republic;
    the Aral Sea and Lake Balkhash labelled, and a locator inset.
    """
    extent = DESTINATIONS_EXTENT
    fig, ax = map_figure(extent, ASIA_ALBERS, width=9, height=6.6, notes=(_aral_note(),))
    places = gazetteer()
    dest = places[(places["role"] == "destination") & places.geometry.notna()]
    plot_points(
        ax, dest, ASIA_ALBERS, color=plotting.colour("orange"), markersize=28, zorder=3,
        edgecolor="black", linewidth=0.5,
    )  # fmt: skip
    together: dict[tuple[float, float], list[str]] = {}
    for r in dest.sort_values("id").to_crs(ASIA_ALBERS).itertuples():
        together.setdefault((r.geometry.x, r.geometry.y), []).append(short_name(r.id))
    for territory, persons in counts.items():
        _republic_label(ax, territory, persons, extent)
    ax.set_title("Where they were taken: destinations named in the sources")
    add_locator(fig, ax, extent, ASIA_ALBERS, INSET_DESTINATIONS)
    labels = [
        Label(lake, lake_point(lake, ASIA_ALBERS), CONTEXT_STYLE, area=True)
        for lake in ("Aral Sea", "Lake Balkhash")
    ]
    labels += [Label(" / ".join(n), xy, {"fontsize": 8}) for xy, n in together.items()]
    place_labels(ax, labels)
    return fig
