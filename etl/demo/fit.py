"""A small FIT encoder: real activity files for test fixtures and demos.

fitdecode only decodes, and binary fixtures checked into the repository cannot be reviewed or
varied, so this writes the few messages an activity needs (file_id, record, lap, session,
activity) per the FIT protocol: a 14-byte header with its CRC, a definition message before each
message type's first data message, little-endian values and the file CRC at the end. Enum names
(sports, file types) come from fitdecode's profile, so they mean what the decoder reads back.
"""

from __future__ import annotations

import itertools
import math
import struct
from collections.abc import Sequence
from datetime import UTC, datetime

from fitdecode import profile
from fitdecode.types import Field

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
PROTOCOL_VERSION = 0x20  # 2.0
PROFILE_VERSION = 2132  # 21.32
PRODUCT_FR945 = 3113
FOOT_SPORTS = frozenset({"running", "walking", "hiking"})
_CRC_TABLE = (
    0x0000,
    0xCC01,
    0xD801,
    0x1400,
    0xF001,
    0x3C00,
    0x2800,
    0xE401,
    0xA001,
    0x6C00,
    0x7800,
    0xB401,
    0x5000,
    0x9C01,
    0x8801,
    0x4400,
)

_TOTALS = (
    "timestamp",
    "start_time",
    "total_elapsed_time",
    "total_timer_time",
    "total_distance",
    "total_calories",
    "event",
    "event_type",
    "sport",
    "sub_sport",
    "avg_heart_rate",
    "max_heart_rate",
    "avg_cadence",
    "avg_fractional_cadence",
    "total_ascent",
)
# The fields written of each message, by their FIT profile names (local message number: the
# position here). Numbers, base types, scales and offsets come from fitdecode's profile.
_MESSAGES = {
    "file_id": ("type", "manufacturer", "product", "serial_number", "time_created"),
    "record": (
        "timestamp",
        "position_lat",
        "position_long",
        "enhanced_altitude",
        "heart_rate",
        "cadence",
        "fractional_cadence",
        "distance",
    ),
    "lap": _TOTALS,
    "session": (*_TOTALS, "first_lap_index", "num_laps"),
    "activity": ("timestamp", "total_timer_time", "num_sessions", "type", "event", "event_type"),
}

Point = tuple[float | None, float | None, float | None, float, float | None, float | None]


def fit_crc(data: bytes, crc: int = 0) -> int:
    """The FIT CRC-16 of ``data`` (continuing from ``crc``)."""
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _CRC_TABLE[crc & 0xF]
            crc = (crc >> 4) & 0x0FFF
            crc = crc ^ tmp ^ _CRC_TABLE[nibble]
    return crc


def fit_activity(
    *,
    start: datetime,
    points: Sequence[Point],
    sport: str | None = "running",
    sub_sport: str | None = None,
    total_distance_m: float | None = None,
    calories: float | None = None,
    serial: int = 3_900_000_001,
    file_type: str = "activity",
    sessions: int = 1,
) -> bytes:
    """A FIT activity file of ``points`` (lat, lon, elevation m, seconds from ``start``, heart
    rate, cadence in steps per minute, or rpm when cycling), split evenly into ``sessions``
    (0: records without any session, as a damaged or unfinished recording may have).

    ``total_distance_m`` and ``calories`` are the whole activity's, shared out by time (None:
    the sessions carry none). Records carry the distance measured from the positions, or the
    device's distance spread evenly over time when there are none.
    """
    writer = _Writer()
    writer.write(
        "file_id",
        type=_enum("file", file_type),
        manufacturer=1,
        product=PRODUCT_FR945,
        serial_number=serial,
        time_created=_fit_time(start),
    )
    chunks = _split(list(points), max(sessions, 1))
    span = sum(_elapsed(chunk) for chunk in chunks) or 1.0
    omit = frozenset({"sport", "sub_sport"}) if sport is None else frozenset()
    for index, chunk in enumerate(chunks):
        share = _elapsed(chunk) / span if len(chunks) > 1 else 1.0
        distance = None if total_distance_m is None else total_distance_m * share
        totals = _totals(start, chunk, sport, sub_sport, distance, calories and calories * share)
        for point, metres in zip(chunk, _distances(chunk, distance)):
            writer.write("record", **_record(start, point, metres, sport))
        if not sessions:
            continue
        writer.write("lap", omit=omit, **totals, event=_enum("event", "lap"))
        writer.write(
            "session",
            omit=omit,
            **totals,
            event=_enum("event", "session"),
            first_lap_index=index,
            num_laps=1,
        )
    writer.write(
        "activity",
        timestamp=_fit_time(start, max((p[3] for p in points), default=0)),
        total_timer_time=sum(map(_elapsed, chunks)),
        num_sessions=sessions,
        type=0,
        event=_enum("event", "activity"),
        event_type=_enum("event_type", "stop"),
    )
    return writer.finish()


