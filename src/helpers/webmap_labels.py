"""Where the interactive map (:mod:`helpers.webmap`) writes its names: for each label, the side
of its point (a plotly text position) that overlaps the fewest points and labels, estimated
from the label's length, since plotly.js measures text only in the browser.
"""

from __future__ import annotations

from typing import Any

import shapely

#: Labels are placed for a map this wide (px), the narrowest a page is expected to show it,
#: with characters this wide and lines this high (px), this far from their point.
NARROW_PX = 540
LABEL_CHAR_PX, LABEL_LINE_PX, LABEL_GAP_PX, MARKER_PX = 6.5, 13.0, 6.0, 7.0
#: Where a label may go, in order of preference: beside a place, on (or by) a lake.
PLACE_SIDES = {"middle right": (1, 0), "middle left": (-1, 0), "top center": (0, 1)}
PLACE_SIDES |= {"bottom center": (0, -1)}
LAKE_SIDES = {"middle center": (0, 0), "bottom center": (0, -1), "top center": (0, 1)}


def _box(x: float, y: float, text: str, side: tuple[int, int], scale: float) -> Any:
    """The box (map km) a label of ``text`` takes on ``side`` of (x, y), at ``scale`` km/px."""
    w, h = len(text) * LABEL_CHAR_PX * scale, LABEL_LINE_PX * scale
    cx = x + side[0] * (w / 2 + LABEL_GAP_PX * scale)
    cy = y + side[1] * (h / 2 + LABEL_GAP_PX * scale)
    return shapely.box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


#: A label: x, y (map km), text, the sides it may take, and whether it may be left out.
Label = tuple[float, float, str, dict[str, tuple[int, int]], bool]


def placed(
    labels: list[Label], points: list[tuple[float, float]], width_km: float
) -> list[str | None]:
    """The side of each label (a plotly text position): the first of its sides that overlaps the
    fewest points and labels already placed, on a map ``width_km`` wide shown at the narrowest
    expected on a page; ``None`` for a label that may be left out and would overlap wherever it
    went.
    """
    scale = width_km / NARROW_PX
    taken = [shapely.Point(x, y).buffer(MARKER_PX * scale) for x, y in points]
    chosen: list[str | None] = []
    for x, y, text, sides, optional in labels:
        boxes = {name: _box(x, y, text, side, scale) for name, side in sides.items()}
        overlaps = {name: sum(box.intersects(t) for t in taken) for name, box in boxes.items()}
        best = min(overlaps, key=lambda name: overlaps[name])
        if optional and overlaps[best]:
            chosen.append(None)
            continue
        taken.append(boxes[best])
        chosen.append(best)
    return chosen
