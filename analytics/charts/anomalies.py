"""Unusual workouts in context: a metric over the whole history, one colour per class, with the
report's range shaded and its anomalies ringed and dated.

The whole history is drawn, not just the range, because "unusual" is judged against each class's
whole history: the reader sees what the flagged workout was compared with.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import NullFormatter, ScalarFormatter

from analytics import frame as wf
from analytics.anomalies import ALIASES, METRIC_WORDS, Anomaly, AnomalyReport
from analytics.charts import style

MAX_LABELS = 8  # dated annotations beyond this crowd the chart; the rest are still ringed
MAX_ALT_ITEMS = 5
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


@style.styled
def anomalies_chart(
    frame: pd.DataFrame,
    report: AnomalyReport,
    *,
    metric: str = "avg_pace_s_per_km",
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
) -> style.ChartImage:
    """One metric of every workout over time by class, the report's anomalies highlighted.

    ``metric`` is a column (or its short name: pace, distance, duration); only the report's
    items on that metric are drawn. The most severe are annotated with their date. Classes are
    named in ``names`` (default: the report's own, as its reasons name them).
    """
    names = names or report.names
    style.check_unit(unit)
    column = ALIASES.get(metric, metric)
    if column not in METRIC_WORDS:
        raise ValueError(f"unknown metric {metric!r}; known: {', '.join(ALIASES)}")
    wf.require(frame, ("workout_date", "label", column))
    short = METRIC_WORDS[column][0]
    items = [a for a in report.items if a.metric == column]
    fig = style.new_figure(bottom=0.16)
    ax = fig.add_subplot()
    style.title(fig, _title(short, len(items), report))
    points = _points(frame, column, unit)
    _shade_range(ax, report)
    _draw_points(ax, points)
    _draw_items(ax, items, column, unit)
    _axes(ax, column, unit, {*points["group"], *(style.group(a.label) for a in items)}, names)
    return style.render(
        fig,
        alt=_alt(report, items, points, column, unit, names),
        filename=f"anomalies-{short}-{_span(report, slug=True)}.png",
    )


def _span(report: AnomalyReport, *, slug: bool = False) -> str:
    """The report's range as words ("2024-01-01 to end") or for a file name ("...-to-end")."""
    if not (report.start or report.end):
        return "whole-history" if slug else "the whole history"
    first = report.start.isoformat() if report.start else "start"
    last = report.end.isoformat() if report.end else "end"
    return f"{first}{'-to-' if slug else ' to '}{last}"


def _title(short: str, found: int, report: AnomalyReport) -> str:
    span = f"from {_span(report)}" if report.start or report.end else "over the whole history"
    return f"Unusual {short}: {found} workout(s) flagged {span}"


def _shown(column: str, values, unit: str):
    """SI values of a metric to the plotted unit: min/unit, distance unit, or minutes."""
    if column == "avg_pace_s_per_km":
        return style.pace_minutes(values, unit)
    if column == "distance_m":
        return values / wf.METRES_PER[unit]
    return values / 60.0


def _points(frame: pd.DataFrame, column: str, unit: str) -> pd.DataFrame:
    """Dated, finite, positive values of the metric with their palette group."""
    value = pd.to_numeric(frame[column], errors="coerce")
    table = pd.DataFrame(
        {
            "day": wf.by_day(frame),
            "value": _shown(column, value, unit),
            "group": style.groups(frame["label"].astype(str)),
        }
    )
    return table[table["day"].notna() & np.isfinite(table["value"]) & (table["value"] > 0)]


def _shade_range(ax: Axes, report: AnomalyReport) -> None:
    """Shade the report's date range (only when it has a bound)."""
    if not (report.start or report.end):
        return
    low = mdates.date2num(pd.Timestamp(report.start or "1900-01-01"))
    high = mdates.date2num(pd.Timestamp(report.end or "2200-01-01") + pd.Timedelta(days=1))
    ax.axvspan(
        low,
        high,
        color=style.SHADE,
        alpha=0.8,
        linewidth=0,
        zorder=0,
        label=f"checked: {_span(report)}",
    )


def _draw_points(ax: Axes, points: pd.DataFrame) -> None:
    """Every workout as a small dot in its class colour (outliers as crosses)."""
    for key, rows in points.groupby("group", sort=False):
        glitch = key in style.MARKERS
        ax.plot(
            rows["day"],
            rows["value"],
            linestyle="none",
            marker=style.MARKERS.get(key, "o"),
            markersize=7 if glitch else 3.5,
            markeredgewidth=2 if glitch else 1,
            alpha=0.9 if glitch else 0.5,
            color=style.PALETTE[key],
            zorder=2,
        )


def _draw_items(ax: Axes, items: list[Anomaly], column: str, unit: str) -> None:
    """Ring every anomaly; date the most severe (items come most severe first)."""
    if not items:
        return
    days = pd.to_datetime([a.workout_date for a in items])
    values = _shown(column, np.array([a.value for a in items], dtype=float), unit)
    colours = [style.colour(a.label) for a in items]
    ax.scatter(days, values, s=140, c=colours, edgecolors=style.HIGHLIGHT, linewidths=2.5, zorder=5)
    for i, (day, value) in enumerate(zip(days[:MAX_LABELS], values[:MAX_LABELS])):
        ax.annotate(
            day.date().isoformat(),
            (day, value),
            xytext=(8, 10 if i % 2 else -14),
            textcoords="offset points",
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


def _axes(ax: Axes, column: str, unit: str, groups: set[str], names: Mapping[str, str]) -> None:
    """Axis labels in the unit, log scale for pace, and a legend."""
    if not groups:
        style.placeholder(ax, "No workouts with this metric to draw")
        ax.set_xticks([])
        ax.set_yticks([])
        return
    if column == "avg_pace_s_per_km":  # glitches sit at 0:30 and 60:00 min/mi by 9:00 runs
        style.pace_axis(ax, unit, log=True)
    else:
        ax.set_ylabel(f"distance ({unit})" if column == "distance_m" else "duration (h:mm:ss)")
        ax.yaxis.set_major_formatter(ScalarFormatter() if column == "distance_m" else style.MSS)
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("date")
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=12))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    handles = [*ax.get_legend_handles_labels()[0], *style.marker_handles(groups, names=names), RING]
    style.bottom_legend(ax.figure, handles)


def _alt(report, items: list[Anomaly], points: pd.DataFrame, column: str, unit: str, names) -> str:
    """What is drawn and the flagged workouts with their reasons."""
    short = METRIC_WORDS[column][0]
    head = (
        f"Chart of {short} for {style.count_phrase(len(points), 'workout')} by class, "
        f"checked range {_span(report)}."
    )
    if not items:
        return f"{head} No unusual {short} in that range. {report.note}."
    listed = "; ".join(
        f"{a.workout_date.isoformat()} ({wf.display_name(a.label, names)}): {a.reason}"
        for a in items[:MAX_ALT_ITEMS]
    )
    more = f"; and {len(items) - MAX_ALT_ITEMS} more" if len(items) > MAX_ALT_ITEMS else ""
    return f"{head} {len(items)} unusual {short} value(s), most severe first: {listed}{more}."
