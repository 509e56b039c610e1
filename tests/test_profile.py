"""The saved options' file: read, check, write owner-only; every bad file names its key."""

from __future__ import annotations

import datetime as dt
import errno
import re
import stat
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_planner import files
from sciatica_planner.profile import (
    KEYS,
    REMIND_MAX,
    Profile,
    ProfileError,
    load_profile,
    profile_text,
    remove_profile,
    save_profile,
)
from sciatica_planner.vocabulary import (
    DAYS_MAX,
    DAYS_MIN,
    EQUIPMENT,
    LEVELS,
    MINUTES_MAX,
    MINUTES_MIN,
    PREFERENCES,
)
from strategies import weekdays

if TYPE_CHECKING:
    from pathlib import Path


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    """Any valid profile: each key saved or not, training days saved one way at most."""
    maybe = lambda strategy: st.none() | strategy  # noqa: E731
    days_or_on = draw(st.sampled_from(["neither", "days", "on"]))
    equipment = st.lists(st.sampled_from(EQUIPMENT), unique=True).map(
        lambda items: tuple(e for e in EQUIPMENT if e in items)
    )
    return Profile(
        days=draw(st.integers(DAYS_MIN, DAYS_MAX)) if days_or_on == "days" else None,
        on=draw(weekdays()) if days_or_on == "on" else None,
        level=draw(maybe(st.sampled_from(LEVELS))),
        equipment=draw(maybe(equipment)),
        minutes=draw(maybe(st.integers(MINUTES_MIN, MINUTES_MAX))),
        prefer=draw(maybe(st.sampled_from(PREFERENCES))),
        time=draw(maybe(st.times().map(lambda t: t.replace(second=0, microsecond=0)))),
        remind=draw(maybe(st.integers(0, REMIND_MAX))),
        quiet=draw(maybe(st.booleans())),
    )


@given(profiles())
def test_a_saved_profile_reads_back_the_same(
    tmp_path_factory: pytest.TempPathFactory, profile: Profile
) -> None:
    path = tmp_path_factory.mktemp("profile") / "profile.toml"
    save_profile(path, profile)
    assert load_profile(path) == profile


def test_the_file_is_plain_toml(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    profile = Profile(on=("mon", "thu"), equipment=("band",), time=dt.time(18, 5), remind=0)
    save_profile(path, profile)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        'on = ["mon", "thu"]',
        'equipment = ["band"]',
        'time = "18:05"',
        "remind = 0",
    ]


def test_a_missing_file_is_every_default(tmp_path: Path) -> None:
    assert load_profile(tmp_path / "nowhere" / "profile.toml") == Profile()
    assert Profile().saved() == {}


def test_saving_is_owner_only_from_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / "config" / "sciatica-plan" / "profile.toml"
    save_profile(path, Profile(days=4))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    save_profile(path, Profile(days=5))  # replacing keeps it private and leaves no temporary
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["profile.toml"]


