"""A summary broken down (by month, year, week, weekday, hour or class) as a bar chart: the
chart of every "... by month", "... as a chart" question.

Values come in the reader's unit already (km or mi, hours, min per km or mi, workouts), with the
text to print on each bar, so the chart says exactly what the answer's table says. The best bar
is marked when the question asked for a best; pace bars grow with speed, so taller is faster
(and the axis says so), as everywhere pace is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import MaxNLocator

from analytics.charts import style

MAX_BARS = 120  # more would be unreadable at 1200 px; the caller totals by a longer unit
LABELLED_UP_TO = 24  # values printed on the bars when there are this many or fewer


@dataclass(frozen=True)
class Bar:
    """One bar: its name (a month, a weekday...), its value and the text shown for it."""

    name: str
    value: float | None
    shown: str


@style.styled
def breakdown_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    axis: str,
    highlight: str | None = None,
    pace_unit: str | None = None,
) -> style.ChartImage:
    """Bars of a breakdown in the order given. ``axis`` names the values ("distance (km)");
    ``highlight`` names the bar to mark (the best month); ``pace_unit`` ("km" or "mi") makes
    the values paces in minutes per unit, drawn as speed so taller is faster."""
    if not 1 <= len(bars) <= MAX_BARS:
        raise ValueError(f"a breakdown chart draws 1 to {MAX_BARS} bars, not {len(bars)}")
    if pace_unit is not None:
        style.check_unit(pace_unit)
    values = np.array([np.nan if b.value is None else float(b.value) for b in bars], dtype=float)
    heights = 60.0 / values if pace_unit else values  # per hour, so taller is faster
    heights = np.nan_to_num(heights, nan=0.0)
    x = np.arange(len(bars))
    colours = [style.HIGHLIGHT if b.name == highlight else style.PALETTE["run"] for b in bars]
    fig = style.new_figure(bottom=0.16 if len(bars) > 12 else 0.1)
    ax = fig.add_subplot()
    style.title(fig, title)
    style.bars(ax, x, heights, colours=colours, width=0.75)
    ax.set_xlim(-0.6, len(bars) - 0.4)
    ax.set_ylim(0, max(float(heights.max()) * 1.15, 1.0))
    step = max(1, len(bars) // 24)
    ax.set_xticks(x[::step], [b.name for b in bars][::step], rotation=45 if len(bars) > 12 else 0)
    if pace_unit:
        ax.set_ylabel(f"speed ({pace_unit}/h, faster ↑); bars show pace per {pace_unit}")
    else:
        ax.set_ylabel(axis)
        ax.yaxis.set_major_locator(MaxNLocator(integer=axis.startswith("workouts")))
    if len(bars) <= LABELLED_UP_TO:
        font = 12 if len(bars) <= 12 else 9
        for xi, height, bar in zip(x, heights, bars):
            if height > 0:
                ax.text(xi, height, bar.shown, ha="center", va="bottom", fontsize=font)
    shown = ", ".join(f"{b.name}: {b.shown}" for b in bars[:LABELLED_UP_TO])
    more = f" and {len(bars) - LABELLED_UP_TO} more" if len(bars) > LABELLED_UP_TO else ""
    alt = f"Bar chart, {title}. {shown}{more}."
    return style.render(fig, alt=alt[:1000], filename=f"{style.slug(title, 'breakdown')}.png")
