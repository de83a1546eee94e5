"""How a question was read, in one line that opens every answer: which workouts, which period,
what is measured and how, in which unit, as what; and the words that changed nothing, named."""

from __future__ import annotations

from bot import wording as fmt
from bot.context import Context
from bot.language.query import Query

_KINDS = {
    "summary": "",
    "day": "one day",
    "trend": "a trend",
    "anomalies": "anomalies",
    "consistency": "consistency",
    "streak": "streaks",
    "records": "personal records",
    "calendar": "a calendar",
    "compare": "a comparison",
    "story": "before and after a life event",
    "briefing": "the morning briefing",
    "why": "why a workout got its label",
    "map": "a route map",
    "routes": "your routes",
    "label": "a label change",
    "events": "life events",
    "units": "units",
    "model": "the classifier",
    "schedule": "a briefing schedule",
    "sql": "a SQL query",
    "export": "an export",
}
_MEASURES = {
    "count": "how many",
    "distance": "distance",
    "duration": "time",
    "pace": "pace",
    "calories": "calories",
    "frequency": "how often",
}
_AGGREGATES = {
    "total": "in total",
    "average": "on average",
    "per_week": "per week",
    "per_month": "per month",
    "best": "the best",
    "worst": "the worst",
    "latest": "the latest",
    "first": "the first",
    "list": "listed",
}
_SILENT = frozenset({"greeting", "help", "unknown", "confirm", "cancel", "undo"})


def reading(query: Query, ctx: Context) -> str:
    """The reading line ("Runs in 2018, distance in total, in km."), or "" for replies that
    read nothing (a greeting, help)."""
    if query.kind in _SILENT:
        return _ignored(query)
    if query.kind in _SETTINGS:
        return f"I read: {_SETTINGS[query.kind](query, ctx)}. {_ignored(query)}".strip()
    parts = []
    kind = _KINDS.get(query.kind, query.kind)
    what = _workouts(query, ctx)
    if kind:
        parts.append(kind)
    if what or not kind:
        parts.append(what or "all workouts")
    if query.workout is not None and query.kind in ("day", "why", "map"):
        parts.append(_workout(query, ctx))
    if query.periods:
        parts.append(" vs ".join(f"{p.phrase} ({fmt.span(p.start, p.end)})" for p in query.periods))
    measure = " ".join(
        w for w in (_MEASURES.get(query.measure or ""), _AGGREGATES.get(query.aggregate or "")) if w
    )
    if measure:
        parts.append(measure)
    if query.by:
        parts.append(f"by {query.by}")
    if query.unit:
        parts.append(f"in {query.unit}")
    if query.output != "text":
        parts.append(f"as {query.output if query.output != 'chart' else 'a chart'}")
    text = "I read: " + ", ".join(parts) + "."
    return " ".join(x for x in (text, _notes(query), _ignored(query)) if x)


def _notes(query: Query) -> str:
    """What the reader says it assumed ("Assumed 'runs' for 'runz'.", the local model's note)."""
    return " ".join(n for n in query.notes if not n.startswith(("That could be", "Ignored")))


def _workout(query: Query, ctx: Context) -> str:
    """The workout or day named: "workout 1234", "your walk on Saturday 3 May 2025"."""
    ref = query.workout
    if ref.id is not None:
        return f"workout {ref.id}"
    if ref.day is None:
        return "the workout asked about"
    day = f"{ref.day:%A} {ref.day.day} {ref.day:%B %Y}"
    if ref.label:
        return f"your {fmt.label(ref.label, names=ctx.names)} on {day}"
    return day


def _label(query: Query, ctx: Context) -> str:
    if query.action == "list":
        return "your label corrections"
    ref = query.workout
    if ref is None or (ref.id is None and ref.day is None):
        which = "a workout"
    elif ref.id is not None:
        which = f"workout {ref.id}"
    else:
        now = fmt.label(ref.label, names=ctx.names) if ref.label else "workout"
        which = f"your {now} on {ref.day}"
    if query.action == "remove":
        return f"forget your label on {which}"
    new = fmt.label(query.new_label, names=ctx.names) if query.new_label else "?"
    return f"label {which} as {fmt.a(new)}"


def _event(query: Query, ctx: Context) -> str:
    name = f"'{query.event_name}'" if query.event_name else "(no name)"
    if query.action == "add":
        kind = query.event_kind if query.event_kind not in (None, "other") else ""
        kind_said = f", a {kind.replace('_', ' ')} event" if kind else ""
        return f"a life event {name} on {query.event_date or '(no date)'}{kind_said}"
    if query.action == "remove":
        return f"remove the life event {name}"
    return "your life events"


def _units(query: Query, ctx: Context) -> str:
    return f"answer in {query.unit} from now on" if query.unit else "which units you use"


def _schedule(query: Query, ctx: Context) -> str:
    return {
        "set": "a morning briefing schedule",
        "remove": "stop your morning briefings",
        "list": "your briefing schedules",
        "join": "join this channel's briefing",
        "leave": "leave this channel's briefing",
    }.get(query.action or "", "briefing schedules")


_SETTINGS = {"label": _label, "events": _event, "units": _units, "schedule": _schedule}


def _workouts(query: Query, ctx: Context) -> str:
    names = [fmt.label(c, plural=True, names=ctx.names) for c in query.classes]
    what = " and ".join(names)
    if query.activity:
        what = f"{what} {query.activity}s".strip()
    unit = query.unit or ctx.units
    if query.min_distance_m:
        what = f"{what or 'workouts'} of {fmt.distance(query.min_distance_m, unit)} or more"
    if query.max_distance_m:
        what = f"{what or 'workouts'} up to {fmt.distance(query.max_distance_m, unit)}"
    return what


def _ignored(query: Query) -> str:
    if not query.ignored:
        return ""
    words = ", ".join(f"'{w}'" for w in query.ignored[:6])
    return f"I ignored {words}: not a measure, class, period or command I know."
