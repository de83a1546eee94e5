"""The morning briefing as Block Kit, built from real briefings of the demo history: an active
day, a quiet day, a channel post for several people, and data that needs escaping."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest

from analytics import frame as wf
from analytics.briefing import Briefing, daily_briefing
from bot.slack.blocks import escape
from bot.slack.briefings.blocks import briefing_blocks
from etl.demo.mapmyrun import generate_history
from tests.analytics.conftest import workouts_frame_from_csv
from tests.bot.slack.test_blocks import check

NOTE = "Scheduled daily at 07:00 Europe/Paris · `/workouts briefing unschedule` to stop"
MENTION = re.compile(r"<@[UW][A-Z0-9]+>")


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    """The demo history labelled with its truth (non-foot workouts by category)."""
    history = generate_history()
    frame = workouts_frame_from_csv(history.csv_text)
    truth = frame["source_id"].map(history.truth.set_index("source_id")["label"])
    frame["label"] = truth.where(truth != "other", frame["category"])
    return frame


def workout_days(frame: pd.DataFrame) -> list[date]:
    return sorted(set(wf.by_day(frame).dt.date))


@pytest.fixture(scope="module")
def active_day(demo) -> date:
    """The morning after the last day with a workout."""
    return workout_days(demo)[-1] + timedelta(days=1)


@pytest.fixture(scope="module")
def quiet_day(demo) -> date:
    """The latest morning after a day without workouts, within the history."""
    days = set(workout_days(demo))
    day = max(days)
    while day - timedelta(days=1) in days:
        day -= timedelta(days=1)
    return day


@pytest.fixture(scope="module")
def active(demo, active_day) -> Briefing:
    brief = daily_briefing(demo, day=active_day)
    assert brief.status == "active" and brief.recommendations
    return brief


@pytest.fixture(scope="module")
def quiet(demo, quiet_day) -> Briefing:
    brief = daily_briefing(demo, day=quiet_day)
    assert brief.status == "quiet_day" and brief.recommendations
    return brief


def texts(blocks: list[dict]) -> list[str]:
    """Every text in the blocks, in order (sections, fields, context elements)."""
    found = []
    for block in blocks:
        objects = [block.get("text"), *block.get("fields", []), *block.get("elements", [])]
        found += [o["text"] for o in objects if o]
    return found


def everything(blocks: list[dict]) -> str:
    return "\n".join(texts(blocks))


def size(blocks: list[dict]) -> int:
    return sum(len(t) for t in texts(blocks))


def check_with_mentions(blocks: list[dict], text: str) -> list[dict]:
    """The structural check, with the intended ``<@U...>`` mentions (the only raw < >) allowed."""
    plain = json.loads(MENTION.sub("@someone", json.dumps(blocks)))
    check(plain, text)
    return blocks


def header(blocks: list[dict]) -> str:
    assert blocks[0]["type"] == "header"
    return blocks[0]["text"]["text"]


def expected_header(day: date) -> str:
    return f"Morning briefing · {calendar.day_name[day.weekday()]} {day.day} {day.strftime('%B')}"


def test_active_day(active, active_day):
    blocks, text = briefing_blocks(active, unit="mi", schedule_note=NOTE)
    check(blocks, text)
    assert header(blocks) == expected_header(active_day)
    assert blocks[1]["text"]["text"] == escape(active.headline)
    body = everything(blocks)
    for rec in active.recommendations:
        assert escape(rec.text) in body
    yesterday = next(t for t in texts(blocks) if t.startswith("*Yesterday*"))
    assert yesterday.count("\n• ") == len(active.yesterday)
    miles = active.yesterday[0].distance_m / 1609.344
    assert f"{miles:.1f} mi" in yesterday
    fields = next(b["fields"] for b in blocks if "fields" in b)
    names = [f["text"].split("\n")[0] for f in fields]
    assert names == ["*Week so far*", "*Streak*", "*Consistency*"]
    week, streak, score = (f["text"].split("\n", 1)[1] for f in fields)
    assert week.startswith(f"{active.week.count} workout")
    assert f"typically {active.week.typical:g}" in week
    assert f"weekly {active.streaks.current_weekly.length} week" in streak
    assert f"{active.consistency.score:.0f}/100" in score
    assert f"weakest: {active.consistency.weakest}" in score
    assert blocks[-1] == {"type": "context", "elements": [{"type": "mrkdwn", "text": NOTE}]}
    assert text.startswith(expected_header(active_day) + ": Yesterday:")


def test_yesterday_lines_show_class_distance_pace_and_confidence(active):
    workout = replace(active.yesterday[0], label=wf.WALK, confidence=0.874)
    brief = replace(active, yesterday=(workout,) * 10)
    blocks, text = briefing_blocks(brief, unit="mi", schedule_note=NOTE)
    check(blocks, text)
    yesterday = next(t for t in texts(blocks) if t.startswith("*Yesterday*"))
    first = yesterday.split("\n")[1]
    assert first.startswith("• *dog walk* · ") and first.endswith(" · 87% sure")
    assert "min/mi" in first
    assert yesterday.count("\n• ") == 8 and yesterday.endswith("… and 2 more")


def test_unit_km(active):
    blocks, _ = briefing_blocks(active, unit="km", schedule_note=NOTE)
    yesterday = next(t for t in texts(blocks) if t.startswith("*Yesterday*"))
    assert f"{active.yesterday[0].distance_m / 1000:.1f} km" in yesterday
    assert "min/km" in yesterday


def test_quiet_day_is_short_and_friendly(active, quiet, quiet_day):
    blocks, text = briefing_blocks(quiet, unit="mi", schedule_note=NOTE)
    check(blocks, text)
    assert header(blocks) == expected_header(quiet_day)
    body = everything(blocks)
    assert escape(quiet.headline) in body
    assert f"*Week so far:* {quiet.week.count} workout" in body
    assert "*Streak:*" in body
    for rec in quiet.recommendations:
        assert escape(rec.text) in body
    assert not any("fields" in b for b in blocks)
    assert "*Yesterday*" not in body and "*Trend*" not in body
    assert blocks[-1]["elements"][0]["text"] == NOTE
    full, _ = briefing_blocks(active, unit="mi", schedule_note=NOTE)
    assert len(blocks) < len(full)
    # the same briefing rendered as an active day is longer: the quiet version leaves things out
    as_active, _ = briefing_blocks(replace(quiet, status="active"), unit="mi", schedule_note=NOTE)
    assert size(blocks) < size(as_active)


def test_records_anomalies_and_trend_sections(demo, active_day):
    """Yesterday's run made absurdly long: a record and an anomaly, from the real analytics."""
    frame = demo.copy()
    last = frame.index[wf.by_day(frame) == pd.Timestamp(active_day - timedelta(days=1))][0]
    frame.loc[last, ["label", "distance_m"]] = [wf.RUN, 80_000.0]
    frame.loc[last, "duration_s"] = 80 * frame.loc[last, "avg_pace_s_per_km"]
    brief = daily_briefing(frame, day=active_day)
    assert brief.records and brief.anomalies
    blocks, text = briefing_blocks(brief, unit="mi", schedule_note=NOTE)
    check(blocks, text)
    body = everything(blocks)
    assert "*Records broken*" in body and "longest run" in body and "49.7 mi" in body
    unusual = next(t for t in texts(blocks) if t.startswith("*Unusual lately*"))
    assert escape(brief.anomalies[0].reason) in unusual
    assert "*Trend*\n" + escape(brief.trend.headline) in body
    many = replace(brief, anomalies=brief.anomalies * 5)
    unusual = next(
        t
        for t in texts(briefing_blocks(many, unit="mi", schedule_note="")[0])
        if t.startswith("*Unusual lately*")
    )
    assert unusual.count("\n• ") == 3


