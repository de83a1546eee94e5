"""The one look every chart shares, and the plumbing from a figure to PNG bytes.

Charts are drawn with the object-oriented API (:class:`~matplotlib.figure.Figure` on an Agg
canvas), never pyplot: there is no global figure registry to leak into, no GUI backend to pick
and nothing shown. The style lives in :data:`RC` and is applied per chart by :func:`styled`, so a
chart never changes the process's matplotlib settings. Sizes suit a Slack preview: 1200x700 px,
fonts large enough to read when the preview is scaled down.

Classes keep their colour everywhere (Okabe-Ito, safe for colour-blind readers): run blue, dog
walk orange, run-walk green, outlier vermillion (with an ``x`` marker, so it never depends on
colour alone) and every non-foot class (ride, swim, gym...) one grey. Pace axes show min/mi or
min/km as m:ss and run upwards to faster, so "up" always means "better" for pace.
"""

from __future__ import annotations

import functools
import re
import textwrap
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from io import BytesIO
from typing import ParamSpec, TypeVar

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba_array
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, Locator, NullFormatter, NullLocator

from analytics import frame as wf
from analytics.charts.spec import ChartImage as ChartImage  # re-exported

WIDTH_IN, HEIGHT_IN, DPI = 12.0, 7.0, 100  # 1200x700 px
PNG_COMPRESSION = 3  # zlib level: 6 (the default) takes twice as long for 10% smaller files
MARGINS = {"left": 0.08, "right": 0.98, "top": 0.9, "bottom": 0.1, "hspace": 0.12, "wspace": 0.12}
NON_FOOT = "non_foot"
PALETTE = {
    wf.RUN: "#0072B2",
    wf.WALK: "#E69F00",
    wf.RUN_WALK: "#009E73",
    wf.OUTLIER: "#D55E00",
    NON_FOOT: "#8C8C8C",
}
GROUPS = (wf.RUN, wf.RUN_WALK, wf.WALK, wf.OUTLIER, NON_FOOT)  # stacking order
GROUP_NAMES = {**{g: wf.display_name(g) for g in GROUPS[:4]}, NON_FOOT: "other activity"}
MARKERS = {wf.OUTLIER: "x"}  # never colour alone: outliers are crosses everywhere
INK, MUTED, HIGHLIGHT, SHADE = "#222222", "#666666", "#CC3311", "#FFF3C4"
# min per unit, for log pace axes (PaceLogLocator thins them to fit)
NICE_PACES = (
    0.25,
    0.5,
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    9,
    10,
    12,
    15,
    20,
    25,
    30,
    40,
    60,
    90,
    120,
    180,
    240,
)
TITLE_WRAP, TITLE_LINE = 88, 0.042  # characters per line, and a line's height, at title size
PACE_MAX = 60.0  # min per unit: a pace axis stops short of an hour, so m:ss always fits
REACH = 3.0  # robust limits keep values within this many IQRs of the quartiles (Tukey far out)
MARGIN = 0.06  # share of the span added on each side of robust limits
OUTSIDE = "#555555"  # the edge markers of values beyond an axis
RC = {
    "font.size": 13,
    "axes.titlesize": 16,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#BBBBBB",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.8,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "legend.fontsize": 11,
    "legend.frameon": False,
    "figure.titlesize": 16,
    "figure.titleweight": "bold",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "lines.linewidth": 2.0,
}
_LOCK = threading.RLock()  # rc_context and Agg text rendering are process-global
P = ParamSpec("P")
R = TypeVar("R")


def styled(draw: Callable[P, R]) -> Callable[P, R]:
    """Run a chart function under the shared style, one chart at a time (thread-safe)."""

    @functools.wraps(draw)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with _LOCK, mpl.rc_context(RC):
            return draw(*args, **kwargs)

    return wrapper


def new_figure(**margins: float) -> Figure:
    """A blank 1200x700 figure on an Agg canvas with fixed margins (figure fractions).

    Fixed rather than constrained layout: the size never changes, so margins chosen once per
    chart fit every time, and constrained layout would cost a whole extra drawing pass.
    ``margins`` override :data:`MARGINS` (left, right, top, bottom, hspace, wspace)."""
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(**(MARGINS | margins))
    return fig


