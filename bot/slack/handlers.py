"""What the bot does for each kind of Slack traffic, as plain functions of the event.

Bolt only wires them (``bot.slack.listeners``); tests call them directly. Every handler reports
failures to the person in one line and logs them with context, never with tokens.
"""

from __future__ import annotations

import logging
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path

from slack_sdk import WebClient

from bot import wording as fmt
from bot.answers import answer, writes
from bot.classification import load_classified
from bot.context import owner_names
from bot.conversation import DEFAULT_CHANGES, Changes, Turn, converse, slack_place
from bot.reply import Button, Reply, Row, error_reply
from bot.slack.blocks import (
    ROW_BLOCK,
    button_asker,
    button_block,
    read_button_value,
    reply_blocks,
)
from bot.slack.briefings.commands import briefing_command, is_briefing_command
from bot.slack.briefings.plain import Where, perform_schedule, plan_schedule
from bot.slack.briefings.poster import Runtime
from bot.slack.delivery import PRIVATE_NOTE, Place, dm_channel, post_reply, short_error
from bot.slack.home import refresh_home, refresh_home_later
from bot.slack.report_blocks import ingest_report_blocks, refusal_blocks
from bot.slack.services import Services
from bot.slack.uploads import download, thread_of, wanted
from etl.db.claims import claim, release
from etl.db.owners import owner_keys
from etl.db.queries import batch_workout_ids
from etl.errors import RefusedFile, WorkoutsError
from etl.ingest.pipeline import ingest_path

log = logging.getLogger("workouts.slack")
_MENTION = re.compile(r"<@[A-Z0-9]+>")
RETRAIN_ALL = "model retrain all"
SORRY = "Sorry, something went wrong while answering; it has been logged."


def handle_command(services: Services, *, command: dict, client: WebClient, respond) -> None:
    """``/workouts <text>``: answer in the channel, or privately (ephemeral/DM) when personal."""
    user, channel = command["user_id"], command["channel_id"]

    def tell(message: str) -> None:
        respond(response_type="ephemeral", text=f":warning: {message}")

    with reported(tell, "command", user, channel):
        if is_briefing_command(command.get("text", "")):
            _briefing(services, command, client, respond)
            return
        if _words(command.get("text", "")) == RETRAIN_ALL:
            tell_done = lambda text: respond(response_type="ephemeral", text=text)  # noqa: E731
            retrain_workspace(services, team_id=command["team_id"], user_id=user, tell=tell_done)
            return
        ctx = services.context(command["team_id"], user)
        where = Where(command["team_id"], user, channel, services.is_admin(user))
        conversation = slack_place(channel)
        turn = _converse(services, client, ctx, where, command.get("text", ""), conversation)
        _deliver(client, turn, user, respond, Place(channel), conversation)


def _briefing(services: Services, command: dict, client: WebClient, respond) -> None:
    runtime = Runtime(services.engine, client, default_units=services.settings.units)
    reply = briefing_command(
        command["text"],
        runtime=runtime,
        client=client,
        team_id=command["team_id"],
        user_id=command["user_id"],
        channel_id=command["channel_id"],
        is_admin=services.is_admin(command["user_id"]),
        tz_override=services.settings.tz,
    )
    services.schedules_changed()
    _answer_privately(client, reply, command["user_id"], respond)


def retrain_workspace(services: Services, *, team_id: str, user_id: str, tell) -> int:
    """Retrain every model of the workspace: admins only (WORKOUTS_SLACK_ADMINS)."""
    if not services.is_admin(user_id):
        tell(":no_entry: Only workspace admins can retrain everyone's models.")
        return 0
    keys = owner_keys(services.engine, f"slack:{team_id}:")
    for key in keys:
        load_classified(services.engine, key, force_retrain=True)
    tell(f"Retrained {len(keys)} model{'s' if len(keys) != 1 else ''} in this workspace.")
    return len(keys)


def handle_mention(services: Services, *, event: dict, team_id: str, client: WebClient) -> None:
    """``@workouts <text>`` in a channel: answer in the mention's thread (personal: by DM)."""
    user = event["user"]
    place = Place(event["channel"], event.get("thread_ts") or event["ts"])
    with reported(_poster(client, place), "mention", user, place.channel):
        ctx = services.context(team_id, user)
        where = Where(team_id, user, place.channel, services.is_admin(user))
        conversation = slack_place(place.channel, place.thread_ts)
        text = _MENTION.sub("", event.get("text", ""))
        turn = _converse(services, client, ctx, where, text, conversation)
        _deliver(client, turn, user, None, place, conversation)


def handle_direct_message(services: Services, *, event: dict, team_id: str, client: WebClient):
    """A message in the bot's DM: every answer stays in the DM."""
    user = event["user"]
    place = Place(event["channel"], event.get("thread_ts"))
    with reported(_poster(client, place), "dm", user, place.channel):
        ctx = services.context(team_id, user)
        where = Where(team_id, user, place.channel, services.is_admin(user))
        conversation = slack_place(place.channel, place.thread_ts)
        turn = _converse(services, client, ctx, where, event.get("text", ""), conversation)
        post_reply(client, turn.reply, place, private=True, conversation=conversation, asker=user)


