"""The claims ledger (``data/figures/claims.csv``): query figures with their sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers import data

if TYPE_CHECKING:
    import pandas as pd


def ledger() -> pd.DataFrame:
    """The whole claims ledger, validated, sorted by quantity then claim id."""
    return data.load("claims").sort_values(["quantity", "claim_id"], ignore_index=True)


def claim(claim_id: str) -> dict[str, Any]:
    """One ledger row as a dict; an unknown id raises :class:`KeyError` with close matches."""
    table = data.load("claims").set_index("claim_id", drop=False)
    if claim_id not in table.index:
        raise KeyError(data.unknown_id_message(claim_id, set(table.index), "claims"))
    return table.loc[claim_id].to_dict()


def value(claim_id: str) -> float:
    """The stated value of a claim (raises if the claim states only bounds)."""
    row = claim(claim_id)
    if row["value"] is None or row["value"] != row["value"]:
        raise ValueError(f"claim '{claim_id}' states no single value, only bounds")
    return float(row["value"])


def fmt(number: float) -> str:
    """A figure for prose: thousands separated by commas, decimals only when the value has them."""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.1f}"


def _bounds(low: Any, high: Any) -> str:
    import pandas as pd

    low = None if pd.isna(low) else fmt(low)
    high = None if pd.isna(high) else fmt(high)
    if low and high:
        return f"{low}–{high}"
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
            "figure": [("" if pd.isna(v) else fmt(v)) for v in ordered["value"]],
            "bounds": [
                _bounds(lo, hi)
                for lo, hi in zip(ordered["at_least"], ordered["at_most"], strict=True)
            ],
            "kind": ordered["kind"].tolist(),
            "refers to": ordered["refers_to"].tolist(),
            "source": [bibliography.cite(s) for s in ordered["source_id"]],
            "source id": ordered["source_id"].tolist(),
        }
    ).reset_index(drop=True)
