"""Checkers for the exercises of the content notebooks 01–04.

Each ``check_*`` function takes the learner's ``answer`` and returns a verdict in plain English:
``"Not answered yet: …"`` for ``None``, a description of the expected shape when the answer has
another shape, and otherwise which parts are right and why the others are not. The expected
answer is always computed from the project's data, never typed in here.
"""

from __future__ import annotations

import re
from typing import Any

from helpers import bibliography, collation, ledger, lineage, lives, places, route
from helpers.exercises.common import needs_keys
from helpers.translit import romanize
from helpers.values import fmt

#: The two witnesses whose raion lists the exercise of notebook 01 compares.
RAION_LISTS = ("w1", "p51wp")
#: The quantity whose lines of evidence the exercise of notebook 02 counts.
RATES = "mortality_percent"
#: Start and end of the distances measured in the exercise of notebook 03.
ROUTE_ENDS = ("st-vladivostok", "s-kzyl-orda")


def _number(value: Any) -> float | None:
    """``value`` as a number, or ``None`` if it is not one (``"1,234"`` counts as a number)."""
    if isinstance(value, bool):
        return None
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        return None


def _verdict(parts: list[tuple[bool, str]], success: str) -> str:
    """Join per-part verdicts: ``success`` when all are right, else the count and the reasons."""
    wrong = [text for right, text in parts if not right]
    if not wrong:
        return success
    return f"Not quite: {len(parts) - len(wrong)} of {len(parts)} right. " + " ".join(wrong)


def _fold(text: str) -> str:
    """Case-folded, apostrophes dropped, and the Latin spellings ``y``/``iu`` made alike."""
    text = re.sub(r"['ʹ’`]", "", str(text).casefold())
    return text.replace("yu", "iu").replace("ya", "ia").replace("y", "i")


def _root(nominative: str) -> str:
    """The stem of a raion's name: ``Гродековский район`` → ``Гродеков``; ``район имени Лазо``
    → ``Лазо``.
    """
    word = nominative.split()[-1] if nominative.startswith("район") else nominative.split()[0]
    return re.sub(r"ский$", "", word)


def _which_raion(text: Any, names: list[str]) -> str | None:
    """The raion of ``names`` (nominatives) that ``text`` names, in Cyrillic or Latin letters."""
    folded = _fold(text)
    hits = [n for n in names if _fold(_root(n)) in folded or _fold(romanize(_root(n))) in folded]
    return max(hits, key=lambda n: len(_root(n))) if hits else None


def raion_comparison() -> collation.RaionComparison:
    """The comparison the exercise of notebook 01 asks for: W1 against the Politburo quotation."""
    return collation.compare_raion_lists(*(collation.raions(s) for s in RAION_LISTS))


def _raion_part(given: Any, wanted: str, found: collation.RaionComparison) -> tuple[bool, str]:
    """Judge one raion named by the learner as the ``wanted`` kind (``added`` or ``variant``)."""
    kinds = {n: "added" for n in found.added} | {n: "missing" for n in found.missing}
    kinds |= {n: "variant" for n, _, _ in found.variants} | {n: "same" for n in found.same}
    raion = _which_raion(given, list(kinds))
    if raion is None:
        return False, (
            f"I cannot find {given!r} in either list: copy the raion's name from the first "
            "column of the table (Latin or Cyrillic letters)."
        )
    name = places.name_1937(places.lookup(raion))
    kind = kinds[raion]
    if kind == wanted:
        return True, ""
    why = {
        "added": f"{name} is in the quotation only: it is the added raion, "
        "not another form of a name.",
        "variant": f"{name} is in both lists, printed in two forms: "
        "that is another form of the name, not an added raion.",
        "same": f"{name} is printed alike in both lists, so it is neither added nor a variant.",
        "missing": f"{name} is in W1 only: the quotation leaves it out rather than adding it.",
    }
    return False, why[kind]


def check_raions(answer: Any) -> str:
    """Check the exercise of notebook 01: which raion the Politburo quotation adds to W1's list,
    and which raion the two lists print in two spellings.

    ``answer`` is ``{"added": name, "variant": name}``; names may be given in Latin or Cyrillic
    letters, in any case form the lists print.
    """
    problem = needs_keys(answer, ("added", "variant"), '{"added": "...", "variant": "..."}')
    if problem:
        return problem
    found = raion_comparison()
    parts = [
        _raion_part(answer["added"], "added", found),
        _raion_part(answer["variant"], "variant", found),
    ]
    added = ", ".join(places.name_1937(places.lookup(n)) for n in found.added)
    variant = ", ".join(places.name_1937(places.lookup(n)) for n, _, _ in found.variants)
    return _verdict(
        parts,
        f"Right: the quotation adds {added}; {variant} is the same raion, named once by an "
        "adjective and once by its centre.",
    )


