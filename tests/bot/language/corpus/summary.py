"""Summaries: counts, totals, averages, rates, bests and worsts, latest and first, lists,
breakdowns and distance bands (README.md, "Summary: measures and aggregates")."""

from tests.bot.language.corpus.periods import (
    LAST_4_WEEKS,
    LAST_8_WEEKS,
    LAST_MONTH,
    LAST_WEEK,
    LAST_YEAR,
    LATELY,
    SINCE_2020,
    SINCE_MARCH,
    THIS_MONTH,
    THIS_WEEK,
    THIS_YEAR,
    Y2018,
    Y2019,
    Y2020,
    Y2022,
    Y2023,
    Y2024,
    month,
    quarter,
    summer,
)

MILE = 1609.344
HALF = 21097.5
MARATHON = 42195.0


def summary(**slots) -> dict:
    return {"kind": "summary", **slots}


def _who(classes, activity) -> dict:
    slots = {}
    if classes:
        slots["classes"] = list(classes)
    if activity:
        slots["activity"] = activity
    return slots


def _when(periods) -> dict:
    return {"periods": list(periods)} if periods else {}


# Periods said after a summary question, rotated through the families below.
WHEN = [
    ("in 2019", [Y2019]),
    ("this year", [THIS_YEAR]),
    ("last month", [LAST_MONTH]),
    ("since march", [SINCE_MARCH]),
    ("in summer 2022", [summer(2022)]),
    ("lately", [LATELY]),
    ("this yr", [THIS_YEAR]),
    ("last week", [LAST_WEEK]),
    ("in 2023", [Y2023]),
    ("", []),
    ("this month", [THIS_MONTH]),
    ("last year", [LAST_YEAR]),
    ("since 2020", [SINCE_2020]),
    ("in march 2019", [month(2019, 3)]),
    ("in Q1 2024", [quarter(2024, 1)]),
    ("in 2018", [Y2018]),
]

# (plural noun, classes, activity)
NOUNS = [
    ("runs", ["run"], None),
    ("walks", ["walk"], None),
    ("dog walks", ["walk"], None),
    ("run-walks", ["run_walk"], None),
    ("rides", ["cycle"], None),
    ("bike rides", ["cycle"], None),
    ("swims", ["swim"], None),
    ("gym sessions", ["workout"], None),
    ("workouts", [], None),
    ("activities", [], None),
    ("jogs", ["run"], None),
    ("hikes", [], "hike"),
    ("strength workouts", ["workout"], None),
    ("runs and walks", ["run", "walk"], None),
    ("treadmill runs", ["run"], "treadmill"),
    ("pup walks", ["walk"], None),
    ("run/walks", ["run_walk"], None),
    ("cycling sessions", ["cycle"], None),
    ("yoga sessions", [], "yoga"),
    ("trail runs", ["run"], "trail"),
]
# (verb after "did I", gerund, classes, activity, has a distance)
VERBS = [
    ("run", "running", ["run"], None, True),
    ("walk", "walking", ["walk"], None, True),
    ("walk the dog", "walking the dog", ["walk"], None, True),
    ("ride", "riding", ["cycle"], None, True),
    ("cycle", "cycling", ["cycle"], None, True),
    ("swim", "swimming", ["swim"], None, True),
    ("jog", "jogging", ["run"], None, True),
    ("hike", "hiking", [], "hike", True),
    ("go", "out", [], None, True),
    ("go to the gym", "at the gym", ["workout"], None, False),
    ("work out", "working out", [], None, False),
    ("do weights", "lifting weights", ["workout"], None, False),
]
DISTANCE_VERBS = [v for v in VERBS if v[4]]


def _rotate(items, i):
    return items[i % len(items)]


def _q(template: str, when: str, **fill) -> str:
    text = template.format(**fill)
    return f"{text} {when}".strip() if when else text


CASES = []

# Counts.
COUNT = [
    "how many {noun}",
    "how many {noun} did I do",
    "number of {noun}",
    "count my {noun}",
    "how many {noun} have I logged",
]
for i, (noun, classes, activity) in enumerate(NOUNS):
    for j, template in enumerate(COUNT[:3] if i % 2 else COUNT[2:]):
        when, periods = _rotate(WHEN, i * 3 + j)
        CASES.append(
            (
                _q(template, when, noun=noun),
                summary(measure="count", aggregate="total", **_who(classes, activity))
                | _when(periods),
            )
        )
