"""The terminal chat: a greeting, then one answer per line until quit or end of input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from bot import collector
from bot.context import Context
from bot.conversation import TERMINAL, converse
from bot.reply import Reply
from bot.terminal.reply import render_reply

# Questions that have answers on any history, whatever today's date.
EXAMPLES = (
    "choco-effect",
    "how many runs in 2019",
    "any anomalies in 2023?",
)
QUIT = {"quit", "exit", "bye", ":q"}


def greeting(name: str, workouts: int) -> str:
    """What the chat says first: who it is for and three questions to try."""
    tries = "\n".join(f"  > {example}" for example in EXAMPLES)
    have = f"{workouts:,} workouts" if workouts else "no workouts yet"
    return (
        f"Hi {name}! I know your {have}. Ask in plain words or type help. Try:\n{tries}\n"
        "(quit to leave)\n"
    )


def run_chat(
    make_context: Callable[[], Context],
    *,
    stdin: TextIO,
    stdout: TextIO,
    out_dir: Path,
    interactive: bool,
) -> int:
    """Answer each line of ``stdin``; a fresh context per question keeps answers current. The
    conversation (follow-ups, a change waiting for yes, undo) is the owner's terminal one, kept
    in the store across sessions."""
    first = make_context()
    stdout.write(greeting(first.owner_name, len(first.frame)))
    offered: Reply | None = None
    while True:
        if interactive:
            stdout.write("\n> ")
            stdout.flush()
        line = stdin.readline()
        if not line or line.strip().lower() in QUIT:
            break
        if not line.strip():
            continue
        if not interactive:
            stdout.write(f"\n> {line.strip()}\n")
        reply = converse(_picked(line, offered), make_context(), TERMINAL).reply
        offered = reply if reply.buttons else None
        stdout.write(render_reply(reply, out_dir=out_dir))
        stdout.flush()
        collector.settle()  # the first answer is out: collect garbage again from here on
    return 0


def _picked(line: str, offered: Reply | None) -> str:
    """A button's reply when its number is typed ("1" after "Shall I?" is "yes")."""
    number = line.strip().rstrip(".)")
    if offered is not None and number.isdigit() and 1 <= int(number) <= len(offered.buttons):
        return offered.buttons[int(number) - 1].reply
    return line
