"""A conversation: one message read in the light of the ones before it, in one place.

A place is a terminal session or a Slack thread. What a place remembers lives in the store
(etl/db/conversations.py), so a restart keeps it:

- the last query, the context of a follow-up ("and in 2020?", "what about walks?", "why?");
- a change asked for in plain words, echoed back and waiting for a yes (nothing changes before
  it); "no" drops it, a correction ("actually, make it a run-walk") replaces it;
- how to undo the last change (``undo``), whether it was confirmed or typed as a command;
- the readings offered for an ambiguous question, answered by number or by clicking, and the
  reading chosen, remembered for the rest of the conversation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.answers import answer, writes
from bot.answers.reading import reading
from bot.context import Context
from bot.language import parser
from bot.language.llm import read_with_model
from bot.language.query import Choice, Query, from_dict, to_dict
from bot.language.reader import read
from bot.reply import Button, Reply, error_reply
from etl.db.conversations import Conversation, load_conversation, save_conversation
from etl.errors import WorkoutsError

TERMINAL = "terminal"
# Replies that are not questions: never the context of a follow-up.
_NOT_CONTEXT = frozenset({"confirm", "cancel", "undo", "greeting", "help", "unknown"})
_NUMBER = re.compile(r"^\s*#?([1-9])\s*[.)!]?\s*$")


@dataclass(frozen=True)
class Changes:
    """How changes are planned and made: the kinds handled, a planner, a performer. Slack adds
    briefing schedules to the defaults (they need its client); the terminal has the defaults."""

    kinds: frozenset[str]
    plan: Callable[[Query, Context], writes.Change]
    perform: Callable[[dict, Context], Reply]
    show: Callable[[Query, Context], Reply] | None = None  # its kinds' lists ("my schedules")


DEFAULT_CHANGES = Changes(
    frozenset({"label", "events", "units", "goal"}), writes.plan, writes.perform
)


def slack_place(channel: str, thread_ts: str | None = None) -> str:
    """The place of a Slack message: its thread, or the channel (a DM) outside threads."""
    return f"slack:{channel}:{thread_ts}" if thread_ts else f"slack:{channel}"


@dataclass(frozen=True)
class Turn:
    """One exchange: the reply, and what was asked for where it goes ("public", "private" or
    None: the reply's own default)."""

    reply: Reply
    visibility: str | None = None
    changed: bool = False  # whether a change was made (a label, an event, units, a schedule)


def converse(
    text: str, ctx: Context, place: str, *, changes: Changes = DEFAULT_CHANGES, command=None
) -> Turn:
    """The reply to ``text`` said in ``place`` by the asker of ``ctx``, and the conversation
    updated. ``command`` says whether it was typed as a command (None: decide from the words);
    a command's change is made at once, a plain request's waits for a yes."""
    state = load_conversation(ctx.engine, ctx.owner_key, place)
    undo = state.undo
    query, state = _understand(text, ctx, state)
    reply, state = _respond(query, text, ctx, state, changes, command)
    save_conversation(ctx.engine, state)
    # Every change made (or undone) replaces how to undo it with a new one (or none).
    return Turn(reply, query.visibility, changed=state.undo is not undo)


def submit(query: Query, ctx: Context, place: str, *, changes: Changes = DEFAULT_CHANGES) -> Turn:
    """A change filled in a form (a Slack modal) for ``place``: made at once, since submitting
    the form is the yes (a change that reaches far still asks), and undoable like any other."""
    state = load_conversation(ctx.engine, ctx.owner_key, place)
    undo = state.undo
    reply, state = _change(query, ctx, state, changes, at_once=True)
    save_conversation(ctx.engine, state)
    return Turn(reply, changed=state.undo is not undo)


def _understand(text: str, ctx: Context, state: Conversation) -> tuple[Query, Conversation]:
    """The query ``text`` means here: a reading picked from those offered, the reading chosen
    before for the same question, the grammar's, or (when it cannot tell) the local model's."""
    chosen = _chosen(text, state)
    if chosen is not None:
        # The choice is remembered: the same question later reads the same way.
        remembered = {**state.remembered, _key(chosen.text): chosen.kind}
        return chosen, state.but(choices=(), remembered=remembered)
    query = read(text, today=ctx.today, previous=_load_query(state.last))
    if _key(text) in state.remembered:
        # A question whose reading was chosen before reads that way again, not as a follow-up.
        query = _remembered(read(text, today=ctx.today), state) or query
    if query.kind == "unknown" and not query.choices and ctx.llm is not None:
        query = read_with_model(text, today=ctx.today, settings=ctx.llm) or query
    return query, state


def _respond(query, text, ctx, state, changes: Changes, command) -> tuple[Reply, Conversation]:
    if query.choices:
        offered = tuple(to_dict(c.query) for c in query.choices)
        return _ask_back(query, ctx), state.but(choices=offered)
    if query.kind == "confirm":
        return _confirm(ctx, state, changes)
    if query.kind == "cancel":
        return _cancel(query, ctx, state)
    if query.kind == "undo":
        return _undo(ctx, state, changes)
    if query.is_write and query.kind in changes.kinds:
        typed = _typed_as_command(text, ctx) if command is None else command
        return _change(query, ctx, state, changes, at_once=typed)
    if query.kind in changes.kinds and changes.show is not None:
        reply = replace(changes.show(query, ctx), reading=reading(query, ctx))
    else:
        reply = answer(query, ctx)
    if query.kind in _NOT_CONTEXT:
        return reply, state.but(choices=())
    # Asking something else drops a change still waiting: a late "yes" must not surprise.
    return reply, state.but(last=to_dict(query), pending=None, choices=())


# --- Choosing between readings -------------------------------------------------------------


def _chosen(text: str, state: Conversation) -> Query | None:
    """The reading picked from those offered: by its number, or by its kind's word."""
    if not state.choices:
        return None
    offered = [_load_query(c) for c in state.choices]
    number = _NUMBER.match(text)
    if number and int(number[1]) <= len(offered):
        return offered[int(number[1]) - 1]
    word = text.strip().lower().strip(".!?")
    for query, choice in zip(offered, state.choices):
        if word in (query.kind, choice.get("kind")):
            return query
    return None


def _remembered(query: Query, state: Conversation) -> Query | None:
    kind = state.remembered.get(_key(query.text)) if query.choices else None
    return next((c.query for c in query.choices if c.query.kind == kind), None)


def _ask_back(query: Query, ctx: Context) -> Reply:
    buttons = tuple(
        Button(_choice_text(choice, ctx), str(n)) for n, choice in enumerate(query.choices, 1)
    )
    lines = "\n".join(f"{n}. {b.text}" for n, b in enumerate(buttons, 1))
    return Reply(
        title="Which one did you mean?",
        text=f"_{query.text.strip()}_ could mean:\n{lines}",
        kind="help",
        buttons=buttons,
    )


def _choice_text(choice: Choice, ctx: Context) -> str:
    said = reading(choice.query, ctx).removeprefix("I read: ").rstrip(".")
    return said[:1].upper() + said[1:] if said else choice.text


def _key(text: str | None) -> str:
    return " ".join((text or "").lower().split()).strip(" ?!.")


# --- Changes ---------------------------------------------------------------------------------


def _typed_as_command(text: str, ctx: Context) -> bool:
    """ "label 1234 walk", "units km", "events add ...": a command says exactly what to do."""
    intent = parser.command(text, today=ctx.today)
    return intent is not None and intent.name in ("label", "events", "units")


def _change(query, ctx, state, changes: Changes, *, at_once: bool) -> tuple[Reply, Conversation]:
    said = reading(query, ctx)
    try:
        change = changes.plan(query, ctx)
    except writes.NothingToChange as exc:
        text = str(exc)
        reply = Reply("Nothing to change", text[:1].upper() + text[1:] + ".", reading=said)
        return replace(reply, personal=True), state.but(pending=None)
    except WorkoutsError as exc:
        return replace(error_reply(str(exc)), reading=said), state.but(pending=None)
    if at_once and not change.bulk:
        reply = changes.perform(change.do, ctx)
        return replace(reply, reading=said), state.but(
            undo=change.to_dict(), pending=None, last=to_dict(query)
        )
    reply = Reply(
        title="Shall I?",
        text=f"I will {change.summary}. Say *yes* to do it or *no* to leave it.",
        reading=said,
        personal=True,
        buttons=(Button("Yes, do it", "yes", "primary"), Button("No", "no")),
    )
    return reply, state.but(pending={"change": change.to_dict()}, last=to_dict(query))


def _confirm(ctx, state: Conversation, changes: Changes) -> tuple[Reply, Conversation]:
    pending = state.waiting()
    if pending is None:
        return answer(Query("confirm"), ctx), state.but(pending=None)
    change = writes.Change.from_dict(pending["change"])
    reply = changes.perform(change.do, ctx)
    return reply, state.but(pending=None, undo=change.to_dict())


def _cancel(query: Query, ctx, state: Conversation) -> tuple[Reply, Conversation]:
    pending = state.waiting()
    if pending is None:
        return answer(query, ctx), state.but(pending=None)
    summary = pending["change"]["summary"]
    reply = Reply(
        title="Left as it was",
        text=f"Nothing changed: I will not {summary}.",
        personal=True,
    )
    return reply, state.but(pending=None)


def _undo(ctx, state: Conversation, changes: Changes) -> tuple[Reply, Conversation]:
    if state.undo is None:
        return answer(Query("undo"), ctx), state
    change = writes.Change.from_dict(state.undo)
    done = changes.perform(change.undo, ctx)
    reply = replace(
        done,
        title="Undone",
        text=f"I took back the last change (to {change.summary}). {done.text}",
    )
    return reply, state.but(undo=None)


def _load_query(data: dict | None) -> Query | None:
    if not data:
        return None
    try:
        return from_dict(data)
    except (ValueError, TypeError, KeyError):
        return None  # written by an older version: a fresh start, not an error
