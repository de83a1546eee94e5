"""What a persona is: a frozen description of one person's workouts, every kind with its truth.

A :class:`Kind` is one sort of workout (steady runs, dog walks, rides logged as "Run") with
(low, high) ranges for its pace and distance; a :class:`Persona` is a name, a one-line
description, the kinds, and how the person's app exports them. :mod:`.draw` turns one into a
workouts frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

TRUTHS = ("run", "walk", "run_walk", "outlier")
STYLES = ("strava", "mapmyrun")  # moving time and elapsed time / the export's rounded pace
GLITCHES = ("", "teleport", "zero_duration", "zero_distance")
ERAS = ("all", "before", "after")
END = date(2025, 12, 31)


def pace(low: str, high: str) -> tuple[float, float]:
    """A pace range written as people say it ("4:30", "5:20") in seconds per km."""
    return _seconds(low), _seconds(high)


def _seconds(text: str) -> float:
    minutes, _, seconds = text.partition(":")
    return 60 * int(minutes) + int(seconds or 0)


@dataclass(frozen=True)
class Kind:
    """One sort of workout a persona does; every pair is a (low, high) range.

    ``pace_s_per_km`` is the moving pace (stops left out), which is what the store's average pace
    holds for both styles. Stops last ``pause_s`` seconds plus ``stop_share`` of the moving time
    (a dog stops a lot); only MapMyRun-style durations keep them (see :mod:`.draw`). Kinds happen
    ``per_month`` times on average (more in summer by ``seasonal``), or exactly ``count`` times
    on random days.
    """

    truth: str
    types: tuple[tuple[str, float], ...]  # activity type as logged -> share
    pace_s_per_km: tuple[float, float]
    km: tuple[float, float]
    per_month: float = 0.0
    count: int = 0
    era: str = "all"  # before or after the persona's life event, or both
    seasonal: float = 0.2  # rate swing between winter and summer, as a share of the mean
    summer_slowdown: float = 0.1  # share of the pace range the heat adds in high summer
    pause_s: tuple[float, float] = (0, 90)  # elapsed minus moving time, in seconds...
    stop_share: tuple[float, float] = (0.0, 0.0)  # ...plus this share of the moving time
    heart: tuple[float, float] = (135, 165)
    kcal_km: tuple[float, float] = (55, 75)
    climb_m_per_km: tuple[float, float] = (3, 12)
    hours: tuple[int, ...] = (6, 7, 12, 17, 18)
    glitch: str = ""  # how the recorded numbers differ from the real workout

    def __post_init__(self) -> None:
        if self.truth not in TRUTHS or self.era not in ERAS or self.glitch not in GLITCHES:
            raise ValueError(f"bad kind: {self.truth!r}, {self.era!r}, {self.glitch!r}")


@dataclass(frozen=True)
class Persona:
    """A generated person with known truth: who they are, what they do, how their app exports.

    ``workouts`` fixes the total of the kinds drawn by rate (few_workouts); ``event_share`` is
    where in the history a life event (``event_name``) starts the ``after`` era;
    ``round_distances`` makes distances round in ``unit`` as a person's routes are.
    """

    name: str
    description: str
    kinds: tuple[Kind, ...]
    style: str = "strava"
    unit: str = "km"
    years: float = 6.0
    workouts: int | None = None
    event_share: float | None = None
    event_name: str = ""
    round_distances: bool = False

    def __post_init__(self) -> None:
        if self.style not in STYLES or self.unit not in ("km", "mi"):
            raise ValueError(f"bad persona {self.name!r}: {self.style!r}, {self.unit!r}")

    @property
    def first_day(self) -> date:
        """The first day of the history (it always ends on :data:`END`)."""
        return END - timedelta(days=round(self.years * 365.25) - 1)

    @property
    def event_date(self) -> date | None:
        """The day of the persona's life event (the dog arriving), None without one."""
        if self.event_share is None:
            return None
        span = (END - self.first_day).days + 1
        return self.first_day + timedelta(days=int(self.event_share * span))
