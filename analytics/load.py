"""Training load, fitness, fatigue and form: "am I fitter than last spring?".

Every workout gets a load on one scale, where an hour at the owner's threshold effort is 100:

- ``heart_rate`` when its average heart rate is known: Banister's TRIMP, minutes x HRr x 0.64 x
  e^(1.92 HRr) with HRr = (average - resting) / (max - resting) clipped to 0..1, divided by the
  TRIMP of an hour at threshold (:data:`THRESHOLD_HRR` of the reserve) and times 100, so it
  shares the pace method's scale. Max heart rate is the 99th percentile of the owner's
  ``max_heart_rate`` (else of ``avg_heart_rate``, which is lower, so hard workouts reach HRr 1
  sooner) once :data:`MIN_HR_WORKOUTS` workouts have one, else :data:`DEFAULT_MAX_HR`; resting
  heart rate is a parameter (default :data:`DEFAULT_RESTING_HR`). Heart rate measures effort
  whatever the sport, so a ride or gym session with a heart rate gets its TRIMP load too.
- ``pace`` for a foot workout (run, walk, run-walk) without heart rate: an rTSS-like hours x
  (threshold pace / pace)^2 x 100. Walks get the same formula, so their slower pace gives far
  less (a 60-min walk at 12:00 min/km against a 5:00 threshold: 17; the same hour run at 6:00:
  69). Intensity is capped at :data:`MAX_INTENSITY` (a whole workout far faster than threshold
  is a broken pace). The threshold pace is one for the whole history, so the same run gives the
  same load in any year: the median of the fastest fifth of the runs of 20-60 min in the
  :data:`THRESHOLD_DAYS` before ``end`` (at least :data:`MIN_THRESHOLD_RUNS` of them), else of
  every such run, else :data:`DEFAULT_THRESHOLD_PACE`, or the ``threshold_pace_s_per_km`` given.
- zero otherwise, with the reason as the method: ``outlier`` (a broken record), ``not_on_foot``
  (a ride, swim... without heart rate) or ``unmeasured`` (no duration, or neither pace nor
  heart rate).

Per day (rest days are 0): fitness (CTL) and fatigue (ATL) are exponentially weighted loads,
``x[t] = x[t-1] + (load[t] - x[t-1]) / N`` with N = 42 and 7 days, starting from 0 the day
before the first workout (so one workout of load L gives L/N that day and L/N (1 - 1/N)^n n days
later); form (TSB) of a day is fitness minus fatigue of the day before, what one brings into it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

import numpy as np
import pandas as pd

from analytics import frame as wf

FITNESS_DAYS, FATIGUE_DAYS = 42, 7
HEART_RATE, PACE, OUTLIER, NOT_ON_FOOT, UNMEASURED = (
    "heart_rate",
    "pace",
    "outlier",
    "not_on_foot",
    "unmeasured",
)
METHODS = (HEART_RATE, PACE, OUTLIER, NOT_ON_FOOT, UNMEASURED)
DEFAULT_RESTING_HR = 60.0
DEFAULT_MAX_HR = 190.0
MIN_HR_WORKOUTS = 10  # fewer workouts with a heart rate say little about the maximum
HR_PERCENTILE = 99.0
HR_RANGE = (30.0, 240.0)  # a heart rate outside is a sensor glitch, not an effort
TRIMP_A, TRIMP_B = 0.64, 1.92  # Banister's coefficients (as usually quoted)
THRESHOLD_HRR = 0.88  # threshold heart rate as a share of the reserve (hrTSS convention)
THRESHOLD_DAYS = 180
THRESHOLD_MINUTES = (20.0, 60.0)  # runs long enough to be sustained, short enough to be hard
THRESHOLD_SHARE = 0.2  # the fastest fifth of those runs
MIN_THRESHOLD_RUNS = 5
DEFAULT_THRESHOLD_PACE = 330.0  # s/km (5:30 min/km): a recreational runner's, for no runs at all
MAX_INTENSITY = 1.5
FOOT = (wf.RUN, wf.WALK, wf.RUN_WALK)
SAME_SHARE = 0.05  # fitness within 5% (or 1 point) of the other period's is "about the same"
SAME_POINTS = 1.0
_EMPTY = pd.DataFrame(columns=["workout_date", "label", "load", "method", "intensity"])


@dataclass(frozen=True)
class Estimate:
    """A number the loads rest on and where it came from ("given", "99th percentile of ...")."""

    value: float
    source: str


@dataclass(frozen=True)
class WorkoutLoads:
    """Each workout's load (``loads``, in the frame's row order and index: ``workout_date``,
    ``label``, ``load``, ``method``, ``intensity``) and the estimates it rests on."""

    loads: pd.DataFrame
    threshold_pace: Estimate  # s/km
    max_hr: Estimate
    resting_hr: Estimate


@dataclass(frozen=True)
class LoadCurves:
    """Daily load, fitness (CTL), fatigue (ATL) and form (TSB) from the first workout to ``end``.

    The arrays (read-only) share one index: ``dates`` are numpy ``datetime64[D]``, one a day,
    rest days included; all are empty when no workout is on or before ``end``. ``workouts`` is
    one row per workout up to ``end`` (``workout_date``, ``label``, ``load``, ``method``,
    ``intensity``: HRr or pace intensity, NaN for zero methods); ``methods`` counts them by
    method (every key of :data:`METHODS`)."""

    end: date
    dates: np.ndarray
    load: np.ndarray
    fitness: np.ndarray
    fatigue: np.ndarray
    form: np.ndarray
    workouts: pd.DataFrame
    methods: Mapping[str, int]
    threshold_pace: Estimate  # s/km
    max_hr: Estimate
    resting_hr: Estimate
    fitness_days: int = FITNESS_DAYS
    fatigue_days: int = FATIGUE_DAYS

    @property
    def start(self) -> date | None:
        """The first workout's day, or None."""
        return _day(self.dates[0]) if self.dates.size else None

    def on(self, day: date) -> DayLoad | None:
        """The curves on ``day``: None outside ``start``..``end``."""
        if not self.dates.size:
            return None
        i = int((np.datetime64(day, "D") - self.dates[0]).astype(int))
        if not 0 <= i < self.dates.size:
            return None
        return DayLoad(
            day,
            float(self.load[i]),
            float(self.fitness[i]),
            float(self.fatigue[i]),
            float(self.form[i]),
        )

    @property
    def current(self) -> DayLoad | None:
        """The curves on ``end``, or None without workouts."""
        return self.on(self.end)


