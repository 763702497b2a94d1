"""Census counts of Koreans by territory and year: cells, grid, growth, shares and small multiples.

Territories are read from the gazetteer (role ``territory``), in its order; the year the Far
Eastern Krai was divided is read from the events table.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers import data, plotting
from helpers.dates import bounds
from helpers.places import english_name
from helpers.values import fmt, is_missing

#: Below this many persons a census base is too small for a percentage change or a share to
#: mean anything (42 Koreans in 1926 growing to 96,453 would be "+229,550 %"): only the
#: absolute change is given.
MIN_BASE = 1000


def territory_order() -> list[str]:
    """The territories of the gazetteer, in its order."""
    places = data.load("gazetteer")
    return list(places.loc[places["role"] == "territory", "id"])


def territory_name(territory: str, year: int) -> str:
    """The territory's English name as it was at the census of ``year`` (the Kazakh ASSR in
    1926), read from ``territory_names.csv``; today's English name where no older name applies.
    """
    renamed = _renamings(data.data_dir()).get(territory, [])
    applying = [(until, name) for until, name in renamed if year < until.year]
    return min(applying)[1] if applying else english_name(territory)


@cache
def _renamings(root: Path) -> dict[str, list[tuple[Any, str]]]:
    """Each territory's older names, as (the start of the date it bore the name until, name)."""
    names = data.load("territory_names", root)
    found: dict[str, list[tuple[Any, str]]] = {}
    for r in names.itertuples():
        found.setdefault(r.territory, []).append((bounds(r.until)[0], r.name))
    return found


def territory_label(territory: str, years: list[int]) -> str:
    """Today's name, with the older name and the census years it applies to: ``Kazakh SSR
    (1926: Kazakh ASSR)``.
    """
    older: dict[str, list[str]] = {}
    for year in years:
        name = territory_name(territory, year)
        if name != english_name(territory):
            older.setdefault(name, []).append(str(year))
    extra = "; ".join(f"{', '.join(ys)}: {name}" for name, ys in older.items())
    return english_name(territory) + (f" ({extra})" if extra else "")


def _flag(value: Any) -> bool:
    """A boolean cell as a bool (an empty one is False)."""
    return not is_missing(value) and bool(value)


def _cell(year: int, territory: str, group: list[Any]) -> dict[str, Any]:
    """One census cell from its rows (``itertuples`` rows of the census table)."""
    found = [r for r in group if not is_missing(r.koreans)]
    trusted = [r for r in found if not _flag(r.doubtful)]
    pool = trusted or found
    exact = [r for r in pool if not _flag(r.rounded)]
    basis = exact or pool
    stated: dict[str, set[str]] = {}
    for r in found:
        label = fmt(r.koreans) + (" (rounded)" if _flag(r.rounded) else "")
        stated.setdefault(label, set()).add(r.source_id)
    bounds_at_least = [r.at_least for r in group if not is_missing(r.at_least)]
    return {
        "census_year": int(year),
        "territory": territory,
        "low": float(min(r.koreans for r in basis)) if basis else None,
        "high": float(max(r.koreans for r in basis)) if basis else None,
        "rounded_only": bool(found) and not exact,
        "confirmed": any(r.confidence == "multi" for r in basis),
        "doubtful": bool(basis) and all(_flag(r.doubtful) for r in basis),
        "set_aside": sorted(float(r.koreans) for r in found if _flag(r.doubtful))
        if trusted
        else [],
        "values": "; ".join(f"{v} [{', '.join(sorted(s))}]" for v, s in sorted(stated.items())),
        "at_least": None if found or not bounds_at_least else float(max(bounds_at_least)),
    }


def census_cells() -> pd.DataFrame:
    """One row per census year and territory: every value found, its range and its sources.

    ``low``/``high`` span the values of sources not marked doubtful (the doubtful ones only
    where there is nothing else: ``doubtful``), exact values before rounded ones; ``set_aside``
    holds doubtful values left out beside better ones; ``values`` lists every value with its
    sources; empty cells stay empty, and ``at_least`` holds the largest lower bound a source
    states for a cell that has no value ("more than 72 thousand").
    """
    return _cells(data.data_dir()).copy()


@cache
def _cells(root: Path) -> pd.DataFrame:
    groups = data.grouped_rows(data.load("census", root), ["census_year", "territory"])
    table = pd.DataFrame([_cell(year, territory, rows) for (year, territory), rows in groups])
    order = {t: i for i, t in enumerate(territory_order())}
    table["order"] = table["territory"].map(order)
    return table.sort_values(["order", "census_year"], ignore_index=True).drop(columns="order")


@data.on_clear
def _forget() -> None:
    _cells.cache_clear()
    _renamings.cache_clear()


def dvk_divided() -> int:
    """The year the Far Eastern Krai was divided, read from the events table."""
    return bounds(data.row("events", "ev-1938-dvk-split")["date_edtf"])[0].year


