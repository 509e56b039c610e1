"""Props: the furniture and equipment of an exercise, drawn to the skeleton's scale.

A prop in the catalogue is its kind, optionally with the body point it goes at:
`chair` (a seat under the pelvis), `chair@near-hand` (a chair whose back the hand holds),
`step@far-toe`, `band@knees`. Supports (chair, bench, step, ball, ...) go under their
point and the body rests on them; held things (dumbbell, kettlebell, barbell) go at theirs;
a band runs from its point to a post in front, or between two points (`band@knees`).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .poses import PoseError
from .shapes import Circle, Line, Phase, Shape
from .skeleton import (
    BODY_POINTS,
    SIDED_POINTS,
    SIDES,
    TRUNK_DEPTH,
    Body,
    Point,
    bones_of,
    depth,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

# Heights of supports in drawing units (about cm): seats come up to the underside of a sitting
# figure's thighs (the skeleton's ankle is its sole, so seats sit lower than a real 45 cm),
# then one stair, a 55 cm exercise ball, a folded towel, a pillow, a rolled towel.
SUPPORT_HEIGHT = {
    "chair": 35.0,
    "bench": 33.0,
    "machine": 35.0,
    "step": 18.0,
    "ball": 50.0,
    "towel": 2.0,
    "pillow": 10.0,
    "roll": 10.0,
}
# Held at (or worn on) their point, and drawn there in each pose: weights, a cushion squeezed
# between the knees, a machine's pad against a limb, a machine's foot plate.
HELD = ("dumbbell", "kettlebell", "barbell", "cushion", "pad", "plate", "anchor")
OTHER = ("floor", "wall", "doorframe", "band", "stick", "mat")
PROP_KINDS: tuple[str, ...] = (*SUPPORT_HEIGHT, *HELD, *OTHER)
# Where a prop goes when the catalogue does not say.
DEFAULT_AT = {
    "chair": "pelvis",
    "bench": "pelvis",
    "machine": "pelvis",
    "step": "near-ankle",
    "ball": "near-ankle",
    "towel": "near-ankle",
    "pillow": "pelvis",
    "roll": "near-knee",
    "dumbbell": "hands",
    "kettlebell": "near-hand",
    "barbell": "near-hand",
    "cushion": "near-knee",
    "pad": "near-ankle",
    "anchor": "ankles",
    "plate": "near-toe",
    "floor": "pelvis",
    "wall": "near-shoulder",
    "doorframe": "near-ankle",
    "band": "near-ankle",
    "stick": "pelvis",
    "mat": "pelvis",
}
BARBELL_PLATE = (
    20.0  # a plate's radius, seen end on (a 45 cm plate, to the figure's scale and hand)
)
# Furniture, in drawing units: a seat's thickness and backrest, how far a seat reaches behind
# the point it is under (a chair's depth, a bench's length) and the lip in front of it, the
# depth of a chair held by its back.
SEAT_THICKNESS = 4.0
BACKREST = 40.0
SEAT_REACH = {"chair": 32.0, "machine": 32.0, "bench": 50.0}
SEAT_LIP = 8.0
# A seat seen from the front: as wide as a seat each side of the pelvis, its back a panel
# behind the trunk reaching to the shoulder blades.
FACING_SEAT_HALF_WIDTH = 24.0
FACING_BACK_HALF_WIDTH = 16.0
FACING_BACK_EXTRA = 20.0
CHAIR_DEPTH = 36.0
# A ball under a limb is never wider than this share of the height it lifts the limb to: a
# limb almost upright on it would otherwise call for a ball as tall as the figure.
BALL_MAX_SHARE = 0.7
BAND_POST_CLEARANCE = 25.0  # a band's post stands this far in front of the body
DOORFRAME_GAP = 25.0  # the frame starts this far below the heel: the other leg lies through
WALL_PANEL_MARGIN = 20.0  # a wall seen from the front reaches this far past the body
PAIRS = {f"{point}s": point for point in SIDED_POINTS}  # hands, knees, ankles, ...


@dataclass(frozen=True)
class Prop:
    kind: str
    at: str  # a body point, a pair such as "knees", or two points for a band: "toe@hand"

    @property
    def is_support(self) -> bool:
        return self.kind in SUPPORT_HEIGHT

    def points(self) -> tuple[str, ...]:
        """The body points the prop touches, sided names only."""
        if self.at in PAIRS:
            return tuple(f"{side}-{PAIRS[self.at]}" for side in SIDES)
        return tuple(point_name(part) for part in self.at.split("@"))


def point_name(name: str) -> str:
    """A body point's full name: a bare sided point (`hand`) means the near one."""
    return f"near-{name}" if name in SIDED_POINTS else name


