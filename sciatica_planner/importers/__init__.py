"""Other exercise databases turned into our catalogue format, conservatively (free-exercise-db)."""
