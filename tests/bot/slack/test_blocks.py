"""Block Kit rendering: every message within Slack's limits, nothing silently lost."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from slack_sdk.models.blocks import Block

from analytics.charts.style import ChartImage
from bot.reply import Reply, Table
from bot.slack import blocks as kit
from bot.slack import report_blocks as report_kit
from etl.db.engine import open_store
from etl.ingest.extract import RawFile
from etl.ingest.pipeline import ingest_file
from etl.report import FileRefusal, IngestReport, RowIssue
from tests.helpers import export_text, link, row

LIMITS = {"header": 150, "section": 3000, "field": 2000, "context": 3000}
BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")


def check(blocks: list[dict], text: str) -> list[dict]:
    """Fail unless ``blocks`` and ``text`` make a message Slack accepts; returns the blocks."""
    assert 1 <= len(blocks) <= 50
    assert text.strip() and len(text) <= 300 and "\n" not in text
    ids = [b["block_id"] for b in blocks if "block_id" in b]
    assert len(ids) == len(set(ids))
    total = sum(_check_block(block) for block in blocks)
    assert total <= 12_000, "Slack refuses messages with more block text (msg_blocks_too_long)"
    return blocks


def _check_block(block: dict) -> int:
    """The block's text size, after checking its type, text objects and limits."""
    kind = block["type"]
    assert kind in {"header", "section", "context", "divider"}
    Block.parse(block).validate_json()  # slack_sdk's own checks, on top of the ones below
    if kind == "header":
        return _check_text(block["text"], "header", "plain_text")
    if kind == "section":
        fields = block.get("fields", [])
        assert ("text" in block or fields) and len(fields) <= 10
        size = sum(_check_text(f, "field") for f in fields)
        return size + (_check_text(block["text"], "section") if "text" in block else 0)
    if kind == "context":
        assert 1 <= len(block["elements"]) <= 10
        return sum(_check_text(e, "context") for e in block["elements"])
    return 0


def _check_text(obj: dict, where: str, kind: str = "mrkdwn") -> int:
    assert obj["type"] == kind and 1 <= len(obj["text"]) <= LIMITS[where], where
    if kind == "mrkdwn":  # escaped: no raw < > and no & outside an escape
        assert not re.search("[<>]", obj["text"]) and not BARE_AMPERSAND.search(obj["text"])
    return len(obj["text"])


def render(reply: Reply, **options) -> list[dict]:
    return check(*kit.reply_blocks(reply, **options))


def sections(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b]


@pytest.mark.parametrize(
    ("kind", "title", "starts", "length"),
    [
        ("answer", "Your runs", "Your runs", 9),
        ("error", "Sorry", ":warning: Sorry", 15),
        ("help", "What I can do", ":information_source: What I can do", 34),
        ("answer", "x" * 400, "xxx", 150),
        ("error", "y" * 400, ":warning: yyy", 150),
        ("answer", "", "Answer", 6),
    ],
)
def test_header_has_emoji_and_is_capped(kind, title, starts, length):
    header = render(Reply(title=title, text="body", kind=kind))[0]
    assert header["type"] == "header" and header["text"]["emoji"] is True
    assert header["text"]["text"].startswith(starts) and len(header["text"]["text"]) == length


LONG_TEXTS = {
    "paragraphs": "\n\n".join(f"Paragraph {n} " + "word " * 60 for n in range(30)),
    "lines": "\n".join(f"• line {n} with *bold* and _italic_ text" for n in range(250)),
    "one line": " ".join(f"w{n}" for n in range(1900)),
}


