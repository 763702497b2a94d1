"""After 1937, for readers: dated events with their sources, and the archives, databases and
lists where a family's traces may be sought (described only where their own page was read).
"""

from __future__ import annotations

import pandas as pd

from helpers import bibliography, data
from helpers.dates import bounds, spoken


def events_table(event_ids: list[str]) -> pd.DataFrame:
    """Events for readers, in date order: when, what happened, who says so."""
    events = data.load("events").set_index("event_id").loc[event_ids].reset_index()
    events["first_day"] = [bounds(d)[0] for d in events["date_edtf"]]
    events = events.sort_values(["first_day", "event_id"])
    return pd.DataFrame(
        {
            "when": [spoken(d) for d in events["date_edtf"]],
            "what happened": events["event_en"].tolist(),
            "source": [
                "; ".join(bibliography.cite(s) for s in ids.split(";"))
                for ids in events["source_ids"]
            ],
        }
    )


ARCHIVE_KINDS = {
    "archive": "archive or collection",
    "database": "database or published collection",
    "victims-list": "list of victims",
    "portal": "portal",
}


def archives_described() -> pd.DataFrame:
    """Archives and databases whose own page was read: what they hold, how to use them."""
    table = data.load("archives")
    table = table[table["own_page_read"].astype(bool)].sort_values("name")
    return pd.DataFrame(
        {
            "resource": table["name"].tolist(),
            "kind": [ARCHIVE_KINDS[k] for k in table["kind"]],
            "what it holds": table["holds"].tolist(),
            "how to use it": table["how"].tolist(),
            "address": [f"<{u}>" if u else "" for u in table["url"]],
        }
    )


def archive_leads() -> pd.DataFrame:
    """Archives and databases whose own page was not read: names and kinds only (leads)."""
    table = data.load("archives")
    table = table[~table["own_page_read"].astype(bool)].sort_values("name")
    return pd.DataFrame(
        {
            "lead (own page not read)": table["name"].tolist(),
            "kind": [ARCHIVE_KINDS[k] for k in table["kind"]],
        }
    )
