"""Route answers: one workout's map, and a heatmap of every route in a range."""

from __future__ import annotations

import pandas as pd

from analytics.charts.routes import route_map, routes_heatmap
from bot import wording as fmt
from bot.answers.common import no_data, rows_in
from bot.answers.workout_ref import find_workouts
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


def answer_map(query: Query, ctx: Context) -> Reply:
    """The route of one workout, drawn on a plain canvas with a scale bar."""
    if ctx.frame.empty:
        return no_data()
    found = find_workouts(ctx.frame, query.workout)
    for _, row in found.iterrows():
        stored = track_of(ctx.engine, ctx.owner_key, int(row["id"]))
        if stored is not None:
            return _map_reply(stored, row, ctx.units, ctx.names)
    ids = ", ".join(str(int(i)) for i in found["id"].head(5))
    return error_reply(f"no route recorded for workout {ids}.", hint=NO_TRACKS_HINT)


def answer_routes(query: Query, ctx: Context) -> Reply:
    """Every route of a range (and class) overlaid: the streets used most stand out."""
    if ctx.frame.empty:
        return no_data()
    rows = rows_in(ctx.frame, query.period)
    if query.label:
        rows = rows[rows["label"] == query.label]
    when = query.period.phrase if query.period else "overall"
    noun = fmt.label(query.label, names=ctx.names) if query.label else "workout"
    what = fmt.label(query.label, plural=True, names=ctx.names) if query.label else "workouts"
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
    chart = routes_heatmap(
        [_points(t) for t in shown], title=f"Routes of {what} {when}", units=ctx.units
    )
    counted = f"{fmt.count(len(shown), 'route')} of {fmt.count(len(rows), noun)}"
    text = f"{counted} {when} ({start} to {end})."
    if len(shown) < len(routes):
        text += f" The {len(shown):,} most recent of {len(routes):,} are drawn."
    return Reply(title=f"Routes {when}", text=text, charts=(chart,))


def _map_reply(stored: StoredTrack, row: pd.Series, units: str, names) -> Reply:
    label = (
        fmt.label(row["label"], names=names)
        if isinstance(row.get("label"), str)
        else row["activity_type"]
    )
    title = f"Workout {stored.workout_id}: {label}, {stored.workout_date:%Y-%m-%d}"
    chart = route_map(_points(stored), title=title, units=units)
    text = f"{len(stored.track):,} track points; {chart.alt}"
    return Reply(title=title, text=text, charts=(chart,), personal=True)


def _points(stored: StoredTrack) -> pd.DataFrame:
    track = stored.track
    return pd.DataFrame(
        {"lat": track.lat, "lon": track.lon, "ele": track.ele, "seconds": track.seconds}
    )
