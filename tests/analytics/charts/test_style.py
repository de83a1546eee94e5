"""The shared style and plumbing: palette colours really reach the pixels, figures are freed,
global matplotlib state is untouched, pyplot is never imported, rendering is thread-safe."""

from __future__ import annotations

import contextlib
import gc
import subprocess
import sys
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from io import BytesIO

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
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


@contextlib.contextmanager
def figures_drawn(monkeypatch) -> Iterator[list]:
    """Keep every figure a chart renders (drawn, so its tick labels are the ones shown)."""
    kept: list = []
    render = style.render

    def keeping(fig, **kwargs):
        kept.append(fig)
        return render(fig, **kwargs)

    monkeypatch.setattr(style, "render", keeping)
    yield kept


def tick_texts(ax, axis: str = "y") -> list[str]:
    """The tick labels drawn inside the axis's limits."""
    low, high = sorted(ax.get_ylim() if axis == "y" else ax.get_xlim())
    which = ax.yaxis if axis == "y" else ax.xaxis
    ticks = which.get_major_ticks()
    return [
        t.label1.get_text()
        for t, loc in zip(ticks, which.get_majorticklocs())
        if low <= loc <= high and t.label1.get_text()
    ]


def over_an_hour(label: str) -> bool:
    """A pace tick label past 59:59: h:mm:ss, or m:ss with 60 minutes or more."""
    parts = label.split(":")
    return len(parts) > 2 or (len(parts) == 2 and int(parts[0] or 0) >= 60)


RUNS = [9.0 + 0.05 * i for i in range(40)]  # 9:00 to 10:57 min/mi


def test_robust_limits_ignore_one_broken_value():
    low, high = style.robust_limits([*RUNS, 134.0])  # 5000 s/km as min/mi
    assert 8.5 < low < 9.0
    assert 10.95 < high < 11.5
    assert style.robust_limits(RUNS) == pytest.approx((low, high))


def test_robust_limits_keep_what_must_show_within_bounds():
    assert style.robust_limits(RUNS, include=[15.0])[1] > 15.0
    assert style.robust_limits(RUNS, include=[90.0], bounds=(0, style.PACE_MAX))[1] <= 60.0
    assert style.robust_limits([]) == (0.0, 1.0)
    low, high = style.robust_limits([5.0])
    assert low < 5.0 < high


def test_mark_outside_draws_an_arrow_with_its_count_at_the_edge():
    fig = style.new_figure()
    ax = fig.add_subplot()
    ax.set_xlim(0, 100)
    ax.set_ylim(12, 8)  # inverted, as pace is
    marks = style.mark_outside(ax, [10, 11, 50, 70], [134.0, 120.0, 9.5, 2.0])
    assert [(m.count, m.edge, m.above) for m in marks] == [(1, 8, True), (2, 12, False)]
    texts = [t.get_text() for t in ax.texts]
    assert "2 ↓" in texts and "1 ↑" in texts
    assert ax.get_ylim() == (12, 8)  # never stretched


def test_pace_text_is_m_ss_never_hours():
    assert style.pace_text(9.6833) == "9:41"
    assert style.pace_text(75.5) == "75:30"
    assert style.PACE(59.99, 0) == "59:59"


def test_period_axis_is_the_period_asked():
    fig = style.new_figure()
    ax = fig.add_subplot()
    ax.plot(pd.to_datetime(["2014-01-01", "2025-09-15"]), [1, 2])
    style.period_axis(ax, date(2025, 9, 1), date(2025, 9, 30))
    assert ax.get_xlim() == pytest.approx(
        (mdates.date2num(pd.Timestamp("2025-09-01")), mdates.date2num(pd.Timestamp("2025-10-01")))
    )


def test_short_title_fits_one_line():
    text = "Your run pace shows no clear trend (+0:58 min/mi per month, 95% CI -0:12 to +2:08)" * 2
    short = style.short_title(text)
    assert len(short) <= style.TITLE_WRAP and short.endswith("…")
    assert style.short_title("Run pace") == "Run pace"
