"""Contacts: what each part of a posed body rests on, and how far it is from resting there.

A pose names its contacts under `rests`, a list such as `[shoulders@bench, pelvis, feet]`: a part
of the body, and after `@` the prop it rests on (the floor when none is named). Without `rests`
a pose has its base's contacts (a bridge rests on the upper back and the feet). The scene
places the body by its base (poses.py, scene.py); this module measures the result, so a test
fails when a heel the steps put on a step hovers above it.

Parts are body points (`pelvis`, `head`, `near-knee`) or regions: `foot` (heel and toes),
`heel`, `shin` (knee to ankle), `forearm` (elbow to hand), `back` (the upper back). A sided
part alone is the near one (`knee` is `near-knee`); its plural is both (`knees`), as in props.
A held prop's kind (`barbell`) is a part too: the bottom of it rests on the floor.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .poses import PoseError
from .props import HELD, PROP_KINDS
from .shapes import Circle, Curve
from .skeleton import KNEE_DEPTH, SIDED_POINTS, SIDES, TRUNK_DEPTH, depth

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from .scene import Fixture, Scene
    from .shapes import Shape
    from .skeleton import Body, Point

# How far (drawing units, about cm) a part may be from its support and still rest on it: a
# stroke's width either way, so a heel on a step is on it and a hovering one is not.
CONTACT_TOLERANCE = 2.5
# Regions: a name and the points along it that all rest on the support.
REGIONS: dict[str, tuple[str, ...]] = {
    "foot": ("ankle", "toe"),
    "heel": ("ankle",),
    "shin": ("knee", "ankle"),
    "forearm": ("elbow", "hand"),
}
UNSIDED = {
    "head": ("head",),
    "pelvis": ("pelvis",),
    "waist": ("waist",),
    "back": ("chest",),
    "chest": ("chest",),
}
PLURALS = {"feet": "foot", "shins": "shin", "forearms": "forearm", "heels": "heel"} | {
    f"{point}s": point for point in SIDED_POINTS
}
FLOOR = "floor"
# `seat` is whichever seat the figure has: a chair, a bench or a machine's seat.
SEATS = ("chair", "bench", "machine")
SEAT = "seat"
# What a part may rest on: the floor, a seat, or a prop (a support, a wall, a chair's back).
SUPPORT_KINDS = (
    FLOOR,
    SEAT,
    *(kind for kind in PROP_KINDS if kind not in ("floor", "band")),
)
# A part may rest on the body itself: a hand holding a thigh, an ankle crossed over a knee,
# a hand on the tummy (the waist, a trunk's depth in front of the spine).
LIMBS = {"thigh": ("hip", "knee"), "shin": ("knee", "ankle"), "knee": ("knee",), "hip": ("hip",)}
BODY_SUPPORTS: dict[str, tuple[str, ...]] = {"waist": ("waist",), "pelvis": ("pelvis",)} | {
    f"{side}-{limb}": tuple(f"{side}-{p}" for p in points)
    for side in SIDES
    for limb, points in LIMBS.items()
}
# A thigh or calf is about this far from its bone to its skin (about 6 cm): a hand round a
# thigh, or buttocks on the heels, touch the limb within this reach of the bone.
LIMB_REACH = 6.0
# A shin lies on the floor along its front: the ankle stands off it as the kneecap does.
REGION_DEPTH = {("shin", "ankle"): KNEE_DEPTH}


@dataclass(frozen=True)
class Contact:
    part: str  # as written: `feet`, `near-knee`, `barbell`
    points: tuple[str, ...]  # the body points that rest (empty for a held prop)
    support: str  # `floor`, `seat` or a prop kind
    region: str = ""  # `shin`, `foot`, ... when the part is a region

    def depth(self, point: str) -> float:
        """How far the surface that rests lies from the point (a shin's front at the ankle)."""
        return REGION_DEPTH.get((self.region, point.rsplit("-", maxsplit=1)[-1]), depth(point))

    def __str__(self) -> str:
        return self.part if self.support == FLOOR else f"{self.part}@{self.support}"


# The contacts a base has when a pose names none: the parts it rests on as drawn.
BASE_CONTACTS: dict[str, tuple[str, ...]] = {
    "standing": ("foot",),
    "sitting": ("pelvis@seat", "feet"),
    "long-sitting": ("pelvis", "heels"),
    "supine": ("pelvis", "back", "head", "heels"),
    "hook-lying": ("back", "head", "feet"),
    "prone": ("pelvis", "waist"),
    "all-fours": ("hands", "knees"),
    "plank": ("forearms", "toes"),
    "kneeling": ("shins",),
    "half-kneeling": ("far-shin", "near-foot"),
    "standing-front": ("ankles",),
    "sitting-front": ("pelvis@seat", "ankles"),
    "side-lying": ("far-shoulder",),  # seen from the front, the hips lie a thigh's width up
    "side-plank": ("far-forearm", "far-toe"),
    "side-lying-above": (),
    "supine-above": (),
}


def _points_of(part: str) -> tuple[str, ...] | None:
    """The body points a part names, or None when it names none."""
    if part in UNSIDED:
        return UNSIDED[part]
    if part in PLURALS:
        single = PLURALS[part]
        return tuple(p for side in SIDES for p in _sided(side, single))
    side, _, rest = part.partition("-")
    if side in SIDES and rest:
        return _sided(side, rest) if rest in SIDED_POINTS or rest in REGIONS else None
    if part in SIDED_POINTS or part in REGIONS:
        return _sided("near", part)
    return None


def _sided(side: str, part: str) -> tuple[str, ...]:
    return tuple(f"{side}-{p}" for p in REGIONS.get(part, (part,)))


def parse_contact(text: object) -> Contact:
    """`part` or `part@support`; raises PoseError for a part or support it does not know."""
    if not isinstance(text, str):
        raise PoseError(f"a contact must be text such as 'feet' or 'knee@bench' (found {text!r})")
    part, _, support = text.partition("@")
    support = support or FLOOR
    if support not in SUPPORT_KINDS and support not in BODY_SUPPORTS:
        raise PoseError(
            f"unknown support {support!r} in contact {text!r}; use one of "
            f"{', '.join(SUPPORT_KINDS)} or a limb ({', '.join(BODY_SUPPORTS)})"
        )
    if part in HELD:
        return Contact(part, (), support)
    points = _points_of(part)
    if points is None:
        raise PoseError(
            f"unknown body part {part!r} in contact {text!r}; use a body point, "
            f"{', '.join([*REGIONS, *UNSIDED])}, or a plural such as feet or knees"
        )
    single = PLURALS.get(part, part).split("-")[-1]
    return Contact(part, points, support, single if single in REGIONS else "")


def parse_contacts(value: object) -> tuple[Contact, ...]:
    """A pose's `rests`: a list of contacts."""
    if not isinstance(value, list | tuple):
        raise PoseError(f"rests must be a list of contacts such as [feet, hands] (found {value!r})")
    return tuple(parse_contact(item) for item in value)


def contacts_of(pose: Mapping[str, object]) -> tuple[Contact, ...]:
    """The contacts a pose names under `rests`, or its base's."""
    if "rests" in pose:
        return parse_contacts(pose["rests"])
    base = pose.get("base", "standing")
    return tuple(parse_contact(text) for text in BASE_CONTACTS.get(str(base), ()))


# -- measuring ---------------------------------------------------------------------------------


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.dist(p, (ax + t * dx, ay + t * dy))


def _outline_distance(point: Point, shape: Shape) -> float:
    """How far a point is from a shape's stroke (a circle's rim, a line's segments)."""
    if isinstance(shape, Circle):
        return abs(math.dist(point, shape.centre) - shape.radius)
    pts = shape.sample() if isinstance(shape, Curve) else shape.points
    if len(pts) == 1:
        return math.dist(point, pts[0])
    return min(_segment_distance(point, a, b) for a, b in itertools.pairwise(pts))


def _lowest(shapes: Iterable[Shape]) -> float:
    low = math.inf
    for shape in shapes:
        if isinstance(shape, Circle):
            low = min(low, shape.centre[1] - shape.radius)
        else:
            pts = shape.sample() if isinstance(shape, Curve) else shape.points
            low = min(low, *(y for _, y in pts))
    return low


def _fixtures(scene: Scene, kind: str, phase: str) -> list[Fixture]:
    kinds = SEATS if kind == SEAT else (kind,)
    return [f for f in scene.fixtures if f.kind in kinds and f.phase in ("both", phase)]


def gap(scene: Scene, body: Body, phase: str, contact: Contact) -> float:
    """How far the contact's part is from resting on its support (the largest of its points)."""
    if not contact.points:  # a held prop resting on the floor
        held = [s for f in _fixtures(scene, contact.part, phase) for s in f.shapes]
        return abs(_lowest(held)) if held else math.inf
    worst = 0.0
    for name in contact.points:
        x, y = body.points[name]
        if contact.support == FLOOR:
            off = abs(y - contact.depth(name))
        elif contact.support in BODY_SUPPORTS:
            bone = [body.points[p] for p in BODY_SUPPORTS[contact.support]]
            near = (
                math.dist((x, y), bone[0]) if len(bone) == 1 else _segment_distance((x, y), *bone)
            )
            reach = TRUNK_DEPTH if contact.support in UNSIDED else LIMB_REACH
            off = max(0.0, near - reach - contact.depth(name))
        else:
            shapes = [s for f in _fixtures(scene, contact.support, phase) for s in f.shapes]
            if not shapes:
                return math.inf
            off = abs(min(_outline_distance((x, y), s) for s in shapes) - contact.depth(name))
        worst = max(worst, off)
    return worst


def contact_problems(
    scene: Scene, poses: Iterable[Mapping[str, object]], tolerance: float = CONTACT_TOLERANCE
) -> list[str]:
    """Each named contact further than `tolerance` from its support, as `start: feet 6.0 off`."""
    problems = []
    for body, pose, phase in zip(scene.bodies, poses, ("start", "end"), strict=False):
        for contact in contacts_of(pose):
            off = gap(scene, body, phase, contact)
            if off > tolerance:
                problems.append(f"{phase}: {contact} is {off:.1f} off its support")
    return problems
