"""Shell completion of exercise ids (`show`, `--exclude`, `--done`, `--felt ID=HOW`) from the
catalogue in use; groups, weekdays, equipment and positions complete from their types. Click
calls these only while completing, so the catalogue (and pydantic and yaml with it) is loaded
then, never for --help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocabulary import FEELINGS

if TYPE_CHECKING:
    import click


def catalogue_ids(ctx: click.Context) -> list[str]:
    """The ids of the catalogue `--catalogue` (or its variable) names, else the bundled one's;
    none when it cannot be read (completion never prints an error)."""
    from ..catalogue import load_catalogue
    from ..errors import SciaticaPlanError

    path = ctx.find_root().params.get("catalogue")
    try:
        return sorted(load_catalogue(path).by_id)
    except (SciaticaPlanError, OSError):
        return []


def last_of_list(incomplete: str) -> tuple[str, str]:
    """A comma list being typed: what is typed before the last item, and the last item."""
    head, _, last = incomplete.rpartition(",")
    return (f"{head}," if head else ""), last.lower()


def exercise_ids(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """One id, or the last of a comma list (`--exclude a,b`, `--done a,b`)."""
    prefix, last = last_of_list(incomplete)
    return [prefix + i for i in catalogue_ids(ctx) if i.startswith(last)]


def felt_pairs(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """ID=HOW: the ids first; once one id is left (or typed with its `=`), ID=easy and the
    other answers."""
    exercise, equals, how = incomplete.partition("=")
    ids = [i for i in catalogue_ids(ctx) if i.startswith(exercise.lower())]
    if equals:
        ids = [i for i in ids if i == exercise.lower()]
    if len(ids) != 1:
        return ids
    return [f"{ids[0]}={h}" for h in FEELINGS if h.startswith(how.lower())]
