"""Answering: one plain function per intent, chosen from a routing table.

Every answer takes an Intent and a Context and returns a Reply. Bad input and missing data
become replies in words; an unexpected failure is logged and answered politely, never shown as
a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.answers import account, analysis, explore, guide, history, routes, story
from bot.context import Context
from bot.language.intent import Intent
from bot.language.parser import parse
from bot.reply import Reply, error_reply
from etl.errors import WorkoutsError

log = logging.getLogger("workouts")

ROUTES: dict[str, Callable[[Intent, Context], Reply]] = {
    "help": guide.answer_help,
    "unknown": guide.answer_unknown,
    "choco_effect": story.answer_choco_effect,
    "briefing": story.answer_briefing,
    "compare": story.answer_compare,
    "anomalies": analysis.answer_anomalies,
    "trends": analysis.answer_trends,
    "consistency": analysis.answer_consistency,
    "calendar": history.answer_calendar,
    "stats": history.answer_stats,
    "records": history.answer_records,
    "why": account.answer_why,
    "label": account.answer_label,
    "model": account.answer_model,
    "events": account.answer_events,
    "units": account.answer_units,
    "sql": explore.answer_sql,
    "export": explore.answer_export,
    "map": routes.answer_map,
    "routes": routes.answer_routes,
}


def answer(intent: Intent, ctx: Context) -> Reply:
    """The reply to one intent for the asker in ``ctx``."""
    handler = ROUTES.get(intent.name, guide.answer_unknown)
    try:
        return handler(intent, ctx)
    except WorkoutsError as exc:
        return error_reply(str(exc))
    except Exception:
        log.exception("answering %r failed", intent.name)
        return error_reply(
            "Something went wrong while answering that; it has been logged.",
            hint="Try `help` for what I can do.",
        )


def ask(text: str, ctx: Context) -> Reply:
    """Parse ``text`` as of ``ctx.today`` and answer it."""
    return answer(parse(text, today=ctx.today), ctx)
