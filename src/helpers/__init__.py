"""Koryo 1937 helpers: the tested logic behind the notebooks (see docs/architecture.md).

Modules are imported on demand (``from helpers import ledger``):

- ``values``, ``errors``: missing values and figures in prose; located data errors
- ``package``, ``csvfile``, ``cells``: find ``data/`` and its descriptor; read a CSV; check a cell
- ``keys``, ``rules``, ``data``: keys, row and cross-table rules; ``data.load``, validated tables
- ``dates``, ``translit``: EDTF dates; ALA-LC romanisation of Russian (iuliia, ``ё`` fixed)
- ``bibliography``: citations and "sources used" tables
- ``sources``, ``tei``, ``collation``, ``timeline``: documents, TEI witnesses, collation, events
- ``ledger``, ``lineage``, ``census``: the claims ledger (reconciliation, sum checks, ratios),
  the lineage of claims, the census
- ``places``, ``route``, ``basemap``, ``lpf``: gazetteer, route and distances, today's borders
  and lakes, the Linked Places export
- ``lives``, ``afterwards``, ``intro``, ``glossary``: accounts and settlements, events after 1937
  and archives, the introduction's tables, the glossary page
- ``evidence``: the Ledger page, and the link from every figure in the prose to its evidence
- ``plotting``, ``tables``, ``maps``, ``map_labels``: house style and alt text, Markdown tables,
  maps, label placement; ``lean_artists``: Matplotlib's artist classes defined without their
  generated ``set`` docstrings, as this package does on import, before any module draws
- ``webmap``: the interactive map of the site (plotly scatter traces, no URL, static maps beside)
- ``exercises``: the checkers of the exercises and the seminar
- ``validate``: ``python -m helpers.validate``, every problem of ``data/`` one line each
"""

from helpers import lean_artists

__version__ = "0.1.0"

lean_artists.install()
