"""The validated-catalogue cache: a catalogue read before loads without YAML or validation.

One file per catalogue path in the user cache folder (platformdirs). It holds the catalogue's
validated values as `marshal` data (plain values only: marshal cannot run code), behind a header
with the key it was made for: the catalogue's resolved path, size, modification time, BLAKE2b
digest of its bytes, and the program (its version and the code that validates). A cache whose header
does not match, whose payload fails its own digest, or that cannot be decoded is ignored and
rewritten; one that cannot be written is skipped. Either way the catalogue is read as usual.

The key can be computed by anyone who can read the catalogue, so a cache is only trusted when no
one else could have written it: a regular file (never a symlink, FIFO or device) owned by this
user in a folder owned by this user, neither writable by anyone else (files.read_own_file). Its
size is bounded, and every text value in it passes the catalogue's own check for control and
hidden characters before a model is built from it.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .models import Catalogue

try:  # hashlib's BLAKE2 itself: importing hashlib also loads OpenSSL, a few ms of every start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

CACHE_FORMAT = 2  # bump when the file layout below changes
MAGIC = b"sciatica-plan catalogue cache\n"
LENGTH_BYTES = 8
# A cache holds the catalogue's values without its comments and indentation: about as many bytes
# as the YAML (0.9 times for the bundled one). A file many times larger is not a cache of it.
SIZE_FACTOR = 8
SIZE_SLACK = 1024 * 1024
# The cache folder: only this user may read or change what is in it.
FOLDER_MODE = 0o700
# The code whose rules decide what a valid catalogue is: a change to any of them (in a source
# checkout, without a new version number) makes every cached catalogue stale.
VALIDATING_MODULES = (
    "models.py",
    "vocabulary.py",
    "catalogue.py",
    "catalogue_cache.py",
    "figures/poses.py",
    "figures/props.py",
    "figures/skeleton.py",
)


class CacheKey(NamedTuple):
    """What a cached catalogue was made from; any difference makes it stale."""

    path: str
    size: int
    mtime_ns: int
    digest: str  # BLAKE2b of the file's bytes
    program: str


def cache_folder() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("sciatica-plan") / "catalogues"


def cache_file(key: CacheKey) -> Path:
    name = blake2b(key.path.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return cache_folder() / f"{name}.cache"


def key_of(path: Path, max_bytes: int) -> CacheKey | None:
    """The key of the catalogue file as it is now; None when it cannot be read whole (the
    ordinary reader then says why)."""
    try:
        resolved = path.resolve()
        before = resolved.stat()
        if not stat.S_ISREG(before.st_mode) or before.st_size > max_bytes:
            return None
        data = resolved.read_bytes()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, on older Pythons
        return None
    if len(data) != before.st_size:
        return None
    return CacheKey(
        str(resolved),
        before.st_size,
        before.st_mtime_ns,
        blake2b(data).hexdigest(),
        program_fingerprint(),
    )


def still_current(key: CacheKey) -> bool:
    """The file was not changed while it was read (else its cache would pair the old key
    with the new content)."""
    try:
        now = Path(key.path).stat()
    except OSError:
        return False
    return (now.st_size, now.st_mtime_ns) == (key.size, key.mtime_ns)


def program_fingerprint() -> str:
    from . import __version__

    digest = blake2b(f"{__version__}:{CACHE_FORMAT}".encode())
    here = Path(__file__).resolve().parent
    for name in VALIDATING_MODULES:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()


def load(key: CacheKey) -> Catalogue | None:
    """The cached catalogue for `key`, or None when there is none that can be trusted."""
    from .files import InputError, read_own_file

    target = cache_file(key)
    try:
        blob = read_own_file(target.parent, target.name, SIZE_FACTOR * key.size + SIZE_SLACK)
    except InputError:
        return None
    if not blob.startswith(MAGIC):
        return None
    start = len(MAGIC) + LENGTH_BYTES
    length = int.from_bytes(blob[len(MAGIC) : start], "big")
    try:
        header = marshal.loads(blob[start : start + length])
    except (EOFError, ValueError, TypeError):
        return None
    payload = blob[start + length :]
    if header != (*key, blake2b(payload).hexdigest()):
        return None
    try:
        data = marshal.loads(payload)
        if not _plain_values(data):
            return None
        return _decode(data)
    except (EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def store(key: CacheKey, catalogue: Catalogue) -> None:
    """Write the cache for `key`, atomically; a folder that cannot be written is no error."""
    try:
        _check_shapes(type(catalogue))
        payload = marshal.dumps(_encode(catalogue))
    except (ValueError, Uncacheable):  # values the cache cannot hold: plan without one
        return
    header = marshal.dumps((*key, blake2b(payload).hexdigest()))
    blob = MAGIC + len(header).to_bytes(LENGTH_BYTES, "big") + header + payload
    import tempfile

    target = cache_file(key)
    temporary: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        if not _own_folder(target.parent):
            return  # a folder someone else owns: its caches would never be read
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(blob)
        # A reader sees the old file or the new one, never half of one. No fsync: a cache lost
        # in a crash costs one slow start, and a torn one fails its digest.
        Path(temporary).replace(target)
        temporary = None
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()


def _own_folder(folder: Path) -> bool:
    """The folder is this user's; one that others may write to is closed to them first."""
    from .files import WRITABLE_BY_OTHERS

    found = folder.stat()
    if not hasattr(os, "geteuid") or found.st_uid != os.geteuid():
        return False
    if found.st_mode & WRITABLE_BY_OTHERS:
        folder.chmod(FOLDER_MODE)
    return True


