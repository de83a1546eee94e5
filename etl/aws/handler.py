"""The ETL Lambda: S3 upload -> the same ETL as everywhere -> MySQL -> an SNS notification.

Thin: it reads settings once, decodes the event, and hands each object to ``etl.ingest.pipeline``.
Delivery is at least once, so each object version is claimed in the store: the same event twice
loads and announces nothing twice. A refused file is moved to refused/, tagged with the reason
(nothing loaded); a
database failure raises, so Lambda retries, and the transaction left nothing behind.
"""

from __future__ import annotations

import logging
import tempfile
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy.engine import Engine

from etl.aws.notify import announce_import, announce_refusal
from etl.aws.s3_events import Upload, uploads
from etl.aws.secrets import database_url
from etl.db.claims import claim, release
from etl.db.engine import open_store
from etl.errors import RefusedFile
from etl.ingest.extract import safe_name
from etl.ingest.pipeline import ingest_path
from etl.settings import Settings, load_settings

log = logging.getLogger("workouts.etl")
log.setLevel(logging.INFO)


def handle(event: dict, context=None) -> dict:
    """Lambda entry point: ingest every CSV of the event; returns what happened to each."""
    settings = load_settings()
    engine = _engine(database_url(settings))
    results = [_one(upload, settings, engine) for upload in uploads(event)]
    for result in results:
        log.info("upload %s: %s", result["key"], result["status"])
    return {"results": results}


def _one(upload: Upload, settings: Settings, engine: Engine) -> dict:
    if upload.owner is None:
        log.info("ignored s3://%s/%s: %s", upload.bucket, upload.key, upload.problem)
        return {"key": upload.key, "status": "ignored", "reason": upload.problem}
    token = f"s3:{upload.bucket}/{upload.key}@{upload.etag}"
    if not claim(engine, token):
        log.info("already handled s3://%s/%s", upload.bucket, upload.key)
        return {"key": upload.key, "status": "duplicate"}
    try:
        # Through a file: ZIPs and Apple Health exports are read from the disk as streams.
        with tempfile.TemporaryDirectory(prefix="workouts-") as folder:
            path = Path(folder) / safe_name(upload.file_name)
            _s3().download_file(upload.bucket, upload.key, str(path))
            report = ingest_path(
                engine,
                path,
                owner_key=upload.owner,
                max_bytes=settings.max_upload_bytes,
                max_seconds=settings.max_seconds,
                max_inflated_bytes=settings.max_inflated_bytes,
            )
    except RefusedFile as exc:
        moved_to = _move_refused(upload, exc, settings.aws.refused_prefix)
        announce_refusal(settings, upload, exc)
        return {"key": upload.key, "status": "refused", "reason": exc.reason, "moved_to": moved_to}
    except Exception:
        release(engine, token)  # let Lambda's retry try again: nothing was stored
        raise
    announce_import(settings, upload, report)
    return {
        "key": upload.key,
        "status": "imported",
        "new": report.new,
        "already_present": report.already_present,
        "merged": report.merged,
        "routes": report.tracks,
        "rejected": len(report.rejected),
        "files_not_read": len(report.refused_files),
    }


def _move_refused(upload: Upload, exc: RefusedFile, prefix: str) -> str:
    """Move the object to ``prefix`` + its key, tagged with why it was not loaded, so its owner
    finds it and the reason side by side. Returns the new key."""
    # S3 tag values allow letters, digits, spaces and _ . : / = + - @ only (max 256).
    reason = " ".join(
        "".join(c if c.isalnum() or c in "._:/=+-@" else " " for c in exc.reason).split()
    )
    target = prefix + upload.key.removeprefix("uploads/")
    _s3().copy_object(
        Bucket=upload.bucket,
        Key=target,
        CopySource={"Bucket": upload.bucket, "Key": upload.key},
        Tagging=urlencode({"workouts-status": "refused", "workouts-reason": reason[:256]}),
        TaggingDirective="REPLACE",
    )
    _s3().delete_object(Bucket=upload.bucket, Key=upload.key)
    return target


@cache
def _engine(url: str) -> Engine:
    # Kept across warm invocations: one connection pool per container.
    return open_store(url)


@cache
def _s3():
    import boto3  # provided by the Lambda runtime; imported late so the package imports bare

    return boto3.client("s3")