for i, (verb, _gerund, classes, activity, _d) in enumerate(VERBS):
    if verb == "go":
        continue
    when, periods = _rotate(WHEN, i + 5)
    CASES.append(
        (
            _q("how many times did I {verb}", when, verb=verb),
            summary(measure="count", aggregate="total", **_who(classes, activity)) | _when(periods),
        )
    )

CASES += [
    (
        "how many runs in 2019",
        summary(measure="count", aggregate="total", classes=["run"], periods=[Y2019]),
    ),
    (
        "how many runs in 2018",
        summary(measure="count", aggregate="total", classes=["run"], periods=[Y2018]),
    ),
    (
        "how many runs this yr",
        summary(measure="count", aggregate="total", classes=["run"], periods=[THIS_YEAR]),
    ),
    (
        "how many workouts last month",
        summary(measure="count", aggregate="total", periods=[LAST_MONTH]),
    ),
    (
        "how far did I walk this week?",
        summary(measure="distance", aggregate="total", classes=["walk"], periods=[THIS_WEEK]),
    ),
    (
        "how many walks this year",
        summary(measure="count", aggregate="total", classes=["walk"], periods=[THIS_YEAR]),
    ),
]

# Distances.
DISTANCE = [
    ("how far did I {verb}", None),
    ("how many km did I {verb}", "km"),
    ("how many miles did I {verb}", "mi"),
    ("total distance I {verbed}", None),
]
PAST = {
    "run": "ran",
    "walk": "walked",
    "walk the dog": "walked the dog",
    "ride": "rode",
    "cycle": "cycled",
    "swim": "swam",
    "jog": "jogged",
    "hike": "hiked",
    "go": "covered",
}
for i, (verb, _gerund, classes, activity, _d) in enumerate(DISTANCE_VERBS):
    for j, (template, unit) in enumerate(DISTANCE):
        if (i + j) % 3 == 2:
            continue
        when, periods = _rotate(WHEN, i * 2 + j)
        expected = summary(measure="distance", aggregate="total", **_who(classes, activity))
        if unit:
            expected["unit"] = unit
        CASES.append((_q(template, when, verb=verb, verbed=PAST[verb]), expected | _when(periods)))
CASES += [
    (
        "total km in 2018",
        summary(measure="distance", aggregate="total", unit="km", periods=[Y2018]),
    ),
    (
        "total miles in 2018",
        summary(measure="distance", aggregate="total", unit="mi", periods=[Y2018]),
    ),
    ("total distance in 2018", summary(measure="distance", aggregate="total", periods=[Y2018])),
    ("my mileage this year", summary(measure="distance", aggregate="total", periods=[THIS_YEAR])),
    (
        "running mileage in 2019",
        summary(measure="distance", aggregate="total", classes=["run"], periods=[Y2019]),
    ),
    (
        "kms walked this month",
        summary(
            measure="distance",
            aggregate="total",
            unit="km",
            classes=["walk"],
            periods=[THIS_MONTH],
        ),
    ),
    (
        "how many kilometres have I run since 2020",
        summary(
            measure="distance",
            aggregate="total",
            unit="km",
            classes=["run"],
            periods=[SINCE_2020],
        ),
    ),
    (
        "how far have I run in my life",
        summary(measure="distance", aggregate="total", classes=["run"]),
    ),
    ("total distance ever", summary(measure="distance", aggregate="total")),
    ("all time km", summary(measure="distance", aggregate="total", unit="km")),
    (
        "how many miles on the bike this year",
        summary(
            measure="distance", aggregate="total", unit="mi", classes=["cycle"], periods=[THIS_YEAR]
        ),
    ),
    (
        "distance covered walking the dog in 2020",
        summary(measure="distance", aggregate="total", classes=["walk"], periods=[Y2020]),
    ),
]

# Durations.
DURATION = [
    "how many hours did I {verb}",
    "how long did I spend {gerund}",
    "total time {gerund}",
]
for i, (verb, gerund, classes, activity, _d) in enumerate(VERBS):
    if verb == "go":
        continue
    for j, template in enumerate(DURATION):
        if (i + j) % 3 == 1:
            continue
        when, periods = _rotate(WHEN, i + j * 4)
        CASES.append(
            (
                _q(template, when, verb=verb, gerund=gerund),
                summary(measure="duration", aggregate="total", **_who(classes, activity))
                | _when(periods),
            )
        )
