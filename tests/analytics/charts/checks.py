"""Automatic checks of a rendered chart: what a reader would notice at a glance.

:func:`capturing` registers an observer on :data:`analytics.charts.style.RENDER_OBSERVERS` that
records every figure :func:`~analytics.charts.style.render` draws, with what the checks need
measured on the spot (the figure is let go right after). :func:`chart_problems` returns every
problem found as a sentence, so a test asserts ``problems == []`` and sees them all:

- overlap: no two visible, non-empty text artists (tick labels, axis labels, titles,
  annotations, legend texts, text boxes) overlap by more than :data:`OVERLAP_PX`;
- clipped: every visible text lies inside the figure (within :data:`EDGE_PX`);
- range: each date axis covers the period asked, and not more than :data:`RANGE_SLACK` of it
  (at least :data:`MIN_SLACK_DAYS`) beyond it (only when the period is given);
- pace: no tick label of a pace axis (label with min/mi or min/km, or formatter ``style.MSS``)
  is over 59:59;
- png: the PNG decodes at 1200x700;
- alt: the alt text is not empty, states a number and names what the chart shows.

Texts are the ones actually drawn: :class:`~matplotlib.text.Text` draws are recorded while the
figure is drawn once more, so ticks outside the view, empty strings and hidden artists never
count.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from unittest import mock

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image

from analytics.charts import style
from analytics.charts.style import ChartImage
from tests.analytics.charts.conftest import HEIGHT, WIDTH

OVERLAP_PX = 1.5  # texts may touch, not overlap by more than this in both directions
EDGE_PX = 1.0  # how far past the figure edge a text may reach (antialiasing)
RANGE_SLACK = 0.10  # a date axis may reach this share of the period beyond it, in all
MIN_SLACK_DAYS = 3.0  # ...but always at least this many days (a one-day period needs room)
MAX_PACE_MIN = 60.0  # 59:59 is the slowest pace a tick may show
PACE_UNITS = ("min/mi", "min/km")


@dataclass(frozen=True)
class DrawnText:
    """One text as drawn: where it sits (display pixels, origin bottom left) and what it says."""

    text: str
    bbox: Bbox
    role: str  # "x tick", "y tick", "title", "text"... for the messages

    def describe(self) -> str:
        shown = " ".join(self.text.split())
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        return f"{self.role} {shown!r}"


@dataclass(frozen=True)
class DrawnAxes:
    """What the checks need of one axes."""

    name: str
    date_xlim: tuple[datetime, datetime] | None  # None when x is not a date axis
    pace_ticks: tuple[str, ...]  # drawn tick labels of its pace axes (empty if none)


@dataclass
class Capture:
    """One rendered chart: the image and its figure's drawn texts and axes."""

    image: ChartImage
    size: tuple[float, float]  # figure width and height in pixels
    texts: list[DrawnText] = field(default_factory=list)
    axes: list[DrawnAxes] = field(default_factory=list)


def capture(fig: Figure, image: ChartImage) -> Capture:
    """Draw ``fig`` once more and record every text drawn with its extent, and its axes."""
    drawn: dict[int, tuple[Text, Bbox]] = {}
    original = Text.draw

    def recording_draw(self: Text, renderer) -> None:
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn[id(self)] = (self, self.get_window_extent(renderer))

    with mock.patch.object(Text, "draw", recording_draw):
        fig.canvas.draw()
    roles = _roles(fig)
    texts = [DrawnText(t.get_text(), box, roles.get(id(t), "text")) for t, box in drawn.values()]
    axes = [_drawn_axes(ax, i, drawn) for i, ax in enumerate(fig.axes)]
    width, height = fig.bbox.width, fig.bbox.height
    return Capture(image=image, size=(width, height), texts=texts, axes=axes)


