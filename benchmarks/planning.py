"""Planning benchmark: `plan_week` alone, in process, on the bundled catalogue and on synthetic
catalogues of 1,000 and 10,000 exercises.

Run by hand (not in CI) from the project's virtual environment:

    python benchmarks/planning.py [--rounds 15]

Each figure is the best of the rounds (planning allocates little; the best is the least noisy).
The floor is one pass over the catalogue that asks the week's policy about every exercise, the
least any planner must do; the planner should stay linear in the catalogue's size (10k/1k about
10) and under 15 ms for the bundled catalogue, 100 ms for 1,000 exercises.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from scale import synthetic

from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.models import Catalogue, PlanOptions
from sciatica_planner.planning import plan_week
from sciatica_planner.planning.policy import policy_for
from sciatica_planner.vocabulary import EQUIPMENT

WEEKS = {
    "beginner, 30 min": {"level": "beginner", "minutes": 30},
    "intermediate, band+dumbbells, 30 min": {
        "level": "intermediate",
        "equipment": ("band", "dumbbells"),
        "minutes": 30,
    },
    "advanced, all, 45 min": {"level": "advanced", "equipment": EQUIPMENT, "minutes": 45},
    "advanced, all, 45 min, pain 5": {
        "level": "advanced",
        "equipment": EQUIPMENT,
        "minutes": 45,
        "pain": 5,
    },
}


def options(**changes: object) -> PlanOptions:
    base: dict[str, object] = {
        "days": 3,
        "on": ("mon", "wed", "fri"),
        "seed": 20261130,
        "start": dt.date(2026, 11, 30),
    }
    return PlanOptions(**(base | changes))


def best_ms(action: object, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best * 1000


def floor(catalogue: Catalogue, opts: PlanOptions) -> None:
    policy = policy_for(opts)
    [policy.allows(e) for e in catalogue.exercises]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    bundled = load_catalogue()
    print(f"bundled catalogue: {len(bundled.exercises)} exercises")
    for name, changes in WEEKS.items():
        opts = options(**changes)
        plan_week(bundled, opts)  # the models' schemas are built on first use
        plan = best_ms(lambda opts=opts: plan_week(bundled, opts), rounds)
        base = best_ms(lambda opts=opts: floor(bundled, opts), rounds)
        print(f"  {name:<38} {plan:6.1f} ms  ({plan / base:5.0f}x the floor, {base:.2f} ms)")
    opts = options(**WEEKS["advanced, all, 45 min"])
    sizes: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in (1_000, 10_000):
            catalogue = load_catalogue(synthetic(size, Path(folder)))
            plan_week(catalogue, opts)
            sizes[size] = (
                best_ms(lambda c=catalogue: plan_week(c, opts), max(3, rounds // 3)),
                best_ms(lambda c=catalogue: floor(c, opts), max(3, rounds // 3)),
            )
            plan, base = sizes[size]
            print(f"{size:>6} exercises, advanced all 45 min: {plan:7.1f} ms ({base:.1f} ms floor)")
    ratio = sizes[10_000][0] / sizes[1_000][0]
    print(f"planning 10k / 1k = {ratio:.1f} (linear: about 10)")


if __name__ == "__main__":
    main()
