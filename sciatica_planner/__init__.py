"""sciatica-plan: balanced weekly strengthening routines for people with sciatica."""

__version__ = "0.1.0"
