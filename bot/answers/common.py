"""Small pieces the answers share."""

from __future__ import annotations

import re

import pandas as pd

from analytics.frame import by_day
from bot import wording as fmt
from bot.context import Context
from bot.language.query import DateRange, Query
from bot.reply import Reply


def no_data() -> Reply:
    """What to say to someone with no workouts yet."""
    return Reply(
        title="No workouts yet",
        text=(
            "I have no workouts for you yet. Send your MapMyRun export (CSV), or in the terminal "
            "run `workouts ingest your-export.csv`."
        ),
        kind="help",
    )


def rows_in(frame: pd.DataFrame, period: DateRange | None) -> pd.DataFrame:
    """The workouts dated inside ``period`` (inclusive; None or open ends: everything)."""
    if period is None:
        return frame
    days = by_day(frame)
    keep = pd.Series(True, index=frame.index)
    if period.start is not None:
        keep &= days >= pd.Timestamp(period.start)
    if period.end is not None:
        keep &= days <= pd.Timestamp(period.end)
    return frame[keep]


def workouts_said(query: Query, ctx: Context) -> str:
    """The workouts counted, in the asker's words: "runs", "walks and runs", "runs of 5.0 mi or
    more", "runs of 3.1 to 3.4 mi"."""
    if not query.classes:
        noun = f"{query.activity}s" if query.activity else "workouts"
    else:
        noun = " and ".join(fmt.label(c, plural=True, names=ctx.names) for c in query.classes)
    unit = query.unit or ctx.units
    low, high = query.min_distance_m, query.max_distance_m
    if low and high:
        return f"{noun} of {fmt.distance(low, unit).split()[0]} to {fmt.distance(high, unit)}"
    if low:
        return f"{noun} of {fmt.distance(low, unit)} or more"
    if high:
        return f"{noun} up to {fmt.distance(high, unit)}"
    return noun


def how_many(n: int, what: str) -> str:
    """ "1 run", "3 runs", "14 runs of 6.2 mi or more", "181 runs and walks": the number with
    the workouts said, the noun in the singular for one."""
    head, of, tail = what.partition(" of ")
    if n == 1:
        head = singular(head)
    return f"{n:,} {head}{of}{tail}"


def singular(what: str) -> str:
    """ "runs" -> "run", "runs of 5 mi or more" -> "run of 5 mi or more"; a list of classes
    ("runs and walks") is left as it is."""
    head, of, tail = what.partition(" of ")
    if " and " not in head:
        head = head.removesuffix("es") if head.endswith("ches") else head.removesuffix("s")
    return f"{head}{of}{tail}"


def measure_text(value: float | None, measure: str, unit: str) -> str:
    """A measure's value as people read it: "12.3 mi", "1:02:03", "9:41 min/mi", "480 kcal"."""
    if value is None or value != value:
        return "-"
    if measure == "distance":
        return fmt.distance(value, unit)
    if measure == "duration":
        return fmt.duration(value)
    if measure == "pace":
        return fmt.pace(value, unit)
    if measure == "calories":
        return f"{value:,.0f} kcal"
    return f"{value:,.0f}"


_PREPOSITION = re.compile(r"^(?:in|during|on|for|over|within|from|of)\s+", re.I)
_RELATIVE = re.compile(
    r"^(?:this|last|the|past|previous|since|between|yesterday|today|so far)\b", re.I
)


def period_name(period: DateRange) -> str:
    """A period as a column or label names it: "2019", "summer 2021", "this year"."""
    return _PREPOSITION.sub("", period.phrase.strip()) or fmt.span(period.start, period.end)


def period_when(period: DateRange) -> str:
    """A period as a sentence says when: "in 2019", "in summer 2021", "this year"."""
    name = period_name(period)
    return name if _RELATIVE.match(name) else f"in {name}"


def period_dates(period: DateRange | None) -> str:
    """A period as a chart title says when, from its dates, never the asker's words (which may
    be misread or relative): "in 2019", "in September 2025", "from 2025-09-01 to 2025-10-07",
    "since 2025-09-01"; "overall" when there is none."""
    if period is None:
        return "overall"
    start, end = period.start, period.end
    if start is not None and end is not None and start.day == 1:
        last = (pd.Timestamp(end) + pd.Timedelta(days=1)).day == 1
        if last and start.month == 1 and end.month == 12 and start.year == end.year:
            return f"in {start.year}"
        if last and (start.year, start.month) == (end.year, end.month):
            return f"in {start:%B %Y}"
    return fmt.period(start, end)
