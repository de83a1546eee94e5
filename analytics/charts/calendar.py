"""A year at a glance: a GitHub-style calendar of workout days, and the months by class below.

The calendar shows rhythm (which weeks were busy, where the gaps were) that monthly totals hide;
the bars under it say what kind of workouts filled each month, in the shared class colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from numbers import Integral

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analytics import frame as wf
from analytics.charts import style

LEVELS = ("#EBEDF0", "#9BE9A8", "#40C463", "#30A14E", "#216E39")  # 0, 1, 2, 3, 4+ workouts
LEVEL_NAMES = ("none", "1", "2", "3", "4+")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@style.styled
def calendar_heatmap(
    frame: pd.DataFrame, *, year: int, names: Mapping[str, str] | None = None
) -> style.ChartImage:
    """Workouts a day over ``year`` as a calendar heatmap (weeks across, Monday on top).

    Colour is the number of workouts that day, so a double day stands out; below, workouts a
    month stacked by class (in the owner's ``names``; the default names when None). A year
    without workouts draws an empty calendar and says so.
    """
    if isinstance(year, bool) or not isinstance(year, Integral) or not 1 <= year <= 9999:
        raise ValueError(f"year must be an integer from 1 to 9999, not {year!r}")
    year = int(year)
    wf.require(frame, ("workout_date",))
    days = _days(frame, year)
    per_day = days.groupby("day").size()
    fig = style.new_figure(left=0.07, top=0.88, bottom=0.1, hspace=0.3)
    heat, months = fig.subplots(2, 1, height_ratios=(1, 1))
    on = style.count_phrase(len(per_day), "day")
    headline = f"{year}: {style.count_phrase(len(days), 'workout')} on {on}"
    style.title(fig, headline if len(days) else f"{year}: no workouts")
    _draw_calendar(heat, per_day, year)
    _draw_months(months, days, year, names)
    alt = _alt(days, per_day, year, names)
    return style.render(fig, alt=alt, filename=f"calendar-{year}.png")


def _days(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's workouts: day and palette group (non-foot when the frame has no labels)."""
    day = wf.by_day(frame)
    inside = day.dt.year == year
    labels = frame["label"] if "label" in frame else pd.Series("", index=frame.index)
    return pd.DataFrame({"day": day[inside], "group": style.groups(labels[inside].astype(str))})


def _grid(per_day: pd.Series, year: int) -> tuple[np.ndarray, pd.DatetimeIndex, np.ndarray]:
    """A 7 x weeks array of counts (NaN outside the year), the year's days and their columns."""
    dates = pd.date_range(date(year, 1, 1), date(year, 12, 31), freq="D")
    offset = dates[0].day_of_week
    columns = (np.arange(len(dates)) + offset) // 7
    grid = np.full((7, columns[-1] + 1), np.nan)
    grid[dates.day_of_week, columns] = per_day.reindex(dates, fill_value=0).to_numpy(float)
    return grid, dates, columns


def _draw_calendar(ax: Axes, per_day: pd.Series, year: int) -> None:
    """Square cells with white gaps, weekday and month labels, and a level legend."""
    grid, dates, columns = _grid(per_day, year)
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
    ax.legend(
        handles=handles,
        title="workouts a day",
        loc="upper center",
        ncols=len(handles),
        bbox_to_anchor=(0.5, -0.02),
        handlelength=1.2,
        columnspacing=1.0,
    )


def _draw_months(ax: Axes, days: pd.DataFrame, year: int, names) -> None:
    """Workouts a month stacked by class."""
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
    ax.set_ylim(0, max(bottom.max(), 1) * 1.15)
    ax.grid(axis="x", visible=False)
    if len(days):
        handles = style.legend_handles((g for g in style.GROUPS if g in table), names=names)
        style.bottom_legend(ax.figure, handles)
    else:
        style.placeholder(ax, f"No workouts recorded in {year}")


def _alt(days: pd.DataFrame, per_day: pd.Series, year: int, names) -> str:
    """The year in words: totals, busiest month and day, and the longest gap."""
    head = f"Calendar heatmap of {year}"
    if days.empty:
        return f"{head}: no workouts recorded in {year}; every day is blank."
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
        f"Longest gap without a workout: {_longest_gap(per_day.index, year)} days."
    )


def _longest_gap(workout_days: pd.DatetimeIndex, year: int) -> int:
    """The most days in a row without a workout within the year (its edges count as bounds)."""
    edges = pd.DatetimeIndex(
        [
            pd.Timestamp(year, 1, 1) - pd.Timedelta(days=1),
            *workout_days,
            pd.Timestamp(year, 12, 31) + pd.Timedelta(days=1),
        ]
    )
    return int(np.diff(edges.to_numpy()).astype("timedelta64[D]").astype(int).max() - 1)
