"""The life-event timeline: how training changed when something happened (a puppy, a move).

Three panels share one story: workouts a month stacked by class (months before the event drawn
lighter), the median pace of each foot class a month (a change of class mix often hides behind a
"slower" average pace), and the class mix before against after. A dashed line marks the event.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analytics import frame as wf
from analytics.charts import style

BEFORE_ALPHA = 0.4
PACE_CLASSES = (wf.RUN, wf.RUN_WALK, wf.WALK)  # outliers have no meaningful pace
DAYS_PER_MONTH = 365.25 / 12
MIX_LABEL_MIN = 0.06  # shares under 6% are too thin a slice to label


@style.styled
def choco_timeline(
    frame: pd.DataFrame,
    *,
    event_date: date,
    event_name: str,
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
) -> style.ChartImage:
    """Monthly workouts by class around a life event, with pace per class and the class mix.

    Answers "what did <event> do to my training?" in one picture: volume, what kind of workouts,
    and whether each kind got slower, so a drop in average pace caused by dog walks is not read
    as a runner getting slower. ``frame`` is a labelled workouts frame; classes are named in
    the owner's ``names`` (the default names when None).
    """
    style.check_unit(unit)
    wf.require(frame, ("workout_date", "label", "avg_pace_s_per_km", "distance_m"))
    rows = _rows(frame)
    event = pd.Timestamp(event_date)
    months = _months(rows, event)
    fig = style.new_figure(left=0.07, right=0.99, top=0.9, bottom=0.13, hspace=0.08, wspace=0.2)
    grid = fig.add_gridspec(2, 2, width_ratios=(5, 1), height_ratios=(3, 2))
    bars = fig.add_subplot(grid[0, 0])
    pace, mix = fig.add_subplot(grid[1, 0], sharex=bars), fig.add_subplot(grid[:, 1])
    when = f"{event_name} ({event_date.isoformat()})"
    style.title(fig, f"Workouts a month before and after {when}")
    if rows.empty:
        style.placeholder(bars, f"No workouts recorded, so nothing to show around {when}.")
        for ax in (pace, mix):
            ax.set_axis_off()
    else:
        _draw_bars(bars, rows, months, event, names)
        _draw_pace(pace, rows, months, unit, names)
        _draw_mix(mix, rows, event)
        for ax in (bars, pace):
            _mark_event(ax, event, event_name, event_date, label=ax is bars)
    alt = _alt(rows, event, event_name, event_date, unit, names)
    filename = f"timeline-{style.slug(event_name, 'event')}-{event_date.isoformat()}.png"
    return style.render(fig, alt=alt, filename=filename)


def _rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Dated rows with their day, month and palette group."""
    rows = frame[frame["workout_date"].notna()]
    day = wf.by_day(rows)
    return pd.DataFrame(
        {
            "day": day,
            "month": day.dt.to_period("M"),
            "label": rows["label"].astype(str),
            "group": style.groups(rows["label"].astype(str)),
            "pace": pd.to_numeric(rows["avg_pace_s_per_km"], errors="coerce"),
        }
    ).sort_values("day", kind="stable")


def _months(rows: pd.DataFrame, event: pd.Timestamp) -> pd.PeriodIndex:
    """Every month from the first workout to the last, stretched to include the event."""
    marks = [event.to_period("M")]
    if len(rows):
        marks += [rows["month"].min(), rows["month"].max()]
    return pd.period_range(min(marks), max(marks), freq="M")


def _x(months: pd.PeriodIndex) -> np.ndarray:
    """Matplotlib date numbers of the middle of each month."""
    return mdates.date2num(months.to_timestamp() + pd.Timedelta(days=14))


def _draw_bars(
    ax: Axes, rows: pd.DataFrame, months: pd.PeriodIndex, event: pd.Timestamp, names
) -> None:
    """Stacked monthly counts by class; months wholly before the event are lighter."""
    table = pd.crosstab(rows["month"], rows["group"]).reindex(months, fill_value=0)
    before = np.asarray(months.end_time < event)
    x, bottom = _x(months), np.zeros(len(months))
    for key in (g for g in style.GROUPS if g in table):
        base = np.array(to_rgba(style.PALETTE[key]))
        colours = np.tile(base, (len(months), 1))
        colours[before, 3] = BEFORE_ALPHA
        counts = table[key].to_numpy(float)
        style.bars(ax, x, counts, bottom=bottom, width=24, colours=colours)
        bottom += counts
    present = [g for g in style.GROUPS if g in table]
    faded = Patch(facecolor=style.MUTED, alpha=BEFORE_ALPHA, label="lighter: before the event")
    handles = [*style.legend_handles(present, names=names), faded]
    style.bottom_legend(ax.figure, handles)
    ax.set_ylabel("workouts a month")
    ax.set_ylim(0, max(bottom.max(), 1) * 1.12)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis_date()
    ax.tick_params(labelbottom=False)


