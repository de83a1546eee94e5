"""``workouts bench formats``: a generated Apple Health export (1 GB by default) parsed and
ingested with its peak memory, a Strava export ZIP ingested, an archive of 2,000 FIT and GPX
files ingested by one process and by the decoding pool (budget: under 2 minutes on 2 cores),
and the route charts timed.

Each memory figure is a child process's own peak RSS (a fresh interpreter that imports what an
ingest imports), so this process's generators and charts do not count against the parse.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

GIB = 1 << 30
ARCHIVE_FILES = 2000
ARCHIVE_BUDGET_S = 120.0  # issue 20: a 2,000-file export ingested in under 2 minutes on 2 cores


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
    archive: ArchiveBench | None = None


@dataclass(frozen=True)
class ArchiveBench:
    """A Strava-style export of FIT and GPX files (30 to 90 minutes of 1 s points each)
    ingested by one process and by the decoding pool."""

    files: int
    zip_bytes: int
    generate_s: float
    cores: int
    alone: ChildRun
    pooled: ChildRun


@dataclass(frozen=True)
class BestEffortsBench:
    """Best efforts searched in generated one-hour tracks of a point a second."""

    tracks: int
    points: int
    search_s: float  # distances from coordinates, then the six distances' windows
    unpack_search_s: float  # the same from packed bytes, as the lazy backfill does it


def run_formats_bench(
    *, health_bytes: int = GIB, activities: int = 300, archive_files: int = ARCHIVE_FILES
) -> FormatsBench:
    """Generate the exports in a temporary folder, measure, and clean up (``archive_files``:
    0 skips the FIT/GPX archive)."""
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
        archive = run_archive_bench(folder, files=archive_files) if archive_files else None
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
            archive,
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
            *([render_archive_bench(result.archive)] if result.archive else []),
        ]
    )


def run_archive_bench(folder: Path, *, files: int = ARCHIVE_FILES) -> ArchiveBench:
    """Generate a FIT/GPX export of ``files`` activities in ``folder`` and ingest it twice, each
    time into a new SQLite store by a fresh process: decoding in that process alone, then
    with the pool as the CLI and the bot decide it."""
    path = folder / "export_tracks.zip"
    started = time.perf_counter()
    path.write_bytes(_track_archive(files))
    generated = time.perf_counter() - started
    alone = _child("ingest", path, folder, workers=1)
    pooled = _child("ingest", path, folder, workers=0)
    return ArchiveBench(files, path.stat().st_size, generated, _cores(), alone, pooled)


def render_archive_bench(result: ArchiveBench) -> str:
    """The archive's lines: its size, both ingests, and the budget's verdict."""
    verdict = "ok" if result.pooled.seconds < ARCHIVE_BUDGET_S else "OVER"
    workers = result.pooled.extra.get("workers", 0)

    def line(label: str, run: ChildRun) -> str:
        return (
            f"  {label:<24} {run.seconds:8.1f} s  ({run.rows:,} new, "
            f"{run.extra.get('tracks', 0):,} routes, {run.extra.get('refused', 0):,} refused)  "
            f"peak RSS {run.peak_rss_mb:,.0f} MB"
        )

    return "\n".join(
        [
            f"FIT/GPX archive: {result.files:,} activity files (half FIT, half GPX, 30-90 min of "
            f"1 s points), {result.zip_bytes / (1 << 20):,.1f} MB, "
            f"generated in {result.generate_s:.0f} s",
            line("ingest, one process", result.alone),
            line(f"ingest, {workers} decoding workers", result.pooled)
            + f"  budget < {ARCHIVE_BUDGET_S:.0f} s on 2 cores ({result.cores} here): {verdict}",
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


def _child(mode: str, path: Path, folder: Path, *, workers: int | None = None) -> ChildRun:
    """Run ``mode`` on ``path`` in a fresh process (``workers``: decoding processes for an
    ingest, 0 to let the ingest decide)."""
    command = [sys.executable, "-m", "bot.bench.formats", mode, str(path), str(folder)]
    command += [] if workers is None else [str(workers)]
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


def _track_archive(files: int, *, chunk: int = 50) -> bytes:
    """A Strava export ZIP of ``files`` activities, two GPX then two FIT files in turn, each 30
    to 90 minutes of 1 s points; generated in chunks of ``chunk`` on every core, then joined."""
    from etl.demo.strava.bulk_export import Activity

    rng = np.random.default_rng(20)
    start = datetime(2019, 1, 1, 7, 0, tzinfo=UTC)
    kinds = [("Run", "gpx"), ("Walk", "gpx"), ("Run", "fit"), ("Walk", "fit")]
    items = []
    for n in range(files):
        kind, file = kinds[n % len(kinds)]
        minutes = float(rng.uniform(30, 90))
        pace = float(rng.uniform(300, 380) if kind == "Run" else rng.uniform(600, 760))
        metres = minutes * 60 / pace * 1000
        items.append(Activity(20_000 + n, start + timedelta(days=n), kind, metres, pace, file))
    chunks = [(items[i : i + chunk], i) for i in range(0, len(items), chunk)]
    with ProcessPoolExecutor(_cores()) as pool:
        parts = list(pool.map(_export_chunk, *zip(*chunks, strict=True)))
    buffer = io.BytesIO()
    rows = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for part in parts:
            with zipfile.ZipFile(io.BytesIO(part)) as zf:
                for info in zf.infolist():
                    if info.filename.startswith("activities/"):
                        out.writestr(info, zf.read(info))
                header, _, body = zf.read("activities.csv").decode().partition("\n")
                rows.append(body)
        out.writestr("activities.csv", header + "\n" + "".join(rows))
    return buffer.getvalue()


def _export_chunk(items: list, seed: int) -> bytes:
    from etl.demo.strava.bulk_export import strava_export_zip

    return strava_export_zip(items, seed=seed, interval_s=1.0)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


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


def _main(mode: str, path: str, folder: str, workers: str = "") -> None:
    """A child run: parse or ingest ``path`` (``workers``: decoding processes, 0 or empty: the
    ingest decides), then print one JSON line with the figures."""
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
        engine = open_store(f"sqlite:///{Path(folder) / (Path(path).stem + workers + '.db')}")
        options = {"decode_workers": int(workers)} if workers not in ("", "0") else {}
        started = time.perf_counter()
        report = ingest_path(engine, path, owner_key="local:bench", max_bytes=200 << 20, **options)
        rows, extra = report.new, {"merged": report.merged, "tracks": report.tracks}
        extra |= {"refused": len(report.refused_files), "workers": _workers(path, workers)}
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rows": rows, "peak_rss_mb": peak_rss_mb(), **extra}))


def _workers(path: str, workers: str) -> int:
    """The decoding processes an ingest of ``path`` used (asked for, or as the ingest chose)."""
    from etl.ingest.archive.decoding import workers_wanted

    if workers not in ("", "0"):
        return int(workers)
    if not zipfile.is_zipfile(path):
        return 1
    with zipfile.ZipFile(path) as zf:
        return workers_wanted(None, len(zf.infolist()))


if __name__ == "__main__":
    _main(*sys.argv[1:5])
