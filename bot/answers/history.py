"""History answers: the calendar heatmap and personal records, of the workouts asked about.

Records are kept per class (runs: distance, time and pace; walks and run-walks: distance; other
classes: distance and time) and over every workout (the busiest week, the longest daily streak).
Asked about some workouts or a period, they are the best of those workouts in that period, each
with the best it beat in that same period.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from analytics import charts as draw
from analytics.charts.spec import MAX_BARS, Bar
from analytics.frame import LABELS, METRES_PER, OTHER_LABELS, OUTLIER, RUN, by_day
from analytics.records import MILE_M, Record, personal_records
from bot import wording as fmt
from bot.answers.common import how_many, no_data, period_dates, period_when, workouts_said
from bot.answers.explore import chosen_in, not_used, selection, selects, with_output
from bot.answers.training import EFFORTS, run_efforts
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, Table

MONTHLY_UP_TO_DAYS = 400  # a records chart of a shorter span has a bar a month, else a year
# A record's unit -> the measures that ask for it.
_RECORD_MEASURES = {
    "m": ("distance",),
    "s": ("duration",),
    "s/km": ("pace",),
    "workouts": ("count", "frequency"),
    "days": ("frequency",),
}


def answer_calendar(query: Query, ctx: Context) -> Reply:
    """A year of workouts as a GitHub-style heatmap: the workouts of the classes (activity,
    distance band) asked, in the year asked (or the year the period starts in; this year)."""
    if ctx.frame.empty:
        return no_data()
    period = query.period
    year = query.year or (period.start.year if period and period.start else ctx.today.year)
    chosen = selection(ctx.frame, query)
    rows = chosen[by_day(chosen).dt.year == year]
    counts = rows["label"].value_counts()
    parts = ", ".join(
        fmt.count(n, fmt.label(label, names=ctx.names)) for label, n in counts.items()
    )
    days = by_day(rows).nunique()
    what = workouts_said(query, ctx)
    counted = how_many(len(rows), what) if selects(query) else fmt.count(len(rows), "workout")
    text = f"{counted} on {fmt.count(days, 'day')} in {year}" + (
        f": {parts}." if (parts and len(counts) > 1) or (not selects(query) and parts) else "."
    )
    unit = query.unit or ctx.units
    distance = rows.loc[rows["label"] != OUTLIER, "distance_m"].sum(min_count=1)
    facts = [("workouts", str(len(rows))), ("active days", str(days))]
    if distance == distance and distance:
        facts.append(("distance", fmt.distance(distance, unit)))
    reasons = {
        "measure": "a calendar shows the workouts of each day",
        "aggregate": "a calendar shows the workouts of each day",
        "by": "a calendar shows the workouts of each day",
    }
    notes = not_used(query, ctx, reasons)
    whole = _year_note(query, year, ctx.today)
    reply = Reply(
        title=f"{year} at a glance" if not selects(query) else f"{what.capitalize()}, {year}",
        text=" ".join(x for x in (text, whole, notes) if x),
        facts=tuple(facts),
        charts=(draw.calendar_heatmap(chosen, year=year, names=ctx.names, today=ctx.today),),
    )
    return with_output(reply, query, f"calendar-{year}")


def _year_note(query: Query, year: int, today: date) -> str:
    """What a calendar says when the period asked is not its whole year."""
    if not query.periods:
        return ""
    period = query.period
    whole = (
        period.start == date(year, 1, 1)
        and period.end is not None
        and period.end >= min(date(year, 12, 31), today)
        and len(query.periods) == 1
    )
    if whole:
        return ""
    asked = " and ".join(f"'{p.phrase.strip() or fmt.span(p.start, p.end)}'" for p in query.periods)
    return f"A calendar shows a whole year: {year}, the year of {asked}."


def answer_records(query: Query, ctx: Context) -> Reply:
    """Personal records, each with the best it beat: of the workouts asked about (classes,
    activity, distance band), in the period asked, of the measure asked; in the unit asked."""
    if ctx.frame.empty:
        return no_data()
    unit = query.unit or ctx.units
    rows = chosen_in(ctx.frame, query)
    records = personal_records(rows, names=ctx.names)
    shown = _shown(records, rows, query, ctx)
    table = tuple(
        (
            r.title,
            fmt.record_value(r, unit),
            str(r.date),
            "-"
            if r.previous is None
            else f"{fmt.record_value(r.previous, unit)} ({r.previous.date})",
        )
        for r in shown
    )
    text = _records_text(records, shown, rows, query, ctx, unit)
    efforts = _effort_rows(query, ctx, rows, unit)
    if efforts:
        table += efforts
        text += (
            f" Inside your runs' GPS tracks: fastest {efforts[0][0].removeprefix('fastest ')} "
            f"{efforts[0][1]} on {efforts[0][2]}."
        )
    reasons = {
        "aggregate": "records are the best of each kind",
        "by": "records are the best of each kind",
    }
    if query.measure and not _record_measure(query):
        reasons["measure"] = "records are of distance, time, pace, workouts a week and streaks"
    if len(query.periods) > 1:
        reasons["periods"] = "records are the best of one period; I used the first"
    notes = not_used(query, ctx, reasons)
    charts = ()
    if query.output == "chart":
        chart = _records_chart(rows, shown, query, ctx, unit)
        if chart is None:
            notes = f"{notes} There is no chart of these records: none is of one workout.".strip()
        else:
            charts = (chart,)
    reply = Reply(
        title="Personal records",
        text=" ".join(x for x in (text, notes) if x),
        table=Table(("record", "value", "set on", "previous best"), table),
        charts=charts,
    )
    return with_output(reply, query, "records")


def _shown(records, rows: pd.DataFrame, query: Query, ctx: Context) -> list[Record]:
    """The records a reply lists: every one that exists, with the longest of the classes the
    analytics keep none for (rides, swims...) when asked, the week and streak records named
    for the workouts asked, only those of the measure asked."""
    shown = list(records.all)
    extra = [
        r
        for label in query.classes
        if label in OTHER_LABELS
        for r in _class_records(rows, label, ctx)
    ]
    if selects(query):
        what = workouts_said(query, ctx)
        titles = {
            "most_workouts_in_week": f"most {what} in a week",
            "longest_daily_streak": f"longest daily streak of {what}",
        }
        per_class = [r for r in shown if r.name not in titles]
        overall = [replace(r, title=titles[r.name]) for r in shown if r.name in titles]
        shown = per_class + extra + overall
    if _record_measure(query):
        shown = [r for r in shown if query.measure in _RECORD_MEASURES.get(r.unit, ())]
    return shown


def _record_measure(query: Query) -> bool:
    """Whether the query's measure is one records are kept of (calories are not)."""
    return any(query.measure in measures for measures in _RECORD_MEASURES.values())


