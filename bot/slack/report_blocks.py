"""Ingest reports and refusals as Slack Block Kit blocks: counts, dates, format, the files of an
archive not read, rejected rows and grouped warnings, within the limits of :mod:`bot.slack.blocks`.
"""

from __future__ import annotations

from bot.slack.blocks import (
    MAX_SECTION,
    MIN_CLIPPED,
    _fallback,
    _field_sections,
    _fit,
    _header,
    _section,
    clip,
    escape,
    split_text,
)
from etl.report import IngestReport

SHOWN_REJECTIONS = 20


def ingest_report_blocks(report: IngestReport) -> tuple[list[dict], str]:
    """The ingest report for Slack: counts, dates, format, rejected rows and grouped warnings."""
    name = report.file_name
    title = f"Imported {name}" if report.new else f"Nothing new in {name}"
    unit = {"mi": "miles", "km": "kilometres"}.get(report.unit or "", "unknown unit")
    span = (
        f"{report.first_date} to {report.last_date}" if report.first_date else "no readable dates"
    )
    facts = [
        ("Rows read", f"{report.rows_read:,}"),
        ("New", f"{report.new:,}"),
        ("Already present", f"{report.already_present:,}"),
        ("Rejected", f"{len(report.rejected):,}"),
        ("Workouts dated", span),
        ("Format", f"{report.format}, {unit}"),
    ]
    facts += [("Merged across apps", f"{report.merged:,}")] if report.merged else []
    facts += [("Routes stored", f"{report.tracks:,}")] if report.tracks else []
    facts += [("Files read", f"{report.files:,}")] if report.files > 1 else []
    body = _field_sections(facts)
    notes = "\n".join(f"_{escape(note)}_" for note in report.notes)
    texts = (notes, _refused_files_text(report), _rejections_text(report), _warnings_text(report))
    for text in texts:
        body += [_section(chunk) for chunk in split_text(text)] if text else []
    fallback = (
        f"{title}: {report.new:,} new, {report.already_present:,} already present, "
        f"{len(report.rejected):,} rejected"
    )
    return _fit(_header(title), body, []), _fallback(fallback, "")


def _rejections_text(report: IngestReport) -> str:
    items = [(i.where, i.message) for i in report.rejected]
    return _bullets("*Rejected rows* (not stored):", items)


def _warnings_text(report: IngestReport) -> str:
    if not report.warnings:
        return ""
    lines = [f"*Warnings* ({len(report.warnings):,}, rows kept):"]
    for group in report.warning_groups:
        if all(p.startswith("line ") for p in group.places):
            shown = "lines " + ", ".join(str(n) for n in group.lines)
        else:
            shown = escape(", ".join(group.places))
        more = ", …" if group.count > len(group.lines) else ""
        lines.append(f"• {group.count:,} × {escape(group.summary)} ({shown}{more})")
    return "\n".join(lines)


def _refused_files_text(report: IngestReport) -> str:
    title = f"*Files not read* ({len(report.refused_files):,}; the rest were imported):"
    return _bullets(title, [(r.name, r.reason) for r in report.refused_files])


def _bullets(title: str, items: list[tuple[str, str]]) -> str:
    """A titled list of "where: what", the first :data:`SHOWN_REJECTIONS` of them."""
    if not items:
        return ""
    lines = [title] + [f"• {escape(a)}: {escape(b)}" for a, b in items[:SHOWN_REJECTIONS]]
    if len(items) > SHOWN_REJECTIONS:
        lines.append(f"… and {len(items) - SHOWN_REJECTIONS:,} more")
    return "\n".join(lines)


def refusal_blocks(file_name: str, reason: str, hint: str) -> tuple[list[dict], str]:
    """Why a whole file was refused (nothing stored) and what to do about it."""
    head = f":x: *{escape(file_name)}* was not imported; nothing was stored."
    tail = f"\n{escape(hint)}" if hint else ""
    # A long reason is clipped, not the hint: what to do matters more than every detail.
    room = max(MAX_SECTION - len(head) - len(tail) - 1, MIN_CLIPPED)
    blocks = [_section(f"{head}\n{clip(escape(reason), room)}{tail}")]
    return blocks, _fallback(f"{file_name} was not imported", reason)
