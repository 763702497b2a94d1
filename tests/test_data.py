"""The data package: every real table validates, and every kind of bad input fails clearly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import data

FIXTURES = Path(__file__).parent / "fixtures"
REAL = Path(data.__file__).resolve().parents[2] / "data"


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small valid data package (real descriptor, fixture tables) in a temporary folder."""
    shutil.copytree(FIXTURES / "good", tmp_path, dirs_exist_ok=True)
    shutil.copy(REAL / "datapackage.json", tmp_path / "datapackage.json")
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    return tmp_path


def test_every_real_table_loads_and_validates() -> None:
    counts = data.validate_all(REAL)
    assert set(counts) == set(data.resource_names(REAL))
    assert all(n > 0 for n in counts.values()), counts


def test_data_dir_follows_the_environment_variable(package: Path) -> None:
    assert data.data_dir() == package
    assert len(data.load("claims")) == 3


def test_missing_data_dir_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(data.ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match=r"no datapackage\.json"):
        data.data_dir()


def test_typed_columns(package: Path) -> None:
    claims = data.load("claims")
    assert str(claims["value"].dtype) == "Float64"
    assert claims["value"].isna().tolist() == [False, False, True]
    assert claims.attrs["lines"] == [2, 3, 4]


def test_unknown_table_lists_the_known_ones(package: Path) -> None:
    with pytest.raises(KeyError, match="known tables: bibliography"):
        data.load("clams")


BAD = [
    # file, row, column, words the message must contain
    (
        "claims-unknown-source.csv",
        2,
        "source_id",
        "unknown bibliography id 'fixture-reprot'; did you mean fixture-report",
    ),
    ("claims-negative-count.csv", 2, "value", "-5 is below the minimum 0"),
    ("claims-bad-edtf.csv", 2, "refers_to", "'25 Oct 1937' is not a valid EDTF date"),
    ("claims-above-own-bound.csv", 2, "value", "value 1300 is above its own at_most 1200"),
    ("claims-not-a-number.csv", 2, "value", "'about 1000' is not a number"),
    ("claims-unknown-quantity.csv", 2, "quantity", "unknown quantities id 'persons_deportd'"),
    ("claims-unknown-kind.csv", 2, "kind", "'guess' is not one of: recorded"),
    ("claims-ragged-row.csv", 2, None, "10 fields where the header has 13"),
    ("claims-duplicate-id.csv", 3, "claim_id", "duplicate id 'c-one' (first at row 2)"),
    ("claims-missing-column.csv", 1, "source_id", "missing column"),
    ("claims-malformed-quote.csv", 2, None, "malformed CSV"),
]


@pytest.mark.parametrize(("name", "row", "column", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_file_row_and_column(package: Path, name, row, column, words) -> None:
    shutil.copy(FIXTURES / "bad" / name, package / "figures" / "claims.csv")
    with pytest.raises(data.DataError) as caught:
        data.load("claims")
    err = caught.value
    assert err.path == f"{package.name}/figures/claims.csv"
    assert (err.row, err.column) == (row, column)
    assert words in str(err)
    assert str(err).startswith(f"{package.name}/figures/claims.csv, row {row}")


def test_byte_order_mark_and_blank_lines_are_rejected(package: Path) -> None:
    path = package / "figures" / "claims.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text("\ufeff" + text, encoding="utf-8")
    with pytest.raises(data.DataError, match="byte-order mark"):
        data.load("claims")
    data._load.cache_clear()
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match="row 5: blank line"):
        data.load("claims")


def test_spaces_around_a_value_are_rejected(package: Path) -> None:
    path = package / "figures" / "claims.csv"
    path.write_text(path.read_text().replace("c-two,", " c-two,"), encoding="utf-8")
    with pytest.raises(data.DataError, match="row 3, column 'claim_id': leading or trailing"):
        data.load("claims")


def test_id_lists_are_checked(package: Path) -> None:
    # documents cite several sources in one ';'-separated cell
    (package / "sources").mkdir()
    header = (REAL / "sources" / "documents.csv").read_text(encoding="utf-8").splitlines()[0]
    row = "d-one,1937-08-21,decree,Test body,,,,A test decree,,,none,fixture-report;fixture-bok,"
    (package / "sources" / "documents.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(
        data.DataError, match="row 2, column 'source_ids': unknown bibliography id 'fixture-bok'"
    ):
        data.load("documents")


@pytest.fixture(autouse=True)
def _fresh_cache():
    data._load.cache_clear()
    data._descriptor.cache_clear()
    yield
    data._load.cache_clear()
    data._descriptor.cache_clear()


def _frictionless(descriptor: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("frictionless")
    return subprocess.run(
        [str(exe), "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_frictionless_validates_the_real_package() -> None:
    result = _frictionless(REAL / "datapackage.json")
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]


@pytest.mark.parametrize(
    ("name", "error_type"),
    [("claims-unknown-source.csv", "foreign-key"), ("claims-not-a-number.csv", "type-error")],
)
def test_frictionless_catches_bad_rows(package: Path, name: str, error_type: str) -> None:
    shutil.copy(FIXTURES / "bad" / name, package / "figures" / "claims.csv")
    descriptor = json.loads((package / "datapackage.json").read_text())
    keep = {"bibliography", "quantities", "claims", "gazetteer"}
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in keep]
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    result = _frictionless(package / "datapackage.json")
    report = json.loads(result.stdout)
    assert not report["valid"]
    types = {e["type"] for task in report["tasks"] for e in task["errors"]}
    assert error_type in types, types


def test_every_bibliography_entry_is_cited_somewhere_in_the_data() -> None:
    import re

    text = "".join(
        p.read_text(encoding="utf-8")
        for p in REAL.rglob("*")
        if p.is_file() and p.suffix in (".csv", ".xml", ".md") and p.name != "bibliography.csv"
    )
    orphans = [
        s
        for s in data.load("bibliography", REAL)["id"]
        if not re.search(rf"(?<![a-z0-9-]){re.escape(s)}(?![a-z0-9-])", text)
    ]
    assert not orphans, f"bibliography entries cited nowhere in data/: {orphans}"
