"""Dates in Extended Date/Time Format (EDTF, ISO 8601-2), parsed by the ``edtf`` package."""

from __future__ import annotations

import datetime as dt
import math
import time
from typing import Any


def parse_edtf(text: str) -> Any:
    """Parse an EDTF string such as ``1937-08-21``, ``1937-09~`` or ``1937-09-09/1937-11-03``.

    Raises :class:`ValueError` naming the string when it is not valid EDTF.
    """
    from edtf import parse_edtf as _parse
    from edtf.parser.edtf_exceptions import EDTFParseException

    if not isinstance(text, str) or not text or text != text.strip():
        raise ValueError(f"'{text}' is not an EDTF date")
    try:
        return _parse(text)
    except (EDTFParseException, ValueError) as err:
        raise ValueError(f"'{text}' is not a valid EDTF date ({type(err).__name__})") from None


def _to_date(struct: Any) -> dt.date | None:
    if isinstance(struct, float) and math.isinf(struct):
        return None
    if isinstance(struct, time.struct_time):
        return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    raise ValueError(f"unexpected EDTF bound {struct!r}")


def bounds(text: str) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest calendar day an EDTF string can mean (``None`` if open-ended)."""
    parsed = parse_edtf(text)
    return _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def spoken(text: str) -> str:
    """An EDTF date in words for prose: ``1937-08-21`` → ``21 August 1937``.

    Approximate or uncertain dates and intervals keep a plain reading (``about September 1937``,
    ``9 September 1937 – 3 November 1937``); anything else is returned as the EDTF string.
    """
    parse_edtf(text)
    if "/" in text:
        start, end = text.split("/", 1)
        if end == "..":
            return f"on or after {spoken(start)}"
        if start == "..":
            return f"on or before {spoken(end)}"
        return f"{spoken(start)} – {spoken(end)}"
    prefix = "about " if text.endswith(("~", "%")) else ""
    core = text.rstrip("~?%")
    parts = core.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{prefix}{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{prefix}{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 1 and core.isdigit():
        return f"{prefix}{core}"
    return text
