"""Alembic migrations run programmatically, on both SQLite and MySQL."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from etl.db.engine import safe_url
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
    config = alembic_config()
    with _connect(engine) as connection, connection.begin():
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True


def _connect(engine: Engine) -> sa.Connection:
    try:
        return engine.connect()
    except sa.exc.OperationalError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else "connection failed"
        raise StorageError(f"cannot open the database {safe_url(engine.url)}: {reason}") from None
