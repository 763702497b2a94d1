"""The documents of the deportation and their texts: witnesses in TEI P5, collation, translation.

- ``data/sources/documents.csv``: one row per document (see :func:`document`);
- ``data/sources/texts/<doc>.<siglum>.ru.xml``: one TEI file per *witness*, a verbatim
  transcription of what one publication prints, with ``<gap/>`` where it prints nothing;
- ``data/sources/texts/<doc>.en.xml``: the project's own translation, whose clauses point to
  the witness clauses they translate with ``@corresp``.

Clauses are the decree's numbered points; ``@n`` holds the point number (or ``head``,
``preamble``, ``signatures``), so witnesses of one text can be lined up clause by clause and
collated with CollateX.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helpers import data

if TYPE_CHECKING:
    import pandas as pd
    from lxml import etree
    from matplotlib.figure import Figure

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI}
TEXTS = "sources/texts"
#: Reading order of the clauses of a decree.
CLAUSE_ORDER = ["head", "preamble", *[str(n) for n in range(1, 13)], "signatures"]


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


# --------------------------------------------------------------------------------------------
# TEI files


def parse_tei(path: Path) -> etree._ElementTree:
    """Parse a TEI file with lxml; a malformed file raises :class:`DataError` with its line."""
    from lxml import etree

    shown = f"{path.parent.parent.parent.name}/{TEXTS}/{path.name}"
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as err:
        raise data.DataError(shown, f"malformed XML: {err.msg}", err.lineno) from None
    if tree.getroot().tag != f"{{{TEI}}}TEI":
        raise data.DataError(shown, "the root element is not TEI (namespace " + TEI + ")", 1)
    return tree


def plain(element: etree._Element) -> str:
    """The text of a TEI element as a reader sees it: notes dropped, gaps shown as ``[…]``,
    white space folded."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
        if tag == "note":
            parts.append(el.tail or "")
            return
        if tag == "gap":
            parts.append(" […] ")
            parts.append(el.tail or "")
            return
        parts.append(el.text or "")
        for child in el:
            walk(child)
        if el is not element:
            parts.append(el.tail or "")

    walk(element)
    return " ".join("".join(parts).split())


@dataclass(frozen=True)
class Witness:
    """One publication's verbatim transcription of a document."""

    siglum: str
    doc_id: str
    source_id: str
    url: str
    title: str
    extent: str
    path: Path
    clauses: dict[str, str] = field(repr=False)
    ids: dict[str, str] = field(repr=False)
    gaps: tuple[str, ...] = field(repr=False)


def _witness(path: Path) -> Witness:
    tree = parse_tei(path)
    shown = f"data/{TEXTS}/{path.name}"
    bibl = tree.find(".//tei:sourceDesc/tei:bibl", NS)
    if bibl is None:
        raise data.DataError(shown, "no <sourceDesc><bibl> describing the witness")

    def required(xpath: str, what: str) -> etree._Element:
        found = bibl.find(xpath, NS)
        if found is None or not (found.get("target") or (found.text or "").strip()):
            raise data.DataError(
                shown,
                f"the witness has no {what}",
                found.sourceline if found is not None else bibl.sourceline,
            )
        return found

    url = required("tei:ptr", "URL (<ptr target=…>)").get("target")
    source_id = required(
        "tei:idno[@type='source_id']", "source id (<idno type='source_id'>)"
    ).text.strip()
    extent = required("tei:extent", "extent (<extent>)").text.strip()
    title = plain(required("tei:title", "title"))
    siglum = bibl.get(XML_ID) or ""
    doc_id, file_siglum = path.name.split(".")[:2]
    if siglum != file_siglum:
        raise data.DataError(
            shown, f"xml:id '{siglum}' of <bibl> does not match the file name", bibl.sourceline
        )
    div = tree.find(".//tei:body/tei:div[@type='original']", NS)
    if div is None:
        raise data.DataError(shown, "no <div type='original'> holding the text")
    clauses: dict[str, str] = {}
    ids: dict[str, str] = {}
    for el in div:
        if not isinstance(el.tag, str) or el.tag == f"{{{TEI}}}gap":
            continue
        n = "head" if el.tag == f"{{{TEI}}}head" else el.get("n")
        if n not in CLAUSE_ORDER:
            raise data.DataError(shown, f"unknown clause n='{n}'", el.sourceline)
        if n in clauses:
            raise data.DataError(shown, f"clause n='{n}' appears twice", el.sourceline)
        if not el.get(XML_ID):
            raise data.DataError(shown, f"clause n='{n}' has no xml:id", el.sourceline)
        clauses[n] = plain(el)
        ids[el.get(XML_ID)] = n
    gaps = tuple(g.get("extent") or g.get("reason") or "" for g in div.iterfind(".//tei:gap", NS))
    return Witness(siglum, doc_id, source_id, url, title, extent, path, clauses, ids, gaps)


