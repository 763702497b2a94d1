"""The exercises of notebooks 01–04: each solution passes its checker, and each checker answers
``None``, a wrong shape and typical wrong answers with the right plain-English verdict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import bibliography, collation, ledger, lineage, lives, places, route
from helpers.exercises import notebooks as ex

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CHECKERS = [ex.check_raions, ex.check_rate_lines, ex.check_route_kzyl_orda, ex.check_accounts]


@pytest.mark.parametrize("check", CHECKERS)
def test_no_answer_yet_is_said_so(check) -> None:
    assert check(None).startswith("Not answered yet: set `answer` to a dict like {")


@pytest.mark.parametrize("check", CHECKERS)
def test_a_wrong_shape_is_explained_not_raised(check) -> None:
    assert check([1, 2]).startswith("Expected a dict like {")
    assert "got list" in check([1, 2])
    assert "lacks" in check({})


# Notebook 01: the raion lists of W1 and of the Politburo quotation.


def test_01_solution_passes() -> None:
    lists = collation.compare_raion_lists(collation.raions("w1"), collation.raions("p51wp"))
    answer = {"added": lists.added[0], "variant": lists.variants[0][0]}
    assert ex.check_raions(answer).startswith("Right: the quotation adds Grodekovskii raion")


def test_01_accepts_printed_forms_and_other_spellings() -> None:
    assert ex.check_raions({"added": "Гродековского", "variant": "Блюхерово"}).startswith("Right")
    assert ex.check_raions({"added": "grodekovo", "variant": "Blyukherovsky"}).startswith("Right")


def test_01_rejects_swapped_and_unchanged_raions() -> None:
    swapped = ex.check_raions({"added": "Bliukherovskii raion", "variant": "Grodekovskii raion"})
    assert swapped.startswith("Not quite: 0 of 2 right.")
    assert "printed in two forms: that is another form of the name, not an added raion" in swapped
    assert "in the quotation only: it is the added raion, not another form of a name" in swapped
    same = ex.check_raions({"added": "Pos'etskii raion", "variant": "Bliukherovskii"})
    assert same.startswith("Not quite: 1 of 2 right.")
    assert "printed alike in both lists" in same
    unknown = ex.check_raions({"added": "Moscow", "variant": "Bliukherovskii"})
    assert "I cannot find 'Moscow' in either list" in unknown


# Notebook 02: sources and lines of evidence behind the mortality rates.


def test_02_solution_passes_and_matches_reconcile() -> None:
    mortality = ledger.by_quantity("mortality_percent")
    answer = {"sources": mortality["source_id"].nunique(), "lines": lineage.count(mortality)}
    assert answer == ex.rate_lines()
    assert ex.check_rate_lines(answer).startswith("Right:")
    assert answer["lines"] < answer["sources"]


def test_02_rejects_counting_sources_or_single_lines_as_independent() -> None:
    want = ex.rate_lines()
    as_sources = ex.check_rate_lines({"sources": want["sources"], "lines": want["sources"]})
    assert as_sources.startswith("Not quite: 1 of 2 right.")
    assert "treats every source as its own line of evidence" in as_sources
    mortality = ledger.by_quantity("mortality_percent")
    singles = len({p for name in mortality["lineage"] for p in lineage.parts(name)})
    if singles not in (want["lines"], want["sources"]):
        verdict = ex.check_rate_lines({"sources": want["sources"], "lines": singles})
        assert "counts the single lines" in verdict
    assert "must be whole numbers" in ex.check_rate_lines({"sources": "many", "lines": 2})


# Notebook 03: Vladivostok to Kzyl-Orda, along the route and on the great circle.


def test_03_solution_passes() -> None:
    start, end = places.lookup("Владивосток"), places.lookup("Кзыл-Орда")
    along, direct = route.route_km(end), route.place_km(start, end)
    answer = {
        "route_km": round(along),
        "great_circle_km": round(direct),
        "percent_longer": round(100 * (along / direct - 1), 1),
    }
    assert ex.check_route_kzyl_orda(answer).startswith("Right: about ")
    assert along > direct


def test_03_rejects_the_shorter_percentage_and_swapped_distances() -> None:
    want = ex.route_measures()
    shorter = 100 * (1 - want["great_circle_km"] / want["route_km"])
    verdict = ex.check_route_kzyl_orda(
        {
            "route_km": want["great_circle_km"],
            "great_circle_km": want["route_km"],
            "percent_longer": shorter,
        }
    )
    assert verdict.startswith("Not quite: 0 of 3 right.")
    assert "you swapped the two" in verdict
    assert "how much shorter the great circle is than the route" in verdict


def test_03_names_another_destination() -> None:
    aralsk = route.route_km(places.lookup("Аральск"))
    want = ex.route_measures()
    verdict = ex.check_route_kzyl_orda(
        {"route_km": aralsk, "great_circle_km": want["great_circle_km"], "percent_longer": 0}
    )
    assert "Your route distance is the one to Aral'sk" in verdict
    assert "must be numbers" in ex.check_route_kzyl_orda(
        {"route_km": "far", "great_circle_km": 1, "percent_longer": 1}
    )


# Notebook 04: first-hand accounts of the journey, and the publication with most accounts.


def test_04_solution_passes() -> None:
    accounts = lives.accounts()
    first_hand = accounts[~accounts["second_hand"].astype(bool)]
    most = accounts["source_id"].value_counts().idxmax()
    answer = {
        "first_hand_journey": lives.count_with(first_hand, "journey"),
        "publication": bibliography.cite(most),
    }
    assert ex.check_accounts(answer).startswith("Right: ")
    assert ex.check_accounts(answer | {"publication": most}).startswith("Right: ")


def test_04_rejects_counting_second_hand_or_own_words() -> None:
    accounts = lives.accounts()
    want = ex.account_counts()
    label = bibliography.cite(sorted(want["publications"])[0])
    every = lives.count_with(accounts, "journey")
    verdict = ex.check_accounts({"first_hand_journey": every, "publication": label})
    assert verdict == "Not quite: 1 of 2 right. " + (
        "That counts every account of the journey, the second-hand ones too."
    )
    own = lives.count_with(accounts[accounts["seen"] == "own-words"], "journey")
    if own != want["first_hand_journey"]:
        verdict = ex.check_accounts({"first_hand_journey": own, "publication": label})
        assert "first-hand means told by the deportee" in verdict


def test_04_rejects_a_smaller_publication() -> None:
    want = ex.account_counts()
    counts = lives.accounts()["source_id"].value_counts()
    smaller = counts[counts < want["most"]].index[0]
    verdict = ex.check_accounts(
        {"first_hand_journey": want["first_hand_journey"], "publication": smaller}
    )
    assert "another publication holds more" in verdict
    assert smaller not in verdict  # the verdict cites the work, not its id


@pytest.mark.parametrize(
    ("notebook", "check"),
    [
        ("01_sources", "check_raions"),
        ("02_population", "check_rate_lines"),
        ("03_geography", "check_route_kzyl_orda"),
        ("04_lives", "check_accounts"),
    ],
)
def test_each_notebook_holds_the_exercise_in_its_stored_form(notebook: str, check: str) -> None:
    cells = json.loads((NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    text = ["".join(c["source"]) for c in cells]
    calls = [i for i, t in enumerate(text) if f"exercises.notebooks.{check}(answer)" in t]
    assert len(calls) == 2, "a starter and a solution"
    starter, solution = (cells[i] for i in calls)
    assert text[calls[0]].startswith("answer = None")
    assert text[calls[0] - 1].startswith(":::{exercise}")
    assert text[calls[0] + 1].startswith(":::{dropdown} Hint")
    assert text[calls[1] - 1].startswith(":::{solution-start}")
    assert solution["metadata"]["jupyter"]["source_hidden"] is True
    assert "hide-input" in starter["metadata"]["tags"]
    outputs = ["".join(o.get("text", "")) for o in solution["outputs"]]
    assert any(o.startswith("Right") for o in outputs)
