"""How the classifier sees workouts: pace against distance, coloured by label, with the model's
cluster centres and the pace thresholds that name them.

Both axes are logarithmic because the model works on log pace and log distance, and because
glitches (a 0:30 min/mi "run", a 50-mile "walk") would otherwise squash everything else into a
corner. Even so one glitch can stretch an axis over decades, so each axis spans the bulk of the
points (robust limits from quantiles, see :func:`robust_limits`) and the few points beyond are
drawn on the edge they lie past and counted. Outliers are crosses, so they stand out without
relying on colour.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, Locator, NullFormatter, NullLocator

from analytics import frame as wf
from analytics.charts import style
from analytics.classifier.model import ClassifierModel, Component

CENTRE = Line2D(
    [],
    [],
    linestyle="none",
    marker="*",
    markersize=16,
    color="white",
    markeredgecolor=style.INK,
    markeredgewidth=1.5,
    label="cluster centre",
)
STAR_PT = 24  # a centre's star, in points
NUMBER_GAP_PT = 4  # between a star's edge and its number
# distance ticks per decade, densest first: the densest whose closest ticks stay LABEL_PX apart
DISTANCE_SUBS = ((1.0, 2.0, 3.0, 5.0, 7.0), (1.0, 2.0, 5.0), (1.0, 3.0), (1.0,))
LABEL_PX = 48  # room for one distance tick label ("0.05", "100") and a gap
TAIL = 0.05  # quantile each end of an axis's bulk
MIN_PAD = np.log10(1.3)  # an axis reaches at least 30% beyond its bulk...
SPREAD_PAD = 0.5  # ...or half the bulk's own spread (log10), whichever is more
MARGIN = 0.04  # of the span, on each side beyond the limits


@style.styled
def classification_scatter(
    frame: pd.DataFrame,
    model: ClassifierModel,
    *,
    unit: str = "mi",
    names: Mapping[str, str] | None = None,
) -> style.ChartImage:
    """Pace against distance of every foot workout by label, with the model's cluster centres.

    Shows why a workout got its label: which cluster it sits in, and where the run and walk
    pace thresholds lie. A fallback model (pace rules, era default) has no centres; the chart
    says so and still shows the thresholds. Classes are named in the owner's ``names`` (the
    default names when None).
    """
    style.check_unit(unit)
    wf.require(frame, ("label", "avg_pace_s_per_km", "distance_m"))
    points = _points(frame, unit)
    fig = style.new_figure(right=0.75, bottom=0.15)
    ax = fig.add_subplot()
    n_centres = len(model.components)
    centres = style.count_phrase(n_centres, "cluster centre") if n_centres else "no cluster centres"
    style.title(
        fig,
        f"Pace against distance: {style.count_phrase(len(points), 'foot workout')}"
        f" by class, {centres}",
    )
    _axes(ax, unit, empty=points.empty)
    xlim, ylim = _limits(points, model, unit)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim[::-1])  # faster up
    points, edge = _on_edge(points, xlim, ylim)
    _draw_points(ax, points)
    _draw_thresholds(ax, model, unit)
    _draw_centres(ax, model, unit)
    _side_panel(fig, model, unit, names)
    head, sides = _edge_parts(edge, xlim, ylim, unit)
    if sides:
        note = "\n".join([textwrap.fill(head, 34), *sides])
        fig.text(0.77, 0.24, note, fontsize=11, color=style.MUTED, va="top", linespacing=1.4)
    edge_text = f"{head}: {', '.join(sides)}." if sides else ""
    markers = style.marker_handles(set(points["label"]), names=names)
    handles = [*markers, *([CENTRE] * bool(n_centres))]
    if handles:
        style.bottom_legend(fig, handles)
    alt = _alt(points, model, unit, names) + (f" {edge_text}" if edge_text else "")
    return style.render(fig, alt=alt, filename="classification-scatter.png")


def _points(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Foot workouts with a positive, finite pace and distance, in display units."""
    pace = pd.to_numeric(frame["avg_pace_s_per_km"], errors="coerce")
    distance = pd.to_numeric(frame["distance_m"], errors="coerce")
    table = pd.DataFrame({"label": frame["label"].astype(str), "pace": pace, "distance": distance})
    ok = table["label"].isin(wf.FOOT_LABELS) & (table["pace"] > 0) & (table["distance"] > 0)
    ok &= np.isfinite(table["pace"]) & np.isfinite(table["distance"])
    table = table[ok]
    return table.assign(
        x=table["distance"] / wf.METRES_PER[unit], y=style.pace_minutes(table["pace"], unit)
    )