def bottom_legend(fig: Figure, handles: list) -> None:
    """One row of legend entries centred along the bottom edge."""
    if handles:
        fig.legend(
            handles=handles, loc="lower center", ncols=len(handles), bbox_to_anchor=(0.5, 0.0)
        )


# Test-only: called with (figure, image) before render lets the figure go (empty in production).
RENDER_OBSERVERS: list[Callable[[Figure, ChartImage], None]] = []


def render(fig: Figure, *, alt: str, filename: str) -> ChartImage:
    """The figure as PNG bytes (alt text also stored in the PNG), then the figure is let go.

    Charts never touch pyplot, so no registry holds the figure: dropping the canvas (the only
    reference the figure keeps to the outside) leaves it to the garbage collector. Clearing it
    first would cost more than the drawing (``Figure.clear`` rebuilds every axes)."""
    buffer = BytesIO()
    try:
        fig.savefig(
            buffer,
            format="png",
            dpi=DPI,
            metadata={"Description": alt},
            pil_kwargs={"compress_level": PNG_COMPRESSION},
        )
        image = ChartImage(png=buffer.getvalue(), alt=alt, filename=filename)
        for observe in RENDER_OBSERVERS:
            observe(fig, image)
    finally:
        fig.canvas = None  # type: ignore[assignment]
    return image


def check_unit(unit: str) -> None:
    """Raise ValueError unless ``unit`` is "mi" or "km"."""
    if unit not in wf.METRES_PER:
        raise ValueError(f"unit must be one of {sorted(wf.METRES_PER)}, not {unit!r}")


def group(label: object) -> str:
    """The palette group of a label: the foot classes themselves, anything else non-foot."""
    return str(label) if label in GROUPS[:4] else NON_FOOT


def groups(labels: pd.Series) -> pd.Series:
    """:func:`group` over a column of labels."""
    return labels.where(labels.isin(GROUPS[:4]), NON_FOOT)


def colour(label: object) -> str:
    """The palette colour of a label (every non-foot class shares grey)."""
    return PALETTE[group(label)]


def title(fig: Figure, text: str) -> None:
    """The chart's title, left aligned and wrapped; the plots move down for a long one."""
    wrapped = textwrap.fill(text, TITLE_WRAP)
    fig.suptitle(wrapped, x=0.01, y=0.985, ha="left", va="top")
    lines = wrapped.count("\n") + 1
    fig.subplots_adjust(top=min(fig.subplotpars.top, 0.945 - TITLE_LINE * lines))


def mss(minutes: float) -> str:
    """Minutes as m:ss ("9:41"); h:mm:ss from an hour up."""
    if not np.isfinite(minutes):
        return "n/a"
    seconds = round(minutes * 60)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


MSS = FuncFormatter(lambda value, _pos: mss(value) if value >= 0 else "")


def pace_text(minutes: float) -> str:
    """A pace (minutes per unit) as m:ss ("9:41"), never h:mm:ss: a pace is per mile or km."""
    if not np.isfinite(minutes):
        return "n/a"
    seconds = round(minutes * 60)
    return f"{seconds // 60}:{seconds % 60:02d}"


PACE = FuncFormatter(lambda value, _pos: pace_text(value) if value >= 0 else "")


def short_title(text: str, limit: int = TITLE_WRAP) -> str:
    """``text`` cut at a word to fit one title line (with an ellipsis when cut)."""
    if len(text) <= limit:
        return text
    return textwrap.shorten(text, limit, placeholder="…")


def robust_limits(
    values,
    *,
    include=(),
    reach: float = REACH,
    margin: float = MARGIN,
    bounds: tuple[float, float] | None = None,
) -> tuple[float, float]:
    """Axis limits that one broken row cannot stretch: the values lying within ``reach`` IQRs of
    their quartiles, and every ``include`` value (what must show, e.g. a fitted line), plus
    ``margin`` of the span each side, clamped to ``bounds``. Values outside are left for
    :func:`mark_outside`.

    Quartile fences rather than the 2nd/98th percentiles: with 20 points a percentile still
    interpolates half way to a single broken value; a quartile needs a quarter of the data
    broken before it moves. (0, 1) when there is no finite value."""
    data = np.asarray(values, dtype=float).ravel()
    data = data[np.isfinite(data)]
    extra = np.asarray(include, dtype=float).ravel()
    extra = extra[np.isfinite(extra)]
    if not data.size and not extra.size:
        return (0.0, 1.0)
    base = data if data.size else extra
    q1, q3 = np.percentile(base, [25, 75])
    spread = q3 - q1 or max(abs(float(np.median(base))) * 0.1, 1e-9)
    fence = (q1 - reach * spread, q3 + reach * spread)
    if bounds is not None:
        fence = (max(fence[0], bounds[0]), min(fence[1], bounds[1]))
    kept = np.concatenate([data[(data >= fence[0]) & (data <= fence[1])], extra])
    if bounds is not None:
        kept = kept[(kept >= bounds[0]) & (kept <= bounds[1])]
    low, high = (float(kept.min()), float(kept.max())) if kept.size else fence
    pad = margin * ((high - low) or max(abs(high) * 0.1, 1.0))
    low, high = low - pad, high + pad
    if bounds is not None:
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return (low, high)


