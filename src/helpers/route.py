"""The schematic rail route and distances on the WGS 84 ellipsoid (pyproj ``Geod``).

Branches are read from ``data/geo/route.csv``: the first branch is the trunk, every other branch
starts at one of its stations (checked when the table loads).
"""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyproj import Geod
from shapely.geometry import LineString

from helpers import data
from helpers.dates import spoken
from helpers.places import WGS84, name_1937, place
from helpers.translit import romanize
from helpers.values import is_missing

_GEOD = Geod(ellps="WGS84")


def branches() -> list[str]:
    """The branches of the route in the order of the table; the first is the trunk."""
    return list(_branches(data.data_dir()))


@cache
def _branches(root: Path) -> tuple[str, ...]:
    return tuple(dict.fromkeys(data.load("route", root)["branch"]))


def route_stops(branch: str) -> pd.DataFrame:
    """The stations of one branch in order, with their names and coordinates."""
    return _stops(data.data_dir(), branch).copy()


@cache
def _stops(root: Path, branch: str) -> pd.DataFrame:
    stops = data.load("route", root)
    if branch not in set(stops["branch"]):
        raise KeyError(f"unknown branch '{branch}'; known: {', '.join(_branches(root))}")
    stops = stops[stops["branch"] == branch].sort_values("seq")
    places = data.load("gazetteer", root).set_index("id")
    return stops.join(places[["title", "lon", "lat"]], on="place_id").reset_index(drop=True)


def geodesic_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance on the WGS 84 ellipsoid between two (lon, lat) points, in km."""
    for lon, lat in (a, b):
        if not (-180 <= lon <= 360 and -90 <= lat <= 90):
            raise ValueError(f"({lon}, {lat}) is not a (lon, lat) pair in degrees")
    _, _, metres = _GEOD.inv(a[0], a[1], b[0], b[1])
    return metres / 1000


def path_km(coords: list[tuple[float, float]]) -> float:
    """Length of a path of (lon, lat) points, segment by segment on the ellipsoid, in km."""
    return sum(geodesic_km(p, q) for p, q in itertools.pairwise(coords))


def _coords(stops: pd.DataFrame) -> list[tuple[float, float]]:
    return list(zip(stops["lon"].astype(float), stops["lat"].astype(float), strict=True))


def route(names: tuple[str, ...] | None = None) -> gpd.GeoDataFrame:
    """The schematic route as one LineString per branch (WGS 84), with its length in km."""
    rows = []
    for branch in names or branches():
        stops = route_stops(branch)
        coords = _coords(stops)
        rows.append(
            {
                "branch": branch,
                "stations": len(stops),
                "km": path_km(coords),
                "geometry": LineString(coords),
            }
        )
    return gpd.GeoDataFrame(rows, crs=WGS84)


def place_km(a: str, b: str) -> float:
    """Great-circle (geodesic) distance between two gazetteer places, in km."""
    pa, pb = place(a), place(b)
    for p in (pa, pb):
        if is_missing(p["lat"]):
            raise ValueError(f"place '{p['id']}' has no coordinates ({p['confidence']})")
    return geodesic_km((pa["lon"], pa["lat"]), (pb["lon"], pb["lat"]))


def _upto(stops: pd.DataFrame, place_id: str) -> list[tuple[float, float]]:
    ids = list(stops["place_id"])
    return _coords(stops.iloc[: ids.index(place_id) + 1])


def route_km(destination: str) -> float:
    """Length of the schematic route from its start to ``destination``: along the trunk, then
    along whichever branch reaches it, in km.
    """
    return _route_km(data.data_dir(), destination)


@cache
def _route_km(root: Path, destination: str) -> float:
    trunk_name, *others = branches()
    trunk = _stops(root, trunk_name)
    if destination in set(trunk["place_id"]):
        return path_km(_upto(trunk, destination))
    for branch in others:
        stops = _stops(root, branch)
        if destination in set(stops["place_id"]):
            junction = stops["place_id"].iloc[0]
            return path_km(_upto(trunk, junction)) + path_km(_upto(stops, destination))
    raise KeyError(f"'{destination}' is not a station of the schematic route")


@data.on_clear
def _forget() -> None:
    for cached in (_branches, _stops, _route_km):
        cached.cache_clear()


def branch_name(branch: str) -> str:
    """A branch in words: ``'main line'`` for the trunk, else ``'branch to <last station>'``."""
    if branch == branches()[0]:
        return "main line"
    last = route_stops(branch)["place_id"].iloc[-1]
    return f"branch to {romanize(str(place(last)['title']))}"


def stops_table() -> pd.DataFrame:
    """The stations of every branch for readers: part of the route, order, 1937 name, today's
    name, the railway line of the segment ending there and its opening (spoken dates).
    """
    stops = pd.concat([route_stops(b) for b in branches()], ignore_index=True)
    return pd.DataFrame(
        {
            "part of the route": [branch_name(b) for b in stops["branch"]],
            "no.": stops["seq"].astype(int),
            "station (1937)": [name_1937(p) for p in stops["place_id"]],
            "today": [place(p)["modern_name"] for p in stops["place_id"]],
            "railway": stops["line"],
            "opened": ["" if is_missing(d) else spoken(str(d)) for d in stops["opened"]],
        }
    )