def rate_lines() -> dict[str, int]:
    """The counts the exercise of notebook 02 asks for: sources and independent lines of
    evidence behind the mortality rates in the ledger.
    """
    row = ledger.reconcile(ledger.by_quantity(RATES)).iloc[0]
    return {"sources": int(row["sources"]), "lines": int(row["lineages"])}


def _lines_reason(given: float, rates: Any) -> str:
    """Why ``given`` is not the number of independent lines of evidence behind ``rates``."""
    labels = set(rates["lineage"])
    singles = {p for label in labels for p in lineage.parts(label)}
    if given == rates["source_id"].nunique():
        return "That is the number of sources: it treats every source as its own line of evidence."
    if given == len(labels):
        return (
            f"{fmt(given)} counts every lineage label; a joined label (with a '+') shares its "
            "parts with the others, and lineages that share a part count as one."
        )
    if given == len(singles):
        return (
            f"{fmt(given)} counts the single lines; but a source that joins two of them ties "
            "them together, so they cannot count as independent."
        )
    return f"{fmt(given)} is not the number of lines: count the copies of one original once."


def check_rate_lines(answer: Any) -> str:
    """Check the exercise of notebook 02: how many sources give a mortality rate, and on how
    many independent lines of evidence the rates rest.

    ``answer`` is ``{"sources": n, "lines": n}``.
    """
    problem = needs_keys(answer, ("sources", "lines"), '{"sources": 0, "lines": 0}')
    if problem:
        return problem
    want, rates = rate_lines(), ledger.by_quantity(RATES)
    sources, lines = _number(answer["sources"]), _number(answer["lines"])
    if sources is None or lines is None:
        return "Both values must be whole numbers, e.g. {'sources': 3, 'lines': 2}."
    parts = [
        (
            sources == want["sources"],
            f"{fmt(sources)} is not the number of sources: count each "
            "distinct source of the mortality rates once.",
        ),
        (lines == want["lines"], "" if lines == want["lines"] else _lines_reason(lines, rates)),
    ]
    return _verdict(
        parts,
        f"Right: {fmt(want['sources'])} sources, but only {fmt(want['lines'])} independent lines "
        "of evidence: some of them copy or combine the same originals.",
    )


def route_measures() -> dict[str, float]:
    """The measures the exercise of notebook 03 asks for, Vladivostok to Kzyl-Orda: along the
    schematic route, along the great circle, and how many per cent longer the route is.
    """
    along, direct = route.route_km(ROUTE_ENDS[1]), route.place_km(*ROUTE_ENDS)
    return {
        "route_km": along,
        "great_circle_km": direct,
        "percent_longer": 100 * (along / direct - 1),
    }


def _km_part(given: float, want: float, other: float, what: str) -> tuple[bool, str]:
    """Judge a distance within 1 %: say when it is the other measure or another destination's."""
    if abs(given - want) <= want / 100:
        return True, ""
    if abs(given - other) <= other / 100:
        return False, f"Your {what} distance is the other measure: you swapped the two."
    for end in ("s-ush-tobe", "s-tashkent", "s-aralsk"):
        for km in (route.route_km(end), route.place_km(ROUTE_ENDS[0], end)):
            if abs(given - km) <= km / 100:
                return False, f"Your {what} distance is the one to {places.name_1937(end)}."
    return False, f"{fmt(round(given))} km is not the {what} distance to Kzyl-Orda."


def _percent_part(given: float, want: dict[str, float]) -> tuple[bool, str]:
    """Judge the percentage, within one point, and name the usual slips."""
    ratio = want["route_km"] / want["great_circle_km"]
    if abs(given - want["percent_longer"]) <= 1:
        return True, ""
    if abs(given - 100 * (1 - 1 / ratio)) <= 1:
        return False, (
            "Your percentage says how much shorter the great circle is than the route; the "
            "question asks how much longer the route is, so divide by the great circle."
        )
    if abs(given - 100 * ratio) <= 1:
        return False, "Your percentage is the route as a share of the great circle: subtract 100."
    return False, f"{given:g} % is not how much longer the route is than the great circle."


