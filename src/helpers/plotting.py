"""House style: the Okabe–Ito palette, and figures that cannot be shown without alt text.

Make a figure with :func:`new_figure` (a plain Matplotlib ``Figure``, so nothing is displayed
behind the author's back) and show it with :func:`show`, which *requires* alt text. The alt text
travels with the image in the notebook's output metadata (IPython's ``Image(alt=...)``); the site
build turns it into the ``alt`` attribute of the ``<img>`` (see :mod:`helpers.build`).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable with the common
#: forms of colour-vision deficiency. Black is listed last so that it is kept for text and axes.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
PALETTE: list[str] = list(OKABE_ITO.values())

#: Sequential colour map for continuous values (perceptually uniform, colour-blind safe).
SEQUENTIAL_CMAP = "cividis"

STYLE: dict[str, Any] = {
    "axes.prop_cycle": None,  # filled in by _style() (needs matplotlib's cycler)
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.grid": False,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "savefig.bbox": "tight",
    "svg.hashsalt": "koryo1937",
}

_PLACEHOLDER = re.compile(
    r"^(figure|image|plot|chart|graph|map|picture|img|alt|todo|tbd|placeholder|none|untitled)"
    r"(\s*\d*)?$|no description|\.(png|jpe?g|svg|gif)$",
    re.IGNORECASE,
)
MIN_ALT_LENGTH = 30


def _style() -> dict[str, Any]:
    from cycler import cycler

    return {**STYLE, "axes.prop_cycle": cycler(color=PALETTE[:-1])}


def new_figure(
    nrows: int = 1, ncols: int = 1, *, width: float = 8.0, height: float = 4.5, **kwargs: Any
) -> tuple[Figure, Any]:
    """A new figure in the house style and its axes (like ``plt.subplots``, without pyplot)."""
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(_style())  # titles and labels added later follow it too
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def check_alt(alt: str) -> str:
    """Return ``alt`` stripped, or raise :class:`ValueError` if it is not a real description."""
    if not isinstance(alt, str):
        raise ValueError("alt text is required (a sentence describing what the figure shows)")
    text = " ".join(alt.split())
    if len(text) < MIN_ALT_LENGTH or _PLACEHOLDER.search(text) or "/" in text.split(" ")[0]:
        raise ValueError(
            f"alt text {text!r} is not a description: write at least {MIN_ALT_LENGTH} characters "
            "saying what the figure shows, not a file name or a placeholder"
        )
    return text


def to_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes, without a software-version stamp (so bytes are stable)."""
    import matplotlib

    buffer = io.BytesIO()
    matplotlib.rcParams.update(_style())
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def image(fig: Figure, alt: str) -> Any:
    """An IPython ``Image`` of ``fig`` whose output metadata carries the (checked) alt text."""
    from IPython.display import Image

    return Image(data=to_png(fig), format="png", alt=check_alt(alt))


def show(fig: Figure, alt: str, caption: str | None = None) -> None:
    """Display ``fig`` with its alt text attached, and an optional caption below it."""
    from IPython.display import Markdown, display

    display(image(fig, alt))
    if caption:
        display(Markdown(f"*{caption.strip()}*"))