def anchor_names() -> tuple[str, ...]:
    sided = tuple(f"{side}-{p}" for p in SIDED_POINTS for side in SIDES)
    return (*BODY_POINTS, *sided, *PAIRS)


def parse_prop(text: str) -> Prop:
    """`kind`, `kind@point`, or (a band between two points) `band@point@point`."""
    kind, _, at = text.partition("@")
    if kind not in PROP_KINDS:
        raise PoseError(f"unknown prop {kind!r}; use one of {', '.join(PROP_KINDS)}")
    at = at or DEFAULT_AT[kind]
    parts = at.split("@")
    if len(parts) > (2 if kind == "band" else 1):
        raise PoseError(f"prop {text!r} names too many points (only a band joins two)")
    for part in parts:
        if part not in anchor_names():
            raise PoseError(
                f"unknown body point {part!r} in prop {text!r}; "
                f"use one of {', '.join(anchor_names())}"
            )
    return Prop(kind, at)


def _centroid(body: Body) -> Point:
    xs = [p[0] for p in body.points.values()]
    ys = [p[1] for p in body.points.values()]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _box(left: float, right: float, bottom: float, top: float) -> tuple[Point, ...]:
    return ((left, bottom), (left, top), (right, top), (right, bottom))


def _rect(left: float, right: float, bottom: float, top: float) -> tuple[Point, ...]:
    corners = _box(left, right, bottom, top)
    return (*corners, corners[0])


@dataclass(frozen=True)
class Placed:
    """A support placed under the body: its outline (for drawing and for the overlap test)."""

    kind: str
    left: float
    right: float
    top: float
    radius: float = 0.0  # a ball: the circle of this radius standing on the floor
    centre_x: float = 0.0
    phase: Phase = "both"  # a rolling support is placed for one pose only
    at: str = ""  # the body point it is under
    facing: bool = False  # a seat seen from the front: its back is a panel behind the body
    lying: bool = False  # a bench to lie on: no backrest
    # A machine's back pad, from the seat up along the sitter's back (reclined with it).
    back_pad: tuple[Point, Point] | None = None

    def shapes(self, phase: Phase = "both") -> list[Shape]:
        if self.kind == "ball":
            return [Circle((self.centre_x, self.radius), self.radius, "prop", phase)]
        if self.kind == "roll":
            r = self.top / 2
            return [Circle((self.centre_x, r), r, "prop", phase)]
        if self.kind in ("towel", "pillow"):
            return [Line(_rect(self.left, self.right, 0.0, self.top), "prop", phase)]
        if self.kind == "step":
            return [Line(_box(self.left, self.right, 0.0, self.top), "prop", phase)]
        # chair, bench, machine: a seat on legs; a chair has a back, on the side away
        inset = 3.0
        back: list[Shape] = []
        if self.facing and self.kind in ("chair", "machine"):
            half = FACING_BACK_HALF_WIDTH
            top = self.top + BACKREST + FACING_BACK_EXTRA
            panel = (self.centre_x - half, self.centre_x + half)
            back = [Line(_box(panel[0], panel[1], self.top, top), "prop", phase)]
        elif self.back_pad is not None:
            back = [Line(self.back_pad, "prop", phase)]
        elif self.kind in ("chair", "machine") and not self.lying:
            x = self.left if self.centre_x - self.left > self.right - self.centre_x else self.right
            back = [Line(((x, self.top), (x, self.top + BACKREST)), "prop", phase)]
        bottom = self.top - SEAT_THICKNESS
        seat = Line(_rect(self.left, self.right, bottom, self.top), "prop", phase)
        legs = [
            Line(((self.left + inset, bottom), (self.left + inset, 0.0)), "prop", phase),
            Line(((self.right - inset, bottom), (self.right - inset, 0.0)), "prop", phase),
        ]
        return [seat, *legs, *back]

    def backrest(self) -> tuple[Point, Point] | None:
        """The line of a chair's or machine's back, seen from the side (None without one)."""
        if self.facing or self.lying or self.kind not in ("chair", "machine"):
            return None
        if self.back_pad is not None:
            return self.back_pad
        x = self.left if self.centre_x - self.left > self.right - self.centre_x else self.right
        return ((x, self.top), (x, self.top + BACKREST))

    def contains(self, point: Point, margin: float) -> bool:
        """True when `point` lies inside the support, deeper than `margin`."""
        x, y = point
        if self.kind in ("ball", "roll"):
            r = self.radius if self.kind == "ball" else self.top / 2
            return math.dist(point, (self.centre_x, r)) < r - margin
        if self.kind in ("chair", "bench", "machine"):
            inside_seat = self.top - SEAT_THICKNESS + margin < y < self.top - margin
            return inside_seat and self.left + margin < x < self.right - margin
        return self.left + margin < x < self.right - margin and margin < y < self.top - margin


