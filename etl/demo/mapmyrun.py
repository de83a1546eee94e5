"""Deterministic synthetic MapMyRun exports, with the ground truth next to them.

Real exports are private, yet tests, demos and benchmarks need files with their shape and traps:
dog walks logged as "Run", sentinel values, GPS spikes, repeated rows, late submissions.
:func:`generate_history` tells one runner's story (a puppy, Choco, arrives and walks swamp the
runs) with every row's label, so classifiers can be scored; :func:`generate_export` is for speed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np
import pandas as pd

KM_PER_MI = 1.609344
DAYS_PER_MONTH = 365.25 / 12
LABELS = ("run", "walk", "run_walk", "other", "outlier")
RUN, WALK, MIXED, OTHER, OUTLIER = range(5)
HEADERS = {
    "mi": "Date Submitted,Workout Date,Activity Type,Calories Burned (kcal),Distance (mi),"
    "Workout Time (seconds),Avg Pace (min/mi),Max Pace (min/mi),Avg Speed (mi/h),"
    "Max Speed (mi/h),Avg Heart Rate,Steps,Notes,Source,Link",
}
HEADERS["km"] = HEADERS["mi"].replace("mi/h", "km/h").replace("mi)", "km)")
MONTHS = (
    "",
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
SOURCE_SINCE = date(2016, 1, 1).toordinal()  # older exports carry no Source
LINK = "http://www.mapmyfitness.com/workout/"
PREFIX = "Map My Fitness "
CHUNK = 100_000
ALPHABET = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz0123456789", dtype=np.uint8)


class _Kind(NamedTuple):
    """How one kind of workout looks; every pair is a uniform (low, high) range."""

    label: int
    types: dict[str, float]  # activity type as logged -> probability
    miles: tuple[float, float]
    pace: tuple[float, float]  # min/mi; duration = miles * pace + minutes
    minutes: tuple[float, float] = (0, 0)
    kcal_mi: tuple[float, float] = (0, 0)
    kcal_min: tuple[float, float] = (0, 0)
    steps_mi: tuple[float, float] = (0, 0)
    heart: tuple[float, float] = (0, 0)


_RUN = _Kind(
    label=RUN,
    types={"Run": 0.93, "Indoor Run / Jog": 0.07},
    miles=(3, 7),
    pace=(8, 11),
    minutes=(0, 0),
    kcal_mi=(85, 115),
    kcal_min=(0, 0),
    steps_mi=(1400, 1700),
    heart=(140, 172),
)
_GLITCH = _RUN._replace(label=OUTLIER, types={"Run": 0.8, "Walk": 0.2})
_WALK = _RUN._replace(
    label=WALK,
    types={"Run": 0.75, "Walk": 0.21, "Hike": 0.04},
    miles=(1, 3),
    pace=(18, 28),
    kcal_mi=(70, 95),
    steps_mi=(2000, 2400),
    heart=(88, 112),
)
_MIXED = _RUN._replace(
    label=MIXED,
    types={"Run": 1.0},
    miles=(1.5, 4),
    pace=(12.5, 16),
    steps_mi=(1700, 2100),
    heart=(115, 140),
)
KINDS = {
    "run": _RUN,
    "walk": _WALK,
    "mixed": _MIXED,
    "bike": _Kind(OTHER, {"Bike Ride": 1.0}, (5, 25), (60 / 18, 60 / 8), kcal_mi=(35, 50)),
    "video": _Kind(OTHER, {"Video Workout": 1.0}, (0, 0), (0, 0), (20, 60), kcal_min=(7, 10)),
    "weight": _Kind(OTHER, {"Weight Workout": 1.0}, (0, 0), (0, 0), (30, 70), kcal_min=(4, 6)),
    "swim": _Kind(OTHER, {"Swim": 1.0}, (0.4, 1.2), (28, 40), kcal_min=(8, 11)),
    # Glitches seen in real files: each kind appears at least once in a history.
    "spike_far": _GLITCH._replace(miles=(26, 60), pace=(0, 0), minutes=(15, 40)),
    "spike_fast": _GLITCH._replace(pace=(0.8, 2.4)),
    "zero_duration": _GLITCH._replace(miles=(1, 4), pace=(0, 0)),
    "sentinel_duration": _GLITCH._replace(steps_mi=(0, 0)),
    "sentinel_pace": _GLITCH._replace(miles=(1, 3), pace=(18, 28)),
    "huge_steps": _GLITCH,
    "max_speed": _GLITCH,
}
NAMES = list(KINDS)
K = {name: i for i, name in enumerate(NAMES)}
GLITCHES = NAMES[K["spike_far"] :]
OTHER_MIX = {"bike": 0.4, "video": 0.3, "weight": 0.2, "swim": 0.1}
# Monday-first weights with mean 1: runs happen on Tue/Thu and at weekends, walks any day.
RUN_DAYS = np.array([0.5, 1.4, 0.6, 1.4, 0.5, 1.5, 1.1])
ANY_DAY = np.ones(7)
# (kind, workouts per month, weekday weights) before and after the puppy arrives.
BEFORE = [("run", 3.85, RUN_DAYS)] + [(k, 0.15 * p, ANY_DAY) for k, p in OTHER_MIX.items()]
AFTER = [("run", 4.3, RUN_DAYS), ("walk", 11.2, ANY_DAY), ("mixed", 0.5, ANY_DAY)]
AFTER += [(k, 0.2 * p, ANY_DAY) for k, p in OTHER_MIX.items()]


@dataclass(frozen=True)
class DemoHistory:
    """A MapMyRun export and, row for row, what each workout really was."""

    csv_text: str
    truth: pd.DataFrame


def generate_history(
    *,
    seed: int = 2018,
    start: date = date(2011, 1, 1),
    end: date = date(2025, 12, 31),
    event_date: date = date(2018, 6, 1),
    unit: str = "mi",
) -> DemoHistory:
    """One runner's export from ``start`` to ``end`` plus the true label of every row.

    About 4 runs a month until ``event_date``, then about 16 workouts a month, ~70% of them dog
    walks mostly logged as "Run"; 8-12 glitches and 2-3 duplicated rows are spread over the
    years. The same arguments always give byte-identical text, so tests can pin numbers.
    """
    rng = np.random.default_rng(seed)
    day, kind = _schedule(rng, start.toordinal(), end.toordinal(), event_date.toordinal())
    cols = _duplicate(rng, _fill(rng, day, kind, event_date.toordinal()), int(rng.integers(2, 4)))
    ids = _ids(rng, cols["day"])
    labels = np.array(LABELS)[np.array([KINDS[n].label for n in NAMES])[cols["kind"]]]
    truth = pd.DataFrame(
        {
            "source_id": ids.astype(str),
            "workout_date": [date.fromordinal(d) for d in cols["day"].tolist()],
            "activity_type": cols["type"],
            "label": labels,
            "distance_mi": cols["miles"],
            "duration_s": cols["seconds"],
        }
    )
    return DemoHistory(_render(cols, ids, unit), truth)


def generate_export(
    rows: int,
    *,
    seed: int = 0,
    unit: str = "mi",
    start: date = date(2011, 1, 1),
    end: date = date(2025, 12, 31),
) -> str:
    """An export of exactly ``rows`` data rows with the history's mix of kinds, for benchmarks.

    Dates are spread at ~16 workouts a month from ``start``, never past ``end``: a large export
    packs several workouts into a day, as a busy shared account would, rather than running into
    the future. Everything is drawn in bulk with numpy so a million rows stay affordable.
    """
    rng = np.random.default_rng(seed)
    plan = BEFORE + AFTER  # equal-length eras, like the default history
    mix = np.bincount([K[name] for name, *_ in plan], [rate for _, rate, _ in plan], len(NAMES))
    mix[K["spike_far"] :] = 2 * (10 / 180) / len(GLITCHES)  # ~10 glitches in 180 months, per era
    dups = rows // 720
    room = end.toordinal() - start.toordinal() + 1
    span = max(1, min(int(rows * DAYS_PER_MONTH / 16), room))
    day = start.toordinal() + np.sort(rng.integers(0, span, rows - dups))
    kind = rng.choice(len(NAMES), size=rows - dups, p=mix / mix.sum())
    cols = _duplicate(rng, _fill(rng, day, kind, start.toordinal() + span // 2), dups)
    return _render(cols, _ids(rng, cols["day"]), unit)


def _schedule(rng, first: int, last: int, event: int) -> tuple[np.ndarray, np.ndarray]:
    """Days and kinds of all workouts, in date order (shuffled within a day)."""
    days = np.arange(first, last + 1)
    weekday = (days - 1) % 7  # ordinal 1 (0001-01-01) was a Monday
    parts = []
    for era, plan in ((days < event, BEFORE), (days >= event, AFTER)):
        for name, per_month, weights in plan:
            counts = rng.poisson(per_month / DAYS_PER_MONTH * weights[weekday[era]])
            parts.append((np.repeat(days[era], counts), np.full(counts.sum(), K[name])))
    glitches = GLITCHES + list(rng.choice(["spike_far", "spike_fast"], int(rng.integers(1, 6))))
    edges = np.linspace(first, last + 1, len(glitches) + 1).astype(int)  # one per slice of time
    glitch_days = rng.integers(edges[:-1], np.maximum(edges[1:], edges[:-1] + 1))
    parts.append((glitch_days, np.array([K[g] for g in rng.permutation(glitches)])))
    day, kind = (np.concatenate(columns) for columns in zip(*parts, strict=True))
    order = np.lexsort((rng.random(day.size), day))  # by day, in random order within a day
    return day[order], kind[order]


def _pick(rng, kind: np.ndarray, field: str) -> np.ndarray:
    """A uniform draw per row from the kind's (low, high) range for ``field``."""
    bounds = np.array([getattr(KINDS[n], field) for n in NAMES], dtype=float)[kind]
    return bounds[:, 0] + rng.random(kind.size) * (bounds[:, 1] - bounds[:, 0])


