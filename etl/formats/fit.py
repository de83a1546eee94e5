"""FIT files (Garmin's binary activity format): one workout per session, its route from the records.

Recognised from the header's ".FIT" signature, not the file name. The frame (header, length,
both checksums) is checked first so that a damaged or cut-short file gets that reason rather
than whatever the decoder trips over; fitdecode then decodes the messages. Sessions carry the
device's totals; each timed record belongs to the session whose time span holds it and gives
the route. Files that are not recordings (courses, workouts, settings) are refused by name.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from datetime import UTC, datetime

import fitdecode
import numpy as np
from fitdecode.utils import compute_crc

from etl.errors import RefusedFile
from etl.formats.base import Detected, Track, canonical_frame
from etl.limits import check_time

NAME = "fit"
LABEL = "FIT activity"
SPORTS = {"running": "Run", "walking": "Walk", "hiking": "Hike", "cycling": "Bike Ride"}
ON_FOOT = frozenset({"running", "walking", "hiking", None})  # cadence counted per leg
SEMICIRCLE_DEG = 180 / 2**31
EARTH_RADIUS_M = 6_371_008.8
HINT = "Export the activity again."
ASSUMED = (
    "no sport in the FIT session: taken as a run; the classifier decides from the track "
    "whether it was one"
)
_RECORD_FIELDS = (
    "position_lat",
    "position_long",
    "altitude",
    "distance",
    "heart_rate",
    "enhanced_altitude",
)
# Damaged data can make the decoder fail in its own unpacking and bookkeeping, not only with
# its FitError classes; none of these may escape as a traceback.
_DECODE_ERRORS = (struct.error, ValueError, KeyError, IndexError, TypeError, AssertionError)


@dataclass(frozen=True)
class _Session:
    start: datetime
    elapsed: float | None
    values: dict  # the session message's fields by name (None where invalid)

    @property
    def end(self) -> float:
        return self.start.timestamp() + (self.elapsed or 0.0)


@dataclass(frozen=True)
class _Records:
    """Timed records, one entry each: UTC epoch seconds, then NaN where a value is missing."""

    time: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    ele: np.ndarray
    distance: np.ndarray
    heart: np.ndarray

    def take(self, mask: np.ndarray) -> _Records:
        return _Records(*(getattr(self, name)[mask] for name in self.__dataclass_fields__))


def looks_like(data: bytes) -> bool:
    """Whether the bytes start with a FIT header (size 12 or 14, then the ".FIT" signature)."""
    return len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"


def read_bytes(data: bytes, *, file_name: str) -> Detected:
    """Every session of the activity as a canonical row with its route; damage is refused."""
    _check_frames(data, file_name)
    messages = _decode(data, file_name)
    _check_kind(next((m for m in messages if m.name == "file_id"), None), file_name)
    records = _records(messages)
    sessions = [s for s in map(_session, messages) if s is not None] or _from_records(records)
    if not sessions:
        raise RefusedFile(file_name, "the FIT file has no session and no timed points.", HINT)
    owners = _owners(records.time, sessions)
    source_app, serial_id = _device(messages)
    rows, tracks = [], {}
    for line, session in enumerate(sessions, 1):
        mine = records.take(owners == line - 1)
        suffix = f"-{line}" if len(sessions) > 1 and serial_id else ""
        row, track = _row(session, mine), _track(session, mine)
        rows.append({**row, "source_app": source_app, "source_id": serial_id + suffix})
        if track is not None:
            tracks[line] = track
    notes = (ASSUMED,) if any(r["type_assumed"] for r in rows) else ()
    columns = {name: [r[name] for r in rows] for name in rows[0]}
    frame = canonical_frame(columns, list(range(1, len(rows) + 1)))
    return Detected(NAME, LABEL, "km", frame, {"distance": 1.0, "duration": 1.0}, notes, tracks)


def _check_frames(data: bytes, file_name: str) -> None:
    """Refuse a file whose frames (header, declared length, checksums) are wrong or cut short.

    A FIT file may chain several files; each is checked, so that afterwards the decoder can
    only trip over damage the checksums missed."""
    if not looks_like(data):
        raise RefusedFile(file_name, "this is not a FIT file (no FIT header).", HINT)
    offset = 0
    while offset < len(data):
        check_time()
        if not looks_like(data[offset : offset + 12]):
            reason = "the FIT file is damaged (unexpected bytes after its end)."
            raise RefusedFile(file_name, reason, HINT)
        offset = _check_frame(data, offset, file_name)


def _check_frame(data: bytes, offset: int, file_name: str) -> int:
    size = data[offset]
    if len(data) < offset + size:
        raise RefusedFile(file_name, "the FIT file is cut short (inside its header).", HINT)
    stored = int.from_bytes(data[offset + 12 : offset + 14], "little") if size == 14 else 0
    if stored and stored != compute_crc(data, start=offset, end=offset + 12):
        raise RefusedFile(file_name, "the FIT file is damaged (checksum mismatch).", HINT)
    end = offset + size + int.from_bytes(data[offset + 4 : offset + 8], "little")
    if len(data) < end + 2:
        reason = f"the FIT file is cut short ({len(data)} of {end + 2} bytes)."
        raise RefusedFile(file_name, reason, HINT)
    if int.from_bytes(data[end : end + 2], "little") != compute_crc(data, start=offset, end=end):
        raise RefusedFile(file_name, "the FIT file is damaged (checksum mismatch).", HINT)
    return end + 2


def _decode(data: bytes, file_name: str) -> list[fitdecode.FitDataMessage]:
    def refuse(reason: str) -> RefusedFile:
        return RefusedFile(file_name, f"the FIT file is {reason}.", HINT)

    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            # _check_frames has verified every checksum already; fitdecode's own check is slower.
            check_crc=fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as fit:
            messages = []
            for n, frame in enumerate(fit):
                if n % 8192 == 0:
                    check_time()
                if isinstance(frame, fitdecode.FitDataMessage):
                    messages.append(frame)
            return messages
    except fitdecode.FitCRCError:
        raise refuse("damaged (checksum mismatch)") from None
    except fitdecode.FitEOFError:
        # The frames are whole (checked first), so a message runs past the declared length.
        raise refuse("damaged (a message runs past the end of the data)") from None
    except fitdecode.FitParseError as exc:
        raise refuse(f"damaged (undecodable data at byte {exc.offset})") from None
    except (fitdecode.FitError, *_DECODE_ERRORS):
        raise refuse("damaged (a message cannot be decoded)") from None


def _check_kind(file_id: fitdecode.FitDataMessage | None, file_name: str) -> None:
    kind = None if file_id is None else file_id.get_value("type", fallback=None)
    if kind is None or kind == "activity":
        return
    name = str(kind).replace("_", " ") if isinstance(kind, str) else f"file of type {kind}"
    article = "an" if name[0] in "aeiou" else "a"
    raise RefusedFile(
        file_name,
        f"this FIT file is {article} {name}, not a recorded activity.",
        "Send the FIT file of a recorded activity instead.",
    )


def _session(message: fitdecode.FitDataMessage) -> _Session | None:
    if message.name != "session":
        return None
    values = {f.name: f.value for f in message.fields}
    values |= {f.parent_field.name: f.value for f in message.fields if f.parent_field}
    start = values.get("start_time")
    if not isinstance(start, datetime):  # missing, or a device-relative time
        return None
    return _Session(start, _number(values.get("total_elapsed_time")), values)


def _from_records(records: _Records) -> list[_Session]:
    # A recording cut off before its summary still has its points: one session spanning them.
    if not len(records.time):
        return []
    first, last = records.time.min(), records.time.max()
    hearts = records.heart[np.isfinite(records.heart)]
    values = {
        "total_elapsed_time": last - first,
        "avg_heart_rate": hearts.mean() if len(hearts) else None,
        "max_heart_rate": hearts.max() if len(hearts) else None,
    }
    return [_Session(datetime.fromtimestamp(first, UTC), last - first, values)]


def _records(messages: list[fitdecode.FitDataMessage]) -> _Records:
    rows = []
    # One pass over each record's fields: get_value searches them all for every name asked.
    for values in ({f.name: f.value for f in m.fields} for m in messages if m.name == "record"):
        moment = values.get("timestamp")
        if not isinstance(moment, datetime):
            continue
        lat, lon, ele, metres, heart, enhanced = (_nan(values.get(n)) for n in _RECORD_FIELDS)
        ele = enhanced if np.isfinite(enhanced) else ele
        lat, lon = lat * SEMICIRCLE_DEG, lon * SEMICIRCLE_DEG
        rows.append((moment.timestamp(), lat, lon, ele, metres, heart))
    return _Records(*np.array(rows, dtype=float).reshape(-1, 6).T)


def _owners(times: np.ndarray, sessions: list[_Session]) -> np.ndarray:
    """Each record's session index (-1: none); where spans touch, the later session wins."""
    starts = np.array([s.start.timestamp() for s in sessions])
    ends = np.array([s.end for s in sessions])
    order = np.argsort(starts, kind="stable")
    slot = np.searchsorted(starts[order], times, side="right") - 1
    inside = (slot >= 0) & (times <= ends[order][np.maximum(slot, 0)])
    return np.where(inside, order[np.maximum(slot, 0)], -1)


