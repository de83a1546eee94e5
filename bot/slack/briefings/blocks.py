"""The morning briefing as a Slack Block Kit post, within Slack's limits, plus its fallback text.

Three shapes: an active day (yesterday's workouts, the week, streaks and consistency as fields,
then anomalies, trend, records and recommendations, each only when there is something to say),
a quiet day (a short, friendly version) and a channel post briefing several people (a compact
section each). Every text that comes from data is escaped; the only raw ``<...>`` are the
intended ``<@U123>`` mentions of the people briefed in a channel post. Classes are named as
the briefing names them (``Briefing.names``: the owner's words, "walk" or "dog walk").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date

from analytics.briefing import Briefing, BriefWorkout, WeekSoFar
from analytics.consistency import ConsistencyScore, Streaks
from bot import wording as fmt
from bot.slack.blocks import (
    MAX_BLOCKS,
    MAX_FALLBACK,
    MAX_FIELD,
    MAX_FIELDS,
    MAX_HEADER,
    MAX_SECTION,
    MAX_TOTAL_TEXT,
    clip,
    escape,
)

SHOWN_WORKOUTS = 8  # yesterday's lines before "… and N more"
SHOWN_ANOMALIES = 3
SHOWN_RECOMMENDATIONS = 3
PERSON_TEXT = 600  # a person's section in a channel post, so ~20 people fit the text budget
USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
OMITTED = ":scissors: {more} not shown to fit in Slack."


def briefing_blocks(
    brief: Briefing,
    *,
    unit: str,
    schedule_note: str,
    people: tuple[tuple[str, Briefing], ...] = (),
) -> tuple[list[dict], str]:
    """The briefing as Block Kit blocks and the plain notification text.

    ``unit`` ("mi" or "km") is for distances and paces; ``schedule_note`` goes in the closing
    context line (escaped; mrkdwn such as backticks is kept). With ``people`` ((Slack user id,
    their briefing) pairs) the post briefs each person compactly under their mention and
    ``brief`` is ignored (pass any briefing, e.g. the first person's); the header's date is the
    first person's day. A ``new_owner`` briefing (which callers normally skip) gets a one-line
    welcome.
    """
    day = people[0][1].day if people else brief.day
    title = f"Morning briefing · {_day(day)}"
    if people:
        body, notes = _people(people), []
        fallback = f"{title}: {fmt.count(len(people), 'person')}"
    elif brief.status == "new_owner":
        body = [_section(":wave: Welcome! " + escape(_first_recommendation(brief)))]
        notes, fallback = [], f"{title}: welcome"
    elif brief.status == "quiet_day":
        body, notes = _quiet(brief), []
        fallback = f"{title}: {brief.headline}"
    else:
        body, notes = _active(brief, unit), []
        fallback = f"{title}: {brief.headline}"
    if schedule_note:
        notes = [escape(schedule_note), *notes]
    noun = "person" if people else "section"
    return _fit(_header(title), body, notes, noun), _fallback(fallback)


def _active(brief: Briefing, unit: str) -> list[dict]:
    """Headline, yesterday, the figures as fields, then each section that has something."""
    blocks = [_section(escape(brief.headline))]
    if brief.yesterday:
        blocks.append(_section(_yesterday(brief.yesterday, unit, brief.names)))
    blocks.append(_fields(_facts(brief)))
    if brief.anomalies:
        lines = [
            f"• {a.workout_date:%a %d %b} ({escape(fmt.label(a.label, names=brief.names))}): "
            f"{escape(a.reason)}"
            for a in brief.anomalies[:SHOWN_ANOMALIES]
        ]
        blocks.append(_section("*Unusual lately*\n" + "\n".join(lines)))
    if brief.trend is not None and brief.trend.enough_data and brief.trend.headline:
        blocks.append(_section(f"*Trend*\n{escape(brief.trend.headline)}"))
    if brief.records:
        lines = [
            f"• {escape(r.title)}: {escape(fmt.record_value(r, unit))}"
            + (f" (was {escape(fmt.record_value(r.previous, unit))})" if r.previous else "")
            for r in brief.records
        ]
        blocks.append(_section(":trophy: *Records broken*\n" + "\n".join(lines)))
    if brief.recommendations:
        blocks.append(_recommendations(brief))
    return blocks


def _quiet(brief: Briefing) -> list[dict]:
    """The short version for the morning after a rest day."""
    lines = [
        escape(brief.headline),
        f"*Week so far:* {escape(_week(brief.week, brief.names))}",
        f"*Streak:* {escape(_streak(brief.streaks))}",
    ]
    blocks = [_section("\n".join(lines))]
    if brief.recommendations:
        blocks.append(_recommendations(brief))
    return blocks


def _people(people: tuple[tuple[str, Briefing], ...]) -> list[dict]:
    """A divider and a compact section per person; the text budget decides how many fit."""
    blocks: list[dict] = []
    for user, brief in people:
        who = f"<@{user}>" if USER_ID.fullmatch(user) else escape(user)
        if brief.status == "new_owner":
            lines = [f"*{who}*", "No workouts yet: send a workout history to be briefed."]
        else:
            lines = [
                f"*{who}*",
                escape(brief.headline),
                f"*Week so far:* {escape(_week(brief.week, brief.names))}",
            ]
            if brief.recommendations:
                lines.append(f"*Today:* {escape(brief.recommendations[0].text)}")
        blocks += [{"type": "divider"}, _section(clip("\n".join(lines), PERSON_TEXT))]
    return blocks


def _yesterday(workouts: tuple[BriefWorkout, ...], unit: str, names: Mapping[str, str]) -> str:
    lines = []
    for w in workouts[:SHOWN_WORKOUTS]:
        parts = [f"*{escape(fmt.label(w.label, names=names))}*"]
        if not _missing(w.distance_m):
            parts.append(fmt.distance(w.distance_m, unit))
        if not _missing(w.pace_s_per_km):
            parts.append(fmt.pace(w.pace_s_per_km, unit))
        if not _missing(w.confidence):
            parts.append(f"{w.confidence:.0%} sure")
        lines.append("• " + " · ".join(parts))
    if len(workouts) > SHOWN_WORKOUTS:
        lines.append(f"… and {len(workouts) - SHOWN_WORKOUTS} more")
    return "*Yesterday*\n" + "\n".join(lines)


def _facts(brief: Briefing) -> list[tuple[str, str]]:
    return [
        ("Week so far", _week(brief.week, brief.names)),
        ("Streak", _streak(brief.streaks)),
        ("Consistency", _consistency(brief.consistency)),
    ]


def _week(week: WeekSoFar, names: Mapping[str, str]) -> str:
    """ "3 workouts (2 runs, 1 walk), typically 4 by now"; by class when there are several."""
    text = fmt.count(week.count, "workout")
    if len(week.by_label) > 1:
        mix = ", ".join(
            fmt.count(n, fmt.label(str(k), names=names))
            for k, n in sorted(week.by_label.items(), key=lambda kv: -kv[1])
        )
        text += f" ({mix})"
    if _missing(week.typical):
        return text + ", no typical week yet"
    return text + f", typically {week.typical:g} by now"


def _streak(streaks: Streaks | None) -> str:
    """ "daily 3 days · weekly 5 weeks": a daily streak counts only if it reached yesterday
    (``as_of``), a weekly one while this week or last had a workout."""
    if streaks is None:
        return "none yet"
    daily = streaks.current_daily
    days = daily.length if daily.end == streaks.as_of else 0
    weeks = streaks.current_weekly.length
    parts = [f"daily {fmt.count(days, 'day')}"] if days else []
    parts += [f"weekly {fmt.count(weeks, 'week')}"] if weeks else []
    return " · ".join(parts) or "none running"


def _consistency(score: ConsistencyScore | None) -> str:
    if score is None or not score.workouts:
        return "not enough workouts yet"
    text = f"{score.score:.0f}/100"
    if score.weakest:
        weakest = score.dimension(score.weakest)
        value = "" if weakest.score is None else f" {weakest.score:.0f}"
        text += f" · weakest: {score.weakest}{value}"
    return text


def _recommendations(brief: Briefing) -> dict:
    lines = [f"• {escape(r.text)}" for r in brief.recommendations[:SHOWN_RECOMMENDATIONS]]
    return _section(":bulb: *For today*\n" + "\n".join(lines))


def _first_recommendation(brief: Briefing) -> str:
    if brief.recommendations:
        return brief.recommendations[0].text
    return "Send your workout history to get your first briefing."


def _day(day: date) -> str:
    """ "Wednesday 31 December"."""
    return f"{day:%A} {day.day} {day:%B}"


def _header(title: str) -> dict:
    text = clip(title, MAX_HEADER)
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}}


def _fields(facts: list[tuple[str, str]]) -> dict:
    fields = [
        {"type": "mrkdwn", "text": clip(f"*{escape(name)}*\n{escape(value)}", MAX_FIELD)}
        for name, value in facts[:MAX_FIELDS]
    ]
    return {"type": "section", "fields": fields}


def _fit(header: dict, body: list[dict], notes: list[str], noun: str) -> list[dict]:
    """Header, the body blocks that fit the block count and text budget, and the context.

    A body block that does not fit is left out with all after it (they are in order of
    importance, or one person each), and the context says how many."""
    omitted = len(OMITTED.format(more="99,999 more sections"))  # the longest it can be
    budget = MAX_TOTAL_TEXT - _size(header) - sum(len(n) for n in notes) - omitted - 10
    room = MAX_BLOCKS - 2  # header and context
    kept: list[dict] = []
    for block in body:
        if len(kept) >= room or _size(block) > budget:
            break
        kept.append(block)
        budget -= _size(block)
    if kept and kept[-1]["type"] == "divider":
        kept.pop()
    left_out = sum(1 for b in body[len(kept) :] if b["type"] != "divider")
    if left_out:
        notes = [*notes, OMITTED.format(more=fmt.count(left_out, f"more {noun}"))]
    elements = [{"type": "mrkdwn", "text": clip(n, MAX_SECTION)} for n in notes]
    return [header, *kept, *([{"type": "context", "elements": elements}] if elements else [])]


def _size(block: dict) -> int:
    texts = [block.get("text"), *block.get("fields", []), *block.get("elements", [])]
    return sum(len(t["text"]) for t in texts if t)


def _fallback(text: str) -> str:
    """One line of at most :data:`MAX_FALLBACK` characters, escaped."""
    line = " ".join(text.split())
    return clip(escape(line), MAX_FALLBACK)


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
