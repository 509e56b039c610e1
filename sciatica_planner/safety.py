"""Safety wording and pain rules: the disclaimer, the red flags and the pain tiers, said once.

Sources are keys of ../shared/reference/clinical.md (kept in the repository's design notes):
[S1]-[S3] the pain-monitoring model, [K1]-[K3] NICE CKS and NHS red flags, [H1] NHS "Sciatica",
[H2] cauda equina leaflets, [G1] GIRFT, [N4] NICE NG59 for the public, [A1]-[A2] ACSM 2011.
"""

from __future__ import annotations

from typing import Literal

PainTier = Literal["normal", "flare-safe", "flare-up"]

# Product choice built on the pain-monitoring model [S1, S3]: physiotherapy write-ups grade 0-3 as
# "safe" and 4-5 as "acceptable"; 6 is above the model's ceiling of 5, so 4-6 shares one tier of
# flare-safe work with fewer sets, and 7-10 is a gentle flare-up routine only.
NORMAL_MAX_PAIN = 3
FLARE_SAFE_MAX_PAIN = 6

# ACSM 2011 [A1, A2]: at least 48 hours before the same muscle group is trained again.
RECOVERY_HOURS = 48
# ACSM 2011 [A1]: each major muscle group on 2-3 days a week.
MIN_STRENGTH_DAYS_PER_GROUP = 2

DISCLAIMER = (
    "This routine is general information, not medical advice, a diagnosis or a personal "
    "assessment. Please consult a healthcare professional (a GP or physiotherapist) before "
    "starting, especially if you have other health conditions. Exercise may help ease sciatica "
    "but cannot promise to; go gently, stay in a comfortable range, and stop if pain spreads "
    "down your leg or you notice new numbness, tingling or weakness."
)

RED_FLAGS_TITLE = "Stop exercising and get medical help now if you have"

# Emergency (possible cauda equina syndrome): A&E or the emergency number now [K2, H1, H2, G1].
# Same day: progressive weakness, infection, fracture, cancer signs [K2, K3].
RED_FLAGS: tuple[str, ...] = (
    "EMERGENCY - numbness, tingling or changed feeling between your legs, around your genitals "
    "or anus, or on your inner thighs or buttocks (the 'saddle' area): go to A&E or call the "
    "emergency number now.",
    "EMERGENCY - new trouble starting, stopping or controlling urination, not feeling your "
    "bladder, or leaking urine; or new loss of bowel control: go to A&E or call the emergency "
    "number now.",
    "EMERGENCY - new numbness of the genitals or new sexual problems, or sciatica, numbness or "
    "weakness in both legs that is severe or getting worse: go to A&E or call the emergency "
    "number now.",
    "SAME DAY - weakness in a leg that is getting worse, such as a foot that drops, drags or "
    "slaps down: contact a doctor today.",
    "SAME DAY - back pain with fever, chills or feeling unwell; after a fall or accident; with "
    "a history of cancer or unexplained weight loss; or constant pain that is worse at night: "
    "contact a doctor today.",
)

# NHS "Sciatica" [H1]: see a GP or physiotherapist if self-care is not helping after a few weeks.
SEE_A_CLINICIAN = (
    "If your pain has not improved after a few weeks, keeps getting worse, or stops you doing "
    "normal activities, see a GP or physiotherapist."
)

MODERATE_PAIN_NOTE = (
    "Pain {pain}/10: this week uses only flare-safe exercises and fewer sets. Pain up to about "
    "5/10 during exercise that settles by the next morning is usually acceptable; if it does "
    "not settle, do less next time."
)

FLARE_UP_WARNING = (
    "Pain {pain}/10: strengthening is paused. This is a gentle flare-up routine of mobility, "
    "nerve glides, stretches and light holds only. If severe pain lasts more than a few days, "
    "or you notice any red-flag symptom, contact a GP, a physiotherapist or your local "
    "urgent-care line (NHS 111 in the UK)."
)


def pain_tier(pain: int) -> PainTier:
    """Which routine a pain score (0-10) calls for."""
    if pain <= NORMAL_MAX_PAIN:
        return "normal"
    if pain <= FLARE_SAFE_MAX_PAIN:
        return "flare-safe"
    return "flare-up"


def pain_warning(pain: int) -> str | None:
    """The note a week carries for this pain score, if any."""
    tier = pain_tier(pain)
    if tier == "flare-safe":
        return MODERATE_PAIN_NOTE.format(pain=pain)
    if tier == "flare-up":
        return FLARE_UP_WARNING.format(pain=pain)
    return None
