"""Each owner's classified history kept in memory between questions, for a warm process.

An entry is keyed by the store (the engine) and the owner, so one user never sees another's
rows, and holds the owner's data version (``owners.data_version``) it was loaded at. Every
write that changes what an answer reads (an ingest, a label, a life event, a model run, units)
bumps that version in its own transaction, so one cheap query tells whether the entry is still
good, in this process or in another one on the same store. Least recently used entries go first
once there are more than :data:`MAX_OWNERS` of them or they hold more than :data:`MAX_BYTES`.

The cached frame is shared by the questions that read it: answers must not change it in place
(pandas' copy-on-write keeps derived frames apart; assigning a column to it would not).
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.classification import Classified, load_classified
from etl.db.owners import data_stamp

MAX_OWNERS = 16
MAX_BYTES = 512 * 1024 * 1024  # a million-workout owner is ~270 MB; a 15-year one ~1 MB


@dataclass(frozen=True)
class _Entry:
    engine: weakref.ref
    stamp: tuple[int, int]
    classified: Classified
    size: int


class HistoryCache:
    """Classified histories by (engine, owner), each valid while the owner's data version holds."""

    def __init__(self, *, max_owners: int = MAX_OWNERS, max_bytes: int = MAX_BYTES) -> None:
        self.max_owners, self.max_bytes = max_owners, max_bytes
        self._entries: OrderedDict[tuple[int, str], _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def classified(
        self,
        engine: Engine,
        owner_key: str,
        load: Callable[[Engine, str], Classified] = load_classified,
    ) -> Classified:
        """The owner's classified history: the kept one when their data has not changed since,
        else ``load``-ed (and kept) anew."""
        stamp = data_stamp(engine, owner_key)
        key = (id(engine), owner_key)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.engine() is engine and entry.stamp == stamp:
                self._entries.move_to_end(key)
                return entry.classified
        # The version is read before the rows: a write in between only makes the entry stale.
        classified = load(engine, owner_key)
        if classified.retrained and stamp is not None:
            # Saving the new model bumped the version: one step on means no one else wrote.
            after = data_stamp(engine, owner_key)
            stamp = after if after == (stamp[0], stamp[1] + 1) else stamp
        if stamp is not None:
            self._keep(key, _Entry(weakref.ref(engine), stamp, classified, entry_bytes(classified)))
        return classified

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def _keep(self, key: tuple[int, str], entry: _Entry) -> None:
        with self._lock:
            self._entries.pop(key, None)
            self._entries[key] = entry
            total = sum(e.size for e in self._entries.values())
            while len(self._entries) > 1 and (
                len(self._entries) > self.max_owners or total > self.max_bytes
            ):
                _, dropped = self._entries.popitem(last=False)
                total -= dropped.size
            if entry.size > self.max_bytes:  # too big to keep at all
                self._entries.pop(key, None)


def entry_bytes(classified: Classified) -> int:
    """The frame's bytes: its arrays, and the strings and other objects they point to, each
    shared one counted once (a label column of a million rows points at three strings).

    The objects are judged from an even sample of each column, so this costs microseconds
    whatever the size: a column whose sample repeats its objects is counted as those objects,
    one whose sample does not (ids, notes) as a row each of the sample's mean size.
    """
    frame = classified.frame
    total = int(frame.memory_usage(deep=False).sum())
    for _, column in frame.items():
        if column.dtype.kind == "O":  # object and str columns hold pointers to Python objects
            total += _objects_bytes(column.to_numpy(dtype=object))
    return total


def _objects_bytes(values) -> int:
    if len(values) == 0:
        return 0
    sample = values[:: max(1, len(values) // _SAMPLE)]
    distinct = {id(v): v for v in sample}
    if len(distinct) * 10 <= len(sample):
        return sum(sys.getsizeof(v) for v in distinct.values())
    return round(len(values) * sum(sys.getsizeof(v) for v in sample) / len(sample))


_SAMPLE = 2000
HISTORIES = HistoryCache()  # the process's
