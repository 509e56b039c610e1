"""End to end: profile, profile set, profile reset, saved defaults in every plan command, and
`log --planned`."""

from __future__ import annotations

import datetime as dt
import json
import shlex
import stat
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from sciatica_planner.cli import cli, journal_commands
from sciatica_planner.safety import DISCLAIMER_LINE

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner, Result

PLAN_COMMANDS = [
    ["week", "--json"],
    ["today", "--json"],
    ["program", "--weeks", "1", "--json"],
    ["export", "--format", "json", "-o", "-"],
]


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return tmp_path / "profile.toml"


def run(runner: CliRunner, profile: Path, *args: str, **kwargs: object) -> Result:
    return runner.invoke(cli, ["--profile", str(profile), *args], **kwargs)  # type: ignore[arg-type]


def ok(runner: CliRunner, profile: Path, *args: str, **kwargs: object) -> Result:
    result = run(runner, profile, *args, catch_exceptions=False, **kwargs)
    assert result.exit_code == 0, result.stderr
    return result


def options(runner: CliRunner, profile: Path, *args: str) -> dict:
    data = json.loads(ok(runner, profile, "week", "--json", *args).stdout)
    return data["options"]


# -- profile, profile set ----------------------------------------------------------------------


def test_without_a_profile_every_default_is_shown(runner: CliRunner, profile: Path) -> None:
    out = ok(runner, profile, "profile").stdout.splitlines()
    assert out[0] == "No saved plan options yet: the plan commands use the defaults."
    assert out[1] == f"  file: {profile}"
    assert "  days         3  (default)" in out
    assert "  on           mon,wed,fri  (default)" in out
    assert "  remind       30 min before  (default)" in out
    assert not profile.exists()  # showing creates nothing


def test_set_then_show(runner: CliRunner, profile: Path) -> None:
    saved = ok(
        runner, profile, "profile", "set", "--days", "4", "--level", "Intermediate",
        "--equipment", "band", "--equipment", "dumbbells", "--minutes", "20",
        "--time", "18:05", "--remind", "0",
    )  # fmt: skip
    assert saved.stdout.splitlines()[0] == "Saved days, level, equipment, minutes, time, remind."
    out = ok(runner, profile, "profile").stdout.splitlines()
    assert out[:2] == ["Your saved plan options:", f"  file: {profile}"]
    assert out[2:10] == [
        "  days         4",
        "  on           mon,tue,thu,fri  (spread over the week)",
        "  level        intermediate",
        "  equipment    band,dumbbells",
        "  minutes      20 min",
        "  prefer       neutral  (default)",
        "  time         18:05",
        "  remind       off",
    ]


def test_set_saves_equipment_under_its_own_name(runner: CliRunner, profile: Path) -> None:
    ok(runner, profile, "profile", "set", "--equipment", "Resistance bands,dumbbell,swiss ball")
    assert "  equipment    band,dumbbells,ball\n" in ok(runner, profile, "profile").stdout
    assert 'equipment = ["band", "dumbbells", "ball"]' in profile.read_text(encoding="utf-8")


def test_set_keeps_what_it_is_not_given_and_days_one_way(runner: CliRunner, profile: Path) -> None:
    ok(runner, profile, "profile", "set", "--days", "4", "--prefer", "extension")
    ok(runner, profile, "profile", "set", "--on", "tue,sat")
    out = ok(runner, profile, "profile").stdout
    assert "  days         2  (from on)" in out
    assert "  on           tue,sat\n" in out
    assert "  prefer       extension\n" in out
    assert "days" not in profile.read_text(encoding="utf-8").replace("# ", "").split("\non")[1]


def test_the_default_file_is_private_in_the_config_folder(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["profile", "set", "--minutes", "20"], catch_exceptions=False)
    assert result.exit_code == 0
    path = tmp_path / "home" / "xdg_config_home" / "sciatica-plan" / "profile.toml"
    assert f"  file: {path}" in result.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_environment_names_the_file(runner: CliRunner, profile: Path) -> None:
    env = {"SCIATICA_PLAN_PROFILE": str(profile)}
    result = runner.invoke(cli, ["profile", "set", "--level", "advanced"], env=env)
    assert result.exit_code == 0
    assert 'level = "advanced"' in profile.read_text(encoding="utf-8")
    week = runner.invoke(cli, ["week", "--json"], env=env, catch_exceptions=False)
    assert json.loads(week.stdout)["options"]["level"] == "advanced"


