"""A deterministic synthetic honest person: six years of runs, walks, rides and gym sessions,
with a dog arriving part way, and the truth of every workout. :mod:`etl.demo.strava` and
:mod:`etl.demo.garmin` write that history as each app exports it.

The MapMyRun demo (:mod:`etl.demo.mapmyrun`) is someone who logs dog walks as "Run". These
histories are the opposite: runs are logged "Run" and walks "Walk", bar about 5% of dog walks
logged as "Run". Scoring the classifier against them shows how often it agrees with an honest
person and whether it still catches the few mislabelled walks.
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
    "run": _Spec(
        label="Run",
        shapes=_RUNS,
        heart=(140, 168),
        kcal_km=(60, 75),
        climb_km=(4, 15),
        pause_s=(0, 120),
        hours=(6, 7, 7, 12, 17, 18),
    ),
    "walk": _Spec(
        label="Walk",
        shapes=((1, (500, 840), (1, 6)),),
        heart=(88, 115),
        kcal_km=(45, 60),
        climb_km=(2, 10),
        pause_s=(60, 600),
        hours=(7, 8, 12, 13, 18, 19, 20, 21),
    ),
    "ride": _Spec(
        label="Ride",
        shapes=((1, (120, 200), (10, 60)),),
        heart=(118, 148),
        kcal_km=(20, 30),
        climb_km=(5, 15),
        pause_s=(60, 900),
        hours=(8, 9, 10, 16),
    ),
    "strength": _Spec(
        label="Workout",
        shapes=((1, (0, 0), (0, 0)),),
        heart=(95, 125),
        kcal_km=(0, 0),
        climb_km=(0, 0),
        pause_s=(0, 300),
        hours=(7, 18, 19),
        minutes=(30, 60),
        kcal_min=(5, 7),
    ),
}
# Workouts per month before and after the dog arrives.
RATES = {
    "before": {"run": 10.0, "walk": 2.0, "ride": 1.2, "strength": 1.0},
    "after": {"run": 5.0, "walk": 16.0, "ride": 0.6, "strength": 0.8},
}


@dataclass(frozen=True)
class SourceHistory:
    """An export as the app writes it and, row for row, what each workout really was.

    ``truth`` has date, start (naive UTC), kind ("run", "walk", "ride", "strength"), label (as
    the person logged it: "Run", "Walk", "Ride", "Workout"), activity_type (as the file writes
    it), honest (the label says what it was), distance_m and duration_s (moving time).
    """

    text: str
    truth: pd.DataFrame


def check_unit(unit: str) -> str:
    """``unit`` when it is one an export can be in (km or mi)."""
    if unit not in METRES:
        raise ValueError(f"unit must be 'km' or 'mi', not {unit!r}")
    return unit


def draw_workouts(rng, years: int) -> pd.DataFrame:
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
    return pd.DataFrame(
        {
            "start": [
                datetime.fromordinal(d) + timedelta(seconds=int(s)) for d, s in zip(days, seconds)
            ],
            "kind": kind,
            "label": spec.label,
            "distance_m": np.round(km * 1000, 1),
            "duration_s": moving,
            "elapsed_s": moving + np.round(_uniform(rng, spec.pause_s, n)),
            "avg_hr": heart,
            "max_hr": heart + rng.integers(8, 26, n),
            "calories": np.round(
                km * _uniform(rng, spec.kcal_km, n) + minutes * _uniform(rng, spec.kcal_min, n)
            ).astype(int),
            "climb_m": np.round(km * _uniform(rng, spec.climb_km, n)),
            "cadence": np.round(_uniform(rng, (150, 180) if kind == "run" else (95, 120), n)),
        }
    )


def truth_of(frame: pd.DataFrame) -> pd.DataFrame:
    """What each workout of ``frame`` really was, in the layout of :class:`SourceHistory`."""
    truth = frame[["start", "kind", "label", "activity_type", "honest", "distance_m"]].copy()
    truth.insert(0, "date", [s.date() for s in frame["start"]])
    truth["duration_s"] = frame["duration_s"]
    return truth


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """The rows as CSV text, quoted where the csv module must (commas, quotes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def heart_rates(w: dict, style: str, missing: str) -> tuple[str, str]:
    """Average and maximum heart rate as text, ``missing`` twice without a strap."""
    if np.isnan(w["avg_hr"]):
        return missing, missing
    return style.format(w["avg_hr"]), style.format(w["max_hr"])
