"""The ``workouts`` command end to end, in-process and through the installed console script."""

import json
import re
import socket
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.cli import main
from etl.db.engine import open_store
from etl.db.life_events import add_event
from etl.db.migrate import head_revision
from etl.db.queries import count_workouts
from etl.db.schema import tracks
from etl.demo.mapmyrun import generate_history
from etl.demo.strava.bulk_export import Activity, strava_export_zip
from tests.conftest import table_counts
from tests.helpers import export_text, link, row


@pytest.fixture
def env(monkeypatch, store_url, tmp_path):
    monkeypatch.setenv("WORKOUTS_DATABASE_URL", store_url)
    monkeypatch.setenv("WORKOUTS_USER", "ann")
    monkeypatch.delenv("WORKOUTS_DEBUG", raising=False)
    return store_url


def _csv(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text(export_text(rows), encoding="utf-8")
    return path


def test_ingest_prints_the_report_and_stores_for_the_user(env, tmp_path, capsys):
    path = _csv(tmp_path, "mine.csv", [row(link=link(1)), row("Smarch 1, 2025", link=link(2))])
    assert main(["ingest", str(path)]) == 0
    out = capsys.readouterr().out
    assert "mine.csv: MapMyRun workout history CSV, miles, workouts dated 2025-10-07" in out
    assert "rows read 2: 1 new, 0 already present, 1 rejected" in out
    assert "line 3: Workout Date: 'Smarch 1, 2025' has an unknown month name" in out
    assert count_workouts(open_store(env), "local:ann") == 1


def test_ingesting_a_strava_export_zip_reports_merges_routes_and_bad_files(env, tmp_path, capsys):
    start = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    path = tmp_path / "export_1.zip"
    path.write_bytes(
        strava_export_zip(
            [
                Activity(11, start, "Run", 5000, 330, "gpx"),
                Activity(12, start + timedelta(days=1), "Walk", 2000, 700, "tcx", damaged=True),
            ]
        )
    )
    assert main(["ingest", str(path), "--progress"]) == 0
    out, err = capsys.readouterr()
    assert "3/3 files" in err  # an archive's bar counts its files
    assert "export_1.zip: Strava export (ZIP): activities.csv and 2 activity files" in out
    assert "3 files, rows read 3: 2 new, 0 already present, 1 merged" in out
    assert "routes stored: 1" in out
    assert "files not read (1; the rest were):" in out
    assert "activities/12.tcx.gz: the TCX file is damaged or cut short" in out


def test_a_refused_file_exits_non_zero_and_the_others_still_load(env, tmp_path, capsys):
    good = _csv(tmp_path, "good.csv", [row(link=link(1))])
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\nxxxx")
    assert main(["ingest", str(bad), str(good), "--user", "bea"]) == 1
    out = capsys.readouterr().out
    assert "photo.csv: refused, nothing stored: this is a PNG image, not a workout export." in out
    assert "good.csv: MapMyRun" in out
    assert count_workouts(open_store(env), "local:bea") == 1


def test_stats_shows_types_by_year_for_that_user_only(env, tmp_path, capsys):
    rows = [
        row("Jan. 5, 2019", link=link(1)),
        row("Feb. 5, 2019", "Walk", link=link(2)),
        row("March 5, 2020", link=link(3)),
    ]
    main(["ingest", str(_csv(tmp_path, "a.csv", rows))])
    main(["ingest", str(_csv(tmp_path, "b.csv", [row(link=link(9))])), "--user", "other"])
    capsys.readouterr()
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "ann: 3 workouts from 2019-01-05 to 2020-03-05, 2 activity types" in out
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert lines["Run"] == ["1", "1", "2"]
    assert lines["Walk"] == ["1", ".", "1"]
    assert lines["Total"] == ["2", "1", "3"]


def test_stats_for_a_user_without_data_says_how_to_start(env, capsys):
    assert main(["stats", "--user", "newbie"]) == 0
    assert "No workouts stored for newbie yet" in capsys.readouterr().out


def test_demo_loads_once_with_if_empty(env, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "mapmyrun-demo.csv: MapMyRun workout history CSV" in out
    engine = open_store(env)
    stored = count_workouts(engine, "local:demo")
    assert stored > 1500
    # The Strava companion export merges into the same workouts, bringing routes.
    assert "strava-export-demo.zip: Strava export (ZIP)" in out and " 0 new," in out
    with engine.connect() as conn:
        routes = conn.execute(sa.select(sa.func.count()).select_from(tracks)).scalar_one()
    assert routes > 20
    before = table_counts(engine)
    assert main(["demo", "--if-empty"]) == 0
    assert capsys.readouterr().out == ""
    assert table_counts(engine) == before


def test_db_commands_report_the_store_without_its_password(env, capsys):
    assert main(["db", "upgrade"]) == 0
    assert "already at migration" in capsys.readouterr().out
    assert main(["db", "status"]) == 0
    assert f"migration: {head_revision()} (code expects {head_revision()})" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["stats", "--user", "bad name!"], "not a usable user name"),
        (["ingest", "missing.csv"], "no such file"),
    ],
)
def test_bad_input_is_one_clear_line_without_traceback(env, capsys, argv, words):
    status = main(argv)
    captured = capsys.readouterr()
    assert status in (1, 2)
    assert words in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_unreachable_database_is_reported_without_password(monkeypatch, capsys):
    monkeypatch.setenv("WORKOUTS_DATABASE_URL", "mysql+pymysql://u:hunter2@127.0.0.1:1/db")
    assert main(["stats"]) == 2
    err = capsys.readouterr().err
    assert "cannot open the database" in err
    assert "hunter2" not in err


