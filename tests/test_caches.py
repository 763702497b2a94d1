"""The helpers' caches: ``data.clear_cache()`` forgets each of them (a changed file is read
again), and what they hand out is a copy that a caller may change. Also the fast stand-in for
iterating over ``groupby`` groups (:func:`helpers.data.grouped_rows`).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import basemap, census, collation, data, lineage, places, route


def _edit(path: Path, key: tuple[str, str], column: str, value: str) -> None:
    """Set ``column`` to ``value`` in the row of a CSV whose ``key[0]`` column is ``key[1]``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r[key[0]] for r in rows].count(key[1]) >= 1, key
    for row in rows:
        if row[key[0]] == key[1]:
            row[column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_lineage_caches_are_forgotten(data_copy: Path) -> None:
    both = "nkvd-report-1937-10-25+nkvd-meer-1937-11-03"
    assert lineage.original_documents(both) == ["yezhov-1937-10-25", "meer-1937-11-03"]
    assert lineage.label("yezhov-1937-10-25") == "Yezhov's report of 25 October 1937"
    documents = data_copy / "sources" / "documents.csv"
    _edit(documents, ("doc_id", "meer-1937-11-03"), "date_edtf", "1937-10-01")
    _edit(documents, ("doc_id", "yezhov-1937-10-25"), "kind", "memorandum")
    data.clear_cache()
    assert lineage.original_documents(both) == ["meer-1937-11-03", "yezhov-1937-10-25"]
    assert lineage.label("yezhov-1937-10-25") == "Yezhov's memorandum of 25 October 1937"


def test_census_names_are_forgotten(data_copy: Path) -> None:
    assert census.territory_name("kazakh-ssr", 1926) == "Kazakh ASSR"
    names = data_copy / "geo" / "territory_names.csv"
    _edit(names, ("territory", "kazakh-ssr"), "name", "Kazakh Autonomous SSR")
    data.clear_cache()
    assert census.territory_name("kazakh-ssr", 1926) == "Kazakh Autonomous SSR"


def test_place_names_are_forgotten_and_copied(data_copy: Path) -> None:
    first = places.names("kazakh-ssr")
    first.clear()
    assert places.names("kazakh-ssr")[-1] == ("Kazakhstan", "en")
    _edit(data_copy / "geo" / "gazetteer.csv", ("id", "kazakh-ssr"), "modern_name", "Qazaqstan")
    data.clear_cache()
    assert places.names("kazakh-ssr")[-1] == ("Qazaqstan", "en")


def test_route_caches_are_forgotten_and_copied(data_copy: Path) -> None:
    trunk = route.branches()[0]
    stops = route.route_stops(trunk)
    stops.loc[:, "lat"] = 0.0
    assert route.route_stops(trunk)["lat"].iloc[1] != 0.0
    station = str(stops["place_id"].iloc[1])
    before = route.route_km(station)
    lat = float(places.place(station)["lat"])
    _edit(data_copy / "geo" / "gazetteer.csv", ("id", station), "lat", f"{lat + 0.1:.6f}")
    data.clear_cache()
    assert route.route_stops(trunk)["lat"].iloc[1] == round(lat + 0.1, 6)
    assert route.route_km(station) != before


def test_collations_are_forgotten_and_copied(data_copy: Path) -> None:
    table = collation.collate_clause("2", ["w1", "w2"])
    assert any("немедленно" in (v or "") for v in table["w2"])
    table.loc[:, "w2"] = ""
    table.attrs["ends"].append("w2")
    again = collation.collate_clause("2", ["w1", "w2"])
    assert any("немедленно" in (v or "") for v in again["w2"])
    assert "w2" not in again.attrs["ends"]
    text = data_copy / "sources" / "texts" / "sovnarkom-1428-326ss.w2.ru.xml"
    text.write_text(text.read_text(encoding="utf-8").replace("немедленно", "тотчас"), "utf-8")
    data.clear_cache()
    readings = collation.collate_clause("2", ["w1", "w2"])["w2"]
    assert any("тотчас" in (v or "") for v in readings)
    assert not any("немедленно" in (v or "") for v in readings)


@pytest.mark.parametrize("dropna", [True, False])
def test_grouped_rows_match_groupby(dropna: bool) -> None:
    frame = data.load("claims")
    frame.loc[frame.index[:5], "place_id"] = None
    frame.loc[frame.index[3:9], "unit"] = float("nan")
    keys = ["quantity", "place_id", "unit"]
    expected = [
        (tuple(key), list(group.itertuples()))
        for key, group in frame.groupby(keys, sort=True, dropna=dropna)
    ]
    found = data.grouped_rows(frame, keys, dropna=dropna)
    assert repr(found) == repr(expected)
    assert data.grouped_rows(frame.iloc[:0], keys) == []


def test_grouped_rows_of_one_key() -> None:
    frame = pd.DataFrame({"k": ["b", "a", "b"], "v": [1, 2, 3]})
    found = data.grouped_rows(frame, ["k"])
    assert [(key, [r.v for r in rows]) for key, rows in found] == [(("a",), [2]), (("b",), [1, 3])]


def test_base_map_layers_are_forgotten_and_copied(data_copy: Path) -> None:
    layer = basemap.basemap("lakes")
    layer["name"] = "changed by a caller"
    names = set(basemap.basemap("lakes")["name"])
    assert names
    assert "changed by a caller" not in names
    path = data_copy / "geo" / "basemap" / "lakes.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"] = collection["features"][:1]
    path.write_text(json.dumps(collection), encoding="utf-8")
    data.clear_cache()
    assert len(basemap.basemap("lakes")) == 1
