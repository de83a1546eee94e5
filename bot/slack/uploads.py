"""Export files shared into a channel: download them safely and ingest them for the uploader.

Only the API's own host and Slack's file hosts are fetched from, with the bot token; what comes
back is checked (Slack answers a missing files:read scope with an HTML login page and 200 OK).
Files are streamed to disk, so a gigabyte Apple Health export costs no memory to fetch.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from etl.errors import FileTooLarge, WorkoutsError
from etl.ingest.extract import safe_name
from etl.limits import megabytes

SLACK_FILE_HOSTS = ("files.slack.com", "slack-files.com")
# Media shared in a channel is conversation, not an export: left alone.
IGNORED_FILETYPES = frozenset({"png", "jpg", "jpeg", "gif", "heic", "webp", "mp4", "mov", "mp3"})
TIMEOUT_S = 60
CHUNK = 1 << 20


class DownloadRefused(WorkoutsError):
    """The file could not be fetched from Slack; the message says why and what to do."""


def wanted(info: dict, bot_user_id: str) -> bool:
    """Whether a shared file is one to ingest: not the bot's own, not a photo or video."""
    if info.get("user") == bot_user_id:
        return False
    return str(info.get("filetype", "")).lower() not in IGNORED_FILETYPES


def allowed_host(url: str, api_url: str) -> bool:
    """Downloads come only from the Web API's host or Slack's file hosts."""
    host = (urlparse(url).hostname or "").lower()
    api_host = (urlparse(api_url).hostname or "").lower()
    return host == api_host or any(host == h or host.endswith("." + h) for h in SLACK_FILE_HOSTS)


def download(info: dict, folder: Path, *, token: str, api_url: str, max_bytes: int) -> Path:
    """The file saved in ``folder``, refusing oversize files before fetching (and while
    fetching, whatever Slack said of the size) and HTML login pages after."""
    name = safe_name(info.get("name") or info.get("title") or "upload")
    if int(info.get("size") or 0) > max_bytes:
        raise _too_large(name, max_bytes)
    url = info.get("url_private_download") or info.get("url_private") or ""
    if not allowed_host(url, api_url):
        raise DownloadRefused(f"{name}: not downloaded: its address is not a Slack file host.")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    path = folder / name
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            kind = response.headers.get("Content-Type", "")
            head = response.read(CHUNK)
            _refuse_login_page(name, kind, head)
            with path.open("wb") as out:
                out.write(head)
                copied = len(head) + _copy(response, out, max_bytes + 1 - len(head))
    except (urllib.error.URLError, TimeoutError) as exc:
        raise DownloadRefused(
            f"{name}: Slack did not hand over the file ({_reason(exc)})."
        ) from None
    if copied > max_bytes:
        raise _too_large(name, max_bytes)
    return path


def _copy(source, out, limit: int) -> int:
    copied = 0
    while copied < limit and (chunk := source.read(min(CHUNK, limit - copied))):
        out.write(chunk)
        copied += len(chunk)
    return copied


def _refuse_login_page(name: str, kind: str, head: bytes) -> None:
    if kind.startswith("text/html") or head.lstrip()[:15].lower().startswith(
        (b"<!doctype", b"<html")
    ):
        raise DownloadRefused(
            f"{name}: Slack sent a login page instead of the file. The app needs the "
            "`files:read` scope: add it in the app settings and reinstall the app."
        )


def _too_large(name: str, limit: int) -> FileTooLarge:
    hint = "Raise WORKOUTS_MAX_ARCHIVE_MB, or load it with `workouts ingest` on the server."
    return FileTooLarge(name, f"the file is over the {megabytes(limit)} limit.", hint)


def thread_of(info: dict, channel: str) -> str | None:
    """The ts of the message that shared the file in ``channel``, to answer in its thread."""
    shares = info.get("shares", {})
    for kind in ("public", "private"):
        found = shares.get(kind, {}).get(channel)
        if found:
            return found[0].get("ts")
    return None


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "reason", exc)) or type(exc).__name__
