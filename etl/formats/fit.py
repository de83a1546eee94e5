"""FIT files (Garmin's binary activity format): one workout per session, its route from the records.

Recognised from the header's ".FIT" signature, not the file name. The frame (header, length,
both checksums) is checked first so that a damaged or cut-short file gets that reason rather
than whatever the decoder trips over; fitdecode then decodes the messages. Sessions carry the
device's totals; each timed record belongs to the session whose time span holds it and gives
the route. Files that are not recordings (courses, workouts, settings) are refused by name.

Records are nearly all of a file (one a second: 3,600 in an hour) and fitdecode decodes about
15,000 a second, so a plain file's records are read as columns instead (:func:`_split`): the
message stream is walked once, each record definition's data gathered and unpacked with numpy,
and fitdecode decodes only the messages read by name (file id, sessions). Anything the walk does
not fully understand (compressed timestamps, developer or compressed fields in records, chained
files, damage) goes to fitdecode whole, so every file gets the values and refusals it had.
"""

from __future__ import annotations

import functools
import io
import struct
from dataclasses import dataclass
from datetime import UTC, datetime

import fitdecode
import numpy as np

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
FIT_EPOCH_S = 631065600  # 1989-12-31T00:00:00Z, where FIT's date_time counts from
FIT_DATETIME_MIN = 0x10000000  # smaller date_time values count from the device's power-on
MESG_RECORD = 20
# The data messages fitdecode still decodes when records are read as columns: file_id, session,
# and the developer data id and field descriptions that definitions may refer to.
_NAMED_MESSAGES = frozenset({0, 18, 206, 207})
# Record fields read as columns: number -> (column, base type byte, numpy type, invalid value).
_COLUMNS = {
    253: ("time", 0x86, "u4", 0xFFFFFFFF),
    0: ("lat", 0x85, "i4", 0x7FFFFFFF),
    1: ("lon", 0x85, "i4", 0x7FFFFFFF),
    2: ("altitude", 0x84, "u2", 0xFFFF),
    78: ("enhanced", 0x86, "u4", 0xFFFFFFFF),
    3: ("heart", 0x02, "u1", 0xFF),
    5: ("distance", 0x86, "u4", 0xFFFFFFFF),
}
# compressed_speed_distance accumulates into distance across records: fitdecode's to read.
_ACCUMULATED = frozenset({8})
_CRC_BLOCK = 512  # bytes per row of the vectorised checksum
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
    split = _split(data)
    if split is None:
        messages = _decode(data, file_name)
        records = _records(messages)
    else:
        named, records = split
        messages = _decode(named, file_name)
    _check_kind(next((m for m in messages if m.name == "file_id"), None), file_name)
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
    if stored and stored != crc16(data[offset : offset + 12]):
        raise RefusedFile(file_name, "the FIT file is damaged (checksum mismatch).", HINT)
    end = offset + size + int.from_bytes(data[offset + 4 : offset + 8], "little")
    if len(data) < end + 2:
        reason = f"the FIT file is cut short ({len(data)} of {end + 2} bytes)."
        raise RefusedFile(file_name, reason, HINT)
    if int.from_bytes(data[end : end + 2], "little") != crc16(data[offset:end]):
        raise RefusedFile(file_name, "the FIT file is damaged (checksum mismatch).", HINT)
    return end + 2


def crc16(data: bytes) -> int:
    """FIT's checksum (CRC-16/ARC) of ``data``, as fitdecode's ``compute_crc`` gives it, a
    hundred times faster: rows of :data:`_CRC_BLOCK` bytes are run side by side with numpy,
    then joined (with no initial value and no final xor the checksum is linear, so a row's is
    shifted past the bytes after it by a table)."""
    table, shift = _crc_tables()
    if len(data) < 4 * _CRC_BLOCK:
        crc = 0
        for byte in data:
            crc = (crc >> 8) ^ int(table[(crc ^ byte) & 0xFF])
        return crc
    # Leading zero bytes leave a zero checksum unchanged: pad the front to whole rows.
    pad = -len(data) % _CRC_BLOCK
    rows = np.frombuffer(bytes(pad) + data, dtype=np.uint8).reshape(-1, _CRC_BLOCK)
    crcs = np.zeros(len(rows), dtype=np.uint16)
    for column in rows.T:
        crcs = (crcs >> 8) ^ table[(crcs ^ column) & 0xFF]
    crc = 0
    for row_crc in crcs.tolist():
        crc = int(shift[crc]) ^ row_crc
    return crc


@functools.cache
def _crc_tables() -> tuple[np.ndarray, np.ndarray]:
    """The byte table of CRC-16/ARC, and each checksum after :data:`_CRC_BLOCK` zero bytes."""
    table = np.zeros(256, dtype=np.uint16)
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table[byte] = crc
    shift = np.arange(1 << 16, dtype=np.uint16)
    for _ in range(_CRC_BLOCK):
        shift = (shift >> 8) ^ table[shift & 0xFF]
    return table, shift


