"""An optional local language model that fills in a :class:`Query` the grammar could not read.

Owners who run a model on their own machine (Ollama, a llama.cpp server, anything with an
OpenAI-compatible ``/chat/completions``) can point ``WORKOUTS_LLM_URL`` at it. The caller asks
it only when the grammar gave up; the model is asked only to fill the structured query as one
JSON object, never to answer, so every number still comes from the engine.

What leaves the process: the question text and today's date (inside a prompt built from the
query's schema), to the configured URL only: no proxy from the environment, no redirects, no
workouts, names or tokens. What comes back is trusted no more than a typed command: it must
name only the fields listed in the prompt, with their allowed values and types, and become a
valid :class:`Query`; anything else, a non-JSON or slow reply (2 s in all, connection included)
or a server that is down gives None, and the caller asks the person back.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.language.intent import LABELS
from bot.language.query import (
    AGGREGATES,
    BREAKDOWNS,
    CLASSES,
    EVENT_KINDS,
    KINDS,
    MEASURES,
    OUTPUTS,
    Query,
    from_dict,
)

if TYPE_CHECKING:
    from etl.settings import LlmSettings

log = logging.getLogger("workouts.llm")

NOTE = "Read by your local language model."
DEFAULT_MODEL = "llama3.2"
DEFAULT_TIMEOUT = 2.0
# A reading is a few hundred bytes; a reply much larger than this is not one.
MAX_REPLY_BYTES = 64 * 1024

# What the model may not choose: SQL it wrote itself would be the model computing, and a
# confirmation or an undo it guessed would change data nobody confirmed. "unknown" is no reading.
_MODEL_KINDS = tuple(k for k in KINDS if k not in {"sql", "confirm", "undo", "unknown"})
_ACTIONS = ("show", "list", "add", "remove", "retrain")
_FORMATS = ("csv", "json")
_VISIBILITIES = ("public", "private")
_UNITS = ("mi", "km")

# Every field the model may fill, with its allowed values (None: free text, checked by type).
_CHOICES: dict[str, tuple[str, ...] | None] = {
    "kind": _MODEL_KINDS,
    "measure": MEASURES,
    "aggregate": AGGREGATES,
    "by": BREAKDOWNS,
    "unit": _UNITS,
    "output": OUTPUTS,
    "new_label": LABELS,
    "action": _ACTIONS,
    "event_kind": EVENT_KINDS,
    "format": _FORMATS,
    "visibility": _VISIBILITIES,
    "activity": None,
    "event_name": None,
}
_NUMBERS = ("min_distance_m", "max_distance_m")
_FIELDS = frozenset(
    {*_CHOICES, *_NUMBERS, "classes", "periods", "workout", "event_date", "year", "ignored"}
)
_FENCE = re.compile(r"^```[A-Za-z]*\s*\n?(.*?)\n?\s*```$", re.DOTALL)


@dataclass(frozen=True)
class ModelSettings:
    """Where the local model is and how long to wait for it. ``key`` is a secret (see repr)."""

    url: str = ""
    model: str = DEFAULT_MODEL
    key: str = ""
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def of(cls, settings: LlmSettings) -> ModelSettings:
        """The model settings from the ones read at start-up (``Settings.llm``)."""
        return cls(url=settings.url, model=settings.model, key=settings.key)

    def __repr__(self) -> str:
        url = self.url
        if "@" in urlsplit(url).netloc:
            url = "<a URL with credentials>"
        return (
            f"ModelSettings(url={url!r}, model={self.model!r}, "
            f"key={'set' if self.key else 'unset'}, timeout={self.timeout})"
        )


def read_with_model(
    text: str, *, today: date, settings: ModelSettings | LlmSettings
) -> Query | None:
    """The model's reading of ``text`` as a validated :class:`Query`, or None.

    None when no model is configured (nothing is sent), and when the server is unreachable,
    slow, answers badly, or its reading is not a valid query: the caller then asks back.
    """
    if not settings.url:
        return None
    timeout = getattr(settings, "timeout", DEFAULT_TIMEOUT)
    try:
        endpoint = _endpoint(settings.url)
        body = _request_body(text, today=today, model=settings.model or DEFAULT_MODEL)
        raw = _post(endpoint, body, key=settings.key, timeout=timeout)
        reading = _validated(_reading(raw), question=text)
        query = from_dict(reading)
    except _NoReading as exc:
        log.debug("local language model gave no reading: %s", exc)
        return None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        # Messages are ours or the standard library's about the reply; never the key or URL.
        log.debug("local language model reading refused: %s", _short(exc))
        return None
    return replace(query, text=text, notes=(*query.notes, NOTE))


def build_prompt(today: date) -> str:
    """The system prompt: the query's schema, its allowed values and the date conventions.

    It depends on ``today`` only, so nothing but the date and the question leaves the machine.
    """
    week_start = date.fromordinal(today.toordinal() - today.weekday())
    lines = [
        "You translate one question about the asker's own workouts into a structured query.",
        "Do not answer the question and never write numbers that are results: only fill in the",
        "query. Reply with exactly one JSON object and nothing else.",
        "",
        f"Today is {today.isoformat()} ({today.strftime('%A')}).",
        "",
        "Keys (leave a key out when the question does not say it; use no other key):",
        f"- kind (required): one of {_list(_MODEL_KINDS)}. 'summary' covers every count, total,",
        "  average, rate, best and latest of workouts; 'day' lists one day's workouts; 'compare'",
        "  needs two periods; 'story' is before/after a life event.",
        f"- measure: one of {_list(MEASURES)} (frequency = workouts per week).",
        f"- aggregate: one of {_list(AGGREGATES)} (per_week / per_month are rates).",
        f"- by: one of {_list(BREAKDOWNS)}: a breakdown; with aggregate 'best' it is what is",
        "  ranked ('best month ever': aggregate best, by month).",
        f"- classes: a list of workout classes from {_list(CLASSES)}",
        "  (a run is run, a dog walk is walk).",
        "- activity: one word the logged activity type must contain ('hike', 'treadmill').",
        "- min_distance_m, max_distance_m: a distance band in metres ('5k+' is min 5000).",
        "- periods: a list of zero, one or two periods (two only to compare), each",
        '  {"start": "YYYY-MM-DD", "end": "YYYY-MM-DD", "phrase": "the words used"};',
        "  start and end are inclusive ISO dates, null for open-ended.",
        f"- unit: one of {_list(_UNITS)}, only when the question names one.",
        f"- output: one of {_list(OUTPUTS)} (default text).",
        '- workout: {"id": a workout number, or "day": "YYYY-MM-DD" and "label": a class},',
        "  for the one workout a why, map, label or day question names.",
        f"- new_label: one of {_list(LABELS)} (the class to set, for kind label).",
        f"- action: one of {_list(_ACTIONS)}.",
        "- event_name: a life event's name; event_date: its day as YYYY-MM-DD;",
        f"  event_kind: one of {_list(EVENT_KINDS)}.",
        "- year: a year as a number (for calendar).",
        f"- format: one of {_list(_FORMATS)} (for export).",
        f"- visibility: one of {_list(_VISIBILITIES)}, only when the question says so.",
        "- ignored: a list of words of the question that change nothing.",
        "",
        "Dates, as this app reads them: weeks run Monday to Sunday. 'This week/month/year'",
        f"runs from its first day to today ('this week' is {week_start.isoformat()} to",
        f"{today.isoformat()}, 'this year' {today.year}-01-01 to {today.isoformat()}); 'last",
        f"week/month/year' is the whole previous one ('last year' is {today.year - 1}-01-01 to",
        f"{today.year - 1}-12-31); 'last 30 days' ends today and includes it; 'since March' runs",
        "from March 1 to today; a year or a month alone is all of it.",
        "",
        "Example: 'how many runs did I do in 2019' ->",
        '{"kind": "summary", "measure": "count", "aggregate": "total", "classes": ["run"],',
        ' "periods": [{"start": "2019-01-01", "end": "2019-12-31", "phrase": "in 2019"}]}',
    ]
    return "\n".join(lines)


class _NoReading(Exception):
    """The server gave nothing usable (down, slow, an HTTP error, not a chat completion)."""


def _list(values) -> str:
    return ", ".join(values)


def _short(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def _endpoint(url: str) -> str:
    parts = urlsplit(url)
    # Only a web server: a file: or ftp: URL would read or send something else entirely.
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _NoReading("WORKOUTS_LLM_URL is not an http(s) URL")
    if "@" in parts.netloc:
        raise _NoReading("WORKOUTS_LLM_URL carries credentials: put a token in WORKOUTS_LLM_KEY")
    base = url.rstrip("/")
    return base if base.endswith("/chat/completions") else base + "/chat/completions"


def _request_body(text: str, *, today: date, model: str) -> dict:
    return {
        "model": model,
        "messages": [
            {"role": "system", "content": build_prompt(today)},
            {"role": "user", "content": text},
        ],
        "temperature": 0,
        "stream": False,
        "response_format": {"type": "json_object"},
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirect would carry the question (and the Authorization header) to another address.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


# No ProxyHandler from the environment: the question goes to the configured URL and nowhere else.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def _post(endpoint: str, body: dict, *, key: str, timeout: float) -> bytes:
    """POST ``body`` and return the reply's bytes, all within ``timeout`` seconds.

    urllib's timeout bounds each socket operation, not the whole exchange (a name lookup has
    none at all), so the exchange runs in a daemon thread and is abandoned at the deadline.
    """
    deadline = time.monotonic() + timeout
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(
        endpoint, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    outcome: dict = {}
    done = threading.Event()

    def exchange() -> None:
        try:
            outcome["body"] = _fetch(request, deadline)
        except Exception as exc:
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=exchange, name="workouts-llm", daemon=True).start()
    if not done.wait(max(0.0, deadline - time.monotonic())):
        raise _NoReading(f"no reply within {timeout:g} s")
    error = outcome.get("error")
    if isinstance(error, _NoReading):
        raise error
    if isinstance(error, urllib.error.HTTPError):
        error.close()
        raise _NoReading(f"HTTP {error.code}")
    if isinstance(error, urllib.error.URLError):
        raise _NoReading(f"unreachable ({str(error.reason)[:200]})")
    if isinstance(error, OSError):
        raise _NoReading(f"unreachable ({type(error).__name__})")
    if error is not None:
        # Only its type: an http.client message may quote the URL.
        raise _NoReading(f"failed ({type(error).__name__})")
    return outcome["body"]


def _fetch(request: urllib.request.Request, deadline: float) -> bytes:
    with _OPENER.open(request, timeout=max(0.01, deadline - time.monotonic())) as response:
        chunks, size = [], 0
        while chunk := response.read1(8192):
            size += len(chunk)
            if size > MAX_REPLY_BYTES:
                raise _NoReading(f"reply larger than {MAX_REPLY_BYTES} bytes")
            if time.monotonic() > deadline:
                raise _NoReading("reply still arriving at the deadline")
            chunks.append(chunk)
    return b"".join(chunks)


def _reading(raw: bytes) -> dict:
    """The JSON object in the chat completion's first message (a ```json fence is unwrapped)."""
    try:
        content = json.loads(raw)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise _NoReading("not an OpenAI-style chat completion") from None
    if not isinstance(content, str):
        raise ValueError("the message content is not text")
    content = content.strip()
    fenced = _FENCE.match(content)
    if fenced:
        content = fenced[1].strip()
    data = json.loads(content)
    if not isinstance(data, dict):
        raise ValueError(f"the reading is a JSON {type(data).__name__}, not an object")
    return data


