"""The life-event timeline: how training changed when something happened (a puppy, a move).

Three panels share one story: workouts a month stacked by class (months before the event drawn
lighter), the median pace of each foot class a month (a change of class mix often hides behind a
"slower" average pace), and the class mix before against after. A dashed line marks the event.

The pace panel's limits are robust: one absurd month (a lone 42:00 walk) is drawn at the edge
and counted, not given half the panel; a line joins consecutive months only. The month in
progress at ``today`` is marked, with a dashed outline of the whole month at its pace so far.
Walks are "dog walks" only from the owner's dog on (``dog_since``).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from analytics import frame as wf
from analytics.charts import style

BEFORE_ALPHA = 0.4
PACE_CLASSES = (wf.RUN, wf.RUN_WALK, wf.WALK)  # outliers have no meaningful pace
DAYS_PER_MONTH = 365.25 / 12
MIX_LABEL_MIN = 0.06  # shares under 6% are too thin to label inside: labelled beside the bar
MIX_LABEL_GAP = 5.0  # least vertical distance (percentage points) between labels beside a bar
FENCE = 3.0  # a month's median beyond 3 IQRs of its class's quartiles is off the pace scale
MIN_FOR_FENCE = 5  # fewer months than this: every one is on the scale


@style.styled
def choco_timeline(
    frame: pd.DataFrame,
    *,
    event_date: date,
    event_name: str,
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
    today: date | None = None,
    dog_since: date | None = None,
) -> style.ChartImage:
    """Monthly workouts by class around a life event, with pace per class and the class mix.

    Answers "what did <event> do to my training?" in one picture: volume, what kind of workouts,
    and whether each kind got slower, so a drop in average pace caused by dog walks is not read
    as a runner getting slower. ``frame`` is a labelled workouts frame; classes are named in
    the owner's ``names`` (the default names when None), walks before ``dog_since`` (the
    owner's first dog event) as plain walks. ``today`` ends the data: its month, if not over,
    is marked as partial (None: every month drawn is whole).
    """
    style.check_unit(unit)
    wf.require(frame, ("workout_date", "label", "avg_pace_s_per_km", "distance_m"))
    rows = _rows(frame)
    if today is not None:
        rows = rows[rows["day"] <= pd.Timestamp(today)]
    event = pd.Timestamp(event_date)
    months = _months(rows, event)
    dog = pd.Timestamp(dog_since) if dog_since is not None else None
    fig = style.new_figure(left=0.07, right=0.99, top=0.9, bottom=0.13, hspace=0.08, wspace=0.2)
    grid = fig.add_gridspec(2, 2, width_ratios=(5, 1), height_ratios=(3, 2))
    bars = fig.add_subplot(grid[0, 0])
    pace, mix = fig.add_subplot(grid[1, 0], sharex=bars), fig.add_subplot(grid[:, 1])
    when = f"{event_name} ({event_date.isoformat()})"
    style.title(fig, f"Workouts a month before and after {when}")
    partial = ""
    if rows.empty:
        style.placeholder(bars, f"No workouts recorded, so nothing to show around {when}.")
        for ax in (pace, mix):
            ax.set_axis_off()
    else:
        _draw_bars(bars, rows, months, event, names, dog)
        partial = _draw_partial(bars, rows, months, today)
        _draw_pace(pace, rows, months, unit, names, dog)
        _draw_mix(mix, rows, event)
        # Whole months on the x axis, from the first one's start to the last one's end.
        bars.set_xlim(
            mdates.date2num(months[0].start_time),
            mdates.date2num(months[-1].end_time.normalize() + pd.Timedelta(days=1)),
        )
        for ax in (bars, pace):
            _mark_event(ax, event, event_name, event_date, label=ax is bars)
    alt = _alt(rows, event, event_name, event_date, unit, names, dog) + partial
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


def _names_until(names, dog: pd.Timestamp | None, end: pd.Timestamp) -> Mapping[str, str]:
    """The class names of workouts up to ``end``: walks are plain walks before the dog."""
    names = names or wf.DISPLAY_NAMES
    if dog is not None and end < dog:
        return {**names, wf.WALK: wf.WALK_NAMES[wf.WALK]}
    return names


def _draw_bars(
    ax: Axes,
    rows: pd.DataFrame,
    months: pd.PeriodIndex,
    event: pd.Timestamp,
    names,
    dog: pd.Timestamp | None,
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
    handles = style.legend_handles(present, names=names)
    walked = rows.loc[rows["label"] == wf.WALK, "day"]
    if dog is not None and len(walked) and walked.min() < dog and wf.WALK in present:
        shown = wf.display_name(wf.WALK, names)
        plain = wf.WALK_NAMES[wf.WALK]
        if shown != plain:  # walks before the dog are not dog walks
            handle = handles[present.index(wf.WALK)]
            handle.set_label(f"{shown} ({plain} before {dog:%b %Y})")
    handles = [*handles, faded]
    style.bottom_legend(ax.figure, handles)
    ax.set_ylabel("workouts a month")
    ax.set_ylim(0, max(bottom.max(), 1) * 1.12)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis_date()
    ax.tick_params(labelbottom=False)


def _draw_partial(ax: Axes, rows: pd.DataFrame, months: pd.PeriodIndex, today: date | None) -> str:
    """Mark the last month if ``today`` falls inside it before its end: a dashed outline of the
    whole month at its pace so far and a note; the note for the alt text ("" if none)."""
    if today is None or pd.Timestamp(today).to_period("M") != months[-1]:
        return ""
    length = calendar.monthrange(today.year, today.month)[1]
    if today.day >= length:
        return ""
    count = int((rows["month"] == months[-1]).sum())
    pace = count * length / today.day
    x = _x(months[-1:])[0]
    ax.add_patch(
        Rectangle(
            (x - 12, 0), 24, pace, fill=False, edgecolor=style.MUTED, linestyle="--", linewidth=1.2
        )
    )
    ax.set_ylim(0, max(ax.get_ylim()[1], pace * 1.12))
    ax.annotate(
        f"{today:%b %Y} so far:\n{today.day} of {length} days",
        (x, max(pace, count)),
        xytext=(-4, 4),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=10,
        color=style.MUTED,
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.0},
        zorder=4,
    )
    return (
        f" {today:%B %Y} is in progress ({today.day} of {length} days): its bar is the month so"
        f" far, its dashed outline the whole month at that pace (about {pace:.0f})."
    )


def _draw_pace(
    ax: Axes,
    rows: pd.DataFrame,
    months: pd.PeriodIndex,
    unit: str,
    names,
    dog: pd.Timestamp | None,
) -> None:
    """Median pace of each foot class a month, as lines joining consecutive months only (a
    month without a workout of the class breaks its line); limits robust to an absurd month,
    which is drawn at the edge and counted. Walks before the dog are hollow dots."""
    known = rows[rows["label"].isin(PACE_CLASSES) & (rows["pace"] > 0)]
    medians = known.pivot_table(index="month", columns="label", values="pace", aggfunc="median")
    medians = medians.reindex(months)
    x = _x(months)
    series = {
        label: style.pace_minutes(medians[label].to_numpy(float), unit)
        for label in PACE_CLASSES
        if label in medians
    }
    if not any(np.isfinite(v).any() for v in series.values()):
        style.placeholder(ax, "No paces recorded")
        style.pace_axis(ax, unit, noun="median pace")
        ax.xaxis_date()
        return
    low, high = _robust_limits(series.values())
    pad = max((high - low) * 0.08, 0.25)
    bottom, top = high + pad, low - pad  # slower down, faster up
    before_dog = (
        np.asarray(months.end_time < dog) if dog is not None else np.zeros(len(months), bool)
    )
    off = []
    for label, minutes in series.items():
        inside = np.where((minutes >= low) & (minutes <= high), minutes, np.nan)
        colour = style.PALETTE[label]
        split = label == wf.WALK and before_dog.any()
        for part, hollow in (
            ((before_dog, True), (~before_dog, False)) if split else ((None, False),)
        ):
            shown = inside if part is None else np.where(part, inside, np.nan)
            ax.plot(
                x,
                shown,
                color=colour,
                marker="o",
                markersize=4 if hollow else 3,
                markerfacecolor="white" if hollow else colour,
                linewidth=1.5,
                label=wf.WALK_NAMES[wf.WALK] if hollow else wf.display_name(label, names),
            )
        for edge, beyond, marker in ((bottom, minutes > high, "v"), (top, minutes < low, "^")):
            if beyond.any():
                ax.plot(
                    x[beyond],
                    np.full(int(beyond.sum()), edge),
                    linestyle="none",
                    marker=marker,
                    markersize=8,
                    color=colour,
                    clip_on=False,
                    zorder=4,
                )
                plain = wf.WALK_NAMES[wf.WALK]
                off += [
                    (plain if label == wf.WALK and early else wf.display_name(label, names), m)
                    for m, early in zip(minutes[beyond], before_dog[beyond])
                ]
    ax.set_ylim(bottom, top)
    style.pace_axis(ax, unit, noun="median pace")
    if off:
        worst = ", ".join(f"{shown} {style.mss(m)}" for shown, m in off[:3])
        ax.text(
            0.005,
            0.04,
            f"{style.count_phrase(len(off), 'month')} off the scale, at the edge (▼▲): {worst}",
            transform=ax.transAxes,
            ha="left",
            va="bottom",
            fontsize=10,
            color=style.MUTED,
            zorder=5,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.0},
        )
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))


def _robust_limits(series) -> tuple[float, float]:
    """The range of paces to show: each class's months within :data:`FENCE` IQRs of its
    quartiles (all of them for a class with under :data:`MIN_FOR_FENCE` months), pooled."""
    lows, highs = [], []
    for minutes in series:
        values = np.asarray(minutes, dtype=float)
        values = values[np.isfinite(values)]
        if not values.size:
            continue
        if values.size < MIN_FOR_FENCE:
            lows.append(values.min())
            highs.append(values.max())
            continue
        q1, median, q3 = np.percentile(values, [25, 50, 75])
        spread = max(q3 - q1, 0.05 * median)  # a flat class still has a little room
        kept = values[(values >= q1 - FENCE * spread) & (values <= q3 + FENCE * spread)]
        lows.append(kept.min())
        highs.append(kept.max())
    return float(min(lows)), float(max(highs))


def _draw_mix(ax: Axes, rows: pd.DataFrame, event: pd.Timestamp) -> None:
    """Two 100% stacked bars: the class mix before and after the event."""
    sides = {"before": rows[rows["day"] < event], "after": rows[rows["day"] >= event]}
    for i, (name, side) in enumerate(sides.items()):
        shares = side["group"].value_counts(normalize=True)
        alpha, bottom = (BEFORE_ALPHA if name == "before" else 1.0), 0.0
        beside = []  # thin slices: (middle, text, colour), labelled outside the bar
        for key in (g for g in style.GROUPS if g in shares):
            share = float(shares[key])
            ax.bar(i, share * 100, bottom=bottom, width=0.6, color=style.PALETTE[key], alpha=alpha)
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
            else:
                beside.append((bottom + share * 50, _percent(share), style.PALETTE[key]))
            bottom += share * 100
        _label_beside(ax, i, beside, left=i == 0)
        if side.empty:
            ax.text(i, 50, "none", ha="center", va="center", color=style.MUTED)
    ax.set_xticks([0, 1], [f"{name}\nn={len(side):,}" for name, side in sides.items()])
    ax.set_ylim(0, 100)
    ax.set_xlim(-1.0, 2.0)
    ax.tick_params(axis="x", labelsize=10)
    ax.set_ylabel("share of workouts (%)")
    ax.set_title("class mix", loc="left")
    ax.grid(axis="x", visible=False)


def _label_beside(ax: Axes, x: float, slices: list, *, left: bool) -> None:
    """Label thin slices outside bar ``x`` (left of it or right), each by a tick in its colour,
    moved apart vertically so no two labels overlap."""
    if not slices:
        return
    wanted = np.array([middle for middle, _, _ in slices])
    placed = wanted.copy()
    for k in range(1, len(placed)):  # push up from the bottom...
        placed[k] = max(placed[k], placed[k - 1] + MIX_LABEL_GAP)
    placed[-1] = min(placed[-1], 100 - MIX_LABEL_GAP / 2)
    for k in range(len(placed) - 2, -1, -1):  # ...then down from the top, as far as needed
        placed[k] = min(placed[k], placed[k + 1] - MIX_LABEL_GAP)
    edge, sign = (x - 0.3, -1) if left else (x + 0.3, 1)
    for (middle, text, colour), y in zip(slices, placed):
        ax.plot([edge, edge + sign * 0.12], [middle, y], color=colour, linewidth=1.5, clip_on=False)
        ax.text(
            edge + sign * 0.15,
            y,
            text,
            ha="right" if left else "left",
            va="center",
            fontsize=9,
            color=style.INK,
        )


def _mark_event(ax: Axes, event: pd.Timestamp, name: str, when: date, *, label: bool) -> None:
    """A dashed vertical line at the event, named and dated on the top panel."""
    x = mdates.date2num(event)
    ax.axvline(x, color=style.INK, linestyle="--", linewidth=1.5, zorder=3)
    if label:
        low, high = ax.get_xlim()
        right = (x - low) / (high - low) < 0.3  # near the y axis: name it on the right
        ax.annotate(
            f"{name}\n{when.isoformat()}",
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(6 if right else -6, -4),
            textcoords="offset points",
            ha="left" if right else "right",
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


def _alt(
    rows: pd.DataFrame,
    event: pd.Timestamp,
    name: str,
    when: date,
    unit: str,
    names,
    dog: pd.Timestamp | None = None,
) -> str:
    """The chart in words: span, each side's count, rate and mix, and median paces."""
    head = f"Timeline of workouts a month by class around {name} on {when.isoformat()}"
    if rows.empty:
        return f"{head}: no workouts recorded, so the chart is empty."
    first, last = rows["day"].iloc[0], rows["day"].iloc[-1]
    span = f"{first:%B %Y} to {last:%B %Y}"
    eve = event - pd.Timedelta(days=1)
    before_names = _names_until(names, dog, eve)
    parts = [
        _side_text("before", rows[rows["day"] < event], first, eve, before_names),
        _side_text("after", rows[rows["day"] >= event], event, last, names),
    ]
    return f"{head}, {span}. " + " ".join(parts) + _pace_text(rows, event, unit, names, dog)


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


