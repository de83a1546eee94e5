"""TCX activities: recognised from the XML, totals from the laps, damage refused."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from etl.errors import RefusedFile
from etl.formats import tcx
from etl.ingest.extract import RawFile
from etl.ingest.parse import parse

NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def activity(
    sport="Running",
    laps=((1500.0, 3010.5, 120), (1200.0, 2490.0, 100)),
    start="2023-09-14T17:05:00Z",
    hr=(140, 150, 160),
) -> str:
    """An activity with laps (seconds, metres, kcal) and a few track points with heart rate."""
    points = "".join(
        f"<Trackpoint><Time>{start}</Time><DistanceMeters>{i * 10}</DistanceMeters>"
        f"<HeartRateBpm><Value>{v}</Value></HeartRateBpm></Trackpoint>"
        for i, v in enumerate(hr)
    )
    lap_xml = "".join(
        f'<Lap StartTime="{start}"><TotalTimeSeconds>{t}</TotalTimeSeconds>'
        f"<DistanceMeters>{d}</DistanceMeters><Calories>{c}</Calories>"
        f"<Track>{points}</Track></Lap>"
        for t, d, c in laps
    )
    return (
        f'<?xml version="1.0"?><TrainingCenterDatabase xmlns="{NS}"><Activities>'
        f'<Activity Sport="{sport}"><Id>{start}</Id>{lap_xml}<Notes>tempo</Notes></Activity>'
        "</Activities></TrainingCenterDatabase>"
    )


def _parse(text):
    return parse(RawFile("a.tcx", text.encode()), max_bytes=10**7, today=date(2030, 1, 1))


def test_an_activity_becomes_a_workout_with_lap_totals():
    parsed = _parse(activity())
    row = parsed.shaped.frame.iloc[0]
    assert parsed.detected.name == "tcx"
    assert row["distance_m"] == pytest.approx(5500.5)
    assert row["duration_s"] == 2700
    assert row["calories_kcal"] == 220
    assert row["avg_heart_rate"] == 150.0
    assert row["started_at"] == datetime(2023, 9, 14, 17, 5)
    assert (row["activity_type"], row["notes"]) == ("Run", "tempo")


@pytest.mark.parametrize(
    ("sport", "activity_type"),
    [("Running", "Run"), ("Biking", "Bike Ride"), ("Other", "Other"), ("", "Other")],
)
def test_sports(sport, activity_type):
    assert _parse(activity(sport=sport)).shaped.frame.iloc[0]["activity_type"] == activity_type


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (activity()[:-120], "damaged or cut short"),
        (
            f'<TrainingCenterDatabase xmlns="{NS}"><Activities/></TrainingCenterDatabase>',
            "no activity",
        ),
    ],
    ids=["truncated", "empty"],
)
def test_damaged_files_are_refused(text, words):
    with pytest.raises(RefusedFile, match=words):
        _parse(text)


def test_tcx_is_recognised_by_content():
    assert tcx.looks_like(activity())
    assert not tcx.looks_like("<gpx></gpx>")


AX = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"


def positioned(sport: str, cadence: str) -> str:
    """Three positioned track points climbing 5 m then 3 m, with a cadence of each kind."""
    points = "".join(
        f"<Trackpoint><Time>2023-09-14T17:05:{s:02d}Z</Time><Position>"
        f"<LatitudeDegrees>{48 + i * 0.001}</LatitudeDegrees>"
        f"<LongitudeDegrees>2.35</LongitudeDegrees></Position>"
        f"<AltitudeMeters>{ele}</AltitudeMeters><HeartRateBpm><Value>{hr}</Value></HeartRateBpm>"
        f"{cadence}</Trackpoint>"
        for i, (s, ele, hr) in enumerate([(0, 100, 140), (10, 105, 170), (20, 102, 150)])
    )
    return activity(sport=sport).replace("<Track>", f"<Track>{points}", 1)


@pytest.mark.parametrize(
    ("sport", "cadence", "expected"),
    [
        (
            "Running",
            f'<Extensions><TPX xmlns="{AX}"><RunCadence>85</RunCadence></TPX></Extensions>',
            170.0,
        ),
        ("Biking", "<Cadence>90</Cadence>", 90.0),
        ("Running", "", None),
    ],
    ids=["run-strides-doubled", "bike-rpm", "none"],
)
def test_route_climb_peak_heart_rate_and_cadence(sport, cadence, expected):
    parsed = _parse(positioned(sport, cadence))
    row = parsed.shaped.frame.iloc[0]
    track = parsed.detected.tracks[1]
    assert len(track) == 3 and track.lat[0] == pytest.approx(48.0)
    assert list(track.seconds) == [0.0, 10.0, 20.0]
    assert row["elevation_gain_m"] == pytest.approx(5.0)
    assert row["max_heart_rate"] == 170
    if expected is None:
        assert math.isnan(row["avg_cadence_spm"])
    else:
        assert row["avg_cadence_spm"] == pytest.approx(expected)
