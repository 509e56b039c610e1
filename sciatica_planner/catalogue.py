"""Reading and validating a catalogue: YAML in, a `Catalogue` or one `CatalogueError` out."""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SciaticaPlanError
from .text import visible

if TYPE_CHECKING:
    from collections.abc import Iterator

    import yaml
    from pydantic import ValidationError

    from .models import Catalogue

BUNDLED_NAME = "muscles.yaml"
# A real catalogue has a few hundred nodes per exercise; these bounds stop alias bombs
# ("billion laughs") and absurd nesting long before they cost memory or time.
MAX_NODES = 5_000_000
MAX_DEPTH = 40
MAX_BYTES = 64 * 1024 * 1024


class CatalogueError(SciaticaPlanError):
    """A catalogue file could not be read or is not a valid catalogue."""

    def __init__(
        self, path: str, problem: str, line: int | None = None, field: str | None = None
    ) -> None:
        self.path, self.problem, self.line, self.field = path, problem, line, field
        shown = visible(path)  # a file name may hold escape sequences
        where = shown if line is None else f"{shown}:{line}"
        what = problem if field is None else f"{field}: {problem}"
        super().__init__(f"{where}: {what}")


def bundled_catalogue_path() -> Path:
    """The catalogue shipped inside the package (or beside it, in a source checkout)."""
    shipped = resources.files("sciatica_planner") / "data" / BUNDLED_NAME
    if shipped.is_file():
        return Path(str(shipped))
    return Path(__file__).resolve().parent.parent / "data" / BUNDLED_NAME


def load_catalogue(path: Path | None = None, *, cache: bool = True) -> Catalogue:
    """The catalogue at `path` (the bundled one when no path is given), validated: from the
    cache when this very file was read before, else read, parsed and validated (and cached)."""
    path = bundled_catalogue_path() if path is None else path
    with collection_paused():
        return _load_through_cache(path) if cache else read_catalogue(path)


def read_catalogue(path: Path) -> Catalogue:
    """Read, parse and validate a catalogue file, without the cache."""
    text = _read_text(path)
    root = _compose(path, text)
    return _validate(path, root)


def _read_text(path: Path) -> str:
    from .files import InputError, read_regular_file

    name = str(path)
    try:
        data = read_regular_file(path, MAX_BYTES, what="a catalogue file")
    except InputError as error:
        raise CatalogueError(name, error.problem) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogueError(name, "is not UTF-8 text", line=line) from None
    if not text.strip():
        raise CatalogueError(name, "is empty")
    return text.removeprefix("\ufeff")


def _yaml_loader() -> type[yaml.SafeLoader]:
    import yaml

    if not hasattr(yaml, "CSafeLoader"):
        return yaml.SafeLoader
    return _remembering_tags(yaml.CSafeLoader)


@functools.cache
def _with_unique_keys(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """The loader, refusing a mapping that repeats a key (YAML lets the later one silently win,
    which in a catalogue hides a typo)."""
    import yaml

    class UniqueKeyLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
            seen: set[object] = set()
            for key, _ in node.value:
                if isinstance(key.value, str) and key.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key.value!r} appears twice", key.start_mark
                    )
                seen.add(key.value if isinstance(key.value, str) else id(key))
            return super().construct_mapping(node, deep)

    return UniqueKeyLoader


def _compose(path: Path, text: str) -> yaml.Node:
    import yaml

    loader_class = _yaml_loader()
    try:
        root = yaml.compose(text, Loader=loader_class)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise CatalogueError(str(path), f"YAML syntax error: {problem}", line=line) from None
    except yaml.reader.ReaderError as error:
        # A character YAML refuses, such as NUL; the C reader counts bytes, Python's characters.
        if loader_class is yaml.SafeLoader:
            line = text[: error.position].count("\n") + 1
        else:
            line = text.encode("utf-8")[: error.position].count(b"\n") + 1
        raise CatalogueError(
            str(path), f"character U+{error.character:04X} is not allowed in YAML", line=line
        ) from None
    except yaml.YAMLError as error:
        raise CatalogueError(str(path), f"YAML error: {' '.join(str(error).split())}") from None
    except RecursionError:
        raise CatalogueError(str(path), "is nested too deeply") from None
    if root is None:
        raise CatalogueError(str(path), "is empty")
    if "&" in text:  # without anchors there are no aliases to multiply the data
        _check_size(path, root)
    return root