@contextlib.contextmanager
def capturing() -> Iterator[list[Capture]]:
    """Record every chart rendered inside the block (in order) in the list yielded."""
    captures: list[Capture] = []

    def observe(fig: Figure, image: ChartImage) -> None:
        captures.append(capture(fig, image))

    style.RENDER_OBSERVERS.append(observe)
    try:
        yield captures
    finally:
        style.RENDER_OBSERVERS.remove(observe)


def chart_problems(
    shot: Capture,
    *,
    period: tuple[date, date] | None = None,
    subject: Sequence[str] = (),
) -> list[str]:
    """Every problem found on one chart (see the module docstring); [] when none.

    ``period`` (first and last day) is what date axes should cover; ``subject`` are words of
    which the alt text should contain one (what the chart shows)."""
    return [
        *overlaps(shot.texts),
        *clipped(shot.texts, shot.size),
        *range_problems(shot.axes, period),
        *pace_problems(shot.axes),
        *png_problems(shot.image),
        *alt_problems(shot.image.alt, subject),
    ]


def overlaps(texts: Sequence[DrawnText]) -> list[str]:
    """Pairs of texts overlapping by more than OVERLAP_PX in both directions."""
    found = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            dx = min(a.bbox.x1, b.bbox.x1) - max(a.bbox.x0, b.bbox.x0)
            dy = min(a.bbox.y1, b.bbox.y1) - max(a.bbox.y0, b.bbox.y0)
            if dx > OVERLAP_PX and dy > OVERLAP_PX:
                found.append(f"overlap: {a.describe()} and {b.describe()} ({dx:.0f}x{dy:.0f} px)")
    return found


def clipped(texts: Sequence[DrawnText], size: tuple[float, float]) -> list[str]:
    """Texts reaching past the figure's edge."""
    width, height = size
    found = []
    for t in texts:
        box = t.bbox
        past = {
            "left": -box.x0,
            "right": box.x1 - width,
            "bottom": -box.y0,
            "top": box.y1 - height,
        }
        edges = [f"{edge} by {px:.0f} px" for edge, px in past.items() if px > EDGE_PX]
        if edges:
            found.append(f"clipped: {t.describe()} past the {', '.join(edges)}")
    return found


def range_problems(axes: Sequence[DrawnAxes], period: tuple[date, date] | None) -> list[str]:
    """Date axes that miss part of ``period`` or reach too far beyond it."""
    if period is None:
        return []
    first = pd.Timestamp(period[0])
    last = pd.Timestamp(period[1]) + pd.Timedelta(days=1)  # the last day, whole
    span = (last - first) / pd.Timedelta(days=1)
    slack = max(RANGE_SLACK * span, MIN_SLACK_DAYS)
    found = []
    date_axes = [a for a in axes if a.date_xlim is not None]
    for ax in date_axes:
        low, high = (pd.Timestamp(d) for d in ax.date_xlim)
        shown = f"{low.date()} to {high.date()}"
        asked = f"{period[0]} to {period[1]}"
        if low > first + pd.Timedelta(hours=12) or high < last - pd.Timedelta(hours=12):
            found.append(f"range: {ax.name} shows {shown}, not all of {asked}")
        extra = ((first - low) / pd.Timedelta(days=1)) + ((high - last) / pd.Timedelta(days=1))
        if extra > slack:
            found.append(
                f"range: {ax.name} shows {shown}, {extra:.0f} days beyond {asked} "
                f"(at most {slack:.0f})"
            )
    return found


def pace_problems(axes: Sequence[DrawnAxes]) -> list[str]:
    """Pace tick labels slower than 59:59 (or not m:ss at all)."""
    found = []
    for ax in axes:
        bad = [t for t in ax.pace_ticks if _minutes(t) is None or _minutes(t) >= MAX_PACE_MIN]
        if bad:
            found.append(f"pace: {ax.name} has pace ticks over 59:59: {', '.join(bad)}")
    return found