def _validated(data: dict, *, question: str) -> dict:
    """``data`` checked field by field (names, types, allowed values), ready for from_dict.

    from_dict checks names and the enumerated values; the types are checked here because a
    model may write "5k" where metres are due, or a sentence where a list is.
    """
    unknown = set(data) - _FIELDS
    if unknown:
        raise ValueError(f"field(s) not in the schema: {', '.join(sorted(unknown))}")
    # A model often writes null or "" for "not said": both leave the field at its default.
    values = {k: v for k, v in data.items() if v is not None and v != "" and v != []}
    if "kind" not in values:
        raise ValueError("no kind")
    for name, allowed in _CHOICES.items():
        if name in values:
            values[name] = _text(values[name], name, allowed)
    for name in _NUMBERS:
        if name in values:
            values[name] = _metres(values[name], name)
    if "classes" in values:
        values["classes"] = [_text(c, "class", CLASSES) for c in _items(values["classes"])]
    if "periods" in values:
        values["periods"] = [_period(p) for p in _items(values["periods"])]
        if len(values["periods"]) > 2:
            raise ValueError("more than two periods")
    if "workout" in values:
        values["workout"] = _workout(values["workout"])
    if "event_date" in values:
        values["event_date"] = _iso_day(values["event_date"], "event_date")
    if "year" in values:
        values["year"] = _year(values["year"])
    if "ignored" in values:
        values["ignored"] = [_word_of(w, question) for w in _items(values["ignored"])]
    return values


