"""The claims ledger: one row per figure per source, reconciled side by side, never merged.

:func:`reconcile` summarises each quantity *beside* its claims (range, distinct values, who says
what); every derived number (:func:`ratio`, :func:`check_sums`) carries the claims it was computed
from. Units, bounds and sum-check parts are validated when the tables load (:mod:`helpers.rules`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from helpers import bibliography, data, lineage, plotting
from helpers.dates import spoken
from helpers.values import fmt, is_missing

KIND_ORDER = ["recorded", "derived", "rounded", "estimate", "plan", "rejected"]

#: Each kind of claim in words, as strong as the source allows.
KIND_WORDS = {
    "recorded": "count stated as a count",
    "derived": "computed from other figures",
    "rounded": "rounded count",
    "estimate": "estimate",
    "plan": "plan, target or norm",
    "rejected": "rejected",
}


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


def _stated(rows: list[Any]) -> str:
    """Every distinct figure of a group of claim rows with the sources stating it, lowest first."""
    stated: dict[str, set[str]] = {}
    order: dict[str, float] = {}
    for r in rows:
        text = fmt(r.value) if not is_missing(r.value) else bounds_text(r.at_least, r.at_most)
        text += " (rejected)" if r.kind == "rejected" else ""
        stated.setdefault(text, set()).add(r.source_id)
        order[text] = min(order.get(text, float("inf")), low_high(r)[0] or float("inf"))
    ordered = sorted(stated, key=lambda t: (order[t], t))
    return "; ".join(f"{t} [{', '.join(sorted(stated[t]))}]" for t in ordered)


def _summary(rows: list[Any]) -> dict[str, Any]:
    """The reconciled columns of one group of claim rows (``itertuples`` rows)."""
    kept = [r for r in rows if r.kind != "rejected"]
    spans = [low_high(r) for r in kept]
    lows = [lo for lo, _ in spans if lo is not None]
    highs = [hi for _, hi in spans if hi is not None]
    low, high = (min(lows) if lows else None), (max(highs) if highs else None)
    figures = {
        tuple("" if is_missing(x) else x for x in (r.value, r.at_least, r.at_most)) for r in kept
    }
    return {
        "claims": len(rows),
        "sources": len({r.source_id for r in rows if not is_missing(r.source_id)}),
        "lineages": lineage.count_names([r.lineage for r in rows]),
        "low": low,
        "high": high,
        "spread": None if low is None or high is None else high - low,
        "values": _stated(rows),
        "conflict": len(figures) > 1,
    }


RECONCILED = [
    "quantity",
    "place_id",
    "unit",
    "claims",
    "sources",
    "lineages",
    "low",
    "high",
    "spread",
    "values",
    "conflict",
]


def reconcile(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per quantity, place and unit, summarising every claim beside the others.

    Columns: ``claims`` and ``sources`` (how many claims and distinct sources), ``lineages``
    (how many independent lines of evidence: copies of one document count once), ``low`` and
    ``high`` (the smallest and largest figure or bound stated, rejected claims left out),
    ``spread``, ``values`` (every distinct figure with the sources stating it, rejected ones
    marked) and ``conflict`` (the non-rejected claims do not all state the same figure). The
    result does not depend on the order of the rows, and no stated figure is dropped.
    """
    keys = ["quantity", "place_id", "unit"]
    rows = [
        dict(zip(keys, key, strict=True)) | _summary(group)
        for key, group in data.grouped_rows(claims, keys, dropna=False)
    ]
    return pd.DataFrame(rows, columns=RECONCILED)


def rests_on(derived_from: Any, source_id: str) -> str:
    """What a claim's source copies or cites, for readers; empty where the source names nothing
    or is its own origin.
    """
    ids = [] if is_missing(derived_from) else str(derived_from).split(";")
    return "; ".join(lineage.label(i) for i in ids if i and i != source_id)


