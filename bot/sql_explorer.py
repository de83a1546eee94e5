"""``sql SELECT ...``: read-only SQL over the asking owner's own workouts, and nothing else.

The query never reaches the real store: the caller's frame of this owner's workouts is copied
into a private in-memory SQLite table ``workouts``, and that database alone is handed to a child
process (:mod:`bot.sandbox`) that runs the query behind guards each enough to stop a write: a
text check here (one SELECT/WITH), ``query_only``, an authorizer (reads of ``workouts``, pure
functions only) and SQLite size limits there. The time limit is the parent's: it kills the child
at the deadline, so no single long C call inside SQLite can outlast it; the child's own address
space and CPU limits bound what one query may take from the machine.

``label`` holds the class as the owner says it ("run", "walk" or "dog walk", "run-walk"...) and
``label_code`` the classifier's code ("run", "walk"...). A query that compares either
with a value no workout has and finds nothing says which labels there are (``QueryResult.hint``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analytics.frame import LABELS
from bot import export, sandbox
from bot.sandbox import KEYWORD_MESSAGES, ONLY_SELECT
from etl.errors import WorkoutsError

log = logging.getLogger("workouts")


class SqlExplorerError(WorkoutsError):
    """A query the explorer would not or could not answer; the message is for the person."""


class QueryRefused(SqlExplorerError):
    """The query asks for something not allowed (a write, another table, a file...)."""


class QueryFailed(SqlExplorerError):
    """SQLite rejected or could not finish the query; the message is SQLite's own."""


class QueryTimeout(QueryFailed):
    """The query ran past the time limit and was stopped."""


# (name, SQL type, description): the one source of the table's schema and of schema_help().
COLUMNS = (
    ("id", "INTEGER", "the workout's number in your store"),
    ("workout_date", "TEXT", "the day, ISO text 'YYYY-MM-DD'"),
    ("started_at", "TEXT", "start time 'YYYY-MM-DD HH:MM:SS', when the export has it"),
    ("activity_type", "TEXT", "the activity as exported: 'Run', 'Walk', 'Bike Ride'..."),
    ("category", "TEXT", "run, walk, hike, cycle, swim, workout or other"),
    (
        "label",
        "TEXT",
        "the class as you say it: run, walk (dog walk once you have a dog event), run-walk,"
        " outlier, ride, swim, gym workout or other",
    ),
    (
        "label_code",
        "TEXT",
        "the classifier's code for the class: run, walk, run_walk, outlier, cycle, swim,"
        " workout or other",
    ),
    ("confidence", "REAL", "how sure the classifier is of the label, 0 to 1"),
    ("distance_km", "REAL", "distance in kilometres"),
    ("distance_mi", "REAL", "distance in miles"),
    ("duration_min", "REAL", "workout time in minutes"),
    ("pace_min_per_km", "REAL", "average pace, minutes per kilometre"),
    ("pace_min_per_mi", "REAL", "average pace, minutes per mile"),
    ("distance_m", "REAL", "distance in metres"),
    ("duration_s", "REAL", "workout time in seconds"),
    ("avg_pace_s_per_km", "REAL", "average pace, seconds per kilometre"),
    ("max_pace_s_per_km", "REAL", "fastest pace, seconds per kilometre"),
    ("avg_speed_mps", "REAL", "average speed, metres per second"),
    ("max_speed_mps", "REAL", "top speed, metres per second"),
    ("calories_kcal", "REAL", "calories burned (kcal)"),
    ("avg_heart_rate", "REAL", "average heart rate (bpm)"),
    ("steps", "INTEGER", "steps"),
    ("notes", "TEXT", "your notes on the workout, when the export has them"),
    ("flags", "TEXT", "data-quality warnings, comma separated ('steps_absurd,...')"),
    ("source", "TEXT", "the export format the workout came from (mapmyrun...)"),
    ("source_id", "TEXT", "the workout's id in that export"),
)
_DATE_FORMATS = {"workout_date": "%Y-%m-%d", "started_at": "%Y-%m-%d %H:%M:%S"}

