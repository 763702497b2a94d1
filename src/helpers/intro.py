"""Small helpers for the introduction: events as a reader's table, the words of the decree,
further reading, and the parts of the Far Eastern Krai.

They only read tables through :mod:`helpers.data` and the witnesses through
:mod:`helpers.sources`; the notebook glues what they return into its prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from matplotlib.figure import Figure

from helpers import bibliography, data, places, plotting, sources
from helpers.dates import bounds, spoken
from helpers.translit import romanize
from helpers.values import fmt


def cites(source_ids: str) -> str:
    """The short citations of a ``;``-separated list of bibliography ids, joined by ``; ``."""
    return "; ".join(bibliography.cite(s) for s in source_ids.split(";") if s)


def event(event_id: str) -> dict[str, object]:
    """One row of the events table; an unknown id raises a clear error."""
    return data.row("events", event_id)


def event_date(event_id: str) -> str:
    """The date of an event in words (``28 April 1936``)."""
    return spoken(str(event(event_id)["date_edtf"]))


def events_table(event_ids: Iterable[str]) -> pd.DataFrame:
    """A reader's table of chosen events, in date order: date, what happened, sources."""
    rows = [event(e) for e in event_ids]
    rows.sort(key=lambda r: (str(r["date_edtf"]), str(r["event_id"])))
    return pd.DataFrame(
        {
            "date": [spoken(str(r["date_edtf"])) for r in rows],
            "what happened": [r["event_en"] for r in rows],
            "source": [cites(str(r["source_ids"])) for r in rows],
        }
    )


def _number(clause: str) -> tuple[int, str]:
    return (int(clause), "") if clause.isdigit() else (10**6, clause)


def clauses_with(stem: str, doc_id: str = "sovnarkom-1428-326ss") -> list[str]:
    """The numbered points of a document whose text, in any witness read, has a word that
    begins with ``stem`` (case-insensitive), in numerical order.
    """
    pattern = re.compile(rf"(?<![а-яё]){re.escape(stem.lower())}", re.IGNORECASE)
    found = {
        n
        for w in sources.witnesses(doc_id)
        for n, text in w.clauses.items()
        if n.isdigit() and pattern.search(text.lower())
    }
    return sorted(found, key=_number)


def spoken_list(items: list[str]) -> str:
    """``["1", "2", "3"]`` → ``1, 2 and 3``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def further_reading() -> tuple[pd.DataFrame, list[str]]:
    """The verified works of further reading as a table (work, what it covers, reference),
    sorted by citation, and the citations of the works still to be checked in a catalogue.
    """
    table = data.load("further_reading")
    table = table.assign(label=[bibliography.cite(s) for s in table["id"]])
    table = table.sort_values(["label", "id"], key=lambda s: s.str.lower())
    checked = table[table["verified"].astype(bool)]
    unchecked = table[~table["verified"].astype(bool)]
    shown = pd.DataFrame(
        {
            "work": checked["label"].tolist(),
            "what it covers": checked["annotation"].tolist(),
            "reference": [bibliography.reference(s) for s in checked["id"]],
        }
    )
    return shown, unchecked["label"].tolist()


def regions_today(unit_1937_id: str = "dvk") -> pd.DataFrame:
    """The rows of the 1937 crosswalk for one unit: today's regions it matches, and how."""
    crosswalk = data.load("crosswalk")
    return crosswalk[crosswalk["unit_1937_id"] == unit_1937_id].reset_index(drop=True)


def points_read(doc_id: str = "sovnarkom-1428-326ss") -> list[str]:
    """The numbered points of a document that at least one witness read here prints."""
    found = {n for w in sources.witnesses(doc_id) for n in w.clauses if n.isdigit()}
    return sorted(found, key=_number)


def points_unread(doc_id: str = "sovnarkom-1428-326ss") -> list[str]:
    """The points, up to the highest one read, that no witness read here prints."""
    read = points_read(doc_id)
    last = max((int(n) for n in read), default=0)
    return [str(n) for n in range(1, last + 1) if str(n) not in read]


def printed_pages(doc_id: str = "sovnarkom-1428-326ss") -> str:
    """The pages (``pp. 64–65``) of the first printed edition the documents table names."""
    printed = str(sources.document(doc_id)["published_in"])
    match = re.search(r"pp?\.\s*[0-9][0-9–-]*", printed)
    if match is None:
        raise ValueError(f"{doc_id}: no pages in published_in {printed!r}")
    return match.group()


def then_and_now(place_id: str) -> str:
    """A place for prose: its 1937 name (romanised, then Cyrillic), then today's name."""
    return f"{places.name_1937(place_id)}, today {places.place(place_id)['modern_name']}"


def short_title_latin(source_id: str, words: int = 2) -> str:
    """The first words of a work's original title, romanised (``Belaia kniga``)."""
    title = str(bibliography.entry(source_id)["title_original"]).split(".")[0]
    return " ".join(romanize(title).split()[:words])


@plotting.styled
def destinations_chart(counts: dict[str, float], when: str) -> Figure:
    """Horizontal bars: persons deported to each destination republic, as one source gives."""
    fig, ax = plotting.new_figure(width=7, height=2.6)
    names = list(counts)
    colours = [plotting.colour(c) for c in ("sky blue", "orange", "bluish green")][: len(names)]
    bars = ax.barh(names, list(counts.values()), color=colours)
    ax.bar_label(bars, labels=[fmt(v) for v in counts.values()], padding=4)
    ax.set_xlabel(f"persons deported (NKVD report, {when})")
    ax.set_xlim(0, 1.2 * max(counts.values()))
    ax.xaxis.set_major_formatter(lambda x, _pos: fmt(x))
    ax.set_title("Where the deportees were sent")
    return fig


def weeks_between(event_id: str, later_edtf: str) -> int:
    """Whole weeks from the first day of an event to the first day of a later EDTF date."""
    start = bounds(str(event(event_id)["date_edtf"]))[0]
    return (bounds(later_edtf)[0] - start).days // 7


def id_list(text: str) -> list[str]:
    """Ids written one after another, separated by blanks: ``"a b"`` → ``["a", "b"]``."""
    return text.split()


def how_many(count: int, noun: str) -> str:
    """A count with its noun for prose: ``no document``, ``1 document``, ``3 documents``."""
    if count == 0:
        return f"no {noun}"
    return f"{fmt(count)} {noun}" + ("" if count == 1 else "s")


def surnames(source_id: str) -> str:
    """The authors' surnames of a work, romanised (ALA-LC) and joined for prose:
    ``"Ващук, А. С.; Чернолуцкая, Е. Н."`` → ``Vashchuk and Chernolutskaia``.
    """
    authors = str(bibliography.entry(source_id)["author"]).split(";")
    return spoken_list([romanize(a.split(",")[0].strip()) for a in authors if a.strip()])
