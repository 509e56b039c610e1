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
    words = " ".join([safety.DISCLAIMER, *safety.RED_FLAGS, safety.SEE_A_CLINICIAN]).lower()
    for promise in ("cure", "heal", "guarantee", "proven", "eliminate", "get rid of"):
        assert not re.search(rf"\b{promise}(?!th)", words), promise  # "health" is fine


def test_red_flags_cover_cauda_equina_and_same_day_signs() -> None:
    text = " ".join(safety.RED_FLAGS).lower()
    for sign in ("saddle", "urination", "bowel", "both legs", "genitals", "weakness", "fever",
                 "cancer", "fall"):  # fmt: skip
        assert sign in text, sign
    assert sum(flag.startswith("EMERGENCY") for flag in safety.RED_FLAGS) >= 3
    assert all("now" in f for f in safety.RED_FLAGS if f.startswith("EMERGENCY"))
