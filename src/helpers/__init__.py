"""Koryo 1937 helpers: the tested logic behind the notebooks.

Modules are imported on demand (``from helpers import data``) so that a notebook pays only for
what it uses:

- ``helpers.data``          find ``data/`` and load every table, validated
- ``helpers.bibliography``  citations and "sources used" tables
- ``helpers.dates``         EDTF dates
- ``helpers.translit``      ALA-LC romanisation of Russian (iuliia, with the ``ё`` fix)
- ``helpers.plotting``      house style, Okabe–Ito palette, figures that require alt text
- ``helpers.tables``        Markdown tables for readers
- ``helpers.sources``       documents, TEI witnesses, collation, translation, timeline
- ``helpers.figures``       the claims ledger, sum checks, ratios, census, charts
- ``helpers.geography``     gazetteer, names, route, distances, maps
- ``helpers.build``         execute the notebooks and build the static site
"""

__version__ = "0.1.0"
