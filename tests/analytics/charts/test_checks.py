"""Every chart kind on every kind of history, inspected by the automatic checks of
:mod:`tests.analytics.charts.checks`:

- overlap: no two visible texts (tick labels, axis labels, titles, annotations, legend texts,
  text boxes) overlap;
- clipped: no text reaches past the figure's edge;
- range: a date axis covers the period asked and at most 10% (3 days at least) beyond it;
- pace: no pace tick label is over 59:59;
- png: the PNG decodes at 1200x700;
- alt: the alt text is not empty, states a number and says what the chart shows.

Histories (seeded, synthetic, built through the real ETL parser): the demo history (2011-2025),
one broken row (a single 5000 s/km pace among two normal years), one month, twelve years, no
data and a single workout. Route charts get tracks of the same spirit. A chart that refuses an
input by design (no route, no bar) must say so with a ValueError.

Cases failing today are strict xfails with the problems as reason: fixing a chart makes its case
pass, which fails the suite until the mark is removed from :data:`KNOWN`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from analytics import frame as wf
from analytics.anomalies import find_anomalies
from analytics.charts import (
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
from analytics.charts.style import mss
from analytics.classifier.training import train
from analytics.consistency import consistency_score
from analytics.trends import trend
from etl.demo.mapmyrun import generate_history
from etl.demo.routes import synthetic_route
from tests.analytics.charts.checks import capturing, chart_problems
from tests.analytics.conftest import workouts_frame_from_csv

ABSURD_PACE = 5000.0  # s/km: 2h14 a mile
EMPTY_PERIOD = (date(2024, 1, 1), date(2024, 12, 31))
LONDON, MALLORCA = (51.5, -0.12), (39.57, 2.65)


@dataclass(frozen=True)
class History:
    """One fixture: a labelled workouts frame and GPS tracks of the same spirit."""

    frame: pd.DataFrame
    tracks: list[pd.DataFrame] = field(default_factory=list)

    @property
    def first(self) -> date | None:
        return None if self.frame.empty else self.frame["workout_date"].min().date()

    @property
    def last(self) -> date | None:
        return None if self.frame.empty else self.frame["workout_date"].max().date()

    @property
    def period(self) -> tuple[date, date] | None:
        return None if self.frame.empty else (self.first, self.last)


def _labelled(start: date, end: date, seed: int = 2018) -> pd.DataFrame:
    """A generated export parsed by the ETL, labelled with the generator's truth."""
    history = generate_history(seed=seed, start=start, end=end)
    frame = workouts_frame_from_csv(history.csv_text)
    truth = history.truth.set_index("source_id")["label"]
    frame["label"] = frame["source_id"].map(truth)
    return frame.assign(label=frame["label"].where(frame["label"] != "other", frame["category"]))


def _track(seed: int, km: float, *, at=LONDON, interval_s: float = 5.0) -> pd.DataFrame:
    start = datetime(2024, 5, 1, 7, tzinfo=UTC) + timedelta(days=seed)
    points = synthetic_route(
        seed=seed,
        distance_m=km * 1000,
        pace_s_per_km=330,
        start=start,
        lat0=at[0],
        lon0=at[1],
        interval_s=interval_s,
    )
    return pd.DataFrame(
        {
            "lat": [p.lat for p in points],
            "lon": [p.lon for p in points],
            "ele": [p.ele for p in points],
            "seconds": [(p.time - start).total_seconds() for p in points],
        }
    )


def _tracks(count: int, seed: int = 0, **kwargs) -> list[pd.DataFrame]:
    return [_track(seed + i, 3 + (i * 7) % 9, **kwargs) for i in range(count)]


def _broken_track() -> pd.DataFrame:
    """A 5 km loop with one segment at an absurd pace: a pause logged as moving."""
    track = _track(1, 5.0)
    middle = len(track) // 2
    track.loc[middle:, "seconds"] += 3000.0
    return track