CASES += [
    (
        "how many hours did I walk in summer 2022 by month",
        summary(
            measure="duration",
            aggregate="total",
            by="month",
            classes=["walk"],
            periods=[summer(2022)],
        ),
    ),
    ("total time this year", summary(measure="duration", aggregate="total", periods=[THIS_YEAR])),
    (
        "how many minutes of exercise last week",
        summary(measure="duration", aggregate="total", periods=[LAST_WEEK]),
    ),
    ("hours on my feet in 2019", summary(measure="duration", aggregate="total", periods=[Y2019])),
    (
        "how long have I spent walking the dog, all time",
        summary(measure="duration", aggregate="total", classes=["walk"]),
    ),
]

# Paces.
PACE = [
    ("average {adj} pace", None),
    ("what's my average {adj} pace", None),
    ("avg {adj} pace per km", "km"),
    ("my {adj} pace in min/mile", "mi"),
    ("mean {adj} pace", None),
]
ADJECTIVES = [
    ("run", ["run"], None),
    ("walk", ["walk"], None),
    ("running", ["run"], None),
    ("walking", ["walk"], None),
    ("dog walk", ["walk"], None),
    ("run-walk", ["run_walk"], None),
    ("jogging", ["run"], None),
    ("hiking", [], "hike"),
    ("treadmill", [], "treadmill"),
]
for i, (adj, classes, activity) in enumerate(ADJECTIVES):
    for j, (template, unit) in enumerate(PACE):
        if (i + j) % 2:
            continue
        when, periods = _rotate(WHEN, i + j * 3)
        expected = summary(measure="pace", aggregate="average", **_who(classes, activity))
        if unit:
            expected["unit"] = unit
        CASES.append((_q(template, when, adj=adj), expected | _when(periods)))
CASES += [
    (
        "what's my average run pace",
        summary(measure="pace", aggregate="average", classes=["run"]),
    ),
    ("what's my pace", summary(measure="pace", aggregate="average")),
    ("what's my pace these days", summary(measure="pace", aggregate="average", periods=[LATELY])),
    ("how fast do I run", summary(measure="pace", aggregate="average", classes=["run"])),
    (
        "how fast do I walk the dog",
        summary(measure="pace", aggregate="average", classes=["walk"]),
    ),
    (
        "average pace of my runs in 2019",
        summary(measure="pace", aggregate="average", classes=["run"], periods=[Y2019]),
    ),
    (
        "what pace do I run at per mile",
        summary(measure="pace", aggregate="average", unit="mi", classes=["run"]),
    ),
    (
        "min/km on my runs this year",
        summary(
            measure="pace",
            aggregate="average",
            unit="km",
            classes=["run"],
            periods=[THIS_YEAR],
        ),
    ),
    (
        "average pace for runs over 10 km",
        summary(measure="pace", aggregate="average", classes=["run"], min_distance_m=10000.0),
    ),
    (
        "avg pace by year for my runs",
        summary(measure="pace", aggregate="average", by="year", classes=["run"]),
    ),
    (
        "average pace month by month in 2019",
        summary(measure="pace", aggregate="average", by="month", periods=[Y2019]),
    ),
]

# Calories.
CASES += [
    (
        "how many calories did I burn this year",
        summary(measure="calories", aggregate="total", periods=[THIS_YEAR]),
    ),
    (
        "calories burned running in 2019",
        summary(measure="calories", aggregate="total", classes=["run"], periods=[Y2019]),
    ),
    (
        "total calories last month",
        summary(measure="calories", aggregate="total", periods=[LAST_MONTH]),
    ),
    (
        "kcal from dog walks this week",
        summary(measure="calories", aggregate="total", classes=["walk"], periods=[THIS_WEEK]),
    ),
    (
        "average calories per run",
        summary(measure="calories", aggregate="average", classes=["run"]),
    ),
    (
        "how many calories does a walk burn on average",
        summary(measure="calories", aggregate="average", classes=["walk"]),
    ),
    (
        "calories per week lately",
        summary(measure="calories", aggregate="per_week", periods=[LATELY]),
    ),
    (
        "calories by month in 2023",
        summary(measure="calories", aggregate="total", by="month", periods=[Y2023]),
    ),
    (
        "how many calories did I burn on the bike in 2022",
        summary(measure="calories", aggregate="total", classes=["cycle"], periods=[Y2022]),
    ),
    ("most calories in a single workout", summary(measure="calories", aggregate="best")),
]