@dataclass(frozen=True)
class DayLoad:
    """One day of :class:`LoadCurves`."""

    day: date
    load: float
    fitness: float
    fatigue: float
    form: float

    @property
    def form_word(self) -> str:
        return form_word(self.form)


@dataclass(frozen=True)
class FitnessComparison:
    """Mean fitness over two periods (``then`` and ``now``, each clipped to the curves' days).

    ``difference`` is now minus then; ``change`` is it as a share of then (None when then is 0);
    ``verdict`` is "fitter", "less fit", "about the same" or "not enough data" (a period with no
    day the curves cover: before the first workout fitness is unknown, not zero)."""

    then: tuple[date, date]
    now: tuple[date, date]
    then_fitness: float | None
    now_fitness: float | None
    then_days: int
    now_days: int
    difference: float | None
    change: float | None
    verdict: str
    sentence: str


def form_word(form: float) -> str:
    """How form reads: "fresh" (above +5), "neutral" (-10..+5), "training" (-30..-10) or
    "overreaching" (below -30), the usual bands of a performance management chart."""
    if form > 5:
        return "fresh"
    if form >= -10:
        return "neutral"
    if form >= -30:
        return "training"
    return "overreaching"


def workout_loads(
    frame: pd.DataFrame,
    *,
    end: date,
    resting_hr: float | None = None,
    max_hr: float | None = None,
    threshold_pace_s_per_km: float | None = None,
) -> WorkoutLoads:
    """Each workout's load (module docstring) in ``frame``'s row order: a new frame with
    ``workout_date``, ``label`` (the category when unlabelled), ``load``, ``method`` and
    ``intensity`` (HRr or pace intensity), with the threshold pace (s/km), max and resting
    heart rate used.

    ``frame`` needs ``workout_date`` and ``duration_s``; ``label`` (else ``category``),
    ``avg_pace_s_per_km``, ``distance_m``, ``avg_heart_rate`` and ``max_heart_rate`` are used
    when present."""
    wf.require(frame, ("workout_date", "duration_s"))
    if "label" not in frame.columns:
        wf.require(frame, ("category",))
    rest = _given(resting_hr, DEFAULT_RESTING_HR, "resting heart rate")
    maximum = _given(max_hr, None, "max heart rate") or _max_hr(frame)
    if maximum.value <= rest.value:
        raise ValueError("max heart rate must be above resting heart rate")
    days = wf.by_day(frame).to_numpy()
    labels = _labels(frame)
    minutes = _numbers(frame, "duration_s") / 60.0
    pace = _pace(frame)
    threshold = _given(threshold_pace_s_per_km, None, "threshold pace") or _threshold(
        days, labels, minutes, pace, end
    )
    hr = _numbers(frame, "avg_heart_rate")
    hr = np.where((hr >= HR_RANGE[0]) & (hr <= HR_RANGE[1]), hr, np.nan)
    timed = np.isfinite(minutes) & (minutes > 0)
    hrr = np.clip((hr - rest.value) / (maximum.value - rest.value), 0.0, 1.0)
    trimp = minutes * hrr * TRIMP_A * np.exp(TRIMP_B * hrr)
    per_threshold_hour = 60.0 * THRESHOLD_HRR * TRIMP_A * np.exp(TRIMP_B * THRESHOLD_HRR)
    intensity = np.minimum(threshold.value / pace, MAX_INTENSITY)
    rtss = minutes / 60.0 * intensity**2 * 100.0
    outlier, foot = labels == wf.OUTLIER, np.isin(labels, FOOT)
    by_hr = ~outlier & timed & np.isfinite(hr)
    by_pace = ~outlier & ~by_hr & foot & timed & np.isfinite(pace) & (pace > 0)
    method = np.select(
        [outlier, by_hr, by_pace, ~foot & ~timed, ~foot],
        [OUTLIER, HEART_RATE, PACE, UNMEASURED, NOT_ON_FOOT],
        UNMEASURED,
    )
    load = np.select([by_hr, by_pace], [trimp / per_threshold_hour * 100.0, rtss], 0.0)
    shown = np.select([by_hr, by_pace], [hrr, intensity], np.nan)
    loads = pd.DataFrame(
        {"workout_date": days, "label": labels, "load": load, "method": method, "intensity": shown},
        index=frame.index,
    )
    return WorkoutLoads(loads, threshold, maximum, rest)