def _shown(row: Any) -> str:
    if is_missing(row.low):
        return "—" if is_missing(row.at_least) else f"≥ {fmt(row.at_least)} (only a lower bound)"
    text = fmt(row.low) if row.low == row.high else f"{fmt(row.low)}–{fmt(row.high)}"
    text = ("≈ " if row.rounded_only else "") + text
    text += " (doubtful source)" if row.doubtful else ""
    aside = ", ".join(fmt(v) for v in row.set_aside)
    return text + (f"; doubtful source: {aside}" if aside else "")


def census_grid() -> pd.DataFrame:
    """Territories (rows) by census year (columns): the value, a range where sources disagree,
    ``≈`` before a figure printed only rounded, ``—`` where none was found, ``n/a`` for the Far
    Eastern Krai after it was divided, ``(doubtful source)`` after a value known only from a
    source that misdates the census.
    """
    cells = census_cells()
    cells["shown"] = [_shown(r) for r in cells.itertuples()]
    grid = cells.pivot(index="territory", columns="census_year", values="shown").fillna("—")
    for year in grid.columns:
        if "dvk" in grid.index and year > dvk_divided():
            grid.loc["dvk", year] = "n/a"
    grid = grid.reindex([t for t in territory_order() if t in grid.index])
    grid.columns = [str(c) for c in grid.columns]
    return grid


def census_growth(territory: str) -> pd.DataFrame:
    """Change between consecutive censuses with a value for ``territory``, as a range where
    the values disagree (lowest and highest change the stated values allow). The percentage is
    left empty (``None``) where the earlier count is below :data:`MIN_BASE`.
    """
    cells = census_cells()
    cells = cells[(cells["territory"] == territory) & cells["low"].notna()]
    rows = [
        {
            "from": a.census_year,
            "to": b.census_year,
            "change_low": b.low - a.high,
            "change_high": b.high - a.low,
            "base": a.low,
            "percent_low": 100 * (b.low / a.high - 1) if a.low >= MIN_BASE else None,
            "percent_high": 100 * (b.high / a.low - 1) if a.low >= MIN_BASE else None,
        }
        for a, b in zip(cells.itertuples(), cells.iloc[1:].itertuples(), strict=False)
    ]
    return pd.DataFrame(rows)


def _share_rows(cells: pd.DataFrame, year: int, territories: tuple[str, ...]) -> list[dict]:
    lows = {t: cells.loc[(year, t), "low"] for t in territories}
    highs = {t: cells.loc[(year, t), "high"] for t in territories}
    ussr = cells.loc[(year, "ussr"), "low"] if (year, "ussr") in cells.index else None
    rows = []
    for t in territories:
        others_low = sum(lows[o] for o in territories if o != t)
        others_high = sum(highs[o] for o in territories if o != t)
        rows.append(
            {
                "census_year": year,
                "territory": t,
                "share_of_these_low": 100 * lows[t] / (lows[t] + others_high),
                "share_of_these_high": 100 * highs[t] / (highs[t] + others_low),
                "share_of_ussr": None if is_missing(ussr) else 100 * lows[t] / ussr,
            }
        )
    return rows


def census_shares(territories: tuple[str, ...] = ("kazakh-ssr", "uzbek-ssr")) -> pd.DataFrame:
    """For each census year where every one of ``territories`` has a value and together they
    count at least :data:`MIN_BASE`: each territory's share of their sum (a range where values
    disagree), and of the USSR total where one exists.
    """
    cells = census_cells().set_index(["census_year", "territory"])
    rows = []
    for year in sorted({y for y, _ in cells.index}):
        if (
            all(
                (year, t) in cells.index and not is_missing(cells.loc[(year, t), "low"])
                for t in territories
            )
            and sum(cells.loc[(year, t), "low"] for t in territories) >= MIN_BASE
        ):
            rows += _share_rows(cells, year, territories)
    return pd.DataFrame(rows)


def _pct(low: float, high: float) -> str:
    a, b = round(low), round(high)
    return f"{a} %" if a == b else f"{a}–{b} %"


def readable_shares(shares: pd.DataFrame) -> pd.DataFrame:
    """Census shares for readers: percentages rounded, ranges where the values disagree."""
    these = zip(shares["share_of_these_low"], shares["share_of_these_high"], strict=True)
    return pd.DataFrame(
        {
            "census": shares["census_year"].tolist(),
            "republic": [english_name(t) for t in shares["territory"]],
            "share of the Koreans of these republics": [_pct(lo, hi) for lo, hi in these],
            "share of all Koreans in the USSR": [
                "" if is_missing(v) else f"{round(v)} %" for v in shares["share_of_ussr"]
            ],
        }
    )


def _range(low: float, high: float, digits: int) -> str:
    a, b = round(low, digits), round(high, digits)
    return fmt(a) if a == b else f"{fmt(a)} to {fmt(b)}"


