"""The lives of the deportees: published accounts and the settlements (what came after 1937 and
the archives are in :mod:`helpers.afterwards`).

Accounts (``data/sources/accounts.csv``) are shown as data: each one once, as a Markdown card
with the person as published, who tells it, how much of their own words was seen, where it was
published (an author–date citation) and at most a sentence or two quoted with the project's
translation. Charts (where the accounts come from, when they were recorded, what they tell of)
and the map of settlements live here too, drawn in the house style.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
from matplotlib.figure import Figure

from helpers import bibliography, data, plotting
from helpers.dates import bounds, spoken
from helpers.map_labels import Label, place_labels
from helpers.maps import ASIA_ALBERS, map_figure
from helpers.places import gazetteer, name_1937, short_name
from helpers.values import fmt, is_missing

#: Each topic of accounts.csv in words, in the order of a life.
TOPIC_WORDS = {
    "eviction": "eviction",
    "journey": "the journey",
    "deaths": "deaths",
    "arrival": "arrival",
    "first-winter": "the first winter",
    "help-from-locals": "help from local people",
    "settlement": "settling",
    "work": "work",
    "restrictions": "restrictions",
    "arrest": "arrest",
    "labour-army": "labour army",
    "schools": "schools",
    "memory": "remembering",
}
#: How much of the teller's own words the publication shows, in words.
SEEN_WORDS = {
    "own-words": "the teller's own words, as published",
    "excerpt": "some of the teller's words, quoted or reported inside the author's text",
    "summary": "only the author's paraphrase",
}
#: The stages of the story; each account is shown once, under the furthest stage it reaches.
STAGES = {
    "leaving": {"eviction"},
    "journey": {"journey"},
    "arrival": {"arrival", "first-winter", "settlement", "help-from-locals", "work"},
}
#: A point stands in for a place when the place may lie this far (km) or more from it.
STAND_IN_KM = 5.0


def accounts() -> pd.DataFrame:
    """The accounts, sorted by person, with their topics as lists and their stage."""
    table = data.load("accounts")
    table = table.sort_values(
        ["person", "account_id"], key=lambda c: c.str.casefold(), ignore_index=True
    )
    table["topic_list"] = [t.split(";") for t in table["topics"]]
    table["stage"] = [stage(t) for t in table["topic_list"]]
    return table


def stage(topics: list[str]) -> str:
    """The furthest stage (leaving, journey, arrival) an account tells of, else ``later``."""
    reached = [name for name, words in STAGES.items() if words & set(topics)]
    return reached[-1] if reached else "later"


def count_with(table: pd.DataFrame, *topics: str) -> int:
    """How many accounts tell of every one of ``topics``."""
    return int(sum(set(topics) <= set(t) for t in table["topic_list"]))


def teller(row: dict) -> str:
    """Who tells the account, in words."""
    if row["second_hand"]:
        return f"Told second-hand, by {row['teller']}" if row["teller"] else "Told second-hand"
    return "Told by the deportee"


def recorded_words(text: str) -> str:
    """When an account was recorded or first published, in words (``?`` = year inferred)."""
    if is_missing(text):
        return "date of recording not printed"
    inferred = " (year inferred by the project)" if text.endswith("?") else ""
    return f"recorded or first published {spoken(text.rstrip('?'))}{inferred}"


def card(row: dict, see_also: str = "") -> str:
    """One account as a Markdown list item (data, not prose: every part comes from its row);
    ``see_also`` is a sentence pointing to another account, added at the end.
    """
    name = row["person"]
    if row["person_original"] and row["person_original"] != name:
        name += f"** (printed as {row['person_original']})"
    else:
        name += "**"
    where = bibliography.cite(row["source_id"])
    if row["locator"].startswith(("p.", "pp.")):
        where += f", {row['locator']}"
    parts = [
        f"- **{name}. {teller(row)}; {recorded_words(row['recorded'])}.",
        f"Published in {where}; seen: {SEEN_WORDS[row['seen']]}.",
        row["summary"],
    ]
    if row["quote"]:
        quoted = f"Quoted: «{row['quote']}»"
        if row["quote_en"] and row["quote_en"] != row["quote"]:
            quoted += f" (the project's translation: “{row['quote_en']}”)."
        parts.append(quoted)
    if see_also:
        parts.append(see_also)
    return " ".join(parts)


def cards(
    table: pd.DataFrame, stage_name: str | None = None, see_also: dict[str, str] | None = None
) -> str:
    """The accounts of one stage (or all of them) as a Markdown list, one card each;
    ``see_also`` maps an account id to a sentence added to its card.
    """
    shown = table if stage_name is None else table[table["stage"] == stage_name]
    if shown.empty:
        raise ValueError(f"no account at stage '{stage_name}'")
    notes = see_also or {}
    return "\n".join(card(r, notes.get(r["account_id"], "")) for r in shown.to_dict("records"))


def named_in(table: pd.DataFrame, account_id: str) -> str:
    """An account's person as published, with the publication's author–date label."""
    row = table.set_index("account_id").loc[account_id]
    return f"{row['person']} ({bibliography.cite(row['source_id'])})"


def same_person(table: pd.DataFrame, account_ids: list[str], who: str = "person") -> dict[str, str]:
    """For accounts that are probably of one person (in different publications), a sentence
    for each card naming the others; the sources do not confirm the identity.
    """
    notes = {}
    for account_id in account_ids:
        others = [named_in(table, a) for a in account_ids if a != account_id]
        names = ", ".join(others[:-1]) + " and " + others[-1] if len(others) > 1 else others[0]
        notes[account_id] = f"Probably the same {who} as {names}; the sources do not confirm it."
    return notes


def shared_topics(table: pd.DataFrame, account_ids: list[str]) -> list[str]:
    """The topics (in words) that more than one of ``account_ids`` tells of, in life order."""
    chosen = table[table["account_id"].isin(account_ids)]
    return [
        words
        for topic, words in TOPIC_WORDS.items()
        if sum(topic in t for t in chosen["topic_list"]) > 1
    ]


def topic_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Accounts per topic, told by the deportee and by a relative, in the order of a life."""
    rows = []
    for topic, words in TOPIC_WORDS.items():
        has = [topic in t for t in table["topic_list"]]
        second = table["second_hand"].astype(bool)
        rows.append(
            {
                "topic": words,
                "by the deportee": int((pd.Series(has) & ~second.values).sum()),
                "second-hand": int((pd.Series(has) & second.values).sum()),
            }
        )
    counts = pd.DataFrame(rows)
    return counts[counts[["by the deportee", "second-hand"]].sum(axis=1) > 0]


