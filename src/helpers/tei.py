"""The TEI P5 files of ``data/sources/texts/``: parse them safely, read witnesses and translations.

- ``<doc>.<siglum>.ru.xml``: one file per *witness*, a verbatim transcription of what one
  publication prints, with ``<gap/>`` where it prints nothing;
- ``<doc>.en.xml``: the project's own translation, whose clauses point with ``@corresp`` to the
  witness clauses they translate;
- ``<doc>.note.xml``: a note on what is attested (parsed and checked, not read as a witness).

Files must be UTF-8 and carry no DOCTYPE or entity declarations (refused, never expanded); their
text and attributes must not hide anything from a reader (control, zero-width or bidi characters,
words mixing Latin and Cyrillic look-alike letters), as in the tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from helpers import cells, data
from helpers.errors import DataError, raise_if_any, unknown_id_message

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI}
TEXTS = "sources/texts"
#: Reading order of the clauses of a decree.
CLAUSE_ORDER = ["head", "preamble", *[str(n) for n in range(1, 13)], "signatures"]


def shown(path: Path) -> str:
    """Name a text file as messages do: ``data/sources/texts/<file>``."""
    return f"{path.parent.parent.parent.name}/{TEXTS}/{path.name}"


def parse(path: Path) -> etree._ElementTree:
    """Parse a TEI file; refuse a missing, non-UTF-8, DOCTYPE-bearing or malformed file.

    Text that hides something from a reader is refused too (see :func:`text_problems`).
    """
    where = shown(path)
    try:
        raw = path.read_bytes()
        raw.decode("utf-8")
    except FileNotFoundError:
        raise DataError(where, "file not found") from None
    except UnicodeDecodeError as err:
        row = raw[: err.start].count(b"\n") + 1
        raise DataError(where, "not UTF-8; save the file as UTF-8", row) from None
    declared = [i for i in (raw.find(b"<!DOCTYPE"), raw.find(b"<!ENTITY")) if i >= 0]
    if declared:
        row = raw[: min(declared)].count(b"\n") + 1
        raise DataError(where, "DOCTYPE or entity declarations are not allowed", row)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        tree = etree.fromstring(raw, parser).getroottree()
    except etree.XMLSyntaxError as err:
        raise DataError(where, f"malformed XML: {err.msg}", _error_line(err)) from None
    root = tree.getroot()
    if root.tag != f"{{{TEI}}}TEI":
        raise DataError(where, f"the root element is not TEI (namespace {TEI})", root.sourceline)
    raise_if_any(text_problems(tree, where))
    return tree


def _error_line(err: etree.XMLSyntaxError) -> int | None:
    """Return the line where the error starts: an unclosed tag's own line, not where it ends."""
    opened = re.search(r"mismatch: \S+ line (\d+)", err.msg or "")
    return int(opened.group(1)) if opened else err.lineno


def text_problems(tree: etree._ElementTree, where: str) -> list[DataError]:
    """Find text and attribute values that hide something from a reader, by line."""
    found = []
    for el in tree.iter():
        values = [el.text or "", el.tail or "", *el.attrib.values()]
        for value in values:
            problem = cells.text_problem(re.sub(r"[\t\n\r]", " ", value))
            if problem:
                found.append(DataError(where, problem, el.sourceline))
                break
    return found


