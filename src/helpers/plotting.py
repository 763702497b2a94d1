"""House style: the Okabe–Ito palette, and figures that cannot be shown without alt text.

Draw inside :func:`style` (or decorate a chart function with :func:`styled`): the house style is
applied through ``matplotlib.rc_context``, so nothing global changes. Make a figure with
:func:`new_figure` (a plain Matplotlib ``Figure``; nothing is displayed behind the author's back)
and show it with :func:`show`, which *requires* alt text. The alt text travels with the image in
the notebook's output metadata (IPython's ``Image(alt=...)``); the site's ``alt_text`` extension
(``book/_ext``) turns it into the ``alt`` attribute of the ``<img>``.

A figure is laid out once (:func:`fix_layout`) and drawn once, at :data:`DPI`, the resolution it
is measured and shown at: ``savefig`` would lay it out and traverse it twice.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

import matplotlib as mpl
from cycler import cycler
from IPython.display import Image, Markdown, display
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.ticker import NullLocator
from matplotlib.transforms import Bbox
from PIL import Image as PILImage

from helpers.glue import flushed_once

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
#: Dots per inch of every figure, when it is laid out, measured (map labels) and shown.
DPI = 110

STYLE: dict[str, Any] = {
    "axes.prop_cycle": cycler(color=PALETTE[:-1]),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlelocation": "left",
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    # Titles sit at the top of their axes. Left automatic, matplotlib looks for tick labels above
    # each axes (making minor ticks to look at) at every layout pass and draw: a third of the
    # census small multiples' time. A chart with tick labels on top uses titles_clear_top_labels.
    "axes.titley": 1.0,
    "axes.labelsize": 10,
    "axes.grid": False,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "legend.frameon": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
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


@contextmanager
def titles_clear_top_labels() -> Iterator[None]:
    """Inside the block, new axes and their titles are placed by matplotlib above any tick
    labels on top of the axes (use it for a chart whose x-axis is on top).
    """
    with mpl.rc_context({"axes.titley": None}):
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


def agg_canvas(fig: Figure) -> FigureCanvasAgg:
    """The Agg canvas of ``fig``, attached if it has none."""
    canvas = fig.canvas
    return canvas if isinstance(canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)


def _skip_overlap_checks(fig: Figure) -> None:
    """Turn off the removal of minor ticks that fall on major ones where an axis has no minor
    ticks: there is nothing to remove, yet the check runs the major locator again at every tick
    update (the census chart's layout took 0.19 s with it, 0.17 s without; best of 12). What is
    drawn does not change.
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_minor_locator(), NullLocator):
                axis.remove_overlapping_locs = False


def _skip_empty_label_placement(fig: Figure) -> None:
    """Fix where an axis without a label would put it. At every layout pass and draw, Matplotlib
    places an axis label clear of the tick labels of its axis and of the axis' siblings, updating
    and measuring those ticks a second time; an empty label draws nothing wherever it stands (the
    census chart's layout, drawing and PNG took 0.30 s, now 0.24 s, median of nine interleaved
    pairs, with the same PNG bytes).
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not axis.get_label_text():
                axis.set_label_coords(0.5, 0.5)


def fix_layout(fig: Figure) -> None:
    """Lay ``fig`` out once by its layout engine and keep that layout for every later draw.

    Call it when everything that takes part in the layout is drawn: texts placed afterwards with
    ``set_in_layout(False)`` (map labels) do not change it.
    """
    _skip_overlap_checks(fig)
    _skip_empty_label_placement(fig)
    engine = fig.get_layout_engine()
    if not fig.axes or engine is None or isinstance(engine, PlaceHolderLayoutEngine):
        return  # nothing to lay out (a figure draws no layout without axes either)
    agg_canvas(fig)
    # A fixed-aspect axes (a map) is shrunk to its aspect during the first pass, which can move
    # what sits around it (the origin map's title, by 10 px): the second pass settles. On every
    # chart here a second pass moves nothing by more than 0.1 px, so a chart gets one.
    for _ in range(2 if _keeps_aspect(fig) else 1):
        engine.execute(fig)
    fig.set_layout_engine("none")


def _drawn(fig: Figure, renderer: RendererBase) -> Bbox:
    """What ``fig`` draws (inches): its tight box, and every text on its axes, since map labels
    take no part in the layout and the tight box leaves such texts out.
    """
    inches = fig.dpi_scale_trans.inverted()
    texts = [t.get_window_extent(renderer) for ax in fig.axes for t in ax.texts if t.get_visible()]
    return Bbox.union([fig.get_tightbbox(renderer), *(box.transformed(inches) for box in texts)])


def _cropped(fig: Figure, canvas: FigureCanvasAgg, rgb: PILImage.Image) -> PILImage.Image:
    """``rgb`` (the whole canvas) cut to what is drawn, with the usual padding around it; the
    padding takes the figure's colour where it reaches past the canvas. When something is drawn
    past the canvas (a label by the map's edge), ``savefig`` draws it again on a wider canvas.
    """
    drawn = _drawn(fig, canvas.get_renderer())
    padded = drawn.padded(mpl.rcParams["savefig.pad_inches"])
    inside = fig.bbox_inches.padded(1 / fig.dpi)  # a pixel of anti-aliasing may spill over
    if not all(inside.contains(x, y) for x, y in drawn.corners()):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches=padded, pil_kwargs={"compress_level": 0})
        return PILImage.open(buffer).convert("RGB")
    box = padded.transformed(fig.dpi_scale_trans)
    left, top = math.floor(box.x0), math.floor(rgb.height - box.y1)
    size = (math.ceil(box.x1) - left, math.ceil(rgb.height - box.y0) - top)
    background = tuple(round(255 * c) for c in to_rgb(fig.get_facecolor()))
    out = PILImage.new("RGB", size, background)
    out.paste(rgb, (-left, -top))
    return out


def to_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes at :data:`DPI`, without a software-version stamp (so bytes
    are stable); a map (fixed aspect) is cropped to what is drawn. The figure keeps the layout
    of its first rendering (:func:`fix_layout`): draw everything before showing it.

    The charts are flat colours on white, so a palette of at most 256 colours (octree, no
    dithering) keeps them sharp at about a third of the size of a full-colour PNG.
    """
    canvas = agg_canvas(fig)
    with style():
        if fig.dpi != DPI:
            fig.set_dpi(DPI)
        fix_layout(fig)
        canvas.draw()
        size = canvas.get_width_height(physical=True)
        rgb = PILImage.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        rgb = rgb.convert("RGB")
        if _keeps_aspect(fig):
            rgb = _cropped(fig, canvas, rgb)
    paletted = rgb.quantize(
        colors=256, method=PILImage.Quantize.FASTOCTREE, dither=PILImage.Dither.NONE
    )
    out = io.BytesIO()
    # zlib level 6, not 9: files 5-10 % larger, written about five times as fast.
    paletted.save(out, format="png", compress_level=6)
    return out.getvalue()


def image(fig: Figure, alt: str) -> Image:
    """An IPython ``Image`` of ``fig`` whose output metadata carries the (checked) alt text."""
    return Image(data=to_png(fig), format="png", alt=check_alt(alt))


def show(fig: Figure, alt: str, caption: str | None = None) -> None:
    """Display ``fig`` with its alt text attached, and an optional caption below it."""
    shown = image(fig, alt)
    with flushed_once():
        display(shown)
        if caption:
            display(Markdown(f"*{caption.strip()}*"))
