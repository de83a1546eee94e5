"""Golden questions on the demo history and what each answer must say, worked out here with
pandas from the classified frame alone (no analytics or answer code), following the definitions
in the docstring of analytics/summary.py:

- counts take every matching workout, outliers included;
- sums and averages of distance, time and calories leave outliers out (unless outliers are what
  was asked for); a missing value adds nothing and is not averaged;
- pace over several workouts is their total time over their total distance;
- rates divide by the calendar weeks (7 days) or months (365.25 / 12 days) of the period, from
  its first day to its last (today at the latest);
- best and worst: longest distance or time, fastest pace (of workouts of 1 km or more); with a
  breakdown, the group with the largest total.

Everything is as of TODAY: the demo history runs on to 2025-12-31, eleven days past it, and a
workout dated after today has not happened yet. Only ``bot.wording`` is used, to format numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from bot import wording as fmt
from bot.reply import Reply

TODAY = date(2025, 12, 20)
MI, KM = "mi", "km"
MILE_M = 1609.344
DAYS_PER_MONTH = 365.25 / 12
MIN_PACE_M = 1000.0  # a summary's pace needs at least 1 km
RECORD_PACE_M = MILE_M  # a record pace needs at least a mile
OUTLIER, RUN, WALK, RUN_WALK = "outlier", "run", "walk", "run_walk"
# What the demo owner (who has a dog event) reads for each class.
NAMES = {
    RUN: "run",
    WALK: "dog walk",
    RUN_WALK: "run-walk",
    OUTLIER: "outlier",
    "cycle": "ride",
    "workout": "gym workout",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Expect:
    """What a reply must hold: ``text`` pieces, ``facts`` by name (or pieces of them in
    ``fact_parts``), table ``rows`` by their first cell (each a mapping of column name to cell),
    ``reading`` pieces, and text that must be ``absent``."""

    text: tuple[str, ...] = ()
    facts: dict[str, str] = field(default_factory=dict)
    fact_parts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    reading: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    def problems(self, reply: Reply) -> list[str]:
        """Every way ``reply`` differs from what is expected, in words."""
        found = []
        if reply.kind != "answer":
            found.append(f"a {reply.kind} reply: {reply.text!r}")
        found += [f"text lacks {s!r}" for s in self.text if s not in reply.text]
        found += [f"text has {s!r}" for s in self.absent if s in reply.text]
        facts = dict(reply.facts)
        found += [
            f"fact {k!r} is {facts.get(k)!r}, expected {v!r}"
            for k, v in self.facts.items()
            if facts.get(k) != v
        ]
        found += [
            f"fact {k!r} ({facts.get(k)!r}) lacks {p!r}"
            for k, parts in self.fact_parts.items()
            for p in parts
            if p not in facts.get(k, "")
        ]
        found += self._row_problems(reply)
        found += [f"reading lacks {s!r}" for s in self.reading if s not in reply.reading]
        return found

    def _row_problems(self, reply: Reply) -> list[str]:
        if not self.rows:
            return []
        if reply.table is None:
            return ["no table"]
        columns = reply.table.columns
        rows = {r[0]: dict(zip(columns, r)) for r in reply.table.rows}
        found = []
        for key, cells in self.rows.items():
            got = rows.get(key)
            if got is None:
                found.append(f"no table row {key!r}")
                continue
            found += [
                f"row {key!r} column {c!r} is {got.get(c)!r}, expected {v!r}"
                for c, v in cells.items()
                if got.get(c) != v
            ]
        return found


@dataclass(frozen=True)
class Case:
    question: str
    expect: Callable[[pd.DataFrame], Expect]


CASES: list[Case] = []


def golden(question: str):
    """Register the function working out what ``question`` must answer."""

    def register(expect: Callable[[pd.DataFrame], Expect]):
        CASES.append(Case(question, expect))
        return expect

    return register


# --- Independent computations --------------------------------------------------------------


def days(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["workout_date"]).dt.normalize()


def rows(
    frame: pd.DataFrame,
    start: date | None = None,
    end: date | None = TODAY,
    labels: tuple[str, ...] | str = (),
    *,
    activity: str | None = None,
    low: float | None = None,
    high: float | None = None,
) -> pd.DataFrame:
    """The workouts dated start..end (inclusive; as of today by default) of ``labels``, whose
    logged type contains ``activity``, of ``low`` to ``high`` metres; oldest first."""
    labels = (labels,) if isinstance(labels, str) else labels
    day = days(frame)
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= day >= pd.Timestamp(start)
    if end is not None:
        keep &= day <= pd.Timestamp(end)
    if labels:
        keep &= frame["label"].isin(labels)
    if activity:
        keep &= frame["activity_type"].str.lower().str.contains(activity)
    if low is not None:
        keep &= frame["distance_m"] >= low
    if high is not None:
        keep &= frame["distance_m"] <= high
    picked = frame[keep].assign(day=day[keep])
    return picked.sort_values(["day", "id"], kind="stable")


def counted(chosen: pd.DataFrame, outliers_asked: bool = False) -> pd.DataFrame:
    """The workouts whose numbers add up: all but the outliers, unless outliers were asked."""
    return chosen if outliers_asked else chosen[chosen["label"] != OUTLIER]


def total(chosen: pd.DataFrame, column: str, outliers_asked: bool = False) -> float:
    return float(counted(chosen, outliers_asked)[column].dropna().sum())


def mean(chosen: pd.DataFrame, column: str) -> float:
    return float(counted(chosen)[column].dropna().mean())


def pace(chosen: pd.DataFrame) -> float:
    """Seconds per km: total time over total distance of the workouts that have both."""
    both = counted(chosen)
    both = both[(both["distance_m"] > 0) & (both["duration_s"] > 0)]
    return float(both["duration_s"].sum() / (both["distance_m"].sum() / 1000.0))


def span_days(start: date, end: date) -> int:
    return (min(end, TODAY) - start).days + 1


def per_week(value: float, start: date, end: date) -> float:
    return value / (span_days(start, end) / 7)


def per_month(value: float, start: date, end: date) -> float:
    return value / (span_days(start, end) / DAYS_PER_MONTH)


def extreme(chosen: pd.DataFrame, column: str, highest: bool) -> tuple[float, pd.Series, bool]:
    """The extreme value of ``column``, the first workout (by day, id) with it, and whether it
    is the only one."""
    values = chosen[column].dropna()
    target = values.max() if highest else values.min()
    holders = chosen.loc[values[values == target].index].sort_values(["day", "id"])
    return float(target), holders.iloc[0], len(holders) == 1


def day_of(workout: pd.Series) -> date:
    return pd.Timestamp(workout["day"]).date()


def km(metres: float) -> str:
    return fmt.distance(metres, KM)


def mi(metres: float) -> str:
    return fmt.distance(metres, MI)


def read_as(what: str, start: date | None = None, end: date | None = None) -> tuple[str, ...]:
    """What the reading line must name: the workouts asked about and the period's dates."""
    period = () if start is None else (f"({start} to {min(end, TODAY)})",)
    return (what, *period)


