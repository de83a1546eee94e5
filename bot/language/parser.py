"""Text to :class:`~bot.language.intent.Intent`: the one command language of Slack and the terminal.

A request is either a command (``anomalies last week``, ``label 1234 walk``) or a plain question
("any anomalies last week?"). Commands are recognised by their first word, tolerating aliases and
typos; questions by keywords. Arguments (periods, metrics, classes, workouts) are found anywhere
in the rest. :func:`parse` never raises: what it cannot read becomes an ``unknown`` intent with a
note and suggestions, because a chat user should always get a useful reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from bot.language import words as W
from bot.language.args import Args
from bot.language.dates import find_day, find_ranges
from bot.language.intent import Intent, WorkoutRef
from bot.language.spelling import is_english

# Longer input is refused before any parsing: the parser is linear, but a chat message this long
# is a mistake or an attack (a SQL statement included: the whole message counts).
MAX_TEXT_CHARS = 10_000
_PREFIX = re.compile(r"^\s*/workouts\b", re.I)
_SQL = re.compile(r"sql(?![\w-]):?", re.I)
_VISIBILITY_WORD = re.compile(r"public|private", re.I)
_LEADING_VISIBILITY = re.compile(r"(public|private)(?:ly)?\s", re.I)


class _Missing(Exception):
    """A command lacks an argument it needs; the message says which."""


def _filters(a: Args, *, metric: bool = False) -> dict:
    """Range, class and (optionally) metric: the arguments most commands share."""
    fields = {"range": a.range()}
    if metric:
        fields["metric"] = a.metric()
    fields["label"] = next(iter(a.classes()), None)
    return fields


def _help(a: Args) -> dict:
    a.rest = ""  # "help anomalies" is still help; the rest is not an error
    return {}


def _choco(a: Args) -> dict:
    name = "" if a.plain else a.words()
    return {"event_name": name or None}


def _briefing(a: Args) -> dict:
    found = a.range()
    if found and found.start != found.end:
        note = f"A briefing covers one day; these are the stats for {found.phrase}."
        return {"name": "stats", "range": found, "note": note}
    return {"range": found}


def _calendar(a: Args) -> dict:
    year = a.take(W.YEAR_RE)
    if year:
        return {"year": int(year[0])}
    found = a.range()
    return {"year": found.start.year if found else None}


def _stats(a: Args) -> dict:
    counting = a.take(W.COUNT_RE)
    return {"action": "count" if counting else None, **_filters(a, metric=True)}


def _named_workout(a: Args, command: str) -> tuple[WorkoutRef, list[str]]:
    """The workout a question is about ("yesterday's run": the day and its class), and the
    classes named; the question's other words ("unusual", "the map of") are its wording."""
    ref = a.workout()
    if ref is None:
        raise _Missing(W.MISSING[command])
    classes = a.classes()
    if classes and ref.id is None:
        ref = replace(ref, label=classes[0])
    a.rest = ""
    return ref, classes


def _why(a: Args) -> dict:
    ref, classes = _named_workout(a, "why")
    return {"workout": ref, "label": classes[-1] if classes else None}


def _label(a: Args) -> dict:
    ref = a.workout()
    if ref is None:
        raise _Missing(W.MISSING["label"])
    classes = a.classes()
    if not classes:
        raise _Missing(W.MISSING["label class"])
    if len(classes) > 1 and ref.id is None:  # "label yesterday's run as a walk"
        ref = replace(ref, label=classes[0])
    return {"workout": ref, "new_label": classes[-1]}


def _map(a: Args) -> dict:
    return {"workout": _named_workout(a, "map")[0]}


def _model(a: Args) -> dict:
    found = a.take(W.MODEL_RE)
    if not a.plain and a.leftover():
        raise _Missing(W.MISSING["model"])
    return {"action": found.lastgroup if found else "show"}


