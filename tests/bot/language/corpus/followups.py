"""Follow-ups: a question read with the query of the previous one. Each case is
(question, the full query after merging, previous question); README.md, "Follow-ups"."""

from tests.bot.language.corpus.periods import (
    LAST_8_WEEKS,
    LAST_MONTH,
    LAST_WEEK,
    LAST_YEAR,
    LATELY,
    SINCE_2020,
    THIS_MONTH,
    THIS_WEEK,
    THIS_YEAR,
    Y2017,
    Y2018,
    Y2019,
    Y2020,
    Y2021,
    Y2022,
    Y2023,
    Y2024,
    summer,
)

RUN, WALK = ["run"], ["walk"]
CASES = []


def follow(previous: str, base: dict, *pairs) -> None:
    """Cases after ``previous`` (read as ``base``): (follow-up, changes to base or a full dict
    when the kind changes)."""
    for question, expected in pairs:
        CASES.append((question, expected if "kind" in expected else base | expected, previous))


P = "how many runs in 2019"
BASE = {
    "kind": "summary",
    "measure": "count",
    "aggregate": "total",
    "classes": RUN,
    "periods": [Y2019],
}
follow(
    P,
    BASE,
    ("and in 2020?", {"periods": [Y2020]}),
    ("what about 2018?", {"periods": [Y2018]}),
    ("and walks?", {"classes": WALK}),
    ("by month", {"by": "month"}),
    ("as a chart", {"output": "chart"}),
    ("per week?", {"aggregate": "per_week"}),
    ("per month on average", {"aggregate": "per_month"}),
    ("the year before?", {"periods": [Y2018]}),
    ("how far?", {"measure": "distance"}),
    ("and how long in total?", {"measure": "duration"}),
    ("compare with 2020", BASE | {"kind": "compare", "periods": [Y2019, Y2020]}),
    ("any anomalies?", {"kind": "anomalies", "classes": RUN, "periods": [Y2019]}),
    ("public", {"visibility": "public"}),
    ("what about all workouts?", {"classes": []}),
    ("and walks too", {"classes": ["run", "walk"]}),
    ("last 8 weeks", {"periods": [LAST_8_WEEKS]}),  # a new period, not the weeks chart
    (
        "show my last 8 weeks",  # asked afresh: the weeks chart
        {
            "kind": "summary",
            "measure": "count",
            "aggregate": "total",
            "by": "week",
            "output": "chart",
            "periods": [LAST_8_WEEKS],
        },
    ),
    (
        "my weeks chart",
        {
            "kind": "summary",
            "measure": "count",
            "aggregate": "total",
            "by": "week",
            "output": "chart",
        },
    ),
    ("ever?", {"periods": []}),
)

P = "total km in 2018"
BASE = {
    "kind": "summary",
    "measure": "distance",
    "aggregate": "total",
    "unit": "km",
    "periods": [Y2018],
}
follow(
    P,
    BASE,
    ("and in miles?", {"unit": "mi"}),
    ("average?", {"aggregate": "average"}),
    ("runs only", {"classes": RUN}),
    ("and 2017?", {"periods": [Y2017]}),
    ("graph it", {"output": "chart"}),
    ("csv", {"output": "csv"}),
    ("per week", {"aggregate": "per_week"}),
)

P = "my weekly mileage lately"
BASE = {"kind": "summary", "measure": "distance", "aggregate": "per_week", "periods": [LATELY]}
follow(
    P,
    BASE,
    ("in km", {"unit": "km"}),
    ("for walks", {"classes": WALK}),
    ("and last year?", {"periods": [LAST_YEAR]}),
    ("show it as a chart", {"output": "chart"}),
    ("is it trending up?", {"kind": "trend", "measure": "distance", "periods": [LATELY]}),
    ("just runs please", {"classes": RUN}),
)

P = "any outliers in 2023?"
BASE = {"kind": "anomalies", "periods": [Y2023]}
follow(
    P,
    BASE,
    ("why?", {"kind": "why", "periods": [Y2023]}),
    ("and 2024?", {"periods": [Y2024]}),
    ("just runs", {"classes": RUN}),
    ("as a chart", {"output": "chart"}),
    ("what about last month", {"periods": [LAST_MONTH]}),
)

P = "what's my average run pace"
BASE = {"kind": "summary", "measure": "pace", "aggregate": "average", "classes": RUN}
follow(
    P,
    BASE,
    ("per km", {"unit": "km"}),
    ("in min/mile", {"unit": "mi"}),
    ("this year?", {"periods": [THIS_YEAR]}),
    ("and walks", {"classes": WALK}),
    ("is it getting better?", {"kind": "trend", "measure": "pace", "classes": RUN}),
    ("by year", {"by": "year"}),
)

