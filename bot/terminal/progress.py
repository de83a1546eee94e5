"""A one-line progress bar on stderr for long ingests."""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


class ProgressBar:
    """Callable progress reporter: ``bar(done, total)`` redraws one line."""

    def __init__(
        self, label: str, *, min_total: int = 0, stream: TextIO | None = None, unit: str = "rows"
    ) -> None:
        self.label = label
        self.unit = unit
        self.min_total = min_total
        self.stream = stream or sys.stderr
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 if total == 0 else done * 100 // total
        if total < self.min_total or percent == self._last:
            return
        self._last = percent
        filled = WIDTH * percent // 100
        bar = "#" * filled + "." * (WIDTH - filled)
        end = "\n" if done >= total else ""
        counts = f"{done:,}/{total:,} {self.unit}"
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d}% {counts}{end}")
        self.stream.flush()
