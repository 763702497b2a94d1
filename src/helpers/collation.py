"""Collation of witnesses with CollateX, and the raion list of point 1 of decree 1428-326сс."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from helpers import data, places
from helpers.sources import witness
from helpers.translit import romanize


def _unattested(table: pd.DataFrame, siglum: str, start: bool, end: bool) -> None:
    read = [i for i, v in enumerate(table[siglum]) if v]
    if start and read:
        table.loc[: read[0] - 1, siglum] = None
    if end and read:
        table.loc[read[-1] + 1 :, siglum] = None


def collate(
    texts: dict[str, str],
    *,
    unattested_start: frozenset[str] = frozenset(),
    unattested_end: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Collate plain texts with CollateX; one row per aligned segment.

    Columns: one per witness, holding its reading (``""`` where it has nothing at that place,
    ``None`` where the place lies outside what the witness attests), and ``variant``: True where
    the witnesses that attest the place differ. A witness in ``unattested_start`` (or
    ``unattested_end``) is known only from some point on (or up to some point), so the places
    before its first (after its last) reading are outside its extent, not omissions.
    """
    if len(texts) < 2:
        raise ValueError("collation needs at least two witnesses")
    # Imported here: CollateX (with networkx) costs about 0.1 s to import, and most notebooks
    # that import this module never collate.
    from collatex import Collation
    from collatex import collate as run

    collation = Collation()
    for siglum, text in texts.items():
        collation.add_plain_witness(siglum, text)
    result = json.loads(run(collation, output="json", segmentation=True))
    names = result["witnesses"]
    columns: dict[str, list[str | None]] = {name: [] for name in names}
    for position in zip(*result["table"], strict=True):
        for name, cell in zip(names, position, strict=True):
            columns[name].append("".join(tok["t"] for tok in cell).strip() if cell else "")
    table = pd.DataFrame(columns, dtype=object)[list(texts)]
    for siglum in texts:
        _unattested(table, siglum, siglum in unattested_start, siglum in unattested_end)
    table["variant"] = [row.dropna().nunique() > 1 for _, row in table[list(texts)].iterrows()]
    table.attrs["ends"] = sorted(unattested_end)
    return table


#: How the tables for readers mark a place where a witness has no reading but another has one.
ABSENT = "(absent)"
#: How the tables for readers mark the last reading of a witness whose text, as read, stops there.
EXCERPT_ENDS = "(excerpt ends)"


def variants(table: pd.DataFrame, *, absent: str = "—", ends: bool = False) -> pd.DataFrame:
    """The places of a collation where the witnesses differ, numbered from 1, for reading:
    ``absent`` marks an omission (``—`` by default; :data:`ABSENT` for readers, since ``—`` is
    also a dash in the texts), ``(not attested)`` a place outside a witness's extent.

    With ``ends``, the last reading of a witness whose text stops at a gap (``table.attrs
    ["ends"]``, set by :func:`collate`) is marked :data:`EXCERPT_ENDS`: it is where the excerpt
    read ends, often inside a word, not a reading that differs.
    """
    marked = table.copy()
    for siglum in table.attrs.get("ends", []) if ends else []:
        read = [i for i, v in marked[siglum].items() if v]
        if read and marked.loc[read[-1], "variant"]:
            marked.loc[read[-1], siglum] = f"{marked.loc[read[-1], siglum]} {EXCERPT_ENDS}"
    out = marked[marked["variant"]].drop(columns="variant")
    out = out.apply(lambda col: [("(not attested)" if v is None else v or absent) for v in col])
    out.index = range(1, len(out) + 1)
    out.index.name = "variant"
    return out


def collate_clause(clause: str, sigla: list[str]) -> pd.DataFrame:
    """Collate one clause across the witnesses that attest it; where a witness's text begins or
    ends with a gap, the places beyond it count as unattested, not as omissions.
    """
    return _collated(data.data_dir(), clause, tuple(sigla)).copy()


@cache
def _collated(root: Path, clause: str, sigla: tuple[str, ...]) -> pd.DataFrame:
    """:func:`collate_clause`, collated once per data folder (CollateX is slow)."""
    texts: dict[str, str] = {}
    starts, ends = set(), set()
    for s in sigla:
        raw = witness(s).clauses.get(clause, "")
        if not raw:
            continue
        if raw.startswith("[…]"):
            starts.add(s)
        if raw.endswith("[…]"):
            ends.add(s)
        texts[s] = " ".join(raw.replace("[…]", " ").split())
    return collate(texts, unattested_start=frozenset(starts), unattested_end=frozenset(ends))


data.on_clear(_collated.cache_clear)


def variants_by_clause(
    clauses: list[str], sigla: list[str], *, absent: str = "—", ends: bool = False
) -> pd.DataFrame:
    """The variants of several clauses in one table for reading: a ``clause`` column (``point
    2``, ``signatures``), then one column per witness (upper-case sigla), numbered from 1.
    ``absent`` and ``ends`` are as in :func:`variants`.
    """
    parts = []
    for clause in clauses:
        table = collate_clause(clause, sigla)
        found = variants(table, absent=absent, ends=ends).rename(columns=str.upper)
        found.insert(0, "clause", f"point {clause}" if clause.isdigit() else clause)
        parts.append(found)
    out = pd.concat(parts, ignore_index=True).fillna("(not attested)")
    out.index = range(1, len(out) + 1)
    out.index.name = "variant"
    return out


_RAION_LIST = re.compile(
    r"пограничных районов (?:Дальневосточного края|ДВК): (?P<list>.+?) и переселить"
)