P = "am I slowing down?"
BASE = {"kind": "trend", "measure": "pace"}
follow(
    P,
    BASE,
    ("for walks?", {"classes": WALK}),
    ("since 2020", {"periods": [SINCE_2020]}),
    ("chart", {"output": "chart"}),
    ("what about distance?", {"measure": "distance"}),
    ("in km", {"unit": "km"}),
)

P = "when was my last run?"
BASE = {"kind": "summary", "aggregate": "latest", "classes": RUN}
follow(
    P,
    BASE,
    ("map it", {"kind": "map", "aggregate": "latest", "classes": RUN}),
    ("why?", {"kind": "why", "aggregate": "latest", "classes": RUN}),
    ("and my last walk?", {"classes": WALK}),
    ("and my first?", {"aggregate": "first"}),
    ("where was it?", {"kind": "map", "aggregate": "latest", "classes": RUN}),
)

P = "what did I do yesterday?"
BASE = {"kind": "day", "workout": {"day": "2025-12-19"}}
follow(
    P,
    BASE,
    ("and the day before?", {"workout": {"day": "2025-12-18"}}),
    ("and on Tuesday?", {"workout": {"day": "2025-12-16"}}),
    ("why?", {"kind": "why", "workout": {"day": "2025-12-19"}}),
    ("map it", {"kind": "map", "workout": {"day": "2025-12-19"}}),
    (
        "mark it as a run",
        {
            "kind": "label",
            "action": "set",
            "workout": {"day": "2025-12-19"},
            "new_label": "run",
        },
    ),
)

P = "did I run more in 2019 or 2020"
BASE = {"kind": "compare", "classes": RUN, "periods": [Y2019, Y2020]}
follow(
    P,
    BASE,
    ("and walks?", {"classes": WALK}),
    ("what about 2021 vs 2022?", {"periods": [Y2021, Y2022]}),
    ("by distance", {"measure": "distance"}),
    ("chart", {"output": "chart"}),
    ("in km", {"unit": "km"}),
)

P = "longest run this year"
BASE = {
    "kind": "summary",
    "measure": "distance",
    "aggregate": "best",
    "classes": RUN,
    "periods": [THIS_YEAR],
}
follow(
    P,
    BASE,
    ("and the fastest?", {"measure": "pace"}),
    ("map it", BASE | {"kind": "map"}),
    ("ever?", {"periods": []}),
    ("and last year?", {"periods": [LAST_YEAR]}),
    ("in miles", {"unit": "mi"}),
    ("and the shortest?", {"aggregate": "worst"}),
)

P = "mark yesterday's walk as a run"
BASE = {
    "kind": "label",
    "action": "set",
    "workout": {"day": "2025-12-19", "label": "walk"},
    "new_label": "run",
}
follow(
    P,
    BASE,
    ("yes", {"kind": "confirm"}),
    ("no", {"kind": "cancel"}),
    ("yep, do it", {"kind": "confirm"}),
    ("actually, make it a run-walk", {"new_label": "run_walk"}),
    ("undo", {"kind": "undo"}),
)

P = "add an event: started marathon training on 2019-01-15"
BASE = {
    "kind": "events",
    "action": "add",
    "event_name": "started marathon training",
    "event_date": "2019-01-15",
    "event_kind": "training_plan",
}
follow(
    P,
    BASE,
    ("yes please", {"kind": "confirm"}),
    ("cancel", {"kind": "cancel"}),
    ("actually it was 2019-01-22", {"event_date": "2019-01-22"}),
)

follow(
    "use metric",
    {"kind": "units", "action": "set", "unit": "km"},
    ("ok", {"kind": "confirm"}),
    ("never mind", {"kind": "cancel"}),
)

P = "how many hours did I walk in summer 2022 by month"
BASE = {
    "kind": "summary",
    "measure": "duration",
    "aggregate": "total",
    "by": "month",
    "classes": WALK,
    "periods": [summer(2022)],
}
follow(
    P,
    BASE,
    ("and summer 2023?", {"periods": [summer(2023)]}),
    ("in a chart", {"output": "chart"}),
    ("by week instead", {"by": "week"}),
    ("what about runs?", {"classes": RUN}),
)

P = "show me my week"
BASE = {"kind": "summary", "aggregate": "list", "periods": [THIS_WEEK]}
follow(
    P,
    BASE,
    ("and last week?", {"periods": [LAST_WEEK]}),
    ("only walks", {"classes": WALK}),
    ("how many?", {"measure": "count", "aggregate": "total"}),
)

