"""Every command has help and a place in the README; the README's own commands stay true."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import click
import pytest

from sciatica_planner.cli import COMMAND_MODULES, cli

if TYPE_CHECKING:
    from click.testing import CliRunner

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_each_command_has_help_and_a_readme_entry(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    summary = command.get_short_help_str(limit=80)
    listing = runner.invoke(cli, ["--help"], env={"COLUMNS": "80"}).stdout
    assert f"  {name}" in listing and summary in listing, "summary cut short at 80 columns"
    assert "Example:" in result.stdout or name in {"forget", "log", "history"}
    assert f"sciatica-plan {name}" in README or f"  {name} " in README


def test_readme_gives_the_install_and_test_commands() -> None:
    assert "pip install -e '.[test]' && .venv/bin/sciatica-plan week" in README
    assert ".venv/bin/python -m pytest" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip\" install --quiet -e '.[test]'" in ci and "-m pytest" in ci


def test_readme_takes_a_newcomer_from_clone_to_a_command_on_path() -> None:
    """The first ten minutes: clone and cd, pipx install, ensurepath and a new shell, and why."""
    install = README.index("## Install and run")
    steps = [
        README.index("git clone URL sciatica-plan && cd sciatica-plan", install),
        README.index("pipx install .", install),
        README.index("pipx ensurepath", install),
        README.index("open a new terminal", install),
        README.index("sciatica-plan week", install),
    ]
    assert steps == sorted(steps)
    assert "command not\nfound" in README or "command not found" in README


# The README's example profile, as a newcomer pastes it.
PROFILE_SET = re.compile(r"^sciatica-plan profile set (?P<args>--days [^\n#]*)$", re.M)


def test_the_readmes_example_profile_plans_without_a_warning(runner: CliRunner) -> None:
    """The example in Daily use gives weeks with no note on every view (and handout)."""
    found = PROFILE_SET.search(README)
    assert found is not None
    args = found["args"].split()
    assert runner.invoke(cli, ["profile", "set", *args]).exit_code == 0
    for start in ("2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14", "2027-01-04"):
        result = runner.invoke(cli, ["week", "--no-journal", "--start", start, "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["warnings"] == [], (start, args)


def test_readme_shows_the_disclaimer_and_red_flags() -> None:
    assert "Consult a healthcare professional" in README
    assert "not medical advice" in README
    assert "genitals or anus" in README


SAMPLE = re.compile(r"```\n\$ sciatica-plan (?P<args>[^\n]*)\n(?P<body>.*?)```", re.S)
# The README's samples of what a view prints, checked line for line against the view itself
# at 80 columns; "..." marks what a sample leaves out.
SAMPLED = ("week ", "today ", "program ", "exercises ", "show ")


@pytest.mark.parametrize(
    "sample",
    [
        m
        for m in SAMPLE.finditer(README)
        if m["args"].startswith(SAMPLED) and "--svg" not in m["args"]  # views, not files
    ],
    ids=lambda m: m["args"],
)
def test_the_readmes_samples_are_what_the_views_print(
    runner: CliRunner, sample: re.Match[str]
) -> None:
    result = runner.invoke(cli, sample["args"].split(), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    for line in sample["body"].splitlines():
        if line.strip() != "...":
            assert line.rstrip() in printed, f"{line!r} is not what `{sample['args']}` prints"


# -- Every rule and source the code cites is in the repository --------------------------------

ROOT = Path(__file__).resolve().parent.parent
CITED_IN = ("sciatica_planner", "tests")
SOURCE_KEYS = re.compile(r"\[([A-Z][0-9](?:, ?[A-Z][0-9])*)\]")
RULES_CITED = re.compile(r"\b[Rr]ules? (\d+(?:(?:, | and | or |-| to )\d+)*)")


def _cited_texts() -> dict[str, str]:
    texts = {}
    for folder in CITED_IN:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".yaml", ".md"} and "__pycache__" not in path.parts:
                texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def _numbers(cited: str) -> set[int]:
    """'2 and 13' -> {2, 13}; '16-23' or '16 to 23' -> 16..23."""
    numbers: set[int] = set()
    for part in re.split(r", | and | or ", cited):
        low, _, high = part.replace(" to ", "-").partition("-")
        numbers.update(range(int(low), int(high or low) + 1))
    return numbers


def test_every_cited_source_key_is_listed_in_docs_sources() -> None:
    listed = set(re.findall(r"^- \*\*\[([A-Z][0-9])\]\*\*", _doc("sources.md"), re.M))
    cited = {
        (key, where)
        for where, text in _cited_texts().items()
        for keys in SOURCE_KEYS.findall(text)
        for key in keys.replace(" ", "").split(",")
    }
    assert len({key for key, _ in cited}) >= 25  # safety.py alone cites A1-A4, S1-S3, H1-H3...
    missing = sorted((key, where) for key, where in cited if key not in listed)
    assert not missing, f"cited but not in docs/sources.md: {missing}"


def test_every_cited_rule_number_is_a_rule_in_docs_rules() -> None:
    rules = {int(n) for n in re.findall(r"^(\d+)\. \*\*", _doc("rules.md"), re.M)}
    assert rules == set(range(1, max(rules) + 1))
    cited = {
        (number, where)
        for where, text in _cited_texts().items()
        for numbers in RULES_CITED.findall(text)
        for number in _numbers(numbers)
    }
    assert {n for n, _ in cited} >= {1, 8, 19, 22, 23}
    missing = sorted((n, where) for n, where in cited if n not in rules)
    assert not missing, f"rules cited but not in docs/rules.md: {missing}"


def _doc(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def test_the_readmes_source_map_names_every_module_and_package() -> None:
    start = README.index("```\nsciatica_planner/\n")
    tree = README[start : README.index("```", start + 3)]
    package = ROOT / "sciatica_planner"
    names = [p.name for p in package.glob("*.py") if not p.name.startswith("__")]
    names += [f"{p.name}/" for p in package.iterdir() if (p / "__init__.py").exists()]
    missing = [name for name in names if not re.search(rf"(^|[ ,]){re.escape(name)}", tree, re.M)]
    assert not missing, f"not in the README's map of the source tree: {missing}"
    assert "completion.py" in tree and "data/muscles.yaml" in tree
