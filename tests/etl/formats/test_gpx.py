"""GPX tracks: recognised from the XML, numbers computed from the points, damage refused."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from etl.db.engine import open_store
from etl.errors import RefusedFile
from etl.formats import gpx
from etl.ingest.extract import RawFile
from etl.ingest.parse import parse
from etl.ingest.pipeline import ingest_file

START = datetime(2024, 5, 3, 6, 30, tzinfo=UTC)
METRES_PER_DEGREE_LAT = 2 * math.pi * gpx.EARTH_RADIUS_M / 360


def track(
    n: int = 61,
    *,
    step_m: float = 50.0,
    seconds: int = 20,
    kind: str | None = "running",
    hr: int | None = 150,
    name: str = "Morning Run",
    climb_every: int = 0,
) -> str:
    """A straight north-bound track: ``n`` points ``step_m`` apart, ``seconds`` apart."""
    points = []
    for i in range(n):
        lat = 48.0 + i * step_m / METRES_PER_DEGREE_LAT
        ele = 100 + (i if climb_every and i % climb_every == 0 else 0)
        when = (START + timedelta(seconds=i * seconds)).isoformat().replace("+00:00", "Z")
        extra = (
            (
                f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>"
                f"</gpxtpx:TrackPointExtension></extensions>"
            )
            if hr
            else ""
        )
        points.append(
            f'<trkpt lat="{lat:.7f}" lon="2.3500000"><ele>{ele}</ele>'
            f"<time>{when}</time>{extra}</trkpt>"
        )
    kind_tag = f"<type>{kind}</type>" if kind else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><name>{name}</name>{kind_tag}<trkseg>{''.join(points)}</trkseg></trk></gpx>"
    )


def _frame(text: str):
    return parse(
        RawFile("a.gpx", text.encode()), max_bytes=10**7, today=datetime(2030, 1, 1).date()
    )


def test_a_track_becomes_one_workout_with_its_numbers():
    parsed = _frame(track())
    row = parsed.shaped.frame.iloc[0]
    assert parsed.detected.name == "gpx" and parsed.rows_read == 1
    assert row["distance_m"] == pytest.approx(60 * 50.0, rel=1e-3)
    assert row["duration_s"] == 60 * 20
    assert row["avg_pace_s_per_km"] == pytest.approx(1200 / 3.0, rel=1e-3)
    assert str(row["workout_date"]) == "2024-05-03"
    assert row["started_at"] == datetime(2024, 5, 3, 6, 30)
    assert (row["activity_type"], row["category"], row["avg_heart_rate"]) == ("Run", "run", 150.0)
    assert row["notes"] == "Morning Run"
    assert parsed.warnings == () and parsed.detected.notes == ()


@pytest.mark.parametrize(
    ("kind", "activity", "noted"),
    [
        ("running", "Run", False),
        ("walking", "Walk", False),
        ("hiking", "Hike", False),
        ("cycling", "Bike Ride", False),
        ("9", "Run", False),
        (None, "Run", True),
    ],
)
def test_activity_types(kind, activity, noted):
    parsed = _frame(track(kind=kind))
    assert parsed.shaped.frame.iloc[0]["activity_type"] == activity
    assert bool(parsed.detected.notes) is noted


def test_moving_time_and_climb_are_stored():
    text = track(n=11, climb_every=2)
    row = _frame(text).shaped.frame.iloc[0]
    assert row["moving_time_s"] == 200
    assert row["elevation_gain_m"] > 0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (track()[:-300], "damaged or cut short"),
        (track(n=1), "no track with timed points"),
        ('<?xml version="1.0"?><gpx><trk><trkseg></trkseg></trk></gpx>', "no track"),
    ],
    ids=["truncated", "one-point", "empty"],
)
def test_damaged_files_are_refused_with_the_reason(text, words):
    with pytest.raises(RefusedFile, match=words):
        _frame(text)


def test_gpx_is_recognised_by_content_not_name():
    assert gpx.looks_like(track())
    assert not gpx.looks_like("Workout Date,Activity Type\n")


def test_a_gpx_upload_is_stored_once(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    raw = RawFile("morning.gpx", track().encode())
    first = ingest_file(store, raw, owner_key="local:gina", max_bytes=10**7)
    again = ingest_file(store, raw, owner_key="local:gina", max_bytes=10**7)
    assert (first.format, first.new) == ("GPX track", 1)
    assert (again.new, again.already_present) == (0, 1)