def year(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def rate(x: float) -> str:
    return f"*{x:.1f}*"


def pace_mi(s_per_km: float) -> str:
    return fmt.pace(s_per_km, MI)


# --- Counts by class and period -------------------------------------------------------------


@golden("how many runs in 2019")
def runs_in_2019(f):
    start, end = year(2019)
    runs = rows(f, start, end, RUN)
    logged = rows(f, start, end, activity="run")
    others = logged[logged["label"] != RUN]["label"].value_counts()
    return Expect(
        text=(
            f"*{len(runs)}* runs in 2019, {mi(total(runs, 'distance_m'))} in all.",
            f"Your app logged {len(logged):,} workouts as runs;",
            *(fmt.count(n, NAMES[label]) for label, n in others.items()),
        ),
        facts={"count": str(len(runs))},
        reading=read_as("runs", start, end),
    )


@golden("how many dog walks in 2021")
def dog_walks_in_2021(f):
    start, end = year(2021)
    walks = rows(f, start, end, WALK)
    shares = walks["activity_type"].value_counts(normalize=True)
    return Expect(
        text=(f"*{len(walks)}* dog walks in 2021, {mi(total(walks, 'distance_m'))} in all.",),
        facts={"count": str(len(walks))},
        fact_parts={"logged as": tuple(f"{t} {p:.0%}" for t, p in shares.head(2).items())},
        reading=(*read_as("dog walks", start, end), "how many"),
    )


def _count_case(question, what, start, end, labels=(), **band):
    """A plain count: ``*n* <what> <when>, <distance> in all`` (outliers counted, not added)."""

    def expect(f):
        chosen = rows(f, start, end, labels, **band)
        outliers = int((chosen["label"] == OUTLIER).sum())
        asked = labels == OUTLIER
        text = [f"*{len(chosen):,}* {what}"]
        distance = total(chosen, "distance_m", asked)
        if distance:
            text.append(f"{mi(distance)} in all")
        if outliers and not asked:
            text.append(f"({fmt.count(outliers, 'outlier')} among them, not in the distance)")
        return Expect(
            text=tuple(text),
            facts={"count": str(len(chosen))},
            reading=(*read_as(what, start, end), "how many"),
        )

    golden(question)(expect)


_count_case("how many workouts in March 2020", "workouts", date(2020, 3, 1), date(2020, 3, 31))
_count_case("how many runs last month", "runs", date(2025, 11, 1), date(2025, 11, 30), RUN)
_count_case("how many runs since June 2024", "runs", date(2024, 6, 1), TODAY, RUN)
_count_case(
    "how many dog walks between March 2019 and May 2019",
    "dog walks",
    date(2019, 3, 1),
    date(2019, 5, 31),
    WALK,
)
_count_case("how many runs in summer 2022", "runs", date(2022, 6, 1), date(2022, 8, 31), RUN)
_count_case("how many workouts in winter 2021", "workouts", date(2021, 12, 1), date(2022, 2, 28))
_count_case(
    "how many runs between 2020-04-01 and 2020-06-30",
    "runs",
    date(2020, 4, 1),
    date(2020, 6, 30),
    RUN,
)
_count_case(
    "how many workouts in the last 30 days",
    "workouts",
    TODAY - timedelta(days=29),
    TODAY,
)
_count_case("how many workouts in 2025", "workouts", date(2025, 1, 1), TODAY)
_count_case("how many workouts since 2024-10-01", "workouts", date(2024, 10, 1), TODAY)
_count_case("how many rides", "rides", None, TODAY, "cycle")
_count_case("how many outliers", "outliers", None, TODAY, OUTLIER)
_count_case("how many hikes", "hikes", None, TODAY, activity="hike")


# --- Totals ----------------------------------------------------------------------------------


def _total_case(question, what, start, end, labels, column, shown, noun):
    def expect(f):
        chosen = rows(f, start, end, labels)
        value = shown(total(chosen, column))
        outliers = int((chosen["label"] == OUTLIER).sum())
        text = [f"*{value}* {noun} in {len(chosen):,} {what}"]
        if outliers:
            text.append(f"{fmt.count(outliers, 'outlier')} left out")
        return Expect(
            text=tuple(text),
            facts={"workouts": str(len(chosen)), "period": f"{start} to {min(end, TODAY)}"},
            reading=read_as(what, start, end),
        )

    golden(question)(expect)


_total_case(
    "total distance of runs in 2019", "runs", *year(2019), RUN, "distance_m", mi, "distance"
)
_total_case("total km in 2019", "workouts", *year(2019), (), "distance_m", km, "distance")
_total_case(
    "total miles of dog walks in 2022", "dog walks", *year(2022), WALK, "distance_m", mi, "distance"
)
_total_case(
    "total time running in 2020", "runs", *year(2020), RUN, "duration_s", fmt.duration, "time"
)
_total_case("total hours in 2021", "workouts", *year(2021), (), "duration_s", fmt.duration, "time")


@golden("total calories in 2019")
def calories_in_2019(f):
    start, end = year(2019)
    chosen = rows(f, start, end)
    return Expect(
        text=(f"*{total(chosen, 'calories_kcal'):,.0f} kcal*",),
        reading=(*read_as("all workouts", start, end), "calories"),
    )


# --- Averages --------------------------------------------------------------------------------


def _average_case(question, what, start, end, labels, shown, measure="distance"):
    def expect(f):
        chosen = rows(f, start, end, labels)
        if measure == "pace":
            text = f"Average pace: *{shown(pace(chosen))}* over {len(chosen)} {what}"
        else:
            value = shown(mean(chosen, "distance_m"))
            text = f"Average distance a workout: *{value}* over {len(chosen)} {what}"
        return Expect(text=(text,), reading=read_as(what, start, end))

    golden(question)(expect)


_average_case("average run distance in 2019", "runs", *year(2019), RUN, mi)
_average_case("average distance per workout in 2019", "workouts", *year(2019), (), mi)
_average_case("average run pace in 2023", "runs", *year(2023), RUN, pace_mi, "pace")


# --- Rates over calendar weeks and months ----------------------------------------------------


def _rate_case(question, what, start, end, labels, column, per, shown):
    """A count rate (``column`` None): ``*1.2* runs a week``; else ``*4.2 mi* distance a ...``."""

    def expect(f):
        chosen = rows(f, start, end, labels)
        per_period = per_week if per == "week" else per_month
        if column is None:
            text = f"{rate(per_period(len(chosen), start, end))} {what} a {per}"
        else:
            value = shown(per_period(total(chosen, column), start, end))
            noun = "distance" if column == "distance_m" else "time"
            text = f"*{value}* {noun} a {per} on average"
        return Expect(
            text=(text,),
            facts={"workouts": str(len(chosen)), "period": f"{start} to {min(end, TODAY)}"},
            reading=(*read_as(what, start, end), f"per {per}"),
        )

    golden(question)(expect)


_rate_case("runs per week in 2019", "runs", *year(2019), RUN, None, "week", None)
_rate_case("runs per month in 2018", "runs", *year(2018), RUN, None, "month", None)
_rate_case("miles per month in 2022", "workouts", *year(2022), (), "distance_m", "month", mi)
_rate_case("km per week in 2021", "workouts", *year(2021), (), "distance_m", "week", km)
_rate_case(
    "hours of dog walks per month in 2023",
    "dog walks",
    *year(2023),
    WALK,
    "duration_s",
    "month",
    fmt.duration,
)
_rate_case("runs per week this year", "runs", date(2025, 1, 1), TODAY, RUN, None, "week", None)


# --- Bests and worsts ------------------------------------------------------------------------


def _one_case(question, what, start, end, labels, column, highest, shown, band=None):
    """The best or worst workout: ``*<value>* on <day>`` (the day only when no other ties)."""

    def expect(f):
        chosen = counted(rows(f, start, end, labels, **(band or {})))
        if column == "avg_pace_s_per_km":
            chosen = chosen[chosen["distance_m"] >= MIN_PACE_M]
        value, workout, only = extreme(chosen, column, highest)
        on = f" on {day_of(workout)}" if only else ""
        return Expect(
            text=(f"*{shown(value)}*{on}", *((f"(workout {int(workout['id'])})",) if only else ())),
            reading=read_as(what, start, end),
        )

    golden(question)(expect)


_one_case("longest run ever", "runs", None, TODAY, RUN, "distance_m", True, mi)
_one_case(
    "fastest 5k",
    "workouts of 3.1 mi or more",
    None,
    TODAY,
    (),
    "avg_pace_s_per_km",
    False,
    pace_mi,
    band={"low": 5000.0, "high": 5500.0},
)
_one_case("fastest run", "runs", None, TODAY, RUN, "avg_pace_s_per_km", False, pace_mi)
_one_case("slowest run in 2020", "runs", *year(2020), RUN, "avg_pace_s_per_km", True, pace_mi)
_one_case("longest dog walk in 2024", "dog walks", *year(2024), WALK, "distance_m", True, mi)


@golden("best month for runs in 2019")
def best_month_2019(f):
    start, end = year(2019)
    runs = rows(f, start, end, RUN)
    months = runs["day"].dt.strftime("%Y-%m")
    distance = counted(runs).groupby(months)["distance_m"].sum()
    best = distance.idxmax()
    table = {
        m: {"workouts": str(int((months == m).sum())), "distance": mi(d)}
        for m, d in distance.items()
    }
    return Expect(
        text=(f"*{best}* ({mi(distance[best])} distance)",),
        rows=table,
        reading=(*read_as("runs", start, end), "by month"),
    )


@golden("busiest month in 2022")
def busiest_month_2022(f):
    start, end = year(2022)
    chosen = rows(f, start, end)
    per_month_count = chosen.groupby(chosen["day"].dt.strftime("%Y-%m")).size()
    busiest = per_month_count.idxmax()  # the first of equals, in calendar order
    return Expect(
        text=(f"*{busiest}* ({per_month_count[busiest]} workouts)",),
        rows={m: {"workouts": str(n)} for m, n in per_month_count.items()},
        reading=(*read_as("all workouts", start, end), "by month"),
    )


@golden("worst year for distance")
def worst_year(f):
    chosen = rows(f)
    distance = counted(chosen).groupby(chosen["day"].dt.year)["distance_m"].sum()
    worst = distance.idxmin()
    return Expect(
        text=(f"*{worst}* ({mi(distance[worst])} distance)",),
        rows={str(worst): {"distance": mi(distance[worst])}},
        reading=("all workouts", "by year"),
    )


# --- Latest and first ------------------------------------------------------------------------


def _ago(day: date) -> str:
    n = (TODAY - day).days
    return "today" if n == 0 else "yesterday" if n == 1 else f"{n} days ago"


def _latest_case(question, words, what, start, end, labels, latest):
    def expect(f):
        chosen = rows(f, start, end, labels)
        workout = chosen.iloc[-1] if latest else chosen.iloc[0]
        day = day_of(workout)
        return Expect(
            text=(
                f"{words}: *{day}* ({_ago(day)}): {NAMES[workout['label']]}, "
                f"{mi(workout['distance_m'])}",
                f"(workout {int(workout['id'])})",
            ),
            reading=read_as(what, start, end),
        )

    golden(question)(expect)


_latest_case("when was my last run", "Last run overall", "runs", None, TODAY, RUN, True)
_latest_case("first dog walk", "First dog walk overall", "dog walks", None, TODAY, WALK, False)
_latest_case("last workout in 2024", "Last workout in 2024", "all workouts", *year(2024), (), True)


# --- Breakdowns ------------------------------------------------------------------------------


def _breakdown_case(question, what, start, end, labels, by, column=None, shown=None, check=None):
    """A table by month, year, weekday or class: the workouts and (with ``column``) the total
    of each group named in ``check`` (all groups when None)."""

    def expect(f):
        chosen = rows(f, start, end, labels)
        keys = {
            "month": chosen["day"].dt.strftime("%Y-%m"),
            "year": chosen["day"].dt.year.astype(str),
            "weekday": chosen["day"].dt.day_of_week.map(lambda d: WEEKDAYS[d]),
            "class": chosen["label"].map(NAMES),
        }[by]
        counts = chosen.groupby(keys).size()
        kept = counted(chosen)
        table = {}
        for key, n in counts.items():
            if check is not None and key not in check:
                continue
            cells = {"workouts": str(n)}
            if column == "pace":
                cells["pace"] = shown(pace(chosen[keys == key]))
            elif column is not None:
                noun = "distance" if column == "distance_m" else "time"
                cells[noun] = shown(float(kept.loc[keys.loc[kept.index] == key, column].sum()))
            table[key] = cells
        # Overall, the reply's total is not checked: it counts the workouts dated after today
        # too (see "when was my last run"), which the checked rows leave out.
        whole = f"{len(chosen):,} {what} in {fmt.count(len(counts), by)}"
        return Expect(
            text=() if start is None else (whole,),
            rows=table,
            reading=(*read_as(what, start, end), f"by {by}"),
        )

    golden(question)(expect)


_breakdown_case("runs by month in 2019", "runs", *year(2019), RUN, "month")
_breakdown_case(
    "workouts by year", "workouts", None, TODAY, (), "year", check=("2011", "2018", "2024")
)
_breakdown_case("workouts by weekday in 2022", "workouts", *year(2022), (), "weekday")
_breakdown_case("workouts by class in 2020", "workouts", *year(2020), (), "class")
_breakdown_case("runs by month in 2020 in km", "runs", *year(2020), RUN, "month", "distance_m", km)
_breakdown_case(
    "time by month for runs in 2021", "runs", *year(2021), RUN, "month", "duration_s", fmt.duration
)
_breakdown_case(
    "pace by year", "workouts", None, TODAY, (), "year", "pace", pace_mi, ("2011", "2019")
)


# --- Distance bands --------------------------------------------------------------------------


@golden("how many runs over 5 miles in 2021")
def runs_over_5_miles(f):
    start, end = year(2021)
    chosen = rows(f, start, end, RUN, low=5 * MILE_M)
    return Expect(
        text=(
            f"*{len(chosen)}* runs of 5.0 mi or more in 2021, {mi(total(chosen, 'distance_m'))}",
        ),
        reading=read_as("runs of 5.0 mi or more", start, end),
    )


@golden("how many runs of 5 miles or more in 2021")
def runs_of_5_miles_or_more(f):
    start, end = year(2021)
    chosen = rows(f, start, end, RUN, low=5 * MILE_M)
    return Expect(
        text=(
            f"*{len(chosen)}* runs of 5.0 mi or more in 2021, {mi(total(chosen, 'distance_m'))}",
        ),
        reading=read_as("runs of 5.0 mi or more", start, end),
        absent=("up to",),
    )


@golden("how many runs under 4 miles in 2022")
def runs_under_4_miles(f):
    start, end = year(2022)
    chosen = rows(f, start, end, RUN, high=4 * MILE_M)
    return Expect(
        text=(f"*{len(chosen)}* runs up to 4.0 mi in 2022, {mi(total(chosen, 'distance_m'))}",),
        reading=read_as("runs up to 4.0 mi", start, end),
    )


@golden("runs over 10 km in 2024")
def runs_over_10_km_listed(f):
    start, end = year(2024)
    chosen = rows(f, start, end, RUN, low=10_000.0)
    last = chosen.iloc[::-1].head(20)
    return Expect(
        text=(f"{len(chosen)} runs of 6.2 mi or more in 2024",),
        rows={
            str(day_of(w)): {
                "distance": mi(w["distance_m"]),
                "pace": pace_mi(w["avg_pace_s_per_km"]),
            }
            for _, w in last.iterrows()
            if (last["day"] == w["day"]).sum() == 1
        },
        reading=read_as("runs of 6.2 mi or more", start, end),
    )


# --- Two years compared ----------------------------------------------------------------------


def _compare_case(question, first, second):
    def expect(f):
        columns = {}
        for y in (first, second):
            start, end = year(y)
            chosen = rows(f, start, end)
            columns[str(y)] = {
                "workouts": str(len(chosen)),
                "a week": f"{per_week(len(chosen), start, end):.1f}",
                "a month": f"{per_month(len(chosen), start, end):.1f}",
                "distance": mi(total(chosen, "distance_m")),
                "time": fmt.duration(total(chosen, "duration_s")),
                "pace": pace_mi(pace(counted(chosen))),
                "runs": str(int((chosen["label"] == RUN).sum())),
                "dog walks": str(int((chosen["label"] == WALK).sum())),
                "run-walks": str(int((chosen["label"] == RUN_WALK).sum())),
            }
        table = {
            key: {str(y): columns[str(y)][key] for y in (first, second)}
            for key in columns[str(first)]
        }
        a, b = (int(columns[str(y)]["workouts"]) for y in (first, second))
        gap = f"{abs(b - a)} {'more' if b > a else 'fewer'} workouts in {second}"
        text = (f"*{first}*: {a} workouts; *{second}*: {b} workouts: {gap}",)
        return Expect(
            text=text,
            rows=table,
            reading=("a comparison", *(f"({a} to {b})" for a, b in (year(first), year(second)))),
        )

    golden(question)(expect)


_compare_case("compare 2019 and 2020", 2019, 2020)


# --- One day ---------------------------------------------------------------------------------


def _day_case(question, day):
    def expect(f):
        chosen = rows(f, day, day)
        long_day = f"{day:%A} {day.day} {day:%B %Y}"
        reading = ("one day", long_day)
        if chosen.empty:
            every = days(f)
            before = every[every < pd.Timestamp(day)].max().date()
            after = every[every > pd.Timestamp(day)].min().date()
            around = f"the one before was on {before}, the next on {after}"
            text = f"No workouts on {long_day}: a rest day ({around})."
            return Expect(text=(text,), reading=reading)
        # Each workout with its distance (how one without a distance reads is left open).
        parts = tuple(
            f"{fmt.a(NAMES[w['label']])} of {mi(w['distance_m'])}"
            for _, w in chosen.iterrows()
            if w["distance_m"] > 0
        )
        table = {
            str(int(w["id"])): {
                "logged as": w["activity_type"],
                "class": NAMES[w["label"]],
                "distance": mi(w["distance_m"]),
                "time": fmt.duration(w["duration_s"]),
                "pace": pace_mi(w["avg_pace_s_per_km"]),
            }
            for _, w in chosen.iterrows()
        }
        text = f"On {long_day} you did {fmt.count(len(chosen), 'workout')}: "
        return Expect(text=(text, *parts), rows=table, reading=reading)

    golden(question)(expect)


_day_case("what did I do on 2025-10-07", date(2025, 10, 7))
_day_case("what did I do on 2024-12-17", date(2024, 12, 17))
_day_case("what did I do on 2019-05-03", date(2019, 5, 3))


# --- Records ---------------------------------------------------------------------------------


def _best_mark(marks: pd.DataFrame, highest: bool):
    """The best mark (value, date, start, end, id), the first by date then id among equals,
    and the best of the marks that ended before it started (None when there are none)."""
    if marks.empty:
        return None, None
    target = marks["value"].max() if highest else marks["value"].min()
    best = marks[marks["value"] == target].sort_values(["date", "id"]).iloc[0]
    earlier = marks[marks["end"] < best["start"]]
    if earlier.empty:
        return best, None
    target = earlier["value"].max() if highest else earlier["value"].min()
    return best, earlier[earlier["value"] == target].sort_values(["date", "id"]).iloc[0]


def _workout_marks(f, label, column, min_distance=0.0):
    chosen = rows(f, labels=label)
    chosen = chosen[(chosen[column] > 0) & (chosen["distance_m"].fillna(0) >= min_distance)]
    return pd.DataFrame(
        {
            "value": chosen[column],
            "date": chosen["day"],
            "start": chosen["day"],
            "end": chosen["day"],
            "id": chosen["id"],
        }
    )


def _week_marks(f):
    chosen = counted(rows(f))
    monday = chosen["day"] - pd.to_timedelta(chosen["day"].dt.day_of_week, unit="D")
    weeks = chosen.groupby(monday)["day"].agg(["size", "max"])
    return pd.DataFrame(
        {
            "value": weeks["size"],
            "date": weeks["max"],
            "start": weeks.index,
            "end": weeks.index + pd.Timedelta(days=6),
            "id": 0,
        }
    )


def _streak_marks(day_list: list[date]) -> list[tuple[int, date, date]]:
    """Runs of consecutive days: (length, first day, last day), oldest first."""
    found = []
    for day in sorted(set(day_list)):
        if found and found[-1][2] == day - timedelta(days=1):
            length, first, _ = found[-1]
            found[-1] = (length + 1, first, day)
        else:
            found.append((1, day, day))
    return found


def _daily_marks(f):
    found = _streak_marks([d.date() for d in counted(rows(f))["day"]])
    return pd.DataFrame(
        {
            "value": [n for n, _, _ in found],
            "date": [pd.Timestamp(b) for _, _, b in found],
            "start": [pd.Timestamp(a) for _, a, _ in found],
            "end": [pd.Timestamp(b) for _, _, b in found],
            "id": 0,
        }
    )


@golden("records")
def records(f):
    def shown(value, unit):
        if unit == "m":
            return mi(value)
        if unit == "s":
            return fmt.duration(value)
        if unit == "s/km":
            return pace_mi(value)
        return fmt.count(int(value), unit)

    kinds = {
        "longest run": (_workout_marks(f, RUN, "distance_m"), True, "m"),
        "longest run time": (_workout_marks(f, RUN, "duration_s"), True, "s"),
        "fastest run pace": (
            _workout_marks(f, RUN, "avg_pace_s_per_km", RECORD_PACE_M),
            False,
            "s/km",
        ),
        "most workouts in a week": (_week_marks(f), True, "workout"),
        "longest daily streak": (_daily_marks(f), True, "day"),
        "longest dog walk": (_workout_marks(f, WALK, "distance_m"), True, "m"),
        "longest run-walk": (_workout_marks(f, RUN_WALK, "distance_m"), True, "m"),
    }
    table = {}
    for title, (marks, highest, unit) in kinds.items():
        best, previous = _best_mark(marks, highest)
        table[title] = {
            "value": shown(best["value"], unit),
            "set on": str(best["date"].date()),
            "previous best": "-"
            if previous is None
            else f"{shown(previous['value'], unit)} ({previous['date'].date()})",
        }
    outliers = int((f["label"] == OUTLIER).sum())
    longest = table["longest run"]
    return Expect(
        text=(
            f"Longest run {longest['value']} on {longest['set on']}.",
            f"({fmt.count(outliers, 'outlier')} left out)",
        ),
        rows=table,
        reading=("personal records",),
    )


# --- Streaks ---------------------------------------------------------------------------------


def _streaks(chosen: pd.DataFrame) -> dict[str, tuple[int, date | None, date | None]]:
    """Days and ISO weeks in a row with a workout as of TODAY: the current streak (alive when
    it reaches today or yesterday, this week or last week) and the longest (the latest of
    equals), each as (length, first workout day, last workout day)."""
    workout_days = sorted({d.date() for d in chosen["day"]})
    daily = _streak_marks(workout_days)

    def monday(d: date) -> date:
        return d - timedelta(days=d.weekday())

    weekly: list[tuple[int, date, date]] = []
    last_monday = None
    for d in workout_days:
        if weekly and monday(d) == last_monday:
            n, first, _ = weekly[-1]
            weekly[-1] = (n, first, d)
        elif weekly and monday(d) == last_monday + timedelta(days=7):
            n, first, _ = weekly[-1]
            weekly[-1] = (n + 1, first, d)
        else:
            weekly.append((1, d, d))
        last_monday = monday(d)

    def longest(found):
        top = max(n for n, _, _ in found)
        return [s for s in found if s[0] == top][-1]

    none = (0, None, None)
    current_daily = daily[-1] if daily[-1][2] >= TODAY - timedelta(days=1) else none
    this_week = monday(TODAY)
    current_weekly = weekly[-1] if monday(weekly[-1][2]) >= this_week - timedelta(days=7) else none
    return {
        "current, days in a row": current_daily,
        "longest, days in a row": longest(daily),
        "current, weeks in a row": current_weekly,
        "longest, weeks in a row": longest(weekly),
    }


def _streak_text(streak, unit):
    n, first, last = streak
    return "-" if not n else f"{fmt.count(n, unit)} ({first} to {last})"


def _streak_case(question, what, labels):
    def expect(f):
        found = _streaks(rows(f, labels=labels))
        table = {
            name: {"length": _streak_text(s, "week" if "week" in name else "day")}
            for name, s in found.items()
        }
        daily, weekly = found["current, days in a row"], found["current, weeks in a row"]
        return Expect(
            text=(
                f"Your {what} as of {TODAY}: {fmt.count(daily[0], 'day')} in a row now"
                f" (longest {fmt.count(found['longest, days in a row'][0], 'day')}), and"
                f" {fmt.count(weekly[0], 'week')} in a row with at least one"
                f" (longest {fmt.count(found['longest, weeks in a row'][0], 'week')}).",
            ),
            rows=table,
            reading=("streaks", *((what,) if labels else ())),
        )

    golden(question)(expect)


_streak_case("streaks", "workouts", ())
_streak_case("streak of runs", "runs", RUN)


# --- The overview of a year ------------------------------------------------------------------


@golden("stats for 2019")
def stats_for_2019(f):
    start, end = year(2019)
    chosen = rows(f, start, end)
    by_class = chosen["label"].value_counts()
    months = chosen["day"].dt.strftime("%Y-%m")
    distance = counted(chosen).groupby(months.loc[counted(chosen).index])["distance_m"].sum()
    first, last = chosen["day"].min().date(), chosen["day"].max().date()
    return Expect(
        text=(
            f"{len(chosen)} workouts from {first} to {last}: ",
            *(fmt.count(n, NAMES[label]) for label, n in by_class.items() if label != OUTLIER),
        ),
        facts={
            "total distance": mi(total(chosen, "distance_m")),
            "total time": fmt.duration(total(chosen, "duration_s")),
        },
        rows={
            m: {
                "runs": str(int(((months == m) & (chosen["label"] == RUN)).sum())),
                "dog walks": str(int(((months == m) & (chosen["label"] == WALK)).sum())),
                "distance": mi(d),
            }
            for m, d in distance.items()
        },
        reading=read_as("all workouts", start, end),
    )
