"""Race predictions from the owner's own best efforts: Riegel with a fitted fatigue exponent,
and Daniels' VDOT.

**Efforts.** A frame with ``distance_m``, ``seconds``, ``workout_id`` and ``date``: best efforts
cut from GPS tracks (``source="tracks"``: the fastest 1 km, 5 km... inside a workout), or, when
there are no tracks, whole workouts (``source="whole workouts"``: each run's distance and
duration, see :func:`whole_workout_efforts`). Only efforts dated in the ``window_days`` up to
``today`` count ("recent"), and only those lasting 3.5 minutes or more: Riegel's formula and
Daniels' %VO2max curve were both fitted on races from about 3.5 minutes up, so a 400 m sprint
says little about a marathon.

**Best efforts at each distance.** Track efforts come at set distances, so each distance (to the
metre) keeps its fastest effort. Whole workouts come at any distance, so they are grouped in
bands 10% wide (on a log scale) and each band keeps its fastest-paced workout: the easy runs at
the same distance as a good one are not best efforts.

**Riegel** predicts T2 = T1 x (D2 / D1)^k. The exponent k is the owner's own: the least-squares
slope of log T on log D over the best efforts, once there are two distances or more. It falls
back to :data:`DEFAULT_K` (Riegel's 1.06) with fewer than two distances, or when the fit is
implausible (outside :data:`K_RANGE`: a faster pace over a longer distance, or a fit pulled by
easy runs). Each best effort predicts every race; the prediction is their median, and its range
runs from the lowest to the highest of them with k moved by its uncertainty (the fit's standard
error; :data:`DEFAULT_K_SPREAD` for the default k), and never narrower than
+-:data:`RIEGEL_MIN_SPREAD`.

**VDOT** (Daniels and Gilbert): VO2 = -4.60 + 0.182258 v + 0.000104 v^2 (v in m/min) over
%VO2max = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t) (t in minutes), from the
best recent effort (the highest VDOT). A race's prediction is the time at which the same VDOT
is run over its distance. Its range is a documented rule of thumb, not a statistic:
+-:data:`VDOT_SPREAD` of the time, plus :data:`VDOT_SPREAD_PER_DOUBLING` for each doubling of
distance between the effort and the race (one VDOT does not fit every distance for everyone).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analytics.frame import RUN, require

DEFAULT_K = 1.06
K_RANGE = (1.01, 1.15)
DEFAULT_K_SPREAD = 0.02  # the default k is a population's: +-0.02 covers most runners
RIEGEL_MIN_SPREAD = 0.02
VDOT_SPREAD = 0.02
VDOT_SPREAD_PER_DOUBLING = 0.01
MIN_SECONDS = 210.0  # 3.5 minutes: the shortest race both formulas were fitted on
WINDOW_DAYS = 365
BAND = math.log(1.10)  # whole-workout distance bands, 10% wide
SOURCES = ("tracks", "whole workouts")
RACES = (("5 km", 5000.0), ("10 km", 10000.0), ("half marathon", 21097.5), ("marathon", 42195.0))
EFFORT_COLUMNS = ("distance_m", "seconds", "workout_id", "date")


@dataclass(frozen=True)
class Effort:
    """One best effort: ``seconds`` over ``distance_m`` in workout ``workout_id`` on ``date``."""

    distance_m: float
    seconds: float
    workout_id: int | None
    date: date


@dataclass(frozen=True)
class Prediction:
    """A race time by one method (``"riegel"`` or ``"vdot"``), with its range in seconds.

    ``basis`` says what it rests on ("k = 1.08 fitted from 4 best efforts"); ``uncertainty``
    how the range was made."""

    race: str
    distance_m: float
    method: str
    seconds: float
    low_s: float
    high_s: float
    basis: str
    uncertainty: str

    @property
    def pace_s_per_km(self) -> float:
        return self.seconds / (self.distance_m / 1000.0)


@dataclass(frozen=True)
class RacePredictions:
    """Predictions for 5 km, 10 km, half and marathon by Riegel and by VDOT (empty when there
    is no recent effort), and the numbers behind them.

    ``k_source`` is ``"fitted"`` or ``"default"``; ``k_fitted`` is the fit even when it was
    rejected (None with fewer than two distances), ``k_se`` its standard error (None under
    three distances). ``efforts`` are the best efforts used, shortest first; ``vdot_effort``
    the one the VDOT comes from."""

    source: str
    start: date
    end: date
    efforts: tuple[Effort, ...]
    efforts_considered: int  # recent efforts of 3.5 minutes or more, before keeping the best
    k: float
    k_source: str
    k_fitted: float | None
    k_se: float | None
    k_note: str
    vdot: float | None
    vdot_effort: Effort | None
    predictions: tuple[Prediction, ...]
    note: str

    def get(self, race: str, method: str = "riegel") -> Prediction | None:
        """The prediction for ``race`` ("5 km", "10 km", "half marathon", "marathon")."""
        return next((p for p in self.predictions if (p.race, p.method) == (race, method)), None)


def whole_workout_efforts(frame: pd.DataFrame) -> pd.DataFrame:
    """A workouts frame's runs as efforts (``source="whole workouts"``): each run's distance and
    duration. Outliers, workouts whose recorded type contradicts their class and runs missing
    either number are left out."""
    require(frame, ("id", "workout_date", "label", "distance_m", "duration_s"))
    keep = (frame["label"] == RUN).to_numpy().copy()  # an outlier is labelled so, never a run
    if "type_conflict" in frame:
        keep &= ~frame["type_conflict"].fillna(False).to_numpy(dtype=bool)
    rows = frame[keep]
    efforts = pd.DataFrame(
        {
            "distance_m": pd.to_numeric(rows["distance_m"], errors="coerce"),
            "seconds": pd.to_numeric(rows["duration_s"], errors="coerce"),
            "workout_id": rows["id"],
            "date": pd.to_datetime(rows["workout_date"]).dt.normalize(),
        }
    )
    return efforts[(efforts["distance_m"] > 0) & (efforts["seconds"] > 0)].reset_index(drop=True)


def predict_races(
    efforts: pd.DataFrame,
    *,
    source: str,
    today: date,
    window_days: int = WINDOW_DAYS,
) -> RacePredictions:
    """Race predictions from the ``efforts`` dated in the ``window_days`` up to ``today``
    (see the module docstring). ``source`` says what the efforts are: ``"tracks"`` or
    ``"whole workouts"``."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    if window_days < 1:
        raise ValueError("window_days must be >= 1")
    require(efforts, EFFORT_COLUMNS)
    start = today - timedelta(days=window_days - 1)
    distance = pd.to_numeric(efforts["distance_m"], errors="coerce").to_numpy(float)
    seconds = pd.to_numeric(efforts["seconds"], errors="coerce").to_numpy(float)
    day = pd.to_datetime(efforts["date"]).dt.normalize()
    with np.errstate(invalid="ignore"):
        keep = (distance > 0) & (seconds >= MIN_SECONDS)
    keep &= ((day >= pd.Timestamp(start)) & (day <= pd.Timestamp(today))).to_numpy()
    recent = pd.DataFrame(
        {
            "distance_m": distance[keep],
            "seconds": seconds[keep],
            "workout_id": efforts["workout_id"].to_numpy()[keep],
            "date": day.to_numpy()[keep],
        }
    )
    best = _best_per_distance(recent, source)
    found = tuple(_effort(row) for row in best.itertuples(index=False))
    k, k_source, k_fitted, k_se, k_note = _fit_k(best)
    if best.empty:
        note = f"No effort of 3.5 minutes or more from {start} to {today}: nothing to predict from."
        return RacePredictions(
            source, start, today, (), 0, k, k_source, None, None, k_note, None, None, (), note
        )
    vdots = vdot(best["distance_m"].to_numpy(), best["seconds"].to_numpy())
    top = int(np.argmax(vdots))
    predictions = _riegel(best, k, k_source, k_se) + _vdot_predictions(found[top], vdots[top])
    note = (
        f"From {len(found)} best {'effort' if len(found) == 1 else 'efforts'} "
        f"({source}) from {start} to {today}; {k_note}; VDOT {vdots[top]:.1f}."
    )
    return RacePredictions(
        source,
        start,
        today,
        found,
        len(recent),
        k,
        k_source,
        k_fitted,
        k_se,
        k_note,
        float(vdots[top]),
        found[top],
        predictions,
        note,
    )


