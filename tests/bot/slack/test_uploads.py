"""Downloading shared files: only from Slack's hosts, and a login page is not an export."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.slack.uploads import DownloadRefused, allowed_host, download, thread_of, wanted
from etl.errors import FileTooLarge

API = "http://127.0.0.1:4000/api/"


@pytest.fixture
def file_server():
    """Serves /export.csv as CSV, /big.csv as 5,000 bytes whatever the file info said, and
    /login.csv as Slack's HTML login page (200 OK)."""
    seen_auth = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen_auth.append(self.headers.get("Authorization"))
            if self.path.startswith("/login"):
                body, kind = b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html"
            elif self.path.startswith("/big"):
                body, kind = b"Workout Date,Activity Type\n" + b"x" * 5000, "text/csv"
            else:
                body, kind = b"Workout Date,Activity Type\n", "application/octet-stream"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen_auth
    server.shutdown()


def _info(url, **extra):
    return {"name": "export.csv", "size": 30, "url_private_download": url, **extra}


def test_a_file_is_fetched_to_disk_with_the_bot_token(file_server, tmp_path):
    base, seen_auth = file_server
    info = _info(f"{base}/export.csv", name="../../etc/export.csv")
    path = download(info, tmp_path, token="xoxb-1", api_url=f"{base}/api/", max_bytes=1000)
    assert path == tmp_path / "export.csv", "the name cannot leave the folder"
    assert path.read_bytes().startswith(b"Workout Date")
    assert seen_auth == ["Bearer xoxb-1"]


def test_a_login_page_names_the_missing_scope(file_server, tmp_path):
    base, _ = file_server
    with pytest.raises(DownloadRefused, match="files:read"):
        download(
            _info(f"{base}/login.csv"), tmp_path, token="t", api_url=f"{base}/api/", max_bytes=1000
        )
    assert list(tmp_path.iterdir()) == []


def test_an_oversize_file_is_refused_before_downloading(file_server, tmp_path):
    base, seen_auth = file_server
    with pytest.raises(FileTooLarge, match="WORKOUTS_MAX_ARCHIVE_MB"):
        download(
            _info(f"{base}/export.csv", size=5000),
            tmp_path,
            token="t",
            api_url=f"{base}/api/",
            max_bytes=1000,
        )
    assert seen_auth == []


def test_a_file_larger_than_announced_is_cut_off_and_refused(file_server, tmp_path):
    base, _ = file_server
    with pytest.raises(FileTooLarge, match="over the 1 KB limit"):
        download(
            _info(f"{base}/big.csv", size=10),
            tmp_path,
            token="t",
            api_url=f"{base}/api/",
            max_bytes=1000,
        )


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://files.slack.com/files-pri/T1-F1/export.csv", True),
        ("https://eu.files.slack.com/files-pri/x", True),
        ("http://127.0.0.1:4000/files-pri/F1/a.csv", True),
        ("https://evil.example/files.slack.com/x", False),
        ("https://files.slack.com.evil.example/x", False),
        ("http://169.254.169.254/latest/meta-data", False),
        ("file:///etc/passwd", False),
        ("", False),
    ],
)
def test_downloads_only_from_slack_hosts(url, ok):
    assert allowed_host(url, API) is ok


def test_a_foreign_host_is_refused_without_contacting_it():
    with pytest.raises(DownloadRefused, match="not a Slack file host"):
        download(_info("https://evil.example/x.csv"), None, token="t", api_url=API, max_bytes=1000)


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        ({"user": "UBOT", "filetype": "csv"}, False),
        ({"user": "U1", "filetype": "png"}, False),
        ({"user": "U1", "filetype": "csv"}, True),
        ({"user": "U1", "filetype": "zip"}, True),
    ],
)
def test_only_other_peoples_non_media_files_are_wanted(info, expected):
    assert wanted(info, "UBOT") is expected


def test_the_thread_is_the_sharing_message():
    info = {"shares": {"private": {"G1": [{"ts": "1.5"}]}, "public": {"C1": [{"ts": "2.5"}]}}}
    assert (thread_of(info, "C1"), thread_of(info, "G1"), thread_of(info, "C9")) == (
        "2.5",
        "1.5",
        None,
    )
