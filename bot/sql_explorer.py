"""``sql SELECT ...``: read-only SQL over the asking owner's own workouts, and nothing else.

The query never reaches the real store: the caller's frame of this owner's workouts is copied
into a private in-memory SQLite table ``workouts``, queried behind guards each enough to stop a
write: a text check (one SELECT/WITH), ``query_only``, an authorizer (reads of ``workouts``, pure
functions only), a time limit, and SQLite size limits.
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass

import pandas as pd

from bot import export
from etl.errors import WorkoutsError


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
    ("label", "TEXT", "the class: real_run, pup_walk, mixed, outlier, or the category"),
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
    " FROM workouts WHERE label = 'real_run' GROUP BY year",
    "SELECT workout_date, distance_mi FROM workouts ORDER BY distance_mi DESC LIMIT 5",
)

# Pure, deterministic functions only: nothing that reads files, loads code, reveals the engine or
# returns random values (a result should be reproducible).
_ALLOWED_WORDS = """
    abs avg count group_concat string_agg max min sum total coalesce ifnull nullif iif
    length lower upper substr substring trim ltrim rtrim replace instr printf format quote hex
    char unicode typeof like glob round sign ceil ceiling floor trunc sqrt pow power exp ln log
    log2 log10 mod pi degrees radians sin cos tan asin acos atan atan2
    date time datetime julianday strftime unixepoch timediff
    row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value
    nth_value likely unlikely likelihood
    json json_array json_array_length json_extract json_insert json_object json_patch json_remove
    json_replace json_set json_type json_valid json_quote json_group_array json_group_object -> ->>
"""
ALLOWED_FUNCTIONS = frozenset(_ALLOWED_WORDS.split())
# Shell or extension functions: absent here ("no such function"), but asking for them is refused.
_FORBIDDEN_FUNCTIONS = {"readfile", "writefile", "edit", "load_extension", "fts3_tokenizer"}

ONLY_SELECT = "only SELECT queries are allowed"
ONLY_WORKOUTS = "only the table workouts can be queried (your own workouts)"
_KEYWORD_MESSAGES = {word: f"{word} is not allowed" for word in ("ATTACH", "DETACH", "PRAGMA")}
_ACTION_MESSAGES = {getattr(sqlite3, f"SQLITE_{w}"): m for w, m in _KEYWORD_MESSAGES.items()}
_ACTION_MESSAGES[sqlite3.SQLITE_TRANSACTION] = "transactions are not allowed"
_ACTION_MESSAGES[sqlite3.SQLITE_SAVEPOINT] = "transactions are not allowed"
MAX_SQL_CHARS = 10_000
_LIMITS = (  # value sizes bound memory, which the time limit alone does not
    (sqlite3.SQLITE_LIMIT_LENGTH, 1_000_000),
    (sqlite3.SQLITE_LIMIT_COLUMN, 200),
    (sqlite3.SQLITE_LIMIT_ATTACHED, 0),
    (sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1_000),
)
_PROGRESS_EVERY = 1_000  # VM instructions between two looks at the clock
# SQLite's lexical states: quoted text or names ('' doubles a quote), comments, an unclosed quote.
_LEXER = re.compile(
    r"""(?P<literal>'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\])"""
    r"|(?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))|(?P<unclosed>['\"`\[])",
    re.DOTALL,
)


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query: at most ``row_limit`` rows; ``truncated`` if there were more."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    truncated: bool
    elapsed_s: float
    sql: str  # the statement as run: comments and the final ";" removed

    def preview(self, n: int = 20) -> tuple[tuple[str, ...], tuple[tuple, ...]]:
        """The columns and the first ``n`` rows, for a small table in chat."""
        return self.columns, self.rows[:n]

    def to_csv(self) -> bytes:
        """Every fetched row as formula-safe UTF-8 CSV, for an attachment."""
        frame = pd.DataFrame(list(self.rows), columns=list(self.columns), dtype=object)
        return export.to_csv(frame)


def run_query(
    frame: pd.DataFrame, sql: str, *, row_limit: int = 1000, time_limit_s: float = 2.0
) -> QueryResult:
    """Run one read-only ``sql`` over ``frame`` (one owner's workouts) as table ``workouts``.

    Raises :class:`QueryRefused` for anything but a single SELECT on ``workouts`` with allowed
    functions, :class:`QueryTimeout` past ``time_limit_s``, :class:`QueryFailed` for SQL errors.
    """
    if row_limit < 1 or time_limit_s <= 0:
        raise ValueError("row_limit and time_limit_s must be positive")
    statement = check_statement(sql)
    conn = _load(frame)
    try:
        return _execute(conn, statement, row_limit, time_limit_s)
    finally:
        conn.close()


