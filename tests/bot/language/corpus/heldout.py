"""Held-out questions: written from README.md and query.py alone, as different people would type
them into Slack or a terminal (British and American words, chatty and clipped, numbers as words,
typos), none of them a question of another module. Today is Saturday 2025-12-20.

Cases the conventions did not settle were left out (see the report that came with this module).
"""

from tests.bot.language.corpus import (
    ambiguous,
    analyses,
    commands,
    days,
    stories,
    summary,
    trends,
    writes,
)
from tests.bot.language.corpus.periods import (
    LAST_3_MONTHS,
    LAST_6_MONTHS,
    LAST_8_WEEKS,
    LAST_12_MONTHS,
    LAST_30_DAYS,
    LAST_MONTH,
    LAST_QUARTER,
    LAST_SUMMER,
    LAST_WEEK,
    LAST_WEEKEND,
    LAST_WINTER,
    LAST_YEAR,
    LATELY,
    PAST_YEAR,
    SINCE_MARCH,
    THIS_MONTH,
    THIS_QUARTER,
    THIS_WEEK,
    THIS_WINTER,
    THIS_YEAR,
    Y2018,
    Y2019,
    Y2020,
    Y2021,
    Y2022,
    Y2023,
    Y2024,
    YESTERDAY,
    day,
    fall,
    month,
    quarter,
    spring,
    summer,
    winter,
    year,
)

TODAY = "2025-12-20"
YDAY = "2025-12-19"
RUN, WALK, RUN_WALK, RIDE, SWIM, GYM = "run", "walk", "run_walk", "cycle", "swim", "workout"
MILE = 1609.344
HALF = 21097.5
MARATHON = 42195.0
K5 = {"min_distance_m": 5000.0, "max_distance_m": 5500.0}
K10 = {"min_distance_m": 10000.0, "max_distance_m": 11000.0}
HALF_BAND = {"min_distance_m": HALF, "max_distance_m": HALF * 1.1}
MARATHON_BAND = {"min_distance_m": MARATHON, "max_distance_m": MARATHON * 1.1}
MILE_BAND = {"min_distance_m": MILE, "max_distance_m": MILE * 1.1}

LAST_5_DAYS = ("2025-12-16", TODAY)
LAST_100_DAYS = ("2025-09-12", TODAY)
LAST_3_YEARS = ("2022-12-21", TODAY)
SINCE_JAN = ("2025-01-01", TODAY)
SINCE_MAY = ("2025-05-01", TODAY)
SINCE_2022 = ("2022-01-01", TODAY)
Y2016 = year(2016)


def s(**slots) -> dict:
    return {"kind": "summary", **slots}


def k(kind: str, **slots) -> dict:
    return {"kind": kind, **slots}


def on(iso: str, label: str | None = None) -> dict:
    return {"day": iso, "label": label} if label else {"day": iso}


def count(*classes, **slots) -> dict:
    who = {"classes": list(classes)} if classes else {}
    return s(measure="count", aggregate="total", **who) | slots


def dist(*classes, **slots) -> dict:
    who = {"classes": list(classes)} if classes else {}
    return s(measure="distance", aggregate="total", **who) | slots


def label(workout: dict, new_label: str) -> dict:
    return {"kind": "label", "action": "set", "workout": workout, "new_label": new_label}


def event(name: str, iso: str, kind: str) -> dict:
    return {
        "kind": "events",
        "action": "add",
        "event_name": name,
        "event_date": iso,
        "event_kind": kind,
    }


def among(*kinds: str) -> dict:
    return {"choices": list(kinds)}


