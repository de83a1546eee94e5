"""What the bot does with a form (bot/slack/forms.py): open it from a button, check a
submission before Slack closes the modal, and carry out a good one where the button was.

Opening and checking are quick and run while Slack waits (a trigger id lives 3 s; field errors
must be in the ack); carrying out runs afterwards like any other work.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient

from bot.answers import answer
from bot.conversation import slack_place, submit
from bot.language.query import Query
from bot.slack.blocks import button_asker, read_form_value
from bot.slack.briefings.commands import briefing_command
from bot.slack.briefings.plain import Where
from bot.slack.briefings.poster import Runtime
from bot.slack.delivery import Place, dm_channel, post_reply
from bot.slack.forms import FORMS, modal, read_submission
from bot.slack.handlers import changes_for, place_of, reported
from bot.slack.home import refresh_home_later
from bot.slack.services import Services

log = logging.getLogger("workouts.slack")


def open_form(services: Services, *, body: dict, client: WebClient) -> None:
    """A form button clicked: open its modal for the clicker."""
    value = body["actions"][0].get("value", "")
    form, fill, conversation = read_form_value(value)
    if form not in FORMS:
        return
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
        "channel_id", ""
    )
    asker, user = button_asker(value), body["user"]["id"]
    if asker and asker != user:
        client.chat_postEphemeral(
            channel=channel,
            user=user,
            text=f":warning: Those buttons are <@{asker}>'s answer; ask me yourself for your own.",
        )
        return
    client.views_open(trigger_id=body["trigger_id"], view=modal(form, fill, conversation, channel))


def check_submission(services: Services, body: dict) -> dict | None:
    """The errors to show in the modal (Slack's ``response_action``), or None when it is good."""
    today = services.context(_team(body), body["user"]["id"]).today
    _, outcome = read_submission(body.get("view") or {}, today)
    if outcome.errors:
        return {"response_action": "errors", "errors": outcome.errors}
    return None


def handle_submission(services: Services, *, body: dict, client: WebClient) -> None:
    """A good submission: carry it out as the submitter, answer where the form was opened."""
    user, team = body["user"]["id"], _team(body)
    ctx = services.context(team, user)
    metadata, outcome = read_submission(body.get("view") or {}, ctx.today)
    if outcome.errors:
        return  # refused in the ack already; a retry changes nothing
    channel = metadata.get("channel") or dm_channel(client, user)
    conversation = metadata.get("in") or slack_place(channel)
    place = place_of(conversation) or Place(channel)
    if place.channel != channel:  # opened from a private answer (a DM): answer there
        place = Place(channel)

    def tell(text: str) -> None:
        client.chat_postEphemeral(channel=place.channel, user=user, text=f":warning: {text}")

    with reported(tell, "form", user, place.channel):
        where = Where(team, user, place.channel, services.is_admin(user))
        if outcome.command:
            reply = _briefing(services, client, where, outcome.command)
            post_reply(client, reply, Place(dm_channel(client, user)), private=True, asker=user)
            return
        changes = changes_for(services, client, where)
        turn = submit(outcome.query, ctx, conversation, changes=changes)
        if turn.changed:
            refresh_home_later(services, client, team, user)
        post_reply(client, turn.reply, place, private=True, conversation=conversation, asker=user)
        if outcome.query.kind == "events" and turn.reply.kind != "error":
            ctx.forget()
            story = answer(Query("story", event_name=outcome.query.event_name), ctx)
            post_reply(client, story, place, private=False, conversation=conversation, asker=user)


def _briefing(services: Services, client: WebClient, where: Where, command: str):
    runtime = Runtime(services.engine, client, default_units=services.settings.units)
    reply = briefing_command(
        command,
        runtime=runtime,
        client=client,
        team_id=where.team_id,
        user_id=where.user_id,
        channel_id=where.channel_id,
        is_admin=where.is_admin,
        tz_override=services.settings.tz,
    )
    services.schedules_changed()
    return reply


def _team(body: dict) -> str:
    return (body.get("team") or {}).get("id") or body["user"].get("team_id", "")
