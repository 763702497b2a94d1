"""Row and cross-table rules of the data package, beyond what Table Schema can say.

Each rule takes a table (typed, with ``attrs['lines']`` and ``attrs['path']``) and returns its
problems. Rules that need numbers (plausible maxima per unit, the box each role's points must lie
in) read them from the descriptor, so that the data package states its own rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from helpers.errors import DataError, RuleError
from helpers.values import is_missing

if TYPE_CHECKING:
    import pandas as pd

Tables = Callable[[str], "pd.DataFrame"]
Rule = Callable[["pd.DataFrame", dict[str, Any], Tables], Iterator[tuple[int, str, str]]]


def _rows(frame: pd.DataFrame) -> Iterator[tuple[int, dict[str, Any]]]:
    for line, record in zip(frame.attrs["lines"], frame.to_dict("records"), strict=True):
        yield line, {k: (None if is_missing(v) else v) for k, v in record.items()}


def _claims(
    frame: pd.DataFrame, res: dict[str, Any], tables: Tables
) -> Iterator[tuple[int, str, str]]:
    units = {
        q: set(u.split(";"))
        for q, u in zip(tables("quantities")["quantity"], tables("quantities")["unit"], strict=True)
    }
    maxima = res.get("x-unit-maximum", {})
    for line, r in _rows(frame):
        for column, message in _claim_problems(r, units, maxima):
            yield line, column, message


def _claim_problems(
    r: dict[str, Any], units: dict[str, set[str]], maxima: dict[str, float]
) -> Iterator[tuple[str, str]]:
    value, low, high = r["value"], r["at_least"], r["at_most"]
    if r["kind"] != "rejected":
        if value is None and low is None and high is None:
            yield "value", "a claim needs a value, an at_least or an at_most"
        if not r["refers_to"]:
            yield "refers_to", "a value is required (only a rejected claim may lack a date)"
    if (r["kind"] == "rejected") != bool(r.get("rejected_because")):
        yield "rejected_because", "give the reason exactly when the kind is 'rejected'"
    if low is not None and high is not None and low > high:
        yield "at_least", f"at_least {low:.15g} is greater than at_most {high:.15g}"
    if value is not None and low is not None and value < low:
        yield "value", f"value {value:.15g} is below its own at_least {low:.15g}"
    if value is not None and high is not None and value > high:
        yield "value", f"value {value:.15g} is above its own at_most {high:.15g}"
    yield from _unit_problems(r, units, maxima)


def _unit_problems(
    r: dict[str, Any], units: dict[str, set[str]], maxima: dict[str, float]
) -> Iterator[tuple[str, str]]:
    if r["quantity"] in units and r["unit"] not in units[r["quantity"]]:
        yield (
            "unit",
            f"unit '{r['unit']}' is not a unit of {r['quantity']} "
            f"({', '.join(sorted(units[r['quantity']]))})",
        )
    limit = maxima.get(r["unit"])
    for column in ("value", "at_least", "at_most"):
        if limit is not None and r[column] is not None and r[column] > limit:
            yield (
                column,
                f"{r[column]:.15g} {r['unit']} is above the plausible maximum {limit:.15g}",
            )


def _checks(
    frame: pd.DataFrame, res: dict[str, Any], tables: Tables
) -> Iterator[tuple[int, str, str]]:
    claims = tables("claims")
    values = {
        c: v for c, v in zip(claims["claim_id"], claims["value"], strict=True) if not is_missing(v)
    }
    for line, r in _rows(frame):
        if r["total_claim_id"] not in values:
            yield (
                line,
                "total_claim_id",
                f"claim '{r['total_claim_id']}' has no single value to check against",
            )
        for part in (r["part_claim_ids"] or "").split(";"):
            if part and part not in values:
                yield line, "part_claim_ids", f"part '{part}' has no single value to add up"


def _census(
    frame: pd.DataFrame, res: dict[str, Any], tables: Tables
) -> Iterator[tuple[int, str, str]]:
    places = tables("gazetteer")
    territories = {
        i for i, role in zip(places["id"], places["role"], strict=True) if role == "territory"
    }
    for line, r in _rows(frame):
        if r["territory"] not in territories:
            yield line, "territory", f"'{r['territory']}' is not a territory of the gazetteer"
        given = r["koreans"] is not None
        for column in ("source_id", "confidence"):
            if given and not r[column]:
                yield line, column, "a value is required when koreans is given"
            if not given and r[column] and column == "confidence":
                yield line, column, "must be empty when koreans is empty"
        if r.get("at_least") is not None and (given or not r["source_id"]):
            problem = "must be empty when koreans is given" if given else "needs a source_id"
            yield line, "at_least", f"a lower bound {problem}"


def _gazetteer(
    frame: pd.DataFrame, res: dict[str, Any], tables: Tables
) -> Iterator[tuple[int, str, str]]:
    boxes = res.get("x-role-boxes", {})
    for line, r in _rows(frame):
        has_lat, has_lon = r["lat"] is not None, r["lon"] is not None
        if has_lat != has_lon:
            yield (
                line,
                "lon" if has_lat else "lat",
                "a value is required when the other coordinate is given",
            )
        elif has_lat and not r["geo_source"]:
            yield line, "geo_source", "a value is required when coordinates are given"
        elif has_lat and r["role"] in boxes:
            problem = _box_problem(r, boxes[r["role"]])
            if problem:
                yield line, "lat", problem


def _box_problem(r: dict[str, Any], box: list[float]) -> str | None:
    x0, y0, x1, y1 = box
    lon, lat = r["lon"], r["lat"]
    if x0 <= lon <= x1 and y0 <= lat <= y1:
        return None
    swapped = x0 <= lat <= x1 and y0 <= lon <= y1
    hint = " (latitude and longitude swapped?)" if swapped else ""
    return (
        f"point ({lat}, {lon}) lies outside the {r['role']} area lon {x0}–{x1}, lat {y0}–{y1}{hint}"
    )


def _route(
    frame: pd.DataFrame, res: dict[str, Any], tables: Tables
) -> Iterator[tuple[int, str, str]]:
    places = tables("gazetteer")
    located = {i for i, lat in zip(places["id"], places["lat"], strict=True) if not is_missing(lat)}
    branches = list(dict.fromkeys(frame["branch"]))
    trunk = set(frame.loc[frame["branch"] == branches[0], "place_id"]) if branches else set()
    expected: dict[str, int] = {}
    for line, r in _rows(frame):
        expected[r["branch"]] = expected.get(r["branch"], 0) + 1
        if r["seq"] != expected[r["branch"]]:
            yield line, "seq", f"expected stop {expected[r['branch']]} of branch '{r['branch']}'"
        if r["place_id"] not in located:
            yield line, "place_id", f"station '{r['place_id']}' has no coordinates in the gazetteer"
        if r["seq"] == 1 and r["branch"] != branches[0] and r["place_id"] not in trunk:
            yield (
                line,
                "place_id",
                f"branch '{r['branch']}' must start at a station of '{branches[0]}'",
            )


def _accounts(
    frame: pd.DataFrame, res: dict[str, Any], tables: Tables
) -> Iterator[tuple[int, str, str]]:
    for line, r in _rows(frame):
        if r["quote"] and not (r["quote_lang"] and r["quote_en"]):
            yield line, "quote_en", "a quotation needs its language and the project's translation"
        if not r["quote"] and (r["quote_lang"] or r["quote_en"]):
            yield line, "quote", "a translation or language is given but no quotation"


RULES: dict[str, Rule] = {
    "accounts": _accounts,
    "claims": _claims,
    "checks": _checks,
    "census": _census,
    "gazetteer": _gazetteer,
    "route": _route,
}


def row_problems(
    name: str, frame: pd.DataFrame, res: dict[str, Any], tables: Tables
) -> list[DataError]:
    """List the problems the rules of table ``name`` find (none for a table without rules)."""
    rule = RULES.get(name)
    if rule is None or frame.empty:
        return []
    shown = frame.attrs["path"]
    return [
        RuleError(shown, message, line, column)
        for line, column, message in rule(frame, res, tables)
    ]