# Averages per workout.
CASES += [
    (
        "average run distance",
        summary(measure="distance", aggregate="average", classes=["run"]),
    ),
    (
        "average distance per walk this year",
        summary(measure="distance", aggregate="average", classes=["walk"], periods=[THIS_YEAR]),
    ),
    (
        "how far do I run on average",
        summary(measure="distance", aggregate="average", classes=["run"]),
    ),
    (
        "average ride length in km",
        summary(measure="distance", aggregate="average", classes=["cycle"], unit="km"),
    ),
    (
        "how many miles is my average dog walk",
        summary(measure="distance", aggregate="average", classes=["walk"], unit="mi"),
    ),
    (
        "average time per run in 2019",
        summary(measure="duration", aggregate="average", classes=["run"], periods=[Y2019]),
    ),
    ("average workout length in minutes", summary(measure="duration", aggregate="average")),
    (
        "how many minutes is a typical dog walk",
        summary(measure="duration", aggregate="average", classes=["walk"]),
    ),
    ("average swim duration", summary(measure="duration", aggregate="average", classes=["swim"])),
    (
        "mean distance of my hikes",
        summary(measure="distance", aggregate="average", activity="hike"),
    ),
]

# Rates: per week, per month.
CASES += [
    (
        "my weekly mileage lately",
        summary(measure="distance", aggregate="per_week", periods=[LATELY]),
    ),
    ("weekly mileage", summary(measure="distance", aggregate="per_week")),
    (
        "weekly mileage this year",
        summary(measure="distance", aggregate="per_week", periods=[THIS_YEAR]),
    ),
    (
        "what's my weekly running mileage",
        summary(measure="distance", aggregate="per_week", classes=["run"]),
    ),
    (
        "km per week this year",
        summary(measure="distance", aggregate="per_week", unit="km", periods=[THIS_YEAR]),
    ),
    (
        "miles a week on runs in 2019",
        summary(
            measure="distance",
            aggregate="per_week",
            unit="mi",
            classes=["run"],
            periods=[Y2019],
        ),
    ),
    (
        "how far do I walk per week",
        summary(measure="distance", aggregate="per_week", classes=["walk"]),
    ),
    (
        "runs per week this year",
        summary(measure="count", aggregate="per_week", classes=["run"], periods=[THIS_YEAR]),
    ),
    (
        "how many runs a week do I do",
        summary(measure="count", aggregate="per_week", classes=["run"]),
    ),
    (
        "how many walks a week lately",
        summary(measure="count", aggregate="per_week", classes=["walk"], periods=[LATELY]),
    ),
    (
        "how often did I run in 2019",
        summary(measure="count", aggregate="per_week", classes=["run"], periods=[Y2019]),
    ),
    (
        "how often do I walk the dog",
        summary(measure="count", aggregate="per_week", classes=["walk"]),
    ),
    (
        "how often do I go to the gym",
        summary(measure="count", aggregate="per_week", classes=["workout"]),
    ),
    (
        "workouts per week since march",
        summary(measure="count", aggregate="per_week", periods=[SINCE_MARCH]),
    ),
    (
        "hours per week of cycling",
        summary(measure="duration", aggregate="per_week", classes=["cycle"]),
    ),
    ("how many hours a week do I work out", summary(measure="duration", aggregate="per_week")),
    ("per month on average", summary(aggregate="per_month")),
    (
        "how many runs per month on average",
        summary(measure="count", aggregate="per_month", classes=["run"]),
    ),
    (
        "runs per month in 2019",
        summary(measure="count", aggregate="per_month", classes=["run"], periods=[Y2019]),
    ),
    (
        "average number of walks per month",
        summary(measure="count", aggregate="per_month", classes=["walk"]),
    ),
    (
        "monthly mileage in 2020",
        summary(measure="distance", aggregate="per_month", periods=[Y2020]),
    ),
    (
        "how many km a month do I ride",
        summary(measure="distance", aggregate="per_month", unit="km", classes=["cycle"]),
    ),
    (
        "hours per month walking the dog last year",
        summary(measure="duration", aggregate="per_month", classes=["walk"], periods=[LAST_YEAR]),
    ),
    (
        "swims a month on average since 2020",
        summary(measure="count", aggregate="per_month", classes=["swim"], periods=[SINCE_2020]),
    ),
    (
        "monthly distance on foot this year",
        summary(measure="distance", aggregate="per_month", periods=[THIS_YEAR]),
    ),
]