def raions(siglum: str = "w1") -> list[str]:
    """The raions named in point 1 of a witness, in order, as printed (genitive case)."""
    text = witness(siglum).clauses.get("1", "")
    match = _RAION_LIST.search(text)
    if not match:
        raise ValueError(f"witness '{siglum}' does not attest the raion list of point 1")
    items = re.split(r", | и ", match.group("list"))
    return [i.strip() for i in items if i.strip()]


def nominative(printed: str) -> str:
    """The raion's name in the nominative, as the gazetteer writes it.

    ``Посьетского`` → ``Посьетский район``; ``Лазо`` → ``район имени Лазо``; a list entry that
    names the raion by its centre in ``-ово`` (``Блюхерово``) → ``Блюхеровский район``; any other
    form is kept as printed.
    """
    if printed.endswith("ского"):
        return printed[: -len("ского")] + "ский район"
    if printed == "Лазо":
        return "район имени Лазо"
    if printed.endswith("ово"):
        return printed[:-1] + "ский район"
    return printed


@dataclass(frozen=True)
class RaionComparison:
    """Two raion lists compared raion by raion (names in the nominative).

    ``same``: printed alike in both; ``variants``: the same raion printed differently, as
    (raion, form in ``a``, form in ``b``); ``added``: only in ``b``; ``missing``: only in ``a``.
    """

    same: list[str]
    variants: list[tuple[str, str, str]]
    added: list[str]
    missing: list[str]


def compare_raion_lists(a: list[str], b: list[str]) -> RaionComparison:
    """Compare two raion lists as printed: a raion is the same when its nominative is."""
    in_a = {nominative(x): x for x in a}
    in_b = {nominative(x): x for x in b}
    return RaionComparison(
        same=[n for n in in_a if n in in_b and in_a[n] == in_b[n]],
        variants=[(n, in_a[n], in_b[n]) for n in in_a if n in in_b and in_a[n] != in_b[n]],
        added=[n for n in in_b if n not in in_a],
        missing=[n for n in in_a if n not in in_b],
    )


def today(name: str) -> str:
    """Today's name of a raion (given in the nominative) from the gazetteer, without the
    gazetteer's note on which point stands for it.
    """
    modern = str(places.place(places.lookup(name))["modern_name"])
    return re.sub(r" \(point: [^)]*\)", "", modern)


#: The gazetteer's words for a raion with no district of today, and for an area whose
#: successor district is not verified; tables for readers move them into a note.
TODAY_UNKNOWN = "not established"
TODAY_UNVERIFIED = "; successor district not verified"


def today_for_reading(name: str) -> tuple[str, str]:
    """Today's name of a raion for a table, and what a note below the table must say of it:
    ``""`` (nothing), ``"unknown"`` (no district of today established) or ``"unverified"``
    (only the area is given; the successor district is not verified).
    """
    modern = today(name)
    if modern == TODAY_UNKNOWN:
        return "(see the note below)", "unknown"
    if modern.endswith(TODAY_UNVERIFIED):
        return modern.removesuffix(TODAY_UNVERIFIED) + " (see the note below)", "unverified"
    return modern, ""


def today_notes(a: str, b: str) -> dict[str, list[str]]:
    """The raions of either list (1937 names, ALA-LC then Cyrillic) that a note below
    :func:`comparison_table` must mention, by kind (``unknown``, ``unverified``).
    """
    order = dict.fromkeys(nominative(x) for x in [*raions(b), *raions(a)])
    notes: dict[str, list[str]] = {"unknown": [], "unverified": []}
    for n in order:
        kind = today_for_reading(n)[1]
        if kind:
            notes[kind].append(f"{romanize(n)} ({n})")
    return notes


#: How :func:`comparison_table` describes one raion printed in two forms (internally, a
#: *variant*): in point 1 one list names it by an adjective, the other by the raion's centre.
OTHER_FORM = "another form of the name"


def comparison_table(a: str, b: str) -> pd.DataFrame:
    """The raion lists of witnesses ``a`` and ``b`` side by side, for reading: every raion of
    either list in the order of ``b`` then ``a``, its 1937 name (ALA-LC, then Cyrillic), today's
    name (a qualified one points to the note of :func:`today_notes`), the form each witness
    prints (:data:`ABSENT` where it has none) and how the two compare.
    """
    forms_a = {nominative(x): x for x in raions(a)}
    forms_b = {nominative(x): x for x in raions(b)}
    order = list(dict.fromkeys([*forms_b, *forms_a]))

    def relation(n: str) -> str:
        if n not in forms_a or n not in forms_b:
            return f"only in {(b if n not in forms_a else a).upper()}"
        return "same form" if forms_a[n] == forms_b[n] else OTHER_FORM

    return pd.DataFrame(
        {
            "raion in 1937": [f"{romanize(n)} ({n})" for n in order],
            "today": [today_for_reading(n)[0] for n in order],
            a.upper(): [forms_a.get(n, ABSENT) for n in order],
            b.upper(): [forms_b.get(n, ABSENT) for n in order],
            "the two lists": [relation(n) for n in order],
        }
    )


def raion_table(siglum: str = "w1") -> pd.DataFrame:
    """The raion list of point 1 as data: order, the form printed, the nominative name (the
    gazetteer's title), its ALA-LC romanisation and today's name.
    """
    printed = raions(siglum)
    names = [nominative(n) for n in printed]
    return pd.DataFrame(
        {
            "order": range(1, len(printed) + 1),
            "as_printed": printed,
            "nominative": names,
            "romanized": [romanize(n) for n in names],
            "today": [today(n) for n in names],
        }
    )