SUMMARY = [
    # Counts.
    ("how many times did I go jogging in 2021", count(RUN, periods=[Y2021])),
    ("how many hikes did we do last summer", count(activity="hike", periods=[LAST_SUMMER])),
    ("how many gym sessions have I done so far this year", count(GYM, periods=[THIS_YEAR])),
    ("how many swims in Q2 2023", count(SWIM, periods=[quarter(2023, 2)])),
    (
        "number of times I walked the dog over the last five days",
        count(WALK, periods=[LAST_5_DAYS]),
    ),
    ("count my yoga sessions this quarter", count(activity="yoga", periods=[THIS_QUARTER])),
    ("how many trail runs in spring 2024", count(RUN, activity="trail", periods=[spring(2024)])),
    (
        "how many treadmill sessions last winter",
        count(activity="treadmill", periods=[LAST_WINTER]),
    ),
    ("how many workouts did I squeeze in last weekend", count(periods=[LAST_WEEKEND])),
    ("how many times did I cycle to work in october", count(RIDE, periods=[month(2025, 10)])),
    (
        "how many runs did I do between june and august",
        count(RUN, periods=[("2025-06-01", "2025-08-31")]),
    ),
    ("how many walks in the past hundred days", count(WALK, periods=[LAST_100_DAYS])),
    ("how many runs in the last twelve months", count(RUN, periods=[LAST_12_MONTHS])),
    ("how many bike rides over the past three years", count(RIDE, periods=[LAST_3_YEARS])),
    (
        "how many walks from november to january",
        count(WALK, periods=[("2024-11-01", "2025-01-31")]),
    ),
    ("how many runs 2015-2017", count(RUN, periods=[("2015-01-01", "2017-12-31")])),
    ("how many runs this autumn", count(RUN, periods=[fall(2025)])),
    ("how many walks in the winter", count(WALK, periods=[THIS_WINTER])),
    ("number of runs since the 3rd of may", count(RUN, periods=[("2025-05-03", TODAY)])),
    ("how many runs in 2019-06", count(RUN, periods=[month(2019, 6)])),
    ("how many workouts in the last few months", count(periods=[LATELY])),
    # Distances.
    ("how many kilometres did I cycle in 2022", dist(RIDE, unit="km", periods=[Y2022])),
    ("how far have I jogged since june 2024", dist(RUN, periods=[("2024-06-01", TODAY)])),
    ("total mileage for 2021", dist(periods=[Y2021])),
    (
        "how many miles have I walked with the dog this month",
        dist(WALK, unit="mi", periods=[THIS_MONTH]),
    ),
    ("how far did I go in the first half of 2023", dist(periods=[("2023-01-01", "2023-06-30")])),
    ("how many miles did I log in december", dist(unit="mi", periods=[THIS_MONTH])),
    (
        "total km on the treadmill this month",
        dist(activity="treadmill", unit="km", periods=[THIS_MONTH]),
    ),
    ("running mileage since I started", dist(RUN)),
    # Durations.
    (
        "how many hours did I spend on the bike in 2023",
        s(measure="duration", aggregate="total", classes=[RIDE], periods=[Y2023]),
    ),
    (
        "total time lifting weights last month",
        s(measure="duration", aggregate="total", classes=[GYM], periods=[LAST_MONTH]),
    ),
    (
        "how many minutes did I jog yesterday",
        s(measure="duration", aggregate="total", classes=[RUN], periods=[YESTERDAY]),
    ),
    (
        "how much time did I spend exercising in the last three months",
        s(measure="duration", aggregate="total", periods=[LAST_3_MONTHS]),
    ),
    # Paces.
    (
        "what's my average jogging pace in kilometres",
        s(measure="pace", aggregate="average", classes=[RUN], unit="km"),
    ),
    (
        "average pace on my treadmill runs",
        s(measure="pace", aggregate="average", classes=[RUN], activity="treadmill"),
    ),
    # Calories.
    (
        "how many calories have I burned jogging since may",
        s(measure="calories", aggregate="total", classes=[RUN], periods=[SINCE_MAY]),
    ),
    (
        "calories burnt on walks in the past year",
        s(measure="calories", aggregate="total", classes=[WALK], periods=[PAST_YEAR]),
    ),
    (
        "quick q: how many calories did my dog walks burn last week",
        s(measure="calories", aggregate="total", classes=[WALK], periods=[LAST_WEEK]),
    ),
    # Averages per workout.
    (
        "average length of my hikes in miles",
        s(measure="distance", aggregate="average", activity="hike", unit="mi"),
    ),
    (
        "average time per swim last year",
        s(measure="duration", aggregate="average", classes=[SWIM], periods=[LAST_YEAR]),
    ),
    (
        "what's the average distance of my jogs in 2023?",
        s(measure="distance", aggregate="average", classes=[RUN], periods=[Y2023]),
    ),
    # Rates.
    (
        "how many times a week do I go running",
        s(measure="count", aggregate="per_week", classes=[RUN]),
    ),
    ("how often do I lift weights", s(measure="count", aggregate="per_week", classes=[GYM])),
    (
        "km per week on the bike in 2023",
        s(measure="distance", aggregate="per_week", unit="km", classes=[RIDE], periods=[Y2023]),
    ),
    (
        "hikes per month in 2024",
        s(measure="count", aggregate="per_month", activity="hike", periods=[Y2024]),
    ),
    (
        "distance per month in 2021",
        s(measure="distance", aggregate="per_month", periods=[Y2021]),
    ),
    (
        "I'm trying to get a sense of my volume - what's my weekly mileage been over the past 3 "
        "months?",
        s(measure="distance", aggregate="per_week", periods=[LAST_3_MONTHS]),
    ),
    # Bests and worsts: one workout.
    (
        "what's the longest bike ride I've ever done",
        s(measure="distance", aggregate="best", classes=[RIDE]),
    ),
    ("what's the furthest I've ever run", s(measure="distance", aggregate="best", classes=[RUN])),
    (
        "my fastest run in 2023",
        s(measure="pace", aggregate="best", classes=[RUN], periods=[Y2023]),
    ),
    ("fastest 10k ever", s(measure="pace", aggregate="best", **K10)),
    (
        "fastest half marathon in 2024",
        s(measure="pace", aggregate="best", periods=[Y2024], **HALF_BAND),
    ),
    ("longest swim by time", s(measure="duration", aggregate="best", classes=[SWIM])),
    (
        "slowest walk of 2021",
        s(measure="pace", aggregate="worst", classes=[WALK], periods=[Y2021]),
    ),
    (
        "Out of curiosity, what's the farthest I've ever cycled in one go?",
        s(measure="distance", aggregate="best", classes=[RIDE]),
    ),
    (
        "Quick one: what was my longest run this autumn?",
        s(measure="distance", aggregate="best", classes=[RUN], periods=[fall(2025)]),
    ),
    # Bests and worsts of a period unit.
    (
        "worst month for runs in 2023",
        s(aggregate="worst", by="month", classes=[RUN], periods=[Y2023]),
    ),
    ("busiest week in 2022", s(measure="count", aggregate="best", by="week", periods=[Y2022])),
    (
        "quietest month this year",
        s(measure="count", aggregate="worst", by="month", periods=[THIS_YEAR]),
    ),
    ("most miles in a month", s(measure="distance", aggregate="best", by="month", unit="mi")),
    (
        "which year did I run the most",
        s(measure="count", aggregate="best", by="year", classes=[RUN]),
    ),
    (
        "what weekday do I go cycling most",
        s(measure="count", aggregate="best", by="weekday", classes=[RIDE]),
    ),
    (
        "what time do I usually go for a jog",
        s(measure="count", aggregate="best", by="hour", classes=[RUN]),
    ),
    (
        "what time of day do I go cycling",
        s(measure="count", aggregate="total", by="hour", classes=[RIDE]),
    ),
    # Latest and first.
    ("when did I last go for a swim", s(aggregate="latest", classes=[SWIM])),
    ("most recent bike ride", s(aggregate="latest", classes=[RIDE])),
    ("when did I start running", s(aggregate="first", classes=[RUN])),
    ("first walk of 2025", s(aggregate="first", classes=[WALK], periods=[THIS_YEAR])),
    (
        "last run over 15 km",
        s(aggregate="latest", classes=[RUN], min_distance_m=15000.0),
    ),
    ("first marathon", s(aggregate="first", **MARATHON_BAND)),
    (
        "my partner says I never go to the gym anymore - when did I last go?",
        s(aggregate="latest", classes=[GYM]),
    ),
    # Lists.
    ("show me all my jogs from last week", s(aggregate="list", classes=[RUN], periods=[LAST_WEEK])),
    ("what did I get up to last month", s(aggregate="list", periods=[LAST_MONTH])),
    (
        "show the runs I did over the last two weeks",
        s(aggregate="list", classes=[RUN], periods=[("2025-12-07", TODAY)]),
    ),
    (
        "list workouts marked outlier in 2024",
        s(aggregate="list", classes=["outlier"], periods=[Y2024]),
    ),
    ("list my 10ks", s(aggregate="list", **K10)),
    ("runs 2023", s(aggregate="list", classes=[RUN], periods=[Y2023])),
    ("swims ytd", s(aggregate="list", classes=[SWIM], periods=[THIS_YEAR])),
    (
        "walks of more than five miles",
        s(aggregate="list", classes=[WALK], min_distance_m=5 * MILE),
    ),
    (
        "10k+ runs this year",
        s(aggregate="list", classes=[RUN], min_distance_m=10000.0, periods=[THIS_YEAR]),
    ),
    # Breakdowns.
    ("rides by month this year", count(RIDE, by="month", periods=[THIS_YEAR])),
    ("km by year", dist(by="year", unit="km")),
    ("walks per weekday", count(WALK, by="weekday")),
    (
        "pace by month for runs this year",
        s(measure="pace", aggregate="average", by="month", classes=[RUN], periods=[THIS_YEAR]),
    ),
    (
        "calories by week last month",
        s(measure="calories", aggregate="total", by="week", periods=[LAST_MONTH]),
    ),
    ("breakdown of workouts by type in 2023", count(by="class", periods=[Y2023])),
    ("jogs vs dog walks in 2022", count(RUN, WALK, by="class", periods=[Y2022])),
    (
        "how many km did I ride every month in 2020",
        dist(RIDE, by="month", unit="km", periods=[Y2020]),
    ),
    ("average pace per year", s(measure="pace", aggregate="average", by="year")),
    # Distance bands.
    ("how many walks shorter than 1 mile", count(WALK, max_distance_m=MILE)),
    ("how many 5ks have I run", count(RUN, **K5)),
    ("how many half marathons did I run in 2022", count(RUN, periods=[Y2022], **HALF_BAND)),
    ("how many runs of at least ten kilometres", count(RUN, min_distance_m=10000.0)),
    ("how many rides over fifty miles", count(RIDE, min_distance_m=50 * MILE)),
    (
        "total distance of runs under 5 km this year",
        dist(RUN, max_distance_m=5000.0, periods=[THIS_YEAR]),
    ),
    # Overviews.
    ("give me a summary of 2022", s(periods=[Y2022])),
    ("overview of last quarter", s(periods=[LAST_QUARTER])),
    ("quick summary of the last 30 days", s(periods=[LAST_30_DAYS])),
    ("the previous week", s(periods=[LAST_WEEK])),
    # Chatty, with context or politeness around the question.
    (
        "My knee's been bugging me, so quick question: how many km did I run last month?",
        dist(RUN, unit="km", periods=[LAST_MONTH]),
    ),
    (
        "Okay so I got back into swimming this year - how many swims so far?",
        count(SWIM, periods=[THIS_YEAR]),
    ),
    (
        "I think I walked the dog a ton in November, how many hours was that?",
        s(measure="duration", aggregate="total", classes=[WALK], periods=[month(2025, 11)]),
    ),
    ("yo, how far did I cycle in 2023?", dist(RIDE, periods=[Y2023])),
    (
        "good morning, how many times did I walk the dog last week?",
        count(WALK, periods=[LAST_WEEK]),
    ),
    # Clean forms of clipped questions (their clipped variants are with the noise below).
    ("total km last week", dist(unit="km", periods=[LAST_WEEK])),
    ("avg pace in 2024", s(measure="pace", aggregate="average", periods=[Y2024])),
    (
        "longest jog in 2022",
        s(measure="distance", aggregate="best", classes=[RUN], periods=[Y2022]),
    ),
    (
        "how many hours did I spend on the bike this year",
        s(measure="duration", aggregate="total", classes=[RIDE], periods=[THIS_YEAR]),
    ),
]

