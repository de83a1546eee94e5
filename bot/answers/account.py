"""Answers about the asker's own data and settings: why, label, model, events, units."""

from __future__ import annotations

from collections.abc import Mapping

from analytics.charts import classification_scatter
from analytics.classifier.explain import explain
from analytics.frame import LABELS
from bot import wording as fmt
from bot.answers.common import no_data
from bot.answers.workout_ref import find_workouts
from bot.classification import load_classified
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, Table, error_reply
from etl.db.corrections import set_label
from etl.db.life_events import OTHER, add_event, remove_event
from etl.db.owners import set_owner_units

SHOWN_SAME_DAY = 5


def answer_why(query: Query, ctx: Context) -> Reply:
    """Why a workout got its label, with the numbers."""
    if ctx.frame.empty:
        return no_data()
    found = find_workouts(ctx.frame, query.workout).head(SHOWN_SAME_DAY)
    lines = [
        f"• workout {int(row['id'])} ({row['workout_date']:%Y-%m-%d}, "
        f"{row['activity_type']}): {_explained(row, ctx)}"
        for _, row in found.iterrows()
    ]
    first = found.iloc[0]
    text = "\n".join(lines)
    claimed = query.workout.label if query.workout else None
    if claimed and first["label"] != claimed:
        text = f"It was not labelled {fmt.a(fmt.label(claimed, names=ctx.names))}.\n" + text
    return Reply(title=f"Why workout {int(first['id'])}", text=text, personal=True)


def _explained(row, ctx: Context) -> str:
    return explain(row, ctx.classified.model, unit=ctx.units, names=ctx.names).sentence


def answer_label(query: Query, ctx: Context) -> Reply:
    """Set the asker's own label on one of their workouts; it wins from now on."""
    if ctx.frame.empty:
        return no_data()
    found = find_workouts(ctx.frame, query.workout)
    if len(found) > 1:
        ids = ", ".join(str(int(i)) for i in found["id"])
        return error_reply(
            f"{len(found)} workouts that day ({ids}): label one by its id, "
            f"e.g. `label {int(found['id'].iloc[0])} {query.new_label}`."
        )
    workout_id = int(found["id"].iloc[0])
    before = found["label"].iloc[0]
    set_label(ctx.engine, ctx.owner_key, workout_id, query.new_label, source="user")
    ctx.forget()
    changed = int((ctx.frame["method"] == "like_correction").sum())
    now, was = (fmt.label(x, names=ctx.names) for x in (query.new_label, before))
    text = (
        f"Workout {workout_id} is now {fmt.a(now).replace(now, '*' + now + '*')}"
        f" (was {was}). "
        f"Your label always wins; the model retrained on it (v{ctx.classified.version})"
        + (f" and {changed} similar workouts follow your labels." if changed else ".")
    )
    return Reply(title="Label saved", text=text, personal=True)


def answer_model(query: Query, ctx: Context) -> Reply:
    """The classifier model in use (or retrain it first)."""
    if ctx.frame.empty:
        return no_data()
    if query.action == "retrain":
        ctx._classified = load_classified(ctx.engine, ctx.owner_key, force_retrain=True)
    classified = ctx.classified
    model = classified.model
    metrics = dict(model.metrics)
    rows = tuple(
        (
            fmt.label(c.label, names=ctx.names),
            fmt.pace(c.pace_s_per_km, ctx.units),
            fmt.distance(c.distance_m, ctx.units),
            str(c.size),
            f"{c.weight:.2f}",
        )
        for c in model.components
    )
    silhouette = metrics.get("silhouette")
    facts = (
        ("version", f"v{classified.version}" + (" (just trained)" if classified.retrained else "")),
        ("kind", str(metrics.get("kind", "-")).replace("_", " ")),
        ("trained on", f"{model.training_size} workouts"),
        ("silhouette", "-" if silhouette is None else f"{silhouette:.2f}"),
        ("anchors from your labels", str(metrics.get("anchors", 0))),
    )
    counts = classified.frame["label"].value_counts()
    text = ", ".join(
        f"{n:,} {fmt.label(k, plural=n != 1, names=ctx.names)}" for k, n in counts.items()
    )
    return Reply(
        title=f"Classifier model v{classified.version}",
        text=f"Your history as the model sees it: {text}.",
        facts=facts,
        table=Table(("cluster", "centre pace", "centre distance", "workouts", "weight"), rows)
        if rows
        else None,
        charts=(classification_scatter(classified.frame, model, unit=ctx.units, names=ctx.names),),
    )


def answer_events(query: Query, ctx: Context) -> Reply:
    """List, add or remove the asker's life events."""
    if query.action == "add":
        before = ctx.names
        # "other" is what an unspecified kind reads as: moving an event keeps the kind it has.
        kind = None if query.event_kind in (None, OTHER) else query.event_kind
        new = add_event(ctx.engine, ctx.owner_key, query.event_name, query.event_date, kind=kind)
        ctx.forget()  # a dog event changes the class names
        verb = "Added" if new else "Moved"
        return Reply(
            title="Life event saved",
            text=f"{verb} *{query.event_name}* on {query.event_date}. "
            + _renamed(before, ctx.names)
            + "Try `choco-effect` to see what changed.",
            personal=True,
        )
    if query.action == "remove":
        before = ctx.names
        gone = remove_event(ctx.engine, ctx.owner_key, query.event_name)
        ctx.forget()
        text = (
            f"Removed *{query.event_name}*. {_renamed(before, ctx.names)}".rstrip()
            if gone
            else f"No event called {query.event_name}."
        )
        return Reply(title="Life events", text=text, personal=True)
    events = ctx.events()
    if events.empty:
        return Reply(
            title="Life events",
            text="No life events yet. Add one with `events add 2018-06-01 Choco arrives`.",
            personal=True,
        )
    rows = tuple((str(d), n) for n, d in zip(events["name"], events["event_date"]))
    return Reply(
        title="Life events",
        text=f"{fmt.count(len(rows), 'life event')}.",
        table=Table(("date", "event"), rows),
        personal=True,
    )


def _renamed(before: Mapping[str, str], after: Mapping[str, str]) -> str:
    """ "Your walks are now called dog walks. " when an event changed a class's name, else ""."""
    return "".join(
        f"Your {fmt.label(code, plural=True, names=before)} are now called "
        f"{fmt.label(code, plural=True, names=after)}. "
        for code in LABELS
        if fmt.label(code, names=before) != fmt.label(code, names=after)
    )


def answer_units(query: Query, ctx: Context) -> Reply:
    """Show or set miles or kilometres."""
    if query.unit is None:
        return Reply(
            title="Units", text=f"Answers use *{ctx.units}*. Change with `units km`.", personal=True
        )
    set_owner_units(ctx.engine, ctx.owner_key, query.unit)
    ctx.forget()
    return Reply(
        title="Units saved", text=f"From now on answers use *{query.unit}*.", personal=True
    )