@cache
def _witnesses(root: Path) -> tuple[Witness, ...]:
    folder = root / TEXTS
    found = [_witness(p) for p in sorted(folder.glob("*.*.ru.xml"))]
    known = set(data.load("documents", root)["doc_id"])
    sources = set(data.load("bibliography", root)["id"])
    for w in found:
        shown = f"data/{TEXTS}/{w.path.name}"
        if w.doc_id not in known:
            raise data.DataError(shown, f"unknown document id '{w.doc_id}'")
        if w.source_id not in sources:
            raise data.DataError(
                shown, data.unknown_id_message(w.source_id, sources, "bibliography")
            )
    return tuple(found)


def witnesses(doc_id: str | None = None) -> list[Witness]:
    """All witnesses (of one document if ``doc_id`` is given), in file-name order."""
    found = list(_witnesses(data.data_dir()))
    if doc_id is not None:
        document(doc_id)  # raises for an unknown id
        found = [w for w in found if w.doc_id == doc_id]
    return found


def witness(siglum: str) -> Witness:
    """The witness with this siglum (``w1``, ``w2``, ``w3``, ``p51``, ``ch``)."""
    by_siglum = {w.siglum: w for w in witnesses()}
    if siglum not in by_siglum:
        raise KeyError(f"unknown witness '{siglum}'; known: {', '.join(sorted(by_siglum))}")
    return by_siglum[siglum]


def clause_table(sigla: list[str]) -> pd.DataFrame:
    """Clauses (rows, in reading order) by witness (columns); empty where a witness has none."""
    import pandas as pd

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


# --------------------------------------------------------------------------------------------
# Translation and parallel text


