"""A summary broken down (by month, year, week, weekday, hour or class) as a bar chart: the
chart of every "... by month", "... as a chart" question.

Values come in the reader's unit already (km or mi, hours, min per km or mi, workouts), with the
text to print on each bar, so the chart says exactly what the answer's table says. The best bar
is marked when the question asked for a best; pace bars grow with speed, so taller is faster
(and the axis says so), as everywhere pace is drawn.

One bar far above the rest (a 300 mi month among 20s, a glitch's speed) does not flatten them:
the axis ends a little above the others and the tall bar is cut there, its value printed on it
and the cut said in a note and in the alt text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.ticker import MaxNLocator

from analytics.charts import style
from analytics.charts.spec import MAX_BARS, Bar

LABELLED_UP_TO = 24  # values printed on the bars when there are this many or fewer
FENCE = 3.0  # a bar over 3 times the upper quartile of the bars is cut at the axis top
MIN_FOR_FENCE = 4  # with fewer bars every one is drawn whole


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
    top, cut = _top(heights)
    ax.set_ylim(0, top)
    step = max(1, len(bars) // 24)
    # Many names stand on end: slanted ones would run into each other's boxes.
    ax.set_xticks(x[::step], [b.name for b in bars][::step], rotation=90 if len(bars) > 12 else 0)
    if pace_unit:
        ax.set_ylabel(f"speed ({pace_unit}/h, faster ↑); bars show pace per {pace_unit}")
    else:
        ax.set_ylabel(axis)
        ax.yaxis.set_major_locator(MaxNLocator(integer=axis.startswith("workouts")))
    if len(bars) <= LABELLED_UP_TO:
        font = 12 if len(bars) <= 12 else 9
        # A label wider than its bar's slot would run into the next: stand it on end.
        slot = ax.bbox.width / len(bars)
        longest = max(len(b.shown) for b in bars)
        width = longest * font * 0.62 * style.DPI / 72  # the longest label, lying down
        upright = width > slot * 0.95
        if upright:  # room above the tallest bar for its label standing up
            ax.set_ylim(0, top + top * width / ax.bbox.height)
        for xi, height, bar, over in zip(x, heights, bars, cut):
            if height > 0 and not over:
                ax.text(
                    xi,
                    height,
                    bar.shown + (" " if upright else ""),
                    ha="center",
                    va="bottom",
                    fontsize=font,
                    rotation=90 if upright else 0,
                )
    for xi, bar in zip(x[cut], [b for b, over in zip(bars, cut) if over]):
        _mark_cut(ax, xi, top, bar.shown)
    cuts = style.count_phrase(int(cut.sum()), "bar")
    if cut.any():
        ax.text(
            0.995,
            0.99,
            f"{cuts} cut at the top: too tall for the scale of the rest",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=10,
            color=style.MUTED,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.0},
        )
    shown = ", ".join(f"{b.name}: {b.shown}" for b in bars[:LABELLED_UP_TO])
    more = f" and {len(bars) - LABELLED_UP_TO} more" if len(bars) > LABELLED_UP_TO else ""
    note = (
        f" {cuts} ({', '.join(b.name for b, c in zip(bars, cut) if c)})"
        " cut at the top of the axis, far above the rest."
        if cut.any()
        else ""
    )
    alt = f"Bar chart, {title}. {shown}{more}.{note}"
    return style.render(fig, alt=alt[:1000], filename=f"{style.slug(title, 'breakdown')}.png")


def _top(heights: np.ndarray) -> tuple[float, np.ndarray]:
    """The axis top and which bars are cut at it: bars over :data:`FENCE` times the upper
    quartile of the drawn bars (with :data:`MIN_FOR_FENCE` or more of them) do not set it."""
    drawn = heights[heights > 0]
    cut = np.zeros(heights.shape, dtype=bool)
    if drawn.size >= MIN_FOR_FENCE:
        cut = heights > FENCE * float(np.percentile(drawn, 75))
    kept = heights[~cut]
    top = max(float(kept.max()) * 1.15 if kept.size else 0.0, 1.0)
    if cut.any():
        top *= 1.1  # room for the cut mark and the note
    return top, cut


def _mark_cut(ax, x: float, top: float, shown: str) -> None:
    """A cut bar: a white break across it below the top, and its value printed on it."""
    for offset in (0.05, 0.075):
        y = top * (1 - offset)
        ax.plot(
            [x - 0.45, x + 0.45],
            [y - top * 0.012, y + top * 0.012],
            color="white",
            linewidth=3,
            solid_capstyle="butt",
            zorder=3,
        )
    ax.text(
        x,
        top * 0.88,
        f"{shown} ↑",
        ha="center",
        va="top",
        fontsize=11,
        fontweight="bold",
        color="white",
        rotation=90,
        zorder=4,
    )
