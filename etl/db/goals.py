"""Goals people set: a target per week, month or year, of distance, count or duration.

One goal per owner, kind, period and classes (the class codes it counts, comma-separated and
sorted, or empty for every workout); setting it again replaces the target. Targets are SI:
metres for distance, seconds for duration, workouts for count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime
from numbers import Real

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.engine import write_transaction
from etl.db.owners import ensure_owner, find_owner
from etl.db.schema import goals, owners
from etl.errors import WorkoutsError

GOAL_KINDS = ("distance", "count", "duration")
GOAL_PERIODS = ("week", "month", "year")
COLUMNS = ["id", "kind", "target", "period", "classes", "created_at"]


class InvalidGoal(WorkoutsError, ValueError):
    """A goal whose kind, period, target or classes cannot be stored."""


def set_goal(
    engine: Engine,
    owner_key: str,
    kind: str,
    target: float,
    period: str,
    classes: Iterable[str] | str = (),
) -> bool:
    """Set the owner's goal (``target`` in SI units); returns whether it was new, False when it
    replaced the target of the same kind, period and classes."""
    codes = _classes(classes)
    _check(kind, period)
    if not (isinstance(target, Real) and not isinstance(target, bool)):
        raise InvalidGoal(f"a goal's target must be a positive number, not {target!r}")
    if not (math.isfinite(target) and target > 0):
        raise InvalidGoal(f"a goal's target must be a positive number, not {target!r}")
    now = datetime.now(UTC).replace(tzinfo=None)
    with write_transaction(engine) as conn:
        owner_id = ensure_owner(conn, owner_key, owner_key)
        where = _where(owner_id, kind, period, codes)
        if conn.execute(sa.select(goals.c.id).where(where)).scalar() is not None:
            conn.execute(goals.update().where(where).values(target=float(target), created_at=now))
            return False
        conn.execute(
            goals.insert().values(
                owner_id=owner_id,
                kind=kind,
                target=float(target),
                period=period,
                classes=codes,
                created_at=now,
            )
        )
        return True


def remove_goal(
    engine: Engine, owner_key: str, kind: str, period: str, classes: Iterable[str] | str = ()
) -> bool:
    """Forget the owner's goal of that kind, period and classes; returns whether there was one."""
    codes = _classes(classes)
    _check(kind, period)
    with write_transaction(engine) as conn:
        owner_id = find_owner(conn, owner_key, lock=True)
        if owner_id is None:
            return False
        return (
            conn.execute(goals.delete().where(_where(owner_id, kind, period, codes))).rowcount > 0
        )


def goals_frame(engine: Engine, owner_key: str) -> pd.DataFrame:
    """The owner's goals: id, kind, target (SI), period, classes (comma-separated codes, ""
    for all), created_at; ordered by period, kind and classes."""
    query = (
        sa.select(
            goals.c.id,
            goals.c.kind,
            goals.c.target,
            goals.c.period,
            goals.c.classes,
            goals.c.created_at,
        )
        .join(owners, owners.c.id == goals.c.owner_id)
        .where(owners.c.key == owner_key)
        .order_by(goals.c.period, goals.c.kind, goals.c.classes)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=COLUMNS)
    frame["target"] = frame["target"].astype(float)
    return frame


def _classes(classes: Iterable[str] | str) -> str:
    """The class codes as stored: lower case, unique, sorted, comma-separated."""
    items = classes.split(",") if isinstance(classes, str) else list(classes)
    codes = sorted({c.strip().lower() for c in items if c and c.strip()})
    text = ",".join(codes)
    if len(text) > goals.c.classes.type.length:
        raise InvalidGoal("too many classes for one goal")
    return text


def _check(kind: str, period: str) -> None:
    if kind not in GOAL_KINDS:
        raise InvalidGoal(f"unknown goal kind {kind!r}; use one of {', '.join(GOAL_KINDS)}")
    if period not in GOAL_PERIODS:
        raise InvalidGoal(f"unknown goal period {period!r}; use one of {', '.join(GOAL_PERIODS)}")


def _where(owner_id: int, kind: str, period: str, codes: str):
    return (
        (goals.c.owner_id == owner_id)
        & (goals.c.kind == kind)
        & (goals.c.period == period)
        & (goals.c.classes == codes)
    )
