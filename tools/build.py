"""Execute the notebooks and build the static site offline with Jupyter Book 1.x.

    python tools/build.py book       # execute what changed, then build _build/html
    python tools/build.py site       # build _build/html from the committed notebooks
    python tools/build.py execute    # re-execute the notebooks in place (refresh outputs)

``book`` keeps executed copies in ``_build/executed/`` with a content hash of their inputs (the
notebook, every file under ``data/`` and ``src/helpers/``, the kernel environment, the lock file
and the Python version; ``tools/passes.py``): a
notebook whose inputs are unchanged is not executed again, and a site whose staged sources are
unchanged is not built again. ``site`` is what ``make test`` uses:
nbval has just shown that the committed outputs equal a fresh execution.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import front_page
import nbformat
import page_weight
import passes
from citation_page import citation_markdown
from kernelenv import set_kernel_env
from nbclient import NotebookClient
from site_pages import data_markdown, write_downloads

from helpers import evidence, glossary
from helpers.lpf import write_lpf

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
BUILD = ROOT / "_build"
STAGE = BUILD / "src"
HTML = BUILD / "html"
EXECUTED = BUILD / "executed"
INPUTS = [ROOT / "data", ROOT / "src" / "helpers"]
_PLOTLY = ROOT / "node_modules" / "plotly.js-basic-dist-min"
PLOTLY_FILES = {
    _PLOTLY / "plotly-basic.min.js": "plotly-basic.min.js",
    _PLOTLY / "LICENSE": "plotly-basic.LICENSE.txt",
}


def notebooks() -> list[Path]:
    """The numbered notebooks in reading order."""
    found = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no numbered notebooks in {NOTEBOOKS}")
    return found


def execute(source: Path, target: Path, timeout: int = 600) -> float:
    """Execute notebook ``source`` in a fresh kernel, write it to ``target``; return seconds."""
    set_kernel_env()
    nb = nbformat.read(source, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        # Stop the kernel once the outputs are in, as nbval does: a graceful shutdown waits
        # 0.3-2 s for the kernel to wind down.
        shutdown_kernel="immediate",
        # One stream output per name and cell: how prints are cut into messages depends on timing.
        coalesce_streams=True,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(source.parent)}},
    ).execute()
    seconds = time.perf_counter() - start
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return seconds


def inputs_hash(notebook: Path) -> str:
    """A hash of everything a notebook's outputs depend on (:data:`passes.EXECUTION`)."""
    return passes.key([notebook.relative_to(ROOT).as_posix(), *passes.EXECUTION])


def execute_cached(notebook: Path) -> Path:
    """The executed copy of ``notebook``, executing it only when its inputs changed (always when
    ``$KORYO1937_DATA`` names another data folder, which the hash does not cover).
    """
    target = EXECUTED / notebook.name
    stamp = target.with_suffix(".sha256")
    wanted = inputs_hash(notebook)
    elsewhere = passes.outside_data()
    if not elsewhere and target.is_file() and stamp.is_file() and stamp.read_text() == wanted:
        print(f"  unchanged {notebook.name:<32}   (not executed)", flush=True)
        return target
    seconds = execute(notebook, target)
    if elsewhere:  # outputs of other data: the next run with data/ executes it again
        stamp.unlink(missing_ok=True)
    else:
        stamp.write_text(wanted)
    print(f"  executed  {notebook.name:<32} {seconds:6.1f} s", flush=True)
    return target


def stage(executed: bool) -> None:
    """Lay out the book sources in ``_build/src``: configuration, pages and notebooks."""
    if STAGE.exists():
        shutil.rmtree(STAGE)
    shutil.copytree(BOOK, STAGE, ignore=shutil.ignore_patterns("__pycache__"))
    (STAGE / "glossary.md").write_text(glossary.markdown(), encoding="utf-8")
    (STAGE / "ledger.md").write_text(evidence.ledger_markdown(), encoding="utf-8")
    (STAGE / "data.md").write_text(data_markdown(), encoding="utf-8")
    (STAGE / "citation.md").write_text(citation_markdown(), encoding="utf-8")
    (STAGE / "notebooks").mkdir()
    for nb in notebooks():
        source = execute_cached(nb) if executed else nb
        shutil.copy2(source, STAGE / "notebooks" / nb.name)
    front_page.write(STAGE, STAGE / "notebooks" / "03_geography.ipynb")
    stage_scripts(STAGE / "_vendor")


def stage_scripts(folder: Path) -> None:
    """Put the site's front-end files (installed by ``make setup`` from package-lock.json) and
    their licence in ``folder``: plotly.js for the interactive map (``book/_ext/plotly_local.py``
    serves it, on the map's page only).
    """
    for source, name in PLOTLY_FILES.items():
        if not source.is_file():
            raise SystemExit(f"{source.relative_to(ROOT)} is missing: run `make setup` (npm ci)")
        folder.mkdir(exist_ok=True)
        shutil.copy2(source, folder / name)


def jupyter_book() -> None:
    """Run ``jupyter-book build`` on the staged sources (warnings are errors)."""
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(STAGE),
        "--path-output",
        str(ROOT),
        "--builder",
        "html",
        "-W",
        "--keep-going",
        "-q",
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-6000:] + result.stderr[-6000:])
        raise SystemExit(f"jupyter-book build failed (exit {result.returncode})")


def staged_hash() -> str:
    """A hash of the staged sources and of what the build writes beside them (data, helpers)."""
    digest = hashlib.sha256()
    passes.add_files(digest, [STAGE, *INPUTS])
    return digest.hexdigest()


def build_site(executed: bool) -> Path:
    """Build the static site into ``_build/html`` and return the path of its index page.

    When the staged sources are those of the last build, the site is left as it is.
    """
    start = time.perf_counter()
    stage(executed)
    stamp = BUILD / "site.sha256"
    wanted = staged_hash()
    if (HTML / "index.html").is_file() and stamp.is_file() and stamp.read_text() == wanted:
        print("  site unchanged (not rebuilt)", flush=True)
        return HTML / "index.html"
    if HTML.exists():
        shutil.rmtree(HTML)
    jupyter_book()
    write_lpf(HTML / "gazetteer.lpf.geojson")
    write_downloads(HTML)
    stamp.write_text(wanted)
    print(f"  site built in {time.perf_counter() - start:.1f} s", flush=True)
    (BUILD / "page-weights.txt").write_text(page_weight.table(page_weight.weights(HTML)) + "\n")
    print(
        f"  page weights (HTML, images, other files) in {BUILD.name}/page-weights.txt", flush=True
    )
    return HTML / "index.html"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python tools/build.py", description=__doc__)
    parser.add_argument("action", choices=["book", "site", "execute"])
    args = parser.parse_args(argv)
    if args.action == "execute":
        for nb in notebooks():
            print(f"  executed {nb.name:<32} {execute(nb, nb):6.1f} s", flush=True)
        return 0
    index = build_site(executed=args.action == "book")
    print(f"Open {index.relative_to(ROOT)} in a browser (file://{index}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
