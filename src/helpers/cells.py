"""Check and convert one cell against its Table Schema field (and the project's ``x-`` rules).

:func:`parse` returns the typed value and the problems found; a bad cell's value is ``None`` so
that every other cell can still be checked. Text is refused when it hides something from a
reader: control characters, invisible (zero-width) or direction-changing (bidi) characters, bytes
that were not UTF-8, and words that mix Latin and Cyrillic look-alike letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from helpers import dates

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LETTERS = r"[A-Za-z0-9\u00c0-\u024f\u0400-\u04ff]+"
#: A word: letters and digits, joined by hyphens or apostrophes (``c-one``, ``Primor'ye``).
_WORD = re.compile(rf"{_LETTERS}(?:[-'’]{_LETTERS})*")
#: Any character one of the checks below would refuse (a fast first look).
_SUSPECT = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffd]"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_URL = re.compile(r"https?://[^\s\"'<>\\^`{|}]+")
_TAGGED = re.compile(r"[^;@]+@[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
#: The largest integer a table may hold (pandas stores integers in 64 bits).
INT_LIMIT = 2**63 - 1


@lru_cache(maxsize=1 << 16)
def text_problem(value: str) -> str | None:
    """Say why ``value`` cannot stand as text for readers (``None`` if it can)."""
    if not _SUSPECT.search(value):
        return None if value.isascii() else _mixed_word(value)
    checks = (
        (_CONTROL, "a control character"),
        (_INVISIBLE, "an invisible (zero-width) character"),
        (_BIDI, "a bidirectional-control character"),
    )
    for pattern, what in checks:
        found = pattern.search(value)
        if found:
            return f"contains {what} (U+{ord(found.group()):04X}); remove it"
    if "\ufffd" in value:
        return "contains bytes that are not UTF-8 (shown as U+FFFD); save the file as UTF-8"
    return _mixed_word(value)


_ROMAN = re.compile(r"[IVXLCDM]+")
_JOINER = re.compile(r"[-'’]")


def _both_scripts(text: str) -> bool:
    return bool(_LATIN.search(text) and _CYRILLIC.search(text))


def _mixed_word(value: str) -> str | None:
    if not _both_scripts(value):
        return None  # no word can mix two scripts that the text does not both hold
    for word in _WORD.findall(value):
        if not _both_scripts(word):
            continue
        # A Roman numeral joined to a Cyrillic name (АИРО-XX) is written so, not a look-alike.
        parts = [p for p in _JOINER.split(word) if not _ROMAN.fullmatch(p)]
        if _both_scripts("-".join(parts)):
            return f"the word {word!r} mixes Latin and Cyrillic letters (look-alikes?)"
    return None


def _integer(value: str) -> tuple[Any, str | None]:
    if not _INTEGER.fullmatch(value):
        return None, f"'{value}' is not an integer (digits 0-9 only, no separators or exponent)"
    number = int(value)
    if abs(number) > INT_LIMIT:
        return None, f"{value} is too large to store"
    return number, None


def _number(value: str) -> tuple[Any, str | None]:
    if not _NUMBER.fullmatch(value):
        return None, f"'{value}' is not a number (digits 0-9 and one '.', no exponent)"
    number = float(value)
    if number in (float("inf"), float("-inf")):
        return None, f"{value[:20]}… is too large to store"
    return number, None


def _boolean(value: str) -> tuple[Any, str | None]:
    if value not in ("true", "false"):
        return None, f"'{value}' is not a boolean (true or false)"
    return value == "true", None


def _string(value: str) -> tuple[Any, str | None]:
    return value, None


_PARSERS: dict[str, Callable[[str], tuple[Any, str | None]]] = {
    "integer": _integer,
    "year": _integer,
    "number": _number,
    "boolean": _boolean,
    "string": _string,
}


#: The field types a table may declare.
TYPES = tuple(_PARSERS)


def _constraint_problem(value: str, parsed: Any, rules: dict[str, Any]) -> str | None:
    if "enum" in rules and parsed not in rules["enum"]:
        return f"'{value}' is not one of: {', '.join(map(str, rules['enum']))}"
    if "maxLength" in rules and len(value) > rules["maxLength"]:
        return f"{len(value)} characters, more than the maximum {rules['maxLength']}"
    if "pattern" in rules and not re.fullmatch(rules["pattern"], value):
        return f"'{value}' does not match the pattern {rules['pattern']}"
    if "minimum" in rules and parsed < rules["minimum"]:
        return f"{value} is below the minimum {rules['minimum']}"
    if "maximum" in rules and parsed > rules["maximum"]:
        return f"{value} is above the plausible maximum {rules['maximum']}"
    return None


def _format_problem(value: str, field: dict[str, Any]) -> str | None:
    if field.get("format") == "uri" and not _URL.fullmatch(value):
        return f"{value!r} is not a URL (http or https, no spaces, quotes or angle brackets)"
    if field.get("x-format") == "edtf":
        return dates.problem(value)
    if field.get("x-format") == "tagged-names":
        bad = [item for item in value.split(";") if not _TAGGED.fullmatch(item)]
        if bad:
            return f"{bad[0]!r} is not a name with a language tag (name@lang, e.g. Ушторе@ru)"
    return None


def parse(value: str, field: dict[str, Any]) -> tuple[Any, str | None]:
    """Return the typed value of a cell and the reason it is bad (``None`` when it is good)."""
    kind = field.get("type", "string")
    rules = field.get("constraints", {})
    if kind not in _PARSERS:
        return None, f"unsupported field type '{kind}' in datapackage.json"
    problem = text_problem(value)
    if problem:
        return None, problem
    if value != value.strip():
        return None, f"leading or trailing spaces in {value!r}"
    if value == "":
        return (None if kind != "string" else ""), (
            "a value is required" if rules.get("required") else None
        )
    parsed, problem = _PARSERS[kind](value)
    problem = problem or _constraint_problem(value, parsed, rules) or _format_problem(value, field)
    return (None, problem) if problem else (parsed, None)