def _types(rng, kind: np.ndarray, day: np.ndarray, event: int) -> np.ndarray:
    """The activity type as a person logs it: the label never decides it alone."""
    u, out = rng.random(kind.size), np.empty(kind.size, dtype=object)
    for i, spec in enumerate(KINDS.values()):
        probs = np.array(list(spec.types.values()))
        choice = np.minimum(np.searchsorted(np.cumsum(probs), u[kind == i]), probs.size - 1)
        out[kind == i] = np.array(list(spec.types), dtype=object)[choice]
    out[(kind == K["run"]) & (day >= event)] = "Run"  # indoor runs stopped with the dog
    return out


def _fill(rng, day: np.ndarray, kind: np.ndarray, event: int) -> dict[str, np.ndarray]:
    """All values (distances in miles) for workouts already placed on days; text comes later."""
    n = kind.size
    miles = np.round(_pick(rng, kind, "miles"), 5)
    minutes = miles * _pick(rng, kind, "pace") + _pick(rng, kind, "minutes")
    seconds = np.round(minutes * 60).astype(np.int64)
    calories = miles * _pick(rng, kind, "kcal_mi") + minutes * _pick(rng, kind, "kcal_min")
    steps = np.round(miles * _pick(rng, kind, "steps_mi")).astype(np.int64)
    heart = np.round(_pick(rng, kind, "heart")).astype(np.int64)
    mph = np.divide(miles * 3600, seconds, out=np.zeros(n), where=seconds > 0)
    max_mph = np.where(rng.random(n) < 0.3, 0.0, mph * (1.2 + 1.3 * rng.random(n)))
    seconds[kind == K["zero_duration"]] = 0
    sentinel = kind == K["sentinel_duration"]
    seconds[sentinel], calories[sentinel] = 1704734895, 32767
    fixed_pace = np.where(kind == K["sentinel_pace"], 42554500.0, 0.0)  # not distance / time
    steps[rng.random(n) < 0.4] = 0  # 0 is how the export says "not measured"
    steps[rng.random(n) < 0.05] = -1  # and blank is another way
    steps[kind == K["huge_steps"]] = 4077214578
    max_mph[kind == K["max_speed"]] = 190
    heart[(rng.random(n) >= 0.08) | (heart == 0)] = -1  # heart rate is rarely recorded
    token = ALPHABET[rng.integers(0, ALPHABET.size, (n, 32), dtype=np.uint8)]
    return {
        "submitted": day + np.where(rng.random(n) < 0.8, 0, rng.integers(1, 7, n)),
        "day": day,
        "kind": kind,
        "type": _types(rng, kind, day, event),
        "miles": miles,
        "seconds": seconds,
        "calories": np.round(calories).astype(np.int64),
        "fixed_pace": fixed_pace,
        "max_mph": max_mph,
        "heart": heart,
        "steps": steps,
        "notes": rng.random(n) < 0.03,
        "source": np.ascontiguousarray(token).view("S32").ravel(),
    }


