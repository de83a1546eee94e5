"""Stories (the Choco effect: before and after a life event; regime changes) and the morning
briefing."""

from tests.bot.language.corpus.periods import MAY_3, TODAY_R, YESTERDAY, day


def story(**slots) -> dict:
    return {"kind": "story", **slots}


def briefing(**slots) -> dict:
    return {"kind": "briefing", **slots}


RUN, WALK = ["run"], ["walk"]

STORY = [
    ("choco-effect", story()),
    ("choco effect", story()),
    ("choco", story()),
    ("the choco effect", story()),
    ("what's the choco effect?", story()),
    ("choco effect for runs", story(classes=RUN)),
    ("choco effect on my walks", story(classes=WALK)),
    ("how did getting the dog change my running?", story(event_kind="dog", classes=RUN)),
    ("how did getting a dog change my running", story(event_kind="dog", classes=RUN)),
    ("before and after the puppy", story(event_kind="dog")),
    ("what changed when we got the dog", story(event_kind="dog")),
    ("how did the puppy affect my workouts", story(event_kind="dog")),
    ("did the dog slow me down?", story(event_kind="dog", measure="pace")),
    (
        "did getting the pup make me run less often",
        story(event_kind="dog", classes=RUN, measure="frequency"),
    ),
    ("running before vs after the dog", story(event_kind="dog", classes=RUN)),
    ("my walks before and after the puppy arrived", story(event_kind="dog", classes=WALK)),
    ("how did my knee injury affect my running", story(event_kind="injury", classes=RUN)),
    ("before and after my injury", story(event_kind="injury")),
    ("what did the injury do to my pace", story(event_kind="injury", measure="pace")),
    ("effect of the move on my walks", story(event_kind="move", classes=WALK)),
    ("how did moving house change my routine", story(event_kind="move")),
    ("how did my new job change things", story(event_kind="new_job")),
    ("before and after I started the new job", story(event_kind="new_job")),
    (
        "did marathon training change my mileage",
        story(event_kind="training_plan", measure="distance"),
    ),
    ("effect of my training plan on pace", story(event_kind="training_plan", measure="pace")),
    ("choco-effect Moving house", story(event_name="Moving house")),
    ("Choco Effect Moving house", story(event_name="Moving house")),
    ("choco-effect new job", story(event_name="new job")),
    ("choco effect Marathon plan", story(event_name="Marathon plan")),
    ("when did I stop running regularly?", story(classes=RUN, measure="frequency")),
    ("when did I stop running regularly", story(classes=RUN, measure="frequency")),
    ("when did I start walking every day", story(classes=WALK, measure="frequency")),
    ("when did my running routine fall apart", story(classes=RUN, measure="frequency")),
    (
        "when did I start going to the gym regularly",
        story(classes=["workout"], measure="frequency"),
    ),
    ("when did things change?", story()),
    ("any big changes in my habits?", story()),
    ("what were the turning points in my training", story()),
    ("when did my runs turn into dog walks", story(classes=["run", "walk"])),
    ("life events and my running", story(classes=RUN)),
    ("how did my life events change my workouts", story()),
    ("before/after the dog as a chart", story(event_kind="dog", output="chart")),
    ("choco effect public", story(visibility="public")),
]

BRIEFING = [
    ("morning briefing", briefing()),
    ("brief me", briefing()),
    ("briefing", briefing()),
    ("briefing now", briefing()),
    ("give me my briefing", briefing()),
    ("daily briefing", briefing()),
    ("my morning briefing please", briefing()),
    ("brief", briefing()),
    ("briefing yesterday", briefing(periods=[YESTERDAY])),
    ("briefing for today", briefing(periods=[TODAY_R])),
    ("briefing May 3rd", briefing(periods=[MAY_3])),
    ("briefing 2025-06-01", briefing(periods=[day("2025-06-01")])),
    ("what would my briefing have said on 2024-03-15", briefing(periods=[day("2024-03-15")])),
    ("brief me on yesterday", briefing(periods=[YESTERDAY])),
    ("catch me up", briefing()),
    ("give me the morning rundown", briefing()),
    ("briefing in km", briefing(unit="km")),
    ("briefing public", briefing(visibility="public")),
    ("send me the briefing privately", briefing(visibility="private")),
    ("what's my daily briefing today?", briefing(periods=[TODAY_R])),
]

CASES = STORY + BRIEFING
