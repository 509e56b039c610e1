"""An exercise's figure as a small, accessible SVG: strokes only, scaled by its viewBox.

Standard library only. The start position is drawn solid, the end position faint, and a
curved arrow follows the point that moves most.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..figures.scene import Scene
    from ..figures.shapes import Curve, Shape
    from ..models import Exercise, Figure

MARGIN = 6.0  # drawing units of air around the figure
PIXELS_PER_UNIT = 1.2  # a standalone file's natural size (a figure is about 200 px tall)
STROKES = {
    # role: (colour, width in drawing units); greys and one accent, clear in black and white
    "body": ("#1f2933", 3.4),
    "far": ("#6b7b8c", 2.8),
    "prop": ("#52606d", 1.6),
    "floor": ("#3e4c59", 1.4),
    "arrow": ("#c2410c", 1.8),
}
END_OPACITY = 0.45  # overlaid, the end position is drawn faint, behind the start
ARROW_HEAD = 6.0
# A figure at least this tall for its width (standing, sitting) shows its start and end side
# by side, as handouts do; a low, wide one (lying, kneeling) overlays them, end faint.
SIDE_BY_SIDE_ASPECT = 0.75
PANEL_GAP = 26.0  # drawing units between the two panels, room for the arrow


def scene_of(figure: Figure) -> Scene:
    from ..figures import build_scene

    return build_scene(figure.start, figure.end, figure.props)


def figure_svg(exercise: Exercise, width: str | None = None, key: str | None = None) -> str | None:
    """The exercise's figure as an SVG document, or None when it has none (imported ones).

    `width` sets the width attribute (e.g. "100%" or "6cm"); by default the natural size.
    `key` makes the title's id unique on a page that shows the same exercise twice
    (default: the exercise's id).
    """
    if exercise.figure is None:
        return None
    return scene_svg(scene_of(exercise.figure), exercise.name, key or exercise.id, width)


def laid_out(scene: Scene) -> tuple[list[Shape], bool]:
    """The shapes to draw, and whether the end position is beside the start (not over it)."""
    from ..figures.shapes import Curve, bounds, shifted

    shapes = list(scene.shapes)
    if not any(s.phase == "end" for s in shapes):
        return shapes, False
    plain = [s for s in shapes if s.role != "arrow"]
    left, low, right, high = bounds(plain)
    if high - low < SIDE_BY_SIDE_ASPECT * (right - left):
        return shapes, False
    dx = right - left + PANEL_GAP
    first = [s for s in plain if s.phase != "end"]
    second = [shifted(s, dx) for s in plain if s.phase != "start"]
    y = low + (high - low) * 0.45
    x = right + PANEL_GAP / 2
    arrow = Curve((x - 8.0, y), (x, y), (x + 8.0, y))
    return [*first, *second, arrow], True


def scene_svg(scene: Scene, title: str, key: str = "figure", width: str | None = None) -> str:
    from ..figures.shapes import bounds

    shapes, beside = laid_out(scene)
    left, low, right, high = bounds(shapes)
    left, low, right, high = left - MARGIN, min(low, 0.0) - MARGIN, right + MARGIN, high + MARGIN
    w, h = right - left, high - low

    def pt(x: float, y: float) -> str:
        return f"{x - left:.1f},{high - y:.1f}"

    title_id = f"figure-{key}-title"  # an XML id must not start with a digit
    size = (
        f'width="{w * PIXELS_PER_UNIT:.0f}" height="{h * PIXELS_PER_UNIT:.0f}"'
        if width is None
        else f"width={quoteattr(width)}"
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.1f} {h:.1f}" {size} '
        f'role="img" aria-labelledby="{escape(title_id)}" class="figure">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        '<g fill="none" stroke-linecap="round" stroke-linejoin="round">',
    ]
    # Overlaid, the end position comes first and faint, so the start is drawn over it.
    ordered = sorted(shapes, key=lambda s: (s.phase != "end", s.role == "arrow"))
    for shape in ordered:
        out.append(_element(shape, pt, faint=not beside))
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def _style(shape: Shape, faint: bool) -> str:
    colour, width = STROKES[shape.role]
    style = f'stroke="{colour}" stroke-width="{width}"'
    if shape.phase == "end" and faint:
        style += f' stroke-opacity="{END_OPACITY}"'
    return style


def _element(shape: Shape, to: Callable[[float, float], str], faint: bool) -> str:
    """One shape; `to` turns a drawing point into the viewBox's "x,y"."""
    from ..figures.shapes import Circle, Curve

    if isinstance(shape, Circle):
        x, y = to(*shape.centre).split(",")
        return f'<circle cx="{x}" cy="{y}" r="{shape.radius:.1f}" {_style(shape, faint)}/>'
    if isinstance(shape, Curve):
        a, c, b = to(*shape.start), to(*shape.control), to(*shape.end)
        head = _arrow_head(shape)
        return (
            f'<path d="M{a} Q{c} {b}" {_style(shape, faint)}/>'
            f'<polyline points="{" ".join(to(*p) for p in head)}" {_style(shape, faint)}/>'
        )
    points = " ".join(to(*p) for p in shape.points)
    return f'<polyline points="{points}" {_style(shape, faint)}/>'


def _arrow_head(curve: Curve) -> list[tuple[float, float]]:
    (ex, ey), (cx, cy) = curve.end, curve.control
    angle = math.atan2(ey - cy, ex - cx)
    spread = math.radians(28)
    return [
        (ex - ARROW_HEAD * math.cos(angle - spread), ey - ARROW_HEAD * math.sin(angle - spread)),
        (ex, ey),
        (ex - ARROW_HEAD * math.cos(angle + spread), ey - ARROW_HEAD * math.sin(angle + spread)),
    ]