TRENDS = [
    (
        "I've been feeling slow lately — is my pace actually getting worse?",
        k("trend", measure="pace", periods=[LATELY]),
    ),
    ("are my jogs getting quicker?", k("trend", measure="pace", classes=[RUN])),
    (
        "have my bike rides been getting longer this year",
        k("trend", measure="distance", classes=[RIDE], periods=[THIS_YEAR]),
    ),
    (
        "swimming distance trend since 2022",
        k("trend", measure="distance", classes=[SWIM], periods=[SINCE_2022]),
    ),
    (
        "am I walking the dog less often these days",
        k("trend", measure="frequency", classes=[WALK], periods=[LATELY]),
    ),
    (
        "have I been going to the gym less regularly",
        k("trend", measure="frequency", classes=[GYM]),
    ),
    ("is my calorie burn trending down", k("trend", measure="calories")),
    ("is my hiking pace getting better", k("trend", measure="pace", activity="hike")),
    (
        "running pace trend for the last 12 months as a graph",
        k("trend", measure="pace", classes=[RUN], periods=[LAST_12_MONTHS], output="chart"),
    ),
    (
        "are my treadmill runs getting faster",
        k("trend", measure="pace", classes=[RUN], activity="treadmill"),
    ),
    (
        "has my swim pace improved since march",
        k("trend", measure="pace", classes=[SWIM], periods=[SINCE_MARCH]),
    ),
    (
        "am I working out less often in 2025",
        k("trend", measure="frequency", periods=[THIS_YEAR]),
    ),
    (
        "duration trend for runs over the past six months",
        k("trend", measure="duration", classes=[RUN], periods=[LAST_6_MONTHS]),
    ),
    (
        "my runs feel harder - am I slowing down this year?",
        k("trend", measure="pace", classes=[RUN], periods=[THIS_YEAR]),
    ),
    (
        "Be honest with me, am I running less often than I used to?",
        k("trend", measure="frequency", classes=[RUN]),
    ),
    (
        "can you tell me whether I'm getting any faster on the bike this year?",
        k("trend", measure="pace", classes=[RIDE], periods=[THIS_YEAR]),
    ),
    ("trends for swims", k("trend", classes=[SWIM])),
]

