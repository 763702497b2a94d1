"""The population figures: the claims ledger, its reconciliation, sum checks and the census.

The ledger (``data/figures/claims.csv``) holds one row per figure per source. Nothing here ever
merges two sources' figures into one: :func:`reconcile` summarises each quantity *beside* its
claims (range, distinct values, who says what), and every derived number (:func:`ratio`,
:func:`check_sums`, census growth) carries the claims it was computed from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import data

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

KIND_ORDER = ["recorded", "derived", "rounded", "estimate", "rejected"]


def fmt(number: float) -> str:
    """A figure for prose: thousands separated by commas, decimals only when the value has them."""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.1f}"


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


# --------------------------------------------------------------------------------------------
# The ledger


def validate_units(claims: pd.DataFrame, quantities: pd.DataFrame) -> None:
    """Every claim's unit must be one of its quantity's units (``;``-separated in quantities)."""
    allowed = {
        q: set(u.split(";"))
        for q, u in zip(quantities["quantity"], quantities["unit"], strict=True)
    }
    lines = claims.attrs.get("lines", [None] * len(claims))
    for (quantity, unit), line in zip(
        zip(claims["quantity"], claims["unit"], strict=True), lines, strict=True
    ):
        if unit not in allowed.get(quantity, set()):
            units = ", ".join(sorted(allowed.get(quantity, [])))
            raise data.DataError(
                claims.attrs.get("path", "claims"),
                f"unit '{unit}' is not a unit of {quantity} ({units})",
                line,
                "unit",
            )


def ledger() -> pd.DataFrame:
    """The whole claims ledger, validated (units included), sorted by quantity then claim id."""
    claims = data.load("claims")
    validate_units(claims, data.load("quantities"))
    return claims.sort_values(["quantity", "claim_id"], ignore_index=True)


def by_quantity(quantity: str, place_id: str | None = None) -> pd.DataFrame:
    """All claims of one quantity (optionally for one place), sorted by value then source."""
    table = ledger()
    known = set(table["quantity"]) | set(data.load("quantities")["quantity"])
    if quantity not in known:
        raise KeyError(data.unknown_id_message(quantity, known, "quantities"))
    table = table[table["quantity"] == quantity]
    if place_id is not None:
        table = table[table["place_id"] == place_id]
    return table.sort_values(
        ["value", "at_least", "source_id"], na_position="last", ignore_index=True
    )


def claim(claim_id: str) -> dict[str, Any]:
    """One ledger row as a dict; an unknown id raises :class:`KeyError` with close matches."""
    return data.row("claims", claim_id)


def value(claim_id: str) -> float:
    """The stated value of a claim (raises if the claim states only bounds)."""
    row = claim(claim_id)
    if _missing(row["value"]):
        raise ValueError(f"claim '{claim_id}' states no single value, only bounds")
    return float(row["value"])


def span(claim_id: str) -> tuple[float, float]:
    """The lowest and highest figure a claim allows (its value, or its bounds)."""
    row = claim(claim_id)
    points = [float(v) for v in (row["value"], row["at_least"], row["at_most"]) if not _missing(v)]
    return min(points), max(points)


# --------------------------------------------------------------------------------------------
# Reconciliation


def _low_high(row: Any) -> tuple[float | None, float | None]:
    points = [v for v in (row.value, row.at_least, row.at_most) if not _missing(v)]
    return (min(points), max(points)) if points else (None, None)


def reconcile(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per quantity, place and unit, summarising every claim beside the others.

    Columns: ``claims`` (how many), ``sources`` (how many distinct), ``low`` and ``high`` (the
    smallest and largest figure or bound stated, rejected claims left out), ``spread``,
    ``values`` (every distinct figure with the sources stating it, rejected ones marked) and
    ``conflict`` (True when the non-rejected claims do not all state the same figure).
    The result does not depend on the order of the rows, and no stated figure is dropped.
    """
    import pandas as pd

    columns = [
        "quantity",
        "place_id",
        "unit",
        "claims",
        "sources",
        "low",
        "high",
        "spread",
        "values",
        "conflict",
    ]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    keys = ["quantity", "place_id", "unit"]
    for (quantity, place, unit), group in claims.groupby(keys, sort=True, dropna=False):
        kept = group[group["kind"] != "rejected"]
        spans = [_low_high(r) for r in kept.itertuples()]
        lows = [lo for lo, _ in spans if lo is not None]
        highs = [hi for _, hi in spans if hi is not None]
        low = min(lows) if lows else None
        high = max(highs) if highs else None
        stated: dict[str, set[str]] = {}
        order: dict[str, float] = {}
        for r in group.itertuples():
            text = fmt(r.value) if not _missing(r.value) else _bounds(r.at_least, r.at_most)
            if r.kind == "rejected":
                text += " (rejected)"
            stated.setdefault(text, set()).add(r.source_id)
            order[text] = min(
                p for p in (r.value, r.at_least, r.at_most, float("inf")) if not _missing(p)
            )
        ordered = sorted(stated, key=lambda t: (order[t], t))
        figures = {(r.value, r.at_least, r.at_most) for r in kept.itertuples()}
        rows.append(
            {
                "quantity": quantity,
                "place_id": place,
                "unit": unit,
                "claims": len(group),
                "sources": group["source_id"].nunique(),
                "low": low,
                "high": high,
                "spread": None if low is None or high is None else high - low,
                "values": "; ".join(f"{t} [{', '.join(sorted(stated[t]))}]" for t in ordered),
                "conflict": len({tuple("" if _missing(x) else x for x in f) for f in figures}) > 1,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def _bounds(low: Any, high: Any) -> str:
    low = None if _missing(low) else fmt(low)
    high = None if _missing(high) else fmt(high)
    if low and high:
        return low if low == high else f"{low}–{high}"
    if low:
        return f"≥ {low}"
    return f"≤ {high}" if high else ""


def readable(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims as a table for readers: figures formatted, bounds joined, sources cited."""
    import pandas as pd

    from helpers import bibliography

    ordered = claims.sort_values(["value", "at_least", "source_id"], na_position="last")
    return pd.DataFrame(
        {
            "figure": [("" if _missing(v) else fmt(v)) for v in ordered["value"]],
            "bounds": [
                _bounds(lo, hi)
                for lo, hi in zip(ordered["at_least"], ordered["at_most"], strict=True)
            ],
            "unit": ordered["unit"].tolist(),
            "kind": ordered["kind"].tolist(),
            "refers to": ordered["refers_to"].tolist(),
            "source": [bibliography.cite(s) for s in ordered["source_id"]],
            "source id": ordered["source_id"].tolist(),
        }
    ).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Checks and derived ratios


def check_sums(
    claims: pd.DataFrame | None = None, checks: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Evaluate the sum checks of ``data/figures/checks.csv``: do the parts add up to the total?

    Returns one row per check: the total claim and value, the parts and their sum, the
    difference (sum of parts minus total) and ``holds``.
    """
    import pandas as pd

    claims = data.load("claims") if claims is None else claims
    checks = data.load("checks") if checks is None else checks
    by_id = claims.set_index("claim_id")
    rows = []
    for check in checks.itertuples():
        parts = check.part_claim_ids.split(";")
        for cid in [check.total_claim_id, *parts]:
            if cid not in by_id.index or _missing(by_id.loc[cid, "value"]):
                raise ValueError(f"check '{check.check_id}': claim '{cid}' has no single value")
        total = float(by_id.loc[check.total_claim_id, "value"])
        summed = sum(float(by_id.loc[p, "value"]) for p in parts)
        rows.append(
            {
                "check_id": check.check_id,
                "total": f"{fmt(total)} ({check.total_claim_id})",
                "parts": " + ".join(f"{fmt(float(by_id.loc[p, 'value']))} ({p})" for p in parts),
                "sum of parts": summed,
                "difference": summed - total,
                "holds": summed == total,
                "note": check.note,
            }
        )
    return pd.DataFrame(rows)


def ratio(numerator_id: str, denominator_id: str, caveat: str = "") -> dict[str, Any]:
    """A derived ratio that shows its inputs: values, claims and sources of both sides."""
    top, bottom = claim(numerator_id), claim(denominator_id)
    a, b = value(numerator_id), value(denominator_id)
    if b == 0:
        raise ValueError(f"claim '{denominator_id}' is zero")

    def side(v: float, row: dict[str, Any], cid: str) -> str:
        return f"{fmt(v)} {row['unit']} ({cid}, {row['source_id']}, {row['kind']})"

    return {
        "ratio": a / b,
        "numerator": side(a, top, numerator_id),
        "denominator": side(b, bottom, denominator_id),
        "caveat": caveat,
    }


# --------------------------------------------------------------------------------------------
# Census


TERRITORY_ORDER = ["ussr", "rsfsr", "kazakh-ssr", "uzbek-ssr", "kirghiz-ssr", "dvk"]


def census_cells() -> pd.DataFrame:
    """One row per census year and territory: every value found, its range and its sources.

    ``low``/``high`` span the exact (unrounded) values where there are any, else the rounded
    ones; ``values`` lists every value with its sources; empty cells stay empty.
    """
    import pandas as pd

    census = data.load("census")
    rows = []
    for (year, territory), group in census.groupby(["census_year", "territory"], sort=True):
        found = group[group["koreans"].notna()]
        exact = found[~found["rounded"].astype(bool)] if "rounded" in found else found
        basis = exact if len(exact) else found
        stated: dict[str, set[str]] = {}
        for r in found.itertuples():
            label = fmt(r.koreans) + (" (rounded)" if getattr(r, "rounded", False) else "")
            stated.setdefault(label, set()).add(r.source_id)
        rows.append(
            {
                "census_year": int(year),
                "territory": territory,
                "low": float(basis["koreans"].min()) if len(basis) else None,
                "high": float(basis["koreans"].max()) if len(basis) else None,
                "rounded_only": bool(len(found)) and not len(exact),
                "confirmed": bool((found["confidence"] == "multi").any()),
                "values": "; ".join(
                    f"{v} [{', '.join(sorted(s))}]" for v, s in sorted(stated.items())
                ),
            }
        )
    table = pd.DataFrame(rows)
    table["order"] = table["territory"].map({t: i for i, t in enumerate(TERRITORY_ORDER)})
    return table.sort_values(["order", "census_year"], ignore_index=True).drop(columns="order")


def _dvk_divided() -> int:
    """The year the Far Eastern Krai was divided, read from the events table."""
    from helpers.dates import bounds

    events = data.load("events").set_index("event_id")
    return bounds(events.loc["ev-1938-dvk-split", "date_edtf"])[0].year


def census_grid() -> pd.DataFrame:
    """Territories (rows) by census year (columns): the value, a range where sources disagree,
    ``≈`` before a figure printed only rounded, ``—`` where none was found, ``n/a`` for the Far
    Eastern Krai after it was divided (the date is read from the events table)."""
    cells = census_cells()
    divided = _dvk_divided()

    def show(row: Any) -> str:
        if _missing(row.low):
            return "—"
        text = fmt(row.low) if row.low == row.high else f"{fmt(row.low)}–{fmt(row.high)}"
        return ("≈ " if row.rounded_only else "") + text

    cells["shown"] = [show(r) for r in cells.itertuples()]
    grid = cells.pivot(index="territory", columns="census_year", values="shown").fillna("—")
    for year in grid.columns:
        if "dvk" in grid.index and year > divided:
            grid.loc["dvk", year] = "n/a"
    grid = grid.reindex([t for t in TERRITORY_ORDER if t in grid.index])
    grid.columns = [str(c) for c in grid.columns]
    return grid


def census_growth(territory: str) -> pd.DataFrame:
    """Change between consecutive censuses with a value for ``territory``, as a range where
    the values disagree (lowest and highest change the stated values allow)."""
    import pandas as pd

    cells = census_cells()
    cells = cells[(cells["territory"] == territory) & cells["low"].notna()]
    rows = []
    for a, b in zip(cells.itertuples(), cells.iloc[1:].itertuples(), strict=False):
        rows.append(
            {
                "from": a.census_year,
                "to": b.census_year,
                "change_low": b.low - a.high,
                "change_high": b.high - a.low,
                "percent_low": 100 * (b.low / a.high - 1),
                "percent_high": 100 * (b.high / a.low - 1),
            }
        )
    return pd.DataFrame(rows)


def census_shares(territories: tuple[str, ...] = ("kazakh-ssr", "uzbek-ssr")) -> pd.DataFrame:
    """For each census year where every one of ``territories`` has a value: each territory's
    share of their sum (a range where values disagree), and of the USSR total where one exists."""
    import pandas as pd

    cells = census_cells().set_index(["census_year", "territory"])
    rows = []
    for year in sorted({y for y, _ in cells.index}):
        have = [
            (year, t) in cells.index and not _missing(cells.loc[(year, t), "low"])
            for t in territories
        ]
        if not all(have):
            continue
        lows = {t: cells.loc[(year, t), "low"] for t in territories}
        highs = {t: cells.loc[(year, t), "high"] for t in territories}
        ussr = cells.loc[(year, "ussr"), "low"] if (year, "ussr") in cells.index else None
        for t in territories:
            others_low = sum(lows[o] for o in territories if o != t)
            others_high = sum(highs[o] for o in territories if o != t)
            rows.append(
                {
                    "census_year": year,
                    "territory": t,
                    "share_of_these_low": 100 * lows[t] / (lows[t] + others_high),
                    "share_of_these_high": 100 * highs[t] / (highs[t] + others_low),
                    "share_of_ussr": None if _missing(ussr) else 100 * lows[t] / ussr,
                }
            )
    return pd.DataFrame(rows)


def readable_shares(shares: pd.DataFrame) -> pd.DataFrame:
    """Census shares for readers: percentages rounded, ranges where the values disagree."""
    import pandas as pd

    def pct(low: float, high: float) -> str:
        a, b = round(low), round(high)
        return f"{a} %" if a == b else f"{a}–{b} %"

    return pd.DataFrame(
        {
            "census": shares["census_year"].tolist(),
            "republic": [place_label(t) for t in shares["territory"]],
            "share of the Koreans of these republics": [
                pct(lo, hi)
                for lo, hi in zip(
                    shares["share_of_these_low"], shares["share_of_these_high"], strict=True
                )
            ],
            "share of all Koreans in the USSR": [
                "" if _missing(v) else f"{round(v)} %" for v in shares["share_of_ussr"]
            ],
        }
    )


def readable_growth(growth: pd.DataFrame) -> pd.DataFrame:
    """Census growth for readers: one row per interval, change and percent as ranges."""
    import pandas as pd

    def rng(low: float, high: float, digits: int) -> str:
        a, b = round(low, digits), round(high, digits)
        return fmt(a) if a == b else f"{fmt(a)} to {fmt(b)}"

    return pd.DataFrame(
        {
            "between": [f"{a}–{b}" for a, b in zip(growth["from"], growth["to"], strict=True)],
            "change (persons)": [
                rng(lo, hi, 0)
                for lo, hi in zip(growth["change_low"], growth["change_high"], strict=True)
            ],
            "change (%)": [
                rng(lo, hi, 1)
                for lo, hi in zip(growth["percent_low"], growth["percent_high"], strict=True)
            ],
        }
    )


# --------------------------------------------------------------------------------------------
# Charts


def range_chart(claims: pd.DataFrame, title: str, xlabel: str) -> Figure:
    """Dot-and-range chart: one row per claim, a dot for a stated value, a bar for a range,
    an arrow for an open bound, each row labelled with its source; rejected claims left out."""
    from matplotlib.lines import Line2D

    from helpers import bibliography, plotting

    shown = claims[claims["kind"] != "rejected"].copy()
    shown["low"], shown["high"] = zip(*(_low_high(r) for r in shown.itertuples()), strict=True)
    shown = shown.sort_values(["low", "high", "source_id"], ignore_index=True)
    fig, ax = plotting.new_figure(width=8.5, height=0.42 * len(shown) + 1.3)
    colours = {k: plotting.PALETTE[i] for i, k in enumerate(KIND_ORDER)}
    markers = {"recorded": "o", "derived": "D", "rounded": "s", "estimate": "o", "rejected": "x"}
    span = shown["high"].max() - shown["low"].min() or shown["high"].max()
    for i, r in enumerate(shown.itertuples()):
        y = len(shown) - 1 - i
        colour = colours[r.kind]
        if not _missing(r.at_least) and not _missing(r.at_most) and r.at_least != r.at_most:
            ax.hlines(y, r.at_least, r.at_most, color=colour, linewidth=6, alpha=0.55)
        elif not _missing(r.at_least) and _missing(r.at_most) and _missing(r.value):
            ax.annotate(
                "",
                xy=(r.at_least + 0.08 * span, y),
                xytext=(r.at_least, y),
                arrowprops={"arrowstyle": "->", "color": colour},
            )
        if not _missing(r.value):
            ax.plot(
                [r.value], [y], marker=markers[r.kind], color=colour, markersize=7, linestyle=""
            )
        label = f"{bibliography.cite(r.source_id)} ({r.kind})"
        ax.text(r.high + 0.015 * span, y, label, va="center", fontsize=8.5)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    kinds = [k for k in KIND_ORDER if k in set(shown["kind"])]
    handles = [
        Line2D([], [], color=colours[k], marker=markers[k], linestyle="", label=k) for k in kinds
    ]
    ax.legend(
        handles=handles, loc="upper right", fontsize=8.5, title="kind of figure", title_fontsize=8.5
    )
    ax.set_xlim(shown["low"].min() - 0.05 * span, shown["high"].max() + 0.45 * span)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.xaxis.set_major_formatter(lambda x, _pos: fmt(x))
    return fig


def census_chart() -> Figure:
    """Small multiples: Koreans counted in each territory by census year, ranges where the
    sources disagree, gaps left visible (no line drawn across a census without a value)."""
    from matplotlib.lines import Line2D

    from helpers import plotting

    cells = census_cells()
    territories = [t for t in TERRITORY_ORDER if t in set(cells["territory"])]
    years = sorted(cells["census_year"].unique())
    ncols = 3
    nrows = -(-len(territories) // ncols)
    fig, grid = plotting.new_figure(
        nrows, ncols, width=8.5, height=2.6 * nrows + 0.8, sharey=True, squeeze=False
    )
    axes = grid.ravel()
    for ax in axes[len(territories) :]:
        ax.set_visible(False)
    names = {t: place_label(t) for t in territories}
    divided = _dvk_divided()
    for ax, territory in zip(axes, territories, strict=False):
        part = cells[cells["territory"] == territory].set_index("census_year").reindex(years)
        for year, row in part.iterrows():
            if territory == "dvk" and year > divided:
                continue
            if _missing(row["low"]):
                ax.plot([year], [0], marker="|", color=plotting.OKABE_ITO["black"], alpha=0.4)
                continue
            colour = plotting.OKABE_ITO["blue" if row["confirmed"] else "orange"]
            ax.vlines(year, row["low"], row["high"], color=colour, linewidth=4)
            ax.plot([year], [row["high"]], marker="o", color=colour, markersize=5)
        ax.set_title(names[territory], fontsize=9.5)
        ax.set_xticks(years, [str(y)[2:] for y in years])
        ax.set_xlim(min(years) - 5, max(years) + 5)
    for ax in grid[:, 0]:
        ax.set_ylabel("Koreans counted")
        ax.yaxis.set_major_formatter(lambda y, _pos: fmt(y))
    handles = [
        Line2D(
            [],
            [],
            color=plotting.OKABE_ITO["blue"],
            marker="o",
            label="confirmed by two independent sources",
        ),
        Line2D(
            [],
            [],
            color=plotting.OKABE_ITO["orange"],
            marker="o",
            label="one source (bar: sources disagree)",
        ),
        Line2D(
            [],
            [],
            color=plotting.OKABE_ITO["black"],
            marker="|",
            linestyle="",
            alpha=0.4,
            label="no value found",
        ),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8.5, frameon=False)
    return fig


def place_label(place_id: str) -> str:
    """A short English label for a territory or place of the ledger and the census."""
    from helpers import geography

    return geography.english_name(place_id)
