"""One day, honestly: the workouts of the day asked about (class, distance, pace, how sure the
classifier is), or that it was a rest day. The morning briefing stays "the morning after"."""

from __future__ import annotations

from datetime import date

from analytics.frame import by_day
from bot import wording as fmt
from bot.answers.common import no_data
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, Table


def answer_day(query: Query, ctx: Context) -> Reply:
    """The workouts of the query's day (default: today)."""
    if ctx.frame.empty:
        return no_data()
    day = _day(query, ctx)
    rows = ctx.frame[by_day(ctx.frame) == day.isoformat()]
    if query.classes:
        rows = rows[rows["label"].isin(query.classes)]
    title = f"{_long(day)}"
    if rows.empty:
        return Reply(title=title, text=_rest(day, ctx, query))
    unit = query.unit or ctx.units
    table = tuple(
        (
            str(int(r["id"])),
            r.get("activity_type", ""),
            fmt.label(r["label"], names=ctx.names),
            fmt.distance(r["distance_m"], unit),
            fmt.duration(r["duration_s"]),
            fmt.pace(r["avg_pace_s_per_km"], unit),
            "-" if r.get("confidence") is None else f"{r['confidence']:.0%}",
        )
        for _, r in rows.iterrows()
    )
    parts = ", ".join(_part(r, ctx, unit) for _, r in rows.iterrows())
    return Reply(
        title=title,
        text=f"On {_long(day)} you did {fmt.count(len(rows), 'workout')}: {parts}.",
        table=Table(("workout", "logged as", "class", "distance", "time", "pace", "sure"), table),
        personal=False,
    )


def _part(row, ctx: Context, unit: str) -> str:
    """ "a run of 5.2 mi", or "a gym workout (45:00)" when it has no distance."""
    said = fmt.a(fmt.label(row["label"], names=ctx.names))
    distance = row["distance_m"]
    if distance == distance and distance:
        return f"{said} of {fmt.distance(distance, unit)}"
    duration = row["duration_s"]
    return f"{said} ({fmt.duration(duration)})" if duration == duration and duration else said


def _long(day: date) -> str:
    """ "Friday 3 May 2019"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _day(query: Query, ctx: Context) -> date:
    if query.workout is not None and query.workout.day is not None:
        return query.workout.day
    if query.period is not None and query.period.start is not None:
        return query.period.start
    return ctx.today


def _rest(day: date, ctx: Context, query: Query) -> str:
    what = (
        " and ".join(fmt.label(c, plural=True, names=ctx.names) for c in query.classes)
        or "workouts"
    )
    days = by_day(ctx.frame)
    before = days[days < day.isoformat()]
    after = days[days > day.isoformat()]
    around = []
    if len(before):
        around.append(f"the one before was on {before.max().date()}")
    if len(after):
        around.append(f"the next on {after.min().date()}")
    tail = f" ({', '.join(around)})" if around else ""
    return f"No {what} on {_long(day)}: a rest day{tail}."