@dataclass(frozen=True)
class Outside:
    """Values beyond one edge of an axis, drawn as one arrow at ``x`` with their ``count``."""

    x: float  # data x of the marker (the cluster's middle)
    edge: float  # the axis limit the marker sits on
    count: int
    above: bool  # beyond the limit drawn at the top of the axes


def mark_outside(ax: Axes, x, y, *, colour: str = OUTSIDE, merge: float = 0.04) -> list[Outside]:
    """Draw the points beyond the current y limits at the edge they leave by, as an arrow
    pointing off the axes with a count ("2 ↑"), never stretching the axis. Points closer than
    ``merge`` of the axes' width share one arrow. Set the limits first. Returns the markers."""
    xs = np.asarray(mdates.date2num(x) if _is_dates(x) else x, dtype=float).ravel()
    ys = np.asarray(y, dtype=float).ravel()
    bottom, top = ax.get_ylim()
    low, high = sorted((bottom, top))
    left, right = sorted(ax.get_xlim())
    width = (right - left) or 1.0
    marks: list[Outside] = []
    for beyond, edge in ((ys < low, low), (ys > high, high)):
        at = np.sort(xs[beyond & np.isfinite(xs) & (xs >= left) & (xs <= right)])
        if not at.size:
            continue
        above = (edge == top) if top != bottom else edge == high
        breaks = np.flatnonzero(np.diff(at) > merge * width) + 1
        for cluster in np.split(at, breaks):
            marks.append(Outside(float(cluster.mean()), edge, cluster.size, bool(above)))
    for m in marks:
        ax.plot(
            [m.x],
            [m.edge],
            linestyle="none",
            marker="^" if m.above else "v",
            markersize=11,
            color=colour,
            clip_on=False,
            zorder=7,
            gid="outside",
        )
        ax.annotate(
            f"{m.count} {'↑' if m.above else '↓'}",
            (m.x, m.edge),
            xytext=(9, -14 if m.above else 6),
            textcoords="offset points",
            fontsize=11,
            fontweight="bold",
            color=colour,
            annotation_clip=False,
            zorder=7,
            gid="outside",
        )
    return marks


def outside_phrase(marks: list[Outside], noun: str = "value") -> str:
    """ "2 values beyond the axis are marked at its edge." or "" when none."""
    n = sum(m.count for m in marks)
    if not n:
        return ""
    verb = "is" if n == 1 else "are"
    return f"{count_phrase(n, noun)} beyond the axis {verb} marked at its edge with arrows."


def _is_dates(values) -> bool:
    if isinstance(values, (pd.Series, pd.Index)):
        return pd.api.types.is_datetime64_any_dtype(values)
    array = np.asarray(values)
    return array.dtype.kind == "M" or (array.size > 0 and hasattr(array.flat[0], "year"))


def period_bounds(start, end) -> tuple[float, float]:
    """A period of days as x limits: from ``start``'s midnight to the end of ``end`` (inclusive)."""
    low = pd.Timestamp(start).normalize()
    high = pd.Timestamp(end).normalize() + pd.Timedelta(days=1)
    return float(mdates.date2num(low)), float(mdates.date2num(high))


def period_axis(ax: Axes, start, end, *, maxticks: int = 10) -> tuple[float, float]:
    """Make x the dates of the period asked, ``start`` to ``end`` inclusive, and nothing more
    (whole-history context belongs in shading or words, not in a wider axis): concise date
    ticks. Returns the limits."""
    limits = period_bounds(start, end)
    ax.set_xlim(*limits)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=maxticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return limits


