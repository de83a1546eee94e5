"""Whole generated exports for tests, demos and benchmarks: a Strava bulk export ZIP.

Strava's export holds ``activities.csv`` (one row per activity; its ``Filename`` column names the
activity's own file) and the ``activities/`` folder of GPX, TCX and FIT files, most gzipped, next
to files that are not workout data (profile, media). Each activity here gets a synthetic route
(see :mod:`etl.demo.routes`), so the CSV's numbers and the file's track agree as they do in a real
export.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd

from etl.demo.fit import fit_activity
from etl.demo.gpx import gpx_text
from etl.demo.routes import RoutePoint, Surge, path_lengths, synthetic_route
from etl.demo.tcx import tcx_text

HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Relative Effort",
    "Commute",
    "Activity Private Note",
    "Activity Gear",
    "Filename",
    "Athlete Weight",
    "Bike Weight",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Max Speed",
    "Average Speed",
    "Elevation Gain",
    "Max Heart Rate",
    "Average Heart Rate",
    "Calories",
]
STRAVA_TYPES = {"Run": "running", "Walk": "walking", "Hike": "hiking", "Ride": "cycling"}


@dataclass(frozen=True)
class Activity:
    """One activity of a generated export; ``file`` is "gpx", "tcx", "fit" or None (manual)."""

    ident: int
    start: datetime  # aware UTC
    kind: str  # Strava's type: Run, Walk, Hike, Ride
    distance_m: float
    pace_s_per_km: float
    file: str | None = "gpx"
    gzipped: bool = True
    damaged: bool = False  # the file is cut short, as a failed download leaves it
    surge: Surge | None = None  # a stretch run faster: the route's planted best effort


def strava_export_zip(
    activities: list[Activity], *, seed: int = 0, interval_s: float = 5.0
) -> bytes:
    """The bytes of a Strava bulk export ZIP holding ``activities`` (a point every
    ``interval_s`` seconds on their routes)."""
    buffer = io.BytesIO()
    rows = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, activity in enumerate(activities):
            route = synthetic_route(
                seed=seed + n,
                distance_m=activity.distance_m,
                pace_s_per_km=activity.pace_s_per_km,
                start=activity.start,
                interval_s=interval_s,
                surge=activity.surge,
            )
            name = _file_name(activity)
            if name:
                zf.writestr(name, _file_bytes(activity, route))
            rows.append(_row(activity, route, name))
        zf.writestr("activities.csv", _csv(rows))
        zf.writestr("profile.csv", "Athlete ID,Email Address,First Name\n1,a@example.com,Al\n")
        zf.writestr("media/photo.jpg", b"\xff\xd8\xff\xe0 not really a photo")
    return buffer.getvalue()


def _file_name(activity: Activity) -> str:
    if activity.file is None:
        return ""
    return f"activities/{activity.ident}.{activity.file}" + (".gz" if activity.gzipped else "")


def _file_bytes(activity: Activity, route: list[RoutePoint]) -> bytes:
    kind = STRAVA_TYPES.get(activity.kind, "running")
    if activity.file == "gpx":
        data = gpx_text(route, name=f"{activity.kind} {activity.ident}", kind=kind).encode()
    elif activity.file == "tcx":
        data = tcx_text(route, sport="Running" if kind == "running" else "Other").encode()
    else:
        points = [
            (p.lat, p.lon, p.ele, (p.time - activity.start).total_seconds(), p.hr, 170.0)
            for p in route
        ]
        data = fit_activity(start=activity.start, points=points, sport=kind)
    if activity.damaged:
        data = data[: len(data) // 2]
    return gzip.compress(data, mtime=0) if activity.gzipped else data


def _row(activity: Activity, route: list[RoutePoint], file_name: str) -> list[str]:
    metres = float(path_lengths([p.lat for p in route], [p.lon for p in route]).sum())
    seconds = (route[-1].time - route[0].time).total_seconds()
    climb = sum(max(0.0, b.ele - a.ele) for a, b in itertools.pairwise(route))
    heart = [p.hr for p in route if p.hr]
    avg_hr = f"{sum(heart) / len(heart):.1f}" if heart else ""
    max_hr = f"{max(heart):.0f}" if heart else ""
    when = activity.start.strftime("%b %d, %Y, %I:%M:%S %p").replace(" 0", " ")
    return [
        str(activity.ident),
        when,
        f"{activity.kind} {activity.ident}",
        activity.kind,
        "",
        f"{seconds:.0f}",
        f"{metres / 1000:.2f}",
        max_hr,
        "",
        "false",
        "",
        "",
        file_name,
        "",
        "",
        f"{seconds:.1f}",
        f"{seconds:.1f}",
        f"{metres:.1f}",
        "",
        f"{metres / seconds:.3f}",
        f"{climb:.1f}",
        max_hr,
        avg_hr,
        "",
    ]


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def strava_companion(truth: pd.DataFrame, *, days: int = 120, seed: int = 0) -> bytes:
    """A Strava export of the last ``days`` of a demo history (its truth frame), as if the
    person had recorded those workouts with Strava too: each day with one foot workout becomes
    an activity with a route, so importing it merges with the MapMyRun rows and adds routes.
    Runs of :data:`PLANTED_FROM_M` or more hold a planted fastest 5 km (see
    :func:`companion_activities`).
    """
    return strava_export_zip(companion_activities(truth, days=days), seed=seed)


# Runs at least this long get a 5 km surge, from :data:`PLANTED_START_M`, at
# :data:`PLANTED_SHARE` of their pace (whole seconds per km): their known best 5 km.
PLANTED_FROM_M = 8000.0
PLANTED_START_M = 1500.0
PLANTED_SHARE = 0.9


def companion_activities(truth: pd.DataFrame, *, days: int = 120) -> list[Activity]:
    """The activities of :func:`strava_companion`; each with a ``surge`` has a known best 5 km
    (``surge.seconds``), the truth a best-effort search must find through the real ingest."""
    last = truth["workout_date"].max()
    recent = truth[truth["workout_date"] > last - timedelta(days=days)]
    foot = recent[recent["activity_type"].str.contains("Run|Walk|Hike", case=False, regex=True)]
    single = foot[~foot["workout_date"].duplicated(keep=False)]
    single = single[(single["distance_mi"] > 0.3) & (single["duration_s"] > 300)]
    activities = []
    for n, row in enumerate(single.itertuples(index=False)):
        metres = float(row.distance_mi) * 1609.344
        day = datetime.combine(row.workout_date, datetime.min.time(), tzinfo=UTC)
        kind = "Walk" if "walk" in row.activity_type.lower() else "Run"
        pace = float(row.duration_s) / (metres / 1000)
        file = ("gpx", "tcx", "gpx", "fit")[n % 4]
        surge = None
        if kind == "Run" and metres >= PLANTED_FROM_M:
            surge = Surge(PLANTED_START_M, 5000.0, float(round(pace * PLANTED_SHARE)))
        activities.append(
            Activity(8_000_000 + n, day.replace(hour=7), kind, metres, pace, file, surge=surge)
        )
    return activities
