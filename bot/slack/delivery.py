"""Putting a reply where it belongs in Slack: blocks in a channel, thread or DM, charts and files
uploaded next to it (``files_upload_v2`` to the channel id, with alt text)."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient

from bot.reply import Reply
from bot.slack.blocks import reply_blocks, table_csv, table_is_cut

PRIVATE_NOTE = "Only you can see this. Add `public` to your command to share it in the channel."
PUBLIC_NOTE = "Add `private` to get answers like this one just for you."


@dataclass(frozen=True)
class Place:
    """A channel (or DM) and optionally the thread to answer in."""

    channel: str
    thread_ts: str | None = None


def post_reply(
    client: WebClient,
    reply: Reply,
    place: Place,
    *,
    private: bool,
    conversation: str | None = None,
    asker: str | None = None,
) -> str:
    """Post the reply's blocks, then its charts and files, in ``place``; returns the message ts.
    Its buttons answer in ``conversation`` (where the question was asked), for ``asker`` only."""
    note = PRIVATE_NOTE if private else PUBLIC_NOTE
    blocks, text = reply_blocks(reply, context_note=note, conversation=conversation, asker=asker)
    posted = client.chat_postMessage(
        channel=place.channel, thread_ts=place.thread_ts, blocks=blocks, text=text
    )
    upload_files(client, reply, Place(posted["channel"], place.thread_ts))
    return posted["ts"]


def upload_files(client: WebClient, reply: Reply, place: Place) -> None:
    """Charts (with alt text), attachments, and the full table when the message shows a cut."""
    files = [
        (c.png, c.filename, c.filename.rsplit(".", 1)[0].replace("-", " "), c.alt[:1000])
        for c in reply.charts
    ]
    files += [(a.data, a.filename, a.title or a.filename, None) for a in reply.attachments]
    if reply.table is not None and table_is_cut(reply):
        files.append((table_csv(reply.table), "table.csv", f"{reply.title} (full table)", None))
    for data, filename, title, alt in files:
        client.files_upload_v2(
            channel=place.channel,
            thread_ts=place.thread_ts,
            file=data,
            filename=filename,
            title=title,
            alt_txt=alt,
        )


def dm_channel(client: WebClient, user_id: str) -> str:
    """The id of the bot's direct-message channel with ``user_id``."""
    return client.conversations_open(users=user_id)["channel"]["id"]


def short_error(client: WebClient, place: Place, message: str) -> None:
    """A one-line apology where the person asked; never a traceback."""
    client.chat_postMessage(
        channel=place.channel, thread_ts=place.thread_ts, text=f":warning: {message}"
    )
