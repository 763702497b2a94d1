"""Checkers and solvers for the methods seminar (``notebooks/05_seminar.ipynb``): the shared
helpers and the source-criticism exercises. Statistics: :mod:`helpers.exercises.seminar_stats`;
GIS: :mod:`helpers.exercises.seminar_gis`.

Each ``check_*`` takes the learner's ``answer`` and returns a verdict in plain English: "Not
answered yet: …" for ``None``, the expected shape for an answer of another shape, else what is
right and why the rest is not. Expected answers are computed from ``data/``; the one table typed
here, :data:`ANSWER_KEY`, is the instructor's classification of the variants no rule can
classify, each with its reason. Each ``solve_*`` is the logic of the notebook's solution cells.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from helpers import bibliography, collation, data, ledger, lineage
from helpers.exercises.common import NOT_ANSWERED
from helpers.values import fmt, is_missing

# --------------------------------------------------------------------------------------------
# Shared


def number(value: Any) -> float | None:
    """``value`` as a float, or None if it is not a number (booleans are not numbers)."""
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def verdict(parts: list[tuple[bool, str]], success: str, noun: str = "parts") -> str:
    """``success`` if every part is right, else how many are right and what is wrong."""
    wrong = [message for ok, message in parts if not ok]
    if not wrong:
        return success
    return f"{len(parts) - len(wrong)} of {len(parts)} {noun} right. " + " ".join(wrong)


def _numbered(answer: Any, count: int, what: str) -> dict[int, str] | str:
    """A learner's ``{1: "x", …}`` (int or digit-string keys) normalised, or the message."""
    example = '{1: "…", 2: "…"}'
    if answer is None:
        return f"{NOT_ANSWERED}set `answer` to a dict {example} with one {what} per row."
    if not isinstance(answer, dict):
        return f"Expected a dict {example}, one {what} per row; got {type(answer).__name__}."
    given = {int(k): str(v).strip() for k, v in answer.items() if str(k).strip().isdigit()}
    missing = [n for n in range(1, count + 1) if n not in given]
    if missing:
        return f"Rows {', '.join(map(str, missing))} have no {what} yet (1 to {count})."
    return given


# --------------------------------------------------------------------------------------------
# 1a. Collation: classify the variants of a further witness

#: The witnesses collated (W1, W2 and the Politburo-decision quotation) and the points read.
SIGLA = ["w1", "w2", "p51ch"]
CLAUSES = ["1", "2", "3"]
CLASSES = ("spelling", "omission", "editorial", "numbering", "wording")

#: The instructor's key for the variants the rules of :func:`rule_class` cannot classify, next
#: to their readings (clause, then W1, W2, P51ch as the collation prints them): class and why.
ANSWER_KEY: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {
    ("2", ("-му", "-му", "—")): (
        "spelling",
        "«к 1-му января» and «к 1 января» are the same date; only the way the ordinal is"
        " written differs, no word is lost",
    ),
    ("3", ("п", "при переселении брать с", "при переселении брать с")): (
        "omission",
        "W1 breaks off inside the word «при»: the rest of the point is missing from that copy,"
        " while W2 and P51ch agree",
    ),
    ("3", ("(not attested)", "собой", "собою")): (
        "spelling",
        "«собой» and «собою» are two forms of the same word (with oneself); the meaning is"
        " unchanged",
    ),
}

#: Why a rule gives its class (shown when a learner's class differs).
RULE_REASONS = {
    "editorial": "an ellipsis or a guillemet is a mark of the quoting author, not of the decree",
    "spelling": "the readings differ only in ё/е, letter case or punctuation",
    "omission": "one witness has no word where another has one",
    "numbering": "only the number of the point differs",
}
_EDITORIAL = re.compile(r"[…«»]")
_NUMBERING = re.compile(r"^\d+[.)]?$")


def _letters(reading: str) -> str:
    return re.sub(r"[^\w]", "", reading.lower().replace("ё", "е").replace("—", ""))


def rule_class(readings: tuple[str, ...]) -> str | None:
    """The class of a variant by rule, or None: an ellipsis or guillemet is an editor's mark
    (editorial); readings equal once case, ё and punctuation are set aside differ in spelling;
    a reading with no letters beside one with letters is an omission; point numbers alone,
    numbering. Places a witness does not attest are left out.
    """
    read = [r for r in readings if r != "(not attested)"]
    if any(_EDITORIAL.search(r) for r in read):
        return "editorial"
    letters = {_letters(r) for r in read}
    if len(letters) == 1:
        return "spelling"
    if "" in letters:
        return "omission"
    if all(_NUMBERING.match(r) for r in read if r != "—"):
        return "numbering"
    return None


def collation_variants() -> pd.DataFrame:
    """The variants of points 1–3 in W1, W2 and P51ch, numbered from 1 (``clause``, one column
    per witness).
    """
    return collation.variants_by_clause(CLAUSES, SIGLA)