# Bests and worsts: one workout.
CASES += [
    ("longest run", summary(measure="distance", aggregate="best", classes=["run"])),
    (
        "what's my longest run ever",
        summary(measure="distance", aggregate="best", classes=["run"]),
    ),
    (
        "longest run this year",
        summary(measure="distance", aggregate="best", classes=["run"], periods=[THIS_YEAR]),
    ),
    (
        "longest walk in 2019",
        summary(measure="distance", aggregate="best", classes=["walk"], periods=[Y2019]),
    ),
    ("longest ride", summary(measure="distance", aggregate="best", classes=["cycle"])),
    ("longest hike", summary(measure="distance", aggregate="best", activity="hike")),
    ("farthest I've ever gone", summary(measure="distance", aggregate="best")),
    ("what's the farthest I went in one workout", summary(measure="distance", aggregate="best")),
    ("biggest workout of 2023", summary(measure="distance", aggregate="best", periods=[Y2023])),
    (
        "longest run in miles",
        summary(measure="distance", aggregate="best", unit="mi", classes=["run"]),
    ),
    ("longest walk by time", summary(measure="duration", aggregate="best", classes=["walk"])),
    ("longest workout in minutes", summary(measure="duration", aggregate="best")),
    (
        "what's the most time I spent on one swim",
        summary(measure="duration", aggregate="best", classes=["swim"]),
    ),
    ("fastest run", summary(measure="pace", aggregate="best", classes=["run"])),
    (
        "fastest run last year",
        summary(measure="pace", aggregate="best", classes=["run"], periods=[LAST_YEAR]),
    ),
    ("fastest walk", summary(measure="pace", aggregate="best", classes=["walk"])),
    (
        "fastest 5k",
        summary(measure="pace", aggregate="best", min_distance_m=5000.0, max_distance_m=5500.0),
    ),
    (
        "my fastest 5k this year",
        summary(
            measure="pace",
            aggregate="best",
            min_distance_m=5000.0,
            max_distance_m=5500.0,
            periods=[THIS_YEAR],
        ),
    ),
    (
        "fastest 10k in 2019",
        summary(
            measure="pace",
            aggregate="best",
            min_distance_m=10000.0,
            max_distance_m=11000.0,
            periods=[Y2019],
        ),
    ),
    (
        "fastest half marathon",
        summary(measure="pace", aggregate="best", min_distance_m=HALF, max_distance_m=HALF * 1.1),
    ),
    (
        "fastest marathon",
        summary(
            measure="pace", aggregate="best", min_distance_m=MARATHON, max_distance_m=MARATHON * 1.1
        ),
    ),
    (
        "fastest mile",
        summary(measure="pace", aggregate="best", min_distance_m=MILE, max_distance_m=MILE * 1.1),
    ),
    (
        "fastest 5k run ever",
        summary(
            measure="pace",
            aggregate="best",
            classes=["run"],
            min_distance_m=5000.0,
            max_distance_m=5500.0,
        ),
    ),
    (
        "best pace on a run over 10k",
        summary(measure="pace", aggregate="best", classes=["run"], min_distance_m=10000.0),
    ),
    ("slowest run", summary(measure="pace", aggregate="worst", classes=["run"])),
    (
        "slowest walk this year",
        summary(measure="pace", aggregate="worst", classes=["walk"], periods=[THIS_YEAR]),
    ),
    (
        "shortest run in 2019",
        summary(measure="distance", aggregate="worst", classes=["run"], periods=[Y2019]),
    ),
    ("shortest walk ever", summary(measure="distance", aggregate="worst", classes=["walk"])),
    ("shortest workout by time", summary(measure="duration", aggregate="worst")),
    (
        "worst pace on a 5k",
        summary(measure="pace", aggregate="worst", min_distance_m=5000.0, max_distance_m=5500.0),
    ),
]

