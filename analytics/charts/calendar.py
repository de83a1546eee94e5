"""A year at a glance: a GitHub-style calendar of workout days, and the months by class below.

The calendar shows rhythm (which weeks were busy, where the gaps were) that monthly totals hide;
the bars under it say what kind of workouts filled each month, in the shared class colours.

A year still in progress ends at ``today``: later days are blank (not rest days, and never part
of a gap), today's cell is outlined, and the month in progress is marked as partial, with a
dashed outline of the whole month at its pace so far.
"""

from __future__ import annotations

import calendar as calendar_module
from collections.abc import Mapping
from datetime import date
from numbers import Integral

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from analytics import frame as wf
from analytics.charts import style

LEVELS = ("#EBEDF0", "#9BE9A8", "#40C463", "#30A14E", "#216E39")  # 0, 1, 2, 3, 4+ workouts
LEVEL_NAMES = ("none", "1", "2", "3", "4+")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@style.styled
def calendar_heatmap(
    frame: pd.DataFrame,
    *,
    year: int,
    names: Mapping[str, str] | None = None,
    today: date | None = None,
) -> style.ChartImage:
    """Workouts a day over ``year`` as a calendar heatmap (weeks across, Monday on top).

    Colour is the number of workouts that day, so a double day stands out; below, workouts a
    month stacked by class (in the owner's ``names``; the default names when None). A year
    without workouts draws an empty calendar and says so. ``today`` ends the days known: days
    after it are blank and never count as a gap, and its month is marked as partial (None: the
    whole year is known).
    """
    if isinstance(year, bool) or not isinstance(year, Integral) or not 1 <= year <= 9999:
        raise ValueError(f"year must be an integer from 1 to 9999, not {year!r}")
    year = int(year)
    wf.require(frame, ("workout_date",))
    last = _last_known(year, today)
    days = _days(frame, year, last)
    per_day = days.groupby("day").size()
    fig = style.new_figure(left=0.07, top=0.88, bottom=0.1, hspace=0.3)
    heat, months = fig.subplots(2, 1, height_ratios=(1, 1))
    on = style.count_phrase(len(per_day), "day")
    so_far = (
        f" so far (to {last.day} {last:%B})"
        if last is not None and last < date(year, 12, 31)
        else ""
    )
    headline = f"{year}: {style.count_phrase(len(days), 'workout')} on {on}{so_far}"
    if last is None:
        headline = f"{year}: nothing yet, the year has not begun"
    elif not len(days):
        headline = f"{year}: no workouts{so_far}"
    style.title(fig, headline)
    _draw_calendar(heat, per_day, year, last)
    _draw_months(months, days, year, names, last)
    alt = _alt(days, per_day, year, names, last)
    return style.render(fig, alt=alt, filename=f"calendar-{year}.png")


def _last_known(year: int, today: date | None) -> date | None:
    """The year's last day with known workouts: Dec 31, ``today`` within the year, or None
    for a year that has not begun."""
    end = date(year, 12, 31)
    if today is None or today >= end:
        return end
    return today if today.year == year else None


def _cutoff(year: int, last: date | None) -> pd.Timestamp:
    """The last day known as a timestamp (the eve of the year when none of it is known)."""
    return (
        pd.Timestamp(last) if last is not None else pd.Timestamp(year, 1, 1) - pd.Timedelta(days=1)
    )


def _days(frame: pd.DataFrame, year: int, last: date | None) -> pd.DataFrame:
    """The year's workouts up to ``last``: day and palette group (non-foot when the frame has
    no labels)."""
    day = wf.by_day(frame)
    inside = (day.dt.year == year) & (day <= _cutoff(year, last))
    labels = frame["label"] if "label" in frame else pd.Series("", index=frame.index)
    return pd.DataFrame({"day": day[inside], "group": style.groups(labels[inside].astype(str))})


def _grid(
    per_day: pd.Series, year: int, last: date | None
) -> tuple[np.ndarray, pd.DatetimeIndex, np.ndarray]:
    """A 7 x weeks array of counts (NaN outside the year and after ``last``), the year's days
    and their columns."""
    dates = pd.date_range(date(year, 1, 1), date(year, 12, 31), freq="D")
    offset = dates[0].day_of_week
    columns = (np.arange(len(dates)) + offset) // 7
    grid = np.full((7, columns[-1] + 1), np.nan)
    counts = per_day.reindex(dates, fill_value=0).to_numpy(float)
    counts[dates > _cutoff(year, last)] = np.nan  # the future is blank, not rest
    grid[dates.day_of_week, columns] = counts
    return grid, dates, columns


def _draw_calendar(ax: Axes, per_day: pd.Series, year: int, last: date | None) -> None:
    """Square cells with white gaps, weekday and month labels, and a level legend; the days
    after ``last`` blank, ``last`` outlined when the year goes on after it."""
    grid, dates, columns = _grid(per_day, year, last)
    cmap = ListedColormap(LEVELS).with_extremes(bad="white")
    norm = BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 3.5, np.inf], cmap.N)
    ax.pcolormesh(
        np.ma.masked_invalid(grid), cmap=cmap, norm=norm, edgecolors="white", linewidth=2.5
    )
    ax.set_aspect("equal")
    ax.set_xlim(0, grid.shape[1])
    ax.set_ylim(7, 0)
    ax.set_yticks(np.arange(7) + 0.5, WEEKDAYS)
    firsts = dates[dates.day == 1]
    ax.set_xticks(columns[firsts.day_of_year - 1] + 0.5, MONTHS[: len(firsts)])
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(visible=False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(color=c, label=n) for c, n in zip(LEVELS, LEVEL_NAMES)]
    if last is not None and last < date(year, 12, 31):
        column = columns[last.timetuple().tm_yday - 1]
        ax.add_patch(
            Rectangle(
                (column, last.weekday()), 1, 1, fill=False, edgecolor=style.INK, linewidth=1.5
            )
        )
        handles.append(
            Patch(
                facecolor="white",
                edgecolor=style.INK,
                label=f"today ({last.day} {last:%b}); blank: to come",
            )
        )
    ax.legend(
        handles=handles,
        title="workouts a day",
        loc="upper center",
        ncols=len(handles),
        bbox_to_anchor=(0.5, -0.02),
        handlelength=1.2,
        columnspacing=1.0,
    )


