"""Analysis answers: anomalies, trends with forecasts, the consistency score, streaks.

Each answers about the workouts the question picks (classes, activity, distance band) in its
period and unit; what an analysis cannot use is said back in the reply, never dropped."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

from analytics import charts as draw
from analytics.anomalies import METRIC_WORDS, find_anomalies
from analytics.consistency import consistency_score, streaks
from analytics.frame import OUTLIER, RUN
from analytics.trends import trend
from bot import wording as fmt
from bot.answers.common import (
    how_many,
    no_data,
    period_name,
    period_when,
    rows_in,
    singular,
    workouts_said,
)
from bot.answers.explore import chosen_in, not_used, selection, selects, with_output
from bot.context import Context
from bot.language.query import DateRange, Query
from bot.reply import Reply, Table

# A query's measure -> the trend analytic's metric (a count over time is a frequency).
_TREND_METRICS = {
    "pace": "pace",
    "distance": "distance",
    "duration": "duration",
    "frequency": "workouts_per_week",
    "count": "workouts_per_week",
}
# A query's measure -> the anomaly analytic's column.
_ANOMALY_COLUMNS = {"pace": "avg_pace_s_per_km", "distance": "distance_m", "duration": "duration_s"}
DEFAULT_DAYS = 30
TREND_DAYS = 365
SHOWN = 10


def answer_anomalies(query: Query, ctx: Context) -> Reply:
    """Unusual workouts in a range (default: the last 30 days), most severe first: of the
    classes, activity and distance band asked, on the measure asked (pace, distance, duration;
    default all three). Each is judged against its class's whole history."""
    if ctx.frame.empty:
        return no_data()
    start, end = _range(query, ctx, DEFAULT_DAYS)
    unit = query.unit or ctx.units
    metrics = (_ANOMALY_COLUMNS[query.measure],) if query.measure in _ANOMALY_COLUMNS else None
    report = find_anomalies(
        ctx.frame,
        start=start,
        end=end,
        unit=unit,
        names=ctx.names,
        **({"metrics": metrics} if metrics else {}),
    )
    frame, checked = ctx.frame, report.n_checked
    if selects(query):
        frame = selection(ctx.frame, query)
        ids = set(frame["id"].astype(int))
        report = replace(report, items=tuple(a for a in report.items if a.workout_id in ids))
        checked = len(rows_in(frame, DateRange(start, end, "")))
    when = fmt.period(start, end)
    what = workouts_said(query, ctx)
    among = f" in {what}" if selects(query) else ""
    value = f"unusual {METRIC_WORDS[metrics[0]][0]}" if metrics else "unusual value"
    notes = not_used(query, ctx, _anomaly_ignores(query))
    metric = metrics[0] if metrics else "avg_pace_s_per_km"
    if not report.items:
        text = f"No anomalies{among} {when}: {how_many(checked, what)} checked."
        if not report.enough_data:
            text = f"No anomalies{among} {when}: {report.note}"
        charts = ()
        if query.output == "chart":
            charts = (
                draw.anomalies_chart(frame, report, metric=metric, unit=unit, names=ctx.names),
            )
        reply = Reply(title=f"Anomalies{among} {when}", text=_join(text, notes), charts=charts)
        return with_output(reply, query, "anomalies")
    items = report.items[:SHOWN]
    bullets = "\n".join(f"• {a.workout_date}: {a.reason}" for a in items)
    more = f"\n…and {len(report.items) - SHOWN} more." if len(report.items) > SHOWN else ""
    if not metrics:
        metric = Counter(a.metric for a in report.items).most_common(1)[0][0]
    rows = tuple(
        (
            str(a.workout_date),
            str(a.workout_id),
            fmt.label(a.label, names=ctx.names),
            METRIC_WORDS[a.metric][0],
            ", ".join(_method(m) for m in a.methods),
            f"{a.severity:.1f}",
        )
        for a in items
    )
    counts = {m: sum(m in a.methods for a in report.items) for m in report.counts}
    found = fmt.count(len(report.items), value)
    reply = Reply(
        title=f"Anomalies{among} {when}",
        text=_join(f"{found}{among} {when}:\n{bullets}{more}", notes),
        facts=tuple((_method(method), str(n)) for method, n in counts.items()),
        table=Table(("date", "workout", "class", "metric", "methods", "severity"), rows),
        charts=(draw.anomalies_chart(frame, report, metric=metric, unit=unit, names=ctx.names),),
    )
    return with_output(reply, query, "anomalies")