# The types a validated catalogue's values are made of; anything else (marshal can also make
# code objects, say) is not one of its caches.
_SCALARS = frozenset({int, float, bool, type(None), bytes})
_SEQUENCES = frozenset({tuple, list, set, frozenset})


def _plain_values(data: Any) -> bool:
    """Every value is plain data and every text passes the catalogue's own text check (no
    control or hidden characters), so a cache holds nothing a catalogue file could not."""
    from .text import forbidden

    texts: list[str] = []
    stack = [data]
    while stack:  # 16,000 values in the bundled catalogue: type() beats isinstance() here
        value = stack.pop()
        kind = type(value)
        if kind is str:
            texts.append(value)
        elif kind is dict:
            stack.extend(value)
            stack.extend(value.values())
        elif kind in _SEQUENCES:
            stack.extend(value)
        elif kind not in _SCALARS:
            return False
    # All at once at C speed; only when something is odd, text by text (so that no character
    # is judged by its neighbour in another value).
    if forbidden(" ".join(texts)) is None:
        return True
    return all(forbidden(text) is None for text in texts)


# A cached model is (field values, names of the fields that were set). Values are plain data,
# except the fields that hold models, listed per model class by _nested.
def _encode(model: BaseModel) -> tuple[dict[str, Any], tuple[str, ...]]:
    cls = type(model)
    values = {name: model.__dict__[name] for name in cls.model_fields}
    for name, (_, many) in _nested(cls).items():
        value = values[name]
        if value is not None:
            values[name] = tuple(_encode(item) for item in value) if many else _encode(value)
    return values, tuple(sorted(model.model_fields_set))


def _check_shapes(cls: type[BaseModel]) -> None:
    for inner, _ in _nested(cls).values():
        _check_shapes(inner)


def _decode(data: Any) -> Catalogue:
    from .models import Catalogue

    return _build(Catalogue, data)


def _build(cls: type[BaseModel], data: tuple[dict[str, Any], tuple[str, ...]]) -> Any:
    values, fields_set = data
    if set(values) != set(cls.model_fields):
        raise KeyError("the cached fields are not the model's")
    for name, (inner, many) in _nested(cls).items():
        value = values[name]
        if value is None:
            continue
        values[name] = (
            tuple(_build(inner, item) for item in value) if many else _build(inner, value)
        )
    model = cls.__new__(cls)
    # The pickling protocol: the validated values go in as they were, without validation.
    model.__setstate__(
        {
            "__dict__": values,
            "__pydantic_fields_set__": set(fields_set),
            "__pydantic_extra__": None,
            "__pydantic_private__": None,
        }
    )
    return model


_NESTED: dict[type, dict[str, tuple[type[BaseModel], bool]]] = {}


class Uncacheable(TypeError):
    """A model holds models in a shape the cache does not rebuild (say, inside a dict)."""


def _nested(cls: type[BaseModel]) -> dict[str, tuple[type[BaseModel], bool]]:
    """The fields of `cls` that hold a model, `X | None`, or a tuple of models: name -> (model,
    many)."""
    if cls not in _NESTED:
        found: dict[str, tuple[type[BaseModel], bool]] = {}
        for name, info in cls.model_fields.items():
            shape = _shape(info.annotation)
            if shape is not None:
                found[name] = shape
        _NESTED[cls] = found
    return _NESTED[cls]


def _shape(annotation: Any) -> tuple[type[BaseModel], bool] | None:
    from pydantic import BaseModel

    def is_model(part: Any) -> bool:
        return isinstance(part, type) and issubclass(part, BaseModel)

    if is_model(annotation):
        return annotation, False
    args = [a for a in typing.get_args(annotation) if a is not type(None) and a is not Ellipsis]
    if typing.get_origin(annotation) is tuple and len(args) == 1 and is_model(args[0]):
        return args[0], True
    if len(args) == 1 and is_model(args[0]) and type(None) in typing.get_args(annotation):
        return args[0], False  # X | None
    if any(is_model(a) or _shape(a) is not None for a in args):
        raise Uncacheable(f"{annotation!r} holds models in a shape the cache does not rebuild")
    return None
