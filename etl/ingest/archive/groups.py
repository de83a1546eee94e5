"""Many small track files read as one: their rows validated and loaded together (per-file
overhead would dominate an export of thousands of GPX files), each issue still naming the file
and line it came from, each route and Strava link still tied to its own row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType

import pandas as pd

from etl.formats.base import Detected
from etl.ingest.extract import RawFile
from etl.ingest.parse import Parsed, shape

# Formats whose files hold whole workouts in SI units, so their rows can share one frame.
GROUPED = frozenset({"gpx", "tcx", "fit"})
_SI = {"distance": 1.0, "duration": 1.0}


@dataclass(frozen=True)
class _Item:
    member: str
    sha256: str
    size: int
    detected: Detected
    link: int | None  # the stored workout the file belongs to (Strava's Filename), if any


@dataclass
class Group:
    """Files of one format waiting to be loaded together."""

    name: str
    items: list[_Item] = field(default_factory=list)

    @staticmethod
    def takes(detected: Detected) -> bool:
        """Whether a file's rows can join a group (a track format, in SI units)."""
        return detected.name in GROUPED and dict(detected.factors) == _SI

    def add(self, member: str, raw: RawFile, detected: Detected, link: int | None) -> None:
        self.items.append(_Item(member, raw.sha256, raw.size, detected, link))

    def clear(self) -> None:
        self.items = []

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class Combined:
    """A group's files as one recognised file, with the way back to each file's lines."""

    detected: Detected
    origin: dict[int, tuple[str, int]]  # combined line -> (file, its own line)
    line_links: dict[int, int]  # combined line -> stored workout
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

    def links(self, parsed: Parsed) -> dict[str, int]:
        """Source id -> stored workout, for the rows of files that belong to one."""
        frame = parsed.shaped.frame
        return {
            sid: self.line_links[int(line)]
            for sid, line in zip(frame["source_id"], frame["line"])
            if int(line) in self.line_links
        }

    def _home(self, issue):
        member, line = self.origin.get(issue.line, ("", issue.line))
        return replace(issue, file=member, line=line)


def combine(group: Group) -> Combined:
    """The group's files as one: rows renumbered in order, routes and links keyed alike."""
    frames, origin, links, tracks, notes = [], {}, {}, {}, {}
    line = 0
    for item in group.items:
        frame = item.detected.frame.copy()
        new_lines = list(range(line + 1, line + len(frame) + 1))
        for old, new in zip(frame["line"], new_lines):
            origin[new] = (item.member, int(old))
            if old in item.detected.tracks:
                tracks[new] = item.detected.tracks[old]
        if item.link is not None and new_lines:  # the activity is the file's first workout
            links[new_lines[0]] = item.link
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
        dict(_SI),
        tuple(notes),
        MappingProxyType(tracks),
    )
    members = tuple(i.member for i in group.items)
    digest = hashlib.sha256("".join(i.sha256 for i in group.items).encode()).hexdigest()
    more = f" and {len(members) - 1:,} more {first.label} files" if len(members) > 1 else ""
    identity = (members[0] + more, digest, sum(i.size for i in group.items))
    return Combined(detected, origin, links, members, identity)
