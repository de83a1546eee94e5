"""What the Slack listeners need besides the event: the store, the settings, the bot's id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.engine import Engine

from bot.context import Context
from etl.db.owners import slack_key
from etl.settings import Settings


@dataclass(frozen=True)
class Services:
    """Shared by every listener; the asker's identity always comes from the event itself."""

    settings: Settings
    engine: Engine
    bot_user_id: str
    today: date | None = field(default=None)
    # Called after briefing schedules change, so a running scheduler can follow.
    schedules_changed: Callable[[], None] = field(default=lambda: None)

    def context(self, team_id: str, user_id: str) -> Context:
        """A question's context for a Slack user: owner = team id + user id."""
        owner = slack_key(team_id, user_id)
        day = self.today or self.settings.today or date.today()
        return Context(
            self.engine,
            owner,
            user_id,
            day,
            default_units=self.settings.units,
            llm=self.settings.llm,
        )

    def is_admin(self, user_id: str) -> bool:
        """Whether the user may run workspace-wide commands."""
        return user_id in self.settings.slack.admins
