"""The owner's classified history: the stored model run, retrained when the history has changed
materially, applied to the stored workouts together with the owner's corrections.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.classifier.model import ClassifierModel, ClassifierParams
from analytics.classifier.training import classify, train
from etl.db.corrections import corrections_frame
from etl.db.life_events import events_frame
from etl.db.model_runs import ModelRun, latest_model_run, save_model_run
from etl.db.queries import workouts_frame

# Retrain when this many workouts (or this share of the trained history) came or went, or when
# the owner corrected a label since the last training.
RETRAIN_MIN_CHANGE = 5
RETRAIN_SHARE = 0.10


@dataclass(frozen=True)
class Classified:
    """The owner's workouts with labels, and the model run that labelled them."""

    frame: pd.DataFrame
    model: ClassifierModel
    version: int
    retrained: bool


def needs_retrain(run: ModelRun | None, *, workouts: int, corrections: int) -> bool:
    """Whether the history changed enough since ``run`` to train again."""
    if run is None or corrections != run.history_corrections:
        return True
    changed = abs(workouts - run.history_workouts)
    return changed >= max(RETRAIN_MIN_CHANGE, RETRAIN_SHARE * run.history_workouts)


def load_classified(
    engine: Engine,
    owner_key: str,
    *,
    force_retrain: bool = False,
    params: ClassifierParams | None = None,
    seed: int = 0,
) -> Classified:
    """The owner's workouts labelled by their current model, training a new one when due."""
    frame = workouts_frame(engine, owner_key)
    corrections = corrections_frame(engine, owner_key)
    run = latest_model_run(engine, owner_key)
    retrain = force_retrain or needs_retrain(run, workouts=len(frame), corrections=len(corrections))
    if retrain:
        model = train(
            frame,
            params=params,
            corrections=corrections,
            event_date=first_event_date(engine, owner_key),
            seed=seed,
        )
        version = save_model_run(
            engine,
            owner_key,
            algorithm=model.algorithm,
            model=model.to_json(),
            metrics=json.dumps(dict(model.metrics)),
            training_size=model.training_size,
            history_workouts=len(frame),
            history_corrections=len(corrections),
        )
    else:
        model, version = ClassifierModel.from_json(run.model), run.version
    labels = classify(frame, model, corrections=corrections).table
    labelled = frame.merge(labels.drop(columns=["id"]), left_index=True, right_index=True)
    return Classified(frame=labelled, model=model, version=version, retrained=retrain)


def first_event_date(engine: Engine, owner_key: str):
    """The date of the owner's first life event (the era boundary), or None."""
    events = events_frame(engine, owner_key)
    return None if events.empty else events["event_date"].iloc[0]
