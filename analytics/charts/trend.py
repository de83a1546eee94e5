"""A trend drawn: the workouts, the least-squares line with its 95% confidence band, and the
forecast with its (wider) 95% prediction band, titled with the result's headline.

The confidence band (where the *line* may be) is recomputed from the result's points, which are
exactly the points the trend was fitted to; the prediction band (where one *new* value may land)
comes from the result's forecast. They are shaded differently because they answer different
questions, and a reader who sees one band for both overrates the forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import Formatter, NullFormatter, ScalarFormatter

from analytics import frame as wf
from analytics import significance
from analytics.charts import style
from analytics.trends import TrendResult

FIT, CONFIDENCE, FORECAST = style.INK, "#9E9E9E", "#CC79A7"


@dataclass(frozen=True)
class _Scale:
    """How a metric is shown: SI value times ``factor``, axis label, tick format, text format."""

    factor: float
    label: str
    formatter: Formatter
    pace: bool
    text: str  # format for alt text: "{}" gets the shown value


@style.styled
def trend_chart(
    result: TrendResult, *, unit: str = "mi", title: str | None = None
) -> style.ChartImage:
    """Draw a :class:`TrendResult`: points, fitted line, confidence and prediction bands.

    The title (``title``, else a short one from the result) gives the direction and the slope
    in one format per metric (pace always in s/unit a month); the alt text starts with the
    result's headline, the sentence the bot says. The x axis is the period asked (to the
    forecast's end); the y axis comes from robust limits of the points and the line, so one
    mislabelled point is an arrow at the edge with its count, and the bands are clipped to it.
    A "not enough data" result draws the few points it has with the reason in words. ``unit``
    should match the unit the result was computed in, as its headline uses that unit.
    """
    style.check_unit(unit)
    scale = _scale(result.metric, unit)
    fig = style.new_figure()
    ax = fig.add_subplot()
    style.title(fig, style.short_title(title or _title(result, unit)))
    days = pd.to_datetime([d for d, _ in result.points])
    values = np.array([v for _, v in result.points], dtype=float) * scale.factor
    line = forecast = np.array([])
    if result.enough_data:
        line = _fit(np.asarray((days - days[0]).days, dtype=float), values)[0]
        forecast = np.array([f.value for f in result.forecast], dtype=float) * scale.factor
    limits = style.robust_limits(
        values, include=[*line, *forecast], bounds=(0.0, style.PACE_MAX if scale.pace else np.inf)
    )
    if len(values):
        style.period_axis(ax, *_period(result, days))
        ax.set_ylim(*limits)
    _draw_points(ax, days, values, result)
    if result.enough_data:
        _draw_fit(ax, days, values, limits)
        _draw_forecast(ax, result, scale.factor, limits)
        ax.legend(loc="best", ncols=2)
    else:
        style.placeholder(ax, "Not enough data for a trend line")
    _axes(ax, scale, has_points=len(values) > 0)
    outside = style.mark_outside(ax, days, values) if len(values) else []
    filename = f"trend-{style.slug(result.metric)}-{style.slug(result.label or 'all')}.png"
    return style.render(fig, alt=_alt(result, scale, days, values, outside), filename=filename)


def _period(result: TrendResult, days: pd.DatetimeIndex) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days asked (the points' own where the question left an end open), to the forecast's
    last day."""
    start = pd.Timestamp(result.start) if result.start else days.min()
    end = pd.Timestamp(result.end) if result.end else days.max()
    if result.enough_data and result.forecast:
        end = max(end, pd.Timestamp(result.forecast[-1].date))
    return start, max(end, start)


def slope_text(result: TrendResult, unit: str) -> str:
    """The slope a month in one format per metric, whatever its size: "+7.2 s/mi a month",
    "+0.12 mi a month", "+0.8 min a month", "+0.05 workouts a week a month"."""
    per = result.slope_per_month
    if result.metric == "pace":
        return f"{per * wf.METRES_PER[unit] / 1000:+.1f} s/{unit} a month"
    if result.metric == "distance":
        return f"{per / wf.METRES_PER[unit]:+.2f} {unit} a month"
    if result.metric == "duration":
        return f"{per / 60:+.1f} min a month"
    return f"{per:+.2f} workouts a week a month"


def _title(result: TrendResult, unit: str) -> str:
    """ "Run pace: improving, -7.2 s/mi a month (p=0.002)": short enough for one line."""
    if result.metric == "workouts_per_week":
        subject = f"Weekly {_noun(result) if result.label else 'workout'} count"
    else:
        subject = f"{_noun(result)} {result.metric}"
        subject = subject[:1].upper() + subject[1:]
    if not result.enough_data:
        points = style.count_phrase(result.n, _noun(result))
        return f"{subject}: not enough data for a trend ({points})"
    p = "p<0.001" if result.p_value < 0.001 else f"p={result.p_value:.3f}"
    if result.direction == "flat":
        word = "no clear trend"
    elif result.metric == "pace":
        word = result.direction
    else:
        word = "rising" if result.slope_per_month > 0 else "falling"
    return f"{subject}: {word}, {slope_text(result, unit)} ({p})"


def _scale(metric: str, unit: str) -> _Scale:
    """The display scale of a trend metric."""
    if metric == "pace":
        factor = wf.METRES_PER[unit] / 1000 / 60
        return _Scale(factor, f"min/{unit}", style.PACE, True, f"{{}} min/{unit}")
    if metric == "distance":
        return _Scale(
            1 / wf.METRES_PER[unit], f"distance ({unit})", ScalarFormatter(), False, f"{{}} {unit}"
        )
    if metric == "duration":
        return _Scale(1 / 60, "duration (m:ss)", style.MSS, False, "{}")
    return _Scale(1.0, "workouts a week", ScalarFormatter(), False, "{} a week")