@pytest.mark.parametrize(
    ("args", "why", "example"),
    [
        (["--pain", "3"], "today's pain", "--pain 3"),
        (["--seed=3"], "one variation of a week", "--seed 7"),
        (["--start", "2026-11-30"], "which week to plan", "--start 2026-11-30"),
        (["--next"], "which week to plan", "--next"),
        (["--no-journal"], "one plan made without your journal", "--no-journal"),
    ],
)
def test_set_refuses_what_is_never_saved(
    runner: CliRunner, profile: Path, args: list[str], why: str, example: str
) -> None:
    """`profile set --pain 3` once answered "Did you mean '--on'?"."""
    result = run(runner, profile, "profile", "set", "--days", "4", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    option = args[0].partition("=")[0]
    assert result.stderr.splitlines()[-1] == (
        f"Error: {option} is never saved: it changes from day to day ({why}). Type it with "
        f"week, today, guide, program or export each time, e.g. sciatica-plan week {example}"
    )
    assert not profile.exists()


def test_set_names_every_option_it_never_saves(runner: CliRunner, profile: Path) -> None:
    result = run(runner, profile, "profile", "set", "--next", "--pain", "6", "--next")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        "Error: --next and --pain are never saved: they change from day to day "
        "(which week to plan; today's pain). Type them with"
    )
    assert not profile.exists()


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ([], "Error: give at least one option to save"),
        (["--days", "3", "--on", "mon,wed"], "Error: --days 3 conflicts with --on mon,wed"),
        (["--days", "9"], "Error: Invalid value for '--days'"),
        (["--time", "7pm"], "Error: Invalid value for '--time': '7pm' is not a time"),
        (["--remind", "2000"], "Error: Invalid value for '--remind'"),
        (["--equipment", "rope"], "Error: Invalid value for '--equipment': unknown equipment"),
    ],
)
def test_set_refuses_bad_values(
    runner: CliRunner, profile: Path, args: list[str], error: str
) -> None:
    result = run(runner, profile, "profile", "set", *args)
    assert result.exit_code == 2
    assert error in result.stderr
    assert not profile.exists()


# -- precedence: the command line, then the profile, then the default ---------------------------


def test_the_profile_sets_every_plan_command(runner: CliRunner, profile: Path) -> None:
    ok(
        runner, profile, "profile", "set", "--on", "tue,thu,sat", "--level", "intermediate",
        "--equipment", "band", "--minutes", "40", "--prefer", "extension",
    )  # fmt: skip
    expected = {
        "days": 3,
        "on": ["tue", "thu", "sat"],
        "level": "intermediate",
        "equipment": ["band"],
        "minutes": 40,
        "prefer": "extension",
    }
    for command in PLAN_COMMANDS:
        data = json.loads(ok(runner, profile, *command).stdout)
        week = data["weeks"][0] if "weeks" in data else data
        if "options" not in week:  # today: one day of the saved week
            assert week["weekday"] == "Wednesday" and week["rest"] is True
            continue
        assert {k: week["options"][k] for k in expected} == expected, command


def test_the_command_line_wins_over_the_profile(runner: CliRunner, profile: Path) -> None:
    ok(
        runner, profile, "profile", "set", "--on", "tue,thu,sat", "--level", "advanced",
        "--equipment", "band", "--minutes", "40",
    )  # fmt: skip
    typed = options(
        runner, profile, "--days", "2", "--level", "beginner", "--equipment", "none",
        "--minutes", "25",
    )  # fmt: skip
    assert typed["on"] == ["mon", "thu"]  # --days typed replaces the saved days, no conflict
    assert (typed["level"], typed["equipment"], typed["minutes"]) == ("beginner", [], 25)
    assert options(runner, profile, "--on", "mon,fri")["on"] == ["mon", "fri"]


def test_saved_days_give_way_to_typed_on(runner: CliRunner, profile: Path) -> None:
    ok(runner, profile, "profile", "set", "--days", "5")
    assert options(runner, profile)["on"] == ["mon", "tue", "wed", "fri", "sat"]
    assert options(runner, profile, "--on", "mon,thu")["on"] == ["mon", "thu"]


