"""The places of the deportation: gazetteer, names, rail route, distances and maps.

- :func:`gazetteer` turns ``data/geo/gazetteer.csv`` into a GeoDataFrame (WGS 84) after checking
  that every point lies where its role says it must (a swapped latitude and longitude fails);
- :func:`lookup` finds a place by any of its names (1937 name, variants, ALA-LC romanisation,
  today's name) and suggests close names on a miss (rapidfuzz);
- :func:`route` builds the schematic rail lines; :func:`geodesic_km` and :func:`route_km`
  measure on the WGS 84 ellipsoid (pyproj ``Geod``);
- :func:`border_distance_km` measures from a point to today's state border of Russia with China
  and North Korea (modern borders, from the base map);
- :func:`map_figure` draws in a stated equal-area projection, with a scale bar.
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import data

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WGS84 = "EPSG:4326"
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

#: Where a point of each role may lie (lon_min, lat_min, lon_max, lat_max): the Far East for the
#: raions of the decree, Central Asia for the destinations, the whole region otherwise.
BOXES: dict[str, tuple[float, float, float, float]] = {
    "origin_raion": (125.0, 41.0, 142.0, 53.0),
    "destination": (50.0, 36.0, 85.0, 56.0),
    "station": (55.0, 36.0, 142.0, 58.0),
    "context": (44.0, 35.0, 162.0, 62.0),
    "territory": (44.0, 35.0, 162.0, 62.0),
}


# --------------------------------------------------------------------------------------------
# Gazetteer and names


def check_boxes(table: pd.DataFrame) -> None:
    """Every point must lie in the box of its role; the error names the row and suggests a swap."""
    import pandas as pd

    shown = table.attrs.get("path", "gazetteer")
    lines = table.attrs.get("lines", [None] * len(table))
    for row, line in zip(table.itertuples(), lines, strict=True):
        if pd.isna(row.lat) or pd.isna(row.lon):
            continue
        x0, y0, x1, y1 = BOXES[row.role]
        if not (x0 <= row.lon <= x1 and y0 <= row.lat <= y1):
            hint = (
                " (latitude and longitude swapped?)"
                if x0 <= row.lat <= x1 and y0 <= row.lon <= y1
                else ""
            )
            raise data.DataError(
                shown,
                f"point ({row.lat}, {row.lon}) of '{row.id}' lies outside the {row.role} area "
                f"lon {x0}–{x1}, lat {y0}–{y1}{hint}",
                line,
                "lat",
            )


def gazetteer() -> gpd.GeoDataFrame:
    """The gazetteer as a GeoDataFrame in WGS 84 (no geometry where no point was found)."""
    import geopandas as gpd

    table = data.load("gazetteer")
    check_boxes(table)
    points = gpd.points_from_xy(table["lon"].astype(float), table["lat"].astype(float))
    frame = gpd.GeoDataFrame(table, geometry=points, crs=WGS84)
    frame.loc[table["lat"].isna(), "geometry"] = None
    return frame


def place(place_id: str) -> dict[str, Any]:
    """One gazetteer row; an unknown id raises :class:`KeyError` with close ids."""
    return data.row("gazetteer", place_id)


def names(place_id: str) -> list[tuple[str, str]]:
    """Every name of a place as (name, tag): the 1937 title (``ru``), its ALA-LC romanisation
    (``ru-Latn-alalc97``), the tagged variants and today's name (``en``)."""
    from helpers.translit import romanize

    row = place(place_id)
    out = [(row["title"], "ru"), (romanize(row["title"]), "ru-Latn-alalc97")]
    for item in filter(None, row["variants"].split(";")):
        name, _, tag = item.rpartition("@")
        out.append((name, tag))
    out.append((row["modern_name"], "en"))
    seen, unique = set(), []
    for name, tag in out:
        if (name, tag) not in seen:
            seen.add((name, tag))
            unique.append((name, tag))
    return unique


def english_name(place_id: str) -> str:
    """The place's English name (its first ``@en`` variant), else its ALA-LC romanisation."""
    for name, tag in names(place_id)[:-1]:
        if tag == "en":
            return name
    return names(place_id)[1][0]


def name_1937(place_id: str) -> str:
    """The 1937 name for prose: romanised (ALA-LC), then the Cyrillic in brackets."""
    from helpers.translit import romanize

    title = place(place_id)["title"]
    latin = romanize(title)
    return latin if latin == title else f"{latin} ({title})"


def label(place_id: str) -> str:
    """A label for prose: the 1937 name (romanised and Cyrillic), then today's name."""
    return f"{name_1937(place_id)}; today {place(place_id)['modern_name']}"


