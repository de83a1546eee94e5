"""Named, dated events in an owner's life, against which their history is compared."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.engine import write_transaction
from etl.db.owners import ensure_owner, find_owner
from etl.db.schema import life_events, owners


def add_event(engine: Engine, owner_key: str, name: str, event_date: date) -> bool:
    """Add or move the owner's event called ``name``; returns whether it was new."""
    name = " ".join(name.split())[:120]
    with write_transaction(engine) as conn:
        owner_id = ensure_owner(conn, owner_key, owner_key)
        where = (life_events.c.owner_id == owner_id) & (life_events.c.name == name)
        existing = conn.execute(sa.select(life_events.c.id).where(where)).scalar()
        if existing is not None:
            conn.execute(life_events.update().where(where).values(event_date=event_date))
            return False
        conn.execute(
            life_events.insert().values(
                owner_id=owner_id,
                name=name,
                event_date=event_date,
                created_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
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
        return result.rowcount > 0


def events_frame(engine: Engine, owner_key: str) -> pd.DataFrame:
    """The owner's events, oldest first: name, event_date (datetime.date)."""
    query = (
        sa.select(life_events.c.name, life_events.c.event_date)
        .join(owners, owners.c.id == life_events.c.owner_id)
        .where(owners.c.key == owner_key)
        .order_by(life_events.c.event_date, life_events.c.id)
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["name", "event_date"])