def _ball(prop: Prop, body: Body, top: float) -> Placed:
    """A ball on the floor that the limb ending at the point rests on, touching it side-on
    (calves on a ball lie along its upper side, not through it)."""
    name = prop.points()[0]
    x, y = body.points[name]
    limb = next((a for a, b, _ in bones_of(body.view) if b == name), None)
    ux, uy = 0.0, 1.0
    if limb is not None:
        ax, ay = body.points[limb]
        length = math.hypot(x - ax, y - ay)
        if length > 0:
            ux, uy = -(y - ay) / length, (x - ax) / length
            if uy < 0:
                ux, uy = -ux, -uy
    radius = min(top / (1.0 + uy), top * BALL_MAX_SHARE)
    centre = x - ux * radius
    return Placed("ball", centre - radius, centre + radius, top, radius, centre)


def place_support(prop: Prop, body: Body, top: float, flip: bool = False) -> Placed:
    """A support whose top is at `top`, under the prop's point, reaching away from the body
    (or, with `flip`, towards it)."""
    placed = _support_under(prop, body, top, flip)
    return dataclasses.replace(placed, at=prop.points()[0])


# A lying machine's bench stops this far short of the knees (they bend over its end) and
# reaches this far past the head.
LYING_BENCH_KNEE_GAP = 5.0
LYING_BENCH_PAST_HEAD = 12.0
# A trunk within this many degrees of horizontal is lying down.
LYING_TILT = 30.0


def _lying(body: Body) -> bool:
    (px, py), (cx, cy) = body.points["pelvis"], body.points["chest"]
    return abs(math.degrees(math.atan2(cy - py, abs(cx - px)))) < LYING_TILT


# A trunk rising at least this steeply (the sine of its angle) sits up against a back pad.
SITTING_UP = 0.5
# A machine's back pad reaches this far above the top of the sitter's trunk.
BACK_PAD_ABOVE = 4.0


def machine_back(placed: Placed, body: Body) -> Placed:
    """A machine seat whose back pad lies along the sitter's back, reclined as they are."""
    pelvis, chest = body.points["pelvis"], body.points["chest"]
    length = math.dist(pelvis, chest) or 1.0
    ux, uy = (chest[0] - pelvis[0]) / length, (chest[1] - pelvis[1]) / length
    if uy < SITTING_UP:  # not sitting up (lying across the seat): the plain back stays
        return placed
    bx, by = -uy, ux  # the back: the trunk's direction turned away from the face (+x)
    off = TRUNK_DEPTH
    low = placed.top
    t_low = (low - (pelvis[1] + by * off)) / uy if abs(uy) > 1e-9 else 0.0
    start = (pelvis[0] + bx * off + ux * t_low, low)
    top = (chest[0] + bx * off + ux * BACK_PAD_ABOVE, chest[1] + by * off + uy * BACK_PAD_ABOVE)
    return dataclasses.replace(placed, back_pad=_above_the_floor(start, top))