def _items(value) -> list:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, not {type(value).__name__}")
    return value


def _text(value, name: str, allowed: tuple[str, ...] | None) -> str:
    if not isinstance(value, str) or len(value) > 100:
        raise TypeError(f"{name} must be short text")
    if allowed is not None and value not in allowed:
        raise ValueError(f"{name} {value!r} is not one of the allowed values")
    return value


def _metres(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{name} must be a number of metres")
    if not math.isfinite(value) or not 0 <= value <= 1_000_000:
        raise ValueError(f"{name} is out of range")
    return float(value)


def _iso_day(value, name: str) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{name} must be a YYYY-MM-DD date")
    date.fromisoformat(value)  # raises on 2024-02-30
    return value


def _period(value) -> dict:
    if not isinstance(value, dict) or set(value) - {"start", "end", "phrase"}:
        raise ValueError("a period is {start, end, phrase}")
    start = value.get("start")
    end = value.get("end")
    start = _iso_day(start, "start") if start else None
    end = _iso_day(end, "end") if end else None
    if start and end and start > end:
        raise ValueError("a period ends before it starts")
    phrase = value.get("phrase") or ""
    if not isinstance(phrase, str):
        raise TypeError("a period's phrase must be text")
    return {"start": start, "end": end, "phrase": phrase}


def _workout(value) -> dict:
    if not isinstance(value, dict) or set(value) - {"id", "day", "label"}:
        raise ValueError("a workout is {id, day, label}")
    number = value.get("id")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
        raise TypeError("a workout id must be a whole number")
    day = _iso_day(value["day"], "day") if value.get("day") else None
    label = _text(value["label"], "label", CLASSES) if value.get("label") else None
    if number is None and day is None:
        raise ValueError("a workout needs an id or a day")
    return {"id": number, "day": day, "label": label}


def _year(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise ValueError("year must be a year like 2020")
    return value


def _word_of(value, question: str) -> str:
    # An ignored word must be the asker's: the model may not add words they did not say.
    if not isinstance(value, str) or value.lower() not in question.lower():
        raise ValueError("an ignored word is not in the question")
    return value
