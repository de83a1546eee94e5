"""A persona's workouts as the store would hold them: SI units, one row per workout, the truth
of each beside it.

Paces are not uniform draws: each workout sits in its kind's range by a bell-shaped draw (the
day's form), pushed slower in summer heat and by slow swings of fitness over the years, and
clipped to the range, so a persona's stated ranges stay true.

The times are what the store keeps of each export. A Strava export has moving time and elapsed
time; the store takes moving time as the duration (elapsed time, stops and all, is not kept) and
fills the average pace in from distance and duration (etl.formats.strava, etl.ingest.validate),
so stops leave no trace. A MapMyRun export has the workout time, stops included, and the app's
average pace over the moving time, rounded as the app shows it; it has no moving time.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from etl.activities import category_of
from etl.db.queries import ANALYTIC_COLUMNS
from etl.demo.personas.spec import END, Kind, Persona

METRES = {"km": 1000.0, "mi": 1609.344}
DAYS_PER_MONTH = 365.25 / 12
MIDSUMMER = 196  # day of the year with the warmest weather, on average
FITNESS_YEARS = 2.5  # period of the slow swing of form over the years
LONG_STOP = (0.04, (300, 1200))  # share of workouts with a coffee or a chat, and its seconds
NO_STRAP = 0.15  # share of workouts without a heart rate
# Every column of the store's analytic frame plus climb, which the store also keeps, then the
# truth.
COLUMNS = (*ANALYTIC_COLUMNS, "elevation_gain_m", "truth")


def draw_frame(persona: Persona, *, seed: int = 0) -> pd.DataFrame:
    """Every workout of ``persona``, oldest first, with ids 1..n; the same seed, the same frame."""
    rng = np.random.default_rng(seed)
    days = np.arange(persona.first_day.toordinal(), END.toordinal() + 1)
    kind, day = _schedule(rng, persona, days)
    fitness = _fitness(rng, days[0])
    parts = [
        _measures(rng, persona, spec, day[kind == i], fitness)
        for i, spec in enumerate(persona.kinds)
        if (kind == i).any()
    ]
    frame = pd.concat(parts, ignore_index=True).sort_values("started_at", ignore_index=True)
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    ids = 1_000_000_000 + np.cumsum(rng.integers(1_000, 90_000, len(frame)))
    frame.insert(1, "source", persona.style)
    frame.insert(2, "source_id", ids.astype(str))
    frame.insert(3, "workout_date", frame["started_at"].dt.normalize())
    return frame[list(COLUMNS)]


def _schedule(rng, persona: Persona, days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The kind index and the day of every workout (not yet in order)."""
    event = persona.event_date
    era = {
        "all": np.ones(days.size, dtype=bool),
        "before": days < (event.toordinal() if event else days[-1] + 1),
        "after": days >= (event.toordinal() if event else days[-1] + 1),
    }
    summer = _summer(days)
    rated = [i for i, k in enumerate(persona.kinds) if k.per_month > 0]
    rates = np.array(
        [
            persona.kinds[i].per_month
            / DAYS_PER_MONTH
            * (1 + persona.kinds[i].seasonal * summer)
            * era[persona.kinds[i].era]
            for i in rated
        ]
    ).reshape(len(rated), days.size)
    if persona.workouts is not None:
        counts = rng.multinomial(persona.workouts, rates.ravel() / rates.sum()).reshape(rates.shape)
    else:
        counts = rng.poisson(rates)
    kinds = [np.repeat(np.array(rated), counts.sum(axis=1))]
    chosen = [np.concatenate([np.repeat(days, row) for row in counts])]
    for i, spec in enumerate(persona.kinds):
        if spec.count:  # rare kinds: exactly this many, wherever they fall
            kinds.append(np.full(spec.count, i))
            chosen.append(rng.choice(days[era[spec.era]], spec.count))
    return np.concatenate(kinds).astype(int), np.concatenate(chosen)


def _summer(days: np.ndarray) -> np.ndarray:
    """+1 in high summer, -1 in deep winter (northern hemisphere)."""
    return np.cos(2 * np.pi * (days - MIDSUMMER) / 365.25)


def _fitness(rng, first: int):
    """A slow swing of form over the years: positive is slower (a share of the pace range)."""
    phase, amplitude = rng.random() * 2 * np.pi, 0.04 + 0.04 * rng.random()
    return lambda days: (
        amplitude * np.sin(2 * np.pi * (days - first) / (FITNESS_YEARS * 365.25) + phase)
    )


def _between(bounds: tuple[float, float], share: np.ndarray) -> np.ndarray:
    return bounds[0] + share * (bounds[1] - bounds[0])


