"""The paraphrase corpus of the question reader (``bot.language.reader.read``).

``CASES`` holds every question of the topic modules with the query it must become (see
README.md for the conventions); ``expected_slots`` and ``actual_slots`` put an expectation and
a read ``Query`` in the same comparable form; ``evaluate`` reads every case and ``report``
says how well the reader did (``python -m tests.bot.language.corpus``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from tests.bot.language.corpus import (
    ambiguous,
    analyses,
    commands,
    days,
    followups,
    fresh,
    heldout,
    noise,
    periods,
    personas,
    stories,
    summary,
    training,
    trends,
    writes,
)

TODAY = date(2025, 12, 20)  # a Saturday


class Case(NamedTuple):
    question: str
    expected: dict
    previous: str | None = None
    topic: str = ""


TOPICS = {
    "summary": summary,
    "periods": periods,
    "trends": trends,
    "analyses": analyses,
    "stories": stories,
    "days": days,
    "writes": writes,
    "commands": commands,
    "followups": followups,
    "ambiguous": ambiguous,
    "noise": noise,
    "heldout": heldout,
    "personas": personas,
    "fresh": fresh,
    "training": training,
}
CASES: list[Case] = [
    Case(row[0], row[1], row[2] if len(row) > 2 else None, topic)
    for topic, module in TOPICS.items()
    for row in module.CASES
]

# The slots a case may name; any other is at its default.
COMPARABLE = (
    "kind",
    "measure",
    "aggregate",
    "by",
    "classes",
    "activity",
    "min_distance_m",
    "max_distance_m",
    "periods",
    "unit",
    "output",
    "workout",
    "new_label",
    "action",
    "event_name",
    "event_date",
    "event_kind",
    "year",
    "target",
    "sql",
    "format",
    "visibility",
)
DEFAULTS = dict.fromkeys(COMPARABLE) | {
    "classes": frozenset(),
    "periods": (),
    "output": "text",
}
DISTANCE_TOLERANCE_M = 0.5


def _name(text: str | None) -> str | None:
    """An event name as compared: case-insensitive, blanks collapsed, end punctuation off."""
    if text is None:
        return None
    text = " ".join(text.casefold().split())
    return re.sub(r"^[\s\"'“”‘’.,:;!?-]+|[\s\"'“”‘’.,:;!?-]+$", "", text) or None


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _normal(name: str, value):
    if name == "classes":
        return frozenset(value or ())
    if name == "periods":
        return tuple((_iso(start), _iso(end)) for start, end in value or ())
    if name == "workout":
        if value is None:
            return None
        if isinstance(value, dict):
            return (value.get("id"), value.get("day"), value.get("label"))
        return (value.id, _iso(value.day), value.label)
    if name == "event_date":
        return _iso(value)
    if name == "event_name":
        return _name(value)
    if name == "sql":
        return value.strip() if value is not None else None
    if name in ("min_distance_m", "max_distance_m"):
        return float(value) if value is not None else None
    return value


def expected_slots(expected: dict) -> dict:
    """The comparable form of a case's expectation: every slot, defaults filled. An ambiguous
    case (``choices``) is only its kind ("unknown") and the set of kinds offered."""
    if "choices" in expected:
        return {"kind": "unknown", "choices": frozenset(expected["choices"])}
    slots = dict(DEFAULTS)
    for name, value in expected.items():
        slots[name] = _normal(name, value)
    return slots


def actual_slots(query, *, ambiguous: bool = False) -> dict:
    """The comparable form of a read ``Query`` (dates as ISO text, tuples as sets or pairs)."""
    if ambiguous:
        return {
            "kind": query.kind,
            "choices": frozenset(choice.query.kind for choice in query.choices),
        }
    return {
        name: _normal(
            name,
            (
                tuple((r.start, r.end) for r in query.periods)
                if name == "periods"
                else getattr(query, name)
            ),
        )
        for name in COMPARABLE
    }


def _same(name: str, expected, actual) -> bool:
    if name in ("min_distance_m", "max_distance_m") and expected is not None and actual is not None:
        return abs(expected - actual) <= DISTANCE_TOLERANCE_M
    return expected == actual


def wrong_slots(expected: dict, actual: dict) -> list[str]:
    """The slots where ``actual`` differs from ``expected`` (both comparable forms)."""
    return [name for name in expected if not _same(name, expected[name], actual.get(name))]


class Result(NamedTuple):
    case: Case
    expected: dict
    actual: dict | None  # None when reading raised
    wrong: tuple[str, ...]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.wrong and not self.error

    @property
    def expected_kind(self) -> str:
        return "ambiguous" if "choices" in self.expected else self.expected["kind"]


Reader = Callable[..., object]


def default_reader() -> Reader:
    """``bot.language.reader.read``, with a clear error while it is not written."""
    try:
        from bot.language.reader import read
    except ModuleNotFoundError as exc:
        raise ImportError(
            "bot.language.reader does not exist yet: the corpus in tests/bot/language/corpus "
            f"tests its read(text, *, today, previous) -> Query ({exc})"
        ) from exc
    return read


def evaluate(read: Reader | None = None, cases: list[Case] | None = None) -> list[Result]:
    """Read every case (its previous question first, with no previous of its own)."""
    read = read or default_reader()
    results = []
    for case in cases if cases is not None else CASES:
        expected = expected_slots(case.expected)
        try:
            previous = read(case.previous, today=TODAY) if case.previous else None
            query = read(case.question, today=TODAY, previous=previous)
            actual = actual_slots(query, ambiguous="choices" in case.expected)
        except Exception as exc:  # a crash on one question is one wrong answer
            results.append(Result(case, expected, None, ("error",), f"{type(exc).__name__}: {exc}"))
            continue
        results.append(Result(case, expected, actual, tuple(wrong_slots(expected, actual))))
    return results


def accuracy(results: list[Result]) -> float:
    return sum(r.ok for r in results) / len(results) if results else 0.0


def confusions(results: list[Result]) -> Counter:
    """How often each mistake happened: "summary -> trend" for a wrong kind, "summary:
    periods" for a wrong slot of the right kind, "summary: error" for a crash."""
    found = Counter()
    for result in results:
        if result.ok:
            continue
        kind = result.expected_kind
        if result.error:
            found[f"{kind}: error"] += 1
        elif "kind" in result.wrong:
            found[f"{kind} -> {result.actual['kind']}"] += 1
        else:
            for slot in result.wrong:
                found[f"{kind}: {slot}"] += 1
    return found


