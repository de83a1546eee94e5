"""Answers that hand the asker their own data: the SQL explorer and exports."""

from __future__ import annotations

from bot import wording as fmt
from bot.answers.common import no_data
from bot.context import Context
from bot.export import export_frame, to_csv, to_json
from bot.language.query import Query
from bot.reply import Attachment, Reply, Table, error_reply
from bot.sql_explorer import SqlExplorerError, check_statement, run_query, schema_help

ROW_LIMIT = 5000
TIME_LIMIT_S = 2.0
SHOWN_ROWS = 20


def answer_sql(query: Query, ctx: Context) -> Reply:
    """Run a read-only query over the asker's own workouts (and nothing else)."""
    if not query.sql:
        return Reply(title="Query your workouts", text=schema_help(), kind="help", personal=True)
    try:
        check_statement(query.sql)  # a refusal needs no history: the store is not even read
        result = run_query(
            ctx.frame, query.sql, names=ctx.names, row_limit=ROW_LIMIT, time_limit_s=TIME_LIMIT_S
        )
    except SqlExplorerError as exc:
        return error_reply(str(exc), hint="Type `sql` alone to see the columns and examples.")
    columns, rows = result.preview(SHOWN_ROWS)
    shown = tuple(tuple(_cell(v) for v in row) for row in rows)
    more = len(result.rows) - len(shown)
    text = f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
    if result.truncated:
        text += f" (stopped at the limit of {ROW_LIMIT})"
    if more > 0:
        text += f"; the first {len(shown)} below, all of them in the CSV"
    text += "."
    if result.hint:  # "no rows; the labels in your workouts are: run, walk, ride"
        hint = result.hint.removeprefix("no rows; ")
        text += f" {hint[:1].upper()}{hint[1:]}."
    return Reply(
        title="Query result",
        text=text,
        facts=(("time", f"{result.elapsed_s * 1000:.0f} ms"),),
        table=Table(tuple(columns), shown),
        attachments=(Attachment("query.csv", "text/csv", result.to_csv(), "Query result"),),
        personal=True,
    )


def answer_export(query: Query, ctx: Context) -> Reply:
    """The asker's workouts with their labels, as CSV (default) or JSON, for a range."""
    if ctx.frame.empty:
        return no_data()
    start = query.period.start if query.period else None
    end = query.period.end if query.period else None
    rows = export_frame(ctx.frame, start=start, end=end, names=ctx.names)
    kind = query.format or "csv"
    data, mime = (
        (to_json(rows), "application/json") if kind == "json" else (to_csv(rows), "text/csv")
    )
    name = f"workouts-{start or 'start'}-{end or 'end'}.{kind}"
    return Reply(
        title="Your workouts",
        text=f"{fmt.count(len(rows), 'workout')} with their labels, as {kind.upper()}.",
        attachments=(Attachment(name, mime, data, "Workouts export"),),
        personal=True,
    )


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
