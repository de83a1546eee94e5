"""Training answers: fitness, fatigue and form; best efforts inside runs; race predictions; the
Eddington number; a year in review (goals are in bot/answers/goals.py).

Each says its method (heart rate or pace for load, tracks or whole workouts for efforts, the
fitted or default Riegel exponent) and what it counted, in the asker's class names and unit.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from analytics import charts as draw
from analytics.eddington import eddington
from analytics.frame import RUN, RUN_WALK, WALK
from analytics.load import compare_fitness, form_word, load_curves
from analytics.predictions import predict_races, whole_workout_efforts
from analytics.year_review import year_review
from bot import wording as fmt
from bot.answers.common import no_data, period_when
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, Table
from etl.db.best_efforts import best_efforts_frame

# The standard distances a best effort is kept for, in the order shown.
EFFORTS = (
    (1000.0, "1 km"),
    (1609.344, "1 mile"),
    (5000.0, "5 km"),
    (10000.0, "10 km"),
    (21097.5, "half marathon"),
    (42195.0, "marathon"),
)
_GROUPS = (("run", (RUN,)), ("walk", (WALK,)), ("foot", (RUN, WALK, RUN_WALK)))


def answer_training(query: Query, ctx: Context) -> Reply:
    """The training question ``query.action`` asks (form, efforts, predict, eddington, year)."""
    if ctx.frame.empty:
        return no_data()
    answers = {
        "form": _form,
        "efforts": _efforts,
        "predict": _predict,
        "eddington": _eddington,
        "year": _year,
    }
    return answers.get(query.action or "form", _form)(query, ctx)


# --- Fitness, fatigue, form ------------------------------------------------------------------


def _form(query: Query, ctx: Context) -> Reply:
    curves = load_curves(ctx.frame, end=ctx.today)
    now = curves.on(ctx.today) or curves.current
    unit = query.unit or ctx.units
    measured = {"heart_rate": "heart rate", "pace": "pace"}
    counted = [f"{n:,} by {measured[m]}" for m, n in curves.methods.items() if n and m in measured]
    unloaded = sum(n for m, n in curves.methods.items() if m not in measured)
    methods = " and ".join(counted) or "no workout"
    if unloaded:
        methods += f" ({fmt.count(unloaded, 'workout')} without load: outliers, not on foot)"
    text = (
        f"Today: fitness *{now.fitness:.0f}* (your 42-day load), fatigue *{now.fatigue:.0f}* "
        f"(7-day), form *{now.form:+.0f}*: {form_word(now.form)}."
    )
    facts = [("fitness", f"{now.fitness:.0f}"), ("fatigue", f"{now.fatigue:.0f}")]
    facts.append(("form", f"{now.form:+.0f} ({form_word(now.form)})"))
    if query.period and query.period.start:
        then = (query.period.start, min(query.period.end or ctx.today, ctx.today))
        recent = (ctx.today - timedelta(days=27), ctx.today)
        compared = compare_fitness(curves, then, recent)
        text += f"\n{compared.sentence}"
        facts.append((f"fitness {period_when(query.period)}", f"{compared.then_fitness or 0:.0f}"))
    text += (
        f"\nLoad of {methods}; an hour at your threshold pace "
        f"({fmt.pace(curves.threshold_pace.value, unit)}: {curves.threshold_pace.source}) is 100."
    )
    events = [(row["event_date"], row["name"]) for _, row in ctx.events().iterrows()]
    chart = draw.fitness_chart(curves, end=ctx.today, events=events, names=ctx.names, unit=unit)
    return Reply(title="Fitness, fatigue and form", text=text, facts=tuple(facts), charts=(chart,))


# --- Best efforts ----------------------------------------------------------------------------


def _efforts(query: Query, ctx: Context) -> Reply:
    unit = query.unit or ctx.units
    found, source = _best_efforts(ctx, query)
    if found.empty:
        return Reply(
            title="Best efforts",
            text="No runs long enough to have a best effort yet "
            f"{period_when(query.period) if query.period else ''}".rstrip()
            + ".",
        )
    rows = []
    for distance, name in EFFORTS:
        at = found[found["distance_m"] == distance]
        if at.empty:
            continue
        best = at.loc[at["seconds"].idxmin()]
        pace = best["seconds"] / (distance / 1000.0)
        rows.append(
            (
                name,
                fmt.duration(float(best["seconds"])),
                fmt.pace(pace, unit),
                f"{best['date']:%Y-%m-%d}",
                str(int(best["workout_id"])),
            )
        )
    where = "inside your runs' GPS tracks" if source == "tracks" else "whole runs only"
    lead = rows[0] if rows else None
    text = f"Your best efforts ({where}"
    text += f", {period_when(query.period)})" if query.period else ")"
    if lead:
        text += f": fastest {lead[0]} *{lead[1]}* ({lead[2]}) on {lead[3]}."
    if source != "tracks":
        text += (
            " Without GPS tracks I can only use whole workouts: a 5 km inside a longer run is "
            "not seen. Upload GPX, TCX, FIT or a Strava archive to find them."
        )
    return Reply(
        title="Best efforts",
        text=text,
        table=Table(("distance", "time", "pace", "date", "workout"), tuple(rows)),
    )


def _best_efforts(ctx: Context, query: Query) -> tuple[pd.DataFrame, str]:
    """(the best efforts of the asker's runs: distance_m, seconds, workout_id, date; the source
    "tracks" or "whole workouts")."""
    runs = ctx.frame[(ctx.frame["label"] == RUN)]
    stored = run_efforts(ctx, runs)
    if not stored.empty:
        source = "tracks"
        found = stored.assign(date=pd.to_datetime(stored["workout_date"]).dt.date)[
            ["distance_m", "seconds", "workout_id", "date"]
        ]
    else:
        source = "whole workouts"
        found = _whole_efforts(_confirmed(runs))
    if query.period and not found.empty:
        start, end = query.period.start or date.min, query.period.end or date.max
        found = found[(found["date"] >= start) & (found["date"] <= end)]
    return found, source


def run_efforts(ctx: Context, rows: pd.DataFrame) -> pd.DataFrame:
    """The best efforts stored from the GPS tracks of the runs among ``rows`` whose recorded
    type does not contradict them (as records and "fastest" skip those): workout_id,
    workout_date, distance_m, seconds, start_offset_s. Empty without tracks."""
    runs = _confirmed(rows[rows["label"] == RUN])
    stored = best_efforts_frame(ctx.engine, ctx.owner_key)
    return stored[stored["workout_id"].isin(runs["id"])]


def _confirmed(runs: pd.DataFrame) -> pd.DataFrame:
    if "type_conflict" not in runs:
        return runs
    return runs[~runs["type_conflict"].fillna(False).astype(bool)]


def _whole_efforts(runs: pd.DataFrame) -> pd.DataFrame:
    """Whole runs as efforts at the standard distances they match (within 5%)."""
    rows: list[tuple] = []
    for distance, _ in EFFORTS:
        near = runs[(runs["distance_m"] - distance).abs() <= 0.05 * distance]
        # Whole columns at once (a million workouts: ~90,000 near a standard distance), the
        # same float operations in the same order as a run at a time.
        duration = near["duration_s"].to_numpy(dtype=float)
        seconds = duration * distance / near["distance_m"].to_numpy(dtype=float)
        days = near["workout_date"].dt.date
        ids = near["id"].astype(int)
        rows += zip([distance] * len(near), seconds.tolist(), ids.tolist(), days, strict=True)
    return pd.DataFrame(rows, columns=["distance_m", "seconds", "workout_id", "date"])


# --- Race predictions ------------------------------------------------------------------------


def _predict(query: Query, ctx: Context) -> Reply:
    unit = query.unit or ctx.units
    stored, source = _best_efforts(ctx, Query("training"))
    efforts = stored if source == "tracks" else whole_workout_efforts(ctx.frame)
    predicted = predict_races(efforts, source=source, today=ctx.today)
    if not predicted.predictions:
        return Reply(
            title="Race predictions",
            text=f"No run of 3.5 minutes or more in the year to {ctx.today}: nothing to predict "
            f"from. {predicted.note}".strip(),
        )
    rows = tuple(
        (
            p.race,
            p.method.upper() if p.method == "vdot" else "Riegel",
            fmt.duration(p.seconds),
            f"{fmt.duration(p.low_s)}-{fmt.duration(p.high_s)}",
            fmt.pace(p.pace_s_per_km, unit),
        )
        for p in predicted.predictions
    )
    marathon = predicted.get("marathon") or predicted.predictions[-1]
    vdot = f"VDOT {predicted.vdot:.1f}" if predicted.vdot else "no VDOT"
    text = (
        f"From your best efforts of {predicted.start} to {predicted.end} ({source}): "
        f"{marathon.race} in *{fmt.duration(marathon.seconds)}* "
        f"({fmt.duration(marathon.low_s)} to {fmt.duration(marathon.high_s)}). "
        f"Riegel with k = {predicted.k:.3f} ({predicted.k_note}); {vdot} (Daniels-Gilbert)."
    )
    return Reply(
        title="Race predictions",
        text=text,
        table=Table(("race", "method", "time", "range", "pace"), rows),
    )


# --- Eddington --------------------------------------------------------------------------------


def _eddington(query: Query, ctx: Context) -> Reply:
    unit = query.unit or ctx.units
    start = query.period.start if query.period else None
    end = query.period.end if query.period else None
    found = eddington(ctx.frame, start=start, end=end)
    groups = [g for g, labels in _GROUPS if not query.classes or set(labels) & set(query.classes)]
    rows = []
    for group in groups:
        for each in (unit, "km" if unit == "mi" else "mi"):
            number = found.get(group, each)
            rows.append(
                (
                    _group_name(group, ctx),
                    each,
                    str(number.number),
                    f"{number.needed_for_next} more days of {number.number + 1} {each}",
                )
            )
    first = found.get(groups[0], unit)
    when = f" {period_when(query.period)}" if query.period else ""
    text = (
        f"Your Eddington number for {_group_name(groups[0], ctx)}{when}: *{first.number}* "
        f"({first.number} days of {first.number} {unit} or more). "
        f"{first.needed_for_next} more days of {first.number + 1} {unit} make {first.number + 1}."
    )
    return Reply(
        title="Eddington number",
        text=text,
        table=Table(("workouts", "unit", "E", "next"), tuple(rows)),
    )


def _group_name(group: str, ctx: Context) -> str:
    if group == "foot":
        return "all workouts on foot"
    return fmt.label(group, plural=True, names=ctx.names)


# --- A year in review ------------------------------------------------------------------------


def _year(query: Query, ctx: Context) -> Reply:
    unit = query.unit or ctx.units
    year = query.year or ctx.today.year
    review = year_review(
        ctx.frame, year=year, today=ctx.today, events=ctx.events(), names=ctx.names
    )
    if not review.workouts:
        return Reply(title=f"Your {year}", text=f"No workouts in {year}.")
    parts = [
        f"{fmt.count(review.workouts, 'workout')} on {review.active_days} days",
        f"{fmt.distance(review.distance_m, unit)}",
        f"{fmt.duration(review.duration_s)} moving",
    ]
    text = f"Your {year}{'' if review.complete else ' so far'}: " + ", ".join(parts) + "."
    best = review.best_month
    if best is not None:
        text += (
            f" Best month: {best.start:%B} ({fmt.distance(best.totals.distance_m, unit)}, "
            f"{fmt.count(best.totals.count, 'workout')})."
        )
    streak = review.longest_daily_streak
    if streak.length > 1:
        text += f" Longest streak: {streak.length} days in a row, from {streak.start}."
    text += f" Consistency over the year: {review.consistency:.0f}/100."
    if review.records:
        text += f" {fmt.count(len(review.records), 'record')} set."
    if review.events:
        text += " Life events: " + ", ".join(f"{e.name} ({e.date})" for e in review.events) + "."
    rows = tuple(
        (
            fmt.label(t.label, plural=True, names=ctx.names),
            str(t.count),
            fmt.distance(t.distance_m, unit),
            fmt.duration(t.duration_s),
        )
        for t in review.classes
    )
    chart = draw.year_chart(review, unit=unit, names=ctx.names)
    return Reply(
        title=f"Your {year} in review",
        text=text,
        table=Table(("class", "workouts", "distance", "time"), rows),
        charts=(chart,),
    )
