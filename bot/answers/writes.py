"""Changes asked for in words: label a workout, add, move or remove a life event, set units.

A change is first *planned*: the workout or event it names is found, what would change is said
in words, and both the change and its inverse are written down as plain data. The conversation
(bot/conversation.py) echoes the plan and waits for a yes before it :func:`perform`s it, and
keeps the inverse for `undo`; a command typed as a command is performed at once (and can be
undone too). Nothing here changes anything until :func:`perform` runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from bot import wording as fmt
from bot.answers.common import no_data
from bot.answers.goals import goal_words, goals_reply
from bot.answers.workout_ref import WorkoutNotFound, find_workouts
from bot.classification import Reach, preview_label
from bot.context import Context
from bot.language.query import Query
from bot.reply import Button, Reply
from etl.db.corrections import label_of, remove_label, set_label
from etl.db.goals import goals_frame, remove_goal, set_goal
from etl.db.life_events import OTHER, add_event, remove_event
from etl.db.owners import owner_units, set_owner_units
from etl.errors import WorkoutsError

EVENT_NAME_LIKENESS = 85  # "remove the event new jobb" finds "New job"; less alike is not it


@dataclass(frozen=True)
class Change:
    """A planned change: what it does in words, and as data to perform and to undo."""

    summary: str  # "label workout 1234 (Sat 3 May 2025, a walk of 3.1 km) as a run"
    do: dict
    undo: dict
    bulk: bool = False  # it moves many other workouts too: confirmed first, even as a command

    def to_dict(self) -> dict:
        """JSON-ready, for the conversation store."""
        return {"summary": self.summary, "do": self.do, "undo": self.undo, "bulk": self.bulk}

    @classmethod
    def from_dict(cls, data: dict) -> Change:
        """The change written by :meth:`to_dict`."""
        return cls(data["summary"], data["do"], data["undo"], data.get("bulk", False))


class NothingToChange(WorkoutsError):
    """The change asked for is already so ("workout 12 is already a run")."""


def plan(query: Query, ctx: Context) -> Change:
    """The change ``query`` asks for, checked against the asker's data; raises a WorkoutsError
    saying why when it cannot be made (no such workout, no event of that name)."""
    if query.kind == "label":
        return _plan_label(query, ctx)
    if query.kind == "events":
        return _plan_event(query, ctx)
    if query.kind == "units":
        return _plan_units(query, ctx)
    if query.kind == "goal":
        return _plan_goal(query, ctx)
    raise WorkoutsError(f"{query.kind} is not a change I can make here.")


def answer_change(query: Query, ctx: Context) -> Reply:
    """Plan and perform at once: commands (``label 1234 walk``) say exactly what to do."""
    if query.kind == "label" and ctx.frame.empty:
        return no_data()
    try:
        change = plan(query, ctx)
    except NothingToChange as exc:
        return Reply(title="Nothing to change", text=_sentence(str(exc)), personal=True)
    if change.bulk:  # one question, no conversation to say yes in: say what it would do
        return Reply(
            title="Not done: it reaches far",
            text=_sentence(f"I would {change.summary}")
            + " Ask in the chat (or Slack) to be asked for a yes first.",
            personal=True,
        )
    return perform(change.do, ctx)


def perform(action: dict, ctx: Context) -> Reply:
    """Carry out one planned action (a change, or the inverse of one) and say what happened."""
    what = action["action"]
    if what in ("set_goal", "remove_goal"):
        return _perform_goal(action, ctx)
    if what == "set_label":
        return _set_label(action, ctx)
    if what == "remove_label":
        remove_label(ctx.engine, ctx.owner_key, action["workout"])
        ctx.forget()
        return Reply(
            title="Label removed",
            text=f"Workout {action['workout']} is the model's to label again: now "
            f"{fmt.a(fmt.label(_label_now(action['workout'], ctx), names=ctx.names))}.",
            personal=True,
        )
    if what in ("add_event", "remove_event"):
        return _event_action(action, ctx)
    if what == "units":
        set_owner_units(ctx.engine, ctx.owner_key, action["unit"])
        ctx.forget()
        return Reply(
            title="Units saved", text=f"From now on answers use *{ctx.units}*.", personal=True
        )
    raise WorkoutsError(f"unknown change {what!r}")


# --- Labels ----------------------------------------------------------------------------------


def _plan_label(query: Query, ctx: Context) -> Change:
    row = _one_workout(query, ctx)
    workout_id = int(row["id"])
    now = fmt.label(row["label"], names=ctx.names)
    described = (
        f"workout {workout_id} ({row['workout_date']:%a %d %b %Y}, "
        f"{fmt.a(now)} of {fmt.distance(row['distance_m'], ctx.units)})"
    )
    before = label_of(ctx.engine, ctx.owner_key, workout_id)
    restore = (
        {"action": "set_label", "workout": workout_id, **before}
        if before
        else {"action": "remove_label", "workout": workout_id}
    )
    if query.action == "remove":
        if before is None:
            raise NothingToChange(
                f"you never labelled workout {workout_id}; the model's label ({now}) stands"
            )
        return Change(
            f"forget your label on {described}: the model labels it again",
            {"action": "remove_label", "workout": workout_id},
            {"action": "set_label", "workout": workout_id, **before},
        )
    if query.new_label is None:
        raise WorkoutsError("say what it should be: run, walk, run-walk, ride, swim or outlier.")
    new = fmt.label(query.new_label, names=ctx.names)
    if before is not None and before["label"] == query.new_label:
        raise NothingToChange(f"workout {workout_id} is already {fmt.a(new)}, by your label")
    reach = preview_label(ctx.classified, ctx.engine, ctx.owner_key, workout_id, query.new_label)
    others = len(reach.changes)
    bulk = others > ctx.classified.model.params.bulk_change
    summary = f"label {described} as {fmt.a(new)}"
    if others:
        summary += (
            f"; {fmt.count(others, 'other workout')} would change with it ({_moves(reach, ctx)})"
        )
    return Change(
        summary,
        {"action": "set_label", "workout": workout_id, "label": query.new_label, "source": "user"},
        restore,
        bulk=bulk,
    )


def _moves(reach: Reach, ctx: Context) -> str:
    """ "3 runs to walks, 1 walk to a run-walk" """
    parts = []
    for (before, after), n in sorted(reach.moves().items(), key=lambda item: -item[1]):
        was = fmt.label(before, names=ctx.names)
        now = fmt.label(after, plural=n != 1, names=ctx.names)
        parts.append(f"{fmt.count(n, was)} to {now if n != 1 else fmt.a(now)}")
    return ", ".join(parts)


def _one_workout(query: Query, ctx: Context):
    """The one workout ``query`` names: by id, or by day and the class it has now."""
    if ctx.frame.empty:
        raise WorkoutNotFound("you have no workouts yet.")
    found = find_workouts(ctx.frame, query.workout)
    ref = query.workout
    if len(found) > 1 and ref.label is not None:
        same = found[found["label"] == ref.label]
        found = same if len(same) else found
    if len(found) > 1:
        ids = ", ".join(
            f"{int(i)} ({fmt.label(label, names=ctx.names)})"
            for i, label in zip(found["id"], found["label"])
        )
        said = fmt.label(query.new_label, names=ctx.names) if query.new_label else "run"
        example = f"label {int(found['id'].iloc[0])} {said}"
        raise WorkoutsError(
            f"{len(found)} workouts that day: {ids}. Say which by its id, e.g. `{example}`."
        )
    return found.iloc[0]


def _set_label(action: dict, ctx: Context) -> Reply:
    workout_id = action["workout"]
    was = _label_now(workout_id, ctx)
    before = ctx.frame.set_index("id")["label"]
    set_label(ctx.engine, ctx.owner_key, workout_id, action["label"], source=action["source"])
    ctx.forget()
    after = ctx.frame.set_index("id")["label"]
    moved = [
        (int(i), before[i], after[i])
        for i in after.index
        if i in before.index and before[i] != after[i] and i != workout_id
    ]
    new = fmt.label(action["label"], names=ctx.names)
    text = (
        f"Workout {workout_id} is now {fmt.a(new).replace(new, f'*{new}*')} "
        f"(was {fmt.label(was, names=ctx.names)}). "
        f"Your label always wins; the model retrained on it (v{ctx.classified.version})"
    )
    if moved:
        text += f", and {fmt.count(len(moved), 'other workout')} changed with it "
        text += f"({_moves(Reach(tuple(moved)), ctx)})"
    text += ". Say *undo* to take it back."
    return Reply(title="Label saved", text=text, personal=True, buttons=(Button("Undo", "undo"),))


# --- Goals ------------------------------------------------------------------------------------


def _plan_goal(query: Query, ctx: Context) -> Change:
    """Set a goal (replacing one of the same kind, period and classes) or drop one."""
    goals = goals_frame(ctx.engine, ctx.owner_key)
    classes = ",".join(query.classes)
    if query.action == "remove":
        mine = goals[goals["classes"] == classes] if query.classes else goals
        if mine.empty:
            raise NothingToChange("you have no such goal")
        if len(mine) > 1:
            said = "; ".join(_goal_said(row, ctx) for _, row in mine.iterrows())
            raise WorkoutsError(f"which goal? You have: {said}. Say e.g. _drop my running goal_.")
        row = mine.iloc[0]
        keys = {"kind": row["kind"], "period": row["period"], "classes": row["classes"]}
        return Change(
            f"drop your goal of {_goal_said(row, ctx)}",
            {"action": "remove_goal", **keys},
            {"action": "set_goal", **keys, "target": float(row["target"])},
        )
    if query.target is None or query.measure not in ("distance", "count", "duration"):
        raise WorkoutsError(
            "say the goal with a number and a period, e.g. _goal 20 km a week of running_."
        )
    period = query.by if query.by in ("week", "month", "year") else "week"
    keys = {"kind": query.measure, "period": period, "classes": classes}
    said = goal_words(query.measure, query.target, period, query.classes, ctx, query.unit)
    same = goals[
        (goals["kind"] == query.measure)
        & (goals["period"] == period)
        & (goals["classes"] == classes)
    ]
    if not same.empty and abs(float(same.iloc[0]["target"]) - query.target) < 1e-6:
        raise NothingToChange(f"your goal is already {said}")
    undo = (
        {"action": "set_goal", **keys, "target": float(same.iloc[0]["target"])}
        if not same.empty
        else {"action": "remove_goal", **keys}
    )
    return Change(
        f"set your goal: {said}", {"action": "set_goal", **keys, "target": query.target}, undo
    )


def _goal_said(row, ctx: Context) -> str:
    labels = tuple(c for c in str(row["classes"] or "").split(",") if c)
    return goal_words(row["kind"], float(row["target"]), row["period"], labels, ctx)


def _perform_goal(action: dict, ctx: Context) -> Reply:
    classes = action["classes"]
    if action["action"] == "set_goal":
        set_goal(
            ctx.engine, ctx.owner_key, action["kind"], action["target"], action["period"], classes
        )
    else:
        remove_goal(ctx.engine, ctx.owner_key, action["kind"], action["period"], classes)
    progress = goals_reply(ctx)
    verb = "Goal saved." if action["action"] == "set_goal" else "Goal dropped."
    return Reply(
        title="Goals",
        text=f"{verb} Say *undo* to take it back.\n{progress.text}",
        personal=True,
        buttons=(Button("Undo", "undo"),),
    )


def _label_now(workout_id: int, ctx: Context) -> str:
    found = ctx.frame[ctx.frame["id"] == workout_id]
    return found["label"].iloc[0] if len(found) else "other"


# --- Life events -----------------------------------------------------------------------------


def _plan_event(query: Query, ctx: Context) -> Change:
    events = ctx.events()
    if query.action == "remove":
        name = _stored_name(query.event_name, events)
        row = events[events["name"] == name].iloc[0]
        return Change(
            f"remove the life event *{name}* ({row['event_date']})",
            {"action": "remove_event", "name": name},
            _event_back(row),
        )
    if not query.event_name:
        raise WorkoutsError(
            "say what happened and when, e.g. `add an event: started marathon training on "
            "2019-01-15`."
        )
    if query.event_date is None:
        raise WorkoutsError(f"say when *{query.event_name}* happened, e.g. on 2019-01-15.")
    if query.event_date > ctx.today:
        raise WorkoutsError(
            f"{query.event_date} is still to come; a life event is something that happened."
        )
    kind = None if query.event_kind in (None, OTHER) else query.event_kind
    same = events[events["name"].str.casefold() == query.event_name.casefold()]
    do = {"action": "add_event", "name": query.event_name, "date": query.event_date.isoformat()}
    do["kind"] = kind
    if same.empty:
        kind_said = f" (a {kind.replace('_', ' ')} event)" if kind else ""
        return Change(
            f"add the life event *{query.event_name}* on {query.event_date}{kind_said}",
            do,
            {"action": "remove_event", "name": query.event_name},
        )
    row = same.iloc[0]
    do["name"] = row["name"]
    if row["event_date"] == query.event_date and kind in (None, row["kind"]):
        raise NothingToChange(f"*{row['name']}* is already on {row['event_date']}")
    return Change(
        f"move the life event *{row['name']}* from {row['event_date']} to {query.event_date}",
        do,
        _event_back(row),
    )


def _event_back(row) -> dict:
    """The action that puts an event back as ``row`` has it."""
    return {
        "action": "add_event",
        "name": row["name"],
        "date": str(row["event_date"]),
        "kind": row["kind"],
    }


def _stored_name(said: str | None, events) -> str:
    """The stored event ``said`` means: the same name in any case, or the one most like it."""
    if not said:
        raise WorkoutsError("say which event to remove, e.g. `remove the event New job`.")
    names = list(events["name"]) if not events.empty else []
    for name in names:
        if name.casefold() == said.casefold():
            return name
    best = process.extractOne(said.casefold(), [n.casefold() for n in names], scorer=fuzz.ratio)
    if best is not None and best[1] >= EVENT_NAME_LIKENESS:
        return names[best[2]]
    listed = ", ".join(names) if names else "none yet"
    raise WorkoutsError(f"no life event called *{said}* (yours: {listed}).")


def _event_action(action: dict, ctx: Context) -> Reply:
    before = ctx.names
    name = action["name"]
    if action["action"] == "remove_event":
        gone = remove_event(ctx.engine, ctx.owner_key, name)
        ctx.forget()  # a dog event changes the class names
        text = f"Removed *{name}*." if gone else f"No life event called *{name}*; nothing changed."
        return Reply(title="Life events", text=f"{text} {_renamed(before, ctx.names)}".strip())
    day = date.fromisoformat(action["date"])
    new = add_event(ctx.engine, ctx.owner_key, name, day, kind=action.get("kind"))
    ctx.forget()
    verb = "Added" if new else "Moved"
    return Reply(
        title="Life event saved",
        text=f"{verb} *{name}* on {day}. {_renamed(before, ctx.names)}"
        f"Try `choco-effect {name}` to see what changed.",
        personal=True,
    )


def _renamed(before, after) -> str:
    """ "Your walks are now called dog walks. " when an event changed a class's name, else ""."""
    return "".join(
        f"Your {fmt.label(code, plural=True, names=before)} are now called "
        f"{fmt.label(code, plural=True, names=after)}. "
        for code in before
        if before[code] != after.get(code, before[code])
    )


# --- Units -----------------------------------------------------------------------------------


def _plan_units(query: Query, ctx: Context) -> Change:
    if query.unit is None:
        raise WorkoutsError("say which: `units km` or `units mi`.")
    chosen = owner_units(ctx.engine, ctx.owner_key)
    if chosen == query.unit:
        raise NothingToChange(f"answers already use {query.unit}")
    word = "kilometres" if query.unit == "km" else "miles"
    return Change(
        f"answer in {word} ({query.unit}) from now on, instead of {ctx.units}",
        {"action": "units", "unit": query.unit},
        {"action": "units", "unit": chosen},
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
