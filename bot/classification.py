"""The owner's classified history: the stored model run, retrained when the history has changed
materially, applied to the stored workouts together with the owner's corrections.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from analytics.classifier.model import ALGORITHM, ClassifierModel, ClassifierParams
from analytics.classifier.training import classify, train
from etl.db.corrections import corrections_frame
from etl.db.life_events import events_frame
from etl.db.model_runs import ModelRun, latest_model_run, save_model_run
from etl.db.queries import ANALYTIC_COLUMNS, workouts_frame

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
    retrain = retrain or _outdated(run)
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


@dataclass(frozen=True)
class Reach:
    """What one correction would do to the owner's other workouts: (id, label before, label
    after) for each that would change with it."""

    changes: tuple[tuple[int, str, str], ...]

    def moves(self) -> dict[tuple[str, str], int]:
        """How many would move from one label to another."""
        counts: dict[tuple[str, str], int] = {}
        for _, before, after in self.changes:
            counts[(before, after)] = counts.get((before, after), 0) + 1
        return counts


def preview_label(
    classified: Classified,
    engine: Engine,
    owner_key: str,
    workout_id: int,
    label: str,
    *,
    seed: int = 0,
) -> Reach:
    """The reach of labelling ``workout_id`` as ``label``, without saving anything: a model is
    trained with the correction added and the other workouts' labels compared."""
    corrections = corrections_frame(engine, owner_key)
    kept = corrections[corrections["workout_id"] != workout_id][["workout_id", "label"]]
    added = pd.DataFrame({"workout_id": [workout_id], "label": [label]})
    trial = pd.concat([kept, added], ignore_index=True)
    frame = classified.frame[workouts_frame_columns(classified.frame)]
    model = train(
        frame,
        params=classified.model.params,
        corrections=trial,
        event_date=first_event_date(engine, owner_key),
        seed=seed,
    )
    after = classify(frame, model, corrections=trial).table["label"].to_numpy()
    before = classified.frame["label"].to_numpy()
    ids = classified.frame["id"].to_numpy()
    moved = (after != before) & (ids != workout_id)
    return Reach(
        tuple((int(i), str(b), str(a)) for i, b, a in zip(ids[moved], before[moved], after[moved]))
    )


def workouts_frame_columns(frame: pd.DataFrame) -> list[str]:
    """The stored workout columns of a classified frame (the classifier's own left out)."""
    return [c for c in frame.columns if c in ANALYTIC_COLUMNS]


def _outdated(run: ModelRun) -> bool:
    """A run of an older algorithm, whose stored numbers this code does not read."""
    if run.algorithm not in (ALGORITHM, "pace_rules", "era_default"):
        return True
    try:
        ClassifierModel.from_json(run.model)
    except (KeyError, TypeError, ValueError):
        return True
    return False


def first_event_date(engine: Engine, owner_key: str):
    """The date of the owner's first life event (the era boundary), or None."""
    events = events_frame(engine, owner_key)
    return None if events.empty else events["event_date"].iloc[0]