@plotting.styled
def topic_chart(table: pd.DataFrame) -> Figure:
    """Horizontal bars: how many accounts tell of each topic, first-hand and second-hand."""
    counts = topic_counts(table).iloc[::-1]
    fig, ax = plotting.new_figure(width=8, height=0.35 * len(counts) + 1.4)
    own = counts["by the deportee"]
    ax.barh(counts["topic"], own, color=plotting.colour("blue"), label="told by the deportee")
    ax.barh(
        counts["topic"],
        counts["second-hand"],
        left=own,
        color=plotting.colour("orange"),
        hatch="//",
        label="told second-hand (by a child, grandchild or another writer)",
    )
    ax.set_xlabel("number of accounts (an account may tell of several topics)")
    ax.legend(loc="lower right", fontsize=8.5)
    ax.set_title(f"What the {len(table)} accounts tell of")
    return fig


def recorded_dates(table: pd.DataFrame) -> pd.DataFrame:
    """Dated accounts with the first and last year their recording date can mean."""
    dated = table[table["recorded"] != ""].copy()
    spans = [bounds(t.rstrip("?")) for t in dated["recorded"]]
    dated["first_year"] = [s[0].year for s in spans]
    dated["last_year"] = [s[1].year for s in spans]
    dated["inferred"] = dated["recorded"].str.endswith("?")
    return dated.sort_values(["first_year", "last_year", "person"], ignore_index=True)


