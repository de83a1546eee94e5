"""S3 ObjectCreated events: which objects arrived, and whose uploads they are.

Keys are ``uploads/<owner>/<file>`` (an export: .csv, .zip, .gpx...); S3 URL-encodes them in
events (a space arrives as "+").
The owner part is a local name ("alice" -> "local:alice") or a full owner key.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote_plus

from etl.db.owners import local_key, slack_key
from etl.errors import InvalidOwner

PREFIX = "uploads/"
# What people export: CSVs, track files, archives (the ETL then judges the content, not the name).
EXPORT_SUFFIXES = (".csv", ".gpx", ".tcx", ".fit", ".xml", ".zip", ".gz")


@dataclass(frozen=True)
class Upload:
    """One uploaded object and its owner (None with ``problem`` when the key is unusable)."""

    bucket: str
    key: str
    etag: str
    owner: str | None
    file_name: str
    problem: str = ""


def uploads(event: dict) -> list[Upload]:
    """Every object of an S3 event, decoded; keys outside uploads/ or not CSV say why."""
    found = []
    for record in event.get("Records", []):
        s3 = record.get("s3", {})
        bucket = s3.get("bucket", {}).get("name", "")
        obj = s3.get("object", {})
        key = unquote_plus(obj.get("key", ""))
        found.append(_upload(bucket, key, obj.get("eTag") or obj.get("sequencer") or ""))
    return found


def _upload(bucket: str, key: str, etag: str) -> Upload:
    parts = key.split("/")
    name = parts[-1]
    if not key.startswith(PREFIX) or len(parts) != 3 or not name:
        return Upload(bucket, key, etag, None, name, "not under uploads/<owner>/<file>")
    if not name.lower().endswith(EXPORT_SUFFIXES):
        return Upload(
            bucket, key, etag, None, name, f"not an export file ({', '.join(EXPORT_SUFFIXES)})"
        )
    try:
        return Upload(bucket, key, etag, owner_of(parts[1]), name)
    except InvalidOwner as exc:
        return Upload(bucket, key, etag, None, name, str(exc))


def owner_of(part: str) -> str:
    """The owner key a key's owner part names."""
    if part.startswith(("local:", "slack:")):
        kind, _, rest = part.partition(":")
        if kind == "local":
            return local_key(rest)
        team, _, user = rest.partition(":")
        return slack_key(team, user)
    return local_key(part)
