"""Opening the store: one function turns a URL into a ready, migrated SQLAlchemy engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from etl.db.migrate import upgrade_to_head
from etl.db.urls import safe_url
from etl.errors import StorageError

WRITE_OPTION = "workouts_write"


def open_store(url: str, *, upgrade: bool = True) -> Engine:
    """Create an engine for ``url`` and bring its schema to the newest migration.

    SQLite files (and their folder) are created on first use; MySQL URLs get utf8mb4 so notes
    with emoji survive. Connection failures become :class:`StorageError` without the password.
    """
    engine = create_engine(url)
    if upgrade:
        upgrade_to_head(engine)
    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[sa.Connection]:
    """A connection in a transaction meant to write: committed at the end, rolled back on error.

    On SQLite it starts with BEGIN IMMEDIATE so that concurrent writers queue (busy timeout)
    instead of failing; elsewhere it is an ordinary transaction.
    """
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            yield conn


def create_engine(url: str) -> Engine:
    """An engine for ``url`` with per-dialect settings, without touching the schema."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise StorageError(
            f"WORKOUTS_DATABASE_URL is not a database URL: {safe_url(url)}"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() in {"mysql", "mariadb"}:
        if "charset" not in parsed.query:
            parsed = parsed.update_query_dict({"charset": "utf8mb4"})
        return sa.create_engine(parsed, pool_pre_ping=True, pool_recycle=3600)
    raise StorageError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite:///path or "
        "mysql+pymysql://user:password@host/db"
    )


def _sqlite_engine(parsed: sa.URL) -> Engine:
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed)

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINTs (a released savepoint commits);
        # SQLAlchemy's documented fix: the driver stays in autocommit and we emit BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL lets a reader (the bot answering) run while an ingest writes.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # A writer takes the write lock up front: a deferred transaction that reads and then
        # writes fails at once (no busy wait) when another writer got there first.
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
