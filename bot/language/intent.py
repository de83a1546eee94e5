"""What a person asked for, whether typed as a command or as a plain question.

Every command is declared here once (:data:`COMMANDS`). The parser (``bot.language.parser``)
turns text into an :class:`Intent`; the answers (``bot.answers``) turn an intent into a reply.
Nothing here reads the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

METRICS = ("pace", "distance", "duration", "workouts_per_week")
LABELS = ("run", "walk", "run_walk", "outlier")


@dataclass(frozen=True)
class Command:
    """One thing a person can ask for, declared once: the parser, the suggestions, ``help`` and
    the answers' routing table all derive from these.

    ``words`` call it as a command (the first is how it is shown); ``syntax`` and ``example``
    are offered when a request was unclear (the example parses as is); ``summary`` and
    ``help_example`` make its row in ``help``; ``related`` are offered when it lacks an argument.
    """

    name: str
    words: tuple[str, ...]
    syntax: str
    example: str
    summary: str
    help_example: str = ""
    related: tuple[str, ...] = ()


COMMANDS = (
    Command("help", ("help", "commands"), "help", "what can you do?", "what I can do"),
    Command(
        "choco_effect",
        ("choco-effect", "choco", "chocoeffect", "choco_effect"),
        "choco-effect [event]",
        "choco-effect",
        "before and after a life event",
    ),
    Command(
        "briefing",
        ("briefing", "brief"),
        "briefing [date]",
        "briefing yesterday",
        "the morning briefing",
    ),
    Command(
        "anomalies",
        ("anomalies", "anomaly"),
        "anomalies [range]",
        "anomalies this month",
        "unusual workouts",
    ),
    Command(
        "trends",
        ("trends", "trend"),
        "trends [metric] [class] [range]",
        "trends pace runs since March",
        "a trend with forecast",
        help_example="pace trend for runs since March",
    ),
    Command(
        "calendar",
        ("calendar", "heatmap"),
        "calendar [year]",
        "calendar 2020",
        "a year as a heatmap",
    ),
    Command(
        "consistency",
        ("consistency",),
        "consistency [range]",
        "consistency this year",
        "the consistency score",
        help_example="consistency last 30 days",
    ),
    Command(
        "stats",
        ("stats", "stat", "statistics"),
        "stats [range]",
        "how many runs in 2019",
        "counts and totals per class",
    ),
    Command(
        "compare",
        ("compare",),
        "compare <period> and <period>",
        "compare 2017 and 2023",
        "two periods side by side",
        related=("compare", "choco_effect", "trends"),
    ),
    Command(
        "records",
        ("records", "record", "prs"),
        "records",
        "records",
        "personal records",
    ),
    Command(
        "map",
        ("map", "route", "track"),
        "map <workout>",
        "map yesterday's run",
        "a workout's route on a map",
        related=("map", "routes", "why"),
    ),
    Command(
        "routes",
        ("routes", "tracks", "route-heatmap"),
        "routes [class] [range]",
        "routes runs this year",
        "a heatmap of your routes",
    ),
    Command(
        "why",
        ("why", "explain"),
        "why <workout>",
        "why yesterday's run",
        "why a workout got its label",
        related=("why", "label", "anomalies"),
    ),
    Command(
        "label",
        ("label", "relabel", "labels"),
        "label <workout> <run|walk|run-walk|outlier>",
        "label 1234 walk",
        "correct a label",
        related=("label", "why", "model"),
    ),
    Command(
        "model",
        ("model",),
        "model [show|retrain]",
        "model retrain",
        "the classifier model",
        help_example="model show",
        related=("model", "label"),
    ),
    Command(
        "events",
        ("events", "event"),
        "events [add <date> <name> | remove <name>]",
        "events add 2018-06-01 Choco arrives",
        "life events",
        help_example="events add 2018-06-01 Choco",
        related=("events", "choco_effect"),
    ),
    Command(
        "sql",
        ("sql",),
        "sql <SELECT ...>",
        "sql SELECT count(*) FROM workouts",
        "query your own workouts",
        help_example="sql SELECT label, count(*) FROM workouts GROUP BY label",
        related=("sql", "export", "stats"),
    ),
    Command(
        "export",
        ("export", "download"),
        "export [csv|json] [range]",
        "export csv last year",
        "download your workouts",
        help_example="export csv 2024",
    ),
    Command(
        "units",
        ("units", "unit"),
        "units [mi|km]",
        "units km",
        "miles or kilometres",
        related=("units", "help"),
    ),
)
BY_NAME = {command.name: command for command in COMMANDS}
# Every intent the parser can produce: the declared commands, and what was not understood.
INTENTS = (*BY_NAME, "unknown")


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
