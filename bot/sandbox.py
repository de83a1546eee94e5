"""The SQL explorer's sandbox: one read-only query, run in a child process that can be killed.

SQLite's progress handler only looks at the clock between VM instructions, so one long C call
(``printf('%.*c', 2000000000, 'x')``, a backtracking LIKE, a huge ``replace``) used to hold an
answer worker for as long as it liked. ``bot.sql_explorer`` therefore runs each query here, in a
process of its own that it kills at the time limit. Run as a script (``python -I -S sandbox.py``)
this module imports the standard library only, so the child starts in a few tens of
milliseconds. The child limits itself (CPU seconds, address space, no files, no core dump), reads
one request on stdin (a JSON line, then the private database as ``Connection.serialize()``
bytes), runs the statement under the authorizer, ``query_only`` and SQLite's size limits, and
writes one JSON answer on stdout: at most ``row_limit`` rows, or an error kind and message.

The authorizer's rules live here too, so the parent and the child share one copy of them.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import sys
import time

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
FORBIDDEN_FUNCTIONS = frozenset(
    {"readfile", "writefile", "edit", "load_extension", "fts3_tokenizer"}
)

ONLY_SELECT = "only SELECT queries are allowed"
ONLY_WORKOUTS = "only the table workouts can be queried (your own workouts)"
KEYWORD_MESSAGES = {word: f"{word} is not allowed" for word in ("ATTACH", "DETACH", "PRAGMA")}
_ACTION_MESSAGES = {getattr(sqlite3, f"SQLITE_{w}"): m for w, m in KEYWORD_MESSAGES.items()}
_ACTION_MESSAGES[sqlite3.SQLITE_TRANSACTION] = "transactions are not allowed"
_ACTION_MESSAGES[sqlite3.SQLITE_SAVEPOINT] = "transactions are not allowed"

SQLITE_LIMITS = (  # value sizes bound memory and work, which the time limit alone does not
    (sqlite3.SQLITE_LIMIT_LENGTH, 1_000_000),
    (sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100_000),
    (sqlite3.SQLITE_LIMIT_COLUMN, 200),
    (sqlite3.SQLITE_LIMIT_ATTACHED, 0),
    (sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1_000),
)
MEMORY_BYTES = 512 * 2**20  # the child's address space: its interpreter, the data, the work
RESULT_BYTES = 32 * 2**20  # the answer sent back (JSON); the row limit alone does not bound it
_PROGRESS_EVERY = 1_000  # VM instructions between two looks at the clock

# Error kinds of an answer; the parent turns each into its exception.
REFUSED, FAILED, TIMEOUT = "refused", "failed", "timeout"


def timeout_message(time_limit_s: float) -> str:
    """What the person reads when a query ran out of time (here or killed by the parent)."""
    return f"the query ran longer than {time_limit_s:g} s and was stopped"


def memory_message() -> str:
    """What the person reads when a query needed more memory than the sandbox has."""
    return f"the query needed more than {MEMORY_BYTES // 2**20} MB of memory and was stopped"


def execute(
    database: bytes, sql: str, *, row_limit: int, time_limit_s: float, deadline: float
) -> dict:
    """Run ``sql`` on the serialised ``database``; the answer as a JSON-ready dict.

    ``deadline`` is a ``time.monotonic()`` instant: the parent's clock and the child's are the
    same system-wide monotonic clock, so the child stops itself when the parent would kill it.
    Either ``{"columns", "rows", "truncated", "elapsed_s"}`` or ``{"error", "message"}``.
    """
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        return _execute(conn, database, sql, row_limit, time_limit_s, deadline)
    except MemoryError:
        return {"error": FAILED, "message": memory_message()}
    finally:
        conn.close()


def _execute(
    conn: sqlite3.Connection,
    database: bytes,
    sql: str,
    row_limit: int,
    time_limit_s: float,
    deadline: float,
) -> dict:
    if hasattr(conn, "enable_load_extension"):
        conn.enable_load_extension(False)
    for limit, value in SQLITE_LIMITS:
        conn.setlimit(limit, value)
    conn.deserialize(database)
    # Sorts and temporary b-trees stay in memory (bounded by the address space): the child may
    # not write files.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA query_only = ON")
    denied: list[str] = []
    conn.set_authorizer(lambda *request: _authorize(denied, *request))
    conn.set_progress_handler(lambda: time.monotonic() > deadline, _PROGRESS_EVERY)  # True stops
    started = time.monotonic()
    try:
        cursor = conn.execute(sql)
        columns = [d[0] for d in cursor.description or ()]
        rows, size, truncated = [], 0, False
        for row in cursor:
            if len(rows) == row_limit:  # one more than shown tells us it was cut
                truncated = True
                break
            # Blobs only come from literals such as x'00'; hex text shows and exports cleanly.
            encoded = json.dumps([v.hex() if isinstance(v, bytes) else v for v in row])
            size += len(encoded)
            if size > RESULT_BYTES:
                message = (
                    f"the result is larger than {RESULT_BYTES // 2**20} MB;"
                    " select fewer rows or shorter values"
                )
                return {"error": FAILED, "message": message}
            rows.append(encoded)
    except sqlite3.Error as exc:
        late = time.monotonic() > deadline
        return _explain(exc, denied, time_limit_s if late else None)
    return {
        "columns": columns,
        "rows": rows,  # each already JSON text: encoded once, as it was measured
        "truncated": truncated,
        "elapsed_s": time.monotonic() - started,
    }


def _explain(exc: sqlite3.Error, denied: list[str], overran: float | None) -> dict:
    """The error to show: the time limit, why the authorizer said no, or SQLite's message."""
    if overran is not None and str(exc) == "interrupted":
        return {"error": TIMEOUT, "message": timeout_message(overran)}
    if denied:
        return {"error": REFUSED, "message": denied[0]}
    missing = re.fullmatch(r"no such function: (\S+)", str(exc))
    if missing and missing.group(1).lower() in FORBIDDEN_FUNCTIONS:
        return {"error": REFUSED, "message": f"the function {missing.group(1)} is not allowed"}
    return {"error": FAILED, "message": str(exc)}


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


