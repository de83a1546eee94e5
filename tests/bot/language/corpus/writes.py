"""Writes (confirmed before anything changes): label corrections, life events, units and
briefing schedules; with their list/show forms, and the classifier model."""


def on(iso: str, label: str | None = None) -> dict:
    return {"day": iso, "label": label} if label else {"day": iso}


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


def remove_event(name: str) -> dict:
    return {"kind": "events", "action": "remove", "event_name": name}


def units(action: str, unit: str | None = None) -> dict:
    return {"kind": "units", "action": action, **({"unit": unit} if unit else {})}


def schedule(action: str) -> dict:
    return {"kind": "schedule", "action": action}


def model(action: str) -> dict:
    return {"kind": "model", "action": action}


YESTERDAY, TODAY = "2025-12-19", "2025-12-20"
RUN, WALK = "run", "walk"

LABELS = [
    ("mark yesterday's walk as a run", label(on(YESTERDAY, WALK), RUN)),
    ("that workout on 2025-10-07 was actually a run, please fix", label(on("2025-10-07"), RUN)),
    ("label 1234 walk", label({"id": 1234}, WALK)),
    ("label 1234 run", label({"id": 1234}, RUN)),
    ("label 1234 mixed", label({"id": 1234}, "run_walk")),
    ("label 1234 outlier", label({"id": 1234}, "outlier")),
    ("relabel 5678 as outlier", label({"id": 5678}, "outlier")),
    ("workout 1234 was a run-walk", label({"id": 1234}, "run_walk")),
    ("the walk on May 3 was really a run", label(on("2025-05-03", WALK), RUN)),
    ("yesterday wasn't a walk, it was a run", label(on(YESTERDAY, WALK), RUN)),
    ("change today's run to a walk", label(on(TODAY, RUN), WALK)),
    ("mark 1234 as a glitch", label({"id": 1234}, "outlier")),
    ("that run on 3 May 2019 was a run-walk", label(on("2019-05-03", RUN), "run_walk")),
    ("2025-11-02 was a bike ride, not a run", label(on("2025-11-02", RUN), "cycle")),
    ("yesterday's run was actually a walk with the dog", label(on(YESTERDAY, RUN), WALK)),
    ("please fix 4321: it's a walk", label({"id": 4321}, WALK)),
    ("correct the label of 1234 to run", label({"id": 1234}, RUN)),
    ("set 1234 to walk", label({"id": 1234}, WALK)),
    ("1234 should be an outlier", label({"id": 1234}, "outlier")),
    ("mark last tuesday's run as an outlier", label(on("2025-12-16", RUN), "outlier")),
    ("the workout on dec 25 was a swim", label(on("2024-12-25"), "swim")),
    ("relabel yesterday as a run", label(on(YESTERDAY), RUN)),
    ("label 2024-05-03 walk", label(on("2024-05-03"), WALK)),
    ("that 2019-05-03 walk was actually a run/walk", label(on("2019-05-03", WALK), "run_walk")),
    ("mark friday's workout as gym", label(on("2025-12-19"), "workout")),
    ("this morning's walk was a run", label(on(TODAY, WALK), RUN)),
    ("no, 1234 was a jog", label({"id": 1234}, RUN)),
    ("workout 987 is a ride not a walk", label({"id": 987}, "cycle")),
    (
        "forget my correction on 1234",
        {"kind": "label", "action": "remove", "workout": {"id": 1234}},
    ),
    (
        "remove the label I set on 2025-10-07",
        {"kind": "label", "action": "remove", "workout": on("2025-10-07")},
    ),
    ("my corrections", {"kind": "label", "action": "list"}),
    ("list my label corrections", {"kind": "label", "action": "list"}),
    ("which workouts have I relabelled?", {"kind": "label", "action": "list"}),
]

