"""The structured query every question, command and button becomes.

One engine answers a :class:`Query`; the parser, the commands, follow-ups and a local language
model (when the owner runs one) only ever fill one in. Its fields say what is measured, how it is
aggregated, which workouts count, over which period(s), in which unit and as what output, and
keep the words that were not used so the answer can name them.

Semantics (the paraphrase corpus in tests/ is written against these):

- ``kind``: the kind of answer (:data:`KINDS`). ``summary`` covers every count, total, average,
  rate, best and latest of workouts ("how many runs in 2019", "total km this year", "average run
  pace", "weekly mileage lately", "when was my last run", "best month ever", "fastest 5k");
  ``day`` lists one day's workouts ("what did I do yesterday"); the others are whole analyses
  or actions named like the commands (``trend``, ``anomalies``, ``consistency``, ``records``,
  ``calendar``, ``compare``, ``story``, ``briefing``, ``why``, ``map``, ``routes``...).
- ``measure``: what a summary, trend or comparison is about (:data:`MEASURES`): ``count`` of
  workouts, ``distance``, ``duration``, ``pace``, ``calories``, ``frequency`` (workouts per
  week). None: the kind's own default.
- ``aggregate``: how a measure is combined (:data:`AGGREGATES`): ``total``, ``average`` (per
  workout), ``per_week`` / ``per_month`` (a rate over the period's calendar weeks or months),
  ``best`` / ``worst`` (the best workout or, with ``by``, the best week/month...), ``latest`` /
  ``first`` (one workout), ``list``. None: the kind's default (a summary's is ``total``).
- ``by``: a breakdown (:data:`BREAKDOWNS`): ``week``, ``month``, ``year``, ``weekday``,
  ``hour``, ``class``. With ``aggregate="best"`` it names what is ranked ("best month ever":
  aggregate best, by month).
- ``classes``: workout classes, as stored labels (``run``, ``walk``, ``run_walk``,
  ``outlier``, ``cycle``, ``swim``, ``workout``, ``other``); empty: every workout.
- ``activity``: a word the activity type as logged must contain ("hike", "treadmill"), for
  what no class names; None: any.
- ``min_distance_m`` / ``max_distance_m``: a distance band ("5k+", "runs over 10 km", "a
  half marathon" is 21,097.5 m and up to 10% more).
- ``periods``: none (the kind's default window, which the answer states), one, or two to
  compare. Each is a :class:`DateRange` whose ``phrase`` is how it was said.
- ``unit``: ``mi`` or ``km`` when the question names one ("total km"), else None (the asker's).
- ``output``: ``text``, ``chart``, ``csv`` or ``json``.
- ``workout``: the workout a ``why``, ``map``, ``label`` or ``day`` question names.
- writes (``label``, ``events``, ``units``, ``schedule``): ``new_label``, ``event_name``,
  ``event_date``, ``event_kind``, ``action``; they are confirmed before anything changes.
- ``ignored``: words of the question that changed nothing; ``notes``: assumptions said back
  ("Assumed 'anomalies' for 'anomolies'."); ``choices``: the readings to ask back between when
  two are close (each a whole query, with the text of its button).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from bot.language.intent import DateRange, WorkoutRef

KINDS = (
    "summary",
    "day",
    "trend",
    "anomalies",
    "consistency",
    "streak",
    "records",
    "calendar",
    "compare",
    "story",
    "briefing",
    "why",
    "map",
    "routes",
    "label",
    "events",
    "units",
    "model",
    "schedule",
    "sql",
    "export",
    "undo",
    "confirm",
    "cancel",
    "greeting",
    "help",
    "unknown",
    "training",
    "goal",
)
# What a training question asks: fitness/fatigue/form, best efforts inside runs, race
# predictions, the Eddington number, a year in review.
TRAINING = ("form", "efforts", "predict", "eddington", "year")
MEASURES = ("count", "distance", "duration", "pace", "calories", "frequency")
AGGREGATES = (
    "total",
    "average",
    "per_week",
    "per_month",
    "best",
    "worst",
    "latest",
    "first",
    "list",
)
BREAKDOWNS = ("week", "month", "year", "weekday", "hour", "class")
OUTPUTS = ("text", "chart", "csv", "json")
CLASSES = ("run", "walk", "run_walk", "outlier", "cycle", "swim", "workout", "other")
EVENT_KINDS = ("dog", "injury", "new_job", "move", "training_plan", "other")
WRITES = frozenset({"label", "events", "units", "schedule", "goal"})


@dataclass(frozen=True)
class Choice:
    """One reading offered when the question was ambiguous: its button text and its query."""

    text: str
    query: Query


@dataclass(frozen=True)
class Query:
    """A question as the engine reads it (see the module docstring for every field)."""

    kind: str
    text: str = ""
    measure: str | None = None
    aggregate: str | None = None
    by: str | None = None
    classes: tuple[str, ...] = ()
    activity: str | None = None
    min_distance_m: float | None = None
    max_distance_m: float | None = None
    periods: tuple[DateRange, ...] = ()
    unit: str | None = None
    output: str = "text"
    workout: WorkoutRef | None = None
    new_label: str | None = None
    action: str | None = None
    event_name: str | None = None
    event_date: date | None = None
    event_kind: str | None = None
    year: int | None = None
    target: float | None = None  # a goal's target, in SI units (m, s) or a count
    sql: str | None = None
    format: str | None = None
    visibility: str | None = None
    ignored: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    suggestions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check(self.kind, KINDS, "kind")
        _check(self.measure, MEASURES, "measure")
        _check(self.aggregate, AGGREGATES, "aggregate")
        _check(self.by, BREAKDOWNS, "by")
        _check(self.output, OUTPUTS, "output")
        for label in self.classes:
            _check(label, CLASSES, "class")
        _check(self.unit, ("mi", "km"), "unit")
        _check(self.event_kind, EVENT_KINDS, "event kind")

    @property
    def period(self) -> DateRange | None:
        """The one period asked about (the first of a comparison), or None."""
        return self.periods[0] if self.periods else None

    @property
    def label(self) -> str | None:
        """The one class asked about (the first named), or None for every workout."""
        return self.classes[0] if self.classes else None

    @property
    def is_write(self) -> bool:
        """Whether answering it would change the asker's data (so it is confirmed first)."""
        reading = (None, "list", "show", "review", "choose")
        return self.kind in WRITES and self.action not in reading

    def but(self, **changes) -> Query:
        """A copy with ``changes`` (a follow-up's new period, class or output)."""
        return replace(self, **changes)

    def slots(self) -> dict:
        """The fields that say what is asked (for tests, the language model and the store)."""
        skip = {"text", "notes", "choices", "suggestions", "ignored"}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}