@pytest.mark.parametrize("name", LONG_TEXTS)
def test_long_text_is_split_into_sections_without_losing_words(name):
    text = LONG_TEXTS[name]
    assert 9_000 < len(text) < 11_000
    chunks = sections(render(Reply(title="Long", text=text)))
    assert len(chunks) >= 4 and all(len(chunk) <= 3000 for chunk in chunks)
    assert " ".join(chunks).split() == text.split()


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("a\n\nb\nc", 3000, ["a\n\nb\nc"]),  # what fits is kept exactly
        ("*bold* _it_\n\n\n• one\n  • two", 3000, ["*bold* _it_\n\n\n• one\n  • two"]),
        ("aaaa\n\nbb\ncc", 8, ["aaaa", "bb\ncc"]),  # a paragraph break before a line break
        ("x" * 5000, 3000, ["x" * 2999 + "…"]),  # a word longer than a section is cut hard
        ("ok\n" + "x" * 50, 20, ["ok", "x" * 19 + "…"]),
        ("&amp;" * 10, 13, ["&amp;&amp;…"]),  # never inside an escape
        ("a&amp;b", 4, ["a…"]),
        ("&lt;&lt;&lt;", 7, ["&lt;…"]),
    ],
)
def test_split_text_prefers_paragraphs_then_lines_and_cuts_only_long_words(text, limit, expected):
    assert kit.split_text(text, limit) == expected


@pytest.mark.parametrize(("count", "per_section"), [(25, [10, 10, 5]), (10, [10]), (11, [10, 1])])
def test_facts_become_sections_of_at_most_ten_fields_of_at_most_2000_chars(count, per_section):
    facts = (*((f"name {n}", f"value {n}") for n in range(count - 1)), ("last", "v" * 5000))
    found = [b["fields"] for b in render(Reply(title="F", text="", facts=facts)) if "fields" in b]
    assert [len(f) for f in found] == per_section
    assert found[0][0]["text"] == "*name 0*\nvalue 0"
    assert found[-1][-1]["text"] == "*last*\n" + "v" * 1992 + "…"


def _table(rows: int, notes: int = 1) -> Table:
    note = "x" * (60 if notes > 1 else 5)
    columns = ("date", *(f"note{i}" for i in range(notes)))
    return Table(columns, tuple((f"2024-01-{n:04d}", *[note] * notes) for n in range(rows)))


@pytest.mark.parametrize(
    ("table", "cut", "shown"),
    [
        (_table(3), False, 3),
        (_table(25), False, 25),
        (_table(200), True, 25),
        (_table(40, notes=3), True, 13),  # 3,000 characters hold fewer rows
    ],
)
def test_a_long_table_is_cut_and_the_csv_keeps_every_row(table, cut, shown):
    reply = Reply(title="Rows", text="", table=table)
    [code] = [text for text in sections(render(reply)) if text.startswith("```")]
    assert kit.table_is_cut(reply) is cut
    body = code.split("```")[1].strip("\n").splitlines()
    assert body[0].split() == list(table.columns) and set(body[1]) == {"-", " "}
    assert len(body) - 2 == shown
    more = f"\n_… {len(table.rows) - shown} more rows (full table attached as CSV)_"
    assert code.endswith(more if cut else "\n```")
    assert not cut or shown == 25 or len(code) + len(body[-1]) > 3000, "another row would fit"
    parsed = list(csv.reader(io.StringIO(kit.table_csv(table).decode("utf-8"))))
    assert parsed == [list(table.columns), *map(list, table.rows)]


def test_table_columns_are_aligned_and_backticks_cannot_close_the_block():
    table = Table(("command", "example"), (("calendar", "`calendar 2020`"), ("q", "a```b")))
    [code] = sections(render(Reply(title="Help", text="", table=table)))
    header, rule, first, second = code.split("\n")[1:-1]
    assert code.count("```") == 2 and code.startswith("```\n") and code.endswith("\n```")
    assert first == "calendar  calendar 2020" and rule == "--------  -------------"
    assert header.index("example") == first.index("calendar 2020") == second.index("a")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        *[(c, "'" + c) for c in ("=SUM(A1:A9)", "+1 555", "-cmd", "@import", "\t=1", "\t1")],
        *[(c, c) for c in ("-3.5", "1e3", "plain", "a=b")],
    ],
)
def test_formula_cells_are_neutralised_in_the_csv(cell, expected):
    table = Table(("value",), ((cell,),))
    assert list(csv.reader(io.StringIO(kit.table_csv(table).decode())))[1] == [expected]


DANGER, SAFE = "Tom & Jerry <script> >", "Tom &amp; Jerry &lt;script&gt; &gt;"


