"""Analysis answers on the demo history: anomalies and trends."""

from __future__ import annotations

from tests.bot.answers.conftest import PNG, ask_as


def test_anomalies_this_month(engine):
    reply = ask_as(engine, "any anomalies this month?")
    assert "from 2025-12-01 to 2025-12-20" in reply.title
    assert reply.kind == "answer"


def test_pace_trend_since_march(engine):
    reply = ask_as(engine, "pace trend since March")
    assert reply.title == "Pace trend, 2025-03-01 to 2025-12-20"
    assert "run pace" in reply.text.lower()
    assert reply.charts[0].png.startswith(PNG)
