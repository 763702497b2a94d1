"""Missing values and figures in prose: one way to say "no value", one way to print a number."""

from __future__ import annotations

import math
from typing import Any


def is_missing(value: Any) -> bool:
    """True for an empty cell in any of its forms: ``None``, ``pd.NA``, NaN or ``""``."""
    if value is None or (isinstance(value, str) and value == ""):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)  # NaN and pd.NA are not equal to themselves
    except TypeError:  # pd.NA: its comparison is ambiguous
        return True


def fmt(number: float) -> str:
    """A figure for prose: thousands separated by commas, decimals only when the value has them."""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.1f}"
