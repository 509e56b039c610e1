"""The report's two charts as inline SVG, written by hand: pain per day (with sessions and
spreading marked) and sessions per week against the plan. No script, no network, no fonts or
images fetched: the drawing is a few lines, circles and words, and prints as it shows."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from ..report import WEEK_DAYS
from . import wording
from .report_markdown import day_pain, day_words

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..report import Report

PAIN_AXIS = "Pain (0-10)"
DATE_AXIS = "Date"
PAIN_MAX = 10
PAIN_GRID_STEP = 2  # a labelled line every 2 points keeps the axis readable at print size

# Pain chart geometry, in SVG units (the page scales the whole drawing to its width).
WIDTH = 720
LEFT = 78  # room for the strip names ("Spreading") and the rotated pain axis title
RIGHT = 22  # half a date label, for the last day's under the plot's edge
TOP = 10
PLOT_HEIGHT = 150
STRIP = 13  # the height of each marker row under the plot
MOST_DATE_LABELS = 9  # more would collide at a 720-unit width
LABEL_STEPS = (1, 2, 7, 14, 28, 56, 91, 182)  # days between date labels: daily, weekly, ...

INK = "#1a1a1a"
GRID = "#d9d9d9"
PAIN_COLOUR = "#1f5fa8"
SPREADING_COLOUR = "#c0392b"
LEGEND_PAIN = "pain: the day's mean (a bar: its range)"
SESSION_COLOUR = "#2e7d32"
# Leg and back pain (schema 3): two more lines, told apart by dash as well as colour, so the
# chart reads in grey print too.
LEG_COLOUR = "#8e44ad"
BACK_COLOUR = "#b9770e"
LEG_DASH = "5 3"
BACK_DASH = "1.5 2.5"
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'


def _number(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _label_step(days: int) -> int:
    return next((s for s in LABEL_STEPS if days / s <= MOST_DATE_LABELS), LABEL_STEPS[-1])


def pain_chart_svg(report: Report) -> str:
    """Pain over the report's days: one point per day with entries, a line joining them, and
    rows under the plot marking the days with a session and the days with spreading."""
    plot_width = WIDTH - LEFT - RIGHT
    bottom = TOP + PLOT_HEIGHT
    step = plot_width / report.days
    session_row = bottom + 14
    spreading_row = session_row + STRIP + 2
    dates_row = spreading_row + STRIP + 6
    axis_row = dates_row + 19
    legend_row = axis_row + 20
    apart: Apart = [
        (name, colour, dash, [(d.date, getattr(d, name)) for d in report.pain_days
                              if getattr(d, name) is not None])
        for name, colour, dash in (("leg", LEG_COLOUR, LEG_DASH), ("back", BACK_COLOUR, BACK_DASH))
    ]  # fmt: skip
    apart = [line for line in apart if line[3]]
    height = legend_row + (26 if apart else 10)

    def x(date: dt.date) -> float:
        return LEFT + ((date - report.start).days + 0.5) * step

    def y(pain: float) -> float:
        return bottom - pain / PAIN_MAX * PLOT_HEIGHT

    radius = max(1.6, min(4.0, step * 0.32))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pain-chart" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" role="img" aria-labelledby="pain-chart-title" {FONT} '
        f'font-size="11" fill="{INK}">',
        f'<title id="pain-chart-title">Pain per day, {escape(wording.long_date(report.start))}'
        f" to {escape(wording.long_date(report.end))}</title>",
    ]
    # Pain grid and its labels.
    for level in range(0, PAIN_MAX + 1, PAIN_GRID_STEP):
        at = _number(y(level))
        parts.append(
            f'<line x1="{LEFT}" y1="{at}" x2="{WIDTH - RIGHT}" y2="{at}" stroke="{GRID}" '
            'stroke-width="0.8"/>'
        )
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{_number(y(level) + 4)}" '
            f'text-anchor="end">{level}</text>'
        )
    middle = _number(TOP + PLOT_HEIGHT / 2)
    parts.append(
        f'<text class="axis-label" x="14" y="{middle}" text-anchor="middle" '
        f'transform="rotate(-90 14 {middle})" font-weight="bold">{PAIN_AXIS}</text>'
    )
    # Dates: the last day labelled, and every `label_step` days before it.
    label_step = _label_step(report.days)
    for back in range(0, report.days, label_step):
        index = report.days - 1 - back
        at = _number(LEFT + (index + 0.5) * step)
        date = report.start + dt.timedelta(days=index)
        parts.append(
            f'<line x1="{at}" y1="{TOP}" x2="{at}" y2="{spreading_row + STRIP}" '
            f'stroke="{GRID}" stroke-width="0.8" stroke-dasharray="2 3"/>'
        )
        parts.append(
            f'<text class="tick" x="{at}" y="{dates_row + 4}" text-anchor="middle">'
            f"{date.day} {date:%b}</text>"
        )
    parts.append(
        f'<text class="axis-label" x="{_number(LEFT + plot_width / 2)}" y="{axis_row}" '
        f'text-anchor="middle" font-weight="bold">{DATE_AXIS}</text>'
    )
    # Axes.
    parts.append(
        f'<path d="M{LEFT} {TOP}V{bottom}H{WIDTH - RIGHT}" fill="none" stroke="{INK}" '
        'stroke-width="1"/>'
    )
    # Marker rows.
    for row, name in ((session_row, "Session"), (spreading_row, "Spreading")):
        parts.append(
            f'<text x="{LEFT - 6}" y="{row + 4}" text-anchor="end" font-size="10">{name}</text>'
        )
    # The line, then the points over it.
    if len(report.pain_days) > 1:
        points = " ".join(f"{_number(x(d.date))},{_number(y(d.pain))}" for d in report.pain_days)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{PAIN_COLOUR}" '
            'stroke-width="1.2" stroke-opacity="0.6"/>'
        )
    parts += _apart_lines(apart, x, y, radius)  # leg and back pain, under the overall pain
    mark = max(2.5, min(4.5, step * 0.35))
    for day in report.pain_days:
        cx = _number(x(day.date))
        if day.lowest != day.highest:
            parts.append(
                f'<line class="range" x1="{cx}" y1="{_number(y(day.lowest))}" x2="{cx}" '
                f'y2="{_number(y(day.highest))}" stroke="{PAIN_COLOUR}" stroke-width="1"/>'
            )
        cy = _number(y(day.pain))
        if day.spreading:  # a red ring round the point, as well as the mark in its row
            parts.append(
                f'<circle class="spreading-ring" cx="{cx}" cy="{cy}" r="{_number(radius + 2.4)}" '
                f'fill="none" stroke="{SPREADING_COLOUR}" stroke-width="1.5"/>'
            )
        parts.append(
            f'<circle class="point" data-date="{day.date.isoformat()}" data-pain="{day.pain:g}" '
            f'cx="{cx}" cy="{cy}" r="{_number(radius)}" fill="{PAIN_COLOUR}">'
            f"<title>{escape(day_words(report, day.date))}: pain {escape(day_pain(day))}"
            "</title></circle>"
        )
        if day.session:
            parts.append(
                f'<rect class="session" data-date="{day.date.isoformat()}" '
                f'x="{_number(x(day.date) - mark)}" y="{_number(session_row - mark)}" '
                f'width="{_number(2 * mark)}" height="{_number(2 * mark)}" '
                f'fill="{SESSION_COLOUR}"/>'
            )
        if day.spreading:
            parts.append(
                f'<path class="spreading" data-date="{day.date.isoformat()}" '
                f'd="{_triangle(x(day.date), spreading_row, mark + 0.8)}" '
                f'fill="{SPREADING_COLOUR}"/>'
            )
    parts += _legend(legend_row)
    if apart:
        parts += _apart_legend(legend_row + 16, [(n, c, d) for n, c, d, _ in apart])
    parts.append("</svg>")
    return "\n".join(parts)


Apart = list[tuple[str, str, str, list[tuple[dt.date, float]]]]


def _apart_lines(
    apart: Apart, x: Callable[[dt.date], float], y: Callable[[float], float], radius: float
) -> list[str]:
    """Leg and back pain: a dashed line each, and a small point on each day that has it."""
    parts = []
    for name, colour, dash, values in apart:
        points = " ".join(f"{_number(x(date))},{_number(y(value))}" for date, value in values)
        if len(values) > 1:
            parts.append(
                f'<polyline class="{name}" points="{points}" fill="none" stroke="{colour}" '
                f'stroke-width="1.4" stroke-dasharray="{dash}"/>'
            )
        for date, value in values:
            parts.append(
                f'<circle class="{name}-point" data-date="{date.isoformat()}" '
                f'data-pain="{value:g}" cx="{_number(x(date))}" cy="{_number(y(value))}" '
                f'r="{_number(max(1.2, radius * 0.6))}" fill="{colour}"/>'
            )
    return parts


def _apart_legend(row: int, lines: list[tuple[str, str, str]]) -> list[str]:
    """The leg and back lines' legend, in a second row."""
    parts = ['<g class="legend" font-size="10">']
    at = float(LEGEND_LEFT)
    for name, colour, dash in lines:
        words = f"{name} pain (the day's mean)"
        parts.append(
            f'<line x1="{_number(at)}" y1="{row - 4}" x2="{_number(at + 18)}" y2="{row - 4}" '
            f'stroke="{colour}" stroke-width="1.6" stroke-dasharray="{dash}"/>'
            f'<text x="{_number(at + 24)}" y="{row}">{escape(words)}</text>'
        )
        at += 24 + len(words) * LEGEND_CHAR + LEGEND_GAP
    parts.append("</g>")
    return parts


