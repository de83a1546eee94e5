"""The command language, phrasing by phrasing: commands with their aliases and typos, plain
questions, arguments, visibility, odd input. Today is fixed to Wednesday 2025-06-18."""

import time
from datetime import date

import pytest

from bot.language import parser
from bot.language import words as parser_words
from bot.language.intent import INTENTS, LABELS, METRICS, WorkoutRef
from bot.language.parser import parse

TODAY = date(2025, 6, 18)
D = date
YESTERDAY = (D(2025, 6, 17), D(2025, 6, 17))
THIS_MONTH = (D(2025, 6, 1), TODAY)
LAST_WEEK = (D(2025, 6, 9), D(2025, 6, 15))
SINCE_MARCH = (D(2025, 3, 1), TODAY)
THIS_YEAR = (D(2025, 1, 1), TODAY)
Y2019 = (D(2019, 1, 1), D(2019, 12, 31))
Y2024 = (D(2024, 1, 1), D(2024, 12, 31))
Y17_Y23 = [(D(2017, 1, 1), D(2017, 12, 31)), (D(2023, 1, 1), D(2023, 12, 31))]
MAY_3 = D(2025, 5, 3)

# (text, intent name, expected fields); "range" is (start, end), "ranges" a list of them.
PHRASINGS = [
    # Commands in their canonical and alternative spellings.
    ("help", "help", {}),
    ("commands", "help", {}),
    ("choco-effect", "choco_effect", {"event_name": None}),
    ("choco effect", "choco_effect", {"event_name": None}),
    ("chocoeffect", "choco_effect", {"event_name": None}),
    ("choco", "choco_effect", {"event_name": None}),
    ("choco-effect Choco arrives", "choco_effect", {"event_name": "Choco arrives"}),
    ("Choco Effect Moving house", "choco_effect", {"event_name": "Moving house"}),
    ("briefing", "briefing", {"range": None}),
    ("briefing yesterday", "briefing", {"range": YESTERDAY}),
    ("briefing 2025-06-01", "briefing", {"range": (D(2025, 6, 1), D(2025, 6, 1))}),
    ("briefing May 3rd", "briefing", {"range": (MAY_3, MAY_3)}),
    ("briefing last week", "stats", {"range": LAST_WEEK, "note": "briefing covers one day"}),
    ("anomalies", "anomalies", {"range": None, "label": None}),
    ("anomalies this month", "anomalies", {"range": THIS_MONTH}),
    ("anomalies last 30 days", "anomalies", {"range": (D(2025, 5, 20), TODAY)}),
    ("anomaly walks in 2024", "anomalies", {"range": Y2024, "label": "walk"}),
    ("trends", "trends", {"metric": None, "label": None, "range": None}),
    ("trends pace", "trends", {"metric": "pace"}),
    (
        "trends pace runs since March",
        "trends",
        {"metric": "pace", "label": "run", "range": SINCE_MARCH},
    ),
    (
        "trend distance walks last 3 months",
        "trends",
        {"metric": "distance", "label": "walk", "range": (D(2025, 3, 19), TODAY)},
    ),
    ("trends duration", "trends", {"metric": "duration"}),
    ("trends speed", "trends", {"metric": "pace"}),
    ("trends workouts per week", "trends", {"metric": "workouts_per_week", "label": None}),
    ("trends frequency 2019", "trends", {"metric": "workouts_per_week", "range": Y2019}),
    ("trends km mixed", "trends", {"metric": "distance", "label": "run_walk"}),
    ("trends how long outliers", "trends", {"metric": "duration", "label": "outlier"}),
    ("calendar", "calendar", {"year": None}),
    ("calendar 2020", "calendar", {"year": 2020}),
    ("calendar last year", "calendar", {"year": 2024}),
    ("heatmap 2019", "calendar", {"year": 2019}),
    ("consistency", "consistency", {"range": None}),
    ("consistency this year", "consistency", {"range": THIS_YEAR}),
    ("stats", "stats", {"action": None, "range": None}),
    ("stats 2019", "stats", {"range": Y2019}),
    ("stats last week runs", "stats", {"range": LAST_WEEK, "label": "run"}),
    ("records", "records", {"range": None}),
    ("records this year", "records", {"range": THIS_YEAR}),
    ("why 1234", "why", {"workout": WorkoutRef(id=1234), "label": None}),
    ("why 2024-05-03", "why", {"workout": WorkoutRef(day=D(2024, 5, 3))}),
    (
        "why yesterday's run",
        "why",
        {"workout": WorkoutRef(day=D(2025, 6, 17), label="run"), "label": "run"},
    ),
    (
        "why was May 3rd a walk?",
        "why",
        {"workout": WorkoutRef(day=MAY_3, label="walk"), "label": "walk"},
    ),
    ("explain 1234", "why", {"workout": WorkoutRef(id=1234)}),
    ("why was 1234 a walk", "why", {"workout": WorkoutRef(id=1234), "label": "walk"}),
    ("label 1234 walk", "label", {"workout": WorkoutRef(id=1234), "new_label": "walk"}),
    ("label 1234 run", "label", {"workout": WorkoutRef(id=1234), "new_label": "run"}),
    ("label #1234 mixed", "label", {"workout": WorkoutRef(id=1234), "new_label": "run_walk"}),
    ("label 1234 run-walk", "label", {"new_label": "run_walk"}),
    (
        "label 2024-05-03 outlier",
        "label",
        {"workout": WorkoutRef(day=D(2024, 5, 3)), "new_label": "outlier"},
    ),
    (
        "label yesterday's run as a walk",
        "label",
        {"workout": WorkoutRef(day=D(2025, 6, 17), label="run"), "new_label": "walk"},
    ),
    ("model", "model", {"action": "show"}),
    ("model show", "model", {"action": "show"}),
    ("model retrain", "model", {"action": "retrain"}),
    ("events", "events", {"action": "list"}),
    ("events list", "events", {"action": "list"}),
    (
        "events add 2018-06-01 Choco arrives",
        "events",
        {"action": "add", "event_date": D(2018, 6, 1), "event_name": "Choco arrives"},
    ),
    (
        "events add June 1 2018 Choco arrives",
        "events",
        {"action": "add", "event_date": D(2018, 6, 1), "event_name": "Choco arrives"},
    ),
    ("events remove Choco arrives", "events", {"action": "remove", "event_name": "Choco arrives"}),
    ("events delete Choco arrives", "events", {"action": "remove", "event_name": "Choco arrives"}),
    ("sql SELECT count(*) FROM workouts", "sql", {"sql": "SELECT count(*) FROM workouts"}),
    (
        "SQL   select  Label,  count(*) from workouts  ",
        "sql",
        {"sql": "select  Label,  count(*) from workouts"},
    ),
    ("sql select 1 public", "sql", {"sql": "select 1", "visibility": "public"}),
    (
        "sql select * from workouts where note = 'public'",
        "sql",
        {"sql": "select * from workouts where note = 'public'", "visibility": None},
    ),
    ("export", "export", {"format": "csv", "range": None}),
    ("export json 2024", "export", {"format": "json", "range": Y2024}),
    ("export csv last year", "export", {"format": "csv", "range": Y2024}),
    ("download last year", "export", {"format": "csv", "range": Y2024}),
    ("export my runs as JSON", "export", {"format": "json", "label": "run"}),
    ("units", "units", {"unit": None}),
    ("units km", "units", {"unit": "km"}),
    ("units mi", "units", {"unit": "mi"}),
    ("units miles", "units", {"unit": "mi"}),
    ("units kilometres", "units", {"unit": "km"}),
    ("units kilometers", "units", {"unit": "km"}),
    ("compare 2017 and 2023", "compare", {"ranges": Y17_Y23}),
    (
        "compare last month with this month",
        "compare",
        {"ranges": [(D(2025, 5, 1), D(2025, 5, 31)), THIS_MONTH]},
    ),
    (
        "compare Q1 2024 vs Q1 2025",
        "compare",
        {"ranges": [(D(2024, 1, 1), D(2024, 3, 31)), (D(2025, 1, 1), D(2025, 3, 31))]},
    ),
    ("compare pace in 2017 and 2023", "compare", {"ranges": Y17_Y23, "metric": "pace"}),
    ("map 1234", "map", {"workout": WorkoutRef(id=1234)}),
    ("map yesterday's run", "map", {"workout": WorkoutRef(day=D(2025, 6, 17), label="run")}),
    ("route 2024-05-03", "map", {"workout": WorkoutRef(day=D(2024, 5, 3))}),
    ("routes", "routes", {"range": None, "label": None}),
    ("routes runs this year", "routes", {"range": THIS_YEAR, "label": "run"}),
    ("tracks 2024", "routes", {"range": Y2024}),
    # Plain language.
    (
        "show me the map of yesterday's walk",
        "map",
        {"workout": WorkoutRef(day=D(2025, 6, 17), label="walk")},
    ),
    ("a heatmap of my routes in 2024", "routes", {"range": Y2024}),
    ("where do i usually run?", "routes", {"label": "run"}),
    ("any anomalies last week?", "anomalies", {"range": LAST_WEEK}),
    ("how many runs in 2019", "stats", {"action": "count", "label": "run", "range": Y2019}),
    ("pace trend since March", "trends", {"metric": "pace", "range": SINCE_MARCH}),
    ("show my calendar for 2020", "calendar", {"year": 2020}),
    ("2017 vs 2023", "compare", {"ranges": Y17_Y23}),
    ("anything unusual since 2024-05-03?", "anomalies", {"range": (D(2024, 5, 3), TODAY)}),
    (
        "weird runs in March",
        "anomalies",
        {"label": "run", "range": (D(2025, 3, 1), D(2025, 3, 31))},
    ),
    ("am I getting faster?", "trends", {"metric": "pace"}),
    ("is my pace improving this year", "trends", {"metric": "pace", "range": THIS_YEAR}),
    ("runs per week this year", "trends", {"metric": "workouts_per_week", "range": THIS_YEAR}),
    ("what did I do yesterday", "briefing", {"range": YESTERDAY}),
    ("how often do I run", "trends", {"metric": "workouts_per_week", "label": "run"}),
    ("am I consistent?", "consistency", {}),
    ("what's my current streak", "consistency", {}),
    (
        "how many dog walks last year",
        "stats",
        {"action": "count", "label": "walk", "range": Y2024},
    ),
    ("count my walks this month", "stats", {"action": "count", "label": "walk"}),
    (
        "total distance this year",
        "stats",
        {"action": "count", "metric": "distance", "range": THIS_YEAR},
    ),
    ("how many workouts in 2025", "stats", {"action": "count", "label": None}),
    ("what are my records?", "records", {}),
    ("fastest run ever", "records", {"metric": "pace", "label": "run"}),
    ("my PRs", "records", {}),
    ("what's the choco effect?", "choco_effect", {"event_name": None}),
    ("before and after the puppy", "choco_effect", {"event_name": None}),
    ("show me the dog effect", "choco_effect", {}),
    ("good morning", "briefing", {"range": None}),
    ("how did I do yesterday?", "briefing", {"range": YESTERDAY}),
    ("summary of yesterday", "briefing", {"range": YESTERDAY}),
    ("how did I do last week", "stats", {"range": LAST_WEEK}),
    ("can I export my runs", "export", {"format": "csv", "label": "run"}),
    ("what can you do?", "help", {}),
    ("?", "help", {}),
    ("help me", "help", {}),
    ("switch to km", "units", {"unit": "km"}),
    ("retrain the model", "model", {"action": "retrain"}),
    ("show my life events", "events", {"action": "list"}),
    ("mark 1234 as a walk", "label", {"workout": WorkoutRef(id=1234), "new_label": "walk"}),
    ("why was yesterday unusual", "why", {"workout": WorkoutRef(day=D(2025, 6, 17))}),
    ("can you explain why May 3rd was unusual?", "why", {"workout": WorkoutRef(day=MAY_3)}),
    ("my pace trend: 2017 versus 2023", "compare", {"ranges": Y17_Y23, "metric": "pace"}),
    ("how many anomalies last month", "anomalies", {"range": (D(2025, 5, 1), D(2025, 5, 31))}),
    # Typos: the command is assumed, and the note says so.
    ("anomolies last week", "anomalies", {"range": LAST_WEEK, "note": "'anomalies' for"}),
    ("calender 2019", "calendar", {"year": 2019, "note": "'calendar' for 'calender'"}),
    ("breifing", "briefing", {"note": "'briefing' for 'breifing'"}),
    ("recrods", "records", {"note": "'records' for 'recrods'"}),
    ("consistancy this year", "consistency", {"range": THIS_YEAR, "note": "'consistency'"}),
    ("any anomolies this month?", "anomalies", {"range": THIS_MONTH, "note": "'anomalies'"}),
    ("modle retrain", "model", {"action": "retrain", "note": "'model' for 'modle'"}),
    # Visibility, anywhere.
    ("anomalies this month public", "anomalies", {"range": THIS_MONTH, "visibility": "public"}),
    ("records private", "records", {"visibility": "private"}),
    ("public stats 2019", "stats", {"range": Y2019, "visibility": "public"}),
    ("how many runs in 2019, publicly", "stats", {"range": Y2019, "visibility": "public"}),
    ("anomalies this month", "anomalies", {"visibility": None}),
    # Case, punctuation, the /workouts prefix, emoji.
    ("ANOMALIES THIS MONTH", "anomalies", {"range": THIS_MONTH}),
    ("Anomalies, this month!", "anomalies", {"range": THIS_MONTH}),
    ("/workouts anomalies this month", "anomalies", {"range": THIS_MONTH}),
    ("/WORKOUTS   stats   last   week  ", "stats", {"range": LAST_WEEK}),
    ("  /workouts help  ", "help", {}),
    ("/workouts", "help", {}),
    ("", "help", {"note": "Nothing was asked"}),
    ("   \n\t ", "help", {}),
    ("🏃‍♂️ anomalies this month", "anomalies", {"range": THIS_MONTH}),
    ("records 🏆", "records", {"note": ""}),
    ("anomalies,this month", "anomalies", {"range": THIS_MONTH}),
    ("choco_effect", "choco_effect", {}),
    ("sql: SELECT 1", "sql", {"sql": "SELECT 1"}),
    ("briefing tomorow", "briefing", {"range": None, "note": "Ignored: tomorow."}),
    ("anomalies this month " + "and so on " * 990, "anomalies", {"range": THIS_MONTH}),
]


