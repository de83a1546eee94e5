"""The ``workouts`` command: parses arguments and routes to plain command functions.

Each sub-command names its handler in :mod:`bot.commands`, imported once the arguments are read:
``workouts --help`` (and a mistyped option) answers without loading the store, pandas or the
analytics.
"""

from __future__ import annotations

import argparse
import sys
import traceback

from bot import collector
from bot.logs import configure as configure_logging
from bot.logs import mask, secrets_of
from etl.errors import WorkoutsError
from etl.settings import describe, load_settings

# Commands whose first answer is waited for: the garbage collector is paused until it is made
# (bot/collector.py); the chat turns it back on after its first answer.
QUICK_START = frozenset({"ask_once", "chat", "stats"})


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each sub-command names its handler in :mod:`bot.commands` in
    ``handler``."""
    parser = argparse.ArgumentParser(
        prog="workouts",
        description="Self-hosted workout analyst: ingest exports, ask questions, chat in Slack.",
        epilog="Settings (environment variables):\n" + describe(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", help="load workout export files")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="export files (CSV)")
    _user_option(ingest)
    ingest.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )
    ingest.set_defaults(handler="ingest")

    demo = sub.add_parser("demo", help="load the synthetic demo history (owner 'demo')")
    demo.add_argument("--user", default="demo", help="owner to load it for (default: demo)")
    demo.add_argument("--if-empty", action="store_true", help="only when that owner has no data")
    demo.set_defaults(handler="demo")

    charts = sub.add_parser("charts", help="draw every chart kind on the demo history as PNGs")
    charts.add_argument("--out", default="out/charts", help="folder (default: out/charts)")
    charts.set_defaults(handler="charts")

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply pending migrations").set_defaults(handler="db_upgrade")
    db_sub.add_parser("status", help="where the store is and its migration").set_defaults(
        handler="db_status"
    )

    chat = sub.add_parser("chat", help="ask questions interactively (or one per piped line)")
    _user_option(chat)
    _out_option(chat)
    chat.set_defaults(handler="chat")

    ask = sub.add_parser("ask", help="ask one question and print the answer")
    ask.add_argument("text", help='the question or command, e.g. "anomalies this month"')
    _user_option(ask)
    _out_option(ask)
    ask.set_defaults(handler="ask_once")

    serve = sub.add_parser("serve", help="run the Slack bot (Socket Mode or HTTP)")
    serve.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    serve.set_defaults(handler="serve")

    stats = sub.add_parser("stats", help="workouts by activity type and year")
    _user_option(stats)
    stats.set_defaults(handler="stats")

    bench = sub.add_parser("bench", help="measure speed and memory")
    bench_sub = bench.add_subparsers(dest="bench_command", required=True, metavar="WHAT")
    bench_ingest = bench_sub.add_parser("ingest", help="parse and load a generated export")
    bench_ingest.add_argument("--rows", type=int, default=100_000, help="rows to generate")
    bench_ingest.add_argument("--database-url", help="store to measure (default: a temp SQLite)")
    bench_ingest.set_defaults(handler="bench_ingest")
    bench_analytics = bench_sub.add_parser("analytics", help="time every analytic")
    bench_analytics.add_argument(
        "--rows", type=int, default=1_000_000, help="synthetic workouts (0: demo history only)"
    )
    bench_analytics.set_defaults(handler="bench_analytics")
    bench_understanding = bench_sub.add_parser(
        "understanding",
        help="questions read per second; answer latency: demo, many or large owners",
    )
    bench_understanding.add_argument(
        "--rounds", type=int, default=200, help="times each question is read"
    )
    bench_understanding.add_argument(
        "--repeats", type=int, default=5, help="warm answers timed per question"
    )
    bench_understanding.add_argument(
        "--workouts",
        type=int,
        default=0,
        help="also time every question for one owner with this many workouts (e.g. 1000000)",
    )
    bench_understanding.add_argument(
        "--owners",
        type=int,
        default=0,
        help="also answer with this many other owners of 3,000 workouts in the store (e.g. 100)",
    )
    bench_understanding.add_argument(
        "--fresh",
        type=int,
        default=3,
        help="times each first answer (and --help) is timed in a new process (0: none)",
    )
    bench_understanding.add_argument(
        "--database-url", help="store to measure in (default: temporary SQLite files)"
    )
    bench_understanding.set_defaults(handler="bench_understanding")
    bench_classifier = bench_sub.add_parser(
        "classifier", help="run/walk classifier on personas with known truth, and its speed"
    )
    bench_classifier.add_argument(
        "--personas", help="comma-separated persona names (default: every persona)"
    )
    bench_classifier.add_argument(
        "--seed", type=int, default=0, help="seed of the personas and of training"
    )
    bench_classifier.set_defaults(handler="bench_classifier")
    bench_slack = bench_sub.add_parser("slack", help="concurrent slash commands via the emulator")
    bench_slack.add_argument("--commands", type=int, default=50, help="commands fired at once")
    bench_slack.set_defaults(handler="bench_slack")
    bench_formats = bench_sub.add_parser(
        "formats",
        help="Apple Health export (1 GB), Strava ZIP and a 2,000-file archive: time and memory",
    )
    bench_formats.add_argument("--health-mb", type=int, default=1024, help="export.xml size, MB")
    bench_formats.add_argument("--activities", type=int, default=300, help="Strava activities")
    bench_formats.add_argument(
        "--archive-files", type=int, default=2000, help="FIT/GPX files in the archive (0: none)"
    )
    bench_formats.set_defaults(handler="bench_formats")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; errors become one clear line on stderr and a non-zero status.

    A :class:`WorkoutsError` (a setting, a file, the database or Slack: something the person
    can fix) says what was wrong and what to do, with status 2; anything else is a bug, said
    in one line, with the traceback when WORKOUTS_DEBUG is set. Secrets are masked in both.
    """
    args = build_parser().parse_args(argv)
    entry = argv is None  # the process's own command (tests call main with their arguments)
    if entry and args.handler in QUICK_START:
        collector.pause()
    settings = None
    try:
        settings = load_settings()
        configure_logging(debug=settings.debug, secrets=secrets_of(settings))
        from bot import commands

        return getattr(commands, args.handler)(args, settings)
    except WorkoutsError as exc:
        _say(str(exc))
        return 2
    except KeyboardInterrupt:
        _say("interrupted; nothing from an unfinished import was stored.")
        return 130
    except Exception as exc:  # a bug: say so in one line, details only when asked
        if _database_gone(exc):
            # The server went away or refused the work after the store opened: not a bug.
            reason = (str(exc.orig) if exc.orig is not None else str(exc)).strip().splitlines()
            _say(
                f"the database stopped answering ({reason[0] if reason else '?'}); nothing "
                "half-done was stored. Check the server and run the command again."
            )
            return 2
        debug = settings is not None and settings.debug
        if debug:
            print(mask(traceback.format_exc()), end="", file=sys.stderr)
        hint = (
            "The traceback is above; please report it."
            if debug
            else "Run again with WORKOUTS_DEBUG=1 for details."
        )
        _say(f"unexpected error ({type(exc).__name__}); this is a bug. {hint}")
        return 3
    finally:
        if entry:
            collector.leave()


def _database_gone(exc: Exception) -> bool:
    """Whether ``exc`` is SQLAlchemy's word for a server that stopped answering (never true
    before the store was opened, so SQLAlchemy is not imported to ask)."""
    if "sqlalchemy" not in sys.modules:
        return False
    import sqlalchemy as sa

    return isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError)


def _say(text: str) -> None:
    print(f"workouts: {mask(text)}", file=sys.stderr)


def _out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", help="folder for charts and files (default: WORKOUTS_OUT_DIR)")


def _user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help="local user to act for (default: WORKOUTS_USER or login)")


if __name__ == "__main__":
    sys.exit(main())
