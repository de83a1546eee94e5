"""Alembic migrations run programmatically, on both SQLite and MySQL."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from etl.db.urls import safe_url
from etl.errors import StorageError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    """Alembic's configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration the code knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    with _connect(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> bool:
    """Apply every pending migration; returns whether anything was applied.

    Cheap when the schema is current (one query), so every entry point calls it on start.
    """
    if current_revision(engine) == head_revision():
        return False
    migrate_to(engine, "head")
    return True


def migrate_to(engine: Engine, revision: str) -> None:
    """Upgrade or downgrade to ``revision`` ("head", "base" or a revision id)."""
    config = alembic_config()
    with _connect(engine) as connection, _foreign_keys_off(connection), connection.begin():
        config.attributes["connection"] = connection
        current = MigrationContext.configure(connection).get_current_revision()
        script = ScriptDirectory.from_config(config)
        target = script.get_revision(revision) if revision not in ("head", "base") else None
        going_down = revision == "base" or (
            target is not None
            and current is not None
            and target.revision in _ancestors(script, current)
        )
        (command.downgrade if going_down else command.upgrade)(config, revision)


@contextmanager
def _foreign_keys_off(connection: sa.Connection):
    """SQLite alters a table by copying it and dropping the original, which its foreign keys
    forbid while enforced; the switch only works outside a transaction, so it goes to the
    driver directly."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        if sqlite:
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _ancestors(script: ScriptDirectory, revision: str) -> set[str]:
    return {r.revision for r in script.walk_revisions(base="base", head=revision)} - {revision}


def _connect(engine: Engine) -> sa.Connection:
    try:
        return engine.connect()
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else "connection failed"
        raise StorageError(f"cannot open the database {safe_url(engine.url)}: {reason}") from None
