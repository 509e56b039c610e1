"""The report's charts as inline SVG, written by hand: pain per day (with sessions and
spreading marked), sessions per week against the plan, and the PSFS means. No script, no
network, no fonts or images fetched: the drawing is a few lines, circles and words, and prints
as it shows.

Each chart is drawn in CSS pixels: its width attribute is its viewBox's width and print never
scales it (the widest is narrower than the A4 page's text), so a label's size in units is its
size on paper."""

from __future__ import annotations

import datetime as dt
from html import escape
from math import ceil
from typing import TYPE_CHECKING

from ..report import WEEK_DAYS
from . import wording
from .html import PAGE_MARGIN_MM, TABLE_PT
from .report_markdown import day_pain, day_words

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..report import Report

PAIN_AXIS = "Pain (0-10)"
DATE_AXIS = "Date"
PAIN_MAX = 10
PAIN_GRID_STEP = 2  # a labelled line every 2 points keeps the axis readable at print size

# Every word on the charts at 15 px = 11.25 pt, RNIB Clear Print's least for tables and
# captions (TABLE_PT, 11 pt: clinical.md [F4]) with a little room for rounding.
PX_PER_PT = 96 / 72
LABEL = 15
assert LABEL >= TABLE_PT * PX_PER_PT
# The width of the A4 page's text in CSS pixels (210 mm less the margins): no chart is wider,
# so none is scaled down in print.
PRINT_WIDTH = int((210 - 2 * PAGE_MARGIN_MM[1]) * 96 / 25.4)
# On a screen narrower than a chart, the chart shrinks to this share of its size at most
# (labels 12 px) and its frame scrolls sideways for the rest.
SCREEN_LEAST_SCALE = 0.8
# An estimate of a character's width at LABEL, for spacing legends; on the wide side (DejaVu
# Sans, the widest common system font, averages about 8.3 units), so any font leaves a gap.
LABEL_CHAR = 8.6
# The room a date label ("28 May") takes with a gap after it: dates closer are thinned out.
DATE_ROOM = 64
# A date label's centre at least this far into the plot clears the axis's labels (or the
# row's name) at the plot's left, which end 8 units short of it.
DATE_CLEAR = DATE_ROOM // 2 - 12

# Pain chart geometry, in SVG units (CSS pixels).
WIDTH = 700
assert WIDTH <= PRINT_WIDTH
LEFT = 96  # room for the strip names ("Spreading") and the rotated pain axis title
RIGHT = 30  # half a date label, for the last day's under the plot's edge
TOP = 12  # half the top tick label
PLOT_HEIGHT = 125  # 25 units between labelled lines, a label's height and a gap
STRIP = 20  # from one marker row under the plot to the next
MOST_DATE_LABELS = 9  # the plot is 574 units wide: 9 labels 64 apart
LABEL_STEPS = (1, 2, 7, 14, 28, 56, 91, 182)  # days between date labels: daily, weekly, ...
LEGEND_ROW = 22  # from one legend row to the next

INK = "#1a1a1a"
GRID = "#d9d9d9"
PAIN_COLOUR = "#1f5fa8"
SPREADING_COLOUR = "#c0392b"
LEGEND_PAIN = "pain: the day's mean (a bar: its range)"
LEGEND_SESSION = "session (exercises logged)"
LEGEND_SPREADING = "symptoms spreading down the leg"
LEGEND_APART = "{name} pain (mean)"  # a dashed line: leg or back pain, the day's mean
SESSION_COLOUR = "#2e7d32"
# Leg and back pain (schema 3): two more lines, told apart by dash as well as colour, so the
# chart reads in grey print too.
LEG_COLOUR = "#8e44ad"
BACK_COLOUR = "#b9770e"
LEG_DASH = "5 3"
BACK_DASH = "1.5 2.5"
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'


