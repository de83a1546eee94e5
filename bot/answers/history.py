"""History answers: the calendar heatmap, counts and totals, personal records."""

from __future__ import annotations

from analytics.charts import calendar_heatmap
from analytics.frame import OUTLIER, by_day
from analytics.records import period_totals, personal_records
from bot import wording as fmt
from bot.answers.common import no_data, rows_in
from bot.context import Context
from bot.language.intent import Intent
from bot.reply import Reply, Table

# Longer ranges are totalled by year, shorter ones by month.
MONTHLY_UP_TO_DAYS = 400


def answer_calendar(intent: Intent, ctx: Context) -> Reply:
    """A year of workouts as a GitHub-style heatmap."""
    if ctx.frame.empty:
        return no_data()
    year = intent.year or (
        intent.range.start.year if intent.range and intent.range.start else ctx.today.year
    )
    rows = ctx.frame[by_day(ctx.frame).dt.year == year]
    counts = rows["label"].value_counts()
    parts = ", ".join(f"{n} {fmt.label(label, plural=n != 1)}" for label, n in counts.items())
    days = by_day(rows).nunique()
    text = f"{len(rows)} workouts on {days} days in {year}" + (f": {parts}." if parts else ".")
    return Reply(
        title=f"{year} at a glance",
        text=text,
        facts=(("workouts", str(len(rows))), ("active days", str(days))),
        charts=(calendar_heatmap(ctx.frame, year=year),),
    )


def answer_stats(intent: Intent, ctx: Context) -> Reply:
    """Counts and distance per class for a range; "how many runs in 2019" answers the count."""
    if ctx.frame.empty:
        return no_data()
    rows = rows_in(ctx.frame, intent.range)
    when = intent.range.phrase if intent.range else "overall"
    if intent.action == "count":
        return _count(rows, intent, when, ctx.units)
    if rows.empty:
        return Reply(title=f"Stats {when}", text=f"No workouts {when}.")
    start, end = rows["workout_date"].min().date(), rows["workout_date"].max().date()
    period = "month" if (end - start).days <= MONTHLY_UP_TO_DAYS else "year"
    totals = period_totals(rows, period=period)
    labels = [label for label in totals.labels if label != OUTLIER]
    table_rows = tuple(
        (
            name,
            *(str(totals.cell(name, label).count) for label in labels),
            fmt.distance(totals.by_period[i].distance_m, ctx.units),
        )
        for i, name in enumerate(totals.names)
    )
    by_class = ", ".join(
        f"{totals.by_label[totals.labels.index(label)].count} {fmt.label(label, plural=True)}"
        for label in labels
    )
    return Reply(
        title=f"Stats {when}",
        text=f"{len(rows)} workouts {fmt.period(start, end)}: {by_class}.",
        facts=(
            ("total distance", fmt.distance(totals.total.distance_m, ctx.units)),
            ("total time", fmt.duration(totals.total.duration_s)),
        ),
        table=Table(
            (period, *(fmt.label(lab, plural=True) for lab in labels), "distance"), table_rows
        ),
    )


def answer_records(intent: Intent, ctx: Context) -> Reply:
    """Personal records, each with the best it beat."""
    if ctx.frame.empty:
        return no_data()
    records = personal_records(ctx.frame)
    rows = tuple(
        (
            r.name.replace("_", " "),
            fmt.record_value(r, ctx.units),
            str(r.date),
            "-"
            if r.previous is None
            else f"{fmt.record_value(r.previous, ctx.units)} ({r.previous.date})",
        )
        for r in records.all
    )
    best = records.longest_run
    text = (
        f"Longest run {fmt.record_value(best, ctx.units)} on {best.date}."
        if best
        else "No runs yet, so no run records."
    )
    return Reply(
        title="Personal records",
        text=f"{text} {records.outliers_excluded} outliers never count.",
        table=Table(("record", "value", "set on", "previous best"), rows),
    )


def _count(rows, intent: Intent, when: str, unit: str) -> Reply:
    label = intent.label
    chosen = rows if label is None else rows[rows["label"] == label]
    what = fmt.label(label, plural=len(chosen) != 1) if label else "workouts"
    text = f"*{len(chosen)}* {what} {when}"
    if len(chosen):
        text += f", {fmt.distance(chosen['distance_m'].sum(min_count=1), unit)} in all"
    facts = [("count", str(len(chosen)))]
    if label and len(chosen):
        # The app's type is not the truth: say how these were logged.
        logged = chosen["activity_type"].value_counts(normalize=True).head(3)
        facts.append(("logged as", ", ".join(f"{t} {p:.0%}" for t, p in logged.items())))
    text += "." + _logged_as_run(rows, label)
    return Reply(title=f"How many {what} {when}", text=text, facts=tuple(facts))


def _logged_as_run(rows, label: str | None) -> str:
    """What the app's own count would have said: everything logged as a run."""
    if label != "real_run":
        return ""
    logged = rows[rows["activity_type"].str.contains("run", case=False, regex=False)]
    others = logged[logged["label"] != "real_run"]
    if others.empty:
        return ""
    kinds = others["label"].value_counts()
    parts = ", ".join(f"{n:,} {fmt.label(k, plural=n != 1)}" for k, n in kinds.items())
    return f" Your app logged {len(logged):,} workouts as runs; {parts} among them."
