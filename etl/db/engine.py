"""Opening the store: one function turns a URL into a ready, migrated SQLAlchemy engine."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from etl.db.migrate import upgrade_to_head
from etl.db.urls import mask_url_passwords, safe_url
from etl.errors import StorageError

WRITE_OPTION = "workouts_write"
# What sqlite3.connect() takes from a URL's query (SQLAlchemy's pysqlite dialect).
SQLITE_OPTIONS = frozenset(
    {"timeout", "isolation_level", "detect_types", "check_same_thread", "cached_statements", "uri"}
)
# How a name that does not resolve reads in the drivers' messages, across platforms.
_UNKNOWN_HOST = (
    "Name or service not known",
    "nodename nor servname",
    "getaddrinfo failed",
    "Temporary failure in name resolution",
    "No address associated",
    "Unknown MySQL server host",
    "[Errno -2]",
    "[Errno -3]",
    "[Errno -5]",
)


def open_store(url: str, *, upgrade: bool = True) -> Engine:
    """Create an engine for ``url``, check that it opens, and bring its schema to the newest
    migration.

    SQLite files (and their folder) are created on first use; MySQL URLs get utf8mb4 so notes
    with emoji survive. Every way of getting the URL or the server wrong becomes a
    :class:`StorageError` saying what was wrong and what to do, without the password.
    """
    engine = create_engine(url)
    check_connection(engine)
    if upgrade:
        try:
            upgrade_to_head(engine)
        except sa.exc.DBAPIError as exc:
            raise StorageError(
                f"cannot bring the database {safe_url(engine.url)} up to date: "
                f"{_schema_problem(engine.url, exc)}"
            ) from None
    return engine


def check_connection(engine: Engine) -> None:
    """Open and close one connection, so a wrong password, host or database name is reported
    before any work starts, in words."""
    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as exc:
        raise StorageError(
            f"cannot open the database {safe_url(engine.url)}: {_connect_problem(engine.url, exc)}"
        ) from None
    except TypeError as exc:  # the driver refused an option it was handed from the URL
        raise StorageError(
            f"WORKOUTS_DATABASE_URL {safe_url(engine.url)} has an option the driver does not "
            f"take ({_first_line(exc)}): remove it from the part after '?'."
        ) from None


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
    parsed = _parse(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        _check_sqlite_options(parsed)
        return _sqlite_engine(parsed)
    if backend in {"mysql", "mariadb"}:
        _check_server_address(url, parsed)
        if "charset" not in parsed.query:
            parsed = parsed.update_query_dict({"charset": "utf8mb4"})
        engine = _mysql_engine(parsed, shown=safe_url(url))
        _check_driver_options(engine, shown=safe_url(url))
        return engine
    raise StorageError(
        f"WORKOUTS_DATABASE_URL names an unsupported database {backend!r} ({safe_url(url)}): "
        "use sqlite:///path or mysql+pymysql://user:password@host/db"
    )


def _parse(url: str) -> sa.URL:
    try:
        return make_url(url)
    except sa.exc.ArgumentError:
        raise StorageError(
            f"WORKOUTS_DATABASE_URL is not a database URL: {safe_url(url)}; write "
            "sqlite:///path/to/file.db or mysql+pymysql://user:password@host:3306/db"
        ) from None
    except ValueError:
        # SQLAlchemy reads the port with int(); nothing else in a URL is converted.
        raise StorageError(
            f"WORKOUTS_DATABASE_URL has a port that is not a number ({_port_text(url)!r}) in "
            f"{safe_url(url)}: write host:3306, or leave the port out for 3306"
        ) from None


def _port_text(url: str) -> str:
    host_port = urlsplit(url).netloc.rpartition("@")[2]
    # An IPv6 address is bracketed: its colons are not the port's.
    return (
        host_port.rpartition("]")[2].partition(":")[2]
        if "]" in host_port
        else (host_port.partition(":")[2])
    )


def _check_server_address(url: str, parsed: sa.URL) -> None:
    if "@" in (parsed.host or ""):
        raise StorageError(
            f"the password in WORKOUTS_DATABASE_URL ({safe_url(url)}) seems to contain '@': "
            "write it percent-encoded (@ as %40, : as %3A, / as %2F)"
        )
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise StorageError(
            f"WORKOUTS_DATABASE_URL has port {parsed.port}, which no server can listen on "
            f"({safe_url(url)}): ports go from 1 to 65535 (MySQL's is 3306)"
        )


def _mysql_engine(parsed: sa.URL, *, shown: str) -> Engine:
    driver = parsed.get_driver_name()
    backend = parsed.get_backend_name()
    try:
        # local_infile: the ingest loads new rows with LOAD DATA LOCAL INFILE (etl.ingest.infile)
        # from files it writes itself; the server is the one this URL names, trusted with them.
        options = {"local_infile": True} if driver == "pymysql" else {}
        return sa.create_engine(parsed, pool_pre_ping=True, pool_recycle=3600, connect_args=options)
    except (sa.exc.NoSuchModuleError, ImportError):
        asked = (
            f"the {driver!r} driver"
            if "+" in parsed.drivername
            else f"{backend}:// (without +driver: the mysqlclient driver)"
        )
        raise StorageError(
            f"WORKOUTS_DATABASE_URL asks for {asked}, which is not installed "
            f"({shown}): write {backend}+pymysql://user:password@host/db "
            "(PyMySQL comes with workouts)"
        ) from None
    except (ValueError, TypeError) as exc:
        raise StorageError(
            f"WORKOUTS_DATABASE_URL has an option with a value the driver cannot use "
            f"({_first_line(exc)}; options given: {', '.join(sorted(parsed.query))}): "
            "correct or remove it"
        ) from None


def _check_driver_options(engine: Engine, *, shown: str) -> None:
    """Options after '?' are handed to the driver's connect(): one it does not take would only
    fail at the first connection, with a TypeError that names no setting."""
    _, kwargs = engine.dialect.create_connect_args(engine.url)
    try:
        parameters = inspect.signature(engine.dialect.loaded_dbapi.connect).parameters.values()
    except (TypeError, ValueError):  # a driver written in C may not say
        return
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return
    unknown = sorted(set(kwargs) - {p.name for p in parameters})
    if unknown:
        raise StorageError(
            f"WORKOUTS_DATABASE_URL has options the {engine.dialect.driver} driver does not know: "
            f"{', '.join(unknown)} ({shown}); remove them or correct their names "
            "(for example ?ssl_ca=/path/ca.pem&connect_timeout=10)"
        )


def _check_sqlite_options(parsed: sa.URL) -> None:
    # SQLAlchemy hands these to sqlite3.connect(); with uri=true anything goes to SQLite itself.
    if parsed.query.get("uri") in ("true", "1"):
        return
    unknown = sorted(set(parsed.query) - SQLITE_OPTIONS)
    if unknown:
        raise StorageError(
            f"WORKOUTS_DATABASE_URL has options SQLite does not know: {', '.join(unknown)} "
            f"({safe_url(parsed)}); remove them (known: {', '.join(sorted(SQLITE_OPTIONS))})"
        )


def _connect_problem(url: sa.URL, exc: sa.exc.DBAPIError) -> str:
    """What went wrong opening a connection, in words, with what to do."""
    code, reason = _driver_error(exc)
    where = f"{url.host}:{url.port or 3306}"
    if url.get_backend_name() == "sqlite":
        if "not a database" in reason:
            return (
                f"{url.database} is not an SQLite database ({reason}): point "
                "WORKOUTS_DATABASE_URL at a workouts store or at a new file name"
            )
        if "unable to open" in reason:
            return (
                f"cannot open the SQLite file {url.database} ({reason}): its folder must be "
                "writable and the path must not be a folder"
            )
        return reason
    if code in (1045, 1698):
        return (
            f"the server at {where} refused user {url.username!r}: wrong user name or password "
            f"({reason}); correct them in WORKOUTS_DATABASE_URL"
        )
    if code == 1044:
        return (
            f"user {url.username!r} may not use database {url.database!r} ({reason}): grant it "
            f"(GRANT ALL ON {url.database}.* TO ...) or name another database"
        )
    if code == 1049:
        return (
            f"database {url.database!r} does not exist on {where}: create it (CREATE DATABASE "
            f"{url.database} CHARACTER SET utf8mb4) or correct its name in WORKOUTS_DATABASE_URL"
        )
    if code == 1130:
        return f"the server at {where} does not accept connections from this machine ({reason})"
    if code in (2003, 2005) and any(words in reason for words in _UNKNOWN_HOST):
        return (
            f"there is no host called {url.host!r} (the name does not resolve): correct the host "
            "in WORKOUTS_DATABASE_URL"
        )
    if code == 2003 and "refused" in reason:
        return (
            f"nothing is listening at {where} (connection refused): start the database server, "
            "or correct the host and port in WORKOUTS_DATABASE_URL"
        )
    if code == 2003 and "timed out" in reason:
        return (
            f"the server at {where} did not answer in time: check the host, the port and any "
            "firewall between here and there"
        )
    if code == 2013:
        return (
            f"{where} dropped the connection before talking MySQL ({reason}): check that the "
            "port is the database server's"
        )
    return reason


def _schema_problem(url: sa.URL, exc: sa.exc.DBAPIError) -> str:
    code, reason = _driver_error(exc)
    if code in (1142, 1044, 1227) or "denied" in reason:
        return (
            f"user {url.username!r} may not change tables ({reason}): grant it ALL on "
            f"{url.database}.* so the migrations can run"
        )
    if "readonly" in reason or "read-only" in reason:
        return f"the SQLite file {url.database} is read-only ({reason}): make it writable"
    return reason


def _driver_error(exc: sa.exc.DBAPIError) -> tuple[int | None, str]:
    args = getattr(exc.orig, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        return args[0], _first_line(args[1])
    return None, _first_line(exc.orig) if exc.orig is not None else "connection failed"


def _first_line(text: object) -> str:
    return mask_url_passwords(str(text)).strip().splitlines()[0] if str(text).strip() else "?"


def _sqlite_engine(parsed: sa.URL) -> Engine:
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"cannot create the folder {folder} for the SQLite store ({exc.strerror}): set "
                "WORKOUTS_DATABASE_URL, or WORKOUTS_DATA_DIR, to a place you can write"
            ) from None
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