def _device(messages: list[fitdecode.FitDataMessage]) -> tuple[str, str]:
    """The source app ("FIT (garmin fr945)") and the id the device gives the recording."""
    file_id = next((m for m in messages if m.name == "file_id"), None)
    if file_id is None:
        return "FIT", ""
    get = file_id.get_value
    product = get("product_name", fallback=None) or get("product", fallback=None)
    parts = [str(p) for p in (get("manufacturer", fallback=None), product) if p is not None]
    serial, created = get("serial_number", fallback=None), get("time_created", fallback=None)
    # Serial number and creation time survive re-exports, unlike the file's bytes or name.
    dated = isinstance(created, datetime)
    ident = f"fit-{serial}-{int(created.timestamp())}" if serial and dated else ""
    return ("FIT (" + " ".join(parts) + ")" if parts else "FIT"), ident


def _row(session: _Session, records: _Records) -> dict:
    v = session.values
    sport, sub_sport = v.get("sport"), v.get("sub_sport")
    if sport == "running" and sub_sport == "treadmill":
        kind = "Treadmill Run"
    else:
        kind = SPORTS.get(sport, str(sport).replace("_", " ").title()) if sport else "Run"

    def num(name: str) -> float | None:
        return _number(v.get(name))

    cadence = num("avg_cadence")
    if cadence is not None:
        cadence += num("avg_fractional_cadence") or 0.0
        cadence *= 2 if sport in ON_FOOT else 1
    distance = num("total_distance")
    return {
        "workout_date": session.start.astimezone(UTC).date().isoformat(),
        "started_at": session.start.astimezone(UTC).replace(tzinfo=None).isoformat(),
        "activity_type": kind,
        "type_assumed": "" if sport is not None else "1",
        "distance": _text(_recorded_distance(records) if distance is None else distance, 1),
        "duration": _text(session.elapsed, 0),
        "moving_time": _text(num("total_timer_time"), 0),
        "elevation_gain": _text(num("total_ascent"), 0),
        "calories": _text(num("total_calories"), 0),
        "avg_hr": _text(num("avg_heart_rate"), 0),
        "max_hr": _text(num("max_heart_rate"), 0),
        "avg_cadence": _text(cadence, 1),
    }


