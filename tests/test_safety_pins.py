"""Tests that pin safety with literal values, so that a change to safety.py cannot pass by
changing what the tests compare against: every red flag with its tier, written out here; heavy
work gated at intermediate with an intermediate heavy exercise; a catalogue that tempts two heavy
items into one session; the calendar's emergency signs.

(Other tests compare output with `safety.RED_FLAGS` itself, so a sign removed from safety.py was
removed from both sides and no test failed.)
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from sciatica_planner import safety
from sciatica_planner.models import Catalogue, Exercise, PlanOptions
from sciatica_planner.planning import PlanError, plan_week, rules
from sciatica_planner.planning.policy import policy_for
from sciatica_planner.vocabulary import DEFAULT_SPREAD
from strategies import _exercise, minimal_catalogue_data

if TYPE_CHECKING:
    from pathlib import Path

# -- the red flags, each with its tier and what to do ----------------------------------------------

EMERGENCY_ACTION = "go to A&E or call 999 (or your local emergency number) now"
SAME_DAY_ACTION = "contact a GP or NHS 111 today"
SOON_ACTION = "book an appointment with a GP in the next few days"

# Every sign, written out (clinical.md's cauda equina, same-day and risk-factor signs).
RED_FLAGS_BY_TIER: list[tuple[str, str, str]] = [
    ("EMERGENCY", EMERGENCY_ACTION, "sciatica in both legs"),
    (
        "EMERGENCY",
        EMERGENCY_ACTION,
        "numbness, tingling or changed feeling between your legs, around your genitals or anus, "
        "or on your inner thighs or buttocks (the 'saddle' area), such as it feeling different "
        "when you wipe",
    ),
    (
        "EMERGENCY",
        EMERGENCY_ACTION,
        "new trouble starting, stopping or controlling peeing, a weaker stream, not feeling your "
        "bladder fill, or leaking urine",
    ),
    (
        "EMERGENCY",
        EMERGENCY_ACTION,
        "new loss of bowel control, or not noticing when you need to poo",
    ),
    (
        "EMERGENCY",
        EMERGENCY_ACTION,
        "new numbness of the genitals, or new trouble getting an erection or ejaculating",
    ),
    (
        "EMERGENCY",
        EMERGENCY_ACTION,
        "weakness or numbness in both legs that is severe or getting worse",
    ),
    (
        "SAME DAY",
        SAME_DAY_ACTION,
        "weakness in a leg that is getting worse, such as a foot that drops, drags or slaps "
        "down, or tripping more often",
    ),
    ("SAME DAY", SAME_DAY_ACTION, "back pain with a fever, chills or feeling generally unwell"),
    (
        "SAME DAY",
        SAME_DAY_ACTION,
        "back pain after a bad fall or accident, or sudden severe pain in the middle of the back",
    ),
    (
        "SAME DAY",
        SAME_DAY_ACTION,
        "back pain with a history of cancer, or weight loss you cannot explain",
    ),
    ("SAME DAY", SAME_DAY_ACTION, "constant pain that is worse at night"),
    (
        "SEE A GP SOON",
        SOON_ACTION,
        "osteoporosis or long-term steroid use, and back pain after a minor fall or lift",
    ),
    (
        "SEE A GP SOON",
        SOON_ACTION,
        "a weakened immune system (from steroids, chemotherapy or HIV, say) or injecting drug use",
    ),
    (
        "SEE A GP SOON",
        SOON_ACTION,
        "back pain that started for the first time after about the age of 50",
    ),
    ("SEE A GP SOON", SOON_ACTION, "pain in the upper back, between the shoulder blades"),
    ("SEE A GP SOON", SOON_ACTION, "pain that is not eased at all by lying down"),
    (
        "SEE A GP SOON",
        SOON_ACTION,
        "pain that has not improved after a few weeks, keeps getting worse, or stops you doing "
        "normal activities",
    ),
]


def test_every_red_flag_is_in_its_tier_word_for_word() -> None:
    """Removing a sign, moving it to a milder tier or softening what to do fails here."""
    found = [(u.label, u.action, sign) for u in safety.URGENCIES for sign in u.signs]
    assert found == RED_FLAGS_BY_TIER
    assert list(safety.RED_FLAGS) == [
        f"{tier} - {sign}: {action}." for tier, action, sign in RED_FLAGS_BY_TIER
    ]


def test_every_red_flag_reaches_the_safety_command_and_the_week_json(tmp_path: Path) -> None:
    def program(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "sciatica_planner", *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
            env={"SCIATICA_PLAN_PROFILE": str(tmp_path / "none.toml"), "PATH": ""},
        ).stdout

    # The words, without the box drawn around them, however the lines wrap.
    shown = " ".join(re.sub("[\u2500-\u257f]", " ", program("safety")).split())
    for tier, action, sign in RED_FLAGS_BY_TIER:
        assert sign in shown, sign
        assert tier in shown and action in shown
    # Each tier heads its own signs: the emergency ones come before SAME DAY.
    assert shown.index("both legs that is severe") < shown.index("SAME DAY")
    week = json.loads(program("week", "--json", "--no-journal"))
    assert week["red_flags"] == [
        f"{tier} - {sign}: {action}." for tier, action, sign in RED_FLAGS_BY_TIER
    ]


# -- heavy work ------------------------------------------------------------------------------------


def test_the_heavy_work_numbers() -> None:
    """Rule 16's numbers, literal: advanced only, pain 0-1, one heavy exercise a session."""
    assert safety.HEAVY_LEVEL == "advanced"
    assert safety.HEAVY_MAX_PAIN == 1
    assert safety.MAX_HEAVY_PER_SESSION == 1


