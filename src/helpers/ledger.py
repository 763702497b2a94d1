"""The claims ledger: one row per figure per source, reconciled side by side, never merged.

:func:`reconcile` summarises each quantity *beside* its claims (range, distinct values, who says
what); every derived number (:func:`ratio`, :func:`check_sums`) carries the claims it was computed
from. Units, bounds and sum-check parts are validated when the tables load (:mod:`helpers.rules`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from helpers import bibliography, data, plotting
from helpers.values import fmt, is_missing

KIND_ORDER = ["recorded", "derived", "rounded", "estimate", "rejected"]


def ledger() -> pd.DataFrame:
    """The whole claims ledger, validated, sorted by quantity then claim id."""
    return data.load("claims").sort_values(["quantity", "claim_id"], ignore_index=True)


def by_quantity(quantity: str, place_id: str | None = None) -> pd.DataFrame:
    """All claims of one quantity (optionally for one place), sorted by value then source."""
    table = ledger()
    known = set(data.load("quantities")["quantity"])
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
    if is_missing(row["value"]):
        raise ValueError(f"claim '{claim_id}' states no single value, only bounds")
    return float(row["value"])


def low_high(row: Any) -> tuple[float | None, float | None]:
    """The lowest and highest figure a claim row allows (its value and bounds)."""
    points = [float(v) for v in (row.value, row.at_least, row.at_most) if not is_missing(v)]
    return (min(points), max(points)) if points else (None, None)


def span(claim_id: str) -> tuple[float, float]:
    """The lowest and highest figure a claim allows (its value, or its bounds)."""
    row = pd.Series(claim(claim_id))
    low, high = low_high(row)
    if low is None or high is None:
        raise ValueError(f"claim '{claim_id}' states no figure")
    return low, high


def bounds_text(low: Any, high: Any) -> str:
    """Bounds for reading: ``a–b``, ``≥ a``, ``≤ b`` or empty."""
    low = None if is_missing(low) else fmt(low)
    high = None if is_missing(high) else fmt(high)
    if low and high:
        return low if low == high else f"{low}–{high}"
    if low:
        return f"≥ {low}"
    return f"≤ {high}" if high else ""


def _stated(group: pd.DataFrame) -> str:
    """Every distinct figure of a group with the sources stating it, lowest first."""
    stated: dict[str, set[str]] = {}
    order: dict[str, float] = {}
    for r in group.itertuples():
        text = fmt(r.value) if not is_missing(r.value) else bounds_text(r.at_least, r.at_most)
        text += " (rejected)" if r.kind == "rejected" else ""
        stated.setdefault(text, set()).add(r.source_id)
        order[text] = min(order.get(text, float("inf")), low_high(r)[0] or float("inf"))
    ordered = sorted(stated, key=lambda t: (order[t], t))
    return "; ".join(f"{t} [{', '.join(sorted(stated[t]))}]" for t in ordered)


def _summary(group: pd.DataFrame) -> dict[str, Any]:
    kept = group[group["kind"] != "rejected"]
    spans = [low_high(r) for r in kept.itertuples()]
    lows = [lo for lo, _ in spans if lo is not None]
    highs = [hi for _, hi in spans if hi is not None]
    low, high = (min(lows) if lows else None), (max(highs) if highs else None)
    figures = {
        tuple("" if is_missing(x) else x for x in f)
        for f in zip(kept["value"], kept["at_least"], kept["at_most"], strict=True)
    }
    return {
        "claims": len(group),
        "sources": group["source_id"].nunique(),
        "low": low,
        "high": high,
        "spread": None if low is None or high is None else high - low,
        "values": _stated(group),
        "conflict": len(figures) > 1,
    }


RECONCILED = [
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


def reconcile(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per quantity, place and unit, summarising every claim beside the others.

    Columns: ``claims`` and ``sources`` (how many claims and distinct sources), ``low`` and
    ``high`` (the smallest and largest figure or bound stated, rejected claims left out),
    ``spread``, ``values`` (every distinct figure with the sources stating it, rejected ones
    marked) and ``conflict`` (the non-rejected claims do not all state the same figure). The
    result does not depend on the order of the rows, and no stated figure is dropped.
    """
    rows = []
    keys = ["quantity", "place_id", "unit"]
    for key, group in claims.groupby(keys, sort=True, dropna=False):
        rows.append(dict(zip(keys, key, strict=True)) | _summary(group))
    return pd.DataFrame(rows, columns=RECONCILED)