def _svg_open(name: str, width: float, height: float, title_id: str) -> str:
    """The chart's <svg>: one unit a CSS pixel, every word at LABEL."""
    least = round(width * SCREEN_LEAST_SCALE)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{name}" viewBox="0 0 {_number(width)} '
        f'{_number(height)}" width="{_number(width)}" height="{_number(height)}" '
        f'style="min-width: {least}px" role="img" aria-labelledby="{title_id}" {FONT} '
        f'font-size="{LABEL}" fill="{INK}">'
    )


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
    session_row = bottom + 18
    spreading_row = session_row + STRIP
    dates_row = spreading_row + 27  # named in the left margin, as the marker rows are
    legend_row = dates_row + 30
    apart: Apart = [
        (name, colour, dash, [(d.date, getattr(d, name)) for d in report.pain_days
                              if getattr(d, name) is not None])
        for name, colour, dash in (("leg", LEG_COLOUR, LEG_DASH), ("back", BACK_COLOUR, BACK_DASH))
    ]  # fmt: skip
    apart = [line for line in apart if line[3]]
    legend = _legend(legend_row, [(n, c, d) for n, c, d, _ in apart])
    height = legend_row + LEGEND_ROW + 8  # two rows of legend

    def x(date: dt.date) -> float:
        return LEFT + ((date - report.start).days + 0.5) * step

    def y(pain: float) -> float:
        return bottom - pain / PAIN_MAX * PLOT_HEIGHT

    radius = max(1.6, min(4.0, step * 0.32))
    parts = [
        _svg_open("pain-chart", WIDTH, height, "pain-chart-title"),
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
            f'<text class="tick" x="{LEFT - 8}" y="{_number(y(level) + 5)}" '
            f'text-anchor="end">{level}</text>'
        )
    middle = _number(TOP + PLOT_HEIGHT / 2)
    parts.append(
        f'<text class="axis-label" x="16" y="{middle}" text-anchor="middle" '
        f'transform="rotate(-90 16 {middle})" font-weight="bold">{PAIN_AXIS}</text>'
    )
    # Dates: the last day labelled, and every `label_step` days before it, short of the
    # margin where the row's name is.
    label_step = _label_step(report.days)
    for back in range(0, report.days, label_step):
        index = report.days - 1 - back
        if (index + 0.5) * step < DATE_CLEAR:
            continue
        at = _number(LEFT + (index + 0.5) * step)
        date = report.start + dt.timedelta(days=index)
        parts.append(
            f'<line x1="{at}" y1="{TOP}" x2="{at}" y2="{spreading_row + STRIP / 2}" '
            f'stroke="{GRID}" stroke-width="0.8" stroke-dasharray="2 3"/>'
        )
        parts.append(
            f'<text class="tick" x="{at}" y="{dates_row}" text-anchor="middle">'
            f"{date.day} {date:%b}</text>"
        )
    parts.append(
        f'<text class="axis-label" x="{LEFT - 8}" y="{dates_row}" text-anchor="end" '
        f'font-weight="bold">{DATE_AXIS}</text>'
    )
    # Axes.
    parts.append(
        f'<path d="M{LEFT} {TOP}V{bottom}H{WIDTH - RIGHT}" fill="none" stroke="{INK}" '
        'stroke-width="1"/>'
    )
    # Marker rows.
    for row, name in ((session_row, "Session"), (spreading_row, "Spreading")):
        parts.append(f'<text x="{LEFT - 8}" y="{row + 5}" text-anchor="end">{name}</text>')
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
    parts += legend
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


# The PSFS chart, beside its table: the mean of each rating on a 0-10 axis, a slot a rating.
PSFS_HEIGHT = 90  # labelled lines at 0, 5 and 10, 45 units apart
PSFS_TOP = 12
PSFS_LEFT = 32
PSFS_RIGHT = RIGHT
PSFS_SLOT = DATE_ROOM
PSFS_WIDTH_MAX = 440
PSFS_COLOUR = "#1f5fa8"


def psfs_legend() -> tuple[str, str]:
    """The band's meaning, in two lines (one would make the chart too wide to sit beside its
    table)."""
    from ..psfs import MDC_MEAN

    return f"within {MDC_MEAN} points of the first", "mean: no real change"


