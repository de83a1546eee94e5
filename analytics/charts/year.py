"""The year in review as one shareable picture: the twelve months as bars stacked by class, and
the year's key numbers beside them as text.

Bars show distance (or workouts, with ``measure="count"``) per month, outliers left out as in
every total of the review; months after the review's end (a year still running) stay empty.
The alt text repeats every month's value and each key number, so the picture says nothing the
words do not.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from analytics import frame as wf
from analytics.charts import style
from analytics.year_review import YearReview

MEASURES = ("distance", "count")
WIDTH = 0.72
PANEL_X = 0.7  # where the key numbers start (figure fraction)


@style.styled
def year_chart(
    review: YearReview,
    *,
    unit: str = "mi",
    measure: str = "distance",
    names: Mapping[str, str] | None = None,
) -> style.ChartImage:
    """The chart of ``review``: months by class on the left, key numbers on the right, in
    ``unit`` ("mi" or "km"); classes named in the owner's ``names`` (default names if None)."""
    style.check_unit(unit)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    table = _table(review, unit, measure)  # 12 months x palette groups
    totals = table.sum(axis=1)
    fig = style.new_figure(left=0.07, right=PANEL_X - 0.04, bottom=0.16)
    ax = fig.add_subplot()
    style.title(fig, _headline(review, unit))
    shown = [g for g in style.GROUPS if g != wf.OUTLIER and table[:, _col(g)].sum() > 0]
    bottom = np.zeros(12)
    for group in shown:
        height = table[:, _col(group)]
        style.bars(
            ax, np.arange(12), height, bottom=bottom, width=WIDTH, colours=style.PALETTE[group]
        )
        bottom += height
    _axes(ax, totals, unit, measure, review)
    if totals.sum():
        style.bottom_legend(fig, style.legend_handles(shown, names=names))
    else:
        style.placeholder(
            ax, f"No {'distance' if measure == 'distance' else 'workouts'} in {review.year}"
        )
    lines = _key_numbers(review, unit, names)
    fig.text(
        PANEL_X,
        0.8,
        "\n".join(lines),
        ha="left",
        va="top",
        fontsize=13,
        linespacing=1.6,
        color=style.INK,
    )
    alt = _alt(review, totals, unit, measure, lines)
    return style.render(fig, alt=alt, filename=f"year-{review.year}-{measure}.png")


def _col(group: str) -> int:
    return style.GROUPS.index(group)


def _table(review: YearReview, unit: str, measure: str) -> np.ndarray:
    """Months (rows) by palette group (columns, :data:`style.GROUPS` order), outliers zero."""
    table = np.zeros((12, len(style.GROUPS)))
    for month in review.months:
        for label, totals in month.by_label.items():
            if label == wf.OUTLIER:
                continue
            value = totals.count if measure == "count" else wf.distance_in(totals.distance_m, unit)
            table[month.month - 1, _col(style.group(label))] += value
    return table


def _axes(ax: Axes, totals: np.ndarray, unit: str, measure: str, review: YearReview) -> None:
    ax.set_xticks(np.arange(12), [calendar.month_abbr[m] for m in range(1, 13)])
    ax.set_xlim(-0.6, 11.6)
    top = float(totals.max()) if totals.size else 0.0
    ax.set_ylim(0, max(top, 1.0) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    ax.set_ylabel(f"{unit} a month" if measure == "distance" else "workouts a month")
    ax.grid(axis="x", visible=False)
    best = review.best_month  # the most distance: marked only on the distance bars
    if measure == "distance" and best is not None and totals[best.month - 1] > 0:
        ax.annotate(
            "best",
            (best.month - 1, totals[best.month - 1]),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=12,
            fontweight="bold",
            color=style.HIGHLIGHT,
        )


def _headline(review: YearReview, unit: str) -> str:
    so_far = "" if review.complete else f" (to {review.end:%-d %b})"
    if not review.workouts:
        return f"My {review.year}{so_far}: no workouts"
    distance = wf.distance_in(review.distance_m, unit)
    return (
        f"My {review.year}{so_far}: {wf.count(review.workouts, 'workout')}, {distance:,.0f} {unit}"
    )


def _key_numbers(review: YearReview, unit: str, names: Mapping[str, str] | None) -> list[str]:
    hours = review.duration_s / 3600
    lines = [
        f"{wf.count(review.workouts, 'workout')}",
        f"{wf.distance_in(review.distance_m, unit):,.0f} {unit}, {hours:,.0f} h",
        f"{wf.count(review.active_days, 'active day')}",
    ]
    if review.best_month is not None:
        best = review.best_month
        lines.append(
            f"best month: {calendar.month_name[best.month]} "
            f"({wf.distance_in(best.totals.distance_m, unit):,.0f} {unit})"
        )
    lines.append(f"longest streak: {wf.count(review.longest_daily_streak.length, 'day')}")
    lines.append(f"weeks in a row: {review.longest_weekly_streak.length}")
    lines.append(f"consistency: {review.consistency:.0f}/100")
    lines.append(f"records set: {len(review.records)}")
    for event in review.events[:3]:
        lines.append(style.short_title(f"{event.date:%-d %b}: {event.name}", 28))
    return lines


def _alt(review: YearReview, totals: np.ndarray, unit: str, measure: str, lines: list[str]) -> str:
    what = f"{unit} per month" if measure == "distance" else "workouts per month"
    head = f"Bar chart of {review.year}, {what} by class (outliers left out)"
    if not review.workouts:
        return f"{head}: no workouts in {review.year}."
    months = review.end.month
    values = ", ".join(f"{calendar.month_abbr[m + 1]} {totals[m]:,.0f}" for m in range(months))
    return f"{head}: {values}. " + "; ".join(lines) + "."
