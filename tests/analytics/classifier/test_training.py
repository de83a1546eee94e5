"""The run/walk classifier against known truth: the demo history and seeded synthetic ones."""

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.classifier.explain import explain
from analytics.classifier.model import ClassifierModel, ClassifierParams
from analytics.classifier.naming import name_by_pace
from analytics.classifier.training import classify, train
from analytics.frame import OUTLIER, RUN, RUN_WALK, WALK

MI = 1609.344
PARAMS = ClassifierParams()


def synthetic(rng, kinds: dict[str, tuple[int, tuple, tuple]], start="2020-01-01") -> pd.DataFrame:
    """Foot workouts per label: count, pace range (min/mi), distance range (mi)."""
    rows = []
    for label, (count, pace, miles) in kinds.items():
        p = rng.uniform(*pace, count) * 60 / MI * 1000  # s/km
        d = rng.uniform(*miles, count) * MI
        rows.append(pd.DataFrame({"truth": label, "avg_pace_s_per_km": p, "distance_m": d}))
    frame = pd.concat(rows, ignore_index=True).sample(frac=1, random_state=1)
    frame = frame.reset_index(drop=True)
    frame["duration_s"] = frame["avg_pace_s_per_km"] * frame["distance_m"] / 1000
    frame["id"] = np.arange(1, len(frame) + 1)
    frame["workout_date"] = pd.Timestamp(start) + pd.to_timedelta(np.arange(len(frame)), "D")
    frame["category"] = "run"
    frame["activity_type"] = "Run"
    frame["flags"] = None
    return frame


def labelled(frame, model, corrections=None) -> pd.Series:
    return classify(frame, model, corrections=corrections).table["label"]


@pytest.fixture(scope="module")
def demo_model(_demo_frame):
    return train(_demo_frame)


def test_demo_runs_and_walks_are_labelled_correctly(demo_frame, demo_model):
    table = classify(demo_frame, demo_model).table
    truth = demo_frame["truth"]
    runs_and_walks = truth.isin([RUN, WALK])
    accuracy = (table["label"][runs_and_walks] == truth[runs_and_walks]).mean()
    assert accuracy >= 0.97
    assert (table["label"][truth == OUTLIER] == OUTLIER).all(), "every injected glitch"
    assert demo_model.metrics["kind"] == "mixture"
    assert {c.label for c in demo_model.components} >= {RUN, WALK}


def test_the_activity_type_does_not_decide(demo_frame, demo_model):
    before = classify(demo_frame, demo_model).table["label"]
    foot = demo_frame["category"].isin(["run", "walk", "hike"])
    relabelled = demo_frame.copy()
    relabelled.loc[foot, ["activity_type", "category"]] = ["Run", "run"]
    retrained = train(relabelled)
    after = classify(relabelled, retrained).table["label"]
    assert (after[foot] == before[foot]).mean() >= 0.99


def test_non_foot_workouts_keep_their_own_type(demo_frame, demo_model):
    table = classify(demo_frame, demo_model).table
    other = ~demo_frame["category"].isin(["run", "walk", "hike"])
    assert other.any()
    assert (table["label"][other] == demo_frame["category"][other]).all()
    assert (table["method"][other] == "non_foot").all()


def test_classification_does_not_depend_on_the_batch(demo_frame, demo_model):
    whole = classify(demo_frame, demo_model).table.set_index("id")
    rng = np.random.default_rng(5)
    for size in (1, 1, 1, 7, 250):
        rows = demo_frame.iloc[rng.choice(len(demo_frame), size, replace=False)]
        part = classify(rows.reset_index(drop=True), demo_model).table.set_index("id")
        expected = whole.loc[part.index]
        assert (part["label"] == expected["label"]).all()
        assert np.allclose(part["confidence"], expected["confidence"])


def test_confidence_is_calibrated_on_the_demo_truth(demo_frame, demo_model):
    table = classify(demo_frame, demo_model).table
    foot = demo_frame["truth"].isin([RUN, WALK, RUN_WALK, OUTLIER])
    correct = (table["label"] == demo_frame["truth"])[foot]
    confidence = table["confidence"][foot]
    bins = pd.cut(confidence, [0, 0.8, 0.95, 1.0])
    summary = pd.DataFrame({"ok": correct, "conf": confidence}).groupby(bins, observed=True)
    for _, group in summary:
        if len(group) >= 20:
            assert abs(group["ok"].mean() - group["conf"].mean()) < 0.1
    assert confidence.max() <= PARAMS.max_confidence


