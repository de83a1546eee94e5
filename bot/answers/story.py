"""Story answers, shared with the channel: the Choco effect and the briefing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np
import pandas as pd

from analytics import charts as draw
from analytics.briefing import daily_briefing
from analytics.frame import FOOT_LABELS, OUTLIER, RUN, by_day
from analytics.frame import plural as wf_plural
from analytics.life_events import compare_event, detect_regime_changes
from bot import wording as fmt
from bot.answers.common import (
    measure_text,
    no_data,
    period_when,
    rows_in,
    singular,
    workouts_said,
)
from bot.answers.explore import chosen_in, not_used, selects, with_output
from bot.answers.goals import goals_reply
from bot.answers.training import EFFORTS, run_efforts
from bot.context import Context
from bot.language.query import Query
from bot.reply import Button, Reply, Table
from etl.db.life_events import DOG


def answer_choco_effect(query: Query, ctx: Context) -> Reply:
    """Before and after the asker's life event (the one named, else one of the kind said, else
    the first): of the workouts asked about (classes, activity, distance band) in the period
    asked, led by the measure asked (how often, pace, distance...), in the unit asked."""
    if ctx.frame.empty:
        return no_data()
    if query.action == "changes":
        return _changes(ctx)
    if query.action == "pick_date":
        return Reply(
            title="Before and after which date?",
            text="Say the month, e.g. _before and after March 2019_, and I will tell that story.",
            kind="help",
        )
    if query.action == "name":
        when = f" in {query.event_date:%B %Y}" if query.event_date else ""
        return Reply(
            title="What happened then?",
            text=f"Tell me in a few words, e.g. _we got our dog Choco{when or ' in August 2018'}_"
            " or _started marathon training on 2019-01-15_; I will ask before saving it.",
            kind="help",
        )
    event, picked_note = _pick_event(ctx, query.event_name, query.event_kind)
    unnamed = None
    if query.event_date is not None and not query.event_name:
        event, picked_note, unnamed = (None, query.event_date), "", query.event_date
    elif event is None:
        changes = detect_regime_changes(ctx.frame, names=ctx.names)
        if not changes:
            return _suggest_event(ctx, query)
        event, unnamed = (None, changes[0].date), changes[0].date
    name, day = event
    said = name  # how the story names its turning point
    if unnamed is not None:
        name, said = f"Before and after {unnamed:%B %Y}", f"{unnamed:%B %Y}"
    unit = query.unit or ctx.units
    frame = chosen_in(ctx.frame, query)
    comparison = compare_event(frame, event_date=day, name=said, names=ctx.names)
    before, after = comparison.before, comparison.after
    asked = selects(query) or query.measure is not None
    what = workouts_said(query, ctx)
    facts = (
        (
            f"{what} a month" if selects(query) else "workouts a month",
            f"{_rate(before.per_month)} → {_rate(after.per_month)}",
        ),
        ("change", "-" if comparison.factor is None else f"×{comparison.factor:.1f}"),
        ("consistency", f"{_score(before.consistency)} → {_score(after.consistency)}"),
    )
    chart = draw.choco_timeline(
        frame,
        event_date=day,
        event_name=said,
        unit=unit,
        names=ctx.names,
        today=ctx.today,
        dog_since=_dog_since(ctx),
    )
    if asked:
        text = _story_text(comparison, frame, query, ctx, unit)
        table = _asked_table(frame, ctx.frame, day, query, ctx, unit)
    else:
        text = comparison.headline(unit=unit, names=ctx.names)
        table = _mix_table(before, after, unit, ctx.names)
    if query.period:
        text += f" Only workouts {period_when(query.period)} count."
    reasons = {
        "aggregate": "the story sets the months before the event against the months after",
        "by": "the story sets the months before the event against the months after",
    }
    if len(query.periods) > 1:
        reasons["periods"] = "the story is told over one period; I used the first"
    notes = " ".join(x for x in (picked_note, not_used(query, ctx, reasons)) if x)
    reply = Reply(
        title=name if unnamed is not None else f"The {name} effect",
        text=f"{text}\n{notes}" if notes else text,
        facts=facts,
        table=table,
        charts=(chart,),
    )
    if unnamed is not None:
        reply = _unnamed(reply, unnamed, ctx)
    return with_output(reply, query, "story")


def _dog_since(ctx: Context):
    """The date of the asker's first dog event (walks are dog walks from then on), or None."""
    events = ctx.events()
    if events.empty or "kind" not in events.columns:
        return None
    dogs = events.loc[events["kind"] == DOG, "event_date"]
    return min(dogs) if len(dogs) else None


