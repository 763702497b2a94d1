"""The data package: every real table validates, and every kind of bad input fails clearly.

Bad inputs are dropped into a copy of the real ``data/`` (the ``data_copy`` fixture): each test
asserts the exact file, row and column of the problem, and words of its message.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from frictionless.__main__ import console as frictionless_command
from typer.testing import CliRunner, Result

from helpers import data, tei, validate
from helpers.errors import DataError

FIXTURES = Path(__file__).parent / "fixtures" / "bad"
REAL = Path(data.__file__).resolve().parents[2] / "data"
CLAIMS = "figures/claims.csv"
W2 = "sources/texts/sovnarkom-1428-326ss.w2.ru.xml"


def _first(root: Path) -> DataError:
    found, _ = validate.collect(root)
    assert found, "the bad input was not reported"
    return found[0]


def _assert_at(err: DataError, path: str, row: int | None, column: str | None, words: str):
    assert (err.path, err.row, err.column) == (f"data/{path}", row, column), str(err)
    assert words in str(err), str(err)
    where = f"data/{path}" + (f", row {row}" if row else "")
    where += f", column '{column}'" if column else ""
    assert str(err).startswith(f"{where}: "), str(err)


# --------------------------------------------------------------------------------------------
# The real package


def test_every_real_table_loads_and_has_no_problems() -> None:
    data.clear_cache()
    for name in data.resource_names(REAL):
        assert data.problems(name, REAL) == [], name
        assert len(data.load(name, REAL)) > 0, name


def test_data_dir_follows_the_environment_variable(data_copy: Path) -> None:
    assert data.data_dir() == data_copy
    (data_copy / CLAIMS).write_text(
        (FIXTURES / "claims-duplicate-id.csv").read_text(encoding="utf-8").rsplit("\n", 2)[0]
        + "\n",
        encoding="utf-8",
    )
    data.clear_cache()
    assert len(data.load("claims")) == 1


def test_missing_data_dir_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match=r"no datapackage\.json"):
        data.data_dir()


def test_typed_columns() -> None:
    claims = data.load("claims", REAL)
    assert str(claims["value"].dtype) == "Float64"
    assert str(data.load("census", REAL)["koreans"].dtype) == "Int64"
    assert str(data.load("gazetteer", REAL)["witness_dependent"].dtype) == "boolean"
    assert list(claims.attrs["lines"][:3]) == [2, 3, 4]
    assert claims.attrs["path"] == "data/figures/claims.csv"


def test_unknown_table_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known tables: bibliography"):
        data.load("clams", REAL)


def test_every_bibliography_entry_is_cited_somewhere_in_the_data() -> None:
    # Cited by a row of data/, or by a notebook's code (a statement of the prose that rests on it).
    files = [*REAL.rglob("*"), *(REAL.parent / "notebooks").glob("*.ipynb")]
    text = "".join(
        p.read_text(encoding="utf-8")
        for p in files
        if p.is_file()
        and p.suffix in (".csv", ".xml", ".md", ".ipynb")
        and p.name != "bibliography.csv"
    )
    orphans = [
        s
        for s in data.load("bibliography", REAL)["id"]
        if not re.search(rf"(?<![a-z0-9-]){re.escape(s)}(?![a-z0-9-])", text)
    ]
    assert not orphans, f"bibliography entries cited nowhere: {orphans}"


# --------------------------------------------------------------------------------------------
# Bad claims tables (fixtures): file, row, column and words of the first problem

BAD = [
    ("claims-unknown-source.csv", 2, "source_id", "unknown bibliography id 'pohl-2009-last-trian'"),
    ("claims-negative-count.csv", 2, "value", "-5 is below the minimum 0"),
    ("claims-bad-edtf.csv", 2, "refers_to", "'25 Oct 1937' is not a valid EDTF date"),
    ("claims-above-own-bound.csv", 2, "value", "value 1300 is above its own at_most 1200"),
    ("claims-not-a-number.csv", 2, "value", "'about 1000' is not a number"),
    ("claims-unknown-quantity.csv", 2, "quantity", "unknown quantities id 'persons_deportd'"),
    ("claims-unknown-kind.csv", 2, "kind", "'guess' is not one of: recorded"),
    ("claims-ragged-row.csv", 2, None, "14 fields where the header has 17"),
    ("claims-duplicate-id.csv", 3, "claim_id", "duplicate id 'c-one' (first at row 2)"),
    ("claims-missing-column.csv", 1, "source_id", "missing column"),
    # the broken quote opens in row 3, column 'locator', and runs to the end of the file
    ("claims-malformed-quote.csv", 3, "locator", "malformed CSV"),
    ("claims-duplicate-header.csv", 1, "value", "duplicate column name in the header"),
    ("claims-header-only.csv", 2, None, "the table has a header but no rows"),
    ("claims-cp1251.csv", 3, "quote", "not UTF-8"),
    ("claims-control-character.csv", 2, "locator", "a control character (U+0007)"),
    ("claims-zero-width.csv", 2, "claim_id", "an invisible (zero-width) character (U+200B)"),
    ("claims-bidi.csv", 2, "quote", "a bidirectional-control character (U+202E)"),
    ("claims-lookalike.csv", 2, "claim_id", "mixes Latin and Cyrillic letters"),
    ("claims-underscore.csv", 2, "value", "'1_000' is not a number"),
    ("claims-arabic-digits.csv", 2, "value", "'١٢٣' is not a number"),
    ("claims-full-width-digits.csv", 2, "value", "'１２３' is not a number"),
    ("claims-exponent.csv", 2, "value", "'1e5' is not a number"),
    ("claims-above-maximum.csv", 2, "value", "2000000 persons is above the plausible maximum"),
    ("claims-overflow.csv", 2, "value", "is too large to store"),
    ("claims-interval-backwards.csv", 2, "refers_to", "ends before it starts"),
]


@pytest.mark.parametrize(("name", "row", "column", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_claims_name_file_row_and_column(data_copy: Path, name, row, column, words) -> None:
    shutil.copy(FIXTURES / name, data_copy / CLAIMS)
    problems = data.problems("claims")
    assert problems
    _assert_at(problems[0], CLAIMS, row, column, words)
    with pytest.raises(DataError) as caught:
        data.load("claims")
    assert str(caught.value).startswith(str(problems[0]))


def test_every_bad_fixture_is_tested() -> None:
    assert {p.name for p in FIXTURES.glob("*.csv")} == {b[0] for b in BAD}


def test_byte_order_mark_and_blank_lines_are_rejected(data_copy: Path) -> None:
    path = data_copy / CLAIMS
    text = path.read_text(encoding="utf-8")
    path.write_text("\ufeff" + text, encoding="utf-8")
    _assert_at(data.problems("claims")[0], CLAIMS, 1, None, "byte-order mark")
    data.clear_cache()
    path.write_text(text + "\n", encoding="utf-8")
    lines = text.count("\n")
    _assert_at(data.problems("claims")[0], CLAIMS, lines + 1, None, "blank line")


# --------------------------------------------------------------------------------------------
# Bad inputs built in a copy of the real data: the validator's first problem


def _cell(rel: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        text = (root / rel).read_text(encoding="utf-8")
        records = list(csv.reader(io.StringIO(text, newline="")))
        records[row - 1][records[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(records)
        (root / rel).write_text(out.getvalue(), encoding="utf-8")

    return edit


def _bytes(rel: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        raw = (root / rel).read_bytes()
        assert old in raw
        (root / rel).write_bytes(raw.replace(old, new, 1))

    return edit


def _descriptor(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        parsed = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        change(parsed)
        (root / "datapackage.json").write_text(json.dumps(parsed, indent=2), encoding="utf-8")

    return edit


def _resource(name: str, key: str, value) -> Callable[[dict], None]:
    def change(parsed: dict) -> None:
        res = next(r for r in parsed["resources"] if r["name"] == name)
        if value is None:
            del res[key]
        else:
            res[key] = value

    return change


def _drop_country(name: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / "geo/basemap/countries.geojson"
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text(
            "\n".join(x for x in lines if f'"name":"{name}"' not in x), encoding="utf-8"
        )

    return edit


RUSSIAN = "немедленно".encode()
# fmt: off
BUILT = [
    # (id, edit, file, row, column, words)
    ("census-overflow", _cell("figures/census.csv", 4, "koreans", str(2**64)),
     "figures/census.csv", 4, "koreans", "too large to store"),
    ("census-exponent", _cell("figures/census.csv", 4, "koreans", "1e5"),
     "figures/census.csv", 4, "koreans", "'1e5' is not an integer"),
    ("census-above-maximum", _cell("figures/census.csv", 4, "koreans", "9000000"),
     "figures/census.csv", 4, "koreans", "above the plausible maximum 1000000"),
    ("event-interval-backwards", _cell("sources/events.csv", 3, "date_edtf", "1926/1925"),
     "sources/events.csv", 3, "date_edtf", "ends before it starts"),
    ("gazetteer-title-lookalike", _cell("geo/gazetteer.csv", 4, "title", "Kaзахская ССР"),
     "geo/gazetteer.csv", 4, "title", "mixes Latin and Cyrillic"),
    ("gazetteer-title-zero-width", _cell("geo/gazetteer.csv", 4, "title", "Ка\u200bзахская"),
     "geo/gazetteer.csv", 4, "title", "U+200B"),
    ("gazetteer-variant-without-tag", _cell("geo/gazetteer.csv", 2, "variants", "USSR@en;СССР"),
     "geo/gazetteer.csv", 2, "variants", "'СССР' is not a name with a language tag"),
    ("url-with-quote", _cell("bibliography.csv", 2, "read_at", 'https://a.ru/"x'),
     "bibliography.csv", 2, "read_at", "is not a URL"),
    ("url-with-angle-brackets", _cell("bibliography.csv", 2, "read_at", "https://a.ru/<b>"),
     "bibliography.csv", 2, "read_at", "is not a URL"),
    ("gazetteer-header-only",
     lambda root: (root / "geo/gazetteer.csv").write_text(
         (REAL / "geo/gazetteer.csv").read_text(encoding="utf-8").split("\n")[0] + "\n"),
     "geo/gazetteer.csv", 2, None, "header but no rows"),
    ("tei-doctype", _bytes(W2, b"<TEI ", b"<!DOCTYPE TEI>\n<TEI "),
     W2, 2, None, "DOCTYPE or entity declarations are not allowed"),
    ("tei-entity", _bytes(W2, b"<TEI ", b'<!DOCTYPE TEI [<!ENTITY e "x">]>\n<TEI '),
     W2, 2, None, "DOCTYPE or entity declarations are not allowed"),
    ("tei-cp1251", _bytes(W2, RUSSIAN, "немедленно".encode("cp1251")),
     W2, 29, None, "not UTF-8"),
    ("tei-lookalike", _bytes(W2, RUSSIAN, "немeдленно".encode()),
     W2, 29, None, "mixes Latin and Cyrillic"),
    ("tei-zero-width", _bytes(W2, RUSSIAN, "неме\u200bдленно".encode()),
     W2, 29, None, "U+200B"),
    ("tei-bidi-reference", _bytes(W2, RUSSIAN, "неме&#x202E;дленно".encode()),
     W2, 29, None, "U+202E"),
    ("tei-missing-witness", lambda root: (root / W2).unlink(),
     "sources/texts/sovnarkom-1428-326ss.en.xml", 28, None, "no witness file"),
    ("basemap-bad-json", _bytes("geo/basemap/countries.geojson", b"\n{", b"\n,{"),
     "geo/basemap/countries.geojson", 2, None, "not valid GeoJSON"),
    ("basemap-missing-country", _drop_country("Kazakhstan"),
     "geo/basemap/countries.geojson", None, None, "no feature named Kazakhstan"),
    ("descriptor-no-resources", _descriptor(lambda d: d.pop("resources")),
     "datapackage.json", None, None, "no 'resources' list"),
    ("descriptor-empty-resources", _descriptor(lambda d: d.update(resources=[])),
     "datapackage.json", None, None, "'resources' is empty"),
]
# fmt: on


@pytest.mark.parametrize(
    ("edit", "path", "row", "column", "words"), [b[1:] for b in BUILT], ids=[b[0] for b in BUILT]
)
def test_bad_input_in_a_copy_names_file_row_and_column(
    data_copy: Path, edit, path, row, column, words
) -> None:
    edit(data_copy)
    _assert_at(_first(data_copy), path, row, column, words)


def _line_of_resource(root: Path, name: str) -> int:
    lines = (root / "datapackage.json").read_text(encoding="utf-8").split("\n")
    return lines.index(f'      "name": "{name}",') + 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_resource("claims", "schema", None), "resource 'claims': no schema with 'fields'"),
        (_resource("claims", "path", "../x.csv"), "path '../x.csv' is outside data/"),
        (_resource("claims", "path", "/etc/passwd"), "path '/etc/passwd' is outside data/"),
    ],
    ids=["no-schema", "relative-path-outside", "absolute-path"],
)
def test_bad_descriptor_names_the_resource_line(data_copy: Path, change, words) -> None:
    _descriptor(change)(data_copy)
    _assert_at(
        _first(data_copy), "datapackage.json", _line_of_resource(data_copy, "claims"), None, words
    )
    data.clear_cache()
    with pytest.raises(DataError, match=re.escape(words)):
        data.load("claims")


def test_missing_tei_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file not found"):
        tei.parse(tmp_path / "data" / "sources" / "texts" / "nothing.ru.xml")


# --------------------------------------------------------------------------------------------
# Frictionless agrees on the real package and catches bad rows too


def _frictionless(descriptor: Path) -> Result:
    """``frictionless validate --json descriptor``: the command line's own entry point, run in
    this process (with sockets blocked) rather than in a new interpreter.
    """
    return CliRunner().invoke(frictionless_command, ["validate", "--json", str(descriptor)])


def test_frictionless_validates_the_real_package() -> None:
    result = _frictionless(REAL / "datapackage.json")
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]


@pytest.mark.parametrize(
    ("name", "error_type"),
    [("claims-unknown-source.csv", "foreign-key"), ("claims-not-a-number.csv", "type-error")],
)
def test_frictionless_catches_bad_rows(data_copy: Path, name: str, error_type: str) -> None:
    shutil.copy(FIXTURES / name, data_copy / CLAIMS)
    descriptor = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    keep = {"bibliography", "quantities", "claims", "gazetteer"}
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in keep]
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = _frictionless(data_copy / "datapackage.json")
    report = json.loads(result.stdout)
    assert not report["valid"]
    types = {e["type"] for task in report["tasks"] for e in task["errors"]}
    assert error_type in types, types
