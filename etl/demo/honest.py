"""Deterministic synthetic Strava and Garmin Connect exports of honest people, with the truth.

The MapMyRun demo (:mod:`etl.demo.mapmyrun`) is someone who logs dog walks as "Run". These
histories are the opposite: runs are logged "Run" and walks "Walk", bar about 5% of dog walks
logged as "Run".
Scoring the classifier against them shows how often it agrees with an honest person and whether
it still catches the few mislabelled walks. The text keeps each app's traps, so the readers work
as on real files: Strava's repeated columns (the athlete's unit first, float32 metres later) and
"Jul 14, 2020, 10:36:55 PM" dates; Garmin's clock times, ``--``, thousands separators, month-first
dates, repeated names and newest-first rows.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

import numpy as np
import pandas as pd

END = date(2025, 12, 31)
DAYS_PER_MONTH = 365.25 / 12
METRES = {"km": 1000.0, "mi": 1609.344}
FEET_PER_M = 3.28084
DOG_ARRIVES = 0.4  # share of the history before the dog: then walks swamp the runs
DISHONEST = 0.05  # share of dog walks logged as "Run"
NO_STRAP = 0.1  # share of workouts without a heart rate


class _Spec(NamedTuple):
    """How one kind of workout looks; every pair is a uniform (low, high) range."""

    label: str  # what an honest person logs it as
    shapes: tuple  # (share, pace s/km, distance km) per shape of this kind
    heart: tuple[float, float]
    kcal_km: tuple[float, float]
    climb_km: tuple[float, float]  # metres climbed per km
    pause_s: tuple[float, float]  # elapsed minus moving time
    hours: tuple[int, ...]  # start hours to pick from
    minutes: tuple[float, float] = (0, 0)  # time not covering distance (gym sessions)
    kcal_min: tuple[float, float] = (0, 0)


# Steady runs, easy and recovery runs as slow as 7:50/km, long slow runs; dog walks stop to
# sniff, so pause a lot, and brisk ones reach 8:20/km: the two kinds nearly meet.
_RUNS = ((0.55, (270, 360), (3, 12)), (0.25, (360, 470), (3, 8)), (0.2, (330, 420), (14, 21)))
SPECS = {
    "run": _Spec("Run", _RUNS, (140, 168), (60, 75), (4, 15), (0, 120), (6, 7, 7, 12, 17, 18)),
    "walk": _Spec("Walk", ((1, (500, 840), (1, 6)),), (88, 115), (45, 60), (2, 10), (60, 600),
                  (7, 8, 12, 13, 18, 19, 20, 21)),
    "ride": _Spec("Ride", ((1, (120, 200), (10, 60)),), (118, 148), (20, 30), (5, 15), (60, 900),
                  (8, 9, 10, 16)),
    "strength": _Spec("Workout", ((1, (0, 0), (0, 0)),), (95, 125), (0, 0), (0, 0), (0, 300),
                      (7, 18, 19), minutes=(30, 60), kcal_min=(5, 7)),
}  # fmt: skip
# Workouts per month before and after the dog arrives.
RATES = {
    "before": {"run": 10.0, "walk": 2.0, "ride": 1.2, "strength": 1.0},
    "after": {"run": 5.0, "walk": 16.0, "ride": 0.6, "strength": 0.8},
}
STRAVA_TYPES = {"Run": "Run", "Walk": "Walk", "Ride": "Ride", "Workout": "Weight Training"}
GARMIN_TYPES = {"Run": "Running", "Walk": "Walking", "Ride": "Cycling",
                "Workout": "Strength Training"}  # fmt: skip
STRAVA_HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Elevation Loss", "Elevation Low", "Elevation High", "Max Grade", "Average Cadence",
    "Max Heart Rate", "Average Heart Rate", "Calories", "Relative Effort", "Commute",
]  # fmt: skip
GARMIN_HEADER = [
    "Activity Type", "Date", "Favorite", "Title", "Distance", "Calories", "Time", "Avg HR",
    "Max HR", "Aerobic TE", "Avg Run Cadence", "Max Run Cadence", "Avg Pace", "Best Pace",
    "Total Ascent", "Total Descent", "Avg Cadence", "Training Stress Score®", "Number of Laps",
    "Moving Time", "Elapsed Time", "Avg Cadence", "Steps",
]  # fmt: skip
MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Descriptions people write, by kind; commas and quotes make the csv module quote the cell.
NOTES = {"run": ("legs heavy, windy", 'new shoes, "fast" ones'), "walk": ("with Choco",)}
MISSING = "--"


@dataclass(frozen=True)
class SourceHistory:
    """An export as the app writes it and, row for row, what each workout really was.

    ``truth`` has date, start (naive UTC), kind ("run", "walk", "ride", "strength"), label (as
    the person logged it: "Run", "Walk", "Ride", "Workout"), activity_type (as the file writes
    it), honest (the label says what it was), distance_m and duration_s (moving time).
    """

    text: str
    truth: pd.DataFrame


def strava_history(*, seed: int = 0, years: int = 6, unit: str = "km") -> SourceHistory:
    """A Strava ``activities.csv`` of ``years`` ending 2025-12-31, for an athlete in ``unit``."""
    size = METRES[_check(unit)]
    workouts = _workouts(np.random.default_rng(seed), years)
    rng = np.random.default_rng([seed, 1])  # the text's own draws never change the workouts
    workouts["activity_type"] = workouts["label"].map(STRAVA_TYPES)
    ids = 1_000_000_000 + np.cumsum(rng.integers(500_000, 5_000_000, len(workouts)))
    rows = [_strava_row(w, i, size, rng) for w, i in zip(_records(workouts), ids)]
    return SourceHistory(_csv(STRAVA_HEADER, rows), _truth(workouts))


def garmin_history(*, seed: int = 0, years: int = 6, unit: str = "km") -> SourceHistory:
    """A Garmin Connect ``Activities.csv`` of ``years`` ending 2025-12-31, newest first."""
    unit = _check(unit)
    workouts = _workouts(np.random.default_rng(seed), years)
    rng = np.random.default_rng([seed, 2])
    workouts["activity_type"] = workouts["label"].map(GARMIN_TYPES)
    treadmill = (workouts["kind"] == "run") & (rng.random(len(workouts)) < 0.06)
    workouts.loc[treadmill, "activity_type"] = "Treadmill Running"
    workouts = workouts.iloc[::-1].reset_index(drop=True)  # Garmin lists the newest first
    rows = [_garmin_row(w, unit, rng) for w in _records(workouts)]
    return SourceHistory(_csv(GARMIN_HEADER, rows), _truth(workouts))


def _check(unit: str) -> str:
    if unit not in METRES:
        raise ValueError(f"unit must be 'km' or 'mi', not {unit!r}")
    return unit


def _workouts(rng, years: int) -> pd.DataFrame:
    """Every workout with its values in SI units, in date order."""
    first = END.toordinal() - round(years * 365.25) + 1
    days = np.arange(first, END.toordinal() + 1)
    arrives = first + DOG_ARRIVES * days.size
    parts = []
    for era, in_era in (("before", days < arrives), ("after", days >= arrives)):
        for kind, per_month in RATES[era].items():
            counts = rng.poisson(per_month / DAYS_PER_MONTH, int(in_era.sum()))
            parts.append(_measures(rng, kind, np.repeat(days[in_era], counts)))
    frame = pd.concat(parts, ignore_index=True).sort_values("start", ignore_index=True)
    dishonest = (frame["kind"] == "walk") & (rng.random(len(frame)) < DISHONEST)
    frame["honest"] = ~dishonest
    frame.loc[dishonest, "label"] = "Run"
    return frame


def _uniform(rng, bounds, n: int) -> np.ndarray:
    bounds = np.broadcast_to(np.asarray(bounds, dtype=float), (n, 2))
    return bounds[:, 0] + rng.random(n) * (bounds[:, 1] - bounds[:, 0])


def _measures(rng, kind: str, days: np.ndarray) -> pd.DataFrame:
    """Values for workouts of one kind placed on ``days``."""
    spec, n = SPECS[kind], days.size
    shares = np.array([s[0] for s in spec.shapes], dtype=float)
    shape = rng.choice(len(spec.shapes), n, p=shares / shares.sum())
    pace = _uniform(rng, np.array([s[1] for s in spec.shapes])[shape], n)
    km = _uniform(rng, np.array([s[2] for s in spec.shapes])[shape], n)
    minutes = _uniform(rng, spec.minutes, n)
    moving = np.round(km * pace + minutes * 60).astype(int)
    heart = np.round(_uniform(rng, spec.heart, n))
    heart[rng.random(n) < NO_STRAP] = np.nan
    seconds = rng.choice(spec.hours, n) * 3600 + rng.integers(0, 3600, n)
    return pd.DataFrame({
        "start": [datetime.fromordinal(d) + timedelta(seconds=int(s))
                  for d, s in zip(days, seconds)],
        "kind": kind, "label": spec.label, "distance_m": np.round(km * 1000, 1),
        "duration_s": moving, "elapsed_s": moving + np.round(_uniform(rng, spec.pause_s, n)),
        "avg_hr": heart, "max_hr": heart + rng.integers(8, 26, n),
        "calories": np.round(km * _uniform(rng, spec.kcal_km, n)
                             + minutes * _uniform(rng, spec.kcal_min, n)).astype(int),
        "climb_m": np.round(km * _uniform(rng, spec.climb_km, n)),
        "cadence": np.round(_uniform(rng, (150, 180) if kind == "run" else (95, 120), n)),
    })  # fmt: skip


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def _truth(frame: pd.DataFrame) -> pd.DataFrame:
    truth = frame[["start", "kind", "label", "activity_type", "honest", "distance_m"]].copy()
    truth.insert(0, "date", [s.date() for s in frame["start"]])
    truth["duration_s"] = frame["duration_s"]
    return truth


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _f32(value: float) -> str:
    """Strava's raw columns are float32 printed in full ("5020.10009765625")."""
    return repr(float(np.float32(value)))


