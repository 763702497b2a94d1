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

from helpers import data, geography, plotting, sources

REAL = Path(data.__file__).resolve().parents[2] / "data"


def test_every_point_lies_in_the_area_of_its_role() -> None:
    places = geography.gazetteer()  # runs check_boxes
    located = places[places.geometry.notna()]
    assert len(located) > 50
    origin = located[located["role"] == "origin_raion"]
    assert origin["lon"].between(125, 142).all() and origin["lat"].between(41, 53).all()
    dest = located[located["role"] == "destination"]
    assert dest["lon"].between(50, 85).all()


def test_ids_are_unique_and_every_source_resolves() -> None:
    table = data.load("gazetteer")
    assert table["id"].is_unique


def test_every_raion_of_w1_and_the_grodekovo_raion_are_in_the_gazetteer() -> None:
    titles = set(data.load("gazetteer").query("role == 'origin_raion'")["title"])
    assert set(sources.raion_table("w1")["nominative"]) <= titles
    assert "Гродековский район" in titles


def test_every_route_station_is_in_the_gazetteer_with_a_point() -> None:
    for branch in ("trunk", "tashkent", "aral"):
        stops = geography.route_stops(branch)
        assert stops["seq"].tolist() == list(range(1, len(stops) + 1))
    assert geography.route_stops("tashkent")["place_id"].iloc[0] == "st-arys"
    assert geography.route_stops("trunk")["place_id"].iloc[-1] == "st-arys"


def test_route_is_schematic_and_branches_at_arys() -> None:
    assert data.load("route")["schematic"].all()
    lines = geography.route()
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
    assert geography.geodesic_km(a, b) == pytest.approx(km, abs=1e-5)


def test_place_distance_matches_pyproj_directly() -> None:
    v, t = geography.place("st-vladivostok"), geography.place("s-tashkent")
    _, _, metres = Geod(ellps="WGS84").inv(v["lon"], v["lat"], t["lon"], t["lat"])
    assert geography.place_km("st-vladivostok", "s-tashkent") == pytest.approx(metres / 1000)


def test_route_is_longer_than_the_great_circle() -> None:
    for end in ("s-tashkent", "s-kzyl-orda", "s-ush-tobe"):
        assert geography.route_km(end) > geography.place_km("st-vladivostok", end)


@given(st.floats(-179, 179), st.floats(-89, 89), st.floats(-179, 179), st.floats(-89, 89))
def test_geodesic_is_symmetric_and_non_negative(x1, y1, x2, y2) -> None:
    d1, d2 = geography.geodesic_km((x1, y1), (x2, y2)), geography.geodesic_km((x2, y2), (x1, y1))
    assert d1 >= 0 and math.isclose(d1, d2, rel_tol=1e-9, abs_tol=1e-6)


def test_border_distance_is_zero_on_the_border_and_grows_inland() -> None:
    line = geography._border_line(data.data_dir())
    point = line.geoms[0].coords[0] if hasattr(line, "geoms") else line.coords[0]
    assert geography.border_distance_km(*point) == pytest.approx(0, abs=0.01)
    near = geography.border_distance_km(131.0, 44.0)
    inland = geography.border_distance_km(135.0, 46.0)
    assert inland > near


def test_lookup_by_any_name() -> None:
    assert geography.lookup("Кзыл-Орда") == "s-kzyl-orda"
    assert geography.lookup("kzyl-orda") == "s-kzyl-orda"
    assert geography.lookup("Kyzylorda") == "s-kzyl-orda"
    assert geography.lookup("Pos'etskii raion") == "r-posyet"


def test_unknown_place_suggests_kzyl_orda() -> None:
    with pytest.raises(KeyError, match=r"unknown place 'Kyzyl Orda'; did you mean .*Kzyl-Orda"):
        geography.lookup("Kyzyl Orda")


def test_unknown_place_id_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="unknown gazetteer id 'r-posiet'; did you mean r-posyet"):
        geography.place("r-posiet")


def test_swapped_coordinates_are_caught_with_a_hint() -> None:
    table = data.load("gazetteer")
    i = table.index[table["id"] == "s-tashkent"][0]
    table.loc[i, ["lat", "lon"]] = [table.loc[i, "lon"], table.loc[i, "lat"]]
    with pytest.raises(data.DataError, match=r"column 'lat'.*swapped\?"):
        geography.check_boxes(table)


def test_coordinates_out_of_range_fail_when_loading(tmp_path, monkeypatch) -> None:
    import shutil

    shutil.copytree(REAL, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "geo" / "gazetteer.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",41.3,", ",141.3,", 1), encoding="utf-8"
    )
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    data._load.cache_clear()
    try:
        with pytest.raises(data.DataError, match=r"column 'lat': 141.3 is above the maximum 90"):
            data.load("gazetteer")
    finally:
        data._load.cache_clear()


def test_a_frame_without_crs_is_refused() -> None:
    frame = gpd.GeoDataFrame({"a": [1]}, geometry=gpd.points_from_xy([70.0], [42.0]))
    with pytest.raises(ValueError, match="has no CRS"):
        geography.require_crs(frame, "the frame")
    _fig, ax = geography.map_figure((60, 38, 80, 50))
    with pytest.raises(ValueError, match="has no CRS"):
        geography.plot_points(ax, frame, geography.ASIA_ALBERS)


def test_unknown_projection_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown projection"):
        geography.map_figure((60, 38, 80, 50), "EPSG:3857")


def test_maps_state_projection_and_modern_borders() -> None:
    for fig in (
        geography.origin_map(),
        geography.route_map(),
        geography.destinations_map({"kazakh-ssr": 10.0, "uzbek-ssr": 5.0}),
    ):
        texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
        assert "equal-area" in texts and "today's" in texts and "km (approximate)" in texts
        assert plotting.to_png(fig).startswith(b"\x89PNG")


def test_linked_places_export_is_valid_geojson() -> None:
    lpf = geography.to_lpf()
    assert lpf["type"] == "FeatureCollection"
    ids = [f["@id"] for f in lpf["features"]]
    assert len(ids) == len(set(ids)) == len(data.load("gazetteer"))
    kzyl = next(f for f in lpf["features"] if f["@id"] == "koryo1937:s-kzyl-orda")
    assert {"toponym": "Kzyl-Orda", "lang": "ru-Latn-alalc97"}.items() <= kzyl["names"][1].items()
    json.dumps(lpf)  # serialisable


def test_basemap_is_modern_natural_earth_cut_to_the_region() -> None:
    countries = geography.basemap("countries")
    assert {"Russia", "Kazakhstan", "Uzbekistan", "China"} <= set(countries["name"])
    west, south, east, north = countries.total_bounds
    assert west >= 43.9 and east <= 162.1 and south >= 34.9 and north <= 62.1
    crosswalk = data.load("crosswalk")
    on_map = set(geography.basemap("admin1")["name"]) | set(countries["name"])
    for row in crosswalk.itertuples():
        # a unit may lie outside the cut region only if the crosswalk says so
        assert row.modern_unit in on_map or "Outside the base-map box" in row.note, row.modern_unit


def test_a_coordinate_without_its_source_is_refused(tmp_path, monkeypatch) -> None:
    import shutil

    shutil.copytree(REAL, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "geo" / "gazetteer.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",41.3,wiki-ru-tashkent-su,", ",41.3,,", 1), encoding="utf-8")
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    data._load.cache_clear()
    try:
        with pytest.raises(
            data.DataError, match=r"column 'geo_source': a value is required when coordinates"
        ):
            data.load("gazetteer")
    finally:
        data._load.cache_clear()
