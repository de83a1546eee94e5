"""``workouts bench slack``: concurrent signed slash commands against the real HTTP endpoint,
backed by the Slack emulator; ack latency and time until every answer has landed.

Budgets (Slack's rules): every ack under 3 s, p95 under 300 ms, every command answered.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from slack_sdk import WebClient

from bot.classification import load_classified
from bot.slack.emulator import (
    BOT_TOKEN,
    USER_TOKEN,
    channel_id,
    sign,
    start_emulator,
    start_local_bot,
)
from etl.db.life_events import add_event
from etl.db.owners import slack_key
from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file

SECRET = "bench-signing-secret"
# Text-only answers that post one channel message each, so arrivals can be counted.
QUESTIONS = ("how many runs in 2019", "records", "compare 2017 and 2023", "stats 2024")


@dataclass(frozen=True)
class SlackBench:
    """Ack latencies (seconds) and how long until all answers were in the channel."""

    commands: int
    acks: tuple[float, ...]
    statuses: tuple[int, ...]
    answered: int
    all_answered_s: float

    def percentile(self, p: float) -> float:
        ordered = sorted(self.acks)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_slack_bench(*, commands: int = 50, timeout_s: float = 300) -> SlackBench:
    """Fire ``commands`` slash commands at once and wait for every answer."""
    emulator = start_emulator()
    folder = Path(tempfile.mkdtemp(prefix="workouts-bench-slack-"))
    try:
        local = start_local_bot(emulator, folder, secret=SECRET)
        engine = local.engine
        bot = WebClient(token=BOT_TOKEN, base_url=emulator.api_url)
        who = WebClient(token=USER_TOKEN, base_url=emulator.api_url).auth_test()
        channel = channel_id(bot, "workouts")
        _prepare(engine, slack_key(who["team_id"], who["user_id"]))
        url = local.url
        before = _count(bot, channel)
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=commands) as pool:
            results = list(
                pool.map(
                    lambda i: _fire(url, who, channel, QUESTIONS[i % len(QUESTIONS)]),
                    range(commands),
                )
            )
        answered = _wait(bot, channel, before + commands, timeout_s) - before
        elapsed = time.perf_counter() - start
        local.stop()
    finally:
        emulator.stop()
    return SlackBench(
        commands, tuple(r[1] for r in results), tuple(r[0] for r in results), answered, elapsed
    )


def render_slack_bench(result: SlackBench) -> str:
    """The figures for the README's table."""
    ok = sum(1 for s in result.statuses if s == 200)
    p50, p95 = result.percentile(50) * 1000, result.percentile(95) * 1000
    worst, mean = max(result.acks) * 1000, statistics.mean(result.acks) * 1000
    done = f"{result.answered}/{result.commands} in {result.all_answered_s:.1f} s"
    return "\n".join(
        [
            f"slack benchmark: {result.commands} concurrent signed /workouts commands (HTTP)",
            f"  acks 200 OK          {ok}/{result.commands}",
            f"  ack p50 / p95 / max  {p50:.0f} / {p95:.0f} / {worst:.0f} ms (mean {mean:.0f} ms)",
            f"  answered             {done}",
        ]
    )


def _prepare(engine, owner: str) -> None:
    raw = RawFile("demo.csv", generate_history().csv_text.encode())
    ingest_file(engine, raw, owner_key=owner, max_bytes=len(raw.data))
    add_event(engine, owner, "Choco arrives", date(2018, 6, 1), kind="dog")
    load_classified(engine, owner)  # as after an upload: the model is trained before questions


def _fire(url: str, who, channel: str, text: str) -> tuple[int, float]:
    form = {
        "command": "/workouts",
        "text": text,
        "team_id": who["team_id"],
        "user_id": who["user_id"],
        "channel_id": channel,
        "response_url": "http://127.0.0.1:9/unused",
        "trigger_id": "1",
    }
    body = urllib.parse.urlencode(form)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
    request = urllib.request.Request(url, data=body.encode(), headers=headers)
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, time.perf_counter() - start
    except urllib.error.HTTPError as exc:
        return exc.code, time.perf_counter() - start


def _count(bot: WebClient, channel: str) -> int:
    return len(bot.conversations_history(channel=channel, limit=1000)["messages"])


def _wait(bot: WebClient, channel: str, target: int, timeout_s: float) -> int:
    deadline = time.monotonic() + timeout_s
    count = _count(bot, channel)
    while count < target and time.monotonic() < deadline:
        time.sleep(0.5)
        count = _count(bot, channel)
    return count
