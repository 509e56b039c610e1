"""Plain English (issue 25; clinical.md: NHS content aims at a reading age of 9 to 11): every
user-facing text block, scored by Flesch-Kincaid grade (tests/readability.py). The catalogue's
how-to (steps, cues, cautions) reads at US grade 6 or less, exercise by exercise; the warning
signs, the education and the handout's own advice at grade 8 or less."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from readability import grade, sentences, syllables

from sciatica_planner import safety
from sciatica_planner.render import cert

if TYPE_CHECKING:
    from sciatica_planner.models import Catalogue

HOW_TO_GRADE = 6
SAFETY_GRADE = 8


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("take", 1), ("knee", 1), ("rise", 1), ("table", 2), ("gently", 2), ("lifted", 2),
        ("stretched", 1), ("pushes", 2), ("takes", 1), ("exercise", 3), ("comfortable", 4),
        ("shoulder", 2), ("physiotherapist", 6), ("sciatica", 4), ("hip-width", 2), ("30", 2),
    ],
)  # fmt: skip
def test_the_syllable_counter_counts_everyday_words(word: str, count: int) -> None:
    assert syllables(word) == count


def test_grades_rise_with_long_words_and_long_sentences() -> None:
    plain = "Lie on your back. Bend your knees. Lift your hips a little."
    dense = (
        "Contemporaneous physiological considerations notwithstanding, individuals experiencing "
        "radiculopathic symptomatology should undertake progressive rehabilitative exercise."
    )
    assert sentences(plain) == 3 and sentences(dense) == 1
    assert grade([plain]) < 2
    assert grade([dense]) > 12


def test_each_exercise_how_to_reads_at_grade_6_or_less(catalogue: Catalogue) -> None:
    blocks = {}
    for exercise in catalogue.exercises:
        if exercise.source == "imported":  # not ours to word
            continue
        blocks[exercise.id] = grade([*exercise.steps, *exercise.cues, *exercise.cautions])
    assert blocks
    hard = {ident: round(score, 1) for ident, score in blocks.items() if score > HOW_TO_GRADE}
    assert hard == {}
    every = [t for e in catalogue.exercises for t in (*e.steps, *e.cues, *e.cautions)]
    assert grade(every) <= HOW_TO_GRADE


def test_the_warning_signs_read_at_grade_8_or_less() -> None:
    texts = [t for urgency in safety.URGENCIES for t in (urgency.action, *urgency.signs)]
    texts += [safety.SEE_A_CLINICIAN, safety.UNSURE, safety.EMERGENCY_SUMMARY]
    assert grade(texts) <= SAFETY_GRADE


def test_the_education_reads_at_grade_8_or_less() -> None:
    assert grade([lesson.text for lesson in safety.EDUCATION]) <= SAFETY_GRADE


@pytest.mark.parametrize(
    "text",
    [
        safety.SET_EFFORT,
        safety.SET_EFFORT_FLARE_UP,
        cert.week_progression(),
        cert.programme_progression(),
    ],
)
def test_the_handouts_own_advice_reads_at_grade_8_or_less(text: str) -> None:
    assert grade([text]) <= SAFETY_GRADE
