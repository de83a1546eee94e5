"""One workout or one day: what happened on a day (``day``), why a workout got its class
(``why``) and one workout's route (``map``). A day goes in ``workout`` ({"day": ...}, with the
class named as "label"), never in ``periods``."""

from tests.bot.language.corpus.periods import THIS_YEAR


def on(iso: str, label: str | None = None) -> dict:
    return {"day": iso, "label": label} if label else {"day": iso}


def k(kind: str, **slots) -> dict:
    return {"kind": kind, **slots}


YESTERDAY, TODAY = "2025-12-19", "2025-12-20"
RUN, WALK = "run", "walk"

DAY = [
    ("what did I do yesterday?", k("day", workout=on(YESTERDAY))),
    ("what did I do yesterday", k("day", workout=on(YESTERDAY))),
    ("what did I do on May 3 2019?", k("day", workout=on("2019-05-03"))),
    ("what did I do on May 3 2019", k("day", workout=on("2019-05-03"))),
    ("yesterday's workouts", k("day", workout=on(YESTERDAY))),
    ("anything logged on 2024-02-29?", k("day", workout=on("2024-02-29"))),
    ("did I run yesterday?", k("day", workout=on(YESTERDAY, RUN))),
    ("did I walk the dog today", k("day", workout=on(TODAY, WALK))),
    ("what happened on dec 25", k("day", workout=on("2024-12-25"))),
    ("workouts on 3rd of May 2019", k("day", workout=on("2019-05-03"))),
    ("what did I do last tuesday", k("day", workout=on("2025-12-16"))),
    ("show me monday", k("day", workout=on("2025-12-15"))),
    ("what did I do 3 days ago", k("day", workout=on("2025-12-17"))),
    ("my workouts the day before yesterday", k("day", workout=on("2025-12-18"))),
    ("what was I doing on 2019-05-03", k("day", workout=on("2019-05-03"))),
    ("today", k("day", workout=on(TODAY))),
    ("yesterday", k("day", workout=on(YESTERDAY))),
    ("what did I do on friday", k("day", workout=on("2025-12-19"))),
    ("did I work out on sunday", k("day", workout=on("2025-12-14"))),
    ("show me 2023-07-04", k("day", workout=on("2023-07-04"))),
    ("workouts on July 4th", k("day", workout=on("2025-07-04"))),
    ("what did I log on new year's day", k("day", workout=on("2025-01-01"))),
    ("what did I do on christmas 2023", k("day", workout=on("2023-12-25"))),
    ("any runs on 2025-10-07?", k("day", workout=on("2025-10-07", RUN))),
    ("what did I do today?", k("day", workout=on(TODAY))),
    ("was there a walk on May 3rd?", k("day", workout=on("2025-05-03", WALK))),
    ("did I swim on saturday", k("day", workout=on(TODAY, "swim"))),
    ("did I go for a ride last saturday", k("day", workout=on("2025-12-13", "cycle"))),
    ("what did I do on 1 jan 2020", k("day", workout=on("2020-01-01"))),
    ("what did I do on the 3rd of may", k("day", workout=on("2025-05-03"))),
    ("show me what I did on March 14", k("day", workout=on("2025-03-14"))),
    ("workout details for 2022-11-05", k("day", workout=on("2022-11-05"))),
    ("how was my day yesterday", k("day", workout=on(YESTERDAY))),
    ("what did i get up to on wednesday", k("day", workout=on("2025-12-17"))),
    ("what did I do two days ago", k("day", workout=on("2025-12-18"))),
    ("any workouts today?", k("day", workout=on(TODAY))),
    (
        "what did I do on 2019-05-03? private",
        k("day", workout=on("2019-05-03"), visibility="private"),
    ),
    ("list yesterday's runs", k("day", workout=on(YESTERDAY, RUN))),
    ("show my walks from yesterday", k("day", workout=on(YESTERDAY, WALK))),
    ("did I hit the gym on monday?", k("day", workout=on("2025-12-15", "workout"))),
    ("what did I do on 15 August 2018", k("day", workout=on("2018-08-15"))),
    ("what workouts did I log on 2021-06-30", k("day", workout=on("2021-06-30"))),
]

