"""Stored classifier model runs: versioned per owner, reused until the next training."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.dates import utc_now
from etl.db.engine import write_transaction
from etl.db.owners import bump_data_version, ensure_owner, find_owner
from etl.db.schema import model_runs


@dataclass(frozen=True)
class ModelRun:
    """One stored training: the model as JSON and the history it was trained on."""

    version: int
    algorithm: str
    model: str
    metrics: str
    training_size: int
    history_workouts: int
    history_corrections: int
    trained_at: datetime


def latest_model_run(engine: Engine, owner_key: str) -> ModelRun | None:
    """The owner's newest model run, or None before the first training."""
    with engine.connect() as conn:
        owner_id = find_owner(conn, owner_key)
        if owner_id is None:
            return None
        row = (
            conn.execute(
                sa.select(model_runs)
                .where(model_runs.c.owner_id == owner_id)
                .order_by(model_runs.c.version.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
    return None if row is None else ModelRun(**{f: row[f] for f in ModelRun.__dataclass_fields__})


def save_model_run(
    engine: Engine,
    owner_key: str,
    *,
    algorithm: str,
    model: str,
    metrics: str,
    training_size: int,
    history_workouts: int,
    history_corrections: int,
) -> int:
    """Store a new model run as the owner's next version; returns the version."""
    with write_transaction(engine) as conn:
        owner_id = ensure_owner(conn, owner_key, owner_key)
        current = conn.execute(
            sa.select(sa.func.max(model_runs.c.version)).where(model_runs.c.owner_id == owner_id)
        ).scalar()
        version = (current or 0) + 1
        conn.execute(
            model_runs.insert().values(
                owner_id=owner_id,
                version=version,
                algorithm=algorithm,
                model=model,
                metrics=metrics,
                training_size=training_size,
                history_workouts=history_workouts,
                history_corrections=history_corrections,
                trained_at=utc_now(),
            )
        )
        bump_data_version(conn, owner_id)
    return version
