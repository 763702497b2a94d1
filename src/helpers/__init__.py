"""Koryo 1937 helpers: the tested logic behind the notebooks (see docs/architecture.md).

Modules are imported on demand (``from helpers import ledger``):

- ``values``, ``errors``: missing values and figures in prose; located data errors
- ``package``, ``csvfile``, ``cells``: find ``data/`` and its descriptor; read a CSV; check a cell
- ``keys``, ``rules``, ``data``: keys, row and cross-table rules; ``data.load``, validated tables
- ``dates``, ``translit``: EDTF dates; ALA-LC romanisation of Russian (iuliia, ``ё`` fixed)
- ``bibliography``: citations and "sources used" tables
- ``sources``, ``tei``, ``collation``, ``timeline``: documents, TEI witnesses, collation, events
- ``ledger``, ``census``: the claims ledger (reconciliation, sum checks, ratios) and the census
- ``places``, ``route``, ``basemap``, ``lpf``: gazetteer, route and distances, today's borders,
  the Linked Places export
- ``plotting``, ``tables``, ``maps``: house style and alt text, Markdown tables, maps
- ``validate``: ``python -m helpers.validate``, every problem of ``data/`` one line each
"""

__version__ = "0.1.0"
