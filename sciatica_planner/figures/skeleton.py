"""The skeleton: fixed bone lengths, the joints and their ranges, and forward kinematics.

A pose turns joints by angles (degrees); the skeleton turns them into points on a plane, the
plane of the drawing. Pure geometry with the standard library: no drawing here.

The drawing plane is the body's side (sagittal) plane in the "side" view, and its front
(frontal) plane in the "front" and "above" views. In the side view near and far limbs hang
from the same hip and shoulder; in the other two they sit a hip or shoulder width apart and
their angles mirror each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

View = Literal["side", "front", "above"]
Side = Literal["near", "far"]
SIDES: tuple[Side, ...] = ("near", "far")
VIEWS: tuple[View, ...] = ("side", "front", "above")

# Bone lengths in drawing units (about a centimetre each for a person of 1.7 m): the
# proportions of an adult, rounded, and the same in every pose.
LOWER_TRUNK = 24.0  # hip joint to waist: the lower back flexes and extends at the waist
UPPER_TRUNK = 30.0  # waist to the base of the neck
NECK = 8.0
HEAD_RADIUS = 10.0
UPPER_ARM = 29.0
FOREARM = 24.0  # elbow to the wrist
THIGH = 44.0
SHIN = 43.0  # knee to ankle
FOOT = 14.0  # ankle to toes, seen from the side
FOOT_END_ON = 6.0  # a foot seen from the front or above is short: it points at the viewer
HIP_HALF_WIDTH = 5.0  # front and above views only: narrow, so a body lying on its side
# reads as one line and a standing one as the classic front-view stick figure
SHOULDER_HALF_WIDTH = 8.0


# How far the body's surface lies below a point when it rests on something: the spine line
# runs through the middle of the trunk, and a kneecap stands proud of the knee joint.
TRUNK_DEPTH = 8.0
KNEE_DEPTH = 4.0
SURFACE_DEPTH = {
    "pelvis": TRUNK_DEPTH,
    "waist": TRUNK_DEPTH,
    "chest": TRUNK_DEPTH,
    "near-shoulder": TRUNK_DEPTH,
    "far-shoulder": TRUNK_DEPTH,
    "near-knee": KNEE_DEPTH,
    "far-knee": KNEE_DEPTH,
    "head": HEAD_RADIUS,
}


def depth(point: str) -> float:
    """How far below a body point its surface is (0 for hands, feet and elbows)."""
    return SURFACE_DEPTH.get(point, 0.0)


@dataclass(frozen=True)
class JointRange:
    low: float
    high: float


# The range each joint may turn, in degrees (0 is standing tall, arms by the sides). Positive
# is flexion (forward) in the side view, and movement away from the midline (abduction, or a
# side bend towards the near side) in the front and above views. Ranges are what a healthy
# adult can reach, a little generous, so a knee bending backwards is refused.
JOINTS: dict[str, JointRange] = {
    # The whole body's tilt from upright: -90 lies on the back (head to the left), 90 face down.
    "trunk": JointRange(-180.0, 180.0),
    "lumbar": JointRange(-45.0, 75.0),  # waist: extension (arching) to flexion (rounding)
    "neck": JointRange(-60.0, 70.0),
    "shoulder": JointRange(-70.0, 185.0),
    "elbow": JointRange(0.0, 160.0),
    "hip": JointRange(-40.0, 160.0),  # 160: knees to the chest, child's pose
    "knee": JointRange(0.0, 160.0),
    "ankle": JointRange(-35.0, 90.0),  # dorsiflexion (toes up) to the foot laid flat behind
}
LIMB_JOINTS = ("shoulder", "elbow", "hip", "knee", "ankle")
AXIAL_JOINTS = ("trunk", "lumbar", "neck")


def joint_names() -> tuple[str, ...]:
    """Every name a pose may use: a limb joint alone (both sides) or with near-/far-."""
    sided = tuple(f"{side}-{joint}" for joint in LIMB_JOINTS for side in SIDES)
    return (*AXIAL_JOINTS, *LIMB_JOINTS, *sided)


def joint_range(name: str) -> JointRange:
    return JOINTS[name.removeprefix("near-").removeprefix("far-")]


# Points of the body, by name, that a prop may be placed at or a motion arrow follow.
BODY_POINTS = (
    "head",
    "neck",
    "shoulder",
    "elbow",
    "hand",
    "waist",
    "pelvis",
    "hip",
    "knee",
    "ankle",
    "toe",
)
SIDED_POINTS = ("shoulder", "elbow", "hand", "hip", "knee", "ankle", "toe")

Point = tuple[float, float]


@dataclass(frozen=True)
class Body:
    """A posed skeleton: named points, and the bones joining them, on the drawing plane."""

    view: View
    points: dict[str, Point]
    # Bones that point towards or away from the viewer (a shin folded behind a kneeling body,
    # a seated thigh, seen from the front), named by the point they end at, with the length
    # they are drawn: their full length is partly out of the picture's plane.
    foreshortened: dict[str, float] = field(default_factory=dict)

    @property
    def end_on(self) -> frozenset[str]:
        """The bones drawn as a point: they point straight at or away from the viewer."""
        return frozenset(name for name, length in self.foreshortened.items() if length == 0.0)

    def bones(self) -> list[tuple[str, str, float]]:
        """(from, to, length) for every bone drawn, near and far, as long as it is drawn."""
        return [(a, b, self.foreshortened.get(b, n)) for a, b, n in bones_of(self.view)]

    def moved(self, dx: float, dy: float) -> Body:
        return Body(
            self.view,
            {k: (x + dx, y + dy) for k, (x, y) in self.points.items()},
            self.foreshortened,
        )

    def turned(self, degrees: float, about: Point) -> Body:
        """The whole body rotated rigidly (counter-clockwise) about a point."""
        c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
        ax, ay = about
        return Body(
            self.view,
            {
                k: (ax + (x - ax) * c - (y - ay) * s, ay + (x - ax) * s + (y - ay) * c)
                for k, (x, y) in self.points.items()
            },
            self.foreshortened,
        )

    def lowest(self) -> float:
        """The lowest y of the body's surface: the head's round, the trunk's depth."""
        return min(y - depth(name) for name, (_, y) in self.points.items())

    def surface(self, name: str) -> float:
        """The height of the body's surface under a point."""
        return self.points[name][1] - depth(name)