@cache
def _name_index(root: Path) -> dict[str, tuple[str, str]]:
    """Every name, case-folded, mapped to (place id, the name as written)."""
    index: dict[str, tuple[str, str]] = {}
    for place_id in data.load("gazetteer", root)["id"]:
        for name, _ in names(place_id):
            index.setdefault(name.casefold(), (place_id, name))
    return index


def lookup(name: str) -> str:
    """The id of the place called ``name`` (any variant, case-insensitive).

    An unknown name raises :class:`KeyError` with the closest names (rapidfuzz WRatio).
    """
    from rapidfuzz import fuzz, process

    index = _name_index(data.data_dir())
    key = name.strip().casefold()
    if key in index:
        return index[key][0]
    close = process.extract(key, list(index), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    shown = [f"'{index[n][1]}' ({index[n][0]})" for n, _, _ in close]
    hint = "; did you mean " + ", ".join(shown) + "?" if close else ""
    raise KeyError(f"unknown place '{name}'{hint}")


# --------------------------------------------------------------------------------------------
# Route and distances


def require_crs(frame: gpd.GeoDataFrame, what: str) -> None:
    """Raise :class:`ValueError` if ``frame`` has no coordinate reference system."""
    if frame.crs is None:
        raise ValueError(
            f"{what} has no CRS: set one (e.g. .set_crs('{WGS84}')) before measuring or mapping"
        )


def route_stops(branch: str) -> pd.DataFrame:
    """The stations of one branch in order, with their coordinates (all must have a point)."""
    stops = data.load("route")
    if branch not in set(stops["branch"]):
        raise KeyError(
            f"unknown branch '{branch}'; known: {', '.join(sorted(set(stops['branch'])))}"
        )
    stops = stops[stops["branch"] == branch].sort_values("seq")
    places = data.load("gazetteer").set_index("id")
    merged = stops.join(places[["title", "lon", "lat"]], on="place_id")
    missing = merged[merged["lat"].isna()]
    if len(missing):
        raise ValueError(f"route stations without coordinates: {', '.join(missing['place_id'])}")
    return merged.reset_index(drop=True)


def route(branches: tuple[str, ...] = ("trunk", "tashkent", "aral")) -> gpd.GeoDataFrame:
    """The schematic route as one LineString per branch (WGS 84), with its length in km."""
    import geopandas as gpd
    from shapely.geometry import LineString

    rows = []
    for branch in branches:
        stops = route_stops(branch)
        coords = list(zip(stops["lon"].astype(float), stops["lat"].astype(float), strict=True))
        rows.append(
            {
                "branch": branch,
                "stations": len(stops),
                "km": _path_km(coords),
                "geometry": LineString(coords),
            }
        )
    return gpd.GeoDataFrame(rows, crs=WGS84)


def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps="WGS84")


def geodesic_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance on the WGS 84 ellipsoid between two (lon, lat) points, in km."""
    for lon, lat in (a, b):
        if not (-180 <= lon <= 360 and -90 <= lat <= 90):
            raise ValueError(f"({lon}, {lat}) is not a (lon, lat) pair in degrees")
    _, _, metres = _geod().inv(a[0], a[1], b[0], b[1])
    return metres / 1000


def _path_km(coords: list[tuple[float, float]]) -> float:
    return sum(geodesic_km(p, q) for p, q in itertools.pairwise(coords))


def place_km(a: str, b: str) -> float:
    """Great-circle (geodesic) distance between two gazetteer places, in km."""
    pa, pb = place(a), place(b)
    for p in (pa, pb):
        if p["lat"] is None or p["lat"] != p["lat"]:
            raise ValueError(f"place '{p['id']}' has no coordinates ({p['confidence']})")
    return geodesic_km((pa["lon"], pa["lat"]), (pb["lon"], pb["lat"]))


def route_km(destination: str) -> float:
    """Length of the schematic rail route from its start (Vladivostok) to ``destination``,
    along the trunk and then along whichever branch reaches it, in km."""
    trunk = route_stops("trunk")
    ids = list(trunk["place_id"])
    if destination in ids:
        part = trunk.iloc[: ids.index(destination) + 1]
        return _path_km(list(zip(part["lon"], part["lat"], strict=True)))
    for branch in ("tashkent", "aral"):
        stops = route_stops(branch)
        if destination in list(stops["place_id"]):
            part = stops.iloc[: list(stops["place_id"]).index(destination) + 1]
            return route_km(ids[-1]) + _path_km(list(zip(part["lon"], part["lat"], strict=True)))
    raise KeyError(f"'{destination}' is not a station of the schematic route")


# --------------------------------------------------------------------------------------------
# Base map and borders


@cache
def _basemap_file(root: Path, layer: str) -> str:
    return (root / "geo" / "basemap" / f"{layer}.geojson").read_text(encoding="utf-8")


def basemap(layer: str = "countries") -> gpd.GeoDataFrame:
    """The base map (modern boundaries, Natural Earth): ``countries`` or ``admin1``."""
    import geopandas as gpd

    if layer not in ("countries", "admin1"):
        raise ValueError(f"unknown base-map layer '{layer}'; use 'countries' or 'admin1'")
    features = json.loads(_basemap_file(data.data_dir(), layer))["features"]
    return gpd.GeoDataFrame.from_features(features, crs=WGS84)


@cache
def _border_line(root: Path) -> Any:
    """Today's land border of Russia with China and North Korea, as one (multi)line."""
    import shapely

    countries = basemap("countries").set_index("name")
    russia = countries.loc["Russia", "geometry"]
    others = [
        countries.loc[n, "geometry"] for n in ("China", "North Korea") if n in countries.index
    ]
    border = shapely.intersection(russia.boundary, shapely.union_all([g.boundary for g in others]))
    if border.is_empty:
        raise ValueError("the base map has no shared border between Russia and China/North Korea")
    return border


