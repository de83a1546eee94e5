"""Noise: the same questions as elsewhere in the corpus with typos, capitals, emoji, trailing
punctuation, curly apostrophes, "/workouts" prefixes and filler words; each variant expects
exactly what its clean question expects. Then true words a typo-corrector must leave alone
("a stack of runs" is not "stats", a routine is not a route, to record is not records)."""

from tests.bot.language.corpus import (
    analyses,
    commands,
    days,
    stories,
    summary,
    trends,
    writes,
)
from tests.bot.language.corpus.periods import (
    LAST_4_WEEKS,
    LATELY,
    SINCE_2020,
    THIS_YEAR,
    Y2019,
    Y2020,
    month,
)

CLEAN = {
    case[0]: case[1]
    for module in (summary, trends, analyses, stories, days, writes, commands)
    for case in module.CASES
}

# clean question: its variants
VARIANTS = {
    "how many runs in 2018": [
        "how many runz in 2018",
        "How many runs in 2018?",
        "/workouts how many runs in 2018",
        "hw many runs in 2018??",
    ],
    "any anomalies in 2023?": [
        "any anomolies in 2023?",
        "ANY ANOMALIES IN 2023?",
        "/workouts any anomalies in 2023",
        "any anomalies in 2023?? 🤔",
    ],
    "is my routine consistent": [
        "is my routine consistant?",
        "Is my routine consistent??",
        "is my routine consistent 🤔",
    ],
    "my weekly mileage lately": [
        "my weekly milage lately",
        "My weekly mileage lately?",
        "/workouts my weekly mileage lately",
        "my weekly mileage lately 🏃",
    ],
    "how many runs this yr": [
        "how many runs this yr??",
        "How many runs this yr",
        "how many runz this yr",
    ],
    "total km in 2018": [
        "Total KM in 2018",
        "total km in 2018?",
        "/workouts total km in 2018",
        "totl km in 2018",
    ],
    "when was my last run?": [
        "when was my last run",
        "When was my last run??",
        "when was my lst run?",
        "when was my last run? 🏃‍♀️",
    ],
    "am I slowing down?": ["am i slowing down", "Am I slowing down??? 😬", "am I slowing down?!"],
    "what's my average run pace": [
        "whats my average run pace",
        "what's my avg run pace?",
        "what is my average run pace?",
        "whats my average run pase",
    ],
    "did I run more in 2019 or 2020": [
        "did i run more in 2019 or 2020?",
        "Did I run more in 2019 or 2020??",
        "did I run more in 2019 or in 2020",
    ],
    "show me my week": [
        "show me my week!",
        "Show me my week 📅",
        "show me my week pls",
        "/workouts show me my week",
    ],
    "use metric": ["Use metric.", "use metric pls", "use metric please 🙏"],
    "hi": ["Hi!", "hi 👋", "HI", "hiya"],
    "summer 2021 vs summer 2022": [
        "Summer 2021 vs Summer 2022",
        "summer 2021 vs. summer 2022?",
        "summer 2021 v summer 2022",
    ],
    "how many hours did I walk in summer 2022 by month": [
        "how many hours did i walk in summer 2022 by month?",
        "How many hours did I walk in Summer 2022, by month",
    ],
    "best month ever": ["best month ever?", "Best month ever!!", "best month ever 🏆"],
    "fastest 5k": ["fastest 5k?", "Fastest 5K", "fastets 5k", "fastest 5k 🏃"],
    "more consistent this year than last?": [
        "more consistant this year than last?",
        "More consistent this year than last??",
        "more consistent this year than last",
    ],
    "what did I do on May 3 2019?": [
        "what did i do on may 3 2019",
        "What did I do on May 3, 2019?",
        "what did I do on may 3rd 2019?",
    ],
    "what did I do yesterday?": [
        "what did i do yesturday",
        "What did I do yesterday??",
        "wat did I do yesterday",
        "/workouts what did I do yesterday",
    ],
    "add an event: started marathon training on 2019-01-15": [
        "Add an event: started marathon training on 2019-01-15.",
        "add an event - started marathon training on 2019-01-15",
    ],
    "that workout on 2025-10-07 was actually a run, please fix": [
        "That workout on 2025-10-07 was actually a run, please fix!",
        "that workout on 2025-10-07 was actualy a run pls fix",
    ],
    "mark yesterday's walk as a run": [
        "mark yesterdays walk as a run",
        "Mark yesterday's walk as a run.",
        "mark yesterday’s walk as a run",
        "mark yesturday's walk as a run",
    ],
    "runs from last month": [
        "runs from last month?",
        "Runs from last month",
        "runz from last month",
        "runs from lst month",
    ],
    "how did getting the dog change my running?": [
        "how did getting the dog change my running",
        "How did getting the dog change my running? 🐶",
        "how did gettin the dog change my running",
    ],
    "export my runs from 2024": [
        "Export my runs from 2024.",
        "export my runs from 2024 pls",
        "/workouts export my runs from 2024",
    ],
    "sql": ["SQL", "/workouts sql"],
    "map my last run": [
        "Map my last run",
        "map my last run 🗺️",
        "map my lst run",
        "/workouts map my last run",
    ],
    "when did I stop running regularly?": [
        "when did i stop running regularly",
        "When did I stop running regularly??",
        "when did I stop runing regularly?",
    ],
    "choco-effect": ["Choco-Effect", "choco-effect!", "/workouts choco-effect"],
    "how many runs in 2019": [
        "How many runs in 2019?",
        "how many runs in 2019??",
        "hey, how many runs in 2019?",
        "how mnay runs in 2019",
    ],
    "compare 2017 and 2023": [
        "Compare 2017 and 2023",
        "compare 2017 & 2023",
        "/workouts compare 2017 and 2023",
    ],
    "pace trend for runs since March": [
        "pace trend for runs since march",
        "Pace trend for runs since March?",
        "pace trnd for runs since march",
    ],
    "show my calendar for 2020": [
        "show my calender for 2020",
        "Show my calendar for 2020!",
        "/workouts show my calendar for 2020",
    ],
    "why was May 3rd a walk?": [
        "why was may 3rd a walk",
        "Why was May 3rd a walk??",
        "why was May 3rd a walk 🤔",
    ],
    "label 1234 walk": ["Label 1234 walk", "/workouts label 1234 walk", "label 1234 walk."],
    "export csv 2024": ["Export CSV 2024", "/workouts export csv 2024"],
    "map yesterday's run": ["map yesterdays run", "Map yesterday's run!", "map yesterday’s run"],
    "routes runs this year": ["Routes runs this year", "/workouts routes runs this year"],
    "help": ["Help", "HELP", "/workouts help", "halp"],
    "what can you do?": ["what can you do", "What can you do??", "wat can u do"],
    "undo": ["Undo", "undo pls", "/workouts undo"],
    "yes": ["Yes!", "yes.", "YES"],
    "no": ["No.", "NO", "no!"],
    "thanks": ["Thanks!", "thanks!!", "thank u"],
    "longest run": ["longest run?", "longest run 🏃", "longst run"],
    "what's my current streak": [
        "whats my current streak",
        "What's my current streak?",
        "whats my current strak",
    ],
    "my PRs": ["my prs", "My PRs!", "my PR's"],
    "personal bests": ["personal bests?", "Personal Bests 🏆"],
    "morning briefing": ["Morning briefing", "morning breifing", "morning briefing pls ☕"],
    "brief me": ["Brief me!", "brief me pls", "/workouts brief me"],
    "where do I usually run": [
        "where do i usually run?",
        "Where do I usually run??",
        "where do I usally run",
    ],
    "how consistent am I": [
        "how consistant am I",
        "How consistent am I?",
        "how consistent am i 🤷",
    ],
    "any outliers in 2023?": [
        "any outliers in 2023",
        "Any outliers in 2023??",
        "any outlyers in 2023?",
    ],
    "weekly mileage": ["weekly milage", "Weekly mileage?", "weekly mileage 📈"],
    "how far did I run in 2019": [
        "how far did i run in 2019?",
        "How far did I run in 2019??",
        "how far did I runn in 2019",
    ],
    "how many km did I run this year": [
        "How many KM did I run this year?",
        "how many km did i run thsi year",
    ],
    "how many miles did I walk in summer 2022": [
        "how many miles did i walk in summer 2022?",
        "How many miles did I walk in Summer 2022",
    ],
    "what did I do today?": ["what did i do today", "What did I do today??"],
    "did I run yesterday?": [
        "did i run yesterday",
        "Did I run yesterday??",
        "did I run yesterday 🏃",
    ],
    "am I getting faster": ["am i getting faster?", "Am I getting faster??", "am I getting fatser"],
    "records": ["Records", "recrods", "/workouts records"],
    "calendar": ["Calendar", "calender", "/workouts calendar"],
    "anomalies": ["Anomalies", "anomolies", "anomalys", "/workouts anomalies"],
    "trends": ["Trends", "trnds", "/workouts trends"],
    "stats": ["Stats", "/workouts stats", "stats pls"],
    "consistency this year": [
        "consistancy this year",
        "Consistency this year?",
        "/workouts consistency this year",
    ],
    "streak": ["Streak", "streak?", "/workouts streak"],
    "how many runs a week do I do": [
        "how many runs a week do i do?",
        "How many runs a week do I do",
    ],
    "runs vs walks this year": [
        "Runs vs walks this year",
        "runs vs. walks this year?",
        "runs v walks this year",
    ],
    "longest walk in 2019": ["longest walk in 2019?", "longest wlak in 2019"],
    "fastest run last year": ["Fastest run last year?", "fastest run lst year"],
    "what's my pace": ["whats my pace", "What's my pace??"],
    "how often do I walk the dog": [
        "how often do i walk the dog?",
        "How often do I walk the dog 🐶",
    ],
    "what units": ["What units?", "what units??", "wat units"],
    "export": ["Export", "/workouts export"],
    "model": ["Model", "/workouts model"],
    "retrain the model": ["Retrain the model!", "retrain the modle"],
    "my events": ["My events", "my events?"],
    "this month vs last month": ["This month vs last month?", "this month vs. last month"],
    "2019 vs 2020": ["2019 vs. 2020", "2019 VS 2020", "2019 v 2020?"],
    "show my walks this month": [
        "show my walks this month pls",
        "Show my walks this month!",
        "show my wlaks this month",
    ],
    "how many walks this year": [
        "how many wlaks this year",
        "how many walkz this year?",
        "How many walks this year 🐕",
    ],
}

