"""Loading catalogues: the validated-catalogue cache (hit, stale, corrupt, another version, an
unwritable folder) and the garbage collector paused while a catalogue is read, then restored."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_import import write_fixture

import sciatica_planner
from sciatica_planner import catalogue as catalogue_module
from sciatica_planner import catalogue_cache
from sciatica_planner.catalogue import CatalogueError, bundled_catalogue_path, load_catalogue
from sciatica_planner.cli import cli
from sciatica_planner.importers.free_exercise_db import import_free_exercise_db
from sciatica_planner.models import Catalogue, DoseRange, Exercise

if TYPE_CHECKING:
    from collections.abc import Iterator

    from click.testing import CliRunner

    from sciatica_planner.catalogue_cache import CacheKey


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    """A catalogue file of the user's: the bundled one, copied."""
    path = tmp_path / "mine.yaml"
    shutil.copyfile(bundled_catalogue_path(), path)
    return path


def cache_files() -> list[Path]:
    folder = catalogue_cache.cache_folder()
    return sorted(folder.glob("*.cache")) if folder.is_dir() else []


def key(path: Path) -> CacheKey:
    found = catalogue_cache.key_of(path, catalogue_module.MAX_BYTES)
    assert found is not None
    return found


class Counter:
    """Counts the catalogues read from YAML (not from the cache)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads = 0
        real = catalogue_module.read_catalogue

        def counting(path: Path) -> Catalogue:
            self.reads += 1
            return real(path)

        monkeypatch.setattr(catalogue_module, "read_catalogue", counting)


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> Counter:
    return Counter(monkeypatch)


def test_the_cache_is_in_the_user_cache_folder(mine: Path) -> None:
    load_catalogue(mine)
    expected = Path(os.environ["XDG_CACHE_HOME"]) / "sciatica-plan" / "catalogues"
    assert cache_files() == [catalogue_cache.cache_file(key(mine))]
    assert cache_files()[0].parent == expected


def test_a_catalogue_read_before_loads_from_the_cache(mine: Path, counter: Counter) -> None:
    first = load_catalogue(mine)
    second = load_catalogue(mine)
    assert counter.reads == 1
    assert second == first
    assert second.model_dump() == first.model_dump()


def test_without_the_cache_it_reads_every_time(mine: Path, counter: Counter) -> None:
    load_catalogue(mine, cache=False)
    load_catalogue(mine, cache=False)
    assert counter.reads == 2 and cache_files() == []


def test_a_cached_catalogue_is_the_validated_one_in_every_respect(tmp_path: Path) -> None:
    source = import_free_exercise_db(
        write_fixture(tmp_path), catalogue_module.bundled_catalogue_data()
    )
    path = tmp_path / "more.yaml"
    path.write_text(source.catalogue_yaml(), encoding="utf-8")
    fresh = load_catalogue(path, cache=False)
    load_catalogue(path)
    cached = load_catalogue(path)
    assert cached == fresh
    assert cached.model_dump(mode="json") == fresh.model_dump(mode="json")
    for new, old in zip(cached.exercises, fresh.exercises, strict=True):
        assert type(new) is Exercise and type(new.dose_range) is DoseRange
        assert new.model_fields_set == old.model_fields_set
        assert type(new.steps) is tuple and type(new.groups) is tuple
        assert new.figure == old.figure
    assert cached.exercise("fedb-back-squat") == fresh.exercise("fedb-back-squat")
    with pytest.raises(Exception, match="frozen"):
        cached.exercises[0].name = "changed"  # type: ignore[misc]


def test_a_changed_file_is_read_again_and_its_cache_rewritten(mine: Path, counter: Counter) -> None:
    load_catalogue(mine)
    text = mine.read_text(encoding="utf-8").replace("name: Glute bridge\n", "name: Hip bridge\n")
    mine.write_text(text, encoding="utf-8")
    changed = load_catalogue(mine)
    assert counter.reads == 2
    assert changed.exercise("glute-bridge").name == "Hip bridge"  # type: ignore[union-attr]
    assert load_catalogue(mine) == changed and counter.reads == 2  # the cache was rewritten


def test_same_size_and_time_but_other_bytes_is_stale(mine: Path, counter: Counter) -> None:
    """The content hash, not only the size and modification time, decides."""
    load_catalogue(mine)
    before = mine.stat()
    text = mine.read_text(encoding="utf-8").replace("name: Glute bridge\n", "name: Glute brIdge\n")
    mine.write_text(text, encoding="utf-8")
    os.utime(mine, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert mine.stat().st_size == before.st_size
    assert load_catalogue(mine).exercise("glute-bridge").name == "Glute brIdge"  # type: ignore[union-attr]
    assert counter.reads == 2


def test_an_invalid_catalogue_is_never_cached(mine: Path) -> None:
    mine.write_text(mine.read_text(encoding="utf-8").replace("sets: 2\n", "sets: 0\n", 1))
    for _ in range(2):
        with pytest.raises(CatalogueError, match="must be at least 1"):
            load_catalogue(mine)
    assert cache_files() == []


def _flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b""),
        lambda path: path.write_bytes(b"not a cache at all"),
        lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),
        _flip_last_byte,
        lambda path: path.write_bytes(catalogue_cache.MAGIC + b"\xff" * 8 + b"junk"),
    ],
    ids=["empty", "garbage", "truncated", "flipped", "bad-length"],
)
def test_a_corrupt_cache_is_ignored_and_rewritten(
    mine: Path, counter: Counter, damage: Any
) -> None:
    fresh = load_catalogue(mine)
    damage(cache_files()[0])
    assert load_catalogue(mine) == fresh
    assert counter.reads == 2
    assert catalogue_cache.load(key(mine)) == fresh  # rewritten whole


def test_a_cache_whose_payload_matches_its_digest_but_not_the_models_is_ignored(
    mine: Path, counter: Counter
) -> None:
    """Even a well-formed cache is only trusted when its fields are the models' fields."""
    load_catalogue(mine)
    the_key = key(mine)
    payload = catalogue_cache.marshal.dumps(({"groups": ()}, ()))
    header = catalogue_cache.marshal.dumps((*the_key, catalogue_cache.blake2b(payload).hexdigest()))
    cache_files()[0].write_bytes(
        catalogue_cache.MAGIC + len(header).to_bytes(8, "big") + header + payload
    )
    assert len(load_catalogue(mine).exercises) > 0
    assert counter.reads == 2