def border_distance_km(lon: float, lat: float) -> float:
    """Shortest distance from a point to today's border of Russia with China and North Korea,
    in km, measured in an azimuthal equidistant projection centred on the point."""
    import shapely
    from pyproj import Transformer

    local = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs"
    to_local = Transformer.from_crs(WGS84, local, always_xy=True)
    border = shapely.transform(_border_line(data.data_dir()), lambda xy: _apply(to_local, xy))
    return shapely.distance(shapely.Point(0, 0), border) / 1000


def _apply(transformer: Any, xy: Any) -> Any:
    import numpy as np

    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def border_distances() -> pd.DataFrame:
    """Each origin raion's 1937 centre and its distance from today's state border (km)."""
    import pandas as pd

    places = data.load("gazetteer")
    raions = places[places["role"] == "origin_raion"].sort_values("id")
    rows = []
    for r in raions.itertuples():
        has_point = not pd.isna(r.lat)
        rows.append(
            {
                "id": r.id,
                "raion": name_1937(r.id),
                "border_km": border_distance_km(r.lon, r.lat) if has_point else None,
                "approximation_km": r.approximation_km,
                "confidence": r.confidence,
            }
        )
    return pd.DataFrame(rows).sort_values(
        ["border_km", "id"], na_position="last", ignore_index=True
    )


# --------------------------------------------------------------------------------------------
# Linked Places export


def to_lpf() -> dict[str, Any]:
    """The gazetteer as a Linked Places Format FeatureCollection (a derived file, never edited)."""
    import pandas as pd

    from helpers.translit import romanize

    features = []
    table = data.load("gazetteer")
    sources = data.load("bibliography").set_index("id")
    for r in table.itertuples():
        citation = {
            "label": sources.loc[r.title_source, "title"],
            "@id": sources.loc[r.title_source, "url"] or r.title_source,
        }
        names_ = [{"toponym": r.title, "lang": "ru", "citations": [citation]}]
        names_.append(
            {"toponym": romanize(r.title), "lang": "ru-Latn-alalc97", "citations": [citation]}
        )
        for item in filter(None, r.variants.split(";")):
            toponym, _, tag = item.rpartition("@")
            names_.append({"toponym": toponym, "lang": tag})
        geometry = None
        if not pd.isna(r.lat):
            geometry = {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Point",
                        "coordinates": [r.lon, r.lat],
                        "certainty": "certain" if r.confidence == "high" else "less-certain",
                    }
                ],
            }
        features.append(
            {
                "@id": f"koryo1937:{r.id}",
                "type": "Feature",
                "properties": {"title": r.title, "ccodes": [c for c in r.ccodes.split(";") if c]},
                "when": {"timespans": [{"start": {"in": str(r.attestation_year)}}]},
                "names": names_,
                "types": [{"label": t} for t in r.types.split(";") if t],
                "geometry": geometry,
                "links": [
                    {"type": "closeMatch", "identifier": m} for m in r.matches.split(";") if m
                ],
            }
        )
    return {
        "type": "FeatureCollection",
        "@context": "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld",
        "features": features,
    }


