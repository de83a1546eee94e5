"""The personas: fifteen generated people whose every workout's truth is known, each a trap the
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


def slow_run(pace_s_per_km, km, per_month, **options) -> Kind:
    """An easy, recovery or sociable run: slow, short, a lower heart rate than a run's."""
    return run(pace_s_per_km, km, per_month, **({"heart": (120, 150)} | options))


def brisk_walk(pace_s_per_km, km, per_month, **options) -> Kind:
    """A brisk walk: short stops and a heart rate between a walk's and a slow run's."""
    return walk(
        pace_s_per_km, km, per_month, **({"heart": (100, 130), "pause_s": (0, 120)} | options)
    )


def dog_walk(pace_s_per_km, km, per_month, **options) -> Kind:
    """A walk with the dog, typed "Run" unless said: it stops a lot (10-40% of the moving time
    on top, sniffing and meeting other dogs), every day of the year, whatever the weather."""
    defaults = {"types": RUN, "pause_s": (0, 0), "stop_share": (0.1, 0.4), "seasonal": 0.05}
    return walk(pace_s_per_km, km, per_month, **(defaults | options))


def _ordinary(name: str, description: str, unit: str) -> Persona:
    types = (("Walk", 0.7), ("Run", 0.3))
    return Persona(
        name,
        description,
        (
            run(pace("6:00", "7:30"), (3, 12), 6),
            slow_run(pace("7:15", "8:45"), (3, 8), 1.5),
            walk(pace("9:45", "14:00"), (1.5, 6), 4, types=types),
            brisk_walk(pace("9:00", "10:15"), (1.5, 5), 1.5, types=types),
        ),
        style="mapmyrun",
        unit=unit,
        round_distances=True,
    )


_ALL = (
    Persona(
        "fast_runner",
        "runs tightly around 5:00/km, easy and long runs at 5:40-6:50 typed Run; a few walks at "
        "9:00-12:00 (cool-downs, with friends) typed Walk or Run",
        (
            run(pace("4:30", "5:20"), (5, 14), 9),
            run(pace("5:40", "6:50"), (4, 12), 4),
            run(pace("5:40", "6:50"), (14, 25), 2, hours=(6, 7, 8)),
            walk(pace("9:00", "12:00"), (1, 4), 1.2, types=(("Walk", 0.5), ("Run", 0.5))),
        ),
    ),
    Persona(
        "slow_runner",
        "runs at 8:00-11:00 min/km, walks at 10:30-17:00 (some brisk), all typed Run in a "
        "MapMyRun export",
        (
            run(pace("8:00", "11:00"), (4, 8), 8, heart=(130, 160)),
            walk(pace("11:30", "17:00"), (2, 6), 5, types=RUN),
            brisk_walk(pace("10:30", "12:30"), (2, 5), 2, types=RUN),
        ),
        style="mapmyrun",
    ),
    Persona(
        "run_walker",
        "run-walk intervals at 8:00-10:30/km between runs at 6:30-8:15 (some slow) and walks at "
        "10:00-14:00 (some brisk)",
        (
            Kind(
                "run_walk",
                RUN,
                pace("8:00", "10:30"),
                (3, 8),
                per_month=6,
                heart=(120, 150),
                pause_s=(0, 120),
            ),
            run(pace("6:30", "7:30"), (4, 10), 3),
            slow_run(pace("7:15", "8:15"), (3, 8), 2),
            walk(pace("10:45", "14:00"), (2, 6), 3, types=(("Walk", 0.8), ("Run", 0.2))),
            brisk_walk(pace("10:00", "11:15"), (2, 5), 1.5, types=(("Walk", 0.8), ("Run", 0.2))),
        ),
    ),
    Persona(
        "dog_walker",
        "a runner until a dog arrives half-way, then mostly dog walks at 11:30-25:00 min/km "
        "(stops included in the time) typed Run, and runs at 5:45-8:30 (slow ones with the dog)",
        (
            run(pace("5:45", "7:15"), (4, 12), 8, era="before"),
            run(pace("5:45", "7:15"), (4, 12), 3, era="after"),
            slow_run(pace("7:00", "8:30"), (3, 8), 1.5, era="after", pause_s=(30, 300)),
            dog_walk(pace("14:00", "25:00"), (1, 5), 15, era="after"),
            dog_walk(pace("11:30", "14:00"), (1.5, 5), 3, era="after"),
        ),
        style="mapmyrun",
        event_share=0.5,
        event_name="dog arrives",
    ),
    Persona(
        "honest_strava",
        "Strava: runs at 5:30-8:15/km (slow recovery runs too) typed Run, walks at 8:30-13:00 "
        "(brisk short ones too) typed Walk",
        (
            run(pace("5:30", "7:00"), (4, 14), 7),
            slow_run(pace("7:00", "8:15"), (3, 7), 2),
            walk(pace("9:30", "13:00"), (1.5, 6), 6),
            brisk_walk(pace("8:30", "9:45"), (1, 3), 1.5),
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
    Persona(
        "brisk_walker",
        "almost only brisk walks of 3-8 km at 8:45-11:00 min/km typed Walk or Run at random, and "
        "a handful of jogs at 7:00-8:00",
        (
            brisk_walk(pace("8:45", "11:00"), (3, 8), 12, types=(("Walk", 0.5), ("Run", 0.5))),
            slow_run(pace("7:00", "8:00"), (3, 6), 0, count=12),
        ),
    ),
    Persona(
        "slow_dog_jogger",
        "jogs at 7:30-9:30 min/km; a dog arrives half-way, then mostly dog walks at 11:00-16:00 "
        "(stops included in the time); everything typed Run in a MapMyRun export",
        (
            slow_run(pace("7:30", "9:30"), (3, 8), 8, era="before"),
            slow_run(pace("7:30", "9:30"), (3, 8), 4, era="after"),
            dog_walk(pace("12:00", "16:00"), (1, 4), 12, era="after"),
            dog_walk(pace("11:00", "12:30"), (1.5, 4), 3, era="after"),
        ),
        style="mapmyrun",
        event_share=0.5,
        event_name="dog arrives",
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
