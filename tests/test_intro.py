"""Tests of the introduction's helpers (helpers.intro)."""

from __future__ import annotations

import pytest

from helpers import intro


def test_cites_joins_short_citations() -> None:
    assert intro.cites("pohl-2009-last-train") == "Pohl 2009"
    assert intro.cites("pohl-2009-last-train;chang-2016-burnt") == "Pohl 2009; Chang 2016"


def test_event_date_is_spoken() -> None:
    assert intro.event_date("ev-1936-776-120") == "28 April 1936"
    with pytest.raises(KeyError):
        intro.event("ev-no-such-event")


def test_events_table_is_sorted_and_has_no_ids() -> None:
    table = intro.events_table(["ev-1937-order-00485", "ev-1937-order-00439"])
    assert list(table.columns) == ["date", "what happened", "source"]
    assert table["date"].tolist() == ["25 July 1937", "11 August 1937"]
    assert not table.apply(lambda col: col.str.contains("ev-")).any().any()


def test_the_decree_uses_both_words() -> None:
    evict = intro.clauses_with("выселен")
    resettle = intro.clauses_with("пересел")
    assert "2" in evict
    assert "3" in resettle
    assert evict == sorted(evict, key=int)
    assert intro.clauses_with("шпионаж") == []  # the preamble is not a numbered point


def test_spoken_list() -> None:
    assert intro.spoken_list([]) == ""
    assert intro.spoken_list(["6"]) == "6"
    assert intro.spoken_list(["6", "7", "8"]) == "6, 7 and 8"


def test_points_read_and_unread_cover_the_decree() -> None:
    read, unread = intro.points_read(), intro.points_unread()
    assert not set(read) & set(unread)
    assert sorted(map(int, read + unread)) == list(range(1, 13))
    assert intro.printed_pages() == "pp. 64–65"


def test_further_reading_splits_verified_works() -> None:
    table, unchecked = intro.further_reading()
    assert list(table.columns) == ["work", "what it covers", "reference"]
    assert len(table) > 0
    assert len(unchecked) > 0
    assert not set(table["work"]) & set(unchecked)
    assert table["work"].str.lower().is_monotonic_increasing


def test_regions_today_of_the_far_eastern_krai() -> None:
    regions = intro.regions_today("dvk")
    assert len(regions) >= 4
    assert set(regions["unit_1937_id"]) == {"dvk"}


def test_then_and_now_and_short_titles() -> None:
    assert intro.then_and_now("kazakh-ssr").endswith("today Kazakhstan")
    assert intro.short_title_latin("li-kim-1992-belaia-kniga") == "Belaia kniga"


def test_destinations_chart_draws_one_bar_per_republic() -> None:
    fig = intro.destinations_chart({"A": 2.0, "B": 1.0}, "1 January 1937")
    assert len(fig.axes[0].patches) == 2


def test_weeks_between_the_war_and_the_decree() -> None:
    assert intro.weeks_between("ev-1937-war-china", "1937-08-21") == 6
    assert intro.weeks_between("ev-1937-war-china", "1937-07-13") == 0


def test_id_list() -> None:
    assert intro.id_list(" a-1  b-2\n") == ["a-1", "b-2"]


def test_how_many() -> None:
    assert intro.how_many(0, "document") == "no document"
    assert intro.how_many(1, "document") == "1 document"
    assert intro.how_many(1200, "document") == "1,200 documents"


def test_surnames_are_romanised_and_joined() -> None:
    assert intro.surnames("vashchuk-chernolutskaya-otklik") == "Vashchuk and Chernolutskaia"
    assert intro.surnames("pohl-2009-last-train") == "Pohl"


def test_order_00593_states_both_dates() -> None:
    text = str(intro.event("ev-1937-order-00593")["event_en"])
    assert "19 September" in text
    assert "20 September" in text
