"""The gazetteer exported as Linked Places Format (LPF) GeoJSON, for the World Historical
Gazetteer and Peripleo: a derived file, written by the site build, never edited by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import data
from helpers.translit import romanize
from helpers.values import is_missing

CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"


def _names(r: Any, citation: dict[str, str]) -> list[dict[str, Any]]:
    out = [
        {"toponym": r.title, "lang": "ru", "citations": [citation]},
        {"toponym": romanize(r.title), "lang": "ru-Latn-alalc97", "citations": [citation]},
    ]
    for item in filter(None, r.variants.split(";")):
        toponym, _, tag = item.rpartition("@")
        out.append({"toponym": toponym, "lang": tag})
    return out


def _geometry(r: Any) -> dict[str, Any] | None:
    if is_missing(r.lat):
        return None
    certainty = "certain" if r.confidence == "high" else "less-certain"
    point = {"type": "Point", "coordinates": [r.lon, r.lat], "certainty": certainty}
    return {"type": "GeometryCollection", "geometries": [point]}


def _feature(r: Any, sources: pd.DataFrame) -> dict[str, Any]:
    citation = {
        "label": sources.loc[r.title_source, "title"],
        "@id": sources.loc[r.title_source, "work_url"] or f"koryo1937:source:{r.title_source}",
    }
    return {
        "@id": f"koryo1937:{r.id}",
        "type": "Feature",
        "properties": {"title": r.title, "ccodes": [c for c in r.ccodes.split(";") if c]},
        "when": {"timespans": [{"start": {"in": str(r.attestation_year)}}]},
        "names": _names(r, citation),
        "types": [{"label": t} for t in r.types.split(";") if t],
        "geometry": _geometry(r),
        "links": [{"type": "closeMatch", "identifier": m} for m in r.matches.split(";") if m],
    }


def to_lpf() -> dict[str, Any]:
    """The gazetteer as a Linked Places Format FeatureCollection."""
    sources = data.load("bibliography").set_index("id")
    features = [_feature(r, sources) for r in data.load("gazetteer").itertuples()]
    return {"type": "FeatureCollection", "@context": CONTEXT, "features": features}


def write_lpf(path: Path) -> Path:
    """Write the Linked Places export (sorted keys, UTF-8) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(to_lpf(), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path