def test_sections_without_content_are_left_out(active):
    bare = replace(active, anomalies=(), records=(), trend=None, recommendations=())
    body = everything(briefing_blocks(bare, unit="mi", schedule_note=NOTE)[0])
    for title in ("*Unusual lately*", "*Records broken*", "*Trend*", "*For today*"):
        assert title not in body
    assert "*For today*" in everything(briefing_blocks(active, unit="mi", schedule_note="")[0])


def test_data_and_the_note_are_escaped(demo, active_day):
    frame = demo.copy()
    yesterday = wf.by_day(frame) == pd.Timestamp(active_day - timedelta(days=1))
    frame.loc[yesterday, "label"] = "<b>ride & co</b>"
    brief = daily_briefing(frame, day=active_day)
    note = "Scheduled <!channel> & <@U999>"
    blocks, text = briefing_blocks(brief, unit="mi", schedule_note=note)
    check(blocks, text)  # no raw < > and no bare & anywhere, mentions included
    body = everything(blocks)
    assert "&lt;b&gt;ride &amp; co&lt;/b&gt;" in body
    assert escape(note) in body
    assert "<" not in text and " & " not in text


def test_a_huge_headline_is_clipped_within_limits(active):
    huge = replace(active, headline="word " * 5000, status="active")
    blocks, text = briefing_blocks(huge, unit="mi", schedule_note=NOTE)
    check(blocks, text)
    assert all(len(t) <= 3000 for t in texts(blocks))
    assert len(text) <= 300


def test_new_owner_gets_a_one_line_welcome(demo):
    brief = daily_briefing(demo.iloc[:0], day=date(2026, 1, 1))
    assert brief.status == "new_owner"
    blocks, text = briefing_blocks(brief, unit="mi", schedule_note=NOTE)
    check(blocks, text)
    assert [b["type"] for b in blocks] == ["header", "section", "context"]
    assert "Welcome" in blocks[1]["text"]["text"] and "\n" not in blocks[1]["text"]["text"]


