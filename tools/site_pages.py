"""The site's data page ("The data") and the downloads it links to.

``tools/build.py`` writes ``data.md`` into the staged book (beside ``citation.md``, from
``citation_page``), and after jupyter-book has run, :func:`write_downloads` puts the data files,
the licence texts and a zip of ``data/`` into the site. Everything on the page is read from
``data/datapackage.json`` and the data files. Links to files of the site are raw HTML (a Markdown
link to a file that is not a page would become a Sphinx download link); the page sits at the root
of the site, so the links are relative to it.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
from citation_page import LICENSES, licences_markdown, short_licence
from docutils import nodes

from helpers import data, lpf, package, tables, tei
from helpers.values import fmt

ZIP = "downloads/koryo1937-data.zip"
BASEMAP = "geo/basemap"
FOLDERS = {
    "": "the bibliography that every other table cites",
    "sources": "documents, events, accounts and other material from the sources",
    "figures": "the figures the sources give, and the checks they imply",
    "geo": "places, the route and how 1937 units map onto today's",
}
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


# --------------------------------------------------------------------------------------------
# Downloads


def data_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` in a fixed order, leaving out hidden files and caches."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith((".", "__")) for part in p.relative_to(folder).parts)
    )


def zip_bytes(folder: Path) -> bytes:
    """A zip of ``folder`` (``datapackage.json`` at its top level) that is the same byte for byte
    on every build: entries sorted, one fixed time, fixed permissions, Unix attributes.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in data_files(folder):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def write_downloads(html: Path) -> list[Path]:
    """Copy ``data/`` to ``<html>/data/`` and ``LICENSES/`` to ``<html>/LICENSES/``, write the
    zip of ``data/`` to ``<html>/downloads/``; return the files written.
    """
    root = package.data_dir()
    written = []
    for source, target in ((root, html / "data"), (LICENSES, html / "LICENSES")):
        for path in data_files(source):
            copy = target / path.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            written.append(Path(shutil.copyfile(path, copy)))
    archive = html / ZIP
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_bytes(zip_bytes(root))
    return [*written, archive]


# --------------------------------------------------------------------------------------------
# The data page


def _constraints(field: dict[str, Any]) -> str:
    """The rules a column obeys, in words: required, unique, allowed values, bounds, length."""
    rules = field.get("constraints", {})
    words = [key for key in ("required", "unique") if rules.get(key)]
    if rules.get("enum"):
        words.append("one of: " + ", ".join(f"`{v}`" for v in rules["enum"] if v != ""))
    bounds = (("minimum", "≥"), ("maximum", "≤"))
    words += [f"{sign} {rules[key]}" for key, sign in bounds if key in rules]
    if "maxLength" in rules:
        words.append(f"at most {rules['maxLength']} characters")
    return "; ".join(words)


def columns_markdown(resource: dict[str, Any]) -> str:
    """The columns of one table: name, type, rules, description."""
    rows = [
        (f"`{f['name']}`", f.get("type", "string"), _constraints(f), f.get("description", ""))
        for f in resource["schema"]["fields"]
    ]
    return tables.markdown(pd.DataFrame(rows, columns=["column", "type", "rules", "description"]))


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def _links(resource: dict[str, Any]) -> list[str]:
    """Which columns point to which tables (foreign keys and ';'-separated id lists)."""
    schema = resource["schema"]
    pairs = [
        (", ".join(f"`{c}`" for c in _as_list(fk["fields"])), fk["reference"]["resource"])
        for fk in schema.get("foreignKeys", [])
    ]
    pairs += [
        (f"`{f['name']}` (a list separated by ';')", ", ".join(_as_list(f["x-list-of"])))
        for f in schema["fields"]
        if f.get("x-list-of")
    ]
    # a foreign key to the table itself names the resource ""
    return [
        f"{cols} → " + ", ".join(_table_ref(t.strip() or resource["name"]) for t in ts.split(","))
        for cols, ts in pairs
    ]


def _table_ref(name: str) -> str:
    return f"{{ref}}`{name} <table-{name}>`"


def table_markdown(resource: dict[str, Any]) -> str:
    """One table's section: anchor, title, description, rows, CSV link, key, links, columns."""
    name, path = resource["name"], resource["path"]
    rows = data.size(name)
    facts = [
        f'{fmt(rows)} row{"s" * (rows != 1)}; file <a href="data/{path}">{path}</a> (CSV, UTF-8).'
    ]
    if resource["schema"].get("primaryKey"):
        key = ", ".join(f"`{c}`" for c in _as_list(resource["schema"]["primaryKey"]))
        facts.append(f"Each row is identified by {key}.")
    links = _links(resource)
    if links:
        facts.append("Columns that point to other tables: " + "; ".join(links) + ".")
    lead = [resource["description"], ""] if resource.get("description") else []
    heading = [*_exact_id(f"table-{name}"), f"(table-{name})=", f"### {resource['title']}", ""]
    return "\n".join([*heading, *lead, " ".join(facts), "", columns_markdown(resource), ""])


def _exact_id(label: str) -> list[str]:
    """An HTML anchor carrying ``label`` as it is, where Sphinx would spell the section's id
    otherwise (it turns ``_`` into ``-``): links to ``data.html#table-seed_claims`` must land.
    """
    return [] if nodes.make_id(label) == label else [f'<div id="{label}"></div>', ""]


def _kb(size: int) -> str:
    return f"{fmt(max(1, round(size / 1000)))} kB"


