"""Alembic migrations run programmatically, on both SQLite and MySQL.

Alembic (about 0.25 s to import) is imported by the functions that use it: every entry point
calls :func:`upgrade_to_head` on start, and when the store is current that is answered from the
migration files' text and one query, without alembic.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from etl.db.urls import safe_url
from etl.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"  # alembic's default, which env.py keeps
# The plain forms the migration files write: revision = "0012", down_revision = "0011" (or None).
_REVISION = re.compile(r"""^revision(?:\s*:[^=\n]*)?\s*=\s*["']([^"'\n]+)["']\s*$""", re.M)
_DOWN = re.compile(
    r"""^down_revision(?:\s*:[^=\n]*)?\s*=\s*(?:None|["']([^"'\n]+)["'])\s*$""", re.M
)


def alembic_config() -> Config:
    """Alembic's configuration pointing at the packaged migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest migration the code knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with _connect(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine) -> bool:
    """Apply every pending migration; returns whether anything was applied.

    Cheap when the schema is current (one query, no alembic), so every entry point calls it on
    start.
    """
    if _is_current(engine) or current_revision(engine) == head_revision():
        return False
    migrate_to(engine, "head")
    return True


def migrate_to(engine: Engine, revision: str) -> None:
    """Upgrade or downgrade to ``revision`` ("head", "base" or a revision id)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

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


def _is_current(engine: Engine) -> bool:
    """Whether the store is at the head read from the migration files; False whenever in doubt
    (a file in another form, several heads, no version table), and alembic decides."""
    head = _head_from_files()
    if head is None:
        return False
    with _connect(engine) as connection:
        if not sa.inspect(connection).has_table(VERSION_TABLE):
            return False
        stored = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}"))
        return stored.scalars().all() == [head]


def _head_from_files() -> str | None:
    """The one revision no other migration revises, from the files' text (about 1 ms), or None
    when any file is not in the plain form or the history is not one line."""
    revisions, parents, files = set(), set(), 0
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.findall(text), _DOWN.findall(text)
        if len(revision) != 1 or len(down) != 1:
            return None
        files += 1
        revisions.add(revision[0])
        parents.add(down[0] or None)
    heads = revisions - parents
    if len(revisions) != files or len(parents) != files or len(heads) != 1:
        return None
    return heads.pop()


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