def readable_growth(growth: pd.DataFrame) -> pd.DataFrame:
    """Census growth for readers: one row per interval, change and percent as ranges; no
    percentage from a base below :data:`MIN_BASE`, but a note saying how small the base was.
    """
    changes = zip(growth["change_low"], growth["change_high"], strict=True)
    percents = [
        f"none: base of {fmt(base)} is under {fmt(MIN_BASE)}"
        if is_missing(lo)
        else _range(lo, hi, 1)
        for base, lo, hi in zip(
            growth["base"], growth["percent_low"], growth["percent_high"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "between": [f"{a}–{b}" for a, b in zip(growth["from"], growth["to"], strict=True)],
            "change (persons)": [_range(lo, hi, 0) for lo, hi in changes],
            "change (%)": percents,
        }
    )


# --------------------------------------------------------------------------------------------
# Chart

_LEGEND = [
    ("two independent sources agree", "blue", "o", {"linestyle": "-"}),
    ("one source, or sources that may share a derivation", "orange", "o", {"linestyle": "-"}),
    (
        "from a source that misdates the census",
        "vermillion",
        "o",
        {"markerfacecolor": "white", "markeredgewidth": 1.5},
    ),
    ("no value found", "black", "|", {"alpha": 0.4}),
    ("only a lower bound printed", "orange", "^", {"markerfacecolor": "white"}),
]


class _Marks:
    """A panel's marks, one artist per style: a chart of many single-point artists draws slowly.
    The census years lie at least nine years apart on the axis, so marks of different years do
    not overlap and their drawing order does not matter; within a year the marks set aside are
    drawn last, as before.
    """

    def __init__(self) -> None:
        self.points: dict[tuple[tuple[str, Any], ...], tuple[list[float], list[float]]] = {}
        self.bars: dict[str, list[tuple[float, float, float]]] = {}

    def point(self, x: float, y: float, **style: Any) -> None:
        xs, ys = self.points.setdefault(tuple(style.items()), ([], []))
        xs.append(x)
        ys.append(y)

    def bar(self, x: float, low: float, high: float, colour: str) -> None:
        self.bars.setdefault(colour, []).append((x, low, high))

    def draw(self, ax: Any) -> None:
        for colour, bars in self.bars.items():
            xs, lows, highs = zip(*bars, strict=True)
            ax.vlines(xs, lows, highs, color=colour, linewidth=4)
        for style, (xs, ys) in self.points.items():
            ax.plot(xs, ys, linestyle="", **dict(style))


def _point(marks: _Marks, year: int, row: Any) -> None:
    colour = plotting.colour("blue" if row["confirmed"] else "orange")
    if row["doubtful"]:
        colour = plotting.colour("vermillion")
    marks.bar(year, row["low"], row["high"], colour)
    face = "white" if row["doubtful"] else colour
    marks.point(year, row["high"], marker="o", color=colour, markerfacecolor=face, markersize=5)


def _set_aside(marks: _Marks, year: int, row: Any) -> None:
    vermillion = plotting.colour("vermillion")
    for value in row["set_aside"]:
        marks.point(
            year,
            value,
            marker="o",
            color=vermillion,
            markerfacecolor="white",
            markersize=5,
            markeredgewidth=1.5,
        )


def _panel(ax: Any, part: pd.DataFrame, territory: str, years: list[int]) -> None:
    marks, set_aside = _Marks(), _Marks()
    for year, row in part.iterrows():
        if territory == "dvk" and year > dvk_divided():
            continue
        if is_missing(row["low"]) and not is_missing(row["at_least"]):
            orange = plotting.colour("orange")
            marks.point(year, row["at_least"], marker="^", color=orange, markerfacecolor="white")
        elif is_missing(row["low"]):
            marks.point(year, 0, marker="|", color=plotting.colour("black"), alpha=0.4)
        else:
            _point(marks, year, row)
            _set_aside(set_aside, year, row)
    marks.draw(ax)
    set_aside.draw(ax)
    ax.set_title(territory_label(territory, years), fontsize=9, wrap=True)
    ax.set_xticks(years, [str(y)[2:] for y in years])
    ax.set_xlim(min(years) - 5, max(years) + 5)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(lambda y, _pos: fmt(y))


@plotting.styled
def census_chart() -> Figure:
    """Small multiples: Koreans counted in each territory by census year, each panel on its own
    scale from 0 (the territories differ a hundredfold), ranges where the sources disagree,
    doubtful values hollow, gaps left visible (no line drawn across a census without a value).
    """
    cells = census_cells()
    territories = [t for t in territory_order() if t in set(cells["territory"])]
    years = sorted(cells["census_year"].unique())
    nrows = -(-len(territories) // 3)
    fig, grid = plotting.new_figure(
        nrows, 3, width=9, height=2.7 * nrows + 0.9, sharey=False, squeeze=False
    )
    for ax in grid.ravel()[len(territories) :]:
        ax.set_visible(False)
    for ax, territory in zip(grid.ravel(), territories, strict=False):
        part = cells[cells["territory"] == territory].set_index("census_year").reindex(years)
        _panel(ax, part, territory, years)
    for ax in grid[:, 0]:
        ax.set_ylabel("Koreans counted")
    handles = [plotting.marker_handle(label, c, m, **kw) for label, c, m, kw in _LEGEND]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8.5, frameon=False)
    return fig