@cache
def _translation(root: Path, doc_id: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    path = root / TEXTS / f"{doc_id}.en.xml"
    tree = parse_tei(path)
    shown = f"data/{TEXTS}/{path.name}"
    div = tree.find(".//tei:body/tei:div[@type='translation']", NS)
    if div is None:
        raise data.DataError(shown, "no <div type='translation'>")
    targets = {w.path.name: set(w.ids) for w in _witnesses(root)}
    out = []
    for el in div:
        if not isinstance(el.tag, str) or not (el.get("n") or el.tag == f"{{{TEI}}}head"):
            continue
        corresp = tuple((el.get("corresp") or "").split())
        for ref in corresp:
            file, _, frag = ref.partition("#")
            if frag not in targets.get(file, set()):
                raise data.DataError(
                    shown, f"@corresp '{ref}' points to no witness clause", el.sourceline
                )
        out.append((el.get("n") or "head", plain(el), corresp))
    return tuple(out)


def translation(doc_id: str = "sovnarkom-1428-326ss") -> pd.DataFrame:
    """The project's English translation: clause, English text, the witness clauses it renders."""
    import pandas as pd

    rows = _translation(data.data_dir(), doc_id)
    return pd.DataFrame(
        {
            "clause": [n for n, _, _ in rows],
            "en": [t for _, t, _ in rows],
            "witnesses": [" ".join(sorted(r.split("#")[1] for r in c)) for _, _, c in rows],
        }
    )


def parallel(doc_id: str = "sovnarkom-1428-326ss") -> pd.DataFrame:
    """Russian beside English, clause by clause: the Russian of the first witness the
    translation cites for each clause (``[no Russian witness]`` where there is none)."""
    import pandas as pd

    by_file = {w.path.name: w for w in witnesses(doc_id)}
    rows = []
    for n, en, corresp in _translation(data.data_dir(), doc_id):
        siglum, ru = "", "[no Russian witness]"
        if corresp:
            file, _, frag = corresp[0].partition("#")
            w = by_file[file]
            siglum, ru = w.siglum, w.clauses[w.ids[frag]]
        rows.append({"clause": n, "witness": siglum, "ru": ru, "en": en})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------------
# Collation


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
    import pandas as pd
    from collatex import Collation
    from collatex import collate as run

    if len(texts) < 2:
        raise ValueError("collation needs at least two witnesses")
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
        read = [i for i, v in enumerate(table[siglum]) if v]
        if siglum in unattested_start and read:
            table.loc[: read[0] - 1, siglum] = None
        if siglum in unattested_end and read:
            table.loc[read[-1] + 1 :, siglum] = None
    table["variant"] = [row.dropna().nunique() > 1 for _, row in table[list(texts)].iterrows()]
    return table


def variants(table: pd.DataFrame) -> pd.DataFrame:
    """The places of a collation where the witnesses differ, numbered from 1, for reading:
    ``—`` marks an omission, ``(not attested)`` a place outside a witness's extent."""
    out = table[table["variant"]].drop(columns="variant")
    out = out.apply(lambda col: [("(not attested)" if v is None else v or "—") for v in col])
    out.index = range(1, len(out) + 1)
    out.index.name = "variant"
    return out


def collate_clause(clause: str, sigla: list[str]) -> pd.DataFrame:
    """Collate one clause across the witnesses that attest it; where a witness's text begins or
    ends with a gap, the places beyond it count as unattested, not as omissions."""
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


# --------------------------------------------------------------------------------------------
# The raion list of point 1


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


def _nominative(genitive: str) -> str:
    """``Посьетского`` → ``Посьетский район``; ``Лазо`` → ``район имени Лазо``; other forms
    (``Блюхерово``) are kept as printed."""
    if genitive.endswith("ского"):
        return genitive[: -len("ского")] + "ский район"
    if genitive == "Лазо":
        return "район имени Лазо"
    return genitive


def raion_table(siglum: str = "w1") -> pd.DataFrame:
    """The raion list of point 1 as data: order, the form printed, the nominative name (the
    gazetteer's title) and its ALA-LC romanisation."""
    import pandas as pd

    from helpers.translit import romanize

    printed = raions(siglum)
    nominative = [_nominative(n) for n in printed]
    return pd.DataFrame(
        {
            "order": range(1, len(printed) + 1),
            "as_printed": printed,
            "nominative": nominative,
            "romanized": [romanize(n) for n in nominative],
        }
    )


# --------------------------------------------------------------------------------------------
# Timeline


def timeline() -> pd.DataFrame:
    """Events 1884–1993 with their EDTF date, the first and last day it can mean, and sources."""
    from helpers.dates import bounds

    events = data.load("events")
    firsts, lasts = zip(*(bounds(d) for d in events["date_edtf"]), strict=True)
    events.insert(2, "first_day", list(firsts))
    events.insert(3, "last_day", list(lasts))
    return events.sort_values(["first_day", "event_id"], ignore_index=True)


#: Colour and marker of each kind of event (colour is never the only cue).
EVENT_STYLE = {
    "before": ("sky blue", "o"),
    "decree": ("vermillion", "D"),
    "implementation": ("orange", "s"),
    "aftermath": ("bluish green", "^"),
}
#: The window of the deportation itself, drawn in the lower panel of the timeline.
WINDOW = (dt.date(1937, 8, 15), dt.date(1938, 1, 15))


def timeline_figure(events: pd.DataFrame | None = None) -> Figure:
    """Two-panel timeline: the long view (1884–1993) above, the autumn of 1937 below.

    Each event is a row; an event known only within a period is drawn as a bar over it.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    from helpers import plotting

    events = timeline() if events is None else events
    inside = events[(events["first_day"] >= WINDOW[0]) & (events["last_day"] <= WINDOW[1])]
    outside = events.drop(inside.index)
    fig, (top, bottom) = plotting.new_figure(
        2,
        1,
        width=9.5,
        height=0.28 * len(events) + 2.2,
        gridspec_kw={"height_ratios": [max(len(outside), 1), max(len(inside), 1)]},
    )
    for ax, part, pad in (
        (top, outside, dt.timedelta(days=500)),
        (bottom, inside, dt.timedelta(days=2)),
    ):
        right_edge = part["last_day"].max()
        for i, row in enumerate(part.itertuples()):
            colour, marker = EVENT_STYLE[row.kind]
            colour = plotting.OKABE_ITO[colour]
            if row.last_day > row.first_day:
                ax.hlines(-i, row.first_day, row.last_day, color=colour, linewidth=5, alpha=0.8)
            ax.plot([row.first_day], [-i], marker=marker, color=colour, markersize=6, linestyle="")
            left = row.last_day > right_edge - (right_edge - part["first_day"].min()) * 0.3
            x = row.first_day - pad if left else row.last_day + pad
            ax.text(x, -i, row.label, va="center", ha="right" if left else "left", fontsize=8.5)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(-len(part) + 0.4, 0.8)
    top.set_title("Before and after: 1884–1993")
    top.xaxis.set_major_locator(mdates.YearLocator(10))
    top.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    bottom.set_title("The deportation: August 1937 – January 1938")
    bottom.xaxis.set_major_locator(mdates.MonthLocator())
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    handles = [
        Line2D([], [], color=plotting.OKABE_ITO[c], marker=m, linestyle="", label=kind)
        for kind, (c, m) in EVENT_STYLE.items()
    ]
    top.legend(handles=handles, loc="lower left", ncols=4, fontsize=8.5)
    return fig