def _limit_resources(time_limit_s: float) -> None:
    """Bound the child on its own: memory, CPU (in case the parent is gone), no files."""
    try:
        import resource  # POSIX only; elsewhere the parent's kill is the only bound
    except ImportError:
        return
    cpu = math.ceil(time_limit_s) + 1
    limits = (
        (resource.RLIMIT_AS, MEMORY_BYTES, MEMORY_BYTES),
        (resource.RLIMIT_CPU, cpu, cpu + 1),  # SIGXCPU ends the child, SIGKILL a second later
        (resource.RLIMIT_FSIZE, 0, 0),  # Python ignores SIGXFSZ: a write fails, nothing is made
        (resource.RLIMIT_CORE, 0, 0),
    )
    for which, soft, hard in limits:
        _, ceiling = resource.getrlimit(which)
        if ceiling != resource.RLIM_INFINITY:  # never ask for more than the system allows
            soft, hard = min(soft, ceiling), min(hard, ceiling)
        try:
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):  # a limit this system will not set (RLIMIT_AS on macOS)
            continue


def main() -> None:
    """The child: one request on stdin, one JSON answer on stdout."""
    stdin = sys.stdin.buffer
    request = json.loads(stdin.readline())
    database = stdin.read()
    _limit_resources(request["time_limit_s"])
    try:
        answer = execute(
            database,
            request["sql"],
            row_limit=request["row_limit"],
            time_limit_s=request["time_limit_s"],
            deadline=request["deadline"],
        )
        body = _encode(answer)
    except MemoryError:
        body = json.dumps({"error": FAILED, "message": memory_message()})
    sys.stdout.buffer.write(body.encode("ascii"))
    sys.stdout.buffer.flush()


def _encode(answer: dict) -> str:
    if "rows" not in answer:
        return json.dumps(answer)
    # The rows are JSON texts already: joined, not encoded a second time.
    head = json.dumps({k: v for k, v in answer.items() if k != "rows"})
    return f'{head[:-1]}, "rows": [{",".join(answer["rows"])}]}}'


if __name__ == "__main__":
    main()