def test_the_console_script_is_installed(tmp_path):
    script = Path(sys.executable).with_name("workouts")
    assert script.exists(), "pip install -e . provides the workouts command"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, check=True)
    assert "ingest" in result.stdout
    assert "WORKOUTS_DATABASE_URL" in result.stdout


def test_demo_adds_the_life_event_and_stats_show_the_classes(env, capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "life event: Choco arrives on 2018-06-01" in out
    assert "classifier: trained model v1: " in out
    assert main(["stats", "--user", "demo"]) == 0
    out = capsys.readouterr().out
    assert "Classified by your own clustering model (model v1):" in out
    classes = {line.split()[0] for line in out.split("Classified by")[1].splitlines()[1:] if line}
    assert {"run", "dog", "outlier"} <= classes


def _classes(out: str) -> list[str]:
    """The class rows of ``stats``' classified table, as printed."""
    table = out.split("Classified by")[1].splitlines()[3:]
    return [re.split(r"\s{2,}", line)[0] for line in table if line[:1].isalpha()]


def test_classes_are_named_as_the_owner_says_them(env, tmp_path, capsys):
    path = tmp_path / "history.csv"
    path.write_text(generate_history().csv_text, encoding="utf-8")
    assert main(["ingest", str(path)]) == 0
    [retrained] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("classifier:")]
    assert " walks, " in retrained and "dog" not in retrained, "no dog event: walks"
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "walk" in _classes(out) and "dog walk" not in out
    add_event(open_store(env), "local:ann", "Choco arrives", date(2018, 6, 1), kind="dog")
    assert main(["stats"]) == 0
    assert "dog walk" in _classes(capsys.readouterr().out)


# Operator mistakes: each is one line saying which setting, what was wrong and what to do, with
# status 2, no traceback, no secret, and never "unexpected error".

PASSWORD = "s3cret-pw"
LIVE_TOKEN = "xoxb-1-live-secret-token"


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in (
        "WORKOUTS_DEBUG",
        "WORKOUTS_DATABASE_URL",
        "WORKOUTS_MAX_UPLOAD_MB",
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_API_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WORKOUTS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WORKOUTS_USER", "ann")
    return monkeypatch


def _one_clear_line(capsys, status, words, *, secrets=(PASSWORD,)):
    out, err = capsys.readouterr()
    assert status == 2, err
    assert words in err
    assert "Traceback" not in out + err
    assert "unexpected error" not in err
    assert not any(secret in out + err for secret in secrets)
    return err


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"mysql+pymysql://u:{PASSWORD}@127.0.0.1:notaport/db", "port that is not a number"),
        (f"mysql://u:{PASSWORD}@127.0.0.1/db", "(without +driver: the mysqlclient driver)"),
        (f"mysql+pymysql://u:{PASSWORD}@127.0.0.1/db?sslmode=on", "does not know: sslmode"),
        (f"mysql+pymysql://u:{PASSWORD}@127.0.0.1:1/db", "nothing is listening at 127.0.0.1:1"),
        (f"mysql+pymysql://u:{PASSWORD}@no-such-host.invalid/db", "no host called"),
        (f"mysql+pymysql://u:{PASSWORD}@127.0.0.1:70000/db", "has port 70000"),
        (f"oracle://u:{PASSWORD}@h/db", "unsupported database 'oracle'"),
    ],
)
def test_database_url_mistakes_are_named(clean_env, capsys, url, words):
    clean_env.setenv("WORKOUTS_DATABASE_URL", url)
    err = _one_clear_line(capsys, main(["stats"]), words)
    assert "WORKOUTS_DATABASE_URL" in err


@pytest.mark.mysql
@pytest.mark.parametrize(
    ("user", "database", "words"),
    [
        ("nobody_here", "test", "refused user 'nobody_here': wrong user name or password"),
        (None, "no_such_db_here", "database 'no_such_db_here' does not exist"),
    ],
)
def test_real_server_mistakes_are_named(clean_env, capsys, mysql_server_url, user, database, words):
    url = sa.engine.make_url(mysql_server_url).set(database=database)
    if user is not None:  # None: the tests' own account on the server
        url = url.set(username=user, password=PASSWORD)
    clean_env.setenv("WORKOUTS_DATABASE_URL", url.render_as_string(hide_password=False))
    _one_clear_line(capsys, main(["db", "status"]), words)


