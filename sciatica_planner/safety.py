"""Safety wording and pain rules: the disclaimer, the red flags and the pain tiers, said once.

Sources are keys of ../shared/reference/clinical.md (kept in the repository's design notes):
[S1]-[S3] the pain-monitoring model, [K1]-[K3] NICE CKS and NHS red flags, [H1] NHS "Sciatica",
[H2] cauda equina leaflets, [H3] NHS 111 Wales, [G1] GIRFT, [N2] [N4] NICE NG59, [W3] UK activity
guidance, [D1]-[D2] directional preference, [A1]-[A2] ACSM 2011.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

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

# Weekly strength sets per group, by level: the most a week may hold, never a target (contract
# rule 15). Product choice inside Schoenfeld 2017 [V1] (10 or more weekly sets per muscle did
# more than fewer than 5) and ACSM 2009 [A4] (novices 1-3 sets an exercise): clinical.md
# suggests about 6, 10 and 14 for a rehabilitation programme. Each is higher here because a
# week is a full-body routine done on up to three days (ACSM's 2-3 days a group [A1]): the hip
# group has an abduction and an adduction exercise every session, and every hold of an
# isometric exercise counts as one set in `weekly_sets`.
WEEKLY_SET_CEILING: dict[str, int] = {"beginner": 14, "intermediate": 18, "advanced": 22}
# Below this a week says the time allowed is too short for the level (product choice: about
# half the ceiling, still inside ACSM's 1-3 sets twice a week [A2, A4]).
WEEKLY_SET_FLOOR: dict[str, int] = {"beginner": 4, "intermediate": 6, "advanced": 8}


# Warm-up: NHS inform suggests about 10 minutes before light activity [W1] and an NHS-derived
# routine at least 6 [W2]; product choice of at least 4 minutes of work once a session has 20
# minutes (contract rule 12), a fifth of longer sessions, and never more than 10 minutes.
WARM_UP_FULL_FROM_MINUTES = 20
WARM_UP_MIN_SECONDS = 240
WARM_UP_SHARE = 0.2
WARM_UP_MAX_SECONDS = 600

# Stretches: ACSM 2011 [A1, A3] suggests about 60 s a muscle in total (2-4 holds of 10-30 s).
# The contract keeps 60 s a side at pain 0-3 and 40 s at 4-6, when holds are gentler and shorter.
STRETCH_SECONDS_NORMAL = 60
STRETCH_SECONDS_MODERATE = 40

# Rest days: UK guidance is 150 minutes a week of moderate activity such as brisk walking, built
# up gradually [W3]; NICE NG59 [N2] and the NHS [H1] advise staying active rather than resting in
# bed. Product choice: about 20 minutes a rest day at pain 0-3 (about 140 a week with the
# sessions), a shorter easy walk at 4-6, and only a short one during a flare-up.
WALK_MINUTES: dict[str, int] = {"normal": 20, "flare-safe": 10, "flare-up": 5}

# Nerve tensioners only when symptoms are settled (product choice on Coppieters & Butler [C1]:
# sliders strain the nerve far less, and suit irritable symptoms [C2]).
NERVE_TENSION_MAX_PAIN = NORMAL_MAX_PAIN
# Heavy loading (barbell lifts, Nordic curls) only at advanced and with little pain, one a
# session: product choice on McGill's caution about loaded flexion [M2] and the Nordic trial's
# gentle start [exercises.md 22].
HEAVY_MAX_PAIN = 1
HEAVY_LEVEL = "advanced"
MAX_HEAVY_PER_SESSION = 1

# Journal-aware weeks (the contract's "Journal-aware weeks and programmes"): product choices on
# the pain-monitoring model [S1-S3], which allows no rise in pain from week to week and asks for
# less load after a worse next day; clinical.md's "Pain during and after exercise" states each.
ADAPT_WINDOW_DAYS = 14  # the journal's last two weeks decide the adaptation
WEEK_DAYS = 7
# Regress when the last 7 days average this much above the 7 before (1 point absorbs scoring
# noise), on any entry this high in the last 3 days, or on any spreading entry in the last 7.
REGRESS_WEEKLY_RISE = 1
REGRESS_HIGH_PAIN = 7
REGRESS_HIGH_PAIN_DAYS = 3
SPREADING_DAYS = 7
# Progress after two weeks averaging at most this, with sessions on at least this many days in
# each week, nothing rising and nothing spreading.
PROGRESS_MAX_AVERAGE = 3
PROGRESS_SESSIONS_PER_WEEK = 2
# An exercise done in this many sessions that were each followed, the next day, by pain at least
# this much higher is swapped for its easier variant ("a worse next day means less load" [S3],
# applied per exercise).
FLARE_NEXT_DAY_RISE = 2
FLARE_SESSIONS = 2
# How each exercise felt (`log --felt`, guide), per exercise, the same "worse means less load"
# [S3] applied to what the user reports (product choice, contract "Journal: leg and back..."):
# felt `painful` in this many sessions of the last two weeks, it is swapped as a flare is;
# felt `easy` in this many of its latest sessions, it steps up one notch even in a hold week
# (ACSM 2009 [A4]: progress once the dose is managed with room to spare); its latest `hard`
# holds its dose.
PAINFUL_SESSIONS = 2
EASY_SESSIONS = 2
# Said at the end of every easing-off (`regress`) week's reason: NHS advice is to see a GP or
# physiotherapist if sciatica has not improved after a few weeks of self-care or keeps getting
# worse [H1]. "A couple of weeks": the journal's own window (two weeks) of easing off.
REGRESS_SEE_CLINICIAN = (
    "If this goes on for more than a couple of weeks, see a GP or physiotherapist."
)
# A progressing week steps up one notch from the usual dose, inside the range: 2 more
# repetitions (ACSM 2009 [A4]: progress once 1-2 repetitions above the target are managed) or
# 5 s more a hold (product choice), else one set more.
PROGRESS_REPS_STEP = 2
PROGRESS_HOLD_STEP = 5
# Programmes (`program`): in each block of four weeks the first three build, one notch a week,
# and the fourth deloads to 60-70% of the third's sets (the contract; a lighter week every 3-5
# weeks is coaching habit, clinical.md: product choice). Each new block moves an exercise that
# reached the top of its range to the next step of its chain (ACSM 2009 [A4]: progress once the
# target is managed).
PROGRAM_BLOCK_WEEKS = 4
PROGRAM_BUILD_WEEKS = 3
DELOAD_SET_SHARE = (0.6, 0.7)

DISCLAIMER = (
    "This routine is general information, not medical advice, a diagnosis or a personal "
    "assessment. Please consult a healthcare professional (a GP or physiotherapist) before "
    "starting, especially if you have other health conditions. Exercise may help ease sciatica "
    "but cannot promise to; go gently, stay in a comfortable range, and stop if pain spreads "
    "down your leg or you notice new numbness, tingling or weakness."
)

# The disclaimer in one line, for views that are not plans (the contract: every form of it tells
# the user to consult a "healthcare professional" in those words).
DISCLAIMER_LINE = "Not medical advice; consult a healthcare professional. See sciatica-plan safety"

# The disclaimer in a sentence, for the first page of a handout (the full one is at its end).
DISCLAIMER_SHORT = (
    "General information, not medical advice: consult a healthcare professional before starting, "
    "and stop if pain spreads down your leg or you notice new numbness, tingling or weakness."
)

RED_FLAGS_TITLE = "Stop exercising and get medical help if you have"


class Urgency(NamedTuple):
    """One tier of warning signs and what to do about them."""

    label: str
    action: str
    signs: tuple[str, ...]


# Emergency, possible cauda equina syndrome [K2, H1, H2, G1]. The NHS sends any sciatica on both
# sides to A&E, with no severity qualifier, and names not noticing when you need to poo [H1, H3];
# "severe or getting worse" belongs to weakness or numbness in both legs only.
EMERGENCY = Urgency(
    "EMERGENCY",
    "go to A&E or call 999 (or your local emergency number) now",
    (
        "sciatica in both legs",
        "numbness, tingling or changed feeling between your legs, around your genitals or anus, "
        "or on your inner thighs or buttocks (the 'saddle' area), such as it feeling different "
        "when you wipe",
        "new trouble starting, stopping or controlling peeing, a weaker stream, not feeling your "
        "bladder fill, or leaking urine",
        "new loss of bowel control, or not noticing when you need to poo",
        "new numbness of the genitals, or new trouble getting an erection or ejaculating",
        "weakness or numbness in both legs that is severe or getting worse",
    ),
)
# Urgent, the same day: progressive weakness, infection, fracture and cancer signs [K2, K3].
SAME_DAY = Urgency(
    "SAME DAY",
    "contact a GP or NHS 111 today",
    (
        "weakness in a leg that is getting worse, such as a foot that drops, drags or slaps "
        "down, or tripping more often",
        "back pain with a fever, chills or feeling generally unwell",
        "back pain after a bad fall or accident, or sudden severe pain in the middle of the back",
        "back pain with a history of cancer, or weight loss you cannot explain",
        "constant pain that is worse at night",
    ),
)
# Risk factors that raise the odds of a serious cause [K1, K2, K3], and pain that self-care has
# not helped [H1]: not an emergency, but worth a GP's assessment soon.
SEE_A_GP_SOON = Urgency(
    "SEE A GP SOON",
    "book an appointment with a GP in the next few days",
    (
        "osteoporosis or long-term steroid use, and back pain after a minor fall or lift",
        "a weakened immune system (from steroids, chemotherapy or HIV, say) or injecting drug use",
        "back pain that started for the first time after about the age of 50",
        "pain in the upper back, between the shoulder blades",
        "pain that is not eased at all by lying down",
        "pain that has not improved after a few weeks, keeps getting worse, or stops you doing "
        "normal activities",
    ),
)
URGENCIES: tuple[Urgency, ...] = (EMERGENCY, SAME_DAY, SEE_A_GP_SOON)

# Every warning sign as one self-contained line (the week JSON's `red_flags`), most urgent first.
RED_FLAGS: tuple[str, ...] = tuple(
    f"{urgency.label} - {sign}: {urgency.action}."
    for urgency in URGENCIES
    for sign in urgency.signs
)

# Red flags raise the odds of serious disease but do not prove it [K1]; the product cannot judge.
SEE_A_CLINICIAN = (
    "These signs do not prove something serious, but only a clinician can tell: do not wait to "
    "see whether exercise helps."
)

# NHS 111 is the UK's urgent-care line [H1]; elsewhere the local equivalent.
UNSURE = (
    "Not sure how urgent it is? Call NHS 111 (in the UK) or your local urgent-care line, and "
    "say that you have sciatica."
)

# The compact box that ends every plan view: the emergency signs in short (contract: at most 6
# lines at 80 columns) and where to find the rest.
DISCLAIMER_BRIEF = "Not medical advice: consult a healthcare professional before you start."
EVERY_SIGN = "Every sign: sciatica-plan safety"
EMERGENCY_BOX_TITLE = "Go to A&E or call 999 now if you have"
EMERGENCY_SUMMARY = (
    "sciatica in both legs; numbness around your genitals, anus or inner thighs; new bladder, "
    "bowel or sexual problems, or not noticing when you need to poo."
)


class Lesson(NamedTuple):
    """A short piece of education, with its sources named for readers (clinical.md keys beside)."""

    title: str
    text: str
    sources: str


EDUCATION: tuple[Lesson, ...] = (
    Lesson(
        "Keep moving",
        "Staying active helps more than bed rest. Keep up your normal activities as far as you "
        "can and walk a little every day, building up gradually.",
        "NICE NG59; NHS, Sciatica; UK activity guidelines",  # [N2, H1, W3]
    ),
    Lesson(
        "Hurt is not always harm",
        "Some discomfort during exercise is expected and is not a sign of damage. Pain up to "
        "about 5/10 that settles by the next morning is usually fine; if it does not settle, do "
        "less next time. New numbness, tingling or weakness is different: check the signs above.",
        "the pain-monitoring model (Silbernagel 2007)",  # [S1, S2, S3]
    ),
    Lesson(
        "Centralising or spreading",
        "Symptoms that move up the leg towards your back (centralising) while you exercise are "
        "usually a good sign. Symptoms that spread further down the leg mean ease off: stop "
        "that exercise, and log it (sciatica-plan log --spreading) so the plan eases too.",
        "May and Aina 2012; May and others 2018",  # [D1, D2]
    ),
    Lesson(
        "A flare-up plan",
        "In a flare-up, ease the dose rather than stopping everything: short walks, gentle "
        "mobility and the positions that ease your pain. Log your pain and the plan turns gentle "
        "until it settles. If it does not settle within a few days, see a GP or physiotherapist.",
        "NHS, Sciatica; NICE NG59",  # [H1, N2]
    ),
)

# The pain-monitoring model's ceiling for pain during exercise [S1, S2].
PAIN_DURING_EXERCISE_MAX = 5

# How hard a set should feel, for the handout (CERT asks a programme to say so [F3]). ACSM 2009
# [A4] adds load once 1-2 repetitions more than the target are managed, so a set at its target
# ends with about that many in hand; product choice to say "about 2". The pain limits are the
# pain-monitoring model's [S1-S3]: up to 3/10 safe, up to 5/10 acceptable if it has settled by
# the next morning. A flare-up week has no hard sets: nothing should make the pain worse.
REPS_IN_HAND = 2
SET_EFFORT = (
    "Each set should feel like work, but not a strain. Stop while you could still do about "
    f"{REPS_IN_HAND} more good ones, or hold a few seconds longer. Pain up to "
    f"{NORMAL_MAX_PAIN}/10 is fine. Up to {PAIN_DURING_EXERCISE_MAX}/10 is all right if it has "
    "settled by the next morning."
)
SET_EFFORT_FLARE_UP = (
    "Keep every set gentle and easy. Stop any exercise that makes your pain worse than when "
    "you started."
)

MODERATE_PAIN_NOTE = (
    "Pain {pain}/10: this week uses only flare-safe exercises and fewer sets. Pain up to about "
    "5/10 during exercise that settles by the next morning is usually acceptable; if it does "
    "not settle, do less next time."
)
# Starting above the model's ceiling, "up to 5/10 is acceptable" would contradict itself.
HIGH_MODERATE_PAIN_NOTE = (
    "Pain {pain}/10: this week uses only flare-safe exercises and fewer sets. You are starting "
    "above the 5/10 that exercise should stay under, so go gently: stop any exercise that makes "
    "your pain worse than when you started, and do less next time if it has not settled by the "
    "next morning."
)

FLARE_UP_WARNING = (
    "Pain {pain}/10: strengthening is paused. This is a gentle flare-up routine of walking, "
    "resting positions that ease the back, nerve glides and light holds only: no stretches "
    "that pull on the nerve. If severe pain lasts more than a few days, or you notice any "
    "red-flag symptom, contact a GP, a physiotherapist or your local urgent-care line (NHS 111 "
    "in the UK)."
)
# Pain this bad (contract rule 23): NHS advice is to see a GP if you are struggling to cope
# [R1], and to contact a GP or NHS 111 if the pain stops you sleeping [R2].
VERY_BAD_PAIN_MIN = 9
VERY_BAD_PAIN_ADVICE = (
    "If your pain is this bad and you are struggling to cope, or it stops you sleeping, "
    "contact a GP or NHS 111 today."
)
# A week after a spreading entry (contract rule 23): symptoms spreading down the leg mean easing
# off and telling a clinician [D1, D2]; new numbness or weakness is a same-day matter [K2, K3].
SPREADING_WEEK_WARNING = (
    "You logged symptoms spreading further down the leg: this week protects the nerve, with no "
    "stretches that pull on it. Tell a GP or physiotherapist within a few days; new numbness or "
    "weakness needs the same day."
)


# Said when an entry logs symptoms spreading further down the leg (peripheralisation): ease off
# and use the other direction or neutral work [D1, D2]; new numbness, tingling or weakness goes
# to the red-flag check, never to "acceptable pain" (clinical.md).
SPREADING_ADVICE = (
    "Symptoms spreading further down the leg mean ease off: next week's plan will be lighter. "
    "Stop any exercise that makes them spread. If the spreading goes on for more than a few "
    "days, or comes with new numbness, tingling or weakness, see a GP or physiotherapist; for "
    "any red-flag symptom (listed with every plan and handout), get medical help now."
)


# Said when `log` records pain of 7 or more: next week's plan turns to the flare-up routine;
# at pain 9-10 VERY_BAD_PAIN_ADVICE ([R1], [R2]) comes first.
FLARE_UP_LOGGED = (
    "Pain {pain}/10: your plan will be a gentle flare-up routine (mobility, nerve glides, "
    "stretches and light holds) until the pain settles. If severe pain lasts more than a few "
    "days, or you notice any red-flag symptom, contact a GP, a physiotherapist or your local "
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
        note = MODERATE_PAIN_NOTE if pain <= PAIN_DURING_EXERCISE_MAX else HIGH_MODERATE_PAIN_NOTE
        return note.format(pain=pain)
    if tier == "flare-up":
        warning = FLARE_UP_WARNING.format(pain=pain)
        return f"{VERY_BAD_PAIN_ADVICE} {warning}" if pain >= VERY_BAD_PAIN_MIN else warning
    return None
