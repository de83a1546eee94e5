"""Answers about the asker's own data and settings: why, label, model, events, units."""

from __future__ import annotations

from analytics import charts as draw
from analytics.classifier.explain import explain
from analytics.frame import OUTLIER, RUN, RUN_WALK, WALK
from bot import wording as fmt
from bot.answers.common import no_data
from bot.answers.explore import not_used, with_output
from bot.answers.goals import goals_reply
from bot.answers.routes import picked_workout, picks
from bot.answers.workout_ref import find_workouts
from bot.answers.writes import answer_change
from bot.classification import load_classified
from bot.context import Context
from bot.language.query import Query
from bot.reply import Button, Reply, Row, Table
from etl.db.corrections import corrections_frame

SHOWN_SAME_DAY = 5


def answer_why(query: Query, ctx: Context) -> Reply:
    """Why a workout got its label, with the numbers in the unit asked: the workout named (an
    id, a day), or the one a question picks ("why was my longest run this year a run?"); with
    the chart of every workout and the model's clusters when asked for a chart."""
    if ctx.frame.empty:
        return no_data()
    unit = query.unit or ctx.units
    said = ""
    if query.workout is None and picks(query):
        row, said = picked_workout(query, ctx)
        found = ctx.frame[ctx.frame["id"] == row["id"]]
    else:
        found = find_workouts(ctx.frame, query.workout).head(SHOWN_SAME_DAY)
    lines = [
        f"• workout {int(row['id'])} ({row['workout_date']:%Y-%m-%d}, "
        f"{row['activity_type']}): {_explained(row, ctx, unit)}"
        for _, row in found.iterrows()
    ]
    first = found.iloc[0]
    text = "\n".join(lines)
    if said:
        text = f"{said}:\n{text}"
    claimed = query.workout.label if query.workout else None
    if claimed and first["label"] != claimed:
        text = f"It was not labelled {fmt.a(fmt.label(claimed, names=ctx.names))}.\n" + text
    charts = ()
    if query.output == "chart":
        model = ctx.classified.model
        charts = (draw.classification_scatter(ctx.frame, model, unit=unit, names=ctx.names),)
        text += "\nThe chart shows every workout's pace and distance, with the model's clusters."
    elif query.output in ("csv", "json"):
        text += f"\nThere is no table here to give as {query.output.upper()}; try `export`."
    workout = int(first["id"])
    wrong = Button(
        "This is wrong",
        f"label {workout}",
        form="relabel",
        fill=(("workout", str(workout)), ("label", str(first["label"]))),
    )
    buttons = (wrong,) if str(first["label"]) in RELABEL_CHOICES else ()
    return Reply(
        title=f"Why workout {workout}",
        text=text,
        charts=charts,
        personal=True,
        buttons=buttons,
    )


# The classes a click can correct a foot workout to, in the order offered.
RELABEL_CHOICES = (RUN, WALK, RUN_WALK, OUTLIER)
REVIEWED = 10


def _relabel_row(row, ctx: Context, unit: str) -> Row:
    """One workout with a button per class: a click labels it so."""
    workout = int(row["id"])
    text = (
        f"workout {workout} ({row['workout_date']:%a %d %b %Y}, {row['activity_type']}): "
        f"{fmt.a(fmt.label(row['label'], names=ctx.names))} of "
        f"{fmt.distance(row['distance_m'], unit)}, confidence {float(row['confidence']):.2f}"
    )
    buttons = tuple(
        Button(
            fmt.label(code, names=ctx.names).capitalize(),
            f"label {workout} {code.replace('_', '-')}",
            "primary" if code == row["label"] else "",
        )
        for code in RELABEL_CHOICES
    )
    return Row(text, buttons)


def _choose(query: Query, ctx: Context) -> Reply:
    """ "label 1234" with no class (or "This is wrong" in the terminal): the choices."""
    if ctx.frame.empty:
        return no_data()
    found = find_workouts(ctx.frame, query.workout)
    row = found.iloc[0]
    return Reply(
        title=f"What was workout {int(row['id'])}?",
        text="Pick its class; your label always wins.",
        personal=True,
        rows=(_relabel_row(row, ctx, query.unit or ctx.units),),
    )


def _review(ctx: Context, unit: str) -> Reply:
    """The workouts the model is least sure of, each with a button per class."""
    frame = ctx.frame
    open_ = frame[frame["label"].isin(RELABEL_CHOICES) & (frame["method"] != "user")]
    unsure = open_.nsmallest(REVIEWED, "confidence")
    if unsure.empty:
        return Reply(
            title="Labels to check",
            text="Nothing to check: you labelled every workout on foot yourself.",
            personal=True,
        )
    rows = tuple(_relabel_row(row, ctx, unit) for _, row in unsure.iterrows())
    return Reply(
        title="Labels to check",
        text=f"The {fmt.count(len(rows), 'workout')} I am least sure of, least sure first. "
        "A click saves your label (it always wins) and says what else changed with it.",
        personal=True,
        rows=rows,
    )


def _explained(row, ctx: Context, unit: str) -> str:
    return explain(row, ctx.classified.model, unit=unit, names=ctx.names).sentence


def answer_goal(query: Query, ctx: Context) -> Reply:
    """Set or drop a goal (a change: planned, confirmed, undoable), or the goals' progress."""
    if query.action in (None, "list", "show"):
        return goals_reply(ctx)
    return answer_change(query, ctx)


def answer_label(query: Query, ctx: Context) -> Reply:
    """Set or forget the asker's own label on one of their workouts (it wins from now on), or
    list the labels they set."""
    if query.action == "list":
        return _corrections(ctx)
    if query.action == "review":
        return no_data() if ctx.frame.empty else _review(ctx, query.unit or ctx.units)
    if query.action == "choose":
        return _choose(query, ctx)
    return answer_change(query, ctx)


