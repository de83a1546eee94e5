"""The App Home tab: the view built from a Context on a real store (SQLite and MySQL), and end
to end against the emulator: a signed ``app_home_opened`` makes the bot publish the opener's
dashboard (read back from the emulator's inspector, which lists every published Home view),
a user with no data gets the welcome, each user sees only their own numbers, and an upload or a
label correction publishes the Home tab again."""

from __future__ import annotations

import html
import re
import time
import urllib.request
from datetime import date, timedelta
from html.parser import HTMLParser

import pandas as pd
import pytest

from analytics.frame import OUTLIER, by_day
from bot.classification import load_classified
from bot.context import Context
from bot.slack.blocks import read_button_value, read_form_value
from bot.slack.home import REVIEW_LABELS, UPLOAD_HELP, home_view
from etl.db.life_events import add_event
from etl.db.owners import slack_key
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

TODAY = date.today()
MILE = 1609.344


def _history(seed: int, days: int, event_days_ago: int) -> str:
    """A demo history up to today, its change ``event_days_ago`` days back."""
    return generate_history(
        seed=seed,
        start=TODAY - timedelta(days=days),
        end=TODAY,
        event_date=(TODAY - timedelta(days=event_days_ago)).replace(day=1),
    ).csv_text


def _ingest(engine, owner: str, csv_text: str) -> None:
    raw = RawFile("history.csv", csv_text.encode())
    ingest_file(engine, raw, owner_key=owner, max_bytes=len(raw.data))


def _this_week(engine, owner: str, today: date = TODAY) -> tuple[int, str]:
    """This week's workouts and miles so far, straight from the classified frame."""
    frame = load_classified(engine, owner).frame
    days = by_day(frame)
    monday = pd.Timestamp(today - timedelta(days=today.weekday()))
    rows = frame[(days >= monday) & (days <= pd.Timestamp(today)) & (frame["label"] != OUTLIER)]
    return len(rows), f"{rows['distance_m'].fillna(0).sum() / MILE:.1f} mi"


def _texts(view: dict) -> str:
    return str(view["blocks"])


def _buttons(view: dict, block_id: str) -> list[dict]:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return block["elements"]


# --- The view, built from a Context ------------------------------------------------------------


def test_the_dashboard_has_every_section_with_the_owners_numbers(store):
    owner = "slack:T1:U1"
    _ingest(store, owner, _history(7, 730, 365))
    ctx = Context(store, owner, "U1", TODAY)
    view = home_view(ctx, chart_file_id="F123")
    text = _texts(view)
    count, miles = _this_week(store, owner)
    word = "workout" if count == 1 else "workouts"
    assert f"*This week so far*\\n{count} {word} · {miles}" in text
    assert "*A typical week by now*" in text and f"by {TODAY:%A}" in text
    assert "Consistency, last 30 days" in text and "*Weakest*" in text
    change = (TODAY - timedelta(days=365)).replace(day=1)
    assert f"Before and after {change:%B %Y}" in text, "the strongest change, not yet named"
    assert "*workouts a month*" in text, "the story's before/after numbers"
    name_it = _buttons(view, "home_story")[0]
    assert read_form_value(name_it["value"])[:2] == ("event", {"date": change.isoformat()})
    assert "*Records*" in text and "longest run" in text
    assert "*Recent anomalies*" in text
    [image] = [b for b in view["blocks"] if b["type"] == "image"]
    assert image["slack_file"] == {"id": "F123"} and image["alt_text"]
    actions = _buttons(view, "home_actions")
    said = [read_button_value(b["value"])[0] for b in actions if "workouts_reply" in b["action_id"]]
    assert said == [UPLOAD_HELP, REVIEW_LABELS]
    forms = [read_form_value(b["value"])[0] for b in actions if "workouts_form" in b["action_id"]]
    assert forms == ["briefing"]
    ids = [b["block_id"] for b in view["blocks"] if "block_id" in b]
    assert len(ids) == len(set(ids)) and len(view["blocks"]) <= 100


def test_a_named_event_is_the_card_and_no_data_is_a_welcome(store):
    owner = "slack:T1:U2"
    assert "Welcome to workouts" in _texts(home_view(Context(store, owner, "U2", TODAY)))
    _ingest(store, owner, _history(8, 500, 200))
    add_event(store, owner, "New job", TODAY - timedelta(days=200), kind="new_job")
    view = home_view(Context(store, owner, "U2", TODAY))
    assert "The New job effect" in _texts(view)
    assert not any(b.get("block_id") == "home_story" for b in view["blocks"]), "named: no ask"
    assert not any(b["type"] == "image" for b in view["blocks"]), "no chart uploaded, no image"