# Bests and worsts of a period unit.
CASES += [
    ("best month ever", summary(aggregate="best", by="month")),
    ("best week this year", summary(aggregate="best", by="week", periods=[THIS_YEAR])),
    ("best year", summary(aggregate="best", by="year")),
    ("what was my best running month", summary(aggregate="best", by="month", classes=["run"])),
    ("worst month in 2020", summary(aggregate="worst", by="month", periods=[Y2020])),
    (
        "worst week for walks last year",
        summary(aggregate="worst", by="week", classes=["walk"], periods=[LAST_YEAR]),
    ),
    ("most km in a month", summary(measure="distance", aggregate="best", by="month", unit="km")),
    (
        "most miles in a week ever",
        summary(measure="distance", aggregate="best", by="week", unit="mi"),
    ),
    (
        "biggest mileage week in 2019",
        summary(measure="distance", aggregate="best", by="week", periods=[Y2019]),
    ),
    (
        "busiest month in 2019",
        summary(measure="count", aggregate="best", by="month", periods=[Y2019]),
    ),
    (
        "busiest week of the year",
        summary(measure="count", aggregate="best", by="week", periods=[THIS_YEAR]),
    ),
    (
        "quietest month last year",
        summary(measure="count", aggregate="worst", by="month", periods=[LAST_YEAR]),
    ),
    (
        "laziest week this year",
        summary(measure="count", aggregate="worst", by="week", periods=[THIS_YEAR]),
    ),
    (
        "which month did I run the most",
        summary(measure="count", aggregate="best", by="month", classes=["run"]),
    ),
    (
        "which year did I walk the most km",
        summary(measure="distance", aggregate="best", by="year", unit="km", classes=["walk"]),
    ),
    (
        "which weekday do I run the most",
        summary(measure="count", aggregate="best", by="weekday", classes=["run"]),
    ),
    (
        "what day of the week do I walk the dog most",
        summary(measure="count", aggregate="best", by="weekday", classes=["walk"]),
    ),
    (
        "what hour do I usually start my runs",
        summary(measure="count", aggregate="best", by="hour", classes=["run"]),
    ),
    ("most hours in a single month", summary(measure="duration", aggregate="best", by="month")),
    (
        "fastest month for my runs in 2019",
        summary(measure="pace", aggregate="best", by="month", classes=["run"], periods=[Y2019]),
    ),
]

# Latest and first.
CASES += [
    ("when was my last run?", summary(aggregate="latest", classes=["run"])),
    ("when did I last run", summary(aggregate="latest", classes=["run"])),
    ("last run", summary(aggregate="latest", classes=["run"])),
    ("my most recent walk", summary(aggregate="latest", classes=["walk"])),
    ("when did I last go for a ride", summary(aggregate="latest", classes=["cycle"])),
    ("last swim?", summary(aggregate="latest", classes=["swim"])),
    ("when was my last workout", summary(aggregate="latest")),
    ("latest hike", summary(aggregate="latest", activity="hike")),
    ("last time I went to the gym", summary(aggregate="latest", classes=["workout"])),
    (
        "when was the last time I ran more than 10k",
        summary(aggregate="latest", classes=["run"], min_distance_m=10000.0),
    ),
    ("my last run-walk", summary(aggregate="latest", classes=["run_walk"])),
    ("last run of 2019", summary(aggregate="latest", classes=["run"], periods=[Y2019])),
    ("first run", summary(aggregate="first", classes=["run"])),
    ("when was my first run?", summary(aggregate="first", classes=["run"])),
    ("my first walk with the dog", summary(aggregate="first", classes=["walk"])),
    ("first workout I ever logged", summary(aggregate="first")),
    ("first run of 2020", summary(aggregate="first", classes=["run"], periods=[Y2020])),
    ("first ride this year", summary(aggregate="first", classes=["cycle"], periods=[THIS_YEAR])),
    ("when did I start cycling", summary(aggregate="first", classes=["cycle"])),
    (
        "first half marathon",
        summary(aggregate="first", min_distance_m=HALF, max_distance_m=HALF * 1.1),
    ),
]

# Lists.
CASES += [
    ("runs from last month", summary(aggregate="list", classes=["run"], periods=[LAST_MONTH])),
    ("show me my week", summary(aggregate="list", periods=[THIS_WEEK])),
    ("what did I do this week", summary(aggregate="list", periods=[THIS_WEEK])),
    (
        "list my runs last week",
        summary(aggregate="list", classes=["run"], periods=[LAST_WEEK]),
    ),
    (
        "show my walks this month",
        summary(aggregate="list", classes=["walk"], periods=[THIS_MONTH]),
    ),
    ("my rides in 2024", summary(aggregate="list", classes=["cycle"], periods=[Y2024])),
    ("list all my swims", summary(aggregate="list", classes=["swim"])),
    ("what have I done lately", summary(aggregate="list", periods=[LATELY])),
    ("show me last week", summary(aggregate="list", periods=[LAST_WEEK])),
    ("list workouts in march 2019", summary(aggregate="list", periods=[month(2019, 3)])),
    ("my outlier workouts", summary(aggregate="list", classes=["outlier"])),
    ("show the workouts marked as outliers", summary(aggregate="list", classes=["outlier"])),
    ("list the glitches", summary(aggregate="list", classes=["outlier"])),
    (
        "how many outliers do I have",
        summary(measure="count", aggregate="total", classes=["outlier"]),
    ),
    (
        "how many glitches in 2023",
        summary(measure="count", aggregate="total", classes=["outlier"], periods=[Y2023]),
    ),
    (
        "list my half marathons",
        summary(aggregate="list", min_distance_m=HALF, max_distance_m=HALF * 1.1),
    ),
    (
        "show all runs longer than 20 km",
        summary(aggregate="list", classes=["run"], min_distance_m=20000.0),
    ),
    (
        "walks under 1 km last month",
        summary(aggregate="list", classes=["walk"], max_distance_m=1000.0, periods=[LAST_MONTH]),
    ),
    ("my hikes", summary(aggregate="list", activity="hike")),
    ("workouts labelled other", summary(aggregate="list", classes=["other"])),
]