ANOMALIES = [
    (
        "anything odd in my runs last month?",
        k("anomalies", classes=[RUN], periods=[LAST_MONTH]),
    ),
    ("were there any weird rides this year", k("anomalies", classes=[RIDE], periods=[THIS_YEAR])),
    ("detect outliers in 2022", k("anomalies", periods=[Y2022])),
    (
        "unusually short walks lately",
        k("anomalies", measure="distance", classes=[WALK], periods=[LATELY]),
    ),
    (
        "abnormally slow rides in 2024",
        k("anomalies", measure="pace", classes=[RIDE], periods=[Y2024]),
    ),
    (
        "spot any anomalies in my jogging since january",
        k("anomalies", classes=[RUN], periods=[SINCE_JAN]),
    ),
    ("outliers last week?", k("anomalies", periods=[LAST_WEEK])),
    ("anomalies in my hikes", k("anomalies", activity="hike")),
    (
        "unusually long runs by time this year",
        k("anomalies", measure="duration", classes=[RUN], periods=[THIS_YEAR]),
    ),
]

CONSISTENCY = [
    (
        "how consistent have my runs been this year",
        k("consistency", classes=[RUN], periods=[THIS_YEAR]),
    ),
    ("am I being consistent with my swimming", k("consistency", classes=[SWIM])),
    ("how regular was my training in 2021", k("consistency", periods=[Y2021])),
    ("was I more consistent in 2022 than in 2021", k("consistency", periods=[Y2022, Y2021])),
    (
        "consistency of my dog walks over the last 8 weeks",
        k("consistency", classes=[WALK], periods=[LAST_8_WEEKS]),
    ),
    (
        "how consistent was I last winter vs this winter",
        k("consistency", periods=[LAST_WINTER, THIS_WINTER]),
    ),
    (
        "I want to know how consistent I've been with my running since march",
        k("consistency", classes=[RUN], periods=[SINCE_MARCH]),
    ),
]

STREAK = [
    ("how many days in a row have I run", k("streak", classes=[RUN])),
    ("what's my longest walking streak", k("streak", aggregate="best", classes=[WALK])),
    (
        "longest run streak in 2023",
        k("streak", aggregate="best", classes=[RUN], periods=[Y2023]),
    ),
    ("how many weeks in a row have I been to the gym", k("streak", by="week", classes=[GYM])),
    ("best weekly running streak", k("streak", aggregate="best", by="week", classes=[RUN])),
    ("am I on a running streak right now?", k("streak", classes=[RUN])),
    ("gym streak", k("streak", classes=[GYM])),
]

RECORDS = [
    ("did I set any PRs this year", k("records", periods=[THIS_YEAR])),
    ("any personal bests last month?", k("records", periods=[LAST_MONTH])),
    ("what's my marathon PR", k("records", **MARATHON_BAND)),
    ("mile PB", k("records", **MILE_BAND)),
    ("my 5k personal record", k("records", **K5)),
    ("PRs for rides", k("records", classes=[RIDE])),
    ("did I break any records in summer 2024?", k("records", periods=[summer(2024)])),
    ("what's my 10k PR this year", k("records", periods=[THIS_YEAR], **K10)),
]

CALENDAR = [
    ("calendar for 2021", k("calendar", year=2021)),
    ("activity heatmap 2022", k("calendar", year=2022)),
    ("show a heatmap of my runs in 2022", k("calendar", year=2022, classes=[RUN])),
    ("my 2019 year at a glance", k("calendar", year=2019)),
    ("walk calendar 2023", k("calendar", year=2023, classes=[WALK])),
    ("heatmap 2017 public", k("calendar", year=2017, visibility="public")),
]

