"""SNS notifications of imports: a short subject, and a JSON body a program can read."""

from __future__ import annotations

import json
from functools import cache

from etl.aws.s3_events import Upload
from etl.errors import RefusedFile
from etl.report import IngestReport
from etl.settings import Settings

SUBJECT_LIMIT = 100  # SNS's


def announce_import(settings: Settings, upload: Upload, report: IngestReport) -> None:
    """ "Workouts import: 212 new, 14 already present, 0 rejected" with the counts as JSON."""
    subject = (
        f"Workouts import: {report.new} new, {report.already_present} already present, "
        f"{len(report.rejected)} rejected"
    )
    body = {
        "status": "imported",
        "file": upload.file_name,
        "bucket": upload.bucket,
        "key": upload.key,
        "owner": upload.owner,
        "batch_id": report.batch_id,
        "rows_read": report.rows_read,
        "new": report.new,
        "already_present": report.already_present,
        "merged": report.merged,
        "routes": report.tracks,
        "files_not_read": [{"name": r.name, "reason": r.reason} for r in report.refused_files],
        "rejected": len(report.rejected),
        "warnings": len(report.warnings),
        "first_date": report.first_date,
        "last_date": report.last_date,
    }
    _publish(settings, subject, body)


def announce_refusal(settings: Settings, upload: Upload, exc: RefusedFile) -> None:
    """ "Workouts import refused: <file>" with the reason and what to do."""
    body = {
        "status": "refused",
        "file": upload.file_name,
        "bucket": upload.bucket,
        "key": upload.key,
        "owner": upload.owner,
        "reason": exc.reason,
        "hint": exc.hint,
    }
    _publish(settings, f"Workouts import refused: {upload.file_name}", body)


def _publish(settings: Settings, subject: str, body: dict) -> None:
    if not settings.aws.sns_topic_arn:
        return
    clean = "".join(c if 32 <= ord(c) < 127 else "?" for c in subject)[:SUBJECT_LIMIT]
    _sns().publish(
        TopicArn=settings.aws.sns_topic_arn, Subject=clean, Message=json.dumps(body, default=str)
    )


@cache
def _sns():
    import boto3  # the Lambda runtime provides it

    return boto3.client("sns")
