"""CLI command functions: each takes parsed arguments and settings, does one thing, prints.

The chat, the classifier, the ETL and Slack pull in scikit-learn, matplotlib, the file formats and
Bolt: they are imported by the commands that use them, so `workouts ingest` starts fast, an
answer does not load the ingest, and each command's memory is its own.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from analytics.totals import counts_by_type_and_year
from bot.terminal.progress import ProgressBar
from bot.terminal.report import (
    render_classes,
    render_refusal,
    render_report,
    render_retrain,
    render_type_year,
)
from etl.db.best_efforts import compute_missing_best_efforts
from etl.db.engine import open_store
from etl.db.life_events import add_event
from etl.db.migrate import current_revision, head_revision, upgrade_to_head
from etl.db.owners import local_key
from etl.db.queries import count_workouts, workouts_frame
from etl.db.urls import safe_url
from etl.errors import RefusedFile, WorkoutsError
from etl.settings import Settings

DEMO_EVENT, DEMO_EVENT_DATE = "Choco arrives", date(2018, 6, 1)
# Below this many rows a progress bar would only flicker.
PROGRESS_MIN_ROWS = 10_000
MIN_FILES = 50  # the same for the files of an archive


def _is_zip(path: str) -> bool:
    """Whether the file starts as a ZIP does: only its first bytes are read, and only when it is
    a regular file (zipfile.is_zipfile would read a device such as /dev/zero for ever)."""
    from etl.ingest.archive.layout import ZIP_MAGIC
    from etl.ingest.extract import regular_file

    try:
        regular_file(path)
        with open(path, "rb") as stream:
            return stream.read(4).startswith(ZIP_MAGIC)
    except (RefusedFile, OSError):
        return False


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Ingest each file for the user; status 1 when any file was refused."""
    from etl.ingest.pipeline import ingest_path

    owner = local_key(args.user or settings.user)
    engine = open_store(settings.database_url)
    show_progress = sys.stderr.isatty() if args.progress is None else args.progress
    status, stored_any = 0, False
    for path in args.paths:
        # An archive counts its files, anything else its rows; asked for, the bar always shows.
        unit, least = ("files", MIN_FILES) if _is_zip(path) else ("rows", PROGRESS_MIN_ROWS)
        least = 0 if args.progress else least
        bar = ProgressBar(f"loading {path}", min_total=least, unit=unit) if show_progress else None
        try:
            report = ingest_path(
                engine,
                path,
                owner_key=owner,
                max_bytes=settings.max_upload_bytes,
                max_seconds=settings.max_seconds,
                max_inflated_bytes=settings.max_inflated_bytes,
                progress=bar,
            )
        except RefusedFile as exc:
            print(render_refusal(exc))
            status = 1
            continue
        print(render_report(report))
        stored_any = stored_any or report.new > 0
    if stored_any:
        _retrain_if_due(engine, owner)
    return status


def _retrain_if_due(engine, owner: str) -> None:
    from bot.classification import load_classified
    from bot.context import owner_names

    classified = load_classified(engine, owner)
    if classified.retrained:
        counts = classified.frame["label"].value_counts().to_dict()
        names = owner_names(engine, owner)
        print(render_retrain(classified.version, counts, names=names))


def demo(args: argparse.Namespace, settings: Settings) -> int:
    """Load the synthetic demo history through the same ETL as a real export."""
    from etl.demo.mapmyrun import generate_history
    from etl.demo.strava.bulk_export import strava_companion
    from etl.ingest.extract import RawFile
    from etl.ingest.pipeline import ingest_file

    owner = local_key(args.user)
    engine = open_store(settings.database_url)
    if args.if_empty and count_workouts(engine, owner):
        return 0
    history = generate_history()
    raw = RawFile(name="mapmyrun-demo.csv", data=history.csv_text.encode())
    report = ingest_file(engine, raw, owner_key=owner, max_bytes=len(raw.data))
    print(render_report(report))
    # The last months again as a Strava export with routes: merged, not doubled.
    strava = RawFile(name="strava-export-demo.zip", data=strava_companion(history.truth))
    limit = settings.max_upload_bytes
    print(render_report(ingest_file(engine, strava, owner_key=owner, max_bytes=limit)))
    add_event(engine, owner, DEMO_EVENT, DEMO_EVENT_DATE, kind="dog")  # the demo's puppy
    print(f"life event: {DEMO_EVENT} on {DEMO_EVENT_DATE}")
    _retrain_if_due(engine, owner)
    return 0


def charts(args: argparse.Namespace, settings: Settings) -> int:
    """Every chart kind on the demo history, one PNG per kind (see bot.gallery)."""
    from bot.gallery import write_gallery

    for path in write_gallery(Path(args.out)):
        print(path)
    return 0


def db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    """Apply pending migrations (the app also does this on start)."""
    engine = open_store(settings.database_url, upgrade=False)
    applied = upgrade_to_head(engine)
    state = "upgraded to" if applied else "already at"
    print(f"{safe_url(engine.url)}: {state} migration {head_revision()}")
    # Routes stored before best efforts existed are searched now rather than on first read.
    searched = compute_missing_best_efforts(engine)
    if searched:
        print(f"best efforts searched in {searched:,} stored routes")
    return 0