def _unnamed(reply: Reply, day, ctx: Context) -> Reply:
    """A story at a date with no event named yet: the question whether this is when something
    happened, and the ways on (name it in a form, another date, the other changes)."""
    ask = (
        f"\nNothing is named at {day:%B %Y} yet. Was it when something happened (a dog, an "
        "injury, a new job)? Name it and I will tell this story under its name."
    )
    buttons = (
        Button(
            "That's it: name it",
            f"name the change of {day:%B %Y}",
            "primary",
            form="event",
            fill=(("date", day.isoformat()),),
        ),
        Button("Pick another date", "pick another date", form="event"),
        Button("Show other changes", "show other changes"),
    )
    return replace(reply, text=reply.text + ask, buttons=buttons)


def _changes(ctx: Context) -> Reply:
    """The changes found in the history, strongest first, each a story a click away."""
    changes = detect_regime_changes(ctx.frame, names=ctx.names)
    if not changes:
        return Reply(
            title="No clear changes",
            text="I found no month where your training changed for good.",
            kind="help",
        )
    lines = "\n".join(f"• {c.suggestion.removesuffix(' Add it as an event?')}" for c in changes)
    buttons = tuple(Button(f"{c.date:%B %Y}", f"before and after {c.date:%B %Y}") for c in changes)
    return Reply(
        title="Where your training changed",
        text=f"Strongest first:\n{lines}\nPick one to see its story.",
        buttons=buttons,
    )


def answer_briefing(query: Query, ctx: Context) -> Reply:
    """The morning briefing for a day (default today: yesterday's workouts), in the unit asked;
    with the consistency chart when asked for a chart."""
    day = query.period.start if query.period and query.period.start else ctx.today
    unit = query.unit or ctx.units
    brief = daily_briefing(ctx.frame, day=day, unit=unit, names=ctx.names)
    advice = "\n".join(f"• {r.text}" for r in brief.recommendations)
    facts = []
    if brief.consistency is not None:
        weakest = brief.consistency.weakest or "-"
        facts.append(("consistency", f"{brief.consistency.score:.0f}/100 (weakest: {weakest})"))
    if brief.streaks is not None:
        facts.append(
            (
                "streak",
                f"{fmt.count(brief.streaks.current_daily.length, 'day')}, "
                f"{fmt.count(brief.streaks.current_weekly.length, 'week')}",
            )
        )
    if brief.trend is not None and brief.trend.enough_data:
        facts.append((f"{fmt.label(RUN, names=ctx.names)} pace trend", brief.trend.direction))
    facts += [("record", _record_text(r, unit)) for r in brief.records]
    whole = "the briefing is about all your workouts of the day before"
    notes = not_used(query, ctx, dict.fromkeys(_SELECTING, whole))
    if len(query.periods) > 1:
        notes = f"{notes} A briefing is for one day: I used the first.".strip()
    charts = ()
    if query.output == "chart":
        if brief.consistency is not None:
            charts = (draw.consistency_chart(brief.consistency, names=ctx.names),)
        else:
            notes = f"{notes} There is no chart: no consistency score yet.".strip()
    text = f"{brief.headline}\n{advice}"
    extra = briefing_extras(ctx, day, unit)
    text += f"\n{extra}" if extra else ""
    reply = Reply(
        title=f"Briefing for {day:%A %d %B %Y}",
        text=f"{text}\n{notes}" if notes else text,
        facts=tuple(facts),
        table=_yesterday_table(brief, unit, ctx.names),
        charts=charts,
    )
    return with_output(reply, query, f"briefing-{day}")


_SELECTING = ("measure", "aggregate", "by", "classes", "activity", "band")


def briefing_extras(ctx: Context, day, unit: str) -> str:
    """What a briefing of ``day`` adds from the asker's store: best efforts inside the day
    before's runs that beat every earlier one, and the goals' progress."""
    lines = (_new_efforts(ctx, day - timedelta(days=1), unit), _goals_line(ctx))
    return "\n".join(line for line in lines if line)


