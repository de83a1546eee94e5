"""History answers: the calendar heatmap, counts and totals, personal records."""

from __future__ import annotations

from analytics.charts import calendar_heatmap
from analytics.frame import OUTLIER, REAL_RUN, by_day
from analytics.records import personal_records
from bot import wording as fmt
from bot.answers.common import no_data
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, Table


def answer_calendar(query: Query, ctx: Context) -> Reply:
    """A year of workouts as a GitHub-style heatmap."""
    if ctx.frame.empty:
        return no_data()
    year = query.year or (
        query.period.start.year if query.period and query.period.start else ctx.today.year
    )
    rows = ctx.frame[by_day(ctx.frame).dt.year == year]
    counts = rows["label"].value_counts()
    parts = ", ".join(
        fmt.count(n, fmt.label(label, names=ctx.names)) for label, n in counts.items()
    )
    days = by_day(rows).nunique()
    text = f"{fmt.count(len(rows), 'workout')} on {fmt.count(days, 'day')} in {year}" + (
        f": {parts}." if parts else "."
    )
    return Reply(
        title=f"{year} at a glance",
        text=text,
        facts=(("workouts", str(len(rows))), ("active days", str(days))),
        charts=(calendar_heatmap(ctx.frame, year=year, names=ctx.names),),
    )


def answer_records(query: Query, ctx: Context) -> Reply:
    """Personal records, each with the best it beat."""
    if ctx.frame.empty:
        return no_data()
    records = personal_records(ctx.frame, names=ctx.names)
    rows = tuple(
        (
            r.title,
            fmt.record_value(r, ctx.units),
            str(r.date),
            "-"
            if r.previous is None
            else f"{fmt.record_value(r.previous, ctx.units)} ({r.previous.date})",
        )
        for r in records.all
    )
    best = records.longest_run
    run = fmt.label(REAL_RUN, names=ctx.names)
    text = (
        f"{best.title.capitalize()} {fmt.record_value(best, ctx.units)} on {best.date}."
        if best
        else f"No {fmt.label(REAL_RUN, plural=True, names=ctx.names)} yet, so no {run} records."
    )
    outliers = fmt.count(records.outliers_excluded, fmt.label(OUTLIER, names=ctx.names))
    return Reply(
        title="Personal records",
        text=f"{text} Outliers never count ({outliers} left out).",
        table=Table(("record", "value", "set on", "previous best"), rows),
    )
