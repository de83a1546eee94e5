"""Plain-text renderings for the terminal: ingest reports and tables."""

from __future__ import annotations

from collections.abc import Mapping

from analytics.frame import DISPLAY_NAMES
from analytics.totals import TypeYearCounts
from bot import wording as fmt
from etl.errors import RefusedFile
from etl.report import IngestReport, counts_line

SHOWN_REJECTIONS = 20


def render_report(report: IngestReport) -> str:
    """The ingest report a person reads: what was found, stored, refused and doubted."""
    unit = {"mi": "miles", "km": "kilometres"}.get(report.unit or "", "unknown unit")
    span = (
        f"{report.first_date} to {report.last_date}" if report.first_date else "no readable dates"
    )
    lines = [
        f"{report.file_name}: {report.format}, {unit}, workouts dated {span}",
        f"  {counts_line(report)}",
    ]
    if report.tracks:
        lines.append(f"  routes stored: {report.tracks:,} (try: map <workout id>, routes)")
    lines += [f"  note: {note}" for note in report.notes]
    if report.refused_files:
        lines.append(f"  files not read ({len(report.refused_files):,}; the rest were):")
        lines += [f"    {r.name}: {r.reason}" for r in report.refused_files[:SHOWN_REJECTIONS]]
        if len(report.refused_files) > SHOWN_REJECTIONS:
            lines.append(f"    ... and {len(report.refused_files) - SHOWN_REJECTIONS:,} more")
    if report.rejected:
        lines.append("  rejected:")
        lines += [f"    {i.where}: {i.message}" for i in report.rejected[:SHOWN_REJECTIONS]]
        if len(report.rejected) > SHOWN_REJECTIONS:
            lines.append(f"    ... and {len(report.rejected) - SHOWN_REJECTIONS:,} more")
    if report.warnings:
        lines.append(f"  warnings ({len(report.warnings):,}, rows kept):")
        for group in report.warning_groups:
            shown = _places(group)
            more = ", ..." if group.count > len(group.lines) else ""
            lines.append(f"    {group.count:>6,} x {group.summary} ({shown}{more})")
    return "\n".join(lines)


def _places(group) -> str:
    """ "lines 3, 5" for one file; "a.gpx line 3, b.gpx line 5" across an archive's files."""
    if all(p.startswith("line ") for p in group.places):
        return "lines " + ", ".join(str(n) for n in group.lines)
    return ", ".join(group.places)


def render_refusal(error: RefusedFile) -> str:
    """Why a whole file was refused, and what to do."""
    hint = f"\n  {error.hint}" if error.hint else ""
    return f"{error.file_name}: refused, nothing stored: {error.reason}{hint}"


def render_type_year(
    table: TypeYearCounts, *, owner: str, heading: str = "Activity type", names=None
) -> str:
    """Workouts per activity type or class (rows) and year (columns), with totals."""
    if not table.total:
        return f"No workouts stored for {owner} yet. Load some with: workouts ingest FILE.csv"
    shown = [fmt.label(t, names=names) if names is not None else t for t in table.types]
    name_width = max(len(heading), *(len(t) for t in shown))
    cells = [f"{y:>5}" for y in table.years]
    header = f"{heading:<{name_width}} " + " ".join(cells) + f" {'Total':>6}"
    rows = [
        f"{activity:<{name_width}} "
        + " ".join(f"{n:>5}" if n else f"{'.':>5}" for n in counts)
        + f" {sum(counts):>6,}"
        for activity, counts in zip(shown, table.counts)
    ]
    totals = " ".join(f"{table.year_total(y):>5}" for y in table.years)
    footer = f"{'Total':<{name_width}} {totals} {table.total:>6,}"
    kinds = fmt.count(len(table.types), "activity type")
    title = (
        f"{owner}: {fmt.count(table.total, 'workout')} from {table.first_date} to "
        f"{table.last_date}, {kinds}"
    )
    rule = "-" * len(header)
    return "\n".join([title, "", header, rule, *rows, rule, footer])


def render_classes(
    table: TypeYearCounts,
    *,
    owner: str,
    version: int,
    kind: str,
    names: Mapping[str, str] | None = None,
) -> str:
    """Workouts per classified class and year: what the history really holds, each class in
    the owner's ``names`` ("walk", "dog walk"...; the default names when None)."""
    how = {"mixture": "your own clustering model", "pace_rules": "pace rules (few workouts)"}
    title = f"Classified by {how.get(kind, kind)} (model v{version}):"
    body = render_type_year(table, owner=owner, heading="Class", names=names or DISPLAY_NAMES)
    return title + "\n" + "\n".join(body.splitlines()[2:])


def render_retrain(
    version: int, counts: dict[str, int], *, names: Mapping[str, str] | None = None
) -> str:
    """One line saying a new model run labelled the history ("12 runs, 1 dog walk")."""
    parts = ", ".join(fmt.count(n, fmt.label(label, names=names)) for label, n in counts.items())
    return f"classifier: trained model v{version}: {parts}"
