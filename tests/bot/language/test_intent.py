"""The commands are declared once (bot.language.intent): the parser, the suggestions and help
cover exactly the declared set, and every command reads as a query the answers can route."""

from __future__ import annotations

from datetime import date

import pytest

from bot.answers import ROUTES
from bot.answers.guide import answer_help
from bot.language import parser
from bot.language import words as W
from bot.language.intent import BY_NAME, COMMANDS, INTENTS, Intent
from bot.language.query import KINDS
from bot.language.reader import from_intent

TODAY = date(2025, 12, 20)
DECLARED = {c.name for c in COMMANDS}


def test_names_and_words_are_unique():
    assert len(DECLARED) == len(COMMANDS)
    words = [w for c in COMMANDS for w in c.words]
    assert len(words) == len(set(words)), "a word calls one command only"
    assert set(INTENTS) == DECLARED | {"unknown"}


def test_every_kind_of_query_has_an_answer_and_every_command_a_kind():
    assert set(ROUTES) == set(KINDS)
    for command in COMMANDS:
        kind = from_intent(parser.parse(command.example, today=TODAY)).kind
        assert kind in ROUTES and kind != "unknown", command.name


def test_the_parser_builds_every_declared_command():
    # sql is read before any other word (a statement may contain anything); the rest by builder.
    assert set(parser._BUILDERS) | {"sql"} == DECLARED


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_word_of_a_command_calls_it(command):
    for word in command.words:
        assert W.COMMANDS[word] == command.name
    assert W.CANONICAL[command.name] == command.words[0]
    assert parser.parse(command.example, today=TODAY).name == command.name
    if command.help_example:
        assert parser.parse(command.help_example, today=TODAY).name == command.name


def test_help_shows_every_command_but_itself():
    reply = answer_help(Intent("help"), None)
    shown = [row[0] for row in reply.table.rows]
    assert shown == [c.syntax for c in COMMANDS if c.name != "help"]
    assert set(W.USAGE) == DECLARED
    assert all(name in BY_NAME for name in W.RELATED)
    assert all(set(related) <= DECLARED for related in W.RELATED.values())
