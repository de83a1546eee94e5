"""Ingesting an archive (a Strava export, an Apple Health export.zip, a ZIP of track files):
every file read on its own, all stored in one transaction.

A file that cannot be read is listed in the report with its reason and the rest are stored; only
when no file at all can be read is the archive refused. In a Strava export each activity's own
GPX/FIT/TCX file (named by ``activities.csv``'s ``Filename``) is merged into that activity,
adding its route and whatever the CSV lacks.
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import BinaryIO

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.owners import ensure_owner
from etl.db.schema import workout_sources, workouts
from etl.errors import RefusedFile
from etl.formats import apple_health, gpx
from etl.formats.base import Detected, Track
from etl.ingest.archive import layout as archive
from etl.ingest.archive.groups import Group, combine
from etl.ingest.extract import RawFile
from etl.ingest.parse import Parsed, detect, shape
from etl.ingest.store import atomically, load_parsed
from etl.report import FileRefusal, IngestReport

# Track files are validated and loaded together, this many at a time: per-file overhead would
# otherwise dominate an export of thousands of small files, and memory stays bounded.
GROUP_FILES = 100
_LABELS = {
    "strava": "Strava export (ZIP)",
    "apple_health": "Apple Health export (ZIP)",
    "files": "ZIP of export files",
}


@dataclass
class _Totals:
    """What the archive's files added up to, file by file."""

    name: str
    owner_key: str
    today: date
    reports: list[IngestReport] = field(default_factory=list)
    refused: list[FileRefusal] = field(default_factory=list)
    tried: int = 0  # files read or refused


def ingest_zip(engine: Engine, zf: zipfile.ZipFile, *, name: str, digest, **options):
    """Ingest every readable file of a ZIP for one owner; see the module docstring."""
    plan = archive.layout(zf, name=name)
    owner_key = options["owner_key"]
    totals = _Totals(name, owner_key, options.get("today") or date.today())

    def work(conn: sa.Connection) -> None:
        totals.reports.clear()
        totals.refused.clear()
        totals.tried = 0
        owner_id = ensure_owner(conn, owner_key, options.get("owner_name") or owner_key)
        reader = _Reader(conn, zf, owner_id, options["max_bytes"], totals, options.get("progress"))
        reader.read(plan)
        if not totals.reports:
            raise _nothing_read(name, totals.refused)

    atomically(engine, work)
    return _combined(totals, digest, _label(plan, totals), skipped=len(plan.skipped))


@dataclass
class _Reader:
    conn: sa.Connection
    zf: zipfile.ZipFile
    owner_id: int
    max_bytes: int
    totals: _Totals
    progress: Callable[[int, int], None] | None  # (files read, files in all)

    def read(self, plan: archive.Layout) -> None:
        total = len(plan.members) + (plan.primary is not None)
        links: dict[str, int] = {}
        if plan.kind == "strava":
            parsed = self._file(plan.primary)
            if parsed is not None:
                links = _links(parsed, _strava_workouts(self.conn, self.owner_id))
        elif plan.kind == "apple_health":
            self._health(plan)
        groups: dict[str, Group] = {}
        for info in plan.members:
            self._member(info, links.get(_folded(archive.member_name(info))), groups)
            if self.progress:
                self.progress(self.totals.tried, total)
        for group in groups.values():
            self._flush(group)

    def _file(self, info) -> Parsed | None:
        """Read one file and store it at once; None when it could not be read."""
        found = self._detect(info)
        return self._shape_and_store(info, *found) if found else None

    def _member(self, info, link: int | None, groups: dict[str, Group]) -> None:
        """Read one file; track files join their format's group, others are stored at once."""
        found = self._detect(info)
        if found is None:
            return
        raw, detected, unreadable = found
        if unreadable or not Group.takes(detected):
            self._shape_and_store(info, raw, detected, unreadable)
            return
        group = groups.setdefault(detected.name, Group(detected.name))
        group.add(info.filename, raw, detected, link)
        if len(group) >= GROUP_FILES:
            self._flush(group)

    def _detect(self, info) -> tuple[RawFile, Detected, list] | None:
        self.totals.tried += 1
        try:
            raw = RawFile(
                archive.plain_name(info.filename),
                archive.read_member(self.zf, info, max_bytes=self.max_bytes),
            )
            return (raw, *detect(raw, max_bytes=self.max_bytes))
        except RefusedFile as exc:
            self.totals.refused.append(FileRefusal(info.filename, exc.reason))
            return None

    def _shape_and_store(self, info, raw: RawFile, detected: Detected, unreadable: list):
        started = datetime.now(UTC).replace(tzinfo=None)
        try:
            parsed = shape(detected, unreadable, name=raw.name, today=self.totals.today)
        except RefusedFile as exc:
            self.totals.refused.append(FileRefusal(info.filename, exc.reason))
            return None
        self._store(info.filename, raw.sha256, raw.size, parsed, started)
        return parsed

    def _flush(self, group: Group) -> None:
        if not len(group):
            return
        started = datetime.now(UTC).replace(tzinfo=None)
        combined = combine(group)
        group.clear()
        try:
            parsed = combined.shape(today=self.totals.today)
        except RefusedFile as exc:
            self.totals.refused += [FileRefusal(m, exc.reason) for m in combined.members]
            return
        name, sha256, size = combined.identity
        self._store(name, sha256, size, parsed, started, combined.links(parsed))

    def _health(self, plan: archive.Layout) -> None:
        self.totals.tried += 1
        started = datetime.now(UTC).replace(tzinfo=None)
        digest = hashlib.sha256()
        with archive.open_member(self.zf, plan.primary) as stream:
            hashed = _Hashing(stream, digest)
            detected = apple_health.read_stream(
                hashed, file_name=plan.primary.filename, route=self._route(plan)
            )
        parsed = shape(detected, [], name=plan.primary.filename, today=self.totals.today)
        self._store(plan.primary.filename, digest.hexdigest(), hashed.size, parsed, started)

    def _route(self, plan: archive.Layout):
        def resolve(path: str) -> Track | None:
            info = plan.routes.get(path) or plan.routes.get("/" + path.lstrip("/"))
            if info is None:
                return None
            try:
                data = archive.read_member(self.zf, info, max_bytes=self.max_bytes)
                found = gpx.read_text(data.decode("utf-8-sig"), file_name=info.filename)
            except (RefusedFile, UnicodeDecodeError):
                self.totals.refused.append(FileRefusal(info.filename, "the route is damaged"))
                return None
            return next(iter(found.tracks.values()), None)

        return resolve

    def _store(self, member, sha256, size, parsed: Parsed, started, links=None) -> None:
        report = load_parsed(
            self.conn,
            parsed,
            owner_id=self.owner_id,
            owner_key=self.totals.owner_key,
            name=member,
            digest=(sha256, size),
            started=started,
            batch_name=f"{self.totals.name}/{member}",
            links=links,
        )
        self.totals.reports.append(report)


