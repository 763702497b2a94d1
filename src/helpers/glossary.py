"""The glossary page of the site, written from ``data/sources/glossary.csv``.

Notebooks link a term with the MyST role ``{term}`raion```; the build writes this page into the
staged book (``tools/build.py``), so that the definitions and their sources live in ``data/``.
"""

from __future__ import annotations

from helpers import bibliography, data

INTRO = (
    "The words below appear in the sources and in these pages. Each definition is the project's "
    "own, with the source it rests on."
)


def markdown() -> str:
    """The glossary as a MyST page with one Sphinx ``glossary`` directive, terms sorted."""
    table = data.load("glossary").sort_values("term", key=lambda s: s.str.casefold())
    entries = []
    for r in table.itertuples():
        cites = "; ".join(bibliography.cite(s) for s in r.source_ids.split(";"))
        original = f" ({r.term_original})" if r.term_original else ""
        entries.append(f"{r.term}\n  {r.definition}{original} Source: {cites.rstrip('.')}.\n")
    refs = {s for ids in table["source_ids"] for s in ids.split(";")}
    return "\n".join(
        [
            "# Glossary",
            "",
            INTRO,
            "",
            ":::{glossary}",
            *entries,
            ":::",
            "",
            "## Sources of the definitions",
            "",
            bibliography.references_markdown(refs),
            "",
        ]
    )
