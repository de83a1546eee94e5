"""Fresh held-out questions: written from README.md and query.py alone, in five styles the other
modules do not have (50 each), none of them a question of another module (compared
case-insensitively, punctuation ignored). Today is Saturday 2025-12-20.

1. non-native English: word order slips, missing articles, "how much runs", false friends
   ("actual streak", "control", "make sport", "medium pace", "eventually", "I become slower");
2. dictated by voice: no punctuation, numbers and years as words, fillers, run-on sentences
   that still ask one thing (and two "for"-for-"4" slips);
3. forum style: a long context first, the question last; the context only says things the
   question means anyway, or nothing the conventions read;
4. power users' fragments and commands, without verbs;
5. follow-ups, each after a plain case of some module: corrections of a pending write,
   another unit, class or period, "why" after an answer, a chart after a number.

Cases the conventions did not settle were left out (see the report that came with this module).
"""

from tests.bot.language.corpus.periods import (
    LAST_2_MONTHS,
    LAST_3_MONTHS,
    LAST_4_WEEKS,
    LAST_8_WEEKS,
    LAST_10_DAYS,
    LAST_14_DAYS,
    LAST_30_DAYS,
    LAST_MONTH,
    LAST_SUMMER,
    LAST_WEEK,
    LAST_WINTER,
    LAST_YEAR,
    LATELY,
    SINCE_MARCH,
    THIS_MONTH,
    THIS_WEEK,
    THIS_YEAR,
    TODAY_R,
    Y2018,
    Y2019,
    Y2020,
    Y2021,
    Y2022,
    Y2023,
    Y2024,
    day,
    fall,
    month,
    quarter,
)

TODAY = "2025-12-20"
YDAY = "2025-12-19"
RUN, WALK, RUN_WALK, RIDE, SWIM, GYM = "run", "walk", "run_walk", "cycle", "swim", "workout"
MILE = 1609.344
HALF = 21097.5
K5 = {"min_distance_m": 5000.0, "max_distance_m": 5500.0}
K10 = {"min_distance_m": 10000.0, "max_distance_m": 11000.0}
HALF_BAND = {"min_distance_m": HALF, "max_distance_m": HALF * 1.1}
MILE_BAND = {"min_distance_m": MILE, "max_distance_m": MILE * 1.1}

Y2025 = THIS_YEAR  # "2025" said in 2025: the calendar year, clipped at today
OCTOBER, NOVEMBER = month(2025, 10), month(2025, 11)
THIS_AUTUMN = fall(2025)
THE_SUMMER = LAST_SUMMER  # "the summer" without a year: summer 2025
Q3 = quarter(2025, 3)
LAST_6_WEEKS = ("2025-11-09", TODAY)
LAST_12_WEEKS = ("2025-09-28", TODAY)
SINCE_SEPTEMBER = ("2025-09-01", TODAY)
SINCE_2022 = ("2022-01-01", TODAY)
SINCE_2023 = ("2023-01-01", TODAY)
SUNDAY, MONDAY, THURSDAY = "2025-12-14", "2025-12-15", "2025-12-18"
TWO_DAYS_AGO = "2025-12-18"


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