def _draw_months(ax: Axes, days: pd.DataFrame, year: int, names, last: date | None) -> None:
    """Workouts a month stacked by class; the month in progress marked as partial, with a
    dashed outline of the whole month at its pace so far, and months to come left blank."""
    months = pd.period_range(f"{year}-01", f"{year}-12", freq="M")
    table = pd.crosstab(days["day"].dt.to_period("M"), days["group"]).reindex(months, fill_value=0)
    bottom = np.zeros(12)
    for key in (g for g in style.GROUPS if g in table):
        counts = table[key].to_numpy(float)
        style.bars(ax, np.arange(12), counts, bottom=bottom, width=0.75, colours=style.PALETTE[key])
        bottom += counts
    ax.set_xticks(np.arange(12), MONTHS)
    ax.set_xlim(-0.6, 11.6)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.set_ylabel("workouts a month")
    top = max(bottom.max(), 1)
    partial = _partial_month(last)
    if partial is not None:
        index, known, length = partial
        pace = bottom[index] * length / known  # the whole month at the pace so far
        top = max(top, pace)
        ax.add_patch(
            Rectangle(
                (index - 0.375, 0),
                0.75,
                pace,
                fill=False,
                edgecolor=style.MUTED,
                linestyle="--",
                linewidth=1.2,
            )
        )
        ax.text(
            index,
            max(pace, bottom[index]) + top * 0.02,
            f"so far: {known} of {length} days",
            ha="center",
            va="bottom",
            fontsize=10,
            color=style.MUTED,
        )
        for tick in ax.get_xticklabels()[index + 1 :]:
            tick.set_color("#BBBBBB")  # months to come
    ax.set_ylim(0, top * 1.18)
    ax.grid(axis="x", visible=False)
    if len(days):
        handles = style.legend_handles((g for g in style.GROUPS if g in table), names=names)
        if partial is not None:
            handles.append(
                Patch(
                    fill=False,
                    edgecolor=style.MUTED,
                    linestyle="--",
                    label="month in progress, at its pace so far",
                )
            )
        style.bottom_legend(ax.figure, handles)
    elif last is None:
        style.placeholder(ax, f"{year} has not begun: nothing to show yet")
    else:
        style.placeholder(ax, f"No workouts recorded in {year}")


def _partial_month(last: date | None) -> tuple[int, int, int] | None:
    """The month in progress at ``last``: (index 0-11, days known, days in it), or None when
    ``last`` ends its month (or is None)."""
    if last is None:
        return None
    length = calendar_module.monthrange(last.year, last.month)[1]
    return None if last.day == length else (last.month - 1, last.day, length)


def _alt(days: pd.DataFrame, per_day: pd.Series, year: int, names, last: date | None) -> str:
    """The year in words: totals, busiest month and day, and the longest gap (to ``last``)."""
    head = f"Calendar heatmap of {year}"
    if last is None:
        return f"{head}: the year has not begun, so every day is blank."
    through = (
        f" up to {last.isoformat()} (later days are blank)"
        if last.month < 12 or last.day < 31
        else ""
    )
    head += through
    partial = _partial_month(last)
    note = (
        f" {last:%B} is in progress: {partial[1]} of its {partial[2]} days so far."
        if partial is not None
        else ""
    )
    if days.empty:
        return f"{head}: no workouts recorded in {year}; every day is blank.{note}"
    months = days["day"].dt.month.value_counts()
    busiest = int(months.idxmax())
    top_day = per_day.idxmax()
    mix = days["group"].value_counts()
    shown = style.group_names(names)
    mix_text = ", ".join(f"{shown[k]} {v}" for k, v in mix.items())
    return (
        f"{head}: {style.count_phrase(len(days), 'workout')} on "
        f"{style.count_phrase(len(per_day), 'day')} ({mix_text}). "
        f"Busiest month: {date(year, busiest, 1):%B} with {months[busiest]}. "
        f"Most in one day: {int(per_day.max())} on {top_day.date().isoformat()}. "
        f"Longest gap without a workout: {_longest_gap(per_day.index, year, last)} days.{note}"
    )


def _longest_gap(workout_days: pd.DatetimeIndex, year: int, last: date) -> int:
    """The most days in a row without a workout from the year's start to ``last`` (the days
    after it are not known yet, so never a gap)."""
    edges = pd.DatetimeIndex(
        [
            pd.Timestamp(year, 1, 1) - pd.Timedelta(days=1),
            *workout_days,
            pd.Timestamp(last) + pd.Timedelta(days=1),
        ]
    )
    return int(np.diff(edges.to_numpy()).astype("timedelta64[D]").astype(int).max() - 1)
