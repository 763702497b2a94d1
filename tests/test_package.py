"""helpers finds data/ without an editable install, and the package imports no site tooling."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELPERS = ROOT / "src" / "helpers"


def test_data_is_found_from_the_working_directory_without_an_editable_install(tmp_path) -> None:
    site = tmp_path / "site-packages"
    shutil.copytree(HELPERS, site / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    code = "from helpers import package; print(package.__file__); print(package.data_dir())"
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        cwd=ROOT / "notebooks",
        capture_output=True,
        text=True,
        check=True,
    )
    where, found = result.stdout.split()
    assert Path(where).is_relative_to(site)
    assert Path(found) == ROOT / "data"


def test_no_helper_imports_sphinx_or_myst_nb() -> None:
    for path in sorted(HELPERS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in getattr(node, "names", [])]
                if isinstance(node, ast.Import)
                else [getattr(node, "module", "") or ""]
            )
            assert not any(n.split(".")[0] in ("sphinx", "myst_nb") for n in names), path.name


def test_modules_and_functions_stay_short() -> None:
    for path in sorted(HELPERS.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 400, f"{path.name} has {text.count(chr(10))} lines"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef):
                length = node.end_lineno - node.lineno + 1
                assert length <= 60, f"{path.name}: {node.name} has {length} lines"
