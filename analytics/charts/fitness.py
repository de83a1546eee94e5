"""Fitness, fatigue and form drawn: the performance management chart of
:mod:`analytics.load`, over a period (the last 12 months by default).

The top panel has fitness (CTL, 42-day) and fatigue (ATL, 7-day); the bottom one form (TSB),
shaded above zero (fresh) and below (tired). Life events and races are dashed vertical lines
across both, labelled at the top (events a few days apart share one label). The note under the
title says what the load in the period came from, in the owner's class names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analytics import frame as wf
from analytics.charts import style
from analytics.load import HEART_RATE, METHODS, PACE, LoadCurves, form_word

FITNESS, FATIGUE, FRESH, TIRED = "#332288", "#CC79A7", "#44AA99", "#CC6677"
PERIOD_DAYS = 365
MERGE_SHARE = 0.02  # events closer than 2% of the period share a label (rotated text ~14 px)
LABEL_CHARS = 32
ZERO_WORDS = {"outlier": "outliers", "not_on_foot": "other activities", "unmeasured": "unmeasured"}


@style.styled
def fitness_chart(
    curves: LoadCurves,
    *,
    start: date | None = None,
    end: date | None = None,
    events: Sequence[tuple[date, str]] = (),
    names: Mapping[str, str] | None = None,
    unit: str = "mi",
    title: str | None = None,
) -> style.ChartImage:
    """Fitness, fatigue and form from ``start`` to ``end`` (default: the 365 days to the
    curves' end), with ``events`` (day, name) in the period marked. Classes are named in the
    owner's ``names`` (the default names when None); the threshold pace in the alt text is in
    ``unit``. The alt text gives the numbers on the last day, the peak and the events."""
    style.check_unit(unit)
    end = end or curves.end
    start = start or end - timedelta(days=PERIOD_DAYS - 1)
    if end < start:
        raise ValueError(f"the period must not end ({end}) before it starts ({start})")
    fig = style.new_figure(top=0.86, bottom=0.14, hspace=0.08)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    keep = (curves.dates >= np.datetime64(start, "D")) & (curves.dates <= np.datetime64(end, "D"))
    days = pd.to_datetime(curves.dates[keep])
    shown = _events(events, start, end)
    last = curves.on(min(end, curves.end))
    style.title(fig, style.short_title(title or _title(last)))
    style.period_axis(bottom, start, end)
    top.tick_params(labelbottom=False)
    if not len(days):
        style.placeholder(top, "No workouts before or in this period, so no load to show.")
        bottom.set_yticks([])
    else:
        _draw_curves(
            top, bottom, days, curves.fitness[keep], curves.fatigue[keep], curves.form[keep]
        )
        top.set_title(_note(curves, start, end, names), loc="left", fontsize=11, color=style.MUTED)
    _mark_events(top, bottom, shown, (end - start).days + 1)
    top.set_ylabel("load a day (100 = 1 h at threshold)", fontsize=11)
    bottom.set_ylabel("form")
    handles = [
        Line2D([], [], color=FITNESS, label="fitness (42-day)"),
        Line2D([], [], color=FATIGUE, label="fatigue (7-day)"),
        Patch(color=FRESH, alpha=0.5, label="form: fresh"),
        Patch(color=TIRED, alpha=0.5, label="form: tired"),
    ]
    if shown:
        handles.append(
            Line2D([], [], color=style.INK, linestyle="--", linewidth=1.2, label="event")
        )
    style.bottom_legend(fig, handles)
    alt = _alt(curves, start, end, days, keep, last, shown, names, unit)
    return style.render(fig, alt=alt, filename=f"fitness-{start.isoformat()}-{end.isoformat()}.png")


def _draw_curves(top: Axes, bottom: Axes, days, fitness, fatigue, form) -> None:
    top.plot(days, fitness, color=FITNESS, linewidth=2.4, zorder=4)
    top.plot(days, fatigue, color=FATIGUE, linewidth=1.4, zorder=3)
    high = float(max(fitness.max(), fatigue.max()))
    top.set_ylim(0, high * 1.15 if high > 0 else 1.0)
    bottom.fill_between(
        days, form, 0, where=form >= 0, interpolate=True, color=FRESH, alpha=0.5, linewidth=0
    )
    bottom.fill_between(
        days, form, 0, where=form < 0, interpolate=True, color=TIRED, alpha=0.5, linewidth=0
    )
    bottom.plot(days, form, color=style.INK, linewidth=1.0)
    bottom.axhline(0, color=style.MUTED, linewidth=0.8)
    reach = float(np.abs(form).max()) or 1.0
    bottom.set_ylim(-reach * 1.15, reach * 1.15)


def _events(events: Sequence[tuple[date, str]], start: date, end: date) -> list[tuple[date, str]]:
    """The events in the period, by day."""
    return sorted((day, name) for day, name in events if start <= day <= end)


def _mark_events(top: Axes, bottom: Axes, events: list[tuple[date, str]], span: int) -> None:
    """A dashed line per event on both panels; close events share one rotated label."""
    if not events:
        return
    for day, _name in events:
        for ax in (top, bottom):
            ax.axvline(
                mdates.date2num(pd.Timestamp(day)),
                color=style.INK,
                linestyle="--",
                linewidth=1.2,
                zorder=5,
            )
    gap = max(1.0, MERGE_SHARE * span)
    groups: list[list[tuple[date, str]]] = []
    for event in events:
        if groups and (event[0] - groups[-1][-1][0]).days <= gap:
            groups[-1].append(event)
        else:
            groups.append([event])
    for group in groups:
        text = "; ".join(name for _, name in group)
        if len(text) > LABEL_CHARS:
            text = text[: LABEL_CHARS - 1].rstrip() + "…"
        x = mdates.date2num(pd.Timestamp(group[0][0]))
        top.annotate(
            text,
            (x, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -4),
            textcoords="offset points",
            rotation=90,
            ha="left",
            va="top",
            fontsize=10,
            color=style.INK,
            zorder=6,
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "alpha": 0.8,
                "edgecolor": "none",
            },
        )


def _title(last) -> str:
    if last is None:
        return "Fitness, fatigue and form: no workouts yet"
    return (
        f"Fitness {last.fitness:.0f}, fatigue {last.fatigue:.0f}, form {last.form:+.0f} "
        f"({last.form_word}) on {last.day.isoformat()}"
    )


def _mix(curves: LoadCurves, start: date, end: date, names) -> str:
    """ "runs 62%, dog walks 30%, run-walks 8%": the period's load by class."""
    rows = curves.workouts
    day = pd.to_datetime(rows["workout_date"])
    rows = rows[(day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end)) & (rows["load"] > 0)]
    total = float(rows["load"].sum())
    if total <= 0:
        return ""
    shares = rows.groupby("label")["load"].sum().sort_values(ascending=False) / total
    return ", ".join(
        f"{wf.plural(wf.display_name(str(label), names))} {share:.0%}"
        for label, share in shares.items()
    )