def _new_efforts(ctx: Context, day, unit: str) -> str:
    """Best efforts found inside ``day``'s runs that beat every one before: "New 5 km best
    inside yesterday's 8.0 mi run: 22:31 (was 23:10)"."""
    runs = ctx.frame[ctx.frame["label"] == RUN]
    stored = run_efforts(ctx, runs)
    if stored.empty:
        return ""
    dates = pd.to_datetime(stored["workout_date"]).dt.date
    said = []
    for distance, name in EFFORTS:
        at = stored[stored["distance_m"] == distance]
        new = at[dates[at.index] == day]
        old = at[dates[at.index] < day]
        if new.empty or old.empty or new["seconds"].min() >= old["seconds"].min():
            continue
        best = new.loc[new["seconds"].idxmin()]
        run = runs[runs["id"] == best["workout_id"]].iloc[0]
        was = fmt.duration(float(old["seconds"].min()))
        said.append(
            f"New {name} best inside the {fmt.distance(run['distance_m'], unit)} run of {day}: "
            f"{fmt.duration(float(best['seconds']))} (was {was})."
        )
    return " ".join(said)


def _goals_line(ctx: Context) -> str:
    """The goals' progress in one line each, or nothing without goals."""
    goals = goals_reply(ctx)
    return goals.text if goals.table is not None and goals.table.rows else ""


def _pick_event(ctx: Context, wanted: str | None, kind: str | None = None):
    """The event asked about and a note when it is not the one asked for: ((name, date), note),
    or (None, "") when the asker has no events."""
    events = ctx.events()
    if events.empty:
        return None, ""
    note = ""
    if wanted:
        match = events[events["name"].str.lower().str.contains(wanted.lower(), regex=False)]
        if match.empty:
            note = (
                f"No life event of yours is called '{wanted}'; I used '{events.iloc[0]['name']}'."
            )
        events = match if not match.empty else events
    elif kind and kind != "other" and "kind" in events.columns:
        match = events[events["kind"] == kind]
        if match.empty:
            said = kind.replace("_", " ")
            note = f"You have no {said} event; I used '{events.iloc[0]['name']}'."
        events = match if not match.empty else events
    first = events.iloc[0]
    return (first["name"], first["event_date"]), note


# A story's measure -> the column it reads and how a value is said.
_STORY_MEASURES = {
    "pace": ("avg_pace_s_per_km", "pace"),
    "distance": ("distance_m", "distance"),
    "duration": ("duration_s", "time"),
    "calories": ("calories_kcal", "calories"),
}


def _groups(frame: pd.DataFrame, query: Query, ctx: Context) -> list[tuple[str, pd.DataFrame]]:
    """The groups a story's medians are of: each class asked; else the foot classes (or, with
    an activity or band, all the workouts asked as one group). Outliers never count."""
    frame = frame[frame["label"] != OUTLIER]
    if query.classes:
        labels = [c for c in query.classes if c != OUTLIER]
        return [(fmt.label(c, names=ctx.names), frame[frame["label"] == c]) for c in labels]
    if selects(query):
        return [(singular(workouts_said(query, ctx)), frame)]
    return [
        (fmt.label(c, names=ctx.names), frame[frame["label"] == c])
        for c in FOOT_LABELS
        if c != OUTLIER
    ]


def _median(rows: pd.DataFrame, column: str) -> float | None:
    if column not in rows.columns:
        return None
    values = pd.to_numeric(rows[column], errors="coerce")
    known = values[np.isfinite(values) & (values > 0)]
    return float(known.median()) if len(known) else None


def _said(value: float | None, measure: str, unit: str) -> str:
    if value is None:
        return "-"
    if measure == "calories":
        return f"{value:,.0f} kcal"
    return measure_text(value, measure, unit)


