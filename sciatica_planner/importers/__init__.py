"""Other exercise databases turned into our catalogue format, conservatively (free-exercise-db)."""

# Every imported exercise carries this caution, and views mark it by it (render/wording.py).
IMPORTED_CAUTION = (
    "Imported from free-exercise-db and not reviewed for sciatica: ask a healthcare professional "
    "whether it suits you before trying it."
)
