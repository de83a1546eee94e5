"""The SQL explorer and exports as answers."""

from __future__ import annotations

import io
import json

import pandas as pd

from tests.bot.answers.conftest import ask_as, in_year


def test_sql_counts_match_and_come_as_csv(engine, frame):
    query = "sql SELECT label_code, count(*) AS n FROM workouts GROUP BY 1 ORDER BY 1"
    reply = ask_as(engine, query)
    got = {r[0]: int(r[1]) for r in reply.table.rows}
    assert got == frame["label"].value_counts().to_dict()
    [csv] = reply.attachments
    assert pd.read_csv(io.BytesIO(csv.data))["n"].sum() == len(frame)


def test_sql_refusals_are_words_not_tracebacks(engine):
    for attack in ("sql DROP TABLE workouts", "sql SELECT 1; DELETE FROM workouts"):
        reply = ask_as(engine, attack)
        assert reply.kind == "error"
        assert "Traceback" not in reply.text


def test_export_json_for_a_year(engine, frame):
    reply = ask_as(engine, "export json 2024")
    [file] = reply.attachments
    assert file.filename.endswith(".json")
    assert len(json.loads(file.data)) == len(in_year(frame, 2024))
