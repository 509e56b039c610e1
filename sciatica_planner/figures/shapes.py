"""What a renderer draws: lines, circles and curves, each with a role and a phase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .skeleton import Point

# body: the trunk, head and near limbs; far: the far limbs (drawn lighter); prop: furniture
# and equipment; floor: the ground line; arrow: the motion from start to end.
Role = Literal["body", "far", "prop", "floor", "arrow"]
# start: the start position (solid); end: the end position (faint); both: what stays put
# between them (furniture, walls, the floor).
Phase = Literal["start", "end", "both"]


@dataclass(frozen=True)
class Line:
    points: tuple[Point, ...]  # a polyline; closed shapes repeat their first point
    role: Role
    phase: Phase = "both"


@dataclass(frozen=True)
class Circle:
    centre: Point
    radius: float
    role: Role
    phase: Phase = "both"


@dataclass(frozen=True)
class Curve:
    """A quadratic curve from `start` to `end`, bending towards `control` (an arrow's path)."""

    start: Point
    control: Point
    end: Point
    role: Role = "arrow"
    phase: Phase = "start"

    def sample(self, steps: int = 24) -> list[Point]:
        out = []
        for i in range(steps + 1):
            t = i / steps
            a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
            out.append(
                (
                    a * self.start[0] + b * self.control[0] + c * self.end[0],
                    a * self.start[1] + b * self.control[1] + c * self.end[1],
                )
            )
        return out


Shape = Line | Circle | Curve


def bounds(shapes: list[Shape]) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of every shape."""
    xs: list[float] = []
    ys: list[float] = []
    for shape in shapes:
        if isinstance(shape, Circle):
            xs += [shape.centre[0] - shape.radius, shape.centre[0] + shape.radius]
            ys += [shape.centre[1] - shape.radius, shape.centre[1] + shape.radius]
        else:
            # a curve's control point too: an SVG path names it, so the viewBox holds it
            pts = [*shape.sample(), shape.control] if isinstance(shape, Curve) else shape.points
            xs += [p[0] for p in pts]
            ys += [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def shifted(shape: Shape, dx: float, dy: float = 0.0) -> Shape:
    """The shape moved `dx` to the right and `dy` up."""
    if isinstance(shape, Circle):
        return Circle(
            (shape.centre[0] + dx, shape.centre[1] + dy), shape.radius, shape.role, shape.phase
        )
    if isinstance(shape, Curve):
        return Curve(
            (shape.start[0] + dx, shape.start[1] + dy),
            (shape.control[0] + dx, shape.control[1] + dy),
            (shape.end[0] + dx, shape.end[1] + dy),
            shape.role,
            shape.phase,
        )
    return Line(tuple((x + dx, y + dy) for x, y in shape.points), shape.role, shape.phase)