def foot_length(view: View) -> float:
    return FOOT if view == "side" else FOOT_END_ON


def bones_of(view: View) -> list[tuple[str, str, float]]:
    wide = view != "side"
    bones: list[tuple[str, str, float]] = [
        ("pelvis", "waist", LOWER_TRUNK),
        ("waist", "chest", UPPER_TRUNK),
        ("chest", "neck", NECK),
        ("neck", "head", HEAD_RADIUS),
    ]
    for side in SIDES:
        bones += [
            ("chest", f"{side}-shoulder", SHOULDER_HALF_WIDTH if wide else 0.0),
            (f"{side}-shoulder", f"{side}-elbow", UPPER_ARM),
            (f"{side}-elbow", f"{side}-hand", FOREARM),
            ("pelvis", f"{side}-hip", HIP_HALF_WIDTH if wide else 0.0),
            (f"{side}-hip", f"{side}-knee", THIGH),
            (f"{side}-knee", f"{side}-ankle", SHIN),
            (f"{side}-ankle", f"{side}-toe", foot_length(view)),
        ]
    return bones


def _step(origin: Point, degrees: float, length: float) -> Point:
    radians = math.radians(degrees)
    return (origin[0] + length * math.cos(radians), origin[1] + length * math.sin(radians))


def horizontal_foot(view: View, shin_direction: float) -> float | None:
    """The ankle angle that lays the foot flat, pointing the way it naturally points, or None
    when that is out of the ankle's range (a foot seen end-on is never laid flat)."""
    if view != "side":
        return None
    neutral = shin_direction + 90.0
    target = 0.0 if math.cos(math.radians(neutral)) >= 0 else 180.0
    angle = (neutral - target + 180.0) % 360.0 - 180.0
    limits = JOINTS["ankle"]
    return angle if limits.low <= angle <= limits.high else None