def _strava_workouts(conn: sa.Connection, owner_id: int) -> dict[str, int]:
    """Strava activity id -> the owner's stored workout (itself, or the one it merged into)."""
    own = sa.select(workouts.c.source_id, workouts.c.id).where(
        workouts.c.owner_id == owner_id, workouts.c.source == "strava"
    )
    merged = sa.select(workout_sources.c.source_id, workout_sources.c.workout_id).where(
        workout_sources.c.owner_id == owner_id, workout_sources.c.source == "strava"
    )
    return {**dict(conn.execute(merged).all()), **dict(conn.execute(own).all())}


def _links(parsed: Parsed, workout_of: dict[str, int]) -> dict[str, int]:
    """Strava's ``Filename`` of each activity (folded for lookup) -> its stored workout."""
    text, frame = parsed.shaped.text, parsed.shaped.frame
    return {
        _folded(ref): workout_of[sid]
        for ref, sid in zip(text["file_ref"], frame["source_id"])
        if ref and sid in workout_of
    }


def _folded(path: str) -> str:
    # Strava writes "activities/123.gpx.gz"; an export unpacked and zipped again adds a folder.
    parts = path.replace("\\", "/").lower().split("/")
    return posixpath.join(*parts[-2:])


def _label(plan: archive.Layout, totals: _Totals) -> str:
    if plan.kind == "strava":
        return f"{_LABELS['strava']}: activities.csv and {len(plan.members):,} activity files"
    kinds = sorted({r.format for r in totals.reports})
    return f"{_LABELS[plan.kind]}: {', '.join(kinds)}" if kinds else _LABELS[plan.kind]


def _combined(totals: _Totals, digest, label: str, *, skipped: int) -> IngestReport:
    reports = totals.reports
    firsts = [r.first_date for r in reports if r.first_date]
    lasts = [r.last_date for r in reports if r.last_date]
    notes = [f"{r.file_name}: {n}" for r in reports for n in r.notes]
    if skipped:
        notes.append(f"{skipped:,} other files of the archive skipped (not workout data)")
    units = {r.unit for r in reports if r.unit}
    return IngestReport(
        file_name=totals.name,
        format=label,
        unit=units.pop() if len(units) == 1 else None,
        rows_read=sum(r.rows_read for r in reports),
        new=sum(r.new for r in reports),
        already_present=sum(r.already_present for r in reports),
        rejected=tuple(replace(i, file=i.file or r.file_name) for r in reports for i in r.rejected),
        warnings=tuple(replace(i, file=i.file or r.file_name) for r in reports for i in r.warnings),
        first_date=min(firsts) if firsts else None,
        last_date=max(lasts) if lasts else None,
        batch_id=reports[0].batch_id,
        sha256=digest[0],
        owner=totals.owner_key,
        notes=tuple(_dedupe_notes(notes)),
        merged=sum(r.merged for r in reports),
        tracks=sum(r.tracks for r in reports),
        files=totals.tried,
        refused_files=tuple(totals.refused),
        batch_ids=tuple(b for r in reports for b in r.batch_ids),
    )


def _dedupe_notes(notes: list[str], limit: int = 12) -> list[str]:
    """The notes once each, the file name dropped when many files say the same thing."""
    seen: dict[str, int] = {}
    for note in notes:
        said = note.split(": ", 1)[-1]
        seen[said] = seen.get(said, 0) + 1
    out = [f"{n} ({c:,} files)" if c > 1 else n for n, c in seen.items()]
    return out[:limit]


def _nothing_read(name: str, refused: list[FileRefusal]) -> RefusedFile:
    shown = "; ".join(f"{r.name}: {r.reason}" for r in refused[:3])
    more = f" (and {len(refused) - 3:,} more)" if len(refused) > 3 else ""
    return RefusedFile(name, f"none of the {len(refused):,} files could be read: {shown}{more}.")


class _Hashing:
    """A stream that hashes what is read through it and counts the bytes."""

    def __init__(self, stream: BinaryIO, digest) -> None:
        self._stream, self._digest, self.size = stream, digest, 0

    def read(self, n: int = -1) -> bytes:
        chunk = self._stream.read(n)
        self._digest.update(chunk)
        self.size += len(chunk)
        return chunk
