"""The checkers of the methods seminar (notebooks/05_seminar.ipynb): every solution (the logic of
the notebook's solution cells) passes its checker, and each checker rejects wrong answers with
the right message and says "Not answered yet" for the empty starter.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import data, places
from helpers.exercises import seminar, seminar_gis, seminar_stats


@pytest.mark.parametrize(
    "check",
    [
        seminar.check_variants,
        seminar.check_lineages,
        seminar_stats.check_account,
        seminar_stats.check_chirchik,
        seminar_gis.check_place,
        seminar_gis.check_projections,
    ],
)
def test_unanswered_and_wrong_shape(check):
    assert check(None).startswith("Not answered yet:")
    assert check("a string").startswith("Expected a dict")


def test_variants():
    assert seminar.check_variants(seminar.solve_variants()).startswith("Right")
    wrong = seminar.solve_variants() | {3: "wording"}
    message = seminar.check_variants(wrong)
    assert message.startswith("8 of 9 variants right")
    assert "Variant 3 is spelling, not wording" in message
    assert "Use only these classes" in seminar.check_variants(dict.fromkeys(range(1, 10), "typo"))
    assert "have no class yet" in seminar.check_variants({1: "editorial"})


def test_variant_rules_and_key():
    assert seminar.rule_class(("все", "(not attested)", "всё")) == "spelling"
    assert seminar.rule_class(("ВКП(б),", ",")) == "omission"
    assert seminar.rule_class((".", "…")) == "editorial"
    assert seminar.rule_class(("собой", "собою")) is None  # needs the answer key
    assert {cls for cls, _ in seminar.expected_classes().values()} <= set(seminar.CLASSES)


def test_lineages():
    solution = seminar.solve_lineages()
    assert seminar.check_lineages(solution).startswith("Right")
    wrong = solution | {3: "A"}
    message = seminar.check_lineages(wrong)
    assert message.startswith("7 of 8 rows right")
    assert "Row 3 rests on none named" in message
    table = seminar.lineage_rows()
    assert not table["note"].str.contains("Status:|c-[a-z]+-", regex=True).any()


def test_account():
    solution = seminar_stats.solve_account()
    assert seminar_stats.check_account(solution).startswith("Right")
    assert solution["low"] <= solution["per_family"] <= solution["high"]
    message = seminar_stats.check_account(solution | {"fits": 171781, "weakest": "persons"})
    assert message.startswith("3 of 5 parts right")
    assert "Only 172,597 is more than 172,000" in message
    assert "weaker input is the families" in message
    assert "lacks 'low', 'high', 'weakest'" in seminar_stats.check_account(
        {"fits": 1, "per_family": 1}
    )


def test_chirchik():
    solution = seminar_stats.solve_chirchik()
    assert seminar_stats.check_chirchik(solution).startswith("Right: the gap is 84")
    message = seminar_stats.check_chirchik({"difference": 42, "explanation": "the unhoused"})
    assert "miss their totals by 84" in message
    assert "does not name: arrived, housed" in message


@pytest.fixture
def copy_with_place(tmp_path: Path):
    """The data copied to a temporary folder with the seminar's place added, made current."""
    shutil.copytree(data.data_dir(), tmp_path / "data")
    seminar_gis.append_place(tmp_path / "data")
    before = os.environ.get(data.ENV_VAR)
    os.environ[data.ENV_VAR] = str(tmp_path / "data")
    data.clear_cache()
    yield tmp_path / "data"
    if before is None:
        del os.environ[data.ENV_VAR]
    else:
        os.environ[data.ENV_VAR] = before
    data.clear_cache()


def test_place(copy_with_place):
    assert data.problems("gazetteer") == []
    solution = seminar_gis.solve_place()
    assert seminar_gis.check_place(solution).startswith("Right")
    message = seminar_gis.check_place(solution | {"nearest_station": "st-arys", "route_km": 1})
    assert message.startswith("1 of 3 parts right")
    assert "The nearest station is Tashkent" in message
    fig = seminar_gis.place_map()
    assert fig.axes


def test_place_outside_the_copy():
    assert seminar_gis.NEW_ID not in set(places.gazetteer()["id"])
    answer = {"place_id": seminar_gis.NEW_ID, "great_circle_km": 1, "nearest_station": "x"}
    message = seminar_gis.check_place(answer | {"route_km": 1})
    assert "is not in the gazetteer being read" in message


def test_projections():
    solution = seminar_gis.solve_projections()
    assert seminar_gis.check_projections(solution).startswith("Right")
    assert solution["albers_km"] < solution["geodesic_km"] < solution["mercator_km"]
    message = seminar_gis.check_projections({"ratio": 1.0, "explanation": "it is bigger"})
    assert message.startswith("0 of 3 parts right")
    assert "Mercator is conformal, Albers equal-area" in message
