"""Lines of evidence: which claims copy which sources, back to the original document.

Each claim names what it copies (``derived_from``: bibliography or documents ids) and the
independent line of evidence it belongs to (``lineage``; a composite line joins its parts with
``+``). Claims of one lineage are not independent: nine copies of one report are one witness.
:func:`lineage_chart` draws the tree source → what it copies → original document, one band per
lineage.
"""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from helpers import bibliography, data, plotting
from helpers.dates import spoken
from helpers.values import fmt, is_missing

NO_SOURCE = "no origin named"
#: The middle node of a claim whose source names nothing it copies, although the ledger
#: places its figure in a line of evidence that goes back to a document (by the figure alone).
NOT_NAMED = "no source seen (linked by the figure)"


def parts(lineage: str) -> list[str]:
    """The single lines a (possibly composite, ``a+b``) lineage joins."""
    return [p for p in lineage.split("+") if p]


def groups(names: list[str]) -> dict[str, int]:
    """Each lineage's independent group, numbered in order of first appearance: lineages that
    share a part (``a`` and ``a+b``) fall in one group.
    """
    found: list[set[str]] = []
    for name in dict.fromkeys(names):
        joined = set(parts(name))
        merged = [g for g in found if g & joined]
        for group in merged:
            joined |= group
        at = found.index(merged[0]) if merged else len(found)
        found = [g for g in found if g not in merged]
        found.insert(at, joined)
    return {name: next(i for i, g in enumerate(found) if set(parts(name)) <= g) for name in names}


def count(claims: pd.DataFrame) -> int:
    """How many independent lines of evidence ``claims`` rest on: copies of one document count
    once, and lineages that share a part (``a`` and ``a+b``) count as one.
    """
    return count_names(list(claims["lineage"]))


def count_names(names: list[str]) -> int:
    """How many independent lines of evidence the lineages ``names`` (one per claim) make."""
    return len(set(groups(names).values()))


def _ids(cell: Any) -> list[str]:
    return [] if is_missing(cell) else [i for i in str(cell).split(";") if i]


def _figure(r: Any) -> str:
    if not is_missing(r.value):
        return fmt(r.value)
    return "–".join(fmt(v) for v in (r.at_least, r.at_most) if not is_missing(v))


def original_documents(lineage: str) -> list[str]:
    """The documents a lineage goes back to: every documents id that a claim of one of its
    parts names in ``derived_from``, in date order.
    """
    return list(_originals(data.data_dir(), lineage))


@cache
def _originals(root: Path, lineage: str) -> tuple[str, ...]:
    dates = dict(zip(*_columns(root, "documents", "doc_id", "date_edtf"), strict=True))
    wanted = parts(lineage)
    found = {
        i
        for name, derived in zip(*_columns(root, "claims", "lineage", "derived_from"), strict=True)
        if name in wanted
        for i in _ids(derived)
        if i in dates
    }
    return tuple(sorted(found, key=lambda d: (dates[d], d)))


@cache
def _columns(root: Path, table: str, *columns: str) -> tuple[list[Any], ...]:
    """Columns of a table as lists (read once: :func:`tree` asks for each claim)."""
    frame = data.load(table, root)
    return tuple(list(frame[c]) for c in columns)


def label(node_id: str) -> str:
    """A reader's name for a source or document id: the citation, or "Yezhov's report of …"."""
    return _label(data.data_dir(), node_id)


@cache
def _label(root: Path, node_id: str) -> str:
    if node_id not in data.ids(root, "documents"):
        return bibliography.cite(node_id)
    row = data.row("documents", node_id, root)
    who = next((str(row[c]) for c in ("signatories", "issuer") if not is_missing(row[c])), "")
    who = who.split(";")[0].split(",")[0].strip()
    date = str(row["date_edtf"])
    start, span, _ = date.partition("/")  # a document known only as of a date or later
    when = f"of {spoken(start)} or later" if span else f"of {spoken(date)}"
    return f"{who}'s {row['kind']} {when}" if who else f"a {row['kind']} (author not named) {when}"


@data.on_clear
def _forget() -> None:
    for cached in (_originals, _columns, _label):
        cached.cache_clear()


def lines_text(n: int) -> str:
    """A count of lines of evidence for prose: ``one line of evidence``, ``2 lines of evidence``."""
    return "one line of evidence" if n == 1 else f"{fmt(n)} lines of evidence"


