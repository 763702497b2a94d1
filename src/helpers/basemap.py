"""The base map (today's borders, Natural Earth; lakes, GSHHS) and distances to today's border.

The layers ship in ``data/geo/basemap/``. The descriptor's ``x-basemap`` entry names the countries
and lakes the maps and measurements need, so that :func:`problems` can check a replaced base map.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from helpers import data, package
from helpers.errors import DataError
from helpers.places import WGS84, name_1937
from helpers.values import is_missing

LAYERS = ("countries", "admin1", "lakes")


def _path(root: Path, layer: str) -> Path:
    return root / "geo" / "basemap" / f"{layer}.geojson"


def _settings(root: Path) -> dict[str, Any]:
    return package.descriptor(root).get("x-basemap", {})


def _features(root: Path, layer: str) -> tuple[dict[str, Any], ...]:
    where = package.shown(root, f"geo/basemap/{layer}.geojson")
    try:
        raw = _path(root, layer).read_bytes()
    except FileNotFoundError:
        raise DataError(where, "file not found") from None
    return _parsed(raw, where)


@cache
def _parsed(raw: bytes, where: str) -> tuple[dict[str, Any], ...]:
    """Return the features of a layer's bytes (cached by content: a layer is read once)."""
    try:
        parsed = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        raise DataError(where, "not UTF-8; save the base map as UTF-8", row) from None
    except json.JSONDecodeError as err:
        raise DataError(where, f"not valid GeoJSON: {err.msg}", err.lineno) from None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("features"), list):
        raise DataError(where, "not a GeoJSON FeatureCollection (no 'features' list)")
    return tuple(parsed["features"])


def basemap(layer: str = "countries") -> gpd.GeoDataFrame:
    """Return a base-map layer: ``countries`` or ``admin1`` (today's boundaries, Natural Earth)
    or ``lakes`` (GSHHS shorelines of a few lakes).
    """
    if layer not in LAYERS:
        raise ValueError(f"unknown base-map layer '{layer}'; use one of: {', '.join(LAYERS)}")
    return _layer(data.data_dir(), layer).copy()


@cache
def _layer(root: Path, layer: str) -> gpd.GeoDataFrame:
    """A layer as a frame, built once (every map and distance asks for it)."""
    return gpd.GeoDataFrame.from_features(list(_features(root, layer)), crs=WGS84)


def problems(root: Path) -> list[DataError]:
    """List the problems of the base map.

    Each layer parses, every feature has a readable geometry, and the layers hold the countries
    and lakes the maps need (the descriptor's ``x-basemap``) and the crosswalk's whole countries.
    """
    found: list[DataError] = []
    names: set[str] = set()
    for layer in LAYERS:
        where = package.shown(root, f"geo/basemap/{layer}.geojson")
        try:
            have = _layer_names(_path(root, layer).read_bytes(), where)
        except FileNotFoundError:
            found.append(DataError(where, "file not found"))
            continue
        except DataError as err:
            found.append(err)
            continue
        names |= have
        missing = sorted(set(_settings(root).get(layer, [])) - have)
        if missing:
            found.append(DataError(where, f"no feature named {', '.join(missing)}"))
    return found or _crosswalk_problems(root, names)


@cache
def _layer_names(raw: bytes, where: str) -> frozenset[str]:
    """Return the names of a layer's features; a feature that cannot be read raises, by line."""
    features = _parsed(raw, where)
    for i, feature in enumerate(features):
        try:
            gpd.GeoDataFrame.from_features([feature], crs=WGS84)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as err:
            message = f"feature #{i + 1} cannot be read ({type(err).__name__}: {err})"
            raise DataError(where, message, _feature_line(raw, i)) from None
    return frozenset(
        str(f["properties"]["name"])
        for f in features
        if isinstance(f.get("properties"), dict) and f["properties"].get("name") is not None
    )


def _feature_line(raw: bytes, index: int) -> int | None:
    """Return the line of feature ``index`` when the file has one feature a line (as shipped)."""
    starts = [
        n
        for n, text in enumerate(raw.split(b"\n"), 1)
        if text.lstrip().startswith(b'{"type":"Feature"')
    ]
    return starts[index] if index < len(starts) else None


def _crosswalk_problems(root: Path, names: set[str]) -> list[DataError]:
    """Whole countries of the crosswalk (the maps label them) must be on the base map."""
    if data.problems("crosswalk", root):
        return []  # the table's own problems are reported with it
    cross = data.load("crosswalk", root)
    rows = zip(cross["modern_unit"], cross["modern_country"], cross.attrs["lines"], strict=True)
    return [
        DataError(cross.attrs["path"], f"'{unit}' is not on the base map", line, "modern_unit")
        for unit, country, line in rows
        if unit == country and unit not in names
    ]


@data.on_clear
def clear_cache() -> None:
    """Forget the layers and the border read so far (after the files or ``$KORYO1937_DATA``
    change).
    """
    _layer.cache_clear()
    _border_line.cache_clear()


@cache
def _border_line(root: Path) -> Any:
    """Today's land border between the two sides named in the descriptor's ``x-basemap``."""
    side, others = _settings(root)["border"]
    countries = basemap("countries").set_index("name")
    neighbours = shapely.union_all([countries.loc[n, "geometry"].boundary for n in others])
    border = shapely.intersection(countries.loc[side, "geometry"].boundary, neighbours)
    if border.is_empty:
        raise ValueError(f"the base map has no border between {side} and {', '.join(others)}")
    return border


def border_line() -> Any:
    """Today's land border of Russia with China and North Korea, as one (multi)line."""
    return _border_line(data.data_dir())


def _apply(transformer: Transformer, xy: np.ndarray) -> np.ndarray:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def border_distance_km(lon: float, lat: float) -> float:
    """Measure the distance (km) from a point to Russia's border with China and North Korea.

    The distance is the shortest one, in an azimuthal equidistant projection centred on the point
    (on the WGS84 ellipsoid; a PROJ pipeline from degrees gives the same numbers as a transformer
    between the two coordinate systems, about ten times faster to set up).
    """
    to_local = Transformer.from_pipeline(
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
        f"+step +proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84"
    )
    border = shapely.transform(border_line(), lambda xy: _apply(to_local, xy))
    return shapely.distance(shapely.Point(0, 0), border) / 1000


def border_distances() -> pd.DataFrame:
    """Each origin raion's 1937 centre and its distance from today's state border (km)."""
    places = data.load("gazetteer")
    raions = places[places["role"] == "origin_raion"].sort_values("id")
    rows = [
        {
            "id": r.id,
            "raion": name_1937(r.id),
            "border_km": None if is_missing(r.lat) else border_distance_km(r.lon, r.lat),
            "approximation_km": r.approximation_km,
            "confidence": r.confidence,
        }
        for r in raions.itertuples()
    ]
    return pd.DataFrame(rows).sort_values(
        ["border_km", "id"], na_position="last", ignore_index=True
    )
