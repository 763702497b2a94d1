"""Try bad inputs on a copy of ``data/`` and write what the validator says: docs/robustness.md.

    .venv/bin/python tools/robustness.py          # regenerate docs/robustness.md
    .venv/bin/python tools/robustness.py --check  # exit 1 if docs/robustness.md is out of date

Each case breaks one thing in a temporary copy of ``data/`` (one copy for all cases; the files a
case changes are restored after it), runs :func:`helpers.validate.collect` and records the first
problem reported. The verdict is *clear* when that problem names the file and the row and column
the case broke (or the file and row where no column applies, or only the file where neither
does), *vague* when it names another place or none, *silent* when nothing is reported and
*traceback* when the validator raises.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers import validate

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
DOC = ROOT / "docs" / "robustness.md"
CLAIMS, CENSUS, GAZ = "figures/claims.csv", "figures/census.csv", "geo/gazetteer.csv"
ROUTE, BIB, EVENTS = "geo/route.csv", "bibliography.csv", "sources/events.csv"
DOCUMENTS, CHECKS, CROSS = "sources/documents.csv", "figures/checks.csv", "geo/crosswalk_1937.csv"
W2 = "sources/texts/sovnarkom-1428-326ss.w2.ru.xml"
EN = "sources/texts/sovnarkom-1428-326ss.en.xml"
COUNTRIES = "geo/basemap/countries.geojson"
DESCRIPTOR = "datapackage.json"

#: Where a case expects its problem: (file relative to data/, row or None, column or None).
Where = tuple[str, "int | None", "str | None"]


class Workspace:
    """One copy of ``data/`` whose changed files are put back by :meth:`restore`."""

    def __init__(self, root: Path):
        self.root, self.saved = root, {}

    def read(self, rel: str) -> bytes:
        """Return the bytes of file ``rel`` as they are now."""
        return (self.root / rel).read_bytes()

    def write(self, rel: str, raw: bytes | None) -> None:
        """Replace file ``rel`` (``None`` deletes it), keeping the original for restore."""
        path = self.root / rel
        if rel not in self.saved:
            self.saved[rel] = path.read_bytes() if path.exists() else None
        if raw is None:
            path.unlink()
        else:
            path.write_bytes(raw)

    def restore(self) -> None:
        """Put every changed file back as it was."""
        for rel, raw in self.saved.items():
            path = self.root / rel
            if raw is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(raw)
        self.saved = {}


# --------------------------------------------------------------------------------------------
# Edits: each changes the copy and returns where the problem is


def rows_of(ws: Workspace, rel: str) -> list[list[str]]:
    """Return the records of CSV file ``rel``."""
    return list(csv.reader(io.StringIO(ws.read(rel).decode("utf-8"), newline="")))


def write_rows(ws: Workspace, rel: str, rows: list[list[str]]) -> None:
    """Write ``rows`` to CSV file ``rel``."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    ws.write(rel, out.getvalue().encode("utf-8"))


def cell(rel: str, row: int, column: str, value: str) -> Callable[[Workspace], Where]:
    """Set the cell at ``row`` (the line; the header is row 1) and ``column`` of ``rel``."""

    def edit(ws: Workspace) -> Where:
        rows = rows_of(ws, rel)
        rows[row - 1][rows[0].index(column)] = value
        write_rows(ws, rel, rows)
        return rel, row, column

    return edit


def cells(rel: str, row: int, values: dict[str, str], column: str) -> Callable[[Workspace], Where]:
    """Set several cells of one row; the problem is expected in ``column``."""

    def edit(ws: Workspace) -> Where:
        for name, value in values.items():
            cell(rel, row, name, value)(ws)
        return rel, row, column

    return edit


def raw(
    rel: str, old: bytes, new: bytes, row: int | None, column: str | None = None
) -> Callable[[Workspace], Where]:
    """Replace the first ``old`` by ``new`` in the bytes of ``rel``."""

    def edit(ws: Workspace) -> Where:
        text = ws.read(rel)
        assert old in text, (rel, old)
        ws.write(rel, text.replace(old, new, 1))
        return rel, row, column

    return edit


def line(
    rel: str, row: int, new: bytes, where: Where | None = None
) -> Callable[[Workspace], Where]:
    """Replace line ``row`` of ``rel`` by ``new`` (``b""`` with no newline: drop the rest)."""

    def edit(ws: Workspace) -> Where:
        lines = ws.read(rel).split(b"\n")
        lines[row - 1] = new
        ws.write(rel, b"\n".join(lines))
        return where or (rel, row, None)

    return edit


def header_only(rel: str) -> Callable[[Workspace], Where]:
    """Keep only the header row of ``rel``."""

    def edit(ws: Workspace) -> Where:
        ws.write(rel, ws.read(rel).split(b"\n")[0] + b"\n")
        return rel, 2, None

    return edit


