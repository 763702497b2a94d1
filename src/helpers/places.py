"""The gazetteer: places as a GeoDataFrame, their names in 1937 and today, lookup by any name.

Where a point may lie is checked when the table loads (the role boxes of the descriptor, see
:mod:`helpers.rules`), so a swapped latitude and longitude never reaches a map.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
from rapidfuzz import fuzz, process

from helpers import data
from helpers.translit import romanize

WGS84 = "EPSG:4326"


def gazetteer() -> gpd.GeoDataFrame:
    """The gazetteer as a GeoDataFrame in WGS 84 (no geometry where no point was found)."""
    table = data.load("gazetteer")
    points = gpd.points_from_xy(table["lon"].astype(float), table["lat"].astype(float))
    frame = gpd.GeoDataFrame(table, geometry=points, crs=WGS84)
    frame.loc[table["lat"].isna(), "geometry"] = None
    return frame


def place(place_id: str) -> dict[str, Any]:
    """One gazetteer row; an unknown id raises :class:`KeyError` with close ids."""
    return data.row("gazetteer", place_id)


def names(place_id: str) -> list[tuple[str, str]]:
    """Every name of a place as (name, tag): the 1937 title (``ru``), its ALA-LC romanisation
    (``ru-Latn-alalc97``), the tagged variants and today's name (``en``).
    """
    row = place(place_id)
    out = [(row["title"], "ru"), (romanize(row["title"]), "ru-Latn-alalc97")]
    for item in filter(None, row["variants"].split(";")):
        name, _, tag = item.rpartition("@")
        out.append((name, tag))
    out.append((row["modern_name"], "en"))
    return list(dict.fromkeys(out))


def english_name(place_id: str) -> str:
    """The place's English name (its first ``@en`` variant), else its ALA-LC romanisation."""
    for name, tag in names(place_id)[:-1]:
        if tag == "en":
            return name
    return names(place_id)[1][0]


def name_1937(place_id: str) -> str:
    """The 1937 name for prose: romanised (ALA-LC), then the Cyrillic in brackets."""
    title = place(place_id)["title"]
    latin = romanize(title)
    return latin if latin == title else f"{latin} ({title})"


def short_name(place_id: str) -> str:
    """The romanised 1937 name without the word ``raion``, for map labels."""
    name = romanize(place(place_id)["title"])
    for word in (" raion", "raion imeni "):
        name = name.replace(word, "")
    return name


@data.on_clear
def _clear() -> None:
    _name_index.cache_clear()


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
    index = _name_index(data.data_dir())
    key = name.strip().casefold()
    if key in index:
        return index[key][0]
    close = process.extract(key, list(index), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    shown = [f"'{index[n][1]}' ({index[n][0]})" for n, _, _ in close]
    hint = "; did you mean " + ", ".join(shown) + "?" if close else ""
    raise KeyError(f"unknown place '{name}'{hint}")


def require_crs(frame: gpd.GeoDataFrame, what: str) -> None:
    """Raise :class:`ValueError` if ``frame`` has no coordinate reference system."""
    if frame.crs is None:
        raise ValueError(
            f"{what} has no CRS: set one (e.g. .set_crs('{WGS84}')) before measuring or mapping"
        )


def then_and_now(place_id: str) -> str:
    """The place for prose: its 1937 name (romanised, Cyrillic), then today's name.

    >>> then_and_now("s-kzyl-orda")  # doctest: +SKIP
    'Kzyl-Orda (Кзыл-Орда; today Kyzylorda, Kazakhstan)'
    """
    row = place(place_id)
    title, latin = row["title"], romanize(row["title"])
    inner = title if latin != title else ""
    today = f"today {row['modern_name']}"
    return f"{latin} ({inner}; {today})" if inner else f"{latin} ({today})"
