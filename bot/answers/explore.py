"""Answers that hand the asker their own data: the SQL explorer and exports; and what every
answer of a selection shares: the workouts a query picks, a table as the file asked for, and the
words of a query that an answer could not use, said back in plain words."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from bot import wording as fmt
from bot.answers.common import how_many, no_data, period_name, rows_in, workouts_said
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
    """The asker's workouts with their labels, as CSV (default) or JSON: those of the classes,
    activity and distance band asked, dated in the period asked (default: everything)."""
    if ctx.frame.empty:
        return no_data()
    start = query.period.start if query.period else None
    end = query.period.end if query.period else None
    chosen = selection(ctx.frame, query)
    if len(query.periods) > 1:  # "export 2019 and 2021": the workouts of each
        parts = pd.concat([rows_in(chosen, p) for p in query.periods])
        rows = export_frame(parts[~parts.index.duplicated()], start=None, end=None, names=ctx.names)
        end = query.periods[-1].end
    else:
        rows = export_frame(chosen, start=start, end=end, names=ctx.names)
    kind = query.format or (query.output if query.output in ("csv", "json") else "csv")
    data, mime = (
        (to_json(rows), "application/json") if kind == "json" else (to_csv(rows), "text/csv")
    )
    name = f"workouts-{start or 'start'}-{end or 'end'}.{kind}"
    what = workouts_said(query, ctx)
    when = f" {_when(query)}" if query.period else ""
    counted = how_many(len(rows), what) if selects(query) else fmt.count(len(rows), "workout")
    text = f"{counted}{when} with their labels, as {kind.upper()}."
    if query.unit:
        text += (
            f" Distances and paces come in both km and mi, whatever the unit asked ({query.unit})."
        )
    notes = not_used(
        query,
        ctx,
        {
            "measure": "an export holds every column",
            "aggregate": "an export lists every workout",
            "by": "an export lists every workout",
        },
    )
    if query.output == "chart":
        notes = f"{notes} An export is a file, not a chart; ask for a chart of a summary.".strip()
    return Reply(
        title="Your workouts" if not selects(query) else f"Your {what}",
        text=f"{text} {notes}".strip(),
        attachments=(Attachment(name, mime, data, "Workouts export"),),
        personal=True,
    )


# --- What every answer of a selection shares -----------------------------------------------


def selects(query: Query) -> bool:
    """Whether the query picks some workouts (classes, an activity or a distance band)."""
    return bool(
        query.classes
        or query.activity
        or query.min_distance_m is not None
        or query.max_distance_m is not None
    )


def selection(frame: pd.DataFrame, query: Query) -> pd.DataFrame:
    """The workouts of ``frame`` of the query's classes, whose logged type holds its activity,
    inside its distance band (any date: the period is each answer's own business)."""
    if not selects(query):
        return frame
    keep = pd.Series(True, index=frame.index)
    if query.classes:
        keep &= frame["label"].isin(query.classes)
    if query.activity:
        logged = frame["activity_type"].astype(str)
        keep &= logged.str.contains(query.activity, case=False, regex=False)
    if query.min_distance_m is not None:
        keep &= frame["distance_m"] >= query.min_distance_m
    if query.max_distance_m is not None:
        keep &= frame["distance_m"] <= query.max_distance_m
    return frame[keep]


def chosen_in(frame: pd.DataFrame, query: Query) -> pd.DataFrame:
    """The workouts the query picks, dated in its (first) period."""
    return rows_in(selection(frame, query), query.period)


def _when(query: Query) -> str:
    """The period(s) as the asker said them: "from 2024", "in 2019 and in 2021"."""
    if not query.periods:
        return "overall"
    return " and ".join(p.phrase.strip() or fmt.period(p.start, p.end) for p in query.periods)


_OUTPUTS = {"chart": "as a chart", "csv": "as CSV", "json": "as JSON"}


def said(query: Query, ctx: Context, slot: str) -> str:
    """The words of one slot of ``query`` as the asker said them ("in 2019", "km", "runs",
    "as a chart"), or "" when the slot is empty."""
    if slot == "measure":
        return query.measure or ""
    if slot == "aggregate":
        return (query.aggregate or "").replace("_", " ")
    if slot == "by":
        return f"by {query.by}" if query.by else ""
    if slot == "classes":
        return " and ".join(fmt.label(c, plural=True, names=ctx.names) for c in query.classes)
    if slot == "activity":
        return f"{query.activity}s" if query.activity else ""
    if slot == "band":
        if query.min_distance_m is None and query.max_distance_m is None:
            return ""
        return workouts_said(query.but(classes=(), activity=None), ctx).removeprefix("workouts ")
    if slot == "periods":
        return " and ".join(p.phrase.strip() or period_name(p) for p in query.periods)
    if slot == "unit":
        return query.unit or ""
    if slot == "output":
        return _OUTPUTS.get(query.output, "")
    raise ValueError(f"unknown slot {slot!r}")


_SLOT_NAMES = {
    "measure": "the measure",
    "aggregate": "",
    "by": "the breakdown",
    "classes": "the classes",
    "activity": "the activity",
    "band": "the distance band",
    "periods": "the period",
    "unit": "the unit",
    "output": "the output",
}


def not_used(query: Query, ctx: Context, reasons: dict[str, str]) -> str:
    """Sentences naming the words of ``query`` an answer could not use, each with its reason
    (``reasons`` maps a slot to why): "I ignored the unit 'km': a streak counts days." Slots
    that are empty say nothing; "" when every one is."""
    by_reason: dict[str, list[str]] = {}
    for slot, why in reasons.items():
        words = said(query, ctx, slot)
        if words:
            name = _SLOT_NAMES[slot]
            by_reason.setdefault(why, []).append(f"{name} '{words}'" if name else f"'{words}'")
    sentences = []
    for why, named in by_reason.items():
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        sentences.append(f"I ignored {listed}: {why}.")
    return " ".join(sentences)


def with_output(reply: Reply, query: Query, name: str) -> Reply:
    """``reply`` with its table as the CSV or JSON file the question asked for (``name`` is the
    file's stem); without a table, the reply says there is none to give."""
    if query.output not in ("csv", "json") or reply.kind == "error":
        return reply
    kind = query.output
    if reply.table is None or not reply.table.rows:
        note = (
            f"There is no table in this answer to give as {kind.upper()}; `export` gives your "
            f"workouts as CSV or JSON."
        )
        return replace(reply, text=f"{reply.text} {note}")
    frame = pd.DataFrame(list(reply.table.rows), columns=list(reply.table.columns))
    data, mime = (
        (to_json(frame), "application/json") if kind == "json" else (to_csv(frame), "text/csv")
    )
    file = Attachment(f"{name}.{kind}", mime, data, reply.title)
    return replace(reply, attachments=(*reply.attachments, file))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
