"""Workouts frames for analytics tests, built without a database.

``demo_frame`` is the demo history as the ETL stores it, plus ``truth`` (the generator's label)
and ``label`` (set to the truth, with non-foot workouts labelled by category, as the classifier
would), so analytics other than the classifier can be tested against known classes.
"""

from __future__ import annotations

import pandas as pd
import pytest

from etl.demo.mapmyrun import generate_history
from etl.ingest.extract import RawFile
from etl.ingest.parse import frame_of


def workouts_frame_from_csv(text: str) -> pd.DataFrame:
    """Parse export text through the real ETL into the frame the analytics read."""
    return frame_of(RawFile("t.csv", text.encode()))


@pytest.fixture(scope="session")
def demo_history():
    return generate_history()


@pytest.fixture(scope="session")
def _demo_frame(demo_history) -> pd.DataFrame:
    frame = workouts_frame_from_csv(demo_history.csv_text)
    truth = demo_history.truth.set_index("source_id")["label"]
    frame["truth"] = frame["source_id"].map(truth)
    frame["label"] = frame["truth"].where(frame["truth"] != "other", frame["category"])
    return frame


@pytest.fixture
def demo_frame(_demo_frame) -> pd.DataFrame:
    """A fresh copy per test, so a test may change it freely."""
    return _demo_frame.copy()
