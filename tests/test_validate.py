"""``python -m helpers.validate`` (``make validate``) and docs/robustness.md.

The command prints one line when the data are clean and one line per problem otherwise, never a
traceback; docs/robustness.md must be what tools/robustness.py writes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import robustness

from helpers import data, validate

REAL = Path(validate.__file__).resolve().parents[2] / "data"
LINE = re.compile(r"^data/[^,:]+(, row \d+)?(, column '[^']+')?: .+$")


def _run(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "helpers.validate", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_clean_real_data_prints_one_line_and_exits_0() -> None:
    result = _run(REAL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(result.stdout.splitlines()) == 1, result.stdout
    tables = len(data.resource_names(REAL))
    assert result.stdout.startswith(f"data/: valid: {tables} tables")
    assert "Traceback" not in result.stdout + result.stderr


def _break_several(root: Path) -> None:
    claims = root / "figures" / "claims.csv"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            "gwangju,persons_deported,171781,", "gwangju,persons_deported,1_000,", 1
        ),
        encoding="utf-8",
    )
    census = root / "figures" / "census.csv"
    census.write_bytes(
        census.read_bytes().replace(b"1926,kazakh-ssr,42,", b"1926,kazakh-ssr,1e5,", 1)
    )
    gazetteer = root / "geo" / "gazetteer.csv"
    gazetteer.write_text(
        gazetteer.read_text(encoding="utf-8").replace("USSR@en;", "USSR;", 1), encoding="utf-8"
    )
    events = root / "sources" / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"1884-06-25", b"1884-06-25/1883", 1))
    witness = root / "sources" / "texts" / "sovnarkom-1428-326ss.w2.ru.xml"
    witness.write_bytes(witness.read_bytes().replace(b"<TEI ", b"<!DOCTYPE TEI>\n<TEI ", 1))


EXPECTED = [
    "data/sources/events.csv, row 2, column 'date_edtf': '1884-06-25/1883' ends before it starts",
    "data/figures/claims.csv, row 6, column 'value': '1_000' is not a number",
    "data/figures/census.csv, row 4, column 'koreans': '1e5' is not an integer",
    "data/geo/gazetteer.csv, row 2, column 'variants': 'USSR' is not a name with a language tag",
    "data/sources/texts/sovnarkom-1428-326ss.w2.ru.xml, row 2: DOCTYPE or entity declarations",
]


def test_several_problems_in_several_files_one_line_each(data_copy: Path) -> None:
    _break_several(data_copy)
    result = _run(data_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert len(lines) == len(EXPECTED), lines
    for want in EXPECTED:
        assert any(line.startswith(want) for line in lines), (want, lines)
    assert result.stderr.strip() == f"{len(EXPECTED)} problem(s) in {data_copy}"


def test_main_reports_the_same_in_process(data_copy: Path, capsys) -> None:
    _break_several(data_copy)
    assert validate.main([str(data_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(EXPECTED)


def test_a_folder_without_a_descriptor_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    result = _run(folder)
    assert result.returncode == 1
    assert result.stdout == "data/datapackage.json: file not found\n"
    assert "Traceback" not in result.stderr


def test_robustness_document_lists_at_least_80_clear_cases() -> None:
    # `make test` runs `tools/robustness.py --check`, which regenerates the table and fails on
    # any difference; this test checks what the table says.
    text = robustness.DOC.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert len(rows) >= 80
    assert all(row.endswith("| clear |") for row in rows), [r for r in rows if "clear" not in r]
    assert "/tmp" not in text
