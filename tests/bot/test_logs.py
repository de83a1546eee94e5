"""The one-line log: every library's lines in one format, no tracebacks without debug, secrets
masked, control characters escaped, and lines caused by one remote client rate-limited."""

from __future__ import annotations

import io
import logging
import threading
import warnings

import pytest

import bot.logs as logs
from bot.logs import ClientLimiter, client_scope, configure, mask, secrets_of
from etl.settings import load_settings

SECRETS = ["test-signing-secret", "xoxb-live-bot-token", "hunter2-db-pw"]


@pytest.fixture
def out():
    """Configure logging into a buffer; put the logging set-up back afterwards."""
    root = logging.getLogger()
    project = logging.getLogger("workouts")
    saved = (
        list(root.handlers),
        root.level,
        list(project.handlers),
        project.level,
        project.propagate,
        threading.excepthook,
        logs._secrets,
    )
    buffer = io.StringIO()
    configure(debug=False, secrets=SECRETS, stream=buffer)
    yield buffer
    root.handlers[:], root.level = saved[0], saved[1]
    project.handlers[:], project.level, project.propagate = saved[2], saved[3], saved[4]
    threading.excepthook, logs._secrets = saved[5], saved[6]
    logging.captureWarnings(False)


def _lines(buffer: io.StringIO) -> list[str]:
    return buffer.getvalue().splitlines()


def _fail(message: str) -> None:
    raise RuntimeError(message)


@pytest.mark.parametrize("name", ["workouts.slack", "slack_bolt.App", "apscheduler.scheduler"])
def test_an_exception_is_one_line_with_its_type_and_no_traceback(out, name):
    try:
        _fail("boom\nsecond line")
    except RuntimeError:
        logging.getLogger(name).exception("the work failed\nwith details")
    (line,) = _lines(out)
    assert line.startswith("workouts: ERROR ")
    assert "the work failed [RuntimeError: boom]" in line
    assert "Traceback" not in out.getvalue()
    if not name.startswith("workouts"):
        assert f"({name})" in line, "a library's line names its logger"


def test_libraries_are_quiet_below_warning_without_debug(out):
    for name in ("slack_bolt.App", "slack_sdk.web.base_client", "sqlalchemy.engine", "workouts"):
        logging.getLogger(name).info("chatter")
        logging.getLogger(name).debug("more chatter")
    logging.getLogger("sqlalchemy.pool").warning("pool trouble")
    assert _lines(out) == ["workouts: WARNING (sqlalchemy.pool) pool trouble"]


def test_debug_shows_tracebacks_and_info_but_still_masks_secrets(out):
    buffer = io.StringIO()
    configure(debug=True, secrets=SECRETS, stream=buffer)
    logging.getLogger("slack_bolt.App").info("starting with xoxb-live-bot-token")
    try:
        _fail("the secret is test-signing-secret")
    except RuntimeError:
        logging.getLogger("workouts").exception("failed")
    text = buffer.getvalue()
    assert "starting with ***" in text
    assert "Traceback (most recent call last)" in text
    assert "the secret is ***" in text
    assert not any(secret in text for secret in SECRETS)


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("token xoxb-123-456-abcdef in a message", "xoxb-123-456-abcdef"),
        ("user token xoxp-9-8-7", "xoxp-9-8-7"),
        ("app token xapp-1-A1-2-abc", "xapp-1-A1-2-abc"),
        ("store mysql+pymysql://bot:pa@ss@db:3306/w", "pa@ss"),
        ("Authorization: Bearer abc.def.ghi", "abc.def.ghi"),
        ("body token=verif123&team_id=T1", "verif123"),
        ('{"signing_secret": "shh-1234"}', "shh-1234"),
        ("the configured secret test-signing-secret", "test-signing-secret"),
        ("the database password hunter2-db-pw", "hunter2-db-pw"),
    ],
)
def test_secrets_never_reach_the_log(out, text, hidden):
    logging.getLogger("slack_sdk").warning(text)
    assert hidden not in out.getvalue()
    assert "***" in out.getvalue()
    assert hidden not in mask(text)


def test_the_settings_secrets_are_collected_for_masking():
    settings = load_settings(
        {
            "SLACK_BOT_TOKEN": "xoxb-a-b",
            "SLACK_APP_TOKEN": "xapp-c-d",
            "SLACK_SIGNING_SECRET": "sig",
            "WORKOUTS_DATABASE_URL": "mysql+pymysql://u:dbpw@h/db",
        }
    )
    assert secrets_of(settings) == ["xoxb-a-b", "xapp-c-d", "sig", "dbpw"]


