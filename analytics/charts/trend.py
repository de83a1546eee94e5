"""A trend drawn: the workouts, the least-squares line with its 95% confidence band, and the
forecast with its (wider) 95% prediction band, titled with the result's headline.

The confidence band (where the *line* may be) is recomputed from the result's points, which are
exactly the points the trend was fitted to; the prediction band (where one *new* value may land)
comes from the result's forecast. They are shaded differently because they answer different
questions, and a reader who sees one band for both overrates the forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import Formatter, NullFormatter, ScalarFormatter
from scipy import stats

from analytics import frame as wf
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
def trend_chart(result: TrendResult, *, unit: str = "mi") -> style.ChartImage:
    """Draw a :class:`TrendResult`: points, fitted line, confidence and prediction bands.

    The title is the result's headline, so the picture and the sentence the bot says agree. A
    "not enough data" result draws the few points it has with the reason in words. ``unit``
    should match the unit the result was computed in, as its headline uses that unit.
    """
    style.check_unit(unit)
    scale = _scale(result.metric, unit)
    fig = style.new_figure()
    ax = fig.add_subplot()
    style.title(fig, result.headline or "Trend")
    days = pd.to_datetime([d for d, _ in result.points])
    values = np.array([v for _, v in result.points], dtype=float) * scale.factor
    _draw_points(ax, days, values, result)
    if result.enough_data:
        _draw_fit(ax, days, values)
        _draw_forecast(ax, result, scale.factor)
        ax.legend(loc="best", ncols=2)
    else:
        style.placeholder(ax, "Not enough data for a trend line")
    _axes(ax, scale, has_points=len(values) > 0)
    filename = f"trend-{style.slug(result.metric)}-{style.slug(result.label or 'all')}.png"
    return style.render(fig, alt=_alt(result, scale, days, values), filename=filename)


def _scale(metric: str, unit: str) -> _Scale:
    """The display scale of a trend metric."""
    if metric == "pace":
        factor = wf.METRES_PER[unit] / 1000 / 60
        return _Scale(factor, f"min/{unit}", style.MSS, True, f"{{}} min/{unit}")
    if metric == "distance":
        return _Scale(
            1 / wf.METRES_PER[unit], f"distance ({unit})", ScalarFormatter(), False, f"{{}} {unit}"
        )
    if metric == "duration":
        return _Scale(1 / 60, "duration (m:ss)", style.MSS, False, "{}")
    return _Scale(1.0, "workouts a week", ScalarFormatter(), False, "{} a week")


def _show(value: float, scale: _Scale) -> str:
    """A shown value as text, in the metric's format."""
    if scale.formatter is not style.MSS:
        return scale.text.format(f"{value:.2f}")
    if scale.pace:
        return scale.text.format(style.mss(value))
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
    half = stats.t.ppf(0.975, n - 2) * s * np.sqrt(1 / n + (x - x.mean()) ** 2 / sxx)
    return line, half


def _draw_fit(ax: Axes, days: pd.DatetimeIndex, values: np.ndarray) -> None:
    """The fitted line over the points' span with its shaded 95% confidence band."""
    x = np.asarray((days - days[0]).days, dtype=float)
    order = np.argsort(x, kind="stable")
    line, half = _fit(x, values)
    d, line, half = days[order], line[order], half[order]
    ax.fill_between(
        d,
        line - half,
        line + half,
        color=CONFIDENCE,
        alpha=0.35,
        linewidth=0,
        label="95% confidence band (line)",
        zorder=3,
    )
    ax.plot(d, line, color=FIT, linewidth=2.5, label="least-squares fit", zorder=4)


def _draw_forecast(ax: Axes, result: TrendResult, factor: float) -> None:
    """The forecast as a dashed line with a hatched 95% prediction band."""
    if not result.forecast:
        return
    days = pd.to_datetime([f.date for f in result.forecast])
    value, low, high = (
        np.array([getattr(f, k) for f in result.forecast]) * factor
        for k in ("value", "low", "high")
    )
    ax.fill_between(
        days,
        low,
        high,
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
    if has_points:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=12))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    else:
        ax.set_xticks([])
        ax.set_yticks([])


def _alt(result: TrendResult, scale: _Scale, days, values: np.ndarray) -> str:
    """The headline, the data behind it, the fitted line's ends and the last forecast."""
    parts = [result.headline.rstrip(".") + "."]
    words, noun = _metric_words(result), _noun(result)
    if not len(values):
        parts.append(f"Chart of {words} over 0 {noun}s: no points to draw.")
        return " ".join(parts)
    span = f"{days.min().date().isoformat()} to {days.max().date().isoformat()}"
    parts.append(f"Chart of {words} over {style.count_phrase(len(values), noun)} from {span}.")
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
