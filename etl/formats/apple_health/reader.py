"""Apple Health exports (``export.xml``): running, walking and hiking workouts, streamed.

A real export is gigabytes: millions of ``<Record>`` samples (steps, heart rate...) and a few
thousand ``<Workout>`` elements. It is parsed as a stream, chunk by chunk, and every finished
top-level element is dropped from the tree at once, so memory stays flat whatever the size: only
the kept workouts' rows survive. Two known defects of Apple's files are tolerated: the internal
DTD of iOS 16 exports is malformed (an unclosed ``<!ATTLIST``), so the DTD is blanked before
parsing (nothing in it is needed); and some exports hold control characters XML forbids, which
are dropped. Route files (``workout-routes/*.gpx``) are read by the caller's ``route`` resolver.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from collections.abc import Callable
from types import MappingProxyType
from typing import BinaryIO
from zipfile import BadZipFile

from etl.errors import RefusedFile
from etl.formats.apple_health.workout import kept_type, kind_name, route_path, workout_row
from etl.formats.base import Detected, Track, canonical_frame
from etl.formats.xml_docs import parse_refusal
from etl.limits import MAX_XML_DEPTH, MAX_XML_RUN, check_time, megabytes, over_limit

NAME = "apple_health"
LABEL = "Apple Health export"
CHUNK = 1 << 20
ROOT = "HealthData"
HEAD_BYTES = 65_536  # what looks_like needs: the root follows a DTD of about 10 KB
HINT = "Export it again from the Health app (your profile picture, Export All Health Data)."

_ROOT_START = re.compile(rb"<HealthData[\s>/]")
_HEAD_LIMIT = 4 * CHUNK  # where to stop looking for the root element (the DTD is ~10 KB)
# Control characters XML 1.0 forbids (tab, newline and carriage return are allowed).
_FORBIDDEN = bytes(c for c in range(32) if c not in (9, 10, 13))


def looks_like(head: bytes) -> bool:
    """Whether the first bytes (``HEAD_BYTES``) are an Apple Health ``export.xml``."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") and (
        b"<!DOCTYPE HealthData" in text or _ROOT_START.search(text) is not None
    )


def read_stream(
    stream: BinaryIO, *, file_name: str, route: Callable[[str], Track | None] | None = None
) -> Detected:
    """The running, walking and hiking workouts of an export, with their routes when ``route``
    resolves a ``FileReference`` path to a :class:`Track`. Damage is refused, nothing partial."""
    scan = _Scan(file_name)
    scan.parse(stream)
    if not scan.rows:
        others = sum(scan.others.values())
        held = f"it holds {_count(others, 'other workout')}" if others else "no workouts at all"
        raise RefusedFile(
            file_name,
            f"the Apple Health export has no running, walking or hiking workouts ({held}).",
            "Only runs, walks and hikes are read from Apple Health.",
        )
    lines = list(range(1, len(scan.rows) + 1))
    columns = {name: [r[name] for r in scan.rows] for name in scan.rows[0]}
    tracks = _routes(scan.routes, route) if route else {}
    return Detected(
        NAME,
        LABEL,
        "km",
        canonical_frame(columns, lines),
        {"distance": 1.0, "duration": 1.0},
        _notes(scan.others),
        MappingProxyType(tracks),
    )


