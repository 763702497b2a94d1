"""The lives of the deportees: account cards, topic and date counts, settlements, archives."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

from helpers import afterwards, data, lives


@pytest.fixture(scope="module")
def table():
    return lives.accounts()


def test_every_account_has_one_stage_and_stages_follow_the_story() -> None:
    assert lives.stage(["eviction"]) == "leaving"
    assert lives.stage(["eviction", "journey", "first-winter"]) == "arrival"
    assert lives.stage(["labour-army"]) == "later"


def test_each_account_is_shown_once_across_the_stages(table) -> None:
    shown = sum(lives.cards(table, s).count("\n- ") + 1 for s in [*lives.STAGES, "later"])
    assert shown == len(table) == data.size("accounts")


def test_a_card_names_person_source_and_how_much_was_seen(table) -> None:
    row = table[table["account_id"] == "acc-kim-enok"].iloc[0].to_dict()
    text = lives.card(row)
    assert text.startswith("- **Kim Enok**")
    assert "Kim 1997, pp. 70-73" in text
    assert lives.SEEN_WORDS["own-words"] in text
    assert "the project's translation" in text
    assert "acc-" not in text
    assert "tyan-1997" not in text


def test_a_second_hand_card_says_who_tells_it(table) -> None:
    row = table[table["account_id"] == "acc-shin-grandmother"].iloc[0].to_dict()
    assert "Told second-hand, by Svetlana Shin, granddaughter" in lives.card(row)


def test_an_english_quotation_is_not_translated_twice(table) -> None:
    row = table[table["account_id"] == "acc-tsoi-florida"].iloc[0].to_dict()
    assert "translation" not in lives.card(row)


def test_an_inferred_year_is_said_to_be_inferred() -> None:
    assert lives.recorded_words("2022?").endswith("(year inferred by the project)")
    assert lives.recorded_words("") == "date of recording not printed"


def test_unknown_stage_raises(table) -> None:
    with pytest.raises(ValueError, match="no account"):
        lives.cards(table, "nowhere")


def test_topic_counts_add_up(table) -> None:
    counts = lives.topic_counts(table).set_index("topic")
    journey = counts.loc["the journey"]
    assert journey.sum() == lives.count_with(table, "journey")
    assert lives.count_with(table, "journey", "deaths") <= lives.count_with(table, "deaths")


def test_recorded_dates_leave_undated_accounts_out(table) -> None:
    dated = lives.recorded_dates(table)
    assert len(dated) == (table["recorded"] != "").sum()
    assert (dated["first_year"] <= dated["last_year"]).all()
    assert dated["inferred"].sum() == table["recorded"].str.endswith("?").sum()


def test_account_places_count_each_named_place(table) -> None:
    places = lives.account_places(table)
    assert places["accounts"].sum() == sum(
        len([p for p in c.split(";") if p]) for c in table["place_ids"]
    )


def test_settlements_are_numbered_on_the_map_only_when_they_have_a_point() -> None:
    shown = lives.settlement_table()
    places = lives.settlement_places()
    assert len(shown) == len(places)
    assert (shown["no."] != "").sum() == places["has_point"].sum()
    assert not shown["today"].str.contains("code file").any()


def test_point_words_mark_stand_ins() -> None:
    row = {"geometry": object(), "approximation_km": 20.0, "confidence": "medium"}
    assert lives.point_words(row).startswith("stand-in point")
    assert lives.point_words({**row, "approximation_km": 1.0}) == "point of the place itself"
    none = {"geometry": None, "approximation_km": None, "confidence": "unresolved"}
    assert lives.point_words(none).startswith("no coordinates")


def test_today_name_drops_only_remarks_on_reading() -> None:
    assert lives.today_name("X (per okpedia; site not identified)") == "X"
    assert lives.today_name("Y (exact site not identified)") == "Y (exact site not identified)"


def test_events_table_is_in_date_order_and_cites_authors() -> None:
    shown = afterwards.events_table(["ev-1993-rehabilitation", "ev-1989-declaration"])
    assert shown["when"].tolist()[0].endswith("1989")
    assert not shown["source"].str.contains(r"[a-z]+-[a-z0-9]+-", regex=True).any()


def test_archives_are_split_by_whether_their_own_page_was_read() -> None:
    described, leads = afterwards.archives_described(), afterwards.archive_leads()
    assert len(described) + len(leads) == data.size("archives")
    assert not re.search(r"True|False", described.to_string() + leads.to_string())


@pytest.mark.parametrize("draw", [lives.topic_chart, lives.recorded_chart, lives.accounts_map])
def test_charts_of_the_accounts_are_figures(draw, table) -> None:
    assert isinstance(draw(table), Figure)


def test_settlements_map_is_a_figure() -> None:
    fig = lives.settlements_map()
    assert isinstance(fig, Figure)
    assert fig.axes[0].get_title(loc="left").startswith("Settlements")


CHEON = ["acc-cheon-mikhail-haninnews", "acc-cheon-eok-sil"]


def test_probably_the_same_man_is_said_on_each_card_without_ids(table) -> None:
    notes = lives.same_person(table, CHEON, who="man")
    assert set(notes) == set(CHEON)
    for text in notes.values():
        assert text.startswith("Probably the same man as ")
        assert text.endswith("the sources do not confirm it.")
        assert "acc-" not in text
    assert "Danielovich" in notes["acc-cheon-mikhail-haninnews"]
    assert "Danilovich" in notes["acc-cheon-eok-sil"]
    shown = lives.cards(table, "journey", notes)
    assert notes["acc-cheon-eok-sil"] in shown


def test_both_cheon_rows_keep_their_printed_patronymic(table) -> None:
    people = table.set_index("account_id")["person"]
    assert "Danilovich" in people["acc-cheon-mikhail-haninnews"]
    assert "Danielovich" in people["acc-cheon-eok-sil"]


def test_shared_topics_name_only_topics_told_more_than_once(table) -> None:
    assert lives.shared_topics(table, CHEON) == []
    assert "the journey" in lives.shared_topics(table, ["acc-cheon-eok-sil", "acc-kim-enok"])


def test_a_summary_card_does_not_call_a_historian_a_journalist(table) -> None:
    row = table[table["account_id"] == "acc-tskhai-evgenia-chang"].iloc[0].to_dict()
    text = lives.card(row)
    assert "journalist" not in text
    assert "only the author's paraphrase" in text


def test_labels_of_people_and_tellers_read_as_words(table) -> None:
    assert not table["person"].str.contains(r"\(family of\)|incl\.", regex=True).any()
    assert not table["teller"].str.contains("not seen").any()
