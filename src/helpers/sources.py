"""The documents of the deportation and their texts: witnesses side by side, and the translation.

Clauses are a decree's numbered points; ``@n`` holds the point number (or ``head``,
``preamble``, ``signatures``), so witnesses of one text line up clause by clause. The files are
read by :mod:`helpers.tei`; collation is in :mod:`helpers.collation`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers import bibliography, data, tei
from helpers.tei import CLAUSE_ORDER, Witness


def document(doc_id: str) -> dict[str, Any]:
    """One document's row; an unknown id raises :class:`KeyError` listing the known ids."""
    return data.row("documents", doc_id)


def people(cell: str) -> str:
    """Names in reading order: ``Molotov, V.;Stalin, I.`` → ``V. Molotov and I. Stalin``."""
    names = []
    for item in filter(None, (p.strip() for p in cell.split(";"))):
        surname, _, given = item.partition(",")
        names.append(f"{given.strip()} {surname.strip()}".strip())
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def witnesses(doc_id: str | None = None) -> list[Witness]:
    """All witnesses (of one document if ``doc_id`` is given), in file-name order."""
    found = list(tei.witnesses(data.data_dir()))
    if doc_id is not None:
        document(doc_id)  # raises for an unknown id
        found = [w for w in found if w.doc_id == doc_id]
    return found


def witness(siglum: str) -> Witness:
    """The witness with this siglum (``w1``, ``w2``, ``w3``, ``p51wp``, ``p51ch``)."""
    by_siglum = {w.siglum: w for w in witnesses()}
    if siglum not in by_siglum:
        raise KeyError(f"unknown witness '{siglum}'; known: {', '.join(sorted(by_siglum))}")
    return by_siglum[siglum]


def clause_table(sigla: list[str]) -> pd.DataFrame:
    """Clauses (rows, in reading order) by witness (columns); empty where a witness has none."""
    chosen = [witness(s) for s in sigla]
    rows = [n for n in CLAUSE_ORDER if any(n in w.clauses for w in chosen)]
    table = pd.DataFrame(
        {w.siglum: [w.clauses.get(n, "") for n in rows] for w in chosen}, index=rows
    )
    table.index.name = "clause"
    return table


def coverage(sigla: list[str]) -> pd.DataFrame:
    """Which witness attests which clause: ``whole``, ``part`` (the clause has a gap) or ``—``."""
    table = clause_table(sigla).reindex(CLAUSE_ORDER, fill_value="")
    return table.apply(
        lambda col: ["—" if not v else "part" if "[…]" in v else "whole" for v in col]
    )


def coverage_for_reading(sigla: list[str]) -> pd.DataFrame:
    """:func:`coverage` for readers: ``none`` instead of ``—`` (a dash is also text in the
    witnesses), columns named by upper-case sigla, and a heading printed only by witnesses of
    another document than the first witness's labelled as that document's heading
    (``Politburo heading (P51WP only)``), so that it is not read as the decree's.
    """
    chosen = [witness(s) for s in sigla]
    table = coverage(sigla).replace("—", "none").rename(columns=str.upper)
    printing = [w for w in chosen if "head" in w.clauses]
    if printing and all(w.doc_id != chosen[0].doc_id for w in printing):
        issuers = {str(document(w.doc_id)["issuer"]).split(" of ")[0] for w in printing}
        only = ", ".join(w.siglum.upper() for w in printing)
        table = table.rename(index={"head": f"{' / '.join(sorted(issuers))} heading ({only} only)"})
    return table


def verification(sigla: list[str]) -> pd.DataFrame:
    """For each witness: the work it is printed in, what it prints and how its transcription
    was verified.
    """
    chosen = [witness(s) for s in sigla]
    return pd.DataFrame(
        {
            "witness": [w.siglum.upper() for w in chosen],
            "printed in": [bibliography.cite(w.source_id) for w in chosen],
            "prints": [w.extent for w in chosen],
            "how it was verified": [w.verification for w in chosen],
        }
    )


def translation(doc_id: str = "sovnarkom-1428-326ss") -> pd.DataFrame:
    """The project's English translation: clause, English text, the witness clauses it renders."""
    rows = tei.translation(data.data_dir(), doc_id)
    return pd.DataFrame(
        {
            "clause": [n for n, _, _ in rows],
            "en": [t for _, t, _ in rows],
            "witnesses": [" ".join(sorted(r.split("#")[1] for r in c)) for _, _, c in rows],
        }
    )


#: What the parallel text shows for a clause that no Russian witness read prints.
NO_WITNESS = "[no Russian witness read]"


def parallel(doc_id: str = "sovnarkom-1428-326ss") -> pd.DataFrame:
    """Russian beside English, clause by clause: the Russian of the first witness the
    translation cites for each clause (:data:`NO_WITNESS` where no witness read prints it).
    """
    by_file = {w.path.name: w for w in witnesses(doc_id)}
    rows = []
    for n, en, corresp in tei.translation(data.data_dir(), doc_id):
        siglum, ru = "", NO_WITNESS
        if corresp:
            file, _, frag = corresp[0].partition("#")
            w = by_file[file]
            siglum, ru = w.siglum, w.clauses[w.ids[frag]]
        rows.append({"clause": n, "witness": siglum, "ru": ru, "en": en})
    return pd.DataFrame(rows)
