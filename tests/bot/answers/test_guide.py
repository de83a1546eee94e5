"""Help, and what is said when a request is not understood."""

from __future__ import annotations

from tests.bot.answers.conftest import ask_as


def test_unknown_input_gets_suggestions(engine):
    reply = ask_as(engine, "flibbertigibbet wobble")
    assert reply.kind == "help"
    assert "•" in reply.text and "help" in reply.text


def test_help_lists_every_command(engine):
    reply = ask_as(engine, "help")
    commands = {r[0].split()[0] for r in reply.table.rows}
    assert {"choco-effect", "briefing", "anomalies", "sql", "export", "units", "label"} <= commands