# --- End to end --------------------------------------------------------------------------------


class _Rows(HTMLParser):
    """The cells of every table row of the inspector page."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None and self.rows:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _home_of(emulator, name: str) -> tuple[str, str] | None:
    """(hash, text) of the Home view published for the user called ``name``, or None."""
    url = f"http://localhost:{emulator.port}/?tab=views"
    with urllib.request.urlopen(url, timeout=10) as response:
        page = response.read().decode()
    parser = _Rows()
    parser.feed(page)
    for cells in parser.rows:
        # ID, type, user, app, preview (every text of the view), hash, root, previous
        if len(cells) >= 6 and cells[1] == "app home" and cells[2] == name:
            return cells[5], html.unescape(cells[4])
    return None


def _published(emulator, name: str, before=None, timeout: float = 60) -> str:
    """The text of ``name``'s Home view once one newer than ``before`` is published."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = _home_of(emulator, name)
        if now is not None and (before is None or now[0] != before[0]):
            return now[1]
        time.sleep(0.3)
    raise AssertionError(f"no new Home view for {name}; last: {_home_of(emulator, name)}")


def _open_home(bot, user: str, event_id: str) -> None:
    event = {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}
    status, _, seconds = bot.event(event, event_id=event_id)
    assert status == 200 and seconds < 3


@pytest.fixture(scope="module")
def alice(bot):
    owner = slack_key(bot.team, bot.alice_id)
    _ingest(bot.engine, owner, _history(11, 730, 365))
    return owner


def test_a_user_with_no_data_gets_the_welcome(bot, emulator):
    before = _home_of(emulator, "bob")
    _open_home(bot, bot.bob_id, "Ev-home-welcome")
    text = _published(emulator, "bob", before)
    assert "Welcome to workouts" in text and "How to upload" in text
    assert "This week so far" not in text


def test_the_opener_sees_their_dashboard(bot, emulator, alice):
    before = _home_of(emulator, "alice")
    _open_home(bot, bot.alice_id, "Ev-home-alice")
    text = _published(emulator, "alice", before)
    count, miles = _this_week(bot.engine, alice)
    word = "workout" if count == 1 else "workouts"
    assert f"*This week so far*\n{count} {word} · {miles}" in text
    change = (TODAY - timedelta(days=365)).replace(day=1)
    assert f"Before and after {change:%B %Y}" in text
    for part in ("Consistency, last 30 days", "Records", "Recent anomalies", "That's it: name it"):
        assert part in text
    for button in ("How to upload", "Schedule a briefing", "Review labels"):
        assert button in text
    chart = [f for f in bot.bot.files_list()["files"] if f.get("title") == "Last 8 weeks"]
    assert chart, "the 8-week chart was uploaded for the image block"


def test_an_upload_publishes_the_uploaders_own_home(bot, emulator, alice):
    before = _home_of(emulator, "bob")
    bot.share(_history(12, 400, 150), "bob.csv", event_id="Ev-home-upload")
    text = _published(emulator, "bob", before, timeout=120)
    bob = slack_key(bot.team, bot.bob_id)
    count, miles = _this_week(bot.engine, bob)
    word = "workout" if count == 1 else "workouts"
    assert f"*This week so far*\n{count} {word} · {miles}" in text
    own = (TODAY - timedelta(days=150)).replace(day=1)
    alices = (TODAY - timedelta(days=365)).replace(day=1)
    assert f"Before and after {own:%B %Y}" in text
    assert f"Before and after {alices:%B %Y}" not in text, "never another user's data"


def test_a_label_correction_refreshes_the_home(bot, emulator, alice, sink):
    url, _ = sink
    opened = _home_of(emulator, "alice")
    _open_home(bot, bot.alice_id, "Ev-home-alice-2")
    first = _published(emulator, "alice", opened)
    before = _home_of(emulator, "alice")
    frame = load_classified(bot.engine, alice).frame
    runs = frame[frame["label"] == "run"]
    longest = runs.loc[pd.to_numeric(runs["distance_m"]).idxmax()]
    record = re.search(r"longest run: ([\d.]+ mi)", first)
    assert record and record[1] == f"{longest['distance_m'] / MILE:.1f} mi"
    status, _, _ = bot.slash(f"label {int(longest['id'])} walk", response_url=url)
    assert status == 200
    text = _published(emulator, "alice", before)
    now = re.search(r"longest run: ([\d.]+ mi) \((\S+)\)", text)
    assert now and now[2] != str(longest["workout_date"])[:10], "the corrected run is no record"
