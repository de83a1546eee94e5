"""Replies as Slack Block Kit blocks, always within Slack's limits (ingest reports and refusals
are in :mod:`bot.slack.report_blocks`, briefings in :mod:`bot.slack.briefings.blocks`).

Slack rejects a whole message (``invalid_blocks``, ``msg_blocks_too_long``) when one limit is
broken, so every builder here clips or splits to fit: 50 blocks, 3,000 characters of section
text, 10 fields of 2,000 characters, a 150-character header, and a cumulative text budget (the
API refuses messages of roughly 12,000+ characters of block text even when each block is fine).
Each builder also returns the short plain ``text`` Slack shows in notifications.
"""

from __future__ import annotations

import csv
import io
import json

from bot.export import neutralise
from bot.reply import Reply, Table, plain

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_FIELDS = 10
MAX_FIELD = 2000
MAX_HEADER = 150
MAX_CONTEXT_ELEMENTS = 10
# Undocumented cumulative limit (slackapi/bolt-js#2509: ~12,000 text characters); kept below it.
MAX_TOTAL_TEXT = 11_000
MAX_TABLE_ROWS = 25
MAX_CELL = 60
MAX_LINE = 1000
# A section clipped into what is left of the budget must still say something.
MIN_CLIPPED = 200
MAX_FALLBACK = 300
TABLE_BLOCK_ID = "table"
SHORTENED = ":scissors: This answer was shortened to fit in Slack."
_PREFIX = {"error": ":warning: ", "help": ":information_source: "}


def escape(text: str) -> str:
    """``text`` with ``&``, ``<`` and ``>`` escaped, as Slack needs; mrkdwn markers are kept."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """``text`` cut hard to ``limit`` characters ending in "…", never inside an ``&amp;``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    # An escape is at most 5 characters ("&amp;"): a '&' near the end without ';' was cut apart.
    if amp >= len(cut) - 4 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """``text`` in chunks of at most ``limit`` characters, split at paragraphs, lines or words.

    Only a single word longer than ``limit`` loses characters (cut with "…").
    """
    chunks: list[str] = []
    current = ""
    for separator, piece in _pieces(text, limit):
        if current and len(current) + len(separator) + len(piece) <= limit:
            current += separator + piece
        else:
            if current:
                chunks.append(current)
            current = piece
    return [chunk for chunk in [*chunks, current] if chunk.strip()]


def _pieces(text: str, limit: int) -> list[tuple[str, str]]:
    """(separator before it, piece) pairs: whole paragraphs, else lines, else words that fit."""
    pieces: list[tuple[str, str]] = []
    for paragraph in text.split("\n\n"):
        parts = [("", paragraph)] if len(paragraph) <= limit else _split_on(paragraph, "\n", limit)
        first, *rest = parts
        pieces += [("\n\n" if pieces else "", first[1]), *rest]
    return pieces


def _split_on(text: str, separator: str, limit: int) -> list[tuple[str, str]]:
    """Lines (then words) of an over-long paragraph, each within ``limit``."""
    out: list[tuple[str, str]] = []
    for n, part in enumerate(text.split(separator)):
        lead = separator if n else ""
        if len(part) <= limit:
            out.append((lead, part))
        elif separator == "\n":
            out += [(s or lead, w) for s, w in _split_on(part, " ", limit)]
        else:
            out.append((lead, clip(part, limit)))
    return out


def reply_blocks(
    reply: Reply,
    *,
    context_note: str = "",
    conversation: str | None = None,
    asker: str | None = None,
) -> tuple[list[dict], str]:
    """The reply as Block Kit blocks plus the plain notification text.

    Order: header, text sections, facts as fields, the table as a code block, and a context line
    with ``context_note`` and a hint that charts follow (they are uploaded as files after it).
    """
    title = _PREFIX.get(reply.kind, "") + (reply.title or "Answer")
    body = [_reading(reply.reading)] if reply.reading else []
    body += [_section(chunk) for chunk in split_text(escape(reply.text))]
    body += _field_sections([(name, value) for name, value in reply.facts])
    if reply.table is not None and reply.table.rows:
        body.append(_section(_table_text(reply.table), block_id=TABLE_BLOCK_ID))
    notes = [escape(context_note)] if context_note else []
    if reply.charts:
        notes.append(":bar_chart: " + ("chart below" if len(reply.charts) == 1 else "charts below"))
    buttons = [button_block(reply, conversation, asker=asker)] if reply.buttons else []
    for i, row in enumerate(reply.rows[:MAX_ROWS]):
        buttons += [
            _section(escape(row.text)),
            button_block(row, conversation, block_id=f"{ROW_BLOCK}_{i}", asker=asker),
        ]
    blocks = _fit(_header(title), body, notes, after=buttons)
    return blocks, _fallback(reply.title, plain(reply.text))