def test_a_failed_save_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config" / "profile.toml"
    save_profile(path, Profile(days=4))
    before = path.read_bytes()

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(ProfileError, match=r"cannot be written \(No space left on device\)"):
        save_profile(path, Profile(days=5))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["profile.toml"]


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("days = 9\n", "days", "9 is out of range; write the training days a week, 2 to 6"),
        ('days = "four"\n', "days", '"four" is not a whole number'),
        ("minutes = true\n", "minutes", "true is not a whole number"),
        ("minutes = 5\n", "minutes", "5 is out of range"),
        ('level = "expert"\n', "level", '"expert" is not one of beginner, intermediate'),
        ('on = ["mon", "xyz"]\n', "on", "holds 'xyz', not a weekday"),
        ('on = ["mon", "mon"]\n', "on", "lists a day twice"),
        ('on = ["mon"]\n', "on", "has 1 days; list 2 to 6"),
        ('equipment = ["rope"]\n', "equipment", "holds 'rope'; choose from band"),
        ("equipment = 5\n", "equipment", "5 is not a list of names"),
        ('prefer = "sideways"\n', "prefer", "is not one of neutral, flexion, extension"),
        ('time = "25:00"\n', "time", '"25:00" is not a time; write it as "HH:MM"'),
        ("time = 7\n", "time", "7 is not a time"),
        ("remind = -1\n", "remind", "-1 is out of range"),
        ("remind = 100000\n", "remind", "100000 is out of range"),
        ('quiet = "yes"\n', "quiet", '"yes" is not true or false'),
        ("quiet = 1\n", "quiet", "1 is not true or false"),
        ('days = 4\non = ["mon", "wed"]\n', "days", "4 conflicts with on"),
        ("dayz = 3\n", "dayz", "not an option a profile keeps. Keys: days, on,"),
        ("pain = 3\n", "pain", "never saved: pain depends on the day"),
        ("seed = 3\n", "seed", "never saved"),
        ("[plan]\ndays = 3\n", "plan", "not an option a profile keeps"),
    ],
)
def test_a_bad_value_names_the_file_and_the_key(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.key == key
    assert str(caught.value).startswith(f"{path}, key {key!r}: ")
    assert problem in str(caught.value)


def test_an_unknown_key_suggests_the_near_one(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text("minutse = 20\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"Did you mean 'minutes'\?"):
        load_profile(path)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"days = [\n", "is not valid TOML: "),
        (b"days = 3\ndays = 4\n", "is not valid TOML: "),
        (b"\xff\xfe", "is not text (UTF-8)"),
    ],
)
def test_a_malformed_file_names_the_file(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "profile.toml"
    path.write_bytes(data)
    with pytest.raises(ProfileError, match=re.escape(problem)) as caught:
        load_profile(path)
    assert str(caught.value).startswith(f"{path} ")


def test_a_folder_is_not_a_profile(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="is a folder"):
        load_profile(tmp_path)
    with pytest.raises(ProfileError, match="is a folder"):
        remove_profile(tmp_path)


def test_hand_written_forms_are_read(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(
        'on = "Fri, mon"\nequipment = "all"\nlevel = "Advanced"\ntime = 18:30:00\n',
        encoding="utf-8",
    )
    assert load_profile(path) == Profile(
        on=("mon", "fri"), equipment=EQUIPMENT, level="advanced", time=dt.time(18, 30)
    )


def test_training_days_are_saved_one_way() -> None:
    saved = Profile(days=4, level="advanced")
    assert saved.updated(on=("mon", "fri")) == Profile(on=("mon", "fri"), level="advanced")
    assert Profile(on=("mon", "fri")).updated(days=3) == Profile(days=3)
    assert saved.updated(minutes=20) == Profile(days=4, level="advanced", minutes=20)


def test_every_key_is_written_and_known() -> None:
    full = Profile(
        on=("mon", "wed"),
        level="beginner",
        equipment=(),
        minutes=30,
        prefer="neutral",
        time=dt.time(7, 30),
        remind=30,
        avoid=("kneeling", "lying"),
        exclude=("nordic-hamstring-curl",),
        prescription="/home/me/prescription.yaml",
        quiet=True,
    )
    written = [line.split(" = ")[0] for line in profile_text(full).splitlines() if "=" in line]
    assert written == [k for k in KEYS if k != "days"]


def test_remove(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    assert remove_profile(path) is False
    save_profile(path, Profile(days=2))
    assert remove_profile(path) is True
    assert not path.exists()


# -- hostile TOML: bounded before it is parsed ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a" + ".a" * 20_000 + " = 1\n", "a key of more than 32 dotted parts"),
        ("a" + ".a" * 100_000 + " = 1\n", "a key of more than 32 dotted parts"),
        ("[" + "a." * 20_000 + "a]\n", "a key of more than 32 dotted parts"),
        ("x = " + "[" * 400 + "]" * 400 + "\n", "nested more than 32 deep"),
        ("x = " + "{a = " * 400 + "1" + "}" * 400 + "\n", "nested more than 32 deep"),
        ("days = 3\nx = [\n" + "[\n" * 400 + "]\n" * 400 + "]\n", "line 34: lists or tables"),
    ],
    ids=["20k dotted", "100k dotted", "20k header", "400 lists", "400 tables", "multi-line"],
)
def test_hostile_toml_is_refused_at_once(tmp_path: Path, text: str, problem: str) -> None:
    """A dotted key of 20k parts took tomllib 16.6 s (100k over a minute); lists or tables 400
    deep gave "unexpected RecursionError". Both are refused before parsing, in milliseconds."""
    import time

    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    began = time.perf_counter()
    with pytest.raises(ProfileError, match=re.escape(problem)):
        load_profile(path)
    assert time.perf_counter() - began < 1


@pytest.mark.parametrize(
    "text",
    [
        'level = "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g"\n',
        "# a comment... with many dots .................................... and [[[[[[\n",
        "x = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5,"
        " 15.5, 16.5, 17.5, 18.5, 19.5, 20.5, 21.5, 22.5, 23.5, 24.5, 25.5, 26.5, 27.5,"
        " 28.5, 29.5, 30.5, 31.5, 32.5, 33.5]\n",
        'x = """\n' + "[" * 100 + "\n" + "." * 100 + '\n"""\n',
        "x = '''" + "{" * 100 + "'''\n",
    ],
    ids=["dots in a string", "a comment", "numbers with points", "multi-line string", "literal"],
)
def test_the_shape_check_reads_strings_comments_and_numbers_as_toml_does(
    tmp_path: Path, text: str
) -> None:
    """What only looks deep is left to tomllib and the key checks (here: not a known key, or
    not a level), never refused as nested."""
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_profile(path)
    except ProfileError as error:
        assert "dotted parts" not in str(error) and "nested" not in str(error)


def test_a_number_of_5000_digits_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text("days = " + "9" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="holds a number too long to read"):
        load_profile(path)


def test_hostile_toml_through_a_plan_command_is_one_error_line(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from sciatica_planner.cli import cli

    path = tmp_path / "profile.toml"
    path.write_text("x = " + "{a = " * 400 + "1" + "}" * 400 + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--profile", str(path), "week", "--no-journal"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1
    assert "unexpected" not in result.stderr