def whole(rel: str, content: bytes | None, row: int | None = None) -> Callable[[Workspace], Where]:
    """Replace the whole of ``rel`` (``None``: delete it)."""

    def edit(ws: Workspace) -> Where:
        ws.write(rel, content)
        return rel, row, None

    return edit


def descriptor(
    change: Callable[[dict[str, Any]], None], name: str | None = None, nth: int = 0
) -> Callable[[Workspace], Where]:
    """Change the parsed descriptor and write it back; the problem is on ``name``'s line."""

    def edit(ws: Workspace) -> Where:
        parsed = json.loads(ws.read(DESCRIPTOR))
        change(parsed)
        text = json.dumps(parsed, indent=2, ensure_ascii=False) + "\n"
        ws.write(DESCRIPTOR, text.encode())
        lines = text.split("\n")
        rows = [i for i, x in enumerate(lines, 1) if x == f'      "name": "{name}",']
        row = rows[nth] if name else None
        return DESCRIPTOR, row, None

    return edit


def resource(parsed: dict[str, Any], name: str) -> dict[str, Any]:
    """Return the descriptor's entry for ``name``."""
    return next(r for r in parsed["resources"] if r["name"] == name)


def field(parsed: dict[str, Any], name: str, column: str) -> dict[str, Any]:
    """Return the descriptor's field ``column`` of resource ``name``."""
    return next(f for f in resource(parsed, name)["schema"]["fields"] if f["name"] == column)


def features_without(name: str) -> Callable[[Workspace], Where]:
    """Drop the feature called ``name`` from the countries layer."""

    def edit(ws: Workspace) -> Where:
        lines = ws.read(COUNTRIES).split(b"\n")
        kept = [x for x in lines if f'"name":"{name}"'.encode() not in x]
        ws.write(COUNTRIES, b"\n".join(kept))
        return COUNTRIES, None, None

    return edit


def prepend(rel: str, prefix: bytes) -> Callable[[Workspace], Where]:
    """Put ``prefix`` before the bytes of ``rel`` (the problem is on row 1)."""

    def edit(ws: Workspace) -> Where:
        ws.write(rel, prefix + ws.read(rel))
        return rel, 1, None

    return edit


def recode(rel: str, encoding: str) -> Callable[[Workspace], Where]:
    """Save ``rel`` in another encoding (the problem is on row 1)."""

    def edit(ws: Workspace) -> Where:
        ws.write(rel, ws.read(rel).decode("utf-8").encode(encoding))
        return rel, 1, None

    return edit


def _first_row(rel: str, **match: str) -> int:
    """Return the row (line) of the first record of ``rel`` whose columns match and are set."""
    with (DATA / rel).open(encoding="utf-8", newline="") as handle:
        for row, record in enumerate(csv.DictReader(handle), 2):
            if all(record[k] == v if v != "*" else record[k] for k, v in match.items()):
                return row
    raise LookupError(f"{rel}: no row with {match}")


def _value(rel: str, row: int, column: str) -> str:
    """Return the real cell at ``row`` and ``column`` of ``rel``."""
    with (DATA / rel).open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    return records[row - 1][records[0].index(column)]


POINT = _first_row(GAZ, role="destination", lat="*")
REJECTED = _first_row(CLAIMS, kind="rejected")
NO_VALUE = _first_row(CLAIMS, value="", kind="estimate")
TASHKENT = _first_row(ROUTE, branch="tashkent", seq="1")


def _descriptor_cp1251(ws: Workspace) -> Where:
    text = (
        ws.read(DESCRIPTOR)
        .decode("utf-8")
        .replace('"title": "Koryo 1937', '"title": "Корё 1937', 1)
    )
    ws.write(DESCRIPTOR, text.encode("cp1251", errors="replace"))
    row = text.split("\n").index(next(x for x in text.split("\n") if "Корё" in x)) + 1
    return DESCRIPTOR, row, None


def _folder_path(ws: Workspace) -> Where:
    where = descriptor(_set("events/path", "sources/texts"), "events")(ws)
    return where


def _delete_w1(ws: Workspace) -> Where:
    ws.write(W2.replace(".w2.", ".w1."), None)
    lines = ws.read(EN).split(b"\n")
    first = next(i for i, text in enumerate(lines, 1) if b".w1.ru.xml#" in text)
    return EN, first, None


def _bad_json(ws: Workspace) -> Where:
    return line(COUNTRIES, 5, b",", (COUNTRIES, 5, None))(ws)


def _text_coordinates(ws: Workspace) -> Where:
    lines = ws.read(COUNTRIES).split(b"\n")
    row = next(i for i, x in enumerate(lines, 1) if b'"name":"Mongolia"' in x)
    head, _, _ = lines[row - 1].partition(b'"coordinates":')
    lines[row - 1] = head + b'"coordinates":"x"}},'
    ws.write(COUNTRIES, b"\n".join(lines))
    return COUNTRIES, row, None