def _value(intent, key):
    got = getattr(intent, key)
    if key == "range" and got is not None:
        return got.start, got.end
    if key == "ranges":
        return [(r.start, r.end) for r in got]
    return got


@pytest.mark.parametrize(("text", "name", "fields"), PHRASINGS, ids=[p[0][:40] for p in PHRASINGS])
def test_phrasing(text, name, fields):
    intent = parse(text, today=TODAY)
    assert intent.name == name, intent
    for key, want in fields.items():
        if key == "note" and want:
            assert want in intent.note
        else:
            assert _value(intent, key) == want, key
    assert intent.text == text
    assert intent.metric in (None, *METRICS)
    assert {intent.label, intent.new_label} <= {None, *LABELS}


def test_the_table_is_wide_enough():
    assert len(PHRASINGS) >= 80
    assert {name for _, name, _ in PHRASINGS} == set(INTENTS) - {"unknown"}


UNCLEAR = [
    # (text, in the note, in a suggestion)
    ("label 12", "needs a class", "label 1234 walk"),
    ("label walk", "needs a workout", "label 1234 walk"),
    ("label", "needs a workout", "why yesterday's run"),
    ("why", "needs a workout", "why yesterday's run"),
    ("why was last week so slow", "needs a workout", "why yesterday's run"),
    ("sql", "needs a statement", "sql SELECT"),
    ("sql    ", "needs a statement", "sql SELECT"),
    ("compare 2019", "two periods", "compare 2017 and 2023"),
    ("compare", "two periods", "compare 2017 and 2023"),
    ("events add Choco", "a date and a name", "events add 2018-06-01 Choco arrives"),
    ("events add 2018-06-01", "a date and a name", "events add 2018-06-01 Choco arrives"),
    ("events remove", "event's name", "events add"),
    ("model foo", "show or retrain", "model retrain"),
    ("units furlongs", "mi or km", "units km"),
    ("best streak", "consistency or records", "consistency this year"),
    ("what's my longest streak", "consistency or records", "records"),
    ("any unusual trends?", "anomalies or trends", "trends pace runs since March"),
    ("flibbertigibbet wobble", "did not understand", "what can you do?"),
    ("🏃", "did not understand", "anomalies this month"),
    ("hello", "did not understand", "help"),
    ("sqll select 1", "did not understand", "sql SELECT"),
    ("public", "did not understand", "help"),
]