def organisation_markdown(resources: list[dict[str, Any]]) -> str:
    """The folders of the package and the tables in each, linked to their sections."""
    items = []
    for folder, what in FOLDERS.items():
        inside = [r for r in resources if (Path(r["path"]).parts[:-1] or ("",))[0] == folder]
        refs = ", ".join(_table_ref(r["name"]) for r in inside)
        where = f"`{folder}/`" if folder else "The top level"
        items.append(f"- {where}: {what} ({refs}).")
    items.append(f"- `{tei.TEXTS}/`: the texts of the documents ({{ref}}`file-texts`).")
    items.append(f"- `{BASEMAP}/`: the base map ({{ref}}`file-basemap`).")
    return "\n".join(items)


def download_markdown(root: Path, descriptor: dict[str, Any]) -> str:
    """The download section: the zip (with its size), the descriptor, the Linked Places file."""
    places = len(lpf.to_lpf()["features"])
    return "\n".join(
        [
            "## Download",
            "",
            f'- <a href="{ZIP}" download>The whole package as a zip</a> '
            f"({_kb(len(zip_bytes(root)))}): the descriptor, every table, the texts and the base "
            "map, with `datapackage.json` at the top level. Unzip it into a folder of its own; "
            "`frictionless validate koryo1937-data.zip` checks it against the descriptor.",
            f'- <a href="data/datapackage.json">datapackage.json</a> alone: the descriptor '
            f"(Frictionless Data Package) of the {len(descriptor['resources'])} tables.",
            f'- <a href="gazetteer.lpf.geojson">gazetteer.lpf.geojson</a>: the {fmt(places)} '
            "places of the gazetteer in Linked Places Format (GeoJSON-LD), for the World "
            "Historical Gazetteer and Peripleo.",
            "- Each table's CSV file, linked under {ref}`its section <data-tables>` below.",
            "",
        ]
    )


def texts_markdown(root: Path) -> str:
    """The TEI texts: each file with its title and the licence its header states."""
    rows = []
    for path in sorted((root / tei.TEXTS).glob("*.xml")):
        header = tei.parse(path).find("tei:teiHeader/tei:fileDesc", tei.NS)
        title = header.findtext("tei:titleStmt/tei:title", "", tei.NS)
        licence = header.findtext("tei:publicationStmt/tei:availability/tei:licence", "", tei.NS)
        link = f'<a href="data/{tei.TEXTS}/{path.name}">{path.name}</a>'
        rows.append((link, " ".join(title.split()), " ".join(licence.split())))
    return "\n".join(
        [
            "(file-texts)=",
            "## The texts of the documents",
            "",
            f"`{tei.TEXTS}/` holds the documents in TEI P5 XML: one file for each publication "
            "of a document's text, transcribed verbatim, the project's English translation, and "
            "a note on what is attested. Each file's header names the publication and the web "
            "page it was read from.",
            "",
            tables.markdown(pd.DataFrame(rows, columns=["file", "title", "licence"])),
            "",
        ]
    )


def basemap_markdown(root: Path) -> str:
    """The base map: the opening of its README, its layers, and a link to the README."""
    folder = root / BASEMAP
    readme = (folder / "README.md").read_text(encoding="utf-8")
    opening = readme.split("\n\n")[1].replace("`../", "`geo/")  # paths as on this page
    rows = [
        (
            f'<a href="data/{BASEMAP}/{p.name}">{p.name}</a>',
            fmt(len(json.loads(p.read_text(encoding="utf-8"))["features"])),
            _kb(p.stat().st_size),
        )
        for p in sorted(folder.glob("*.geojson"))
    ]
    return "\n".join(
        [
            "(file-basemap)=",
            "## The base map",
            "",
            opening,
            "",
            tables.markdown(pd.DataFrame(rows, columns=["layer", "features", "size"])),
            "",
            f'Its <a href="data/{BASEMAP}/README.md">README</a> gives the origin and the licence '
            "of each layer (the layers keep the terms of the data they were cut from), and their "
            "limits.",
            "",
        ]
    )


def data_markdown() -> str:
    """The data page ("The data"): the package, its licences, downloads, every table, the texts
    and the base map.
    """
    root = package.data_dir()
    descriptor = package.descriptor(root)
    licences = ", ".join(
        f"{lic.get('title', lic['name'])} ({short_licence(lic['name'])})"
        for lic in descriptor.get("licenses", [])
    )
    return "\n".join(
        [
            "# The data",
            "",
            f"{descriptor['description']} Everything the notebooks show is computed from this "
            f"package: {len(descriptor['resources'])} tables (CSV files), the texts of the "
            "documents (TEI XML) and a base map (GeoJSON), described by one file, "
            "`datapackage.json` (a Frictionless Data Package), which gives each column's type "
            "and rules.",
            "",
            organisation_markdown(descriptor["resources"]),
            "",
            "## Licences",
            "",
            f"The tables and the texts are published under {licences}: reuse them freely, "
            "citing the collection ({doc}`how to cite <citation>`) and the original sources. The "
            "base map keeps the terms of the data it was cut from ({ref}`file-basemap`).",
            "",
            licences_markdown(),
            "",
            download_markdown(root, descriptor),
            "(data-tables)=",
            "## The tables",
            "",
            *[table_markdown(r) for r in descriptor["resources"]],
            texts_markdown(root),
            basemap_markdown(root),
        ]
    )
