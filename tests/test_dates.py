"""EDTF parsing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import dates
from helpers.dates import bounds, spoken


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1937-08-21", dt.date(1937, 8, 21), dt.date(1937, 8, 21)),
        ("1937-09~", dt.date(1937, 9, 1), dt.date(1937, 9, 30)),
        ("1937-09-09/1937-11-03", dt.date(1937, 9, 9), dt.date(1937, 11, 3)),
        ("1937", dt.date(1937, 1, 1), dt.date(1937, 12, 31)),
        ("1937-09-23/..", dt.date(1937, 9, 23), None),
    ],
)
def test_bounds(text: str, low: dt.date, high: dt.date | None) -> None:
    assert bounds(text) == (low, high)


@pytest.mark.parametrize(
    "bad", ["1937-13-01", "21 Aug 1937", "", " 1937", "1937-02-30", "1937-00", "1937-09-3"]
)
def test_bad_dates_raise_value_error_naming_the_string(bad: str) -> None:
    with pytest.raises(ValueError, match="EDTF"):
        bounds(bad)
    assert "EDTF" in dates.problem(bad)


@pytest.mark.parametrize("text", ["1937-11-03/1937-09-09", "1938/1937", "1937-10/1937-09~"])
def test_an_interval_that_ends_before_it_starts_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        bounds(text)


@given(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from([4, 7, 10]),
)
def test_the_fast_path_agrees_with_the_edtf_parser(day: dt.date, length: int) -> None:
    text = day.isoformat()[:length]
    assert dates._plain_bounds(text) == dates._parsed_bounds(text)


_PLAIN_DAYS = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31))


@given(
    _PLAIN_DAYS,
    _PLAIN_DAYS,
    st.sampled_from([4, 7, 10]),
    st.sampled_from([4, 7, 10]),
    st.sampled_from(["", "~", "?", "%", "/..", "../", "/"]),
)
def test_the_fast_path_agrees_with_the_edtf_parser_on_qualified_and_open_dates(
    day: dt.date, other: dt.date, length: int, other_length: int, form: str
) -> None:
    first, second = sorted([day, other])
    text = {
        "/..": f"{first.isoformat()[:length]}/..",
        "../": f"../{first.isoformat()[:length]}",
        "/": f"{first.isoformat()[:length]}/{second.isoformat()[:other_length]}",
    }.get(form, first.isoformat()[:length] + form)
    fast, parsed = dates._fast_bounds(text), dates._parsed_bounds(text)
    if fast[0] and fast[1] and fast[0] > fast[1]:
        return  # an interval ending in a shorter date before its start: refused by bounds()
    assert fast == parsed


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_calendar_day_round_trips(day: dt.date) -> None:
    text = day.isoformat()
    assert bounds(text) == (day, day)


@given(
    st.dates(min_value=dt.date(1880, 1, 1), max_value=dt.date(2000, 1, 1)),
    st.integers(min_value=0, max_value=5000),
)
def test_interval_bounds_are_its_ends(start: dt.date, days: int) -> None:
    end = start + dt.timedelta(days=days)
    assert bounds(f"{start.isoformat()}/{end.isoformat()}") == (start, end)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1937-08-21", "21 August 1937"),
        ("1937-09~", "about September 1937"),
        ("1937", "1937"),
        ("1937-09-09/1937-11-03", "9 September 1937 – 3 November 1937"),
        ("[1937-09-09..1937-10-25]", "[1937-09-09..1937-10-25]"),
        ("1937-11-03/..", "on or after 3 November 1937"),
    ],
)
def test_spoken(text: str, words: str) -> None:
    assert spoken(text) == words