P = "summer 2021 vs summer 2022"
BASE = {"kind": "compare", "periods": [summer(2021), summer(2022)]}
follow(
    P,
    BASE,
    ("just runs", {"classes": RUN}),
    ("how about pace?", {"measure": "pace"}),
    ("as a chart please", {"output": "chart"}),
)

P = "pace trend for runs since March"
BASE = {
    "kind": "trend",
    "measure": "pace",
    "classes": RUN,
    "periods": [("2025-03-01", "2025-12-20")],
}
follow(
    P,
    BASE,
    ("and for walks?", {"classes": WALK}),
    ("forecast as a chart", {"output": "chart"}),
    ("over the last 2 years?", {"periods": [("2023-12-21", "2025-12-20")]}),
)

P = "how consistent was I this year?"
BASE = {"kind": "consistency", "periods": [THIS_YEAR]}
follow(
    P,
    BASE,
    ("and last year?", {"periods": [LAST_YEAR]}),
    ("compared to last year?", {"periods": [THIS_YEAR, LAST_YEAR]}),
    ("for runs", {"classes": RUN}),
)

P = "show my calendar for 2020"
BASE = {"kind": "calendar", "year": 2020}
follow(P, BASE, ("and 2021?", {"year": 2021}), ("just runs", {"classes": RUN}))

P = "my PRs"
BASE = {"kind": "records"}
follow(P, BASE, ("this year only", {"periods": [THIS_YEAR]}), ("for walks", {"classes": WALK}))

P = "where do I usually run"
BASE = {"kind": "routes", "classes": RUN}
follow(
    P,
    BASE,
    ("and where do I walk the dog?", {"classes": WALK}),
    ("last month only", {"periods": [LAST_MONTH]}),
)

P = "export my runs from 2024"
BASE = {"kind": "export", "classes": RUN, "periods": [Y2024]}
follow(P, BASE, ("as json", {"format": "json"}), ("and 2023?", {"periods": [Y2023]}))

P = "choco effect"
BASE = {"kind": "story"}
follow(P, BASE, ("for runs", {"classes": RUN}), ("on pace", {"measure": "pace"}))

P = "how many runs this yr"
follow(P, {}, ("thanks", {"kind": "greeting"}), ("help", {"kind": "help"}))

P = "fastest 5k"
BASE = {
    "kind": "summary",
    "measure": "pace",
    "aggregate": "best",
    "min_distance_m": 5000.0,
    "max_distance_m": 5500.0,
}
follow(
    P,
    BASE,
    ("and 10k?", {"min_distance_m": 10000.0, "max_distance_m": 11000.0}),
    ("this year?", {"periods": [THIS_YEAR]}),
)

P = "how many workouts last month"
BASE = {"kind": "summary", "measure": "count", "aggregate": "total", "periods": [LAST_MONTH]}
follow(
    P,
    BASE,
    ("break it down by type", {"by": "class"}),
    ("and per weekday?", {"by": "weekday"}),
    ("the month before?", {"periods": [("2025-10-01", "2025-10-31")]}),
)

P = "runs from last month"
BASE = {"kind": "summary", "aggregate": "list", "classes": RUN, "periods": [LAST_MONTH]}
follow(
    P,
    BASE,
    ("map them", {"kind": "routes", "classes": RUN, "periods": [LAST_MONTH]}),
    ("how many?", {"measure": "count", "aggregate": "total"}),
    ("any anomalies there?", {"kind": "anomalies", "classes": RUN, "periods": [LAST_MONTH]}),
)

P = "how far did I walk this week?"
BASE = {
    "kind": "summary",
    "measure": "distance",
    "aggregate": "total",
    "classes": WALK,
    "periods": [THIS_WEEK],
}
follow(
    P,
    BASE,
    ("and last week?", {"periods": [LAST_WEEK]}),
    ("in miles", {"unit": "mi"}),
    ("this month?", {"periods": [THIS_MONTH]}),
)

# After a comparison, a whole question with its own period is a question of its own.
follow(
    "compare 2017 and 2023",
    {"kind": "compare", "periods": [("2017-01-01", "2017-12-31"), ("2023-01-01", "2023-12-31")]},
    (
        "how many runs in 2019",
        {
            "kind": "summary",
            "measure": "count",
            "aggregate": "total",
            "classes": RUN,
            "periods": [("2019-01-01", "2019-12-31")],
        },
    ),
)