def _corrections(ctx: Context) -> Reply:
    found = corrections_frame(ctx.engine, ctx.owner_key)
    if found.empty:
        return Reply(
            title="Your labels",
            text="You have not labelled any workout; the model decides every class. "
            "Correct one with e.g. `mark yesterday's walk as a run`.",
            personal=True,
        )
    days = dict(zip(ctx.frame["id"], ctx.frame["workout_date"]))
    rows = tuple(
        (
            str(int(w)),
            f"{days[w]:%Y-%m-%d}" if w in days else "-",
            fmt.label(label, names=ctx.names),
            f"{made:%Y-%m-%d}",
        )
        for w, label, made in zip(found["workout_id"], found["label"], found["created_at"])
    )
    return Reply(
        title="Your labels",
        text=f"{fmt.count(len(rows), 'workout')} labelled by you; your label always wins. "
        "`forget my label on <id>` hands one back to the model.",
        table=Table(("workout", "date", "your label", "set on"), rows),
        personal=True,
    )


def answer_model(query: Query, ctx: Context) -> Reply:
    """The classifier model in use (or retrain it first), in the unit asked. The model is one
    for all the asker's workouts: a class, period or other selection is said back unused."""
    if ctx.frame.empty:
        return no_data()
    unit = query.unit or ctx.units
    if query.action == "retrain":
        ctx._classified = load_classified(ctx.engine, ctx.owner_key, force_retrain=True)
    classified = ctx.classified
    model = classified.model
    metrics = dict(model.metrics)
    rows = tuple(
        (
            fmt.label(c.label, names=ctx.names),
            fmt.pace(c.pace_s_per_km, unit),
            fmt.distance(c.distance_m, unit),
            str(c.size),
            f"{c.weight:.2f}",
        )
        for c in model.components
    )
    split = model.split_pace_s_per_km
    facts = (
        ("version", f"v{classified.version}" + (" (just trained)" if classified.retrained else "")),
        ("kind", str(metrics.get("kind", "-")).replace("_", " ")),
        ("trained on", f"{model.training_size} workouts"),
        ("runs and walks part at", "-" if split is None else fmt.pace(split, unit)),
        (
            "clusters named by",
            "your recorded types" if metrics.get("named_by") == "types" else "your pace gaps",
        ),
        ("recorded types", _types_fact(model)),
    )
    counts = classified.frame["label"].value_counts()
    text = ", ".join(
        f"{n:,} {fmt.label(k, plural=n != 1, names=ctx.names)}" for k, n in counts.items()
    )
    text = f"Your history as the model sees it: {text}. {_corrections_text(classified, ctx)}"
    everything = "the model is trained on all your workouts and labels each of them"
    notes = not_used(query, ctx, dict.fromkeys(_SELECTING, everything))
    reply = Reply(
        title=f"Classifier model v{classified.version}",
        text=" ".join(x for x in (text, notes) if x),
        facts=facts,
        table=Table(("cluster", "centre pace", "centre distance", "workouts", "weight"), rows)
        if rows
        else None,
        charts=(draw.classification_scatter(classified.frame, model, unit=unit, names=ctx.names),),
    )
    return with_output(reply, query, "model")


def _types_fact(model) -> str:
    """How far the owner's recorded types count, in words."""
    types = model.types
    if types.agreement is None:
        return f"not weighed (only {types.runs_typed + types.walks_typed:,} typed, one kind)"
    weight = "weighed" if types.reliable else "not weighed"
    return f"{weight}: they agree with your paces {types.agreement:.0%} of the time"


def _corrections_text(classified, ctx: Context) -> str:
    """The owner's corrections and how many workouts follow each ("reach")."""
    frame = classified.frame
    mine = frame[frame["method"] == "user"]
    if mine.empty:
        return "You have corrected no labels."
    followers = frame[frame["method"] == "like_correction"]["detail"].value_counts()
    parts = []
    for _, row in mine.head(10).iterrows():
        reach = int(followers.get(str(int(row["id"])), 0))
        label = fmt.label(row["label"], names=ctx.names)
        parts.append(f"workout {int(row['id'])} as {fmt.a(label)} ({reach} following)")
    more = f" and {len(mine) - 10} more" if len(mine) > 10 else ""
    return f"Your corrections: {'; '.join(parts)}{more}."


# The classes asked are not among them: the answer describes every class, theirs included.
_SELECTING = ("measure", "aggregate", "by", "activity", "band", "periods")


def answer_events(query: Query, ctx: Context) -> Reply:
    """List the asker's life events, or add, move or remove one."""
    if query.action in ("add", "remove"):
        return answer_change(query, ctx)
    events = ctx.events()
    if events.empty:
        return Reply(
            title="Life events",
            text="No life events yet. Add one with `events add 2018-06-01 we got our dog Choco`"
            " (a dog event: from then on your walks are dog walks).",
            personal=True,
        )
    rows = tuple(
        (str(d), n, k.replace("_", " "))
        for n, d, k in zip(events["name"], events["event_date"], events["kind"])
    )
    return Reply(
        title="Life events",
        text=f"{fmt.count(len(rows), 'life event')}.",
        table=Table(("date", "event", "kind"), rows),
        personal=True,
    )


def answer_units(query: Query, ctx: Context) -> Reply:
    """Show or set miles or kilometres."""
    if query.unit is None:
        return Reply(
            title="Units", text=f"Answers use *{ctx.units}*. Change with `units km`.", personal=True
        )
    return answer_change(query, ctx)
