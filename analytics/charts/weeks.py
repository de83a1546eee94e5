"""The last few weeks at a glance, for the morning briefing: workouts per ISO week by class.

The current week is drawn lighter and hatched with "so far" on it (it is not over, so a short
bar is not a bad week), and the typical week (the median of the complete weeks shown) is a
dashed line, so "am I on track?" is answered by one look. Outliers are left out, as everywhere
the briefing counts workouts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from numbers import Integral

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from analytics import frame as wf
from analytics.charts import style
from analytics.charts.spec import MAX_WEEKS

CURRENT_ALPHA = 0.45  # the partial week, lighter than the complete ones
TYPICAL = style.INK
WIDTH = 0.72


@style.styled
def weeks_chart(
    frame: pd.DataFrame, *, end: date, weeks: int = 8, names: Mapping[str, str] | None = None
) -> style.ChartImage:
    """Workouts per ISO week for the ``weeks`` weeks ending with the week of ``end``.

    Bars are stacked by class (outliers left out); workouts after ``end`` are ignored. The week
    of ``end`` is marked as the current week ("so far" unless ``end`` is a Sunday). The typical
    week is the median of the complete weeks before it, counting only weeks from the first
    workout's week on (weeks before someone started are not "typical zeros"); with no such week
    there is no typical line. An empty frame draws empty weeks and says so. Classes are named
    in the owner's ``names`` (the default names when None).
    """
    if isinstance(end, datetime):
        end = end.date()
    if not isinstance(end, date):
        raise TypeError(f"end must be a date, not {end!r}")
    if isinstance(weeks, bool) or not isinstance(weeks, Integral) or not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be an integer from 1 to {MAX_WEEKS}, not {weeks!r}")
    weeks = int(weeks)
    wf.require(frame, ("workout_date",))
    table, mondays = _table(frame, end, weeks)
    totals = table.sum(axis=1).to_numpy(int)
    typical = _typical(frame, totals, mondays)
    partial = end.weekday() < 6

    fig = style.new_figure(left=0.07, right=0.97, bottom=0.17)
    ax = fig.add_subplot()
    style.title(fig, _headline(totals, typical, partial))
    _draw_bars(ax, table, partial)
    _draw_typical(ax, typical, weeks)
    _axes(ax, mondays, totals, typical, partial)
    if totals.sum():
        shown = (g for g in style.GROUPS if g in table and table[g].sum())
        handles = style.legend_handles(shown, names=names)
        handles.append(
            Patch(
                facecolor="white",
                edgecolor=style.MUTED,
                hatch="///",
                label="this week" + (" so far" if partial else ""),
            )
        )
        if typical is not None:
            handles.append(_typical_handle(typical))
        style.bottom_legend(fig, handles)
    else:
        style.placeholder(ax, f"No workouts in the {style.count_phrase(weeks, 'week')} to {end}")
    alt = _alt(totals, typical, partial, end, weeks)
    return style.render(fig, alt=alt, filename=f"weeks-{end.isoformat()}.png")


def weeks_headline(frame: pd.DataFrame, *, end: date, weeks: int = 8) -> str:
    """The chart's title in words ("Workouts per week, last 8 weeks: this week 3 so far,
    typically 4 a week"), for a reply that shows the chart."""
    wf.require(frame, ("workout_date",))
    table, mondays = _table(frame, end, weeks)
    totals = table.sum(axis=1).to_numpy(int)
    return _headline(totals, _typical(frame, totals, mondays), end.weekday() < 6)