def tree(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: who states it, what it copies, the original documents, its lineage.

    Where a source names nothing it copies but its lineage goes back to a document, the middle
    column says so (:data:`NOT_NAMED`): the link is the ledger's, made by the figure alone.

    Rows are grouped by lineage (the largest first), then sorted by figure and citation.
    """
    rows = []
    for r in claims.itertuples():
        copies = [
            i
            for i in _ids(r.derived_from)
            if i not in original_documents(r.lineage) and i != r.source_id
        ]
        originals = [label(d) for d in original_documents(r.lineage)]
        named = [label(i) for i in copies] or ([] if _ids(r.derived_from) else [NOT_NAMED])
        rows.append(
            {
                "lineage": r.lineage,
                "claim": f"{bibliography.cite(r.source_id)}: {_figure(r)} {r.unit}",
                "value": r.value,
                "copies": named if originals else [label(i) for i in copies],
                "originals": originals or [NO_SOURCE],
            }
        )
    table = pd.DataFrame(rows)
    size = table["lineage"].map(table["lineage"].value_counts())
    table = table.assign(size=size).sort_values(
        ["size", "lineage", "value", "claim"], ascending=[False, True, True, True]
    )
    return table.drop(columns="size").reset_index(drop=True)


def _positions(table: pd.DataFrame, column: str) -> dict[tuple[str, str], float]:
    """Where each node of a column sits: near the mean row of the claims that reach it, at
    least one row apart. A document is one node for every lineage that reaches it; the
    placeholder for an unnamed source is one node per lineage.
    """
    rows: dict[tuple[str, str], list[int]] = {}
    for y, r in enumerate(table.itertuples()):
        for node in getattr(r, column):
            rows.setdefault(_key(r.lineage, node, column), []).append(y)
    placed: dict[tuple[str, str], float] = {}
    last = -1.0
    for key, ys in sorted(rows.items(), key=lambda item: (sum(item[1]) / len(item[1]), item[0])):
        last = max(sum(ys) / len(ys), last + 1.0)
        placed[key] = last
    return placed


def _key(lineage_: str, node: str, column: str) -> tuple[str, str]:
    shared = column == "originals" and node != NO_SOURCE
    return ("", node) if shared else (lineage_, node)


def _draw_band(ax: Any, table: pd.DataFrame, shade: bool) -> None:
    rows = table.index
    if shade:
        ax.axhspan(
            rows.min() - 0.5, rows.max() + 0.5, color=plotting.colour("sky blue"), alpha=0.12
        )


def _links(segments: list[list[tuple[float, float]]]) -> LineCollection:
    """The tree's links, drawn as one artist (as plain lines, a long tree draws slowly)."""
    return LineCollection(
        segments,
        colors=plotting.colour("black"),
        linewidths=0.6,
        alpha=0.6,
        capstyle="projecting",  # as a plotted line's ends
        zorder=2,  # as a plotted line: above the bands, below the labels
    )


@plotting.styled
def lineage_chart(claims: pd.DataFrame, title: str) -> Figure:
    """Tree of the claims' lineage: each claim (left) → what it copies (middle) → the original
    document (right); one shaded band per independent line of evidence.
    """
    table = tree(claims)
    with plotting.titles_clear_top_labels():  # the column names are tick labels on top
        fig, ax = plotting.new_figure(width=11, height=0.34 * len(table) + 1.2)
        ax.set_title(title)
    middle, right = _positions(table, "copies"), _positions(table, "originals")
    for i, (_, band) in enumerate(table.groupby("lineage", sort=False)):
        _draw_band(ax, band, i % 2 == 0)
    links = []
    for y, r in enumerate(table.itertuples()):
        ax.text(0.0, y, r.claim, ha="right", va="center", fontsize=8)
        for copy in r.copies or [None]:
            my = middle[_key(r.lineage, copy, "copies")] if copy else y
            if copy:
                links.append([(0.02, y), (0.98, my)])
            for original in r.originals:
                end = right[_key(r.lineage, original, "originals")]
                links.append([(1.02 if copy else 0.02, my), (1.98, end)])
    ax.add_collection(_links(links))
    for (_, node), y in middle.items():
        text = textwrap.fill(node, 40)
        ax.text(1.0, y, text, ha="center", va="center", fontsize=7.5, bbox={"fc": "white", "lw": 0})
    for (_, node), y in right.items():
        text = textwrap.fill(node, 24)
        ax.text(2.0, y, text, ha="left", va="center", fontsize=8, fontweight="bold")
    ax.set_xlim(-0.05, 2.9)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xticks([0, 1, 2], ["source read", "what it copies", "original document"])
    ax.xaxis.tick_top()
    ax.set_yticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return fig
