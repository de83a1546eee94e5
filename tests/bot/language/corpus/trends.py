"""Trends: the direction of pace, distance, duration, frequency or calories over time. No class
is filled unless said ("am I getting faster?" leaves classes empty: the engine defaults trends
to runs and says so); a trend keeps no aggregate."""

from tests.bot.language.corpus.periods import (
    LAST_6_MONTHS,
    LAST_12_MONTHS,
    LAST_YEAR,
    LATELY,
    SINCE_2020,
    SINCE_MARCH,
    THIS_YEAR,
    Y2019,
    Y2023,
    year,
)


def trend(measure=None, *classes, **slots) -> dict:
    expected = {"kind": "trend"}
    if measure:
        expected["measure"] = measure
    if classes:
        expected["classes"] = list(classes)
    return expected | slots


RUN, WALK = "run", "walk"

CASES = [
    # Pace.
    ("am I getting faster", trend("pace")),
    ("am I getting faster?", trend("pace")),
    ("am I slowing down?", trend("pace")),
    ("am i getting slower", trend("pace")),
    ("am I speeding up", trend("pace")),
    ("pace trend", trend("pace")),
    ("trend pace", trend("pace")),
    ("trends pace runs since March", trend("pace", RUN, periods=[SINCE_MARCH])),
    ("pace trend for runs since March", trend("pace", RUN, periods=[SINCE_MARCH])),
    ("is my pace improving", trend("pace")),
    ("is my pace getting worse?", trend("pace")),
    ("how's my pace trending", trend("pace")),
    ("is my running pace improving this year", trend("pace", RUN, periods=[THIS_YEAR])),
    ("are my runs getting faster", trend("pace", RUN)),
    ("are my walks getting slower", trend("pace", WALK)),
    ("are my dog walks slower than they used to be", trend("pace", WALK)),
    ("walking pace trend lately", trend("pace", WALK, periods=[LATELY])),
    ("am I running faster since 2020", trend("pace", RUN, periods=[SINCE_2020])),
    ("forecast my run pace", trend("pace", RUN)),
    ("run pace trend in min/km", trend("pace", RUN, unit="km")),
    ("pace trend per mile for 2019", trend("pace", unit="mi", periods=[Y2019])),
    ("is my pace trending down over the last 6 months", trend("pace", periods=[LAST_6_MONTHS])),
    ("am I slowing down as I get older", trend("pace")),
    ("have my runs slowed down since march", trend("pace", RUN, periods=[SINCE_MARCH])),
    ("did my pace improve in 2023", trend("pace", periods=[Y2023])),
    ("am I getting quicker on the bike", trend("pace", "cycle")),
    ("swim pace trend", trend("pace", "swim")),
    ("is my 5k pace improving", trend("pace", min_distance_m=5000.0, max_distance_m=5500.0)),
    ("pace trend on runs over 10k", trend("pace", RUN, min_distance_m=10000.0)),
    (
        "how has my running pace changed over the last 12 months",
        trend("pace", RUN, periods=[LAST_12_MONTHS]),
    ),
    ("graph my pace trend", trend("pace", output="chart")),
    ("plot run pace over time", trend("pace", RUN, output="chart")),
    ("pace trend for walks as a chart", trend("pace", WALK, output="chart")),
    ("am I getting faster or slower lately?", trend("pace", periods=[LATELY])),
    ("treadmill pace trend", trend("pace", activity="treadmill")),
    # Distance.
    ("are my runs getting longer", trend("distance", RUN)),
    ("is my mileage trending up", trend("distance")),
    ("mileage trend", trend("distance")),
    ("distance trend this year", trend("distance", periods=[THIS_YEAR])),
    ("are my walks getting shorter", trend("distance", WALK)),
    ("trend of my weekly mileage", trend("distance")),
    ("km trend for rides", trend("distance", "cycle", unit="km")),
    ("is my running distance going down", trend("distance", RUN)),
    ("forecast my mileage", trend("distance")),
    ("am I running further these days", trend("distance", RUN, periods=[LATELY])),
    ("are the dog walks getting longer since 2020", trend("distance", WALK, periods=[SINCE_2020])),
    ("trend in miles per week since march", trend("distance", unit="mi", periods=[SINCE_MARCH])),
    ("is my hiking distance going up", trend("distance", activity="hike")),
    ("chart my mileage trend", trend("distance", output="chart")),
    ("distance trend for runs in 2019", trend("distance", RUN, periods=[Y2019])),
    ("are my long runs getting longer", trend("distance", RUN)),
    ("where is my mileage heading", trend("distance")),
    # Duration.
    ("am I spending more time working out", trend("duration")),
    ("duration trend for walks", trend("duration", WALK)),
    ("are my dog walks taking longer", trend("duration", WALK)),
    ("is my workout time going up", trend("duration")),
    ("trend in hours per week this year", trend("duration", periods=[THIS_YEAR])),
    ("am I spending less time running lately", trend("duration", RUN, periods=[LATELY])),
    ("time trend for gym sessions", trend("duration", "workout")),
    ("how has my training time changed since 2020", trend("duration", periods=[SINCE_2020])),
    # Frequency.
    ("am I running more often", trend("frequency", RUN)),
    ("am I running less often lately", trend("frequency", RUN, periods=[LATELY])),
    ("workout frequency trend", trend("frequency")),
    ("is my run frequency dropping", trend("frequency", RUN)),
    ("am I walking the dog more often", trend("frequency", WALK)),
    ("frequency trend since 2019", trend("frequency", periods=[("2019-01-01", "2025-12-20")])),
    ("am I going to the gym more regularly", trend("frequency", "workout")),
    ("trend of workouts per week", trend("frequency")),
    ("how often I run, as a trend", trend("frequency", RUN)),
    ("am I swimming more often this year", trend("frequency", "swim", periods=[THIS_YEAR])),
    ("how regularly have I been running over time", trend("frequency", RUN)),
    # Calories.
    ("calorie trend this year", trend("calories", periods=[THIS_YEAR])),
    ("am I burning more calories", trend("calories")),
    ("calories trend for runs since 2020", trend("calories", RUN, periods=[SINCE_2020])),
    # The kind alone.
    ("trends", trend()),
    ("trend", trend()),
    ("show me my trends", trend()),
    ("trends for walks", trend(None, WALK)),
    ("trends 2023", trend(periods=[Y2023])),
    ("what's trending", trend()),
    ("trends for my runs last year", trend(None, RUN, periods=[LAST_YEAR])),
    ("any trends in 2021?", trend(periods=[year(2021)])),
    ("help me understand my pace trend", trend("pace")),
]
