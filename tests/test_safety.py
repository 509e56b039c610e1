"""The pain tiers, and the safety wording every output carries."""

from __future__ import annotations

import re

import pytest

from sciatica_planner import safety


@pytest.mark.parametrize(
    ("pain", "tier"),
    [(0, "normal"), (3, "normal"), (4, "flare-safe"), (6, "flare-safe"), (7, "flare-up"),
     (10, "flare-up")],
)  # fmt: skip
def test_pain_tiers(pain: int, tier: str) -> None:
    assert safety.pain_tier(pain) == tier


def test_pain_warnings_by_tier() -> None:
    assert safety.pain_warning(3) is None
    moderate = safety.pain_warning(5)
    assert moderate is not None and moderate.startswith("Pain 5/10") and "fewer sets" in moderate
    flare = safety.pain_warning(8)
    assert flare is not None and "strengthening is paused" in flare
    assert "GP" in flare and "red-flag" in flare


def test_disclaimer_says_consult_a_professional_and_promises_nothing() -> None:
    assert "consult a healthcare professional" in safety.DISCLAIMER
    assert "not medical advice" in safety.DISCLAIMER
    words = " ".join(
        [safety.DISCLAIMER, *safety.RED_FLAGS, safety.SEE_A_CLINICIAN]
        + [lesson.text for lesson in safety.EDUCATION]
    ).lower()
    for promise in ("cure", "heal", "guarantee", "proven", "eliminate", "get rid of"):
        assert not re.search(rf"\b{promise}(?!th)", words), promise  # "health" is fine


def test_red_flags_cover_cauda_equina_and_same_day_signs() -> None:
    text = " ".join(safety.RED_FLAGS).lower()
    for sign in ("saddle", "peeing", "bowel", "both legs", "genitals", "weakness", "fever",
                 "cancer", "fall"):  # fmt: skip
        assert sign in text, sign
    assert sum(flag.startswith("EMERGENCY") for flag in safety.RED_FLAGS) >= 3
    assert all("now" in f for f in safety.RED_FLAGS if f.startswith("EMERGENCY"))


def test_any_sciatica_in_both_legs_is_an_emergency_without_a_qualifier() -> None:
    """The NHS sends sciatica on both sides to A&E whatever its severity [H1, H3]; "severe or
    getting worse" belongs to weakness or numbness in both legs only."""
    both = [sign for sign in safety.EMERGENCY.signs if "sciatica in both legs" in sign]
    assert both == ["sciatica in both legs"]
    assert "not noticing when you need to poo" in " ".join(safety.EMERGENCY.signs)
    assert "poo" in safety.EMERGENCY_SUMMARY and "both legs" in safety.EMERGENCY_SUMMARY


def test_a_see_a_gp_soon_tier_names_the_risk_factors() -> None:
    assert [u.label for u in safety.URGENCIES] == ["EMERGENCY", "SAME DAY", "SEE A GP SOON"]
    soon = " ".join(safety.SEE_A_GP_SOON.signs).lower()
    for factor in ("osteoporosis", "steroid", "immune", "injecting drug", "50", "upper back",
                   "lying down"):  # fmt: skip
        assert factor in soon, factor
    assert all(flag in safety.RED_FLAGS for flag in (
        f"{u.label} - {s}: {u.action}." for u in safety.URGENCIES for s in u.signs
    ))  # fmt: skip


def test_the_pain_6_note_does_not_call_the_starting_pain_acceptable() -> None:
    for pain in (4, 5):
        note = safety.pain_warning(pain)
        assert note is not None and "up to about 5/10" in note
    note = safety.pain_warning(6)
    assert note is not None and "acceptable" not in note and "above the 5/10" in note


def test_every_form_of_the_disclaimer_says_consult_a_healthcare_professional() -> None:
    for form in (safety.DISCLAIMER, safety.DISCLAIMER_LINE, safety.DISCLAIMER_SHORT):
        assert "consult a healthcare professional" in form
    assert "sciatica-plan safety" in safety.DISCLAIMER_LINE


def test_education_lines_name_their_sources() -> None:
    titles = {lesson.title for lesson in safety.EDUCATION}
    assert {"Keep moving", "Hurt is not always harm", "Centralising or spreading",
            "A flare-up plan"} <= titles  # fmt: skip
    assert all(lesson.sources for lesson in safety.EDUCATION)