def vdot(distance_m, seconds):
    """Daniels-Gilbert VDOT of running ``distance_m`` in ``seconds`` (scalars or arrays)."""
    minutes = np.asarray(seconds, dtype=float) / 60.0
    v = np.asarray(distance_m, dtype=float) / minutes
    result = _vo2(v) / _share(minutes)
    return float(result) if np.ndim(result) == 0 else result


def vdot_time(vdot_value: float, distance_m: float) -> float:
    """Seconds to run ``distance_m`` at ``vdot_value`` (the inverse of :func:`vdot`, by
    bisection: the VDOT of a distance falls as its time grows)."""
    low, high = 1.0, 24 * 3600.0  # seconds: whatever a human runs lies between
    for _ in range(60):
        middle = (low + high) / 2
        if vdot(distance_m, middle) > vdot_value:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _vo2(v):
    return -4.60 + 0.182258 * v + 0.000104 * v**2


def _share(minutes):
    return 0.8 + 0.1894393 * np.exp(-0.012778 * minutes) + 0.2989558 * np.exp(-0.1932605 * minutes)


def _best_per_distance(recent: pd.DataFrame, source: str) -> pd.DataFrame:
    """The fastest effort per distance (tracks) or per 10% distance band (whole workouts),
    shortest first; ties go to the earliest."""
    if recent.empty:
        return recent
    if source == "tracks":
        key = np.round(recent["distance_m"].to_numpy())
    else:
        key = np.floor(np.log(recent["distance_m"].to_numpy()) / BAND)
    pace = recent["seconds"] / recent["distance_m"]
    ranked = recent.assign(_key=key, _pace=pace).sort_values(["_key", "_pace", "date"])
    best = ranked.drop_duplicates("_key", keep="first")
    return best.drop(columns=["_key", "_pace"]).reset_index(drop=True)


