"""Training questions: fitness and form, best efforts, race predictions, the Eddington number, a
year in review; and goals (set in words, confirmed; listed; dropped)."""

KM, MI = 1000.0, 1609.344
SPRING = ("2025-03-01", "2025-05-31")


def training(action: str, **slots) -> dict:
    return {"kind": "training", "action": action, **slots}


def goal(action: str, **slots) -> dict:
    return {"kind": "goal", "action": action, **slots}


FORM = [
    ("how's my form?", training("form")),
    ("how is my form", training("form")),
    ("what's my fitness", training("form")),
    ("show my fitness and fatigue", training("form")),
    ("training load", training("form")),
    ("my training load as a chart", training("form", output="chart")),
    ("am I overtrained?", training("form")),
    ("am I fitter than last spring?", training("form", periods=[SPRING])),
    ("fitness chart", training("form", output="chart")),
    ("ctl atl tsb", training("form")),
]

EFFORTS = [
    ("my best efforts", training("efforts")),
    ("best efforts", training("efforts")),
    (
        "what are my best efforts this year",
        training("efforts", periods=[("2025-01-01", "2025-12-20")]),
    ),
    ("fastest km inside a run", training("efforts")),
    ("best efforts inside my runs", training("efforts", classes=["run"])),
    ("show me my best efforts as a table", training("efforts")),
]

PREDICT = [
    ("predict my marathon time", training("predict")),
    ("race predictions", training("predict")),
    ("what could I run a 10k in?", training("predict")),
    ("what's my vdot", training("predict")),
    ("estimate my vo2max", training("predict")),
    ("race time predictor", training("predict")),
]

EDDINGTON = [
    ("what's my eddington number", training("eddington")),
    ("eddington", training("eddington")),
    ("my eddington number for runs in km", training("eddington", classes=["run"], unit="km")),
    ("eddington number for walks", training("eddington", classes=["walk"])),
]

YEAR = [
    ("year in review 2024", training("year", year=2024)),
    ("my 2024 year in review", training("year", year=2024)),
    ("wrapped 2023", training("year", year=2023)),
    ("year in review", training("year", year=2025)),
]

GOALS = [
    (
        "goal 20 km a week of running",
        goal("set", measure="distance", target=20 * KM, by="week", classes=["run"], unit="km"),
    ),
    ("goal 150 workouts this year", goal("set", measure="count", target=150, by="year")),
    (
        "set a goal of 100 miles a month",
        goal("set", measure="distance", target=100 * MI, by="month", unit="mi"),
    ),
    ("goal 10 runs a month", goal("set", measure="count", target=10, by="month", classes=["run"])),
    ("goal 5 hours a week", goal("set", measure="duration", target=5 * 3600, by="week")),
    ("my goals", goal("list")),
    ("how are my goals going?", goal("list")),
    ("am I on track for my goal", goal("list")),
    ("drop my running goal", goal("remove", classes=["run"])),
    ("remove my goal", goal("remove")),
]

CASES = FORM + EFFORTS + PREDICT + EDDINGTON + YEAR + GOALS