def load_curves(
    frame: pd.DataFrame,
    *,
    end: date,
    resting_hr: float | None = None,
    max_hr: float | None = None,
    threshold_pace_s_per_km: float | None = None,
) -> LoadCurves:
    """Fitness, fatigue and form a day from the first workout to ``end`` (later workouts are
    left out, also from the estimates' data); see the module docstring for the loads and the
    averaging. Parameters given replace the estimates (their source then says "given")."""
    dated = frame[frame["workout_date"].notna()] if "workout_date" in frame else frame
    result = workout_loads(
        dated.loc[wf.by_day(dated) <= pd.Timestamp(end)] if len(dated) else dated,
        end=end,
        resting_hr=resting_hr,
        max_hr=max_hr,
        threshold_pace_s_per_km=threshold_pace_s_per_km,
    )
    loads, estimates = result.loads, (result.threshold_pace, result.max_hr, result.resting_hr)
    methods = MappingProxyType(
        {m: int(n) for m, n in zip(METHODS, _counts(loads["method"].to_numpy()), strict=True)}
    )
    if loads.empty:
        empty = _frozen(np.array([], dtype="datetime64[D]"))
        arrays = [_frozen(np.array([], dtype=float)) for _ in range(4)]
        return LoadCurves(end, empty, *arrays, _EMPTY.copy(), methods, *estimates)
    days = loads["workout_date"].to_numpy().astype("datetime64[D]")
    first = days.min()
    span = int((np.datetime64(end, "D") - first).astype(int)) + 1
    daily = np.bincount(
        (days - first).astype(int), weights=loads["load"].to_numpy(), minlength=span
    )
    fitness, fatigue = _ewma(daily, FITNESS_DAYS), _ewma(daily, FATIGUE_DAYS)
    form = np.concatenate([[0.0], (fitness - fatigue)[:-1]])
    dates = first + np.arange(span)
    arrays = [_frozen(a) for a in (dates, daily, fitness, fatigue, form)]
    workouts = loads.sort_values("workout_date", kind="stable").reset_index(drop=True)
    return LoadCurves(end, *arrays, workouts, methods, *estimates)