# Seen from the front or above, a knee bent this far folds the shin straight back, away
# from the viewer: the leg ends at the knee (a side bridge from the knees).
FOLDED_KNEE = 150.0


# A seated thigh seen from the front points at the viewer, sloping down a little to the knee:
# it is drawn this long (its slope), plus the sideways reach of an abducted hip.
SEATED_THIGH_DROP = 6.0


def pose_body(
    view: View,
    angles: dict[str, float],
    flat_feet: frozenset[Side],
    thighs_forward: bool = False,
) -> Body:
    """Forward kinematics: the points of a skeleton turned by `angles`, pelvis at the origin.

    `angles` holds every axial joint and every `near-`/`far-` limb joint. Feet named in
    `flat_feet` have no ankle angle: they are laid flat on the ground instead. With
    `thighs_forward` (sitting, seen from the front) the thighs point at the viewer: a hip
    angle moves the knee out to the side as far as it would be seen, and the shins hang down.
    """
    points: dict[str, Point] = {"pelvis": (0.0, 0.0)}
    trunk = 90.0 - angles["trunk"]  # direction of the lower trunk, counter-clockwise from +x
    upper = trunk - angles["lumbar"]
    neck = upper - angles["neck"]
    points["waist"] = _step(points["pelvis"], trunk, LOWER_TRUNK)
    points["chest"] = _step(points["waist"], upper, UPPER_TRUNK)
    points["neck"] = _step(points["chest"], neck, NECK)
    points["head"] = _step(points["neck"], neck, HEAD_RADIUS)
    wide = view != "side"
    foreshortened: dict[str, float] = {}
    for side in SIDES:
        # The far side mirrors the near side in the front and above views.
        sign = -1.0 if wide and side == "far" else 1.0
        outward = trunk - 90.0 * sign  # the side of the body this limb hangs from
        shoulder = _step(points["chest"], outward, SHOULDER_HALF_WIDTH if wide else 0.0)
        arm = upper + 180.0 + sign * angles[f"{side}-shoulder"]
        elbow = _step(shoulder, arm, UPPER_ARM)
        hand = _step(elbow, arm + sign * angles[f"{side}-elbow"], FOREARM)
        hip = _step(points["pelvis"], outward, HIP_HALF_WIDTH if wide else 0.0)
        thigh = trunk + 180.0 + sign * angles[f"{side}-hip"]
        knee = _step(hip, thigh, THIGH)
        shin = thigh - sign * angles[f"{side}-knee"]
        if wide and thighs_forward:
            reach = THIGH * math.sin(math.radians(angles[f"{side}-hip"]))
            knee = _step(_step(hip, outward, reach), trunk + 180.0, SEATED_THIGH_DROP)
            foreshortened[f"{side}-knee"] = math.dist(hip, knee)
            shin = trunk + 180.0
        ankle = _step(knee, shin, SHIN)
        if wide:
            foot = trunk - sign * 90.0  # seen end-on: a short stub out to the side, flat
        else:
            flat = horizontal_foot(view, shin) if side in flat_feet else None
            foot = shin + 90.0 - (angles[f"{side}-ankle"] if flat is None else flat)
        toe = _step(ankle, foot, foot_length(view))
        if wide and not thighs_forward and angles[f"{side}-knee"] >= FOLDED_KNEE:
            ankle = toe = knee
            foreshortened |= {f"{side}-ankle": 0.0, f"{side}-toe": 0.0}
        for name, point in (
            ("shoulder", shoulder),
            ("elbow", elbow),
            ("hand", hand),
            ("hip", hip),
            ("knee", knee),
            ("ankle", ankle),
            ("toe", toe),
        ):
            points[f"{side}-{name}"] = point
    return Body(view, points, foreshortened)
