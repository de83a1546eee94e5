"""``workouts charts``: every chart kind drawn on the demo history, one PNG per kind.

For looking at the charts side by side after a change (``make charts`` writes them to
``out/charts/``); the README's pictures in ``docs/charts/`` come from the same run. The demo
history is labelled by the classifier as the bot would label it; the routes are synthetic loops.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from analytics import frame as wf
from analytics.anomalies import find_anomalies
from analytics.charts import (
    ChartImage,
    anomalies_chart,
    calendar_heatmap,
    choco_timeline,
    classification_scatter,
    consistency_chart,
    route_map,
    routes_heatmap,
    trend_chart,
    weeks_chart,
)
from analytics.charts.breakdown import Bar, breakdown_chart
from analytics.classifier.training import classify, train
from analytics.consistency import consistency_score
from analytics.trends import trend
from etl.demo.mapmyrun import generate_history
from etl.demo.routes import synthetic_route
from etl.ingest.extract import RawFile
from etl.ingest.parse import frame_of

EVENT, EVENT_NAME = date(2018, 6, 1), "Choco arrives"  # the demo's puppy
ROUTES = 20  # synthetic loops for the route heatmap


def demo_labelled() -> pd.DataFrame:
    """The demo history as the store would hold it, labelled by the classifier."""
    frame = frame_of(RawFile("demo.csv", generate_history().csv_text.encode()))
    table = classify(frame, train(frame)).table
    return frame.assign(label=table["label"].to_numpy(), confidence=table["confidence"])


def demo_track(seed: int, km: float) -> pd.DataFrame:
    """A synthetic loop in London as a route chart reads it (lat, lon, ele, seconds)."""
    start = datetime(2025, 6, 1, 7, tzinfo=UTC) + timedelta(days=seed)
    points = synthetic_route(seed=seed, distance_m=km * 1000, pace_s_per_km=330, start=start)
    return pd.DataFrame(
        {
            "lat": [p.lat for p in points],
            "lon": [p.lon for p in points],
            "ele": [p.ele for p in points],
            "seconds": [(p.time - start).total_seconds() for p in points],
        }
    )


def chart_makers(frame: pd.DataFrame) -> dict[str, Callable[[], ChartImage]]:
    """Every chart kind, by name, drawn on ``frame`` (the newest year where a range is needed)."""
    end = frame["workout_date"].max().date()
    year_ago = end - timedelta(days=364)
    tracks = [demo_track(seed, 3 + seed % 7) for seed in range(ROUTES)]
    return {
        "anomalies_chart": lambda: anomalies_chart(
            frame, find_anomalies(frame, start=year_ago, end=end)
        ),
        "calendar_heatmap": lambda: calendar_heatmap(frame, year=end.year),
        "choco_timeline": lambda: choco_timeline(frame, event_date=EVENT, event_name=EVENT_NAME),
        "classification_scatter": lambda: classification_scatter(frame, train(frame)),
        "consistency_chart": lambda: consistency_chart(consistency_score(frame, end=end)),
        "trend_chart": lambda: trend_chart(
            trend(frame, metric="pace", label=wf.RUN, start=end - timedelta(days=3 * 365))
        ),
        "weeks_chart": lambda: weeks_chart(frame, end=end),
        "breakdown_chart": lambda: breakdown_chart(
            _distance_bars(frame), title="Distance by year", axis="distance (km)"
        ),
        "route_map": lambda: route_map(tracks[0], title="Morning run"),
        "routes_heatmap": lambda: routes_heatmap(tracks, title="Every route"),
    }


def write_gallery(out: Path, frame: pd.DataFrame | None = None) -> list[Path]:
    """Draw every chart kind into ``out`` as ``<kind>.png``; the paths written."""
    frame = demo_labelled() if frame is None else frame
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, make in chart_makers(frame).items():
        path = out / f"{kind}.png"
        path.write_bytes(make().png)
        written.append(path)
    return written


def _distance_bars(frame: pd.DataFrame) -> list[Bar]:
    """Distance (km) of the non-outlier workouts by year."""
    counted = frame[frame["label"] != wf.OUTLIER]
    km = counted["distance_m"].groupby(counted["workout_date"].dt.year).sum() / 1000
    return [Bar(str(year), float(value), f"{value:,.0f}") for year, value in km.items()]