def _duplicate(rng, cols: dict[str, np.ndarray], count: int) -> dict[str, np.ndarray]:
    """Repeat ``count`` ordinary runs or walks right after themselves (only the id will differ)."""
    candidates = np.flatnonzero(np.isin(cols["kind"], [K["run"], K["walk"]]))
    picks = rng.choice(candidates, min(count, candidates.size), replace=False)
    order = np.sort(np.concatenate([np.arange(cols["kind"].size), picks]))
    return {name: values[order] for name, values in cols.items()}


def _ids(rng, day: np.ndarray) -> np.ndarray:
    """Workout ids that grow with the date, faster over the years as the site got busier."""
    gaps = np.diff(day, prepend=day[:1]) * rng.integers(100_000, 3_000_000, day.size)
    return 300_000_000 + np.cumsum(gaps + rng.integers(1, 5000, day.size))


def _num(values: np.ndarray) -> list[str]:
    """Floats as the export writes them: shortest repr, no ``.0`` on whole numbers, no exponent."""
    whole = values == np.round(values)
    text = np.empty(values.size, dtype=object)
    text[~whole] = list(map(repr, values[~whole].tolist()))
    text[whole] = list(map(str, values[whole].astype(np.int64).tolist()))
    tiny = ~whole & (np.abs(values) < 1e-4)  # repr would write 1.2e-05
    text[tiny] = [np.format_float_positional(v) for v in values[tiny]]
    return text.tolist()


