"""What an ingest tells its user: counts, rejected rows with reasons, grouped warnings.

The report is plain data; renderers (terminal, Slack) turn it into words. ``rows_read`` always
equals ``new + already_present + merged + rejected``, so the counts can be checked against the
file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

# The first few line numbers shown for a group of warnings; the rest are counted.
SHOWN_LINES = 5
# Issues kept in the batch record; beyond this only counts are kept.
STORED_ISSUES = 2000


@dataclass(frozen=True)
class RowIssue:
    """One problem found on one line of the file."""

    line: int
    code: str
    message: str
    file: str = ""  # the file inside an archive the line belongs to ("" for a plain file)

    @property
    def where(self) -> str:
        """ "line 12", or "activities.csv line 12" for a file inside an archive."""
        return f"{self.file} line {self.line}" if self.file else f"line {self.line}"


@dataclass(frozen=True)
class FileRefusal:
    """A file inside an archive that could not be read at all, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class WarningGroup:
    """Warnings of one kind: how many, and the first few lines they came from."""

    code: str
    summary: str
    count: int
    lines: tuple[int, ...]
    places: tuple[str, ...] = ()  # the same first few, as "line 3" or "a.gpx line 3"


@dataclass(frozen=True)
class IngestReport:
    """The outcome of one file's ingest."""

    file_name: str
    format: str
    unit: str | None
    rows_read: int
    new: int
    already_present: int
    rejected: tuple[RowIssue, ...]
    warnings: tuple[RowIssue, ...]
    first_date: date | None
    last_date: date | None
    batch_id: int | None = None
    sha256: str = ""
    owner: str = ""
    notes: tuple[str, ...] = ()  # what the format reader inferred ("distance unit inferred as km")
    merged: int = 0  # workouts already stored from another app (or file), merged with them
    tracks: int = 0  # routes stored
    files: int = 1  # files read (an archive holds many)
    refused_files: tuple[FileRefusal, ...] = ()  # files of an archive that could not be read
    batch_ids: tuple[int, ...] = ()  # every batch recorded (an archive records one per file)

    @property
    def warning_groups(self) -> list[WarningGroup]:
        """Warnings grouped by kind, most frequent first."""
        return group_issues(self.warnings)


WARNING_SUMMARIES = {
    "calories_sentinel": "calories held a sentinel value; stored as missing",
    "steps_sentinel": "step count held a sentinel value; stored as missing",
    "calories_absurd": "calories impossible; stored as missing",
    "distance_absurd": "distance impossible; stored as missing",
    "distance_zero": "zero distance for a distance sport; stored as missing",
    "duration_zero": "zero duration; stored as missing",
    "duration_absurd": "duration impossible; stored as missing",
    "avg_pace_recomputed": "average pace impossible; recomputed from distance and time",
    "avg_pace_absurd": "average pace impossible; stored as missing",
    "max_pace_absurd": "max pace impossible; stored as missing",
    "avg_speed_absurd": "average speed impossible; stored as missing",
    "max_speed_absurd": "max speed impossible; stored as missing",
    "heart_rate_absurd": "heart rate impossible; stored as missing",
    "steps_absurd": "step count impossible; stored as missing",
    "max_heart_rate_absurd": "max heart rate impossible; stored as missing",
    "cadence_absurd": "cadence impossible; stored as missing",
    "moving_time_absurd": "moving time impossible; stored as missing",
    "elevation_gain_absurd": "elevation gain impossible; stored as missing",
    "not_a_number": "a number column held text; stored as missing",
    "submitted_date_unreadable": "'Date Submitted' unreadable; stored as missing",
    "start_time_unreadable": "start time unreadable; stored as missing",
    "future_date": "workout date is in the future",
    "no_activity_type": "activity type blank; stored as 'Unknown'",
    "same_as_other_row": "identical to another row except for the workout id; both kept",
    "repeated_in_file": "same workout id as an earlier row in this file; counted once",
    "no_workout_id": "no workout id; one was derived from the row's content",
}


def counts_line(report: IngestReport) -> str:
    """The counts in words: "rows read 12: 10 new, 1 already present, 1 merged, 0 rejected"."""
    merged = f"{report.merged:,} merged with a workout from another file or app, " * bool(
        report.merged
    )
    files = f"{report.files:,} files, " if report.files > 1 else ""
    return (
        f"{files}rows read {report.rows_read:,}: {report.new:,} new, "
        f"{report.already_present:,} already present, {merged}{len(report.rejected):,} rejected"
    )


def group_issues(issues: tuple[RowIssue, ...] | list[RowIssue]) -> list[WarningGroup]:
    """Group issues by code, keeping the first :data:`SHOWN_LINES` line numbers of each."""
    found: dict[str, list[RowIssue]] = defaultdict(list)
    for issue in issues:
        found[issue.code].append(issue)
    groups = []
    for code, group in found.items():
        first = sorted(group, key=lambda i: (i.file, i.line))[:SHOWN_LINES]
        groups.append(
            WarningGroup(
                code=code,
                summary=WARNING_SUMMARIES.get(code, code.replace("_", " ")),
                count=len(group),
                lines=tuple(i.line for i in first),
                places=tuple(i.where for i in first),
            )
        )
    return sorted(groups, key=lambda g: (-g.count, g.code))


def issues_json(rejected: tuple[RowIssue, ...], warnings: tuple[RowIssue, ...]) -> str:
    """The batch record's copy of the issues: every rejection and warning up to a cap."""
    rows = [{"kind": "rejected", **vars(i)} for i in rejected]
    rows += [{"kind": "warning", **vars(i)} for i in warnings]
    return json.dumps({"total": len(rows), "issues": rows[:STORED_ISSUES]}, separators=(",", ":"))