def _draw_pace(ax: Axes, rows: pd.DataFrame, months: pd.PeriodIndex, unit: str, names) -> None:
    """Median pace of each foot class a month, as lines (gaps where a class had no workout)."""
    known = rows[rows["label"].isin(PACE_CLASSES) & (rows["pace"] > 0)]
    medians = known.pivot_table(index="month", columns="label", values="pace", aggfunc="median")
    medians = medians.reindex(months)
    x = _x(months)
    for label in (c for c in PACE_CLASSES if c in medians):
        minutes = style.pace_minutes(medians[label].to_numpy(float), unit)
        ax.plot(
            x,
            minutes,
            color=style.PALETTE[label],
            marker="o",
            markersize=3,
            linewidth=1.5,
            label=wf.display_name(label, names),
        )
    if not medians.notna().any().any():
        style.placeholder(ax, "No paces recorded")
    style.pace_axis(ax, unit, noun="median pace")
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=12))


def _draw_mix(ax: Axes, rows: pd.DataFrame, event: pd.Timestamp) -> None:
    """Two 100% stacked bars: the class mix before and after the event."""
    sides = {"before": rows[rows["day"] < event], "after": rows[rows["day"] >= event]}
    for i, (name, side) in enumerate(sides.items()):
        shares = side["group"].value_counts(normalize=True)
        alpha, bottom = (BEFORE_ALPHA if name == "before" else 1.0), 0.0
        for key in (g for g in style.GROUPS if g in shares):
            share = float(shares[key])
            ax.bar(i, share * 100, bottom=bottom, width=0.7, color=style.PALETTE[key], alpha=alpha)
            if share >= MIX_LABEL_MIN:
                ax.text(
                    i,
                    bottom + share * 50,
                    f"{share:.0%}",
                    ha="center",
                    va="center",
                    fontsize=11,
                    color=style.INK,
                )
            bottom += share * 100
        if side.empty:
            ax.text(i, 50, "none", ha="center", va="center", color=style.MUTED)
    ax.set_xticks([0, 1], [f"{name}\nn={len(side):,}" for name, side in sides.items()])
    ax.set_ylim(0, 100)
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylabel("share of workouts (%)")
    ax.set_title("class mix", loc="left")
    ax.grid(axis="x", visible=False)


def _mark_event(ax: Axes, event: pd.Timestamp, name: str, when: date, *, label: bool) -> None:
    """A dashed vertical line at the event, named and dated on the top panel."""
    x = mdates.date2num(event)
    ax.axvline(x, color=style.INK, linestyle="--", linewidth=1.5, zorder=3)
    if label:
        ax.annotate(
            f"{name}\n{when.isoformat()}",
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-6, -4),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=13,
            fontweight="bold",
            color=style.INK,
            zorder=4,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": "white",
                "alpha": 0.85,
                "edgecolor": "none",
            },
        )


def _alt(rows: pd.DataFrame, event: pd.Timestamp, name: str, when: date, unit: str, names) -> str:
    """The chart in words: span, each side's count, rate and mix, and median paces."""
    head = f"Timeline of workouts a month by class around {name} on {when.isoformat()}"
    if rows.empty:
        return f"{head}: no workouts recorded, so the chart is empty."
    first, last = rows["day"].iloc[0], rows["day"].iloc[-1]
    span = f"{first:%B %Y} to {last:%B %Y}"
    parts = [
        _side_text("before", rows[rows["day"] < event], first, event - pd.Timedelta(days=1), names),
        _side_text("after", rows[rows["day"] >= event], event, last, names),
    ]
    return f"{head}, {span}. " + " ".join(parts) + _pace_text(rows, event, unit, names)


def _side_text(name: str, side: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, names) -> str:
    """ "Before: 371 workouts, 4.2 a month; run 95%, ..." for one side of the event."""
    if side.empty:
        return f"{name.capitalize()}: no workouts."
    months = ((end - start).days + 1) / DAYS_PER_MONTH
    rate = f", {_number(len(side) / months)} a month" if months >= 1 else ""
    shares = side["group"].value_counts(normalize=True)
    shown = style.group_names(names)
    mix = ", ".join(f"{shown[k]} {_percent(v)}" for k, v in shares.items())
    return f"{name.capitalize()}: {style.count_phrase(len(side), 'workout')}{rate}; {mix}."


def _pace_text(rows: pd.DataFrame, event: pd.Timestamp, unit: str, names) -> str:
    """Median pace of each foot class before and after, where known."""
    texts = []
    for label in PACE_CLASSES:
        paces = rows.loc[(rows["label"] == label) & (rows["pace"] > 0)]
        sides = [paces.loc[paces["day"] < event, "pace"], paces.loc[paces["day"] >= event, "pace"]]
        shown = [wf.format_pace(s.median(), unit) if len(s) else "none" for s in sides]
        if len(paces):
            texts.append(f"{wf.display_name(label, names)} {shown[0]} before, {shown[1]} after")
    return f" Median pace: {'; '.join(texts)}." if texts else ""


def _number(rate: float) -> str:
    """One decimal, or two significant digits under 1 (a workout in 7 years is not 0.0)."""
    return f"{rate:.1f}" if rate >= 0.95 else f"{rate:.2g}"


def _percent(share: float) -> str:
    """A share as a whole percentage; "<1%" rather than a misleading "0%"."""
    return f"{share:.0%}" if share >= 0.005 else "<1%"
