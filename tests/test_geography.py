"""Gazetteer, names, route, distances, base map and maps."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Geod

from helpers import basemap, collation, data, lpf, maps, places, plotting, route

REAL = Path(data.__file__).resolve().parents[2] / "data"


def test_every_point_lies_in_the_area_of_its_role() -> None:
    located = places.gazetteer().dropna(subset=["lat"])
    assert len(located) > 50
    origin = located[located["role"] == "origin_raion"]
    assert origin["lon"].between(125, 142).all()
    assert origin["lat"].between(41, 53).all()
    dest = located[located["role"] == "destination"]
    assert dest["lon"].between(50, 85).all()


def test_ids_are_unique_and_every_source_resolves() -> None:
    table = data.load("gazetteer")
    sources = set(data.load("bibliography")["id"])
    assert table["id"].is_unique
    assert set(table["title_source"]) <= sources
    assert set(table["geo_source"]) - {""} <= sources


def test_every_raion_of_w1_and_the_grodekovo_raion_are_in_the_gazetteer() -> None:
    titles = set(data.load("gazetteer").query("role == 'origin_raion'")["title"])
    assert set(collation.raion_table("w1")["nominative"]) <= titles
    assert "Гродековский район" in titles


def test_every_route_station_is_in_the_gazetteer_with_a_point() -> None:
    for branch in ("trunk", "tashkent", "aral"):
        stops = route.route_stops(branch)
        assert stops["seq"].tolist() == list(range(1, len(stops) + 1))
    assert route.route_stops("tashkent")["place_id"].iloc[0] == "st-arys"
    assert route.route_stops("trunk")["place_id"].iloc[-1] == "st-arys"


def test_route_is_schematic_and_branches_at_arys() -> None:
    assert data.load("route")["schematic"].all()
    lines = route.route()
    assert set(lines["branch"]) == {"trunk", "tashkent", "aral"}
    assert lines.crs.to_epsg() == 4326


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        # Known geodesic lengths on WGS 84: one degree of the equator and of the meridian.
        ((0.0, 0.0), (1.0, 0.0), 111.319491),
        ((0.0, 0.0), (0.0, 1.0), 110.574389),
    ],
)
def test_geodesic_distances_match_known_values(a, b, km) -> None:
    assert route.geodesic_km(a, b) == pytest.approx(km, abs=1e-5)


def test_place_distance_matches_pyproj_directly() -> None:
    v, t = places.place("st-vladivostok"), places.place("s-tashkent")
    _, _, metres = Geod(ellps="WGS84").inv(v["lon"], v["lat"], t["lon"], t["lat"])
    assert route.place_km("st-vladivostok", "s-tashkent") == pytest.approx(metres / 1000)


def test_route_is_longer_than_the_great_circle() -> None:
    for end in ("s-tashkent", "s-kzyl-orda", "s-ush-tobe"):
        assert route.route_km(end) > route.place_km("st-vladivostok", end)


@given(st.floats(-179, 179), st.floats(-89, 89), st.floats(-179, 179), st.floats(-89, 89))
def test_geodesic_is_symmetric_and_non_negative(x1, y1, x2, y2) -> None:
    d1, d2 = route.geodesic_km((x1, y1), (x2, y2)), route.geodesic_km((x2, y2), (x1, y1))
    assert d1 >= 0
    assert math.isclose(d1, d2, rel_tol=1e-9, abs_tol=1e-6)


def test_border_distance_is_zero_on_the_border_and_grows_inland() -> None:
    line = basemap.border_line()
    point = line.geoms[0].coords[0] if hasattr(line, "geoms") else line.coords[0]
    assert basemap.border_distance_km(*point) == pytest.approx(0, abs=0.01)
    near = basemap.border_distance_km(131.0, 44.0)
    inland = basemap.border_distance_km(135.0, 46.0)
    assert inland > near


def test_lookup_by_any_name() -> None:
    assert places.lookup("Кзыл-Орда") == "s-kzyl-orda"
    assert places.lookup("kzyl-orda") == "s-kzyl-orda"
    assert places.lookup("Kyzylorda") == "s-kzyl-orda"
    assert places.lookup("Pos'etskii raion") == "r-posyet"


def test_unknown_place_suggests_kzyl_orda() -> None:
    with pytest.raises(KeyError, match=r"unknown place 'Kyzyl Orda'; did you mean .*Kzyl-Orda"):
        places.lookup("Kyzyl Orda")


def test_unknown_place_id_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="unknown gazetteer id 'r-posiet'; did you mean r-posyet"):
        places.place("r-posiet")


def test_swapped_coordinates_are_caught_with_a_hint(data_copy) -> None:
    path = data_copy / "geo" / "gazetteer.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    i = next(n for n, line in enumerate(rows) if line.startswith("s-tashkent,"))
    cells = rows[i].split(",")
    lon = next(j for j, c in enumerate(cells) if c.startswith("69."))
    cells[lon], cells[lon + 1] = cells[lon + 1], cells[lon]
    rows[i] = ",".join(cells)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match=rf"row {i + 1}, column 'lat'.*swapped\?"):
        data.load("gazetteer")


def test_coordinates_out_of_range_fail_when_loading(data_copy) -> None:
    path = data_copy / "geo" / "gazetteer.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",41.3,", ",141.3,", 1), encoding="utf-8"
    )
    with pytest.raises(data.DataError, match=r"column 'lat': 141.3 is above the plausible maxi"):
        data.load("gazetteer")


def test_a_frame_without_crs_is_refused() -> None:
    frame = gpd.GeoDataFrame({"a": [1]}, geometry=gpd.points_from_xy([70.0], [42.0]))
    with pytest.raises(ValueError, match="has no CRS"):
        places.require_crs(frame, "the frame")
    _fig, ax = maps.map_figure((60, 38, 80, 50))
    with pytest.raises(ValueError, match="has no CRS"):
        maps.plot_points(ax, frame, maps.ASIA_ALBERS)


def test_unknown_projection_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown projection"):
        maps.map_figure((60, 38, 80, 50), "EPSG:3857")


def test_maps_state_projection_and_modern_borders() -> None:
    for fig in (
        maps.origin_map(),
        maps.route_map(),
        maps.destinations_map({"kazakh-ssr": 10.0, "uzbek-ssr": 5.0}),
    ):
        texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
        assert "equal-area" in texts
        assert "today's" in texts
        assert "km (approximate)" in texts
        assert plotting.to_png(fig).startswith(b"\x89PNG")


def test_linked_places_export_is_valid_geojson() -> None:
    export = lpf.to_lpf()
    assert export["type"] == "FeatureCollection"
    ids = [f["@id"] for f in export["features"]]
    assert len(ids) == len(set(ids)) == len(data.load("gazetteer"))
    kzyl = next(f for f in export["features"] if f["@id"] == "koryo1937:s-kzyl-orda")
    assert {"toponym": "Kzyl-Orda", "lang": "ru-Latn-alalc97"}.items() <= kzyl["names"][1].items()
    json.dumps(export)  # serialisable


def test_basemap_is_modern_natural_earth_cut_to_the_region() -> None:
    countries = basemap.basemap("countries")
    assert {"Russia", "Kazakhstan", "Uzbekistan", "China"} <= set(countries["name"])
    west, south, east, north = countries.total_bounds
    assert west >= 43.9
    assert east <= 162.1
    assert south >= 34.9
    assert north <= 62.1
    crosswalk = data.load("crosswalk")
    on_map = set(basemap.basemap("admin1")["name"]) | set(countries["name"])
    for row in crosswalk.itertuples():
        # a unit may lie outside the cut region only if the crosswalk says so
        assert row.modern_unit in on_map or "Outside the base-map box" in row.note, row.modern_unit


def test_a_coordinate_without_its_source_is_refused(data_copy) -> None:
    path = data_copy / "geo" / "gazetteer.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",41.3,wiki-ru-tashkent-su,", ",41.3,,", 1), encoding="utf-8")
    with pytest.raises(
        data.DataError, match=r"column 'geo_source': a value is required when coordinates"
    ):
        data.load("gazetteer")