def test_a_long_slow_run_is_still_a_run():
    rng = np.random.default_rng(3)
    frame = synthetic(
        rng,
        {
            RUN: (120, (8, 10), (3, 6)),
            WALK: (200, (19, 26), (1, 3)),
            "long": (6, (10.5, 11.5), (14, 20)),
        },
    )
    labels = labelled(frame, train(frame))
    assert (labels[frame["truth"] == "long"] == RUN).all()


def test_run_walks_between_the_clusters_are_mixed():
    rng = np.random.default_rng(4)
    frame = synthetic(
        rng,
        {
            RUN: (150, (8, 10), (3, 6)),
            WALK: (250, (19, 26), (1, 3)),
            RUN_WALK: (12, (13, 15), (2, 4)),
        },
    )
    labels = labelled(frame, train(frame))
    mixed = frame["truth"] == RUN_WALK
    assert (labels[mixed] == RUN_WALK).mean() >= 0.75
    assert (labels[~mixed] == frame["truth"][~mixed]).mean() >= 0.98


def test_a_run_unusual_for_you_is_still_a_run_and_rides_are_outliers_with_a_reason():
    rng = np.random.default_rng(6)
    frame = synthetic(
        rng,
        {
            RUN: (150, (7.8, 8.4), (3, 6)),  # a runner whose runs cluster tightly
            "easy": (12, (9.2, 11.0), (2.5, 5)),  # ...and her ordinary easy runs
            WALK: (250, (19, 26), (1, 3)),
            "ride": (3, (2.3, 3.0), (10, 25)),  # 20-26 mi/h: rides logged as runs
        },
    )
    table = classify(frame, train(frame)).table
    assert (table["label"][frame["truth"] == "easy"] == RUN).all()
    rides = table[frame["truth"] == "ride"]
    assert set(zip(rides["label"], rides["method"], rides["detail"])) == {
        (OUTLIER, "implausible", "ride_like")
    }


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"flags": "steps_absurd"}, "flags"),
        ({"duration_s": np.nan}, "no_duration"),
        ({"distance_m": 0.0}, "no_distance"),
        ({"avg_pace_s_per_km": 60.0}, "too_fast"),
        ({"avg_pace_s_per_km": 5000.0}, "too_slow"),
        ({"distance_m": 300_000.0}, "too_far"),
    ],
)
def test_implausible_workouts_are_outliers_whatever_the_model(
    demo_frame, demo_model, overrides, reason
):
    row = demo_frame.iloc[[10]].reset_index(drop=True)
    for column, value in overrides.items():
        row[column] = value
    [result] = classify(row, demo_model).table.to_dict("records")
    assert (result["label"], result["method"], result["detail"]) == (OUTLIER, "implausible", reason)


@pytest.mark.parametrize(
    ("paces_min_per_km", "expected"),
    [
        ([5.9, 13.7], [RUN, WALK]),
        ([5.9, 6.0, 13.7, 14.3], [RUN, RUN, WALK, WALK]),
        ([6.2, 9.0, 13.5], [RUN, RUN_WALK, WALK]),
        ([9.5, 14.5], [RUN, WALK]),  # a slow runner: her runs are faster than her walks
        ([5.0, 6.3], [RUN, RUN]),  # a fast runner's easy runs are no walks
        ([7.6, 9.5, 14.5], [RUN, RUN, WALK]),  # a slow runner's tempo and easy runs
        ([9.0], [RUN]),  # one way of moving, at a runner's pace
        ([10.5], [WALK]),  # a brisk walker with no runs
        ([13.7, 5.9], [WALK, RUN]),  # order does not matter: meaning does
    ],
)
def test_clusters_are_named_by_the_owners_own_pace_gaps(paces_min_per_km, expected):
    paces = [p * 60 for p in paces_min_per_km]
    assert list(name_by_pace(paces, PARAMS).labels) == expected