def _anomaly_ignores(query: Query) -> dict[str, str]:
    reasons = {
        "aggregate": "anomalies list every unusual workout",
        "by": "anomalies list every unusual workout",
    }
    if query.measure not in _ANOMALY_COLUMNS:
        reasons["measure"] = "anomalies are found in pace, distance and duration only"
    if len(query.periods) > 1:
        reasons["periods"] = "anomalies are found in one period; I used the first"
    return reasons


def _join(text: str, notes: str) -> str:
    return f"{text}\n{notes}" if notes else text


def answer_trends(query: Query, ctx: Context) -> Reply:
    """A metric's trend with its confidence interval and a forecast (default: run pace, a year),
    of the classes, activity and distance band asked, in the unit asked; with two periods, the
    trend in each."""
    if ctx.frame.empty:
        return no_data()
    metric = _TREND_METRICS.get(query.measure, "pace")
    unit = query.unit or ctx.units
    frame, label, names = _trend_selection(query, ctx, metric)
    periods = query.periods[:2] or (None,)
    results = []
    for period in periods:
        start, end = _range(query.but(periods=(period,) if period else ()), ctx, TREND_DAYS)
        result = trend(
            frame, metric=metric, label=label, start=start, end=end, unit=unit, names=names
        )
        results.append((period, start, end, result))
    said_of = f" of {workouts_said(query, ctx)}" if selects(query) else ""
    spans = " and ".join(fmt.span(start, end) for _, start, end, _ in results)
    title = f"{metric.replace('_', ' ').capitalize()} trend{said_of}, {spans}"
    lines = [r.headline if r.enough_data else r.note for _, _, _, r in results]
    if len(results) > 1:
        lines = [f"*{period_name(p)}*: {line}" for (p, _, _, _), line in zip(results, lines)]
    reasons = {
        "aggregate": "a trend follows every workout (or week) over time",
        "by": "a trend follows every workout (or week) over time",
    }
    if query.measure and query.measure not in _TREND_METRICS:
        reasons["measure"] = f"I have no trend of it, so this is the {metric} trend"
    notes = not_used(query, ctx, reasons)
    first = results[0][3]
    facts = ()
    if len(results) == 1 and first.enough_data:
        facts = (
            ("points", str(first.n)),
            ("p-value", f"{first.p_value:.3f}"),
            ("Mann-Kendall", f"tau {first.mk_tau:+.2f}, p {first.mk_p:.3f}"),
            ("direction", first.direction),
        )
    elif len(results) > 1:
        facts = tuple(
            (period_name(p), r.direction if r.enough_data else "not enough data")
            for p, _, _, r in results
        )
    reply = Reply(
        title=title,
        text=_join("\n".join(lines), notes),
        facts=facts,
        charts=tuple(draw.trend_chart(r, unit=unit) for _, _, _, r in results),
    )
    if query.output in ("csv", "json"):
        rows = tuple(
            (period_name(p) if p else "", str(day), f"{value:.6g}")
            for p, _, _, r in results
            for day, value in r.points
        )
        column = _POINT_COLUMNS[metric].format(unit=unit)
        reply = replace(reply, table=Table(("period", "date", column), rows))
        reply = with_output(reply, query, f"{metric}-trend")
        reply = replace(reply, table=None)
    return reply


