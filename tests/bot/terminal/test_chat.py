"""The terminal: `workouts ask` and `workouts chat` (piped), and answers that change things."""

from __future__ import annotations

import io
from datetime import date

import pytest

from bot.answers import ask
from bot.cli import main
from bot.context import Context
from bot.terminal.chat import EXAMPLES, run_chat
from etl.db.corrections import corrections_frame
from etl.db.engine import open_store
from etl.db.queries import workouts_frame
from tests.helpers import export_text, link, row

TODAY = date(2025, 12, 20)


@pytest.fixture
def demo_env(monkeypatch, tmp_path):
    # SQLite only: storage on MySQL is covered by the ETL and classification tests.
    store_url = f"sqlite:///{tmp_path / 'chat.db'}"
    monkeypatch.setenv("WORKOUTS_DATABASE_URL", store_url)
    monkeypatch.setenv("WORKOUTS_OUT_DIR", str(tmp_path / "out"))
    monkeypatch.delenv("WORKOUTS_DEBUG", raising=False)
    assert main(["demo"]) == 0
    return store_url


def test_ask_prints_the_answer_and_saves_the_chart(demo_env, tmp_path, capsys):
    capsys.readouterr()
    assert main(["ask", "choco-effect", "--user", "demo", "--out", str(tmp_path / "c")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("THE CHOCO ARRIVES EFFECT")
    assert "Since Choco arrives (2018-06-01)" in out
    [png] = list((tmp_path / "c").glob("*.png"))
    assert png.read_bytes().startswith(b"\x89PNG")
    assert f"chart: {png}" in out


def test_ask_an_error_exits_1_without_traceback(demo_env, capsys):
    capsys.readouterr()
    assert main(["ask", "why 99999999", "--user", "demo"]) == 1
    captured = capsys.readouterr()
    assert "no workout with id 99999999" in captured.out
    assert "Traceback" not in captured.out + captured.err


def test_chat_reads_piped_questions_until_the_end(demo_env, tmp_path):
    engine = open_store(demo_env)
    stdin = io.StringIO("help\n\nhow many runs in 2019\nquit\nrecords\n")
    stdout = io.StringIO()

    def make():
        return Context(engine, "local:demo", "demo", TODAY)

    assert run_chat(make, stdin=stdin, stdout=stdout, out_dir=tmp_path, interactive=False) == 0
    text = stdout.getvalue()
    assert text.startswith("Hi demo! I know your 1,852 workouts.")
    assert all(example in text for example in EXAMPLES)
    assert "> how many runs in 2019" in text and "WHAT I CAN DO" in text
    assert "PERSONAL RECORDS" not in text, "nothing after quit"


def test_labelling_sticks_and_retrains(demo_env):
    engine = open_store(demo_env)
    ctx = Context(engine, "local:demo", "demo", TODAY)
    walk_id = int(ctx.frame.loc[ctx.frame["label"] == "walk", "id"].iloc[0])
    reply = ask(f"label {walk_id} mixed", ctx)
    assert reply.title == "Label saved"
    assert f"Workout {walk_id} is now a *run-walk* (was dog walk)" in reply.text
    why = ask(f"why {walk_id}", Context(engine, "local:demo", "demo", TODAY))
    assert "you set this label yourself" in why.text
    assert corrections_frame(engine, "local:demo")["workout_id"].tolist() == [walk_id]


def test_units_change_the_answers(demo_env):
    engine = open_store(demo_env)
    assert "*km*" in ask("units km", Context(engine, "local:demo", "demo", TODAY)).text
    records = ask("records", Context(engine, "local:demo", "demo", TODAY))
    assert " km" in records.text and " mi" not in records.text
    assert "min/km" in " ".join(" ".join(r) for r in records.table.rows)


def test_events_added_and_removed_by_command(demo_env):
    engine = open_store(demo_env)
    ctx = Context(engine, "local:demo", "demo", TODAY)
    assert "Added *New job*" in ask("events add 2021-03-01 New job", ctx).text
    listed = ask("events", ctx)
    assert ("2021-03-01", "New job", "new job") in listed.table.rows  # its kind, from the name
    assert "Removed *New job*" in ask("events remove New job", ctx).text


def test_model_show_and_retrain(demo_env):
    engine = open_store(demo_env)
    shown = ask("model", Context(engine, "local:demo", "demo", TODAY))
    assert shown.title == "Classifier model v1"
    assert shown.charts[0].png.startswith(b"\x89PNG")
    again = ask("model retrain", Context(engine, "local:demo", "demo", TODAY))
    assert again.title == "Classifier model v2"
    assert "(just trained)" in dict(again.facts)["version"]


def test_a_new_user_is_told_how_to_start(demo_env):
    engine = open_store(demo_env)
    reply = ask("anomalies this month", Context(engine, "local:nobody", "nobody", TODAY))
    assert reply.title == "No workouts yet"
    assert "workouts ingest" in reply.text


def test_label_on_a_day_with_two_workouts_asks_for_the_id(demo_env, tmp_path):
    path = tmp_path / "two.csv"
    rows = [row("Dec. 1, 2025", link=link(1)), row("Dec. 1, 2025", "Walk", pace="22", link=link(2))]
    path.write_text(export_text(rows))
    assert main(["ingest", str(path), "--user", "pat"]) == 0
    engine = open_store(demo_env)
    reply = ask("label 2025-12-01 walk", Context(engine, "local:pat", "pat", TODAY))
    assert reply.kind == "error"
    ids = workouts_frame(engine, "local:pat")["id"].tolist()
    assert f"2 workouts that day: {ids[0]} (run), {ids[1]} (walk)" in reply.text
    assert f"`label {ids[0]} walk`" in reply.text  # the asker's words, never a code
