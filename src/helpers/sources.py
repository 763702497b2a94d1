"""The documents of the deportation (``data/sources/documents.csv``) and their texts."""

from __future__ import annotations

from typing import Any

from helpers import data


def document(doc_id: str) -> dict[str, Any]:
    """One document's row; an unknown id raises :class:`KeyError` listing the known ids."""
    table = data.load("documents").set_index("doc_id", drop=False)
    if doc_id not in table.index:
        known = ", ".join(sorted(table.index))
        raise KeyError(f"unknown document id '{doc_id}'; known ids: {known}")
    return table.loc[doc_id].to_dict()


def people(cell: str) -> str:
    """Names in reading order: ``Molotov, V.;Stalin, I.`` → ``V. Molotov and I. Stalin``."""
    names = []
    for item in filter(None, (p.strip() for p in cell.split(";"))):
        surname, _, given = item.partition(",")
        names.append(f"{given.strip()} {surname.strip()}".strip())
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
