"""Every number links to its evidence: the link class, the link builders, the Ledger page, and
the committed notebooks (every glued figure is a link to an anchor that exists).
"""

from __future__ import annotations

import ast
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from IPython.core.formatters import format_display_data
from markdown_it import MarkdownIt

from helpers import bibliography, data, evidence, tables
from helpers.values import fmt

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
GLUE = "application/papermill.record/"

# A figure in prose: digits with separators or decimals, a range, a percentage, a number after
# "≈" or "about". Years (a bare four-digit number) and spans of years are dates, not figures.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FIGURE = re.compile(rf"(?:≈ ?|about )?({_NUMBER})(?: ?%)?(?: ?[–-] ?({_NUMBER})(?: ?%)?)?")
_YEAR = re.compile(r"1\d{3}|20\d{2}")


def is_figure(text: str) -> bool:
    match = _FIGURE.fullmatch(text.strip())
    return bool(match) and not all(_YEAR.fullmatch(n) for n in match.groups() if n)


# Text a reader could meet: no control characters, no line or paragraph separators, and no
# whitespace but the plain space (Markdown trims only that from a table cell).
_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")) | st.just(" "),
    max_size=40,
)


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.cells: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))
        if tag == "td":
            self.cells.append("")
            self._in_cell = True

    def handle_endtag(self, tag: str) -> None:
        self._in_cell = self._in_cell and tag != "td"

    def handle_data(self, data_: str) -> None:
        self.text.append(data_)
        if self._in_cell:
            self.cells[-1] += data_


def _parsed(html_: str) -> _Anchors:
    parser = _Anchors()
    parser.feed(html_)
    parser.close()
    return parser


# --------------------------------------------------------------------------------------------
# The figure rule of these tests


@pytest.mark.parametrize(
    "text", ["171,781", "3", "0", "16.3", "25,000–30,000", "25–30", "55 %", "≈ 5,000", "about 40"]
)
def test_figures_are_recognised(text: str) -> None:
    assert is_figure(text)


@pytest.mark.parametrize(
    "text", ["1932", "1935 – 1936", "21 August 1937", "pp. 64–65", "6 and 7", "any", "W1"]
)
def test_years_dates_and_words_are_not_figures(text: str) -> None:
    assert not is_figure(text)


# --------------------------------------------------------------------------------------------
# The link class


def test_a_link_shows_its_text_as_plain_text_and_a_link_as_markdown() -> None:
    link = evidence.Linked("171,781", "../ledger.html#claim-x", "Pohl 2009, p. 3")
    bundle, _ = format_display_data(link)
    assert str(link) == repr(link) == bundle["text/plain"] == "171,781"
    assert bundle["text/markdown"] == (
        '<a class="evidence" href="../ledger.html#claim-x" title="Pohl 2009, p. 3">171,781</a>'
    )


@given(text=_TEXT, href=_TEXT, title=_TEXT)
def test_a_link_survives_any_text_in_html_and_in_markdown(text: str, href: str, title: str) -> None:
    markdown = evidence.Linked(text, href, title)._repr_markdown_()
    for rendered in (markdown, MarkdownIt("commonmark").renderInline(markdown)):
        parsed = _parsed(rendered)
        assert parsed.links == [
            {"class": "evidence", "href": " ".join(href.split()), "title": " ".join(title.split())}
        ]
        assert "".join(parsed.text) == text


@given(text=_TEXT | st.just("a\nb |c\\|d"))
def test_a_table_cell_shows_any_text_as_written(text: str) -> None:
    frame = pd.DataFrame({"column": [evidence.cell_markdown(text)]})
    rendered = MarkdownIt("commonmark").enable("table").render(tables.markdown(frame))
    assert _parsed(rendered).cells == [text.replace("\n", " ").strip(" ")]


# --------------------------------------------------------------------------------------------
# The link builders


def test_a_claim_links_to_its_row_with_its_figure_source_and_locator() -> None:
    link = evidence.claim("c-deported-total-pohl")
    assert link.text == "171,781"
    assert link.href == "../ledger.html#claim-c-deported-total-pohl"
    assert link.title == "Pohl 2009, Li & Kim, Belaia kniga, doc. 52, pp. 114–115"


def test_a_claim_with_bounds_only_shows_its_bounds_and_a_given_text_wins() -> None:
    assert evidence.claim("c-remaining-rear-yezhov").text == "25,000–30,000"
    assert evidence.claim("c-remaining-rear-yezhov", 25000.0).text == "25,000"
    assert evidence.claim("c-remaining-rear-yezhov", "up to").text == "up to"


def test_a_sum_check_links_to_the_row_of_its_total() -> None:
    link = evidence.check("chk-chirchik-plan", 84)
    assert (link.text, link.href) == ("84", "../ledger.html#claim-c-chirchik-plan")


