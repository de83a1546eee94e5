"""The question reader against the paraphrase corpus (tests/bot/language/corpus, conventions in
its README.md): every question must become the expected query, 97% of them at least.

The corpus is checked on its own too (size, coverage, valid slot values), so those checks pass
before the reader exists; the reading test fails with an ImportError until
``bot.language.reader`` is written."""

from collections import Counter
from datetime import date

import pytest

from bot.language.intent import DateRange, WorkoutRef
from bot.language.query import (
    AGGREGATES,
    BREAKDOWNS,
    CLASSES,
    EVENT_KINDS,
    KINDS,
    MEASURES,
    OUTPUTS,
    TRAINING,
    WRITES,
    Choice,
    Query,
)
from tests.bot.language.corpus import (
    CASES,
    COMPARABLE,
    TODAY,
    accuracy,
    actual_slots,
    default_reader,
    evaluate,
    expected_slots,
    mismatch_lines,
    report,
)

REQUIRED_ACCURACY = 0.97
ACTIONS = {
    "label": {"set", "remove", "list"},
    "events": {"add", "remove", "list"},
    "units": {"set", "show"},
    "schedule": {"set", "remove", "list", "join", "leave"},
    "model": {"show", "retrain"},
    "training": set(TRAINING),
    "goal": {"set", "remove", "list"},
}
# The examples of the issue, verbatim: each must be a question of the corpus.
VERBATIM = (
    "my weekly mileage lately",
    "map my last run",
    "when did I stop running regularly?",
    "am I slowing down?",
    "when was my last run?",
    "did I run more in 2019 or 2020",
    "any outliers in 2023?",
    "show me my week",
    "what's my average run pace",
    "use metric",
    "hi",
    "how many runz in 2018",
    "total km in 2018",
    "summer 2021 vs summer 2022",
    "how many runs this yr",
    "how many hours did I walk in summer 2022 by month",
    "per month on average",
    "best month ever",
    "fastest 5k",
    "more consistent this year than last?",
    "what did I do on May 3 2019?",
    "what did I do yesterday?",
    "is my routine consistent",
    "add an event: started marathon training on 2019-01-15",
    "that workout on 2025-10-07 was actually a run, please fix",
    "mark yesterday's walk as a run",
    "runs from last month",
    "how did getting the dog change my running?",
    "sql",
    "export my runs from 2024",
    # The README's "Talking to it".
    "choco-effect",
    "how many runs in 2019",
    "any anomalies in 2023?",
    "compare 2017 and 2023",
    "pace trend for runs since March",
    "show my calendar for 2020",
    "why was May 3rd a walk?",
    "label 1234 walk",
    "sql SELECT label, count(*) FROM workouts GROUP BY label",
    "export csv 2024",
    "map yesterday's run",
    "routes runs this year",
    "help",
)


def test_the_reader_reads_the_corpus():
    results = evaluate(default_reader())
    text = report(results)
    print(text)
    wrong = "\n".join(mismatch_lines(results))
    assert accuracy(results) >= REQUIRED_ACCURACY, f"{text}\nfirst mismatches:\n{wrong}"


# The corpus itself.


def test_the_corpus_has_at_least_1500_questions():
    assert len(CASES) >= 1500


def test_no_question_is_asked_twice():
    asked = Counter((case.question, case.previous) for case in CASES)
    assert [key for key, count in asked.items() if count > 1] == []


def test_the_examples_of_the_issue_are_there_verbatim():
    questions = {case.question for case in CASES}
    assert [text for text in VERBATIM if text not in questions] == []


def _problems(expected: dict) -> list[str]:
    """What is wrong with one expectation (empty when it is valid)."""
    problems = [
        f"unknown slot {name!r}" for name in expected if name not in (*COMPARABLE, "choices")
    ]
    if "choices" in expected:
        kinds = expected["choices"]
        if set(expected) != {"choices"}:
            problems.append("an ambiguous case names only its choices")
        if len(set(kinds)) < 2 or len(set(kinds)) != len(kinds):
            problems.append(f"choices must be two or more distinct kinds: {kinds}")
        problems += [f"choice {kind!r}" for kind in kinds if kind not in KINDS or kind == "unknown"]
        return problems
    kind = expected.get("kind")
    if kind not in KINDS or kind == "unknown":
        problems.append(f"kind {kind!r}")
    for name, allowed in (
        ("measure", MEASURES),
        ("aggregate", AGGREGATES),
        ("by", BREAKDOWNS),
        ("output", OUTPUTS),
        ("unit", ("mi", "km")),
        ("event_kind", EVENT_KINDS),
        ("new_label", CLASSES),
        ("format", ("csv", "json")),
        ("visibility", ("public", "private")),
    ):
        if name in expected and expected[name] not in allowed:
            problems.append(f"{name} {expected[name]!r}")
    classes = expected.get("classes", [])
    if len(set(classes)) != len(classes) or not set(classes) <= set(CLASSES):
        problems.append(f"classes {classes}")
    action = expected.get("action")
    if action is not None and action not in ACTIONS.get(kind, ()):
        problems.append(f"action {action!r} for {kind}")
    if kind in ACTIONS and action is None:
        problems.append(f"{kind} needs an action")
    periods = expected.get("periods", [])
    if len(periods) > 2:
        problems.append("more than two periods")
    for period in periods:
        start, end = (date.fromisoformat(d) if d else None for d in period)
        if start and end and start > end:
            problems.append(f"period {period} ends before it starts")
        if (end or start) and (end or start) > TODAY:
            problems.append(f"period {period} reaches past today")
    workout = expected.get("workout")
    if workout is not None:
        if set(workout) - {"id", "day", "label"} or ("id" in workout) == ("day" in workout):
            problems.append(f"workout {workout}")
        if workout.get("label") not in (None, *CLASSES):
            problems.append(f"workout label {workout['label']!r}")
    low, high = expected.get("min_distance_m"), expected.get("max_distance_m")
    if any(d is not None and d <= 0 for d in (low, high)) or (low and high and low > high):
        problems.append(f"distance band {low}-{high}")
    year = expected.get("year")
    if year is not None and not (isinstance(year, int) and 1900 <= year <= 2100):
        problems.append(f"year {year!r}")
    if "sql" in expected and not (isinstance(expected["sql"], str) and expected["sql"].strip()):
        problems.append("sql must be a statement")
    return problems