def robust_limits(values: np.ndarray, keep: tuple[float, ...] = ()) -> tuple[float, float]:
    """Log-axis limits for positive ``values`` that span their bulk, not their glitches.

    In log10: the bulk runs from the :data:`TAIL` to the 1 - TAIL quantile (at least the
    second smallest to the second largest value, so one glitch never sets it, even among a
    few points); the limits reach :data:`SPREAD_PAD` of the bulk's spread or :data:`MIN_PAD`
    beyond it, whichever is more, but no further than the values themselves; ``keep`` (centres,
    thresholds) always lie inside. A :data:`MARGIN` is added each side. (1, 10) without values.
    """
    logs = np.log10(np.asarray(values, dtype=float))
    logs = logs[np.isfinite(logs)]
    extra = np.log10(np.asarray(keep, dtype=float))
    extra = extra[np.isfinite(extra)]
    if logs.size == 0 and extra.size == 0:
        return 1.0, 10.0
    if logs.size:
        tail = max(TAIL, 1 / (logs.size - 1)) if logs.size >= 4 else 0.0
        bulk_lo, bulk_hi = np.quantile(logs, [tail, 1 - tail])
        pad = max(SPREAD_PAD * (bulk_hi - bulk_lo), MIN_PAD)
        lo, hi = max(logs.min(), bulk_lo - pad), min(logs.max(), bulk_hi + pad)
    else:
        lo, hi = extra.min(), extra.max()
    lo, hi = min(lo, *extra, lo), max(hi, *extra, hi)
    margin = max(MARGIN * (hi - lo), 0.02)
    return 10 ** (lo - margin), 10 ** (hi + margin)


def _limits(points: pd.DataFrame, model: ClassifierModel, unit: str):
    """Distance and pace limits: robust over the points, keeping the centres and thresholds."""
    centres_x = [c.distance_m / wf.METRES_PER[unit] for c in model.components]
    paces = [c.pace_s_per_km for c in model.components] + [p for p, _ in _marks(model)]
    xlim = robust_limits(points["x"].to_numpy(), tuple(centres_x))
    ylim = robust_limits(points["y"].to_numpy(), tuple(style.pace_minutes(np.array(paces), unit)))
    return xlim, ylim