CASES = [(variant, CLEAN[clean]) for clean, variants in VARIANTS.items() for variant in variants]

RUNS = {"kind": "summary", "measure": "count", "aggregate": "total", "classes": ["run"]}
WALKS = {"kind": "summary", "measure": "count", "aggregate": "total", "classes": ["walk"]}
# True words near command words, kept as they are.
CASES += [
    ("I logged a stack of runs in 2019, how many exactly?", RUNS | {"periods": [Y2019]}),
    ("how many runs did I record in 2019", RUNS | {"periods": [Y2019]}),
    ("how many runs have I recorded since 2020", RUNS | {"periods": [SINCE_2020]}),
    ("I've done a stack of walks lately, how many?", WALKS | {"periods": [LATELY]}),
    ("how many walks in the last 4 weeks", WALKS | {"periods": [LAST_4_WEEKS]}),
    ("how many runs did I do in march", RUNS | {"periods": [month(2025, 3)]}),
    ("how many trail runs this year", RUNS | {"activity": "trail", "periods": [THIS_YEAR]}),
    ("is my walking routine consistent", {"kind": "consistency", "classes": ["walk"]}),
    ("how steady is my routine", {"kind": "consistency"}),
    (
        "did I stack up more km in 2019 or 2020",
        {"kind": "compare", "measure": "distance", "unit": "km", "periods": [Y2019, Y2020]},
    ),
    (
        "how many workouts are labelled outlier",
        {"kind": "summary", "measure": "count", "aggregate": "total", "classes": ["outlier"]},
    ),
    (
        "may i have my weekly mileage",
        {"kind": "summary", "measure": "distance", "aggregate": "per_week"},
    ),
    (
        "how many swims in the pool this year",
        {
            "kind": "summary",
            "measure": "count",
            "aggregate": "total",
            "classes": ["swim"],
            "periods": [THIS_YEAR],
        },
    ),
]