class _Writer:
    """The data records of one FIT file, each preceded by its definition when that changes."""

    def __init__(self) -> None:
        self.body = bytearray()
        self.defined: dict[int, tuple[Field, ...]] = {}

    def write(self, message: str, *, omit: frozenset[str] = frozenset(), **values) -> None:
        local = list(_MESSAGES).index(message)
        mesg_type = next(m for m in profile.MESSAGE_TYPES.values() if m.name == message)
        by_name = {f.name: f for f in mesg_type.fields.values()}
        fields = tuple(by_name[name] for name in _MESSAGES[message] if name not in omit)
        if self.defined.get(local) != fields:
            self.body += struct.pack("<3BHB", 0x40 | local, 0, 0, mesg_type.mesg_num, len(fields))
            for f in fields:
                self.body += struct.pack("<3B", f.def_num, f.base_type.size, f.base_type.identifier)
            self.defined[local] = fields
        self.body.append(local)
        for f in fields:
            self.body += struct.pack("<" + f.base_type.fmt, _raw(f, values.get(f.name)))

    def finish(self) -> bytes:
        head = struct.pack(
            "<BBHI4s", 14, PROTOCOL_VERSION, PROFILE_VERSION, len(self.body), b".FIT"
        )
        data = head + struct.pack("<H", fit_crc(head)) + bytes(self.body)
        return data + struct.pack("<H", fit_crc(data))


def _raw(field: Field, value: float | None) -> int:
    """The stored integer of a physical value: (value + offset) * scale, or the invalid value."""
    base = field.base_type
    if value is None:
        bits = 8 * base.size
        if base.name.endswith("z"):
            return 0
        return (1 << (bits - 1)) - 1 if base.fmt.islower() else (1 << bits) - 1
    return round((value + (field.offset or 0)) * (field.scale or 1))


def _record(start: datetime, point: Point, metres: float | None, sport: str | None) -> dict:
    lat, lon, ele, seconds, heart, cadence = point
    strides = cadence / 2 if cadence is not None and _on_foot(sport) else cadence
    return {
        "timestamp": _fit_time(start, seconds),
        "position_lat": None if lat is None else round(lat * 2**31 / 180),
        "position_long": None if lon is None else round(lon * 2**31 / 180),
        "enhanced_altitude": ele,
        "heart_rate": heart,
        "cadence": None if strides is None else math.floor(strides),
        "fractional_cadence": None if strides is None else strides - math.floor(strides),
        "distance": metres,
    }


def _totals(start, chunk, sport, sub_sport, distance, calories) -> dict:
    first = chunk[0][3] if chunk else 0.0
    hearts = [p[4] for p in chunk if p[4] is not None]
    cadences = [p[5] for p in chunk if p[5] is not None]
    strides = sum(cadences) / len(cadences) if cadences else None
    if strides is not None and _on_foot(sport):
        strides /= 2
    climbs = [
        b - a for a, b in itertools.pairwise([p[2] for p in chunk if p[2] is not None]) if b > a
    ]
    return {
        "timestamp": _fit_time(start, first + _elapsed(chunk)),
        "start_time": _fit_time(start, first),
        "total_elapsed_time": _elapsed(chunk),
        "total_timer_time": _elapsed(chunk),
        "total_distance": distance,
        "total_calories": calories,
        "event_type": _enum("event_type", "stop"),
        "sport": None if sport is None else _enum("sport", sport),
        "sub_sport": None if sub_sport is None else _enum("sub_sport", sub_sport),
        "avg_heart_rate": sum(hearts) / len(hearts) if hearts else None,
        "max_heart_rate": max(hearts, default=None),
        "avg_cadence": None if strides is None else math.floor(strides),
        "avg_fractional_cadence": None if strides is None else strides - math.floor(strides),
        "total_ascent": sum(climbs) if climbs else None,
    }


def _distances(chunk: list[Point], device_m: float | None) -> list[float | None]:
    positioned = [(p[0], p[1]) for p in chunk if p[0] is not None and p[1] is not None]
    if len(positioned) == len(chunk) and chunk:
        steps = [_haversine(a, b) for a, b in itertools.pairwise(positioned)]
        return [sum(steps[:i]) for i in range(len(chunk))]
    if device_m is None or not chunk:
        return [None] * len(chunk)
    elapsed = _elapsed(chunk) or 1.0
    return [device_m * (p[3] - chunk[0][3]) / elapsed for p in chunk]


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(h)))


def _split(points: list[Point], sessions: int) -> list[list[Point]]:
    size, extra = divmod(len(points), sessions)
    bounds = [i * size + min(i, extra) for i in range(sessions + 1)]
    return [points[a:b] for a, b in itertools.pairwise(bounds)]


def _elapsed(chunk: list[Point]) -> float:
    return chunk[-1][3] - chunk[0][3] if chunk else 0.0


def _on_foot(sport: str | None) -> bool:
    # FIT counts running and walking cadence in strides (one foot), cycling in crank turns.
    return sport is None or sport in FOOT_SPORTS


def _enum(type_name: str, value: str) -> int:
    names = profile.FIELD_TYPES[type_name].enum
    return next(number for number, name in names.items() if name == value)


def _fit_time(start: datetime, seconds: float = 0.0) -> int:
    return round((start - FIT_EPOCH).total_seconds() + seconds)
