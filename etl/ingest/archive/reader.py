"""Ingesting an archive (a Strava export, an Apple Health export.zip, a ZIP of export files):
every file read on its own, all stored in one transaction.

A file that cannot be read is listed in the report with its reason and the rest are stored; only
when no file at all can be read is the archive refused. In a Strava export each activity's own
GPX/FIT/TCX file (named by ``activities.csv``'s ``Filename``) is merged into that activity,
adding its route and whatever the CSV lacks.

Reading comes first and writing after: every file is read, validated and kept on disk (its rows
and routes could be gigabytes) before the one write transaction starts, so a long archive never
holds the store's write lock while it is parsed. Small files of one format are read in groups
(:mod:`.groups`). A large archive's files are decoded in a pool of processes
(:mod:`.decoding`), their results taken in archive order, so what is stored is the same. Each
file has its own time limit; the whole archive's unpacked bytes are counted as they stream,
against ``WORKOUTS_MAX_INFLATED_MB``.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import posixpath
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType
from typing import BinaryIO

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.dates import utc_now
from etl.db.owners import ensure_owner
from etl.db.schema import workout_sources, workouts
from etl.errors import RefusedFile
from etl.formats import apple_health, gpx
from etl.formats.base import Detected, Track
from etl.ingest.archive import layout as archive
from etl.ingest.archive.decoding import (
    Decoded,
    Decoder,
    WholeArchive,
    decode_member,
    workers_wanted,
)
from etl.ingest.archive.groups import Group, combine
from etl.ingest.extract import RawFile
from etl.ingest.parse import Parsed, shape
from etl.ingest.store import atomically, load_parsed
from etl.limits import DEFAULT_SECONDS, megabytes, time_limit
from etl.report import FileRefusal, IngestReport

DEFAULT_INFLATED = 16 << 30
_LABELS = {
    "strava": "Strava export (ZIP)",
    "apple_health": "Apple Health export (ZIP)",
    "files": "ZIP of export files",
}


@dataclass(frozen=True)
class _Bounds:
    """How much one archive may hold: a file's bytes, its time, and all it unpacks to."""

    max_bytes: int
    seconds: float
    inflated: int


@dataclass
class _Totals:
    """What the archive's files added up to, file by file."""

    name: str
    owner_key: str
    today: date
    reports: list[IngestReport] = field(default_factory=list)
    refused: list[FileRefusal] = field(default_factory=list)
    tried: int = 0  # files read or refused
    inflated: int = 0  # bytes unpacked so far


@dataclass(frozen=True)
class _Unit:
    """One batch to write: a file (or a group of files) read and validated, and the Strava
    ``Filename`` each of its rows answers to."""

    member: str
    sha256: str
    size: int
    started: datetime
    parsed: Parsed
    refs: dict[str, str] = field(default_factory=dict)  # source id -> folded Filename
    primary: bool = False  # Strava's activities.csv: once stored, the references resolve


def ingest_zip(engine: Engine, zf: zipfile.ZipFile, *, name: str, digest, **options):
    """Ingest every readable file of a ZIP for one owner; see the module docstring.

    ``decode_workers`` (an option) sets the processes that decode its files; by default one a
    core for a large archive where a pool can start, else this process alone."""
    plan = archive.layout(zf, name=name)
    owner_key = options["owner_key"]
    totals = _Totals(name, owner_key, options.get("today") or date.today())
    bounds = _Bounds(
        options["max_bytes"],
        options.get("max_seconds") or DEFAULT_SECONDS,
        options.get("max_inflated_bytes") or DEFAULT_INFLATED,
    )
    with _Spill() as spill:
        reader = _Reader(zf, bounds, totals, spill, options.get("progress"))
        reader.read(plan, workers=options.get("decode_workers"))
        if not spill.count:
            raise _nothing_read(name, totals.refused)

        def work(conn: sa.Connection) -> None:
            totals.reports.clear()
            owner_id = ensure_owner(conn, owner_key, options.get("owner_name") or owner_key)
            _write(conn, spill, owner_id, totals)

        atomically(engine, work)
    return _combined(totals, digest, _label(plan, totals), skipped=len(plan.skipped))