def _support_under(prop: Prop, body: Body, top: float, flip: bool) -> Placed:
    point = body.points[prop.points()[0]]
    away = -1.0 if _centroid(body)[0] >= point[0] else 1.0
    if flip:
        away = -away
    x = point[0]
    if prop.kind == "ball":
        return _ball(prop, body, top)
    if prop.kind == "roll":
        return Placed("roll", x - top / 2, x + top / 2, top, top / 2, x)
    if prop.kind in ("towel", "pillow", "step"):
        half = {"towel": 10.0, "pillow": 16.0, "step": 16.0}[prop.kind]
        return Placed(prop.kind, x - half, x + half, top, 0.0, x)
    if body.view != "side":
        half = FACING_SEAT_HALF_WIDTH
        return Placed(prop.kind, x - half, x + half, top, 0.0, x, facing=True)
    if prop.kind == "machine" and _lying(body):
        # A lying machine (a leg curl): a padded bench from the knees to past the head.
        knee, head = body.points["near-knee"][0], body.points["head"][0]
        toward = 1.0 if head > knee else -1.0
        ends = (knee + toward * LYING_BENCH_KNEE_GAP, head + toward * LYING_BENCH_PAST_HEAD)
        return Placed(prop.kind, min(ends), max(ends), top, 0.0, x, lying=True)
    # Seats reach mostly behind the point, away from the rest of the body.
    reach, lip = SEAT_REACH[prop.kind], SEAT_LIP
    left, right = (x - reach, x + lip) if away < 0 else (x - lip, x + reach)
    return Placed(prop.kind, left, right, top, 0.0, x)


def chair_backrest(prop: Prop, body: Body) -> Placed:
    """A chair whose backrest top the hand holds; the chair stands in front of the body."""
    hand = body.points[prop.points()[0]]
    away = 1.0 if _centroid(body)[0] <= hand[0] else -1.0
    seat_far = hand[0] + away * CHAIR_DEPTH
    left, right = sorted((hand[0], seat_far))
    return Placed("chair-back", left, right, SUPPORT_HEIGHT["chair"], 0.0, hand[0])


def backrest_shapes(placed: Placed, hand: Point, phase: Phase = "both") -> list[Shape]:
    seat = SUPPORT_HEIGHT["chair"]
    x = placed.centre_x
    other = placed.right if placed.left == x else placed.left
    return [
        Line(((x, 0.0), (x, hand[1] - 1.0)), "prop", phase),  # back leg and backrest
        Line(((x, seat), (other, seat), (other, 0.0)), "prop", phase),
    ]


def held_shapes(
    prop: Prop, body: Body, phase: Phase, pad_offsets: Mapping[str, Point] | None = None
) -> list[Shape]:
    """Equipment held or worn at a body point, drawn where that point is in this pose.

    A machine's pad sits `pad_offsets[point]` from its point: on the side the limb pushes
    towards (under the point when not given).
    """
    shapes: list[Shape] = []
    for name in prop.points():
        x, y = body.points[name]
        if prop.kind in ("dumbbell", "kettlebell", "barbell"):
            x, y = held_point(body, name)
        if prop.kind == "dumbbell":
            shapes += [
                Line(((x - 6, y), (x + 6, y)), "prop", phase),
                Line(((x - 6, y - 4), (x - 6, y + 4)), "prop", phase),
                Line(((x + 6, y - 4), (x + 6, y + 4)), "prop", phase),
            ]
        elif prop.kind == "kettlebell":
            shapes += [
                Line(((x, y), (x, y - 4)), "prop", phase),
                Circle((x, y - 10), 6.0, "prop", phase),
            ]
        elif prop.kind == "barbell":
            if name.endswith("shoulder") and body.view == "side":
                x, y = _behind_the_neck(body)
            shapes.append(Circle((x, y), BARBELL_PLATE, "prop", phase))
            shapes.append(Circle((x, y), 2.0, "prop", phase))
        elif prop.kind == "cushion":
            shapes.append(Circle((x, y), 6.0, "prop", phase))
        elif prop.kind == "pad":
            dx, dy = (pad_offsets or {}).get(name, (0.0, -6.0))
            shapes.append(Circle((x + dx, y + dy), 5.0, "prop", phase))
        elif prop.kind == "anchor":
            shapes += _ankle_anchor(body, name, phase)
        elif prop.kind == "plate":
            shapes.append(_foot_plate(body, name, phase))
    return shapes