@plotting.styled
def recorded_chart(table: pd.DataFrame) -> Figure:
    """A strip of the years the dated accounts were recorded or first published, stacked."""
    dated = recorded_dates(table)
    fig, ax = plotting.new_figure(width=8.5, height=3.2)
    height: dict[int, int] = {}
    for r in dated.itertuples():
        level = height.get(r.first_year, 0)
        height[r.first_year] = level + 1
        style = {"markerfacecolor": "white"} if r.inferred else {}
        if r.last_year > r.first_year:
            ax.hlines(level, r.first_year, r.last_year, color=plotting.colour("blue"), lw=4)
        ax.plot([r.first_year], [level], "o", color=plotting.colour("blue"), ms=9, **style)
    ax.plot([], [], "o", color=plotting.colour("blue"), label="year printed")
    ax.plot([], [], "o", color=plotting.colour("blue"), mfc="white", label="year inferred")
    ax.hlines([], 0, 0, color=plotting.colour("blue"), lw=4, label="only a span of years printed")
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.7, max(height.values()) + 0.5)
    ax.set_xlim(min(height) - 2, max(height) + 2)
    ax.set_xlabel("year recorded or first published (one marker per account)")
    ax.legend(loc="upper left", fontsize=8.5, ncols=3)
    ax.set_title(f"When the {len(dated)} dated accounts were recorded or published")
    return fig


def account_places(table: pd.DataFrame) -> gpd.GeoDataFrame:
    """Each gazetteer place the accounts name, with how many accounts name it."""
    named = pd.Series([p for cell in table["place_ids"] for p in cell.split(";") if p])
    counts = named.value_counts().rename_axis("id").reset_index(name="accounts")
    places = gazetteer().merge(counts, on="id")
    return places.sort_values(["accounts", "id"], ascending=[False, True], ignore_index=True)


#: The gazetteer roles of the places the accounts name, grouped for the map legend.
ROLE_GROUPS = {
    "origin_raion": ("a raion of origin", "vermillion", "^"),
    "context": ("another town", "bluish green", "s"),
    "station": ("a station", "black", "o"),
    "destination": ("a destination", "orange", "D"),
    "settlement": ("a kolkhoz or settlement", "blue", "P"),
}


def _legend_and_title(ax: object, title: str, handles: list) -> None:
    ax.legend(handles=handles, loc="upper left", fontsize=8, framealpha=0.9, frameon=True)
    ax.set_title(title)


@plotting.styled
def accounts_map(table: pd.DataFrame) -> Figure:
    """The places with a point that the accounts name, sized by how many accounts name them."""
    places = account_places(table)
    located = places[places.geometry.notna()].to_crs(ASIA_ALBERS)
    fig, ax = map_figure((45.0, 36.0, 140.0, 58.0), ASIA_ALBERS, width=10, height=6.2)
    labels, handles = [], []
    for role, (words, colour, marker) in ROLE_GROUPS.items():
        group = located[located["role"] == role]
        if group.empty:
            continue
        for r in group.itertuples():
            ax.plot(
                r.geometry.x,
                r.geometry.y,
                marker=marker,
                markersize=5 + 3 * r.accounts,
                color=plotting.colour(colour),
                markeredgecolor="black",
                markeredgewidth=0.5,
                linestyle="",
                zorder=3,
            )
            labels.append(Label(f"{short_name(r.id)} ({r.accounts})", (r.geometry.x, r.geometry.y)))
        handles.append(plotting.marker_handle(words, colour, marker, markeredgecolor="black"))
    _legend_and_title(ax, "Places named in the accounts (number of accounts in brackets)", handles)
    place_labels(ax, labels)
    return fig


