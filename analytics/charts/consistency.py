"""The consistency score taken apart: its four dimensions as 0-100 bars, the weakest (the one to
work on) highlighted, the overall score as a line across them, and what each bar measured.

A dimension the data cannot measure is drawn as an empty outline saying so, never as a zero: a
zero would read as "you failed at this", when the truth is "not enough workouts to tell".
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import replace

import numpy as np
from matplotlib.axes import Axes

from analytics import frame as wf
from analytics.charts import style
from analytics.consistency import ConsistencyScore, Dimension

BAR, WEAK, OVERALL = "#4477AA", style.HIGHLIGHT, style.INK
# Codes from before the neutral class names (migration 0009), as a stored score may hold them.
OLD_CODES = {"real_run": wf.RUN, "pup_walk": wf.WALK, "mixed": wf.RUN_WALK}


@style.styled
def consistency_chart(
    score: ConsistencyScore, *, names: Mapping[str, str] | None = None
) -> style.ChartImage:
    """The four dimensions of a :class:`ConsistencyScore` as horizontal bars from 0 to 100.

    The weakest measured dimension is coloured and labelled as such, unmeasurable ones are shown
    as outlines with the reason, and each bar carries its weight and its note, so the reader
    sees both what pulled the score down and how much it counts. Classes are named in the
    owner's ``names`` (the default names when None), never by their codes: the performance
    note is written again from the score's inputs.
    """
    fig = style.new_figure(left=0.12, right=0.97, top=0.89, bottom=0.1)
    ax = fig.add_subplot()
    window = f"{score.window_start.isoformat()} to {score.window_end.isoformat()}"
    headline = f"Consistency {score.score:.0f}/100, {window}"
    style.title(fig, f"{headline} ({style.count_phrase(score.workouts, 'workout')})")
    dims = tuple(_named(d, names) for d in score.dimensions)
    y = np.arange(len(dims))[::-1] * 1.4  # first dimension on top; room for notes below bars
    for position, dim in zip(y, dims):
        _draw_dimension(
            ax, position, dim, weakest=bool(score.workouts) and dim.name == score.weakest
        )
    _draw_overall(ax, score, y)
    _axes(ax, dims, y)
    filename = f"consistency-{score.window_end.isoformat()}.png"
    return style.render(fig, alt=_alt(score, dims, headline), filename=filename)


def _named(dim: Dimension, names: Mapping[str, str] | None) -> Dimension:
    """``dim`` with its note naming classes as the owner does: the performance note is written
    again from its per-class inputs (whatever names, or codes, the score was made with)."""
    stable = dim.inputs.get("labels") if dim.name == "performance" else None
    if not stable:
        return dim
    parts = ", ".join(
        f"{wf.display_name(OLD_CODES.get(s.label, s.label), names)} {s.score:.0f}" for s in stable
    )
    return replace(dim, note=f"stability by class: {parts}")


def _draw_dimension(ax: Axes, y: float, dim: Dimension, *, weakest: bool) -> None:
    """One bar with its value (or "not measurable") and its note underneath."""
    if dim.score is None:
        ax.barh(
            y,
            100,
            height=0.7,
            facecolor="white",
            edgecolor=style.MUTED,
            hatch="//",
            linewidth=1.2,
            linestyle="--",
        )
        ax.text(
            50,
            y,
            "not measurable",
            ha="center",
            va="center",
            fontsize=13,
            color=style.MUTED,
            bbox={"facecolor": "white", "edgecolor": "none"},
        )
    else:
        ax.barh(y, 100, height=0.7, color="#F0F0F0", linewidth=0)  # the track to 100
        ax.barh(y, dim.score, height=0.7, color=WEAK if weakest else BAR)
        label = f"{dim.score:.0f}" + ("  weakest" if weakest else "")
        inside = dim.score >= 22
        ax.text(
            dim.score - 1.5 if inside else dim.score + 1.5,
            y,
            label,
            va="center",
            ha="right" if inside else "left",
            fontsize=14,
            fontweight="bold",
            color="white" if inside else (WEAK if weakest else style.INK),
        )
    ax.text(
        0,
        y - 0.5,
        textwrap.shorten(dim.note, 130, placeholder="..."),
        va="center",
        ha="left",
        fontsize=11,
        color=style.MUTED,
        zorder=3,  # over the overall line
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
    )


def _draw_overall(ax: Axes, score: ConsistencyScore, y: np.ndarray) -> None:
    """A vertical line at the overall score, up to the top bar; its label above that, beside
    the line (never crossed by it), on the side with room."""
    if not score.workouts:
        return
    top = y.max() + 0.4  # just above the top bar
    ax.vlines(
        score.score, y.min() - 0.9, top, color=OVERALL, linestyle="--", linewidth=1.5, zorder=2
    )
    right = score.score <= 80
    ax.annotate(
        f"overall {score.score:.0f}",
        (score.score, top),
        xytext=(5 if right else -5, 2),
        textcoords="offset points",
        ha="left" if right else "right",
        va="bottom",
        fontsize=12,
        fontweight="bold",
        color=OVERALL,
        annotation_clip=False,
    )


def _axes(ax: Axes, dims: tuple[Dimension, ...], y: np.ndarray) -> None:
    """Dimension names with weights on y; 0-100 on x."""
    ax.set_yticks(y, [f"{d.name}\n(weight {d.weight:.0%})" for d in dims], fontsize=13)
    ax.tick_params(axis="y", length=0, labelcolor=style.INK)
    ax.set_xlim(0, 100)
    ax.set_ylim(y.min() - 0.9, y.max() + 0.9)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("score (0-100, higher is steadier)")
    ax.grid(axis="y", visible=False)
    ax.spines["left"].set_visible(False)


def _alt(score: ConsistencyScore, dims: tuple[Dimension, ...], headline: str) -> str:
    """The score, window, and every dimension with its value (or why none) and note."""
    parts = []
    for d in dims:
        if d.score is None:
            parts.append(f"{d.name}: not measurable ({d.note})")
        else:
            weak = ", the weakest" if d.name == score.weakest and score.workouts else ""
            parts.append(f"{d.name}: {d.score:.0f}{weak} ({d.note})")
    return (
        f"Bar chart of consistency: {headline}, "
        f"{style.count_phrase(score.workouts, 'workout')}. {'; '.join(parts)}."
    )