def png_problems(image: ChartImage) -> list[str]:
    """A PNG that does not decode, or not at WIDTH x HEIGHT."""
    try:
        with Image.open(BytesIO(image.png)) as decoded:
            decoded.load()
            width, height = decoded.size
    except Exception as exc:  # any decoding failure is the problem reported
        return [f"png: does not decode ({type(exc).__name__}: {exc})"]
    if (width, height) != (WIDTH, HEIGHT):
        return [f"png: {width}x{height}, not {WIDTH}x{HEIGHT}"]
    return []


def alt_problems(alt: str, subject: Sequence[str] = ()) -> list[str]:
    """Alt text that is empty, states no number or does not say what the chart shows."""
    if not alt.strip():
        return ["alt: empty"]
    found = []
    if not re.search(r"\d", alt):
        found.append(f"alt: states no number: {alt!r}")
    if subject and not any(word.lower() in alt.lower() for word in subject):
        found.append(f"alt: says none of {', '.join(subject)}: {alt!r}")
    if len(re.findall(r"[A-Za-z]{3,}", alt)) < 3:
        found.append(f"alt: too few words to say what the chart shows: {alt!r}")
    return found


def _roles(fig: Figure) -> dict[int, str]:
    """What each known text is, for the messages."""
    roles: dict[int, str] = {}
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        text = getattr(fig, name, None)
        if text is not None:
            roles[id(text)] = name.strip("_").replace("sup", "figure ")
    for legend in fig.legends:
        roles.update((id(t), "legend") for t in legend.get_texts())
    for ax in fig.axes:
        for axis, letter in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            roles[id(axis.label)] = f"{letter} label"
            roles[id(axis.offsetText)] = f"{letter} offset"
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                roles[id(tick.label1)] = roles[id(tick.label2)] = f"{letter} tick"
        for title in (ax.title, ax._left_title, ax._right_title):
            roles[id(title)] = "title"
        legend = ax.get_legend()
        if legend is not None:
            roles.update((id(t), "legend") for t in legend.get_texts())
    return roles


def _is_date_axis(ax: Axes) -> bool:
    locator, formatter = ax.xaxis.get_major_locator(), ax.xaxis.get_major_formatter()
    date_formatters = (mdates.DateFormatter, mdates.ConciseDateFormatter, mdates.AutoDateFormatter)
    return isinstance(locator, mdates.DateLocator) or isinstance(formatter, date_formatters)


def _is_pace_axis(axis) -> bool:
    label = axis.get_label_text()
    return any(u in label for u in PACE_UNITS) or axis.get_major_formatter() is style.MSS


def _drawn_axes(ax: Axes, index: int, drawn: dict[int, tuple[Text, Bbox]]) -> DrawnAxes:
    title = ax.get_title() or ax.get_ylabel() or f"axes {index + 1}"
    name = f"axes {index + 1} ({' '.join(title.split())[:40]})"
    date_xlim = None
    if _is_date_axis(ax):
        low, high = ax.get_xlim()
        date_xlim = (mdates.num2date(low).replace(tzinfo=None), mdates.num2date(high))
        date_xlim = (date_xlim[0], date_xlim[1].replace(tzinfo=None))
    pace: list[str] = []
    for axis in (ax.xaxis, ax.yaxis):
        if _is_pace_axis(axis):
            ticks = axis.get_major_ticks() + axis.get_minor_ticks()
            for tick in ticks:
                for label in (tick.label1, tick.label2):
                    if id(label) in drawn:
                        pace.append(label.get_text())
    return DrawnAxes(name=name, date_xlim=date_xlim, pace_ticks=tuple(pace))


def _minutes(text: str) -> float | None:
    """Minutes of an m:ss or h:mm:ss label; None when it is neither."""
    parts = text.strip().replace("\u2212", "-").split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return None
    values = [int(p) for p in parts]
    if len(values) == 2:
        return values[0] + values[1] / 60
    return values[0] * 60 + values[1] + values[2] / 60