# The value column of a trend's points in a file: SI units, as the analytics keep them.
_POINT_COLUMNS = {
    "pace": "pace (s/km)",
    "distance": "distance (m)",
    "duration": "duration (s)",
    "workouts_per_week": "workouts a week",
}
SELECTED = "selected"  # the label a trend of several classes or an activity gives its workouts


def _trend_selection(query: Query, ctx: Context, metric: str):
    """The frame, class and names a trend is computed from: one class asked is that class (the
    distance band applied); several, or an activity, are one group named as the asker said it;
    none is the default (runs, or every workout for how often)."""
    if query.activity or len(query.classes) > 1:
        frame = selection(ctx.frame, query)
        if OUTLIER not in query.classes:
            frame = frame[frame["label"] != OUTLIER]
        said_as = singular(workouts_said(query.but(min_distance_m=None, max_distance_m=None), ctx))
        names = {**ctx.names, SELECTED: said_as}
        return frame.assign(label=SELECTED), SELECTED, names
    frame = selection(ctx.frame, query.but(classes=()))
    label = query.label or (None if metric == "workouts_per_week" else RUN)
    return frame, label, ctx.names


def answer_consistency(query: Query, ctx: Context) -> Reply:
    """The consistency score for a window (default: the last 30 days) and its dimensions, of the
    classes (activity, distance band) asked; with two periods ("more consistent this year than
    last?") both, compared."""
    if ctx.frame.empty:
        return no_data()
    frame = selection(ctx.frame, query)
    notes = not_used(query, ctx, _CONSISTENCY_IGNORES)
    if len(query.periods) >= 2:
        reply = _consistency_compared(query, ctx, frame)
    else:
        start, end = _range(query, ctx, DEFAULT_DAYS)
        score = _score_between(frame, start, end, ctx)
        rows = tuple(
            (d.name, "-" if d.score is None else f"{d.score:.0f}", d.note) for d in score.dimensions
        )
        of = f" of {workouts_said(query, ctx)}" if selects(query) else ""
        reply = Reply(
            title=f"Consistency{of} {score.score:.0f}/100, {fmt.span(start, end)}",
            text=score.note,
            facts=(("workouts", str(score.workouts)), ("weakest", score.weakest or "-")),
            table=Table(("dimension", "score", "why"), rows),
            charts=(draw.consistency_chart(score, names=ctx.names),),
        )
    if notes:
        reply = replace(reply, text=_join(reply.text, notes))
    return with_output(reply, query, "consistency")


_CONSISTENCY_IGNORES = {
    "measure": "the score weighs how often, when, how steadily and how many days in a row",
    "aggregate": "the score weighs how often, when, how steadily and how many days in a row",
    "by": "the score is one number for the whole window",
    "unit": "a consistency score has no distances in it",
}


def _score_between(frame, start, end, ctx: Context):
    end = min(end, ctx.today)
    window = max(1, (end - start).days + 1)
    return consistency_score(frame, end=end, window_days=window, names=ctx.names)


def _consistency_compared(query: Query, ctx: Context, frame) -> Reply:
    first, second = query.periods[:2]
    scores = [
        _score_between(
            frame, p.start or frame["workout_date"].min().date(), p.end or ctx.today, ctx
        )
        for p in (first, second)
    ]
    names = [period_name(p) for p in (first, second)]
    a, b = (round(s.score) for s in scores)
    if a == b:
        verdict = "as consistent in both"
    else:
        better = first if a > b else second
        verdict = f"more consistent {period_when(better)}"
    text = f"*{names[0]}*: {a}/100; *{names[1]}*: {b}/100: {verdict}."
    moved = [
        (d1.name, d1.score - d2.score)
        for d1, d2 in zip(scores[0].dimensions, scores[1].dimensions)
        if d1.score is not None and d2.score is not None
    ]
    if moved and a != b:
        name, gap = max(moved, key=lambda m: abs(m[1]))
        text += f" The biggest difference is {name} ({abs(gap):.0f} points)."
    rows = tuple(
        (
            d1.name,
            "-" if d1.score is None else f"{d1.score:.0f}",
            "-" if d2.score is None else f"{d2.score:.0f}",
        )
        for d1, d2 in zip(scores[0].dimensions, scores[1].dimensions)
    )
    return Reply(
        title=f"Consistency: {names[0]} vs {names[1]}",
        text=text,
        facts=tuple((f"workouts, {n}", str(s.workouts)) for n, s in zip(names, scores)),
        table=Table(("dimension", *names), (("score", str(a), str(b)), *rows)),
        charts=tuple(draw.consistency_chart(s, names=ctx.names) for s in scores),
    )