def _recorded_distance(records: _Records) -> float | None:
    metres = records.distance[np.isfinite(records.distance)]
    # Last minus first: some devices keep counting across the sessions of a multisport file.
    if len(metres):
        return float(metres[-1] - metres[0])
    fixed = np.isfinite(records.lat) & np.isfinite(records.lon)
    return _haversine(records.lat[fixed], records.lon[fixed]) if fixed.sum() >= 2 else None


def _track(session: _Session, records: _Records) -> Track | None:
    fixed = np.isfinite(records.lat) & np.isfinite(records.lon)
    if fixed.sum() < 2:
        return None
    seconds = records.time[fixed] - session.start.timestamp()
    return Track.of(records.lat[fixed], records.lon[fixed], records.ele[fixed], seconds)


def _haversine(lat: np.ndarray, lon: np.ndarray) -> float:
    """The great-circle length in metres of the path through the points."""
    p, dl = np.radians(lat), np.radians(np.diff(lon))
    h = np.sin(np.diff(p) / 2) ** 2 + np.cos(p[:-1]) * np.cos(p[1:]) * np.sin(dl / 2) ** 2
    return float(np.sum(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(h, 1.0)))))


def _number(value) -> float | None:
    # Damage the checksums missed can turn a number into an array or a text; that is no number.
    return float(value) if isinstance(value, int | float | np.number) else None


def _nan(value) -> float:
    number = _number(value)
    return np.nan if number is None else number


def _text(value: float | None, digits: int) -> str:
    if value is None or not np.isfinite(value):
        return ""
    return f"{value:.{digits}f}"
