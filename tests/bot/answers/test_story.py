"""Story answers on the demo history: the Choco effect and two periods compared."""

from __future__ import annotations

from tests.bot.answers.conftest import PNG, ask_as, in_year


def test_choco_effect_tells_the_story_with_a_chart(engine, frame):
    reply = ask_as(engine, "choco-effect")
    assert reply.title == "The Choco arrives effect"
    assert reply.text.startswith("Since Choco arrives (2018-06-01): ")
    assert "dog walks went from 0%" in reply.text
    [chart] = reply.charts
    assert chart.png.startswith(PNG)
    assert "Choco arrives" in chart.alt
    assert not reply.personal, "a story answer goes to the channel"


def test_compare_two_years(engine, frame):
    reply = ask_as(engine, "compare 2017 and 2023")
    rows = {r[0]: r[1:] for r in reply.table.rows}
    assert rows["workouts"] == (str(len(in_year(frame, 2017))), str(len(in_year(frame, 2023))))
    assert rows["dog walks"][0] == "0"
    assert rows["dog walks"][1] == str(len(in_year(frame, 2023, "walk")))