def _query(expected: dict) -> Query:
    """The expectation as a Query, so query.py's own checks judge its values."""
    if "choices" in expected:
        return Query("unknown", choices=tuple(Choice(k, Query(k)) for k in expected["choices"]))
    values = dict(expected)
    values["classes"] = tuple(values.get("classes", ()))
    values["periods"] = tuple(
        DateRange(*(date.fromisoformat(d) if d else None for d in p), "")
        for p in values.get("periods", ())
    )
    if "workout" in values:
        w = values["workout"]
        day = date.fromisoformat(w["day"]) if w.get("day") else None
        values["workout"] = WorkoutRef(w.get("id"), day, w.get("label"))
    if "event_date" in values:
        values["event_date"] = date.fromisoformat(values["event_date"])
    return Query(**values)


def test_every_expectation_is_a_valid_query():
    problems = []
    for case in CASES:
        try:
            found = _problems(case.expected)
            query = _query(case.expected)
        except (TypeError, ValueError) as exc:
            found, query = [str(exc)], None
        if query is not None and not found:
            # The comparison helpers agree with themselves on a query built from a case.
            ambiguous = "choices" in case.expected
            if actual_slots(query, ambiguous=ambiguous) != expected_slots(case.expected):
                found.append("expected_slots and actual_slots disagree")
        problems += [f"{case.question!r} ({case.topic}): {p}" for p in found]
    assert problems == []


def _kinds_said(case) -> set[str]:
    return set(case.expected.get("choices", [])) | {case.expected.get("kind", "unknown")}


def test_the_corpus_covers_every_kind_measure_aggregate_breakdown_output_and_unit():
    seen = {
        name: set()
        for name in ("kind", "measure", "aggregate", "by", "output", "unit", "event_kind")
    }
    classes = set()
    for case in CASES:
        seen["kind"] |= _kinds_said(case)
        for name in seen.keys() - {"kind"}:
            seen[name].add(case.expected.get(name, "text" if name == "output" else None))
        classes |= set(case.expected.get("classes", ()))
    assert set(KINDS) <= seen["kind"]
    assert set(MEASURES) <= seen["measure"]
    assert set(AGGREGATES) <= seen["aggregate"]
    assert set(BREAKDOWNS) <= seen["by"]
    assert set(OUTPUTS) <= seen["output"]
    assert {"mi", "km"} <= seen["unit"]
    assert set(EVENT_KINDS) <= seen["event_kind"]
    assert set(CLASSES) <= classes


def _is_write(expected: dict) -> bool:
    return expected.get("kind") in WRITES and expected.get("action") not in (None, "list", "show")


def _about_one_day(expected: dict) -> bool:
    workout = expected.get("workout") or {}
    periods = expected.get("periods", [])
    return "day" in workout or (len(periods) == 1 and periods[0][0] == periods[0][1])


@pytest.mark.parametrize(
    ("what", "count", "minimum"),
    [
        ("follow-ups", lambda c: c.previous is not None, 80),
        ("ambiguous questions", lambda c: "choices" in c.expected, 40),
        ("writes", lambda c: _is_write(c.expected), 60),
        ("questions about one day", lambda c: _about_one_day(c.expected), 40),
        ("noisy variants", lambda c: c.topic == "noise", 150),
    ],
)
def test_the_corpus_has_enough(what, count, minimum):
    assert sum(1 for case in CASES if count(case)) >= minimum, what


def test_noisy_variants_expect_what_a_clean_question_expects():
    clean = {}
    for case in CASES:
        if case.topic != "noise" and case.previous is None:
            clean.setdefault(repr(sorted(case.expected.items())), case.question)
    twins = [c for c in CASES if c.topic == "noise" and repr(sorted(c.expected.items())) in clean]
    assert len(twins) >= 150


def test_every_previous_question_is_itself_a_plain_case():
    plain = {case.question: case for case in CASES if case.previous is None}
    previous = {case.previous for case in CASES if case.previous is not None}
    assert sorted(p for p in previous if p not in plain) == []
    assert sorted(p for p in previous if "choices" in plain[p].expected) == []
