"""The App Home tab: a personal dashboard for the Slack user who opens it.

Built from the same answers and analytics as the commands (no second implementation of any
number): this week so far against a typical week by the same weekday, the consistency score of
the last 30 days and its weakest dimension, the life-event story (the first event; with none,
the strongest detected change with a button to name it), records, the last 30 days' anomalies,
the 8-week chart as an image, and buttons for common actions. An owner with no data gets a
welcome that says how to upload.

:func:`home_view` is pure (a Context in, a view out); :func:`publish_home` builds and publishes
it for one user (owner = team id + user id of the event, never anyone else's).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from slack_sdk import WebClient

from analytics import charts as draw
from analytics.briefing import week_so_far
from analytics.charts.spec import ChartImage
from analytics.consistency import consistency_score
from analytics.load import form_word, load_curves
from bot import wording as fmt
from bot.answers import answer
from bot.answers.goals import goals_reply
from bot.context import Context
from bot.language.intent import DateRange
from bot.language.query import Query
from bot.reply import Button, Reply
from bot.slack.blocks import MAX_SECTION, button_block, clip, escape
from bot.slack.services import Services

log = logging.getLogger("workouts.slack")

RECENT_DAYS = 30  # the window of the consistency score and of recent anomalies
SHOWN_RECORDS = 5
SHOWN_ANOMALIES = 3
CHART_WEEKS = 8
UPLOAD_HELP = "help upload"
REVIEW_LABELS = "review uncertain labels"
ACTIONS = (
    Button("How to upload", UPLOAD_HELP),
    Button("Schedule a briefing", "schedule a briefing", form="briefing"),
    Button("Review labels", REVIEW_LABELS),
)
WELCOME = (
    "I keep your workouts and answer questions about them. To start, send me your history: "
    "drop an export file (a MapMyRun CSV, a Strava or Garmin export ZIP, GPX/TCX/FIT files, "
    "or Apple Health's export.zip) into a channel I am in or into a direct message with me. "
    "I read it, classify every workout and reply in the file's thread; this page then "
    "becomes your dashboard."
)


def home_view(ctx: Context, *, chart_file_id: str | None = None) -> dict:
    """The Home tab of the owner of ``ctx``: the dashboard, or a welcome when they have no
    workouts yet. ``chart_file_id`` is the uploaded 8-week chart (no image block without it)."""
    if ctx.frame.empty:
        return _view(_welcome())
    blocks = [
        _header("Your workouts"),
        _context(f"As of {ctx.today:%A %d %B %Y} · distances in {ctx.units}"),
        *_this_week(ctx),
        *_consistency(ctx),
        *_training(ctx),
        {"type": "divider"},
        *_story(ctx),
        {"type": "divider"},
        *_records(ctx),
        *_anomalies(ctx),
    ]
    if chart_file_id:
        blocks.append(_chart_block(chart_file_id))
    blocks.append(_actions(ACTIONS, "home_actions"))
    return _view(blocks)


def home_chart(ctx: Context) -> ChartImage | None:
    """The 8-week chart of the Home tab (workouts per week to today), None with no workouts."""
    if ctx.frame.empty:
        return None
    return draw.weeks_chart(ctx.frame, end=ctx.today, weeks=CHART_WEEKS, names=ctx.names)


def publish_home(services: Services, client: WebClient, team_id: str, user_id: str) -> dict:
    """Build the Home tab of ``user_id`` in ``team_id`` and publish it; returns the view."""
    ctx = services.context(team_id, user_id)
    chart = home_chart(ctx)
    file_id = None
    if chart is not None:
        uploaded = client.files_upload_v2(
            file=chart.png, filename=chart.filename, title="Last 8 weeks", alt_txt=chart.alt[:1000]
        )
        file_id = uploaded["files"][0]["id"] if uploaded.get("files") else uploaded["file"]["id"]
    view = home_view(ctx, chart_file_id=file_id)
    client.views_publish(user_id=user_id, view=view)
    return view


def refresh_home(services: Services, client: WebClient, team_id: str, user_id: str) -> None:
    """Publish the Home tab again after a change (an upload, a label, an event); a failure is
    logged and never breaks the answer that caused it."""
    try:
        publish_home(services, client, team_id, user_id)
    except Exception:
        log.exception("refreshing the Home tab of %s failed", user_id)


def refresh_home_later(services: Services, client: WebClient, team_id: str, user_id: str):
    """:func:`refresh_home` on a thread of its own, so the answer that made the change is not
    kept waiting for the dashboard (about a second of analytics and a chart upload)."""
    thread = threading.Thread(
        target=refresh_home, args=(services, client, team_id, user_id), daemon=True
    )
    thread.start()
    return thread


# --- Sections --------------------------------------------------------------------------------


def _this_week(ctx: Context) -> list[dict]:
    """Workouts and distance from Monday to today, against the median of the last weeks at the
    same weekday (the briefing's own "typical week so far")."""
    week = week_so_far(ctx.frame, yesterday=ctx.today)
    unit = ctx.units
    now = f"{fmt.count(week.count, 'workout')} · {fmt.distance(week.distance_m, unit)}"
    if week.weeks_compared:
        typical = (
            f"typically {week.typical:g} · {fmt.distance(week.typical_distance_m, unit)} "
            f"by {ctx.today:%A} (median of the last {fmt.count(week.weeks_compared, 'week')})"
        )
    else:
        typical = "no typical week yet"
    fields = [("This week so far", now), ("A typical week by now", typical)]
    return [_fields(fields)]


def _consistency(ctx: Context) -> list[dict]:
    """The score of the last 30 days, as `consistency` answers it, and its weakest dimension."""
    start = ctx.today - timedelta(days=RECENT_DAYS - 1)
    score = consistency_score(ctx.frame, end=ctx.today, window_days=RECENT_DAYS, names=ctx.names)
    if not score.workouts:
        text = f"No workouts {fmt.period(start, ctx.today)}, so no consistency score."
        return [_section(f"*Consistency*\n{escape(text)}")]
    weakest = "-"
    if score.weakest:
        dimension = score.dimension(score.weakest)
        value = "" if dimension.score is None else f" ({dimension.score:.0f})"
        weakest = f"{score.weakest}{value}"
    fields = [
        ("Consistency, last 30 days", f"{score.score:.0f}/100"),
        ("Weakest", weakest),
    ]
    return [_fields(fields)]


def _training(ctx: Context) -> list[dict]:
    """Fitness, fatigue and form today, and the goals' progress, as their answers say them."""
    curves = load_curves(ctx.frame, end=ctx.today)
    now = curves.on(ctx.today) or curves.current
    fields = [
        ("Fitness (42-day load)", f"{now.fitness:.0f}"),
        ("Form", f"{now.form:+.0f}, {form_word(now.form)}"),
    ]
    blocks = [_fields(fields)]
    goals = goals_reply(ctx)
    if goals.table is not None and goals.table.rows:
        blocks.append(_section("*Goals*\n" + escape(goals.text)))
    return blocks


def _story(ctx: Context) -> list[dict]:
    """The life-event card: the story answer's title, headline and before/after numbers, and
    its buttons (name the change) when no event is named yet."""
    reply = answer(Query("story", text="choco-effect"), ctx)
    text = f"*{escape(reply.title)}*\n{escape(reply.text)}"
    blocks = [_section(text)]
    if reply.facts:
        blocks.append(_fields(list(reply.facts)))
    if reply.buttons:
        blocks.append(_actions(reply.buttons, "home_story"))
    return blocks


def _records(ctx: Context) -> list[dict]:
    reply = answer(Query("records", text="records"), ctx)
    if reply.table is None or not reply.table.rows:
        return [_section(f"*Records*\n{escape(reply.text)}")]
    lines = [f"• {title}: {value} ({day})" for title, value, day, *_ in reply.table.rows]
    return [_section("*Records*\n" + escape("\n".join(lines[:SHOWN_RECORDS])))]


def _anomalies(ctx: Context) -> list[dict]:
    """The anomalies answer for the last 30 days, its first few lines."""
    start = ctx.today - timedelta(days=RECENT_DAYS - 1)
    period = DateRange(start, ctx.today, f"last {RECENT_DAYS} days")
    reply = answer(Query("anomalies", text="anomalies", periods=(period,)), ctx)
    lines = [line for line in reply.text.splitlines() if line.strip()]
    bullets = [line for line in lines if line.startswith("•")]
    shown = [lines[0], *bullets[:SHOWN_ANOMALIES]] if bullets else lines[:1]
    if len(bullets) > SHOWN_ANOMALIES:
        shown.append(f"…and {len(bullets) - SHOWN_ANOMALIES} more: ask `anomalies`.")
    return [_section("*Recent anomalies*\n" + escape("\n".join(shown)))]


def _welcome() -> list[dict]:
    return [
        _header("Welcome to workouts"),
        _section(escape(WELCOME)),
        _context("Then ask me in plain words, e.g. `how many runs this month?` or `help`."),
        _actions((ACTIONS[0],), "home_actions"),
    ]


# --- Blocks ----------------------------------------------------------------------------------


def _view(blocks: list[dict]) -> dict:
    return {"type": "home", "blocks": blocks}


def _header(text: str) -> dict:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, 150)}}


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, MAX_SECTION)}]}


def _fields(pairs: list[tuple[str, str]]) -> dict:
    fields = [
        {"type": "mrkdwn", "text": clip(f"*{escape(name)}*\n{escape(value)}", 2000)}
        for name, value in pairs[:10]
    ]
    return {"type": "section", "fields": fields}


def _chart_block(file_id: str) -> dict:
    return {
        "type": "image",
        "slack_file": {"id": file_id},
        "alt_text": "Workouts per week, the last 8 weeks",
        "title": {"type": "plain_text", "text": "The last 8 weeks"},
    }


def _actions(buttons, block_id: str) -> dict:
    """Buttons as the replies' buttons are (a click says the reply in the DM, a form button
    opens its modal), under a block id of their own: a view's block ids must differ."""
    return {**button_block(Reply(title="", text="", buttons=tuple(buttons))), "block_id": block_id}
