"""The file-wide memory of a chunked ingest: first lines of keys across many chunks."""

import numpy as np

from etl.ingest.seen import FirstLines, first_lines, hashes


def test_first_lines_span_chunks_and_survive_the_merging_of_runs():
    rng = np.random.default_rng(7)
    words = [f"id-{n}" for n in rng.integers(0, 60, size=400)]
    earlier = FirstLines()
    found = []
    for start in range(0, len(words), 13):  # 31 chunks: runs are merged several times
        chunk = words[start : start + 13]
        lines = np.arange(start, start + len(chunk)) + 2
        found += first_lines(hashes(chunk), lines, earlier).tolist()
    expected = []
    first: dict[str, int] = {}
    for line, word in enumerate(words, start=2):
        expected.append(first.setdefault(word, line))
    assert found == expected
    assert len(earlier) == len(set(words))


def test_unseen_keys_have_no_first_line():
    earlier = FirstLines()
    assert earlier.lines_of(hashes(["a", "b"])).tolist() == [0, 0]
    earlier.add(hashes(["a"]), np.array([5]))
    assert earlier.lines_of(hashes(["b", "a"])).tolist() == [0, 5]
