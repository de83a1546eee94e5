"""The command-like kinds (sql, export, undo, confirm, cancel, greeting, help) and the words
that choose an output or a visibility."""

from tests.bot.language.corpus.periods import (
    LAST_MONTH,
    LAST_YEAR,
    LATELY,
    SINCE_2020,
    THIS_WEEK,
    THIS_YEAR,
    Y2018,
    Y2019,
    Y2021,
    Y2022,
    Y2023,
    Y2024,
)

RUN, WALK = ["run"], ["walk"]


def k(kind: str, **slots) -> dict:
    return {"kind": kind, **slots}


def sql(statement: str | None) -> dict:
    return k("sql", sql=statement) if statement else k("sql")


SQL = [
    ("sql", sql(None)),
    (
        "sql SELECT label, count(*) FROM workouts GROUP BY label",
        sql("SELECT label, count(*) FROM workouts GROUP BY label"),
    ),
    ("sql SELECT count(*) FROM workouts", sql("SELECT count(*) FROM workouts")),
    (
        "sql select distnce from workouts where label = 'run'",
        sql("select distnce from workouts where label = 'run'"),
    ),
    (
        "sql SELECT * FROM workouts WHERE label='walk' AND started_at > '2019-01-01'",
        sql("SELECT * FROM workouts WHERE label='walk' AND started_at > '2019-01-01'"),
    ),
    (
        "/workouts sql SELECT max(distance_km) FROM workouts",
        sql("SELECT max(distance_km) FROM workouts"),
    ),
    (
        "SQL SELECT strftime('%Y', started_at) AS y, sum(distance_m) FROM workouts GROUP BY y",
        sql("SELECT strftime('%Y', started_at) AS y, sum(distance_m) FROM workouts GROUP BY y"),
    ),
    ("sql: SELECT avg(duration_s) FROM workouts", sql("SELECT avg(duration_s) FROM workouts")),
    ("run sql SELECT 1", sql("SELECT 1")),
    (
        "sql SELECT count(*) AS runs_in_2019 FROM workouts WHERE started_at LIKE '2019%'",
        sql("SELECT count(*) AS runs_in_2019 FROM workouts WHERE started_at LIKE '2019%'"),
    ),
    (
        "sql SELECT 'as a chart' AS output, 'last month' AS period",
        sql("SELECT 'as a chart' AS output, 'last month' AS period"),
    ),
    ("sql\nSELECT count(*)\nFROM workouts", sql("SELECT count(*)\nFROM workouts")),
    (
        "sql WITH w AS (SELECT * FROM workouts) SELECT count(*) FROM w",
        sql("WITH w AS (SELECT * FROM workouts) SELECT count(*) FROM w"),
    ),
    (
        "sql select * from workouts where distance_km > 5 -- my 5k runs",
        sql("select * from workouts where distance_km > 5 -- my 5k runs"),
    ),
    (
        "sql SELECT label, avg(pace_min_per_km) FROM workouts WHERE label IN ('run', 'run_walk')",
        sql("SELECT label, avg(pace_min_per_km) FROM workouts WHERE label IN ('run', 'run_walk')"),
    ),
]

EXPORT = [
    ("export my runs from 2024", k("export", classes=RUN, periods=[Y2024])),
    ("export my runs from 2024 as csv", k("export", classes=RUN, periods=[Y2024], format="csv")),
    ("export csv 2024", k("export", format="csv", periods=[Y2024])),
    ("export json last year", k("export", format="json", periods=[LAST_YEAR])),
    ("export csv last year", k("export", format="csv", periods=[LAST_YEAR])),
    ("export", k("export")),
    ("download my data", k("export")),
    ("download all my workouts as json", k("export", format="json")),
    ("export walks this year to csv", k("export", classes=WALK, periods=[THIS_YEAR], format="csv")),
    ("can I get a csv export of everything?", k("export", format="csv")),
    ("export my 2019 data", k("export", periods=[Y2019])),
    (
        "download my rides since 2020 as CSV",
        k("export", classes=["cycle"], periods=[SINCE_2020], format="csv"),
    ),
    (
        "export runs over 10k as json",
        k("export", classes=RUN, min_distance_m=10000.0, format="json"),
    ),
    ("export last month", k("export", periods=[LAST_MONTH])),
    ("export everything privately", k("export", visibility="private")),
    ("export swims", k("export", classes=["swim"])),
    (
        "download a json of my dog walks in 2023",
        k("export", classes=WALK, periods=[Y2023], format="json"),
    ),
    ("export data between 2017 and 2019", k("export", periods=[("2017-01-01", "2019-12-31")])),
    ("export my hikes", k("export", activity="hike")),
    ("export this week's workouts", k("export", periods=[THIS_WEEK])),
]

UNDO = [
    ("undo", k("undo")),
    ("undo that", k("undo")),
    ("undo the last change", k("undo")),
    ("revert", k("undo")),
    ("take that back", k("undo")),
    ("undo!", k("undo")),
    ("revert that label", k("undo")),
    ("oops, undo", k("undo")),
]

CONFIRM = [
    ("yes", k("confirm")),
    ("yep, do it", k("confirm")),
    ("yes please", k("confirm")),
    ("do it", k("confirm")),
    ("go ahead", k("confirm")),
    ("ok", k("confirm")),
    ("sure", k("confirm")),
    ("confirm", k("confirm")),
    ("👍", k("confirm")),
    ("yeah", k("confirm")),
    ("y", k("confirm")),
    ("sounds good, go ahead", k("confirm")),
    ("yes, that's right", k("confirm")),
]

