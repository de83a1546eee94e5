"""Finding the workout a person means: by id, or by day and perhaps class."""

from __future__ import annotations

import pandas as pd

from analytics.frame import by_day
from bot.language.query import WorkoutRef
from etl.errors import WorkoutsError


class WorkoutNotFound(WorkoutsError):
    """No workout of the asker matches."""


def find_workouts(frame: pd.DataFrame, ref: WorkoutRef | None) -> pd.DataFrame:
    """The asker's workouts matching ``ref``: one row for an id, every workout of a day (those
    of the named class first). ``frame`` holds only the asker's workouts, so another owner's id
    is simply not found."""
    if ref is None:
        raise WorkoutNotFound(
            "say which workout: its id (`why 1234`) or its day (`why 2024-05-03`)."
        )
    if ref.id is not None:
        found = frame[frame["id"] == ref.id]
        if found.empty:
            raise WorkoutNotFound(f"you have no workout with id {ref.id}.")
        return found
    found = frame[by_day(frame) == pd.Timestamp(ref.day)]
    if found.empty:
        raise WorkoutNotFound(f"you have no workout on {ref.day}.")
    if ref.label is not None:
        matching = found["label"] == ref.label
        found = pd.concat([found[matching], found[~matching]])
    return found
