"""Conversations: per owner and place, what the bot needs to remember between two messages.

A place is a terminal session or a Slack thread (or a DM, or a channel outside threads). The
values are JSON-ready data (the bot's queries as dicts); this layer stores them and knows
nothing of their shape, so the bot's query can grow without a migration.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.engine import write_transaction
from etl.db.schema import conversations

MAX_REMEMBERED = 50  # choices kept per conversation; the oldest go first
PENDING_FOR = timedelta(minutes=30)  # a "yes" later than this confirms nothing


@dataclass(frozen=True)
class Conversation:
    """What one owner's conversation in one place holds between messages."""

    owner_key: str
    place: str
    last: dict | None = None  # the last query read: the context of a follow-up
    pending: dict | None = None  # a write echoed back and waiting for yes or no
    pending_at: datetime | None = None  # when it was asked (UTC, naive)
    choices: tuple[dict, ...] = ()  # the readings offered for an ambiguous question, in order
    undo: dict | None = None  # how to take back the last write
    remembered: dict[str, Any] = field(default_factory=dict)  # question -> the reading chosen

    def waiting(self, now: datetime | None = None) -> dict | None:
        """The pending write, unless it has waited longer than :data:`PENDING_FOR`."""
        if self.pending is None or self.pending_at is None:
            return None
        return self.pending if (now or _now()) - self.pending_at <= PENDING_FOR else None

    def but(self, **changes) -> Conversation:
        """A copy with ``changes``; a new pending write is stamped with the time."""
        if changes.get("pending") is not None and "pending_at" not in changes:
            changes["pending_at"] = _now()
        if "pending" in changes and changes["pending"] is None:
            changes["pending_at"] = None
        if "remembered" in changes:
            kept = list(changes["remembered"].items())[-MAX_REMEMBERED:]
            changes["remembered"] = dict(kept)
        return replace(self, **changes)


def load_conversation(engine: Engine, owner_key: str, place: str) -> Conversation:
    """The owner's conversation in ``place`` (an empty one the first time)."""
    where = (conversations.c.owner_key == owner_key) & (conversations.c.place == place)
    with engine.connect() as conn:
        row = conn.execute(sa.select(conversations).where(where)).mappings().first()
    if row is None:
        return Conversation(owner_key, place)
    return Conversation(
        owner_key,
        place,
        last=_load(row["last_query"]),
        pending=_load(row["pending"]),
        pending_at=row["pending_at"],
        choices=tuple(_load(row["choices"]) or ()),
        undo=_load(row["undo"]),
        remembered=_load(row["remembered"]) or {},
    )


def save_conversation(engine: Engine, conversation: Conversation) -> None:
    """Store ``conversation``, replacing what its owner and place held."""
    c = conversation
    values = {
        "last_query": _dump(c.last),
        "pending": _dump(c.pending),
        "pending_at": c.pending_at,
        "choices": _dump(list(c.choices)) if c.choices else None,
        "undo": _dump(c.undo),
        "remembered": _dump(c.remembered) if c.remembered else None,
        "updated_at": _now(),
    }
    where = (conversations.c.owner_key == c.owner_key) & (conversations.c.place == c.place)
    with write_transaction(engine) as conn:
        found = conn.execute(
            sa.select(sa.func.count()).select_from(conversations).where(where)
        ).scalar()
        if found:
            conn.execute(conversations.update().where(where).values(**values))
        else:
            conn.execute(
                conversations.insert().values(owner_key=c.owner_key, place=c.place, **values)
            )


def forget_conversations(engine: Engine, owner_key: str) -> int:
    """Delete every conversation of the owner; returns how many there were."""
    with write_transaction(engine) as conn:
        result = conn.execute(conversations.delete().where(conversations.c.owner_key == owner_key))
    return result.rowcount


def _dump(value) -> str | None:
    return None if value is None else json.dumps(value, separators=(",", ":"))


def _load(text: str | None):
    return None if text is None else json.loads(text)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