def test_a_cache_of_another_version_is_ignored_and_rewritten(
    mine: Path, counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalogue(mine)
    old = cache_files()[0].read_bytes()
    monkeypatch.setattr(sciatica_planner, "__version__", "999.0")
    load_catalogue(mine)
    assert counter.reads == 2
    assert cache_files()[0].read_bytes() != old
    load_catalogue(mine)
    assert counter.reads == 2


def test_changed_validating_code_makes_the_cache_stale(
    mine: Path, counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a source checkout the version stays while models.py changes: that is another program."""
    load_catalogue(mine)
    monkeypatch.setattr(catalogue_cache, "VALIDATING_MODULES", ("models.py", "planner.py"))
    load_catalogue(mine)
    assert counter.reads == 2


def test_an_unwritable_cache_folder_still_plans(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, mine: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    argv = ["--catalogue", str(mine), "week", "--start", "2026-11-30", "--json", "--no-journal"]
    first = runner.invoke(cli, argv, catch_exceptions=False)
    second = runner.invoke(cli, argv, catch_exceptions=False)
    assert first.exit_code == second.exit_code == 0
    assert first.stderr == "" and json.loads(first.stdout)["days"]
    assert first.stdout == second.stdout
    assert blocked.read_text(encoding="utf-8") == "a file where the cache folder would be\n"


def test_the_cache_is_written_whole_without_temporary_files_left(mine: Path) -> None:
    load_catalogue(mine)
    folder = catalogue_cache.cache_folder()
    assert [p.name for p in folder.iterdir()] == [cache_files()[0].name]
    assert cache_files()[0].read_bytes().startswith(catalogue_cache.MAGIC)


def test_cached_and_uncached_weeks_are_the_same_bytes(mine: Path, runner: CliRunner) -> None:
    argv = ["--catalogue", str(mine), "week", "--start", "2026-11-30", "--no-journal"]
    cold = runner.invoke(cli, argv, catch_exceptions=False)
    assert cache_files()
    warm = runner.invoke(cli, argv, catch_exceptions=False)
    assert cold.exit_code == warm.exit_code == 0 and cold.stdout == warm.stdout


def test_two_paths_to_one_content_have_their_own_caches(mine: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    shutil.copyfile(mine, other)
    load_catalogue(mine)
    load_catalogue(other)
    assert len(cache_files()) == 2


# -- The garbage collector ------------------------------------------------------------------------


def test_collection_is_paused_while_reading_and_restored_after(
    mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = Catalogue.model_validate

    def validate(data: Any) -> Catalogue:
        seen.append(gc.isenabled())
        return real(data)

    monkeypatch.setattr(catalogue_module, "_yaml_loader", _recording(seen))
    monkeypatch.setattr(Catalogue, "model_validate", validate)
    assert gc.isenabled()
    load_catalogue(mine)
    assert seen and not any(seen)  # paused while parsing and validating
    assert gc.isenabled()


def _recording(seen: list[bool]) -> Any:
    def loader() -> type[yaml.SafeLoader]:
        seen.append(gc.isenabled())
        return getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    return loader


def test_collection_is_restored_after_an_error(mine: Path) -> None:
    mine.write_text("groups: [\n", encoding="utf-8")
    assert gc.isenabled()
    with pytest.raises(CatalogueError):
        load_catalogue(mine)
    assert gc.isenabled()


def test_collection_left_off_stays_off(mine: Path) -> None:
    gc.disable()
    try:
        load_catalogue(mine)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collection_is_paused_on_a_cache_hit_too(
    mine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalogue(mine)
    seen: list[bool] = []
    real = catalogue_cache.load

    def load(found: CacheKey) -> Catalogue | None:
        seen.append(gc.isenabled())
        return real(found)

    monkeypatch.setattr(catalogue_cache, "load", load)
    assert load_catalogue(mine) is not None
    assert seen == [False] and gc.isenabled()


# -- The quick YAML walk ---------------------------------------------------------------------------

TRICKY_SCALARS = (
    "010\n0o17\n0x1F\n1_000\n1:30\n.inf\n-.inf\n.nan\n1.5e+3\n1e3\n+12\n-0\n0.\n"
    "yes\nNo\nON\noff\nTrue\n~\nnull\n''\n2026-11-30\n=\n<<\n'quoted'\n\"x\\ty\"\n"
).splitlines()


def outcome(read: Any, text: str) -> str:
    """What reading gives: the data's repr, or the error's type and problem."""
    try:
        return repr(read(text))
    except yaml.YAMLError as error:
        return f"{type(error).__name__}: {getattr(error, 'problem', error)}"


def reference(text: str) -> str:
    return outcome(lambda t: yaml.load(t, Loader=yaml.SafeLoader), text)  # pure Python PyYAML


def quick(text: str) -> str:
    def read(text: str) -> Any:
        loader_class = catalogue_module._yaml_loader()
        root = yaml.compose(text, Loader=loader_class)
        assert root is not None
        return catalogue_module._construct(loader_class(""), root)

    return outcome(read, text)


@pytest.mark.parametrize("scalar", TRICKY_SCALARS)
def test_the_quick_walk_reads_every_scalar_as_pyyaml_does(scalar: str) -> None:
    for text in (f"key: {scalar}\n", f"- {scalar}\n", f"a: [{scalar}, 1]\n"):
        assert quick(text) == reference(text), text


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",  # aliases
        "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",  # a merge key
        "a: !!str 12\nb: !!float 1\n",  # explicit tags
        "1: one\ntrue: yes\n",  # keys that are not text
        "when: 2026-11-30\n",  # a timestamp
        "? [a, b]\n: pair\n",  # a complex key
    ],
)
def test_unusual_yaml_is_left_to_pyyaml(text: str) -> None:
    assert quick(text) == reference(text)


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    ),
    st.booleans(),
)
def test_the_quick_walk_agrees_with_pyyaml_on_any_data(data: Any, flow: bool) -> None:
    text = yaml.safe_dump({"root": data}, default_flow_style=flow, allow_unicode=True)
    assert quick(text) == reference(text)


def test_a_repeated_key_is_still_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    data = yaml.safe_load(bundled_catalogue_path().read_text(encoding="utf-8"))
    text = yaml.safe_dump(data, sort_keys=False).replace("  name: ", "  name: a\n  name: ", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="appears twice") as caught:
        load_catalogue(path)
    assert caught.value.line is not None


# -- A cache no one else can feed ------------------------------------------------------------------


def _forged(the_key: CacheKey, values: Any) -> bytes:
    """A well-formed cache for `the_key` holding `values`, with a payload digest that matches."""
    payload = catalogue_cache.marshal.dumps(values)
    header = catalogue_cache.marshal.dumps((*the_key, catalogue_cache.blake2b(payload).hexdigest()))
    return catalogue_cache.MAGIC + len(header).to_bytes(8, "big") + header + payload


def _renamed(catalogue: Catalogue, old: str, new: str) -> Any:
    """The catalogue's cache values with one exercise name changed."""
    values, fields_set = catalogue_cache._encode(catalogue)
    exercises = []
    for exercise_values, exercise_set in values["exercises"]:
        named = (
            {**exercise_values, "name": new} if exercise_values["name"] == old else exercise_values
        )
        exercises.append((named, exercise_set))
    return {**values, "exercises": tuple(exercises)}, fields_set


def test_a_forged_cache_that_is_valid_in_every_other_respect_is_used(
    mine: Path, counter: Counter
) -> None:
    """The control for the tests below: a cache written by the user with plain text is trusted,
    so what they refuse is refused for the reason they name."""
    fresh = load_catalogue(mine)
    cache_files()[0].write_bytes(_forged(key(mine), _renamed(fresh, "Glute bridge", "Hip bridge")))
    cache_files()[0].chmod(0o600)
    assert load_catalogue(mine).exercise("glute-bridge").name == "Hip bridge"  # type: ignore[union-attr]
    assert counter.reads == 1


@pytest.mark.parametrize("planted", ["Glute\x1b]0;owned\x07 bridge", "Glute\u202e bridge"])
def test_cached_text_passes_the_catalogues_text_check(
    mine: Path, counter: Counter, planted: str
) -> None:
    fresh = load_catalogue(mine)
    cache_files()[0].write_bytes(_forged(key(mine), _renamed(fresh, "Glute bridge", planted)))
    assert load_catalogue(mine) == fresh
    assert counter.reads == 2
    assert catalogue_cache.load(key(mine)) == fresh  # rewritten


def test_a_cache_holding_code_is_refused(mine: Path, counter: Counter) -> None:
    fresh = load_catalogue(mine)
    values, fields_set = catalogue_cache._encode(fresh)
    code = compile("1", "<cache>", "eval")
    cache_files()[0].write_bytes(_forged(key(mine), ({**values, "groups": code}, fields_set)))
    assert load_catalogue(mine) == fresh
    assert counter.reads == 2


def test_payload_bytes_changed_inside_a_string_are_caught_by_the_digest(
    mine: Path, counter: Counter
) -> None:
    """The change keeps the payload decodable (the same length, one letter), so only the digest
    can tell; flipping the last byte would break unmarshalling on its own."""
    load_catalogue(mine)
    path = cache_files()[0]
    blob = path.read_bytes()
    assert blob.count(b"Glute bridge") == 1
    path.write_bytes(blob.replace(b"Glute bridge", b"Glute brIdge"))
    assert load_catalogue(mine).exercise("glute-bridge").name == "Glute bridge"  # type: ignore[union-attr]
    assert counter.reads == 2


@contextlib.contextmanager
def another_users(path: Path) -> Iterator[None]:
    """Inside, `path` belongs to someone else: `nobody` when the tests run as root, else this
    process pretends to be another user."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
        yield
        return
    mine = os.geteuid()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "geteuid", lambda: mine + 1)
        yield


NOBODY = 65534


def test_another_users_cache_file_is_not_read(mine: Path, counter: Counter) -> None:
    """Planted under the right key by someone else (the key is computable from public files), a
    cache is ignored even when it is well formed."""
    fresh = load_catalogue(mine)
    planted = _renamed(fresh, "Glute bridge", "Nordic hamstring curl")
    cache_files()[0].write_bytes(_forged(key(mine), planted))
    with another_users(cache_files()[0]):
        assert load_catalogue(mine).exercise("glute-bridge").name == "Glute bridge"  # type: ignore[union-attr]
    assert counter.reads == 2
    assert cache_files()[0].stat().st_uid == os.geteuid()  # rewritten as the user's own
    assert catalogue_cache.load(key(mine)) == fresh


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run as another user")
def test_a_cache_planted_by_root_is_not_read_by_nobody(tmp_path: Path) -> None:
    """The real thing: a process running as `nobody` ignores a cache file root wrote into a
    shared cache folder (0o1777), and plans from the catalogue."""
    import tempfile

    with tempfile.TemporaryDirectory() as public:  # tmp_path's parents are root's alone
        Path(public).chmod(0o755)
        mine = Path(public) / "mine.yaml"
        shutil.copyfile(bundled_catalogue_path(), mine)
        mine.chmod(0o644)
        shared = Path(public) / "shared-cache"
        shared.mkdir()
        shared.chmod(0o1777)
        _plant_and_run(mine, shared)


def _plant_and_run(mine: Path, shared: Path) -> None:
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["XDG_CACHE_HOME"] = {str(shared)!r}
        from pathlib import Path
        from sciatica_planner import catalogue, catalogue_cache
        the_key = catalogue_cache.key_of(Path({str(mine)!r}), catalogue.MAX_BYTES)
        print(the_key.program)
        if sys.argv[1] == "plant":
            folder = catalogue_cache.cache_folder()
            folder.mkdir(parents=True, mode=0o777)
            folder.chmod(0o777)
            Path(folder.parent).chmod(0o777)
            fresh = catalogue.read_catalogue(Path({str(mine)!r}))
            values, fields_set = catalogue_cache._encode(fresh)
            exercises = tuple(
                ({{**v, "name": "Planted by root"}}, s) for v, s in values["exercises"]
            )
            planted = ({{**values, "exercises": exercises}}, fields_set)
            payload = catalogue_cache.marshal.dumps(planted)
            header = catalogue_cache.marshal.dumps(
                (*the_key, catalogue_cache.blake2b(payload).hexdigest())
            )
            catalogue_cache.cache_file(the_key).write_bytes(
                catalogue_cache.MAGIC + len(header).to_bytes(8, "big") + header + payload
            )
        else:
            catalogue.read_catalogue(Path({str(mine)!r}))  # imports what it needs, while it can
            catalogue_cache.cache_folder()
            os.setgid({NOBODY})
            os.setuid({NOBODY})
            loaded = catalogue.load_catalogue(Path({str(mine)!r}))
            planted = any(e.name == "Planted by root" for e in loaded.exercises)
            print("planted" if planted else "clean")
        """
    )
    source = str(Path(sciatica_planner.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": source}
    plant = subprocess.run(
        [sys.executable, "-c", script, "plant"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert plant.returncode == 0, plant.stderr
    run = subprocess.run(
        [sys.executable, "-c", script, "run"], capture_output=True, text=True, env=env, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == plant.stdout.splitlines()[0]  # the same key
    assert run.stdout.splitlines()[-1] == "clean"


def test_a_cache_folder_others_can_write_is_not_trusted(mine: Path, counter: Counter) -> None:
    fresh = load_catalogue(mine)
    folder = catalogue_cache.cache_folder()
    folder.chmod(0o1777)
    assert load_catalogue(mine) == fresh
    assert counter.reads == 2
    assert folder.stat().st_mode & 0o777 == 0o700  # the user's own folder, closed again
    assert load_catalogue(mine) == fresh and counter.reads == 2


def test_a_cache_file_others_can_write_is_not_trusted(mine: Path, counter: Counter) -> None:
    load_catalogue(mine)
    cache_files()[0].chmod(0o666)
    load_catalogue(mine)
    assert counter.reads == 2
    assert cache_files()[0].stat().st_mode & 0o777 == 0o600


def test_a_cache_folder_of_another_user_is_neither_read_nor_written(
    mine: Path, counter: Counter
) -> None:
    load_catalogue(mine)
    folder = catalogue_cache.cache_folder()
    before = cache_files()[0].read_bytes()
    with another_users(folder):
        load_catalogue(mine)
        load_catalogue(mine)
    assert counter.reads == 3
    assert cache_files()[0].read_bytes() == before


@contextlib.contextmanager
def within_seconds(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when the block takes longer than `seconds`."""
    import signal

    def late(signum: int, frame: object) -> None:
        raise AssertionError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_fifo_at_the_cache_path_does_not_hang(mine: Path, counter: Counter) -> None:
    fresh = load_catalogue(mine)
    path = cache_files()[0]
    path.unlink()
    os.mkfifo(path)
    with within_seconds(10):  # a blocking open would hang here
        assert load_catalogue(mine) == fresh
    assert counter.reads == 2
    assert path.is_file() and catalogue_cache.load(key(mine)) == fresh


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_an_endless_device_is_not_read(
    mine: Path, counter: Counter, device: str
) -> None:
    fresh = load_catalogue(mine)
    path = cache_files()[0]
    path.unlink()
    path.symlink_to(device)
    assert load_catalogue(mine) == fresh
    assert counter.reads == 2
    assert not path.is_symlink() and catalogue_cache.load(key(mine)) == fresh


def test_a_symlink_to_a_good_cache_is_not_followed(mine: Path, counter: Counter) -> None:
    """Even a link to a copy of the right cache: a link is not the user's file."""
    load_catalogue(mine)
    path = cache_files()[0]
    copy = path.with_name("copy")
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o600)
    path.unlink()
    path.symlink_to(copy)
    load_catalogue(mine)
    assert counter.reads == 2


def test_a_cache_larger_than_any_cache_of_the_catalogue_is_not_read(
    mine: Path, counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read stops at a bound (here lowered below the real cache's size)."""
    load_catalogue(mine)
    monkeypatch.setattr(catalogue_cache, "SIZE_FACTOR", 0)
    monkeypatch.setattr(catalogue_cache, "SIZE_SLACK", 1000)
    load_catalogue(mine)
    assert counter.reads == 2


def test_racing_cache_builders_leave_one_whole_cache(mine: Path) -> None:
    """Eight processes building the same cache at once: every one plans, and the cache left is
    whole and used."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path;"
        "from sciatica_planner.catalogue import load_catalogue;"
        "print(len(load_catalogue(Path(sys.argv[1])).exercises))"
    )
    source = str(Path(sciatica_planner.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": source}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(mine)], stdout=subprocess.PIPE, env=env, text=True
        )
        for _ in range(8)
    ]
    counts = {run.communicate()[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(counts) == 1
    folder = catalogue_cache.cache_folder()
    assert [p.name for p in folder.iterdir()] == [cache_files()[0].name]
    assert catalogue_cache.load(key(mine)) == load_catalogue(mine, cache=False)