@functools.cache
def history(name: str) -> History:
    """The fixture ``name``, built once per session (tests use copies)."""
    if name == "demo":
        return History(_labelled(date(2011, 1, 1), date(2025, 12, 31)), _tracks(20))
    if name == "broken":
        frame = _labelled(date(2024, 1, 1), date(2025, 12, 31), seed=7)
        runs = frame.index[frame["label"] == wf.RUN]
        row = runs[len(runs) // 2]
        frame.loc[row, "avg_pace_s_per_km"] = ABSURD_PACE
        frame.loc[row, "duration_s"] = ABSURD_PACE * frame.loc[row, "distance_m"] / 1000
        frame.loc[row, "avg_speed_mps"] = 1000 / ABSURD_PACE
        return History(frame, [_broken_track(), *_tracks(5, seed=10)])
    if name == "month":
        return History(_labelled(date(2024, 3, 1), date(2024, 3, 31), seed=3), _tracks(12, 20))
    if name == "twelve_years":
        tracks = _tracks(60, 40, interval_s=15.0) + _tracks(3, 200, at=MALLORCA)
        return History(_labelled(date(2014, 1, 1), date(2025, 12, 31), seed=12), tracks)
    if name == "empty":
        return History(_labelled(date(2024, 1, 1), date(2024, 12, 31)).iloc[:0], [])
    if name == "one":
        frame = _labelled(date(2024, 1, 1), date(2024, 12, 31))
        frame = frame[frame["label"] == wf.RUN].iloc[:1]
        return History(frame, [_track(5, 4.0)])
    raise KeyError(name)


FIXTURES = ["demo", "broken", "month", "twelve_years", "empty", "one"]


@dataclass(frozen=True)
class Drawn:
    """A chart drawn for a case: period its date axes should cover, words its alt should use."""

    period: tuple[date, date] | None
    subject: tuple[str, ...]


def _anomalies(h: History) -> Drawn:
    start, end = h.period or EMPTY_PERIOD
    anomalies_chart(h.frame, find_anomalies(h.frame, start=start, end=end))
    return Drawn((start, end), ("pace", "unusual"))


def _calendar(h: History) -> Drawn:
    calendar_heatmap(h.frame, year=(h.last or EMPTY_PERIOD[1]).year)
    return Drawn(None, ("workout",))


def _choco(h: History) -> Drawn:
    first, last = h.period or EMPTY_PERIOD
    event = first + (last - first) / 2
    choco_timeline(h.frame, event_date=event, event_name="Choco")
    if h.period is None:
        return Drawn(None, ("workout",))
    months = (first.replace(day=1), (pd.Timestamp(last) + pd.offsets.MonthEnd(0)).date())
    return Drawn(months, ("workout",))  # a monthly chart: whole months


def _scatter(h: History) -> Drawn:
    classification_scatter(h.frame, train(h.frame))
    return Drawn(None, ("pace", "distance"))


def _consistency(h: History) -> Drawn:
    consistency_chart(consistency_score(h.frame, end=h.last or EMPTY_PERIOD[1]))
    return Drawn(None, ("consistency",))


def _trend(h: History) -> Drawn:
    result = trend(h.frame, metric="pace", label=wf.RUN)
    trend_chart(result)
    days = [d for d, _ in result.points] + [f.date for f in result.forecast]
    period = (min(days), max(days)) if days else None
    return Drawn(period, ("pace", "trend"))


def _weeks(h: History) -> Drawn:
    weeks_chart(h.frame, end=h.last or EMPTY_PERIOD[1])
    return Drawn(None, ("week",))


def _groups(frame: pd.DataFrame) -> pd.Series:
    """By year over two years or more, else by month."""
    days = frame["workout_date"]
    long = (days.max() - days.min()) > pd.Timedelta(days=730)
    return days.dt.year.astype(str) if long else days.dt.strftime("%Y-%m")


def _breakdown(h: History) -> Drawn:
    km = (h.frame["distance_m"] / 1000).groupby(_groups(h.frame)).sum()
    bars = [Bar(str(k), float(v), f"{v:,.0f}") for k, v in km.items()]
    breakdown_chart(bars, title="Distance by period", axis="distance (km)")
    return Drawn(None, ("distance",))


def _breakdown_pace(h: History) -> Drawn:
    runs = h.frame[h.frame["label"] == wf.RUN]
    pace = (runs["avg_pace_s_per_km"] / 60).groupby(_groups(runs)).mean()
    bars = [Bar(str(k), float(v), mss(v)) for k, v in pace.items()]
    highlight = str(pace.idxmin()) if len(pace) else None
    breakdown_chart(
        bars, title="Run pace by period", axis="pace", pace_unit="km", highlight=highlight
    )
    return Drawn(None, ("pace",))


def _route_map(h: History) -> Drawn:
    track = h.tracks[0] if h.tracks else pd.DataFrame({"lat": [], "lon": []})
    if len(h.tracks) == 1:  # a single workout: the least a route can be, two points
        track = track.iloc[[0, len(track) // 4]]
    route_map(track, title="Morning run")
    return Drawn(None, ("route",))


def _routes_heatmap(h: History) -> Drawn:
    routes_heatmap(h.tracks, title="Every route")
    return Drawn(None, ("route",))


CHARTS: dict[str, Callable[[History], Drawn]] = {
    "anomalies_chart": _anomalies,
    "calendar_heatmap": _calendar,
    "choco_timeline": _choco,
    "classification_scatter": _scatter,
    "consistency_chart": _consistency,
    "trend_chart": _trend,
    "weeks_chart": _weeks,
    "breakdown_chart": _breakdown,
    "breakdown_chart_pace": _breakdown_pace,
    "route_map": _route_map,
    "routes_heatmap": _routes_heatmap,
}
# Inputs a chart refuses by design (its callers say so in words instead).
REFUSED = {
    ("breakdown_chart", "empty"),
    ("breakdown_chart_pace", "empty"),
    ("route_map", "empty"),
    ("routes_heatmap", "empty"),
}
# Problems found today, for the chart fixers: (chart, fixture) -> the checks that fail.
KNOWN: dict[tuple[str, str], str] = {}


def _case_list():
    for chart in CHARTS:
        for fixture in FIXTURES:
            marks = []
            if (chart, fixture) in KNOWN:
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN[chart, fixture])]
            yield pytest.param(chart, fixture, id=f"{chart}-{fixture}", marks=marks)


@pytest.mark.parametrize(("chart", "fixture"), list(_case_list()))
def test_chart_passes_the_checks(chart, fixture):
    data = history(fixture)
    data = History(data.frame.copy(), [t.copy() for t in data.tracks])
    if (chart, fixture) in REFUSED:
        with pytest.raises(ValueError, match=r"route|breakdown chart draws"):
            CHARTS[chart](data)
        return
    with capturing() as shots:
        drawn = CHARTS[chart](data)
    assert len(shots) == 1
    problems = chart_problems(shots[0], period=drawn.period, subject=drawn.subject)
    assert problems == []
