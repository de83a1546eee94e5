"""The consistency chart marks the weakest dimension once, names classes as the owner does
(never a code, old or new, in any text drawn) and keeps the overall line off its label."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from matplotlib.collections import LineCollection

from analytics.charts import consistency_chart
from analytics.consistency import LabelStability, consistency_score
from analytics.frame import DOG_NAMES, WALK_NAMES
from tests.analytics.charts.captured import Drawn, recording

CODES = re.compile(r"real_run|pup_walk|run_walk|\bmixed\b|real run|pup walk|run walk|_")


@pytest.fixture
def drawn(monkeypatch) -> Drawn:
    return recording(monkeypatch)


def test_consistency_alt_marks_the_weakest(demo_frame):
    score = consistency_score(demo_frame, end=date(2025, 12, 31))
    alt = consistency_chart(score).alt
    assert f"{score.weakest}: {score.dimension(score.weakest).score:.0f}, the weakest" in alt
    assert alt.count("the weakest") == 1


def _with_codes(score, labels):
    """``score`` as a stored one may be: its performance note and inputs in class codes."""
    dims = []
    for d in score.dimensions:
        if d.name == "performance":
            stable = tuple(LabelStability(code, 10, 0.1, 0.2, 70.0) for code in labels)
            note = "stability by class: " + ", ".join(f"{code} 70" for code in labels)
            d = replace(d, note=note, inputs={"labels": stable})
        dims.append(d)
    return replace(score, dimensions=tuple(dims))


@pytest.mark.parametrize(
    ("names", "walk"), [(DOG_NAMES, "dog walk"), (WALK_NAMES, "walk")], ids=["dog", "no-dog"]
)
@pytest.mark.parametrize(
    "codes", [("run", "run_walk", "walk"), ("real_run", "mixed", "pup_walk")], ids=["new", "old"]
)
def test_no_internal_code_in_any_text_drawn(demo_frame, drawn, names, walk, codes):
    score = _with_codes(consistency_score(demo_frame, end=date(2025, 12, 31)), codes)
    image = consistency_chart(score, names=names)
    texts = drawn.texts()
    for text in [*texts, image.alt]:
        assert not CODES.search(text), text
    note = f"stability by class: run 70, run-walk 70, {walk} 70"
    assert note in texts
    assert note in image.alt


def test_the_owner_s_names_win_over_the_score_s(demo_frame, drawn):
    score = consistency_score(demo_frame, end=date(2025, 12, 31), names=DOG_NAMES)
    consistency_chart(score, names=WALK_NAMES)
    performance = next(t for t in drawn.texts() if t.startswith("stability by class"))
    assert "dog walk" not in performance and re.search(r"\bwalk \d", performance)


@pytest.mark.parametrize("end", [date(2025, 12, 31), date(2019, 3, 1), date(2023, 7, 15)])
def test_the_overall_line_never_cuts_its_label(demo_frame, drawn, end):
    score = consistency_score(demo_frame, end=end)
    consistency_chart(score)
    fig = drawn.last
    extents = dict(drawn.extents())
    label = extents[f"overall {score.score:.0f}"]
    (x0, y0), (x1, y1) = _overall_line(fig.axes[0])
    assert x0 == pytest.approx(x1)
    crosses_x = label.x0 - 1 <= x0 <= label.x1 + 1
    crosses_y = min(y0, y1) <= label.y1 and max(y0, y1) >= label.y0
    assert not (crosses_x and crosses_y), (label, (x0, y0, y1))


def _overall_line(ax) -> np.ndarray:
    """The ends, in pixels, of the dashed vertical line (drawn as a line or as a collection)."""
    for line in ax.lines:
        if line.get_linestyle() == "--":
            return line.get_transform().transform(line.get_xydata())
    line = next(c for c in ax.collections if isinstance(c, LineCollection))
    return ax.transData.transform(line.get_segments()[0])
