"""The classifier against honest people: Strava and Garmin histories whose labels are true.

Someone who logs runs as "Run" and walks as "Walk" should see the classifier agree with them;
the few dog walks they logged as "Run" anyway are what the product exists to catch.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

from analytics.classifier.training import classify, train
from analytics.frame import RUN, WALK
from etl.demo.garmin import garmin_history
from etl.demo.honest import SourceHistory
from etl.demo.strava.history import strava_history
from etl.ingest.extract import RawFile
from etl.ingest.parse import frame_of

SOURCES = {
    "strava": (strava_history, "activities.csv"),
    "garmin": (garmin_history, "Activities.csv"),
}
CASES = [
    pytest.param(source, unit, seed, id=f"{source}-{unit}-{seed}")
    for source in SOURCES
    for unit in ("km", "mi")
    for seed in range(3)
]
AS_PERSON = {RUN: "Run", WALK: "Walk"}  # mixed and outlier never agree


@cache
def history(source: str, unit: str, seed: int) -> SourceHistory:
    make, _ = SOURCES[source]
    return make(seed=seed, unit=unit)


@cache
def parsed(source: str, unit: str, seed: int) -> pd.DataFrame:
    """The export through the real ETL, as the analytics read it."""
    _, name = SOURCES[source]
    return frame_of(RawFile(name, history(source, unit, seed).text.encode()))


@cache
def labels(source: str, unit: str, seed: int) -> np.ndarray:
    """The classifier's labels, row for row with the truth."""
    frame = parsed(source, unit, seed)
    return classify(frame, train(frame, seed=0)).table["label"].to_numpy()


@pytest.mark.parametrize(("source", "unit", "seed"), CASES)
def test_the_parsed_frame_matches_the_truth(source, unit, seed):
    truth, frame = history(source, unit, seed).truth, parsed(source, unit, seed)
    assert len(frame) == len(truth)
    assert list(frame["workout_date"].dt.date) == list(truth["date"])
    moved = truth["distance_m"].to_numpy() > 0
    read = frame["distance_m"].to_numpy()[moved]
    assert np.allclose(read, truth["distance_m"].to_numpy()[moved], rtol=0.01)
    assert np.allclose(frame["duration_s"], truth["duration_s"], atol=1)
    assert list(frame["activity_type"]) == list(truth["activity_type"])


@pytest.mark.parametrize(("source", "unit", "seed"), CASES)
def test_the_classifier_agrees_with_honest_labels(source, unit, seed):
    truth = history(source, unit, seed).truth
    said = pd.Series(labels(source, unit, seed)).map(AS_PERSON).fillna("disagree")
    honest_foot = truth["honest"] & truth["kind"].isin(["run", "walk"])
    assert honest_foot.sum() > 500
    agreement = (said[honest_foot] == truth["label"][honest_foot]).mean()
    assert agreement >= 0.95, f"agreement {agreement:.3f}"


@pytest.mark.parametrize(("source", "unit", "seed"), CASES)
def test_dog_walks_logged_as_runs_are_caught(source, unit, seed):
    truth = history(source, unit, seed).truth
    dishonest = ~truth["honest"].to_numpy()
    assert dishonest.any()
    assert (truth["label"][dishonest] == "Run").all()
    caught = (labels(source, unit, seed)[dishonest] == WALK).mean()
    assert caught >= 0.8, f"caught {caught:.3f}"


@pytest.mark.parametrize("make", [strava_history, garmin_history])
def test_histories_are_deterministic_and_the_unit_changes_only_the_text(make):
    km, mi = make(seed=4, years=2), make(seed=4, years=2, unit="mi")
    assert km.text == make(seed=4, years=2).text
    assert km.text != mi.text
    pd.testing.assert_frame_equal(km.truth, mi.truth)
    assert km.truth["date"].min().year == 2024
    with pytest.raises(ValueError, match="unit"):
        make(unit="yd")


def test_the_exports_keep_their_apps_traps():
    strava = strava_history(years=1).text.splitlines()[0].split(",")
    assert strava.count("Distance") == 2 and strava.count("Elapsed Time") == 2
    garmin = garmin_history(years=1).text
    assert ",--," in garmin and '"1,' in garmin  # missing values, thousands separators
    dates = garmin_history(years=1).truth["date"]
    assert dates.is_monotonic_decreasing  # newest first