class _Scan:
    """The state of one pass over the document: kept rows, other kinds, route paths."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.rows: list[dict[str, str]] = []
        self.others: Counter[str] = Counter()
        self.routes: dict[int, str] = {}  # row line -> route file path
        self.lines = 1  # lines fed so far, for refusals the parser cannot place
        self.depth = 0
        self.quiet = 0  # bytes fed since the last element started or ended
        self.root: ET.Element | None = None

    def parse(self, stream: BinaryIO) -> None:
        """Feed the whole stream; a damaged document or stream becomes a refusal."""
        parser = ET.XMLPullParser(events=("start", "end"))
        try:
            chunk = self._io(_prologue, stream)
            while chunk:
                check_time()
                chunk = chunk.translate(None, _FORBIDDEN)
                self._io(parser.feed, chunk)
                self.lines += chunk.count(b"\n")
                self.quiet += len(chunk)
                self._consume(parser)
                chunk = self._io(stream.read, CHUNK)
            parser.close()
            self._consume(parser)
        except ET.ParseError as exc:  # raised by read_events() or close(), not feed()
            if "amplification" in str(exc) or "undefined entity" in str(exc):
                raise parse_refusal(exc, self.file_name, "the export", HINT) from None
            self._refuse(exc.position[0])

    def _io(self, step: Callable, argument):
        # A cut or corrupt compressed stream, or an encoding expat cannot read, is refused too.
        try:
            return step(argument)
        except (EOFError, OSError, LookupError, ValueError, zlib.error, BadZipFile) as exc:
            self._refuse(self.lines, f" ({exc})")

    def _consume(self, parser: ET.XMLPullParser) -> None:
        depth, root = self.depth, self.root
        for event, elem in parser.read_events():
            self.quiet = 0
            if event == "start":
                depth += 1
                if depth == 1:
                    root = self._root(elem)
                elif depth > MAX_XML_DEPTH:
                    raise over_limit(
                        self.file_name,
                        f"its elements nest deeper than {MAX_XML_DEPTH} levels.",
                        HINT,
                    )
                continue
            depth -= 1
            if depth == 1:
                # A finished top-level element: use it if it is a workout, then drop it (and
                # everything before it) from the tree; its children go with it.
                if elem.tag == "Workout":
                    self._workout(elem)
                elem.clear()
                root.clear()
        self.depth, self.root = depth, root
        if self.quiet > MAX_XML_RUN:
            # Text between elements is held until the next one starts: bound it as it grows.
            raise over_limit(
                self.file_name,
                f"near line {self.lines} it holds more than {megabytes(MAX_XML_RUN)} of XML "
                "without an element starting or ending.",
                HINT,
            )

    def _root(self, elem: ET.Element) -> ET.Element:
        if elem.tag != ROOT:
            raise RefusedFile(
                self.file_name,
                f"the file is not an Apple Health export (its root element is <{elem.tag}>).",
                HINT,
            )
        return elem

    def _workout(self, elem: ET.Element) -> None:
        workout_type = elem.get("workoutActivityType", "")
        if kept_type(workout_type) is None:
            self.others[kind_name(workout_type)] += 1
            return
        self.rows.append(workout_row(elem))
        path = route_path(elem)
        if path:
            self.routes[len(self.rows)] = path

    def _refuse(self, line: int, detail: str = "") -> None:
        raise RefusedFile(
            self.file_name,
            f"the Apple Health export is damaged or cut short near line {line}{detail}.",
            HINT,
        ) from None


def _prologue(stream: BinaryIO) -> bytes:
    """The first bytes up to the root element, with the internal DTD blanked to its newlines
    (so the parser's line numbers still match the file)."""
    head = stream.read(CHUNK)
    found = _ROOT_START.search(head)
    while found is None and len(head) < _HEAD_LIMIT:
        more = stream.read(CHUNK)
        if not more:
            break
        head += more
        found = _ROOT_START.search(head)
    doctype = head.find(b"<!DOCTYPE")
    if found is None or not 0 <= doctype < found.start():
        return head
    blanked = b"\n" * head.count(b"\n", doctype, found.start())
    return head[:doctype] + blanked + head[found.start() :]


def _routes(paths: dict[int, str], route: Callable[[str], Track | None]) -> dict[int, Track]:
    # Resolved only once the whole document parsed: a damaged file reads no route files.
    found = {line: route(path) for line, path in paths.items()}
    return {line: track for line, track in found.items() if track is not None}


def _notes(others: Counter[str]) -> tuple[str, ...]:
    if not others:
        return ()
    kinds = ", ".join(f"{kind} {n}" for kind, n in others.most_common())
    return (f"skipped {_count(sum(others.values()), 'workout')} of other kinds ({kinds})",)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
