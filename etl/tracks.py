"""Packing a recorded route into bytes for the ``tracks`` table, and back.

Points are stored as little-endian int32 columns: latitude and longitude in 1e-7 degrees (about
1 cm) as deltas from the previous point (small numbers, which zlib squeezes well), elevation in
decimetres and time in tenths of a second, with INT32_MIN for "unknown". A one-hour run at one
point a second packs to a few tens of kilobytes.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

from etl.errors import StorageError
from etl.formats.base import Track

MAGIC = b"WTK1"
MISSING = np.iinfo(np.int32).min
_HEADER = struct.Struct("<4sI")
_SCALES = (1e7, 1e7, 10.0, 10.0)  # lat, lon, ele, seconds


def clean(track: Track) -> Track | None:
    """The track's points with real coordinates (no NaN, inside the globe, not 0,0); None when
    fewer than two are left, since a single point is not a route."""
    ok = (
        np.isfinite(track.lat)
        & np.isfinite(track.lon)
        & (np.abs(track.lat) <= 90)
        & (np.abs(track.lon) <= 180)
        & ~((track.lat == 0) & (track.lon == 0))
    )
    if ok.sum() < 2:
        return None
    return Track(track.lat[ok], track.lon[ok], track.ele[ok], track.seconds[ok])


def pack(track: Track) -> bytes:
    """The track as compressed bytes (see the module docstring for the layout)."""
    columns = []
    for i, values in enumerate((track.lat, track.lon, track.ele, track.seconds)):
        scaled = np.round(np.asarray(values, dtype=float) * _SCALES[i])
        finite = np.isfinite(scaled)
        ints = np.where(finite, np.clip(np.nan_to_num(scaled), MISSING + 1, 2**31 - 1), MISSING)
        ints = ints.astype(np.int64)
        if i < 2:  # coordinates are always present: store steps between points (mod 2**32)
            ints = np.diff(ints, prepend=0)
        columns.append(_wrap(ints).astype("<i4").tobytes())
    return _HEADER.pack(MAGIC, len(track)) + zlib.compress(b"".join(columns), 6)


def unpack(data: bytes) -> Track:
    """The track packed by :func:`pack`; damaged bytes raise :class:`StorageError`."""
    try:
        magic, n = _HEADER.unpack_from(data)
        body = zlib.decompress(data[_HEADER.size :])
    except (struct.error, zlib.error) as exc:
        raise StorageError(f"a stored track is damaged ({exc}).") from None
    if magic != MAGIC or len(body) != 16 * n:
        raise StorageError("a stored track is damaged (wrong layout).")
    ints = np.frombuffer(body, dtype="<i4").reshape(4, n).astype(np.int64)
    ints[:2] = _wrap(np.cumsum(ints[:2], axis=1))
    values = ints.astype(float)
    values[2:][ints[2:] == MISSING] = np.nan
    lat, lon, ele, seconds = (values[i] / _SCALES[i] for i in range(4))
    return Track(lat, lon, ele, seconds)


def _wrap(ints: np.ndarray) -> np.ndarray:
    """Integers folded into int32's range (a step across the date line overflows it)."""
    return (ints + 2**31) % 2**32 - 2**31
