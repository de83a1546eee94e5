"""The words of one request, consumed argument by argument as the parser recognises them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.language import words as W
from bot.language.dates import find_day, find_range, find_ranges
from bot.language.intent import DateRange, WorkoutRef

_NAME_JUNK = " \t\n\"'“”‘’.,:;!?"


@dataclass
class Args:
    """The words of a request, consumed as each argument is recognised."""

    rest: str
    today: date
    plain: bool = False

    def take(self, regex: re.Pattern) -> re.Match | None:
        match = regex.search(self.rest)
        if match:
            self.rest = f"{self.rest[: match.start()]} {self.rest[match.end() :]}".strip()
        return match

    def range(self) -> DateRange | None:
        found, self.rest = find_range(self.rest, today=self.today)
        return found

    def ranges(self) -> tuple[DateRange, ...]:
        found, self.rest = find_ranges(self.rest, today=self.today)
        return found

    def metric(self) -> str | None:
        match = self.take(W.METRIC_RE)
        return match.lastgroup if match else None

    def classes(self) -> list[str]:
        found = [m.lastgroup for m in W.CLASS_RE.finditer(self.rest)]
        self.rest = W.CLASS_RE.sub(" ", self.rest)
        return found

    def workout(self) -> WorkoutRef | None:
        day, self.rest = find_day(self.rest, today=self.today)
        if day:
            return WorkoutRef(day=day)
        match = self.take(W.ID_RE)
        return WorkoutRef(id=int(match[1])) if match else None

    def words(self) -> str:
        """What is left, minus punctuation at the ends: a name or a statement."""
        text, self.rest = self.rest.strip(_NAME_JUNK), ""
        return text

    def leftover(self) -> list[str]:
        words = re.findall(r"[\w'’-]+", self.rest.lower())
        return [w for w in words if w not in W.FILLER]
