"""Unusual workouts in context: a metric over the range checked, one colour per class, each
flagged workout ringed once and the most severe dated.

The x axis is the range asked, so a month is a month wide, not a sliver of twelve years. "Unusual"
is judged against each class's whole history, so that history is shown as each class's usual
middle half (its quartiles), shaded across the range: the reader sees what a flagged workout was
compared with without the history's points crowding it. One broken row cannot stretch the y axis
(robust limits; it becomes an arrow with a count at the edge).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import NullFormatter, ScalarFormatter

from analytics import frame as wf
from analytics.anomalies import ALIASES, METRIC_WORDS, Anomaly, AnomalyReport
from analytics.charts import style

MAX_LABELS = 8  # dated annotations beyond this crowd the chart; the rest are still ringed
MAX_ALT_ITEMS = 5
LABEL_PX = 7.2, 17.0  # a date label's width per character and height, in pixels (11 pt bold)
RING = Line2D(
    [],
    [],
    linestyle="none",
    marker="o",
    markersize=11,
    markerfacecolor="white",
    markeredgecolor=style.HIGHLIGHT,
    markeredgewidth=2.5,
    label="unusual",
)
USUAL = Patch(facecolor="#DDDDDD", alpha=0.8, label="usual middle half (whole history)")


@dataclass(frozen=True)
class _Mark:
    """One flagged workout as drawn: its value on the chart's metric and what flagged it."""

    day: pd.Timestamp
    value: float
    label: str
    metrics: tuple[str, ...]


@style.styled
def anomalies_chart(
    frame: pd.DataFrame,
    report: AnomalyReport,
    *,
    metric: str = "avg_pace_s_per_km",
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
    title: str | None = None,
) -> style.ChartImage:
    """One metric of the workouts in the report's range by class, its flagged workouts ringed.

    The x axis is the range checked (the whole history when the report has none); the whole
    history enters as each class's usual middle half, shaded. Every flagged workout is ringed
    once at its value on ``metric`` (a column or its short name: pace, distance, duration),
    whatever metric flagged it, and the title counts the report's items as the reply does.
    The most severe are dated where a label fits. A row present twice is drawn once. The y
    axis comes from robust limits: values beyond it are arrows at its edge with their count.
    Classes are named in ``names`` (default: the report's own)."""
    names = names or report.names
    style.check_unit(unit)
    column = ALIASES.get(metric, metric)
    if column not in METRIC_WORDS:
        raise ValueError(f"unknown metric {metric!r}; known: {', '.join(ALIASES)}")
    wf.require(frame, ("workout_date", "label", column))
    short = METRIC_WORDS[column][0]
    fig = style.new_figure(bottom=0.16)
    ax = fig.add_subplot()
    style.title(fig, style.short_title(title or _title(report)))
    everything = _points(frame, column, unit)
    start, end = _period(report, everything)
    points = everything[(everything["day"] >= start) & (everything["day"] <= end)]
    marks = _marks(report, everything, column, unit)
    groups = {*points["group"], *(style.group(m.label) for m in marks)}
    if not groups:
        _empty(ax)
        return style.render(
            fig,
            alt=_alt(report, marks, points, column, unit, names, []),
            filename=_file(short, report),
        )
    usual = _usual(report, column, unit, groups)
    pace = column == "avg_pace_s_per_km"
    values = [*points["value"], *(m.value for m in marks)]
    bands = [v for low, high, _ in usual for v in (low, high)]
    limits = style.robust_limits(
        values, include=bands, bounds=(0.0, style.PACE_MAX) if pace else (0.0, np.inf)
    )
    style.period_axis(ax, start, end)
    ax.set_ylim(*limits)
    _axes(ax, column, unit)
    _draw_usual(ax, usual)
    _draw_points(ax, points)
    outside = style.mark_outside(ax, points["day"], points["value"])  # marks are among them
    _draw_marks(ax, marks, limits, (start, end), outside)
    handles = [*style.marker_handles(groups, names=names), RING] + ([USUAL] if usual else [])
    style.bottom_legend(fig, handles)
    return style.render(
        fig,
        alt=_alt(report, marks, points, column, unit, names, outside),
        filename=_file(short, report),
    )


def _file(short: str, report: AnomalyReport) -> str:
    return f"anomalies-{short}-{_span(report, slug=True)}.png"


def _empty(ax: Axes) -> None:
    style.placeholder(ax, "No workouts with this metric to draw")
    ax.set_xticks([])
    ax.set_yticks([])