def db_status(args: argparse.Namespace, settings: Settings) -> int:
    """Where the store is and which migration it is at."""
    engine = open_store(settings.database_url, upgrade=False)
    current = current_revision(engine) or "none (empty database)"
    print(f"store: {safe_url(engine.url)}\nmigration: {current} (code expects {head_revision()})")
    return 0


def stats(args: argparse.Namespace, settings: Settings) -> int:
    """Workouts by activity type and year for one user."""
    name = args.user or settings.user
    engine = open_store(settings.database_url)
    owner = local_key(name)
    table = counts_by_type_and_year(workouts_frame(engine, owner))
    print(render_type_year(table, owner=name))
    if table.total:
        from bot.classification import load_classified
        from bot.context import owner_names

        classified = load_classified(engine, owner)
        classes = counts_by_type_and_year(classified.frame, column="label")
        kind = classified.model.metrics["kind"]
        names = owner_names(engine, owner)
        text = render_classes(
            classes, owner=name, version=classified.version, kind=kind, names=names
        )
        print("\n" + text)
    return 0


def bench_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Measure parse+load speed and peak memory (see bot.bench.ingest)."""
    from bot.bench.ingest import render_ingest_bench, run_ingest_bench

    print(render_ingest_bench(run_ingest_bench(rows=args.rows, database_url=args.database_url)))
    return 0


def bench_analytics(args: argparse.Namespace, settings: Settings) -> int:
    """Time every analytic (see bot.bench.analytics)."""
    from bot.bench.analytics import render_analytics_bench, run_analytics_bench

    print(render_analytics_bench(run_analytics_bench(rows=args.rows)))
    return 0


def bench_understanding(args: argparse.Namespace, settings: Settings) -> int:
    """Reading speed and warm answer latencies (see bot.bench.understanding)."""
    from bot.bench.understanding import render_understanding_bench, run_understanding_bench

    result = run_understanding_bench(
        rounds=args.rounds,
        repeats=args.repeats,
        workouts=args.workouts,
        owners=args.owners,
        fresh=args.fresh,
        database_url=args.database_url,
    )
    print(render_understanding_bench(result))
    return 0


def bench_classifier(args: argparse.Namespace, settings: Settings) -> int:
    """The classifier on personas with known truth, and its speed (see bot.bench.classifier)."""
    from bot.bench.classifier import parse_personas, render_classifier_bench, run_classifier_bench

    try:
        names = parse_personas(args.personas)
    except KeyError as exc:  # a typo in a name: one clear line, as for any mistake of the person
        raise WorkoutsError(exc.args[0]) from None
    print(render_classifier_bench(run_classifier_bench(personas=names, seed=args.seed)))
    return 0


def chat(args: argparse.Namespace, settings: Settings) -> int:
    """The interactive chat (or one answer per line when standard input is piped)."""
    from bot.terminal.chat import run_chat

    make_context, out_dir = _asker(args, settings)
    return run_chat(
        make_context,
        stdin=sys.stdin,
        stdout=sys.stdout,
        out_dir=out_dir,
        interactive=sys.stdin.isatty(),
    )


def ask_once(args: argparse.Namespace, settings: Settings) -> int:
    """One question, one answer; status 1 when the answer is an error."""
    from bot.answers import ask
    from bot.terminal.reply import render_reply

    make_context, out_dir = _asker(args, settings)
    reply = ask(args.text, make_context())
    print(render_reply(reply, out_dir=out_dir), end="")
    return 1 if reply.kind == "error" else 0


def _asker(args: argparse.Namespace, settings: Settings):
    from bot.context import Context

    name = args.user or settings.user
    owner = local_key(name)
    engine = open_store(settings.database_url)
    out_dir = Path(args.out) if args.out else settings.out_dir

    def make_context() -> Context:
        today = settings.today or date.today()
        return Context(engine, owner, name, today, default_units=settings.units, llm=settings.llm)

    return make_context, out_dir


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the Slack bot until interrupted."""
    from bot.slack.serve import serve as run

    run(settings, open_store(settings.database_url), port=args.port)
    return 0


def bench_slack(args: argparse.Namespace, settings: Settings) -> int:
    """Ack latency and answer time under concurrent slash commands (see bot.bench.slack)."""
    from bot.bench.slack import render_slack_bench, run_slack_bench

    print(render_slack_bench(run_slack_bench(commands=args.commands)))
    return 0


def bench_formats(args: argparse.Namespace, settings: Settings) -> int:
    """Peak memory of a streamed Apple Health export, a Strava ZIP and an archive of track
    files (see bot.bench.formats)."""
    from bot.bench.formats import render_formats_bench, run_formats_bench

    result = run_formats_bench(
        health_bytes=args.health_mb << 20,
        activities=args.activities,
        archive_files=args.archive_files,
    )
    print(render_formats_bench(result))
    return 0