def test_what_is_not_saved_keeps_its_default(runner: CliRunner, profile: Path) -> None:
    ok(runner, profile, "profile", "set", "--minutes", "20")
    got = options(runner, profile)
    assert (got["days"], got["level"], got["equipment"], got["prefer"]) == (
        3,
        "beginner",
        [],
        "neutral",
    )
    assert (got["minutes"], got["pain"]) == (20, 0)


def test_the_help_shows_the_saved_default(runner: CliRunner, profile: Path) -> None:
    ok(runner, profile, "profile", "set", "--level", "advanced")
    out = ok(runner, profile, "week", "--help").stdout
    assert "[default: advanced]" in out


def test_export_takes_its_calendar_time_from_the_profile(runner: CliRunner, profile: Path) -> None:
    ok(runner, profile, "profile", "set", "--time", "18:05")
    saved = ok(runner, profile, "export", "--format", "ics", "-o", "-").stdout
    assert "T180500" in saved and "T073000" not in saved
    typed = ok(runner, profile, "export", "--format", "ics", "-o", "-", "--time", "06:00").stdout
    assert "T060000" in typed and "T180500" not in typed


@pytest.mark.parametrize(("saved", "trigger"), [("45", "TRIGGER:-PT45M"), ("0", None)])
def test_export_takes_its_reminder_from_the_profile(
    runner: CliRunner, profile: Path, saved: str, trigger: str | None
) -> None:
    ok(runner, profile, "profile", "set", "--remind", saved)
    calendar = ok(runner, profile, "export", "--format", "ics", "-o", "-").stdout
    triggers = [line for line in calendar.splitlines() if line.startswith("TRIGGER")]
    assert set(triggers) == ({trigger} if trigger else set())
    typed = ok(runner, profile, "export", "--format", "ics", "-o", "-", "--remind", "10").stdout
    assert "TRIGGER:-PT10M" in typed
    # Saved, they are only the calendar's defaults: another format passes quietly.
    assert ok(runner, profile, "export", "--format", "markdown", "-o", "-").stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("days = 9\n", ", key 'days': 9 is out of range"),
        ('levle = "advanced"\n', ", key 'levle': not an option a profile keeps"),
        ("pain = 5\n", ", key 'pain': never saved"),
        ("days = [\n", " is not valid TOML: "),
    ],
)
def test_a_bad_profile_is_one_error_line(
    runner: CliRunner, profile: Path, text: str, message: str
) -> None:
    profile.write_text(text, encoding="utf-8")
    for command in [*PLAN_COMMANDS, ["profile"], ["profile", "set", "--days", "3"]]:
        result = run(runner, profile, *command)
        assert result.exit_code == 1, command
        assert result.stderr.startswith(f"Error: {profile}{message}")
        assert result.stderr.count("\n") == 1
        assert result.stdout == ""
    assert profile.read_text(encoding="utf-8") == text  # set never clobbers a file it cannot read
    # Commands that do not plan are not stopped by it, and neither is --help.
    assert ok(runner, profile, "groups").stdout
    assert ok(runner, profile, "--help").stdout


# -- profile reset -----------------------------------------------------------------------------


def test_reset_with_yes(runner: CliRunner, profile: Path) -> None:
    ok(runner, profile, "profile", "set", "--days", "4")
    result = ok(runner, profile, "profile", "reset", "--yes")
    assert result.stdout == (
        f"Removed {profile}: the plan commands use the defaults again.\n{DISCLAIMER_LINE}\n"
    )
    assert not profile.exists()
    again = ok(runner, profile, "profile", "reset", "--yes")
    assert "nothing to reset" in again.stdout


def test_reset_refuses_without_a_terminal(runner: CliRunner, profile: Path) -> None:
    ok(runner, profile, "profile", "set", "--days", "4")
    result = run(runner, profile, "profile", "reset")
    assert result.exit_code == 2
    assert f"Error: no terminal to ask whether to remove {profile}; pass --yes" in result.stderr
    assert profile.exists()