def _split(data: bytes) -> tuple[bytes, _Records] | None:
    """The file without its record data (for fitdecode) and its records as columns; None when
    the walk meets anything it does not fully understand, for fitdecode to read it all."""
    try:
        return _walk(data)
    except (IndexError, KeyError, ValueError):  # damage: fitdecode says what it is
        return None


def _walk(data: bytes) -> tuple[bytes, _Records] | None:
    size = data[0]
    end = size + int.from_bytes(data[4:8], "little")
    if end + 2 != len(data):  # chained files
        return None
    kept, layouts, defined = [], [], {}  # defined: local number -> (global, size, layout index)
    records: list[tuple[int, int]] = []  # (layout index, offset of the data) in file order
    pos, count = size, 0
    while pos < end:
        count += 1
        if count % 8192 == 0:
            check_time()
        header = data[pos]
        if header & 0x80:  # a compressed timestamp: time carried from message to message
            return None
        if header & 0x40:
            length, global_num, message_size, layout = _definition(data, pos, header)
            if global_num == MESG_RECORD:
                if layout is None:
                    return None
                layouts.append(layout)
            defined[header & 0x0F] = (global_num, message_size, len(layouts) - 1)
            kept.append(data[pos : pos + length])
            pos += length
            continue
        global_num, message_size, index = defined[header & 0x0F]
        if pos + 1 + message_size > end:
            return None
        if global_num == MESG_RECORD:
            records.append((index, pos + 1))
        elif global_num in _NAMED_MESSAGES:
            kept.append(data[pos : pos + 1 + message_size])
        pos += 1 + message_size
    body = b"".join(kept)
    head = data[:4] + len(body).to_bytes(4, "little") + data[8:size]
    return head + body + b"\0\0", _columns(data, layouts, records)


def _definition(data: bytes, pos: int, header: int) -> tuple[int, int, int, dict | None]:
    """A definition message at ``pos``: its length, global number, the size of its data
    messages, and (for records) where each column is, None when a record's fields are not
    all plain."""
    arch = data[pos + 2]
    if arch not in (0, 1):
        raise ValueError("unknown architecture")
    endian = ">" if arch else "<"
    global_num = int.from_bytes(data[pos + 3 : pos + 5], "big" if arch else "little")
    fields = data[pos + 6 : pos + 6 + 3 * data[pos + 5]]
    length = 6 + len(fields)
    developer = 0
    if header & 0x20:
        dev = data[pos + length + 1 : pos + length + 1 + 3 * data[pos + length]]
        developer, length = sum(dev[1::3]), length + 1 + len(dev)
    if pos + length > len(data) or len(fields) % 3:
        raise ValueError("definition cut short")
    message_size = sum(fields[1::3]) + developer
    if global_num != MESG_RECORD:
        return length, global_num, message_size, None
    layout: dict | None = {"size": message_size, "endian": endian, "at": {}}
    offset = 0
    for i in range(0, len(fields), 3):
        number, width, base = fields[i], fields[i + 1], fields[i + 2]
        column = _COLUMNS.get(number)
        if number in _ACCUMULATED or (column and (base, width) != (column[1], _width(column))):
            layout = None
        elif column and layout is not None:
            layout["at"][column[0]] = offset
        offset += width
    if developer or (layout and {"altitude", "enhanced"} <= layout["at"].keys()):
        layout = None  # which altitude wins then depends on fitdecode's order of fields
    return length, global_num, message_size, layout


def _width(column: tuple) -> int:
    return np.dtype(column[2]).itemsize


def _columns(data: bytes, layouts: list[dict], records: list[tuple[int, int]]) -> _Records:
    """The records' columns in file order, read as fitdecode reads them (invalid values NaN,
    scale and offset applied; records with no absolute timestamp dropped)."""
    raw = np.frombuffer(data, dtype=np.uint8)
    which = np.array([r[0] for r in records], dtype=np.int64)
    starts = np.array([r[1] for r in records], dtype=np.int64)
    names = ("time", "lat", "lon", "altitude", "enhanced", "heart", "distance")
    out = {name: np.full(len(records), np.nan) for name in names}
    for index, layout in enumerate(layouts):
        mine = np.flatnonzero(which == index)
        if not len(mine):
            continue
        rows = raw[starts[mine, None] + np.arange(layout["size"])]
        for name, _, kind, invalid in _COLUMNS.values():
            at = layout["at"].get(name)
            if at is None:
                continue
            width = np.dtype(kind).itemsize
            values = rows[:, at : at + width].copy().view(layout["endian"] + kind).ravel()
            column = values.astype(float)
            column[values == invalid] = np.nan
            out[name][mine] = column
    time = out["time"]
    keep = np.isfinite(time) & (time >= FIT_DATETIME_MIN)
    ele = np.where(np.isfinite(out["enhanced"]), out["enhanced"], out["altitude"]) / 5 - 500
    return _Records(
        time[keep] + FIT_EPOCH_S,
        out["lat"][keep] * SEMICIRCLE_DEG,
        out["lon"][keep] * SEMICIRCLE_DEG,
        ele[keep],
        out["distance"][keep] / 100,
        out["heart"][keep],
    )


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