def _span(report: AnomalyReport, *, slug: bool = False) -> str:
    """The report's range as words ("2024-01-01 to end") or for a file name ("...-to-end")."""
    if not (report.start or report.end):
        return "whole-history" if slug else "the whole history"
    first = report.start.isoformat() if report.start else "start"
    last = report.end.isoformat() if report.end else "end"
    return f"{first}{'-to-' if slug else ' to '}{last}"


def _title(report: AnomalyReport) -> str:
    """ "52 unusual values in 40 workouts, 2025-09-01 to 2025-09-30": the reply's count (the
    report's items, over every metric checked, in the reply's words) and their workouts."""
    checked = {stat.metric for stat in report.stats} | {a.metric for a in report.items}
    word = METRIC_WORDS[next(iter(checked))][0] if len(checked) == 1 else "value"
    workouts = style.count_phrase(len({a.workout_id for a in report.items}), "workout")
    span = _span(report) if report.start or report.end else "whole history"
    return f"{wf.count(len(report.items), f'unusual {word}')} in {workouts}, {span}"


def _shown(column: str, values, unit: str):
    """SI values of a metric to the plotted unit: min/unit, distance unit, or minutes."""
    if column == "avg_pace_s_per_km":
        return style.pace_minutes(values, unit)
    if column == "distance_m":
        return values / wf.METRES_PER[unit]
    return values / 60.0


def _points(frame: pd.DataFrame, column: str, unit: str) -> pd.DataFrame:
    """Dated, finite, positive values of the metric with their palette group, one row per
    workout (a row present twice, same id or same day, class and value, is kept once)."""
    value = pd.to_numeric(frame[column], errors="coerce")
    table = pd.DataFrame(
        {
            "id": frame["id"] if "id" in frame else pd.Series(np.nan, index=frame.index),
            "day": wf.by_day(frame),
            "value": _shown(column, value, unit),
            "group": style.groups(frame["label"].astype(str)),
        }
    )
    table = table[table["day"].notna() & np.isfinite(table["value"]) & (table["value"] > 0)]
    table = table[~(table["id"].notna() & table.duplicated("id"))]
    return table[~table.duplicated(["day", "group", "value"])]