def answer_streaks(query: Query, ctx: Context) -> Reply:
    """Days and weeks in a row with a workout (of the classes, activity and distance band
    asked), now and at their longest; within the period asked (as of its end), else as of
    today. "Longest" or "weeks" questions hear that first."""
    if ctx.frame.empty:
        return no_data()
    rows = chosen_in(ctx.frame, query)
    end = min(query.period.end, ctx.today) if query.period and query.period.end else ctx.today
    found = streaks(rows, end=end)
    what = workouts_said(query, ctx)
    table = tuple(
        (name, _streak(s, unit))
        for name, s, unit in (
            ("current, days in a row", found.current_daily, "day"),
            ("longest, days in a row", found.longest_daily, "day"),
            ("current, weeks in a row", found.current_weekly, "week"),
            ("longest, weeks in a row", found.longest_weekly, "week"),
        )
    )
    daily, weekly = found.current_daily.length, found.current_weekly.length
    when = f" {period_when(query.period)}," if query.period else ""
    text = (
        f"Your {what}{when} as of {end}: {fmt.count(daily, 'day')} in a row now"
        f" (longest {fmt.count(found.longest_daily.length, 'day')}), and"
        f" {fmt.count(weekly, 'week')} in a row with at least one"
        f" (longest {fmt.count(found.longest_weekly.length, 'week')})."
    )
    asked = _streak_asked(query, found, what)
    if asked:
        text = f"{asked}\n{text}"
    reasons = {
        "measure": "a streak counts days and weeks in a row",
        "unit": "a streak counts days and weeks, not distance",
    }
    if query.aggregate not in (None, "best", "latest"):
        reasons["aggregate"] = "a streak is the days or weeks in a row, now and at their longest"
    if query.by not in (None, "week"):
        reasons["by"] = "streaks are counted in days and in weeks"
    if len(query.periods) > 1:
        reasons["periods"] = "streaks are counted in one period; I used the first"
    notes = not_used(query, ctx, reasons)
    charts = ()
    if query.output == "chart":
        charts = (draw.calendar_heatmap(rows, year=end.year, names=ctx.names, today=ctx.today),)
        text += f" The calendar of {end.year} shows them day by day."
    reply = Reply(
        title=f"Streaks of {what}",
        text=_join(text, notes),
        table=Table(("streak", "length"), table),
        charts=charts,
    )
    return with_output(reply, query, "streaks")


def _streak_asked(query: Query, found, what: str) -> str:
    """The streak the question named first ("longest streak of runs", "weeks in a row"), or ""
    when it named none."""
    weekly = query.by == "week"
    if query.aggregate == "best":
        streak = found.longest_weekly if weekly else found.longest_daily
        unit = "week" if weekly else "day"
        return f"Longest streak of {what}: *{_streak(streak, unit)}* in a row."
    if weekly:
        return f"Weeks in a row with {what} now: *{_streak(found.current_weekly, 'week')}*."
    return ""


def _method(method: str) -> str:
    """An anomaly method as words ("modified z", "sudden change")."""
    return method.replace("_", " ")


def _streak(streak, unit: str) -> str:
    if not streak.length:
        return "-"
    return f"{fmt.count(streak.length, unit)} ({streak.start} to {streak.end})"


def _range(query: Query, ctx: Context, default_days: int):
    period = query.period
    end = period.end if period and period.end else ctx.today
    if period and period.start:
        return period.start, end
    return end - timedelta(days=default_days - 1), end
