"""Write an HTML contact sheet of every bundled exercise's figure (for docs/figures.png).

    python docs/contact_sheet.py docs/figures.html [--columns 8] [--only ID,ID,...]
    chromium --headless --no-sandbox --screenshot=docs/figures.png \\
        --window-size=1600,HEIGHT file://$PWD/docs/figures.html

The script prints the window height that fits the sheet.
"""

from __future__ import annotations

import argparse
import html
import math
from pathlib import Path

from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.render.svg import figure_svg

CARD_WIDTH = 196
CARD_HEIGHT = 176
GAP = 4
STYLE = f"""
body {{ font: 11px/1.25 sans-serif; margin: 8px; color: #1f2933; background: #fff; }}
main {{ display: grid; grid-template-columns: repeat(var(--columns), {CARD_WIDTH}px);
        gap: {GAP}px; }}
figure {{ margin: 0; border: 1px solid #d9e2ec; height: {CARD_HEIGHT}px; display: flex;
          flex-direction: column; }}
figcaption {{ padding: 2px 4px; height: 28px; overflow: hidden; }}
figcaption b {{ display: block; white-space: nowrap; overflow: hidden;
                text-overflow: ellipsis; }}
figcaption span {{ color: #7b8794; }}
.art {{ flex: 1; display: flex; align-items: center; justify-content: center; padding: 2px; }}
.art svg {{ max-width: 100%; max-height: {CARD_HEIGHT - 36}px; width: auto; height: auto; }}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--columns", type=int, default=8)
    parser.add_argument("--only", default="", help="comma list of exercise ids")
    args = parser.parse_args()
    catalogue = load_catalogue()
    wanted = [part for part in args.only.split(",") if part]
    exercises = [e for e in catalogue.exercises if not wanted or e.id in wanted]
    cards = []
    for exercise in exercises:
        svg = figure_svg(exercise) or "<p>no figure</p>"
        cards.append(
            f"<figure><figcaption><b>{html.escape(exercise.name)}</b>"
            f"<span>{html.escape(exercise.id)}</span></figcaption>"
            f'<div class="art">{svg}</div></figure>'
        )
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>sciatica-plan: every exercise's figure</title><style>{STYLE}</style></head>"
        f'<body><main style="--columns: {args.columns}">{"".join(cards)}</main></body></html>'
    )
    args.output.write_text(page, encoding="utf-8")
    rows = math.ceil(len(cards) / args.columns)
    # each card: its size, a 1 px border each side, the gap; the page: an 8 px margin
    width = args.columns * (CARD_WIDTH + 2 + GAP) + 16
    height = rows * (CARD_HEIGHT + 2 + GAP) + 16
    print(f"{len(cards)} figures; --window-size={width},{height}")


if __name__ == "__main__":
    main()