def _fit_k(best: pd.DataFrame) -> tuple[float, str, float | None, float | None, str]:
    """k, where it came from, the fit (None under two distances), its standard error (None
    under three) and a sentence saying which."""
    n = len(best)
    if n < 2:
        what = "no best effort" if n == 0 else "one distance only"
        return DEFAULT_K, "default", None, None, f"k = {DEFAULT_K:.2f} (Riegel's; {what})"
    x = np.log(best["distance_m"].to_numpy())
    y = np.log(best["seconds"].to_numpy())
    slope, intercept = np.polyfit(x, y, 1)
    se = None
    if n >= 3:
        residuals = y - (slope * x + intercept)
        spread = np.sum((x - x.mean()) ** 2)
        se = float(np.sqrt(np.sum(residuals**2) / (n - 2) / spread)) if spread > 0 else None
    slope = float(slope)
    if not K_RANGE[0] <= slope <= K_RANGE[1]:
        note = (
            f"k = {DEFAULT_K:.2f} (Riegel's): the fit over {n} distances gave {slope:.3f}, "
            f"outside the plausible {K_RANGE[0]:.2f}-{K_RANGE[1]:.2f}"
        )
        return DEFAULT_K, "default", slope, se, note
    return slope, "fitted", slope, se, f"k = {slope:.3f} fitted from {n} best efforts"


def _riegel(
    best: pd.DataFrame, k: float, k_source: str, k_se: float | None
) -> tuple[Prediction, ...]:
    d1, t1 = best["distance_m"].to_numpy(), best["seconds"].to_numpy()
    dk = DEFAULT_K_SPREAD if k_source == "default" else (k_se or 0.0)
    basis = f"k = {k:.3f} ({k_source}), {len(best)} best effort{'s' if len(best) > 1 else ''}"
    how = (
        f"lowest to highest of the efforts' own predictions with k +- {dk:.3f}, "
        f"at least +-{RIEGEL_MIN_SPREAD:.0%}"
    )
    out = []
    for race, d2 in RACES:
        central = float(np.median(t1 * (d2 / d1) ** k))
        spread = np.concatenate([t1 * (d2 / d1) ** (k - dk), t1 * (d2 / d1) ** (k + dk)])
        low = min(float(spread.min()), central * (1 - RIEGEL_MIN_SPREAD))
        high = max(float(spread.max()), central * (1 + RIEGEL_MIN_SPREAD))
        out.append(Prediction(race, d2, "riegel", central, low, high, basis, how))
    return tuple(out)


def _vdot_predictions(effort: Effort, value: float) -> tuple[Prediction, ...]:
    basis = f"VDOT {value:.1f} from {effort.distance_m / 1000:.2f} km in {effort.seconds:.0f} s"
    out = []
    for race, d2 in RACES:
        seconds = vdot_time(value, d2)
        share = VDOT_SPREAD + VDOT_SPREAD_PER_DOUBLING * abs(math.log2(d2 / effort.distance_m))
        how = (
            f"+-{share:.1%}: {VDOT_SPREAD:.0%} plus {VDOT_SPREAD_PER_DOUBLING:.0%} per doubling "
            "of distance from the effort"
        )
        low, high = seconds * (1 - share), seconds * (1 + share)
        out.append(Prediction(race, d2, "vdot", seconds, low, high, basis, how))
    return tuple(out)


def _effort(row) -> Effort:
    workout_id = None if pd.isna(row.workout_id) else int(row.workout_id)
    return Effort(
        float(row.distance_m), float(row.seconds), workout_id, pd.Timestamp(row.date).date()
    )
