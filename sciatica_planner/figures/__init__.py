"""Figures: a fixed skeleton posed by joint angles, placed by its contacts, with props.

Pure geometry: the renderers (render/svg.py, render/braille.py) draw what this builds.
See docs/figures.md for the pose format.
"""

from .poses import BASES, PoseError, check_pose
from .props import PROP_KINDS, parse_prop
from .scene import Scene, build_scene, overlaps
from .skeleton import JOINTS, joint_names

__all__ = [
    "BASES",
    "JOINTS",
    "PROP_KINDS",
    "PoseError",
    "Scene",
    "build_scene",
    "check_pose",
    "joint_names",
    "overlaps",
    "parse_prop",
]