def plain(element: etree._Element) -> str:
    """Return an element's text as a reader sees it: notes dropped, gaps ``[…]``, spaces folded."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag.split("}")[-1] if isinstance(el.tag, str) else ""
        if tag in ("note", "gap"):
            parts.append(" […] " if tag == "gap" else "")
        else:
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
    verification: str
    path: Path
    clauses: dict[str, str] = field(repr=False)
    ids: dict[str, str] = field(repr=False)


def _required(bibl: etree._Element, xpath: str, what: str, where: str) -> etree._Element:
    found = bibl.find(xpath, NS)
    if found is None or not (found.get("target") or (found.text or "").strip()):
        line = found.sourceline if found is not None else bibl.sourceline
        raise DataError(where, f"the witness has no {what}", line)
    return found


def _clauses(div: etree._Element, where: str) -> tuple[dict[str, str], dict[str, str]]:
    clauses: dict[str, str] = {}
    ids: dict[str, str] = {}
    for el in div:
        if not isinstance(el.tag, str) or el.tag == f"{{{TEI}}}gap":
            continue
        n = "head" if el.tag == f"{{{TEI}}}head" else el.get("n")
        if n not in CLAUSE_ORDER or n in clauses:
            problem = "appears twice" if n in clauses else "is not a known clause"
            raise DataError(where, f"clause n='{n}' {problem}", el.sourceline)
        if not el.get(XML_ID):
            raise DataError(where, f"clause n='{n}' has no xml:id", el.sourceline)
        clauses[n] = plain(el)
        ids[el.get(XML_ID)] = n
    return clauses, ids


def read_witness(path: Path) -> Witness:
    """Read one witness file, checking its header and clauses."""
    where = shown(path)
    tree = parse(path)
    bibl = tree.find(".//tei:sourceDesc/tei:bibl", NS)
    if bibl is None:
        raise DataError(where, "no <sourceDesc><bibl> describing the witness")
    doc_id, siglum = path.name.split(".")[:2]
    if bibl.get(XML_ID) != siglum:
        raise DataError(where, "the xml:id of <bibl> does not match the file name", bibl.sourceline)
    div = tree.find(".//tei:body/tei:div[@type='original']", NS)
    if div is None:
        raise DataError(where, "no <div type='original'> holding the text")
    clauses, ids = _clauses(div, where)
    return Witness(
        siglum=siglum,
        doc_id=doc_id,
        source_id=_required(bibl, "tei:idno[@type='source_id']", "source id", where).text.strip(),
        url=_required(bibl, "tei:ptr", "URL (<ptr target=…>)", where).get("target"),
        title=plain(_required(bibl, "tei:title", "title", where)),
        extent=_required(bibl, "tei:extent", "extent (<extent>)", where).text.strip(),
        verification=" ".join(
            _required(bibl, "tei:note[@type='verification']", "verification note", where)
            .xpath("string()")
            .split()
        ),
        path=path,
        clauses=clauses,
        ids=ids,
    )


@cache
def witnesses(root: Path) -> tuple[Witness, ...]:
    """Every witness of the package, checked against the documents and the bibliography."""
    found, problems = [], []
    known = data.ids(root, "documents")
    sources = data.ids(root, "bibliography")
    for path in sorted((root / TEXTS).glob("*.*.ru.xml")):
        try:
            w = read_witness(path)
        except DataError as err:
            problems.append(err)
            continue
        if w.doc_id not in known:
            message = unknown_id_message(w.doc_id, known, "documents") + " (from the file name)"
            problems.append(DataError(shown(path), message))
        if w.source_id not in sources:
            line = parse(path).find(".//tei:sourceDesc/tei:bibl/tei:idno", NS).sourceline
            message = unknown_id_message(w.source_id, sources, "bibliography")
            problems.append(DataError(shown(path), message, line))
        found.append(w)
    raise_if_any(problems)
    return tuple(found)


@cache
def translation(root: Path, doc_id: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Return the clauses of ``<doc_id>.en.xml``: (clause, English, witness clauses it renders)."""
    path = root / TEXTS / f"{doc_id}.en.xml"
    tree = parse(path)
    div = tree.find(".//tei:body/tei:div[@type='translation']", NS)
    if div is None:
        raise DataError(shown(path), "no <div type='translation'>")
    targets = {w.path.name: set(w.ids) for w in witnesses(root)}
    out = []
    for el in div:
        if not isinstance(el.tag, str) or not (el.get("n") or el.tag == f"{{{TEI}}}head"):
            continue
        corresp = tuple((el.get("corresp") or "").split())
        for ref in corresp:
            file, _, frag = ref.partition("#")
            if frag not in targets.get(file, set()):
                missing = "" if file in targets else f" (no witness file {file})"
                message = f"@corresp '{ref}' points to no witness clause{missing}"
                raise DataError(shown(path), message, el.sourceline)
        out.append((el.get("n") or "head", plain(el), corresp))
    return tuple(out)


def problems(root: Path) -> list[DataError]:
    """List every problem of the text files.

    Each parses, witnesses and translations are complete, and every document said to have its full
    text has at least one witness file.
    """
    found: list[DataError] = []
    for path in sorted((root / TEXTS).glob("*.xml")):
        try:
            parse(path)
        except DataError as err:
            found += getattr(err, "problems", [err])
    if found:
        return found
    try:
        have = {w.doc_id for w in witnesses(root)}
        for doc_id in sorted({p.name.split(".")[0] for p in (root / TEXTS).glob("*.en.xml")}):
            translation(root, doc_id)
    except DataError as err:
        return list(getattr(err, "problems", [err]))
    return _full_text_problems(root, have)


def _full_text_problems(root: Path, have: set[str]) -> list[DataError]:
    if data.problems("documents", root):
        return []  # the table's own problems are reported with it
    docs = data.load("documents", root)
    rows = zip(docs["doc_id"], docs["text_status"], docs.attrs["lines"], strict=True)
    return [
        DataError(
            docs.attrs["path"],
            f"document '{doc_id}' is marked 'full' but has no witness file in {TEXTS}/",
            line,
            "text_status",
        )
        for doc_id, status, line in rows
        if status == "full" and doc_id not in have
    ]


@data.on_clear
def clear_cache() -> None:
    """Forget the witnesses and translations read so far (after the files change)."""
    witnesses.cache_clear()
    translation.cache_clear()
