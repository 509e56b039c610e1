"""A printable HTML handout: the markdown document rendered by markdown-it-py (raw HTML off),
inside one self-contained page with print styles."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from .markdown import HOW_TO, TICK_BOX, WARNING_SIGNS, program_title, title, week_markdown
from .programme import program_markdown

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..models import Catalogue, WeekPlan

# Print sizes: RNIB Clear Print asks for body text of at least 12 pt, 14 preferred (clinical.md
# [F4]); the contract, at least 12 pt for text and 11 pt for tables. Large print is 14 pt
# throughout. Never make a page count by shrinking these: a longer handout is the cost.
BODY_PT = 12
TABLE_PT = 11
LARGE_PT = 14
# Figures on paper: wide ones (lying, kneeling) at least this wide and at most this tall; tall
# ones (standing, sitting) this wide, unless that would make them taller than the cap.
FIGURE_MIN_MM = 35
WIDE_FIGURE_HEIGHT_MM = 24
WIDE_FIGURE_MAX_MM = 70
TALL_FIGURE_MAX_HEIGHT_MM = 65
LARGE_FIGURE_MIN_MM = 45
LARGE_WIDE_FIGURE_HEIGHT_MM = 30
LARGE_WIDE_FIGURE_MAX_MM = 85
LARGE_TALL_FIGURE_MAX_HEIGHT_MM = 80
# A4's margins: wide enough for any home printer's unprintable edge (about 5 mm).
PAGE_MARGIN_MM = (10, 12)  # top and bottom, left and right
# Under this width tables become stacked rows, a row a card, each cell named by its column.
NARROW = "40em"

STYLE = f"""
:root {{ color-scheme: light; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1a1a1a; max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem;
       overflow-wrap: break-word; }}