def compare_fitness(
    curves: LoadCurves,
    then: date | tuple[date, date],
    now: date | tuple[date, date],
) -> FitnessComparison:
    """Mean fitness over ``then`` against ``now`` (a day or first and last day, inclusive):
    "am I fitter than last spring?" is ``compare_fitness(curves, (Mar 1, May 31), (today,
    today))``. Within :data:`SAME_SHARE` (or :data:`SAME_POINTS`) is "about the same"."""
    (a, a_days), (b, b_days) = _mean_fitness(curves, then), _mean_fitness(curves, now)
    periods = _period(then), _period(now)
    if a is None or b is None:
        missing = " and ".join(
            _span_text(p) for p, v in zip(periods, (a, b), strict=True) if v is None
        )
        sentence = (
            f"Not enough data: no fitness is known for {missing} "
            "(before the first workout or after the last day)."
        )
        return FitnessComparison(
            *periods, a, b, a_days, b_days, None, None, "not enough data", sentence
        )
    difference = b - a
    change = difference / a if a > 0 else None
    if abs(difference) <= max(SAME_POINTS, SAME_SHARE * max(a, b)):
        verdict = "about the same"
    else:
        verdict = "fitter" if difference > 0 else "less fit"
    share = f" ({change:+.0%})" if change is not None else ""
    opening = "You are about as fit" if verdict == "about the same" else f"You are {verdict} now"
    sentence = (
        f"{opening}: fitness {b:.1f} over {_span_text(periods[1])} against {a:.1f} over "
        f"{_span_text(periods[0])}, {difference:+.1f}{share}."
    )
    return FitnessComparison(*periods, a, b, a_days, b_days, difference, change, verdict, sentence)


def _ewma(daily: np.ndarray, days: int) -> np.ndarray:
    """x[t] = x[t-1] (1 - 1/days) + daily[t] / days, from x[-1] = 0.

    A plain loop over the days (15 years: ~5,500, under a millisecond) rather than
    scipy.signal.lfilter, whose import costs a fresh process 0.45 s; the same operations in the
    same order, so the same numbers to the last bit (checked against lfilter in the tests).
    """
    alpha, keep = 1.0 / days, 1.0 - 1.0 / days
    out = np.empty(len(daily))
    level = 0.0
    for i, value in enumerate(np.asarray(daily, dtype=float).tolist()):
        level = alpha * value + keep * level
        out[i] = level
    return out