def _class_records(rows: pd.DataFrame, label: str, ctx: Context) -> list[Record]:
    """The longest distance and time of one class the analytics keep no records for (a ride,
    a swim), each with the best it beat; ties go to the first, as for every record."""
    own = rows[rows["label"] == label].assign(_day=by_day(rows[rows["label"] == label]))
    name = fmt.label(label, names=ctx.names)
    found = []
    for column, unit, suffix in (("distance_m", "m", ""), ("duration_s", "s", " time")):
        values = pd.to_numeric(own[column], errors="coerce")
        marks = own[values > 0].assign(_value=values[values > 0])
        if marks.empty:
            continue
        marks = marks.sort_values(["_day", "id"], kind="stable")
        best = _first_best(marks)
        earlier = marks[marks["_day"] < best["_day"]]
        previous = _mark_record(_first_best(earlier), label, column, unit, suffix, name, None)
        found.append(_mark_record(best, label, column, unit, suffix, name, previous))
    return [r for r in found if r is not None]


def _first_best(marks: pd.DataFrame) -> pd.Series | None:
    if marks.empty:
        return None
    return marks[marks["_value"] == marks["_value"].max()].iloc[0]


def _mark_record(mark, label, column, unit, suffix, name, previous) -> Record | None:
    if mark is None:
        return None
    day = mark["_day"].date()
    key = f"longest_{label}" + ("_time" if suffix else "")
    title = f"longest {name}{suffix}"
    return Record(key, unit, float(mark["_value"]), int(mark["id"]), day, day, day, previous, title)


def _contradicted_text(records) -> str:
    """What the records left out because a recorded type says otherwise."""
    n = records.contradicted_excluded
    if not n:
        return ""
    return (
        f" {fmt.count(n, 'workout')} whose recorded type says otherwise "
        f"{'is' if n == 1 else 'are'} left out (label {'it' if n == 1 else 'them'} to count "
        f"{'it' if n == 1 else 'them'})."
    )


def _records_text(records, shown, rows, query: Query, ctx: Context, unit: str) -> str:
    """The headline: the first record shown, with what was counted; the outliers left out."""
    plain = not (selects(query) or query.periods or query.measure)
    outliers = fmt.count(records.outliers_excluded, fmt.label(OUTLIER, names=ctx.names))
    left_out = f" Outliers never count ({outliers} left out)."
    contradicted = _contradicted_text(records)
    if plain:
        best = records.longest_run
        run = fmt.label(RUN, names=ctx.names)
        text = (
            f"{best.title.capitalize()} {fmt.record_value(best, unit)} on {best.date}."
            if best
            else f"No {fmt.label(RUN, plural=True, names=ctx.names)} yet, so no {run} records."
        )
        return text + left_out + contradicted
    what = workouts_said(query, ctx)
    scope = f"{what} {period_when(query.period)}" if query.period else what
    if OUTLIER in query.classes:
        left_out = " Outliers never set records: their numbers are suspect."
    elif query.classes:
        left_out = ""
    if rows.empty:
        return f"No {scope}, so no records." + left_out
    if not shown:
        return f"No records of your {scope} for that." + left_out
    best = shown[0]
    text = f"Records of your {scope}: {best.title} *{fmt.record_value(best, unit)}* on {best.date}."
    if query.period:
        text += f" Each previous best is from {period_when(query.period)} too."
    return text + left_out + contradicted