def test_sections_cells_tables_and_folders_have_their_anchors() -> None:
    assert evidence.quantity("persons_deported", 24).href == (
        "../ledger.html#quantity-persons-deported"
    )
    assert evidence.quantities(34).href == f"../ledger.html#{evidence.QUANTITIES}"
    assert evidence.census(1000).text == "1,000"
    assert evidence.census(15).href == f"../ledger.html#{evidence.CENSUS}"
    cell = evidence.census_cell(1926, "dvk", 168009)
    assert cell.href == "../ledger.html#census-1926-dvk"
    assert cell.title == "Census of 1926, Far Eastern Krai: Arsenev 1928; Chang 2016"
    assert evidence.table("accounts", 32).href == "../data.html#table-accounts"
    assert evidence.data_file("basemap", 67543.0).href == "../data.html#file-basemap"
    assert {"table-accounts", "table-gazetteer", "file-texts", "file-basemap"} <= (
        evidence.data_anchors()
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: evidence.claim("c-no-such-claim"),
        lambda: evidence.quantity("no_such_quantity", 1),
        lambda: evidence.census_cell(1926, "no-such-territory", 1),
        lambda: evidence.table("no_such_table", 1),
        lambda: evidence.data_file("no-such-folder", 1),
    ],
)
def test_a_link_to_an_unknown_target_fails_when_the_notebook_runs(make) -> None:
    with pytest.raises(KeyError):
        make()


# --------------------------------------------------------------------------------------------
# The Ledger page


@pytest.fixture(scope="module")
def page() -> str:
    return evidence.ledger_markdown()


def _anchors(markdown: str) -> list[str]:
    spans = re.findall(r'<span id="([^"]+)"></span>', markdown)
    return spans + re.findall(r"^\(([\w-]+)\)=$", markdown, flags=re.MULTILINE)


def test_every_claim_has_exactly_one_row_anchor_and_anchors_are_unique(page: str) -> None:
    anchors = _anchors(page)
    assert len(anchors) == len(set(anchors))
    for claim_id in data.load("claims")["claim_id"]:
        assert page.count(f'id="{evidence.claim_anchor(claim_id)}"') == 1, claim_id
    for name in data.load("quantities")["quantity"]:
        assert evidence.quantity_anchor(name) in anchors
    census = data.load("census")
    for year, territory in zip(census["census_year"], census["territory"], strict=True):
        assert evidence.census_anchor(year, territory) in anchors
    assert {evidence.QUANTITIES, evidence.CENSUS} <= set(anchors)


def test_the_page_shows_no_internal_id(page: str) -> None:
    shown = re.sub(r"<[^>]+>", "", re.sub(r"^\([\w-]+\)=$", "", page, flags=re.MULTILINE))
    claims, census = data.load("claims"), data.load("census")
    ids = {*claims["claim_id"], *claims["source_id"], *claims["lineage"]}
    ids |= {s for s in census["source_id"] if s} | set(data.load("bibliography")["id"])
    for found in ids:
        assert not re.search(rf"(?<![\w-]){re.escape(found)}(?![\w-])", shown), found


def test_the_page_tables_have_a_row_per_claim_and_census_row(page: str) -> None:
    rendered = MarkdownIt("commonmark").enable("table").render(page)
    rows = rendered.count("<tr>") - rendered.count("<thead>")
    assert rows == len(data.load("claims")) + len(data.load("census"))
    assert "# Ledger of figures" in page
    assert bibliography.cite("pohl-2009-last-train") in page
    assert fmt(171781) in page


# --------------------------------------------------------------------------------------------
# The committed notebooks


def _notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _glued(nb: dict) -> dict[str, dict[str, str]]:
    found = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            if "scrapbook" in output.get("metadata", {}):
                bundle = {k.removeprefix(GLUE): v for k, v in output["data"].items()}
                found[output["metadata"]["scrapbook"]["name"]] = bundle
    return found


def _plain(bundle: dict[str, str]) -> str:
    text = bundle["text/plain"]
    return ast.literal_eval(text) if text[:1] in "'\"" else text


@pytest.fixture(scope="module")
def targets(page: str) -> dict[str, set[str]]:
    return {evidence.LEDGER_PAGE: set(_anchors(page)), evidence.DATA_PAGE: evidence.data_anchors()}


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.stem)
def test_every_glued_figure_links_to_an_anchor_that_exists(path: Path, targets) -> None:
    glued = _glued(json.loads(path.read_text(encoding="utf-8")))
    for key, bundle in glued.items():
        if "text/markdown" not in bundle:
            assert not is_figure(_plain(bundle)), f"{path.name}: {key} is a figure without a link"
            continue
        links = _parsed(bundle["text/markdown"]).links
        assert [link["class"] for link in links] == ["evidence"], f"{path.name}: {key}"
        page_, _, anchor = str(links[0]["href"]).partition("#")
        assert anchor in targets.get(page_, set()), f"{path.name}: {key} links to {page_}#{anchor}"


@pytest.mark.parametrize("path", _notebooks(), ids=lambda p: p.stem)
def test_linked_keys_are_pasted_as_markdown_and_only_they(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    linked = {k for k, b in _glued(nb).items() if "text/markdown" in b}
    prose = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    as_text = set(re.findall(r"\{glue:text\}`([^`:]+)", prose))
    as_markdown = set(re.findall(r"\{glue:md\}`([^`:]+)", prose))
    assert not as_text & linked, f"{path.name}: {sorted(as_text & linked)} lose their link"
    assert as_markdown <= linked, f"{path.name}: {sorted(as_markdown - linked)} have no link"


def test_the_notebooks_link_their_figures() -> None:
    linked = [
        key
        for path in _notebooks()
        for key, bundle in _glued(json.loads(path.read_text(encoding="utf-8"))).items()
        if "text/markdown" in bundle
    ]
    assert len(linked) > 150, "the notebooks link almost no figure: the checks would be vacuous"