EVENTS = [
    (
        "add an event: started marathon training on 2019-01-15",
        event("started marathon training", "2019-01-15", "training_plan"),
    ),
    ("we got our dog Choco in August 2018", event("we got our dog Choco", "2018-08-01", "dog")),
    ("events add 2018-06-01 Choco arrives", event("Choco arrives", "2018-06-01", "other")),
    ("add event 2021-03-10 sprained my ankle", event("sprained my ankle", "2021-03-10", "injury")),
    ("new event: moved to Berlin on 2020-09-01", event("moved to Berlin", "2020-09-01", "move")),
    (
        "remember that I started a new job on 2022-02-14",
        event("I started a new job", "2022-02-14", "new_job"),
    ),
    ("add an event: knee surgery, 2023-04-03", event("knee surgery", "2023-04-03", "injury")),
    (
        "note that we adopted a puppy on June 1 2018",
        event("we adopted a puppy", "2018-06-01", "dog"),
    ),
    (
        "log that I started couch to 5k on 2016-05-02",
        event("I started couch to 5k", "2016-05-02", "training_plan"),
    ),
    ("add event: broke my wrist in March 2021", event("broke my wrist", "2021-03-01", "injury")),
    ("add an event for 2019-09-01: moved house", event("moved house", "2019-09-01", "move")),
    ("event: started new job 2024-01-08", event("started new job", "2024-01-08", "new_job")),
    ("add an event: wedding on 2022-07-16", event("wedding", "2022-07-16", "other")),
    ("add a life event: got a dog on 2018-06-01", event("got a dog", "2018-06-01", "dog")),
    ("we moved to the coast in 2021", event("we moved to the coast", "2021-01-01", "move")),
    (
        "add event 2017-03-01 half marathon plan",
        event("half marathon plan", "2017-03-01", "training_plan"),
    ),
    ("add event yesterday: new running shoes", event("new running shoes", YESTERDAY, "other")),
    ("add an event today: started a new job", event("started a new job", TODAY, "new_job")),
    (
        "events add 2019-01-15 marathon training",
        event("marathon training", "2019-01-15", "training_plan"),
    ),
    ("add event on 2020-03-15: lockdown started", event("lockdown started", "2020-03-15", "other")),
    (
        "add an event: injured my hamstring on May 3 2023",
        event("injured my hamstring", "2023-05-03", "injury"),
    ),
    (
        "new event 2015-10-01 relocated to Lisbon",
        event("relocated to Lisbon", "2015-10-01", "move"),
    ),
    (
        "add event: got Choco the puppy on 2018-06-01",
        event("got Choco the puppy", "2018-06-01", "dog"),
    ),
    ("remove the event marathon training", remove_event("marathon training")),
    ("delete the event 'moved to Berlin'", remove_event("moved to Berlin")),
    ("events remove Choco arrives", remove_event("Choco arrives")),
    ("forget the knee surgery event", remove_event("knee surgery")),
    ("remove event: wedding", remove_event("wedding")),
    ("delete my lockdown event", remove_event("lockdown")),
    ("remove the new job event", remove_event("new job")),
    ("my events", {"kind": "events", "action": "list"}),
    ("events", {"kind": "events", "action": "list"}),
    ("list events", {"kind": "events", "action": "list"}),
    ("what life events do I have", {"kind": "events", "action": "list"}),
    ("show my events", {"kind": "events", "action": "list"}),
    ("which events have I added?", {"kind": "events", "action": "list"}),
]

UNITS = [
    ("use metric", units("set", "km")),
    ("use miles", units("set", "mi")),
    ("switch to km", units("set", "km")),
    ("switch to imperial", units("set", "mi")),
    ("units km", units("set", "km")),
    ("units mi", units("set", "mi")),
    ("set units to kilometres", units("set", "km")),
    ("I prefer miles", units("set", "mi")),
    ("change my units to metric", units("set", "km")),
    ("show everything in km from now on", units("set", "km")),
    ("use kilometers please", units("set", "km")),
    ("imperial units please", units("set", "mi")),
    ("what units", units("show")),
    ("units", units("show")),
    ("which units am I using", units("show")),
    ("am I on miles or km?", units("show")),
    ("what unit system is set", units("show")),
    ("units?", units("show")),
]

SCHEDULE = [
    ("brief me every weekday at 7", schedule("set")),
    ("schedule the briefing at 07:00", schedule("set")),
    ("send me a briefing every morning at 6:30", schedule("set")),
    ("briefing schedule 07:00 dm daily", schedule("set")),
    ("briefing schedule 06:45 #running weekdays", schedule("set")),
    ("schedule my briefing for mon, wed, fri at 8", schedule("set")),
    ("move my briefing to 9am", schedule("set")),
    ("daily briefing at 7am please", schedule("set")),
    ("every day at 6 brief me", schedule("set")),
    ("stop the briefings", schedule("remove")),
    ("briefing unschedule", schedule("remove")),
    ("cancel my morning briefing", schedule("remove")),
    ("no more briefings please", schedule("remove")),
    ("unsubscribe from the daily briefing", schedule("remove")),
    ("briefing schedules", schedule("list")),
    ("my schedules", schedule("list")),
    ("when is my briefing scheduled?", schedule("list")),
    ("briefing join", schedule("join")),
    ("briefing leave", schedule("leave")),
    ("add me to this channel's briefing", schedule("join")),
    ("take me off the channel briefing", schedule("leave")),
]

MODEL = [
    ("model", model("show")),
    ("model show", model("show")),
    ("how good is the classifier", model("show")),
    ("show me the model", model("show")),
    ("how do you tell runs from walks?", {**model("show"), "classes": (RUN, WALK)}),
    ("what clusters did the model find", model("show")),
    ("model retrain", model("retrain")),
    ("retrain", model("retrain")),
    ("retrain the model", model("retrain")),
    ("retrain the classifier please", model("retrain")),
]

CASES = LABELS + EVENTS + UNITS + SCHEDULE + MODEL
