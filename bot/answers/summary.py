"""Summary answers: every count, total, average, rate, best and latest of workouts, from one
query ("how many runs in 2019", "total km this year", "weekly mileage lately", "best month
ever", "fastest 5k", "when was my last run", "hours walked in summer 2022 by month").

The numbers come from :func:`analytics.summary.summarize`, whose rules (outliers in counts, out
of sums; rates over calendar weeks or months) every answer shares. With no measure and no
aggregate the answer is the overview of the period: workouts per class and distance, by month or
year (what ``stats`` shows).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from analytics import charts as draw
from analytics.charts.spec import MAX_BARS, MAX_WEEKS, Bar
from analytics.frame import METRES_PER, OUTLIER, RUN
from analytics.records import period_totals
from analytics.summary import Summary, summarize
from bot import wording as fmt
from bot.answers.common import (
    how_many,
    measure_text,
    no_data,
    period_dates,
    rows_in,
    singular,
    workouts_said,
)
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, Table

WEEKS_SHOWN = 8  # the weeks chart without a period: the last 8 weeks, as in the briefing
MONTHLY_UP_TO_DAYS = 400  # longer overviews are totalled by year, shorter ones by month
SHOWN = 20
_NOUNS = {
    "distance": "distance",
    "duration": "time",
    "pace": "pace",
    "calories": "calories",
    "count": "workouts",
    "frequency": "workouts",
}


def answer_summary(query: Query, ctx: Context) -> Reply:
    """The summary the query asks for (see the module docstring), with its chart when the
    question asked for one."""
    if ctx.frame.empty:
        return no_data()
    weeks = _weeks_shown(query, ctx)
    if weeks is not None:
        return _weeks(weeks, query, ctx)
    reply = _answer(query, ctx)
    if query.output != "chart":
        return reply
    return _with_chart(reply, query, ctx)


def _answer(query: Query, ctx: Context) -> Reply:
    if query.measure is None and query.aggregate is None and query.by is None:
        return _overview(query, ctx)
    measure, aggregate = _measured(query)
    result = _summarize(query, ctx, measure, aggregate, query.by)
    unit = query.unit or ctx.units
    what = workouts_said(query, ctx)
    when = query.period.phrase if query.period else "overall"
    if result.count == 0:
        return Reply(title=f"{what.capitalize()} {when}", text=f"No {what} {when}.")
    if aggregate in ("latest", "first", "best", "worst") and query.by is None:
        return _one_workout(result, query, ctx, what, when, unit)
    if query.by is not None:
        return _breakdown(result, query, what, when, unit, ctx)
    if aggregate == "list":
        return _listing(result, ctx, what, when, unit)
    return _figure(result, query, ctx, what, when, unit)


def _figure(result: Summary, query: Query, ctx: Context, what: str, when: str, unit: str) -> Reply:
    measure, aggregate = result.measure, result.aggregate
    value = measure_text(result.value, measure, unit)
    if measure in ("count", "frequency"):
        if aggregate == "total":
            return _count(
                result, query, what, when, unit, rows_in(ctx.frame, query.period), ctx.names
            )
        else:
            rate = "a week" if aggregate in ("per_week", "average") else "a month"
            text = f"*{result.value:.1f}* {what} {rate} {when}" if result.value else f"No {what}"
    elif aggregate == "total":
        text = f"*{value}* {_NOUNS[measure]} in {how_many(result.count, what)} {when}"
    elif aggregate == "average":
        per = "" if measure == "pace" else " a workout"
        over = how_many(result.count, what)
        text = f"Average {_NOUNS[measure]}{per}: *{value}* over {over} {when}"
    else:
        rate = "week" if aggregate == "per_week" else "month"
        text = f"*{value}* {_NOUNS[measure]} a {rate} on average {when}"
    text += "." + _outlier_note(result, query)
    facts = [("workouts", str(result.count))]
    if result.start and result.end:
        facts.append(("period", f"{result.start} to {result.end}"))
    return Reply(title=f"{what.capitalize()} {when}", text=text, facts=tuple(facts))


def _count(result: Summary, query: Query, what: str, when: str, unit: str, period, names) -> Reply:
    """How many, with the distance they covered and how the app had logged them."""
    rows = result.rows
    noun = what if result.count != 1 else singular(what)
    text = f"*{result.count:,}* {noun} {when}"
    counted = rows[rows["label"] != OUTLIER] if OUTLIER not in query.classes else rows
    distance = counted["distance_m"].sum(min_count=1)
    if distance == distance and distance:
        text += f", {fmt.distance(distance, unit)} in all"
    facts = [("count", str(result.count))]
    if query.classes:
        # The app's type is not the truth: say how these were logged.
        logged = rows["activity_type"].value_counts(normalize=True).head(3)
        facts.append(("logged as", ", ".join(f"{t} {p:.0%}" for t, p in logged.items())))
    if result.outliers and OUTLIER not in query.classes:
        text += f" ({fmt.count(result.outliers, 'outlier')} among them, not in the distance)"
    return Reply(
        title=f"How many {what} {when}",
        text=text + "." + _logged_as_run(period, query, names),
        facts=tuple(facts),
    )


def _logged_as_run(rows, query: Query, names) -> str:
    """What the app's own count would have said: everything of the period (and distance band)
    logged as a run."""
    if query.classes != (RUN,):
        return ""
    if query.min_distance_m is not None:
        rows = rows[rows["distance_m"] >= query.min_distance_m]
    if query.max_distance_m is not None:
        rows = rows[rows["distance_m"] <= query.max_distance_m]
    logged = rows[rows["activity_type"].str.contains("run", case=False, regex=False)]
    others = logged[logged["label"] != RUN]
    if others.empty:
        return ""
    kinds = others["label"].value_counts()
    parts = ", ".join(fmt.count(n, fmt.label(k, names=names)) for k, n in kinds.items())
    return f" Your app logged {len(logged):,} workouts as runs; {parts} among them."


def _one_workout(result: Summary, query: Query, ctx: Context, what, when, unit) -> Reply:
    workout = result.workout
    if workout is None:
        return Reply(
            title=f"{what.capitalize()} {when}", text=f"No {what} {when} with that measure."
        )
    day = (
        workout["workout_date"].date()
        if hasattr(workout["workout_date"], "date")
        else workout["workout_date"]
    )
    words = {"latest": "Last", "first": "First", "best": "Best", "worst": "Worst"}[result.aggregate]
    line = _workout_line(workout, ctx, unit)
    if result.aggregate in ("best", "worst") and result.measure not in ("count", "frequency"):
        heading = f"{words} {_NOUNS[result.measure]} of your {what} {when}"
        text = f"{heading}: *{measure_text(result.value, result.measure, unit)}* on {day}: {line}."
    else:
        ago = (ctx.today - day).days
        text = f"{words} {singular(what)} {when}: *{day}* ({_ago(ago)}): {line}."
    return Reply(title=f"{words} {singular(what)}", text=text + _outlier_note(result, query))


def _measured(query: Query) -> tuple[str, str]:
    """The measure and aggregate a summary computes when the question left them out."""
    measure = query.measure or ("distance" if query.aggregate in ("best", "worst") else "count")
    return measure, query.aggregate or ("average" if measure == "pace" else "total")


def _summarize(query: Query, ctx: Context, measure: str, aggregate: str, by) -> Summary:
    period = query.period
    return summarize(
        ctx.frame,
        measure=measure,
        aggregate=aggregate,
        by=by,
        start=period.start if period else None,
        end=period.end if period else None,
        labels=query.classes,
        activity=query.activity,
        min_distance_m=query.min_distance_m,
        max_distance_m=query.max_distance_m,
        today=ctx.today,
    )


def _group_name(name: str, by: str | None, ctx: Context) -> str:
    """A breakdown row's name; a class in the asker's words ("walk", not walk)."""
    return fmt.label(name, names=ctx.names) if by == "class" else name


def _breakdown(result: Summary, query: Query, what, when, unit, ctx: Context) -> Reply:
    measure = result.measure
    rows = tuple(
        (
            _group_name(g.name, query.by, ctx),
            str(g.count),
            measure_text(g.value, measure, unit)
            if measure not in ("count", "frequency")
            else str(g.count),
        )
        for g in result.groups
    )
    noun = _NOUNS[measure]
    header = (
        (query.by, "workouts", noun)
        if measure not in ("count", "frequency")
        else (query.by, "workouts")
    )
    rows = tuple(r[: len(header)] for r in rows)
    if result.best_group is not None:
        best = result.best_group
        shown = (
            str(best.count)
            if measure in ("count", "frequency")
            else measure_text(best.value, measure, unit)
        )
        word = "Best" if result.aggregate == "best" else "Worst"
        unit_word = "workouts" if measure in ("count", "frequency") else noun
        name = _group_name(best.name, query.by, ctx)
        text = f"{word} {query.by} for {what} {when}: *{name}* ({shown} {unit_word})."
    else:
        counted = how_many(result.count, what)
        groups = fmt.count(len(rows), query.by)
        text = f"{what.capitalize()} {when} by {query.by}: {counted} in {groups}."
    return Reply(
        title=f"{what.capitalize()} {when} by {query.by}",
        text=text + _outlier_note(result, query),
        table=Table(header, rows),
    )


def _listing(result: Summary, ctx: Context, what, when, unit) -> Reply:
    rows = result.rows.tail(SHOWN).iloc[::-1]
    table = tuple(
        (
            str(r["workout_date"].date()),
            fmt.label(r["label"], names=ctx.names),
            fmt.distance(r["distance_m"], unit),
            fmt.duration(r["duration_s"]),
            fmt.pace(r["avg_pace_s_per_km"], unit),
        )
        for _, r in rows.iterrows()
    )
    more = f"; the last {len(table)} below" if result.count > len(table) else ""
    return Reply(
        title=f"{what.capitalize()} {when}",
        text=f"{how_many(result.count, what)} {when}{more}.",
        table=Table(("date", "class", "distance", "time", "pace"), table),
    )


def _overview(query: Query, ctx: Context) -> Reply:
    """Workouts per class and distance over the period, by month or by year."""
    rows = rows_in(ctx.frame, query.period)
    if query.classes:
        rows = rows[rows["label"].isin(query.classes)]
    when = query.period.phrase if query.period else "overall"
    what = workouts_said(query, ctx)
    unit = query.unit or ctx.units
    if rows.empty:
        return Reply(title=f"Stats {when}", text=f"No {what} {when}.")
    start, end = rows["workout_date"].min().date(), rows["workout_date"].max().date()
    period = "month" if (end - start).days <= MONTHLY_UP_TO_DAYS else "year"
    totals = period_totals(rows, period=period)
    labels = [label for label in totals.labels if label != OUTLIER]
    table_rows = tuple(
        (
            name,
            *(str(totals.cell(name, label).count) for label in labels),
            fmt.distance(totals.by_period[i].distance_m, unit),
        )
        for i, name in enumerate(totals.names)
    )
    by_class = ", ".join(
        fmt.count(
            totals.by_label[totals.labels.index(label)].count, fmt.label(label, names=ctx.names)
        )
        for label in labels
    )
    outliers = int((rows["label"] == OUTLIER).sum())
    tail = f"; {fmt.count(outliers, 'outlier')}, not in the distances" if outliers else ""
    return Reply(
        title=f"Stats {when}",
        text=f"{fmt.count(len(rows), 'workout')} {fmt.period(start, end)}: {by_class}{tail}.",
        facts=(
            ("total distance", fmt.distance(totals.total.distance_m, unit)),
            ("total time", fmt.duration(totals.total.duration_s)),
        ),
        table=Table(
            (period, *(fmt.label(lab, plural=True, names=ctx.names) for lab in labels), "distance"),
            table_rows,
        ),
    )


def _workout_line(workout, ctx: Context, unit: str) -> str:
    parts = [fmt.label(workout["label"], names=ctx.names)]
    if workout.get("distance_m") and workout["distance_m"] == workout["distance_m"]:
        parts.append(fmt.distance(workout["distance_m"], unit))
    if workout.get("duration_s") and workout["duration_s"] == workout["duration_s"]:
        parts.append(fmt.duration(workout["duration_s"]))
    if (
        workout.get("avg_pace_s_per_km")
        and workout["avg_pace_s_per_km"] == workout["avg_pace_s_per_km"]
    ):
        parts.append(fmt.pace(workout["avg_pace_s_per_km"], unit))
    return ", ".join(parts) + f" (workout {int(workout['id'])})"


def _ago(days: int) -> str:
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


def _outlier_note(result: Summary, query: Query) -> str:
    """What was left out of the numbers: outliers, and for a best or worst the workouts whose
    recorded type says another class."""
    note = ""
    if result.contradicted:
        n = result.contradicted
        it = "it" if n == 1 else "them"
        was = "was" if n == 1 else "were"
        note = (
            f" {fmt.count(n, 'workout')} whose recorded type says otherwise {was} passed over"
            f" (label {it} to count {it})."
        )
    if not result.outliers or OUTLIER in query.classes or result.measure in ("count", "frequency"):
        return note
    return f" {fmt.count(result.outliers, 'outlier')} left out (their numbers are suspect).{note}"


# --- Charts ------------------------------------------------------------------------------------


def _weeks_shown(query: Query, ctx: Context) -> int | None:
    """How many weeks the weeks chart shows for this query, or None when it is not one: all
    workouts counted by week, as a chart, up to this week ("show my last 8 weeks", "my weeks
    chart"; 8 weeks without a period)."""
    if (query.output, query.by) != ("chart", "week") or query.measure not in (None, "count"):
        return None
    if query.aggregate not in (None, "total") or query.classes or query.activity:
        return None
    if query.min_distance_m is not None or query.max_distance_m is not None:
        return None
    period = query.period
    if period is None:
        return WEEKS_SHOWN
    this_monday = ctx.today - timedelta(days=ctx.today.weekday())
    if period.start is None or period.end is None or period.end < this_monday:
        return None  # a past range has no "this week": the plain breakdown draws it
    days = (min(period.end, ctx.today) - period.start).days + 1
    return min(max(round(days / 7), 1), MAX_WEEKS)


def _weeks(weeks: int, query: Query, ctx: Context) -> Reply:
    """Workouts per week by class up to today, with the typical week (the briefing's chart)."""
    chart = draw.weeks_chart(ctx.frame, end=ctx.today, weeks=weeks, names=ctx.names)
    text = draw.weeks_headline(ctx.frame, end=ctx.today, weeks=weeks)
    return Reply(
        title=f"Your last {fmt.count(weeks, 'week')}",
        text=f"{text} (outliers left out).",
        charts=(chart,),
    )


def _with_chart(reply: Reply, query: Query, ctx: Context) -> Reply:
    """The reply with the bars of its breakdown: the one asked for, else by month (by year over
    more than :data:`MONTHLY_UP_TO_DAYS`); one workout has no chart, and the reply says so."""
    if reply.kind == "error":
        return reply
    measure, aggregate = _measured(query)
    if query.aggregate in ("latest", "first", "list") and query.by is None:
        note = " (A chart needs several workouts: ask for a breakdown, e.g. _by month as a chart_.)"
        return replace(reply, text=reply.text + note)
    if query.measure is None and query.aggregate is None:
        measure, aggregate = "count", "total"
    if aggregate in ("best", "worst", "per_week", "per_month"):
        aggregate = "average" if measure == "pace" else "total"
    by = query.by or _chart_unit(query, ctx)
    result = _summarize(query, ctx, measure, aggregate, by)
    groups = result.groups[-MAX_BARS:]
    if not groups:
        return reply
    unit = query.unit or ctx.units
    bars = tuple(
        Bar(_group_name(g.name, by, ctx), _in_unit(g, measure, unit), _shown(g, measure, unit))
        for g in groups
    )
    best = result.best_group if query.aggregate in ("best", "worst") else None
    what = workouts_said(query, ctx)
    when = period_dates(query.period)  # a chart's title says dates, not the asker's words
    title = f"{what.capitalize()} {when}: {_AXES[measure].format(unit=unit)} by {by}"
    if len(result.groups) > MAX_BARS:
        title += f" (the last {MAX_BARS})"
    chart = draw.breakdown_chart(
        bars,
        title=title,
        axis=_AXES[measure].format(unit=unit),
        highlight=_group_name(best.name, by, ctx) if best else None,
        pace_unit=unit if measure == "pace" else None,
    )
    return replace(reply, charts=(*reply.charts, chart))


_AXES = {
    "count": "workouts",
    "frequency": "workouts",
    "distance": "distance ({unit})",
    "duration": "hours",
    "pace": "pace (min/{unit})",
    "calories": "calories (kcal)",
}


def _chart_unit(query: Query, ctx: Context) -> str:
    rows = rows_in(ctx.frame, query.period)
    if rows.empty:
        return "month"
    start, end = rows["workout_date"].min().date(), rows["workout_date"].max().date()
    return "month" if (end - start).days <= MONTHLY_UP_TO_DAYS else "year"


def _in_unit(group, measure: str, unit: str) -> float | None:
    """A group's value as the bar's height: in the asker's unit, hours, or minutes per unit."""
    if measure in ("count", "frequency"):
        return float(group.count)
    if group.value is None or group.value != group.value:
        return None
    if measure == "distance":
        return group.value / METRES_PER[unit]
    if measure == "duration":
        return group.value / 3600
    if measure == "pace":
        return group.value * METRES_PER[unit] / 1000 / 60
    return group.value


def _shown(group, measure: str, unit: str) -> str:
    """The text on a bar: the value without its unit (the axis names it), to stay short."""
    if measure in ("count", "frequency"):
        return str(group.count)
    shown = measure_text(group.value, measure, unit)
    return shown.replace(f" min/{unit}", "").replace(f" {unit}", "").replace(" kcal", "")