def _on_edge(points: pd.DataFrame, xlim, ylim) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The points with those beyond the limits moved onto the edge, and those beyond (with
    their true values)."""
    x, y = points["x"].clip(*xlim), points["y"].clip(*ylim)
    beyond = (x != points["x"]) | (y != points["y"])
    return points.assign(x=x, y=y, edge=beyond), points[beyond]


def _edge_parts(edge: pd.DataFrame, xlim, ylim, unit: str) -> tuple[str, list[str]]:
    """How many points lie beyond the axes, and how many beyond each limit, in words (a point
    past a corner counts on both sides); no sides when none."""
    sides = [
        (edge["y"] < ylim[0], f"faster than {style.mss(ylim[0])} min/{unit}"),
        (edge["y"] > ylim[1], f"slower than {style.mss(ylim[1])} min/{unit}"),
        (edge["x"] < xlim[0], f"shorter than {xlim[0]:.2g} {unit}"),
        (edge["x"] > xlim[1], f"longer than {xlim[1]:.2g} {unit}"),
    ]
    head = f"{style.count_phrase(len(edge), 'workout')} beyond the axes, drawn on their edge"
    return head, [f"{int(mask.sum())} {words}" for mask, words in sides if mask.any()]


def _draw_points(ax: Axes, points: pd.DataFrame) -> None:
    """One colour per label; outliers as bold crosses drawn on top; points moved onto the
    edge are not clipped by it."""
    for label in (g for g in style.GROUPS if g in set(points["label"])):
        rows = points[points["label"] == label]
        glitch = label in style.MARKERS
        ax.plot(
            rows["x"],
            rows["y"],
            linestyle="none",
            marker=style.MARKERS.get(label, "o"),
            markersize=9 if glitch else 4.5,
            markeredgewidth=2.5 if glitch else 0.5,
            markeredgecolor=style.PALETTE[label] if glitch else "white",
            alpha=1.0 if glitch else 0.6,
            color=style.PALETTE[label],
            zorder=4 if glitch else 2,
            clip_on=not rows["edge"].any(),
        )


def _draw_thresholds(ax: Axes, model: ClassifierModel, unit: str) -> None:
    """A dashed line at the owner's own boundary between runs and walks (or, without a model
    of their own, at the pace rules' bounds)."""
    for pace, words in _marks(model):
        y = style.pace_minutes(pace, unit)
        ax.axhline(y, color=style.MUTED, linestyle=":", linewidth=1.5, zorder=1)
        ax.annotate(
            f"{words} {wf.format_pace(pace, unit)}",
            (0.005, y),
            fontsize=11,
            xycoords=("axes fraction", "data"),
            xytext=(0, 4),
            textcoords="offset points",
            color=style.MUTED,
            va="bottom",
            zorder=3,
            bbox={
                "boxstyle": "square,pad=0.1",
                "facecolor": "white",
                "alpha": 0.7,
                "edgecolor": "none",
            },
        )


def _marks(model: ClassifierModel) -> tuple[tuple[float, str], ...]:
    """The paces (s/km) the chart marks with a dashed line, and what each means."""
    if model.components:
        split = model.split_pace_s_per_km
        return () if split is None else ((split, "your runs and walks part at"),)
    return (
        (model.params.walk_floor_pace_s_per_km, "runs are faster than"),
        (model.params.run_ceiling_pace_s_per_km, "walks are slower than"),
    )


def _draw_centres(ax: Axes, model: ClassifierModel, unit: str) -> None:
    """Each cluster centre as a large star in its label's colour, numbered just clear of it:
    above, else below, right or left, whichever side keeps the number off every star and
    every number placed before it (two centres can be close). Needs the limits set."""
    centres = [
        (c.distance_m / wf.METRES_PER[unit], style.pace_minutes(c.pace_s_per_km, unit), c)
        for c in model.components
    ]
    px = ax.figure.dpi / 72  # pixels per point
    stars = ax.transData.transform([(x, y) for x, y, _ in centres]) if centres else []
    star_r, half = STAR_PT / 2 * px, 10 * px  # a star's radius, half a number's box
    taken: list[np.ndarray] = []
    for number, ((x, y, c), at) in enumerate(zip(centres, stars), 1):
        ax.plot(
            x,
            y,
            linestyle="none",
            marker="*",
            markersize=STAR_PT,
            color=style.colour(c.label),
            markeredgecolor=style.INK,
            markeredgewidth=1.5,
            zorder=5,
        )
        away = STAR_PT / 2 + NUMBER_GAP_PT + 9  # centre of the number, in points from the star's
        sides = ((0, away), (0, -away), (away, 0), (-away, 0))
        offset = next(
            (
                side
                for side in sides
                if _clear(at + np.array(side) * px, half, stars, star_r, taken)
            ),
            sides[0],
        )
        taken.append(at + np.array(offset) * px)
        ax.annotate(
            str(number),
            (x, y),
            xytext=offset,
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=13,
            fontweight="bold",
            color=style.INK,
            zorder=6,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "lw": 0},
        )