def _show(value: float, scale: _Scale) -> str:
    """A shown value as text, in the metric's format."""
    if scale.pace:
        return scale.text.format(style.pace_text(value))
    if scale.formatter is not style.MSS:
        return scale.text.format(f"{value:.2f}")
    return f"{style.mss(value)} " + ("min" if value < 60 else "h:mm:ss")  # a duration


def _metric_words(result: TrendResult) -> str:
    return "workouts a week" if result.metric == "workouts_per_week" else result.metric


def _noun(result: TrendResult) -> str:
    """What one point is: "week", "run", "foot workout"."""
    if result.metric == "workouts_per_week":
        return "week"
    return wf.display_name(result.label, result.names) if result.label else "foot workout"


def _colour(result: TrendResult) -> str:
    if result.label is None or result.metric == "workouts_per_week":
        return style.MUTED
    return style.colour(result.label)


def _draw_points(ax: Axes, days: pd.DatetimeIndex, values: np.ndarray, result: TrendResult) -> None:
    """The workouts (or weeks) as dots; a few are drawn larger so they do not look lost."""
    if not len(values):
        return
    many = len(values) > 60
    ax.plot(
        days,
        values,
        "o",
        markersize=4 if many else 7,
        alpha=0.45 if many else 0.8,
        color=_colour(result),
        label=f"{_noun(result)}s (n={len(values)})",
        zorder=2,
    )


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The least-squares line at ``x`` and the half width of its 95% confidence band."""
    slope, intercept = np.polyfit(x, y, 1)
    line = intercept + slope * x
    n = len(x)
    s = np.sqrt(((y - line) ** 2).sum() / (n - 2))
    sxx = ((x - x.mean()) ** 2).sum()
    half = significance.t_quantile(0.975, n - 2) * s * np.sqrt(1 / n + (x - x.mean()) ** 2 / sxx)
    return line, half


def _draw_fit(ax: Axes, days: pd.DatetimeIndex, values: np.ndarray, limits) -> None:
    """The fitted line over the points' span with its shaded 95% confidence band (clipped to
    the axis: a band beyond it says nothing a reader can use)."""
    x = np.asarray((days - days[0]).days, dtype=float)
    order = np.argsort(x, kind="stable")
    line, half = _fit(x, values)
    d, line, half = days[order], line[order], half[order]
    ax.fill_between(
        d,
        np.clip(line - half, *limits),
        np.clip(line + half, *limits),
        color=CONFIDENCE,
        alpha=0.35,
        linewidth=0,
        label="95% confidence band (line)",
        zorder=3,
    )
    ax.plot(d, line, color=FIT, linewidth=2.5, label="least-squares fit", zorder=4)


def _draw_forecast(ax: Axes, result: TrendResult, factor: float, limits) -> None:
    """The forecast as a dashed line with a hatched 95% prediction band, clipped to the axis's
    plausible range (a band to 3:07 min/mi for a 10:00 runner is no forecast)."""
    if not result.forecast:
        return
    days = pd.to_datetime([f.date for f in result.forecast])
    value, low, high = (
        np.array([getattr(f, k) for f in result.forecast]) * factor
        for k in ("value", "low", "high")
    )
    ax.fill_between(
        days,
        np.clip(low, *limits),
        np.clip(high, *limits),
        facecolor=FORECAST,
        alpha=0.25,
        hatch="//",
        edgecolor=FORECAST,
        linewidth=0,
        label="95% prediction band (forecast)",
    )
    ax.plot(days, value, color=FORECAST, linewidth=2.5, linestyle="--", label="forecast", zorder=4)


def _axes(ax: Axes, scale: _Scale, *, has_points: bool) -> None:
    """Axis labels, tick formats and the pace direction."""
    if scale.pace:
        style.pace_axis(ax, scale.label.split("/")[1])
    else:
        ax.set_ylabel(scale.label)
        ax.yaxis.set_major_formatter(scale.formatter)
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("date")
    if not has_points:
        ax.set_xticks([])
        ax.set_yticks([])


def _alt(result: TrendResult, scale: _Scale, days, values: np.ndarray, outside) -> str:
    """The headline, the data behind it, the fitted line's ends and the last forecast."""
    parts = [result.headline.rstrip(".") + "."]
    words, noun = _metric_words(result), _noun(result)
    if not len(values):
        parts.append(f"Chart of {words} over 0 {noun}s: no points to draw.")
        return " ".join(parts)
    span = f"{days.min().date().isoformat()} to {days.max().date().isoformat()}"
    parts.append(f"Chart of {words} over {style.count_phrase(len(values), noun)} from {span}.")
    edge = style.outside_phrase(outside, noun)
    if edge:
        parts.append(edge)
    if result.enough_data:
        x = np.asarray((days - days[0]).days, dtype=float)
        line, _ = _fit(x, values)
        ends = line[np.argmin(x)], line[np.argmax(x)]
        parts.append(
            f"The fitted line goes from {_show(ends[0], scale)} to {_show(ends[1], scale)}."
        )
    if result.forecast:
        f = result.forecast[-1]
        shown = [_show(v * scale.factor, scale) for v in (f.value, f.low, f.high)]
        parts.append(
            f"Forecast for {f.date.isoformat()}: {shown[0]} "
            f"(95% prediction band {shown[1]} to {shown[2]})."
        )
    return " ".join(parts)
