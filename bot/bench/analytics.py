"""``workouts bench analytics``: each analytic timed on the demo history and on a large
synthetic history, with the classifier's quality on the demo ground truth.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from analytics.anomalies import find_anomalies
from analytics.briefing import daily_briefing
from analytics.charts import (
    anomalies_chart,
    calendar_heatmap,
    choco_timeline,
    classification_scatter,
    consistency_chart,
    trend_chart,
)
from analytics.classifier.training import classify, train
from analytics.consistency import consistency_score
from analytics.life_events import compare_event, detect_regime_changes
from analytics.records import period_totals, personal_records
from analytics.trends import trend
from bot.bench.measure import peak_rss_mb, timed
from bot.bench.synthetic import synthetic_workouts
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.parse import frame_of

EVENT = date(2018, 6, 1)


@dataclass(frozen=True)
class Timing:
    """One analytic on one history."""

    name: str
    history: str
    rows: int
    seconds: float


@dataclass(frozen=True)
class AnalyticsBench:
    """All timings, the classifier's demo quality and the process's peak memory."""

    timings: tuple[Timing, ...]
    run_walk_accuracy: float
    glitches_found: str
    peak_rss_mb: float


def demo_frame() -> tuple[pd.DataFrame, pd.Series]:
    """The demo history as the store would hold it, and its ground-truth labels."""
    history = generate_history()
    frame = frame_of(RawFile("demo.csv", history.csv_text.encode()))
    truth = frame["source_id"].map(history.truth.set_index("source_id")["label"])
    return frame, truth


def run_analytics_bench(*, rows: int = 1_000_000, seed: int = 0) -> AnalyticsBench:
    """Time every analytic on the demo history, then on ``rows`` synthetic workouts."""
    timings: list[Timing] = []
    frame, truth = demo_frame()
    labelled = _suite(frame, "demo", timings, seed)
    foot = truth.isin(["run", "walk"])
    accuracy = float((labelled["label"][foot] == truth[foot]).mean())
    glitches = truth == "outlier"
    found = f"{int((labelled['label'][glitches] == 'outlier').sum())}/{int(glitches.sum())}"
    day = labelled["workout_date"].max().date() + timedelta(days=1)
    _time(timings, "daily briefing", "demo", len(frame), lambda: daily_briefing(labelled, day=day))
    _charts(labelled, timings, seed)
    if rows:
        big = synthetic_workouts(rows, seed=seed).drop(columns=["truth"])
        _suite(big, "synthetic", timings, seed)
    return AnalyticsBench(tuple(timings), accuracy, found, peak_rss_mb())


def _suite(frame: pd.DataFrame, name: str, timings: list[Timing], seed: int) -> pd.DataFrame:
    n = len(frame)
    model = _time(timings, "train classifier", name, n, lambda: train(frame, seed=seed))
    table = _time(timings, "classify", name, n, lambda: classify(frame, model).table)
    labelled = frame.assign(label=table["label"].to_numpy(), confidence=table["confidence"])
    end = labelled["workout_date"].max().date()
    steps: list[tuple[str, Callable]] = [
        ("consistency score", lambda: consistency_score(labelled, end=end)),
        ("anomalies (last 30 days)", lambda: find_anomalies(labelled, start=end - timedelta(29))),
        ("pace trend + forecast", lambda: trend(labelled, metric="pace", label="run")),
        ("workouts/week trend", lambda: trend(labelled, metric="workouts_per_week")),
        ("life event comparison", lambda: compare_event(labelled, event_date=EVENT, name="e")),
        ("regime change detection", lambda: detect_regime_changes(labelled)),
        ("records", lambda: personal_records(labelled)),
        ("monthly totals", lambda: period_totals(labelled, period="month")),
    ]
    for step, action in steps:
        _time(timings, step, name, n, action)
    return labelled


def _charts(labelled: pd.DataFrame, timings: list[Timing], seed: int) -> None:
    """Each chart on the demo history (budget: 300 ms each), after one warm-up chart: a
    process pays matplotlib's font loading once, not per chart."""
    end = labelled["workout_date"].max().date()
    _time(
        timings,
        "chart: first one (warm-up)",
        "demo",
        len(labelled),
        lambda: calendar_heatmap(labelled, year=end.year),
    )
    model = train(labelled, seed=seed)
    report = find_anomalies(labelled, start=end - timedelta(days=365))
    pace = trend(labelled, metric="pace", label="run", start=end - timedelta(days=365))
    score = consistency_score(labelled, end=end)
    charts: list[tuple[str, Callable]] = [
        (
            "chart: choco timeline",
            lambda: choco_timeline(labelled, event_date=EVENT, event_name="Choco arrives"),
        ),
        ("chart: calendar heatmap", lambda: calendar_heatmap(labelled, year=end.year)),
        ("chart: trend + forecast", lambda: trend_chart(pace)),
        ("chart: anomalies", lambda: anomalies_chart(labelled, report)),
        ("chart: classification", lambda: classification_scatter(labelled, model)),
        ("chart: consistency", lambda: consistency_chart(score)),
    ]
    for name, action in charts:
        gc.collect()  # the garbage of earlier steps is not the chart's cost
        _time(timings, name, "demo", len(labelled), action)


def render_analytics_bench(result: AnalyticsBench) -> str:
    """The timings as a table, then quality and memory."""
    lines = [f"{'analytic':<26} {'history':<10} {'rows':>10} {'time':>10}"]
    lines += [
        f"{t.name:<26} {t.history:<10} {t.rows:>10,} {_duration(t.seconds):>10}"
        for t in result.timings
    ]
    lines += [
        f"classifier on the demo truth: {result.run_walk_accuracy:.1%} of runs and walks right, "
        f"{result.glitches_found} glitches labelled outlier",
        f"peak RSS: {result.peak_rss_mb:,.0f} MB",
    ]
    return "\n".join(lines)


def _time(timings: list[Timing], name: str, history: str, rows: int, action: Callable):
    value, seconds = timed(action)
    timings.append(Timing(name, history, rows, seconds))
    return value


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