def _events(a: Args) -> dict:
    found = None if a.plain else a.take(W.EVENT_ACTION_RE)
    action = found.lastgroup if found else "list"
    if action == "add":
        day, a.rest = find_day(a.rest, today=a.today)
        name = a.words()
        if not (day and name):
            raise _Missing(W.MISSING["events add"])
        return {"action": "add", "event_date": day, "event_name": name}
    if action == "remove":
        name = a.words()
        if not name:
            raise _Missing(W.MISSING["events remove"])
        return {"action": "remove", "event_name": name}
    return {"action": "list"}


def _export(a: Args) -> dict:
    found = a.take(W.FORMAT_RE)
    return {"format": found[0].lower() if found else "csv", **_filters(a)}


def _units(a: Args) -> dict:
    found = a.take(W.UNIT_RE)
    if not a.plain and a.leftover():
        raise _Missing(W.MISSING["units"])
    return {"unit": found.lastgroup if found else None}


def _compare(a: Args) -> dict:
    periods = a.ranges()
    if len(periods) < 2:
        raise _Missing(W.MISSING["compare"])
    fields = _filters(a, metric=True)
    return {"ranges": periods[:2], "metric": fields["metric"], "label": fields["label"]}


_BUILDERS = {
    "help": _help,
    "choco_effect": _choco,
    "briefing": _briefing,
    "anomalies": _filters,
    "trends": lambda a: _filters(a, metric=True),
    "calendar": _calendar,
    "consistency": _filters,
    "stats": _stats,
    "records": lambda a: _filters(a, metric=True),
    "why": _why,
    "label": _label,
    "model": _model,
    "events": _events,
    "export": _export,
    "units": _units,
    "compare": _compare,
    "map": _map,
    "routes": _filters,
}


@dataclass(frozen=True)
class _Ctx:
    """What every intent built from one request shares: the text as typed, today, visibility."""

    text: str
    today: date
    visibility: str | None = None


def _unknown(ctx: _Ctx, note: str, intents) -> Intent:
    return Intent(
        "unknown",
        text=ctx.text,
        visibility=ctx.visibility,
        note=note.strip(),
        suggestions=W.suggestions(intents),
    )


def _run(ctx: _Ctx, name: str, rest: str, *, plain: bool, note: str = "") -> Intent:
    """Build the intent ``name`` from ``rest``; a missing argument makes it unknown."""
    args = Args(rest, ctx.today, plain)
    try:
        fields = _BUILDERS[name](args)
    except _Missing as exc:
        return _unknown(ctx, f"{note} {exc}", W.RELATED.get(name, (name, "help")))
    notes = [note, fields.pop("note", "")]
    extra = [] if plain else args.leftover()
    if extra:
        notes.append(f"Ignored: {' '.join(extra)[:80]}.")
    name = fields.pop("name", name)
    return Intent(
        name,
        text=ctx.text,
        visibility=ctx.visibility,
        note=" ".join(n for n in notes if n),
        **fields,
    )


def _scores(text: str, today: date) -> dict[str, int]:
    scores = W.keyword_scores(text)
    # A question that names a workout is about that workout ("why was May 3rd unusual?"); one
    # that names two periods is a comparison.
    if "why" in scores and Args(text, today).workout():
        scores["why"] += 1
    if "compare" in scores and len(find_ranges(text, today=today)[0]) >= 2:
        scores["compare"] += 1
    if "routes" in scores and "calendar" in scores:  # "a heatmap of my routes"
        scores["routes"] += 1
    if "map" in scores and "routes" in scores:  # "map of my routes"
        scores["routes"] += 1
    return scores


def _plain(ctx: _Ctx, body: str) -> Intent:
    scores = _scores(body, ctx.today)
    if not scores:
        return _misspelt(ctx, body)
    top = max(scores.values())
    best = [name for name, score in scores.items() if score == top]
    if len(best) > 1:
        asked = " or ".join(W.CANONICAL[n] for n in best)
        return _unknown(ctx, f"That could be {asked}; which one did you mean?", best)
    return _run(ctx, best[0], body, plain=True)