def test_an_sqlite_file_that_is_not_a_store_is_named(clean_env, capsys, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    clean_env.setenv("WORKOUTS_DATABASE_URL", f"sqlite:///{notes}")
    _one_clear_line(capsys, main(["stats"]), "is not an SQLite database")


@pytest.mark.parametrize("value", ["abc", "nan", "-2"])
def test_a_bad_number_setting_is_named(clean_env, capsys, value):
    clean_env.setenv("WORKOUTS_MAX_UPLOAD_MB", value)
    _one_clear_line(capsys, main(["stats"]), "WORKOUTS_MAX_UPLOAD_MB must be")


@pytest.mark.parametrize("debug", [False, True])
def test_a_real_bug_is_unexpected_and_the_hint_fits_the_debug_setting(clean_env, capsys, debug):
    from bot import commands

    def broken(args, settings):
        raise ZeroDivisionError("a bug")

    clean_env.setattr(commands, "stats", broken)
    if debug:
        clean_env.setenv("WORKOUTS_DEBUG", "1")
    assert main(["stats"]) == 3
    err = capsys.readouterr().err
    assert "workouts: unexpected error (ZeroDivisionError); this is a bug." in err
    assert ("Traceback" in err) is debug
    assert ("WORKOUTS_DEBUG=1" in err) is not debug


class _SlackSaysNo(BaseHTTPRequestHandler):
    """Slack's answer for a revoked token (the emulator takes any token)."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"ok": False, "error": "token_revoked"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def slack_says_no():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlackSaysNo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/api/"
    server.shutdown()


def _serve(clean_env, capsys, caplog, env: dict, words: str, argv=("serve", "--port", "0")):
    for name, value in env.items():
        clean_env.setenv(name, value)
    status = main(list(argv))
    err = _one_clear_line(capsys, status, words, secrets=(LIVE_TOKEN, "sig-secret-1"))
    assert "As you gave `client`" not in err + caplog.text
    return err


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({}, "SLACK_BOT_TOKEN is not set"),
        (
            {"SLACK_BOT_TOKEN": "xapp-1-A1-2-abc", "SLACK_SIGNING_SECRET": "sig-secret-1"},
            "SLACK_BOT_TOKEN is not a bot token: it is an app-level token (xapp-...)",
        ),
        (
            {"SLACK_BOT_TOKEN": f"'{LIVE_TOKEN}'", "SLACK_SIGNING_SECRET": "sig-secret-1"},
            "SLACK_BOT_TOKEN is not a bot token: it has quotes or spaces in it",
        ),
        (
            {"SLACK_BOT_TOKEN": LIVE_TOKEN, "SLACK_APP_TOKEN": "connections-token"},
            "SLACK_APP_TOKEN is not an app-level token",
        ),
        ({"SLACK_BOT_TOKEN": LIVE_TOKEN}, "SLACK_SIGNING_SECRET is not set: HTTP mode needs it"),
    ],
)
def test_slack_setting_mistakes_are_named_before_anything_starts(
    clean_env, capsys, caplog, env, words
):
    _serve(clean_env, capsys, caplog, env, words)


def test_an_unreachable_slack_api_is_named(clean_env, capsys, caplog):
    from bot.slack.emulator import free_port

    url = f"http://127.0.0.1:{free_port()}/api/"
    env = {"SLACK_BOT_TOKEN": LIVE_TOKEN, "SLACK_SIGNING_SECRET": "sig-secret-1"}
    err = _serve(clean_env, capsys, caplog, {**env, "SLACK_API_URL": url}, "cannot reach")
    assert f"cannot reach the Slack Web API at {url} ([Errno 111] Connection refused)" in err


def test_a_revoked_token_is_named(clean_env, capsys, caplog, slack_says_no):
    env = {
        "SLACK_BOT_TOKEN": LIVE_TOKEN,
        "SLACK_SIGNING_SECRET": "sig-secret-1",
        "SLACK_API_URL": slack_says_no,
    }
    err = _serve(clean_env, capsys, caplog, env, "Slack refused SLACK_BOT_TOKEN (token_revoked)")
    assert "reinstall the app" in err


def test_socket_mode_where_slack_does_not_offer_it_is_named(clean_env, capsys, caplog, emulator):
    env = {
        "SLACK_BOT_TOKEN": LIVE_TOKEN,
        "SLACK_APP_TOKEN": "xapp-1-A111-222-abcdef",
        "SLACK_API_URL": emulator.api_url,
    }
    err = _serve(clean_env, capsys, caplog, env, "does not answer apps.connections.open")
    assert "unset SLACK_APP_TOKEN to use HTTP mode" in err
    assert "xapp-1-A111-222-abcdef" not in err


def test_a_port_in_use_is_named(clean_env, capsys, caplog, emulator):
    env = {
        "SLACK_BOT_TOKEN": LIVE_TOKEN,
        "SLACK_SIGNING_SECRET": "sig-secret-1",
        "SLACK_API_URL": emulator.api_url,
    }
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = ("serve", "--port", str(port))
        words = f"cannot listen on port {port}: another program already listens there"
        _serve(clean_env, capsys, caplog, env, words, argv=argv)
    _serve(
        clean_env, capsys, caplog, env, "--port 70000 is not a TCP port", argv=(*argv[:2], "70000")
    )
