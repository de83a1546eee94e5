"""The optional local language model, against a stub OpenAI-compatible server on 127.0.0.1.

The stub records every request and plays one reply at a time: a good reading, a fenced one,
junk, a reading with a field or value outside the schema, an answer instead of a query, a slow
reply, a 500. Today is fixed to Wednesday 2025-06-18.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import time
from datetime import date

import pytest

from bot.language import llm
from bot.language.intent import DateRange, WorkoutRef
from bot.language.llm import NOTE, ModelSettings, build_prompt, read_with_model
from bot.language.query import Query
from etl.settings import load_settings
from tests.bot.conftest import Stub

TODAY = date(2025, 6, 18)
QUESTION = "how many runs did I squeeze in during 2019"
GOOD = {
    "kind": "summary",
    "measure": "count",
    "aggregate": "total",
    "classes": ["run"],
    "periods": [{"start": "2019-01-01", "end": "2019-12-31", "phrase": "during 2019"}],
}
EXPECTED = Query(
    kind="summary",
    text=QUESTION,
    measure="count",
    aggregate="total",
    classes=("run",),
    periods=(DateRange(date(2019, 1, 1), date(2019, 12, 31), "during 2019"),),
    notes=(NOTE,),
)


def settings_for(stub: Stub, **changes) -> ModelSettings:
    return ModelSettings(url=stub.url, model="llama3.2", **changes)


def ask(stub: Stub, text: str = QUESTION, **changes) -> Query | None:
    return read_with_model(text, today=TODAY, settings=settings_for(stub, **changes))


def test_a_good_reading_becomes_the_query_with_its_dates_parsed(stub):
    stub.reply(GOOD)
    query = ask(stub)
    assert query == EXPECTED
    assert query.period.start == date(2019, 1, 1)
    assert query.notes == ("Read by your local language model.",)
    assert query.text == QUESTION


def test_a_reading_in_a_json_code_fence_is_accepted(stub):
    stub.reply("```json\n" + json.dumps(GOOD, indent=2) + "\n```")
    assert ask(stub) == EXPECTED
    stub.reply("```\n" + json.dumps(GOOD) + "\n```")
    assert ask(stub) == EXPECTED


def test_nulls_and_empty_values_leave_fields_at_their_defaults(stub):
    stub.reply({**GOOD, "by": None, "unit": "", "ignored": [], "output": None})
    assert ask(stub) == EXPECTED


def test_a_reading_with_every_kind_of_field_is_checked_and_kept(stub):
    stub.reply(
        {
            "kind": "map",
            "workout": {"day": "2025-06-17", "label": "run"},
            "output": "chart",
            "visibility": "private",
            "ignored": ["please"],
        }
    )
    query = ask(stub, "please map yesterday's jog, privately")
    assert query.workout == WorkoutRef(day=date(2025, 6, 17), label="run")
    assert (query.output, query.visibility, query.ignored) == ("chart", "private", ("please",))
    stub.reply({"kind": "summary", "min_distance_m": 5000, "classes": ["run"]})
    assert ask(stub, "runs of 5k or more").min_distance_m == 5000.0


@pytest.mark.parametrize(
    "content",
    [
        "{kind: summary}",
        '{"kind": "summary", ',
        "Sure! Here is the query you asked for.",
        "",
        "```json\nnot json\n```",
    ],
)
def test_a_reply_that_is_not_json_gives_none(stub, content):
    stub.reply(content)
    assert ask(stub) is None


@pytest.mark.parametrize(
    "reading",
    [
        pytest.param({**GOOD, "colour": "red"}, id="unknown field"),
        pytest.param({**GOOD, "text": "something else"}, id="text is not the model's"),
        pytest.param({**GOOD, "notes": ["trust me"]}, id="notes are not the model's"),
        pytest.param({**GOOD, "choices": []}, id="choices are not the model's"),
        pytest.param({**GOOD, "kind": "dance"}, id="unknown kind"),
        pytest.param({**GOOD, "kind": "unknown"}, id="no reading"),
        pytest.param({"kind": "sql", "sql": "SELECT 1"}, id="sql written by the model"),
        pytest.param({"kind": "confirm"}, id="a guessed confirmation"),
        pytest.param({**GOOD, "measure": "speed"}, id="unknown measure"),
        pytest.param({**GOOD, "classes": ["jogging"]}, id="unknown class"),
        pytest.param({**GOOD, "classes": "run"}, id="a class instead of a list"),
        pytest.param({**GOOD, "unit": "miles"}, id="unknown unit"),
        pytest.param({**GOOD, "action": "delete_everything"}, id="unknown action"),
        pytest.param({**GOOD, "min_distance_m": "5k"}, id="text for metres"),
        pytest.param({**GOOD, "min_distance_m": True}, id="a boolean for metres"),
        pytest.param({**GOOD, "year": "2019"}, id="text for a year"),
        pytest.param({"measure": "count"}, id="no kind"),
        pytest.param(
            {**GOOD, "periods": [{"start": "2019-02-30", "end": "2019-12-31"}]}, id="no such day"
        ),
        pytest.param({**GOOD, "periods": [{"start": "2019"}]}, id="not an ISO date"),
        pytest.param(
            {**GOOD, "periods": [{"start": "2019-12-31", "end": "2019-01-01"}]}, id="backwards"
        ),
        pytest.param({**GOOD, "periods": [{"start": "2019-01-01", "days": 3}]}, id="period key"),
        pytest.param({**GOOD, "periods": [GOOD["periods"][0]] * 3}, id="three periods"),
        pytest.param({"kind": "why", "workout": {"name": "Ann"}}, id="workout key"),
        pytest.param({**GOOD, "ignored": ["banana"]}, id="an ignored word never said"),
    ],
)
def test_a_reading_outside_the_schema_is_rejected(stub, reading):
    stub.reply(reading)
    assert ask(stub) is None


@pytest.mark.parametrize(
    "content",
    [
        pytest.param({"answer": 57}, id="an answer object"),
        pytest.param({**GOOD, "count": 57}, id="a query with its result"),
        pytest.param({**GOOD, "result": "You ran 57 times."}, id="a query with a sentence"),
        pytest.param("57", id="a number"),
        pytest.param('["summary", 57]', id="a list"),
        pytest.param("You ran 57 times in 2019.", id="a sentence"),
    ],
)
def test_an_answer_with_numbers_instead_of_a_query_is_rejected(stub, content):
    stub.reply(content)
    assert ask(stub) is None


@pytest.mark.parametrize(
    "body",
    [b"not json", b'{"choices": []}', b'{"error": "model not found"}', b"[1, 2]", b""],
)
def test_a_reply_that_is_no_chat_completion_gives_none(stub, body):
    stub.body = body
    assert ask(stub) is None


def test_a_slow_reply_gives_none_within_the_deadline(stub):
    stub.reply(GOOD)
    stub.delay = 3.0
    started = time.monotonic()
    assert ask(stub) is None
    assert time.monotonic() - started < 2.6


def test_a_server_error_gives_none(stub):
    stub.reply(GOOD)
    stub.status = 500
    assert ask(stub) is None


def test_a_redirect_is_not_followed(stub):
    # Following it would carry the question (and the key) to another address.
    stub.reply(GOOD)
    stub.status = 307
    stub.headers = {"Location": stub.url + "/elsewhere"}
    assert ask(stub, key="sk-secret") is None
    assert len(stub.requests) == 1


def test_a_closed_port_gives_none_at_once():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    settings = ModelSettings(url=f"http://127.0.0.1:{port}/v1")
    assert read_with_model(QUESTION, today=TODAY, settings=settings) is None
    assert time.monotonic() - started < 2.6


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/v1", "127.0.0.1:11434", "http://u:p@host/v1"]
)
def test_only_a_plain_http_url_is_used(url, monkeypatch):
    monkeypatch.setattr(llm, "_post", _must_not_be_called)
    assert read_with_model(QUESTION, today=TODAY, settings=ModelSettings(url=url)) is None


def test_the_request_carries_the_question_and_today_only(stub):
    stub.reply(GOOD)
    ask(stub)
    (request,) = stub.requests
    assert request["path"] == "/v1/chat/completions"
    body = json.loads(request["body"])
    assert set(body) == {"model", "messages", "temperature", "stream", "response_format"}
    assert body["model"] == "llama3.2"
    assert body["response_format"] == {"type": "json_object"}
    system, user = body["messages"]
    assert user == {"role": "user", "content": QUESTION}
    # The prompt is built from the schema and the date alone: nothing else can be in it.
    assert system == {"role": "system", "content": build_prompt(TODAY)}
    assert "Today is 2025-06-18" in system["content"]
    assert build_prompt(TODAY) != build_prompt(date(2025, 6, 19))
    assert "Authorization" not in request["headers"]


def test_the_prompt_lists_every_field_and_its_allowed_values():
    from bot.language.query import AGGREGATES, BREAKDOWNS, CLASSES, MEASURES, OUTPUTS

    prompt = build_prompt(TODAY)
    for name in sorted(llm._FIELDS):
        assert re.search(rf"(^|\s){name}(:|,| \()", prompt, re.MULTILINE), name
    for value in (*MEASURES, *AGGREGATES, *BREAKDOWNS, *OUTPUTS, *CLASSES):
        assert value in prompt


def test_the_model_name_and_key_are_sent_as_configured(stub):
    stub.reply(GOOD)
    read_with_model(
        QUESTION,
        today=TODAY,
        settings=ModelSettings(url=stub.url + "/chat/completions/", model="qwen2.5:3b", key="sk-1"),
    )
    (request,) = stub.requests
    assert request["path"] == "/v1/chat/completions"
    assert json.loads(request["body"])["model"] == "qwen2.5:3b"
    assert request["headers"]["Authorization"] == "Bearer sk-1"


def test_a_proxy_in_the_environment_is_not_used(stub, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{dead}")
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    stub.reply(GOOD)
    assert ask(stub) == EXPECTED


def test_off_makes_no_request(stub, monkeypatch):
    monkeypatch.setattr(llm, "_post", _must_not_be_called)
    assert read_with_model(QUESTION, today=TODAY, settings=ModelSettings(url="")) is None
    assert read_with_model(QUESTION, today=TODAY, settings=load_settings({}).llm) is None
    assert stub.requests == []


def test_a_failure_logs_one_debug_line_without_the_key(stub, caplog):
    stub.reply("no idea")
    with caplog.at_level(logging.DEBUG, logger="workouts.llm"):
        assert ask(stub, key="sk-very-secret") is None
    (record,) = [r for r in caplog.records if r.name == "workouts.llm"]
    assert record.levelno == logging.DEBUG
    assert "sk-very-secret" not in caplog.text
    assert QUESTION not in caplog.text


def test_settings_from_the_environment_reach_the_model(stub):
    stub.reply(GOOD)
    env = {"WORKOUTS_LLM_URL": stub.url, "WORKOUTS_LLM_MODEL": "phi3", "WORKOUTS_LLM_KEY": "k-9"}
    loaded = load_settings(env).llm
    assert read_with_model(QUESTION, today=TODAY, settings=loaded) == EXPECTED
    settings = ModelSettings.of(loaded)
    assert (settings.model, settings.key, settings.timeout) == ("phi3", "k-9", 2.0)
    assert "k-9" not in repr(settings)
    assert json.loads(stub.requests[0]["body"])["model"] == "phi3"


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("no request may be made")
