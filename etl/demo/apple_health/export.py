"""Deterministic synthetic Apple Health exports (``export.xml``, ``export.zip``) and their truth.

Real exports are private and gigabytes large, yet the reader's tests and the ``workouts bench
formats`` benchmark need files with their shape: a long internal DTD, millions of ``<Record>``
samples (~99% of the bytes), workouts of several kinds in both the old attribute style (before
2022) and the iOS 16 ``<WorkoutStatistics>`` style, units that vary (km, mi; kcal, Cal, kJ; cm,
m), indoor workouts and route files. As in Apple's files the records come first (day by day),
then the workouts, then the daily activity summaries. Text comes from templates filled with a
day's random numbers drawn at once and is written in large chunks, so memory stays flat (the
deferred workouts are a few MB per GB) and generation runs at tens of MB/s.
"""

from __future__ import annotations

import math
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import BinaryIO, NamedTuple

import numpy as np

from etl.demo.apple_health import templates as xml

NEW_STYLE = date(2022, 1, 1)  # iOS 16 moved workout totals into <WorkoutStatistics>
FOLDER = "apple_health_export"
FLUSH = 1 << 20
BYTES_PER_DAY = 290_000  # roughly what a day of records takes; only for the export date
KM = {"km": 1.0, "mi": 1.609344}
KCAL = {"kcal": 1.0, "Cal": 1.0, "kJ": 1 / 4.184}


class _Kind(NamedTuple):
    name: str  # as in HKWorkoutActivityType<Name>
    daily: float  # chance of one on a day
    km: tuple[float, float]
    pace: tuple[float, float]  # minutes per km
    kept: str  # canonical activity type; "" for kinds the reader skips
    distance: str  # WorkoutStatistics type of its distance


KINDS = (
    _Kind("Running", 0.35, (3, 15), (4.4, 6.4), "Run", "DistanceWalkingRunning"),
    _Kind("Walking", 0.45, (1, 6), (9, 13), "Walk", "DistanceWalkingRunning"),
    _Kind("Hiking", 0.03, (6, 20), (10, 16), "Hike", "DistanceWalkingRunning"),
    _Kind("Cycling", 0.2, (10, 60), (1.8, 3.5), "", "DistanceCycling"),
    _Kind("Swimming", 0.08, (0.5, 3), (18, 30), "", "DistanceSwimming"),
)


class Route(NamedTuple):
    """A route file's truth: the workout's UTC start and its points (lat, lon, seconds)."""

    start: datetime
    points: tuple[tuple[float, float, float], ...]


@dataclass(frozen=True)
class HealthTruth:
    """What a generated export holds, to check a reader against."""

    kinds: Mapping[str, int]  # workouts by kind ("running": 120, "cycling": 70, ...)
    kept_types: Mapping[str, int]  # runs, walks and hikes by canonical type ("Indoor Run"...)
    distance_m: float  # of the kept workouts
    duration_s: float
    first: tuple[tuple[datetime, float], ...]  # the first kept workouts: (UTC start, metres)
    records: int
    days: int
    route_files: Mapping[str, Route]  # "/workout-routes/route_....gpx" (only with route_paths)

    @property
    def kept(self) -> int:
        """How many workouts a reader keeps (runs, walks and hikes)."""
        return sum(self.kept_types.values())


