"""New workouts into MySQL/MariaDB at the server's own speed: ``LOAD DATA LOCAL INFILE``.

The driver's ``executemany`` escapes every value in Python, one by one; the server reads a
tab-separated file several times faster. The file is written column by column (numbers by
numpy, each distinct text escaped once), loaded on the ingest's own connection and deleted: the
load is a statement of the ingest's transaction, so a crash or a refusal leaves nothing of it.

The client must allow ``local_infile`` (the engine turns it on) and the server must too
(``local_infile=ON``, MariaDB's default); where either refuses, :func:`can_load` says so once
and the ingest keeps to ``executemany``.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date, datetime

import numpy as np
import pandas as pd
import sqlalchemy as sa

from etl.db.schema import workouts

_NULL = "\\N"
# LOAD DATA's escapes (ESCAPED BY '\\'): what would end a field or a line, or the escape itself.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"})
_SPECIAL = re.compile("[\\\\\t\n\r\x00]")  # most text has none: translate only what has
_LINES_AT_ONCE = 10_000  # lines joined and written at a time


def can_load(conn: sa.Connection) -> bool:
    """Whether this connection may load a local file: a MySQL-family server with
    ``local_infile`` on, reached by a client that allows it."""
    if conn.dialect.name not in {"mysql", "mariadb"}:
        return False
    raw = conn.connection.dbapi_connection
    client = bool(getattr(raw, "_local_infile", False))
    return client and bool(conn.exec_driver_sql("SELECT @@local_infile").scalar())


def load_rows(conn: sa.Connection, columns: dict[str, pd.Series | list | object], n: int) -> None:
    """Load ``n`` rows into ``workouts``: ``columns`` maps each column name to its values
    (a Series or list of ``n``) or to one value for every row."""
    fields = [_texts(values, n) for values in columns.values()]
    fd, path = tempfile.mkstemp(prefix="workouts-load-", suffix=".tsv")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            for start in range(0, n, _LINES_AT_ONCE):
                part = [f[start : start + _LINES_AT_ONCE] for f in fields]
                out.write("\n".join(map("\t".join, zip(*part))))
                out.write("\n")
        conn.exec_driver_sql(load_statement(conn, workouts.name, path, list(columns)))
    finally:
        os.unlink(path)


def load_statement(conn: sa.Connection, table: str, path: str, columns: list[str]) -> str:
    """The ``LOAD DATA LOCAL INFILE`` of a tab-separated, backslash-escaped UTF-8 file at
    ``path`` into ``columns`` of ``table`` (also what ``workouts bench ingest`` times)."""
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    return (
        f"LOAD DATA LOCAL INFILE '{_sql_text(str(path))}' INTO TABLE {quote(table)} "
        "CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' "
        f"LINES TERMINATED BY '\\n' ({names})"
    )


def _texts(values, n: int) -> list[str]:
    """The values as LOAD DATA reads them: ``\\N`` for NULL, numbers in full, text escaped."""
    if not isinstance(values, (pd.Series, list, np.ndarray)):
        return [_text(values)] * n
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if pd.api.types.is_float_dtype(series.dtype):
        array = series.to_numpy()
        texts = list(map(repr, array.tolist()))  # the shortest text that reads back the same
        for i in np.flatnonzero(np.isnan(array)):
            texts[i] = _NULL
        return texts
    objects = series.to_numpy(dtype=object)
    if all(type(v) is str or v is None for v in objects):  # text: mostly distinct, escaped
        return [_NULL if v is None else _escaped(v) for v in objects]
    # Dates, times and whole numbers: a file repeats a few thousand dates; each is written once.
    codes, distinct = pd.factorize(objects)
    return np.array([_text(v) for v in distinct] + [_NULL], dtype=object)[codes].tolist()


def _escaped(text: str) -> str:
    return text.translate(_ESCAPES) if _SPECIAL.search(text) else text


def _text(value) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return _NULL
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    if isinstance(value, (int, float, np.integer, np.floating)):
        return repr(value.item() if isinstance(value, np.generic) else value)
    return _escaped(str(value))


def _sql_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")