WHY = [
    ("why was May 3rd a walk?", k("why", workout=on("2025-05-03", WALK))),
    ("why is 1234 an outlier", k("why", workout={"id": 1234})),
    ("why 1234", k("why", workout={"id": 1234})),
    ("explain 1234", k("why", workout={"id": 1234})),
    ("why yesterday's run", k("why", workout=on(YESTERDAY, RUN))),
    ("why is yesterday's workout a walk?", k("why", workout=on(YESTERDAY, WALK))),
    ("why did you call my workout on 2024-05-03 a walk", k("why", workout=on("2024-05-03", WALK))),
    ("why was 2019-05-03 labelled a run-walk", k("why", workout=on("2019-05-03", "run_walk"))),
    ("why is workout 5678 a run", k("why", workout={"id": 5678})),
    ("explain yesterday's walk", k("why", workout=on(YESTERDAY, WALK))),
    ("why is today's workout an outlier?", k("why", workout=on(TODAY, "outlier"))),
    ("how did you decide 1234 was a walk", k("why", workout={"id": 1234})),
    ("why was the workout on dec 25 a walk", k("why", workout=on("2024-12-25", WALK))),
    ("why is #4321 marked outlier", k("why", workout={"id": 4321})),
    ("why", k("why")),
    ("explain workout 42", k("why", workout={"id": 42})),
    ("why was 3 May a walk?", k("why", workout=on("2025-05-03", WALK))),
    ("why was friday's workout a run-walk", k("why", workout=on("2025-12-19", "run_walk"))),
    ("why is the 2023-08-12 workout a glitch?", k("why", workout=on("2023-08-12", "outlier"))),
    ("why was last tuesday a run", k("why", workout=on("2025-12-16", RUN))),
]

MAP = [
    ("map my last run", k("map", aggregate="latest", classes=[RUN])),
    ("map yesterday's run", k("map", workout=on(YESTERDAY, RUN))),
    ("show the route of yesterday's run", k("map", workout=on(YESTERDAY, RUN))),
    ("map 1234", k("map", workout={"id": 1234})),
    ("map", k("map")),
    ("where did I go on May 3?", k("map", workout=on("2025-05-03"))),
    ("map my longest run", k("map", measure="distance", aggregate="best", classes=[RUN])),
    ("map my last walk", k("map", aggregate="latest", classes=[WALK])),
    ("show me today's walk on a map", k("map", workout=on(TODAY, WALK))),
    ("route of workout 5678", k("map", workout={"id": 5678})),
    ("map the run on 2025-10-07", k("map", workout=on("2025-10-07", RUN))),
    ("track of yesterday's ride", k("map", workout=on(YESTERDAY, "cycle"))),
    ("where did I run last tuesday", k("map", workout=on("2025-12-16", RUN))),
    (
        "map my fastest 5k",
        k("map", measure="pace", aggregate="best", min_distance_m=5000.0, max_distance_m=5500.0),
    ),
    ("map my first run", k("map", aggregate="first", classes=[RUN])),
    ("draw yesterday's route", k("map", workout=on(YESTERDAY))),
    ("map of my most recent workout", k("map", aggregate="latest")),
    ("show the map for 4321", k("map", workout={"id": 4321})),
    ("map my last hike", k("map", aggregate="latest", activity="hike")),
    ("map yesterday's run, public", k("map", workout=on(YESTERDAY, RUN), visibility="public")),
    ("where did my walk on sunday go", k("map", workout=on("2025-12-14", WALK))),
    (
        "map my longest ride this year",
        k("map", measure="distance", aggregate="best", classes=["cycle"], periods=[THIS_YEAR]),
    ),
    ("map the walk from 3 days ago", k("map", workout=on("2025-12-17", WALK))),
    ("show me the route I took on 2019-05-03", k("map", workout=on("2019-05-03"))),
    ("map today's run", k("map", workout=on(TODAY, RUN))),
]

CASES = DAY + WHY + MAP