def psfs_chart_svg(report: Report) -> str:
    """The current PSFS series' mean at each rating, oldest first, evenly spaced, each labelled
    with its date; a faint band 2 points either side of the first rating's mean marks the
    minimal detectable change. Empty when there are no ratings."""
    from ..psfs import MDC_MEAN

    series = report.psfs
    if series is None or not series.ratings:
        return ""
    ratings = series.ratings
    legend = psfs_legend()
    least = PSFS_LEFT + max(legend_width(words) for words in legend)
    width = max(least, min(PSFS_WIDTH_MAX, PSFS_LEFT + PSFS_SLOT * len(ratings) + PSFS_RIGHT))
    plot = width - PSFS_LEFT - PSFS_RIGHT
    step = plot / len(ratings)
    bottom = PSFS_TOP + PSFS_HEIGHT
    height = bottom + 74

    def y(value: float) -> float:
        return bottom - value / PAIN_MAX * PSFS_HEIGHT

    def x(index: int) -> float:
        return PSFS_LEFT + (index + 0.5) * step

    parts = [
        _svg_open("psfs-chart", width, height, "psfs-chart-title"),
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
            f'<line x1="{PSFS_LEFT}" y1="{_number(y(level))}" x2="{_number(width - PSFS_RIGHT)}" '
            f'y2="{_number(y(level))}" stroke="{GRID}" stroke-width="0.8"/>'
            f'<text class="tick" x="{PSFS_LEFT - 8}" y="{_number(y(level) + 5)}" '
            f'text-anchor="end">{level}</text>'
        )
    parts.append(
        f'<path d="M{PSFS_LEFT} {PSFS_TOP}V{bottom}H{_number(width - PSFS_RIGHT)}" fill="none" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    if len(ratings) > 1:
        points = " ".join(f"{_number(x(n))},{_number(y(r.mean))}" for n, r in enumerate(ratings))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{PSFS_COLOUR}" stroke-width="1.4"/>'
        )
    label_every = max(1, ceil(DATE_ROOM / step))  # labels a date's room apart
    for index, rating in enumerate(ratings):
        parts.append(
            f'<circle class="psfs-point" data-date="{rating.date.isoformat()}" '
            f'data-mean="{rating.mean:.1f}" cx="{_number(x(index))}" '
            f'cy="{_number(y(rating.mean))}" r="3.5" fill="{PSFS_COLOUR}">'
            f"<title>{rating.date.day} {rating.date:%b}: mean {rating.mean:.1f}</title></circle>"
        )
        if (len(ratings) - 1 - index) % label_every == 0 and (index + 0.5) * step >= DATE_CLEAR:
            parts.append(
                f'<text class="tick" x="{_number(x(index))}" y="{bottom + 20}" '
                f'text-anchor="middle">{rating.date.day} {rating.date:%b}</text>'
            )
    top = bottom + 46
    parts.append(
        f'<g class="legend"><rect x="{PSFS_LEFT + 3}" y="{top - 12}" width="14" height="12" '
        f'fill="{GRID}" fill-opacity="0.45" stroke="{GRID}"/>'
        f'<text x="{PSFS_LEFT + LEGEND_SAMPLE}" y="{top}">{escape(legend[0])}</text>'
        f'<text x="{PSFS_LEFT + LEGEND_SAMPLE}" y="{top + 20}">{escape(legend[1])}</text></g>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def _triangle(cx: float, cy: float, size: float) -> str:
    """A triangle pointing down (symptoms moving down the leg), centred on (cx, cy)."""
    return (
        f"M{_number(cx - size)} {_number(cy - size * 0.8)}"
        f"H{_number(cx + size)}L{_number(cx)} {_number(cy + size * 0.9)}Z"
    )


LEGEND_LEFT = 12
LEGEND_SAMPLE = 24  # a sample of the mark, then its words
LEGEND_GAP = 24  # between the legend's columns


def legend_width(words: str) -> float:
    """A legend item's width (its sample and words), estimated on the wide side."""
    return LEGEND_SAMPLE + len(words) * LABEL_CHAR


def _legend(row: int, apart: list[tuple[str, str, str]]) -> list[str]:
    """What each mark means, in two rows of two columns under the chart: the pain line over
    the leg and back lines (when the journal has them, side by side) in the first column, the
    marker rows in the second."""
    point = f'<circle cx="{{x}}" cy="{{y}}" r="3.5" fill="{PAIN_COLOUR}"/>'
    first: list[list[tuple[str, str]]] = [[(point, LEGEND_PAIN)], []]
    for name, colour, dash in apart:
        first[1].append(
            (
                f'<line x1="{{left}}" y1="{{y}}" x2="{{right}}" y2="{{y}}" stroke="{colour}" '
                f'stroke-width="1.6" stroke-dasharray="{dash}"/>',
                LEGEND_APART.format(name=name),
            )
        )
    session = f'<rect x="{{x0}}" y="{{y0}}" width="8" height="8" fill="{SESSION_COLOUR}"/>'
    spreading = f'<path d="{{triangle}}" fill="{SPREADING_COLOUR}"/>'
    second = [[(session, LEGEND_SESSION)], [(spreading, LEGEND_SPREADING)]]
    column = LEGEND_LEFT + max(_row_width(items) for items in first) + LEGEND_GAP
    parts = ['<g class="legend">']
    for start, rows in ((float(LEGEND_LEFT), first), (column, second)):
        for number, items in enumerate(rows):
            base = row + number * LEGEND_ROW
            middle = base - 5  # the middle of a lower-case letter, where the sample sits
            left = start
            for sample, words in items:
                mark = sample.format(
                    x=_number(left + 9),
                    y=_number(middle),
                    left=_number(left),
                    right=_number(left + 18),
                    x0=_number(left + 5),
                    y0=_number(middle - 4),
                    triangle=_triangle(left + 9, middle, 4.5),
                )
                parts.append(
                    f'{mark}<text x="{_number(left + LEGEND_SAMPLE)}" y="{base}">'
                    f"{escape(words)}</text>"
                )
                left += legend_width(words) + LEGEND_GAP
    parts.append("</g>")
    return parts


def _row_width(items: list[tuple[str, str]]) -> float:
    """The width of legend items side by side."""
    return sum(legend_width(words) for _, words in items) + LEGEND_GAP * max(0, len(items) - 1)


# Sessions chart geometry: a column a week, beside the weekly table while the weeks are few and
# above it once they are many, so a year of weeks still fits the page's width.
LONG_TABLE_WEEKS = 9  # more weeks than this: the chart above a table free to run on
COLUMN_LEFT = 32  # room for the session counts
COLUMN_RIGHT = 10
COLUMN_MOST = DATE_ROOM  # a week's slot while the weeks are few (its date fits under it)
COLUMN_LEAST = 12  # ... and at the fewest: a year is 53 x 12 = 636 units
BESIDE_PLOT = 300  # the plot's width beside the weekly table (at 11 pt about 330 px wide)
ABOVE_PLOT = PRINT_WIDTH - COLUMN_LEFT - DATE_ROOM // 2  # over the table: the page's width
COUNT_ROOM = 30  # a slot this wide has room for its '2/3' over the column
SESSIONS_TOP = 22  # room for the '2/3' over a full column
SESSIONS_UNIT = 10  # a session's height: a line a count, a label every other count
MOST_WEEK_LABELS = 8
SESSIONS_LEGEND = ("sessions", "planned days")


def sessions_chart_svg(report: Report) -> str:
    """A column for each week: its sessions, inside a dashed outline as tall as its planned
    days, on a 0-7 axis (more when a week held more sessions than days, never here)."""
    weeks = report.weeks
    most = max([WEEK_DAYS, *(w.sessions for w in weeks), *(w.planned for w in weeks)])
    room = ABOVE_PLOT if len(weeks) > LONG_TABLE_WEEKS else BESIDE_PLOT
    slot = max(COLUMN_LEAST, min(COLUMN_MOST, room // len(weeks)))
    counted = slot >= COUNT_ROOM
    plot_right = COLUMN_LEFT + len(weeks) * slot
    legend_at = COLUMN_LEFT + legend_width(SESSIONS_LEGEND[0]) + LEGEND_GAP
    # Room on the right for the last week's date, centred under its column.
    right = max(COLUMN_RIGHT, DATE_ROOM / 2 - slot / 2)
    width = max(plot_right + right, legend_at + legend_width(SESSIONS_LEGEND[1]))
    plot_height = WEEK_DAYS * SESSIONS_UNIT
    bottom = SESSIONS_TOP + plot_height
    height = bottom + 67
    unit = plot_height / most

    def y(count: int) -> float:
        return bottom - count * unit

    parts = [
        _svg_open("sessions-chart", width, height, "sessions-chart-title"),
        '<title id="sessions-chart-title">Sessions per week against the planned days</title>',
    ]
    every = 1 if most <= WEEK_DAYS else 2
    labelled = ceil(LABEL * 1.2 / (unit * every)) * every  # labels a line's height apart
    for count in range(0, most + 1, every):
        parts.append(
            f'<line x1="{COLUMN_LEFT}" y1="{_number(y(count))}" x2="{plot_right}" '
            f'y2="{_number(y(count))}" stroke="{GRID}" stroke-width="0.6"/>'
        )
        if count % labelled == 0:
            parts.append(
                f'<text class="tick" x="{COLUMN_LEFT - 8}" y="{_number(y(count) + 5)}" '
                f'text-anchor="end">{count}</text>'
            )
    label_every = max(ceil(DATE_ROOM / slot), ceil(len(weeks) / MOST_WEEK_LABELS))
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
        if counted:
            top = y(max(week.sessions, week.planned)) - 5
            parts.append(
                f'<text class="count" x="{middle}" y="{_number(top)}" text-anchor="middle">'
                f"{week.sessions}/{week.planned}</text>"
            )
        # The last week always; none so near the axis that it meets the axis's '0'.
        if (len(weeks) - 1 - index) % label_every == 0 and (index + 0.5) * slot >= DATE_CLEAR:
            parts.append(
                f'<text class="tick" x="{middle}" y="{bottom + 20}" text-anchor="middle">'
                f"{week.first.day} {week.first:%b}</text>"
            )
    parts.append(
        f'<path d="M{COLUMN_LEFT} {SESSIONS_TOP - 4}V{bottom}H{plot_right}" '
        f'fill="none" stroke="{INK}" stroke-width="1"/>'
    )
    # The axis title under the plot's middle, or from its left edge when the plot is narrow.
    title = "Week starting"
    if plot_right - COLUMN_LEFT >= legend_width(title) - LEGEND_SAMPLE:
        at, anchor = (COLUMN_LEFT + plot_right) / 2, "middle"
    else:
        at, anchor = COLUMN_LEFT, "start"
    parts.append(
        f'<text class="axis-label" x="{_number(at)}" y="{bottom + 40}" '
        f'text-anchor="{anchor}" font-weight="bold">{title}</text>'
    )
    legend = height - 6
    parts.append(
        f'<g class="legend"><rect x="{COLUMN_LEFT + 5}" y="{legend - 10}" width="10" '
        f'height="10" fill="{SESSION_COLOUR}"/><text x="{COLUMN_LEFT + LEGEND_SAMPLE}" '
        f'y="{legend}">{SESSIONS_LEGEND[0]}</text>'
        f'<rect x="{_number(legend_at + 5)}" y="{legend - 10}" width="10" height="10" '
        f'fill="none" stroke="{INK}" stroke-dasharray="3 2"/>'
        f'<text x="{_number(legend_at + LEGEND_SAMPLE)}" y="{legend}">{SESSIONS_LEGEND[1]}'
        "</text></g>"
    )
    parts.append("</svg>")
    return "\n".join(parts)
