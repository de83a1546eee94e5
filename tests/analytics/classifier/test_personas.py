"""The classifier on generated people with known truth: every persona within its budget (never
worse than the best pace threshold chosen with the truth, by more than 0.01; calibrated
confidence), honest types weighed, corrections local."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.classifier.evaluation import agreement, evaluate
from analytics.classifier.explain import explain
from analytics.classifier.training import classify, train
from analytics.frame import RUN, WALK
from analytics.records import personal_records
from etl.demo.personas import PERSONAS, persona, persona_frame

NAMES = list(PERSONAS)


@pytest.fixture(scope="module")
def scored():
    scores = {}
    for name in NAMES:
        frame = persona_frame(name, seed=0)
        model = train(frame, event_date=persona(name).event_date, seed=0)
        table = classify(frame, model).table
        scores[name] = (frame, model, table, evaluate(frame, table))
    return scores


@pytest.mark.parametrize("name", NAMES)
def test_every_persona_is_within_its_budget(scored, name):
    _, _, _, score = scored[name]
    assert score.agreement >= score.oracle.agreement - 0.01, score.confusion
    assert score.ece <= 0.05


def test_pooled_agreement(scored):
    truth = np.concatenate([f["truth"].to_numpy() for f, _, _, _ in scored.values()])
    predicted = np.concatenate([t["label"].to_numpy() for _, _, t, _ in scored.values()])
    assert agreement(truth, predicted) >= 0.97


def test_honest_types_are_trusted_and_everything_typed_run_is_not(scored):
    assert scored["honest_strava"][1].types.reliable
    assert not scored["dog_walker"][1].types.reliable
    assert scored["dog_walker"][1].types.agreement is None or (
        scored["dog_walker"][1].types.agreement < 0.85
    )


def test_a_walk_at_a_runners_pace_is_a_run_that_sets_no_record(scored):
    frame, model, _, _ = scored["honest_strava"]
    walk = frame[frame["truth"] == WALK].iloc[[0]].copy()
    walk["id"] = frame["id"].max() + 1
    walk["distance_m"], walk["moving_time_s"], walk["duration_s"] = 1800.0, 402.0, 420.0
    with_it = pd.concat([frame, walk], ignore_index=True)
    table = classify(with_it, model).table
    mine = table.iloc[-1]
    assert (mine["label"], bool(mine["type_conflict"])) == (RUN, True)
    labelled = with_it.assign(label=table["label"], type_conflict=table["type_conflict"])
    # As the store holds a Strava export: the average pace is filled in from moving time.
    labelled["avg_pace_s_per_km"] = labelled["moving_time_s"] / labelled["distance_m"] * 1000
    records = personal_records(labelled)
    assert records.fastest_run_pace.workout_id != int(walk["id"].iloc[0])
    assert records.contradicted_excluded >= 1


def test_one_correction_of_a_typical_run_moves_few_others(scored):
    frame, _, table, _ = scored["dog_walker"]
    runs = frame[table["label"] == RUN]
    typical = runs.iloc[len(runs) // 2]
    corrections = pd.DataFrame({"workout_id": [int(typical["id"])], "label": [WALK]})
    model = train(frame, corrections=corrections, event_date=persona("dog_walker").event_date)
    after = classify(frame, model, corrections=corrections).table
    moved = (after["label"] != table["label"]) & (frame["id"] != typical["id"])
    assert moved.sum() <= model.params.bulk_change


def _explained(scored, name: str, pick) -> str:
    frame, model, table, _ = scored[name]
    labelled = frame.merge(table.drop(columns=["id"]), left_index=True, right_index=True)
    return explain(labelled.loc[pick(labelled)], model, unit="km").sentence


def test_why_names_the_evidence_that_decided(scored):
    ride = _explained(scored, "rides_as_run", lambda f: f.index[f["detail"] == "ride_like"][0])
    assert ride.startswith("Outlier: it looks like a ride: ") and " km/h moving speed" in ride
    ultra = _explained(scored, "ultra_runner", lambda f: f["distance_m"].idxmax())
    assert ultra.startswith("Run: moving pace ") and "it counts as" in ultra
    honest = _explained(scored, "honest_strava", lambda f: f.index[f["label"] == WALK][0])
    assert "recorded as 'Walk'" in honest and "your types agree with your paces" in honest
    typed_run = _explained(scored, "dog_walker", lambda f: f.index[f["label"] == WALK][0])
    assert "recorded as" not in typed_run, "types that say nothing are not quoted"
    assert "average pace " in typed_run or "moving pace " in typed_run
