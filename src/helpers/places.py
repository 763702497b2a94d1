"""The gazetteer: places as a GeoDataFrame, their names in 1937 and today, lookup by any name.

Where a point may lie is checked when the table loads (the role boxes of the descriptor, see
:mod:`helpers.rules`), so a swapped latitude and longitude never reaches a map.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
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
    return list(_names(data.data_dir(), place_id))


@cache
def _names(root: Path, place_id: str) -> tuple[tuple[str, str], ...]:
    row = data.row("gazetteer", place_id, root)
    out = [(row["title"], "ru"), (romanize(row["title"]), "ru-Latn-alalc97")]
    for item in filter(None, row["variants"].split(";")):
        name, _, tag = item.rpartition("@")
        out.append((name, tag))
    out.append((row["modern_name"], "en"))
    return tuple(dict.fromkeys(out))


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
    _names.cache_clear()


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
    """The place for prose: its 1937 name (romanised, Cyrillic), then today's name; where the
    name is unchanged, only where the place lies today.

    >>> then_and_now("s-kzyl-orda")  # doctest: +SKIP
    'Kzyl-Orda (Кзыл-Орда; today Kyzylorda, Kazakhstan)'
    >>> then_and_now("st-novosibirsk")  # doctest: +SKIP
    'Novosibirsk (Новосибирск; today in Russia)'
    """
    row = place(place_id)
    title, latin = row["title"], romanize(row["title"])
    inner = title if latin != title else ""
    modern = str(row["modern_name"])
    same, _, where = modern.partition(", ")
    today = f"today in {where}" if same == latin and where else f"today {modern}"
    return f"{latin} ({inner}; {today})" if inner else f"{latin} ({today})"


# --------------------------------------------------------------------------------------------
# Tables for readers

#: Today's units as readers know them, for the base map's admin-1 names that are misspelt or
#: shortened. Only the display changes: the data (``crosswalk_1937.csv`` and the base map) keep
#: Natural Earth's own names, so that the crosswalk still matches the base map's name field.
BASEMAP_DISPLAY_NAMES = {
    "Maga Buryatdan": "Magadan Oblast",
    "Yevrey": "Jewish Autonomous Oblast",
    "Primor'ye": "Primorsky Krai",
    "Khabarovsk": "Khabarovsk Krai",
    "Amur": "Amur Oblast",
    "Sakhalin": "Sakhalin Oblast",
}
#: The crosswalk's relation codes in words.
RELATION_WORDS = {
    "equal": "the same unit",
    "part_of_union": "part of",
    "approximate": "approximately",
}


def display_unit(name: str) -> str:
    """A base-map unit's name as readers know it (``'Maga Buryatdan'`` -> ``'Magadan Oblast'``)."""
    return BASEMAP_DISPLAY_NAMES.get(name, name)


def crosswalk_table() -> pd.DataFrame:
    """The crosswalk from 1937 units to today's, in words: 1937 name, today's unit as readers
    know it, country, how the two match, and the source (an author–date label).
    """
    from helpers.bibliography import cite

    cross = data.load("crosswalk")
    table = pd.DataFrame(
        {
            "1937 unit": [name_1937(i) for i in cross["unit_1937_id"]],
            "today": [display_unit(u) for u in cross["modern_unit"]],
            "country": cross["modern_country"],
            "match": [RELATION_WORDS[r] for r in cross["relation"]],
            "source": [cite(s) for s in cross["source_id"]],
        }
    )
    return table.sort_values(["1937 unit", "today"], ignore_index=True)


def unplaced_table() -> pd.DataFrame:
    """The places (not the union and its republics) that have no point on the maps, with what
    they are, today's name, and why there is no point: an area known from its sources but not
    drawn as a point, or a place not located in the sources read (confidence ``unresolved``).
    """
    gaz = data.load("gazetteer")
    rows = gaz[(gaz["role"] != "territory") & gaz["lat"].isna()]
    why = [
        "not located in the sources read" if c == "unresolved" else "an area (no 1937 border drawn)"
        for c in rows["confidence"]
    ]
    table = pd.DataFrame(
        {
            "why no point": why,
            "place (1937)": [name_1937(i) for i in rows["id"]],
            "what it is": [t.replace(";", ", ") for t in rows["types"]],
            "today": rows["modern_name"],
        }
    )
    return table.sort_values(["why no point", "place (1937)"], ignore_index=True)


def coordinate_pages() -> dict[str, int]:
    """How many of the pages the gazetteer's coordinates were read from are originals, mirrors
    or machine translations (the bibliography's ``copy`` column), by kind.
    """
    pages = set(data.load("gazetteer")["geo_source"].dropna()) - {""}
    bib = data.load("bibliography")
    kinds = bib[bib["id"].isin(pages)]["copy"].fillna("")
    return {"all": len(pages), **kinds.value_counts().sort_index().to_dict()}
