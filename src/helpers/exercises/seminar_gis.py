"""Checkers and solvers for the historical-GIS exercises of the methods seminar
(``notebooks/05_seminar.ipynb``): a place added to a copy of the gazetteer, measured and mapped;
one distance measured again in two projections. See :mod:`helpers.exercises.seminar` for the
conventions of checkers.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
from matplotlib.figure import Figure
from shapely.geometry import LineString, Point

from helpers import maps, places, plotting, route
from helpers.exercises.common import needs_keys
from helpers.exercises.seminar import number, verdict

#: The sourced settlement whose row the exercise re-adds under a new id, and that id.
LIKE, NEW_ID = "s-polyarnaya-zvezda", "s-seminar-copy"
#: The second projection of exercise 3b (Web Mercator), beside the maps' equal-area one.
MERCATOR = "EPSG:3857"


# --------------------------------------------------------------------------------------------
# 3a. A place added to a copy of the gazetteer


def append_place(root: Path, like: str = LIKE, new_id: str = NEW_ID) -> dict[str, str]:
    """Append to ``root/geo/gazetteer.csv`` a copy of the row of ``like`` under ``new_id``: the
    same name, coordinates and sources, so nothing is invented. Returns the new row.
    """
    path = Path(root) / "geo" / "gazetteer.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    row = next(r for r in rows if r["id"] == like) | {"id": new_id}
    text = path.read_text(encoding="utf-8")
    with path.open("a", encoding="utf-8", newline="") as f:
        if not text.endswith("\n"):
            f.write("\n")
        csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n").writerow(row)
    return row


def route_start() -> str:
    """The first station of the trunk of the schematic route."""
    return str(route.route_stops(route.branches()[0])["place_id"].iloc[0])


def nearest_station(place_id: str) -> str:
    """The station of the schematic route (any branch) nearest to ``place_id``."""
    stations = {s for b in route.branches() for s in route.route_stops(b)["place_id"]}
    return min(sorted(stations), key=lambda s: route.place_km(place_id, s))


def solve_place(place_id: str = NEW_ID) -> dict[str, Any]:
    """The solution: great-circle km from the start of the route, the nearest station and the
    km along the route to it (read from the gazetteer now loaded).
    """
    station = nearest_station(place_id)
    return {
        "place_id": place_id,
        "great_circle_km": route.place_km(route_start(), place_id),
        "nearest_station": station,
        "route_km": route.route_km(station),
    }


@plotting.styled
def place_map(place_id: str = NEW_ID) -> Figure:
    """The added place, its nearest station and the start of the route (red), the schematic
    route (orange) and the straight line from the start to the place (dotted), on an equal-area
    map.
    """
    ids = [route_start(), nearest_station(place_id), place_id]
    shown = places.gazetteer().set_index("id").loc[ids]
    lons, lats = shown["lon"].astype(float), shown["lat"].astype(float)
    west, south, east, north = route.route().total_bounds
    extent = (min(lons.min(), west) - 4, min(lats.min(), south) - 4, max(lons.max(), east) + 4)
    extent = (*extent, max(lats.max(), north) + 3)
    fig, ax = maps.map_figure(extent, maps.ASIA_ALBERS)
    lines = route.route().to_crs(maps.ASIA_ALBERS)
    lines.plot(ax=ax, color=plotting.colour("orange"), linewidth=1.4)
    line = gpd.GeoSeries([LineString(zip(lons, lats, strict=True))], crs=places.WGS84)
    line.to_crs(maps.ASIA_ALBERS).plot(ax=ax, color=plotting.colour("blue"), linestyle=":")
    pts = gpd.GeoSeries([Point(x, y) for x, y in zip(lons, lats, strict=True)], crs=places.WGS84)
    pts = pts.to_crs(maps.ASIA_ALBERS)
    pts.plot(ax=ax, color=plotting.colour("vermillion"), zorder=3)
    for xy, pid, offset in zip(pts, ids, ((6, 6), (-10, 8), (6, -14)), strict=True):
        ha = "right" if offset[0] < 0 else "left"
        ax.annotate(
            places.short_name(pid), (xy.x, xy.y), xytext=offset, textcoords="offset points", ha=ha
        )
    ax.set_title("A place added to a copy of the gazetteer")
    return fig


def check_place(answer: Any) -> str:
    """Check the place (in the gazetteer now loaded, with a sourced point), the great-circle
    distance (±1 km), the nearest station and the distance along the route (±1 km).
    """
    example = '{"place_id": "…", "great_circle_km": 0.0, "nearest_station": "…", "route_km": 0.0}'
    keys = ("place_id", "great_circle_km", "nearest_station", "route_km")
    shape = needs_keys(answer, keys, example)
    if shape:
        return shape
    pid = str(answer["place_id"])
    known = places.gazetteer().set_index("id")
    if pid not in known.index:
        return (
            f"'{pid}' is not in the gazetteer being read: set KORYO1937_DATA to your copy and"
            " call data.clear_cache() before measuring."
        )
    same = known[(known["lon"] == known.loc[pid, "lon"]) & (known["lat"] == known.loc[pid, "lat"])]
    if len(same) < 2:
        return f"The point of '{pid}' repeats no sourced row: re-add a place the gazetteer has."
    want = solve_place(pid)
    parts = [
        _within(answer["great_circle_km"], want["great_circle_km"], "The great-circle distance"),
        (
            answer["nearest_station"] == want["nearest_station"],
            f"The nearest station is {places.short_name(want['nearest_station'])}.",
        ),
        _within(answer["route_km"], want["route_km"], "The distance along the route"),
    ]
    return verdict(parts, "Right: the added place is measured from the copy of the data.")


def _within(given: Any, wanted: float, what: str, tolerance: float = 1.0) -> tuple[bool, str]:
    value = number(given)
    if value is not None and abs(value - wanted) <= tolerance:
        return True, ""
    return False, f"{what} should be about {wanted:,.0f} km (got {given!r})."


# --------------------------------------------------------------------------------------------
# 3b. One distance in two projections

#: Words an explanation needs: a property of each projection, and what changes the scale.
PROPERTY_WORDS = (r"conformal|angle|shape", r"equal[- ]area|area")
SCALE_WORDS = r"latitude|scale|stretch|distort"


def projected_km(a: str, b: str, crs: str) -> float:
    """The straight-line distance between two gazetteer places measured on the plane of ``crs``."""
    pts = [places.place(p) for p in (a, b)]
    series = gpd.GeoSeries([Point(p["lon"], p["lat"]) for p in pts], crs=places.WGS84).to_crs(crs)
    return float(series.iloc[0].distance(series.iloc[1]) / 1000)


def solve_projections(a: str | None = None, b: str = LIKE) -> dict[str, Any]:
    """The solution: the start of the route to ``b`` on the ellipsoid, in the maps' Albers
    projection and in Web Mercator; ``ratio`` is Mercator over the ellipsoid.
    """
    a = a or route_start()
    geodesic = route.place_km(a, b)
    mercator = projected_km(a, b, MERCATOR)
    return {
        "geodesic_km": geodesic,
        "albers_km": projected_km(a, b, maps.ASIA_ALBERS),
        "mercator_km": mercator,
        "ratio": mercator / geodesic,
        "explanation": (
            "Web Mercator is conformal: it keeps angles but stretches scale by 1/cos(latitude),"
            " so at these latitudes every km is drawn too long. The Albers projection is"
            " equal-area: it keeps areas, and its scale stays near true between its standard"
            " parallels, so it comes closer, though no flat map keeps all distances."
        ),
    }


def check_projections(answer: Any) -> str:
    """Check the Mercator-to-ellipsoid ratio (±0.02) and that the explanation names the
    projections' properties and what the distortion depends on.
    """
    shape = needs_keys(answer, ("ratio", "explanation"), '{"ratio": 0.0, "explanation": "…"}')
    if shape:
        return shape
    want = solve_projections()["ratio"]
    value = number(answer["ratio"])
    text = str(answer["explanation"]).lower()
    parts = [
        (
            value is not None and abs(value - want) <= 0.02,
            f"The ratio should be about {want:.2f} (Mercator km over great-circle km).",
        ),
        (
            all(re.search(p, text) for p in PROPERTY_WORDS),
            "Name what each projection keeps: Mercator is conformal, Albers equal-area.",
        ),
        (bool(re.search(SCALE_WORDS, text)), "Say what the stretch depends on (latitude)."),
    ]
    return verdict(parts, f"Right: Mercator draws this distance {want:.2f} times too long.")