EXAMPLES = (
    "SELECT label, COUNT(*) AS n, ROUND(SUM(distance_km), 1) AS km FROM workouts GROUP BY label",
    "SELECT strftime('%Y', workout_date) AS year, COUNT(*) AS runs, AVG(pace_min_per_mi) AS pace"
    " FROM workouts WHERE label = 'run' GROUP BY year",
    "SELECT workout_date, distance_mi FROM workouts ORDER BY distance_mi DESC LIMIT 5",
)

MAX_SQL_CHARS = 10_000
# After the deadline, how long the child has to report that it stopped itself before it is
# killed: enough for a clean exit, short enough that the limit is what the person waits.
_REPORT_S = 0.2
# The child gets the environment it needs to start Python, and nothing else (no tokens).
_CHILD_ENV = ("LD_LIBRARY_PATH", "TZ")  # a shared libpython; "localtime" as the parent has it
# SQLite's lexical states: quoted text or names ('' doubles a quote), comments, an unclosed quote.
_LEXER = re.compile(
    r"""(?P<literal>'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\])"""
    r"|(?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))|(?P<unclosed>['\"`\[])",
    re.DOTALL,
)
_LOOK_BACK = 300  # characters before a literal searched for "label =", "label IN (..."
# Text (in the masked statement) that compares label or label_code with the literal after it:
# "label = ", "label_code LIKE ", "label NOT IN ('...', " (earlier list items are masked "_").
_COMPARED = re.compile(
    r"\b(label(?:_code)?)\s*(?:==?|!=|<>|\bIS(?:\s+NOT)?\b|(?:\bNOT\s+)?\b(?:LIKE|GLOB)\b"
    r"|(?:\bNOT\s+)?\bIN\s*\((?:\s*_+\s*,)*)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query: at most ``row_limit`` rows; ``truncated`` if there were more."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    truncated: bool
    elapsed_s: float
    sql: str  # the statement as run: comments and the final ";" removed
    # For no rows where the query compared label or label_code with a value no workout has:
    # "no rows; the labels in your workouts are: run, walk, run-walk, outlier".
    hint: str | None = None

    def preview(self, n: int = 20) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
        """The columns and the first ``n`` rows, for a small table in chat."""
        return self.columns, self.rows[:n]

    def to_csv(self) -> bytes:
        """Every fetched row as formula-safe UTF-8 CSV, for an attachment."""
        frame = pd.DataFrame(list(self.rows), columns=list(self.columns), dtype=object)
        return export.to_csv(frame)


def run_query(
    frame: pd.DataFrame,
    sql: str,
    *,
    names: Mapping[str, str] | None = None,
    row_limit: int = 1000,
    time_limit_s: float = 2.0,
) -> QueryResult:
    """Run one read-only ``sql`` over ``frame`` (one owner's workouts) as table ``workouts``.

    ``names`` are the owner's class names (``Context.names``) for the ``label`` column; the
    default display names when None. Raises :class:`QueryRefused` for anything but a single
    SELECT on ``workouts`` with allowed functions, :class:`QueryTimeout` past ``time_limit_s``,
    :class:`QueryFailed` for SQL errors.
    """
    if row_limit < 1 or time_limit_s <= 0:
        raise ValueError("row_limit and time_limit_s must be positive")
    statement = check_statement(sql)
    table = export.with_class_names(frame, names)
    answer = _run_in_sandbox(_database(table), statement, row_limit, time_limit_s)
    if "error" in answer:
        kind = {sandbox.REFUSED: QueryRefused, sandbox.TIMEOUT: QueryTimeout}
        raise kind.get(answer["error"], QueryFailed)(answer["message"])
    rows = tuple(tuple(row) for row in answer["rows"])
    return QueryResult(
        columns=tuple(answer["columns"]),
        rows=rows,
        truncated=answer["truncated"],
        elapsed_s=answer["elapsed_s"],
        sql=statement,
        hint=None if rows else label_hint(statement, table),
    )


def label_hint(statement: str, table: pd.DataFrame) -> str | None:
    """Why a query found nothing, when it compared ``label`` or ``label_code`` with a value no
    workout of ``table`` (the explorer's rows: names in ``label``, codes in ``label_code``) has:
    "no rows; the labels in your workouts are: run, walk, run-walk, outlier". Else None.
    """
    _, mask = _lex(statement)
    missed = set()
    for token in _LEXER.finditer(statement):
        text = token.group()
        if token.lastgroup != "literal" or text[0] not in "'\"":
            continue
        # Only the text just before the literal: a long statement stays linear to look at.
        compared = _COMPARED.search(mask, max(0, token.start() - _LOOK_BACK), token.start())
        value = text[1:-1].replace(text[0] * 2, text[0])
        if compared and value not in _values(table, compared.group(1).lower()):
            missed.add(compared.group(1).lower())
    if not missed:
        return None
    if "label_code" not in table.columns or table["label_code"].isna().all():
        return "no rows; you have no labelled workouts yet"
    pairs = table[["label_code", "label"]].dropna().drop_duplicates("label_code")
    shown = dict(zip(pairs["label_code"].astype(str), pairs["label"].astype(str)))
    order = sorted(shown, key=lambda c: (LABELS.index(c) if c in LABELS else len(LABELS), c))
    parts = []
    if "label" in missed:
        parts.append(f"the labels in your workouts are: {', '.join(shown[c] for c in order)}")
    if "label_code" in missed:
        parts.append(f"their codes (label_code) are: {', '.join(order)}")
    return "no rows; " + "; ".join(parts)


def _values(table: pd.DataFrame, column: str) -> set[str]:
    if column not in table.columns:
        return set()
    return {str(v) for v in table[column].dropna().unique()}


def check_statement(sql: str) -> str:
    """The one SELECT/WITH statement in ``sql``, comments removed; else refused (or failed)."""
    if len(sql) > MAX_SQL_CHARS:
        raise QueryRefused(f"the query is longer than {MAX_SQL_CHARS} characters")
    if "\x00" in sql:  # SQLite would end the statement there; Python refuses to pass it on
        raise QueryRefused("the query contains a null character")
    if not sql.isascii() and not _is_unicode(sql):
        raise QueryRefused("the query contains text that is not valid Unicode (a lone surrogate)")
    code, mask = _lex(sql)
    # Trailing ";" are harmless; any other ";" outside a literal starts a second statement.
    end = len(mask.rstrip(" \t\n\r\f\v;"))
    if ";" in mask[:end]:
        raise QueryRefused("one statement at a time")
    statement, first = code[:end].strip(), re.match(r"\s*([A-Za-z]*)", mask).group(1).upper()
    if not statement:
        raise QueryRefused("the query is empty")
    if first not in ("SELECT", "WITH"):
        raise QueryRefused(KEYWORD_MESSAGES.get(first, ONLY_SELECT))
    if not sqlite3.complete_statement(statement + ";"):  # SQLite's own tokenizer agrees
        raise QueryFailed("the query is incomplete")
    return statement


def _lex(sql: str) -> tuple[str, str]:
    """``sql`` with comments blanked, and the same text with every literal masked by ``_``.

    A tokenizer, not a search: ``';'`` and ``'--'`` are text, ``/* ; */`` is a comment, so only
    the mask is searched for ``;`` and keywords, while the code (literals intact) is what runs.
    """
    code, mask, at = [], [], 0
    for token in _LEXER.finditer(sql):
        gap = sql[at : token.start()]
        at = token.end()
        if token.lastgroup == "unclosed":
            raise QueryFailed("the query is incomplete: a quote or bracket is not closed")
        comment, text = token.lastgroup == "comment", token.group()
        code += [gap, " " if comment else text]
        mask += [gap, " " if comment else "_" * len(text)]
    return "".join([*code, sql[at:]]), "".join([*mask, sql[at:]])


def _database(frame: pd.DataFrame) -> bytes:
    """A private in-memory database holding ``frame`` (class names already in ``label``) as
    ``workouts``, serialised for the child.

    Only these rows (the asker's) ever reach the sandbox: it has no connection to the store.
    """
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute(f"CREATE TABLE workouts ({', '.join(f'{n} {t}' for n, t, _ in COLUMNS)})")
        full = export.with_units(frame)
        rows = zip(*(_sql_values(full, name, sql_type) for name, sql_type, _ in COLUMNS))
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO workouts VALUES ({', '.join('?' * len(COLUMNS))})", rows)
        conn.execute("COMMIT")
        return conn.serialize()
    finally:
        conn.close()


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _sql_values(frame: pd.DataFrame, name: str, sql_type: str) -> list:
    if name not in frame.columns:
        return [None] * len(frame)
    column = frame[name]
    if name in _DATE_FORMATS:
        stamps = pd.to_datetime(column, errors="coerce")
        column = stamps.dt.strftime(_DATE_FORMATS[name]).where(stamps.notna())
    elif sql_type == "TEXT":
        column = column.map(str, na_action="ignore")
    else:  # the column's INTEGER affinity stores 8135.0 as 8135
        column = pd.to_numeric(column, errors="coerce")
    return column.astype(object).where(column.notna(), None).tolist()


def _run_in_sandbox(database: bytes, statement: str, row_limit: int, time_limit_s: float) -> dict:
    """The child's answer to ``statement`` over ``database``; the child is killed at the limit.

    The clock starts before the child does, so the time limit bounds what the person (and the
    answer worker serving them) waits for the query, whatever SQLite is doing by then.
    """
    deadline = time.monotonic() + time_limit_s
    request = {
        "sql": statement,
        "row_limit": row_limit,
        "time_limit_s": time_limit_s,
        "deadline": deadline,
    }
    payload = json.dumps(request).encode("ascii") + b"\n" + database
    # -I: no PYTHON* variables, user site or script folder on the path; -S: no site-packages.
    command = [sys.executable, "-I", "-S", sandbox.__file__]
    env = {name: os.environ[name] for name in _CHILD_ENV if name in os.environ}
    try:
        child = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
    except OSError as exc:
        log.error("the SQL sandbox did not start: %s", exc)
        raise QueryFailed("the query could not be run: the sandbox did not start") from exc
    with child:
        try:
            wait = max(0.0, deadline - time.monotonic()) + _REPORT_S
            out, err = child.communicate(payload, timeout=wait)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise QueryTimeout(sandbox.timeout_message(time_limit_s)) from None
    if child.returncode == -signal.SIGXCPU:  # its CPU limit: the time limit, seen by the kernel
        raise QueryTimeout(sandbox.timeout_message(time_limit_s))
    try:
        if child.returncode == 0:
            return json.loads(out)
    except ValueError:
        pass
    log.warning(
        "the SQL sandbox ended with status %s: %s",
        child.returncode,
        err[-2000:].decode("utf-8", "replace"),
    )
    raise QueryFailed(
        "the query stopped without an answer (it needed more memory or time than allowed)"
    )


def schema_help() -> str:
    """What ``sql`` can query: the columns of ``workouts`` and three example queries."""
    width = max(len(name) for name, _, _ in COLUMNS)
    lines = ["`sql SELECT ...` runs read-only over your own workouts, one table: workouts", ""]
    lines += [f"  {name:<{width}}  {description}" for name, _, description in COLUMNS]
    lines += ["", "Examples:"]
    lines += [f"  sql {example}" for example in EXAMPLES]
    limits = run_query.__kwdefaults__
    lines += [
        "",
        f"Up to {limits['row_limit']} rows and {limits['time_limit_s']:g} s per query;"
        " the full result comes as a CSV file.",
    ]
    return "\n".join(lines)