COMPARE = [
    ("2021 vs 2022", k("compare", periods=[Y2021, Y2022])),
    ("did I jog more in 2021 or 2022", k("compare", classes=[RUN], periods=[Y2021, Y2022])),
    (
        "more rides in 2023 or 2024?",
        k("compare", measure="count", classes=[RIDE], periods=[Y2023, Y2024]),
    ),
    (
        "did I cycle farther in 2022 than in 2023",
        k("compare", measure="distance", classes=[RIDE], periods=[Y2022, Y2023]),
    ),
    ("was I quicker in 2020 or 2021", k("compare", measure="pace", periods=[Y2020, Y2021])),
    (
        "did I swim more often in 2023 than 2024",
        k("compare", measure="frequency", classes=[SWIM], periods=[Y2023, Y2024]),
    ),
    ("this week vs last week", k("compare", periods=[THIS_WEEK, LAST_WEEK])),
    ("Q1 vs Q2", k("compare", periods=[quarter(2025, 1), quarter(2025, 2)])),
    (
        "did I walk the dog longer in 2022 or 2023",
        k("compare", measure="duration", classes=[WALK], periods=[Y2022, Y2023]),
    ),
    (
        "more km this year or last?",
        k("compare", measure="distance", unit="km", periods=[("2025-01-01", TODAY), Y2024]),
    ),
    (
        "compare my average walk pace in 2020 and 2023",
        k("compare", measure="pace", aggregate="average", classes=[WALK], periods=[Y2020, Y2023]),
    ),
    (
        "was I slower in winter 2023 than winter 2024",
        k("compare", measure="pace", periods=[winter(2023), winter(2024)]),
    ),
    (
        "did I run more in may or june",
        k("compare", classes=[RUN], periods=[month(2025, 5), month(2025, 6)]),
    ),
    (
        "be honest, was 2024 a better year than 2023 for running?",
        k("compare", classes=[RUN], periods=[Y2024, Y2023]),
    ),
]

ROUTES = [
    ("where do I usually go cycling", k("routes", classes=[RIDE])),
    ("where do I normally jog", k("routes", classes=[RUN])),
    ("route heatmap 2023", k("routes", periods=[Y2023])),
    ("where did I walk the dog last month", k("routes", classes=[WALK], periods=[LAST_MONTH])),
    ("where did I run in 2019", k("routes", classes=[RUN], periods=[Y2019])),
    ("map all my rides from last summer", k("routes", classes=[RIDE], periods=[LAST_SUMMER])),
]

STORY = [
    ("choco effect on my pace", k("story", measure="pace")),
    ("what did getting a puppy do to my running", k("story", event_kind="dog", classes=[RUN])),
    ("how did the knee injury change my walks", k("story", event_kind="injury", classes=[WALK])),
    ("before and after the move", k("story", event_kind="move")),
    (
        "did starting my new job make me run less often",
        k("story", event_kind="new_job", classes=[RUN], measure="frequency"),
    ),
    (
        "effect of the marathon plan on my mileage",
        k("story", event_kind="training_plan", measure="distance"),
    ),
    ("choco-effect Knee surgery", k("story", event_name="Knee surgery")),
    (
        "when did I stop going to the gym regularly",
        k("story", classes=[GYM], measure="frequency"),
    ),
    (
        "did the puppy slow my runs down?",
        k("story", event_kind="dog", classes=[RUN], measure="pace"),
    ),
]

BRIEFING = [
    ("give me the daily briefing", k("briefing")),
    ("briefing for yesterday please", k("briefing", periods=[YESTERDAY])),
    ("what would the briefing have said on christmas", k("briefing", periods=[day("2024-12-25")])),
    ("brief me on last tuesday", k("briefing", periods=[day("2025-12-16")])),
    ("morning briefing in miles", k("briefing", unit="mi")),
]

DAY = [
    ("what did I do on thursday?", k("day", workout=on("2025-12-18"))),
    ("did I go for a jog this morning", k("day", workout=on(TODAY, RUN))),
    ("did I ride on sunday", k("day", workout=on("2025-12-14", RIDE))),
    ("anything on the 1st of june?", k("day", workout=on("2025-06-01"))),
    ("what did I do five days ago", k("day", workout=on("2025-12-15"))),
    ("did I swim last friday", k("day", workout=on("2025-12-19", SWIM))),
    ("did I walk the dog tonight", k("day", workout=on(TODAY, WALK))),
    ("what did I do on dec 21", k("day", workout=on("2024-12-21"))),
    ("did I work out yesterday?", k("day", workout=on(YDAY))),
    ("the day before yesterday", k("day", workout=on("2025-12-18"))),
    ("what did I do on new year's day 2024", k("day", workout=on("2024-01-01"))),
    ("what did I do on saturday", k("day", workout=on(TODAY))),
]

WHY = [
    ("why is 2468 a run-walk", k("why", workout={"id": 2468})),
    ("why was tuesday's workout marked as a run?", k("why", workout=on("2025-12-16", RUN))),
    ("how come 3141 is a glitch", k("why", workout={"id": 3141})),
    ("why was sunday's workout an outlier", k("why", workout=on("2025-12-14", "outlier"))),
    ("why was the 2nd of november a run-walk?", k("why", workout=on("2025-11-02", RUN_WALK))),
    ("why did you call today's workout a walk?", k("why", workout=on(TODAY, WALK))),
]

MAP = [
    ("map my last ride", k("map", aggregate="latest", classes=[RIDE])),
    ("map my longest walk", k("map", measure="distance", aggregate="best", classes=[WALK])),
    ("show the route for workout 2468", k("map", workout={"id": 2468})),
    ("where did I go running on thursday", k("map", workout=on("2025-12-18", RUN))),
    ("map today's ride", k("map", workout=on(TODAY, RIDE))),
    ("show me my first ever run on a map", k("map", aggregate="first", classes=[RUN])),
    ("map my fastest 10k", k("map", measure="pace", aggregate="best", **K10)),
    ("where did I walk on christmas", k("map", workout=on("2024-12-25", WALK))),
]

