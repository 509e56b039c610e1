"""The clinician's report as a printable HTML page: the report's markdown through the handout's
page (render/html.py), with the pain chart in place of the per-day table and the sessions chart
beside the weekly table. Two or three A4 pages for four weeks (at 12 pt)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .html import document_html
from .markdown import WARNING_SIGNS
from .report_charts import LONG_TABLE_WEEKS, pain_chart_svg, psfs_chart_svg, sessions_chart_svg
from .report_markdown import (
    EXERCISES_HEADING,
    NOTES_HEADING,
    PAIN_HEADING,
    PSFS_HEADING,
    SESSIONS_HEADING,
    report_markdown,
    report_title,
)

if TYPE_CHECKING:
    from ..report import Report

# Tighter spacing than the handout: the report is read in a minute. Its print sizes are the
# handout's (at least 12 pt, tables 11 pt: CONTRACT.md, "Pages for people").
REPORT_STYLE = """
h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.05rem; margin: 1rem 0 0.35rem; }
p, ul { margin: 0.35rem 0; }
blockquote { margin: 0.5rem 0; padding: 0.4rem 0.75rem; }
/* The handout's tables are laid out for its week; the report's size to their contents. */
table { table-layout: auto; width: auto; min-width: 50%; }
th:nth-child(n) { width: auto; }
td:last-child { white-space: normal; font-size: inherit; letter-spacing: normal; }
th, td { padding: 0.12rem 0.45rem; }
/* A chart is drawn in CSS pixels, its labels at 11.25 pt (report_charts.py): it keeps its
   size, shrinking on a narrow screen to no less than its min-width, and its frame scrolls
   sideways for the rest. Beside a table it goes under the table when both do not fit. */
.chart { overflow-x: auto; max-width: 100%; }
.chart svg { display: block; max-width: 100%; height: auto; }
.sessions, .psfs { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: flex-start; }
/* The table gives way first: its cells wrap so that the chart stays beside it, and only when
   even its narrowest does not leave room does the chart go under it. */
.sessions table, .psfs table { flex: 1 1 0; min-width: min-content; max-width: max-content;
                               width: auto; margin: 0; }
.psfs th { white-space: nowrap; }
.sessions .chart, .psfs .chart { flex: 0 1 auto; min-width: 0; }
.sessions.long { display: block; }
@media print {
  .chart { overflow: visible; }
  td:first-child { width: auto; }
  h2 { margin-top: 0.7rem; }
  .chart, .sessions, .psfs { break-inside: avoid; page-break-inside: avoid; }
  /* A section's words stay with the chart they introduce. */
  p:has(+ .sessions), p:has(+ .psfs) { break-after: avoid; page-break-after: avoid; }
  .sessions.long, .sessions.long table { break-inside: auto; page-break-inside: auto; }
  .sessions.long .chart { margin-bottom: 0.5rem; }
  .sessions tr { break-inside: avoid; page-break-inside: avoid; }
  /* The warning signs in two columns, as on the handout. */
  .safety { column-count: 2; column-gap: 6mm; }
  .safety h2 { column-span: all; }
  .safety blockquote, .safety li { break-inside: avoid; page-break-inside: avoid; }
  /* Notes are many short paragraphs: two columns keep them short. */
  .notes ul { column-count: 2; column-gap: 6mm; padding-left: 1.1rem; }
  .notes li { break-inside: avoid; page-break-inside: avoid; }
  .notes p { break-after: avoid; page-break-after: avoid; }
  /* A long list of exercises may run on to the next page (its header row repeats there). */
  .exercises table { break-inside: auto; page-break-inside: auto; }
  .exercises tr { break-inside: avoid; page-break-inside: avoid; }
}
"""


def report_html(report: Report) -> str:
    page = document_html(report_markdown(report), report_title(report), REPORT_STYLE)
    if not report.empty:
        chart = _framed(pain_chart_svg(report), "Pain chart")
        page = _replace_section(page, PAIN_HEADING, chart)
        # Past a couple of months the weekly table may run on to the next page.
        long = len(report.weeks) > LONG_TABLE_WEEKS
        sessions = _framed(sessions_chart_svg(report), "Sessions chart")
        page = _beside_table(page, SESSIONS_HEADING, sessions, long=long)
        psfs = psfs_chart_svg(report)
        if psfs:  # the chart beside the PSFS table
            page = _beside_table(page, PSFS_HEADING, _framed(psfs, "PSFS chart"), long=False,
                                 name="psfs")  # fmt: skip
        page = _wrapped(page, EXERCISES_HEADING, "exercises")
        page = _wrapped(page, NOTES_HEADING, "notes")
    return _safety_in_columns(page)  # last: the sections above end where it begins


def _framed(svg: str, name: str) -> str:
    """A chart in its frame, which scrolls sideways on a screen narrower than the chart: a
    named region that takes the keyboard's focus, so the scroll works without a mouse."""
    return f'<div class="chart" role="region" aria-label="{name}" tabindex="0">\n{svg}\n</div>\n'


def _safety_in_columns(page: str) -> str:
    """The warning signs, from their heading to the end, in the handout's safety section (set
    in columns for print)."""
    marker = f"<h2>{WARNING_SIGNS}</h2>"
    head, found, tail = page.partition(marker)
    if not found:
        raise ValueError("the report has no warning signs")
    body, end, rest = tail.partition("</main>")
    return f'{head}<section class="safety">\n{marker}{body}</section>\n{end}{rest}'


def _section(page: str, heading: str) -> tuple[str, str, str]:
    """The page before the section's body, its body (up to the next heading or the
    disclaimer's quote) and the rest."""
    marker = f"<h2>{heading}</h2>\n"
    head, found, tail = page.partition(marker)
    if not found:
        raise ValueError(f"the report has no section {heading!r}")
    end = min(i for i in (tail.find("<h2>"), tail.find("<blockquote>"), len(tail)) if i >= 0)
    return head + marker, tail[:end], tail[end:]


def _replace_section(page: str, heading: str, content: str) -> str:
    """The section's body (the per-day table, which the chart draws) replaced by `content`.
    Journal text cannot fake the tags looked for: markdown-it escapes every `<` it did not
    write itself."""
    head, _, rest = _section(page, heading)
    return head + content + rest


def _wrapped(page: str, heading: str, name: str) -> str:
    """The section's body in a `<div class="name">`, for its own print layout."""
    head, body, rest = _section(page, heading)
    return f'{head}<div class="{name}">\n{body}</div>\n{rest}'


def _beside_table(
    page: str, heading: str, chart: str, *, long: bool, name: str = "sessions"
) -> str:
    """The section's (first) table and `chart` side by side; a long table under its chart.
    What follows the table in the section (the PSFS trend and credit) stays under both."""
    head, body, rest = _section(page, heading)
    before, table, after = body.partition("<table>")
    if not table:  # no table to stand beside: the chart leads the section
        return f'{head}<div class="{name}">\n{chart}\n</div>\n{body}{rest}'
    inside, end, tail = after.partition("</table>")
    table = f"<table>{inside}{end}"
    if long:  # the chart first, then the table, free to run on
        return f'{head}{before}<div class="{name} long">\n{chart}\n{table}</div>\n{tail}{rest}'
    return f'{head}{before}<div class="{name}">\n{table}{chart}\n</div>\n{tail}{rest}'