def report(results: list[Result] | None = None, *, top: int = 20) -> str:
    """Overall accuracy, accuracy per expected kind and per topic, and the commonest
    confusions, as text. Reads the corpus with the reader when no results are given."""
    results = evaluate() if results is None else results
    lines = [f"overall: {accuracy(results):.1%} of {len(results)} questions"]
    for title, key in (("kind", lambda r: r.expected_kind), ("topic", lambda r: r.case.topic)):
        groups = defaultdict(list)
        for result in results:
            groups[key(result)].append(result)
        lines.append(f"by {title}:")
        for name, group in sorted(groups.items(), key=lambda item: (accuracy(item[1]), item[0])):
            right = sum(r.ok for r in group)
            lines.append(f"  {name:<12} {accuracy(group):6.1%}  ({right}/{len(group)})")
    lines.append(f"commonest confusions (top {top}):")
    examples = {}
    for result in results:
        if not result.ok:
            for label in confusions([result]):
                examples.setdefault(label, result.case.question)
    for label, count in confusions(results).most_common(top):
        lines.append(f"  {count:4d}  {label}  (e.g. {examples[label]!r})")
    return "\n".join(lines)


def mismatch_lines(results: list[Result], limit: int = 40) -> list[str]:
    """The first wrong answers, each with the slots that differ (expected vs read)."""
    lines = []
    for result in [r for r in results if not r.ok][:limit]:
        case = result.case
        head = f"{case.question!r}" + (f" (after {case.previous!r})" if case.previous else "")
        if result.error:
            lines.append(f"{head}: {result.error}")
            continue
        diffs = ", ".join(
            f"{slot}: expected {result.expected[slot]!r}, read {result.actual.get(slot)!r}"
            for slot in result.wrong
        )
        lines.append(f"{head}: {diffs}")
    return lines
