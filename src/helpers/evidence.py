"""Every figure links to its evidence: the links the notebooks glue, and the Ledger page.

A figure glued into a notebook's prose is a :class:`Linked`: its Markdown is an HTML link (the
MyST role ``{glue:md}`` pastes it) to the row or section of the evidence the figure was read or
computed from, with a short provenance shown on hover; its plain text is the figure alone. The
links lead to the Ledger page that :func:`ledger_markdown` writes (a row per claim, a section per
quantity, the census counts) and to the data page (a section per table of the descriptor, and
the folders of texts and of the base map). Each kind of target has one anchor function, which
the links and the page share.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from helpers import bibliography, data, package, tables
from helpers.census import MIN_BASE, territory_name, territory_order
from helpers.dates import spoken
from helpers.ledger import KIND_ORDER, KIND_WORDS, bounds_text, rests_on
from helpers.ledger import claim as claim_row
from helpers.ledger import ledger as all_claims
from helpers.places import english_name
from helpers.values import fmt, is_missing

#: The generated pages, as a notebook page (``notebooks/NN_name.html``) links them.
LEDGER_PAGE = "../ledger.html"
DATA_PAGE = "../data.html"

#: The parts of the data page that are folders, not tables, with what a reader is told of them.
FILES = {
    "texts": "the transcriptions of the decree's witnesses and its translation (TEI)",
    "basemap": "the base map: today's borders (Natural Earth) and lakes (GSHHS)",
}

#: Anchors of the two parts of the Ledger page.
QUANTITIES = "ledger-quantities"
CENSUS = "ledger-census"

# Characters that Markdown or HTML could read as markup, as numeric character references.
_INLINE = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]{}()!$~|"})
# Characters that Markdown could read as markup in a table cell (``|`` is left to tables).
_CELL = re.compile(r"([\\`*_{}\[\]<>()#+!$~&])")


@dataclass(frozen=True)
class Linked:
    """A figure for prose that links to its evidence: plain text for ``{glue:text}`` and a
    JupyterLab glance, an HTML link for ``{glue:md}``.
    """

    text: str
    href: str
    title: str = ""

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        """``<a class="evidence" href="…" title="…">text</a>``, escaped for HTML and Markdown."""
        href, title = (html.escape(" ".join(s.split())) for s in (self.href, self.title))
        text = self.text.translate(_INLINE)
        return f'<a class="evidence" href="{href}" title="{title}">{text}</a>'

    def markdown(self) -> str:
        """The link as Markdown (raw HTML), for a generated page."""
        return self._repr_markdown_()

    def at_root(self) -> Linked:
        """The same link for a page at the site's root (the front page) instead of a notebook's."""
        return replace(self, href=self.href.removeprefix("../"))


# --------------------------------------------------------------------------------------------
# Anchors: one function per kind of target, for the links and the pages alike


def claim_anchor(claim_id: str) -> str:
    """The anchor of a claim's row on the Ledger page."""
    return f"claim-{claim_id}"


def quantity_anchor(quantity: str) -> str:
    """The anchor of a quantity's section on the Ledger page."""
    return "quantity-" + quantity.replace("_", "-")


def census_anchor(year: int, territory: str, source_id: str | None = None) -> str:
    """The anchor of a census cell (its first row) or, with ``source_id``, of one row of it."""
    cell = f"census-{int(year)}-{territory}"
    return cell if source_id is None else f"{cell}-{source_id or 'none'}"


def table_anchor(resource: str) -> str:
    """The anchor of a table's section on the data page."""
    return f"table-{resource}"


def file_anchor(name: str) -> str:
    """The anchor of a folder's section on the data page (:data:`FILES`)."""
    return f"file-{name}"


def data_anchors() -> set[str]:
    """Every anchor of the data page: a table of the descriptor, or a folder of :data:`FILES`."""
    return {table_anchor(n) for n in data.resource_names()} | {file_anchor(n) for n in FILES}


