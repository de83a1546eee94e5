"""The files of a large archive decoded in worker processes, their results taken in archive order.

Decoding (XML, FIT) is nearly all of an archive's reading time and each file is decoded alone,
so a pool of processes shares the cores. Only the decode moves: the parent still reads each
member out of the ZIP (counting what it unpacks against the archive's bound), groups, validates
and stores, and it takes every result in the order of the archive, whatever order the workers
finish in, so what is stored and reported is the same as with one process. Each worker starts
the file's own clock (:func:`etl.limits.time_limit`) around its decode.

Where a pool cannot run (AWS Lambda has no ``/dev/shm`` for its semaphores; a worker killed on
the way) the files are decoded in this process instead, exactly as a small archive is.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from types import MappingProxyType

from etl.errors import RefusedFile
from etl.formats.base import Detected
from etl.ingest.extract import RawFile
from etl.ingest.parse import detect
from etl.limits import time_limit

# Below this many files a pool costs more to start (about a second) than it saves.
POOL_FROM = 64
MAX_WORKERS = 8
# Files handed out ahead of the one awaited: enough to keep every worker busy, few enough that
# their bytes (each up to WORKOUTS_MAX_UPLOAD_MB) stay a bounded amount of memory.
AHEAD_PER_WORKER = 3
AHEAD_BYTES = 256 << 20


class WholeArchive(RefusedFile):
    """A limit of the archive as a whole, not of one of its files: met while reading a member,
    it refuses the archive (nothing stored), pool or not."""


@dataclass(frozen=True)
class Decoded:
    """One member's decode: the file as recognised and the lines it could not split, or the
    reason it was refused."""

    member: str
    raw: RawFile
    detected: Detected | None = None
    unreadable: tuple = ()
    refused: str = ""


@dataclass(frozen=True)
class Pending:
    """A member handed out (or refused before it could be): what :func:`decoded` waits for."""

    member: str
    raw: RawFile | None
    refused: str = ""
    future: Future | None = None


def workers_wanted(requested: int | None, files: int) -> int:
    """How many processes to decode ``files`` files with: ``requested`` when given, else one a
    core this process may use (at most :data:`MAX_WORKERS`); 1 for a small archive or where no
    pool can start."""
    if requested is not None:
        return max(1, requested)
    if files < POOL_FROM or not pool_possible():
        return 1
    return max(1, min(MAX_WORKERS, _cores()))


def pool_possible() -> bool:
    """Whether process pools can work here: on Linux they need ``/dev/shm`` (AWS Lambda has
    none, and its multiprocessing queues fail to start)."""
    return sys.platform != "linux" or os.path.isdir("/dev/shm")


def decode_member(member: str, raw: RawFile, *, max_bytes: int, seconds: float) -> Decoded:
    """Recognise and read one member within its own time limit (in a worker, or here)."""
    try:
        with time_limit(member, seconds):
            detected, unreadable = detect(raw, max_bytes=max_bytes)
    except RefusedFile as exc:
        return Decoded(member, raw, refused=exc.reason)
    return Decoded(member, raw, detected, tuple(unreadable))


class Decoder:
    """Members decoded in order: by a pool of ``workers`` processes, or in this one when
    ``workers`` is 1 or the pool cannot start or breaks."""

    def __init__(self, workers: int, *, max_bytes: int, seconds: float) -> None:
        self.max_bytes, self.seconds = max_bytes, seconds
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            self._pool = _start(workers)

    @property
    def pooled(self) -> bool:
        """Whether a pool of processes is decoding (False: this process does)."""
        return self._pool is not None

    def __enter__(self) -> Decoder:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, members: Iterable[tuple[str, Callable[[], RawFile]]]) -> Iterator[Decoded]:
        """Each member decoded, in the order given. ``members`` pairs a name with a reader of
        its bytes; a reader's :class:`RefusedFile` is that member's refusal, but a
        :class:`WholeArchive` is raised where the member is read, as with one process."""
        if self._pool is None:
            for member, read in members:
                yield self._here(member, read)
            return
        window: deque[Pending] = deque()
        ahead = 0
        for member, read in members:
            window.append(self._submit(member, read))
            ahead += _size(window[-1])
            while window and (len(window) > self.workers * AHEAD_PER_WORKER or ahead > AHEAD_BYTES):
                ahead -= _size(window[0])
                yield self._result(window.popleft())
        while window:
            yield self._result(window.popleft())

    def _here(self, member: str, read: Callable[[], RawFile]) -> Decoded:
        try:
            raw = read()
        except RefusedFile as exc:
            if isinstance(exc, WholeArchive):
                raise
            return Decoded(member, RawFile(member, b""), refused=exc.reason)
        return decode_member(member, raw, max_bytes=self.max_bytes, seconds=self.seconds)

    def _submit(self, member: str, read: Callable[[], RawFile]) -> Pending:
        try:
            raw = read()
        except RefusedFile as exc:
            if isinstance(exc, WholeArchive):
                raise
            return Pending(member, None, exc.reason)
        if self._pool is None:
            return Pending(member, raw)
        try:
            future = self._pool.submit(
                _decode_in_worker, member, raw, max_bytes=self.max_bytes, seconds=self.seconds
            )
        except (OSError, RuntimeError, BrokenProcessPool):  # the workers could not start
            self._stop()
            return Pending(member, raw)
        return Pending(member, raw, future=future)

    def _result(self, pending: Pending) -> Decoded:
        if pending.raw is None:
            return Decoded(pending.member, RawFile(pending.member, b""), refused=pending.refused)
        if pending.future is not None:
            try:
                found = pending.future.result()
            except BrokenProcessPool:
                # A worker died (killed for its memory?): this file and the rest are decoded
                # here, as they would be without a pool.
                self._stop()
            else:
                return _restored(found, pending.raw)
        return decode_member(
            pending.member, pending.raw, max_bytes=self.max_bytes, seconds=self.seconds
        )

    def _stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _start(workers: int) -> ProcessPoolExecutor | None:
    """A pool of ``workers`` processes, or None where one cannot start."""
    if not pool_possible():
        return None
    try:
        return ProcessPoolExecutor(workers, mp_context=_context())
    except (OSError, ImportError, NotImplementedError, ValueError):
        return None


def _context():
    """How workers start: forked when this process runs one thread (the CLI, Lambda), as that is
    fastest and they inherit the loaded modules; else from a fork server (forking a process that
    runs threads, as the Slack bot does, can copy a lock another thread holds into the child)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def _decode_in_worker(member: str, raw: RawFile, *, max_bytes: int, seconds: float) -> Decoded:
    found = decode_member(member, raw, max_bytes=max_bytes, seconds=seconds)
    if found.detected is None:
        return replace(found, raw=_NO_BYTES)
    # A read-only mapping cannot be pickled back; the bytes are the parent's already.
    detected = replace(found.detected, tracks=dict(found.detected.tracks))
    return replace(found, raw=_NO_BYTES, detected=detected)


def _restored(found: Decoded, raw: RawFile) -> Decoded:
    if found.detected is None:
        return replace(found, raw=raw)
    detected = replace(found.detected, tracks=MappingProxyType(found.detected.tracks))
    return replace(found, raw=raw, detected=detected)


def _size(pending: Pending) -> int:
    return 0 if pending.raw is None else pending.raw.size


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_NO_BYTES = RawFile("", b"")
