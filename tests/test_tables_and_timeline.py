"""Markdown tables for readers, the timeline and its figure, witness tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers import plotting, sources, tables, timeline


def test_markdown_escapes_pipes_and_leaves_missing_cells_empty() -> None:
    frame = pd.DataFrame({"a": ["x|y", None], "b": [1.0, float("nan")]})
    text = tables.markdown(frame)
    assert text.splitlines()[0] == "| a | b |"
    assert "x\\|y" in text
    assert text.splitlines()[-1] == "|  |  |"


def test_markdown_with_index_keeps_the_index_as_a_column() -> None:
    frame = pd.DataFrame({"v": [1]}, index=pd.Index(["r"], name="clause"))
    assert tables.markdown(frame, index=True).splitlines()[0] == "| clause | v |"


def test_timeline_is_sorted_and_every_event_has_its_first_and_last_day() -> None:
    events = timeline.timeline()
    assert events["first_day"].is_monotonic_increasing
    assert (events["last_day"] >= events["first_day"]).all()
    assert events["first_day"].iloc[0] < dt.date(1900, 1, 1) < events["last_day"].iloc[-1]


def test_timeline_figure_has_two_panels_and_a_legend_of_every_kind() -> None:
    fig = timeline.timeline_figure()
    top, bottom = fig.axes
    assert top.get_title(loc="left").startswith("Before and after")
    assert bottom.get_title(loc="left").startswith("The deportation")
    labels = [t.get_text() for t in top.get_legend().get_texts()]
    assert labels == list(timeline.EVENT_STYLE)
    assert plotting.to_png(fig).startswith(b"\x89PNG")


def test_each_witness_says_how_it_was_verified() -> None:
    table = sources.verification(["w1", "w2", "w3", "p51wp", "p51ch"])
    assert list(table["witness"]) == ["W1", "W2", "W3", "P51WP", "P51CH"]
    assert table["how it was verified"].str.len().min() > 30


def test_clause_table_and_coverage_agree() -> None:
    clauses = sources.clause_table(["w2", "w3"])
    cover = sources.coverage(["w2", "w3"])
    for clause, row in clauses.iterrows():
        for siglum, text in row.items():
            assert (cover.loc[clause, siglum] == "—") == (text == "")


def test_people_reads_names_in_order() -> None:
    assert sources.people("Molotov, V.;Stalin, I.") == "V. Molotov and I. Stalin"
    assert sources.people("Yezhov, N.") == "N. Yezhov"
    assert sources.people("") == ""


def test_the_glossary_page_defines_every_term_once_with_its_source() -> None:
    from helpers import data, glossary

    text = glossary.markdown()
    terms = data.load("glossary")["term"]
    for term in terms:
        assert f"\n{term}\n  " in text
    assert text.count(":::{glossary}") == 1
    assert "Source: " in text
