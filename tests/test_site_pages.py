"""The data and citation pages and the downloads (tools/site_pages.py, tools/citation_page.py),
all offline.

``fixtures/cff-schema-1.2.0.json`` is the JSON schema of the Citation File Format 1.2.0, copied
unchanged from ``cffconvert/schemas/1.2.0/schema.json`` in the PyPI wheel
``cffconvert-2.0.0-py3-none-any.whl`` (cffconvert itself pins ``jsonschema<4``, which our lock
cannot take); its origin and licence (CC BY 4.0) are recorded in ``REUSE.toml``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import build
import citation_page
import frictionless
import jsonschema
import pytest
import site_pages

from helpers import data, package

SCHEMA = Path(__file__).parent / "fixtures" / "cff-schema-1.2.0.json"
ANCHORS = ["file-texts", "file-basemap"]


@pytest.fixture(scope="module")
def descriptor() -> dict:
    return package.descriptor(package.data_dir())


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    html = tmp_path_factory.mktemp("html")
    site_pages.write_downloads(html)
    return html


@pytest.fixture(scope="module")
def data_page() -> str:
    return site_pages.data_markdown()


@pytest.fixture(scope="module")
def cff() -> dict:
    return citation_page.read_cff()


# --------------------------------------------------------------------------------------------
# The zip and the copied files


def test_zip_holds_the_descriptor_and_every_table(downloads: Path, descriptor: dict) -> None:
    with zipfile.ZipFile(downloads / site_pages.ZIP) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
    assert "datapackage.json" in names
    missing = [r["path"] for r in descriptor["resources"] if r["path"] not in names]
    assert not missing
    assert any(n.startswith("sources/texts/") for n in names)
    assert any(n.startswith("geo/basemap/") for n in names)


def test_zip_validates_with_frictionless_offline(downloads: Path, descriptor: dict) -> None:
    # Sockets are blocked (conftest.py): frictionless reads the zip and checks every table against
    # the descriptor without fetching the profile named by "$schema" (it ships it) or a licence.
    report = frictionless.validate(str(downloads / site_pages.ZIP))
    assert report.valid, report.flatten(["type", "note"])[:10]
    assert report.stats["tasks"] == len(descriptor["resources"])


def test_zip_is_the_same_byte_for_byte_whatever_the_file_times(data_copy: Path) -> None:
    first = site_pages.zip_bytes(data_copy)
    for path in site_pages.data_files(data_copy):
        os.utime(path, (1_900_000_000, 1_900_000_000))
    assert site_pages.zip_bytes(data_copy) == first
    infos = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {(i.date_time, i.external_attr >> 16) for i in infos} == {
        ((1980, 1, 1, 0, 0, 0), 0o100644)
    }


def test_two_builds_write_identical_zips(downloads: Path, tmp_path: Path) -> None:
    site_pages.write_downloads(tmp_path)
    again = (tmp_path / site_pages.ZIP).read_bytes()
    assert again == (downloads / site_pages.ZIP).read_bytes()


def test_data_and_licence_files_are_copied_where_the_pages_link(downloads: Path) -> None:
    root = package.data_dir()
    for path in site_pages.data_files(root):
        copy = downloads / "data" / path.relative_to(root)
        assert copy.read_bytes() == path.read_bytes(), copy
    assert (downloads / "LICENSES" / "MIT.txt").is_file()
    assert (downloads / "LICENSES" / "CC-BY-4.0.txt").is_file()


def test_hidden_files_and_caches_stay_out(data_copy: Path) -> None:
    (data_copy / ".DS_Store").write_text("x")
    (data_copy / "geo" / "__pycache__").mkdir()
    (data_copy / "geo" / "__pycache__" / "x.pyc").write_text("x")
    names = [p.name for p in site_pages.data_files(data_copy)]
    assert ".DS_Store" not in names
    assert "x.pyc" not in names
    assert "datapackage.json" in names


# --------------------------------------------------------------------------------------------
# The data page


def test_data_page_has_an_anchor_for_every_table_texts_and_base_map(
    data_page: str, descriptor: dict
) -> None:
    labels = [f"table-{r['name']}" for r in descriptor["resources"]] + ANCHORS
    for label in labels:
        assert re.search(rf"^\({re.escape(label)}\)=\n#+ \S", data_page, re.M), label
    # Sphinx spells a section's id with '-' for '_': those tables carry their exact id too
    assert '<div id="table-seed_claims"></div>' in data_page
    assert '<div id="table-claims">' not in data_page


def test_data_page_links_every_table_to_its_csv_with_its_row_count(
    data_page: str, descriptor: dict
) -> None:
    for r in descriptor["resources"]:
        rows = data.size(r["name"])
        link = f'<a href="data/{r["path"]}">{r["path"]}</a>'
        assert re.search(rf"\b{rows:,} rows?; file {re.escape(link)}", data_page), r["name"]
        for field in r["schema"]["fields"]:
            assert f"| `{field['name']}` |" in data_page, (r["name"], field["name"])


def test_data_page_states_the_licence_and_the_zip_size(data_page: str, descriptor: dict) -> None:
    licence = descriptor["licenses"][0]
    assert f"{licence['title']} (CC BY 4.0)" in data_page
    size = len(site_pages.zip_bytes(package.data_dir()))
    assert f"({round(size / 1000):,} kB)" in data_page
    assert f'<a href="{site_pages.ZIP}" download>' in data_page
    assert '<a href="gazetteer.lpf.geojson">' in data_page


def test_constraints_read_as_words() -> None:
    field = {"constraints": {"required": True, "enum": ["a", "b", ""], "minimum": 0}}
    assert site_pages._constraints(field) == "required; one of: `a`, `b`; ≥ 0"
    assert site_pages._constraints({"name": "x"}) == ""


# --------------------------------------------------------------------------------------------
# CITATION.cff and the citation page


def _as_json(cff: dict) -> dict:
    """CITATION.cff as the schema expects it: YAML dates cast to strings (the schema says so)."""
    return json.loads(json.dumps(cff, default=lambda v: v.isoformat()))


def test_citation_cff_is_valid_citation_file_format_1_2_0(cff: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    assert cff["cff-version"] == "1.2.0"
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(_as_json(cff))]
    assert not errors
    broken = {k: v for k, v in _as_json(cff).items() if k != "authors"} | {"licence": "MIT"}
    assert len(list(validator.iter_errors(broken))) == 2  # the check is not vacuous


def test_citation_page_carries_the_version_and_licences_of_citation_cff(cff: dict) -> None:
    page = citation_page.citation_markdown(cff)
    assert f"(version {cff['version']})" in page
    assert f"version = {{{cff['version']}}}" in page
    assert f"Licence: {citation_page.short_licence(cff['license'])}." in page
    assert f"year = {{{cff['date-released'].year}}}" in page
    # what the issue asks the site to show: code MIT; text and data CC BY 4.0
    assert "| Code (helpers, build tools, tests) | MIT |" in page
    assert "| Data (tables, texts, descriptor) | CC BY 4.0 |" in page
    assert "| Text of the site | CC BY 4.0 |" in page
    assert citation_page.licence_of("data/figures/claims.csv") == cff["license"]
    assert f"“{citation_page.notebook_title(citation_page.EXAMPLE_NOTEBOOK)}”" in page
    assert "`02_population.ipynb`" in page


def test_citation_page_gives_an_address_only_where_citation_cff_has_one(cff: dict) -> None:
    assert not citation_page.address(cff), "CITATION.cff now has an address: update this test"
    without = citation_page.citation_markdown(cff)
    assert "url = " not in without
    assert "no permanent address" in without
    with_doi = cff | {"doi": "10.5281/zenodo.1234567"}
    page = citation_page.citation_markdown(with_doi)
    assert "url = {https://doi.org/10.5281/zenodo.1234567}" in page
    assert "no permanent address" not in page


def test_authors_are_named_as_citations_name_them() -> None:
    cff = {"authors": [{"family-names": "Kim", "given-names": "German"}, {"name": "Team"}]}
    assert citation_page.authors_text(cff) == "Kim, German; Team"
    cff |= {"title": "T: x", "version": "1", "date-released": dt.date(2020, 1, 2)}
    cff |= {"license": "MIT", "type": "software"}
    assert "author = {{Kim, German} and {Team}}" in citation_page.bibtex(cff)


# --------------------------------------------------------------------------------------------
# The built site (built by test_site.py's way if it is missing)


@pytest.mark.site
def test_built_data_page_has_exactly_the_anchor_ids_and_live_links(descriptor: dict) -> None:
    if not (build.HTML / "index.html").is_file():
        build.build_site(executed=False)
    page = (build.HTML / "data.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', page)
    for label in [f"table-{r['name']}" for r in descriptor["resources"]] + ANCHORS:
        assert ids.count(label) == 1, label
    for href in re.findall(r'<a[^>]*\shref="([^"#]+)"', page):
        if not href.startswith(("http://", "https://")):
            assert (build.HTML / unquote(href)).exists(), href
    assert (build.HTML / "citation.html").is_file()