def _table(frame: pd.DataFrame, end: date, weeks: int) -> tuple[pd.DataFrame, list[date]]:
    """Workouts per week (rows, oldest first) and palette group (columns), and the Mondays."""
    first_monday = end - timedelta(days=end.weekday(), weeks=weeks - 1)
    mondays = [first_monday + timedelta(weeks=n) for n in range(weeks)]
    day = wf.by_day(frame)
    labels = frame["label"].astype(str) if "label" in frame else pd.Series("", index=frame.index)
    inside = (day >= pd.Timestamp(first_monday)) & (day <= pd.Timestamp(end))
    inside &= labels != wf.OUTLIER
    week = ((day[inside] - pd.Timestamp(first_monday)).dt.days // 7).astype(int)
    group = style.groups(labels[inside])
    table = pd.crosstab(week, group).reindex(range(weeks), fill_value=0)
    columns = [g for g in style.GROUPS if g in table]
    return table[columns].astype(int), mondays


def _typical(frame: pd.DataFrame, totals: np.ndarray, mondays: list[date]) -> float | None:
    """The median of the complete weeks shown (all but the last) since the owner started."""
    if frame.empty or len(mondays) < 2:
        return None
    first = wf.by_day(frame).min().date()
    started = first - timedelta(days=first.weekday())
    counted = [int(n) for n, monday in zip(totals[:-1], mondays[:-1]) if monday >= started]
    return float(np.median(counted)) if counted else None


def _draw_bars(ax: Axes, table: pd.DataFrame, partial: bool) -> None:
    """Stacked bars; the last (current) week lighter, outlined and hatched."""
    n = len(table)
    x = np.arange(n)
    bottom = np.zeros(n)
    for key in table.columns:
        counts = table[key].to_numpy(float)
        colours = np.tile(to_rgba(style.PALETTE[key]), (n, 1))
        colours[-1, 3] = CURRENT_ALPHA
        style.bars(ax, x, counts, bottom=bottom, width=WIDTH, colours=colours)
        bottom += counts
    if not bottom.sum():
        return  # no bars, no numbers: the placeholder says it
    if bottom[-1]:
        _outline_current(ax, n - 1, bottom[-1])
    for position, total in zip(x, bottom):
        last = position == n - 1
        text = f"{total:.0f}" + (" so far" if last and partial else "")
        ax.annotate(
            text,
            (position, total),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=13,
            fontweight="bold",
            color=style.MUTED if last else style.INK,
        )


def _outline_current(ax: Axes, x: float, height: float) -> None:
    """A dashed, hatched outline over the current week's bar."""
    ax.add_patch(
        Rectangle(
            (x - WIDTH / 2, 0),
            WIDTH,
            height,
            facecolor="none",
            edgecolor=style.MUTED,
            hatch="///",
            linewidth=1.2,
            linestyle="--",
            zorder=3,
        )
    )


def _draw_typical(ax: Axes, typical: float | None, weeks: int) -> None:
    """The typical week as a dashed line across; its value is in the legend ("typical week
    (4)"), since a label on the line would sit on a bar's own count."""
    if typical is None:
        return
    ax.axhline(typical, color=TYPICAL, linestyle="--", linewidth=1.6, zorder=4)


def _typical_handle(typical: float) -> Line2D:
    return Line2D(
        [], [], color=TYPICAL, linestyle="--", linewidth=1.6, label=f"typical week ({typical:g})"
    )


def _axes(ax: Axes, mondays: list[date], totals: np.ndarray, typical, partial: bool) -> None:
    """Weeks on x (Mondays, the last "this week"), whole workouts on y."""
    n = len(mondays)
    labels = [f"{m.day} {m:%b}" for m in mondays]
    labels[-1] = "this week"
    ax.set_xticks(np.arange(n), labels)
    ax.set_xlim(-0.6, n - 0.4)
    top = max(float(totals.max()) if n else 0.0, typical or 0.0, 1.0)
    ax.set_ylim(0, top * 1.2 + 0.3)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_ylabel("workouts a week")
    ax.set_xlabel("week starting (Monday)")
    ax.grid(axis="x", visible=False)


def _headline(totals: np.ndarray, typical: float | None, partial: bool) -> str:
    if not totals.sum():
        return f"Workouts per week, last {len(totals)} weeks: no workouts"
    now = f"this week {totals[-1]}" + (" so far" if partial else "")
    usual = f", typically {typical:g} a week" if typical is not None else ""
    return f"Workouts per week, last {len(totals)} weeks: {now}{usual}"


def _alt(totals, typical, partial: bool, end: date, weeks: int) -> str:
    """Every week's count, oldest first, the current week and the typical week, in words."""
    head = f"Bar chart of workouts per week, {style.count_phrase(weeks, 'week')} to {end}"
    if not totals.sum():
        return f"{head}: no workouts in these weeks."
    before = ", ".join(str(n) for n in totals[:-1])
    now = f"this week {totals[-1]}" + (" so far" if partial else "")
    usual = f"; typical {typical:g}" if typical is not None else "; no typical week yet"
    return f"{head} (outliers left out): {before + ', ' if before else ''}{now}{usual}."