def _misspelt(ctx: _Ctx, body: str) -> Intent:
    found = W.misspelt_keyword(body)
    if found:
        name, meant, typed = found
        return _run(ctx, name, body, plain=True, note=f"Assumed '{meant}' for '{typed}'.")
    near = [n for w in body.lower().split()[:3] for n in W.closest_commands(w)]
    return _unknown(ctx, "I did not understand that. Try one of these:", near)


def _sql(ctx: _Ctx, statement: str) -> Intent:
    # Only a trailing word can be a visibility: inside the statement it may be data ('public').
    # The last word is split off, not searched for: a search for "blanks, then the word" tries
    # every blank of a run, quadratic on a long one.
    body = statement.rstrip()
    last = body.rsplit(None, 1)[-1] if body else ""
    before = body[: len(body) - len(last)]
    if before[-1:].isspace() and _VISIBILITY_WORD.fullmatch(last):
        ctx = replace(ctx, visibility=last.lower())
        statement = before
    statement = statement.strip()
    if not statement:
        return _unknown(ctx, W.MISSING["sql"], W.RELATED["sql"])
    return Intent("sql", text=ctx.text, visibility=ctx.visibility, sql=statement)


def command(text: str, *, today: date) -> Intent | None:
    """``text`` read as a command (its first word names one, exactly or as a typo that is no
    English word), as SQL, or as an empty request; None when it is a plain question."""
    intent = _parse(text, today, plain=False)
    return intent


def _parse(text: str, today: date, *, plain: bool = True) -> Intent | None:
    body = _PREFIX.sub("", text, count=1).strip()
    if not body or re.fullmatch(r"[?\s]+", body):
        return Intent("help", text=text, note="" if body else "Nothing was asked; here is help.")
    if sql := _SQL.match(body):
        return _sql(_Ctx(text, today), body[sql.end() :].lstrip())
    # "private sql SELECT ...": the statement is kept as typed, never reworded by
    # split_visibility, which would drop a 'public' inside it and squeeze its blanks.
    if said := _LEADING_VISIBILITY.match(body):
        after = body[said.end() :].lstrip()
        if sql := _SQL.match(after):
            return _sql(_Ctx(text, today, said[1].lower()), after[sql.end() :].lstrip())
    visibility, body = W.split_visibility(body)
    ctx = _Ctx(text, today, visibility)
    word, rest = W.first_word(body)
    if word in W.COMMANDS:
        return _run(ctx, W.COMMANDS[word], rest, plain=False)
    guess = W.fuzzy_command(word)
    if guess and is_english(word):  # the word list (0.1-0.5 s to load) only when it decides
        guess = None
    if guess:
        note = f"Assumed '{W.CANONICAL[guess]}' for '{word}'."
        return _run(ctx, guess, rest, plain=False, note=note)
    return _plain(ctx, body) if plain else None


def parse(text: str, *, today: date) -> Intent:
    """Read ``text`` (a command or a plain question) as an :class:`Intent`; never raises.

    ``today`` anchors every relative date ("last week"), so the caller decides the clock.
    Text longer than :data:`MAX_TEXT_CHARS` is refused unread, as an ``unknown`` intent.
    """
    text = text if isinstance(text, str) else ""
    if len(text) > MAX_TEXT_CHARS:  # before any regex runs on it
        note = (
            f"That message is {len(text):,} characters long; I read at most"
            f" {MAX_TEXT_CHARS:,}. Send a shorter one."
        )
        suggestions = W.suggestions(W.DEFAULT_SUGGESTIONS)
        return Intent("unknown", text=text, note=note, suggestions=suggestions)
    try:
        return _parse(text, today)
    except Exception as exc:  # a chat reply must never be a traceback; say so and offer help
        note = f"Sorry, I could not read that ({type(exc).__name__})."
        return Intent(
            "unknown", text=text, note=note, suggestions=W.suggestions(W.DEFAULT_SUGGESTIONS)
        )