# 1. Non-native English.
NON_NATIVE = [
    ("how much runs I did in 2023?", count(RUN, periods=[Y2023])),
    ("how much kilometers I have run this year?", dist(RUN, unit="km", periods=[THIS_YEAR])),
    ("I want know how many walks with dog I make last month", count(WALK, periods=[LAST_MONTH])),
    (
        "which is my longest run of all the time?",
        s(measure="distance", aggregate="best", classes=[RUN]),
    ),
    (
        "give me please the average pace of my runs in 2024",
        s(measure="pace", aggregate="average", classes=[RUN], periods=[Y2024]),
    ),
    ("how many times I went to gym in this year?", count(GYM, periods=[THIS_YEAR])),
    ("is my pace becoming more fast?", k("trend", measure="pace")),
    ("I run more slow than before?", k("trend", measure="pace", classes=[RUN])),
    (
        "what is the most far I have cycled ever?",
        s(measure="distance", aggregate="best", classes=[RIDE]),
    ),
    (
        "please show me my walkings of last week",
        s(aggregate="list", classes=[WALK], periods=[LAST_WEEK]),
    ),
    (
        "how many kilometre I walk with my dog in november?",
        dist(WALK, unit="km", periods=[NOVEMBER]),
    ),
    ("what is my actual streak?", k("streak")),
    (
        "I want to control if there are strange trainings in october",
        k("anomalies", periods=[OCTOBER]),
    ),
    ("did I make sport yesterday?", k("day", workout=on(YDAY))),
    (
        "how much time I have spent for swimming in 2024?",
        s(measure="duration", aggregate="total", classes=[SWIM], periods=[Y2024]),
    ),
    (
        "in which month of 2023 I have run the most?",
        s(measure="count", aggregate="best", by="month", classes=[RUN], periods=[Y2023]),
    ),
    (
        "in which day of the week I go running mostly?",
        s(measure="count", aggregate="best", by="weekday", classes=[RUN]),
    ),
    (
        "at which hour I use to walk the dog?",
        s(measure="count", aggregate="best", by="hour", classes=[WALK]),
    ),
    (
        "how many runs I did make between march and june?",
        count(RUN, periods=[("2025-03-01", "2025-06-30")]),
    ),
    (
        "my runs of more than 10 kilometers in this year, please",
        s(aggregate="list", classes=[RUN], min_distance_m=10000.0, periods=[THIS_YEAR]),
    ),
    (
        "which was my fastest 5k in this year?",
        s(measure="pace", aggregate="best", periods=[THIS_YEAR], **K5),
    ),
    (
        "how many calories I burned with running in 2022?",
        s(measure="calories", aggregate="total", classes=[RUN], periods=[Y2022]),
    ),
    (
        "the average of kilometers per week in this year",
        s(measure="distance", aggregate="per_week", unit="km", periods=[THIS_YEAR]),
    ),
    ("I want see my calendar of 2021", k("calendar", year=2021)),
    ("did I made some personal record in this month?", k("records", periods=[THIS_MONTH])),
    ("compare please 2022 with 2023", k("compare", periods=[Y2022, Y2023])),
    ("I was more fast in 2023 or in 2024?", k("compare", measure="pace", periods=[Y2023, Y2024])),
    (
        "I did more runs in 2021 or 2022?",
        k("compare", measure="count", classes=[RUN], periods=[Y2021, Y2022]),
    ),
    ("is my training regular in this year?", k("consistency", periods=[THIS_YEAR])),
    ("where I go usually for run?", k("routes", classes=[RUN])),
    ("show me on map the run of yesterday", k("map", workout=on(YDAY, RUN))),
    ("why you have said that the 2025-12-02 is a walk?", k("why", workout=on("2025-12-02", WALK))),
    (
        "the walk of yesterday was a run in reality, please correct",
        label(on(YDAY, WALK), RUN),
    ),
    ("please put the workout 4521 as ride", label({"id": 4521}, RIDE)),
    (
        "add a event: I begin new job on 2023-09-01",
        event("I begin new job", "2023-09-01", "new_job"),
    ),
    (
        "remember that we have moved in Hamburg on 2022-04-01",
        event("we have moved in Hamburg", "2022-04-01", "move"),
    ),
    ("how many times for week I run?", s(measure="count", aggregate="per_week", classes=[RUN])),
    (
        "how many kilometers for month I cycle in average?",
        s(measure="distance", aggregate="per_month", unit="km", classes=[RIDE]),
    ),
    ("when was the last time I have swum?", s(aggregate="latest", classes=[SWIM])),
    ("when I started to run?", s(aggregate="first", classes=[RUN])),
    (
        "give me the list of my rides of 2023",
        s(aggregate="list", classes=[RIDE], periods=[Y2023]),
    ),
    ("the km of every month in 2024", dist(by="month", unit="km", periods=[Y2024])),
    (
        "I am more consistent in this year than in the last?",
        k("consistency", periods=[THIS_YEAR, LAST_YEAR]),
    ),
    (
        "make me an export of my walks of 2024 in csv",
        k("export", classes=[WALK], periods=[Y2024], format="csv"),
    ),
    ("how many hike I did in the summer?", count(activity="hike", periods=[THE_SUMMER])),
    (
        "which is the week with most kilometers this year?",
        s(measure="distance", aggregate="best", by="week", unit="km", periods=[THIS_YEAR]),
    ),
    ("the dog has changed my running or not?", k("story", event_kind="dog", classes=[RUN])),
    ("how many outliers I have in 2024?", count("outlier", periods=[Y2024])),
    ("which is my medium pace on walks?", s(measure="pace", aggregate="average", classes=[WALK])),
    (
        "eventually can you show my runs of this week?",
        s(aggregate="list", classes=[RUN], periods=[THIS_WEEK]),
    ),
]

