"""The personas: thirteen generated people whose every workout's truth is known, each a trap the
run/walk classifier must not fall into (dog walks logged as "Run", rides logged as "Run",
ultras slower than some walks, GPS glitches, a short history...).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import pandas as pd

from etl.demo.personas.draw import draw_frame
from etl.demo.personas.spec import Kind, Persona, pace

RUN = (("Run", 1.0),)
WALK = (("Walk", 1.0),)
WALK_HOURS = (7, 8, 12, 13, 18, 19, 20, 21)
RIDE_PACE = (3600 / 28, 3600 / 20)  # 28 to 20 km/h


def run(pace_s_per_km, km, per_month, **options) -> Kind:
    """A run of the kind most people do (typed "Run" unless said)."""
    return Kind("run", options.pop("types", RUN), pace_s_per_km, km, per_month, **options)


def walk(pace_s_per_km, km, per_month, **options) -> Kind:
    """A walk: a low heart rate, long stops, any time of day, hardly slower in the heat."""
    defaults = {
        "types": WALK,
        "heart": (85, 115),
        "pause_s": (30, 600),
        "kcal_km": (40, 60),
        "hours": WALK_HOURS,
        "summer_slowdown": 0.03,
    }
    return Kind(
        "walk", pace_s_per_km=pace_s_per_km, km=km, per_month=per_month, **(defaults | options)
    )


def _ordinary(name: str, description: str, unit: str) -> Persona:
    return Persona(
        name,
        description,
        (
            run(pace("5:30", "7:00"), (3, 12), 7),
            walk(pace("10:00", "15:00"), (1.5, 6), 5, types=(("Walk", 0.7), ("Run", 0.3))),
        ),
        style="mapmyrun",
        unit=unit,
        round_distances=True,
    )


_ALL = (
    Persona(
        "fast_runner",
        "runs tightly around 5:00/km, with easy and long runs at 5:40-6:50; everything typed Run",
        (
            run(pace("4:30", "5:20"), (5, 14), 9),
            run(pace("5:40", "6:50"), (4, 12), 4),
            run(pace("5:40", "6:50"), (14, 25), 2, hours=(6, 7, 8)),
            walk(pace("9:30", "13:00"), (1.5, 5), 0.6, types=RUN),
        ),
    ),
    Persona(
        "slow_runner",
        "runs at 8-11 min/km, walks at 12-17, all typed Run in a MapMyRun export",
        (
            run(pace("8:00", "11:00"), (4, 8), 8),
            walk(pace("12:00", "17:00"), (2, 6), 6, types=RUN),
        ),
        style="mapmyrun",
    ),
    Persona(
        "run_walker",
        "run-walk intervals at 8:30-10:30/km, pure runs at 6-7, walks at 11-14",
        (
            Kind(
                "run_walk",
                RUN,
                pace("8:30", "10:30"),
                (3, 8),
                per_month=6,
                heart=(120, 150),
                pause_s=(0, 120),
            ),
            run(pace("6:00", "7:00"), (4, 10), 4),
            walk(pace("11:00", "14:00"), (2, 6), 4, types=(("Walk", 0.8), ("Run", 0.2))),
        ),
    ),
    Persona(
        "dog_walker",
        "a runner until a dog arrives half-way, then mostly dog walks at 14-25 min/km typed Run",
        (
            run(pace("5:45", "7:15"), (4, 12), 8, era="before"),
            run(pace("5:45", "7:15"), (4, 12), 4, era="after"),
            walk(pace("14:00", "25:00"), (1, 5), 18, era="after", types=RUN, seasonal=0.05),
        ),
        style="mapmyrun",
        event_share=0.5,
        event_name="dog arrives",
    ),
    Persona(
        "honest_strava",
        "Strava: runs at 5:30-7:00/km typed Run, walks typed Walk, some brisk at 8:45-9:30",
        (
            run(pace("5:30", "7:00"), (4, 14), 8),
            walk(pace("9:30", "13:00"), (1.5, 6), 6),
            walk(pace("8:45", "9:30"), (1, 3), 1.5, pause_s=(0, 120)),
        ),
    ),
    Persona(
        "hiker",
        "mountain hikes of 8-25 km at 12-22 min/km typed Hike, and some runs",
        (
            walk(
                pace("12:00", "22:00"),
                (8, 25),
                4,
                types=(("Hike", 1.0),),
                seasonal=0.6,
                heart=(100, 140),
                climb_m_per_km=(40, 120),
                pause_s=(300, 2400),
                hours=(7, 8, 9),
            ),
            run(pace("5:45", "7:00"), (4, 12), 6),
        ),
    ),
    Persona(
        "treadmill",
        "treadmill runs at a steady 6:00-7:00/km (a few with no distance), outdoor runs, walks",
        (
            run(
                pace("6:00", "7:00"),
                (3, 10),
                6,
                types=(("Treadmill Running", 0.6), ("Indoor Run", 0.4)),
                seasonal=-0.4,
                summer_slowdown=0.0,
                pause_s=(0, 10),
                climb_m_per_km=(0, 0),
            ),
            Kind(
                "outlier",
                (("Treadmill Running", 0.6), ("Indoor Run", 0.4)),
                pace("6:00", "7:00"),
                (3, 8),
                count=6,
                glitch="zero_distance",
                pause_s=(0, 10),
                climb_m_per_km=(0, 0),
            ),
            run(pace("5:30", "6:45"), (4, 12), 5, seasonal=0.4),
            walk(pace("10:00", "14:00"), (1.5, 5), 3),
        ),
    ),
    Persona(
        "rides_as_run",
        "a runner whose bike rides (20-28 km/h, 15-60 km) are typed Run",
        (
            Kind(
                "outlier",
                RUN,
                RIDE_PACE,
                (15, 60),
                per_month=2.5,
                seasonal=0.6,
                summer_slowdown=0.0,
                heart=(115, 150),
                kcal_km=(20, 30),
                pause_s=(60, 900),
            ),
            run(pace("5:15", "6:45"), (4, 15), 8),
            walk(pace("10:00", "14:00"), (1.5, 5), 3),
        ),
    ),
    _ordinary("km_user", "runs and walks in a MapMyRun export in km: 5.0 km routes", "km"),
    _ordinary("mi_user", "runs and walks in a MapMyRun export in miles: 3.1 mi routes", "mi"),
    Persona(
        "few_workouts",
        "only 60 runs and walks over two years: too few for much of a model",
        (
            run(pace("5:45", "7:00"), (3, 10), 3),
            walk(pace("10:00", "14:00"), (1.5, 5), 2),
        ),
        years=2.0,
        workouts=60,
    ),
    Persona(
        "ultra_runner",
        "runs at 5:30-6:30/km and ultras of 50-100 km at 7-12 min/km, a few walks",
        (
            run(pace("5:30", "6:30"), (6, 20), 12),
            run(
                pace("7:00", "12:00"),
                (50, 100),
                0.35,
                heart=(120, 150),
                pause_s=(600, 3600),
                hours=(4, 5, 6),
            ),
            walk(pace("10:00", "14:00"), (2, 5), 1),
        ),
    ),
    Persona(
        "glitchy_watch",
        "runs and walks, plus GPS blips, teleports (ten times the distance) and zero durations",
        (
            run(pace("5:30", "7:00"), (4, 14), 8),
            walk(pace("10:00", "14:00"), (1.5, 5), 5),
            Kind(
                "outlier",
                (("Run", 0.6), ("Walk", 0.4)),
                pace("4:00", "60:00"),
                (0.01, 0.09),
                per_month=0.4,
                pause_s=(0, 30),
            ),
            Kind("outlier", RUN, pace("5:30", "7:00"), (2.5, 5), count=8, glitch="teleport"),
            Kind("outlier", RUN, pace("5:30", "7:00"), (3, 8), count=5, glitch="zero_duration"),
        ),
    ),
)
PERSONAS: Mapping[str, Persona] = MappingProxyType({p.name: p for p in _ALL})


def persona(name: str) -> Persona:
    """The persona called ``name``; the error names every one there is."""
    if name not in PERSONAS:
        raise KeyError(f"no persona {name!r}; there are: {', '.join(PERSONAS)}")
    return PERSONAS[name]


def persona_frame(name: str, *, seed: int = 0) -> pd.DataFrame:
    """The workouts of persona ``name`` as the store would hold them, plus a ``truth`` column
    (run, walk, run_walk, outlier); the same name and seed always give the same frame."""
    return draw_frame(persona(name), seed=seed)
