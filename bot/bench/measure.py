"""What every benchmark measures with: wall time of one action, and the process's peak memory."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(action: Callable[[], T]) -> tuple[T, float]:
    """``action()``'s value and the seconds it took (wall clock, monotonic)."""
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB.

    On Linux it is read from ``VmHWM``: ``ru_maxrss`` carries over an ``exec`` the size of the
    process that forked it, so a bench child started by a big parent would report the parent.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
