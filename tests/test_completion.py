"""Shell completion: exercise ids, ID=HOW, groups, levels and equipment, as the shell asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from sciatica_planner.catalogue import bundled_catalogue_data, load_catalogue
from sciatica_planner.cli import cli
from sciatica_planner.importers.free_exercise_db import import_free_exercise_db
from sciatica_planner.vocabulary import EQUIPMENT, FEELINGS, GROUPS

SAMPLE = Path(__file__).parent / "data" / "free-exercise-db-sample.json"


def completions(args: list[str], incomplete: str) -> list[str]:
    complete = ShellComplete(cli, {}, "sciatica-plan", "_SCIATICA_PLAN_COMPLETE")
    return [item.value for item in complete.get_completions(args, incomplete)]


IDS = sorted(load_catalogue().by_id)


@pytest.mark.parametrize(
    "args",
    [["show"], ["week", "--exclude"], ["export", "--exclude"], ["log", "--done"]],
    ids=" ".join,
)
def test_exercise_ids_complete(args: list[str]) -> None:
    assert completions(args, "") == IDS
    assert completions(args, "glute-b") == [i for i in IDS if i.startswith("glute-b")]
    assert "glute-bridge" in completions(args, "glute-b")


@pytest.mark.parametrize("args", [["week", "--exclude"], ["log", "--done"]], ids=" ".join)
def test_the_last_id_of_a_comma_list_completes(args: list[str]) -> None:
    assert completions(args, "glute-bridge,clam") == ["glute-bridge,clamshell"]


def test_felt_completes_the_id_then_how_it_felt() -> None:
    assert completions(["log", "--felt"], "bird") == [i for i in IDS if i.startswith("bird")]
    assert completions(["log", "--felt"], "clam") == [f"clamshell={h}" for h in FEELINGS]
    assert completions(["log", "--felt"], "bird-dog=") == [f"bird-dog={h}" for h in FEELINGS]
    assert completions(["log", "--felt"], "bird-dog=pa") == ["bird-dog=painful"]
    assert completions(["log", "--felt"], "no-such=") == []


def test_ids_come_from_the_catalogue_in_use(tmp_path: Path) -> None:
    imported = import_free_exercise_db(SAMPLE, bundled_catalogue_data())
    path = tmp_path / "more.yaml"
    path.write_text(imported.catalogue_yaml(), encoding="utf-8")
    fedb = sorted(e["id"] for e in imported.exercises)
    assert fedb and all(i.startswith("fedb-") for i in fedb)
    assert completions(["--catalogue", str(path), "show"], "fedb-") == fedb
    assert completions(["show"], "fedb-") == []  # the bundled catalogue has none
    assert completions(["--catalogue", str(tmp_path / "none.yaml"), "show"], "") == []


def test_groups_levels_and_equipment_complete() -> None:
    assert completions(["exercises"], "") == list(GROUPS)
    assert completions(["exercises"], "ham") == ["hamstrings"]
    assert completions(["week", "--level"], "a") == ["advanced"]
    assert completions(["week", "--equipment"], "") == [*EQUIPMENT, "none", "all"]
    assert completions(["week", "--equipment"], "band,dum") == ["band,dumbbells"]
    assert completions(["profile", "set", "--equipment"], "ke") == ["kettlebell"]
