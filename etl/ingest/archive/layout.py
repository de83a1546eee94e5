"""What a dropped ZIP (or gzip) holds, and in what order its files are read.

Three layouts are recognised from the names and contents inside, never the archive's name:

- a Strava bulk export: ``activities.csv`` plus the ``activities/`` folder of GPX/FIT/TCX files
  (many gzipped) that its ``Filename`` column points at; the rest (profile, media...) is skipped;
- an Apple Health ``export.zip``: ``export.xml`` read as a stream, with the GPX files of
  ``workout-routes/`` as the routes it references;
- any other ZIP: every file in it read on its own, so one bad file does not stop the rest.
"""

from __future__ import annotations

import gzip
import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO

from etl.errors import RefusedFile
from etl.formats import apple_health
from etl.ingest.extract import too_large

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a ZIP, and an empty one
GZIP_MAGIC = b"\x1f\x8b"
MAX_MEMBERS = 50_000
_HINT = "Raise WORKOUTS_MAX_UPLOAD_MB to read it."
_JUNK = ("__macosx/", ".ds_store", "thumbs.db")


@dataclass(frozen=True)
class Layout:
    """How to read an archive: its kind, its main file, the files to read one by one, the routes
    the main file may reference, and what was skipped."""

    kind: str  # "strava", "apple_health" or "files"
    primary: zipfile.ZipInfo | None
    members: tuple[zipfile.ZipInfo, ...]
    routes: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()


def layout(zf: zipfile.ZipFile, *, name: str) -> Layout:
    """The archive's layout (see the module docstring); an archive with no file is refused."""
    infos = [i for i in zf.infolist() if not i.is_dir() and not _junk(i.filename)]
    if len(infos) > MAX_MEMBERS:
        raise RefusedFile(name, f"the ZIP holds {len(infos):,} files, over {MAX_MEMBERS:,}.", "")
    if not infos:
        raise RefusedFile(name, "the ZIP archive holds no files.", "")
    infos.sort(key=lambda i: i.filename)
    if any(i.filename == "[Content_Types].xml" for i in infos):
        raise RefusedFile(
            name,
            "this is an Office document (an Excel .xlsx workbook?), not a workout export.",
            "Save the sheet as CSV (UTF-8) and send that.",
        )
    strava = _strava(infos)
    if strava is not None:
        return strava
    health = _apple_health(zf, infos)
    return health if health is not None else Layout("files", None, tuple(infos))


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's path as its Strava ``Filename`` would write it (no leading folder of the
    export's own name, forward slashes)."""
    return info.filename.replace("\\", "/")


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, *, max_bytes: int) -> bytes:
    """A member's bytes, gunzipped when they are gzip, refused when larger than ``max_bytes``."""
    if info.file_size > max_bytes:
        raise too_large(info.filename, info.file_size, max_bytes, _HINT)
    try:
        with zf.open(info) as stream:
            data = stream.read(max_bytes + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise RefusedFile(info.filename, f"the file is damaged inside the ZIP ({exc}).") from None
    return gunzip(data, name=info.filename, max_bytes=max_bytes)


def open_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> BinaryIO:
    """A member as a binary stream (for files too large to hold, such as ``export.xml``)."""
    return zf.open(info)


def gunzip(data: bytes, *, name: str, max_bytes: int) -> bytes:
    """``data`` itself, or what it decompresses to when it is gzip (bounded by ``max_bytes``)."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            plain = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise RefusedFile(name, f"the gzip file is damaged or cut short ({exc}).") from None
    if len(plain) > max_bytes:
        raise too_large(name, len(plain), max_bytes, _HINT)
    return plain


def plain_name(name: str) -> str:
    """The file's name without a ``.gz`` ending (``123.gpx.gz`` is a GPX file)."""
    return name[:-3] if name.lower().endswith(".gz") else name


def _strava(infos: list[zipfile.ZipInfo]) -> Layout | None:
    roots = [i for i in infos if posixpath.basename(member_name(i)).lower() == "activities.csv"]
    if not roots:
        return None
    primary = min(roots, key=lambda i: i.filename.count("/"))
    prefix = posixpath.dirname(member_name(primary))
    folder = posixpath.join(prefix, "activities/") if prefix else "activities/"
    tracks = tuple(i for i in infos if member_name(i).startswith(folder))
    skipped = tuple(i.filename for i in infos if i is not primary and i not in tracks)
    return Layout("strava", primary, tracks, {}, skipped)


def _apple_health(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Layout | None:
    for info in infos:
        if posixpath.basename(member_name(info)).lower() != "export.xml":
            continue
        with zf.open(info) as stream:
            if not apple_health.looks_like(stream.read(apple_health.HEAD_BYTES)):
                continue
        routes = {
            "/workout-routes/" + member_name(i).split("/workout-routes/", 1)[1]: i
            for i in infos
            if "/workout-routes/" in "/" + member_name(i)
        }
        skipped = tuple(i.filename for i in infos if i is not info and i not in routes.values())
        return Layout("apple_health", info, (), routes, skipped)
    return None


def _junk(name: str) -> bool:
    lower = name.lower().replace("\\", "/")
    base = posixpath.basename(lower)
    return any(lower.startswith(j) or base == j for j in _JUNK) or base.startswith("._")