# A weight resting on the body sits this far from its point: on the front of the hips (the
# trunk's depth and the weight's half height), or tucked into the crease behind a bent knee.
ON_THE_HIPS = TRUNK_DEPTH + 4.0
GRIP = 7.0  # the skeleton's hand point is the wrist; a fist closes this far beyond it
IN_THE_KNEE = 7.0


def held_point(body: Body, name: str) -> Point:
    """Where a weight held at a point is drawn: in the fist (a hand's length past the wrist),
    on the hips, behind the knee."""
    x, y = body.points[name]
    if name.endswith("-hand"):
        ex, ey = _unit(body.points[name.replace("-hand", "-elbow")], (x, y))
        return (x + ex * GRIP, y + ey * GRIP)
    if name == "pelvis":
        (wx, wy) = body.points["waist"]
        length = math.dist((x, y), (wx, wy)) or 1.0
        ux, uy = (wx - x) / length, (wy - y) / length
        return (x + uy * ON_THE_HIPS, y - ux * ON_THE_HIPS)  # the front: the face's side
    if name.endswith("-knee"):
        side = name.split("-", maxsplit=1)[0]
        hip, ankle = body.points[f"{side}-hip"], body.points[f"{side}-ankle"]
        ax, ay = _unit((x, y), hip)
        bx, by = _unit((x, y), ankle)
        mx, my = ax + bx, ay + by
        length = math.hypot(mx, my) or 1.0
        return (x + mx / length * IN_THE_KNEE, y + my / length * IN_THE_KNEE)
    return (x, y)


def _unit(a: Point, b: Point) -> Point:
    length = math.dist(a, b) or 1.0
    return ((b[0] - a[0]) / length, (b[1] - a[1]) / length)


# A strap or a partner's hands over the heels, drawn as a padded bar on top of the ankle tied
# down to the floor behind it (a Nordic curl's anchor).
ANCHOR_RADIUS = 4.0
ANCHOR_TIE = 10.0  # how far behind the heel the tie reaches the floor


def _ankle_anchor(body: Body, name: str, phase: Phase) -> list[Shape]:
    x, y = body.points[name]
    side = name.split("-", maxsplit=1)[0]
    knee_x = body.points[f"{side}-knee"][0]
    behind = 1.0 if x >= knee_x else -1.0  # away from the knee
    centre = (x, y + ANCHOR_RADIUS)
    tie = ((x + behind * ANCHOR_RADIUS, y + ANCHOR_RADIUS), (x + behind * ANCHOR_TIE, 0.0))
    return [Circle(centre, ANCHOR_RADIUS, "prop", phase), Line(tie, "prop", phase)]


def _behind_the_neck(body: Body) -> Point:
    """Where a bar rests on the upper back: behind the base of the neck, below its top."""
    (cx, cy), (wx, wy) = body.points["chest"], body.points["waist"]
    length = math.dist((cx, cy), (wx, wy)) or 1.0
    ux, uy = (cx - wx) / length, (cy - wy) / length
    back_x, back_y = -uy, ux  # the trunk's direction turned away from the face
    return (cx + back_x * 9.0 - ux * 4.0, cy + back_y * 9.0 - uy * 4.0)


# A foot plate stands this far off the sole line: the foot's stroke and its own, touching.
PLATE_GAP = 2.0


def _foot_plate(body: Body, name: str, phase: Phase) -> Shape:
    """A machine's foot plate against the sole: along the foot, a little beyond it each way."""
    side = name.split("-", maxsplit=1)[0] if name.startswith(("near-", "far-")) else "near"
    (ax, ay), (tx, ty) = body.points[f"{side}-ankle"], body.points[f"{side}-toe"]
    length = math.dist((ax, ay), (tx, ty)) or 1.0
    ux, uy = (tx - ax) / length, (ty - ay) / length
    sole_x, sole_y = uy * PLATE_GAP, -ux * PLATE_GAP  # the sole side of the foot
    if body.view == "side" and sole_y > 0:
        sole_x, sole_y = -sole_x, -sole_y
    return Line(
        (
            (ax - ux * 8 - sole_x, ay - uy * 8 - sole_y),
            (tx + ux * 8 - sole_x, ty + uy * 8 - sole_y),
        ),
        "prop",
        phase,
    )