# 2. Dictated by voice.
VOICE = [
    ("hey how many runs did i do in the last three months", count(RUN, periods=[LAST_3_MONTHS])),
    (
        "ok so what was my longest run this year",
        s(measure="distance", aggregate="best", classes=[RUN], periods=[THIS_YEAR]),
    ),
    ("how many kilometers did i walk the dog in october", dist(WALK, unit="km", periods=[OCTOBER])),
    (
        "whats my average pace for runs over ten k",
        s(measure="pace", aggregate="average", classes=[RUN], min_distance_m=10000.0),
    ),
    ("how many times did i go swimming in twenty twenty four", count(SWIM, periods=[Y2024])),
    ("um how far did i cycle last week", dist(RIDE, periods=[LAST_WEEK])),
    (
        "show me my runs from the last two weeks",
        s(aggregate="list", classes=[RUN], periods=[LAST_14_DAYS]),
    ),
    (
        "am i getting faster or slower on my runs this year",
        k("trend", measure="pace", classes=[RUN], periods=[THIS_YEAR]),
    ),
    ("so what did i get up to on monday", k("day", workout=on(MONDAY))),
    (
        "how many calories have i burned since the start of the year",
        s(measure="calories", aggregate="total", periods=[THIS_YEAR]),
    ),
    ("set my units to kilometers please", {"kind": "units", "action": "set", "unit": "km"}),
    ("mark yesterdays run as a walk", label(on(YDAY, RUN), WALK)),
    (
        "add an event i hurt my ankle on the fifth of november twenty twenty four",
        event("i hurt my ankle", "2024-11-05", "injury"),
    ),
    ("how many days in a row have i been working out", k("streak")),
    (
        "give me my weekly mileage for the last six weeks",
        s(measure="distance", aggregate="per_week", periods=[LAST_6_WEEKS]),
    ),
    (
        "did i run more in twenty twenty two or twenty twenty three",
        k("compare", classes=[RUN], periods=[Y2022, Y2023]),
    ),
    (
        "compare this month with last month for walks",
        k("compare", classes=[WALK], periods=[THIS_MONTH, LAST_MONTH]),
    ),
    ("when was the last time i went for a bike ride", s(aggregate="latest", classes=[RIDE])),
    ("show me the route of my run on sunday", k("map", workout=on(SUNDAY, RUN))),
    ("why did you say my workout on thursday was a run", k("why", workout=on(THURSDAY, RUN))),
    ("brief me every weekday at seven thirty", {"kind": "schedule", "action": "set"}),
    (
        "export all my runs from twenty twenty three as a csv",
        k("export", classes=[RUN], periods=[Y2023], format="csv"),
    ),
    (
        "hey bot how consistent have i been with my running over the last two months",
        k("consistency", classes=[RUN], periods=[LAST_2_MONTHS]),
    ),
    (
        "so what was my busiest week this year",
        s(measure="count", aggregate="best", by="week", periods=[THIS_YEAR]),
    ),
    (
        "how many runs over five k did i do in november",
        count(RUN, min_distance_m=5000.0, periods=[NOVEMBER]),
    ),
    ("what is my fastest ten k ever", s(measure="pace", aggregate="best", **K10)),
    (
        "how many hours did i spend walking the dog in the last thirty days",
        s(measure="duration", aggregate="total", classes=[WALK], periods=[LAST_30_DAYS]),
    ),
    (
        "ok so i went for a run this morning and i want to know how far that was",
        dist(RUN, periods=[TODAY_R]),
    ),
    (
        "can you show me a chart of my runs per month this year",
        s(
            measure="count",
            aggregate="per_month",
            classes=[RUN],
            periods=[THIS_YEAR],
            output="chart",
        ),
    ),
    (
        "whats my pace per mile on walks this year",
        s(measure="pace", aggregate="average", classes=[WALK], unit="mi", periods=[THIS_YEAR]),
    ),
    (
        "how many times did i go to the gym in the last four weeks",
        count(GYM, periods=[LAST_4_WEEKS]),
    ),
    ("were there any unusual walks last week", k("anomalies", classes=[WALK], periods=[LAST_WEEK])),
    ("tell me about the choco effect on my runs", k("story", classes=[RUN])),
    ("is my weekly mileage going up or down", k("trend", measure="distance")),
    ("how far did i run last year in miles", dist(RUN, unit="mi", periods=[LAST_YEAR])),
    ("i want to see my calendar for twenty twenty", k("calendar", year=2020)),
    (
        "what time do i usually go swimming",
        s(measure="count", aggregate="best", by="hour", classes=[SWIM]),
    ),
    ("yes go ahead and do it", k("confirm")),
    ("no cancel that i changed my mind", k("cancel")),
    ("undo that last thing", k("undo")),
    (
        "how many walks did i do between june and september",
        count(WALK, periods=[("2025-06-01", "2025-09-30")]),
    ),
    ("how many runs did i do in the last for weeks", count(RUN, periods=[LAST_4_WEEKS])),
    ("how many bike rides did i do in twenty twenty for", count(RIDE, periods=[Y2024])),
    (
        "whats the farthest i have ever walked the dog",
        s(measure="distance", aggregate="best", classes=[WALK]),
    ),
    (
        "show my swims from the last ten days",
        s(aggregate="list", classes=[SWIM], periods=[LAST_10_DAYS]),
    ),
    ("what did i do the day before yesterday", k("day", workout=on("2025-12-18"))),
    (
        "so i have been feeling pretty tired and i want to know how many hours i worked out "
        "last week",
        s(measure="duration", aggregate="total", periods=[LAST_WEEK]),
    ),
    (
        "right so my friend asked me and i did not know what to say how many half marathons "
        "have i done in total",
        count(**HALF_BAND),
    ),
    (
        "how many km did i do on the bike two days ago",
        dist(RIDE, unit="km", periods=[day(TWO_DAYS_AGO)]),
    ),
    (
        "can you plot my pace by month for twenty twenty five",
        s(measure="pace", aggregate="average", by="month", periods=[Y2025], output="chart"),
    ),
]