def button_value(said: str, conversation: str | None, asker: str | None = None) -> str:
    """What a button carries: its reply, the conversation it answers in, and whose it is (the
    Slack user the reply answered: another's click changes nothing of theirs)."""
    data = {"say": said[:500], "in": conversation, "by": asker}
    return json.dumps(data, separators=(",", ":"))


def button_asker(value: str) -> str | None:
    """The Slack user a button (a reply or a form button) belongs to, or None (anyone's)."""
    try:
        return json.loads(value).get("by") or None
    except (ValueError, TypeError, AttributeError):
        return None


def read_button_value(value: str) -> tuple[str, str | None]:
    """(reply, conversation) from :func:`button_value`'s text; a bare text is a reply alone."""
    try:
        data = json.loads(value)
        return str(data["say"]), (str(data["in"]) if data.get("in") else None)
    except (ValueError, TypeError, KeyError):
        return value, None


def form_value(form: str, fill: dict, conversation: str | None, asker: str | None = None) -> str:
    """What a form button carries: the form, its fields filled ahead, the conversation, whose."""
    data = {"form": form, "fill": fill, "in": conversation, "by": asker}
    return json.dumps(data, separators=(",", ":"))


def read_form_value(value: str) -> tuple[str, dict, str | None]:
    """(form, fields filled ahead, conversation) from :func:`form_value`'s text."""
    try:
        data = json.loads(value)
        return str(data["form"]), dict(data.get("fill") or {}), data.get("in")
    except (ValueError, TypeError, KeyError):
        return "", {}, None


BUTTON_ACTION = "workouts_reply"  # action ids are BUTTON_ACTION_<n>; the value is the reply
FORM_ACTION = "workouts_form"  # a form button's: FORM_ACTION_<n>; it opens a modal
MAX_BUTTONS = 5  # an actions block takes up to 25; more than a handful is no longer a choice
MAX_ROWS = 10  # a row is two blocks; ten leave room in Slack's fifty for the answer itself
REPLY_BLOCK = "workouts_replies"
ROW_BLOCK = "workouts_row"  # a row's actions block: workouts_row_<n>


def button_block(
    reply, conversation: str | None = None, *, block_id: str = REPLY_BLOCK, asker: str | None = None
) -> dict:
    """The buttons of a reply (or of one of its rows) as one actions block. Clicking one says
    its reply in ``conversation`` (the place the question was asked, which a private reply's DM
    is not)."""
    elements = []
    for i, button in enumerate(reply.buttons[:MAX_BUTTONS]):
        element = {
            "type": "button",
            "text": {"type": "plain_text", "text": clip(button.text, 75)},
            "action_id": f"{BUTTON_ACTION}_{i}",
            "value": button_value(button.reply, conversation, asker),
        }
        if button.form:
            element["action_id"] = f"{FORM_ACTION}_{i}"
            element["value"] = form_value(button.form, dict(button.fill), conversation, asker)
        if button.style:
            element["style"] = button.style
        elements.append(element)
    return {"type": "actions", "block_id": block_id, "elements": elements}


def _reading(text: str) -> dict:
    """How the question was read, as a small context line above the answer."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(escape(text), 3000)}]}


def table_is_cut(reply: Reply) -> bool:
    """Whether the message shows less than the whole table, so the caller should attach its CSV."""
    if reply.table is None or not reply.table.rows:
        return False
    blocks, _ = reply_blocks(reply)
    if not any(block.get("block_id") == TABLE_BLOCK_ID for block in blocks):
        return True
    return _table_layout(reply.table)[1] < len(reply.table.rows)


def table_csv(table: Table) -> bytes:
    """The whole table as UTF-8 CSV (CRLF), cells that a spreadsheet would run neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in (table.columns, *table.rows):
        writer.writerow([_csv_cell(str(cell)) for cell in row])
    return buffer.getvalue().encode("utf-8")


def _csv_cell(text: str) -> object:
    # Table cells are all text, so "-3.5" would look like a formula start; a number is safe as
    # is. float() skips surrounding whitespace, and a leading tab is itself unsafe: not a number.
    try:
        float(text)
    except ValueError:
        return neutralise(text)
    return text if text == text.strip() else neutralise(text)


