"""Poses: a named base position plus the joint angles that differ from it.

A pose in the catalogue is a mapping such as `{base: hook-lying, hip: 20, knee: 80}`: `base`
names one of BASES below (a start position everyone knows), and each other key turns one
joint to an angle in degrees. `hip` turns both hips; `near-hip` or `far-hip` one of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .skeleton import (
    AXIAL_JOINTS,
    LIMB_JOINTS,
    SIDES,
    Side,
    View,
    joint_names,
    joint_range,
)

if TYPE_CHECKING:
    from collections.abc import Mapping


class PoseError(ValueError):
    """A pose names an unknown base or joint, or turns a joint beyond its range."""


@dataclass(frozen=True)
class Base:
    """A start position: its view, its joint angles, and what rests on the ground.

    `contacts` are two body points that both rest on a support (the floor, or a prop placed
    at them): the whole body is turned until they do, so a bridge's shoulders and feet stay
    down however far the hips lift. Without them the body only rests on its lowest point.
    `anchor` stays in place between a start and an end pose (a point without a side means
    the lower of the two, the one bearing weight).
    """

    view: View
    angles: dict[str, float]
    anchor: str
    contacts: tuple[str, str] | None = None
    about: str = ""
    flat_feet: bool = True
    head_rests: bool = False  # lying: the neck bends so the head rests level with the back
    # Standing: the most the body may lean to put both feet down (a lunge's back toes); a
    # foot lifted further than that is lifted on purpose, and the body stays upright.
    max_tip: float | None = None
    floor: bool = True
    props: tuple[str, ...] = field(default=())
    thighs_forward: bool = False  # sitting seen from the front: the thighs point at the viewer


BASES: dict[str, Base] = {
    "standing": Base(
        "side",
        {"shoulder": 8, "elbow": 10},
        "ankle",
        contacts=("ankle", "toe"),
        about="standing tall, from the side",
        max_tip=10.0,
    ),
    "sitting": Base(
        "side",
        {"hip": 90, "knee": 90, "shoulder": 35, "elbow": 40},
        "ankle",
        about="sitting upright, feet flat, hands on the thighs",
    ),
    "long-sitting": Base(
        "side", {"hip": 90, "ankle": 0}, "pelvis", about="sitting on the floor, legs straight"
    ),
    "supine": Base(
        "side",
        {"trunk": -90, "ankle": 0},
        "pelvis",
        about="lying on the back, legs straight",
        head_rests=True,
    ),
    "hook-lying": Base(
        "side",
        {"trunk": -90, "hip": 45, "knee": 110},
        "shoulder",
        contacts=("shoulder", "ankle"),
        about="lying on the back, knees bent, feet flat",
        head_rests=True,
    ),
    "prone": Base(
        "side",
        {"trunk": 90, "ankle": 90, "shoulder": 170, "elbow": 90},
        "pelvis",
        about="lying face down",
        flat_feet=False,
    ),
    "all-fours": Base(
        "side",
        {"trunk": 90, "hip": 90, "knee": 90, "shoulder": 90, "ankle": 90, "neck": -10},
        "knee",
        contacts=("hand", "knee"),
        about="on hands and knees",
        flat_feet=False,
    ),
    "plank": Base(
        "side",
        {"trunk": 80, "shoulder": 105, "elbow": 70, "ankle": -15},
        "elbow",
        contacts=("elbow", "toe"),
        about="a front plank on the forearms and toes",
        flat_feet=False,
    ),
    "kneeling": Base(
        "side",
        {"knee": 90, "ankle": 90},
        "knee",
        about="kneeling upright, shins on the floor",
        flat_feet=False,
    ),
    "half-kneeling": Base(
        "side",
        {"near-hip": 90, "knee": 90, "far-knee": 90, "far-ankle": 90},
        "far-knee",
        about="kneeling on the far knee, near foot forward",
    ),
    "standing-front": Base(
        "front",
        {"shoulder": 12, "hip": 5},
        "ankle",
        about="standing, seen from the front",
    ),
    "sitting-front": Base(
        "front",
        {"shoulder": 20, "elbow": 30, "hip": 8},
        "pelvis",
        about="sitting upright, seen from the front (knees apart or together)",
        thighs_forward=True,
    ),
    "side-lying": Base(
        "front",
        {"trunk": -90, "far-shoulder": 180, "near-shoulder": 15, "near-elbow": 20},
        "pelvis",
        about="lying on the side, head on the lower arm, seen from the front",
    ),
    "side-plank": Base(
        "front",
        {"trunk": -75, "far-shoulder": 65, "far-elbow": 105, "near-shoulder": 10},
        "far-elbow",
        contacts=("far-elbow", "far-toe"),
        about="a side plank on the lower forearm, seen from the front",
    ),
    "side-lying-above": Base(
        "side",
        {"trunk": -90, "far-shoulder": 160, "far-elbow": 30},
        "pelvis",
        about="lying on the side, seen from above (legs move in the picture's plane)",
        floor=False,
    ),
    "supine-above": Base(
        "above",
        {"trunk": -90},
        "pelvis",
        about="lying on the back on a mat, seen from above",
        floor=False,
    ),
}


# The keys of a pose that are not joints: its base, and the contacts it names (contacts.py).
NOT_JOINTS = frozenset({"base", "rests"})


@dataclass(frozen=True)
class ResolvedPose:
    base: Base
    angles: dict[str, float]
    flat_feet: frozenset[Side]
    given: frozenset[str]  # the joints the pose itself names

    @property
    def given_trunk(self) -> bool:
        return "trunk" in self.given


def check_pose(pose: Mapping[str, object]) -> None:
    """Raise PoseError unless `pose` names a known base and known joints within range."""
    resolve(pose)


def resolve(pose: Mapping[str, object]) -> ResolvedPose:
    """The base's angles overridden by the pose's, every limb joint named per side."""
    base_name = pose.get("base", "standing")
    if not isinstance(base_name, str) or base_name not in BASES:
        raise PoseError(f"unknown base {base_name!r}; use one of {', '.join(BASES)}")
    base = BASES[base_name]
    if "rests" in pose:
        from .contacts import parse_contacts  # contacts imports this module

        parse_contacts(pose["rests"])
    known = joint_names()
    angles = dict.fromkeys(AXIAL_JOINTS, 0.0)
    angles |= {f"{side}-{joint}": 0.0 for joint in LIMB_JOINTS for side in SIDES}
    explicit_ankles: set[str] = set()
    for layer in (base.angles, pose):
        # Both-sided joints first, so `knee: 90, far-knee: 0` means what it says.
        for name, value in sorted(layer.items(), key=lambda item: "-" in item[0]):
            if name in NOT_JOINTS:
                continue
            if name not in known:
                raise PoseError(f"unknown joint {name!r}; use one of {', '.join(known)}")
            number = _angle(name, value)
            targets = [f"{side}-{name}" for side in SIDES] if name in LIMB_JOINTS else [name]
            for target in targets:
                angles[target] = number
                if target.endswith("ankle"):
                    explicit_ankles.add(target)
    flat = frozenset(
        side for side in SIDES if base.flat_feet and f"{side}-ankle" not in explicit_ankles
    )
    return ResolvedPose(base, angles, flat, frozenset(pose) - NOT_JOINTS)


def _angle(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PoseError(f"{name} must be an angle in degrees (found {value!r})")
    number = float(value)
    if not math.isfinite(number):
        raise PoseError(f"{name} must be a finite angle (found {value!r})")
    limits = joint_range(name)
    if not limits.low <= number <= limits.high:
        raise PoseError(
            f"{name} {number:g} is outside its range {limits.low:g} to {limits.high:g} degrees"
        )
    return number