def test_a_message_cannot_forge_log_lines(out):
    # What a request carries (a path, a header) may end up in a message.
    logging.getLogger("workouts").warning("path %r", "/x\rworkouts: ERROR forged\x1b[31m\u2028more")
    logging.getLogger("workouts").warning("first\nworkouts: ERROR forged too")
    lines = _lines(out)
    assert len(lines) == 2
    assert "\x1b" not in out.getvalue() and "\r" not in out.getvalue()
    assert lines[1] == "workouts: WARNING first"


def test_a_long_message_is_cut(out):
    logging.getLogger("workouts").warning("x" * 5000)
    (line,) = _lines(out)
    assert len(line) <= logs.MAX_LINE and line.endswith("[...]")


def test_python_warnings_and_dying_threads_are_one_line(out):
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("deprecated thing\nwith a second line", UserWarning, stacklevel=1)

    def die() -> None:
        _fail("thread boom")

    thread = threading.Thread(target=die, name="worker-1")
    thread.start()
    thread.join()
    lines = _lines(out)
    assert len(lines) == 2
    assert "(py.warnings)" in lines[0] and "deprecated thing" in lines[0]
    assert lines[1] == "workouts: ERROR worker-1 stopped [RuntimeError: thread boom]"


def test_configuring_again_replaces_the_handler(out):
    second = io.StringIO()
    configure(debug=False, stream=second)
    configure(debug=False, stream=second)
    logging.getLogger("workouts").warning("once")
    assert second.getvalue() == "workouts: WARNING once\n"
    assert out.getvalue() == ""


def test_a_bad_log_call_is_one_line_not_a_traceback(out):
    # Alone on the root logger: pytest's own capture handler would raise on the bad call.
    configure(debug=False, stream=out, replace=True)
    logging.getLogger("slack_bolt").warning("%s and %s", "only one")
    assert _lines(out) == ["workouts: ERROR a log line from slack_bolt could not be written"]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_gets_n_lines_a_minute_then_one_suppressed_line():
    clock = Clock()
    limiter = ClientLimiter(per_client=3, overall=100, window_s=60, clock=clock)
    verdicts = [limiter.admit("10.0.0.1") for _ in range(6)]
    assert verdicts == ["log", "log", "log", "notice", None, None]
    assert "client 10.0.0.1: more than 3 log lines" in limiter.notice("10.0.0.1")
    assert limiter.admit("10.0.0.2") == "log", "another client has its own allowance"
    clock.now += 60
    assert limiter.admit("10.0.0.1") == "log", "a new minute, a new allowance"


def test_all_clients_together_are_limited_too():
    limiter = ClientLimiter(per_client=5, overall=4, window_s=60, clock=Clock())
    verdicts = [limiter.admit(f"10.0.0.{n}") for n in range(7)]
    assert verdicts == ["log", "log", "log", "log", "notice", None, None]
    assert "from remote clients" in limiter.notice("10.0.0.9")


def test_a_client_does_not_grow_the_limiter_without_bound():
    clock = Clock()
    limiter = ClientLimiter(per_client=1, overall=10**9, window_s=60, clock=clock)
    for n in range(ClientLimiter.MAX_CLIENTS + 50):
        limiter.admit(f"c{n}")
    clock.now += 61
    limiter.admit("late")
    assert len(limiter._clients) <= ClientLimiter.MAX_CLIENTS


def test_lines_in_a_client_scope_are_rate_limited_and_others_are_not(out):
    buffer = io.StringIO()
    configure(debug=False, stream=buffer, limiter=ClientLimiter(per_client=2, clock=Clock()))
    log = logging.getLogger("slack_bolt.App")
    with client_scope("203.0.113.7"):
        for n in range(20):
            log.warning("forged %s", n)
    for n in range(5):
        logging.getLogger("workouts").warning("ours %s", n)
    lines = _lines(buffer)
    assert lines[:2] == [
        "workouts: WARNING (slack_bolt.App) forged 0",
        "workouts: WARNING (slack_bolt.App) forged 1",
    ]
    assert "client 203.0.113.7: more than 2 log lines" in lines[2]
    assert "suppressed" in lines[2]
    assert lines[3:] == [f"workouts: WARNING ours {n}" for n in range(5)]