def _table_text(table: Table) -> str:
    """The table as an aligned code block, cut to fit one section, with a line saying so."""
    lines, shown = _table_layout(table)
    text = "```\n" + "\n".join(lines) + "\n```"
    more = len(table.rows) - shown
    return text + (f"\n_… {more:,} more rows (full table attached as CSV)_" if more else "")


def _table_layout(table: Table) -> tuple[list[str], int]:
    """Escaped, padded lines (header, rule, rows) that fit a section, and how many rows made it."""
    candidates = table.rows[:MAX_TABLE_ROWS]
    cells = [[_cell(c) for c in row] for row in (table.columns, *candidates)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    padded = [escape("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()) for row in cells]
    # Very wide tables wrap in Slack anyway; a line cap keeps header and rule within a section.
    padded = [clip(line, MAX_LINE) for line in padded]
    lines = [padded[0], clip("  ".join("-" * w for w in widths), MAX_LINE)]
    # Room for the fences and the "… N more rows" line, which may be needed.
    size = sum(len(line) + 1 for line in lines) + 8 + 60
    for line in padded[1:]:
        size += len(line) + 1
        if size > MAX_SECTION:
            break
        lines.append(line)
    return lines, len(lines) - 2


def _cell(value: object) -> str:
    """One cell as plain text on one line: mrkdwn means nothing in a code block, and a backtick
    would close it early (``plain`` drops both)."""
    text = plain(str(value)).replace("\n", " ")
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _header(title: str) -> dict:
    text = clip(title.replace("\n", " "), MAX_HEADER)
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def _section(text: str, *, block_id: str = "") -> dict:
    block = {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, MAX_SECTION)}}
    return {**block, "block_id": block_id} if block_id else block


def _field_sections(facts: list[tuple[str, str]]) -> list[dict]:
    """Facts as "*name*\\nvalue" fields, ten to a section."""
    fields = [
        {"type": "mrkdwn", "text": clip(f"*{escape(name)}*\n{escape(value)}", MAX_FIELD)}
        for name, value in facts
    ]
    return [
        {"type": "section", "fields": fields[i : i + MAX_FIELDS]}
        for i in range(0, len(fields), MAX_FIELDS)
    ]


def _fit(header: dict, body: list[dict], notes: list[str], after: list[dict] = ()) -> list[dict]:
    """Header, as much of ``body`` as fits the block and text budgets, and a closing context.

    When something is left out the context says so; the last section that does not fit whole
    is clipped into the remaining budget rather than dropped, if a useful part of it fits.
    """
    budget = MAX_TOTAL_TEXT - _size(header) - sum(len(n) for n in notes) - len(SHORTENED)
    budget -= sum(_size(block) for block in after)
    room = MAX_BLOCKS - 2 - len(after)
    kept: list[dict] = []
    for block in body:
        if len(kept) >= room or _size(block) > budget:
            if _clippable(block) and budget >= MIN_CLIPPED and len(kept) < room:
                kept.append(_section(clip(block["text"]["text"], budget)))
            notes = [*notes, SHORTENED]
            break
        kept.append(block)
        budget -= _size(block)
    elements = [{"type": "mrkdwn", "text": clip(n, MAX_SECTION)} for n in notes]
    context = [{"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}] if notes else []
    return [header, *kept, *context, *after]


def _clippable(block: dict) -> bool:
    # Clipping the table would cut its code fence; fields cannot be clipped as one text.
    return "text" in block and block.get("block_id") != TABLE_BLOCK_ID


def _size(block: dict) -> int:
    """Characters of text in a block, as counted against the message's cumulative limit."""
    texts = [block.get("text"), *block.get("fields", []), *block.get("elements", [])]
    # A button's text is itself a text object.
    return sum(len(_text_of(t["text"])) for t in texts if t)


def _text_of(text: str | dict) -> str:
    return text["text"] if isinstance(text, dict) else text


def _fallback(title: str, text: str) -> str:
    """The notification text: title and the start of the text on one line, a few hundred chars."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    joined = f"{title}: {first}" if title and first else (title or first or "workouts")
    if len(joined) > MAX_FALLBACK:
        cut = joined[: MAX_FALLBACK - 1]
        # End at a word when one ends in the second half; escaping below may still clip more.
        space = cut.rfind(" ")
        joined = (cut[:space] if space > MAX_FALLBACK // 2 else cut) + "…"
    return clip(escape(joined), MAX_FALLBACK)
