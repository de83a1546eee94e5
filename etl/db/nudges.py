"""Evening nudges: who opted in (and their time zone), and the once-per-day claim.

A nudge is opt-in: an owner without a row gets none. Each day's nudge is claimed in the
``claims`` table (key ``nudge:<owner>:<local date>``) before anything is sent, so two replicas,
a restart or a second check on the same evening never nudge twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.dates import utc_now
from etl.db.claims import claim
from etl.db.engine import write_transaction
from etl.db.schema import claims, nudge_optins


@dataclass(frozen=True)
class OptIn:
    """An owner who wants nudges, and the IANA time zone of their evening."""

    owner_key: str
    team_id: str
    tz: str
    created_at: datetime


def set_nudges(engine: Engine, *, owner_key: str, team_id: str, tz: str, on: bool) -> bool:
    """Turn the owner's nudges on (in ``tz``) or off; returns whether they were on before."""
    where = nudge_optins.c.owner_key == owner_key
    with write_transaction(engine) as conn:
        was_on = conn.execute(sa.select(nudge_optins.c.owner_key).where(where)).first() is not None
        conn.execute(nudge_optins.delete().where(where))
        if on:
            conn.execute(
                nudge_optins.insert().values(
                    owner_key=owner_key, team_id=team_id, tz=tz, created_at=utc_now()
                )
            )
    return was_on


def nudge_optin(engine: Engine, owner_key: str) -> OptIn | None:
    """The owner's opt-in, or None when their nudges are off (the default)."""
    return next(iter(_optins(engine, nudge_optins.c.owner_key == owner_key)), None)


def list_optins(engine: Engine) -> list[OptIn]:
    """Every owner with nudges on, oldest opt-in first."""
    return _optins(engine, sa.true())


def claim_nudge(engine: Engine, owner_key: str, local_date: date) -> bool:
    """Claim the owner's nudge for ``local_date``; only the first caller ever gets True."""
    return claim(engine, _key(owner_key, local_date))


def nudge_claimed(engine: Engine, owner_key: str, local_date: date) -> bool:
    """Whether the owner's nudge for ``local_date`` was claimed already (cheap pre-check)."""
    query = sa.select(claims.c.key).where(claims.c.key == _key(owner_key, local_date))
    with engine.connect() as conn:
        return conn.execute(query).first() is not None


def _optins(engine: Engine, where) -> list[OptIn]:
    columns = [nudge_optins.c[f] for f in OptIn.__dataclass_fields__]
    query = sa.select(*columns).where(where).order_by(nudge_optins.c.created_at, "owner_key")
    with engine.connect() as conn:
        return [OptIn(**row) for row in conn.execute(query).mappings()]


def nudge_key(owner_key: str, local_date: date) -> str:
    """The claim that stands for the owner's nudge of ``local_date`` (snoozing takes it)."""
    return _key(owner_key, local_date)


def _key(owner_key: str, local_date: date) -> str:
    return f"nudge:{owner_key}:{local_date.isoformat()}"
