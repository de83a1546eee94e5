"""Answering: one engine for every query, one plain function per kind of answer, chosen from a
routing table.

Every answer takes a :class:`~bot.language.query.Query` and a Context and returns a Reply that
opens with the reading of the question (:mod:`bot.answers.reading`). Bad input and missing data
become replies in words; an unexpected failure is logged and answered politely, never shown as
a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from bot.answers import (
    account,
    analysis,
    compare,
    conversation,
    day,
    explore,
    guide,
    history,
    routes,
    story,
    summary,
    training,
)
from bot.answers.reading import reading
from bot.context import Context
from bot.language.query import Query
from bot.language.reader import read
from bot.reply import Reply, error_reply
from etl.errors import WorkoutsError

log = logging.getLogger("workouts")

ROUTES: dict[str, Callable[[Query, Context], Reply]] = {
    "summary": summary.answer_summary,
    "day": day.answer_day,
    "trend": analysis.answer_trends,
    "anomalies": analysis.answer_anomalies,
    "consistency": analysis.answer_consistency,
    "streak": analysis.answer_streaks,
    "records": history.answer_records,
    "calendar": history.answer_calendar,
    "compare": compare.answer_compare,
    "story": story.answer_choco_effect,
    "briefing": story.answer_briefing,
    "why": account.answer_why,
    "map": routes.answer_map,
    "routes": routes.answer_routes,
    "label": account.answer_label,
    "events": account.answer_events,
    "units": account.answer_units,
    "model": account.answer_model,
    "schedule": conversation.answer_schedule,
    "sql": explore.answer_sql,
    "export": explore.answer_export,
    "undo": conversation.answer_undo,
    "confirm": conversation.answer_confirm,
    "cancel": conversation.answer_cancel,
    "greeting": guide.answer_greeting,
    "help": guide.answer_help,
    "unknown": guide.answer_unknown,
    "training": training.answer_training,
    "goal": account.answer_goal,
}


def answer(query: Query, ctx: Context) -> Reply:
    """The reply to one query for the asker in ``ctx``, opening with its reading."""
    handler = ROUTES.get(query.kind, guide.answer_unknown)
    try:
        reply = handler(query, ctx)
    except WorkoutsError as exc:
        return error_reply(str(exc))
    except Exception:
        log.exception("answering %r failed", query.kind)
        return error_reply(
            "Something went wrong while answering that; it has been logged.",
            hint="Try `help` for what I can do.",
        )
    if reply.reading or reply.kind == "error":
        return reply
    return replace(reply, reading=reading(query, ctx))


def ask(text: str, ctx: Context, previous: Query | None = None) -> Reply:
    """Read ``text`` as of ``ctx.today`` (a follow-up of ``previous``) and answer it."""
    return answer(read(text, today=ctx.today, previous=previous), ctx)
