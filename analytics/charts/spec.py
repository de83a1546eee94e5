"""What a caller needs of the charts before one is drawn, without importing matplotlib: the
rendered image, the bars of a breakdown and the size limits. The drawing modules import these
from here, so a reply that draws nothing never pays for matplotlib."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BARS = 120  # more would be unreadable at 1200 px; the caller totals by a longer unit
MAX_WEEKS = 104  # the weeks chart's longest span


@dataclass(frozen=True)
class ChartImage:
    """A rendered chart: PNG bytes, alt text with its key numbers, and a file name to post."""

    png: bytes
    alt: str
    filename: str


@dataclass(frozen=True)
class Bar:
    """One bar: its name (a month, a weekday...), its value and the text shown for it."""

    name: str
    value: float | None
    shown: str