def test_several_people_in_a_channel(active, quiet, active_day):
    dummy = replace(active, headline="DUMMY HEADLINE")
    people = (("U0AAA1", active), ("U0BBB2", quiet), ("W0CCC3", active))
    blocks, text = briefing_blocks(dummy, unit="mi", schedule_note=NOTE, people=people)
    check_with_mentions(blocks, text)
    assert header(blocks) == expected_header(active_day)
    assert "DUMMY HEADLINE" not in everything(blocks) + text
    assert [b["type"] for b in blocks].count("divider") == 3
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert len(sections) == 3
    for (user, brief), section in zip(people, sections):
        assert section.startswith(f"*<@{user}>*\n")
        assert escape(brief.headline) in section
        assert f"*Week so far:* {brief.week.count} workout" in section
        assert escape(brief.recommendations[0].text) in section
        assert all(escape(r.text) not in section for r in brief.recommendations[1:])
    assert blocks[-1]["elements"][0]["text"] == NOTE


def test_a_user_id_that_is_not_one_is_not_a_mention(active):
    people = (("<!channel>", active), ("U0AAA1", active))
    blocks, text = briefing_blocks(active, unit="mi", schedule_note="", people=people)
    check_with_mentions(blocks, text)
    body = everything(blocks)
    assert "&lt;!channel&gt;" in body and "<!channel>" not in body
    assert "<@U0AAA1>" in body


@pytest.mark.parametrize("long", [False, True], ids=["block-limit", "text-limit"])
def test_a_crowded_channel_post_stays_within_limits(active, quiet, long):
    if long:  # long sections: the text budget runs out before the block count
        active = quiet = replace(active, headline="a long headline " * 40)
    people = tuple((f"U{n:05d}", active if n % 2 else quiet) for n in range(60))
    blocks, text = briefing_blocks(active, unit="mi", schedule_note=NOTE, people=people)
    check_with_mentions(blocks, text)
    shown = len(MENTION.findall(everything(blocks)))
    assert 10 <= shown < 60
    assert blocks[-1]["elements"][-1]["text"].startswith(f":scissors: {60 - shown} more people")
    assert blocks[-2]["type"] == "section"  # no dangling divider before the context


def test_classes_are_named_as_the_owners_briefing_names_them(demo, active_day):
    """An owner without a dog reads walks: in yesterday's lines and the records."""
    frame = demo.copy()
    last = frame.index[wf.by_day(frame) == pd.Timestamp(active_day - timedelta(days=1))][0]
    frame.loc[last, ["label", "distance_m"]] = [wf.WALK, 30_000.0]
    frame.loc[last, "duration_s"] = 30 * frame.loc[last, "avg_pace_s_per_km"]
    brief = daily_briefing(frame, day=active_day, names=wf.WALK_NAMES)
    blocks, text = briefing_blocks(brief, unit="mi", schedule_note=NOTE)
    check(blocks, text)
    body = everything(blocks) + text
    for anomaly in brief.anomalies:  # analytics.anomalies does not take the names yet
        body = body.replace(escape(anomaly.reason), "")
    assert "• *walk* · " in body and "dog" not in body
    assert "• longest walk: 18.6 mi" in body
    assert not re.search(r"real_run|pup_walk|run_walk|longest pup|_", body.replace(NOTE, ""))
    dog = briefing_blocks(daily_briefing(frame, day=active_day), unit="mi", schedule_note="")
    assert "• *dog walk* · " in everything(dog[0])


def test_counts_in_the_week_and_the_cut_agree_in_number(active, quiet):
    one = replace(active.week, count=1, by_label={wf.RUN: 1})
    blocks, _ = briefing_blocks(replace(active, week=one), unit="mi", schedule_note="")
    week = next(f["text"] for b in blocks if "fields" in b for f in b["fields"])
    assert week.startswith("*Week so far*\n1 workout, typically")
    mix = replace(active.week, count=3, by_label={wf.RUN: 2, wf.WALK: 1})
    for names, walk in ((wf.DOG_NAMES, "dog walk"), (wf.WALK_NAMES, "walk")):
        brief = replace(active, week=mix, names=names)
        blocks, _ = briefing_blocks(brief, unit="mi", schedule_note="")
        week = next(f["text"] for b in blocks if "fields" in b for f in b["fields"])
        assert f"3 workouts (2 runs, 1 {walk})" in week
    long = replace(active, headline="a long headline " * 40)
    people = tuple((f"U{n:05d}", long) for n in range(60))
    blocks, _ = briefing_blocks(long, unit="mi", schedule_note="", people=people)
    cut = blocks[-1]["elements"][-1]["text"]
    shown = len(MENTION.findall(everything(blocks)))
    more = 60 - shown
    who = "person" if more == 1 else "people"
    assert cut == f":scissors: {more} more {who} not shown to fit in Slack."
