"""Owners: whose data a workout is. Keys are "local:<name>" or "slack:<team>:<user>"."""

from __future__ import annotations

import re

import sqlalchemy as sa

from etl.dates import utc_now
from etl.db.engine import write_transaction
from etl.db.schema import owners
from etl.errors import InvalidOwner

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}$")
_SLACK_ID = re.compile(r"^[A-Z0-9]{2,32}$")


def local_key(name: str) -> str:
    """The owner key of a local (terminal) user name, refusing names that could be confused."""
    if not _NAME.match(name or ""):
        raise InvalidOwner(
            f"'{name}' is not a usable user name: use 1-64 letters, digits or . _ @ + - "
            "(starting with a letter or digit)."
        )
    return f"local:{name.lower()}"


def slack_key(team_id: str, user_id: str) -> str:
    """The owner key of a Slack user: team and user id, since user ids are per workspace."""
    if not (_SLACK_ID.match(team_id or "") and _SLACK_ID.match(user_id or "")):
        raise InvalidOwner(f"'{team_id}/{user_id}' is not a Slack team and user id.")
    return f"slack:{team_id}:{user_id}"


def find_owner(conn: sa.Connection, key: str, *, lock: bool = False) -> int | None:
    """The id of the owner with ``key``, or None.

    ``lock`` makes it a locking read (SELECT ... FOR UPDATE): it waits for other transactions
    holding the owner, sees their committed rows, and holds the owner until this one ends.
    """
    query = sa.select(owners.c.id).where(owners.c.key == key)
    if lock:
        query = query.with_for_update()
    return conn.execute(query).scalar()


def ensure_owner(conn: sa.Connection, key: str, display_name: str) -> int:
    """The id of the owner with ``key``, created when missing, and locked until the transaction
    ends, so that one owner's imports run one after another while other owners' run alongside.

    Call it before any other read in the transaction: on MySQL the first plain read fixes the
    snapshot, and it must come after the lock, so that rows another import committed are seen.
    """
    found = find_owner(conn, key, lock=True)
    if found is not None:
        return found
    try:
        with conn.begin_nested():
            return conn.execute(
                owners.insert().values(
                    key=key, display_name=display_name[:200], created_at=utc_now()
                )
            ).inserted_primary_key[0]
    except sa.exc.IntegrityError:  # another process created it first
        return find_owner(conn, key, lock=True)


def bump_data_version(conn: sa.Connection, owner_id: int) -> None:
    """Mark the owner's data as changed, in the caller's transaction: every write that changes
    what their answers read (workouts, labels, life events, a model run, units) calls it, so a
    process keeping their classified history in memory reads it again (bot/history_cache.py)."""
    conn.execute(
        owners.update()
        .where(owners.c.id == owner_id)
        .values(data_version=owners.c.data_version + 1)
    )


def data_stamp(engine: sa.Engine, key: str) -> tuple[int, int] | None:
    """The owner's id and data version (see :func:`bump_data_version`), or None for no such
    owner: equal stamps mean the same data (the id tells a re-created owner apart)."""
    query = sa.select(owners.c.id, owners.c.data_version).where(owners.c.key == key)
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else (int(row.id), int(row.data_version))


def owner_units(engine: sa.Engine, key: str) -> str | None:
    """The owner's preferred units ("mi" or "km"), or None when they never chose."""
    with engine.connect() as conn:
        return conn.execute(sa.select(owners.c.units).where(owners.c.key == key)).scalar()


def set_owner_units(engine: sa.Engine, key: str, units: str | None) -> None:
    """Remember the owner's preferred units (None: back to the default, as before a choice)."""
    with write_transaction(engine) as conn:
        owner_id = ensure_owner(conn, key, key)
        conn.execute(owners.update().where(owners.c.id == owner_id).values(units=units))
        bump_data_version(conn, owner_id)


def owner_keys(engine: sa.Engine, prefix: str) -> list[str]:
    """Keys of the owners whose key starts with ``prefix`` ("slack:T123:" is one workspace)."""
    # "/" as the LIKE escape: a backslash means different things in MySQL and SQLite literals.
    escaped = prefix.replace("/", "//").replace("%", "/%").replace("_", "/_")
    query = sa.select(owners.c.key).where(owners.c.key.like(escaped + "%", escape="/"))
    with engine.connect() as conn:
        return sorted(conn.execute(query).scalars())