def _effort_rows(query: Query, ctx: Context, rows, unit: str) -> tuple:
    """Best efforts found inside the runs asked about (from GPS tracks), each with the best it
    beat: "fastest 5 km (inside a run)". Empty without tracks, or when the question is not
    about runs or is about a measure other than pace or time."""
    if query.measure not in (None, "pace", "duration") or (
        query.classes and RUN not in query.classes
    ):
        return ()
    stored = run_efforts(ctx, rows)
    found = []
    for distance, name in EFFORTS:
        at = stored[stored["distance_m"] == distance].sort_values("workout_date")
        if at.empty:
            continue
        best = at.loc[at["seconds"].idxmin()]
        before = at[at["workout_date"] < best["workout_date"]]
        previous = (
            "-"
            if before.empty
            else f"{fmt.duration(float(before['seconds'].min()))} "
            f"({before.loc[before['seconds'].idxmin(), 'workout_date']:%Y-%m-%d})"
        )
        found.append(
            (
                f"fastest {name} (inside a run)",
                fmt.duration(float(best["seconds"])),
                f"{best['workout_date']:%Y-%m-%d}",
                previous,
            )
        )
    return tuple(found)


def _record_series(record: Record) -> tuple[str, str, bool] | None:
    """The class, column and direction (higher is better) of a one-workout record."""
    if record.name == "fastest_run_pace":
        return RUN, "avg_pace_s_per_km", False
    if record.name == "longest_run":
        return RUN, "distance_m", True
    if record.name == "longest_run_time":
        return RUN, "duration_s", True
    rest = record.name.removeprefix("longest_")
    if rest.endswith("_time") and rest.removesuffix("_time") in LABELS:
        return rest.removesuffix("_time"), "duration_s", True
    if rest in LABELS:
        return rest, "distance_m", True
    return None


def _records_chart(rows, shown, query: Query, ctx: Context, unit: str):
    """Bars of the first one-workout record's best each year (each month over a short span),
    the bar it was set in marked; None when no record shown is of one workout."""
    record = next((r for r in shown if _record_series(r) is not None), None)
    if record is None:
        return None
    label, column, higher = _record_series(record)
    own = rows[rows["label"] == label]
    values = pd.to_numeric(own[column], errors="coerce")
    keep = values > 0
    if column == "avg_pace_s_per_km":
        keep &= pd.to_numeric(own["distance_m"], errors="coerce") >= MILE_M
    days = by_day(own)[keep]
    values = values[keep]
    if values.empty:
        return None
    span = (days.max() - days.min()).days
    by = "month" if span <= MONTHLY_UP_TO_DAYS else "year"
    keys = days.dt.strftime("%Y-%m") if by == "month" else days.dt.year.astype(str)
    best = values.groupby(keys).max() if higher else values.groupby(keys).min()
    best = best.sort_index().iloc[-MAX_BARS:]
    bars = tuple(
        Bar(str(k), _bar_value(v, column, unit), _bar_text(v, column, unit))
        for k, v in best.items()
    )
    mark = record.date.strftime("%Y-%m") if by == "month" else str(record.date.year)
    what = workouts_said(query, ctx)
    when = f" {period_dates(query.period)}" if query.period else ""
    axis = {
        "distance_m": f"distance ({unit})",
        "duration_s": "hours",
        "avg_pace_s_per_km": f"pace (min/{unit})",
    }
    return draw.breakdown_chart(
        bars,
        title=f"{record.title.capitalize()} each {by}, your {what}{when}",
        axis=axis[column],
        highlight=mark,
        pace_unit=unit if column == "avg_pace_s_per_km" else None,
    )


def _bar_value(value: float, column: str, unit: str) -> float:
    if column == "distance_m":
        return value / METRES_PER[unit]
    if column == "duration_s":
        return value / 3600
    return value * METRES_PER[unit] / 1000 / 60


def _bar_text(value: float, column: str, unit: str) -> str:
    if column == "distance_m":
        return fmt.distance(value, unit).removesuffix(f" {unit}")
    if column == "duration_s":
        return fmt.duration(value)
    return fmt.pace(value, unit).removesuffix(f" min/{unit}")
