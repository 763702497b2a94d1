"""The claims ledger, its reconciliation, the sum checks and the census."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import census, data, ledger, lineage, values

COLUMNS = [
    "claim_id",
    "quantity",
    "value",
    "at_least",
    "at_most",
    "unit",
    "refers_to",
    "place_id",
    "kind",
    "scope",
    "source_id",
    "derived_from",
    "lineage",
]


def test_every_claim_unit_belongs_to_its_quantity() -> None:
    assert data.problems("claims") == []
    assert len(ledger.ledger()) == data.size("claims")


def test_a_unit_outside_the_quantity_is_named_by_row_and_column(data_copy) -> None:
    path = data_copy / "figures" / "claims.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",persons,", ",wagons,", 1), encoding="utf-8")
    with pytest.raises(data.DataError, match=r"row 2, column 'unit': unit 'wagons' is not a unit"):
        data.load("claims")


def test_unknown_quantity_suggests_close_names() -> None:
    with pytest.raises(KeyError, match="did you mean persons_deported"):
        ledger.by_quantity("persons_deportd")


def test_readable_ratios_and_references() -> None:
    r = ledger.ratio("c-deported-total-pohl", "c-families-total-livebooks")
    table = ledger.readable_ratios({"persons per family": r})
    assert table.loc[0, "value"] == "4.7"
    refs = ledger.references("c-deported-total-pohl", "c-deported-grand-pohl")
    assert refs == {"171,781 (25 October 1937)": 171781.0, "172,597 (3 November 1937)": 172597.0}


def test_readable_checks_carry_no_ids() -> None:
    table = ledger.readable_checks(ledger.check_sums())
    assert not table.map(lambda v: "c-" in str(v) or "chk-" in str(v)).any().any()
    assert set(table["do the parts add up?"].str[:2]) == {"ye", "no"}


def test_the_nkvd_sums_hold_and_the_chirchik_report_is_off_by_84() -> None:
    checks = ledger.check_sums().set_index("check_id")
    assert checks.loc["chk-nkvd-split", "holds"]
    assert checks.loc["chk-nkvd-grand-total", "holds"]
    failing = set(checks.index[~checks["holds"]])
    assert failing == {"chk-chirchik-housing", "chk-chirchik-plan"}
    assert set(checks.loc[list(failing), "difference"].abs()) == {84}


@pytest.mark.parametrize(
    "claim_id", ["c-to-kazakh-pohl", "c-to-uzbek-pohl", "c-deported-total-pohl"]
)
def test_a_tampered_value_breaks_its_sum_check(claim_id: str, data_copy) -> None:
    path = data_copy / "figures" / "claims.csv"
    value = int(ledger.value(claim_id))
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [
        line.replace(f",{value},", f",{value + 1},", 1) if line.startswith(claim_id + ",") else line
        for line in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data.clear_cache()
    checks = ledger.check_sums().set_index("check_id")
    assert not checks.loc["chk-nkvd-split", "holds"]
    assert abs(checks.loc["chk-nkvd-split", "difference"]) == 1


def test_ratio_shows_its_inputs() -> None:
    r = ledger.ratio("c-deported-total-pohl", "c-families-total-livebooks")
    assert round(r["ratio"], 2) == 4.71
    assert r["numerator"] == "171,781 persons (Pohl 2009, count stated as a count)"
    assert r["claims"] == ("c-deported-total-pohl", "c-families-total-livebooks")
    assert "36,442 families" in r["denominator"]


def test_reconcile_keeps_every_figure_of_the_real_ledger() -> None:
    table = ledger.ledger()
    summary = ledger.reconcile(table)
    assert summary["claims"].sum() == len(table)
    deaths = summary.set_index("quantity").loc["deaths"]
    assert deaths["conflict"]
    for v in ledger.by_quantity("deaths")["value"].dropna():
        assert values.fmt(v) in deaths["values"]


def test_census_confidence_follows_the_rule() -> None:
    census = data.load("census")
    found = census[census["koreans"].notna()]
    for row in found.itertuples():
        same = found[
            (found["census_year"] == row.census_year)
            & (found["territory"] == row.territory)
            & (found["koreans"] == row.koreans)
            & (found["source_id"] != row.source_id)
        ]
        # multi needs a second source with the same value; a shared derivation makes it single
        assert row.confidence == "single" or len(same) > 0, row
        if row.confidence == "single" and len(same) > 0:
            assert "share a derivation" in row.note, row


def test_census_grid_shows_gaps_as_dashes() -> None:
    grid = census.census_grid()
    assert list(grid.columns) == ["1926", "1939", "1959", "1970", "1979", "1989"]
    assert "—" in grid.to_numpy()
    assert "96,453" in grid.loc["kazakh-ssr", "1939"]


def test_range_and_census_charts_draw() -> None:
    from helpers import plotting

    totals = ledger.by_quantity("persons_deported")
    for fig in (
        ledger.range_chart(ledger.by_quantity("deaths"), "Deaths", "persons"),
        ledger.range_chart(totals, "Totals", "persons", {"NKVD count": 171781.0}),
        lineage.lineage_chart(totals[totals["kind"] != "rejected"], "Lineage"),
        census.census_chart(),
    ):
        assert plotting.to_png(fig).startswith(b"\x89PNG")


# Reconcile properties on generated ledgers ---------------------------------------------------


@st.composite
def claims_rows(draw) -> dict:
    points = sorted(draw(st.lists(st.integers(0, 300_000).map(float), min_size=3, max_size=3)))
    low, value, high = (p if draw(st.booleans()) else None for p in points)
    if value is None and low is None and high is None:
        value = points[1]
    return {
        "quantity": draw(st.sampled_from(["persons_deported", "deaths", "trains"])),
        "value": value,
        "at_least": low,
        "at_most": high,
        "unit": "persons",
        "refers_to": "1937",
        "place_id": draw(st.sampled_from(["", "kazakh-ssr"])),
        "kind": draw(st.sampled_from(["recorded", "estimate", "rounded", "rejected"])),
        "scope": "",
        "source_id": draw(st.sampled_from(["s-a", "s-b", "s-c", "s-d"])),
        "derived_from": "",
        "lineage": draw(st.sampled_from(["line-a", "line-b", "line-a+line-c"])),
    }


ledgers = st.lists(claims_rows(), min_size=1, max_size=25).map(
    lambda rows: pd.DataFrame(
        [{"claim_id": f"c-{i}", **row} for i, row in enumerate(rows)], columns=COLUMNS
    ).astype({"value": "Float64", "at_least": "Float64", "at_most": "Float64"})
)


@settings(max_examples=40)
@given(ledgers, st.randoms(use_true_random=False))
def test_reconcile_does_not_depend_on_row_order(table: pd.DataFrame, rng) -> None:
    order = list(range(len(table)))
    rng.shuffle(order)
    shuffled = table.iloc[order].reset_index(drop=True)
    pd.testing.assert_frame_equal(ledger.reconcile(table), ledger.reconcile(shuffled))


@settings(max_examples=40)
@given(ledgers)
def test_reconcile_never_drops_a_conflicting_value(table: pd.DataFrame) -> None:
    summary = ledger.reconcile(table)
    assert summary["claims"].sum() == len(table)
    for row in table.itertuples():
        group = summary[
            (summary["quantity"] == row.quantity) & (summary["place_id"] == row.place_id)
        ]
        assert row.source_id in group["values"].iloc[0]
        if not pd.isna(row.value):
            assert values.fmt(row.value) in group["values"].iloc[0]
        kept = [v for v in (row.value, row.at_least, row.at_most) if not pd.isna(v)]
        if row.kind != "rejected":
            assert group["low"].iloc[0] <= min(kept)
            assert max(kept) <= group["high"].iloc[0]


def test_census_shares_of_two_republics_bracket_one_hundred_percent() -> None:
    shares = census.census_shares()
    assert set(shares["territory"]) == {"kazakh-ssr", "uzbek-ssr"}
    for _, year in shares.groupby("census_year"):
        assert (
            year["share_of_these_low"].sum()
            <= 100 + 1e-9
            <= year["share_of_these_high"].sum() + 2e-9
        )
    readable = census.readable_shares(shares)
    assert readable["republic"].iloc[0] == "Kazakh SSR"


# Lineage --------------------------------------------------------------------------------------


def _copies(n: int, line: str = "report-1") -> pd.DataFrame:
    rows = [
        {
            "claim_id": f"c-{i}",
            "quantity": "persons_deported",
            "value": 171781.0,
            "at_least": None,
            "at_most": None,
            "unit": "persons",
            "refers_to": "1937",
            "place_id": "",
            "kind": "recorded",
            "scope": "",
            "source_id": f"s-{i}",
            "derived_from": "",
            "lineage": line,
        }
        for i in range(n)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_nine_copies_of_one_lineage_count_as_one() -> None:
    row = ledger.reconcile(_copies(9)).iloc[0]
    assert (row["claims"], row["sources"], row["lineages"]) == (9, 9, 1)


def test_a_composite_lineage_is_not_independent_of_its_parts() -> None:
    table = pd.concat([_copies(2), _copies(1, "report-1+report-2"), _copies(1, "other")])
    assert lineage.count(table) == 2
    assert lineage.groups(["a", "b", "a+c", "c"]) == {"a": 0, "b": 1, "a+c": 0, "c": 0}


def test_the_nkvd_total_goes_back_to_yezhovs_report_alone() -> None:
    totals = ledger.by_quantity("persons_deported")
    nkvd = totals[totals["value"] == 171781]
    assert len(nkvd) >= 8
    assert lineage.count(nkvd) == 1
    tree = lineage.tree(nkvd)
    assert {o for os in tree["originals"] for o in os} == {"Yezhov's report of 25 October 1937"}
    unseen = tree[tree["claim"].str.startswith("Ferguson")]
    assert unseen["copies"].tolist() == [[lineage.NOT_NAMED]]
    assert lineage.original_documents("nkvd-report-1937-10-25+nkvd-meer-1937-11-03") == [
        "yezhov-1937-10-25",
        "meer-1937-11-03",
    ]


def test_readable_ledger_shows_kinds_in_words_and_no_ids() -> None:
    table = ledger.readable(ledger.by_quantity("persons_expected"))
    assert "source id" not in table.columns
    assert set(table["kind"]) == {ledger.KIND_WORDS["plan"]}
    assert not table.map(lambda v: "chang-2016" in str(v)).any().any()
    deaths = ledger.readable(ledger.by_quantity("deaths"))
    assert "the journey and the first winters" in set(deaths["scope"])


@pytest.mark.parametrize(("x", "text"), [(1385.33, "1,390"), (4.7095, "4.7"), (99.96, "100.0")])
def test_a_ratio_is_rounded_to_what_its_inputs_bear(x: float, text: str) -> None:
    assert ledger.about(x) == text


def test_rests_on_is_empty_for_no_source_and_for_a_source_that_is_its_own_origin() -> None:
    assert ledger.rests_on(None, "chang-2016-burnt") == ""
    assert ledger.rests_on("chang-2016-burnt", "chang-2016-burnt") == ""
    assert ledger.rests_on("yezhov-1937-10-25", "x") == "Yezhov's report of 25 October 1937"
    table = ledger.readable(ledger.by_quantity("persons_deported"))
    assert "rests on" in table.columns
    assert "copies" not in table.columns


def test_count_by_lineage_counts_one_quantity_and_each_part_of_a_composite_line() -> None:
    deaths = ledger.count_by_lineage("deaths")
    assert sum(deaths.values()) == len(ledger.by_quantity("deaths"))
    assert (
        deaths["wikipedia-en"] == (ledger.by_quantity("deaths")["lineage"] == "wikipedia-en").sum()
    )
    rates = ledger.count_by_lineage("mortality_percent")
    assert rates["chang-2016"] == 2  # Chang's own rate and the composite chang-2016+wikipedia-en
    assert "mrg-1991" not in ledger.count_by_lineage("persons_deported")  # rejected left out


def test_lines_text_reads_as_prose() -> None:
    assert lineage.lines_text(1) == "one line of evidence"
    assert lineage.lines_text(5) == "5 lines of evidence"


# Census ---------------------------------------------------------------------------------------


def test_no_percentage_is_computed_from_a_tiny_base() -> None:
    growth = census.census_growth("kazakh-ssr").set_index("from")
    assert growth.loc[1926, "base"] < census.MIN_BASE
    assert pd.isna(growth.loc[1926, "percent_low"])
    assert growth.loc[1926, "change_low"] == 96453 - 42
    assert not pd.isna(growth.loc[1939, "percent_low"])
    shown = census.readable_growth(census.census_growth("kazakh-ssr"))
    assert "%" not in " ".join(shown["change (%)"])
    assert "base of 42" in shown["change (%)"][0]
    assert 1926 not in set(census.census_shares()["census_year"])


@pytest.mark.parametrize(
    ("territory", "year", "name"),
    [
        ("kazakh-ssr", 1926, "Kazakh ASSR"),
        ("kazakh-ssr", 1939, "Kazakh SSR"),
        ("kirghiz-ssr", 1926, "Kirghiz ASSR"),
        ("uzbek-ssr", 1926, "Uzbek SSR"),
    ],
)
def test_territory_is_named_as_it_was_at_the_census(territory: str, year: int, name: str) -> None:
    assert census.territory_name(territory, year) == name


def test_territory_label_gives_the_older_name_with_its_years() -> None:
    assert census.territory_label("kazakh-ssr", [1926, 1939]) == "Kazakh SSR (1926: Kazakh ASSR)"


def test_doubtful_values_are_flagged_and_dvk_1926_is_one_line_of_evidence() -> None:
    cells = census.census_cells().set_index(["census_year", "territory"])
    assert cells.loc[(1989, "rsfsr"), "doubtful"]
    assert cells.loc[(1989, "kazakh-ssr"), "low"] == 103315
    assert cells.loc[(1989, "kazakh-ssr"), "set_aside"] == [107000.0]
    assert not cells.loc[(1926, "dvk"), "confirmed"]
    grid = census.census_grid()
    assert "doubtful source" in grid.loc["rsfsr", "1989"]


def test_a_census_cell_with_only_a_lower_bound_keeps_it_apart_from_the_counts() -> None:
    cells = census.census_cells().set_index(["territory", "census_year"])
    assert cells.loc[("ussr", 1989), "at_least"] == 437000
    assert pd.isna(cells.loc[("ussr", 1989), "low"])  # no growth or share is computed from it
    assert pd.isna(cells.loc[("ussr", 1970), "at_least"])  # a cell with a count has no bound
    assert census.census_grid().loc["ussr", "1989"] == "≥ 437,000 (only a lower bound)"


def _points(ax) -> list[tuple[float, float]]:
    return [(x, y) for line in ax.lines for x, y in zip(*line.get_data(), strict=True)]


def test_a_range_chart_draws_one_dot_per_value_and_one_bar_per_range_on_its_own_row() -> None:
    from helpers.values import is_missing

    deaths = ledger.by_quantity("deaths")
    shown = deaths[deaths["kind"] != "rejected"]
    ax = ledger.range_chart(deaths, "Deaths", "persons").axes[0]
    dots = _points(ax)
    assert sorted(x for x, _ in dots) == sorted(v for v in shown["value"] if not is_missing(v))
    assert len({y for _, y in dots}) == len(dots)  # no two dots share a row
    ranges = shown.dropna(subset=["at_least", "at_most"])
    ranges = ranges[ranges["at_least"] != ranges["at_most"]]
    bars = [s for c in ax.collections for s in c.get_segments()]
    assert len(bars) == len(ranges)
    children = ax.get_children()  # drawn in this order within a zorder: bars under dots
    assert max(map(children.index, ax.collections)) < min(map(children.index, ax.lines))


def test_the_census_chart_marks_every_value_and_draws_the_set_aside_ones_last() -> None:
    cells = census.census_cells()
    fig = census.census_chart()
    marks = [p for ax in fig.axes if ax.get_visible() for p in _points(ax)]
    valued = cells.dropna(subset=["low"])
    divided = (valued["territory"] == "dvk") & (valued["census_year"] > census.dvk_divided())
    shown = len(valued[~divided])
    set_aside = sum(len(v) for v in valued["set_aside"])
    assert len(marks) >= shown + set_aside
    for ax in fig.axes:
        edges = [line.get_markeredgewidth() for line in ax.lines]
        if 1.5 in edges:  # the marks set aside (thick hollow circles) come after all others
            assert edges.index(1.5) == len(edges) - 1


def test_the_lineage_tree_links_are_one_artist_above_the_bands_and_below_the_labels() -> None:
    totals = ledger.by_quantity("persons_deported")
    ax = lineage.lineage_chart(totals[totals["kind"] != "rejected"], "Lineage").axes[0]
    (links,) = ax.collections
    table = lineage.tree(totals[totals["kind"] != "rejected"])
    least = sum(len(r.originals) for r in table.itertuples())
    assert len(links.get_segments()) >= least
    assert all(p.get_zorder() < links.get_zorder() for p in ax.patches)
    assert all(links.get_zorder() < t.get_zorder() for t in ax.texts)


def test_the_lineage_title_clears_the_column_names_on_top() -> None:
    from helpers import plotting

    totals = ledger.by_quantity("persons_deported")
    fig = lineage.lineage_chart(totals[totals["kind"] != "rejected"], "Lineage")
    (ax,) = fig.axes
    with plotting.style():
        plotting.fix_layout(fig)
        renderer = plotting.agg_canvas(fig).get_renderer()
        fig.draw_without_rendering()
        assert ax.title.get_window_extent(renderer).y0 >= ax.xaxis.get_tightbbox(renderer).y1