def _check(value, allowed, what: str) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")


def to_dict(query: Query) -> dict:
    """The query as JSON-ready data (dates as ISO text), for the store and the language model."""
    data = {}
    for f in fields(query):
        value = getattr(query, f.name)
        if f.name == "choices":
            value = [{"text": c.text, "query": to_dict(c.query)} for c in value]
        elif f.name == "periods":
            value = [_range_dict(r) for r in value]
        elif f.name == "workout" and value is not None:
            value = {"id": value.id, "day": _iso(value.day), "label": value.label}
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, date):
            value = value.isoformat()
        data[f.name] = value
    return data


def from_dict(data: dict) -> Query:
    """The query written by :func:`to_dict` (unknown keys are an error: nothing is guessed)."""
    known = {f.name for f in fields(Query)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown query field(s): {', '.join(sorted(unknown))}")
    values = dict(data)
    values["periods"] = tuple(
        DateRange(_day(r.get("start")), _day(r.get("end")), r.get("phrase", ""))
        for r in values.get("periods") or ()
    )
    if values.get("workout") is not None:
        w = values["workout"]
        values["workout"] = WorkoutRef(w.get("id"), _day(w.get("day")), w.get("label"))
    values["event_date"] = _day(values.get("event_date"))
    values["choices"] = tuple(
        Choice(c["text"], from_dict(c["query"])) for c in values.get("choices") or ()
    )
    for name in ("classes", "ignored", "notes", "suggestions"):
        values[name] = tuple(values.get(name) or ())
    return Query(**values)


def _range_dict(period: DateRange) -> dict:
    return {"start": _iso(period.start), "end": _iso(period.end), "phrase": period.phrase}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