# The PSFS chart, beside its table: the mean of each rating on a 0-10 axis, a slot a rating.
PSFS_HEIGHT = 80
PSFS_TOP = 10
PSFS_LEFT = 28
PSFS_SLOT = 44
PSFS_WIDTH_MIN = 300  # room for the legend
PSFS_WIDTH_MAX = 440
PSFS_COLOUR = "#1f5fa8"


def psfs_chart_svg(report: Report) -> str:
    """The current PSFS series' mean at each rating, oldest first, evenly spaced, each labelled
    with its date; a faint band 2 points either side of the first rating's mean marks the
    minimal detectable change. Empty when there are no ratings."""
    from ..psfs import MDC_MEAN

    series = report.psfs
    if series is None or not series.ratings:
        return ""
    ratings = series.ratings
    width = max(PSFS_WIDTH_MIN, min(PSFS_WIDTH_MAX, PSFS_LEFT + PSFS_SLOT * len(ratings) + RIGHT))
    plot = width - PSFS_LEFT - RIGHT
    step = plot / len(ratings)
    bottom = PSFS_TOP + PSFS_HEIGHT
    height = bottom + 34

    def y(value: float) -> float:
        return bottom - value / PAIN_MAX * PSFS_HEIGHT

    def x(index: int) -> float:
        return PSFS_LEFT + (index + 0.5) * step

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="psfs-chart" viewBox="0 0 {width} '
        f'{height}" width="{width}" role="img" aria-labelledby="psfs-chart-title" {FONT} '
        f'font-size="10" fill="{INK}">',
        '<title id="psfs-chart-title">PSFS: the mean of each rating, 0 (unable) to 10 (as '
        "before the problem)</title>",
    ]
    first = ratings[0].mean
    low, high = max(0.0, first - MDC_MEAN), min(float(PAIN_MAX), first + MDC_MEAN)
    parts.append(
        f'<rect class="mdc" x="{PSFS_LEFT}" y="{_number(y(high))}" width="{_number(plot)}" '
        f'height="{_number(y(low) - y(high))}" fill="{GRID}" fill-opacity="0.45"/>'
    )
    for level in range(0, PAIN_MAX + 1, 5):
        parts.append(
            f'<line x1="{PSFS_LEFT}" y1="{_number(y(level))}" x2="{width - RIGHT}" '
            f'y2="{_number(y(level))}" stroke="{GRID}" stroke-width="0.8"/>'
            f'<text class="tick" x="{PSFS_LEFT - 6}" y="{_number(y(level) + 3.5)}" '
            f'text-anchor="end">{level}</text>'
        )
    parts.append(
        f'<path d="M{PSFS_LEFT} {PSFS_TOP}V{bottom}H{width - RIGHT}" fill="none" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    if len(ratings) > 1:
        points = " ".join(f"{_number(x(n))},{_number(y(r.mean))}" for n, r in enumerate(ratings))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{PSFS_COLOUR}" stroke-width="1.4"/>'
        )
    label_every = max(1, -(-len(ratings) * PSFS_SLOT // plot))  # labels 44 units apart
    for index, rating in enumerate(ratings):
        parts.append(
            f'<circle class="psfs-point" data-date="{rating.date.isoformat()}" '
            f'data-mean="{rating.mean:.1f}" cx="{_number(x(index))}" '
            f'cy="{_number(y(rating.mean))}" r="3.5" fill="{PSFS_COLOUR}">'
            f"<title>{rating.date.day} {rating.date:%b}: mean {rating.mean:.1f}</title></circle>"
        )
        if (len(ratings) - 1 - index) % label_every == 0:
            parts.append(
                f'<text class="tick" x="{_number(x(index))}" y="{bottom + 13}" '
                f'text-anchor="middle">{rating.date.day} {rating.date:%b}</text>'
            )
    parts.append(
        f'<g class="legend"><rect x="{PSFS_LEFT}" y="{height - 14}" width="10" height="8" '
        f'fill="{GRID}" fill-opacity="0.45"/><text x="{PSFS_LEFT + 14}" y="{height - 6}">'
        f"within {MDC_MEAN} points of the first mean: no real change"
        "</text></g>"
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _triangle(cx: float, cy: float, size: float) -> str:
    """A triangle pointing down (symptoms moving down the leg), centred on (cx, cy)."""
    return (
        f"M{_number(cx - size)} {_number(cy - size * 0.8)}"
        f"H{_number(cx + size)}L{_number(cx)} {_number(cy + size * 0.9)}Z"
    )


# An estimate of a character's width at the legend's 10-unit font, for spacing its items; on
# the wide side, so a wider system font still leaves a gap.
LEGEND_CHAR = 5.4
LEGEND_GAP = 20
LEGEND_LEFT = 20


def _legend(row: int) -> list[str]:
    """What each mark means, in one row: a sample of the mark, then its words."""
    items = (
        (f'<circle cx="{{x}}" cy="{row - 4}" r="3.5" fill="{PAIN_COLOUR}"/>', LEGEND_PAIN),
        (
            f'<rect x="{{left}}" y="{row - 8}" width="8" height="8" fill="{SESSION_COLOUR}"/>',
            "session (exercises logged)",
        ),
        (f'<path d="{{triangle}}" fill="{SPREADING_COLOUR}"/>', "symptoms spreading down the leg"),
    )
    parts = ['<g class="legend" font-size="10">']
    at = float(LEGEND_LEFT)
    for sample, words in items:
        mark = sample.format(
            x=_number(at + 4), left=_number(at), triangle=_triangle(at + 4, row - 4, 4.5)
        )
        parts.append(f'{mark}<text x="{_number(at + 12)}" y="{row}">{escape(words)}</text>')
        at += 12 + len(words) * LEGEND_CHAR + LEGEND_GAP
    parts.append("</g>")
    return parts


# Sessions chart geometry: a column a week, so a year of weeks still fits the page's width.
COLUMN_LEFT = 30  # room for the session counts
COLUMN_RIGHT = 8
COLUMN_SHORT = 52  # a week's slot while the weeks are few (its label fits under it)
COLUMN_LONG = 12  # ... and once they are many: a year is 53 x 12 = 636 units
SESSIONS_TOP = 14  # room for the '2/3' over a full column
SESSIONS_HEIGHT = 84  # 7 sessions at 12 units each
MOST_WEEK_LABELS = 8


def sessions_chart_svg(report: Report) -> str:
    """A column for each week: its sessions, inside a dashed outline as tall as its planned
    days, on a 0-7 axis (more when a week held more sessions than days, never here)."""
    weeks = report.weeks
    most = max([WEEK_DAYS, *(w.sessions for w in weeks), *(w.planned for w in weeks)])
    few = len(weeks) <= MOST_WEEK_LABELS
    slot = COLUMN_SHORT if few else COLUMN_LONG
    width = COLUMN_LEFT + len(weeks) * slot + COLUMN_RIGHT
    bottom = SESSIONS_TOP + SESSIONS_HEIGHT
    height = bottom + 48
    unit = SESSIONS_HEIGHT / most

    def y(count: int) -> float:
        return bottom - count * unit

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sessions-chart" viewBox="0 0 {width} '
        f'{height}" width="{width}" role="img" aria-labelledby="sessions-chart-title" {FONT} '
        f'font-size="10" fill="{INK}">',
        '<title id="sessions-chart-title">Sessions per week against the planned days</title>',
    ]
    for count in range(0, most + 1, 1 if most <= WEEK_DAYS else 2):
        parts.append(
            f'<line x1="{COLUMN_LEFT}" y1="{_number(y(count))}" x2="{width - COLUMN_RIGHT}" '
            f'y2="{_number(y(count))}" stroke="{GRID}" stroke-width="0.6"/>'
            f'<text class="tick" x="{COLUMN_LEFT - 5}" y="{_number(y(count) + 3.5)}" '
            f'text-anchor="end" font-size="9">{count}</text>'
        )
    label_every = 1 if few else -(-len(weeks) // MOST_WEEK_LABELS)
    for index, week in enumerate(weeks):
        left = COLUMN_LEFT + index * slot
        inner = slot * 0.6
        x = _number(left + (slot - inner) / 2)
        middle = _number(left + slot / 2)
        if week.sessions:
            parts.append(
                f'<rect class="bar" data-first="{week.first.isoformat()}" x="{x}" '
                f'y="{_number(y(week.sessions))}" width="{_number(inner)}" '
                f'height="{_number(week.sessions * unit)}" fill="{SESSION_COLOUR}">'
                f"<title>{escape(wording.day_span(week.first, week.last))}: {week.sessions} "
                f"of {week.planned}</title></rect>"
            )
        if week.planned:
            parts.append(
                f'<rect class="planned" x="{x}" y="{_number(y(week.planned))}" '
                f'width="{_number(inner)}" height="{_number(week.planned * unit)}" fill="none" '
                f'stroke="{INK}" stroke-width="1" stroke-dasharray="3 2"/>'
            )
        if few:
            top = y(max(week.sessions, week.planned)) - 3
            parts.append(
                f'<text class="count" x="{middle}" y="{_number(top)}" text-anchor="middle">'
                f"{week.sessions}/{week.planned}</text>"
            )
        if (len(weeks) - 1 - index) % label_every == 0:  # the last week always
            parts.append(
                f'<text class="tick" x="{middle}" y="{bottom + 12}" text-anchor="middle" '
                f'font-size="9">{week.first.day} {week.first:%b}</text>'
            )
    parts.append(
        f'<path d="M{COLUMN_LEFT} {SESSIONS_TOP - 4}V{bottom}H{width - COLUMN_RIGHT}" '
        f'fill="none" stroke="{INK}" stroke-width="1"/>'
    )
    parts.append(
        f'<text class="axis-label" x="{_number(COLUMN_LEFT + len(weeks) * slot / 2)}" '
        f'y="{bottom + 25}" text-anchor="middle" font-weight="bold">Week starting</text>'
    )
    legend = height - 6
    parts.append(
        f'<g class="legend"><rect x="{COLUMN_LEFT}" y="{legend - 8}" width="8" height="8" '
        f'fill="{SESSION_COLOUR}"/><text x="{COLUMN_LEFT + 12}" y="{legend}">sessions</text>'
        f'<rect x="{COLUMN_LEFT + 66}" y="{legend - 8}" width="8" height="8" fill="none" '
        f'stroke="{INK}" stroke-dasharray="3 2"/>'
        f'<text x="{COLUMN_LEFT + 78}" y="{legend}">planned days</text></g>'
    )
    parts.append("</svg>")
    return "\n".join(parts)