def write_health_export(
    stream: BinaryIO,
    *,
    target_bytes: int,
    seed: int = 0,
    start: date = date(2016, 1, 1),
    route_paths: bool = False,
) -> HealthTruth:
    """Write an Apple-like ``export.xml`` of about ``target_bytes`` to a binary stream."""
    gen = _Generator(stream, np.random.default_rng(seed), route_paths)
    exported = start + timedelta(days=target_bytes // BYTES_PER_DAY + 1)
    gen.put(xml.head(exported))
    day = start
    while gen.written + gen.pending < target_bytes:
        gen.day(day)
        day += timedelta(days=1)
    for text in (*gen.workouts, *gen.summaries, "</HealthData>\n"):
        gen.put(text)
    gen.flush()
    return HealthTruth(
        dict(gen.kinds),
        dict(gen.kept),
        gen.distance,
        gen.duration,
        tuple(gen.first),
        gen.records,
        (day - start).days,
        dict(gen.routes),
    )


def write_health_zip(path, *, target_bytes: int, seed: int = 0) -> HealthTruth:
    """Write ``export.zip`` as the Health app does: export.xml, export_cda.xml, route files."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open(f"{FOLDER}/export.xml", "w", force_zip64=True) as member:
            truth = write_health_export(
                member, target_bytes=target_bytes, seed=seed, route_paths=True
            )
        cda = '<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"/>\n'
        archive.writestr(f"{FOLDER}/export_cda.xml", cda)
        for name, route in truth.route_files.items():
            archive.writestr(FOLDER + name, route_gpx(route))
    return truth


def route_gpx(route: Route) -> str:
    """A route file as the Health app writes it (GPX 1.1, one track, times in UTC)."""
    points = "".join(
        f'   <trkpt lon="{lon}" lat="{lat}"><ele>{20 + 10 * math.sin(s / 600):.2f}</ele>'
        f"<time>{(route.start + timedelta(seconds=s)).replace(tzinfo=UTC):%Y-%m-%dT%H:%M:%SZ}"
        "</time></trkpt>\n"
        for lat, lon, s in route.points
    )
    return xml.GPX.format(points=points)


class _Generator:
    def __init__(self, stream: BinaryIO, rng: np.random.Generator, route_paths: bool) -> None:
        self.stream, self.rng, self.route_paths = stream, rng, route_paths
        self.chunks: list[bytes] = []
        self.buffered = self.written = self.pending = self.records = 0
        # Workouts and summaries follow all the records, as in Apple's files.
        self.workouts: list[str] = []
        self.summaries: list[str] = []
        self.kinds: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()
        self.distance = self.duration = 0.0
        self.first: list[tuple[datetime, float]] = []
        self.routes: dict[str, Route] = {}

    def put(self, text: str) -> None:
        data = text.encode()
        self.chunks.append(data)
        self.buffered += len(data)
        self.written += len(data)
        if self.buffered >= FLUSH:
            self.flush()

    def flush(self) -> None:
        self.stream.write(b"".join(self.chunks))
        self.chunks, self.buffered = [], 0

    def day(self, day: date) -> None:
        """One day's records now; its workouts and summary kept for the end of the document."""
        # British time, but a yearly fortnight in New York: the zones of workouts vary.
        zone = "-0400" if 190 <= day.timetuple().tm_yday < 204 else _uk_zone(day)
        self.put(self._records(day, zone))
        for kind in KINDS:
            if self.rng.random() < kind.daily:
                self._defer(self.workouts, self._workout(kind, day, zone))
        moved, exercise, stood = self.rng.uniform(200, 900), *self.rng.integers((5, 6), (90, 16))
        self._defer(self.summaries, xml.SUMMARY.format(day, moved, exercise, stood))

    def _defer(self, texts: list[str], text: str) -> None:
        texts.append(text)
        self.pending += len(text)

    def _records(self, day: date, zone: str) -> str:
        rng, parts = self.rng, []
        fill = {"D": day.isoformat(), "Z": zone, "V": f"{day.year - 2013}.1"}
        n_heart, n_steps, n_distance = rng.integers((230, 180, 130), (280, 220, 170)).tolist()
        for template, n, longest, values in (
            (xml.HEART, n_heart, 0, (rng.integers(52, 165, n_heart), rng.integers(0, 3, n_heart))),
            (xml.STEPS, n_steps, 600, (rng.integers(8, 1400, n_steps),)),
            (xml.DISTANCE, n_distance, 600, (rng.uniform(0.005, 0.9, n_distance),)),
        ):
            filled = template.format(**fill)
            rows = zip(*_times(rng, n, longest), *(v.tolist() for v in values))
            parts.append("".join(map(filled.__mod__, rows)))
        self.records += n_heart + n_steps + n_distance
        return "".join(parts)

    def _workout(self, kind: _Kind, day: date, zone: str) -> str:
        rng = self.rng
        late = rng.random() < 0.04  # just after local midnight: the UTC date is the day before
        clock = int(rng.integers(300, 3000) if late else rng.integers(6 * 3600, 21 * 3600))
        begin = datetime.combine(day, time()) + timedelta(seconds=clock)
        km = rng.uniform(*kind.km)
        minutes = f"{km * rng.uniform(*kind.pace):.10g}"
        end = begin + timedelta(minutes=float(minutes))
        indoor = kind.name in ("Running", "Walking") and rng.random() < 0.15
        unit = "mi" if rng.random() < 0.1 else "km"
        energy = "kJ" if rng.random() < 0.1 else ("Cal" if day >= NEW_STYLE else "kcal")
        dist = f"{km / KM[unit]:.6g}"
        kcal = f"{km * rng.uniform(50, 80) / KCAL[energy]:.6g}"
        times = {"start": f"{begin:{xml.STAMP}} {zone}", "end": f"{end:{xml.STAMP}} {zone}"}
        body = []
        if not indoor and kind.name != "Swimming":
            climb = rng.uniform(5, 300)
            body.append(
                xml.CLIMB.format(
                    f"{climb:.1f} m" if rng.random() < 0.2 else f"{climb * 100:.0f} cm"
                )
            )
        fifth = float(minutes) / 5  # a segment event per fifth, as the watch's splits
        body += [
            xml.EVENT.format(begin + timedelta(minutes=i * fifth), zone, fifth) for i in range(5)
        ]
        if day >= NEW_STYLE:
            stats = (kind.distance, dist, unit), ("ActiveEnergyBurned", kcal, energy)
            body += [xml.SUM.format(*stat, **times) for stat in stats]
            heart = int(rng.integers(110, 150))
            body.append(xml.HEART_STAT.format(heart, heart - 30, heart + 25, **times))
        start_utc = begin - _offset(zone)
        if self.route_paths and not indoor and kind.kept:
            body.append(self._route(end, start_utc, km, float(minutes), times))
        if kind.kept:
            kept = f"Indoor {kind.kept}" if indoor else kind.kept
            self._keep(kept, start_utc, float(dist) * KM[unit] * 1000, float(minutes) * 60)
        self.kinds[kind.name.lower()] += 1
        version = f"{day.year - 2013}.1"
        return xml.WORKOUT.format(
            kind=kind.name,
            minutes=minutes,
            version=version,
            indoor=int(indoor),
            totals=xml.TOTALS.format(dist, unit, kcal, energy) if day < NEW_STYLE else "",
            source=xml.WATCH_NAME,
            device=xml.WATCH["device"].replace("{V}", version),
            body="".join(body),
            **times,
        )

    def _keep(self, kept: str, start: datetime, metres: float, seconds: float) -> None:
        self.kept[kept] += 1
        self.distance += metres
        self.duration += seconds
        if len(self.first) < 5:
            self.first.append((start, metres))

    def _route(self, end: datetime, start: datetime, km: float, minutes: float, times) -> str:
        # Named after the local end time, as the Health app does.
        path = f"/workout-routes/route_{end:%Y-%m-%d}_{end.hour % 12 or 12}.{end:%M%p}.gpx"
        path = path.lower()
        if path in self.routes:  # two workouts ending in the same minute: one route file
            return ""
        self.routes[path] = Route(start, _line(self.rng, km, minutes))
        return xml.ROUTE.format(source=xml.WATCH_NAME, path=path, **times)


def _line(rng: np.random.Generator, km: float, minutes: float) -> tuple:
    # A straight line near London, a point every 2 minutes (at most 30: the truth stays small).
    n = min(30, max(5, int(minutes // 2)))
    bearing = rng.uniform(0, 2 * math.pi)
    lat, lon = 51.5 + rng.uniform(-0.05, 0.05), -0.12 + rng.uniform(-0.1, 0.1)
    north = km / (n - 1) / 111.195 * math.cos(bearing)  # degrees per point
    east = km / (n - 1) / 111.195 * math.sin(bearing) / math.cos(math.radians(lat))
    step = minutes * 60 / (n - 1)
    return tuple(
        (round(lat + i * north, 6), round(lon + i * east, 6), round(i * step, 1)) for i in range(n)
    )


@cache
def _clock() -> tuple[str, ...]:
    return tuple(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86_400))


def _times(rng: np.random.Generator, n: int, longest: int) -> tuple[list[str], ...]:
    start = np.sort(rng.integers(0, 86_399 - longest, n))
    end = start + rng.integers(0, longest + 1, n)
    created = np.minimum(end + rng.integers(1, 400, n), 86_399)
    clock = _clock()
    return tuple([clock[t] for t in a.tolist()] for a in (created, start, end))


def _uk_zone(day: date) -> str:
    return "+0100" if 4 <= day.month <= 10 else "+0000"


def _offset(zone: str) -> timedelta:
    sign = -1 if zone[0] == "-" else 1
    return sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
