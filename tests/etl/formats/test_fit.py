"""FIT activities: generated files read into canonical rows and routes, damage refused by name."""

from __future__ import annotations

import contextlib
import itertools
import math
import struct
from datetime import UTC, datetime

import numpy as np
import pytest
from fitdecode.utils import compute_crc

from etl.demo.fit import fit_activity, fit_crc
from etl.errors import RefusedFile
from etl.formats import fit
from etl.formats.base import Detected

START = datetime(2024, 5, 3, 6, 30, tzinfo=UTC)
STEP_M = 6_371_008.8 * math.radians(1e-4)  # 1e-4 degrees of latitude


def route(n=31, *, positioned=True, cadence=(170, 171)) -> list[tuple]:
    """Points 10 s apart heading north-east, climbing and dipping, heart rate rising."""
    return [
        (
            45.5 + i * 1e-4 if positioned else None,
            -73.6 + i * 5e-5 if positioned else None,
            30.0 + 2 * (i % 4) if positioned else None,
            10.0 * i,
            130 + i,
            cadence[i % len(cadence)],
        )
        for i in range(n)
    ]


def read(data: bytes) -> Detected:
    return fit.read_bytes(data, file_name="a.fit")


def first_row(data: bytes):
    return read(data).frame.iloc[0]


def reframed(body: bytes) -> bytes:
    """A FIT file around ``body`` with a correct header and checksum."""
    head = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    data = head + struct.pack("<H", fit_crc(head)) + body
    return data + struct.pack("<H", fit_crc(data))


def test_an_outdoor_run_becomes_a_workout_with_the_device_totals():
    points = route()
    detected = read(fit_activity(start=START, points=points, total_distance_m=1234.5, calories=321))
    row = detected.frame.iloc[0]
    climbs = sum(max(0.0, b[2] - a[2]) for a, b in itertools.pairwise(points))
    assert (detected.name, detected.unit, detected.notes) == ("fit", "km", ())
    assert row[["workout_date", "started_at", "activity_type"]].tolist() == [
        "2024-05-03",
        "2024-05-03T06:30:00",
        "Run",
    ]
    assert row[["distance", "duration", "moving_time", "calories"]].tolist() == [
        "1234.5",
        "300",
        "300",
        "321",
    ]
    assert float(row["elevation_gain"]) == pytest.approx(climbs, abs=0.5)
    assert (row["avg_hr"], row["max_hr"]) == ("145", "160")
    assert float(row["avg_cadence"]) == pytest.approx(np.mean([p[5] for p in points]), abs=0.05)
    assert (row["source_app"], row["type_assumed"], row["line"]) == ("FIT (garmin fr945)", "", 1)


def test_the_route_keeps_positions_elevations_and_seconds():
    points = route()
    track = read(fit_activity(start=START, points=points)).tracks[1]
    assert len(track) == len(points)
    for index in (0, -1):
        assert track.lat[index] == pytest.approx(points[index][0], abs=1e-6)
        assert track.lon[index] == pytest.approx(points[index][1], abs=1e-6)
    assert track.ele == pytest.approx([p[2] for p in points], abs=0.2)
    assert track.seconds.tolist() == [p[3] for p in points]


def test_the_source_id_survives_a_re_export():
    first = first_row(fit_activity(start=START, points=route(), calories=300))
    again = first_row(fit_activity(start=START, points=route(), calories=300))
    edited = first_row(fit_activity(start=START, points=route(25), calories=280))
    other_watch = first_row(fit_activity(start=START, points=route(), serial=42))
    assert first["source_id"] == again["source_id"] == edited["source_id"]
    assert first["source_id"] == f"fit-3900000001-{int(START.timestamp())}"
    assert other_watch["source_id"] != first["source_id"]


def test_a_treadmill_run_has_the_device_distance_and_no_route():
    data = fit_activity(
        start=START,
        points=route(positioned=False),
        sub_sport="treadmill",
        total_distance_m=8000.0,
    )
    detected = read(data)
    row = detected.frame.iloc[0]
    assert (row["activity_type"], row["distance"], row["duration"]) == (
        "Treadmill Run",
        "8000.0",
        "300",
    )
    assert dict(detected.tracks) == {}


@pytest.mark.parametrize(
    ("sport", "sub_sport", "cadence", "activity_type", "spm"),
    [
        ("running", "street", 172, "Run", "172.0"),
        ("walking", None, 115, "Walk", "115.0"),
        ("hiking", None, 101, "Hike", "101.0"),
        ("cycling", "road", 85, "Bike Ride", "85.0"),  # crank turns, not doubled
        ("swimming", None, None, "Swimming", ""),
        ("fitness_equipment", None, None, "Fitness Equipment", ""),
    ],
)
def test_sports_and_their_cadence(sport, sub_sport, cadence, activity_type, spm):
    data = fit_activity(
        start=START, points=route(cadence=(cadence,)), sport=sport, sub_sport=sub_sport
    )
    row = first_row(data)
    assert (row["activity_type"], row["avg_cadence"], row["type_assumed"]) == (
        activity_type,
        spm,
        "",
    )


