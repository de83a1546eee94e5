"""The shared style and plumbing: palette colours really reach the pixels, figures are freed,
global matplotlib state is untouched, pyplot is never imported, rendering is thread-safe."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from io import BytesIO

import matplotlib as mpl
import pytest
from PIL import Image

from analytics import frame as wf
from analytics.anomalies import find_anomalies
from analytics.charts import (
    anomalies_chart,
    calendar_heatmap,
    choco_timeline,
    classification_scatter,
    consistency_chart,
    style,
    trend_chart,
)
from analytics.charts.calendar import LEVELS
from analytics.charts.choco import BEFORE_ALPHA
from analytics.charts.trend import FORECAST
from analytics.consistency import consistency_score
from analytics.trends import trend
from tests.analytics.charts.conftest import assert_valid_chart, near, over_white, pixels

MANY = 300  # pixels: far more than antialiasing alone produces of an exact colour


def test_render_gives_png_bytes_with_alt_in_metadata():
    fig = style.new_figure()
    fig.add_subplot().plot([0, 1], [1, 0])
    image = style.render(fig, alt="a line going down", filename="line.png")
    with Image.open(BytesIO(image.png)) as decoded:
        assert decoded.size == (1200, 700)
        assert decoded.info["Description"] == "a line going down"


def test_render_lets_the_figure_go():
    fig = style.new_figure()
    fig.add_subplot().plot(range(100))
    ref = weakref.ref(fig)
    style.render(fig, alt="x", filename="x.png")
    del fig
    gc.collect()
    assert ref() is None


def test_charts_leave_global_matplotlib_settings_alone(demo_frame):
    before = {k: mpl.rcParams[k] for k in style.RC}
    calendar_heatmap(demo_frame, year=2024)
    assert {k: mpl.rcParams[k] for k in style.RC} == before
    assert before != style.RC  # the style does differ from the defaults, so this can fail


def test_charts_never_import_pyplot():
    code = (
        "import sys\n"
        "from datetime import date\n"
        "import pandas as pd\n"
        "from analytics.charts import calendar_heatmap\n"
        "frame = pd.DataFrame({'workout_date': pd.to_datetime(['2024-03-01']), "
        "'label': ['run']})\n"
        "calendar_heatmap(frame, year=2024)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_concurrent_renders_match_lone_renders_and_restore_settings(demo_frame):
    before = {k: mpl.rcParams[k] for k in style.RC}
    scores = [consistency_score(demo_frame, end=date(2025, m, 28)) for m in range(1, 13)]
    alone = [consistency_chart(s).png for s in scores]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda s: consistency_chart(s).png, scores))
    assert together == alone
    assert {k: mpl.rcParams[k] for k in style.RC} == before


def test_class_colours_are_shared_and_visible(demo_frame, demo_model):
    rgb = pixels(classification_scatter(demo_frame, demo_model))
    for label in (wf.RUN, wf.WALK, wf.OUTLIER):
        assert near(rgb, style.PALETTE[label], tolerance=20) > MANY / 10, label
    bars = pixels(choco_timeline(demo_frame, event_date=date(2018, 6, 1), event_name="Choco"))
    for label in (wf.RUN, wf.WALK):
        assert near(bars, style.PALETTE[label]) > MANY, label


def test_months_before_the_event_are_lighter(demo_frame):
    event = date(2018, 6, 1)
    rgb = pixels(choco_timeline(demo_frame, event_date=event, event_name="Choco"))
    light_run = over_white(style.PALETTE[wf.RUN], BEFORE_ALPHA)
    assert near(rgb, light_run, tolerance=6) > MANY
    late = demo_frame[demo_frame["workout_date"] >= "2016-01-01"]
    only_after = pixels(choco_timeline(late, event_date=date(2016, 1, 1), event_name="Choco"))
    assert near(only_after, light_run, tolerance=6) < near(rgb, light_run, tolerance=6) / 5


def test_empty_year_has_no_workout_cells(demo_frame):
    busy = pixels(calendar_heatmap(demo_frame, year=2024))
    empty = pixels(calendar_heatmap(demo_frame, year=2030))
    assert near(busy, LEVELS[1], tolerance=4) > MANY
    assert near(empty, LEVELS[0], tolerance=4) > MANY
    # the legend shows each level once; cells would add hundreds of pixels more
    assert near(empty, LEVELS[1], tolerance=4) < near(busy, LEVELS[1], tolerance=4) / 5


def test_forecast_is_drawn_only_when_there_is_one(demo_frame):
    enough = trend(demo_frame, metric="pace", label="run")
    few = trend(demo_frame, metric="pace", label="run_walk", start=date(2025, 10, 1))
    assert enough.forecast
    assert not few.forecast
    assert near(pixels(trend_chart(enough)), FORECAST, tolerance=10) > 50
    assert near(pixels(trend_chart(few)), FORECAST, tolerance=10) == 0


def test_anomalies_are_ringed_only_when_found(demo_frame):
    found = find_anomalies(demo_frame, start=date(2023, 1, 1), end=date(2024, 12, 31))
    none = find_anomalies(demo_frame, start=date(2019, 1, 1), end=date(2019, 1, 31))
    assert any(a.metric == "avg_pace_s_per_km" for a in found.items)
    assert not any(a.metric == "avg_pace_s_per_km" for a in none.items)
    ringed = pixels(anomalies_chart(demo_frame, found))
    plain = pixels(anomalies_chart(demo_frame, none))
    assert near(ringed, style.HIGHLIGHT, tolerance=8) > near(plain, style.HIGHLIGHT, 8) + 100


def test_weakest_dimension_is_highlighted(demo_frame):
    score = consistency_score(demo_frame, end=date(2025, 12, 31))
    assert score.weakest
    rgb = assert_valid_chart(consistency_chart(score))
    assert near(rgb, style.HIGHLIGHT, tolerance=4) > MANY * 10  # a whole bar of it


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (9.6833, "9:41"),
        (0.5, "0:30"),
        (59.999, "1:00:00"),
        (75.5, "1:15:30"),
        (float("nan"), "n/a"),
    ],
)
def test_mss(minutes, text):
    assert style.mss(minutes) == text


@pytest.mark.parametrize(
    ("text", "slug"),
    [("Choco", "choco"), ("Chöco arrives!", "choco-arrives"), ("🐶", "chart"), ("  --  ", "chart")],
)
def test_slug(text, slug):
    assert style.slug(text) == slug


def test_groups_put_every_non_foot_class_together():
    assert style.group("cycle") == style.group("swim") == style.NON_FOOT
    assert style.colour("cycle") == style.PALETTE[style.NON_FOOT]
    assert style.colour(wf.WALK) == style.PALETTE[wf.WALK]
    assert len(set(style.PALETTE.values())) == len(style.PALETTE)


def test_pace_axis_ticks_are_nice_and_few():
    fig = style.new_figure()
    ax = fig.add_subplot()
    ax.plot([1, 2], [0.4, 30])
    style.pace_axis(ax, "mi", log=True)
    ticks = list(ax.yaxis.get_major_locator()())
    assert set(ticks) <= set(style.NICE_PACES)
    assert 5 <= len(ticks) <= 12
    assert ax.yaxis_inverted()
