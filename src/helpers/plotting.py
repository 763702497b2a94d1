"""House style: the Okabe–Ito palette, and figures that cannot be shown without alt text.

Draw inside :func:`style` (or decorate a chart function with :func:`styled`): the house style is
applied through ``matplotlib.rc_context``, so nothing global changes. Make a figure with
:func:`new_figure` (a plain Matplotlib ``Figure``; nothing is displayed behind the author's back)
and show it with :func:`show`, which *requires* alt text. The alt text travels with the image in
the notebook's output metadata (IPython's ``Image(alt=...)``); the site's ``alt_text`` extension
(``book/_ext``) turns it into the ``alt`` attribute of the ``<img>``.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

import matplotlib as mpl
from cycler import cycler
from IPython.display import Image, Markdown, display
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image as PILImage

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

STYLE: dict[str, Any] = {
    "axes.prop_cycle": cycler(color=PALETTE[:-1]),
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
    # Constrained layout fits a chart to its figure, so the saved image is the figure as it is:
    # "tight" would draw it twice to measure it (a third of the rendering time). Maps keep their
    # aspect, so to_png crops them to what is drawn.
    "savefig.bbox": "standard",
}

_PLACEHOLDER = re.compile(
    r"^(figure|image|plot|chart|graph|map|picture|img|alt|todo|tbd|placeholder|none|untitled)"
    r"(\s*\d*)?$|no description|\.(png|jpe?g|svg|gif)$",
    re.IGNORECASE,
)
MIN_ALT_LENGTH = 30
P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def style() -> Iterator[None]:
    """Apply the house style to everything drawn inside the block, and only there."""
    with mpl.rc_context(STYLE):
        yield


def styled(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a chart function so that it draws in the house style."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with style():
            return function(*args, **kwargs)

    return wrapper


def new_figure(
    nrows: int = 1, ncols: int = 1, *, width: float = 8.0, height: float = 4.5, **kwargs: Any
) -> tuple[Figure, Any]:
    """A new figure and its axes (like ``plt.subplots``, without pyplot); use in :func:`style`."""
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots(nrows, ncols, **kwargs)


def colour(name: str) -> str:
    """An Okabe–Ito colour by name; an unknown name lists the known ones."""
    if name not in OKABE_ITO:
        raise KeyError(f"unknown colour '{name}'; known: {', '.join(OKABE_ITO)}")
    return OKABE_ITO[name]


def marker_handle(label: str, colour_name: str, marker: str = "o", **style_: Any) -> Line2D:
    """A legend entry for a point symbol (or a line, with ``linestyle``)."""
    style_.setdefault("linestyle", "")
    return Line2D([], [], color=colour(colour_name), marker=marker, label=label, **style_)


def check_alt(alt: str) -> str:
    """Return ``alt`` folded, or raise :class:`ValueError` if it is not a real description."""
    if not isinstance(alt, str):
        raise ValueError("alt text is required (a sentence describing what the figure shows)")
    text = " ".join(alt.split())
    if len(text) < MIN_ALT_LENGTH or _PLACEHOLDER.search(text) or "/" in text.split(" ")[0]:
        raise ValueError(
            f"alt text {text!r} is not a description: write at least {MIN_ALT_LENGTH} characters "
            "saying what the figure shows, not a file name or a placeholder"
        )
    return text


def _keeps_aspect(fig: Figure) -> bool:
    """Whether any axes of ``fig`` keep a fixed aspect (a map), leaving part of the figure empty."""
    return any(ax.get_aspect() != "auto" for ax in fig.axes)


def to_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes, without a software-version stamp (so bytes are stable).

    The charts are flat colours on white, so a palette of at most 256 colours (octree, no
    dithering) keeps them sharp at about a third of the size of a full-colour PNG.
    """
    buffer = io.BytesIO()
    with style():
        # Stored, not compressed: the PNG is only a carrier for the palette step below.
        fig.savefig(
            buffer,
            format="png",
            metadata={"Software": None},
            pil_kwargs={"compress_level": 0},
            bbox_inches="tight" if _keeps_aspect(fig) else None,
        )
    rgb = PILImage.open(buffer).convert("RGB")
    paletted = rgb.quantize(
        colors=256, method=PILImage.Quantize.FASTOCTREE, dither=PILImage.Dither.NONE
    )
    out = io.BytesIO()
    paletted.save(out, format="png", compress_level=9)
    return out.getvalue()


def image(fig: Figure, alt: str) -> Image:
    """An IPython ``Image`` of ``fig`` whose output metadata carries the (checked) alt text."""
    return Image(data=to_png(fig), format="png", alt=check_alt(alt))


def show(fig: Figure, alt: str, caption: str | None = None) -> None:
    """Display ``fig`` with its alt text attached, and an optional caption below it."""
    display(image(fig, alt))
    if caption:
        display(Markdown(f"*{caption.strip()}*"))
