"""Checkers and solvers for the historical-statistics exercises of the methods seminar
(``notebooks/05_seminar.ipynb``): testing a claim of the secondary account against the ledger, a
derived ratio with its range, and the Chirchik sum check. See :mod:`helpers.exercises.seminar`
for the conventions of checkers.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from helpers import data, ledger
from helpers.exercises.common import needs_keys
from helpers.exercises.seminar import number, verdict
from helpers.values import fmt

# --------------------------------------------------------------------------------------------
# 2a. Test a claim of the account; persons per family

#: The claim of the secondary account tested (its number in ``seed_claims.csv``), and the
#: ledger's counts it is tested against and the inputs of the ratio (persons, families).
ACCOUNT_CLAIM = 4
PERSONS, FAMILIES = "persons_deported", "families_deported"
COUNT_KINDS = ("recorded", "derived")
#: Yezhov's persons and families (as Pohl and livebooks quote his report): the ratio's inputs.
YEZHOV_RATIO = ("c-deported-total-pohl", "c-families-total-livebooks")


def account_claim() -> dict[str, Any]:
    """The account's claim: its words, the verdict of the project and the figure it prints."""
    row = data.load("seed_claims").set_index("claim_no").loc[ACCOUNT_CLAIM]
    figure = re.search(r"\d{1,3}(?:,\d{3})+", row["claim_en"])
    if figure is None:
        raise ValueError(f"claim {ACCOUNT_CLAIM} of the account prints no figure")
    return {
        "words": row["claim_en"],
        "verdict": row["verdict"],
        "figure": float(figure.group().replace(",", "")),
    }


def counts(quantity: str) -> list[float]:
    """The distinct figures of ``quantity`` that the ledger holds as counts or sums of counts."""
    claims = data.load("claims")
    chosen = claims[(claims["quantity"] == quantity) & claims["kind"].isin(COUNT_KINDS)]
    return sorted({float(v) for v in chosen["value"].dropna()})


def count_sources(quantity: str) -> int:
    """How many sources state ``quantity`` as a count (or a figure computed from counts)."""
    claims = data.load("claims")
    chosen = claims[(claims["quantity"] == quantity) & claims["kind"].isin(COUNT_KINDS)]
    return chosen["source_id"].nunique()


def solve_account() -> dict[str, Any]:
    """The solution: the count the claim fits, persons per family with its range over the
    sources' counts, and the weaker input (the one fewer sources state as a count).
    """
    above = [c for c in counts(PERSONS) if c > account_claim()["figure"]]
    per_family = ledger.ratio(*YEZHOV_RATIO)["ratio"]
    ratios = [p / f for p in counts(PERSONS) for f in counts(FAMILIES)]
    weakest = min((PERSONS, FAMILIES), key=count_sources)
    return {
        "fits": above[0] if len(above) == 1 else None,
        "per_family": per_family,
        "low": min(ratios),
        "high": max(ratios),
        "weakest": "families" if weakest == FAMILIES else "persons",
    }


def _close(given: Any, wanted: float, tolerance: float, what: str) -> tuple[bool, str]:
    value = number(given)
    if value is None:
        return False, f"{what} should be a number."
    if abs(value - wanted) <= tolerance:
        return True, ""
    return False, f"{what} is {value:,.2f}; the ledger's figures give {wanted:,.2f}."


def check_account(answer: Any) -> str:
    """Check the count the claim fits, the ratio and its range (±0.01), and the weakest input."""
    example = '{"fits": 0, "per_family": 0.0, "low": 0.0, "high": 0.0, "weakest": "persons"}'
    shape = needs_keys(answer, ("fits", "per_family", "low", "high", "weakest"), example)
    if shape:
        return shape
    want = solve_account()
    fits = number(answer["fits"]) == want["fits"]
    weakest = str(answer["weakest"]).strip().lower().rstrip("s") == want["weakest"].rstrip("s")
    parts = [
        (fits, f"Only {fmt(want['fits'])} is more than {fmt(account_claim()['figure'])}."),
        _close(answer["per_family"], want["per_family"], 0.01, "Persons per family"),
        _close(answer["low"], want["low"], 0.01, "The lowest ratio"),
        _close(answer["high"], want["high"], 0.01, "The highest ratio"),
        (weakest, f"The weaker input is the {want['weakest']}: fewer sources state it."),
    ]
    return verdict(parts, "Right: the claim fits only the grand total, and the ratio is sound.")


# --------------------------------------------------------------------------------------------
# 2b. The Chirchik sum check

#: Words that name each figure of the Chirchik checks in an explanation (any one will do).
QUANTITY_WORDS = {
    "persons_arrived": ("arriv",),
    "persons_housed": (r"(?<!un)housed", r"(?<!without )housing"),
    "persons_without_housing": ("without housing", "unhoused", "no housing", "deficit"),
    "persons_expected": ("expect", "plan", "yet to arrive", "still to arrive"),
}


def failing_checks() -> pd.DataFrame:
    """The sum checks whose parts do not add up to their total."""
    checks = ledger.check_sums()
    return checks[~checks["holds"].astype(bool)].reset_index(drop=True)


def solve_chirchik() -> dict[str, Any]:
    """The solution: the gap of the failing checks, with an explanation naming their figures."""
    gaps = sorted({abs(float(d)) for d in failing_checks()["difference"]})
    gap = fmt(gaps[0])
    return {
        "difference": gaps[0] if len(gaps) == 1 else gaps,
        "explanation": (
            f"The housed and those without housing add up to {gap} fewer than the arrived;"
            f" the arrived and those still expected add up to {gap} more than the plan. Both"
            f" gaps vanish if the arrived figure were {gap} smaller, so it is the one to suspect."
        ),
    }


def _named(explanation: str, check_id: str) -> list[str]:
    """The figures of one check that ``explanation`` does not name (their quantities)."""
    row = data.row("checks", check_id)
    ids = [row["total_claim_id"], *row["part_claim_ids"].split(";")]
    quantities = [ledger.claim(i)["quantity"] for i in ids]
    text = explanation.lower()
    words = [QUANTITY_WORDS.get(q, (q,)) for q in quantities]
    return [
        q for q, w in zip(quantities, words, strict=True) if not any(re.search(p, text) for p in w)
    ]


def check_chirchik(answer: Any) -> str:
    """Check the gap (computed from the data) and that the explanation names the total and the
    parts of a failing check.
    """
    example = '{"difference": 0, "explanation": "…"}'
    shape = needs_keys(answer, ("difference", "explanation"), example)
    if shape:
        return shape
    failing = failing_checks()
    gaps = {abs(float(d)) for d in failing["difference"]}
    given = number(answer["difference"])
    gap_ok = given is not None and abs(given) in gaps
    unnamed = [_named(str(answer["explanation"]), c) for c in failing["check_id"]]
    best = min(unnamed, key=len)
    parts = [
        (gap_ok, f"The parts miss their totals by {' or '.join(fmt(g) for g in sorted(gaps))}."),
        (
            not best,
            "The explanation should name the total and both parts of a check; it does not name: "
            + ", ".join(q.replace("persons_", "").replace("_", " ") for q in best)
            + ".",
        ),
    ]
    return verdict(parts, f"Right: the gap is {fmt(min(gaps))}, and you named its figures.")
