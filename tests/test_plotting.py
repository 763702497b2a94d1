"""House style and alt text."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure
from PIL import Image as PILImage

from helpers import plotting

GOOD_ALT = "Bar chart of persons deported to the Kazakh and Uzbek SSRs in 1937, by republic."


def test_palette_is_okabe_ito() -> None:
    assert plotting.PALETTE[:3] == ["#E69F00", "#56B4E9", "#009E73"]
    assert len(set(plotting.PALETTE)) == 8


def test_the_house_style_applies_inside_style_and_only_there() -> None:
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    with plotting.style():
        fig, ax = plotting.new_figure()
        (line,) = ax.plot([0, 1], [0, 1])
        title = ax.set_title("A title")
    assert line.get_color().upper() == plotting.PALETTE[0]
    assert title.get_fontweight() == "bold"
    assert fig.canvas.manager is None  # a plain Figure: nothing shown behind the author's back
    assert dict(mpl.rcParams) == before  # no global change


def test_a_styled_chart_function_draws_in_the_house_style() -> None:
    @plotting.styled
    def chart():
        _fig, ax = plotting.new_figure()
        return ax.plot([0, 1])[0]

    from matplotlib.colors import to_hex

    assert to_hex(chart().get_color()).upper() == plotting.PALETTE[0]
    _fig, ax = plotting.new_figure()
    assert to_hex(ax.plot([0, 1])[0].get_color()).upper() != plotting.PALETTE[0]


@pytest.mark.parametrize(
    "alt",
    [
        "",
        "Figure 1",
        "figure.png",
        "_images/abc.png",
        "plot",
        "No description has been provided for this image",
        None,
    ],
)
def test_show_refuses_missing_or_placeholder_alt(alt) -> None:
    fig, _ = plotting.new_figure()
    with pytest.raises(ValueError, match="alt text"):
        plotting.show(fig, alt=alt)


def test_show_displays_the_image_and_its_caption(capsys) -> None:
    fig, _ = plotting.new_figure()
    plotting.show(fig, alt=GOOD_ALT, caption="Source: test.")
    shown = capsys.readouterr().out.splitlines()
    assert shown == [
        "<IPython.core.display.Image object>",
        "<IPython.core.display.Markdown object>",
    ]


def test_image_carries_alt_in_its_output_metadata() -> None:
    fig, ax = plotting.new_figure()
    ax.bar(["Kazakh SSR", "Uzbek SSR"], [2, 1])
    image = plotting.image(fig, alt=GOOD_ALT)
    assert image.data.startswith(b"\x89PNG")
    _, metadata = image._repr_png_()
    assert metadata["alt"] == GOOD_ALT


def test_png_bytes_are_stable() -> None:
    def draw() -> bytes:
        fig, ax = plotting.new_figure(width=3, height=2)
        ax.plot([1, 2, 3], [3, 1, 2])
        ax.set_title("Стабильность")
        return plotting.to_png(fig)

    first, second = draw(), draw()
    assert first == second
    assert b"Software" not in first


def test_png_is_paletted_and_smaller_than_full_colour() -> None:
    fig, ax = plotting.new_figure(width=6, height=4)
    ax.scatter(range(50), [i % 7 for i in range(50)], c=range(50))
    ax.set_title("Размер файла")
    png = plotting.to_png(fig)
    full = io.BytesIO()
    fig.savefig(full, format="png")
    picture = PILImage.open(io.BytesIO(png))
    assert picture.mode == "P"
    assert len(picture.getcolors()) <= 256
    assert len(png) < len(full.getvalue())


def test_a_map_is_cropped_to_its_drawing_and_a_chart_is_not() -> None:
    def width(aspect: str) -> int:
        fig, ax = plotting.new_figure(width=6, height=3)
        ax.plot([0, 1], [0, 1])
        ax.set_aspect(aspect)
        return PILImage.open(io.BytesIO(plotting.to_png(fig))).width

    chart, square = width("auto"), width("equal")
    assert chart == round(6 * plotting.STYLE["savefig.dpi"])
    assert square < chart


def test_a_map_drawn_past_its_canvas_keeps_what_reaches_past_it() -> None:
    def picture(fix_first: bool) -> PILImage.Image:
        fig, ax = plotting.new_figure(width=4, height=3)
        ax.plot([0, 1], [0, 1])
        ax.set_aspect("equal")
        if fix_first:  # the title comes after the layout: it is drawn above the figure
            plotting.fix_layout(fig)
        ax.set_title("A title of two lines\nadded to the map")
        return PILImage.open(io.BytesIO(plotting.to_png(fig))).convert("L")

    canvas_and_padding = round((3 + 2 * 0.1) * plotting.DPI)  # savefig.pad_inches: 0.1
    laid_out, past = picture(False), picture(True)
    assert laid_out.height <= canvas_and_padding  # room was made for the title in the figure
    assert past.height > canvas_and_padding  # the title reaches past the canvas ...
    title_band = past.crop((0, 0, past.width, past.height - canvas_and_padding))
    assert title_band.getextrema()[0] < 100  # ... and its dark letters are kept, not cut off


def test_a_map_label_outside_the_layout_is_kept() -> None:
    """Map labels take no part in the layout (nor in matplotlib's tight box): the crop keeps
    them, beside the map and past the canvas alike.
    """

    def picture(offset: float | None) -> PILImage.Image:
        fig, ax = plotting.new_figure(width=4, height=3)
        ax.plot([0, 1], [0, 1])
        ax.set_aspect("equal")
        plotting.fix_layout(fig)
        if offset is not None:
            label = ax.annotate(
                "LABEL", (1, 0.5), xytext=(offset, 0), textcoords="offset points", fontsize=20
            )
            label.set_in_layout(False)
        return PILImage.open(io.BytesIO(plotting.to_png(fig))).convert("L")

    bare = picture(None)
    for offset in (10, 150):  # beside the map, inside the canvas; past the canvas
        labelled = picture(offset)
        assert labelled.width > bare.width, offset
        band = labelled.crop((bare.width, 0, labelled.width, labelled.height))
        assert band.getextrema()[0] < 100, offset  # the label's dark letters are there
    assert picture(150).width > round((4 + 2 * 0.1) * plotting.DPI)


def test_the_minor_tick_overlap_check_is_skipped_only_where_there_are_no_minor_ticks() -> None:
    from matplotlib.ticker import AutoMinorLocator

    with plotting.style():
        fig, ax = plotting.new_figure()
        ax.plot([0, 10], [0, 10])
        ax.yaxis.set_minor_locator(AutoMinorLocator())
        before = ax.xaxis.get_majorticklocs().tolist(), ax.yaxis.get_minorticklocs().tolist()
        plotting.fix_layout(fig)
    assert ax.xaxis.remove_overlapping_locs is False  # no minor ticks: nothing to remove
    assert ax.yaxis.remove_overlapping_locs is True  # minor ticks: they still give way
    after = ax.xaxis.get_majorticklocs().tolist(), ax.yaxis.get_minorticklocs().tolist()
    assert after == before


def _small_multiples() -> Figure:
    with plotting.style():
        fig, grid = plotting.new_figure(2, 2, width=6, height=4)
        for i, ax in enumerate(grid.ravel()):
            ax.plot([1926, 1989], [0, 10 ** (i + 2)])
        for ax in grid[:, 0]:
            ax.set_ylabel("Koreans counted")
    return fig


def test_axes_without_a_label_do_not_place_it_and_the_picture_is_the_same(monkeypatch) -> None:
    from matplotlib.axis import Axis

    updates = {"n": 0}
    update_ticks = Axis._update_ticks

    def counted(self):
        updates["n"] += 1
        return update_ticks(self)

    monkeypatch.setattr(Axis, "_update_ticks", counted)
    drawn = {}
    for skip in (True, False):
        if not skip:
            monkeypatch.setattr(plotting, "_skip_empty_label_placement", lambda fig: None)
        updates["n"] = 0
        drawn[skip] = plotting.to_png(_small_multiples()), updates["n"]
    assert drawn[True][0] == drawn[False][0]
    assert drawn[True][1] < drawn[False][1]


def test_an_axis_with_a_label_keeps_it_clear_of_its_tick_labels() -> None:
    fig = _small_multiples()
    plotting.to_png(fig)
    renderer = plotting.agg_canvas(fig).get_renderer()
    ax = fig.axes[0]
    label, ticks = ax.yaxis.label.get_window_extent(renderer), ax.yaxis.get_tightbbox(renderer)
    assert ax.yaxis.get_label_text() == "Koreans counted"
    assert label.x1 <= min(t.get_window_extent(renderer).x0 for t in ax.get_yticklabels()) + 0.5
    assert ticks.x0 <= label.x0


@pytest.mark.parametrize("clear", [True, False])
def test_titles_sit_on_their_axes_unless_asked_to_clear_tick_labels_on_top(clear) -> None:
    from contextlib import nullcontext

    with plotting.style(), plotting.titles_clear_top_labels() if clear else nullcontext():
        fig, ax = plotting.new_figure(width=4, height=3)
        ax.set_title("A title")
        ax.set_xticks([0, 1], ["left label", "right label"])
        ax.xaxis.tick_top()
    with plotting.style():
        plotting.fix_layout(fig)
        renderer = plotting.agg_canvas(fig).get_renderer()
        fig.draw_without_rendering()
        gap = ax.title.get_window_extent(renderer).y0 - ax.xaxis.get_tightbbox(renderer).y1
    assert (gap >= 0) == clear  # above the labels, or at the top of the axes, over them