class PaceLogLocator(Locator):
    """Ticks for a log pace axis from :data:`NICE_PACES`, thinned to about ``count`` ticks."""

    def __init__(self, count: int = 12) -> None:
        self.count = count

    def __call__(self) -> list[float]:
        low, high = sorted(self.axis.get_view_interval())
        low, high = max(low, 1e-3), max(high, 2e-3)
        gap = np.log10(high / low) / self.count
        ticks: list[float] = []
        for pace in (p for p in NICE_PACES if low <= p <= high):
            if not ticks or np.log10(pace / ticks[-1]) >= gap:
                ticks.append(pace)
        return ticks


def pace_axis(ax: Axes, unit: str, *, noun: str = "pace", log: bool = False) -> None:
    """Make y a pace axis (values in min/``unit``): m:ss ticks (:data:`PACE`, never h:mm:ss),
    faster towards the top. Give it limits from :func:`robust_limits` with
    ``bounds=(0, PACE_MAX)``, so no tick reaches an hour.

    ``log`` suits paces from glitches (0:30) to walks (25:00) on one axis; ticks stay m:ss."""
    if log:
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(PaceLogLocator())
        ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(PACE)
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_ylabel(f"{noun} (min/{unit}, faster ↑)")
    if not ax.yaxis_inverted():
        ax.invert_yaxis()


def pace_minutes(pace_s_per_km, unit: str):
    """Seconds per km (scalar, array or Series) to minutes per ``unit``."""
    return pace_s_per_km * wf.METRES_PER[unit] / 1000.0 / 60.0


def placeholder(ax: Axes, text: str) -> None:
    """A centred message on an axes that has nothing to draw."""
    ax.text(
        0.5,
        0.5,
        textwrap.fill(text, 60),
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=15,
        color=MUTED,
        zorder=5,
        bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#DDDDDD"},
    )


def bars(ax: Axes, x, height, *, bottom=0.0, width: float = 0.8, colours="C0") -> None:
    """Vertical bars as one collection: much faster to build and draw than ``ax.bar``'s patch
    per bar. ``colours`` is one colour or one RGBA row per bar; empty bars are left out."""
    x, height = np.asarray(x, dtype=float), np.asarray(height, dtype=float)
    bottom = np.broadcast_to(np.asarray(bottom, dtype=float), x.shape)
    fill = np.broadcast_to(to_rgba_array(colours), (x.size, 4))
    left, right, top = x - width / 2, x + width / 2, bottom + height
    corners = [(left, bottom), (left, top), (right, top), (right, bottom)]
    verts = np.stack([np.column_stack(c) for c in corners], axis=1)
    keep = height > 0
    ax.add_collection(PolyCollection(verts[keep], facecolors=fill[keep], linewidths=0))
    ax.update_datalim(np.column_stack([x, bottom]))  # the baseline counts even when empty
    ax.autoscale_view()


def group_names(names: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """What a person reads for each palette group, in the owner's class ``names`` ("walk"
    without a dog); :data:`GROUP_NAMES` (the default names) when None."""
    if names is None:
        return GROUP_NAMES
    return {**{g: wf.display_name(g, names) for g in GROUPS[:4]}, NON_FOOT: GROUP_NAMES[NON_FOOT]}


def legend_handles(
    keys: Iterable[str], *, alpha: float = 1.0, names: Mapping[str, str] | None = None
) -> list:
    """Square legend patches for palette groups, named in the owner's ``names``."""
    shown = group_names(names)
    return [Patch(color=PALETTE[k], alpha=alpha, label=shown[k]) for k in keys]


def marker_handles(keys: Iterable[str], *, names: Mapping[str, str] | None = None) -> list:
    """Legend markers for palette groups in stacking order (outliers as crosses), named in the
    owner's ``names``."""
    keys, shown = set(keys), group_names(names)
    return [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=MARKERS.get(k, "o"),
            markersize=8,
            markeredgewidth=2 if k in MARKERS else 1,
            color=PALETTE[k],
            label=shown[k],
        )
        for k in GROUPS
        if k in keys
    ]


def slug(text: str, fallback: str = "chart") -> str:
    """A file-name-safe lowercase ASCII slug ("Chöco arrives!" -> "choco-arrives")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-") or fallback


def count_phrase(n: int, noun: str) -> str:
    """ "1 workout", "3 workouts"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