def readable(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims as a table for readers: figures formatted, bounds joined, sources cited."""
    ordered = claims.sort_values(["value", "at_least", "source_id"], na_position="last")
    return pd.DataFrame(
        {
            "figure": [("" if is_missing(v) else fmt(v)) for v in ordered["value"]],
            "bounds": [
                bounds_text(lo, hi)
                for lo, hi in zip(ordered["at_least"], ordered["at_most"], strict=True)
            ],
            "unit": ordered["unit"].tolist(),
            "kind": ordered["kind"].tolist(),
            "refers to": ordered["refers_to"].tolist(),
            "source": [bibliography.cite(s) for s in ordered["source_id"]],
            "source id": ordered["source_id"].tolist(),
        }
    ).reset_index(drop=True)


def check_sums() -> pd.DataFrame:
    """Evaluate the sum checks of ``data/figures/checks.csv``: do the parts add up to the total.

    One row per check: the total claim and value, the parts and their sum, the difference (sum
    of parts minus total) and ``holds``.
    """
    values = {c: value(c) for c in data.load("claims").dropna(subset=["value"])["claim_id"]}
    rows = []
    for check in data.load("checks").itertuples():
        parts = check.part_claim_ids.split(";")
        total, summed = values[check.total_claim_id], sum(values[p] for p in parts)
        rows.append(
            {
                "check_id": check.check_id,
                "total": f"{fmt(total)} ({check.total_claim_id})",
                "parts": " + ".join(f"{fmt(values[p])} ({p})" for p in parts),
                "sum of parts": summed,
                "difference": summed - total,
                "holds": summed == total,
                "note": check.note,
            }
        )
    return pd.DataFrame(rows)


def ratio(numerator_id: str, denominator_id: str, caveat: str = "") -> dict[str, Any]:
    """A derived ratio that shows its inputs: values, claims and sources of both sides."""
    a, b = value(numerator_id), value(denominator_id)
    if b == 0:
        raise ValueError(f"claim '{denominator_id}' is zero")

    def side(v: float, cid: str) -> str:
        row = claim(cid)
        return f"{fmt(v)} {row['unit']} ({cid}, {row['source_id']}, {row['kind']})"

    return {
        "ratio": a / b,
        "numerator": side(a, numerator_id),
        "denominator": side(b, denominator_id),
        "caveat": caveat,
    }


# --------------------------------------------------------------------------------------------
# Chart

_KIND_STYLE = {
    "recorded": ("orange", "o"),
    "derived": ("sky blue", "D"),
    "rounded": ("bluish green", "s"),
    "estimate": ("blue", "o"),
    "rejected": ("vermillion", "x"),
}


def _draw_claim(ax: Any, r: Any, y: int, span_: float) -> None:
    colour_name, marker = _KIND_STYLE[r.kind]
    colour = plotting.colour(colour_name)
    has_low, has_high = not is_missing(r.at_least), not is_missing(r.at_most)
    if has_low and has_high and r.at_least != r.at_most:
        ax.hlines(y, r.at_least, r.at_most, color=colour, linewidth=6, alpha=0.55)
    elif has_low and not has_high and is_missing(r.value):
        arrow = {"arrowstyle": "->", "color": colour}
        ax.annotate("", xy=(r.at_least + 0.08 * span_, y), xytext=(r.at_least, y), arrowprops=arrow)
    if not is_missing(r.value):
        ax.plot([r.value], [y], marker=marker, color=colour, markersize=7, linestyle="")
    label = f"{bibliography.cite(r.source_id)} ({r.kind})"
    ax.text(r.high + 0.015 * span_, y, label, va="center", fontsize=8.5)


@plotting.styled
def range_chart(claims: pd.DataFrame, title: str, xlabel: str) -> Figure:
    """Dot-and-range chart: one row per claim, a dot for a stated value, a bar for a range,
    an arrow for an open bound, each row labelled with its source; rejected claims left out.
    """
    shown = claims[claims["kind"] != "rejected"].copy()
    shown["low"], shown["high"] = zip(*(low_high(r) for r in shown.itertuples()), strict=True)
    shown = shown.sort_values(["low", "high", "source_id"], ignore_index=True)
    fig, ax = plotting.new_figure(width=8.5, height=0.42 * len(shown) + 1.3)
    span_ = shown["high"].max() - shown["low"].min() or shown["high"].max()
    for i, r in enumerate(shown.itertuples()):
        _draw_claim(ax, r, len(shown) - 1 - i, span_)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    kinds = [k for k in KIND_ORDER if k in set(shown["kind"])]
    handles = [plotting.marker_handle(k, *_KIND_STYLE[k]) for k in kinds]
    ax.legend(
        handles=handles, loc="upper right", fontsize=8.5, title="kind of figure", title_fontsize=8.5
    )
    ax.set_xlim(shown["low"].min() - 0.05 * span_, shown["high"].max() + 0.45 * span_)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.xaxis.set_major_formatter(lambda x, _pos: fmt(x))
    return fig