def _check_size(path: Path, root: yaml.Node) -> None:
    """Refuse documents whose aliases or nesting would expand beyond any real catalogue."""

    expanded: dict[int, int] = {}
    # Iterative post-order walk: shared (aliased) nodes are sized once, so the walk is linear
    # in the distinct nodes while the sum tells how large the constructed data would be.
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in expanded:
            continue
        if depth > MAX_DEPTH:
            line = node.start_mark.line + 1
            raise CatalogueError(str(path), "is nested too deeply", line=line)
        children = _children(node)
        if not children_done:
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in children)
            continue
        total = 1 + sum(expanded.get(id(child), 0) for child in children)
        if total > MAX_NODES:
            raise CatalogueError(
                str(path), "expands to too much data (are aliases nested?)", line=None
            )
        expanded[id(node)] = total


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _validate(path: Path, root: yaml.Node) -> Catalogue:
    import yaml
    from pydantic import ValidationError

    from .models import Catalogue

    loader = _with_unique_keys(_yaml_loader())("")  # type: ignore[arg-type]
    try:
        data: Any = _construct(loader, root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise CatalogueError(str(path), f"YAML error: {error.problem}", line=line) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        raise _scalar_error(path, root) or CatalogueError(
            str(path), f"YAML error: {' '.join(str(error).split())}"
        ) from None
    if not isinstance(data, dict):
        raise CatalogueError(
            str(path),
            f"must be a mapping with the keys groups and exercises (found {type(data).__name__})",
            line=1,
        )
    try:
        return Catalogue.model_validate(data)
    except ValidationError as error:
        _check_size(path, root)  # absurd nesting deserves its own message over a field's
        raise _describe(path, root, data, error) from None
    except RecursionError:
        raise CatalogueError(str(path), "is nested too deeply") from None


def _scalar_error(path: Path, root: yaml.Node) -> CatalogueError | None:
    """The first number or date YAML cannot build (a number of thousands of digits, the 30th
    of February), with its line, or None when the failure lies elsewhere."""
    import yaml

    loader = _with_unique_keys(_yaml_loader())("")  # type: ignore[arg-type]
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":timestamp")):
            try:
                loader.construct_object(node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                line = node.start_mark.line + 1
                value = visible(node.value, limit=40)
                kind = "a date" if node.tag.endswith(":timestamp") else "a number"
                if kind == "a number":
                    problem = f"{value} is too long to be a number ({len(node.value)} characters)"
                else:
                    problem = f"{value} is not a real date"
                return CatalogueError(str(path), problem, line=line)
        stack.extend(reversed(_children(node)))
    return None


def _describe(path: Path, root: yaml.Node, data: Any, error: ValidationError) -> CatalogueError:
    errors = error.errors(include_url=False)
    # A typo makes two errors, the unknown key and the field it misspells as missing: name the typo.
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = tuple(first.get("ctx", {}).get("path", first["loc"]))
    problem = _problem(first)
    if len(errors) > 1:
        problem += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return CatalogueError(
        str(path), problem, line=_line_of(root, loc), field=_dotted(loc, data) or None
    )


_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known field (check the spelling)",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "tuple_type": "must be a list",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping",
    "model_attributes_type": "must be a mapping",
}


