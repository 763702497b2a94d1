"""Gazetteer, names, route, distances, base map and maps."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure
from pyproj import Geod

from helpers import basemap, collation, data, lpf, map_labels, maps, places, plotting, route

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
    assert route.branches()[0] == "trunk"
    for branch in route.branches():
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


def test_lakes_layer_is_present_parsed_and_cut_to_the_region() -> None:
    lakes = basemap.basemap("lakes")
    assert lakes.crs.to_epsg() == 4326
    assert {"Aral Sea", "Lake Balkhash", "Lake Khanka"} <= set(lakes["name"])
    assert lakes.geometry.is_valid.all()
    assert set(lakes.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    aral = lakes.set_index("name").loc["Aral Sea"]
    assert aral["gshhs_source"] == "WDBII"
    assert aral.geometry.contains(gpd.points_from_xy([60.0], [45.0])[0])
    khanka = lakes.set_index("name").loc["Lake Khanka"].geometry
    assert khanka.bounds[0] > 131.5
    assert khanka.bounds[2] < 133.5


def test_lakes_file_is_deterministic_text() -> None:
    text = (REAL / "geo" / "basemap" / "lakes.geojson").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == '{"type":"FeatureCollection","features":['
    names = [json.loads(line.rstrip(","))["properties"]["name"] for line in lines[1:-1]]
    assert names == sorted(names)


def test_unknown_lake_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="no lake 'Lake Nowhere'"):
        map_labels.lake_point("Lake Nowhere", maps.ASIA_ALBERS)


@pytest.fixture(scope="module")
def drawn_maps() -> dict[str, Figure]:
    """The three maps, drawn once for the tests below, which only read them."""
    return {
        "origin": maps.origin_map(),
        "route": maps.route_map(),
        "destinations": maps.destinations_map({"kazakh-ssr": 10.0, "uzbek-ssr": 5.0}),
    }


@pytest.fixture(scope="module")
def map_pngs(drawn_maps: dict[str, Figure]) -> dict[str, bytes]:
    """The PNG of each drawn map."""
    return {name: plotting.to_png(fig) for name, fig in drawn_maps.items()}


@pytest.mark.parametrize("name", ["origin", "route", "destinations"])
def test_maps_state_projection_and_modern_borders(drawn_maps, map_pngs, name) -> None:
    texts = " ".join(t.get_text() for ax in drawn_maps[name].axes for t in ax.texts)
    assert "equal-area" in texts
    assert "today's" in texts
    assert "km (approximate)" in texts
    assert map_pngs[name].startswith(b"\x89PNG")


@pytest.mark.parametrize("name", ["origin", "route", "destinations"])
def test_labels_of_a_map_do_not_overlap(drawn_maps, name) -> None:
    boxes = map_labels.label_boxes(drawn_maps[name])
    assert len(boxes) >= 5
    for i, (text_a, a) in enumerate(boxes):
        for text_b, b in boxes[i + 1 :]:
            assert not a.overlaps(b), f"{text_a!r} overlaps {text_b!r}"


def test_origin_map_has_context_labels_and_a_locator(drawn_maps) -> None:
    fig = drawn_maps["origin"]
    labels = {text for text, _ in map_labels.label_boxes(fig)}
    assert {
        "Vladivostok",
        "Lake Khanka",
        "Sea of Japan",
        "Manchukuo (1937)",
        "Korea (1937)",
    } <= labels
    notes = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "only today's borders are drawn" in notes
    assert len(fig.axes[0].child_axes) == 1
    assert len(drawn_maps["destinations"].axes[0].child_axes) == 1


def test_route_map_admits_other_routes_and_draws_every_branch(drawn_maps) -> None:
    ax = drawn_maps["route"].axes[0]
    notes = " ".join(t.get_text() for t in ax.texts)
    assert "northern Kazakhstan went" in notes
    assert "not in the sources read" in notes
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert [t.split(" ")[0] for t in legend] == route.branches()


def test_destinations_map_says_which_aral_shoreline_is_drawn(drawn_maps) -> None:
    notes = " ".join(t.get_text() for t in drawn_maps["destinations"].axes[0].texts)
    assert "Aral Sea: the GSHHS outline" in notes
    assert "not its 1937 shore" in notes
    labels = {text for text, _ in map_labels.label_boxes(drawn_maps["destinations"])}
    assert {"Aral Sea", "Lake Balkhash"} <= labels


def test_a_label_moves_off_a_point_it_would_cover() -> None:
    with plotting.style():
        fig, ax = plotting.new_figure(width=3, height=3)
        ax.set_xlim(0, 10)
        ax.set_ylim(0, 10)
        first = map_labels.Label("First", (5.0, 5.0))
        second = map_labels.Label("Second", (5.2, 5.1))
        placed = map_labels.place_labels(ax, [first, second])
    boxes = map_labels.label_boxes(fig)
    assert [t.get_text() for t in placed] == ["First", "Second"]
    assert not boxes[0][1].overlaps(boxes[1][1])


def test_labels_are_measured_where_the_drawing_puts_the_map_and_its_inset() -> None:
    fig = maps.origin_map()  # its labels were placed before any draw
    ax, (inset,) = fig.axes[0], fig.axes[0].child_axes
    render = map_labels.renderer(fig)
    measured = [a.get_window_extent(render).bounds for a in (ax, inset)]
    point = tuple(ax.transData.transform((0.0, 0.0)))
    boxes = [box.bounds for _, box in map_labels.label_boxes(fig)]
    with plotting.style():
        plotting.agg_canvas(fig).draw()
    assert [a.get_window_extent(render).bounds for a in (ax, inset)] == measured
    assert tuple(ax.transData.transform((0.0, 0.0))) == point
    assert [box.bounds for _, box in map_labels.label_boxes(fig)] == boxes


def test_the_sea_label_sits_where_no_country_is_in_the_largest_stretch_of_sea() -> None:
    import shapely
    from shapely.ops import polylabel

    extent, projection = maps.ORIGIN_EXTENT, maps.FAR_EAST_ALBERS
    land = shapely.union_all(list(basemap.basemap("countries").geometry))  # the definition
    sea = map_labels._largest(shapely.box(*extent) - land)
    assert map_labels.sea_point(extent, projection) == map_labels._projected(
        polylabel(sea, 0.01), projection
    )


def test_a_map_is_drawn_the_same_twice(map_pngs) -> None:
    assert plotting.to_png(maps.origin_map()) == map_pngs["origin"]


def test_then_and_now_gives_the_1937_name_first_then_todays() -> None:
    text = places.then_and_now("s-kzyl-orda")
    assert text.startswith("Kzyl-Orda (Кзыл-Орда; today ")
    assert "Kyzylorda" in text


def test_then_and_now_does_not_repeat_an_unchanged_name() -> None:
    assert places.then_and_now("st-novosibirsk") == "Novosibirsk (Новосибирск; today in Russia)"
    assert places.then_and_now("st-voroshilov").endswith("today Ussuriysk, Primorsky Krai)")


def test_crosswalk_table_shows_words_and_readers_names() -> None:
    table = places.crosswalk_table()
    assert list(table.columns) == ["1937 unit", "today", "country", "match", "source"]
    assert set(table["match"]) <= {"the same unit", "part of", "approximately"}
    assert {"Magadan Oblast", "Jewish Autonomous Oblast", "Primorsky Krai"} <= set(table["today"])
    assert not {"Maga Buryatdan", "Yevrey", "Primor'ye"} & set(table["today"])
    assert "Dal'nevostochnyi krai (Дальневосточный край)" in set(table["1937 unit"])
    # the data keep the base map's own names, so the crosswalk still matches the base map
    assert "Maga Buryatdan" in set(data.load("crosswalk")["modern_unit"])
    assert places.display_unit("Kazakhstan") == "Kazakhstan"


def test_unplaced_table_splits_areas_from_places_not_located() -> None:
    table = places.unplaced_table()
    gaz = data.load("gazetteer")
    assert len(table) == int(((gaz["role"] != "territory") & gaz["lat"].isna()).sum())
    areas = table[table["why no point"].str.startswith("an area")]
    assert "Amurskaia oblast' (Амурская область)" in set(areas["place (1937)"])
    lost = table[table["why no point"].str.startswith("not located")]
    assert "Shmakovskii raion (Шмаковский район)" in set(lost["place (1937)"])


def test_stops_table_is_in_words_with_todays_names_and_spoken_dates() -> None:
    table = route.stops_table()
    assert table["part of the route"].iloc[0] == "main line"
    assert {"branch to Tashkent", "branch to Aral'sk"} <= set(table["part of the route"])
    row = table[table["station (1937)"].str.startswith("Voroshilov")].iloc[0]
    assert row["today"] == "Ussuriysk, Primorsky Krai"
    assert "1 July 1900" in set(table["opened"])
    assert not table["opened"].str.contains(r"\d{4}-\d\d").any()


def test_coordinate_pages_add_up() -> None:
    pages = places.coordinate_pages()
    assert pages["all"] == sum(v for k, v in pages.items() if k != "all")
    assert pages["mirror"] > 0


def test_a_map_is_laid_out_where_the_layout_engine_settles() -> None:
    """Constrained layout moves a map's title on its second pass (the first shrinks the map to
    its aspect): fix_layout must keep the settled layout.
    """

    def draw() -> Figure:
        with plotting.style():
            fig, ax = maps.map_figure(maps.ORIGIN_EXTENT, maps.FAR_EAST_ALBERS, 8.5, 8.0)
            ax.set_title("A title above the map")
        return fig

    def positions(fig: Figure) -> list[tuple[float, ...]]:
        return [tuple(ax.get_position(original=True).bounds) for ax in fig.axes]

    fixed, settled = draw(), draw()
    plotting.fix_layout(fixed)
    plotting.agg_canvas(settled)
    engine = settled.get_layout_engine()
    engine.execute(settled)
    first = positions(settled)
    for _ in range(3):
        engine.execute(settled)
    assert first != positions(settled)  # the case this test is about: one pass is not enough
    assert positions(fixed) == positions(settled)
