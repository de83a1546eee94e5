"""The time limit is per file and per thread, nested files get their own clock, and sizes are
said as people read them."""

from __future__ import annotations

import threading
import time

import pytest

from etl.limits import TooSlow, check_time, megabytes, time_limit


def test_no_clock_no_limit():
    check_time()


def test_the_clock_refuses_the_file_once_its_time_is_up():
    with time_limit("slow.csv", 0.01):
        check_time()
        time.sleep(0.02)
        with pytest.raises(TooSlow, match=r"slow\.csv: .*0\.01 s limit \(WORKOUTS_MAX_SECONDS\)"):
            check_time()
    check_time()  # the clock ends with the file


def test_a_file_inside_another_has_its_own_clock_and_gives_the_outer_one_back():
    with time_limit("archive.zip", 60):
        with time_limit("member.csv", 0.001):
            time.sleep(0.01)
            with pytest.raises(TooSlow, match=r"member\.csv"):
                check_time()
        check_time()  # the archive's own minute is not up


def test_each_thread_reads_its_own_clock():
    seen = []

    def other() -> None:
        try:
            check_time()
            seen.append("free")
        except TooSlow:
            seen.append("refused")

    with time_limit("here.csv", 0.001):
        time.sleep(0.01)
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen == ["free"]


@pytest.mark.parametrize(
    ("size", "said"),
    [
        (1, "1 KB"),
        (12_000, "12 KB"),
        (102_400, "0.1 MB"),
        (50 << 20, "50 MB"),
        (3_500_000, "3.3 MB"),
    ],
)
def test_sizes_are_said_as_people_read_them(size, said):
    assert megabytes(size) == said
