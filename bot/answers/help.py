"""``help`` and the reply to what was not understood."""

from __future__ import annotations

from bot.context import Context
from bot.intent import Intent
from bot.reply import Reply, Table

COMMANDS = (
    ("choco-effect [event]", "before and after a life event", "choco-effect"),
    ("briefing [date]", "the morning briefing", "briefing yesterday"),
    ("anomalies [range]", "unusual workouts", "anomalies this month"),
    ("trends [metric] [class] [range]", "a trend with forecast", "pace trend for runs since March"),
    ("calendar [year]", "a year as a heatmap", "calendar 2020"),
    ("consistency [range]", "the consistency score", "consistency last 30 days"),
    ("stats [range]", "counts and totals per class", "how many runs in 2019"),
    ("compare <period> and <period>", "two periods side by side", "compare 2017 and 2023"),
    ("records", "personal records", "records"),
    ("map <workout>", "a workout's route on a map", "map yesterday's run"),
    ("routes [class] [range]", "a heatmap of your routes", "routes runs this year"),
    ("why <workout>", "why a workout got its label", "why yesterday's run"),
    ("label <workout> <class>", "correct a label", "label 1234 walk"),
    ("model [show|retrain]", "the classifier model", "model show"),
    ("events [add <date> <name> | remove <name>]", "life events", "events add 2018-06-01 Choco"),
    (
        "sql <SELECT ...>",
        "query your own workouts",
        "sql SELECT label, count(*) FROM workouts GROUP BY label",
    ),
    ("export [csv|json] [range]", "download your workouts", "export csv 2024"),
    ("units [mi|km]", "miles or kilometres", "units km"),
)
EXAMPLES = (
    "how did Choco change my running?",
    "any anomalies last week?",
    "pace trend since March",
)


def answer_help(intent: Intent, ctx: Context) -> Reply:
    """Every command with what it does and an example."""
    rows = tuple((command, what, f"`{example}`") for command, what, example in COMMANDS)
    text = (
        "Ask in plain words or use a command. Ranges: _today, yesterday, this week, last month, "
        "last 30 days, since March, in 2019, between 2020-01-01 and 2020-06-30_. Add _private_ or "
        "_public_ to choose who sees the answer in Slack."
    )
    return Reply(
        title="What I can do",
        text=text,
        table=Table(("command", "what", "example"), rows),
        facts=(("try", " | ".join(EXAMPLES)),),
        kind="help",
    )


def answer_unknown(intent: Intent, ctx: Context) -> Reply:
    """Say what was not understood and offer the closest commands with examples."""
    said = intent.text.strip()
    lead = f"I did not understand _{_clip(said)}_." if said else "Ask me something."
    if intent.note and not intent.note.startswith("I did not understand"):
        lead += f" {intent.note}"
    suggestions = intent.suggestions or tuple(f"`{example}`" for *_, example in COMMANDS[:4])
    lines = "\n".join(f"• {s}" for s in suggestions)
    return Reply(
        title="Not sure what you mean",
        text=f"{lead}\nClosest things I can do:\n{lines}\nType `help` for everything.",
        kind="help",
    )


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
