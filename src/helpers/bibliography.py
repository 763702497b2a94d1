"""Citations from ``data/bibliography.csv``: short cites, full references, "sources used" tables.

The bibliography keeps the *work* cited (author, title, container, publisher, year, pages, DOI,
ISBN, and ``work_url``, a legitimate page for it) apart from the *copy* read (``read_at``,
``copy``, ``accessed``). Readers are pointed to the work only: a reference links ``work_url``,
never a mirror or an unauthorised copy, which stay in the data for audit.

Short citations are author–date labels, unique across the bibliography: two works of one author
and year become ``Kim 1999a`` and ``Kim 1999b`` (in the order of their ids); ``n.d.`` only where
no year is known. A work without an author is cited by its site and a short title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from helpers import data
from helpers.translit import romanize
from helpers.values import is_missing


def entry(source_id: str) -> dict[str, object]:
    """The bibliography row for ``source_id``; a clear error lists close ids if it is unknown."""
    return data.row("bibliography", source_id)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ROLE = re.compile(r"\s*\([^)]*\)")


def _surname(author: str) -> str:
    """The surname of one author, without a role in brackets, in Latin letters (ALA-LC)."""
    first = _ROLE.sub("", author.split(";")[0]).strip()
    surname = first.split(",")[0].strip() if first else ""
    if not _CYRILLIC.search(surname):
        return surname
    # Without a comma: a Korean name written surname first (Ли У Хе, Ким Ен Ун: short parts)
    # gives its first part; anything else (an institution) is kept whole.
    words = surname.split()
    korean = "," not in first and all(len(w) <= 3 for w in words)
    return romanize(words[0] if korean else surname)


def _authors(author: str) -> str:
    """``Li``, ``Li & Kim`` or ``Pobol et al.``: the surnames of a short citation."""
    parts = [a for a in author.split(";") if a.strip() and not a.strip().startswith("recorded")]
    names = [_surname(a) for a in parts]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " & ".join(names)


def _short_title(title: str) -> str:
    title = re.sub(r"\s*\([^()]*\)\s*$", "", title).replace("[", "").replace("]", "")
    words = title.split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


#: Wikipedia editions by language code, for labels of articles read on or off Wikipedia itself.
WIKIPEDIAS = {
    "be": "Belarusian",
    "cs": "Czech",
    "de": "German",
    "en": "English",
    "fr": "French",
    "it": "Italian",
    "kk": "Kazakh",
    "ko": "Korean",
    "ru": "Russian",
    "simple": "Simple English",
    "uk": "Ukrainian",
    "uz": "Uzbek",
    "zh": "Chinese",
}
_WIKIPEDIA = re.compile(r"^([a-z-]+)(?:\.m)?\.wikipedia\.org$")


#: Kinds of copy whose site is not where the work was published.
COPIES = {"mirror", "machine-translation", "unauthorised"}


def work_site(row: dict[str, object]) -> str:
    """Where the *work* was published, for a label, never the site of an unauthorised copy:
    ``Russian Wikipedia`` for an article whose work address is on ru.wikipedia.org; the host of
    the work's address for another work read in a copy; nothing for a book read in an
    unauthorised copy with no address of its own; else the container (for a repost whose
    original is not known, the site that was read, as it is the only one known).
    """
    host = urlsplit(str(row["work_url"] or "")).netloc
    match = _WIKIPEDIA.match(host)
    if match and match[1] in WIKIPEDIAS:
        return f"{WIKIPEDIAS[match[1]]} Wikipedia"
    if row["copy"] in COPIES and host:
        return host.removeprefix("www.")
    if row["copy"] == "unauthorised":
        return ""
    return str(row["container"]).split(" (")[0]


def _base_label(row: dict[str, object]) -> str:
    """``Surname year``; without an author, the work's site and a short title
    (``Russian Wikipedia, “…”``), never the site of a copy.
    """
    year = "n.d." if is_missing(row["year"]) else str(row["year"])
    who = _authors(str(row["author"]))
    if who:
        return f"{who} {year}"
    site = work_site(row)
    label = f"“{_short_title(str(row['title']))}”"
    label = f"{site}, {label}" if site else label
    return label if year == "n.d." else f"{label} {year}"


def _distinguished(label: str, letter: str) -> str:
    """``Kim 1999b``, ``Bugai n.d.-c`` or ``Russian Wikipedia, “Kazalinsk” (b)``."""
    if label.endswith("”"):
        return f"{label} ({letter})"
    return f"{label}-{letter}" if label.endswith("n.d.") else f"{label}{letter}"


def _suffix(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i] if i < len(letters) else f"{letters[i // 26 - 1]}{letters[i % 26]}"


@data.on_clear
def _forget() -> None:
    _labels.cache_clear()


@cache
def _labels(root: Path) -> dict[str, str]:
    """Every id's author–date label, with a, b, … where one label would serve two works."""
    table = data.load("bibliography", root).sort_values("id")
    base = {r["id"]: _base_label(r) for r in table.to_dict("records")}
    groups: dict[str, list[str]] = {}
    for source_id, label in base.items():
        groups.setdefault(label, []).append(source_id)
    labels = {}
    for label, ids in groups.items():
        for i, source_id in enumerate(ids):
            labels[source_id] = label if len(ids) == 1 else _distinguished(label, _suffix(i))
    return labels


def cite(source_id: str) -> str:
    """A short, unique citation such as ``Pohl 2009`` or ``Kim 1999b``."""
    labels = _labels(data.data_dir())
    if source_id not in labels:
        entry(source_id)  # a clear error for an unknown id
    return labels[source_id]


def _details(row: dict[str, object]) -> list[str]:
    parts = []
    if row["container"] and row["author"]:
        parts.append(f"{row['container']}.")
    publisher = ", ".join(str(row[k]) for k in ("place", "publisher") if row[k])
    if publisher:
        parts.append(f"{publisher}.")
    if row["pages"]:
        parts.append(f"{row['pages']}.")
    if row["archive_ref"]:
        parts.append(f"{row['archive_ref']}.")
    if row["isbn"]:
        parts.append(f"ISBN {row['isbn']}.")
    return parts


def reference(source_id: str) -> str:
    """A full reference in Markdown: author, year, title (original title), container,
    publisher, pages, ISBN, and a link to the work (a DOI where there is one).
    """
    row = entry(source_id)
    year = row["year"]
    parts = [
        str(row["author"]) or work_site(row),
        "(n.d.)" if is_missing(year) else f"({year})",
    ]
    title = f"*{row['title']}*"
    if row["title_original"]:
        title += f" [{row['title_original']}]"
    parts += [title + ".", *_details(row)]
    if row["doi"]:
        parts.append(f"<https://doi.org/{row['doi']}>")
    elif row["work_url"]:
        parts.append(f"<{row['work_url']}>")
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
        }
    )


def references_markdown(source_ids: Iterable[str]) -> str:
    """A Markdown bullet list of full references, sorted by citation."""
    ids = sorted(set(source_ids), key=lambda s: (cite(s).lower(), s))
    return "\n".join(f"- **{cite(s)}**: {reference(s)}" for s in ids)
