"""A large ingest killed mid-way (SIGKILL, a separate process) leaves no part of its batch."""

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from etl.db.engine import open_store
from etl.demo.mapmyrun import generate_export
from tests.conftest import table_counts

ROWS = 60_000


@pytest.fixture(scope="module")
def big_export(tmp_path_factory):
    path = tmp_path_factory.mktemp("kill") / "big.csv"
    path.write_text(generate_export(ROWS, seed=7), encoding="utf-8")
    return path


def _wait_until_loading(process: subprocess.Popen, timeout: float = 120) -> int:
    """Read the progress bar until some rows are written (but not all); return the percentage."""
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        chunk = os.read(process.stderr.fileno(), 256)
        if not chunk:
            break
        seen += chunk
        percents = [int(p) for p in re.findall(rb"(\d+)% ", seen)]
        if percents and 5 <= percents[-1] < 90:
            return percents[-1]
    raise AssertionError(f"the ingest never reported progress mid-way: {seen[-300:]!r}")


@pytest.mark.slow
def test_killing_an_ingest_mid_way_stores_nothing(store_url, big_export):
    engine = open_store(store_url)
    before = table_counts(engine)
    env = {**os.environ, "WORKOUTS_DATABASE_URL": store_url, "WORKOUTS_MAX_UPLOAD_MB": "500"}
    command = [
        sys.executable,
        "-m",
        "bot.cli",
        "ingest",
        str(big_export),
        "--user",
        "victim",
        "--progress",
    ]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        percent = _wait_until_loading(process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert 5 <= percent < 90
    assert process.returncode == -signal.SIGKILL
    assert table_counts(engine) == before
    engine.dispose()
    # The store is still usable and the same file loads whole afterwards.
    engine = open_store(store_url)
    after = subprocess.run(command[:-1], env=env, capture_output=True, text=True, check=False)
    assert after.returncode == 0, after.stderr
    assert table_counts(engine)["workouts"] == before["workouts"] + ROWS
    engine.dispose()