def _admin1_cp1251(ws: Workspace) -> Where:
    rel = "geo/basemap/admin1.geojson"
    lines = ws.read(rel).split(b"\n")
    lines[2] = lines[2].replace(b'"name":', b'"name\xe9":', 1)
    ws.write(rel, b"\n".join(lines))
    return rel, 3, None


# --------------------------------------------------------------------------------------------
# The cases: (class, what was changed, edit)

Case = tuple[str, str, Callable[[Workspace], Where]]

CASES: list[Case] = [
    # CSV structure
    (
        "malformed CSV",
        "claims row 7: a quote opens before 'claim_id' and never closes",
        raw(CLAIMS, b"c-deported-total-kkwiki,", b'"c-deported-total-kkwiki,', 7, "claim_id"),
    ),
    (
        "malformed CSV",
        "gazetteer row 4: an unclosed quote opening mid-file",
        raw(GAZ, b"kazakh-ssr,", b'"kazakh-ssr,', 4, "id"),
    ),
    (
        "malformed CSV",
        'claims row 7: text after a closing quote (`"lead"x`)',
        raw(CLAIMS, b"1937-10-25,lead,", b'1937-10-25,"lead"x,', 7, "locator"),
    ),
    (
        "malformed CSV",
        "claims row 5: a line break inside a quoted 'claim_id'",
        raw(CLAIMS, b"c-deported-total-adc,", b'"c-deported\ntotal-adc",', 5, "claim_id"),
    ),
    (
        "malformed CSV",
        "census row 9: two fields fewer than the header (which two is unknown)",
        line(CENSUS, 9, b"1926,ukr-ssr,1,false,,oka-dp9816-hyou7,t,single", (CENSUS, 9, None)),
    ),
    (
        "malformed CSV",
        "census row 11: one field more than the header",
        line(CENSUS, 11, b"1939,ussr,,,,,,,,note,extra"),
    ),
    (
        "malformed CSV",
        "route: a blank line at row 10",
        raw(ROUTE, b"\ntrunk,9,", b"\n\ntrunk,9,", 10),
    ),
    (
        "encoding",
        "claims row 2: a cp1251 byte (0xE0) in 'quote'",
        raw(CLAIMS, b"The total number", b"Th\xe0 total number", 2, "quote"),
    ),
    (
        "encoding",
        "gazetteer row 2: 'title' in cp1251",
        raw(GAZ, "СССР".encode(), "СССР".encode("cp1251"), 2, "title"),
    ),
    (
        "encoding",
        "events row 3: a Latin-1 byte (0xE9) in 'label'",
        raw(EVENTS, b"Far Eastern Krai formed", b"Far Eastern Kr\xe9i formed", 3, "label"),
    ),
    ("encoding", "quantities saved as UTF-16", recode("figures/quantities.csv", "utf-16")),
    (
        "encoding",
        "crosswalk saved as cp1251",
        lambda ws: (recode(CROSS, "cp1251")(ws), (CROSS, 2, "unit_1937"))[1],
    ),
    ("encoding", "bibliography starts with a byte-order mark", prepend(BIB, b"\xef\xbb\xbf")),
    (
        "header",
        "claims: 'value' twice in the header",
        raw(CLAIMS, b"value,at_least,", b"value,value,", 1, "value"),
    ),
    (
        "header",
        "claims: 'source_id' renamed 'source'",
        raw(CLAIMS, b",source_id,", b",source,", 1, "source_id"),
    ),
    (
        "header",
        "route: 'line' and 'opened' swapped in the header",
        raw(ROUTE, b"place_id,line,opened", b"place_id,opened,line", 1, "opened"),
    ),
    (
        "header",
        "events: a trailing space in the header name 'note '",
        raw(EVENTS, b"source_ids,note\n", b"source_ids,note \n", 1, "note"),
    ),
    ("header-only", "claims: only the header row", header_only(CLAIMS)),
    ("header-only", "gazetteer: only the header row", header_only(GAZ)),
    ("empty file", "route: an empty file", whole(ROUTE, b"", 1)),
    ("missing file", "checks.csv deleted", whole(CHECKS, None)),
    # Text that hides something
    (
        "control character",
        "claims row 3: BEL (U+0007) in 'claim_id'",
        cell(CLAIMS, 3, "claim_id", "c-deported\x07-total"),
    ),
    (
        "control character",
        "gazetteer row 7: a tab in 'title'",
        cell(GAZ, 7, "title", "Дальне\tвосточный край"),
    ),
    ("control character", "bibliography row 4: NUL in 'note'", cell(BIB, 4, "note", "Mirror\x00")),
    (
        "control character",
        "events row 5: C1 control U+0085 in 'event_en'",
        cell(EVENTS, 5, "event_en", "The first\x85settlers"),
    ),
    (
        "zero-width",
        "claims row 4: zero-width space in 'claim_id'",
        cell(CLAIMS, 4, "claim_id", "c-deported-total\u200b-liquisearch"),
    ),
    (
        "zero-width",
        "gazetteer row 5: zero-width joiner in 'title'",
        cell(GAZ, 5, "title", "Узбекская\u200d ССР"),
    ),
    (
        "zero-width",
        "documents row 3: soft hyphen in 'title_en'",
        cell(DOCUMENTS, 3, "title_en", "On the evic\u00adtion"),
    ),
    (
        "zero-width",
        "bibliography row 6: word joiner U+2060 in 'id'",
        cell(BIB, 6, "id", "artikeldigital\u2060-irkutsk"),
    ),
    (
        "bidi",
        "gazetteer row 6: right-to-left override U+202E in 'title'",
        cell(GAZ, 6, "title", "\u202eКиргизская ССР"),
    ),
    (
        "bidi",
        "claims row 8: left-to-right mark U+200E in 'quote'",
        cell(CLAIMS, 8, "quote", "171\u200e781"),
    ),
    (
        "bidi",
        "events row 2: first-strong isolate U+2068 in 'label'",
        cell(EVENTS, 2, "label", "Russo-\u2068Korean treaty"),
    ),
    (
        "look-alike",
        "gazetteer row 4: Latin 'K', 'a' in the Cyrillic 'title'",
        cell(GAZ, 4, "title", "Kaзахская ССР"),
    ),
    (
        "look-alike",
        "gazetteer row 3: Cyrillic 'С' in the variant RSFSR@en",
        cell(GAZ, 3, "variants", "RSFСR@en"),
    ),
    (
        "look-alike",
        "claims row 2: Cyrillic 'с' starting 'claim_id'",
        cell(CLAIMS, 2, "claim_id", "с-deported-total-pohl"),
    ),
    (
        "look-alike",
        "documents row 5: Cyrillic 'о' in 'doc_id'",
        cell(DOCUMENTS, 5, "doc_id", _value(DOCUMENTS, 5, "doc_id").replace("o", "о", 1)),
    ),
    (
        "look-alike",
        "bibliography row 5: Cyrillic 'е' in 'author'",
        cell(BIB, 5, "author", "Arsenеv, Vladimir"),
    ),
    (
        "look-alike",
        "crosswalk row 2: Latin 'o' in 'unit_1937'",
        cell(CROSS, 2, "unit_1937", "Дальневoсточный край"),
    ),
    (
        "spaces",
        "claims row 6: trailing space in 'source_id'",
        cell(CLAIMS, 6, "source_id", "gwangju-news-uzbekistan "),
    ),
    # Numbers
    ("number", "claims row 2: 'value' 171_781 (underscore)", cell(CLAIMS, 2, "value", "171_781")),
    ("number", "census row 4: 'koreans' in Arabic-Indic digits", cell(CENSUS, 4, "koreans", "٤٢")),
    ("number", "census row 4: 'koreans' in full-width digits", cell(CENSUS, 4, "koreans", "４２")),
    ("number", "claims row 3: 'value' 1e5 (exponent)", cell(CLAIMS, 3, "value", "1e5")),
    ("number", "census row 5: 'koreans' 4.2e1", cell(CENSUS, 5, "koreans", "4.2e1")),
    ("number", "claims row 4: 'value' 171,781", cell(CLAIMS, 4, "value", "171,781")),
    ("number", "claims row 5: 'value' NaN", cell(CLAIMS, 5, "value", "NaN")),
    ("number", "claims row 5: 'value' Infinity", cell(CLAIMS, 5, "value", "Infinity")),
    ("number", "claims row 6: 'value' +171781", cell(CLAIMS, 6, "value", "+171781")),
    (
        "number",
        f"gazetteer row {POINT}: 'lat' with a decimal comma",
        cell(GAZ, POINT, "lat", "46,5"),
    ),
    ("number", "route row 3: 'seq' 2.0 in an integer column", cell(ROUTE, 3, "seq", "2.0")),
    ("overflow", "census row 7: 'koreans' 2**64", cell(CENSUS, 7, "koreans", str(2**64))),
    ("overflow", "bibliography row 3: 'year' 2**64", cell(BIB, 3, "year", str(2**64))),
    ("overflow", "route row 4: 'seq' -2**63-1", cell(ROUTE, 4, "seq", str(-(2**63) - 1))),
    (
        "overflow",
        "claims row 7: 'value' 10**400 (beyond a float)",
        cell(CLAIMS, 7, "value", "1" + "0" * 400),
    ),
    ("plausible maximum", "claims row 2: 171781000 persons", cell(CLAIMS, 2, "value", "171781000")),
    ("plausible maximum", "census row 8: 'koreans' 9000000", cell(CENSUS, 8, "koreans", "9000000")),
    (
        "plausible maximum",
        "claims row 3: 'at_most' 5000000 persons",
        cells(CLAIMS, 3, {"value": "", "at_most": "5000000"}, "at_most"),
    ),
    ("plausible maximum", "bibliography row 3: 'year' 2206", cell(BIB, 3, "year", "2206")),
    ("range", "claims row 4: negative 'value'", cell(CLAIMS, 4, "value", "-171781")),
    ("range", f"gazetteer row {POINT}: 'lat' 91", cell(GAZ, POINT, "lat", "91")),
    ("boolean", "census row 4: 'rounded' yes", cell(CENSUS, 4, "rounded", "yes")),
    ("boolean", "route row 2: 'schematic' True", cell(ROUTE, 2, "schematic", "True")),
    # Dates
    (
        "EDTF",
        "claims row 2: interval ending before it starts",
        cell(CLAIMS, 2, "refers_to", "1937-10-25/1937-09-01"),
    ),
    (
        "EDTF",
        "events row 4: approximate interval ending before it starts",
        cell(EVENTS, 4, "date_edtf", "1928-04~/1927"),
    ),
    ("EDTF", "documents row 2: month 13", cell(DOCUMENTS, 2, "date_edtf", "1937-13-01")),
    ("EDTF", "events row 8: 30 February", cell(EVENTS, 8, "date_edtf", "1937-02-30")),
    ("EDTF", "claims row 3: '25 Oct 1937'", cell(CLAIMS, 3, "refers_to", "25 Oct 1937")),
    ("EDTF", "events row 6: a required date left empty", cell(EVENTS, 6, "date_edtf", "")),
    (
        "EDTF",
        "route row 3: 'opened' 1893-1-1 (no zero padding)",
        cell(ROUTE, 3, "opened", "1893-1-1"),
    ),
    # Constraints
    ("enum", "claims row 4: 'kind' guess", cell(CLAIMS, 4, "kind", "guess")),
    ("enum", "documents row 4: 'text_status' Full", cell(DOCUMENTS, 4, "text_status", "Full")),
    ("pattern", "claims row 5: 'claim_id' with a space", cell(CLAIMS, 5, "claim_id", "c one")),
    ("pattern", "gazetteer row 3: 'matches' Q123 without wd:", cell(GAZ, 3, "matches", "Q123")),
    (
        "pattern",
        "bibliography row 2: 'accessed' 27.11.2026",
        cell(BIB, 2, "accessed", "27.11.2026"),
    ),
    ("maxLength", "events row 2: a 'label' of 60 characters", cell(EVENTS, 2, "label", "x" * 60)),
    ("required", "claims row 6: 'source_id' empty", cell(CLAIMS, 6, "source_id", "")),
    # Keys
    (
        "unique",
        "claims row 3: 'claim_id' repeats row 2",
        cell(CLAIMS, 3, "claim_id", "c-deported-total-pohl"),
    ),
    (
        "unique",
        "route row 3: (branch, seq) repeats row 2",
        cells(ROUTE, 3, {"seq": "1"}, "branch+seq"),
    ),
    (
        "foreign key",
        "claims row 2: 'source_id' typo",
        cell(CLAIMS, 2, "source_id", "pohl-2009-last-trian"),
    ),
    (
        "foreign key",
        "claims row 3: unknown 'quantity'",
        cell(CLAIMS, 3, "quantity", "persons_deportd"),
    ),
    (
        "foreign key",
        "events row 4: unknown 'doc_id'",
        cell(EVENTS, 4, "doc_id", "decree-1928-04-31"),
    ),
    (
        "foreign key",
        "checks row 2: unknown 'total_claim_id'",
        cell(CHECKS, 2, "total_claim_id", "c-nowhere"),
    ),
    (
        "id list",
        "events row 2: an unknown id in 'source_ids'",
        cell(EVENTS, 2, "source_ids", "softlk-korean-operation;wikisum-deportaton"),
    ),
    (
        "id list",
        "events row 3: an empty item in 'source_ids' (a;;b)",
        cell(EVENTS, 3, "source_ids", "wiki7-pt-dvk;;wiki7-pt-dvk"),
    ),
    (
        "id list",
        "documents row 4: a trailing ';' in 'source_ids'",
        cell(DOCUMENTS, 4, "source_ids", _value(DOCUMENTS, 4, "source_ids") + ";"),
    ),
    # Row and cross-table rules
    (
        "claims rule",
        f"claims row {NO_VALUE}: at_least above at_most",
        cells(CLAIMS, NO_VALUE, {"at_least": "40000"}, "at_least"),
    ),
    (
        "claims rule",
        "claims row 2: value above its own at_most",
        cells(CLAIMS, 2, {"at_most": "100000"}, "value"),
    ),
    (
        "claims rule",
        f"claims row {REJECTED}: kind rejected but no reason",
        cell(CLAIMS, REJECTED, "rejected_because", ""),
    ),
    (
        "claims rule",
        "claims row 2: a reason given for a recorded claim",
        cell(CLAIMS, 2, "rejected_because", "typo"),
    ),
    (
        "claims rule",
        "claims row 2: unit 'trains' for persons_deported",
        cell(CLAIMS, 2, "unit", "trains"),
    ),
    ("claims rule", "claims row 2: no value and no bounds", cell(CLAIMS, 2, "value", "")),
    ("claims rule", "claims row 2: no date on a recorded claim", cell(CLAIMS, 2, "refers_to", "")),
    (
        "checks rule",
        f"checks row 2: a part with no single value (row {NO_VALUE} of claims)",
        cell(
            CHECKS, 2, "part_claim_ids", "c-to-kazakh-pohl;" + _value(CLAIMS, NO_VALUE, "claim_id")
        ),
    ),
    (
        "census rule",
        "census row 4: territory is a station",
        cell(CENSUS, 4, "territory", "st-vladivostok"),
    ),
    (
        "census rule",
        "census row 4: koreans without source_id",
        cells(CENSUS, 4, {"source_id": "", "locator": ""}, "source_id"),
    ),
    (
        "census rule",
        "census row 2: confidence without koreans",
        cell(CENSUS, 2, "confidence", "single"),
    ),
    (
        "census rule",
        "census row 4: a lower bound beside a count",
        cell(CENSUS, 4, "at_least", "40"),
    ),
    (
        "census rule",
        "census row 2: a lower bound without a source",
        cell(CENSUS, 2, "at_least", "40"),
    ),
    ("route rule", "route row 5: seq jumps to 70", cell(ROUTE, 5, "seq", "70")),
    (
        "route rule",
        "route row 3: a station without coordinates",
        cell(ROUTE, 3, "place_id", "ussr"),
    ),
    (
        "route rule",
        f"route row {TASHKENT}: a branch starting off the trunk",
        cell(ROUTE, TASHKENT, "place_id", "a-balkhash"),
    ),
    (
        "gazetteer rule",
        f"gazetteer row {POINT}: latitude and longitude swapped",
        cells(
            GAZ, POINT, {"lat": _value(GAZ, POINT, "lon"), "lon": _value(GAZ, POINT, "lat")}, "lat"
        ),
    ),
    (
        "gazetteer rule",
        f"gazetteer row {POINT}: a point outside its role's area",
        cell(GAZ, POINT, "lat", "10"),
    ),
    ("gazetteer rule", f"gazetteer row {POINT}: lat without lon", cell(GAZ, POINT, "lon", "")),
    (
        "gazetteer rule",
        f"gazetteer row {POINT}: coordinates without geo_source",
        cell(GAZ, POINT, "geo_source", ""),
    ),
    # URLs and tagged names
    (
        "URL",
        "bibliography row 2: a double quote in 'read_at'",
        cell(BIB, 2, "read_at", 'https://actionvideo.ru/cs/"onmouseover=x'),
    ),
    (
        "URL",
        "bibliography row 3: angle brackets in 'read_at'",
        cell(BIB, 3, "read_at", "https://adcmemorial.org/<script>"),
    ),
    (
        "URL",
        "bibliography row 4: a single quote in 'read_at'",
        cell(BIB, 4, "read_at", "https://a.ru/x'y"),
    ),
    (
        "URL",
        "bibliography row 5: a space in 'read_at'",
        cell(BIB, 5, "read_at", "https://litbit.ru/a b"),
    ),
    ("URL", "bibliography row 6: javascript: URL", cell(BIB, 6, "read_at", "javascript:alert(1)")),
    ("URL", "bibliography row 7: no scheme", cell(BIB, 7, "read_at", "www.bazanpa.ru/vs-rsfsr")),
    (
        "tagged names",
        "gazetteer row 2: a variant with no language tag",
        cell(GAZ, 2, "variants", "USSR@en;Soviet Union"),
    ),
    ("tagged names", "gazetteer row 3: an empty tag (RSFSR@)", cell(GAZ, 3, "variants", "RSFSR@")),
    ("tagged names", "gazetteer row 4: a tag with no name (@en)", cell(GAZ, 4, "variants", "@en")),
    (
        "tagged names",
        "gazetteer row 5: a tag that is not a language code (@english)",
        cell(GAZ, 5, "variants", "Uzbek SSR@english"),
    ),
    (
        "tagged names",
        "gazetteer row 6: a trailing ';'",
        cell(GAZ, 6, "variants", "Kirghiz SSR@en;"),
    ),
]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Return a change setting ``resource/key/...`` of the descriptor to ``value``."""
    name, *keys = path.split("/")

    def change(parsed: dict[str, Any]) -> None:
        target = resource(parsed, name)
        for key in keys[:-1]:
            target = target[key] if not key.isdigit() else target[int(key)]
        if value is _DELETE:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value

    return change


_DELETE = object()

DESCRIPTOR_CASES: list[Case] = [
    (
        "descriptor",
        "not valid JSON (a trailing comma on line 3)",
        raw(DESCRIPTOR, b'"name": "koryo1937",', b'"name": "koryo1937",,', 3),
    ),
    ("descriptor", "saved in cp1251 with a Cyrillic description", _descriptor_cp1251),
    ("descriptor", "datapackage.json deleted", whole(DESCRIPTOR, None)),
    ("descriptor", "no 'resources' key", descriptor(lambda d: d.pop("resources"))),
    ("descriptor", "'resources' is an empty list", descriptor(lambda d: d.update(resources=[]))),
    ("descriptor", "claims: no schema", descriptor(_set("claims/schema", _DELETE), "claims")),
    (
        "descriptor",
        "census: schema without 'fields'",
        descriptor(_set("census/schema/fields", _DELETE), "census"),
    ),
    ("descriptor", "route: path '../x.csv'", descriptor(_set("route/path", "../x.csv"), "route")),
    (
        "descriptor",
        "checks: absolute path /etc/passwd",
        descriptor(_set("checks/path", "/etc/passwd"), "checks"),
    ),
    ("descriptor", "events: path names a folder", _folder_path),
    (
        "descriptor",
        "quantities: a field type 'date' the helpers do not support",
        descriptor(_set("quantities/schema/fields/1/type", "date"), "quantities"),
    ),
    (
        "descriptor",
        "bibliography: a pattern that is not a regular expression",
        descriptor(
            _set("bibliography/schema/fields/0/constraints/pattern", "[a-z"), "bibliography"
        ),
    ),
    (
        "descriptor",
        "claims: a foreign key to a table that does not exist",
        descriptor(_set("claims/schema/foreignKeys/0/reference/resource", "quantity"), "claims"),
    ),
    (
        "descriptor",
        "events: 'x-list-of' names a table that does not exist",
        descriptor(_set("events/schema/fields/6/x-list-of", "bibliografy"), "events"),
    ),
    (
        "descriptor",
        "gazetteer: primaryKey names a column that does not exist",
        descriptor(_set("gazetteer/schema/primaryKey", "place_id"), "gazetteer"),
    ),
    (
        "descriptor",
        "two resources named 'claims'",
        descriptor(_set("checks/name", "claims"), "claims", nth=1),
    ),
]


TEI_CASES: list[Case] = [
    (
        "TEI DOCTYPE",
        "witness W2: a DOCTYPE after the XML declaration",
        raw(W2, b"<TEI ", b'<!DOCTYPE TEI SYSTEM "file:///etc/passwd">\n<TEI ', 2),
    ),
    (
        "TEI entity",
        "witness W2: an internal ENTITY declaration",
        raw(W2, b"<TEI ", b'<!DOCTYPE TEI [<!ENTITY x "boom">]>\n<TEI ', 2),
    ),
    (
        "TEI entity",
        "witness W2 row 29: an undeclared entity &nbsp;",
        raw(W2, "2. К выселению".encode(), "2.&nbsp;К выселению".encode(), 29),
    ),
    (
        "TEI encoding",
        "witness W2 row 29: a cp1251 word",
        raw(W2, "немедленно".encode(), "немедленно".encode("cp1251"), 29),
    ),
    ("TEI encoding", "witness W2 saved as UTF-16", recode(W2, "utf-16")),
    (
        "TEI malformed",
        "witness W2 row 29: a <p> never closed",
        raw(W2, "1938 года.</p>".encode(), "1938 года.".encode(), 29),
    ),
    ("TEI malformed", "witness W2: an empty file", whole(W2, b"", 1)),
    (
        "TEI malformed",
        "witness W2 row 29: a control character U+0001",
        raw(W2, "немедленно".encode(), "немед\x01ленно".encode(), 29),
    ),
    (
        "TEI root",
        "witness W2: root element <tei> (wrong namespace)",
        raw(
            W2,
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"',
            b'<TEI xmlns="http://www.tei-c.org/ns/2.0"',
            2,
        ),
    ),
    (
        "TEI text",
        "witness W2 row 29: a zero-width space in the text",
        raw(W2, "немедленно".encode(), "немед\u200bленно".encode(), 29),
    ),
    (
        "TEI text",
        "witness W2 row 29: a right-to-left override as &#x202E;",
        raw(W2, "немедленно".encode(), "немед&#x202E;ленно".encode(), 29),
    ),
    (
        "TEI text",
        "witness W2 row 29: Latin 'e' in a Russian word",
        raw(W2, "немедленно".encode(), "немeдленно".encode(), 29),
    ),
    (
        "TEI text",
        "witness W2 row 15: a right-to-left mark in an attribute (ptr/@target)",
        raw(W2, b"https://coollib.biz", "https://coollib\u200f.biz".encode(), 15),
    ),
    (
        "TEI witness",
        "witness W2 row 16: unknown source id in <idno>",
        raw(W2, b">frolov-otkroveniya<", b">frolov-otkrovenija<", 16),
    ),
    (
        "TEI witness",
        "witness W2 row 13: <bibl xml:id> does not match the file name",
        raw(W2, b'<bibl xml:id="w2">', b'<bibl xml:id="w4">', 13),
    ),
    (
        "TEI witness",
        "witness W2 row 29: clause n='1' twice",
        raw(W2, b'<p xml:id="w2-p2" n="2">', b'<p xml:id="w2-p2" n="1">', 29),
    ),
    (
        "TEI translation",
        "translation row 28: @corresp to a clause that does not exist",
        raw(EN, b"#w2-p1", b"#w2-p9", 28),
    ),
    ("missing TEI", "witness W1 deleted (the translation points into it)", _delete_w1),
    (
        "missing TEI",
        "documents row 4: text_status 'full' but no witness file",
        cell(DOCUMENTS, 4, "text_status", "full"),
    ),
]


BASEMAP_CASES: list[Case] = [
    ("base map", "countries: bad JSON (a stray comma on line 5)", _bad_json),
    ("base map", "countries: an empty file", whole(COUNTRIES, b"", 1)),
    ("base map", "countries: not a FeatureCollection", whole(COUNTRIES, b'{"type": "Feature"}\n')),
    ("base map", "countries deleted", whole(COUNTRIES, None)),
    ("base map", "countries: Kazakhstan missing", features_without("Kazakhstan")),
    ("base map", "countries: Japan missing", features_without("Japan")),
    ("base map", "countries: a feature whose coordinates are text", _text_coordinates),
    ("base map", "admin1 saved with a cp1251 byte", _admin1_cp1251),
    (
        "base map",
        "crosswalk row 13: a whole country the base map does not have",
        cells(CROSS, 13, {"modern_unit": "Kirgizia", "modern_country": "Kirgizia"}, "modern_unit"),
    ),
]


ALL_CASES = CASES + TEI_CASES + BASEMAP_CASES + DESCRIPTOR_CASES

# --------------------------------------------------------------------------------------------
# Running the cases and writing the table


def run_case(ws: Workspace, case: Case) -> tuple[str, str]:
    """Return the first message the validator gives for ``case`` and the verdict."""
    _, _, edit = case
    try:
        rel, row, column = edit(ws)
        try:
            found, _ = validate.collect(ws.root)
        except Exception as err:  # a crash is what this tool looks for
            return f"{type(err).__name__}: {err}", "traceback"
    finally:
        ws.restore()
    if not found:
        return "(nothing reported)", "silent"
    first = found[0]
    expected = (f"{ws.root.name}/{rel}", row, column)
    verdict = "clear" if (first.path, first.row, first.column) == expected else "vague"
    return str(first), verdict


def _cell_text(text: str) -> str:
    text = text.replace(str(Path(tempfile.gettempdir())), "$TMP")
    shown = "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in text)
    return shown.replace("|", "\\|")


def render(results: list[tuple[Case, str, str]]) -> str:
    """Return the Markdown of docs/robustness.md for ``results``."""
    counts = Counter(verdict for _, _, verdict in results)
    summary = ", ".join(
        f"{verdict}: {counts.get(verdict, 0)}"
        for verdict in ("clear", "vague", "silent", "traceback")
    )
    lines = [
        "# Robustness: bad inputs and what `make validate` says",
        "",
        "Written by `tools/robustness.py` (do not edit by hand: `python tools/robustness.py`",
        "regenerates it, and `--check` fails when it is out of date). Each row breaks one thing in",
        "a copy of `data/`, runs the validator (`helpers.validate.collect`) and shows the first",
        "problem it reports.",
        "",
        "Verdicts: **clear** = the message names the file, row and column that were broken (the",
        "file and row where no column applies, e.g. a whole record or a TEI or JSON line; only",
        "the file where no row applies, e.g. a deleted file or a missing base-map country);",
        "**vague** = it names another place or none; **silent** = nothing reported;",
        "**traceback** = the validator crashed.",
        "",
        f"{len(results)} bad inputs. {summary}.",
        "",
        "| # | class | what was changed | message | verdict |",
        "|---|---|---|---|---|",
    ]
    for i, ((cls, what, _), message, verdict) in enumerate(results, 1):
        lines.append(f"| {i} | {cls} | {_cell_text(what)} | {_cell_text(message)} | {verdict} |")
    return "\n".join(lines) + "\n"


def generate() -> str:
    """Run every case on one temporary copy of ``data/`` and return the Markdown."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(DATA, root)
        ws = Workspace(root)
        results = [(case, *run_case(ws, case)) for case in ALL_CASES]
    return render(results)


def main(argv: list[str] | None = None) -> int:
    """Write docs/robustness.md, or with ``--check`` exit 1 if it is out of date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file on disk differs")
    args = parser.parse_args(argv)
    text = generate()
    summary = next(x for x in text.splitlines() if "bad inputs." in x)
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC.relative_to(ROOT)} is out of date; run python tools/robustness.py")
            return 1
        print(f"{DOC.relative_to(ROOT)} is current: {summary}")
        return 0
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
