"""Citations resolve to the bibliography."""

from __future__ import annotations

import pytest

from helpers import bibliography, data


def test_cite_and_reference() -> None:
    assert bibliography.cite("pohl-2009-last-train") == "Pohl 2009"
    ref = bibliography.reference("pohl-2009-last-train")
    assert ref.startswith("Pohl, J. Otto (2009) *The Last Train West*.")
    assert "<http://jpohl.blogspot.com/2009/08/last-train-west.html?m=1>" in ref


def test_anonymous_page_is_cited_by_its_container() -> None:
    assert bibliography.cite("tobolinfo-1428").startswith("tobolinfo.kz")


def test_unknown_source_suggests_close_ids() -> None:
    with pytest.raises(KeyError, match="did you mean pohl-2009-last-train"):
        bibliography.cite("pohl-2009-last-trian")


def test_sources_table_is_sorted_and_unique() -> None:
    table = bibliography.sources_table(["tobolinfo-1428", "pohl-2009-last-train", "tobolinfo-1428"])
    assert list(table.columns) == ["source", "kind", "title"]  # no internal ids for readers
    assert table["source"].tolist() == [
        "Pohl 2009",
        "tobolinfo.kz, “Resolution of the Sovnarkom and the CC of…”",
    ]


def test_author_date_labels_are_unique_across_the_bibliography() -> None:
    ids = data.load("bibliography")["id"]
    labels = [bibliography.cite(i) for i in ids]
    assert len(set(labels)) == len(labels)
    assert "Pohl 2008a" in labels
    assert "Pohl 2008b" in labels


def test_references_never_link_to_a_copy_that_is_not_the_work() -> None:
    table = data.load("bibliography")
    for row in table.to_dict("records"):
        text = bibliography.reference(row["id"])
        if row["copy"] != "original" and row["read_at"]:
            assert row["read_at"] not in text or row["read_at"] == row["work_url"], row["id"]
        if row["copy"] in ("unauthorised", "mirror", "machine-translation"):
            assert row["work_url"] != row["read_at"], row["id"]