def readable(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims as a table for readers: figures formatted, bounds joined, kind in words, sources
    cited with what they rest on (:func:`rests_on`); a scope column only where a claim states one.
    """
    ordered = claims.sort_values(["value", "at_least", "source_id"], na_position="last")
    table = pd.DataFrame(
        {
            "figure": [("" if is_missing(v) else fmt(v)) for v in ordered["value"]],
            "bounds": [
                bounds_text(lo, hi)
                for lo, hi in zip(ordered["at_least"], ordered["at_most"], strict=True)
            ],
            "unit": ordered["unit"].tolist(),
            "kind": [KIND_WORDS[k] for k in ordered["kind"]],
            "refers to": ["" if is_missing(d) else spoken(d) for d in ordered["refers_to"]],
            "source": [bibliography.cite(s) for s in ordered["source_id"]],
            "rests on": [
                rests_on(d, s)
                for d, s in zip(ordered["derived_from"], ordered["source_id"], strict=True)
            ],
            "scope": ordered["scope"].fillna("").tolist(),
        }
    ).reset_index(drop=True)
    return table if table["scope"].ne("").any() else table.drop(columns="scope")


def count_by_lineage(quantity: str) -> dict[str, int]:
    """How many figures of one quantity belong to each single line of evidence, rejected
    figures left out: ``count_by_lineage("deaths")["wikipedia-en"]``.

    The one definition the notebooks share for "N of the figures for X belong to line L": the
    figures of one quantity only (deaths in persons and mortality rates in percent are separate
    quantities, counted separately), and a figure belongs to a line when its ``lineage`` names
    it. A figure of a composite lineage (``a+b``) counts under each part, so the counts may add
    up to more than the figures.
    """
    claims = by_quantity(quantity).query("kind != 'rejected'")
    counts: dict[str, int] = {}
    for name in claims["lineage"]:
        for part in lineage.parts(name):
            counts[part] = counts.get(part, 0) + 1
    return dict(sorted(counts.items()))


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


def described(claim_id: str) -> str:
    """A claim for readers: ``171,781 persons (Pohl 2009, count stated as a count)``."""
    row = claim(claim_id)
    figure = (
        fmt(row["value"])
        if not is_missing(row["value"])
        else bounds_text(row["at_least"], row["at_most"])
    )
    source = bibliography.cite(row["source_id"])
    return f"{figure} {row['unit']} ({source}, {KIND_WORDS[row['kind']]})"


def readable_checks(checks: pd.DataFrame) -> pd.DataFrame:
    """Sum checks for readers: the total and its parts in words, their sum, the difference."""
    rows = []
    for check in checks.to_dict("records"):
        row = data.row("checks", check["check_id"])
        rows.append(
            {
                "total": described(row["total_claim_id"]),
                "parts": " + ".join(described(p) for p in row["part_claim_ids"].split(";")),
                "sum of parts": fmt(check["sum of parts"]),
                "difference": fmt(check["difference"]),
                "do the parts add up?": "yes" if check["holds"] else "no",
            }
        )
    return pd.DataFrame(rows)


def about(x: float) -> str:
    """A derived ratio rounded to what its inputs bear: to tens from 100 up (``1,390``), else
    to one decimal (``4.7``).
    """
    return fmt(round(x, -1)) if abs(x) >= 100 else f"{x:.1f}"


def readable_ratios(ratios: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """Named ratios (from :func:`ratio`) as a table for readers: value and both sides in words."""
    return pd.DataFrame(
        [
            {"ratio": name, "value": about(r["ratio"])}
            | {k: r[k] for k in ("numerator", "denominator", "caveat")}
            for name, r in ratios.items()
        ]
    )


def references(*claim_ids: str) -> dict[str, float]:
    """Reference lines for :func:`range_chart`: ``{"171,781 (25 October 1937)": 171781.0}``."""
    out = {}
    for claim_id in claim_ids:
        row = claim(claim_id)
        out[f"{fmt(row['value'])} ({spoken(row['refers_to'])})"] = float(row["value"])
    return out


def ratio(numerator_id: str, denominator_id: str, caveat: str = "") -> dict[str, Any]:
    """A derived ratio that shows its inputs: each side in words (figure, source, kind), and
    the claim ids it was computed from (``claims``) for researchers.
    """
    a, b = value(numerator_id), value(denominator_id)
    if b == 0:
        raise ValueError(f"claim '{denominator_id}' is zero")
    return {
        "ratio": a / b,
        "numerator": described(numerator_id),
        "denominator": described(denominator_id),
        "caveat": caveat,
        "claims": (numerator_id, denominator_id),
    }


# --------------------------------------------------------------------------------------------
# Chart

_KIND_STYLE = {
    "recorded": ("orange", "o"),
    "derived": ("sky blue", "D"),
    "rounded": ("bluish green", "s"),
    "estimate": ("blue", "o"),
    "plan": ("reddish purple", "^"),
    "rejected": ("vermillion", "x"),
}
_REFERENCE_STYLES = [{"linestyle": "--"}, {"linestyle": ":"}]


def row_label(r: Any, letter: str) -> str:
    """A chart row's label: who states the figure, its line of evidence, and its scope."""
    text = f"{bibliography.cite(r.source_id)} [{letter}]"
    scope = getattr(r, "scope", "")
    return text if is_missing(scope) else f"{text}, {scope}"


def lineage_letters(claims: pd.DataFrame) -> dict[str, str]:
    """A letter per independent line of evidence (A, B, …), in order of first appearance;
    lineages that share an original document (``a`` and ``a+b``) get the same letter.
    """
    numbers = lineage.groups(list(claims["lineage"]))
    return {name: chr(ord("A") + i) if i < 26 else str(i + 1) for name, i in numbers.items()}


def _draw_claims(ax: Any, shown: pd.DataFrame, top: float) -> None:
    """The rows of a range chart, top to bottom: bars for ranges, arrows for open lower bounds
    and a dot per value, one artist per kind (rows never overlap; bars are drawn under dots).
    """
    bars: list[tuple[int, float, float, str]] = []
    dots: dict[str, tuple[list[float], list[int]]] = {}
    for i, r in enumerate(shown.itertuples()):
        y, colour = len(shown) - 1 - i, plotting.colour(_KIND_STYLE[r.kind][0])
        has_low, has_high = not is_missing(r.at_least), not is_missing(r.at_most)
        if has_low and has_high and r.at_least != r.at_most:
            bars.append((y, r.at_least, r.at_most, colour))
        elif has_low and not has_high and is_missing(r.value):
            arrow = {"arrowstyle": "->", "color": colour}
            ax.annotate(
                "", xy=(r.at_least + 0.06 * top, y), xytext=(r.at_least, y), arrowprops=arrow
            )
        if not is_missing(r.value):
            xs, ys = dots.setdefault(r.kind, ([], []))
            xs.append(r.value)
            ys.append(y)
    if bars:
        ys_, lows, highs, colours = zip(*bars, strict=True)
        ax.hlines(ys_, lows, highs, colors=list(colours), linewidth=6, alpha=0.55)
    for kind, (xs, ys) in dots.items():
        colour_name, marker = _KIND_STYLE[kind]
        ax.plot(
            xs, ys, marker=marker, color=plotting.colour(colour_name), markersize=7, linestyle=""
        )


@plotting.styled
def range_chart(
    claims: pd.DataFrame, title: str, xlabel: str, references: dict[str, float] | None = None
) -> Figure:
    """Dot-and-range chart: one row per claim (a dot for a value, a bar for a range, an arrow
    for an open lower bound), labelled with its source, a letter for its line of evidence and
    its scope; rejected claims left out. The axis starts at 0, so that a spread is seen at its
    true size beside the figures. ``references`` draws labelled vertical lines.
    """
    shown = claims[claims["kind"] != "rejected"].copy()
    shown["low"], shown["high"] = zip(*(low_high(r) for r in shown.itertuples()), strict=True)
    shown = shown.sort_values(["low", "high", "source_id"], ignore_index=True)
    letters = lineage_letters(shown)
    fig, ax = plotting.new_figure(width=8.5, height=0.3 * len(shown) + 1.6)
    top = float(shown["high"].max())
    _draw_claims(ax, shown, top)
    labels = [row_label(r, letters[r.lineage]) for r in shown.itertuples()]
    ax.set_yticks(range(len(shown)), labels[::-1], fontsize=8)
    kinds = [k for k in KIND_ORDER if k in set(shown["kind"])]
    handles = [plotting.marker_handle(KIND_WORDS[k], *_KIND_STYLE[k]) for k in kinds]
    for (name, x), style_ in zip((references or {}).items(), _REFERENCE_STYLES, strict=False):
        ax.axvline(x, color=plotting.colour("black"), linewidth=0.8, **style_)
        handles.append(plotting.marker_handle(name, "black", "", **style_))
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, ncols=2, frameon=False)
    ax.set_xlim(0, top * 1.08)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.xaxis.set_major_formatter(lambda x, _pos: fmt(x))
    return fig
