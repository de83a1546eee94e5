"""Route answers: one workout's map, and a heatmap of every route in a range."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analytics import charts as draw
from analytics.summary import summarize
from bot import wording as fmt
from bot.answers.common import how_many, no_data, period_when, singular, workouts_said
from bot.answers.explore import chosen_in, not_used
from bot.answers.workout_ref import WorkoutNotFound, find_workouts
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, error_reply
from etl.db.tracks import StoredTrack, track_of, tracks_between

# A heatmap of more routes than this draws the most recent ones (and says so).
MAX_ROUTES = 1500
NO_TRACKS_HINT = (
    "Routes come from files with GPS tracks: GPX, TCX or FIT files, a Strava export ZIP or an "
    "Apple Health export."
)


ONE_WORKOUT = ("best", "worst", "latest", "first")


def answer_map(query: Query, ctx: Context) -> Reply:
    """The route of one workout, drawn on a plain canvas with a scale bar: the workout named (an
    id, a day), or the one a question picks ("my longest run this year", "my last walk"); a
    map of several workouts ("map my runs in 2024") is their routes overlaid."""
    if ctx.frame.empty:
        return no_data()
    unit = query.unit or ctx.units
    if query.workout is None and query.aggregate not in ONE_WORKOUT and picks(query):
        return answer_routes(query, ctx)
    if query.workout is None and picks(query):
        row, said = picked_workout(query, ctx)
        stored = track_of(ctx.engine, ctx.owner_key, int(row["id"]))
        if stored is None:
            return error_reply(
                f"{said} (workout {int(row['id'])}, {row['workout_date']:%Y-%m-%d}) has no "
                "recorded route.",
                hint=NO_TRACKS_HINT,
            )
        reply = _map_reply(stored, row, unit, ctx.names)
        return replace(reply, text=f"{said}: {reply.text}")
    found = find_workouts(ctx.frame, query.workout)
    for _, row in found.iterrows():
        stored = track_of(ctx.engine, ctx.owner_key, int(row["id"]))
        if stored is not None:
            return _map_reply(stored, row, unit, ctx.names)
    ids = ", ".join(str(int(i)) for i in found["id"].head(5))
    return error_reply(f"no route recorded for workout {ids}.", hint=NO_TRACKS_HINT)


def picks(query: Query) -> bool:
    """Whether a query with no workout named still picks workouts (a class, a period, a
    best...)."""
    return bool(
        query.aggregate
        or query.measure
        or query.classes
        or query.activity
        or query.periods
        or query.min_distance_m is not None
        or query.max_distance_m is not None
    )


def picked_workout(query: Query, ctx: Context) -> tuple[pd.Series, str]:
    """The one workout a question picks without naming it ("my longest run this year", "my
    last walk"; the latest when it says no best or latest), as a summary would pick it, and
    how to say it ("Your longest run this year"). No such workout: a :class:`WorkoutNotFound`
    in words."""
    aggregate = query.aggregate if query.aggregate in ONE_WORKOUT else "latest"
    measure = None
    if aggregate in ("best", "worst"):
        ranked = query.measure not in (None, "count", "frequency")
        measure = query.measure if ranked else "distance"
    period = query.period
    result = summarize(
        ctx.frame,
        measure=measure or "count",
        aggregate=aggregate,
        start=period.start if period else None,
        end=period.end if period else None,
        labels=query.classes,
        activity=query.activity,
        min_distance_m=query.min_distance_m,
        max_distance_m=query.max_distance_m,
        today=ctx.today,
    )
    what = singular(workouts_said(query, ctx))
    when = f" {period_when(period)}" if period else ""
    if result.workout is None:
        raise WorkoutNotFound(f"you have no {what}{when} to pick one from.")
    return result.workout, f"Your {_PICKED[(aggregate, measure)]} {what}{when}"


_PICKED = {
    ("latest", None): "last",
    ("first", None): "first",
    ("best", "distance"): "longest",
    ("worst", "distance"): "shortest",
    ("best", "duration"): "longest (by time)",
    ("worst", "duration"): "shortest (by time)",
    ("best", "pace"): "fastest",
    ("worst", "pace"): "slowest",
    ("best", "calories"): "most calories burnt",
    ("worst", "calories"): "fewest calories burnt",
}


def answer_routes(query: Query, ctx: Context) -> Reply:
    """Every route of a range (and of the classes, activity and distance band asked) overlaid:
    the streets used most stand out."""
    if ctx.frame.empty:
        return no_data()
    rows = chosen_in(ctx.frame, query)
    unit = query.unit or ctx.units
    when = query.period.phrase if query.period else "overall"
    what = workouts_said(query, ctx)
    if rows.empty:
        return Reply(title=f"Routes {when}", text=f"No {what} {when}.")
    start, end = rows["workout_date"].min().date(), rows["workout_date"].max().date()
    wanted = set(rows["id"].astype(int))
    routes = [
        t for t in tracks_between(ctx.engine, ctx.owner_key, start, end) if t.workout_id in wanted
    ]
    if not routes:
        return error_reply(f"none of your {what} {when} has a recorded route.", hint=NO_TRACKS_HINT)
    shown = routes[-MAX_ROUTES:]
    chart = draw.routes_heatmap(
        [_points(t) for t in shown], title=f"Routes of {what} {when}", units=unit
    )
    counted = f"{fmt.count(len(shown), 'route')} of {how_many(len(rows), what)}"
    text = f"{counted} {when} ({start} to {end})."
    if len(shown) < len(routes):
        text += f" The {len(shown):,} most recent of {len(routes):,} are drawn."
    reasons = {
        "measure": "a routes map draws every route picked",
        "aggregate": "a routes map draws every route picked",
        "by": "a routes map draws every route picked",
    }
    if len(query.periods) > 1:
        reasons["periods"] = "a routes map draws one period; I used the first"
    notes = not_used(query, ctx, reasons)
    if query.output in ("csv", "json"):
        notes += f" Routes come as a picture, not {query.output.upper()}."
    return Reply(title=f"Routes {when}", text=f"{text} {notes}".strip(), charts=(chart,))


def _map_reply(stored: StoredTrack, row: pd.Series, units: str, names) -> Reply:
    label = (
        fmt.label(row["label"], names=names)
        if isinstance(row.get("label"), str)
        else row["activity_type"]
    )
    title = f"Workout {stored.workout_id}: {label}, {stored.workout_date:%Y-%m-%d}"
    chart = draw.route_map(_points(stored), title=title, units=units)
    text = f"{len(stored.track):,} track points; {chart.alt}"
    return Reply(title=title, text=text, charts=(chart,), personal=True)


def _points(stored: StoredTrack) -> pd.DataFrame:
    track = stored.track
    return pd.DataFrame(
        {"lat": track.lat, "lon": track.lon, "ele": track.ele, "seconds": track.seconds}
    )