@pytest.mark.parametrize(("answer", "kept"), [("n\n", True), ("\n", True), ("y\n", False)])
def test_reset_asks_first(
    runner: CliRunner,
    profile: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    kept: bool,
) -> None:
    ok(runner, profile, "profile", "set", "--days", "4")
    monkeypatch.setattr(journal_commands, "_interactive", lambda: True)
    result = ok(runner, profile, "profile", "reset", input=answer)
    assert f"Remove your saved plan options ({profile})? [y/N]" in result.stdout
    assert profile.exists() is kept
    assert ("Nothing removed." in result.stdout) is kept


def test_reset_removes_a_broken_file(runner: CliRunner, profile: Path) -> None:
    profile.write_text("days = [\n", encoding="utf-8")
    ok(runner, profile, "profile", "reset", "--yes")
    assert not profile.exists()


# -- log --planned and the hint -----------------------------------------------------------------


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


def log(runner: CliRunner, profile: Path, journal: Path, *args: str) -> Result:
    return runner.invoke(cli, ["--profile", str(profile), "--journal", str(journal), "log", *args])


def history(runner: CliRunner, profile: Path, journal: Path) -> list[dict]:
    out = ok(runner, profile, "--journal", str(journal), "history", "--json").stdout
    return json.loads(out)["entries"]


def test_log_planned_logs_the_days_plan(runner: CliRunner, profile: Path, journal: Path) -> None:
    ok(runner, profile, "profile", "set", "--on", "mon,wed,sat", "--level", "intermediate")
    # Yesterday's pain in the journal shapes today's plan, as `today` shows it.
    assert log(runner, profile, journal, "--pain", "5", "--date", "2026-11-24").exit_code == 0
    shown = json.loads(ok(runner, profile, "--journal", str(journal), "today", "--json").stdout)
    planned = [item["id"] for item in shown["exercises"]]
    assert planned
    result = log(runner, profile, journal, "--pain", "3", "--planned")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout == f"Logged entry 2: 2026-11-25, pain 3/10, {len(planned)} exercises done.\n"
        f"{DISCLAIMER_LINE}\n"
    )
    entry = history(runner, profile, journal)[-1]
    assert entry["done"] == planned and entry["pain"] == 3


def test_log_planned_adds_what_was_done_besides(
    runner: CliRunner, profile: Path, journal: Path
) -> None:
    ok(runner, profile, "profile", "set", "--on", "wed,fri")
    shown = json.loads(ok(runner, profile, "today", "--json", "--no-journal").stdout)
    planned = [item["id"] for item in shown["exercises"]]
    extra = next(e for e in ("clamshell", "bird-dog", "side-plank") if e not in planned)
    result = log(
        runner, profile, journal, "--pain", "2", "--planned", "--done", f"{extra},{planned[0]}"
    )
    assert result.exit_code == 0, result.stderr
    assert history(runner, profile, journal)[-1]["done"] == [*planned, extra]


def test_log_planned_on_a_rest_day_is_refused(
    runner: CliRunner, profile: Path, journal: Path
) -> None:
    ok(runner, profile, "profile", "set", "--on", "mon,fri")
    result = log(runner, profile, journal, "--pain", "2", "--planned")
    assert result.exit_code == 2
    assert "Error: Wednesday 2026-11-25 is a rest day in your plan" in result.stderr
    assert not journal.exists()


def test_log_planned_for_another_day_uses_that_days_plan(
    runner: CliRunner, profile: Path, journal: Path
) -> None:
    shown = json.loads(ok(runner, profile, "today", "--json", "--date", "2026-11-23").stdout)
    result = log(runner, profile, journal, "--pain", "1", "--planned", "--date", "2026-11-23")
    assert result.exit_code == 0, result.stderr
    assert history(runner, profile, journal)[-1]["done"] == [e["id"] for e in shown["exercises"]]