@pytest.mark.parametrize(
    "reply",
    [
        Reply(title="t", text=DANGER),
        Reply(title="t", text="", facts=((DANGER, "v"),)),
        Reply(title="t", text="", facts=(("n", DANGER),)),
        Reply(title="t", text="", table=Table(("c",), ((DANGER,),))),
    ],
)
def test_ampersand_and_angle_brackets_are_escaped(reply):
    # check() refuses any raw < > or bare & in mrkdwn; this proves the text is still there.
    assert SAFE in json.dumps(render(reply), ensure_ascii=False)


def test_slack_mrkdwn_is_kept_and_the_context_note_is_escaped():
    text = "*bold* _italic_ `code`\n• bullet"
    blocks = render(Reply(title="t", text=text), context_note="Only you & me. Add `public`.")
    assert sections(blocks) == [text]
    assert blocks[-1]["elements"][0]["text"] == "Only you &amp; me. Add `public`."


@pytest.mark.parametrize(
    "reply",
    [
        Reply(title="Huge", text="\n\n".join("p" * 2900 for _ in range(100))),
        Reply(title="Many", text="", facts=tuple((f"f{n}", "v") for n in range(600))),
        Reply("All", "word " * 3000, tuple((f"f{n}", "v" * 99) for n in range(99)), _table(99)),
    ],
)
def test_a_huge_reply_is_shortened_with_a_note(reply):
    blocks = render(reply, context_note="note")
    assert blocks[0]["type"] == "header" and blocks[1]["type"] == "section"
    assert [e["text"] for e in blocks[-1]["elements"]] == ["note", kit.SHORTENED]
    assert kit.table_is_cut(reply) is (reply.table is not None)


def test_the_section_that_overflows_the_budget_is_clipped_not_dropped():
    reply = Reply(title="Four", text="\n\n".join(c * 2900 for c in "abcd"), facts=(("f", "v"),))
    blocks = render(reply)
    assert sections(blocks)[:3] == ["a" * 2900, "b" * 2900, "c" * 2900]
    assert sections(blocks)[3].startswith("d" * 1000) and sections(blocks)[3].endswith("…")
    assert not any("fields" in b for b in blocks) and blocks[-1]["type"] == "context"


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        (Reply(title="Sorry", text="", kind="error"), "Sorry"),
        (Reply(title="", text=""), "workouts"),
        (Reply(title="Runs", text="*12* runs & <3\nsecond line"), "Runs: 12 runs &amp; &lt;3"),
        (Reply(title="t" * 500, text="x"), "t" * 299 + "…"),
        (Reply(title="Long", text="word " * 200), "Long: " + "word " * 57 + "word…"),
    ],
)
def test_the_fallback_text_is_short_and_never_empty(reply, expected):
    assert check(*kit.reply_blocks(reply)) and kit.reply_blocks(reply)[1] == expected


@pytest.mark.parametrize(
    ("note", "charts", "expected"),
    [
        ("", 0, None),
        ("Only you can see this.", 0, ["Only you can see this."]),
        ("", 1, [":bar_chart: chart below"]),
        ("Shared.", 2, ["Shared.", ":bar_chart: charts below"]),
    ],
)
def test_context_has_the_note_and_a_chart_hint(note, charts, expected):
    images = tuple(ChartImage(png=b"", alt="a", filename=f"c{i}.png") for i in range(charts))
    blocks = render(Reply(title="t", text="x", charts=images), context_note=note)
    context = [[e["text"] for e in b["elements"]] for b in blocks if b["type"] == "context"]
    assert context == ([expected] if expected else [])


@pytest.fixture
def ingest(tmp_path):
    """Ingest CSV text as export.csv into a fresh SQLite store; returns the report."""
    engine = open_store(f"sqlite:///{tmp_path / 'slack.db'}")
    yield lambda text: ingest_file(
        engine, RawFile("export.csv", text.encode()), owner_key="slack:T1:U1", max_bytes=1 << 20
    )
    engine.dispose()


