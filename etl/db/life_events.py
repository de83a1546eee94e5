"""Named, dated events in an owner's life, against which their history is compared.

Each event has a kind (:data:`EVENT_KINDS`); a ``dog`` event is what makes the bot call the
owner's slow foot workouts "dog walks" rather than "walks".
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.engine import write_transaction
from etl.db.owners import bump_data_version, ensure_owner, find_owner
from etl.db.schema import life_events, owners
from etl.errors import WorkoutsError

# The storage side of bot.language.query.EVENT_KINDS (the etl layer cannot import the bot's).
EVENT_KINDS = ("dog", "injury", "new_job", "move", "training_plan", "other")
DOG, OTHER = "dog", "other"


class UnknownEventKind(WorkoutsError, ValueError):
    """A life event kind that is not one of :data:`EVENT_KINDS`."""


def add_event(
    engine: Engine, owner_key: str, name: str, event_date: date, *, kind: str | None = None
) -> bool:
    """Add or move the owner's event called ``name``; returns whether it was new.

    ``kind`` is one of :data:`EVENT_KINDS`. None means "other" for a new event and leaves an
    existing event's kind alone, so moving "Choco arrives" to another day keeps it a dog.
    """
    if kind is not None and kind not in EVENT_KINDS:
        raise UnknownEventKind(f"unknown event kind {kind!r}; use one of {', '.join(EVENT_KINDS)}")
    name = " ".join(name.split())[:120]
    with write_transaction(engine) as conn:
        owner_id = ensure_owner(conn, owner_key, owner_key)
        where = (life_events.c.owner_id == owner_id) & (life_events.c.name == name)
        existing = conn.execute(sa.select(life_events.c.id).where(where)).scalar()
        if existing is not None:
            changes = {"event_date": event_date} | ({"kind": kind} if kind else {})
            conn.execute(life_events.update().where(where).values(**changes))
            bump_data_version(conn, owner_id)
            return False
        conn.execute(
            life_events.insert().values(
                owner_id=owner_id,
                name=name,
                event_date=event_date,
                kind=kind or OTHER,
                created_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
        bump_data_version(conn, owner_id)
        return True


def remove_event(engine: Engine, owner_key: str, name: str) -> bool:
    """Remove the owner's event called ``name``; returns whether there was one."""
    with write_transaction(engine) as conn:
        owner_id = find_owner(conn, owner_key, lock=True)
        if owner_id is None:
            return False
        result = conn.execute(
            life_events.delete().where(
                (life_events.c.owner_id == owner_id)
                & (life_events.c.name == " ".join(name.split()))
            )
        )
        if result.rowcount > 0:
            bump_data_version(conn, owner_id)
        return result.rowcount > 0


def events_frame(engine: Engine, owner_key: str) -> pd.DataFrame:
    """The owner's events, oldest first: name, event_date (datetime.date), kind."""
    query = (
        sa.select(life_events.c.name, life_events.c.event_date, life_events.c.kind)
        .join(owners, owners.c.id == life_events.c.owner_id)
        .where(owners.c.key == owner_key)
        .order_by(life_events.c.event_date, life_events.c.id)
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["name", "event_date", "kind"])