def test_user_labels_win_and_teach_the_next_model():
    rng = np.random.default_rng(8)
    frame = synthetic(
        rng,
        {
            RUN: (150, (8, 10), (3, 6)),
            WALK: (250, (19, 26), (1, 3)),
            "hill": (10, (18.6, 19.0), (4.0, 4.4)),
        },
    )
    hills = frame.index[frame["truth"] == "hill"]
    before = labelled(frame, train(frame))
    assert (before[hills] == WALK).all(), "the model alone calls them walks"
    corrections = pd.DataFrame({"workout_id": frame.loc[hills[:3], "id"], "label": RUN_WALK})
    model = train(frame, corrections=corrections)
    after = classify(frame, model, corrections=corrections).table
    assert (after.loc[hills[:3], "method"] == "user").all()
    assert (after.loc[hills[:3], "confidence"] == 1.0).all()
    followers = after.loc[hills[3:]]
    assert (followers["label"] == RUN_WALK).mean() >= 0.7, "similar workouts follow"
    assert set(followers["method"]) <= {"like_correction", "between_clusters", "model"}
    ordinary = frame["truth"].isin([RUN, WALK])
    assert (after["label"][ordinary] == frame["truth"][ordinary]).mean() >= 0.99


@pytest.mark.parametrize(
    ("count", "event", "kind", "first_label"),
    [
        (3, date(2020, 1, 2), "era_default", RUN),
        (3, None, "pace_rules", RUN),
        (12, date(2020, 1, 2), "pace_rules", RUN),
    ],
)
def test_small_histories_fall_back(count, event, kind, first_label):
    rng = np.random.default_rng(9)
    frame = synthetic(rng, {WALK: (count, (20, 24), (1, 3))}, start="2020-01-01")
    frame.loc[0, "workout_date"] = pd.Timestamp("2019-12-25")
    model = train(frame, event_date=event)
    table = classify(frame, model).table
    assert model.metrics["kind"] == kind
    if kind == "era_default":
        assert table.loc[0, "label"] == RUN, "before the event"
        assert (table["label"][1:] == WALK).all(), "after the event"
        assert (table["confidence"] == 0.5).all()
    else:
        assert (table["label"] == WALK).all(), "pace rules see walking paces"
        assert first_label == RUN


def test_a_stored_model_classifies_exactly_as_the_trained_one(demo_frame, demo_model):
    restored = ClassifierModel.from_json(demo_model.to_json())
    original = classify(demo_frame, demo_model).table
    again = classify(demo_frame, restored).table
    pd.testing.assert_frame_equal(original, again)
    assert restored.params == demo_model.params


def test_training_is_deterministic_for_a_seed(demo_frame):
    assert train(demo_frame, seed=3).to_json() == train(demo_frame, seed=3).to_json()


def test_why_quotes_the_numbers(demo_frame, demo_model):
    table = classify(demo_frame, demo_model).table.drop(columns=["id"])
    rows = demo_frame.drop(columns=["label"]).join(table)
    walk = rows[(rows["method"] == "model") & (rows["label"] == WALK)].iloc[0]
    text = explain(walk, demo_model, unit="mi").sentence
    assert text.startswith("Dog walk: ")
    assert "min/mi sits in your dog walk cluster (centre " in text
    assert f"confidence {walk['confidence']:.2f}" in text
    glitch = rows[rows["detail"] == "flags"].iloc[0]
    assert "the export held impossible values" in explain(glitch, demo_model).sentence
    km = explain(walk, demo_model, unit="km").sentence
    assert "min/km" in km and " km" in km


def test_why_uses_the_owners_class_names():
    from analytics.frame import WALK_NAMES

    rng = np.random.default_rng(4)
    kinds = {
        RUN: (150, (8, 10), (3, 6)),
        WALK: (250, (19, 26), (1, 3)),
        RUN_WALK: (12, (13, 15), (2, 4)),
    }
    frame = synthetic(rng, kinds)
    model = train(frame)
    rows = frame.join(classify(frame, model).table.drop(columns=["id"]))
    between = rows[rows["method"] == "between_clusters"].iloc[0]
    text = explain(between, model, names=WALK_NAMES).sentence
    assert "falls between your run and walk clusters" in text and "dog" not in text
    assert "falls between your run and dog walk clusters" in explain(between, model).sentence
    walk = rows[(rows["method"] == "model") & (rows["label"] == WALK)].iloc[0]
    text = explain(walk, model, names=WALK_NAMES).sentence
    assert text.startswith("Walk: ") and "sits in your walk cluster" in text


def test_why_counts_a_single_workout_in_the_singular():
    rng = np.random.default_rng(9)
    frame = synthetic(rng, {WALK: (1, (20, 24), (1, 3))}, start="2020-01-01")
    model = train(frame, event_date=date(2019, 1, 1))
    rows = frame.join(classify(frame, model).table.drop(columns=["id"]))
    text = explain(rows.iloc[0], model).sentence
    assert "with only 1 usable workout there is no model yet" in text