def _measures(rng, persona: Persona, kind: Kind, day: np.ndarray, fitness) -> pd.DataFrame:
    """The numbers of ``kind``'s workouts on ``day``, as the persona's app records them."""
    n = day.size
    form = rng.beta(2.5, 2.5, n) + kind.summer_slowdown * _summer(day) + fitness(day)
    pace = _between(kind.pace_s_per_km, np.clip(form, 0, 1))
    km = _between(kind.km, rng.beta(1.6, 2.2, n))
    if persona.round_distances:
        km = _round_in_unit(rng, km, persona.unit)
    moving = np.round(km * pace)
    stops = _between(kind.pause_s, rng.random(n)) + moving * _between(
        kind.stop_share, rng.random(n)
    )
    long_stop = rng.random(n) < LONG_STOP[0]
    stops[long_stop] += _between(LONG_STOP[1], rng.random(int(long_stop.sum())))
    recorded_km = km.copy()
    if kind.glitch == "teleport":  # the watch jumped: ten times the distance in the same time
        recorded_km = km * _between((8, 12), rng.random(n))
    heart = np.round(_between(kind.heart, rng.random(n)))
    heart[rng.random(n) < NO_STRAP] = np.nan
    seconds = rng.choice(kind.hours, n) * 3600 + rng.integers(0, 3600, n)
    frame = pd.DataFrame(
        {
            "started_at": pd.to_datetime([datetime.fromordinal(d) for d in day.tolist()])
            + pd.to_timedelta(seconds, "s"),
            "activity_type": _types(rng, kind, n),
            "distance_m": np.round(recorded_km * 1000, 1),
            "calories_kcal": np.round(km * _between(kind.kcal_km, rng.random(n))),
            "avg_heart_rate": heart,
            "elevation_gain_m": np.round(km * _between(kind.climb_m_per_km, rng.random(n))),
            "flags": None,
            "notes": None,
            "truth": kind.truth,
        }
    )
    frame["category"] = frame["activity_type"].map(category_of)
    _export(rng, persona, frame, moving, stops)
    _zero(frame, kind.glitch)
    return frame


def _types(rng, kind: Kind, n: int) -> np.ndarray:
    names = np.array([name for name, _ in kind.types], dtype=object)
    shares = np.array([share for _, share in kind.types], dtype=float)
    return names[rng.choice(names.size, n, p=shares / shares.sum())]


def _round_in_unit(rng, km: np.ndarray, unit: str) -> np.ndarray:
    """Distances as a person's usual routes give them: to a tenth of their unit, and often a
    whole number of it (5.0 km; 3.0 mi), since people pick round routes."""
    metres = METRES[unit]
    value = np.round(km * 1000 / metres, 1)
    whole = (rng.random(km.size) < 0.4) & (value >= 1)
    value[whole] = np.round(value[whole])
    return value * metres / 1000


def _export(rng, persona: Persona, frame: pd.DataFrame, moving, stops) -> None:
    """Times, pace and speeds as the persona's app writes them (in SI units)."""
    n = len(frame)
    metres = frame["distance_m"].to_numpy(dtype=float)
    top = 1.1 + 0.5 * rng.random(n)  # max speed over average speed
    with np.errstate(divide="ignore", invalid="ignore"):
        if persona.style == "strava":
            # Elapsed time (moving + stops) is in the export but the store keeps moving time.
            frame["duration_s"] = moving
            frame["moving_time_s"] = moving
            frame["avg_pace_s_per_km"] = moving / (metres / 1000)
            frame["max_pace_s_per_km"] = np.nan
            frame["avg_speed_mps"] = np.round(metres / moving, 3)
            frame["steps"] = np.nan
        else:
            # The app shows pace in minutes per its unit to two decimals; the store keeps s/km.
            unit = METRES[persona.unit] / 1000
            shown = np.round(moving / 60 / (metres / 1000 / unit), 2)
            frame["duration_s"] = moving + np.round(stops)  # the workout time, stops and all
            frame["moving_time_s"] = np.nan
            frame["avg_pace_s_per_km"] = shown * 60 / unit
            frame["max_pace_s_per_km"] = frame["avg_pace_s_per_km"] / top
            frame["avg_speed_mps"] = 1000 / frame["avg_pace_s_per_km"]
            per_km = np.where(frame["avg_pace_s_per_km"] < 480, 1300, 1550)
            steps = np.round(metres / 1000 * per_km * (0.9 + 0.2 * rng.random(n)))
            steps[rng.random(n) < 0.5] = np.nan  # most phones only sometimes count steps
            frame["steps"] = steps
    frame["max_speed_mps"] = np.round(frame["avg_speed_mps"] * top, 3)


def _zero(frame: pd.DataFrame, glitch: str) -> None:
    """A zero as the store keeps it: missing, with the ETL's quality flag."""
    if glitch == "zero_duration":
        columns, flag = ("duration_s", "moving_time_s"), "duration_zero"
    elif glitch == "zero_distance":
        columns, flag = ("distance_m",), "distance_zero"
    else:
        return
    speeds = ["avg_pace_s_per_km", "max_pace_s_per_km", "avg_speed_mps", "max_speed_mps"]
    frame.loc[:, [*columns, *speeds]] = np.nan
    frame["flags"] = flag