def check_statement(sql: str) -> str:
    """The one SELECT/WITH statement in ``sql``, comments removed; else refused (or failed)."""
    if len(sql) > MAX_SQL_CHARS:
        raise QueryRefused(f"the query is longer than {MAX_SQL_CHARS} characters")
    code, mask = _lex(sql)
    # Trailing ";" are harmless; any other ";" outside a literal starts a second statement.
    end = len(mask.rstrip(" \t\n\r\f\v;"))
    if ";" in mask[:end]:
        raise QueryRefused("one statement at a time")
    statement, first = code[:end].strip(), re.match(r"\s*([A-Za-z]*)", mask).group(1).upper()
    if not statement:
        raise QueryRefused("the query is empty")
    if first not in ("SELECT", "WITH"):
        raise QueryRefused(_KEYWORD_MESSAGES.get(first, ONLY_SELECT))
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


def _load(frame: pd.DataFrame) -> sqlite3.Connection:
    """A private in-memory database holding ``frame`` as ``workouts``, then locked down."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    if hasattr(conn, "enable_load_extension"):
        conn.enable_load_extension(False)
    for limit, value in _LIMITS:
        conn.setlimit(limit, value)
    conn.execute(f"CREATE TABLE workouts ({', '.join(f'{n} {t}' for n, t, _ in COLUMNS)})")
    full = export.with_units(frame)
    rows = zip(*(_sql_values(full, name, sql_type) for name, sql_type, _ in COLUMNS))
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO workouts VALUES ({', '.join('?' * len(COLUMNS))})", rows)
    conn.execute("COMMIT")
    conn.execute("PRAGMA query_only = ON")
    return conn


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


def _execute(
    conn: sqlite3.Connection, statement: str, row_limit: int, time_limit_s: float
) -> QueryResult:
    deadline, denied = time.monotonic() + time_limit_s, []
    conn.set_authorizer(lambda *request: _authorize(denied, *request))
    conn.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_EVERY)  # True stops
    started = time.monotonic()
    try:
        cursor = conn.execute(statement)
        rows = cursor.fetchmany(row_limit + 1)  # one more than shown tells us it was cut
    except sqlite3.Error as exc:
        late = time.monotonic() > deadline
        raise _explain(exc, denied, time_limit_s if late else None) from exc
    return QueryResult(
        columns=tuple(d[0] for d in cursor.description or ()),
        # Blobs only come from literals such as x'00'; hex text shows and exports cleanly.
        rows=tuple(
            tuple(v.hex() if isinstance(v, bytes) else v for v in r) for r in rows[:row_limit]
        ),
        truncated=len(rows) > row_limit,
        elapsed_s=time.monotonic() - started,
        sql=statement,
    )


def _explain(exc: sqlite3.Error, denied: list[str], overran: float | None) -> SqlExplorerError:
    """The error to show: the time limit, why the authorizer said no, or SQLite's message."""
    if overran is not None and str(exc) == "interrupted":
        return QueryTimeout(f"the query ran longer than {overran:g} s and was stopped")
    if denied:
        return QueryRefused(denied[0])
    missing = re.fullmatch(r"no such function: (\S+)", str(exc))
    if missing and missing.group(1).lower() in _FORBIDDEN_FUNCTIONS:
        return QueryRefused(f"the function {missing.group(1)} is not allowed")
    return QueryFailed(str(exc))


def _authorize(denied: list[str], action: int, table, detail, database, _inner) -> int:
    reason = _deny_reason(action, table, detail, database)
    if reason is None:
        return sqlite3.SQLITE_OK
    denied.append(reason)
    return sqlite3.SQLITE_DENY


def _deny_reason(action: int, table: str | None, detail: str | None, database) -> str | None:
    """None to allow an action SQLite asks about, else the message saying why not."""
    table = (table or "").lower()
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_RECURSIVE):
        return None
    if action == sqlite3.SQLITE_FUNCTION:
        allowed = (detail or "").lower() in ALLOWED_FUNCTIONS
        return None if allowed else f"the function {detail} is not allowed"
    if action == sqlite3.SQLITE_READ and table == "workouts":
        return None if database in ("main", None) else ONLY_WORKOUTS
    if action == sqlite3.SQLITE_READ:
        # Columns read through a CTE or subquery are reported against the real table, workouts.
        # A FROM item whose columns go unused ("SELECT count(*) FROM n") is a read of column ""
        # with no database under the CTE's own name, and yields no values. The private database
        # has no real table but workouts and sqlite_*, and virtual tables (json_each, pragma_*,
        # dbstat) are refused earlier, by the schema change they begin with: so this is a CTE.
        cte = detail == "" and database is None and not table.startswith("sqlite_")
        return None if cte else ONLY_WORKOUTS
    if action in _ACTION_MESSAGES:
        return _ACTION_MESSAGES[action]
    if action == sqlite3.SQLITE_UPDATE and table.startswith("sqlite_"):
        return ONLY_WORKOUTS  # how json_each(), pragma_*() and dbstat begin: a schema change
    return ONLY_SELECT


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
