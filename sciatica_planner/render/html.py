"""A printable HTML handout: the markdown document rendered by markdown-it-py (raw HTML off),
inside one self-contained page with print styles."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from .markdown import HOW_TO, WARNING_SIGNS, program_markdown, program_title, title, week_markdown

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..models import Catalogue, WeekPlan

STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1a1a1a; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #999; }
h3 { font-size: 1rem; margin: 0.9rem 0 0.2rem; }
p { margin: 0.3rem 0; }
ol, ul { margin: 0.2rem 0 0.4rem; padding-left: 1.3rem; }
blockquote { margin: 0.75rem 0; padding: 0.5rem 0.8rem; border: 2px solid #b00020;
             border-radius: 6px; }
blockquote:last-of-type { border-color: #888; }
table { border-collapse: collapse; width: 100%; margin: 0.3rem 0 0.6rem; table-layout: fixed; }
th:nth-child(1) { width: 13%; } th:nth-child(2) { width: 44%; } th:nth-child(3) { width: 21%; }
th:nth-child(4) { width: 7%; } th:nth-child(5) { width: 15%; }
th, td { border: 1px solid #aaa; padding: 0.15rem 0.4rem; text-align: left;
         vertical-align: top; }
th { background: #eee; }
td:last-child { white-space: nowrap; font-size: 1.15em; letter-spacing: 0.1em; }
td:nth-child(3), td:nth-child(4) { white-space: nowrap; }
code { font-size: 0.85em; }
.how-to article { break-inside: avoid; page-break-inside: avoid; }
figure.pose { margin: 0.2rem 0; }
figure.pose svg { display: block; width: auto; height: auto; max-width: 100%; }
figure.pose.wide svg { max-height: 7rem; }
figure.pose.tall { float: right; margin: 0 0 0.2rem 0.5rem; }
figure.pose.tall svg { max-height: 9rem; max-width: 6rem; }
@page { size: A4; margin: 12mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; line-height: 1.3; }
  table { font-size: 8pt; line-height: 1.15; margin: 0.15rem 0 0.35rem; }
  th, td { padding: 1px 4px; }
  td:first-child { white-space: nowrap; width: 4.5em; }
  h1 { font-size: 13pt; }
  h2 { font-size: 12pt; margin-top: 0.8rem; }
  h3 { font-size: 10pt; margin-top: 0.5rem; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  blockquote { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .how-to { column-count: 3; column-gap: 5mm; font-size: 7.8pt; line-height: 1.22; }
  .how-to h2 { column-span: all; margin-top: 0; }
  .how-to h3 { margin: 0.4rem 0 0.1rem; font-size: 9pt; }
  .how-to ol { padding-left: 1.1rem; margin: 0.1rem 0 0.2rem; }
  .how-to p { margin: 0.15rem 0; }
  figure.pose.wide svg { max-height: 14mm; }
  figure.pose.tall svg { max-height: 21mm; max-width: 15mm; }
  .safety { font-size: 7.5pt; line-height: 1.2; }
  .safety ul { padding-left: 0.9rem; }
  .safety h2 { column-span: none; break-after: avoid; font-size: 10pt; }
  .safety blockquote { break-inside: avoid; padding: 0.2rem 0.4rem; border-width: 1px; }
}
"""


def week_html(plan: WeekPlan, catalogue: Catalogue) -> str:
    return document_html(week_markdown(plan, catalogue), title(plan), figures=_figures(catalogue))


def program_html(plans: list[WeekPlan], catalogue: Catalogue) -> str:
    return document_html(
        program_markdown(plans, catalogue), program_title(plans), figures=_figures(catalogue)
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
    body = _how_to_in_columns(renderer.render(markdown), figures)
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
    articles = "".join(
        f"<article>\n<h3>{_with_figure(block, figures)}</article>\n" for block in exercises
    )
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


def _with_figure(block: str, figures: Callable[[str], str | None] | None) -> str:
    """One exercise's article body with its figure after the heading, if it has one."""
    found = _FIRST_CODE.search(block)
    svg = figures(found.group(1)) if figures is not None and found else None
    if svg is None:
        return block
    size = _VIEW_BOX.search(svg)
    wide = size is not None and float(size.group(1)) >= WIDE_FIGURE * float(size.group(2))
    heading, _, rest = block.partition("</h3>\n")
    shape = "wide" if wide else "tall"
    return f'{heading}</h3>\n<figure class="pose {shape}">\n{svg}</figure>\n{rest}'