def handle_action(services: Services, *, body: dict, client: WebClient, respond) -> None:
    """A button of a reply clicked ("Yes, do it", a reading to choose, a class for a workout):
    the same as typing its reply in the conversation the question was asked in. Only its asker's
    click counts; anyone else is told so, and nothing of the asker's changes."""
    user = body["user"]["id"]
    team_id = (body.get("team") or {}).get("id") or body["user"].get("team_id", "")
    # A button of the Home tab has no channel: its answer goes to the clicker's DM.
    channel = (
        (body.get("channel") or {}).get("id")
        or (body.get("container") or {}).get("channel_id")
        or dm_channel(client, user)
    )
    action = body["actions"][0]
    said, conversation = read_button_value(action.get("value", ""))
    container = body.get("container") or {}
    message = body.get("message") or {}
    thread = message.get("thread_ts")
    conversation = conversation or slack_place(channel, thread)
    place = place_of(conversation) or Place(channel, thread)

    def tell(message_text: str) -> None:
        respond(response_type="ephemeral", replace_original=False, text=f":warning: {message_text}")

    with reported(tell, "action", user, channel):
        asker = button_asker(action.get("value", ""))
        if asker and asker != user:
            tell(f"Those buttons are <@{asker}>'s answer; ask me yourself for your own.")
            return
        settle(client, respond, body, said)
        ctx = services.context(team_id, user)
        where = Where(team_id, user, place.channel, services.is_admin(user))
        turn = _converse(services, client, ctx, where, said, conversation)
        if container.get("is_ephemeral"):
            _answer_privately(client, turn.reply, user, respond, conversation)
        else:
            _deliver(client, turn, user, None, place, conversation)


def settle(client: WebClient, respond, body: dict, said: str) -> None:
    """Mark the clicked message so an answer is given once: a row's buttons become what was
    chosen; a reply's buttons go, with a line saying which was clicked. The message is updated
    in place (chat.update; an ephemeral one through its response URL)."""
    message = body.get("message") or {}
    block_id = body["actions"][0].get("block_id", "")
    blocks = message.get("blocks") or []
    shown = "yes" if said == "yes" else "no" if said == "no" else said
    line = {"type": "context", "elements": [{"type": "mrkdwn", "text": f"You chose: {shown}."}]}
    if block_id.startswith(ROW_BLOCK):
        blocks = [line if b.get("block_id") == block_id else b for b in blocks]
    else:
        blocks = [b for b in blocks if b.get("type") != "actions"] + [line]
    if not message.get("blocks"):
        return
    container = body.get("container") or {}
    try:
        if container.get("is_ephemeral") or not container.get("message_ts"):
            respond(replace_original=True, blocks=blocks, text=message.get("text", ""))
        else:
            client.chat_update(
                channel=container["channel_id"],
                ts=container["message_ts"],
                blocks=blocks,
                text=message.get("text", ""),
            )
    except Exception as exc:  # the answer matters more than tidying the question
        log.warning("could not update the message clicked: %s", type(exc).__name__)


def _converse(services, client, ctx, where: Where, text: str, conversation: str) -> Turn:
    """The conversation's reply; Slack adds briefing schedules to the changes it can make."""
    turn = converse(text, ctx, conversation, changes=changes_for(services, client, where))
    if turn.changed:  # a label, an event...: the Home tab shows it too
        refresh_home_later(services, client, where.team_id, where.user_id)
    return turn


def changes_for(services: Services, client: WebClient, where: Where) -> Changes:
    """The changes a Slack conversation can make: the defaults and briefing schedules."""
    runtime = Runtime(services.engine, client, default_units=services.settings.units)

    def run(command_text: str) -> Reply:
        try:
            reply = briefing_command(
                command_text,
                runtime=runtime,
                client=client,
                team_id=where.team_id,
                user_id=where.user_id,
                channel_id=where.channel_id,
                is_admin=where.is_admin,
                tz_override=services.settings.tz,
            )
        except WorkoutsError as exc:
            return error_reply(str(exc))
        services.schedules_changed()
        return reply

    def plan(query, ctx) -> writes.Change:
        if query.kind == "schedule":
            return plan_schedule(query, ctx, where)
        return DEFAULT_CHANGES.plan(query, ctx)

    def perform(action: dict, ctx) -> Reply:
        if action["action"] == "briefing":
            return perform_schedule(action, run)
        return DEFAULT_CHANGES.perform(action, ctx)

    def show(query, ctx) -> Reply:
        if query.kind == "schedule":
            return run("briefing schedules")
        return answer(query, ctx)

    return Changes(DEFAULT_CHANGES.kinds | {"schedule"}, plan, perform, show)


def _deliver(client, turn: Turn, user: str, respond, place: Place, conversation: str) -> None:
    """Post the reply in ``place``, or to the asker alone when it is private (the slash
    command's ephemeral answer, or a DM for a mention)."""
    reply = turn.reply
    if not _private(turn.visibility, reply):
        post_reply(client, reply, place, private=False, conversation=conversation, asker=user)
    elif respond is not None:
        _answer_privately(client, reply, user, respond, conversation)
    else:
        dm = Place(dm_channel(client, user))
        post_reply(client, reply, dm, private=True, conversation=conversation, asker=user)