def _pace_text(
    rows: pd.DataFrame, event: pd.Timestamp, unit: str, names, dog: pd.Timestamp | None = None
) -> str:
    """Median pace of each foot class before and after, where known (walks before the dog
    named as plain walks)."""
    texts = []
    before_names = _names_until(names, dog, event - pd.Timedelta(days=1))
    for label in PACE_CLASSES:
        paces = rows.loc[(rows["label"] == label) & (rows["pace"] > 0)]
        sides = [paces.loc[paces["day"] < event, "pace"], paces.loc[paces["day"] >= event, "pace"]]
        shown = [wf.format_pace(s.median(), unit) if len(s) else "none" for s in sides]
        if not len(paces):
            continue
        first, then = wf.display_name(label, before_names), wf.display_name(label, names)
        if first == then:
            texts.append(f"{then} {shown[0]} before, {shown[1]} after")
        else:
            texts.append(f"{first} {shown[0]} before, {then} {shown[1]} after")
    return f" Median pace: {'; '.join(texts)}." if texts else ""


def _number(rate: float) -> str:
    """One decimal, or two significant digits under 1 (a workout in 7 years is not 0.0)."""
    return f"{rate:.1f}" if rate >= 0.95 else f"{rate:.2g}"


def _percent(share: float) -> str:
    """A share as a whole percentage; "<1%" rather than a misleading "0%"."""
    return f"{share:.0%}" if share >= 0.005 else "<1%"