def _write(conn: sa.Connection, spill: _Spill, owner_id: int, totals: _Totals) -> None:
    """Store every unit in order on ``conn``; Strava references resolve once the activities are
    stored (a file's workout is the activity that names it)."""
    workout_of_ref: dict[str, int] = {}
    for unit in spill:
        links = {s: workout_of_ref[r] for s, r in unit.refs.items() if r in workout_of_ref}
        report = load_parsed(
            conn,
            unit.parsed,
            owner_id=owner_id,
            owner_key=totals.owner_key,
            name=unit.member,
            digest=(unit.sha256, unit.size),
            started=unit.started,
            batch_name=f"{totals.name}/{unit.member}",
            links=links or None,
        )
        totals.reports.append(report)
        if unit.primary:
            workout_of_ref = _links(unit.parsed, _strava_workouts(conn, owner_id))


@dataclass
class _Reader:
    """The reading pass: no database, every file read and validated into the spill."""

    zf: zipfile.ZipFile
    bounds: _Bounds
    totals: _Totals
    spill: _Spill
    progress: Callable[[int, int], None] | None  # (files read, files in all)

    def read(self, plan: archive.Layout, *, workers: int | None = None) -> None:
        """Read the archive's files in order (``workers``: processes decoding its members)."""
        total = len(plan.members) + (plan.primary is not None)
        if plan.kind == "strava":
            found = self._detect(plan.primary)
            if found is not None:
                self._shape(plan.primary, *found, primary=True)
        elif plan.kind == "apple_health":
            self._health(plan)
        groups: dict[tuple, Group] = {}
        wanted = workers_wanted(workers, len(plan.members))
        bounds = self.bounds
        with Decoder(wanted, max_bytes=bounds.max_bytes, seconds=bounds.seconds) as decoder:
            members = ((info.filename, functools.partial(self._raw, info)) for info in plan.members)
            for info, found in zip(plan.members, decoder.run(members), strict=True):
                self._member(info, found, groups, strava=plan.kind == "strava")
                if self.progress:
                    self.progress(self.totals.tried, total)
        for group in groups.values():
            self._flush(group)

    def _member(self, info, found: Decoded, groups: dict[tuple, Group], *, strava: bool) -> None:
        """Take one decoded file; it joins the group of its format unless it has unreadable
        lines."""
        if found.refused:
            self.totals.refused.append(FileRefusal(info.filename, found.refused))
            return
        raw, detected, unreadable = found.raw, found.detected, list(found.unreadable)
        if unreadable:
            self._shape(info, raw, detected, unreadable)
            return
        group = groups.setdefault(Group.key(detected), Group())
        ref = _folded(archive.member_name(info)) if strava else None
        group.add(info.filename, raw, detected, ref)
        if group.full():
            self._flush(group)

    def _raw(self, info) -> RawFile:
        """A member's bytes, counted against the archive's bound (past it, the archive is
        refused whole: :class:`WholeArchive`)."""
        self.totals.tried += 1
        data = archive.read_member(self.zf, info, max_bytes=self.bounds.max_bytes)
        self._unpacked(len(data))
        return RawFile(archive.plain_name(info.filename), data)

    def _detect(self, info) -> tuple[RawFile, Detected, list] | None:
        try:
            raw = self._raw(info)
        except WholeArchive:
            raise
        except RefusedFile as exc:
            self.totals.refused.append(FileRefusal(info.filename, exc.reason))
            return None
        found = decode_member(
            info.filename, raw, max_bytes=self.bounds.max_bytes, seconds=self.bounds.seconds
        )
        if found.refused:
            self.totals.refused.append(FileRefusal(info.filename, found.refused))
            return None
        return raw, found.detected, list(found.unreadable)

    def _shape(self, info, raw, detected: Detected, unreadable: list, *, primary=False) -> None:
        started = utc_now()
        try:
            with time_limit(info.filename, self.bounds.seconds):
                parsed = shape(detected, unreadable, name=raw.name, today=self.totals.today)
        except RefusedFile as exc:
            self.totals.refused.append(FileRefusal(info.filename, exc.reason))
            return
        unit = _Unit(info.filename, raw.sha256, raw.size, started, parsed, primary=primary)
        self.spill.add(unit)

    def _flush(self, group: Group) -> None:
        if not len(group):
            return
        started = utc_now()
        combined = combine(group)
        group.clear()
        name, sha256, size = combined.identity
        try:
            with time_limit(name, self.bounds.seconds):
                parsed = combined.shape(today=self.totals.today)
        except RefusedFile as exc:
            self.totals.refused += [FileRefusal(m, exc.reason) for m in combined.members]
            return
        self.spill.add(_Unit(name, sha256, size, started, parsed, combined.refs(parsed)))

    def _health(self, plan: archive.Layout) -> None:
        self.totals.tried += 1
        started = utc_now()
        digest = hashlib.sha256()
        with (
            time_limit(plan.primary.filename, self.bounds.seconds),
            archive.open_member(self.zf, plan.primary) as stream,
        ):
            counted = _Counting(stream, digest, self._unpacked)
            detected = apple_health.read_stream(
                counted, file_name=plan.primary.filename, route=self._route(plan)
            )
            parsed = shape(detected, [], name=plan.primary.filename, today=self.totals.today)
        unit = _Unit(plan.primary.filename, digest.hexdigest(), counted.size, started, parsed)
        self.spill.add(unit)

    def _route(self, plan: archive.Layout):
        def resolve(path: str) -> Track | None:
            info = plan.routes.get(path) or plan.routes.get("/" + path.lstrip("/"))
            if info is None:
                return None
            try:
                data = archive.read_member(self.zf, info, max_bytes=self.bounds.max_bytes)
                self._unpacked(len(data))
                found = gpx.read_text(data.decode("utf-8-sig"), file_name=info.filename)
            except (RefusedFile, UnicodeDecodeError) as exc:
                if isinstance(exc, WholeArchive):
                    raise
                self.totals.refused.append(FileRefusal(info.filename, "the route is damaged"))
                return None
            return next(iter(found.tracks.values()), None)

        return resolve

    def _unpacked(self, size: int) -> None:
        """Count ``size`` more bytes unpacked; past the limit the whole archive is refused."""
        self.totals.inflated += size
        if self.totals.inflated > self.bounds.inflated:
            raise WholeArchive(
                self.totals.name,
                f"it unpacks to more than {megabytes(self.bounds.inflated)} "
                "(WORKOUTS_MAX_INFLATED_MB); nothing was stored.",
                "Split the archive, or raise WORKOUTS_MAX_INFLATED_MB.",
            )


