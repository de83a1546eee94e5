"""What a person asked for, whether typed as a command or as a plain question.

The parser (``bot.parser``) turns text into an :class:`Intent`; the answers (``bot.answers``)
turn an intent into a reply. Nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

INTENTS = (
    "help",
    "choco_effect",
    "briefing",
    "anomalies",
    "trends",
    "calendar",
    "consistency",
    "stats",
    "records",
    "why",
    "label",
    "model",
    "events",
    "sql",
    "export",
    "units",
    "compare",
    "map",
    "routes",
    "unknown",
)
METRICS = ("pace", "distance", "duration", "workouts_per_week")
LABELS = ("real_run", "pup_walk", "mixed", "outlier")


@dataclass(frozen=True)
class DateRange:
    """Inclusive dates; None is open-ended. ``phrase`` is how the person said it."""

    start: date | None
    end: date | None
    phrase: str


@dataclass(frozen=True)
class WorkoutRef:
    """A workout named by id, or by day (and optionally class: "yesterday's run")."""

    id: int | None = None
    day: date | None = None
    label: str | None = None


@dataclass(frozen=True)
class Intent:
    """One request. Only the fields its ``name`` uses are set; ``suggestions`` help when the
    text was unknown or ambiguous."""

    name: str
    text: str = ""
    range: DateRange | None = None
    ranges: tuple[DateRange, ...] = ()  # compare: the two periods
    metric: str | None = None  # trends: one of METRICS
    label: str | None = None  # a class filter, or the class a "why" question claims
    workout: WorkoutRef | None = None  # why, label, map
    new_label: str | None = None  # label: the class to set
    action: str | None = None  # model: show|retrain; events: list|add|remove; stats: count
    event_name: str | None = None  # choco_effect (optional), events add/remove
    event_date: date | None = None  # events add
    year: int | None = None  # calendar
    sql: str | None = None  # sql: the statement as typed
    format: str | None = None  # export: csv|json
    unit: str | None = None  # units: mi|km (None: show the current one)
    visibility: str | None = None  # "public" or "private" when the person said so
    suggestions: tuple[str, ...] = ()
    note: str = ""  # why the parser chose this, or what was ambiguous
