"""Briefing schedules, channel consents, and the once-per-day post record.

The post record's unique (schedule, local date) key is claimed before anything is sent, so two
replicas, or a restart in the middle of posting, never post the same day twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.engine import write_transaction
from etl.db.schema import briefing_consents, briefing_posts, briefing_schedules


@dataclass(frozen=True)
class Schedule:
    """One person's (or, for a channel, one admin's) morning briefing."""

    id: int
    team_id: str
    owner_key: str
    target: str  # "dm" or a channel id
    time_of_day: str  # "07:00" in ``tz``
    days: str  # "daily", "weekdays" or "mon,wed,fri"
    tz: str


def save_schedule(
    engine: Engine,
    *,
    team_id: str,
    owner_key: str,
    target: str,
    time_of_day: str,
    days: str,
    tz: str,
) -> tuple[int, bool]:
    """Create or replace the owner's schedule for ``target``; returns (id, whether new)."""
    values = {"time_of_day": time_of_day, "days": days, "tz": tz, "team_id": team_id}
    where = (briefing_schedules.c.owner_key == owner_key) & (briefing_schedules.c.target == target)
    with write_transaction(engine) as conn:
        found = conn.execute(sa.select(briefing_schedules.c.id).where(where)).scalar()
        if found is not None:
            conn.execute(briefing_schedules.update().where(where).values(**values))
            return found, False
        new_id = conn.execute(
            briefing_schedules.insert().values(
                owner_key=owner_key, target=target, created_at=_now(), **values
            )
        ).inserted_primary_key[0]
        return new_id, True


def remove_schedules(engine: Engine, owner_key: str, target: str | None = None) -> list[int]:
    """Delete the owner's schedules (only for ``target`` when given); returns their ids."""
    where = briefing_schedules.c.owner_key == owner_key
    if target is not None:
        where &= briefing_schedules.c.target == target
    with write_transaction(engine) as conn:
        ids = list(conn.execute(sa.select(briefing_schedules.c.id).where(where)).scalars())
        conn.execute(briefing_schedules.delete().where(where))
    return ids


def list_schedules(engine: Engine, *, owner_key: str | None = None) -> list[Schedule]:
    """Every schedule, or the owner's."""
    query = sa.select(*[briefing_schedules.c[f] for f in Schedule.__dataclass_fields__])
    if owner_key is not None:
        query = query.where(briefing_schedules.c.owner_key == owner_key)
    with engine.connect() as conn:
        return [Schedule(**row) for row in conn.execute(query.order_by("id")).mappings()]


def get_schedule(engine: Engine, schedule_id: int) -> Schedule | None:
    """One schedule by id (None once it has been removed)."""
    return next((s for s in list_schedules(engine) if s.id == schedule_id), None)


def set_consent(
    engine: Engine, *, team_id: str, user_id: str, channel_id: str, given: bool
) -> None:
    """Record that a person does (or no longer does) want a section in a channel's briefing."""
    where = (
        (briefing_consents.c.team_id == team_id)
        & (briefing_consents.c.user_id == user_id)
        & (briefing_consents.c.channel_id == channel_id)
    )
    with write_transaction(engine) as conn:
        conn.execute(briefing_consents.delete().where(where))
        if given:
            conn.execute(
                briefing_consents.insert().values(
                    team_id=team_id, user_id=user_id, channel_id=channel_id, created_at=_now()
                )
            )


def consenting_users(engine: Engine, *, team_id: str, channel_id: str) -> list[str]:
    """The people who opted in to the channel's briefing, in the order they joined."""
    query = (
        sa.select(briefing_consents.c.user_id)
        .where(
            (briefing_consents.c.team_id == team_id)
            & (briefing_consents.c.channel_id == channel_id)
        )
        .order_by(briefing_consents.c.id)
    )
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def claim_post(engine: Engine, schedule_id: int, local_date: date) -> bool:
    """Claim the day's post for a schedule; only the first caller ever gets True."""
    try:
        with write_transaction(engine) as conn:
            conn.execute(
                briefing_posts.insert().values(
                    schedule_id=schedule_id,
                    local_date=local_date,
                    status="claimed",
                    attempts=0,
                    updated_at=_now(),
                )
            )
    except sa.exc.IntegrityError:
        return False
    return True


def finish_post(
    engine: Engine,
    schedule_id: int,
    local_date: date,
    *,
    status: str,
    attempts: int,
    ts: str | None = None,
    error: str | None = None,
) -> None:
    """Record how the day's post ended: posted (with its ts), skipped or failed (with why)."""
    where = (briefing_posts.c.schedule_id == schedule_id) & (
        briefing_posts.c.local_date == local_date
    )
    with write_transaction(engine) as conn:
        conn.execute(
            briefing_posts.update()
            .where(where)
            .values(
                status=status,
                attempts=attempts,
                ts=ts,
                error=(error or "")[:2000] or None,
                updated_at=_now(),
            )
        )


def post_records(engine: Engine, schedule_id: int) -> list[dict]:
    """The schedule's post records, newest first."""
    query = (
        sa.select(briefing_posts)
        .where(briefing_posts.c.schedule_id == schedule_id)
        .order_by(briefing_posts.c.local_date.desc())
    )
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
