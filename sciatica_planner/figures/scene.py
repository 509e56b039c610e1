"""A figure's scene: the start and end bodies placed by their contacts, with their props.

Placement: each pose is tipped over its first contact until it rests (if its base names
contacts), set down so nothing goes below the floor or into a support under it, and slid so
the base's anchor point is at x = 0 in both poses: a foot that stays put between the start
and the end is drawn in one place.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .poses import PoseError, ResolvedPose, resolve
from .props import (
    HELD,
    SUPPORT_HEIGHT,
    Placed,
    Prop,
    backrest_shapes,
    band_post_x,
    band_shapes,
    band_tie,
    chair_backrest,
    held_shapes,
    machine_back,
    parse_prop,
    place_support,
    stick_shapes,
    wall_shapes,
)
from .shapes import Circle, Curve, Line, Phase, Shape, bounds, shifted
from .skeleton import (
    HEAD_RADIUS,
    JOINTS,
    SIDED_POINTS,
    SIDES,
    Body,
    Point,
    depth,
    pose_body,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

# Supports that move with the body (a ball rolls, a towel slides): drawn in each pose.
ROLLING = ("ball", "towel")
# A point must travel this far (drawing units, ~cm) between start and end to earn an arrow.
ARROW_MIN_TRAVEL = 14.0
# Body points an arrow may follow, the extremities first: they show a movement best.
ARROW_POINTS = (
    "near-toe",
    "near-hand",
    "far-toe",
    "far-hand",
    "near-knee",
    "far-knee",
    "head",
    "pelvis",
)
PHASES: tuple[Phase, Phase] = ("start", "end")
# A mat seen from the side: a layer this thick on the floor.
MAT_THICKNESS = 1.0
# The wall or door frame reaches this far above the highest point of the body.
WALL_ABOVE = 20.0


@dataclass(frozen=True)
class Fixture:
    """One prop as drawn: its kind, the body point it is at, the pose it belongs to."""

    kind: str
    at: str
    phase: Phase
    shapes: tuple[Shape, ...]


@dataclass(frozen=True)
class Scene:
    """Everything to draw, in drawing units with y up and the floor at y = 0."""

    shapes: tuple[Shape, ...]
    bodies: tuple[Body, ...]  # the start body, then the end body if there is one
    supports: tuple[Placed, ...]
    floor: bool
    # Every prop's shapes by kind and phase, for the contact checks (figures/contacts.py).
    fixtures: tuple[Fixture, ...] = ()

    def bounds(self) -> tuple[float, float, float, float]:
        return bounds(list(self.shapes))


def build_scene(
    start: Mapping[str, object], end: Mapping[str, object] | None, props: Sequence[str]
) -> Scene:
    """Pose, place and prop a figure. Raises PoseError for a pose or prop it cannot use."""
    poses = [resolve(start)] + ([resolve(end)] if end is not None else [])
    specs = [parse_prop(text) for text in props if not text.startswith("floor")]
    supports = [p for p in specs if p.is_support and not _is_backrest(p)]
    anchor = poses[0].base.anchor
    floor = poses[0].base.floor
    bodies = [_posed(pose, supports) for pose in poses]
    bodies = [_set_down(body, anchor, supports, floor) for body in bodies]
    fixtures: list[Fixture] = []
    placed = _place_supports(supports, bodies)
    fixtures += [Fixture(p.kind, p.at, "both", tuple(p.shapes("both"))) for p in placed]
    for body, phase in zip(bodies, ("start", "end"), strict=False):
        for rolling in _rolling(supports, body, phase):  # type: ignore[arg-type]
            fixtures.append(
                Fixture(
                    rolling.kind, rolling.at, rolling.phase, tuple(rolling.shapes(rolling.phase))
                )
            )
            placed.append(rolling)
    fixtures += _other_props(specs, bodies, floor)
    shapes: list[Shape] = [s for f in fixtures for s in f.shapes]
    for body, phase in zip(bodies, ("start", "end"), strict=False):
        shapes += _body_shapes(body, phase, floor)  # type: ignore[arg-type]
    if len(bodies) == 2:
        shapes += _arrow(bodies[0], bodies[1], floor)
    if floor:
        left, _, right, _ = bounds(shapes)
        shapes.insert(0, Line(((left - 8.0, 0.0), (right + 8.0, 0.0)), "floor"))
    return Scene(tuple(shapes), tuple(bodies), tuple(placed), floor, tuple(fixtures))


def _is_backrest(prop: Prop) -> bool:
    return prop.kind == "chair" and prop.points()[0].endswith("hand")


def _posed(pose: ResolvedPose, supports: list[Prop]) -> Body:
    """The body in its own frame, tipped over its first contact until it comes to rest.

    The first contact stays on its support (the floor, or a prop placed at it); the body then
    tips towards the second contact until some part of it touches down, as a body lying or
    kneeling would. A contact names a point without a side (`hand`): of the near and far one,
    the lower is used, so lifting the near leg leaves the body on the far knee.
    """
    view, angles = pose.base.view, dict(pose.angles)
    forward = pose.base.thighs_forward
    contacts = pose.base.contacts
    if contacts is None or pose.given_trunk:
        return pose_body(view, angles, pose.flat_feet, forward)
    body = pose_body(view, angles, frozenset(), forward)
    # The pivot is a flat foot where there is one (a lunge pivots on the front foot).
    flat = [n for n in _sided(contacts[0]) if n.split("-")[0] in pose.flat_feet]
    pivot = min(flat or _sided(contacts[0]), key=body.surface)
    towards = min(_sided(contacts[1]), key=body.surface)
    # A point resting on a support (a heel on a step, a knee on a bench) is the contact the
    # body tips towards: it was put there to bear weight.
    supported = [name for prop in supports for name in prop.points() if name != pivot]
    if supported:
        towards = supported[0]
    # Flat feet are laid flat after the turn: their toes cannot hold it up.
    # (A foot seen from the front or above is never laid flat: its toes are a contact.)
    loose = {f"{side}-toe" for side in pose.flat_feet} if view == "side" else set()
    turn = _resting_turn(body, pivot, towards, supports, loose)
    if pose.base.max_tip is not None and abs(turn) > pose.base.max_tip:
        turn = 0.0
    # Turning the whole body counter-clockwise lowers the trunk's tilt by the same angle.
    angles["trunk"] = (angles["trunk"] - turn + 180.0) % 360.0 - 180.0
    if pose.base.head_rests and "neck" not in pose.given:
        angles["neck"] = _resting_neck(
            pose_body(view, angles, frozenset(), forward), angles["neck"]
        )
    return pose_body(view, angles, pose.flat_feet, forward)


# The search for a resting position: how far a body may tip either way, and the step.
TIP_LIMIT = 100.0
TIP_STEP = 1.0


def _resting_turn(
    body: Body, pivot: str, towards: str, supports: list[Prop], loose: set[str]
) -> float:
    """The turn (degrees, counter-clockwise, about `pivot`) at which the body rests: nothing
    below its support, and `towards` as low as it can go."""
    heights = {name: _support_height(name, supports) for name in body.points}
    centre = body.points[pivot]

    def clearance(turn: float) -> tuple[float, float]:
        turned = body.turned(turn, centre)
        base = turned.surface(pivot) - heights[pivot]
        lowest = min(
            turned.surface(n) - heights[n] - base
            for n in body.points
            if n != "head" and n not in loose
        )
        return lowest, turned.surface(towards) - heights[towards] - base

    steps = int(TIP_LIMIT / TIP_STEP)
    candidates = [i * TIP_STEP for i in range(-steps, steps + 1)]
    measured = [(t, *clearance(t)) for t in candidates]
    resting = [(low_contact, abs(t), t) for t, low, low_contact in measured if low >= -1e-9]
    if not resting:
        return 0.0
    _, _, best = min(resting)
    # Refine between the best sample and its neighbour towards the contact.
    outward = best - TIP_STEP if clearance(best - TIP_STEP)[1] < clearance(best)[1] else None
    if outward is None:
        outward = best + TIP_STEP
    inside, outside = best, outward
    for _ in range(30):
        middle = (inside + outside) / 2
        if clearance(middle)[0] >= -1e-9:
            inside = middle
        else:
            outside = middle
    return inside


def _resting_neck(body: Body, neck: float) -> float:
    """The neck angle that lays the head down level with the upper back (lying down)."""
    (cx, cy), (hx, hy) = body.points["chest"], body.points["head"]
    reach = math.dist((cx, cy), (hx, hy))
    drop = (cy - depth("chest")) + HEAD_RADIUS - cy  # head centre one radius above the floor
    if abs(drop) >= reach:
        return neck
    current = math.atan2(hy - cy, hx - cx)
    heading = math.pi - math.asin(drop / reach) if hx < cx else math.asin(drop / reach)
    limits = JOINTS["neck"]
    wanted = neck + (math.degrees(current - heading) + 180.0) % 360.0 - 180.0
    return min(max(wanted, limits.low), limits.high)


def _sided(point: str) -> tuple[str, ...]:
    return tuple(f"{side}-{point}" for side in SIDES) if point in SIDED_POINTS else (point,)


def _support_height(point: str, supports: list[Prop]) -> float:
    return max(
        (SUPPORT_HEIGHT[p.kind] for p in supports if point in p.points()),
        default=0.0,
    )


def _set_down(body: Body, anchor: str, supports: list[Prop], floor: bool) -> Body:
    """Slide the anchor to x = 0 and lower the body onto the floor and its supports."""
    dy = -body.lowest() if floor else -body.points["pelvis"][1]
    for prop in supports:
        for name in prop.points():
            dy = max(dy, SUPPORT_HEIGHT[prop.kind] - body.surface(name))
    # A foot on a step stays on it; otherwise the lower of the anchor's two sides stays put.
    on_support = [
        n for p in supports for n in p.points() if n.endswith("ankle") or n.endswith("toe")
    ]
    choices = [n for n in on_support if n.split("-")[-1] == anchor] or list(_sided(anchor))
    name = min(choices, key=body.surface)
    return body.moved(-body.points[name][0], dy)


def _place_supports(supports: list[Prop], bodies: list[Body]) -> list[Placed]:
    """Fixed supports, under their point where it comes lowest, topped to touch it."""
    placed = []
    for prop in supports:
        if prop.kind in ROLLING:
            continue
        name = prop.points()[0]
        body = min(bodies, key=lambda b: b.surface(name))
        top = max(SUPPORT_HEIGHT[prop.kind], body.surface(name))
        support = place_support(prop, body, top)
        if any(_inside(b, support) for b in bodies):
            # reaching away from the body it cuts through a limb: try the other way
            flipped = place_support(prop, body, top, flip=True)
            if not any(_inside(b, flipped) for b in bodies):
                support = flipped
        if prop.kind == "machine" and bodies[0].view == "side":
            support = machine_back(support, bodies[0])
        placed.append(support)
    return placed


def _rolling(supports: list[Prop], body: Body, phase: Phase) -> list[Placed]:
    out = []
    for prop in supports:
        if prop.kind in ROLLING:
            name = prop.points()[0]
            top = max(SUPPORT_HEIGHT[prop.kind], body.surface(name))
            out.append(dataclasses.replace(place_support(prop, body, top), phase=phase))
    return out


def _on_the_floor(shapes: list[Shape]) -> list[Shape]:
    """A weight that would reach below the floor rests on it instead (a hand on the floor
    holds a dumbbell beside it, not through the boards)."""
    low = bounds(shapes)[1] if shapes else 0.0
    return [shifted(s, 0.0, -low) for s in shapes] if low < 0 else shapes


def _other_props(specs: list[Prop], bodies: list[Body], floor: bool) -> list[Fixture]:
    start = bodies[0]
    out: list[Fixture] = []
    highest = max(y for body in bodies for _, y in body.points.values()) + HEAD_RADIUS

    def add(prop: Prop, phase: Phase, shapes: list[Shape]) -> None:
        out.append(Fixture(prop.kind, prop.at, phase, tuple(shapes)))

    for prop in specs:
        if _is_backrest(prop):
            # the hand holds the back where it comes lowest (a lunge's hand at the bottom)
            name = prop.points()[0]
            holding = min(bodies, key=lambda body: body.points[name][1])
            placed = chair_backrest(prop, holding)
            add(prop, "both", backrest_shapes(placed, holding.points[name]))
        elif prop.kind in ("wall", "doorframe"):
            add(prop, "both", wall_shapes(prop, start, highest + WALL_ABOVE))
        elif prop.kind == "band":
            post = band_post_x(start)
            tie = band_tie(prop, start) if len(prop.points()) == 1 else None
            for body, phase in zip(bodies, PHASES, strict=False):
                add(prop, phase, band_shapes(prop, body, post, phase, tie))
        elif prop.kind == "stick":
            for body, phase in zip(bodies, PHASES, strict=False):
                add(prop, phase, stick_shapes(body, phase))
        elif prop.kind == "mat":
            xs = [p[0] for b in bodies for p in b.points.values()]
            ys = [p[1] for b in bodies for p in b.points.values()]
            pad = HEAD_RADIUS + 6.0
            left, right, low, high = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
            outline: tuple[Point, ...] = (
                (left, low),
                (left, high),
                (right, high),
                (right, low),
                (left, low),
            )
            if floor:  # seen from the side, a mat is a thin layer on the floor
                outline = ((left, 0.0), (left, MAT_THICKNESS), (right, MAT_THICKNESS), (right, 0.0))
            add(prop, "both", [Line(outline, "prop")])
        elif prop.kind in HELD:
            offset = _push_direction(prop, bodies)
            for body, phase in zip(bodies, PHASES, strict=False):
                held = held_shapes(prop, body, phase, offset)
                add(prop, phase, _on_the_floor(held) if floor else held)
    return out


# A pad sits this far from the limb it pushes against (its radius plus a stroke).
PAD_DISTANCE = 6.0


def _push_direction(prop: Prop, bodies: list[Body]) -> dict[str, Point]:
    """Where a machine's pad sits at each of its points: on the side the point moves towards
    (knees pushing apart meet pads outside them, knees squeezing in pads inside them)."""
    offsets = {}
    for name in prop.points():
        if len(bodies) == 2:
            (ax, ay), (bx, by) = bodies[0].points[name], bodies[1].points[name]
            length = math.hypot(bx - ax, by - ay)
            if length > 1.0:
                unit = PAD_DISTANCE / length
                offsets[name] = ((bx - ax) * unit, (by - ay) * unit)
    return offsets


def _body_shapes(body: Body, phase: Phase, floor: bool) -> list[Shape]:
    shapes: list[Shape] = []
    # Far limbs first, so the near ones are drawn over them.
    for side, role in (("far", "far"), ("near", "body")):
        chains = (
            ("chest", f"{side}-shoulder", f"{side}-elbow", f"{side}-hand"),
            ("pelvis", f"{side}-hip", f"{side}-knee", f"{side}-ankle", f"{side}-toe"),
        )
        for chain in chains:
            shapes.append(Line(tuple(body.points[n] for n in chain), role, phase))  # type: ignore[arg-type]
    trunk = ("pelvis", "waist", "chest", "neck")
    shapes.append(Line(tuple(body.points[n] for n in trunk), "body", phase))
    if body.view != "side":
        shapes.append(Line((body.points["near-hip"], body.points["far-hip"]), "body", phase))
        shapes.append(
            Line((body.points["near-shoulder"], body.points["far-shoulder"]), "body", phase)
        )
    head = body.points["head"]
    shapes.append(Circle(head, HEAD_RADIUS, "body", phase))
    nose = _nose(body)
    # A face resting on the floor (lying face down) is turned to one side: no nose through it.
    if body.view == "side" and (not floor or min(y for _, y in nose) >= 0.0):
        shapes.append(Line(nose, "body", phase))
    return shapes


def _nose(body: Body) -> tuple[Point, Point]:
    """A short stroke out of the face, so a glance tells face up from face down."""
    (nx, ny), (hx, hy) = body.points["neck"], body.points["head"]
    length = math.dist((nx, ny), (hx, hy)) or 1.0
    ux, uy = (hx - nx) / length, (hy - ny) / length
    fx, fy = uy, -ux  # the face: the neck's direction turned clockwise (the figure faces +x)
    return (
        (hx + fx * HEAD_RADIUS, hy + fy * HEAD_RADIUS),
        (hx + fx * (HEAD_RADIUS + 3.5), hy + fy * (HEAD_RADIUS + 3.5) - uy * 0.0),
    )


def _arrow(start: Body, end: Body, floor: bool) -> list[Shape]:
    """A curved arrow along the path of the point that moves most, if one moves enough.

    It bows away from the body's middle, like the arc a limb sweeps, and never dips below
    the floor.
    """
    travel = {name: math.dist(start.points[name], end.points[name]) for name in ARROW_POINTS}
    name = max(ARROW_POINTS, key=lambda n: travel[n])
    if travel[name] < ARROW_MIN_TRAVEL:
        return []
    a, b = start.points[name], end.points[name]
    cx = sum(p[0] for p in start.points.values()) / len(start.points)
    cy = sum(p[1] for p in start.points.values()) / len(start.points)
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    nx, ny = -dy / length, dx / length
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    if (mid[0] - cx) * nx + (mid[1] - cy) * ny < 0:
        nx, ny = -nx, -ny
    candidates = [_bowed(a, b, (nx, ny)), _bowed(a, b, (-nx, -ny))]
    if not floor:
        return [candidates[0]]
    for curve in candidates:
        if min(y for _, y in curve.sample()) >= ARROW_CLEARANCE:
            return [curve]
    curve = candidates[0]
    lift = ARROW_CLEARANCE - min(y for _, y in curve.sample())
    return [
        Curve(
            (curve.start[0], curve.start[1] + lift),
            (curve.control[0], curve.control[1] + lift),
            (curve.end[0], curve.end[1] + lift),
        )
    ]


# An arrow keeps this far above the floor line (drawing units).
ARROW_CLEARANCE = 4.0


def _bowed(a: Point, b: Point, normal: Point) -> Curve:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    nx, ny = normal
    offset = 6.0 + 0.2 * length
    gap = 0.15  # start and stop short of the limb, so the arrow does not sit on the figure
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    return Curve(
        (a[0] + dx * gap + nx * offset, a[1] + dy * gap + ny * offset),
        (mid[0] + nx * offset * 1.8, mid[1] + ny * offset * 1.8),
        (b[0] - dx * gap + nx * offset, b[1] - dy * gap + ny * offset),
    )


# How deep a bone may reach into a support before it counts as inside it (drawing units).
OVERLAP_MARGIN = 1.5


def _bone_points(body: Body, a: str, b: str, length: float) -> list[Point]:
    steps = max(int(length // 2), 1)
    pa, pb = body.points[a], body.points[b]
    return [
        (pa[0] + (pb[0] - pa[0]) * i / steps, pa[1] + (pb[1] - pa[1]) * i / steps)
        for i in range(steps + 1)
    ]


def _beside(support: Placed, bone: tuple[str, str], view: str) -> bool:
    """In the side view a near limb and a far limb are a body's width apart: a support under
    the near knee is beside the far leg, not in its way."""
    if support.facing:  # a seat seen from the front: the knees and shins are in front of it
        return any(name.endswith(("-knee", "-ankle", "-toe")) for name in bone)
    if view != "side" or not support.at.startswith(("near-", "far-")):
        return False
    side = support.at.split("-")[0]
    other = "far" if side == "near" else "near"
    return any(name.startswith(other) for name in bone)


def _inside(body: Body, support: Placed, margin: float = OVERLAP_MARGIN) -> list[str]:
    """The bones of `body` that reach into `support`, or cross its backrest."""
    back = support.backrest()
    return [
        f"{a}-{b}"
        for a, b, length in body.bones()
        if not _beside(support, (a, b), body.view)
        and any(
            support.contains(p, margin) or (back is not None and _on_segment(p, back, margin))
            for p in _bone_points(body, a, b, length)
        )
    ]


def _on_segment(point: Point, segment: tuple[Point, Point], margin: float) -> bool:
    """True when `point` is within `margin` of the segment (a bone crossing a backrest)."""
    (px, py), ((ax, ay), (bx, by)) = point, segment
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.dist(point, (ax + t * dx, ay + t * dy)) < margin


def overlaps(scene: Scene, margin: float = OVERLAP_MARGIN) -> list[str]:
    """Where a body goes below the floor or into a support: the figure's own check."""
    problems = []
    for index, body in enumerate(scene.bodies):
        pose = "start" if index == 0 else "end"
        if scene.floor and body.lowest() < -1e-6:
            problems.append(f"{pose}: below the floor ({body.lowest():.1f})")
        for support in scene.supports:
            if support.phase in ("both", pose):
                problems += [
                    f"{pose}: {bone} inside the {support.kind}"
                    for bone in _inside(body, support, margin)
                ]
    return sorted(set(problems))


__all__ = ["Fixture", "PoseError", "Scene", "build_scene", "overlaps"]
