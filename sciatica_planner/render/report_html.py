"""The clinician's report as a printable HTML page: the report's markdown through the handout's
page (render/html.py), with the pain chart in place of the per-day table and the sessions chart
beside the weekly table. One or two A4 pages for four weeks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .html import document_html
from .report_charts import pain_chart_svg, sessions_chart_svg
from .report_markdown import PAIN_HEADING, SESSIONS_HEADING, report_markdown, report_title

if TYPE_CHECKING:
    from ..report import Report

# Tighter than the handout: the report is read in a minute and must fit two A4 pages.
REPORT_STYLE = """
h1 { font-size: 1.35rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.05rem; margin: 1rem 0 0.35rem; }
p, ul { margin: 0.35rem 0; }
blockquote { margin: 0.5rem 0; padding: 0.4rem 0.75rem; font-size: 0.9em; }
table { width: auto; min-width: 50%; }
th, td { padding: 0.12rem 0.45rem; }
.chart svg { display: block; max-width: 100%; height: auto; }
.sessions { display: flex; gap: 1.5rem; align-items: flex-start; }
.sessions table { width: auto; min-width: 0; margin: 0; }
.sessions svg { flex: 0 1 auto; max-width: 100%; height: auto; }
@media print {
  body { font-size: 9pt; line-height: 1.35; }
  h2 { margin-top: 0.7rem; }
  .chart, .sessions { break-inside: avoid; page-break-inside: avoid; }
}
"""


def report_html(report: Report) -> str:
    page = document_html(report_markdown(report), report_title(report), REPORT_STYLE)
    if report.empty:
        return page
    chart = f'<div class="chart">\n{pain_chart_svg(report)}\n</div>\n'
    page = _replace_section(page, PAIN_HEADING, chart)
    return _beside_table(page, SESSIONS_HEADING, sessions_chart_svg(report))


def _section(page: str, heading: str) -> tuple[str, str, str]:
    """The page before the section's body, its body (up to the next heading) and the rest."""
    marker = f"<h2>{heading}</h2>\n"
    head, found, tail = page.partition(marker)
    if not found:
        raise ValueError(f"the report has no section {heading!r}")
    end = tail.find("<h2>")
    return head + marker, tail[:end], tail[end:]


def _replace_section(page: str, heading: str, content: str) -> str:
    """The section's body (the per-day table, which the chart draws) replaced by `content`.
    Journal text cannot fake the tags looked for: markdown-it escapes every `<` it did not
    write itself."""
    head, _, rest = _section(page, heading)
    return head + content + rest


def _beside_table(page: str, heading: str, chart: str) -> str:
    """The section's table and `chart` side by side."""
    head, body, rest = _section(page, heading)
    before, table, after = body.partition("<table>")
    return f'{head}{before}<div class="sessions">\n{table}{after}{chart}\n</div>\n{rest}'
