"""The site's front page: ``book/index.md`` with its key facts and its map filled in from the data.

``book/index.md`` is the page's text, in Markdown, with ``{{ name }}`` where a fact goes. The
facts are read from the data through :mod:`helpers` (never typed), each linked to its row in the
Ledger. The picture is the schematic route map exactly as notebook 03 draws it (its committed or
freshly executed output, with its alt text), so the front page shows what nbval has checked; its
caption is the front page's own.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

import nbformat

from helpers import bibliography, evidence, ledger, places, sources
from helpers.dates import spoken
from helpers.values import fmt

DECREE = "sovnarkom-1428-326ss"
#: The code that draws the front page's picture in notebook 03.
MAP_CALL = "maps.route_map()"
MAP_FILE = "deportation-route.png"
_SLOT = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def _claim(claim_id: str) -> str:
    """A claim's figure, linked to its Ledger row from a page at the site's root."""
    row = ledger.claim(claim_id)
    return evidence.claim(claim_id, fmt(row["value"])).at_root().markdown()


def _figures(quantity: str) -> str:
    """How many different figures the sources give for ``quantity`` (rejected ones aside),
    linked to the quantity's section of the Ledger.
    """
    claims = ledger.by_quantity(quantity).query("kind != 'rejected'")
    figures = claims["value"].dropna().nunique()
    return evidence.quantity(quantity, fmt(figures)).at_root().markdown()


def _source_of(claim_id: str) -> str:
    """Who gives a claim, and where (as the Ledger's hover text says it)."""
    return evidence.provenance(ledger.claim(claim_id))


def facts() -> dict[str, str]:
    """The key facts of the front page, by slot name."""
    decree = sources.document(DECREE)
    witnesses = sources.witnesses(DECREE)
    return {
        "decree_date": spoken(decree["date_edtf"]),
        "decree_title": decree["title_en"],
        "decree_witnesses": "; ".join(bibliography.cite(w.source_id) for w in witnesses),
        "persons": _claim("c-deported-total-pohl"),
        "persons_date": spoken(ledger.claim("c-deported-total-pohl")["refers_to"]),
        "persons_source": _source_of("c-deported-total-pohl"),
        "families": _claim("c-families-total-livebooks"),
        "families_source": _source_of("c-families-total-livebooks"),
        "families_chang": _claim("c-families-total-chang"),
        "families_chang_source": _source_of("c-families-total-chang"),
        "last": _claim("c-last-group-pohl"),
        "last_date": spoken(ledger.claim("c-last-group-pohl")["refers_to"]),
        "grand": _claim("c-deported-grand-pohl"),
        "kazakh": places.english_name("kazakh-ssr"),
        "to_kazakh": _claim("c-to-kazakh-pohl"),
        "uzbek": places.english_name("uzbek-ssr"),
        "to_uzbek": _claim("c-to-uzbek-pohl"),
        "destinations_source": _source_of("c-to-kazakh-pohl"),
        "persons_figures": _figures("persons_deported"),
    }


def route_map(notebook: Path) -> tuple[bytes, str]:
    """The route map's PNG and alt text, from the output of the cell that draws it."""
    nb = nbformat.read(notebook, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and MAP_CALL in c.source]
    if len(cells) != 1:
        found = len(cells)
        raise ValueError(f"{notebook.name}: expected one cell calling {MAP_CALL}, found {found}")
    image = next((o for o in cells[0].outputs if "image/png" in o.get("data", {})), None)
    if image is None:
        raise ValueError(f"{notebook.name}: the cell calling {MAP_CALL} has no image output")
    return base64.b64decode(image["data"]["image/png"]), image["metadata"]["image/png"]["alt"]


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with every ``{{ name }}`` replaced; an unknown or unused name is an error."""
    wanted = set(_SLOT.findall(template))
    if wanted - values.keys() or values.keys() - wanted:
        missing, unused = sorted(wanted - values.keys()), sorted(values.keys() - wanted)
        raise KeyError(f"front page: slots without a value {missing}, values unused {unused}")
    return _SLOT.sub(lambda m: values[m.group(1)], template)


def write(stage: Path, notebook: Path, read_facts: Callable[[], dict[str, str]] = facts) -> None:
    """Fill the staged ``index.md`` and put the map beside it in ``_static/``."""
    png, alt = route_map(notebook)
    (stage / "_static").mkdir(exist_ok=True)
    (stage / "_static" / MAP_FILE).write_bytes(png)
    values = {**read_facts(), "map": f"_static/{MAP_FILE}", "map_alt": alt}
    page = stage / "index.md"
    page.write_text(fill(page.read_text(encoding="utf-8"), values), encoding="utf-8")
