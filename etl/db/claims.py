"""Once-only work: the first caller to claim a key gets True, every later one False.

The database's primary key decides, so two processes (or a retry racing the original) never
both win.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.dates import utc_now
from etl.db.engine import write_transaction
from etl.db.schema import claims


def claim(engine: Engine, key: str) -> bool:
    """Record ``key`` as done; whether this call was the first."""
    try:
        with write_transaction(engine) as conn:
            conn.execute(claims.insert().values(key=key[:191], claimed_at=utc_now()))
    except sa.exc.IntegrityError:
        return False
    return True


def release(engine: Engine, key: str) -> None:
    """Forget a claim, so that work which failed can be tried again."""
    with write_transaction(engine) as conn:
        conn.execute(claims.delete().where(claims.c.key == key[:191]))