def _period(report: AnomalyReport, points: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days checked: the report's range, an open end closed by the data."""
    days = points["day"]
    first = days.min() if len(days) else pd.Timestamp("2000-01-01")
    last = days.max() if len(days) else first
    start = pd.Timestamp(report.start) if report.start else first
    end = pd.Timestamp(report.end) if report.end else max(last, start)
    return start.normalize(), end.normalize()


def _marks(report: AnomalyReport, points: pd.DataFrame, column: str, unit: str) -> list[_Mark]:
    """One mark per flagged workout, most severe first, at its value on the chart's metric: the
    item's own when it is on that metric, else the workout's from the frame (none: no mark)."""
    by_id: dict[int, list[Anomaly]] = {}
    for a in report.items:
        by_id.setdefault(a.workout_id, []).append(a)
    values = points.dropna(subset=["id"]).drop_duplicates("id").set_index("id")["value"]
    marks = []
    for items in by_id.values():
        own = next((a for a in items if a.metric == column), None)
        if own is not None:
            value = float(_shown(column, own.value, unit))
        elif items[0].workout_id in values.index:
            value = float(values[items[0].workout_id])
        else:
            continue
        metrics = tuple(dict.fromkeys(a.metric for a in items))
        marks.append(_Mark(pd.Timestamp(items[0].workout_date), value, items[0].label, metrics))
    return marks


def _usual(report: AnomalyReport, column: str, unit: str, groups: set[str]) -> list:
    """(q1, q3, colour) of each drawn foot class's whole history on the metric, as shown."""
    bands = []
    for stat in report.stats:
        foot = stat.label in style.GROUPS[:3]  # non-foot classes share one grey: no band
        if stat.metric == column and foot and stat.label in groups:
            low, high = (float(_shown(column, v, unit)) for v in (stat.q1, stat.q3))
            bands.append((low, high, style.colour(stat.label)))
    return bands


def _draw_usual(ax: Axes, usual: list) -> None:
    """Each class's usual middle half (whole history) as a band across the period."""
    for low, high, colour in usual:
        ax.axhspan(low, high, color=colour, alpha=0.1, linewidth=0, zorder=0)


def _draw_points(ax: Axes, points: pd.DataFrame) -> None:
    """Every workout as a dot in its class colour (outliers as crosses)."""
    many = len(points) > 200
    for key, rows in points.groupby("group", sort=False):
        glitch = key in style.MARKERS
        ax.plot(
            rows["day"],
            rows["value"],
            linestyle="none",
            marker=style.MARKERS.get(key, "o"),
            markersize=7 if glitch else (4 if many else 6),
            markeredgewidth=2 if glitch else 1,
            alpha=0.9 if glitch else (0.5 if many else 0.7),
            color=style.PALETTE[key],
            zorder=2,
        )


def _draw_marks(ax: Axes, marks: list[_Mark], limits, period, outside) -> None:
    """Ring every flagged workout once (at the edge when its value is off the axis); date the
    most severe where a label fits without overlapping another or leaving the axes."""
    if not marks:
        return
    days = pd.to_datetime([m.day for m in marks])
    values = np.clip([m.value for m in marks], *sorted(limits))
    colours = [style.colour(m.label) for m in marks]
    ax.scatter(
        days,
        values,
        s=140,
        c=colours,
        edgecolors=style.HIGHLIGHT,
        linewidths=2.5,
        zorder=5,
        clip_on=False,
    )
    transform = ax.transData
    box = ax.get_window_extent()
    taken = [_count_box(transform, m) for m in outside]  # the edge arrows' counts
    short = (period[1] - period[0]).days <= 366
    for day, value in zip(days[:MAX_LABELS], values[:MAX_LABELS]):
        text = day.strftime("%b %-d") if short else day.date().isoformat()
        width, height = LABEL_PX[0] * len(text) + 6, LABEL_PX[1]
        px, py = transform.transform((mdates.date2num(day), value))
        for dx, dy in ((10, 6), (10, -6 - height), (-10 - width, 6), (-10 - width, -6 - height)):
            x0, y0 = px + dx, py + dy
            rect = (x0, y0, x0 + width, y0 + height)
            inside = (
                box.x0 <= x0 and x0 + width <= box.x1 and box.y0 <= y0 and y0 + height <= box.y1
            )
            if inside and not any(_overlap(rect, other) for other in taken):
                break
        else:
            continue  # no room: the ring stays undated (the alt text and reply list it)
        taken.append(rect)
        ax.annotate(
            text,
            (day, value),
            xytext=(dx * 72 / style.DPI, dy * 72 / style.DPI),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=11,
            color=style.HIGHLIGHT,
            fontweight="bold",
            zorder=6,
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "alpha": 0.8,
                "edgecolor": "none",
            },
        )


def _count_box(transform, mark: style.Outside) -> tuple[float, float, float, float]:
    """Where :func:`style.mark_outside` writes a count, in pixels (with room to spare)."""
    px, py = transform.transform((mark.x, mark.edge))
    y0 = py - 20 - LABEL_PX[1] if mark.above else py + 8
    return (px - 10, y0, px + 60, y0 + LABEL_PX[1] + 12)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _axes(ax: Axes, column: str, unit: str) -> None:
    """Axis labels in the unit; pace as m:ss, faster up."""
    if column == "avg_pace_s_per_km":
        style.pace_axis(ax, unit)
    else:
        ax.set_ylabel(f"distance ({unit})" if column == "distance_m" else "duration (h:mm:ss)")
        ax.yaxis.set_major_formatter(ScalarFormatter() if column == "distance_m" else style.MSS)
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("date")


def _alt(report, marks, points: pd.DataFrame, column: str, unit: str, names, outside) -> str:
    """What is drawn and the flagged workouts with their reasons."""
    short = METRIC_WORDS[column][0]
    head = (
        f"Chart of {short} for {style.count_phrase(len(points), 'workout')} by class in the "
        f"checked range, {_span(report)}, with each class's usual middle half shaded."
    )
    edge = style.outside_phrase(outside)
    head = f"{head} {edge}" if edge else head
    items = report.items
    if not items:
        return f"{head} No unusual {short} in that range. {report.note}."
    listed = "; ".join(
        f"{a.workout_date.isoformat()} ({wf.display_name(a.label, names)}): {a.reason}"
        for a in items[:MAX_ALT_ITEMS]
    )
    more = f"; and {len(items) - MAX_ALT_ITEMS} more" if len(items) > MAX_ALT_ITEMS else ""
    workouts = style.count_phrase(len({a.workout_id for a in items}), "workout")
    return (
        f"{head} {len(items)} unusual value(s) in {workouts}, {len(marks)} ringed, "
        f"most severe first: {listed}{more}."
    )