# --------------------------------------------------------------------------------------------
# Links


def _text(text: str | float) -> str:
    return text if isinstance(text, str) else fmt(text)


def provenance(row: dict[str, Any]) -> str:
    """Who states a claim and where: ``Pohl 2009, Li & Kim, Belaia kniga, doc. 52, pp. 114–115``."""
    cite = bibliography.cite(row["source_id"])
    return cite if is_missing(row["locator"]) else f"{cite}, {row['locator']}"


def quantity_label(quantity: str) -> str:
    """A quantity in words, for headings (the ``label`` column of ``quantities.csv``)."""
    return str(data.row("quantities", quantity)["label"])


def claim(claim_id: str, text: str | float | None = None) -> Linked:
    """A figure read from one claim, linked to its row; the text defaults to the claim's figure
    (its value, else its bounds).
    """
    row = claim_row(claim_id)
    if text is None:
        low_high = bounds_text(row["at_least"], row["at_most"])
        text = low_high if is_missing(row["value"]) else fmt(row["value"])
    return Linked(_text(text), f"{LEDGER_PAGE}#{claim_anchor(claim_id)}", provenance(row))


def check(check_id: str, text: str | float) -> Linked:
    """A figure of a sum check (a gap between parts and total), linked to the total's row."""
    return claim(data.row("checks", check_id)["total_claim_id"], text)


def quantity(name: str, text: str | float) -> Linked:
    """A figure computed from several claims of one quantity (a count, difference, share or
    ratio), linked to the quantity's section.
    """
    data.row("quantities", name)  # a clear error for an unknown quantity
    title = f"Every figure for {quantity_label(name).lower()} in the ledger, with its source"
    return Linked(_text(text), f"{LEDGER_PAGE}#{quantity_anchor(name)}", title)


def quantities(text: str | float) -> Linked:
    """A figure computed over the whole ledger, linked to its part of the Ledger page."""
    title = "Every figure in the ledger, by quantity, with its source"
    return Linked(_text(text), f"{LEDGER_PAGE}#{QUANTITIES}", title)


def census(text: str | float) -> Linked:
    """A figure computed over the census counts, linked to their part of the Ledger page."""
    title = "Koreans counted by the Soviet censuses, by territory, with their sources"
    return Linked(_text(text), f"{LEDGER_PAGE}#{CENSUS}", title)


def census_cell(year: int, territory: str, text: str | float) -> Linked:
    """A figure read from (or computed from, and starting at) one census cell, linked to it."""
    rows = data.load("census").query("census_year == @year and territory == @territory")
    if rows.empty:
        raise KeyError(f"no census row for {territory} in {year}")
    cites = sorted({bibliography.cite(s) for s in rows["source_id"] if not is_missing(s)})
    where = f"Census of {year}, {territory_name(territory, year)}"
    title = f"{where}: {'; '.join(cites) or 'no value found'}"
    return Linked(_text(text), f"{LEDGER_PAGE}#{census_anchor(year, territory)}", title)


def table(resource: str, text: str | float) -> Linked:
    """A figure counted or computed from a table of the data package, linked to its section of
    the data page.
    """
    title = package.resource(data.data_dir(), resource)["title"].split(" (")[0]
    href = f"{DATA_PAGE}#{table_anchor(resource)}"
    return Linked(_text(text), href, f"{title} (data table)")


def data_file(name: str, text: str | float) -> Linked:
    """A figure computed from a folder of the data package (:data:`FILES`), linked to it."""
    if name not in FILES:
        raise KeyError(f"unknown data folder '{name}'; known: {', '.join(sorted(FILES))}")
    title = FILES[name][0].upper() + FILES[name][1:]
    return Linked(_text(text), f"{DATA_PAGE}#{file_anchor(name)}", f"{title} (data)")


# --------------------------------------------------------------------------------------------
# The Ledger page