# Breakdowns, each with periods it makes sense over.
BREAKDOWN = [
    ("{noun} by month", "month"),
    ("{noun} by week", "week"),
    ("{noun} per year", "year"),
    ("{noun} per weekday", "weekday"),
    ("{noun} each month", "month"),
    ("{noun} by day of the week", "weekday"),
    ("{noun} year by year", "year"),
    ("{noun} week by week", "week"),
    ("{noun} by hour of the day", "hour"),
    ("{noun} month by month", "month"),
]
OVER = {
    "month": [("in 2019", [Y2019]), ("this year", [THIS_YEAR]), ("last year", [LAST_YEAR])],
    "week": [("this month", [THIS_MONTH]), ("in 2023", [Y2023]), ("last month", [LAST_MONTH])],
    "year": [("", []), ("since 2020", [SINCE_2020])],
    "weekday": [("", []), ("this year", [THIS_YEAR]), ("lately", [LATELY])],
    "hour": [("in 2018", [Y2018]), ("", [])],
}
for i, (noun, classes, activity) in enumerate(NOUNS[:12]):
    template, by = _rotate(BREAKDOWN, i)
    when, periods = _rotate(OVER[by], i)
    CASES.append(
        (
            _q(template, when, noun=noun),
            summary(measure="count", aggregate="total", by=by, **_who(classes, activity))
            | _when(periods),
        )
    )
CASES += [
    (
        "distance by month in 2019",
        summary(measure="distance", aggregate="total", by="month", periods=[Y2019]),
    ),
    (
        "km run each week this year",
        summary(
            measure="distance",
            aggregate="total",
            by="week",
            unit="km",
            classes=["run"],
            periods=[THIS_YEAR],
        ),
    ),
    ("miles per year", summary(measure="distance", aggregate="total", by="year", unit="mi")),
    (
        "hours walked per weekday",
        summary(measure="duration", aggregate="total", by="weekday", classes=["walk"]),
    ),
    (
        "what time of day do I run",
        summary(measure="count", aggregate="total", by="hour", classes=["run"]),
    ),
    (
        "what time do I usually walk the dog",
        summary(measure="count", aggregate="best", by="hour", classes=["walk"]),
    ),
    (
        "breakdown by type this year",
        summary(measure="count", aggregate="total", by="class", periods=[THIS_YEAR]),
    ),
    (
        "how many of each kind of workout in 2019",
        summary(measure="count", aggregate="total", by="class", periods=[Y2019]),
    ),
    ("workouts by class", summary(measure="count", aggregate="total", by="class")),
    (
        "runs vs walks this year",
        summary(
            measure="count",
            aggregate="total",
            by="class",
            classes=["run", "walk"],
            periods=[THIS_YEAR],
        ),
    ),
    (
        "runs versus walks",
        summary(measure="count", aggregate="total", by="class", classes=["run", "walk"]),
    ),
    (
        "distance by type last year",
        summary(measure="distance", aggregate="total", by="class", periods=[LAST_YEAR]),
    ),
    (
        "how many runs per year since 2020",
        summary(
            measure="count",
            aggregate="total",
            by="year",
            classes=["run"],
            periods=[SINCE_2020],
        ),
    ),
    (
        "average pace by month this year",
        summary(measure="pace", aggregate="average", by="month", periods=[THIS_YEAR]),
    ),
    (
        "monthly breakdown of my walks in 2022",
        summary(measure="count", aggregate="total", by="month", classes=["walk"], periods=[Y2022]),
    ),
    (
        "weekly breakdown of km last month",
        summary(measure="distance", aggregate="total", by="week", unit="km", periods=[LAST_MONTH]),
    ),
    (
        "how many hours did I ride each month last year",
        summary(
            measure="duration",
            aggregate="total",
            by="month",
            classes=["cycle"],
            periods=[LAST_YEAR],
        ),
    ),
    ("calories per weekday", summary(measure="calories", aggregate="total", by="weekday")),
]

