"""Write HTML contact sheets of the bundled exercises' figures, one page per muscle group.

    python docs/contact_sheet.py OUTDIR [--columns 3] [--only ID,ID,...] [--no-steps]
    chromium --headless --no-sandbox --screenshot=docs/figures-glutes.png \\
        --window-size=WIDTH,HEIGHT file://$PWD/OUTDIR/figures-glutes.html

With --overview it writes one page of every figure instead (OUTDIR/figures.html, the README's
docs/figures.png), six to a row without the words.

Each card is large enough to judge a pose (a figure about 380 pixels wide), with the
exercise's steps and cautions beside it, so a reviewer checks the drawing against the words.
The script prints each page's file and the window size that fits it.
"""

from __future__ import annotations

import argparse
import html
import math
from pathlib import Path
from typing import TYPE_CHECKING

from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.render.svg import figure_svg

if TYPE_CHECKING:
    from sciatica_planner.models import Exercise

CARD_WIDTH = 440
CARD_HEIGHT = 470  # the figure (about 290 px) over its steps and cautions
ART_HEIGHT = 290
GAP = 8
MARGIN = 10
HEADING = 40
STYLE = f"""
body {{ font: 12px/1.3 sans-serif; margin: {MARGIN}px; color: #1f2933; background: #fff; }}
h1 {{ font-size: 18px; margin: 0; height: {HEADING}px; }}
main {{ display: grid; grid-template-columns: repeat(var(--columns), {CARD_WIDTH}px);
        gap: {GAP}px; }}
figure {{ margin: 0; border: 1px solid #d9e2ec; height: {CARD_HEIGHT}px; display: flex;
          flex-direction: column; overflow: hidden; }}
figcaption {{ padding: 3px 6px; }}
figcaption b {{ font-size: 14px; }}
figcaption span {{ color: #7b8794; }}
.art {{ height: {ART_HEIGHT}px; display: flex; align-items: center; justify-content: center;
        padding: 4px; }}
.art svg {{ max-width: 100%; max-height: {ART_HEIGHT - 8}px; width: 100%; height: auto; }}
ol, ul {{ margin: 0 6px 0 22px; padding: 0; font-size: 11px; }}
ul {{ color: #9a3412; }}
"""


# The overview: every figure on one page, smaller, names only.
OVERVIEW_COLUMNS = 6
OVERVIEW_CARD = (260, 230)
OVERVIEW_STYLE = (
    STYLE.replace(f"{CARD_WIDTH}px", f"{OVERVIEW_CARD[0]}px")
    .replace(f"height: {CARD_HEIGHT}px", f"height: {OVERVIEW_CARD[1]}px")
    .replace(f"height: {ART_HEIGHT}px", f"height: {OVERVIEW_CARD[1] - 40}px")
    .replace(f"max-height: {ART_HEIGHT - 8}px", f"max-height: {OVERVIEW_CARD[1] - 48}px")
)


def card(exercise: Exercise, steps: bool) -> str:
    svg = figure_svg(exercise) or "<p>no figure</p>"
    words = ""
    if steps:
        words = "<ol>" + "".join(f"<li>{html.escape(s)}</li>" for s in exercise.steps) + "</ol>"
        words += "<ul>" + "".join(f"<li>{html.escape(c)}</li>" for c in exercise.cautions)
        words += "</ul>"
    return (
        f"<figure><figcaption><b>{html.escape(exercise.name)}</b> "
        f"<span>{html.escape(exercise.id)} · {html.escape(exercise.position)}</span>"
        f'</figcaption><div class="art">{svg}</div>{words}</figure>'
    )


def page(title: str, cards: list[str], columns: int) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>"
        f'<main style="--columns: {columns}">{"".join(cards)}</main></body></html>'
    )


def window(
    count: int, columns: int, size: tuple[int, int] = (CARD_WIDTH, CARD_HEIGHT)
) -> tuple[int, int]:
    """The window that fits a page: each card, its 1 px borders and the gap; the margins."""
    rows = math.ceil(count / columns)
    width = columns * (size[0] + 2 + GAP) + 2 * MARGIN
    height = rows * (size[1] + 2 + GAP) + 2 * MARGIN + HEADING
    return width, height


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--columns", type=int, default=3)
    parser.add_argument("--only", default="", help="comma list of exercise ids")
    parser.add_argument("--no-steps", action="store_true", help="figures and names only")
    parser.add_argument("--overview", action="store_true", help="one page of every figure")
    args = parser.parse_args()
    catalogue = load_catalogue()
    wanted = [part for part in args.only.split(",") if part]
    args.outdir.mkdir(parents=True, exist_ok=True)
    if args.overview:
        columns = OVERVIEW_COLUMNS
        chosen = [e for e in catalogue.exercises if not wanted or e.id in wanted]
        cards = [card(e, steps=False) for e in chosen]
        path = args.outdir / "figures.html"
        page_html = page("sciatica-plan: every exercise's figure", cards, columns)
        path.write_text(page_html.replace(STYLE, OVERVIEW_STYLE), encoding="utf-8")
        width, height = window(len(cards), columns, OVERVIEW_CARD)
        print(f"{path} {len(cards)} figures; --window-size={width},{height}")
        return
    for group in catalogue.groups:
        exercises = [
            e
            for e in catalogue.exercises
            if e.groups[0] == group.id and (not wanted or e.id in wanted)
        ]
        if not exercises:
            continue
        cards = [card(e, not args.no_steps) for e in exercises]
        title = f"sciatica-plan figures: {group.name}"
        path = args.outdir / f"figures-{group.id}.html"
        path.write_text(page(title, cards, args.columns), encoding="utf-8")
        width, height = window(len(cards), args.columns)
        print(f"{path} {len(cards)} figures; --window-size={width},{height}")


if __name__ == "__main__":
    main()
