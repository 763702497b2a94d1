"""The site's citation page ("How to cite"), generated from ``CITATION.cff``, and the licences
both it and the data page show, read from ``REUSE.toml`` and ``LICENSES/``.

Nothing is typed here that a file of the repository states: the reference, the BibTeX entry and
the version come from ``CITATION.cff``; which licence covers what from ``REUSE.toml``; the licence
names from the first line of their texts. An address (DOI or URL) is given only where
``CITATION.cff`` has one. Links to the licence texts are raw HTML to ``LICENSES/`` at the root of
the site, where ``site_pages.write_downloads`` copies them.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import yaml

from helpers import package, tables

ROOT = Path(__file__).resolve().parents[1]
CFF = ROOT / "CITATION.cff"
REUSE = ROOT / "REUSE.toml"
LICENSES = ROOT / "LICENSES"
EXAMPLE_NOTEBOOK = ROOT / "notebooks" / "02_population.ipynb"
#: What each licence covers, named by one file of the kind (looked up in ``REUSE.toml``).
COVERED = {
    "Code (helpers, build tools, tests)": "src/helpers/__init__.py",
    "Data (tables, texts, descriptor)": "data/datapackage.json",
    "Text of the site": "book/index.md",
    "Notebooks (prose and code)": "notebooks/00_introduction.ipynb",
}


# --------------------------------------------------------------------------------------------
# Licences


def licence_of(path: str) -> str:
    """The SPDX expression ``REUSE.toml`` gives for ``path`` (the last overriding annotation that
    matches wins, else the first that matches).
    """
    annotations = tomllib.loads(REUSE.read_text(encoding="utf-8"))["annotations"]
    found = [a for a in annotations if any(fnmatch(path, p) for p in a["path"])]
    if not found:
        raise KeyError(f"REUSE.toml gives no licence for {path}")
    overriding = [a for a in found if a.get("precedence") == "override"]
    chosen = overriding[-1] if overriding else found[0]
    return chosen["SPDX-License-Identifier"]


def short_licence(spdx: str) -> str:
    """A licence expression as readers write it: ``CC-BY-4.0 AND MIT`` → ``CC BY 4.0 and MIT``."""
    return " and ".join(part.strip().replace("-", " ") for part in spdx.split(" AND "))


def licence_link(spdx: str) -> str:
    """Links to the texts of the licences of ``spdx`` as the site carries them."""
    links = []
    for part in spdx.split(" AND "):
        text = LICENSES / f"{part.strip()}.txt"
        title = text.read_text(encoding="utf-8").splitlines()[0].strip()
        links.append(f'<a href="LICENSES/{text.name}">{title}</a>')
    return " and ".join(links)


def licences_markdown() -> str:
    """What each licence covers, as a Markdown table with links to the licence texts."""
    rows = [
        (what, short_licence(licence_of(path)), licence_link(licence_of(path)))
        for what, path in COVERED.items()
    ]
    return tables.markdown(pd.DataFrame(rows, columns=["what", "licence", "full text"]))


# --------------------------------------------------------------------------------------------
# The citation page


def read_cff(path: Path = CFF) -> dict[str, Any]:
    """``CITATION.cff`` as a dict (dates as ``datetime.date``, as YAML reads them)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def authors_text(cff: dict[str, Any], sep: str = "; ") -> str:
    """The authors: an entity by its name, a person as ``Family, Given``."""
    names = []
    for a in cff["authors"]:
        person = ", ".join(filter(None, (a.get("family-names"), a.get("given-names"))))
        names.append(a.get("name") or person)
    return sep.join(names)


def address(cff: dict[str, Any]) -> str | None:
    """The address to cite: the DOI's resolver, else the landing page, else the repository."""
    if cff.get("doi"):
        return f"https://doi.org/{cff['doi']}"
    return next((cff[k] for k in ("url", "repository-code", "repository") if cff.get(k)), None)


def _year(cff: dict[str, Any]) -> str:
    released = cff["date-released"]
    return str(released.year if isinstance(released, dt.date) else str(released)[:4])


def reference_text(cff: dict[str, Any]) -> str:
    """A plain-text reference to the collection."""
    where = address(cff)
    tail = f" {where}" if where else ""
    return (
        f"{authors_text(cff)} ({_year(cff)}). *{cff['title']}* (version {cff['version']}) "
        f"[{cff['type'].capitalize()}]. Licence: {short_licence(cff['license'])}.{tail}"
    )


def bibtex(cff: dict[str, Any]) -> str:
    """A BibTeX entry for the collection (a URL only where ``CITATION.cff`` gives one)."""
    key = re.sub(r"[^a-z0-9]", "", cff["title"].split(":")[0].lower()) + "_" + _year(cff)
    fields = {
        "author": "{" + authors_text(cff, " and ").replace(" and ", "} and {") + "}",
        "title": "{" + cff["title"] + "}",
        "year": _year(cff),
        "version": cff["version"],
        "note": f"Licence: {short_licence(cff['license'])}",
        "url": address(cff),
    }
    lines = [f"  {k} = {{{v}}}," for k, v in fields.items() if v]
    return "\n".join([f"@misc{{{key},", *lines, "}"])


def notebook_title(path: Path) -> str:
    """The first level-1 heading of a notebook."""
    for cell in nbformat.read(path, as_version=4).cells:
        found = re.search(r"^# (.+)$", cell.source, re.M) if cell.cell_type == "markdown" else None
        if found:
            return found.group(1).strip()
    raise ValueError(f"{path.name} has no level-1 heading")


def citation_markdown(cff: dict[str, Any] | None = None) -> str:
    """The citation page ("How to cite"), from ``CITATION.cff``."""
    cff = cff or read_cff()
    descriptor = package.descriptor(package.data_dir())
    who = f"{authors_text(cff)} ({_year(cff)})"
    where = address(cff)
    no_address = (
        ""
        if where
        else "This version has no permanent address (DOI) yet: add the address at which you "
        "read the collection and the date you read it."
    )
    example = notebook_title(EXAMPLE_NOTEBOOK)
    return "\n".join(
        [
            "# How to cite",
            "",
            cff["message"],
            "",
            "## The collection",
            "",
            reference_text(cff),
            "",
            "```bibtex",
            bibtex(cff),
            "```",
            "",
            no_address,
            "",
            "## One notebook",
            "",
            f"{who}. “[the notebook's title]”. In *{cff['title']}* (version {cff['version']}), "
            "notebook [its file name]. For example:",
            "",
            f"> {who}. “{example}”. In *{cff['title']}* (version {cff['version']}), notebook "
            f"`{EXAMPLE_NOTEBOOK.name}`.",
            "",
            "## The dataset",
            "",
            f"{who}. *{descriptor['title']}* (data package `{descriptor['name']}`, version "
            f"{cff['version']}) [Dataset]. Licence: "
            + ", ".join(short_licence(lic["name"]) for lic in descriptor["licenses"])
            + ". See {doc}`the data <data>` for its tables and downloads.",
            "",
            "## The figures: cite their sources",
            "",
            "Every figure in the collection comes from a source listed in the bibliography "
            "({ref}`the bibliography table <table-bibliography>`, and the references at the end "
            "of each notebook). If you use a figure, cite the source it comes from, and the "
            "collection if you rely on our reading of it.",
            "",
            "## Licences",
            "",
            licences_markdown(),
            "",
        ]
    )