def settlement_places() -> gpd.GeoDataFrame:
    """Settlements and destinations, numbered for the map: those with a point first."""
    places = gazetteer()
    chosen = places[places["role"].isin(["settlement", "destination"])].copy()
    chosen["has_point"] = chosen.geometry.notna()
    chosen = chosen.sort_values(
        ["has_point", "role", "ccodes", "lon", "id"], ascending=[False, True, True, True, True]
    )
    chosen["number"] = range(1, len(chosen) + 1)
    return chosen.reset_index(drop=True)


def point_words(row: dict) -> str:
    """What the map point of a settlement or destination stands for, in words."""
    if row["geometry"] is None:
        if row["confidence"] == "unresolved":
            return "no coordinates found; not on the map"
        return "an area; not on the map"
    km = row["approximation_km"]
    if not is_missing(km) and km >= STAND_IN_KM:
        return f"stand-in point: the place may lie up to about {fmt(km)} km from it"
    return "point of the place itself"


#: Words that mark a bracketed remark about the project's own reading, not a name.
_READING_REMARK = re.compile(r"\s*\([^()]*(?:code file|per [a-z]+;)[^()]*\)")


def today_name(modern: str) -> str:
    """Today's name for readers, without bracketed remarks on how the project read it."""
    return _READING_REMARK.sub("", modern)


def settlement_table() -> pd.DataFrame:
    """The settlements and destinations for readers: name in 1937, today, role, point, source."""
    rows = []
    for r in settlement_places().to_dict("records"):
        settled = r["role"] == "settlement"
        source = r["role_source"] if settled else r["title_source"]
        rows.append(
            {
                "no.": str(r["number"]) if r["has_point"] else "",
                "name (the 1937 form where the source gives it)": name_1937(r["id"]),
                "today": today_name(r["modern_name"]),
                "kind": "settlement or kolkhoz of deportees" if settled else "destination",
                "map point": point_words(r),
                "source": bibliography.cite(source),
            }
        )
    return pd.DataFrame(rows)


def _circle(ax: object, x: float, y: float, km: float) -> None:
    ring = gpd.GeoSeries(gpd.points_from_xy([x], [y]), crs=ASIA_ALBERS).buffer(km * 1000)
    ring.boundary.plot(ax=ax, color=plotting.colour("reddish purple"), lw=0.8, linestyle="--")


@plotting.styled
def settlements_map() -> Figure:
    """Settlements and destinations with a point, numbered as in :func:`settlement_table`;
    a stand-in point is hollow, inside a dashed circle of the distance the place may lie from it.
    """
    fig, ax = map_figure((54.0, 38.0, 82.0, 55.0), ASIA_ALBERS, width=9.5, height=7.0)
    places = settlement_places()
    located = places[places["has_point"]].to_crs(ASIA_ALBERS)
    together: dict[tuple[float, float], list[str]] = {}
    for r in located.itertuples():
        colour = plotting.colour("blue" if r.role == "settlement" else "orange")
        km = r.approximation_km
        stand_in = not is_missing(km) and km >= STAND_IN_KM
        if stand_in:
            _circle(ax, r.geometry.x, r.geometry.y, float(km))
        face = "white" if stand_in else colour
        marker = "o" if r.role == "settlement" else "s"
        ax.plot(r.geometry.x, r.geometry.y, marker=marker, ms=7, color=colour, mfc=face, ls="")
        together.setdefault((r.geometry.x, r.geometry.y), []).append(str(r.number))
    handles = [
        plotting.marker_handle("settlement or kolkhoz of deportees", "blue", "o"),
        plotting.marker_handle("destination named in the sources", "orange", "s"),
        plotting.marker_handle("stand-in point (hollow)", "black", "o", markerfacecolor="white"),
        plotting.marker_handle(
            "how far the place may lie from it", "reddish purple", "", linestyle="--"
        ),
    ]
    _legend_and_title(ax, "Settlements and destinations (numbers as in the table)", handles)
    place_labels(ax, [Label(", ".join(n), xy, {"fontsize": 8}) for xy, n in together.items()])
    return fig