@pytest.mark.parametrize(("text", "note", "suggestion"), UNCLEAR, ids=[u[0] for u in UNCLEAR])
def test_unclear_input_is_unknown_with_a_note_and_examples(text, note, suggestion):
    intent = parse(text, today=TODAY)
    assert intent.name == "unknown", intent
    assert intent.note and note in intent.note
    assert 2 <= len(intent.suggestions) <= 4
    assert any(suggestion in s for s in intent.suggestions), intent.suggestions
    assert all(" e.g. " in s for s in intent.suggestions)


ODD = [
    "x" * 10_000,
    "anomalies " + "x" * 10_000,
    "a " * 5_000,
    "may " * 2_500,
    "2019 " * 2_000,
    "why " + "1" * 10_000,
    "compare " + "2019 and " * 1_000,
    "🏃" * 1_000,
    "\x00\x01\x02",
    "'; DROP TABLE workouts; --",
    "last 99999999 days",
    "anomalies 2024-02-30",
    "since 0000-00-00",
    "between and",
    "from to",
    "q5 2024",
    "label 99999999999999999999 walk",
    "events add 9999-12-31 end of time",
    "((((((((((",
    "\\d+.*[",
]


@pytest.mark.parametrize("text", ODD, ids=[repr(t[:20]) for t in ODD])
def test_odd_input_never_raises(text):
    intent = parse(text, today=TODAY)
    assert intent.name in INTENTS
    assert "could not read" not in intent.note, intent.note  # the safety net was not needed
    assert intent.name != "unknown" or intent.suggestions