def _strava_date(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    half = "PM" if moment.hour >= 12 else "AM"
    return (f"{MONTHS[moment.month]} {moment.day}, {moment.year}, "
            f"{hour}:{moment.minute:02d}:{moment.second:02d} {half}")  # fmt: skip


def _part_of_day(hour: int) -> str:
    return next(n for h, n in ((5, "Night"), (11, "Morning"), (14, "Lunch"), (17, "Afternoon"),
                               (21, "Evening"), (24, "Night")) if hour < h)  # fmt: skip


def _strava_row(w: dict, ident: int, size: float, rng) -> list[str]:
    """One activity in STRAVA_HEADER's layout: the athlete's distance first, raw values later."""
    moves = w["distance_m"] > 0
    hr, top = _hr(w, "{:.1f}", "")
    effort = str(int(w["duration_s"] / 60 * (w["avg_hr"] - 80) / 60)) if hr else ""
    speed = w["distance_m"] / w["duration_s"]
    low = float(rng.integers(5, 60))
    name = f"{_part_of_day(w['start'].hour)} {w['activity_type']}"
    return [
        str(ident), _strava_date(w["start"]), name, w["activity_type"], _note(w, rng),
        str(int(w["elapsed_s"])), f"{w['distance_m'] / size:.2f}", top, effort, "false", "", "",
        f"activities/{ident}.fit.gz" if moves else "", "", "", f"{w['elapsed_s']:.1f}",
        f"{w['duration_s']:.1f}", _f32(w["distance_m"]), _f32(speed * rng.uniform(1.2, 1.6)),
        _f32(speed), _f32(w["climb_m"]), _f32(w["climb_m"]), _f32(low),
        _f32(low + w["climb_m"] / 2), f"{rng.uniform(0, 12):.1f}" if moves else "",
        f"{w['cadence'] / 2:.1f}" if moves else "", top, hr, f"{w['calories']:.1f}", effort, "0.0",
    ]  # fmt: skip


def _hr(w: dict, style: str, missing: str) -> tuple[str, str]:
    """Average and maximum heart rate as text, ``missing`` twice without a strap."""
    if np.isnan(w["avg_hr"]):
        return missing, missing
    return style.format(w["avg_hr"]), style.format(w["max_hr"])


def _note(w: dict, rng) -> str:
    notes = NOTES.get(w["kind"], ()) if w["honest"] else ()
    return str(rng.choice(notes)) if notes and rng.random() < 0.15 else ""


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _pace(seconds_per_unit: float) -> str:
    whole = round(seconds_per_unit)
    return f"{whole // 60}:{whole % 60:02d}"


def _garmin_row(w: dict, unit: str, rng) -> list[str]:
    """One activity in GARMIN_HEADER's layout; distances, paces and climbs in the user's unit."""
    size, moves = METRES[unit], w["distance_m"] > 0
    pace = w["duration_s"] / (w["distance_m"] / size) if moves else 0.0
    outdoors = moves and w["activity_type"] != "Treadmill Running"
    climb = _maybe(outdoors, f"{round(w['climb_m'] * (FEET_PER_M if unit == 'mi' else 1)):,}")
    foot = w["kind"] in ("run", "walk")
    hr, top = _hr(w, "{:.0f}", MISSING)
    s = w["start"]
    return [
        w["activity_type"], f"{s.month}/{s.day}/{s.year} {s.hour}:{s.minute:02d}",
        "true" if rng.random() < 0.03 else "false", _title(w, rng),
        _maybe(moves, f"{w['distance_m'] / size:,.2f}"), f"{w['calories']:,}",
        _clock(w["duration_s"]), hr, top, _maybe(hr != MISSING, f"{rng.uniform(1, 4):.1f}"),
        _maybe(foot, f"{w['cadence']:.0f}"), _maybe(foot, f"{w['cadence'] + 12:.0f}"),
        _maybe(moves, _pace(pace)), _maybe(moves, _pace(pace * rng.uniform(0.7, 0.9))),
        climb, climb, _maybe(w["kind"] == "ride", f"{w['cadence'] / 2:.0f}"), "0.0",
        str(max(1, int(w["distance_m"] // size))), _clock(w["duration_s"]), _clock(w["elapsed_s"]),
        MISSING, _maybe(foot, f"{int(w['distance_m'] * 1.3):,}"),
    ]  # fmt: skip


def _maybe(present: bool, text: str) -> str:
    """``text``, or Garmin's ``--`` for a value the activity does not have."""
    return text if present else MISSING


def _title(w: dict, rng) -> str:
    if w["kind"] == "walk" and w["honest"] and rng.random() < 0.1:
        return "Choco, park loop"  # a comma: the title gets quoted
    return f"London {w['activity_type']}" if w["distance_m"] > 0 else w["activity_type"]
