"""How the classifier sees workouts: pace against distance, coloured by label, with the model's
cluster centres and the pace thresholds that name them.

Both axes are logarithmic because the model works on log pace and log distance, and because
glitches (a 0:30 min/mi "run", a 50-mile "walk") would otherwise squash everything else into a
corner. Outliers are crosses, so they stand out without relying on colour.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

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
    _draw_points(ax, points)
    _draw_thresholds(ax, model, unit)
    _draw_centres(ax, model, unit)
    _axes(ax, unit, empty=points.empty)
    _side_panel(fig, model, unit, names)
    markers = style.marker_handles(set(points["label"]), names=names)
    handles = [*markers, *([CENTRE] * bool(n_centres))]
    if handles:
        style.bottom_legend(fig, handles)
    alt = _alt(points, model, unit, names)
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


def _draw_points(ax: Axes, points: pd.DataFrame) -> None:
    """One colour per label; outliers as bold crosses drawn on top."""
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
        )


def _draw_thresholds(ax: Axes, model: ClassifierModel, unit: str) -> None:
    """A dashed line at the owner's own boundary between runs and walks (or, without a model
    of their own, at the pace rules' bounds)."""
    if model.components:
        split = model.split_pace_s_per_km
        marks = () if split is None else ((split, "your runs and walks part at"),)
    else:
        marks = (
            (model.params.walk_floor_pace_s_per_km, "runs are faster than"),
            (model.params.run_ceiling_pace_s_per_km, "walks are slower than"),
        )
    for pace, words in marks:
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


def _draw_centres(ax: Axes, model: ClassifierModel, unit: str) -> None:
    """Each cluster centre as a large numbered star in its label's colour."""
    for number, c in enumerate(model.components, 1):
        x, y = c.distance_m / wf.METRES_PER[unit], style.pace_minutes(c.pace_s_per_km, unit)
        ax.plot(
            x,
            y,
            linestyle="none",
            marker="*",
            markersize=24,
            color=style.colour(c.label),
            markeredgecolor=style.INK,
            markeredgewidth=1.5,
            zorder=5,
        )
        ax.annotate(
            str(number),
            (x, y),
            xytext=(9, 9),
            textcoords="offset points",
            fontsize=13,
            fontweight="bold",
            color=style.INK,
            zorder=6,
        )


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
    """Log distance (plain number ticks) and log pace (m:ss ticks, faster up)."""
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 3.0, 5.0, 7.0)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(f"distance ({unit}, log scale)")
    style.pace_axis(ax, unit, log=True, noun="pace (log scale)")
    if empty:
        style.placeholder(ax, "No foot workouts with a pace and distance to draw")


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