def cell_markdown(text: Any) -> str:
    """Text for a table cell, shown as written: Markdown's markup characters are escaped
    (pipes and new lines are left to :func:`helpers.tables.markdown`).
    """
    return "" if is_missing(text) else _CELL.sub(r"\\\1", str(text))


def _span(anchor: str) -> str:
    return f'<span id="{html.escape(anchor)}"></span>'


_KIND_NOTES = {
    "recorded": "usually a Soviet document's figure, as a historian reports it",
    "derived": "a sum of counts, or a product of counts and norms",
    "rounded": "a count printed rounded",
    "estimate": "someone's reckoning, an official's included",
    "plan": "what was planned, budgeted or allowed, not an observation",
    "rejected": "kept with the reason, so that it can be recognised, and not used",
}

INTRO = """\
Every figure that these pages take from a source is a *claim*: one figure, as one source
states it, for one quantity (persons deported, families, trains, deaths…), with the date or
period it refers to. This page lists every claim of the project's ledger, one section per
quantity, and then the census counts. Each figure in the notebooks' prose links to the row or
section it was read or computed from: here, or on the data page for what is counted in the other
tables.

figure
: the figure as the source states it; empty where the source gives only bounds.

bounds
: the lowest and highest figure the source allows: "more than 172,000" is written ≥ 172,000,
  "nearly 172,000" ≤ 172,000, "25–30" a range.

kind
: how strong the figure is, as the source allows: {kinds}.

refers to
: the date or period the figure is for; place: the territory or place it counts, where it is
  not the whole operation.

source and locator
: the work read for the figure, with the page or part of it; quotation: the source's own words.

rests on
: what the source copies or cites for the figure, back to the original document where it
  names one; empty where it names nothing or is itself the origin. Figures that rest on one
  document are one line of evidence, however often they are copied.

Rejected figures are kept, with the reason in the column *kind*, so that they can be recognised
where they turn up again; the notebooks do not use them.
"""

CENSUS_INTRO = """\
Koreans counted by the Soviet censuses, one row per value per source, by territory (named as it
was at each census) and year. A row without a value records a census and territory for which no
value was found in the sources read. Values from a doubtful source are kept and marked. The
notebooks compute no percentage change or share where the earlier count is below {base}
persons.
"""

# The ledger's columns as a definition may name them, and as this page heads them.
_COLUMNS = {"place_id": "the column “place”", "refers_to": "the column “refers to”"}

_CONFIDENCE = {
    "multi": "two independent sources agree",
    "single": "one source, or sources that may share a derivation",
}


def _kind(row: dict[str, Any]) -> str:
    words = KIND_WORDS[row["kind"]]
    return f"{words}: {row['rejected_because']}" if row["kind"] == "rejected" else words


def _claim_cells(row: dict[str, Any]) -> dict[str, str]:
    figure = "" if is_missing(row["value"]) else fmt(row["value"])
    quote = "" if is_missing(row["quote"]) else f"“{row['quote']}”"
    if quote and bibliography.entry(row["source_id"])["copy"] == "machine-translation":
        quote += " (the words of a machine translation, read in place of the original)"
    when, where = row["refers_to"], row["place_id"]
    return {
        "figure": _span(claim_anchor(row["claim_id"])) + figure,
        "bounds": bounds_text(row["at_least"], row["at_most"]),
        "unit": cell_markdown(row["unit"]),
        "kind": cell_markdown(_kind(row)),
        "refers to": "" if is_missing(when) else cell_markdown(spoken(when)),
        "place": "" if is_missing(where) else cell_markdown(english_name(where)),
        "source and locator": cell_markdown(provenance(row)),
        "quotation": cell_markdown(quote),
        "rests on": cell_markdown(rests_on(row["derived_from"], row["source_id"])),
        "covers": cell_markdown(row["scope"]),
    }