# 3. Forum style: the context first, the question last.
FORUM = [
    (
        "Long time user here. I switched watches a couple of times and I'm never sure the "
        "numbers line up, so I'd love a sanity check: how many runs did I log in 2022?",
        count(RUN, periods=[Y2022]),
    ),
    (
        "My physio told me to keep an eye on my volume after the knee thing. Can you tell me my "
        "weekly mileage over the last 8 weeks?",
        s(measure="distance", aggregate="per_week", periods=[LAST_8_WEEKS]),
    ),
    (
        "We adopted a rescue dog a few years back and honestly it feels like every run has "
        "turned into a stroll since. Did getting the dog slow my runs down?",
        k("story", event_kind="dog", classes=[RUN], measure="pace"),
    ),
    (
        "I've been commuting by bike for a while now and my legs feel great. Am I actually "
        "getting faster on the bike?",
        k("trend", measure="pace", classes=[RIDE]),
    ),
    (
        "Bit of background: I only got serious about swimming this year after years of just "
        "splashing around. How many swims have I done so far?",
        count(SWIM, periods=[THIS_YEAR]),
    ),
    (
        "My partner keeps teasing me that I never take the dog out on weekdays. Which weekday "
        "do I walk the dog most?",
        s(measure="count", aggregate="best", by="weekday", classes=[WALK]),
    ),
    (
        "I had a pretty rough autumn with work stress and I feel like I barely moved. How many "
        "workouts did I do this autumn?",
        count(periods=[THIS_AUTUMN]),
    ),
    (
        "So I had a big race a while back and then kind of fell off a cliff. When did I stop "
        "running regularly?",
        k("story", classes=[RUN], measure="frequency"),
    ),
    (
        "I'm trying to convince my brother that I'm more of a runner than he thinks. What's the "
        "furthest I've ever run?",
        s(measure="distance", aggregate="best", classes=[RUN]),
    ),
    (
        "Background: my watch sometimes loses GPS under trees. Can you find anything weird in my "
        "runs this year?",
        k("anomalies", classes=[RUN], periods=[THIS_YEAR]),
    ),
    (
        "My doctor wants me to do 150 minutes of exercise a week. How many hours a week do I "
        "work out on average?",
        s(measure="duration", aggregate="per_week"),
    ),
    (
        "I've been doing the couch to 5k thing with my sister and we're both competitive about "
        "it. What's my fastest 5k?",
        s(measure="pace", aggregate="best", **K5),
    ),
    (
        "The weather here has been awful so I've been on the treadmill a lot. How many "
        "treadmill runs have I done in the last two months?",
        count(RUN, activity="treadmill", periods=[LAST_2_MONTHS]),
    ),
    (
        "I always take stock around the holidays. Can you give me an overview of 2025?",
        s(periods=[Y2025]),
    ),
    (
        "Quick context: Choco is finally old enough for proper long walks. Are my walks getting "
        "longer lately?",
        k("trend", measure="distance", classes=[WALK], periods=[LATELY]),
    ),
    (
        "I'm thinking about signing up for a big race but I'm not sure I'm ready. What's the "
        "longest run I've done in the last 3 months?",
        s(measure="distance", aggregate="best", classes=[RUN], periods=[LAST_3_MONTHS]),
    ),
    (
        "My friend swears she out-walks me. Just so I can settle this: how many km did I walk "
        "last month?",
        dist(WALK, unit="km", periods=[LAST_MONTH]),
    ),
    (
        "I changed jobs a while ago and my days look totally different now. What time do I "
        "usually work out these days?",
        s(measure="count", aggregate="best", by="hour", periods=[LATELY]),
    ),
    (
        "Back in the day I used to cycle everywhere, then life happened. When was my last ride?",
        s(aggregate="latest", classes=[RIDE]),
    ),
    (
        "Hi all! I'm 45, never been sporty, and I joined a walking group this year. How many "
        "miles have I walked so far this year?",
        dist(WALK, unit="mi", periods=[THIS_YEAR]),
    ),
    (
        "I've been slacking a lot because of the holidays and all the parties. Am I less "
        "consistent this month than last month?",
        k("consistency", periods=[THIS_MONTH, LAST_MONTH]),
    ),
    (
        "There's a hill near my place I keep going back to and I wonder if it shows. Where do I "
        "usually run?",
        k("routes", classes=[RUN]),
    ),
    (
        "My old phone app used to show me a heatmap of the whole year and I miss it. Can you "
        "show me a calendar for 2024?",
        k("calendar", year=2024),
    ),
    (
        "I've been logging everything for years and I'm curious how it all adds up. How far "
        "have I gone in total, all time?",
        s(measure="distance", aggregate="total"),
    ),
    (
        "I read that a lot of people struggle when it's cold and dark. Was I slower last winter "
        "than last summer?",
        k("compare", measure="pace", periods=[LAST_WINTER, LAST_SUMMER]),
    ),
    (
        "I know I had a good patch at some point but I can't remember when. What's my longest "
        "streak ever?",
        k("streak", aggregate="best"),
    ),
    (
        "My smartwatch died and I used my phone for a while, so some of the walks might be off. "
        "Any strange walks since September?",
        k("anomalies", classes=[WALK], periods=[SINCE_SEPTEMBER]),
    ),
    (
        "I keep reading about the 80/20 rule and easy running. What's my average running pace "
        "this year?",
        s(measure="pace", aggregate="average", classes=[RUN], periods=[THIS_YEAR]),
    ),
    (
        "I've got a new pair of trail shoes and I've been taking them out a lot. How many trail "
        "runs this month?",
        count(RUN, activity="trail", periods=[THIS_MONTH]),
    ),
    (
        "It's been a hectic year with the new baby and everything. Can you show me my runs by "
        "month for this year?",
        count(RUN, by="month", periods=[THIS_YEAR]),
    ),
    (
        "So my coach says morning runs would suit me better. What time of day do I run?",
        s(measure="count", aggregate="total", by="hour", classes=[RUN]),
    ),
    (
        "Full disclosure, I'm terrible at sticking to plans and I know it. How consistent was I "
        "in the first half of 2025?",
        k("consistency", periods=[("2025-01-01", "2025-06-30")]),
    ),
    (
        "Choco has been limping a bit so we've been keeping things gentle. How far have we "
        "walked this week?",
        dist(WALK, periods=[THIS_WEEK]),
    ),
    (
        "I'm putting together a plan for the new season and want a baseline. What was my total "
        "running distance in 2025?",
        dist(RUN, periods=[Y2025]),
    ),
    (
        "I used to swim in school and only got back into it as an adult. Am I swimming more "
        "often than last year?",
        k("compare", measure="frequency", classes=[SWIM], periods=[THIS_YEAR, LAST_YEAR]),
    ),
    (
        "My wife thinks the gym membership is a waste of money because I barely go. When did I "
        "last go to the gym?",
        s(aggregate="latest", classes=[GYM]),
    ),
    (
        "I remember feeling really fit around the holidays a while back. How many runs did I do "
        "in December 2024?",
        count(RUN, periods=[month(2024, 12)]),
    ),
    (
        "Our neighbourhood got a new cycle path and I've been using it a ton. Where have I been "
        "riding this year?",
        k("routes", classes=[RIDE], periods=[THIS_YEAR]),
    ),
    (
        "Ok this might be a dumb question but I've never really looked at the data. What's my "
        "average walk length?",
        s(measure="distance", aggregate="average", classes=[WALK]),
    ),
    (
        "I try to do one big ride whenever I can and I'm curious how that's going. Are my rides "
        "getting longer this year?",
        k("trend", measure="distance", classes=[RIDE], periods=[THIS_YEAR]),
    ),
    (
        "My coworker does these fancy spreadsheets of her training. Could I get my runs from "
        "this year as a csv?",
        s(aggregate="list", classes=[RUN], periods=[THIS_YEAR], output="csv"),
    ),
    (
        "My Garmin and Strava never agree on anything and I've given up on both. How many km "
        "did I run in November?",
        dist(RUN, unit="km", periods=[NOVEMBER]),
    ),
    (
        "Honest question because I genuinely can't tell anymore. Have my walks been getting "
        "slower since 2023?",
        k("trend", measure="pace", classes=[WALK], periods=[SINCE_2023]),
    ),
    (
        "I've been tracking my sleep too and I noticed I sleep better after evening workouts. "
        "What time do I usually work out?",
        s(measure="count", aggregate="best", by="hour"),
    ),
    (
        "I'm putting a slide together for our office step challenge. Can you post my total "
        "distance this month in the channel?",
        dist(periods=[THIS_MONTH], visibility="public"),
    ),
    (
        "My knee has been sore again after that long hike. When was my last hike?",
        s(aggregate="latest", activity="hike"),
    ),
    (
        "I did a lot of swimming on holiday, I think. How many swims did I do in August?",
        count(SWIM, periods=[month(2025, 8)]),
    ),
    (
        "We're thinking about adopting again. Before we do: how did getting Choco change my "
        "running?",
        k("story", classes=[RUN]),
    ),
    (
        "I've been trying to eat better and move a bit to lose some weight. How many calories "
        "did I burn last week?",
        s(measure="calories", aggregate="total", periods=[LAST_WEEK]),
    ),
    (
        "I used to do a lot of run-walk intervals when I was getting back into it. How many "
        "run-walks did I do in 2021?",
        count(RUN_WALK, periods=[Y2021]),
    ),
]