def _problem(error: Any) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']} (found {error['input']!r})"
    if kind == "greater_than":
        return f"must be more than {ctx['gt']} (found {error['input']!r})"
    if kind == "less_than_equal":
        return f"must be at most {ctx['le']} (found {error['input']!r})"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"must be one of {ctx['expected']} (found {error['input']!r})"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} is not a valid id: use lowercase letters, digits and hyphens"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _dotted(loc: tuple[Any, ...], data: Any) -> str:
    """('exercises', 2, 'sets') -> 'exercises[2].sets', naming the exercise when its id is known."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            # A key is the author's text: quote one that would break the line or the terminal.
            name = str(part) if str(part).isprintable() else repr(str(part))
            text += f".{name}" if text else name
    if len(loc) > 2 and loc[0] == "exercises" and isinstance(loc[1], int):
        try:
            exercise_id = data["exercises"][loc[1]]["id"]
        except (KeyError, IndexError, TypeError):
            exercise_id = None
        if isinstance(exercise_id, str) and exercise_id.isprintable():
            text += f" (in {exercise_id[:80]})"
    return text


def _line_of(root: yaml.Node, loc: tuple[Any, ...]) -> int | None:
    """The line (1-based) where the value at `loc` starts in the YAML file, if it can be found."""
    import yaml

    node = root
    line = root.start_mark.line
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            pair = next(((k, v) for k, v in node.value if k.value == part), None)
            if pair is None:
                # A missing key: point at the mapping that lacks it.
                return node.start_mark.line + 1
            # Point at the key: a block list or mapping under it starts on the next line.
            line = pair[0].start_mark.line
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return line + 1


def bundled_catalogue_data() -> dict[str, Any]:
    """The bundled catalogue as plain data (its comments aside), for tools that extend it."""
    import yaml

    path = bundled_catalogue_path()
    data: dict[str, Any] = yaml.load(_read_text(path), Loader=_yaml_loader())
    return data


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, and restore it as it was, even on error.

    Parsing and validating a catalogue allocates millions of objects that all stay alive; each
    allocation threshold sets off a collection that walks every one of them again, which makes a
    big catalogue's load grow faster than its size. Nothing made while loading is cyclic garbage.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_through_cache(path: Path) -> Catalogue:
    from . import catalogue_cache

    key = catalogue_cache.key_of(path, MAX_BYTES)
    if key is not None:
        cached = catalogue_cache.load(key)
        if cached is not None:
            return cached
    catalogue = read_catalogue(path)
    if key is not None and catalogue_cache.still_current(key):
        catalogue_cache.store(key, catalogue)
    return catalogue


_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + name for name in ("str", "int", "float", "bool", "null"))
_SEQ, _MAP = _TAG + "seq", _TAG + "map"
# Numbers whose YAML 1.1 meaning is Python's: no octal "010", no "1_000", no sexagesimal "1:30".
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?\Z")
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}


class _Unusual(Exception):  # a signal, not an error
    """The document uses YAML the quick walk leaves to PyYAML's constructor."""


def _construct(loader: yaml.SafeLoader, root: yaml.Node) -> Any:
    """The document's data. PyYAML's constructor spends most of a big catalogue's load in
    generic machinery; the plain YAML a catalogue is written in (mappings with text keys, lists,
    text, whole numbers, decimals, booleans, nulls) is built by a direct walk instead. Anything
    else (anchors, merge keys, tags, repeated keys, other numbers) goes to PyYAML's constructor,
    which also words the errors."""
    try:
        return _quick(root, set())
    except (_Unusual, RecursionError):
        return loader.construct_document(root)


def _quick(node: yaml.Node, seen: set[int]) -> Any:
    import yaml

    kind, tag = type(node), node.tag
    if kind is yaml.ScalarNode:
        value = node.value
        if tag == _STR:
            return value
        if tag == _INT and _PLAIN_INT.match(value):
            return int(value)
        if tag == _FLOAT and _PLAIN_FLOAT.match(value):
            return float(value)
        if tag == _BOOL and value.lower() in _BOOLS:
            return _BOOLS[value.lower()]
        if tag == _NULL:
            return None
        raise _Unusual
    if id(node) in seen:  # an alias: shared data is PyYAML's to build
        raise _Unusual
    seen.add(id(node))
    if kind is yaml.SequenceNode and tag == _SEQ:
        return [_quick(item, seen) for item in node.value]
    if kind is yaml.MappingNode and tag == _MAP:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                raise _Unusual
            if key_node.value in result:
                raise _Unusual
            result[key_node.value] = _quick(value_node, seen)
        return result
    raise _Unusual


@functools.cache
def _remembering_tags(base: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """The C loader, remembering the tag of each plain scalar it has resolved.

    The C parser asks the Python resolver for the tag of every scalar, running its regular
    expressions; a catalogue repeats the same keys and words thousands of times. Without path
    resolvers (the safe loader has none) a scalar's tag depends on its text alone.
    """
    import yaml

    class RememberingLoader(base):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.tags: dict[tuple[str, tuple[bool, bool]], str] = {}

        def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
            if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
                return str(super().resolve(kind, value, implicit))
            key = (value, implicit)
            tag = self.tags.get(key)
            if tag is None:
                tag = self.tags[key] = super().resolve(kind, value, implicit)
            return tag

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            if self.yaml_path_resolvers:
                super().descend_resolver(current_node, current_index)

        def ascend_resolver(self) -> None:
            if self.yaml_path_resolvers:
                super().ascend_resolver()

    return RememberingLoader