# Distance bands.
CASES += [
    (
        "how many 5k+ runs this year",
        summary(
            measure="count",
            aggregate="total",
            classes=["run"],
            min_distance_m=5000.0,
            periods=[THIS_YEAR],
        ),
    ),
    (
        "how many runs over 10 km in 2019",
        summary(
            measure="count",
            aggregate="total",
            classes=["run"],
            min_distance_m=10000.0,
            periods=[Y2019],
        ),
    ),
    (
        "runs longer than 5 miles",
        summary(aggregate="list", classes=["run"], min_distance_m=5 * MILE),
    ),
    (
        "how many walks under 2 km",
        summary(measure="count", aggregate="total", classes=["walk"], max_distance_m=2000.0),
    ),
    (
        "how many runs between 5 and 10 km",
        summary(
            measure="count",
            aggregate="total",
            classes=["run"],
            min_distance_m=5000.0,
            max_distance_m=10000.0,
        ),
    ),
    (
        "how many half marathons have I done",
        summary(measure="count", aggregate="total", min_distance_m=HALF, max_distance_m=HALF * 1.1),
    ),
    (
        "how many marathons",
        summary(
            measure="count",
            aggregate="total",
            min_distance_m=MARATHON,
            max_distance_m=MARATHON * 1.1,
        ),
    ),
    (
        "number of rides over 50 km",
        summary(measure="count", aggregate="total", classes=["cycle"], min_distance_m=50000.0),
    ),
    (
        "how many 10ks did I run in 2023",
        summary(
            measure="count",
            aggregate="total",
            classes=["run"],
            min_distance_m=10000.0,
            max_distance_m=11000.0,
            periods=[Y2023],
        ),
    ),
    (
        "average pace on runs under 5k",
        summary(measure="pace", aggregate="average", classes=["run"], max_distance_m=5000.0),
    ),
    (
        "runs of at least 15 km this year",
        summary(aggregate="list", classes=["run"], min_distance_m=15000.0, periods=[THIS_YEAR]),
    ),
    (
        "total distance of walks over 3 miles",
        summary(measure="distance", aggregate="total", classes=["walk"], min_distance_m=3 * MILE),
    ),
]

# Overviews: stats, summary, totals (no measure).
CASES += [
    ("stats", summary()),
    ("stats 2019", summary(periods=[Y2019])),
    ("stats for last month", summary(periods=[LAST_MONTH])),
    ("give me an overview of this year", summary(periods=[THIS_YEAR])),
    ("summary of my runs in 2023", summary(classes=["run"], periods=[Y2023])),
    ("statistics since march", summary(periods=[SINCE_MARCH])),
    ("totals for 2020", summary(periods=[Y2020])),
    ("give me a brief summary of last month", summary(periods=[LAST_MONTH])),
    ("a brief look at 2019", summary(periods=[Y2019])),
    ("last month", summary(periods=[LAST_MONTH])),
    ("this week", summary(periods=[THIS_WEEK])),
    ("my walking stats", summary(classes=["walk"])),
]

# The weeks chart (README.md, "The weeks chart"): workouts counted by week, drawn as a chart.
WEEKS = {"measure": "count", "aggregate": "total", "by": "week", "output": "chart"}
CASES += [
    ("show my last 8 weeks", summary(**WEEKS, periods=[LAST_8_WEEKS])),
    ("last 8 weeks", summary(**WEEKS, periods=[LAST_8_WEEKS])),
    ("show me my last eight weeks", summary(**WEEKS, periods=[LAST_8_WEEKS])),
    ("the past 8 weeks?", summary(**WEEKS, periods=[LAST_8_WEEKS])),
    ("how were my last 4 weeks", summary(**WEEKS, periods=[LAST_4_WEEKS])),
    ("my weeks chart", summary(**WEEKS)),
    ("weeks chart please", summary(**WEEKS)),
    ("show me the weekly chart", summary(**WEEKS)),
    ("how were my last few weeks", summary(**WEEKS)),
    ("how have my past few weeks been?", summary(**WEEKS)),
    # narrower or measured questions keep their own reading
    (
        "show my runs from the last 8 weeks",
        summary(aggregate="list", classes=["run"], periods=[LAST_8_WEEKS]),
    ),
    (
        "how far in the last 8 weeks",
        summary(measure="distance", aggregate="total", periods=[LAST_8_WEEKS]),
    ),
]