# 4. Power users' fragments and commands.
FRAGMENTS = [
    (
        "run pace 2023 by month",
        s(measure="pace", aggregate="average", by="month", classes=[RUN], periods=[Y2023]),
    ),
    (
        "swims lately chart",
        s(aggregate="list", classes=[SWIM], periods=[LATELY], output="chart"),
    ),
    ("export json rides 2022", k("export", classes=[RIDE], periods=[Y2022], format="json")),
    ("calendar 2021 walks", k("calendar", year=2021, classes=[WALK])),
    ("km 2024 by week", dist(by="week", unit="km", periods=[Y2024])),
    ("walks ytd", s(aggregate="list", classes=[WALK], periods=[THIS_YEAR])),
    (
        "longest ride ytd",
        s(measure="distance", aggregate="best", classes=[RIDE], periods=[THIS_YEAR]),
    ),
    (
        "avg walk pace ytd",
        s(measure="pace", aggregate="average", classes=[WALK], periods=[THIS_YEAR]),
    ),
    (
        "runs per week 2023",
        s(measure="count", aggregate="per_week", classes=[RUN], periods=[Y2023]),
    ),
    (
        "miles per month 2024",
        s(measure="distance", aggregate="per_month", unit="mi", periods=[Y2024]),
    ),
    ("hrs by month 2023", s(measure="duration", aggregate="total", by="month", periods=[Y2023])),
    ("kcal per week ytd", s(measure="calories", aggregate="per_week", periods=[THIS_YEAR])),
    ("10k pr 2024", k("records", periods=[Y2024], **K10)),
    ("records swims", k("records", classes=[SWIM])),
    ("walk streak", k("streak", classes=[WALK])),
    ("best streak 2024", k("streak", aggregate="best", periods=[Y2024])),
    ("weekly streak runs", k("streak", by="week", classes=[RUN])),
    ("anomalies rides 2024", k("anomalies", classes=[RIDE], periods=[Y2024])),
    ("anomalies q3", k("anomalies", periods=[Q3])),
    ("consistency walks ytd", k("consistency", classes=[WALK], periods=[THIS_YEAR])),
    ("consistency 2022 vs 2023", k("consistency", periods=[Y2022, Y2023])),
    (
        "run km 2022 vs 2023",
        k("compare", measure="distance", unit="km", classes=[RUN], periods=[Y2022, Y2023]),
    ),
    ("walks 2023 vs 2024", k("compare", classes=[WALK], periods=[Y2023, Y2024])),
    ("jun vs jul rides", k("compare", classes=[RIDE], periods=[month(2025, 6), month(2025, 7)])),
    ("trend pace walks", k("trend", measure="pace", classes=[WALK])),
    (
        "trend km rides 2025",
        k("trend", measure="distance", unit="km", classes=[RIDE], periods=[Y2025]),
    ),
    ("frequency trend swims", k("trend", measure="frequency", classes=[SWIM])),
    ("routes rides 2024", k("routes", classes=[RIDE], periods=[Y2024])),
    ("route heatmap walks ytd", k("routes", classes=[WALK], periods=[THIS_YEAR])),
    ("map 8812", k("map", workout={"id": 8812})),
    (
        "map longest walk 2024",
        k("map", measure="distance", aggregate="best", classes=[WALK], periods=[Y2024]),
    ),
    ("label 3390 ride", label({"id": 3390}, RIDE)),
    ("relabel 4410 swim", label({"id": 4410}, SWIM)),
    ("events list", {"kind": "events", "action": "list"}),
    (
        "events add 2023-03-01 knee surgery",
        event("knee surgery", "2023-03-01", "injury"),
    ),
    ("units imperial", {"kind": "units", "action": "set", "unit": "mi"}),
    ("briefing 7am weekdays", {"kind": "schedule", "action": "set"}),
    (
        "sql select max(distance_m) from workouts where label = 'cycle'",
        k("sql", sql="select max(distance_m) from workouts where label = 'cycle'"),
    ),
    (
        "export csv walks since 2022",
        k("export", classes=[WALK], periods=[SINCE_2022], format="csv"),
    ),
    ("dog walks by hour 2024", count(WALK, by="hour", periods=[Y2024])),
    ("km by weekday ytd", dist(by="weekday", unit="km", periods=[THIS_YEAR])),
    (
        "runs vs walks 2023 chart",
        count(RUN, WALK, by="class", periods=[Y2023], output="chart"),
    ),
    ("busiest month 2024", s(measure="count", aggregate="best", by="month", periods=[Y2024])),
    (
        "quietest week ytd",
        s(measure="count", aggregate="worst", by="week", periods=[THIS_YEAR]),
    ),
    ("fastest mile 2025", s(measure="pace", aggregate="best", periods=[Y2025], **MILE_BAND)),
    (
        "runs 10k+ 2024",
        s(aggregate="list", classes=[RUN], min_distance_m=10000.0, periods=[Y2024]),
    ),
    (
        "walks under 3km last month",
        s(aggregate="list", classes=[WALK], max_distance_m=3000.0, periods=[LAST_MONTH]),
    ),
    ("stats q3", s(periods=[Q3])),
    (
        "swim hrs last month",
        s(measure="duration", aggregate="total", classes=[SWIM], periods=[LAST_MONTH]),
    ),
    ("choco effect pace walks", k("story", measure="pace", classes=[WALK])),
]