def heavy(exercise_id: str, level: str, groups: list[str]) -> dict[str, Any]:
    return _exercise(exercise_id, "strength", groups, level=level, tags=["heavy"], flare_safe=False)


@pytest.mark.parametrize("pain", [0, 1])
def test_an_intermediate_heavy_exercise_is_never_allowed_at_intermediate(pain: int) -> None:
    """The old test gated an advanced heavy exercise, which the level filter refuses anyway at
    intermediate: allowing heavy work at intermediate passed it."""
    squat = Exercise.model_validate(heavy("heavy-squat", "intermediate", ["quadriceps"]))
    plain = Exercise.model_validate(
        _exercise("squat", "strength", ["quadriceps"], level="intermediate")
    )
    base = {"days": 3, "on": ("mon", "wed", "fri"), "seed": 1, "start": dt.date(2026, 11, 30)}
    intermediate = policy_for(PlanOptions(**base, level="intermediate", pain=pain))
    assert intermediate.allows(plain)  # the level itself is fine: heavy is what is refused
    assert not intermediate.allows(squat)
    assert policy_for(PlanOptions(**base, level="advanced", pain=pain)).allows(squat)
    assert not policy_for(PlanOptions(**base, level="advanced", pain=2)).allows(squat)


def tempting_catalogue() -> Catalogue:
    """The minimal catalogue with the glutes and hamstrings trained only by heavy exercises of
    the intermediate level: every session that trains both is tempted to take two."""
    data = minimal_catalogue_data()
    data["exercises"] = [
        e for e in data["exercises"] if e["id"] not in ("glutes-basic", "hamstrings-basic")
    ]
    data["exercises"] += [
        heavy("glute-heavy", "intermediate", ["glutes"]),
        heavy("hamstring-heavy", "intermediate", ["hamstrings"]),
    ]
    return Catalogue.model_validate(data)


@pytest.mark.parametrize("level", ["intermediate", "advanced"])
@pytest.mark.parametrize("days", [2, 3, 4])
@pytest.mark.parametrize("pain", [0, 1])
def test_a_tempting_catalogue_never_gets_two_heavy_items_into_a_session(
    level: str, days: int, pain: int
) -> None:
    """A week is refused (PlanError) or keeps rule 16: one heavy exercise a session at most,
    heavy work on one day a week at most, none below advanced. (With the rule loosened to two,
    this catalogue plans two heavy items in every session.)"""
    catalogue = tempting_catalogue()
    for seed in (1, 2, 3):
        options = PlanOptions(
            days=days,
            on=DEFAULT_SPREAD[days],
            level=level,
            pain=pain,
            seed=seed,
            start=dt.date(2026, 11, 30),
        )
        try:
            week = plan_week(catalogue, options)
        except PlanError:
            continue  # no unsafe week: the planner says it cannot plan one
        per_session = [
            sum("heavy" in catalogue.exercise(item.id).tags for item in day.exercises)  # type: ignore[union-attr]
            for day in week.days
        ]
        assert max(per_session) <= 1, per_session
        assert sum(1 for count in per_session if count) <= 1, per_session
        if level != "advanced":
            assert sum(per_session) == 0, per_session


def test_the_heavy_room_rule_refuses_a_second_heavy_item() -> None:
    first = Exercise.model_validate(heavy("glute-heavy", "intermediate", ["glutes"]))
    second = Exercise.model_validate(heavy("hamstring-heavy", "intermediate", ["hamstrings"]))
    light = Exercise.model_validate(_exercise("bridge", "strength", ["glutes"]))
    assert rules.heavy_room(first, [light], days=1)
    assert not rules.heavy_room(second, [light, first], days=1)  # one a session
    assert not rules.heavy_room(first, [light], days=2)  # a template done on two days
    assert rules.heavy_room(light, [first], days=2)


# -- the calendar's emergency signs ----------------------------------------------------------------

CALENDAR_EMERGENCY = (
    "Go to A&E or call 999 now if you have: sciatica in both legs; numbness around your "
    "genitals, anus or inner thighs; new bladder, bowel or sexual problems, or not noticing when "
    "you need to poo."
)


def test_every_calendar_event_carries_the_emergency_signs(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from icalendar import Calendar

    from sciatica_planner.cli import cli

    out = tmp_path / "week.ics"
    result = CliRunner().invoke(
        cli, ["export", "--no-journal", "--weeks", "2", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert len(events) >= 4
    for event in events:
        description = " ".join(str(event["DESCRIPTION"]).split())
        assert CALENDAR_EMERGENCY in description
        assert "Every sign: sciatica-plan safety." in description
        assert "consult a healthcare professional" in description