def test_a_session_without_sport_is_taken_as_a_run():
    detected = read(fit_activity(start=START, points=route(), sport=None))
    row = detected.frame.iloc[0]
    assert (row["activity_type"], row["type_assumed"]) == ("Run", "1")
    assert any("no sport" in note for note in detected.notes)


def test_each_session_of_a_multisport_file_is_a_workout_with_its_own_route():
    points = route(30)
    detected = read(fit_activity(start=START, points=points, sessions=2, total_distance_m=4000))
    frame = detected.frame
    assert frame["line"].tolist() == [1, 2]
    assert frame["started_at"].tolist() == ["2024-05-03T06:30:00", "2024-05-03T06:32:30"]
    assert frame["source_id"].str[-2:].tolist() == ["-1", "-2"]
    assert float(frame["distance"].astype(float).sum()) == pytest.approx(4000, abs=0.2)
    assert sorted(detected.tracks) == [1, 2]
    for line, half in ((1, points[:15]), (2, points[15:])):
        track = detected.tracks[line]
        assert len(track) == 15
        assert track.lat[0] == pytest.approx(half[0][0], abs=1e-6)
        assert track.seconds[0] == 0 and track.seconds[-1] == 140


@pytest.mark.parametrize("gap", [None, 12], ids=["record-distance", "track-haversine"])
def test_without_a_session_distance_the_records_measure_it(gap):
    # Due north, 1e-4 degrees a step; a point without position leaves the records without
    # distance (the encoder cannot measure it), so the route's great circles give it.
    points = [
        (None if i == gap else 45.5 + i * 1e-4, -73.6, 30.0, 10.0 * i, 140, 170) for i in range(31)
    ]
    detected = read(fit_activity(start=START, points=points))
    assert float(detected.frame.iloc[0]["distance"]) == pytest.approx(30 * STEP_M, abs=0.5)
    assert len(detected.tracks[1]) == (31 if gap is None else 30)


def test_records_without_a_session_still_make_a_workout():
    detected = read(fit_activity(start=START, points=route(), sessions=0))
    row = detected.frame.iloc[0]
    assert row[["started_at", "duration", "avg_hr", "max_hr"]].tolist() == [
        "2024-05-03T06:30:00",
        "300",
        "145",
        "160",
    ]
    assert (row["activity_type"], row["type_assumed"], len(detected.tracks[1])) == ("Run", "1", 31)


GOOD = fit_activity(start=START, points=route(), total_distance_m=1234.5)
BODY = GOOD[14:-2]


def _flip(data: bytes, offset: int) -> bytes:
    return data[:offset] + bytes([data[offset] ^ 0x5A]) + data[offset + 1 :]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_flip(GOOD, len(GOOD) - 1), "damaged (checksum mismatch)"),
        (_flip(GOOD, len(GOOD) // 2), "damaged (checksum mismatch)"),
        (_flip(GOOD, 3), "damaged (checksum mismatch)"),  # inside the header
        (GOOD[:8] + b".FTT" + GOOD[12:], "not a FIT file"),
        (GOOD[:10], "not a FIT file"),
        (GOOD[:13], "cut short"),
        (GOOD[:14], "cut short"),  # header only
        (GOOD[: 14 + 4], "cut short"),  # inside the first definition
        (GOOD[: 14 + 65 + 10], "cut short"),  # inside the first record
        (GOOD[:-1], "cut short"),  # inside the checksum
        (reframed(BODY[:-7]), "runs past the end"),  # the last message overruns the data
        (GOOD + GOOD[:30], "cut short"),  # a chained second file
        (GOOD + b"\0\0", "unexpected bytes after its end"),
        (reframed(b"\x03" + BODY), "damaged"),  # data for an undefined message
        (fit_activity(start=START, points=(), sessions=0), "no session and no timed points"),
    ],
    ids=[
        "file-crc",
        "body-byte",
        "header-crc",
        "signature",
        "tiny",
        "short-header",
        "header-only",
        "mid-definition",
        "mid-record",
        "mid-crc",
        "overrun",
        "chained-cut-short",
        "trailing-bytes",
        "undefined-message",
        "empty",
    ],
)
def test_damaged_files_are_refused_with_the_reason(data, words):
    with pytest.raises(RefusedFile, match=words.replace("(", r"\(").replace(")", r"\)")) as caught:
        read(data)
    assert caught.value.hint == "Export the activity again."


@pytest.mark.parametrize(
    ("file_type", "words"),
    [
        ("course", "a course, not a recorded activity"),
        ("workout", "a workout, not a recorded activity"),
        ("settings", "a settings, not a recorded activity"),
        ("activity_summary", "an activity summary, not a recorded activity"),
    ],
)
def test_fit_files_that_are_not_recordings_are_refused_by_type(file_type, words):
    with pytest.raises(RefusedFile, match=words):
        read(fit_activity(start=START, points=route(), file_type=file_type))


