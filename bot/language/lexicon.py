"""The words the reader knows: each phrase and what it contributes to a query.

A phrase is a run of normalised tokens ("how many", "per month", "dog walks"); its
:class:`Sense` may vote for a kind of answer (strongly or weakly) and fill slots: a measure, an
aggregate, a breakdown, a class, an activity, a unit, an output, an action. Synonyms are simply
more phrases with the same sense ("slowing down" and "getting slower" both vote for a pace
trend). Words every question has ("the", "my", "did") are fillers: used, and never reported as
ignored. Everything else a person types is either found here, a date, a number, a workout id or
an event's name, or it is named back as ignored.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sense:
    """What one phrase contributes to a query."""

    kind: str | None = None  # a vote for the kind of answer
    strength: int = 2  # 2: the phrase names the kind ("trend"); 1: it hints at it ("faster")
    measure: str | None = None
    aggregate: str | None = None
    by: str | None = None
    label: str | None = None  # a class
    activity: str | None = None
    unit: str | None = None
    output: str | None = None
    action: str | None = None
    event_kind: str | None = None
    hint: str | None = None  # "ever": all time, on purpose; "overview": the per-class totals


LEXICON: dict[tuple[str, ...], Sense] = {}


def _words(text: str) -> list[str]:
    return text.split()


MAX_PHRASE = 1


def _add(phrases: str, **sense) -> None:
    """Add each of ``phrases`` ("a | b c | d") with the same sense."""
    global MAX_PHRASE
    value = Sense(**sense)
    for phrase in phrases.split("|"):
        tokens = tuple(phrase.split())
        LEXICON[tokens] = value
        MAX_PHRASE = max(MAX_PHRASE, len(tokens))


# --- Classes -------------------------------------------------------------------------------
_add("long run | long runs | long-run | long-runs", label="run")
_add("long walk | long walks", label="walk")
_add(
    "run | runs | running | jog | jogs | jogging | ran | runner | jogged | 10ks | 5ks"
    " | half marathons run",
    label="run",
)
_add(
    "walk | walks | walking | walked | dog walk | dog walks | dog-walk | dog-walks | pup walk"
    " | pup walks | walkies | strolls | stroll | walk the dog | walking the dog | walked the dog"
    " | walks with the dog | walk with the dog | dog walking | walks the dog | walk with choco"
    " | walking choco",
    label="walk",
)
_add(
    "run-walk | run-walks | run walk | run walks | run/walk | run/walks | walk-run | walk-runs"
    " | mixed",
    label="run_walk",
)
_add("outlier | outliers | glitch | glitches", label="outlier")
_add(
    "ride | rides | riding | cycling | cycle | cycles | bike | bikes | biking | rode | bike rides"
    " | bike ride | cycled | on the bike",
    label="cycle",
)
_add("swim | swims | swimming | swam | swum", label="swim")
_add(
    "gym | weights | strength | lifting | gym sessions | gym session | gym workouts | gym workout"
    " | lifting weights | do weights | workout session | workout sessions | at the gym"
    " | go to the gym | went to the gym",
    label="workout",
)
_add("other | others | other workouts", label="other")
_add("hike | hikes | hiking | hiked", activity="hike")
_add("treadmill", activity="treadmill")
for _activity in _words(
    "yoga pilates trail tennis climbing rowing crossfit spin skiing elliptical stairs football"
    " soccer basketball golf dance boxing"
):
    _add(_activity, activity=_activity)
_add("labelled | labeled | marked as | tagged | classed as | classified as | labelled as")
_add("did i record | i record | recorded | i recorded | did i log | i logged | logged")

# --- Measures and aggregates ------------------------------------------------------------------
_add("how many | number of | count | times | how many times", measure="count")
_add("how far | distance | distances | mileage | milage | distance covered", measure="distance")
_add("length | long", measure="distance", strength=1)
_add(
    "how long | duration | hours | hour | minutes | mins | time spent | time | total time"
    " | on my feet | by time | in minutes | in hours | by duration",
    measure="duration",
)
_add("pace | paces | speed | tempo | how fast", measure="pace")
_add("min/km | min per km | minutes per km | pace per km", measure="pace", unit="km")
_add(
    "min/mi | min/mile | min per mile | minutes per mile | pace per mile", measure="pace", unit="mi"
)
_add("calories | kcal | calorie", measure="calories")
_add("frequency", measure="frequency")
_add("total | in total | altogether | sum | combined | overall total", aggregate="total")
_add("average | avg | mean | on average | typical | typically | usual", aggregate="average")
_add(
    "weekly | per week | a week | each week on average | every week on average | how often"
    " | how frequently",
    aggregate="per_week",
    strength=3,
)
_add("monthly | per month | a month | per month on average", aggregate="per_month", strength=3)
_add("best | top | greatest | biggest | most", aggregate="best")
_add("worst | lowest | least", aggregate="worst")
_add("fastest | quickest", aggregate="best", measure="pace")
_add("slowest", aggregate="worst", measure="pace")
_add(
    "longest | farthest | furthest | longest distance",
    aggregate="best",
    measure="distance",
    strength=1,
)
_add("shortest", aggregate="worst", measure="distance", strength=1)
_add(
    "latest | last | most recent | previous | last time | the last time | when did i last",
    aggregate="latest",
)
_add(
    "first | earliest | first time | when did i start | when did i first",
    aggregate="first",
)
_add("list | all my | every", aggregate="list")
_add("usually | mostly | most often", aggregate="best", strength=1)
_add("ever | all time | of all time | all-time | in my life | since i started", hint="ever")
_add(
    "stats | statistics | overview | summary | totals | brief summary | a brief look"
    " | a brief summary",
    hint="overview",
)

# "best month ever", "busiest week", "which year": an aggregate ranked by a calendar unit.
for _unit in ("week", "month", "year", "weekday"):
    _add(
        f"best {_unit} | biggest {_unit} | busiest {_unit} | top {_unit} | most active {_unit}"
        f" | strongest {_unit} | record {_unit}",
        aggregate="best",
        by=_unit,
    )
    _add(
        f"worst {_unit} | quietest {_unit} | least active {_unit} | laziest {_unit}",
        aggregate="worst",
        by=_unit,
    )
    _add(f"which {_unit} | what {_unit}", by=_unit)

# --- Breakdowns --------------------------------------------------------------------------------
_add(
    "by week | each week | every week | week by week | weekly breakdown | breakdown by week",
    by="week",
)
_add(
    "by month | each month | every month | month by month | monthly breakdown | breakdown by month",
    by="month",
)
_add(
    "by year | each year | every year | year by year | per year | yearly | annually"
    " | yearly breakdown | breakdown by year",
    by="year",
)
_add(
    "by weekday | by day of week | day of the week | which day | which days | per weekday"
    " | what day of the week | which day of the week",
    by="weekday",
)
_add(
    "by hour | time of day | what time | which hour | per hour | what hour | what time of day"
    " | which time",
    by="hour",
)
_add(
    "by class | by type | by kind | per class | per type | each kind | each type | every kind"
    " | every type | of each kind | per kind | by activity",
    by="class",
)

# --- Units and outputs -------------------------------------------------------------------------
_add(
    "km | kms | kilometres | kilometers | kilometre | kilometer | metric | per km | a km",
    unit="km",
)
_add("mi | miles | mile | imperial | per mile", unit="mi")
_add(
    "chart | graph | plot | visual | visualise | visualize | picture | as a chart | graph it"
    " | chart it | plot it | on a graph",
    output="chart",
)
_add("csv | spreadsheet | excel | in a spreadsheet", output="csv")
_add("json", output="json")

# --- Kinds of answer ---------------------------------------------------------------------------
_add(
    "trend | trends | trending | improving | improvement | progress | progressing | over time"
    " | getting faster | getting slower | slowing down | speeding up | getting better"
    " | getting worse | slower | faster | improve | improved | declining | decline | forecast"
    " | slowed down | sped up | getting quicker | getting longer | getting shorter | going up"
    " | going down | heading | trending up | trending down | changed | change over time"
    " | dropping | rising | increasing | decreasing | more often | less often | taking longer"
    " | more time | less time | burning more | further | farther | fewer | more and more"
    " | longer | shorter",
    kind="trend",
    strength=2,
)
_add("slowing | quicker", kind="trend", strength=1, measure="pace")
_add("more slowly | more quickly | slowly", kind="trend", measure="pace")
_add(
    "minutes per mile | min per mile | mins per mile | minutes a mile | min/mile"
    " | in minutes per mile | in min per mile",
    measure="pace",
    unit="mi",
)
_add(
    "minutes per km | min per km | mins per km | minutes a km | minutes per kilometre"
    " | minutes per kilometer | in minutes per km | in min per km",
    measure="pace",
    unit="km",
)
_add("than i used to | than i did | compared to before", kind="trend", strength=1)
_add(
    "anomaly | anomalies | anomalous | unusual | unusually | weird | odd | strange | abnormal"
    " | abnormally | oddities | out of the ordinary | stand out | stood out | suspicious"
    " | anything off | any outliers | find outliers | detect outliers | spot outliers",
    kind="anomalies",
)
_add(
    "consistent | consistency | regular | regularly | routine | habit | habits | steady"
    " | sticking to it | disciplined | discipline | committed | on and off",
    kind="consistency",
)
_add("streak | streaks | in a row | consecutive", kind="streak")
_add(
    "records | record | pr | prs | personal best | personal bests | pb | pbs | personal records"
    " | break any records",
    kind="records",
)
_add("calendar | calender | heatmap | heat map | year at a glance", kind="calendar")
_add("compare | comparison | compared | versus | vs | vs. | against", kind="compare")
_add(
    "choco-effect | choco effect | before and after | the effect | turning points"
    " | big changes | things change | before/after | fall apart | fell apart | turn into"
    " | turned into | at what point",
    kind="story",
)
# The demo dog's name alone is its story; in a sentence ("how far have Choco and I walked")
# it is a companion, and the question's other words decide.
_add("choco", kind="story", strength=1)
# The ways on from a story told at a detected change (its buttons, or typed).
_add(
    "other changes | show other changes | show changes | all changes | pick another date"
    " | another date | other date | different date | name the change | name this change",
    kind="story",
)
_add("stop running | stopped running | quit running", kind="story", label="run")
_add("stop walking | stopped walking | quit walking", kind="story", label="walk")
_add(
    "getting the dog | got the dog | getting a dog | dog change | dog effect | getting the pup"
    " | getting the puppy | we got the dog",
    kind="story",
    event_kind="dog",
)
# Said of a life event ("how did the puppy affect my runs"): a story only with an event's words.
_add(
    "affect | affected | impact | make me | do to | slow me down | change my | changed my"
    " | effect | effects"
    " | change things | changed things | change",
    kind="story",
    strength=1,
)
_add(
    "briefing | brief me | morning report | recap | daily briefing | morning briefing"
    " | catch me up | rundown | morning rundown | briefing now",
    kind="briefing",
)
_add(
    "why | explain | how come | reason | how did you decide | why did you | what made you",
    kind="why",
)
_add(
    "map | route of | where did i go | show the route | route map",
    kind="map",
)
_add("where did i run | where do i run | where i ran", kind="map", label="run")
_add("where did i walk | where do i walk | where i walked", kind="map", label="walk")
_add("route | draw | track | gps", kind="map", strength=1)
_add(
    "routes | usual routes | my routes | route heatmap | which streets | tracks | all my tracks",
    kind="routes",
)
_add("snooze | snooze today | snooze briefings | snooze the briefing", kind="schedule")
# Training intelligence: one kind, the question's action says which.
_add(
    "fitness | fatigue | my form | how's my form | hows my form | how is my form | training load"
    " | ctl | atl | tsb | fitter | freshness"
    " | how fresh | fitness and fatigue | overtrained | overtraining | form curve"
    " | getting fitter | fitness level",
    kind="training",
    action="form",
)
_add(
    "best efforts | best effort | fastest km | fastest kilometre | fastest kilometer | best km"
    " | best 1k | best 1 km | fastest 1k | fastest 1 km | inside a run | within a run | inside",
    kind="training",
    action="efforts",
)
_add(
    "predict | prediction | predictions | race time | race times | race predictor | vdot"
    " | vo2max | vo2 max | could i run | what could i run | marathon time | predicted",
    kind="training",
    action="predict",
)
_add("eddington | eddington number", kind="training", action="eddington")
_add(
    "year in review | year review | wrapped | review of my year | review my year",
    kind="training",
    action="year",
)
_add("goal | goals | my goals | target | targets", kind="goal")
_add(
    "stop my briefings | stop the briefings | stop briefings | stop my briefing"
    " | stop the briefing",
    kind="schedule",
)
_add(
    "review labels | review uncertain | uncertain labels | uncertain ones | least sure"
    " | least confident | unsure labels | check my labels | review my labels"
    " | review uncertain labels | label review | labels review | review the labels"
    " | review uncertain ones | labels are you least sure",
    kind="label",
)
_add(
    "label | relabel | reclassify | mark | was actually | is actually | should be | wrongly"
    " | misclassified | mislabelled | mislabeled | fix | was really | corrections | correction"
    " | relabelled | relabeled",
    kind="label",
    action="set",
)
_add("event | events | life event | life events | milestone", kind="events")
_add("units | unit | switch to | use", kind="units", strength=1)
_add(
    "prefer | from now on | units to | am i on miles | am i on km | am i using | my units"
    " | use metric | use imperial"
    " | switch units | change units",
    kind="units",
)
_add(
    "model | classifier | retrain | clusters | how do you tell | how does the classifier"
    " | how do you classify | how do you know | how do you decide | what counts as"
    " | how do you work out",
    kind="model",
)
_add(
    "schedule | every morning | every day at | unschedule | briefings | every weekday"
    " | schedules | schedule the briefing",
    kind="schedule",
)
_add("export | download | dump", kind="export")
_add("undo | undo that | revert | take that back", kind="undo")
_add(
    "help | what can you do | commands | how do i use you | usage | how does this work"
    " | what can i ask | examples | how do i use | i'm lost | im lost | what questions"
    " | what can you answer | what do you do",
    kind="help",
)

# Event kinds, said in an event's own words.
_add("dog | puppy | pup | dog arrived | adopted | the dog | the puppy | the pup", event_kind="dog")
_add("injury | injured | hurt | sprained | broke | knee | surgery", event_kind="injury")
_add("new job | job | started work", event_kind="new_job")
_add("moved | move | moving | relocated | moving house | moved house", event_kind="move")
_add(
    "training plan | plan | marathon training | marathon plan | couch to | began training"
    " | started training | start training | training for | training block",
    event_kind="training_plan",
)

# Words that carry no slot: used by every question, never reported as ignored.
FILLERS = frozenset(
    _words(
        """a an the my me i i'm im i've ive was is were be been being are am please show give
        tell list get see what what's whats which for of on in at to by and with all any did
        do does done it its it's this that these those about as so much many there have has
        had some each just now ok okay you your can could would will how per like workouts
        workout activities activity everything sessions session stuff things thing one ones
        let's lets want wanna know let got more than or too also really very pretty quite
        there's when where who whom whose our we us they them their he she his her far over
        into from since until till between during same maybe actually sort exercise
        exercises training data numbers info details amount look
        looking go went going up out been doing"""
    )
)
# A whole message that is only one of these is a reply, not a question.
GREETINGS = frozenset(
    {
        "hi",
        "hello",
        "hey",
        "hiya",
        "yo",
        "thanks",
        "thank you",
        "thx",
        "cheers",
        "good morning",
        "good evening",
        "hey there",
        "hi there",
        "hello there",
        "ty",
        "howdy",
        "thank u",
        "great thanks",
    }
)
CONFIRMS = frozenset(
    {
        "yes",
        "y",
        "yep",
        "yeah",
        "yup",
        "sure",
        "ok",
        "okay",
        "do it",
        "confirm",
        "go ahead",
        "yes please",
        "please do",
        "correct",
        "right",
        "affirmative",
        "sounds good",
        "yes do it",
    }
)
CANCELS = frozenset(
    {
        "changed my mind",
        "no",
        "n",
        "nope",
        "nah",
        "cancel",
        "never mind",
        "nevermind",
        "don't",
        "dont",
        "abort",
        "no thanks",
        "forget it",
        "no don't",
    }
)


# Words a reply may be made of ("yep, do it", "sounds good, go ahead", "cancel that").
CONFIRM_WORDS = frozenset(
    _words(
        "yes yep yeah yup sure ok okay do it go ahead please sounds good that's right correct"
        " confirm fine great perfect thanks absolutely definitely add save that change set"
        " apply and on for"
    )
)
CANCEL_WORDS = frozenset(
    _words(
        "no nope nah cancel that never mind nevermind forget it don't dont stop abort thanks"
        " please not now oh dear sorry wait hmm actually changed my mind leave i"
    )
)
GREETING_WORDS = frozenset(
    _words(
        "hi hello hey howdy hiya yo bot there thanks thank you u a lot so much cheers good"
        " morning evening afternoon ty thx great"
    )
)


def vocabulary() -> tuple[str, ...]:
    """Every single word the lexicon knows: what a typo may be corrected toward."""
    words = {w for phrase in LEXICON for w in phrase if w.isalpha() and len(w) >= 3}
    return tuple(sorted(words))