def _clear(spot: np.ndarray, half: float, stars, star_r: float, taken: list) -> bool:
    """Whether a number's box (``half`` each way around ``spot``, pixels) misses every star
    (a circle of ``star_r``) and every number already placed."""
    for star in stars:
        nearest = np.clip(star, spot - half, spot + half)  # the box's point nearest the star
        if np.hypot(*(nearest - star)) < star_r:
            return False
    return all(np.abs(spot - other).max() >= 2 * half for other in taken)


def _centre_text(c: Component, unit: str, names) -> str:
    distance = wf.distance_in(c.distance_m, unit)
    pace = wf.format_pace(c.pace_s_per_km, unit)
    return f"{wf.display_name(c.label, names)} {pace}, {distance:.1f} {unit}"


def _side_panel(fig, model: ClassifierModel, unit: str, names) -> None:
    """The numbered centres (or why there are none) right of the plot, where no point hides."""
    if not model.components:
        text = textwrap.fill(_fallback_text(model), 26)
        fig.legend(handles=[], title=text, loc="center right", title_fontsize=12)
        return
    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker="*",
            markersize=14,
            color=style.colour(c.label),
            markeredgecolor=style.INK,
            label=f"{i}  {_centre_text(c, unit, names)}",
        )
        for i, c in enumerate(model.components, 1)
    ]
    fig.legend(
        handles=handles,
        title="cluster centres",
        loc="center right",
        alignment="left",
        title_fontsize=12,
    )


def _axes(ax: Axes, unit: str, *, empty: bool) -> None:
    """Log distance (plain number ticks, as many as fit) and log pace (m:ss ticks, faster up)."""
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(DistanceLogLocator())
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(f"distance ({unit}, log scale)")
    style.pace_axis(ax, unit, log=True, noun="pace (log scale)")
    if empty:
        style.placeholder(ax, "No foot workouts with a pace and distance to draw")


class DistanceLogLocator(Locator):
    """Distance ticks on a log axis: 1, 2, 3, 5, 7 per decade where they fit, thinning to
    1, 2, 5, then 1, 3, then whole decades (every other, every third...) so that neighbouring
    labels stay :data:`LABEL_PX` apart on the axis as drawn."""

    def __call__(self) -> list[float]:
        low, high = sorted(self.axis.get_view_interval())
        low, high = max(low, 1e-6), max(high, 2e-6)
        decades = np.log10(high / low)
        width = self.axis.axes.bbox.width or 1.0
        px_per_decade = width / max(decades, 1e-9)
        first, last = int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
        for subs in DISTANCE_SUBS:
            closest = min(np.diff(np.log10([*subs, 10.0])))
            if closest * px_per_decade >= LABEL_PX:
                break
        every = max(1, int(np.ceil(LABEL_PX / px_per_decade))) if subs == (1.0,) else 1
        ticks = [s * 10.0**k for k in range(first, last + 1) if k % every == 0 for s in subs]
        return [t for t in ticks if low <= t <= high]


def _fallback_text(model: ClassifierModel) -> str:
    kind = model.algorithm.replace("_", " ")
    usable = style.count_phrase(model.training_size, "usable foot workout")
    return f"No cluster centres: a {kind} model ({usable}); labels come from the thresholds."


def _alt(points: pd.DataFrame, model: ClassifierModel, unit: str, names) -> str:
    """Counts and medians per label, then the centres (or why there are none)."""
    head = f"Scatter of pace against distance for {style.count_phrase(len(points), 'foot workout')}"
    parts = []
    for label in (g for g in style.GROUPS if g in set(points["label"])):
        rows = points[points["label"] == label]
        median = (
            f"median {wf.format_pace(rows['pace'].median(), unit)} over "
            f"{wf.distance_in(rows['distance'].median(), unit):.1f} {unit}"
        )
        parts.append(f"{wf.display_name(label, names)} {len(rows)} ({median})")
    classes = f", by class: {'; '.join(parts)}." if parts else "."
    if model.components:
        centres = "; ".join(_centre_text(c, unit, names) for c in model.components)
        model_text = (
            f" Model {model.algorithm} with {len(model.components)} cluster centres: {centres}."
        )
    else:
        model_text = f" {_fallback_text(model)}"
    return head + classes + model_text
