"""Story answers, shared with the channel: the Choco effect and the briefing."""

from __future__ import annotations

from analytics.briefing import daily_briefing
from analytics.charts import choco_timeline
from analytics.frame import FOOT_LABELS, OUTLIER, REAL_RUN
from analytics.life_events import compare_event, detect_regime_changes
from bot import wording as fmt
from bot.answers.common import no_data
from bot.context import Context
from bot.language.query import Query
from bot.reply import Reply, Table


def answer_choco_effect(query: Query, ctx: Context) -> Reply:
    """Before and after the asker's life event (the named one, else the first)."""
    if ctx.frame.empty:
        return no_data()
    event = _pick_event(ctx, query.event_name)
    if event is None:
        return _suggest_event(ctx, query)
    name, day = event
    comparison = compare_event(ctx.frame, event_date=day, name=name, names=ctx.names)
    before, after = comparison.before, comparison.after
    facts = (
        ("workouts a month", f"{_rate(before.per_month)} → {_rate(after.per_month)}"),
        ("change", "-" if comparison.factor is None else f"×{comparison.factor:.1f}"),
        ("consistency", f"{_score(before.consistency)} → {_score(after.consistency)}"),
    )
    chart = choco_timeline(
        ctx.frame, event_date=day, event_name=name, unit=ctx.units, names=ctx.names
    )
    return Reply(
        title=f"The {name} effect",
        text=comparison.headline(unit=ctx.units, names=ctx.names),
        facts=facts,
        table=_mix_table(before, after, ctx.units, ctx.names),
        charts=(chart,),
    )


def answer_briefing(query: Query, ctx: Context) -> Reply:
    """The morning briefing for a day (default today: yesterday's workouts)."""
    day = query.period.start if query.period and query.period.start else ctx.today
    brief = daily_briefing(ctx.frame, day=day, unit=ctx.units, names=ctx.names)
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
        facts.append((f"{fmt.label(REAL_RUN, names=ctx.names)} pace trend", brief.trend.direction))
    facts += [("record", _record_text(r, ctx.units)) for r in brief.records]
    return Reply(
        title=f"Briefing for {day:%A %d %B %Y}",
        text=f"{brief.headline}\n{advice}",
        facts=tuple(facts),
        table=_yesterday_table(brief, ctx.units, ctx.names),
    )


def _pick_event(ctx: Context, wanted: str | None):
    events = ctx.events()
    if events.empty:
        return None
    if wanted:
        match = events[events["name"].str.lower().str.contains(wanted.lower(), regex=False)]
        events = match if not match.empty else events
    first = events.iloc[0]
    return first["name"], first["event_date"]


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
