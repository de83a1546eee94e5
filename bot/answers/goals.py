"""Goals in words and their progress: "20.0 km of runs a week: 12.4 km so far, on track"."""

from __future__ import annotations

from analytics.goals import goal_progress
from bot import wording as fmt
from bot.context import Context
from bot.reply import Reply, Table
from etl.db.goals import goals_frame


def goals_reply(ctx: Context) -> Reply:
    """The asker's goals with where each stands and whether it will be made."""
    goals = goals_frame(ctx.engine, ctx.owner_key)
    if goals.empty:
        return Reply(
            title="Your goals",
            text="No goals yet. Set one in words, e.g. _goal 20 km a week of running_ or "
            "_goal 150 workouts this year_.",
            personal=True,
        )
    lines, rows = [], []
    for _, goal in goals.iterrows():
        labels = tuple(c for c in str(goal["classes"] or "").split(",") if c)
        progress = goal_progress(
            ctx.frame,
            kind=goal["kind"],
            target=float(goal["target"]),
            period=goal["period"],
            today=ctx.today,
            labels=labels,
        )
        said = goal_words(goal["kind"], float(goal["target"]), goal["period"], labels, ctx)
        done = _amount(goal["kind"], progress.done, ctx)
        projected = _amount(goal["kind"], progress.projected, ctx)
        lines.append(f"• {said}: {done} so far, {progress.status} (on course for {projected}).")
        rows.append((said, done, progress.status, projected))
    return Reply(
        title="Your goals",
        text="\n".join(lines),
        table=Table(("goal", "so far", "status", "projected"), tuple(rows)),
        personal=True,
    )


def goal_words(
    kind: str, target: float, period: str, labels, ctx: Context, unit: str | None = None
) -> str:
    """ "20.0 km of runs a week", "150 workouts a year" """
    what = (
        " and ".join(fmt.label(c, plural=True, names=ctx.names) for c in labels)
        if labels
        else "workouts"
    )
    if kind == "count":
        return f"{target:g} {what} a {period}"
    return f"{_amount(kind, target, ctx, unit)} of {what} a {period}"


def _amount(kind: str, value: float, ctx: Context, unit: str | None = None) -> str:
    if kind == "distance":
        return fmt.distance(value, unit or ctx.units)
    if kind == "duration":
        return fmt.duration(value)
    return f"{value:,.0f}"
