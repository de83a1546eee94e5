"""Two periods side by side ("did I run more in 2019 or 2020", "summer 2021 vs summer 2022",
"compare my km in October and November"): the measure asked for first, then the usual figures.

Every figure comes from :func:`analytics.summary.summarize`, so a comparison counts exactly what
a summary of each period would (outliers in counts, out of sums; rates over calendar time), and
it counts only the workouts asked about (classes, activity, distance band).
"""

from __future__ import annotations

from analytics.frame import RUN, RUN_WALK, WALK
from analytics.summary import summarize
from bot import wording as fmt
from bot.answers.common import (
    how_many,
    measure_text,
    no_data,
    period_name,
    period_when,
    singular,
    workouts_said,
)
from bot.context import Context
from bot.language.query import DateRange, Query
from bot.reply import Reply, Table, error_reply

COMPARED = (RUN, WALK, RUN_WALK)  # the classes counted side by side when none is asked
_ROWS = (  # (row name, measure, aggregate)
    ("workouts", "count", "total"),
    ("a week", "count", "per_week"),
    ("a month", "count", "per_month"),
    ("distance", "distance", "total"),
    ("time", "duration", "total"),
    ("pace", "pace", "average"),
)


def answer_compare(query: Query, ctx: Context) -> Reply:
    """The query's two periods compared on its measure (count when none is said)."""
    if ctx.frame.empty:
        return no_data()
    if len(query.periods) < 2:
        return error_reply("say two periods to compare, e.g. `compare 2019 and 2020`.")
    first, second = query.periods[:2]
    unit = query.unit or ctx.units
    what = workouts_said(query, ctx)
    measure, aggregate = _measured(query)
    a, b = (_figure(query, ctx, p, measure, aggregate) for p in (first, second))
    headline = _headline(query, ctx, (first, second), (a, b), measure, aggregate, what, unit)
    rows = [
        (name, *(_cell(query, ctx, p, m, agg, unit) for p in (first, second)))
        for name, m, agg in _ROWS
    ]
    if not query.classes:
        for label in COMPARED:
            shown = fmt.label(label, plural=True, names=ctx.names)
            rows.append((shown, *(_count(ctx, p, query, label) for p in (first, second))))
    return Reply(
        title=f"{what.capitalize()}: {period_name(first)} vs {period_name(second)}",
        text=headline,
        table=Table(("", period_name(first), period_name(second)), tuple(rows)),
    )


def _measured(query: Query) -> tuple[str, str]:
    """What is compared: the measure said (count by default) and its aggregate (total, or the
    average for pace; frequency is workouts a week)."""
    measure = query.measure or "count"
    if measure == "frequency":
        return "count", "per_week"
    if query.aggregate in ("average", "per_week", "per_month"):
        return measure, query.aggregate
    return measure, "average" if measure == "pace" else "total"


def _summary(query: Query, ctx: Context, period: DateRange, measure: str, aggregate: str):
    return summarize(
        ctx.frame,
        measure=measure,
        aggregate=aggregate,
        start=period.start,
        end=period.end,
        labels=query.classes,
        activity=query.activity,
        min_distance_m=query.min_distance_m,
        max_distance_m=query.max_distance_m,
        today=ctx.today,
    )


def _figure(query, ctx, period, measure, aggregate) -> float | None:
    result = _summary(query, ctx, period, measure, aggregate)
    if measure == "count" and aggregate == "total":
        return float(result.count)
    return result.value


def _cell(query, ctx, period, measure, aggregate, unit) -> str:
    value = _figure(query, ctx, period, measure, aggregate)
    if measure == "count":
        return (
            "-" if value is None else (f"{value:,.0f}" if aggregate == "total" else f"{value:.1f}")
        )
    return measure_text(value, measure, unit)


def _count(ctx: Context, period: DateRange, query: Query, label: str) -> str:
    only = query.but(classes=(label,))
    return f"{_summary(only, ctx, period, 'count', 'total').count:,}"


def _headline(query, ctx, periods, values, measure, aggregate, what, unit) -> str:
    (first, second), (a, b) = periods, values
    if a is None or b is None:
        missing = first if a is None else second
        return f"No {what} with a {measure} {period_when(missing)}: nothing to compare."
    said = [
        f"*{period_name(p)}*: {_said(v, measure, aggregate, what, unit)}"
        for p, v in zip(periods, values)
    ]
    if a == b:
        return f"{said[0]}; {said[1]}: the same."
    if measure == "pace":
        faster = b < a
        gap = fmt.pace(abs(b - a), unit)
        return (
            f"{said[0]}; {said[1]}: {gap} {'faster' if faster else 'slower'} {period_when(second)}."
        )
    more = b > a
    change = f" ({abs(b - a) / a:.0%} {'up' if more else 'down'})" if a else ""
    if measure == "count" and aggregate == "total":
        # "4 more runs", "3 fewer walks"
        gap = round(abs(b - a))
        noun = what if gap != 1 else singular(what)
        diff = f"{gap:,} {'more' if more else 'fewer'} {noun}"
    else:
        diff = f"{_said(abs(b - a), measure, aggregate, what, unit)} {'more' if more else 'less'}"
    return f"{said[0]}; {said[1]}: {diff} {period_when(second)}{change}."


def _said(value: float, measure: str, aggregate: str, what: str, unit: str) -> str:
    """A compared value in words: "188 runs", "3.2 runs a week", "412.5 mi", "9:41 min/mi"."""
    if measure == "count":
        if aggregate == "total":
            return how_many(round(value), what)
        rate = "a week" if aggregate == "per_week" else "a month"
        return f"{value:.1f} {what} {rate}"
    shown = measure_text(value, measure, unit)
    rate = {"per_week": " a week", "per_month": " a month", "average": " a workout"}.get(
        aggregate, ""
    )
    return shown + ("" if measure == "pace" else rate)
