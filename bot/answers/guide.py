"""``help`` and the reply to what was not understood."""

from __future__ import annotations

from bot.context import Context
from bot.language.intent import COMMANDS
from bot.language.query import Query
from bot.reply import Reply, Table

# Every command but help itself, in the order they are declared.
SHOWN = tuple(c for c in COMMANDS if c.name != "help")
EXAMPLES = (
    "how did Choco change my running?",
    "any anomalies last week?",
    "pace trend since March",
)


def answer_help(query: Query, ctx: Context) -> Reply:
    """Every command with what it does and an example."""
    rows = tuple((c.syntax, c.summary, f"`{c.help_example or c.example}`") for c in SHOWN)
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


def answer_greeting(query: Query, ctx: Context) -> Reply:
    """Hello back, with a few things to ask."""
    name = f", {ctx.owner_name}" if ctx.owner_name else ""
    said = set(query.text.lower().replace("!", " ").replace(".", " ").split())
    thanks = bool(said & {"thanks", "thank", "thx", "cheers", "ty"})
    lead = f"You're welcome{name}!" if thanks else f"Hi{name}!"
    return Reply(
        title="Hello",
        text=f"{lead} Ask me about your workouts, for example:\n"
        + "\n".join(f"• `{example}`" for example in EXAMPLES),
        kind="help",
    )


def answer_unknown(query: Query, ctx: Context) -> Reply:
    """Say what was not understood and offer the closest commands with examples."""
    said = query.text.strip()
    note = " ".join(query.notes)
    if query.choices:
        options = "\n".join(f"{n}. {c.text}" for n, c in enumerate(query.choices, 1))
        return Reply(
            title="Which one did you mean?",
            text=f"{note or 'That could mean several things.'}\n{options}\n"
            "Answer with its number, or ask again in other words.",
            kind="help",
        )
    lead = f"I did not understand _{_clip(said)}_." if said else "Ask me something."
    if note and not note.startswith("I did not understand"):
        lead += f" {note}"
    suggestions = query.suggestions or tuple(f"`{c.help_example or c.example}`" for c in SHOWN[:4])
    lines = "\n".join(f"• {s}" for s in suggestions)
    return Reply(
        title="Not sure what you mean",
        text=f"{lead}\nClosest things I can do:\n{lines}\nType `help` for everything.",
        kind="help",
    )


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
