"""Dates in Extended Date/Time Format (EDTF, ISO 8601-2), parsed by the ``edtf`` package.

Plain calendar dates (``1937``, ``1937-08``, ``1937-08-21``), the same with a qualifier
(``1937-09~``, ``2017?``) and intervals between plain dates, open ones included
(``1937-09-09/..``), are all the data uses; they take a fast path that needs no parser (tests
check it agrees with ``edtf``). Everything else goes to ``edtf``. Each distinct string is
parsed once per process.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import time
from functools import cache
from typing import Any

_PLAIN = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{2})(?:-(?P<d>[0-9]{2}))?)?")
Bounds = tuple[dt.date | None, dt.date | None]
_QUALIFIERS = ("~", "?", "%")

_MONTHS = [calendar.month_name[m] for m in range(1, 13)]


def _plain_bounds(text: str) -> Bounds | None:
    """Bounds of a plain year, month or day, or ``None`` if ``text`` is not one."""
    match = _PLAIN.fullmatch(text)
    if not match:
        return None
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a valid EDTF date (month {month})")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, last)
    if not 1 <= day <= last:
        raise ValueError(f"'{text}' is not a valid EDTF date (day {day})")
    return dt.date(year, month, day), dt.date(year, month, day)


def _fast_bounds(text: str) -> Bounds | None:
    """Bounds without the parser for plain dates, plain dates qualified as approximate or
    uncertain (``1937-09~``, ``2017?``: strict bounds ignore the qualifier), and intervals of
    plain dates, open ones (``1937-09-23/..``) included; ``None`` for anything else.
    """
    start, slash, end = text.partition("/")
    if not slash:
        single = _plain_bounds(text[:-1] if text[-1:] in _QUALIFIERS else text)
        return (single[0], single[1]) if single else None
    first = (None, None) if start == ".." else _plain_bounds(start)
    last = (None, None) if end == ".." else _plain_bounds(end)
    if first is None or last is None or start == end == "..":
        return None
    return first[0], last[1]


def _to_date(struct: Any) -> dt.date | None:
    if isinstance(struct, float) and math.isinf(struct):
        return None
    if isinstance(struct, time.struct_time):
        return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    raise ValueError(f"unexpected EDTF bound {struct!r}")


def _parsed_bounds(text: str) -> Bounds:
    # Imported here on purpose: the parser (pyparsing) costs a few hundred ms to import, and the
    # plain dates that make up most of the data never need it.
    from edtf import parse_edtf as _parse
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = _parse(text)
    except (EDTFParseException, ValueError) as err:
        raise ValueError(f"'{text}' is not a valid EDTF date ({type(err).__name__})") from None
    return _to_date(parsed.lower_strict()), _to_date(parsed.upper_strict())


@cache
def bounds(text: str) -> Bounds:
    """The earliest and latest calendar day an EDTF string can mean (``None`` if open-ended).

    Raises :class:`ValueError` naming the string when it is not valid EDTF, or when an interval
    ends before it starts.
    """
    if not isinstance(text, str) or not text or text != text.strip():
        raise ValueError(f"'{text}' is not an EDTF date")
    low, high = _fast_bounds(text) or _parsed_bounds(text)
    if low and high and low > high:
        raise ValueError(f"'{text}' ends before it starts")
    return low, high


def problem(text: str) -> str | None:
    """Why ``text`` is not a usable EDTF date, or ``None`` if it is."""
    try:
        bounds(text)
    except ValueError as err:
        return str(err)
    return None


def spoken(text: str) -> str:
    """An EDTF date in words for prose: ``1937-08-21`` → ``21 August 1937``.

    Approximate or uncertain dates and intervals keep a plain reading (``about September 1937``,
    ``9 September 1937 – 3 November 1937``); anything else is returned as the EDTF string.
    """
    bounds(text)
    if "/" in text:
        start, end = text.split("/", 1)
        if end == "..":
            return f"on or after {spoken(start)}"
        if start == "..":
            return f"on or before {spoken(end)}"
        return f"{spoken(start)} – {spoken(end)}"
    prefix = "about " if text.endswith(("~", "%")) else ""
    match = _PLAIN.fullmatch(text.rstrip("~?%"))
    if not match:
        return text
    if match["d"]:
        return f"{prefix}{int(match['d'])} {_MONTHS[int(match['m']) - 1]} {match['y']}"
    if match["m"]:
        return f"{prefix}{_MONTHS[int(match['m']) - 1]} {match['y']}"
    return f"{prefix}{match['y']}"