h1 {{ font-size: 1.6rem; line-height: 1.25; margin: 0 0 0.5rem; }}
h2 {{ font-size: 1.3rem; line-height: 1.3; margin: 1.5rem 0 0.5rem;
      border-bottom: 1px solid #767676; }}
h3 {{ font-size: 1.1rem; line-height: 1.3; margin: 1rem 0 0.25rem; }}
p {{ margin: 0.4rem 0; }}
ol, ul {{ margin: 0.25rem 0 0.5rem; padding-left: 1.5rem; }}
blockquote {{ margin: 0.75rem 0; padding: 0.5rem 0.8rem; border: 2px solid #b00020;
             border-radius: 6px; }}
blockquote:last-of-type {{ border-color: #767676; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; }}
th, td {{ border: 1px solid #8a8a8a; padding: 0.2rem 0.45rem; text-align: left;
         vertical-align: top; }}
th {{ background: #eee; }}
td.ticks {{ font-size: 1.2em; letter-spacing: 0.1em; line-height: 1.3; }}
td.ticks.whole {{ white-space: nowrap; width: 1%; }}
code {{ font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 1em; }}
.how-to article {{ display: flow-root; }}
figure.pose {{ margin: 0.3rem 0; }}
figure.pose svg {{ display: block; height: auto; max-width: 100%; }}
figure.pose.wide svg {{ width: clamp(8rem, calc(6rem * var(--aspect)), min(100%, 20rem)); }}
figure.pose.tall {{ float: right; margin: 0 0 0.3rem 0.75rem; }}
figure.pose.tall svg {{ width: min(7rem, calc(13rem * var(--aspect))); }}
@media screen and (max-width: {NARROW}) {{
  body {{ margin-top: 1rem; }}
  table, tbody, tr, td {{ display: block; width: auto; }}
  thead {{ display: none; }}
  tr {{ border: 1px solid #8a8a8a; border-radius: 4px; margin: 0 0 0.5rem;
        padding: 0.3rem 0.5rem; }}
  td {{ border: 0; padding: 0.1rem 0; }}
  td[data-label]::before {{ content: attr(data-label) ": "; font-weight: 600;
                            font-size: 1rem; letter-spacing: normal; }}
  td:empty {{ display: none; }}
  figure.pose.tall {{ float: none; margin: 0.3rem 0; }}
}}
@page {{ size: A4; margin: {PAGE_MARGIN_MM[0]}mm {PAGE_MARGIN_MM[1]}mm; }}
@media print {{
  body {{ margin: 0; padding: 0; max-width: none; font-size: {BODY_PT}pt; line-height: 1.3; }}
  h1 {{ font-size: 18pt; }}
  h2 {{ font-size: 15pt; margin: 10pt 0 4pt; }}
  h3 {{ font-size: 13pt; margin: 8pt 0 2pt; }}
  h2, h3 {{ break-after: avoid; page-break-after: avoid; break-inside: avoid; }}
  p {{ margin: 3pt 0; }}
  table {{ font-size: {TABLE_PT}pt; line-height: 1.25; margin: 3pt 0 6pt; }}
  th, td {{ padding: 1pt 4pt; }}
  td.ticks {{ font-size: {TABLE_PT + 2}pt; line-height: 1.1; }}
  blockquote {{ break-inside: avoid; page-break-inside: avoid; padding: 3pt 6pt; }}
  tr {{ break-inside: avoid; page-break-inside: avoid; }}
  /* The heading runs in the first column, so it cannot be stranded at the foot of a page
     away from the first exercise (Chromium breaks after a spanning heading regardless). */
  .how-to {{ column-count: 2; column-gap: 7mm; }}
  /* An exercise may run on into the next column (keeping whole columns full is what keeps
     the page count down at this size), but its name stays with its figure and first step. */
  .how-to .lead, .how-to li {{ break-inside: avoid; page-break-inside: avoid; }}
  .how-to .lead {{ break-after: avoid; page-break-after: avoid; }}
  p, li {{ orphans: 2; widows: 2; }}
  .how-to ol {{ padding-left: 1.3em; }}
  figure.pose.wide svg {{ width: clamp({FIGURE_MIN_MM}mm,
      calc({WIDE_FIGURE_HEIGHT_MM}mm * var(--aspect)), min(100%, {WIDE_FIGURE_MAX_MM}mm)); }}
  figure.pose.tall svg {{ width: min({FIGURE_MIN_MM}mm,
      calc({TALL_FIGURE_MAX_HEIGHT_MM}mm * var(--aspect))); }}
  .safety blockquote {{ border-width: 1px; }}
}}
"""

# Large print (export --large-print): 14 pt for every word on paper, tables included, and
# larger figures; a little larger on screen too.
LARGE_STYLE = f"""
body {{ font-size: 1.2rem; }}
@media print {{
  body {{ font-size: {LARGE_PT}pt; }}
  h1 {{ font-size: 20pt; }}
  h2 {{ font-size: 17pt; }}
  h3 {{ font-size: 15pt; }}
  table {{ font-size: {LARGE_PT}pt; }}
  /* At this size a day's boxes may wrap, so the exercise's name keeps a readable width. */
  td.ticks {{ font-size: {LARGE_PT + 2}pt; }}
  td.ticks.whole {{ white-space: normal; width: auto; }}
  /* Beside a 45 mm figure a column's steps would be a word or two a line: above them. */
  figure.pose.tall {{ float: none; margin: 2pt 0; }}
  figure.pose.wide svg {{ width: clamp({LARGE_FIGURE_MIN_MM}mm,
      calc({LARGE_WIDE_FIGURE_HEIGHT_MM}mm * var(--aspect)),
      min(100%, {LARGE_WIDE_FIGURE_MAX_MM}mm)); }}
  figure.pose.tall svg {{ width: min({LARGE_FIGURE_MIN_MM}mm,
      calc({LARGE_TALL_FIGURE_MAX_HEIGHT_MM}mm * var(--aspect))); }}
}}
"""


def week_html(plan: WeekPlan, catalogue: Catalogue, large_print: bool = False) -> str:
    return document_html(
        week_markdown(plan, catalogue),
        title(plan),
        LARGE_STYLE if large_print else "",
        figures=_figures(catalogue),
    )


def program_html(plans: list[WeekPlan], catalogue: Catalogue, large_print: bool = False) -> str:
    return document_html(
        program_markdown(plans, catalogue),
        program_title(plans),
        LARGE_STYLE if large_print else "",
        figures=_figures(catalogue),
    )


def _figures(catalogue: Catalogue) -> Callable[[str], str | None]:
    """An exercise's figure as SVG by its id (None for an unknown id or an imported exercise)."""
    from .svg import figure_svg

    def figure(ident: str) -> str | None:
        exercise = catalogue.exercise(ident)
        return figure_svg(exercise) if exercise is not None else None

    return figure


def document_html(
    markdown: str,
    heading: str,
    style: str = "",
    figures: Callable[[str], str | None] | None = None,
) -> str:
    """A markdown handout as a printable HTML page; `style` adds to the handout's styles, and
    `figures` draws each exercise of the how-to beside its steps."""
    from markdown_it import MarkdownIt

    # Raw HTML off: catalogue text can never become markup, even unescaped.
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = labelled_cells(_how_to_in_columns(renderer.render(markdown), figures))
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(heading)}</title>\n"
        f"<style>{STYLE}{style}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _how_to_in_columns(body: str, figures: Callable[[str], str | None] | None = None) -> str:
    """Wrap the how-to section, and each exercise in it, so print can set them in columns
    without splitting an exercise; draw each exercise's figure under its name. Layout only: the
    words are the markdown's. Catalogue text cannot fake these tags, since markdown-it escapes
    every `<` it did not write itself (and `escape` every backtick, so the only code span of an
    exercise is its id)."""
    how_to, signs = f"<h2>{HOW_TO}</h2>", f"<h2>{WARNING_SIGNS}</h2>"
    head, found, tail = body.partition(how_to)
    if not found:
        return body
    section, _, after = tail.partition(signs)
    first, *exercises = section.split("<h3>")
    articles = "".join(f"<article>\n{_article(block, figures)}</article>\n" for block in exercises)
    # The warning signs run on in the same columns, so no half-empty page opens between them.
    return (
        f'{head}<section class="how-to">\n{how_to}{first}{articles}'
        f'<section class="safety">\n{signs}{after}</section>\n</section>\n'
    )


_FIRST_CODE = re.compile(r"<code>([a-z0-9-]+)</code>")
_VIEW_BOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
# A figure this much wider than tall (lying, kneeling) spans the column; a narrower one
# (standing, sitting) sits beside the steps, so neither costs much of the page.
WIDE_FIGURE = 1.4


def _article(block: str, figures: Callable[[str], str | None] | None) -> str:
    """One exercise of the how-to (its markdown rendered, from after its `<h3>`) with its
    figure. The name and first line (what it is, its dose) go in one `<div class="lead">`,
    which print keeps together, since a name alone at the foot of a column reads as a mistake.
    A wide figure goes inside it, under the name; a tall one floats beside the steps after it,
    so a long drawing never pushes a whole exercise to the next column."""
    heading, _, rest = block.partition("</h3>\n")
    about, found, steps = rest.partition("</p>\n")
    if not found:
        about, steps = "", rest
    else:
        about += found
    figure, wide = _figure(block, figures)
    if wide:
        return f'<div class="lead">\n<h3>{heading}</h3>\n{figure}{about}</div>\n{steps}'
    return f'<div class="lead">\n<h3>{heading}</h3>\n{about}</div>\n{figure}{steps}'


def _figure(block: str, figures: Callable[[str], str | None] | None) -> tuple[str, bool]:
    """The exercise's figure (empty without one) and whether it is a wide one."""
    found = _FIRST_CODE.search(block)
    svg = figures(found.group(1)) if figures is not None and found else None
    size = _VIEW_BOX.search(svg) if svg is not None else None
    if svg is None or size is None:
        return "", False
    # The drawing's width over height, for the styles to size it by (never catalogue text).
    aspect = float(size.group(1)) / float(size.group(2))
    wide = aspect >= WIDE_FIGURE
    shape = "wide" if wide else "tall"
    return f'<figure class="pose {shape}" style="--aspect: {aspect:.3f}">\n{svg}</figure>\n', wide


_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)
_HEADER_CELL = re.compile(r"<th>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>\n(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<td>")


def labelled_cells(body: str) -> str:
    """Each table cell named by its column (`data-label`), so a narrow screen can stack a row
    into lines of "Dose: 3 x 10"; a column of tick boxes is marked for its own size. The
    labels are the header cells markdown-it wrote, so already escaped."""

    def table(found: re.Match[str]) -> str:
        text = found.group(0)
        head, _, tail = text.partition("</thead>")
        labels = _HEADER_CELL.findall(head)
        # Columns of tick boxes (one a day) are set larger, to tick on paper.
        first_row = _ROW.search(tail)
        cells = re.findall(r"<td>(.*?)</td>", first_row.group(1)) if first_row else []
        tick_columns = {i for i, cell in enumerate(cells) if cell and set(cell) <= TICK_CHARS}
        # A day's boxes on one line, while the days are few enough for the page's width.
        whole = len(tick_columns) <= WHOLE_TICK_COLUMNS
        tick_class = "ticks whole" if whole else "ticks"

        def row(cells: re.Match[str]) -> str:
            index = iter(range(len(labels)))

            def cell(_: re.Match[str]) -> str:
                column = next(index, None)
                if column is None:
                    return "<td>"
                ticks = f' class="{tick_class}"' if column in tick_columns else ""
                return f'<td data-label="{labels[column]}"{ticks}>'

            return "<tr>\n" + _CELL.sub(cell, cells.group(1)) + "</tr>"

        return head + "</thead>" + _ROW.sub(row, tail)

    return _TABLE.sub(table, body)


TICK_CHARS = {TICK_BOX, " "}
# Up to 4 days' columns of up to 5 boxes each fit an A4 page's width unbroken.
WHOLE_TICK_COLUMNS = 4