def place_of(conversation: str) -> Place | None:
    """The Slack place of a conversation key (see :func:`bot.conversation.slack_place`)."""
    parts = conversation.split(":")
    if len(parts) < 2 or parts[0] != "slack":
        return None
    return Place(parts[1], parts[2] if len(parts) > 2 else None)


def handle_file(
    services: Services, *, file_id: str, channel_id: str, team_id: str, client: WebClient
) -> None:
    """A file shared into a channel: ingest it once for its uploader, report in its thread."""
    info = client.files_info(file=file_id)["file"]
    key = f"slack-file:{team_id}:{file_id}"
    if not wanted(info, services.bot_user_id) or not claim(services.engine, key):
        return
    place = Place(channel_id, thread_of(info, channel_id))
    with reported(_poster(client, place), "upload", info.get("user", ""), channel_id) as state:
        _ingest(services, client, info, team_id, place)
    if state.get("crashed"):
        release(services.engine, key)  # a bug, not the file: a later share may try again


def _ingest(services: Services, client: WebClient, info: dict, team_id: str, place: Place):
    settings = services.settings
    ctx = services.context(team_id, info["user"])
    try:
        # Through a file on disk: ZIPs and Apple Health exports are then read as streams.
        with tempfile.TemporaryDirectory(prefix="workouts-upload-") as folder:
            path = download(
                info,
                Path(folder),
                token=settings.slack.bot_token,
                api_url=settings.slack.api_url,
                max_bytes=settings.max_archive_bytes,
            )
            report = ingest_path(
                services.engine,
                path,
                owner_key=ctx.owner_key,
                owner_name=info["user"],
                max_bytes=settings.max_upload_bytes,
                max_seconds=settings.max_seconds,
                max_inflated_bytes=settings.max_inflated_bytes,
            )
    except RefusedFile as exc:
        blocks, text = refusal_blocks(exc.file_name, exc.reason, exc.hint)
        client.chat_postMessage(
            channel=place.channel, thread_ts=place.thread_ts, blocks=blocks, text=text
        )
        return
    blocks, text = ingest_report_blocks(report)
    client.chat_postMessage(
        channel=place.channel, thread_ts=place.thread_ts, blocks=blocks, text=text
    )
    if report.new:
        summary = _classification_summary(services, ctx.owner_key, report.batch_ids)
        review = Button("Review uncertain ones", "review uncertain labels")
        blocks = [
            {"type": "section", "text": {"type": "mrkdwn", "text": summary}},
            button_block(
                Row("", (review,)),
                slack_place(place.channel, place.thread_ts),
                asker=info["user"],
            ),
        ]
        client.chat_postMessage(
            channel=place.channel, thread_ts=place.thread_ts, blocks=blocks, text=summary
        )
    refresh_home(services, client, team_id, info["user"])


def _classification_summary(services: Services, owner_key: str, batch_ids) -> str:
    classified = load_classified(services.engine, owner_key)
    new = classified.frame[
        classified.frame["id"].isin(batch_workout_ids(services.engine, *batch_ids))
    ]
    counts = new["label"].value_counts()
    names = owner_names(services.engine, owner_key)  # "walk" unless the owner has a dog event
    parts = ", ".join(fmt.count(n, fmt.label(label, names=names)) for label, n in counts.items())
    return (
        f"Classified what came in: {parts}. (model v{classified.version}; ask `/workouts why <id>`)"
    )


def _answer_privately(
    client: WebClient, reply: Reply, user: str, respond, conversation: str | None = None
) -> None:
    if reply.charts or reply.attachments:
        dm = Place(dm_channel(client, user))
        post_reply(client, reply, dm, private=True, conversation=conversation, asker=user)
        respond(response_type="ephemeral", text=f"{reply.title}: sent to you in a direct message.")
        return
    blocks, text = reply_blocks(
        reply, context_note=PRIVATE_NOTE, conversation=conversation, asker=user
    )
    respond(response_type="ephemeral", blocks=blocks, text=text)


def _private(visibility: str | None, reply: Reply) -> bool:
    if visibility:
        return visibility == "private"
    # Help and errors concern the asker only; the channel hears stories, not misunderstandings.
    return reply.personal or reply.kind in ("error", "help")


def _words(text: str) -> str:
    return " ".join(text.lower().split())


def _poster(client: WebClient, place: Place):
    return lambda message: short_error(client, place, message)


@contextmanager
def reported(tell, what: str, user: str, channel: str):
    """Tell the person what went wrong in one line; log unexpected failures with context.

    Yields a dict that says afterwards whether the work crashed (a bug, not bad input).
    """
    state: dict = {}
    try:
        yield state
    except WorkoutsError as exc:
        tell(str(exc))
    except Exception:
        state["crashed"] = True
        log.exception("slack %s for user %s in %s failed", what, user, channel)
        tell(SORRY)