# A band's post is a tall pole (a post, a table leg's height is only where it is tied), so it
# never reads as a chair: it reaches at least this high, with a knot where the band is tied.
BAND_POST_MIN_HEIGHT = 90.0
BAND_KNOT = 2.0


def band_tie(prop: Prop, body: Body) -> float:
    """The height a one-point band is tied to its post: the point's height at the start."""
    return max(body.points[prop.points()[0]][1], 10.0)


def band_shapes(
    prop: Prop, body: Body, post_x: float, phase: Phase, tie: float | None = None
) -> list[Shape]:
    """A band: between two body points, or from one point forward to a post."""
    names = prop.points()
    if len(names) == 2:
        a, b = (body.points[n] for n in names)
        return [Line((a, b), "prop", phase)]
    x, y = body.points[names[0]]
    tie = band_tie(prop, body) if tie is None else tie
    shapes: list[Shape] = [Line(((x, y), (post_x, tie)), "prop", phase)]
    if phase == "start":
        post_top = max(tie + 8.0, BAND_POST_MIN_HEIGHT)
        shapes.append(Line(((post_x, 0.0), (post_x, post_top)), "prop", "both"))
        shapes.append(Circle((post_x, tie), BAND_KNOT, "prop", "both"))
    return shapes


def band_post_x(body: Body) -> float:
    """Where a band's post stands: in front of the body (the way it faces), clear of it."""
    xs = [p[0] for p in body.points.values()]
    return max(xs) + BAND_POST_CLEARANCE


def wall_shapes(prop: Prop, body: Body, top: float) -> list[Shape]:
    """A wall touching the prop's point, on the side away from the rest of the body."""
    name = prop.points()[0]
    if prop.kind == "wall" and body.view != "side":
        # Seen from the front, a wall the back rests against is behind the body: a panel
        # standing on the floor, a little wider than the figure.
        xs = [p[0] for p in body.points.values()]
        left, right = min(xs) - WALL_PANEL_MARGIN, max(xs) + WALL_PANEL_MARGIN
        return [Line(_box(left, right, 0.0, top), "prop")]
    away = -1.0 if _centroid(body)[0] >= body.points[name][0] else 1.0
    x = body.points[name][0] + away * depth(name)
    if prop.kind == "doorframe":
        y = body.points[prop.points()[0]][1]
        return [Line(((x, max(y - DOORFRAME_GAP, 0.0)), (x, top)), "prop")]
    return [Line(((x, 0.0), (x, top)), "prop")]


def stick_shapes(body: Body, phase: Phase) -> list[Shape]:
    """A broom handle along the back, from below the sacrum to above the head."""
    pelvis, head = body.points["pelvis"], body.points["head"]
    length = math.dist(pelvis, head) or 1.0
    ux, uy = (head[0] - pelvis[0]) / length, (head[1] - pelvis[1]) / length
    bx, by = -uy, ux  # the back: the trunk's direction turned away from the face
    off = 7.0
    start = (pelvis[0] - ux * 10 + bx * off, pelvis[1] - uy * 10 + by * off)
    end = (head[0] + ux * 14 + bx * off, head[1] + uy * 14 + by * off)
    return [Line(_above_the_floor(start, end), "prop", phase)]


def _above_the_floor(a: Point, b: Point) -> tuple[Point, Point]:
    """A segment cut where it would go below the floor (a stick held by a body upside down)."""
    if a[1] >= 0 and b[1] >= 0:
        return (a, b)
    if a[1] < 0 and b[1] < 0:  # wholly below: lay it on the floor
        return ((a[0], 0.0), (b[0], 0.0))
    low, high = (a, b) if a[1] < 0 else (b, a)
    t = high[1] / (high[1] - low[1])
    cut = (high[0] + (low[0] - high[0]) * t, 0.0)
    return (cut, high) if a[1] < 0 else (high, cut)
