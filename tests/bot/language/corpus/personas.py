"""Personas: held-out questions written from README.md and query.py alone, as five different
people would type them (60 each), none of them a question of another module. Today is Saturday
2025-12-20.

1. a marathon runner (km, PRs, long runs, weekly km, race distances);
2. a dog owner in the UK whose runs turned into dog walks (walkies, the pup, Choco), who fixes
   wrong classifications;
3. a casual walker and hiker past sixty who writes full, polite sentences in miles;
4. a cyclist and swimmer typing tersely on a phone (abbreviations, lowercase, typos);
5. a data-minded user: breakdowns, charts, exports, sql, period comparisons and chains of
   follow-ups.

A chain of follow-ups (persona 5) can only go through plain cases (a follow-up's previous question
is read on its own), so each question in the middle of a chain is also a plain case here, with the
query it has on its own. Cases the conventions did not settle were left out.
"""

from tests.bot.language.corpus.periods import (
    LAST_3_MONTHS,
    LAST_6_MONTHS,
    LAST_8_WEEKS,
    LAST_MONTH,
    LAST_QUARTER,
    LAST_WEEK,
    LAST_YEAR,
    LATELY,
    THIS_MONTH,
    THIS_QUARTER,
    THIS_WEEK,
    THIS_YEAR,
    Y2020,
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

Y2025 = THIS_YEAR  # "2025" said in 2025: the calendar year, clipped at today
LAST_12_WEEKS = ("2025-09-28", TODAY)
LAST_16_WEEKS = ("2025-08-31", TODAY)
SINCE_AUGUST = ("2025-08-01", TODAY)
SINCE_SEPTEMBER = ("2025-09-01", TODAY)
SINCE_JUNE = ("2025-06-01", TODAY)
SINCE_2021 = ("2021-01-01", TODAY)
SINCE_2023 = ("2023-01-01", TODAY)
SINCE_2024 = ("2024-01-01", TODAY)
THIS_AUTUMN = fall(2025)
THE_SPRING = spring(2025)
THE_SUMMER = summer(2025)
OCTOBER, NOVEMBER = month(2025, 10), month(2025, 11)
Q3, Q4 = quarter(2025, 3), ("2025-10-01", TODAY)
SUNDAY, MONDAY, TUESDAY = "2025-12-14", "2025-12-15", "2025-12-16"
WEDNESDAY, THURSDAY = "2025-12-17", "2025-12-18"


def s(**slots) -> dict:
    return {"kind": "summary", **slots}


def k(kind: str, **slots) -> dict:
    return {"kind": kind, **slots}


def on(iso: str, label: str | None = None) -> dict:
    return {"day": iso, "label": label} if label else {"day": iso}


def _who(classes) -> dict:
    return {"classes": list(classes)} if classes else {}


def count(*classes, **slots) -> dict:
    return s(measure="count", aggregate="total", **_who(classes)) | slots


def dist(*classes, **slots) -> dict:
    return s(measure="distance", aggregate="total", **_who(classes)) | slots


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


def follow(cases: list, previous: str, base: dict, *pairs) -> None:
    """Follow-ups of ``previous`` (read alone as ``base``): (question, changes to base, or a
    whole query when the kind changes)."""
    for question, expected in pairs:
        cases.append((question, expected if "kind" in expected else base | expected, previous))


# 1. The marathon runner.
MARATHONER = [
    ("how many km did I run last week?", dist(RUN, unit="km", periods=[LAST_WEEK])),
    (
        "weekly km over the last 16 weeks",
        s(measure="distance", aggregate="per_week", unit="km", periods=[LAST_16_WEEKS]),
    ),
    (
        "weekly volume in km since September",
        s(measure="distance", aggregate="per_week", unit="km", periods=[SINCE_SEPTEMBER]),
    ),
    (
        "longest run since August",
        s(measure="distance", aggregate="best", classes=[RUN], periods=[SINCE_AUGUST]),
    ),
    (
        "fastest half marathon I've ever run",
        s(measure="pace", aggregate="best", classes=[RUN], **HALF_BAND),
    ),
    ("marathon PB", k("records", **MARATHON_BAND)),
    ("did I set a 10k PR this autumn?", k("records", periods=[THIS_AUTUMN], **K10)),
    (
        "how many long runs over 30 km this year",
        count(RUN, min_distance_m=30000.0, periods=[THIS_YEAR]),
    ),
    (
        "average pace on my long runs over 25k",
        s(measure="pace", aggregate="average", classes=[RUN], min_distance_m=25000.0),
    ),
    ("how many marathons have I run", count(RUN, **MARATHON_BAND)),
    (
        "is my 10k pace improving this year?",
        k("trend", measure="pace", periods=[THIS_YEAR], **K10),
    ),
    (
        "am I running more km per week than last year?",
        k(
            "compare",
            measure="distance",
            aggregate="per_week",
            unit="km",
            classes=[RUN],
            periods=[THIS_YEAR, LAST_YEAR],
        ),
    ),
    (
        "weekly km trend over the last 6 months",
        k("trend", measure="distance", unit="km", periods=[LAST_6_MONTHS]),
    ),
    (
        "runs per week over the last 12 weeks",
        s(measure="count", aggregate="per_week", classes=[RUN], periods=[LAST_12_WEEKS]),
    ),
    (
        "most km I've run in a single week",
        s(measure="distance", aggregate="best", by="week", unit="km", classes=[RUN]),
    ),
    (
        "show my runs over 30k this year",
        s(aggregate="list", classes=[RUN], min_distance_m=30000.0, periods=[THIS_YEAR]),
    ),
    (
        "longest running streak this year",
        k("streak", aggregate="best", classes=[RUN], periods=[THIS_YEAR]),
    ),
    (
        "how consistent has my training been over the last 12 weeks",
        k("consistency", periods=[LAST_12_WEEKS]),
    ),
    (
        "compare my km in October and November",
        k("compare", measure="distance", unit="km", periods=[OCTOBER, NOVEMBER]),
    ),
    (
        "was I faster this autumn than in autumn 2024?",
        k("compare", measure="pace", periods=[THIS_AUTUMN, fall(2024)]),
    ),
    (
        "how many km did I run from August to November",
        dist(RUN, unit="km", periods=[("2025-08-01", "2025-11-30")]),
    ),
    (
        "list every half marathon I ran in 2024",
        s(aggregate="list", classes=[RUN], periods=[Y2024], **HALF_BAND),
    ),
    (
        "what time do I usually start my long runs",
        s(measure="count", aggregate="best", by="hour", classes=[RUN]),
    ),
    (
        "which weekday do I usually do my long runs on",
        s(measure="count", aggregate="best", by="weekday", classes=[RUN]),
    ),
    ("how many 10ks this year", count(periods=[THIS_YEAR], **K10)),
    (
        "fastest 5k in the last 3 months",
        s(measure="pace", aggregate="best", periods=[LAST_3_MONTHS], **K5),
    ),
    (
        "avg pace for my 10ks in 2025",
        s(measure="pace", aggregate="average", periods=[Y2025], **K10),
    ),
    (
        "have my long runs got longer since August?",
        k("trend", measure="distance", classes=[RUN], periods=[SINCE_AUGUST]),
    ),
    ("are my long runs getting faster", k("trend", measure="pace", classes=[RUN])),
    ("how far have I run this year in km", dist(RUN, unit="km", periods=[THIS_YEAR])),
    (
        "how many runs of at least 15k this month",
        count(RUN, min_distance_m=15000.0, periods=[THIS_MONTH]),
    ),
    (
        "half marathon pace this year vs last year",
        k("compare", measure="pace", periods=[THIS_YEAR, LAST_YEAR], **HALF_BAND),
    ),
    ("did I break any records in November?", k("records", periods=[NOVEMBER])),
    ("running calendar for 2025", k("calendar", year=2025, classes=[RUN])),
    ("how many weeks in a row have I gone running", k("streak", by="week", classes=[RUN])),
    ("list my marathons", s(aggregate="list", **MARATHON_BAND)),
    # Writes.
    (
        "add an event: began training for the Valencia marathon on 2025-08-18",
        event("began training for the Valencia marathon", "2025-08-18", "training_plan"),
    ),
    ("add event 2025-10-12 calf injury", event("calf injury", "2025-10-12", "injury")),
    (
        "remember that I ran the Valencia race on 2025-12-07",
        event("I ran the Valencia race", "2025-12-07", "other"),
    ),
    ("workout 3412 was a tempo run, not a run-walk", label({"id": 3412}, RUN)),
    ("mark the 2025-11-30 run as a run-walk", label(on("2025-11-30", RUN), RUN_WALK)),
    (
        "yesterday's run-walk was actually intervals, make it a run",
        label(on(YDAY, RUN_WALK), RUN),
    ),
    ("switch to kilometres please", {"kind": "units", "action": "set", "unit": "km"}),
    # One day.
    ("did I run this morning?", k("day", workout=on(TODAY, RUN))),
    ("what did I do last sunday", k("day", workout=on(SUNDAY))),
    ("show the route of Sunday's long run", k("map", workout=on(SUNDAY, RUN))),
    (
        "why was my 2025-11-16 workout called a run-walk",
        k("why", workout=on("2025-11-16", RUN_WALK)),
    ),
    ("how many km did I run yesterday", dist(RUN, unit="km", periods=[YESTERDAY])),
    (
        "map my longest run of the year",
        k("map", measure="distance", aggregate="best", classes=[RUN], periods=[THIS_YEAR]),
    ),
    # Ambiguous.
    ("yesterday's long run", among("day", "map")),
    ("the calf injury", among("story", "events")),
]
follow(
    MARATHONER,
    "how many km did I run last week?",
    dist(RUN, unit="km", periods=[LAST_WEEK]),
    ("and the week before?", {"periods": [("2025-12-01", "2025-12-07")]}),
    ("in miles instead", {"unit": "mi"}),
)
_FASTEST_HALF = s(measure="pace", aggregate="best", classes=[RUN], **HALF_BAND)
follow(
    MARATHONER,
    "fastest half marathon I've ever run",
    _FASTEST_HALF,
    ("how about the full marathon?", MARATHON_BAND),
    ("map that one", _FASTEST_HALF | {"kind": "map"}),
)
follow(
    MARATHONER,
    "marathon PB",
    k("records", **MARATHON_BAND),
    ("and the 10k?", K10),
    ("what about this year only?", {"periods": [THIS_YEAR]}),
)
follow(
    MARATHONER,
    "what did I do last sunday",
    k("day", workout=on(SUNDAY)),
    ("map it for me", k("map", workout=on(SUNDAY))),
)
follow(
    MARATHONER,
    "weekly km over the last 16 weeks",
    s(measure="distance", aggregate="per_week", unit="km", periods=[LAST_16_WEEKS]),
    ("is that trending up?", k("trend", measure="distance", unit="km", periods=[LAST_16_WEEKS])),
)
follow(
    MARATHONER,
    "mark the 2025-11-30 run as a run-walk",
    label(on("2025-11-30", RUN), RUN_WALK),
    ("yes, go for it", k("confirm")),
)

# 2. The dog owner in the UK.
DOG_OWNER = [
    ("how many walkies this week?", count(WALK, periods=[THIS_WEEK])),
    ("how many times did I walk the pup last week", count(WALK, periods=[LAST_WEEK])),
    ("how far have Choco and I walked this month", dist(WALK, periods=[THIS_MONTH])),
    ("how many kilometres did we walk in November", dist(WALK, unit="km", periods=[NOVEMBER])),
    (
        "average walk length this month in km",
        s(
            measure="distance",
            aggregate="average",
            classes=[WALK],
            unit="km",
            periods=[THIS_MONTH],
        ),
    ),
    (
        "total hours of walkies this year",
        s(measure="duration", aggregate="total", classes=[WALK], periods=[THIS_YEAR]),
    ),
    ("runs vs dog walks since 2021", count(RUN, WALK, by="class", periods=[SINCE_2021])),
    (
        "what time of day do I walk the pup",
        s(measure="count", aggregate="total", by="hour", classes=[WALK]),
    ),
    (
        "what time do I usually go running these days",
        s(measure="count", aggregate="best", by="hour", classes=[RUN], periods=[LATELY]),
    ),
    ("dog walks by hour of the day this year", count(WALK, by="hour", periods=[THIS_YEAR])),
    (
        "which weekday do we do the most walks",
        s(measure="count", aggregate="best", by="weekday", classes=[WALK]),
    ),
    ("when did I last go for a proper run", s(aggregate="latest", classes=[RUN])),
    ("how many runs have I actually done this autumn", count(RUN, periods=[THIS_AUTUMN])),
    # Stories.
    ("has the dog made me slower?", k("story", event_kind="dog", measure="pace")),
    ("before and after Choco", k("story")),
    ("how has Choco changed my running", k("story", classes=[RUN])),
    ("choco effect on my walks' pace", k("story", classes=[WALK], measure="pace")),
    (
        "did getting the puppy make my walks longer?",
        k("story", event_kind="dog", classes=[WALK], measure="distance"),
    ),
    ("at what point did my runs become dog walks", k("story", classes=[RUN, WALK])),
    ("running before and after we got Choco", k("story", classes=[RUN])),
    # Trends, anomalies, comparisons.
    (
        "are my walks with Choco getting longer these days",
        k("trend", measure="distance", classes=[WALK], periods=[LATELY]),
    ),
    (
        "am I walking the dog more often this autumn",
        k("trend", measure="frequency", classes=[WALK], periods=[THIS_AUTUMN]),
    ),
    ("is my walking pace slowing down", k("trend", measure="pace", classes=[WALK])),
    (
        "any strange walks this month? I think the GPS went funny",
        k("anomalies", classes=[WALK], periods=[THIS_MONTH]),
    ),
    (
        "anything odd in my dog walks since september",
        k("anomalies", classes=[WALK], periods=[SINCE_SEPTEMBER]),
    ),
    (
        "did I walk the dog more in 2024 or 2025",
        k("compare", classes=[WALK], periods=[Y2024, Y2025]),
    ),
    (
        "more runs in 2020 or 2025?",
        k("compare", measure="count", classes=[RUN], periods=[Y2020, Y2025]),
    ),
    # Wrong classifications and other writes.
    ("this morning's run was actually a dog walk", label(on(TODAY, RUN), WALK)),
    ("you've got Tuesday's walk wrong, it was a run", label(on(TUESDAY, WALK), RUN)),
    ("4567 was a proper run, not a walk", label({"id": 4567}, RUN)),
    ("mark 8812 as a pup walk", label({"id": 8812}, WALK)),
    ("relabel Thursday's run as a walk please", label(on(THURSDAY, RUN), WALK)),
    (
        "the run on 2025-12-02 was me dragging Choco round the park, it's a walk",
        label(on("2025-12-02", RUN), WALK),
    ),
    ("change yesterday's run-walk to a walk", label(on(YDAY, RUN_WALK), WALK)),
    (
        "remove my correction on 4567",
        {"kind": "label", "action": "remove", "workout": {"id": 4567}},
    ),
    ("what corrections have I made?", {"kind": "label", "action": "list"}),
    (
        "add event: picked up our puppy Choco on 2021-03-14",
        event("picked up our puppy Choco", "2021-03-14", "dog"),
    ),
    (
        "note that Choco had her jabs on 2021-04-02",
        event("Choco had her jabs", "2021-04-02", "other"),
    ),
    (
        "remember that I hurt my knee on 2024-09-03",
        event("I hurt my knee", "2024-09-03", "injury"),
    ),
    ("we moved to Leeds in March 2021", event("we moved to Leeds", "2021-03-01", "move")),
    (
        "delete the event Choco had her jabs",
        {"kind": "events", "action": "remove", "event_name": "Choco had her jabs"},
    ),
    (
        "can you show distances in miles from now on",
        {"kind": "units", "action": "set", "unit": "mi"},
    ),
    (
        "send me a briefing at 7 every morning before walkies",
        {"kind": "schedule", "action": "set"},
    ),
    # One day.
    ("did I take the dog for a walk this morning", k("day", workout=on(TODAY, WALK))),
    ("what did we do on Sunday?", k("day", workout=on(SUNDAY))),
    ("did I run at all on Tuesday", k("day", workout=on(TUESDAY, RUN))),
    ("any walks on 2025-12-01?", k("day", workout=on("2025-12-01", WALK))),
    ("where did we walk on Wednesday?", k("map", workout=on(WEDNESDAY, WALK))),
    ("why did you call this morning's workout a run?", k("why", workout=on(TODAY, RUN))),
    # Ambiguous.
    ("the pup", among("story", "events")),
    ("this morning's walk", among("day", "map")),
    ("the run on Tuesday", among("day", "map", "why")),
]
follow(
    DOG_OWNER,
    "how many walkies this week?",
    count(WALK, periods=[THIS_WEEK]),
    ("what about last week then?", {"periods": [LAST_WEEK]}),
    ("how many miles was that?", {"measure": "distance", "unit": "mi"}),
)
follow(
    DOG_OWNER,
    "what did I do yesterday?",
    k("day", workout=on(YDAY)),
    ("mark it as a dog walk", label(on(YDAY), WALK)),
)
follow(
    DOG_OWNER,
    "this morning's run was actually a dog walk",
    label(on(TODAY, RUN), WALK),
    ("sorry, make that a run-walk", {"new_label": RUN_WALK}),
    ("yes that's right, go ahead", k("confirm")),
)
follow(
    DOG_OWNER,
    "we moved to Leeds in March 2021",
    event("we moved to Leeds", "2021-03-01", "move"),
    ("actually it was April 2021", {"event_date": "2021-04-01"}),
)
follow(
    DOG_OWNER,
    "has the dog made me slower?",
    k("story", event_kind="dog", measure="pace"),
    ("and for my runs?", {"classes": [RUN]}),
)
follow(
    DOG_OWNER,
    "dog walks by hour of the day this year",
    count(WALK, by="hour", periods=[THIS_YEAR]),
    ("can I see that as a graph", {"output": "chart"}),
)

# 3. The walker and hiker past sixty.
WALKER = [
    (
        "Could you tell me how many miles I walked last month, please?",
        dist(WALK, unit="mi", periods=[LAST_MONTH]),
    ),
    ("How many walks have I been on so far this year?", count(WALK, periods=[THIS_YEAR])),
    (
        "I would like to know how far I hiked in the summer.",
        dist(activity="hike", periods=[THE_SUMMER]),
    ),
    (
        "Would you give me a summary of my walking this autumn?",
        s(classes=[WALK], periods=[THIS_AUTUMN]),
    ),
    ("What have I been up to recently?", s(aggregate="list", periods=[LATELY])),
    (
        "Please show me my walks from last week.",
        s(aggregate="list", classes=[WALK], periods=[LAST_WEEK]),
    ),
    (
        "What was my longest hike this year, in miles?",
        s(measure="distance", aggregate="best", activity="hike", unit="mi", periods=[THIS_YEAR]),
    ),
    (
        "How many hikes did I manage in the spring?",
        count(activity="hike", periods=[THE_SPRING]),
    ),
    (
        "What is my average walking pace in minutes per mile?",
        s(measure="pace", aggregate="average", classes=[WALK], unit="mi"),
    ),
    (
        "Have my walks been getting shorter lately?",
        k("trend", measure="distance", classes=[WALK], periods=[LATELY]),
    ),
    ("Am I walking more slowly than I used to?", k("trend", measure="pace", classes=[WALK])),
    (
        "How consistent have I been with my walking this year?",
        k("consistency", classes=[WALK], periods=[THIS_YEAR]),
    ),
    (
        "What is the longest stretch of days in a row that I have walked?",
        k("streak", aggregate="best", classes=[WALK]),
    ),
    (
        "How many miles did I hike in 2024 altogether?",
        dist(activity="hike", unit="mi", periods=[Y2024]),
    ),
    (
        "Could you compare my walking in spring 2024 and spring 2025?",
        k("compare", classes=[WALK], periods=[spring(2024), spring(2025)]),
    ),
    (
        "Did I walk further this year than last year?",
        k("compare", measure="distance", classes=[WALK], periods=[THIS_YEAR, LAST_YEAR]),
    ),
    ("Where do I usually hike?", k("routes", activity="hike")),
    (
        "Please show me a map of all the places I walked this year.",
        k("routes", classes=[WALK], periods=[THIS_YEAR]),
    ),
    (
        "How much time have I spent walking this month?",
        s(measure="duration", aggregate="total", classes=[WALK], periods=[THIS_MONTH]),
    ),
    (
        "What is the total number of miles I have walked since I started?",
        dist(WALK, unit="mi"),
    ),
    (
        "How many calories have my walks burned this year?",
        s(measure="calories", aggregate="total", classes=[WALK], periods=[THIS_YEAR]),
    ),
    (
        "Would you be kind enough to show me my walks by month for this year as a chart?",
        count(WALK, by="month", periods=[THIS_YEAR], output="chart"),
    ),
    (
        "How often do I go walking, on average?",
        s(measure="count", aggregate="per_week", classes=[WALK]),
    ),
    (
        "How many walks do I take a month, on average?",
        s(measure="count", aggregate="per_month", classes=[WALK]),
    ),
    ("When did I last go on a hike?", s(aggregate="latest", activity="hike")),
    ("When was my very first walk?", s(aggregate="first", classes=[WALK])),
    (
        "What was my busiest month this year?",
        s(measure="count", aggregate="best", by="month", periods=[THIS_YEAR]),
    ),
    (
        "Which was my quietest week this autumn?",
        s(measure="count", aggregate="worst", by="week", periods=[THIS_AUTUMN]),
    ),
    (
        "Am I going walking more often these days?",
        k("trend", measure="frequency", classes=[WALK], periods=[LATELY]),
    ),
    (
        "Have I broken any personal records on my walks this year?",
        k("records", classes=[WALK], periods=[THIS_YEAR]),
    ),
    (
        "Could you show me my walking calendar for this year?",
        k("calendar", year=2025, classes=[WALK]),
    ),
    (
        "Has my walking changed since I moved house?",
        k("story", event_kind="move", classes=[WALK]),
    ),
    (
        "I'd be grateful for my walks from November in a spreadsheet.",
        s(aggregate="list", classes=[WALK], periods=[NOVEMBER], output="csv"),
    ),
    # Writes and settings.
    (
        "Please add an event: I had a knee operation on 2024-03-05.",
        event("I had a knee operation", "2024-03-05", "injury"),
    ),
    (
        "Please note that we moved to the Lake District in June 2023.",
        event("we moved to the Lake District", "2023-06-01", "move"),
    ),
    (
        "Could you remember that I joined a walking group on 2025-04-10?",
        event("I joined a walking group", "2025-04-10", "other"),
    ),
    (
        "The workout on 2025-12-03 was a walk, not a run. Could you correct it?",
        label(on("2025-12-03", RUN), WALK),
    ),
    (
        "I think Monday's run was really a walk, I don't run at all.",
        label(on(MONDAY, RUN), WALK),
    ),
    (
        "I'd prefer to see everything in miles, please.",
        {"kind": "units", "action": "set", "unit": "mi"},
    ),
    (
        "Please send me my briefing every Monday morning at 9.",
        {"kind": "schedule", "action": "set"},
    ),
    (
        "I no longer want the morning briefings, please stop them.",
        {"kind": "schedule", "action": "remove"},
    ),
    (
        "Could you add me to the channel briefing, please?",
        {"kind": "schedule", "action": "join"},
    ),
    ("Which units are you showing me?", {"kind": "units", "action": "show"}),
    # One day.
    ("Could you remind me what I did on Thursday?", k("day", workout=on(THURSDAY))),
    (
        "Did I go for a walk on the 1st of December?",
        k("day", workout=on("2025-12-01", WALK)),
    ),
    ("Where did I walk on Tuesday?", k("map", workout=on(TUESDAY, WALK))),
    ("Did I manage a walk yesterday?", k("day", workout=on(YDAY, WALK))),
    (
        "How far did I walk the day before yesterday?",
        dist(WALK, periods=[day(THURSDAY)]),
    ),
    (
        "Could I have my briefing for today, please?",
        k("briefing", periods=[day(TODAY)]),
    ),
    # Ambiguous.
    ("Hello, how am I doing?", among("briefing", "consistency", "trend")),
    ("2024, please", among("summary", "calendar")),
    ("Please stop.", among("cancel", "schedule")),
]
follow(
    WALKER,
    "Could you tell me how many miles I walked last month, please?",
    dist(WALK, unit="mi", periods=[LAST_MONTH]),
    ("And the month before that?", {"periods": [OCTOBER]}),
    ("And in kilometres, please?", {"unit": "km"}),
)
follow(
    WALKER,
    "Have my walks been getting shorter lately?",
    k("trend", measure="distance", classes=[WALK], periods=[LATELY]),
    ("Could you show that as a chart?", {"output": "chart"}),
)
follow(
    WALKER,
    "How many walks have I been on so far this year?",
    count(WALK, periods=[THIS_YEAR]),
    ("What about the whole of last year?", {"periods": [LAST_YEAR]}),
    ("Thank you, and how far was that altogether?", {"measure": "distance"}),
)
follow(
    WALKER,
    "The workout on 2025-12-03 was a walk, not a run. Could you correct it?",
    label(on("2025-12-03", RUN), WALK),
    ("Yes, please do.", k("confirm")),
)
follow(
    WALKER,
    "I think Monday's run was really a walk, I don't run at all.",
    label(on(MONDAY, RUN), WALK),
    ("Oh dear, no, please cancel that.", k("cancel")),
)
follow(
    WALKER,
    "Please note that we moved to the Lake District in June 2023.",
    event("we moved to the Lake District", "2023-06-01", "move"),
    ("Actually, it was July 2023.", {"event_date": "2023-07-01"}),
)

# 4. The cyclist and swimmer on a phone.
RIDER = [
    ("tot km on bike this yr", dist(RIDE, unit="km", periods=[THIS_YEAR])),
    ("km cycled this mo", dist(RIDE, unit="km", periods=[THIS_MONTH])),
    (
        "longest ride 2025",
        s(measure="distance", aggregate="best", classes=[RIDE], periods=[Y2025]),
    ),
    ("swims this wk", s(aggregate="list", classes=[SWIM], periods=[THIS_WEEK])),
    (
        "hrs swimming last mo",
        s(measure="duration", aggregate="total", classes=[SWIM], periods=[LAST_MONTH]),
    ),
    ("how many swims in oct", count(SWIM, periods=[OCTOBER])),
    (
        "rides per wk 2024",
        s(measure="count", aggregate="per_week", classes=[RIDE], periods=[Y2024]),
    ),
    (
        "avg km per ride this yr",
        s(
            measure="distance",
            aggregate="average",
            classes=[RIDE],
            unit="km",
            periods=[THIS_YEAR],
        ),
    ),
    (
        "longest swim by time 2024",
        s(measure="duration", aggregate="best", classes=[SWIM], periods=[Y2024]),
    ),
    (
        "rides over 100km this yr",
        s(aggregate="list", classes=[RIDE], min_distance_m=100000.0, periods=[THIS_YEAR]),
    ),
    ("how many 50k+ rides 2024", count(RIDE, min_distance_m=50000.0, periods=[Y2024])),
    ("bike pb", k("records", classes=[RIDE])),
    ("swim pbs 2025", k("records", classes=[SWIM], periods=[Y2025])),
    ("how many wks in a row have i swum", k("streak", by="week", classes=[SWIM])),
    ("cycling vs swimming this yr", count(RIDE, SWIM, by="class", periods=[THIS_YEAR])),
    (
        "bike km per wk lately",
        s(measure="distance", aggregate="per_week", classes=[RIDE], unit="km", periods=[LATELY]),
    ),
    (
        "getting faster on bike this yr?",
        k("trend", measure="pace", classes=[RIDE], periods=[THIS_YEAR]),
    ),
    (
        "swim distance trend ytd",
        k("trend", measure="distance", classes=[SWIM], periods=[THIS_YEAR]),
    ),
    (
        "more rides 2024 or 2025?",
        k("compare", measure="count", classes=[RIDE], periods=[Y2024, Y2025]),
    ),
    (
        "bike km 2024 vs 2025",
        k("compare", measure="distance", unit="km", classes=[RIDE], periods=[Y2024, Y2025]),
    ),
    (
        "swam more this yr than last?",
        k("compare", classes=[SWIM], periods=[THIS_YEAR, LAST_YEAR]),
    ),
    ("weird rides last mo", k("anomalies", classes=[RIDE], periods=[LAST_MONTH])),
    (
        "avg swim time 2025",
        s(measure="duration", aggregate="average", classes=[SWIM], periods=[Y2025]),
    ),
    (
        "tot hrs on bike 2024",
        s(measure="duration", aggregate="total", classes=[RIDE], periods=[Y2024]),
    ),
    ("last swim when", s(aggregate="latest", classes=[SWIM])),
    ("first ride of 2025", s(aggregate="first", classes=[RIDE], periods=[Y2025])),
    ("rides by month 2024 chart", count(RIDE, by="month", periods=[Y2024], output="chart")),
    ("swim km by month this yr", dist(SWIM, by="month", unit="km", periods=[THIS_YEAR])),
    (
        "calories burned cycling 2025",
        s(measure="calories", aggregate="total", classes=[RIDE], periods=[Y2025]),
    ),
    ("how often do i swim", s(measure="count", aggregate="per_week", classes=[SWIM])),
    (
        "fastest ride 2024",
        s(measure="pace", aggregate="best", classes=[RIDE], periods=[Y2024]),
    ),
    (
        "busiest wk on bike this yr",
        s(measure="count", aggregate="best", by="week", classes=[RIDE], periods=[THIS_YEAR]),
    ),
    ("swim consistency 2025", k("consistency", classes=[SWIM], periods=[Y2025])),
    ("where do i ride usually", k("routes", classes=[RIDE])),
    ("export rides 2024 csv", k("export", classes=[RIDE], periods=[Y2024], format="csv")),
    ("download swims as json", k("export", classes=[SWIM], format="json")),
    ("rides calendar 2024", k("calendar", year=2024, classes=[RIDE])),
    # Writes.
    ("4411 is a ride not a run", label({"id": 4411}, RIDE)),
    ("5120 shld be swim", label({"id": 5120}, SWIM)),
    ("set 6001 to ride", label({"id": 6001}, RIDE)),
    ("yesterdays run was a ride", label(on(YDAY, RUN), RIDE)),
    ("use km", {"kind": "units", "action": "set", "unit": "km"}),
    ("brief me 6am weekdays", {"kind": "schedule", "action": "set"}),
    ("briefings off", {"kind": "schedule", "action": "remove"}),
    # One day.
    ("did i ride yesterday", k("day", workout=on(YDAY, RIDE))),
    ("did i swim on tuesday", k("day", workout=on(TUESDAY, SWIM))),
    ("map todays swim route", k("map", workout=on(TODAY, SWIM))),
    ("km cycled yesterday", dist(RIDE, unit="km", periods=[YESTERDAY])),
    (
        "map longest ride 2025",
        k("map", measure="distance", aggregate="best", classes=[RIDE], periods=[Y2025]),
    ),
    # Ambiguous.
    ("todays swim", among("day", "map")),
    ("kms", among("units", "summary")),
]
follow(
    RIDER,
    "tot km on bike this yr",
    dist(RIDE, unit="km", periods=[THIS_YEAR]),
    ("what abt 2024", {"periods": [Y2024]}),
)
follow(
    RIDER,
    "rides per wk 2024",
    s(measure="count", aggregate="per_week", classes=[RIDE], periods=[Y2024]),
    ("swims?", {"classes": [SWIM]}),
)
follow(
    RIDER,
    "bike km per wk lately",
    s(measure="distance", aggregate="per_week", classes=[RIDE], unit="km", periods=[LATELY]),
    ("in mi", {"unit": "mi"}),
)
_LONGEST_RIDE = s(measure="distance", aggregate="best", classes=[RIDE], periods=[Y2025])
follow(
    RIDER,
    "longest ride 2025",
    _LONGEST_RIDE,
    ("map it pls", _LONGEST_RIDE | {"kind": "map"}),
)
follow(
    RIDER,
    "hrs swimming last mo",
    s(measure="duration", aggregate="total", classes=[SWIM], periods=[LAST_MONTH]),
    ("by wk", {"by": "week"}),
)
follow(
    RIDER,
    "4411 is a ride not a run",
    label({"id": 4411}, RIDE),
    ("yep", k("confirm")),
)
follow(
    RIDER,
    "yesterdays run was a ride",
    label(on(YDAY, RUN), RIDE),
    ("actually a swim", {"new_label": SWIM}),
)
follow(
    RIDER,
    "bike km 2024 vs 2025",
    k("compare", measure="distance", unit="km", classes=[RIDE], periods=[Y2024, Y2025]),
    ("what about 2022 vs 2023", {"periods": [Y2022, Y2023]}),
)
follow(
    RIDER,
    "rides by month 2024 chart",
    count(RIDE, by="month", periods=[Y2024], output="chart"),
    ("as csv", {"output": "csv"}),
)

# 5. The data-minded user.
SQL_BY_LABEL = (
    "SELECT label, sum(distance_m)/1000.0 AS km FROM workouts "
    "WHERE started_at >= '2025-01-01' GROUP BY label ORDER BY km DESC"
)
SQL_BY_WEEKDAY = "select strftime('%w', started_at) as dow, count(*) from workouts group by dow"
SQL_DOUBLES = (
    "SELECT date(started_at) AS day, count(*) FROM workouts GROUP BY day HAVING count(*) > 1"
)
ANALYST = [
    ("breakdown of distance by type this year", dist(by="class", periods=[THIS_YEAR])),
    (
        "km by weekday in 2024 as a chart",
        dist(by="weekday", unit="km", periods=[Y2024], output="chart"),
    ),
    (
        "average pace by weekday for runs",
        s(measure="pace", aggregate="average", by="weekday", classes=[RUN]),
    ),
    ("count of workouts by hour of the day since 2023", count(by="hour", periods=[SINCE_2023])),
    ("export all my 2025 data as json", k("export", periods=[Y2025], format="json")),
    (
        "export runs and walks since june as csv",
        k("export", classes=[RUN, WALK], periods=[SINCE_JUNE], format="csv"),
    ),
    (f"sql {SQL_BY_LABEL}", k("sql", sql=SQL_BY_LABEL)),
    (f"sql {SQL_BY_WEEKDAY}", k("sql", sql=SQL_BY_WEEKDAY)),
    (f"sql: {SQL_DOUBLES}", k("sql", sql=SQL_DOUBLES)),
    ("compare Q3 and Q4", k("compare", periods=[Q3, Q4])),
    (
        "first half of 2024 vs second half of 2024",
        k("compare", periods=[("2024-01-01", "2024-06-30"), ("2024-07-01", "2024-12-31")]),
    ),
    (
        "total km per year since 2020 as csv",
        dist(by="year", unit="km", periods=[("2020-01-01", TODAY)], output="csv"),
    ),
    (
        "runs per month in 2024 as json",
        s(
            measure="count",
            aggregate="per_month",
            classes=[RUN],
            periods=[Y2024],
            output="json",
        ),
    ),
    (
        "weekly distance this quarter, chart",
        s(measure="distance", aggregate="per_week", periods=[THIS_QUARTER], output="chart"),
    ),
    (
        "calories by month this year in a spreadsheet",
        s(
            measure="calories",
            aggregate="total",
            by="month",
            periods=[THIS_YEAR],
            output="csv",
        ),
    ),
    (
        "plot pace by month for my runs since 2024",
        s(
            measure="pace",
            aggregate="average",
            by="month",
            classes=[RUN],
            periods=[SINCE_2024],
            output="chart",
        ),
    ),
    (
        "share the breakdown by type for 2025 with the channel",
        count(by="class", periods=[Y2025], visibility="public"),
    ),
    ("anomalies in 2025 as json", k("anomalies", periods=[Y2025], output="json")),
    ("calendar heatmap for 2025", k("calendar", year=2025)),
    ("route heatmap 2024", k("routes", periods=[Y2024])),
    ("consistency in 2024 vs 2025", k("consistency", periods=[Y2024, Y2025])),
    ("what's the classifier's accuracy?", {"kind": "model", "action": "show"}),
    ("retrain the classifier now", {"kind": "model", "action": "retrain"}),
    (
        "duration by weekday last quarter",
        s(measure="duration", aggregate="total", by="weekday", periods=[LAST_QUARTER]),
    ),
    (
        "number of workouts per weekday in 2024, as csv",
        count(by="weekday", periods=[Y2024], output="csv"),
    ),
    (
        "distance per week for the last 8 weeks as a graph",
        s(measure="distance", aggregate="per_week", periods=[LAST_8_WEEKS], output="chart"),
    ),
    (
        "compare march 2024 with march 2025",
        k("compare", periods=[month(2024, 3), month(2025, 3)]),
    ),
    ("this quarter vs last quarter", k("compare", periods=[THIS_QUARTER, LAST_QUARTER])),
    (
        "compare 2023 and 2024 average walk distance",
        k(
            "compare",
            measure="distance",
            aggregate="average",
            classes=[WALK],
            periods=[Y2023, Y2024],
        ),
    ),
    (
        "did I spend more hours working out in 2024 or 2025",
        k("compare", measure="duration", periods=[Y2024, Y2025]),
    ),
    (
        "export my workouts over 10 km from 2023",
        k("export", min_distance_m=10000.0, periods=[Y2023]),
    ),
    (
        "list workouts marked outlier since 2024 as csv",
        s(aggregate="list", classes=["outlier"], periods=[SINCE_2024], output="csv"),
    ),
    ("how many outliers per year", count("outlier", by="year")),
    # Ambiguous: two command words.
    ("streak calendar 2024", among("streak", "calendar")),
    ("calendar routes 2024", among("calendar", "routes")),
]
follow(
    ANALYST,
    "breakdown of distance by type this year",
    dist(by="class", periods=[THIS_YEAR]),
    ("same thing for last year", {"periods": [LAST_YEAR]}),
)
follow(
    ANALYST,
    "total km per year since 2020 as csv",
    dist(by="year", unit="km", periods=[("2020-01-01", TODAY)], output="csv"),
    ("json instead", {"output": "json"}),
)
follow(
    ANALYST,
    "compare Q3 and Q4",
    k("compare", periods=[Q3, Q4]),
    ("what about Q1 2024 vs Q1 2025?", {"periods": [quarter(2024, 1), quarter(2025, 1)]}),
)
follow(
    ANALYST,
    "how many runs in 2019",
    count(RUN, periods=[("2019-01-01", "2019-12-31")]),
    ("break that down by hour", {"by": "hour"}),
)
follow(
    ANALYST,
    "anomalies in 2025 as json",
    k("anomalies", periods=[Y2025], output="json"),
    ("explain them", k("why", periods=[Y2025])),
)
follow(
    ANALYST,
    "route heatmap 2024",
    k("routes", periods=[Y2024]),
    ("only the dog walks", {"classes": [WALK]}),
)


def chain(cases: list, first: tuple, *steps) -> None:
    """A conversation: ``first`` is (question, query), then each step is (question, the query
    it has on its own, the query it has after the step before). Every question but the last is
    also a plain case, so the next one can follow it."""
    cases.append(first)
    previous = first[0]
    for i, (question, alone, after) in enumerate(steps):
        cases.append((question, after, previous))
        if i < len(steps) - 1:
            cases.append((question, alone))
        previous = question


# Weekly km, then the years side by side, their consistency, then runs only.
chain(
    ANALYST,
    (
        "km per week in 2024",
        s(measure="distance", aggregate="per_week", unit="km", periods=[Y2024]),
    ),
    (
        "compare 2024 with 2023",
        k("compare", periods=[Y2024, Y2023]),
        k(
            "compare",
            measure="distance",
            aggregate="per_week",
            unit="km",
            periods=[Y2024, Y2023],
        ),
    ),
    (
        "which was more consistent, 2024 or 2023?",
        k("consistency", periods=[Y2024, Y2023]),
        k("consistency", periods=[Y2024, Y2023]),
    ),
    (
        "restrict that to runs",
        None,
        k("consistency", classes=[RUN], periods=[Y2024, Y2023]),
    ),
)
# One breakdown by type, measure after measure, then shared.
chain(
    ANALYST,
    ("workouts by type in 2024", count(by="class", periods=[Y2024])),
    (
        "distance by type in 2024",
        dist(by="class", periods=[Y2024]),
        dist(by="class", periods=[Y2024]),
    ),
    (
        "duration by type in 2024 as json",
        s(measure="duration", aggregate="total", by="class", periods=[Y2024], output="json"),
        s(measure="duration", aggregate="total", by="class", periods=[Y2024], output="json"),
    ),
    (
        "make it public",
        None,
        s(
            measure="duration",
            aggregate="total",
            by="class",
            periods=[Y2024],
            output="json",
            visibility="public",
        ),
    ),
)
# Monthly mileage, its trend, then a forecast chart.
chain(
    ANALYST,
    (
        "monthly mileage for runs this year",
        s(measure="distance", aggregate="per_month", classes=[RUN], periods=[THIS_YEAR]),
    ),
    (
        "is my running mileage trending up this year?",
        k("trend", measure="distance", classes=[RUN], periods=[THIS_YEAR]),
        k("trend", measure="distance", classes=[RUN], periods=[THIS_YEAR]),
    ),
    (
        "forecast it on a chart",
        None,
        k("trend", measure="distance", classes=[RUN], periods=[THIS_YEAR], output="chart"),
    ),
)
# One breakdown, then another unit and an export of the same selection.
_RUNS_BY_MONTH = count(RUN, by="month", periods=[Y2024])
ANALYST.append(("runs by month in 2024", _RUNS_BY_MONTH))
follow(
    ANALYST,
    "runs by month in 2024",
    _RUNS_BY_MONTH,
    ("now by week", {"by": "week"}),
    ("export that", k("export", classes=[RUN], periods=[Y2024])),
)

PERSONAS = {
    "marathoner": MARATHONER,
    "dog owner": DOG_OWNER,
    "walker": WALKER,
    "rider": RIDER,
    "analyst": ANALYST,
}
CASES = [case for cases in PERSONAS.values() for case in cases]
