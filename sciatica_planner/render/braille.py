"""An exercise's figure in braille characters: 2 x 4 dots a cell, for the terminal.

The start and end positions go side by side (or one above the other, for a figure lying
down), at one scale, in at most 32 columns by 10 rows. Standard library only.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..figures.scene import Scene
    from ..figures.shapes import Phase, Shape
    from ..models import Exercise, Figure

MAX_COLUMNS = 32
MAX_ROWS = 10
BLANK = 0x2800  # the empty braille cell; a dot's bit is added to it
# The dot bits of a braille cell, by (column, row) of the 2 x 4 grid (Unicode's order).
DOT_BITS = {
    (0, 0): 0x01,
    (0, 1): 0x02,
    (0, 2): 0x04,
    (1, 0): 0x08,
    (1, 1): 0x10,
    (1, 2): 0x20,
    (0, 3): 0x40,
    (1, 3): 0x80,
}
GAP_COLUMNS = 3  # between the start and end positions, side by side: " → "
GAP_ROWS = 1
ARROW_ACROSS = " → "


def figure_lines(
    figure: Exercise | Figure | None, columns: int = MAX_COLUMNS, rows: int = MAX_ROWS
) -> list[str]:
    """The figure as lines of text, at most `columns` wide and `rows` high, all one width.

    Takes an exercise or its figure; an exercise without one (imported) gives no lines.
    """
    from ..models import Exercise

    if isinstance(figure, Exercise):
        figure = figure.figure
    if figure is None or columns < 4 or rows < 2:
        return []
    from ..figures import build_scene

    scene = build_scene(figure.start, figure.end, figure.props)
    return scene_lines(scene, min(columns, MAX_COLUMNS), min(rows, MAX_ROWS))


def scene_lines(scene: Scene, columns: int, rows: int) -> list[str]:
    left, low, right, high = scene.bounds()
    width, height = max(right - left, 1.0), max(high - low, 1.0)
    has_end = any(shape.phase == "end" for shape in scene.shapes)

    def scale_for(cols: int, rws: int) -> float:
        # dots per drawing unit; one dot of margin keeps strokes off the edge
        return min((cols * 2 - 1) / width, (rws * 4 - 1) / height)

    layouts: list[tuple[float, str]] = [(scale_for(columns, rows), "start")]
    half_columns, half_rows = (columns - GAP_COLUMNS) // 2, (rows - GAP_ROWS) // 2
    if has_end and (half_columns >= 2 or half_rows >= 1):
        # Too small for two drawings, the start position alone is drawn.
        layouts = []
        if half_columns >= 2:
            layouts.append((scale_for(half_columns, rows), "across"))
        if half_rows >= 1:
            layouts.append((scale_for(columns, half_rows), "down"))
    scale, layout = max(layouts, key=lambda item: item[0])
    room_columns = half_columns if layout == "across" else columns
    room_rows = half_rows if layout == "down" else rows
    cols = min(math.ceil((width * scale + 1) / 2 - 1e-9), room_columns)
    rws = min(math.ceil((height * scale + 1) / 4 - 1e-9), room_rows)
    frames = [_frame(scene, "start", left, high, scale, cols, rws)]
    if layout == "start":
        return _trimmed(frames[0])
    frames.append(_frame(scene, "end", left, high, scale, cols, rws))
    if layout == "across":
        middle = rws // 2
        return _trimmed(
            [
                a + (ARROW_ACROSS if i == middle else " " * GAP_COLUMNS) + b
                for i, (a, b) in enumerate(zip(*frames, strict=True))
            ]
        )
    pad = " " * cols
    return [*_trimmed(frames[0]), *([pad] * GAP_ROWS), *_trimmed(frames[1])]


def _trimmed(lines: list[str]) -> list[str]:
    """Without blank rows above and below the drawing (rounding can leave one)."""
    drawn = [i for i, line in enumerate(lines) if line.strip(" " + ARROW_ACROSS)]
    return lines[drawn[0] : drawn[-1] + 1] if drawn else lines


def _frame(
    scene: Scene, phase: Phase, left: float, top: float, scale: float, cols: int, rows: int
) -> list[str]:
    cells = [[0] * cols for _ in range(rows)]

    def dot(x: float, y: float) -> None:
        col = round((x - left) * scale)
        row = round((top - y) * scale)
        if 0 <= col < cols * 2 and 0 <= row < rows * 4:
            cells[row // 4][col // 2] |= DOT_BITS[(col % 2, row % 4)]

    for shape in scene.shapes:
        if shape.role == "arrow" or shape.phase not in (phase, "both"):
            continue
        for a, b in _segments(shape):
            steps = max(int(math.dist(a, b) * scale * 2), 1)
            for i in range(steps + 1):
                t = i / steps
                dot(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
    return ["".join(chr(BLANK + c) if c else " " for c in line) for line in cells]


def _segments(shape: Shape) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    from ..figures.shapes import Circle, Curve

    if isinstance(shape, Circle):
        n = 16
        cx, cy = shape.centre
        ring = [
            (
                cx + shape.radius * math.cos(2 * math.pi * i / n),
                cy + shape.radius * math.sin(2 * math.pi * i / n),
            )
            for i in range(n + 1)
        ]
        return list(itertools.pairwise(ring))
    points = shape.sample() if isinstance(shape, Curve) else list(shape.points)
    return list(itertools.pairwise(points))