def _quantity_section(name: str, definition: str, claims: pd.DataFrame) -> list[str]:
    order = ["place", "value", "at_least", "at_most", "source_id", "claim_id"]
    ordered = claims.assign(place=claims["place_id"].fillna("")).sort_values(order)
    cells = pd.DataFrame([_claim_cells(r) for r in ordered.to_dict("records")])
    if not cells["covers"].ne("").any():
        cells = cells.drop(columns="covers")
    return [
        f"({quantity_anchor(name)})=",
        f"### {quantity_label(name)}",
        "",
        cell_markdown(re.sub(r"\b\w+_\w+\b", lambda m: _COLUMNS.get(m[0], m[0]), definition)),
        "",
        tables.markdown(cells),
        "",
    ]


def _flag(value: Any) -> bool:
    return not is_missing(value) and bool(value)


def _remarks(row: dict[str, Any]) -> str:
    if is_missing(row["koreans"]):
        found = "no value found" if is_missing(row["source_id"]) else "no exact figure printed"
        return found
    parts = [_CONFIDENCE.get(str(row["confidence"]), "")]
    parts += ["printed rounded"] if _flag(row["rounded"]) else []
    parts += ["doubtful source"] if _flag(row["doubtful"]) else []
    return "; ".join(p for p in parts if p)


def _census_figure(row: dict[str, Any]) -> str:
    """A census row's figure: the count, a lower bound (``≥ 437,000``) or a dash."""
    if not is_missing(row["koreans"]):
        return fmt(row["koreans"])
    return "—" if is_missing(row["at_least"]) else f"≥ {fmt(row['at_least'])}"


def _census_cells(row: dict[str, Any], first: bool) -> dict[str, str]:
    year, territory, source = row["census_year"], row["territory"], row["source_id"]
    spans = _span(census_anchor(year, territory)) if first else ""
    spans += _span(census_anchor(year, territory, "" if is_missing(source) else source))
    return {
        "census": spans + str(int(year)),
        "territory": cell_markdown(territory_name(territory, int(year))),
        "Koreans": _census_figure(row),
        "source and locator": "" if is_missing(source) else cell_markdown(provenance(row)),
        "remarks": cell_markdown(_remarks(row)),
    }


def _census_section() -> list[str]:
    counts = data.load("census")
    order = {t: i for i, t in enumerate(territory_order())}
    counts["order"] = counts["territory"].map(order)
    counts["cite"] = [("" if is_missing(s) else bibliography.cite(s)) for s in counts["source_id"]]
    counts = counts.sort_values(["order", "territory", "census_year", "cite", "source_id"])
    seen: set[tuple[int, str]] = set()
    rows = []
    for row in counts.to_dict("records"):
        cell = (int(row["census_year"]), row["territory"])
        rows.append(_census_cells(row, cell not in seen))
        seen.add(cell)
    return [
        f"({CENSUS})=",
        "## Census counts",
        "",
        CENSUS_INTRO.format(base=fmt(MIN_BASE)),
        tables.markdown(pd.DataFrame(rows)),
        "",
    ]


def ledger_markdown() -> str:
    """The Ledger page as MyST Markdown: an introduction for readers, a section per quantity
    (a row per claim, each anchored) and the census counts (each row anchored). Internal ids
    appear only in anchors.
    """
    kinds = "; ".join(f"*{KIND_WORDS[k]}* ({_KIND_NOTES[k]})" for k in KIND_ORDER)
    claims = all_claims()
    lines = ["# Ledger of figures", "", INTRO.format(kinds=kinds), f"({QUANTITIES})="]
    lines += ["## Figures by quantity", ""]
    lines += ["Each section holds the claims of one quantity, by place and figure.", ""]
    for row in data.load("quantities").sort_values("quantity").itertuples():
        chosen = claims[claims["quantity"] == row.quantity]
        lines += _quantity_section(row.quantity, row.definition, chosen)
    return "\n".join(lines + _census_section())