def check_route_kzyl_orda(answer: Any) -> str:
    """Check the exercise of notebook 03: the distance from Vladivostok to Kzyl-Orda along the
    schematic route and along the great circle, and how many per cent longer the route is.

    ``answer`` is ``{"route_km": km, "great_circle_km": km, "percent_longer": percent}``;
    distances are accepted within 1 %, the percentage within one point.
    """
    keys = ("route_km", "great_circle_km", "percent_longer")
    problem = needs_keys(answer, keys, '{"route_km": 0, "great_circle_km": 0, "percent_longer": 0}')
    if problem:
        return problem
    given = {k: _number(answer[k]) for k in keys}
    if any(v is None for v in given.values()):
        return "All three values must be numbers (kilometres and a percentage), without units."
    want = route_measures()
    parts = [
        _km_part(given["route_km"], want["route_km"], want["great_circle_km"], "route"),
        _km_part(
            given["great_circle_km"], want["great_circle_km"], want["route_km"], "great-circle"
        ),
        _percent_part(given["percent_longer"], want),
    ]
    return _verdict(
        parts,
        f"Right: about {fmt(round(want['route_km']))} km along the route against "
        f"{fmt(round(want['great_circle_km']))} km on the great circle, so the route is about "
        f"{round(want['percent_longer'])} % longer.",
    )


def account_counts() -> dict[str, Any]:
    """The answers the exercise of notebook 04 asks for: how many accounts are first-hand and
    tell of the journey, and which publications hold the most accounts (a set: there may be a
    tie), with how many.
    """
    table = lives.accounts()
    first_hand = table[~table["second_hand"].astype(bool)]
    per_source = table["source_id"].value_counts()
    return {
        "first_hand_journey": lives.count_with(first_hand, "journey"),
        "publications": set(per_source[per_source == per_source.max()].index),
        "most": int(per_source.max()),
    }


def _count_part(given: float, want: int) -> tuple[bool, str]:
    """Judge the count of first-hand accounts of the journey, naming the usual slips."""
    if given == want:
        return True, ""
    table = lives.accounts()
    slips = {
        lives.count_with(table, "journey"): "That counts every account of the journey, the "
        "second-hand ones too.",
        lives.count_with(table[table["seen"] == "own-words"], "journey"): "That counts the "
        "accounts in the teller's own words; first-hand means told by the deportee, however "
        "much of their words the text gives.",
        int((~table["second_hand"].astype(bool)).sum()): "That counts every first-hand account; "
        "keep only those that tell of the journey.",
    }
    return False, slips.get(
        int(given), f"{fmt(given)} is not the number of first-hand accounts of the journey."
    )


def _publication_part(given: Any, want: dict[str, Any]) -> tuple[bool, str]:
    """Judge the publication, given by its id or by its author–date label."""
    per_source = lives.accounts()["source_id"].value_counts()
    names = {s.casefold(): s for s in per_source.index}
    names |= {bibliography.cite(s).casefold(): s for s in per_source.index}
    source = names.get(str(given).strip().casefold())
    if source is None:
        return False, (
            f"I cannot find {given!r} among the publications of the accounts: give its label as "
            "the Sources table cites it (author and year) or its value in the accounts table."
        )
    if source in want["publications"]:
        return True, ""
    return False, (
        f"{bibliography.cite(source)} holds {fmt(per_source[source])} of the accounts; another "
        "publication holds more."
    )


def check_accounts(answer: Any) -> str:
    """Check the exercise of notebook 04: how many accounts are told first-hand and tell of the
    journey, and which publication holds the most accounts.

    ``answer`` is ``{"first_hand_journey": n, "publication": label or id}``.
    """
    example = '{"first_hand_journey": 0, "publication": "..."}'
    problem = needs_keys(answer, ("first_hand_journey", "publication"), example)
    if problem:
        return problem
    count = _number(answer["first_hand_journey"])
    if count is None:
        return "The value of 'first_hand_journey' must be a whole number."
    want = account_counts()
    parts = [
        _count_part(count, want["first_hand_journey"]),
        _publication_part(answer["publication"], want),
    ]
    labels = " and ".join(sorted(bibliography.cite(s) for s in want["publications"]))
    return _verdict(
        parts,
        f"Right: {fmt(want['first_hand_journey'])} first-hand accounts tell of the journey, and "
        f"{labels} holds the most accounts ({fmt(want['most'])}).",
    )
