"""Many small files read as one: their rows validated and loaded together (per-file overhead
would dominate an export of thousands of GPX files or one-row CSVs), each issue still naming the
file and line it came from, each route and Strava reference still tied to its own row.

Files join a group only with files of the same format, unit and conversion factors, so their
rows can share one frame and one validation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

import pandas as pd

from etl.formats.base import Detected
from etl.ingest.extract import RawFile
from etl.ingest.parse import Parsed, shape

# A group is loaded when it holds this many files or rows: bulk enough that per-file costs
# vanish, small enough that its frame stays a few megabytes.
GROUP_FILES = 100
GROUP_ROWS = 20_000


@dataclass(frozen=True)
class _Item:
    member: str
    sha256: str
    size: int
    detected: Detected
    ref: str | None  # what a Strava activities.csv calls the file (its Filename), if anything


@dataclass
class Group:
    """Files of one format, unit and factors waiting to be loaded together."""

    items: list[_Item] = field(default_factory=list)
    rows: int = 0

    @staticmethod
    def key(detected: Detected) -> tuple:
        """Files whose keys are equal can share a frame."""
        return detected.name, detected.unit, tuple(sorted(dict(detected.factors).items()))

    def add(self, member: str, raw: RawFile, detected: Detected, ref: str | None) -> None:
        self.items.append(_Item(member, raw.sha256, raw.size, detected, ref))
        self.rows += len(detected.frame)

    def full(self) -> bool:
        """Whether the group should be loaded now."""
        return len(self.items) >= GROUP_FILES or self.rows >= GROUP_ROWS

    def clear(self) -> None:
        self.items, self.rows = [], 0

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Combined:
    """A group's files as one recognised file, with the way back to each file's lines."""

    detected: Detected
    origin: dict[int, tuple[str, int]]  # combined line -> (file, its own line)
    line_refs: dict[int, str]  # combined line -> the Strava Filename its file answers to
    members: tuple[str, ...]
    identity: tuple[str, str, int]  # batch file name, fingerprint, bytes

    def shape(self, *, today: date) -> Parsed:
        """Validate and transform the rows; every issue names its own file and line."""
        parsed = shape(self.detected, [], name=self.identity[0], today=today)
        return replace(
            parsed,
            rejected=tuple(self._home(i) for i in parsed.rejected),
            warnings=tuple(self._home(i) for i in parsed.warnings),
        )

    def refs(self, parsed: Parsed) -> dict[str, str]:
        """Source id -> the Strava Filename its file answers to, for rows of such files."""
        frame = parsed.shaped.frame
        return {
            sid: self.line_refs[int(line)]
            for sid, line in zip(frame["source_id"], frame["line"])
            if int(line) in self.line_refs
        }

    def _home(self, issue):
        member, line = self.origin.get(issue.line, ("", issue.line))
        return replace(issue, file=member, line=line)


def combine(group: Group) -> Combined:
    """The group's files as one: rows renumbered in order, routes and references keyed alike."""
    frames, origin, refs, tracks, notes = [], {}, {}, {}, {}
    line = 0
    for item in group.items:
        frame = item.detected.frame.copy()
        new_lines = list(range(line + 1, line + len(frame) + 1))
        for old, new in zip(frame["line"], new_lines):
            origin[new] = (item.member, int(old))
            if old in item.detected.tracks:
                tracks[new] = item.detected.tracks[old]
        if item.ref is not None and new_lines:  # the activity is the file's first workout
            refs[new_lines[0]] = item.ref
        frame["line"] = new_lines
        frames.append(frame)
        notes.update(dict.fromkeys(item.detected.notes))
        line += len(frame)
    first = group.items[0].detected
    detected = Detected(
        first.name,
        first.label,
        first.unit,
        pd.concat(frames, ignore_index=True),
        dict(first.factors),
        tuple(notes),
        MappingProxyType(tracks),
    )
    members = tuple(i.member for i in group.items)
    digest = hashlib.sha256("".join(i.sha256 for i in group.items).encode()).hexdigest()
    more = f" and {len(members) - 1:,} more {first.label} files" if len(members) > 1 else ""
    identity = (members[0] + more, digest, sum(i.size for i in group.items))
    return Combined(detected, origin, refs, members, identity)