class _Spill:
    """Units kept in a temporary file between reading and writing: an archive's routes can be
    gigabytes in memory, one unit at a time is a few megabytes."""

    def __init__(self) -> None:
        # Closed by __exit__: the spill is itself the context manager.
        self._file = tempfile.TemporaryFile(prefix="workouts-spill-")  # noqa: SIM115
        self.count = 0

    def __enter__(self) -> _Spill:
        return self

    def __exit__(self, *exc) -> None:
        self._file.close()

    def add(self, unit: _Unit) -> None:
        detected = unit.parsed.detected
        # The text frame is not needed once validated, and a read-only mapping cannot pickle.
        light = replace(detected, frame=detected.frame.iloc[:0], tracks=dict(detected.tracks))
        pickle.dump(replace(unit, parsed=replace(unit.parsed, detected=light)), self._file, 5)
        self.count += 1

    def __iter__(self) -> Iterator[_Unit]:
        self._file.seek(0)
        for _ in range(self.count):
            unit = pickle.load(self._file)  # written by this process, a moment ago
            detected = unit.parsed.detected
            restored = replace(detected, tracks=MappingProxyType(detected.tracks))
            yield replace(unit, parsed=replace(unit.parsed, detected=restored))


class _Counting:
    """A stream that hashes and counts what is read through it, telling ``count`` each time."""

    def __init__(self, stream: BinaryIO, digest, count: Callable[[int], None]) -> None:
        self._stream, self._digest, self._count, self.size = stream, digest, count, 0

    def read(self, n: int = -1) -> bytes:
        chunk = self._stream.read(n)
        self._digest.update(chunk)
        self.size += len(chunk)
        self._count(len(chunk))
        return chunk


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