LABELS = [
    ("mark 2468 as a run-walk", label({"id": 2468}, RUN_WALK)),
    ("yesterday's ride was actually a run", label(on(YDAY, RIDE), RUN)),
    ("tuesday's walk was really a jog", label(on("2025-12-16", WALK), RUN)),
    ("the workout on 2025-12-01 should be gym", label(on("2025-12-01"), GYM)),
    (
        "mark the run on 2025-11-11 as an outlier, the gps went crazy",
        label(on("2025-11-11", RUN), "outlier"),
    ),
    ("no, 5555 was a bike ride", label({"id": 5555}, RIDE)),
    (
        "remove my correction on 2468",
        {"kind": "label", "action": "remove", "workout": {"id": 2468}},
    ),
    (
        "delete the label correction for 2025-10-07",
        {"kind": "label", "action": "remove", "workout": on("2025-10-07")},
    ),
    ("show my label corrections", {"kind": "label", "action": "list"}),
]

EVENTS = [
    (
        "add event: adopted a rescue dog on 2020-05-05",
        event("adopted a rescue dog", "2020-05-05", "dog"),
    ),
    (
        "remember that I injured my calf on 2023-06-10",
        event("I injured my calf", "2023-06-10", "injury"),
    ),
    (
        "log that we moved to Manchester in May 2022",
        event("we moved to Manchester", "2022-05-01", "move"),
    ),
    (
        "add an event: began a marathon training plan on 2024-01-07",
        event("began a marathon training plan", "2024-01-07", "training_plan"),
    ),
    ("note that we got a puppy in 2017", event("we got a puppy", "2017-01-01", "dog")),
    ("add event 2023-10-01 new job", event("new job", "2023-10-01", "new_job")),
    ("add an event yesterday: sprained ankle", event("sprained ankle", YDAY, "injury")),
    ("we moved to Bristol in September 2019", event("we moved to Bristol", "2019-09-01", "move")),
    (
        "remove the event holiday in Spain",
        {"kind": "events", "action": "remove", "event_name": "holiday in Spain"},
    ),
    ("delete the 'new job' event", {"kind": "events", "action": "remove", "event_name": "new job"}),
    ("list my life events", {"kind": "events", "action": "list"}),
]

UNITS = [
    ("switch to miles", {"kind": "units", "action": "set", "unit": "mi"}),
    ("use kilometres", {"kind": "units", "action": "set", "unit": "km"}),
    ("set units to imperial", {"kind": "units", "action": "set", "unit": "mi"}),
    ("which units are you using?", {"kind": "units", "action": "show"}),
    ("are we in km or miles?", {"kind": "units", "action": "show"}),
]

SCHEDULE = [
    ("send me the briefing every day at 8am", {"kind": "schedule", "action": "set"}),
    ("brief me every monday at 9", {"kind": "schedule", "action": "set"}),
    ("turn off my briefings", {"kind": "schedule", "action": "remove"}),
    ("list my briefing schedules", {"kind": "schedule", "action": "list"}),
    ("join the channel briefing", {"kind": "schedule", "action": "join"}),
    ("leave the channel briefing", {"kind": "schedule", "action": "leave"}),
]

MODEL = [
    ("how accurate is the classifier", {"kind": "model", "action": "show"}),
    (
        "how do you decide what counts as a run?",
        {"kind": "model", "action": "show", "classes": ("run",)},
    ),
    ("please retrain the model", {"kind": "model", "action": "retrain"}),
]

SQL = [
    (
        "sql SELECT count(*) FROM workouts WHERE label = 'swim'",
        k("sql", sql="SELECT count(*) FROM workouts WHERE label = 'swim'"),
    ),
    (
        "sql: select avg(calories) from workouts where started_at >= '2025-01-01'",
        k("sql", sql="select avg(calories) from workouts where started_at >= '2025-01-01'"),
    ),
    (
        "sql SELECT * FROM workouts WHERE activity LIKE '%hike%' -- last year's hikes",
        k("sql", sql="SELECT * FROM workouts WHERE activity LIKE '%hike%' -- last year's hikes"),
    ),
]

EXPORT = [
    (
        "export my walks from last year as json",
        k("export", classes=[WALK], periods=[LAST_YEAR], format="json"),
    ),
    ("download my 2023 rides as a csv", k("export", classes=[RIDE], periods=[Y2023], format="csv")),
    ("export everything from the last 12 months", k("export", periods=[LAST_12_MONTHS])),
    ("can I download my jogging data?", k("export", classes=[RUN])),
    ("export my treadmill runs", k("export", classes=[RUN], activity="treadmill")),
]

COMMANDS = [
    ("undo my last change", k("undo")),
    ("undo please", k("undo")),
    ("yup", k("confirm")),
    ("ok go ahead", k("confirm")),
    ("yes, go ahead", k("confirm")),
    ("no, cancel", k("cancel")),
    ("cancel it", k("cancel")),
    ("nope, never mind", k("cancel")),
    ("good evening", k("greeting")),
    ("thank you so much", k("greeting")),
    ("help please", k("help")),
    ("what can I ask?", k("help")),
]

OUTPUT = [
    (
        "runs per month this year as a chart",
        s(
            measure="count",
            aggregate="per_month",
            classes=[RUN],
            periods=[THIS_YEAR],
            output="chart",
        ),
    ),
    (
        "plot my km by month in 2024",
        dist(by="month", unit="km", periods=[Y2024], output="chart"),
    ),
    (
        "longest ride this year, share with the channel",
        s(
            measure="distance",
            aggregate="best",
            classes=[RIDE],
            periods=[THIS_YEAR],
            visibility="public",
        ),
    ),
    (
        "how many walks last month? just for me",
        count(WALK, periods=[LAST_MONTH], visibility="private"),
    ),
    (
        "graph my weekly mileage since march",
        s(measure="distance", aggregate="per_week", periods=[SINCE_MARCH], output="chart"),
    ),
    ("post my records in the channel", k("records", visibility="public")),
    (
        "hikes by year, in a spreadsheet",
        count(activity="hike", by="year", output="csv"),
    ),
]