def test_an_unexpected_error_becomes_unknown_with_help(monkeypatch):
    def broken(text, today):
        raise RuntimeError("boom")

    monkeypatch.setattr(parser, "_parse", broken)
    intent = parse("anomalies", today=TODAY)
    assert intent.name == "unknown"
    assert "could not read" in intent.note
    assert len(intent.suggestions) >= 2


def test_not_a_string_is_help_not_a_crash():
    assert parse(None, today=TODAY).name == "help"  # type: ignore[arg-type]


@pytest.mark.parametrize("intent", sorted(parser_words.USAGE))
def test_every_suggested_example_parses_to_its_command(intent):
    example = parser_words.USAGE[intent][1]
    assert parse(example, today=TODAY).name == intent


def test_every_intent_has_a_canonical_command_word():
    assert set(parser_words.CANONICAL) == set(INTENTS) - {"unknown"}
    assert parser_words.CANONICAL["choco_effect"] == "choco-effect"


def test_text_longer_than_the_limit_is_refused_before_any_parsing(monkeypatch):
    def must_not_run(text, today):
        raise AssertionError("the parser ran")

    monkeypatch.setattr(parser, "_parse", must_not_run)
    text = "sql SELECT 1" + " " * 120_000 + "x"
    intent = parse(text, today=TODAY)
    assert (intent.name, intent.text) == ("unknown", text)
    assert intent.note == (
        "That message is 120,013 characters long; I read at most 10,000. Send a shorter one."
    )
    assert len(intent.suggestions) >= 2
    monkeypatch.undo()
    # The longest message read: a statement with its words, 10,000 characters in all.
    statement = "SELECT 1 /*" + "x" * (10_000 - 22 - 13) + "*/"
    longest = f"/workouts sql {statement} private"
    assert len(longest) == parser.MAX_TEXT_CHARS
    intent = parse(longest, today=TODAY)
    assert (intent.name, intent.sql, intent.visibility) == ("sql", statement, "private")