# 5. Follow-ups: (question, full query after merging, previous question).
FOLLOWUPS = []


def follow(previous: str, base: dict, *pairs) -> None:
    """Follow-ups of ``previous`` (read alone as ``base``): (question, changes to base, or a
    whole query when the kind changes)."""
    for question, expected in pairs:
        FOLLOWUPS.append((question, expected if "kind" in expected else base | expected, previous))


# Corrections of a pending write.
follow(
    "mark yesterday's walk as a run",
    label(on(YDAY, WALK), RUN),
    ("no wait, make it a bike ride", {"new_label": RIDE}),
    ("hmm actually it was a swim", {"new_label": SWIM}),
    ("sorry I meant an outlier, the gps was broken", {"new_label": "outlier"}),
)
follow(
    "label 1234 walk",
    label({"id": 1234}, WALK),
    ("oops, I meant gym", {"new_label": GYM}),
    ("make that a ride instead", {"new_label": RIDE}),
)
follow(
    "we got our dog Choco in August 2018",
    event("we got our dog Choco", "2018-08-01", "dog"),
    ("no wait, it was June 2018", {"event_date": "2018-06-01"}),
    ("actually it was the 3rd of August 2018", {"event_date": "2018-08-03"}),
    ("hmm, make the date 2018-07-20", {"event_date": "2018-07-20"}),
)
follow(
    "add an event: started marathon training on 2019-01-15",
    event("started marathon training", "2019-01-15", "training_plan"),
    ("no sorry, 2019-02-01", {"event_date": "2019-02-01"}),
)
follow(
    "use metric",
    {"kind": "units", "action": "set", "unit": "km"},
    ("actually, make it miles", {"unit": "mi"}),
)
follow(
    "mark 2468 as a run-walk",
    label({"id": 2468}, RUN_WALK),
    ("no, a proper run", {"new_label": RUN}),
)
follow(
    "this morning's run was actually a dog walk",
    label(on(TODAY, RUN), WALK),
    ("ah no wait, it was a run-walk", {"new_label": RUN_WALK}),
)
# Another unit, class or period; a chart after a number.
follow(
    "total km in 2018",
    dist(unit="km", periods=[Y2018]),
    ("and in 2019 in miles?", {"periods": [Y2019], "unit": "mi"}),
    ("same but for rides", {"classes": [RIDE]}),
    ("plot it by month", {"by": "month", "output": "chart"}),
)
RUNS_2019 = count(RUN, periods=[Y2019])
follow(
    "how many runs in 2019",
    RUNS_2019,
    ("only the ones over 10k", {"min_distance_m": 10000.0}),
    ("share that with the channel", {"visibility": "public"}),
    ("how many km was that?", {"measure": "distance", "unit": "km"}),
)
RUN_PACE = s(measure="pace", aggregate="average", classes=[RUN])
follow(
    "what's my average run pace",
    RUN_PACE,
    ("in minutes per mile please", {"unit": "mi"}),
    ("and for 2023 only", {"periods": [Y2023]}),
    ("show that by month as a graph", {"by": "month", "output": "chart"}),
    (
        "has it improved since 2022?",
        k("trend", measure="pace", classes=[RUN], periods=[SINCE_2022]),
    ),
)
follow(
    "weekly mileage",
    s(measure="distance", aggregate="per_week"),
    ("per month instead", {"aggregate": "per_month"}),
    ("only walks since march", {"classes": [WALK], "periods": [SINCE_MARCH]}),
    ("is it trending down then?", k("trend", measure="distance")),
)
follow(
    "how many walks this year",
    count(WALK, periods=[THIS_YEAR]),
    ("can you chart that", {"output": "chart"}),
)
follow(
    "how many workouts last month",
    count(periods=[LAST_MONTH]),
    ("visualise that by week", {"by": "week", "output": "chart"}),
)
follow(
    "how far did I walk this week?",
    dist(WALK, periods=[THIS_WEEK]),
    ("versus last week?", dist(WALK) | {"kind": "compare", "periods": [THIS_WEEK, LAST_WEEK]}),
    ("and in kilometres", {"unit": "km"}),
)
follow(
    "did I run more in 2019 or 2020",
    k("compare", classes=[RUN], periods=[Y2019, Y2020]),
    ("what about pace", {"measure": "pace"}),
    ("make it 2022 vs 2024", {"periods": [Y2022, Y2024]}),
)
follow(
    "runs from last month",
    s(aggregate="list", classes=[RUN], periods=[LAST_MONTH]),
    ("put them on a map", k("routes", classes=[RUN], periods=[LAST_MONTH])),
    ("the month before that?", {"periods": [OCTOBER]}),
)
follow("am I slowing down?", k("trend", measure="pace"), ("and my rides?", {"classes": [RIDE]}))
follow("my PRs", k("records"), ("just 2024", {"periods": [Y2024]}))
follow(
    "show my calendar for 2020",
    k("calendar", year=2020),
    ("same for 2019 but only walks", {"year": 2019, "classes": [WALK]}),
)
follow("choco effect", k("story"), ("on my swims?", {"classes": [SWIM]}))
follow(
    "fastest 5k",
    s(measure="pace", aggregate="best", **K5),
    ("what about the mile?", MILE_BAND),
)
follow(
    "export my runs from 2024",
    k("export", classes=[RUN], periods=[Y2024]),
    ("make it walks, json", {"classes": [WALK], "format": "json"}),
)
follow(
    "pace trend for runs since March",
    k("trend", measure="pace", classes=[RUN], periods=[SINCE_MARCH]),
    ("in min per mile", {"unit": "mi"}),
)
# "Why" (and a map or a label) after an answer.
LONGEST = s(measure="distance", aggregate="best", classes=[RUN], periods=[THIS_YEAR])
follow(
    "longest run this year",
    LONGEST,
    ("how come?", LONGEST | {"kind": "why"}),
    ("show me where that was", LONGEST | {"kind": "map"}),
    (
        "mark it as an outlier",
        LONGEST | {"kind": "label", "action": "set", "new_label": "outlier"},
    ),
)
follow(
    "when was my last run?",
    s(aggregate="latest", classes=[RUN]),
    ("why is it a run?", k("why", aggregate="latest", classes=[RUN])),
    ("and the last swim?", {"classes": [SWIM]}),
)
follow(
    "what did I do yesterday?",
    k("day", workout=on(YDAY)),
    ("ok and sunday?", {"workout": on(SUNDAY)}),
    ("why was that a walk?", k("why", workout=on(YDAY, WALK))),
)
follow(
    "any outliers in 2023?",
    k("anomalies", periods=[Y2023]),
    ("why are those flagged?", k("why", periods=[Y2023])),
)
follow(
    "anomalies this month",
    k("anomalies", periods=[THIS_MONTH]),
    ("explain why", k("why", periods=[THIS_MONTH])),
)
follow(
    "my fastest run in 2023",
    s(measure="pace", aggregate="best", classes=[RUN], periods=[Y2023]),
    (
        "why is that one a run?",
        k("why", measure="pace", aggregate="best", classes=[RUN], periods=[Y2023]),
    ),
)

CASES = NON_NATIVE + VOICE + FORUM + FRAGMENTS + FOLLOWUPS