def write_lpf(path: Path) -> Path:
    """Write the Linked Places export (sorted keys, UTF-8) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(to_lpf(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return path


# --------------------------------------------------------------------------------------------
# Maps


def map_figure(
    extent: tuple[float, float, float, float],
    projection: str = ASIA_ALBERS,
    width: float = 9.0,
    height: float = 6.0,
) -> tuple[Figure, Axes]:
    """A map of the (lon_min, lat_min, lon_max, lat_max) extent in an equal-area projection:
    modern country borders (labelled as such), a scale bar and the projection stated."""
    import shapely

    from helpers import plotting

    if projection not in PROJECTIONS:
        raise ValueError(f"unknown projection '{projection}'; use one of: {', '.join(PROJECTIONS)}")
    fig, ax = plotting.new_figure(width=width, height=height)
    countries = basemap("countries")
    require_crs(countries, "the base map")
    frame = shapely.box(*extent)
    shown = countries[countries.intersects(frame)].to_crs(projection)
    shown.plot(ax=ax, color="#F2F2F2", edgecolor="#9A9A9A", linewidth=0.6)
    box = _project_box(extent, projection)
    ax.set_xlim(box[0], box[2])
    ax.set_ylim(box[1], box[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.xaxis.label.set_visible(False)  # projected metres mean nothing to a reader
    ax.yaxis.label.set_visible(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(True)
        ax.spines[side].set_color("#9A9A9A")
    _scale_bar(ax, box)
    ax.text(
        0.01,
        0.01,
        f"{PROJECTIONS[projection]}. Borders are today's (Natural Earth), not those of 1937.",
        transform=ax.transAxes,
        fontsize=7.5,
        color="#4D4D4D",
        va="bottom",
    )
    return fig, ax


def _project_box(
    extent: tuple[float, float, float, float], projection: str
) -> tuple[float, float, float, float]:
    import geopandas as gpd
    import shapely

    outline = shapely.box(*extent).segmentize(0.5)
    xs, ys = gpd.GeoSeries([outline], crs=WGS84).to_crs(projection).iloc[0].exterior.xy
    return min(xs), min(ys), max(xs), max(ys)


def _scale_bar(ax: Axes, box: tuple[float, float, float, float]) -> None:
    width = box[2] - box[0]
    candidates = [50, 100, 200, 250, 500, 1000, 2000]
    km = max(c for c in candidates if c * 1000 <= width / 4)
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


def plot_points(ax: Axes, places: gpd.GeoDataFrame, projection: str, **style: Any) -> None:
    """Plot the places that have a point, in ``projection``."""
    require_crs(places, "the places")
    located = places[places.geometry.notna()]
    located.to_crs(projection).plot(ax=ax, **style)


def _short(place_id: str) -> str:
    from helpers.translit import romanize

    name = romanize(place(place_id)["title"])
    for word in (" raion", "raion imeni "):
        name = name.replace(word, "")
    return name


#: Raions whose label goes to the left of the point, so that neighbours stay readable.
LABEL_LEFT = {"r-grodekovo", "r-svobodny"}
#: Marker of each confidence label (the map legend explains them).
CONFIDENCE_MARKERS = {"high": "o", "medium": "s", "inferred": "D", "presumed": "^"}


def origin_map() -> Figure:
    """The raions of the decree: each 1937 centre by confidence, today's border of Russia with
    China and North Korea drawn over the base map, the witness-dependent raion hollow."""
    import geopandas as gpd
    from matplotlib.lines import Line2D

    from helpers import plotting

    extent = (126.0, 41.5, 141.5, 52.5)
    fig, ax = map_figure(extent, FAR_EAST_ALBERS, width=8.5, height=8.0)
    border = gpd.GeoSeries([_border_line(data.data_dir())], crs=WGS84).to_crs(FAR_EAST_ALBERS)
    border.plot(ax=ax, color=plotting.OKABE_ITO["vermillion"], linewidth=1.6)
    raions = gazetteer()
    raions = raions[(raions["role"] == "origin_raion") & raions.geometry.notna()].to_crs(
        FAR_EAST_ALBERS
    )
    for r in raions.itertuples():
        dependent = "witness-dependent" in r.note
        colour = plotting.OKABE_ITO["blue"]
        ax.plot(
            r.geometry.x,
            r.geometry.y,
            marker=CONFIDENCE_MARKERS.get(r.confidence, "o"),
            markersize=7,
            color=colour,
            markerfacecolor="white" if dependent else colour,
            linestyle="",
        )
        left = r.id in LABEL_LEFT
        ax.annotate(
            _short(r.id),
            (r.geometry.x, r.geometry.y),
            xytext=(-5 if left else 5, 3),
            textcoords="offset points",
            ha="right" if left else "left",
            fontsize=7.5,
        )
    handles = [
        Line2D(
            [], [], color=plotting.OKABE_ITO["blue"], marker=m, linestyle="", label=f"centre: {c}"
        )
        for c, m in CONFIDENCE_MARKERS.items()
    ]
    handles.append(
        Line2D(
            [],
            [],
            color=plotting.OKABE_ITO["blue"],
            marker="s",
            markerfacecolor="white",
            linestyle="",
            label="raion named only by the Politburo quotation",
        )
    )
    handles.append(
        Line2D(
            [],
            [],
            color=plotting.OKABE_ITO["vermillion"],
            linewidth=1.6,
            label="today's border with China and North Korea",
        )
    )
    ax.legend(handles=handles, loc="upper right", fontsize=8)
    ax.set_title("The raions of decree 1428-326сс: their centres in 1937")
    return fig


def route_map() -> Figure:
    """The schematic route on the whole region, each branch in its own colour and line style,
    with the stations and the destinations marked."""
    from helpers import plotting

    extent = (56.0, 36.5, 140.0, 57.5)
    fig, ax = map_figure(extent, ASIA_ALBERS, width=10, height=6.2)
    styles = {"trunk": ("black", "-"), "tashkent": ("orange", "--"), "aral": ("bluish green", "-.")}
    lines = route().to_crs(ASIA_ALBERS)
    for r in lines.itertuples():
        colour, dash = styles[r.branch]
        ax.plot(
            *r.geometry.xy,
            color=plotting.OKABE_ITO[colour],
            linestyle=dash,
            linewidth=1.8,
            label=f"{r.branch} ({r.km:,.0f} km)",
        )
    places = gazetteer()
    stops = set(data.load("route")["place_id"])
    shown = places[places["id"].isin(stops)].to_crs(ASIA_ALBERS)
    shown.plot(ax=ax, color="black", markersize=9, zorder=3)
    labelled = {
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
    for r in shown[shown["id"].isin(labelled)].itertuples():
        ax.annotate(
            _short(r.id),
            (r.geometry.x, r.geometry.y),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=8,
        )
    ax.legend(
        loc="upper left", fontsize=8.5, title="schematic route (branch, length)", title_fontsize=8.5
    )
    ax.set_title("The journey: a schematic rail route, 1937")
    return fig


def destinations_map(counts: dict[str, float]) -> Figure:
    """Central Asia: the destination settlements and areas with a point, and the number of
    deportees per republic (``counts``: territory id → persons) written on each republic."""
    import shapely

    from helpers import plotting

    extent = (55.0, 38.0, 83.0, 52.0)
    fig, ax = map_figure(extent, ASIA_ALBERS, width=9, height=6.2)
    places = gazetteer()
    dest = places[(places["role"] == "destination") & places.geometry.notna()]
    plot_points(
        ax,
        dest,
        ASIA_ALBERS,
        color=plotting.OKABE_ITO["orange"],
        markersize=28,
        zorder=3,
        edgecolor="black",
        linewidth=0.5,
    )
    together: dict[tuple[float, float], list[str]] = {}
    for r in dest.to_crs(ASIA_ALBERS).itertuples():
        together.setdefault((r.geometry.x, r.geometry.y), []).append(_short(r.id))
    for (x, y), labels in together.items():
        ax.annotate(
            " / ".join(labels), (x, y), xytext=(5, -9), textcoords="offset points", fontsize=8
        )
    countries = basemap("countries").set_index("name")
    cross = data.load("crosswalk").set_index("unit_1937_id")
    for territory, persons in counts.items():
        modern = cross.loc[territory, "modern_unit"] if territory in cross.index else None
        if modern is None or modern not in countries.index:
            raise KeyError(f"no country polygon for '{territory}' in the crosswalk")
        polygon = countries.loc[modern, "geometry"].intersection(shapely.box(*extent))
        centre = _gpd_point(polygon.representative_point(), ASIA_ALBERS)
        ax.text(
            centre.x,
            centre.y,
            f"{english_name(territory)}\n{persons:,.0f} persons",
            ha="center",
            fontsize=10,
            fontweight="bold",
            color=plotting.OKABE_ITO["blue"],
        )
    ax.set_title("Where they were taken: destinations named in the sources")
    return fig


def _gpd_point(point: Any, projection: str) -> Any:
    """A WGS 84 shapely point projected to ``projection``."""
    import geopandas as gpd

    return gpd.GeoSeries([point], crs=WGS84).to_crs(projection).iloc[0]
