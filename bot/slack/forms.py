"""Forms as Slack modals: name a life event, schedule a briefing, relabel a workout.

A reply's button with a ``form`` opens that form's modal (``views.open`` with the click's
trigger id). Its submission is read and checked here, field by field (a wrong field is shown in
the modal, which stays open); a good one becomes what the form asks for: a query carried out at
once in the conversation the button was in (submitting the form is the yes), or a briefing
command. Each form is declared once: its title, fields, and how its values are read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.language.intent import WorkoutRef
from bot.language.query import Query
from bot.slack.blocks import clip
from bot.slack.briefings.timing import BadSchedule, parse_time

CALLBACK = "workouts_form"  # a modal's callback id; the form's name is in its metadata
EVENT_KINDS = (
    ("dog", "A dog (walks become dog walks)"),
    ("injury", "An injury"),
    ("new_job", "A new job"),
    ("move", "A move"),
    ("training_plan", "A training plan"),
    ("other", "Something else"),
)
LABELS = (("run", "Run"), ("walk", "Walk"), ("run_walk", "Run-walk"), ("outlier", "Outlier"))
DAYS = (("daily", "Every day"), ("weekdays", "Weekdays"), ("weekends", "Weekends"))
WHERE = (("dm", "Direct message"), ("here", "This channel (admins)"))


@dataclass(frozen=True)
class Outcome:
    """A form read: the errors to show per field (block id), or what it asks for: a query for
    the conversation, or a briefing command's text."""

    errors: dict[str, str]
    query: Query | None = None
    command: str = ""


@dataclass(frozen=True)
class Form:
    """One form: its modal's title and submit label, its fields (from what was filled in
    ahead), and how a submission's values are read."""

    name: str
    title: str
    submit: str
    fields: Callable[[dict], list[dict]]
    read: Callable[[dict, date, dict], Outcome]  # values, today, the fields filled ahead


def _event_fields(fill: dict) -> list[dict]:
    return [
        _text_input("name", "What happened?", fill.get("name", ""), "e.g. Choco arrives"),
        _date_input("date", "When?", fill.get("date")),
        _select("kind", "What kind of event?", EVENT_KINDS, fill.get("kind", "other")),
    ]


def _read_event(values: dict, today: date, fill: dict) -> Outcome:
    name = (_value(values, "name") or "").strip()
    day = _value(values, "date")
    kind = _value(values, "kind") or "other"
    errors = {}
    if not name:
        errors["name"] = "Say what happened, e.g. Choco arrives."
    elif len(name) > 100:
        errors["name"] = "Keep it under 100 characters."
    if not day:
        errors["date"] = "Pick the day it happened."
    elif date.fromisoformat(day) > today:
        errors["date"] = "That day is still to come; a life event is something that happened."
    if errors:
        return Outcome(errors)
    query = Query(
        "events",
        action="add",
        event_name=name,
        event_date=date.fromisoformat(day),
        event_kind=kind,
        text=f"events add {day} {name}",
    )
    return Outcome({}, query=query)


def _relabel_fields(fill: dict) -> list[dict]:
    workout = fill.get("workout", "")
    return [
        _select("label", f"Workout {workout} is a…", LABELS, fill.get("label")),
        _context(f"Your label always wins. Workout {workout}."),
    ]


def _read_relabel(values: dict, today: date, fill: dict) -> Outcome:
    label = _value(values, "label")
    workout = fill.get("workout", "")
    if not label:
        return Outcome({"label": "Pick what it was."})
    if not str(workout).isdigit():
        return Outcome({"label": "This form lost its workout; ask `why <workout>` again."})
    query = Query(
        "label",
        workout=WorkoutRef(id=int(workout)),
        new_label=label,
        text=f"label {workout} {label}",
    )
    return Outcome({}, query=query)


def _briefing_fields(fill: dict) -> list[dict]:
    return [
        _time_input("time", "At what time?", fill.get("time", "07:00")),
        _select("days", "On which days?", DAYS, fill.get("days", "daily")),
        _select("where", "Where?", WHERE, fill.get("where", "dm")),
    ]


def _read_briefing(values: dict, today: date, fill: dict) -> Outcome:
    time_text = _value(values, "time") or ""
    try:
        parse_time(time_text)
    except BadSchedule as exc:
        return Outcome({"time": str(exc)})
    days = _value(values, "days") or "daily"
    where = _value(values, "where") or "dm"
    return Outcome({}, command=f"briefing schedule {time_text} {where} {days}")


FORMS = {
    form.name: form
    for form in (
        Form("event", "Name a life event", "Save", _event_fields, _read_event),
        Form("relabel", "Relabel a workout", "Save", _relabel_fields, _read_relabel),
        Form("briefing", "Morning briefing", "Schedule", _briefing_fields, _read_briefing),
    )
}


def modal(form_name: str, fill: dict, conversation: str | None, channel: str) -> dict:
    """The modal view of a form, remembering where it was opened (channel, conversation)."""
    form = FORMS[form_name]
    metadata = {"form": form_name, "fill": fill, "in": conversation, "channel": channel}
    return {
        "type": "modal",
        "callback_id": CALLBACK,
        "private_metadata": json.dumps(metadata, separators=(",", ":")),
        "title": {"type": "plain_text", "text": clip(form.title, 24)},
        "submit": {"type": "plain_text", "text": form.submit},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": form.fields(fill),
    }


def read_submission(view: dict, today: date) -> tuple[dict, Outcome]:
    """(the modal's metadata, what its values say) of a ``view_submission``."""
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        metadata = {}
    form = FORMS.get(metadata.get("form", ""))
    if form is None:
        return metadata, Outcome({"_": "This form is not one of mine."})
    values = (view.get("state") or {}).get("values") or {}
    return metadata, form.read(values, today, metadata.get("fill") or {})


def _value(values: dict, block_id: str) -> str | None:
    """The value of a field (block ``block_id``, element ``value``) whatever its kind."""
    element = (values.get(block_id) or {}).get("value") or {}
    if element.get("type") == "datepicker":
        return element.get("selected_date")
    if element.get("type") == "timepicker":
        return element.get("selected_time")
    if element.get("type") == "static_select":
        return (element.get("selected_option") or {}).get("value")
    return element.get("value")


def _text_input(block_id: str, label: str, initial: str, placeholder: str) -> dict:
    element = {
        "type": "plain_text_input",
        "action_id": "value",
        "max_length": 100,
        "placeholder": {"type": "plain_text", "text": placeholder},
    }
    if initial:
        element["initial_value"] = initial
    return _input(block_id, label, element)


def _date_input(block_id: str, label: str, initial: str | None) -> dict:
    element = {"type": "datepicker", "action_id": "value"}
    if initial:
        element["initial_date"] = initial
    return _input(block_id, label, element)


def _time_input(block_id: str, label: str, initial: str) -> dict:
    return _input(
        block_id, label, {"type": "timepicker", "action_id": "value", "initial_time": initial}
    )


def _select(block_id: str, label: str, options, initial: str | None) -> dict:
    choices = [
        {"text": {"type": "plain_text", "text": text}, "value": value} for value, text in options
    ]
    element = {"type": "static_select", "action_id": "value", "options": choices}
    chosen = next((c for c in choices if c["value"] == initial), None)
    if chosen is not None:
        element["initial_option"] = chosen
    return _input(block_id, label, element)


def _input(block_id: str, label: str, element: dict) -> dict:
    return {
        "type": "input",
        "block_id": block_id,
        "label": {"type": "plain_text", "text": label},
        "element": element,
    }


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}
