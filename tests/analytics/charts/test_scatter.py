"""The classification scatter names every cluster centre in the alt text; its layout is
measured on the drawn figure: tick labels apart, numbers off the stars, one glitch on the edge."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analytics import frame as wf
from analytics.charts import classification_scatter, style
from analytics.charts.scatter import robust_limits


def test_scatter_alt_names_every_centre(demo_frame, demo_model):
    alt = classification_scatter(demo_frame, demo_model).alt
    for c in demo_model.components:
        assert wf.format_pace(c.pace_s_per_km, "mi") in alt
        assert f"{wf.distance_in(c.distance_m, 'mi'):.1f} mi" in alt


# --- layout: drawn figures, measured in pixels -------------------------------------------------

MILE = 1609.344


@pytest.fixture
def drawn(monkeypatch):
    """The figures charts render, drawn (so text has its extent), kept for the test."""
    figures = []
    render = style.render

    def keep(fig, **kwargs):
        fig.canvas.draw()
        figures.append(fig)
        image = render(fig, **kwargs)
        FigureCanvasAgg(fig)  # render lets the canvas go; the test still measures
        fig.canvas.draw()
        return image

    monkeypatch.setattr(style, "render", keep)
    return figures


def with_glitch(frame, *, miles: float = 0.06, pace_s_per_km: float = 100.0, label: str = "run"):
    """The frame with one more "run": ``miles`` long at ``pace_s_per_km`` (a GPS glitch)."""
    glitch = frame.iloc[[0]].copy()
    glitch["distance_m"] = miles * MILE
    glitch["avg_pace_s_per_km"] = pace_s_per_km
    glitch["label"] = label
    return pd.concat([frame, glitch], ignore_index=True)


def tick_boxes(ax):
    renderer = ax.figure.canvas.get_renderer()
    return [
        t.get_window_extent(renderer)
        for t in ax.get_xticklabels()
        if t.get_visible()
        and t.get_text()
        and ax.get_xlim()[0] <= t.get_position()[0] <= ax.get_xlim()[1]
    ]


def assert_apart(boxes):
    boxes = sorted(boxes, key=lambda b: b.x0)
    for left, right in itertools.pairwise(boxes):
        assert left.x1 < right.x0, (left, right)


@pytest.mark.parametrize("label", ["run", "outlier"])
def test_a_tiny_glitch_neither_stretches_the_axes_nor_crowds_the_ticks(
    demo_frame, demo_model, drawn, label
):
    image = classification_scatter(with_glitch(demo_frame, label=label), demo_model)
    ax = drawn[-1].axes[0]
    assert_apart(tick_boxes(ax))
    low = ax.get_xlim()[0]
    assert low > 0.3  # the bulk starts at 1 mi: 0.06 mi does not pull the axis down to it
    fast = min(ax.get_ylim())
    assert fast > style.pace_minutes(100.0, "mi")  # nor the pace axis up to its 2:41
    assert "1 shorter than" in image.alt and "beyond the axes, drawn on their edge" in image.alt
    xs = np.concatenate([line.get_xdata() for line in ax.lines if len(line.get_xdata()) > 1])
    assert np.isclose(xs, low).sum() == 1  # the glitch, drawn on the left edge


def test_wide_distances_keep_their_ticks_apart(demo_frame, demo_model, drawn):
    """Walks from 0.05 to 80 mi, evenly on a log scale: every distance is real, the axis wide."""
    rng = np.random.default_rng(4)
    frame = demo_frame.iloc[:400].copy()
    frame["label"] = "walk"
    frame["distance_m"] = np.geomspace(0.05, 80, len(frame)) * MILE
    frame["avg_pace_s_per_km"] = rng.uniform(500, 900, len(frame))
    classification_scatter(frame, demo_model)
    ax = drawn[-1].axes[0]
    low, high = ax.get_xlim()
    assert low < 0.06 and high > 70
    boxes = tick_boxes(ax)
    assert len(boxes) >= 4
    assert_apart(boxes)


def test_centre_numbers_stay_off_every_star(demo_frame, demo_model, drawn):
    classification_scatter(demo_frame, demo_model)
    ax = drawn[-1].axes[0]
    renderer = ax.figure.canvas.get_renderer()
    stars = [
        line.get_window_extent(renderer)
        for line in ax.lines
        if line.get_marker() == "*" and len(line.get_xdata()) == 1
    ]
    numbers = [t.get_window_extent(renderer) for t in ax.texts if t.get_text().isdigit()]
    assert len(stars) == len(numbers) == len(demo_model.components) >= 2
    for number in numbers:
        for star in stars:
            assert not number.overlaps(star), (number, star)


def test_robust_limits_ignore_one_glitch_among_a_few():
    values = np.array([0.06, 2.0, 2.5, 3.0, 3.1, 4.0, 5.0])
    low, high = robust_limits(values)
    assert 0.5 < low < 2.0 and 5.0 < high < 10
    assert robust_limits(values, keep=(0.05,))[0] <= 0.05  # a centre or threshold stays in
