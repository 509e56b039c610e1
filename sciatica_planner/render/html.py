"""A printable HTML handout: the markdown document rendered by markdown-it-py (raw HTML off),
inside one self-contained page with print styles."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .markdown import program_markdown, program_title, title, week_markdown

if TYPE_CHECKING:
    from ..models import Catalogue, WeekPlan

STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1a1a1a; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.5rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin-bottom: 0.25rem; }
blockquote { margin: 1rem 0; padding: 0.75rem 1rem; background: #fff8e1;
             border-left: 4px solid #f0b400; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
th { background: #f2f2f2; }
/* The tick-box column is the one centred column (markdown `:-:`). */
th[style*="center"], td[style*="center"] { font-size: 1.3rem; width: 2rem; }
code { font-size: 0.9em; }
.how-to article { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 + p { break-after: avoid; }
  blockquote { break-inside: avoid; }
  table { break-inside: avoid; page-break-inside: avoid; }
  .how-to { column-count: 2; column-gap: 8mm; font-size: 9.5pt; }
  .how-to h2 { column-span: all; }
}
"""

HOW_TO = "<h2>How to do each exercise</h2>"


def week_html(plan: WeekPlan, catalogue: Catalogue) -> str:
    return document_html(week_markdown(plan, catalogue), title(plan))


def program_html(plans: list[WeekPlan], catalogue: Catalogue) -> str:
    return document_html(program_markdown(plans, catalogue), program_title(plans))


def document_html(markdown: str, heading: str, style: str = "") -> str:
    """A markdown handout as a printable HTML page; `style` adds to the handout's styles."""
    from markdown_it import MarkdownIt

    # Raw HTML off: catalogue text can never become markup, even unescaped.
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = _how_to_in_columns(renderer.render(markdown))
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(heading)}</title>\n"
        f"<style>{STYLE}{style}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _how_to_in_columns(body: str) -> str:
    """Wrap the how-to section, and each exercise in it, so print can set them in two columns
    without splitting an exercise. Layout only: the words are the markdown's. Catalogue text
    cannot fake these tags, since markdown-it escapes every `<` it did not write itself."""
    head, found, tail = body.partition(HOW_TO)
    if not found:
        return body
    first, *exercises = tail.split("<h3>")
    articles = "".join(f"<article>\n<h3>{block}</article>\n" for block in exercises)
    return f'{head}<section class="how-to">\n{HOW_TO}{first}{articles}</section>\n'
