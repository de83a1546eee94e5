"""Trends: is a metric of one class of workouts getting better, worse, or neither?

Least squares gives the slope with its confidence interval, p-value and a forecast band; the
Mann-Kendall test and the Theil-Sen slope say the same without trusting a straight line or being
dragged by one odd workout. A trend is called only when both agree: a single glitch can make
least squares significant, and nobody should be told they are slowing down on that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import NamedTuple

import numpy as np
import pandas as pd

from analytics import frame as wf
from analytics import significance
from analytics.errors import UnknownMetric

COLUMNS = {"pace": "avg_pace_s_per_km", "distance": "distance_m", "duration": "duration_s"}
METRICS = (*COLUMNS, "workouts_per_week")
FOOT_CLASSES = (wf.RUN, wf.WALK, wf.RUN_WALK)
DAYS_PER_MONTH = 30.44
THEIL_SEN_MAX = 2000  # Theil-Sen keeps n^2/2 slopes: beyond this, every k-th point is used
ALPHA = 0.05


@dataclass(frozen=True)
class ForecastPoint:
    """A forecast value with its 95% prediction band (where one workout or week may fall)."""

    date: date
    value: float
    low: float
    high: float


@dataclass(frozen=True)
class TrendResult:
    """A metric's trend; slopes are SI units per month (s/km, m, s, or workouts a week).

    ``start``/``end`` echo the question; ``first``/``last`` are the dates of the points used.
    ``direction`` is "improving", "worsening" or "flat"; lower is better only for pace.
    ``names`` are the class names its texts use, for renderers to name the class the same way.
    """

    metric: str
    label: str | None
    unit: str
    n: int
    start: date | None
    end: date | None
    first: date | None
    last: date | None
    slope_per_month: float
    ci_low: float
    ci_high: float
    p_value: float
    r_squared: float
    theil_sen_slope_per_month: float
    theil_sen_low: float
    theil_sen_high: float
    mk_tau: float
    mk_p: float
    direction: str
    forecast: tuple[ForecastPoint, ...]
    points: tuple[tuple[date, float], ...]
    enough_data: bool
    note: str
    headline: str
    names: Mapping[str, str] = field(default_factory=lambda: wf.DISPLAY_NAMES)


class _Line(NamedTuple):
    """The least-squares line in days since the first point, and what its bands need."""

    intercept: float
    slope: float
    stderr: float
    pvalue: float
    rvalue: float
    s: float  # residual standard error
    t: float  # two-sided 95% t quantile, n - 2 degrees of freedom
    x: np.ndarray


def trend(
    frame: pd.DataFrame,
    *,
    metric: str,
    label: str | None = None,
    start: date | None = None,
    end: date | None = None,
    forecast_weeks: int = 8,
    min_points: int = 8,
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
) -> TrendResult:
    """How ``metric`` of ``label`` workouts changed between ``start`` and ``end``, and where next.

    ``label`` None means every non-outlier foot workout for pace, distance and duration, and
    every workout for ``workouts_per_week`` (counted per ISO week, empty weeks as 0; a bounded
    range uses only whole weeks inside it, so a cut week does not read as a lazy one).
    ``names`` are the owner's class names for the headline and note (default:
    ``wf.DISPLAY_NAMES``).
    """
    names = names or wf.DISPLAY_NAMES
    if metric not in METRICS:
        raise UnknownMetric(f"unknown metric {metric!r}; known: {', '.join(METRICS)}")
    if unit not in wf.METRES_PER:
        raise ValueError(f"unit must be one of {sorted(wf.METRES_PER)}, not {unit!r}")
    wf.require(frame, ("workout_date", "label", *([COLUMNS[metric]] if metric in COLUMNS else [])))
    if label is not None and label not in wf.DISPLAY_NAMES and not frame["label"].eq(label).any():
        raise UnknownMetric(f"unknown class {label!r}; known: {', '.join(wf.DISPLAY_NAMES)}")
    days, values = _series(frame, metric, label, start, end)
    base = {
        "metric": metric,
        "label": label,
        "unit": unit,
        "start": start,
        "end": end,
        "names": names,
    }
    if len(values) < max(min_points, 3) or days.nunique() < 2:
        return _not_enough(base, days, values, min_points)
    line = _least_squares(days, values)
    half = line.t * line.stderr
    robust, step = _robust(line.x, values)
    fit = {
        "slope_per_month": line.slope * DAYS_PER_MONTH,
        "p_value": line.pvalue,
        "ci_low": (line.slope - half) * DAYS_PER_MONTH,
        "r_squared": line.rvalue**2,
        "ci_high": (line.slope + half) * DAYS_PER_MONTH,
        **robust,
    }
    note = f"Theil-Sen slope from every {step}th of {len(values)} points" if step > 1 else ""
    result = TrendResult(
        **base,
        **fit,
        n=len(values),
        first=days.iloc[0].date(),
        last=days.iloc[-1].date(),
        direction=_direction(metric, fit),
        forecast=_forecast(line, days, forecast_weeks),
        points=_points(days, values),
        enough_data=True,
        note=note,
        headline="",
    )
    return _with_headline(result)


def _series(frame, metric, label, start, end) -> tuple[pd.Series, np.ndarray]:
    """The (day, value) points in date order; values ascending within a day for determinism."""
    if label is not None:
        rows = frame["label"] == label
    elif metric == "workouts_per_week":
        rows = pd.Series(True, index=frame.index)
    else:
        rows = frame["label"].isin(FOOT_CLASSES)
    days = wf.by_day(frame).astype("datetime64[ns]")
    bounds = pd.Timestamp(start or date.min), pd.Timestamp(end or date.max)
    rows = rows & days.between(*bounds)
    if metric == "workouts_per_week":
        return _weekly(days[rows], start, end)
    values = pd.to_numeric(frame.loc[rows, COLUMNS[metric]], errors="coerce")
    table = pd.DataFrame({"day": days[rows], "value": values}).dropna()
    table = table[np.isfinite(table["value"])].sort_values(["day", "value"], kind="stable")
    return table["day"].reset_index(drop=True), table["value"].to_numpy(dtype=float)


def _weekly(days: pd.Series, start: date | None, end: date | None) -> tuple[pd.Series, np.ndarray]:
    """Workouts per ISO week (Monday dates), empty weeks as 0."""
    mondays = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    first = mondays.min() if start is None else start + timedelta((7 - start.weekday()) % 7)
    last = mondays.max() if end is None else end - timedelta((end.weekday() + 1) % 7 + 6)
    if pd.isna(first) or pd.isna(last) or pd.Timestamp(last) < pd.Timestamp(first):
        return pd.Series([], dtype="datetime64[ns]"), np.empty(0)
    weeks = pd.date_range(first, last, freq="7D")
    counts = mondays.value_counts().reindex(weeks, fill_value=0)
    return pd.Series(weeks), counts.to_numpy(dtype=float)


def _least_squares(days: pd.Series, values: np.ndarray) -> _Line:
    """The OLS line over days since the first point, with what its intervals need."""
    x = (days - days.iloc[0]).dt.days.to_numpy(dtype=float)
    if np.ptp(values) == 0:  # a constant series: linregress would divide 0 by 0
        return _Line(float(values[0]), 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, x)
    fit = significance.linregress(x, values)
    residual = values - (fit.intercept + fit.slope * x)
    s = float(np.sqrt(residual @ residual / (len(x) - 2)))
    t = significance.t_quantile(1 - ALPHA / 2, len(x) - 2)
    numbers = (fit.intercept, fit.slope, fit.stderr, fit.pvalue, fit.rvalue)
    return _Line(*map(float, numbers), s, t, x)


def _robust(x: np.ndarray, values: np.ndarray) -> tuple[dict[str, float], int]:
    """Mann-Kendall (Kendall's tau against time) and Theil-Sen, slopes per month."""
    if np.ptp(values) == 0:
        return {
            "mk_tau": 0.0,
            "mk_p": 1.0,
            "theil_sen_slope_per_month": 0.0,
            "theil_sen_low": 0.0,
            "theil_sen_high": 0.0,
        }, 1
    tau, p = significance.kendall_tau(x, values)
    step = int(np.ceil(len(values) / THEIL_SEN_MAX))
    slope, low, high = significance.theil_sen(values[::step], x[::step], alpha=1 - ALPHA)
    return {
        "mk_tau": tau,
        "mk_p": p,
        "theil_sen_slope_per_month": slope * DAYS_PER_MONTH,
        "theil_sen_low": low * DAYS_PER_MONTH,
        "theil_sen_high": high * DAYS_PER_MONTH,
    }, step


def _direction(metric: str, fit: dict[str, float]) -> str:
    """ "flat" unless least squares (CI clear of 0, p < 0.05) and Mann-Kendall both agree."""
    sure = fit["p_value"] < ALPHA and fit["ci_low"] * fit["ci_high"] > 0
    agree = fit["mk_p"] < ALPHA and np.sign(fit["mk_tau"]) == np.sign(fit["slope_per_month"])
    if not (sure and agree):
        return "flat"
    return "worsening" if (fit["slope_per_month"] > 0) == (metric == "pace") else "improving"


def _forecast(line: _Line, days: pd.Series, weeks: int) -> tuple[ForecastPoint, ...]:
    """Weekly points after the last day, each with a 95% prediction interval, clamped at 0.

    The band is for one new value (1 + 1/n + leverage), not for the mean line: it says where
    next week's workout or count may land, which is what "what next?" means.
    """
    x, n = line.x, len(line.x)
    ahead = x[-1] + 7.0 * np.arange(1, max(weeks, 0) + 1)
    value = line.intercept + line.slope * ahead
    leverage = (ahead - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum()
    half = line.t * line.s * np.sqrt(1 + 1 / n + leverage)
    dates = [days.iloc[-1].date() + timedelta(weeks=k) for k in range(1, len(ahead) + 1)]
    bands = np.maximum(np.stack([value, value - half, value + half]), 0.0).T.tolist()
    return tuple(ForecastPoint(d, *band) for d, band in zip(dates, bands))


def _points(days: pd.Series, values: np.ndarray) -> tuple[tuple[date, float], ...]:
    return tuple(zip(days.dt.date.tolist(), values.tolist()))


def _not_enough(base: dict, days: pd.Series, values: np.ndarray, min_points: int) -> TrendResult:
    """A result that says in words why there is no trend, with the few points it found."""
    noun = _noun(base["label"], base["names"])
    what = "weeks" if base["metric"] == "workouts_per_week" else wf.plural(noun)
    span = f"between {base['start'] or 'the first workout'} and {base['end'] or 'the last workout'}"
    note = f"need at least {max(min_points, 3)} {what} {span}, found {len(values)}"
    if len(values) >= max(min_points, 3):
        note = f"need {what} on at least 2 different days {span}, found 1"
    nan, few = float("nan"), len(days) > 0
    return TrendResult(
        **base,
        n=len(values),
        first=days.iloc[0].date() if few else None,
        last=days.iloc[-1].date() if few else None,
        slope_per_month=nan,
        ci_low=nan,
        ci_high=nan,
        p_value=nan,
        r_squared=nan,
        theil_sen_slope_per_month=nan,
        theil_sen_low=nan,
        theil_sen_high=nan,
        mk_tau=nan,
        mk_p=nan,
        direction="flat",
        forecast=(),
        points=_points(days, values),
        enough_data=False,
        note=note,
        headline=f"Not enough data: {note}.",
    )


def _noun(label: str | None, names: Mapping[str, str] | None) -> str:
    return "foot workout" if label is None else wf.display_name(label, names)


def _with_headline(r: TrendResult) -> TrendResult:
    """'Your run pace is improving by 7.2 s/mi per month (95% CI 3.1-11.0, p=0.002)'."""
    if r.metric == "workouts_per_week":
        subject = f"Your weekly {wf.display_name(r.label, r.names) if r.label else 'workout'} count"
    else:
        subject = f"Your {_noun(r.label, r.names)} {r.metric}"
    p = "p<0.001" if r.p_value < 0.001 else f"p={r.p_value:.3f}"
    if r.direction == "flat":
        (slope, low, high), per = _amounts((r.slope_per_month, r.ci_low, r.ci_high), r, sign=True)
        text = f"{subject} shows no clear trend ({slope} {per} per month, 95% CI {low} to {high}"
    else:
        ends = sorted((abs(r.ci_low), abs(r.ci_high)))
        (slope, low, high), per = _amounts((abs(r.slope_per_month), *ends), r, sign=False)
        verb = "rising" if r.slope_per_month > 0 else "falling"
        verb = r.direction if r.metric == "pace" else verb
        text = f"{subject} is {verb} by {slope} {per} per month (95% CI {low}-{high}"
    return replace(r, headline=f"{text}, {p})")


def _amounts(values, r: TrendResult, *, sign: bool) -> tuple[list[str], str]:
    """Per-month changes as text sharing one unit: 7.2 s/mi (pace always in seconds, as the
    chart's title says it, whatever the size), 0.12 mi, 1.5 min."""
    sizes = np.abs(np.asarray(values, dtype=float))
    signs = ["+" if v >= 0 else "-" for v in values] if sign else [""] * len(sizes)
    if r.metric == "pace":
        seconds = sizes * wf.METRES_PER[r.unit] / 1000  # per km to per mile or km
        texts, per = [f"{s:.1f}" for s in seconds], f"s/{r.unit}"
    elif r.metric == "distance":
        texts, per = _plain(sizes / wf.METRES_PER[r.unit]), r.unit
    elif r.metric == "duration":
        minutes = sizes.max() >= 60
        texts, per = _plain(sizes / 60 if minutes else sizes), "min" if minutes else "s"
    else:
        texts, per = _plain(sizes), "a week"
    return [s + t for s, t in zip(signs, texts)], per


def _plain(sizes: np.ndarray) -> list[str]:
    """Numbers with enough decimals that the largest shows two significant digits."""
    top = float(sizes.max())
    digits = 2 if top == 0 else int(np.clip(1 - np.floor(np.log10(top)), 1, 6))
    return [f"{s:.{digits}f}" for s in sizes]