def _ints(values: np.ndarray) -> list[str]:
    """Whole numbers as text; negative ones mean "not recorded" and are left empty."""
    text = np.array(list(map(str, values.tolist())), dtype=object)
    text[values < 0] = ""
    return text.tolist()


def _cells(values: np.ndarray) -> list[str]:
    """Text as CSV cells, quoted by the csv module where needed (dates hold a comma).

    Only distinct values go through the csv writer: every row would eat half the time budget.
    """
    codes, unique = pd.factorize(np.asarray(values, dtype=object))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([value] for value in unique)
    lines = out.getvalue().splitlines()
    # csv writes a lone empty field as '""'; the export leaves it empty.
    cells = [line if value else "" for value, line in zip(unique, lines, strict=True)]
    return np.array(cells, dtype=object)[codes].tolist()


def _dates(*ordinals: np.ndarray) -> list[list[str]]:
    """MapMyRun's date style ("Sept. 29, 2025") for each array, formatting each day once."""
    unique, inverse = np.unique(np.concatenate(ordinals), return_inverse=True)
    days = map(date.fromordinal, unique.tolist())
    cells = np.array(_cells([f"{MONTHS[d.month]} {d.day}, {d.year}" for d in days]), dtype=object)
    return [cells[part].tolist() for part in np.split(inverse, len(ordinals))]


def _render(cols: dict[str, np.ndarray], ids: np.ndarray, unit: str) -> str:
    """The CSV text, in chunks to bound memory; the only step that depends on the unit."""
    if unit not in HEADERS:
        raise ValueError(f"unit must be 'mi' or 'km', not {unit!r}")
    chunks = [slice(at, at + CHUNK) for at in range(0, ids.size, CHUNK)]
    parts = [_lines({k: v[part] for k, v in cols.items()}, ids[part], unit) for part in chunks]
    return "\n".join([HEADERS[unit], *parts]) + "\n"


def _lines(cols: dict[str, np.ndarray], ids: np.ndarray, unit: str) -> str:
    """CSV lines for some rows, without the header and the final newline."""
    factor = KM_PER_MI if unit == "km" else 1.0
    dist = np.round(cols["miles"] * factor, 5)
    secs = cols["seconds"]
    pace = np.divide(secs / 60, dist, out=np.zeros(dist.size), where=(dist > 0) & (secs > 0))
    pace = np.where(cols["fixed_pace"] > 0, cols["fixed_pace"] / factor, pace)
    top = cols["max_mph"] * factor
    # The newer platform (the one that fills Source) rounds to 5 decimals; older rows do not.
    new = cols["day"] >= SOURCE_SINCE
    rates = [np.where(new, np.round(v, 5), v) for v in (pace, _inverse(top), _inverse(pace), top)]
    tokens = zip(cols["source"].astype("U32").tolist(), new.tolist(), strict=True)
    fields = [
        *_dates(cols["submitted"], cols["day"]),
        _cells(cols["type"]),
        _ints(cols["calories"]),
        _num(dist),
        _ints(secs),
        *map(_num, rates),
        _ints(cols["heart"]),
        _ints(cols["steps"]),
        np.where(cols["notes"], "b''", "").tolist(),
        [PREFIX + t if n else "" for t, n in tokens],
        [LINK + i for i in map(str, ids.tolist())],
    ]
    return "\n".join(map(",".join, zip(*fields, strict=True)))


def _inverse(values: np.ndarray) -> np.ndarray:
    """60 / x where x > 0, else 0: pace <-> speed, with 0 meaning unknown."""
    return np.divide(60.0, values, out=np.zeros(values.size), where=values > 0)