# Text an attacker would send: long runs of blanks where a pattern looks for words, and words
# that start a match over and over. Each is (builder of about n characters, intent expected).
HOSTILE = [
    (lambda n: "sql SELECT 1" + " " * n + "x", "sql"),
    (lambda n: "sql SELECT 1" + " \t\n" * (n // 3) + "public", "sql"),
    (lambda n: "anomalies" + " " * n + "x", "anomalies"),
    (lambda n: "sql SELECT " + "public " * (n // 7), "sql"),
    (lambda n: "private " * (n // 8) + "stats", "stats"),
    (lambda n: "compare " + "2019 and " * (n // 9), "compare"),
    (lambda n: "why was " + "may " * (n // 4), "unknown"),
    (lambda n: "anomalies " + "'" * n, "anomalies"),
    (lambda n: "label " + "mark it as " * (n // 11) + "walk", "unknown"),
    (lambda n: "trends " + "between 2019 " * (n // 13), "trends"),
]


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(2):  # the faster of two runs: less noise from a busy machine
        started = time.perf_counter()
        parse(text, today=TODAY)
        best = min(best, time.perf_counter() - started)
    return best


def test_hostile_text_parses_in_linear_time(monkeypatch):
    # The length check would refuse these unread; lifted, the parser itself must stay linear.
    # A quadratic pattern took 0.5 s on 8,000 blanks, and over a minute on 120 KB.
    monkeypatch.setattr(parser, "MAX_TEXT_CHARS", 10**6)
    for build, name in HOSTILE:
        assert parse(build(1_000), today=TODAY).name == name, build(40)
    small = sum(_best_time(build(30_000)) for build, _ in HOSTILE)
    big = [_best_time(build(120_000)) for build, _ in HOSTILE]
    assert max(big) < 2.0, big
    assert sum(big) < 10 * small + 0.1, (small, big)  # 4x the text: about 4x the time, not 16x


@pytest.mark.parametrize(
    ("text", "statement", "visibility"),
    [
        ("sql SELECT 1 public", "SELECT 1", "public"),
        ("sql SELECT 1\t PRIVATE \n", "SELECT 1", "private"),
        ("sql SELECT 'public'", "SELECT 'public'", None),
        ("sql SELECT 1 publicly", "SELECT 1 publicly", None),
        ("private sql SELECT 'a  public'", "SELECT 'a  public'", "private"),
        ("/workouts publicly sql: SELECT  2", "SELECT  2", "public"),
        ("sql public", "public", None),
    ],
)
def test_sql_keeps_its_statement_as_typed_and_reads_visibility_at_either_end(
    text, statement, visibility
):
    intent = parse(text, today=TODAY)
    assert (intent.name, intent.sql, intent.visibility) == ("sql", statement, visibility)