AMBIGUOUS = [
    ("kilometers", among("units", "summary")),
    ("2022", among("summary", "calendar")),
    ("2021 in review", among("summary", "calendar")),
    ("the new job", among("story", "events")),
    ("yesterday's ride", among("day", "map")),
    ("today's run", among("day", "map")),
    ("the run on 2025-10-07", among("day", "map", "why")),
    ("workout 2468", among("map", "why")),
    ("anomalies trend", among("trend", "anomalies")),
    ("streak records", among("streak", "records")),
    ("consistency trend", among("consistency", "trend")),
]

PLAIN = (
    SUMMARY
    + TRENDS
    + ANOMALIES
    + CONSISTENCY
    + STREAK
    + RECORDS
    + CALENDAR
    + COMPARE
    + ROUTES
    + STORY
    + BRIEFING
    + DAY
    + WHY
    + MAP
    + LABELS
    + EVENTS
    + UNITS
    + SCHEDULE
    + MODEL
    + SQL
    + EXPORT
    + COMMANDS
    + OUTPUT
    + AMBIGUOUS
)

# Follow-ups: (question, full query after merging, previous question).
FOLLOWUPS = []


def follow(previous: str, base: dict, *pairs) -> None:
    for question, expected in pairs:
        FOLLOWUPS.append((question, expected if "kind" in expected else base | expected, previous))


RUNS_2019 = count(RUN, periods=[Y2019])
follow(
    "how many runs in 2019",
    RUNS_2019,
    ("and for 2021?", {"periods": [Y2021]}),
    ("what about swims?", {"classes": [SWIM]}),
    ("by weekday?", {"by": "weekday"}),
    ("plot it", {"output": "chart"}),
    ("and rides too", {"classes": [RUN, RIDE]}),
    ("all time?", {"periods": []}),
)
KM_2018 = dist(unit="km", periods=[Y2018])
follow(
    "total km in 2018",
    KM_2018,
    ("what about 2016?", {"periods": [Y2016]}),
    ("just the walks", {"classes": [WALK]}),
    ("compare that with 2019", KM_2018 | {"kind": "compare", "periods": [Y2018, Y2019]}),
)
WEEKLY = s(measure="distance", aggregate="per_week")
follow(
    "weekly mileage",
    WEEKLY,
    ("is it going up?", {"kind": "trend", "measure": "distance"}),
    ("for rides only", {"classes": [RIDE]}),
)
LONGEST = s(measure="distance", aggregate="best", classes=[RUN], periods=[THIS_YEAR])
follow(
    "longest run this year",
    LONGEST,
    ("why that one?", LONGEST | {"kind": "why"}),
    ("show it on a map", LONGEST | {"kind": "map"}),
    ("what about walks then?", {"classes": [WALK]}),
)
LAST_RUN = s(aggregate="latest", classes=[RUN])
follow(
    "when was my last run?",
    LAST_RUN,
    ("and my last ride?", {"classes": [RIDE]}),
    ("what about the first one?", {"aggregate": "first"}),
    ("map that", LAST_RUN | {"kind": "map"}),
)
follow(
    "what did I do yesterday?",
    k("day", workout=on(YDAY)),
    ("and today?", {"workout": on(TODAY)}),
    ("what about wednesday?", {"workout": on("2025-12-17")}),
    ("the day before?", {"workout": on("2025-12-18")}),
)
follow(
    "did I run more in 2019 or 2020",
    k("compare", classes=[RUN], periods=[Y2019, Y2020]),
    ("and rides?", {"classes": [RIDE]}),
    ("what about 2023 vs 2024?", {"periods": [Y2023, Y2024]}),
)
follow(
    "am I slowing down?",
    k("trend", measure="pace"),
    ("for runs only", {"classes": [RUN]}),
    ("in 2024?", {"periods": [Y2024]}),
)
follow(
    "mark yesterday's walk as a run",
    label(on(YDAY, WALK), RUN),
    ("yup, go ahead", {"kind": "confirm"}),
    ("nah, cancel", {"kind": "cancel"}),
    ("actually make it an outlier", {"new_label": "outlier"}),
)
follow(
    "label 1234 walk",
    label({"id": 1234}, WALK),
    ("actually, a run-walk", {"new_label": RUN_WALK}),
    ("yes do it", {"kind": "confirm"}),
)
follow(
    "we got our dog Choco in August 2018",
    event("we got our dog Choco", "2018-08-01", "dog"),
    ("actually it was September 2018", {"event_date": "2018-09-01"}),
    ("yes, add it", {"kind": "confirm"}),
)
follow(
    "my PRs",
    k("records"),
    ("for rides", {"classes": [RIDE]}),
)
follow(
    "any outliers in 2023?",
    k("anomalies", periods=[Y2023]),
    ("only my walks", {"classes": [WALK]}),
    ("and in 2022?", {"periods": [Y2022]}),
)
follow(
    "show me my week",
    s(aggregate="list", periods=[THIS_WEEK]),
    ("how many km?", dist(unit="km", periods=[THIS_WEEK])),
)
follow(
    "my weekly mileage lately",
    s(measure="distance", aggregate="per_week", periods=[LATELY]),
    ("for 2024 instead", {"periods": [Y2024]}),
)
follow(
    "how far did I walk this week?",
    dist(WALK, periods=[THIS_WEEK]),
    (
        "compare with last week",
        dist(WALK) | {"kind": "compare", "periods": [THIS_WEEK, LAST_WEEK]},
    ),
)
follow(
    "what's my average run pace",
    s(measure="pace", aggregate="average", classes=[RUN]),
    ("month by month?", {"by": "month"}),
)
follow(
    "choco effect",
    k("story"),
    ("and for the walks?", {"classes": [WALK]}),
    ("chart it", {"output": "chart"}),
)
follow(
    "show my calendar for 2020",
    k("calendar", year=2020),
    ("and 2022?", {"year": 2022}),
    ("walks only", {"classes": [WALK]}),
)
follow(
    "export my runs from 2024",
    k("export", classes=[RUN], periods=[Y2024]),
    ("as csv please", {"format": "csv"}),
)
follow(
    "how many kilometres did I cycle in 2022",
    dist(RIDE, unit="km", periods=[Y2022]),
    ("what about 2023 then?", {"periods": [Y2023]}),
)
follow(
    "what's the longest bike ride I've ever done",
    s(measure="distance", aggregate="best", classes=[RIDE]),
    ("map it please", k("map", measure="distance", aggregate="best", classes=[RIDE])),
)