def expected_classes() -> dict[int, tuple[str, str]]:
    """Each variant's class and the reason: the answer key first, then the rules."""
    table = collation_variants()
    out = {}
    for n, row in table.iterrows():
        clause = row["clause"].removeprefix("point ")
        readings = tuple(row[s.upper()] for s in SIGLA)
        if (clause, readings) in ANSWER_KEY:
            out[int(n)] = ANSWER_KEY[(clause, readings)]
            continue
        found = rule_class(readings)
        if found is None:
            raise LookupError(f"variant {n} {readings} needs a row in ANSWER_KEY")
        out[int(n)] = (found, RULE_REASONS[found])
    return out


def solve_variants() -> dict[int, str]:
    """The solution: every variant classified."""
    return {n: cls for n, (cls, _) in expected_classes().items()}


def check_variants(answer: Any) -> str:
    """Compare a ``{variant number: class}`` dict with the key."""
    expected = expected_classes()
    given = _numbered(answer, len(expected), "class")
    if isinstance(given, str):
        return given
    unknown = sorted({v for v in given.values() if v.lower() not in CLASSES})
    if unknown:
        return f"Use only these classes: {', '.join(CLASSES)} (not {', '.join(unknown)})."
    parts = [
        (given[n].lower() == cls, f"Variant {n} is {cls}, not {given[n].lower()} ({why}).")
        for n, (cls, why) in expected.items()
    ]
    success = f"Right: all {len(expected)} variants classified as in the key."
    return verdict(parts, success, "variants")


# --------------------------------------------------------------------------------------------
# 1b. Lineages: who copies whom

#: The claims of the exercise (the instructor's selection; their figures come from the ledger).
LINEAGE_CLAIMS = (
    "c-deported-total-livebooks",
    "c-rounded-enwiki",
    "c-rounded-naimark",
    "c-deported-grand-chang",
    "c-deported-total-liquisearch",
    "c-rounded-kommersant",
    "c-rounded-ruwiki",
    "c-rounded-memoryofrepression",
)
_OWN_LINE = "none named in the source read: a line of its own"
_NOTE_WORDS = {"at_most": "an upper bound", "at_least": "a lower bound"}


def _origin(lineage_name: str) -> str:
    documents = lineage.original_documents(lineage_name)
    return " and ".join(lineage.label(d) for d in documents) or _OWN_LINE


def lineage_options() -> dict[str, str]:
    """The answer options: a letter per original document (or set of them) the claims rest on."""
    claims = data.load("claims").set_index("claim_id").loc[list(LINEAGE_CLAIMS)]
    origins = sorted({_origin(x) for x in claims["lineage"]}, key=lambda o: (o == _OWN_LINE, o))
    return {chr(ord("A") + i): origin for i, origin in enumerate(origins)}


def _note(text: Any) -> str:
    if is_missing(text):
        return ""
    text = re.sub(r"\s*Status:.*$", "", str(text))
    text = re.sub(r"\s*\(see c-[\w-]+\)", "", text)
    for word, words in _NOTE_WORDS.items():
        text = text.replace(word, words)
    return text


def lineage_rows() -> pd.DataFrame:
    """The claims of the exercise for learners: who, the figure as stated, the words quoted,
    what the source names as its own source, and the ledger's note.
    """
    claims = data.load("claims").set_index("claim_id")
    rows = []
    for claim_id in LINEAGE_CLAIMS:
        r = claims.loc[claim_id]
        figure = fmt(r["value"]) if is_missing(r["at_least"]) and is_missing(r["at_most"]) else ""
        copies = [i for i in str(r["derived_from"] or "").split(";") if i and i != r["source_id"]]
        rows.append(
            {
                "source": bibliography.cite(r["source_id"]),
                "figure": figure or ledger.bounds_text(r["at_least"], r["at_most"]),
                "words quoted": "" if is_missing(r["quote"]) else r["quote"],
                "it copies": "; ".join(lineage.label(i) for i in copies) or "nothing named",
                "note": _note(r["note"]),
            }
        )
    table = pd.DataFrame(rows)
    table.index = range(1, len(table) + 1)
    table.index.name = "row"
    return table


def solve_lineages() -> dict[int, str]:
    """The solution: each row's letter, from the ledger's ``lineage`` column."""
    letters = {origin: letter for letter, origin in lineage_options().items()}
    claims = data.load("claims").set_index("claim_id")
    return {n: letters[_origin(claims.loc[c, "lineage"])] for n, c in enumerate(LINEAGE_CLAIMS, 1)}


def check_lineages(answer: Any) -> str:
    """Compare a ``{row: letter}`` dict with the lineages of the ledger."""
    expected, options = solve_lineages(), lineage_options()
    given = _numbered(answer, len(expected), "letter")
    if isinstance(given, str):
        return given
    parts = [
        (
            given[n].upper() == letter,
            f"Row {n} rests on {options[letter]} ({letter}), not {given[n].upper()}.",
        )
        for n, letter in expected.items()
    ]
    success = f"Right: all {len(expected)} claims sorted into their lines of evidence."
    return verdict(parts, success, "rows")
