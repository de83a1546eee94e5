"""What the earlier chunks of a file held, kept compactly while the file is read chunk by chunk.

A file is read in chunks so that its size never sets the memory an ingest takes; the checks that
span the whole file (a workout id repeated, rows alike but for the id, the n-th identical row
without an id) remember keys as 64-bit hashes with the line each was first seen on, in sorted
numpy runs: about 16 bytes a row where a set of strings would take ten times that.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

_MAX_RUNS = 8  # sorted runs kept before they are merged into one


def hashes(values) -> np.ndarray:
    """A 64-bit hash of each string (pandas' SipHash, in C): equal strings, equal hashes."""
    return pd.util.hash_array(np.asarray(values, dtype=object))


class FirstLines:
    """Keys (hashes) with the line each was first seen on."""

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def lines_of(self, keys: np.ndarray) -> np.ndarray:
        """For each key, the line it was first seen on, or 0 when it is new."""
        found = np.zeros(len(keys), dtype=np.int64)
        for run_keys, run_lines in self._runs:
            at = np.searchsorted(run_keys, keys).clip(max=len(run_keys) - 1)
            hit = (run_keys[at] == keys) & (found == 0)
            found[hit] = run_lines[at[hit]]
        return found

    def add(self, keys: np.ndarray, lines: np.ndarray) -> None:
        """Remember keys not seen before (each once) with their lines."""
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], np.asarray(lines, dtype=np.int64)[order]))
        if len(self._runs) > _MAX_RUNS:
            keys = np.concatenate([k for k, _ in self._runs])
            lines = np.concatenate([v for _, v in self._runs])
            order = np.argsort(keys, kind="stable")
            self._runs = [(keys[order], lines[order])]


@dataclass
class Seen:
    """The file-wide memory of one ingest: ids and look-alike rows by first line, and how many
    times each content key of a row without an id has occurred."""

    ids: FirstLines = field(default_factory=FirstLines)
    lookalikes: FirstLines = field(default_factory=FirstLines)
    occurrences: Counter[str] = field(default_factory=Counter)


def first_lines(keys: np.ndarray, lines: np.ndarray, earlier: FirstLines) -> np.ndarray:
    """For each row, the line of the first row with its key (itself when it is the first):
    earlier chunks first, then this chunk's rows in file order. The chunk's new keys are
    remembered in ``earlier``."""
    lines = np.asarray(lines, dtype=np.int64)
    before = earlier.lines_of(keys)
    frame = pd.DataFrame({"key": keys, "line": lines})
    first_here = frame.groupby("key", sort=False)["line"].transform("min").to_numpy()
    new = before == 0
    leaders = new & (first_here == lines)
    earlier.add(keys[leaders], lines[leaders])
    return np.where(new, first_here, before)