# Noisy variants: each expects exactly what its clean question (here or elsewhere) expects.
_CLEAN = {
    case[0]: case[1]
    for module in (summary, trends, analyses, stories, days, writes, commands, ambiguous)
    for case in module.CASES
} | {case[0]: case[1] for case in PLAIN}

VARIANTS = {
    "how many times did I go jogging in 2021": ["how many times did i go joging in 2021"],
    "how many kilometres did I cycle in 2022": ["How many kilometres did I cycle in 2022??"],
    "how many hikes did we do last summer": ["HOW MANY HIKES DID WE DO LAST SUMMER"],
    "how many gym sessions have I done so far this year": [
        "how many gym sessions have i done so far this year? 💪"
    ],
    "what's the longest bike ride I've ever done": ["whats the longest bike ride ive ever done"],
    "when did I last go for a swim": [
        "when did i last go for a swim 🏊",
        "when did I last go for a swimm",
    ],
    "most recent bike ride": ["most recent bike ride?"],
    "what did I get up to last month": ["what did i get up to last month??"],
    "rides by month this year": ["rides by month this year 📊"],
    "how many runs in the last twelve months": ["how many runs in the last twelve months ???"],
    "how many walks shorter than 1 mile": ["how many walks shorter then 1 mile"],
    "give me a summary of 2022": ["Give me a summary of 2022."],
    "my fastest run in 2023": ["my fastest run in 2023 🔥"],
    "are my jogs getting quicker?": ["are my jogs getting quicker"],
    "is my calorie burn trending down": ["is my calorie burn trending down?? 😅"],
    "swimming distance trend since 2022": ["swiming distance trend since 2022"],
    "anything odd in my runs last month?": ["anything odd in my runs last month"],
    "detect outliers in 2022": ["Detect outliers in 2022!"],
    "how consistent have my runs been this year": ["how consistant have my runs been this year"],
    "what's my longest walking streak": ["whats my longest walking streak"],
    "did I set any PRs this year": ["did i set any prs this year"],
    "calendar for 2021": ["Calendar for 2021"],
    "2021 vs 2022": ["2021 vs. 2022?"],
    "did I jog more in 2021 or 2022": ["did i jog more in 2021 or 2022?"],
    "where do I usually go cycling": ["where do i usualy go cycling"],
    "before and after the move": ["Before and after the move?"],
    "give me the daily briefing": ["give me the daily breifing"],
    "what did I do on thursday?": ["what did i do on thursday"],
    "did I go for a jog this morning": ["did I go for a jog this morning?? 🏃"],
    "why is 2468 a run-walk": ["why is 2468 a run-walk??"],
    "map my last ride": ["Map my last ride!"],
    "mark 2468 as a run-walk": ["Mark 2468 as a run-walk."],
    "yesterday's ride was actually a run": ["yesterdays ride was actually a run"],
    "add event: adopted a rescue dog on 2020-05-05": [
        "Add event: adopted a rescue dog on 2020-05-05."
    ],
    "turn off my briefings": ["turn off my briefings!!", "turn of my briefings"],
    "export my walks from last year as json": ["Export my walks from last year as JSON"],
    "cancel it": ["CANCEL IT"],
    "thank you so much": ["thank you so much!! 🙌"],
    "help please": ["Help please?"],
    "how many days in a row have I run": ["how many days in a row have i ran"],
    "mileage trend": ["milage trend?"],
    "longest ride": ["Longest ride!"],
    "average run distance": ["avg run distance"],
    "how often do I go to the gym": ["how often do i go to the gym??"],
    "km per week this year": ["KM per week this year"],
    "how many calories did I burn this year": ["how many calories did i burn this year? 🔥"],
    "when did I start running": ["when did i start running??", "when did I start runing"],
    "busiest week in 2022": ["busiest week in 2022?", "busyest week in 2022"],
    "how many 5ks have I run": ["how many 5ks have i ran"],
    "this week vs last week": ["this week vs. last week?"],
    "how am I doing?": ["how am i doing"],
    "stop": ["STOP"],
    # Clipped, the way people type in a hurry.
    "total km last week": ["km last wk"],
    "avg pace in 2024": ["avg pace 2024"],
    "longest jog in 2022": ["longest jog 2022"],
    "what's my 5k PR": ["5k pr"],
    "how many hours did I spend on the bike this year": ["hrs on the bike this yr"],
}

NOISE = [(variant, _CLEAN[clean]) for clean, variants in VARIANTS.items() for variant in variants]

CASES = PLAIN + FOLLOWUPS + NOISE