CANCEL = [
    ("no", k("cancel")),
    ("cancel", k("cancel")),
    ("nope", k("cancel")),
    ("never mind", k("cancel")),
    ("forget it", k("cancel")),
    ("don't", k("cancel")),
    ("no thanks", k("cancel")),
    ("abort", k("cancel")),
    ("n", k("cancel")),
    ("cancel that", k("cancel")),
    ("nah", k("cancel")),
]

GREETING = [
    ("hi", k("greeting")),
    ("hello 👋", k("greeting")),
    ("hey", k("greeting")),
    ("good morning", k("greeting")),
    ("thanks", k("greeting")),
    ("thank you!", k("greeting")),
    ("cheers", k("greeting")),
    ("hi there", k("greeting")),
    ("hello bot", k("greeting")),
    ("yo", k("greeting")),
    ("thanks a lot 🙏", k("greeting")),
    ("ty", k("greeting")),
    ("hey there", k("greeting")),
    ("howdy", k("greeting")),
    ("thx", k("greeting")),
]

HELP = [
    ("help", k("help")),
    ("what can you do?", k("help")),
    ("commands", k("help")),
    ("how does this work", k("help")),
    ("?", k("help")),
    ("help me", k("help")),
    ("what can I ask you", k("help")),
    ("how do I use this", k("help")),
    ("what commands are there", k("help")),
    ("help!", k("help")),
    ("usage", k("help")),
    ("examples please", k("help")),
    ("I'm lost", k("help")),
    ("what questions can you answer?", k("help")),
]

OUTPUT = [
    (
        "how many runs in 2019 as a chart",
        k(
            "summary",
            measure="count",
            aggregate="total",
            classes=RUN,
            periods=[Y2019],
            output="chart",
        ),
    ),
    (
        "weekly mileage this year, graph it",
        k("summary", measure="distance", aggregate="per_week", periods=[THIS_YEAR], output="chart"),
    ),
    (
        "plot my walks by month in 2023",
        k(
            "summary",
            measure="count",
            aggregate="total",
            by="month",
            classes=WALK,
            periods=[Y2023],
            output="chart",
        ),
    ),
    (
        "chart of km per month this year",
        k(
            "summary",
            measure="distance",
            aggregate="per_month",
            unit="km",
            periods=[THIS_YEAR],
            output="chart",
        ),
    ),
    (
        "runs by month in 2019 as csv",
        k(
            "summary",
            measure="count",
            aggregate="total",
            by="month",
            classes=RUN,
            periods=[Y2019],
            output="csv",
        ),
    ),
    (
        "a csv of my runs in 2024",
        k("summary", aggregate="list", classes=RUN, periods=[Y2024], output="csv"),
    ),
    (
        "total distance by year in json",
        k("summary", measure="distance", aggregate="total", by="year", output="json"),
    ),
    (
        "visualise my runs per week this year",
        k(
            "summary",
            measure="count",
            aggregate="per_week",
            classes=RUN,
            periods=[THIS_YEAR],
            output="chart",
        ),
    ),
    (
        "distance by month 2022 on a graph",
        k(
            "summary",
            measure="distance",
            aggregate="total",
            by="month",
            periods=[Y2022],
            output="chart",
        ),
    ),
    (
        "give me my 2023 walks in a spreadsheet",
        k("summary", aggregate="list", classes=WALK, periods=[Y2023], output="csv"),
    ),
    (
        "monthly distance in 2021 as a bar chart",
        k("summary", measure="distance", aggregate="per_month", periods=[Y2021], output="chart"),
    ),
    (
        "weekly mileage lately as a chart",
        k("summary", measure="distance", aggregate="per_week", periods=[LATELY], output="chart"),
    ),
    (
        "hours walked by week last month, json please",
        k(
            "summary",
            measure="duration",
            aggregate="total",
            by="week",
            classes=WALK,
            periods=[LAST_MONTH],
            output="json",
        ),
    ),
    (
        "how many runs this year, public",
        k(
            "summary",
            measure="count",
            aggregate="total",
            classes=RUN,
            periods=[THIS_YEAR],
            visibility="public",
        ),
    ),
    (
        "my pace this year, just for me",
        k(
            "summary",
            measure="pace",
            aggregate="average",
            periods=[THIS_YEAR],
            visibility="private",
        ),
    ),
    (
        "post my weekly mileage in the channel",
        k("summary", measure="distance", aggregate="per_week", visibility="public"),
    ),
    (
        "total km in 2018 privately",
        k(
            "summary",
            measure="distance",
            aggregate="total",
            unit="km",
            periods=[Y2018],
            visibility="private",
        ),
    ),
    (
        "share my longest run with the channel",
        k("summary", measure="distance", aggregate="best", classes=RUN, visibility="public"),
    ),
    (
        "dm me my runs from last month",
        k("summary", aggregate="list", classes=RUN, periods=[LAST_MONTH], visibility="private"),
    ),
    (
        "how far did I walk this week? public please",
        k(
            "summary",
            measure="distance",
            aggregate="total",
            classes=WALK,
            periods=[THIS_WEEK],
            visibility="public",
        ),
    ),
    (
        "pace trend as a chart, private",
        k("trend", measure="pace", output="chart", visibility="private"),
    ),
    (
        "runs per year, chart",
        k("summary", measure="count", aggregate="total", by="year", classes=RUN, output="chart"),
    ),
]

CASES = SQL + EXPORT + UNDO + CONFIRM + CANCEL + GREETING + HELP + OUTPUT
