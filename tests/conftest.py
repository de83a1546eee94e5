"""Shared fixtures: real stores on SQLite and on the MariaDB/MySQL server, and export builders.

MySQL tests use a database of their own on the server named by WORKOUTS_TEST_MYSQL_URL (default:
root on 127.0.0.1:3306). When the server cannot be reached they skip with a hint, except in CI
(CI=true) or with WORKOUTS_REQUIRE_MYSQL=1, where they fail: CI must run them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from etl.db.engine import open_store
from etl.db.schema import metadata

MYSQL_URL = os.environ.get("WORKOUTS_TEST_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306/test")
MYSQL_REQUIRED = (
    os.environ.get("CI", "").lower() == "true" or os.environ.get("WORKOUTS_REQUIRE_MYSQL") == "1"
)
HOW_TO_ENABLE = (
    "start MariaDB (start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd) "
    "or point WORKOUTS_TEST_MYSQL_URL at a server where the user may create databases"
)


@pytest.fixture(scope="session")
def mysql_server_url() -> Iterator[str]:
    """URL of a fresh, empty database on the MySQL server, dropped after the session."""
    base = make_url(MYSQL_URL)
    admin = sa.create_engine(base)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        message = f"MySQL not reachable at {base.render_as_string()}: {exc.orig}; {HOW_TO_ENABLE}"
        if MYSQL_REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    name = f"workouts_test_{uuid.uuid4().hex[:10]}"
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("mysql", marks=pytest.mark.mysql)])
def store_url(request, tmp_path) -> str:
    """URL of an empty, migrated store: a new SQLite file, or the session's MySQL database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'workouts.db'}"
        open_store(url).dispose()
        return url
    url = request.getfixturevalue("mysql_server_url")
    engine = open_store(url)
    _empty(engine)
    engine.dispose()
    return url


@pytest.fixture
def store(store_url) -> Iterator[Engine]:
    """An engine on an empty, migrated store (SQLite and MySQL)."""
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def _empty(engine: Engine) -> None:
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows in every project table, to prove that something changed nothing."""
    with engine.connect() as conn:
        return {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in metadata.sorted_tables
        }