def _story_text(comparison, frame: pd.DataFrame, query: Query, ctx: Context, unit: str) -> str:
    """The story of the workouts asked about, the measure asked first: "Since Choco arrives
    (2018-06-01): median run pace 9:41 min/mi (was 10:02 min/mi); runs a month 8.1, down from
    12.0 (x0.7)."""
    when = f"{comparison.name} ({comparison.event_date})"
    before, after = comparison.before, comparison.after
    what = workouts_said(query, ctx)
    if before.workouts == 0 and after.workouts == 0:
        return f"No {what} on either side of {when}, so nothing to compare."
    rate = f"{what} a month {_rate(after.per_month)}, was {_rate(before.per_month)}"
    if comparison.factor is not None:
        rate += f" (×{comparison.factor:.1f})"
    if query.measure in _STORY_MEASURES:
        measures = [query.measure]
    elif query.measure in ("frequency", "count"):
        measures = []
    else:
        measures = ["pace", "distance"]
    event = pd.Timestamp(comparison.event_date)
    clauses = []
    for measure in measures:
        column, noun = _STORY_MEASURES[measure]
        for name, rows in _groups(frame, query, ctx):
            side = by_day(rows) < event
            was, now = _median(rows[side], column), _median(rows[~side], column)
            if was is None and now is None:
                clauses.append(f"no {name} {noun} to compare")
                continue
            now_said, was_said = _said(now, measure, unit), _said(was, measure, unit)
            clauses.append(f"median {name} {noun} {now_said} (was {was_said})")
    clauses = [*clauses, rate] if query.measure in _STORY_MEASURES else [rate, *clauses]
    return f"Since {when}: " + "; ".join(clauses) + "."


def _asked_table(frame, everything, day, query: Query, ctx: Context, unit: str) -> Table:
    """Each group asked about before and after: its share of all workouts and its median pace
    and distance."""
    event = pd.Timestamp(day)
    everything = rows_in(everything, query.period)
    whole = by_day(everything) < event
    totals = int(whole.sum()), int((~whole).sum())
    rows = []
    for name, own in _groups(frame, query, ctx):
        side = by_day(own) < event
        counts = int(side.sum()), int((~side).sum())
        shares = [f"{n / t:.0%}" if t else "-" for n, t in zip(counts, totals)]
        rows.append(
            (
                wf_plural(name),
                *shares,
                _said(_median(own[side], "avg_pace_s_per_km"), "pace", unit),
                _said(_median(own[~side], "avg_pace_s_per_km"), "pace", unit),
                _said(_median(own[side], "distance_m"), "distance", unit),
                _said(_median(own[~side], "distance_m"), "distance", unit),
            )
        )
    columns = (
        "workouts",
        "share before",
        "share after",
        "pace before",
        "pace after",
        "distance before",
        "distance after",
    )
    return Table(columns, tuple(rows))


def _suggest_event(ctx: Context, query: Query) -> Reply:
    changes = detect_regime_changes(ctx.frame, names=ctx.names)
    if not changes:
        text = "You have no life events yet, and I found no clear change in your history."
    else:
        top = changes[0]
        text = f"You have no life events yet. {top.suggestion}"
    return Reply(
        title="No life event to compare",
        text=text + "\nAdd one with `events add 2018-06-01 we got our dog Choco`.",
        kind="help",
    )


def _mix_table(before, after, unit: str, names) -> Table:
    rows = []
    for label in FOOT_LABELS:
        if label == OUTLIER:
            continue
        b, a = before.labels.get(label), after.labels.get(label)
        rows.append(
            (
                fmt.label(label, plural=True, names=names),
                f"{before.mix.get(label, 0):.0%}",
                f"{after.mix.get(label, 0):.0%}",
                fmt.pace(
                    b.median_pace_s_per_km if b and b.median_pace_s_per_km else float("nan"), unit
                ),
                fmt.pace(
                    a.median_pace_s_per_km if a and a.median_pace_s_per_km else float("nan"), unit
                ),
            )
        )
    return Table(("class", "share before", "share after", "pace before", "pace after"), tuple(rows))


def _yesterday_table(brief, unit: str, names) -> Table | None:
    if not brief.yesterday:
        return None
    rows = tuple(
        (
            str(w.workout_id),
            fmt.label(w.label, names=names),
            fmt.distance(w.distance_m, unit),
            fmt.pace(w.pace_s_per_km, unit),
            f"{w.confidence:.2f}",
        )
        for w in brief.yesterday
    )
    return Table(("workout", "class", "distance", "pace", "confidence"), rows)


def _record_text(record, unit: str) -> str:
    return f"{record.title}: {fmt.record_value(record, unit)}"


def _rate(value) -> str:
    return "-" if value is None else f"{value:.1f}"


def _score(value) -> str:
    return "-" if value is None else f"{value:.0f}"
