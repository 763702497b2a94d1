"""Citations from ``data/bibliography.csv``: short cites, full references, "sources used" tables."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers import data


def entry(source_id: str) -> dict[str, object]:
    """The bibliography row for ``source_id``; a clear error lists close ids if it is unknown."""
    return data.row("bibliography", source_id)


def _surname(author: str) -> str:
    first = author.split(";")[0].strip()
    return first.split(",")[0].strip() if first else ""


def cite(source_id: str) -> str:
    """A short citation such as ``Pohl 2009`` (or the container when there is no author)."""
    row = entry(source_id)
    who = _surname(str(row["author"])) or str(row["container"]).split(" (")[0] or str(row["title"])
    year = row["year"]
    return f"{who} {year}" if year is not None and year == year else f"{who} n.d."


def reference(source_id: str) -> str:
    """A full reference in Markdown: author, year, title (original title), container, URL."""
    row = entry(source_id)
    parts = [str(row["author"]) or str(row["container"])]
    year = row["year"]
    parts.append(f"({year})" if year is not None and year == year else "(n.d.)")
    title = f"*{row['title']}*"
    if row["title_original"]:
        title += f" [{row['title_original']}]"
    parts.append(title + ".")
    if row["container"] and row["author"]:
        parts.append(f"{row['container']}.")
    if row["archive_ref"]:
        parts.append(f"{row['archive_ref']}.")
    if row["url"]:
        parts.append(f"<{row['url']}>")
    return " ".join(p for p in parts if p)


def sources_table(source_ids: Iterable[str]) -> pd.DataFrame:
    """The "sources used" table of a notebook: one row per distinct source, sorted by citation."""
    ids = sorted(set(source_ids), key=lambda s: (cite(s).lower(), s))
    rows = [entry(s) for s in ids]
    return pd.DataFrame(
        {
            "source": [cite(s) for s in ids],
            "kind": [r["kind"] for r in rows],
            "title": [r["title"] for r in rows],
            "id": ids,
        }
    )


def references_markdown(source_ids: Iterable[str]) -> str:
    """A Markdown bullet list of full references, sorted by citation."""
    ids = sorted(set(source_ids), key=lambda s: (cite(s).lower(), s))
    return "\n".join(f"- **{s}**: {reference(s)}" for s in ids)