def test_no_damage_lets_a_decoder_error_escape():
    # Damage behind a correct checksum reaches the decoder: it must end as a refusal or a row.
    for offset, mask in itertools.product(range(0, len(BODY), 3), (0x5A, 0x80)):
        damaged = BODY[:offset] + bytes([BODY[offset] ^ mask]) + BODY[offset + 1 :]
        with contextlib.suppress(RefusedFile):
            read(reframed(damaged))


def _twelve_byte_header(data: bytes) -> bytes:
    body = data[14:-2]
    head = bytes([12]) + data[1:12]
    return head + body + struct.pack("<H", fit_crc(head + body))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (GOOD, True),
        (_twelve_byte_header(GOOD), True),
        (fit_activity(start=START, points=(), file_type="course"), True),
        (np.random.default_rng(7).bytes(400), False),
        (b"", False),
        (b'<?xml version="1.0"?><gpx></gpx>', False),
    ],
    ids=["generated", "12-byte-header", "course", "random", "empty", "xml"],
)
def test_fit_files_are_recognised_by_their_header(data, expected):
    assert fit.looks_like(data) is expected


def test_chained_files_are_read_together():
    second = fit_activity(start=START.replace(hour=18), points=route(), sport="walking")
    frame = read(GOOD + second).frame
    assert frame["activity_type"].tolist() == ["Run", "Walk"]


def test_an_old_12_byte_header_reads_the_same():
    assert read(_twelve_byte_header(GOOD)).frame.equals(read(GOOD).frame)


@pytest.mark.parametrize("data", [b"123456789", GOOD[:-2], np.random.default_rng(1).bytes(999)])
def test_the_encoder_checksum_is_the_decoder_one(data):
    assert fit_crc(data) == compute_crc(data)


def test_the_fit_crc_is_crc16_arc():
    assert fit_crc(b"123456789") == 0xBB3D  # the catalogue's check value


def _by_fitdecode(data: bytes, monkeypatch) -> Detected | str:
    """The file as fitdecode alone reads it (every record decoded by it), or its refusal."""
    with monkeypatch.context() as patched:
        patched.setattr(fit, "_split", lambda data: None)
        return _outcome(data)


def _outcome(data: bytes) -> Detected | str:
    try:
        return read(data)
    except RefusedFile as exc:
        return exc.reason


def _assert_same(fast: Detected | str, slow: Detected | str) -> None:
    if isinstance(slow, str) or isinstance(fast, str):
        assert fast == slow
        return
    assert fast.frame.equals(slow.frame)
    assert (fast.notes, fast.tracks.keys()) == (slow.notes, slow.tracks.keys())
    for line, track in fast.tracks.items():
        for name in ("lat", "lon", "ele", "seconds"):
            assert np.array_equal(
                getattr(track, name), getattr(slow.tracks[line], name), equal_nan=True
            )


LONG = list(enumerate(route(2000)))  # longer than one row of the fast checksum


@pytest.mark.parametrize(
    "data",
    [
        GOOD,
        _twelve_byte_header(GOOD),
        fit_activity(start=START, points=route(positioned=False), total_distance_m=900.0),
        fit_activity(start=START, points=route(64), sessions=3, sport="cycling"),
        fit_activity(start=START, points=route(), sessions=0),
        fit_activity(start=START, points=route(), sport=None),
        fit_activity(start=START, points=[(*p[:4], 130 + i % 40, p[5]) for i, p in LONG]),
    ],
    ids=["run", "12-byte-header", "no-positions", "multisport", "no-session", "no-sport", "long"],
)
def test_records_read_as_columns_are_what_fitdecode_reads(data, monkeypatch):
    assert fit._split(data) is not None  # the column reader takes these files
    _assert_same(read(data), _by_fitdecode(data, monkeypatch))


def test_files_the_column_reader_does_not_take_are_read_by_fitdecode(monkeypatch):
    second = fit_activity(start=START.replace(hour=18), points=route(), sport="walking")
    # The first record's header (after file_id's definition and data, and the record's
    # definition) made a compressed timestamp header of the same local message.
    compressed = reframed(BODY[:65] + b"\xa0" + BODY[66:])
    for data in (GOOD + second, compressed):
        assert fit._split(data) is None
        _assert_same(_outcome(data), _by_fitdecode(data, monkeypatch))


def test_damage_reads_the_same_with_columns_as_with_fitdecode(monkeypatch):
    # Damage behind a correct checksum: the same values, or the same refusal, either way.
    for offset, mask in itertools.product(range(0, len(BODY), 7), (0x5A, 0x80)):
        damaged = reframed(BODY[:offset] + bytes([BODY[offset] ^ mask]) + BODY[offset + 1 :])
        _assert_same(_outcome(damaged), _by_fitdecode(damaged, monkeypatch))


@pytest.mark.parametrize("size", [1, 12, 2047, 2048, 2049, 5000, 100_003])
def test_the_fast_checksum_is_fitdecode_one(size):
    data = np.random.default_rng(size).bytes(size)
    assert fit.crc16(data) == compute_crc(data)
