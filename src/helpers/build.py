"""Execute the notebooks and build the static site offline with Jupyter Book 1.x.

Command line (what the Makefile calls)::

    python -m helpers.build book          # execute every notebook, then build _build/html
    python -m helpers.build site          # build _build/html from the committed outputs
    python -m helpers.build execute       # re-execute the notebooks in place (refresh outputs)

``site`` is what ``make test`` uses: nbval has just shown that the committed outputs equal a fresh
execution, so the site built from them is the site ``make book`` builds.

This module is also a Sphinx extension (listed in ``book/_config.yml``): myst-nb reads an image's
alt text only from cell metadata, so :func:`setup` makes it honour the ``alt`` that
:func:`helpers.plotting.show` stores in the output metadata.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BOOK = ROOT / "book"
BUILD = ROOT / "_build"
STAGE = BUILD / "src"
HTML = BUILD / "html"

#: Environment for every kernel: no hash randomisation, no GUI backend.
KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "agg"}


def notebooks() -> list[Path]:
    """The numbered notebooks in reading order."""
    found = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no numbered notebooks in {NOTEBOOKS}")
    return found


def _kernel_environment() -> None:
    os.environ.update(KERNEL_ENV)
    # Put this environment's kernelspecs first, so a stray user-level "python3" kernel
    # pointing at another Python cannot shadow it.
    own = str(Path(sys.prefix) / "share" / "jupyter")
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    os.environ["JUPYTER_PATH"] = os.pathsep.join([own, *[p for p in paths if p != own]])


def execute(source: Path, target: Path, timeout: int = 600) -> float:
    """Execute notebook ``source`` in a fresh kernel, write it to ``target``; return seconds."""
    import nbformat
    from nbclient import NotebookClient

    _kernel_environment()
    nb = nbformat.read(source, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(source.parent)}},
    )
    client.execute()
    seconds = time.perf_counter() - start
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return seconds


def execute_all(target_dir: Path) -> dict[str, float]:
    """Execute every notebook in order into ``target_dir``, printing name and seconds."""
    timings: dict[str, float] = {}
    for nb in notebooks():
        seconds = execute(nb, target_dir / nb.name)
        timings[nb.name] = seconds
        print(f"  executed {nb.name:<32} {seconds:6.1f} s", flush=True)
    return timings


def stage(executed: bool) -> None:
    """Lay out the book sources in ``_build/src``: config, pages and notebooks."""
    if STAGE.exists():
        shutil.rmtree(STAGE)
    shutil.copytree(BOOK, STAGE, ignore=shutil.ignore_patterns("__pycache__"))
    if executed:
        execute_all(STAGE / "notebooks")
    else:
        (STAGE / "notebooks").mkdir()
        for nb in notebooks():
            shutil.copy2(nb, STAGE / "notebooks" / nb.name)


def build_site(executed: bool) -> Path:
    """Build the static site into ``_build/html`` and return the path of its index page."""
    start = time.perf_counter()
    stage(executed)
    if HTML.exists():
        shutil.rmtree(HTML)
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
    from helpers import geography

    geography.write_lpf(HTML / "gazetteer.lpf.geojson")
    index = HTML / "index.html"
    print(f"  site built in {time.perf_counter() - start:.1f} s", flush=True)
    return index


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m helpers.build", description=__doc__)
    parser.add_argument("action", choices=["book", "site", "execute"])
    args = parser.parse_args(argv)
    if args.action == "execute":
        for nb in notebooks():
            print(f"  executed {nb.name:<32} {execute(nb, nb):6.1f} s", flush=True)
        return 0
    index = build_site(executed=args.action == "book")
    print(f"Open {index.relative_to(ROOT)} in a browser (file://{index}).")
    return 0


# --------------------------------------------------------------------------------------------
# Sphinx extension


def _render_image_with_alt(original: Any) -> Any:
    def render_image(self: Any, data: Any) -> Any:
        nodes = original(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        if alt:
            for node in nodes:
                node["alt"] = str(alt)
        return nodes

    return render_image


def setup(app: Any) -> dict[str, Any]:
    """Sphinx hook: let myst-nb take an image's alt text from the output metadata."""
    from myst_nb.core.render import NbElementRenderer

    if not getattr(NbElementRenderer.render_image, "_koryo_alt", False):
        patched = _render_image_with_alt(NbElementRenderer.render_image)
        patched._koryo_alt = True  # type: ignore[attr-defined]
        NbElementRenderer.render_image = patched
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    raise SystemExit(main())