def _note(curves: LoadCurves, start: date, end: date, names) -> str:
    mix = _mix(curves, start, end, names)
    return f"Load in the period: {mix}" if mix else "No load in the period"


def _methods(curves: LoadCurves) -> str:
    counts = curves.methods
    parts = [
        f"{counts[HEART_RATE]} by heart rate" if counts[HEART_RATE] else "",
        f"{counts[PACE]} by pace" if counts[PACE] else "",
    ]
    zero = [f"{counts[m]} {ZERO_WORDS[m]}" for m in METHODS[2:] if counts[m]]
    text = ", ".join(p for p in parts if p) or "none measured"
    return f"Workout loads: {text}" + (f"; zero for {', '.join(zero)}" if zero else "") + "."


def _alt(curves: LoadCurves, start, end, days, keep, last, events, names, unit: str) -> str:
    head = (
        f"Fitness (42-day load), fatigue (7-day) and form, {start.isoformat()} to {end.isoformat()}"
    )
    if not len(days) or last is None:
        return f"{head}: no workouts before or in the period, so the chart is empty."
    fitness = curves.fitness[keep]
    peak = int(np.argmax(fitness))
    parts = [
        f"{head}. On {last.day.isoformat()}: fitness {last.fitness:.1f}, fatigue "
        f"{last.fatigue:.1f}, form {last.form:+.1f} ({form_word(last.form)}).",
        f"Fitness peaked at {fitness[peak]:.1f} on {days[peak].date().isoformat()}, "
        f"lowest {fitness.min():.1f}.",
    ]
    if mix := _mix(curves, start, end, names):
        parts.append(f"Load in the period: {mix}.")
    parts.append(_methods(curves))
    threshold = curves.threshold_pace
    parts.append(
        f"Threshold pace {wf.format_pace(threshold.value, unit)} ({threshold.source}); max heart "
        f"rate {curves.max_hr.value:.0f} ({curves.max_hr.source}), resting "
        f"{curves.resting_hr.value:.0f} ({curves.resting_hr.source})."
    )
    if events:
        marked = ", ".join(f"{name} ({day.isoformat()})" for day, name in events)
        parts.append(f"Events marked: {marked}.")
    return " ".join(parts)