def test_log_on_a_saved_training_day_says_how_to_record(
    runner: CliRunner, profile: Path, journal: Path
) -> None:
    hint = "Wednesday is a training day in your plan. To record its exercises, log them with "
    plain = log(runner, profile, journal, "--pain", "2")
    assert (
        "training day" not in plain.stderr
    )  # no saved days: log does not guess which days you train
    ok(runner, profile, "profile", "set", "--on", "mon,wed")
    result = log(runner, profile, journal, "--pain", "2")
    assert result.exit_code == 0
    assert result.stdout == (
        f"Logged entry 2: 2026-11-25, pain 2/10, no exercises done.\n{DISCLAIMER_LINE}\n"
    )
    assert " ".join(result.stderr.split()) == hint + (
        "--planned (the whole session) or --done ID, or let `sciatica-plan guide` walk you "
        "through the session and log it."
    )
    assert max(len(line) for line in result.stderr.splitlines()) <= 80
    assert hint not in log(runner, profile, journal, "--pain", "2", "--done", "clamshell").stderr
    rest_day = log(runner, profile, journal, "--pain", "2", "--date", "2026-11-24")
    assert rest_day.exit_code == 0 and rest_day.stderr == ""


def test_a_path_with_an_escape_is_shown_inert(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a\x1b[31mb.toml"
    shown = ok(runner, path, "profile").stdout
    assert "\x1b" not in shown and "a\\x1b[31mb.toml" in shown
    ok(runner, path, "profile", "set", "--days", "2")
    removed = ok(runner, path, "profile", "reset", "--yes").stdout
    assert "\x1b" not in removed and not path.exists()


# -- writes: no lost update, links followed, read-only kept ------------------------------------


def program(profile: Path, *args: str) -> list[str]:
    """The command line that runs the program in a subprocess with this profile."""
    return [sys.executable, "-m", "sciatica_planner", "--profile", str(profile), *args]


# Each writer saves one option of its own; all of them must be in the file at the end.
CONCURRENT_SETS = [
    ["--level", "intermediate"],
    ["--minutes", "25"],
    ["--prefer", "extension"],
    ["--time", "18:00"],
    ["--remind", "15"],
    ["--avoid", "kneeling"],
    ["--exclude", "bird-dog"],
]
CONCURRENT_SAVED = {
    "level": "intermediate",
    "minutes": 25,
    "prefer": "extension",
    "time": dt.time(18, 0),
    "remind": 15,
    "avoid": ("kneeling",),
    "exclude": ("bird-dog",),
}


def test_concurrent_profile_sets_keep_every_change(profile: Path) -> None:
    """Seven `profile set` processes at once, three times over: every "Saved ..." they print
    is in the file (without the lock, about half of them were lost)."""
    from sciatica_planner.profile import load_profile

    for trial in range(3):
        profile.unlink(missing_ok=True)
        runs = [
            subprocess.Popen(
                program(profile, "profile", "set", *option),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for option in CONCURRENT_SETS
        ]
        for done in runs:
            out, err = done.communicate(timeout=120)
            assert done.returncode == 0, err
            assert out.startswith("Saved ")
        assert load_profile(profile).saved() == CONCURRENT_SAVED, f"trial {trial}"


def test_concurrent_updates_in_process_lose_nothing(tmp_path: Path) -> None:
    """The core's read-modify-write under the lock, raced by threads: 8 x 25 increments of the
    reminder, each read, bumped and written back, end at exactly 200."""
    import threading

    from sciatica_planner.profile import load_profile, update_profile

    path = tmp_path / "profile.toml"
    update_profile(path, lambda saved: saved.updated(remind=0))

    def bump() -> None:
        for _ in range(25):
            update_profile(path, lambda saved: saved.updated(remind=(saved.remind or 0) + 1))

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert load_profile(path).remind == 200


def test_set_writes_through_a_symlinked_profile(runner: CliRunner, tmp_path: Path) -> None:
    """A dotfiles link: the file it points to is changed, and stays a link."""
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "sciatica-profile.toml"
    real.write_text('level = "beginner"\n', encoding="utf-8")
    link = tmp_path / "config" / "profile.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    ok(runner, link, "profile", "set", "--minutes", "25")
    assert link.is_symlink() and link.resolve() == real
    assert 'level = "beginner"' in real.read_text(encoding="utf-8")
    assert "minutes = 25" in real.read_text(encoding="utf-8")
    assert [p.name for p in dotfiles.iterdir()] == [real.name]  # no temporary file left


def test_set_creates_the_target_of_a_dangling_link(runner: CliRunner, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "profile.toml"
    real.parent.mkdir()
    link = tmp_path / "profile.toml"
    link.symlink_to(real)
    ok(runner, link, "profile", "set", "--days", "4")
    assert link.is_symlink() and "days = 4" in real.read_text(encoding="utf-8")


def test_set_refuses_a_read_only_profile(runner: CliRunner, profile: Path) -> None:
    profile.write_text('level = "beginner"\n', encoding="utf-8")
    profile.chmod(0o444)
    result = run(runner, profile, "profile", "set", "--days", "4")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {profile} is read-only, so it was left as it is;")
    assert "chmod u+w" in result.stderr
    assert profile.read_text(encoding="utf-8") == 'level = "beginner"\n'
    assert stat.S_IMODE(profile.stat().st_mode) == 0o444


def test_a_read_only_profile_is_still_read(runner: CliRunner, profile: Path) -> None:
    profile.write_text('level = "intermediate"\n', encoding="utf-8")
    profile.chmod(0o444)
    assert options(runner, profile)["level"] == "intermediate"


@pytest.mark.parametrize("slash", ["/", "//"])
def test_a_profile_named_as_a_folder_is_refused(
    runner: CliRunner, tmp_path: Path, slash: str
) -> None:
    """`--profile dir/` names a folder: refused as `-o dir/` is, never saved as a file `dir`."""
    named = str(tmp_path / "settings") + slash
    result = runner.invoke(cli, ["--profile", named, "profile", "set", "--days", "4"])
    assert result.exit_code == 2
    assert "names a folder (it ends with a slash)" in result.stderr
    assert "profile.toml" in result.stderr
    assert not (tmp_path / "settings").exists()


def test_kill_9_during_profile_set_leaves_the_old_file_or_the_new(profile: Path) -> None:
    """SIGKILL at any moment of `profile set`: the file is the old one or the new one, whole,
    and a later `profile set` is not blocked by a lock left behind. (Only a temporary file
    may be left: nothing can clean up after SIGKILL.)"""
    import signal
    import time

    from sciatica_planner.profile import load_profile

    old = 'level = "beginner"\n'
    for delay in (0.05, 0.15, 0.3, 0.5):
        profile.write_text(old, encoding="utf-8")
        done = subprocess.Popen(
            program(profile, "profile", "set", "--minutes", "25"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        done.send_signal(signal.SIGKILL)
        done.wait(timeout=60)
        saved = load_profile(profile).saved()
        assert saved in ({"level": "beginner"}, {"level": "beginner", "minutes": 25})
    again = subprocess.run(
        program(profile, "profile", "set", "--days", "4"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 0, again.stderr


def test_reset_in_a_folder_that_cannot_be_read_is_one_error(
    runner: CliRunner, profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A profile folder the user cannot search (chmod 000; root can, so the refusal is made
    here): a one-line error, not "unexpected PermissionError"."""
    from pathlib import Path as RealPath

    real_stat = RealPath.stat

    def refused(self: RealPath, **kwargs: object) -> object:
        if self == profile:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RealPath, "stat", refused)
    result = run(runner, profile, "profile", "reset", "--yes")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {profile} cannot be read (permission denied: its folder cannot be read)\n"
    )


@pytest.mark.parametrize(
    "args",
    [["profile", "reset"], ["forget", "1"]],
    ids=["profile reset", "forget"],
)
def test_closed_stdin_is_no_terminal(profile: Path, args: list[str]) -> None:
    """`<&-`: Python's sys.stdin is None. The documented usage error (exit 2), not
    "unexpected AttributeError"."""
    journal = profile.with_name("journal.sqlite3")
    subprocess.run(
        program(profile, "--journal", str(journal), "log", "--pain", "3"),
        check=True,
        capture_output=True,
    )
    ok_profile = subprocess.run(
        program(profile, "profile", "set", "--days", "4"),
        check=True,
        capture_output=True,
    )
    assert ok_profile.returncode == 0
    command = [sys.executable, "-m", "sciatica_planner", "--profile", str(profile)]
    command += ["--journal", str(journal), *args]
    done = subprocess.run(
        " ".join(shlex.quote(part) for part in command) + " <&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "\nError: no terminal to ask" in done.stderr and "unexpected" not in done.stderr
    assert profile.exists() and journal.exists()
