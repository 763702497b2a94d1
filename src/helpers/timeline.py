"""The timeline of the deportation from 1884 on: events with EDTF dates, and its figure."""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import bibliography, data, plotting
from helpers.dates import bounds, spoken

#: Colour and marker of each kind of event (colour is never the only cue).
EVENT_STYLE = {
    "before": ("sky blue", "o"),
    "decree": ("vermillion", "D"),
    "implementation": ("orange", "s"),
    "aftermath": ("bluish green", "^"),
}
#: The window of the deportation itself, drawn in the lower panel of the timeline.
WINDOW = (dt.date(1937, 8, 15), dt.date(1938, 1, 15))


def timeline() -> pd.DataFrame:
    """Events with their EDTF date, the first and last day it can mean, and sources."""
    events = data.load("events")
    firsts, lasts = zip(*(bounds(d) for d in events["date_edtf"]), strict=True)
    events.insert(2, "first_day", list(firsts))
    events.insert(3, "last_day", list(lasts))
    return events.sort_values(["first_day", "event_id"], ignore_index=True)


def event_table(kind: str) -> pd.DataFrame:
    """The events of one ``kind`` for reading, in date order: the date in words, what
    happened, and the sources (short citations).
    """
    part = timeline().query("kind == @kind")
    return pd.DataFrame(
        {
            "date": [spoken(d) for d in part["date_edtf"]],
            "event": list(part["event_en"]),
            "sources": [
                "; ".join(bibliography.cite(s) for s in ids.split(";"))
                for ids in part["source_ids"]
            ],
        }
    )


def describe(events: pd.DataFrame) -> tuple[str, str]:
    """Alt text and caption of :func:`timeline_figure`, written from the events it draws."""
    inside = events[(events["first_day"] >= WINDOW[0]) & (events["last_day"] <= WINDOW[1])]
    outside = events.drop(inside.index)
    on = {e.event_id: spoken(e.date_edtf) for e in events.itertuples()}
    span = f"{outside['first_day'].min().year} to {outside['last_day'].max().year}"
    alt = (
        f"Timeline in two panels. The upper panel places {len(outside)} events on a line from "
        f"{span}, from the {outside['label'].iloc[0]} to the {outside['label'].iloc[-1]}. The "
        f"lower panel shows {len(inside)} events of the deportation itself, one per row: the "
        f"Politburo decision and decree 1428-326сс on {on['ev-1937-1428-326']}, the NKVD's "
        f"orders and telegrams, decree 1647-377сс on {on['ev-1937-1647-377']}, Yezhov's "
        f"completion report on {on['ev-1937-completion']} and the departure of the last group on "
        f"{on['ev-1937-last-departure']}."
    )
    caption = (
        f"Documents and events, {span} (above) and the autumn of 1937 (below). Colour and marker "
        "show the kind of event; a bar marks an event dated only within a period. Source: the "
        "events table, each event with its own sources."
    )
    return alt, caption


def _panel(ax: Axes, part: pd.DataFrame, pad: dt.timedelta) -> None:
    right_edge = part["last_day"].max()
    for i, row in enumerate(part.itertuples()):
        colour_name, marker = EVENT_STYLE[row.kind]
        colour = plotting.colour(colour_name)
        if row.last_day > row.first_day:
            ax.hlines(-i, row.first_day, row.last_day, color=colour, linewidth=5, alpha=0.8)
        ax.plot([row.first_day], [-i], marker=marker, color=colour, markersize=6, linestyle="")
        left = row.last_day > right_edge - (right_edge - part["first_day"].min()) * 0.3
        x = row.first_day - pad if left else row.last_day + pad
        ax.text(x, -i, row.label, va="center", ha="right" if left else "left", fontsize=8.5)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-len(part) + 0.4, 0.8)


@plotting.styled
def timeline_figure(events: pd.DataFrame | None = None) -> Figure:
    """Two-panel timeline: the long view above, the autumn of 1937 below.

    Each event is a row; an event known only within a period is drawn as a bar over it.
    """
    events = timeline() if events is None else events
    inside = events[(events["first_day"] >= WINDOW[0]) & (events["last_day"] <= WINDOW[1])]
    outside = events.drop(inside.index)
    fig, (top, bottom) = plotting.new_figure(
        2,
        1,
        width=9.5,
        height=0.28 * len(events) + 2.2,
        gridspec_kw={"height_ratios": [max(len(outside), 1), max(len(inside), 1)]},
    )
    _panel(top, outside, dt.timedelta(days=500))
    _panel(bottom, inside, dt.timedelta(days=2))
    years = (outside["first_day"].min().year, outside["last_day"].max().year)
    top.set_title(f"Before and after: {years[0]}–{years[1]}")
    top.xaxis.set_major_locator(mdates.YearLocator(10))
    top.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    bottom.set_title("The deportation: August 1937 – January 1938")
    bottom.xaxis.set_major_locator(mdates.MonthLocator())
    bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    handles = [plotting.marker_handle(kind, c, m) for kind, (c, m) in EVENT_STYLE.items()]
    top.legend(handles=handles, loc="lower left", ncols=4, fontsize=8.5)
    return fig
