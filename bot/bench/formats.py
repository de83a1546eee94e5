"""``workouts bench formats``: a generated Apple Health export (1 GB by default) parsed and
ingested with its peak memory, a Strava export ZIP ingested, and the route charts timed.

Each memory figure is a child process's own peak RSS (a fresh interpreter that imports what an
ingest imports), so this process's generators and charts do not count against the parse.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

GIB = 1 << 30


@dataclass(frozen=True)
class ChildRun:
    """What one measured child process did: its seconds, rows and peak RSS (MB)."""

    seconds: float
    rows: int
    peak_rss_mb: float
    extra: dict


@dataclass(frozen=True)
class FormatsBench:
    """The figures of one ``bench formats`` run."""

    health_bytes: int
    health_generate_s: float
    health_workouts: int
    parse: ChildRun
    ingest: ChildRun
    strava_activities: int
    strava_zip_bytes: int
    strava: ChildRun
    map_chart_s: float
    heatmap_chart_s: float
    best_efforts: BestEffortsBench | None = None


@dataclass(frozen=True)
class BestEffortsBench:
    """Best efforts searched in generated one-hour tracks of a point a second."""

    tracks: int
    points: int
    search_s: float  # distances from coordinates, then the six distances' windows
    unpack_search_s: float  # the same from packed bytes, as the lazy backfill does it


def run_formats_bench(*, health_bytes: int = GIB, activities: int = 300) -> FormatsBench:
    """Generate the exports in a temporary folder, measure, and clean up."""
    from etl.demo.apple_health.export import write_health_export

    with tempfile.TemporaryDirectory(prefix="workouts-bench-formats-") as tmp:
        folder = Path(tmp)
        xml = folder / "export.xml"
        started = time.perf_counter()
        with xml.open("wb") as stream:
            truth = write_health_export(stream, target_bytes=health_bytes, seed=0)
        generated = time.perf_counter() - started
        parse = _child("parse", xml, folder)
        ingest = _child("ingest", xml, folder)
        strava_zip = folder / "export_strava.zip"
        strava_zip.write_bytes(_strava_export(activities))
        strava = _child("ingest", strava_zip, folder)
        map_s, heat_s = _chart_timings()
        efforts = run_best_efforts_bench()
        return FormatsBench(
            xml.stat().st_size,
            generated,
            truth.kept,
            parse,
            ingest,
            activities,
            strava_zip.stat().st_size,
            strava,
            map_s,
            heat_s,
            efforts,
        )


def render_formats_bench(result: FormatsBench) -> str:
    """The figures as the README's table shows them."""
    mb = result.health_bytes / (1 << 20)
    return "\n".join(
        [
            f"formats benchmark: Apple Health export.xml of {mb:,.0f} MB "
            f"({result.health_workouts:,} runs, walks and hikes)",
            f"  generate                 {result.health_generate_s:8.1f} s",
            f"  parse (stream)           {result.parse.seconds:8.1f} s  "
            f"({mb / max(result.parse.seconds, 1e-9):,.0f} MB/s, "
            f"{result.parse.rows:,} workouts)  peak RSS {result.parse.peak_rss_mb:,.0f} MB",
            f"  ingest into SQLite       {result.ingest.seconds:8.1f} s  "
            f"({result.ingest.rows:,} new)  peak RSS {result.ingest.peak_rss_mb:,.0f} MB",
            f"Strava export ZIP: {result.strava_activities:,} activities with 1 s tracks, "
            f"{result.strava_zip_bytes / (1 << 20):,.1f} MB",
            f"  ingest into SQLite       {result.strava.seconds:8.1f} s  "
            f"({result.strava.rows:,} new, {result.strava.extra.get('merged', 0):,} files merged, "
            f"{result.strava.extra.get('tracks', 0):,} routes)  "
            f"peak RSS {result.strava.peak_rss_mb:,.0f} MB",
            f"route charts: map of 10,000 points {result.map_chart_s * 1000:6.0f} ms; "
            f"heatmap of 300 x 2,000 points {result.heatmap_chart_s * 1000:6.0f} ms",
            *([render_best_efforts_bench(result.best_efforts)] if result.best_efforts else []),
        ]
    )