def _mean_fitness(curves: LoadCurves, period: date | tuple[date, date]) -> tuple[float | None, int]:
    first, last = _period(period)
    if not curves.dates.size:
        return None, 0
    keep = (curves.dates >= np.datetime64(first, "D")) & (curves.dates <= np.datetime64(last, "D"))
    n = int(keep.sum())
    return (float(curves.fitness[keep].mean()) if n else None), n


def _period(period: date | tuple[date, date]) -> tuple[date, date]:
    first, last = (period, period) if isinstance(period, date) else period
    if last < first:
        raise ValueError(f"a period must not end ({last}) before it starts ({first})")
    return first, last


def _span_text(period: tuple[date, date]) -> str:
    first, last = period
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def _given(value: float | None, default: float | None, what: str) -> Estimate | None:
    if value is not None:
        if not np.isfinite(value) or value <= 0:
            raise ValueError(f"{what} must be a positive number, not {value!r}")
        return Estimate(float(value), "given")
    return None if default is None else Estimate(default, f"default {default:g}")


def _max_hr(frame: pd.DataFrame) -> Estimate:
    for column in ("max_heart_rate", "avg_heart_rate"):
        values = _numbers(frame, column)
        values = values[(values >= HR_RANGE[0]) & (values <= HR_RANGE[1])]
        if values.size >= MIN_HR_WORKOUTS:
            value = float(np.percentile(values, HR_PERCENTILE))
            words = column.replace("_", " ").replace("avg", "average")
            return Estimate(value, f"99th percentile of {values.size} workouts' {words}")
    return Estimate(
        DEFAULT_MAX_HR,
        f"default {DEFAULT_MAX_HR:g}: fewer than {MIN_HR_WORKOUTS} workouts with a heart rate",
    )


def _threshold(days, labels, minutes, pace, end: date) -> Estimate:
    low, high = THRESHOLD_MINUTES
    runs = (labels == wf.RUN) & (minutes >= low) & (minutes <= high) & np.isfinite(pace)
    runs &= pace > 0
    since = np.datetime64(end - timedelta(days=THRESHOLD_DAYS), "D")
    recent = runs & (days.astype("datetime64[D]") > since)
    for chosen, where in ((recent, f"the last {THRESHOLD_DAYS} days"), (runs, "all history")):
        if chosen.sum() >= MIN_THRESHOLD_RUNS:
            paces = np.sort(pace[chosen])
            fastest = paces[: max(1, round(paces.size * THRESHOLD_SHARE))]
            source = (
                f"median of the fastest {fastest.size} of {paces.size} runs of "
                f"{low:g}-{high:g} min in {where}"
            )
            return Estimate(float(np.median(fastest)), source)
    return Estimate(
        DEFAULT_THRESHOLD_PACE,
        f"default {DEFAULT_THRESHOLD_PACE:g} s/km: fewer than {MIN_THRESHOLD_RUNS} runs of "
        f"{low:g}-{high:g} min",
    )


def _labels(frame: pd.DataFrame) -> np.ndarray:
    column = frame["label"] if "label" in frame.columns else frame["category"]
    labels = column.astype(object).where(column.notna(), "other").astype(str).to_numpy()
    if "label" not in frame.columns:  # unlabelled: a foot category counts as its foot class
        labels = np.where(labels == "hike", wf.WALK, labels)
    return labels


def _pace(frame: pd.DataFrame) -> np.ndarray:
    """Seconds per km: the stored pace, else duration over distance."""
    pace = _numbers(frame, "avg_pace_s_per_km")
    with np.errstate(divide="ignore", invalid="ignore"):
        derived = _numbers(frame, "duration_s") / _numbers(frame, "distance_m") * 1000.0
    pace = np.where(np.isfinite(pace) & (pace > 0), pace, derived)
    return np.where(np.isfinite(pace) & (pace > 0), pace, np.nan)


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _counts(methods: np.ndarray) -> list[int]:
    return [int((methods == m).sum()) for m in METHODS]


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _day(value: np.datetime64) -> date:
    return date.fromisoformat(str(value.astype("datetime64[D]")))