def test_ingest_report_blocks_show_counts_rejections_and_warnings(ingest):
    rows = [
        row(link=link(1)),
        row("Smarch 2, 2025", link=link(2)),
        row(calories="32767", link=link(3)),
        row("Oct. 9, 2025", link=link(4)),
    ]
    blocks = check(*report_kit.ingest_report_blocks(ingest(export_text(rows))))
    assert blocks[0]["text"]["text"] == "Imported export.csv"
    fields = [f["text"] for f in blocks[1]["fields"]]
    assert fields[:4] == ["*Rows read*\n4", "*New*\n3", "*Already present*\n0", "*Rejected*\n1"]
    assert "*Workouts dated*\n2025-10-07 to 2025-10-09" in fields
    body = "\n".join(sections(blocks))
    assert re.search(r"• line 3: .*Smarch", body)
    assert "• 1 × calories held a sentinel value; stored as missing (lines 4)" in body
    again = check(*report_kit.ingest_report_blocks(ingest(export_text(rows))))
    assert again[0]["text"]["text"] == "Nothing new in export.csv"
    assert "*Already present*\n3" in [f["text"] for f in again[1]["fields"]]


def test_a_report_with_thousands_of_issues_stays_within_limits():
    rejected = tuple(RowIssue(n, "bad", "reason <" + "r" * 300) for n in range(2, 5002))
    warnings = tuple(RowIssue(n, f"code_{n % 30}", "w") for n in range(2, 9002))
    report = IngestReport(
        "big & <bad>.csv",
        "MapMyRun",
        "km",
        14000,
        5000,
        0,
        rejected,
        warnings,
        date(2020, 1, 1),
        date(2024, 1, 1),
    )
    blocks, text = report_kit.ingest_report_blocks(report)
    body = "\n".join(sections(check(blocks, text)))
    assert body.count("• line ") == 20 and "… and 4,980 more" in body
    assert "• 300 × code 0 (lines 30, 60, 90, 120, 150, …)" in body
    assert blocks[0]["text"]["text"] == "Imported big & <bad>.csv"  # plain_text: no escaping


def test_an_archive_report_names_files_merges_and_routes():
    rejected = (RowIssue(3, "bad_workout_date", "Workout Date: 'x'", file="runs/a.gpx"),)
    warnings = tuple(RowIssue(n, "heart_rate_absurd", "w", file=f"runs/{n}.fit") for n in (2, 7))
    refused = tuple(FileRefusal(f"runs/{n}.gpx", "the GPX is damaged <cut>") for n in range(25))
    report = IngestReport(
        "export.zip",
        "ZIP of export files: GPX track",
        "km",
        40,
        10,
        0,
        rejected,
        warnings,
        date(2020, 1, 1),
        date(2024, 1, 1),
        merged=29,
        tracks=39,
        files=64,
        refused_files=refused,
    )
    blocks = check(*report_kit.ingest_report_blocks(report))
    fields = [f["text"] for block in blocks for f in block.get("fields", [])]
    assert {"*Merged across apps*\n29", "*Routes stored*\n39", "*Files read*\n64"} <= set(fields)
    body = "\n".join(sections(blocks))
    assert "*Files not read* (25; the rest were imported):" in body
    assert "• runs/0.gpx: the GPX is damaged &lt;cut&gt;" in body and "… and 5 more" in body
    assert "• runs/a.gpx line 3: Workout Date" in body
    assert "(runs/2.fit line 2, runs/7.fit line 7)" in body


@pytest.mark.parametrize(
    ("name", "reason", "hint", "shown"),
    [
        ("photo.png", "this is an image, not a CSV.", "Export a CSV from MapMyRun.", "photo.png"),
        ("a<b>.csv", "empty & broken", "", "a&lt;b&gt;.csv"),
        ("long.csv", "r" * 5000, "Try a smaller file.", "long.csv"),
    ],
)
def test_refusal_blocks_say_what_was_refused_and_what_to_do(name, reason, hint, shown):
    blocks, text = report_kit.refusal_blocks(name, reason, hint)
    [body] = sections(check(blocks, text))
    assert body.startswith(f":x: *{shown}* was not imported")
    assert reason[:100].replace("&", "&amp;") in body and body.endswith(hint)
    assert text.startswith(shown)