def run_best_efforts_bench(*, tracks: int = 1000, seconds: int = 3600) -> BestEffortsBench:
    """Time the best-effort search over ``tracks`` generated runs of ``seconds`` points each
    (budget: under 10 s for 1,000 one-hour tracks)."""
    from etl.best_efforts import best_efforts_of_track
    from etl.formats.base import Track
    from etl.tracks import pack, unpack

    rng = np.random.default_rng(11)
    made = []
    for _ in range(tracks):
        speed = rng.uniform(2.5, 4.0) + rng.normal(0, 0.3, seconds).cumsum() * 0.01
        heading = rng.uniform(0, 2 * np.pi) + rng.normal(0, 0.05, seconds).cumsum()
        north = np.cumsum(np.abs(speed) * np.cos(heading))
        east = np.cumsum(np.abs(speed) * np.sin(heading))
        lat = 51.5 + np.degrees(north / 6_371_008.8)
        lon = -0.12 + np.degrees(east / (6_371_008.8 * np.cos(np.radians(51.5))))
        made.append(Track.of(lat, lon, None, np.arange(seconds, dtype=float)))
    started = time.perf_counter()
    for track in made:
        best_efforts_of_track(track)
    search_s = time.perf_counter() - started
    packed = [pack(t) for t in made]
    started = time.perf_counter()
    for data in packed:
        best_efforts_of_track(unpack(data))
    return BestEffortsBench(tracks, seconds, search_s, time.perf_counter() - started)


def render_best_efforts_bench(result: BestEffortsBench) -> str:
    """One line: the search's time over the generated tracks."""
    return (
        f"best efforts: {result.tracks:,} tracks of {result.points:,} points "
        f"{result.search_s:6.2f} s; from packed bytes {result.unpack_search_s:6.2f} s"
    )


def _child(mode: str, path: Path, folder: Path) -> ChildRun:
    command = [sys.executable, "-m", "bot.bench.formats", mode, str(path), str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench child {mode} failed: {done.stderr.strip()[-500:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return ChildRun(found.pop("seconds"), found.pop("rows"), found.pop("peak_rss_mb"), found)


def _strava_export(activities: int) -> bytes:
    from etl.demo.strava.bulk_export import Activity, strava_export_zip

    rng = np.random.default_rng(7)
    start = datetime(2021, 1, 1, 7, 0, tzinfo=UTC)
    kinds = [("Run", "gpx"), ("Walk", "gpx"), ("Run", "fit"), ("Run", "tcx")]
    items = []
    for n in range(activities):
        kind, file = kinds[n % len(kinds)]
        metres = float(rng.uniform(5000, 12000) if kind == "Run" else rng.uniform(1500, 4000))
        pace = float(rng.uniform(300, 380) if kind == "Run" else rng.uniform(600, 760))
        items.append(Activity(10_000 + n, start + timedelta(days=n), kind, metres, pace, file))
    return strava_export_zip(items, interval_s=1.0)


def _chart_timings() -> tuple[float, float]:
    from analytics.charts.routes import route_map, routes_heatmap

    def loop(n: int, seed: int, shift: float = 0.0) -> pd.DataFrame:
        angle = np.linspace(0, 2 * np.pi, n)
        wobble = np.random.default_rng(seed).normal(0, 2e-5, n)
        return pd.DataFrame(
            {
                "lat": 51.5 + 0.01 * np.sin(angle) + wobble + shift,
                "lon": -0.12 + 0.016 * np.cos(angle) + wobble,
                "seconds": np.arange(n, dtype=float),
            }
        )

    route_map(loop(500, 0), title="warm-up")  # the first chart of a process loads fonts
    started = time.perf_counter()
    route_map(loop(10_000, 1), title="Route")
    map_s = time.perf_counter() - started
    routes = [loop(2000, s, shift=(s % 7) * 0.002) for s in range(300)]
    started = time.perf_counter()
    routes_heatmap(routes, title="Routes")
    return map_s, time.perf_counter() - started


def _main(mode: str, path: str, folder: str) -> None:
    """A child run: parse or ingest ``path``, then print one JSON line with the figures."""
    from bot.bench.measure import peak_rss_mb
    from etl.db.engine import open_store
    from etl.formats.apple_health.reader import read_stream
    from etl.ingest.parse import shape
    from etl.ingest.pipeline import ingest_path

    started = time.perf_counter()
    extra = {}
    if mode == "parse":
        with open(path, "rb") as stream:
            detected = read_stream(stream, file_name=Path(path).name)
        rows = len(shape(detected, [], name=path, today=date(2200, 1, 1)).shaped.frame)
    else:
        engine = open_store(f"sqlite:///{Path(folder) / (Path(path).stem + '.db')}")
        started = time.perf_counter()
        report = ingest_path(engine, path, owner_key="local:bench", max_bytes=200 << 20)
        rows, extra = report.new, {"merged": report.merged, "tracks": report.tracks}
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_rss_mb": peak_rss_mb(), **extra}))


if __name__ == "__main__":
    _main(*sys.argv[1:4])
